/* test-sync.c — the sync client against the real server and PostgreSQL
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Started by tests/server/run-server-tests.sh, which creates a throwaway
 * PostgreSQL cluster and starts one uniondesk-server; the environment says
 * where (UNIONDESK_DATABASE, UD_SERVER_BIN, UD_SERVER_URL).  The one
 * argument left after the test options is uniondesk-cli.
 *
 * Offices are real office databases synced by UdSyncClient.  Faults are
 * made by a small HTTP proxy in this process that forwards to the server
 * and, when told, cuts an answer after some bytes, drops it after the
 * server has committed, turns it into a 500 or into garbage, or plays an
 * old server; and by killing a server of the test's own in the middle of
 * a push.  Each test works in districts of its own.
 */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <signal.h>
#include <string.h>

#include "ud-core.h"
#include "ud-account.h"
#include "ud-aid-store.h"
#include "ud-database.h"
#include "ud-fund.h"
#include "ud-generate.h"
#include "ud-hardship-kind.h"
#include "ud-hardship-store.h"
#include "ud-honour-kind.h"
#include "ud-member-kind.h"
#include "ud-team-kind.h"
#include "ud-team-store.h"
#include "ud-illness-store.h"
#include "ud-member-store.h"
#include "ud-record-store.h"
#include "ud-room-kind.h"
#include "ud-room-store.h"
#include "ud-sync-client.h"
#include "ud-sync-store.h"
#include "ud-sync-token.h"
#include "ud-hlc.h"
#include "ud-uuid.h"
#include "ud-trail.h"
#include "ud-workflow.h"

static const char *conninfo;
static const char *server_bin;
static const char *server_url;
static const char *cli_bin;
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
run_command (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  RunResult *result = g_new0 (RunResult, 1);
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  result->status = g_spawn_check_wait_status (wait_status, NULL) ? 0 : WEXITSTATUS (wait_status);

  return result;
}

static char *
add_token (const char *district,
           const char *name)
{
  const char *argv[] = { server_bin, "token", "add", "--district", district, "--name", name, NULL };
  g_autoptr(RunResult) result = run_command (argv);
  g_auto(GStrv) words = NULL;
  guint n;

  g_assert_cmpint (result->status, ==, 0);
  words = g_strsplit_set (result->out, " \n\t", -1);
  n = g_strv_length (words);
  while (n > 0 && *words[n - 1] == '\0')
    n--;
  g_assert_cmpuint (n, >, 0);

  return g_strdup (words[n - 1]);
}

/* A server of the test's own, on a free loopback port. */
typedef struct
{
  GSubprocess *process;
  char        *url;
  guint16      port;
} Server;

static Server *
server_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *line = NULL;
  Server *server = g_new0 (Server, 1);

  server->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                      server_bin, "serve", "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "http://"));
  server->url = g_strdup (strstr (line, "http://"));
  uri = g_uri_parse (server->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  server->port = (guint16) g_uri_get_port (uri);

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

/* ---- helpers: PostgreSQL ------------------------------------------------ */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

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

  g_assert_true (PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK);
}

static gint64
db_int (const char *sql,
        const char *param)
{
  g_autoptr(PGconn) conn = db_connect ();
  g_autoptr(PGresult) result = PQexecParams (conn, sql, param != NULL ? 1 : 0, NULL, &param, NULL, NULL, 0);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  return g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
}

/* Waits until a server session waits for a lock in a statement starting
 * with @prefix. */
static void
wait_for_lock_wait (const char *prefix)
{
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *pattern = g_strconcat (prefix, "%", NULL);

      if (db_int ("SELECT count (*) FROM pg_stat_activity WHERE application_name = 'uniondesk-server'"
                  " AND wait_event_type = 'Lock' AND query LIKE $1", pattern) > 0)
        return;
      g_usleep (G_USEC_PER_SEC / 20);
    }
  g_error ("No server session came to wait on a lock in “%s”", prefix);
}

/* ---- helpers: the proxy ------------------------------------------------- */

typedef enum
{
  FAULT_NONE,
  FAULT_CUT,        /* forward, then relay only the first cut_bytes of the answer */
  FAULT_DROP,       /* forward, then close without answering */
  FAULT_500,        /* forward, then answer 500 instead */
  FAULT_GARBAGE,    /* forward, then answer 200 with a body that is not JSON */
  FAULT_OLD,        /* answer 404 to everything, like a server without the API */
  FAULT_WRONG_SUM,  /* forward, then relay the answer with another snapshot checksum */
} Fault;

typedef struct
{
  GSocket      *listener;
  GThread      *thread;
  GCancellable *cancellable;
  char         *url;

  GMutex        lock;
  guint16       upstream_port;
  Fault         fault;
  char         *fault_path;   /* requests whose path starts with this */
  guint         fault_times;
  gsize         cut_bytes;
  guint         faults_done;
  guint         requests;
} Proxy;

/* The offset of @needle in @bytes, or -1. */
static gssize
find_bytes (const GByteArray *bytes,
            const char       *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= bytes->len; i++)
    if (memcmp (bytes->data + i, needle, n) == 0)
      return (gssize) i;

  return -1;
}

/* Reads an HTTP message (head and Content-Length body) from @stream. */
static GByteArray *
read_message (GInputStream  *stream,
              gsize         *head_length)
{
  GByteArray *bytes = g_byte_array_new ();
  guint8 buffer[16384];
  gssize n;
  gsize body_length = 0;
  gboolean have_head = FALSE;

  for (;;)
    {
      if (!have_head)
        {
          gssize end = find_bytes (bytes, "\r\n\r\n");

          if (end >= 0)
            {
              g_autofree char *head = NULL;
              const char *cl;

              *head_length = (gsize) end + 4;
              head = g_ascii_strdown ((const char *) bytes->data, (gssize) *head_length);
              cl = strstr (head, "\r\ncontent-length:");
              body_length = cl != NULL ? (gsize) g_ascii_strtoull (cl + 17, NULL, 10) : 0;
              have_head = TRUE;
            }
        }
      if (have_head && bytes->len >= *head_length + body_length)
        return bytes;

      n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, NULL);
      if (n <= 0)
        {
          g_byte_array_unref (bytes);
          return NULL;
        }
      g_byte_array_append (bytes, buffer, (guint) n);
    }
}

static void
write_all (GOutputStream *stream,
           const void    *data,
           gsize          length)
{
  g_output_stream_write_all (stream, data, length, NULL, NULL, NULL);
}

static void
write_response (GOutputStream *stream,
                const char    *status,
                const char    *body)
{
  g_autofree char *text = g_strdup_printf ("HTTP/1.1 %s\r\nContent-Type: application/json\r\n"
                                           "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                                           status, strlen (body), body);

  write_all (stream, text, strlen (text));
}

/* The answer with "Connection: close": the proxy serves one request per
 * connection. */
static void
relay_response (GOutputStream *stream,
                GByteArray    *response,
                gsize          head_length,
                gboolean       wrong_sum)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  g_autofree char *head_text = g_strndup ((const char *) response->data, head_length - 4);

  lines = g_strsplit (head_text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (wrong_sum && g_ascii_strncasecmp (lines[i], "x-uniondesk-snapshot-sha256:", 28) == 0)
      /* The SHA-256 of an empty file: not this one's. */
      g_string_append (head, "X-UnionDesk-Snapshot-SHA256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\r\n");
    else if (g_ascii_strncasecmp (lines[i], "connection:", 11) != 0)
      g_string_append_printf (head, "%s\r\n", lines[i]);
  g_string_append (head, "Connection: close\r\n\r\n");

  write_all (stream, head->str, head->len);
  write_all (stream, response->data + head_length, response->len - head_length);
}

static void
proxy_handle (Proxy             *proxy,
              GSocketConnection *client)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (client));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (client));
  g_autoptr(GByteArray) request = NULL;
  g_autoptr(GByteArray) response = NULL;
  g_autoptr(GSocketClient) connector = g_socket_client_new ();
  g_autoptr(GSocketConnection) upstream = NULL;
  g_autofree char *first_line = NULL;
  g_auto(GStrv) words = NULL;
  gsize head_length = 0;
  gsize response_head = 0;
  Fault fault = FAULT_NONE;
  gsize cut_bytes;
  guint16 port;

  request = read_message (in, &head_length);
  if (request == NULL)
    return;

  first_line = g_strndup ((const char *) request->data, (gsize) find_bytes (request, "\r\n"));
  words = g_strsplit (first_line, " ", 3);

  g_mutex_lock (&proxy->lock);
  proxy->requests++;
  if (proxy->fault == FAULT_OLD ||
      (proxy->fault_times > 0 && words[1] != NULL && g_str_has_prefix (words[1], proxy->fault_path)))
    {
      fault = proxy->fault;
      if (fault != FAULT_OLD)
        proxy->fault_times--;
      proxy->faults_done++;
    }
  cut_bytes = proxy->cut_bytes;
  port = proxy->upstream_port;
  g_mutex_unlock (&proxy->lock);

  if (fault == FAULT_OLD)
    {
      write_response (out, "404 Not Found", "<html><body>Not Found</body></html>");
      return;
    }

  /* A dead server behind the proxy: the client sees its connection close. */
  g_socket_client_set_enable_proxy (connector, FALSE);
  upstream = g_socket_client_connect_to_host (connector, "127.0.0.1", port, NULL, NULL);
  if (upstream == NULL)
    return;

  write_all (g_io_stream_get_output_stream (G_IO_STREAM (upstream)), request->data, request->len);
  response = read_message (g_io_stream_get_input_stream (G_IO_STREAM (upstream)), &response_head);
  if (response == NULL)
    return;

  switch (fault)
    {
    case FAULT_NONE:
    case FAULT_WRONG_SUM:
      relay_response (out, response, response_head, fault == FAULT_WRONG_SUM);
      break;
    case FAULT_CUT:
      write_all (out, response->data, MIN (cut_bytes, response->len));
      break;
    case FAULT_DROP:
      break;
    case FAULT_500:
      write_response (out, "500 Internal Server Error", "{\"error\":\"internal\",\"message\":\"test\"}");
      break;
    case FAULT_GARBAGE:
      write_response (out, "200 OK", "{\"protocol\":1,\"changes\":[{\"kind\":\"member\",\"uuid\":");
      break;
    case FAULT_OLD:
    default:
      g_assert_not_reached ();
    }
}

static gpointer
proxy_thread (gpointer data)
{
  Proxy *proxy = data;

  for (;;)
    {
      g_autoptr(GSocket) socket = g_socket_accept (proxy->listener, proxy->cancellable, NULL);
      g_autoptr(GSocketConnection) connection = NULL;

      if (socket == NULL)
        return NULL;

      connection = g_socket_connection_factory_create_connection (socket);
      proxy_handle (proxy, connection);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
}

static Proxy *
proxy_new (guint16 upstream_port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  Proxy *proxy = g_new0 (Proxy, 1);

  g_mutex_init (&proxy->lock);
  proxy->upstream_port = upstream_port;
  proxy->cancellable = g_cancellable_new ();
  proxy->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (proxy->listener, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (proxy->listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (proxy->listener, &error);
  g_assert_no_error (error);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%u",
                                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  proxy->thread = g_thread_new ("proxy", proxy_thread, proxy);

  return proxy;
}

static guint16
url_port (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return (guint16) g_uri_get_port (uri);
}

static void
proxy_set_fault (Proxy      *proxy,
                 Fault       fault,
                 const char *path,
                 guint       times,
                 gsize       cut_bytes)
{
  g_mutex_lock (&proxy->lock);
  proxy->fault = fault;
  g_free (proxy->fault_path);
  proxy->fault_path = g_strdup (path);
  proxy->fault_times = times;
  proxy->cut_bytes = cut_bytes;
  proxy->faults_done = 0;
  g_mutex_unlock (&proxy->lock);
}

static guint
proxy_faults_done (Proxy *proxy)
{
  guint n;

  g_mutex_lock (&proxy->lock);
  n = proxy->faults_done;
  g_mutex_unlock (&proxy->lock);

  return n;
}

static void
proxy_set_upstream (Proxy   *proxy,
                    guint16  port)
{
  g_mutex_lock (&proxy->lock);
  proxy->upstream_port = port;
  g_mutex_unlock (&proxy->lock);
}

static void
proxy_free (Proxy *proxy)
{
  g_cancellable_cancel (proxy->cancellable);
  g_thread_join (proxy->thread);
  g_socket_close (proxy->listener, NULL);
  g_object_unref (proxy->listener);
  g_object_unref (proxy->cancellable);
  g_mutex_clear (&proxy->lock);
  g_free (proxy->fault_path);
  g_free (proxy->url);
  g_free (proxy);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Proxy, proxy_free)

/* ---- helpers: offices --------------------------------------------------- */

typedef struct
{
  char       *path;
  char       *district;
  char       *token;
  UdDatabase *db;
} Office;

static Office *
office_new (const char *district,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("%s-%s.db", district, name);
  Office *office = g_new0 (Office, 1);

  office->path = g_build_filename (scratch_dir, file, NULL);
  office->district = g_strdup (district);
  office->token = add_token (district, name);
  office->db = ud_database_open (office->path, &error);
  g_assert_no_error (error);
  ud_database_initialize_office (office->db, district, name, &error);
  g_assert_no_error (error);

  return office;
}

static void
office_free (Office *office)
{
  g_clear_object (&office->db);
  g_free (office->path);
  g_free (office->district);
  g_free (office->token);
  g_free (office);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Office, office_free)

static UdSyncClient *
office_client (Office     *office,
               const char *url)
{
  UdSyncClient *client = ud_sync_client_new (office->db, url, office->token);


  /* Quick retries: the faults here are one-offs. */
  ud_sync_client_set_retry_policy (client, 4, 20);
  ud_sync_client_set_timeout (client, 20);
  return client;
}

static void
office_sync (Office        *office,
             const char    *url,
             UdSyncSummary *summary)
{
  g_autoptr(UdSyncClient) client = office_client (office, url);
  g_autoptr(GError) error = NULL;
  UdSyncSummary local;

  ud_sync_client_run (client, summary != NULL ? summary : &local, NULL, &error);
  g_assert_no_error (error);
}

/* Every member, deleted ones included: uuid (or ID number) → contents
 * and deletion mark. */
static GHashTable *
office_members_by (Office   *office,
                   gboolean  by_id_number)
{
  GHashTable *members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) records = NULL;

  stmt = ud_database_prepare (office->db, "SELECT id FROM member ORDER BY id", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  records = ud_member_store_load (office->db, (gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      UdRecord *record = g_ptr_array_index (records, i);
      g_autofree char *json = ud_record_to_json_text (record);

      g_hash_table_insert (members, g_strdup (by_id_number ? ud_record_get (record, "id_number") : record->uuid),
                           g_strdup_printf ("%s%s", record->deleted ? "deleted " : "", json));
    }

  return members;
}

static GHashTable *
office_members (Office *office)
{
  return office_members_by (office, FALSE);
}

static gint64
office_count (Office     *office,
              const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = ud_database_prepare (office->db, sql, &error);
  gint64 count;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/* The live units' names, sorted, one per line. */
static char *
office_unit_names (Office *office)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = ud_unit_store_list (office->db, &error);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < units->len; i++)
    g_string_append_printf (names, "%s\n", ud_record_get (g_ptr_array_index (units, i), "name"));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The same people with the same contents; a person entered in both
 * offices is one record in each, under each office's own uuid. */
static void
assert_same_members (Office *a,
                     Office *b)
{
  g_autoptr(GHashTable) ma = office_members_by (a, TRUE);
  g_autoptr(GHashTable) mb = office_members_by (b, TRUE);
  g_autofree char *units_a = office_unit_names (a);
  g_autofree char *units_b = office_unit_names (b);
  GHashTableIter iter;
  const char *id_number;
  const char *value;

  g_assert_cmpuint (g_hash_table_size (ma), ==, g_hash_table_size (mb));
  g_hash_table_iter_init (&iter, ma);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id_number, (gpointer *) &value))
    g_assert_cmpstr (g_hash_table_lookup (mb, id_number), ==, value);
  g_assert_cmpstr (units_a, ==, units_b);
}

/* The first live member, by row id. */
static UdRecord *
first_member (Office *office)
{
  g_autoptr(GError) error = NULL;
  gint64 id = office_count (office, "SELECT min (id) FROM member WHERE deleted = 0");
  UdRecord *record = ud_member_store_get (office->db, id, &error);

  g_assert_no_error (error);
  return record;
}

static UdRecord *
member_by_uuid (Office     *office,
                const char *uuid)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = ud_database_prepare (office->db, "SELECT id FROM member WHERE uuid = ?1", &error);
  UdRecord *record;
  gint64 id;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  record = ud_member_store_get (office->db, id, &error);
  g_assert_no_error (error);
  return record;
}

static void
edit_member (Office     *office,
             const char *uuid,
             const char *field,
             const char *value)
{
  g_autoptr(UdRecord) record = member_by_uuid (office, uuid);
  g_autoptr(GError) error = NULL;

  ud_record_set (record, field, value);
  ud_member_store_save (office->db, record, NULL, &error);
  g_assert_no_error (error);
}

/* Waits until the wall clock is past the stamp of @uuid's version in
 * @office, so that a change made next anywhere is the later one. */
static void
wait_past_stamp (Office     *office,
                 const char *uuid)
{
  g_autoptr(UdRecord) record = member_by_uuid (office, uuid);
  gint64 wall_ms = 0;

  g_assert_true (ud_hlc_parse (record->hlc, &wall_ms, NULL, NULL));
  while (g_get_real_time () / 1000 <= wall_ms)
    g_usleep (1000);
}

static void
generate (Office  *office,
          guint    n,
          guint32  seed)
{
  g_autoptr(GError) error = NULL;

  ud_generate_members (office->db, n, seed, &error);
  g_assert_no_error (error);
}

/* Members number @first to @first + @n - 1 of a generated roster: the
 * roster's ID numbers follow the row number, so two ranges that do not
 * overlap are different people. */
static void
generate_range (Office  *office,
                guint    first,
                guint    n,
                guint32  seed)
{
  g_autoptr(GPtrArray) rows = ud_generate_roster (first + n, seed);
  GPtrArray *head = g_ptr_array_index (rows, 0);

  for (guint r = first + 1; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);
      g_autoptr(UdRecord) record = ud_record_new (&ud_kind_member);
      g_autoptr(GError) error = NULL;

      for (guint c = 0; c < head->len; c++)
        ud_record_set (record, ud_kind_match_csv_header (&ud_kind_member, g_ptr_array_index (head, c))->name,
                       g_ptr_array_index (row, c));
      ud_member_store_save (office->db, record, NULL, &error);
      g_assert_no_error (error);
    }
}

