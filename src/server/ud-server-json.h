/* ud-server-json.h — defensive reading of sync requests, JSON text helpers
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-audit-hash.h"
#include "ud-json-writer.h"
#include "ud-received.h"
#include "ud-record.h"

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
/* Audit entries of the office's trail in one push. */
#define UD_SERVER_MAX_AUDIT       1000

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
  /* Why the checks of what arrives (ud-received.h) refused it, or NULL:
   * kept in quarantine, not stored. */
  char     *refusal;
} UdServerChange;

/* One entry of an office's audit trail (DESIGN §2), as the office holds
 * it: the city keeps a copy of each office's trail, so that a trail
 * rewritten in the office is seen here. */
typedef struct
{
  gint64  id;
  char   *fields[UD_AUDIT_HASHED_FIELDS];   /* at, actor, action, … (ud-audit-hash.h) */
  char   *hash;
} UdServerAuditEntry;

typedef struct
{
  char      *client;
  char      *batch;
  GPtrArray *changes;      /* of UdServerChange */
  GPtrArray *audit;        /* of UdServerAuditEntry, ids following each other; may be empty */
  char      *fingerprint;  /* identifies the batch's content for replays */
} UdServerPush;

GQuark          ud_server_json_error_quark      (void);

UdServerPush   *ud_server_push_parse            (const char           *body,
                                                 gsize                 length,
                                                 GError              **error);
void            ud_server_push_free             (UdServerPush         *push);

void            ud_server_audit_entry_free      (UdServerAuditEntry   *entry);
/* The entry as a JSON object of its members (for json_to_recordset). */
void            ud_server_audit_entry_append_json (GString                  *out,
                                                   const UdServerAuditEntry *entry);

UdServerChange *ud_server_change_new            (void);
void            ud_server_change_free           (UdServerChange       *change);
gboolean        ud_server_is_district_code      (const char           *text);
gboolean        ud_server_change_is_reference   (const UdServerChange *change);
gboolean        ud_server_change_is_aid         (const UdServerChange *change);
void            ud_server_change_append_json    (const UdServerChange *change,
                                                 GString              *out,
                                                 gint64                seq);

/* The record a change (or a stored version: @data its JSON text) holds,
 * as the kind of that name describes it.  NULL for a kind this server
 * does not know (a later version's, the city's reference data), and NULL
 * with @refusal set when a field is neither text nor a whole number. */
UdRecord       *ud_server_record_new            (const char           *kind,
                                                 const char           *uuid,
                                                 const char           *district,
                                                 const char           *hlc,
                                                 gboolean              deleted,
                                                 const char           *data,
                                                 char                **refusal);

/* Checks every change of @push with its kind's description and rules and
 * its workflow (ud-received.h), together with the batch and what @store
 * holds; sets change->refusal on each change refused.  A kind this
 * server does not know is not checked. */
gboolean        ud_server_push_check            (UdServerPush         *push,
                                                 const UdReceivedStore *store,
                                                 GError              **error);

char           *ud_server_json_error_body       (const char           *code,
                                                 const char           *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdServerPush, ud_server_push_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdServerChange, ud_server_change_free)

G_END_DECLS
