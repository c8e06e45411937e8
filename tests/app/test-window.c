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
#include "ud-test-app.h"
#include "ud-account.h"
#include "ud-csv.h"
#include "ud-generate.h"
#include "ud-import.h"
#include "ud-preferences-window.h"
#include "ud-setup-window.h"
#include "ud-sign-in-window.h"
#include "ud-member-store.h"
#include "ud-member-view.h"
#include "ud-child-list.h"
#include "ud-record-editor.h"
#include "ud-record-table.h"
#include "ud-ui-util.h"

/* Runs under Xvfb (suite "display"): opens the window on a new office
 * database, imports a GB18030 roster through the import dialog and its
 * file chooser, searches, opens the editor on the member found and types
 * a wrong ID number, deletes and undoes, exports; sets an office up on
 * the first run, signs in and switches user, and goes through the
 * preferences — pressing what a person presses (found by its label,
 * shown and sensitive) — and saves screenshots that a person can look
 * at. */

static gboolean
view_idle (gpointer data)
{
  UdMemberView *view = data;

  return !ud_member_view_get_busy (view) && ud_member_view_get_count_text (view) != NULL;
}

static gboolean
model_loaded (gpointer data)
{
  UdRecordModel *model = data;

  return !ud_record_model_get_loading (model);
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

/* The member editor's list of honours holds @n. */
typedef struct
{
  UdMemberEditor *editor;
  guint           n;
} HonourWait;

static gboolean
honours_listed (gpointer data)
{
  HonourWait *wait = data;
  UdRecordTable *table = UD_RECORD_TABLE (ud_test_find_by_type (GTK_WIDGET (wait->editor), UD_TYPE_RECORD_TABLE));
  UdRecordModel *model = ud_record_table_get_model (table);

  return model != NULL && !ud_record_table_get_busy (table) &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) == wait->n;
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

static gboolean
is_inscription_with_text (GtkWidget *widget,
                          gpointer   data)
{
  return GTK_IS_INSCRIPTION (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), data) == 0;
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

  return ud_test_find_widget (wait->root, is_inscription_with_text, (gpointer)wait->text) != NULL;
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  return NULL;
}

