/* ud-cli-bench.c — the performance budgets of DESIGN §9, measured
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-cli"
#define _GNU_SOURCE   /* RUSAGE_THREAD */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <libsoup/soup.h>

#include "ud-cli.h"
#include "ud-aid-store.h"
#include "ud-csv.h"
#include "ud-generate.h"
#include "ud-illness-form.h"
#include "ud-import.h"
#include "ud-member-store.h"
#include "ud-pinyin.h"
#include "ud-record-store.h"
#include "ud-report.h"
#include "ud-room-print.h"
#include "ud-sync-client.h"
#include "ud-table.h"

typedef struct
{
  const char *name;
  GPtrArray  *queries;
  GArray     *ms;
  GArray     *cpu_ms;
} QueryClass;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* CPU time (user + system) in ms of the process (RUSAGE_SELF), of this
 * thread (RUSAGE_THREAD) or of the children waited for (RUSAGE_CHILDREN):
 * the machine is shared, so wall time alone says little about the code. */
static double
cpu_ms (int who)
{
  struct rusage usage;

  if (getrusage (who, &usage) != 0)
    return 0;
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* CPU time of this thread in ms, to the nanosecond: getrusage()'s
 * RUSAGE_THREAD counts in scheduler ticks (4 ms here), too coarse for one
 * search. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* CPU time of the whole process in ms, to the nanosecond: the overview
 * computes on two threads. */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0;
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  guint index;

  if (values->len == 0)
    return 0;

  g_array_sort (values, compare_double);
  index = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (index, values->len - 1));
}

/* A figure of /proc/self/status in KiB: VmRSS (resident now) or VmHWM
 * (the peak). */
static gint64
status_kib (const char *name)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, name);
  return line != NULL ? g_ascii_strtoll (line + strlen (name), NULL, 10) : -1;
}

static gint64
rss_kib (void)
{
  return status_kib ("VmRSS:");
}

/* The load of the machine, which is shared: each figure says what it
 * was measured under. */
static double
load_average (void)
{
  g_autofree char *loadavg = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    return -1;
  return g_ascii_strtod (loadavg, NULL);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

static gboolean
write_gb18030_roster (const char  *path,
                      guint        n,
                      GError     **error)
{
  g_autoptr(GPtrArray) rows = ud_generate_roster (n, 20261123);
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *encoded = NULL;
  gsize encoded_len;

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      ud_csv_append_row (csv, (const char * const *) row->pdata, row->len);
    }

  encoded = g_convert (csv->str, csv->len, "GB18030", "UTF-8", NULL, &encoded_len, error);
  if (encoded == NULL)
    return FALSE;

  return g_file_set_contents (path, encoded, encoded_len, error);
}

/* The reference: sqlite3's own .import of the same file into a table
 * with the same unique ID index and name index. */
static double
raw_sqlite_import_ms (const char  *dir,
                      const char  *csv_path,
                      double      *cpu,
                      GError     **error)
{
  g_autofree char *db_path = g_build_filename (dir, "raw.db", NULL);
  g_autofree char *import_cmd = g_strdup_printf (".import --skip 1 %s member", csv_path);
  const char *argv[] = {
    "sqlite3", db_path,
    "PRAGMA journal_mode=WAL;",
    "CREATE TABLE member (name, sex, id_number UNIQUE, phone, unit, joined_on,"
    " card_number, employment, model_worker, notes);"
    "CREATE INDEX member_name ON member (name);",
    ".mode csv",
    import_cmd,
    NULL,
  };
  int status;
  double start, cpu_start;

  g_remove (db_path);
  cpu_start = cpu_ms (RUSAGE_CHILDREN);
  start = now_ms ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return -1;

  *cpu = cpu_ms (RUSAGE_CHILDREN) - cpu_start;
  return now_ms () - start;
}

static gint64
raw_db_bytes (const char *dir)
{
  g_autofree char *db_path = g_build_filename (dir, "raw.db", NULL);

  return file_size (db_path);
}

/* The query of @klass that took the most CPU time (before its times are
 * sorted for the percentiles). */
static const char *
slowest_query (QueryClass *klass)
{
  guint slowest = 0;

  for (guint q = 1; q < klass->cpu_ms->len; q++)
    if (g_array_index (klass->cpu_ms, double, q) > g_array_index (klass->cpu_ms, double, slowest))
      slowest = q;
  return klass->queries->len > 0 ? g_ptr_array_index (klass->queries, slowest) : "";
}

static void
add_query (QueryClass *klass,
           char       *query)
{
  if (query != NULL && *query != '\0')
    g_ptr_array_add (klass->queries, query);
  else
    g_free (query);
}

static char *
utf8_prefix (const char *text,
             guint       n_chars)
{
  const char *end = text;

  for (guint i = 0; i < n_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);

  return g_strndup (text, end - text);
}

/* What a member list (UdRecordTable) asks: the first page of ids, then
 * the rest after its cursor, in the kind's order (or a search's, ranked,
 * at most @limit). */
static GArray *
list_query (UdDatabase  *db,
            const char  *text,
            const char  *sort_field,
            guint        limit,
            GError     **error)
{
  UdRecordQuery query = { &ud_kind_member, text };
  g_autoptr(UdRecordCursor) next = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) rest = NULL;

  query.sort_field = sort_field;
  query.limit = limit > 0 ? limit : 200;
  ids = ud_record_store_query (db, &query, &next, NULL, error);
  if (ids == NULL || next == NULL || limit > 0)
    return g_steal_pointer (&ids);

  query.after = next;
  query.limit = 0;
  rest = ud_record_store_query (db, &query, NULL, NULL, error);
  if (rest == NULL)
    return NULL;
  g_array_append_vals (ids, rest->data, rest->len);
  return g_steal_pointer (&ids);
}

/* bench --list-only: what the member window does first — every id in
 * name order, then the first screen of rows — with the resident memory
 * of a process that did nothing else; then that memory once the search
 * is warmed. */
static int
bench_list_open (UdCliContext *ctx)
{
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GError) error = NULL;
  double start = now_ms ();
  double ms, spent_cpu_ms;
  gint64 rss;

  db = ud_database_open (ctx->db_path, &error);
  if (db != NULL)
    ids = list_query (db, NULL, NULL, 0, &error);
  if (ids != NULL)
    first = ud_member_store_load (db, (const gint64 *) (gpointer) ids->data, MIN (ids->len, 60), &error);
  if (first == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }
  ms = now_ms () - start;
  rss = rss_kib ();
  spent_cpu_ms = cpu_ms (RUSAGE_SELF);

  /* Then what the window does next, off its main thread: the warming of
   * the search, and the memory it keeps. */
  if (!ud_member_store_warm (db, NULL, &error))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  printf ("%.3f %" G_GINT64_FORMAT " %.3f %" G_GINT64_FORMAT "\n", ms, rss, spent_cpu_ms, rss_kib ());
  return UD_CLI_OK;
}

