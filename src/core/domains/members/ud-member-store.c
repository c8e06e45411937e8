/* ud-member-store.c — members and units: read, save, delete, query
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-member-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-member-store.h"
#include "ud-member-store-private.h"
#include "ud-database-private.h"
#include "ud-idcard.h"
#include "ud-permission.h"
#include "ud-pinyin.h"
#include "ud-search-private.h"
#include "ud-uuid.h"
#include "ud-validate.h"

struct _UdUnitCache
{
  GHashTable *ids;   /* name → gint64 id */
};

/* The member table's columns are the kind's fields, except that "unit"
 * is stored as unit_id.  The SQL is built once from the field table (the
 * names are ours, never user input). */
typedef struct
{
  char *select;    /* SELECT … FROM member m JOIN unit u … WHERE m.id = ?1 */
  char *insert;
  char *update;
  int   unit_index;
} MemberSql;

static const MemberSql *
member_sql (void)
{
  static gsize once;
  static MemberSql sql;

  if (g_once_init_enter (&once))
    {
      const UdKind *kind = &ud_kind_member;
      g_autoptr(GString) select = g_string_new ("SELECT m.id, m.uuid, m.district, m.hlc, m.deleted, m.updated_at, m.updated_by");
      g_autoptr(GString) insert = g_string_new ("INSERT INTO member (uuid, district, hlc, deleted, updated_at, updated_by, name_pinyin, name_initials");
      g_autoptr(GString) values = g_string_new ("VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8");
      g_autoptr(GString) update = g_string_new ("UPDATE member SET uuid = ?1, district = ?2, hlc = ?3, deleted = ?4, updated_at = ?5, updated_by = ?6, name_pinyin = ?7, name_initials = ?8");

      for (guint i = 0; i < kind->n_fields; i++)
        {
          const UdField *field = &kind->fields[i];
          const char *column = field->type == UD_FIELD_REFERENCE ? "unit_id" : field->name;
          guint param = 9 + i;

          if (field->type == UD_FIELD_REFERENCE)
            {
              g_string_append (select, ", u.name");
              sql.unit_index = (int) i;
            }
          else
            g_string_append_printf (select, ", m.%s", column);
          g_string_append_printf (insert, ", %s", column);
          g_string_append_printf (values, ", ?%u", param);
          g_string_append_printf (update, ", %s = ?%u", column, param);
        }

      g_string_append (select, " FROM member m JOIN unit u ON u.id = m.unit_id WHERE m.id = ?1");
      g_string_append_printf (insert, ") %s)", values->str);
      g_string_append_printf (update, " WHERE id = ?%u", 9 + kind->n_fields);

      sql.select = g_string_free (g_steal_pointer (&select), FALSE);
      sql.insert = g_string_free (g_steal_pointer (&insert), FALSE);
      sql.update = g_string_free (g_steal_pointer (&update), FALSE);

      g_once_init_leave (&once, 1);
    }

  return &sql;
}

void
ud_member_query_clear (UdMemberQuery *query)
{
  g_return_if_fail (query != NULL);

  g_clear_pointer (&query->text, g_free);
  g_clear_pointer (&query->status, g_free);
  g_clear_pointer (&query->employment, g_free);
  g_clear_pointer (&query->model_worker, g_free);
  g_clear_pointer (&query->sort_field, g_free);
  query->unit_id = 0;
  query->descending = FALSE;
  query->limit = 0;
}

UdUnitCache *
_ud_unit_cache_new (void)
{
  UdUnitCache *cache = g_new0 (UdUnitCache, 1);

  cache->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return cache;
}

void
_ud_unit_cache_free (UdUnitCache *cache)
{
  if (cache == NULL)
    return;

  g_hash_table_unref (cache->ids);
  g_free (cache);
}

static UdRecord *
read_member_row (sqlite3_stmt *stmt)
{
  UdRecord *record = ud_record_new (&ud_kind_member);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  record->district = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  record->hlc = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  record->deleted = sqlite3_column_int (stmt, 4) != 0;
  record->updated_at = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  record->updated_by = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  for (guint i = 0; i < ud_kind_member.n_fields; i++)
    ud_record_set_nth (record, i, (const char *) sqlite3_column_text (stmt, 7 + i));

  return record;
}

