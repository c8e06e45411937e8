/* ud-xlsx.c — reading the first worksheet of an Excel workbook (.xlsx)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-xlsx"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "ud-xlsx.h"

/* Excel's own limits; a sheet beyond them was not written by Excel. */
#define MAX_ROWS 1048576
#define MAX_COLS 16384

/* Guards against zip bombs and absurd files: an uncompressed part larger
 * than this, or more cells than this, is refused as too large. A roster of
 * a million members in ten columns is half the cell budget. */
#define MAX_PART_SIZE (G_GUINT64_CONSTANT (1) << 30)
#define MAX_CELLS 20000000

/* Excel keeps 15 significant digits: an integer with more digits than
 * this has lost the rest (an 18-digit ID number typed as a number). */
#define EXACT_DIGITS 15

#define CANCEL_CHECK_ROWS 1024

typedef enum
{
  NUMBER_PLAIN,
  NUMBER_DATE,
} NumberKind;

typedef struct
{
  char *id;
  char *type;
  char *target;
} Relationship;

typedef struct
{
  /* Owned */
  zip_file_t *file;
  xmlTextReaderPtr xml;
  char *name;
  char *first_error;

  guint64 total;
  gboolean too_large;
} Part;

typedef struct
{
  /* Owned */
  zip_t *zip;
  GBytes *bytes;
  GPtrArray *shared_strings;
  GByteArray *xf_kinds;
  GPtrArray *rows;
  GHashTable *inexact;
  char *workbook_path;
  char *sheet_path;
  char *shared_strings_path;
  char *styles_path;

  /* Borrowed */
  GCancellable *cancellable;

  guint64 n_cells;
  gboolean date1904;
} XlsxReader;

typedef enum
{
  CELL_NUMBER,
  CELL_SHARED_STRING,
  CELL_INLINE_STRING,
  CELL_FORMULA_STRING,
  CELL_BOOLEAN,
  CELL_ERROR,
  CELL_ISO_DATE,
} CellType;

static void
relationship_free (Relationship *rel)
{
  g_free (rel->id);
  g_free (rel->type);
  g_free (rel->target);
  g_free (rel);
}

static void
xlsx_reader_clear (XlsxReader *self)
{
  g_clear_pointer (&self->zip, zip_discard);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->shared_strings, g_ptr_array_unref);
  g_clear_pointer (&self->xf_kinds, g_byte_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->inexact, g_hash_table_unref);
  g_clear_pointer (&self->workbook_path, g_free);
  g_clear_pointer (&self->sheet_path, g_free);
  g_clear_pointer (&self->shared_strings_path, g_free);
  g_clear_pointer (&self->styles_path, g_free);
}

static void
ensure_libxml (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

static void
set_damaged_error (GError **error)
{
  g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_FORMAT,
                       _("The Excel file is damaged and cannot be read. Open "
                         "it in Excel or WPS and save it again"));
}

static void
set_too_large_error (GError **error)
{
  g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_TOO_LARGE,
               _("The Excel file is too large to import: it holds more than "
                 "%u cells. Split it into several files"),
               (guint) MAX_CELLS);
}

static void
set_too_many_rows_error (GError **error)
{
  g_set_error (error, UD_IO_ERROR, UD_IO_ERROR_TOO_LARGE,
               _("The file has more than %u rows, too many to import at "
                 "once. Split it into several files"),
               (guint) UD_IO_MAX_ROWS);
}

static gboolean
has_zip_magic (const void *data,
               gsize       len)
{
  return len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
}

/* @looks_like_zip: whether the file starts like a ZIP archive, so that a
 * truncated download is called damaged rather than something else. */
static void
set_zip_error (GError   **error,
               int        zip_code,
               gboolean   looks_like_zip)
{
  switch (zip_code)
    {
    case ZIP_ER_NOZIP:
      if (looks_like_zip)
        set_damaged_error (error);
      else
        g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_FORMAT,
                             _("The file is not an Excel workbook (.xlsx)"));
      break;

    case ZIP_ER_NOENT:
      g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_READ,
                           _("The file does not exist"));
      break;

    case ZIP_ER_OPEN:
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
      g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_READ,
                           _("The file could not be opened. Check that it "
                             "exists and that you may read it"));
      break;

    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
    case ZIP_ER_ENCRNOTSUPP:
      g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_PASSWORD,
                           _("The Excel file is protected by a password. "
                             "Remove the password in Excel and save it again"));
      break;

    default:
      set_damaged_error (error);
      break;
    }
}

static void
part_error_cb (void                    *user_data,
               const char              *msg,
               xmlParserSeverities      severity,
               xmlTextReaderLocatorPtr  locator)
{
  Part *part = user_data;

  if (severity != XML_PARSER_SEVERITY_ERROR &&
      severity != XML_PARSER_SEVERITY_VALIDITY_ERROR)
    return;

  if (part->first_error == NULL)
    part->first_error = g_strdup (msg);
}

static int
part_read_cb (void *user_data,
              char *buffer,
              int   len)
{
  Part *part = user_data;
  zip_int64_t n;

  n = zip_fread (part->file, buffer, len);
  if (n < 0)
    return -1;

  part->total += n;
  if (part->total > MAX_PART_SIZE)
    {
      part->too_large = TRUE;
      return -1;
    }

  return (int) n;
}

static void
part_close (Part *part)
{
  g_clear_pointer (&part->xml, xmlFreeTextReader);
  g_clear_pointer (&part->file, zip_fclose);
  g_clear_pointer (&part->name, g_free);
  g_clear_pointer (&part->first_error, g_free);
}

