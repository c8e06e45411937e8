/* ud-test-app.h — what the display tests share
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"

G_BEGIN_DECLS

typedef gboolean (*UdTestCondition) (gpointer data);
/* Fills a new office (see ud_test_new_office ()). */
typedef void (*UdTestPrepare) (UdDatabase *db,
                               gpointer    data);

/* What every display test's main() does first: the app's translations,
 * g_test_init() (not G_TEST_OPTION_ISOLATE_DIRS: GTK needs the system's
 * XDG_DATA_DIRS to load its icons), GTK, libadwaita, the app's display
 * set-up and its stylesheet. */
void        ud_test_init                  (int               *argc,
                                           char            ***argv);
typedef gboolean (*UdTestWidgetMatch) (GtkWidget *widget,
                                       gpointer   data);

/* Spins the main loop until @condition holds (or 60 s pass). */
gboolean    ud_test_wait_for              (UdTestCondition    condition,
                                           gpointer           data);
/* Lets GTK lay out and draw for a while. */
void        ud_test_settle                (guint              ms);
GtkWidget  *ud_test_find_widget           (GtkWidget         *root,
                                           UdTestWidgetMatch  match,
                                           gpointer           data);
/* The first widget of @type under @root (itself included), depth-first. */
GtkWidget  *ud_test_find_by_type          (GtkWidget         *root,
                                           GType              type);
gboolean    ud_test_is_button_with_label  (GtkWidget         *widget,
                                           gpointer           label);
gboolean    ud_test_file_exists           (gpointer           path);
gboolean    ud_test_is_true               (gpointer           flag);
/* Sets *@flag to TRUE (a signal handler, connected swapped). */
void        ud_test_set_true              (gpointer           flag);
gboolean    ud_test_widget_mapped         (gpointer           widget);
/* Saves what @widget shows as a PNG of more than @min_size bytes. */
void        ud_test_save_screenshot       (GtkWidget         *widget,
                                           const char        *path,
                                           goffset            min_size);
/* "-zh_CN" under a Chinese locale, "" otherwise. */
const char *ud_test_screenshot_suffix     (void);
/* Saves what @widget shows as <build dir>/@stem[-zh_CN].png. */
void        ud_test_save_named_screenshot (GtkWidget         *widget,
                                           const char        *stem,
                                           goffset            min_size);
void        ud_test_remove_tree           (const char        *path);
/* The app's stylesheet, which AdwApplication loads in the app. */
void        ud_test_load_style            (void);

/* Pressing what the user presses.  A widget is found by the words the
 * user reads on it: a button's label (its mnemonic underscore does not
 * count) or, for an icon-only button, its tooltip; a row's title; a check
 * button's label; a menu item's text; a drop-down's tooltip; an entry's
 * placeholder.  Among widgets with those words, one that is shown
 * (mapped) wins. */
GtkWidget  *ud_test_find_labelled         (GtkWidget         *root,
                                           const char        *label);
/* Finds @label under @root, checks that it is shown and sensitive, and
 * activates it as the keyboard would (gtk_widget_activate()); a label or
 * cell in a list is activated through its row.  Fails the test when the
 * widget is missing, hidden or insensitive.  Returns what was activated. */
GtkWidget  *ud_test_press                 (GtkWidget         *root,
                                           const char        *label);
/* Selects the list row that shows @label, as one click does (without
 * activating it). */
void        ud_test_select                (GtkWidget         *root,
                                           const char        *label);
/* Whether @label is under @root, shown and sensitive (a button the user
 * could press now). */
gboolean    ud_test_can_press             (GtkWidget         *root,
                                           const char        *label);
/* Ticks (or clears) the check button labelled @label, or the one in the
 * row titled @label, pressing it only when it is not so already. */
void        ud_test_set_check             (GtkWidget         *root,
                                           const char        *label,
                                           gboolean           active);
/* Types @text into the field labelled @label (an entry row's title, an
 * entry's placeholder, the spin button of a row so titled), which must
 * be shown, sensitive and editable. */
GtkWidget  *ud_test_type                  (GtkWidget         *root,
                                           const char        *label,
                                           const char        *text);
