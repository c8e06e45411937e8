/* ud-sync-store.c — what the office database knows about syncing
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-sync-store.h"
#include "ud-sync-private.h"
#include "ud-audit-detail.h"

#include "ud-json-writer.h"
#include "ud-permission.h"
#include "ud-uuid.h"

/* How the office database takes part in a sync (DESIGN.md §7).
 *
 * Versions.  Every record carries the HLC of its version.  sync_base holds,
 * per record, the version the server had when this office last heard of
 * it: a local edit is pushed with that as its base_hlc, and the server
 * calls it a conflict when its own version has moved on meanwhile.
 *
 * Pushing.  The outbox names the records changed here.  A batch is built
 * from their current contents and stored (sync_state.pending_*) before it
 * is sent; its answer is applied in one transaction that also forgets the
 * batch.  A batch whose answer never came is sent again, byte for byte,
 * and the server answers it from its store: nothing is applied twice.
 *
 * Pulling.  A page is applied in one transaction with its cursor, with the
 * outbox off.  A pulled version replaces the record's when nothing is
 * waiting here to be pushed: the server holds the current version.  When
 * an edit made here is still waiting, both versions are listed as a
 * conflict, the later stamp in the record, as the server would decide.
 *
 * Twins.  The same person (ID number) or unit (name) entered in two
 * offices has two uuids on the server.  The second one to arrive here is
 * merged into the local record (sync_alias); from then on the later
 * version of either twin is the record, so that every office ends up
 * with the same contents.  Another office deleting its twin deletes
 * nothing here: that is most often a duplicate removed.
 *
 * Conflicts reach every office of the district in the pulls; each keeps
 * those where one of the two versions was made here (the HLC's node), so
 * that the office whose edit lost is told, and a person chooses. */

/* How many syncs the log keeps. */
#define LOG_KEEP 200
/* meta: the newest entry of the office's audit trail that the server's
 * copy holds, as its last answer said. */
#define AUDIT_PUSHED_KEY "audit_pushed"
/* Audit entries in one push (the server's UD_SERVER_MAX_AUDIT). */
#define UD_SYNC_MAX_AUDIT 1000

#define CONFLICT_COLUMNS \
  "SELECT id, kind, uuid, reason, winner_hlc, winner_deleted, winner_data, loser_hlc, loser_deleted," \
  " loser_data, detected_at, resolved_at, resolved_by, resolution FROM sync_conflict"

/* ---- shared with ud-sync-apply.c ------------------------------------------ */

const UdKind *
_ud_sync_find_kind (const char *name)
{
  const UdKind *kind = ud_kind_lookup (name);

  return kind != NULL && g_str_equal (kind->name, name) ? kind : NULL;
}

void
_ud_sync_set_bad_answer (GError     **error,
                         const char  *what)
{
  g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_BAD_ANSWER,
               /* TRANSLATORS: %s says what was wrong, e.g. "a change without a version stamp" */
               _("The city server sent an answer this program cannot read (%s). Nothing from it was stored; the sync will try again."),
               what);
}

/* The node part of an HLC: who made that version. */
const char *
_ud_sync_hlc_node (const char *hlc)
{
  return hlc != NULL && strlen (hlc) > 18 ? hlc + 18 : "";
}

/* updated_at of a pulled version: when it was made, from its stamp. */
static char *
hlc_time_iso (const char *hlc)
{
  g_autoptr(GDateTime) time = NULL;
  gint64 wall_ms = 0;

  if (!ud_hlc_parse (hlc, &wall_ms, NULL, NULL) ||
      (time = g_date_time_new_from_unix_utc (wall_ms / 1000)) == NULL)
    return ud_database_now_iso ();

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

/* A record of @kind from a version's parts; @data is the record's
 * contents object.  NULL with UD_SYNC_ERROR_BAD_ANSWER when it is not. */
UdRecord *
_ud_sync_record_from_parts (const UdKind           *kind,
                            const char             *uuid,
                            const char             *district,
                            const char             *hlc,
                            gboolean                deleted,
                            const UdSyncJsonValue  *data,
                            GError                **error)
{
  g_autoptr(UdRecord) record = ud_record_new (kind);
  guint n = _ud_sync_json_n_members (data);

  record->uuid = g_ascii_strdown (uuid, -1);
  record->district = g_strdup (district);
  record->hlc = g_strdup (hlc);
  record->deleted = deleted;
  record->updated_at = hlc_time_iso (hlc);
  record->updated_by = g_strdup (_UD_SYNC_ACTOR);

  /* Members this version does not know (a newer client's fields) are
   * left aside; missing ones and nulls are empty. */
  for (guint m = 0; m < n; m++)
    {
      const UdSyncJsonValue *value = _ud_sync_json_member_value (data, m);
      int index = ud_kind_field_index (kind, _ud_sync_json_member_name (data, m));

      if (index < 0)
        continue;

      switch (_ud_sync_json_type (value))
        {
        case UD_SYNC_JSON_NULL:
          break;
        case UD_SYNC_JSON_STRING:
          ud_record_set_nth (record, (guint) index, _ud_sync_json_string (value));
          break;
        case UD_SYNC_JSON_INT:
          {
            char text[32];

            g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, _ud_sync_json_int (value));
            ud_record_set_nth (record, (guint) index, text);
          }
          break;
        case UD_SYNC_JSON_FALSE:
        case UD_SYNC_JSON_TRUE:
        case UD_SYNC_JSON_DOUBLE:
        case UD_SYNC_JSON_ARRAY:
        case UD_SYNC_JSON_OBJECT:
        default:
          _ud_sync_set_bad_answer (error, _("a field that is neither text nor a whole number"));
          return NULL;
        }
    }

  return g_steal_pointer (&record);
}

char *
_ud_sync_office_node (UdDatabase *db)
{
  char *node = ud_database_get_meta (db, "node");

  return node != NULL ? node : g_strdup ("");
}

