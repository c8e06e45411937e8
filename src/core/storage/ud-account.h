/* ud-account.h — staff accounts, roles, passwords and sign-in
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ud-database.h"
#include "ud-session.h"

G_BEGIN_DECLS

#define UD_ACCOUNT_ERROR (ud_account_error_quark ())

typedef enum
{
  UD_ACCOUNT_ERROR_WRONG_PASSWORD,      /* wrong user name or password */
  UD_ACCOUNT_ERROR_LOCKED,              /* too many wrong passwords: wait */
  UD_ACCOUNT_ERROR_DISABLED,
  UD_ACCOUNT_ERROR_INVALID,             /* a rule for user names, names, passwords or roles */
  UD_ACCOUNT_ERROR_EXISTS,
  UD_ACCOUNT_ERROR_NOT_FOUND,
  UD_ACCOUNT_ERROR_LAST_ADMINISTRATOR,  /* the office would have no administrator left */
  UD_ACCOUNT_ERROR_FAILED,              /* the password could not be protected (memory) */
} UdAccountError;

/* Five wrong passwords in a row lock an account for fifteen minutes. */
#define UD_ACCOUNT_MAX_FAILED_ATTEMPTS 5
#define UD_ACCOUNT_LOCK_MINUTES        15
#define UD_ACCOUNT_MIN_PASSWORD_LENGTH 8

GQuark       ud_account_error_quark   (void);


/* An account as the administrator's list shows it; never the hash. */
typedef struct
{
  gint64    id;
  char     *uuid;
  char     *username;
  char     *display_name;
  UdRole    roles;
  gboolean  disabled;
  gboolean  must_change_password;
  guint     failed_attempts;
  gint64    locked_until;          /* UTC µs since 1970; 0 when not locked */
  char     *created_at;            /* UTC ISO 8601 */
  char     *created_by;
  char     *password_changed_at;   /* UTC ISO 8601 */
  char     *last_sign_in_at;       /* UTC ISO 8601, NULL if never */
} UdAccount;

void         ud_account_free          (UdAccount    *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdAccount, ud_account_free)

/* The rules, with a sentence naming the field for the person typing.
 * User names: 2–32 letters, digits, dots, hyphens or underscores,
 * starting with a letter, kept in lower case.  Passwords: at least
 * UD_ACCOUNT_MIN_PASSWORD_LENGTH characters, not the user name. */
gboolean     ud_account_check_username (const char  *username,
                                        GError     **error);
gboolean     ud_account_check_password (const char  *username,
                                        const char  *password,
                                        GError     **error);

/* Accounts of every state, by user name. */
gint64       ud_account_count         (UdDatabase   *db);
GPtrArray   *ud_account_list          (UdDatabase   *db,
                                       GError      **error);
UdAccount   *ud_account_get           (UdDatabase   *db,
                                       const char   *username,
                                       GError      **error);
/* What a person is called, for the record that names them by user name
 * (who created or decided an application, who took a step): the
 * account's display name, else @username itself (an operating-system
 * user at the command line, an account of another office). */
char        *ud_account_display_name  (UdDatabase   *db,
                                       const char   *username);

/* Everything below that hashes a password (create, initialize, reset,
 * change, authenticate) takes about 70 ms and 64 MB of memory (Argon2id,
 * libsodium's interactive limits): call it from a worker thread, with a
 * UdDatabase that no other thread uses meanwhile.  The hashing itself
 * holds no database lock. */

/* The first run: sets up the office (ud_database_initialize_office) and
 * creates its administrator, in one transaction.  Refused when the office
 * has accounts already. */
gboolean     ud_account_initialize_office (UdDatabase *db,
                                       const char   *district,
                                       const char   *office_name,
                                       const char   *admin_username,
                                       const char   *admin_display_name,
                                       const char   *password,
                                       GError      **error);

/* Administrator only — except the very first account of an office,
 * which anyone may create provided it holds the administrator role. */
gboolean     ud_account_create        (UdDatabase   *db,
                                       const char   *username,
                                       const char   *display_name,
                                       UdRole        roles,
                                       const char   *password,
                                       GError      **error);
/* Administrator only.  @display_name NULL keeps the name, @roles 0 keeps
 * the roles.  No change may leave the office without an enabled
 * administrator, and nobody disables their own account. */
gboolean     ud_account_update        (UdDatabase   *db,
                                       const char   *username,
                                       const char   *display_name,
                                       UdRole        roles,
                                       GError      **error);
gboolean     ud_account_disable       (UdDatabase   *db,
                                       const char   *username,
                                       GError      **error);
gboolean     ud_account_enable        (UdDatabase   *db,
                                       const char   *username,
                                       GError      **error);
/* Administrator only: sets a new password, lifts a lock, and makes the
 * user choose their own password at the next sign-in. */
gboolean     ud_account_reset_password (UdDatabase  *db,
                                       const char   *username,
                                       const char   *new_password,
                                       GError      **error);
/* A user changes their own password (with a session set, only the
 * session's own): the old one must be right. */
gboolean     ud_account_change_password (UdDatabase *db,
                                       const char   *username,
                                       const char   *old_password,
                                       const char   *new_password,
                                       GError      **error);

/* Signs in: a new session, or UD_ACCOUNT_ERROR_WRONG_PASSWORD (with the
 * attempts left), _LOCKED (until HH:MM) or _DISABLED.  Every attempt is
 * written to the audit log, a failed one under the user name tried.  The
 * session is not set on @db: call ud_database_set_session().
 * _at() takes the clock, for tests (UTC µs since 1970). */
UdSession   *ud_account_authenticate  (UdDatabase   *db,
                                       const char   *username,
                                       const char   *password,
                                       GError      **error);
UdSession   *ud_account_authenticate_at (UdDatabase *db,
                                       const char   *username,
                                       const char   *password,
                                       gint64        now_us,
                                       GError      **error);
/* Records the sign-out and clears the session of @db, for switching user
 * without closing the app. */
gboolean     ud_account_sign_out      (UdDatabase   *db,
                                       GError      **error);

G_END_DECLS
