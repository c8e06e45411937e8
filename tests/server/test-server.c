/* test-server.c — uniondesk-server against a real PostgreSQL
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Started by run-server-tests.sh, which creates a throwaway cluster and
 * starts one server; the environment says where:
 *   UNIONDESK_DATABASE  libpq connection string of the cluster
 *   UD_SERVER_BIN       the uniondesk-server program
 *   UD_SERVER_URL       the running server, e.g. http://127.0.0.1:40123/
 * Tests that kill or reconfigure a server start their own. Each test works
 * in districts of its own, so that its pulls see only its records.
 */

#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "ud-audit-hash.h"
#include "ud-hlc.h"
#include "ud-idcard.h"
#include "ud-server-db.h"
#include "ud-uuid.h"

#define CITY "110000"

static const char *conninfo;
static const char *server_bin;
static const char *server_url;
static char *scratch_dir;

/* ---- helpers: processes ---------------------------------------------- */

typedef struct
{
  int   status;
  char *out;
  char *err;
} RunResult;

static void
run_result_free (RunResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunResult, run_result_free)

static RunResult *
run_server_command (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  RunResult *result = g_new0 (RunResult, 1);
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) server_bin);
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  result->status = g_spawn_check_wait_status (wait_status, NULL) ? 0 : WEXITSTATUS (wait_status);

  return result;
}

static char *
last_word (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n\t", -1);
  guint n = g_strv_length (words);

  while (n > 0 && *words[n - 1] == '\0')
    n--;
  g_assert_cmpuint (n, >, 0);

  return g_strdup (words[n - 1]);
}

static char *
add_token (const char *district,
           const char *name)
{
  const char *args[] = { "token", "add", "--district", district, "--name", name, NULL };
  g_autoptr(RunResult) result = run_server_command (args);

  g_assert_cmpint (result->status, ==, 0);
  return last_word (result->out);
}

/* A server of the test's own, on a free loopback port unless told. */
typedef struct
{
  GSubprocess *process;
  char        *url;
} Server;

/* A failed assertion aborts the test program: its servers go with it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static Server *
server_start (const char * const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  Server *server = g_new0 (Server, 1);

  g_ptr_array_add (argv, (gpointer) server_bin);
  g_ptr_array_add (argv, (gpointer) "serve");
  for (; *extra_args != NULL; extra_args++)
    g_ptr_array_add (argv, (gpointer) *extra_args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  server->url = g_strdup (strstr (line, "http"));
  g_assert_nonnull (server->url);

  return server;
}

static void
server_kill (Server *server)
{
  g_subprocess_send_signal (server->process, SIGKILL);
  g_subprocess_wait (server->process, NULL, NULL);
}

static void
server_free (Server *server)
{
  if (g_subprocess_get_identifier (server->process) != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
    }
  g_object_unref (server->process);
  g_free (server->url);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

/* ---- helpers: database ------------------------------------------------- */

/* PGconn and PGresult free themselves: ud-server-db.h says how. */

static PGconn *
db_connect (void)
{
  PGconn *conn = PQconnectdb (conninfo);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

static void
db_exec (PGconn     *conn,
         const char *sql)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
}

static gint64
db_int (const char *sql)
{
  g_autoptr(PGconn) conn = db_connect ();
  g_autoptr(PGresult) result = PQexec (conn, sql);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  return g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
}

static gint64
counter_value (void)
{
  return db_int ("SELECT last_seq FROM sync_counter");
}

/* Waits until a server's database session waits for a lock in a statement
 * starting with @query_prefix. */
static void
wait_for_lock_wait (const char *query_prefix)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM pg_stat_activity"
                                          " WHERE application_name = 'uniondesk-server'"
                                          "   AND wait_event_type = 'Lock' AND query LIKE '%s%%'",
                                          query_prefix);
  guint i;

  for (i = 0; i < 200; i++)
    {
      if (db_int (sql) > 0)
        return;
      g_usleep (G_USEC_PER_SEC / 20);
    }
  g_error ("No server session came to wait on a lock in “%s”", query_prefix);
}

/* ---- helpers: HTTP ----------------------------------------------------- */

typedef struct
{
  guint       status;
  GBytes     *body;
  JsonParser *parser;
  JsonObject *object;   /* the body when it is a JSON object */
  char       *www_authenticate;
  char       *server_timing;
  char       *snapshot_seq;
  char       *snapshot_sha256;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_object (&reply->parser);
  g_free (reply->www_authenticate);
  g_free (reply->server_timing);
  g_free (reply->snapshot_seq);
  g_free (reply->snapshot_sha256);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static Reply *
http_try (SoupSession  *session,
          const char   *base,
          const char   *method,
          const char   *path,
          const char   *token,
          GBytes       *body,
          GError      **error)
{
  g_autofree char *uri = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  Reply *reply;
  GBytes *answer;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);

  answer = soup_session_send_and_read (session, msg, NULL, error);
  if (answer == NULL)
    return NULL;

  reply = g_new0 (Reply, 1);
  reply->status = soup_message_get_status (msg);
  reply->body = answer;
  reply->www_authenticate = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                    "WWW-Authenticate"));
  reply->server_timing = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                 "Server-Timing"));
  reply->snapshot_seq = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                "X-UnionDesk-Snapshot-Seq"));
  reply->snapshot_sha256 = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                   "X-UnionDesk-Snapshot-SHA256"));
  reply->parser = json_parser_new ();
  if (json_parser_load_from_data (reply->parser, g_bytes_get_data (answer, NULL),
                                  (gssize) g_bytes_get_size (answer), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (reply->parser)))
    reply->object = json_node_get_object (json_parser_get_root (reply->parser));

  return reply;
}

static SoupSession *
session_new (void)
{
  /* No proxy: the server is on loopback, and the proxy settings would
   * want GSettings schemas the test environment does not have. */
  return soup_session_new_with_options ("timeout", 120, "proxy-resolver", NULL, NULL);
}

static Reply *
http (const char *method,
      const char *path,
      const char *token,
      const char *body)
{
  g_autoptr(SoupSession) session = session_new ();
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;
  g_autoptr(GError) error = NULL;
  Reply *reply = http_try (session, server_url, method, path, token, bytes, &error);

  g_assert_no_error (error);
  return reply;
}

static Reply *
push (const char *token,
      const char *body)
{
  return http (SOUP_METHOD_POST, "api/v1/push", token, body);
}

static Reply *
pull (const char *token,
      gint64      since,
      guint       limit)
{
  g_autofree char *path = g_strdup_printf ("api/v1/pull?since=%" G_GINT64_FORMAT "&limit=%u", since, limit);

  return http (SOUP_METHOD_GET, path, token, NULL);
}

static void
assert_error_reply (Reply      *reply,
                    guint       status,
                    const char *code)
{
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_nonnull (reply->object);
  g_assert_cmpstr (json_object_get_string_member_with_default (reply->object, "error", NULL), ==, code);
  g_assert_cmpuint (strlen (json_object_get_string_member_with_default (reply->object, "message", "")), >, 10);
}

/* ---- helpers: changes and batches -------------------------------------- */

static gint64 clock_base_ms;
static guint clock_counter;

/* A version stamp @offset_ms after the start of the tests. */
static char *
hlc_at (gint64      offset_ms,
        const char *node)
{
  return ud_hlc_format (clock_base_ms + offset_ms, clock_counter++ & UD_HLC_MAX_COUNTER, node);
}

/* A valid resident ID number for @seed: a birth date and a sequence from
 * it, and the GB 11643 check character. */
static char *
id_number_for (guint seed)
{
  char first17[18];

  g_snprintf (first17, sizeof first17, "110105%04u%02u%02u%03u",
              1950 + seed % 40, 1 + (seed / 40) % 12, 1 + (seed / 480) % 28, (seed / 13440) % 1000);
  return g_strdup_printf ("%s%c", first17, ud_idcard_check_char (first17));
}

/* A member as an office sends it: the server checks every record like a
 * typed one (ud-received.h), so the tests' members get what a member
 * needs and they leave out — a name, a valid ID number (the same for the
 * same record), a unit. */
static char *
member_data (const char *uuid,
             const char *data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *object;

  if (!json_parser_load_from_data (parser, data, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (data);
  object = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (object, "name"))
    json_object_set_string_member (object, "name", "会员");
  if (!json_object_has_member (object, "id_number"))
    {
      g_autofree char *id_number = id_number_for (g_str_hash (uuid));

      json_object_set_string_member (object, "id_number", id_number);
    }
  if (!json_object_has_member (object, "unit"))
    json_object_set_string_member (object, "unit", "测试单位");

  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static char *
change_json (const char *kind,
             const char *uuid,
             const char *district,
             const char *hlc,
             const char *base_hlc,
             gboolean    deleted,
             const char *data)
{
  g_autofree char *base = base_hlc != NULL ? g_strdup_printf ("\"%s\"", base_hlc) : g_strdup ("null");
  g_autofree char *member = NULL;

  if (g_str_equal (kind, "member") && !deleted && strlen (data) < 4096)
    data = member = member_data (uuid, data);

  return g_strdup_printf ("{\"kind\":\"%s\",\"uuid\":\"%s\",\"district\":\"%s\",\"hlc\":\"%s\","
                          "\"base_hlc\":%s,\"deleted\":%s,\"data\":%s}",
                          kind, uuid, district, hlc, base, deleted ? "true" : "false", data);
}

/* Takes the change texts; returns the whole body. */
static char *
batch_json (const char  *client,
            const char  *batch,
            char       **changes)
{
  g_autofree char *joined = g_strjoinv (",", changes);

  return g_strdup_printf ("{\"protocol\":1,\"client\":\"%s\",\"batch\":\"%s\",\"changes\":[%s]}",
                          client, batch, joined);
}

static char *
one_change_batch (const char *client,
                  const char *change)
{
  g_autofree char *batch = ud_uuid_v7_new ();
  char *changes[] = { (char *) change, NULL };

  return batch_json (client, batch, changes);
}

static JsonObject *
find_by_uuid (JsonArray  *array,
              const char *uuid)
{
  guint i;

  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (object, "uuid"), uuid))
        return object;
    }

  return NULL;
}

/* An office keeps what it pulled: uuid → "hlc deleted data". */
typedef struct
{
  const char *token;
  char       *client;
  GHashTable *store;
  gint64      cursor;
  guint       conflicts_seen;
  guint       flags_seen;
  guint       references_seen;
} Office;

static void
office_init (Office     *office,
             const char *token)
{
  office->token = token;
  office->client = ud_uuid_v7_new ();
  office->store = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  office->cursor = 0;
}

static void
office_clear (Office *office)
{
  g_free (office->client);
  g_hash_table_unref (office->store);
}

static char *
node_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Pulls until caught up, @limit items a page, applying each page. */
static void
office_sync (Office *office,
             guint   limit)
{
  gboolean more = TRUE;

  while (more)
    {
      g_autoptr(Reply) reply = pull (office->token, office->cursor, limit);
      JsonArray *changes;
      gint64 last = office->cursor;
      guint i;

      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_nonnull (reply->object);
      g_assert_cmpint (json_object_get_int_member (reply->object, "protocol"), ==, 1);

      changes = json_object_get_array_member (reply->object, "changes");
      for (i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          gint64 seq = json_object_get_int_member (change, "seq");
          g_autofree char *data = node_text (json_object_get_member (change, "data"));

          g_assert_cmpint (seq, >, last);
          last = seq;
          /* City-wide reference data is kept apart, as the desktop does. */
          if (g_str_has_prefix (json_object_get_string_member (change, "kind"), "ref_"))
            {
              office->references_seen++;
              continue;
            }
          g_hash_table_replace (office->store,
                                g_strdup (json_object_get_string_member (change, "uuid")),
                                g_strdup_printf ("%s %d %s",
                                                 json_object_get_string_member (change, "hlc"),
                                                 json_object_get_boolean_member (change, "deleted"),
                                                 data));
        }
      office->conflicts_seen += json_array_get_length (json_object_get_array_member (reply->object, "conflicts"));
      office->flags_seen += json_array_get_length (json_object_get_array_member (reply->object, "flags"));

      more = json_object_get_boolean_member (reply->object, "more");
      g_assert_cmpint (json_object_get_int_member (reply->object, "next"), >=, office->cursor);
      office->cursor = json_object_get_int_member (reply->object, "next");
    }
}

/* Pushes one new record from @office and returns its hlc. */
static char *
office_create (Office     *office,
               const char *kind,
               const char *uuid,
               const char *district,
               const char *data)
{
  g_autofree char *hlc = hlc_at (1000, "office");
  g_autofree char *change = change_json (kind, uuid, district, hlc, NULL, FALSE, data);
  g_autofree char *body = one_change_batch (office->client, change);
  g_autoptr(Reply) reply = push (office->token, body);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (reply->object, "applied"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reply->object, "conflicts")), ==, 0);

  return g_steal_pointer (&hlc);
}

