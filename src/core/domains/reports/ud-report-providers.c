/* ud-report-providers.c — the figures of members, hardship, aid and relief
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-report-private.h"
#include "ud-aid-kind.h"
#include "ud-chart.h"
#include "ud-fund.h"
#include "ud-hardship-kind.h"
#include "ud-illness-kind.h"
#include "ud-kind-workflow.h"
#include "ud-member-kind.h"
#include "ud-money.h"
#include "ud-room-store.h"
#include "ud-validate.h"
#include "ud-workflow.h"

static void
sql_row_free (gpointer data)
{
  UdReportSqlRow *row = data;

  g_free (row->key);
  g_free (row->key2);
  g_free (row);
}

GPtrArray *
_ud_report_sql_rows (UdDatabase         *db,
                     const char         *sql,
                     const char * const *params,
                     guint               n_keys,
                     guint               n_values,
                     GError            **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (sql_row_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (n_keys <= 2 && n_values <= UD_REPORT_ROW_VALUES, NULL);

  stmt = ud_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    sqlite3_bind_text (stmt, (int) i + 1, params[i], -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdReportSqlRow *row = g_new0 (UdReportSqlRow, 1);

      if (n_keys > 0)
        row->key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (n_keys > 1)
        row->key2 = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      for (guint v = 0; v < n_values; v++)
        row->v[v] = sqlite3_column_int64 (stmt, (int) (n_keys + v));
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, "report");
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static const char * const month_names[] = {
  N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
  N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
};

static GStrv
months (void)
{
  GStrv names = g_new0 (char *, 13);

  for (guint i = 0; i < 12; i++)
    names[i] = g_strdup (_(month_names[i]));

  return names;
}

static int
month_index (const char *date)
{
  /* YYYY-MM-DD */
  if (date == NULL || strlen (date) < 7)
    return -1;
  return (int) g_ascii_strtoll (date + 5, NULL, 10) - 1;
}

static gboolean
within (const char *day,
        const char *from,
        const char *to)
{
  return strcmp (day, from) >= 0 && strcmp (day, to) <= 0;
}

/* A list's link is only given when it lists exactly what is counted: a
 * street is a member's unit's, which a list cannot filter by. */
static gboolean
links_for (const UdReport *report)
{
  return report->scope.street == NULL;
}

/* ---- members ---- */

/* Those who joined from @params' first day on (?1; the street is ?3), by
 * status and employment (a row each: key, key2) and day, summed into
 * what the figures need: v[0], v[1] joined after the period's end and
 * after the end of the period a year before; v[2], v[3] joined in each;
 * and, by month, those who joined in the chart's two years. */
static GPtrArray *
joined_by_day (UdDatabase         *db,
               const char         *sql,
               const char * const *params,
               const UdReport     *report,
               gint64             *this_year,
               gint64             *last_year,
               GError            **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (sql_row_free);
  UdReportSqlRow *group = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; params[i] != NULL; i++)
    sqlite3_bind_text (stmt, (int) i + 1, params[i], -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 0);
      const char *employment = (const char *) sqlite3_column_text (stmt, 1);
      const char *day = (const char *) sqlite3_column_text (stmt, 2);
      gint64 n = sqlite3_column_int64 (stmt, 3);
      int m;

      /* The rows come grouped by status and employment (a few groups). */
      if (group == NULL || g_strcmp0 (group->key, status) != 0 || g_strcmp0 (group->key2, employment) != 0)
        {
          group = NULL;
          for (guint i = 0; i < groups->len && group == NULL; i++)
            {
              UdReportSqlRow *g = g_ptr_array_index (groups, i);

              if (g_strcmp0 (g->key, status) == 0 && g_strcmp0 (g->key2, employment) == 0)
                group = g;
            }
        }
      if (group == NULL)
        {
          group = g_new0 (UdReportSqlRow, 1);
          group->key = g_strdup (status);
          group->key2 = g_strdup (employment);
          g_ptr_array_add (groups, group);
        }
      if (day == NULL)
        continue;
      if (strcmp (day, report->to) > 0)
        group->v[0] += n;
      if (strcmp (day, report->last_to) > 0)
        group->v[1] += n;
      if (within (day, report->from, report->to))
        group->v[2] += n;
      if (within (day, report->last_from, report->last_to))
        group->v[3] += n;
      m = month_index (day);
      if (m >= 0 && m < 12 && within (day, params[0], params[1]))
        {
          if (g_ascii_strtoll (day, NULL, 10) == report->scope.year)
            this_year[m] += n;
          else
            last_year[m] += n;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, "report");
      return NULL;
    }

  return g_steal_pointer (&groups);
}