static UdRecord *
load_one (UdDatabase  *db,
          gint64       id,
          GError     **error)
{
  return _ud_database_select_row (db, member_sql ()->select, NULL, id, (UdRowReader) read_member_row,
                                  _("read a member"), error);
}

GPtrArray *
ud_member_store_load (UdDatabase   *db,
                      const gint64 *ids,
                      guint         n_ids,
                      GError      **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(GError) local_error = NULL;
      UdRecord *record = load_one (db, ids[i], &local_error);

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
ud_member_store_get (UdDatabase  *db,
                     gint64       id,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  UdRecord *record;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  record = load_one (db, id, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (record == NULL)
    g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_FOUND,
                 _("The member no longer exists."));

  return record;
}

UdRecord *
ud_member_store_find_by_id_number (UdDatabase  *db,
                                   const char  *id_number,
                                   GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (id_number != NULL, NULL);

  stmt = ud_database_prepare (db, "SELECT id FROM member WHERE id_number = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id_number, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("look up the ID number"));
      return NULL;
    }
  if (id == 0)
    return NULL;

  return load_one (db, id, error);
}

gint64
ud_member_store_count (UdDatabase *db)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (UD_IS_DATABASE (db), 0);

  stmt = ud_database_prepare (db, "SELECT count (*) FROM member WHERE deleted = 0", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

static void
replace_str (char       **str,
                  const char  *value)
{
  /* g_set_str() is GLib 2.76. */
  g_free (*str);
  *str = g_strdup (value);
}

gboolean
_ud_member_validate_fields (UdRecord  *record,
                            GPtrArray *issues)
{
  const UdKind *kind = record->kind;
  g_autoptr(GPtrArray) local = NULL;
  const char *id_number;
  const char *sex;
  guint first;

  if (issues == NULL)
    issues = local = ud_issue_list_new ();
  first = issues->len;

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const UdField *field = &kind->fields[i];
      g_autofree char *value = NULL;

      if (field->flags & UD_FIELD_DERIVED)
        continue;

      value = ud_field_normalize (field, record->values[i], issues);
      if (value == NULL)
        continue;
      if (*value == '\0' && field->default_value != NULL)
        replace_str (&value, field->default_value);
      if (*value == '\0' && (field->flags & UD_FIELD_REQUIRED))
        {
          g_ptr_array_add (issues,
                           ud_issue_new (field, "required", FALSE,
                                         /* TRANSLATORS: a field label */
                                         _("%s: must not be empty"), _(field->label)));
          continue;
        }
      ud_record_set_nth (record, i, value);
    }

  /* Sex and birth date come from the ID number; a typed sex that
   * disagrees is an error, not a silent correction. */
  id_number = ud_record_get (record, "id_number");
  sex = ud_record_get (record, "sex");
  if (strlen (id_number) == 18)
    {
      UdIdCard card;

      if (ud_idcard_parse (id_number, NULL, &card, NULL))
        {
          const char *derived = card.sex == UD_SEX_FEMALE ? "F" : "M";
          g_autofree char *birth = ud_date_to_iso (&card.birth);

          if (*sex != '\0' && strcmp (sex, derived) != 0)
            g_ptr_array_add (issues,
                             ud_issue_new (ud_kind_find_field (kind, "sex"), "sex_mismatch", FALSE,
                                           card.sex == UD_SEX_FEMALE
                                           ? _("Sex: the ID number belongs to a woman")
                                           : _("Sex: the ID number belongs to a man")));
          else
            ud_record_set (record, "sex", derived);
          ud_record_set (record, "birth_date", birth);
        }
    }

  for (guint i = first; i < issues->len; i++)
    if (!((UdIssue *) g_ptr_array_index (issues, i))->warning)
      return FALSE;

  return TRUE;
}

static gboolean
id_number_taken (UdDatabase *db,
                 const char *id_number,
                 gint64      own_id,
                 gint64     *other_id)
{
  sqlite3_stmt *stmt;
  gboolean taken = FALSE;

  stmt = ud_database_prepare (db, "SELECT id, deleted FROM member WHERE id_number = ?1", NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id_number, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      /* A deleted member with this number is brought back instead. */
      taken = id != own_id && sqlite3_column_int (stmt, 1) == 0;
      if (other_id != NULL)
        *other_id = id;
    }
  sqlite3_reset (stmt);

  return taken;
}

gboolean
ud_member_validate (UdDatabase *db,
                    UdRecord   *record,
                    GPtrArray  *issues)
{
  g_autoptr(GPtrArray) local = NULL;
  const char *id_number;
  gboolean ok;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL && record->kind == &ud_kind_member, FALSE);

  if (issues == NULL)
    issues = local = ud_issue_list_new ();

  ok = _ud_member_validate_fields (record, issues);

  id_number = ud_record_get (record, "id_number");
  if (*id_number != '\0' && id_number_taken (db, id_number, record->id, NULL))
    {
      g_ptr_array_add (issues,
                       ud_issue_new (ud_kind_find_field (&ud_kind_member, "id_number"), "duplicate", FALSE,
                                     "%s", _("ID number: another member already has this number")));
      ok = FALSE;
    }

  return ok;
}

