/* ud-record-store.c — records of any kind, stored as their kind describes
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-record-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ud-record-store.h"
#include "ud-record-store-private.h"
#include "ud-audit-detail.h"
#include "ud-database-private.h"
#include "ud-kind-workflow.h"
#include "ud-permission.h"
#include "ud-uuid.h"

/* The columns every synced record has, first in every SELECT: t.id,
 * t.uuid, t.district, t.hlc, t.deleted, t.updated_at, t.updated_by. */
#define N_COMMON_COLUMNS 7

/* The SQL of one kind, built once from its fields (the names are ours,
 * never user input) and kept for the life of the program, so that the
 * database's statement cache, keyed by the text's address, prepares each
 * statement once per connection. */
typedef struct
{
  const UdKind *kind;
  char   *from;            /* table t, and a LEFT JOIN per reference by key */
  char   *select_by_id;
  char   *select_by_uuid;
  char   *hlc_by_uuid;
  char   *insert;
  char   *update;
  /* Per field: "SELECT id, deleted FROM table WHERE column = ?1 …", for
   * the natural keys and the key fields other kinds refer by; else NULL. */
  char  **find_by;
  /* Per field that refers by key: the SQL expression of the other
   * record's key ("r12.name"). */
  char  **reference_key;
} KindSql;

G_LOCK_DEFINE_STATIC (kind_sql);
static GHashTable *kind_sql_table;   /* UdKind * → KindSql * */

static const KindSql *kind_sql (const UdKind *kind);

static const UdKind *
reference_kind (const UdField *field)
{
  const UdKind *other;

  g_assert (field->type == UD_FIELD_REFERENCE && field->reference != NULL);

  other = ud_kind_lookup (field->reference->kind);
  if (other == NULL)
    g_error ("The kind “%s” refers to “%s”, which is not registered", field->name, field->reference->kind);
  return other;
}

static gboolean
refers_by_key (const UdField *field)
{
  return field->type == UD_FIELD_REFERENCE && field->reference != NULL &&
         field->reference->style == UD_REFERENCE_KEY;
}

static gboolean
is_natural_key (const UdKind *kind,
                const char   *name)
{
  return kind->natural_keys != NULL && g_strv_contains (kind->natural_keys, name);
}

/* Whether another kind refers to @field of @kind by key. */
static gboolean
is_referred_key (const UdKind  *kind,
                 const UdField *field)
{
  const UdKind * const *kinds = ud_kind_list (NULL);

  for (guint k = 0; kinds[k] != NULL; k++)
    for (guint i = 0; i < kinds[k]->n_fields; i++)
      {
        const UdField *other = &kinds[k]->fields[i];

        if (refers_by_key (other) && g_strcmp0 (other->reference->kind, kind->name) == 0 &&
            g_strcmp0 (other->reference->key_field, field->name) == 0)
          return TRUE;
      }

  return FALSE;
}

static KindSql *
kind_sql_build (const UdKind *kind)
{
  KindSql *sql = g_new0 (KindSql, 1);
  g_autoptr(GString) columns = g_string_new ("t.id, t.uuid, t.district, t.hlc, t.deleted, t.updated_at, t.updated_by");
  g_autoptr(GString) from = g_string_new (NULL);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new ("VALUES (?1, ?2, ?3, ?4, ?5, ?6");
  g_autoptr(GString) update = g_string_new (NULL);
  guint first = N_COMMON_COLUMNS;

  sql->kind = kind;
  sql->find_by = g_new0 (char *, kind->n_fields);
  sql->reference_key = g_new0 (char *, kind->n_fields);

  g_string_printf (from, "%s t", kind->table);
  g_string_printf (insert, "INSERT INTO %s (uuid, district, hlc, deleted, updated_at, updated_by", kind->table);
  g_string_printf (update, "UPDATE %s SET uuid = ?1, district = ?2, hlc = ?3, deleted = ?4,"
                           " updated_at = ?5, updated_by = ?6", kind->table);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const UdField *field = &kind->fields[i];
      const char *column = ud_field_get_column (field);
      guint param = first + i;

      if (refers_by_key (field))
        {
          const UdKind *other = reference_kind (field);
          const UdField *key = ud_kind_find_field (other, field->reference->key_field);

          g_assert (key != NULL);
          g_string_append_printf (from, " LEFT JOIN %s r%u ON r%u.id = t.%s", other->table, i, i, column);
          sql->reference_key[i] = g_strdup_printf ("r%u.%s", i, ud_field_get_column (key));
          g_string_append_printf (columns, ", %s", sql->reference_key[i]);
        }
      else
        g_string_append_printf (columns, ", t.%s", column);

      g_string_append_printf (insert, ", %s", column);
      g_string_append_printf (values, ", ?%u", param);
      g_string_append_printf (update, ", %s = ?%u", column, param);

      if (is_natural_key (kind, field->name) || is_referred_key (kind, field))
        /* Live records first: what a reference or a duplicate means. */
        sql->find_by[i] = g_strdup_printf ("SELECT id, deleted FROM %s WHERE %s = ?1 ORDER BY deleted, id",
                                           kind->table, column);
    }

  /* A chained kind's row takes the next id and carries the hash of its
   * values and of the row before (ud_chain_hash(), as the verifier reads
   * them back: the common columns, then the fields). */
  if (kind->flags & UD_KIND_CHAINED)
    {
      g_autofree char *next_id = g_strdup_printf ("(SELECT coalesce (max (id), 0) + 1 FROM %s)", kind->table);

      g_string_append (insert, ", id, hash");
      g_string_append_printf (values, ", %s, ud_chain_hash ('%s', (SELECT hash FROM %s ORDER BY id DESC LIMIT 1), %s",
                              next_id, kind->table, kind->table, next_id);
      for (guint p = 1; p < first + kind->n_fields; p++)
        g_string_append_printf (values, ", ?%u", p);
      g_string_append_c (values, ')');
    }

  g_string_append_printf (insert, ") %s)", values->str);
  g_string_append_printf (update, " WHERE id = ?%u", first + kind->n_fields);

  sql->from = g_string_free (g_steal_pointer (&from), FALSE);
  sql->select_by_id = g_strdup_printf ("SELECT %s FROM %s WHERE t.id = ?1", columns->str, sql->from);
  sql->select_by_uuid = g_strdup_printf ("SELECT %s FROM %s WHERE t.uuid = ?1", columns->str, sql->from);
  sql->hlc_by_uuid = g_strdup_printf ("SELECT hlc FROM %s WHERE uuid = ?1", kind->table);
  sql->insert = g_string_free (g_steal_pointer (&insert), FALSE);
  sql->update = g_string_free (g_steal_pointer (&update), FALSE);

  return sql;
}