static gboolean
members_tables (UdDatabase  *db,
                UdReport    *report,
                GError     **error)
{
  const UdField *status = ud_kind_find_field (&ud_kind_member, "status");
  const UdField *employment = ud_kind_find_field (&ud_kind_member, "employment");
  const char *street_params[] = { report->scope.street, NULL };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) totals = NULL;
  UdReportTable *by_status, *by_employment, *joined;
  UdReportChart *chart;
  gint64 this_year[12] = { 0 }, last_year[12] = { 0 };
  g_autofree char *year_from = g_strdup_printf ("%04u-01-01", report->scope.year - 1);
  g_autofree char *year_to = g_strdup_printf ("%04u-12-31", report->scope.year);
  const char *month_params[] = { year_from, year_to, report->scope.street, NULL };
  g_auto(GStrv) categories = months ();
  g_autofree char *last_label = NULL, *this_label = NULL;
  gint64 active = 0, new_members = 0;

  /* The roll by status and employment is one count over the index
   * member_by_status (no row is read).  Those who joined from the start
   * of the year before the chart's on are a range of it in each group (a
   * skip-scan), read once by day: the members at each period's end (the
   * roll less those who joined after it), the new ones in each period and
   * the chart's months follow from it. */
  if (report->scope.street == NULL)
    {
      totals = _ud_report_sql_rows (db,
                                    "SELECT status, employment, count (*) FROM member WHERE deleted = 0"
                                    " GROUP BY status, employment",
                                    NULL, 2, 1, error);
      rows = totals == NULL ? NULL
        : joined_by_day (db,
                         "SELECT status, employment, joined_on, count (*) FROM member"
                         " WHERE deleted = 0 AND joined_on >= ?1"
                         " GROUP BY status, employment, joined_on",
                         month_params, report, this_year, last_year, error);
    }
  else
    {
      totals = _ud_report_sql_rows (db,
                                    "SELECT m.status, m.employment, count (*)"
                                    " FROM member m JOIN unit u ON u.id = m.unit_id"
                                    " WHERE m.deleted = 0 AND u.street = ?1 GROUP BY m.status, m.employment",
                                    street_params, 2, 1, error);
      rows = totals == NULL ? NULL
        : joined_by_day (db,
                         "SELECT m.status, m.employment, m.joined_on, count (*)"
                         " FROM member m JOIN unit u ON u.id = m.unit_id"
                         " WHERE m.deleted = 0 AND m.joined_on >= ?1 AND u.street = ?3"
                         " GROUP BY m.status, m.employment, m.joined_on",
                         month_params, report, this_year, last_year, error);
    }
  if (rows == NULL)
    return FALSE;
  /* v[0], v[1]: at the end of the period and a year before; v[2], v[3]:
   * joined in each. */
  for (guint t = 0; t < totals->len; t++)
    {
      UdReportSqlRow *total = g_ptr_array_index (totals, t);
      UdReportSqlRow *recent = NULL;

      for (guint i = 0; i < rows->len && recent == NULL; i++)
        {
          UdReportSqlRow *r = g_ptr_array_index (rows, i);

          if (g_strcmp0 (r->key, total->key) == 0 && g_strcmp0 (r->key2, total->key2) == 0)
            recent = r;
        }
      total->v[3] = recent != NULL ? recent->v[3] : 0;
      total->v[2] = recent != NULL ? recent->v[2] : 0;
      total->v[1] = total->v[0] - (recent != NULL ? recent->v[1] : 0);
      total->v[0] = total->v[0] - (recent != NULL ? recent->v[0] : 0);
    }
  g_ptr_array_unref (rows);
  rows = g_steal_pointer (&totals);

  by_status = ud_report_add_table (report, "members_by_status", _("Members by status"), TRUE);
  ud_report_table_add_column (by_status, _("End of the period"), UD_REPORT_COUNT, FALSE);
  ud_report_table_add_column (by_status, _("A year before"), UD_REPORT_COUNT, TRUE);
  for (guint c = 0; c < status->n_choices; c++)
    {
      UdReportRow *row = ud_report_table_add_row (by_status, _(status->choices[c].label));

      for (guint i = 0; i < rows->len; i++)
        {
          UdReportSqlRow *r = g_ptr_array_index (rows, i);

          if (g_strcmp0 (r->key, status->choices[c].value) == 0)
            {
              row->values[0] += r->v[0];
              row->values[1] += r->v[1];
            }
        }
      if (links_for (report))
        for (guint col = 0; col < 2; col++)
          row->links[col] = ud_report_link_new ("member", 2,
                                                "status", UD_RECORD_FILTER_EQUALS, status->choices[c].value,
                                                "joined_on", UD_RECORD_FILTER_UNTIL, "{to}");
      if (g_str_equal (status->choices[c].value, "active"))
        active = row->values[0];
    }

  by_employment = ud_report_add_table (report, "members_by_employment",
                                       _("Active members by employment"), TRUE);
  ud_report_table_add_column (by_employment, _("End of the period"), UD_REPORT_COUNT, FALSE);
  ud_report_table_add_column (by_employment, _("A year before"), UD_REPORT_COUNT, TRUE);
  joined = ud_report_add_table (report, "members_joined", _("New members by employment"), TRUE);
  ud_report_table_add_column (joined, _("In the period"), UD_REPORT_COUNT, FALSE);
  ud_report_table_add_column (joined, _("A year before"), UD_REPORT_COUNT, TRUE);
  for (guint c = 0; c < employment->n_choices; c++)
    {
      UdReportRow *row = ud_report_table_add_row (by_employment, _(employment->choices[c].label));
      UdReportRow *new_row = ud_report_table_add_row (joined, _(employment->choices[c].label));

      for (guint i = 0; i < rows->len; i++)
        {
          UdReportSqlRow *r = g_ptr_array_index (rows, i);

          if (g_strcmp0 (r->key2, employment->choices[c].value) != 0)
            continue;
          if (g_strcmp0 (r->key, "active") == 0)
            {
              row->values[0] += r->v[0];
              row->values[1] += r->v[1];
            }
          new_row->values[0] += r->v[2];
          new_row->values[1] += r->v[3];
        }
      if (links_for (report))
        for (guint col = 0; col < 2; col++)
          {
            row->links[col] = ud_report_link_new ("member", 3,
                                                  "status", UD_RECORD_FILTER_EQUALS, "active",
                                                  "employment", UD_RECORD_FILTER_EQUALS, employment->choices[c].value,
                                                  "joined_on", UD_RECORD_FILTER_UNTIL, "{to}");
            new_row->links[col] = ud_report_link_new ("member", 3,
                                                      "employment", UD_RECORD_FILTER_EQUALS, employment->choices[c].value,
                                                      "joined_on", UD_RECORD_FILTER_FROM, "{from}",
                                                      "joined_on", UD_RECORD_FILTER_UNTIL, "{to}");
          }
    }
  new_members = ud_report_table_total (joined, 0);

  chart = ud_report_add_chart (report, "members_joined_by_month", _("New members by month"),
                               UD_CHART_BARS, UD_REPORT_COUNT, (const char * const *) categories);
  /* TRANSLATORS: a chart's series: the year, "2024年" */
  last_label = g_strdup_printf (_("Year %u"), report->scope.year - 1);
  this_label = g_strdup_printf (_("Year %u"), report->scope.year);
  ud_report_chart_add_series (chart, last_label, last_year);
  ud_report_chart_add_series (chart, this_label, this_year);

  {
    g_autofree char *a = ud_format_thousands (active);
    g_autofree char *n = ud_format_thousands (new_members);
    g_autofree char *sentence =
      /* TRANSLATORS: the report's summary: the period, active members, new members */
      g_strdup_printf (_("At the end of %s the union had %s active members; %s members joined in the period."),
                       report->period, a, n);

    ud_report_add_sentence (report, sentence);
  }

  return TRUE;
}

const UdReportProvider _ud_report_members_provider = {
  .name = "members",
  .tables = members_tables,
};

/* ---- hardship archives ---- */