static gboolean
has_part (XlsxReader *self,
          const char *name)
{
  return zip_name_locate (self->zip, name, ZIP_FL_NOCASE) >= 0;
}

/* Opens @name for streaming. Part names are case-insensitive in the Open
 * Packaging Conventions, so the lookup is too. */
static gboolean
part_open (XlsxReader  *self,
           const char  *name,
           Part        *part,
           GError     **error)
{
  zip_int64_t index;

  g_assert (part != NULL);

  memset (part, 0, sizeof *part);

  index = zip_name_locate (self->zip, name, ZIP_FL_NOCASE);
  if (index < 0)
    {
      g_debug ("Part %s is missing", name);
      set_damaged_error (error);
      return FALSE;
    }

  part->file = zip_fopen_index (self->zip, index, 0);
  if (part->file == NULL)
    {
      g_debug ("Part %s cannot be opened: %s", name, zip_strerror (self->zip));
      set_zip_error (error, zip_error_code_zip (zip_get_error (self->zip)), TRUE);
      return FALSE;
    }

  part->name = g_strdup (name);
  part->xml = xmlReaderForIO (part_read_cb, NULL, part, name, NULL,
                              XML_PARSE_NONET | XML_PARSE_COMPACT);
  if (part->xml == NULL)
    {
      part_close (part);
      set_damaged_error (error);
      return FALSE;
    }
  xmlTextReaderSetErrorHandler (part->xml, part_error_cb, part);

  return TRUE;
}

/* Returns 1 on a node, 0 at the end, -1 with @error set. */
static int
part_read (Part    *part,
           GError **error)
{
  int ret = xmlTextReaderRead (part->xml);

  if (ret == 1)
    return 1;

  if (ret == 0 && !part->too_large)
    return 0;

  g_debug ("Part %s is not well-formed: %s", part->name,
           part->first_error != NULL ? part->first_error : "read error");
  if (part->too_large)
    set_too_large_error (error);
  else
    set_damaged_error (error);

  return -1;
}

static inline gboolean
is_element (Part       *part,
            const char *local_name)
{
  return strcmp ((const char *) xmlTextReaderConstLocalName (part->xml), local_name) == 0;
}

static inline void
append_text (GString *out,
             Part    *part)
{
  const char *text = (const char *) xmlTextReaderConstValue (part->xml);

  if (text != NULL)
    g_string_append (out, text);
}

