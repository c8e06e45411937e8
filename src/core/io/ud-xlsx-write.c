/* ud-xlsx-write.c — writing a table as an Excel workbook (.xlsx)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-xlsx"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "ud-xlsx.h"

/* Excel's limit for the text of one cell, in characters. */
#define MAX_CELL_CHARS 32767

/* Column widths come from the header and this many rows: enough to see
 * what a column holds, cheap for a million rows. */
#define WIDTH_SAMPLE_ROWS 5000
#define MIN_WIDTH 8
#define MAX_WIDTH 60

/* Display width in Excel's character units: a Chinese character takes the
 * room of two Latin ones. The widest line counts in a multi-line cell. */
static guint
display_width (const char *text)
{
  const char *p;
  guint widest = 0;
  guint width = 0;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch == '\n')
        {
          widest = MAX (widest, width);
          width = 0;
        }
      else
        {
          width += g_unichar_iswide (ch) ? 2 : 1;
        }
    }

  return MAX (widest, width);
}

static char *
sanitize_sheet_name (const char *name)
{
  GString *out;
  const char *p;
  guint n_chars = 0;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup ("Sheet1");

  out = g_string_new (NULL);
  for (p = name; *p != '\0' && n_chars < LXW_SHEETNAME_MAX; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\", (int) ch) != NULL && ch < 0x80)
        g_string_append_c (out, '_');
      else if (ch < 0x20)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, ch);
      n_chars++;
    }

  g_strstrip (out->str);
  out->len = strlen (out->str);

  /* Excel refuses names that begin or end with an apostrophe. */
  if (out->len > 0 && out->str[0] == '\'')
    out->str[0] = '_';
  if (out->len > 0 && out->str[out->len - 1] == '\'')
    out->str[out->len - 1] = '_';

  if (out->len == 0)
    g_string_assign (out, "Sheet1");

  return g_string_free (out, FALSE);
}

/* The cell's name as Excel shows it, such as "J2", from 0-based indexes. */
static char *
cell_name (guint row,
           guint col)
{
  char letters[8];
  int i = G_N_ELEMENTS (letters) - 1;

  letters[i] = '\0';
  col++;
  while (col > 0 && i > 0)
    {
      letters[--i] = 'A' + (col - 1) % 26;
      col = (col - 1) / 26;
    }

  return g_strdup_printf ("%s%u", letters + i, row + 1);
}

static gboolean
check_cell (const char  *text,
            guint        row,
            guint        col,
            GError     **error)
{
  g_autofree char *name = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    {
      name = cell_name (row, col);
      g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_WRITE,
                   _("Cell %s contains text that is not valid UTF-8 and "
                     "cannot be saved"),
                   name);
      return FALSE;
    }

  if (g_utf8_strlen (text, -1) > MAX_CELL_CHARS)
    {
      name = cell_name (row, col);
      g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_WRITE,
                   _("Cell %s is longer than the %u characters an Excel cell "
                     "can hold"),
                   name, (guint) MAX_CELL_CHARS);
      return FALSE;
    }

  return TRUE;
}

/* Excel reads "_xHHHH_" in a cell as an escaped character, and
 * libxlsxwriter writes text as is: the underscore of such a sequence must
 * itself be escaped (as _x005F_) for the text to read back unchanged.
 * Returns %NULL when @text needs no escaping. */
static char *
escape_xstring (const char *text)
{
  const char *p = text;
  const char *escape;
  GString *out = NULL;

  while ((escape = strstr (p, "_x")) != NULL)
    {
      if (g_ascii_isxdigit (escape[2]) && g_ascii_isxdigit (escape[3]) &&
          g_ascii_isxdigit (escape[4]) && g_ascii_isxdigit (escape[5]) &&
          escape[6] == '_')
        {
          if (out == NULL)
            out = g_string_new (NULL);
          g_string_append_len (out, p, escape - p);
          g_string_append (out, "_x005F_");
          p = escape + 1;
        }
      else
        {
          if (out != NULL)
            g_string_append_len (out, p, escape + 2 - p);
          p = escape + 2;
        }
    }

  if (out == NULL)
    return NULL;

  g_string_append (out, p);

  return g_string_free (out, FALSE);
}

static lxw_error
write_text (lxw_worksheet *sheet,
            guint          row,
            guint          col,
            const char    *text,
            lxw_format    *format)
{
  g_autofree char *escaped = escape_xstring (text);

  return worksheet_write_string (sheet, row, col,
                                 escaped != NULL ? escaped : text, format);
}

static void
set_save_error (GError     **error,
                lxw_error    err)
{
  g_debug ("libxlsxwriter: %s", lxw_strerror (err));
  g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_WRITE,
                       _("The Excel file could not be saved. Check that the "
                         "folder exists, that you may write to it and that "
                         "the disk is not full"));
}

/* Writes everything while the workbook is open; @workbook is closed (and
 * freed) by the caller in every case. */
