/* test-xlsx.c — reading and writing Excel workbooks
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-xlsx"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "ud-table.h"
#include "ud-xlsx.h"

static const char * const roster_header[] = {
  "姓名", "性别", "身份证号", "手机号", "工作单位", "入会日期", "会员卡号",
  "用工性质", "劳模称号", "备注", NULL
};

static char *
test_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "files", name, NULL);
}

static void
assert_fields (GPtrArray          *fields,
               const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);
  guint i;

  g_assert_nonnull (fields);
  g_assert_cmpuint (fields->len, ==, n);
  for (i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (fields, i), ==, expected[i]);
}

static GPtrArray *
new_row (const char * const *cells,
         gsize               n_cells)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  gsize i;

  for (i = 0; i < n_cells; i++)
    g_ptr_array_add (row, g_strdup (cells[i]));

  return row;
}

/* The text of one part of a workbook. */
static char *
read_part (const char *path,
           const char *name)
{
  zip_t *archive;
  zip_file_t *file;
  zip_stat_t st;
  char *text;
  int code = 0;

  archive = zip_open (path, ZIP_RDONLY, &code);
  g_assert_nonnull (archive);
  g_assert_cmpint (zip_stat (archive, name, 0, &st), ==, 0);
  file = zip_fopen (archive, name, 0);
  g_assert_nonnull (file);
  text = g_malloc0 (st.size + 1);
  g_assert_cmpint (zip_fread (file, text, st.size), ==, (zip_int64_t) st.size);
  zip_fclose (file);
  zip_discard (archive);

  return text;
}

/* Writes a ZIP archive with the given (name, text) pairs. */
static void
write_zip (const char         *path,
           const char * const *parts)
{
  zip_t *archive;
  int code = 0;
  guint i;

  archive = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &code);
  g_assert_nonnull (archive);
  for (i = 0; parts[i] != NULL; i += 2)
    {
      zip_source_t *source = zip_source_buffer (archive, parts[i + 1], strlen (parts[i + 1]), 0);

      g_assert_nonnull (source);
      g_assert_cmpint (zip_file_add (archive, parts[i], source, ZIP_FL_ENC_UTF_8), >=, 0);
    }
  g_assert_cmpint (zip_close (archive), ==, 0);
}

static void
test_handmade (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) inexact = NULL;
  g_autofree char *path = test_file ("roster-handmade.xlsx");

  rows = ud_xlsx_read_first_sheet_full (path, &inexact, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);

  /* Excel rows 1–6; rows 8 and 9 hold only formatting and are dropped.
   * The roster is the first visible sheet, not the hidden drop-down
   * sheet before it, nor the notes in sheet1.xml. */
  g_assert_cmpuint (rows->len, ==, 6);
  assert_fields (rows->pdata[0], roster_header);

  /* Rich-text runs joined without the phonetic guide; the phone number
   * printed without exponent or ".0"; a built-in date format; the card
   * number typed as a number keeps the digits Excel stored. */
  assert_fields (rows->pdata[1], (const char *[]) {
    "王建国", "男", "11010119780315031X", "13801012345", "北京青禾物业服务有限公司",
    "2008-05-12", "621700101780315000", "合同制", "北京市劳动模范", NULL });

  /* An 18-digit ID number that Excel made 1.1010519491231E+17; an empty
   * middle cell; a custom Chinese date format; _x000D_ decoded. */
  assert_fields (rows->pdata[2], (const char *[]) {
    "李秀兰", "女", "110105194912310000", "", "", "2016-03-01", "621700102850722422",
    "劳务派遣", "", "夜班\n住址变更\r", NULL });

  /* Excel row 4 is empty. */
  g_assert_cmpuint (((GPtrArray *) rows->pdata[3])->len, ==, 0);

  /* A formatted empty cell and an empty string stay empty; a boolean; a
   * formula's cached result; a time-only format is not a date; a float
   * shown with Excel's 15 digits. */
  assert_fields (rows->pdata[4], (const char *[]) {
    "张伟", "男", "110105199001080158", "", "", "2019-11-20", "TRUE", "合同制",
    "0.5", "0.3", NULL });

  /* Cells without references follow each other; an error value; an
   * escaped "_x0041_" stays literal; a decimal number. */
  assert_fields (rows->pdata[5], (const char *[]) {
    "陈志强", "男", "110108196905040779", "13701056789", "#N/A", "1995-09-01",
    "621700108690504000", "下划线_x0041_照写", "1.5", NULL });

  /* The numbers with more than 15 digits, and only those, are flagged. */
  g_assert_nonnull (inexact);
  g_assert_cmpuint (g_hash_table_size (inexact), ==, 3);
  g_assert_true (g_hash_table_contains (inexact, "1:6"));
  g_assert_true (g_hash_table_contains (inexact, "2:2"));
  g_assert_true (g_hash_table_contains (inexact, "5:6"));
}

