/* ud-accounts-view.h — the Accounts section (administrator)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"

G_BEGIN_DECLS

#define UD_TYPE_ACCOUNTS_VIEW (ud_accounts_view_get_type ())
G_DECLARE_FINAL_TYPE (UdAccountsView, ud_accounts_view, UD, ACCOUNTS_VIEW, GtkWidget)

GtkWidget  *ud_accounts_view_new        (UdDbWorker     *worker);
/* Reads the accounts again on the worker. */
void        ud_accounts_view_reload     (UdAccountsView *self);
/* TRUE while the list is being read. */
gboolean    ud_accounts_view_get_busy   (UdAccountsView *self);
/* The user names listed, in order (for tests). */
GStrv       ud_accounts_view_dup_usernames (UdAccountsView *self);

G_END_DECLS