/* bench --import-only FILE: the import as `import members` does it, in a
 * process of its own, so that its peak memory is the import's: the time
 * until its rows are committed (and found by every search), then
 * separately the search index's fill that `import members` runs before
 * it exits and the application in the background. */
static int
bench_import_only (UdCliContext *ctx,
                   const char   *csv_path,
                   gboolean      fill)
{
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdImport) import = NULL;
  g_autoptr(UdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  double start = now_ms ();
  double import_ms, import_cpu_ms, fill_start;
  gint64 import_hwm;
  guint64 left = 0;

  db = ud_database_open (ctx->db_path, &error);
  if (db != NULL)
    import = ud_import_new_from_file (&ud_kind_member, csv_path, NULL, &error);
  if (import != NULL)
    report = ud_import_run (import, db, FALSE, NULL, NULL, NULL, &error);
  if (report == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }
  import_ms = now_ms () - start;
  import_cpu_ms = cpu_ms (RUSAGE_SELF);
  import_hwm = status_kib ("VmHWM:");
  /* As `import members` does, the file's table is let go first. */
  g_clear_pointer (&import, ud_import_free);

  fill_start = now_ms ();
  if (fill && !ud_record_store_fill_indexes (db, 0, &left, NULL, &error))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  printf ("%.3f %" G_GINT64_FORMAT " %u %u %.3f %.3f %.3f %" G_GINT64_FORMAT "\n",
          import_ms, import_hwm, report->imported, report->rejected, import_cpu_ms,
          now_ms () - fill_start, cpu_ms (RUSAGE_SELF) - import_cpu_ms, status_kib ("VmHWM:"));
  return UD_CLI_OK;
}

/* Runs this program with @args after --db @db_path; its standard output. */
static char *
run_self (const char         *db_path,
          const char * const *args,
          GError            **error)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", error);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char *out = NULL;
  int status;

  if (self == NULL)
    return NULL;
  g_ptr_array_add (argv, self);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, &out, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    {
      g_free (out);
      return NULL;
    }

  return out;
}

static gboolean
measure_list_open (const char  *db_path,
                   double      *ms,
                   gint64      *rss,
                   double      *cpu,
                   gint64      *warm_rss,
                   GError     **error)
{
  const char *args[] = { "bench", "--list-only", NULL };
  g_autofree char *out = run_self (db_path, args, error);
  g_auto(GStrv) figures = NULL;

  if (out == NULL)
    return FALSE;

  figures = g_strsplit (g_strstrip (out), " ", -1);
  if (g_strv_length (figures) != 4)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "bench --list-only printed “%s”", out);
      return FALSE;
    }
  *ms = g_ascii_strtod (figures[0], NULL);
  *rss = g_ascii_strtoll (figures[1], NULL, 10);
  *cpu = g_ascii_strtod (figures[2], NULL);
  *warm_rss = g_ascii_strtoll (figures[3], NULL, 10);
  return TRUE;
}

/* ---- the server and the first sync ------------------------------------- */

/* These run only where a server is: under run-server-tests.sh, which
 * starts one on a throwaway PostgreSQL and sets UD_SERVER_BIN,
 * UD_SERVER_URL and UNIONDESK_DATABASE (`meson test --benchmark --suite
 * bench`).  They write to test districts of that throwaway database. */

static char *
server_token (const char  *server_bin,
              const char  *district,
              const char  *name,
              GError     **error)
{
  const char *argv[] = { server_bin, "token", "add", "--district", district, "--name", name, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) words = NULL;
  int status;
  guint n;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return NULL;

  words = g_strsplit_set (out, " \n\t", -1);
  for (n = g_strv_length (words); n > 0 && *words[n - 1] == '\0'; n--)
    ;
  if (n == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "token add printed no token");
      return NULL;
    }
  return g_strdup (words[n - 1]);
}

static UdDatabase *
bench_office (const char  *dir,
              const char  *name,
              const char  *district,
              GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(UdDatabase) db = ud_database_open (path, error);

  if (db == NULL || !ud_database_initialize_office (db, district, name, error))
    return NULL;
  return g_steal_pointer (&db);
}

/* Waits until the server has the district's snapshot ready: asks for it
 * once its build ahead has begun (the server waits for the pushes to
 * pause for 3 s) and drops it.  Whether the server answered the file it
 * kept (built ahead) rather than one built for this request. */
static gboolean
wait_for_build_ahead (const char  *server_url,
                      const char  *token,
                      gboolean    *kept,
                      GError     **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 600, "proxy-resolver", NULL, NULL);
  g_autofree char *uri = g_strconcat (server_url, g_str_has_suffix (server_url, "/") ? "" : "/", "api/v1/snapshot", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) body = NULL;
  const char *timing;

  if (msg == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "bad server address %s", server_url);
      return FALSE;
    }
  g_usleep (4 * G_USEC_PER_SEC);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  body = soup_session_send_and_read (session, msg, NULL, error);
  if (body == NULL)
    return FALSE;
  if (soup_message_get_status (msg) != 200)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "snapshot: HTTP %u", soup_message_get_status (msg));
      return FALSE;
    }
  timing = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Server-Timing");
  *kept = timing != NULL && strstr (timing, "cache;desc=\"kept\"") != NULL;
  return TRUE;
}

/* One office generates @members and pushes them; a new office of the same
 * district makes its first sync, page by page or from the snapshot.
 * Adds {"records", "push_s", "first_sync_s", "index_fill_s", "load_average"}.
 * From the snapshot, the office starts once the server has the file
 * ready, and "server_built_ahead" says whether the server built it ahead
 * (false: it built it for the request that waited for it, e.g. with
 * UD_SERVER_SNAPSHOT_AHEAD_RECORDS above the district's size).  The cold
 * first sync, the server building the file for the office's request, is
 * bench-sync's --cold (tests/sync/bench-sync.c). */
