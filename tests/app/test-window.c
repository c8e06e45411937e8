/* test-window.c — the main window, driven the way the office uses it
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "ud-window.h"
#include "ud-generate.h"
#include "ud-member-store.h"
#include "ud-ui-util.h"

/* Runs under Xvfb (suite "display"): opens the window on a new office
 * database, imports a GB18030 roster through the import dialog, searches,
 * opens the editor on the member found and types a wrong ID number,
 * deletes and undoes, and saves screenshots that a person can look at. */

typedef gboolean (*Condition) (gpointer data);

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the main loop until @condition holds (or 60 s pass). */
static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (20, tick, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (ticker);
  return ok;
}

/* Lets GTK lay out and draw for a while. */
static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  guint ticker = g_timeout_add (10, tick, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (ticker);
}

static gboolean
view_idle (gpointer data)
{
  UdMemberView *view = data;

  return !ud_member_view_get_busy (view) && ud_member_view_get_count_text (view) != NULL;
}

static gboolean
model_loaded (gpointer data)
{
  UdMemberModel *model = data;

  return !ud_member_model_get_loading (model);
}

typedef struct
{
  UdImportDialog *dialog;
  const char     *page;
} PageWait;

static gboolean
dialog_on_page (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (ud_import_dialog_get_page (wait->dialog), wait->page) == 0;
}

static gboolean
editor_loaded (gpointer data)
{
  return ud_member_editor_get_loaded (data);
}

typedef struct
{
  UdMemberView *view;
  guint         n;
} CountWait;

static gboolean
view_has_n_members (gpointer data)
{
  CountWait *wait = data;

  return view_idle (wait->view) &&
         g_list_model_get_n_items (G_LIST_MODEL (ud_member_view_get_model (wait->view))) == wait->n;
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget,
                                 gpointer   data);

static GtkWidget *
find_widget (GtkWidget   *root,
             WidgetMatch  match,
             gpointer     data)
{
  GtkWidget *child;

  if (match (root, data))
    return root;

  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_inscription_with_text (GtkWidget *widget,
                          gpointer   data)
{
  return GTK_IS_INSCRIPTION (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), data) == 0;
}

static gboolean
is_button_with_label (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} ShownWait;

static gboolean
text_is_shown (gpointer data)
{
  ShownWait *wait = data;

  return find_widget (wait->root, is_inscription_with_text, (gpointer)wait->text) != NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *path,
                 goffset     min_size)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GStatBuf buf;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  /* A blank window compresses to a few hundred bytes. */
  g_assert_cmpint (buf.st_size, >, min_size);
  g_test_message ("screenshot: %s (%dx%d)", path, width, height);
}