/* Who takes each step of an application's trail: the clerk creates,
 * submits and pays, the reviewer reviews, the approver approves. */
static const struct
{
  const char *name;
  const char *actor;
} application_steps[] = {
  { "create",  "clerk" },
  { "submit",  "clerk" },
  { "review",  "reviewer" },
  { "approve", "approver" },
  { "pay",     "clerk" },
};

enum { STEP_CREATE, STEP_SUBMIT, STEP_REVIEW, STEP_APPROVE, STEP_PAY };

static guint step_tick;

/* One change per step of @uuid's trail from @first, @n of them, each
 * taken by @actor (NULL: the usual person), appended to @changes. */
static void
add_trail_steps (GPtrArray  *changes,
                 const char *district,
                 const char *uuid,
                 guint       first,
                 guint       n,
                 const char *actor)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *step_uuid = ud_uuid_v7_new ();
      g_autofree char *hlc = hlc_at (5000 + step_tick++, "office");
      g_autofree char *data = g_strdup_printf ("{\"record_kind\":\"illness_application\",\"record_uuid\":\"%s\","
                                               "\"step\":\"%s\",\"actor\":\"%s\",\"at\":\"2025-01-02T08:00:00Z\","
                                               "\"opinion\":\"同意\",\"signed_on\":\"2025-01-02\"}",
                                               uuid, application_steps[i].name,
                                               actor != NULL ? actor : application_steps[i].actor);

      g_ptr_array_add (changes, change_json ("workflow_step", step_uuid, district, hlc, NULL, FALSE, data));
    }
}

/* An application as the app writes it, with @fields (its state and what
 * the steps filled in) besides those every application has. */
static char *
application_change (const char *uuid,
                    const char *district,
                    const char *hlc,
                    const char *base_hlc,
                    const char *fields)
{
  g_autofree char *member = ud_uuid_v7_new ();
  g_autofree char *data = g_strdup_printf ("{\"serial\":\"大病-%s-%s\",\"member_uuid\":\"%s\",\"member_name\":\"王芳\","
                                           "\"relation\":\"self\",\"disease\":\"C01\",\"total\":10000000,"
                                           "\"household_size\":3,\"household_income\":5000000,"
                                           "\"created_by\":\"clerk\",%s}",
                                           district, uuid + 24, member, fields);

  return change_json ("illness_application", uuid, district, hlc, base_hlc, FALSE, data);
}

/* Pushes the application @uuid (from @base_hlc) with the steps of its
 * trail from @first, @n of them, in one batch, as an office sends them;
 * every change is applied.  Returns the application's version stamp. */
static char *
push_application (Office     *office,
                  const char *district,
                  const char *uuid,
                  const char *base_hlc,
                  guint       first,
                  guint       n,
                  const char *fields)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *hlc = hlc_at (5000 + step_tick++, "office");
  g_autofree char *batch = ud_uuid_v7_new ();
  g_autofree char *body = NULL;
  g_autoptr(Reply) reply = NULL;

  g_ptr_array_add (changes, application_change (uuid, district, hlc, base_hlc, fields));
  add_trail_steps (changes, district, uuid, first, n, NULL);
  g_ptr_array_add (changes, NULL);
  body = batch_json (office->client, batch, (char **) changes->pdata);
  reply = push (office->token, body);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reply->object, "refused")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (reply->object, "applied"), ==, 1 + n);

  return g_steal_pointer (&hlc);
}

/* ---- tests ------------------------------------------------------------- */

static void
test_health (void)
{
  g_autoptr(Reply) reply = http (SOUP_METHOD_GET, "api/v1/health", NULL, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (reply->object);
  g_assert_cmpstr (json_object_get_string_member (reply->object, "status"), ==, "ok");
  g_assert_cmpint (json_object_get_int_member (reply->object, "protocol"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (reply->object, "version"), ==, PACKAGE_VERSION);
}

static void
test_routes (void)
{
  g_autoptr(Reply) missing = http (SOUP_METHOD_GET, "api/v1/nothing", NULL, NULL);
  g_autoptr(Reply) method = http (SOUP_METHOD_GET, "api/v1/push", NULL, NULL);

  assert_error_reply (missing, 404, "not_found");
  assert_error_reply (method, 405, "method_not_allowed");
}

static void
test_cli_tokens (void)
{
  const char *bad_args[] = { "token", "add", "--district", "11011", "--name", "Nobody", NULL };
  const char *list_args[] = { "token", "list", NULL };
  const char *usage_args[] = { "token", "add", "--district", "110119", NULL };
  g_autofree char *token = add_token ("110119", "Yanqing office");
  g_autoptr(RunResult) bad = run_server_command (bad_args);
  g_autoptr(RunResult) list = run_server_command (list_args);
  g_autoptr(RunResult) usage = run_server_command (usage_args);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM tokens WHERE token_hash = '%s'", hash);

  /* 256 random bits as hex, stored only as a hash. */
  g_assert_cmpuint (strlen (token), ==, 64);
  g_assert_cmpint (db_int (sql), ==, 1);
  g_assert_cmpint (db_int ("SELECT count (*) FROM tokens WHERE token_hash ~ '^[0-9a-f]{64}$'"), ==,
                   db_int ("SELECT count (*) FROM tokens"));

  g_assert_cmpint (bad->status, ==, 1);
  g_assert_nonnull (strstr (bad->err, "6 digits"));
  g_assert_cmpint (list->status, ==, 0);
  g_assert_nonnull (strstr (list->out, "Yanqing office"));
  g_assert_cmpint (usage->status, ==, 2);
}

/* A database migrated by a newer server is left alone. */
static void
test_cli_schema_newer (void)
{
  const char *migrate_args[] = { "migrate", NULL };
  g_autoptr(PGconn) conn = db_connect ();
  g_autoptr(RunResult) newer = NULL;
  g_autoptr(RunResult) again = NULL;

  db_exec (conn, "INSERT INTO schema_migrations (version) VALUES (99)");
  newer = run_server_command (migrate_args);
  db_exec (conn, "DELETE FROM schema_migrations WHERE version = 99");

  g_assert_cmpint (newer->status, ==, 1);
  g_assert_nonnull (strstr (newer->err, "newer"));

  again = run_server_command (migrate_args);
  g_assert_cmpint (again->status, ==, 0);
  /* Back to the versions this server knows, every one of them. */
  g_assert_cmpint (db_int ("SELECT max (version) FROM schema_migrations"), ==, UD_SERVER_DB_SCHEMA_VERSION);
  g_assert_cmpint (db_int ("SELECT count (*) FROM schema_migrations"), ==, UD_SERVER_DB_SCHEMA_VERSION);
}

/* Two offices of district A and one of district B push and pull: the A
 * offices end with the same records, B with its own only. */
static void
test_converge (void)
{
  g_autofree char *a_token1 = add_token ("110101", "Dongcheng office 1");
  g_autofree char *a_token2 = add_token ("110101", "Dongcheng office 2");
  g_autofree char *b_token = add_token ("110102", "Xicheng office");
  Office a1, a2, b;
  GHashTableIter iter;
  gpointer key, value;
  guint i;

  office_init (&a1, a_token1);
  office_init (&a2, a_token2);
  office_init (&b, b_token);

  for (i = 0; i < 5; i++)
    {
      g_autofree char *u1 = ud_uuid_v7_new ();
      g_autofree char *u2 = ud_uuid_v7_new ();
      g_autofree char *u3 = ud_uuid_v7_new ();
      g_autofree char *d1 = g_strdup_printf ("{\"name\":\"王%u\",\"phone\":\"1390000000%u\"}", i, i);
      g_autofree char *d2 = g_strdup_printf ("{\"name\":\"李%u\",\"amount\":%u}", i, 100000 + i);
      g_autofree char *d3 = g_strdup_printf ("{\"name\":\"赵%u\"}", i);
      g_autofree char *h1 = office_create (&a1, "member", u1, "110101", d1);
      g_autofree char *h2 = office_create (&a2, "member", u2, "110101", d2);
      g_autofree char *h3 = office_create (&b, "member", u3, "110102", d3);
    }

  /* Small pages, so that paging is part of it. */
  office_sync (&a1, 3);
  office_sync (&a2, 4);
  office_sync (&b, 2);

  g_assert_cmpuint (g_hash_table_size (a1.store), ==, 10);
  g_assert_cmpuint (g_hash_table_size (a2.store), ==, 10);
  g_assert_cmpuint (g_hash_table_size (b.store), ==, 5);

  g_hash_table_iter_init (&iter, a1.store);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_assert_cmpstr (g_hash_table_lookup (a2.store, key), ==, value);
      g_assert_null (g_hash_table_lookup (b.store, key));
    }
  g_hash_table_iter_init (&iter, b.store);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_nonnull (strstr (value, "赵"));

  office_clear (&a1);
  office_clear (&a2);
  office_clear (&b);
}

/* Two offices edit the same record from the same version: both versions
 * are kept, the later one wins, the conflict is answered and pullable. */
static void
test_conflict (void)
{
  g_autofree char *token1 = add_token ("110105", "Chaoyang office 1");
  g_autofree char *token2 = add_token ("110105", "Chaoyang office 2");
  g_autofree char *other = add_token ("110106", "Fengtai office");
  g_autofree char *uuid = ud_uuid_v7_new ();
  g_autofree char *h0 = NULL;
  g_autofree char *h1 = hlc_at (5000, "one");
  g_autofree char *h2 = hlc_at (4000, "two");    /* earlier than h1: loses */
  g_autofree char *h3 = hlc_at (9000, "two");    /* later than h1: wins */
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  g_autofree char *c3 = NULL;
  g_autofree char *b1 = NULL;
  g_autofree char *b2 = NULL;
  g_autofree char *b3 = NULL;
  g_autoptr(Reply) r1 = NULL;
  g_autoptr(Reply) r2 = NULL;
  g_autoptr(Reply) r3 = NULL;
  g_autoptr(Reply) page = NULL;
  g_autoptr(Reply) other_page = NULL;
  JsonArray *conflicts;
  JsonObject *conflict;
  JsonObject *record;
  Office o1, o2;

  office_init (&o1, token1);
  office_init (&o2, token2);
  h0 = office_create (&o1, "member", uuid, "110105", "{\"name\":\"周建国\",\"phone\":\"13900000000\"}");
  office_sync (&o2, 100);

  c1 = change_json ("member", uuid, "110105", h1, h0, FALSE, "{\"name\":\"周建国\",\"phone\":\"13911111111\"}");
  b1 = one_change_batch (o1.client, c1);
  r1 = push (token1, b1);
  g_assert_cmpuint (r1->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (r1->object, "applied"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (r1->object, "conflicts")), ==, 0);

  /* Office 2 edited h0 too, with an earlier stamp: the server keeps h1. */
  c2 = change_json ("member", uuid, "110105", h2, h0, FALSE, "{\"name\":\"周建国\",\"phone\":\"13922222222\"}");
  b2 = one_change_batch (o2.client, c2);
  r2 = push (token2, b2);
  g_assert_cmpuint (r2->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (r2->object, "applied"), ==, 0);
  conflicts = json_object_get_array_member (r2->object, "conflicts");
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  conflict = json_array_get_object_element (conflicts, 0);
  g_assert_cmpstr (json_object_get_string_member (conflict, "uuid"), ==, uuid);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conflict, "winner"), "hlc"), ==, h1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conflict, "loser"), "hlc"), ==, h2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (conflict, "loser"), "data"), "phone"), ==, "13922222222");

  /* And again from h0, now with a later stamp: it wins, h1 is kept. */
  c3 = change_json ("member", uuid, "110105", h3, h0, FALSE, "{\"name\":\"周建国\",\"phone\":\"13933333333\"}");
  b3 = one_change_batch (o2.client, c3);
  r3 = push (token2, b3);
  g_assert_cmpuint (r3->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (r3->object, "applied"), ==, 1);
  conflicts = json_object_get_array_member (r3->object, "conflicts");
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  conflict = json_array_get_object_element (conflicts, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conflict, "winner"), "hlc"), ==, h3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conflict, "loser"), "hlc"), ==, h1);

  /* The district's pull has the winner as the record and both conflicts. */
  page = pull (token1, 0, 100);
  g_assert_cmpuint (page->status, ==, 200);
  record = find_by_uuid (json_object_get_array_member (page->object, "changes"), uuid);
  g_assert_nonnull (record);
  g_assert_cmpstr (json_object_get_string_member (record, "hlc"), ==, h3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (record, "data"), "phone"), ==, "13933333333");
  conflicts = json_object_get_array_member (page->object, "conflicts");
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (conflicts, 0), "loser"), "hlc"), ==, h2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (conflicts, 1), "loser"), "hlc"), ==, h1);

  /* Another district sees none of it. */
  other_page = pull (other, 0, 100);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (other_page->object, "changes")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (other_page->object, "conflicts")), ==, 0);

  office_clear (&o1);
  office_clear (&o2);
}