static const KindSql *
kind_sql (const UdKind *kind)
{
  KindSql *sql;

  G_LOCK (kind_sql);
  if (kind_sql_table == NULL)
    kind_sql_table = g_hash_table_new (NULL, NULL);
  sql = g_hash_table_lookup (kind_sql_table, kind);
  if (sql == NULL)
    {
      sql = kind_sql_build (kind);
      g_hash_table_insert (kind_sql_table, (gpointer) kind, sql);
    }
  G_UNLOCK (kind_sql);

  return sql;
}

/* ---- reading ------------------------------------------------------------- */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static UdRecord *
read_row (const UdKind *kind,
          sqlite3_stmt *stmt)
{
  UdRecord *record = ud_record_new (kind);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->uuid = g_strdup (column_text (stmt, 1));
  record->district = g_strdup (column_text (stmt, 2));
  record->hlc = g_strdup (column_text (stmt, 3));
  record->deleted = sqlite3_column_int (stmt, 4) != 0;
  record->updated_at = g_strdup (column_text (stmt, 5));
  record->updated_by = g_strdup (column_text (stmt, 6));
  for (guint i = 0; i < kind->n_fields; i++)
    ud_record_set_nth (record, i, column_text (stmt, N_COMMON_COLUMNS + (int) i));

  return record;
}

/* The record @sql finds with @key (text) or @id bound to ?1. */
static UdRecord *
select_one (UdDatabase    *db,
            const UdKind  *kind,
            const char    *sql,
            const char    *key,
            gint64         id,
            GError       **error)
{
  sqlite3_stmt *stmt;
  UdRecord *record = NULL;
  int rc;

  stmt = ud_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  if (key != NULL)
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = read_row (kind, stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ud_database_set_error (db, error, _("read the records"));

  return record;
}

UdRecord *
_ud_record_store_read (UdDatabase    *db,
                       const UdKind  *kind,
                       gint64         id,
                       GError       **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  return select_one (db, kind, kind_sql (kind)->select_by_id, NULL, id, error);
}

UdRecord *
_ud_record_store_read_by_uuid (UdDatabase    *db,
                               const UdKind  *kind,
                               const char    *uuid,
                               GError       **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return select_one (db, kind, kind_sql (kind)->select_by_uuid, uuid, 0, error);
}

char *
_ud_record_store_read_hlc (UdDatabase    *db,
                           const UdKind  *kind,
                           const char    *uuid)
{
  sqlite3_stmt *stmt;
  char *hlc = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind != NULL && uuid != NULL, NULL);

  stmt = ud_database_prepare (db, kind_sql (kind)->hlc_by_uuid, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    hlc = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);

  return hlc;
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_FOUND,
                       _("The record no longer exists; it may have been deleted in the meantime."));
}