/* Members whose every version the server holds once: the batches of
 * @office's client applied each change exactly once. */
static gint64
server_applied (Office *office)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSyncStatus) status = ud_sync_status_load (office->db, &error);

  g_assert_no_error (error);
  return db_int ("SELECT coalesce (sum (applied), 0) FROM batches WHERE client = $1::uuid", status->client_uuid);
}

static gint64
server_batches (Office *office)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSyncStatus) status = ud_sync_status_load (office->db, &error);

  g_assert_no_error (error);
  /* Batches of changes: those with the office's audit entries alone carry
   * none. */
  return db_int ("SELECT count (*) FROM batches WHERE client = $1::uuid AND applied + conflicts > 0",
                 status->client_uuid);
}

static gint64
server_records (const char *district)
{
  return db_int ("SELECT count (*) FROM records WHERE district = $1", district);
}

/* ---- tests ---------------------------------------------------------------- */

typedef struct
{
  guint    push_done;
  guint    push_total;
  gboolean pulled;
} Progress;

static void
progress_cb (UdSyncClient *client,
             UdSyncPhase   phase,
             guint         done,
             guint         total,
             Progress     *progress)
{
  if (phase == UD_SYNC_PHASE_PUSH)
    {
      g_assert_cmpuint (done, >=, progress->push_done);
      progress->push_done = done;
      progress->push_total = total;
    }
  else if (phase == UD_SYNC_PHASE_PULL)
    {
      progress->pulled = TRUE;
    }
}

/* ---- serious-illness relief -------------------------------------------- */

/* Signs @username in on @office (the staff of relief_office_new). */
static void
office_as (Office     *office,
           const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSession) session = NULL;

  ud_database_set_session (office->db, NULL);
  session = ud_account_authenticate (office->db, username,
                                     g_str_equal (username, "admin") ? "office-admin-1" : "password-of-staff",
                                     &error);
  g_assert_no_error (error);
  ud_database_set_session (office->db, session);
}

/* An office with a clerk, a reviewer and an approver, signed in as the
 * clerk, with one member. */
static Office *
relief_office_new (const char *district,
                   const char *name,
                   const char *id_number)
{
  static const struct { const char *name; UdRole roles; } staff[] = {
    { "li", UD_ROLE_CLERK }, { "zhou", UD_ROLE_REVIEWER }, { "wang", UD_ROLE_APPROVER },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("%s-%s.db", district, name);
  g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
  Office *office = g_new0 (Office, 1);

  office->path = g_build_filename (scratch_dir, file, NULL);
  office->district = g_strdup (district);
  office->token = add_token (district, name);
  office->db = ud_database_open (office->path, &error);
  g_assert_no_error (error);
  ud_account_initialize_office (office->db, district, name, "admin", "王主任", "office-admin-1", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      ud_account_create (office->db, staff[i].name, staff[i].name, staff[i].roles, "password-of-staff", &error);
      g_assert_no_error (error);
    }
  ud_database_set_sign_in_required (office->db, TRUE);

  if (id_number != NULL)
    {
      office_as (office, "li");
      ud_record_set (member, "name", "朱明敏");
      ud_record_set (member, "id_number", id_number);
      ud_record_set (member, "phone", "13800138000");
      ud_record_set (member, "unit", "北京建材有限公司");
      ud_member_store_save (office->db, member, NULL, &error);
      g_assert_no_error (error);
    }
  office_as (office, "li");

  return office;
}

static UdRecord *
relief_case (const char *member_uuid)
{
  UdRecord *application = ud_record_new (&ud_kind_illness_application);

  ud_record_set (application, "member_uuid", member_uuid);
  ud_record_set (application, "application_date", "2024-09-01");
  ud_record_set (application, "relation", "self");
  ud_record_set (application, "disease", "d01");
  ud_record_set (application, "hospital", "首都医科大学附属北京朝阳医院");
  ud_record_set (application, "hospital_grade", "三级甲等");
  ud_record_set (application, "diagnosis_date", "2023-10-01");
  ud_record_set (application, "total", "15630000");
  ud_record_set (application, "insurance", "8000000");
  ud_record_set (application, "mutual_aid", "1000000");
  ud_record_set (application, "household_size", "3");
  ud_record_set (application, "household_income", "6000000");
  ud_record_set (application, "documents", "id_copy,card_number,bank_card,diagnosis,discharge,invoices,approval_form");
  return application;
}

/* An application taken from draft to approved by three people. */
static char *
relief_approved (Office     *office,
                 const char *member_uuid)
{
  UdIllnessOpinion submitted = { "情况属实，同意申请。", "李建国", "2024-09-02" };
  UdIllnessOpinion street = { "经核实，同意上报。", "赵敏", "2024-09-03" };
  UdIllnessOpinion reviewed = { "材料齐全，符合条件。", NULL, NULL };
  UdIllnessOpinion approved = { "同意救助。", NULL, NULL };
  g_autoptr(UdRecord) application = relief_case (member_uuid);
  g_autoptr(UdRecord) stored = NULL;
  g_autoptr(GError) error = NULL;

  office_as (office, "admin");
  g_assert_true (ud_fund_set_budget (office->db, 2024, 100000000, &error));
  office_as (office, "li");
  g_assert_true (ud_illness_store_save (office->db, application, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ud_illness_store_submit (office->db, application->id, &submitted, &error));
  office_as (office, "zhou");
  g_assert_true (ud_illness_store_review (office->db, application->id, &street, &reviewed, &error));
  g_assert_no_error (error);
  office_as (office, "wang");
  stored = ud_illness_store_get (office->db, application->id, &error);
  g_assert_true (ud_illness_store_approve (office->db, application->id,
                                           g_ascii_strtoll (ud_record_get (stored, "suggested_amount"), NULL, 10),
                                           NULL, &approved, &error));
  g_assert_no_error (error);
  office_as (office, "li");

  return g_strdup (application->uuid);
}

static char *
office_text (Office     *office,
             const char *sql,
             const char *param)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = ud_database_prepare (office->db, sql, &error);
  char *text = NULL;

  g_assert_no_error (error);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return text;
}

/* Applications and their trails reach the other office of the district
 * as they were written (no workflow run again, the audit saying another
 * office made them); nothing of them waits in the outbox; an application
 * made in the second office goes the other way; the same person's
 * approved relief in another district raises the city's duplicate-aid
 * flag on both sides, a draft does not. */
static void
test_relief (void)
{
  g_autoptr(Office) a1 = relief_office_new ("110228", "Miyun-relief-1", "11010519491231002X");
  g_autoptr(Office) a2 = relief_office_new ("110228", "Miyun-relief-2", NULL);
  g_autoptr(Office) b = relief_office_new ("110229", "Yanqing-relief", "11010519491231002X");
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(UdRecord) pulled = NULL;
  g_autoptr(UdRecord) original = NULL;
  g_autoptr(UdRecord) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps_a1 = NULL;
  g_autoptr(GPtrArray) steps_a2 = NULL;
  g_autofree char *member_uuid = office_text (a1, "SELECT uuid FROM member", NULL);
  g_autofree char *uuid = NULL;
  g_autofree char *json_a1 = NULL;
  g_autofree char *json_a2 = NULL;
  g_autofree char *draft_uuid = NULL;
  g_autofree char *seen = NULL;
  UdSyncSummary summary;

  uuid = relief_approved (a1, member_uuid);
  g_assert_cmpint (office_count (a1, "SELECT count (*) FROM sync_outbox WHERE kind = (SELECT code FROM sync_kind WHERE name = 'illness_application')"), ==, 1);
  g_assert_cmpint (office_count (a1, "SELECT count (*) FROM sync_outbox WHERE kind = (SELECT code FROM sync_kind WHERE name = 'workflow_step')"), >=, 4);

  office_sync (a1, server_url, &summary);
  g_assert_cmpint (ud_database_outbox_count (a1->db), ==, 0);
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE kind = 'illness_application' AND district = $1", "110228"), ==, 1);

  office_sync (a2, server_url, &summary);
  g_assert_cmpint (ud_sync_conflicts_count_open (a2->db), ==, 0);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM sync_held"), ==, 0);

  /* The same application, serial, state, amounts and trail. */
  original = ud_illness_store_find (a1->db, uuid, &error);
  g_assert_no_error (error);
  pulled = ud_illness_store_find (a2->db, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (pulled, "status"), ==, "approved");
  g_assert_cmpstr (ud_record_get (pulled, "serial"), ==, ud_record_get (original, "serial"));
  json_a1 = ud_record_to_json_text (original);
  json_a2 = ud_record_to_json_text (pulled);
  g_assert_cmpstr (json_a1, ==, json_a2);
  g_assert_cmpstr (pulled->hlc, ==, original->hlc);
  steps_a1 = ud_illness_store_list_steps (a1->db, uuid, &error);
  g_assert_no_error (error);
  steps_a2 = ud_illness_store_list_steps (a2->db, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (steps_a2->len, ==, steps_a1->len);
  for (guint i = 0; i < steps_a1->len; i++)
    {
      UdIllnessStep *s1 = g_ptr_array_index (steps_a1, i);
      UdIllnessStep *s2 = g_ptr_array_index (steps_a2, i);

      g_assert_cmpstr (s1->uuid, ==, s2->uuid);
      g_assert_cmpstr (s1->step, ==, s2->step);
      g_assert_cmpstr (s1->opinion, ==, s2->opinion);
      g_assert_cmpstr (s1->actor, ==, s2->actor);
    }

  /* Written as another office's, not as a local person's creation, and
   * nothing of it waits to be pushed back.  The second office's first
   * sync came from the server's snapshot: one audit entry stands for
   * every record in it. */
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM audit_log WHERE kind = 'illness_application' AND action = 'create'"), ==, 0);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM audit_log WHERE action = 'sync_snapshot'"), ==, 1);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM audit_log WHERE kind = 'illness_application' AND action = 'sync_create'"), ==, 0);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM audit_log WHERE kind = 'workflow_step' AND action = 'sync_create'"), ==, 0);
  g_assert_cmpint (ud_database_outbox_count (a2->db), ==, 0);

  /* The second office files an application of its own for the member it
   * pulled: a new serial number, and the first office gets it. */
  member = member_by_uuid (a2, member_uuid);
  g_assert_no_error (error);
  g_assert_nonnull (member);
  draft = relief_case (member_uuid);
  ud_record_set (draft, "application_date", "2024-10-08");
  g_assert_true (ud_illness_store_save (a2->db, draft, NULL, &error));
  g_assert_no_error (error);
  draft_uuid = g_strdup (draft->uuid);
  g_assert_cmpstr (ud_record_get (draft, "serial"), !=, ud_record_get (original, "serial"));
  office_sync (a2, server_url, NULL);
  office_sync (a1, server_url, &summary);
  g_assert_cmpuint (summary.applied, >=, 2);
  seen = office_text (a1, "SELECT status FROM illness_application WHERE uuid = ?1", draft_uuid);
  g_assert_cmpstr (seen, ==, "draft");
  g_assert_cmpint (office_count (a1, "SELECT count (*) FROM illness_application"), ==, 2);

  /* The city view: the same ID number relieved in 110106 within 12
   * months is flagged to both districts; the draft of 110105 is not aid. */
  g_assert_cmpint (office_count (a1, "SELECT count (*) FROM sync_flag"), ==, 0);
  {
    g_autoptr(UdRecord) b_member = NULL;
    g_autofree char *b_member_uuid = office_text (b, "SELECT uuid FROM member", NULL);
    g_autofree char *b_uuid = relief_approved (b, b_member_uuid);
    g_autofree char *flagged = NULL;
    g_autofree char *other = NULL;

    office_sync (b, server_url, NULL);
    office_sync (a1, server_url, NULL);
    office_sync (b, server_url, NULL);
    g_assert_cmpint (office_count (a1, "SELECT count (*) FROM sync_flag"), ==, 1);
    g_assert_cmpint (office_count (b, "SELECT count (*) FROM sync_flag"), ==, 1);
    flagged = office_text (a1, "SELECT uuid FROM sync_flag", NULL);
    g_assert_cmpstr (flagged, ==, uuid);
    other = office_text (a1, "SELECT other_district FROM sync_flag", NULL);
    g_assert_cmpstr (other, ==, "110229");
    g_free (flagged);
    flagged = office_text (b, "SELECT uuid FROM sync_flag", NULL);
    g_assert_cmpstr (flagged, ==, b_uuid);
  }
}