/* Opens the combo row or drop-down labelled @label and presses its item
 * @item in the list that pops up. */
void        ud_test_choose                (GtkWidget         *root,
                                           const char        *label,
                                           const char        *item);
/* A shown toplevel of @type, or NULL; waiting for one. */
GtkWindow  *ud_test_find_toplevel         (GType              type);
GtkWindow  *ud_test_wait_toplevel         (GType              type);
/* What @root shows (its mapped labels, one a line), for a failure's
 * message. */
char       *ud_test_describe              (GtkWidget         *root);
/* Waits until @root shows @label (mapped). */
gboolean    ud_test_wait_labelled         (GtkWidget         *root,
                                           const char        *label);

/* Waits until no toplevel of @type is shown; fails the test with what it
 * shows otherwise. */
void        ud_test_wait_closed           (GType              type);
/* The same for a window known by its title (a dialog of a section): the
 * one shown, waited for, and waited until it is gone. */
GtkWidget  *ud_test_wait_window_titled    (const char        *title);
void        ud_test_wait_window_gone      (const char        *title);
/* Waits until the Reference Tables view @view has listed the versions of
 * the table it shows, @n of them (UD_TEST_ANY_NUMBER: however many). */
#define UD_TEST_ANY_NUMBER G_MAXUINT
gboolean    ud_test_wait_reference_versions (GtkWidget       *view,
                                             guint            n);

/* The application as the office runs it.  Runs UnionDesk on the office
 * database at @db_path (the automatic backup going to a folder beside it,
 * unless the test set "backup-folder")
 * and calls @driver from the main loop once it is up; @driver drives it
 * through its windows and ends with ud_test_quit_application(). */
void        ud_test_run_application       (const char        *db_path,
                                           GSourceFunc        driver,
                                           gpointer           data);
/* The same on a new office (ud_test_new_office () in a folder of its
 * own, @prepare run on it first); the folder goes afterwards. */
void        ud_test_run_office            (UdTestPrepare      prepare,
                                           gpointer           prepare_data,
                                           GSourceFunc        driver,
                                           gpointer           data);
/* Closes every window and quits the application. */
void        ud_test_quit_application      (void);
/* The sign-in window is up: types @username and @password and presses
 * Sign In; when the account must choose a new password first, types
 * @new_password (NULL: that fails the test).  Returns the main window. */
GtkWidget  *ud_test_sign_in_window        (const char        *username,
                                           const char        *password,
                                           const char        *new_password);
/* Main Menu → Switch User…, then the sign-in as above. */
GtkWidget  *ud_test_switch_user           (GtkWidget         *window,
                                           const char        *username,
                                           const char        *password);
/* Presses @title in the main window's sidebar of sections. */
void        ud_test_show_section          (GtkWidget         *window,
                                           const char        *title);
/* Main Menu → @item ("_Preferences", "_Change Password…" …). */
void        ud_test_main_menu             (GtkWidget         *window,
                                           const char        *item);
/* Presses @button, which opens a file chooser, picks @path in it (a file
 * to open, or the folder and name to save under, or a folder) and
 * presses its @accept button. */
void        ud_test_choose_file           (GtkWidget         *root,
                                           const char        *button,
                                           const char        *path,
                                           const char        *accept);

/* The accounts every test office has, each with UD_TEST_PASSWORD:
 * "admin" (every role), "clerk", "reviewer" and "approver". */
#define UD_TEST_PASSWORD "Office-Pass-2026"

/* A new office database (110118, 北京市密云区总工会) in @dir with the
 * accounts above; @prepare, if given, runs on the database first, signed in
 * as the administrator (to add members, applications…).  The worker is
 * signed in as @username, or nobody when NULL. */
UdDbWorker *ud_test_new_office            (const char        *dir,
                                           const char        *username,
                                           UdTestPrepare      prepare,
                                           gpointer           data);
/* Signs @worker in (or out, with @username NULL), waiting for it. */
void        ud_test_sign_in               (UdDbWorker        *worker,
                                           const char        *username);

G_END_DECLS