gboolean
_ud_sync_step_done (UdDatabase    *db,
                    sqlite3_stmt  *stmt,
                    const char    *what,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, what);
      return FALSE;
    }

  return TRUE;
}

/* A text column of the first row, or NULL. */
char *
_ud_sync_query_text (UdDatabase *db,
                     const char *sql,
                     const char *a,
                     const char *b)
{
  sqlite3_stmt *stmt = ud_database_prepare (db, sql, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

static gint64
query_count (UdDatabase *db,
             const char *sql)
{
  sqlite3_stmt *stmt = ud_database_prepare (db, sql, NULL);
  gint64 count = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

char *
_ud_sync_base_get (UdDatabase *db,
                   const char *kind,
                   const char *uuid)
{
  return _ud_sync_query_text (db, "SELECT hlc FROM sync_base WHERE kind = ?1 AND uuid = ?2", kind, uuid);
}

void
_ud_sync_sent_free (UdSyncSent *sent)
{
  g_free (sent->kind);
  g_free (sent->uuid);
  g_free (sent->hlc);
  g_free (sent);
}

void
_ud_sync_sent_add (GPtrArray  *sent,
                   const char *kind,
                   const char *uuid,
                   const char *hlc)
{
  UdSyncSent *change = g_new (UdSyncSent, 1);

  change->kind = g_strdup (kind);
  change->uuid = g_strdup (uuid);
  change->hlc = g_strdup (hlc);
  g_ptr_array_add (sent, change);
}

/* ---- the run: state and batches ----------------------------------------- */

void
_ud_sync_run_state_clear (UdSyncRunState *state)
{
  g_clear_pointer (&state->client_uuid, g_free);
  g_clear_pointer (&state->server_url, g_free);
  g_clear_pointer (&state->pending_batch, g_free);
  g_clear_pointer (&state->pending_body, g_free);
  g_clear_pointer (&state->sent, g_ptr_array_unref);
  state->cursor = 0;
  state->audit_limit = 0;
  state->audit_alone_from = -1;
}

gboolean
_ud_sync_store_begin_run (UdDatabase      *db,
                          const char      *server_url,
                          UdSyncRunState  *state,
                          GError         **error)
{
  g_autofree char *uuid = ud_uuid_v7_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (server_url != NULL, FALSE);

  _ud_sync_run_state_clear (state);

  if (!ud_database_begin (db, error))
    return FALSE;

  stmt = ud_database_prepare (db, "INSERT OR IGNORE INTO sync_state (id, client_uuid) VALUES (1, ?1)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (!_ud_sync_step_done (db, stmt, _("save the sync state"), error))
    goto failed;

  /* Cursors and batch ids mean nothing to another server. */
  stmt = ud_database_prepare (db,
                              "UPDATE sync_state SET cursor = 0, pending_batch = NULL, pending_body = NULL,"
                              " server_url = ?1 WHERE server_url <> ?1",
                              error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, server_url, -1, SQLITE_STATIC);
  if (!_ud_sync_step_done (db, stmt, _("save the sync state"), error))
    goto failed;
  /* Nor does the copy of the audit trail that the old server holds. */
  if (sqlite3_changes (ud_database_get_handle (db)) > 0)
    {
      stmt = ud_database_prepare (db, "DELETE FROM meta WHERE key = '" AUDIT_PUSHED_KEY "'", error);
      if (stmt == NULL || !_ud_sync_step_done (db, stmt, _("save the sync state"), error))
        goto failed;
    }

  stmt = ud_database_prepare (db,
                              "SELECT client_uuid, server_url, cursor, pending_batch, pending_body"
                              " FROM sync_state WHERE id = 1",
                              error);
  if (stmt == NULL)
    goto failed;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->client_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      state->server_url = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      state->cursor = sqlite3_column_int64 (stmt, 2);
      state->pending_batch = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      state->pending_body = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      ud_database_set_error (db, error, _("read the sync state"));
      goto failed;
    }

  /* The audit entries this run sends end with the newest now: those that
   * the run itself writes go with the next one. */
  state->audit_limit = query_count (db, "SELECT coalesce (max (id), 0) FROM audit_log");

  return ud_database_commit (db, error);

failed:
  ud_database_rollback (db);
  return FALSE;
}

gint64
_ud_sync_store_count_pushable (UdDatabase *db)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), 0);

  return query_count (db,
                      "SELECT count (*) FROM sync_outbox"
                      " WHERE kind IN (SELECT code FROM sync_kind WHERE name IN ('unit', 'member'))");
}

gboolean
_ud_sync_store_holds_records (UdDatabase *db)
{
  guint n_kinds;
  const UdKind * const *kinds = ud_kind_list (&n_kinds);

  g_return_val_if_fail (UD_IS_DATABASE (db), TRUE);

  /* The kinds this version stores and those it holds for a later one. */
  for (guint i = 0; i < n_kinds; i++)
    if (_ud_record_store_has_rows (db, kinds[i]))
      return TRUE;

  return query_count (db, "SELECT EXISTS (SELECT 1 FROM sync_held)") != 0;
}

gboolean
_ud_sync_set_pending (UdDatabase  *db,
                      const char  *batch,
                      const char  *body,
                      GError     **error)
{
  sqlite3_stmt *stmt = ud_database_prepare (db,
                                            "UPDATE sync_state SET pending_batch = ?1, pending_body = ?2 WHERE id = 1",
                                            error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, batch, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, body, -1, SQLITE_STATIC);

  return _ud_sync_step_done (db, stmt, _("save the sync state"), error);
}

/* Appends the change of one outbox entry; FALSE without an error when
 * the record is gone (nothing to send). */