static gboolean
write_sheet (lxw_workbook        *workbook,
             const char * const  *header,
             guint                n_header,
             GPtrArray           *rows,
             guint                n_cols,
             const char          *sheet_name,
             GError             **error)
{
  g_autofree char *name = sanitize_sheet_name (sheet_name);
  g_autofree guint *widths = g_new0 (guint, MAX (n_cols, 1));
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_format *text;
  lxw_error err;
  guint r;
  guint c;

  sheet = workbook_add_worksheet (workbook, name);
  if (sheet == NULL)
    {
      set_save_error (error, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return FALSE;
    }

  /* Text ("@") everywhere: an ID or card number the clerk types into the
   * exported sheet must stay text, not become 1.10105E+17. */
  text = workbook_add_format (workbook);
  format_set_num_format (text, "@");
  bold = workbook_add_format (workbook);
  format_set_num_format (bold, "@");
  format_set_bold (bold);

  for (c = 0; c < n_header; c++)
    widths[c] = display_width (header[c]);
  for (r = 0; r < rows->len && r < WIDTH_SAMPLE_ROWS; r++)
    {
      GPtrArray *cells = g_ptr_array_index (rows, r);

      for (c = 0; c < cells->len; c++)
        {
          const char *cell = g_ptr_array_index (cells, c);

          if (cell != NULL && g_utf8_validate (cell, -1, NULL))
            widths[c] = MAX (widths[c], display_width (cell));
        }
    }
  for (c = 0; c < n_cols; c++)
    worksheet_set_column (sheet, c, c, CLAMP (widths[c] + 2, MIN_WIDTH, MAX_WIDTH), text);

  worksheet_freeze_panes (sheet, 1, 0);
  if (n_cols > 0)
    worksheet_autofilter (sheet, 0, 0, rows->len, n_cols - 1);

  for (c = 0; c < n_header; c++)
    {
      if (header[c][0] == '\0')
        continue;
      if (!check_cell (header[c], 0, c, error))
        return FALSE;
      err = write_text (sheet, 0, c, header[c], bold);
      if (err != LXW_NO_ERROR)
        {
          set_save_error (error, err);
          return FALSE;
        }
    }

  for (r = 0; r < rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (rows, r);

      for (c = 0; c < cells->len; c++)
        {
          const char *cell = g_ptr_array_index (cells, c);

          if (cell == NULL || cell[0] == '\0')
            continue;
          if (!check_cell (cell, r + 1, c, error))
            return FALSE;
          err = write_text (sheet, r + 1, c, cell, text);
          if (err != LXW_NO_ERROR)
            {
              set_save_error (error, err);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/**
 * ud_xlsx_write:
 * @path: the file to write; replaced atomically if it exists
 * @header: (array zero-terminated=1): the column titles
 * @rows: (element-type GPtrArray): the data rows, each a #GPtrArray of
 *   strings (%NULL or "" for an empty cell)
 * @sheet_name: (nullable): the worksheet name; characters Excel forbids
 *   are replaced and it is cut to 31 characters; %NULL for "Sheet1"
 * @error: return location for a #UD_IO_ERROR
 *
 * Writes one worksheet in which every cell is text, so that ID and card
 * numbers keep all their digits and the clerk's edits stay text too. The
 * header row is bold, frozen and has filter buttons; column widths fit
 * the header and the first rows, counting Chinese characters double.
 *
 * The workbook is written next to @path and renamed over it, so a failed
 * export never leaves half a file, and it is readable by its owner only
 * (0600): rosters hold personal data.
 *
 * Returns: %TRUE on success
 */
gboolean
ud_xlsx_write (const char          *path,
               const char * const  *header,
               GPtrArray           *rows,
               const char          *sheet_name,
               GError             **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, };
  g_autofree char *tmp_path = NULL;
  lxw_workbook *workbook;
  lxw_error err;
  guint n_header;
  guint n_cols;
  guint r;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_header = g_strv_length ((char **) header);
  n_cols = n_header;
  for (r = 0; r < rows->len; r++)
    n_cols = MAX (n_cols, ((GPtrArray *) g_ptr_array_index (rows, r))->len);

  if (rows->len >= LXW_ROW_MAX || n_cols > LXW_COL_MAX)
    {
      g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_TOO_LARGE,
                   _("The table is larger than an Excel worksheet can hold "
                     "(%u rows of %u columns below the header). Export it "
                     "as CSV instead"),
                   (guint) LXW_ROW_MAX - 1, (guint) LXW_COL_MAX);
      return FALSE;
    }

  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_WRITE,
                   _("The Excel file could not be saved: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  workbook = workbook_new_opt (tmp_path, &options);
  if (workbook == NULL)
    {
      g_unlink (tmp_path);
      set_save_error (error, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return FALSE;
    }

  if (!write_sheet (workbook, header, n_header, rows, n_cols, sheet_name, error))
    {
      /* Closing is the only way to free the workbook; what it writes is
       * removed right after. */
      workbook_close (workbook);
      g_unlink (tmp_path);
      return FALSE;
    }

  err = workbook_close (workbook);
  if (err != LXW_NO_ERROR)
    {
      g_unlink (tmp_path);
      set_save_error (error, err);
      return FALSE;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_WRITE,
                   _("The Excel file could not be saved: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}
