/* ud-csv.c — reading and writing CSV as Excel writes and reads it
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ud-csv.h"

/*
 * The dialect, decided once for reading and writing:
 *
 * - RFC 4180 quoting: a field may be enclosed in double quotes, inside which
 *   separators and line breaks are data and "" stands for one quote.
 * - Records end with CRLF, LF or a lone CR; the last record may lack one.
 *   Physical lines are counted the same way, for error messages.
 * - Line breaks inside a quoted field become a single LF, whatever the file
 *   used, so a note typed with Alt+Enter in Excel reads the same everywhere.
 * - Unquoted fields are trimmed of surrounding spaces (and tabs, unless tab
 *   is the separator): "张三 , 男" is what a clerk sees as 张三 and 男, and a
 *   stray space must not make an ID number invalid. Quoted fields are kept
 *   exactly, so spaces that matter survive a round trip; spaces between the
 *   separator and the opening quote are ignored.
 * - Like Excel, a quote inside an unquoted field is data (5"), and text after
 *   a closing quote is appended to the field ("a"b reads as ab, as Excel
 *   does).
 * - The separator is the one of ',' ';' TAB that occurs most often outside
 *   quotes on the first non-blank line (commas win ties); Excel in some
 *   locales writes ';' and its "Unicode text" uses TAB. Excel's "sep=X"
 *   first line sets it explicitly and is not a record.
 * - Records whose fields are all empty — blank lines, and the ",,,,," lines
 *   Excel writes for rows whose cells were cleared — are skipped.
 * - A quoted field still open at the end of the text is an error naming the
 *   line where its record began.
 */

struct _UdCsvReader
{
  /* Borrowed */
  const char *pos;
  const char *end;

  /* Owned */
  GString *scratch;

  guint line;
  guint record_line;
  guint last_n_fields;
  char separator;
};

static char *
dup_range (const char *start,
           gsize       len)
{
  char *s = g_malloc (len + 1);

  memcpy (s, start, len);
  s[len] = '\0';

  return s;
}

static gboolean
try_sep_line (UdCsvReader *reader)
{
  const char *p = reader->pos;
  char sep;

  g_assert (reader != NULL);

  if (reader->end - p < 5 || memcmp (p, "sep=", 4) != 0)
    return FALSE;

  sep = p[4];
  if (sep == '"' || sep == ' ' || sep == '\r' || sep == '\n')
    return FALSE;

  p += 5;
  if (p < reader->end && *p != '\r' && *p != '\n')
    return FALSE;

  if (p < reader->end && *p == '\r' && p + 1 < reader->end && p[1] == '\n')
    p++;
  if (p < reader->end)
    p++;

  reader->separator = sep;
  reader->pos = p;
  reader->line++;

  return TRUE;
}

