/* test-crash.c — a process killed in the middle of writing leaves a whole database
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>

#include "ud-core.h"
#include "ud-database.h"
#include "ud-generate.h"
#include "ud-import.h"
#include "ud-member-store.h"
#include "ud-table.h"

#define N_MEMBERS 50000
/* Kill once the write-ahead log holds this much of the unfinished
 * transaction: well into the work, long before its end. */
#define KILL_AT_WAL_BYTES (4 * 1024 * 1024)

/* The child: does the work and is killed in the middle of it.  It runs as
 * a fresh process (this test program, re-executed), so that no SQLite
 * state crosses a fork. */
static int
child_main (const char *mode,
            const char *db_path,
            const char *roster)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDatabase) db = ud_database_open (db_path, &error);

  if (db == NULL)
    return 3;

  /* A workstation short of memory: dirty pages go to the log as the
   * transaction proceeds, not all at the commit. */
  if (!ud_database_exec (db, "PRAGMA cache_size = -2048", &error))
    return 3;

  if (g_str_equal (mode, "import"))
    {
      g_autoptr(UdImport) import = ud_import_new_from_file (&ud_kind_member, roster, NULL, &error);
      g_autoptr(UdImportReport) report = NULL;

      if (import != NULL)
        report = ud_import_run (import, db, FALSE, NULL, NULL, NULL, &error);
      return report != NULL ? 0 : 4;
    }

  /* Many records saved in one transaction through the store's batch
   * write path (search index, outbox, one audit entry). */
  return ud_generate_members (db, N_MEMBERS, 11, &error) ? 0 : 4;
}

static gint64
query_int (UdDatabase *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

/* Runs the child and kills it (SIGKILL: no handler, no clean-up) once
 * its log has grown to KILL_AT_WAL_BYTES. */
static void
run_and_kill (const char *mode,
              const char *db_path,
              const char *roster)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/proc/self/exe", "--crash-child", mode, db_path, roster, NULL };
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  GPid pid = 0;
  int status = 0;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  while (file_size (wal) < KILL_AT_WAL_BYTES && g_get_monotonic_time () < deadline)
    {
      g_assert_cmpint (waitpid (pid, &status, WNOHANG), ==, 0);  /* still working */
      g_usleep (1000);
    }
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

  /* Killed, not finished: the test tests something. */
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_test_message ("%s: killed with a %" G_GOFFSET_FORMAT "-byte log", mode, file_size (wal));
}

static char *
new_office (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-crash-XXXXXX", NULL);
  char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDatabase) db = ud_database_open (path, &error);

  g_assert_no_error (error);
  ud_database_initialize_office (db, "110118", "密云区总工会", &error);
  g_assert_no_error (error);
  return path;
}

/* After the crash: the database opens, passes the integrity check, and
 * the interrupted work is wholly absent — or, had it committed, wholly
 * there — in every table it touches. */
static void
assert_whole (const char *db_path,
              const char *work_audited)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDatabase) db = ud_database_open (db_path, &error);
  g_autoptr(GPtrArray) problems = NULL;
  gint64 members;

  g_assert_no_error (error);
  g_assert_true (ud_database_check (db, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  members = query_int (db, "SELECT count (*) FROM member");
  g_assert_true (members == 0 || members == N_MEMBERS);
  /* One audit entry for the whole batch, one outbox entry per member. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE kind = 'member'"), ==, members > 0 ? 1 : 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM sync_outbox WHERE kind = (SELECT code FROM sync_kind WHERE name = 'member')"), ==, members);
  /* Every generated card number starts with 622206: the search index
   * holds every member or none. */
  {
    UdMemberQuery query = { .text = (char *) "622206" };
    g_autoptr(GArray) found = ud_member_store_query (db, &query, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (found->len, ==, members);
  }
  if (members == 0)
    {
      g_assert_cmpint (query_int (db, "SELECT count (*) FROM unit"), ==, 0);
      g_assert_cmpint (query_int (db, work_audited), ==, 0);
    }

  /* And the office goes on working. */
  g_assert_true (ud_generate_members (db, 10, 99, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ud_member_store_count (db), ==, members + 10);
}

static void
test_import_killed (void)
{
  g_autofree char *db_path = new_office ();
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *roster = g_build_filename (dir, "roster.csv", NULL);
  g_autoptr(GPtrArray) rows = ud_generate_roster (N_MEMBERS, 5);
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_table_write_csv (roster, rows, &error));
  g_assert_no_error (error);

  run_and_kill ("import", db_path, roster);
  assert_whole (db_path, "SELECT count (*) FROM audit_log WHERE action = 'import'");
}

static void
test_multi_record_save_killed (void)
{
  g_autofree char *db_path = new_office ();

  run_and_kill ("generate", db_path, "");
  assert_whole (db_path, "SELECT count (*) FROM audit_log WHERE action = 'generate'");
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--crash-child"))
    {
      ud_core_init ();
      return child_main (argv[2], argv[3], argv[4]);
    }

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

  g_test_add_func ("/crash/import-killed", test_import_killed);
  g_test_add_func ("/crash/multi-record-save-killed", test_multi_record_save_killed);

  return g_test_run ();
}
