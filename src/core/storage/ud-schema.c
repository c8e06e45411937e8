/* ud-schema.c — the schema a database must have, as the migrations build it
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-schema-private.h"
#include "ud-audit-private.h"
#include "ud-database.h"
#include "ud-migrations.h"

/* The reference of each schema version: an in-memory database built by
 * running the migrations, kept for the life of the process (a few hundred
 * KB) and shared by every thread through its own mutex. */
static GMutex reference_lock;
static GHashTable *references;   /* version → sqlite3 * */

static sqlite3 *
build_reference (guint    version,
                 GError **error)
{
  sqlite3 *ref = NULL;

  if (sqlite3_open_v2 (":memory:", &ref, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
    {
      sqlite3_close (ref);
      g_set_error_literal (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_SQL,
                           _("The schema to compare with could not be built: out of memory."));
      return NULL;
    }
  /* The migrations call it. */
  _ud_audit_register_sql (ref);

  for (guint step = 0; step < version; step++)
    if (sqlite3_exec (ref, _ud_migrations[step], NULL, NULL, NULL) != SQLITE_OK)
      {
        /* The migrations are ours and tested: this is a bug. */
        g_critical ("Migration %u does not run on an empty database: %s", step + 1, sqlite3_errmsg (ref));
        sqlite3_close (ref);
        g_set_error_literal (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_SQL,
                             _("The schema to compare with could not be built."));
        return NULL;
      }

  return ref;
}

sqlite3 *
_ud_schema_reference (guint    version,
                      GError **error)
{
  sqlite3 *ref;

  g_return_val_if_fail (version >= 1 && version <= _ud_n_migrations, NULL);

  g_mutex_lock (&reference_lock);
  if (references == NULL)
    references = g_hash_table_new (NULL, NULL);
  ref = g_hash_table_lookup (references, GUINT_TO_POINTER (version));
  if (ref == NULL)
    {
      ref = build_reference (version, error);
      if (ref != NULL)
        g_hash_table_insert (references, GUINT_TO_POINTER (version), ref);
    }
  g_mutex_unlock (&reference_lock);

  return ref;
}

typedef struct
{
  char *type;
  char *name;
  char *sql;
} SchemaObject;

static void
schema_object_free (SchemaObject *object)
{
  g_free (object->type);
  g_free (object->name);
  g_free (object->sql);
  g_free (object);
}

/* "type name" (a type has no space) of an object in sqlite_schema. */
static char *
object_key (const char *type,
            const char *name)
{
  return g_strconcat (type, " ", name, NULL);
}

/* object_key () → SchemaObject, SQLite's own objects left out. */
static GHashTable *
read_objects (sqlite3  *db,
              GError  **error)
{
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) schema_object_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT type, name, sql FROM main.sqlite_schema"
                          " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT,
                   _("The list of tables cannot be read: %s."), sqlite3_errmsg (db));
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaObject *object = g_new0 (SchemaObject, 1);

      object->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      object->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      object->sql = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_hash_table_replace (objects, object_key (object->type, object->name), object);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT,
                   _("The list of tables cannot be read: %s."), sqlite3_errmsg (db));
      return NULL;
    }

  return g_steal_pointer (&objects);
}


typedef enum
{
  MISSING,
  EXTRA,
  CHANGED,
} Difference;

/* One sentence per kind of object and difference, whole for the
 * translators. */
static char *
describe (Difference  difference,
          const char *type,
          const char *name)
{
  gboolean table = g_str_equal (type, "table");
  gboolean index = g_str_equal (type, "index");
  gboolean trigger = g_str_equal (type, "trigger");

  switch (difference)
    {
    case MISSING:
      if (table)
        return g_strdup_printf (_("the table “%s” is missing"), name);
      if (index)
        return g_strdup_printf (_("the index “%s” is missing"), name);
      if (trigger)
        return g_strdup_printf (_("the trigger “%s” is missing"), name);
      return g_strdup_printf (_("the view “%s” is missing"), name);

    case EXTRA:
      if (table)
        return g_strdup_printf (_("the table “%s” is not part of UnionDesk's schema"), name);
      if (index)
        return g_strdup_printf (_("the index “%s” is not part of UnionDesk's schema"), name);
      if (trigger)
        return g_strdup_printf (_("the trigger “%s” is not part of UnionDesk's schema"), name);
      return g_strdup_printf (_("the view “%s” is not part of UnionDesk's schema"), name);

    case CHANGED:
    default:
      if (table)
        return g_strdup_printf (_("the table “%s” is defined differently from UnionDesk's schema"), name);
      if (index)
        return g_strdup_printf (_("the index “%s” is defined differently from UnionDesk's schema"), name);
      if (trigger)
        return g_strdup_printf (_("the trigger “%s” is defined differently from UnionDesk's schema"), name);
      return g_strdup_printf (_("the view “%s” is defined differently from UnionDesk's schema"), name);
    }
}

