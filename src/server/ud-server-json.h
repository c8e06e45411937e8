/* ud-server-json.h — defensive reading of sync requests, JSON text helpers
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-json-writer.h"

G_BEGIN_DECLS

/* The sync protocol this server speaks (DESIGN.md §7). */
#define UD_SERVER_PROTOCOL 1

/* Limits on what a client may send. A request beyond them is refused as a
 * whole before anything touches the database. */
#define UD_SERVER_MAX_BODY        (8 * 1024 * 1024)
#define UD_SERVER_MAX_CHANGES     500
#define UD_SERVER_MAX_DEPTH       32
#define UD_SERVER_MAX_STRING      (64 * 1024)
#define UD_SERVER_MAX_MEMBER_NAME 256
#define UD_SERVER_MAX_KIND        64

#define UD_SERVER_JSON_ERROR (ud_server_json_error_quark ())

typedef enum
{
  UD_SERVER_JSON_ERROR_MALFORMED,     /* not JSON, not UTF-8, NUL in text */
  UD_SERVER_JSON_ERROR_TOO_DEEP,      /* nesting beyond UD_SERVER_MAX_DEPTH */
  UD_SERVER_JSON_ERROR_TOO_MANY,      /* more than UD_SERVER_MAX_CHANGES */
  UD_SERVER_JSON_ERROR_INVALID,       /* a member missing, of the wrong type or format */
  UD_SERVER_JSON_ERROR_PROTOCOL,      /* a protocol version we do not speak */
} UdServerJsonError;

/* One change of a push, validated and normalised (lower-case uuid). */
typedef struct
{
  char     *kind;
  char     *uuid;
  char     *district;
  char     *hlc;
  char     *base_hlc;   /* NULL: the client had no earlier version */
  gboolean  deleted;
  char     *data;       /* the "data" object as compact JSON text */
  char     *id_number;  /* data.id_number, normalised, or NULL */
  char     *aid_date;   /* ISO date of the aid this record stands for, or NULL */
} UdServerChange;

typedef struct
{
  char      *client;
  char      *batch;
  GPtrArray *changes;      /* of UdServerChange */
  char      *fingerprint;  /* identifies the batch's content for replays */
} UdServerPush;

GQuark          ud_server_json_error_quark      (void);

UdServerPush   *ud_server_push_parse            (const char           *body,
                                                 gsize                 length,
                                                 GError              **error);
void            ud_server_push_free             (UdServerPush         *push);

UdServerChange *ud_server_change_new            (void);
void            ud_server_change_free           (UdServerChange       *change);
gboolean        ud_server_is_district_code      (const char           *text);
gboolean        ud_server_change_is_reference   (const UdServerChange *change);
gboolean        ud_server_change_is_aid         (const UdServerChange *change);
void            ud_server_change_append_json    (const UdServerChange *change,
                                                 GString              *out,
                                                 gint64                seq);

char           *ud_server_json_error_body       (const char           *code,
                                                 const char           *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdServerPush, ud_server_push_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdServerChange, ud_server_change_free)

G_END_DECLS
