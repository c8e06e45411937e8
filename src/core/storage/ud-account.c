/* ud-account.c — staff accounts, roles, passwords and sign-in
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-account"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "ud-account.h"
#include "ud-audit-detail.h"
#include "ud-database-private.h"
#include "ud-permission.h"
#include "ud-session-private.h"
#include "ud-uuid.h"
#include "ud-validate.h"

#define MAX_USERNAME_LENGTH     32
#define MAX_DISPLAY_NAME_LENGTH 64
/* A failed sign-in records what was typed, cut to this many characters. */
#define MAX_TRIED_NAME_LENGTH   64


G_DEFINE_QUARK (ud-account-error-quark, ud_account_error)

/* The columns of UdAccount, in read_account()'s order. */
#define ACCOUNT_COLUMNS \
  "id, uuid, username, display_name, roles, disabled, must_change_password," \
  " failed_attempts, locked_until, created_at, created_by, password_changed_at, last_sign_in_at"

/* Accounts */

void
ud_account_free (UdAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->uuid);
  g_free (account->username);
  g_free (account->display_name);
  g_free (account->created_at);
  g_free (account->created_by);
  g_free (account->password_changed_at);
  g_free (account->last_sign_in_at);
  g_free (account);
}

static char *
iso_from_us (gint64 us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

static gint64
us_from_iso (const char *iso)
{
  g_autoptr(GDateTime) time = NULL;

  if (iso == NULL || *iso == '\0')
    return 0;

  time = g_date_time_new_from_iso8601 (iso, NULL);
  if (time == NULL)
    return 0;

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static char *
local_hh_mm (gint64 us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%H:%M");
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static UdAccount *
read_account (sqlite3_stmt *stmt)
{
  UdAccount *account = g_new0 (UdAccount, 1);

  account->id = sqlite3_column_int64 (stmt, 0);
  account->uuid = column_dup (stmt, 1);
  account->username = column_dup (stmt, 2);
  account->display_name = column_dup (stmt, 3);
  account->roles = sqlite3_column_int (stmt, 4);
  account->disabled = sqlite3_column_int (stmt, 5) != 0;
  account->must_change_password = sqlite3_column_int (stmt, 6) != 0;
  account->failed_attempts = sqlite3_column_int (stmt, 7);
  account->locked_until = us_from_iso ((const char *) sqlite3_column_text (stmt, 8));
  account->created_at = column_dup (stmt, 9);
  account->created_by = column_dup (stmt, 10);
  account->password_changed_at = column_dup (stmt, 11);
  account->last_sign_in_at = column_dup (stmt, 12);

  return account;
}

/* The account, or NULL with @error unset when there is none. */
static UdAccount *
lookup (UdDatabase  *db,
        const char  *username,
        GError     **error)
{
  return _ud_database_select_row (db, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE username = ?1",
                                  username, 0, (UdRowReader) read_account,
                                  _("read the accounts"), error);
}

static UdAccount *
lookup_existing (UdDatabase  *db,
                 const char  *username,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  UdAccount *account = lookup (db, username, &local_error);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (account == NULL)
    g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_NOT_FOUND,
                 _("There is no account with the user name “%s”."), username);

  return account;
}

static char *
password_hash_of (UdDatabase  *db,
                  gint64       id,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  char *hash = NULL;

  stmt = ud_database_prepare (db, "SELECT password_hash FROM account WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (hash == NULL)
    ud_database_set_error (db, error, _("read the accounts"));

  return hash;
}

gint64
ud_account_count (UdDatabase *db)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (UD_IS_DATABASE (db), 0);

  stmt = ud_database_prepare (db, "SELECT count (*) FROM account", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

GPtrArray *
ud_account_list (UdDatabase  *db,
                 GError     **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_account_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  if (!ud_database_require (db, UD_PERMISSION_ADMINISTER, error))
    return NULL;

  stmt = ud_database_prepare (db, "SELECT " ACCOUNT_COLUMNS " FROM account ORDER BY username", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, read_account (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the accounts"));
      return NULL;
    }

  return g_steal_pointer (&accounts);
}

UdAccount *
ud_account_get (UdDatabase  *db,
                const char  *username,
                GError     **error)
{
  UdSession *session;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (username != NULL, NULL);

  /* Anyone may read their own account; others' are the administrator's. */
  session = ud_database_get_session (db);
  if ((session == NULL || g_ascii_strcasecmp (ud_session_get_username (session), username) != 0) &&
      !ud_database_require (db, UD_PERMISSION_ADMINISTER, error))
    return NULL;

  return lookup_existing (db, username, error);
}

char *
ud_account_display_name (UdDatabase *db,
                         const char *username)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  if (username == NULL || *username == '\0')
    return g_strdup ("");

  stmt = ud_database_prepare (db, "SELECT display_name FROM account WHERE username = ?1", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, username, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL &&
          *sqlite3_column_text (stmt, 0) != '\0')
        name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }

  return name != NULL ? name : g_strdup (username);
}

/* Rules */

gboolean
ud_account_check_username (const char  *username,
                           GError     **error)
{
  gsize length;

  g_return_val_if_fail (username != NULL, FALSE);

  length = strlen (username);
  if (length < 2 || length > MAX_USERNAME_LENGTH || !g_ascii_isalpha (username[0]))
    goto bad;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (username[i]) && username[i] != '.' && username[i] != '-' && username[i] != '_')
      goto bad;

  return TRUE;

bad:
  g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID,
               _("User name: use 2 to %d letters, digits, dots, hyphens or underscores, starting with a letter, for example “liming” or “li.ming”."),
               MAX_USERNAME_LENGTH);
  return FALSE;
}

gboolean
ud_account_check_password (const char  *username,
                           const char  *password,
                           GError     **error)
{
  g_return_val_if_fail (password != NULL, FALSE);

  if (!g_utf8_validate (password, -1, NULL) ||
      g_utf8_strlen (password, -1) < UD_ACCOUNT_MIN_PASSWORD_LENGTH)
    {
      g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID,
                   ngettext ("Password: must have at least %d character.",
                             "Password: must have at least %d characters.",
                             UD_ACCOUNT_MIN_PASSWORD_LENGTH),
                   UD_ACCOUNT_MIN_PASSWORD_LENGTH);
      return FALSE;
    }

  if (username != NULL && g_ascii_strcasecmp (username, password) == 0)
    {
      g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID,
                   _("Password: must not be the same as the user name."));
      return FALSE;
    }

  return TRUE;
}

