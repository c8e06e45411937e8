/* ud-team-store.c — the teams' records, their totals per year and their aid
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-team-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "ud-aid-store.h"
#include "ud-member-kind.h"
#include "ud-record-store-private.h"
#include "ud-record-store.h"
#include "ud-team-kind.h"
#include "ud-team-private.h"
#include "ud-team-store.h"
#include "ud-audit-detail.h"
#include "ud-uuid.h"

G_DEFINE_QUARK (ud-team-error-quark, ud_team_error)

UdRecord *
ud_team_find (UdDatabase  *db,
              const char  *key,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(UdRecord) team = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (ud_uuid_is_valid (key))
    team = ud_record_store_get_by_uuid (db, &ud_kind_team, key, &local_error);
  else
    team = ud_record_store_find (db, &ud_kind_team, "name", key, &local_error);
  if (local_error != NULL && !g_error_matches (local_error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (team == NULL || team->deleted)
    {
      g_set_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_NOT_FOUND,
                   /* TRANSLATORS: the name given */
                   _("There is no poverty-relief team “%s”: give its name."), key);
      return NULL;
    }

  return g_steal_pointer (&team);
}

GPtrArray *
ud_team_records (UdDatabase      *db,
                 const UdRecord  *team,
                 const UdKind    *kind,
                 GError         **error)
{
  g_autofree char *id = NULL;
  UdRecordFilter of_team = { "team", UD_RECORD_FILTER_EQUALS, NULL };
  UdRecordQuery query = { kind, NULL, &of_team, 1 };

  g_return_val_if_fail (team != NULL && team->kind == &ud_kind_team, NULL);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, team->id);
  of_team.value = id;
  return ud_record_store_list (db, &query, error);
}

static void
row_issue (GPtrArray     *issues,
           const UdKind  *kind,
           const char    *field,
           const char    *code,
           char          *message)
{
  g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (kind, field), code, FALSE, "%s", message));
  g_free (message);
}

