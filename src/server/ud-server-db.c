/* ud-server-db.c — the server's PostgreSQL storage: schema, push, pull
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-server"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ud-server-db.h"

/* Any constant will do: it only has to be the same in every server process
 * so that two servers starting together do not migrate at the same time. */
#define MIGRATION_LOCK_KEY "7150118"

struct _UdServerDbPool
{
  char        *conninfo;
  GAsyncQueue *idle;   /* of PGconn, ready for use */
};

/* One schema version per entry; never edit an entry once released, add one.
 *
 * The pull cursor: every row a client can pull (records, conflicts, flags)
 * carries a seq from one counter, and the counter row is locked (SELECT …
 * FOR UPDATE) by each pushing transaction until it commits. Sequence numbers
 * are therefore handed out and committed in the same order: a client that
 * has read up to 120 can never later meet a 118 that committed late, which
 * a plain SEQUENCE would allow (nextval() is not transactional). The cost
 * is that pushes commit one at a time; see the bench figures in README. */
static const char * const migrations[] = {
  /* 1 */
  "CREATE TABLE sync_counter ("
  "  id boolean PRIMARY KEY DEFAULT true CHECK (id),"
  "  last_seq bigint NOT NULL"
  ");"
  "INSERT INTO sync_counter (last_seq) VALUES (0);"

  "CREATE TABLE tokens ("
  "  id bigserial PRIMARY KEY,"
  "  token_hash text NOT NULL UNIQUE,"
  "  district text NOT NULL CHECK (district ~ '^[0-9]{6}$'),"
  "  name text NOT NULL,"
  "  created_at timestamptz NOT NULL DEFAULT now(),"
  "  revoked_at timestamptz"
  ");"

  /* scope is the district, or '*' for city-wide reference data. */
  "CREATE TABLE records ("
  "  kind text NOT NULL,"
  "  uuid uuid NOT NULL,"
  "  district text NOT NULL,"
  "  scope text NOT NULL,"
  "  hlc text NOT NULL,"
  "  base_hlc text,"
  "  deleted boolean NOT NULL,"
  "  data jsonb NOT NULL,"
  "  seq bigint NOT NULL UNIQUE,"
  "  updated_at timestamptz NOT NULL DEFAULT now(),"
  "  updated_by bigint NOT NULL REFERENCES tokens (id),"
  "  PRIMARY KEY (kind, uuid)"
  ");"
  "CREATE INDEX records_scope_seq ON records (scope, seq);"

  "CREATE TABLE batches ("
  "  client uuid NOT NULL,"
  "  batch uuid NOT NULL,"
  "  token_id bigint NOT NULL REFERENCES tokens (id),"
  "  fingerprint text NOT NULL,"
  "  answer text NOT NULL,"
  "  applied integer NOT NULL,"
  "  conflicts integer NOT NULL,"
  "  received_at timestamptz NOT NULL DEFAULT now(),"
  "  PRIMARY KEY (client, batch)"
  ");"

  /* winner and loser are json, not jsonb, so that a pull shows them
   * byte for byte as the push answer did. */
  "CREATE TABLE conflicts ("
  "  seq bigint PRIMARY KEY,"
  "  kind text NOT NULL,"
  "  uuid uuid NOT NULL,"
  "  district text NOT NULL,"
  "  winner json NOT NULL,"
  "  loser json NOT NULL,"
  "  batch uuid NOT NULL,"
  "  created_at timestamptz NOT NULL DEFAULT now()"
  ");"
  "CREATE INDEX conflicts_district_seq ON conflicts (district, seq);"

  /* One row per current aid record that names a person. */
  "CREATE TABLE aid_events ("
  "  kind text NOT NULL,"
  "  uuid uuid NOT NULL,"
  "  district text NOT NULL,"
  "  id_number text NOT NULL,"
  "  event_date date NOT NULL,"
  "  dated boolean NOT NULL,"
  "  PRIMARY KEY (kind, uuid)"
  ");"
  "CREATE INDEX aid_events_id_number ON aid_events (id_number, event_date);"

  /* A flag tells district 'district' that its record (kind, uuid) names a
   * person who had aid in another district within 12 months. */
  "CREATE TABLE flags ("
  "  seq bigint PRIMARY KEY,"
  "  district text NOT NULL,"
  "  kind text NOT NULL,"
  "  uuid uuid NOT NULL,"
  "  event_date date NOT NULL,"
  "  other_district text NOT NULL,"
  "  other_kind text NOT NULL,"
  "  other_uuid uuid NOT NULL,"
  "  other_date date NOT NULL,"
  "  created_at timestamptz NOT NULL DEFAULT now(),"
  "  UNIQUE (kind, uuid, other_kind, other_uuid)"
  ");"
  "CREATE INDEX flags_district_seq ON flags (district, seq);"

  "CREATE TABLE audit ("
  "  id bigserial PRIMARY KEY,"
  "  at timestamptz NOT NULL DEFAULT now(),"
  "  token_id bigint,"
  "  action text NOT NULL,"
  "  detail jsonb NOT NULL DEFAULT '{}'"
  ");",

  /* 2: a copy of each office's audit trail (DESIGN §2), kept as it was
   * received, per office (client) and district.  The entries are a hash
   * chain: an office whose trail was rewritten after the city received it
   * sends entries that do not match the copy, or do not follow it; they
   * are not stored, and an alert is kept for the city's administrator
   * (once per entry and reason). */
  "CREATE TABLE office_audit ("
  "  client uuid NOT NULL,"
  "  id bigint NOT NULL CHECK (id > 0),"
  "  district text NOT NULL,"
  "  at text NOT NULL,"
  "  actor text NOT NULL,"
  "  action text NOT NULL,"
  "  kind text,"
  "  uuid text,"
  "  field text,"
  "  old_value text,"
  "  new_value text,"
  "  detail text,"
  "  hash text NOT NULL,"
  "  token_id bigint NOT NULL REFERENCES tokens (id),"
  "  received_at timestamptz NOT NULL DEFAULT now(),"
  "  PRIMARY KEY (client, id)"
  ");"
  "CREATE INDEX office_audit_district ON office_audit (district, client, id);"
  "CREATE TABLE office_audit_alerts ("
  "  id bigserial PRIMARY KEY,"
  "  client uuid NOT NULL,"
  "  district text NOT NULL,"
  "  entry_id bigint NOT NULL,"
  "  reason text NOT NULL CHECK (reason IN ('rewritten', 'broken')),"
  "  stored_hash text,"
  "  received json NOT NULL,"
  "  token_id bigint NOT NULL REFERENCES tokens (id),"
  "  batch uuid NOT NULL,"
  "  created_at timestamptz NOT NULL DEFAULT now(),"
  "  UNIQUE (client, entry_id, reason)"
  ");"
  "CREATE FUNCTION office_audit_as_received () RETURNS trigger LANGUAGE plpgsql AS"
  " $$ BEGIN RAISE EXCEPTION 'the offices'' audit trails are kept as they were received'; END $$;"
  "CREATE TRIGGER office_audit_no_change BEFORE UPDATE OR DELETE ON office_audit"
  " FOR EACH ROW EXECUTE FUNCTION office_audit_as_received ();"
  "CREATE TRIGGER office_audit_alerts_no_change BEFORE UPDATE OR DELETE ON office_audit_alerts"
  " FOR EACH ROW EXECUTE FUNCTION office_audit_as_received ();",

  /* 3: one workflow trail for every kind.  The steps of the relief
   * trail, kind illness_step with data.application_uuid, become
   * workflow_step records naming their record's kind and uuid (the
   * offices migrate their own copies alike, under the same uuids). */
  "UPDATE records SET kind = 'workflow_step',"
  " data = (data - 'application_uuid')"
  "        || jsonb_build_object ('record_kind', 'illness_application', 'record_uuid', data -> 'application_uuid')"
  " WHERE kind = 'illness_step';"
  "UPDATE conflicts SET kind = 'workflow_step' WHERE kind = 'illness_step';",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == UD_SERVER_DB_SCHEMA_VERSION);