static const char *
record_at (UdRecordModel *model,
           guint          position,
           const char    *field)
{
  g_autoptr(UdRecordItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_true (ud_test_wait_for (model_loaded, model));
  g_assert_nonnull (ud_record_item_get_record (item));

  /* The model's page cache keeps the record alive. */
  return ud_record_get (ud_record_item_get_record (item), field);
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
  g_autoptr(UdRecordItem) first = NULL;
  const UdImportReport *report;
  UdImportDialog *dialog;
  UdMemberEditor *editor;
  UdRecordModel *model;
  UdMemberView *view;
  UdWindow *window;
  GtkWidget *row;
  PageWait page_wait;
  CountWait count_wait;
  ShownWait shown_wait;
  const char *problem;
  guint imported;
  gint64 id;

  worker = ud_test_new_office (dir, "clerk", NULL, NULL);
  window = ud_window_new (NULL, worker);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  /* The Overview comes first; the members are the next section. */
  ud_test_show_section (GTK_WIDGET (window), _("Members"));

  view = UD_MEMBER_VIEW (ud_test_find_by_type (GTK_WIDGET (window), UD_TYPE_MEMBER_VIEW));
  g_assert_true (ud_test_wait_for (view_idle, view));
  model = ud_member_view_get_model (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* Import: the dialog, its file chooser, its preview. */
  roster = roster_file (dir);
  ud_test_press (GTK_WIDGET (view), _("_Import…"));
  dialog = UD_IMPORT_DIALOG (ud_test_wait_toplevel (UD_TYPE_IMPORT_DIALOG));
  {
    g_autofree char *path = g_file_get_path (roster);

    ud_test_choose_file (GTK_WIDGET (dialog), _("_Choose File…"), path, _("_Open"));
  }
  page_wait.dialog = dialog;
  page_wait.page = "preview";
  g_assert_true (ud_test_wait_for (dialog_on_page, &page_wait));
  ud_test_settle (300);
  ud_test_save_screenshot (GTK_WIDGET (dialog), screenshot = g_test_build_filename (G_TEST_BUILT, "import-preview.png", NULL), 8000);
  g_clear_pointer (&screenshot, g_free);

  ud_test_press (GTK_WIDGET (dialog), _("_Import"));
  page_wait.page = "result";
  g_assert_true (ud_test_wait_for (dialog_on_page, &page_wait));
  report = ud_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->imported, >, 0);
  g_assert_cmpuint (report->imported + report->rejected, ==, report->rows);
  g_assert_cmpuint (report->errors->len, >=, report->rejected);
  imported = report->imported;
  ud_test_settle (300);
  ud_test_save_screenshot (GTK_WIDGET (dialog), screenshot = g_test_build_filename (G_TEST_BUILT, "import-result.png", NULL), 8000);
  g_clear_pointer (&screenshot, g_free);
  gtk_window_close (GTK_WINDOW (dialog));

  /* The list reloads by itself and counts what was imported. */
  count_wait.view = view;
  count_wait.n = imported;
  g_assert_true (ud_test_wait_for (view_has_n_members, &count_wait));
  total_text = g_strdup_printf ("%u", imported);
  expected = g_strdup_printf (ngettext ("%s member", "%s members", imported), total_text);
  g_assert_cmpstr (ud_member_view_get_count_text (view), ==, expected);
  g_clear_pointer (&expected, g_free);

  /* Search as you type for the first member on the list. */
  ud_test_settle (200);
  g_assert_true (ud_test_wait_for (model_loaded, model));
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (ud_test_wait_for (model_loaded, model));
  g_assert_true (ud_record_item_get_loaded (first));
  g_assert_nonnull (ud_record_item_get_record (first));
  name = g_strdup (ud_record_get (ud_record_item_get_record (first), "name"));
  g_assert_cmpstr (name, !=, "");
  id = ud_record_item_get_id (first);

  ud_test_type (GTK_WIDGET (view), _("Search by name, pinyin, ID, card, phone or unit"), name);
  count_wait.n = 1;
  g_assert_true (ud_test_wait_for (view_has_n_members, &count_wait));
  g_assert_cmpint (ud_record_model_get_id (model, 0), ==, id);
  expected = g_strdup_printf (ngettext ("%s of %s member", "%s of %s members", imported), "1", total_text);
  g_assert_cmpstr (ud_member_view_get_count_text (view), ==, expected);
  g_clear_pointer (&expected, g_free);
  shown_wait.root = ud_member_view_get_column_view (view);
  shown_wait.text = name;
  g_assert_true (ud_test_wait_for (text_is_shown, &shown_wait));

  /* The editor, opened on the member found, names the field at fault as
   * it is typed. */
  ud_test_press (GTK_WIDGET (view), name);
  editor = UD_MEMBER_EDITOR (ud_test_wait_toplevel (UD_TYPE_MEMBER_EDITOR));
  g_assert_true (ud_test_wait_for (editor_loaded, editor));

  /* Its honours: Add Honour… by label, a year out of range named, then
   * saved and listed; edited; removed. */
  {
    HonourWait honour_wait = { editor, 0 };
    GtkWindow *honour;

    g_assert_true (ud_test_wait_for (honours_listed, &honour_wait));
    g_assert_false (ud_test_can_press (GTK_WIDGET (editor), _("_Edit…")));
    g_assert_false (ud_test_can_press (GTK_WIDGET (editor), _("_Remove")));
    ud_test_press (GTK_WIDGET (editor), _("_Add Honour…"));
    honour = ud_test_wait_toplevel (UD_TYPE_RECORD_EDITOR);
    g_assert_true (ud_test_wait_labelled (GTK_WIDGET (honour), _("Awarded by")));
    ud_test_type (GTK_WIDGET (honour), _("Honour"), "全国五一劳动奖章");
    ud_test_choose (GTK_WIDGET (honour), _("Level"), _("National"));
    ud_test_type (GTK_WIDGET (honour), _("Year"), "1900");
    ud_test_type (GTK_WIDGET (honour), _("Awarded by"), "中华全国总工会");
    ud_test_settle (600);
    g_assert_false (ud_test_can_press (GTK_WIDGET (honour), _("_Save")));
    {
      UdFormBinder *binder = ud_record_editor_get_binder (UD_RECORD_EDITOR (honour));
      g_autofree char *year_problem = g_strdup_printf (_("%s: give a year from 1949 on, such as 2019"), _("Year"));

      g_assert_cmpstr (ud_form_binder_get_field_error (binder, "year"), ==, year_problem);
      g_assert_true (ud_test_wait_labelled (GTK_WIDGET (honour), year_problem));
    }
    ud_test_save_named_screenshot (GTK_WIDGET (honour), "honour-bad-year", 8000);
    ud_test_type (GTK_WIDGET (honour), _("Year"), "2019");
    ud_test_settle (600);
    ud_test_press (GTK_WIDGET (honour), _("_Save"));
    ud_test_wait_closed (UD_TYPE_RECORD_EDITOR);
    honour_wait.n = 1;
    g_assert_true (ud_test_wait_for (honours_listed, &honour_wait));
    g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), "全国五一劳动奖章"));
    g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), "中华全国总工会"));
    g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), "2019"));
    ud_test_settle (300);
    ud_test_save_named_screenshot (ud_test_find_by_type (GTK_WIDGET (editor), UD_TYPE_CHILD_LIST), "member-honours", 2000);

    /* Edit… the one selected: its year. */
    ud_test_select (GTK_WIDGET (editor), "全国五一劳动奖章");
    ud_test_press (GTK_WIDGET (editor), _("_Edit…"));
    honour = ud_test_wait_toplevel (UD_TYPE_RECORD_EDITOR);
    g_assert_true (ud_test_wait_labelled (GTK_WIDGET (honour), _("Awarded by")));
    ud_test_settle (300);
    ud_test_type (GTK_WIDGET (honour), _("Year"), "2020");
    ud_test_settle (600);
    ud_test_press (GTK_WIDGET (honour), _("_Save"));
    ud_test_wait_closed (UD_TYPE_RECORD_EDITOR);
    g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), "2020"));

    /* Remove: asked first, then gone from the list. */
    ud_test_select (GTK_WIDGET (editor), "全国五一劳动奖章");
    ud_test_press (GTK_WIDGET (editor), _("_Remove"));
    {
      GtkWidget *confirm = GTK_WIDGET (ud_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));

      g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (confirm)), "全国五一劳动奖章"));
      ud_test_press (confirm, _("_Remove"));
    }
    honour_wait.n = 0;
    g_assert_true (ud_test_wait_for (honours_listed, &honour_wait));
  }

  g_assert_null (ud_member_editor_get_field_error (editor, "id_number"));
  row = ud_test_type (GTK_WIDGET (editor), _("ID number"), "110101197803150311");
  g_assert_true (row == ud_member_editor_get_row (editor, "id_number"));
  problem = ud_member_editor_get_field_error (editor, "id_number");
  g_assert_nonnull (problem);
  g_assert_true (g_str_has_prefix (problem, _("ID number")));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_false (ud_member_editor_get_can_save (editor));
  g_assert_false (ud_test_can_press (GTK_WIDGET (editor), _("_Save")));
  ud_test_settle (300);
  ud_test_save_screenshot (GTK_WIDGET (editor), screenshot = g_test_build_filename (G_TEST_BUILT, "editor.png", NULL), 8000);
  g_clear_pointer (&screenshot, g_free);
  ud_test_press (GTK_WIDGET (editor), _("_Cancel"));
  ud_test_wait_closed (UD_TYPE_MEMBER_EDITOR);

  /* A roster with mistakes: the good rows go in, the others are listed
   * and can be saved for correcting. */
  {
    g_autofree char *bad_path = g_test_build_filename (G_TEST_DIST, "..", "files", "roster-bad-gb18030.csv", NULL);
    g_autofree char *rejected_path = g_build_filename (dir, "rejected.csv", NULL);
    g_autofree char *rejected = NULL;

    if (g_file_test (bad_path, G_FILE_TEST_IS_REGULAR))
      {
        ud_test_press (GTK_WIDGET (view), _("_Import…"));
        dialog = UD_IMPORT_DIALOG (ud_test_wait_toplevel (UD_TYPE_IMPORT_DIALOG));
        ud_test_choose_file (GTK_WIDGET (dialog), _("_Choose File…"), bad_path, _("_Open"));
        page_wait.dialog = dialog;
        page_wait.page = "preview";
        g_assert_true (ud_test_wait_for (dialog_on_page, &page_wait));
        ud_test_press (GTK_WIDGET (dialog), _("_Import"));
        page_wait.page = "result";
        g_assert_true (ud_test_wait_for (dialog_on_page, &page_wait));
        report = ud_import_dialog_get_report (dialog);
        g_assert_cmpuint (report->rejected, >, 0);
        g_assert_cmpuint (report->imported, >, 0);
        imported += report->imported;
        ud_test_settle (300);
        ud_test_save_screenshot (GTK_WIDGET (dialog), screenshot = g_test_build_filename (G_TEST_BUILT, "import-rejected.png", NULL), 8000);
        g_clear_pointer (&screenshot, g_free);

        ud_test_choose_file (GTK_WIDGET (dialog), _("_Save Rejected Rows…"), rejected_path, _("_Save"));
        g_assert_true (ud_test_wait_for (ud_test_file_exists, rejected_path));
        g_file_get_contents (rejected_path, &rejected, NULL, NULL);
        g_assert_nonnull (strstr (rejected, "360426199101010072"));
        gtk_window_close (GTK_WINDOW (dialog));

        g_clear_pointer (&total_text, g_free);
        total_text = g_strdup_printf ("%u", imported);
      }
  }

  /* Back to the whole roll; delete the first member, then undo. */
  ud_test_type (GTK_WIDGET (view), _("Search by name, pinyin, ID, card, phone or unit"), "");
  count_wait.n = imported;
  g_assert_true (ud_test_wait_for (view_has_n_members, &count_wait));
  shown_wait.text = record_at (model, 0, "name");
  g_assert_true (ud_test_wait_for (text_is_shown, &shown_wait));
  ud_test_select (GTK_WIDGET (view), shown_wait.text);
  ud_test_press (GTK_WIDGET (view), _("Delete the Selected Member (Delete)"));
  count_wait.n = imported - 1;
  g_assert_true (ud_test_wait_for (view_has_n_members, &count_wait));
  /* As a person would: after the toast has slid in (libadwaita 1.2 frees
   * a toast dismissed during that animation too early). */
  ud_test_settle (700);
  ud_test_press (GTK_WIDGET (window), _("_Undo"));
  count_wait.n = imported;
  g_assert_true (ud_test_wait_for (view_has_n_members, &count_wait));

  /* Sorting by a column header runs the query again in that order. */
  {
    GtkColumnView *column_view = GTK_COLUMN_VIEW (ud_member_view_get_column_view (view));
    GtkColumnViewColumn *joined = column_titled (column_view, _("Joined on"));
    g_autofree char *first_joined = NULL;

    g_assert_nonnull (joined);
    gtk_column_view_sort_by_column (column_view, joined, GTK_SORT_DESCENDING);
    g_assert_true (ud_member_view_get_busy (view));
    g_assert_true (ud_test_wait_for (view_has_n_members, &count_wait));
    first_joined = g_strdup (record_at (model, 0, "joined_on"));
    g_assert_cmpstr (first_joined, >=, record_at (model, 1, "joined_on"));
    g_assert_cmpstr (record_at (model, 1, "joined_on"), >=, record_at (model, imported - 1, "joined_on"));

    gtk_column_view_sort_by_column (column_view, joined, GTK_SORT_ASCENDING);
    g_assert_true (ud_test_wait_for (view_has_n_members, &count_wait));
    g_assert_cmpstr (record_at (model, 0, "joined_on"), <=, record_at (model, imported - 1, "joined_on"));

    gtk_column_view_sort_by_column (column_view, column_titled (column_view, _("Name")), GTK_SORT_ASCENDING);
    g_assert_true (ud_test_wait_for (view_has_n_members, &count_wait));
  }

  /* Export, by the name chosen: a workbook and a CSV file. */
  {
    g_autofree char *xlsx_path = g_build_filename (dir, "members.xlsx", NULL);
    g_autofree char *csv_path = g_build_filename (dir, "members.csv", NULL);
    g_autofree char *csv = NULL;

    ud_test_press (GTK_WIDGET (view), _("More Member Actions"));
    ud_test_choose_file (GTK_WIDGET (view), _("_Export Members…"), xlsx_path, _("_Export"));
    g_assert_true (ud_test_wait_for (ud_test_file_exists, xlsx_path));
    ud_test_press (GTK_WIDGET (view), _("More Member Actions"));
    ud_test_choose_file (GTK_WIDGET (view), _("_Export Members…"), csv_path, _("_Export"));
    g_assert_true (ud_test_wait_for (ud_test_file_exists, csv_path));
    g_file_get_contents (csv_path, &csv, NULL, NULL);
    g_assert_nonnull (strstr (csv, name));
  }

  /* What the office sees: a picture of the window. */
  shown_wait.text = name;
  ud_test_type (GTK_WIDGET (view), _("Search by name, pinyin, ID, card, phone or unit"), name);
  count_wait.n = 1;
  g_assert_true (ud_test_wait_for (view_has_n_members, &count_wait));
  g_assert_true (ud_test_wait_for (text_is_shown, &shown_wait));
  ud_test_settle (500);
  ud_test_save_named_screenshot (GTK_WIDGET (window), "window", 20000);

  gtk_window_destroy (GTK_WINDOW (window));
  ud_test_settle (100);
  g_clear_object (&worker);
  ud_test_remove_tree (dir);
}

