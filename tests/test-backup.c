/* test-backup.c — backups: online copy, damage and restore, automatic retention
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ud-core.h"
#include "ud-account.h"
#include "ud-backup.h"
#include "ud-database.h"
#include "ud-generate.h"
#include "ud-member-store.h"
#include "ud-permission.h"

static UdDatabase *
open_office (const char *dir,
             guint       n_members)
{
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(GError) error = NULL;
  UdDatabase *db = ud_database_open (path, &error);

  g_assert_no_error (error);
  ud_database_initialize_office (db, "110118", "密云区总工会", &error);
  g_assert_no_error (error);
  if (n_members > 0)
    {
      ud_generate_members (db, n_members, 7, &error);
      g_assert_no_error (error);
    }
  return db;
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

static int
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* Overwrites @length bytes in the middle of the file with noise, the way
 * a failing disk or a bad network copy does. */
static void
damage (const char *path,
        gsize       length)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gsize size;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (size, >, 4 * length);
  for (gsize i = 0; i < length; i++)
    contents[size / 2 + i] = (char) g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, contents, size, &error);
  g_assert_no_error (error);
}

static void
test_backup_is_private_and_checked (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-backup-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(UdDatabase) db = open_office (dir, 200);
  g_autoptr(UdDatabase) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_backup_create (db, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_mode (path), ==, 0600);
  g_assert_true (ud_backup_check_file (path, NULL, &error));

  copy = ud_database_open_readonly (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ud_member_store_count (copy), ==, 200);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'backup'"), ==, 1);
}

static void
test_damage_then_restore (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-backup-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *safety = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  UdDatabase *db = open_office (dir, 3000);

  g_assert_true (ud_backup_create (db, backup, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (db);

  /* Closing checkpointed the log into the file; now the disk fails. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  damage (db_path, 16384);
  g_assert_false (ud_backup_check_file (db_path, &problems, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_true (ud_backup_restore (backup, db_path, NULL, &safety, NULL, &error));
  g_assert_no_error (error);

  /* The data is back and whole; the damaged file is kept, just in case. */
  g_assert_true (ud_backup_check_file (db_path, NULL, &error));
  g_assert_no_error (error);
  db = ud_database_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ud_member_store_count (db), ==, 3000);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'restore'"), ==, 1);
  g_assert_cmpint (file_mode (db_path), ==, 0600);
  g_assert_nonnull (safety);
  g_assert_true (g_file_test (safety, G_FILE_TEST_EXISTS));
  g_assert_cmpint (file_mode (safety), ==, 0600);
  g_object_unref (db);
}

static void
test_damaged_backup_is_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-backup-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autoptr(UdDatabase) db = open_office (dir, 3000);
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_backup_create (db, backup, NULL, &error));
  damage (backup, 16384);

  g_assert_false (ud_backup_restore (backup, db_path, NULL, NULL, NULL, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "failed the integrity check"));
  g_assert_cmpint (ud_member_store_count (db), ==, 3000);
}

