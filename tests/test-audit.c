/* test-audit.c — the audit trail: every change and export, filters, history
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-core.h"
#include "ud-account.h"
#include "ud-audit.h"
#include "ud-audit-detail.h"
#include "ud-database.h"
#include "ud-export.h"
#include "ud-member-store.h"
#include "ud-migrations.h"
#include "ud-permission.h"

typedef struct
{
  UdDatabase *db;
  char       *dir;
  UdSession  *clerk;
  UdSession  *admin;
} Office;

static UdSession *
sign_in (UdDatabase *db,
         const char *username,
         const char *password)
{
  g_autoptr(GError) error = NULL;
  UdSession *session = ud_account_authenticate (db, username, password, &error);

  g_assert_no_error (error);
  return session;
}

static void
office_set_up (Office        *office,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  office->dir = g_dir_make_tmp ("ud-audit-XXXXXX", NULL);
  path = g_build_filename (office->dir, "office.db", NULL);
  office->db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_account_initialize_office (office->db, "110118", "密云区总工会", "admin", "王主任", "office-admin-1", &error);
  g_assert_no_error (error);
  ud_account_create (office->db, "li", "李明", UD_ROLE_CLERK, "password-of-staff", &error);
  g_assert_no_error (error);
  ud_database_set_sign_in_required (office->db, TRUE);

  office->clerk = sign_in (office->db, "li", "password-of-staff");
  office->admin = sign_in (office->db, "admin", "office-admin-1");
}

static void
office_tear_down (Office        *office,
                  gconstpointer  data)
{
  g_clear_pointer (&office->clerk, ud_session_unref);
  g_clear_pointer (&office->admin, ud_session_unref);
  g_clear_object (&office->db);
  g_free (office->dir);
}

static UdRecord *
sample_member (void)
{
  UdRecord *record = ud_record_new (&ud_kind_member);

  ud_record_set (record, "name", "朱明敏");
  ud_record_set (record, "id_number", "11010519491231002X");
  ud_record_set (record, "phone", "13800138000");
  ud_record_set (record, "unit", "北京密云建材有限公司");
  return record;
}

static GPtrArray *
entries_where (Office     *office,
               const char *actor,
               const char *action)
{
  UdAuditFilter filter = { 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  filter.actor = (char *) actor;
  filter.action = (char *) action;
  ud_database_set_session (office->db, office->admin);
  entries = ud_audit_query (office->db, &filter, &error);
  g_assert_no_error (error);
  return entries;
}

static UdAuditEntry *
entry (GPtrArray *entries,
       guint      i)
{
  g_assert_cmpuint (i, <, entries->len);
  return g_ptr_array_index (entries, i);
}

static void
test_every_change_is_recorded (Office        *office,
                               gconstpointer  data)
{
  g_autoptr(UdRecord) record = sample_member ();
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GPtrArray) updated = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (office->dir, "roll.csv", NULL);
  const char *expected[] = { "print", "export", "undelete", "delete", "update", "update", "create" };

  ud_database_set_session (office->db, office->clerk);
  g_assert_true (ud_member_store_save (office->db, record, NULL, &error));
  ud_record_set (record, "phone", "13912345678");
  ud_record_set (record, "status", "转出");
  g_assert_true (ud_member_store_save (office->db, record, NULL, &error));
  g_assert_true (ud_member_store_delete (office->db, record->id, &error));
  g_assert_true (ud_member_store_undelete (office->db, record->id, &error));
  g_assert_cmpint (ud_export_members (office->db, NULL, csv, NULL, NULL, NULL, &error), ==, 1);
  g_assert_true (ud_database_audit_print (office->db, "member", record->uuid, "会员登记表", &error));
  g_assert_no_error (error);

  /* What li did to members, newest first. */
  all = entries_where (office, "li", NULL);
  {
    guint n = 0;

    for (guint i = 0; i < all->len; i++)
      {
        UdAuditEntry *e = entry (all, i);

        if (g_strcmp0 (e->kind, "member") != 0)
          continue;
        g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
        g_assert_cmpstr (e->action, ==, expected[n]);
        g_assert_cmpstr (e->actor_name, ==, "李明");
        n++;
      }
    g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  }

  /* Who, when, kind, record, field, old → new. */
  updated = entries_where (office, "li", "update");
  g_assert_cmpuint (updated->len, ==, 2);
  for (guint i = 0; i < updated->len; i++)
    {
      UdAuditEntry *e = entry (updated, i);

      g_assert_cmpstr (e->uuid, ==, record->uuid);
      g_assert_true (g_str_has_suffix (e->at, "Z"));
      if (g_str_equal (e->field, "phone"))
        {
          g_assert_cmpstr (e->old_value, ==, "13800138000");
          g_assert_cmpstr (e->new_value, ==, "13912345678");
        }
      else
        {
          g_assert_cmpstr (e->field, ==, "status");
          g_assert_cmpstr (e->old_value, ==, "active");
          g_assert_cmpstr (e->new_value, ==, "transferred");
        }
    }

  created = entries_where (office, "li", "print");
  g_assert_cmpuint (created->len, ==, 1);
  g_assert_cmpstr (entry (created, 0)->detail, ==, "会员登记表");
}