static inline gboolean
is_text_node (int node_type)
{
  return node_type == XML_READER_TYPE_TEXT ||
         node_type == XML_READER_TYPE_CDATA ||
         node_type == XML_READER_TYPE_WHITESPACE ||
         node_type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* The value of the attribute whose local name is @local_name, whatever its
 * namespace prefix (r:id is x:id in some writers). */
static char *
dup_attribute (Part       *part,
               const char *local_name)
{
  char *value = NULL;

  while (value == NULL && xmlTextReaderMoveToNextAttribute (part->xml) == 1)
    {
      if (xmlTextReaderIsNamespaceDecl (part->xml) == 1)
        continue;
      if (strcmp ((const char *) xmlTextReaderConstLocalName (part->xml), local_name) == 0)
        value = g_strdup ((const char *) xmlTextReaderConstValue (part->xml));
    }
  xmlTextReaderMoveToElement (part->xml);

  return value;
}

/* Part names never contain "." or ".." segments once resolved, but
 * targets may ("../worksheets/sheet1.xml"). */
static char *
resolve_target (const char *source_part,
                const char *target)
{
  g_autofree char *dir = NULL;
  g_autofree char *joined = NULL;
  g_auto(GStrv) segments = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  guint i;

  if (target[0] == '/')
    {
      joined = g_strdup (target + 1);
    }
  else
    {
      dir = g_path_get_dirname (source_part);
      if (strcmp (dir, ".") == 0)
        joined = g_strdup (target);
      else
        joined = g_strconcat (dir, "/", target, NULL);
    }

  segments = g_strsplit (joined, "/", -1);
  for (i = 0; segments[i] != NULL; i++)
    {
      if (segments[i][0] == '\0' || strcmp (segments[i], ".") == 0)
        continue;
      if (strcmp (segments[i], "..") == 0)
        {
          if (kept->len > 0)
            g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, segments[i]);
    }
  g_ptr_array_add (kept, NULL);

  return g_strjoinv ("/", (char **) kept->pdata);
}

static char *
rels_path_for (const char *part_name)
{
  g_autofree char *dir = g_path_get_dirname (part_name);
  g_autofree char *base = g_path_get_basename (part_name);

  if (part_name[0] == '\0')
    return g_strdup ("_rels/.rels");
  if (strcmp (dir, ".") == 0)
    return g_strconcat ("_rels/", base, ".rels", NULL);

  return g_strconcat (dir, "/_rels/", base, ".rels", NULL);
}

/* The relationships of @part_name (the package itself when empty), with
 * targets resolved to part names. A missing .rels part has none. */
static GPtrArray *
read_relationships (XlsxReader  *self,
                    const char  *part_name,
                    GError     **error)
{
  g_autoptr(GPtrArray) rels = g_ptr_array_new_with_free_func ((GDestroyNotify) relationship_free);
  g_autofree char *rels_path = rels_path_for (part_name);
  Part part;
  int ret;

  if (!has_part (self, rels_path))
    return g_steal_pointer (&rels);

  if (!part_open (self, rels_path, &part, error))
    return NULL;

  while ((ret = part_read (&part, error)) == 1)
    {
      Relationship *rel;
      g_autofree char *mode = NULL;
      g_autofree char *target = NULL;

      if (xmlTextReaderNodeType (part.xml) != XML_READER_TYPE_ELEMENT ||
          !is_element (&part, "Relationship"))
        continue;

      mode = dup_attribute (&part, "TargetMode");
      if (mode != NULL && g_ascii_strcasecmp (mode, "External") == 0)
        continue;

      target = dup_attribute (&part, "Target");
      if (target == NULL)
        continue;

      rel = g_new0 (Relationship, 1);
      rel->id = dup_attribute (&part, "Id");
      rel->type = dup_attribute (&part, "Type");
      rel->target = resolve_target (part_name, target);
      if (rel->type == NULL)
        rel->type = g_strdup ("");
      g_ptr_array_add (rels, rel);
    }

  part_close (&part);

  if (ret < 0)
    return NULL;

  return g_steal_pointer (&rels);
}

static const Relationship *
find_relationship (GPtrArray  *rels,
                   const char *id,
                   const char *type_suffix)
{
  guint i;

  for (i = 0; i < rels->len; i++)
    {
      const Relationship *rel = g_ptr_array_index (rels, i);

      if (id != NULL && g_strcmp0 (rel->id, id) != 0)
        continue;
      if (type_suffix != NULL && !g_str_has_suffix (rel->type, type_suffix))
        continue;

      return rel;
    }

  return NULL;
}

static gboolean
is_opendocument_spreadsheet (XlsxReader *self)
{
  zip_int64_t index;
  zip_file_t *file;
  char buffer[64];
  zip_int64_t n;
  static const char ods_mime[] = "application/vnd.oasis.opendocument.spreadsheet";

  index = zip_name_locate (self->zip, "mimetype", 0);
  if (index < 0)
    return FALSE;

  file = zip_fopen_index (self->zip, index, 0);
  if (file == NULL)
    return FALSE;
  n = zip_fread (file, buffer, sizeof buffer - 1);
  zip_fclose (file);
  if (n < 0)
    return FALSE;
  buffer[n] = '\0';

  return g_str_has_prefix (buffer, ods_mime);
}

static gboolean
find_workbook (XlsxReader  *self,
               GError     **error)
{
  g_autoptr(GPtrArray) rels = NULL;
  const Relationship *rel;

  rels = read_relationships (self, "", error);
  if (rels == NULL)
    return FALSE;

  rel = find_relationship (rels, NULL, "/officeDocument");
  if (rel != NULL)
    self->workbook_path = g_strdup (rel->target);
  else if (has_part (self, "xl/workbook.xml"))
    self->workbook_path = g_strdup ("xl/workbook.xml");

  if (self->workbook_path != NULL && g_str_has_suffix (self->workbook_path, ".bin"))
    {
      g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_FORMAT,
                           _("The file is an Excel binary workbook (.xlsb). "
                             "Open it in Excel and save it as an Excel "
                             "workbook (.xlsx), then import it again"));
      return FALSE;
    }

  if (self->workbook_path == NULL || !has_part (self, self->workbook_path))
    {
      if (is_opendocument_spreadsheet (self))
        g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_FORMAT,
                             _("The file is an OpenDocument spreadsheet (.ods). "
                               "Open it in WPS, LibreOffice or Excel and save "
                               "it as an Excel workbook (.xlsx), then import "
                               "it again"));
      else
        g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_FORMAT,
                             _("The file is a ZIP archive, not an Excel "
                               "workbook (.xlsx)"));
      return FALSE;
    }

  return TRUE;
}

/* Picks the first worksheet in workbook order that the clerk can see: a
 * hidden first sheet usually holds drop-down lists, not the roster. If
 * every worksheet is hidden, the first one. Chart sheets are skipped. */
