/* ud-table.c — one entry point to read a roster from CSV or Excel
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-table"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ud-table.h"
#include "ud-csv.h"
#include "ud-xlsx.h"

/* Far above any roster (a million members in GB18030 is about 120 MB),
 * low enough that a wrong file is refused before it fills the memory. */
#define MAX_FILE_MB 256
#define MAX_FILE_SIZE ((goffset) MAX_FILE_MB << 20)
#define MAX_CELLS 20000000

#define CANCEL_CHECK_ROWS 4096

/* Only the start of a file is looked at to tell binary from text. */
#define SNIFF_SIZE 65536

static const guchar zip_magic[] = { 'P', 'K', 0x03, 0x04 };
static const guchar ole_magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

static UdTable *
table_new (UdTableFormat format)
{
  UdTable *table = g_new0 (UdTable, 1);

  table->format = format;
  table->encoding = UD_ENCODING_UTF8;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  table->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  return table;
}

static gboolean
has_prefix (const guchar *data,
            gsize         len,
            const guchar *prefix,
            gsize         prefix_len)
{
  return len >= prefix_len && memcmp (data, prefix, prefix_len) == 0;
}

static gboolean
has_excel_name (const char *name)
{
  g_autofree char *lower = NULL;

  if (name == NULL)
    return FALSE;

  lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".xlsx") ||
         g_str_has_suffix (lower, ".xlsm") ||
         g_str_has_suffix (lower, ".xls") ||
         g_str_has_suffix (lower, ".et");
}

/* Web systems' "export to Excel" often writes an HTML table or an Excel
 * 2003 XML spreadsheet and names it .xls; such a file starts with a tag. */
static gboolean
looks_like_markup (const guchar *data,
                   gsize         len)
{
  gsize i = 0;

  if (has_prefix (data, len, (const guchar *) "\xEF\xBB\xBF", 3))
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;

  return i + 1 < len && data[i] == '<' &&
         (g_ascii_isalpha (data[i + 1]) || data[i + 1] == '!' || data[i + 1] == '?');
}

static void
set_too_many_cells_error (GError **error)
{
  g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_TOO_LARGE,
               _("The file has more than %u cells, too many to import at "
                 "once. Split it into several files"),
               (guint) MAX_CELLS);
}

static gboolean
read_csv (UdTable       *table,
          const char    *data,
          gsize          len,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(UdCsvReader) reader = NULL;
  g_autofree char *text = NULL;
  GPtrArray *fields;
  GError *local_error = NULL;
  guint64 n_cells = 0;

  text = ud_text_decode (data, len, &table->encoding, error);
  if (text == NULL)
    return FALSE;

  reader = ud_csv_reader_new (text, strlen (text));
  while (ud_csv_reader_next (reader, &fields, &local_error))
    {
      guint line = ud_csv_reader_get_record_line (reader);

      g_ptr_array_add (table->rows, fields);
      g_array_append_val (table->lines, line);

      if (table->rows->len > UD_IO_MAX_ROWS)
        {
          g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_TOO_LARGE,
                       _("The file has more than %u rows, too many to import at "
                         "once. Split it into several files"),
                       (guint) UD_IO_MAX_ROWS);
          return FALSE;
        }

      n_cells += fields->len;
      if (n_cells > MAX_CELLS)
        {
          set_too_many_cells_error (error);
          return FALSE;
        }

      if (table->rows->len % CANCEL_CHECK_ROWS == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_xlsx (UdTable       *table,
           GBytes        *bytes,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) inexact = NULL;
  g_autofree guint *table_row = NULL;
  GHashTableIter iter;
  gpointer key;
  guint64 n_cells = 0;
  guint i;

  rows = ud_xlsx_read_bytes (bytes, &inexact, cancellable, error);
  if (rows == NULL)
    return FALSE;

  /* Empty rows are skipped as in a CSV file; the Excel row number stays
   * with each row so that messages point at the right one. */
  table_row = g_new (guint, MAX (rows->len, 1));
  for (i = 0; i < rows->len; i++)
    {
      GPtrArray *cells = g_ptr_array_index (rows, i);
      guint line = i + 1;

      table_row[i] = table->rows->len;
      if (cells->len == 0)
        continue;

      g_ptr_array_add (table->rows, g_ptr_array_ref (cells));
      g_array_append_val (table->lines, line);

      n_cells += cells->len;
      if (n_cells > MAX_CELLS)
        {
          set_too_many_cells_error (error);
          return FALSE;
        }
    }

  if (g_hash_table_size (inexact) == 0)
    return TRUE;

  table->numeric_cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, inexact);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint row;
      guint col;

      if (sscanf (key, "%u:%u", &row, &col) == 2 && row < rows->len)
        g_hash_table_add (table->numeric_cells,
                          g_strdup_printf ("%u:%u", table_row[row], col));
    }

  return TRUE;
}

