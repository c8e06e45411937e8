/* ud-record-batch.c — many records in one transaction, written once
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-record-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-record-store-private.h"

/* An import of 100,000 members used to write each member six times over:
 * the row, its search index, the list's indexes, an outbox entry and an
 * audit entry with the whole record.  A batch writes the row; its outbox
 * entries are written from the rows at the end, a statement for each run
 * of ids; when the batch is at least as big as the table it joins,
 * it builds the table's sort indexes and the kind's own index after the
 * rows (sorted, in one pass each, into full pages), else the kind's index
 * collects its changes to write each once at the end; and it writes one
 * audit entry that lists the records by row id ranges.  An import (a
 * batch told index_later) of at least REBUILD_INDEXES_MIN records leaves
 * the records it adds out of the kind's own index altogether
 * (UD_KIND_BULK_LATER): the user waits for the rows only, and a
 * background fill (ud_record_store_fill_indexes()) indexes them after
 * the commit, the kind's searches finding them meanwhile. */

/* Below this, keeping the sort indexes up to date row by row is as quick
 * as building them again. */
#define REBUILD_INDEXES_MIN 10000

/* The page cache while a batch writes, in KiB; then the connection's own
 * (ud-database.c) again. */
#define BATCH_CACHE_KIB   8192
#define DEFAULT_CACHE_KIB 65536

struct _UdRecordBatch
{
  UdDatabase   *db;
  const UdKind *kind;
  GArray       *created;    /* row ids, in the order written */
  GArray       *changed;
  GPtrArray    *indexes;    /* CREATE INDEX statements to run at the end */
  GPtrArray    *index_names; /* the names of @indexes */
  gboolean      collecting; /* the kind's index collects its changes… */
  gboolean      deferred;   /* …or is built anew at the end */
  gboolean      later;      /* the records it adds are indexed after the commit */
  gboolean      small_cache;
};

gboolean
_ud_record_store_bulk (UdDatabase    *db,
                       const UdKind  *kind,
                       UdKindBulk     step,
                       GError       **error)
{
  guint n_kinds = 1;
  const UdKind * const *kinds = kind != NULL ? &kind : ud_kind_list (&n_kinds);

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  for (guint i = 0; i < n_kinds; i++)
    if (kinds[i]->hooks != NULL && kinds[i]->hooks->bulk != NULL &&
        !kinds[i]->hooks->bulk (db, step, error))
      return FALSE;

  return TRUE;
}

gboolean
ud_record_store_fill_indexes (UdDatabase    *db,
                              guint          max_records,
                              guint64       *left,
                              GCancellable  *cancellable,
                              GError       **error)
{
  guint n_kinds = 0;
  const UdKind * const *kinds = ud_kind_list (&n_kinds);

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (left != NULL)
    *left = 0;
  if (!ud_database_build_pending_indexes (db, error))
    return FALSE;
  for (guint i = 0; i < n_kinds; i++)
    {
      guint64 kind_left = 0;

      if (kinds[i]->hooks == NULL || kinds[i]->hooks->fill == NULL)
        continue;
      if (!kinds[i]->hooks->fill (db, max_records, &kind_left, cancellable, error))
        return FALSE;
      if (left != NULL)
        *left += kind_left;
    }

  return TRUE;
}

/* Whether @column is one of @kind's natural keys: its index finds twins
 * while the batch writes and stays. */