static void
test_handmade_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdTable) table = NULL;
  g_autofree char *path = test_file ("roster-handmade.xlsx");

  table = ud_table_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->format, ==, UD_TABLE_FORMAT_XLSX);

  /* The empty Excel row 4 is skipped; each row keeps its Excel number. */
  g_assert_cmpuint (table->rows->len, ==, 5);
  g_assert_cmpuint (ud_table_get_line (table, 0), ==, 1);
  g_assert_cmpuint (ud_table_get_line (table, 1), ==, 2);
  g_assert_cmpuint (ud_table_get_line (table, 2), ==, 3);
  g_assert_cmpuint (ud_table_get_line (table, 3), ==, 5);
  g_assert_cmpuint (ud_table_get_line (table, 4), ==, 6);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) table->rows->pdata[4], 0), ==, "陈志强");

  /* Flags follow the rows: the card number in Excel row 6 is table row 4. */
  g_assert_true (ud_table_is_inexact_number (table, 1, 6));
  g_assert_true (ud_table_is_inexact_number (table, 2, 2));
  g_assert_true (ud_table_is_inexact_number (table, 4, 6));
  g_assert_false (ud_table_is_inexact_number (table, 1, 3));
  g_assert_false (ud_table_is_inexact_number (table, 5, 6));
  g_assert_cmpuint (g_hash_table_size (table->numeric_cells), ==, 3);
}

static void
test_dates_1904 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *path = test_file ("dates-1904.xlsx");

  /* No shared strings part, an "x:" namespace prefix, date1904="1". */
  rows = ud_xlsx_read_first_sheet (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  assert_fields (rows->pdata[0], (const char *[]) { "入会日期", NULL });
  assert_fields (rows->pdata[1], (const char *[]) { "1904-01-01", NULL });
  assert_fields (rows->pdata[2], (const char *[]) { "2008-05-12", NULL });
  assert_fields (rows->pdata[3], (const char *[]) { "2016-03-01", NULL });
}

static void
assert_serial (double      serial,
               gboolean    date1904,
               const char *expected)
{
  g_autofree char *date = ud_xlsx_date_from_serial (serial, date1904);

  g_assert_cmpstr (date, ==, expected);
}

static void
test_date_serials (void)
{
  assert_serial (1, FALSE, "1900-01-01");
  assert_serial (59, FALSE, "1900-02-28");
  /* Lotus 1-2-3's leap day, kept by Excel: shown as the clerk sees it. */
  assert_serial (60, FALSE, "1900-02-29");
  assert_serial (61, FALSE, "1900-03-01");
  assert_serial (39580, FALSE, "2008-05-12");
  assert_serial (39580.99, FALSE, "2008-05-12");
  /* Excel rounds to the millisecond before showing a date. */
  assert_serial (39580.9999999999, FALSE, "2008-05-13");
  assert_serial (2958465, FALSE, "9999-12-31");
  assert_serial (0, TRUE, "1904-01-01");
  assert_serial (38118, TRUE, "2008-05-12");

  assert_serial (0, FALSE, NULL);
  assert_serial (-1, FALSE, NULL);
  assert_serial (2958466, FALSE, NULL);
  assert_serial (NAN, FALSE, NULL);
}

