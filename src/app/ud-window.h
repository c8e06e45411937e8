/* ud-window.h — the main window
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-member-view.h"

G_BEGIN_DECLS

#define UD_TYPE_WINDOW (ud_window_get_type ())
G_DECLARE_FINAL_TYPE (UdWindow, ud_window, UD, WINDOW, AdwApplicationWindow)

/* @application may be NULL (tests). */
UdWindow     *ud_window_new             (GtkApplication *application,
                                         UdDbWorker     *worker);
UdDbWorker   *ud_window_get_worker      (UdWindow       *self);
UdMemberView *ud_window_get_member_view (UdWindow       *self);
void          ud_window_add_toast       (UdWindow       *self,
                                         AdwToast       *toast);
void          ud_window_add_section     (UdWindow       *self,
                                         const char     *name,
                                         const char     *title,
                                         const char     *icon_name,
                                         GtkWidget      *page);
gboolean      ud_window_show_section    (UdWindow       *self,
                                         const char     *name);

G_END_DECLS