static gboolean
is_key_column (const UdKind *kind,
               const char   *column)
{
  for (guint k = 0; kind->natural_keys != NULL && kind->natural_keys[k] != NULL; k++)
    {
      const UdField *field = ud_kind_find_field (kind, kind->natural_keys[k]);

      if (field != NULL && g_strcmp0 (ud_field_get_column (field), column) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
drop_kind_indexes (UdDatabase    *db,
                   const UdKind  *kind,
                   GPtrArray     *indexes,
                   GPtrArray     *kept_names,
                   GError       **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  /* The table's own indexes that only sort or filter: not those of its
   * constraints (no SQL), not the unique ones, not those on a natural key
   * (each record written looks its twins up in them). */
  stmt = ud_database_prepare (db,
                              "SELECT s.name, s.sql,"
                              " (SELECT i.name FROM pragma_index_info (s.name) i WHERE i.seqno = 0)"
                              " FROM sqlite_schema s JOIN pragma_index_list (?1) l ON l.name = s.name"
                              " WHERE s.type = 'index' AND s.sql IS NOT NULL AND l.\"unique\" = 0",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind->table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (is_key_column (kind, (const char *) sqlite3_column_text (stmt, 2)))
        continue;
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (indexes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      if (kept_names != NULL)
        g_ptr_array_add (kept_names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("save the record"));
      return FALSE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      /* The names come from the schema, never from what is written. */
      g_autofree char *sql = g_strdup_printf ("DROP INDEX \"%s\"", (const char *) g_ptr_array_index (names, i));

      if (!ud_database_exec (db, sql, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_ud_record_store_drop_indexes (UdDatabase    *db,
                               const UdKind  *kind,
                               GPtrArray     *indexes,
                               GPtrArray     *names,
                               GError       **error)
{
  guint n_kinds = 1;
  const UdKind * const *kinds = kind != NULL ? &kind : ud_kind_list (&n_kinds);

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (indexes != NULL, FALSE);

  for (guint i = 0; i < n_kinds; i++)
    if (!drop_kind_indexes (db, kinds[i], indexes, names, error))
      return FALSE;

  return TRUE;
}

gboolean
_ud_record_store_create_indexes (UdDatabase  *db,
                                 GPtrArray   *indexes,
                                 GError     **error)
{
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  for (guint i = 0; i < indexes->len; i++)
    if (!ud_database_exec (db, g_ptr_array_index (indexes, i), error))
      return FALSE;
  g_debug ("Sort indexes built again in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  return TRUE;
}

/* One number from the SQL @before @kind's table @after, or @fallback. */
static gint64
table_number (UdDatabase    *db,
              const char    *before,
              const UdKind  *kind,
              const char    *after,
              gint64         fallback)
{
  /* The table's name comes from the kind's description. */
  g_autofree char *sql = g_strconcat (before, kind->table, after, NULL);
  sqlite3_stmt *stmt = ud_database_prepare_built (db, sql, NULL);
  gint64 value = fallback;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return value;
}

gboolean
_ud_record_store_has_rows (UdDatabase    *db,
                           const UdKind  *kind)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), TRUE);
  g_return_val_if_fail (kind != NULL, TRUE);

  return table_number (db, "SELECT EXISTS (SELECT 1 FROM ", kind, ")", 1) != 0;
}

static void
forget_index (UdRecordBatch *batch)
{
  if (batch->collecting || batch->deferred)
    _ud_record_store_bulk (batch->db, batch->kind, UD_KIND_BULK_ABORT, NULL);
  batch->collecting = FALSE;
  batch->deferred = FALSE;
}

void
_ud_record_batch_free (UdRecordBatch *batch)
{
  if (batch == NULL)
    return;

  forget_index (batch);
  if (batch->small_cache)
    ud_database_exec (batch->db, "PRAGMA cache_size = -" G_STRINGIFY (DEFAULT_CACHE_KIB), NULL);
  g_array_unref (batch->created);
  g_array_unref (batch->changed);
  g_clear_pointer (&batch->indexes, g_ptr_array_unref);
  g_clear_pointer (&batch->index_names, g_ptr_array_unref);
  g_object_unref (batch->db);
  g_free (batch);
}

UdRecordBatch *
_ud_record_batch_begin (UdDatabase    *db,
                        const UdKind  *kind,
                        guint          expected,
                        gboolean       index_later,
                        GError       **error)
{
  g_autoptr(UdRecordBatch) batch = g_new0 (UdRecordBatch, 1);
  gboolean later;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  later = index_later && expected >= REBUILD_INDEXES_MIN &&
          kind->hooks != NULL && kind->hooks->fill != NULL;
  batch->later = later;

  batch->db = g_object_ref (db);
  batch->kind = kind;
  batch->created = g_array_new (FALSE, FALSE, sizeof (gint64));
  batch->changed = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* As big as the table: its sort indexes and the kind's own index are
   * built again after the rows, in one sorted pass each. */
  if (expected >= REBUILD_INDEXES_MIN &&
      (gint64) expected >= table_number (db, "SELECT count (*) FROM ", kind, " WHERE deleted = 0", G_MAXINT64))
    {
      batch->indexes = g_ptr_array_new_with_free_func (g_free);
      batch->index_names = g_ptr_array_new_with_free_func (g_free);
      batch->deferred = !later;
      if (!drop_kind_indexes (db, kind, batch->indexes, batch->index_names, error) ||
          (!later && !_ud_record_store_bulk (db, kind, UD_KIND_BULK_DEFER, error)))
        return NULL;
    }

  /* The pages a batch writes are not read again before the commit: a
   * small cache spills them to the log instead of holding a hundred
   * megabytes of them (an import's peak memory, issue 13). */
  if (!ud_database_exec (db, "PRAGMA cache_size = -" G_STRINGIFY (BATCH_CACHE_KIB), error))
    return NULL;
  batch->small_cache = TRUE;

  if (!batch->deferred)
    {
      batch->collecting = TRUE;
      if (!_ud_record_store_bulk (db, kind, later ? UD_KIND_BULK_LATER : UD_KIND_BULK_COLLECT, error))
        return NULL;
    }

  return g_steal_pointer (&batch);
}

gboolean
_ud_record_batch_write (UdRecordBatch   *batch,
                        UdRecord        *record,
                        const UdRecord  *existing,
                        GError         **error)
{
  g_return_val_if_fail (batch != NULL && (batch->collecting || batch->deferred), FALSE);
  g_return_val_if_fail (record != NULL && record->kind == batch->kind, FALSE);

  if (!_ud_record_store_write_batched (batch->db, record, existing, error))
    return FALSE;

  g_array_append_val (existing != NULL ? batch->changed : batch->created, record->id);
  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* [[first,last],…] of the ids, for the audit entry. */
static void
append_ranges (GString *json,
               GArray  *ids)
{
  g_array_sort (ids, compare_ids);
  g_string_append_c (json, '[');
  for (guint i = 0; i < ids->len;)
    {
      gint64 first = g_array_index (ids, gint64, i);
      gint64 last = first;

      for (i++; i < ids->len && g_array_index (ids, gint64, i) == last + 1; i++)
        last++;
      g_string_append_printf (json, "%s[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]",
                              json->str[json->len - 1] == '[' ? "" : ",", first, last);
    }
  g_string_append_c (json, ']');
}

gboolean
_ud_record_batch_end (UdRecordBatch  *batch,
                      const char     *action,
                      const char     *detail,
                      GError        **error)
{
  g_autoptr(GString) records = g_string_new ("{\"created\":");
  UdKindBulk step;

  g_return_val_if_fail (batch != NULL && (batch->collecting || batch->deferred), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  step = batch->deferred ? UD_KIND_BULK_BUILD : UD_KIND_BULK_END;
  batch->collecting = FALSE;
  batch->deferred = FALSE;
  if (!_ud_record_store_bulk (batch->db, batch->kind, step, error))
    return FALSE;

  /* The sort indexes: built now, or, for an import, by the fill after
   * the commit (the lists sort without them meanwhile). */
  for (guint i = 0; batch->later && batch->indexes != NULL && i < batch->indexes->len; i++)
    if (!ud_database_defer_index (batch->db, g_ptr_array_index (batch->index_names, i),
                                  g_ptr_array_index (batch->indexes, i), error))
      return FALSE;
  if (!batch->later && batch->indexes != NULL &&
      !_ud_record_store_create_indexes (batch->db, batch->indexes, error))
    return FALSE;
  g_clear_pointer (&batch->indexes, g_ptr_array_unref);

  append_ranges (records, batch->created);
  g_string_append (records, ",\"changed\":");
  append_ranges (records, batch->changed);
  g_string_append_c (records, '}');

  /* The outbox entries after the rows, from them, a run of ids at a
   * time (append_ranges sorted the ids). */
  if (!ud_database_outbox_append_rows (batch->db, batch->kind->name, batch->kind->table,
                                       (const gint64 *) (gpointer) batch->created->data, batch->created->len, error) ||
      !ud_database_outbox_append_rows (batch->db, batch->kind->name, batch->kind->table,
                                       (const gint64 *) (gpointer) batch->changed->data, batch->changed->len, error))
    return FALSE;

  return ud_database_audit (batch->db, action, batch->kind->name, NULL, NULL, NULL, records->str, detail, error);
}
