/* ud-sync-json.c — a small, fast reader for the server's JSON answers
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-sync"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ud-sync-json.h"

#define MAX_DEPTH  64
#define CHUNK_SIZE (256 * 1024)

typedef struct
{
  const char      *name;
  UdSyncJsonValue *value;
} Member;

struct _UdSyncJsonValue
{
  UdSyncJsonType  type;
  guint           n;       /* elements, members, or the string's bytes */
  gsize           start;   /* where the value stands in the text */
  gsize           end;
  union
  {
    gint64            i;
    double            d;
    const char       *s;
    UdSyncJsonValue **items;
    Member           *members;
  } u;
};

struct _UdSyncJson
{
  GPtrArray       *chunks;   /* of arena blocks */
  guint8          *block;    /* the current one */
  gsize            used;
  gsize            size;
  const char      *text;     /* borrowed while parsing, then copied */
  char            *copy;
  gsize            length;
  UdSyncJsonValue *root;
};

typedef struct
{
  UdSyncJson *json;
  const char *p;
  const char *end;
  guint       depth;
  GPtrArray  *values[MAX_DEPTH + 1];   /* reused per depth: children being collected */
  GArray     *members[MAX_DEPTH + 1];
  GString    *scratch;
  const char *error;
} Parser;

static gpointer
arena_alloc (UdSyncJson *json,
             gsize       size)
{
  gpointer memory;

  size = (size + 7) & ~(gsize) 7;
  if (json->block == NULL || json->used + size > json->size)
    {
      json->size = MAX (CHUNK_SIZE, size);
      json->block = g_malloc (json->size);
      json->used = 0;
      g_ptr_array_add (json->chunks, json->block);
    }

  memory = json->block + json->used;
  json->used += size;
  return memory;
}

static void
skip_blanks (Parser *parser)
{
  while (parser->p < parser->end &&
         (*parser->p == ' ' || *parser->p == '\n' || *parser->p == '\r' || *parser->p == '\t'))
    parser->p++;
}

static gboolean
fail (Parser     *parser,
      const char *what)
{
  if (parser->error == NULL)
    parser->error = what;
  return FALSE;
}

static gboolean
read_hex4 (Parser   *parser,
           gunichar *value)
{
  gunichar v = 0;

  if (parser->end - parser->p < 4)
    return fail (parser, "a cut \\u escape");

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (parser->p[i]);

      if (digit < 0)
        return fail (parser, "a bad \\u escape");
      v = (v << 4) | (gunichar) digit;
    }

  parser->p += 4;
  *value = v;
  return TRUE;
}

/* Reads a string after its opening quote; returns it NUL-terminated in
 * the arena. */