static gboolean
read_workbook (XlsxReader  *self,
               GError     **error)
{
  g_autoptr(GPtrArray) rels = NULL;
  const Relationship *rel;
  char *first_hidden = NULL;
  char *first_visible = NULL;
  Part part;
  int ret = 0;

  rels = read_relationships (self, self->workbook_path, error);
  if (rels == NULL)
    return FALSE;

  if (!part_open (self, self->workbook_path, &part, error))
    return FALSE;

  while (first_visible == NULL && (ret = part_read (&part, error)) == 1)
    {
      if (xmlTextReaderNodeType (part.xml) != XML_READER_TYPE_ELEMENT)
        continue;

      if (is_element (&part, "workbookPr"))
        {
          g_autofree char *date1904 = dup_attribute (&part, "date1904");

          self->date1904 = g_strcmp0 (date1904, "1") == 0 ||
                           g_strcmp0 (date1904, "true") == 0;
        }
      else if (is_element (&part, "sheet"))
        {
          g_autofree char *id = dup_attribute (&part, "id");
          g_autofree char *state = dup_attribute (&part, "state");
          const Relationship *sheet_rel;

          sheet_rel = find_relationship (rels, id, "/worksheet");
          if (id == NULL || sheet_rel == NULL)
            continue;

          if (state == NULL || strcmp (state, "visible") == 0)
            first_visible = sheet_rel->target;
          else if (first_hidden == NULL)
            first_hidden = sheet_rel->target;
        }
    }

  part_close (&part);

  if (first_visible == NULL && ret < 0)
    return FALSE;

  if (first_visible == NULL && first_hidden == NULL)
    {
      g_set_error_literal (error, UD_IO_ERROR, UD_IO_ERROR_EMPTY,
                           _("The Excel workbook has no worksheet"));
      return FALSE;
    }

  self->sheet_path = g_strdup (first_visible != NULL ? first_visible : first_hidden);

  rel = find_relationship (rels, NULL, "/sharedStrings");
  if (rel != NULL)
    self->shared_strings_path = g_strdup (rel->target);

  rel = find_relationship (rels, NULL, "/styles");
  if (rel != NULL)
    self->styles_path = g_strdup (rel->target);

  return TRUE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Excel writes characters that XML cannot hold (CR, control characters) as
 * _xHHHH_, and a literal "_x" that would look like one as _x005F_x. */
static char *
decode_xstring (const char *text,
                gsize       len)
{
  GString *out;
  const char *p = text;
  const char *end = text + len;
  const char *escape;

  if (memchr (text, '_', len) == NULL)
    return g_strndup (text, len);

  out = g_string_sized_new (len);
  while ((escape = g_strstr_len (p, end - p, "_x")) != NULL)
    {
      gunichar ch = 0;
      int i;

      g_string_append_len (out, p, escape - p);
      p = escape;

      if (end - escape < 7 || escape[6] != '_')
        {
          g_string_append_c (out, '_');
          p++;
          continue;
        }

      for (i = 2; i < 6; i++)
        {
          int v = hex_value (escape[i]);

          if (v < 0)
            break;
          ch = ch * 16 + v;
        }

      if (i < 6 || ch == 0 || !g_unichar_validate (ch))
        {
          g_string_append_c (out, '_');
          p++;
          continue;
        }

      g_string_append_unichar (out, ch);
      p = escape + 7;
    }
  g_string_append_len (out, p, end - p);

  return g_string_free (out, FALSE);
}

static gboolean
read_shared_strings (XlsxReader  *self,
                     GError     **error)
{
  g_autoptr(GString) text = g_string_sized_new (64);
  gboolean in_si = FALSE;
  gboolean in_t = FALSE;
  gboolean in_phonetic = FALSE;
  Part part;
  int ret;

  self->shared_strings = g_ptr_array_new_with_free_func (g_free);

  if (!has_part (self, self->shared_strings_path))
    return TRUE;

  if (!part_open (self, self->shared_strings_path, &part, error))
    return FALSE;

  while ((ret = part_read (&part, error)) == 1)
    {
      int type = xmlTextReaderNodeType (part.xml);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (part.xml) == 1;

          if (is_element (&part, "si"))
            {
              if (empty)
                g_ptr_array_add (self->shared_strings, g_strdup (""));
              else
                {
                  in_si = TRUE;
                  g_string_truncate (text, 0);
                }
            }
          else if (is_element (&part, "t"))
            in_t = !empty;
          else if (is_element (&part, "rPh"))
            in_phonetic = !empty;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (is_element (&part, "si"))
            {
              g_ptr_array_add (self->shared_strings, decode_xstring (text->str, text->len));
              in_si = FALSE;
            }
          else if (is_element (&part, "t"))
            in_t = FALSE;
          else if (is_element (&part, "rPh"))
            in_phonetic = FALSE;
        }
      else if (in_si && in_t && !in_phonetic && is_text_node (type))
        {
          append_text (text, &part);
        }
    }

  part_close (&part);

  return ret == 0;
}

/* Number formats that show a date. Time-only formats (18–21, 32–35,
 * 45–47, 55–56) are left as numbers: a time of day is not a date, and
 * turning 0.5 into 1899-12-30 would be wrong. 27–36 and 50–58 are the
 * Chinese, Japanese and Korean built-ins (yyyy"年"m"月"d"日" and such). */
static gboolean
builtin_format_is_date (guint id)
{
  return (id >= 14 && id <= 17) || id == 22 ||
         (id >= 27 && id <= 31) || id == 36 ||
         (id >= 50 && id <= 54) || id == 57 || id == 58;
}

/* A custom format shows a date when its first section has a year or day
 * token, or a month token without hours or seconds (in "h:mm" and "mm:ss"
 * the m is minutes). Quoted literals, [brackets] (colours, locales,
 * elapsed [h]), escaped characters and AM/PM are not tokens. */
static gboolean
custom_format_is_date (const char *code)
{
  gboolean has_y = FALSE;
  gboolean has_d = FALSE;
  gboolean has_m = FALSE;
  gboolean has_h = FALSE;
  gboolean has_s = FALSE;
  const char *p;

  for (p = code; *p != '\0' && *p != ';'; p++)
    {
      switch (*p)
        {
        case '"':
          p++;
          while (*p != '\0' && *p != '"')
            p++;
          if (*p == '\0')
            p--;
          break;

        case '[':
          while (*p != '\0' && *p != ']')
            p++;
          if (*p == '\0')
            p--;
          break;

        case '\\':
        case '_':
        case '*':
          if (p[1] != '\0')
            p++;
          break;

        case 'y': case 'Y':
          has_y = TRUE;
          break;

        case 'd': case 'D':
          has_d = TRUE;
          break;

        case 'h': case 'H':
          has_h = TRUE;
          break;

        case 's': case 'S':
          has_s = TRUE;
          break;

        case 'm': case 'M':
          has_m = TRUE;
          break;

        case 'a': case 'A':
          if (g_ascii_strncasecmp (p, "AM/PM", 5) == 0)
            p += 4;
          else if (g_ascii_strncasecmp (p, "A/P", 3) == 0)
            p += 2;
          break;

        default:
          break;
        }
    }

  return has_y || has_d || (has_m && !has_h && !has_s);
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  guint64 value;

  if (text == NULL)
    return FALSE;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return FALSE;

  *out = value;

  return TRUE;
}