static char *
check_display_name (const char  *display_name,
                    GError     **error)
{
  g_autofree char *name = NULL;

  if (display_name != NULL && g_utf8_validate (display_name, -1, NULL))
    name = ud_text_strip (display_name);
  if (name == NULL || *name == '\0' ||
      g_utf8_strlen (name, -1) > MAX_DISPLAY_NAME_LENGTH)
    {
      g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID,
                   _("Name: give the person's name, at most %d characters."),
                   MAX_DISPLAY_NAME_LENGTH);
      return NULL;
    }

  return g_steal_pointer (&name);
}

static gboolean
check_roles (UdRole    roles,
             GError  **error)
{
  if (roles == 0 || (roles & ~UD_ROLE_ALL) != 0)
    {
      g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID,
                   _("Roles: give at least one of administrator, clerk, reviewer and approver."));
      return FALSE;
    }

  return TRUE;
}

/* Passwords */

static gboolean
ensure_sodium (GError **error)
{
  static gsize once;
  static gboolean ready;

  if (g_once_init_enter (&once))
    {
      ready = sodium_init () >= 0;
      g_once_init_leave (&once, 1);
    }

  if (!ready)
    g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_FAILED,
                 _("The password library could not start, so nobody can sign in. Reinstall UnionDesk."));

  return ready;
}

