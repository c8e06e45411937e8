/* ud-reference-store.c — the relief reference tables, versioned, in the database
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-reference"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ud-reference-store.h"
#include "ud-reference-store-private.h"
#include "ud-audit-detail.h"
#include "ud-json.h"
#include "ud-permission.h"
#include "ud-uuid.h"
#include "ud-validate.h"

typedef struct
{
  const char *code;    /* reference_version.kind */
  const char *file;    /* the shipped table in data/reference/ */
  const char *label;   /* N_() */
  gboolean    named;   /* versions carry a "version" name; else their date names them */
} KindInfo;

static const KindInfo kinds[] = {
  [UD_REFERENCE_DISEASES]        = { "diseases",        "diseases.json",        N_("Disease catalogue"), TRUE },
  [UD_REFERENCE_LOW_INCOME_LINE] = { "low_income_line", "low-income-line.json", N_("Low-income line"),   FALSE },
  [UD_REFERENCE_RELIEF_RULES]    = { "relief_rules",    "relief-rules.json",    N_("Relief rules"),      TRUE },
  [UD_REFERENCE_ROOM_STANDARDS]  = { "room_standards",  "room-standards.json",  N_("Room standards"),    TRUE },
};

/* The tables the relief rules are built from; the others stand apart. */
#define IS_RELIEF(k) ((k) <= UD_REFERENCE_RELIEF_RULES)

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == UD_N_REFERENCE_KINDS);

#define VERSION_COLUMNS \
  "SELECT id, uuid, kind, version, effective, data, created_at, created_by, updated_at, updated_by, in_use" \
  " FROM reference_version"

/* Who stored the shipped tables. */
#define SHIPPED_BY "UnionDesk"

G_DEFINE_QUARK (ud-reference-error-quark, ud_reference_error)

const char *
ud_reference_kind_to_string (UdReferenceKind kind)
{
  g_return_val_if_fail ((guint) kind < UD_N_REFERENCE_KINDS, NULL);

  return kinds[kind].code;
}

gboolean
ud_reference_kind_from_string (const char      *text,
                               UdReferenceKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (text, kinds[i].code))
      {
        *kind = (UdReferenceKind) i;
        return TRUE;
      }

  return FALSE;
}

const char *
ud_reference_kind_get_label (UdReferenceKind kind)
{
  g_return_val_if_fail ((guint) kind < UD_N_REFERENCE_KINDS, NULL);

  return _(kinds[kind].label);
}

void
ud_reference_version_free (UdReferenceVersion *version)
{
  if (version == NULL)
    return;

  g_free (version->uuid);
  g_free (version->version);
  g_free (version->effective);
  g_free (version->data);
  g_free (version->created_at);
  g_free (version->created_by);
  g_free (version->updated_at);
  g_free (version->updated_by);
  g_free (version);
}

static gboolean
is_readonly (UdDatabase *db)
{
  return sqlite3_db_readonly (ud_database_get_handle (db), "main") == 1;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static UdReferenceVersion *
read_row (sqlite3_stmt *stmt)
{
  UdReferenceVersion *version = g_new0 (UdReferenceVersion, 1);

  version->id = sqlite3_column_int64 (stmt, 0);
  version->uuid = column_dup (stmt, 1);
  ud_reference_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &version->kind);
  version->version = column_dup (stmt, 3);
  version->effective = column_dup (stmt, 4);
  version->data = column_dup (stmt, 5);
  version->created_at = column_dup (stmt, 6);
  version->created_by = column_dup (stmt, 7);
  version->updated_at = column_dup (stmt, 8);
  version->updated_by = column_dup (stmt, 9);
  version->in_use = sqlite3_column_int (stmt, 10) != 0;

  return version;
}

static gboolean mark_rooms_judged (UdDatabase  *db,
                                   GPtrArray   *versions,
                                   GError     **error);

static void
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_INVALID, message);
}

/* One version as the administrator gives it: its name, its effective
 * date (ISO) and its compact JSON text. */
