/* test-account.c — staff accounts: first run, passwords, sign-in, lockout
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ud-core.h"
#include "ud-account.h"
#include "ud-database.h"
#include "ud-permission.h"

#define MINUTE_US ((gint64) 60 * G_USEC_PER_SEC)
/* 2024-09-02 09:00:00 UTC, a Monday morning. */
#define MONDAY_9AM ((gint64) 1725267600 * G_USEC_PER_SEC)

static UdDatabase *
open_empty (char **path_out)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-account-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(GError) error = NULL;
  UdDatabase *db = ud_database_open (path, &error);

  g_assert_no_error (error);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return db;
}

/* An office set up with its administrator "admin" (password
 * "office-admin-1"). */
static UdDatabase *
open_office (char **path_out)
{
  UdDatabase *db = open_empty (path_out);
  g_autoptr(GError) error = NULL;

  ud_account_initialize_office (db, "110118", "密云区总工会", "admin", "王主任", "office-admin-1", &error);
  g_assert_no_error (error);
  return db;
}

static void
add_account (UdDatabase *db,
             const char *username,
             UdRole      roles)
{
  g_autoptr(GError) error = NULL;

  ud_account_create (db, username, username, roles, "password-of-staff", &error);
  g_assert_no_error (error);
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

static char *
query_text (UdDatabase *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static UdSession *
sign_in_at (UdDatabase *db,
            const char *username,
            const char *password,
            gint64      now)
{
  g_autoptr(GError) error = NULL;
  UdSession *session = ud_account_authenticate_at (db, username, password, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static void
test_first_run_creates_administrator (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdAccount) admin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = query_text (db, "SELECT password_hash FROM account");
  g_autofree char *audited = query_text (db, "SELECT new_value FROM audit_log WHERE action = 'create' AND kind = 'account'");

  g_assert_true (ud_database_is_initialized (db));
  g_assert_cmpstr (ud_database_get_office_name (db), ==, "密云区总工会");

  admin = ud_account_get (db, "admin", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (admin->display_name, ==, "王主任");
  g_assert_cmpint (admin->roles, ==, UD_ROLE_ADMIN);
  g_assert_false (admin->disabled);

  /* Argon2id with the interactive limits, never the password itself. */
  g_assert_true (g_str_has_prefix (hash, "$argon2id$v=19$m=65536,t=2,p=1$"));
  g_assert_null (strstr (hash, "office-admin-1"));
  /* The audit log names the account and its roles, never the hash. */
  g_assert_nonnull (strstr (audited, "\"username\":\"admin\""));
  g_assert_nonnull (strstr (audited, "administrator"));
  g_assert_null (strstr (audited, "argon2"));
}

static void
test_first_run_is_all_or_nothing (void)
{
  g_autoptr(UdDatabase) db = open_empty (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (ud_account_initialize_office (db, "110118", "密云区总工会", "admin", "王主任", "short", &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID);
  g_assert_false (ud_database_is_initialized (db));
  g_assert_cmpint (ud_account_count (db), ==, 0);
  g_clear_error (&error);

  g_assert_false (ud_account_initialize_office (db, "1101", "密云区总工会", "admin", "王主任", "office-admin-1", &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  g_assert_cmpint (ud_account_count (db), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log"), ==, 0);
}

static void
test_password_rules (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (ud_account_create (db, "li", "李明", UD_ROLE_CLERK, "1234567", &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Password: must have at least 8 characters.");
  g_clear_error (&error);

  g_assert_false (ud_account_create (db, "liming88", "李明", UD_ROLE_CLERK, "LiMing88", &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Password: must not be the same as the user name.");
  g_clear_error (&error);

  /* Eight characters are eight characters, in Chinese too. */
  g_assert_true (ud_account_create (db, "li", "李明", UD_ROLE_CLERK, "密云区总工会经办", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ud_account_count (db), ==, 2);
}

static void
test_user_names (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ud_account_create (db, "李明", "李明", UD_ROLE_CLERK, "password-of-staff", &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "User name: "));
  g_clear_error (&error);

  /* Kept in lower case; taken whatever the case. */
  g_assert_true (ud_account_create (db, " Li.Ming ", "李明", UD_ROLE_CLERK, "password-of-staff", &error));
  g_assert_false (ud_account_create (db, "LI.MING", "李明", UD_ROLE_CLERK, "password-of-staff", &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_EXISTS);
  g_clear_error (&error);

  account = ud_account_get (db, "li.ming", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->username, ==, "li.ming");
  g_assert_cmpstr (account->created_by, ==, g_get_user_name ());
}

static void
test_sign_in (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdSession) session = NULL;
  g_autoptr(UdAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  add_account (db, "li", UD_ROLE_CLERK | UD_ROLE_REVIEWER);
  session = sign_in_at (db, "Li", "password-of-staff", MONDAY_9AM);

  g_assert_cmpstr (ud_session_get_username (session), ==, "li");
  g_assert_cmpint (ud_session_get_roles (session), ==, UD_ROLE_CLERK | UD_ROLE_REVIEWER);
  g_assert_true (ud_session_has_role (session, UD_ROLE_REVIEWER));
  g_assert_false (ud_session_has_role (session, UD_ROLE_APPROVER));
  g_assert_cmpint (ud_session_get_signed_in_at (session), ==, MONDAY_9AM);

  account = ud_account_get (db, "li", &error);
  g_assert_cmpstr (account->last_sign_in_at, ==, "2024-09-02T09:00:00Z");
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'sign_in' AND actor = 'li'"), ==, 1);

  /* The session is the actor once set. */
  ud_database_set_session (db, session);
  g_assert_cmpstr (ud_database_get_actor (db), ==, "li");
}

static void
test_wrong_password_counts_down (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(GError) error = NULL;

  add_account (db, "li", UD_ROLE_CLERK);

  g_assert_null (ud_account_authenticate_at (db, "li", "password-of-stuff", MONDAY_9AM, &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_WRONG_PASSWORD);
  g_assert_cmpstr (error->message, ==,
                   "The user name or the password is wrong. 4 attempts are left before the account is locked for 15 minutes.");
  g_clear_error (&error);

  /* A failed sign-in is recorded under the name tried, known or not. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'sign_in_failed' AND actor = 'li'"), ==, 1);
  g_assert_null (ud_account_authenticate_at (db, "wang", "password-of-staff", MONDAY_9AM, &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_WRONG_PASSWORD);
  g_assert_cmpstr (error->message, ==, "The user name or the password is wrong.");
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'sign_in_failed' AND actor = 'wang'"), ==, 1);
}

static void
test_lockout_and_unlock (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) unlock_utc = g_date_time_new_from_unix_utc (MONDAY_9AM / G_USEC_PER_SEC + 4 * 60 + 15 * 60);
  g_autoptr(GDateTime) unlock_local = g_date_time_to_local (unlock_utc);
  g_autofree char *hh_mm = g_date_time_format (unlock_local, "%H:%M");
  g_autofree char *expected = g_strdup_printf ("The account “li” is locked after 5 wrong passwords until %s."
                                               " Try again then, or ask the administrator to reset the password.",
                                               hh_mm);

  add_account (db, "li", UD_ROLE_CLERK);

  /* Five wrong passwords, a minute apart: the fifth locks. */
  for (int i = 0; i < 5; i++)
    {
      g_assert_null (ud_account_authenticate_at (db, "li", "guess-number-x", MONDAY_9AM + i * MINUTE_US, &error));
      g_assert_error (error, UD_ACCOUNT_ERROR, (i < 4 ? UD_ACCOUNT_ERROR_WRONG_PASSWORD : UD_ACCOUNT_ERROR_LOCKED));
      g_clear_error (&error);
    }

  /* Locked: even the right password is refused, saying until when. */
  g_assert_null (ud_account_authenticate_at (db, "li", "password-of-staff", MONDAY_9AM + 18 * MINUTE_US, &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_LOCKED);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* Fifteen minutes after the fifth failure, it opens again, with five
   * fresh attempts. */
  session = sign_in_at (db, "li", "password-of-staff", MONDAY_9AM + 19 * MINUTE_US);
  g_assert_cmpint (query_int (db, "SELECT failed_attempts FROM account WHERE username = 'li'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'sign_in_failed' AND actor = 'li'"), ==, 6);
}

static void
test_expired_lock_counts_afresh (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(GError) error = NULL;

  add_account (db, "li", UD_ROLE_CLERK);
  for (int i = 0; i < 5; i++)
    {
      g_assert_null (ud_account_authenticate_at (db, "li", "guess-number-x", MONDAY_9AM, &error));
      g_clear_error (&error);
    }

  /* After the lock, one wrong password is the first of five again. */
  g_assert_null (ud_account_authenticate_at (db, "li", "guess-number-y", MONDAY_9AM + 16 * MINUTE_US, &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_WRONG_PASSWORD);
  g_assert_nonnull (strstr (error->message, "4 attempts are left"));
}

static void
test_disabled_account_cannot_sign_in (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdSession) session = NULL;
  g_autoptr(GError) error = NULL;

  add_account (db, "li", UD_ROLE_CLERK);
  g_assert_true (ud_account_disable (db, "li", &error));

  g_assert_null (ud_account_authenticate_at (db, "li", "password-of-staff", MONDAY_9AM, &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_DISABLED);
  g_assert_cmpstr (error->message, ==, "This account has been disabled. Ask the administrator if you still need it.");
  g_clear_error (&error);

  g_assert_true (ud_account_enable (db, "li", &error));
  session = sign_in_at (db, "li", "password-of-staff", MONDAY_9AM);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action IN ('disable', 'enable') AND kind = 'account'"), ==, 2);
}

static void
test_accounts_are_never_deleted (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);

  g_assert_cmpint (sqlite3_exec (ud_database_get_handle (db), "DELETE FROM account", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (ud_account_count (db), ==, 1);
}

static void
test_reset_password_forces_a_change (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdSession) session = NULL;
  g_autoptr(GError) error = NULL;

  add_account (db, "li", UD_ROLE_CLERK);
  for (int i = 0; i < 5; i++)
    {
      g_assert_null (ud_account_authenticate_at (db, "li", "guess-number-x", MONDAY_9AM, &error));
      g_clear_error (&error);
    }

  /* The administrator's reset lifts the lock at once. */
  g_assert_true (ud_account_reset_password (db, "li", "temporary-123", &error));
  g_assert_no_error (error);
  session = sign_in_at (db, "li", "temporary-123", MONDAY_9AM + MINUTE_US);
  g_assert_true (ud_session_get_must_change_password (session));

  /* Nothing else is allowed until the user has chosen a password. */
  ud_database_set_session (db, session);
  g_assert_false (ud_database_require (db, UD_PERMISSION_EDIT_MEMBERS, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_PASSWORD_CHANGE_REQUIRED);
  g_clear_error (&error);

  g_assert_true (ud_account_change_password (db, "li", "temporary-123", "my-own-secret", &error));
  g_assert_no_error (error);
  g_assert_false (ud_session_get_must_change_password (session));
  g_assert_true (ud_database_require (db, UD_PERMISSION_EDIT_MEMBERS, &error));
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'reset_password'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'change_password' AND actor = 'li'"), ==, 1);
}

static void
test_change_own_password (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdSession) session = NULL;
  g_autoptr(UdSession) again = NULL;
  g_autoptr(GError) error = NULL;

  add_account (db, "li", UD_ROLE_CLERK);
  add_account (db, "wang", UD_ROLE_CLERK);
  session = sign_in_at (db, "li", "password-of-staff", MONDAY_9AM);
  ud_database_set_session (db, session);

  g_assert_false (ud_account_change_password (db, "li", "not-my-password", "my-own-secret", &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  /* Only one's own. */
  g_assert_false (ud_account_change_password (db, "wang", "password-of-staff", "my-own-secret", &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_true (ud_account_change_password (db, "li", "password-of-staff", "my-own-secret", &error));
  g_assert_no_error (error);

  g_assert_null (ud_account_authenticate_at (db, "li", "password-of-staff", MONDAY_9AM, &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  again = sign_in_at (db, "li", "my-own-secret", MONDAY_9AM);
}

static void
test_office_keeps_an_administrator (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdSession) admin = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ud_account_disable (db, "admin", &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_LAST_ADMINISTRATOR);
  g_clear_error (&error);
  g_assert_false (ud_account_update (db, "admin", NULL, UD_ROLE_CLERK, &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_LAST_ADMINISTRATOR);
  g_clear_error (&error);

  /* With a second administrator, the first may give up the role. */
  add_account (db, "zhao", UD_ROLE_ADMIN);
  g_assert_true (ud_account_update (db, "admin", "王主任", UD_ROLE_CLERK | UD_ROLE_APPROVER, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'update' AND field = 'roles'"
                                  " AND old_value = 'administrator' AND new_value = 'clerk,approver'"), ==, 1);

  /* Nobody disables their own account. */
  admin = sign_in_at (db, "zhao", "password-of-staff", MONDAY_9AM);
  ud_database_set_session (db, admin);
  g_assert_false (ud_account_disable (db, "zhao", &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID);
}

static void
test_only_the_administrator_manages_accounts (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdSession) clerk = NULL;
  g_autoptr(GError) error = NULL;

  add_account (db, "li", UD_ROLE_CLERK);
  clerk = sign_in_at (db, "li", "password-of-staff", MONDAY_9AM);
  ud_database_set_session (db, clerk);

  g_assert_false (ud_account_create (db, "wang", "王芳", UD_ROLE_APPROVER, "password-of-staff", &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (ud_account_reset_password (db, "admin", "taken-over-1", &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (ud_account_list (db, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_assert_cmpint (ud_account_count (db), ==, 2);
}

static void
test_first_account_must_be_administrator (void)
{
  g_autoptr(UdDatabase) db = open_empty (NULL);
  g_autoptr(GError) error = NULL;

  ud_database_set_sign_in_required (db, TRUE);
  g_assert_false (ud_account_create (db, "li", "李明", UD_ROLE_CLERK, "password-of-staff", &error));
  g_assert_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID);
  g_clear_error (&error);

  /* Nobody can sign in yet, so the first administrator needs no one's
   * permission; the second account does. */
  g_assert_true (ud_account_create (db, "admin", "王主任", UD_ROLE_ADMIN, "office-admin-1", &error));
  g_assert_no_error (error);
  g_assert_false (ud_account_create (db, "li", "李明", UD_ROLE_CLERK, "password-of-staff", &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_NOT_SIGNED_IN);
}

static void
test_switch_user (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdSession) li = NULL;
  g_autoptr(UdSession) wang = NULL;
  g_autoptr(GError) error = NULL;

  add_account (db, "li", UD_ROLE_CLERK);
  add_account (db, "wang", UD_ROLE_APPROVER);
  ud_database_set_sign_in_required (db, TRUE);

  li = sign_in_at (db, "li", "password-of-staff", MONDAY_9AM);
  ud_database_set_session (db, li);
  g_assert_true (ud_database_may (db, UD_PERMISSION_EDIT_MEMBERS));

  g_assert_true (ud_account_sign_out (db, &error));
  g_assert_no_error (error);
  g_assert_null (ud_database_get_session (db));
  g_assert_false (ud_database_may (db, UD_PERMISSION_VIEW_MEMBERS));

  wang = sign_in_at (db, "wang", "password-of-staff", MONDAY_9AM + MINUTE_US);
  ud_database_set_session (db, wang);
  g_assert_cmpstr (ud_database_get_actor (db), ==, "wang");
  g_assert_false (ud_database_may (db, UD_PERMISSION_EDIT_MEMBERS));
  g_assert_true (ud_database_may (db, UD_PERMISSION_APPROVE_APPLICATION));
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'sign_out' AND actor = 'li'"), ==, 1);
}

static void
test_roles_from_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;
  UdRole roles = 0;

  g_assert_true (ud_roles_from_string (" Clerk, reviewer ,admin", &roles, &error));
  g_assert_cmpint (roles, ==, UD_ROLE_ADMIN | UD_ROLE_CLERK | UD_ROLE_REVIEWER);
  codes = ud_roles_to_string (roles);
  g_assert_cmpstr (codes, ==, "administrator,clerk,reviewer");

  g_assert_false (ud_roles_from_string ("clerk,boss", &roles, &error));
  g_assert_error (error, UD_SESSION_ERROR, UD_SESSION_ERROR_INVALID_ROLE);
  g_assert_nonnull (strstr (error->message, "“boss” is not a role"));
}

typedef struct
{
  char      *path;
  char      *username;
  gboolean   signed_in;
} SignInJob;

static gpointer
sign_in_thread (gpointer data)
{
  SignInJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDatabase) db = ud_database_open (job->path, &error);
  g_autoptr(UdSession) session = NULL;

  if (db != NULL)
    session = ud_account_authenticate (db, job->username, "password-of-staff", &error);
  job->signed_in = session != NULL;

  return NULL;
}

static void
test_sign_in_from_worker_threads (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UdDatabase) db = open_office (&path);
  SignInJob jobs[2] = { { path, (char *) "li", FALSE }, { path, (char *) "wang", FALSE } };
  GThread *threads[2];

  add_account (db, "li", UD_ROLE_CLERK);
  add_account (db, "wang", UD_ROLE_REVIEWER);

  /* Two workstations' worth of sign-ins at once, each thread with its
   * own connection: hashing is off the UI thread and shares nothing. */
  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("sign-in", sign_in_thread, &jobs[i]);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);

  g_assert_true (jobs[0].signed_in);
  g_assert_true (jobs[1].signed_in);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'sign_in'"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

  g_test_add_func ("/account/first-run-creates-administrator", test_first_run_creates_administrator);
  g_test_add_func ("/account/first-run-all-or-nothing", test_first_run_is_all_or_nothing);
  g_test_add_func ("/account/password-rules", test_password_rules);
  g_test_add_func ("/account/user-names", test_user_names);
  g_test_add_func ("/account/sign-in", test_sign_in);
  g_test_add_func ("/account/wrong-password-counts-down", test_wrong_password_counts_down);
  g_test_add_func ("/account/lockout-and-unlock", test_lockout_and_unlock);
  g_test_add_func ("/account/expired-lock-counts-afresh", test_expired_lock_counts_afresh);
  g_test_add_func ("/account/disabled-cannot-sign-in", test_disabled_account_cannot_sign_in);
  g_test_add_func ("/account/never-deleted", test_accounts_are_never_deleted);
  g_test_add_func ("/account/reset-forces-change", test_reset_password_forces_a_change);
  g_test_add_func ("/account/change-own-password", test_change_own_password);
  g_test_add_func ("/account/keeps-an-administrator", test_office_keeps_an_administrator);
  g_test_add_func ("/account/only-administrator-manages", test_only_the_administrator_manages_accounts);
  g_test_add_func ("/account/first-account-administrator", test_first_account_must_be_administrator);
  g_test_add_func ("/account/switch-user", test_switch_user);
  g_test_add_func ("/account/roles-from-text", test_roles_from_text);
  g_test_add_func ("/account/sign-in-worker-threads", test_sign_in_from_worker_threads);

  return g_test_run ();
}