static void
detect_separator (UdCsvReader *reader)
{
  const char *p = reader->pos;
  const char *end = reader->end;
  gboolean in_quotes = FALSE;
  guint commas = 0;
  guint semicolons = 0;
  guint tabs = 0;
  guint best_count;

  g_assert (reader != NULL);

  if (try_sep_line (reader))
    return;

  /* Skip blank lines to the header. */
  for (;;)
    {
      const char *q = p;

      while (q < end && (*q == ' ' || *q == '\t'))
        q++;
      if (q < end && (*q == '\r' || *q == '\n'))
        p = q + 1;
      else
        break;
    }

  for (; p < end; p++)
    {
      char c = *p;

      if (c == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        continue;
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
      else if (c == '\t')
        tabs++;
      else if (c == '\r' || c == '\n')
        break;
    }

  reader->separator = ',';
  best_count = commas;
  if (semicolons > best_count)
    {
      reader->separator = ';';
      best_count = semicolons;
    }
  if (tabs > best_count)
    reader->separator = '\t';
}

static inline gboolean
is_blank (char     c,
          gboolean tab_is_blank)
{
  return c == ' ' || (c == '\t' && tab_is_blank);
}

static gboolean
read_quoted (UdCsvReader  *reader,
             const char  **pos,
             GError      **error)
{
  GString *scratch = reader->scratch;
  const char *end = reader->end;
  const char *p = *pos;
  const char *start;

  g_assert (*p == '"');

  g_string_truncate (scratch, 0);
  p++;
  start = p;

  for (;;)
    {
      if (p == end)
        {
          reader->pos = end;
          g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_FORMAT,
                       _("Line %u: a quoted field is not closed (a closing "
                         "quotation mark \" is missing)"),
                       reader->record_line);
          return FALSE;
        }

      if (*p == '"')
        {
          g_string_append_len (scratch, start, p - start);
          if (p + 1 < end && p[1] == '"')
            {
              g_string_append_c (scratch, '"');
              p += 2;
              start = p;
              continue;
            }
          p++;
          break;
        }
      else if (*p == '\r' || *p == '\n')
        {
          g_string_append_len (scratch, start, p - start);
          g_string_append_c (scratch, '\n');
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
          reader->line++;
          start = p;
        }
      else
        {
          p++;
        }
    }

  *pos = p;

  return TRUE;
}

static gboolean
read_record (UdCsvReader  *reader,
             GPtrArray    *record,
             gboolean     *all_empty,
             GError      **error)
{
  const char *p = reader->pos;
  const char *end = reader->end;
  const char sep = reader->separator;
  const gboolean tab_is_blank = sep != '\t';

  g_assert (record != NULL);

  reader->record_line = reader->line;
  *all_empty = TRUE;

  for (;;)
    {
      const char *start;
      const char *stop;
      char *field;

      while (p < end && is_blank (*p, tab_is_blank))
        p++;

      if (p < end && *p == '"')
        {
          if (!read_quoted (reader, &p, error))
            return FALSE;

          start = p;
          while (p < end && *p != sep && *p != '\n' && *p != '\r')
            p++;
          stop = p;
          while (stop > start && is_blank (stop[-1], tab_is_blank))
            stop--;
          g_string_append_len (reader->scratch, start, stop - start);

          field = dup_range (reader->scratch->str, reader->scratch->len);
        }
      else
        {
          start = p;
          while (p < end && *p != sep && *p != '\n' && *p != '\r')
            p++;
          stop = p;
          while (stop > start && is_blank (stop[-1], tab_is_blank))
            stop--;

          field = dup_range (start, stop - start);
        }

      if (field[0] != '\0')
        *all_empty = FALSE;
      g_ptr_array_add (record, field);

      if (p == end)
        break;

      if (*p == sep)
        {
          p++;
          continue;
        }

      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p++;
      p++;
      reader->line++;
      break;
    }

  reader->pos = p;

  return TRUE;
}

/**
 * ud_csv_reader_new:
 * @utf8: UTF-8 text, as returned by ud_text_decode()
 * @len: the length of @utf8 in bytes
 *
 * Creates a reader over @utf8, which must stay alive and unchanged for the
 * reader's lifetime. A leading UTF-8 byte order mark is skipped. See the
 * top of ud-csv.c for the dialect.
 *
 * Returns: (transfer full): a new reader
 */
UdCsvReader *
ud_csv_reader_new (const char *utf8,
                   gsize       len)
{
  UdCsvReader *reader;

  g_return_val_if_fail (utf8 != NULL || len == 0, NULL);

  reader = g_new0 (UdCsvReader, 1);
  reader->pos = utf8;
  reader->end = utf8 + len;
  reader->scratch = g_string_sized_new (256);
  reader->line = 1;
  reader->record_line = 0;
  reader->last_n_fields = 16;

  if (len >= 3 && memcmp (utf8, "\xEF\xBB\xBF", 3) == 0)
    reader->pos += 3;

  return reader;
}