static gboolean
read_string (Parser      *parser,
             const char **out,
             guint       *length)
{
  const char *start = parser->p;
  gboolean escaped = FALSE;
  char *copy;

  /* The common case: no escapes, copied as it is. */
  while (parser->p < parser->end && *parser->p != '"')
    {
      guchar c = (guchar) *parser->p;

      if (c < 0x20)
        return fail (parser, "a control character in a string");
      if (c == '\\')
        {
          escaped = TRUE;
          break;
        }
      parser->p++;
    }

  if (!escaped)
    {
      gsize n = (gsize) (parser->p - start);

      if (parser->p >= parser->end)
        return fail (parser, "an unterminated string");
      if (!g_utf8_validate_len (start, n, NULL))
        return fail (parser, "a string that is not UTF-8");
      copy = arena_alloc (parser->json, n + 1);
      memcpy (copy, start, n);
      copy[n] = '\0';
      parser->p++;
      *out = copy;
      *length = (guint) n;
      return TRUE;
    }

  g_string_truncate (parser->scratch, 0);
  g_string_append_len (parser->scratch, start, parser->p - start);
  while (parser->p < parser->end && *parser->p != '"')
    {
      guchar c = (guchar) *parser->p;

      if (c < 0x20)
        return fail (parser, "a control character in a string");
      if (c != '\\')
        {
          g_string_append_c (parser->scratch, (char) c);
          parser->p++;
          continue;
        }

      parser->p++;
      if (parser->p >= parser->end)
        return fail (parser, "an unterminated string");
      c = (guchar) *parser->p++;
      switch (c)
        {
        case '"':  g_string_append_c (parser->scratch, '"'); break;
        case '\\': g_string_append_c (parser->scratch, '\\'); break;
        case '/':  g_string_append_c (parser->scratch, '/'); break;
        case 'b':  g_string_append_c (parser->scratch, '\b'); break;
        case 'f':  g_string_append_c (parser->scratch, '\f'); break;
        case 'n':  g_string_append_c (parser->scratch, '\n'); break;
        case 'r':  g_string_append_c (parser->scratch, '\r'); break;
        case 't':  g_string_append_c (parser->scratch, '\t'); break;
        case 'u':
          {
            gunichar ch;

            if (!read_hex4 (parser, &ch))
              return FALSE;
            if (ch >= 0xd800 && ch <= 0xdbff)
              {
                gunichar low;

                if (parser->end - parser->p < 2 || parser->p[0] != '\\' || parser->p[1] != 'u')
                  return fail (parser, "a lone surrogate");
                parser->p += 2;
                if (!read_hex4 (parser, &low) || low < 0xdc00 || low > 0xdfff)
                  return fail (parser, "a lone surrogate");
                ch = 0x10000 + ((ch - 0xd800) << 10) + (low - 0xdc00);
              }
            else if (ch >= 0xdc00 && ch <= 0xdfff)
              {
                return fail (parser, "a lone surrogate");
              }
            if (ch == 0)
              return fail (parser, "a NUL character in a string");
            g_string_append_unichar (parser->scratch, ch);
          }
          break;
        default:
          return fail (parser, "an unknown escape");
        }
    }

  if (parser->p >= parser->end)
    return fail (parser, "an unterminated string");
  parser->p++;

  if (!g_utf8_validate_len (parser->scratch->str, parser->scratch->len, NULL))
    return fail (parser, "a string that is not UTF-8");
  copy = arena_alloc (parser->json, parser->scratch->len + 1);
  memcpy (copy, parser->scratch->str, parser->scratch->len + 1);
  *out = copy;
  *length = (guint) parser->scratch->len;

  return TRUE;
}

static gboolean
read_number (Parser          *parser,
             UdSyncJsonValue *value)
{
  const char *start = parser->p;
  gboolean integer = TRUE;
  gboolean negative = FALSE;
  guint64 magnitude = 0;
  gboolean overflow = FALSE;

  if (*parser->p == '-')
    {
      negative = TRUE;
      parser->p++;
    }
  if (parser->p >= parser->end || !g_ascii_isdigit (*parser->p))
    return fail (parser, "a bad number");
  if (*parser->p == '0' && parser->p + 1 < parser->end && g_ascii_isdigit (parser->p[1]))
    return fail (parser, "a number with a leading zero");

  while (parser->p < parser->end && g_ascii_isdigit (*parser->p))
    {
      guint digit = (guint) (*parser->p - '0');

      if (magnitude > (G_MAXUINT64 - digit) / 10)
        overflow = TRUE;
      else
        magnitude = magnitude * 10 + digit;
      parser->p++;
    }

  if (parser->p < parser->end && *parser->p == '.')
    {
      integer = FALSE;
      parser->p++;
      if (parser->p >= parser->end || !g_ascii_isdigit (*parser->p))
        return fail (parser, "a bad number");
      while (parser->p < parser->end && g_ascii_isdigit (*parser->p))
        parser->p++;
    }
  if (parser->p < parser->end && (*parser->p == 'e' || *parser->p == 'E'))
    {
      integer = FALSE;
      parser->p++;
      if (parser->p < parser->end && (*parser->p == '+' || *parser->p == '-'))
        parser->p++;
      if (parser->p >= parser->end || !g_ascii_isdigit (*parser->p))
        return fail (parser, "a bad number");
      while (parser->p < parser->end && g_ascii_isdigit (*parser->p))
        parser->p++;
    }

  if (integer && !overflow &&
      magnitude <= (negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64))
    {
      value->type = UD_SYNC_JSON_INT;
      value->u.i = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
    }
  else
    {
      g_autofree char *text = g_strndup (start, (gsize) (parser->p - start));

      value->type = UD_SYNC_JSON_DOUBLE;
      value->u.d = g_ascii_strtod (text, NULL);
    }

  return TRUE;
}