static gboolean
parse_version (UdReferenceKind   kind,
               const char       *json,
               char            **version,
               char            **effective,
               char            **text,
               GError          **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  JsonObject *object;
  JsonNode *node;
  GDate date;

  root = ud_json_parse (json, -1, UD_JSON_MAX_DEPTH, _("The version"), &local_error);
  if (root == NULL)
    {
      g_set_error_literal (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_INVALID, local_error->message);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_invalid (error, _("The version must be one group of fields in braces { }."));
      return FALSE;
    }
  object = json_node_get_object (root);

  node = json_object_get_member (object, "effective");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !ud_date_parse (json_node_get_string (node), &date, NULL))
    {
      set_invalid (error, _("effective: give the date the version takes effect, as YYYY-MM-DD."));
      return FALSE;
    }
  *effective = ud_date_to_iso (&date);

  if (kinds[kind].named)
    {
      node = json_object_get_member (object, "version");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        name = g_strstrip (g_strdup (json_node_get_string (node)));
      if (name == NULL || *name == '\0')
        {
          g_clear_pointer (effective, g_free);
          set_invalid (error, _("version: give the version a name, such as 2025-01."));
          return FALSE;
        }
      *version = g_steal_pointer (&name);
    }
  else
    {
      *version = g_strdup (*effective);
    }

  *text = json_to_string (root, FALSE);
  return TRUE;
}

static gboolean
table_exists (UdDatabase  *db,
              gboolean    *exists,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (db, "SELECT count (*) FROM sqlite_master WHERE type = 'table' AND name = 'reference_version'", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  *exists = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      ud_database_set_error (db, error, _("read the reference tables"));
      return FALSE;
    }

  return TRUE;
}

static gint64
count_versions (UdDatabase       *db,
                UdReferenceKind   kind,
                GError          **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  stmt = ud_database_prepare (db, "SELECT count (*) FROM reference_version WHERE kind = ?1", error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, kinds[kind].code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (n < 0)
    ud_database_set_error (db, error, _("read the reference tables"));

  return n;
}

/* The versions of @kind as the JSON list the rules read: @candidate (the
 * version being added or replacing @skip_id) first, then the stored ones.
 * @n_versions receives how many there are. */
static GString *
kind_json (UdDatabase       *db,
           UdReferenceKind   kind,
           gint64            skip_id,
           const char       *candidate,
           guint            *n_versions,
           GError          **error)
{
  g_autoptr(GString) out = g_string_new ("[");
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  if (candidate != NULL)
    {
      g_string_append (out, candidate);
      n++;
    }

  stmt = ud_database_prepare (db, "SELECT id, data FROM reference_version WHERE kind = ?1 ORDER BY effective", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, kinds[kind].code, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 0) == skip_id)
        continue;
      if (n > 0)
        g_string_append_c (out, ',');
      g_string_append (out, (const char *) sqlite3_column_text (stmt, 1));
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the reference tables"));
      return NULL;
    }

  g_string_append_c (out, ']');
  *n_versions = n;

  return g_steal_pointer (&out);
}

/* The shipped table of @kind, as text. */
static char *
shipped_text (UdReferenceKind   kind,
              GError          **error)
{
  g_autoptr(GBytes) shipped = NULL;

  if (kind == UD_REFERENCE_ROOM_STANDARDS)
    return ud_room_standards_shipped_text (error);

  shipped = ud_relief_reference_lookup (kinds[kind].file, error);
  /* Resource data always ends with a NUL byte. */
  return shipped != NULL ? g_strdup (g_bytes_get_data (shipped, NULL)) : NULL;
}

/* The room standards from the stored versions, with @candidate in place
 * of @skip_id; the shipped ones when none is stored. */
static UdRoomStandards *
build_room_standards (UdDatabase   *db,
                      gint64        skip_id,
                      const char   *candidate,
                      GError      **error)
{
  g_autoptr(GString) text = NULL;
  guint n = 0;

  text = kind_json (db, UD_REFERENCE_ROOM_STANDARDS, skip_id, candidate, &n, error);
  if (text == NULL)
    return NULL;

  return ud_room_standards_new (n > 0 ? text->str : NULL, error);
}

