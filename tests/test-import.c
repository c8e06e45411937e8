/* test-import.c — importing rosters: whole or nothing, every bad row named
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-audit.h"
#include "ud-core.h"
#include "ud-database.h"
#include "ud-import.h"
#include "ud-member-store.h"
#include "ud-table.h"

static char *
test_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "files", name, NULL);
}

static UdDatabase *
open_office (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(GError) error = NULL;
  UdDatabase *db = ud_database_open (path, &error);

  g_assert_no_error (error);
  ud_database_initialize_office (db, "110118", "密云区总工会", &error);
  g_assert_no_error (error);
  return db;
}

static UdImportReport *
import_file (UdDatabase *db,
             const char *path,
             gboolean    dry_run)
{
  g_autoptr(UdImport) import = NULL;
  g_autoptr(GError) error = NULL;
  UdImportReport *report;

  import = ud_import_new_from_file (&ud_kind_member, path, NULL, &error);
  g_assert_no_error (error);
  report = ud_import_run (import, db, dry_run, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static gint64
count_rows (UdDatabase *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_quoted_fields_survive (void)
{
  g_autoptr(UdDatabase) db = open_office ();
  g_autofree char *path = test_file ("roster-quoted.csv");
  g_autoptr(UdImportReport) report = import_file (db, path, FALSE);
  g_autoptr(UdRecord) wang = NULL;
  g_autoptr(UdRecord) li = NULL;
  g_autoptr(UdRecord) zhang = NULL;
  g_autoptr(GError) error = NULL;

  /* The blank line and the row of empty cells are not rows. */
  g_assert_cmpuint (report->rows, ==, 4);
  g_assert_cmpuint (report->imported, ==, 4);
  g_assert_cmpuint (report->rejected, ==, 0);

  wang = ud_member_store_find_by_id_number (db, "11010119780315031X", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (wang, "unit"), ==, "北京青禾物业服务有限公司,东城分公司");
  g_assert_cmpstr (ud_record_get (wang, "notes"), ==, "外号\"老王\"");
  g_assert_cmpstr (ud_record_get (wang, "model_worker"), ==, "beijing_model");

  li = ud_member_store_find_by_id_number (db, "110102198507220425", &error);
  g_assert_cmpstr (ud_record_get (li, "notes"), ==, "夜班\n住址变更：朝阳区");
  g_assert_cmpstr (ud_record_get (li, "employment"), ==, "contract");

  zhang = ud_member_store_find_by_id_number (db, "110105199001080158", &error);
  g_assert_cmpstr (ud_record_get (zhang, "name"), ==, "张伟");
  g_assert_cmpstr (ud_record_get (zhang, "sex"), ==, "M");
}

static void
test_encodings_give_the_same_roll (void)
{
  const char *files[] = { "roster-utf8.csv", "roster-gb18030.csv", "roster-utf8-bom-crlf.csv", "roster-semicolon.csv" };
  g_autoptr(UdDatabase) db = open_office ();
  guint first_imported = 0;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = test_file (files[i]);
      g_autoptr(UdImportReport) report = import_file (db, path, FALSE);

      /* Same people in every file: the first import adds them, the
       * others find them unchanged. */
      if (i == 0)
        {
          first_imported = report->imported;
          g_assert_cmpuint (first_imported, >, 0);
        }
      else
        {
          g_assert_cmpuint (report->imported, ==, 0);
          g_assert_cmpuint (report->unchanged, ==, first_imported);
        }
    }
  g_assert_cmpint (ud_member_store_count (db), ==, first_imported);
}