static gboolean
append_change (UdDatabase        *db,
               const UdKind      *sk,
               const char        *uuid,
               GString           *body,
               GPtrArray         *sent,
               GError           **error)
{
  g_autoptr(UdRecord) record = NULL;
  g_autofree char *base = NULL;
  g_autofree char *data = NULL;

  record = _ud_record_store_read_by_uuid (db, sk, uuid, error);
  if (record == NULL)
    return FALSE;

  base = _ud_sync_base_get (db, sk->name, uuid);
  data = ud_record_to_json_text (record);

  if (sent->len > 0)
    g_string_append_c (body, ',');
  _ud_sync_sent_add (sent, sk->name, record->uuid, record->hlc);
  g_string_append (body, "{\"kind\":");
  ud_json_append_string (body, sk->name);
  g_string_append (body, ",\"uuid\":");
  ud_json_append_string (body, record->uuid);
  g_string_append (body, ",\"district\":");
  ud_json_append_string (body, record->district);
  g_string_append (body, ",\"hlc\":");
  ud_json_append_string (body, record->hlc);
  g_string_append (body, ",\"base_hlc\":");
  if (base != NULL)
    ud_json_append_string (body, base);
  else
    g_string_append (body, "null");
  g_string_append (body, record->deleted ? ",\"deleted\":true,\"data\":" : ",\"deleted\":false,\"data\":");
  g_string_append (body, data);
  g_string_append_c (body, '}');

  return TRUE;
}

/* The office's audit entries after the newest the server holds, up to
 * the newest when the run began, as the "audit" member of a push: the
 * city keeps a copy of each office's trail (ud-server-db.c), so that a
 * trail rewritten here is seen there too. */
static gint64
audit_pushed (UdDatabase *db)
{
  g_autofree char *text = ud_database_get_meta (db, AUDIT_PUSHED_KEY);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static gboolean
append_audit (UdDatabase      *db,
              UdSyncRunState  *state,
              gint64           pushed,
              GString         *body,
              guint           *n_entries,
              GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *n_entries = 0;
  if (pushed >= state->audit_limit)
    return TRUE;

  stmt = ud_database_prepare (db,
                              "SELECT id, at, actor, action, kind, uuid, field, old_value, new_value, detail, hash"
                              " FROM audit_log WHERE id > ?1 AND id <= ?2 ORDER BY id LIMIT ?3",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pushed);
  sqlite3_bind_int64 (stmt, 2, state->audit_limit);
  sqlite3_bind_int (stmt, 3, UD_SYNC_MAX_AUDIT);

  g_string_append (body, ",\"audit\":[");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      static const char * const names[] = {
        "at", "actor", "action", "kind", "uuid", "field", "old_value", "new_value", "detail", "hash",
      };

      g_string_append_printf (body, "%s{\"id\":%" G_GINT64_FORMAT, *n_entries > 0 ? "," : "",
                              (gint64) sqlite3_column_int64 (stmt, 0));
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i + 1);

          ud_json_append_member (body, names[i]);
          ud_json_append_string_or_null (body, value);
        }
      g_string_append_c (body, '}');
      (*n_entries)++;
    }
  sqlite3_reset (stmt);
  g_string_append_c (body, ']');
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the audit trail"));
      return FALSE;
    }

  return TRUE;
}

gboolean
_ud_sync_store_note_audit (UdDatabase  *db,
                           UdSyncJson  *answer,
                           GError     **error)
{
  g_autofree char *text = NULL;
  gint64 held;

  /* A server without the office copies says nothing. */
  if (!_ud_sync_json_get_int (_ud_sync_json_root (answer), "audit", &held) || held < 0)
    return TRUE;

  text = g_strdup_printf ("%" G_GINT64_FORMAT, held);
  return ud_database_set_meta (db, AUDIT_PUSHED_KEY, text, error);
}

char *
_ud_sync_outbox_pending (UdDatabase   *db,
                         const UdKind *sk,
                         const char   *uuid)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *hlc = NULL;

  g_return_val_if_fail (sk != NULL, NULL);

  /* Built from the kind's description only. */
  sql = g_strconcat ("SELECT t.hlc FROM ", sk->table, " t WHERE t.uuid = ?2 AND EXISTS (SELECT 1 FROM sync_outbox o"
                     " WHERE o.kind = (SELECT code FROM sync_kind WHERE name = ?1) AND o.id = t.id)", NULL);
  stmt = ud_database_prepare_built (db, sql, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sk->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    hlc = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return hlc;
}