static gboolean
read_literal (Parser     *parser,
              const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (parser->end - parser->p) < n || memcmp (parser->p, word, n) != 0)
    return fail (parser, "an unknown word");
  parser->p += n;
  return TRUE;
}

static UdSyncJsonValue *read_value (Parser *parser);

static gboolean
read_array (Parser          *parser,
            UdSyncJsonValue *value)
{
  GPtrArray *items;

  if (parser->values[parser->depth] == NULL)
    parser->values[parser->depth] = g_ptr_array_new ();
  items = parser->values[parser->depth];
  g_ptr_array_set_size (items, 0);

  skip_blanks (parser);
  if (parser->p < parser->end && *parser->p == ']')
    parser->p++;
  else
    for (;;)
      {
        UdSyncJsonValue *item = read_value (parser);

        /* Children are collected on the stacks of deeper levels. */
        if (item == NULL)
          return FALSE;
        g_ptr_array_add (items, item);

        skip_blanks (parser);
        if (parser->p >= parser->end)
          return fail (parser, "an unterminated list");
        if (*parser->p == ',')
          {
            parser->p++;
            continue;
          }
        if (*parser->p == ']')
          {
            parser->p++;
            break;
          }
        return fail (parser, "a list without a comma");
      }

  value->type = UD_SYNC_JSON_ARRAY;
  value->n = items->len;
  value->u.items = arena_alloc (parser->json, sizeof (UdSyncJsonValue *) * MAX (items->len, 1));
  /* An empty list's pdata is NULL, and memcpy from NULL is undefined
   * even for 0 bytes (UBSan). */
  if (items->len > 0)
    memcpy (value->u.items, items->pdata, sizeof (UdSyncJsonValue *) * items->len);

  return TRUE;
}

static gboolean
read_object (Parser          *parser,
             UdSyncJsonValue *value)
{
  GArray *members;

  if (parser->members[parser->depth] == NULL)
    parser->members[parser->depth] = g_array_new (FALSE, FALSE, sizeof (Member));
  members = parser->members[parser->depth];
  g_array_set_size (members, 0);

  skip_blanks (parser);
  if (parser->p < parser->end && *parser->p == '}')
    parser->p++;
  else
    for (;;)
      {
        Member member;
        guint length;

        skip_blanks (parser);
        if (parser->p >= parser->end || *parser->p != '"')
          return fail (parser, "an object member without a name");
        parser->p++;
        if (!read_string (parser, &member.name, &length))
          return FALSE;
        skip_blanks (parser);
        if (parser->p >= parser->end || *parser->p != ':')
          return fail (parser, "an object member without a colon");
        parser->p++;

        member.value = read_value (parser);
        if (member.value == NULL)
          return FALSE;
        g_array_append_val (members, member);

        skip_blanks (parser);
        if (parser->p >= parser->end)
          return fail (parser, "an unterminated object");
        if (*parser->p == ',')
          {
            parser->p++;
            continue;
          }
        if (*parser->p == '}')
          {
            parser->p++;
            break;
          }
        return fail (parser, "an object without a comma");
      }

  value->type = UD_SYNC_JSON_OBJECT;
  value->n = members->len;
  value->u.members = arena_alloc (parser->json, sizeof (Member) * MAX (members->len, 1));
  if (members->len > 0)
    memcpy (value->u.members, members->data, sizeof (Member) * members->len);

  return TRUE;
}

