/* ud-room-standards.h — the standards of the mother-and-baby rooms and their compliance rule
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-types.h"

G_BEGIN_DECLS

/* DOMAIN §5: a room (母婴关爱室) is compliant when its area is at least
 * its type's minimum and it has every facility its type requires; a
 * corner (母婴关爱角) is held to the facilities of a room in a unit or
 * building with its own minimum area.  Encouraged facilities never fail
 * a room.  The minimum areas and the required facilities are data:
 * data/reference/room-standards.json, versioned by effective date.  Areas
 * are compared in hundredths of m², never as floating point. */

#define UD_ROOM_ERROR (ud_room_error_quark ())

typedef enum
{
  UD_ROOM_ERROR_INPUT,      /* a case cannot be judged: the message names the field */
  UD_ROOM_ERROR_DATA,       /* a standards table is broken */
  UD_ROOM_ERROR_NOT_FOUND,  /* no such room */
  UD_ROOM_ERROR_INVALID,    /* a record's field: the message names it */
} UdRoomError;

GQuark      ud_room_error_quark (void);

typedef enum
{
  UD_ROOM_TYPE_UNIT,      /* 单位内部 */
  UD_ROOM_TYPE_BUILDING,  /* 楼宇/工会服务站 */
  UD_ROOM_TYPE_PUBLIC,    /* 公共场所 */
  UD_ROOM_TYPE_CORNER,    /* 母婴关爱角 */
  UD_ROOM_N_TYPES,
} UdRoomType;

/* "unit", "building", "public", "corner" */
const char *ud_room_type_to_string   (UdRoomType   type);
gboolean    ud_room_type_from_string (const char  *text,
                                      UdRoomType  *type);

/* The facilities that are there or not (the counts are apart). */
typedef enum
{
  UD_ROOM_POWER_SOCKET,
  UD_ROOM_FRIDGE,
  UD_ROOM_PRIVACY,
  UD_ROOM_CHANGING_TABLE,
  UD_ROOM_KEEPER,
  UD_ROOM_WASH_BASIN,       /* encouraged from here on */
  UD_ROOM_WATER_DISPENSER,
  UD_ROOM_MICROWAVE,
  UD_ROOM_STERILISER,
  UD_ROOM_STORAGE_CABINET,
  UD_ROOM_AIR_CONDITIONING,
  UD_ROOM_N_FACILITIES,
} UdRoomFacility;

/* "power_socket", "fridge", … as in the case and the standards. */
const char *ud_room_facility_to_string (UdRoomFacility facility);
/* Translated: "Power socket", "Fridge for breast milk", … */
const char *ud_room_facility_get_label (UdRoomFacility facility);
/* Translated: "Inside a unit", "Public place", … (the room kind's words) */
const char *ud_room_type_get_label     (UdRoomType     type);

/* What a type may require, as a version's "required" lists it, in the
 * order of the failure codes: table_chair_sets, table, seats,
 * power_socket, fridge, privacy, changing_table, keeper; NULL-terminated. */
const char * const *ud_room_requirement_names     (void);
/* Translated, for the requirement @name (one of the above). */
const char         *ud_room_requirement_get_label (const char *name);

typedef struct
{
  GDate       date;              /* the standards in force on it */
  UdRoomType  type;
  gint64      area;              /* hundredths of m² */
  gint64      table_chair_sets;  /* sets of table and chair */
  gint64      tables;
  gint64      seats;
  gboolean    has[UD_ROOM_N_FACILITIES];
} UdRoomCase;

typedef struct
{
  gboolean   compliant;          /* failed is empty */
  GPtrArray *failed;             /* char *: area_below_minimum, too_few_table_chair_sets,
                                  * no_table, too_few_seats, no_power_socket, no_fridge,
                                  * no_privacy, no_changing_table, no_keeper — in this order */
  GPtrArray *reasons;            /* char *: translated sentences */
  char      *standards_version;
  gint64     min_area;           /* hundredths of m², the type's minimum */
} UdRoomVerdict;

/* Every failure code, in the order above, NULL-terminated. */
const char * const *ud_room_failure_codes (void);

typedef struct _UdRoomStandards UdRoomStandards;

/* @json: standards in the shape of data/reference/room-standards.json, or
 * NULL for the shipped ones. */
UdRoomStandards *ud_room_standards_new         (const char       *json,
                                                GError          **error);
/* The shipped standards, read once (they are part of the program). */
UdRoomStandards *ud_room_standards_get_default (void);
/* The shipped table's text: the first versions an office database
 * stores (ud_reference_ensure_defaults()). */
char            *ud_room_standards_shipped_text (GError         **error);
/* The standards rooms are judged by in this program — its database's
 * versions once they are read (ud_reference_load_room_standards()), the
 * shipped ones until then: the record's derived compliance and the
 * editor's verdict as typed.  Thread-safe; get returns a reference. */
UdRoomStandards *ud_room_standards_get_current (void);
void             ud_room_standards_set_current (UdRoomStandards  *standards);
UdRoomStandards *ud_room_standards_ref         (UdRoomStandards  *standards);
void             ud_room_standards_unref       (UdRoomStandards  *standards);

/* Reads a case in the shape of `uniondesk-cli room check` (DESIGN §10):
 * date, type, area_m2 (text or a number) and facilities (counts
 * table_chair_sets, tables and seats; the others true or false; a member
 * left out is a facility that is not there).  A negative area or count,
 * an unknown type or an unknown member is refused naming it. */
gboolean    ud_room_case_from_json (const char            *json,
                                    UdRoomCase            *c,
                                    GError               **error);

/* Judges @c under the version in force on its date; with @earliest, a
 * date before every version is judged by the first (a record opened
 * before the standards), else it is an UD_ROOM_ERROR_INPUT. */
gboolean    ud_room_check          (UdRoomStandards       *standards,
                                    const UdRoomCase      *c,
                                    gboolean               earliest,
                                    UdRoomVerdict         *out,
                                    GError               **error);
void        ud_room_verdict_clear  (UdRoomVerdict         *verdict);
/* The answer of `uniondesk-cli room check`, one line of JSON. */
char       *ud_room_verdict_to_json (const UdRoomVerdict  *verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdRoomStandards, ud_room_standards_unref)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UdRoomVerdict, ud_room_verdict_clear)

G_END_DECLS