gboolean
_ud_sync_outbox_clear (UdDatabase    *db,
                       const UdKind  *sk,
                       const char    *uuid,
                       const char    *hlc,
                       GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  /* A kind not stored here has no row, so no entry. */
  if (sk == NULL)
    return TRUE;

  /* Built from the kind's description only. */
  sql = g_strconcat ("DELETE FROM sync_outbox WHERE kind = (SELECT code FROM sync_kind WHERE name = ?1)"
                     " AND id = (SELECT id FROM ", sk->table, " WHERE uuid = ?2",
                     hlc != NULL ? " AND hlc <= ?3)" : ")", NULL);
  stmt = ud_database_prepare_built (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sk->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  if (hlc != NULL)
    sqlite3_bind_text (stmt, 3, hlc, -1, SQLITE_STATIC);
  return _ud_sync_step_done (db, stmt, _("clear the sent change"), error);
}

/* The outbox entry of @sk's row @id, whose record is gone. */
static gboolean
drop_outbox_entry (UdDatabase    *db,
                   const UdKind  *sk,
                   gint64         id,
                   GError       **error)
{
  sqlite3_stmt *stmt = ud_database_prepare (db,
                                            "DELETE FROM sync_outbox"
                                            " WHERE kind = (SELECT code FROM sync_kind WHERE name = ?1) AND id = ?2",
                                            error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sk->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  return _ud_sync_step_done (db, stmt, _("clear the sent change"), error);
}

/* The outbox entries of the records that belong to @kind's record @uuid
 * (a record of a kind with a UD_FIELD_PARENT field naming it: the steps
 * of its trail), appended to @children as "kind\nuuid". */
static gboolean
waiting_children (UdDatabase    *db,
                  const UdKind  *kind,
                  const char    *uuid,
                  GPtrArray     *children,
                  GError       **error)
{
  for (const UdKind * const *kinds = ud_kind_list (NULL); *kinds != NULL; kinds++)
    {
      const UdKind *child = *kinds;
      const UdField *parent = ud_kind_find_reference_to (child, kind);
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      int rc;

      if (child == kind || parent == NULL || (parent->flags & UD_FIELD_PARENT) == 0)
        continue;

      /* Built from the kinds' descriptions only. */
      sql = g_strdup_printf ("SELECT c.uuid FROM sync_outbox o JOIN %s c ON c.id = o.id"
                             " WHERE o.kind = (SELECT code FROM sync_kind WHERE name = ?1)"
                             " AND c.%s = ?2%s%s%s ORDER BY c.uuid",
                             child->table, ud_field_get_column (parent),
                             parent->reference->kind_field != NULL ? " AND c." : "",
                             parent->reference->kind_field != NULL ? parent->reference->kind_field : "",
                             parent->reference->kind_field != NULL ? " = ?3" : "");
      stmt = ud_database_prepare_built (db, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, child->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
      if (parent->reference->kind_field != NULL)
        sqlite3_bind_text (stmt, 3, kind->name, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (children, g_strconcat (child->name, "\n", sqlite3_column_text (stmt, 0), NULL));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          ud_database_set_error (db, error, _("read the changes to send"));
          return FALSE;
        }
    }

  return TRUE;
}

/* Appends the change of one outbox entry and, after it, those of its
 * children waiting (its trail's steps): the city server and the offices
 * check a record with its trail as it arrives, in one batch.  FALSE
 * without an error when the batch is too full for them (@n > 0) or the
 * record is gone. */
static gboolean
append_with_children (UdDatabase    *db,
                      const UdKind  *sk,
                      const char    *uuid,
                      GString       *body,
                      GPtrArray     *sent,
                      GHashTable    *taken,
                      guint          max,
                      guint         *n,
                      GError       **error)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;

  if (!waiting_children (db, sk, uuid, children, error))
    return FALSE;
  if (*n > 0 && *n + 1 + children->len > max)
    return FALSE;

  if (!append_change (db, sk, uuid, body, sent, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* Nothing is ever removed from the record tables; should a row be
       * gone all the same, its entry would block the outbox. */
      g_warning ("The outbox names %s %s, which does not exist; dropping the entry", sk->name, uuid);
      return _ud_sync_outbox_clear (db, sk, uuid, NULL, error);
    }
  (*n)++;

  for (guint i = 0; i < children->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (children, i), "\n", 2);

      if (!g_hash_table_add (taken, g_strdup (g_ptr_array_index (children, i))))
        continue;
      if (append_change (db, ud_kind_lookup (parts[0]), parts[1], body, sent, &local_error))
        (*n)++;
      else if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
_ud_sync_store_next_batch (UdDatabase      *db,
                           UdSyncRunState  *state,
                           guint            max,
                           guint           *n_changes,
                           GError         **error)
{
  g_autoptr(GString) body = NULL;
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func ((GDestroyNotify) _ud_sync_sent_free);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *batch = NULL;
  gboolean full = FALSE;
  gint64 pushed;
  guint n_entries = 0;
  guint n = 0;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (state->client_uuid != NULL, FALSE);
  g_return_val_if_fail (max > 0 && max <= UD_SYNC_MAX_BATCH, FALSE);

  *n_changes = 0;
  batch = ud_uuid_v7_new ();
  body = g_string_sized_new (512 * (gsize) max);
  g_string_append_printf (body, "{\"protocol\":%d,\"client\":", UD_SYNC_PROTOCOL);
  ud_json_append_string (body, state->client_uuid);
  g_string_append (body, ",\"batch\":");
  ud_json_append_string (body, batch);
  g_string_append (body, ",\"changes\":[");

  if (!ud_database_begin (db, error))
    return FALSE;

  /* By kind in push order, then by row, which follows the time records
   * were created here: each query walks the outbox's primary key. */
  for (const UdKind * const *kinds = ud_kind_list (NULL); *kinds != NULL && n < max && !full; kinds++)
    {
      const UdKind *sk = *kinds;
      g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      int rc;

      /* Built from the kind's description only. */
      sql = g_strconcat ("SELECT o.id, t.uuid FROM sync_outbox o LEFT JOIN ", sk->table, " t ON t.id = o.id"
                         " WHERE o.kind = (SELECT code FROM sync_kind WHERE name = ?1) ORDER BY o.id LIMIT ?2", NULL);
      stmt = ud_database_prepare_built (db, sql, error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, sk->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) (max - n));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
            g_ptr_array_add (uuids, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
          else
            g_array_append_val (gone, id);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          ud_database_set_error (db, error, _("read the changes to send"));
          goto failed;
        }

      /* Nothing is ever removed from the record tables; should a row be
       * gone all the same, its entry would block the outbox. */
      for (guint i = 0; i < gone->len; i++)
        {
          g_warning ("The outbox names %s row %" G_GINT64_FORMAT ", which does not exist; dropping the entry",
                     sk->name, g_array_index (gone, gint64, i));
          if (!drop_outbox_entry (db, sk, g_array_index (gone, gint64, i), error))
            goto failed;
        }

      for (guint i = 0; i < uuids->len && n < max; i++)
        {
          g_autofree char *key = g_strconcat (sk->name, "\n", g_ptr_array_index (uuids, i), NULL);
          g_autoptr(GError) local_error = NULL;
          guint before = n;

          /* Sent already, after its record. */
          if (g_hash_table_contains (taken, key))
            continue;
          if (!append_with_children (db, sk, g_ptr_array_index (uuids, i), body, sent, taken, max, &n,
                                     &local_error))
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  goto failed;
                }
              /* The next batch takes it with its children. */
              if (n == before && n > 0)
                {
                  full = TRUE;
                  break;
                }
            }
        }
    }
  g_string_append_c (body, ']');

  /* The audit entries go with the changes, or alone while the server
   * takes them: one that does not (the office's trail does not follow its
   * copy) must not keep the run sending the same entries. */
  pushed = audit_pushed (db);
  if (n > 0 || pushed != state->audit_alone_from)
    {
      if (!append_audit (db, state, pushed, body, &n_entries, error))
        goto failed;
      if (n == 0 && n_entries > 0)
        state->audit_alone_from = pushed;
    }
  g_string_append_c (body, '}');

  if (n + n_entries > 0 && !_ud_sync_set_pending (db, batch, body->str, error))
    goto failed;
  if (!ud_database_commit (db, error))
    return FALSE;

  if (n + n_entries > 0)
    {
      g_free (state->pending_batch);
      state->pending_batch = g_steal_pointer (&batch);
      g_free (state->pending_body);
      state->pending_body = g_string_free (g_steal_pointer (&body), FALSE);
      g_clear_pointer (&state->sent, g_ptr_array_unref);
      state->sent = g_steal_pointer (&sent);
    }
  *n_changes = n;

  return TRUE;

failed:
  ud_database_rollback (db);
  return FALSE;
}

gboolean
_ud_sync_store_drop_pending (UdDatabase      *db,
                             UdSyncRunState  *state,
                             GError         **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (!ud_database_begin (db, error))
    return FALSE;
  if (!_ud_sync_set_pending (db, NULL, NULL, error) || !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }

  g_clear_pointer (&state->pending_batch, g_free);
  g_clear_pointer (&state->pending_body, g_free);
  g_clear_pointer (&state->sent, g_ptr_array_unref);

  return TRUE;
}

gboolean
_ud_sync_store_end_run (UdDatabase           *db,
                        const char           *server_url,
                        const char           *started_at,
                        const UdSyncSummary  *summary,
                        const GError         *failure,
                        GError              **error)
{
  g_autofree char *now = ud_database_now_iso ();
  const char *message = failure != NULL ? failure->message : NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (!ud_database_begin (db, error))
    return FALSE;

  stmt = ud_database_prepare (db,
                              "UPDATE sync_state SET last_attempt_at = ?1, last_error = ?2,"
                              " last_success_at = CASE WHEN ?2 IS NULL THEN ?3 ELSE last_success_at END"
                              " WHERE id = 1",
                              error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, started_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, message, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (!_ud_sync_step_done (db, stmt, _("save the sync state"), error))
    goto failed;

  stmt = ud_database_prepare (db,
                              "INSERT INTO sync_log (started_at, finished_at, server_url, pushed, pulled, conflicts, error, refused)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                              error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, started_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, server_url, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, summary->pushed);
  sqlite3_bind_int64 (stmt, 5, summary->pulled);
  sqlite3_bind_int64 (stmt, 6, summary->conflicts);
  sqlite3_bind_text (stmt, 7, message, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, (gint64) summary->refused + summary->refused_by_server);
  if (!_ud_sync_step_done (db, stmt, _("write the sync log"), error))
    goto failed;

  stmt = ud_database_prepare (db,
                              "DELETE FROM sync_log WHERE id <= (SELECT max (id) FROM sync_log) - ?1",
                              error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, LOG_KEEP);
  if (!_ud_sync_step_done (db, stmt, _("write the sync log"), error))
    goto failed;

  return ud_database_commit (db, error);

failed:
  ud_database_rollback (db);
  return FALSE;
}

/* ---- public: state, conflicts, log ---------------------------------------- */

void
ud_sync_status_free (UdSyncStatus *status)
{
  if (status == NULL)
    return;

  g_free (status->server_url);
  g_free (status->client_uuid);
  g_free (status->last_success_at);
  g_free (status->last_attempt_at);
  g_free (status->last_error);
  g_free (status);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/**
 * ud_sync_status_load:
 * @db: the office database
 * @error: return location for a %UD_DATABASE_ERROR
 *
 * Returns: (transfer full): the sync state as the header bar shows it
 */
UdSyncStatus *
ud_sync_status_load (UdDatabase  *db,
                     GError     **error)
{
  g_autoptr(UdSyncStatus) status = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  status = g_new0 (UdSyncStatus, 1);

  stmt = ud_database_prepare (db,
                              "SELECT server_url, client_uuid, cursor, last_success_at, last_attempt_at, last_error"
                              " FROM sync_state WHERE id = 1",
                              error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      status->server_url = column_text (stmt, 0);
      status->client_uuid = column_text (stmt, 1);
      status->cursor = sqlite3_column_int64 (stmt, 2);
      status->last_success_at = column_text (stmt, 3);
      status->last_attempt_at = column_text (stmt, 4);
      status->last_error = column_text (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the sync state"));
      return NULL;
    }
  if (status->server_url == NULL)
    status->server_url = g_strdup ("");

  status->pending = ud_database_outbox_count (db);
  status->open_conflicts = ud_sync_conflicts_count_open (db);
  status->flags = query_count (db, "SELECT count (*) FROM sync_flag");

  return g_steal_pointer (&status);
}

gboolean
ud_sync_follow_clock (UdDatabase  *db,
                      GError     **error)
{
  g_autofree char *last = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  last = ud_database_get_meta (db, "hlc_last");
  if (last == NULL)
    return TRUE;

  /* The stamp was checked for drift when it was pulled. */
  if (!ud_hlc_clock_observe (ud_database_get_clock (db), last, &local_error) &&
      !g_error_matches (local_error, UD_HLC_ERROR, UD_HLC_ERROR_DRIFT))
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT,
                   _("The sync clock kept in the database is damaged; restore the database from a backup."));
      return FALSE;
    }

  return TRUE;
}

void
ud_sync_conflict_free (UdSyncConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->uuid);
  g_clear_pointer (&conflict->winner, ud_record_unref);
  g_clear_pointer (&conflict->loser, ud_record_unref);
  g_free (conflict->detected_at);
  g_free (conflict->resolved_at);
  g_free (conflict->resolved_by);
  g_free (conflict);
}

/* A stored version as a record. */
static UdRecord *
record_from_stored (const UdKind  *kind,
                    const char    *uuid,
                    const char    *district,
                    const char    *hlc,
                    gboolean       deleted,
                    const char    *data,
                    GError       **error)
{
  g_autoptr(UdSyncJson) json = _ud_sync_json_parse (data, strlen (data), NULL);
  const UdSyncJsonValue *root = json != NULL ? _ud_sync_json_root (json) : NULL;

  if (root == NULL || _ud_sync_json_type (root) != UD_SYNC_JSON_OBJECT)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT,
                   _("A version kept for a sync conflict is damaged; restore the database from a backup."));
      return NULL;
    }

  return _ud_sync_record_from_parts (kind, uuid, district, hlc, deleted, root, error);
}