G_DEFINE_QUARK (ud-server-db-error-quark, ud_server_db_error)

static void
set_error_from_conn (PGconn     *conn,
                     PGresult   *result,
                     GError    **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *text = result != NULL && *PQresultErrorMessage (result) != '\0'
                     ? PQresultErrorMessage (result) : PQerrorMessage (conn);
  g_autofree char *message = g_strstrip (g_strdup (text));

  /* Lost connections, lock and statement timeouts, deadlocks and
   * serialisation failures are worth a retry by the client: 503. */
  if (PQstatus (conn) != CONNECTION_OK ||
      (state != NULL && (g_str_has_prefix (state, "08") ||
                         g_str_has_prefix (state, "40") ||
                         g_str_has_prefix (state, "57") ||
                         g_str_equal (state, "55P03"))))
    g_set_error (error, UD_SERVER_DB_ERROR, UD_SERVER_DB_ERROR_UNAVAILABLE,
                 _("The database is not available at the moment: %s"), message);
  else
    g_set_error (error, UD_SERVER_DB_ERROR, UD_SERVER_DB_ERROR_FAILED,
                 _("The database refused a statement: %s"), message);
}

/**
 * ud_server_db_connect:
 * @conninfo: a libpq connection string or URI
 * @error: return location for a %UD_SERVER_DB_ERROR
 *
 * Returns: (transfer full): a connection in UTF-8 with the server's
 *   timeouts set, or %NULL
 */
PGconn *
ud_server_db_connect (const char  *conninfo,
                      GError     **error)
{
  const char *keywords[] = { "dbname", "application_name", "client_encoding", NULL };
  const char *values[] = { conninfo, "uniondesk-server", "UTF8", NULL };
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  conn = PQconnectdbParams (keywords, values, TRUE);
  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strstrip (g_strdup (conn != NULL ? PQerrorMessage (conn) : ""));

      g_set_error (error, UD_SERVER_DB_ERROR, UD_SERVER_DB_ERROR_UNAVAILABLE,
                   _("Cannot connect to the database: %s"), message);
      return NULL;
    }

  /* A push waits for the counter lock; it should give up (503, the client
   * retries) rather than hang behind a stuck transaction. */
  result = PQexec (conn, "SET lock_timeout = '30s'; SET statement_timeout = '300s';"
                         "SET idle_in_transaction_session_timeout = '300s';"
                         "SET client_min_messages = warning");
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      set_error_from_conn (conn, result, error);
      return NULL;
    }

  return g_steal_pointer (&conn);
}

/**
 * ud_server_db_exec:
 * @conn: a connection
 * @sql: one statement with $1… parameter markers
 * @n_params: the number of parameters
 * @params: (array length=n_params) (nullable): the parameters as text;
 *   %NULL elements are SQL NULL
 * @error: return location for a %UD_SERVER_DB_ERROR
 *
 * Values are always passed as parameters, never pasted into the SQL.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
PGresult *
ud_server_db_exec (PGconn      *conn,
                   const char  *sql,
                   int          n_params,
                   const char **params,
                   GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  ExecStatusType status;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);
  status = PQresultStatus (result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_error_from_conn (conn, result, error);
      return NULL;
    }

  return g_steal_pointer (&result);
}

static gboolean
exec_simple (PGconn      *conn,
             const char  *sql,
             GError     **error)
{
  g_autoptr(PGresult) result = ud_server_db_exec (conn, sql, 0, NULL, error);

  return result != NULL;
}

static void
rollback (PGconn *conn)
{
  g_autoptr(PGresult) result = PQexec (conn, "ROLLBACK");
}

static gint64
value_int64 (PGresult *result,
             int       row,
             int       column)
{
  return g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

/* Returns the value, or NULL for SQL NULL; borrowed from @result. */
static char *
value_or_null (PGresult *result,
               int       row,
               int       column)
{
  if (PQgetisnull (result, row, column))
    return NULL;

  return PQgetvalue (result, row, column);
}

static int
read_schema_version (PGconn  *conn,
                     GError **error)
{
  g_autoptr(PGresult) result = NULL;

  result = ud_server_db_exec (conn, "SELECT coalesce (max (version), 0) FROM schema_migrations", 0, NULL, error);
  if (result == NULL)
    return -1;

  return (int) value_int64 (result, 0, 0);
}

/**
 * ud_server_db_schema_version:
 * @conn: a connection
 * @error: return location for a %UD_SERVER_DB_ERROR
 *
 * Returns: the schema version of the database, 0 if it has none, -1 on error
 */