/* name → "type|notnull|default|pk" of each column of @table. */
static GHashTable *
read_columns (sqlite3    *db,
              const char *table)
{
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT name, type, \"notnull\", quote (dflt_value), pk, hidden"
                          " FROM pragma_table_xinfo (?1, 'main')",
                          -1, &stmt, NULL) != SQLITE_OK)
    return columns;

  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_replace (columns,
                          g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                          g_strdup_printf ("%s|%d|%s|%d|%d",
                                           (const char *) sqlite3_column_text (stmt, 1),
                                           sqlite3_column_int (stmt, 2),
                                           (const char *) sqlite3_column_text (stmt, 3),
                                           sqlite3_column_int (stmt, 4),
                                           sqlite3_column_int (stmt, 5)));
  sqlite3_finalize (stmt);

  return columns;
}

/* Names the columns that differ; FALSE when they all agree (the
 * difference is in a constraint). */
static gboolean
compare_columns (sqlite3    *db,
                 sqlite3    *ref,
                 const char *table,
                 GPtrArray  *problems)
{
  g_autoptr(GHashTable) have = read_columns (db, table);
  g_autoptr(GHashTable) want = read_columns (ref, table);
  g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (want), (GCompareFunc) strcmp);
  g_autoptr(GList) extra = g_list_sort (g_hash_table_get_keys (have), (GCompareFunc) strcmp);
  guint before = problems->len;

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *column = l->data;
      const char *found = g_hash_table_lookup (have, column);

      if (found == NULL)
        g_ptr_array_add (problems, g_strdup_printf (_("the table “%s” has no column “%s”"), table, column));
      else if (!g_str_equal (found, g_hash_table_lookup (want, column)))
        g_ptr_array_add (problems, g_strdup_printf (_("the column “%s” of the table “%s” is defined differently from UnionDesk's schema"),
                                                    column, table));
    }
  for (GList *l = extra; l != NULL; l = l->next)
    if (!g_hash_table_contains (want, l->data))
      g_ptr_array_add (problems, g_strdup_printf (_("the table “%s” has a column “%s” that is not part of UnionDesk's schema"),
                                                  table, (const char *) l->data));

  return problems->len > before;
}

static int
by_type_and_name (gconstpointer a,
                  gconstpointer b)
{
  const SchemaObject *x = *(SchemaObject * const *) a;
  const SchemaObject *y = *(SchemaObject * const *) b;
  /* Tables first: a missing table explains its missing indexes. */
  static const char *order[] = { "table", "view", "index", "trigger" };
  int rank_x = 4, rank_y = 4;

  for (int i = 0; i < 4; i++)
    {
      if (g_str_equal (x->type, order[i]))
        rank_x = i;
      if (g_str_equal (y->type, order[i]))
        rank_y = i;
    }
  if (rank_x != rank_y)
    return rank_x - rank_y;

  return strcmp (x->name, y->name);
}

static GPtrArray *
sorted_objects (GHashTable *objects)
{
  GPtrArray *sorted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, objects);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, by_type_and_name);

  return sorted;
}

/* What a database has and what the reference of its version has. */
typedef struct
{
  sqlite3    *ref;     /* borrowed: _ud_schema_reference () keeps it */
  GHashTable *have;
  GHashTable *want;
} Schemas;

