/* bench-sync.c — the first sync of a big district over loopback
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by run-server-tests.sh (UNIONDESK_DATABASE, UD_SERVER_BIN and
 * UD_SERVER_URL set):  bench-sync [MEMBERS [--snapshot-only] [--cold]]  (default
 * 100,000).  One office generates the members and pushes them; a new
 * office of the same district then makes its first sync page by page, and
 * another (C) from the server's snapshot once the server has built it
 * ahead (what a new office normally sees; "snapshot_server" says "built
 * ahead").  With --cold (bench-sync MEMBERS --snapshot-only --cold, the
 * server started with UD_SERVER_SNAPSHOT_AHEAD_RECORDS=2000000000) office C
 * asks at once and the server builds the file for that request.  Prints
 * one JSON object; the budgets
 * (DESIGN.md §9) are 10 s for the first sync of 100,000 records and 30 s
 * for a million from the snapshot.
 * Writes to district 990011 of a throwaway database.
 */

#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <libsoup/soup.h>
#include <sys/resource.h>

#include "ud-core.h"
#include "ud-database.h"
#include "ud-generate.h"
#include "ud-member-store.h"
#include "ud-record-store.h"
#include "ud-sync-client.h"

#define DISTRICT  "990011"
#define PAGE_SIZE 5000

static char *
add_token (const char *server_bin,
           const char *name)
{
  const char *argv[] = { server_bin, "token", "add", "--district", DISTRICT, "--name", name, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) words = NULL;
  int wait_status = 0;
  guint n;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &wait_status, &error) ||
      !g_spawn_check_wait_status (wait_status, &error))
    g_error ("token add: %s", error->message);

  words = g_strsplit_set (out, " \n\t", -1);
  n = g_strv_length (words);
  while (n > 0 && *words[n - 1] == '\0')
    n--;
  if (n == 0)
    g_error ("token add printed no token");

  return g_strdup (words[n - 1]);
}

static UdDatabase *
open_office (const char *dir,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(UdDatabase) db = ud_database_open (path, &error);

  if (db == NULL || !ud_database_initialize_office (db, DISTRICT, name, &error))
    g_error ("%s: %s", path, error->message);

  return g_steal_pointer (&db);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* CPU seconds this process has used: the machine is shared, so the wall
 * time alone does not say how much of it was this client's. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static gint64
database_bytes (const char *dir,
                const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A new office's first sync from the snapshot, then the index fill it
 * leaves; the wall and CPU seconds of each. */
typedef struct
{
  UdSyncSummary summary;
  double        wall_s;
  double        cpu_s;
  double        fill_s;
  double        fill_cpu_s;
  gint64        members;
  gint64        bytes;
} SnapshotRun;

static void
first_sync_from_snapshot (const char  *dir,
                          const char  *name,
                          const char  *server_url,
                          const char  *token,
                          SnapshotRun *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDatabase) db = open_office (dir, name);
  g_autoptr(UdSyncClient) client = ud_sync_client_new (db, server_url, token);
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_seconds ();

  if (!ud_sync_client_run (client, &run->summary, NULL, &error))
    g_error ("first sync from the snapshot (%s): %s", name, error->message);
  run->wall_s = seconds_since (start);
  run->cpu_s = cpu_seconds () - cpu;
  /* What the snapshot leaves to be built after its commit: the search
   * postings and the list's sort indexes (searches right meanwhile). */
  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  if (!ud_record_store_fill_indexes (db, 0, NULL, NULL, &error))
    g_error ("index fill (%s): %s", name, error->message);
  run->fill_s = seconds_since (start);
  run->fill_cpu_s = cpu_seconds () - cpu;
  run->members = ud_member_store_count (db);
  g_clear_object (&client);
  g_clear_object (&db);
  run->bytes = database_bytes (dir, name);
}

/* Waits until the server has the district's snapshot ready: asks for it
 * once its build ahead has begun (the server waits for pushes to pause
 * for 3 s) and drops it.  Returns whether the server answered its kept
 * file (built ahead) rather than building one for this request. */
static gboolean
wait_for_build_ahead (const char *server_url,
                      const char *token,
                      double     *waited_s)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 600, "proxy-resolver", NULL, NULL);
  g_autofree char *uri = g_strconcat (server_url, "api/v1/snapshot", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *timing;
  gint64 start;

  g_usleep (4 * G_USEC_PER_SEC);
  start = g_get_monotonic_time ();
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  if (body == NULL || soup_message_get_status (msg) != 200)
    g_error ("snapshot: %s", error != NULL ? error->message : soup_message_get_reason_phrase (msg));
  *waited_s = seconds_since (start);
  timing = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Server-Timing");
  g_printerr ("bench-sync: snapshot built ahead? Server-Timing: %s\n", timing != NULL ? timing : "(none)");
  return timing != NULL && strstr (timing, "cache;desc=\"kept\"") != NULL;
}