int
ud_server_db_schema_version (PGconn  *conn,
                             GError **error)
{
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (conn != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  result = ud_server_db_exec (conn, "SELECT to_regclass ('schema_migrations') IS NOT NULL", 0, NULL, error);
  if (result == NULL)
    return -1;
  if (!g_str_equal (PQgetvalue (result, 0, 0), "t"))
    return 0;

  return read_schema_version (conn, error);
}

/**
 * ud_server_db_migrate:
 * @conn: a connection
 * @error: return location for a %UD_SERVER_DB_ERROR
 *
 * Creates the schema or brings it up to %UD_SERVER_DB_SCHEMA_VERSION, all
 * in one transaction, under a lock so that several servers may start at
 * once. A database newer than this server is left alone and is an error.
 *
 * Returns: %TRUE on success
 */
gboolean
ud_server_db_migrate (PGconn  *conn,
                      GError **error)
{
  int version;
  int v;

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!exec_simple (conn, "BEGIN", error))
    return FALSE;

  if (!exec_simple (conn, "SELECT pg_advisory_xact_lock (" MIGRATION_LOCK_KEY ")", error) ||
      !exec_simple (conn, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                          "  version integer PRIMARY KEY,"
                          "  applied_at timestamptz NOT NULL DEFAULT now ()"
                          ")", error))
    goto failed;

  version = read_schema_version (conn, error);
  if (version < 0)
    goto failed;

  if (version > UD_SERVER_DB_SCHEMA_VERSION)
    {
      g_set_error (error, UD_SERVER_DB_ERROR, UD_SERVER_DB_ERROR_SCHEMA,
                   _("The database has schema version %d, newer than this server knows (%d). Install a newer uniondesk-server."),
                   version, UD_SERVER_DB_SCHEMA_VERSION);
      goto failed;
    }

  for (v = version + 1; v <= UD_SERVER_DB_SCHEMA_VERSION; v++)
    {
      g_autoptr(PGresult) result = PQexec (conn, migrations[v - 1]);
      g_autofree char *text = NULL;
      const char *params[1];

      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          set_error_from_conn (conn, result, error);
          goto failed;
        }

      text = g_strdup_printf ("%d", v);
      params[0] = text;
      g_clear_pointer (&result, PQclear);
      result = ud_server_db_exec (conn, "INSERT INTO schema_migrations (version) VALUES ($1)", 1, params, error);
      if (result == NULL)
        goto failed;

      g_debug ("Database schema migrated to version %d", v);
    }

  if (!exec_simple (conn, "COMMIT", error))
    goto failed;

  return TRUE;

failed:
  rollback (conn);
  return FALSE;
}

/**
 * ud_server_db_ping:
 * @conn: a connection
 * @error: return location for a %UD_SERVER_DB_ERROR
 *
 * Returns: %TRUE if the database answers and has the schema this server needs
 */