static gint64
unit_lookup (UdDatabase  *db,
             const char  *name,
             GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = ud_database_prepare (db, "SELECT id FROM unit WHERE name = ?1 AND deleted = 0", error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("look up the unit"));
      return -1;
    }

  return id;
}

gint64
ud_unit_store_ensure (UdDatabase  *db,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *hlc = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), -1);
  g_return_val_if_fail (name != NULL && *name != '\0', -1);

  id = unit_lookup (db, name, error);
  if (id != 0)
    return id;

  stmt = ud_database_prepare (db,
                              "INSERT INTO unit (uuid, district, hlc, updated_at, updated_by, name)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                              error);
  if (stmt == NULL)
    return -1;

  uuid = ud_uuid_v7_new ();
  hlc = ud_database_next_hlc (db);
  now = ud_database_now_iso ();
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ud_database_get_district (db), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, ud_database_get_actor (db), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("add the unit"));
      return -1;
    }

  id = sqlite3_last_insert_rowid (ud_database_get_handle (db));
  if (!ud_database_outbox_append (db, "unit", uuid, hlc, error) ||
      !ud_database_audit (db, "create", "unit", uuid, "name", NULL, name, NULL, error))
    return -1;

  return id;
}

GPtrArray *
ud_unit_store_list (UdDatabase  *db,
                    GError     **error)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  const UdKind *kind = &ud_kind_unit;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  stmt = ud_database_prepare (db,
                              "SELECT id, uuid, district, hlc, updated_at, updated_by,"
                              " name, credit_code, street, unit_type, contact, phone"
                              " FROM unit WHERE deleted = 0 ORDER BY name",
                              error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdRecord *unit = ud_record_new (kind);

      unit->id = sqlite3_column_int64 (stmt, 0);
      unit->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      unit->district = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      unit->hlc = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      unit->updated_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      unit->updated_by = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      for (guint i = 0; i < kind->n_fields; i++)
        ud_record_set_nth (unit, i, (const char *) sqlite3_column_text (stmt, 6 + i));
      g_ptr_array_add (units, unit);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("list the units"));
      return NULL;
    }

  return g_steal_pointer (&units);
}

static gint64
resolve_unit (UdDatabase  *db,
              UdUnitCache *units,
              const char  *name,
              GError     **error)
{
  gint64 *cached;
  gint64 id;

  if (units != NULL && (cached = g_hash_table_lookup (units->ids, name)) != NULL)
    return *cached;

  id = ud_unit_store_ensure (db, name, error);
  if (id > 0 && units != NULL)
    g_hash_table_insert (units->ids, g_strdup (name), g_memdup2 (&id, sizeof id));

  return id;
}

