/* ud-sync-indicator.h — the sync state in the header bar
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ud-sync-controller.h"

G_BEGIN_DECLS

#define UD_TYPE_SYNC_INDICATOR (ud_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (UdSyncIndicator, ud_sync_indicator, UD, SYNC_INDICATOR, GtkWidget)

/* A flat button: a spinner while syncing, an error icon when the last
 * sync failed, the last sync's time and the changes waiting; the tooltip
 * says more.  Clicking it syncs now. */
GtkWidget *ud_sync_indicator_new            (void);
void       ud_sync_indicator_set_controller (UdSyncIndicator  *self,
                                             UdSyncController *controller);

G_END_DECLS