static void
test_newer_backup_is_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-backup-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autoptr(UdDatabase) db = open_office (dir, 10);
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  g_assert_true (ud_backup_create (db, backup, NULL, &error));
  g_assert_cmpint (sqlite3_open (backup, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  g_assert_false (ud_backup_restore (backup, db_path, NULL, NULL, NULL, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version of UnionDesk"));
  g_assert_cmpint (ud_member_store_count (db), ==, 10);
}

/* A backup that someone changed with sqlite3 before it was restored: it
 * passes integrity_check, so it is compared with the schema that the
 * migrations build.  Each is refused with a sentence naming the fault,
 * and the office's data stays as it was. */
static void
assert_hostile_backup_refused (const char *sql,
                               const char *expected)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-backup-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autoptr(UdDatabase) db = open_office (dir, 10);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  g_assert_true (ud_backup_create (db, backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (backup, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  g_assert_false (ud_backup_check_file (backup, &problems, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >=, 1);
  g_clear_error (&error);

  g_assert_false (ud_backup_restore (backup, db_path, NULL, NULL, NULL, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_cmpint (ud_member_store_count (db), ==, 10);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'restore'"), ==, 0);
}

static void
test_backup_without_member_table (void)
{
  assert_hostile_backup_refused ("PRAGMA foreign_keys = OFF; DROP TABLE member;",
                                 "the table “member” is missing");
}

static void
test_backup_without_audit_triggers (void)
{
  assert_hostile_backup_refused ("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;",
                                 "the trigger “audit_log_no_delete” is missing");
}

static void
test_backup_with_trigger_deleting_audit (void)
{
  assert_hostile_backup_refused ("CREATE TRIGGER audit_log_forget AFTER INSERT ON audit_log"
                                 " BEGIN DELETE FROM audit_log WHERE id = NEW.id; END;",
                                 "the trigger “audit_log_forget” is not part of UnionDesk");
}

static void
test_backup_with_changed_column (void)
{
  assert_hostile_backup_refused ("ALTER TABLE member ADD COLUMN secret TEXT;",
                                 "the table “member” has a column “secret”");
}

static void
test_backup_with_dangling_reference (void)
{
  assert_hostile_backup_refused ("PRAGMA foreign_keys = OFF; UPDATE member SET unit_id = 999999 WHERE id = 1;",
                                 "refers to a missing row");
}

/* A restore killed between writing its copy and renaming it over the
 * database leaves the copy, with every ID number of the office in it:
 * the next start removes it. */
static void
test_stale_restoring_copy_removed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-backup-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *restoring = g_strconcat (db_path, ".restoring", NULL);
  g_autoptr(UdDatabase) db = open_office (dir, 10);
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_backup_create (db, restoring, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_true (g_file_test (restoring, G_FILE_TEST_EXISTS));

  db = ud_database_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (restoring, G_FILE_TEST_EXISTS));
  g_assert_cmpint (ud_member_store_count (db), ==, 10);
}

/* The GTK file chooser, listing the folder that holds the database,
 * opens and closes the database file, and close() drops every POSIX lock
 * the process holds on it, SQLite's included.  A uniondesk-cli backup
 * then took itself for the last user and deleted -wal and -shm under the
 * running app.  Now the app holds a lock of another kind (flock on a lock
 * file beside the database) for as long as it has the database open, and
 * a second program that finds it held neither checkpoints nor deletes. */
static void
test_cli_backup_beside_the_app (void)
{
  const char *cli = g_getenv ("UD_TEST_CLI");
  g_autofree char *dir = g_dir_make_tmp ("ud-backup-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(UdDatabase) db = open_office (dir, 200);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { cli, "--db", db_path, "backup", backup, NULL };
  int status = -1;
  int fd;

  g_assert_nonnull (cli);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* What the file chooser does. */
  fd = g_open (db_path, O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  close (fd);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  /* Nothing was pulled from under the app … */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  /* … which goes on working, and the backup is whole. */
  g_assert_true (ud_database_set_office_number (db, "05", &error));
  g_assert_no_error (error);
  {
    g_autofree char *number = ud_database_get_office_number (db);

    g_assert_cmpstr (number, ==, "05");
  }
  g_assert_cmpint (ud_member_store_count (db), ==, 200);
  g_assert_true (ud_database_check (db, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (ud_backup_check_file (backup, NULL, &error));
  g_assert_no_error (error);

  /* A restore needs the database to itself. */
  g_assert_false (ud_backup_restore (backup, db_path, NULL, NULL, NULL, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpint (ud_member_store_count (db), ==, 200);
}

static void
test_restore_needs_administrator (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-backup-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autoptr(UdDatabase) db = open_office (dir, 10);
  g_autoptr(UdSession) clerk = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_backup_create (db, backup, NULL, &error));
  ud_account_create (db, "admin", "王主任", UD_ROLE_ADMIN, "office-admin-1", &error);
  ud_account_create (db, "li", "李明", UD_ROLE_CLERK, "password-of-staff", &error);
  g_assert_no_error (error);
  clerk = ud_account_authenticate (db, "li", "password-of-staff", &error);
  g_assert_no_error (error);

  g_assert_false (ud_backup_restore (backup, db_path, clerk, NULL, NULL, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* Nor may a clerk take a copy of everything. */
  ud_database_set_session (db, clerk);
  g_assert_false (ud_backup_create (db, backup, NULL, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_assert_cmpint (ud_account_count (db), ==, 2);
}

static GDateTime *
local_time (int year, int month, int day, int hour)
{
  return g_date_time_new_local (year, month, day, hour, 0, 0);
}

static void
test_automatic_backup_once_a_day (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-backup-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "backups", "office", NULL);
  g_autoptr(UdDatabase) db = open_office (dir, 10);
  g_autoptr(GDateTime) monday = local_time (2024, 9, 2, 8);
  g_autoptr(GDateTime) monday_evening = g_date_time_add_hours (monday, 10);
  g_autoptr(GDateTime) tuesday = g_date_time_add_hours (monday, 24);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *expected = g_build_filename (folder, "uniondesk-20240902-080000.db", NULL);

  g_assert_true (ud_backup_auto (db, folder, monday, &made, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (made, ==, expected);
  g_assert_cmpint (file_mode (folder), ==, 0700);
  g_assert_cmpint (file_mode (made), ==, 0600);
  g_clear_pointer (&made, g_free);

  /* Restarted the same day: nothing is due. */
  g_assert_true (ud_backup_auto (db, folder, monday_evening, &made, &error));
  g_assert_null (made);

  g_assert_true (ud_backup_auto (db, folder, tuesday, &made, &error));
  g_assert_nonnull (made);

  list = ud_backup_list (folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((UdBackupInfo *) g_ptr_array_index (list, 0))->path, ==, made);
  g_assert_cmpint (((UdBackupInfo *) g_ptr_array_index (list, 1))->size, >, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'backup' AND detail LIKE '{\"what\":\"backup\",%\"how\":\"automatic\"}'"), ==, 2);
}

static void
test_backup_now (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-backup-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autoptr(UdDatabase) db = open_office (dir, 10);
  g_autoptr(GDateTime) morning = local_time (2024, 9, 2, 8);
  g_autoptr(GDateTime) later = g_date_time_add_hours (morning, 2);
  g_autoptr(UdSession) clerk = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_true (ud_backup_auto (db, folder, morning, &first, &error));
  /* Two hours later the administrator wants one before a big import. */
  g_assert_true (ud_backup_now (db, folder, later, &second, &error));
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpstr (first, !=, second);
  list = ud_backup_list (folder, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'backup' AND detail LIKE '{\"what\":\"backup\",%\"how\":\"by_hand\"}'"), ==, 1);

  ud_account_create (db, "admin", "王主任", UD_ROLE_ADMIN, "office-admin-1", &error);
  ud_account_create (db, "li", "李明", UD_ROLE_CLERK, "password-of-staff", &error);
  clerk = ud_account_authenticate (db, "li", "password-of-staff", &error);
  g_assert_no_error (error);
  ud_database_set_session (db, clerk);
  g_assert_false (ud_backup_now (db, folder, later, &second, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
}

static void
test_retention (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-backup-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autofree char *foreign = g_build_filename (folder, "notes.txt", NULL);
  g_autoptr(UdDatabase) db = open_office (dir, 0);
  g_autoptr(GDateTime) start = local_time (2023, 1, 5, 9);
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GError) error = NULL;
  /* 40 starts, ten days apart, from 2023-01-05 to 2024-01-30 (13
   * months): the 14 newest (2023-09-22 on; 09-12 and 09-02 go, September
   * is kept by 09-22), then the newest of each month from August back to
   * February 2023.  January 2023 is more than a year back: it goes. */
  const char *expected[] = {
    "20240130", "20240120", "20240110", "20231231", "20231221", "20231211", "20231201",
    "20231121", "20231111", "20231101", "20231022", "20231012", "20231002", "20230922",
    "20230823", "20230724", "20230624", "20230525", "20230425", "20230326", "20230224",
  };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (foreign, "not ours", -1, &error);
  g_assert_no_error (error);

  for (int i = 0; i < 40; i++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (start, 10 * i);
      g_autofree char *made = NULL;

      g_assert_true (ud_backup_auto (db, folder, now, &made, &error));
      g_assert_no_error (error);
      g_assert_nonnull (made);
    }

  kept = ud_backup_list (folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < kept->len; i++)
    {
      UdBackupInfo *info = g_ptr_array_index (kept, i);
      g_autofree char *day = g_date_time_format (info->time, "%Y%m%d");

      g_assert_cmpstr (day, ==, expected[i]);
    }

  /* Files that are not our backups are left alone. */
  g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

  g_test_add_func ("/backup/private-and-checked", test_backup_is_private_and_checked);
  g_test_add_func ("/backup/damage-then-restore", test_damage_then_restore);
  g_test_add_func ("/backup/damaged-backup-refused", test_damaged_backup_is_refused);
  g_test_add_func ("/backup/newer-backup-refused", test_newer_backup_is_refused);
  g_test_add_func ("/backup/hostile/without-member-table", test_backup_without_member_table);
  g_test_add_func ("/backup/hostile/without-audit-triggers", test_backup_without_audit_triggers);
  g_test_add_func ("/backup/hostile/trigger-deleting-audit", test_backup_with_trigger_deleting_audit);
  g_test_add_func ("/backup/hostile/changed-column", test_backup_with_changed_column);
  g_test_add_func ("/backup/hostile/dangling-reference", test_backup_with_dangling_reference);
  g_test_add_func ("/backup/restore-needs-administrator", test_restore_needs_administrator);
  g_test_add_func ("/backup/stale-restoring-copy-removed", test_stale_restoring_copy_removed);
  g_test_add_func ("/backup/cli-backup-beside-the-app", test_cli_backup_beside_the_app);
  g_test_add_func ("/backup/automatic-once-a-day", test_automatic_backup_once_a_day);
  g_test_add_func ("/backup/backup-now", test_backup_now);
  g_test_add_func ("/backup/retention", test_retention);

  return g_test_run ();
}
