/* ud-sync-apply.c — what comes back from the server: push answers, pull pages
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-database-private.h"
#include "ud-sync-private.h"
#include "ud-sync-store.h"

#include "ud-received.h"
#include "ud-trail.h"
#include "ud-uuid.h"

/* How versions, conflicts and twins work is told at the top of
 * ud-sync-store.c; this file applies what the server sends back. */

/* Short names for the reader's accessors: values of the protocol. */
typedef UdSyncJsonValue JValue;

/* What a page or an answer is applied with. */
typedef struct
{
  UdDatabase     *db;
  UdSyncJson     *json;     /* the answer or page being applied */
  UdSyncSummary  *summary;
  char           *node;     /* this office's HLC node */
  char           *now;
  /* The versions of the page being applied, checked together (NULL for
   * a push's answer: each version is checked alone). */
  UdReceivedBatch *batch;
  /* The snapshot of a first sync into an office that holds nothing and
   * knows no record under two uuids: a new record is written without
   * the look-ups a pulled one needs (apply_new()). */
  gboolean         snapshot;
} ApplyContext;

/* One version of a record, as a conflict keeps it. */
typedef struct
{
  const char *hlc;
  gboolean    deleted;
  const char *data;   /* JSON text */
} Version;

static const char *
jv_string (const JValue *object,
           const char   *name)
{
  return _ud_sync_json_get_string (object, name);
}

static gboolean
jv_int (const JValue *object,
        const char   *name,
        gint64       *value)
{
  return _ud_sync_json_get_int (object, name, value);
}

static const JValue *
jv_array (const JValue *object,
          const char   *name)
{
  return _ud_sync_json_get_array (object, name);
}

static const JValue *
jv_object (const JValue *object,
           const char   *name)
{
  return _ud_sync_json_get_object (object, name);
}

/* The elements of @array that are objects, or NULL for any other. */
static const JValue *
jv_object_element (const JValue *array,
                   guint         index)
{
  const JValue *element = _ud_sync_json_element (array, index);

  return _ud_sync_json_type (element) == UD_SYNC_JSON_OBJECT ? element : NULL;
}

/* A version in the protocol's change shape, read into a record of @kind;
 * NULL with UD_SYNC_ERROR_BAD_ANSWER when it is not one. */
static UdRecord *
record_from_change (const UdKind  *kind,
                    const JValue  *change,
                    GError       **error)
{
  const char *uuid = jv_string (change, "uuid");
  const char *district = jv_string (change, "district");
  const char *hlc = jv_string (change, "hlc");
  const JValue *data = jv_object (change, "data");
  gboolean deleted;

  if (!ud_uuid_is_valid (uuid) || district == NULL || !ud_hlc_parse (hlc, NULL, NULL, NULL) ||
      !_ud_sync_json_get_boolean (change, "deleted", &deleted) || data == NULL)
    {
      _ud_sync_set_bad_answer (error, _("a change without its identifier, district, version stamp, deletion mark or contents"));
      return NULL;
    }

  return _ud_sync_record_from_parts (kind, uuid, district, hlc, deleted, data, error);
}

/* Whether a version can be stored as a record: its required fields. */
static gboolean
has_required_fields (const UdRecord *record)
{
  for (guint i = 0; i < record->kind->n_fields; i++)
    if ((record->kind->fields[i].flags & UD_FIELD_REQUIRED) && *record->values[i] == '\0')
      return FALSE;

  return TRUE;
}

static gboolean
base_set (UdDatabase  *db,
          const char  *kind,
          const char  *uuid,
          const char  *hlc,
          GError     **error)
{
  sqlite3_stmt *stmt = ud_database_prepare (db,
                                            "INSERT INTO sync_base (kind, uuid, hlc) VALUES (?1, ?2, ?3)"
                                            " ON CONFLICT (kind, uuid) DO UPDATE SET hlc = excluded.hlc",
                                            error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hlc, -1, SQLITE_STATIC);

  return _ud_sync_step_done (db, stmt, _("remember the server’s version"), error);
}

static gboolean
alias_set (UdDatabase  *db,
           const char  *kind,
           const char  *uuid,
           const char  *local_uuid,
           GError     **error)
{
  sqlite3_stmt *stmt = ud_database_prepare (db,
                                            "INSERT INTO sync_alias (kind, uuid, local_uuid) VALUES (?1, ?2, ?3)"
                                            " ON CONFLICT (kind, uuid) DO UPDATE SET local_uuid = excluded.local_uuid",
                                            error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, local_uuid, -1, SQLITE_STATIC);

  return _ud_sync_step_done (db, stmt, _("remember a record known under two identifiers"), error);
}

/* The local record a pulled version is about: the same uuid (when
 * @same_uuid_exists), a uuid merged before, or — for a live version — the
 * same person (ID number) or unit (name) entered in another office, which
 * is merged from now on.  *twin is set when the local record has another
 * uuid. */
static UdRecord *
find_local (UdDatabase        *db,
            const UdKind      *sk,
            const UdRecord    *version,
            gboolean           same_uuid_exists,
            gboolean          *twin,
            GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *alias = NULL;
  UdRecord *local = NULL;

  *twin = FALSE;

  if (same_uuid_exists)
    {
      local = _ud_record_store_read_by_uuid (db, sk, version->uuid, &local_error);
      if (local != NULL || local_error != NULL)
        goto out;
    }

  *twin = TRUE;
  alias = _ud_sync_query_text (db, "SELECT local_uuid FROM sync_alias WHERE kind = ?1 AND uuid = ?2",
                      sk->name, version->uuid);
  if (alias != NULL)
    {
      local = _ud_record_store_read_by_uuid (db, sk, alias, &local_error);
      if (local != NULL || local_error != NULL)
        goto out;
    }

  /* Another office's deletion of its own record is not a reason to
   * delete ours. */
  if (version->deleted)
    goto out;

  local = _ud_record_store_find_twin (db, version, &local_error);
  if (local != NULL && !alias_set (db, sk->name, version->uuid, local->uuid, &local_error))
    g_clear_pointer (&local, ud_record_unref);

out:
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return local;
}

/* A tombstone may come without contents: it keeps the local ones. */
static void
fill_from (UdRecord       *version,
           const UdRecord *local)
{
  if (local == NULL || has_required_fields (version))
    return;

  for (guint i = 0; i < version->kind->n_fields; i++)
    if (*version->values[i] == '\0')
      ud_record_set_nth (version, i, local->values[i]);
}