static UdSyncConflict *
read_conflict (UdDatabase    *db,
               sqlite3_stmt  *stmt,
               const char    *node,
               GError       **error)
{
  g_autoptr(UdSyncConflict) conflict = g_new0 (UdSyncConflict, 1);
  const UdKind *sk = _ud_sync_find_kind ((const char *) sqlite3_column_text (stmt, 1));
  const char *district = ud_database_get_district (db);
  const char *winner_hlc = (const char *) sqlite3_column_text (stmt, 4);
  const char *loser_hlc = (const char *) sqlite3_column_text (stmt, 7);

  if (sk == NULL)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("A sync conflict is about a kind of record this version of UnionDesk does not know."));
      return NULL;
    }

  conflict->id = sqlite3_column_int64 (stmt, 0);
  conflict->kind = sk;
  conflict->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  conflict->reason = g_str_equal ((const char *) sqlite3_column_text (stmt, 3), "rejected")
                     ? UD_SYNC_CONFLICT_REJECTED : UD_SYNC_CONFLICT_EDITED;
  if (*winner_hlc != '\0')
    {
      conflict->winner = record_from_stored (sk, conflict->uuid, district, winner_hlc,
                                             sqlite3_column_int (stmt, 5) != 0,
                                             (const char *) sqlite3_column_text (stmt, 6), error);
      if (conflict->winner == NULL)
        return NULL;
    }
  conflict->loser = record_from_stored (sk, conflict->uuid, district, loser_hlc,
                                        sqlite3_column_int (stmt, 8) != 0,
                                        (const char *) sqlite3_column_text (stmt, 9), error);
  if (conflict->loser == NULL)
    return NULL;
  conflict->winner_here = g_str_equal (_ud_sync_hlc_node (winner_hlc), node);
  conflict->loser_here = g_str_equal (_ud_sync_hlc_node (loser_hlc), node);
  conflict->detected_at = column_text (stmt, 10);
  conflict->resolved_at = column_text (stmt, 11);
  conflict->resolved_by = column_text (stmt, 12);
  conflict->kept_loser = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 13), "loser") == 0;
  conflict->merged = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 13), "merged") == 0;

  return g_steal_pointer (&conflict);
}

