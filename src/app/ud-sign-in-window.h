/* ud-sign-in-window.h — who is at the keyboard
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"

G_BEGIN_DECLS

#define UD_TYPE_SIGN_IN_WINDOW (ud_sign_in_window_get_type ())
G_DECLARE_FINAL_TYPE (UdSignInWindow, ud_sign_in_window, UD, SIGN_IN_WINDOW, AdwApplicationWindow)

/* Emits "signed-in" once someone has signed in on @worker (and changed a
 * password the administrator set, when they had to). */
UdSignInWindow *ud_sign_in_window_new (GtkApplication *application,
                                       UdDbWorker     *worker);

G_END_DECLS