UdRecord *
ud_record_store_get (UdDatabase    *db,
                     const UdKind  *kind,
                     gint64         id,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  UdRecord *record;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  if (!ud_database_require (db, kind->view_permission, error))
    return NULL;

  record = _ud_record_store_read (db, kind, id, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (record == NULL)
    set_not_found (error);

  return record;
}

UdRecord *
ud_record_store_get_by_uuid (UdDatabase    *db,
                             const UdKind  *kind,
                             const char    *uuid,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  UdRecord *record;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  if (!ud_database_require (db, kind->view_permission, error))
    return NULL;

  record = _ud_record_store_read_by_uuid (db, kind, uuid, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (record == NULL)
    set_not_found (error);

  return record;
}

/* The row that holds @value in @field (live first): its id, or 0 when
 * there is none, -1 on error; *deleted says whether it is a tombstone. */
static gint64
find_row (UdDatabase     *db,
          const UdKind   *kind,
          guint           index,
          const char     *value,
          gint64          not_id,
          gboolean        live_only,
          gboolean       *deleted,
          GError        **error)
{
  const char *sql = kind_sql (kind)->find_by[index];
  sqlite3_stmt *stmt;
  gint64 found = 0;
  int rc;

  g_assert (sql != NULL);

  stmt = ud_database_prepare (db, sql, error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean is_deleted = sqlite3_column_int (stmt, 1) != 0;

      if (id == not_id || (live_only && is_deleted))
        continue;
      found = id;
      if (deleted != NULL)
        *deleted = is_deleted;
      break;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the records"));
      return -1;
    }

  return found;
}

UdRecord *
ud_record_store_find (UdDatabase    *db,
                      const UdKind  *kind,
                      const char    *field,
                      const char    *value,
                      GError       **error)
{
  int index;
  gint64 id;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind != NULL && field != NULL && value != NULL, NULL);

  index = ud_kind_field_index (kind, field);
  g_return_val_if_fail (index >= 0 && kind_sql (kind)->find_by[index] != NULL, NULL);

  if (!ud_database_require (db, kind->view_permission, error))
    return NULL;

  id = find_row (db, kind, (guint) index, value, 0, FALSE, NULL, error);
  if (id <= 0)
    return NULL;

  return _ud_record_store_read (db, kind, id, error);
}

GPtrArray *
ud_record_store_load (UdDatabase    *db,
                      const UdKind  *kind,
                      const gint64  *ids,
                      guint          n_ids,
                      GError       **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_full (n_ids, (GDestroyNotify) ud_record_unref);
  const char *sql;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if (!ud_database_require (db, kind->view_permission, error))
    return NULL;

  /* One cached statement stepped per id keeps the order asked for and
   * costs a few microseconds a row: a page of a list is a screenful. */
  sql = kind_sql (kind)->select_by_id;
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(GError) local_error = NULL;
      UdRecord *record = select_one (db, kind, sql, NULL, ids[i], &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (record != NULL)
        g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

UdRecord *
_ud_record_store_find_twin (UdDatabase      *db,
                            const UdRecord  *record,
                            GError         **error)
{
  const UdKind *kind;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  kind = record->kind;
  for (guint k = 0; kind->natural_keys != NULL && kind->natural_keys[k] != NULL; k++)
    {
      int index = ud_kind_field_index (kind, kind->natural_keys[k]);
      gint64 id;

      g_assert (index >= 0);
      if (*record->values[index] == '\0')
        continue;
      id = find_row (db, kind, (guint) index, record->values[index], record->id, FALSE, NULL, error);
      if (id < 0)
        return NULL;
      if (id > 0)
        return _ud_record_store_read (db, kind, id, error);
    }

  return NULL;
}

gboolean
_ud_record_store_check_keys (UdDatabase      *db,
                             const UdRecord  *record,
                             gint64           own_id,
                             const char      *skip_field,
                             GPtrArray       *issues)
{
  const UdKind *kind = record->kind;
  gboolean ok = TRUE;

  for (guint k = 0; kind->natural_keys != NULL && kind->natural_keys[k] != NULL; k++)
    {
      int index = ud_kind_field_index (kind, kind->natural_keys[k]);
      const UdField *field = &kind->fields[index];
      g_autoptr(GError) error = NULL;
      gint64 other;

      if (*record->values[index] == '\0' || g_strcmp0 (skip_field, field->name) == 0)
        continue;

      other = find_row (db, kind, (guint) index, record->values[index], own_id, TRUE, NULL, &error);
      if (other == 0)
        continue;

      ok = FALSE;
      if (other < 0)
        g_ptr_array_add (issues, ud_issue_new (field, "failed", FALSE, "%s", error->message));
      else
        g_ptr_array_add (issues,
                         ud_issue_new (field, "duplicate", FALSE,
                                       /* TRANSLATORS: a field label, then the value typed */
                                       _("%s: “%s” is already another record’s"),
                                       _(field->label), record->values[index]));
    }

  return ok;
}

/* ---- references by key --------------------------------------------------- */

/* Key values → row ids of the records referred to, for one transaction:
 * an import of a hundred thousand members looks each unit up once.  A
 * write to a kind forgets what was cached of it (a unit renamed). */
typedef struct
{
  guint64     transaction;
  GHashTable *ids;   /* "kind\x1fkey" → gint64 */
} ReferenceCache;

#define REFERENCE_CACHE_KEY "ud-record-store-references"

static void
reference_cache_free (gpointer data)
{
  ReferenceCache *cache = data;

  g_hash_table_unref (cache->ids);
  g_free (cache);
}

static ReferenceCache *
reference_cache (UdDatabase *db)
{
  guint64 transaction = ud_database_get_transaction (db);
  ReferenceCache *cache;

  if (transaction == 0)
    return NULL;

  cache = ud_database_get_cache (db, REFERENCE_CACHE_KEY);
  if (cache == NULL || cache->transaction != transaction)
    {
      cache = g_new0 (ReferenceCache, 1);
      cache->transaction = transaction;
      cache->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      ud_database_set_cache (db, REFERENCE_CACHE_KEY, cache, reference_cache_free);
    }

  return cache;
}

static void
reference_cache_forget (UdDatabase   *db,
                        const UdKind *kind)
{
  ReferenceCache *cache = ud_database_get_cache (db, REFERENCE_CACHE_KEY);
  g_autofree char *prefix = NULL;
  GHashTableIter iter;
  gpointer key;

  if (cache == NULL || g_hash_table_size (cache->ids) == 0)
    return;

  prefix = g_strconcat (kind->name, "\x1f", NULL);
  g_hash_table_iter_init (&iter, cache->ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      g_hash_table_iter_remove (&iter);
}

static gboolean write_record (UdDatabase *db, UdRecord *record, const UdRecord *existing,
                              gboolean remote, gboolean audit, const char *detail, GError **error);

/* The row id of the live record of @field's kind whose key is @value,
 * made when missing and the reference allows it: as a change of this
 * office, or, for a pulled record (@remote), as a stand-in that the
 * other record's own version will replace. */
static gint64
resolve_reference (UdDatabase     *db,
                   const UdRecord *record,
                   const UdField  *field,
                   const char     *value,
                   gboolean        remote,
                   GError        **error)
{
  const UdKind *other = reference_kind (field);
  int key_index = ud_kind_field_index (other, field->reference->key_field);
  ReferenceCache *cache = reference_cache (db);
  g_autofree char *cache_key = NULL;
  g_autoptr(UdRecord) made = NULL;
  gint64 *cached;
  gint64 id;

  if (cache != NULL)
    {
      /* Looked up for each record written (every member names its unit):
       * the key is made on the stack, copied only when a new one is kept. */
      char key_here[256];
      gsize name_len = strlen (other->name);
      gsize value_len = strlen (value);

      if (name_len + 1 + value_len < sizeof key_here)
        {
          memcpy (key_here, other->name, name_len);
          key_here[name_len] = '\x1f';
          memcpy (key_here + name_len + 1, value, value_len + 1);
          cached = g_hash_table_lookup (cache->ids, key_here);
          if (cached != NULL)
            return *cached;
          cache_key = g_strdup (key_here);
        }
      else
        {
          cache_key = g_strconcat (other->name, "\x1f", value, NULL);
          cached = g_hash_table_lookup (cache->ids, cache_key);
          if (cached != NULL)
            return *cached;
        }
    }

  id = find_row (db, other, (guint) key_index, value, 0, TRUE, NULL, error);
  if (id < 0)
    return -1;

  if (id == 0)
    {
      if (!field->reference->create_missing)
        {
          g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                       /* TRANSLATORS: a field label, then the name given */
                       _("%s: there is no “%s”"), _(field->label), value);
          return -1;
        }

      made = ud_record_new (other);
      ud_record_set_nth (made, (guint) key_index, value);
      if (remote)
        {
          made->uuid = ud_uuid_v7_new ();
          made->district = g_strdup (record->district);
          made->hlc = g_strdup (_UD_OLDEST_HLC);
          made->updated_at = ud_database_now_iso ();
          made->updated_by = g_strdup (_UD_SYNC_ACTOR);
        }
      else if (!ud_record_check (made, NULL))
        {
          g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                       /* TRANSLATORS: a field label, then the name given */
                       _("%s: “%s” cannot be added as it is"), _(field->label), value);
          return -1;
        }

      if (remote ? !write_record (db, made, NULL, TRUE, FALSE, NULL, error)
                 : !_ud_record_store_write (db, made, NULL, NULL, error))
        return -1;
      id = made->id;
    }

  if (cache != NULL)
    g_hash_table_insert (cache->ids, g_steal_pointer (&cache_key), g_memdup2 (&id, sizeof id));

  return id;
}

/* ---- writing ------------------------------------------------------------- */

/* The audit entries for writing @record over @existing (NULL: a new
 * record): created, restored or deleted, and every synced field that
 * changed, old → new.  A change pulled from the city server (@remote) is
 * another office's (sync_create, …), with the version as its detail. */
static gboolean
audit_changes (UdDatabase      *db,
               const UdRecord  *record,
               const UdRecord  *existing,
               gboolean         remote,
               const char      *detail,
               GError         **error)
{
  const UdKind *kind = record->kind;
  g_autofree char *sync_detail = NULL;
  const char *create = remote ? "sync_create" : "create";
  const char *update = remote ? "sync_update" : "update";
  const char *delete = remote ? "sync_delete" : "delete";
  const char *undelete = remote ? "sync_undelete" : "undelete";

  /* A trail step says itself who did what and when; what the step
   * changed is audited on its record, with the step as detail. */
  if (!remote && (kind->flags & UD_KIND_APPEND_ONLY))
    return TRUE;

  if (remote)
    detail = sync_detail = ud_audit_detail_new ("sync", "hlc", record->hlc, NULL);

  if (existing == NULL)
    {
      g_autofree char *json = ud_record_to_json_text (record);

      return ud_database_audit (db, record->deleted ? delete : create, kind->name, record->uuid,
                                NULL, NULL, json, detail, error);
    }

  if (existing->deleted != record->deleted &&
      !ud_database_audit (db, record->deleted ? delete : undelete, kind->name, record->uuid,
                          NULL, NULL, NULL, detail, error))
    return FALSE;

  for (guint i = 0; i < kind->n_fields; i++)
    if ((kind->fields[i].flags & UD_FIELD_LOCAL) == 0 &&
        g_strcmp0 (existing->values[i], record->values[i]) != 0 &&
        !ud_database_audit (db, update, kind->name, record->uuid, kind->fields[i].name,
                            existing->values[i], record->values[i], detail, error))
      return FALSE;

  return TRUE;
}

/* Writes the row of @record (new when @existing is NULL) with the stamps
 * it holds, its references resolved; then the search index.  A pulled
 * record (@remote) is audited as another office's change (unless a
 * snapshot is being installed) and gets no outbox entry; a local one
 * both, or, when not @audit, neither: a batch writes its records' outbox
 * entries and its one audit entry at its end. */
static gboolean
write_record (UdDatabase      *db,
              UdRecord        *record,
              const UdRecord  *existing,
              gboolean         remote,
              gboolean         audit,
              const char      *detail,
              GError         **error)
{
  const UdKind *kind = record->kind;
  const KindSql *sql = kind_sql (kind);
  /* On the stack for any kind of up to 64 fields (all of them): no
   * allocation for each record an import writes. */
  gint64 reference_ids_here[64] = { 0 };
  g_autofree gint64 *reference_ids_allocated = NULL;
  gint64 *reference_ids = reference_ids_here;
  sqlite3_stmt *stmt;
  int rc;

  if (kind->n_fields > G_N_ELEMENTS (reference_ids_here))
    reference_ids = reference_ids_allocated = g_new0 (gint64, kind->n_fields);

  /* The records referred to by key first: a new unit is written before
   * the member that names it. */
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const UdField *field = &kind->fields[i];

      if (!refers_by_key (field) || *record->values[i] == '\0')
        continue;
      reference_ids[i] = resolve_reference (db, record, field, record->values[i], remote, error);
      if (reference_ids[i] <= 0)
        return FALSE;
    }

  stmt = ud_database_prepare (db, existing != NULL ? sql->update : sql->insert, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, record->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->district, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, record->deleted ? 1 : 0);
  sqlite3_bind_text (stmt, 5, record->updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, record->updated_by, -1, SQLITE_STATIC);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const UdField *field = &kind->fields[i];
      int param = N_COMMON_COLUMNS + (int) i;

      /* A column with a default holds it rather than nothing. */
      if (*record->values[i] == '\0' && field->default_value != NULL)
        ud_record_set_nth (record, i, field->default_value);

      if (refers_by_key (field))
        {
          if (reference_ids[i] > 0)
            sqlite3_bind_int64 (stmt, param, reference_ids[i]);
          else
            sqlite3_bind_null (stmt, param);
        }
      else if (ud_field_is_number (field))
        {
          if (*record->values[i] == '\0')
            sqlite3_bind_null (stmt, param);
          else
            sqlite3_bind_int64 (stmt, param, g_ascii_strtoll (record->values[i], NULL, 10));
        }
      else
        sqlite3_bind_text (stmt, param, record->values[i], -1, SQLITE_STATIC);
    }
  if (existing != NULL)
    sqlite3_bind_int64 (stmt, N_COMMON_COLUMNS + (int) kind->n_fields, existing->id);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("save the record"));
      return FALSE;
    }

  if (existing == NULL)
    record->id = sqlite3_last_insert_rowid (ud_database_get_handle (db));

  /* Names of this kind known so far in this transaction may be wrong. */
  if (existing != NULL)
    reference_cache_forget (db, kind);

  if (kind->hooks != NULL && kind->hooks->index != NULL)
    {
      const UdRecord *before = existing != NULL && !existing->deleted ? existing : NULL;
      const UdRecord *after = record->deleted ? NULL : record;

      if ((before != NULL || after != NULL) &&
          !kind->hooks->index (db, record->id, before, after, error))
        return FALSE;
    }

  if (remote)
    {
      /* A stand-in is no one's change: nothing to audit yet. */
      if (g_strcmp0 (record->hlc, _UD_OLDEST_HLC) == 0 || !_ud_database_get_remote_audit (db))
        return TRUE;
      return audit_changes (db, record, existing, TRUE, NULL, error);
    }

  /* A batch's records (not @audit) get their outbox entries and their
   * one audit entry when the batch ends (ud-record-batch.c). */
  if (!audit)
    return TRUE;

  return ud_database_outbox_append (db, kind->name, record->id, error) &&
         audit_changes (db, record, existing, FALSE, detail, error);
}