static char *
hash_password (const char  *password,
               GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (!ensure_sodium (error))
    return NULL;

  /* Argon2id with libsodium's interactive limits: about 70 ms and 64 MB
   * per hash on the office's machines. */
  if (crypto_pwhash_str (hash, password, strlen (password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_FAILED,
                   _("There is not enough free memory to protect the password. Close other programs and try again."));
      return NULL;
    }

  return g_strdup (hash);
}

static gboolean
verify_password (const char *hash,
                 const char *password)
{
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

/* Verifies against a hash of nothing, so that an unknown user name takes
 * as long to refuse as a wrong password. */
static void
verify_nothing (const char *password)
{
  static gsize once;
  static char *dummy;

  if (g_once_init_enter (&once))
    {
      dummy = hash_password ("no account has this password", NULL);
      g_once_init_leave (&once, 1);
    }

  if (dummy != NULL)
    verify_password (dummy, password);
}

/* Writing */

static char *
account_json (const char *username,
              const char *display_name,
              UdRole      roles)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *role_codes = ud_roles_to_string (roles);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, display_name);
  json_builder_set_member_name (builder, "roles");
  json_builder_add_string_value (builder, role_codes);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* Within a transaction. */
static gboolean
insert_account (UdDatabase  *db,
                const char  *username,
                const char  *display_name,
                UdRole       roles,
                const char  *hash,
                GError     **error)
{
  g_autofree char *uuid = ud_uuid_v7_new ();
  g_autofree char *now = ud_database_now_iso ();
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (db,
                              "INSERT INTO account (uuid, username, display_name, roles, password_hash,"
                              " created_at, created_by, password_changed_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, username, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, display_name, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, roles);
  sqlite3_bind_text (stmt, 5, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, ud_database_get_actor (db), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_EXISTS,
                   _("User name: “%s” is taken already; choose another."), username);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("add the account"));
      return FALSE;
    }

  /* Never the hash: the audit log is for people to read. */
  json = account_json (username, display_name, roles);
  return ud_database_audit (db, "create", "account", uuid, NULL, NULL, json, NULL, error);
}

typedef struct
{
  char *username;
  char *display_name;
  char *hash;
} NewAccount;

static void
new_account_clear (NewAccount *account)
{
  g_clear_pointer (&account->username, g_free);
  g_clear_pointer (&account->display_name, g_free);
  g_clear_pointer (&account->hash, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NewAccount, new_account_clear)

/* Checks everything and hashes the password, before any transaction. */
static gboolean
prepare_account (NewAccount  *account,
                 const char  *username,
                 const char  *display_name,
                 UdRole       roles,
                 const char  *password,
                 GError     **error)
{
  g_autofree char *name = g_strstrip (g_strdup (username != NULL ? username : ""));

  if (!ud_account_check_username (name, error))
    return FALSE;
  account->username = g_ascii_strdown (name, -1);

  account->display_name = check_display_name (display_name, error);
  if (account->display_name == NULL)
    return FALSE;

  if (!check_roles (roles, error) ||
      !ud_account_check_password (account->username, password, error))
    return FALSE;

  account->hash = hash_password (password, error);
  return account->hash != NULL;
}

gboolean
ud_account_initialize_office (UdDatabase  *db,
                              const char  *district,
                              const char  *office_name,
                              const char  *admin_username,
                              const char  *admin_display_name,
                              const char  *password,
                              GError     **error)
{
  g_auto(NewAccount) account = { NULL };

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (ud_account_count (db) > 0)
    {
      g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_EXISTS,
                   _("This office has accounts already: its administrator adds new ones."));
      return FALSE;
    }

  if (!prepare_account (&account, admin_username, admin_display_name, UD_ROLE_ADMIN, password, error))
    return FALSE;

  if (!ud_database_begin (db, error))
    return FALSE;
  if (!_ud_database_write_office (db, district, office_name, error) ||
      !insert_account (db, account.username, account.display_name, UD_ROLE_ADMIN, account.hash, error) ||
      !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }

  _ud_database_reload_office (db);

  return TRUE;
}