gboolean
ud_server_db_ping (PGconn  *conn,
                   GError **error)
{
  int version;

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  version = ud_server_db_schema_version (conn, error);
  if (version < 0)
    return FALSE;

  if (version != UD_SERVER_DB_SCHEMA_VERSION)
    {
      g_set_error (error, UD_SERVER_DB_ERROR, UD_SERVER_DB_ERROR_SCHEMA,
                   _("The database has schema version %d; this server needs version %d."),
                   version, UD_SERVER_DB_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

/**
 * ud_server_db_audit:
 * @conn: a connection
 * @token_id: the token that acted, or 0 for an administrator at the console
 * @action: what happened, e.g. "token_add"
 * @detail_json: (nullable): a JSON object with the details
 * @error: return location for a %UD_SERVER_DB_ERROR
 *
 * Returns: %TRUE if the entry was written
 */
gboolean
ud_server_db_audit (PGconn      *conn,
                    gint64       token_id,
                    const char  *action,
                    const char  *detail_json,
                    GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *id_text = NULL;
  const char *params[3];

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id_text = token_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, token_id) : NULL;
  params[0] = id_text;
  params[1] = action;
  params[2] = detail_json != NULL ? detail_json : "{}";
  result = ud_server_db_exec (conn,
                              "INSERT INTO audit (token_id, action, detail) VALUES ($1, $2, $3::jsonb)",
                              3, params, error);

  return result != NULL;
}

/* ---- prepared statements and pipelines -------------------------------- */

/* The statements of push and pull, prepared once on each request
 * connection: planning them for every request would cost more than running
 * them. */
typedef enum
{
  STMT_LOCK_COUNTER,
  STMT_FIND_BATCH,
  STMT_LOAD_CURRENT,
  STMT_WRITE_RECORDS,
  STMT_WRITE_CONFLICTS,
  STMT_FORGET_AID,
  STMT_WRITE_AID,
  STMT_WRITE_FLAGS,
  STMT_SET_COUNTER,
  STMT_STORE_BATCH,
  STMT_PULL,
  N_STATEMENTS,
  /* Not prepared: BEGIN and COMMIT inside a pipeline. */
  STMT_BEGIN,
  STMT_COMMIT,
} Statement;

static const struct
{
  const char *name;
  int         n_params;
  const char *sql;
} statements[N_STATEMENTS] = {
  [STMT_LOCK_COUNTER] = {
    "ud_lock_counter", 0,
    "SELECT last_seq FROM sync_counter FOR UPDATE"
  },
  [STMT_FIND_BATCH] = {
    "ud_find_batch", 2,
    "SELECT b.fingerprint, b.answer, t.district"
    "  FROM batches b JOIN tokens t ON t.id = b.token_id"
    " WHERE b.client = $1::uuid AND b.batch = $2::uuid"
  },
  [STMT_LOAD_CURRENT] = {
    "ud_load_current", 1,
    "SELECT r.kind, r.uuid, r.district, r.hlc, r.base_hlc, r.deleted, r.data::text"
    "  FROM records r"
    "  JOIN (SELECT DISTINCT kind, uuid FROM jsonb_to_recordset ($1::jsonb) AS k (kind text, uuid uuid)) k"
    "  USING (kind, uuid)"
  },
  [STMT_WRITE_RECORDS] = {
    "ud_write_records", 2,
    "INSERT INTO records (kind, uuid, district, scope, hlc, base_hlc, deleted, data, seq, updated_by)"
    " SELECT r.kind, r.uuid, r.district,"
    "        CASE WHEN left (r.kind, 4) = 'ref_' THEN '*' ELSE r.district END,"
    "        r.hlc, r.base_hlc, r.deleted, r.data, r.seq, $2::bigint"
    "   FROM jsonb_to_recordset ($1::jsonb) AS r (kind text, uuid uuid, district text, hlc text,"
    "                                             base_hlc text, deleted boolean, data jsonb, seq bigint)"
    " ON CONFLICT (kind, uuid) DO UPDATE SET"
    "   district = EXCLUDED.district, scope = EXCLUDED.scope, hlc = EXCLUDED.hlc,"
    "   base_hlc = EXCLUDED.base_hlc, deleted = EXCLUDED.deleted, data = EXCLUDED.data,"
    "   seq = EXCLUDED.seq, updated_at = now (), updated_by = EXCLUDED.updated_by"
  },
  [STMT_WRITE_CONFLICTS] = {
    "ud_write_conflicts", 3,
    "INSERT INTO conflicts (seq, kind, uuid, district, winner, loser, batch)"
    " SELECT c.seq, c.kind, c.uuid, $3, c.winner, c.loser, $2::uuid"
    "   FROM json_to_recordset ($1::json) AS c (seq bigint, kind text, uuid uuid,"
    "                                           winner json, loser json)"
  },
  [STMT_FORGET_AID] = {
    "ud_forget_aid", 1,
    "DELETE FROM aid_events a"
    " USING jsonb_to_recordset ($1::jsonb) AS k (kind text, uuid uuid)"
    " WHERE a.kind = k.kind AND a.uuid = k.uuid"
  },
  [STMT_WRITE_AID] = {
    "ud_write_aid", 1,
    "INSERT INTO aid_events (kind, uuid, district, id_number, event_date, dated)"
    " SELECT e.kind, e.uuid, e.district, e.id_number,"
    "        coalesce (e.event_date, current_date), e.event_date IS NOT NULL"
    "   FROM jsonb_to_recordset ($1::jsonb) AS e (kind text, uuid uuid, district text,"
    "                                             id_number text, event_date date)"
    " ON CONFLICT (kind, uuid) DO UPDATE SET"
    "   district = EXCLUDED.district, id_number = EXCLUDED.id_number,"
    "   event_date = CASE WHEN EXCLUDED.dated THEN EXCLUDED.event_date"
    "                     ELSE aid_events.event_date END,"
    "   dated = EXCLUDED.dated OR aid_events.dated"
  },
  /* Both districts get a flag, each about its own record; the flags take
   * seqs above $2. */
  [STMT_WRITE_FLAGS] = {
    "ud_write_flags", 2,
    "WITH ev AS ("
    "  SELECT a.* FROM aid_events a"
    "    JOIN jsonb_to_recordset ($1::jsonb) AS k (kind text, uuid uuid) USING (kind, uuid)"
    "), pairs AS ("
    "  SELECT ev.district, ev.kind, ev.uuid, ev.event_date,"
    "         o.district AS other_district, o.kind AS other_kind,"
    "         o.uuid AS other_uuid, o.event_date AS other_date"
    "    FROM ev JOIN aid_events o"
    "      ON o.id_number = ev.id_number AND o.district <> ev.district"
    "     AND o.event_date BETWEEN (ev.event_date - interval '12 months')::date"
    "                          AND (ev.event_date + interval '12 months')::date"
    "), both_sides AS ("
    "  SELECT * FROM pairs"
    "  UNION ALL"
    "  SELECT other_district, other_kind, other_uuid, other_date,"
    "         district, kind, uuid, event_date FROM pairs"
    ")"
    " INSERT INTO flags (seq, district, kind, uuid, event_date,"
    "                    other_district, other_kind, other_uuid, other_date)"
    " SELECT $2::bigint + row_number () OVER (), b.* FROM both_sides b"
    " ON CONFLICT (kind, uuid, other_kind, other_uuid) DO NOTHING"
  },
  /* Past the flags too, whose number only the database knows. */
  [STMT_SET_COUNTER] = {
    "ud_set_counter", 1,
    "UPDATE sync_counter SET last_seq = greatest ($1::bigint, (SELECT coalesce (max (seq), 0) FROM flags))"
  },
  [STMT_STORE_BATCH] = {
    "ud_store_batch", 7,
    "INSERT INTO batches (client, batch, token_id, fingerprint, answer, applied, conflicts)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)"
  },
  /* Each branch is an index range scan that stops after $3 rows. */
  [STMT_PULL] = {
    "ud_pull", 3,
    "SELECT * FROM ("
    " (SELECT 'c' AS t, seq, kind, uuid::text, district, hlc, base_hlc, deleted,"
    "         data::text AS a, NULL AS b, NULL AS c, NULL AS d"
    "    FROM records WHERE scope = $1 AND seq > $2::bigint ORDER BY seq LIMIT $3::int)"
    " UNION ALL"
    " (SELECT 'c', seq, kind, uuid::text, district, hlc, base_hlc, deleted,"
    "         data::text, NULL, NULL, NULL"
    "    FROM records WHERE scope = '*' AND seq > $2::bigint ORDER BY seq LIMIT $3::int)"
    " UNION ALL"
    " (SELECT 'x', seq, kind, uuid::text, district, NULL, NULL, NULL,"
    "         winner::text, loser::text, NULL, NULL"
    "    FROM conflicts WHERE district = $1 AND seq > $2::bigint ORDER BY seq LIMIT $3::int)"
    " UNION ALL"
    " (SELECT 'f', seq, kind, uuid::text, district, NULL, NULL, NULL,"
    "         event_date::text, other_district, other_kind, other_date::text"
    "    FROM flags WHERE district = $1 AND seq > $2::bigint ORDER BY seq LIMIT $3::int)"
    ") feed ORDER BY seq LIMIT $3::int"
  },
};

typedef struct
{
  Statement   statement;
  const char *params[7];
} Step;

static gboolean
prepare_statements (PGconn  *conn,
                    GError **error)
{
  guint i;

  for (i = 0; i < N_STATEMENTS; i++)
    {
      g_autoptr(PGresult) result = PQprepare (conn, statements[i].name, statements[i].sql,
                                              statements[i].n_params, NULL);

      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          set_error_from_conn (conn, result, error);
          return FALSE;
        }
    }

  return TRUE;
}

static PGresult *
exec_prepared (PGconn       *conn,
               Statement     statement,
               const char  **params,
               GError      **error)
{
  g_autoptr(PGresult) result = NULL;
  ExecStatusType status;

  result = PQexecPrepared (conn, statements[statement].name, statements[statement].n_params,
                           params, NULL, NULL, 0);
  status = PQresultStatus (result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_error_from_conn (conn, result, error);
      return NULL;
    }

  return g_steal_pointer (&result);
}

/* Sends every step at once and then reads every result: one round trip to
 * the database instead of one per statement, which matters most while a
 * push holds the counter lock. @results gets one result per step. */
static gboolean
run_pipeline (PGconn      *conn,
              const Step  *steps,
              guint        n_steps,
              PGresult   **results,
              GError     **error)
{
  gboolean ok = TRUE;
  PGresult *result;
  guint i;

  if (!PQenterPipelineMode (conn))
    {
      set_error_from_conn (conn, NULL, error);
      return FALSE;
    }

  for (i = 0; i < n_steps && ok; i++)
    {
      Statement statement = steps[i].statement;

      if (statement == STMT_BEGIN || statement == STMT_COMMIT)
        ok = PQsendQueryParams (conn, statement == STMT_BEGIN ? "BEGIN" : "COMMIT",
                                0, NULL, NULL, NULL, NULL, 0);
      else
        ok = PQsendQueryPrepared (conn, statements[statement].name, statements[statement].n_params,
                                  steps[i].params, NULL, NULL, 0);
    }
  if (!ok || !PQpipelineSync (conn))
    {
      set_error_from_conn (conn, NULL, error);
      return FALSE;
    }

  for (i = 0; i < n_steps; i++)
    {
      ExecStatusType status;

      result = PQgetResult (conn);
      if (result == NULL)
        {
          if (ok)
            set_error_from_conn (conn, NULL, error);
          return FALSE;
        }

      /* After the first failure the rest report PGRES_PIPELINE_ABORTED. */
      status = PQresultStatus (result);
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        results[i] = result;
      else
        {
          if (ok && status != PGRES_PIPELINE_ABORTED)
            set_error_from_conn (conn, result, error);
          ok = FALSE;
          PQclear (result);
        }

      /* Each statement's results end with NULL. */
      while ((result = PQgetResult (conn)) != NULL)
        PQclear (result);
    }

  result = PQgetResult (conn);
  if (PQresultStatus (result) != PGRES_PIPELINE_SYNC)
    ok = FALSE;
  PQclear (result);

  if (!PQexitPipelineMode (conn) && ok)
    {
      set_error_from_conn (conn, NULL, error);
      ok = FALSE;
    }

  return ok;
}

static void
clear_results (PGresult **results,
               guint      n)
{
  guint i;

  for (i = 0; i < n; i++)
    g_clear_pointer (&results[i], PQclear);
}

/* ---- push ------------------------------------------------------------- */

/* What the push knows about one record while it works through a batch. */
typedef struct
{
  const UdServerChange *version;  /* the record's current version */
  gint64                seq;      /* its new seq, or 0 if this batch did not write it */
} RecordState;

typedef struct
{
  const UdServerChange *winner;
  const UdServerChange *loser;
  gint64                seq;
} Conflict;

static char *
record_key (const char *kind,
            const char *uuid)
{
  return g_strconcat (kind, "/", uuid, NULL);
}

static void
append_key_json (GString              *out,
                 const UdServerChange *change)
{
  if (out->len > 1)
    g_string_append_c (out, ',');
  g_string_append (out, "{\"kind\":");
  ud_json_append_string (out, change->kind);
  g_string_append (out, ",\"uuid\":");
  ud_json_append_string (out, change->uuid);
  g_string_append_c (out, '}');
}

/* Reads the server's current version of every record the batch touches. */
static void
load_current (PGresult   *result,
              GHashTable *states,
              GPtrArray  *stored)
{
  int row;

  for (row = 0; row < PQntuples (result); row++)
    {
      UdServerChange *version = ud_server_change_new ();
      RecordState *state = g_new0 (RecordState, 1);

      version->kind = g_strdup (PQgetvalue (result, row, 0));
      version->uuid = g_strdup (PQgetvalue (result, row, 1));
      version->district = g_strdup (PQgetvalue (result, row, 2));
      version->hlc = g_strdup (PQgetvalue (result, row, 3));
      version->base_hlc = g_strdup (value_or_null (result, row, 4));
      version->deleted = g_str_equal (PQgetvalue (result, row, 5), "t");
      version->data = g_strdup (PQgetvalue (result, row, 6));
      g_ptr_array_add (stored, version);

      state->version = version;
      g_hash_table_insert (states, record_key (version->kind, version->uuid), state);
    }
}

static void
append_conflict_json (GString        *out,
                      const Conflict *conflict)
{
  g_string_append_printf (out, "{\"seq\":%" G_GINT64_FORMAT ",\"kind\":", conflict->seq);
  ud_json_append_string (out, conflict->winner->kind);
  g_string_append (out, ",\"uuid\":");
  ud_json_append_string (out, conflict->winner->uuid);
  g_string_append (out, ",\"winner\":");
  ud_server_change_append_json (conflict->winner, out, 0);
  g_string_append (out, ",\"loser\":");
  ud_server_change_append_json (conflict->loser, out, 0);
  g_string_append_c (out, '}');
}

static void
append_conflicts_json (GString *out,
                       GArray  *conflicts)
{
  guint i;

  g_string_append_c (out, '[');
  for (i = 0; i < conflicts->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_conflict_json (out, &g_array_index (conflicts, Conflict, i));
    }
  g_string_append_c (out, ']');
}

/* The rows to write for the records this batch changed, and for the aid
 * records among them: those that name a person (events) and those that no
 * longer do (gone). */
static void
build_rows (GHashTable *states,
            GString    *records,
            GString    *events,
            GString    *gone)
{
  GHashTableIter iter;
  RecordState *state;

  g_string_append_c (records, '[');
  g_string_append_c (events, '[');
  g_string_append_c (gone, '[');

  g_hash_table_iter_init (&iter, states);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &state))
    {
      const UdServerChange *version = state->version;

      if (state->seq == 0)
        continue;

      if (records->len > 1)
        g_string_append_c (records, ',');
      ud_server_change_append_json (version, records, state->seq);

      if (!ud_server_change_is_aid (version))
        continue;

      if (version->deleted || version->id_number == NULL)
        {
          append_key_json (gone, version);
          continue;
        }

      g_string_append (events, events->len > 1 ? ",{\"kind\":" : "{\"kind\":");
      ud_json_append_string (events, version->kind);
      g_string_append (events, ",\"uuid\":");
      ud_json_append_string (events, version->uuid);
      g_string_append (events, ",\"district\":");
      ud_json_append_string (events, version->district);
      g_string_append (events, ",\"id_number\":");
      ud_json_append_string (events, version->id_number);
      g_string_append (events, ",\"event_date\":");
      if (version->aid_date != NULL)
        ud_json_append_string (events, version->aid_date);
      else
        g_string_append (events, "null");
      g_string_append_c (events, '}');
    }

  g_string_append_c (records, ']');
  g_string_append_c (events, ']');
  g_string_append_c (gone, ']');
}

