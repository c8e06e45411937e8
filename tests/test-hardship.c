/* test-hardship.c — hardship archives after archiving: visits, the
 * overdue list, the annual review, leaving and coming back
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-hardship"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "ud-account.h"
#include "ud-aid-kind.h"
#include "ud-aid-store.h"
#include "ud-core.h"
#include "ud-database.h"
#include "ud-hardship-kind.h"
#include "ud-hardship-rules.h"
#include "ud-hardship-store.h"
#include "ud-member-kind.h"
#include "ud-permission.h"
#include "ud-record-store.h"
#include "ud-trail.h"
#include "ud-validate.h"
#include "ud-workflow.h"

typedef struct
{
  UdDatabase *db;
  char       *dir;
  GHashTable *sessions;
  UdRecord   *archive;
} Office;

static void
as (Office     *office,
    const char *username)
{
  UdSession *session = g_hash_table_lookup (office->sessions, username);

  if (session == NULL)
    {
      g_autoptr(GError) error = NULL;

      ud_database_set_session (office->db, NULL);
      session = ud_account_authenticate (office->db, username, "password-of-staff", &error);
      g_assert_no_error (error);
      g_hash_table_insert (office->sessions, g_strdup (username), session);
    }
  ud_database_set_session (office->db, session);
}

static void
take (Office            *office,
      const char        *user,
      const char        *step,
      const UdStepInput *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) result = NULL;

  as (office, user);
  g_assert_true (ud_workflow_take (office->db, &ud_kind_hardship_archive, office->archive->id, step, input, &result, &error));
  g_assert_no_error (error);
  ud_record_unref (office->archive);
  office->archive = g_steal_pointer (&result);
}

static gboolean
try_take (Office            *office,
          const char        *user,
          const char        *step,
          const UdStepInput *input,
          GError           **error)
{
  as (office, user);
  return ud_workflow_take (office->db, &ud_kind_hardship_archive, office->archive->id, step, input, NULL, error);
}

/* An office with an archived household: archived a year ago (the day set
 * back by hand, as a roll imported then would have it). */
static void
office_set_up (Office        *office,
               gconstpointer  data)
{
  static const struct { const char *name; UdRole roles; } staff[] = {
    { "li", UD_ROLE_CLERK }, { "zhou", UD_ROLE_REVIEWER }, { "wang", UD_ROLE_APPROVER },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
  g_autofree char *path = NULL;
  UdStepInput first = { { "情况属实。", "李建国", "2024-09-05" }, NULL, UD_STRV ("2024-09-04") };
  UdStepInput street = { { "同意。", "赵敏", "2024-09-06" } };
  UdStepInput review = { { "符合条件。" } };
  UdStepInput notice = { { NULL }, NULL, UD_STRV ("2024-09-09", "2024-09-13") };
  UdStepInput approve = { { "同意建档。" }, NULL, UD_STRV ("") };

  office->dir = g_dir_make_tmp ("ud-hardship-XXXXXX", NULL);
  office->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) ud_session_unref);
  path = g_build_filename (office->dir, "office.db", NULL);
  office->db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_account_initialize_office (office->db, "110118", "密云区总工会", "admin", "王主任", "office-admin-1", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      ud_account_create (office->db, staff[i].name, staff[i].name, staff[i].roles, "password-of-staff", &error);
      g_assert_no_error (error);
    }
  ud_database_set_sign_in_required (office->db, TRUE);

  as (office, "li");
  ud_record_set (member, "name", "朱明敏");
  ud_record_set (member, "id_number", "11010519491231002X");
  ud_record_set (member, "unit", "北京密云建材有限公司");
  ud_record_store_save (office->db, member, NULL, &error);
  g_assert_no_error (error);

  office->archive = ud_hardship_archive_new (member);
  ud_record_set (office->archive, "application_date", "2024-09-01");
  ud_record_set (office->archive, "household_size", "2");
  ud_record_set (office->archive, "income_wages", "3000000");
  ud_record_set (office->archive, "cause_main", "laid_off");
  ud_record_set (office->archive, "consent_signed", "yes");
  ud_record_set (office->archive, "consent_date", "2024-09-02");
  g_assert_true (ud_hardship_archive_save (office->db, office->archive, NULL, NULL, &error));
  g_assert_no_error (error);
  /* (30,000.00 ÷ 12 ÷ 2 = 1,250.00 < 1,450.00) */
  g_assert_cmpstr (ud_record_get (office->archive, "category"), ==, "deep");

  take (office, "li", "submit", &first);
  take (office, "li", "street", &street);
  take (office, "zhou", "review", &review);
  take (office, "li", "notice", &notice);
  take (office, "wang", "approve", &approve);
  g_assert_cmpstr (ud_record_get (office->archive, "status"), ==, "archived");

  g_assert_true (ud_database_exec (office->db, "UPDATE hardship_archive SET archived_on = '2024-09-20'", &error));
  g_assert_no_error (error);
  ud_record_set (office->archive, "archived_on", "2024-09-20");
}