static void
test_bad_rows_reported (void)
{
  g_autoptr(UdDatabase) db = open_office ();
  g_autofree char *path = test_file ("roster-bad-gb18030.csv");
  g_autoptr(UdImportReport) report = import_file (db, path, FALSE);
  g_autofree char *json = ud_import_report_to_json (report);
  UdImportError *first;

  g_assert_cmpuint (report->rows, ==, 13);
  g_assert_cmpuint (report->imported, ==, 5);
  g_assert_cmpuint (report->rejected, ==, 8);
  g_assert_cmpuint (report->warnings, ==, 2);
  first = g_ptr_array_index (report->errors, 0);
  g_assert_cmpuint (first->row, ==, 4);
  g_assert_cmpstr (first->column, ==, "身份证号");
  g_assert_cmpstr (first->code, ==, "invalid_checksum");
  g_assert_true (g_str_has_prefix (json, "{\"rows\":13,\"imported\":5,\"updated\":0,"));
  g_assert_cmpint (ud_member_store_count (db), ==, 5);
}

static void
test_rejected_rows_saved_as_csv (void)
{
  g_autoptr(UdDatabase) db = open_office ();
  g_autofree char *path = test_file ("roster-bad-gb18030.csv");
  g_autofree char *dir = g_dir_make_tmp ("ud-rejected-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "rejected.csv", NULL);
  g_autoptr(UdImport) import = NULL;
  g_autoptr(UdImportReport) report = NULL;
  g_autoptr(UdTable) table = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *header, *row;

  import = ud_import_new_from_file (&ud_kind_member, path, NULL, &error);
  report = ud_import_run (import, db, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ud_import_write_rejected_csv (import, report, out, &error));
  g_assert_no_error (error);

  table = ud_table_read_file (out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->encoding, ==, UD_ENCODING_UTF8_BOM);
  /* Header plus the eight rejected rows; warnings are not rejections. */
  g_assert_cmpuint (table->rows->len, ==, 1 + 8);
  header = g_ptr_array_index (table->rows, 0);
  g_assert_cmpuint (header->len, ==, 12);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "姓名");
  row = g_ptr_array_index (table->rows, 1);
  g_assert_cmpstr (g_ptr_array_index (row, 0), ==, "李四");
  g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "360426199101010072");
  g_assert_cmpstr (g_ptr_array_index (row, 10), ==, "4");
  g_assert_nonnull (strstr (g_ptr_array_index (row, 11), "check character"));
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
  guint         last_done;
  guint         total;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  Progress *p = data;

  p->calls++;
  p->last_done = done;
  p->total = total;
  if (p->cancellable != NULL && done >= 1000)
    g_cancellable_cancel (p->cancellable);
}

static char *
write_big_roster (guint n)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-big-XXXXXX", NULL);
  g_autoptr(GString) csv = g_string_new ("name,sex,id_number,phone,unit\n");
  char *path = g_build_filename (dir, "big.csv", NULL);

  for (guint i = 0; i < n; i++)
    {
      static const int w[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
      char id[19];
      int sum = 0;

      g_snprintf (id, sizeof id, "1101181980%02u%02u%03u", 1 + (i / 28000) % 12, 1 + (i / 1000) % 28, i % 1000);
      for (guint k = 0; k < 17; k++)
        sum += (id[k] - '0') * w[k];
      id[17] = "10X98765432"[sum % 11];
      id[18] = '\0';
      g_string_append_printf (csv, "会员%u,%s,%s,139%08u,测试单位%u\n",
                              i, (id[16] - '0') % 2 ? "男" : "女", id, i, i % 7);
    }
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  return path;
}