/* Issue 9 through the registry: an archive taken to archived with its
 * household, a visit, and a 送温暖 batch paid to it travel to the other
 * office of the district as they are (the same fields, trail, lines and
 * totals, nothing pushed back); the same person's archive in another
 * district within 12 months is flagged on both sides. */
static char *
hardship_archived (Office     *office,
                   const char *member_uuid)
{
  g_autoptr(UdRecord) archive = ud_record_new (&ud_kind_hardship_archive);
  g_autoptr(UdRecord) child = ud_record_new (&ud_kind_hardship_household_member);
  g_autoptr(GPtrArray) household = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  UdStepInput first = { { "经入户走访，情况属实。", "李建国", "2024-09-05" }, NULL, UD_STRV ("2024-09-04") };
  UdStepInput street = { { "同意上报。", "赵敏", "2024-09-06" } };
  UdStepInput review = { { "符合深度困难条件。" } };
  UdStepInput notice = { { NULL }, NULL, UD_STRV ("2024-09-09", "2024-09-13") };
  UdStepInput approve = { { "同意建档。" }, NULL, UD_STRV ("") };

  ud_record_set (archive, "member_uuid", member_uuid);
  ud_record_set (archive, "application_date", "2024-09-01");
  ud_record_set (archive, "household_size", "2");
  ud_record_set (archive, "income_wages", "2400000");
  ud_record_set (archive, "cause_main", "serious_illness");
  ud_record_set (archive, "consent_signed", "yes");
  ud_record_set (archive, "consent_date", "2024-09-02");
  ud_record_set (child, "name", "朱小明");
  ud_record_set (child, "relation", "child");
  ud_record_set (child, "school_level", "high_school");
  g_ptr_array_add (household, child);

  office_as (office, "li");
  g_assert_true (ud_hardship_archive_save (office->db, archive, household, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ud_workflow_take (office->db, &ud_kind_hardship_archive, archive->id, "submit", &first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ud_workflow_take (office->db, &ud_kind_hardship_archive, archive->id, "street", &street, NULL, &error));
  g_assert_no_error (error);
  office_as (office, "zhou");
  g_assert_true (ud_workflow_take (office->db, &ud_kind_hardship_archive, archive->id, "review", &review, NULL, &error));
  g_assert_no_error (error);
  office_as (office, "li");
  g_assert_true (ud_workflow_take (office->db, &ud_kind_hardship_archive, archive->id, "notice", &notice, NULL, &error));
  g_assert_no_error (error);
  office_as (office, "wang");
  g_assert_true (ud_workflow_take (office->db, &ud_kind_hardship_archive, archive->id, "approve", &approve, NULL, &error));
  g_assert_no_error (error);
  office_as (office, "li");

  return g_strdup (archive->uuid);
}

/* Issue 10's teams through the platform: a team, its model worker from
 * the roll, two households, an activity, a project, the 500 yuan paid to
 * each household in a batch and a member's honour reach the other office
 * as written, the team named by its name; the totals agree; a household
 * added there comes back; every write is in the audit trail. */
static void
test_teams (void)
{
  g_autoptr(Office) a1 = office_new ("110243", "Teams-office-1");
  g_autoptr(Office) a2 = office_new ("110243", "Teams-office-2");
  g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
  g_autoptr(UdRecord) team = ud_record_new (&ud_kind_team);
  g_autoptr(UdRecord) in_team = ud_record_new (&ud_kind_team_member);
  g_autoptr(UdRecord) activity = ud_record_new (&ud_kind_team_activity);
  g_autoptr(UdRecord) project = ud_record_new (&ud_kind_team_project);
  g_autoptr(UdRecord) honour = ud_record_new (&ud_kind_member_honour);
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(UdRecord) pulled = NULL;
  g_autoptr(UdRecord) added = ud_record_new (&ud_kind_assisted_household);
  g_autoptr(GArray) totals1 = NULL;
  g_autoptr(GArray) totals2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json_a1 = NULL;
  g_autofree char *json_a2 = NULL;
  const char *heads[][3] = {
    { "赵春生", "130824195001202015", "13082420160001" },
    { "钱玉梅", "130824195102212036", "13082420160002" },
  };
  UdSyncSummary summary;

  ud_record_set (member, "name", "王建国");
  ud_record_set (member, "id_number", "110228196501101011");
  ud_record_set (member, "unit", "密云蜂业合作社");
  ud_record_set (member, "model_worker", "beijing_model");
  g_assert_true (ud_record_store_save (a1->db, member, NULL, &error));
  g_assert_no_error (error);
  ud_record_set (honour, "member_uuid", member->uuid);
  ud_record_set (honour, "name", "首都劳动奖章");
  ud_record_set (honour, "level", "provincial");
  ud_record_set (honour, "year", "2021");
  g_assert_true (ud_record_store_save (a1->db, honour, NULL, &error));
  g_assert_no_error (error);

  ud_record_set (team, "name", "密云区劳模扶贫队");
  ud_record_set (team, "captain", "王建国");
  ud_record_set (team, "responsible_union", "密云区总工会");
  ud_record_set (team, "paired_locality", "河北省承德市滦平县");
  g_assert_true (ud_team_save (a1->db, team, &error));
  g_assert_no_error (error);
  ud_record_set (in_team, "team", "密云区劳模扶贫队");
  ud_record_set (in_team, "id_number", "110228196501101011");
  ud_record_set (in_team, "role", "captain");
  g_assert_true (ud_team_save (a1->db, in_team, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      g_autoptr(UdRecord) household = ud_record_new (&ud_kind_assisted_household);

      ud_record_set (household, "team", "密云区劳模扶贫队");
      ud_record_set (household, "head", heads[i][0]);
      ud_record_set (household, "head_id_number", heads[i][1]);
      ud_record_set (household, "registration_number", heads[i][2]);
      ud_record_set (household, "village", "两间房村");
      ud_record_set (household, "size", "3");
      ud_record_set (household, "cause", "illness");
      g_assert_true (ud_team_save (a1->db, household, &error));
      g_assert_no_error (error);
    }
  ud_record_set (activity, "team", "密云区劳模扶贫队");
  ud_record_set (activity, "date", "2024-05-20");
  ud_record_set (activity, "type", "industry");
  ud_record_set (activity, "place", "两间房村");
  ud_record_set (activity, "participants", "王建国");
  ud_record_set (activity, "households_reached", "2");
  ud_record_set (activity, "money", "100000");
  ud_record_set (activity, "summary", "赠送中蜂");
  g_assert_true (ud_team_save (a1->db, activity, &error));
  g_assert_no_error (error);
  ud_record_set (project, "team", "密云区劳模扶贫队");
  ud_record_set (project, "name", "中蜂养殖项目");
  ud_record_set (project, "started_on", "2024-05-20");
  ud_record_set (project, "value", "6000000");
  g_assert_true (ud_team_save (a1->db, project, &error));
  g_assert_no_error (error);
  batch = ud_team_pay (a1->db, team, "temporary", 2024, 50000, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ud_aid_batch_pay (a1->db, batch, 1, "2024-06-01", "cash", NULL, &error));
  g_assert_no_error (error);

  office_sync (a1, server_url, &summary);
  g_assert_cmpint (ud_database_outbox_count (a1->db), ==, 0);
  office_sync (a2, server_url, &summary);
  g_assert_cmpint (ud_sync_conflicts_count_open (a2->db), ==, 0);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM sync_refusal"), ==, 0);

  pulled = ud_record_store_get_by_uuid (a2->db, &ud_kind_team, team->uuid, &error);
  g_assert_no_error (error);
  json_a1 = ud_record_to_json_text (team);
  json_a2 = ud_record_to_json_text (pulled);
  g_assert_cmpstr (json_a1, ==, json_a2);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM team_member WHERE title_level = 'beijing_model' AND role = 'captain'"), ==, 1);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM assisted_household h JOIN team t ON t.id = h.team_id"
                                     " WHERE t.name = '密云区劳模扶贫队'"), ==, 2);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM aid_payment WHERE recipient_kind = 'assisted_household'"), ==, 2);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM member_honour WHERE name = '首都劳动奖章' AND year = 2021"), ==, 1);
  totals1 = ud_team_totals (a1->db, team, 2024, &error);
  g_assert_no_error (error);
  totals2 = ud_team_totals (a2->db, pulled, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (totals2, UdTeamYear, 0).money, ==, 100000);
  g_assert_cmpint (g_array_index (totals2, UdTeamYear, 0).project_value, ==, 6000000);
  g_assert_cmpint (g_array_index (totals2, UdTeamYear, 0).aid_committed, ==, 100000);
  g_assert_cmpint (g_array_index (totals2, UdTeamYear, 0).aid_paid, ==, 50000);
  g_assert_cmpint (memcmp (&g_array_index (totals1, UdTeamYear, 0), &g_array_index (totals2, UdTeamYear, 0), sizeof (UdTeamYear)), ==, 0);

  /* A household added in the other office comes back. */
  ud_record_set (added, "team", "密云区劳模扶贫队");
  ud_record_set (added, "head", "孙国庆");
  ud_record_set (added, "head_id_number", "130824195203222057");
  ud_record_set (added, "registration_number", "13082420160003");
  ud_record_set (added, "village", "大屯村");
  ud_record_set (added, "size", "4");
  ud_record_set (added, "cause", "no_skills");
  g_assert_true (ud_team_save (a2->db, added, &error));
  g_assert_no_error (error);
  office_sync (a2, server_url, &summary);
  office_sync (a1, server_url, &summary);
  g_assert_cmpint (ud_sync_conflicts_count_open (a1->db), ==, 0);
  g_assert_cmpint (office_count (a1, "SELECT count (*) FROM assisted_household WHERE head = '孙国庆' AND village = '大屯村'"), ==, 1);

  /* Audited where written and where applied (the new office's first
   * sync is the district's snapshot: one entry for all of it). */
  g_assert_cmpint (office_count (a1, "SELECT count (*) FROM audit_log WHERE kind = 'team'"), >, 0);
  g_assert_cmpint (office_count (a1, "SELECT count (*) FROM audit_log WHERE kind = 'member_honour'"), >, 0);
  g_assert_cmpint (office_count (a1, "SELECT count (*) FROM audit_log WHERE kind = 'assisted_household' AND action LIKE 'sync%'"), >, 0);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM audit_log WHERE kind = 'assisted_household'"), >, 0);
}

/* Issue 10's rooms through the platform: a room with its compliance, an
 * inspection with its next due date and a month's use reach the other
 * office as written; fixed there, the room comes back up to standard and
 * plaqued; every write is in the audit trail. */
static void
test_rooms (void)
{
  g_autoptr(Office) a1 = office_new ("110241", "Rooms-office-1");
  g_autoptr(Office) a2 = office_new ("110241", "Rooms-office-2");
  g_autoptr(UdRecord) unit = ud_record_new (&ud_kind_unit);
  g_autoptr(UdRecord) room = ud_record_new (&ud_kind_room);
  g_autoptr(UdRecord) inspection = ud_record_new (&ud_kind_room_inspection);
  g_autoptr(UdRecord) use = ud_record_new (&ud_kind_room_use);
  g_autoptr(UdRecord) pulled = NULL;
  g_autoptr(UdRecord) back = NULL;
  g_autoptr(GPtrArray) inspections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json_a1 = NULL;
  g_autofree char *json_a2 = NULL;
  UdSyncSummary summary;

  ud_record_set (unit, "name", "密云建材公司");
  ud_record_set (unit, "credit_code", "91110228MA01ABCD1J");
  g_assert_true (ud_record_store_save (a1->db, unit, NULL, &error));
  ud_record_set (room, "name", "鼓楼母婴关爱室");
  ud_record_set (room, "unit", "密云建材公司");
  ud_record_set (room, "address", "鼓楼东大街1号");
  ud_record_set (room, "street", "鼓楼街道");
  ud_record_set (room, "room_type", "unit");
  ud_record_set (room, "area_m2", "8.5");
  ud_record_set (room, "table_chair_sets", "2");
  ud_record_set (room, "facilities", "power_socket,privacy");
  ud_record_set (room, "opened_on", "2024-03-01");
  g_assert_true (ud_record_store_save (a1->db, room, NULL, &error));
  g_assert_no_error (error);
  ud_record_set (inspection, "room_uuid", room->uuid);
  ud_record_set (inspection, "inspected_on", "2024-09-10");
  ud_record_set (inspection, "inspector", "李明");
  ud_record_set (inspection, "result", "rectify");
  ud_record_set (inspection, "findings", "no_fridge");
  g_assert_true (ud_record_store_save (a1->db, inspection, NULL, &error));
  ud_record_set (use, "room_uuid", room->uuid);
  ud_record_set (use, "month", "2024-10");
  ud_record_set (use, "visits", "37");
  g_assert_true (ud_record_store_save (a1->db, use, NULL, &error));
  g_assert_no_error (error);

  office_sync (a1, server_url, &summary);
  g_assert_cmpint (ud_database_outbox_count (a1->db), ==, 0);
  office_sync (a2, server_url, &summary);
  g_assert_cmpint (ud_sync_conflicts_count_open (a2->db), ==, 0);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM sync_refusal"), ==, 0);

  pulled = ud_record_store_get_by_uuid (a2->db, &ud_kind_room, room->uuid, &error);
  g_assert_no_error (error);
  json_a1 = ud_record_to_json_text (room);
  json_a2 = ud_record_to_json_text (pulled);
  g_assert_cmpstr (json_a1, ==, json_a2);
  g_assert_cmpstr (ud_record_get (pulled, "compliant"), ==, "no");
  g_assert_cmpstr (ud_record_get (pulled, "failed_requirements"), ==, "no_fridge");
  g_assert_cmpstr (ud_record_get (pulled, "unit"), ==, "密云建材公司");
  inspections = ud_room_store_lines (a2->db, &ud_kind_room_inspection, pulled, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inspections->len, ==, 1);
  g_assert_cmpstr (ud_record_get (g_ptr_array_index (inspections, 0), "next_due"), ==, "2025-09-10");
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM room_use WHERE visits = 37"), ==, 1);

  /* Fixed and plaqued in the other office. */
  ud_record_set (pulled, "facilities", "power_socket,fridge,privacy");
  ud_record_set (pulled, "level", "plaqued");
  ud_record_set (pulled, "plaque_number", "MY-2024-001");
  ud_record_set (pulled, "plaque_date", "2024-10-08");
  g_assert_true (ud_record_store_save (a2->db, pulled, NULL, &error));
  g_assert_no_error (error);
  office_sync (a2, server_url, &summary);
  office_sync (a1, server_url, &summary);
  g_assert_cmpint (ud_sync_conflicts_count_open (a1->db), ==, 0);
  back = ud_record_store_get_by_uuid (a1->db, &ud_kind_room, room->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (back, "compliant"), ==, "yes");
  g_assert_cmpstr (ud_record_get (back, "level"), ==, "plaqued");
  g_assert_cmpstr (ud_record_get (back, "plaque_number"), ==, "MY-2024-001");

  /* Audited where written and where applied. */
  g_assert_cmpint (office_count (a1, "SELECT count (*) FROM audit_log WHERE kind = 'room'"), >, 0);
  g_assert_cmpint (office_count (a1, "SELECT count (*) FROM audit_log WHERE kind = 'room_inspection'"), >, 0);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM audit_log WHERE kind = 'room' AND field = 'facilities'"), >, 0);
}