static gboolean
read_styles (XlsxReader  *self,
             GError     **error)
{
  g_autoptr(GHashTable) custom = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) xf_formats = g_array_new (FALSE, FALSE, sizeof (guint));
  int num_fmts_depth = -1;
  int cell_xfs_depth = -1;
  Part part;
  int ret;
  guint i;

  if (!has_part (self, self->styles_path))
    return TRUE;

  if (!part_open (self, self->styles_path, &part, error))
    return FALSE;

  while ((ret = part_read (&part, error)) == 1)
    {
      int type = xmlTextReaderNodeType (part.xml);
      int depth = xmlTextReaderDepth (part.xml);

      if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (depth == num_fmts_depth)
            num_fmts_depth = -1;
          else if (depth == cell_xfs_depth)
            cell_xfs_depth = -1;
          continue;
        }

      if (type != XML_READER_TYPE_ELEMENT)
        continue;

      if (depth == 1 && is_element (&part, "numFmts") &&
          xmlTextReaderIsEmptyElement (part.xml) != 1)
        {
          num_fmts_depth = depth;
        }
      else if (depth == 1 && is_element (&part, "cellXfs") &&
               xmlTextReaderIsEmptyElement (part.xml) != 1)
        {
          cell_xfs_depth = depth;
        }
      else if (num_fmts_depth >= 0 && depth == num_fmts_depth + 1 &&
               is_element (&part, "numFmt"))
        {
          g_autofree char *id_text = dup_attribute (&part, "numFmtId");
          g_autofree char *code = dup_attribute (&part, "formatCode");
          guint64 id;

          if (parse_uint (id_text, G_MAXUINT, &id) && code != NULL)
            g_hash_table_insert (custom, GUINT_TO_POINTER ((guint) id),
                                 GINT_TO_POINTER (custom_format_is_date (code) ? NUMBER_DATE : NUMBER_PLAIN));
        }
      else if (cell_xfs_depth >= 0 && depth == cell_xfs_depth + 1 &&
               is_element (&part, "xf"))
        {
          g_autofree char *id_text = dup_attribute (&part, "numFmtId");
          guint64 id = 0;
          guint id32;

          parse_uint (id_text, G_MAXUINT, &id);
          id32 = (guint) id;
          g_array_append_val (xf_formats, id32);
        }
    }

  part_close (&part);

  if (ret < 0)
    return FALSE;

  self->xf_kinds = g_byte_array_sized_new (xf_formats->len);
  for (i = 0; i < xf_formats->len; i++)
    {
      guint id = g_array_index (xf_formats, guint, i);
      gpointer kind;
      guint8 value;

      if (g_hash_table_lookup_extended (custom, GUINT_TO_POINTER (id), NULL, &kind))
        value = GPOINTER_TO_INT (kind);
      else
        value = builtin_format_is_date (id) ? NUMBER_DATE : NUMBER_PLAIN;
      g_byte_array_append (self->xf_kinds, &value, 1);
    }

  return TRUE;
}

/* Formats a number as Excel shows it in a General cell, from the decimal
 * text in the file rather than from a double, so that an integer keeps
 * exactly the digits Excel stored: "1.10105194912310E+17" becomes
 * 110105194912310000 (not 110105194912309984). Integers never get ".0" or
 * an exponent; other numbers get at most 15 significant digits, Excel's
 * precision, so 0.30000000000000004 reads 0.3. */
static char *
format_number (const char *text,
               gboolean   *inexact)
{
  g_autofree char *digits = NULL;
  const char *p = text;
  const char *int_start;
  const char *frac_start = NULL;
  gsize int_len;
  gsize frac_len = 0;
  gsize n_digits;
  gsize first;
  gboolean negative = FALSE;
  gint64 exponent = 0;
  gint64 point;
  GString *out;

  *inexact = FALSE;

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';

  int_start = p;
  while (g_ascii_isdigit (*p))
    p++;
  int_len = p - int_start;

  if (*p == '.')
    {
      frac_start = ++p;
      while (g_ascii_isdigit (*p))
        p++;
      frac_len = p - frac_start;
    }

  if (int_len + frac_len == 0)
    return NULL;

  if (*p == 'e' || *p == 'E')
    {
      gboolean exp_negative = FALSE;

      p++;
      if (*p == '-' || *p == '+')
        exp_negative = *p++ == '-';
      if (!g_ascii_isdigit (*p))
        return NULL;
      while (g_ascii_isdigit (*p))
        {
          if (exponent < 100000)
            exponent = exponent * 10 + (*p - '0');
          p++;
        }
      if (exp_negative)
        exponent = -exponent;
    }

  if (*p != '\0')
    return NULL;

  digits = g_malloc (int_len + frac_len + 1);
  memcpy (digits, int_start, int_len);
  if (frac_len > 0)
    memcpy (digits + int_len, frac_start, frac_len);
  n_digits = int_len + frac_len;
  digits[n_digits] = '\0';
  point = (gint64) int_len + exponent;

  for (first = 0; first < n_digits && digits[first] == '0'; first++)
    point--;
  while (n_digits > first && digits[n_digits - 1] == '0')
    n_digits--;

  if (n_digits == first)
    return g_strdup ("0");

  if ((gint64) (n_digits - first) <= point && point <= 30)
    {
      out = g_string_sized_new (point + 2);
      if (negative)
        g_string_append_c (out, '-');
      g_string_append_len (out, digits + first, n_digits - first);
      while ((gint64) out->len - (negative ? 1 : 0) < point)
        g_string_append_c (out, '0');
      *inexact = point > EXACT_DIGITS;
      return g_string_free (out, FALSE);
    }
  else
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (buffer, sizeof buffer, "%.15g", g_ascii_strtod (text, NULL));
      return g_strdup (buffer);
    }
}