static GBytes *
stored_answer (PGresult            *result,
               const char          *district,
               const UdServerPush  *push,
               GError             **error)
{
  /* The answer may hold another district's records (in its conflicts):
   * only the district that sent the batch gets it again. */
  if (!g_str_equal (PQgetvalue (result, 0, 0), push->fingerprint) ||
      !g_str_equal (PQgetvalue (result, 0, 2), district))
    {
      g_set_error (error, UD_SERVER_DB_ERROR, UD_SERVER_DB_ERROR_BATCH_REUSED,
                   _("Batch %s was already received with other changes. Send new changes under a new batch identifier."),
                   push->batch);
      return NULL;
    }

  return g_bytes_new (PQgetvalue (result, 0, 1), (gsize) PQgetlength (result, 0, 1));
}

/* ---- the offices' audit trails ----------------------------------------- */

/* Within the push's transaction: stores the entries of @push's audit
 * section that the city's copy of the office's trail does not have yet,
 * when they follow it; an entry that differs from the copy, or that does
 * not follow it, is not stored and leaves an alert.  @held returns the
 * newest entry the copy holds now, which the office starts from next. */
static gboolean
store_audit (PGconn              *conn,
             const char          *district,
             const UdServerPush  *push,
             const char          *token_id,
             gint64              *held,
             GError             **error)
{
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GString) rows = g_string_new ("[");
  g_autoptr(GString) alerts = g_string_new ("[");
  g_autoptr(PGresult) known = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  const char *prev = NULL;
  const UdServerAuditEntry *head;
  const UdServerAuditEntry *tail;
  const char *params[4];
  gint64 newest;

  known = ud_server_db_exec (conn, "SELECT coalesce (max (id), 0) FROM office_audit WHERE client = $1::uuid",
                             1, (const char *[]) { push->client }, error);
  if (known == NULL)
    return FALSE;
  newest = value_int64 (known, 0, 0);
  g_clear_pointer (&known, PQclear);
  *held = newest;
  if (push->audit->len == 0)
    return TRUE;

  head = g_ptr_array_index (push->audit, 0);
  tail = g_ptr_array_index (push->audit, push->audit->len - 1);
  first = g_strdup_printf ("%" G_GINT64_FORMAT, head->id - 1);
  last = g_strdup_printf ("%" G_GINT64_FORMAT, tail->id);
  params[0] = push->client;
  params[1] = first;
  params[2] = last;
  known = ud_server_db_exec (conn,
                             "SELECT id, hash FROM office_audit WHERE client = $1::uuid AND id BETWEEN $2 AND $3",
                             3, params, error);
  if (known == NULL)
    return FALSE;
  for (int r = 0; r < PQntuples (known); r++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = value_int64 (known, r, 0);
      g_hash_table_insert (stored, id, g_strdup (PQgetvalue (known, r, 1)));
    }
  if (head->id == 1)
    prev = "";
  else
    prev = g_hash_table_lookup (stored, &(gint64) { head->id - 1 });

  for (guint i = 0; i < push->audit->len; i++)
    {
      const UdServerAuditEntry *entry = g_ptr_array_index (push->audit, i);
      const char *copy = g_hash_table_lookup (stored, &entry->id);
      const char *reason = NULL;

      if (copy != NULL)
        {
          if (!g_str_equal (copy, entry->hash))
            reason = "rewritten";
        }
      else
        {
          g_autofree char *expected = prev != NULL
                                      ? ud_audit_entry_hash (prev, entry->id, (const char * const *) entry->fields)
                                      : NULL;

          if (expected == NULL || !g_str_equal (expected, entry->hash))
            reason = "broken";
          else
            {
              if (rows->len > 1)
                g_string_append_c (rows, ',');
              ud_server_audit_entry_append_json (rows, entry);
              newest = MAX (newest, entry->id);
            }
        }

      if (reason != NULL)
        {
          /* What follows a bad entry cannot be taken either. */
          g_string_append_printf (alerts, "{\"entry_id\":%" G_GINT64_FORMAT ",\"reason\":\"%s\",\"stored_hash\":",
                                  entry->id, reason);
          if (copy != NULL)
            ud_json_append_string (alerts, copy);
          else
            g_string_append (alerts, "null");
          g_string_append (alerts, ",\"received\":");
          ud_server_audit_entry_append_json (alerts, entry);
          g_string_append (alerts, "}]");
          g_message ("The audit trail of office %s (district %s) does not match the copy held here at entry %" G_GINT64_FORMAT " (%s)",
                     push->client, district, entry->id, reason);
          break;
        }
      prev = entry->hash;
    }
  g_string_append_c (rows, ']');
  if (alerts->len == 1)
    g_string_append_c (alerts, ']');

  if (rows->len > 2)
    {
      g_autoptr(PGresult) written = NULL;

      params[0] = rows->str;
      params[1] = push->client;
      params[2] = district;
      params[3] = token_id;
      written = ud_server_db_exec (conn,
                                   "INSERT INTO office_audit (client, id, district, at, actor, action, kind, uuid,"
                                   "                          field, old_value, new_value, detail, hash, token_id)"
                                   " SELECT $2::uuid, e.id, $3, e.at, e.actor, e.action, e.kind, e.uuid,"
                                   "        e.field, e.old_value, e.new_value, e.detail, e.hash, $4::bigint"
                                   "   FROM json_to_recordset ($1::json) AS e (id bigint, at text, actor text, action text,"
                                   "        kind text, uuid text, field text, old_value text, new_value text,"
                                   "        detail text, hash text)",
                                   4, params, error);
      if (written == NULL)
        return FALSE;
    }
  if (alerts->len > 2)
    {
      g_autoptr(PGresult) written = NULL;
      const char *alert_params[5] = { alerts->str, push->client, district, token_id, push->batch };

      written = ud_server_db_exec (conn,
                                   "INSERT INTO office_audit_alerts (client, district, entry_id, reason, stored_hash,"
                                   "                                 received, token_id, batch)"
                                   " SELECT $2::uuid, $3, a.entry_id, a.reason, a.stored_hash, a.received,"
                                   "        $4::bigint, $5::uuid"
                                   "   FROM json_to_recordset ($1::json) AS a (entry_id bigint, reason text,"
                                   "        stored_hash text, received json)"
                                   " ON CONFLICT (client, entry_id, reason) DO NOTHING",
                                   5, alert_params, error);
      if (written == NULL)
        return FALSE;
    }

  *held = newest;
  return TRUE;
}

