/* ud-permission.h — what each role may do, checked in the core
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-session.h"

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

/* The check for a session alone (ud_database_require() asks it of the
 * database's session; a restore asks it with no database open). */
gboolean     ud_session_require            (UdSession    *session,
                                            UdPermission  permission,
                                            GError      **error);

/* ud_database_may() and ud_database_require(), the checks against the
 * database's session, are in ud-database.h. */

G_END_DECLS