/* The rules from the stored versions, with @candidate added to @which's
 * (in place of @skip_id); a table with no version at all comes from the
 * shipped file.  @which < 0: the stored versions as they are. */
static UdReliefRules *
build_rules (UdDatabase   *db,
             int           which,
             gint64        skip_id,
             const char   *candidate,
             gboolean      stored,
             GError      **error)
{
  /* Keeps the texts alive until the rules are built. */
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const char *json[UD_N_REFERENCE_KINDS];

  for (guint k = 0; IS_RELIEF (k); k++)
    {
      g_autoptr(GBytes) shipped = NULL;
      guint n = 0;

      if (stored)
        {
          GString *text = kind_json (db, k, (int) k == which ? skip_id : 0,
                                     (int) k == which ? candidate : NULL, &n, error);

          if (text == NULL)
            return NULL;
          g_ptr_array_add (texts, g_string_free (text, FALSE));
        }

      if (n > 0)
        {
          json[k] = g_ptr_array_index (texts, texts->len - 1);
          continue;
        }

      shipped = ud_relief_reference_lookup (kinds[k].file, error);
      if (shipped == NULL)
        return NULL;
      /* Resource data always ends with a NUL byte. */
      g_ptr_array_add (texts, g_strdup (g_bytes_get_data (shipped, NULL)));
      json[k] = g_ptr_array_index (texts, texts->len - 1);
    }

  return ud_relief_rules_new_from_json (json[UD_REFERENCE_LOW_INCOME_LINE],
                                        json[UD_REFERENCE_DISEASES],
                                        json[UD_REFERENCE_RELIEF_RULES],
                                        error);
}

static gboolean
audit_version (UdDatabase       *db,
               const char       *action,
               UdReferenceKind   kind,
               const char       *uuid,
               const char       *version,
               const char       *old_data,
               const char       *new_data,
               GError          **error)
{
  g_autofree char *detail = ud_audit_detail_new ("reference_version", "table_label", kinds[kind].label,
                                                 "version", version, NULL);

  return ud_database_audit (db, action, "reference_version", uuid, old_data != NULL ? "data" : NULL,
                            old_data, new_data, detail, error);
}

static gint64
insert_version (UdDatabase       *db,
                UdReferenceKind   kind,
                const char       *version,
                const char       *effective,
                const char       *data,
                const char       *created_by,
                GError          **error)
{
  g_autofree char *uuid = ud_uuid_v7_new ();
  g_autofree char *now = ud_database_now_iso ();
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  stmt = ud_database_prepare (db,
                              "INSERT INTO reference_version (uuid, kind, version, effective, data,"
                              " created_at, created_by, updated_at, updated_by)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)",
                              error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kinds[kind].code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, effective, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, data, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, created_by, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("store the reference table"));
      return 0;
    }

  id = sqlite3_last_insert_rowid (ud_database_get_handle (db));
  if (!audit_version (db, "create", kind, uuid, version, NULL, data, error))
    return 0;

  return id;
}

/* Within a transaction: the shipped versions of every table that has
 * none stored. */
static gboolean
seed (UdDatabase  *db,
      GError     **error)
{
  for (guint k = 0; k < UD_N_REFERENCE_KINDS; k++)
    {
      g_autofree char *shipped = NULL;
      g_autoptr(JsonParser) parser = NULL;
      JsonNode *root;
      JsonArray *versions;
      gint64 n = count_versions (db, k, error);

      if (n < 0)
        return FALSE;
      if (n > 0)
        continue;

      shipped = shipped_text (k, error);
      if (shipped == NULL)
        return FALSE;

      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, shipped, -1, error))
        return FALSE;
      root = json_parser_get_root (parser);
      /* The shipped tables are checked by the relief and rooms tests. */
      g_assert (root != NULL && JSON_NODE_HOLDS_ARRAY (root));
      versions = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (versions); i++)
        {
          g_autofree char *text = json_to_string (json_array_get_element (versions, i), FALSE);
          g_autofree char *version = NULL;
          g_autofree char *effective = NULL;
          g_autofree char *data = NULL;

          if (!parse_version (k, text, &version, &effective, &data, error) ||
              insert_version (db, k, version, effective, data, SHIPPED_BY, error) == 0)
            return FALSE;
        }
      g_debug ("Stored the shipped %s", kinds[k].file);
    }

  return TRUE;
}