/**
 * ud_sync_conflicts_list:
 * @db: the office database
 * @include_resolved: whether to list the resolved conflicts too
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type UdSyncConflict): the conflicts,
 *   open ones first, each group oldest first
 */
GPtrArray *
ud_sync_conflicts_list (UdDatabase  *db,
                        gboolean     include_resolved,
                        GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_sync_conflict_free);
  g_autofree char *node = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = _ud_sync_office_node (db);
  stmt = ud_database_prepare (db,
                              include_resolved
                              ? CONFLICT_COLUMNS " ORDER BY resolved_at IS NOT NULL, id"
                              : CONFLICT_COLUMNS " WHERE resolved_at IS NULL ORDER BY id",
                              error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdSyncConflict *conflict = read_conflict (db, stmt, node, error);

      if (conflict == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (list, conflict);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the sync conflicts"));
      return NULL;
    }

  return g_steal_pointer (&list);
}

gint64
ud_sync_conflicts_count_open (UdDatabase *db)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), 0);

  return query_count (db, "SELECT count (*) FROM sync_conflict WHERE resolved_at IS NULL");
}

/**
 * ud_sync_conflict_differences:
 * @conflict: a conflict between two versions of a record
 *
 * Returns: (transfer container) (element-type UdField): the synced fields
 *   whose values the two versions differ in, in the kind's order (empty
 *   when one of them is not there)
 */
GPtrArray *
ud_sync_conflict_differences (const UdSyncConflict *conflict)
{
  GPtrArray *fields = g_ptr_array_new ();
  g_autoptr(UdRecord) winner = NULL;
  g_autoptr(UdRecord) loser = NULL;

  g_return_val_if_fail (conflict != NULL, NULL);

  if (conflict->winner == NULL || conflict->loser == NULL)
    return fields;

  /* Each as it would be stored: a version may have come without what
   * follows from its other fields (a member's birth date). */
  winner = ud_record_copy (conflict->winner);
  loser = ud_record_copy (conflict->loser);
  ud_record_check (winner, NULL);
  ud_record_check (loser, NULL);

  for (guint i = 0; i < conflict->kind->n_fields; i++)
    if ((conflict->kind->fields[i].flags & UD_FIELD_SYNCED) &&
        g_strcmp0 (winner->values[i], loser->values[i]) != 0)
      g_ptr_array_add (fields, (gpointer) &conflict->kind->fields[i]);

  return fields;
}

