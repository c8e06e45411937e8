/* ud-sync-view.h — the Sync section: recent syncs and open conflicts
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-sync-controller.h"
#include "ud-window.h"

G_BEGIN_DECLS

#define UD_TYPE_SYNC_VIEW (ud_sync_view_get_type ())
G_DECLARE_FINAL_TYPE (UdSyncView, ud_sync_view, UD, SYNC_VIEW, GtkWidget)

/* The state and a Sync Now button; the open conflicts, each compared field
 * by field when selected, with "Keep This Version" on either side (for
 * accounts that may edit members); the recent syncs.  Reads again after
 * every sync. */
GtkWidget *ud_sync_view_new    (UdSyncController *controller);
/* Reads the conflicts and the log again. */
void       ud_sync_view_reload (UdSyncView       *self);
/* Selects the @index-th open conflict (tests). */
gboolean   ud_sync_view_select_conflict (UdSyncView *self,
                                         guint       index);

/* Sets syncing up for a main window just built (after a sign-in): the
 * controller (kept with the window), the state in the header bar that
 * holds @header_child, the sync.now action with Ctrl+R and F5, the Sync
 * section, the member list read again after a sync that changed
 * something, and the first sync once the window is up. */
void       ud_sync_view_install (UdWindow  *window,
                                 GtkWidget *header_child);
/* The controller ud_sync_view_install() gave @window, or NULL. */
UdSyncController *ud_sync_view_get_controller (UdWindow *window);

G_END_DECLS