static UdTable *
read_bytes (GBytes        *bytes,
            const char    *name_hint,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(UdTable) table = NULL;
  const guchar *data;
  gsize len;

  data = g_bytes_get_data (bytes, &len);

  if (len == 0)
    {
      g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_EMPTY,
                           _("The file is empty"));
      return NULL;
    }

  if (len > (gsize) MAX_FILE_SIZE)
    {
      g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_TOO_LARGE,
                   _("The file is larger than %u MB, too large to import at "
                     "once. Split it into several files"),
                   (guint) MAX_FILE_MB);
      return NULL;
    }

  if (has_prefix (data, len, zip_magic, sizeof zip_magic))
    {
      table = table_new (UD_TABLE_FORMAT_XLSX);
      if (!read_xlsx (table, bytes, cancellable, error))
        return NULL;
    }
  else if (has_prefix (data, len, ole_magic, sizeof ole_magic))
    {
      g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_FORMAT,
                           _("The file is an old Excel 97–2003 workbook (.xls), "
                             "a WPS workbook (.et) or a workbook protected by a "
                             "password. Open it in Excel or WPS, remove any "
                             "password and save it as an Excel workbook (.xlsx) "
                             "or as CSV, then import it again"));
      return NULL;
    }
  else if (looks_like_markup (data, len))
    {
      g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_FORMAT,
                           _("The file is a web page or an XML file, not a "
                             "real Excel workbook. Open it in Excel or WPS and "
                             "save it as an Excel workbook (.xlsx) or as CSV, "
                             "then import it again"));
      return NULL;
    }
  else if (!has_prefix (data, len, (const guchar *) "\xFF\xFE", 2) &&
           !has_prefix (data, len, (const guchar *) "\xFE\xFF", 2) &&
           memchr (data, '\0', MIN (len, SNIFF_SIZE)) != NULL)
    {
      if (has_excel_name (name_hint))
        g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_FORMAT,
                             _("The file has an Excel name but is not an Excel "
                               "workbook; it may be damaged or only partly "
                               "copied"));
      else
        g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_FORMAT,
                             _("The file is not a CSV or Excel (.xlsx) file"));
      return NULL;
    }
  else
    {
      table = table_new (UD_TABLE_FORMAT_CSV);
      if (!read_csv (table, (const char *) data, len, cancellable, error))
        return NULL;
    }

  if (table->rows->len == 0)
    {
      g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_EMPTY,
                           _("The file contains no rows"));
      return NULL;
    }

  return g_steal_pointer (&table);
}

/**
 * ud_table_read_file:
 * @path: a CSV or .xlsx file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #UD_IO_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Reads a roster file. What the file is comes from its content, not its
 * name: a ZIP archive is read as an .xlsx workbook (its first visible
 * worksheet), anything else as CSV text in UTF-8, UTF-8 with BOM, UTF-16
 * with BOM or GB18030. Old .xls workbooks, HTML or XML "Excel" exports and
 * binary files get an error that says what to do. Empty rows are skipped.
 *
 * Blocking: call it from a worker thread in the app.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
UdTable *
ud_table_read_file (const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_READ,
                             _("The file does not exist"));
      else
        g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_READ,
                     _("The file could not be opened: %s"), local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_READ,
                           _("This is a folder, not a file"));
      return NULL;
    }

  if (g_file_info_get_size (info) > MAX_FILE_SIZE)
    {
      g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_TOO_LARGE,
                   _("The file is larger than %u MB, too large to import at "
                     "once. Split it into several files"),
                   (guint) MAX_FILE_MB);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_READ,
                     _("The file could not be read: %s"), local_error->message);
      return NULL;
    }

  bytes = g_bytes_new_take (contents, len);
  name = g_path_get_basename (path);

  return read_bytes (bytes, name, cancellable, error);
}

/**
 * ud_table_read_bytes:
 * @bytes: the contents of a CSV or .xlsx file
 * @name_hint: (nullable): the file's name, to word one error better
 * @error: return location for a #UD_IO_ERROR
 *
 * Like ud_table_read_file(), from memory (an upload, a test).
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
UdTable *
ud_table_read_bytes (GBytes      *bytes,
                     const char  *name_hint,
                     GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_bytes (bytes, name_hint, NULL, error);
}

void
ud_table_free (UdTable *table)
{
  if (table == NULL)
    return;

  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_clear_pointer (&table->lines, g_array_unref);
  g_clear_pointer (&table->numeric_cells, g_hash_table_unref);
  g_free (table);
}

/**
 * ud_table_get_line:
 * @table: a #UdTable
 * @row: an index into @table's rows
 *
 * Returns: the CSV line or Excel row number where @row is found in the file
 */