/**
 * ud_server_db_push:
 * @conn: a connection from a #UdServerDbPool
 * @token_id: the token the batch came with (tokens.id)
 * @district: that token's district: every change must be of it
 * @push: the batch
 * @error: return location for a %UD_SERVER_DB_ERROR
 *
 * Applies a batch in one transaction and stores the answer under (client,
 * batch): a batch sent again gets the very same bytes back and changes
 * nothing, also when two copies arrive at once (the second waits for the
 * counter lock, then finds the first one's answer).
 *
 * A change whose base_hlc is not the server's current version of the
 * record conflicts: the later HLC becomes the record, the other version is
 * kept in the conflicts table, and both are in the answer.
 *
 * Returns: (transfer full): the JSON answer, or %NULL with @error set
 */
GBytes *
ud_server_db_push (PGconn              *conn,
                   gint64               token_id,
                   const char          *district,
                   const UdServerPush  *push,
                   GError             **error)
{
  g_autoptr(GHashTable) states = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GArray) conflicts = NULL;
  g_autoptr(GString) keys = g_string_new ("[");
  g_autoptr(GString) records = g_string_new (NULL);
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(GString) gone = g_string_new (NULL);
  g_autoptr(GString) conflict_rows = g_string_new (NULL);
  g_autoptr(GString) answer = NULL;
  g_autofree char *seq_text = NULL;
  g_autofree char *flag_base = NULL;
  g_autofree char *token_text = NULL;
  g_autofree char *applied_text = NULL;
  g_autofree char *conflicts_text = NULL;
  PGresult *read[4] = { NULL, };
  PGresult *written[9] = { NULL, };
  Step write_steps[9];
  guint n_write = 0;
  gint64 seq;
  gint64 audit_held = 0;
  guint applied = 0;
  guint i;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (district != NULL, NULL);
  g_return_val_if_fail (push != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (i = 0; i < push->changes->len; i++)
    append_key_json (keys, g_ptr_array_index (push->changes, i));
  g_string_append_c (keys, ']');

  /* The counter lock comes first and is held until COMMIT: see the comment
   * on migrations[]. */
  {
    const Step read_steps[] = {
      { STMT_BEGIN, { NULL } },
      { STMT_LOCK_COUNTER, { NULL } },
      { STMT_FIND_BATCH, { push->client, push->batch } },
      { STMT_LOAD_CURRENT, { keys->str } },
    };

    G_STATIC_ASSERT (G_N_ELEMENTS (read_steps) == G_N_ELEMENTS (read));
    if (!run_pipeline (conn, read_steps, G_N_ELEMENTS (read_steps), read, error))
      goto failed;
  }

  seq = value_int64 (read[1], 0, 0);
  if (PQntuples (read[2]) > 0)
    {
      GBytes *replayed = stored_answer (read[2], district, push, error);

      clear_results (read, G_N_ELEMENTS (read));
      rollback (conn);
      return replayed;
    }

  states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stored = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_server_change_free);
  conflicts = g_array_new (FALSE, FALSE, sizeof (Conflict));
  load_current (read[3], states, stored);

  for (i = 0; i < push->changes->len; i++)
    {
      const UdServerChange *change = g_ptr_array_index (push->changes, i);
      char *key = record_key (change->kind, change->uuid);
      RecordState *state = g_hash_table_lookup (states, key);
      Conflict conflict;

      if (state == NULL)
        {
          state = g_new0 (RecordState, 1);
          state->version = change;
          state->seq = ++seq;
          g_hash_table_insert (states, key, state);
          applied++;
          continue;
        }
      g_free (key);

      if (!g_str_equal (state->version->district, district))
        {
          g_set_error (error, UD_SERVER_DB_ERROR, UD_SERVER_DB_ERROR_FORBIDDEN,
                       _("Change %u: record %s of kind “%s” belongs to district %s; this token may only write records of district %s."),
                       i + 1, change->uuid, change->kind, state->version->district, district);
          goto failed;
        }

      /* This very version is stored already (sent before under another
       * batch id): nothing to do. */
      if (g_str_equal (state->version->hlc, change->hlc))
        continue;

      if (change->base_hlc != NULL && g_str_equal (change->base_hlc, state->version->hlc))
        {
          state->version = change;
          state->seq = ++seq;
          applied++;
          continue;
        }

      /* Edited from another version than the server's: keep both. */
      if (strcmp (change->hlc, state->version->hlc) > 0)
        {
          conflict.winner = change;
          conflict.loser = state->version;
          state->version = change;
          state->seq = ++seq;
          applied++;
        }
      else
        {
          conflict.winner = state->version;
          conflict.loser = change;
        }
      conflict.seq = ++seq;
      g_array_append_val (conflicts, conflict);
    }

  build_rows (states, records, events, gone);
  append_conflicts_json (conflict_rows, conflicts);

  token_text = g_strdup_printf ("%" G_GINT64_FORMAT, token_id);
  if (!store_audit (conn, district, push, token_text, &audit_held, error))
    goto failed;

  answer = g_string_new ("{\"protocol\":1,\"batch\":");
  ud_json_append_string (answer, push->batch);
  g_string_append_printf (answer, ",\"applied\":%u,\"conflicts\":", applied);
  append_conflicts_json (answer, conflicts);
  g_string_append_printf (answer, ",\"seq\":%" G_GINT64_FORMAT ",\"audit\":%" G_GINT64_FORMAT "}",
                          seq, audit_held);

  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  flag_base = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  applied_text = g_strdup_printf ("%u", applied);
  conflicts_text = g_strdup_printf ("%u", conflicts->len);

  if (records->len > 2)
    write_steps[n_write++] = (Step) { STMT_WRITE_RECORDS, { records->str, token_text } };
  if (conflicts->len > 0)
    write_steps[n_write++] = (Step) { STMT_WRITE_CONFLICTS, { conflict_rows->str, push->batch, district } };
  if (gone->len > 2)
    write_steps[n_write++] = (Step) { STMT_FORGET_AID, { gone->str } };
  if (events->len > 2)
    {
      write_steps[n_write++] = (Step) { STMT_WRITE_AID, { events->str } };
      write_steps[n_write++] = (Step) { STMT_WRITE_FLAGS, { events->str, flag_base } };
    }
  write_steps[n_write++] = (Step) { STMT_SET_COUNTER, { seq_text } };
  write_steps[n_write++] = (Step) { STMT_STORE_BATCH, { push->client, push->batch, token_text, push->fingerprint,
                                                        answer->str, applied_text, conflicts_text } };
  write_steps[n_write++] = (Step) { STMT_COMMIT, { NULL } };
  g_assert (n_write <= G_N_ELEMENTS (write_steps));

  if (!run_pipeline (conn, write_steps, n_write, written, error))
    goto failed;

  clear_results (read, G_N_ELEMENTS (read));
  clear_results (written, G_N_ELEMENTS (written));
  return g_string_free_to_bytes (g_steal_pointer (&answer));