static void
version_from_record (Version         *v,
                     const UdRecord  *record,
                     char           **json)
{
  *json = ud_record_to_json_text (record);
  v->hlc = record->hlc;
  v->deleted = record->deleted;
  v->data = *json;
}

/* Reads a change object of a conflict. */
static gboolean
version_from_change (ApplyContext  *ctx,
                     Version       *v,
                     const JValue  *change,
                     char         **json,
                     GError       **error)
{
  const JValue *data = jv_object (change, "data");

  v->hlc = jv_string (change, "hlc");
  if (!ud_hlc_parse (v->hlc, NULL, NULL, NULL) || data == NULL ||
      !_ud_sync_json_get_boolean (change, "deleted", &v->deleted))
    {
      _ud_sync_set_bad_answer (error, _("a conflict without both versions"));
      return FALSE;
    }

  *json = _ud_sync_json_text (ctx->json, data);
  v->data = *json;

  return TRUE;
}

/* Lists a conflict unless the same pair of versions is listed already;
 * a server seq found later is added to the listed one. */
static gboolean
record_conflict (ApplyContext          *ctx,
                 const char            *kind,
                 const char            *uuid,
                 UdSyncConflictReason   reason,
                 const Version         *winner,
                 const Version         *loser,
                 gint64                 server_seq,
                 GError               **error)
{
  sqlite3_stmt *stmt;

  stmt = ud_database_prepare (ctx->db,
                              "INSERT OR IGNORE INTO sync_conflict (kind, uuid, reason, winner_hlc, winner_deleted,"
                              " winner_data, loser_hlc, loser_deleted, loser_data, server_seq, detected_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reason == UD_SYNC_CONFLICT_EDITED ? "edited" : "rejected", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, winner->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, winner->deleted ? 1 : 0);
  sqlite3_bind_text (stmt, 6, winner->data, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, loser->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, loser->deleted ? 1 : 0);
  sqlite3_bind_text (stmt, 9, loser->data, -1, SQLITE_STATIC);
  if (server_seq > 0)
    sqlite3_bind_int64 (stmt, 10, server_seq);
  sqlite3_bind_text (stmt, 11, ctx->now, -1, SQLITE_STATIC);
  if (!_ud_sync_step_done (ctx->db, stmt, _("list the sync conflict"), error))
    return FALSE;

  if (sqlite3_changes (ud_database_get_handle (ctx->db)) > 0)
    {
      ctx->summary->conflicts++;
      if (reason == UD_SYNC_CONFLICT_REJECTED)
        ctx->summary->rejected++;
      return TRUE;
    }

  if (server_seq <= 0)
    return TRUE;

  stmt = ud_database_prepare (ctx->db,
                              "UPDATE sync_conflict SET server_seq = ?4"
                              " WHERE kind = ?1 AND winner_hlc = ?2 AND loser_hlc = ?3 AND server_seq IS NULL",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, winner->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, loser->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, server_seq);

  return _ud_sync_step_done (ctx->db, stmt, _("list the sync conflict"), error);
}

static gboolean
record_edit_conflict (ApplyContext    *ctx,
                      const UdRecord  *winner,
                      const UdRecord  *loser,
                      const char      *local_uuid,
                      GError         **error)
{
  g_autofree char *winner_json = NULL;
  g_autofree char *loser_json = NULL;
  Version w;
  Version l;

  version_from_record (&w, winner, &winner_json);
  version_from_record (&l, loser, &loser_json);

  return record_conflict (ctx, winner->kind->name, local_uuid, UD_SYNC_CONFLICT_EDITED, &w, &l, 0, error);
}

/* A record of another office names records by uuid (an application its
 * member): one that this office holds under another uuid (the same person
 * entered in both, sync_alias) is named as this office knows it. */
static void
follow_aliases (UdDatabase *db,
                UdRecord   *version)
{
  const UdKind *kind = version->kind;

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const UdField *field = &kind->fields[i];
      const UdKind *other;
      g_autofree char *hlc = NULL;
      g_autofree char *alias = NULL;

      if (field->type != UD_FIELD_REFERENCE || field->reference == NULL ||
          field->reference->style != UD_REFERENCE_UUID || *version->values[i] == '\0')
        continue;

      other = field->reference->kind != NULL
              ? ud_kind_lookup (field->reference->kind)
              : _ud_sync_find_kind (ud_record_get (version, field->reference->kind_field));
      if (other == NULL)
        continue;

      hlc = _ud_record_store_read_hlc (db, other, version->values[i]);
      if (hlc != NULL)
        continue;
      alias = _ud_sync_query_text (db, "SELECT local_uuid FROM sync_alias WHERE kind = ?1 AND uuid = ?2",
                                   other->name, version->values[i]);
      if (alias != NULL)
        ud_record_set_nth (version, i, alias);
    }
}

/* What a version that arrives is checked with: this office's records. */
static UdRecord *
stored_record (gpointer       user_data,
               const UdKind  *kind,
               const char    *uuid,
               GError       **error)
{
  return _ud_record_store_read_by_uuid (user_data, kind, uuid, error);
}

static gboolean
stored_trail (gpointer       user_data,
              const UdKind  *kind,
              const char    *uuid,
              GPtrArray     *steps,
              GError       **error)
{
  return _ud_trail_read (user_data, kind, uuid, steps, error);
}

static UdReceivedBatch *
received_batch_new (UdDatabase *db)
{
  const UdReceivedStore store = {
    .db = db,
    .stored = stored_record,
    .stored_trail = stored_trail,
    .user_data = db,
  };

  return ud_received_batch_new (&store);
}

/* Why @version fails the checks every record that arrives goes through,
 * with the page it came in (or alone), or NULL when it passes. */
static gboolean
refusal_of (ApplyContext    *ctx,
            UdRecord        *version,
            char           **refusal,
            GError         **error)
{
  g_autoptr(UdReceivedBatch) alone = NULL;

  if (ctx->batch != NULL)
    {
      *refusal = g_strdup (ud_received_batch_refusal (ctx->batch, version));
      return TRUE;
    }

  alone = received_batch_new (ctx->db);
  ud_received_batch_add (alone, version);
  if (!ud_received_batch_check (alone, error))
    return FALSE;
  *refusal = g_strdup (ud_received_batch_refusal (alone, version));
  return TRUE;
}