static gboolean
hardship_tables (UdDatabase  *db,
                 UdReport    *report,
                 GError     **error)
{
  const UdField *category = ud_kind_find_field (&ud_kind_hardship_archive, "category");
  const char *params[] = { report->from, report->to, report->last_from, report->last_to, report->scope.street, NULL };
  g_autoptr(GPtrArray) rows = NULL;
  UdReportTable *table;
  gint64 entered, left, in_archive;

  if (report->scope.street == NULL)
    rows = _ud_report_sql_rows (db,
                                "SELECT category,"
                                " count (*) FILTER (WHERE archived_on >= ?1 AND archived_on <= ?2),"
                                " count (*) FILTER (WHERE left_on >= ?1 AND left_on <= ?2),"
                                " count (*) FILTER (WHERE archived_on <> '' AND archived_on <= ?2 AND (left_on = '' OR left_on > ?2)),"
                                " count (*) FILTER (WHERE archived_on >= ?3 AND archived_on <= ?4),"
                                " count (*) FILTER (WHERE left_on >= ?3 AND left_on <= ?4),"
                                " count (*) FILTER (WHERE archived_on <> '' AND archived_on <= ?4 AND (left_on = '' OR left_on > ?4))"
                                " FROM hardship_archive WHERE deleted = 0 GROUP BY category",
                                params, 1, 6, error);
  else
    rows = _ud_report_sql_rows (db,
                                "SELECT category,"
                                " count (*) FILTER (WHERE archived_on >= ?1 AND archived_on <= ?2),"
                                " count (*) FILTER (WHERE left_on >= ?1 AND left_on <= ?2),"
                                " count (*) FILTER (WHERE archived_on <> '' AND archived_on <= ?2 AND (left_on = '' OR left_on > ?2)),"
                                " count (*) FILTER (WHERE archived_on >= ?3 AND archived_on <= ?4),"
                                " count (*) FILTER (WHERE left_on >= ?3 AND left_on <= ?4),"
                                " count (*) FILTER (WHERE archived_on <> '' AND archived_on <= ?4 AND (left_on = '' OR left_on > ?4))"
                                " FROM hardship_archive WHERE deleted = 0 AND street = ?5 GROUP BY category",
                                params, 1, 6, error);
  if (rows == NULL)
    return FALSE;

  table = ud_report_add_table (report, "hardship_by_category", _("Hardship archives by category"), TRUE);
  ud_report_table_add_column (table, _("Newly archived"), UD_REPORT_COUNT, FALSE);
  ud_report_table_add_column (table, _("Left the archive"), UD_REPORT_COUNT, FALSE);
  ud_report_table_add_column (table, _("In the archive"), UD_REPORT_COUNT, FALSE);
  ud_report_table_add_column (table, _("Newly archived a year before"), UD_REPORT_COUNT, TRUE);
  ud_report_table_add_column (table, _("Left the archive a year before"), UD_REPORT_COUNT, TRUE);
  ud_report_table_add_column (table, _("In the archive a year before"), UD_REPORT_COUNT, TRUE);
  for (guint c = 0; c < category->n_choices; c++)
    {
      const char *value = category->choices[c].value;
      UdReportRow *row = ud_report_table_add_row (table, _(category->choices[c].label));
      const char *street = report->scope.street;

      for (guint i = 0; i < rows->len; i++)
        {
          UdReportSqlRow *r = g_ptr_array_index (rows, i);

          if (g_strcmp0 (r->key, value) == 0)
            for (guint v = 0; v < 6; v++)
              row->values[v] += r->v[v];
        }
      /* The archive's own street: these lists can follow a street. */
      for (guint y = 0; y < 2; y++)
        {
          row->links[y * 3] = street == NULL
            ? ud_report_link_new ("hardship_archive", 3,
                                  "category", UD_RECORD_FILTER_EQUALS, value,
                                  "archived_on", UD_RECORD_FILTER_FROM, "{from}",
                                  "archived_on", UD_RECORD_FILTER_UNTIL, "{to}")
            : ud_report_link_new ("hardship_archive", 4,
                                  "category", UD_RECORD_FILTER_EQUALS, value,
                                  "archived_on", UD_RECORD_FILTER_FROM, "{from}",
                                  "archived_on", UD_RECORD_FILTER_UNTIL, "{to}",
                                  "street", UD_RECORD_FILTER_EQUALS, street);
          row->links[y * 3 + 1] = street == NULL
            ? ud_report_link_new ("hardship_archive", 3,
                                  "category", UD_RECORD_FILTER_EQUALS, value,
                                  "left_on", UD_RECORD_FILTER_FROM, "{from}",
                                  "left_on", UD_RECORD_FILTER_UNTIL, "{to}")
            : ud_report_link_new ("hardship_archive", 4,
                                  "category", UD_RECORD_FILTER_EQUALS, value,
                                  "left_on", UD_RECORD_FILTER_FROM, "{from}",
                                  "left_on", UD_RECORD_FILTER_UNTIL, "{to}",
                                  "street", UD_RECORD_FILTER_EQUALS, street);
        }
      /* Those in the archive now: the period's end is today's picture
       * only for the current period, which is what a list shows. */
      row->links[2] = street == NULL
        ? ud_report_link_new ("hardship_archive", 3,
                              "category", UD_RECORD_FILTER_EQUALS, value,
                              "status", UD_RECORD_FILTER_EQUALS, "archived",
                              "archived_on", UD_RECORD_FILTER_UNTIL, "{to}")
        : ud_report_link_new ("hardship_archive", 4,
                              "category", UD_RECORD_FILTER_EQUALS, value,
                              "status", UD_RECORD_FILTER_EQUALS, "archived",
                              "archived_on", UD_RECORD_FILTER_UNTIL, "{to}",
                              "street", UD_RECORD_FILTER_EQUALS, street);
    }

  entered = ud_report_table_total (table, 0);
  left = ud_report_table_total (table, 1);
  in_archive = ud_report_table_total (table, 2);
  {
    g_autofree char *e = ud_format_thousands (entered);
    g_autofree char *l = ud_format_thousands (left);
    g_autofree char *n = ud_format_thousands (in_archive);
    g_autofree char *sentence =
      /* TRANSLATORS: the report's summary: households archived, left, in the archive at the end */
      g_strdup_printf (_("%s hardship households were archived and %s left the archive; %s households are in the archive at the end of the period."),
                       e, l, n);

    ud_report_add_sentence (report, sentence);
  }

  return TRUE;
}

/* Visits overdue: the rule of ud_hardship_next_visit_due () in one query
 * (a household followed up — archived, or left and within its follow-up —
 * whose next visit, set by its latest visit since it was archived or came
 * back, else six months after that, was due before today). */
static gboolean
hardship_work (UdDatabase  *db,
               UdReport    *report,
               GError     **error)
{
  const char *params[] = { report->today, NULL };
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  gint64 n;

  rows = _ud_report_sql_rows (db,
                              "SELECT count (*) FROM hardship_archive a"
                              " WHERE a.deleted = 0"
                              "  AND a.status IN ('archived', 'left')"
                              "  AND (a.status = 'archived' OR ?1 <= a.follow_up_until)"
                              "  AND ifnull ((SELECT v.next_due FROM hardship_visit v"
                              "               WHERE v.archive_uuid = a.uuid AND v.deleted = 0"
                              "                 AND v.visited_on >= iif (a.returned_on <> '', a.returned_on, a.archived_on)"
                              "               ORDER BY v.visited_on DESC, v.id DESC LIMIT 1),"
                              "              date (iif (a.returned_on <> '', a.returned_on, a.archived_on), '+6 months'))"
                              "      < ?1",
                              params, 0, 1, error);
  if (rows == NULL)
    return FALSE;
  n = ((UdReportSqlRow *) g_ptr_array_index (rows, 0))->v[0];
  if (n > 0)
    {
      g_autofree char *shown = ud_format_thousands (n);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s hardship household's visit is overdue",
                                           "%s hardship households' visits are overdue",
                                           (gulong) n), shown);
      ud_report_add_work (report, "visits_overdue", text, n,
                          ud_report_link_new ("hardship_archive", 1, "status", UD_RECORD_FILTER_EQUALS, "archived"));
    }

  return TRUE;
}

const UdReportProvider _ud_report_hardship_provider = {
  .name = "hardship",
  .tables = hardship_tables,
  .work = hardship_work,
};

/* ---- aid paid by programme ---- */

/* One programme's paid aid: people and yuan in the period and a year
 * before, yuan by month of the chart's year. */
typedef struct
{
  GHashTable *people;        /* ID numbers paid in the period */
  GHashTable *last_people;   /* and a year before */
  gint64      amount;
  gint64      last_amount;
  gint64      by_month[12];
  gboolean    any_month;
} AidTotals;

static void
aid_totals_free (gpointer data)
{
  AidTotals *totals = data;

  g_hash_table_unref (totals->people);
  g_hash_table_unref (totals->last_people);
  g_free (totals);
}

/* The paid aid of the period, of the period a year before and of the
 * chart's year (@year_from to @year_to), by programme's uuid. */