static void
test_tombstone (void)
{
  g_autofree char *token1 = add_token ("110107", "Shijingshan office 1");
  g_autofree char *token2 = add_token ("110107", "Shijingshan office 2");
  g_autofree char *uuid = ud_uuid_v7_new ();
  g_autofree char *h0 = NULL;
  g_autofree char *h1 = hlc_at (20000, "one");
  g_autofree char *change = NULL;
  g_autofree char *body = NULL;
  g_autoptr(Reply) reply = NULL;
  Office o1, o2;

  office_init (&o1, token1);
  office_init (&o2, token2);
  h0 = office_create (&o1, "unit", uuid, "110107", "{\"name\":\"石景山区某公司工会\"}");
  office_sync (&o2, 100);
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (o2.store, uuid), h0));

  change = change_json ("unit", uuid, "110107", h1, h0, TRUE, "{}");
  body = one_change_batch (o1.client, change);
  reply = push (token1, body);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (reply->object, "applied"), ==, 1);

  office_sync (&o2, 100);
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (o2.store, uuid), h1));
  g_assert_nonnull (strstr (g_hash_table_lookup (o2.store, uuid), " 1 "));

  office_clear (&o1);
  office_clear (&o2);
}

typedef struct
{
  const char *url;
  const char *token;
  const char *body;
  Reply      *reply;
  GError     *error;
} PushJob;

static gpointer
push_job_thread (gpointer data)
{
  PushJob *job = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static (job->body, strlen (job->body));

  g_main_context_push_thread_default (context);
  session = session_new ();
  job->reply = http_try (session, job->url, SOUP_METHOD_POST, "api/v1/push", job->token, body, &job->error);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);

  return NULL;
}

/* ---- snapshots built ahead (issue 13) ----------------------------------- */

static PGconn *block_counter (void);

typedef struct
{
  const char *url;
  const char *token;
  Reply      *reply;
  GError     *error;
} SnapshotJob;

static gpointer
snapshot_job_thread (gpointer data)
{
  SnapshotJob *job = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;

  g_main_context_push_thread_default (context);
  session = session_new ();
  job->reply = http_try (session, job->url, SOUP_METHOD_GET, "api/v1/snapshot", job->token, NULL, &job->error);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);

  return NULL;
}

static Reply *
snapshot_from (const char *url,
               const char *token)
{
  SnapshotJob job = { url, token, NULL, NULL };

  snapshot_job_thread (&job);
  g_assert_no_error (job.error);
  g_assert_nonnull (job.reply);
  g_assert_cmpuint (job.reply->status, ==, 200);
  return job.reply;
}

static char *
members_batch (const char *client,
               const char *district,
               guint       first,
               guint       n)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *batch = ud_uuid_v7_new ();

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *uuid = ud_uuid_v7_new ();
      g_autofree char *hlc = hlc_at (5000 + i, "ahead");
      g_autofree char *data = g_strdup_printf ("{\"name\":\"预建%u\"}", i);

      g_ptr_array_add (changes, change_json ("member", uuid, district, hlc, NULL, FALSE, data));
    }
  g_ptr_array_add (changes, NULL);
  return batch_json (client, batch, (char **) changes->pdata);
}

static Reply *
push_to (const char *url,
         const char *token,
         const char *body)
{
  PushJob job = { url, token, body, NULL, NULL };

  push_job_thread (&job);
  g_assert_no_error (job.error);
  g_assert_nonnull (job.reply);
  g_assert_cmpuint (job.reply->status, ==, 200);
  return job.reply;
}

/* After a push into a district big enough (20 records here, by
 * UD_SERVER_SNAPSHOT_AHEAD_RECORDS; 50,000 in service), its snapshot is
 * built a few seconds later without any request; a request during that
 * build waits for it and gets its file; after one more push the kept file
 * is still answered, and the office pulls the change after it. */
static void
test_snapshot_ahead (void)
{
  g_autofree char *token = add_token ("110131", "Ahead office");
  g_autofree char *client = ud_uuid_v7_new ();
  char *halves[2] = { members_batch (client, "110131", 0, 15), members_batch (client, "110131", 15, 15) };
  PushJob pushes[2] = { { 0 } };
  GThread *pushers[2];
  g_autoptr(PGconn) counter = NULL;
  g_autofree char *more = members_batch (client, "110131", 30, 1);
  const char *listen[] = { "--listen", "127.0.0.1:0", NULL };
  g_autoptr(Server) server = NULL;
  g_autoptr(PGconn) blocker = NULL;
  g_autoptr(Reply) pushed_more = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) after_push = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(Reply) rest = NULL;
  g_autoptr(GError) error = NULL;
  SnapshotJob during = { 0 };
  GThread *thread;

  g_setenv ("UD_SERVER_SNAPSHOT_AHEAD_RECORDS", "20", TRUE);
  server = server_start (listen);
  g_unsetenv ("UD_SERVER_SNAPSHOT_AHEAD_RECORDS");
  /* The suite's own server looks at the districts pushed to it 3 s after
   * their last push (and finds them small); its look must not be the one
   * taken below for this server's build. */
  g_usleep (4 * G_USEC_PER_SEC);

  /* Two pushes at once, held at the counter: the server then has two
   * connections ready, one for the build and one for the request. */
  counter = block_counter ();
  for (guint i = 0; i < 2; i++)
    {
      pushes[i].url = server->url;
      pushes[i].token = token;
      pushes[i].body = halves[i];
      pushers[i] = g_thread_new ("push", push_job_thread, &pushes[i]);
    }
  for (guint i = 0; i < 200 && db_int ("SELECT count (*) FROM pg_stat_activity"
                                       " WHERE application_name = 'uniondesk-server' AND wait_event_type = 'Lock'") < 2; i++)
    g_usleep (G_USEC_PER_SEC / 20);
  db_exec (counter, "ROLLBACK");
  for (guint i = 0; i < 2; i++)
    {
      g_thread_join (pushers[i]);
      g_assert_no_error (pushes[i].error);
      g_assert_cmpuint (pushes[i].reply->status, ==, 200);
      g_assert_cmpint (json_object_get_int_member (pushes[i].reply->object, "applied"), ==, 15);
      reply_free (pushes[i].reply);
    }

  /* Hold the build ahead at its first statement, then ask meanwhile. */
  blocker = db_connect ();
  db_exec (blocker, "BEGIN");
  db_exec (blocker, "LOCK TABLE records IN ACCESS EXCLUSIVE MODE");
  wait_for_lock_wait ("SELECT count (*) FROM (SELECT 1 FROM records");
  during.url = server->url;
  during.token = token;
  thread = g_thread_new ("snapshot", snapshot_job_thread, &during);
  g_usleep (G_USEC_PER_SEC / 2);
  db_exec (blocker, "ROLLBACK");
  g_thread_join (thread);
  g_assert_no_error (during.error);
  g_assert_nonnull (during.reply);
  g_assert_cmpuint (during.reply->status, ==, 200);
  g_assert_nonnull (during.reply->server_timing);
  g_assert_nonnull (strstr (during.reply->server_timing, "cache;desc=\"kept\""));
  g_assert_nonnull (strstr (during.reply->server_timing, "wait;desc=\"build in progress\""));
  g_assert_cmpint (g_ascii_strtoll (during.reply->snapshot_seq, NULL, 10), ==,
                   db_int ("SELECT max (seq) FROM records WHERE scope IN ('110131', '*')"));

  /* Asked again: the same file, kept, no wait. */
  again = snapshot_from (server->url, token);
  g_assert_nonnull (strstr (again->server_timing, "cache;desc=\"kept\""));
  g_assert_null (strstr (again->server_timing, "wait;"));
  g_assert_cmpstr (again->snapshot_sha256, ==, during.reply->snapshot_sha256);
  g_assert_cmpstr (again->snapshot_seq, ==, during.reply->snapshot_seq);

  /* One change after it: the kept file, and the pull gives that change. */
  pushed_more = push_to (server->url, token, more);
  g_assert_cmpint (json_object_get_int_member (pushed_more->object, "applied"), ==, 1);
  after_push = snapshot_from (server->url, token);
  g_assert_nonnull (strstr (after_push->server_timing, "cache;desc=\"kept\""));
  g_assert_cmpstr (after_push->snapshot_sha256, ==, during.reply->snapshot_sha256);
  g_assert_cmpstr (after_push->snapshot_seq, ==, during.reply->snapshot_seq);
  path = g_strdup_printf ("api/v1/pull?since=%s&limit=500", after_push->snapshot_seq);
  session = session_new ();
  rest = http_try (session, server->url, SOUP_METHOD_GET, path, token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rest->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rest->object, "changes")), ==, 1);

  reply_free (during.reply);
  g_free (halves[0]);
  g_free (halves[1]);
}

/* A batch sent again answers the same bytes and changes nothing, also when
 * two copies race; a batch id reused for other changes is refused. */
static void
test_replay (void)
{
  g_autofree char *token = add_token ("110108", "Haidian office");
  g_autofree char *client = ud_uuid_v7_new ();
  g_autofree char *batch = ud_uuid_v7_new ();
  g_autofree char *uuid1 = ud_uuid_v7_new ();
  g_autofree char *uuid2 = ud_uuid_v7_new ();
  g_autofree char *h1 = hlc_at (1000, "replay");
  g_autofree char *h2 = hlc_at (1000, "replay");
  g_autofree char *c1 = change_json ("member", uuid1, "110108", h1, NULL, FALSE, "{\"name\":\"陈静\"}");
  g_autofree char *c2 = change_json ("member", uuid2, "110108", h2, NULL, FALSE, "{\"name\":\"刘洋\"}");
  char *changes[] = { c1, c2, NULL };
  char *other_changes[] = { c1, NULL };
  g_autofree char *body = batch_json (client, batch, changes);
  g_autofree char *reused = batch_json (client, batch, other_changes);
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) conflicting = NULL;
  PushJob racers[4] = { { 0 } };
  GThread *threads[4];
  g_autofree char *race_batch = ud_uuid_v7_new ();
  g_autofree char *uuid3 = ud_uuid_v7_new ();
  g_autofree char *h3 = hlc_at (1000, "replay");
  g_autofree char *c3 = change_json ("member", uuid3, "110108", h3, NULL, FALSE, "{\"name\":\"黄磊\"}");
  char *race_changes[] = { c3, NULL };
  g_autofree char *race_body = batch_json (client, race_batch, race_changes);
  gint64 counter;
  guint i;

  first = push (token, body);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (first->object, "applied"), ==, 2);
  counter = counter_value ();

  again = push (token, body);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_true (g_bytes_equal (first->body, again->body));
  g_assert_cmpint (counter_value (), ==, counter);
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE district = '110108'"), ==, 2);

  conflicting = push (token, reused);
  assert_error_reply (conflicting, 409, "batch_reused");

  /* Another district sending the same ids gets nothing of this one's. */
  {
    g_autofree char *stranger = add_token ("110110", "Stranger office");
    g_autofree char *s1 = change_json ("member", uuid1, "110110", h1, NULL, FALSE, "{}");
    g_autofree char *s2 = change_json ("member", uuid2, "110110", h2, NULL, FALSE, "{}");
    char *stranger_changes[] = { s1, s2, NULL };
    g_autofree char *stranger_body = batch_json (client, batch, stranger_changes);
    g_autoptr(Reply) refused = push (stranger, stranger_body);

    assert_error_reply (refused, 409, "batch_reused");
    g_assert_null (g_strstr_len (g_bytes_get_data (refused->body, NULL), (gssize) g_bytes_get_size (refused->body), "陈静"));
  }

  for (i = 0; i < G_N_ELEMENTS (racers); i++)
    {
      racers[i].url = server_url;
      racers[i].token = token;
      racers[i].body = race_body;
      threads[i] = g_thread_new ("racer", push_job_thread, &racers[i]);
    }
  for (i = 0; i < G_N_ELEMENTS (racers); i++)
    g_thread_join (threads[i]);
  for (i = 0; i < G_N_ELEMENTS (racers); i++)
    {
      g_assert_no_error (racers[i].error);
      g_assert_cmpuint (racers[i].reply->status, ==, 200);
      g_assert_true (g_bytes_equal (racers[i].reply->body, racers[0].reply->body));
    }
  for (i = 0; i < G_N_ELEMENTS (racers); i++)
    reply_free (racers[i].reply);
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE district = '110108'"), ==, 3);
  g_assert_cmpint (counter_value (), ==, counter + 1);
}