/* 王建国 as the office corrected him in the app: his new phone, his
 * unit's full name. */
static void
add_corrected_member (UdDatabase *db,
                      gpointer    data)
{
  g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSession) admin = ud_session_ref (ud_database_get_session (db));
  g_autoptr(UdSession) clerk = ud_account_authenticate (db, "clerk", UD_TEST_PASSWORD, &error);

  /* The roll is the clerk's. */
  g_assert_no_error (error);
  ud_database_set_session (db, clerk);
  ud_record_set (member, "name", "王建国");
  ud_record_set (member, "sex", "M");
  ud_record_set (member, "id_number", "11010119780315031X");
  ud_record_set (member, "phone", "13801019999");
  ud_record_set (member, "unit", "北京密云建材有限公司");
  ud_member_store_save (db, member, NULL, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, admin);
}

typedef struct
{
  UdMemberView *view;
  const char   *phone;
  const char   *unit;
} MemberWait;

/* 王建国 is in the list with @phone and @unit. */
static gboolean
member_shows (gpointer data)
{
  MemberWait *wanted = data;
  UdMemberView *view = wanted->view;
  UdRecordModel *model = ud_member_view_get_model (view);

  if (!view_idle (view) || ud_record_model_get_loading (model))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(UdRecordItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      UdRecord *record = ud_record_item_get_record (item);

      if (record != NULL && g_str_equal (ud_record_get (record, "name"), "王建国"))
        return g_str_equal (ud_record_get (record, "phone"), wanted->phone) &&
               g_str_equal (ud_record_get (record, "unit"), wanted->unit);
    }

  return FALSE;
}

