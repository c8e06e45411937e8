/* ud-window.h — the main window
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"

G_BEGIN_DECLS

#define UD_TYPE_WINDOW (ud_window_get_type ())
G_DECLARE_FINAL_TYPE (UdWindow, ud_window, UD, WINDOW, AdwApplicationWindow)

/* @application may be NULL (tests). */
UdWindow     *ud_window_new             (GtkApplication *application,
                                         UdDbWorker     *worker);
UdDbWorker   *ud_window_get_worker      (UdWindow       *self);
void          ud_window_add_toast       (UdWindow       *self,
                                         AdwToast       *toast);

G_END_DECLS