static void
test_round_trip (void)
{
  static const char * const wang[] = {
    "王建国", "男", "11010119780315031X", "13801012345", "北京青禾物业服务有限公司",
    "2008-05-12", "6217001017803153150", "合同制", "北京市劳动模范", "",
  };
  static const char * const li[] = {
    "李秀兰", "女", "110102198507220425", "", "北京朝晖快递服务有限公司,东城分公司",
    "2016-03-01", "621700102850722422", "劳务派遣", "", "夜班\n住址变更\t\"引号\"",
  };
  static const char * const odd[] = {
    "=1+1", "0012", " 前后空格 ", "<&>", "_x0041_", "1.10105E+17", "TRUE",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GHashTable) inexact = NULL;
  g_autoptr(UdTable) table = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *styles = NULL;
  g_autofree char *workbook = NULL;
  GStatBuf st;

  dir = g_dir_make_tmp ("test-xlsx-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "会员名册.xlsx", NULL);

  g_ptr_array_add (rows, new_row (wang, G_N_ELEMENTS (wang)));
  g_ptr_array_add (rows, new_row (li, G_N_ELEMENTS (li)));
  g_ptr_array_add (rows, new_row (odd, G_N_ELEMENTS (odd)));

  g_assert_true (ud_xlsx_write (path, roster_header, rows, "会员名册:2024/下半年[测试]", &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  read = ud_xlsx_read_first_sheet_full (path, &inexact, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 4);
  assert_fields (read->pdata[0], roster_header);
  /* An empty last cell is not kept: rows end at their last value. */
  g_assert_cmpuint (((GPtrArray *) read->pdata[1])->len, ==, 9);
  assert_fields (read->pdata[1], (const char *[]) {
    "王建国", "男", "11010119780315031X", "13801012345", "北京青禾物业服务有限公司",
    "2008-05-12", "6217001017803153150", "合同制", "北京市劳动模范", NULL });
  assert_fields (read->pdata[2], (const char *[]) {
    "李秀兰", "女", "110102198507220425", "", "北京朝晖快递服务有限公司,东城分公司",
    "2016-03-01", "621700102850722422", "劳务派遣", "", "夜班\n住址变更\t\"引号\"", NULL });
  /* Every cell is text: nothing is evaluated, converted or flagged. */
  assert_fields (read->pdata[3], (const char *[]) {
    "=1+1", "0012", " 前后空格 ", "<&>", "_x0041_", "1.10105E+17", "TRUE", NULL });
  g_assert_cmpuint (g_hash_table_size (inexact), ==, 0);

  /* What the clerk sees in Excel: a bold, frozen header with filter
   * buttons, text-formatted columns wide enough for Chinese text, and
   * the sheet name with the characters Excel forbids replaced. */
  sheet = read_part (path, "xl/worksheets/sheet1.xml");
  g_assert_nonnull (strstr (sheet, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
  g_assert_nonnull (strstr (sheet, "<autoFilter ref=\"A1:J4\"/>"));
  /* 工作单位: "北京朝晖快递服务有限公司,东城分公司" is 17 Chinese
   * characters and a comma: 35 units, plus 2 of margin. */
  g_assert_nonnull (strstr (sheet, "<col min=\"5\" max=\"5\" width=\"37.7109375\""));
  styles = read_part (path, "xl/styles.xml");
  g_assert_nonnull (strstr (styles, "<b/>"));
  g_assert_nonnull (strstr (styles, "formatCode=\"@\""));
  workbook = read_part (path, "xl/workbook.xml");
  g_assert_nonnull (strstr (workbook, "name=\"会员名册_2024_下半年_测试_\""));

  /* The importer's entry point sees the same rows. */
  table = ud_table_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->format, ==, UD_TABLE_FORMAT_XLSX);
  g_assert_cmpuint (table->rows->len, ==, 4);
  g_assert_null (table->numeric_cells);
  g_assert_cmpuint (ud_table_get_line (table, 3), ==, 4);

  /* Writing again replaces the file. */
  g_ptr_array_set_size (rows, 1);
  g_assert_true (ud_xlsx_write (path, roster_header, rows, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&read, g_ptr_array_unref);
  read = ud_xlsx_read_first_sheet (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 2);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_write_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *long_text = g_strnfill (32768, 'x');
  g_autoptr(GDir) listing = NULL;
  const char *cells[] = { "王建国", "男", long_text };

  g_assert_false (ud_xlsx_write ("/nonexistent-dir/名册.xlsx", roster_header, rows, NULL, &error));
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_WRITE);
  g_clear_error (&error);

  /* A cell longer than Excel allows names its place, and leaves no file
   * behind, not even the temporary one. */
  dir = g_dir_make_tmp ("test-xlsx-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "名册.xlsx", NULL);
  g_ptr_array_add (rows, new_row (cells, G_N_ELEMENTS (cells)));
  g_assert_false (ud_xlsx_write (path, roster_header, rows, NULL, &error));
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_WRITE);
  g_assert_cmpstr (error->message, ==,
                   "Cell C2 is longer than the 32767 characters an Excel cell can hold");

  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  g_assert_null (g_dir_read_name (listing));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
assert_read_error (const char *path,
                   int         code,
                   const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  rows = ud_xlsx_read_first_sheet (path, &error);
  g_assert_error (error, UD_IO_ERROR, code);
  g_assert_null (rows);
  g_assert_nonnull (strstr (error->message, message_part));
}

static const char root_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
  "</Relationships>";

static const char workbook_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "</Relationships>";

static const char workbook_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
  "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static void
test_not_xlsx (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = test_file ("roster-utf8.csv");
  g_autofree char *xlsx = test_file ("roster-handmade.xlsx");
  g_autofree char *dir = NULL;
  g_autofree char *zip_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;

  assert_read_error (csv, UD_IO_ERROR_FORMAT, "not an Excel workbook (.xlsx)");
  assert_read_error ("/nonexistent/名册.xlsx", UD_IO_ERROR_READ, "does not exist");

  dir = g_dir_make_tmp ("test-xlsx-XXXXXX", &error);
  g_assert_no_error (error);
  zip_path = g_build_filename (dir, "archive.xlsx", NULL);

  write_zip (zip_path, (const char *[]) { "readme.txt", "not a workbook", NULL });
  assert_read_error (zip_path, UD_IO_ERROR_FORMAT, "ZIP archive");

  write_zip (zip_path, (const char *[]) {
    "mimetype", "application/vnd.oasis.opendocument.spreadsheet",
    "content.xml", "<office:document-content/>", NULL });
  assert_read_error (zip_path, UD_IO_ERROR_FORMAT, "OpenDocument");

  /* Well-formed parts around a sheet that is not. */
  write_zip (zip_path, (const char *[]) {
    "_rels/.rels", root_rels, "xl/workbook.xml", workbook_xml,
    "xl/_rels/workbook.xml.rels", workbook_rels,
    "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row>", NULL });
  assert_read_error (zip_path, UD_IO_ERROR_FORMAT, "damaged");

  /* A sheet listed but missing. */
  write_zip (zip_path, (const char *[]) {
    "_rels/.rels", root_rels, "xl/workbook.xml", workbook_xml,
    "xl/_rels/workbook.xml.rels", workbook_rels, NULL });
  assert_read_error (zip_path, UD_IO_ERROR_FORMAT, "damaged");

  /* A workbook without sheets. */
  write_zip (zip_path, (const char *[]) {
    "_rels/.rels", root_rels,
    "xl/workbook.xml", "<workbook><sheets/></workbook>", NULL });
  assert_read_error (zip_path, UD_IO_ERROR_EMPTY, "no worksheet");

  /* Half a download. */
  g_file_get_contents (xlsx, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (zip_path, contents, len / 2, &error);
  g_assert_no_error (error);
  assert_read_error (zip_path, UD_IO_ERROR_FORMAT, "damaged");

  bytes = g_bytes_new (contents, len / 2);
  rows = ud_xlsx_read_bytes (bytes, NULL, NULL, &error);
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_FORMAT);
  g_assert_null (rows);

  g_assert_cmpint (g_unlink (zip_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_read_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xlsx = test_file ("roster-handmade.xlsx");
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(UdTable) table = NULL;
  gsize len;

  g_file_get_contents (xlsx, &contents, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);

  rows = ud_xlsx_read_bytes (bytes, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) rows->pdata[1], 0), ==, "王建国");

  /* Content, not the name, decides the format. */
  table = ud_table_read_bytes (bytes, "名册.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->format, ==, UD_TABLE_FORMAT_XLSX);
  g_assert_cmpuint (table->rows->len, ==, 5);
}

/* A 2.2 MB workbook of 1.9 million tiny rows took 38 s and 3.9 GB to
 * import, and one row numbered 1,000,000 made a million empty rows:
 * the rows kept are bounded (UD_IO_MAX_ROWS), and such a file is refused
 * with a sentence, quickly. */
static void
test_too_many_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-xlsx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tiny-rows.xlsx", NULL);
  g_autoptr(GString) sheet = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                           "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                                           "<sheetData>");
  g_autoptr(GPtrArray) rows = NULL;
  gint64 started;

  for (guint i = 0; i < 1900000; i++)
    g_string_append (sheet, "<row><c><v>1</v></c></row>");
  g_string_append (sheet, "</sheetData></worksheet>");
  write_zip (path, (const char *[]) {
    "_rels/.rels", root_rels,
    "xl/workbook.xml", workbook_xml,
    "xl/_rels/workbook.xml.rels", workbook_rels,
    "xl/worksheets/sheet1.xml", sheet->str, NULL });

  started = g_get_monotonic_time ();
  rows = ud_xlsx_read_first_sheet (path, &error);
  g_test_message ("refused after %.2f s", (g_get_monotonic_time () - started) / 1e6);
  g_assert_null (rows);
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "rows"));
  g_clear_error (&error);

  /* One row, far away. */
  write_zip (path, (const char *[]) {
    "_rels/.rels", root_rels,
    "xl/workbook.xml", workbook_xml,
    "xl/_rels/workbook.xml.rels", workbook_rels,
    "xl/worksheets/sheet1.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1000000\"><c r=\"A1000000\"><v>1</v></c></row></sheetData></worksheet>", NULL });
  rows = ud_xlsx_read_first_sheet (path, &error);
  g_assert_null (rows);
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/xlsx/read/handmade", test_handmade);
  g_test_add_func ("/xlsx/read/handmade-table", test_handmade_table);
  g_test_add_func ("/xlsx/read/dates-1904", test_dates_1904);
  g_test_add_func ("/xlsx/read/date-serials", test_date_serials);
  g_test_add_func ("/xlsx/read/bytes", test_read_bytes);
  g_test_add_func ("/xlsx/read/not-xlsx", test_not_xlsx);
  g_test_add_func ("/xlsx/read/too-many-rows", test_too_many_rows);
  g_test_add_func ("/xlsx/write/round-trip", test_round_trip);
  g_test_add_func ("/xlsx/write/errors", test_write_errors);

  return g_test_run ();
}