static gboolean
bench_first_sync (JsonBuilder  *out,
                  const char   *dir,
                  const char   *server_bin,
                  const char   *server_url,
                  const char   *district,
                  guint         members,
                  gboolean      snapshot,
                  GError      **error)
{
  g_autofree char *name_a = g_strdup_printf ("sync-%s-a.db", district);
  g_autofree char *name_b = g_strdup_printf ("sync-%s-b.db", district);
  g_autofree char *token_a = server_token (server_bin, district, name_a, error);
  g_autofree char *token_b = token_a != NULL ? server_token (server_bin, district, name_b, error) : NULL;
  g_autoptr(UdDatabase) a = NULL;
  g_autoptr(UdDatabase) b = NULL;
  g_autoptr(UdSyncClient) client_a = NULL;
  g_autoptr(UdSyncClient) client_b = NULL;
  UdSyncSummary pushed, pulled;
  double start, push_ms, sync_ms, fill_ms, load;
  gboolean built_ahead = FALSE;
  gint64 records;

  if (token_b == NULL ||
      (a = bench_office (dir, name_a, district, error)) == NULL ||
      (b = bench_office (dir, name_b, district, error)) == NULL ||
      !ud_generate_members (a, members, 20261124, error))
    return FALSE;
  records = ud_database_outbox_count (a);

  client_a = ud_sync_client_new (a, server_url, token_a);
  start = now_ms ();
  if (!ud_sync_client_run (client_a, &pushed, NULL, error))
    return FALSE;
  push_ms = now_ms () - start;

  /* From the snapshot: once the server has the file ready, as a new
   * office normally finds it (built ahead after the push). */
  if (snapshot && !wait_for_build_ahead (server_url, token_b, &built_ahead, error))
    return FALSE;

  client_b = ud_sync_client_new (b, server_url, token_b);
  ud_sync_client_set_use_snapshot (client_b, snapshot);
  load = load_average ();
  start = now_ms ();
  if (!ud_sync_client_run (client_b, &pulled, NULL, error))
    return FALSE;
  sync_ms = now_ms () - start;
  /* The search postings and sort indexes a snapshot leaves to be built
   * after its commit (searches right meanwhile): measured apart. */
  start = now_ms ();
  if (!ud_record_store_fill_indexes (b, 0, NULL, NULL, error))
    return FALSE;
  fill_ms = now_ms () - start;

  if (pulled.applied != records || ud_member_store_count (b) != (gint64) members)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the first sync applied %u of %" G_GINT64_FORMAT " records", pulled.applied, records);
      return FALSE;
    }

  json_builder_begin_object (out);
  json_builder_set_member_name (out, "records");
  json_builder_add_int_value (out, records);
  json_builder_set_member_name (out, "push_s");
  json_builder_add_double_value (out, push_ms / 1000.0);
  json_builder_set_member_name (out, "first_sync_s");
  json_builder_add_double_value (out, sync_ms / 1000.0);
  json_builder_set_member_name (out, "index_fill_s");
  json_builder_add_double_value (out, fill_ms / 1000.0);
  if (snapshot)
    {
      json_builder_set_member_name (out, "server_built_ahead");
      json_builder_add_boolean_value (out, built_ahead);
    }
  json_builder_set_member_name (out, "budget_s");
  json_builder_add_double_value (out, snapshot ? 30.0 * members / 1000000.0 : 10.0 * members / 100000.0);
  json_builder_set_member_name (out, "load_average");
  json_builder_add_double_value (out, load);
  json_builder_end_object (out);

  return TRUE;
}

/* `uniondesk-server bench` (50 offices pushing at once), as it prints it. */
static gboolean
bench_server_push (JsonBuilder  *out,
                   const char   *server_bin,
                   GError      **error)
{
  const char *argv[] = { server_bin, "bench", NULL };
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &text, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error) ||
      !json_parser_load_from_data (parser, text, -1, error))
    return FALSE;

  json_builder_add_value (out, json_node_copy (json_parser_get_root (parser)));
  return TRUE;
}

static gint64
count_rows (UdDatabase *db,
            const char *sql)
{
  sqlite3_stmt *stmt = ud_database_prepare (db, sql, NULL);
  gint64 n = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return n;
}

/* The hardship archives and aid payments of the overview's budget, made
 * by SQL from the generated roll (the first @archives members each an
 * archive, two payments each up to @payments): generated data only,
 * never an office's. */
static gboolean
fill_overview (UdDatabase  *db,
               int          archives,
               int          payments,
               GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 have_archives = count_rows (db, "SELECT count (*) FROM hardship_archive");
  gint64 have_payments = count_rows (db, "SELECT count (*) FROM aid_payment");

  /* A roll kept by an earlier run (--keep DIR --reuse) has its archives
   * and payments already: only what is missing is added. */
  if (have_archives < 0 || have_payments < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not count the hardship archives and aid payments."));
      return FALSE;
    }
  if (have_archives >= archives && have_payments >= payments)
    {
      fprintf (stderr, "bench: reusing %" G_GINT64_FORMAT " hardship archives and %" G_GINT64_FORMAT " aid payments…\n",
               have_archives, have_payments);
      return TRUE;
    }
  fprintf (stderr, "bench: %" G_GINT64_FORMAT " hardship archives and %" G_GINT64_FORMAT " aid payments to add…\n",
           MAX (archives - have_archives, 0), MAX (payments - have_payments, 0));

  if (!ud_aid_ensure_programmes (db, error) || !ud_database_begin (db, error))
    return FALSE;
  stmt = ud_database_prepare (db,
                              "INSERT INTO hardship_archive (uuid, district, hlc, updated_at, updated_by, serial,"
                              " member_uuid, member_name, id_number, street, application_date, category, status,"
                              " archived_on, left_on)"
                              " SELECT 'bench-a-' || m.id, m.district, m.hlc, m.updated_at, 'bench', 'bench-' || m.id,"
                              " m.uuid, m.name, m.id_number, '街道' || (m.id % 12),"
                              " printf ('%04d-%02d-01', 2022 + m.id % 3, 1 + m.id % 12),"
                              " CASE m.id % 3 WHEN 0 THEN 'deep' WHEN 1 THEN 'relative' ELSE 'accident' END,"
                              " CASE WHEN m.id % 10 = 0 THEN 'left' ELSE 'archived' END,"
                              " printf ('%04d-%02d-%02d', 2022 + m.id % 3, 1 + m.id % 12, 1 + m.id % 28),"
                              " CASE WHEN m.id % 10 = 0 THEN printf ('2024-%02d-15', 1 + m.id % 12) ELSE '' END"
                              " FROM member m WHERE m.deleted = 0"
                              " AND NOT EXISTS (SELECT 1 FROM hardship_archive h WHERE h.uuid = 'bench-a-' || m.id)"
                              " ORDER BY m.id LIMIT ?1",
                              error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, MAX (archives - have_archives, 0));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      ud_database_set_error (db, error, "bench archives");
      goto failed;
    }
  sqlite3_reset (stmt);

  stmt = ud_database_prepare (db,
                              "INSERT INTO aid_payment (uuid, district, hlc, updated_at, updated_by, batch_uuid, line,"
                              " recipient_kind, recipient_uuid, name, id_number, recipient_class, amount, programme_uuid,"
                              " year, status, paid_on, method)"
                              " SELECT 'bench-p-' || a.id || '-' || n.k, a.district, a.hlc, a.updated_at, 'bench', 'bench', a.id,"
                              " 'hardship_archive', a.uuid, a.member_name, a.id_number, 'archived_household',"
                              " 100000 + 50000 * n.k, p.uuid, 2023 + n.k, 'paid',"
                              " printf ('%04d-%02d-%02d', 2023 + n.k, 1 + a.id % 12, 1 + a.id % 28), 'cash'"
                              " FROM hardship_archive a"
                              " CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1) n"
                              " JOIN aid_programme p ON p.id = 1 + (a.id + n.k) % (SELECT count (*) FROM aid_programme)"
                              " WHERE NOT EXISTS (SELECT 1 FROM aid_payment x WHERE x.uuid = 'bench-p-' || a.id || '-' || n.k)"
                              " ORDER BY a.id, n.k LIMIT ?1",
                              error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, MAX (payments - have_payments, 0));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      ud_database_set_error (db, error, "bench payments");
      goto failed;
    }
  sqlite3_reset (stmt);

  return ud_database_commit (db, error) && ud_database_exec (db, "ANALYZE", error);

