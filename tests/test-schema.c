/* test-schema.c — the database's tables match every kind's description
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-core.h"
#include "ud-database.h"
#include "ud-kind.h"

/* One column as SQLite describes it (PRAGMA table_info). */
typedef struct
{
  char     *type;
  gboolean  not_null;
  char     *default_value;   /* as written in the schema, or NULL */
  gboolean  primary_key;
} Column;

static void
column_free (Column *column)
{
  g_free (column->type);
  g_free (column->default_value);
  g_free (column);
}

static GHashTable *
table_columns (UdDatabase *db,
               const char *table)
{
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) column_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db),
                                       "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info (?1)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Column *column = g_new0 (Column, 1);

      column->type = g_ascii_strup ((const char *) sqlite3_column_text (stmt, 1), -1);
      column->not_null = sqlite3_column_int (stmt, 2) != 0;
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        column->default_value = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      column->primary_key = sqlite3_column_int (stmt, 4) != 0;
      g_hash_table_insert (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), column);
    }
  sqlite3_finalize (stmt);

  return columns;
}

/* Whether an index of @table starts with @column (so that a lookup by it
 * does not read the whole table), and whether one such is UNIQUE. */
static gboolean
indexed (UdDatabase *db,
         const char *table,
         const char *column,
         gboolean    unique)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM pragma_index_list ('%s') l"
                                          " JOIN pragma_index_info (l.name) i ON i.seqno = 0"
                                          " WHERE i.name = '%s' AND (%d = 0 OR l.\"unique\" = 1)",
                                          table, column, unique ? 1 : 0);
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n > 0;
}

/* Whether @column of @table refers to the rows of @other. */
static gboolean
foreign_key (UdDatabase *db,
             const char *table,
             const char *column,
             const char *other)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db),
                                       "SELECT count (*) FROM pragma_foreign_key_list (?1)"
                                       " WHERE \"from\" = ?2 AND \"table\" = ?3 AND \"to\" = 'id'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, other, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_finalize (stmt);

  return found;
}

static void
check_common (GHashTable *columns,
              const char *table)
{
  static const char * const text[] = { "uuid", "district", "hlc", "updated_at", "updated_by" };
  Column *id = g_hash_table_lookup (columns, "id");
  Column *deleted = g_hash_table_lookup (columns, "deleted");

  g_test_message ("%s: the common columns", table);
  g_assert_nonnull (id);
  g_assert_true (id->primary_key);
  g_assert_cmpstr (id->type, ==, "INTEGER");
  for (guint i = 0; i < G_N_ELEMENTS (text); i++)
    {
      Column *column = g_hash_table_lookup (columns, text[i]);

      g_assert_nonnull (column);
      g_assert_cmpstr (column->type, ==, "TEXT");
      g_assert_true (column->not_null);
    }
  g_assert_nonnull (deleted);
  g_assert_cmpstr (deleted->type, ==, "INTEGER");
  g_assert_true (deleted->not_null);
  g_assert_cmpstr (deleted->default_value, ==, "0");
}

static void
check_field (UdDatabase    *db,
             const UdKind  *kind,
             GHashTable    *columns,
             const UdField *field)
{
  const char *name = ud_field_get_column (field);
  Column *column = g_hash_table_lookup (columns, name);

  g_test_message ("%s.%s", kind->table, name);
  g_assert_nonnull (column);

  if (ud_field_is_integer_column (field))
    {
      g_assert_cmpstr (column->type, ==, "INTEGER");
      /* Numbers are NULL when empty; a required record referred to is
       * always there. */
      if (field->type == UD_FIELD_REFERENCE)
        {
          g_assert_cmpint (column->not_null, ==, (field->flags & UD_FIELD_REQUIRED) != 0);
          g_assert_true (foreign_key (db, kind->table, name, ud_kind_lookup (field->reference->kind)->table));
        }
      else
        g_assert_false (column->not_null);
      return;
    }

  /* Text is never NULL: empty, or the field's default, unless required. */
  g_assert_cmpstr (column->type, ==, "TEXT");
  g_assert_true (column->not_null);
  if (field->default_value != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("'%s'", field->default_value);

      g_assert_cmpstr (column->default_value, ==, quoted);
    }
  else if ((field->flags & UD_FIELD_REQUIRED) == 0)
    g_assert_cmpstr (column->default_value, ==, "''");
}

/* Every registered kind: its table has the common columns and a column
 * for each field as the description says (type, NOT NULL, default, the
 * referred table), nothing it does not describe, a unique uuid, and an
 * index for each natural key. */
