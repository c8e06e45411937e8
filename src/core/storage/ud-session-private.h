/* ud-session-private.h — what only the accounts do with a session
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-session.h"

G_BEGIN_DECLS

/* A session for the account signed in at @signed_in_at (ud-account.c). */
UdSession   *_ud_session_new              (gint64       account_id,
                                           const char  *account_uuid,
                                           const char  *username,
                                           const char  *display_name,
                                           UdRole       roles,
                                           gint64       signed_in_at,
                                           gboolean     must_change_password);
const char  *_ud_session_get_account_uuid (UdSession   *session);
/* The person chose a new password: the session may go on. */
void         _ud_session_password_changed (UdSession   *session);

G_END_DECLS