gboolean
ud_account_create (UdDatabase  *db,
                   const char  *username,
                   const char  *display_name,
                   UdRole       roles,
                   const char  *password,
                   GError     **error)
{
  g_auto(NewAccount) account = { NULL };
  g_autoptr(UdAccount) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean first;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  first = ud_account_count (db) == 0;
  if (first && (roles & UD_ROLE_ADMIN) == 0)
    {
      g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID,
                   _("Roles: the office's first account must be an administrator."));
      return FALSE;
    }
  if (!first && !ud_database_require (db, UD_PERMISSION_ADMINISTER, error))
    return FALSE;

  /* A taken name is said before the slow hashing. */
  if (username != NULL)
    {
      g_autofree char *name = g_strstrip (g_strdup (username));

      existing = lookup (db, name, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (existing != NULL)
        {
          g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_EXISTS,
                       _("User name: “%s” is taken already; choose another."), existing->username);
          return FALSE;
        }
    }

  if (!prepare_account (&account, username, display_name, roles, password, error))
    return FALSE;

  if (!ud_database_begin (db, error))
    return FALSE;
  if (!insert_account (db, account.username, account.display_name, roles, account.hash, error) ||
      !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }

  return TRUE;
}

/* Within a transaction: would the office keep an enabled administrator
 * besides @id? */
static gboolean
other_administrator_exists (UdDatabase  *db,
                            gint64       id,
                            gboolean    *exists,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (db,
                              "SELECT count (*) FROM account"
                              " WHERE disabled = 0 AND (roles & ?1) != 0 AND id != ?2",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, UD_ROLE_ADMIN);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *exists = sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      ud_database_set_error (db, error, _("read the accounts"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
keep_an_administrator (UdDatabase  *db,
                       UdAccount   *account,
                       GError     **error)
{
  gboolean exists = FALSE;

  if (!other_administrator_exists (db, account->id, &exists, error))
    return FALSE;

  if (!exists)
    {
      g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_LAST_ADMINISTRATOR,
                   _("“%s” is the office's only administrator: make another account an administrator first."),
                   account->username);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_own_account (UdDatabase *db,
                const char *username)
{
  UdSession *session = ud_database_get_session (db);

  return session != NULL && g_ascii_strcasecmp (ud_session_get_username (session), username) == 0;
}

/* Runs an UPDATE of one account whose parameters are ?1 the id and,
 * where it has them, ?2 a text and ?3 a number (binding a parameter the
 * statement lacks is a harmless SQLITE_RANGE). */
static gboolean
run_update (UdDatabase  *db,
            const char  *sql,
            gint64       id,
            const char  *text,
            int          number,
            const char  *what,
            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, number);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, what);
      return FALSE;
    }

  return TRUE;
}

gboolean
ud_account_update (UdDatabase  *db,
                   const char  *username,
                   const char  *display_name,
                   UdRole       roles,
                   GError     **error)
{
  g_autoptr(UdAccount) account = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_ADMINISTER, error))
    return FALSE;

  if (display_name != NULL && (name = check_display_name (display_name, error)) == NULL)
    return FALSE;
  if (roles != 0 && !check_roles (roles, error))
    return FALSE;

  if (!ud_database_begin (db, error))
    return FALSE;

  account = lookup_existing (db, username, error);
  if (account == NULL)
    goto failed;

  if (name != NULL && strcmp (name, account->display_name) != 0)
    {
      if (!run_update (db, "UPDATE account SET display_name = ?2 WHERE id = ?1",
                       account->id, name, 0, _("save the account"), error) ||
          !ud_database_audit (db, "update", "account", account->uuid, "display_name",
                              account->display_name, name, NULL, error))
        goto failed;
    }

  if (roles != 0 && roles != account->roles)
    {
      g_autofree char *old_codes = ud_roles_to_string (account->roles);
      g_autofree char *new_codes = ud_roles_to_string (roles);

      if ((account->roles & UD_ROLE_ADMIN) != 0 && (roles & UD_ROLE_ADMIN) == 0 &&
          !account->disabled && !keep_an_administrator (db, account, error))
        goto failed;

      if (!run_update (db, "UPDATE account SET roles = ?3 WHERE id = ?1",
                       account->id, NULL, roles, _("save the account"), error) ||
          !ud_database_audit (db, "update", "account", account->uuid, "roles",
                              old_codes, new_codes, NULL, error))
        goto failed;
    }

  return ud_database_commit (db, error);

failed:
  ud_database_rollback (db);
  return FALSE;
}