static void
office_tear_down (Office        *office,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (office->dir, "office.db", NULL);
  g_autofree char *lock = g_strconcat (path, ".lock", NULL);

  g_clear_pointer (&office->archive, ud_record_unref);
  g_clear_object (&office->db);
  g_clear_pointer (&office->sessions, g_hash_table_unref);
  g_unlink (path);
  g_unlink (lock);
  g_rmdir (office->dir);
  g_free (office->dir);
}

static gboolean
add_visit (Office      *office,
           const char  *date,
           GError     **error)
{
  g_autoptr(UdRecord) visit = ud_record_new (&ud_kind_hardship_visit);

  as (office, "li");
  ud_record_set (visit, "visited_on", date);
  ud_record_set (visit, "visitor", "李建国");
  ud_record_set (visit, "notes", "入户看望。");
  return ud_hardship_visit_add (office->db, office->archive, visit, NULL, error);
}

/* A visit is due 6 months after archiving, then 6 months after the last
 * visit; the overdue list has the household until it is visited. */
static void
test_visits (Office        *office,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *due = NULL;

  due = ud_hardship_next_visit_due (office->db, office->archive, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (due, ==, "2025-03-20");

  overdue = ud_hardship_store_overdue (office->db, "2025-03-21", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overdue->len, ==, 1);
  g_assert_cmpstr (((UdHardshipDue *) g_ptr_array_index (overdue, 0))->due, ==, "2025-03-20");
  none = ud_hardship_store_overdue (office->db, "2025-03-20", &error);
  g_assert_cmpuint (none->len, ==, 0);

  /* Not before it was archived. */
  g_assert_false (add_visit (office, "2024-09-19", &error));
  g_assert_error (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (add_visit (office, "2025-03-10", &error));
  g_assert_no_error (error);
  g_free (due);
  due = ud_hardship_next_visit_due (office->db, office->archive, &error);
  g_assert_cmpstr (due, ==, "2025-09-10");
  g_clear_pointer (&overdue, g_ptr_array_unref);
  overdue = ud_hardship_store_overdue (office->db, "2025-03-21", &error);
  g_assert_cmpuint (overdue->len, ==, 0);
}

/* The annual review: in the fourth quarter only, once the category
 * changes with the opinion as its reason. */
static void
test_annual_review (Office        *office,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  UdStepInput in_june = { { "家庭情况无变化。" }, NULL, UD_STRV ("2025-06-30", "kept", "") };
  UdStepInput same = { { "收入有所增加。" }, NULL, UD_STRV ("2025-10-08", "changed", "deep") };
  UdStepInput changed = { { "收入有所增加，调整为相对困难。" }, NULL, UD_STRV ("2025-10-08", "changed", "relative") };

  g_assert_false (try_take (office, "zhou", "annual_review", &in_june, &error));
  g_assert_error (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "October"));
  g_clear_error (&error);
  g_assert_false (try_take (office, "zhou", "annual_review", &same, &error));
  g_assert_error (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (try_take (office, "li", "annual_review", &changed, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  take (office, "zhou", "annual_review", &changed);
  g_assert_cmpstr (ud_record_get (office->archive, "category"), ==, "relative");
  g_assert_cmpstr (ud_record_get (office->archive, "category_reason"), ==, "收入有所增加，调整为相对困难。");
  g_assert_cmpstr (ud_record_get (office->archive, "status"), ==, "archived");
}

/* Leaving: a reason and a notice of 5 working days; 6 months of
 * follow-up visits; coming back (返困) archives it again. */
static void
test_leave_and_come_back (Office        *office,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  g_autofree char *until = NULL;
  g_autofree char *after = NULL;
  g_autofree char *due = NULL;
  UdStepInput short_notice = { { "家庭收入稳定，已脱困。" }, NULL, UD_STRV ("2025-10-06", "2025-10-09") };
  UdStepInput notice = { { "家庭收入稳定，已脱困。" }, NULL, UD_STRV ("2025-10-06", "2025-10-10") };
  UdStepInput back = { { "再次失业，重新陷入困难。" } };
  GDate date;

  g_assert_false (try_take (office, "wang", "leave", &short_notice, &error));
  g_assert_error (error, UD_WORKFLOW_ERROR, UD_WORKFLOW_ERROR_INVALID);
  g_clear_error (&error);
  take (office, "wang", "leave", &notice);
  g_assert_cmpstr (ud_record_get (office->archive, "status"), ==, "left");

  /* Followed up for 6 months after the day it left. */
  ud_date_parse (ud_record_get (office->archive, "left_on"), &date, NULL);
  g_date_add_months (&date, 6);
  until = ud_date_to_iso (&date);
  g_assert_cmpstr (ud_record_get (office->archive, "follow_up_until"), ==, until);
  g_assert_true (add_visit (office, ud_record_get (office->archive, "left_on"), &error));
  g_assert_no_error (error);
  g_date_add_days (&date, 1);
  after = ud_date_to_iso (&date);
  g_assert_false (add_visit (office, after, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  take (office, "wang", "come_back", &back);
  g_assert_cmpstr (ud_record_get (office->archive, "status"), ==, "archived");
  g_assert_cmpstr (ud_record_get (office->archive, "left_on"), ==, "");
  g_assert_cmpstr (ud_record_get (office->archive, "returned_on"), !=, "");
  /* The visits count again from the day it came back. */
  due = ud_hardship_next_visit_due (office->db, office->archive, &error);
  ud_date_parse (ud_record_get (office->archive, "returned_on"), &date, NULL);
  g_date_add_months (&date, 6);
  g_free (until);
  until = ud_date_to_iso (&date);
  g_assert_cmpstr (due, ==, until);

  trail = ud_trail_list (office->db, &ud_kind_hardship_archive, office->archive->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((UdTrailStep *) g_ptr_array_index (trail, trail->len - 2))->step, ==, "leave");
  g_assert_cmpstr (((UdTrailStep *) g_ptr_array_index (trail, trail->len - 1))->step, ==, "come_back");
}

/* An archive under review cannot be changed; a draft with a category
 * other than the computed one needs its reason. */
/* The category as an editor shows it while typing: the rule on the
 * record as typed (its incomes summed there), the same as the store
 * computed; a household of none names its field. */
static void
test_archive_quote (Office        *office,
                    gconstpointer  data)
{
  g_autoptr(UdHardshipRules) rules = NULL;
  g_autoptr(UdRecord) typed = ud_record_copy (office->archive);
  g_autoptr(GError) error = NULL;
  UdHardshipQuote quote = { 0, };

  rules = ud_hardship_rules_load (office->db, &error);
  g_assert_no_error (error);
  g_assert_true (ud_hardship_archive_quote (rules, typed, &quote, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_hardship_category_to_string (quote.category), ==, ud_record_get (office->archive, "computed_category"));
  g_assert_cmpint (quote.per_capita, ==, ud_record_get_int (office->archive, "per_capita"));
  g_assert_cmpint (quote.per_capita, ==, 125000);
  ud_hardship_quote_clear (&quote);

  /* 72,000.00 ÷ 12 ÷ 2 = 3,000.00 ≥ 2 × 1,450.00, no hardship costs:
   * the typed wages count though income_12m is not summed yet. */
  ud_record_set (typed, "income_wages", "7200000");
  g_assert_true (ud_hardship_archive_quote (rules, typed, &quote, &error));
  g_assert_cmpint (quote.category, ==, UD_HARDSHIP_NONE);
  g_assert_cmpint (quote.per_capita, ==, 300000);
  g_assert_cmpuint (quote.failed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (quote.failed, 0), ==, "not_in_hardship");
  ud_hardship_quote_clear (&quote);
  /* Nothing was written. */
  g_assert_cmpstr (ud_record_get (typed, "income_12m"), ==, ud_record_get (office->archive, "income_12m"));

  ud_record_set (typed, "household_size", "0");
  g_assert_false (ud_hardship_archive_quote (rules, typed, &quote, &error));
  g_assert_error (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Household size"));
  ud_hardship_quote_clear (&quote);
}

static void
test_edits (Office        *office,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) copy = ud_record_copy (office->archive);
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();

  ud_record_set (copy, "household_size", "3");
  as (office, "li");
  g_assert_false (ud_hardship_archive_save (office->db, copy, NULL, NULL, &error));
  g_assert_error (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID);
  g_clear_error (&error);

  {
    g_autoptr(UdRecord) member = ud_record_store_find (office->db, &ud_kind_member, "id_number", "11010519491231002X", &error);
    g_autoptr(UdRecord) draft = ud_hardship_archive_new (member);

    ud_record_set (draft, "application_date", "2024-10-01");
    ud_record_set (draft, "household_size", "1");
    ud_record_set (draft, "income_wages", "2400000");
    ud_record_set (draft, "cause_main", "laid_off");
    ud_record_set (draft, "category", "deep");
    g_assert_false (ud_hardship_archive_save (office->db, draft, NULL, issues, &error));
    g_assert_error (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID);
    g_assert_cmpuint (issues->len, ==, 1);
    g_assert_cmpstr (((UdIssue *) g_ptr_array_index (issues, 0))->field->name, ==, "category_reason");
    g_assert_cmpint (draft->id, ==, 0);
  }
}

/* The state stored with a batch: nobody on it, to be paid, being paid,
 * paid in full, as lines are added and paid. */
static void
expect_state (Office         *office,
              const UdRecord *batch,
              const char     *state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) stored = ud_record_store_get (office->db, &ud_kind_aid_batch, batch->id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (batch, "state"), ==, state);
  g_assert_cmpstr (ud_record_get (stored, "state"), ==, state);
}

static void
test_batch_state (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) programme = NULL;
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(UdRecord) first = NULL;
  g_autoptr(UdRecord) second = NULL;
  g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);

  as (office, "li");
  ud_record_set (member, "name", "王建华");
  ud_record_set (member, "id_number", "110228198001010016");
  ud_record_set (member, "unit", "北京密云建材有限公司");
  g_assert_true (ud_record_store_save (office->db, member, NULL, &error));
  g_assert_no_error (error);

  programme = ud_aid_programme_find (office->db, "temporary", &error);
  g_assert_no_error (error);
  batch = ud_aid_batch_new (programme, 2024, "临时救助", "hand", NULL);
  g_assert_true (ud_aid_batch_create (office->db, batch, NULL, &error));
  g_assert_no_error (error);
  expect_state (office, batch, "empty");

  first = ud_aid_payment_new (ud_kind_hardship_archive.name, office->archive->uuid, "朱明敏", "11010519491231002X",
                              NULL, "archived_household", 200000);
  second = ud_aid_payment_new (ud_kind_member.name, member->uuid, "王建华", "110228198001010016", NULL, "other", 100000);
  g_assert_true (ud_aid_batch_add (office->db, batch, first, &error));
  g_assert_no_error (error);
  g_assert_true (ud_aid_batch_add (office->db, batch, second, &error));
  g_assert_no_error (error);
  expect_state (office, batch, "pending");

  g_assert_true (ud_aid_batch_pay (office->db, batch, 1, "2024-10-08", "jingka", "JK20241008001", &error));
  g_assert_no_error (error);
  expect_state (office, batch, "partly");
  g_assert_true (ud_aid_batch_pay (office->db, batch, 2, "2024-10-09", "cash", NULL, &error));
  g_assert_no_error (error);
  expect_state (office, batch, "paid");
  g_assert_cmpint (ud_record_get_int (batch, "paid_total"), ==, 300000);
}

/* The uuids of the shipped programmes, by code, of an office of
 * @district that has just stored them. */
static GHashTable *
other_office_programmes (Office     *office,
                         const char *district,
                         const char *file)
{
  g_autofree char *path = g_build_filename (office->dir, file, NULL);
  g_autofree char *lock = g_strconcat (path, ".lock", NULL);
  g_autoptr(UdDatabase) db = ud_database_open (path, NULL);
  g_autoptr(GPtrArray) programmes = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_nonnull (db);
  ud_account_initialize_office (db, district, "另一个工会", "admin", "王主任", "office-admin-1", &error);
  g_assert_no_error (error);
  programmes = ud_aid_programme_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (programmes->len, ==, 6);
  for (guint i = 0; i < programmes->len; i++)
    {
      const UdRecord *programme = g_ptr_array_index (programmes, i);

      g_hash_table_insert (uuids, g_strdup (ud_record_get (programme, "code")), g_strdup (programme->uuid));
    }
  g_assert_cmpint (ud_database_outbox_count (db), ==, 0);

  g_clear_object (&db);
  g_unlink (path);
  g_unlink (lock);
  return uuids;
}

/* The shipped programmes and amount lines are stored as no one's change
 * (the oldest stamp, nothing for the outbox or the audit trail)
 * under uuids that every office of the district makes alike; a shipped
 * programme whose code a record made by hand holds is left out; a change
 * made here later is a normal version. */
static void
test_aid_defaults (Office        *office,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSession) admin = ud_account_authenticate (office->db, "admin", "office-admin-1", &error);
  g_autoptr(UdRecord) hand = ud_record_new (&ud_kind_aid_programme);
  g_autoptr(UdRecord) found = NULL;
  g_autoptr(UdRecord) warmth = NULL;
  g_autoptr(GPtrArray) programmes = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GHashTable) same_district = NULL;
  g_autoptr(GHashTable) other_district = NULL;
  gint64 outbox;
  guint n_lines = 0;

  g_assert_no_error (error);
  ud_database_set_session (office->db, admin);
  ud_record_set (hand, "code", "illness_visit");
  ud_record_set (hand, "name", "大病慰问（本区）");
  g_assert_true (ud_record_store_save (office->db, hand, NULL, &error));
  g_assert_no_error (error);
  outbox = ud_database_outbox_count (office->db);

  programmes = ud_aid_programme_list (office->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (programmes->len, ==, 6);
  g_assert_cmpint (ud_database_outbox_count (office->db), ==, outbox);
  found = ud_aid_programme_find (office->db, "illness_visit", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->uuid, ==, hand->uuid);
  g_assert_cmpstr (ud_record_get (found, "name"), ==, "大病慰问（本区）");

  for (guint i = 0; i < programmes->len; i++)
    {
      const UdRecord *programme = g_ptr_array_index (programmes, i);
      g_autoptr(GPtrArray) amounts = NULL;
      sqlite3_stmt *stmt;

      if (programme->id == hand->id)
        continue;
      /* A name-based uuid (version 5), no one's version, no history. */
      g_assert_cmpint (programme->uuid[14], ==, '5');
      g_assert_cmpstr (programme->hlc, ==, "000000000000-0000-0");
      g_assert_cmpstr (programme->updated_by, ==, "default");
      stmt = ud_database_prepare (office->db, "SELECT count (*) FROM audit_log WHERE uuid = ?1", &error);
      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, programme->uuid, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
      sqlite3_reset (stmt);
      amounts = ud_aid_programme_amounts (office->db, programme, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < amounts->len; j++)
        {
          const UdRecord *line = g_ptr_array_index (amounts, j);

          g_assert_cmpint (line->uuid[14], ==, '5');
          g_assert_cmpstr (line->hlc, ==, "000000000000-0000-0");
        }
      n_lines += amounts->len;
    }
  /* Nine shipped lines, less the one of the programme left out. */
  g_assert_cmpuint (n_lines, ==, 8);
  lines = ud_aid_programme_amounts (office->db, hand, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 0);

  /* Another office of the district makes the same uuids; one of another
   * district its own. */
  same_district = other_office_programmes (office, "110118", "same.db");
  other_district = other_office_programmes (office, "110119", "other.db");
  for (guint i = 0; i < programmes->len; i++)
    {
      const UdRecord *programme = g_ptr_array_index (programmes, i);
      const char *code = ud_record_get (programme, "code");

      if (programme->id == hand->id)
        continue;
      g_assert_cmpstr (g_hash_table_lookup (same_district, code), ==, programme->uuid);
      g_assert_cmpstr (g_hash_table_lookup (other_district, code), !=, programme->uuid);
    }

  /* Asked again: nothing more is stored. */
  g_assert_true (ud_aid_ensure_programmes (office->db, &error));
  g_assert_no_error (error);
  g_clear_pointer (&programmes, g_ptr_array_unref);
  programmes = ud_aid_programme_list (office->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (programmes->len, ==, 6);

  /* The administrator's change is a normal version, pushed. */
  warmth = ud_aid_programme_find (office->db, "warmth", &error);
  g_assert_no_error (error);
  g_assert_true (ud_aid_programme_set_amount (office->db, warmth, 2024, "model_worker", 120000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ud_database_outbox_count (office->db), ==, outbox + 1);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = ud_aid_programme_amounts (office->db, warmth, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  for (guint i = 0; i < lines->len; i++)
    {
      const UdRecord *line = g_ptr_array_index (lines, i);
      gboolean changed = g_str_equal (ud_record_get (line, "recipient_class"), "model_worker");

      g_assert_cmpint (line->uuid[14], ==, '5');
      g_assert_cmpint (g_str_equal (line->hlc, "000000000000-0000-0"), ==, !changed);
      if (changed)
        g_assert_cmpstr (ud_record_get (line, "amount"), ==, "120000");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ud_core_init ();

  g_test_add ("/hardship/visits", Office, NULL, office_set_up, test_visits, office_tear_down);
  g_test_add ("/hardship/annual-review", Office, NULL, office_set_up, test_annual_review, office_tear_down);
  g_test_add ("/hardship/leave-and-come-back", Office, NULL, office_set_up, test_leave_and_come_back, office_tear_down);
  g_test_add ("/hardship/edits", Office, NULL, office_set_up, test_edits, office_tear_down);
  g_test_add ("/hardship/archive-quote", Office, NULL, office_set_up, test_archive_quote, office_tear_down);
  g_test_add ("/hardship/batch-state", Office, NULL, office_set_up, test_batch_state, office_tear_down);
  g_test_add ("/hardship/aid-defaults", Office, NULL, office_set_up, test_aid_defaults, office_tear_down);

  return g_test_run ();
}