static GHashTable *
aid_read (UdDatabase  *db,
          UdReport    *report,
          const char  *year_from,
          const char  *year_to,
          GError     **error)
{
  g_autoptr(GHashTable) by_programme = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, aid_totals_free);
  /* The days of the three, from the earliest to the latest. */
  const char *first = strcmp (report->last_from, year_from) < 0 ? report->last_from : year_from;
  const char *last = strcmp (report->to, year_to) > 0 ? report->to : year_to;
  sqlite3_stmt *stmt;
  int rc;

  if (report->scope.street == NULL)
    stmt = ud_database_prepare (db,
                                "SELECT programme_uuid, paid_on, id_number, amount FROM aid_payment"
                                " WHERE deleted = 0 AND status = 'paid' AND paid_on >= ?1 AND paid_on <= ?2",
                                error);
  else
    stmt = ud_database_prepare (db,
                                "SELECT p.programme_uuid, p.paid_on, p.id_number, p.amount FROM aid_payment p"
                                " WHERE p.deleted = 0 AND p.status = 'paid' AND p.paid_on >= ?1 AND p.paid_on <= ?2"
                                "  AND (EXISTS (SELECT 1 FROM hardship_archive h WHERE h.uuid = p.recipient_uuid AND h.street = ?3)"
                                "       OR EXISTS (SELECT 1 FROM member m JOIN unit u ON u.id = m.unit_id"
                                "                  WHERE m.uuid = p.recipient_uuid AND u.street = ?3))",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);
  if (report->scope.street != NULL)
    sqlite3_bind_text (stmt, 3, report->scope.street, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *programme = (const char *) sqlite3_column_text (stmt, 0);
      const char *day = (const char *) sqlite3_column_text (stmt, 1);
      const char *id_number = (const char *) sqlite3_column_text (stmt, 2);
      gint64 amount = sqlite3_column_int64 (stmt, 3);
      AidTotals *totals;

      if (programme == NULL || day == NULL)
        continue;
      totals = g_hash_table_lookup (by_programme, programme);
      if (totals == NULL)
        {
          totals = g_new0 (AidTotals, 1);
          totals->people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          totals->last_people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (by_programme, g_strdup (programme), totals);
        }
      /* count (DISTINCT id_number) leaves NULL out. */
      if (within (day, report->from, report->to))
        {
          totals->amount += amount;
          if (id_number != NULL && !g_hash_table_contains (totals->people, id_number))
            g_hash_table_add (totals->people, g_strdup (id_number));
        }
      if (within (day, report->last_from, report->last_to))
        {
          totals->last_amount += amount;
          if (id_number != NULL && !g_hash_table_contains (totals->last_people, id_number))
            g_hash_table_add (totals->last_people, g_strdup (id_number));
        }
      if (within (day, year_from, year_to))
        {
          int m = month_index (day);

          if (m >= 0 && m < 12)
            {
              totals->by_month[m] += amount;
              totals->any_month = TRUE;
            }
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, "report");
      return NULL;
    }

  return g_steal_pointer (&by_programme);
}

static gboolean
aid_tables (UdDatabase  *db,
            UdReport    *report,
            GError     **error)
{
  g_autofree char *year_from = g_strdup_printf ("%04u-01-01", report->scope.year);
  g_autofree char *year_to = g_strdup_printf ("%04u-12-31", report->scope.year);
  g_autoptr(GPtrArray) programmes = NULL;
  g_autoptr(GHashTable) paid = NULL;
  g_auto(GStrv) categories = months ();
  UdReportTable *table;
  UdReportChart *chart;
  gint64 people, total;

  programmes = _ud_report_sql_rows (db,
                                    "SELECT uuid, name FROM aid_programme WHERE deleted = 0 ORDER BY code, id",
                                    NULL, 2, 0, error);
  if (programmes == NULL)
    return FALSE;

  /* A payment's street is its household's (an archive) or its member's
   * unit's.  The payments of both periods and of the chart's year are one
   * range of the index aid_payment_by_paid, which holds what is summed:
   * read once, each payment counts where its day falls.  The people are
   * distinct ID numbers per programme and period (as count (DISTINCT
   * id_number) would give), counted in a hash set instead of SQLite's
   * temporary b-tree, which cost twice as much (see test-report's
   * /report/aid). */
  paid = aid_read (db, report, year_from, year_to, error);
  if (paid == NULL)
    return FALSE;

  table = ud_report_add_table (report, "aid_by_programme", _("Aid paid by programme"), TRUE);
  ud_report_table_add_column (table, _("People"), UD_REPORT_COUNT, FALSE);
  ud_report_table_add_column (table, _("Amount"), UD_REPORT_FEN, FALSE);
  ud_report_table_add_column (table, _("People a year before"), UD_REPORT_COUNT, TRUE);
  ud_report_table_add_column (table, _("Amount a year before"), UD_REPORT_FEN, TRUE);
  for (guint p = 0; p < programmes->len; p++)
    {
      UdReportSqlRow *programme = g_ptr_array_index (programmes, p);
      UdReportRow *row = ud_report_table_add_row (table, programme->key2);
      AidTotals *totals = g_hash_table_lookup (paid, programme->key);

      if (totals != NULL)
        {
          row->values[0] = g_hash_table_size (totals->people);
          row->values[1] = totals->amount;
          row->values[2] = g_hash_table_size (totals->last_people);
          row->values[3] = totals->last_amount;
        }
      if (links_for (report))
        for (guint col = 0; col < 4; col++)
          row->links[col] = ud_report_link_new ("aid_payment", 4,
                                                "programme_uuid", UD_RECORD_FILTER_EQUALS, programme->key,
                                                "status", UD_RECORD_FILTER_EQUALS, "paid",
                                                "paid_on", UD_RECORD_FILTER_FROM, "{from}",
                                                "paid_on", UD_RECORD_FILTER_UNTIL, "{to}");
    }

  /* The year's aid by month, stacked by programme. */
  chart = ud_report_add_chart (report, "aid_by_month", _("Aid paid by month and programme (ten thousand yuan)"),
                               UD_CHART_STACKED, UD_REPORT_FEN, (const char * const *) categories);
  for (guint p = 0; p < programmes->len; p++)
    {
      UdReportSqlRow *programme = g_ptr_array_index (programmes, p);
      AidTotals *totals = g_hash_table_lookup (paid, programme->key);

      /* A chart has room for a few series: the programmes paid. */
      if (totals != NULL && totals->any_month && chart->series_names->len < UD_CHART_MAX_SERIES)
        ud_report_chart_add_series (chart, programme->key2, totals->by_month);
    }

  people = ud_report_table_total (table, 0);
  total = ud_report_table_total (table, 1);
  {
    g_autofree char *n = ud_format_thousands (people);
    g_autofree char *wan = ud_money_format_wan (total);
    g_autofree char *sentence =
      /* TRANSLATORS: the report's summary: people (per programme), ten thousand yuan */
      g_strdup_printf (_("The aid programmes paid %s people in all, %s ten thousand yuan."), n, wan);

    ud_report_add_sentence (report, sentence);
  }

  return TRUE;
}

const UdReportProvider _ud_report_aid_provider = {
  .name = "aid",
  .tables = aid_tables,
};

/* ---- serious-illness relief ---- */