/* A local write: new stamps, then write_record(). */
static gboolean
write_local (UdDatabase      *db,
             UdRecord        *record,
             const UdRecord  *existing,
             gboolean         audit,
             const char      *detail,
             GError         **error)
{
  g_free (record->uuid);
  g_free (record->district);
  if (existing == NULL)
    {
      record->uuid = ud_uuid_v7_new ();
      record->district = g_strdup (ud_database_get_district (db));
    }
  else
    {
      record->uuid = g_strdup (existing->uuid);
      record->district = g_strdup (existing->district);
      record->id = existing->id;
    }

  g_free (record->hlc);
  record->hlc = ud_database_next_hlc (db);
  g_free (record->updated_at);
  record->updated_at = ud_database_now_iso ();
  g_free (record->updated_by);
  record->updated_by = g_strdup (ud_database_get_actor (db));

  return write_record (db, record, existing, FALSE, audit, detail, error);
}

gboolean
_ud_record_store_write (UdDatabase      *db,
                        UdRecord        *record,
                        const UdRecord  *existing,
                        const char      *detail,
                        GError         **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (existing == NULL || existing->kind == record->kind, FALSE);

  return write_local (db, record, existing, TRUE, detail, error);
}

gboolean
_ud_record_store_write_batched (UdDatabase      *db,
                                UdRecord        *record,
                                const UdRecord  *existing,
                                GError         **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (existing == NULL || existing->kind == record->kind, FALSE);

  return write_local (db, record, existing, FALSE, NULL, error);
}