static void
schemas_clear (Schemas *schemas)
{
  g_clear_pointer (&schemas->have, g_hash_table_unref);
  g_clear_pointer (&schemas->want, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Schemas, schemas_clear)

static gboolean
load_schemas (sqlite3   *db,
              guint      version,
              Schemas   *schemas,
              GError   **error)
{
  schemas->ref = _ud_schema_reference (version, error);
  if (schemas->ref == NULL)
    return FALSE;
  schemas->have = read_objects (db, error);
  if (schemas->have == NULL)
    return FALSE;
  schemas->want = read_objects (schemas->ref, error);

  return schemas->want != NULL;
}

gboolean
_ud_schema_compare (sqlite3     *db,
                    guint        version,
                    GPtrArray   *problems,
                    GError     **error)
{
  g_auto(Schemas) schemas = { NULL };
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GPtrArray) found = NULL;
  GHashTable *have;
  GHashTable *want;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (!load_schemas (db, version, &schemas, error))
    return FALSE;
  have = schemas.have;
  want = schemas.want;

  wanted = sorted_objects (want);
  for (guint i = 0; i < wanted->len; i++)
    {
      SchemaObject *object = g_ptr_array_index (wanted, i);
      g_autofree char *key = object_key (object->type, object->name);
      SchemaObject *other = g_hash_table_lookup (have, key);

      if (other == NULL)
        g_ptr_array_add (problems, describe (MISSING, object->type, object->name));
      else if (g_strcmp0 (other->sql, object->sql) != 0 &&
               !(g_str_equal (object->type, "table") && compare_columns (db, schemas.ref, object->name, problems)))
        g_ptr_array_add (problems, describe (CHANGED, object->type, object->name));
    }

  found = sorted_objects (have);
  for (guint i = 0; i < found->len; i++)
    {
      SchemaObject *object = g_ptr_array_index (found, i);
      g_autofree char *key = object_key (object->type, object->name);

      if (!g_hash_table_contains (want, key))
        g_ptr_array_add (problems, describe (EXTRA, object->type, object->name));
    }

  return TRUE;
}

gboolean
_ud_schema_repair_triggers (sqlite3     *db,
                            guint        version,
                            GPtrArray   *done,
                            GError     **error)
{
  g_auto(Schemas) schemas = { NULL };
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GPtrArray) found = NULL;
  GHashTable *have;
  GHashTable *want;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (done != NULL, FALSE);

  if (!load_schemas (db, version, &schemas, error))
    return FALSE;
  have = schemas.have;
  want = schemas.want;

  /* Removed first: a trigger of ours that was changed is dropped, then
   * made again as the migrations made it. */
  found = sorted_objects (have);
  for (guint i = 0; i < found->len; i++)
    {
      SchemaObject *object = g_ptr_array_index (found, i);
      g_autofree char *key = object_key (object->type, object->name);
      SchemaObject *ours = g_hash_table_lookup (want, key);
      char *drop;
      int rc;

      if (!g_str_equal (object->type, "trigger") ||
          (ours != NULL && g_strcmp0 (ours->sql, object->sql) == 0))
        continue;

      /* The name is quoted by SQLite's %w, not pasted: a trigger's name
       * comes from the file. */
      drop = sqlite3_mprintf ("DROP TRIGGER main.\"%w\"", object->name);
      rc = sqlite3_exec (db, drop, NULL, NULL, NULL);
      sqlite3_free (drop);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_SQL,
                       _("The trigger “%s” could not be removed: %s."), object->name, sqlite3_errmsg (db));
          return FALSE;
        }
      if (ours == NULL)
        g_ptr_array_add (done, g_strdup_printf (_("the trigger “%s” was not UnionDesk's and has been removed"),
                                                object->name));
    }

  wanted = sorted_objects (want);
  for (guint i = 0; i < wanted->len; i++)
    {
      SchemaObject *object = g_ptr_array_index (wanted, i);
      g_autofree char *key = object_key (object->type, object->name);
      SchemaObject *other = g_hash_table_lookup (have, key);

      if (!g_str_equal (object->type, "trigger") ||
          (other != NULL && g_strcmp0 (other->sql, object->sql) == 0))
        continue;

      if (sqlite3_exec (db, object->sql, NULL, NULL, NULL) != SQLITE_OK)
        {
          g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_SQL,
                       _("The trigger “%s” could not be made again: %s."), object->name, sqlite3_errmsg (db));
          return FALSE;
        }
      if (other == NULL)
        g_ptr_array_add (done, g_strdup_printf (_("the protective trigger “%s” was missing and has been made again"),
                                                object->name));
      else
        g_ptr_array_add (done, g_strdup_printf (_("the protective trigger “%s” had been changed and has been made again"),
                                                object->name));
    }

  return TRUE;
}