static gboolean
relief_tables (UdDatabase  *db,
               UdReport    *report,
               GError     **error)
{
  const char *params[] = { report->from, report->to, report->last_from, report->last_to, report->scope.street, NULL };
  g_autofree char *year_text = g_strdup_printf ("%u", report->scope.year);
  const char *month_params[] = { year_text, NULL };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) by_month = NULL;
  g_auto(GStrv) categories = months ();
  UdReportTable *counts, *amounts;
  UdReportChart *chart;
  UdReportSqlRow *r;
  UdFundSummary fund, last_fund;
  static const struct
  {
    const char *label;
    guint       value;      /* the query's column of this period; +1 the year before */
  } count_rows[] = {
    { N_("Applications"), 0 },
    { N_("Approved"), 2 },
    { N_("Members granted relief"), 4 },
    { N_("Paid"), 6 },
  }, amount_rows[] = {
    { N_("Amount approved"), 8 },
    { N_("Amount paid"), 10 },
  };

  if (report->scope.street == NULL)
    rows = _ud_report_sql_rows (db,
                                "SELECT"
                                " count (*) FILTER (WHERE application_date >= ?1 AND application_date <= ?2),"
                                " count (*) FILTER (WHERE application_date >= ?3 AND application_date <= ?4),"
                                " count (*) FILTER (WHERE approved_amount IS NOT NULL AND decided_on >= ?1 AND decided_on <= ?2),"
                                " count (*) FILTER (WHERE approved_amount IS NOT NULL AND decided_on >= ?3 AND decided_on <= ?4),"
                                " count (DISTINCT member_uuid) FILTER (WHERE approved_amount IS NOT NULL AND decided_on >= ?1 AND decided_on <= ?2),"
                                " count (DISTINCT member_uuid) FILTER (WHERE approved_amount IS NOT NULL AND decided_on >= ?3 AND decided_on <= ?4),"
                                " count (*) FILTER (WHERE status = 'paid' AND paid_on >= ?1 AND paid_on <= ?2),"
                                " count (*) FILTER (WHERE status = 'paid' AND paid_on >= ?3 AND paid_on <= ?4),"
                                " sum (approved_amount) FILTER (WHERE decided_on >= ?1 AND decided_on <= ?2),"
                                " sum (approved_amount) FILTER (WHERE decided_on >= ?3 AND decided_on <= ?4),"
                                " sum (approved_amount) FILTER (WHERE status = 'paid' AND paid_on >= ?1 AND paid_on <= ?2),"
                                " sum (approved_amount) FILTER (WHERE status = 'paid' AND paid_on >= ?3 AND paid_on <= ?4)"
                                " FROM illness_application WHERE deleted = 0",
                                params, 0, 12, error);
  else
    rows = _ud_report_sql_rows (db,
                                "SELECT"
                                " count (*) FILTER (WHERE application_date >= ?1 AND application_date <= ?2),"
                                " count (*) FILTER (WHERE application_date >= ?3 AND application_date <= ?4),"
                                " count (*) FILTER (WHERE approved_amount IS NOT NULL AND decided_on >= ?1 AND decided_on <= ?2),"
                                " count (*) FILTER (WHERE approved_amount IS NOT NULL AND decided_on >= ?3 AND decided_on <= ?4),"
                                " count (DISTINCT member_uuid) FILTER (WHERE approved_amount IS NOT NULL AND decided_on >= ?1 AND decided_on <= ?2),"
                                " count (DISTINCT member_uuid) FILTER (WHERE approved_amount IS NOT NULL AND decided_on >= ?3 AND decided_on <= ?4),"
                                " count (*) FILTER (WHERE status = 'paid' AND paid_on >= ?1 AND paid_on <= ?2),"
                                " count (*) FILTER (WHERE status = 'paid' AND paid_on >= ?3 AND paid_on <= ?4),"
                                " sum (approved_amount) FILTER (WHERE decided_on >= ?1 AND decided_on <= ?2),"
                                " sum (approved_amount) FILTER (WHERE decided_on >= ?3 AND decided_on <= ?4),"
                                " sum (approved_amount) FILTER (WHERE status = 'paid' AND paid_on >= ?1 AND paid_on <= ?2),"
                                " sum (approved_amount) FILTER (WHERE status = 'paid' AND paid_on >= ?3 AND paid_on <= ?4)"
                                " FROM illness_application WHERE deleted = 0 AND member_uuid IN"
                                "  (SELECT m.uuid FROM member m JOIN unit u ON u.id = m.unit_id WHERE u.street = ?5)",
                                params, 0, 12, error);
  if (rows == NULL)
    return FALSE;
  r = g_ptr_array_index (rows, 0);

  counts = ud_report_add_table (report, "relief_counts", _("Serious-illness relief"), FALSE);
  ud_report_table_add_column (counts, _("In the period"), UD_REPORT_COUNT, FALSE);
  ud_report_table_add_column (counts, _("A year before"), UD_REPORT_COUNT, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (count_rows); i++)
    {
      UdReportRow *row = ud_report_table_add_row (counts, _(count_rows[i].label));

      row->values[0] = r->v[count_rows[i].value];
      row->values[1] = r->v[count_rows[i].value + 1];
      if (!links_for (report))
        continue;
      for (guint col = 0; col < 2; col++)
        if (i == 0)
          row->links[col] = ud_report_link_new ("illness_application", 2,
                                                "application_date", UD_RECORD_FILTER_FROM, "{from}",
                                                "application_date", UD_RECORD_FILTER_UNTIL, "{to}");
        else if (i == 3)
          row->links[col] = ud_report_link_new ("illness_application", 3,
                                                "status", UD_RECORD_FILTER_EQUALS, "paid",
                                                "paid_on", UD_RECORD_FILTER_FROM, "{from}",
                                                "paid_on", UD_RECORD_FILTER_UNTIL, "{to}");
        else
          row->links[col] = ud_report_link_new ("illness_application", 3,
                                                "approved_amount", UD_RECORD_FILTER_NOT_EMPTY, NULL,
                                                "decided_on", UD_RECORD_FILTER_FROM, "{from}",
                                                "decided_on", UD_RECORD_FILTER_UNTIL, "{to}");
    }

  amounts = ud_report_add_table (report, "relief_amounts", _("Serious-illness relief, yuan"), FALSE);
  ud_report_table_add_column (amounts, _("In the period"), UD_REPORT_FEN, FALSE);
  ud_report_table_add_column (amounts, _("A year before"), UD_REPORT_FEN, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (amount_rows); i++)
    {
      UdReportRow *row = ud_report_table_add_row (amounts, _(amount_rows[i].label));

      row->values[0] = r->v[amount_rows[i].value];
      row->values[1] = r->v[amount_rows[i].value + 1];
      if (!links_for (report))
        continue;
      for (guint col = 0; col < 2; col++)
        row->links[col] = i == 0
          ? ud_report_link_new ("illness_application", 3,
                                "approved_amount", UD_RECORD_FILTER_NOT_EMPTY, NULL,
                                "decided_on", UD_RECORD_FILTER_FROM, "{from}",
                                "decided_on", UD_RECORD_FILTER_UNTIL, "{to}")
          : ud_report_link_new ("illness_application", 3,
                                "status", UD_RECORD_FILTER_EQUALS, "paid",
                                "paid_on", UD_RECORD_FILTER_FROM, "{from}",
                                "paid_on", UD_RECORD_FILTER_UNTIL, "{to}");
    }

  /* The fund is the district's, whatever the street. */
  if (!ud_fund_get_summary (db, report->scope.year, &fund, error) ||
      !ud_fund_get_summary (db, report->scope.year - 1, &last_fund, error))
    return FALSE;
  {
    UdReportRow *row = ud_report_table_add_row (amounts, _("Balance of the year's fund"));

    row->values[0] = fund.balance;
    row->values[1] = last_fund.balance;
  }

  /* The fund's balance at the end of each month of the year. */
  by_month = _ud_report_sql_rows (db,
                                  "SELECT substr (decided_on, 1, 7), sum (approved_amount) FROM illness_application"
                                  " WHERE deleted = 0 AND fund_year = CAST (?1 AS INTEGER) AND status IN ('approved', 'paid')"
                                  " GROUP BY substr (decided_on, 1, 7)",
                                  month_params, 1, 1, error);
  if (by_month == NULL)
    return FALSE;
  if (fund.has_budget)
    {
      gint64 spent[12] = { 0 };
      gint64 balance[12];
      gint64 running = fund.budget;

      for (guint i = 0; i < by_month->len; i++)
        {
          UdReportSqlRow *m = g_ptr_array_index (by_month, i);
          int index = month_index (m->key);

          spent[CLAMP (index, 0, 11)] += m->v[0];
        }
      for (guint i = 0; i < 12; i++)
        {
          running -= spent[i];
          balance[i] = running;
        }
      chart = ud_report_add_chart (report, "relief_fund_balance", _("Relief fund balance at the end of each month (ten thousand yuan)"),
                                   UD_CHART_LINE, UD_REPORT_FEN, (const char * const *) categories);
      ud_report_chart_add_series (chart, _("Balance"), balance);
    }

  {
    g_autofree char *people = ud_format_thousands (r->v[4]);
    g_autofree char *wan = ud_money_format_wan (r->v[8]);
    g_autofree char *paid = ud_money_format_wan (r->v[10]);
    g_autofree char *sentence =
      /* TRANSLATORS: the report's summary: "本期共救助大病职工 24 人，批准救助金 28.52 万元，已发放 20.00 万元。" */
      g_strdup_printf (_("In the period %s members were granted serious-illness relief of %s ten thousand yuan, of which %s ten thousand yuan has been paid."),
                       people, wan, paid);

    ud_report_add_sentence (report, sentence);
  }
  if (fund.has_budget)
    {
      g_autofree char *balance = ud_money_format_wan (fund.balance);
      g_autofree char *sentence =
        /* TRANSLATORS: the report's summary: the year, ten thousand yuan */
        g_strdup_printf (_("The relief fund of %u has %s ten thousand yuan left."), report->scope.year, balance);

      ud_report_add_sentence (report, sentence);
    }

  return TRUE;
}