/**
 * ud_csv_reader_next:
 * @reader: a #UdCsvReader
 * @fields: (out) (transfer full): the fields of the next record, as a new
 *   array of strings with g_free() as free function
 * @error: return location for a #UD_IO_ERROR
 *
 * Reads the next non-empty record.
 *
 * Returns: %TRUE with @fields set; %FALSE with @error unset at the end of
 *   the text; %FALSE with @error set (%UD_IO_ERROR_FORMAT) when a quoted
 *   field is not closed. After an error the reader is at its end.
 */
gboolean
ud_csv_reader_next (UdCsvReader  *reader,
                    GPtrArray   **fields,
                    GError      **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *fields = NULL;

  if (reader->separator == '\0')
    detect_separator (reader);

  while (reader->pos < reader->end)
    {
      g_autoptr(GPtrArray) record = NULL;
      gboolean all_empty;

      record = g_ptr_array_new_full (reader->last_n_fields, g_free);
      if (!read_record (reader, record, &all_empty, error))
        return FALSE;

      if (all_empty)
        continue;

      reader->last_n_fields = record->len;
      *fields = g_steal_pointer (&record);
      return TRUE;
    }

  return FALSE;
}

/**
 * ud_csv_reader_get_record_line:
 * @reader: a #UdCsvReader
 *
 * Returns: the 1-based physical line on which the record last returned by
 *   ud_csv_reader_next() (or the one that failed) began; 0 before the first
 */
guint
ud_csv_reader_get_record_line (UdCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->record_line;
}

/**
 * ud_csv_reader_get_separator:
 * @reader: a #UdCsvReader
 *
 * Returns: the field separator in use (',', ';' or TAB, or the one a
 *   "sep=" line named), detected by the first ud_csv_reader_next() call;
 *   '\0' before it
 */
char
ud_csv_reader_get_separator (UdCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, '\0');

  return reader->separator;
}

void
ud_csv_reader_free (UdCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_string_free (reader->scratch, TRUE);
  g_free (reader);
}

static gboolean
needs_quotes (const char *field,
              gsize       len)
{
  if (len == 0)
    return FALSE;

  if (strpbrk (field, ",;\"\t\r\n") != NULL)
    return TRUE;

  if (field[0] == ' ' || field[len - 1] == ' ')
    return TRUE;

  /* Unquoted, Excel and this reader would take it for a separator line. */
  if (g_str_has_prefix (field, "sep="))
    return TRUE;

  return FALSE;
}

/**
 * ud_csv_append_row:
 * @out: the string to append to
 * @fields: (array length=n_fields) (nullable): the fields; a %NULL field is
 *   written as empty
 * @n_fields: the number of fields
 *
 * Appends one comma-separated record ending in CRLF. A field is quoted when
 * it contains a comma, semicolon, quote, tab, CR or LF, has a leading or
 * trailing space, or starts with "sep=": everything ud_csv_reader_next()
 * reads back unchanged (except that CR and CRLF inside a field read back as
 * LF, and a record whose fields are all empty is skipped).
 */
void
ud_csv_append_row (GString            *out,
                   const char * const *fields,
                   gsize               n_fields)
{
  gsize i;

  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (i = 0; i < n_fields; i++)
    {
      const char *field = fields[i] != NULL ? fields[i] : "";
      gsize len = strlen (field);

      if (i > 0)
        g_string_append_c (out, ',');

      if (needs_quotes (field, len))
        {
          const char *p = field;
          const char *quote;

          g_string_append_c (out, '"');
          while ((quote = strchr (p, '"')) != NULL)
            {
              g_string_append_len (out, p, quote - p + 1);
              g_string_append_c (out, '"');
              p = quote + 1;
            }
          g_string_append (out, p);
          g_string_append_c (out, '"');
        }
      else
        {
          g_string_append_len (out, field, len);
        }
    }

  g_string_append (out, "\r\n");
}