gboolean
_ud_record_store_write_default (UdDatabase  *db,
                                UdRecord    *record,
                                GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL && ud_uuid_is_valid (record->uuid), FALSE);

  g_free (record->district);
  record->district = g_strdup (ud_database_get_district (db));
  g_free (record->hlc);
  record->hlc = g_strdup (_UD_OLDEST_HLC);
  g_free (record->updated_at);
  record->updated_at = ud_database_now_iso ();
  g_free (record->updated_by);
  record->updated_by = g_strdup (_UD_DEFAULT_ACTOR);

  /* As a record made for a pulled reference: no outbox entry, nothing audited. */
  return write_record (db, record, NULL, TRUE, FALSE, NULL, error);
}

static gboolean
apply_remote (UdDatabase  *db,
              UdRecord    *version,
              UdRecord    *existing,
              gboolean     checked,
              GPtrArray   *issues,
              GError     **error)
{
  g_autoptr(GPtrArray) local_issues = NULL;
  UdIssue *problem;
  guint first;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (version != NULL, FALSE);
  g_return_val_if_fail (existing == NULL || existing->kind == version->kind, FALSE);
  g_return_val_if_fail (version->uuid != NULL && version->district != NULL && version->hlc != NULL, FALSE);
  g_return_val_if_fail (version->updated_at != NULL && version->updated_by != NULL, FALSE);

  /* A trail step never changes: the one here stays. */
  if (existing != NULL && (version->kind->flags & UD_KIND_APPEND_ONLY))
    return TRUE;

  /* A record merged into a local one keeps the local identity. */
  if (existing != NULL)
    {
      g_free (version->uuid);
      version->uuid = g_strdup (existing->uuid);
      version->id = existing->id;
    }

  if (issues == NULL)
    issues = local_issues = ud_issue_list_new ();
  first = issues->len;

  /* Nothing received is trusted: checked as if typed here (a live
   * version's fields once: @checked when the caller has just done it). */
  if (version->deleted)
    ud_record_check (version, issues);
  else if (!checked)
    ud_record_store_validate (db, version, issues);
  else
    _ud_record_store_check_keys (db, version, version->id, NULL, issues);

  problem = ud_issue_list_first_error (issues, first);
  if (problem != NULL)
    {
      g_set_error_literal (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID, problem->message);
      return FALSE;
    }

  return write_record (db, version, existing, TRUE, TRUE, NULL, error);
}

gboolean
_ud_record_store_apply_remote (UdDatabase  *db,
                               UdRecord    *version,
                               UdRecord    *existing,
                               GPtrArray   *issues,
                               GError     **error)
{
  return apply_remote (db, version, existing, FALSE, issues, error);
}

gboolean
_ud_record_store_apply_checked (UdDatabase  *db,
                                UdRecord    *version,
                                UdRecord    *existing,
                                GError     **error)
{
  return apply_remote (db, version, existing, TRUE, NULL, error);
}

gboolean
_ud_record_store_insert_checked (UdDatabase  *db,
                                 UdRecord    *version,
                                 GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (version != NULL && !version->deleted, FALSE);
  g_return_val_if_fail (version->uuid != NULL && version->district != NULL && version->hlc != NULL, FALSE);
  g_return_val_if_fail (version->updated_at != NULL && version->updated_by != NULL, FALSE);

  return write_record (db, version, NULL, TRUE, TRUE, NULL, error);
}

GPtrArray *
ud_record_store_list (UdDatabase           *db,
                      const UdRecordQuery  *query,
                      GError              **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  ids = ud_record_store_query (db, query, NULL, NULL, error);
  if (ids == NULL)
    return NULL;

  return ud_record_store_load (db, query->kind, (const gint64 *) (gpointer) ids->data, ids->len, error);
}

/* ---- changes ------------------------------------------------------------- */

gboolean
ud_record_store_validate (UdDatabase *db,
                          UdRecord   *record,
                          GPtrArray  *issues)
{
  g_autoptr(GPtrArray) local = NULL;
  gboolean ok;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (issues == NULL)
    issues = local = ud_issue_list_new ();

  ok = ud_record_check (record, issues);
  /* A key another record holds is said even when other fields are
   * wrong too: the editor shows every problem at once. */
  if (!_ud_record_store_check_keys (db, record, record->id, NULL, issues))
    ok = FALSE;

  return ok;
}

/* Whether the workflow of @record's kind lets it be changed in its state
 * (@states: editable or deletable). */
static gboolean
state_allows (const UdRecord      *record,
              const char * const  *states,
              GError             **error)
{
  const UdKind *kind = record->kind;
  const UdField *field;
  g_autofree char *title = NULL;

  if (kind->workflow == NULL || states == NULL)
    return TRUE;

  field = ud_kind_find_field (kind, kind->workflow->state_field);
  if (g_strv_contains (states, ud_record_get (record, field->name)))
    return TRUE;

  title = ud_record_get_title (record);
  g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
               /* TRANSLATORS: a kind of record, what it is called, then its state */
               _("%s %s is “%s” and can no longer be changed."),
               _(kind->label), title, ud_field_choice_label (field, ud_record_get (record, field->name)));
  return FALSE;
}

