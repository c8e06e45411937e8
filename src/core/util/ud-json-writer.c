/* ud-json-writer.c — JSON text written directly into a GString
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-json-writer.h"

void
ud_json_append_string (GString    *out,
                       const char *text)
{
  const char *run;

  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  g_string_append_c (out, '"');
  run = text;
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      /* The plain run before this character goes out in one piece. */
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:   g_string_append_printf (out, "\\u%04x", c); break;
        }
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

void
ud_json_append_member (GString    *out,
                       const char *name)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (name != NULL);

  if (out->len > 0 && out->str[out->len - 1] != '{' && out->str[out->len - 1] != '[')
    g_string_append_c (out, ',');
  ud_json_append_string (out, name);
  g_string_append_c (out, ':');
}

void
ud_json_append_string_or_null (GString    *out,
                               const char *text)
{
  g_return_if_fail (out != NULL);

  if (text == NULL)
    g_string_append (out, "null");
  else
    ud_json_append_string (out, text);
}