gboolean
_ud_member_store_write (UdDatabase   *db,
                        UdRecord     *record,
                        UdRecord     *existing,
                        UdUnitCache  *units,
                        GError      **error)
{
  const MemberSql *sql = member_sql ();
  const UdKind *kind = &ud_kind_member;
  g_autofree char *pinyin = NULL;
  g_autofree char *initials = NULL;
  g_autofree char *hlc = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 unit_id;
  int rc;

  unit_id = resolve_unit (db, units, record->values[sql->unit_index], error);
  if (unit_id <= 0)
    return FALSE;

  stmt = ud_database_prepare (db, existing != NULL ? sql->update : sql->insert, error);
  if (stmt == NULL)
    return FALSE;

  if (existing == NULL)
    {
      g_free (record->uuid);
      record->uuid = ud_uuid_v7_new ();
      g_free (record->district);
      record->district = g_strdup (ud_database_get_district (db));
    }
  else
    {
      g_free (record->uuid);
      record->uuid = g_strdup (existing->uuid);
      g_free (record->district);
      record->district = g_strdup (existing->district);
      record->id = existing->id;
    }

  hlc = ud_database_next_hlc (db);
  now = ud_database_now_iso ();
  g_free (record->hlc);
  record->hlc = g_strdup (hlc);
  g_free (record->updated_at);
  record->updated_at = g_strdup (now);
  g_free (record->updated_by);
  record->updated_by = g_strdup (ud_database_get_actor (db));
  record->deleted = FALSE;

  ud_pinyin_for_name (ud_record_get (record, "name"), &pinyin, &initials);

  sqlite3_bind_text (stmt, 1, record->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->district, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hlc, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, 0);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, record->updated_by, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, pinyin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, initials, -1, SQLITE_STATIC);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      if ((int) i == sql->unit_index)
        sqlite3_bind_int64 (stmt, 9 + i, unit_id);
      else
        sqlite3_bind_text (stmt, 9 + i, record->values[i], -1, SQLITE_STATIC);
    }
  if (existing != NULL)
    sqlite3_bind_int64 (stmt, 9 + kind->n_fields, existing->id);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("save the member"));
      return FALSE;
    }

  if (existing == NULL)
    record->id = sqlite3_last_insert_rowid (ud_database_get_handle (db));

  if (!_ud_search_index_member (db, record->id,
                                ud_record_get (record, "name"), pinyin, initials,
                                ud_record_get (record, "id_number"),
                                ud_record_get (record, "card_number"),
                                ud_record_get (record, "phone"),
                                existing != NULL, error))
    return FALSE;

  if (!ud_database_outbox_append (db, kind->name, record->uuid, hlc, error))
    return FALSE;

  if (existing == NULL)
    {
      g_autofree char *json = ud_record_to_json_text (record);

      return ud_database_audit (db, "create", kind->name, record->uuid, NULL, NULL, json, NULL, error);
    }

  if (existing->deleted &&
      !ud_database_audit (db, "undelete", kind->name, record->uuid, NULL, NULL, NULL, NULL, error))
    return FALSE;

  for (guint i = 0; i < kind->n_fields; i++)
    if (g_strcmp0 (existing->values[i], record->values[i]) != 0 &&
        !ud_database_audit (db, "update", kind->name, record->uuid, kind->fields[i].name,
                            existing->values[i], record->values[i], NULL, error))
      return FALSE;

  return TRUE;
}