static void
test_hardship (void)
{
  g_autoptr(Office) a1 = relief_office_new ("110231", "Hardship-office-1", "34052419800101001X");
  g_autoptr(Office) a2 = relief_office_new ("110231", "Hardship-office-2", NULL);
  g_autoptr(Office) b = relief_office_new ("110232", "Hardship-office-3", "34052419800101001X");
  g_autofree char *member_uuid = office_text (a1, "SELECT uuid FROM member", NULL);
  g_autofree char *uuid = hardship_archived (a1, member_uuid);
  g_autoptr(UdRecord) archive = NULL;
  g_autoptr(UdRecord) pulled = NULL;
  g_autoptr(UdRecord) visit = ud_record_new (&ud_kind_hardship_visit);
  g_autoptr(UdRecord) programme = NULL;
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(UdRecord) pulled_batch = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) payments = g_ptr_array_new ();
  g_autoptr(GPtrArray) trail_a1 = NULL;
  g_autoptr(GPtrArray) trail_a2 = NULL;
  g_autoptr(GPtrArray) household = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json_a1 = NULL;
  g_autofree char *json_a2 = NULL;
  UdSyncSummary summary;

  archive = ud_record_store_get_by_uuid (a1->db, &ud_kind_hardship_archive, uuid, &error);
  g_assert_no_error (error);
  ud_record_set (visit, "visited_on", ud_record_get (archive, "archived_on"));
  ud_record_set (visit, "visitor", "李建国");
  ud_record_set (visit, "notes", "入户看望，孩子已开学。");
  g_assert_true (ud_hardship_visit_add (a1->db, archive, visit, NULL, &error));
  g_assert_no_error (error);

  programme = ud_aid_programme_find (a1->db, "warmth", &error);
  g_assert_no_error (error);
  candidates = ud_aid_pick (a1->db, programme, 2024, "archived", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candidates->len, ==, 1);
  g_ptr_array_add (payments, ((UdAidCandidate *) g_ptr_array_index (candidates, 0))->payment);
  batch = ud_aid_batch_new (programme, 2024, "2024年春节送温暖", "archived", NULL);
  g_assert_true (ud_aid_batch_create (a1->db, batch, payments, &error));
  g_assert_no_error (error);
  /* Paid the day it was archived: within 12 months of the other
   * district's archive below. */
  g_assert_true (ud_aid_batch_pay (a1->db, batch, 1, ud_record_get (archive, "archived_on"), "jingka", "T001", &error));
  g_assert_no_error (error);

  office_sync (a1, server_url, &summary);
  g_assert_cmpint (ud_database_outbox_count (a1->db), ==, 0);
  office_sync (a2, server_url, &summary);
  g_assert_cmpint (ud_sync_conflicts_count_open (a2->db), ==, 0);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM sync_held"), ==, 0);
  g_assert_cmpint (ud_database_outbox_count (a2->db), ==, 0);

  /* The archive, its household, trail and visit, as written. */
  g_clear_pointer (&archive, ud_record_unref);
  archive = ud_record_store_get_by_uuid (a1->db, &ud_kind_hardship_archive, uuid, &error);
  pulled = ud_record_store_get_by_uuid (a2->db, &ud_kind_hardship_archive, uuid, &error);
  g_assert_no_error (error);
  json_a1 = ud_record_to_json_text (archive);
  json_a2 = ud_record_to_json_text (pulled);
  g_assert_cmpstr (json_a1, ==, json_a2);
  g_assert_cmpstr (ud_record_get (pulled, "status"), ==, "archived");
  trail_a1 = ud_trail_list (a1->db, &ud_kind_hardship_archive, uuid, &error);
  trail_a2 = ud_trail_list (a2->db, &ud_kind_hardship_archive, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trail_a1->len, ==, 6);
  g_assert_cmpuint (trail_a2->len, ==, trail_a1->len);
  household = ud_hardship_store_household (a2->db, pulled, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (household->len, ==, 1);
  g_assert_cmpstr (ud_record_get (g_ptr_array_index (household, 0), "name"), ==, "朱小明");
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM hardship_visit"), ==, 1);

  /* The batch, its line paid, and its totals. */
  pulled_batch = ud_aid_batch_find (a2->db, ud_record_get (batch, "serial"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (pulled_batch, "paid_total"), ==, "150000");
  lines = ud_aid_batch_payments (a2->db, pulled_batch, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (ud_record_get (g_ptr_array_index (lines, 0), "status"), ==, "paid");
  g_assert_cmpstr (ud_record_get (g_ptr_array_index (lines, 0), "recipient_uuid"), ==, uuid);

  /* The same person archived in 110232 within 12 months: flagged on both
   * sides (the archive against the archive and the payment). */
  {
    g_autofree char *b_member_uuid = office_text (b, "SELECT uuid FROM member", NULL);
    g_autofree char *b_uuid = hardship_archived (b, b_member_uuid);
    g_autofree char *flagged = NULL;
    g_autoptr(GPtrArray) b_programmes = NULL;

    /* The other district has its shipped programmes too: the same ones. */
    b_programmes = ud_aid_programme_list (b->db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (b_programmes->len, ==, 6);

    office_sync (b, server_url, NULL);
    office_sync (a1, server_url, NULL);
    office_sync (b, server_url, NULL);
    g_assert_cmpint (office_count (a1, "SELECT count (*) FROM sync_flag WHERE kind = 'hardship_archive'"), ==, 1);
    g_assert_cmpint (office_count (a1, "SELECT count (*) FROM sync_flag WHERE kind = 'aid_payment'"), ==, 1);
    g_assert_cmpint (office_count (b, "SELECT count (*) FROM sync_flag"), >=, 1);
    flagged = office_text (b, "SELECT uuid FROM sync_flag WHERE kind = 'hardship_archive'", NULL);
    g_assert_cmpstr (flagged, ==, b_uuid);
    /* Both districts shipped the same programmes: no conflict, nothing
     * held back, six programmes and their amounts once. */
    g_assert_cmpint (ud_sync_conflicts_count_open (b->db), ==, 0);
    g_assert_cmpint (ud_sync_conflicts_count_open (a1->db), ==, 0);
    g_assert_cmpint (office_count (b, "SELECT count (*) FROM sync_held"), ==, 0);
    g_assert_cmpint (office_count (a1, "SELECT count (*) FROM sync_held"), ==, 0);
    g_assert_cmpint (office_count (b, "SELECT count (*) FROM aid_programme WHERE deleted = 0"), ==, 6);
    g_assert_cmpint (office_count (a1, "SELECT count (*) FROM aid_programme WHERE deleted = 0"), ==, 6);
  }
}

/* The shipped aid programmes and amount lines are the same records in
 * every office of a district: two offices that both stored them sync
 * with nothing pushed for them, no conflict and nothing refused; a batch
 * made in one office (paying a household) applies in the other and on
 * the server; an administrator's amount edit is a normal version that
 * the other offices apply over the default — also an office that never
 * stored the defaults before the batch and the edit arrived. */
static void
test_aid_defaults (void)
{
  g_autoptr(Office) a = relief_office_new ("110236", "Aid-office-1", "340524198001010028");
  g_autoptr(Office) b = relief_office_new ("110236", "Aid-office-2", NULL);
  g_autoptr(Office) c = relief_office_new ("110236", "Aid-office-3", NULL);
  g_autofree char *member_uuid = office_text (a, "SELECT uuid FROM member", NULL);
  g_autofree char *archive_uuid = NULL;
  g_autofree char *amount_uuid = NULL;
  g_autofree char *hlc = NULL;
  g_autoptr(GPtrArray) programmes_a = NULL;
  g_autoptr(GPtrArray) programmes_b = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) payments = g_ptr_array_new ();
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(UdRecord) programme = NULL;
  g_autoptr(UdRecord) programme_b = NULL;
  g_autoptr(UdRecord) programme_c = NULL;
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(GError) error = NULL;
  Office *offices[] = { a, b, c };
  UdSyncSummary summary;
  UdFen amount = 0;

  /* Both offices store the shipped programmes: under the same uuids, as
   * no one's change (nothing for the outbox, no audit entry). */
  programmes_a = ud_aid_programme_list (a->db, &error);
  g_assert_no_error (error);
  programmes_b = ud_aid_programme_list (b->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (programmes_a->len, ==, 6);
  g_assert_cmpuint (programmes_b->len, ==, 6);
  for (guint i = 0; i < programmes_a->len; i++)
    {
      const UdRecord *pa = g_ptr_array_index (programmes_a, i);
      const UdRecord *pb = g_ptr_array_index (programmes_b, i);

      g_assert_cmpstr (ud_record_get (pa, "code"), ==, ud_record_get (pb, "code"));
      g_assert_cmpstr (pa->uuid, ==, pb->uuid);
    }
  g_assert_cmpint (office_count (a, "SELECT count (*) FROM aid_amount"), ==, 9);
  g_assert_cmpint (office_count (b, "SELECT count (*) FROM aid_amount"), ==, 9);
  g_assert_cmpint (office_count (a, "SELECT count (*) FROM sync_outbox WHERE kind IN (SELECT code FROM sync_kind WHERE name LIKE 'aid_%')"), ==, 0);
  g_assert_cmpint (office_count (b, "SELECT count (*) FROM sync_outbox WHERE kind IN (SELECT code FROM sync_kind WHERE name LIKE 'aid_%')"), ==, 0);
  g_assert_cmpint (office_count (a, "SELECT count (*) FROM audit_log WHERE kind IN ('aid_programme', 'aid_amount')"), ==, 0);
  /* Stored once: asking again writes nothing more. */
  g_assert_true (ud_aid_ensure_programmes (a->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (office_count (a, "SELECT count (*) FROM aid_programme"), ==, 6);

  /* Both sync (their staff and member; nothing of the programmes):
   * nothing refused, no conflict. */
  office_sync (a, server_url, &summary);
  office_sync (b, server_url, &summary);
  office_sync (a, server_url, &summary);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (ud_sync_conflicts_count_open (offices[i]->db), ==, 0);
      g_assert_cmpint (office_count (offices[i], "SELECT count (*) FROM sync_refusal"), ==, 0);
      g_assert_cmpint (office_count (offices[i], "SELECT count (*) FROM sync_held"), ==, 0);
    }
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE district = $1"
                           " AND kind IN ('aid_programme', 'aid_amount')", "110236"), ==, 0);

  /* The administrator of office A raises the 送温暖 amount for an
   * archived household; the clerk then pays a household in a batch. */
  programme = ud_aid_programme_find (a->db, "warmth", &error);
  g_assert_no_error (error);
  office_as (a, "admin");
  g_assert_true (ud_aid_programme_set_amount (a->db, programme, 2024, "archived_household", 160000, &error));
  g_assert_no_error (error);
  amount_uuid = office_text (a, "SELECT uuid FROM aid_amount WHERE programme_uuid = ?1"
                                " AND recipient_class = 'archived_household'", programme->uuid);
  g_assert_cmpint (office_count (a, "SELECT count (*) FROM aid_amount"), ==, 9);
  g_assert_cmpint (ud_database_outbox_count (a->db), ==, 1);

  archive_uuid = hardship_archived (a, member_uuid);
  office_as (a, "li");
  candidates = ud_aid_pick (a->db, programme, 2024, "archived", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candidates->len, ==, 1);
  g_ptr_array_add (payments, ((UdAidCandidate *) g_ptr_array_index (candidates, 0))->payment);
  batch = ud_aid_batch_new (programme, 2024, "2024年春节送温暖", "archived", NULL);
  g_assert_true (ud_aid_batch_create (a->db, batch, payments, &error));
  g_assert_no_error (error);
  g_assert_true (ud_aid_batch_pay (a->db, batch, 1, "2024-09-20", "jingka", "T010", &error));
  g_assert_no_error (error);

  office_sync (a, server_url, &summary);
  g_assert_cmpuint (summary.refused_by_server, ==, 0);
  g_assert_cmpint (ud_database_outbox_count (a->db), ==, 0);

  /* On the server: the batch, its payment and the edited line; not the
   * programmes no one changed. */
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE kind = 'aid_batch' AND uuid = $1::uuid",
                           batch->uuid), ==, 1);
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE district = $1 AND kind = 'aid_payment'",
                           "110236"), ==, 1);
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE kind = 'aid_amount' AND uuid = $1::uuid",
                           amount_uuid), ==, 1);
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE district = $1 AND kind = 'aid_programme'",
                           "110236"), ==, 0);

  /* Office B, which stored the defaults, and office C, which never did,
   * pull it all: applied, nothing refused, no conflict. */
  for (guint i = 1; i < G_N_ELEMENTS (offices); i++)
    {
      Office *office = offices[i];
      g_autoptr(UdRecord) found = NULL;
      g_autoptr(GPtrArray) paid = NULL;

      office_sync (office, server_url, &summary);
      g_assert_cmpuint (summary.refused, ==, 0);
      g_assert_cmpuint (summary.rejected, ==, 0);
      g_assert_cmpuint (summary.conflicts, ==, 0);
      g_assert_cmpint (ud_sync_conflicts_count_open (office->db), ==, 0);
      g_assert_cmpint (office_count (office, "SELECT count (*) FROM sync_refusal"), ==, 0);
      g_assert_cmpint (office_count (office, "SELECT count (*) FROM sync_held"), ==, 0);
      g_assert_cmpint (ud_database_outbox_count (office->db), ==, 0);

      found = ud_aid_batch_find (office->db, ud_record_get (batch, "serial"), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (found->uuid, ==, batch->uuid);
      g_assert_cmpstr (ud_record_get (found, "programme_uuid"), ==, programme->uuid);
      g_assert_cmpstr (ud_record_get (found, "paid_total"), ==, "160000");
      paid = ud_aid_batch_payments (office->db, found, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (paid->len, ==, 1);
      g_assert_cmpstr (ud_record_get (g_ptr_array_index (paid, 0), "status"), ==, "paid");
      g_assert_cmpstr (ud_record_get (g_ptr_array_index (paid, 0), "recipient_uuid"), ==, archive_uuid);
    }

  /* The edit replaced B's default; C, storing the defaults only now,
   * keeps the edit and adds the rest. */
  g_assert_cmpint (office_count (c, "SELECT count (*) FROM aid_programme"), ==, 0);
  g_assert_cmpint (office_count (c, "SELECT count (*) FROM aid_amount"), ==, 1);
  programme_b = ud_aid_programme_find (b->db, "warmth", &error);
  g_assert_no_error (error);
  programme_c = ud_aid_programme_find (c->db, "warmth", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (programme_b->uuid, ==, programme->uuid);
  g_assert_cmpstr (programme_c->uuid, ==, programme->uuid);
  g_assert_cmpint (office_count (c, "SELECT count (*) FROM aid_programme"), ==, 6);
  g_assert_cmpint (office_count (c, "SELECT count (*) FROM aid_amount"), ==, 9);
  for (guint i = 1; i < G_N_ELEMENTS (offices); i++)
    {
      Office *office = offices[i];

      g_assert_true (ud_aid_programme_amount (office->db, programme, 2024, "archived_household", &amount, &error));
      g_assert_no_error (error);
      g_assert_cmpint (amount, ==, 160000);
      g_assert_true (ud_aid_programme_amount (office->db, programme, 2024, "model_worker", &amount, &error));
      g_assert_no_error (error);
      g_assert_cmpint (amount, ==, 100000);
      g_assert_cmpint (ud_database_outbox_count (office->db), ==, 0);
    }
  hlc = office_text (b, "SELECT hlc FROM aid_amount WHERE uuid = ?1", amount_uuid);
  g_assert_cmpstr (hlc, !=, "000000000000-0000-0");

  /* Office B picks for the same programme from what it pulled: the
   * household paid in A is set aside, paid already this year. */
  g_clear_pointer (&candidates, g_ptr_array_unref);
  candidates = ud_aid_pick (b->db, programme_b, 2024, "archived", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candidates->len, ==, 1);
  g_assert_nonnull (((UdAidCandidate *) g_ptr_array_index (candidates, 0))->set_aside);

  /* Nothing more moves: a last round stays quiet. */
  for (guint i = 0; i < G_N_ELEMENTS (offices); i++)
    {
      office_sync (offices[i], server_url, &summary);
      g_assert_cmpuint (summary.pushed, ==, 0);
      g_assert_cmpint (ud_sync_conflicts_count_open (offices[i]->db), ==, 0);
      g_assert_cmpint (office_count (offices[i], "SELECT count (*) FROM sync_refusal"), ==, 0);
    }
}

/* Two offices of one district that were given the same office number
 * (a mistake, or serials made before office numbers) each file an
 * application offline: both get 大病-110230-2024-01-0001.  After syncing,
 * each office holds both applications (no conflict, nothing held back),
 * and the store reports the shared serial; once the second office takes
 * number 02, its next serial is its own. */
/* Puts a version straight into the city server's records, as a server
 * without the checks of what arrives stored what any office pushed: what
 * the next pull page brings. */
static void
server_plant (const char *kind,
              const char *uuid,
              const char *district,
              const char *data)
{
  g_autoptr(PGconn) conn = db_connect ();
  g_autofree char *hlc = ud_hlc_format ((guint64) (g_get_real_time () / 1000), 0, "planted");
  const char *params[5] = { kind, uuid, district, hlc, data };
  g_autoptr(PGresult) result = NULL;

  db_exec (conn, "BEGIN");
  db_exec (conn, "UPDATE sync_counter SET last_seq = last_seq + 1");
  result = PQexecParams (conn,
                         "INSERT INTO records (kind, uuid, district, scope, hlc, deleted, data, seq, updated_by)"
                         " SELECT $1, $2::uuid, $3, $3, $4, false, $5::jsonb, last_seq,"
                         "        (SELECT min (id) FROM tokens WHERE district = $3)"
                         "   FROM sync_counter",
                         5, NULL, params, NULL, NULL, 0);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  db_exec (conn, "COMMIT");
}

static gint64
office_count_of (Office     *office,
                 const char *sql,
                 const char *param)
{
  g_autofree char *text = office_text (office, sql, param);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* Issue 12, defect 1, in an office: a page that brings a member no editor
 * would have saved (wrong check digit, sex X, joined 2019-13-45, status
 * flying) and an application paid 9,000,000.00 by one clerk with no
 * trail stores neither; each is noted with the reason, the fund keeps
 * its balance, and the sync says so.  And the office whose own database
 * was made to hold such a member (rewritten behind UnionDesk's back)
 * hears from the city server that it was refused, with the reason, and
 * does not send it again. */
static void
test_refused (void)
{
  g_autoptr(Office) office = relief_office_new ("110231", "Fangshan-1", "11010519491231002X");
  g_autoptr(Office) other = relief_office_new ("110231", "Fangshan-2", "440524188001010014");
  g_autofree char *member_uuid = ud_uuid_v7_new ();
  g_autofree char *application_uuid = ud_uuid_v7_new ();
  g_autofree char *application = NULL;
  g_autofree char *own_uuid = office_text (other, "SELECT uuid FROM member", NULL);
  g_autoptr(GPtrArray) refusals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  UdFundSummary fund;
  UdSyncSummary summary;
  gboolean member_seen = FALSE, application_seen = FALSE;

  office_as (office, "admin");
  g_assert_true (ud_fund_set_budget (office->db, 2025, 92000000, &error));
  g_assert_no_error (error);
  office_as (office, "li");

  server_plant ("member", member_uuid, "110231",
                "{\"name\":\"冒名会员\",\"id_number\":\"110105199001080167\",\"sex\":\"X\","
                "\"joined_on\":\"2019-13-45\",\"status\":\"flying\",\"unit\":\"北京建材有限公司\"}");
  application = g_strdup_printf ("{\"serial\":\"大病-110231-2025-09-0001\",\"member_uuid\":\"%s\","
                                 "\"member_name\":\"朱明敏\",\"id_number\":\"11010519491231002X\",\"fund_year\":2025,"
                                 "\"application_date\":\"2025-09-01\",\"relation\":\"self\",\"disease\":\"D01\","
                                 "\"total\":15630000,\"household_size\":3,\"household_income\":6000000,"
                                 "\"status\":\"paid\",\"created_by\":\"li\",\"reviewed_by\":\"li\",\"decided_by\":\"li\","
                                 "\"decided_on\":\"2025-09-02\",\"approved_amount\":900000000,\"paid_on\":\"2025-09-03\","
                                 "\"payment_method\":\"bank\",\"receipt_number\":\"R-1\"}",
                                 member_uuid);
  server_plant ("illness_application", application_uuid, "110231", application);

  office_sync (office, server_url, &summary);
  g_assert_cmpuint (summary.refused, ==, 2);
  g_assert_cmpint (office_count_of (office, "SELECT count (*) FROM member WHERE uuid = ?1", member_uuid), ==, 0);
  g_assert_cmpint (office_count_of (office, "SELECT count (*) FROM illness_application WHERE uuid = ?1", application_uuid), ==, 0);
  g_assert_cmpint (office_count_of (office, "SELECT count (*) FROM sync_conflict", NULL), ==, 0);
  g_assert_true (ud_fund_get_summary (office->db, 2025, &fund, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fund.balance, ==, 92000000);

  refusals = ud_sync_refusals_list (office->db, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refusals->len, ==, 2);
  for (guint i = 0; i < refusals->len; i++)
    {
      UdSyncRefusal *refusal = g_ptr_array_index (refusals, i);

      g_test_message ("refused here: %s", refusal->reason);
      g_assert_false (refusal->by_server);
      if (g_str_equal (refusal->uuid, member_uuid))
        {
          member_seen = TRUE;
          g_assert_true (refusal->kind == &ud_kind_member);
          g_assert_nonnull (strstr (refusal->reason, "冒名会员"));
          /* Listed by what it is, though it is not stored. */
          g_assert_cmpstr (refusal->title, ==, "冒名会员");
        }
      else
        {
          application_seen = TRUE;
          g_assert_cmpstr (refusal->uuid, ==, application_uuid);
          g_assert_nonnull (strstr (refusal->reason, "大病-110231-2025-09-0001"));
          g_assert_cmpstr (refusal->title, ==, "大病-110231-2025-09-0001 朱明敏");
        }
    }
  g_assert_true (member_seen && application_seen);
  /* The sync's log entry (Recent Syncs) counts them. */
  {
    g_autoptr(GPtrArray) log = ud_sync_log_list (office->db, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (log->len, ==, 1);
    g_assert_cmpuint (((UdSyncLogEntry *) g_ptr_array_index (log, 0))->refused, ==, 2);
  }

  /* Pulled again (a page that comes twice): still not stored, noted once. */
  office_sync (office, server_url, &summary);
  g_clear_pointer (&refusals, g_ptr_array_unref);
  refusals = ud_sync_refusals_list (office->db, NULL, 10, &error);
  g_assert_cmpuint (refusals->len, ==, 2);

  /* The other office's member, rewritten behind UnionDesk's back before
   * it was ever sent: the server refuses it. */
  sql = g_strdup_printf ("UPDATE member SET name = '冒名会员二', id_number = '110105199001080167', sex = 'X',"
                         " joined_on = '2019-13-45', status = 'flying' WHERE uuid = '%s'", own_uuid);
  {
    sqlite3_stmt *stmt = ud_database_prepare (other->db, sql, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_reset (stmt);
  }
  /* The office runs in Chinese, the server (LC_ALL=C.UTF-8) not: the
   * reason comes in the language the office asks for. */
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  office_sync (other, server_url, &summary);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_cmpuint (summary.refused_by_server, ==, 1);
  g_assert_cmpint (office_count_of (other, "SELECT count (*) FROM sync_outbox o JOIN member m ON m.id = o.id"
                                    " WHERE o.kind = (SELECT code FROM sync_kind WHERE name = 'member') AND m.uuid = ?1", own_uuid), ==, 0);
  /* What the server refused counts in the log entry too. */
  {
    g_autoptr(GPtrArray) log = ud_sync_log_list (other->db, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (log->len, ==, 1);
    g_assert_cmpuint (((UdSyncLogEntry *) g_ptr_array_index (log, 0))->refused, ==,
                      summary.refused + summary.refused_by_server);
    g_assert_cmpuint (((UdSyncLogEntry *) g_ptr_array_index (log, 0))->refused, >=, 1);
  }
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE uuid = $1::uuid", own_uuid), ==, 0);
  g_assert_cmpint (db_int ("SELECT count (*) FROM quarantine WHERE uuid = $1::uuid", own_uuid), ==, 1);
  g_clear_pointer (&refusals, g_ptr_array_unref);
  refusals = ud_sync_refusals_list (other->db, NULL, 10, &error);
  g_assert_no_error (error);
  /* The planted records too, refused here as in the first office. */
  g_assert_cmpuint (refusals->len, ==, 3);
  for (guint i = 0; i < refusals->len; i++)
    {
      UdSyncRefusal *refusal = g_ptr_array_index (refusals, i);

      if (!refusal->by_server)
        continue;
      g_test_message ("refused by the server: %s", refusal->reason);
      g_assert_cmpstr (refusal->uuid, ==, own_uuid);
      g_assert_nonnull (strstr (refusal->reason, "冒名会员二"));
      /* By what the record here is. */
      g_assert_cmpstr (refusal->title, ==, "冒名会员二");
      /* "会员 冒名会员二：性别：…" */
      g_assert_nonnull (strstr (refusal->reason, "会员 冒名会员二："));
      g_assert_nonnull (strstr (refusal->reason, "性别"));
      member_seen = FALSE;
    }
  g_assert_false (member_seen);
}

static void
test_serial_clash (void)
{
  g_autoptr(Office) a = relief_office_new ("110230", "Serial-a", "11010519491231002X");
  g_autoptr(Office) b = relief_office_new ("110230", "Serial-b", "440524188001010014");
  g_autoptr(UdRecord) in_a = NULL;
  g_autoptr(UdRecord) in_b = NULL;
  g_autoptr(UdRecord) later = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *member_a = office_text (a, "SELECT uuid FROM member", NULL);
  g_autofree char *member_b = office_text (b, "SELECT uuid FROM member", NULL);
  Office *offices[] = { a, b };

  in_a = relief_case (member_a);
  g_assert_true (ud_illness_store_save (a->db, in_a, NULL, &error));
  g_assert_no_error (error);
  in_b = relief_case (member_b);
  ud_record_set (in_b, "application_date", "2024-09-02");
  g_assert_true (ud_illness_store_save (b->db, in_b, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (in_a, "serial"), ==, "大病-110230-2024-01-0001");
  g_assert_cmpstr (ud_record_get (in_b, "serial"), ==, "大病-110230-2024-01-0001");

  office_sync (a, server_url, NULL);
  office_sync (b, server_url, NULL);
  office_sync (a, server_url, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (offices); i++)
    {
      Office *office = offices[i];
      UdRecord *mine = i == 0 ? in_a : in_b;
      UdRecord *theirs = i == 0 ? in_b : in_a;
      g_autoptr(UdRecord) stored = NULL;
      g_autoptr(GPtrArray) same = NULL;
      g_autoptr(GHashTable) duplicates = NULL;

      /* Converged: both applications, nothing set aside. */
      g_assert_cmpint (office_count (office, "SELECT count (*) FROM illness_application WHERE deleted = 0"), ==, 2);
      g_assert_cmpint (office_count (office, "SELECT count (*) FROM sync_conflict"), ==, 0);
      g_assert_cmpint (office_count (office, "SELECT count (*) FROM sync_held"), ==, 0);
      g_assert_cmpint (ud_database_outbox_count (office->db), ==, 0);
      stored = ud_illness_store_get (office->db, mine->id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (stored->uuid, ==, mine->uuid);

      /* The duplicate is reported, naming the other office's application. */
      same = ud_illness_store_list_same_serial (office->db, stored, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (same->len, ==, 1);
      g_assert_cmpstr (((UdRecord *) g_ptr_array_index (same, 0))->uuid, ==, theirs->uuid);
      duplicates = ud_illness_store_duplicate_serials (office->db, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_hash_table_size (duplicates), ==, 1);
      g_assert_true (g_hash_table_contains (duplicates, "大病-110230-2024-01-0001"));
    }
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE kind = 'illness_application' AND district = $1", "110230"), ==, 2);

  /* The administrator of the second office corrects its number. */
  office_as (b, "admin");
  g_assert_true (ud_database_set_office_number (b->db, "02", &error));
  g_assert_no_error (error);
  office_as (b, "li");
  later = relief_case (member_b);
  ud_record_set (later, "application_date", "2024-10-02");
  g_assert_true (ud_illness_store_save (b->db, later, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (later, "serial"), ==, "大病-110230-2024-02-0001");
  office_sync (b, server_url, NULL);
  office_sync (a, server_url, NULL);
  g_assert_cmpint (office_count (a, "SELECT count (*) FROM illness_application WHERE deleted = 0"), ==, 3);
  g_assert_cmpint (office_count (a, "SELECT count (*) FROM sync_conflict"), ==, 0);
}

/* Two offices of one district and one of another: the first two end up
 * with the same roll, the third sees none of it. */
/* A new office's first sync starts from the server's snapshot of the
 * district, then pulls only what came after it; the snapshot is one
 * audit entry, and the records in it are searchable. */
static void
test_snapshot (void)
{
  g_autoptr(Office) a = office_new ("110232", "Snapshot-1");
  g_autoptr(Office) b = office_new ("110232", "Snapshot-2");
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  UdMemberQuery query = { 0 };
  UdSyncSummary summary;
  gint64 total;

  generate (a, 1200, 7);
  total = ud_database_outbox_count (a->db);
  office_sync (a, server_url, NULL);

  office_sync (b, server_url, &summary);
  g_assert_cmpuint (summary.applied, ==, total);
  g_assert_cmpint (ud_member_store_count (b->db), ==, 1200);
  g_assert_cmpint (office_count (b, "SELECT count (*) FROM audit_log WHERE action = 'sync_snapshot'"), ==, 1);
  g_assert_cmpint (office_count (b, "SELECT count (*) FROM audit_log WHERE action = 'sync_create'"), ==, 0);
  g_assert_cmpint (ud_database_outbox_count (b->db), ==, 0);
  assert_same_members (a, b);

  /* Searchable as the first office's: the same members for a surname. */
  query.text = g_strdup ("王");
  found = ud_member_store_query (b->db, &query, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GArray) in_a = ud_member_store_query (a->db, &query, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, in_a->len);
    g_assert_cmpuint (found->len, >, 0);
  }
  ud_member_query_clear (&query);

  /* Then only the change: no second snapshot. */
  record = ud_member_store_get (a->db, 1, &error);
  g_assert_no_error (error);
  ud_record_set (record, "phone", "13912345678");
  g_assert_true (ud_member_store_save (a->db, record, NULL, &error));
  g_assert_no_error (error);
  office_sync (a, server_url, NULL);
  office_sync (b, server_url, &summary);
  g_assert_cmpuint (summary.pulled, ==, 1);
  g_assert_cmpuint (summary.applied, ==, 1);
  g_assert_cmpint (office_count (b, "SELECT count (*) FROM audit_log WHERE action = 'sync_snapshot'"), ==, 1);
  g_assert_cmpint (office_count (b, "SELECT count (*) FROM audit_log WHERE action = 'sync_update'"), ==, 1);
  assert_same_members (a, b);

  /* Another new office gets the snapshot the server built for the
   * second (one change behind it, not built again), then pulls that
   * change: the changed member comes twice, as it was and as it is. */
  {
    g_autoptr(Office) c = office_new ("110232", "Snapshot-c");

    office_sync (c, server_url, &summary);
    g_assert_cmpuint (summary.pulled, ==, total + 1);
    g_assert_cmpint (office_count (c, "SELECT count (*) FROM audit_log WHERE action = 'sync_snapshot'"), ==, 1);
    assert_same_members (a, c);
  }
}

/* A record in the snapshot that this office's checks refuse: the snapshot
 * is not used, the office pulls page by page, notes that record as
 * refused and ends with the same roll as an office that never tried a
 * snapshot. */
static void
test_snapshot_refused_record (void)
{
  g_autoptr(Office) a = office_new ("110238", "Snapshot-hostile-1");
  g_autoptr(Office) b = office_new ("110238", "Snapshot-hostile-2");
  g_autoptr(Office) c = office_new ("110238", "Snapshot-hostile-3");
  g_autoptr(UdSyncClient) paged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *planted = ud_uuid_v7_new ();
  UdSyncSummary summary;
  UdSyncSummary paged_summary;

  generate (a, 300, 13);
  office_sync (a, server_url, NULL);
  server_plant ("member", planted, "110238",
                "{\"name\":\"冒名会员\",\"id_number\":\"110105199001080167\",\"sex\":\"F\","
                "\"joined_on\":\"2019-13-45\",\"status\":\"active\",\"unit\":\"北京建材有限公司\"}");

  office_sync (b, server_url, &summary);
  g_assert_cmpuint (summary.refused, ==, 1);
  /* Pulled page by page: no snapshot entry, each record its own. */
  g_assert_cmpint (office_count (b, "SELECT count (*) FROM audit_log WHERE action = 'sync_snapshot'"), ==, 0);
  g_assert_cmpint (office_count_of (b, "SELECT count (*) FROM member WHERE uuid = ?1", planted), ==, 0);
  g_assert_cmpint (office_count_of (b, "SELECT count (*) FROM sync_refusal WHERE uuid = ?1", planted), ==, 1);
  g_assert_cmpint (ud_member_store_count (b->db), ==, 300);
  assert_same_members (a, b);

  /* As an office that pulls page by page from the start. */
  paged = office_client (c, server_url);
  ud_sync_client_set_use_snapshot (paged, FALSE);
  g_assert_true (ud_sync_client_run (paged, &paged_summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (paged_summary.applied, ==, summary.applied);
  g_assert_cmpuint (paged_summary.refused, ==, summary.refused);
  assert_same_members (b, c);
}

static void
test_converge (void)
{
  g_autoptr(Office) a1 = office_new ("110101", "Dongcheng-1");
  g_autoptr(Office) a2 = office_new ("110101", "Dongcheng-2");
  g_autoptr(Office) b = office_new ("110102", "Xicheng");
  g_autoptr(UdSyncClient) client = NULL;
  g_autoptr(GHashTable) members_a1 = NULL;
  g_autoptr(GHashTable) members_b = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(UdRecord) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSyncStatus) status = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *normalized = ud_sync_normalize_server_url (server_url, NULL);
  Progress progress = { 0 };
  UdSyncSummary summary;
  GHashTableIter iter;
  const char *key;
  gint64 units_a1;
  gint64 total;

  generate (a1, 700, 1);
  generate_range (a2, 700, 300, 2);
  generate_range (b, 1000, 100, 3);
  units_a1 = office_count (a1, "SELECT count (*) FROM unit");
  total = 700 + units_a1;
  g_assert_cmpint (ud_database_outbox_count (a1->db), ==, total);

  /* The first push: in batches of 500, with progress up to the whole. */
  client = office_client (a1, server_url);
  g_signal_connect (client, "progress", G_CALLBACK (progress_cb), &progress);
  ud_sync_client_run (client, &summary, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.pushed, ==, total);
  g_assert_cmpuint (progress.push_done, ==, total);
  g_assert_cmpuint (progress.push_total, ==, total);
  g_assert_true (progress.pulled);
  g_assert_cmpint (ud_database_outbox_count (a1->db), ==, 0);
  g_assert_cmpint (server_batches (a1), ==, (total + UD_SYNC_MAX_BATCH - 1) / UD_SYNC_MAX_BATCH);
  g_assert_cmpint (server_applied (a1), ==, total);

  office_sync (a2, server_url, NULL);
  office_sync (b, server_url, NULL);
  office_sync (a1, server_url, &summary);
  g_assert_cmpuint (summary.pushed, ==, 0);
  g_assert_cmpuint (summary.applied, >=, 300);

  /* The same roll in both offices, each record under its one uuid, and
   * units that two offices entered under the same name merged into one. */
  assert_same_members (a1, a2);
  g_assert_cmpint (ud_member_store_count (a1->db), ==, 1000);
  {
    g_autoptr(GHashTable) by_uuid_1 = office_members (a1);
    g_autoptr(GHashTable) by_uuid_2 = office_members (a2);

    g_hash_table_iter_init (&iter, by_uuid_1);
    while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
      g_assert_true (g_hash_table_contains (by_uuid_2, key));
  }
  g_assert_cmpint (ud_sync_conflicts_count_open (a1->db), ==, 0);
  g_assert_cmpint (ud_sync_conflicts_count_open (a2->db), ==, 0);

  /* The other district has none of it, and the server holds every record
   * of district 110101 once. */
  members_a1 = office_members (a1);
  members_b = office_members (b);
  g_assert_cmpuint (g_hash_table_size (members_b), ==, 100);
  g_hash_table_iter_init (&iter, members_b);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    g_assert_false (g_hash_table_contains (members_a1, key));
  g_assert_cmpint (db_int ("SELECT count (*) FROM records WHERE district = $1 AND kind = 'member'", "110101"), ==, 1000);

  /* An edit made in one office reaches the other. */
  record = first_member (a2);
  uuid = g_strdup (record->uuid);
  edit_member (a2, uuid, "phone", "13900001111");
  office_sync (a2, server_url, NULL);
  office_sync (a1, server_url, &summary);
  g_assert_cmpuint (summary.applied, ==, 1);
  seen = member_by_uuid (a1, uuid);
  g_assert_cmpstr (ud_record_get (seen, "phone"), ==, "13900001111");
  assert_same_members (a1, a2);

  /* The header bar's state. */
  status = ud_sync_status_load (a1->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status->server_url, ==, normalized);
  g_assert_nonnull (status->last_success_at);
  g_assert_null (status->last_error);
  g_assert_cmpint (status->pending, ==, 0);
  g_assert_cmpint (status->cursor, >, 0);
}

/* Concurrent edits of one record: both versions kept, the later one in
 * the record, the conflict listed in both offices, and a person's choice
 * becomes a new change everywhere. */
static void
test_conflict (void)
{
  g_autoptr(Office) a1 = office_new ("110105", "Chaoyang-1");
  g_autoptr(Office) a2 = office_new ("110105", "Chaoyang-2");
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(UdRecord) in_a1 = NULL;
  g_autoptr(UdRecord) in_a2 = NULL;
  g_autoptr(GPtrArray) conflicts_a1 = NULL;
  g_autoptr(GPtrArray) conflicts_a2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  UdSyncConflict *conflict;
  UdSyncSummary summary;

  generate (a1, 20, 11);
  office_sync (a1, server_url, NULL);
  office_sync (a2, server_url, NULL);
  record = first_member (a1);
  uuid = g_strdup (record->uuid);

  /* Each office edits a different field; the second edit is the later:
   * office 2 edits only once the wall clock has passed office 1's stamp,
   * so that a loaded machine cannot put both in one millisecond. */
  edit_member (a1, uuid, "phone", "13811112222");
  wait_past_stamp (a1, uuid);
  edit_member (a2, uuid, "notes", "moved to the night shift");
  office_sync (a1, server_url, NULL);
  office_sync (a2, server_url, &summary);
  g_assert_cmpuint (summary.conflicts, ==, 1);
  office_sync (a1, server_url, &summary);
  g_assert_cmpuint (summary.conflicts, ==, 1);

  /* The record holds the later version in both offices... */
  in_a1 = member_by_uuid (a1, uuid);
  in_a2 = member_by_uuid (a2, uuid);
  g_assert_cmpstr (ud_record_get (in_a1, "notes"), ==, "moved to the night shift");
  g_assert_cmpstr (ud_record_get (in_a1, "phone"), ==, ud_record_get (record, "phone"));
  g_assert_true (ud_record_equal_values (in_a1, in_a2));

  /* ...and both list both versions, each knowing which one is its own. */
  conflicts_a1 = ud_sync_conflicts_list (a1->db, FALSE, &error);
  g_assert_no_error (error);
  conflicts_a2 = ud_sync_conflicts_list (a2->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts_a1->len, ==, 1);
  g_assert_cmpuint (conflicts_a2->len, ==, 1);

  conflict = g_ptr_array_index (conflicts_a2, 0);
  g_assert_cmpint (conflict->reason, ==, UD_SYNC_CONFLICT_EDITED);
  g_assert_cmpstr (conflict->uuid, ==, uuid);
  g_assert_true (conflict->winner_here);
  g_assert_false (conflict->loser_here);
  g_assert_cmpstr (ud_record_get (conflict->winner, "notes"), ==, "moved to the night shift");
  g_assert_cmpstr (ud_record_get (conflict->loser, "phone"), ==, "13811112222");

  conflict = g_ptr_array_index (conflicts_a1, 0);
  g_assert_false (conflict->winner_here);
  g_assert_true (conflict->loser_here);
  g_assert_cmpstr (ud_record_get (conflict->loser, "phone"), ==, "13811112222");
  g_assert_cmpstr (ud_record_get (conflict->loser, "notes"), ==, ud_record_get (record, "notes"));

  /* Office 2 keeps what the record holds: that only closes the conflict. */
  ud_sync_conflict_resolve (a2->db, ((UdSyncConflict *) g_ptr_array_index (conflicts_a2, 0))->id,
                            UD_SYNC_KEEP_WINNER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ud_database_outbox_count (a2->db), ==, 0);
  g_assert_cmpint (ud_sync_conflicts_count_open (a2->db), ==, 0);

  /* Office 1 keeps its own version: a new change, which office 2 receives. */
  ud_sync_conflict_resolve (a1->db, conflict->id, UD_SYNC_KEEP_LOSER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ud_sync_conflicts_count_open (a1->db), ==, 0);
  g_assert_cmpint (ud_database_outbox_count (a1->db), ==, 1);
  ud_sync_conflict_resolve (a1->db, conflict->id, UD_SYNC_KEEP_LOSER, &error);
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  office_sync (a1, server_url, NULL);
  office_sync (a2, server_url, &summary);
  g_assert_cmpuint (summary.conflicts, ==, 0);
  g_clear_pointer (&in_a2, ud_record_unref);
  in_a2 = member_by_uuid (a2, uuid);
  g_assert_cmpstr (ud_record_get (in_a2, "phone"), ==, "13811112222");
  g_assert_cmpstr (ud_record_get (in_a2, "notes"), ==, ud_record_get (record, "notes"));
  assert_same_members (a1, a2);
}

/* What the pull-phase handler of test_local_conflict does to the office
 * that is syncing, and to the other one behind its back. */
typedef struct
{
  Office     *here;
  Office     *there;
  const char *uuid;
  gboolean    there_later;  /* the other office's edit comes after ours */
  gboolean    done;
} RaceEdit;

static void
race_edit_cb (UdSyncClient *client,
              UdSyncPhase   phase,
              guint         done,
              guint         total,
              RaceEdit     *race)
{
  if (phase != UD_SYNC_PHASE_PULL || race->done)
    return;
  race->done = TRUE;

  /* The second edit waits until the wall clock has passed the first
   * one's stamp, so that a loaded machine cannot put both in one
   * millisecond (and the "later" one be decided by the offices' ids). */
  if (race->there_later)
    {
      edit_member (race->here, race->uuid, "phone", "13700000001");
      wait_past_stamp (race->here, race->uuid);
      edit_member (race->there, race->uuid, "phone", "13700000002");
      office_sync (race->there, server_url, NULL);
    }
  else
    {
      edit_member (race->there, race->uuid, "phone", "13700000003");
      office_sync (race->there, server_url, NULL);
      wait_past_stamp (race->there, race->uuid);
      edit_member (race->here, race->uuid, "phone", "13700000004");
    }
}

/* A pulled change that meets a change made here and not pushed yet:
 * listed, the later stamp in the record, nothing lost. */
static void
test_local_conflict (void)
{
  g_autoptr(Office) a1 = office_new ("110106", "Fengtai-1");
  g_autoptr(Office) a2 = office_new ("110106", "Fengtai-2");
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(UdRecord) in_a1 = NULL;
  g_autoptr(UdRecord) in_a2 = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  UdSyncConflict *conflict;
  RaceEdit race = { a2, a1, NULL, FALSE, FALSE };

  generate (a1, 5, 21);
  office_sync (a1, server_url, NULL);
  office_sync (a2, server_url, NULL);
  record = first_member (a1);
  uuid = g_strdup (record->uuid);
  race.uuid = uuid;

  /* Our edit is the later one: it stays, the pulled one is set aside, and
   * the next push makes the server list the same pair for office 1. */
  {
    g_autoptr(UdSyncClient) client = office_client (a2, server_url);
    UdSyncSummary summary;

    g_signal_connect (client, "progress", G_CALLBACK (race_edit_cb), &race);
    ud_sync_client_run (client, &summary, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (race.done);
    g_assert_cmpuint (summary.conflicts, ==, 1);
  }
  in_a2 = member_by_uuid (a2, uuid);
  g_assert_cmpstr (ud_record_get (in_a2, "phone"), ==, "13700000004");
  g_assert_cmpint (ud_database_outbox_count (a2->db), ==, 1);
  conflicts = ud_sync_conflicts_list (a2->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_true (conflict->winner_here);
  g_assert_cmpstr (ud_record_get (conflict->loser, "phone"), ==, "13700000003");
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  office_sync (a2, server_url, NULL);
  office_sync (a1, server_url, NULL);
  in_a1 = member_by_uuid (a1, uuid);
  g_assert_cmpstr (ud_record_get (in_a1, "phone"), ==, "13700000004");
  g_assert_cmpint (ud_sync_conflicts_count_open (a1->db), ==, 1);
  g_assert_cmpint (ud_sync_conflicts_count_open (a2->db), ==, 1);
  assert_same_members (a1, a2);

  /* The other office's edit is the later one: it wins here at once, and
   * ours is the one set aside. */
  race.done = FALSE;
  race.there_later = TRUE;
  {
    g_autoptr(UdSyncClient) client = office_client (a2, server_url);
    UdSyncSummary summary;

    g_signal_connect (client, "progress", G_CALLBACK (race_edit_cb), &race);
    ud_sync_client_run (client, &summary, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (summary.conflicts, ==, 1);
  }
  g_clear_pointer (&in_a2, ud_record_unref);
  in_a2 = member_by_uuid (a2, uuid);
  g_assert_cmpstr (ud_record_get (in_a2, "phone"), ==, "13700000002");
  g_assert_cmpint (ud_database_outbox_count (a2->db), ==, 0);
  conflicts = ud_sync_conflicts_list (a2->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 2);
  conflict = g_ptr_array_index (conflicts, 1);
  g_assert_false (conflict->winner_here);
  g_assert_true (conflict->loser_here);
  g_assert_cmpstr (ud_record_get (conflict->loser, "phone"), ==, "13700000001");

  office_sync (a1, server_url, NULL);
  assert_same_members (a1, a2);
}

/* A deletion reaches every office of the district. */
static void
test_tombstone (void)
{
  g_autoptr(Office) a1 = office_new ("110107", "Shijingshan-1");
  g_autoptr(Office) a2 = office_new ("110107", "Shijingshan-2");
  g_autoptr(Office) late = office_new ("110107", "Shijingshan-3");
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(UdRecord) in_a2 = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;
  UdMemberQuery query = { NULL };

  generate (a1, 10, 31);
  office_sync (a1, server_url, NULL);
  office_sync (a2, server_url, NULL);
  g_assert_cmpint (ud_member_store_count (a2->db), ==, 10);

  record = first_member (a1);
  ud_member_store_delete (a1->db, record->id, &error);
  g_assert_no_error (error);
  office_sync (a1, server_url, NULL);
  office_sync (a2, server_url, NULL);
  office_sync (late, server_url, NULL);

  in_a2 = member_by_uuid (a2, record->uuid);
  g_assert_true (in_a2->deleted);
  g_assert_cmpint (ud_member_store_count (a2->db), ==, 9);
  g_assert_cmpint (ud_member_store_count (late->db), ==, 9);

  /* Gone from the search too. */
  query.text = g_strdup (ud_record_get (record, "id_number"));
  found = ud_member_store_query (a2->db, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  ud_member_query_clear (&query);

  assert_same_members (a1, a2);
}

/* Syncs @office through @proxy with one fault set, then again without,
 * and checks that the second office has everything once. */
typedef struct
{
  Office *office;
  char   *url;
  GError *error;
} SyncJob;

static gpointer
sync_thread (gpointer data)
{
  SyncJob *job = data;
  g_autoptr(UdSyncClient) client = office_client (job->office, job->url);
  UdSyncSummary summary;

  ud_sync_client_set_retry_policy (client, 2, 50);
  ud_sync_client_run (client, &summary, NULL, &job->error);

  return NULL;
}

/* The server dies (SIGKILL) while a push waits inside its transaction,
 * and a new one is started: the push completes, nothing lost or doubled. */
static void
test_killed_mid_push (void)
{
  g_autoptr(Office) a1 = office_new ("110108", "Haidian-1");
  g_autoptr(Office) a2 = office_new ("110108", "Haidian-2");
  g_autoptr(Server) first = server_start ();
  g_autoptr(Server) second = NULL;
  g_autoptr(Proxy) proxy = proxy_new (first->port);
  g_autoptr(PGconn) blocker = db_connect ();
  gint64 total;
  SyncJob job = { a1, proxy->url, NULL };
  GThread *thread;

  generate (a1, 1200, 41);
  total = ud_database_outbox_count (a1->db);

  /* Every push waits for the counter row, held here. */
  db_exec (blocker, "BEGIN");
  db_exec (blocker, "SELECT last_seq FROM sync_counter FOR UPDATE");
  thread = g_thread_new ("sync", sync_thread, &job);
  wait_for_lock_wait ("SELECT last_seq FROM sync_counter");
  server_kill (first);
  db_exec (blocker, "ROLLBACK");
  g_thread_join (thread);

  g_assert_error (job.error, UD_SYNC_ERROR, UD_SYNC_ERROR_UNREACHABLE);
  g_assert_true (ud_sync_error_is_transient (job.error));
  g_clear_error (&job.error);
  g_assert_cmpint (server_records ("110108"), ==, 0);
  g_assert_cmpint (ud_database_outbox_count (a1->db), ==, total);

  /* The failure is in the header bar's state and the log. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(UdSyncStatus) status = ud_sync_status_load (a1->db, &error);
    g_autoptr(GPtrArray) log = ud_sync_log_list (a1->db, 10, &error);

    g_assert_no_error (error);
    g_assert_nonnull (status->last_error);
    g_assert_null (status->last_success_at);
    g_assert_cmpint (status->pending, ==, total);
    g_assert_cmpuint (log->len, ==, 1);
    g_assert_nonnull (((UdSyncLogEntry *) g_ptr_array_index (log, 0))->error);
  }

  second = server_start ();
  proxy_set_upstream (proxy, second->port);
  office_sync (a1, proxy->url, NULL);
  office_sync (a2, proxy->url, NULL);

  g_assert_cmpint (ud_database_outbox_count (a1->db), ==, 0);
  g_assert_cmpint (server_records ("110108"), ==, total);
  g_assert_cmpint (server_applied (a1), ==, total);
  g_assert_cmpint (server_batches (a1), ==, (total + UD_SYNC_MAX_BATCH - 1) / UD_SYNC_MAX_BATCH);
  assert_same_members (a1, a2);
}

/* One fault on the way, then a sync that completes. */
static void
check_fault (const char *district,
             Fault       fault,
             const char *path,
             gsize       cut_bytes)
{
  g_autofree char *name1 = g_strdup_printf ("%s-1", district);
  g_autofree char *name2 = g_strdup_printf ("%s-2", district);
  g_autoptr(Office) a1 = office_new (district, name1);
  g_autoptr(Office) a2 = office_new (district, name2);
  g_autoptr(Proxy) proxy = proxy_new (url_port (server_url));
  gint64 total;
  UdSyncSummary summary;

  generate (a1, 800, 51);
  total = ud_database_outbox_count (a1->db);

  /* Office 2 has something of its own to push too, so that both
   * directions cross the fault. */
  generate_range (a2, 800, 30, 52);
  office_sync (a2, proxy->url, NULL);

  proxy_set_fault (proxy, fault, path, 1, cut_bytes);
  office_sync (a1, proxy->url, &summary);
  g_assert_cmpuint (proxy_faults_done (proxy), ==, 1);
  g_assert_cmpuint (summary.retries, ==, 1);
  g_assert_cmpuint (summary.pushed, ==, total);

  office_sync (a2, proxy->url, NULL);
  office_sync (a1, proxy->url, NULL);

  /* Nothing lost, nothing doubled. */
  g_assert_cmpint (ud_database_outbox_count (a1->db), ==, 0);
  g_assert_cmpint (server_applied (a1), ==, total);
  g_assert_cmpint (server_batches (a1), ==, (total + UD_SYNC_MAX_BATCH - 1) / UD_SYNC_MAX_BATCH);
  g_assert_cmpint (ud_member_store_count (a1->db), ==, 830);
  g_assert_cmpint (ud_sync_conflicts_count_open (a1->db), ==, 0);
  assert_same_members (a1, a2);
}

static void
test_answer_lost (void)
{
  /* The server commits the batch, the answer never arrives: the batch is
   * sent again as it was and gets the stored answer. */
  check_fault ("110109", FAULT_DROP, "/api/v1/push", 0);
}

static void
test_push_500 (void)
{
  check_fault ("110111", FAULT_500, "/api/v1/push", 0);
}

static void
test_pull_500 (void)
{
  check_fault ("110112", FAULT_500, "/api/v1/pull", 0);
}

static void
test_pull_cut (void)
{
  /* The connection breaks 3,000 bytes into a page. */
  check_fault ("110113", FAULT_CUT, "/api/v1/pull", 3000);
}

static void
test_push_cut (void)
{
  check_fault ("110114", FAULT_CUT, "/api/v1/push", 100);
}

static void
test_pull_garbage (void)
{
  check_fault ("110115", FAULT_GARBAGE, "/api/v1/pull", 0);
}

static void
test_push_garbage (void)
{
  check_fault ("110116", FAULT_GARBAGE, "/api/v1/push", 0);
}

/* One fault on the way of a new office's snapshot, then a first sync
 * that completes from it. */
static void
check_snapshot_fault (const char *district,
                      Fault       fault,
                      gsize       cut_bytes)
{
  g_autofree char *name1 = g_strdup_printf ("%s-1", district);
  g_autofree char *name2 = g_strdup_printf ("%s-2", district);
  g_autoptr(Office) a = office_new (district, name1);
  g_autoptr(Office) b = office_new (district, name2);
  g_autoptr(Proxy) proxy = proxy_new (url_port (server_url));
  UdSyncSummary summary;

  generate (a, 800, 54);
  office_sync (a, server_url, NULL);

  proxy_set_fault (proxy, fault, "/api/v1/snapshot", 1, cut_bytes);
  office_sync (b, proxy->url, &summary);
  g_assert_cmpuint (proxy_faults_done (proxy), ==, 1);
  g_assert_cmpuint (summary.retries, ==, 1);
  g_assert_cmpint (office_count (b, "SELECT count (*) FROM audit_log WHERE action = 'sync_snapshot'"), ==, 1);
  assert_same_members (a, b);
}

static void
test_snapshot_500 (void)
{
  check_snapshot_fault ("110233", FAULT_500, 0);
}

static void
test_snapshot_cut (void)
{
  /* The connection breaks 3,000 bytes into the compressed file. */
  check_snapshot_fault ("110234", FAULT_CUT, 3000);
}

/* A snapshot whose bytes are not those the server's checksum names (as
 * changed on the way): not applied, nothing of it stays, and the first
 * sync pulls page by page instead. */
static void
test_snapshot_wrong_sum (void)
{
  g_autoptr(Office) a1 = office_new ("110237", "Checksum-1");
  g_autoptr(Office) a2 = office_new ("110237", "Checksum-2");
  g_autoptr(Proxy) proxy = proxy_new (url_port (server_url));
  UdSyncSummary summary;

  generate (a1, 300, 59);
  office_sync (a1, proxy->url, NULL);
  proxy_set_fault (proxy, FAULT_WRONG_SUM, "/api/v1/snapshot", 100, 0);
  office_sync (a2, proxy->url, &summary);
  g_assert_cmpuint (proxy_faults_done (proxy), >=, 1);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM audit_log WHERE action = 'sync_snapshot'"), ==, 0);
  assert_same_members (a1, a2);
}

/* A snapshot that is never one: the first sync pulls page by page. */
static void
test_snapshot_garbage (void)
{
  g_autoptr(Office) a1 = office_new ("110235", "Garbage-1");
  g_autoptr(Office) a2 = office_new ("110235", "Garbage-2");
  g_autoptr(Proxy) proxy = proxy_new (url_port (server_url));
  UdSyncSummary summary;

  generate (a1, 300, 53);
  office_sync (a1, proxy->url, NULL);
  proxy_set_fault (proxy, FAULT_GARBAGE, "/api/v1/snapshot", 100, 0);
  office_sync (a2, proxy->url, &summary);
  g_assert_cmpuint (proxy_faults_done (proxy), >=, 1);
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM audit_log WHERE action = 'sync_snapshot'"), ==, 0);
  assert_same_members (a1, a2);
  /* Its search index, built once the last page was in, finds them all. */
  g_assert_cmpint (office_count (a2, "SELECT count (*) FROM meta WHERE key = 'search_rebuild'"), ==, 0);
  {
    UdMemberQuery query = { .text = (char *) "622206" };
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) found = ud_member_store_query (a2->db, &query, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 300);
  }
}

/* Errors a clerk understands, and no retries for what a person must fix. */
static void
test_errors (void)
{
  g_autoptr(Office) office = office_new ("110117", "Pinggu");
  g_autoptr(Proxy) proxy = proxy_new (url_port (server_url));
  g_autoptr(UdSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  UdSyncSummary summary;
  gint64 waiting;

  generate (office, 3, 61);
  waiting = ud_database_outbox_count (office->db);

  /* A revoked or mistyped token. */
  client = ud_sync_client_new (office->db, server_url, "0123456789abcdef");
  ud_sync_client_run (client, &summary, NULL, &error);
  g_assert_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_TOKEN_REFUSED);
  g_assert_false (ud_sync_error_is_transient (error));
  g_assert_cmpuint (summary.retries, ==, 0);
  g_assert_nonnull (strstr (error->message, "token"));
  g_clear_error (&error);
  g_clear_object (&client);

  /* Nobody listening. */
  client = office_client (office, "http://127.0.0.1:1");
  ud_sync_client_set_retry_policy (client, 3, 10);
  ud_sync_client_run (client, &summary, NULL, &error);
  g_assert_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_UNREACHABLE);
  g_assert_cmpuint (summary.retries, ==, 2);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_clear_error (&error);
  g_clear_object (&client);

  /* A web server without the sync API: too old, or not ours. */
  proxy_set_fault (proxy, FAULT_OLD, "/", 0, 0);
  client = office_client (office, proxy->url);
  ud_sync_client_run (client, &summary, NULL, &error);
  g_assert_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_SERVER_TOO_OLD);
  g_assert_cmpuint (summary.retries, ==, 0);
  g_clear_error (&error);
  g_clear_object (&client);

  /* Plain HTTP to another computer is refused before anything is sent. */
  client = office_client (office, "http://192.0.2.1:8080");
  ud_sync_client_run (client, &summary, NULL, &error);
  g_assert_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_INSECURE);
  g_clear_error (&error);
  g_clear_object (&client);

  /* A token of another district. */
  {
    g_autoptr(Office) other = office_new ("110118", "Miyun");

    client = ud_sync_client_new (office->db, server_url, other->token);
    ud_sync_client_run (client, &summary, NULL, &error);
    g_assert_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_FORBIDDEN);
    g_clear_error (&error);
    g_clear_object (&client);
  }

  /* Nothing was lost on the way. */
  g_assert_cmpint (ud_database_outbox_count (office->db), ==, waiting);
  office_sync (office, server_url, &summary);
  g_assert_cmpuint (summary.pushed, ==, waiting);
  g_assert_cmpint (ud_database_outbox_count (office->db), ==, 0);
}

/* HTTPS: a certificate from an unknown authority is refused; with the
 * authority's certificate given, the sync goes through. */
static void
test_certificate (void)
{
  g_autoptr(Office) office = office_new ("110119", "Yanqing");
  g_autofree char *cert = g_build_filename (scratch_dir, "server.crt", NULL);
  g_autofree char *key = g_build_filename (scratch_dir, "server.key", NULL);
  const char *openssl[] = {
    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
    "-subj", "/CN=UnionDesk test CA", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout", key, "-out", cert, NULL
  };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(UdSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  UdSyncSummary summary;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) openssl, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              server_bin, "serve", "--listen", "127.0.0.1:0",
                              "--tls-cert", cert, "--tls-key", key, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (line, "https://"));

  generate (office, 4, 71);
  client = office_client (office, strstr (line, "https://"));
  ud_sync_client_run (client, &summary, NULL, &error);
  g_assert_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, "not trusted"));
  g_assert_cmpuint (summary.retries, ==, 0);
  g_clear_error (&error);

  ud_sync_client_set_ca_file (client, cert);
  ud_sync_client_run (client, &summary, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.pushed, >=, 4);
  g_assert_cmpint (ud_database_outbox_count (office->db), ==, 0);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

static void
cancel_on_pull_cb (UdSyncClient *client,
                   UdSyncPhase   phase,
                   guint         done,
                   guint         total,
                   GCancellable *cancellable)
{
  if (phase == UD_SYNC_PHASE_PULL)
    g_cancellable_cancel (cancellable);
}

/* Cancelling keeps what was committed; the next sync carries on. */
static void
test_cancel (void)
{
  g_autoptr(Office) a1 = office_new ("110120", "Tongzhou-1");
  g_autoptr(Office) a2 = office_new ("110120", "Tongzhou-2");
  g_autoptr(UdSyncClient) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  UdSyncSummary summary;

  generate (a1, 600, 81);
  client = office_client (a1, server_url);
  g_signal_connect (client, "progress", G_CALLBACK (cancel_on_pull_cb), cancellable);
  ud_sync_client_run (client, &summary, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (ud_database_outbox_count (a1->db), ==, 0);
  g_assert_cmpint (summary.cursor, ==, 0);

  office_sync (a1, server_url, &summary);
  g_assert_cmpuint (summary.pushed, ==, 0);
  g_assert_cmpuint (summary.pulled, >=, 600);
  office_sync (a2, server_url, NULL);
  assert_same_members (a1, a2);
}

/* The same person entered in two offices is merged into one record, and
 * edits of either copy reach both. */
static void
test_same_person (void)
{
  g_autoptr(Office) a1 = office_new ("110121", "Shunyi-1");
  g_autoptr(Office) a2 = office_new ("110121", "Shunyi-2");
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(UdRecord) copy = NULL;
  g_autoptr(UdRecord) in_a1 = NULL;
  g_autoptr(UdRecord) in_a2 = NULL;
  g_autoptr(GError) error = NULL;

  generate (a1, 3, 91);
  record = first_member (a1);

  copy = ud_record_new (&ud_kind_member);
  for (guint i = 0; i < ud_kind_member.n_fields; i++)
    ud_record_set_nth (copy, i, record->values[i]);
  ud_record_set (copy, "notes", "entered again in office 2");
  ud_member_store_save (a2->db, copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->uuid, !=, record->uuid);

  office_sync (a1, server_url, NULL);
  office_sync (a2, server_url, NULL);
  office_sync (a1, server_url, NULL);

  /* One record per office, with the later version. */
  g_assert_cmpint (ud_member_store_count (a1->db), ==, 3);
  g_assert_cmpint (ud_member_store_count (a2->db), ==, 3);
  in_a1 = member_by_uuid (a1, record->uuid);
  g_assert_cmpstr (ud_record_get (in_a1, "notes"), ==, "entered again in office 2");

  /* An edit of office 1's copy reaches office 2's. */
  edit_member (a1, record->uuid, "phone", "13655556666");
  office_sync (a1, server_url, NULL);
  office_sync (a2, server_url, NULL);
  in_a2 = member_by_uuid (a2, copy->uuid);
  g_assert_cmpstr (ud_record_get (in_a2, "phone"), ==, "13655556666");
  g_assert_cmpint (ud_sync_conflicts_count_open (a1->db), ==, 0);
  g_assert_cmpint (ud_sync_conflicts_count_open (a2->db), ==, 0);
}

/* `uniondesk-cli sync` for scheduled jobs: the token file, the reason on
 * failure, the server remembered. */
/* The city keeps a copy of each office's audit trail.  An office whose
 * trail was rewritten whole, every hash made again so that its own check
 * finds nothing, still cannot hide it from the copy: what it writes next
 * does not follow the entries the city received, and the city keeps an
 * alert. */
static void
test_audit_copy (void)
{
  g_autoptr(Office) office = office_new ("110112", "Tongzhou");
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSyncStatus) status = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gint64 local_before;
  sqlite3 *raw = ud_database_get_handle (office->db);

  generate (office, 5, 71);
  status = ud_sync_status_load (office->db, &error);
  g_assert_no_error (error);
  office_sync (office, server_url, NULL);
  g_clear_pointer (&status, ud_sync_status_free);
  status = ud_sync_status_load (office->db, &error);
  g_assert_no_error (error);

  /* Everything written before the sync began is in the city's copy. */
  local_before = db_int ("SELECT coalesce (max (id), 0) FROM office_audit WHERE client = $1::uuid", status->client_uuid);
  g_assert_cmpint (local_before, >=, 5);
  g_assert_cmpint (db_int ("SELECT count (*) FROM office_audit WHERE client = $1::uuid", status->client_uuid), ==, local_before);
  g_assert_cmpint (db_int ("SELECT count (*) FROM office_audit_alerts WHERE client = $1::uuid", status->client_uuid), ==, 0);

  /* Rewritten whole, hashes and all: the office's own check is fooled. */
  g_assert_cmpint (sqlite3_exec (raw,
                                 "DROP TRIGGER audit_log_no_update;"
                                 "UPDATE audit_log SET actor = 'nobody' WHERE id = 2;"
                                 "CREATE TEMP TABLE chain (id INTEGER PRIMARY KEY, hash TEXT);"
                                 "INSERT INTO temp.chain WITH RECURSIVE c (id, hash) AS ("
                                 "  SELECT id, ud_audit_hash ('', id, at, actor, action, kind, uuid, field, old_value, new_value, detail)"
                                 "    FROM audit_log WHERE id = 1"
                                 "  UNION ALL SELECT a.id, ud_audit_hash (c.hash, a.id, a.at, a.actor, a.action, a.kind, a.uuid,"
                                 "                                        a.field, a.old_value, a.new_value, a.detail)"
                                 "    FROM c JOIN audit_log a ON a.id = c.id + 1)"
                                 " SELECT id, hash FROM c;"
                                 "UPDATE audit_log SET hash = (SELECT hash FROM temp.chain WHERE chain.id = audit_log.id);"
                                 "DROP TABLE temp.chain;"
                                 "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
                                 " BEGIN SELECT RAISE (ABORT, 'the audit log cannot be changed'); END;"
                                 "DELETE FROM meta WHERE key = 'audit_verified';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (ud_database_check (office->db, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* What the office writes next no longer follows the city's copy. */
  g_assert_true (ud_database_set_office_number (office->db, "07", &error));
  g_assert_no_error (error);
  office_sync (office, server_url, NULL);
  office_sync (office, server_url, NULL);
  g_assert_cmpint (db_int ("SELECT count (*) FROM office_audit_alerts WHERE client = $1::uuid AND reason = 'broken'",
                           status->client_uuid), ==, 1);
  /* The copy keeps what it received. */
  g_assert_cmpint (db_int ("SELECT count (*) FROM office_audit WHERE client = $1::uuid AND actor = 'nobody'",
                           status->client_uuid), ==, 0);
}

static void
test_cli (void)
{
  g_autoptr(Office) office = office_new ("110122", "Huairou");
  g_autofree char *token_file = g_build_filename (scratch_dir, "huairou-token", NULL);
  g_autofree char *bad_file = g_build_filename (scratch_dir, "bad-token", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  generate (office, 5, 95);
  g_clear_object (&office->db);
  /* Private, as a token file must be (one readable by others is
   * refused: test-sync-store). */
  g_file_set_contents_full (token_file, office->token, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (bad_file, "not-the-token\n", -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { cli_bin, "--db", office->path, "sync", "--server", server_url,
                           "--token-file", token_file, "--json", NULL };
    g_autoptr(RunResult) result = run_command (argv);

    g_assert_cmpint (result->status, ==, 0);
    json_parser_load_from_data (parser, result->out, -1, &error);
    g_assert_no_error (error);
    object = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (object, "pushed"), >=, 5);
    g_assert_cmpint (json_object_get_int_member (object, "conflicts"), ==, 0);
  }

  /* No --server: the one synced with last. */
  {
    const char *argv[] = { cli_bin, "--db", office->path, "sync", "--token-file", token_file, NULL };
    g_autoptr(RunResult) result = run_command (argv);

    g_assert_cmpint (result->status, ==, 0);
    g_assert_nonnull (strstr (result->out, "Sent 0 changes"));
  }

  {
    const char *argv[] = { cli_bin, "--db", office->path, "sync", "--token-file", bad_file, NULL };
    g_autoptr(RunResult) result = run_command (argv);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_nonnull (strstr (result->err, "refused this office’s sync token"));
  }

  /* No token anywhere: the keyring is unreachable here and there is no
   * fallback file. */
  {
    const char *argv[] = { cli_bin, "--db", office->path, "sync", NULL };
    g_autoptr(RunResult) result = run_command (argv);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_nonnull (strstr (result->err, "No sync token"));
  }

  {
    const char *argv[] = { cli_bin, "--db", office->path, "sync", "--server", "http://127.0.0.1:1",
                           "--token-file", token_file, NULL };
    g_autoptr(RunResult) result = run_command (argv);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_nonnull (strstr (result->err, "cannot be reached"));
  }

  {
    const char *argv[] = { cli_bin, "--db", office->path, "sync", "surplus", NULL };
    g_autoptr(RunResult) result = run_command (argv);

    g_assert_cmpint (result->status, ==, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

  conninfo = g_getenv ("UNIONDESK_DATABASE");
  server_bin = g_getenv ("UD_SERVER_BIN");
  server_url = g_getenv ("UD_SERVER_URL");
  if (conninfo == NULL || server_bin == NULL || server_url == NULL || argc < 2)
    g_error ("Run me through run-server-tests.sh SERVER %s --tap UNIONDESK-CLI", argv[0]);
  cli_bin = argv[1];

  /* No keyring here: tokens come from files (and the CLI says so). */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);

  scratch_dir = g_dir_make_tmp ("test-sync-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/sync/converge", test_converge);
  g_test_add_func ("/sync/snapshot", test_snapshot);
  g_test_add_func ("/sync/snapshot-refused-record", test_snapshot_refused_record);
  g_test_add_func ("/sync/hardship", test_hardship);
  g_test_add_func ("/sync/aid-defaults", test_aid_defaults);
  g_test_add_func ("/sync/rooms", test_rooms);
  g_test_add_func ("/sync/teams", test_teams);
  g_test_add_func ("/sync/conflict", test_conflict);
  g_test_add_func ("/sync/local-conflict", test_local_conflict);
  g_test_add_func ("/sync/tombstone", test_tombstone);
  g_test_add_func ("/sync/same-person", test_same_person);
  g_test_add_func ("/sync/relief", test_relief);
  g_test_add_func ("/sync/serial-clash", test_serial_clash);
  g_test_add_func ("/sync/refused", test_refused);
  g_test_add_func ("/sync/cancel", test_cancel);
  g_test_add_func ("/sync/fault/killed-mid-push", test_killed_mid_push);
  g_test_add_func ("/sync/fault/answer-lost", test_answer_lost);
  g_test_add_func ("/sync/fault/push-500", test_push_500);
  g_test_add_func ("/sync/fault/pull-500", test_pull_500);
  g_test_add_func ("/sync/fault/pull-cut", test_pull_cut);
  g_test_add_func ("/sync/fault/push-cut", test_push_cut);
  g_test_add_func ("/sync/fault/pull-garbage", test_pull_garbage);
  g_test_add_func ("/sync/fault/push-garbage", test_push_garbage);
  g_test_add_func ("/sync/fault/snapshot-500", test_snapshot_500);
  g_test_add_func ("/sync/fault/snapshot-cut", test_snapshot_cut);
  g_test_add_func ("/sync/fault/snapshot-garbage", test_snapshot_garbage);
  g_test_add_func ("/sync/fault/snapshot-wrong-sum", test_snapshot_wrong_sum);
  g_test_add_func ("/sync/errors", test_errors);
  g_test_add_func ("/sync/certificate", test_certificate);
  g_test_add_func ("/sync/cli", test_cli);
  g_test_add_func ("/sync/audit-copy", test_audit_copy);

  status = g_test_run ();

  if (status == 0)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (scratch_dir);
      g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                       G_FILE_QUERY_INFO_NONE, NULL, NULL);
      GFileInfo *info;

      while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autofree char *path = g_build_filename (scratch_dir, g_file_info_get_name (info), NULL);

          g_unlink (path);
          g_object_unref (info);
        }
      g_rmdir (scratch_dir);
    }
  g_free (scratch_dir);

  return status;
}
