/* ud-illness-store.c — serious-illness relief applications: records, workflow, trail
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-illness-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "ud-illness-store.h"
#include "ud-database-private.h"
#include "ud-fund.h"
#include "ud-json.h"
#include "ud-member-store.h"
#include "ud-record-store-private.h"
#include "ud-trail.h"
#include "ud-workflow.h"
#include "ud-money.h"
#include "ud-permission.h"
#include "ud-reference-store.h"
#include "ud-reference-store-private.h"
#include "ud-uuid.h"
#include "ud-validate.h"

#define KIND (&ud_kind_illness_application)

/* 大病-110118-2024-01-0001: the kind of relief, the district, the fund
 * year, the office number (meta office_number: offices of one district
 * number apart) and a number counted per office and year.  Serials made
 * before office numbers (大病-110118-2024-0001) stay as they are.  Printed
 * on the form, so it is the same in every language. */
#define SERIAL_PREFIX "大病"

/* ---- reading ------------------------------------------------------------ */

/* The applications that hold @serial, the live one first (two offices
 * under one office number may both have made it). */
static GPtrArray *
read_by_serial (UdDatabase  *db,
                const char  *serial,
                GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (db, "SELECT id FROM illness_application WHERE serial = ?1 ORDER BY deleted, id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, serial, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the application"));
      return NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      UdRecord *record = _ud_record_store_read (db, KIND, g_array_index (ids, gint64, i), error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

/* ---- small helpers ---------------------------------------------------- */

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
add_issue (GPtrArray  *issues,
           const char *field,
           const char *code,
           char       *message)
{
  g_ptr_array_add (issues, ud_issue_new (field != NULL ? ud_kind_find_field (KIND, field) : NULL,
                                         code, FALSE, "%s", message));
  g_free (message);
}

/* ---- JSON --------------------------------------------------------------- */

static gboolean
json_error (GError     **error,
            const char  *member,
            const char  *message)
{
  /* TRANSLATORS: a JSON member such as "total", then what is wrong */
  g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID, _("%s: %s"), member, message);
  return FALSE;
}

static gboolean
json_member_text (const UdField  *field,
                  JsonNode       *node,
                  char          **text,
                  GError        **error)
{
  const char *name = field->name;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      *text = g_strdup ("");
      return TRUE;
    }

  if (g_str_equal (name, "documents"))
    {
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return json_error (error, name, _("must be a list of document codes in brackets [ ]"));
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            return json_error (error, name, _("must be a list of document codes in brackets [ ]"));
          g_ptr_array_add (codes, (gpointer) json_node_get_string (item));
        }
      g_ptr_array_add (codes, NULL);
      *text = g_strjoinv (",", (char **) codes->pdata);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_error (error, name, _("must be a single value"));

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      *text = g_strdup (json_node_get_string (node));
      break;

    case G_TYPE_INT64:
      *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      break;

    case G_TYPE_BOOLEAN:
      if (!g_str_equal (name, "archived"))
        return json_error (error, name, _("must be text, not true or false"));
      *text = g_strdup (json_node_get_boolean (node) ? "yes" : "no");
      return TRUE;

    case G_TYPE_DOUBLE:
    default:
      /* A float is no way to carry money. */
      return json_error (error, name, _("give amounts as text, such as \"156300.00\", or as whole numbers"));
    }

  /* Records hold money in fen. */
  if (field->type == UD_FIELD_MONEY && **text != '\0')
    {
      g_autoptr(GError) money_error = NULL;
      UdFen fen;

      if (!ud_money_parse (*text, &fen, &money_error))
        {
          g_clear_pointer (text, g_free);
          return json_error (error, name, money_error->message);
        }
      g_free (*text);
      *text = g_strdup_printf ("%" G_GINT64_FORMAT, fen);
    }

  return TRUE;
}