/* The district comes from the token: a batch with one change for another
 * district is refused whole; so is overwriting another district's record
 * and reference data from a district. */
static void
test_district_scope (void)
{
  g_autofree char *a_token = add_token ("110109", "Mentougou office");
  g_autofree char *b_token = add_token ("110111", "Fangshan office");
  g_autofree char *city_token = add_token (CITY, "City union");
  g_autofree char *client = ud_uuid_v7_new ();
  g_autofree char *a_uuid = ud_uuid_v7_new ();
  g_autofree char *b_uuid = ud_uuid_v7_new ();
  g_autofree char *ref_uuid = ud_uuid_v7_new ();
  g_autofree char *h1 = hlc_at (1000, "scope");
  g_autofree char *h2 = hlc_at (1000, "scope");
  g_autofree char *h3 = hlc_at (2000, "scope");
  g_autofree char *h4 = hlc_at (2000, "city");
  g_autofree char *own = change_json ("member", a_uuid, "110109", h1, NULL, FALSE, "{\"name\":\"甲\"}");
  g_autofree char *foreign = change_json ("member", b_uuid, "110111", h2, NULL, FALSE, "{\"name\":\"乙\"}");
  char *mixed_changes[] = { own, foreign, NULL };
  g_autofree char *mixed_batch = ud_uuid_v7_new ();
  g_autofree char *mixed = batch_json (client, mixed_batch, mixed_changes);
  g_autofree char *b_record = change_json ("member", b_uuid, "110111", h2, NULL, FALSE, "{\"name\":\"乙\"}");
  g_autofree char *b_body = one_change_batch (client, b_record);
  g_autofree char *overwrite = change_json ("member", b_uuid, "110109", h3, h2, FALSE, "{\"name\":\"冒名\"}");
  g_autofree char *overwrite_body = one_change_batch (client, overwrite);
  g_autofree char *ref = change_json ("ref_disease", ref_uuid, "110109", h3, NULL, FALSE, "{\"code\":\"D99\"}");
  g_autofree char *ref_body = one_change_batch (client, ref);
  g_autofree char *city_ref = change_json ("ref_disease", ref_uuid, CITY, h4, NULL, FALSE,
                                           "{\"code\":\"D01\",\"name\":\"恶性肿瘤\"}");
  g_autofree char *city_body = one_change_batch (client, city_ref);
  g_autoptr(Reply) r_mixed = NULL;
  g_autoptr(Reply) r_b = NULL;
  g_autoptr(Reply) r_overwrite = NULL;
  g_autoptr(Reply) r_ref = NULL;
  g_autoptr(Reply) r_city = NULL;
  g_autoptr(Reply) a_page = NULL;
  g_autoptr(Reply) b_page = NULL;
  gint64 counter = counter_value ();
  JsonArray *changes;

  r_mixed = push (a_token, mixed);
  assert_error_reply (r_mixed, 403, "forbidden");
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE district IN ('110109', '110111')"), ==, 0);
  g_assert_cmpint (counter_value (), ==, counter);

  r_b = push (b_token, b_body);
  g_assert_cmpuint (r_b->status, ==, 200);

  /* A's token naming its own district on B's record. */
  counter = counter_value ();
  r_overwrite = push (a_token, overwrite_body);
  assert_error_reply (r_overwrite, 403, "forbidden");
  g_assert_cmpint (counter_value (), ==, counter);
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE district = '110111' AND data->>'name' = '乙'"), ==, 1);

  r_ref = push (a_token, ref_body);
  assert_error_reply (r_ref, 403, "forbidden");
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE kind = 'ref_disease'"), ==, 0);
  g_assert_cmpint (db_int ("SELECT count (*) FROM audit WHERE action = 'push_refused'"), >=, 3);

  r_city = push (city_token, city_body);
  g_assert_cmpuint (r_city->status, ==, 200);

  /* Every district pulls the city's reference data; B's record stays B's. */
  a_page = pull (a_token, 0, 100);
  changes = json_object_get_array_member (a_page->object, "changes");
  g_assert_nonnull (find_by_uuid (changes, ref_uuid));
  g_assert_null (find_by_uuid (changes, b_uuid));
  b_page = pull (b_token, 0, 100);
  changes = json_object_get_array_member (b_page->object, "changes");
  g_assert_nonnull (find_by_uuid (changes, ref_uuid));
  g_assert_nonnull (find_by_uuid (changes, b_uuid));
}

static void
test_unauthorized (void)
{
  g_autofree char *token = add_token ("110112", "Tongzhou office");
  g_autofree char *id = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_autoptr(Reply) before = pull (token, 0, 10);
  g_autoptr(Reply) none = pull (NULL, 0, 10);
  g_autoptr(Reply) wrong = pull ("0123456789abcdef", 0, 10);
  g_autoptr(Reply) after = NULL;
  g_autoptr(RunResult) revoke = NULL;
  const char *revoke_args[] = { "token", "revoke", NULL, NULL };

  g_assert_cmpuint (before->status, ==, 200);
  assert_error_reply (none, 401, "unauthorized");
  g_assert_nonnull (none->www_authenticate);
  assert_error_reply (wrong, 401, "unauthorized");

  sql = g_strdup_printf ("SELECT id FROM tokens WHERE token_hash = '%s'", hash);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, db_int (sql));
  revoke_args[2] = id;
  revoke = run_server_command (revoke_args);
  g_assert_cmpint (revoke->status, ==, 0);

  after = pull (token, 0, 10);
  assert_error_reply (after, 401, "unauthorized");
}

static void
assert_refused (const char *token,
                const char *body,
                guint       status,
                const char *code)
{
  gint64 counter = counter_value ();
  gint64 records = db_int ("SELECT count (*) FROM records");
  g_autoptr(Reply) reply = push (token, body);

  assert_error_reply (reply, status, code);
  g_assert_cmpint (counter_value (), ==, counter);
  g_assert_cmpint (db_int ("SELECT count (*) FROM records"), ==, records);
}

static void
test_malformed (void)
{
  g_autofree char *token = add_token ("110113", "Shunyi office");
  g_autofree char *client = ud_uuid_v7_new ();
  g_autofree char *uuid = ud_uuid_v7_new ();
  g_autofree char *hlc = hlc_at (1000, "bad");
  g_autofree char *good = change_json ("member", uuid, "110113", hlc, NULL, FALSE, "{\"name\":\"孙\"}");
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *body = NULL;
  g_autoptr(Reply) since = NULL;
  g_autoptr(Reply) limit = NULL;
  guint i;

  assert_refused (token, "{\"protocol\":1,", 400, "bad_json");
  assert_refused (token, "", 400, "bad_json");
  assert_refused (token, "[1,2,3]", 400, "invalid");
  assert_refused (token, "{\"protocol\":\"1\",\"changes\":[]}", 400, "unsupported_protocol");
  assert_refused (token, "{\"protocol\":2,\"changes\":[]}", 400, "unsupported_protocol");

  body = g_strdup_printf ("{\"protocol\":1,\"client\":\"%s\",\"batch\":\"not-a-uuid\",\"changes\":[%s]}", client, good);
  assert_refused (token, body, 400, "invalid");
  g_free (body);
  body = g_strdup_printf ("{\"protocol\":1,\"client\":\"%s\",\"batch\":\"%s\",\"changes\":{}}", client, uuid);
  assert_refused (token, body, 400, "invalid");
  g_free (body);

  /* One good change and one bad: nothing at all is applied. */
  {
    const char *bad_changes[] = {
      "{\"kind\":\"member\",\"uuid\":\"@UUID@\",\"district\":\"110113\",\"hlc\":\"@HLC@\",\"deleted\":\"yes\",\"data\":{}}",
      "{\"kind\":\"member\",\"uuid\":\"@UUID@\",\"district\":\"110113\",\"hlc\":\"@HLC@\",\"deleted\":false,\"data\":[1]}",
      "{\"kind\":\"member\",\"uuid\":\"@UUID@\",\"district\":\"110113\",\"hlc\":\"@HLC@\",\"base_hlc\":17,\"data\":{}}",
      "{\"kind\":\"Member!\",\"uuid\":\"@UUID@\",\"district\":\"110113\",\"hlc\":\"@HLC@\",\"data\":{}}",
      "{\"kind\":\"member\",\"uuid\":\"@UUID@\",\"district\":110113,\"hlc\":\"@HLC@\",\"data\":{}}",
      "{\"kind\":\"member\",\"uuid\":\"@UUID@-x\",\"district\":\"110113\",\"hlc\":\"@HLC@\",\"data\":{}}",
      "{\"kind\":\"member\",\"uuid\":\"@UUID@\",\"district\":\"110113\",\"hlc\":\"@HLC@ZZ\",\"data\":{}}",
      "{\"kind\":\"member\",\"uuid\":\"@UUID@\",\"district\":\"110113\",\"hlc\":\"@HLC@\",\"data\":{\"n\":1e999}}",
      "{\"kind\":\"member\",\"uuid\":\"@UUID@\",\"district\":\"110113\",\"hlc\":\"@HLC@\",\"data\":{\"n\":\"a\\u0000b\"}}",
    };

    for (i = 0; i < G_N_ELEMENTS (bad_changes); i++)
      {
        g_autofree char *other_uuid = ud_uuid_v7_new ();
        g_autofree char *other_hlc = hlc_at (1000, "bad");
        GString *text_bad = g_string_new (bad_changes[i]);
        g_autofree char *bad = NULL;
        char *changes[] = { good, NULL, NULL };
        g_autofree char *batch = ud_uuid_v7_new ();
        g_autofree char *text = NULL;

        g_string_replace (text_bad, "@UUID@", other_uuid, 0);
        g_string_replace (text_bad, "@HLC@", other_hlc, 0);
        bad = g_string_free (text_bad, FALSE);
        changes[1] = bad;
        text = batch_json (client, batch, changes);

        assert_refused (token, text, 400, i == G_N_ELEMENTS (bad_changes) - 1 ? "bad_json" : "invalid");
      }
  }

  /* Nested too deep. */
  for (i = 0; i < 100; i++)
    g_string_append_c (deep, '[');
  for (i = 0; i < 100; i++)
    g_string_append_c (deep, ']');
  body = g_strdup_printf ("{\"protocol\":1,\"client\":\"%s\",\"batch\":\"%s\",\"changes\":%s}", client, uuid, deep->str);
  assert_refused (token, body, 400, "too_deep");
  g_free (body);

  /* A text longer than 64 KiB. */
  for (i = 0; i < 70 * 1024; i++)
    g_string_append_c (long_text, 'x');
  {
    g_autofree char *data = g_strdup_printf ("{\"notes\":\"%s\"}", long_text->str);
    g_autofree char *change = change_json ("member", uuid, "110113", hlc, NULL, FALSE, data);

    body = one_change_batch (client, change);
    assert_refused (token, body, 400, "invalid");
    g_free (body);
  }

  /* More than 500 changes. */
  for (i = 0; i < 501; i++)
    {
      g_autofree char *u = ud_uuid_v7_new ();
      g_autofree char *h = hlc_at (1000, "many");
      g_autofree char *change = change_json ("member", u, "110113", h, NULL, FALSE, "{}");

      if (i > 0)
        g_string_append_c (many, ',');
      g_string_append (many, change);
    }
  body = g_strdup_printf ("{\"protocol\":1,\"client\":\"%s\",\"batch\":\"%s\",\"changes\":[%s]}", client, uuid, many->str);
  assert_refused (token, body, 413, "too_many_changes");
  g_free (body);

  /* More than 8 MiB. */
  g_string_append_printf (huge, "{\"protocol\":1,\"client\":\"%s\",\"batch\":\"%s\",\"changes\":[],\"pad\":\"", client, uuid);
  while (huge->len < 9 * 1024 * 1024)
    g_string_append (huge, "0123456789abcdef");
  g_string_append (huge, "\"}");
  assert_refused (token, huge->str, 413, "too_large");

  /* The same, sent in chunks without a length. */
  {
    g_autoptr(SoupSession) session = session_new ();
    g_autofree char *uri = g_strconcat (server_url, "api/v1/push", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, uri);
    g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (huge->str, (gssize) huge->len, NULL);
    g_autoptr(GBytes) answer = NULL;
    g_autoptr(GError) error = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    soup_message_set_request_body (msg, "application/json", stream, -1);
    g_assert_cmpint (soup_message_headers_get_encoding (soup_message_get_request_headers (msg)), ==, SOUP_ENCODING_CHUNKED);
    answer = soup_session_send_and_read (session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 413);
  }

  /* A push must say it is JSON (README-server: 415): one sent as text,
   * or without a Content-Type at all, is refused and applies nothing. */
  {
    const char *types[] = { "text/plain", NULL };
    g_autofree char *batch = one_change_batch (client, good);

    for (guint t = 0; t < G_N_ELEMENTS (types); t++)
      {
        g_autoptr(SoupSession) session = session_new ();
        g_autofree char *uri = g_strconcat (server_url, "api/v1/push", NULL);
        g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, uri);
        g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
        g_autoptr(GBytes) bytes = g_bytes_new (batch, strlen (batch));
        g_autoptr(GBytes) answer = NULL;
        g_autoptr(GError) error = NULL;
        gint64 records = db_int ("SELECT count (*) FROM records");

        soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
        soup_message_set_request_body_from_bytes (msg, types[t], bytes);
        if (types[t] == NULL)
          soup_message_headers_remove (soup_message_get_request_headers (msg), "Content-Type");
        answer = soup_session_send_and_read (session, msg, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (soup_message_get_status (msg), ==, 415);
        g_assert_nonnull (g_strstr_len (g_bytes_get_data (answer, NULL), (gssize) g_bytes_get_size (answer),
                                        "unsupported_media_type"));
        g_assert_cmpint (db_int ("SELECT count (*) FROM records"), ==, records);
      }
  }

  /* Bad pull parameters. */
  since = http (SOUP_METHOD_GET, "api/v1/pull?since=-1", token, NULL);
  assert_error_reply (since, 400, "bad_request");
  limit = http (SOUP_METHOD_GET, "api/v1/pull?limit=5001", token, NULL);
  assert_error_reply (limit, 400, "bad_request");

  /* And the good change alone goes through, sent in chunks. */
  body = one_change_batch (client, good);
  {
    g_autoptr(SoupSession) session = session_new ();
    g_autofree char *uri = g_strconcat (server_url, "api/v1/push", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, uri);
    g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (body, (gssize) strlen (body), NULL);
    g_autoptr(GBytes) answer = NULL;
    g_autoptr(GError) error = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    soup_message_set_request_body (msg, "application/json", stream, -1);
    answer = soup_session_send_and_read (session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (answer, NULL), (gssize) g_bytes_get_size (answer), "\"applied\":1"));
  }
}