/* Whether @step moves a record on (not back to its first state, not
 * leaving it where it is) and the acting account has its permission. */
static gboolean
step_leads_on (UdDatabase           *db,
               const UdWorkflow     *workflow,
               const UdWorkflowStep *step)
{
  return step->to != NULL && g_strcmp0 (step->to, workflow->initial_state) != 0 &&
         (ud_database_may (db, step->permission) ||
          (step->has_other_permission && ud_database_may (db, step->other_permission)));
}

/* The records of @kind in @state that wait for the acting account: all
 * of them when one of its steps from there keeps no separation of
 * duties; else those of which it may take one, by the workflow's own
 * rule (ud_workflow_list_steps (): who created or reviewed a record does
 * not approve it) — records in such a state are few, waiting for a
 * decision.  *@excluded is set when a record in the state is left out.
 * -1 on an error. */
static gint64
waiting_in_state (UdDatabase    *db,
                  const UdKind  *kind,
                  const char    *state,
                  gboolean      *excluded,
                  GError       **error)
{
  const UdWorkflow *workflow = kind->workflow;
  UdRecordFilter filter = { workflow->state_field, UD_RECORD_FILTER_EQUALS, state };
  UdRecordQuery query = { .kind = kind, .filters = &filter, .n_filters = 1 };
  g_autoptr(GPtrArray) records = NULL;
  gboolean duties = TRUE;
  gint64 n = 0;

  for (guint s = 0; s < workflow->n_steps && duties; s++)
    {
      const UdWorkflowStep *step = &workflow->steps[s];

      if (step_leads_on (db, workflow, step) && step->from != NULL &&
          g_strv_contains (step->from, state) && step->n_duties == 0)
        duties = FALSE;
    }
  if (!duties)
    return ud_record_store_count (db, &query, NULL, error);

  records = ud_record_store_list (db, &query, error);
  if (records == NULL)
    return -1;
  for (guint r = 0; r < records->len; r++)
    {
      g_autoptr(GPtrArray) choices = ud_workflow_list_steps (db, g_ptr_array_index (records, r));
      gboolean may = FALSE;

      for (guint c = 0; c < choices->len && !may; c++)
        {
          const UdStepChoice *choice = g_ptr_array_index (choices, c);

          may = choice->allowed && step_leads_on (db, workflow, choice->step);
        }
      if (may)
        n++;
      else
        *excluded = TRUE;
    }

  return n;
}

/* Applications waiting for a step the signed-in person may take, and
 * notices ending within a week — for every kind with a workflow. */
static gboolean
workflow_work (UdDatabase  *db,
               UdReport    *report,
               GError     **error)
{
  guint n_kinds = 0;
  const UdKind * const *kinds = ud_kind_list (&n_kinds);
  GDate week;
  g_autofree char *week_end = NULL;

  ud_date_parse (report->today, &week, NULL);
  g_date_add_days (&week, 7);
  week_end = ud_date_to_iso (&week);

  for (guint k = 0; k < n_kinds; k++)
    {
      const UdKind *kind = kinds[k];
      const UdWorkflow *workflow = kind->workflow;
      g_autoptr(GPtrArray) states = NULL;
      gint64 waiting = 0;
      gboolean excluded = FALSE;

      if (workflow == NULL || !ud_database_may (db, kind->view_permission))
        continue;

      /* The states a step of this person's leads on from. */
      states = g_ptr_array_new ();
      for (guint s = 0; s < workflow->n_steps; s++)
        {
          const UdWorkflowStep *step = &workflow->steps[s];

          if (!step_leads_on (db, workflow, step))
            continue;
          for (guint f = 0; step->from != NULL && step->from[f] != NULL; f++)
            if (!g_ptr_array_find_with_equal_func (states, step->from[f], g_str_equal, NULL))
              g_ptr_array_add (states, (gpointer) step->from[f]);
        }
      for (guint s = 0; s < states->len; s++)
        {
          const char *state = g_ptr_array_index (states, s);
          gint64 n = waiting_in_state (db, kind, state, &excluded, error);

          if (n < 0)
            return FALSE;
          waiting += n;
        }
      if (waiting > 0)
        {
          g_autofree char *id = g_strdup_printf ("%s_waiting", kind->name);
          g_autofree char *shown = ud_format_thousands (waiting);
          g_autofree char *text =
            /* TRANSLATORS: work to do today: a count, then the kind of record ("Illness relief application") */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s record waits for your step: %s",
                                          "%s records wait for your step: %s",
                                          (gulong) waiting),
                             shown, _(kind->label));

          /* The list is of the records in the state: it is only given
           * when all of them are this person's to act on, so that it
           * lists what the sentence counts. */
          ud_report_add_work (report, id, text, waiting,
                              states->len == 1 && !excluded
                              ? ud_report_link_new (kind->name, 1, workflow->state_field,
                                                    UD_RECORD_FILTER_EQUALS, g_ptr_array_index (states, 0))
                              : NULL);
        }

      if (ud_kind_find_field (kind, "notice_to") != NULL)
        {
          UdRecordFilter filters[] = {
            { "notice_to", UD_RECORD_FILTER_FROM, report->today },
            { "notice_to", UD_RECORD_FILTER_UNTIL, week_end },
          };
          UdRecordQuery query = { .kind = kind, .filters = filters, .n_filters = 2 };
          gint64 n = ud_record_store_count (db, &query, NULL, error);

          if (n < 0)
            return FALSE;
          if (n > 0)
            {
              g_autofree char *id = g_strdup_printf ("%s_notice_ending", kind->name);
              g_autofree char *shown = ud_format_thousands (n);
              g_autofree char *text =
                /* TRANSLATORS: work to do today: a count, then the kind of record */
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s public notice ends within a week: %s",
                                              "%s public notices end within a week: %s",
                                              (gulong) n),
                                 shown, _(kind->label));

              ud_report_add_work (report, id, text, n,
                                  ud_report_link_new (kind->name, 2,
                                                      "notice_to", UD_RECORD_FILTER_FROM, report->today,
                                                      "notice_to", UD_RECORD_FILTER_UNTIL, week_end));
            }
        }
    }

  return TRUE;
}