/* Stores @version over @local, or lists it as rejected when a UNIQUE
 * constraint stops it (an ID number or unit name another record holds).
 * SQLite undoes the failed statement; what came before it in the attempt
 * (a unit created for the member) is valid on its own. */
static gboolean
store_version (ApplyContext      *ctx,
               const UdKind      *sk,
               UdRecord          *version,
               UdRecord          *local,
               gboolean          *stored,
               GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *winner_json = NULL;
  g_autofree char *loser_json = NULL;
  g_autofree char *refusal = NULL;
  Version w = { "", FALSE, "{}" };
  Version l;

  *stored = FALSE;

  if (!has_required_fields (version))
    goto rejected;

  /* A version that breaks the rules of its kind or of its workflow is
   * never stored: noted with the reason, nothing for a person to keep. */
  if (!refusal_of (ctx, version, &refusal, error))
    return FALSE;
  if (refusal != NULL)
    {
      g_debug ("Pulled %s %s refused: %s", sk->name, version->uuid, refusal);
      ctx->summary->refused++;
      return _ud_sync_note_refusal (ctx->db, FALSE, sk->name, version->uuid, version->hlc, version, refusal, error);
    }

  /* Its fields were checked just now, by refusal_of(): here only its
   * keys, against this office's records. */
  follow_aliases (ctx->db, version);
  if (_ud_record_store_apply_checked (ctx->db, version, local, &local_error))
    {
      *stored = TRUE;
      return TRUE;
    }

  /* Refused by the checks every record goes through, or by a UNIQUE
   * constraint: listed as rejected, for a person to see. */
  if (!g_error_matches (local_error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID) &&
      (sqlite3_extended_errcode (ud_database_get_handle (ctx->db)) & 0xff) != SQLITE_CONSTRAINT)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_debug ("Pulled %s %s not stored: %s", sk->name, version->uuid, local_error->message);

rejected:
  if (local != NULL)
    version_from_record (&w, local, &winner_json);
  version_from_record (&l, version, &loser_json);

  return record_conflict (ctx, sk->name, local != NULL ? local->uuid : version->uuid,
                          UD_SYNC_CONFLICT_REJECTED, &w, &l, 0, error);
}

static gboolean
observe (ApplyContext  *ctx,
         const char    *hlc,
         GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (ud_hlc_clock_observe (ud_database_get_clock (ctx->db), hlc, &local_error))
    return TRUE;

  if (g_error_matches (local_error, UD_HLC_ERROR, UD_HLC_ERROR_DRIFT))
    {
      /* The change is still applied; the local clock just does not jump
       * into another computer's future. */
      g_debug ("Not following the stamp %s: %s", hlc, local_error->message);
      ctx->summary->skewed++;
      return TRUE;
    }

  _ud_sync_set_bad_answer (error, _("a change with an invalid version stamp"));
  return FALSE;
}

