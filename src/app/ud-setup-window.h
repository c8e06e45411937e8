/* ud-setup-window.h — first run: which office this is
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"

G_BEGIN_DECLS

#define UD_TYPE_SETUP_WINDOW (ud_setup_window_get_type ())
G_DECLARE_FINAL_TYPE (UdSetupWindow, ud_setup_window, UD, SETUP_WINDOW, AdwApplicationWindow)

/* Emits "done" once the office is written to the database. */
UdSetupWindow *ud_setup_window_new (GtkApplication *application,
                                    UdDbWorker     *worker);

/* NULL when @text is a district code (6 digits, a known province), else
 * a sentence naming the problem.  @code receives the normalised code. */
char          *ud_setup_check_district (const char  *text,
                                        char       **code);

G_END_DECLS