const UdReportProvider _ud_report_relief_provider = {
  .name = "relief",
  .tables = relief_tables,
  .work = workflow_work,
};

/* ---- model-worker poverty-relief teams ---- */

/* The teams' activities (households reached, money and goods given) and
 * the projects started.  Teams have no street: for one street the table
 * is left out rather than showing the district's. */
static gboolean
teams_tables (UdDatabase  *db,
              UdReport    *report,
              GError     **error)
{
  const char *params[] = { report->from, report->to, report->last_from, report->last_to, NULL };
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  UdReportTable *counts, *amounts;
  UdReportSqlRow *a, *p;
  static const char * const activity_kind = "team_activity";

  if (report->scope.street != NULL)
    return TRUE;

  activities = _ud_report_sql_rows (db,
                                    "SELECT"
                                    " count (*) FILTER (WHERE date >= ?1 AND date <= ?2),"
                                    " count (*) FILTER (WHERE date >= ?3 AND date <= ?4),"
                                    " sum (households_reached) FILTER (WHERE date >= ?1 AND date <= ?2),"
                                    " sum (households_reached) FILTER (WHERE date >= ?3 AND date <= ?4),"
                                    " sum (money) FILTER (WHERE date >= ?1 AND date <= ?2),"
                                    " sum (money) FILTER (WHERE date >= ?3 AND date <= ?4),"
                                    " sum (goods_value) FILTER (WHERE date >= ?1 AND date <= ?2),"
                                    " sum (goods_value) FILTER (WHERE date >= ?3 AND date <= ?4)"
                                    " FROM team_activity WHERE deleted = 0",
                                    params, 0, 8, error);
  if (activities == NULL)
    return FALSE;
  projects = _ud_report_sql_rows (db,
                                  "SELECT"
                                  " count (*) FILTER (WHERE started_on >= ?1 AND started_on <= ?2),"
                                  " count (*) FILTER (WHERE started_on >= ?3 AND started_on <= ?4),"
                                  " sum (value) FILTER (WHERE started_on >= ?1 AND started_on <= ?2),"
                                  " sum (value) FILTER (WHERE started_on >= ?3 AND started_on <= ?4)"
                                  " FROM team_project WHERE deleted = 0",
                                  params, 0, 4, error);
  if (projects == NULL)
    return FALSE;
  a = g_ptr_array_index (activities, 0);
  p = g_ptr_array_index (projects, 0);

  counts = ud_report_add_table (report, "teams_counts", _("Model-worker poverty-relief teams"), FALSE);
  ud_report_table_add_column (counts, _("In the period"), UD_REPORT_COUNT, FALSE);
  ud_report_table_add_column (counts, _("A year before"), UD_REPORT_COUNT, TRUE);
  amounts = ud_report_add_table (report, "teams_amounts", _("Model-worker poverty-relief teams, yuan"), FALSE);
  ud_report_table_add_column (amounts, _("In the period"), UD_REPORT_FEN, FALSE);
  ud_report_table_add_column (amounts, _("A year before"), UD_REPORT_FEN, TRUE);
  {
    struct
    {
      UdReportTable *table;
      const char    *label;
      const char    *kind;
      const char    *date_field;
      gint64         value, last;
    } rows[] = {
      { counts, N_("Activities"), activity_kind, "date", a->v[0], a->v[1] },
      { counts, N_("Households reached"), activity_kind, "date", a->v[2], a->v[3] },
      { counts, N_("Projects given"), "team_project", "started_on", p->v[0], p->v[1] },
      { amounts, N_("Money given"), activity_kind, "date", a->v[4], a->v[5] },
      { amounts, N_("Value of goods given"), activity_kind, "date", a->v[6], a->v[7] },
      { amounts, N_("Value of the projects given"), "team_project", "started_on", p->v[2], p->v[3] },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        UdReportRow *row = ud_report_table_add_row (rows[i].table, _(rows[i].label));

        row->values[0] = rows[i].value;
        row->values[1] = rows[i].last;
        for (guint col = 0; col < 2; col++)
          row->links[col] = ud_report_link_new (rows[i].kind, 2,
                                                rows[i].date_field, UD_RECORD_FILTER_FROM, "{from}",
                                                rows[i].date_field, UD_RECORD_FILTER_UNTIL, "{to}");
      }
  }

  if (a->v[0] > 0)
    {
      g_autofree char *n = ud_format_thousands (a->v[0]);
      g_autofree char *households = ud_format_thousands (a->v[2]);
      g_autofree char *money = ud_money_format_wan (a->v[4]);
      g_autofree char *goods = ud_money_format_wan (a->v[6]);
      g_autofree char *sentence =
        /* TRANSLATORS: the report's summary: activities, households, ten thousand yuan of money, of goods */
        g_strdup_printf (_("The poverty-relief teams held %s activities reaching %s households, giving %s ten thousand yuan and goods worth %s ten thousand yuan."),
                         n, households, money, goods);

      ud_report_add_sentence (report, sentence);
    }

  return TRUE;
}

const UdReportProvider _ud_report_teams_provider = {
  .name = "teams",
  .tables = teams_tables,
};

/* ---- mother-and-baby rooms ---- */

/* The rooms open at the period's end by level (the level they hold now:
 * no history is kept), those up to standard, a year before; the share up
 * to standard; inspections overdue today.  A room has its own street. */