gboolean
ud_member_store_save (UdDatabase  *db,
                      UdRecord    *record,
                      GPtrArray   *issues,
                      GError     **error)
{
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(GPtrArray) local = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 other_id = 0;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL && record->kind == &ud_kind_member, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_EDIT_MEMBERS, error))
    return FALSE;

  if (!ud_database_is_initialized (db))
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_INITIALIZED,
                   _("The office has not been set up yet: give its district code and name first."));
      return FALSE;
    }

  if (issues == NULL)
    issues = local = ud_issue_list_new ();

  if (!ud_member_validate (db, record, issues))
    {
      for (guint i = 0; i < issues->len; i++)
        {
          UdIssue *issue = g_ptr_array_index (issues, i);

          if (!issue->warning)
            {
              g_set_error_literal (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID, issue->message);
              break;
            }
        }
      return FALSE;
    }

  if (!ud_database_begin (db, error))
    return FALSE;

  if (record->id != 0)
    {
      existing = load_one (db, record->id, &local_error);
      if (existing == NULL)
        goto failed;
    }
  else if (id_number_taken (db, ud_record_get (record, "id_number"), -1, &other_id) || other_id != 0)
    {
      /* Only a deleted member can hold the number here (validation
       * refused a live one): bring that record back. */
      existing = load_one (db, other_id, &local_error);
      if (existing == NULL)
        goto failed;
    }

  if (!_ud_member_store_write (db, record, existing, NULL, &local_error) ||
      !ud_database_commit (db, &local_error))
    goto failed;

  return TRUE;

failed:
  ud_database_rollback (db);
  if (local_error == NULL)
    g_set_error (&local_error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_FOUND,
                 _("The member no longer exists."));
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
set_deleted (UdDatabase  *db,
             gint64       id,
             gboolean     deleted,
             GError     **error)
{
  g_autoptr(UdRecord) existing = NULL;
  g_autofree char *hlc = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!ud_database_require (db, UD_PERMISSION_DELETE_MEMBERS, error))
    return FALSE;

  if (!ud_database_begin (db, error))
    return FALSE;

  existing = ud_member_store_get (db, id, error);
  if (existing == NULL)
    goto failed;

  if (existing->deleted == deleted)
    return ud_database_commit (db, error);

  if (!deleted && id_number_taken (db, ud_record_get (existing, "id_number"), id, NULL))
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("ID number: another member already has this number"));
      goto failed;
    }

  stmt = ud_database_prepare (db,
                              "UPDATE member SET deleted = ?1, hlc = ?2, updated_at = ?3, updated_by = ?4"
                              " WHERE id = ?5",
                              error);
  if (stmt == NULL)
    goto failed;

  hlc = ud_database_next_hlc (db);
  now = ud_database_now_iso ();
  sqlite3_bind_int (stmt, 1, deleted ? 1 : 0);
  sqlite3_bind_text (stmt, 2, hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, ud_database_get_actor (db), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, deleted ? _("delete the member") : _("restore the member"));
      goto failed;
    }

  if (deleted)
    {
      if (!_ud_search_remove_member (db, id, error))
        goto failed;
    }
  else
    {
      g_autofree char *pinyin = NULL;
      g_autofree char *initials = NULL;

      ud_pinyin_for_name (ud_record_get (existing, "name"), &pinyin, &initials);
      if (!_ud_search_index_member (db, id, ud_record_get (existing, "name"), pinyin, initials,
                                    ud_record_get (existing, "id_number"),
                                    ud_record_get (existing, "card_number"),
                                    ud_record_get (existing, "phone"),
                                    FALSE, error))
        goto failed;
    }

  if (!ud_database_outbox_append (db, "member", existing->uuid, hlc, error) ||
      !ud_database_audit (db, deleted ? "delete" : "undelete", "member", existing->uuid,
                          NULL, NULL, NULL, NULL, error) ||
      !ud_database_commit (db, error))
    goto failed;

  return TRUE;

failed:
  ud_database_rollback (db);
  return FALSE;
}

gboolean
ud_member_store_delete (UdDatabase  *db,
                        gint64       id,
                        GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  return set_deleted (db, id, TRUE, error);
}

gboolean
ud_member_store_undelete (UdDatabase  *db,
                          gint64       id,
                          GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  return set_deleted (db, id, FALSE, error);
}

/* ---- versions from the city server ------------------------------------ */

/* A unit named by a pulled member before the unit itself arrives is
 * created with the smallest version stamp there is, so that the unit's
 * own record replaces it whenever it comes, and without an outbox entry:
 * it is the other office's unit, not a new one of ours. */
