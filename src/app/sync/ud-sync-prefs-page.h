/* ud-sync-prefs-page.h — the Sync page of the preferences
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"

G_BEGIN_DECLS

#define UD_TYPE_SYNC_PREFS_PAGE (ud_sync_prefs_page_get_type ())
G_DECLARE_FINAL_TYPE (UdSyncPrefsPage, ud_sync_prefs_page, UD, SYNC_PREFS_PAGE, AdwPreferencesPage)

/* The city server's address, this office's token (kept in the desktop
 * keyring, or in a file only this account can read where no keyring
 * runs, which the page says), a private certificate authority and the
 * minutes between syncs. */
GtkWidget *ud_sync_prefs_page_new (UdDbWorker *worker);

G_END_DECLS