/* Re-importing the roster after corrections in the app: the dialog shows
 * what the file would change, field by field; the person keeps the
 * unit's name as the app has it and takes the file's phone; the roll
 * then holds exactly that. */
static void
test_window_reimport (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "roster.csv", NULL);
  g_autofree char *change = NULL;
  g_autoptr(UdDbWorker) worker = NULL;
  g_autoptr(GError) error = NULL;
  const UdImportReport *report;
  UdImportDialog *dialog;
  UdMemberView *view;
  UdWindow *window;
  GtkWidget *found;
  PageWait page_wait;
  CountWait count_wait;
  ShownWait shown_wait;
  MemberWait wanted = { NULL, "13801012345", "北京密云建材有限公司" };

  g_file_set_contents (path,
                       "姓名,性别,身份证号,手机号,工作单位\r\n"
                       "王建国,男,11010119780315031X,13801012345,密云建材公司\r\n"
                       "李秀兰,女,110102198507220425,13911023456,北京朝晖快递服务有限公司\r\n",
                       -1, &error);
  g_assert_no_error (error);

  worker = ud_test_new_office (dir, "clerk", add_corrected_member, NULL);
  window = ud_window_new (NULL, worker);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  /* The Overview comes first; the members are the next section. */
  ud_test_show_section (GTK_WIDGET (window), _("Members"));
  view = UD_MEMBER_VIEW (ud_test_find_by_type (GTK_WIDGET (window), UD_TYPE_MEMBER_VIEW));
  count_wait.view = view;
  count_wait.n = 1;
  g_assert_true (ud_test_wait_for (view_has_n_members, &count_wait));

  ud_test_press (GTK_WIDGET (view), _("_Import…"));
  dialog = UD_IMPORT_DIALOG (ud_test_wait_toplevel (UD_TYPE_IMPORT_DIALOG));
  ud_test_choose_file (GTK_WIDGET (dialog), _("_Choose File…"), path, _("_Open"));
  page_wait.dialog = dialog;
  page_wait.page = "preview";
  g_assert_true (ud_test_wait_for (dialog_on_page, &page_wait));
  ud_test_press (GTK_WIDGET (dialog), _("_Import"));

  /* What would change, before anything is written: the phone and the
   * unit, each old → new, under the member's name. */
  page_wait.page = "changes";
  g_assert_true (ud_test_wait_for (dialog_on_page, &page_wait));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (dialog), "王建国"));
  change = g_strdup_printf (_("%s → %s"), "13801019999", "13801012345");
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (dialog), change));
  g_clear_pointer (&change, g_free);
  change = g_strdup_printf (_("%s → %s"), "北京密云建材有限公司", "密云建材公司");
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (dialog), change));
  g_assert_true (ud_test_can_press (GTK_WIDGET (dialog), _("Mobile phone")));

  /* Keep the unit as the app has it; the member's own check shows that
   * some of his values are kept. */
  ud_test_set_check (GTK_WIDGET (dialog), _("Work unit"), TRUE);
  found = ud_test_find_labelled (GTK_WIDGET (dialog), "王建国");
  found = ud_test_find_by_type (found, GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (found);
  g_assert_true (gtk_check_button_get_inconsistent (GTK_CHECK_BUTTON (found)));
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (dialog), "import-changes", 8000);

  ud_test_press (GTK_WIDGET (dialog), _("_Import"));
  page_wait.page = "result";
  g_assert_true (ud_test_wait_for (dialog_on_page, &page_wait));
  report = ud_import_dialog_get_report (dialog);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->rejected, ==, 0);
  g_assert_cmpuint (report->changes->len, ==, 2);
  ud_test_press (GTK_WIDGET (dialog), _("_Close"));
  ud_test_wait_closed (UD_TYPE_IMPORT_DIALOG);

  /* The roll: the new member, 王建国 with the file's phone and the unit
   * the app had. */
  count_wait.n = 2;
  g_assert_true (ud_test_wait_for (view_has_n_members, &count_wait));
  wanted.view = view;
  g_assert_true (ud_test_wait_for (member_shows, &wanted));
  shown_wait.root = ud_member_view_get_column_view (view);
  shown_wait.text = "北京密云建材有限公司";
  g_assert_true (ud_test_wait_for (text_is_shown, &shown_wait));
  shown_wait.text = "北京朝晖快递服务有限公司";
  g_assert_true (ud_test_wait_for (text_is_shown, &shown_wait));

  gtk_window_destroy (GTK_WINDOW (window));
  ud_test_settle (100);
  g_clear_object (&worker);
  ud_test_remove_tree (dir);
}