/* The team a record names, by the name it holds. */
static UdRecord *
record_team (UdDatabase      *db,
             const UdRecord  *record,
             GPtrArray       *issues,
             GError         **error)
{
  const char *name = ud_record_get (record, "team");
  g_autoptr(GError) local_error = NULL;
  UdRecord *team;

  if (*name == '\0')
    {
      ud_issue_list_add_required (issues, ud_kind_find_field (record->kind, "team"));
      return NULL;
    }
  team = ud_record_store_find (db, &ud_kind_team, "name", name, &local_error);
  if (local_error != NULL && !g_error_matches (local_error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (team == NULL || team->deleted)
    {
      g_clear_pointer (&team, ud_record_unref);
      row_issue (issues, record->kind, "team", "no_team",
                 /* TRANSLATORS: a field label, then a team's name */
                 g_strdup_printf (_("%s: there is no poverty-relief team “%s”"),
                                  ud_kind_get_field_label (record->kind, "team"), name));
    }
  return team;
}

/* A team's member: the member of the roll with the ID number, its name
 * and title copied; the team's member already there, if any, in
 * *@existing. */
gboolean
_ud_team_member_import_row (UdDatabase  *db,
                            UdRecord    *record,
                            UdRecord   **existing,
                            GPtrArray   *issues,
                            GError     **error)
{
  const UdField *id_field = ud_kind_find_field (record->kind, "id_number");
  g_autofree char *id_number = ud_field_normalize (id_field, ud_record_get (record, "id_number"), issues);
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(UdRecord) team = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GError) local_error = NULL;

  if (id_number == NULL)
    return TRUE;
  if (*id_number == '\0')
    {
      ud_issue_list_add_required (issues, id_field);
      return TRUE;
    }

  member = ud_record_store_find (db, &ud_kind_member, "id_number", id_number, &local_error);
  if (local_error != NULL && !g_error_matches (local_error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (member == NULL || member->deleted)
    {
      row_issue (issues, record->kind, "id_number", "no_member",
                 /* TRANSLATORS: a field label, then an ID number */
                 g_strdup_printf (_("%s: no member on the roll has the ID number %s; add the member first"),
                                  _(id_field->label), id_number));
      return TRUE;
    }
  ud_record_set (record, "id_number", id_number);
  ud_record_set (record, "member_uuid", member->uuid);
  ud_record_set (record, "name", ud_record_get (member, "name"));
  ud_record_set (record, "title_level", ud_record_get (member, "model_worker"));

  team = record_team (db, record, issues, error);
  if (team == NULL)
    return error == NULL || *error == NULL;

  others = ud_team_records (db, team, record->kind, error);
  if (others == NULL)
    return FALSE;
  for (guint i = 0; i < others->len; i++)
    {
      UdRecord *other = g_ptr_array_index (others, i);

      if (g_str_equal (ud_record_get (other, "member_uuid"), member->uuid) && other->id != record->id)
        {
          if (record->id == 0 && *existing == NULL)
            *existing = ud_record_ref (other);
          else if (record->id != 0)
            row_issue (issues, record->kind, "id_number", "twice",
                       /* TRANSLATORS: a member's name, then a team's name */
                       g_strdup_printf (_("%s is a member of %s already."),
                                        ud_record_get (member, "name"), ud_record_get (team, "name")));
          break;
        }
    }

  return TRUE;
}

/* An activity: each who took part is a member of the team, names
 * separated by 、 , ， or spaces, written back joined by 、. */
gboolean
_ud_team_activity_import_row (UdDatabase  *db,
                              UdRecord    *record,
                              UdRecord   **existing,
                              GPtrArray   *issues,
                              GError     **error)
{
  g_autoptr(UdRecord) team = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) unknown = g_string_new (NULL);
  g_autofree char *joined = NULL;
  g_auto(GStrv) words = NULL;

  team = record_team (db, record, issues, error);
  if (team == NULL)
    return error == NULL || *error == NULL;
  members = ud_team_records (db, team, &ud_kind_team_member, error);
  if (members == NULL)
    return FALSE;

  words = g_regex_split_simple ("[、,，;；\\s]+", ud_record_get (record, "participants"), 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      if (*words[i] == '\0')
        continue;
      for (guint m = 0; m < members->len && !found; m++)
        found = g_str_equal (ud_record_get (g_ptr_array_index (members, m), "name"), words[i]);
      if (!found)
        g_string_append_printf (unknown, "%s%s", unknown->len > 0 ? "、" : "", words[i]);
      else if (!g_ptr_array_find_with_equal_func (names, words[i], g_str_equal, NULL))
        g_ptr_array_add (names, words[i]);
    }
  if (unknown->len > 0)
    {
      row_issue (issues, record->kind, "participants", "not_member",
                 /* TRANSLATORS: a field label, names, then a team's name */
                 g_strdup_printf (_("%s: %s not on the team %s"),
                                  ud_kind_get_field_label (record->kind, "participants"),
                                  unknown->str, ud_record_get (team, "name")));
      return TRUE;
    }

  g_ptr_array_add (names, NULL);
  joined = g_strjoinv ("、", (char **) names->pdata);
  ud_record_set (record, "participants", joined);
  return TRUE;
}

gboolean
ud_team_save (UdDatabase  *db,
              UdRecord    *record,
              GError     **error)
{
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autoptr(UdRecord) existing = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (record->kind == &ud_kind_team_member)
    ok = _ud_team_member_import_row (db, record, &existing, issues, error);
  else if (record->kind == &ud_kind_team_activity)
    ok = _ud_team_activity_import_row (db, record, &existing, issues, error);
  else if (record->kind != &ud_kind_team)
    {
      g_autoptr(UdRecord) team = record_team (db, record, issues, error);

      ok = team != NULL || error == NULL || *error == NULL;
    }
  if (!ok)
    return FALSE;

  if (existing != NULL && record->id == 0)
    {
      /* A member is in a team once. */
      g_set_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID,
                   /* TRANSLATORS: a member's name, then a team's name */
                   _("%s is a member of %s already."),
                   ud_record_get (record, "name"), ud_record_get (record, "team"));
      return FALSE;
    }
  if (ud_issue_list_set_error (issues, 0, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID, error))
    return FALSE;

  return ud_record_store_save (db, record, NULL, error);
}

/* ---- totals per year ------------------------------------------------------ */

static UdTeamYear *
year_of (GArray *years,
         guint   year)
{
  UdTeamYear blank = { year, };
  guint i;

  for (i = 0; i < years->len; i++)
    {
      UdTeamYear *y = &g_array_index (years, UdTeamYear, i);

      if (y->year == year)
        return y;
      if (y->year > year)
        break;
    }
  g_array_insert_val (years, i, blank);
  return &g_array_index (years, UdTeamYear, i);
}

static gint
compare_years (gconstpointer a,
               gconstpointer b)
{
  const UdTeamYear *x = a, *y = b;

  return x->year < y->year ? -1 : x->year > y->year;
}

GArray *
ud_team_totals (UdDatabase      *db,
                const UdRecord  *team,
                guint            year,
                GError         **error)
{
  /* Each sum per year of the team's live records; @year 0 is every year. */
  static const char activities_sql[] =
    "SELECT CAST (substr (date, 1, 4) AS INTEGER) AS y, count (*), total (households_reached),"
    "       total (money), total (goods_value)"
    " FROM team_activity WHERE team_id = ?1 AND deleted = 0 AND (?2 = 0 OR substr (date, 1, 4) = printf ('%04d', ?2))"
    " GROUP BY y";
  static const char projects_sql[] =
    "SELECT CAST (substr (started_on, 1, 4) AS INTEGER) AS y, count (*), total (value)"
    " FROM team_project WHERE team_id = ?1 AND deleted = 0 AND (?2 = 0 OR substr (started_on, 1, 4) = printf ('%04d', ?2))"
    " GROUP BY y";
  static const char aid_sql[] =
    "SELECT p.year, count (DISTINCT p.recipient_uuid), total (p.amount),"
    "       total (CASE WHEN p.status = 'paid' THEN p.amount ELSE 0 END)"
    " FROM aid_payment p JOIN assisted_household h ON h.uuid = p.recipient_uuid"
    " WHERE p.recipient_kind = 'assisted_household' AND p.deleted = 0 AND h.team_id = ?1"
    "   AND (?2 = 0 OR p.year = ?2)"
    " GROUP BY p.year";
  GArray *years;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (team != NULL && team->kind == &ud_kind_team, NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  years = g_array_new (FALSE, TRUE, sizeof (UdTeamYear));
  if (year != 0)
    year_of (years, year);

  if ((stmt = ud_database_prepare (db, activities_sql, error)) == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, team->id);
  sqlite3_bind_int (stmt, 2, (int) year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdTeamYear *y = year_of (years, (guint) sqlite3_column_int (stmt, 0));

      y->activities = (guint) sqlite3_column_int (stmt, 1);
      y->households_reached = (gint64) sqlite3_column_double (stmt, 2);
      y->money = (UdFen) sqlite3_column_double (stmt, 3);
      y->goods_value = (UdFen) sqlite3_column_double (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_failed;

  if ((stmt = ud_database_prepare (db, projects_sql, error)) == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, team->id);
  sqlite3_bind_int (stmt, 2, (int) year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdTeamYear *y = year_of (years, (guint) sqlite3_column_int (stmt, 0));

      y->projects = (guint) sqlite3_column_int (stmt, 1);
      y->project_value = (UdFen) sqlite3_column_double (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_failed;

  if ((stmt = ud_database_prepare (db, aid_sql, error)) == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, team->id);
  sqlite3_bind_int (stmt, 2, (int) year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdTeamYear *y = year_of (years, (guint) sqlite3_column_int (stmt, 0));

      y->households_aided = (guint) sqlite3_column_int (stmt, 1);
      y->aid_committed = (UdFen) sqlite3_column_double (stmt, 2);
      y->aid_paid = (UdFen) sqlite3_column_double (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_failed;

  g_array_sort (years, compare_years);
  return years;

sql_failed:
  ud_database_set_error (db, error, _("sum up the team's year"));
failed:
  g_array_unref (years);
  return NULL;
}

/* ---- paying the households --------------------------------------------------- */

UdRecord *
ud_team_pay (UdDatabase      *db,
             const UdRecord  *team,
             const char      *programme_key,
             guint            year,
             UdFen            amount,
             const char      *title,
             GError         **error)
{
  g_autoptr(UdRecord) programme = NULL;
  g_autoptr(GPtrArray) households = NULL;
  g_autoptr(GPtrArray) payments = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (team != NULL && team->kind == &ud_kind_team, NULL);

  programme = ud_aid_programme_find (db, programme_key, &local_error);
  if (programme == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_NOT_FOUND,
                     /* TRANSLATORS: what was given */
                     _("There is no aid programme “%s”: give its code or its name."), programme_key);
      return NULL;
    }

  households = ud_team_records (db, team, &ud_kind_assisted_household, error);
  if (households == NULL)
    return NULL;
  if (households->len == 0)
    {
      g_set_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID,
                   /* TRANSLATORS: a team's name */
                   _("%s assists no household yet: there is nobody to pay."), ud_record_get (team, "name"));
      return NULL;
    }

  for (guint i = 0; i < households->len; i++)
    {
      UdRecord *household = g_ptr_array_index (households, i);

      g_ptr_array_add (payments,
                       ud_aid_payment_new (household->kind->name, household->uuid,
                                           ud_record_get (household, "head"),
                                           ud_record_get (household, "head_id_number"),
                                           ud_record_get (household, "village"),
                                           "assisted_household", amount));
    }

  batch = ud_aid_batch_new (programme, year, title != NULL ? title : ud_record_get (team, "name"), "hand", NULL);
  if (!ud_aid_batch_create (db, batch, payments, error))
    return NULL;

  return g_steal_pointer (&batch);
}

/* Deleting a team ------------------------------------------------------------------- */

/* How many of @team's live households have live aid payments, and of
 * those how many were paid. */
static gboolean
count_aided (UdDatabase      *db,
             const UdRecord  *team,
             gint64          *aided,
             gint64          *paid,
             GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = ud_database_prepare (db,
                              "SELECT count (DISTINCT h.id),"
                              "       count (DISTINCT CASE WHEN p.status = 'paid' THEN h.id END)"
                              " FROM assisted_household h JOIN aid_payment p"
                              "   ON p.recipient_uuid = h.uuid AND p.recipient_kind = 'assisted_household' AND p.deleted = 0"
                              " WHERE h.team_id = ?1 AND h.deleted = 0",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, team->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      ud_database_set_error (db, error, _("count the team’s aided households"));
      return FALSE;
    }
  *aided = sqlite3_column_int64 (stmt, 0);
  *paid = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_ud_household_deleted (UdDatabase     *db,
                       const UdRecord *before,
                       const UdRecord *household,
                       GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 payments, paid;

  if (!household->deleted)
    return TRUE;

  stmt = ud_database_prepare (db,
                              "SELECT count (*), count (CASE WHEN status = 'paid' THEN 1 END) FROM aid_payment"
                              " WHERE recipient_kind = 'assisted_household' AND recipient_uuid = ?1 AND deleted = 0",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, household->uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      ud_database_set_error (db, error, _("count the household’s aid payments"));
      return FALSE;
    }
  payments = sqlite3_column_int64 (stmt, 0);
  paid = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);

  if (payments > 0)
    {
      g_autofree char *payments_text = g_strdup_printf ("%" G_GINT64_FORMAT, payments);
      g_autofree char *paid_text = g_strdup_printf ("%" G_GINT64_FORMAT, paid);

      g_set_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID,
                   /* Translators: a household's head, then how many aid
                    * payments it has and how many of them were paid */
                   ngettext ("The household of %s cannot be removed: it has %s aid payment (%s paid), which must stay with it.",
                             "The household of %s cannot be removed: it has %s aid payments (%s paid), which must stay with it.",
                             (gulong) payments),
                   ud_record_get (household, "head"), payments_text, paid_text);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ud_team_deleted (UdDatabase     *db,
                  const UdRecord *before,
                  const UdRecord *team,
                  GError        **error)
{
  static const UdKind * const held[] = {
    &ud_kind_team_member, &ud_kind_assisted_household, &ud_kind_team_activity, &ud_kind_team_project,
  };
  g_autofree char *detail = ud_audit_detail_new ("with_record", "kind_label", ud_kind_team.label,
                                                 "title", ud_record_get (team, "name"), "uuid", team->uuid, NULL);

  if (team->deleted)
    {
      gint64 aided = 0, paid = 0;

      if (!count_aided (db, team, &aided, &paid, error))
        return FALSE;
      if (aided > 0)
        {
          g_autofree char *aided_text = g_strdup_printf ("%" G_GINT64_FORMAT, aided);
          g_autofree char *paid_text = g_strdup_printf ("%" G_GINT64_FORMAT, paid);

          g_set_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID,
                       /* Translators: a team's name, then how many of its
                        * households have aid payments and how many of
                        * them were paid */
                       ngettext ("The team “%s” cannot be deleted: %s of its households has aid payments (%s paid), which must stay with it. Set its status to Dissolved instead.",
                                 "The team “%s” cannot be deleted: %s of its households have aid payments (%s paid), which must stay with them. Set its status to Dissolved instead.",
                                 (gulong) aided),
                       ud_record_get (team, "name"), aided_text, paid_text);
          return FALSE;
        }
    }

  for (guint k = 0; k < G_N_ELEMENTS (held); k++)
    {
      /* Deleting: every live one.  Bringing back: those deleted with the
       * team, as their trail's last entry says. */
      g_autofree char *sql = g_strdup_printf ("SELECT t.id FROM %s t WHERE t.team_id = ?1 AND t.deleted = ?2%s",
                                              held[k]->table,
                                              team->deleted ? "" :
                                              " AND (SELECT a.detail FROM audit_log a WHERE a.kind = ?3 AND a.uuid = t.uuid"
                                              "      ORDER BY a.id DESC LIMIT 1) = ?4");
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      sqlite3_stmt *stmt = ud_database_prepare_built (db, sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, team->id);
      sqlite3_bind_int (stmt, 2, team->deleted ? 0 : 1);
      if (!team->deleted)
        {
          sqlite3_bind_text (stmt, 3, held[k]->name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, detail, -1, SQLITE_TRANSIENT);
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          ud_database_set_error (db, error, _("read the team’s records"));
          return FALSE;
        }

      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(UdRecord) existing = _ud_record_store_read (db, held[k], g_array_index (ids, gint64, i), error);
          g_autoptr(UdRecord) record = NULL;

          if (existing == NULL)
            return FALSE;
          record = ud_record_copy (existing);
          record->deleted = team->deleted;
          if (!_ud_record_store_write (db, record, existing, detail, error))
            return FALSE;
        }
    }

  return TRUE;
}