gboolean
ud_reference_ensure_defaults (UdDatabase  *db,
                              GError     **error)
{
  gboolean complete = TRUE;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (is_readonly (db))
    return TRUE;

  if (!sqlite3_get_autocommit (ud_database_get_handle (db)))
    return seed (db, error);

  /* Only a database that lacks a table takes the write lock. */
  for (guint k = 0; k < UD_N_REFERENCE_KINDS && complete; k++)
    {
      gint64 n = count_versions (db, k, error);

      if (n < 0)
        return FALSE;
      complete = n > 0;
    }
  if (complete)
    return TRUE;

  if (!ud_database_begin (db, error))
    return FALSE;
  if (!seed (db, error) || !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
ud_reference_list (UdDatabase       *db,
                   UdReferenceKind   kind,
                   GError          **error)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_reference_version_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail ((guint) kind < UD_N_REFERENCE_KINDS, NULL);

  if (!ud_reference_ensure_defaults (db, error))
    return NULL;

  stmt = ud_database_prepare (db, VERSION_COLUMNS " WHERE kind = ?1 ORDER BY effective", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, kinds[kind].code, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (versions, read_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the reference tables"));
      return NULL;
    }
  if (kind == UD_REFERENCE_ROOM_STANDARDS && !mark_rooms_judged (db, versions, error))
    return NULL;

  return g_steal_pointer (&versions);
}

static UdReferenceVersion *
select_version (UdDatabase       *db,
                UdReferenceKind   kind,
                const char       *version,
                GError          **error)
{
  UdReferenceVersion *found = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (db, VERSION_COLUMNS " WHERE kind = ?1 AND version = ?2", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, kinds[kind].code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, version, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    found = read_row (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ud_database_set_error (db, error, _("read the reference tables"));
  else if (found == NULL)
    g_set_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_NOT_FOUND,
                 /* TRANSLATORS: a table (“Relief rules”), then a version name */
                 _("%s: there is no version “%s”."), _(kinds[kind].label), version);
  else if (kind == UD_REFERENCE_ROOM_STANDARDS)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, found);
      if (!mark_rooms_judged (db, one, error))
        g_clear_pointer (&found, ud_reference_version_free);
    }

  return found;
}

UdReferenceVersion *
ud_reference_get (UdDatabase       *db,
                  UdReferenceKind   kind,
                  const char       *version,
                  GError          **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail ((guint) kind < UD_N_REFERENCE_KINDS, NULL);
  g_return_val_if_fail (version != NULL, NULL);

  if (!ud_reference_ensure_defaults (db, error))
    return NULL;

  return select_version (db, kind, version, error);
}

/* Another version of @kind with this name or effective date. */
static gboolean
check_taken (UdDatabase       *db,
             UdReferenceKind   kind,
             const char       *version,
             const char       *effective,
             gint64            own_id,
             GError          **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *other_version = NULL;
  gboolean same_name = FALSE;
  int rc;

  stmt = ud_database_prepare (db,
                              "SELECT version, version = ?2 FROM reference_version"
                              " WHERE kind = ?1 AND (version = ?2 OR effective = ?3) AND id != ?4"
                              " ORDER BY version = ?2 DESC LIMIT 1",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kinds[kind].code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, effective, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, own_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      other_version = column_dup (stmt, 0);
      same_name = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the reference tables"));
      return FALSE;
    }
  if (other_version == NULL)
    return TRUE;

  if (same_name)
    g_set_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_EXISTS,
                 /* TRANSLATORS: a table (“Relief rules”), then a version name */
                 _("%s: there is a version “%s” already; give the new one another name."),
                 _(kinds[kind].label), version);
  else
    g_set_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_EXISTS,
                 /* TRANSLATORS: a table, a version name, then a date */
                 _("%s: version “%s” already takes effect on %s; two versions cannot start on the same day."),
                 _(kinds[kind].label), other_version, effective);

  return FALSE;
}