static gboolean
rooms_tables (UdDatabase  *db,
              UdReport    *report,
              GError     **error)
{
  const UdKind *kind = ud_kind_lookup ("room");
  const UdField *level = kind != NULL ? ud_kind_find_field (kind, "level") : NULL;
  const char *params[] = { report->to, report->last_to, report->scope.street, NULL };
  g_autoptr(GPtrArray) rows = NULL;
  UdReportTable *table;
  gint64 open, compliant;

  if (level == NULL)
    return TRUE;

  if (report->scope.street == NULL)
    rows = _ud_report_sql_rows (db,
                                "SELECT level,"
                                " count (*) FILTER (WHERE opened_on <= ?1),"
                                " count (*) FILTER (WHERE opened_on <= ?1 AND compliant = 'yes'),"
                                " count (*) FILTER (WHERE opened_on <= ?2)"
                                " FROM room WHERE deleted = 0 GROUP BY level",
                                params, 1, 3, error);
  else
    rows = _ud_report_sql_rows (db,
                                "SELECT level,"
                                " count (*) FILTER (WHERE opened_on <= ?1),"
                                " count (*) FILTER (WHERE opened_on <= ?1 AND compliant = 'yes'),"
                                " count (*) FILTER (WHERE opened_on <= ?2)"
                                " FROM room WHERE deleted = 0 AND street = ?3 GROUP BY level",
                                params, 1, 3, error);
  if (rows == NULL)
    return FALSE;

  table = ud_report_add_table (report, "rooms_by_level", _("Mother-and-baby rooms by level"), TRUE);
  ud_report_table_add_column (table, _("End of the period"), UD_REPORT_COUNT, FALSE);
  ud_report_table_add_column (table, C_("report column", "Up to standard"), UD_REPORT_COUNT, FALSE);
  ud_report_table_add_column (table, _("A year before"), UD_REPORT_COUNT, TRUE);
  for (guint c = 0; c < level->n_choices; c++)
    {
      const char *value = level->choices[c].value;
      const char *street = report->scope.street;
      UdReportRow *row = ud_report_table_add_row (table, _(level->choices[c].label));

      for (guint i = 0; i < rows->len; i++)
        {
          UdReportSqlRow *r = g_ptr_array_index (rows, i);

          if (g_strcmp0 (r->key, value) == 0)
            for (guint v = 0; v < 3; v++)
              row->values[v] = r->v[v];
        }
      for (guint col = 0; col < 3; col += 2)
        row->links[col] = street == NULL
          ? ud_report_link_new ("room", 2, "level", UD_RECORD_FILTER_EQUALS, value,
                                "opened_on", UD_RECORD_FILTER_UNTIL, "{to}")
          : ud_report_link_new ("room", 3, "level", UD_RECORD_FILTER_EQUALS, value,
                                "opened_on", UD_RECORD_FILTER_UNTIL, "{to}",
                                "street", UD_RECORD_FILTER_EQUALS, street);
      row->links[1] = street == NULL
        ? ud_report_link_new ("room", 3, "level", UD_RECORD_FILTER_EQUALS, value,
                              "opened_on", UD_RECORD_FILTER_UNTIL, "{to}",
                              "compliant", UD_RECORD_FILTER_EQUALS, "yes")
        : ud_report_link_new ("room", 4, "level", UD_RECORD_FILTER_EQUALS, value,
                              "opened_on", UD_RECORD_FILTER_UNTIL, "{to}",
                              "compliant", UD_RECORD_FILTER_EQUALS, "yes",
                              "street", UD_RECORD_FILTER_EQUALS, street);
    }

  open = ud_report_table_total (table, 0);
  compliant = ud_report_table_total (table, 1);
  if (open > 0)
    {
      g_autofree char *n = ud_format_thousands (open);
      g_autofree char *share = g_strdup_printf ("%" G_GINT64_FORMAT, (compliant * 100 + open / 2) / open);
      g_autofree char *sentence =
        /* TRANSLATORS: the report's summary: rooms, the share up to standard in per cent */
        g_strdup_printf (_("%s mother-and-baby rooms are open, %s%% of them up to standard."), n, share);

      ud_report_add_sentence (report, sentence);
    }

  return TRUE;
}

static gboolean
rooms_work (UdDatabase  *db,
            UdReport    *report,
            GError     **error)
{
  g_autoptr(GPtrArray) due = NULL;
  guint overdue = 0;

  if (ud_kind_lookup ("room") == NULL || !ud_database_may (db, ud_kind_lookup ("room")->view_permission))
    return TRUE;
  due = ud_room_store_due (db, report->today, 0, error);
  if (due == NULL)
    return FALSE;
  for (guint i = 0; i < due->len; i++)
    if (((UdRoomDue *) g_ptr_array_index (due, i))->overdue)
      overdue++;
  if (overdue > 0)
    {
      g_autofree char *shown = ud_format_thousands (overdue);
      g_autofree char *text =
        /* TRANSLATORS: work to do today: rooms whose yearly inspection is overdue */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%s mother-and-baby room's inspection is overdue",
                                      "%s mother-and-baby rooms' inspections are overdue",
                                      overdue), shown);

      ud_report_add_work (report, "rooms_overdue", text, overdue, NULL);
    }

  return TRUE;
}

const UdReportProvider _ud_report_rooms_provider = {
  .name = "rooms",
  .tables = rooms_tables,
  .work = rooms_work,
};

/* ---- changes not yet sent ---- */

/* What the office needs from the overview is whether changes wait to be
 * sent and whether they are many (the city has not had them for a
 * while): up to a thousand are counted, beyond that it says "more than
 * 1,000" — the sync page has the exact number.  Counting an outbox that
 * was never sent (a roll of a million members) would read all of it. */
#define SYNC_WORK_CAP 1000

static gboolean
sync_work (UdDatabase  *db,
           UdReport    *report,
           GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  gint64 n;

  rows = _ud_report_sql_rows (db,
                              "SELECT count (*) FROM (SELECT 1 FROM sync_outbox LIMIT " G_STRINGIFY (SYNC_WORK_CAP) " + 1)",
                              NULL, 0, 1, error);
  if (rows == NULL)
    return FALSE;
  n = ((UdReportSqlRow *) g_ptr_array_index (rows, 0))->v[0];
  if (n > SYNC_WORK_CAP)
    {
      g_autofree char *shown = ud_format_thousands (SYNC_WORK_CAP);
      g_autofree char *text =
        /* TRANSLATORS: work to do today: changes not yet sent, "1,000" */
        g_strdup_printf (_("More than %s changes wait to be sent to the city server"), shown);
      UdReportWork *work;

      ud_report_add_work (report, "pending_sync", text, n, NULL);
      work = g_ptr_array_index (report->work, report->work->len - 1);
      work->at_least = TRUE;
    }
  else if (n > 0)
    {
      g_autofree char *shown = ud_format_thousands (n);
      g_autofree char *text =
        /* TRANSLATORS: work to do today: changes not yet sent */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%s change waits to be sent to the city server",
                                      "%s changes wait to be sent to the city server",
                                      (gulong) n), shown);

      ud_report_add_work (report, "pending_sync", text, n, NULL);
    }

  return TRUE;
}

const UdReportProvider _ud_report_sync_provider = {
  .name = "sync",
  .work = sync_work,
};

void
ud_reports_register (void)
{
  ud_report_add_provider (&_ud_report_members_provider);
  ud_report_add_provider (&_ud_report_hardship_provider);
  ud_report_add_provider (&_ud_report_aid_provider);
  ud_report_add_provider (&_ud_report_relief_provider);
  ud_report_add_provider (&_ud_report_teams_provider);
  ud_report_add_provider (&_ud_report_rooms_provider);
  ud_report_add_provider (&_ud_report_sync_provider);
}
