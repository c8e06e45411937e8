/* ud-permission.h — what each role may do, checked in the core
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-account.h"
#include "ud-database.h"

G_BEGIN_DECLS

#define UD_PERMISSION_ERROR (ud_permission_error_quark ())

typedef enum
{
  UD_PERMISSION_ERROR_DENIED,
  UD_PERMISSION_ERROR_NOT_SIGNED_IN,
  UD_PERMISSION_ERROR_PASSWORD_CHANGE_REQUIRED,
  UD_PERMISSION_ERROR_SEPARATION_OF_DUTIES,
} UdPermissionError;

/* The things a role may or may not do.  Which roles hold which is one
 * table of data in ud-permission.c. */
typedef enum
{
  UD_PERMISSION_VIEW_MEMBERS,
  UD_PERMISSION_EDIT_MEMBERS,
  UD_PERMISSION_DELETE_MEMBERS,
  UD_PERMISSION_IMPORT_MEMBERS,
  UD_PERMISSION_EXPORT_MEMBERS,
  UD_PERMISSION_EXPORT_FULL_IDS,      /* exports carry whole ID, phone and card numbers */
  UD_PERMISSION_SEE_FULL_IDS,         /* the editor shows them whole; lists never do */
  UD_PERMISSION_PRINT_FORMS,
  UD_PERMISSION_CREATE_APPLICATION,
  UD_PERMISSION_REVIEW_APPLICATION,
  UD_PERMISSION_APPROVE_APPLICATION,
  UD_PERMISSION_RECORD_PAYMENT,
  UD_PERMISSION_EDIT_REFERENCE_DATA,
  UD_PERMISSION_ADMINISTER,           /* accounts and office settings */
  UD_PERMISSION_VIEW_AUDIT,
  UD_PERMISSION_BACKUP_RESTORE,
} UdPermission;

#define UD_N_PERMISSIONS (UD_PERMISSION_BACKUP_RESTORE + 1)

GQuark       ud_permission_error_quark     (void);

/* "approve_application" */
const char  *ud_permission_to_string       (UdPermission  permission);
/* What it allows, as a translated verb phrase: "approve applications". */
const char  *ud_permission_get_label       (UdPermission  permission);
/* The roles that hold @permission. */
UdRole       ud_permission_get_roles       (UdPermission  permission);
gboolean     ud_role_has_permission        (UdRole        roles,
                                            UdPermission  permission);
gboolean     ud_session_has_permission     (UdSession    *session,
                                            UdPermission  permission);

/* ud_database_require() for a session alone, where there is no database
 * open (a restore replaces it). */
gboolean     ud_session_require            (UdSession    *session,
                                            UdPermission  permission,
                                            GError      **error);

/* Whether the database's actor may do @permission now, for showing or
 * hiding buttons.  The core checks again with ud_database_require(). */
gboolean     ud_database_may               (UdDatabase   *db,
                                            UdPermission  permission);
/* The check at the top of every operation that needs a permission: with
 * a session, its roles decide (and a password that must be changed
 * blocks everything until it is); without one, sign-in-required
 * databases refuse and others let the operating-system user act (the
 * CLI). */
gboolean     ud_database_require           (UdDatabase   *db,
                                            UdPermission  permission,
                                            GError      **error);

/* Separation of duties (DESIGN §4), for the workflow code: whoever
 * created an application may not approve it, and the reviewer and the
 * approver are different accounts.  User names compare without regard to
 * case; a NULL @reviewer (not reviewed yet) is not compared. */
gboolean     ud_permission_check_separation (const char   *creator,
                                             const char   *reviewer,
                                             const char   *approver_candidate,
                                             GError      **error);
/* Both checks for the database's actor approving an application created
 * by @creator and reviewed by @reviewer: the approver role and the
 * separation of duties. */
gboolean     ud_database_require_approval  (UdDatabase   *db,
                                            const char   *creator,
                                            const char   *reviewer,
                                            GError      **error);

G_END_DECLS