/* An office's audit trail: the city keeps a copy of it, as received,
 * so that a trail rewritten in the office is seen here too. */

typedef struct
{
  gint64  id;
  char   *actor;
  char   *hash;
} AuditEntry;

/* An entry chained to @prev (NULL before the first), as the office
 * writes it: its JSON, with its hash in @entry. */
static char *
audit_entry_json (AuditEntry       *entry,
                  const AuditEntry *prev)
{
  const char *fields[UD_AUDIT_HASHED_FIELDS] = {
    "2026-12-01T08:00:00Z", entry->actor, "update", "member", "01890a5d-ac96-774b-bcce-b302099a8063",
    "phone", "13800000000", "13911112222", NULL,
  };

  g_free (entry->hash);
  entry->hash = ud_audit_entry_hash (prev != NULL ? prev->hash : "", entry->id, fields);
  return g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",\"at\":\"%s\",\"actor\":\"%s\",\"action\":\"update\","
                          "\"kind\":\"member\",\"uuid\":\"%s\",\"field\":\"phone\",\"old_value\":\"13800000000\","
                          "\"new_value\":\"13911112222\",\"detail\":null,\"hash\":\"%s\"}",
                          entry->id, fields[0], entry->actor, fields[4], entry->hash);
}

static char *
audit_push (const char *client,
            const char *entries)
{
  g_autofree char *batch = ud_uuid_v7_new ();

  return g_strdup_printf ("{\"protocol\":1,\"client\":\"%s\",\"batch\":\"%s\",\"changes\":[],\"audit\":[%s]}",
                          client, batch, entries);
}

static gint64
answer_audit (Reply *reply)
{
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (reply->object);
  return json_object_get_int_member (reply->object, "audit");
}

static void
test_office_audit (void)
{
  g_autofree char *token = add_token ("110116", "Huairou office");
  g_autofree char *client = ud_uuid_v7_new ();
  g_autofree char *count_sql = g_strdup_printf ("SELECT count (*) FROM office_audit WHERE client = '%s'", client);
  g_autofree char *alerts_sql = g_strdup_printf ("SELECT count (*) FROM office_audit_alerts WHERE client = '%s'", client);
  AuditEntry e[5] = {
    { 1, (char *) "li", NULL }, { 2, (char *) "li", NULL }, { 3, (char *) "wang", NULL },
    { 2, (char *) "nobody", NULL }, { 4, (char *) "li", NULL },
  };
  g_autofree char *j1 = audit_entry_json (&e[0], NULL);
  g_autofree char *j2 = audit_entry_json (&e[1], &e[0]);
  g_autofree char *j3 = audit_entry_json (&e[2], &e[1]);
  g_autofree char *rewritten = audit_entry_json (&e[3], &e[0]);
  g_autofree char *j4 = audit_entry_json (&e[4], &e[2]);
  g_autofree char *first = g_strdup_printf ("%s,%s,%s", j1, j2, j3);
  g_autofree char *body = audit_push (client, first);
  g_autofree char *again = audit_push (client, first);
  g_autofree char *forged = NULL;
  g_autofree char *next = audit_push (client, j4);
  g_autoptr(Reply) reply = NULL;

  /* The first three entries: stored, and the office is told how far the
   * copy goes. */
  reply = push (token, body);
  g_assert_cmpint (answer_audit (reply), ==, 3);
  g_assert_cmpint (db_int (count_sql), ==, 3);
  g_clear_pointer (&reply, reply_free);

  /* Sent again in another batch: nothing new, nothing wrong. */
  reply = push (token, again);
  g_assert_cmpint (answer_audit (reply), ==, 3);
  g_assert_cmpint (db_int (count_sql), ==, 3);
  g_assert_cmpint (db_int (alerts_sql), ==, 0);
  g_clear_pointer (&reply, reply_free);

  /* Entry 2 rewritten in the office (and 3 chained to it anew): the copy
   * keeps what it received, and an alert names the entry. */
  {
    AuditEntry three = { 3, (char *) "wang", NULL };
    g_autofree char *j3b = audit_entry_json (&three, &e[3]);
    g_autofree char *entries = g_strdup_printf ("%s,%s", rewritten, j3b);

    forged = audit_push (client, entries);
    reply = push (token, forged);
    g_assert_cmpint (answer_audit (reply), ==, 3);
    g_assert_cmpint (db_int (count_sql), ==, 3);
    g_assert_cmpint (db_int (alerts_sql), ==, 1);
    {
      g_autofree char *sql = g_strdup_printf ("SELECT entry_id FROM office_audit_alerts WHERE client = '%s' AND reason = 'rewritten'", client);

      g_assert_cmpint (db_int (sql), ==, 2);
    }
    g_clear_pointer (&reply, reply_free);
    g_free (three.hash);
  }

  /* The next entry, chained to the copy: stored. */
  reply = push (token, next);
  g_assert_cmpint (answer_audit (reply), ==, 4);
  g_assert_cmpint (db_int (count_sql), ==, 4);
  g_clear_pointer (&reply, reply_free);

  /* Entries that do not follow each other are refused whole. */
  {
    g_autofree char *entries = g_strdup_printf ("%s,%s", j1, j3);
    g_autofree char *broken = audit_push (client, entries);

    reply = push (token, broken);
    assert_error_reply (reply, 400, "invalid");
    g_clear_pointer (&reply, reply_free);
  }

  /* The copy cannot be changed, even by the server's own role. */
  {
    g_autoptr(PGconn) conn = db_connect ();
    g_autofree char *sql = g_strdup_printf ("UPDATE office_audit SET actor = 'x' WHERE client = '%s'", client);
    g_autoptr(PGresult) result = PQexec (conn, sql);

    g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
    g_assert_nonnull (strstr (PQresultErrorMessage (result), "kept as they were received"));
  }
  g_assert_cmpint (db_int (count_sql), ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (e); i++)
    g_free (e[i].hash);
}

/* Holds the server's push of (client, batch) just before its COMMIT: a row
 * with the same key, inserted and not committed, makes the server's own
 * INSERT INTO batches wait — after it wrote every record. */
static PGconn *
block_batch (const char *client,
             const char *batch,
             const char *token)
{
  PGconn *conn = db_connect ();
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO batches (client, batch, token_id, fingerprint, answer, applied, conflicts)"
                                          " SELECT '%s', '%s', id, 'blocker', '{}', 0, 0 FROM tokens WHERE token_hash = '%s'",
                                          client, batch, hash);

  db_exec (conn, "BEGIN");
  db_exec (conn, sql);
  return conn;
}

/* Holds the counter lock, so that the server's next push waits at its
 * first statement, before it wrote anything. */
static PGconn *
block_counter (void)
{
  PGconn *conn = db_connect ();

  db_exec (conn, "BEGIN");
  db_exec (conn, "SELECT last_seq FROM sync_counter FOR UPDATE");
  return conn;
}

typedef enum
{
  KILL_BEFORE_WRITING,   /* waiting for the counter lock */
  KILL_BEFORE_COMMIT,    /* records written, waiting to store the answer */
} KillPoint;

/* The server is killed (SIGKILL) in the middle of a push; the office
 * retries the same batch on the restarted server and ends with nothing lost
 * and nothing doubled. */
static void
crash_during_push (const char *district,
                   KillPoint   point)
{
  g_autofree char *token = add_token (district, "Crash office");
  g_autofree char *client = ud_uuid_v7_new ();
  g_autofree char *batch = ud_uuid_v7_new ();
  g_autofree char *port_arg = NULL;
  g_autofree char *count_sql = g_strdup_printf ("SELECT count (*) FROM records WHERE district = '%s'", district);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body = NULL;
  g_autoptr(Server) server = NULL;
  g_autoptr(Server) restarted = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(PGconn) blocker = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(Reply) retry = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(GError) error = NULL;
  PushJob job = { 0 };
  GThread *thread;
  Office office;
  const char *listen_any[] = { "--listen", "127.0.0.1:0", NULL };
  const char *listen_same[] = { "--listen", NULL, NULL };
  gint64 stored;
  guint i;

  for (i = 0; i < 200; i++)
    {
      g_autofree char *uuid = ud_uuid_v7_new ();
      g_autofree char *hlc = hlc_at (1000, "kill");
      g_autofree char *data = g_strdup_printf ("{\"name\":\"会员%u\",\"notes\":\"%0200u\"}", i, i);

      g_ptr_array_add (changes, change_json ("member", uuid, district, hlc, NULL, FALSE, data));
    }
  g_ptr_array_add (changes, NULL);
  body = batch_json (client, batch, (char **) changes->pdata);

  server = server_start (listen_any);
  blocker = point == KILL_BEFORE_WRITING ? block_counter () : block_batch (client, batch, token);

  job.url = server->url;
  job.token = token;
  job.body = body;
  thread = g_thread_new ("push", push_job_thread, &job);
  wait_for_lock_wait (point == KILL_BEFORE_WRITING ? "SELECT last_seq FROM sync_counter" : "INSERT INTO batches");

  server_kill (server);
  g_thread_join (thread);
  g_assert_null (job.reply);
  g_assert_nonnull (job.error);
  g_clear_error (&job.error);
  db_exec (blocker, "ROLLBACK");

  /* Killed before writing: nothing. Killed with the whole transaction sent
   * to the database (the server pipelines it, COMMIT included): the
   * database may still finish it. Never a part of the batch. */
  stored = db_int (count_sql);
  if (point == KILL_BEFORE_WRITING)
    g_assert_cmpint (stored, ==, 0);
  else
    g_assert_true (stored == 0 || stored == 200);

  /* Restarted on the same port, the office sends the batch again. */
  uri = g_uri_parse (server->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  port_arg = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));
  listen_same[1] = port_arg;
  restarted = server_start (listen_same);
  g_assert_cmpstr (restarted->url, ==, server->url);

  session = session_new ();
  bytes = g_bytes_new_static (body, strlen (body));
  retry = http_try (session, restarted->url, SOUP_METHOD_POST, "api/v1/push", token, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (retry->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (retry->object, "applied"), ==, 200);

  again = http_try (session, restarted->url, SOUP_METHOD_POST, "api/v1/push", token, bytes, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (retry->body, again->body));

  office_init (&office, token);
  office_sync (&office, 64);
  g_assert_cmpuint (g_hash_table_size (office.store), ==, 200);
  g_assert_cmpint (db_int (count_sql), ==, 200);
  office_clear (&office);
}

static void
test_killed_before_writing (void)
{
  crash_during_push ("110114", KILL_BEFORE_WRITING);
}