/* One pulled change of a kind this version stores. */
static gboolean
apply_change (ApplyContext      *ctx,
              const UdKind      *sk,
              const JValue      *change,
              UdRecord          *version,
              GError           **error)
{
  g_autoptr(UdRecord) local = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *server_uuid = NULL;
  g_autofree char *local_hlc = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *base = NULL;
  const char *kind = sk->name;
  gboolean twin;
  gboolean stored = FALSE;
  gboolean keep_base = FALSE;
  int order;

  server_uuid = g_strdup (version->uuid);

  if (!observe (ctx, version->hlc, error))
    return FALSE;

  /* Our own pushes come back: known by their stamp, without reading the
   * whole record, and their base was set when the push was answered. */
  local_hlc = _ud_record_store_read_hlc (ctx->db, sk, server_uuid);
  if (local_hlc != NULL && g_str_equal (local_hlc, version->hlc))
    {
      ctx->summary->pulled++;
      return _ud_sync_outbox_clear (ctx->db, sk, server_uuid, version->hlc, error);
    }

  local = find_local (ctx->db, sk, version, local_hlc != NULL, &twin, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (local == NULL)
    {
      /* A deletion of a record this office never had needs no row. */
      if (!version->deleted && !store_version (ctx, sk, version, NULL, &stored, error))
        return FALSE;
      goto done;
    }

  /* Another office deleting its copy of a person or unit we hold under
   * our own uuid is most often a duplicate removed, not the person gone. */
  if (twin && version->deleted)
    goto done;

  order = strcmp (version->hlc, local->hlc);
  pending = _ud_sync_outbox_pending (ctx->db, sk, local->uuid);

  if (order == 0)
    {
      /* Our own push coming back, or a version we have already. */
      if (pending != NULL && g_str_equal (pending, version->hlc) &&
          !_ud_sync_outbox_clear (ctx->db, sk, local->uuid, version->hlc, error))
        return FALSE;
      goto done;
    }

  if (pending != NULL)
    {
      /* Changed here and there since the version we both started from:
       * the later stamp wins, as on the server, and both are listed. The
       * loser's office hears of it too: a local winner is pushed from
       * its old base, so the server lists the same pair. */
      base = _ud_sync_base_get (ctx->db, kind, server_uuid);
      if (base != NULL && g_str_equal (base, version->hlc))
        goto done;

      fill_from (version, local);
      if (order > 0)
        {
          g_autoptr(UdRecord) loser = ud_record_copy (local);

          if (!store_version (ctx, sk, version, local, &stored, error))
            return FALSE;
          if (stored &&
              (!_ud_sync_outbox_clear (ctx->db, sk, loser->uuid, NULL, error) ||
               !record_edit_conflict (ctx, version, loser, loser->uuid, error)))
            return FALSE;
        }
      else
        {
          if (!record_edit_conflict (ctx, local, version, local->uuid, error))
            return FALSE;
          /* Pushed from the version it was edited from, so that the
           * server sees the same conflict and tells the other office. */
          keep_base = TRUE;
        }
      goto done;
    }

  /* The same record: the server's version is the current one.  A twin
   * (another uuid merged into this record) only wins by its stamp. */
  if (twin && order < 0)
    goto done;

  fill_from (version, local);
  if (!store_version (ctx, sk, version, local, &stored, error))
    return FALSE;

done:
  if (stored)
    ctx->summary->applied++;
  ctx->summary->pulled++;

  return keep_base || base_set (ctx->db, kind, server_uuid, jv_string (change, "hlc"), error);
}

static gboolean
snapshot_refused (GError     **error,
                  const char  *why);

static gboolean
has_aliases (UdDatabase *db)
{
  g_autofree char *one = _ud_sync_query_text (db, "SELECT 1 FROM sync_alias LIMIT 1", NULL, NULL);

  return one != NULL;
}

/* A live version of a snapshot's page, already checked with the page
 * (ctx->batch), written as a new row when nothing here is about it: no
 * record of this office has its uuid (the row's UNIQUE uuid says so), no
 * alias names it (there are none, see ctx->snapshot) and it has no twin
 * (looked up by its natural keys).  Its sync base is written for all of
 * them at the end (snapshot_bases()).  *done is FALSE when it needs the
 * whole way of apply_change() instead, which this leaves as it found it;
 * a version refused by the checks refuses the snapshot, and the office
 * pulls page by page, where it is noted as refused. */
static gboolean
apply_new (ApplyContext  *ctx,
           UdRecord      *version,
           gboolean      *done,
           GError       **error)
{
  g_autoptr(UdRecord) twin = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *why = NULL;
  const char *refusal;
  int code;

  *done = FALSE;
  if (version->deleted || !has_required_fields (version))
    return TRUE;

  refusal = ud_received_batch_refusal (ctx->batch, version);
  if (refusal != NULL)
    {
      /* TRANSLATORS: the reason a record is refused, a sentence */
      why = g_strdup_printf (_("a record in it is refused: %s"), refusal);
      return snapshot_refused (error, why);
    }

  twin = _ud_record_store_find_twin (ctx->db, version, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (twin != NULL)
    return TRUE;

  if (!_ud_record_store_insert_checked (ctx->db, version, &local_error))
    {
      /* Another version of the same uuid, a unique key another record
       * holds, a reference that cannot be made: SQLite has undone the
       * statement, and apply_change() decides as for a pulled page. */
      code = sqlite3_extended_errcode (ud_database_get_handle (ctx->db)) & 0xff;
      if (g_error_matches (local_error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID) || code == SQLITE_CONSTRAINT)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!observe (ctx, version->hlc, error))
    return FALSE;
  ctx->summary->applied++;
  ctx->summary->pulled++;
  *done = TRUE;
  return TRUE;
}

/* A pulled change of a kind this version does not store: held as it is. */
static gboolean
hold_change (ApplyContext  *ctx,
             const char    *kind,
             const JValue  *change,
             GError       **error)
{
  g_autofree char *data = NULL;
  const JValue *data_value = jv_object (change, "data");
  const char *uuid = jv_string (change, "uuid");
  const char *district = jv_string (change, "district");
  const char *hlc = jv_string (change, "hlc");
  gboolean deleted;
  sqlite3_stmt *stmt;

  if (!ud_uuid_is_valid (uuid) || district == NULL || !ud_hlc_parse (hlc, NULL, NULL, NULL) ||
      data_value == NULL || !_ud_sync_json_get_boolean (change, "deleted", &deleted))
    {
      _ud_sync_set_bad_answer (error, _("a change without its identifier, district, version stamp, deletion mark or contents"));
      return FALSE;
    }

  if (!observe (ctx, hlc, error))
    return FALSE;

  data = _ud_sync_json_text (ctx->json, data_value);

  stmt = ud_database_prepare (ctx->db,
                              "INSERT INTO sync_held (kind, uuid, district, hlc, deleted, data)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                              " ON CONFLICT (kind, uuid) DO UPDATE SET district = excluded.district,"
                              " hlc = excluded.hlc, deleted = excluded.deleted, data = excluded.data",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, district, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, hlc, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, deleted ? 1 : 0);
  sqlite3_bind_text (stmt, 6, data, -1, SQLITE_STATIC);
  ctx->summary->pulled++;

  return _ud_sync_step_done (ctx->db, stmt, _("keep a record for a later version of UnionDesk"), error);
}

/* A conflict the server reports, from a push answer or a pull page. */
static gboolean
apply_server_conflict (ApplyContext  *ctx,
                       const JValue  *conflict,
                       gboolean       from_pull,
                       GError       **error)
{
  g_autofree char *winner_json = NULL;
  g_autofree char *loser_json = NULL;
  g_autofree char *alias = NULL;
  const char *kind = jv_string (conflict, "kind");
  const char *uuid = jv_string (conflict, "uuid");
  const JValue *winner = jv_object (conflict, "winner");
  const JValue *loser = jv_object (conflict, "loser");
  gint64 seq;
  Version w;
  Version l;

  if (kind == NULL || !ud_uuid_is_valid (uuid) || !jv_int (conflict, "seq", &seq) ||
      winner == NULL || loser == NULL)
    {
      _ud_sync_set_bad_answer (error, _("a conflict without its record or versions"));
      return FALSE;
    }

  /* Kinds this version does not store have no one here to resolve them. */
  if (_ud_sync_find_kind (kind) == NULL)
    return TRUE;

  if (!version_from_change (ctx, &w, winner, &winner_json, error) ||
      !version_from_change (ctx, &l, loser, &loser_json, error) ||
      !observe (ctx, w.hlc, error) || !observe (ctx, l.hlc, error))
    return FALSE;

  /* Every office of the district pulls every conflict of the district;
   * the ones whose versions were made elsewhere are not ours to resolve. */
  if (from_pull && !g_str_equal (_ud_sync_hlc_node (w.hlc), ctx->node) && !g_str_equal (_ud_sync_hlc_node (l.hlc), ctx->node))
    return TRUE;

  alias = _ud_sync_query_text (ctx->db, "SELECT local_uuid FROM sync_alias WHERE kind = ?1 AND uuid = ?2", kind, uuid);

  return record_conflict (ctx, kind, alias != NULL ? alias : uuid, UD_SYNC_CONFLICT_EDITED, &w, &l, seq, error);
}

static gboolean
apply_flag (ApplyContext  *ctx,
            const JValue  *flag,
            GError       **error)
{
  const char *names[] = { "kind", "uuid", "date", "other_district", "other_kind", "other_date" };
  const char *values[G_N_ELEMENTS (names)];
  sqlite3_stmt *stmt;
  gint64 seq;

  if (!jv_int (flag, "seq", &seq))
    {
      _ud_sync_set_bad_answer (error, _("a duplicate-aid flag without its number"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if ((values[i] = jv_string (flag, names[i])) == NULL)
      {
        _ud_sync_set_bad_answer (error, _("an incomplete duplicate-aid flag"));
        return FALSE;
      }

  stmt = ud_database_prepare (ctx->db,
                              "INSERT OR IGNORE INTO sync_flag (seq, kind, uuid, event_date, other_district,"
                              " other_kind, other_date, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, seq);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    sqlite3_bind_text (stmt, 2 + (int) i, values[i], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, ctx->now, -1, SQLITE_STATIC);

  return _ud_sync_step_done (ctx->db, stmt, _("keep the duplicate-aid flag"), error);
}

static void
apply_context_init (ApplyContext  *ctx,
                    UdDatabase    *db,
                    UdSyncJson    *json,
                    UdSyncSummary *summary)
{
  ctx->db = db;
  ctx->json = json;
  ctx->summary = summary;
  ud_hlc_clock_set_max_drift (ud_database_get_clock (db), UD_SYNC_MAX_DRIFT_MS);
  ctx->node = _ud_sync_office_node (db);
  ctx->now = ud_database_now_iso ();
}

static void
apply_context_clear (ApplyContext *ctx)
{
  g_clear_pointer (&ctx->node, g_free);
  g_clear_pointer (&ctx->now, g_free);
  g_clear_pointer (&ctx->batch, ud_received_batch_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ApplyContext, apply_context_clear)

/* Keeps the clock's position, so that it resumes there (ud-database.h). */
static gboolean
save_clock (UdDatabase  *db,
            GError     **error)
{
  return ud_database_keep_clock (db, error);
}

/* What the pending batch holds, read back from the very bytes sent (after
 * a restart) when it is not known already. */
static GPtrArray *
read_sent (UdSyncRunState  *state,
           GError         **error)
{
  g_autoptr(UdSyncJson) json = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  const JValue *changes;
  guint n;

  if (state->sent != NULL)
    return g_ptr_array_ref (state->sent);

  json = _ud_sync_json_parse (state->pending_body, strlen (state->pending_body), error);
  if (json == NULL)
    return NULL;
  changes = jv_array (_ud_sync_json_root (json), "changes");
  n = _ud_sync_json_length (changes);
  sent = g_ptr_array_new_full (n, (GDestroyNotify) _ud_sync_sent_free);
  for (guint i = 0; i < n; i++)
    {
      const JValue *change = _ud_sync_json_element (changes, i);

      _ud_sync_sent_add (sent, jv_string (change, "kind"), jv_string (change, "uuid"), jv_string (change, "hlc"));
    }

  return g_steal_pointer (&sent);
}

/* One change of the pending batch and what the server said of it. */
static gboolean
apply_answer_change (ApplyContext  *ctx,
                     UdSyncSent    *change,
                     GHashTable    *conflicts,
                     GHashTable    *refused,
                     GError       **error)
{
  const char *kind = change->kind;
  const char *uuid = change->uuid;
  const char *hlc = change->hlc;
  g_autofree char *key = g_strconcat (kind, "/", uuid, NULL);
  const UdKind *sk = _ud_sync_find_kind (kind);
  const JValue *conflict = g_hash_table_lookup (conflicts, key);
  g_autoptr(UdRecord) winner = NULL;
  g_autoptr(UdRecord) local = NULL;
  g_autoptr(GError) local_error = NULL;
  const JValue *refusal = g_hash_table_lookup (refused, key);
  gboolean stored;

  /* The server did not take it (it breaks a rule of its kind or of its
   * workflow): noted with the server's sentence, and not sent again.  The
   * record stays here as it is, for a person to put right. */
  if (refusal != NULL)
    {
      const char *reason = jv_string (refusal, "reason");

      ctx->summary->refused_by_server++;
      /* Listed by what the record here is. */
      if (sk != NULL)
        {
          local = _ud_record_store_read_by_uuid (ctx->db, sk, uuid, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
      return _ud_sync_note_refusal (ctx->db, TRUE, kind, uuid, hlc, local, reason, error) &&
             _ud_sync_outbox_clear (ctx->db, sk, uuid, hlc, error);
    }

  if (conflict == NULL)
    {
      ctx->summary->pushed++;
      return base_set (ctx->db, kind, uuid, hlc, error) &&
             _ud_sync_outbox_clear (ctx->db, sk, uuid, hlc, error);
    }

  if (!apply_server_conflict (ctx, conflict, FALSE, error))
    return FALSE;

  winner = record_from_change (sk, jv_object (conflict, "winner"), error);
  if (winner == NULL || !base_set (ctx->db, kind, uuid, winner->hlc, error))
    return FALSE;

  if (g_str_equal (winner->hlc, hlc))
    {
      ctx->summary->pushed++;
      return _ud_sync_outbox_clear (ctx->db, sk, uuid, hlc, error);
    }

  /* Our version lost: the record takes the winner, unless it has changed
   * here again since it was sent (that change goes out next, from the
   * winner as its base). */
  local = _ud_record_store_read_by_uuid (ctx->db, sk, uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (local == NULL || !g_str_equal (local->hlc, hlc))
    return TRUE;

  fill_from (winner, local);
  if (!store_version (ctx, sk, winner, local, &stored, error))
    return FALSE;
  if (stored)
    ctx->summary->applied++;

  /* The row held the version pushed until now. */
  return _ud_sync_outbox_clear (ctx->db, sk, uuid, NULL, error);
}

gboolean
_ud_sync_store_apply_answer (UdDatabase      *db,
                             UdSyncRunState  *state,
                             UdSyncJson      *json,
                             UdSyncSummary   *summary,
                             GError         **error)
{
  g_auto(ApplyContext) ctx = { NULL };
  g_autoptr(GHashTable) conflicts = NULL;
  g_autoptr(GHashTable) refused = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  const JValue *answer = _ud_sync_json_root (json);
  const JValue *listed;
  const JValue *refused_list;
  const char *batch;
  guint n;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (state->pending_body != NULL, FALSE);

  batch = jv_string (answer, "batch");
  listed = jv_array (answer, "conflicts");
  if (batch == NULL || g_ascii_strcasecmp (batch, state->pending_batch) != 0 || listed == NULL)
    {
      _ud_sync_set_bad_answer (error, _("the answer to a push is not about the batch sent"));
      return FALSE;
    }

  sent = read_sent (state, error);
  if (sent == NULL)
    return FALSE;

  conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = _ud_sync_json_length (listed);
  for (guint i = 0; i < n; i++)
    {
      const JValue *conflict = jv_object_element (listed, i);
      const char *kind = jv_string (conflict, "kind");
      const char *uuid = jv_string (conflict, "uuid");
      const JValue *winner = jv_object (conflict, "winner");

      if (kind == NULL || uuid == NULL || winner == NULL || _ud_sync_find_kind (kind) == NULL)
        {
          _ud_sync_set_bad_answer (error, _("a conflict without its record or versions"));
          return FALSE;
        }
      g_hash_table_insert (conflicts, g_strconcat (kind, "/", uuid, NULL), (gpointer) conflict);
    }

  /* What the server refused, and why (a server before the checks of
   * what arrives refuses nothing). */
  refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  refused_list = jv_array (answer, "refused");
  n = _ud_sync_json_length (refused_list);
  for (guint i = 0; i < n; i++)
    {
      const JValue *refusal = jv_object_element (refused_list, i);
      const char *kind = jv_string (refusal, "kind");
      const char *uuid = jv_string (refusal, "uuid");

      if (kind == NULL || uuid == NULL || jv_string (refusal, "reason") == NULL)
        {
          _ud_sync_set_bad_answer (error, _("a refused change without its record or reason"));
          return FALSE;
        }
      g_hash_table_insert (refused, g_strconcat (kind, "/", uuid, NULL), (gpointer) refusal);
    }

  if (!ud_database_begin (db, error))
    return FALSE;
  apply_context_init (&ctx, db, json, summary);
  ud_database_set_outbox_capture (db, FALSE);

  for (guint i = 0; i < sent->len; i++)
    if (!apply_answer_change (&ctx, g_ptr_array_index (sent, i), conflicts, refused, error))
      goto failed;

  if (!_ud_sync_set_pending (db, NULL, NULL, error) || !save_clock (db, error) ||
      !_ud_sync_store_note_audit (db, json, error) || !ud_database_commit (db, error))
    goto failed;
  ud_database_set_outbox_capture (db, TRUE);

  g_clear_pointer (&state->pending_batch, g_free);
  g_clear_pointer (&state->pending_body, g_free);
  g_clear_pointer (&state->sent, g_ptr_array_unref);

  return TRUE;

failed:
  ud_database_rollback (db);
  ud_database_set_outbox_capture (db, TRUE);
  return FALSE;
}

static void
version_unref (gpointer version)
{
  if (version != NULL)
    ud_record_unref (version);
}

/* One page, in a transaction of its own (committed with its cursor) or,
 * with @own_transaction FALSE, in the caller's (which rolls back on a
 * failure). */
static gboolean
apply_page_in (UdDatabase      *db,
               UdSyncRunState  *state,
               UdSyncJson      *json,
               gboolean        *more,
               UdSyncSummary   *summary,
               gboolean         own_transaction,
               gboolean         snapshot,
               gboolean         index_later,
               gint64          *check_us,
               GError         **error)
{
  g_auto(ApplyContext) ctx = { NULL };
  const JValue *page = _ud_sync_json_root (json);
  const JValue *changes = jv_array (page, "changes");
  const JValue *conflicts = jv_array (page, "conflicts");
  const JValue *flags = jv_array (page, "flags");
  const char *district = ud_database_get_district (db);
  g_autoptr(GPtrArray) versions = NULL;
  sqlite3_stmt *stmt;
  gboolean more_pages;
  gint64 next;
  gint64 started;
  guint n;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  /* A page that promises more must move the cursor, or the pull would
   * go round for ever. */
  if (changes == NULL || !jv_int (page, "next", &next) || next < state->cursor ||
      !_ud_sync_json_get_boolean (page, "more", &more_pages) ||
      (more_pages && next == state->cursor))
    {
      _ud_sync_set_bad_answer (error, _("a page of changes without its list or its position"));
      return FALSE;
    }

  if (own_transaction && !ud_database_begin (db, error))
    return FALSE;
  apply_context_init (&ctx, db, json, summary);
  ctx.snapshot = snapshot;
  ud_database_set_outbox_capture (db, FALSE);
  /* The kinds' own indexes (the member search) are written at the
   * page's end, term by term; for a snapshot's page (@index_later), the
   * records it adds are left to the fill after the commit. */
  if (!_ud_record_store_bulk (db, NULL, index_later ? UD_KIND_BULK_LATER : UD_KIND_BULK_COLLECT, error))
    goto failed;

  /* The page's versions are read and checked together first: a record
   * with its trail's steps, whichever comes first (ud-received.h). */
  started = g_get_monotonic_time ();
  n = _ud_sync_json_length (changes);
  versions = g_ptr_array_new_full (n, version_unref);
  ctx.batch = received_batch_new (db);
  for (guint i = 0; i < n; i++)
    {
      const JValue *change = jv_object_element (changes, i);
      const char *kind = jv_string (change, "kind");
      const UdKind *sk = _ud_sync_find_kind (kind);
      UdRecord *version = NULL;

      if (kind == NULL)
        {
          _ud_sync_set_bad_answer (error, _("a change without its kind"));
          goto failed;
        }

      /* The token is another district's: storing its records here would
       * mix two districts' rolls. */
      if (sk != NULL && g_strcmp0 (jv_string (change, "district"), district) != 0)
        {
          g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_WRONG_DISTRICT,
                       _("The city server sends the records of district %s, but this office belongs to district %s: the sync token was issued for another district. Ask the city union for this office’s token."),
                       jv_string (change, "district") != NULL ? jv_string (change, "district") : "?",
                       district);
          goto failed;
        }

      if (sk != NULL)
        {
          version = record_from_change (sk, change, error);
          if (version == NULL)
            goto failed;
          ud_received_batch_add (ctx.batch, version);
        }
      g_ptr_array_add (versions, version);
    }
  if (!ud_received_batch_check (ctx.batch, error))
    goto failed;
  if (check_us != NULL)
    *check_us += g_get_monotonic_time () - started;

  for (guint i = 0; i < n; i++)
    {
      const JValue *change = jv_object_element (changes, i);
      const char *kind = jv_string (change, "kind");
      UdRecord *version = g_ptr_array_index (versions, i);
      gboolean done = FALSE;

      if (version == NULL)
        {
          if (!hold_change (&ctx, kind, change, error))
            goto failed;
          continue;
        }

      if (ctx.snapshot)
        {
          if (!apply_new (&ctx, version, &done, error))
            goto failed;
          if (done)
            continue;
        }

      if (!apply_change (&ctx, version->kind, change, version, error))
        goto failed;
      /* A twin found makes an alias: from then on every record is
       * applied the whole way. */
      if (ctx.snapshot && !version->deleted && has_aliases (db))
        ctx.snapshot = FALSE;
    }

  n = _ud_sync_json_length (conflicts);
  for (guint i = 0; i < n; i++)
    {
      const JValue *conflict = jv_object_element (conflicts, i);
      gint64 seq;

      if (conflict == NULL || !jv_int (conflict, "seq", &seq))
        {
          _ud_sync_set_bad_answer (error, _("a conflict without its record or versions"));
          goto failed;
        }
      stmt = ud_database_prepare (db, "SELECT 1 FROM sync_conflict WHERE server_seq = ?1", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, seq);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          continue;
        }
      sqlite3_reset (stmt);
      if (!apply_server_conflict (&ctx, conflict, TRUE, error))
        goto failed;
    }

  n = _ud_sync_json_length (flags);
  for (guint i = 0; i < n; i++)
    {
      const JValue *flag = jv_object_element (flags, i);

      if (flag == NULL)
        {
          _ud_sync_set_bad_answer (error, _("an incomplete duplicate-aid flag"));
          goto failed;
        }
      if (!apply_flag (&ctx, flag, error))
        goto failed;
    }

  if (!_ud_record_store_bulk (db, NULL, UD_KIND_BULK_END, error))
    goto failed;

  stmt = ud_database_prepare (db, "UPDATE sync_state SET cursor = ?1 WHERE id = 1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, next);
  if (!_ud_sync_step_done (db, stmt, _("save the sync state"), error) ||
      !save_clock (db, error) ||
      (own_transaction && !ud_database_commit (db, error)))
    goto failed;
  ud_database_set_outbox_capture (db, TRUE);

  state->cursor = next;
  summary->cursor = next;
  *more = more_pages;

  return TRUE;

failed:
  if (own_transaction)
    ud_database_rollback (db);
  else
    _ud_record_store_bulk (db, NULL, UD_KIND_BULK_FORGET, NULL);
  ud_database_set_outbox_capture (db, TRUE);
  return FALSE;
}

gboolean
_ud_sync_store_apply_page (UdDatabase      *db,
                           UdSyncRunState  *state,
                           UdSyncJson      *json,
                           gboolean        *more,
                           UdSyncSummary   *summary,
                           GError         **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  return apply_page_in (db, state, json, more, summary, TRUE, FALSE, FALSE, NULL, error);
}

/* ---- the snapshot of a first sync ---------------------------------------- */

/* What a snapshot holds: exactly these two tables (DESIGN §7; written by
 * uniondesk-server's ud-server-snapshot.c). */
static const char * const snapshot_tables[] = {
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
  "CREATE TABLE page (n INTEGER PRIMARY KEY, json TEXT NOT NULL)",
};

#define SNAPSHOT_MAX_PAGES      100000
#define SNAPSHOT_MAX_PAGE_BYTES (32 * 1024 * 1024)

static gboolean
snapshot_refused (GError     **error,
                  const char  *why)
{
  g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_BAD_ANSWER,
               _("The city server’s snapshot of the district cannot be used (%s); the changes are pulled one page at a time instead."),
               why);
  return FALSE;
}

static char *
snapshot_meta (sqlite3    *snap,
               const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (snap, "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static gboolean
snapshot_meta_int (sqlite3     *snap,
                   const char  *key,
                   gint64       max,
                   gint64      *value)
{
  g_autofree char *text = snapshot_meta (snap, key);
  guint64 parsed;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, (guint64) max, &parsed, NULL))
    return FALSE;
  *value = (gint64) parsed;
  return TRUE;
}

/* The file's own structure, before a page of it is read. */
static gboolean
check_snapshot (UdDatabase  *db,
                sqlite3     *snap,
                gint64      *seq,
                gint64      *pages,
                GError     **error)
{
  g_autofree char *format = NULL;
  g_autofree char *protocol = NULL;
  g_autofree char *district = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_tables = 0;
  gboolean known = TRUE;
  gint64 count = -1, first = -1, last = -1;

  if (sqlite3_prepare_v2 (snap, "SELECT type, sql FROM sqlite_schema ORDER BY name", -1, &stmt, NULL) != SQLITE_OK)
    return snapshot_refused (error, _("it is not an SQLite file"));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);

      n_tables++;
      known &= n_tables <= G_N_ELEMENTS (snapshot_tables) && g_strcmp0 (sql, snapshot_tables[n_tables - 1]) == 0;
    }
  sqlite3_finalize (stmt);
  if (!known || n_tables != G_N_ELEMENTS (snapshot_tables))
    return snapshot_refused (error, _("its tables are not those of a snapshot"));

  if (sqlite3_prepare_v2 (snap, "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      sqlite3_finalize (stmt);
      return snapshot_refused (error, _("the file is damaged"));
    }
  sqlite3_finalize (stmt);

  format = snapshot_meta (snap, "format");
  protocol = snapshot_meta (snap, "protocol");
  district = snapshot_meta (snap, "district");
  if (g_strcmp0 (format, "uniondesk-snapshot") != 0 || g_strcmp0 (protocol, "1") != 0 ||
      !snapshot_meta_int (snap, "seq", G_MAXINT64 / 2, seq) ||
      !snapshot_meta_int (snap, "pages", SNAPSHOT_MAX_PAGES, pages) || *pages < 1)
    return snapshot_refused (error, _("it does not say what it holds"));

  if (g_strcmp0 (district, ud_database_get_district (db)) != 0)
    {
      g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_WRONG_DISTRICT,
                   _("The city server sends the records of district %s, but this office belongs to district %s: the sync token was issued for another district. Ask the city union for this office’s token."),
                   district != NULL ? district : "?", ud_database_get_district (db));
      return FALSE;
    }

  if (sqlite3_prepare_v2 (snap, "SELECT count (*), min (n), max (n) FROM page", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      count = sqlite3_column_int64 (stmt, 0);
      first = sqlite3_column_int64 (stmt, 1);
      last = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_finalize (stmt);
  if (count != *pages || first != 1 || last != *pages)
    return snapshot_refused (error, _("pages are missing"));

  return TRUE;
}

/* The sync base of every record apply_new() wrote — in an office that
 * held nothing, every row but the stand-ins (no version of theirs has
 * come) and the local records twins were merged into (their base is
 * under the server's uuid, written by apply_change(), as are those of the
 * records it wrote, which stay). */
static gboolean
snapshot_bases (UdDatabase  *db,
                GError     **error)
{
  guint n_kinds;
  const UdKind * const *kinds = ud_kind_list (&n_kinds);

  for (guint i = 0; i < n_kinds; i++)
    {
      /* The table's name comes from the kind's description. */
      g_autofree char *sql = g_strconcat ("INSERT OR IGNORE INTO sync_base (kind, uuid, hlc)"
                                          " SELECT ?1, uuid, hlc FROM ", kinds[i]->table,
                                          " WHERE hlc <> ?2"
                                          " AND uuid NOT IN (SELECT local_uuid FROM sync_alias WHERE kind = ?1)",
                                          NULL);
      sqlite3_stmt *stmt = ud_database_prepare_built (db, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, kinds[i]->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, _UD_OLDEST_HLC, -1, SQLITE_STATIC);
      if (!_ud_sync_step_done (db, stmt, _("remember the server’s version"), error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_ud_sync_store_apply_snapshot (UdDatabase      *db,
                               UdSyncRunState  *state,
                               const char      *path,
                               UdSyncSummary   *summary,
                               GError         **error)
{
  sqlite3 *snap = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) index_names = g_ptr_array_new_with_free_func (g_free);
  UdSyncSummary before = *summary;
  gint64 seq, pages;
  gboolean ok = FALSE;
  gboolean more = TRUE;
  gboolean began = FALSE;
  gboolean empty;
  gint64 started, t_check, t_rows;
  gint64 parse_us = 0, check_us = 0;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (state->cursor == 0, FALSE);

  started = g_get_monotonic_time ();
  if (sqlite3_open_v2 (path, &snap, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite3_close (snap);
      return snapshot_refused (error, _("it is not an SQLite file"));
    }
  if (!check_snapshot (db, snap, &seq, &pages, error))
    goto out;
  t_check = g_get_monotonic_time ();

  if (sqlite3_prepare_v2 (snap, "SELECT n, json FROM page ORDER BY n", -1, &stmt, NULL) != SQLITE_OK)
    {
      snapshot_refused (error, _("its pages cannot be read"));
      goto out;
    }

  /* The whole snapshot in one transaction: every page checked as a
   * pulled one, one audit entry for all of them, and one commit.  Whole
   * or not at all.  The list's sort indexes and the search postings of
   * the records it adds are built after the commit, by the fill
   * (ud_record_store_fill_indexes(): the command line before it exits,
   * the application on its database worker); searches find the waiting
   * members meanwhile. */
  if (!ud_database_begin (db, error))
    goto out;
  began = TRUE;
  if (!_ud_record_store_drop_indexes (db, NULL, indexes, index_names, error))
    goto out;
  _ud_database_set_remote_audit (db, FALSE);
  /* Into an office that holds nothing, a new record is written the
   * short way (apply_new()), all of their sync bases at the end. */
  empty = !_ud_sync_store_holds_records (db) && !has_aliases (db);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(UdSyncJson) page = NULL;
      int len = sqlite3_column_bytes (stmt, 1);
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      gint64 page_started = g_get_monotonic_time ();

      if (!more)
        {
          snapshot_refused (error, _("it goes on past its last page"));
          goto out;
        }
      if (len > SNAPSHOT_MAX_PAGE_BYTES || text == NULL ||
          (page = _ud_sync_json_parse (text, (gsize) len, NULL)) == NULL ||
          _ud_sync_json_type (_ud_sync_json_root (page)) != UD_SYNC_JSON_OBJECT)
        {
          snapshot_refused (error, _("a page is not a page of changes"));
          goto out;
        }
      parse_us += g_get_monotonic_time () - page_started;
      if (!apply_page_in (db, state, page, &more, summary, FALSE, empty && !has_aliases (db), TRUE, &check_us, error))
        goto out;
    }
  if (more || state->cursor != seq)
    {
      snapshot_refused (error, _("its pages end before the position it names"));
      goto out;
    }

  g_debug ("Snapshot: %s", empty ? "new records written the short way" : "every record applied the whole way");
  detail = g_strdup_printf ("snapshot: %u changes up to server seq %" G_GINT64_FORMAT,
                            summary->pulled - before.pulled, seq);
  if (empty && !snapshot_bases (db, error))
    goto out;
  for (guint i = 0; i < indexes->len; i++)
    if (!ud_database_defer_index (db, g_ptr_array_index (index_names, i), g_ptr_array_index (indexes, i), error))
      goto out;
  t_rows = g_get_monotonic_time ();
  if (!ud_database_audit (db, "sync_snapshot", NULL, NULL, NULL, NULL, NULL, detail, error) ||
      !ud_database_commit (db, error))
    goto out;
  began = FALSE;
  ok = TRUE;
  g_debug ("Snapshot applied: check %.2f s, rows %.2f s (JSON %.2f s, records read and checked %.2f s),"
           " commit %.2f s; the sort indexes and the search postings are left to the fill",
           (t_check - started) / 1e6, (t_rows - t_check) / 1e6, parse_us / 1e6, check_us / 1e6,
           (g_get_monotonic_time () - t_rows) / 1e6);

out:
  _ud_database_set_remote_audit (db, TRUE);
  if (began)
    {
      /* Nothing of it stays: the cursor and the counts are as before. */
      ud_database_rollback (db);
      _ud_record_store_bulk (db, NULL, UD_KIND_BULK_ABORT, NULL);
      state->cursor = 0;
      *summary = before;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (snap);
  return ok;
}

gboolean
_ud_sync_store_defer_search (UdDatabase  *db,
                             GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (!ud_database_begin (db, error))
    return FALSE;
  if (!_ud_record_store_bulk (db, NULL, UD_KIND_BULK_DEFER, error) || !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      _ud_record_store_bulk (db, NULL, UD_KIND_BULK_ABORT, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
_ud_sync_store_build_search (UdDatabase  *db,
                             GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (!ud_database_begin (db, error))
    return FALSE;
  if (!_ud_record_store_bulk (db, NULL, UD_KIND_BULK_BUILD, error) || !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }

  return TRUE;
}
