/* ud-fund.c — the district relief fund: a budget per year and what is left of it
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-fund"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-fund.h"
#include "ud-money.h"
#include "ud-permission.h"

#define MIN_YEAR 2000
#define MAX_YEAR 2999

G_DEFINE_QUARK (ud-fund-error-quark, ud_fund_error)

/* One pass over the year's applications; no permission check, for the
 * approval's own transaction too. */
static gboolean
read_summary (UdDatabase     *db,
              guint           year,
              UdFundSummary  *summary,
              GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (summary, 0, sizeof *summary);
  summary->year = year;

  stmt = ud_database_prepare (db, "SELECT amount FROM fund_budget WHERE year = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      summary->has_budget = TRUE;
      summary->budget = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    goto failed;

  stmt = ud_database_prepare (db,
                              "SELECT"
                              " count (*) FILTER (WHERE status IN ('approved', 'paid')),"
                              " count (DISTINCT member_uuid) FILTER (WHERE status IN ('approved', 'paid')),"
                              " sum (approved_amount) FILTER (WHERE status IN ('approved', 'paid')),"
                              " count (*) FILTER (WHERE status = 'paid'),"
                              " sum (approved_amount) FILTER (WHERE status = 'paid'),"
                              " count (*) FILTER (WHERE status IN ('draft', 'submitted', 'reviewed')),"
                              " count (*) FILTER (WHERE status = 'rejected')"
                              " FROM illness_application WHERE fund_year = ?1 AND deleted = 0",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      /* Amounts are whole fen, so sum () stays an integer (NULL when
       * there is none, read as 0). */
      summary->approved_count = (guint) sqlite3_column_int64 (stmt, 0);
      summary->people = (guint) sqlite3_column_int64 (stmt, 1);
      summary->approved_total = sqlite3_column_int64 (stmt, 2);
      summary->paid_count = (guint) sqlite3_column_int64 (stmt, 3);
      summary->paid_total = sqlite3_column_int64 (stmt, 4);
      summary->pending_count = (guint) sqlite3_column_int64 (stmt, 5);
      summary->rejected_count = (guint) sqlite3_column_int64 (stmt, 6);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    goto failed;

  summary->balance = summary->budget - summary->approved_total;
  return TRUE;

failed:
  ud_database_set_error (db, error, _("read the fund"));
  return FALSE;
}

static gboolean
check_year (guint    year,
            GError **error)
{
  if (year >= MIN_YEAR && year <= MAX_YEAR)
    return TRUE;

  g_set_error (error, UD_FUND_ERROR, UD_FUND_ERROR_INVALID,
               _("Year: must be a year such as 2024."));
  return FALSE;
}

gboolean
ud_fund_set_budget (UdDatabase  *db,
                    guint        year,
                    UdFen        amount,
                    GError     **error)
{
  g_autofree char *now = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  UdFundSummary summary;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (!ud_database_require (db, UD_PERMISSION_ADMINISTER, error) ||
      !check_year (year, error))
    return FALSE;

  if (amount < 0)
    {
      g_set_error (error, UD_FUND_ERROR, UD_FUND_ERROR_INVALID,
                   _("Budget: cannot be negative."));
      return FALSE;
    }
  if (amount > UD_FUND_MAX_BUDGET)
    {
      g_autofree char *max_text = ud_money_format (UD_FUND_MAX_BUDGET);

      g_set_error (error, UD_FUND_ERROR, UD_FUND_ERROR_INVALID,
                   /* TRANSLATORS: an amount */
                   _("Budget: at most %s yuan."), max_text);
      return FALSE;
    }

  if (!ud_database_begin (db, error))
    return FALSE;

  if (!read_summary (db, year, &summary, error))
    goto failed;

  if (amount < summary.approved_total)
    {
      g_autofree char *amount_text = ud_money_format (amount);
      g_autofree char *approved_text = ud_money_format (summary.approved_total);

      g_set_error (error, UD_FUND_ERROR, UD_FUND_ERROR_INVALID,
                   /* TRANSLATORS: two amounts, then a year */
                   _("Budget: %s is less than the %s already approved for %u."),
                   amount_text, approved_text, year);
      goto failed;
    }

  stmt = ud_database_prepare (db,
                              "INSERT INTO fund_budget (year, amount, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)"
                              " ON CONFLICT (year) DO UPDATE SET amount = excluded.amount,"
                              " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                              error);
  if (stmt == NULL)
    goto failed;

  now = ud_database_now_iso ();
  sqlite3_bind_int (stmt, 1, (int) year);
  sqlite3_bind_int64 (stmt, 2, amount);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, ud_database_get_actor (db), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("set the budget"));
      goto failed;
    }

  year_text = g_strdup_printf ("%u", year);
  old_text = summary.has_budget ? g_strdup_printf ("%" G_GINT64_FORMAT, summary.budget) : NULL;
  new_text = g_strdup_printf ("%" G_GINT64_FORMAT, amount);
  if (!ud_database_audit (db, summary.has_budget ? "update" : "create", "fund_budget", year_text,
                          "amount", old_text, new_text, NULL, error) ||
      !ud_database_commit (db, error))
    goto failed;

  return TRUE;

failed:
  ud_database_rollback (db);
  return FALSE;
}

gboolean
ud_fund_get_summary (UdDatabase     *db,
                     guint           year,
                     UdFundSummary  *summary,
                     GError        **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error) ||
      !check_year (year, error))
    return FALSE;

  return read_summary (db, year, summary, error);
}

