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
#include "ud-sync-json.h"
#include "ud-sync-private.h"

#include "ud-member-store.h"
#include "ud-member-store-private.h"
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

/* How the client stores, finds and merges the records of one kind.  The
 * kinds are pushed in this order, so that a unit reaches the server
 * before the members that name it. */
typedef struct
{
  const UdKind *kind;
  const char   *hlc_sql;     /* the version stamp of a record by uuid */
  UdRecord   *(*get_by_uuid) (UdDatabase  *db,
                              const char  *uuid,
                              GError     **error);
  /* The local record that is the same person or unit under another uuid. */
  UdRecord   *(*find_twin)   (UdDatabase      *db,
                              const UdRecord  *version,
                              GError         **error);
  gboolean    (*apply)       (UdDatabase   *db,
                              UdRecord     *version,
                              UdRecord     *existing,
                              UdUnitCache  *units,
                              GError      **error);
} SyncKind;

/* What a page or an answer is applied with. */
typedef struct
{
  UdDatabase     *db;
  UdSyncJson     *json;     /* the answer or page being applied */
  UdSyncSummary  *summary;
  UdUnitCache    *units;    /* unit names of this transaction; reset when a unit changes */
  char           *node;     /* this office's HLC node */
  char           *now;
} ApplyContext;

static UdRecord *find_member_twin (UdDatabase *db, const UdRecord *version, GError **error);
static UdRecord *find_unit_twin   (UdDatabase *db, const UdRecord *version, GError **error);
static gboolean  apply_unit       (UdDatabase *db, UdRecord *version, UdRecord *existing,
                                   UdUnitCache *units, GError **error);

static const SyncKind sync_kinds[] = {
  { &ud_kind_unit, "SELECT hlc FROM unit WHERE uuid = ?1",
    _ud_unit_store_get_by_uuid, find_unit_twin, apply_unit },
  { &ud_kind_member, "SELECT hlc FROM member WHERE uuid = ?1",
    _ud_member_store_get_by_uuid, find_member_twin, _ud_member_store_apply_remote },
};

/* ---- helpers ---------------------------------------------------------- */

static const SyncKind *
find_sync_kind (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sync_kinds); i++)
    if (g_strcmp0 (sync_kinds[i].kind->name, name) == 0)
      return &sync_kinds[i];

  return NULL;
}

static UdRecord *
find_member_twin (UdDatabase      *db,
                  const UdRecord  *version,
                  GError         **error)
{
  const char *id_number = ud_record_get (version, "id_number");

  if (*id_number == '\0')
    return NULL;

  return ud_member_store_find_by_id_number (db, id_number, error);
}

static UdRecord *
find_unit_twin (UdDatabase      *db,
                const UdRecord  *version,
                GError         **error)
{
  const char *name = ud_record_get (version, "name");

  if (*name == '\0')
    return NULL;

  return _ud_unit_store_find_by_name (db, name, error);
}

static gboolean
apply_unit (UdDatabase   *db,
            UdRecord     *version,
            UdRecord     *existing,
            UdUnitCache  *units,
            GError      **error)
{
  return _ud_unit_store_apply_remote (db, version, existing, error);
}

static void
set_bad_answer (GError     **error,
                const char  *what)
{
  g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_BAD_ANSWER,
               /* TRANSLATORS: %s says what was wrong, e.g. "a change without a version stamp" */
               _("The city server sent an answer this program cannot read (%s). Nothing from it was stored; the sync will try again."),
               what);
}

/* Short names for the reader's accessors: values of the protocol. */
typedef UdSyncJsonValue JValue;

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

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

/* The node part of an HLC: who made that version. */
static const char *
hlc_node (const char *hlc)
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
static UdRecord *
record_from_parts (const UdKind  *kind,
                   const char    *uuid,
                   const char    *district,
                   const char    *hlc,
                   gboolean       deleted,
                   const JValue  *data,
                   GError       **error)
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
      const JValue *value = _ud_sync_json_member_value (data, m);
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
          set_bad_answer (error, _("a field that is neither text nor a whole number"));
          return NULL;
        }
    }

  return g_steal_pointer (&record);
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
      set_bad_answer (error, _("a change without its identifier, district, version stamp, deletion mark or contents"));
      return NULL;
    }

  return record_from_parts (kind, uuid, district, hlc, deleted, data, error);
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

