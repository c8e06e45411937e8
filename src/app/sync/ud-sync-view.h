/* ud-sync-view.h — the Sync section: recent syncs and open conflicts
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-sync-controller.h"

G_BEGIN_DECLS

#define UD_TYPE_SYNC_VIEW (ud_sync_view_get_type ())
G_DECLARE_FINAL_TYPE (UdSyncView, ud_sync_view, UD, SYNC_VIEW, GtkWidget)

/* The Sync section: the state and a Sync Now button; the open conflicts,
 * each compared field by field when selected, with "Keep This Version"
 * on either side (for accounts that may edit members); the recent syncs.
 * Its controller syncs while the view lives; as a UdSection it gives the
 * window sync.now (Ctrl+R, F5) and the state in the header bar, and
 * starts the first sync.  Reads again after every sync; a kept version
 * is announced as "records-changed" on the worker. */
GtkWidget        *ud_sync_view_new              (UdDbWorker *worker);
UdSyncController *ud_sync_view_get_controller   (UdSyncView *self);
/* Reads the conflicts and the log again. */
void              ud_sync_view_reload           (UdSyncView *self);

G_END_DECLS
