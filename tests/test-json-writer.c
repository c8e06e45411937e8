/* test-json-writer.c — the one JSON string writer
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "ud-json-writer.h"

static void
test_escapes (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  ud_json_append_string (out, "朱明敏 \"引号\" back\\slash\nline\r\ttab\x01" "end");
  g_assert_cmpstr (out->str, ==, "\"朱明敏 \\\"引号\\\" back\\\\slash\\nline\\r\\ttab\\u0001end\"");
}

static void
test_round_trip (void)
{
  static const char * const texts[] = { "", "plain", "密云区总工会", "a\"b\\c\n\x1f", "{\"x\":[1]}" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GString) out = g_string_new ("{");
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *object;

      ud_json_append_member (out, "text");
      ud_json_append_string (out, texts[i]);
      ud_json_append_member (out, "none");
      ud_json_append_string_or_null (out, NULL);
      g_string_append_c (out, '}');

      json_parser_load_from_data (parser, out->str, -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, texts[i]);
      g_assert_true (json_object_get_null_member (object, "none"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-writer/escapes", test_escapes);
  g_test_add_func ("/json-writer/round-trip", test_round_trip);

  return g_test_run ();
}
