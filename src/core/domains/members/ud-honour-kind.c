/* ud-honour-kind.c — a member's honours, one record each
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-honour-kind"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "ud-honour-kind.h"
#include "ud-member-kind.h"
#include "ud-record-store-private.h"
#include "ud-record-store.h"
#include "ud-record.h"

#define ALIASES(...) UD_STRV (__VA_ARGS__)
#define TYPED (UD_FIELD_SYNCED | UD_FIELD_CSV)

static const UdChoice level_choices[] = {
  { "national",   N_("National"),               "国家级", ALIASES ("全国", "national") },
  { "provincial", N_("Provincial or Beijing"),  "省部级", ALIASES ("市级", "北京市", "provincial") },
  { "district",   N_("District"),               "区级",   ALIASES ("区县级", "district") },
  { "township",   N_("Street or township"),     "街乡级", ALIASES ("街道", "乡镇") },
  { "unit",       N_("Own unit or trade"),      "单位级", ALIASES ("单位", "系统", "行业") },
};

static const UdReference member_reference = {
  .kind = "member",
  .style = UD_REFERENCE_UUID,
};

static const UdField honour_fields[] = {
  { "member_uuid", UD_FIELD_REFERENCE, N_("Member"), "会员", ALIASES ("member_uuid"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_PARENT | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &member_reference },
  { "name", UD_FIELD_TEXT, N_("Honour"), "荣誉名称", ALIASES ("name", "荣誉"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 100, 20 },
  { "level", UD_FIELD_CHOICE, N_("Level"), "级别", ALIASES ("level"),
    TYPED | UD_FIELD_LIST | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, level_choices, G_N_ELEMENTS (level_choices), 0, 8 },
  { "year", UD_FIELD_INT, N_("Year"), "年份", ALIASES ("year", "获得年份"),
    TYPED | UD_FIELD_LIST | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 4, 6 },
  { "awarding_body", UD_FIELD_TEXT, N_("Awarded by"), "授予单位", ALIASES ("awarding_body", "授予机关"),
    TYPED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 60, 14 },
};

static void
honour_validate (UdRecord  *record,
                 GPtrArray *issues,
                 gboolean   fields_ok)
{
  const char *year = ud_record_get (record, "year");

  if (fields_ok && *year != '\0' && (ud_record_get_int (record, "year") < 1949 || ud_record_get_int (record, "year") > 2100))
    g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (record->kind, "year"), "out_of_range", FALSE,
                                           /* TRANSLATORS: a field label */
                                           _("%s: give a year from 1949 on, such as 2019"),
                                           ud_kind_get_field_label (record->kind, "year")));
}

/* One honour named in the member's old text. */
static UdRecord *
honour_from_text (const char *member_uuid,
                  const char *text)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) year_regex = g_regex_new ("^((?:19|20)[0-9]{2})\\s*年?(?:度)?\\s*(.+)$", 0, 0, NULL);
  UdRecord *honour = ud_record_new (&ud_kind_member_honour);
  g_autofree char *name = g_strstrip (g_strdup (text));

  ud_record_set (honour, "member_uuid", member_uuid);
  if (g_regex_match (year_regex, name, 0, &match))
    {
      g_autofree char *year = g_match_info_fetch (match, 1);
      g_autofree char *rest = g_match_info_fetch (match, 2);

      ud_record_set (honour, "year", year);
      g_free (name);
      name = g_steal_pointer (&rest);
    }
  ud_record_set (honour, "name", name);
  if (strstr (name, "全国") != NULL || strstr (name, "中华") != NULL)
    ud_record_set (honour, "level", "national");
  else if (strstr (name, "北京市") != NULL || strstr (name, "首都") != NULL || strstr (name, "省") != NULL)
    ud_record_set (honour, "level", "provincial");
  else if (strstr (name, "区") != NULL || strstr (name, "县") != NULL)
    ud_record_set (honour, "level", "district");

  return honour;
}

/* The honours migration left each member's old free-text honours in
 * member_honour_text: here each becomes its records, as a change of this
 * office (synced and audited), in one transaction that also empties the
 * table, so that a program stopped on the way does it again. */
static gboolean
honour_opened (UdDatabase  *db,
               GError     **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (db, "SELECT m.uuid, t.honours FROM member_honour_text t JOIN member m ON m.id = t.member_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the members' former honours"));
      return FALSE;
    }
  if (texts->len == 0)
    return TRUE;

  if (!ud_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < texts->len; i += 2)
    {
      g_auto(GStrv) parts = g_regex_split_simple ("[、，,；;\\n]+", g_ptr_array_index (texts, i + 1), 0, 0);

      for (guint p = 0; parts[p] != NULL; p++)
        {
          g_autoptr(UdRecord) honour = NULL;

          if (*g_strstrip (parts[p]) == '\0')
            continue;
          honour = honour_from_text (g_ptr_array_index (texts, i), parts[p]);
          /* What does not pass as it is keeps its whole text as the name. */
          if (!ud_record_check (honour, NULL))
            {
              g_autofree char *whole = g_utf8_substring (parts[p], 0, MIN (g_utf8_strlen (parts[p], -1), 100));

              g_clear_pointer (&honour, ud_record_unref);
              honour = ud_record_new (&ud_kind_member_honour);
              ud_record_set (honour, "member_uuid", g_ptr_array_index (texts, i));
              ud_record_set (honour, "name", whole);
              if (!ud_record_check (honour, NULL))
                continue;
            }
          if (!_ud_record_store_write (db, honour, NULL, NULL, error))
            goto failed;
        }
    }
  if (!ud_database_exec (db, "DELETE FROM member_honour_text", error) ||
      !ud_database_commit (db, error))
    goto failed;
  return TRUE;

failed:
  ud_database_rollback (db);
  g_prefix_error (error, _("Moving the members' honours into their own records failed. "));
  return FALSE;
}

static const UdKindHooks honour_hooks = {
  .validate = honour_validate,
  .opened = honour_opened,
};

const UdKind ud_kind_member_honour = {
  .name = "member_honour",
  .table = "member_honour",
  .label = N_("Honour of a member"),
  .fields = honour_fields,
  .n_fields = G_N_ELEMENTS (honour_fields),
  .title_fields = UD_STRV ("year", "name"),
  .sort_field = "year",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_MEMBERS,
  .delete_permission = UD_PERMISSION_EDIT_MEMBERS,
  .hooks = &honour_hooks,
};

GPtrArray *
ud_member_honours (UdDatabase  *db,
                   const char  *member_uuid,
                   GError     **error)
{
  UdRecordFilter of_member = { "member_uuid", UD_RECORD_FILTER_EQUALS, member_uuid };
  UdRecordQuery query = { &ud_kind_member_honour, NULL, &of_member, 1, "year" };

  return ud_record_store_list (db, &query, error);
}