gboolean
ud_record_store_save (UdDatabase  *db,
                      UdRecord    *record,
                      GPtrArray   *issues,
                      GError     **error)
{
  g_autoptr(GPtrArray) local_issues = NULL;
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  const UdKind *kind;
  guint first;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail ((record->kind->flags & UD_KIND_APPEND_ONLY) == 0, FALSE);
  g_return_val_if_fail (record->kind->workflow == NULL, FALSE);

  kind = record->kind;
  if (!ud_database_require (db, kind->edit_permission, error))
    return FALSE;

  if (!ud_database_is_initialized (db))
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_INITIALIZED,
                   _("The office has not been set up yet: give its district code and name first."));
      return FALSE;
    }

  if (issues == NULL)
    issues = local_issues = ud_issue_list_new ();
  first = issues->len;

  if (!ud_record_store_validate (db, record, issues))
    {
      ud_issue_list_set_error (issues, first, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID, error);
      return FALSE;
    }

  if (!ud_database_begin (db, error))
    return FALSE;

  if (record->id != 0)
    {
      existing = _ud_record_store_read (db, kind, record->id, &local_error);
      if (existing == NULL || existing->deleted)
        {
          if (local_error == NULL)
            set_not_found (&local_error);
          goto failed;
        }
    }
  else
    {
      /* A record whose key only a deleted one holds brings that one back
       * (a member's ID number is his for good). */
      existing = _ud_record_store_find_twin (db, record, &local_error);
      if (local_error != NULL)
        goto failed;
      if (existing != NULL && !existing->deleted)
        g_clear_pointer (&existing, ud_record_unref);
    }

  record->deleted = FALSE;
  if (!_ud_record_store_write (db, record, existing, NULL, &local_error) ||
      !ud_database_commit (db, &local_error))
    goto failed;

  return TRUE;

failed:
  ud_database_rollback (db);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
set_deleted (UdDatabase    *db,
             const UdKind  *kind,
             gint64         id,
             gboolean       deleted,
             GError       **error)
{
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail ((kind->flags & UD_KIND_APPEND_ONLY) == 0, FALSE);

  if (!ud_database_require (db, kind->delete_permission, error))
    return FALSE;

  if (!ud_database_begin (db, error))
    return FALSE;

  existing = _ud_record_store_read (db, kind, id, &local_error);
  if (existing == NULL)
    {
      if (local_error == NULL)
        set_not_found (&local_error);
      goto failed;
    }

  if (existing->deleted == deleted)
    return ud_database_commit (db, error);

  if (kind->workflow != NULL &&
      !state_allows (existing, kind->workflow->deletable_states, &local_error))
    goto failed;

  /* Brought back only if no live record has taken its key meanwhile. */
  if (!deleted && !_ud_record_store_check_keys (db, existing, existing->id, NULL, issues))
    {
      ud_issue_list_set_error (issues, 0, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID, &local_error);
      goto failed;
    }

  record = ud_record_copy (existing);
  record->deleted = deleted;
  /* What belongs to it goes before it and comes back after it. */
  if ((deleted && kind->hooks != NULL && kind->hooks->deleted != NULL &&
       !kind->hooks->deleted (db, existing, record, &local_error)) ||
      !_ud_record_store_write (db, record, existing, NULL, &local_error) ||
      (!deleted && kind->hooks != NULL && kind->hooks->deleted != NULL &&
       !kind->hooks->deleted (db, existing, record, &local_error)) ||
      !ud_database_commit (db, &local_error))
    goto failed;

  return TRUE;

failed:
  ud_database_rollback (db);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
ud_record_store_delete (UdDatabase    *db,
                        const UdKind  *kind,
                        gint64         id,
                        GError       **error)
{
  return set_deleted (db, kind, id, TRUE, error);
}

gboolean
ud_record_store_undelete (UdDatabase    *db,
                          const UdKind  *kind,
                          gint64         id,
                          GError       **error)
{
  return set_deleted (db, kind, id, FALSE, error);
}

/* ---- lists --------------------------------------------------------------- */

struct _UdRecordCursor
{
  int     type;      /* SQLITE_INTEGER, SQLITE_TEXT or SQLITE_NULL */
  gint64  number;
  char   *text;
  gint64  id;
};

void
ud_record_cursor_free (UdRecordCursor *cursor)
{
  if (cursor == NULL)
    return;

  g_free (cursor->text);
  g_free (cursor);
}

/* A value bound to the built SQL: text, or an integer. */
typedef struct
{
  char    *text;
  gint64   number;
  gboolean is_number;
} Bound;

static void
bound_free (gpointer data)
{
  Bound *bound = data;

  g_free (bound->text);
  g_free (bound);
}

static void
add_text (GString    *sql,
          GPtrArray  *values,
          char       *text)
{
  Bound *bound = g_new0 (Bound, 1);

  bound->text = text;
  g_ptr_array_add (values, bound);
  g_string_append_printf (sql, "?%u", values->len);
}

static void
add_number (GString    *sql,
            GPtrArray  *values,
            gint64      number)
{
  Bound *bound = g_new0 (Bound, 1);

  bound->number = number;
  bound->is_number = TRUE;
  g_ptr_array_add (values, bound);
  g_string_append_printf (sql, "?%u", values->len);
}

/* The SQL expression a list sorts @field by. */
static char *
sort_expression (const KindSql *sql,
                 const UdField *field)
{
  const UdKind *kind = sql->kind;
  int index = (int) (field - kind->fields);

  if (field->sort_by != NULL)
    field = ud_kind_find_field (kind, field->sort_by);

  if (refers_by_key (field))
    return g_strdup_printf ("ifnull (%s, '')", sql->reference_key[index]);
  /* Numbers are nonnegative: an empty one sorts first. */
  if (ud_field_is_number (field))
    return g_strdup_printf ("ifnull (t.%s, -1)", ud_field_get_column (field));

  return g_strdup_printf ("t.%s", ud_field_get_column (field));
}

static gboolean
add_filter (const KindSql         *sql,
            const UdRecordFilter  *filter,
            GString               *where,
            GPtrArray             *values,
            GError               **error)
{
  const UdKind *kind = sql->kind;
  int index = ud_kind_field_index (kind, filter->field != NULL ? filter->field : "");
  const UdField *field;
  g_autofree char *column = NULL;

  if (index < 0 || (kind->fields[index].flags & UD_FIELD_LOCAL))
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("The list cannot be filtered by “%s”."), filter->field != NULL ? filter->field : "");
      return FALSE;
    }
  field = &kind->fields[index];
  column = g_strdup_printf ("t.%s", ud_field_get_column (field));

  g_string_append (where, " AND ");
  switch (filter->op)
    {
    case UD_RECORD_FILTER_EQUALS:
      if (refers_by_key (field))
        {
          gint64 id;

          /* A referred record by its row id, or by its key. */
          if (filter->value != NULL &&
              g_ascii_string_to_signed (filter->value, 10, 1, G_MAXINT64, &id, NULL))
            {
              g_string_append_printf (where, "%s = ", column);
              add_number (where, values, id);
            }
          else
            {
              g_string_append_printf (where, "%s = ", sql->reference_key[index]);
              add_text (where, values, g_strdup (filter->value != NULL ? filter->value : ""));
            }
        }
      else if (ud_field_is_number (field))
        {
          g_string_append_printf (where, "%s = ", column);
          add_number (where, values, g_ascii_strtoll (filter->value != NULL ? filter->value : "", NULL, 10));
        }
      else
        {
          g_string_append_printf (where, "%s = ", column);
          add_text (where, values, g_strdup (filter->value != NULL ? filter->value : ""));
        }
      break;

    case UD_RECORD_FILTER_NOT_EMPTY:
    case UD_RECORD_FILTER_EMPTY:
      {
        gboolean empty = filter->op == UD_RECORD_FILTER_EMPTY;

        if (ud_field_is_integer_column (field))
          g_string_append_printf (where, "%s IS %s", column, empty ? "NULL" : "NOT NULL");
        else
          g_string_append_printf (where, "%s %s ''", column, empty ? "=" : "<>");
      }
      break;

    case UD_RECORD_FILTER_FROM:
    case UD_RECORD_FILTER_UNTIL:
      {
        const char *op = filter->op == UD_RECORD_FILTER_FROM ? ">=" : "<=";

        /* Compared as stored: an empty date comes before every day (it is
         * never after a period's end, never from its start on), an
         * empty number matches neither. */
        g_string_append_printf (where, "%s %s ", column, op);
        if (ud_field_is_number (field))
          add_number (where, values, g_ascii_strtoll (filter->value != NULL ? filter->value : "", NULL, 10));
        else
          add_text (where, values, g_strdup (filter->value != NULL ? filter->value : ""));
      }
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  return TRUE;
}

