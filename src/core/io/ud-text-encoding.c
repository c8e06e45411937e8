/* ud-text-encoding.c — decoding of CSV text as offices save it
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-text-encoding"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ud-text-encoding.h"

/* GB18030 text almost never gets past its first few Chinese characters
 * when read as UTF-8, so a file with this many well-formed multi-byte
 * UTF-8 characters before the first bad byte is UTF-8 that was damaged
 * (a truncated copy, one line pasted from elsewhere). Decoding it as
 * GB18030 would import every name as mojibake; an error naming the line
 * is the better answer. */
#define DAMAGED_UTF8_MIN_CHARS 8

static guint
line_at_offset (const char *data,
                gsize       offset)
{
  const char *p = data;
  const char *end = data + offset;
  guint line = 1;

  g_assert (data != NULL || offset == 0);

  /* In UTF-8 and GB18030 alike, CR and LF bytes only ever stand for
   * themselves, so counting raw bytes is correct for both. */
  while (p < end)
    {
      if (*p == '\n')
        line++;
      else if (*p == '\r' && (p + 1 == end || p[1] != '\n'))
        line++;
      p++;
    }

  return line;
}

static guint
count_multibyte_chars (const char *data,
                       gsize       len)
{
  guint n = 0;
  gsize i;

  for (i = 0; i < len; i++)
    {
      if ((guchar) data[i] >= 0xC0)
        n++;
    }

  return n;
}

static char *
copy_text (const char *data,
           gsize       len)
{
  char *copy = g_malloc (len + 1);

  memcpy (copy, data, len);
  copy[len] = '\0';

  return copy;
}

static char *
decode_utf16 (const char  *data,
              gsize        len,
              const char  *charset,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gsize written = 0;

  g_assert (charset != NULL);

  text = g_convert (data, len, "UTF-8", charset, NULL, &written, &local_error);
  if (text == NULL || memchr (text, '\0', written) != NULL)
    {
      g_debug ("UTF-16 text could not be decoded: %s",
               local_error != NULL ? local_error->message : "NUL character");
      g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_ENCODING,
                           _("The file is marked as Unicode (UTF-16) text but "
                             "could not be read as such; it may be damaged"));
      return NULL;
    }

  return g_steal_pointer (&text);
}

static void
set_damaged_utf8_error (GError     **error,
                        const char  *data,
                        gsize        bad_offset)
{
  g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_ENCODING,
               _("Line %u is not valid UTF-8 text although the rest of the "
                 "file is; the file may be damaged. Correct that line or save "
                 "the file again as “CSV UTF-8”"),
               line_at_offset (data, bad_offset));
}

/**
 * ud_encoding_get_label:
 * @enc: an encoding
 *
 * Returns: the technical name of @enc, such as "GB18030". It is not
 *   translated: it is the name Excel and editors show.
 */
const char *
ud_encoding_get_label (UdEncoding enc)
{
  switch (enc)
    {
    case UD_ENCODING_UTF8:
      return "UTF-8";
    case UD_ENCODING_UTF8_BOM:
      return "UTF-8 with BOM";
    case UD_ENCODING_GB18030:
      return "GB18030";
    case UD_ENCODING_UTF16LE:
      return "UTF-16LE";
    case UD_ENCODING_UTF16BE:
      return "UTF-16BE";
    default:
      g_return_val_if_reached ("UTF-8");
    }
}

/**
 * ud_text_decode:
 * @data: the raw bytes of a text file
 * @len: the length of @data in bytes
 * @detected: (out) (optional): where to store the encoding found
 * @error: return location for a #UD_IO_ERROR
 *
 * Decodes a text file to UTF-8. In order: a UTF-16 byte order mark means
 * UTF-16 (the mark is dropped); a UTF-8 byte order mark means UTF-8 (the
 * mark is dropped, and the rest must be valid UTF-8); valid UTF-8 is UTF-8;
 * anything else is read as GB18030. A file containing NUL bytes is binary
 * and rejected. A file that is mostly valid UTF-8 with a damaged line is
 * rejected naming the line rather than decoded as GB18030 mojibake.
 *
 * Returns: (transfer full): the text as NUL-terminated UTF-8 (contains no
 *   NUL byte), or %NULL with @error set
 */
char *
ud_text_decode (const char  *data,
                gsize        len,
                UdEncoding  *detected,
                GError     **error)
{
  const guchar *u = (const guchar *) data;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  const char *bad = NULL;
  gsize bytes_read = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
    {
      text = decode_utf16 (data + 2, len - 2, "UTF-16LE", error);
      if (text != NULL && detected != NULL)
        *detected = UD_ENCODING_UTF16LE;
      return g_steal_pointer (&text);
    }

  if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
    {
      text = decode_utf16 (data + 2, len - 2, "UTF-16BE", error);
      if (text != NULL && detected != NULL)
        *detected = UD_ENCODING_UTF16BE;
      return g_steal_pointer (&text);
    }

  if (len > 0 && memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_ENCODING,
                           _("The file contains binary data, not text. Choose "
                             "a CSV file or an Excel workbook (.xlsx)"));
      return NULL;
    }

  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    {
      if (!g_utf8_validate_len (data + 3, len - 3, &bad))
        {
          set_damaged_utf8_error (error, data, bad - data);
          return NULL;
        }
      if (detected != NULL)
        *detected = UD_ENCODING_UTF8_BOM;
      return copy_text (data + 3, len - 3);
    }

  if (g_utf8_validate_len (data, len, &bad))
    {
      if (detected != NULL)
        *detected = UD_ENCODING_UTF8;
      return copy_text (data, len);
    }

  if (count_multibyte_chars (data, bad - data) >= DAMAGED_UTF8_MIN_CHARS)
    {
      set_damaged_utf8_error (error, data, bad - data);
      return NULL;
    }

  text = g_convert (data, len, "UTF-8", "GB18030", &bytes_read, NULL, &local_error);
  if (text == NULL)
    {
      gsize bad_offset;

      g_debug ("Not GB18030 either: %s", local_error->message);
      /* bytes_read is where GB18030 decoding failed. Whichever encoding
       * got further is the one the file is meant to be in, so its failure
       * is the line worth showing: a GB18030 file with one damaged
       * character fails UTF-8 on its first Chinese character. */
      bad_offset = MAX ((gsize) (bad - data), MIN (bytes_read, len));
      g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_ENCODING,
                   _("The file could not be read as UTF-8 or GB18030 text: "
                     "line %u contains characters that are neither. Save the "
                     "file from Excel as “CSV UTF-8” and import it again"),
                   line_at_offset (data, bad_offset));
      return NULL;
    }

  if (detected != NULL)
    *detected = UD_ENCODING_GB18030;

  return g_steal_pointer (&text);
}