static void
test_cancel_rolls_back (void)
{
  g_autoptr(UdDatabase) db = open_office ();
  g_autofree char *path = write_big_roster (3000);
  g_autoptr(UdImport) import = NULL;
  g_autoptr(UdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { g_cancellable_new () };
  gint64 audit_before = count_rows (db, "SELECT count (*) FROM audit_log");

  import = ud_import_new_from_file (&ud_kind_member, path, NULL, &error);
  g_assert_no_error (error);
  /* English headers are accepted too. */
  g_assert_cmpstr (ud_import_get_column_field (import, 2)->name, ==, "id_number");
  report = ud_import_run (import, db, FALSE, on_progress, &progress, progress.cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Nothing half-saved: no member, no unit, no outbox, no audit. */
  g_assert_cmpint (ud_member_store_count (db), ==, 0);
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM unit"), ==, 0);
  g_assert_cmpint (ud_database_outbox_count (db), ==, 0);
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM audit_log"), ==, audit_before);
  g_object_unref (progress.cancellable);
}

static void
test_progress_and_dry_run (void)
{
  g_autoptr(UdDatabase) db = open_office ();
  g_autofree char *path = write_big_roster (1200);
  g_autoptr(UdImport) import = NULL;
  g_autoptr(UdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { NULL };

  import = ud_import_new_from_file (&ud_kind_member, path, NULL, &error);
  report = ud_import_run (import, db, TRUE, on_progress, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1200);
  g_assert_true (report->dry_run);
  g_assert_cmpuint (progress.calls, >=, 3);
  g_assert_cmpuint (progress.last_done, ==, 1200);
  g_assert_cmpuint (progress.total, ==, 1200);
  g_assert_cmpint (ud_member_store_count (db), ==, 0);
  g_clear_pointer (&report, ud_import_report_free);

  report = ud_import_run (import, db, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1200);
  g_assert_cmpint (ud_member_store_count (db), ==, 1200);
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM unit"), ==, 7);
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM audit_log WHERE action = 'import'"), ==, 1);
  /* One entry for the whole import, not one per member; one outbox
   * entry per member and unit. */
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM audit_log WHERE kind = 'member'"), ==, 1);
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM sync_outbox WHERE kind = (SELECT code FROM sync_kind WHERE name = 'member')"), ==, 1200);
  /* Written from the rows at the end of the import: each names its
   * member's row. */
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM sync_outbox o JOIN member m"
                                   " ON o.kind = (SELECT code FROM sync_kind WHERE name = 'member') AND o.id = m.id"), ==, 1200);

  /* Each member's history still tells that the import created it. */
  {
    g_autoptr(UdRecord) member = ud_member_store_get (db, 600, &error);
    g_autoptr(GPtrArray) history = NULL;

    g_assert_no_error (error);
    history = ud_audit_record_history (db, "member", member->uuid, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 1);
    g_assert_cmpstr (((UdAuditEntry *) g_ptr_array_index (history, 0))->action, ==, "import");
  }

  /* The import's one entry is a link of the audit chain like any other. */
  {
    gint64 first_bad = -1;

    g_assert_true (ud_audit_verify (db, FALSE, &first_bad, &error));
    g_assert_no_error (error);
    g_assert_cmpint (first_bad, ==, 0);
  }
}

static void
test_missing_required_column (void)
{
  g_autoptr(UdDatabase) db = open_office ();
  g_autofree char *dir = g_dir_make_tmp ("ud-missing-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "no-id.csv", NULL);
  g_autoptr(UdImport) import = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "姓名,工作单位\n张三,某单位\n", -1, NULL));
  import = ud_import_new_from_file (&ud_kind_member, path, NULL, &error);
  g_assert_no_error (error);
  missing = ud_import_get_missing_fields (import);
  g_assert_nonnull (missing);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "ID number");
  g_assert_null (ud_import_run (import, db, FALSE, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "ID number"));
}

static void
test_excel_numbers_flagged (void)
{
  g_autoptr(UdDatabase) db = open_office ();
  g_autofree char *path = test_file ("roster-handmade.xlsx");
  g_autoptr(UdImportReport) report = import_file (db, path, FALSE);
  gboolean flagged = FALSE;

  for (guint i = 0; i < report->errors->len; i++)
    {
      UdImportError *e = g_ptr_array_index (report->errors, i);

      flagged |= e->row == 2 && g_str_equal (e->code, "excel_number") && g_str_equal (e->column, "身份证号");
    }
  g_assert_true (flagged);
}

/* A record corrected in the app since its roster came: the import says
 * what it would change, field by field, old → new, and keeps the app's
 * value of the fields (or rows) the person chooses. */