static void
generate_members (UdDatabase *db,
                  gpointer    data)
{
  g_autoptr(GError) error = NULL;

  ud_generate_members (db, GPOINTER_TO_UINT (data), 20260101, &error);
  g_assert_no_error (error);
}

/* A big roster imported elsewhere (the command line, or the application
 * stopped before it was done) left its members for the search index and
 * the list's sort indexes: the window's worker builds them after opening,
 * off the main thread, and the list finds the members by what is typed. */
static void
import_roster_waiting (UdDatabase *db,
                       gpointer    data)
{
  g_autoptr(GPtrArray) rows = ud_generate_roster (12000, 20261207);
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = g_build_filename (data, "roster.csv", NULL);
  g_autofree char *mark = NULL;
  g_autoptr(UdImport) import = NULL;
  g_autoptr(UdImportReport) report = NULL;
  g_autoptr(UdSession) clerk = NULL;
  g_autoptr(GError) error = NULL;

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      ud_csv_append_row (csv, (const char * const *) row->pdata, row->len);
    }
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  /* Imports are the clerk's. */
  clerk = ud_account_authenticate (db, "clerk", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, clerk);
  import = ud_import_new_from_file (&ud_kind_member, path, NULL, &error);
  g_assert_no_error (error);
  report = ud_import_run (import, db, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, >, 11000);
  mark = ud_database_get_meta (db, "search_pending_from");
  g_assert_nonnull (mark);
}

