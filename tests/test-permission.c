/* test-permission.c — what each role may do, enforced in the core
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-core.h"
#include "ud-account.h"
#include "ud-database.h"
#include "ud-export.h"
#include "ud-import.h"
#include "ud-member-store.h"
#include "ud-permission.h"

typedef struct
{
  UdDatabase *db;
  char       *dir;
} Office;

static void
office_set_up (Office        *office,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const struct { const char *name; UdRole roles; } staff[] = {
    { "li",    UD_ROLE_CLERK },
    { "zhou",  UD_ROLE_REVIEWER },
    { "wang",  UD_ROLE_APPROVER },
    /* A small office: one person keeps the roll and also approves. */
    { "sun",   UD_ROLE_CLERK | UD_ROLE_APPROVER },
  };

  office->dir = g_dir_make_tmp ("ud-permission-XXXXXX", NULL);
  path = g_build_filename (office->dir, "office.db", NULL);
  office->db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_account_initialize_office (office->db, "110118", "密云区总工会", "admin", "王主任", "office-admin-1", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      ud_account_create (office->db, staff[i].name, staff[i].name, staff[i].roles, "password-of-staff", &error);
      g_assert_no_error (error);
    }

  /* As the app runs it: nothing without a signed-in account. */
  ud_database_set_sign_in_required (office->db, TRUE);
}

static void
office_tear_down (Office        *office,
                  gconstpointer  data)
{
  g_clear_object (&office->db);
  g_free (office->dir);
}

