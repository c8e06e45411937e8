/* ud-audit-detail.c — an audit entry's detail, written free of any language
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-audit"

#include "config.h"

#include <stdarg.h>

#include "ud-audit-detail.h"
#include "ud-json-writer.h"

char *
ud_audit_detail_new (const char *what,
                     ...)
{
  GString *out;
  const char *name;
  va_list args;

  g_return_val_if_fail (what != NULL, NULL);

  out = g_string_new ("{");
  ud_json_append_member (out, "what");
  ud_json_append_string (out, what);

  va_start (args, what);
  for (name = va_arg (args, const char *); name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        continue;
      ud_json_append_member (out, name);
      ud_json_append_string (out, value);
    }
  va_end (args);

  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}