static void
test_sign_ins_are_recorded (Office        *office,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GPtrArray) signed_in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  g_assert_null (ud_account_authenticate (office->db, "li", "wrong-password", &error));
  g_clear_error (&error);

  signed_in = entries_where (office, "li", "sign_in");
  g_assert_cmpuint (signed_in->len, ==, 1);
  failed = entries_where (office, "li", "sign_in_failed");
  g_assert_cmpuint (failed->len, ==, 1);
  /* Stored as what happened, read as a sentence. */
  g_assert_cmpstr (entry (failed, 0)->detail, ==, "{\"what\":\"wrong_password\",\"failures\":\"1\",\"limit\":\"5\"}");
  detail = ud_audit_entry_detail (entry (failed, 0));
  g_assert_cmpstr (detail, ==, "Wrong password, 1 of 5.");
  /* The account by its name. */
  g_assert_cmpstr (entry (failed, 0)->record_title, ==, "李明");
}

static void
test_trail_cannot_be_altered (Office        *office,
                              gconstpointer  data)
{
  sqlite3 *raw = ud_database_get_handle (office->db);
  g_autoptr(GError) error = NULL;
  gint64 before;

  ud_database_set_session (office->db, office->admin);
  before = ud_audit_count (office->db, NULL, &error);
  g_assert_cmpint (before, >, 0);

  /* Not even with SQL on the application's own connection. */
  g_assert_cmpint (sqlite3_exec (raw, "UPDATE audit_log SET actor = 'nobody' WHERE actor = 'li'", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpstr (sqlite3_errmsg (raw), ==, "the audit log cannot be changed");
  g_assert_cmpint (sqlite3_exec (raw, "DELETE FROM audit_log WHERE action = 'sign_in'", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (ud_audit_count (office->db, NULL, &error), ==, before);
}

/* The trail is a hash chain: a forged, deleted or rewritten entry is
 * found by the check and named. */

static gint64
last_entry_id (UdDatabase *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), "SELECT max (id) FROM audit_log", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* Changes the office's file with another connection, the way sqlite3 on
 * the command line would. */
static void
tamper (Office     *office,
        const char *sql)
{
  g_autofree char *path = g_build_filename (office->dir, "office.db", NULL);
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
}

/* The problem the check finds that holds @text (NULL: the first), or
 * NULL when there is none. */
static char *
find_problem (UdDatabase *db,
              const char *text)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_database_check (db, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    {
      const char *problem = g_ptr_array_index (problems, i);

      g_test_message ("problem: %s", problem);
      if (text == NULL || strstr (problem, text) != NULL)
        return g_strdup (problem);
    }

  return NULL;
}

static void
test_chain_is_whole (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  gint64 first_bad = 42;

  g_assert_true (ud_audit_verify (office->db, FALSE, &first_bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first_bad, ==, 0);
  problem = find_problem (office->db, NULL);
  g_assert_null (problem);
}

static void
test_chain_finds_forged_entry (Office        *office,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *sql = NULL;
  gint64 first_bad = 0;
  gint64 forged;

  /* Without a hash the database refuses it … */
  g_assert_cmpint (sqlite3_exec (ud_database_get_handle (office->db),
                                 "INSERT INTO audit_log (at, actor, action) VALUES ('2026-01-01T00:00:00Z', 'li', 'sign_in')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_TRIGGER);

  /* … and with a made-up one the chain breaks there. */
  forged = last_entry_id (office->db) + 1;
  tamper (office, "INSERT INTO audit_log (at, actor, action, hash)"
                  " VALUES ('2026-01-01T00:00:00Z', 'li', 'sign_in', printf ('%064d', 0))");
  g_assert_false (ud_audit_verify (office->db, FALSE, &first_bad, &error));
  g_assert_error (error, UD_AUDIT_ERROR, UD_AUDIT_ERROR_BROKEN_CHAIN);
  g_assert_cmpint (first_bad, ==, forged);
  sql = g_strdup_printf ("entry %" G_GINT64_FORMAT " ", forged);
  g_assert_nonnull (strstr (error->message, sql));
  problem = find_problem (office->db, sql);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "does not match its hash"));
}

static void
test_chain_finds_rewritten_entry (Office        *office,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  gint64 first_bad = 0;

  tamper (office, "DROP TRIGGER audit_log_no_update;"
                  " UPDATE audit_log SET actor = 'nobody' WHERE id = 2;");
  g_assert_false (ud_audit_verify (office->db, FALSE, &first_bad, &error));
  g_assert_error (error, UD_AUDIT_ERROR, UD_AUDIT_ERROR_BROKEN_CHAIN);
  g_assert_cmpint (first_bad, ==, 2);
  g_assert_nonnull (strstr (error->message, "entry 2 "));
  problem = find_problem (office->db, "entry 2 ");
  g_assert_nonnull (problem);
}

static void
test_chain_finds_deleted_entry (Office        *office,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  gint64 first_bad = 0;

  tamper (office, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 3;");
  g_assert_false (ud_audit_verify (office->db, FALSE, &first_bad, &error));
  g_assert_error (error, UD_AUDIT_ERROR, UD_AUDIT_ERROR_BROKEN_CHAIN);
  g_assert_cmpint (first_bad, ==, 4);
  g_assert_nonnull (strstr (error->message, "entry 3 "));
  problem = find_problem (office->db, "entry 3 ");
  g_assert_nonnull (problem);
}

/* On start: the entries added since the last start are verified, and the
 * protective triggers that someone dropped are made again, with a
 * warning and an entry in the trail. */
static void
test_open_restores_triggers_and_verifies (Office        *office,
                                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (office->dir, "office.db", NULL);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  UdAuditFilter filter = { .action = (char *) "protect" };
  GPtrArray *warnings;
  gint64 last;

  g_clear_object (&office->db);
  tamper (office, "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update;");

  g_test_expect_message ("ud-audit", G_LOG_LEVEL_WARNING, "*audit_log_no_delete*");
  g_test_expect_message ("ud-audit", G_LOG_LEVEL_WARNING, "*audit_log_no_update*");
  db = ud_database_open (path, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  warnings = ud_database_get_warnings (db);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "audit_log_no_delete"));

  /* Made again: the trail cannot be changed. */
  g_assert_cmpint (sqlite3_exec (ud_database_get_handle (db), "DELETE FROM audit_log", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_TRIGGER);
  entries = ud_audit_query (db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_nonnull (strstr (((UdAuditEntry *) g_ptr_array_index (entries, 0))->detail, "audit_log_no_"));

  /* The last entry verified is remembered: removing the newest entries
   * is noticed on the next start. */
  last = last_entry_id (db);
  g_clear_object (&db);
  tamper (office, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = (SELECT max (id) FROM audit_log);"
                  " CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
                  " BEGIN SELECT RAISE (ABORT, 'the audit log cannot be changed'); END;");
  g_test_expect_message ("ud-audit", G_LOG_LEVEL_WARNING, "*entry*");
  db = ud_database_open (path, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  warnings = ud_database_get_warnings (db);
  g_assert_cmpuint (warnings->len, ==, 1);
  {
    g_autofree char *expected = g_strdup_printf ("entry %" G_GINT64_FORMAT " ", last);

    g_test_message ("%s", (const char *) g_ptr_array_index (warnings, 0));
    g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), expected));
  }
  office->db = g_steal_pointer (&db);
}

/* Issue 12, defect 3: the workflow's step trail is protected like the
 * audit trail — its triggers, dropped with sqlite3 so that steps could be
 * deleted or rewritten, are made again on open, with a warning each. */
static void
test_open_restores_step_trail_triggers (Office        *office,
                                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (office->dir, "office.db", NULL);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *warnings;
  gboolean saw_update = FALSE, saw_delete = FALSE;

  g_clear_object (&office->db);
  tamper (office, "DROP TRIGGER workflow_step_no_delete; DROP TRIGGER workflow_step_no_update;");

  g_test_expect_message ("ud-audit", G_LOG_LEVEL_WARNING, "*workflow_step_no_*");
  g_test_expect_message ("ud-audit", G_LOG_LEVEL_WARNING, "*workflow_step_no_*");
  db = ud_database_open (path, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  warnings = ud_database_get_warnings (db);
  g_assert_cmpuint (warnings->len, ==, 2);
  for (guint i = 0; i < warnings->len; i++)
    {
      saw_delete |= strstr (g_ptr_array_index (warnings, i), "workflow_step_no_delete") != NULL;
      saw_update |= strstr (g_ptr_array_index (warnings, i), "workflow_step_no_update") != NULL;
    }
  g_assert_true (saw_delete && saw_update);

  /* Made again, as the migrations made them. */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db),
                                         "SELECT count (*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'workflow_step'"
                                         " AND name IN ('workflow_step_no_delete', 'workflow_step_no_update')"
                                         " AND sql LIKE '%the workflow trail cannot be changed%'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
    sqlite3_finalize (stmt);
  }
  office->db = g_steal_pointer (&db);
}

/* A database from before the chain: its entries are hashed in order by
 * the migration, and the chain goes on from them. */
static void
test_chain_migration (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-audit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_bad = -1;
  gint64 last;
  sqlite3 *raw = NULL;
  guint version = 0;

  /* The last schema without a hash column: the step that adds it is
   * found by its text, so that steps added later keep this test true. */
  while (version < _ud_n_migrations && strstr (_ud_migrations[version], "audit_log ADD COLUMN hash") == NULL)
    version++;
  g_assert_cmpuint (version, <, _ud_n_migrations);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  for (guint i = 0; i < version; i++)
    g_assert_cmpint (sqlite3_exec (raw, _ud_migrations[i], NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %u;", version);

    g_assert_cmpint (sqlite3_exec (raw, set, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (sqlite3_exec (raw,
                                 "INSERT INTO audit_log (at, actor, action, detail) VALUES"
                                 " ('2025-01-01T08:00:00Z', 'admin', 'initialize', '密云区总工会'),"
                                 " ('2025-01-01T08:01:00Z', 'admin', 'sign_in', NULL),"
                                 " ('2025-01-02T09:00:00Z', 'li', 'create', '');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = ud_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ud_database_get_schema_version (db), ==, UD_DATABASE_SCHEMA_VERSION);
  g_assert_true (ud_audit_verify (db, FALSE, &first_bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first_bad, ==, 0);

  /* Every old entry has its hash, each different (the copy kept before
   * the update may have added an entry of its own). */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db),
                                         "SELECT count (DISTINCT hash), count (hash), count (*),"
                                         " count (*) FILTER (WHERE id <= 3 AND hash IS NOT NULL) FROM audit_log",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, sqlite3_column_int (stmt, 2));
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, sqlite3_column_int (stmt, 2));
    g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 3);
    sqlite3_finalize (stmt);
  }

  /* And new entries go on from them. */
  last = last_entry_id (db);
  ud_database_initialize_office (db, "110118", "密云区总工会", &error);
  g_assert_no_error (error);
  g_assert_true (ud_audit_verify (db, FALSE, &first_bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (last_entry_id (db), ==, last + 1);
}

static void
test_filters_and_pages (Office        *office,
                        gconstpointer  data)
{
  g_autoptr(UdRecord) record = sample_member ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) next = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (today, -1);
  g_autoptr(GError) error = NULL;
  UdAuditFilter filter = { 0 };

  ud_database_set_session (office->db, office->clerk);
  g_assert_true (ud_member_store_save (office->db, record, NULL, &error));
  ud_database_set_session (office->db, office->admin);

  /* Paging: newest first, pages that follow on. */
  filter.limit = 2;
  page = ud_audit_query (office->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpint (entry (page, 0)->id, >, entry (page, 1)->id);
  filter.offset = 2;
  next = ud_audit_query (office->db, &filter, &error);
  g_assert_cmpint (entry (next, 0)->id, <, entry (page, 1)->id);

  /* One record. */
  filter = (UdAuditFilter) { .kind = (char *) "member", .uuid = record->uuid };
  g_assert_cmpint (ud_audit_count (office->db, &filter, &error), ==, 1);

  /* By day: everything happened today, nothing yesterday. */
  filter = (UdAuditFilter) { 0 };
  filter.from_date = g_date_time_format (today, "%Y-%m-%d");
  g_assert_cmpint (ud_audit_count (office->db, &filter, &error), ==, ud_audit_count (office->db, NULL, &error));
  g_free (filter.from_date);
  filter.from_date = NULL;
  filter.to_date = g_date_time_format (yesterday, "%Y-%m-%d");
  g_assert_cmpint (ud_audit_count (office->db, &filter, &error), ==, 0);
  g_free (filter.to_date);
  filter.to_date = g_strdup ("2024-13-01");
  g_assert_cmpint (ud_audit_count (office->db, &filter, &error), ==, -1);
  g_assert_error (error, UD_AUDIT_ERROR, UD_AUDIT_ERROR_INVALID_FILTER);
  g_assert_cmpstr (error->message, ==, "To: give a date as YYYY-MM-DD, such as 2024-09-01.");
  g_clear_error (&error);
  ud_audit_filter_clear (&filter);

  /* Text anywhere in the values, % and _ taken literally. */
  filter.text = g_strdup ("密云建材");
  found = ud_audit_query (office->db, &filter, &error);
  g_assert_cmpuint (found->len, ==, 2);  /* the member and its new unit */
  g_free (filter.text);
  filter.text = g_strdup ("%");
  g_assert_cmpint (ud_audit_count (office->db, &filter, &error), ==, 0);
  ud_audit_filter_clear (&filter);
}

static void
test_export_csv (Office        *office,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (office->dir, "audit.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) exports = NULL;
  g_autofree char *export_text = NULL;
  g_autoptr(GError) error = NULL;
  UdAuditFilter filter = { .actor = (char *) "li" };
  gint64 n;

  ud_database_set_session (office->db, office->admin);
  n = ud_audit_export_csv (office->db, &filter, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 1);  /* li's sign-in */

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "Time,User name,Name,Action,"));
  /* The account by its name, not its uuid. */
  g_assert_nonnull (strstr (contents, ",li,李明,Signed in,Account,李明,"));

  /* Taking the trail out is in the trail. */
  exports = entries_where (office, "admin", "export");
  g_assert_cmpuint (exports->len, ==, 1);
  g_assert_cmpstr (entry (exports, 0)->kind, ==, "audit");
  export_text = ud_audit_entry_detail (entry (exports, 0));
  g_assert_true (g_str_has_prefix (export_text, path));
  g_assert_true (g_str_has_suffix (export_text, ": 1 entries."));
}

static void
test_record_history (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(UdRecord) first = sample_member ();
  g_autoptr(UdRecord) second = ud_record_new (&ud_kind_member);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  ud_database_set_session (office->db, office->clerk);
  g_assert_true (ud_member_store_save (office->db, first, NULL, &error));
  ud_record_set (second, "name", "单田芳");
  ud_record_set (second, "id_number", "440524188001010014");
  ud_record_set (second, "unit", "北京密云建材有限公司");
  g_assert_true (ud_member_store_save (office->db, second, NULL, &error));
  ud_record_set (first, "notes", "困难职工");
  g_assert_true (ud_member_store_save (office->db, first, NULL, &error));

  /* The editor's history: that record only, newest first, for a clerk. */
  history = ud_audit_record_history (office->db, "member", first->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (entry (history, 0)->action, ==, "update");
  g_assert_cmpstr (entry (history, 0)->field, ==, "notes");
  g_assert_cmpstr (entry (history, 0)->new_value, ==, "困难职工");
  g_assert_cmpstr (entry (history, 1)->action, ==, "create");
  g_assert_nonnull (strstr (entry (history, 1)->new_value, "朱明敏"));
}

static void
test_audit_view_is_the_administrators (Office        *office,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (office->dir, "audit.csv", NULL);

  ud_database_set_session (office->db, office->clerk);
  g_assert_null (ud_audit_query (office->db, NULL, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (ud_audit_export_csv (office->db, NULL, path, &error), ==, -1);
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_failed_change_leaves_no_entry (Office        *office,
                                    gconstpointer  data)
{
  g_autoptr(UdRecord) record = sample_member ();
  g_autoptr(UdRecord) twin = sample_member ();
  g_autoptr(GError) error = NULL;
  gint64 before;

  ud_database_set_session (office->db, office->clerk);
  g_assert_true (ud_member_store_save (office->db, record, NULL, &error));
  ud_database_set_session (office->db, office->admin);
  before = ud_audit_count (office->db, NULL, &error);

  /* Refused (the same ID number): neither the member nor an entry. */
  ud_database_set_session (office->db, office->clerk);
  ud_record_set (twin, "name", "朱敏");
  g_assert_false (ud_member_store_save (office->db, twin, NULL, &error));
  g_clear_error (&error);
  ud_database_set_session (office->db, office->admin);
  g_assert_cmpint (ud_audit_count (office->db, NULL, &error), ==, before);
  g_assert_cmpint (ud_member_store_count (office->db), ==, 1);
}

static void
test_action_labels (void)
{
  const char * const *actions = ud_audit_actions ();

  g_assert_cmpstr (ud_audit_action_label ("sign_in_failed"), ==, "Sign-in refused");
  g_assert_cmpstr (ud_audit_action_label ("something_new"), ==, "something_new");
  g_assert_true (g_strv_contains (actions, "export"));
  g_assert_true (g_strv_contains (actions, "print"));
}

/* Entries read in the reader's language: the record by its title, the
 * kind and field by their labels, values as a person writes them, the
 * detail as a sentence, whatever was stored. */
static void
test_entries_read_as_sentences (Office        *office,
                                gconstpointer  data)
{
  g_autoptr(UdRecord) record = sample_member ();
  g_autoptr(GPtrArray) updated = NULL;
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  struct
  {
    const char *action;
    char       *detail;
    const char *text;
  } details[] = {
    { "sign_in_failed", ud_audit_detail_new ("wrong_password", "failures", "5", "limit", "5",
                                             "locked_until", "2030-01-01T00:00:00Z", NULL), NULL },
    { "sign_in_failed", ud_audit_detail_new ("unknown_user", NULL), "No account has this user name." },
    { "import", ud_audit_detail_new ("import", "file", "/tmp/roll.csv", "rows", "3", "added", "1", "updated", "1",
                                     "refused", "1", NULL),
      "/tmp/roll.csv: 3 rows read, 1 added, 1 updated, 1 refused." },
    { "backup", ud_audit_detail_new ("backup", "file", "/b/x.db", "how", "automatic", NULL), "Daily backup: /b/x.db" },
    { "restore", ud_audit_detail_new ("restore", "file", "/b/x.db", "kept", "/b/y.db", NULL),
      "From /b/x.db; the data it replaced is kept in /b/y.db." },
    { "resolve_conflict", ud_audit_detail_new ("conflict", "resolution", "merged", "fields", "phone,unit", NULL),
      "The two versions were combined, taking Mobile phone, Work unit from the one that had been set aside." },
    { "update", ud_audit_detail_new ("reference_version", "table_label", "Relief rules", "version", "2025-01", NULL),
      "Relief rules, version 2025-01" },
    /* A sentence of a later version, and a plain detail, as they are. */
    { "update", g_strdup ("{\"what\":\"unheard_of\",\"x\":\"1\"}"), "{\"what\":\"unheard_of\",\"x\":\"1\"}" },
    { "print", g_strdup ("会员登记表"), "会员登记表" },
  };
  g_autofree char *locked = NULL;

  ud_database_set_session (office->db, office->clerk);
  g_assert_true (ud_member_store_save (office->db, record, NULL, &error));
  ud_record_set (record, "status", "transferred");
  ud_record_set (record, "phone", "13912345678");
  g_assert_true (ud_member_store_save (office->db, record, NULL, &error));
  g_assert_no_error (error);

  updated = entries_where (office, "li", "update");
  g_assert_cmpuint (updated->len, ==, 2);
  for (guint i = 0; i < updated->len; i++)
    {
      UdAuditEntry *e = entry (updated, i);
      g_autofree char *actor = ud_audit_entry_actor (e);
      g_autofree char *shown = ud_audit_entry_record (e);
      g_autofree char *change = ud_audit_entry_change (e, TRUE);
      g_autofree char *whole = ud_audit_entry_change (e, FALSE);

      g_assert_cmpstr (actor, ==, "李明 (li)");
      g_assert_cmpstr (ud_audit_kind_label (e->kind), ==, "Member");
      g_assert_cmpstr (e->record_title, ==, "朱明敏");
      g_assert_cmpstr (shown, ==, "朱明敏");
      if (g_str_equal (e->field, "status"))
        {
          g_assert_cmpstr (ud_audit_entry_field (e), ==, "Status");
          g_assert_cmpstr (change, ==, "Active → Transferred out");
        }
      else
        {
          g_assert_cmpstr (ud_audit_entry_field (e), ==, "Mobile phone");
          g_assert_cmpstr (change, ==, "138****8000 → 139****5678");
          g_assert_cmpstr (whole, ==, "13800138000 → 13912345678");
        }
    }

  /* A whole record: its fields by their labels, no stamps or ids. */
  created = entries_where (office, "li", "create");
  g_assert_cmpuint (created->len, >=, 1);
  {
    UdAuditEntry *e = NULL;
    g_autofree char *change = NULL;

    /* The member; its unit, new too, was made before it. */
    for (guint i = 0; i < created->len; i++)
      if (g_str_equal (entry (created, i)->kind, "member"))
        e = entry (created, i);
    g_assert_nonnull (e);
    change = ud_audit_entry_change (e, TRUE);
    g_assert_true (g_str_has_prefix (change, "Name: 朱明敏; "));
    g_assert_nonnull (strstr (change, "ID number: 110105********002X"));
    g_assert_null (strstr (change, record->uuid));
  }

  ud_database_set_session (office->db, office->admin);
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    g_assert_true (ud_database_audit (office->db, details[i].action,
                                      i < 2 ? "account" : g_str_equal (details[i].action, "resolve_conflict") ? "member" : NULL,
                                      NULL,
                                      NULL, NULL, NULL, details[i].detail, &error));
  g_assert_no_error (error);
  all = entries_where (office, "admin", NULL);
  g_assert_cmpuint (all->len, >=, G_N_ELEMENTS (details));
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      /* Newest first. */
      UdAuditEntry *e = entry (all, G_N_ELEMENTS (details) - 1 - i);
      g_autofree char *text = ud_audit_entry_detail (e);

      g_assert_cmpstr (e->detail, ==, details[i].detail);
      if (details[i].text != NULL)
        g_assert_cmpstr (text, ==, details[i].text);
      else
        locked = g_steal_pointer (&text);
      g_free (details[i].detail);
    }
  /* The lock's end in local time, to the minute. */
  g_assert_true (g_str_has_prefix (locked, "Wrong password, 5 of 5: the account is locked until "));
  g_assert_true (g_str_has_suffix (locked, "."));
  g_assert_null (strstr (locked, "T00:00:00Z"));

  /* The fund's budget, named by its year; money in yuan. */
  {
    UdAuditEntry budget = {
      .action = (char *) "update", .kind = (char *) "fund_budget", .uuid = (char *) "2024",
      .field = (char *) "amount", .old_value = (char *) "30000000", .new_value = (char *) "32000000",
    };
    g_autofree char *shown = ud_audit_entry_record (&budget);
    g_autofree char *change = ud_audit_entry_change (&budget, TRUE);

    g_assert_cmpstr (ud_audit_kind_label (budget.kind), ==, "Relief fund budget");
    g_assert_cmpstr (shown, ==, "2024");
    g_assert_cmpstr (ud_audit_entry_field (&budget), ==, "Budget");
    g_assert_cmpstr (change, ==, "300,000.00 → 320,000.00");
  }
}

/* A field that holds an account — who reviewed an application, who
 * created it — reads as the person, not the login: in a change, in a
 * whole record and in the CSV export. */
static void
test_accounts_read_as_people (Office        *office,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *change = NULL;
  g_autofree char *created = NULL;
  g_autofree char *path = g_build_filename (office->dir, "audit.csv", NULL);
  g_autofree char *csv = NULL;
  UdAuditEntry *review;
  UdAuditEntry *record;

  ud_database_set_session (office->db, office->admin);
  g_assert_true (ud_database_audit (office->db, "create", "illness_application", "0190c0de-0000-7000-8000-000000000001",
                                    NULL, NULL, "{\"member_name\":\"朱明敏\",\"created_by\":\"li\"}", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ud_database_audit (office->db, "update", "illness_application", "0190c0de-0000-7000-8000-000000000001",
                                    "reviewed_by", "li", "admin", NULL, &error));
  g_assert_no_error (error);

  all = entries_where (office, "admin", NULL);
  review = entry (all, 0);
  record = entry (all, 1);
  g_assert_cmpstr (review->field, ==, "reviewed_by");
  g_assert_nonnull (review->account_names);

  change = ud_audit_entry_change (review, TRUE);
  g_assert_cmpstr (change, ==, "李明 → 王主任");
  created = ud_audit_entry_change (record, TRUE);
  g_assert_nonnull (strstr (created, "李明"));
  g_assert_null (strstr (created, "li\""));
  g_assert_cmpstr (strstr (created, "Created by: "), ==, "Created by: 李明");

  /* A login no account has any more stays as it was stored. */
  {
    UdAuditEntry gone = *review;
    g_autofree char *shown = NULL;

    gone.old_value = (char *) "someone-gone";
    shown = ud_audit_entry_change (&gone, TRUE);
    g_assert_cmpstr (shown, ==, "someone-gone → 王主任");
  }

  g_assert_cmpint (ud_audit_export_csv (office->db, NULL, path, &error), >=, 2);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "李明,王主任"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

#define OFFICE_TEST(path, func) \
  g_test_add ((path), Office, NULL, office_set_up, (func), office_tear_down)

  OFFICE_TEST ("/audit/every-change-recorded", test_every_change_is_recorded);
  OFFICE_TEST ("/audit/sign-ins-recorded", test_sign_ins_are_recorded);
  OFFICE_TEST ("/audit/cannot-be-altered", test_trail_cannot_be_altered);
  OFFICE_TEST ("/audit/chain/whole", test_chain_is_whole);
  OFFICE_TEST ("/audit/chain/forged-entry", test_chain_finds_forged_entry);
  OFFICE_TEST ("/audit/chain/rewritten-entry", test_chain_finds_rewritten_entry);
  OFFICE_TEST ("/audit/chain/deleted-entry", test_chain_finds_deleted_entry);
  OFFICE_TEST ("/audit/chain/open-restores-and-verifies", test_open_restores_triggers_and_verifies);
  OFFICE_TEST ("/audit/chain/open-restores-step-trail", test_open_restores_step_trail_triggers);
  g_test_add_func ("/audit/chain/migration", test_chain_migration);
  OFFICE_TEST ("/audit/filters-and-pages", test_filters_and_pages);
  OFFICE_TEST ("/audit/export-csv", test_export_csv);
  OFFICE_TEST ("/audit/record-history", test_record_history);
  OFFICE_TEST ("/audit/view-is-administrators", test_audit_view_is_the_administrators);
  OFFICE_TEST ("/audit/failed-change-no-entry", test_failed_change_leaves_no_entry);
  OFFICE_TEST ("/audit/read-as-sentences", test_entries_read_as_sentences);
  OFFICE_TEST ("/audit/accounts-read-as-people", test_accounts_read_as_people);
  g_test_add_func ("/audit/action-labels", test_action_labels);

  return g_test_run ();
}