static gint64
resolve_remote_unit (UdDatabase   *db,
                     UdUnitCache  *units,
                     const char   *name,
                     const char   *district,
                     GError      **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  gint64 *cached;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  if (units != NULL && (cached = g_hash_table_lookup (units->ids, name)) != NULL)
    return *cached;

  id = unit_lookup (db, name, error);
  if (id < 0)
    return -1;

  if (id == 0)
    {
      stmt = ud_database_prepare (db,
                                  "INSERT INTO unit (uuid, district, hlc, updated_at, updated_by, name)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                  error);
      if (stmt == NULL)
        return -1;

      uuid = ud_uuid_v7_new ();
      now = ud_database_now_iso ();
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, district, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, _UD_UNIT_PLACEHOLDER_HLC, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, _UD_SYNC_ACTOR, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, name, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          ud_database_set_error (db, error, _("add the unit"));
          return -1;
        }
      id = sqlite3_last_insert_rowid (ud_database_get_handle (db));
    }

  if (units != NULL)
    g_hash_table_insert (units->ids, g_strdup (name), g_memdup2 (&id, sizeof id));

  return id;
}

UdRecord *
_ud_member_store_get_by_uuid (UdDatabase  *db,
                              const char  *uuid,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  stmt = ud_database_prepare (db, "SELECT id FROM member WHERE uuid = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read a member"));
      return NULL;
    }
  if (id == 0)
    return NULL;

  return load_one (db, id, error);
}

gboolean
_ud_member_store_apply_remote (UdDatabase   *db,
                               UdRecord     *version,
                               UdRecord     *existing,
                               UdUnitCache  *units,
                               GError      **error)
{
  const MemberSql *sql = member_sql ();
  const UdKind *kind = &ud_kind_member;
  g_autofree char *pinyin = NULL;
  g_autofree char *initials = NULL;
  sqlite3_stmt *stmt;
  gint64 unit_id;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (version != NULL && version->kind == kind, FALSE);
  g_return_val_if_fail (existing == NULL || existing->kind == kind, FALSE);
  g_return_val_if_fail (version->uuid != NULL && version->district != NULL && version->hlc != NULL, FALSE);
  g_return_val_if_fail (version->updated_at != NULL && version->updated_by != NULL, FALSE);

  unit_id = resolve_remote_unit (db, units, version->values[sql->unit_index], version->district, error);
  if (unit_id <= 0)
    return FALSE;

  stmt = ud_database_prepare (db, existing != NULL ? sql->update : sql->insert, error);
  if (stmt == NULL)
    return FALSE;

  /* A record merged into a local one keeps the local identity. */
  if (existing != NULL)
    {
      g_free (version->uuid);
      version->uuid = g_strdup (existing->uuid);
      version->id = existing->id;
    }

  ud_pinyin_for_name (ud_record_get (version, "name"), &pinyin, &initials);

  sqlite3_bind_text (stmt, 1, version->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, version->district, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, version->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, version->deleted ? 1 : 0);
  sqlite3_bind_text (stmt, 5, version->updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, version->updated_by, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, pinyin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, initials, -1, SQLITE_STATIC);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      if ((int) i == sql->unit_index)
        sqlite3_bind_int64 (stmt, 9 + i, unit_id);
      else
        sqlite3_bind_text (stmt, 9 + i, version->values[i], -1, SQLITE_STATIC);
    }
  if (existing != NULL)
    sqlite3_bind_int64 (stmt, 9 + kind->n_fields, existing->id);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("save the member"));
      return FALSE;
    }

  if (existing == NULL)
    version->id = sqlite3_last_insert_rowid (ud_database_get_handle (db));

  if (version->deleted)
    {
      if (existing != NULL && !existing->deleted &&
          !_ud_search_remove_member (db, version->id, error))
        return FALSE;
    }
  else if (!_ud_search_index_member (db, version->id,
                                     ud_record_get (version, "name"), pinyin, initials,
                                     ud_record_get (version, "id_number"),
                                     ud_record_get (version, "card_number"),
                                     ud_record_get (version, "phone"),
                                     existing != NULL && !existing->deleted, error))
    {
      return FALSE;
    }

  return _ud_database_audit_remote (db, version, existing, error);
}