static guint
parse_column (const char *ref)
{
  guint col = 0;
  const char *p;

  for (p = ref; g_ascii_isalpha (*p); p++)
    {
      col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (col > MAX_COLS)
        return 0;
    }

  if (!g_ascii_isdigit (*p))
    return 0;

  return col;
}

static void
set_cell (XlsxReader *self,
          guint       row,
          guint       col,
          char       *value)
{
  GPtrArray *cells;

  while (self->rows->len <= row)
    g_ptr_array_add (self->rows, g_ptr_array_new_with_free_func (g_free));

  cells = g_ptr_array_index (self->rows, row);
  while (cells->len < col)
    {
      g_ptr_array_add (cells, g_strdup (""));
      self->n_cells++;
    }

  if (cells->len == col)
    {
      g_ptr_array_add (cells, value);
      self->n_cells++;
    }
  else
    {
      g_free (g_ptr_array_index (cells, col));
      cells->pdata[col] = value;
    }
}

static char *
cell_value (XlsxReader *self,
            CellType    type,
            guint       style,
            GString    *raw,
            gboolean   *inexact)
{
  guint64 index;

  *inexact = FALSE;

  switch (type)
    {
    case CELL_SHARED_STRING:
      g_strstrip (raw->str);
      if (!parse_uint (raw->str, G_MAXUINT, &index) || index >= self->shared_strings->len)
        return NULL;
      return g_strdup (g_ptr_array_index (self->shared_strings, index));

    case CELL_INLINE_STRING:
    case CELL_FORMULA_STRING:
      return decode_xstring (raw->str, raw->len);

    case CELL_BOOLEAN:
      g_strstrip (raw->str);
      if (raw->str[0] == '\0')
        return g_strdup ("");
      return g_strdup (strcmp (raw->str, "0") == 0 ? "FALSE" : "TRUE");

    case CELL_ISO_DATE:
      g_strstrip (raw->str);
      if (strlen (raw->str) >= 10 && raw->str[4] == '-' && raw->str[7] == '-')
        return g_strndup (raw->str, 10);
      return g_strdup (raw->str);

    case CELL_ERROR:
      return g_strdup (raw->str);

    case CELL_NUMBER:
    default:
      {
        char *text;

        g_strstrip (raw->str);
        if (raw->str[0] == '\0')
          return g_strdup ("");

        text = format_number (raw->str, inexact);
        if (text == NULL)
          return g_strdup (raw->str);

        if (self->xf_kinds != NULL && style < self->xf_kinds->len &&
            self->xf_kinds->data[style] == NUMBER_DATE)
          {
            char *date = ud_xlsx_date_from_serial (g_ascii_strtod (raw->str, NULL),
                                                   self->date1904);
            if (date != NULL)
              {
                g_free (text);
                *inexact = FALSE;
                return date;
              }
          }

        return text;
      }
    }
}

static CellType
parse_cell_type (const char *t)
{
  if (t[0] == '\0' || strcmp (t, "n") == 0)
    return CELL_NUMBER;
  if (strcmp (t, "s") == 0)
    return CELL_SHARED_STRING;
  if (strcmp (t, "inlineStr") == 0)
    return CELL_INLINE_STRING;
  if (strcmp (t, "str") == 0)
    return CELL_FORMULA_STRING;
  if (strcmp (t, "b") == 0)
    return CELL_BOOLEAN;
  if (strcmp (t, "e") == 0)
    return CELL_ERROR;
  if (strcmp (t, "d") == 0)
    return CELL_ISO_DATE;

  return CELL_NUMBER;
}

/* Reads the r, t and s attributes of a <c> or <row> element into short
 * buffers: attribute values live in a buffer that the next read reuses. */
static void
read_cell_attributes (Part *part,
                      char  ref[16],
                      char  type[16],
                      char  style[16])
{
  ref[0] = type[0] = style[0] = '\0';

  while (xmlTextReaderMoveToNextAttribute (part->xml) == 1)
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (part->xml);
      const char *value;

      if (name[0] == '\0' || name[1] != '\0' || xmlTextReaderIsNamespaceDecl (part->xml) == 1)
        continue;

      value = (const char *) xmlTextReaderConstValue (part->xml);
      if (value == NULL)
        continue;

      if (name[0] == 'r')
        g_strlcpy (ref, value, 16);
      else if (name[0] == 't')
        g_strlcpy (type, value, 16);
      else if (name[0] == 's')
        g_strlcpy (style, value, 16);
    }
  xmlTextReaderMoveToElement (part->xml);
}