/* The one date @sql selects (a max ()), NULL when there is none; @what
 * names what was read in an error. */
static gboolean
latest_date (UdDatabase  *db,
             const char  *sql,
             const char  *what,
             char       **latest,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *latest = NULL;
  stmt = ud_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *latest = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      ud_database_set_error (db, error, what);
      return FALSE;
    }

  return TRUE;
}

/* The latest day a room was plaqued, NULL when none was. */
static gboolean
latest_plaque (UdDatabase  *db,
               char       **latest,
               GError     **error)
{
  return latest_date (db, "SELECT max (plaque_date) FROM room WHERE deleted = 0 AND plaque_date <> ''",
                      _("read the rooms"), latest, error);
}

/* A version of the room standards is used once a room was plaqued on or
 * after its effective date: it can no longer change. */
static gboolean
mark_rooms_judged (UdDatabase  *db,
                   GPtrArray   *versions,
                   GError     **error)
{
  g_autofree char *latest = NULL;

  if (!latest_plaque (db, &latest, error))
    return FALSE;

  for (guint i = 0; latest != NULL && i < versions->len; i++)
    {
      UdReferenceVersion *version = g_ptr_array_index (versions, i);

      if (version->kind == UD_REFERENCE_ROOM_STANDARDS && strcmp (latest, version->effective) >= 0)
        version->in_use = TRUE;
    }

  return TRUE;
}

/* Room standards taking effect on @effective would judge the rooms
 * plaqued from then on: none may have been plaqued already. */
static gboolean
check_no_room_plaqued (UdDatabase  *db,
                       const char  *effective,
                       GError     **error)
{
  g_autofree char *latest = NULL;

  if (!latest_plaque (db, &latest, error))
    return FALSE;

  if (latest != NULL && strcmp (latest, effective) >= 0)
    {
      g_set_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_IN_USE,
                   /* TRANSLATORS: all three are dates */
                   _("Effective from %s: a room was plaqued on %s under the standards in force then, so new standards must take effect after %s."),
                   effective, latest, latest);
      return FALSE;
    }

  return TRUE;
}

/* A version taking effect on @effective would apply to the applications
 * dated from then on: none of them may have been decided already. */
static gboolean
check_not_retroactive (UdDatabase       *db,
                       UdReferenceKind   kind,
                       const char       *effective,
                       GError          **error)
{
  g_autofree char *latest = NULL;

  if (kind == UD_REFERENCE_ROOM_STANDARDS)
    return check_no_room_plaqued (db, effective, error);

  if (!latest_date (db,
                    "SELECT max (application_date) FROM illness_application"
                    " WHERE deleted = 0 AND status IN ('approved', 'rejected', 'paid')",
                    _("read the applications"), &latest, error))
    return FALSE;

  if (latest != NULL && strcmp (latest, effective) >= 0)
    {
      g_set_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_IN_USE,
                   /* TRANSLATORS: all three are dates */
                   _("Effective from %s: an application dated %s has already been decided under the versions in force then, so a new version must take effect after %s."),
                   effective, latest, latest);
      return FALSE;
    }

  return TRUE;
}

/* The candidate checked with the other stored versions by the rules
 * engine itself, so that every version stored can be quoted with. */