static void
test_killed_before_commit (void)
{
  crash_during_push ("110120", KILL_BEFORE_COMMIT);
}

/* SIGTERM while a push waits in the database: the server at once stops
 * taking connections (a proxy's next health check fails and it sends the
 * offices elsewhere), yet finishes the push, answers it, and exits 0. The
 * server reads its listen address and worker count from --config. */
static void
test_graceful_stop (void)
{
  g_autofree char *token = add_token ("110121", "Stop office");
  g_autofree char *client = ud_uuid_v7_new ();
  g_autofree char *uuid = ud_uuid_v7_new ();
  g_autofree char *hlc = hlc_at (1000, "stop");
  g_autofree char *change = change_json ("member", uuid, "110121", hlc, NULL, FALSE, "{\"name\":\"停机\"}");
  g_autofree char *body = one_change_batch (client, change);
  g_autofree char *config = g_build_filename (scratch_dir, "stop.conf", NULL);
  const char *with_config[] = { "--config", config, NULL };
  g_autoptr(Server) server = NULL;
  g_autoptr(PGconn) blocker = NULL;
  g_autoptr(GError) error = NULL;
  PushJob job = { 0 };
  GThread *thread;
  gboolean refused = FALSE;
  guint i;

  g_file_set_contents (config, "[server]\nlisten = 127.0.0.1:0\nworkers = 2\nstop-timeout = 20\n", -1, &error);
  g_assert_no_error (error);
  server = server_start (with_config);

  blocker = block_counter ();
  job.url = server->url;
  job.token = token;
  job.body = body;
  thread = g_thread_new ("push", push_job_thread, &job);
  wait_for_lock_wait ("SELECT last_seq FROM sync_counter");

  g_subprocess_send_signal (server->process, SIGTERM);
  for (i = 0; i < 100 && !refused; i++)
    {
      g_autoptr(SoupSession) fresh = session_new ();
      g_autoptr(Reply) health = http_try (fresh, server->url, SOUP_METHOD_GET, "api/v1/health", NULL, NULL, &error);

      refused = health == NULL;
      g_clear_error (&error);
      if (!refused)
        g_usleep (G_USEC_PER_SEC / 20);
    }
  g_assert_true (refused);

  /* The push still waits; let it through: it is applied and answered. */
  db_exec (blocker, "ROLLBACK");
  g_thread_join (thread);
  g_assert_no_error (job.error);
  g_assert_nonnull (job.reply);
  g_assert_cmpuint (job.reply->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (job.reply->object, "applied"), ==, 1);
  reply_free (job.reply);

  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE district = '110121'"), ==, 1);
}

/* The configuration file: a mistyped setting or a missing file is refused
 * with its name; the command line and UNIONDESK_DATABASE come before it. */
static void
test_config (void)
{
  g_autofree char *config = g_build_filename (scratch_dir, "config.conf", NULL);
  g_autofree char *missing = g_build_filename (scratch_dir, "missing.conf", NULL);
  const char *migrate[] = { "migrate", "--config", config, NULL };
  const char *serve[] = { "serve", "--config", config, NULL };
  const char *migrate_missing[] = { "migrate", "--config", missing, NULL };
  g_autoptr(GError) error = NULL;

  g_file_set_contents (config, "[server]\ndatabase = host=/nonexistent dbname=nothing\ntls-crt = /etc/server.crt\n", -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(RunResult) result = run_server_command (migrate);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_nonnull (strstr (result->err, "tls-crt"));
    g_assert_nonnull (strstr (result->err, config));
  }

  /* The environment's database comes first; the file's is not used. */
  g_file_set_contents (config, "[server]\ndatabase = host=/nonexistent dbname=nothing\nworkers = 4\n", -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(RunResult) result = run_server_command (migrate);

    g_assert_cmpint (result->status, ==, 0);
  }

  g_file_set_contents (config, "[server]\nworkers = many\n", -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(RunResult) result = run_server_command (serve);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_nonnull (strstr (result->err, "workers"));
  }

  /* Plain HTTP off loopback is refused whether it comes from a file or not. */
  g_file_set_contents (config, "[server]\nlisten = 0.0.0.0:0\n", -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(RunResult) result = run_server_command (serve);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_nonnull (strstr (result->err, "loopback"));
  }

  {
    g_autoptr(RunResult) result = run_server_command (migrate_missing);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_nonnull (strstr (result->err, missing));
  }
}

/* A push that took its sequence numbers commits late, while another push
 * is waiting: a client pulling meanwhile must not see the second push's
 * records first and move its cursor past the first's. */
static void
test_late_commit (void)
{
  g_autofree char *token = add_token ("110115", "Daxing office");
  g_autofree char *client = ud_uuid_v7_new ();
  g_autofree char *batch = ud_uuid_v7_new ();
  g_autofree char *uuid1 = ud_uuid_v7_new ();
  g_autofree char *uuid2 = ud_uuid_v7_new ();
  g_autofree char *h1 = hlc_at (1000, "late");
  g_autofree char *h2 = hlc_at (1000, "late");
  g_autofree char *c1 = change_json ("member", uuid1, "110115", h1, NULL, FALSE, "{\"name\":\"早\"}");
  g_autofree char *c2 = change_json ("member", uuid2, "110115", h2, NULL, FALSE, "{\"name\":\"晚\"}");
  char *changes1[] = { c1, NULL };
  g_autofree char *body1 = batch_json (client, batch, changes1);
  g_autofree char *body2 = one_change_batch (client, c2);
  g_autoptr(PGconn) blocker = NULL;
  g_autoptr(Reply) during = NULL;
  g_autoptr(Reply) after = NULL;
  PushJob job1 = { 0 };
  PushJob job2 = { 0 };
  GThread *thread1;
  GThread *thread2;
  JsonArray *changes;
  gint64 cursor = counter_value ();

  blocker = block_batch (client, batch, token);
  job1.url = server_url;
  job1.token = token;
  job1.body = body1;
  thread1 = g_thread_new ("push-1", push_job_thread, &job1);
  wait_for_lock_wait ("INSERT INTO batches");

  job2.url = server_url;
  job2.token = token;
  job2.body = body2;
  thread2 = g_thread_new ("push-2", push_job_thread, &job2);
  wait_for_lock_wait ("SELECT last_seq FROM sync_counter");

  during = pull (token, cursor, 100);
  g_assert_cmpuint (during->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (during->object, "changes")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (during->object, "next"), ==, cursor);

  db_exec (blocker, "ROLLBACK");
  g_thread_join (thread1);
  g_thread_join (thread2);
  g_assert_no_error (job1.error);
  g_assert_no_error (job2.error);
  g_assert_cmpuint (job1.reply->status, ==, 200);
  g_assert_cmpuint (job2.reply->status, ==, 200);

  after = pull (token, json_object_get_int_member (during->object, "next"), 100);
  changes = json_object_get_array_member (after->object, "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 0), "uuid"), ==, uuid1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 1), "uuid"), ==, uuid2);

  reply_free (job1.reply);
  reply_free (job2.reply);
}

#define STRESS_PUSHERS   8
#define STRESS_BATCHES   25
#define STRESS_CHANGES   4

typedef struct
{
  const char *url;
  const char *token;
  guint       index;
  guint       failures;
  GPtrArray  *uuids;
  gint       *finished;   /* atomic: pushers done */
} Pusher;

static gpointer
stress_pusher_thread (gpointer data)
{
  Pusher *pusher = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *client = ud_uuid_v7_new ();
  g_autofree char *node = g_strdup_printf ("stress%u", pusher->index);
  guint b, c;

  g_main_context_push_thread_default (context);
  session = session_new ();
  for (b = 0; b < STRESS_BATCHES; b++)
    {
      g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *batch = ud_uuid_v7_new ();
      g_autofree char *body = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(Reply) reply = NULL;

      for (c = 0; c < STRESS_CHANGES; c++)
        {
          char *uuid = ud_uuid_v7_new ();
          g_autofree char *hlc = ud_hlc_format (g_get_real_time () / 1000, (b * STRESS_CHANGES + c) & 0xffff, node);

          g_ptr_array_add (changes, change_json ("member", uuid, "110116", hlc, NULL, FALSE, "{\"name\":\"并发\"}"));
          g_ptr_array_add (pusher->uuids, uuid);
        }
      g_ptr_array_add (changes, NULL);
      body = batch_json (client, batch, (char **) changes->pdata);
      bytes = g_bytes_new_static (body, strlen (body));
      reply = http_try (session, pusher->url, SOUP_METHOD_POST, "api/v1/push", pusher->token, bytes, NULL);
      if (reply == NULL || reply->status != 200)
        pusher->failures++;
    }
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  g_atomic_int_inc (pusher->finished);

  return NULL;
}

/* Many offices push at once, through two server processes, while one
 * pulls in a loop: the puller ends with every change exactly once. */
static void
test_concurrent_pull (void)
{
  const char *listen_any[] = { "--listen", "127.0.0.1:0", NULL };
  g_autoptr(Server) second = server_start (listen_any);
  g_autofree char *token = add_token ("110116", "Huairou office");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Pusher pushers[STRESS_PUSHERS];
  GThread *threads[STRESS_PUSHERS];
  gint64 cursor = counter_value ();
  gint finished = 0;
  guint pages_while_pushing = 0;
  guint expected = 0;
  guint i, j;

  for (i = 0; i < STRESS_PUSHERS; i++)
    {
      pushers[i].url = i % 2 == 0 ? server_url : second->url;
      pushers[i].token = token;
      pushers[i].index = i;
      pushers[i].failures = 0;
      pushers[i].uuids = g_ptr_array_new_with_free_func (g_free);
      pushers[i].finished = &finished;
      threads[i] = g_thread_new ("pusher", stress_pusher_thread, &pushers[i]);
    }

  /* Pull while they push; once they are all done, until caught up. */
  while (TRUE)
    {
      gboolean all_pushed = g_atomic_int_get (&finished) == STRESS_PUSHERS;
      g_autoptr(Reply) page = pull (token, cursor, 7);
      JsonArray *changes;

      g_assert_cmpuint (page->status, ==, 200);
      changes = json_object_get_array_member (page->object, "changes");
      for (j = 0; j < json_array_get_length (changes); j++)
        {
          const char *uuid = json_object_get_string_member (json_array_get_object_element (changes, j), "uuid");

          g_assert_false (g_hash_table_contains (seen, uuid));
          g_hash_table_add (seen, g_strdup (uuid));
        }
      cursor = json_object_get_int_member (page->object, "next");

      if (!all_pushed && json_array_get_length (changes) > 0)
        pages_while_pushing++;
      if (all_pushed && !json_object_get_boolean_member (page->object, "more"))
        break;
    }

  for (i = 0; i < STRESS_PUSHERS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (pushers[i].failures, ==, 0);
      for (j = 0; j < pushers[i].uuids->len; j++)
        g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (pushers[i].uuids, j)));
      expected += pushers[i].uuids->len;
      g_ptr_array_unref (pushers[i].uuids);
    }
  g_assert_cmpuint (expected, ==, STRESS_PUSHERS * STRESS_BATCHES * STRESS_CHANGES);
  g_assert_cmpuint (g_hash_table_size (seen), ==, expected);
  /* It really pulled while they pushed. */
  g_assert_cmpuint (pages_while_pushing, >, 0);
}

/* The same ID number with relief in two districts within 12 months is
 * flagged to both; a third district's aid two years earlier is not. */
