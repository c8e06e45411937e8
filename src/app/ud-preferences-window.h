/* ud-preferences-window.h — preferences
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"

G_BEGIN_DECLS

#define UD_TYPE_PREFERENCES_WINDOW (ud_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (UdPreferencesWindow, ud_preferences_window, UD, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* "restore-requested" (path) when the administrator confirmed restoring
 * a backup: the application does it, as every window must close. */
UdPreferencesWindow *ud_preferences_window_new (UdDbWorker *worker);

G_END_DECLS