static gboolean
set_disabled (UdDatabase  *db,
              const char  *username,
              gboolean     disabled,
              GError     **error)
{
  g_autoptr(UdAccount) account = NULL;

  if (!ud_database_require (db, UD_PERMISSION_ADMINISTER, error))
    return FALSE;

  if (disabled && is_own_account (db, username))
    {
      g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID,
                   _("You cannot disable your own account; another administrator can."));
      return FALSE;
    }

  if (!ud_database_begin (db, error))
    return FALSE;

  account = lookup_existing (db, username, error);
  if (account == NULL)
    goto failed;

  if (account->disabled == disabled)
    return ud_database_commit (db, error);

  if (disabled && (account->roles & UD_ROLE_ADMIN) != 0 &&
      !keep_an_administrator (db, account, error))
    goto failed;

  if (!run_update (db, "UPDATE account SET disabled = ?3 WHERE id = ?1",
                   account->id, NULL, disabled ? 1 : 0, _("save the account"), error) ||
      !ud_database_audit (db, disabled ? "disable" : "enable", "account", account->uuid,
                          NULL, NULL, NULL, NULL, error) ||
      !ud_database_commit (db, error))
    goto failed;

  return TRUE;

failed:
  ud_database_rollback (db);
  return FALSE;
}

gboolean
ud_account_disable (UdDatabase  *db,
                    const char  *username,
                    GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);

  return set_disabled (db, username, TRUE, error);
}

gboolean
ud_account_enable (UdDatabase  *db,
                   const char  *username,
                   GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);

  return set_disabled (db, username, FALSE, error);
}

static gboolean
store_password (UdDatabase  *db,
                UdAccount   *account,
                const char  *hash,
                gboolean     must_change,
                const char  *action,
                GError     **error)
{
  g_autofree char *now = ud_database_now_iso ();
  sqlite3_stmt *stmt;
  int rc;

  /* A new password also lifts a lock: the administrator has spoken to
   * the person, or the person knew the old one. */
  stmt = ud_database_prepare (db,
                              "UPDATE account SET password_hash = ?2, must_change_password = ?3,"
                              " password_changed_at = ?4, failed_attempts = 0, locked_until = NULL"
                              " WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account->id);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, must_change ? 1 : 0);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("save the new password"));
      return FALSE;
    }

  return ud_database_audit (db, action, "account", account->uuid, NULL, NULL, NULL, NULL, error);
}

gboolean
ud_account_reset_password (UdDatabase  *db,
                           const char  *username,
                           const char  *new_password,
                           GError     **error)
{
  g_autoptr(UdAccount) account = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);
  g_return_val_if_fail (new_password != NULL, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_ADMINISTER, error))
    return FALSE;

  account = lookup_existing (db, username, error);
  if (account == NULL ||
      !ud_account_check_password (account->username, new_password, error))
    return FALSE;

  hash = hash_password (new_password, error);
  if (hash == NULL)
    return FALSE;

  if (!ud_database_begin (db, error))
    return FALSE;
  if (!store_password (db, account, hash, TRUE, "reset_password", error) ||
      !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }

  return TRUE;
}

gboolean
ud_account_change_password (UdDatabase  *db,
                            const char  *username,
                            const char  *old_password,
                            const char  *new_password,
                            GError     **error)
{
  g_autoptr(UdAccount) account = NULL;
  g_autofree char *old_hash = NULL;
  g_autofree char *hash = NULL;
  UdSession *session;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);
  g_return_val_if_fail (old_password != NULL, FALSE);
  g_return_val_if_fail (new_password != NULL, FALSE);

  session = ud_database_get_session (db);
  if (session != NULL && !is_own_account (db, username))
    {
      g_set_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED,
                   _("You may change only your own password; the administrator resets other people's."));
      return FALSE;
    }

  if (!ensure_sodium (error))
    return FALSE;

  account = lookup_existing (db, username, error);
  if (account == NULL)
    return FALSE;

  old_hash = password_hash_of (db, account->id, error);
  if (old_hash == NULL)
    return FALSE;

  if (!verify_password (old_hash, old_password))
    {
      g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_WRONG_PASSWORD,
                   _("Current password: it is not right, so the password was not changed."));
      return FALSE;
    }

  if (!ud_account_check_password (account->username, new_password, error))
    return FALSE;
  if (strcmp (old_password, new_password) == 0)
    {
      g_set_error (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_INVALID,
                   _("New password: must differ from the current one."));
      return FALSE;
    }

  hash = hash_password (new_password, error);
  if (hash == NULL)
    return FALSE;

  if (!ud_database_begin (db, error))
    return FALSE;
  if (!store_password (db, account, hash, FALSE, "change_password", error) ||
      !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }

  if (session != NULL)
    _ud_session_password_changed (session);

  return TRUE;
}