failed:
  ud_database_rollback (db);
  return FALSE;
}

/* The overview of DESIGN §9 and issue 11 (≤ 300 ms): the year's figures
 * and today's work, as the window's worker computes them, on a roll of
 * @members with @archives archives and @payments payments. */
static gboolean
bench_overview (JsonBuilder  *out,
                UdDatabase   *db,
                gboolean      reused,
                int           archives,
                int           payments,
                GError      **error)
{
  GArray *ms = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *thread_ms = g_array_new (FALSE, FALSE, sizeof (double));
  UdReportScope scope = { 2024, 0, 0, NULL };
  double load, start;

  if (!fill_overview (db, archives, payments, error))
    {
      g_array_unref (ms);
      g_array_unref (cpu_ms);
      g_array_unref (thread_ms);
      return FALSE;
    }

  fprintf (stderr, "bench: overview…\n");
  load = load_average ();
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(UdReport) report = NULL;
      double one, cpu, thread;

      start = now_ms ();
      cpu = process_cpu_ms ();
      thread = thread_cpu_ms ();
      report = ud_report_compute (db, &scope, TRUE, NULL, error);
      if (report == NULL)
        {
          g_array_unref (ms);
          g_array_unref (cpu_ms);
          g_array_unref (thread_ms);
          return FALSE;
        }
      one = now_ms () - start;
      cpu = process_cpu_ms () - cpu;
      thread = thread_cpu_ms () - thread;
      g_array_append_val (ms, one);
      g_array_append_val (cpu_ms, cpu);
      g_array_append_val (thread_ms, thread);
    }

  json_builder_begin_object (out);
  /* Whether the roll is one an earlier run kept (--keep DIR --reuse). */
  json_builder_set_member_name (out, "reused");
  json_builder_add_boolean_value (out, reused);
  json_builder_set_member_name (out, "members");
  json_builder_add_int_value (out, ud_member_store_count (db));
  json_builder_set_member_name (out, "archives");
  json_builder_add_int_value (out, count_rows (db, "SELECT count (*) FROM hardship_archive"));
  json_builder_set_member_name (out, "payments");
  json_builder_add_int_value (out, count_rows (db, "SELECT count (*) FROM aid_payment"));
  json_builder_set_member_name (out, "first_ms");
  json_builder_add_double_value (out, g_array_index (ms, double, 0));
  json_builder_set_member_name (out, "median_ms");
  json_builder_add_double_value (out, percentile (ms, 0.5));
  json_builder_set_member_name (out, "max_ms");
  json_builder_add_double_value (out, percentile (ms, 1.0));
  /* The machine is shared: the processor time says what the figures
   * cost whatever else runs — of both threads that compute them (the
   * process does nothing else meanwhile), and of the worker's own. */
  json_builder_set_member_name (out, "cpu_median_ms");
  json_builder_add_double_value (out, percentile (cpu_ms, 0.5));
  json_builder_set_member_name (out, "thread_cpu_median_ms");
  json_builder_add_double_value (out, percentile (thread_ms, 0.5));
  json_builder_set_member_name (out, "budget_ms");
  json_builder_add_double_value (out, 300);
  json_builder_set_member_name (out, "load_average");
  json_builder_add_double_value (out, load);
  json_builder_end_object (out);
  g_array_unref (ms);
  g_array_unref (cpu_ms);
  g_array_unref (thread_ms);

  return TRUE;
}

/* Removes the database at @path and what SQLite and UdDatabase keep
 * beside it, so that a roll is generated afresh. */
static gboolean
remove_database (const char  *path,
                 GError     **error)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal", ".lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_remove (file) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not remove “%s”: %s."), file, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

/* The generated roll at @db_path: with @reuse, the one an earlier run
 * kept there (the members generated only if that run left none);
 * otherwise a new one.  *@members is the roll's size on return. */
static UdDatabase *
open_roll (const char  *db_path,
           gboolean     reuse,
           int         *members,
           gboolean    *reused,
           GError     **error)
{
  g_autoptr(UdDatabase) db = NULL;
  gint64 have = 0;

  *reused = FALSE;
  if (!reuse || !g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      if (!remove_database (db_path, error))
        return NULL;
    }
  if ((db = ud_database_open (db_path, error)) == NULL)
    return NULL;
  if (!ud_database_is_initialized (db) &&
      !ud_database_initialize_office (db, "110118", "Bench", error))
    return NULL;

  have = ud_member_store_count (db);
  if (have > 0 && reuse)
    {
      fprintf (stderr, "bench: reusing %s, %" G_GINT64_FORMAT " members…\n", db_path, have);
      *members = (int) have;
      *reused = TRUE;
      return g_steal_pointer (&db);
    }

  fprintf (stderr, "bench: generating %d members…\n", *members);
  if (!ud_generate_members (db, (guint) *members, 4242, error))
    return NULL;
  return g_steal_pointer (&db);
}

