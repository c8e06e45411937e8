/* ud-member-batch.c — many members in one transaction, written once
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-member-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-member-store-private.h"
#include "ud-search-private.h"

/* An import of 100,000 members used to write each member six times over:
 * the row, two full-text indexes, four list indexes, an outbox entry and
 * an audit entry with the whole record.  A batch writes the row and its
 * outbox entry; when the batch is at least as big as the roll it joins,
 * it builds the list's sort indexes and the search index after the rows
 * (sorted, in one pass each, into full pages), else it collects the
 * search postings to write each term once at the end; and it writes one
 * audit entry that lists the members by row id ranges. */

/* Below this, keeping the sort indexes up to date row by row is as quick
 * as building them again. */
#define REBUILD_INDEXES_MIN 10000

/* The page cache while a batch writes, in KiB; then the connection's own
 * (ud-database.c) again. */
#define BATCH_CACHE_KIB   8192
#define DEFAULT_CACHE_KIB 65536

struct _UdMemberBatch
{
  UdDatabase  *db;
  UdUnitCache *units;
  GArray      *created;    /* row ids, in the order written */
  GArray      *changed;
  GPtrArray   *indexes;    /* CREATE INDEX statements to run at the end */
  gboolean     bulk;       /* collecting search postings… */
  gboolean     deferred;   /* …or building the index anew at the end */
  gboolean     small_cache;
};

static void
drop_bulk (UdMemberBatch *batch)
{
  if (batch->bulk)
    _ud_search_bulk_abort (batch->db);
  if (batch->deferred)
    _ud_search_undefer (batch->db);
  batch->bulk = FALSE;
  batch->deferred = FALSE;
}

void
_ud_member_batch_free (UdMemberBatch *batch)
{
  if (batch == NULL)
    return;

  drop_bulk (batch);
  if (batch->small_cache)
    ud_database_exec (batch->db, "PRAGMA cache_size = -" G_STRINGIFY (DEFAULT_CACHE_KIB), NULL);
  _ud_unit_cache_free (batch->units);
  g_array_unref (batch->created);
  g_array_unref (batch->changed);
  g_clear_pointer (&batch->indexes, g_ptr_array_unref);
  g_object_unref (batch->db);
  g_free (batch);
}

gboolean
_ud_member_store_drop_sort_indexes (UdDatabase  *db,
                                    GPtrArray   *indexes,
                                    GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (db,
                              "SELECT name, sql FROM sqlite_schema"
                              " WHERE type = 'index' AND tbl_name = 'member' AND sql IS NOT NULL",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (indexes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("import the members"));
      return FALSE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      /* The names come from the schema, never from what is imported. */
      g_autofree char *sql = g_strdup_printf ("DROP INDEX \"%s\"", (const char *) g_ptr_array_index (names, i));

      if (!ud_database_exec (db, sql, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_ud_member_store_create_indexes (UdDatabase  *db,
                                 GPtrArray   *indexes,
                                 GError     **error)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < indexes->len; i++)
    if (!ud_database_exec (db, g_ptr_array_index (indexes, i), error))
      return FALSE;
  g_debug ("Sort indexes built again in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  return TRUE;
}

gboolean
_ud_member_store_has_rows (UdDatabase *db)
{
  sqlite3_stmt *stmt = ud_database_prepare (db, "SELECT EXISTS (SELECT 1 FROM member)", NULL);
  gboolean any = TRUE;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    any = sqlite3_column_int (stmt, 0) != 0;
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return any;
}

UdMemberBatch *
_ud_member_batch_begin (UdDatabase  *db,
                        guint        expected,
                        GError     **error)
{
  g_autoptr(UdMemberBatch) batch = g_new0 (UdMemberBatch, 1);

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  batch->db = g_object_ref (db);
  batch->units = _ud_unit_cache_new ();
  batch->created = g_array_new (FALSE, FALSE, sizeof (gint64));
  batch->changed = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* As big as the roll: the list's indexes and the search index are
   * built again after the rows, in one sorted pass each. */
  if (expected >= REBUILD_INDEXES_MIN && (gint64) expected >= ud_member_store_count (db))
    {
      batch->indexes = g_ptr_array_new_with_free_func (g_free);
      if (!_ud_member_store_drop_sort_indexes (db, batch->indexes, error) ||
          !_ud_search_defer (db, error))
        return NULL;
      batch->deferred = TRUE;
    }

  /* The pages a batch writes are not read again before the commit: a
   * small cache spills them to the log instead of holding a hundred
   * megabytes of them (the import's peak memory, issue 13). */
  if (!ud_database_exec (db, "PRAGMA cache_size = -" G_STRINGIFY (BATCH_CACHE_KIB), error))
    return NULL;
  batch->small_cache = TRUE;

  if (!batch->deferred)
    {
      _ud_search_bulk_begin (db);
      batch->bulk = TRUE;
    }

  return g_steal_pointer (&batch);
}

gboolean
_ud_member_batch_write (UdMemberBatch  *batch,
                        UdRecord       *record,
                        UdRecord       *existing,
                        GError        **error)
{
  g_return_val_if_fail (batch != NULL && (batch->bulk || batch->deferred), FALSE);

  if (!_ud_member_store_write (batch->db, record, existing, batch->units, FALSE, error))
    return FALSE;

  g_array_append_val (existing != NULL ? batch->changed : batch->created, record->id);
  return TRUE;
}

/* [[first,last],…] of the ids, for the audit entry. */
static void
append_ranges (GString *json,
               GArray  *ids)
{
  g_array_sort (ids, _ud_search_compare_int64);
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
_ud_member_batch_end (UdMemberBatch  *batch,
                      const char     *action,
                      const char     *detail,
                      GError        **error)
{
  g_autoptr(GString) members = g_string_new ("{\"created\":");

  g_return_val_if_fail (batch != NULL && (batch->bulk || batch->deferred), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (batch->bulk)
    {
      batch->bulk = FALSE;
      if (!_ud_search_bulk_end (batch->db, error))
        return FALSE;
    }
  else
    {
      batch->deferred = FALSE;
      if (!_ud_search_rebuild (batch->db, NULL, error))
        return FALSE;
    }

  if (batch->indexes != NULL && !_ud_member_store_create_indexes (batch->db, batch->indexes, error))
    return FALSE;
  g_clear_pointer (&batch->indexes, g_ptr_array_unref);

  append_ranges (members, batch->created);
  g_string_append (members, ",\"changed\":");
  append_ranges (members, batch->changed);
  g_string_append_c (members, '}');

  return ud_database_audit (batch->db, action, "member", NULL, NULL, NULL, members->str, detail, error);
}