static UdSyncJsonValue *
read_value (Parser *parser)
{
  UdSyncJsonValue *value;
  gboolean ok;

  skip_blanks (parser);
  if (parser->p >= parser->end)
    {
      fail (parser, "a missing value");
      return NULL;
    }

  value = arena_alloc (parser->json, sizeof *value);
  memset (value, 0, sizeof *value);
  value->start = (gsize) (parser->p - parser->json->text);

  switch (*parser->p)
    {
    case '{':
    case '[':
      if (parser->depth >= MAX_DEPTH)
        {
          fail (parser, "values nested too deep");
          return NULL;
        }
      parser->depth++;
      parser->p++;
      ok = parser->p[-1] == '{' ? read_object (parser, value) : read_array (parser, value);
      parser->depth--;
      break;

    case '"':
      parser->p++;
      value->type = UD_SYNC_JSON_STRING;
      ok = read_string (parser, &value->u.s, &value->n);
      break;

    case 't':
      value->type = UD_SYNC_JSON_TRUE;
      ok = read_literal (parser, "true");
      break;

    case 'f':
      value->type = UD_SYNC_JSON_FALSE;
      ok = read_literal (parser, "false");
      break;

    case 'n':
      value->type = UD_SYNC_JSON_NULL;
      ok = read_literal (parser, "null");
      break;

    default:
      ok = read_number (parser, value);
      break;
    }

  if (!ok)
    return NULL;

  value->end = (gsize) (parser->p - parser->json->text);
  return value;
}

/**
 * _ud_sync_json_parse:
 * @text: JSON text, not necessarily NUL-terminated
 * @length: its length in bytes
 * @error: return location for a %G_IO_ERROR_INVALID_DATA
 *
 * Returns: (transfer full): the document, or %NULL
 */
UdSyncJson *
_ud_sync_json_parse (const char  *text,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(UdSyncJson) json = g_new0 (UdSyncJson, 1);
  Parser parser = { NULL };

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  json->chunks = g_ptr_array_new_with_free_func (g_free);
  json->text = text;
  json->length = length;

  parser.json = json;
  parser.p = text;
  parser.end = text + length;
  parser.scratch = g_string_new (NULL);

  json->root = read_value (&parser);
  if (json->root != NULL)
    {
      skip_blanks (&parser);
      if (parser.p != parser.end)
        {
          fail (&parser, "text after the value");
          json->root = NULL;
        }
    }

  for (guint d = 0; d <= MAX_DEPTH; d++)
    {
      g_clear_pointer (&parser.values[d], g_ptr_array_unref);
      if (parser.members[d] != NULL)
        g_array_unref (parser.members[d]);
    }
  g_string_free (parser.scratch, TRUE);

  if (json->root == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Not JSON: %s at byte %" G_GSIZE_FORMAT,
                   parser.error != NULL ? parser.error : "an error",
                   (gsize) (parser.p - text));
      return NULL;
    }

  /* Spans refer to the document's own copy from now on. */
  json->copy = g_strndup (text, length);
  json->text = json->copy;

  return g_steal_pointer (&json);
}

void
_ud_sync_json_free (UdSyncJson *json)
{
  if (json == NULL)
    return;

  g_clear_pointer (&json->chunks, g_ptr_array_unref);
  g_free (json->copy);
  g_free (json);
}

const UdSyncJsonValue *
_ud_sync_json_root (const UdSyncJson *json)
{
  g_return_val_if_fail (json != NULL, NULL);

  return json->root;
}

UdSyncJsonType
_ud_sync_json_type (const UdSyncJsonValue *value)
{
  g_return_val_if_fail (value != NULL, UD_SYNC_JSON_NULL);

  return value->type;
}

char *
_ud_sync_json_text (const UdSyncJson      *json,
                    const UdSyncJsonValue *value)
{
  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  return g_strndup (json->text + value->start, value->end - value->start);
}