static gboolean
indexes_filled (gpointer data)
{
  UdDatabase *reader = data;
  g_autofree char *mark = ud_database_get_meta (reader, "search_pending_from");
  g_autofree char *sort_index = ud_database_get_meta (reader, "index_pending:member_by_name");

  return mark == NULL && sort_index == NULL;
}

static void
test_window_import_indexed_after (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(UdDbWorker) worker = NULL;
  g_autoptr(UdDatabase) reader = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(GError) error = NULL;
  UdMemberView *view;
  UdWindow *window;
  ShownWait shown_wait;

  worker = ud_test_new_office (dir, "clerk", import_roster_waiting, dir);
  reader = ud_database_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (ud_test_wait_for (indexes_filled, reader));
  g_assert_cmpint (ud_member_store_count (reader), ==, 12000);

  window = ud_window_new (NULL, worker);
  gtk_window_present (GTK_WINDOW (window));
  ud_test_show_section (GTK_WIDGET (window), _("Members"));
  view = UD_MEMBER_VIEW (ud_test_find_by_type (GTK_WIDGET (window), UD_TYPE_MEMBER_VIEW));
  g_assert_true (ud_test_wait_for (view_idle, view));

  /* A member from the middle of the file, by its ID number. */
  member = ud_member_store_get (reader, 6000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (member);
  ud_test_type (GTK_WIDGET (view), _("Search by name, pinyin, ID, card, phone or unit"),
                ud_record_get (member, "id_number"));
  shown_wait.root = ud_member_view_get_column_view (view);
  shown_wait.text = ud_record_get (member, "name");
  g_assert_true (ud_test_wait_for (text_is_shown, &shown_wait));
  g_assert_true (ud_test_wait_for (view_idle, view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ud_member_view_get_model (view))), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  ud_test_settle (100);
  g_clear_object (&reader);
  g_clear_object (&worker);
  ud_test_remove_tree (dir);
}

/* The picture in the metainfo: a realistic roster of a few thousand. */
static void
test_window_screenshot (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autoptr(UdDbWorker) worker = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  UdMemberView *view;
  UdWindow *window;
  ShownWait shown_wait;
  UdDatabase *reader;

  worker = ud_test_new_office (dir, "clerk", generate_members, GUINT_TO_POINTER (3000));

  window = ud_window_new (NULL, worker);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  /* The Overview comes first; the members are the next section. */
  ud_test_show_section (GTK_WIDGET (window), _("Members"));

  view = UD_MEMBER_VIEW (ud_test_find_by_type (GTK_WIDGET (window), UD_TYPE_MEMBER_VIEW));
  g_assert_true (ud_test_wait_for (view_idle, view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ud_member_view_get_model (view))), ==, 3000);
  ud_test_settle (300);
  g_assert_true (ud_test_wait_for (model_loaded, ud_member_view_get_model (view)));

  /* The first screenful came with the first page of ids; its rows must
   * be filled in once the whole roll is there. */
  shown_wait.root = ud_member_view_get_column_view (view);
  reader = ud_database_open (db_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i += 5)
    {
      /* Read here, not through the model, which would load the row. */
      g_autoptr(UdRecord) record = NULL;

      record = ud_member_store_get (reader, ud_record_model_get_id (ud_member_view_get_model (view), i), &error);
      g_assert_no_error (error);
      shown_wait.text = ud_record_get (record, "name");
      g_assert_true (ud_test_wait_for (text_is_shown, &shown_wait));
    }

  {
    g_autoptr(UdRecord) third = ud_member_store_get (reader, ud_record_model_get_id (ud_member_view_get_model (view), 2), &error);

    g_assert_no_error (error);
    ud_test_select (GTK_WIDGET (view), ud_record_get (third, "name"));
  }
  g_clear_object (&reader);
  ud_test_settle (500);

  ud_test_save_named_screenshot (GTK_WIDGET (window), "main", 20000);

  /* Every generated card number starts with 622206: a search that finds
   * more members than the list shows brings the best 1,000 and says that
   * there are more. */
  {
    CountWait count_wait = { view, UD_MEMBER_SEARCH_CAP };
    g_autofree char *cap = ud_format_count (UD_MEMBER_SEARCH_CAP);
    g_autofree char *shown = g_strdup_printf (_("%s+"), cap);
    g_autofree char *total = ud_format_count (3000);
    g_autofree char *expected = g_strdup_printf (ngettext ("%s of %s member", "%s of %s members", 3000),
                                                 shown, total);

    ud_test_type (GTK_WIDGET (view), _("Search by name, pinyin, ID, card, phone or unit"), "622206");
    g_assert_true (ud_test_wait_for (view_has_n_members, &count_wait));
    g_assert_cmpstr (ud_member_view_get_count_text (view), ==, expected);
    ud_test_settle (300);
    ud_test_save_named_screenshot (GTK_WIDGET (window), "search-capped", 20000);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ud_test_settle (100);
  g_clear_object (&worker);
  ud_test_remove_tree (dir);
}

/* First run: the office gives its district code and name, and its
 * administrator, in the set-up window the application opens on an empty
 * database; the main window follows, the administrator signed in. */
static gboolean
drive_setup (gpointer data)
{
  gboolean *passed = data;
  g_autofree char *screenshot = NULL;
  GtkWidget *setup = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_SETUP_WINDOW));
  GtkWidget *district;
  GtkWidget *admin_password;
  GtkWidget *admin_repeat;
  GtkWidget *admin_problem;
  GtkWidget *window;
  UdDbWorker *worker;

  district = ud_test_type (setup, _("District code"), "990118");
  g_assert_true (gtk_widget_has_css_class (district, "error"));
  ud_test_type (setup, _("District code"), "110118");
  g_assert_false (gtk_widget_has_css_class (district, "error"));
  ud_test_type (setup, _("Office name"), "北京市密云区总工会");

  /* The administrator: a password too short is named, then a good one. */
  admin_problem = (GtkWidget *)gtk_widget_get_template_child (setup, UD_TYPE_SETUP_WINDOW, "admin_error_label");
  ud_test_type (setup, _("Full name"), "赵管理");
  admin_password = ud_test_type (setup, _("Password"), "short");
  g_assert_true (gtk_widget_has_css_class (admin_password, "error"));
  g_assert_true (gtk_widget_get_visible (admin_problem));
  ud_test_type (setup, _("Password"), UD_TEST_PASSWORD);
  admin_repeat = ud_test_type (setup, _("Password again"), UD_TEST_PASSWORD "x");
  g_assert_true (gtk_widget_has_css_class (admin_repeat, "error"));
  ud_test_type (setup, _("Password again"), UD_TEST_PASSWORD);
  g_assert_false (gtk_widget_get_visible (admin_problem));
  ud_test_settle (200);
  screenshot = g_test_build_filename (G_TEST_BUILT, "setup.png", NULL);
  ud_test_save_screenshot (setup, screenshot, 8000);

  ud_test_press (setup, _("_Start Using UnionDesk"));
  ud_test_wait_closed (UD_TYPE_SETUP_WINDOW);
  window = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_WINDOW));
  worker = ud_window_get_worker (UD_WINDOW (window));
  g_assert_true (ud_db_worker_is_initialized (worker));
  g_assert_cmpstr (ud_db_worker_get_district (worker), ==, "110118");
  g_assert_cmpstr (ud_db_worker_get_office_name (worker), ==, "北京市密云区总工会");
  /* The administrator is signed in. */
  g_assert_nonnull (ud_db_worker_get_session (worker));
  g_assert_cmpstr (ud_session_get_username (ud_db_worker_get_session (worker)), ==, "admin");
  g_assert_true (ud_db_worker_may (worker, UD_PERMISSION_ADMINISTER));
  g_assert_true (ud_test_can_press (window, _("Accounts")));

  *passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static void