/* The version a person keeps: one of the two, or the record the winner
 * holds with the fields @from_loser taken from the version set aside. */
static UdRecord *
version_to_keep (const UdSyncConflict  *conflict,
                 UdSyncChoice           choice,
                 const char * const    *from_loser,
                 GError               **error)
{
  UdRecord *chosen = choice == UD_SYNC_KEEP_WINNER ? conflict->winner : conflict->loser;
  g_autoptr(UdRecord) merged = NULL;

  if (from_loser == NULL)
    {
      if (chosen == NULL)
        {
          g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                       _("There is no version of this record here to keep; keep the other one."));
          return NULL;
        }
      return ud_record_ref (chosen);
    }

  if (conflict->winner == NULL || conflict->loser == NULL ||
      conflict->winner->deleted || conflict->loser->deleted)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("One of the two versions is missing or deleted, so they cannot be combined; keep one of them whole."));
      return NULL;
    }

  merged = ud_record_copy (conflict->winner);
  for (guint i = 0; from_loser[i] != NULL; i++)
    {
      const UdField *field = ud_kind_find_field (conflict->kind, from_loser[i]);

      if (field == NULL || (field->flags & UD_FIELD_SYNCED) == 0)
        {
          g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                       /* TRANSLATORS: a field name, then a kind of record */
                       _("“%s” is not a field of a %s."), from_loser[i], _(conflict->kind->label));
          return NULL;
        }
      ud_record_set (merged, field->name, ud_record_get (conflict->loser, field->name));
    }

  return g_steal_pointer (&merged);
}

/* Keeps a version (see version_to_keep()) as a new local change and
 * closes the conflict, in one transaction with the audit log. */
static gboolean
keep_version (UdDatabase          *db,
              gint64               id,
              UdSyncChoice         choice,
              const char * const  *from_loser,
              GError             **error)
{
  g_autoptr(UdSyncConflict) conflict = NULL;
  g_autoptr(UdRecord) local = NULL;
  g_autoptr(UdRecord) chosen = NULL;
  g_autoptr(UdRecord) version = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *node = NULL;
  g_autofree char *now = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *detail = NULL;
  const char *resolution;
  sqlite3_stmt *stmt;
  int rc;

  if (!ud_database_begin (db, error))
    return FALSE;

  node = _ud_sync_office_node (db);
  stmt = ud_database_prepare (db, CONFLICT_COLUMNS " WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    conflict = read_conflict (db, stmt, node, error);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW && conflict == NULL)
    goto failed;
  if (conflict == NULL || conflict->resolved_at != NULL)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_FOUND,
                   _("This sync conflict has been resolved already."));
      goto failed;
    }

  /* Choosing a version is editing the record. */
  if (!ud_database_require (db, conflict->kind->edit_permission, error))
    goto failed;

  chosen = version_to_keep (conflict, choice, from_loser, error);
  if (chosen == NULL)
    goto failed;

  /* A version set aside because it could not be stored cannot be kept
   * as it is either. */
  for (guint i = 0; i < chosen->kind->n_fields; i++)
    if ((chosen->kind->fields[i].flags & UD_FIELD_REQUIRED) && !chosen->deleted &&
        *chosen->values[i] == '\0')
      {
        g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                     /* TRANSLATORS: %s is a field label */
                     _("%s: is empty in this version, so it cannot be kept; keep the other one, or correct the record afterwards."),
                     _(chosen->kind->fields[i].label));
        goto failed;
      }

  local = _ud_record_store_read_by_uuid (db, conflict->kind, conflict->uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }

  /* Nothing to write when the record already holds the chosen contents. */
  if (local == NULL || local->deleted != chosen->deleted || !ud_record_equal_values (local, chosen))
    {
      version = ud_record_copy (chosen);
      g_free (version->hlc);
      version->hlc = ud_database_next_hlc (db);
      g_free (version->updated_at);
      version->updated_at = ud_database_now_iso ();
      g_free (version->updated_by);
      version->updated_by = g_strdup (ud_database_get_actor (db));
      if (local != NULL)
        {
          g_free (version->district);
          version->district = g_strdup (local->district);
        }

      /* Checked as any version is: a combination must be a valid record. */
      if (!_ud_record_store_apply_remote (db, version, local, NULL, error) ||
          !ud_database_outbox_append (db, conflict->kind->name, local != NULL ? local->id : version->id, error))
        goto failed;
    }

  resolution = from_loser != NULL ? "merged" : choice == UD_SYNC_KEEP_WINNER ? "winner" : "loser";
  fields = from_loser != NULL ? g_strjoinv (",", (char **) from_loser) : NULL;
  now = ud_database_now_iso ();
  stmt = ud_database_prepare (db,
                              "UPDATE sync_conflict SET resolved_at = ?1, resolved_by = ?2, resolution = ?3"
                              " WHERE id = ?4",
                              error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ud_database_get_actor (db), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, resolution, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, id);
  /* A combination names the fields taken from the version set aside. */
  detail = ud_audit_detail_new ("conflict", "resolution", resolution, "fields", fields,
                                "hlc", version != NULL ? version->hlc : chosen->hlc, NULL);
  if (!_ud_sync_step_done (db, stmt, _("close the sync conflict"), error) ||
      !ud_database_audit (db, "resolve_conflict", conflict->kind->name, conflict->uuid, NULL,
                          NULL, NULL, detail, error) ||
      !ud_database_commit (db, error))
    goto failed;

  return TRUE;

failed:
  ud_database_rollback (db);
  return FALSE;
}

/**
 * ud_sync_conflict_resolve:
 * @db: the office database
 * @id: the conflict
 * @choice: the version to keep
 * @error: return location for an error
 *
 * Keeps the chosen version as a new local change, pushed at the next
 * sync, and closes the conflict, in one transaction with the audit log.
 *
 * Returns: %TRUE on success
 */