int
main (int    argc,
      char **argv)
{
  const char *server_bin = g_getenv ("UD_SERVER_BIN");
  const char *server_url = g_getenv ("UD_SERVER_URL");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *token_a = NULL;
  g_autofree char *token_b = NULL;
  g_autoptr(UdDatabase) a = NULL;
  g_autoptr(UdDatabase) b = NULL;
  g_autoptr(UdSyncClient) client_a = NULL;
  g_autoptr(UdSyncClient) client_b = NULL;
  g_autofree char *token_c = NULL;
  SnapshotRun run = { 0 };
  gboolean cold = FALSE;
  gboolean built_ahead = FALSE;
  double ahead_wait_s = 0;
  gboolean paged = TRUE;
  UdSyncSummary pushed;
  UdSyncSummary pulled;
  guint members = 100000;
  gint64 records;
  gint64 start;
  double generate_s;
  double push_s;
  double first_sync_s = -1;
  double cpu;
  double push_cpu_s;
  double first_sync_cpu_s = -1;

  ud_core_init ();
  if (server_bin == NULL || server_url == NULL)
    g_error ("Run me through run-server-tests.sh SERVER %s [MEMBERS]", argv[0]);
  if (argc > 1)
    members = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  /* bench-sync MEMBERS --snapshot-only: a million records by JSON pages
   * take minutes, and that figure is known. */
  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--snapshot-only"))
        paged = FALSE;
      else if (g_str_equal (argv[i], "--cold"))
        cold = TRUE;
      else
        g_error ("unknown option %s", argv[i]);
    }

  /* Tokens come from here, not from a keyring. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);

  dir = g_dir_make_tmp ("bench-sync-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);

  token_a = add_token (server_bin, "bench office A");
  token_b = add_token (server_bin, "bench office B");
  token_c = add_token (server_bin, "bench office C");
  a = open_office (dir, "a.db");
  b = open_office (dir, "b.db");

  start = g_get_monotonic_time ();
  if (!ud_generate_members (a, members, 20261124, &error))
    g_error ("%s", error->message);
  generate_s = seconds_since (start);
  records = ud_database_outbox_count (a);

  client_a = ud_sync_client_new (a, server_url, token_a);
  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  if (!ud_sync_client_run (client_a, &pushed, NULL, &error))
    g_error ("push: %s", error->message);
  push_s = seconds_since (start);
  push_cpu_s = cpu_seconds () - cpu;

  /* Office B pulls page by page (JSON), as an office did before
   * snapshots; office C starts from the snapshot. */
  if (paged)
    {
      client_b = ud_sync_client_new (b, server_url, token_b);
      ud_sync_client_set_page_size (client_b, PAGE_SIZE);
      ud_sync_client_set_use_snapshot (client_b, FALSE);
      start = g_get_monotonic_time ();
      cpu = cpu_seconds ();
      if (!ud_sync_client_run (client_b, &pulled, NULL, &error))
        g_error ("first sync: %s", error->message);
      first_sync_s = seconds_since (start);
      first_sync_cpu_s = cpu_seconds () - cpu;

      if (pulled.applied != records || ud_member_store_count (b) != (gint64) members)
        g_error ("applied %u of %" G_GINT64_FORMAT " records; office B has %" G_GINT64_FORMAT " members",
                 pulled.applied, records, ud_member_store_count (b));
    }

  /* Office C starts from the snapshot.  Normally once the server has it
   * ready: it builds it ahead once the pushes pause.  With --cold at once,
   * the server started with builds ahead off
   * (UD_SERVER_SNAPSHOT_AHEAD_RECORDS above the district's size), so that
   * it builds the file for C's request. */
  if (!cold)
    built_ahead = wait_for_build_ahead (server_url, token_c, &ahead_wait_s);
  first_sync_from_snapshot (dir, "c.db", server_url, token_c, &run);

  if (pushed.pushed != records || run.summary.applied != records || run.members != (gint64) members)
    g_error ("pushed %u and applied %u of %" G_GINT64_FORMAT " records; office C has %" G_GINT64_FORMAT " members",
             pushed.pushed, run.summary.applied, records, run.members);

  printf ("{\"members\":%u,\"records\":%" G_GINT64_FORMAT ",\"generate_s\":%.2f,"
          "\"push_s\":%.2f,\"push_client_cpu_s\":%.2f,\"push_batches\":%" G_GINT64_FORMAT ","
          "\"first_sync_s\":%.2f,\"first_sync_client_cpu_s\":%.2f,\"first_sync_pages\":%" G_GINT64_FORMAT ","
          "\"first_sync_budget_s\":10,"
          "\"snapshot_server\":\"%s\",\"snapshot_wait_for_build_s\":%.2f,"
          "\"snapshot_first_sync_s\":%.2f,\"snapshot_first_sync_client_cpu_s\":%.2f,"
          "\"snapshot_index_fill_s\":%.2f,\"snapshot_index_fill_cpu_s\":%.2f,"
          "\"snapshot_budget_s_per_million\":30,\"office_database_bytes\":%" G_GINT64_FORMAT "}\n",
          members, records, generate_s,
          push_s, push_cpu_s, (records + UD_SYNC_MAX_BATCH - 1) / UD_SYNC_MAX_BATCH,
          paged ? first_sync_s : -1, paged ? first_sync_cpu_s : -1, (records + PAGE_SIZE - 1) / PAGE_SIZE,
          cold ? "cold: built on request" : built_ahead ? "built ahead" : "built for the wait (not ahead)",
          ahead_wait_s, run.wall_s, run.cpu_s, run.fill_s, run.fill_cpu_s, run.bytes);

  g_clear_object (&client_a);
  g_clear_object (&client_b);
  g_clear_object (&a);
  g_clear_object (&b);
  remove_dir (dir);

  return 0;
}
