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

/* UdPermission, the things a role may or may not do, is in ud-types.h:
 * the kinds of record name the permissions their records need. */

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

G_END_DECLS