static gboolean
read_sheet (XlsxReader  *self,
            GError     **error)
{
  g_autoptr(GString) raw = g_string_sized_new (64);
  gint64 row = -1;
  guint next_col = 0;
  guint col = 0;
  guint style = 0;
  guint rows_seen = 0;
  CellType cell_type = CELL_NUMBER;
  gboolean in_cell = FALSE;
  gboolean in_value = FALSE;
  gboolean in_inline = FALSE;
  gboolean in_t = FALSE;
  gboolean in_phonetic = FALSE;
  Part part;
  int ret;

  if (!part_open (self, self->sheet_path, &part, error))
    return FALSE;

  while ((ret = part_read (&part, error)) == 1)
    {
      int type = xmlTextReaderNodeType (part.xml);
      const char *name;

      if (is_text_node (type))
        {
          if (in_value || (in_inline && in_t && !in_phonetic))
            append_text (raw, &part);
          continue;
        }

      if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT)
        continue;

      name = (const char *) xmlTextReaderConstLocalName (part.xml);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (part.xml) == 1;

          if (strcmp (name, "c") == 0)
            {
              char ref[16];
              char t[16];
              char s[16];
              guint64 value;

              read_cell_attributes (&part, ref, t, s);
              col = ref[0] != '\0' ? parse_column (ref) : 0;
              col = col > 0 ? col - 1 : next_col;
              next_col = col + 1;
              if (col >= MAX_COLS)
                {
                  set_damaged_error (error);
                  ret = -1;
                  break;
                }
              cell_type = parse_cell_type (t);
              style = parse_uint (s, G_MAXUINT, &value) ? (guint) value : 0;
              in_cell = !empty;
              g_string_truncate (raw, 0);
            }
          else if (strcmp (name, "v") == 0)
            in_value = in_cell && !empty;
          else if (strcmp (name, "is") == 0)
            in_inline = in_cell && !empty;
          else if (strcmp (name, "t") == 0)
            in_t = !empty;
          else if (strcmp (name, "rPh") == 0)
            in_phonetic = !empty;
          else if (strcmp (name, "row") == 0)
            {
              char r[16];
              char t[16];
              char s[16];
              guint64 value;

              read_cell_attributes (&part, r, t, s);
              if (parse_uint (r, MAX_ROWS, &value) && value > 0)
                row = value - 1;
              else
                row++;
              next_col = 0;

              /* More row elements than a sheet can have is no sheet
               * Excel wrote: refused before it costs more time. */
              if (++rows_seen > MAX_ROWS)
                {
                  set_too_many_rows_error (error);
                  ret = -1;
                  break;
                }
              if (rows_seen % CANCEL_CHECK_ROWS == 0 &&
                  g_cancellable_set_error_if_cancelled (self->cancellable, error))
                {
                  ret = -1;
                  break;
                }
            }
        }
      else
        {
          if (strcmp (name, "c") == 0 && in_cell)
            {
              gboolean inexact;
              char *value;

              in_cell = in_value = in_inline = in_t = in_phonetic = FALSE;

              value = cell_value (self, cell_type, style, raw, &inexact);
              if (value == NULL)
                {
                  g_debug ("Cell %u:%u refers to a missing shared string", (guint) row, col);
                  set_damaged_error (error);
                  ret = -1;
                  break;
                }

              if (value[0] == '\0' || row < 0)
                {
                  g_free (value);
                  continue;
                }
              /* The rows kept are bounded: a value in row 1,000,000 would
               * make a million rows before it. */
              if (row >= UD_IO_MAX_ROWS)
                {
                  g_free (value);
                  set_too_many_rows_error (error);
                  ret = -1;
                  break;
                }

              set_cell (self, row, col, value);
              if (inexact && self->inexact != NULL)
                g_hash_table_add (self->inexact, g_strdup_printf ("%u:%u", (guint) row, col));

              if (self->n_cells > MAX_CELLS)
                {
                  set_too_large_error (error);
                  ret = -1;
                  break;
                }
            }
          else if (strcmp (name, "v") == 0)
            in_value = FALSE;
          else if (strcmp (name, "is") == 0)
            in_inline = FALSE;
          else if (strcmp (name, "t") == 0)
            in_t = FALSE;
          else if (strcmp (name, "rPh") == 0)
            in_phonetic = FALSE;
        }
    }

  part_close (&part);

  if (ret < 0)
    return FALSE;

  /* Formatting alone makes Excel write rows with no value; they end the
   * sheet as empty arrays. */
  while (self->rows->len > 0 &&
         ((GPtrArray *) g_ptr_array_index (self->rows, self->rows->len - 1))->len == 0)
    g_ptr_array_set_size (self->rows, self->rows->len - 1);

  return TRUE;
}

static GPtrArray *
read_workbook_zip (XlsxReader  *self,
                   GHashTable **inexact_numbers,
                   GError     **error)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  if (inexact_numbers != NULL)
    self->inexact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!find_workbook (self, error) ||
      !read_workbook (self, error))
    return NULL;

  if (self->shared_strings_path != NULL)
    {
      if (!read_shared_strings (self, error))
        return NULL;
    }
  else
    {
      self->shared_strings = g_ptr_array_new_with_free_func (g_free);
    }

  if (self->styles_path != NULL && !read_styles (self, error))
    return NULL;

  if (!read_sheet (self, error))
    return NULL;

  if (inexact_numbers != NULL)
    *inexact_numbers = g_steal_pointer (&self->inexact);

  return g_steal_pointer (&self->rows);
}

/**
 * ud_xlsx_read_first_sheet:
 * @path: the file name of an .xlsx workbook
 * @error: return location for a #UD_IO_ERROR
 *
 * Like ud_xlsx_read_first_sheet_full() without its options.
 *
 * Returns: (transfer full) (element-type GPtrArray): the rows, or %NULL
 */
GPtrArray *
ud_xlsx_read_first_sheet (const char  *path,
                          GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ud_xlsx_read_first_sheet_full (path, NULL, NULL, error);
}