static void
test_kinds_match_tables (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-schema-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const UdKind * const *kinds;
  guint n_kinds;

  db = ud_database_open (path, &error);
  g_assert_no_error (error);

  kinds = ud_kind_list (&n_kinds);
  g_assert_cmpuint (n_kinds, >=, 4);
  for (guint k = 0; k < n_kinds; k++)
    {
      const UdKind *kind = kinds[k];
      g_autoptr(GHashTable) columns = table_columns (db, kind->table);
      guint described = 7;

      g_assert_cmpuint (g_hash_table_size (columns), >, 0);
      check_common (columns, kind->table);
      for (guint i = 0; i < kind->n_fields; i++)
        check_field (db, kind, columns, &kind->fields[i]);
      described += kind->n_fields;
      /* A chained kind's rows carry their hash, a nullable text the
       * inserts fill and a trigger requires. */
      if (kind->flags & UD_KIND_CHAINED)
        {
          Column *hash = g_hash_table_lookup (columns, "hash");

          g_assert_nonnull (hash);
          g_assert_cmpstr (hash->type, ==, "TEXT");
          described++;
        }
      g_test_message ("%s: %u columns, %u described", kind->table, g_hash_table_size (columns), described);
      g_assert_cmpuint (g_hash_table_size (columns), ==, described);

      g_assert_true (indexed (db, kind->table, "uuid", TRUE));
      for (guint i = 0; kind->natural_keys != NULL && kind->natural_keys[i] != NULL; i++)
        g_assert_true (indexed (db, kind->table,
                                ud_field_get_column (ud_kind_find_field (kind, kind->natural_keys[i])), FALSE));
    }
}

/* Every description is sound: its fields are named once, the fields it
 * names (keys, titles, order, workflow) are its own. */
static void
test_descriptions_sound (void)
{
  const UdKind * const *kinds = ud_kind_list (NULL);

  for (guint k = 0; kinds[k] != NULL; k++)
    {
      const UdKind *kind = kinds[k];
      g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

      g_test_message ("%s", kind->name);
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const UdField *field = &kind->fields[i];

          g_assert_true (g_hash_table_add (names, (gpointer) field->name));
          g_assert_nonnull (field->label);
          if (field->flags & UD_FIELD_CSV)
            g_assert_nonnull (field->csv_header);
          if (field->type == UD_FIELD_CHOICE)
            g_assert_cmpuint (field->n_choices, >, 0);
          if (field->type == UD_FIELD_REFERENCE)
            g_assert_nonnull (field->reference);
          if (field->sort_by != NULL)
            g_assert_nonnull (ud_kind_find_field (kind, field->sort_by));
          /* Kept here only, so never sent nor exported. */
          if (field->flags & UD_FIELD_LOCAL)
            g_assert_cmpint (field->flags & (UD_FIELD_SYNCED | UD_FIELD_CSV), ==, 0);
        }
      for (guint i = 0; kind->natural_keys != NULL && kind->natural_keys[i] != NULL; i++)
        g_assert_nonnull (ud_kind_find_field (kind, kind->natural_keys[i]));
      for (guint i = 0; kind->title_fields != NULL && kind->title_fields[i] != NULL; i++)
        g_assert_nonnull (ud_kind_find_field (kind, kind->title_fields[i]));
      if (kind->sort_field != NULL)
        g_assert_nonnull (ud_kind_find_field (kind, kind->sort_field));
      if (kind->workflow != NULL)
        {
          const UdField *state = ud_kind_find_field (kind, kind->workflow->state_field);

          g_assert_nonnull (state);
          g_assert_cmpint (state->type, ==, UD_FIELD_CHOICE);
          g_assert_nonnull (ud_field_find_choice (state, kind->workflow->initial_state));
          for (guint s = 0; s < kind->workflow->n_steps; s++)
            {
              const UdWorkflowStep *step = &kind->workflow->steps[s];

              if (step->to != NULL)
                g_assert_nonnull (ud_field_find_choice (state, step->to));
              for (guint f = 0; f < step->n_fields; f++)
                g_assert_nonnull (ud_kind_find_field (kind, step->fields[f].field));
              for (guint d = 0; d < step->n_duties; d++)
                g_assert_nonnull (ud_kind_find_field (kind, step->duties[d].field));
            }
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

  g_test_add_func ("/schema/kinds-match-tables", test_kinds_match_tables);
  g_test_add_func ("/schema/descriptions-sound", test_descriptions_sound);

  return g_test_run ();
}
