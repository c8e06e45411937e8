/* ud-history-window.h — the history of one record, from the audit trail
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"

G_BEGIN_DECLS

#define UD_TYPE_HISTORY_WINDOW (ud_history_window_get_type ())
G_DECLARE_FINAL_TYPE (UdHistoryWindow, ud_history_window, UD, HISTORY_WINDOW, AdwWindow)

/* @kind and @uuid name the record; @title is what the window calls it
 * (the member's name). */
UdHistoryWindow *ud_history_window_new        (UdDbWorker      *worker,
                                               const char      *kind,
                                               const char      *uuid,
                                               const char      *title);
/* TRUE once the entries were read. */
gboolean         ud_history_window_get_loaded (UdHistoryWindow *self);
/* The number of entries shown. */
guint            ud_history_window_get_n_entries (UdHistoryWindow *self);

G_END_DECLS