guint
_ud_sync_json_length (const UdSyncJsonValue *array)
{
  if (array == NULL || array->type != UD_SYNC_JSON_ARRAY)
    return 0;

  return array->n;
}

const UdSyncJsonValue *
_ud_sync_json_element (const UdSyncJsonValue *array,
                       guint                  index)
{
  g_return_val_if_fail (array != NULL && array->type == UD_SYNC_JSON_ARRAY, NULL);
  g_return_val_if_fail (index < array->n, NULL);

  return array->u.items[index];
}

const UdSyncJsonValue *
_ud_sync_json_member (const UdSyncJsonValue *object,
                      const char            *name)
{
  if (object == NULL || object->type != UD_SYNC_JSON_OBJECT)
    return NULL;

  for (guint i = 0; i < object->n; i++)
    if (strcmp (object->u.members[i].name, name) == 0)
      return object->u.members[i].value;

  return NULL;
}

guint
_ud_sync_json_n_members (const UdSyncJsonValue *object)
{
  if (object == NULL || object->type != UD_SYNC_JSON_OBJECT)
    return 0;

  return object->n;
}

const char *
_ud_sync_json_member_name (const UdSyncJsonValue *object,
                           guint                  index)
{
  g_return_val_if_fail (object != NULL && object->type == UD_SYNC_JSON_OBJECT, NULL);
  g_return_val_if_fail (index < object->n, NULL);

  return object->u.members[index].name;
}

const UdSyncJsonValue *
_ud_sync_json_member_value (const UdSyncJsonValue *object,
                            guint                  index)
{
  g_return_val_if_fail (object != NULL && object->type == UD_SYNC_JSON_OBJECT, NULL);
  g_return_val_if_fail (index < object->n, NULL);

  return object->u.members[index].value;
}

const char *
_ud_sync_json_get_string (const UdSyncJsonValue *object,
                          const char            *name)
{
  const UdSyncJsonValue *value = _ud_sync_json_member (object, name);

  return value != NULL && value->type == UD_SYNC_JSON_STRING ? value->u.s : NULL;
}

gboolean
_ud_sync_json_get_int (const UdSyncJsonValue *object,
                       const char            *name,
                       gint64                *out)
{
  const UdSyncJsonValue *value = _ud_sync_json_member (object, name);

  if (value == NULL || value->type != UD_SYNC_JSON_INT)
    return FALSE;

  *out = value->u.i;
  return TRUE;
}

gboolean
_ud_sync_json_get_boolean (const UdSyncJsonValue *object,
                           const char            *name,
                           gboolean              *out)
{
  const UdSyncJsonValue *value = _ud_sync_json_member (object, name);

  if (value == NULL || (value->type != UD_SYNC_JSON_TRUE && value->type != UD_SYNC_JSON_FALSE))
    return FALSE;

  *out = value->type == UD_SYNC_JSON_TRUE;
  return TRUE;
}

const UdSyncJsonValue *
_ud_sync_json_get_object (const UdSyncJsonValue *object,
                          const char            *name)
{
  const UdSyncJsonValue *value = _ud_sync_json_member (object, name);

  return value != NULL && value->type == UD_SYNC_JSON_OBJECT ? value : NULL;
}

const UdSyncJsonValue *
_ud_sync_json_get_array (const UdSyncJsonValue *object,
                         const char            *name)
{
  const UdSyncJsonValue *value = _ud_sync_json_member (object, name);

  return value != NULL && value->type == UD_SYNC_JSON_ARRAY ? value : NULL;
}

const char *
_ud_sync_json_string (const UdSyncJsonValue *value)
{
  return value != NULL && value->type == UD_SYNC_JSON_STRING ? value->u.s : NULL;
}

gint64
_ud_sync_json_int (const UdSyncJsonValue *value)
{
  return value != NULL && value->type == UD_SYNC_JSON_INT ? value->u.i : 0;
}