static void
sign_in (Office     *office,
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

static UdRecord *
sample_member (void)
{
  UdRecord *record = ud_record_new (&ud_kind_member);

  ud_record_set (record, "name", "朱明敏");
  ud_record_set (record, "id_number", "11010519491231002X");
  ud_record_set (record, "phone", "13800138000");
  ud_record_set (record, "card_number", "6217001049123100268");
  ud_record_set (record, "unit", "北京密云建材有限公司");
  return record;
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

static void
test_clerk_cannot_approve (Office        *office,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The separation of duties is the workflow's (test-workflow). */
  sign_in (office, "li");
  g_assert_false (ud_database_may (office->db, UD_PERMISSION_APPROVE_APPLICATION));
  g_assert_false (ud_database_require (office->db, UD_PERMISSION_APPROVE_APPLICATION, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==,
                   "“li” (Clerk) may not approve applications: that needs the role Approver.");
}

static void
test_only_clerks_edit_members (Office        *office,
                               gconstpointer  data)
{
  g_autoptr(UdRecord) record = sample_member ();
  g_autoptr(UdRecord) stored = NULL;
  g_autoptr(GError) error = NULL;

  sign_in (office, "zhou");
  g_assert_false (ud_member_store_save (office->db, record, NULL, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_assert_cmpint (ud_member_store_count (office->db), ==, 0);
  g_clear_error (&error);

  sign_in (office, "li");
  g_assert_true (ud_member_store_save (office->db, record, NULL, &error));
  g_assert_no_error (error);

  /* The signed-in account is who changed it. */
  stored = ud_member_store_get (office->db, record->id, &error);
  g_assert_cmpstr (stored->updated_by, ==, "li");
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM audit_log WHERE action = 'create' AND kind = 'member' AND actor = 'li'"), ==, 1);

  /* The reviewer may read it, not delete it. */
  sign_in (office, "zhou");
  g_assert_false (ud_member_store_delete (office->db, record->id, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_assert_cmpint (ud_member_store_count (office->db), ==, 1);
}

static void
test_nothing_without_sign_in (Office        *office,
                              gconstpointer  data)
{
  g_autoptr(UdRecord) record = sample_member ();
  g_autoptr(GError) error = NULL;
  UdMemberQuery query = { 0 };

  g_assert_null (ud_database_get_session (office->db));
  g_assert_false (ud_member_store_save (office->db, record, NULL, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_NOT_SIGNED_IN);
  g_assert_cmpstr (error->message, ==, "Nobody is signed in, so you may not add and edit members. Sign in first.");
  g_clear_error (&error);

  g_assert_null (ud_member_store_query (office->db, &query, NULL, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_NOT_SIGNED_IN);
}

static void
test_command_line_user_may_do_everything (Office        *office,
                                          gconstpointer  data)
{
  /* The CLI sets no session: the operating-system user is the machine's
   * administrator. */
  ud_database_set_sign_in_required (office->db, FALSE);
  for (UdPermission p = 0; p < UD_N_PERMISSIONS; p++)
    g_assert_true (ud_database_may (office->db, p));
  g_assert_cmpstr (ud_database_get_actor (office->db), ==, g_get_user_name ());
}

static void
test_role_table (void)
{
  /* Whole ID numbers leave the office only with an administrator or an
   * approver. */
  g_assert_cmpint (ud_permission_get_roles (UD_PERMISSION_EXPORT_FULL_IDS), ==, UD_ROLE_ADMIN | UD_ROLE_APPROVER);
  g_assert_cmpint (ud_permission_get_roles (UD_PERMISSION_ADMINISTER), ==, UD_ROLE_ADMIN);
  g_assert_cmpint (ud_permission_get_roles (UD_PERMISSION_VIEW_AUDIT), ==, UD_ROLE_ADMIN);
  g_assert_cmpint (ud_permission_get_roles (UD_PERMISSION_REVIEW_APPLICATION), ==, UD_ROLE_REVIEWER);
  g_assert_cmpint (ud_permission_get_roles (UD_PERMISSION_APPROVE_APPLICATION), ==, UD_ROLE_APPROVER);
  g_assert_true (ud_role_has_permission (UD_ROLE_CLERK, UD_PERMISSION_CREATE_APPLICATION));
  g_assert_false (ud_role_has_permission (UD_ROLE_ADMIN, UD_PERMISSION_EDIT_MEMBERS));
  g_assert_cmpstr (ud_permission_to_string (UD_PERMISSION_BACKUP_RESTORE), ==, "backup_restore");
}

static char *
export_as (Office     *office,
           const char *username)
{
  g_autofree char *path = g_build_filename (office->dir, username, NULL);
  g_autofree char *csv_path = g_strconcat (path, ".csv", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  sign_in (office, username);
  g_assert_cmpint (ud_export_members (office->db, NULL, csv_path, NULL, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_file_get_contents (csv_path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_clerk_export_is_masked (Office        *office,
                             gconstpointer  data)
{
  g_autoptr(UdRecord) record = sample_member ();
  g_autoptr(GError) error = NULL;
  g_autofree char *clerk_csv = NULL;
  g_autofree char *approver_csv = NULL;

  sign_in (office, "li");
  g_assert_true (ud_member_store_save (office->db, record, NULL, &error));

  clerk_csv = export_as (office, "li");
  g_assert_nonnull (strstr (clerk_csv, "110105********002X"));
  g_assert_nonnull (strstr (clerk_csv, "138****8000"));
  g_assert_null (strstr (clerk_csv, "11010519491231002X"));
  g_assert_null (strstr (clerk_csv, "13800138000"));
  g_assert_null (strstr (clerk_csv, "6217001049123100268"));
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM audit_log WHERE action = 'export' AND actor = 'li'"
                                          " AND detail LIKE '{\"what\":\"export\",%\"masked\":\"1\"}'"), ==, 1);

  approver_csv = export_as (office, "wang");
  g_assert_nonnull (strstr (approver_csv, "11010519491231002X"));
  g_assert_nonnull (strstr (approver_csv, "6217001049123100268"));
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM audit_log WHERE action = 'export' AND actor = 'wang'"
                                          " AND detail LIKE '{\"what\":\"export\",%\"masked\":\"0\"}'"), ==, 1);
}

static void
test_import_needs_a_clerk (Office        *office,
                           gconstpointer  data)
{
  g_autofree char *roster = g_test_build_filename (G_TEST_DIST, "files", "roster-utf8.csv", NULL);
  g_autoptr(UdImport) import = NULL;
  g_autoptr(UdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  import = ud_import_new_from_file (&ud_kind_member, roster, NULL, &error);
  g_assert_no_error (error);

  sign_in (office, "wang");
  g_assert_null (ud_import_run (import, office->db, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM member"), ==, 0);
  g_clear_error (&error);

  sign_in (office, "li");
  report = ud_import_run (import, office->db, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

#define OFFICE_TEST(path, func) \
  g_test_add ((path), Office, NULL, office_set_up, (func), office_tear_down)

  OFFICE_TEST ("/permission/clerk-cannot-approve", test_clerk_cannot_approve);
  OFFICE_TEST ("/permission/only-clerks-edit-members", test_only_clerks_edit_members);
  OFFICE_TEST ("/permission/nothing-without-sign-in", test_nothing_without_sign_in);
  OFFICE_TEST ("/permission/command-line-user", test_command_line_user_may_do_everything);
  g_test_add_func ("/permission/role-table", test_role_table);
  OFFICE_TEST ("/permission/clerk-export-masked", test_clerk_export_is_masked);
  OFFICE_TEST ("/permission/import-needs-clerk", test_import_needs_a_clerk);

  return g_test_run ();
}