failed:
  clear_results (read, G_N_ELEMENTS (read));
  clear_results (written, G_N_ELEMENTS (written));
  rollback (conn);
  return NULL;
}

/* ---- pull ------------------------------------------------------------- */

/**
 * ud_server_db_pull:
 * @conn: a connection from a #UdServerDbPool
 * @district: the token's district
 * @since: the client's cursor: the last seq it has committed
 * @limit: the most items to return, 1 … %UD_SERVER_PULL_MAX_LIMIT
 * @error: return location for a %UD_SERVER_DB_ERROR
 *
 * One page of what @district may see after @since, in seq order: its own
 * records and the city-wide reference data ("changes"), the conflicts its
 * pushes caused ("conflicts") and duplicate-aid flags on its records
 * ("flags"). Everything is read by one statement, so from one snapshot.
 *
 * Returns: (transfer full): the JSON answer, or %NULL with @error set
 */
GBytes *
ud_server_db_pull (PGconn      *conn,
                   const char  *district,
                   gint64       since,
                   guint        limit,
                   gint64      *next_out,
                   gboolean    *more_out,
                   GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *since_text = NULL;
  g_autofree char *limit_text = NULL;
  GString *changes;
  GString *conflicts;
  GString *flags;
  GString *out;
  const char *params[3];
  gint64 next = since;
  gboolean more;
  int n;
  int row;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (district != NULL, NULL);
  g_return_val_if_fail (since >= 0, NULL);
  g_return_val_if_fail (limit >= 1 && limit <= UD_SERVER_PULL_MAX_LIMIT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  since_text = g_strdup_printf ("%" G_GINT64_FORMAT, since);
  limit_text = g_strdup_printf ("%u", limit + 1);
  params[0] = district;
  params[1] = since_text;
  params[2] = limit_text;

  result = exec_prepared (conn, STMT_PULL, params, error);
  if (result == NULL)
    return NULL;

  n = PQntuples (result);
  more = n > (int) limit;
  if (more)
    n = (int) limit;

  changes = g_string_sized_new (256 * (gsize) n + 16);
  conflicts = g_string_new (NULL);
  flags = g_string_new (NULL);

  for (row = 0; row < n; row++)
    {
      char type = PQgetvalue (result, row, 0)[0];
      gint64 seq = value_int64 (result, row, 1);

      /* Big records: end the page early rather than build a huge answer. */
      if (row > 0 && changes->len + conflicts->len + flags->len > UD_SERVER_PULL_MAX_BYTES)
        {
          more = TRUE;
          break;
        }

      next = seq;

      if (type == 'c')
        {
          UdServerChange change = {
            .kind = PQgetvalue (result, row, 2),
            .uuid = PQgetvalue (result, row, 3),
            .district = PQgetvalue (result, row, 4),
            .hlc = PQgetvalue (result, row, 5),
            .base_hlc = value_or_null (result, row, 6),
            .deleted = g_str_equal (PQgetvalue (result, row, 7), "t"),
            .data = PQgetvalue (result, row, 8),
          };

          if (changes->len > 0)
            g_string_append_c (changes, ',');
          ud_server_change_append_json (&change, changes, seq);
        }
      else if (type == 'x')
        {
          if (conflicts->len > 0)
            g_string_append_c (conflicts, ',');
          g_string_append_printf (conflicts, "{\"seq\":%" G_GINT64_FORMAT ",\"kind\":", seq);
          ud_json_append_string (conflicts, PQgetvalue (result, row, 2));
          g_string_append (conflicts, ",\"uuid\":");
          ud_json_append_string (conflicts, PQgetvalue (result, row, 3));
          g_string_append (conflicts, ",\"winner\":");
          g_string_append (conflicts, PQgetvalue (result, row, 8));
          g_string_append (conflicts, ",\"loser\":");
          g_string_append (conflicts, PQgetvalue (result, row, 9));
          g_string_append_c (conflicts, '}');
        }
      else
        {
          if (flags->len > 0)
            g_string_append_c (flags, ',');
          g_string_append_printf (flags, "{\"seq\":%" G_GINT64_FORMAT ",\"kind\":", seq);
          ud_json_append_string (flags, PQgetvalue (result, row, 2));
          g_string_append (flags, ",\"uuid\":");
          ud_json_append_string (flags, PQgetvalue (result, row, 3));
          g_string_append (flags, ",\"date\":");
          ud_json_append_string (flags, PQgetvalue (result, row, 8));
          g_string_append (flags, ",\"other_district\":");
          ud_json_append_string (flags, PQgetvalue (result, row, 9));
          g_string_append (flags, ",\"other_kind\":");
          ud_json_append_string (flags, PQgetvalue (result, row, 10));
          g_string_append (flags, ",\"other_date\":");
          ud_json_append_string (flags, PQgetvalue (result, row, 11));
          g_string_append_c (flags, '}');
        }
    }

  out = g_string_sized_new (changes->len + conflicts->len + flags->len + 128);
  g_string_append (out, "{\"protocol\":1,\"changes\":[");
  g_string_append_len (out, changes->str, (gssize) changes->len);
  g_string_append (out, "],\"conflicts\":[");
  g_string_append_len (out, conflicts->str, (gssize) conflicts->len);
  g_string_append (out, "],\"flags\":[");
  g_string_append_len (out, flags->str, (gssize) flags->len);
  g_string_append_printf (out, "],\"next\":%" G_GINT64_FORMAT ",\"more\":%s}",
                          next, more ? "true" : "false");

  g_string_free (changes, TRUE);
  g_string_free (conflicts, TRUE);
  g_string_free (flags, TRUE);

  if (next_out != NULL)
    *next_out = next;
  if (more_out != NULL)
    *more_out = more;
  return g_string_free_to_bytes (out);
}

/* ---- connection pool -------------------------------------------------- */

/**
 * ud_server_db_pool_new:
 * @conninfo: a libpq connection string or URI
 *
 * A pool of idle connections for the request workers. It holds at most as
 * many connections as there were workers busy at once.
 *
 * Returns: (transfer full): a new pool
 */
UdServerDbPool *
ud_server_db_pool_new (const char *conninfo)
{
  UdServerDbPool *pool;

  g_return_val_if_fail (conninfo != NULL, NULL);

  pool = g_new0 (UdServerDbPool, 1);
  pool->conninfo = g_strdup (conninfo);
  pool->idle = g_async_queue_new ();

  return pool;
}

void
ud_server_db_pool_free (UdServerDbPool *pool)
{
  PGconn *conn;

  if (pool == NULL)
    return;

  while ((conn = g_async_queue_try_pop (pool->idle)) != NULL)
    PQfinish (conn);
  g_async_queue_unref (pool->idle);
  g_free (pool->conninfo);
  g_free (pool);
}

/**
 * ud_server_db_pool_acquire:
 * @pool: a pool
 * @error: return location for a %UD_SERVER_DB_ERROR
 *
 * Returns: (transfer full): an idle connection or a new one, with the
 *   statements of push and pull prepared; give it back with
 *   ud_server_db_pool_release()
 */
PGconn *
ud_server_db_pool_acquire (UdServerDbPool  *pool,
                           GError         **error)
{
  PGconn *conn;

  g_return_val_if_fail (pool != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  conn = g_async_queue_try_pop (pool->idle);
  if (conn != NULL)
    return conn;

  conn = ud_server_db_connect (pool->conninfo, error);
  if (conn != NULL && !prepare_statements (conn, error))
    g_clear_pointer (&conn, PQfinish);

  return conn;
}

/**
 * ud_server_db_pool_release:
 * @pool: a pool
 * @conn: (transfer full) (nullable): a connection from ud_server_db_pool_acquire()
 *
 * Keeps @conn for the next request if it is healthy and outside any
 * transaction, else closes it.
 */
void
ud_server_db_pool_release (UdServerDbPool *pool,
                           PGconn         *conn)
{
  g_return_if_fail (pool != NULL);

  if (conn == NULL)
    return;

  if (PQstatus (conn) == CONNECTION_OK && PQtransactionStatus (conn) == PQTRANS_IDLE &&
      PQpipelineStatus (conn) == PQ_PIPELINE_OFF)
    g_async_queue_push (pool->idle, conn);
  else
    PQfinish (conn);
}