static const char *
screenshot_suffix (void)
{
  const char *messages = setlocale (LC_MESSAGES, NULL);

  return (messages != NULL && g_str_has_prefix (messages, "zh_CN")) ? "-zh_CN" : "";
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* AdwApplication loads it in the app; the test has no application. */
  gtk_css_provider_load_from_resource (provider, "/io/github/uniondesk/UnionDesk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static UdDbWorker *
new_office (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(GError) error = NULL;
  UdDatabase *db;

  db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_database_initialize_office (db, "110118", "北京市密云区总工会", &error);
  g_assert_no_error (error);

  return ud_db_worker_new (db);
}

/* The roster colleagues keep in tests/files, or one made here. */
static GFile *
roster_file (const char *dir)
{
  g_autofree char *shipped = g_test_build_filename (G_TEST_DIST, "..", "files", "roster-gb18030.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gb18030 = NULL;
  g_autofree char *path = NULL;
  gsize length;

  if (g_file_test (shipped, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (shipped);

  rows = ud_generate_roster (40, 7);
  csv = g_string_new (NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      char **cells = g_ptr_array_index (rows, i);
      g_autofree char *line = g_strjoinv (",", cells);

      g_string_append_printf (csv, "%s\r\n", line);
    }

  gb18030 = g_convert (csv->str, csv->len, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "roster-gb18030.csv", NULL);
  g_file_set_contents (path, gb18030, length, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
test_window_roster (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autoptr(UdDbWorker) worker = NULL;
  g_autoptr(GFile) roster = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *screenshot = NULL;
  g_autoptr(UdMemberItem) first = NULL;
  const UdImportReport *report;
  UdImportDialog *dialog;
  UdMemberEditor *editor;
  UdMemberModel *model;
  UdMemberView *view;
  UdWindow *window;
  GtkWidget *row;
  GtkWidget *undo;
  PageWait page_wait;
  CountWait count_wait;
  ShownWait shown_wait;
  const char *problem;
  guint imported;
  gint64 id;

  worker = new_office (dir);
  window = ud_window_new (NULL, worker);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));

  view = ud_window_get_member_view (window);
  g_assert_true (wait_for (view_idle, view));
  model = ud_member_view_get_model (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* Import through the dialog's own code path. */
  roster = roster_file (dir);
  dialog = ud_member_view_import (view);
  ud_import_dialog_load_file (dialog, roster);
  page_wait.dialog = dialog;
  page_wait.page = "preview";
  g_assert_true (wait_for (dialog_on_page, &page_wait));
  settle (300);
  save_screenshot (GTK_WIDGET (dialog), screenshot = g_test_build_filename (G_TEST_BUILT, "import-preview.png", NULL), 8000);
  g_clear_pointer (&screenshot, g_free);

  g_assert_true (ud_import_dialog_run (dialog));
  page_wait.page = "result";
  g_assert_true (wait_for (dialog_on_page, &page_wait));
  report = ud_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->imported, >, 0);
  g_assert_cmpuint (report->imported + report->rejected, ==, report->rows);
  g_assert_cmpuint (report->errors->len, >=, report->rejected);
  imported = report->imported;
  settle (300);
  save_screenshot (GTK_WIDGET (dialog), screenshot = g_test_build_filename (G_TEST_BUILT, "import-result.png", NULL), 8000);
  g_clear_pointer (&screenshot, g_free);
  gtk_window_close (GTK_WINDOW (dialog));

  /* The list reloads by itself and counts what was imported. */
  count_wait.view = view;
  count_wait.n = imported;
  g_assert_true (wait_for (view_has_n_members, &count_wait));
  total_text = g_strdup_printf ("%u", imported);
  expected = g_strdup_printf (ngettext ("%s member", "%s members", imported), total_text);
  g_assert_cmpstr (ud_member_view_get_count_text (view), ==, expected);
  g_clear_pointer (&expected, g_free);

  /* Search as you type for the first member on the list. */
  settle (200);
  g_assert_true (wait_for (model_loaded, model));
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (wait_for (model_loaded, model));
  g_assert_true (ud_member_item_get_loaded (first));
  g_assert_nonnull (ud_member_item_get_record (first));
  name = g_strdup (ud_record_get (ud_member_item_get_record (first), "name"));
  g_assert_cmpstr (name, !=, "");
  id = ud_member_item_get_id (first);

  gtk_editable_set_text (GTK_EDITABLE (ud_member_view_get_search_entry (view)), name);
  count_wait.n = 1;
  g_assert_true (wait_for (view_has_n_members, &count_wait));
  g_assert_cmpint (ud_member_model_get_id (model, 0), ==, id);
  expected = g_strdup_printf (ngettext ("%s of %s member", "%s of %s members", imported), "1", total_text);
  g_assert_cmpstr (ud_member_view_get_count_text (view), ==, expected);
  g_clear_pointer (&expected, g_free);
  shown_wait.root = ud_member_view_get_column_view (view);
  shown_wait.text = name;
  g_assert_true (wait_for (text_is_shown, &shown_wait));

  /* The editor names the field at fault as it is typed. */
  editor = ud_member_view_edit (view, id);
  g_assert_true (wait_for (editor_loaded, editor));
  g_assert_null (ud_member_editor_get_field_error (editor, "id_number"));
  row = ud_member_editor_get_row (editor, "id_number");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "110101197803150311");
  problem = ud_member_editor_get_field_error (editor, "id_number");
  g_assert_nonnull (problem);
  g_assert_true (g_str_has_prefix (problem, _("ID number")));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_false (ud_member_editor_get_can_save (editor));
  settle (300);
  save_screenshot (GTK_WIDGET (editor), screenshot = g_test_build_filename (G_TEST_BUILT, "editor.png", NULL), 8000);
  g_clear_pointer (&screenshot, g_free);
  gtk_window_close (GTK_WINDOW (editor));

  /* Back to the whole roll; delete the first member, then undo. */
  gtk_editable_set_text (GTK_EDITABLE (ud_member_view_get_search_entry (view)), "");
  count_wait.n = imported;
  g_assert_true (wait_for (view_has_n_members, &count_wait));
  gtk_selection_model_select_item (gtk_column_view_get_model (GTK_COLUMN_VIEW (ud_member_view_get_column_view (view))),
                                   0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "member.delete", NULL));
  count_wait.n = imported - 1;
  g_assert_true (wait_for (view_has_n_members, &count_wait));
  undo = find_widget (GTK_WIDGET (window), is_button_with_label, (gpointer)_("_Undo"));
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  count_wait.n = imported;
  g_assert_true (wait_for (view_has_n_members, &count_wait));

  /* What the office sees: a picture of the window. */
  gtk_editable_set_text (GTK_EDITABLE (ud_member_view_get_search_entry (view)), name);
  count_wait.n = 1;
  g_assert_true (wait_for (view_has_n_members, &count_wait));
  g_assert_true (wait_for (text_is_shown, &shown_wait));
  settle (500);
  screenshot = g_strdup_printf ("window%s.png", screenshot_suffix ());
  {
    g_autofree char *path = g_test_build_filename (G_TEST_BUILT, screenshot, NULL);

    save_screenshot (GTK_WIDGET (window), path, 20000);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  settle (100);
  g_clear_object (&worker);
  remove_tree (dir);
}

/* The picture in the metainfo: a realistic roster of a few thousand. */
static void
test_window_screenshot (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(UdDbWorker) worker = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  UdMemberView *view;
  UdWindow *window;
  UdDatabase *db;
  GtkSelectionModel *selection;

  db = ud_database_open (db_path, &error);
  g_assert_no_error (error);
  ud_database_initialize_office (db, "110118", "北京市密云区总工会", &error);
  g_assert_no_error (error);
  ud_generate_members (db, 3000, 20260101, &error);
  g_assert_no_error (error);
  worker = ud_db_worker_new (db);

  window = ud_window_new (NULL, worker);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));

  view = ud_window_get_member_view (window);
  g_assert_true (wait_for (view_idle, view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ud_member_view_get_model (view))), ==, 3000);
  settle (300);
  g_assert_true (wait_for (model_loaded, ud_member_view_get_model (view)));
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (ud_member_view_get_column_view (view)));
  gtk_selection_model_select_item (selection, 2, TRUE);
  settle (500);

  name = g_strdup_printf ("main%s.png", screenshot_suffix ());
  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  save_screenshot (GTK_WIDGET (window), path, 20000);

  gtk_window_destroy (GTK_WINDOW (window));
  settle (100);
  g_clear_object (&worker);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  ud_app_init_i18n ();
  /* Not G_TEST_OPTION_ISOLATE_DIRS: GTK needs the system's XDG_DATA_DIRS
   * (the MIME database) to load its icons.  Nothing here writes to the
   * home folder: settings are in memory, databases in a temporary one. */
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  load_style ();

  g_test_add_func ("/app/window/roster", test_window_roster);
  g_test_add_func ("/app/window/screenshot", test_window_screenshot);

  return g_test_run ();
}