static void
test_changes_and_kept_values (void)
{
  g_autoptr(UdDatabase) db = open_office ();
  g_autofree char *path = test_file ("roster-utf8.csv");
  g_autoptr(UdImportReport) first = import_file (db, path, FALSE);
  g_autoptr(UdRecord) wang = NULL;
  g_autoptr(UdRecord) li = NULL;
  g_autoptr(UdImport) import = NULL;
  g_autoptr(UdImportReport) dry = NULL;
  g_autoptr(UdImportReport) kept = NULL;
  g_autoptr(GError) error = NULL;
  UdImportChange *change;

  /* Corrected in the app: 王建国's phone and notes, 李秀兰's phone. */
  wang = ud_member_store_find_by_id_number (db, "11010119780315031X", &error);
  ud_record_set (wang, "phone", "13801019999");
  ud_record_set (wang, "notes", "电话已核实");
  g_assert_true (ud_member_store_save (db, wang, NULL, &error));
  li = ud_member_store_find_by_id_number (db, "110102198507220425", &error);
  ud_record_set (li, "phone", "13911020000");
  g_assert_true (ud_member_store_save (db, li, NULL, &error));
  g_assert_no_error (error);

  dry = import_file (db, path, TRUE);
  g_assert_cmpuint (dry->updated, ==, 2);
  g_assert_cmpuint (dry->changes->len, ==, 3);
  change = g_ptr_array_index (dry->changes, 0);
  g_assert_cmpuint (change->row, ==, 1);
  g_assert_cmpstr (change->title, ==, "王建国");
  g_assert_cmpstr (change->uuid, ==, wang->uuid);
  g_assert_cmpstr (change->field->name, ==, "phone");
  g_assert_cmpstr (change->old_value, ==, "13801019999");
  g_assert_cmpstr (change->new_value, ==, "13801012345");
  g_assert_false (change->kept);
  change = g_ptr_array_index (dry->changes, 1);
  g_assert_cmpstr (change->field->name, ==, "notes");
  g_assert_cmpstr (change->new_value, ==, "");

  /* Keep 王建国's phone, and all of 李秀兰 (row 2); his notes go. */
  import = ud_import_new_from_file (&ud_kind_member, path, NULL, &error);
  g_assert_no_error (error);
  ud_import_keep_field (import, 1, "phone");
  ud_import_keep_field (import, 2, NULL);
  kept = ud_import_run (import, db, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->updated, ==, 1);
  g_assert_cmpuint (kept->unchanged, ==, first->imported - 1);

  g_clear_pointer (&wang, ud_record_unref);
  wang = ud_member_store_find_by_id_number (db, "11010119780315031X", &error);
  g_assert_cmpstr (ud_record_get (wang, "phone"), ==, "13801019999");
  g_assert_cmpstr (ud_record_get (wang, "notes"), ==, "");
  /* The member the import changed has an outbox entry, like every
   * other member. */
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM sync_outbox WHERE kind = (SELECT code FROM sync_kind WHERE name = 'member')"
                                   " AND id = (SELECT id FROM member WHERE id_number = '11010119780315031X')"), ==, 1);
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM member m WHERE NOT EXISTS (SELECT 1 FROM sync_outbox o"
                                   " WHERE o.kind = (SELECT code FROM sync_kind WHERE name = 'member') AND o.id = m.id)"), ==, 0);
  g_clear_pointer (&li, ud_record_unref);
  li = ud_member_store_find_by_id_number (db, "110102198507220425", &error);
  g_assert_cmpstr (ud_record_get (li, "phone"), ==, "13911020000");
  /* The app's corrections have their entries (phone, notes); the import
   * that took the notes away is its one entry, which 王建国's history
   * holds: newest first, the import, the two corrections, the first
   * import. */
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM audit_log WHERE action = 'update' AND field = 'notes'"), ==, 1);
  {
    g_autoptr(GPtrArray) history = ud_audit_record_history (db, "member", wang->uuid, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 4);
    g_assert_cmpstr (((UdAuditEntry *) g_ptr_array_index (history, 0))->action, ==, "import");
    g_assert_cmpstr (((UdAuditEntry *) g_ptr_array_index (history, 3))->action, ==, "import");
  }
}