char *
ud_fund_summary_to_string (const UdFundSummary *summary)
{
  g_autofree char *approved = NULL;
  g_autofree char *balance = NULL;
  g_autofree char *people = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  approved = ud_money_format (summary->approved_total);
  /* TRANSLATORS: the number of people given relief */
  people = g_strdup_printf (ngettext ("%u person", "%u people", summary->people), summary->people);

  if (!summary->has_budget)
    /* TRANSLATORS: "24 people", then an amount */
    return g_strdup_printf (_("%s, %s yuan approved; no budget set"), people, approved);

  balance = ud_money_format (summary->balance);
  /* TRANSLATORS: "24 people", then two amounts */
  return g_strdup_printf (_("%s, %s yuan approved; %s yuan left"), people, approved, balance);
}

gboolean
_ud_fund_check_balance (UdDatabase  *db,
                        guint        year,
                        UdFen        amount,
                        GError     **error)
{
  UdFundSummary summary;

  if (!read_summary (db, year, &summary, error))
    return FALSE;

  if (!summary.has_budget)
    {
      g_set_error (error, UD_FUND_ERROR, UD_FUND_ERROR_NO_BUDGET,
                   _("No budget is set for the %u fund, so nothing can be approved from it: the administrator sets the budget first."),
                   year);
      return FALSE;
    }

  if (amount > summary.balance)
    {
      g_autofree char *balance = ud_money_format (MAX (summary.balance, 0));
      g_autofree char *wanted = ud_money_format (amount);

      g_set_error (error, UD_FUND_ERROR, UD_FUND_ERROR_BALANCE,
                   /* TRANSLATORS: a year, the balance, then the amount to approve */
                   _("The %u fund has %s yuan left, not enough for %s: approve a smaller amount or ask the administrator to raise the budget."),
                   year, balance, wanted);
      return FALSE;
    }

  return TRUE;
}

gboolean
_ud_fund_check_received (UdDatabase  *db,
                         guint        year,
                         const char  *uuid,
                         UdFen        amount,
                         GError     **error)
{
  UdFundSummary summary;
  UdFen counted = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (!read_summary (db, year, &summary, error))
    return FALSE;
  if (!summary.has_budget)
    return TRUE;

  stmt = ud_database_prepare (db,
                              "SELECT approved_amount FROM illness_application"
                              " WHERE uuid = ?1 AND fund_year = ?2 AND deleted = 0 AND status IN ('approved', 'paid')",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (int) year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    counted = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the fund"));
      return FALSE;
    }

  if (amount > summary.balance + counted)
    {
      g_autofree char *balance = ud_money_format (MAX (summary.balance + counted, 0));
      g_autofree char *wanted = ud_money_format (amount);

      g_set_error (error, UD_FUND_ERROR, UD_FUND_ERROR_BALANCE,
                   /* TRANSLATORS: a year, the balance, then the amount approved in another office */
                   _("The %u fund has %s yuan left here, not enough for the %s approved in another office."),
                   year, balance, wanted);
      return FALSE;
    }

  return TRUE;
}