static UdRecord *
read_unit_row (sqlite3_stmt *stmt)
{
  UdRecord *unit = ud_record_new (&ud_kind_unit);

  unit->id = sqlite3_column_int64 (stmt, 0);
  unit->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  unit->district = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  unit->hlc = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  unit->deleted = sqlite3_column_int (stmt, 4) != 0;
  unit->updated_at = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  unit->updated_by = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  for (guint i = 0; i < ud_kind_unit.n_fields; i++)
    ud_record_set_nth (unit, i, (const char *) sqlite3_column_text (stmt, 7 + i));

  return unit;
}

static UdRecord *
unit_select_one (UdDatabase  *db,
                 const char  *sql,
                 const char  *key,
                 GError     **error)
{
  return _ud_database_select_row (db, sql, key, 0, (UdRowReader) read_unit_row,
                                  _("look up the unit"), error);
}

UdRecord *
_ud_unit_store_get_by_uuid (UdDatabase  *db,
                            const char  *uuid,
                            GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return unit_select_one (db,
                          "SELECT id, uuid, district, hlc, deleted, updated_at, updated_by,"
                          " name, credit_code, street, unit_type, contact, phone"
                          " FROM unit WHERE uuid = ?1",
                          uuid, error);
}

UdRecord *
_ud_unit_store_find_by_name (UdDatabase  *db,
                             const char  *name,
                             GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return unit_select_one (db,
                          "SELECT id, uuid, district, hlc, deleted, updated_at, updated_by,"
                          " name, credit_code, street, unit_type, contact, phone"
                          " FROM unit WHERE name = ?1 AND deleted = 0",
                          name, error);
}

gboolean
_ud_unit_store_apply_remote (UdDatabase  *db,
                             UdRecord    *version,
                             UdRecord    *existing,
                             GError     **error)
{
  const UdKind *kind = &ud_kind_unit;
  sqlite3_stmt *stmt;
  int first;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (version != NULL && version->kind == kind, FALSE);
  g_return_val_if_fail (existing == NULL || existing->kind == kind, FALSE);
  g_return_val_if_fail (version->uuid != NULL && version->district != NULL && version->hlc != NULL, FALSE);
  g_return_val_if_fail (version->updated_at != NULL && version->updated_by != NULL, FALSE);

  if (existing != NULL)
    {
      stmt = ud_database_prepare (db,
                                  "UPDATE unit SET district = ?1, hlc = ?2, deleted = ?3, updated_at = ?4,"
                                  " updated_by = ?5, name = ?6, credit_code = ?7, street = ?8,"
                                  " unit_type = ?9, contact = ?10, phone = ?11 WHERE id = ?12",
                                  error);
      g_free (version->uuid);
      version->uuid = g_strdup (existing->uuid);
      version->id = existing->id;
      first = 1;
    }
  else
    {
      stmt = ud_database_prepare (db,
                                  "INSERT INTO unit (uuid, district, hlc, deleted, updated_at, updated_by,"
                                  " name, credit_code, street, unit_type, contact, phone)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                  error);
      first = 2;
    }
  if (stmt == NULL)
    return FALSE;

  if (existing == NULL)
    sqlite3_bind_text (stmt, 1, version->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first, version->district, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 1, version->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, first + 2, version->deleted ? 1 : 0);
  sqlite3_bind_text (stmt, first + 3, version->updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 4, version->updated_by, -1, SQLITE_STATIC);
  /* The unit kind's fields are the columns named in the statements. */
  for (guint i = 0; i < kind->n_fields; i++)
    sqlite3_bind_text (stmt, first + 5 + (int) i, version->values[i], -1, SQLITE_STATIC);
  if (existing != NULL)
    sqlite3_bind_int64 (stmt, 12, existing->id);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("save the unit"));
      return FALSE;
    }

  if (existing == NULL)
    version->id = sqlite3_last_insert_rowid (ud_database_get_handle (db));

  return _ud_database_audit_remote (db, version, existing, error);
}