static void
test_duplicate_aid_flags (void)
{
  g_autofree char *a_token = add_token ("110117", "Pinggu office");
  g_autofree char *b_token = add_token ("110118", "Miyun office");
  g_autofree char *c_token = add_token ("110229", "Yanqing office (old code)");
  g_autofree char *e_token = add_token ("110116", "Huairou office");
  g_autofree char *e_uuid = ud_uuid_v7_new ();
  g_autofree char *h5 = NULL;
  g_autoptr(Reply) page_e = NULL;
  Office e;
  g_autofree char *a_uuid = ud_uuid_v7_new ();
  g_autofree char *b_uuid = ud_uuid_v7_new ();
  g_autofree char *c_uuid = ud_uuid_v7_new ();
  g_autofree char *d_uuid = ud_uuid_v7_new ();
  Office a, b, c;
  g_autoptr(Reply) page_a = NULL;
  g_autoptr(Reply) page_b = NULL;
  g_autoptr(Reply) page_c = NULL;
  JsonArray *flags;
  JsonObject *flag;
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;
  g_autofree char *h3 = NULL;
  g_autofree char *h4 = NULL;

  office_init (&a, a_token);
  office_init (&b, b_token);
  office_init (&c, c_token);
  office_init (&e, e_token);

  /* Paid more than a year before the others: dated by paid_on. */
  h1 = push_application (&c, "110229", c_uuid, NULL, STEP_CREATE, 5,
                         "\"id_number\":\"11010519491231002X\",\"status\":\"paid\",\"application_date\":\"2024-01-05\","
                         "\"fund_year\":2024,\"reviewed_by\":\"reviewer\",\"decided_by\":\"approver\","
                         "\"decided_on\":\"2024-01-20\",\"approved_amount\":500000,\"paid_on\":\"2024-02-01\","
                         "\"payment_method\":\"bank\",\"receipt_number\":\"R-1\"");
  /* The app's illness application (its kind's aid description): dated by
   * paid_on, else decided_on, else application_date, and aid only once
   * approved or paid. */
  h2 = push_application (&a, "110117", a_uuid, NULL, STEP_CREATE, 4,
                         "\"id_number\":\"11010519491231002X\",\"status\":\"approved\",\"application_date\":\"2025-01-20\","
                         "\"fund_year\":2025,\"reviewed_by\":\"reviewer\",\"decided_by\":\"approver\","
                         "\"decided_on\":\"2025-03-01\",\"approved_amount\":500000,\"paid_on\":null");
  /* Same person, written in lower case, in another district. */
  h3 = push_application (&b, "110118", b_uuid, NULL, STEP_CREATE, 4,
                         "\"id_number\":\"11010519491231002x\",\"status\":\"approved\",\"application_date\":\"2025-08-01\","
                         "\"fund_year\":2025,\"reviewed_by\":\"reviewer\",\"decided_by\":\"approver\","
                         "\"decided_on\":\"2025-09-01\",\"approved_amount\":500000");
  /* Someone else: no flag. */
  h4 = push_application (&b, "110118", d_uuid, NULL, STEP_CREATE, 4,
                         "\"id_number\":\"440524188001010014\",\"status\":\"approved\",\"application_date\":\"2025-08-01\","
                         "\"fund_year\":2025,\"reviewed_by\":\"reviewer\",\"decided_by\":\"approver\","
                         "\"decided_on\":\"2025-09-01\",\"approved_amount\":500000");
  /* A kind that is no aid is none, whatever it holds: the same person
   * as a member of the roll. */
  {
    g_autofree char *x_uuid = ud_uuid_v7_new ();
    g_autofree char *hx = office_create (&b, "member", x_uuid, "110118",
                                         "{\"id_number\":\"11010519491231002X\"}");
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM aid_events WHERE uuid = '%s'::uuid", x_uuid);

    g_assert_cmpint (db_int (sql), ==, 0);
  }
  /* The same person's application in a fourth district, not granted (a
   * draft, then rejected): no flag anywhere. */
  h5 = push_application (&e, "110116", e_uuid, NULL, STEP_CREATE, 2,
                         "\"id_number\":\"11010519491231002X\",\"status\":\"submitted\","
                         "\"application_date\":\"2025-04-01\",\"fund_year\":2025,\"decided_on\":null");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM aid_events WHERE uuid = '%s'::uuid", e_uuid);

    g_assert_cmpint (db_int (sql), ==, 0);
  }

  page_a = pull (a_token, 0, 100);
  flags = json_object_get_array_member (page_a->object, "flags");
  g_assert_cmpuint (json_array_get_length (flags), ==, 1);
  flag = json_array_get_object_element (flags, 0);
  g_assert_cmpstr (json_object_get_string_member (flag, "uuid"), ==, a_uuid);
  g_assert_cmpstr (json_object_get_string_member (flag, "kind"), ==, "illness_application");
  g_assert_cmpstr (json_object_get_string_member (flag, "date"), ==, "2025-03-01");
  g_assert_cmpstr (json_object_get_string_member (flag, "other_district"), ==, "110118");
  g_assert_cmpstr (json_object_get_string_member (flag, "other_kind"), ==, "illness_application");
  g_assert_cmpstr (json_object_get_string_member (flag, "other_date"), ==, "2025-09-01");

  page_b = pull (b_token, 0, 100);
  flags = json_object_get_array_member (page_b->object, "flags");
  g_assert_cmpuint (json_array_get_length (flags), ==, 1);
  flag = json_array_get_object_element (flags, 0);
  g_assert_cmpstr (json_object_get_string_member (flag, "uuid"), ==, b_uuid);
  g_assert_cmpstr (json_object_get_string_member (flag, "other_district"), ==, "110117");

  page_c = pull (c_token, 0, 100);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page_c->object, "flags")), ==, 0);

  page_e = pull (e_token, 0, 100);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page_e->object, "flags")), ==, 0);

  /* Approved later (decided_on 2025-06-10): now it is aid, flagged against
   * both the application of 110117 and that of 110118. */
  {
    g_autofree char *hlc = push_application (&e, "110116", e_uuid, h5, STEP_REVIEW, 2,
                                             "\"id_number\":\"11010519491231002X\",\"status\":\"approved\","
                                             "\"application_date\":\"2025-04-01\",\"fund_year\":2025,"
                                             "\"reviewed_by\":\"reviewer\",\"decided_by\":\"approver\","
                                             "\"decided_on\":\"2025-06-10\",\"approved_amount\":500000");
    g_autoptr(Reply) page = NULL;

    page = pull (e_token, 0, 100);
    flags = json_object_get_array_member (page->object, "flags");
    g_assert_cmpuint (json_array_get_length (flags), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        flag = json_array_get_object_element (flags, i);
        g_assert_cmpstr (json_object_get_string_member (flag, "uuid"), ==, e_uuid);
        g_assert_cmpstr (json_object_get_string_member (flag, "date"), ==, "2025-06-10");
      }
  }

  /* Hardship aid (issue 9) is flagged the same way; that is tested end
   * to end in tests/sync (/sync/hardship: an archive taken through its
   * whole workflow in one district, aid paid in another, both flagged).
   * An archive that arrives "archived" without the trail that led there
   * is no aid: the server refuses it (ud-received.h) and records no aid
   * event for it. */
  {
    g_autofree char *archive_uuid = ud_uuid_v7_new ();
    g_autofree char *hlc = hlc_at (1000, "office");
    g_autofree char *change = change_json ("hardship_archive", archive_uuid, "110229", hlc, NULL, FALSE,
                                           "{\"id_number\":\"34052419800101001X\",\"status\":\"archived\","
                                           "\"application_date\":\"2024-03-01\",\"archived_on\":\"2024-04-15\"}");
    g_autofree char *body = one_change_batch (c.client, change);
    g_autoptr(Reply) reply = push (c.token, body);
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM aid_events WHERE uuid = '%s'::uuid", archive_uuid);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (reply->object, "applied"), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reply->object, "refused")), ==, 1);
    g_assert_cmpint (db_int (sql), ==, 0);
  }

  office_clear (&a);
  office_clear (&b);
  office_clear (&c);
  office_clear (&e);
}

/* Pushes @changes (NULL-terminated) from @office and checks that each of
 * the first @n_refused is refused with a reason that names it (@names,
 * one per refused change) and the rest applied; nothing refused is
 * stored or pulled by another office of the district, and each is in
 * quarantine with the same reason. */
static void
assert_quarantined (Office      *office,
                    const char  *other_token,
                    char       **changes,
                    guint        n_refused,
                    const char **names)
{
  g_autofree char *batch = ud_uuid_v7_new ();
  g_autofree char *body = batch_json (office->client, batch, changes);
  g_autoptr(Reply) reply = push (office->token, body);
  g_autoptr(Reply) replayed = NULL;
  JsonArray *refused;
  Office other;

  g_assert_cmpuint (reply->status, ==, 200);
  refused = json_object_get_array_member (reply->object, "refused");
  g_assert_cmpuint (json_array_get_length (refused), ==, n_refused);
  g_assert_cmpint (json_object_get_int_member (reply->object, "applied"), ==, g_strv_length (changes) - n_refused);

  office_init (&other, other_token);
  office_sync (&other, 100);
  for (guint i = 0; i < n_refused; i++)
    {
      JsonObject *refusal = json_array_get_object_element (refused, i);
      const char *uuid = json_object_get_string_member (refusal, "uuid");
      const char *reason = json_object_get_string_member (refusal, "reason");
      g_autofree char *stored = g_strdup_printf ("SELECT count (*) FROM records WHERE uuid = '%s'::uuid", uuid);
      g_autofree char *kept = g_strdup_printf ("SELECT count (*) FROM quarantine WHERE uuid = '%s'::uuid"
                                               " AND batch = '%s'::uuid AND reason = $$%s$$", uuid, batch, reason);

      g_test_message ("refused: %s", reason);
      g_assert_nonnull (strstr (reason, names[i]));
      g_assert_cmpint (db_int (stored), ==, 0);
      g_assert_cmpint (db_int (kept), ==, 1);
      g_assert_null (g_hash_table_lookup (other.store, uuid));
    }
  office_clear (&other);

  /* The same batch again gets the same answer, and nothing more. */
  replayed = push (office->token, body);
  g_assert_cmpmem (g_bytes_get_data (replayed->body, NULL), g_bytes_get_size (replayed->body),
                   g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body));
}

/* Issue 12, defect 1: a member no editor would have saved, pushed with a
 * valid token — an ID number with a wrong check digit, sex X, joined on
 * 2019-13-45, status “flying” — is refused with the reason, kept in
 * quarantine, and reaches no office of the district; a good member in
 * the same batch is stored. */
static void
test_refused_member (void)
{
  g_autofree char *token = add_token ("110119", "Yanqing office");
  g_autofree char *other_token = add_token ("110119", "Yanqing office 2");
  g_autofree char *bad_uuid = ud_uuid_v7_new ();
  g_autofree char *good_uuid = ud_uuid_v7_new ();
  g_autofree char *h1 = hlc_at (1000, "office");
  g_autofree char *h2 = hlc_at (1000, "office");
  g_autofree char *bad = change_json ("member", bad_uuid, "110119", h1, NULL, FALSE,
                                      "{\"name\":\"冒名会员\",\"id_number\":\"110105199001080167\",\"sex\":\"X\","
                                      "\"joined_on\":\"2019-13-45\",\"status\":\"flying\",\"unit\":\"测试单位\"}");
  g_autofree char *good = change_json ("member", good_uuid, "110119", h2, NULL, FALSE, "{\"name\":\"真会员\"}");
  char *changes[] = { bad, good, NULL };
  const char *names[] = { "冒名会员" };
  g_autofree char *good_sql = g_strdup_printf ("SELECT count (*) FROM records WHERE uuid = '%s'::uuid", good_uuid);
  Office office;

  office_init (&office, token);
  assert_quarantined (&office, other_token, changes, 1, names);
  g_assert_cmpint (db_int (good_sql), ==, 1);

  /* The city's administrator sees it, with the reason. */
  {
    const char *args[] = { "quarantine", "list", "--district", "110119", NULL };
    const char *bad_args[] = { "quarantine", "list", "--district", "11", NULL };
    g_autoptr(RunResult) listed = run_server_command (args);
    g_autoptr(RunResult) refused = run_server_command (bad_args);

    g_assert_cmpint (listed->status, ==, 0);
    g_assert_nonnull (strstr (listed->out, bad_uuid));
    g_assert_nonnull (strstr (listed->out, "冒名会员"));
    g_assert_nonnull (strstr (listed->out, "Yanqing office"));
    g_assert_null (strstr (listed->out, good_uuid));
    g_assert_cmpint (refused->status, ==, 2);
  }

  office_clear (&office);
}

/* Issue 12, defect 1: an illness application pushed as paid 9,000,000.00,
 * created, reviewed and decided by one clerk — with no trail, with a
 * trail that one clerk took step by step, and with a proper trail but an
 * amount beyond the rules — is refused each time with the reason, its
 * steps with it; nothing of it is stored. */