/* Sign-in */

static char *
tried_name (const char *username)
{
  g_autofree char *valid = g_utf8_make_valid (username, -1);
  g_autofree char *stripped = g_strstrip (g_steal_pointer (&valid));

  if (g_utf8_strlen (stripped, -1) > MAX_TRIED_NAME_LENGTH)
    return g_utf8_substring (stripped, 0, MAX_TRIED_NAME_LENGTH);

  return g_steal_pointer (&stripped);
}

/* Records a refused sign-in under the user name tried, in its own
 * transaction, and sets @error to @code with @message. */
static UdSession *
refuse (UdDatabase  *db,
        const char  *actor,
        UdAccount   *account,
        const char  *detail,
        GError     **error,
        int          code,
        const char  *message)
{
  g_autoptr(GError) audit_error = NULL;

  if (!_ud_database_audit_as (db, actor, "sign_in_failed", "account",
                              account != NULL ? account->uuid : NULL,
                              NULL, NULL, NULL, detail, &audit_error))
    {
      g_propagate_error (error, g_steal_pointer (&audit_error));
      return NULL;
    }

  g_set_error_literal (error, UD_ACCOUNT_ERROR, code, message);
  return NULL;
}

static char *
locked_message (UdAccount *account,
                gint64     until)
{
  g_autofree char *hh_mm = local_hh_mm (until);

  return g_strdup_printf (_("The account “%s” is locked after %d wrong passwords until %s. Try again then, or ask the administrator to reset the password."),
                          account->username, UD_ACCOUNT_MAX_FAILED_ATTEMPTS, hh_mm);
}