gboolean
ud_illness_application_set_from_json (UdRecord    *application,
                                      const char  *json,
                                      GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *object;

  g_return_val_if_fail (application != NULL && application->kind == KIND, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  root = ud_json_parse (json, -1, UD_JSON_MAX_DEPTH, _("The application"), &local_error);
  if (root == NULL)
    {
      g_set_error_literal (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID, local_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                           _("The application must be one group of fields in braces { }."));
      return FALSE;
    }
  object = json_node_get_object (root);

  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const UdField *field = ud_kind_find_field (KIND, name);
      g_autofree char *text = NULL;

      if (field == NULL || g_str_equal (name, "member_uuid"))
        return json_error (error, name, _("is not a field of an application"));
      if (field->flags & UD_FIELD_DERIVED)
        return json_error (error, name, _("is filled in by UnionDesk; leave it out"));
      if (!json_member_text (field, json_object_get_member (object, name), &text, error))
        return FALSE;

      ud_record_set (application, name, text);
    }

  return TRUE;
}

JsonNode *
ud_illness_application_to_json (const UdRecord *application)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (application != NULL && application->kind == KIND, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, application->id);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, application->uuid);

  for (guint i = 0; i < KIND->n_fields; i++)
    {
      const UdField *field = &KIND->fields[i];
      const char *value = application->values[i];

      json_builder_set_member_name (builder, field->name);

      if (g_str_equal (field->name, "documents") || g_str_equal (field->name, "failed_rules") ||
          g_str_equal (field->name, "reasons"))
        {
          g_auto(GStrv) items = g_strsplit (value, g_str_equal (field->name, "reasons") ? "\n" : ",", -1);

          json_builder_begin_array (builder);
          for (guint j = 0; items[j] != NULL; j++)
            if (*items[j] != '\0')
              json_builder_add_string_value (builder, items[j]);
          json_builder_end_array (builder);
        }
      else if (*value == '\0')
        json_builder_add_null_value (builder);
      else if (field->type == UD_FIELD_MONEY)
        {
          g_autofree char *yuan = ud_money_format_plain (g_ascii_strtoll (value, NULL, 10));

          json_builder_add_string_value (builder, yuan);
        }
      else if (field->type == UD_FIELD_INT)
        json_builder_add_int_value (builder, g_ascii_strtoll (value, NULL, 10));
      else if (g_str_equal (field->name, "archived"))
        json_builder_add_boolean_value (builder, g_str_equal (value, "yes"));
      else
        json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ---- records ------------------------------------------------------------ */

UdRecord *
ud_illness_application_new (const UdRecord *member)
{
  UdRecord *application;
  g_autofree char *today = today_iso ();

  g_return_val_if_fail (member != NULL && member->kind == &ud_kind_member, NULL);

  application = ud_record_new (KIND);
  ud_record_set (application, "member_uuid", member->uuid);
  ud_record_set (application, "member_name", ud_record_get (member, "name"));
  ud_record_set (application, "id_number", ud_record_get (member, "id_number"));
  ud_record_set (application, "application_date", today);
  ud_record_set (application, "relation", "self");
  ud_record_set (application, "archived", "no");
  ud_record_set (application, "status", "draft");

  return application;
}

static char *
next_serial (UdDatabase  *db,
             const char  *district,
             guint        year,
             GError     **error)
{
  g_autofree char *office = ud_database_get_office_number (db);
  g_autofree char *prefix = g_strdup_printf ("%s-%s-%u-%s-", SERIAL_PREFIX, district, year, office);

  /* Numbers are never reused, not even a deleted draft's. */
  return _ud_record_store_next_serial (db, KIND, "serial", prefix, 4, error);
}

/* ---- saving drafts ------------------------------------------------------ */

gboolean
ud_illness_store_save (UdDatabase  *db,
                       UdRecord    *application,
                       GPtrArray   *issues,
                       GError     **error)
{
  g_autoptr(GPtrArray) local_issues = NULL;
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_auto(UdReliefQuote) quote = { 0, };
  g_autoptr(GError) local_error = NULL;
  GDate date;
  guint year;
  guint first;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (application != NULL && application->kind == KIND, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_CREATE_APPLICATION, error))
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

  if (!ud_record_store_validate (db, application, issues))
    {
      ud_issue_list_set_error (issues, first, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID, error);
      return FALSE;
    }

  if (!ud_database_begin (db, error))
    return FALSE;

  if (application->id != 0)
    {
      existing = _ud_record_store_read (db, KIND, application->id, &local_error);
      if (existing == NULL || existing->deleted)
        goto not_found;
      if (!g_str_equal (ud_record_get (existing, "status"), "draft"))
        {
          g_set_error (&local_error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_WRONG_STATUS,
                       _("Application %s has been submitted and can no longer be changed; it can be changed again if it is returned."),
                       ud_record_get (existing, "serial"));
          goto failed;
        }
      record = ud_record_copy (existing);
    }
  else
    {
      record = ud_record_new (KIND);
      ud_record_set (record, "status", "draft");
      ud_record_set (record, "created_by", ud_database_get_actor (db));
    }

  /* What the clerk typed, over the stored state. */
  for (guint i = 0; i < KIND->n_fields; i++)
    if ((KIND->fields[i].flags & UD_FIELD_DERIVED) == 0)
      ud_record_set_nth (record, i, application->values[i]);

  member = _ud_record_store_read_by_uuid (db, &ud_kind_member, ud_record_get (record, "member_uuid"), &local_error);
  if (local_error != NULL)
    goto failed;
  if (member == NULL || member->deleted)
    {
      add_issue (issues, "member_uuid", "not_found", g_strdup_printf (_("%s: the member no longer exists"), ud_kind_get_field_label (KIND, "member_uuid")));
      ud_issue_list_set_error (issues, first, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID, &local_error);
      goto failed;
    }
  ud_record_set (record, "member_name", ud_record_get (member, "name"));
  ud_record_set (record, "id_number", ud_record_get (member, "id_number"));

  if (!_ud_illness_compute_suggestion (db, record, FALSE, NULL, &quote, issues, &local_error))
    goto failed;

  ud_date_parse (ud_record_get (record, "application_date"), &date, NULL);
  year = g_date_get_year (&date);
  if (existing == NULL || ud_record_get_int (existing, "fund_year") != year)
    {
      g_autofree char *serial = next_serial (db, ud_database_get_district (db), year, &local_error);

      if (serial == NULL)
        goto failed;
      ud_record_set (record, "serial", serial);
      ud_record_set_int (record, "fund_year", year);
    }

  if (!_ud_record_store_write (db, record, existing, NULL, &local_error) ||
      (existing == NULL && !_ud_workflow_record_created (db, record, &local_error)) ||
      !ud_database_commit (db, &local_error))
    goto failed;

  /* The caller's record becomes what was stored. */
  application->id = record->id;
  g_free (application->uuid);
  application->uuid = g_strdup (record->uuid);
  g_free (application->district);
  application->district = g_strdup (record->district);
  g_free (application->hlc);
  application->hlc = g_strdup (record->hlc);
  g_free (application->updated_at);
  application->updated_at = g_strdup (record->updated_at);
  g_free (application->updated_by);
  application->updated_by = g_strdup (record->updated_by);
  application->deleted = FALSE;
  for (guint i = 0; i < KIND->n_fields; i++)
    ud_record_set_nth (application, i, record->values[i]);

  return TRUE;

not_found:
  if (local_error == NULL)
    g_set_error (&local_error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_FOUND,
                 _("The application no longer exists."));
failed:
  ud_database_rollback (db);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---- reading ------------------------------------------------------------ */

UdRecord *
ud_illness_store_get (UdDatabase  *db,
                      gint64       id,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  UdRecord *record;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  record = _ud_record_store_read (db, KIND, id, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (record == NULL)
    g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_FOUND,
                 _("The application no longer exists."));

  return record;
}

UdRecord *
ud_illness_store_find (UdDatabase  *db,
                       const char  *serial_or_uuid,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  UdRecord *record = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (serial_or_uuid != NULL, NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  if (ud_uuid_is_valid (serial_or_uuid))
    record = _ud_record_store_read_by_uuid (db, KIND, serial_or_uuid, &local_error);
  else
    {
      g_autoptr(GPtrArray) found = read_by_serial (db, serial_or_uuid, &local_error);

      if (found != NULL && found->len > 0)
        record = ud_record_ref (g_ptr_array_index (found, 0));
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (record == NULL || record->deleted)
    {
      g_clear_pointer (&record, ud_record_unref);
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_FOUND,
                   _("There is no application “%s”: give its serial number, such as 大病-110118-2024-01-0001."),
                   serial_or_uuid);
    }
  else if (!ud_uuid_is_valid (serial_or_uuid))
    {
      g_autoptr(GPtrArray) others = ud_illness_store_list_same_serial (db, record, error);
      g_autoptr(GString) uuids = NULL;

      if (others == NULL)
        g_clear_pointer (&record, ud_record_unref);
      else if (others->len > 0)
        {
          uuids = g_string_new (record->uuid);
          for (guint i = 0; i < others->len; i++)
            g_string_append_printf (uuids, ", %s", ((UdRecord *) g_ptr_array_index (others, i))->uuid);
          g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_FOUND,
                       _("Serial number %s is used by more than one application (two offices of the district have the same office number): give the application’s uuid instead, one of %s."),
                       serial_or_uuid, uuids->str);
          g_clear_pointer (&record, ud_record_unref);
        }
    }

  return record;
}

UdRecord *
ud_illness_store_get_member (UdDatabase      *db,
                             const UdRecord  *application,
                             GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  UdRecord *member;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (application != NULL && application->kind == KIND, NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  member = _ud_record_store_read_by_uuid (db, &ud_kind_member, ud_record_get (application, "member_uuid"), &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (member == NULL)
    g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_FOUND,
                 _("The member of application %s is not on the roll."), ud_record_get (application, "serial"));

  return member;
}

GPtrArray *
ud_illness_store_list (UdDatabase            *db,
                       const UdIllnessQuery  *query,
                       GError               **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  return _ud_illness_select (db, KIND,
                      query != NULL ? query->year : 0,
                      query != NULL ? query->status : NULL,
                      query != NULL ? query->member_uuid : NULL,
                      error);
}

GPtrArray *
ud_illness_store_list_same_serial (UdDatabase      *db,
                                   const UdRecord  *application,
                                   GError         **error)
{
  g_autoptr(GPtrArray) records = NULL;
  const char *serial;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (application != NULL && application->kind == KIND, NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  serial = ud_record_get (application, "serial");
  if (*serial == '\0')
    return g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);

  records = read_by_serial (db, serial, error);
  if (records == NULL)
    return NULL;
  for (guint i = records->len; i-- > 0;)
    {
      const UdRecord *other = g_ptr_array_index (records, i);

      if (other->deleted || g_strcmp0 (other->uuid, application->uuid) == 0)
        g_ptr_array_remove_index (records, i);
    }

  return g_steal_pointer (&records);
}

/* Each row of @sql's first column into a set of strings. */
static GHashTable *
select_set (UdDatabase  *db,
            const char  *sql,
            GError     **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  stmt = ud_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the applications"));
      return NULL;
    }

  return g_steal_pointer (&set);
}

GHashTable *
ud_illness_store_duplicate_serials (UdDatabase  *db,
                                    GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  return select_set (db,
                     "SELECT serial FROM illness_application WHERE deleted = 0"
                     " GROUP BY serial HAVING count (*) > 1",
                     error);
}

GHashTable *
ud_illness_store_flagged_applications (UdDatabase  *db,
                                       GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  return select_set (db,
                     "SELECT DISTINCT uuid FROM sync_flag WHERE kind = 'illness_application'",
                     error);
}

void
ud_illness_city_flag_free (UdIllnessCityFlag *flag)
{
  if (flag == NULL)
    return;

  g_free (flag->event_date);
  g_free (flag->other_district);
  g_free (flag->other_kind);
  g_free (flag->other_date);
  g_free (flag);
}

static UdIllnessCityFlag *
read_city_flag (sqlite3_stmt *stmt)
{
  UdIllnessCityFlag *flag = g_new0 (UdIllnessCityFlag, 1);

  flag->event_date = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  flag->other_district = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  flag->other_kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  flag->other_date = g_strdup ((const char *) sqlite3_column_text (stmt, 3));

  return flag;
}

GPtrArray *
ud_illness_store_list_city_flags (UdDatabase  *db,
                                  const char  *application_uuid,
                                  GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (application_uuid != NULL, NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  /* The city may flag one pair again (a later payment date): each other
   * record is named once, with its latest dates. */
  return _ud_database_select_rows (db,
                                   "SELECT max (event_date), other_district, other_kind, max (other_date)"
                                   " FROM sync_flag WHERE kind = 'illness_application' AND uuid = ?1"
                                   " GROUP BY other_district, other_kind ORDER BY 4, 2",
                                   application_uuid, (UdRowReader) read_city_flag,
                                   (GDestroyNotify) ud_illness_city_flag_free,
                                   _("read the city's duplicate-aid flags"), error);
}

static const struct
{
  const char *code;
  const char *name;
} beijing_districts[] = {
  { "110101", N_("Dongcheng District") },
  { "110102", N_("Xicheng District") },
  { "110105", N_("Chaoyang District") },
  { "110106", N_("Fengtai District") },
  { "110107", N_("Shijingshan District") },
  { "110108", N_("Haidian District") },
  { "110109", N_("Mentougou District") },
  { "110111", N_("Fangshan District") },
  { "110112", N_("Tongzhou District") },
  { "110113", N_("Shunyi District") },
  { "110114", N_("Changping District") },
  { "110115", N_("Daxing District") },
  { "110116", N_("Huairou District") },
  { "110117", N_("Pinggu District") },
  { "110118", N_("Miyun District") },
  { "110119", N_("Yanqing District") },
};

const char *
ud_illness_district_name (const char *code)
{
  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (beijing_districts); i++)
    if (g_str_equal (code, beijing_districts[i].code))
      return _(beijing_districts[i].name);

  return NULL;
}

char *
ud_illness_city_flag_describe (const UdIllnessCityFlag *flag)
{
  const char *name;
  g_autofree char *where = NULL;
  const char *what;

  g_return_val_if_fail (flag != NULL, NULL);

  name = ud_illness_district_name (flag->other_district);
  if (name != NULL)
    /* TRANSLATORS: a district's name, then its 6-digit code */
    where = g_strdup_printf (_("%s (%s)"), name, flag->other_district);
  else
    /* TRANSLATORS: %s is a 6-digit district code */
    where = g_strdup_printf (_("district %s"), flag->other_district);

  if (g_strcmp0 (flag->other_kind, "illness_application") == 0)
    what = _("serious-illness relief");
  else
    what = _("hardship aid");

  /* TRANSLATORS: "The same ID number received hardship aid in Chaoyang
   * District (110105) on 2024-03-10, within 12 months of this application
   * (2024-05-02)." */
  return g_strdup_printf (_("The same ID number received %s in %s on %s, within 12 months of this application (%s). Check with that district before paying."),
                          what, where, flag->other_date, flag->event_date);
}

const char *
ud_illness_step_get_label (const char *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  return ud_workflow_trail_label (KIND->workflow, step);
}

char *
ud_illness_store_disease_name (UdDatabase      *db,
                               const UdRecord  *application,
                               GError         **error)
{
  g_autoptr(UdReliefRules) rules = NULL;
  g_autoptr(GPtrArray) diseases = NULL;
  const char *code;
  GDate date;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (application != NULL, NULL);

  code = ud_record_get (application, "disease");
  rules = ud_reference_load_rules (db, error);
  if (rules == NULL)
    return NULL;
  if (!ud_date_parse (ud_record_get (application, "application_date"), &date, NULL))
    return g_strdup ("");

  diseases = ud_relief_rules_diseases (rules, &date);
  for (guint i = 0; i < diseases->len; i++)
    {
      const UdReliefDisease *disease = g_ptr_array_index (diseases, i);

      if (g_ascii_strcasecmp (disease->code, code) == 0)
        return g_strdup (disease->name);
    }

  return g_strdup ("");
}

GPtrArray *
ud_illness_store_list_steps (UdDatabase  *db,
                             const char  *application_uuid,
                             GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (application_uuid != NULL, NULL);

  return ud_trail_list (db, KIND, application_uuid, error);
}

/* ---- the workflow ------------------------------------------------------- */

/* The engine's refusals in the words the relief code has always used
 * (UD_ILLNESS_ERROR); the permission's and the rules' pass as they are. */
static gboolean
take_step (UdDatabase         *db,
           gint64              id,
           const char         *step,
           const UdStepInput  *input,
           GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  if (ud_workflow_take (db, KIND, id, step, input, NULL, &local_error))
    return TRUE;

  if (local_error->domain == UD_WORKFLOW_ERROR)
    {
      local_error->domain = UD_ILLNESS_ERROR;
      switch ((UdWorkflowError) local_error->code)
        {
        case UD_WORKFLOW_ERROR_NOT_FOUND:
          local_error->code = UD_ILLNESS_ERROR_NOT_FOUND;
          g_free (local_error->message);
          local_error->message = g_strdup (_("The application no longer exists."));
          break;
        case UD_WORKFLOW_ERROR_WRONG_STATE:
          local_error->code = UD_ILLNESS_ERROR_WRONG_STATUS;
          break;
        case UD_WORKFLOW_ERROR_INVALID:
        default:
          local_error->code = UD_ILLNESS_ERROR_INVALID;
          break;
        }
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
ud_illness_store_submit (UdDatabase              *db,
                         gint64                   id,
                         const UdIllnessOpinion  *union_opinion,
                         GError                 **error)
{
  UdStepInput input = { { NULL } };

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (union_opinion != NULL, FALSE);

  input.opinion = *union_opinion;
  return take_step (db, id, "submit", &input, error);
}

gboolean
ud_illness_store_review (UdDatabase              *db,
                         gint64                   id,
                         const UdIllnessOpinion  *street,
                         const UdIllnessOpinion  *review,
                         GError                 **error)
{
  UdStepInput input = { { NULL } };
  UdStepOpinion papers[1] = { { NULL } };

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (review != NULL, FALSE);

  input.opinion = *review;
  /* An opinion of the street given with no text is still one to check. */
  if (street != NULL)
    {
      papers[0] = *street;
      if (papers[0].opinion == NULL || *papers[0].opinion == '\0')
        papers[0].opinion = " ";
    }
  input.papers = papers;
  return take_step (db, id, "review", &input, error);
}

gboolean
ud_illness_store_return (UdDatabase  *db,
                         gint64       id,
                         const char  *reason,
                         GError     **error)
{
  UdStepInput input = { { reason, NULL, NULL } };

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  return take_step (db, id, "return", &input, error);
}

gboolean
ud_illness_store_approve (UdDatabase              *db,
                          gint64                   id,
                          UdFen                    amount,
                          const char              *amount_reason,
                          const UdIllnessOpinion  *approval,
                          GError                 **error)
{
  g_autofree char *amount_text = amount >= 0 ? ud_money_format_plain (amount) : g_strdup ("");
  const char *values[] = { amount_text, amount_reason, NULL };
  UdStepInput input = { { NULL } };

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (approval != NULL, FALSE);

  input.opinion = *approval;
  input.values = values;
  return take_step (db, id, "approve", &input, error);
}

gboolean
ud_illness_store_reject (UdDatabase              *db,
                         gint64                   id,
                         const UdIllnessOpinion  *rejection,
                         GError                 **error)
{
  UdStepInput input = { { NULL } };

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rejection != NULL, FALSE);

  input.opinion = *rejection;
  return take_step (db, id, "reject", &input, error);
}

void
ud_illness_notice_shortest_end (const GDate *from,
                                GDate       *end)
{
  ud_workflow_notice_shortest_end (ud_workflow_find_step (KIND->workflow, "notice"), from, end);
}

gboolean
ud_illness_store_record_notice (UdDatabase  *db,
                                gint64       id,
                                const char  *from,
                                const char  *to,
                                GError     **error)
{
  const char *values[] = { from, to, NULL };
  UdStepInput input = { { NULL } };

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  input.values = values;
  return take_step (db, id, "notice", &input, error);
}

gboolean
ud_illness_store_record_payment (UdDatabase              *db,
                                 gint64                   id,
                                 const UdIllnessPayment  *payment,
                                 GError                 **error)
{
  const char *values[] = { payment->paid_on, payment->method, payment->receipt_number, NULL };
  UdStepInput input = { { NULL } };

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (payment != NULL, FALSE);

  input.values = values;
  return take_step (db, id, "pay", &input, error);
}

gboolean
ud_illness_store_delete (UdDatabase  *db,
                         gint64       id,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (ud_record_store_delete (db, KIND, id, &local_error))
    return TRUE;

  /* Only a draft may be deleted: in the workflow's words. */
  if (g_error_matches (local_error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID))
    {
      local_error->domain = UD_ILLNESS_ERROR;
      local_error->code = UD_ILLNESS_ERROR_WRONG_STATUS;
    }
  else if (g_error_matches (local_error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_FOUND))
    {
      local_error->domain = UD_ILLNESS_ERROR;
      local_error->code = UD_ILLNESS_ERROR_NOT_FOUND;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