static void
test_refused_application (void)
{
  g_autofree char *token = add_token ("110120", "Tongzhou office");
  g_autofree char *other_token = add_token ("110120", "Tongzhou office 2");
  static const char paid[] =
    "\"id_number\":\"11010519491231002X\",\"status\":\"paid\",\"application_date\":\"2025-01-05\","
    "\"fund_year\":2025,\"reviewed_by\":\"clerk\",\"decided_by\":\"clerk\",\"decided_on\":\"2025-01-20\","
    "\"approved_amount\":900000000,\"paid_on\":\"2025-02-01\",\"payment_method\":\"bank\",\"receipt_number\":\"R-9\"";
  static const char proper_trail[] =
    "\"id_number\":\"11010519491231002X\",\"status\":\"paid\",\"application_date\":\"2025-01-05\","
    "\"fund_year\":2025,\"reviewed_by\":\"reviewer\",\"decided_by\":\"approver\",\"decided_on\":\"2025-01-20\","
    "\"approved_amount\":900000000,\"paid_on\":\"2025-02-01\",\"payment_method\":\"bank\",\"receipt_number\":\"R-9\"";
  Office office;

  office_init (&office, token);

  /* No trail at all. */
  {
    g_autofree char *uuid = ud_uuid_v7_new ();
    g_autofree char *hlc = hlc_at (1000, "office");
    g_autofree char *change = application_change (uuid, "110120", hlc, NULL, paid);
    g_autofree char *serial = g_strdup_printf ("大病-110120-%s", uuid + 24);
    char *changes[] = { change, NULL };
    const char *names[] = { serial };

    assert_quarantined (&office, other_token, changes, 1, names);
  }

  /* Every step, all by one clerk: separation of duties. */
  {
    g_autofree char *uuid = ud_uuid_v7_new ();
    g_autofree char *hlc = hlc_at (1000, "office");
    g_autofree char *serial = g_strdup_printf ("大病-110120-%s", uuid + 24);
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
    const char *names[] = { serial, serial, serial, serial, serial, serial };

    g_ptr_array_add (changes, application_change (uuid, "110120", hlc, NULL, paid));
    add_trail_steps (changes, "110120", uuid, STEP_CREATE, 5, "clerk");
    g_ptr_array_add (changes, NULL);
    assert_quarantined (&office, other_token, (char **) changes->pdata, 6, names);
  }

  /* A proper trail, but 9,000,000.00 is far beyond the rules. */
  {
    g_autofree char *uuid = ud_uuid_v7_new ();
    g_autofree char *hlc = hlc_at (1000, "office");
    g_autofree char *serial = g_strdup_printf ("大病-110120-%s", uuid + 24);
    g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
    const char *names[] = { serial, serial, serial, serial, serial, serial };

    g_ptr_array_add (changes, application_change (uuid, "110120", hlc, NULL, proper_trail));
    add_trail_steps (changes, "110120", uuid, STEP_CREATE, 5, NULL);
    g_ptr_array_add (changes, NULL);
    assert_quarantined (&office, other_token, (char **) changes->pdata, 6, names);
  }

  office_clear (&office);
}

/* An office not updated yet pushes its relief trail as the kind it was,
 * illness_step: the server stores it as a workflow_step naming the
 * application, the kind every office pulls. */
static void
test_legacy_trail_step (void)
{
  g_autofree char *token = add_token ("110104", "Xuanwu office (old code)");
  g_autofree char *application = ud_uuid_v7_new ();
  g_autofree char *step = ud_uuid_v7_new ();
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM records WHERE kind = 'workflow_step'"
                                          " AND uuid = '%s'::uuid AND data ->> 'record_uuid' = '%s'"
                                          " AND data ->> 'record_kind' = 'illness_application'"
                                          " AND NOT data ? 'application_uuid'", step, application);
  g_autofree char *old_sql = g_strdup_printf ("SELECT count (*) FROM records WHERE kind = 'illness_step'"
                                              " AND uuid = '%s'::uuid", step);
  g_autofree char *old_data = NULL;
  g_autofree char *hlc = NULL;
  g_autoptr(Reply) page = NULL;
  JsonArray *changes;
  JsonObject *pulled = NULL;
  JsonObject *data;
  Office office;
  guint i;

  office_init (&office, token);
  old_data = g_strdup_printf ("{\"application_uuid\":\"%s\",\"step\":\"submit\",\"actor\":\"clerk\","
                              "\"at\":\"2024-05-06T07:08:09Z\",\"from_state\":\"draft\",\"to_state\":\"submitted\"}",
                              application);
  hlc = office_create (&office, "illness_step", step, "110104", old_data);

  g_assert_cmpint (db_int (sql), ==, 1);
  g_assert_cmpint (db_int (old_sql), ==, 0);

  page = pull (token, 0, 100);
  changes = json_object_get_array_member (page->object, "changes");
  for (i = 0; i < json_array_get_length (changes); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (changes, i), "uuid"), step))
      pulled = json_array_get_object_element (changes, i);
  g_assert_nonnull (pulled);
  g_assert_cmpstr (json_object_get_string_member (pulled, "kind"), ==, "workflow_step");
  data = json_object_get_object_member (pulled, "data");
  g_assert_cmpstr (json_object_get_string_member (data, "record_uuid"), ==, application);
  g_assert_cmpstr (json_object_get_string_member (data, "step"), ==, "submit");
  g_assert_false (json_object_has_member (data, "application_uuid"));

  office_clear (&office);
}

/* The server's migration that turns the relief trail's steps it holds
 * into workflow_step records under the same uuids, and their conflicts
 * too (the newest one). */
#define TRAIL_MIGRATION 3

static void
test_migrate_trail (void)
{
  const char *migrate_args[] = { "migrate", NULL };
  g_autofree char *token = add_token ("110103", "Chongwen office (old code)");
  g_autofree char *application = ud_uuid_v7_new ();
  g_autofree char *step = ud_uuid_v7_new ();
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_autofree char *hlc = hlc_at (500, "office");
  g_autofree char *insert = NULL;
  g_autofree char *migrated = NULL;
  g_autofree char *conflict = NULL;
  g_autoptr(PGconn) conn = db_connect ();
  g_autoptr(RunResult) result = NULL;

  /* What a server before that migration held: a step of the relief
   * trail and a conflict about it. */
  insert = g_strdup_printf ("BEGIN;"
                            "UPDATE sync_counter SET last_seq = last_seq + 2;"
                            "INSERT INTO records (kind, uuid, district, scope, hlc, deleted, data, seq, updated_by)"
                            " SELECT 'illness_step', '%s'::uuid, '110103', '110103', '%s', false,"
                            "   jsonb_build_object ('application_uuid', '%s', 'step', 'approve',"
                            "                       'opinion', '同意'),"
                            "   last_seq - 1, (SELECT id FROM tokens WHERE token_hash = '%s')"
                            " FROM sync_counter;"
                            "INSERT INTO conflicts (seq, kind, uuid, district, winner, loser, batch)"
                            " SELECT last_seq, 'illness_step', '%s'::uuid, '110103', '{}', '{}', '%s'::uuid"
                            " FROM sync_counter;"
                            "DELETE FROM schema_migrations WHERE version >= %d;"
                            "COMMIT;",
                            step, hlc, application, hash, step, application, TRAIL_MIGRATION);
  db_exec (conn, insert);

  result = run_server_command (migrate_args);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpint (db_int ("SELECT max (version) FROM schema_migrations"), ==, UD_SERVER_DB_SCHEMA_VERSION);

  migrated = g_strdup_printf ("SELECT count (*) FROM records WHERE kind = 'workflow_step' AND uuid = '%s'::uuid"
                              " AND data = jsonb_build_object ('record_kind', 'illness_application',"
                              "                                'record_uuid', '%s', 'step', 'approve',"
                              "                                'opinion', '同意')",
                              step, application);
  conflict = g_strdup_printf ("SELECT count (*) FROM conflicts WHERE kind = 'workflow_step' AND uuid = '%s'::uuid",
                              step);
  g_assert_cmpint (db_int (migrated), ==, 1);
  g_assert_cmpint (db_int (conflict), ==, 1);
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE kind = 'illness_step'"), ==, 0);
}

static void
test_plain_http_refused (void)
{
  const char *public_args[] = { "serve", "--listen", "0.0.0.0:0", NULL };
  const char *garbage_args[] = { "serve", "--listen", "nowhere", NULL };
  const char *half_tls_args[] = { "serve", "--listen", "127.0.0.1:0", "--tls-cert", "x.pem", NULL };
  g_autoptr(RunResult) public = run_server_command (public_args);
  g_autoptr(RunResult) garbage = run_server_command (garbage_args);
  g_autoptr(RunResult) half_tls = run_server_command (half_tls_args);

  g_assert_cmpint (public->status, ==, 1);
  g_assert_nonnull (strstr (public->err, "not a loopback address"));
  g_assert_cmpstr (public->out, ==, "");
  g_assert_cmpint (garbage->status, ==, 1);
  g_assert_nonnull (strstr (garbage->err, "HOST:PORT"));
  g_assert_cmpint (half_tls->status, ==, 2);
}

static void
test_tls (void)
{
  g_autofree char *cert = g_build_filename (scratch_dir, "server.crt", NULL);
  g_autofree char *key = g_build_filename (scratch_dir, "server.key", NULL);
  const char *openssl[] = {
    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
    "-subj", "/CN=UnionDesk test CA", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout", key, "-out", cert, NULL
  };
  const char *args[] = { "--listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", key, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(Server) server = NULL;
  g_autoptr(GTlsDatabase) ca = NULL;
  g_autoptr(SoupSession) trusting = NULL;
  g_autoptr(SoupSession) untrusting = NULL;
  g_autoptr(Reply) good = NULL;
  g_autoptr(Reply) refused = NULL;
  g_autofree char *plain_url = NULL;
  g_autoptr(Reply) plain = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) openssl, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  server = server_start (args);
  g_assert_true (g_str_has_prefix (server->url, "https://127.0.0.1:"));

  ca = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  trusting = soup_session_new_with_options ("tls-database", ca, "timeout", 30, "proxy-resolver", NULL, NULL);
  good = http_try (trusting, server->url, SOUP_METHOD_GET, "api/v1/health", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (good->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (good->object, "status"), ==, "ok");

  /* A client that does not trust the CA gets no answer. */
  untrusting = soup_session_new_with_options ("timeout", 30, "proxy-resolver", NULL, NULL);
  refused = http_try (untrusting, server->url, SOUP_METHOD_GET, "api/v1/health", NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_clear_error (&error);

  /* Nor does one speaking plain HTTP to it. */
  plain_url = g_strconcat ("http", server->url + strlen ("https"), NULL);
  plain = http_try (untrusting, plain_url, SOUP_METHOD_GET, "api/v1/health", NULL, NULL, &error);
  g_assert_true (plain == NULL || plain->status != 200);
  g_clear_error (&error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  conninfo = g_getenv ("UNIONDESK_DATABASE");
  server_bin = g_getenv ("UD_SERVER_BIN");
  server_url = g_getenv ("UD_SERVER_URL");
  if (conninfo == NULL || server_bin == NULL || server_url == NULL)
    g_error ("Run through run-server-tests.sh: UNIONDESK_DATABASE, UD_SERVER_BIN and UD_SERVER_URL are needed.");

  scratch_dir = g_dir_make_tmp ("ud-server-test-XXXXXX", &error);
  g_assert_no_error (error);
  clock_base_ms = g_get_real_time () / 1000;

  g_test_add_func ("/server/health", test_health);
  g_test_add_func ("/server/routes", test_routes);
  g_test_add_func ("/server/cli/tokens", test_cli_tokens);
  g_test_add_func ("/server/cli/schema-newer", test_cli_schema_newer);
  g_test_add_func ("/server/sync/converge", test_converge);
  g_test_add_func ("/server/sync/conflict", test_conflict);
  g_test_add_func ("/server/sync/tombstone", test_tombstone);
  g_test_add_func ("/server/sync/replay", test_replay);
  g_test_add_func ("/server/sync/snapshot-ahead", test_snapshot_ahead);
  g_test_add_func ("/server/sync/duplicate-aid-flags", test_duplicate_aid_flags);
  g_test_add_func ("/server/sync/legacy-trail-step", test_legacy_trail_step);
  g_test_add_func ("/server/check/refused-member", test_refused_member);
  g_test_add_func ("/server/check/refused-application", test_refused_application);
  g_test_add_func ("/server/migrate/trail", test_migrate_trail);
  g_test_add_func ("/server/auth/district-scope", test_district_scope);
  g_test_add_func ("/server/auth/unauthorized", test_unauthorized);
  g_test_add_func ("/server/input/malformed", test_malformed);
  g_test_add_func ("/server/audit/office-trail", test_office_audit);
  g_test_add_func ("/server/cursor/late-commit", test_late_commit);
  g_test_add_func ("/server/cursor/concurrent-pull", test_concurrent_pull);
  g_test_add_func ("/server/crash/killed-before-writing", test_killed_before_writing);
  g_test_add_func ("/server/crash/killed-before-commit", test_killed_before_commit);
  g_test_add_func ("/server/listen/plain-http-refused", test_plain_http_refused);
  g_test_add_func ("/server/listen/tls", test_tls);
  g_test_add_func ("/server/service/graceful-stop", test_graceful_stop);
  g_test_add_func ("/server/service/config", test_config);

  status = g_test_run ();

  {
    g_autoptr(GFile) dir = g_file_new_for_path (scratch_dir);
    g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GFileInfo *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (dir, NULL, NULL);
  }
  g_free (scratch_dir);

  return status;
}
