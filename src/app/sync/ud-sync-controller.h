/* ud-sync-controller.h — when and how the app syncs with the city server
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ud-db-worker.h"
#include "ud-sync-store.h"

G_BEGIN_DECLS

#define UD_TYPE_SYNC_CONTROLLER (ud_sync_controller_get_type ())
G_DECLARE_FINAL_TYPE (UdSyncController, ud_sync_controller, UD, SYNC_CONTROLLER, GObject)

/* One per main window (built after each sign-in): syncs when started,
 * every "sync-interval-minutes" (GSettings; 0 = only when asked), after a
 * failure again with back-off, and on ud_sync_controller_sync_now().
 * Each sync runs on a thread of its own with a connection of its own
 * (ud_db_worker_open_connection()).
 *
 * The state below is read on the main thread; "state-changed" says when
 * it changed, "synced" (applied: guint) is emitted after every sync that
 * ended; one that applied changes also emits the worker's
 * "records-changed", so that lists read again. */
UdSyncController *ud_sync_controller_new          (UdDbWorker       *worker);

UdDbWorker       *ud_sync_controller_get_worker   (UdSyncController *self);
gboolean          ud_sync_controller_get_busy     (UdSyncController *self);
gboolean          ud_sync_controller_get_configured (UdSyncController *self);
gint64            ud_sync_controller_get_pending  (UdSyncController *self);
gint64            ud_sync_controller_get_open_conflicts (UdSyncController *self);
/* "Last synced 14:05", "Sending 120 of 500 changes", "Never synced". */
const char       *ud_sync_controller_get_status_text (UdSyncController *self);
/* A sentence for the office staff, or NULL. */
const char       *ud_sync_controller_get_error_message (UdSyncController *self);
/* "Server unreachable", "Token refused"…: the error in a few words. */
const char       *ud_sync_controller_get_error_title (UdSyncController *self);
/* The last sync's UTC ISO 8601 time, or NULL. */
const char       *ud_sync_controller_get_last_success (UdSyncController *self);

/* Starts a sync now unless one runs (then does nothing). */
void              ud_sync_controller_sync_now     (UdSyncController *self);
void              ud_sync_controller_cancel       (UdSyncController *self);
/* Cancels and syncs no more (the window is closing). */
void              ud_sync_controller_stop         (UdSyncController *self);
/* Reads the pending count, conflicts and last sync again (after a
 * conflict was resolved, or a local edit). */
void              ud_sync_controller_refresh      (UdSyncController *self);
/* Starts the first sync and the timer.  The app calls it once the window
 * is up; tests may leave it out and call sync_now. */
void              ud_sync_controller_start        (UdSyncController *self);

/* Adds the "sync" action group (sync.now, sync.cancel) and Ctrl+R / F5 to
 * @window. */
void              ud_sync_controller_attach       (UdSyncController *self,
                                                   GtkWidget        *window);

/* The clerk's sentence for a sync error (UD_SYNC_ERROR codes and the
 * rest). */
char             *ud_sync_controller_describe_error (const GError   *error);

/* Local time of a UTC ISO 8601 stamp, "2024-09-01 14:05" (today: "14:05"). */
char             *ud_sync_format_time             (const char       *iso);

G_END_DECLS
