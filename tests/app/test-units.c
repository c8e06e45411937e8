/* test-units.c — the Units section, pressed through as the clerk does
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ud-account.h"
#include "ud-import-dialog.h"
#include "ud-member-store.h"
#include "ud-record-store.h"
#include "ud-test-app.h"
#include "ud-record-section.h"
#include "ud-unit-kind.h"

#define UNIT "北京密云建材有限公司"
#define UNIT_CODE "91110228MA01ABCD0F"
#define NEW_UNIT "密云区供电公司"
#define NEW_CODE "91110000600037341L"
#define BAD_CODE "91110000600037341X"

/* One unit with two members, and a member of another unit, which the
 * member's save adds. */
static void
prepare (UdDatabase *db,
         gpointer    data)
{
  const char *members[][3] = {
    { "朱明敏", "11010519491231002X", UNIT },
    { "王建华", "110228198001010016", UNIT },
    { "李秀英", "110228197512030022", "密云区溪翁庄镇政府" },
  };
  g_autoptr(UdRecord) unit = ud_record_new (&ud_kind_unit);
  g_autoptr(UdSession) clerk = NULL;
  g_autoptr(GError) error = NULL;

  clerk = ud_account_authenticate (db, "clerk", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, clerk);

  ud_record_set (unit, "name", UNIT);
  ud_record_set (unit, "credit_code", UNIT_CODE);
  ud_record_set (unit, "street", "果园街道");
  ud_record_store_save (db, unit, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);

      ud_record_set (member, "name", members[i][0]);
      ud_record_set (member, "id_number", members[i][1]);
      ud_record_set (member, "unit", members[i][2]);
      ud_member_store_save (db, member, NULL, &error);
      g_assert_no_error (error);
    }
}

typedef struct
{
  UdRecordTable *table;
  const char    *text;
  guint          n;
} CountWait;

static gboolean
table_shows (gpointer data)
{
  CountWait *wait = data;

  return !ud_record_table_get_busy (wait->table) &&
         g_strcmp0 (ud_record_table_get_count_text (wait->table), wait->text) == 0;
}

static gboolean
table_has_rows (gpointer data)
{
  CountWait *wait = data;

  return !ud_record_table_get_busy (wait->table) &&
         g_list_model_get_n_items (G_LIST_MODEL (ud_record_table_get_model (wait->table))) == wait->n;
}

static gboolean
binder_loaded (gpointer data)
{
  return ud_form_binder_get_loaded (data);
}

static gboolean
credit_code_at_fault (gpointer data)
{
  return ud_form_binder_get_field_error (data, "credit_code") != NULL;
}

static void
wait_count (UdRecordTable *table,
            const char    *text)
{
  CountWait wait = { table, text };

  if (!ud_test_wait_for (table_shows, &wait))
    g_error ("The list shows “%s”, not “%s”", ud_record_table_get_count_text (table), text);
}

static char *
units (guint total,
       int   shown)
{
  g_autofree char *total_text = g_strdup_printf ("%u", total);

  if (shown < 0)
    return g_strdup_printf (ngettext ("%s unit", "%s units", total), total_text);

  return g_strdup_printf (ngettext ("%s of %s unit", "%s of %s units", total),
                          shown == 1 ? "1" : "0", total_text);
}

static gboolean
import_shows_changes (gpointer data)
{
  return g_strcmp0 (ud_import_dialog_get_page (data), "changes") == 0;
}

static gboolean
import_done (gpointer data)
{
  return g_strcmp0 (ud_import_dialog_get_page (data), "result") == 0;
}

/* Import: the section's Import… opens the shared roster dialog for units;
 * a file of two rows, one a unit already here (unchanged) and one new. */
static void
import_units (GtkWidget     *window,
              UdRecordTable *table,
              const char    *expected)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-units-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "units.csv", NULL);
  const char *csv = "单位名称,统一社会信用代码,街乡,单位类型\n"
                    UNIT "," UNIT_CODE ",果园街道,企业\n"
                    "檀营乡总工会,,檀营乡,联合基层工会\n";
  const UdImportReport *report;
  UdImportDialog *dialog;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, csv, -1, &error);
  g_assert_no_error (error);

  ud_test_press (window, _("_Import…"));
  dialog = UD_IMPORT_DIALOG (ud_test_wait_toplevel (UD_TYPE_IMPORT_DIALOG));
  ud_test_choose_file (GTK_WIDGET (dialog), _("_Choose File…"), path, _("_Open"));
  /* First what the file would do, then the import itself. */
  ud_test_press (GTK_WIDGET (dialog), _("_Import"));
  g_assert_true (ud_test_wait_for (import_shows_changes, dialog));
  ud_test_press (GTK_WIDGET (dialog), _("_Import"));
  g_assert_true (ud_test_wait_for (import_done, dialog));
  report = ud_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->updated + report->unchanged, ==, 1);
  g_assert_cmpuint (report->rejected, ==, 0);
  ud_test_press (GTK_WIDGET (dialog), _("_Close"));
  ud_test_wait_closed (UD_TYPE_IMPORT_DIALOG);
  wait_count (table, expected);

  ud_test_remove_tree (dir);
}

