/* test-json.c — the bounded JSON loader and the regular-file reader
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-json"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "ud-json.h"

static char *
nested (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');

  return g_string_free (text, FALSE);
}

static void
test_json_depth (void)
{
  g_autofree char *ok = nested (UD_JSON_MAX_DEPTH);
  g_autofree char *deep = nested (100000);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = ud_json_parse (ok, -1, UD_JSON_MAX_DEPTH, "the case", &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_cmpint (json_node_get_node_type (root), ==, JSON_NODE_ARRAY);

  /* 100,000 levels overflowed json-glib's recursion (SIGSEGV): refused
   * before it sees the text. */
  g_assert_null (ud_json_parse (deep, -1, UD_JSON_MAX_DEPTH, "the case", &error));
  g_assert_error (error, UD_JSON_ERROR, UD_JSON_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==, "the case nests lists and objects more than 64 levels deep.");
}

static void
test_json_strings (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  /* Brackets inside strings do not count, escaped quotes do not end them. */
  root = ud_json_parse ("{\"a\": \"[[[[\\\"{{{{\"}", -1, 2, "the case", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "a"), ==, "[[[[\"{{{{");

  g_assert_null (ud_json_parse ("{\"a\": \"x\\u0000y\"}", -1, 8, "the case", &error));
  g_assert_error (error, UD_JSON_ERROR, UD_JSON_ERROR_MALFORMED);
  g_clear_error (&error);

  g_assert_null (ud_json_parse ("{\"a\": \"\xff\"}", -1, 8, "the case", &error));
  g_assert_error (error, UD_JSON_ERROR, UD_JSON_ERROR_MALFORMED);
  g_clear_error (&error);

  g_assert_null (ud_json_parse ("", -1, 8, "the case", &error));
  g_assert_error (error, UD_JSON_ERROR, UD_JSON_ERROR_MALFORMED);
  g_clear_error (&error);

  g_assert_null (ud_json_parse ("{\"a\": ", -1, 8, "the case", &error));
  g_assert_error (error, UD_JSON_ERROR, UD_JSON_ERROR_MALFORMED);
}

static void
test_file_regular (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-json-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "case.json", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents (file, "{\"a\": 1}", -1, NULL));
  g_assert_true (ud_file_read_regular (file, 1024, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "{\"a\": 1}");
  g_assert_cmpuint (length, ==, 8);
  g_clear_pointer (&contents, g_free);

  /* Too large: refused before it is read. */
  g_assert_false (ud_file_read_regular (file, 4, &contents, &length, &error));
  g_assert_error (error, UD_JSON_ERROR, UD_JSON_ERROR_TOO_LARGE);
  g_assert_null (contents);
  g_clear_error (&error);

  /* A named pipe without a writer blocked the reader forever. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (ud_file_read_regular (fifo, 1024, &contents, &length, &error));
  g_assert_error (error, UD_JSON_ERROR, UD_JSON_ERROR_NOT_A_FILE);
  g_assert_nonnull (strstr (error->message, "pipe"));
  g_clear_error (&error);
  g_assert_false (ud_file_check_regular (fifo, &error));
  g_assert_error (error, UD_JSON_ERROR, UD_JSON_ERROR_NOT_A_FILE);
  g_clear_error (&error);

  g_assert_false (ud_file_read_regular (dir, 1024, &contents, &length, &error));
  g_assert_error (error, UD_JSON_ERROR, UD_JSON_ERROR_NOT_A_FILE);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);

  g_assert_false (ud_file_read_regular ("/dev/zero", 1024, &contents, &length, &error));
  g_assert_error (error, UD_JSON_ERROR, UD_JSON_ERROR_NOT_A_FILE);
  g_clear_error (&error);

  g_assert_false (ud_file_read_regular (missing, 1024, &contents, &length, &error));
  g_assert_error (error, UD_JSON_ERROR, UD_JSON_ERROR_READ);
  g_clear_error (&error);
  g_assert_true (ud_file_check_regular (file, &error));
  g_assert_no_error (error);

  g_unlink (fifo);
  g_unlink (file);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json/depth", test_json_depth);
  g_test_add_func ("/json/strings", test_json_strings);
  g_test_add_func ("/json/file-regular", test_file_regular);

  return g_test_run ();
}