/* One word of the search text, matched in the fields the kind searches. */
static void
add_search_word (const KindSql *sql,
                 const char    *word,
                 GString       *where,
                 GPtrArray     *values)
{
  const UdKind *kind = sql->kind;
  g_autofree char *pattern = g_strconcat ("%", word, "%", NULL);
  gboolean first = TRUE;
  guint position;

  g_string_append (where, " AND (");
  if (kind->hooks != NULL && kind->hooks->search != NULL)
    {
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

      /* The hook numbers its values after the ones bound so far. */
      for (guint i = 0; i < values->len; i++)
        g_ptr_array_add (texts, NULL);
      kind->hooks->search (word, where, texts);
      for (guint i = values->len; i < texts->len; i++)
        {
          Bound *bound = g_new0 (Bound, 1);

          bound->text = g_steal_pointer (&texts->pdata[i]);
          g_ptr_array_add (values, bound);
        }
      g_string_append_c (where, ')');
      return;
    }

  /* Every value of the word is the same pattern, bound once. */
  g_ptr_array_add (values, g_new0 (Bound, 1));
  position = values->len;
  ((Bound *) g_ptr_array_index (values, position - 1))->text = g_steal_pointer (&pattern);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const UdField *field = &kind->fields[i];
      gboolean searched = (field->flags & UD_FIELD_SEARCH) != 0 ||
                          (kind->title_fields != NULL && g_strv_contains (kind->title_fields, field->name));

      if (!searched)
        continue;
      if (!first)
        g_string_append (where, " OR ");
      first = FALSE;
      if (refers_by_key (field))
        g_string_append_printf (where, "%s LIKE ?%u", sql->reference_key[i], position);
      else
        g_string_append_printf (where, "t.%s LIKE ?%u", ud_field_get_column (field), position);
    }
  if (first)
    g_string_append (where, "0");
  g_string_append_c (where, ')');
}

/* FROM and WHERE of a query, its values bound in order. */
static gboolean
build_where (const UdRecordQuery  *query,
             GString              *where,
             GPtrArray            *values,
             GError              **error)
{
  const KindSql *sql = kind_sql (query->kind);

  g_string_append_printf (where, " FROM %s WHERE t.deleted = 0", sql->from);

  for (guint i = 0; i < query->n_filters; i++)
    if (!add_filter (sql, &query->filters[i], where, values, error))
      return FALSE;

  if (query->text != NULL)
    {
      g_autoptr(GString) text = g_string_new (query->text);
      g_auto(GStrv) words = NULL;

      /* The ideographic space separates words too; LIKE's wildcards are
       * not search text. */
      g_string_replace (text, "\u3000", " ", 0);
      words = g_strsplit_set (text->str, " \t%_\\", -1);
      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0' && g_utf8_validate (words[i], -1, NULL))
          {
            g_autofree char *folded = g_utf8_casefold (words[i], -1);

            add_search_word (sql, folded, where, values);
          }
    }

  return TRUE;
}

static int
cancel_handler (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

static sqlite3_stmt *
prepare_query (UdDatabase    *db,
               GString       *sql,
               GPtrArray     *values,
               GCancellable  *cancellable,
               GError       **error)
{
  sqlite3_stmt *stmt = ud_database_prepare_built (db, sql->str, error);

  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < values->len; i++)
    {
      Bound *bound = g_ptr_array_index (values, i);

      if (bound->is_number)
        sqlite3_bind_int64 (stmt, (int) i + 1, bound->number);
      else
        sqlite3_bind_text (stmt, (int) i + 1, bound->text, -1, SQLITE_TRANSIENT);
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (ud_database_get_handle (db), 10000, cancel_handler, cancellable);

  return stmt;
}

static gboolean
finish_query (UdDatabase    *db,
              sqlite3_stmt  *stmt,
              int            rc,
              GCancellable  *cancellable,
              GError       **error)
{
  sqlite3_reset (stmt);
  sqlite3_progress_handler (ud_database_get_handle (db), 0, NULL, NULL);

  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc == SQLITE_INTERRUPT || g_cancellable_is_cancelled (cancellable))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The search was cancelled."));
  else
    ud_database_set_error (db, error, _("read the records"));
  return FALSE;
}

