/* ud-session.h — the roles a person holds, and who is signed in
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ud-types.h"

G_BEGIN_DECLS

#define UD_SESSION_ERROR (ud_session_error_quark ())

typedef enum
{
  UD_SESSION_ERROR_INVALID_ROLE,
} UdSessionError;

GQuark       ud_session_error_quark   (void);

/* One person may hold several roles. */
typedef enum /*< flags >*/
{
  UD_ROLE_ADMIN    = 1 << 0,  /* administrator: accounts, audit, backups */
  UD_ROLE_CLERK    = 1 << 1,  /* 经办人: keeps the roll, prepares applications */
  UD_ROLE_REVIEWER = 1 << 2,  /* 审核人 */
  UD_ROLE_APPROVER = 1 << 3,  /* 审批人 */
} UdRole;

#define UD_ROLE_ALL (UD_ROLE_ADMIN | UD_ROLE_CLERK | UD_ROLE_REVIEWER | UD_ROLE_APPROVER)

/* The stable code of one role: "administrator", "clerk", "reviewer",
 * "approver". */
const char  *ud_role_to_string        (UdRole        role);
/* Its translated name: 管理员, 经办人, 审核人, 审批人. */
const char  *ud_role_get_label        (UdRole        role);
/* "clerk,reviewer" (codes, in table order) and "Clerk, Reviewer"
 * (translated). */
char        *ud_roles_to_string       (UdRole        roles);
char        *ud_roles_to_label        (UdRole        roles);
/* Reads a comma-separated list of role codes ("admin" is accepted too). */
gboolean     ud_roles_from_string     (const char   *text,
                                       UdRole       *roles,
                                       GError      **error);

/* Who is signed in.  Immutable but for the must-change-password flag, and
 * reference-counted atomically: share it between threads freely. */
#define UD_TYPE_SESSION (ud_session_get_type ())
GType        ud_session_get_type      (void) G_GNUC_CONST;
UdSession   *ud_session_ref           (UdSession    *session);
void         ud_session_unref         (UdSession    *session);
gint64       ud_session_get_account_id (UdSession   *session);
const char  *ud_session_get_username  (UdSession    *session);
const char  *ud_session_get_display_name (UdSession *session);
UdRole       ud_session_get_roles     (UdSession    *session);
gboolean     ud_session_has_role      (UdSession    *session,
                                       UdRole        role);
/* When signed in (UTC, microseconds since 1970). */
gint64       ud_session_get_signed_in_at (UdSession *session);
/* TRUE after the administrator reset the password, until the user has
 * chosen a new one with ud_account_change_password(): the core refuses
 * everything else meanwhile. */
gboolean     ud_session_get_must_change_password (UdSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdSession, ud_session_unref)

G_END_DECLS
