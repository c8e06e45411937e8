/* ud-ui-util.h — small helpers shared by the app's widgets
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-kind.h"
#include "ud-record.h"

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

/* A UTC ISO 8601 stamp as local time in @format (g_date_time_format());
 * the stamp as it is when it does not parse, %NULL for %NULL. */
char  *ud_format_local_time  (const char *iso,
                              const char *format);

/* Shows @message in the toast overlay the widget is in. */
void   ud_widget_show_toast  (GtkWidget  *widget,
                              AdwToast   *toast);
void   ud_widget_show_message (GtkWidget *widget,
                               const char *message);

/* A small modal dialog over @parent titled @title: Cancel (and Escape)
 * closes it, a suggested button labelled @accept_label (*@accept) does
 * its work; under the header a label for a refusal (*@problem, hidden
 * until ud_label_show_problem()), then a scrolled, clamped vertical box
 * (*@content) for what it asks.  Aid's dialogs and the member chooser's. */
GtkWindow *ud_dialog_window_new (GtkWindow   *parent,
                                 const char  *title,
                                 const char  *accept_label,
                                 GtkWidget  **accept,
                                 GtkLabel   **problem,
                                 GtkWidget  **content);

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

/* A combo row for a choice field: its choices' labels, translated, led
 * by @none_label when it is given and the field has no default value
 * (the choice may then be left empty). */
void        ud_combo_row_set_choices (AdwComboRow   *row,
                                      const UdField *field,
                                      const char    *none_label);
/* The value of the choice selected: "" for none. */
const char *ud_combo_row_get_choice  (AdwComboRow   *row,
                                      const UdField *field);
/* Selects @value's choice; none (or the first) for a value not among them. */
void        ud_combo_row_set_choice  (AdwComboRow   *row,
                                      const UdField *field,
                                      const char    *value);

/* Runs @chooser (modal) and calls @chosen with @owner and the file picked;
 * not when the chooser is cancelled or @owner has gone meanwhile.  Takes
 * the chooser and frees it when it closes.  A chooser that would open in
 * the database's folder (see ud_file_chooser_avoid_folder) opens in the
 * Documents folder instead. */
typedef void (*UdFileChosenFunc) (GtkWidget *owner,
                                  GFile     *file);
/* The folder that holds the live database: GTK's chooser opens the files
 * it lists to learn their type, and each close() of the database file
 * drops SQLite's locks in this process. */
void        ud_file_chooser_avoid_folder (const char       *folder);
/* For a chooser shown otherwise than by ud_file_chooser_run(): the
 * Documents folder instead of the database's, as that one does. */
void        ud_file_chooser_start_elsewhere (GtkFileChooser *chooser);
void        ud_file_chooser_run      (GtkFileChooserNative *chooser,
                                      GtkWidget            *owner,
                                      UdFileChosenFunc      chosen);

G_END_DECLS
