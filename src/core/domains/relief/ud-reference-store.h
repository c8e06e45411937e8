/* ud-reference-store.h — the relief reference tables, versioned, in the database
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-database.h"
#include "ud-relief.h"
#include "ud-room-standards.h"

G_BEGIN_DECLS

/* The disease catalogue, the low-income line, the relief rules (DOMAIN
 * §2–§3) and the standards of the mother-and-baby rooms (§5) are data:
 * each is a list of versions by effective date, shipped in
 * data/reference/ and stored in the office database (table
 * reference_version), where the administrator adds new versions.  The
 * shipped tables are stored the first time the database is used for
 * them (ud_reference_ensure_defaults()).  A version that a decision used
 * — an application approved or rejected under it — never changes again:
 * a change is a new version with a later effective date.  Likewise no
 * room standards may take effect on or before the day a room was
 * plaqued: that room was judged by the versions in force then.
 */

#define UD_REFERENCE_ERROR (ud_reference_error_quark ())

typedef enum
{
  UD_REFERENCE_ERROR_INVALID,     /* the version's JSON or dates are wrong */
  UD_REFERENCE_ERROR_EXISTS,      /* the name or effective date is taken */
  UD_REFERENCE_ERROR_NOT_FOUND,
  UD_REFERENCE_ERROR_IN_USE,      /* a decision used it, or would be changed by it */
} UdReferenceError;

typedef enum
{
  UD_REFERENCE_DISEASES,
  UD_REFERENCE_LOW_INCOME_LINE,
  UD_REFERENCE_RELIEF_RULES,
  UD_REFERENCE_ROOM_STANDARDS,
} UdReferenceKind;

#define UD_N_REFERENCE_KINDS (UD_REFERENCE_ROOM_STANDARDS + 1)

typedef struct
{
  gint64           id;
  char            *uuid;
  UdReferenceKind  kind;
  char            *version;     /* "2024-01"; a low-income line is named by its effective date */
  char            *effective;   /* YYYY-MM-DD */
  char            *data;        /* the version's JSON object, as in data/reference/ */
  char            *created_at;  /* UTC ISO 8601 */
  char            *created_by;
  char            *updated_at;
  char            *updated_by;
  gboolean         in_use;      /* a decision used it: it cannot change */
} UdReferenceVersion;

GQuark              ud_reference_error_quark       (void);

/* "diseases", "low_income_line", "relief_rules", "room_standards" */
const char         *ud_reference_kind_to_string    (UdReferenceKind  kind);
gboolean            ud_reference_kind_from_string  (const char      *text,
                                                    UdReferenceKind *kind);
/* Translated: "Disease catalogue", "Low-income line", "Relief rules",
 * "Room standards". */
const char         *ud_reference_kind_get_label    (UdReferenceKind  kind);

void                ud_reference_version_free      (UdReferenceVersion *version);

/* Stores the shipped versions of every table that has none in @db yet.
 * Idempotent; within the caller's transaction when one is open, else in
 * its own.  Nothing to do on a read-only database. */
gboolean            ud_reference_ensure_defaults   (UdDatabase      *db,
                                                    GError         **error);

/* The versions of @kind, by effective date (the shipped ones stored
 * first when the database has none). */
GPtrArray          *ud_reference_list              (UdDatabase      *db,
                                                    UdReferenceKind  kind,
                                                    GError         **error);
UdReferenceVersion *ud_reference_get               (UdDatabase      *db,
                                                    UdReferenceKind  kind,
                                                    const char      *version,
                                                    GError         **error);

/* Adds a version: @json is one object in the shape of the table's file
 * (data/reference/README.md), checked together with the versions already
 * stored.  Refused when its name or effective date is taken, or when an
 * application dated on or after its effective date has been decided
 * (the new version would change the rules that decision was made under)
 * — for the room standards, when a room was plaqued on or after it.
 * Needs UD_PERMISSION_EDIT_REFERENCE_DATA.  Audited. */
UdReferenceVersion *ud_reference_add_version       (UdDatabase      *db,
                                                    UdReferenceKind  kind,
                                                    const char      *json,
                                                    GError         **error);
/* Replaces version @version of @kind with @json, under the same checks;
 * refused with UD_REFERENCE_ERROR_IN_USE when a decision used it. */
UdReferenceVersion *ud_reference_update_version    (UdDatabase      *db,
                                                    UdReferenceKind  kind,
                                                    const char      *version,
                                                    const char      *json,
                                                    GError         **error);

/* The rules built from the database's versions; a table the database
 * does not hold yet (a read-only database never set up for relief work)
 * comes from the shipped files. */
UdReliefRules      *ud_reference_load_rules        (UdDatabase      *db,
                                                    GError         **error);

/* The room standards built from the database's versions (the shipped
 * ones for a database that holds none). */
UdRoomStandards    *ud_reference_load_room_standards (UdDatabase    *db,
                                                      GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdReferenceVersion, ud_reference_version_free)

G_END_DECLS