gboolean
ud_sync_conflict_resolve (UdDatabase    *db,
                          gint64         id,
                          UdSyncChoice   choice,
                          GError       **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (choice == UD_SYNC_KEEP_WINNER || choice == UD_SYNC_KEEP_LOSER, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return keep_version (db, id, choice, NULL, error);
}

/**
 * ud_sync_conflict_merge:
 * @db: the office database
 * @id: the conflict
 * @from_loser: (array zero-terminated=1): the fields to take from the
 *   version set aside; every other field keeps the record's
 * @error: return location for an error
 *
 * Keeps a version combined field by field from the two, checked like any
 * record, as a new local change pushed at the next sync, and closes the
 * conflict, in one transaction with the audit log.
 *
 * Returns: %TRUE on success
 */
gboolean
ud_sync_conflict_merge (UdDatabase          *db,
                        gint64               id,
                        const char * const  *from_loser,
                        GError             **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (from_loser != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return keep_version (db, id, UD_SYNC_KEEP_WINNER, from_loser, error);
}

void
ud_sync_log_entry_free (UdSyncLogEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->started_at);
  g_free (entry->finished_at);
  g_free (entry->server_url);
  g_free (entry->error);
  g_free (entry);
}

/**
 * ud_sync_log_list:
 * @db: the office database
 * @limit: how many entries at most
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type UdSyncLogEntry): the recent
 *   syncs, newest first
 */
GPtrArray *
ud_sync_log_list (UdDatabase  *db,
                  guint        limit,
                  GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_sync_log_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ud_database_prepare (db,
                              "SELECT started_at, finished_at, server_url, pushed, pulled, conflicts, error, refused"
                              " FROM sync_log ORDER BY id DESC LIMIT ?1",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdSyncLogEntry *entry = g_new0 (UdSyncLogEntry, 1);

      entry->started_at = column_text (stmt, 0);
      entry->finished_at = column_text (stmt, 1);
      entry->server_url = column_text (stmt, 2);
      entry->pushed = (guint) sqlite3_column_int64 (stmt, 3);
      entry->pulled = (guint) sqlite3_column_int64 (stmt, 4);
      entry->conflicts = (guint) sqlite3_column_int64 (stmt, 5);
      entry->error = column_text (stmt, 6);
      entry->refused = (guint) sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (list, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the sync log"));
      return NULL;
    }

  return g_steal_pointer (&list);
}

/* ---- refusals ------------------------------------------------------------ */

void
ud_sync_refusal_free (UdSyncRefusal *refusal)
{
  if (refusal == NULL)
    return;

  g_free (refusal->kind_name);
  g_free (refusal->uuid);
  g_free (refusal->hlc);
  g_free (refusal->title);
  g_free (refusal->reason);
  g_free (refusal->refused_at);
  g_free (refusal);
}

/* What a person recognises @record by: its kind's title fields as they
 * read on screen (choices by their labels, identifiers masked). */
static char *
refusal_title (const UdRecord *record)
{
  GString *title = g_string_new (NULL);
  const UdKind *kind = record != NULL ? record->kind : NULL;

  for (guint i = 0; kind != NULL && kind->title_fields != NULL && kind->title_fields[i] != NULL; i++)
    {
      int index = ud_kind_field_index (kind, kind->title_fields[i]);
      g_autofree char *shown = NULL;

      if (index < 0 || record->values[index] == NULL || *record->values[index] == '\0')
        continue;
      shown = ud_field_display (&kind->fields[index], record->values[index], TRUE);
      if (shown == NULL || *shown == '\0')
        continue;
      if (title->len > 0)
        g_string_append_c (title, ' ');
      g_string_append (title, shown);
    }

  return g_string_free (title, FALSE);
}

gboolean
_ud_sync_note_refusal (UdDatabase      *db,
                       gboolean         by_server,
                       const char      *kind,
                       const char      *uuid,
                       const char      *hlc,
                       const UdRecord  *record,
                       const char      *reason,
                       GError         **error)
{
  g_autofree char *now = ud_database_now_iso ();
  g_autofree char *title = refusal_title (record);
  sqlite3_stmt *stmt;

  /* The same version refused again (a page pulled twice) is noted once,
   * with the latest sentence. */
  stmt = ud_database_prepare (db,
                              "INSERT INTO sync_refusal (side, kind, uuid, hlc, reason, refused_at, title)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                              " ON CONFLICT (side, kind, uuid, hlc) DO UPDATE SET reason = excluded.reason,"
                              " refused_at = excluded.refused_at, title = excluded.title",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, by_server ? "server" : "here", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, title, -1, SQLITE_STATIC);

  return _ud_sync_step_done (db, stmt, _("note a refused record"), error);
}

GPtrArray *
ud_sync_refusals_list (UdDatabase  *db,
                       const char  *since,
                       guint        limit,
                       GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_sync_refusal_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ud_database_prepare (db,
                              "SELECT side, kind, uuid, hlc, reason, refused_at, title FROM sync_refusal"
                              " WHERE refused_at >= ?1 ORDER BY refused_at DESC, id DESC LIMIT ?2",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, since != NULL ? since : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdSyncRefusal *refusal = g_new0 (UdSyncRefusal, 1);

      refusal->by_server = g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "server");
      refusal->kind_name = column_text (stmt, 1);
      refusal->kind = _ud_sync_find_kind (refusal->kind_name);
      refusal->uuid = column_text (stmt, 2);
      refusal->hlc = column_text (stmt, 3);
      refusal->reason = column_text (stmt, 4);
      refusal->refused_at = column_text (stmt, 5);
      refusal->title = column_text (stmt, 6);
      g_ptr_array_add (list, refusal);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the refused records"));
      return NULL;
    }

  return g_steal_pointer (&list);
}