static gboolean
check_with_rules (UdDatabase       *db,
                  UdReferenceKind   kind,
                  gint64            skip_id,
                  const char       *candidate,
                  GError          **error)
{
  g_autoptr(UdReliefRules) rules = NULL;
  g_autoptr(UdRoomStandards) standards = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *prefix = NULL;
  const char *message;

  if (kind == UD_REFERENCE_ROOM_STANDARDS)
    {
      standards = build_room_standards (db, skip_id, candidate, &local_error);
      if (standards != NULL)
        return TRUE;
      if (local_error->domain != UD_ROOM_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* The candidate is the list's first entry: "[0].types.public"
       * reads better as "types.public". */
      prefix = g_strdup ("[0].");
    }
  else
    {
      rules = build_rules (db, kind, skip_id, candidate, TRUE, &local_error);
      if (rules != NULL)
        return TRUE;
      if (local_error->domain != UD_RELIEF_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* The candidate is the list's first entry: "relief-rules.json[0].tiers"
       * reads better as "tiers". */
      prefix = g_strconcat (kinds[kind].file, "[0].", NULL);
    }

  message = local_error->message;
  if (g_str_has_prefix (message, prefix))
    message += strlen (prefix);

  g_set_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_INVALID,
               /* TRANSLATORS: a table (“Relief rules”), then what is wrong */
               _("%s: the version cannot be used: %s"), _(kinds[kind].label), message);
  return FALSE;
}

static UdReferenceVersion *
select_by_id (UdDatabase  *db,
              gint64       id,
              GError     **error)
{
  UdReferenceVersion *found = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (db, VERSION_COLUMNS " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    found = read_row (stmt);
  sqlite3_reset (stmt);
  if (found == NULL)
    ud_database_set_error (db, error, _("read the reference tables"));

  return found;
}

UdReferenceVersion *
ud_reference_add_version (UdDatabase       *db,
                          UdReferenceKind   kind,
                          const char       *json,
                          GError          **error)
{
  g_autofree char *version = NULL;
  g_autofree char *effective = NULL;
  g_autofree char *data = NULL;
  UdReferenceVersion *added;
  gint64 id;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail ((guint) kind < UD_N_REFERENCE_KINDS, NULL);
  g_return_val_if_fail (json != NULL, NULL);

  if (!ud_database_require (db, UD_PERMISSION_EDIT_REFERENCE_DATA, error) ||
      !parse_version (kind, json, &version, &effective, &data, error))
    return NULL;

  if (!ud_database_begin (db, error))
    return NULL;

  /* The shipped versions first, so that the new one joins them. */
  if (!seed (db, error) ||
      !check_taken (db, kind, version, effective, 0, error) ||
      !check_not_retroactive (db, kind, effective, error) ||
      !check_with_rules (db, kind, 0, data, error) ||
      (id = insert_version (db, kind, version, effective, data, ud_database_get_actor (db), error)) == 0 ||
      (added = select_by_id (db, id, error)) == NULL)
    goto failed;

  if (!ud_database_commit (db, error))
    {
      ud_reference_version_free (added);
      return NULL;
    }

  return added;

failed:
  ud_database_rollback (db);
  return NULL;
}

UdReferenceVersion *
ud_reference_update_version (UdDatabase       *db,
                             UdReferenceKind   kind,
                             const char       *version,
                             const char       *json,
                             GError          **error)
{
  g_autoptr(UdReferenceVersion) existing = NULL;
  g_autofree char *new_version = NULL;
  g_autofree char *effective = NULL;
  g_autofree char *data = NULL;
  g_autofree char *now = NULL;
  UdReferenceVersion *updated = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail ((guint) kind < UD_N_REFERENCE_KINDS, NULL);
  g_return_val_if_fail (version != NULL, NULL);
  g_return_val_if_fail (json != NULL, NULL);

  if (!ud_database_require (db, UD_PERMISSION_EDIT_REFERENCE_DATA, error) ||
      !parse_version (kind, json, &new_version, &effective, &data, error))
    return NULL;

  if (!ud_database_begin (db, error))
    return NULL;

  if (!seed (db, error) || (existing = select_version (db, kind, version, error)) == NULL)
    goto failed;

  if (existing->in_use && kind == UD_REFERENCE_ROOM_STANDARDS)
    {
      g_set_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_IN_USE,
                   /* TRANSLATORS: a table (“Room standards”), then a version name */
                   _("%s: version “%s” judged rooms that have been plaqued and can no longer change; add a new version with a later effective date instead."),
                   _(kinds[kind].label), version);
      goto failed;
    }
  if (existing->in_use)
    {
      g_set_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_IN_USE,
                   /* TRANSLATORS: a table (“Relief rules”), then a version name */
                   _("%s: version “%s” was used by a decision and can no longer change; add a new version with a later effective date instead."),
                   _(kinds[kind].label), version);
      goto failed;
    }

  if (!check_taken (db, kind, new_version, effective, existing->id, error) ||
      !check_not_retroactive (db, kind, effective, error) ||
      !check_with_rules (db, kind, existing->id, data, error))
    goto failed;

  stmt = ud_database_prepare (db,
                              "UPDATE reference_version SET version = ?1, effective = ?2, data = ?3,"
                              " updated_at = ?4, updated_by = ?5 WHERE id = ?6",
                              error);
  if (stmt == NULL)
    goto failed;

  now = ud_database_now_iso ();
  sqlite3_bind_text (stmt, 1, new_version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, effective, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, data, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, ud_database_get_actor (db), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, existing->id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("store the reference table"));
      goto failed;
    }

  if (!audit_version (db, "update", kind, existing->uuid, new_version, existing->data, data, error) ||
      (updated = select_by_id (db, existing->id, error)) == NULL)
    goto failed;

  if (!ud_database_commit (db, error))
    {
      ud_reference_version_free (updated);
      return NULL;
    }

  return updated;