test_setup_window (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *problem = NULL;
  g_autofree char *code = NULL;
  gboolean passed = FALSE;

  problem = ud_setup_check_district ("11011", NULL);
  g_assert_nonnull (problem);
  g_assert_true (g_str_has_prefix (problem, _("District code")));
  g_clear_pointer (&problem, g_free);
  problem = ud_setup_check_district ("991234", NULL);
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);
  /* Full-width digits, as a Chinese input method types them. */
  g_assert_null (ud_setup_check_district ("１１０１１８", &code));
  g_assert_cmpstr (code, ==, "110118");

  ud_test_run_application (path, drive_setup, &passed);
  g_assert_true (passed);
  ud_test_remove_tree (dir);
}

/* The app opens on the sign-in: a wrong password is refused with a
 * reason, the right one opens the main window; Switch User… and signing
 * in as another account gives that account's window. */
static gboolean
drive_sign_in (gpointer data)
{
  gboolean *passed = data;
  GtkWidget *sign_in = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_SIGN_IN_WINDOW));
  GtkWidget *problem = (GtkWidget *)gtk_widget_get_template_child (sign_in, UD_TYPE_SIGN_IN_WINDOW, "error_label");
  GtkWidget *window;
  UdDbWorker *worker;

  ud_test_type (sign_in, _("User name"), "clerk");
  ud_test_type (sign_in, _("Password"), "not-the-password");
  ud_test_press (sign_in, _("_Sign In"));
  g_assert_true (ud_test_wait_for (ud_test_widget_mapped, problem));
  g_assert_nonnull (ud_test_find_toplevel (UD_TYPE_SIGN_IN_WINDOW));
  g_assert_null (ud_test_find_toplevel (UD_TYPE_WINDOW));
  g_test_message ("wrong password: %s", gtk_label_get_label (GTK_LABEL (problem)));
  ud_test_settle (200);
  ud_test_save_named_screenshot (sign_in, "sign-in", 8000);

  window = ud_test_sign_in_window ("clerk", UD_TEST_PASSWORD, NULL);
  worker = ud_window_get_worker (UD_WINDOW (window));
  g_assert_cmpstr (ud_session_get_username (ud_db_worker_get_session (worker)), ==, "clerk");
  g_assert_true (ud_db_worker_may (worker, UD_PERMISSION_EDIT_MEMBERS));
  g_assert_false (ud_db_worker_may (worker, UD_PERMISSION_ADMINISTER));
  g_assert_false (ud_test_can_press (window, _("Accounts")));

  /* Switching user: out, and in as the administrator. */
  window = ud_test_switch_user (window, "admin", UD_TEST_PASSWORD);
  g_assert_true (ud_db_worker_may (worker, UD_PERMISSION_ADMINISTER));
  g_assert_false (ud_db_worker_may (worker, UD_PERMISSION_APPROVE_APPLICATION));
  g_assert_true (ud_test_can_press (window, _("Accounts")));

  *passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static void