int
ud_cli_bench (UdCliContext  *ctx,
              int            argc,
              char         **argv)
{
  int members = 1000000;
  int import_rows = 100000;
  int queries_per_class = 40;
  int sync_paged = 100000;
  int sync_snapshot = 1000000;
  int certificates = 1000;
  gboolean certificates_only = FALSE;
  gboolean sync_only = FALSE;
  g_autofree char *keep = NULL;
  gboolean list_only = FALSE;
  gboolean reuse = FALSE;
  gboolean skip_import = FALSE;
  gboolean overview_only = FALSE;
  int archives = 50000;
  int payments = 100000;
  g_autofree char *import_only = NULL;
  gboolean no_index_fill = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  /* The step under way and its file, named by any error. */
  const char *step = NULL;
  g_autofree char *where = NULL;
  g_autoptr(JsonBuilder) out_json = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const GOptionEntry entries[] = {
    { "members", 0, 0, G_OPTION_ARG_INT, &members, N_("Members in the search and list benchmark (default 1,000,000)"), N_("N") },
    { "import-rows", 0, 0, G_OPTION_ARG_INT, &import_rows, N_("Rows in the import benchmark (default 100,000)"), N_("N") },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, N_("Keep the generated databases in this folder"), N_("DIR") },
    { "sync-records", 0, 0, G_OPTION_ARG_INT, &sync_paged, N_("Members in the first sync page by page, when a server runs (default 100,000)"), N_("N") },
    { "snapshot-records", 0, 0, G_OPTION_ARG_INT, &sync_snapshot, N_("Members in the first sync from the snapshot, when a server runs (default 1,000,000)"), N_("N") },
    { "archives", 0, 0, G_OPTION_ARG_INT, &archives, N_("Hardship archives in the overview benchmark (default 50,000)"), N_("N") },
    { "payments", 0, 0, G_OPTION_ARG_INT, &payments, N_("Aid payments in the overview benchmark (default 100,000)"), N_("N") },
    { "overview-only", 0, 0, G_OPTION_ARG_NONE, &overview_only, N_("Measure only the overview (generating its roll)"), NULL },
    { "certificates", 0, 0, G_OPTION_ARG_INT, &certificates, N_("Plaque certificates printed into one PDF (default 1,000)"), N_("N") },
    { "certificates-only", 0, 0, G_OPTION_ARG_NONE, &certificates_only, N_("Measure only the certificates"), NULL },
    { "sync-only", 0, 0, G_OPTION_ARG_NONE, &sync_only, N_("Measure only the server and the first syncs (when a server runs)"), NULL },
    { "list-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &list_only, NULL, NULL },
    { "import-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &import_only, NULL, NULL },
    /* With --import-only: leaves the fill to a later run, to measure
     * searches while it waits (reported as 0 s). */
    { "no-index-fill", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &no_index_fill, NULL, NULL },
    { "reuse", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &reuse, NULL, NULL },
    { "no-import", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &skip_import, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1 || members < 1 || import_rows < 1 ||
      sync_paged < 1 || sync_snapshot < 1 || certificates < 1 ||
      archives < 1 || payments < 1 || archives > members || payments > 2 * archives)
    return ud_cli_usage ("bench [--members N] [--import-rows N] [--archives N] [--payments N] [--overview-only] [--keep DIR] [--sync-records N] [--snapshot-records N] [--certificates N] [--certificates-only] [--sync-only]");

  if (list_only)
    return bench_list_open (ctx);
  if (import_only != NULL)
    return bench_import_only (ctx, import_only, !no_index_fill);

  if (keep != NULL)
    {
      if (g_mkdir_with_parents (keep, 0700) != 0)
        {
          ud_cli_fail (_("Could not create the folder “%s”."), keep);
          return UD_CLI_FAILED;
        }
      dir = g_strdup (keep);
    }
  else
    dir = g_dir_make_tmp ("uniondesk-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  json_builder_begin_object (out_json);

  if (overview_only)
    {
      g_autoptr(UdDatabase) db = NULL;
      gboolean reused;

      step = "overview";
      where = g_build_filename (dir, "overview.db", NULL);
      if ((db = open_roll (where, reuse, &members, &reused, &error)) == NULL)
        goto failed;
      json_builder_set_member_name (out_json, "overview");
      if (!bench_overview (out_json, db, reused, archives, payments, &error))
        goto failed;
      goto done;
    }

  /* --sync-only: the server's push and the first syncs alone (the
   * snapshot of a million records takes minutes to prepare already). */
  if (sync_only)
    goto sync;

  /* 0. One approval form to PDF (DESIGN §9: ≤ 50 ms, ≤ 300 KB). */
  if (!certificates_only)
  {
    gsize pdf_bytes = 0;
    double form_ms;

    step = "form";
    fprintf (stderr, "bench: approval form to PDF…\n");
    form_ms = ud_illness_form_bench (20, &pdf_bytes);
    if (form_ms < 0)
      goto failed;

    json_builder_set_member_name (out_json, "form");
    json_builder_begin_object (out_json);
    json_builder_set_member_name (out_json, "ms");
    json_builder_add_double_value (out_json, form_ms);
    json_builder_set_member_name (out_json, "budget_ms");
    json_builder_add_double_value (out_json, 50);
    json_builder_set_member_name (out_json, "pdf_bytes");
    json_builder_add_int_value (out_json, (gint64) pdf_bytes);
    json_builder_set_member_name (out_json, "budget_pdf_bytes");
    json_builder_add_int_value (out_json, 300 * 1024);
    json_builder_end_object (out_json);
  }

  /* Plaque certificates, landscape, into one PDF (issue 10: 1,000 in
   * ≤ 5 s, the fonts embedded once). */
  {
    g_autofree char *pdf_path = g_build_filename (dir, "certificates.pdf", NULL);
    gsize pdf_bytes = 0;
    double ms, spent_cpu_ms;

    step = "certificates";
    g_free (where);
    where = g_strdup (pdf_path);
    fprintf (stderr, "bench: %d plaque certificates to one PDF…\n", certificates);
    spent_cpu_ms = cpu_ms (RUSAGE_SELF);
    ms = ud_room_certificates_bench ((guint) certificates, pdf_path, &pdf_bytes, &error);
    spent_cpu_ms = cpu_ms (RUSAGE_SELF) - spent_cpu_ms;
    if (ms < 0)
      goto failed;

    json_builder_set_member_name (out_json, "certificates");
    json_builder_begin_object (out_json);
    json_builder_set_member_name (out_json, "count");
    json_builder_add_int_value (out_json, certificates);
    json_builder_set_member_name (out_json, "ms");
    json_builder_add_double_value (out_json, ms);
    /* The processor time too: on a shared machine the wall clock also
     * counts the others' work. */
    json_builder_set_member_name (out_json, "cpu_ms");
    json_builder_add_double_value (out_json, spent_cpu_ms);
    json_builder_set_member_name (out_json, "budget_ms");
    json_builder_add_double_value (out_json, 5000.0 * certificates / 1000);
    json_builder_set_member_name (out_json, "pdf_bytes");
    json_builder_add_int_value (out_json, (gint64) pdf_bytes);
    json_builder_end_object (out_json);
    if (keep == NULL)
      g_unlink (pdf_path);
  }
  if (certificates_only)
    goto done;

  /* 1. Import from a GB18030 CSV, against sqlite3's own .import, in a
   * process of its own (its peak memory is the import's). */
  if (!skip_import)
  {
    g_autofree char *csv_path = g_build_filename (dir, "roster-gb18030.csv", NULL);
    g_autofree char *db_path = g_build_filename (dir, "import.db", NULL);
    g_autofree char *out = NULL;
    const char *args[] = { "bench", "--import-only", csv_path, NULL };
    g_auto(GStrv) figures = NULL;
    double import_ms, import_cpu_ms, raw_ms, raw_cpu_ms = 0, load, fill_ms, fill_cpu_ms;

    step = "import";
    g_free (where);
    where = g_strdup (db_path);
    fprintf (stderr, "bench: import of %d rows…\n", import_rows);
    /* Always into an empty office, --reuse or not: the import is what is
     * measured, and into a kept one it would find every row there. */
    if (!write_gb18030_roster (csv_path, (guint) import_rows, &error) ||
        !remove_database (db_path, &error))
      goto failed;
    {
      g_autoptr(UdDatabase) db = ud_database_open (db_path, &error);

      if (db == NULL || !ud_database_initialize_office (db, "110118", "Bench", &error))
        goto failed;
    }

    load = load_average ();
    out = run_self (db_path, args, &error);
    if (out == NULL)
      goto failed;
    figures = g_strsplit (g_strstrip (out), " ", -1);
    if (g_strv_length (figures) != 8)
      {
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "bench --import-only printed “%s”", out);
        goto failed;
      }
    import_ms = g_ascii_strtod (figures[0], NULL);
    import_cpu_ms = g_ascii_strtod (figures[4], NULL);
    fill_ms = g_ascii_strtod (figures[5], NULL);
    fill_cpu_ms = g_ascii_strtod (figures[6], NULL);

    raw_ms = raw_sqlite_import_ms (dir, csv_path, &raw_cpu_ms, &error);
    if (raw_ms < 0)
      goto failed;

    json_builder_set_member_name (out_json, "import");
    json_builder_begin_object (out_json);
    json_builder_set_member_name (out_json, "rows");
    json_builder_add_int_value (out_json, import_rows);
    json_builder_set_member_name (out_json, "imported");
    json_builder_add_int_value (out_json, g_ascii_strtoll (figures[2], NULL, 10));
    json_builder_set_member_name (out_json, "rejected");
    json_builder_add_int_value (out_json, g_ascii_strtoll (figures[3], NULL, 10));
    json_builder_set_member_name (out_json, "seconds");
    json_builder_add_double_value (out_json, import_ms / 1000.0);
    json_builder_set_member_name (out_json, "sqlite3_import_seconds");
    json_builder_add_double_value (out_json, raw_ms / 1000.0);
    json_builder_set_member_name (out_json, "ratio_to_sqlite3");
    json_builder_add_double_value (out_json, import_ms / raw_ms);
    json_builder_set_member_name (out_json, "cpu_seconds");
    json_builder_add_double_value (out_json, import_cpu_ms / 1000.0);
    json_builder_set_member_name (out_json, "sqlite3_import_cpu_seconds");
    json_builder_add_double_value (out_json, raw_cpu_ms / 1000.0);
    json_builder_set_member_name (out_json, "cpu_ratio_to_sqlite3");
    json_builder_add_double_value (out_json, raw_cpu_ms > 0 ? import_cpu_ms / raw_cpu_ms : 0);
    json_builder_set_member_name (out_json, "budget_ratio");
    json_builder_add_double_value (out_json, 3.0);
    /* The search index's fill after the commit, not in the figures above. */
    json_builder_set_member_name (out_json, "index_fill_seconds");
    json_builder_add_double_value (out_json, fill_ms / 1000.0);
    json_builder_set_member_name (out_json, "index_fill_cpu_seconds");
    json_builder_add_double_value (out_json, fill_cpu_ms / 1000.0);
    json_builder_set_member_name (out_json, "with_index_fill_cpu_ratio_to_sqlite3");
    json_builder_add_double_value (out_json, raw_cpu_ms > 0 ? (import_cpu_ms + fill_cpu_ms) / raw_cpu_ms : 0);
    json_builder_set_member_name (out_json, "peak_rss_kib");
    json_builder_add_int_value (out_json, g_ascii_strtoll (figures[1], NULL, 10));
    json_builder_set_member_name (out_json, "with_index_fill_peak_rss_kib");
    json_builder_add_int_value (out_json, g_ascii_strtoll (figures[7], NULL, 10));
    json_builder_set_member_name (out_json, "budget_peak_rss_kib");
    json_builder_add_int_value (out_json, 120 * 1024);
    json_builder_set_member_name (out_json, "database_bytes");
    json_builder_add_int_value (out_json, file_size (db_path));
    json_builder_set_member_name (out_json, "sqlite3_database_bytes");
    json_builder_add_int_value (out_json, raw_db_bytes (dir));
    json_builder_set_member_name (out_json, "load_average");
    json_builder_add_double_value (out_json, load);
    json_builder_end_object (out_json);
  }

  /* 2. The member list and search over a big roll. */
  {
    g_autofree char *db_path = g_build_filename (dir, "search.db", NULL);
    g_autoptr(UdDatabase) db = NULL;
    g_autoptr(GPtrArray) roster = NULL;
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);
    QueryClass classes[] = {
      { "surname_1_char" }, { "name_2_chars" }, { "full_name" }, { "pinyin_initials" },
      { "full_pinyin" }, { "id_fragment_6" }, { "phone_last_4" }, { "unit_2_chars" },
    };
    GArray *all_ms = g_array_new (FALSE, FALSE, sizeof (double));
    GArray *all_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
    gboolean reused;
    double start, cpu_start, generate_ms, generate_cpu_ms, list_ms, list_cpu_ms, sort_unit_ms, warm_ms, warm_cpu_ms, load;
    gint64 list_rss, warm_rss, db_bytes;

    step = "members";
    g_free (where);
    where = g_strdup (db_path);
    start = now_ms ();
    cpu_start = cpu_ms (RUSAGE_SELF);
    /* --keep DIR --reuse: the roll generated by an earlier run (then
     * generate_seconds is only its opening). */
    if ((db = open_roll (db_path, reuse, &members, &reused, &error)) == NULL)
      goto failed;
    generate_ms = now_ms () - start;
    generate_cpu_ms = cpu_ms (RUSAGE_SELF) - cpu_start;
    /* The size of the file as the office would copy it: everything in
     * the database file, the write-ahead log emptied into it. */
    if (!ud_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error))
      goto failed;
    db_bytes = file_size (db_path);
    /* A kept roll has grown by the overview's archives and payments since:
     * its size is the one measured when it was generated. */
    if (!reused)
      {
        g_autofree char *bytes = g_strdup_printf ("%" G_GINT64_FORMAT, db_bytes);

        if (!ud_database_set_meta (db, "bench_roll_bytes", bytes, &error))
          goto failed;
      }
    else
      {
        g_autofree char *bytes = ud_database_get_meta (db, "bench_roll_bytes");

        if (bytes != NULL)
          db_bytes = g_ascii_strtoll (bytes, NULL, 10);
      }
    /* Queries are drawn from the same generator's rows. */
    roster = ud_generate_roster (MIN ((guint) members, 20000), 4242);

    /* Opening the list is measured in a fresh process, as the window
     * would do it, so that its memory is not the generator's. */
    g_clear_object (&db);
    if (!measure_list_open (db_path, &list_ms, &list_rss, &list_cpu_ms, &warm_rss, &error))
      goto failed;
    db = ud_database_open (db_path, &error);
    if (db == NULL)
      goto failed;
    /* The window opens the list before anyone types (its ordered roll is
     * what the searches then walk) and warms what the first search needs,
     * off the main thread. */
    {
      g_autoptr(GArray) everyone = list_query (db, NULL, NULL, 0, &error);

      if (everyone == NULL)
        goto failed;
      start = now_ms ();
      cpu_start = thread_cpu_ms ();
      if (!ud_member_store_warm (db, NULL, &error))
        goto failed;
      warm_ms = now_ms () - start;
      warm_cpu_ms = thread_cpu_ms () - cpu_start;
    }
    /* A click on the work-unit column: the whole roll in another order. */
    {
      g_autoptr(GArray) sorted = NULL;

      start = now_ms ();
      sorted = list_query (db, NULL, "unit", 0, &error);
      if (sorted == NULL)
        goto failed;
      sort_unit_ms = now_ms () - start;
    }
    /* …and back to the order by name, in which the clerk searches. */
    {
      g_autoptr(GArray) sorted = list_query (db, NULL, NULL, 0, &error);

      if (sorted == NULL)
        goto failed;
    }

    for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
      {
        classes[c].queries = g_ptr_array_new_with_free_func (g_free);
        classes[c].ms = g_array_new (FALSE, FALSE, sizeof (double));
        classes[c].cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
      }

    for (int q = 0; q < queries_per_class; q++)
      {
        GPtrArray *row = g_ptr_array_index (roster, g_rand_int_range (rand, 1, (gint32) roster->len));
        const char *name = g_ptr_array_index (row, 0);
        const char *id = g_ptr_array_index (row, 2);
        const char *phone = g_ptr_array_index (row, 3);
        const char *unit = g_ptr_array_index (row, 4);
        g_autofree char *pinyin = NULL;
        g_autofree char *initials = NULL;

        ud_pinyin_for_name (name, &pinyin, &initials);
        add_query (&classes[0], utf8_prefix (name, 1));
        add_query (&classes[1], utf8_prefix (name, 2));
        add_query (&classes[2], g_strdup (name));
        add_query (&classes[3], g_strdup (initials));
        add_query (&classes[4], g_strdup (pinyin));
        add_query (&classes[5], g_strndup (id + 6, 6));
        add_query (&classes[6], g_strdup (phone + 7));
        add_query (&classes[7], g_utf8_substring (unit, 2, 4));
      }

    step = "search";
    fprintf (stderr, "bench: searching…\n");
    load = load_average ();
    for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
      for (guint q = 0; q < classes[c].queries->len; q++)
        {
          g_autoptr(GArray) found = NULL;
          g_autoptr(GPtrArray) page = NULL;
          double ms, cpu;

          /* What the list needs as you type: the matches, ranked, as far
           * as "1,000+", and the first screen of rows. */
          start = now_ms ();
          cpu_start = thread_cpu_ms ();
          found = list_query (db, g_ptr_array_index (classes[c].queries, q), NULL,
                              UD_MEMBER_SEARCH_CAP + 1, &error);
          if (found == NULL)
            goto failed;
          page = ud_member_store_load (db, (const gint64 *) (gpointer) found->data, MIN (found->len, 60), &error);
          if (page == NULL)
            goto failed;
          ms = now_ms () - start;
          cpu = thread_cpu_ms () - cpu_start;
          g_array_append_val (classes[c].ms, ms);
          g_array_append_val (all_ms, ms);
          g_array_append_val (classes[c].cpu_ms, cpu);
          g_array_append_val (all_cpu_ms, cpu);
        }

    json_builder_set_member_name (out_json, "members");
    json_builder_begin_object (out_json);
    json_builder_set_member_name (out_json, "reused");
    json_builder_add_boolean_value (out_json, reused);
    json_builder_set_member_name (out_json, "count");
    json_builder_add_int_value (out_json, members);
    json_builder_set_member_name (out_json, "generate_seconds");
    json_builder_add_double_value (out_json, generate_ms / 1000.0);
    json_builder_set_member_name (out_json, "generate_cpu_seconds");
    json_builder_add_double_value (out_json, generate_cpu_ms / 1000.0);
    json_builder_set_member_name (out_json, "list_open_ms");
    json_builder_add_double_value (out_json, list_ms);
    json_builder_set_member_name (out_json, "list_open_cpu_ms");
    json_builder_add_double_value (out_json, list_cpu_ms);
    json_builder_set_member_name (out_json, "list_open_budget_ms");
    json_builder_add_double_value (out_json, 500);
    json_builder_set_member_name (out_json, "list_sort_by_unit_ms");
    json_builder_add_double_value (out_json, sort_unit_ms);
    json_builder_set_member_name (out_json, "list_rss_kib");
    json_builder_add_int_value (out_json, list_rss);
    json_builder_set_member_name (out_json, "list_rss_budget_kib");
    json_builder_add_int_value (out_json, 250 * 1024);
    json_builder_set_member_name (out_json, "warm_search_ms");
    json_builder_add_double_value (out_json, warm_ms);
    json_builder_set_member_name (out_json, "warm_search_cpu_ms");
    json_builder_add_double_value (out_json, warm_cpu_ms);
    /* The list process's memory once the search is warmed too. */
    json_builder_set_member_name (out_json, "warm_rss_kib");
    json_builder_add_int_value (out_json, warm_rss);
    json_builder_set_member_name (out_json, "database_bytes");
    json_builder_add_int_value (out_json, db_bytes);
    json_builder_set_member_name (out_json, "database_bytes_per_member");
    json_builder_add_double_value (out_json, (double) db_bytes / members);
    json_builder_set_member_name (out_json, "database_budget_bytes_per_member");
    json_builder_add_int_value (out_json, 500);
    json_builder_end_object (out_json);

    json_builder_set_member_name (out_json, "search");
    json_builder_begin_object (out_json);
    json_builder_set_member_name (out_json, "p95_ms");
    json_builder_add_double_value (out_json, percentile (all_ms, 0.95));
    json_builder_set_member_name (out_json, "max_ms");
    json_builder_add_double_value (out_json, percentile (all_ms, 1.0));
    json_builder_set_member_name (out_json, "cpu_p95_ms");
    json_builder_add_double_value (out_json, percentile (all_cpu_ms, 0.95));
    json_builder_set_member_name (out_json, "cpu_max_ms");
    json_builder_add_double_value (out_json, percentile (all_cpu_ms, 1.0));
    json_builder_set_member_name (out_json, "budget_p95_ms");
    json_builder_add_double_value (out_json, 10);
    json_builder_set_member_name (out_json, "budget_max_ms");
    json_builder_add_double_value (out_json, 50);
    json_builder_set_member_name (out_json, "limit");
    json_builder_add_int_value (out_json, UD_MEMBER_SEARCH_CAP + 1);
    json_builder_set_member_name (out_json, "load_average");
    json_builder_add_double_value (out_json, load);
    json_builder_set_member_name (out_json, "classes");
    json_builder_begin_object (out_json);
    for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
      {
        const char *slowest = slowest_query (&classes[c]);

        json_builder_set_member_name (out_json, classes[c].name);
        json_builder_begin_object (out_json);
        json_builder_set_member_name (out_json, "p50_ms");
        json_builder_add_double_value (out_json, percentile (classes[c].ms, 0.5));
        json_builder_set_member_name (out_json, "p95_ms");
        json_builder_add_double_value (out_json, percentile (classes[c].ms, 0.95));
        json_builder_set_member_name (out_json, "max_ms");
        json_builder_add_double_value (out_json, percentile (classes[c].ms, 1.0));
        json_builder_set_member_name (out_json, "cpu_p95_ms");
        json_builder_add_double_value (out_json, percentile (classes[c].cpu_ms, 0.95));
        json_builder_set_member_name (out_json, "cpu_max_ms");
        json_builder_add_double_value (out_json, percentile (classes[c].cpu_ms, 1.0));
        json_builder_set_member_name (out_json, "slowest_cpu");
        json_builder_add_string_value (out_json, slowest);
        json_builder_set_member_name (out_json, "example");
        json_builder_add_string_value (out_json, g_ptr_array_index (classes[c].queries, 0));
        json_builder_end_object (out_json);
        g_ptr_array_unref (classes[c].queries);
        g_array_unref (classes[c].ms);
        g_array_unref (classes[c].cpu_ms);
      }
    json_builder_end_object (out_json);
    json_builder_end_object (out_json);
    g_array_unref (all_ms);
    g_array_unref (all_cpu_ms);

    /* 3. The overview on the same roll (its archives and payments
     * added only where the kept roll lacks them). */
    step = "overview";
    json_builder_set_member_name (out_json, "overview");
    if (!bench_overview (out_json, db, reused, archives, payments, &error))
      goto failed;
  }

  /* 4. The server (50 offices pushing) and first syncs over loopback. */
sync:
  if (g_getenv ("UD_SERVER_BIN") != NULL && g_getenv ("UD_SERVER_URL") != NULL)
    {
      const char *server_bin = g_getenv ("UD_SERVER_BIN");
      const char *server_url = g_getenv ("UD_SERVER_URL");

      step = "server_push";
      g_free (where);
      where = g_strdup (server_url);
      fprintf (stderr, "bench: server, 50 offices pushing…\n");
      json_builder_set_member_name (out_json, "server_push");
      if (!bench_server_push (out_json, server_bin, &error))
        goto failed;

      fprintf (stderr, "bench: first sync of %d records, page by page…\n", sync_paged);
      step = "first_sync_paged";
      json_builder_set_member_name (out_json, "first_sync_paged");
      if (!bench_first_sync (out_json, dir, server_bin, server_url, "990021", (guint) sync_paged, FALSE, &error))
        goto failed;

      fprintf (stderr, "bench: first sync of %d records from the snapshot…\n", sync_snapshot);
      step = "first_sync_snapshot";
      json_builder_set_member_name (out_json, "first_sync_snapshot");
      if (!bench_first_sync (out_json, dir, server_bin, server_url, "990022", (guint) sync_snapshot, TRUE, &error))
        goto failed;
    }

done:
  json_builder_end_object (out_json);
  root = json_builder_get_root (out_json);
  ud_cli_print_json (root);

  if (keep == NULL)
  {
    g_autoptr(GFile) tmp = g_file_new_for_path (dir);
    g_autoptr(GFileEnumerator) children =
      g_file_enumerate_children (tmp, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
    GFileInfo *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (tmp, g_file_info_get_name (info));

        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (tmp, NULL, NULL);
  }

  return UD_CLI_OK;

failed:
  /* What failed, in which step and on which file: never an exit without
   * the figures and without a word. */
  if (error == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("the step did not complete"));
  if (where != NULL)
    ud_cli_fail (_("Benchmark step “%s” on %s: %s"), step, where, error->message);
  else
    ud_cli_fail (_("Benchmark step “%s”: %s"), step != NULL ? step : "setup", error->message);
  return UD_CLI_FAILED;
}