static gboolean
drive (gpointer data)
{
  gboolean *passed = data;
  GtkWidget *window = ud_test_sign_in_window ("clerk", UD_TEST_PASSWORD, NULL);
  g_autofree char *two = units (2, -1);
  g_autofree char *three = units (3, -1);
  g_autofree char *four = units (4, -1);
  g_autofree char *found = units (3, 1);
  UdRecordTable *table;
  UdRecordEditor *editor;
  UdFormBinder *binder;
  GtkWidget *row;
  CountWait members;

  ud_test_show_section (window, _("Units"));
  table = ud_record_section_get_table (UD_RECORD_SECTION (ud_test_find_by_type (window, UD_TYPE_RECORD_SECTION)));
  wait_count (table, two);

  /* A new unit: the credit code's check digit is named on its row as it
   * is typed, and Save waits for it. */
  ud_test_press (window, _("_New Unit"));
  editor = UD_RECORD_EDITOR (ud_test_wait_toplevel (UD_TYPE_RECORD_EDITOR));
  binder = ud_record_editor_get_binder (editor);
  g_assert_true (ud_test_wait_for (binder_loaded, binder));
  ud_test_type (GTK_WIDGET (editor), _("Unit name"), NEW_UNIT);
  row = ud_test_type (GTK_WIDGET (editor), _("Unified social credit code"), BAD_CODE);
  g_assert_nonnull (ud_form_binder_get_field_error (binder, "credit_code"));
  g_assert_nonnull (strstr (ud_form_binder_get_field_error (binder, "credit_code"),
                            _("Unified social credit code")));
  g_assert_true (gtk_widget_has_css_class (ud_form_binder_get_row (binder, "credit_code"), "error"));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), ud_form_binder_get_field_error (binder, "credit_code")));
  g_assert_false (ud_test_can_press (GTK_WIDGET (editor), _("_Save")));
  ud_test_settle (500);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "unit-editor-bad-code", 10000);

  /* The code another unit holds: the store's check, a moment later. */
  ud_test_type (GTK_WIDGET (editor), _("Unified social credit code"), UNIT_CODE);
  g_assert_true (ud_test_wait_for (credit_code_at_fault, binder));
  g_assert_false (ud_test_can_press (GTK_WIDGET (editor), _("_Save")));

  ud_test_type (GTK_WIDGET (editor), _("Unified social credit code"), NEW_CODE);
  g_assert_null (ud_form_binder_get_field_error (binder, "credit_code"));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  ud_test_choose (GTK_WIDGET (editor), _("Unit type"), _("Government agency"));
  ud_test_type (GTK_WIDGET (editor), _("Street or township"), "鼓楼街道");
  ud_test_press (GTK_WIDGET (editor), _("_Save"));
  ud_test_wait_closed (UD_TYPE_RECORD_EDITOR);
  wait_count (table, three);
  ud_test_save_named_screenshot (window, "units-section", 10000);

  /* Search in SQL, and the type filter. */
  ud_test_type (window, _("Search by name, credit code, street or contact"), "供电");
  wait_count (table, found);
  ud_test_type (window, _("Search by name, credit code, street or contact"), "");
  wait_count (table, three);

  /* The unit's members, in its editor. */
  ud_test_select (window, UNIT);
  ud_test_press (window, _("_Open"));
  editor = UD_RECORD_EDITOR (ud_test_wait_toplevel (UD_TYPE_RECORD_EDITOR));
  binder = ud_record_editor_get_binder (editor);
  g_assert_true (ud_test_wait_for (binder_loaded, binder));
  members.table = UD_RECORD_TABLE (ud_record_editor_get_object (editor, "members"));
  members.n = 2;
  g_assert_true (ud_test_wait_for (table_has_rows, &members));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), "王建华"));
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "unit-editor", 10000);
  ud_test_type (GTK_WIDGET (editor), _("Contact person"), "赵敏");
  ud_test_press (GTK_WIDGET (editor), _("_Save"));
  ud_test_wait_closed (UD_TYPE_RECORD_EDITOR);
  g_assert_true (ud_test_wait_labelled (window, "赵敏"));

  /* Delete the new unit, then undo. */
  ud_test_select (window, NEW_UNIT);
  ud_test_press (window, _("Delete the Selected Unit"));
  wait_count (table, two);
  g_assert_true (ud_test_wait_labelled (window, _("_Undo")));
  ud_test_press (window, _("_Undo"));
  wait_count (table, three);

  import_units (window, table, four);

  *passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static void
test_units (void)
{
  gboolean passed = FALSE;

  ud_test_run_office (prepare, NULL, drive, &passed);
  g_assert_true (passed);
}

int
main (int   argc,
      char *argv[])
{
  ud_test_init (&argc, &argv);

  g_test_add_func ("/app/units/register", test_units);

  return g_test_run ();
}