guint
ud_table_get_line (const UdTable *table,
                   guint          row)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (row < table->lines->len, 0);

  return g_array_index (table->lines, guint, row);
}

/**
 * ud_table_is_inexact_number:
 * @table: a #UdTable
 * @row: an index into @table's rows
 * @col: a 0-based column
 *
 * Whether the cell was an Excel number with more than 15 digits: its last
 * digits were likely lost when it was typed, so an ID or card number in it
 * cannot be trusted. The importer should say "stored as a number in Excel,
 * digits may be lost; format the column as text".
 *
 * Returns: %TRUE for such a cell
 */
gboolean
ud_table_is_inexact_number (const UdTable *table,
                            guint          row,
                            guint          col)
{
  char key[32];

  g_return_val_if_fail (table != NULL, FALSE);

  if (table->numeric_cells == NULL)
    return FALSE;

  g_snprintf (key, sizeof key, "%u:%u", row, col);

  return g_hash_table_contains (table->numeric_cells, key);
}

/* A plain number, such as -1250.00: Excel reads it as a number, never as
 * a formula, so it is written as it is. */
static gboolean
is_plain_number (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '-' || *p == '+')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;

  return digits && *p == '\0';
}

/* Excel and WPS run a cell that starts with =, +, - or @ (or a tab or a
 * carriage return before one) as a formula, which can open links or run
 * programs: such a cell gets an apostrophe in front, which both show as
 * text and hide.  Plain numbers stay numbers. */
static char *
neutralize_formula (const char *cell)
{
  if (cell == NULL)
    return g_strdup ("");
  if (strchr ("=+-@\t\r", cell[0]) == NULL || cell[0] == '\0' || is_plain_number (cell))
    return g_strdup (cell);

  return g_strconcat ("'", cell, NULL);
}

/**
 * ud_table_write_csv:
 * @path: the file to write; replaced atomically if it exists
 * @rows: (element-type GPtrArray): the rows including the header, each a
 *   #GPtrArray of strings
 * @error: return location for a #UD_IO_ERROR
 *
 * Writes CSV as Excel's "CSV UTF-8" does: UTF-8 with a byte order mark
 * (without it Excel on a Chinese Windows reads GBK and shows mojibake),
 * commas, CRLF, quoting as ud_csv_append_row(). The file is readable by
 * its owner only (0600): rosters hold personal data.
 *
 * Returns: %TRUE on success
 */
gboolean
ud_table_write_csv (const char  *path,
                    GPtrArray   *rows,
                    GError     **error)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) local_error = NULL;
  guint i;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  out = g_string_sized_new (4096);
  g_string_append (out, "\xEF\xBB\xBF");
  for (i = 0; i < rows->len; i++)
    {
      GPtrArray *cells = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) safe = g_ptr_array_new_full (cells->len, g_free);

      for (guint c = 0; c < cells->len; c++)
        g_ptr_array_add (safe, neutralize_formula (g_ptr_array_index (cells, c)));
      ud_csv_append_row (out, (const char * const *) safe->pdata, safe->len);
    }

  if (!g_file_set_contents_full (path, out->str, out->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_WRITE,
                   _("The CSV file could not be saved: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}