/**
 * ud_xlsx_read_first_sheet_full:
 * @path: the file name of an .xlsx workbook
 * @inexact_numbers: (out) (optional) (transfer full): a set of "ROW:COL"
 *   keys, see below
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #UD_IO_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Reads the first visible worksheet in workbook order (the first tab the
 * clerk sees) as text, streaming so that large sheets stay cheap.
 *
 * Each row is a #GPtrArray of strings (free function g_free()); row i of
 * the result is Excel row i + 1. Empty cells before a value are "" at their
 * column; cells after the last value of a row, and empty rows at the end
 * of the sheet, are left out, so an empty row in the middle is an empty
 * array.
 *
 * Cells read as Excel shows them with a General format: shared and inline
 * strings (rich-text runs joined, phonetic guides dropped, _xHHHH_ escapes
 * decoded), cached formula results, booleans as TRUE or FALSE, numbers
 * without ".0" or exponent when they are integers. Numbers with a date
 * format become "YYYY-MM-DD" in the workbook's date system (1900, with
 * Excel's phantom 1900-02-29, or 1904).
 *
 * An integer with more than 15 digits (an 18-digit ID number or a card
 * number typed into a number cell) is returned as its digits, but Excel
 * keeps only 15 significant digits, so the rest are likely zeros that
 * stand for lost digits. Such cells are added to @inexact_numbers as
 * "ROW:COL" (0-based row index into the result and 0-based column, as
 * printed by "%u:%u") so that the importer can ask for the column to be
 * formatted as text.
 *
 * Returns: (transfer full) (element-type GPtrArray): the rows, or %NULL
 */
GPtrArray *
ud_xlsx_read_first_sheet_full (const char    *path,
                               GHashTable   **inexact_numbers,
                               GCancellable  *cancellable,
                               GError       **error)
{
  XlsxReader self = { 0 };
  GPtrArray *rows;
  int zip_code = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_libxml ();

  self.zip = zip_open (path, ZIP_RDONLY, &zip_code);
  if (self.zip == NULL)
    {
      gboolean looks_like_zip = FALSE;
      char magic[4];
      FILE *file;

      g_debug ("Cannot open %s as a ZIP archive: libzip error %d", path, zip_code);
      file = g_fopen (path, "rb");
      if (file != NULL)
        {
          looks_like_zip = has_zip_magic (magic, fread (magic, 1, sizeof magic, file));
          fclose (file);
        }
      set_zip_error (error, zip_code, looks_like_zip);
      return NULL;
    }
  self.cancellable = cancellable;

  rows = read_workbook_zip (&self, inexact_numbers, error);
  xlsx_reader_clear (&self);

  return rows;
}

/**
 * ud_xlsx_read_bytes:
 * @bytes: the contents of an .xlsx workbook
 * @inexact_numbers: (out) (optional) (transfer full): see
 *   ud_xlsx_read_first_sheet_full()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #UD_IO_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Like ud_xlsx_read_first_sheet_full(), from memory.
 *
 * Returns: (transfer full) (element-type GPtrArray): the rows, or %NULL
 */
GPtrArray *
ud_xlsx_read_bytes (GBytes        *bytes,
                    GHashTable   **inexact_numbers,
                    GCancellable  *cancellable,
                    GError       **error)
{
  XlsxReader self = { 0 };
  zip_source_t *source;
  zip_error_t zip_error;
  GPtrArray *rows;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_libxml ();

  data = g_bytes_get_data (bytes, &size);
  zip_error_init (&zip_error);
  source = zip_source_buffer_create (data, size, 0, &zip_error);
  if (source == NULL)
    {
      set_zip_error (error, zip_error_code_zip (&zip_error), FALSE);
      zip_error_fini (&zip_error);
      return NULL;
    }

  self.zip = zip_open_from_source (source, ZIP_RDONLY, &zip_error);
  if (self.zip == NULL)
    {
      g_debug ("Cannot open the data as a ZIP archive: %s", zip_error_strerror (&zip_error));
      set_zip_error (error, zip_error_code_zip (&zip_error), has_zip_magic (data, size));
      zip_source_free (source);
      zip_error_fini (&zip_error);
      return NULL;
    }
  zip_error_fini (&zip_error);

  /* The archive reads @bytes in place until it is discarded. */
  self.bytes = g_bytes_ref (bytes);
  self.cancellable = cancellable;

  rows = read_workbook_zip (&self, inexact_numbers, error);
  xlsx_reader_clear (&self);

  return rows;
}

/**
 * ud_xlsx_date_from_serial:
 * @serial: an Excel date serial number (days; the fraction is the time)
 * @date1904: whether the workbook uses the 1904 date system
 *
 * Converts a date serial to the date Excel shows. In the 1900 system Excel
 * counts a 29 February 1900 that never was (serial 60) to stay compatible
 * with Lotus 1-2-3; it is returned as "1900-02-29" because that is what
 * the clerk sees, and dates after it are shifted back by one day.
 *
 * Returns: (transfer full) (nullable): "YYYY-MM-DD", or %NULL when @serial
 *   is not a date Excel can show (negative, 0 in the 1900 system, or after
 *   9999-12-31)
 */
char *
ud_xlsx_date_from_serial (double   serial,
                          gboolean date1904)
{
  g_autoptr(GDate) date = NULL;
  double days;

  /* Excel rounds to the millisecond before it shows a date. */
  if (!isfinite (serial))
    return NULL;
  days = floor (serial + 0.5 / 86400000.0);

  if (days < (date1904 ? 0 : 1) || days > 2958465)
    return NULL;

  if (date1904)
    {
      date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
    }
  else if (days == 60)
    {
      return g_strdup ("1900-02-29");
    }
  else if (days < 60)
    {
      date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
    }
  else
    {
      date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
    }

  g_date_add_days (date, (guint) days);
  if (g_date_get_year (date) > 9999)
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}