/* A cursor into a list the kind's query hook answered: the position of
 * the next page in it (the hook keeps its order in memory, so this is no
 * SQL OFFSET). */
#define CURSOR_POSITION (-1)

/* The kind's own answer (UdKindHooks.query), one page of it; NULL with
 * *@answered FALSE when the kind leaves the query to SQL. */
static GArray *
hook_query (UdDatabase           *db,
            const UdRecordQuery  *query,
            UdRecordCursor      **next,
            gboolean             *answered,
            GCancellable         *cancellable,
            GError              **error)
{
  UdRecordQuery whole = *query;
  guint skip = 0;
  GArray *ids;

  if (query->after != NULL)
    {
      if (query->after->type != CURSOR_POSITION)
        {
          *answered = FALSE;
          return NULL;
        }
      skip = (guint) query->after->number;
    }

  whole.after = NULL;
  whole.limit = query->limit > 0 ? skip + query->limit : 0;
  ids = query->kind->hooks->query (db, &whole, answered, cancellable, error);
  if (ids == NULL)
    return NULL;

  g_array_remove_range (ids, 0, MIN (skip, ids->len));
  if (next != NULL && query->limit > 0 && ids->len == query->limit)
    {
      UdRecordCursor *cursor = g_new0 (UdRecordCursor, 1);

      cursor->type = CURSOR_POSITION;
      cursor->number = skip + query->limit;
      *next = cursor;
    }

  return ids;
}

GArray *
ud_record_store_query (UdDatabase           *db,
                       const UdRecordQuery  *query,
                       UdRecordCursor      **next,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (bound_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sort = NULL;
  const UdField *sort_field;
  const KindSql *kind;
  const char *direction;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL && query->kind != NULL, NULL);

  if (next != NULL)
    *next = NULL;

  if (!ud_database_require (db, query->kind->view_permission, error))
    return NULL;

  if (query->kind->hooks != NULL && query->kind->hooks->query != NULL)
    {
      gboolean answered = TRUE;
      GArray *answer = hook_query (db, query, next, &answered, cancellable, error);

      if (answered)
        return answer;
    }

  kind = kind_sql (query->kind);
  sort_field = ud_kind_find_field (query->kind, query->sort_field != NULL ? query->sort_field
                                                : query->kind->sort_field != NULL ? query->kind->sort_field
                                                : query->kind->fields[0].name);
  if (sort_field == NULL || (query->sort_field != NULL && (sort_field->flags & UD_FIELD_SORTABLE) == 0))
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("The list cannot be sorted by “%s”."), query->sort_field);
      return NULL;
    }
  sort = sort_expression (kind, sort_field);
  direction = query->descending ? "DESC" : "ASC";

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "SELECT t.id, %s", sort);
  if (!build_where (query, sql, values, error))
    return NULL;

  if (query->after != NULL)
    {
      /* Keyset paging: after the last sort value and id of the page
       * before, which an index on (sort, id) walks to directly. */
      g_string_append_printf (sql, " AND (%s, t.id) %s (", sort, query->descending ? "<" : ">");
      if (query->after->type == SQLITE_INTEGER)
        add_number (sql, values, query->after->number);
      else
        add_text (sql, values, g_strdup (query->after->text != NULL ? query->after->text : ""));
      g_string_append (sql, ", ");
      add_number (sql, values, query->after->id);
      g_string_append_c (sql, ')');
    }

  g_string_append_printf (sql, " ORDER BY %s %s, t.id %s", sort, direction, direction);
  if (query->limit > 0)
    g_string_append_printf (sql, " LIMIT %u", query->limit);

  stmt = prepare_query (db, sql, values, cancellable, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      if (next != NULL && query->limit > 0 && ids->len == query->limit)
        {
          UdRecordCursor *cursor = g_new0 (UdRecordCursor, 1);

          cursor->type = sqlite3_column_type (stmt, 1);
          if (cursor->type == SQLITE_INTEGER)
            cursor->number = sqlite3_column_int64 (stmt, 1);
          else
            {
              cursor->type = SQLITE_TEXT;
              cursor->text = g_strdup (column_text (stmt, 1));
            }
          cursor->id = id;
          *next = cursor;
        }
    }

  if (!finish_query (db, stmt, rc, cancellable, error))
    {
      if (next != NULL)
        g_clear_pointer (next, ud_record_cursor_free);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

gint64
ud_record_store_count (UdDatabase           *db,
                       const UdRecordQuery  *query,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count (*)");
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (bound_free);
  sqlite3_stmt *stmt;
  gint64 count = 0;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), -1);
  g_return_val_if_fail (query != NULL && query->kind != NULL, -1);

  if (!ud_database_require (db, query->kind->view_permission, error))
    return -1;

  if (!build_where (query, sql, values, error))
    return -1;

  stmt = prepare_query (db, sql, values, cancellable, error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      count = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  if (!finish_query (db, stmt, rc, cancellable, error))
    return -1;

  return count;
}

char *
_ud_record_store_next_serial (UdDatabase    *db,
                              const UdKind  *kind,
                              const char    *field,
                              const char    *prefix,
                              guint          digits,
                              GError       **error)
{
  const UdField *serial = ud_kind_find_field (kind, field);
  g_autofree char *sql = NULL;
  glong prefix_chars;
  sqlite3_stmt *stmt;
  gint64 last = 0;
  int rc;

  g_return_val_if_fail (serial != NULL && !ud_field_is_integer_column (serial), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  /* Built from the kind's description only; the prefix is bound. */
  sql = g_strdup_printf ("SELECT max (CAST (substr (%s, ?2 + 1) AS INTEGER)) FROM %s"
                         " WHERE substr (%s, 1, ?2) = ?1",
                         ud_field_get_column (serial), kind->table, ud_field_get_column (serial));
  stmt = ud_database_prepare_built (db, sql, error);
  if (stmt == NULL)
    return NULL;

  prefix_chars = g_utf8_strlen (prefix, -1);
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, prefix_chars);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    last = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      ud_database_set_error (db, error, _("number the record"));
      return NULL;
    }

  return g_strdup_printf ("%s%0*" G_GINT64_FORMAT, prefix, (int) digits, last + 1);
}