UdSession *
ud_account_authenticate_at (UdDatabase  *db,
                            const char  *username,
                            const char  *password,
                            gint64       now_us,
                            GError     **error)
{
  g_autoptr(UdAccount) account = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *failures = NULL;
  g_autofree char *limit = g_strdup_printf ("%d", UD_ACCOUNT_MAX_FAILED_ATTEMPTS);
  g_autofree char *message = NULL;
  g_autofree char *now_iso = NULL;
  g_autofree char *until_iso = NULL;
  UdSession *session;
  gboolean right;
  guint failed;
  gint64 locked_until;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;

  name = tried_name (username);
  account = lookup (db, name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (account == NULL)
    {
      verify_nothing (password);
      detail = ud_audit_detail_new ("unknown_user", NULL);
      return refuse (db, name, NULL, detail, error,
                     UD_ACCOUNT_ERROR_WRONG_PASSWORD,
                     _("The user name or the password is wrong."));
    }

  if (account->disabled)
    {
      detail = ud_audit_detail_new ("account_disabled", NULL);
      return refuse (db, account->username, account, detail, error,
                     UD_ACCOUNT_ERROR_DISABLED,
                     _("This account has been disabled. Ask the administrator if you still need it."));
    }

  if (account->locked_until > now_us)
    {
      message = locked_message (account, account->locked_until);
      detail = ud_audit_detail_new ("account_locked", NULL);
      return refuse (db, account->username, account, detail, error,
                     UD_ACCOUNT_ERROR_LOCKED, message);
    }

  hash = password_hash_of (db, account->id, error);
  if (hash == NULL)
    return NULL;

  /* The slow part, outside any transaction. */
  right = verify_password (hash, password);

  if (!ud_database_begin (db, error))
    return NULL;

  /* Read again inside the transaction: another workstation may have
   * counted a wrong password meanwhile. */
  g_clear_pointer (&account, ud_account_free);
  account = lookup_existing (db, name, error);
  if (account == NULL)
    goto failed;
  if (account->locked_until > now_us)
    {
      ud_database_rollback (db);
      message = locked_message (account, account->locked_until);
      detail = ud_audit_detail_new ("account_locked", NULL);
      return refuse (db, account->username, account, detail, error,
                     UD_ACCOUNT_ERROR_LOCKED, message);
    }

  now_iso = iso_from_us (now_us);

  if (!right)
    {
      /* A lock that has run out starts the count again. */
      failed = account->locked_until != 0 && account->locked_until <= now_us ? 0 : account->failed_attempts;
      failed++;
      locked_until = 0;
      if (failed >= UD_ACCOUNT_MAX_FAILED_ATTEMPTS)
        {
          locked_until = now_us + (gint64) UD_ACCOUNT_LOCK_MINUTES * 60 * G_USEC_PER_SEC;
          until_iso = iso_from_us (locked_until);
          failures = g_strdup_printf ("%u", failed);
          detail = ud_audit_detail_new ("wrong_password", "failures", failures, "limit", limit,
                                        "locked_until", until_iso, NULL);
          message = locked_message (account, locked_until);
        }
      else
        {
          guint left = UD_ACCOUNT_MAX_FAILED_ATTEMPTS - failed;

          failures = g_strdup_printf ("%u", failed);
          detail = ud_audit_detail_new ("wrong_password", "failures", failures, "limit", limit, NULL);
          message = g_strdup_printf (ngettext ("The user name or the password is wrong. %u attempt is left before the account is locked for %d minutes.",
                                               "The user name or the password is wrong. %u attempts are left before the account is locked for %d minutes.",
                                               left),
                                     left, UD_ACCOUNT_LOCK_MINUTES);
        }

      if (!run_update (db, "UPDATE account SET failed_attempts = ?3, locked_until = ?2 WHERE id = ?1",
                       account->id, until_iso, (int) failed, _("count the wrong password"), error) ||
          !_ud_database_audit_as (db, account->username, "sign_in_failed", "account", account->uuid,
                                  NULL, NULL, NULL, detail, error) ||
          !ud_database_commit (db, error))
        goto failed;

      g_set_error_literal (error, UD_ACCOUNT_ERROR,
                           locked_until != 0 ? UD_ACCOUNT_ERROR_LOCKED : UD_ACCOUNT_ERROR_WRONG_PASSWORD,
                           message);
      return NULL;
    }

  if (!run_update (db,
                   "UPDATE account SET failed_attempts = ?3, locked_until = NULL, last_sign_in_at = ?2"
                   " WHERE id = ?1",
                   account->id, now_iso, 0, _("record the sign-in"), error))
    goto failed;

  /* Hashes made with older, weaker settings are brought up to date. */
  if (crypto_pwhash_str_needs_rehash (hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_autofree char *rehashed = hash_password (password, NULL);

      if (rehashed != NULL &&
          !run_update (db, "UPDATE account SET password_hash = ?2 WHERE id = ?1",
                       account->id, rehashed, 0, _("record the sign-in"), error))
        goto failed;
    }

  if (!_ud_database_audit_as (db, account->username, "sign_in", "account", account->uuid,
                              NULL, NULL, NULL, NULL, error) ||
      !ud_database_commit (db, error))
    goto failed;

  session = _ud_session_new (account->id, account->uuid, account->username, account->display_name,
                             account->roles, now_us, account->must_change_password);

  return session;

failed:
  ud_database_rollback (db);
  return NULL;
}

UdSession *
ud_account_authenticate (UdDatabase  *db,
                         const char  *username,
                         const char  *password,
                         GError     **error)
{
  return ud_account_authenticate_at (db, username, password, g_get_real_time (), error);
}

gboolean
ud_account_sign_out (UdDatabase  *db,
                     GError     **error)
{
  UdSession *session;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  session = ud_database_get_session (db);
  if (session == NULL)
    return TRUE;

  if (!ud_database_audit (db, "sign_out", "account", _ud_session_get_account_uuid (session),
                          NULL, NULL, NULL, NULL, error))
    return FALSE;

  ud_database_set_session (db, NULL);
  return TRUE;
}