/* The person's choices may change before the import, and the import does
 * what was shown or nothing at all. */
static void
test_import_does_what_was_shown (void)
{
  g_autoptr(UdDatabase) db = open_office ();
  g_autofree char *path = test_file ("roster-utf8.csv");
  g_autoptr(UdImportReport) first = import_file (db, path, FALSE);
  g_autoptr(UdRecord) wang = NULL;
  g_autoptr(UdImport) import = NULL;
  g_autoptr(UdImportReport) shown = NULL;
  g_autoptr(UdImportReport) done = NULL;
  g_autoptr(GError) error = NULL;
  gint64 audit_before;

  wang = ud_member_store_find_by_id_number (db, "11010119780315031X", &error);
  ud_record_set (wang, "phone", "13801019999");
  g_assert_true (ud_member_store_save (db, wang, NULL, &error));
  g_assert_no_error (error);

  /* Shown: 王建国's phone would change back to the file's. */
  import = ud_import_new_from_file (&ud_kind_member, path, NULL, &error);
  g_assert_no_error (error);
  ud_import_keep_existing (import, TRUE);
  shown = ud_import_run (import, db, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->changes->len, ==, 1);
  g_assert_true (((UdImportChange *) g_ptr_array_index (shown->changes, 0))->kept);

  /* Meanwhile someone corrects the phone again: the run refuses, and
   * writes nothing. */
  g_clear_pointer (&wang, ud_record_unref);
  wang = ud_member_store_find_by_id_number (db, "11010119780315031X", &error);
  ud_record_set (wang, "phone", "13801018888");
  g_assert_true (ud_member_store_save (db, wang, NULL, &error));
  g_assert_no_error (error);
  audit_before = count_rows (db, "SELECT count (*) FROM audit_log");
  ud_import_forget_kept (import);
  ud_import_expect (import, shown);
  done = ud_import_run (import, db, FALSE, NULL, NULL, NULL, &error);
  g_assert_error (error, UD_IMPORT_ERROR, UD_IMPORT_ERROR_CHANGED);
  g_assert_null (done);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM audit_log"), ==, audit_before);

  /* Checked again: the keep_existing chosen before was forgotten, the
   * file's phone goes in, as shown. */
  g_clear_pointer (&shown, ud_import_report_free);
  shown = ud_import_run (import, db, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->changes->len, ==, 1);
  g_assert_false (((UdImportChange *) g_ptr_array_index (shown->changes, 0))->kept);
  g_assert_cmpstr (((UdImportChange *) g_ptr_array_index (shown->changes, 0))->old_value, ==, "13801018888");
  ud_import_expect (import, shown);
  done = ud_import_run (import, db, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (done->updated, ==, 1);
  g_assert_cmpuint (done->imported, ==, 0);
  g_assert_cmpuint (done->unchanged, ==, first->imported - 1);
  g_clear_pointer (&wang, ud_record_unref);
  wang = ud_member_store_find_by_id_number (db, "11010119780315031X", &error);
  g_assert_cmpstr (ud_record_get (wang, "phone"), ==, "13801012345");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

  g_test_add_func ("/import/quoted-fields", test_quoted_fields_survive);
  g_test_add_func ("/import/encodings", test_encodings_give_the_same_roll);
  g_test_add_func ("/import/bad-rows", test_bad_rows_reported);
  g_test_add_func ("/import/rejected-csv", test_rejected_rows_saved_as_csv);
  g_test_add_func ("/import/cancel-rolls-back", test_cancel_rolls_back);
  g_test_add_func ("/import/progress-dry-run", test_progress_and_dry_run);
  g_test_add_func ("/import/missing-column", test_missing_required_column);
  g_test_add_func ("/import/excel-numbers", test_excel_numbers_flagged);
  g_test_add_func ("/import/changes-and-kept-values", test_changes_and_kept_values);
  g_test_add_func ("/import/does-what-was-shown", test_import_does_what_was_shown);

  return g_test_run ();
}
