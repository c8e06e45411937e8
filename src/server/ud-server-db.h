/* ud-server-db.h — the server's PostgreSQL storage: schema, push, pull
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "ud-server-json.h"

G_BEGIN_DECLS

#define UD_SERVER_DB_ERROR (ud_server_db_error_quark ())

typedef enum
{
  UD_SERVER_DB_ERROR_UNAVAILABLE,    /* cannot connect, connection lost, lock timeout */
  UD_SERVER_DB_ERROR_FAILED,         /* a statement failed */
  UD_SERVER_DB_ERROR_SCHEMA,         /* the schema is newer than this server */
  UD_SERVER_DB_ERROR_FORBIDDEN,      /* a change would overwrite another district's record */
  UD_SERVER_DB_ERROR_BATCH_REUSED,   /* a batch id sent again with other changes */
} UdServerDbError;

/* The newest schema version this server knows. */
#define UD_SERVER_DB_SCHEMA_VERSION 3

/* Pull page sizes. */
#define UD_SERVER_PULL_DEFAULT_LIMIT 500
#define UD_SERVER_PULL_MAX_LIMIT     5000
/* A page stops growing past this many bytes of JSON ("more" is then true). */
#define UD_SERVER_PULL_MAX_BYTES     (16 * 1024 * 1024)

typedef struct _UdServerDbPool UdServerDbPool;

GQuark          ud_server_db_error_quark     (void);

PGconn         *ud_server_db_connect         (const char      *conninfo,
                                              GError         **error);
PGresult       *ud_server_db_exec            (PGconn          *conn,
                                              const char      *sql,
                                              int              n_params,
                                              const char     **params,
                                              GError         **error);
gboolean        ud_server_db_migrate         (PGconn          *conn,
                                              GError         **error);
int             ud_server_db_schema_version  (PGconn          *conn,
                                              GError         **error);
gboolean        ud_server_db_ping            (PGconn          *conn,
                                              GError         **error);
gboolean        ud_server_db_audit           (PGconn          *conn,
                                              gint64           token_id,
                                              const char      *action,
                                              const char      *detail_json,
                                              GError         **error);

GBytes         *ud_server_db_push            (PGconn              *conn,
                                              gint64               token_id,
                                              const char          *district,
                                              const UdServerPush  *push,
                                              GError             **error);
/* One page of what @district sees after @since; @next_out and @more_out
 * (nullable) get the page's "next" and "more". */
GBytes         *ud_server_db_pull            (PGconn              *conn,
                                              const char          *district,
                                              gint64               since,
                                              guint                limit,
                                              gint64              *next_out,
                                              gboolean            *more_out,
                                              GError             **error);

UdServerDbPool *ud_server_db_pool_new        (const char      *conninfo);
void            ud_server_db_pool_free       (UdServerDbPool  *pool);
PGconn         *ud_server_db_pool_acquire    (UdServerDbPool  *pool,
                                              GError         **error);
void            ud_server_db_pool_release    (UdServerDbPool  *pool,
                                              PGconn          *conn);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdServerDbPool, ud_server_db_pool_free)

G_END_DECLS