test_sign_in_and_out (void)
{
  gboolean passed = FALSE;

  ud_test_run_office (NULL, NULL, drive_sign_in, &passed);
  g_assert_true (passed);
}

static gboolean
shows_full (gpointer settings)
{
  return g_settings_get_boolean (settings, "show-full-identifiers");
}

static gboolean
hides_digits (gpointer settings)
{
  return !g_settings_get_boolean (settings, "show-full-identifiers");
}

/* Preferences and the shortcuts window, from the main menu. */
static gboolean
drive_preferences (gpointer data)
{
  const char *dir = data;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *screenshot = NULL;
  g_autofree char *pem = g_build_filename (dir, "city-ca.pem", NULL);
  g_autofree char *chosen = NULL;
  GtkWidget *window = ud_test_sign_in_window ("admin", UD_TEST_PASSWORD, NULL);
  GtkWidget *preferences;
  GtkWidget *shortcuts;

  ud_test_main_menu (window, _("_Preferences"));
  preferences = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_PREFERENCES_WINDOW));
  g_assert_false (g_settings_get_boolean (settings, "show-full-identifiers"));
  /* The switch slides over, then the setting follows. */
  ud_test_press (preferences, _("Show full ID, phone and card numbers"));
  g_assert_true (ud_test_wait_for (shows_full, settings));
  ud_test_press (preferences, _("Show full ID, phone and card numbers"));
  g_assert_true (ud_test_wait_for (hides_digits, settings));
  ud_test_settle (200);
  screenshot = g_test_build_filename (G_TEST_BUILT, "preferences.png", NULL);
  ud_test_save_screenshot (preferences, screenshot, 8000);

  /* The sync page's certificate authority, picked in its file chooser. */
  g_assert_true (g_file_set_contents (pem, "-----BEGIN CERTIFICATE-----\n", -1, NULL));
  ud_test_press (preferences, _("Sync"));
  ud_test_choose_file (preferences, _("C_hoose…"), pem, _("_Choose"));
  ud_test_settle (300);
  chosen = g_settings_get_string (settings, "sync-ca-file");
  g_assert_cmpstr (chosen, ==, pem);
  g_settings_reset (settings, "sync-ca-file");
  gtk_window_close (GTK_WINDOW (preferences));
  ud_test_wait_closed (UD_TYPE_PREFERENCES_WINDOW);

  ud_test_main_menu (window, _("_Keyboard Shortcuts"));
  shortcuts = GTK_WIDGET (ud_test_wait_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_assert_true (ud_test_wait_for (ud_test_widget_mapped, shortcuts));
  ud_test_settle (200);
  gtk_window_close (GTK_WINDOW (shortcuts));

  ud_test_quit_application ();
  g_remove (pem);

  return G_SOURCE_REMOVE;
}

static void
test_preferences_and_shortcuts (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(UdDbWorker) worker = ud_test_new_office (dir, NULL, NULL, NULL);

  g_clear_object (&worker);
  ud_test_run_application (path, drive_preferences, dir);
  ud_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  ud_test_init (&argc, &argv);

  g_test_add_func ("/app/window/roster", test_window_roster);
  g_test_add_func ("/app/window/reimport", test_window_reimport);
  g_test_add_func ("/app/window/screenshot", test_window_screenshot);
  g_test_add_func ("/app/window/import-indexed-after", test_window_import_indexed_after);
  g_test_add_func ("/app/setup", test_setup_window);
  g_test_add_func ("/app/sign-in", test_sign_in_and_out);
  g_test_add_func ("/app/preferences", test_preferences_and_shortcuts);

  return g_test_run ();
}