static char *
office_node (UdDatabase *db)
{
  char *node = ud_database_get_meta (db, "node");

  return node != NULL ? node : g_strdup ("");
}

/* ---- small tables ------------------------------------------------------ */

static gboolean
step_done (UdDatabase    *db,
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
static char *
query_text (UdDatabase *db,
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

static char *
base_get (UdDatabase *db,
          const char *kind,
          const char *uuid)
{
  return query_text (db, "SELECT hlc FROM sync_base WHERE kind = ?1 AND uuid = ?2", kind, uuid);
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

  return step_done (db, stmt, _("remember the server’s version"), error);
}

static char *
outbox_get (UdDatabase *db,
            const char *kind,
            const char *uuid)
{
  return query_text (db, "SELECT hlc FROM sync_outbox WHERE kind = ?1 AND uuid = ?2", kind, uuid);
}

/* Removes the outbox entry of a version the server has now, unless the
 * record has changed again since (a later stamp). */
static gboolean
outbox_done (UdDatabase  *db,
             const char  *kind,
             const char  *uuid,
             const char  *hlc,
             GError     **error)
{
  sqlite3_stmt *stmt = ud_database_prepare (db,
                                            "DELETE FROM sync_outbox WHERE kind = ?1 AND uuid = ?2 AND hlc <= ?3",
                                            error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hlc, -1, SQLITE_STATIC);

  return step_done (db, stmt, _("clear the sent change"), error);
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

  return step_done (db, stmt, _("remember a record known under two identifiers"), error);
}

/* The local record a pulled version is about: the same uuid, a uuid
 * merged before, or — for a live version — the same person (ID number)
 * or unit (name) entered in another office, which is merged from now on.
 * *twin is set when the local record has another uuid. */
static UdRecord *
find_local (UdDatabase      *db,
            const SyncKind  *sk,
            const UdRecord  *version,
            gboolean        *twin,
            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *alias = NULL;
  UdRecord *local;

  *twin = FALSE;

  local = sk->get_by_uuid (db, version->uuid, &local_error);
  if (local != NULL || local_error != NULL)
    goto out;

  *twin = TRUE;
  alias = query_text (db, "SELECT local_uuid FROM sync_alias WHERE kind = ?1 AND uuid = ?2",
                      sk->kind->name, version->uuid);
  if (alias != NULL)
    {
      local = sk->get_by_uuid (db, alias, &local_error);
      if (local != NULL || local_error != NULL)
        goto out;
    }

  /* Another office's deletion of its own record is not a reason to
   * delete ours. */
  if (version->deleted)
    goto out;

  local = sk->find_twin (db, version, &local_error);
  if (local != NULL && !alias_set (db, sk->kind->name, version->uuid, local->uuid, &local_error))
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

/* ---- conflicts --------------------------------------------------------- */

typedef struct
{
  const char *hlc;
  gboolean    deleted;
  const char *data;   /* JSON text */
} Version;

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
      set_bad_answer (error, _("a conflict without both versions"));
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
  if (!step_done (ctx->db, stmt, _("list the sync conflict"), error))
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

  return step_done (ctx->db, stmt, _("list the sync conflict"), error);
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

/* ---- applying one version ---------------------------------------------- */

/* Stores @version over @local, or lists it as rejected when a UNIQUE
 * constraint stops it (an ID number or unit name another record holds).
 * SQLite undoes the failed statement; what came before it in the attempt
 * (a unit created for the member) is valid on its own. */
static gboolean
store_version (ApplyContext    *ctx,
               const SyncKind  *sk,
               UdRecord        *version,
               UdRecord        *local,
               gboolean        *stored,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *winner_json = NULL;
  g_autofree char *loser_json = NULL;
  Version w = { "", FALSE, "{}" };
  Version l;

  *stored = FALSE;

  if (!has_required_fields (version))
    goto rejected;

  if (sk->apply (ctx->db, version, local, ctx->units, &local_error))
    {
      /* A unit renamed or deleted: the names known so far may be wrong. */
      if (sk->kind == &ud_kind_unit && local != NULL)
        {
          g_clear_pointer (&ctx->units, _ud_unit_cache_free);
          ctx->units = _ud_unit_cache_new ();
        }
      *stored = TRUE;
      return TRUE;
    }

  if ((sqlite3_extended_errcode (ud_database_get_handle (ctx->db)) & 0xff) != SQLITE_CONSTRAINT)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_debug ("Pulled %s %s not stored: %s", sk->kind->name, version->uuid, local_error->message);

rejected:
  if (local != NULL)
    version_from_record (&w, local, &winner_json);
  version_from_record (&l, version, &loser_json);

  return record_conflict (ctx, sk->kind->name, local != NULL ? local->uuid : version->uuid,
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

  set_bad_answer (error, _("a change with an invalid version stamp"));
  return FALSE;
}

/* One pulled change of a kind this version stores. */
static gboolean
apply_change (ApplyContext    *ctx,
              const SyncKind  *sk,
              const JValue    *change,
              GError         **error)
{
  g_autoptr(UdRecord) version = NULL;
  g_autoptr(UdRecord) local = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *server_uuid = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *base = NULL;
  const char *kind = sk->kind->name;
  gboolean twin;
  gboolean stored = FALSE;
  gboolean keep_base = FALSE;
  int order;

  version = record_from_change (sk->kind, change, error);
  if (version == NULL)
    return FALSE;
  server_uuid = g_strdup (version->uuid);

  if (!observe (ctx, version->hlc, error))
    return FALSE;

  /* Our own pushes come back: known by their stamp, without reading the
   * whole record, and their base was set when the push was answered. */
  pending = query_text (ctx->db, sk->hlc_sql, server_uuid, NULL);
  if (pending != NULL && g_str_equal (pending, version->hlc))
    {
      ctx->summary->pulled++;
      return outbox_done (ctx->db, kind, server_uuid, version->hlc, error);
    }
  g_clear_pointer (&pending, g_free);

  base = base_get (ctx->db, kind, server_uuid);
  local = find_local (ctx->db, sk, version, &twin, &local_error);
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
  pending = outbox_get (ctx->db, kind, local->uuid);

  if (order == 0)
    {
      /* Our own push coming back, or a version we have already. */
      if (pending != NULL && g_str_equal (pending, version->hlc) &&
          !outbox_done (ctx->db, kind, local->uuid, version->hlc, error))
        return FALSE;
      goto done;
    }

  if (pending != NULL)
    {
      /* Changed here and there since the version we both started from:
       * the later stamp wins, as on the server, and both are listed. The
       * loser's office hears of it too: a local winner is pushed from
       * its old base, so the server lists the same pair. */
      if (base != NULL && g_str_equal (base, version->hlc))
        goto done;

      fill_from (version, local);
      if (order > 0)
        {
          g_autoptr(UdRecord) loser = ud_record_copy (local);

          if (!store_version (ctx, sk, version, local, &stored, error))
            return FALSE;
          if (stored &&
              (!outbox_done (ctx->db, kind, loser->uuid, pending, error) ||
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
      set_bad_answer (error, _("a change without its identifier, district, version stamp, deletion mark or contents"));
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

  return step_done (ctx->db, stmt, _("keep a record for a later version of UnionDesk"), error);
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
      set_bad_answer (error, _("a conflict without its record or versions"));
      return FALSE;
    }

  /* Kinds this version does not store have no one here to resolve them. */
  if (find_sync_kind (kind) == NULL)
    return TRUE;

  if (!version_from_change (ctx, &w, winner, &winner_json, error) ||
      !version_from_change (ctx, &l, loser, &loser_json, error) ||
      !observe (ctx, w.hlc, error) || !observe (ctx, l.hlc, error))
    return FALSE;

  /* Every office of the district pulls every conflict of the district;
   * the ones whose versions were made elsewhere are not ours to resolve. */
  if (from_pull && !g_str_equal (hlc_node (w.hlc), ctx->node) && !g_str_equal (hlc_node (l.hlc), ctx->node))
    return TRUE;

  alias = query_text (ctx->db, "SELECT local_uuid FROM sync_alias WHERE kind = ?1 AND uuid = ?2", kind, uuid);

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
      set_bad_answer (error, _("a duplicate-aid flag without its number"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if ((values[i] = jv_string (flag, names[i])) == NULL)
      {
        set_bad_answer (error, _("an incomplete duplicate-aid flag"));
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

  return step_done (ctx->db, stmt, _("keep the duplicate-aid flag"), error);
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
  ctx->units = _ud_unit_cache_new ();
  ctx->node = office_node (db);
  ctx->now = ud_database_now_iso ();
}

static void
apply_context_clear (ApplyContext *ctx)
{
  g_clear_pointer (&ctx->units, _ud_unit_cache_free);
  g_clear_pointer (&ctx->node, g_free);
  g_clear_pointer (&ctx->now, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ApplyContext, apply_context_clear)

/* Keeps the clock's position, so that it resumes there (ud-database.h). */
static gboolean
save_clock (UdDatabase  *db,
            GError     **error)
{
  g_autofree char *position = ud_hlc_clock_peek (ud_database_get_clock (db));

  return ud_database_set_meta (db, "hlc_last", position, error);
}

/* ---- the run ----------------------------------------------------------- */

/* One change of the pending batch, as far as its answer needs it. */
typedef struct
{
  char *kind;
  char *uuid;
  char *hlc;
} SentChange;

static void
sent_change_free (SentChange *sent)
{
  g_free (sent->kind);
  g_free (sent->uuid);
  g_free (sent->hlc);
  g_free (sent);
}

static void
add_sent (GPtrArray  *sent,
          const char *kind,
          const char *uuid,
          const char *hlc)
{
  SentChange *change = g_new (SentChange, 1);

  change->kind = g_strdup (kind);
  change->uuid = g_strdup (uuid);
  change->hlc = g_strdup (hlc);
  g_ptr_array_add (sent, change);
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
  sent = g_ptr_array_new_full (n, (GDestroyNotify) sent_change_free);
  for (guint i = 0; i < n; i++)
    {
      const JValue *change = _ud_sync_json_element (changes, i);

      add_sent (sent, jv_string (change, "kind"), jv_string (change, "uuid"), jv_string (change, "hlc"));
    }

  return g_steal_pointer (&sent);
}

void
_ud_sync_run_state_clear (UdSyncRunState *state)
{
  g_clear_pointer (&state->client_uuid, g_free);
  g_clear_pointer (&state->server_url, g_free);
  g_clear_pointer (&state->pending_batch, g_free);
  g_clear_pointer (&state->pending_body, g_free);
  g_clear_pointer (&state->sent, g_ptr_array_unref);
  state->cursor = 0;
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
  if (!step_done (db, stmt, _("save the sync state"), error))
    goto failed;

  /* Cursors and batch ids mean nothing to another server. */
  stmt = ud_database_prepare (db,
                              "UPDATE sync_state SET cursor = 0, pending_batch = NULL, pending_body = NULL,"
                              " server_url = ?1 WHERE server_url <> ?1",
                              error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, server_url, -1, SQLITE_STATIC);
  if (!step_done (db, stmt, _("save the sync state"), error))
    goto failed;

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

  return ud_database_commit (db, error);

failed:
  ud_database_rollback (db);
  return FALSE;
}

gint64
_ud_sync_store_count_pushable (UdDatabase *db)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), 0);

  return query_count (db, "SELECT count (*) FROM sync_outbox WHERE kind IN ('unit', 'member')");
}

static gboolean
set_pending (UdDatabase  *db,
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

  return step_done (db, stmt, _("save the sync state"), error);
}

/* Appends the change of one outbox entry; FALSE without an error when
 * the record is gone (nothing to send). */
static gboolean
append_change (UdDatabase      *db,
               const SyncKind  *sk,
               const char      *uuid,
               GString         *body,
               GPtrArray       *sent,
               GError         **error)
{
  g_autoptr(UdRecord) record = NULL;
  g_autofree char *base = NULL;
  g_autofree char *data = NULL;

  record = sk->get_by_uuid (db, uuid, error);
  if (record == NULL)
    return FALSE;

  base = base_get (db, sk->kind->name, uuid);
  data = ud_record_to_json_text (record);

  if (sent->len > 0)
    g_string_append_c (body, ',');
  add_sent (sent, sk->kind->name, record->uuid, record->hlc);
  g_string_append (body, "{\"kind\":");
  append_json_string (body, sk->kind->name);
  g_string_append (body, ",\"uuid\":");
  append_json_string (body, record->uuid);
  g_string_append (body, ",\"district\":");
  append_json_string (body, record->district);
  g_string_append (body, ",\"hlc\":");
  append_json_string (body, record->hlc);
  g_string_append (body, ",\"base_hlc\":");
  if (base != NULL)
    append_json_string (body, base);
  else
    g_string_append (body, "null");
  g_string_append (body, record->deleted ? ",\"deleted\":true,\"data\":" : ",\"deleted\":false,\"data\":");
  g_string_append (body, data);
  g_string_append_c (body, '}');

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
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func ((GDestroyNotify) sent_change_free);
  g_autofree char *batch = NULL;
  guint n = 0;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (state->client_uuid != NULL, FALSE);
  g_return_val_if_fail (max > 0 && max <= UD_SYNC_MAX_BATCH, FALSE);

  *n_changes = 0;
  batch = ud_uuid_v7_new ();
  body = g_string_sized_new (512 * (gsize) max);
  g_string_append_printf (body, "{\"protocol\":%d,\"client\":", UD_SYNC_PROTOCOL);
  append_json_string (body, state->client_uuid);
  g_string_append (body, ",\"batch\":");
  append_json_string (body, batch);
  g_string_append (body, ",\"changes\":[");

  if (!ud_database_begin (db, error))
    return FALSE;

  /* By kind in push order, then by uuid, which follows the time records
   * were created: each query walks the outbox's primary key. */
  for (guint k = 0; k < G_N_ELEMENTS (sync_kinds) && n < max; k++)
    {
      const SyncKind *sk = &sync_kinds[k];
      g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt;
      int rc;

      stmt = ud_database_prepare (db, "SELECT uuid FROM sync_outbox WHERE kind = ?1 ORDER BY uuid LIMIT ?2", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, sk->kind->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) (max - n));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (uuids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          ud_database_set_error (db, error, _("read the changes to send"));
          goto failed;
        }

      for (guint i = 0; i < uuids->len; i++)
        {
          const char *uuid = g_ptr_array_index (uuids, i);
          g_autoptr(GError) local_error = NULL;

          if (append_change (db, sk, uuid, body, sent, &local_error))
            {
              n++;
              continue;
            }
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto failed;
            }

          /* Nothing is ever removed from the record tables; should a row
           * be gone all the same, its entry would block the outbox. */
          g_warning ("The outbox names %s %s, which does not exist; dropping the entry", sk->kind->name, uuid);
          stmt = ud_database_prepare (db, "DELETE FROM sync_outbox WHERE kind = ?1 AND uuid = ?2", error);
          if (stmt == NULL)
            goto failed;
          sqlite3_bind_text (stmt, 1, sk->kind->name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
          if (!step_done (db, stmt, _("clear the sent change"), error))
            goto failed;
        }
    }
  g_string_append (body, "]}");

  if (n > 0 && !set_pending (db, batch, body->str, error))
    goto failed;
  if (!ud_database_commit (db, error))
    return FALSE;

  if (n > 0)
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
  if (!set_pending (db, NULL, NULL, error) || !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }

  g_clear_pointer (&state->pending_batch, g_free);
  g_clear_pointer (&state->pending_body, g_free);
  g_clear_pointer (&state->sent, g_ptr_array_unref);

  return TRUE;
}

/* One change of the pending batch and what the server said of it. */
static gboolean
apply_answer_change (ApplyContext  *ctx,
                     SentChange    *change,
                     GHashTable    *conflicts,
                     GError       **error)
{
  const char *kind = change->kind;
  const char *uuid = change->uuid;
  const char *hlc = change->hlc;
  g_autofree char *key = g_strconcat (kind, "/", uuid, NULL);
  const SyncKind *sk = find_sync_kind (kind);
  const JValue *conflict = g_hash_table_lookup (conflicts, key);
  g_autoptr(UdRecord) winner = NULL;
  g_autoptr(UdRecord) local = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean stored;

  if (conflict == NULL)
    {
      ctx->summary->pushed++;
      return base_set (ctx->db, kind, uuid, hlc, error) &&
             outbox_done (ctx->db, kind, uuid, hlc, error);
    }

  if (!apply_server_conflict (ctx, conflict, FALSE, error))
    return FALSE;

  winner = record_from_change (sk->kind, jv_object (conflict, "winner"), error);
  if (winner == NULL || !base_set (ctx->db, kind, uuid, winner->hlc, error))
    return FALSE;

  if (g_str_equal (winner->hlc, hlc))
    {
      ctx->summary->pushed++;
      return outbox_done (ctx->db, kind, uuid, hlc, error);
    }

  /* Our version lost: the record takes the winner, unless it has changed
   * here again since it was sent (that change goes out next, from the
   * winner as its base). */
  local = sk->get_by_uuid (ctx->db, uuid, &local_error);
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

  return outbox_done (ctx->db, kind, uuid, hlc, error);
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
  g_autoptr(GPtrArray) sent = NULL;
  const JValue *answer = _ud_sync_json_root (json);
  const JValue *listed;
  const char *batch;
  guint n;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (state->pending_body != NULL, FALSE);

  batch = jv_string (answer, "batch");
  listed = jv_array (answer, "conflicts");
  if (batch == NULL || g_ascii_strcasecmp (batch, state->pending_batch) != 0 || listed == NULL)
    {
      set_bad_answer (error, _("the answer to a push is not about the batch sent"));
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

      if (kind == NULL || uuid == NULL || winner == NULL || find_sync_kind (kind) == NULL)
        {
          set_bad_answer (error, _("a conflict without its record or versions"));
          return FALSE;
        }
      g_hash_table_insert (conflicts, g_strconcat (kind, "/", uuid, NULL), (gpointer) conflict);
    }

  if (!ud_database_begin (db, error))
    return FALSE;
  apply_context_init (&ctx, db, json, summary);
  ud_database_set_outbox_capture (db, FALSE);

  for (guint i = 0; i < sent->len; i++)
    if (!apply_answer_change (&ctx, g_ptr_array_index (sent, i), conflicts, error))
      goto failed;

  if (!set_pending (db, NULL, NULL, error) || !save_clock (db, error) || !ud_database_commit (db, error))
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

gboolean
_ud_sync_store_apply_page (UdDatabase      *db,
                           UdSyncRunState  *state,
                           UdSyncJson      *json,
                           gboolean        *more,
                           UdSyncSummary   *summary,
                           GError         **error)
{
  g_auto(ApplyContext) ctx = { NULL };
  const JValue *page = _ud_sync_json_root (json);
  const JValue *changes = jv_array (page, "changes");
  const JValue *conflicts = jv_array (page, "conflicts");
  const JValue *flags = jv_array (page, "flags");
  const char *district = ud_database_get_district (db);
  sqlite3_stmt *stmt;
  gboolean more_pages;
  gint64 next;
  guint n;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (changes == NULL || !jv_int (page, "next", &next) || next < state->cursor ||
      !_ud_sync_json_get_boolean (page, "more", &more_pages))
    {
      set_bad_answer (error, _("a page of changes without its list or its position"));
      return FALSE;
    }

  if (!ud_database_begin (db, error))
    return FALSE;
  apply_context_init (&ctx, db, json, summary);
  ud_database_set_outbox_capture (db, FALSE);

  n = _ud_sync_json_length (changes);
  for (guint i = 0; i < n; i++)
    {
      const JValue *change = jv_object_element (changes, i);
      const char *kind = jv_string (change, "kind");
      const SyncKind *sk = find_sync_kind (kind);

      if (kind == NULL)
        {
          set_bad_answer (error, _("a change without its kind"));
          goto failed;
        }

      if (sk == NULL)
        {
          if (!hold_change (&ctx, kind, change, error))
            goto failed;
          continue;
        }

      /* The token is another district's: storing its records here would
       * mix two districts' rolls. */
      if (g_strcmp0 (jv_string (change, "district"), district) != 0)
        {
          g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_WRONG_DISTRICT,
                       _("The city server sends the records of district %s, but this office belongs to district %s: the sync token was issued for another district. Ask the city union for this office’s token."),
                       jv_string (change, "district") != NULL ? jv_string (change, "district") : "?",
                       district);
          goto failed;
        }

      if (!apply_change (&ctx, sk, change, error))
        goto failed;
    }

  n = _ud_sync_json_length (conflicts);
  for (guint i = 0; i < n; i++)
    {
      const JValue *conflict = jv_object_element (conflicts, i);
      gint64 seq;

      if (conflict == NULL || !jv_int (conflict, "seq", &seq))
        {
          set_bad_answer (error, _("a conflict without its record or versions"));
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
          set_bad_answer (error, _("an incomplete duplicate-aid flag"));
          goto failed;
        }
      if (!apply_flag (&ctx, flag, error))
        goto failed;
    }

  stmt = ud_database_prepare (db, "UPDATE sync_state SET cursor = ?1 WHERE id = 1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, next);
  if (!step_done (db, stmt, _("save the sync state"), error) ||
      !save_clock (db, error) ||
      !ud_database_commit (db, error))
    goto failed;
  ud_database_set_outbox_capture (db, TRUE);

  state->cursor = next;
  summary->cursor = next;
  *more = more_pages;

  return TRUE;

failed:
  ud_database_rollback (db);
  ud_database_set_outbox_capture (db, TRUE);
  return FALSE;
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
  if (!step_done (db, stmt, _("save the sync state"), error))
    goto failed;

  stmt = ud_database_prepare (db,
                              "INSERT INTO sync_log (started_at, finished_at, server_url, pushed, pulled, conflicts, error)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
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
  if (!step_done (db, stmt, _("write the sync log"), error))
    goto failed;

  stmt = ud_database_prepare (db,
                              "DELETE FROM sync_log WHERE id <= (SELECT max (id) FROM sync_log) - ?1",
                              error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, LOG_KEEP);
  if (!step_done (db, stmt, _("write the sync log"), error))
    goto failed;

  return ud_database_commit (db, error);

failed:
  ud_database_rollback (db);
  return FALSE;
}

/* ---- public: state, conflicts, log -------------------------------------- */

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

  status->pending = _ud_sync_store_count_pushable (db);
  status->open_conflicts = ud_sync_conflicts_count_open (db);
  status->flags = query_count (db, "SELECT count (*) FROM sync_flag");

  return g_steal_pointer (&status);
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
  const JValue *root = json != NULL ? _ud_sync_json_root (json) : NULL;

  if (root == NULL || _ud_sync_json_type (root) != UD_SYNC_JSON_OBJECT)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT,
                   _("A version kept for a sync conflict is damaged; restore the database from a backup."));
      return NULL;
    }

  return record_from_parts (kind, uuid, district, hlc, deleted, root, error);
}

static UdSyncConflict *
read_conflict (UdDatabase    *db,
               sqlite3_stmt  *stmt,
               const char    *node,
               GError       **error)
{
  g_autoptr(UdSyncConflict) conflict = g_new0 (UdSyncConflict, 1);
  const SyncKind *sk = find_sync_kind ((const char *) sqlite3_column_text (stmt, 1));
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
  conflict->kind = sk->kind;
  conflict->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  conflict->reason = g_str_equal ((const char *) sqlite3_column_text (stmt, 3), "rejected")
                     ? UD_SYNC_CONFLICT_REJECTED : UD_SYNC_CONFLICT_EDITED;
  if (*winner_hlc != '\0')
    {
      conflict->winner = record_from_stored (sk->kind, conflict->uuid, district, winner_hlc,
                                             sqlite3_column_int (stmt, 5) != 0,
                                             (const char *) sqlite3_column_text (stmt, 6), error);
      if (conflict->winner == NULL)
        return NULL;
    }
  conflict->loser = record_from_stored (sk->kind, conflict->uuid, district, loser_hlc,
                                        sqlite3_column_int (stmt, 8) != 0,
                                        (const char *) sqlite3_column_text (stmt, 9), error);
  if (conflict->loser == NULL)
    return NULL;
  conflict->winner_here = g_str_equal (hlc_node (winner_hlc), node);
  conflict->loser_here = g_str_equal (hlc_node (loser_hlc), node);
  conflict->detected_at = column_text (stmt, 10);
  conflict->resolved_at = column_text (stmt, 11);
  conflict->resolved_by = column_text (stmt, 12);
  conflict->kept_loser = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 13), "loser") == 0;

  return g_steal_pointer (&conflict);
}

#define CONFLICT_COLUMNS \
  "SELECT id, kind, uuid, reason, winner_hlc, winner_deleted, winner_data, loser_hlc, loser_deleted," \
  " loser_data, detected_at, resolved_at, resolved_by, resolution FROM sync_conflict"

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

  node = office_node (db);
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
  g_autoptr(UdSyncConflict) conflict = NULL;
  g_autoptr(UdRecord) local = NULL;
  g_autoptr(UdRecord) version = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *node = NULL;
  g_autofree char *now = NULL;
  const SyncKind *sk;
  UdRecord *chosen;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (choice == UD_SYNC_KEEP_WINNER || choice == UD_SYNC_KEEP_LOSER, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ud_database_begin (db, error))
    return FALSE;

  node = office_node (db);
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

  chosen = choice == UD_SYNC_KEEP_WINNER ? conflict->winner : conflict->loser;
  if (chosen == NULL)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("There is no version of this record here to keep; keep the other one."));
      goto failed;
    }

  sk = find_sync_kind (conflict->kind->name);
  local = sk->get_by_uuid (db, conflict->uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }

  /* Nothing to write when the record already holds the chosen contents. */
  if (local == NULL || local->deleted != chosen->deleted || !ud_record_equal_values (local, chosen))
    {
      g_autoptr(UdUnitCache) units = _ud_unit_cache_new ();

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

      if (!sk->apply (db, version, local, units, error) ||
          !ud_database_outbox_append (db, sk->kind->name, version->uuid, version->hlc, error))
        goto failed;
    }

  now = ud_database_now_iso ();
  stmt = ud_database_prepare (db,
                              "UPDATE sync_conflict SET resolved_at = ?1, resolved_by = ?2, resolution = ?3"
                              " WHERE id = ?4",
                              error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ud_database_get_actor (db), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, choice == UD_SYNC_KEEP_WINNER ? "winner" : "loser", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, id);
  if (!step_done (db, stmt, _("close the sync conflict"), error) ||
      !ud_database_audit (db, "resolve_conflict", sk->kind->name, conflict->uuid, NULL,
                          NULL, choice == UD_SYNC_KEEP_WINNER ? "winner" : "loser",
                          chosen->hlc, error) ||
      !ud_database_commit (db, error))
    goto failed;

  return TRUE;

failed:
  ud_database_rollback (db);
  return FALSE;
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
                              "SELECT started_at, finished_at, server_url, pushed, pulled, conflicts, error"
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