failed:
  ud_database_rollback (db);
  return NULL;
}

UdReliefRules *
ud_reference_load_rules (UdDatabase  *db,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  UdReliefRules *rules;
  gboolean stored = FALSE;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  /* A database of an older schema opened read-only has no table yet. */
  if (!table_exists (db, &stored, error))
    return NULL;
  if (stored && !ud_reference_ensure_defaults (db, error))
    return NULL;

  rules = build_rules (db, -1, 0, NULL, stored, &local_error);
  if (rules == NULL)
    {
      g_set_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_INVALID,
                   _("The relief reference tables are damaged: %s."), local_error->message);
      return NULL;
    }

  return rules;
}

char **
_ud_reference_versions_in_force (UdDatabase  *db,
                                 const char  *date,
                                 gboolean     mark_in_use,
                                 GError     **error)
{
  g_auto(GStrv) names = g_new0 (char *, UD_N_REFERENCE_KINDS + 1);

  g_assert (UD_IS_DATABASE (db));
  g_assert (date != NULL);

  /* Only the relief tables decide applications. */
  for (guint k = 0; k < UD_N_REFERENCE_KINDS; k++)
    if (!IS_RELIEF (k))
      names[k] = g_strdup ("");

  for (guint k = 0; IS_RELIEF (k); k++)
    {
      sqlite3_stmt *stmt;
      gint64 id = 0;
      int rc;

      stmt = ud_database_prepare (db,
                                  "SELECT id, version FROM reference_version"
                                  " WHERE kind = ?1 AND effective <= ?2 ORDER BY effective DESC LIMIT 1",
                                  error);
      if (stmt == NULL)
        return NULL;

      sqlite3_bind_text (stmt, 1, kinds[k].code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, date, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          id = sqlite3_column_int64 (stmt, 0);
          names[k] = column_dup (stmt, 1);
        }
      else
        names[k] = g_strdup ("");
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          ud_database_set_error (db, error, _("read the reference tables"));
          return NULL;
        }

      if (!mark_in_use || id == 0)
        continue;

      stmt = ud_database_prepare (db, "UPDATE reference_version SET in_use = 1 WHERE id = ?1 AND in_use = 0", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          ud_database_set_error (db, error, _("store the reference table"));
          return NULL;
        }
    }

  return g_steal_pointer (&names);
}

UdRoomStandards *
ud_reference_load_room_standards (UdDatabase  *db,
                                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  UdRoomStandards *standards;
  gboolean stored = FALSE;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  /* A database of an older schema opened read-only has no table yet. */
  if (!table_exists (db, &stored, error))
    return NULL;
  if (!stored)
    return ud_room_standards_new (NULL, error);
  if (!ud_reference_ensure_defaults (db, error))
    return NULL;

  standards = build_room_standards (db, 0, NULL, &local_error);
  if (standards == NULL)
    {
      g_set_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_INVALID,
                   _("The room standards stored are damaged: %s."), local_error->message);
      return NULL;
    }

  return standards;
}
