/* ud-ui-util.h — small helpers shared by the app's widgets
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* setlocale, bindtextdomain (the build tree's translations when running
 * uninstalled), textdomain. */
void   ud_app_init_i18n      (void);
/* After gtk_init(): the app icon from the source tree when uninstalled. */
void   ud_app_init_display   (void);
/* Where the translations are read from. */
const char *ud_app_get_locale_dir (void);

/* 1234567 → "1,234,567", the way the office writes counts. */
char  *ud_format_count       (guint64    n);

/* Shows @message in the toast overlay the widget is in. */
void   ud_widget_show_toast  (GtkWidget  *widget,
                              AdwToast   *toast);
void   ud_widget_show_message (GtkWidget *widget,
                               const char *message);

/* A form's mistakes: the row marked with the "error" style, the sentence
 * in a label under the form. */
void   ud_widget_set_error   (GtkWidget  *widget,
                              gboolean    error);
/* Shows @problem in @label, or hides the label when @problem is NULL. */
void   ud_label_show_problem (GtkLabel   *label,
                              const char *problem);
/* Marks @row when @problem is given (and appends it to @problems as a
 * line of its own), clears the mark otherwise. */
void   ud_form_note_problem  (GString    *problems,
                              GtkWidget  *row,
                              const char *problem);

G_END_DECLS
