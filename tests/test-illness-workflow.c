/* test-illness-workflow.c — illness relief applications from draft to payment
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "ud-core.h"
#include "ud-account.h"
#include "ud-database.h"
#include "ud-fund.h"
#include "ud-illness-store.h"
#include "ud-member-store.h"
#include "ud-permission.h"
#include "ud-reference-store.h"
#include "ud-validate.h"

typedef struct
{
  UdDatabase *db;
  char       *dir;
  GHashTable *sessions;   /* user name → UdSession */
  char       *member;     /* uuid of 朱明敏 */
  char       *member2;    /* uuid of 李秀兰 */
  char       *member3;    /* uuid of 王建国, transferred out */
} Office;

static const struct
{
  const char *name;
  UdRole      roles;
} staff[] = {
  { "li",    UD_ROLE_CLERK },
  { "zhou",  UD_ROLE_REVIEWER },
  { "wang",  UD_ROLE_APPROVER },
  /* A small office: one person keeps the roll and also approves… */
  { "sun",   UD_ROLE_CLERK | UD_ROLE_APPROVER },
  /* …another both reviews and approves. */
  { "chen",  UD_ROLE_REVIEWER | UD_ROLE_APPROVER },
};

static void
as (Office     *office,
    const char *username)
{
  UdSession *session = g_hash_table_lookup (office->sessions, username);

  if (session == NULL)
    {
      g_autoptr(GError) error = NULL;

      ud_database_set_session (office->db, NULL);
      session = ud_account_authenticate (office->db, username,
                                         g_str_equal (username, "admin") ? "office-admin-1" : "password-of-staff",
                                         &error);
      g_assert_no_error (error);
      g_hash_table_insert (office->sessions, g_strdup (username), session);
    }
  ud_database_set_session (office->db, session);
}

static char *
add_member (Office     *office,
            const char *name,
            const char *id_number,
            const char *status)
{
  g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
  g_autoptr(GError) error = NULL;

  ud_record_set (member, "name", name);
  ud_record_set (member, "id_number", id_number);
  ud_record_set (member, "phone", "13800138000");
  ud_record_set (member, "card_number", "6217001049123100268");
  ud_record_set (member, "unit", "北京密云建材有限公司");
  ud_record_set (member, "status", status);
  as (office, "li");
  ud_member_store_save (office->db, member, NULL, &error);
  g_assert_no_error (error);

  return g_strdup (member->uuid);
}

static void
office_set_up (Office        *office,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  office->dir = g_dir_make_tmp ("ud-illness-XXXXXX", NULL);
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

  /* As the app runs it: nothing without a signed-in account. */
  ud_database_set_sign_in_required (office->db, TRUE);

  office->member = add_member (office, "朱明敏", "11010519491231002X", "active");
  office->member2 = add_member (office, "李秀兰", "440524188001010014", "active");
  office->member3 = add_member (office, "王建国", "34052419800101001X", "transferred");
}

/* The office's database and its WAL files, then the folder. */
static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_unlink (file), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
office_tear_down (Office        *office,
                  gconstpointer  data)
{
  ud_database_set_session (office->db, NULL);
  g_clear_object (&office->db);
  g_hash_table_unref (office->sessions);
  g_free (office->member);
  g_free (office->member2);
  g_free (office->member3);
  remove_dir (office->dir);
  g_free (office->dir);
}

static gint64
query_int (UdDatabase *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* DESIGN §10's example without the prior relief: self-paid 66,300.00,
 * income below twice the line → tier 3, 8,000.00. */
static UdRecord *
design_case (const char *member_uuid,
             const char *date)
{
  UdRecord *application = ud_record_new (&ud_kind_illness_application);

  ud_record_set (application, "member_uuid", member_uuid);
  ud_record_set (application, "application_date", date);
  ud_record_set (application, "relation", "self");
  ud_record_set (application, "disease", "d01");
  ud_record_set (application, "hospital", "首都医科大学附属北京朝阳医院");
  ud_record_set (application, "hospital_grade", "三级甲等");
  ud_record_set (application, "diagnosis_date", "2023-10-01");
  /* Records hold money in fen. */
  ud_record_set (application, "total", "15630000");
  ud_record_set (application, "insurance", "8000000");
  ud_record_set (application, "mutual_aid", "1000000");
  ud_record_set (application, "household_size", "3");
  ud_record_set (application, "household_income", "6000000");
  ud_record_set (application, "documents", "id_copy,card_number,bank_card,diagnosis,discharge,invoices,approval_form");
  return application;
}

static gint64
create (Office     *office,
        const char *member_uuid,
        const char *date)
{
  g_autoptr(UdRecord) application = design_case (member_uuid, date);
  g_autoptr(GError) error = NULL;

  as (office, "li");
  g_assert_true (ud_illness_store_save (office->db, application, NULL, &error));
  g_assert_no_error (error);
  return application->id;
}

static void
submit (Office *office,
        gint64  id)
{
  UdIllnessOpinion opinion = { "情况属实，同意申请。", "李建国", "2024-09-02" };
  g_autoptr(GError) error = NULL;

  as (office, "li");
  g_assert_true (ud_illness_store_submit (office->db, id, &opinion, &error));
  g_assert_no_error (error);
}

static void
review (Office     *office,
        gint64      id,
        const char *reviewer)
{
  UdIllnessOpinion street = { "经核实，同意上报。", "赵敏", "2024-09-03" };
  UdIllnessOpinion opinion = { "材料齐全，符合条件。", NULL, NULL };
  g_autoptr(GError) error = NULL;

  as (office, reviewer);
  g_assert_true (ud_illness_store_review (office->db, id, &street, &opinion, &error));
  g_assert_no_error (error);
}

static gint64
reviewed_application (Office     *office,
                      const char *member_uuid,
                      const char *date)
{
  gint64 id = create (office, member_uuid, date);

  submit (office, id);
  review (office, id, "zhou");
  return id;
}

static void
set_budget (Office *office,
            guint   year,
            UdFen   amount)
{
  g_autoptr(GError) error = NULL;

  as (office, "admin");
  g_assert_true (ud_fund_set_budget (office->db, year, amount, &error));
  g_assert_no_error (error);
}

static gboolean
approve (Office      *office,
         const char  *approver,
         gint64       id,
         UdFen        amount,
         const char  *reason,
         GError     **error)
{
  UdIllnessOpinion opinion = { "同意救助。", NULL, NULL };

  as (office, approver);
  return ud_illness_store_approve (office->db, id, amount, reason, &opinion, error);
}

static UdRecord *
reload (Office *office,
        gint64  id)
{
  g_autoptr(GError) error = NULL;
  UdRecord *record;

  as (office, "li");
  record = ud_illness_store_get (office->db, id, &error);
  g_assert_no_error (error);
  return record;
}

static void
test_save_computes_suggestion (Office        *office,
                               gconstpointer  data)
{
  g_autoptr(UdRecord) application = design_case (office->member, "2024-09-01");
  g_autoptr(UdRecord) second = design_case (office->member2, "2024-09-05");
  g_autoptr(UdRecord) older = design_case (office->member2, "2024-03-05");
  g_autoptr(UdRecord) next_year = design_case (office->member2, "2025-03-05");
  g_autoptr(GError) error = NULL;

  as (office, "li");
  g_assert_true (ud_illness_store_save (office->db, application, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (application->id, >, 0);
  g_assert_cmpstr (ud_record_get (application, "serial"), ==, "大病-110118-2024-01-0001");
  g_assert_cmpstr (ud_record_get (application, "fund_year"), ==, "2024");
  g_assert_cmpstr (ud_record_get (application, "member_name"), ==, "朱明敏");
  g_assert_cmpstr (ud_record_get (application, "id_number"), ==, "11010519491231002X");
  g_assert_cmpstr (ud_record_get (application, "disease"), ==, "D01");
  g_assert_cmpstr (ud_record_get (application, "total"), ==, "15630000");
  g_assert_cmpstr (ud_record_get (application, "self_paid"), ==, "6630000");
  g_assert_cmpstr (ud_record_get (application, "tier"), ==, "3");
  g_assert_cmpstr (ud_record_get (application, "suggested_amount"), ==, "800000");
  g_assert_cmpstr (ud_record_get (application, "low_income_line"), ==, "145000");
  g_assert_cmpstr (ud_record_get (application, "failed_rules"), ==, "");
  g_assert_cmpstr (ud_record_get (application, "reasons"), ==,
                   "self-paid 66,300.00 ≥ 50,000.00 → 5,000.00\n"
                   "per-capita income below 2 × the low-income line (1,450.00) → +1 tier → 8,000.00");
  /* The versions of the three tables it was computed under. */
  g_assert_cmpstr (ud_record_get (application, "rules_version"), ==, "2024-01");
  g_assert_cmpstr (ud_record_get (application, "diseases_version"), ==, "2024-01");
  g_assert_cmpstr (ud_record_get (application, "low_income_version"), ==, "2024-07-01");
  g_assert_cmpstr (ud_record_get (application, "status"), ==, "draft");
  g_assert_cmpstr (ud_record_get (application, "created_by"), ==, "li");

  /* One number sequence per district and fund year. */
  g_assert_true (ud_illness_store_save (office->db, second, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (second, "serial"), ==, "大病-110118-2024-01-0002");
  g_assert_true (ud_illness_store_save (office->db, older, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (older, "serial"), ==, "大病-110118-2024-01-0003");
  g_assert_cmpstr (ud_record_get (older, "low_income_version"), ==, "2023-07-01");
  g_assert_cmpstr (ud_record_get (older, "low_income_line"), ==, "139500");
  g_assert_true (ud_illness_store_save (office->db, next_year, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (next_year, "serial"), ==, "大病-110118-2025-01-0001");
  g_assert_cmpstr (ud_record_get (next_year, "fund_year"), ==, "2025");

  /* Stored with its outbox entry, audit entry and the trail's first step,
   * and the reference tables are now in the database. */
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM sync_outbox WHERE kind = (SELECT code FROM sync_kind WHERE name = 'illness_application')"), ==, 4);
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM audit_log WHERE kind = 'illness_application' AND action = 'create' AND actor = 'li'"), ==, 4);
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM workflow_step WHERE step = 'create' AND record_kind = 'illness_application'"), ==, 4);
  g_assert_cmpint (query_int (office->db, "SELECT count (DISTINCT kind) FROM reference_version"), ==, UD_N_REFERENCE_KINDS);
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM reference_version WHERE in_use = 1"), ==, 0);

  /* A draft can change; the suggestion follows. */
  ud_record_set (application, "household_income", "2000000");
  g_assert_true (ud_illness_store_save (office->db, application, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (application, "serial"), ==, "大病-110118-2024-01-0001");
  g_assert_cmpstr (ud_record_get (application, "tier"), ==, "4");
  g_assert_cmpstr (ud_record_get (application, "suggested_amount"), ==, "1200000");
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM audit_log WHERE kind = 'illness_application'"
                                          " AND action = 'update' AND field = 'suggested_amount'"), ==, 1);
}

/* What an editor does with the text typed in a field. */
static void
type_in (UdRecord   *record,
         const char *field,
         const char *text)
{
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autofree char *value = ud_field_normalize (ud_kind_find_field (record->kind, field), text, issues);

  g_assert_nonnull (value);
  ud_record_set (record, field, value);
}

static void
test_quote_as_typed (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdReliefRules) rules = ud_relief_rules_new_default (&error);
  g_autoptr(UdRecord) application = design_case (office->member, "2024-09-01");
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_auto(UdReliefQuote) quote = { 0, };
  g_auto(UdReliefQuote) again = { 0, };
  UdIllnessFacts facts = { TRUE, NULL };
  GDate prior;

  g_assert_no_error (error);
  type_in (application, "total", "156,300.00");
  type_in (application, "insurance", "￥80000");
  type_in (application, "household_income", "60000");

  /* Nothing is stored: the app recomputes as the clerk types. */
  g_assert_true (ud_illness_application_quote (rules, application, &facts, &quote, issues, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (issues->len, ==, 0);
  g_assert_true (quote.eligible);
  g_assert_cmpint (quote.self_paid, ==, 6630000);
  g_assert_cmpint (quote.amount, ==, 800000);
  g_assert_cmpstr (ud_record_get (application, "total"), ==, "15630000");
  g_assert_cmpint (application->id, ==, 0);

  /* The facts from the database: an inactive member, a relief approved
   * 100 days before. */
  facts.member_active = FALSE;
  facts.prior_reliefs = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_date_clear (&prior, 1);
  g_date_set_dmy (&prior, 24, 5, 2024);
  g_array_append_val (facts.prior_reliefs, prior);
  g_assert_true (ud_illness_application_quote (rules, application, &facts, &again, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (again.eligible);
  g_assert_cmpuint (again.failed->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (again.failed, 0), ==, "member_inactive");
  g_assert_cmpstr (g_ptr_array_index (again.failed, 1), ==, "relief_within_12_months");
  g_array_unref (facts.prior_reliefs);
  facts.prior_reliefs = NULL;

  /* Mistakes name the field, as the editor shows them. */
  type_in (application, "insurance", "-5");
  ud_record_set (application, "household_size", "zwei");
  ud_relief_quote_clear (&quote);
  g_assert_false (ud_illness_application_quote (rules, application, &facts, &quote, issues, &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID);
  g_assert_cmpuint (issues->len, ==, 2);
  g_assert_cmpstr (((UdIssue *) g_ptr_array_index (issues, 0))->message, ==, "Basic medical insurance: cannot be negative");
  g_assert_cmpstr (((UdIssue *) g_ptr_array_index (issues, 1))->message, ==, "Household size: must be a whole number");
  g_clear_error (&error);
  g_ptr_array_set_size (issues, 0);

  type_in (application, "insurance", "150,000.00");
  ud_record_set (application, "household_size", "3");
  g_assert_false (ud_illness_application_quote (rules, application, &facts, &quote, issues, &error));
  g_assert_cmpstr (error->message, ==,
                   "Total medical cost: 156,300.00 is less than insurance, government aid, mutual aid and other together (160,000.00)");
  g_clear_error (&error);

  /* Before any rules were in force. */
  type_in (application, "insurance", "0");
  ud_record_set (application, "application_date", "2019-05-01");
  ud_record_set (application, "diagnosis_date", "2019-04-01");
  g_assert_false (ud_illness_application_quote (rules, application, &facts, &quote, NULL, &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Application date: no relief rules are in force on 2019-05-01");
}

static void
test_invalid_draft_not_saved (Office        *office,
                              gconstpointer  data)
{
  g_autoptr(UdRecord) application = design_case (office->member, "2024-09-01");
  g_autoptr(UdRecord) nobody = design_case ("018f0000-0000-7000-8000-0000000000ff", "2024-09-01");
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autoptr(GError) error = NULL;

  ud_record_set (application, "household_size", "0");
  ud_record_set (application, "documents", "id_copy,passport");
  as (office, "li");
  g_assert_false (ud_illness_store_save (office->db, application, issues, &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_cmpstr (error->message, ==,
                   "Documents received: “passport” is not one of 身份证复印件, 互助服务卡号, 银行卡, 二级以上医院诊断证明, 出院小结或病理报告, 医疗费用票据及医保结算单, 签字的审批表, 患者与会员关系证明");
  g_clear_error (&error);

  ud_record_set (application, "documents", "invoices, id_copy");
  g_assert_false (ud_illness_store_save (office->db, application, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Household size: a household has at least one person");
  g_clear_error (&error);

  g_assert_false (ud_illness_store_save (office->db, nobody, NULL, &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Member: the member no longer exists");
  g_clear_error (&error);

  /* A reviewer does not prepare applications. */
  ud_record_set (application, "household_size", "3");
  as (office, "zhou");
  g_assert_false (ud_illness_store_save (office->db, application, NULL, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM illness_application"), ==, 0);

  as (office, "li");
  g_assert_true (ud_illness_store_save (office->db, application, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (application, "documents"), ==, "id_copy,invoices");
}

static void
test_clerk_cannot_approve (Office        *office,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) stored = NULL;
  gint64 id;

  set_budget (office, 2024, 10000000);
  id = reviewed_application (office, office->member, "2024-09-01");

  g_assert_false (approve (office, "li", id, -1, NULL, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==,
                   "“li” (Clerk) may not approve applications: that needs the role Approver.");
  g_clear_error (&error);

  /* Nor reject it. */
  as (office, "li");
  {
    UdIllnessOpinion no = { "不同意。", NULL, NULL };

    g_assert_false (ud_illness_store_reject (office->db, id, &no, &error));
    g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
    g_clear_error (&error);
  }

  stored = reload (office, id);
  g_assert_cmpstr (ud_record_get (stored, "status"), ==, "reviewed");
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM workflow_step WHERE step IN ('approve', 'reject')"), ==, 0);
}

static void
test_creator_cannot_approve (Office        *office,
                             gconstpointer  data)
{
  g_autoptr(UdRecord) application = design_case (office->member, "2024-09-01");
  UdIllnessOpinion opinion = { "同意。", NULL, NULL };
  g_autoptr(GError) error = NULL;

  set_budget (office, 2024, 10000000);

  /* sun keeps the roll and is also an approver. */
  as (office, "sun");
  g_assert_true (ud_illness_store_save (office->db, application, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ud_illness_store_submit (office->db, application->id, &opinion, &error));
  g_assert_no_error (error);
  review (office, application->id, "zhou");

  g_assert_false (approve (office, "sun", application->id, -1, NULL, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_SEPARATION_OF_DUTIES);
  g_assert_cmpstr (error->message, ==,
                   "“sun” created this application and so may not approve it: another approver must decide.");
  g_clear_error (&error);

  g_assert_true (approve (office, "wang", application->id, -1, NULL, &error));
  g_assert_no_error (error);
}

static void
test_reviewer_cannot_approve (Office        *office,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) stored = NULL;
  gint64 id;

  set_budget (office, 2024, 10000000);
  id = create (office, office->member, "2024-09-01");
  submit (office, id);
  review (office, id, "chen");

  g_assert_false (approve (office, "chen", id, -1, NULL, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_SEPARATION_OF_DUTIES);
  g_assert_cmpstr (error->message, ==,
                   "“chen” reviewed this application and so may not also approve it: the reviewer and the approver must be different people.");
  g_clear_error (&error);

  g_assert_true (approve (office, "wang", id, -1, NULL, &error));
  g_assert_no_error (error);
  stored = reload (office, id);
  g_assert_cmpstr (ud_record_get (stored, "status"), ==, "approved");
  g_assert_cmpstr (ud_record_get (stored, "reviewed_by"), ==, "chen");
  g_assert_cmpstr (ud_record_get (stored, "decided_by"), ==, "wang");
  g_assert_cmpstr (ud_record_get (stored, "approved_amount"), ==, "800000");
}

static void
test_fund_balance (Office        *office,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) stored = NULL;
  gint64 first, second, older;

  first = reviewed_application (office, office->member, "2024-09-01");
  second = reviewed_application (office, office->member2, "2024-09-05");
  older = reviewed_application (office, office->member2, "2025-03-05");

  /* No budget, no approval. */
  g_assert_false (approve (office, "wang", first, -1, NULL, &error));
  g_assert_error (error, UD_FUND_ERROR, UD_FUND_ERROR_NO_BUDGET);
  g_assert_cmpstr (error->message, ==,
                   "No budget is set for the 2024 fund, so nothing can be approved from it: the administrator sets the budget first.");
  g_clear_error (&error);

  /* Only the administrator sets it. */
  as (office, "wang");
  g_assert_false (ud_fund_set_budget (office->db, 2024, 1000000, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  /* Nor to an amount that no fund holds, which would overflow the sums. */
  as (office, "admin");
  g_assert_false (ud_fund_set_budget (office->db, 2024, G_MAXINT64, &error));
  g_assert_error (error, UD_FUND_ERROR, UD_FUND_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Budget: at most 1,000,000,000.00 yuan.");
  g_clear_error (&error);
  g_assert_false (ud_fund_set_budget (office->db, 2024, UD_FUND_MAX_BUDGET + 1, &error));
  g_assert_error (error, UD_FUND_ERROR, UD_FUND_ERROR_INVALID);
  g_clear_error (&error);
  set_budget (office, 2024, 1000000);

  g_assert_true (approve (office, "wang", first, -1, NULL, &error));
  g_assert_no_error (error);

  /* 2,000.00 left, 8,000.00 suggested: refused, nothing changed. */
  g_assert_false (approve (office, "wang", second, -1, NULL, &error));
  g_assert_error (error, UD_FUND_ERROR, UD_FUND_ERROR_BALANCE);
  g_assert_cmpstr (error->message, ==,
                   "The 2024 fund has 2,000.00 yuan left, not enough for 8,000.00: approve a smaller amount or ask the administrator to raise the budget.");
  g_clear_error (&error);
  stored = reload (office, second);
  g_assert_cmpstr (ud_record_get (stored, "status"), ==, "reviewed");

  /* A smaller amount, with its reason, fits. */
  g_assert_true (approve (office, "wang", second, 200000, "本年度专项资金余额不足，按余额核定。", &error));
  g_assert_no_error (error);

  /* The budget cannot fall below what is approved. */
  as (office, "admin");
  g_assert_false (ud_fund_set_budget (office->db, 2024, 900000, &error));
  g_assert_error (error, UD_FUND_ERROR, UD_FUND_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Budget: 9,000.00 is less than the 10,000.00 already approved for 2024.");
  g_clear_error (&error);

  /* Each year has its own budget. */
  g_assert_false (approve (office, "wang", older, -1, NULL, &error));
  g_assert_error (error, UD_FUND_ERROR, UD_FUND_ERROR_NO_BUDGET);
  g_clear_error (&error);

  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM audit_log WHERE kind = 'fund_budget' AND actor = 'admin'"), ==, 1);
}

static void
test_amount_needs_reason_and_range (Office        *office,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) stored = NULL;
  gint64 id;

  set_budget (office, 2024, 10000000);
  id = reviewed_application (office, office->member, "2024-09-01");

  g_assert_false (approve (office, "wang", id, 600000, NULL, &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_AMOUNT);
  g_assert_cmpstr (error->message, ==,
                   "Approved amount: 6,000.00 differs from the suggested 8,000.00, so write down the reason.");
  g_clear_error (&error);

  g_assert_false (approve (office, "wang", id, 600000, "   ", &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_AMOUNT);
  g_clear_error (&error);

  g_assert_false (approve (office, "wang", id, 2500000, "病情特别严重。", &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_AMOUNT);
  g_assert_cmpstr (error->message, ==, "Approved amount: must lie between 2,000.00 and 20,000.00.");
  g_clear_error (&error);

  g_assert_false (approve (office, "wang", id, 199999, "家庭已获其他救助。", &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_AMOUNT);
  g_clear_error (&error);

  g_assert_true (approve (office, "wang", id, 2000000, "病情特别严重，家庭无其他收入。", &error));
  g_assert_no_error (error);
  stored = reload (office, id);
  g_assert_cmpstr (ud_record_get (stored, "approved_amount"), ==, "2000000");
  g_assert_cmpstr (ud_record_get (stored, "suggested_amount"), ==, "800000");
  g_assert_cmpstr (ud_record_get (stored, "amount_reason"), ==, "病情特别严重，家庭无其他收入。");
}

static const char *rules_2025 =
  "{\"version\": \"2025-01\", \"effective\": \"2025-01-01\", \"threshold\": \"20000.00\","
  " \"tiers\": [{\"from\": \"20000.00\", \"amount\": \"3000.00\"}, {\"from\": \"60000.00\", \"amount\": \"6000.00\"}],"
  " \"relations\": [\"self\", \"spouse\"], \"hardship\": [{\"steps\": 1, \"income_below_line_times\": 1}],"
  " \"window_days\": 365, \"min_amount\": \"3000.00\", \"max_amount\": \"20000.00\"}";

static void
test_used_version_cannot_change (Office        *office,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdReferenceVersion) rules = NULL;
  g_autoptr(UdReferenceVersion) added = NULL;
  g_autoptr(UdReferenceVersion) changed = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *edited = NULL;
  char *errmsg = NULL;
  gint64 id;

  /* Before any decision the administrator may correct a version. */
  as (office, "admin");
  lines = ud_reference_list (office->db, UD_REFERENCE_LOW_INCOME_LINE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 3);
  changed = ud_reference_update_version (office->db, UD_REFERENCE_LOW_INCOME_LINE, "2024-07-01",
                                         "{\"effective\": \"2024-07-01\", \"monthly\": \"1450.00\", \"note\": \"Confirmed.\"}",
                                         &error);
  g_assert_no_error (error);
  g_assert_nonnull (changed);
  g_assert_false (changed->in_use);

  /* …but not a clerk. */
  as (office, "li");
  g_assert_null (ud_reference_add_version (office->db, UD_REFERENCE_RELIEF_RULES, rules_2025, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  set_budget (office, 2024, 10000000);
  id = reviewed_application (office, office->member, "2024-09-01");
  g_assert_true (approve (office, "wang", id, -1, NULL, &error));
  g_assert_no_error (error);

  /* The three versions in force on 2024-09-01 were used. */
  as (office, "admin");
  rules = ud_reference_get (office->db, UD_REFERENCE_RELIEF_RULES, "2024-01", &error);
  g_assert_no_error (error);
  g_assert_true (rules->in_use);
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM reference_version WHERE in_use = 1"), ==, 3);
  g_assert_cmpint (query_int (office->db, "SELECT in_use FROM reference_version WHERE kind = 'low_income_line' AND version = '2023-07-01'"), ==, 0);

  edited = g_strdup (rules->data);
  g_assert_nonnull (strstr (edited, "\"threshold\":\"20000.00\""));
  memcpy (strstr (edited, "\"threshold\":\"20000.00\"") + strlen ("\"threshold\":\""), "3", 1);
  g_assert_null (ud_reference_update_version (office->db, UD_REFERENCE_RELIEF_RULES, "2024-01", edited, &error));
  g_assert_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_IN_USE);
  g_assert_cmpstr (error->message, ==,
                   "Relief rules: version “2024-01” was used by a decision and can no longer change; add a new version with a later effective date instead.");
  g_clear_error (&error);

  /* Not even behind the program's back. */
  g_assert_cmpint (sqlite3_exec (ud_database_get_handle (office->db),
                                 "UPDATE reference_version SET data = '[]' WHERE kind = 'relief_rules' AND version = '2024-01'",
                                 NULL, NULL, &errmsg), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpstr (errmsg, ==, "a reference version used by a decision cannot be changed");
  sqlite3_free (errmsg);

  /* A new version may not reach back over a decided application… */
  g_assert_null (ud_reference_add_version (office->db, UD_REFERENCE_LOW_INCOME_LINE,
                                           "{\"effective\": \"2024-08-01\", \"monthly\": \"1500.00\"}", &error));
  g_assert_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_IN_USE);
  g_assert_cmpstr (error->message, ==,
                   "Effective from 2024-08-01: an application dated 2024-09-01 has already been decided under the versions in force then, so a new version must take effect after 2024-09-01.");
  g_clear_error (&error);

  /* …a broken one is refused with the field at fault… */
  g_assert_null (ud_reference_add_version (office->db, UD_REFERENCE_RELIEF_RULES,
                                           "{\"version\": \"2025-02\", \"effective\": \"2025-02-01\", \"threshold\": \"0\"}", &error));
  g_assert_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Relief rules: the version cannot be used: tiers: this field is missing");
  g_clear_error (&error);

  /* …and a later one joins the table. */
  added = ud_reference_add_version (office->db, UD_REFERENCE_RELIEF_RULES, rules_2025, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added->version, ==, "2025-01");
  g_assert_cmpstr (added->effective, ==, "2025-01-01");
  g_assert_cmpstr (added->created_by, ==, "admin");
  g_assert_false (added->in_use);
  g_assert_null (ud_reference_add_version (office->db, UD_REFERENCE_RELIEF_RULES, rules_2025, &error));
  g_assert_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_EXISTS);
  g_clear_error (&error);

  /* The rules are the database's: 2025 applications use the new tiers. */
  {
    g_autoptr(UdReliefRules) loaded = ud_reference_load_rules (office->db, &error);
    GDate date;

    g_assert_no_error (error);
    g_date_clear (&date, 1);
    g_date_set_dmy (&date, 1, 3, 2025);
    g_assert_cmpstr (ud_relief_rules_version (loaded, &date), ==, "2025-01");
    g_date_set_dmy (&date, 1, 3, 2024);
    g_assert_cmpstr (ud_relief_rules_version (loaded, &date), ==, "2024-01");
  }

  /* The five shipped versions of the relief tables and the room
   * standards' one stored on first use, the correction and the new
   * version. */
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM audit_log WHERE kind = 'reference_version' AND action = 'create'"), ==, 7);
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM audit_log WHERE kind = 'reference_version' AND action = 'update'"
                                          " AND actor = 'admin' AND detail = '{\"what\":\"reference_version\",\"table_label\":\"Low-income line\",\"version\":\"2024-07-01\"}'"), ==, 1);
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM reference_version WHERE created_by = 'UnionDesk'"), ==, 6);
}

static void
test_year_totals (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  UdIllnessPayment payment = { NULL, "京卡转账", "JK20240920001" };
  UdIllnessOpinion no = { "经核实，家庭收入较高，不予救助。", NULL, NULL };
  UdFundSummary summary;
  g_autofree char *today = NULL;
  gint64 a, b, c;

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    today = g_date_time_format (now, "%Y-%m-%d");
  }

  set_budget (office, 2024, 10000000);
  a = reviewed_application (office, office->member, "2024-09-01");
  b = reviewed_application (office, office->member2, "2024-09-05");
  c = reviewed_application (office, office->member2, "2024-10-05");
  create (office, office->member, "2024-11-01");

  g_assert_true (approve (office, "wang", a, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (approve (office, "wang", b, 1200000, "家庭困难情况突出。", &error));
  g_assert_no_error (error);
  as (office, "wang");
  g_assert_true (ud_illness_store_reject (office->db, c, &no, &error));
  g_assert_no_error (error);

  payment.paid_on = today;
  as (office, "li");
  g_assert_true (ud_illness_store_record_payment (office->db, a, &payment, &error));
  g_assert_no_error (error);

  g_assert_true (ud_fund_get_summary (office->db, 2024, &summary, &error));
  g_assert_no_error (error);
  g_assert_true (summary.has_budget);
  g_assert_cmpint (summary.budget, ==, 10000000);
  g_assert_cmpuint (summary.approved_count, ==, 2);
  g_assert_cmpuint (summary.people, ==, 2);
  g_assert_cmpint (summary.approved_total, ==, 2000000);
  g_assert_cmpuint (summary.paid_count, ==, 1);
  g_assert_cmpint (summary.paid_total, ==, 800000);
  g_assert_cmpint (summary.balance, ==, 8000000);
  g_assert_cmpuint (summary.pending_count, ==, 1);
  g_assert_cmpuint (summary.rejected_count, ==, 1);
  text = ud_fund_summary_to_string (&summary);
  g_assert_cmpstr (text, ==, "2 people, 20,000.00 yuan approved; 80,000.00 yuan left");

  g_assert_true (ud_fund_get_summary (office->db, 2023, &summary, &error));
  g_assert_no_error (error);
  g_assert_false (summary.has_budget);
  g_assert_cmpuint (summary.approved_count, ==, 0);
  g_clear_pointer (&text, g_free);
  text = ud_fund_summary_to_string (&summary);
  g_assert_cmpstr (text, ==, "0 people, 0.00 yuan approved; no budget set");
}

static void
test_trail_and_return (Office        *office,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(UdRecord) stored = NULL;
  g_autofree char *today = NULL;
  UdIllnessPayment payment = { NULL, "bank", "" };
  gint64 id;

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    today = g_date_time_format (now, "%Y-%m-%d");
  }

  set_budget (office, 2024, 10000000);
  id = reviewed_application (office, office->member, "2024-09-01");

  /* The approver sends it back: a draft again, saying why. */
  as (office, "wang");
  g_assert_false (ud_illness_store_return (office->db, id, "  ", &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Why it is returned: must not be empty.");
  g_clear_error (&error);
  /* Ideographic, no-break and zero-width spaces are as empty. */
  g_assert_false (ud_illness_store_return (office->db, id, "\u3000\u3000", &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Why it is returned: must not be empty.");
  g_clear_error (&error);
  g_assert_false (ud_illness_store_return (office->db, id, "\u00a0\u200b\u200b\u3000", &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ud_illness_store_return (office->db, id, "缺少出院小结原件，请补充。", &error));
  g_assert_no_error (error);
  stored = reload (office, id);
  g_assert_cmpstr (ud_record_get (stored, "status"), ==, "draft");
  g_assert_cmpstr (ud_record_get (stored, "status_note"), ==, "缺少出院小结原件，请补充。");
  g_assert_cmpstr (ud_record_get (stored, "reviewed_by"), ==, "");

  /* A draft cannot be approved. */
  g_assert_false (approve (office, "wang", id, -1, NULL, &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_WRONG_STATUS);
  g_assert_cmpstr (error->message, ==, "Application 大病-110118-2024-01-0001 is “Draft”; this step needs it to be “Reviewed”.");
  g_clear_error (&error);

  submit (office, id);
  review (office, id, "zhou");
  g_assert_true (approve (office, "wang", id, -1, NULL, &error));
  g_assert_no_error (error);

  as (office, "li");
  /* The shortest notice from a Friday ends on the Thursday after. */
  {
    GDate from;
    GDate end;
    g_autofree char *end_iso = NULL;

    g_assert_true (ud_date_parse ("2024-09-20", &from, NULL));
    ud_illness_notice_shortest_end (&from, &end);
    end_iso = ud_date_to_iso (&end);
    g_assert_cmpstr (end_iso, ==, "2024-09-26");
  }
  /* Friday to Wednesday is four working days: too short a notice. */
  g_assert_false (ud_illness_store_record_notice (office->db, id, "2024-09-20", "2024-09-25", &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ud_illness_store_record_notice (office->db, id, "2024-09-20", "2024-09-26", &error));
  g_assert_no_error (error);

  /* Payment: a receipt number, a date not before the approval. */
  payment.paid_on = today;
  g_assert_false (ud_illness_store_record_payment (office->db, id, &payment, &error));
  g_assert_cmpstr (error->message, ==, "Receipt number: give the transfer or receipt number, at most 40 characters.");
  g_clear_error (&error);
  payment.receipt_number = "BK-0001";
  payment.paid_on = "2024-01-01";
  g_assert_false (ud_illness_store_record_payment (office->db, id, &payment, &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID);
  g_clear_error (&error);
  payment.paid_on = today;
  as (office, "zhou");
  g_assert_false (ud_illness_store_record_payment (office->db, id, &payment, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  /* The approver may record it too. */
  as (office, "wang");
  g_assert_true (ud_illness_store_record_payment (office->db, id, &payment, &error));
  g_assert_no_error (error);

  as (office, "li");
  steps = ud_illness_store_list_steps (office->db, stored->uuid, &error);
  g_assert_no_error (error);
  {
    const char *expected[][3] = {
      { "create", "li", "" },
      { "submit", "li", "情况属实，同意申请。" },
      { "street", "zhou", "经核实，同意上报。" },
      { "review", "zhou", "材料齐全，符合条件。" },
      { "return", "wang", "缺少出院小结原件，请补充。" },
      { "submit", "li", "情况属实，同意申请。" },
      { "street", "zhou", "经核实，同意上报。" },
      { "review", "zhou", "材料齐全，符合条件。" },
      { "approve", "wang", "同意救助。" },
      { "notice", "li", "2024-09-20 – 2024-09-26" },
      { "pay", "wang", "BK-0001" },
    };

    g_assert_cmpuint (steps->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < steps->len; i++)
      {
        UdIllnessStep *step = g_ptr_array_index (steps, i);

        g_assert_cmpstr (step->step, ==, expected[i][0]);
        g_assert_cmpstr (step->actor, ==, expected[i][1]);
        g_assert_cmpstr (step->opinion, ==, expected[i][2]);
      }
    /* Paper opinions keep their signer and date; the others name the account. */
    g_assert_cmpstr (((UdIllnessStep *) g_ptr_array_index (steps, 1))->signer, ==, "李建国");
    g_assert_cmpstr (((UdIllnessStep *) g_ptr_array_index (steps, 1))->signed_on, ==, "2024-09-02");
    g_assert_cmpstr (((UdIllnessStep *) g_ptr_array_index (steps, 3))->signer, ==, "zhou");
    g_assert_cmpstr (((UdIllnessStep *) g_ptr_array_index (steps, 8))->signed_on, ==, today);
  }

  g_clear_pointer (&stored, ud_record_unref);
  stored = reload (office, id);
  g_assert_cmpstr (ud_record_get (stored, "status"), ==, "paid");
  g_assert_cmpstr (ud_record_get (stored, "payment_method"), ==, "bank");
  g_assert_cmpstr (ud_record_get (stored, "notice_from"), ==, "2024-09-20");

  /* The trail is never rewritten. */
  g_assert_cmpint (sqlite3_exec (ud_database_get_handle (office->db), "DELETE FROM workflow_step", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM audit_log WHERE kind = 'illness_application'"
                                          " AND field = 'status' AND new_value = 'paid' AND detail = '{\"what\":\"step\",\"step\":\"pay\"}' AND actor = 'wang'"), ==, 1);
}

static void
test_review_needs_documents (Office        *office,
                             gconstpointer  data)
{
  g_autoptr(UdRecord) application = design_case (office->member, "2024-09-01");
  UdIllnessOpinion opinion = { "同意。", NULL, NULL };
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;

  /* The patient is the member's spouse: proof of relationship is due. */
  ud_record_set (application, "relation", "配偶");
  ud_record_set (application, "patient_name", "张丽");
  ud_record_set (application, "documents", "id_copy,card_number,bank_card,diagnosis,invoices");
  ud_record_set (application, "hospital_grade", "一级");
  as (office, "li");
  g_assert_true (ud_illness_store_save (office->db, application, NULL, &error));
  g_assert_no_error (error);
  /* The default rules cover the member alone. */
  g_assert_cmpstr (ud_record_get (application, "failed_rules"), ==, "relation_not_allowed");
  g_assert_cmpstr (ud_record_get (application, "suggested_amount"), ==, "0");

  missing = ud_illness_missing_documents (application);
  g_assert_cmpuint (missing->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "discharge");
  g_assert_cmpstr (g_ptr_array_index (missing, 1), ==, "approval_form");
  g_assert_cmpstr (g_ptr_array_index (missing, 2), ==, "relationship");

  submit (office, application->id);
  as (office, "zhou");
  g_assert_false (ud_illness_store_review (office->db, application->id, NULL, &opinion, &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_DOCUMENTS);
  g_assert_cmpstr (error->message, ==,
                   "Application 大病-110118-2024-01-0001 cannot be reviewed before every document has been received;"
                   " missing: Discharge summary or pathology report, Signed approval form,"
                   " Proof of the patient's relationship to the member.");
  g_clear_error (&error);

  /* Returned, completed, submitted again: the hospital grade still fails. */
  g_assert_true (ud_illness_store_return (office->db, application->id, "材料不全。", &error));
  g_assert_no_error (error);
  ud_record_set (application, "documents", "id_copy,card_number,bank_card,diagnosis,invoices,discharge,approval_form,relationship");
  as (office, "li");
  g_assert_true (ud_illness_store_save (office->db, application, NULL, &error));
  g_assert_no_error (error);
  submit (office, application->id);
  as (office, "zhou");
  g_assert_false (ud_illness_store_review (office->db, application->id, NULL, &opinion, &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_DOCUMENTS);
  g_assert_cmpstr (error->message, ==, "Hospital grade: the diagnosis must come from a hospital of grade 2 or above, not Grade 1.");
  g_clear_error (&error);

  /* A submitted application no longer changes. */
  as (office, "li");
  g_assert_false (ud_illness_store_save (office->db, application, NULL, &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_WRONG_STATUS);
  g_clear_error (&error);
}

static void
test_not_eligible_cannot_be_approved (Office        *office,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) stored = NULL;
  g_autoptr(UdRecord) second = NULL;
  g_autoptr(UdIllnessFacts) facts = NULL;
  g_autofree char *today = NULL;
  GDateTime *now = g_date_time_new_now_local ();
  guint year = (guint) g_date_time_get_year (now);
  gint64 first, transferred;

  today = g_date_time_format (now, "%Y-%m-%d");
  g_date_time_unref (now);

  set_budget (office, year, 10000000);
  first = reviewed_application (office, office->member, today);
  g_assert_true (approve (office, "wang", first, -1, NULL, &error));
  g_assert_no_error (error);

  /* A second application the same day: a relief approved within 12
   * months, found by the application itself. */
  second = design_case (office->member, today);
  ud_record_set (second, "diagnosis_date", today);
  as (office, "li");
  g_assert_true (ud_illness_store_save (office->db, second, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (second, "failed_rules"), ==, "relief_within_12_months");
  facts = ud_illness_store_get_facts (office->db, second, &error);
  g_assert_no_error (error);
  g_assert_true (facts->member_active);
  g_assert_cmpuint (facts->prior_reliefs->len, ==, 1);

  submit (office, second->id);
  review (office, second->id, "zhou");
  g_assert_false (approve (office, "wang", second->id, -1, NULL, &error));
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_ELIGIBLE);
  g_assert_true (g_str_has_prefix (error->message, "Application 大病-110118-"));
  g_assert_nonnull (strstr (error->message, "an illness relief was already approved on"));
  g_clear_error (&error);

  /* A member transferred out is not active. */
  transferred = reviewed_application (office, office->member3, "2024-09-01");
  stored = reload (office, transferred);
  g_assert_cmpstr (ud_record_get (stored, "failed_rules"), ==, "member_inactive");
}

/* Offices of one district number their applications apart by their
 * office number; a serial that two applications still share (the same
 * number in two offices) is found, not refused, and the city's flags are
 * read and said in words. */
static void
test_office_number_serials (Office        *office,
                            gconstpointer  data)
{
  Office other = { NULL };
  g_autoptr(UdRecord) here = design_case (office->member, "2024-09-10");
  g_autoptr(UdRecord) there = NULL;
  g_autoptr(UdRecord) found = NULL;
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GHashTable) duplicates = NULL;
  g_autoptr(GHashTable) flagged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *sentence = NULL;
  const char *bad[] = { "", "0", "00", "100", "1a", "-1", "０1" };

  /* 01 until it is set; one or two digits, 1–99. */
  number = ud_database_get_office_number (office->db);
  g_assert_cmpstr (number, ==, "01");
  g_clear_pointer (&number, g_free);
  g_assert_true (ud_database_check_office_number (" 7 ", &number, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "07");
  g_clear_pointer (&number, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (ud_database_check_office_number (bad[i], NULL, &error));
      g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "Office number:"));
      g_clear_error (&error);
    }

  /* The administrator's to change, with an audit entry. */
  as (office, "li");
  g_assert_false (ud_database_set_office_number (office->db, "02", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  as (office, "admin");
  g_assert_true (ud_database_set_office_number (office->db, "2", &error));
  g_assert_no_error (error);
  number = ud_database_get_office_number (office->db);
  g_assert_cmpstr (number, ==, "02");
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM audit_log WHERE action = 'office_number'"
                                          " AND old_value = '01' AND new_value = '02' AND actor = 'admin'"), ==, 1);

  /* Two offices of district 110118, numbers 02 and 01. */
  office_set_up (&other, NULL);
  there = design_case (other.member, "2024-09-10");
  as (office, "li");
  g_assert_true (ud_illness_store_save (office->db, here, NULL, &error));
  g_assert_no_error (error);
  as (&other, "li");
  g_assert_true (ud_illness_store_save (other.db, there, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (here, "serial"), ==, "大病-110118-2024-02-0001");
  g_assert_cmpstr (ud_record_get (there, "serial"), ==, "大病-110118-2024-01-0001");
  office_tear_down (&other, NULL);

  /* An application of another office under the same number, as sync
   * writes it: stored beside ours, and found. */
  as (office, "li");
  sql = g_strdup_printf ("INSERT INTO illness_application (uuid, district, hlc, updated_at, updated_by, serial,"
                         " member_uuid, application_date, fund_year)"
                         " VALUES ('018f0000-0000-7000-8000-0000000000b1', '110118', 'h', '2024-09-11T00:00:00Z',"
                         " 'zhang', '大病-110118-2024-02-0001', '%s', '2024-09-11', 2024)", office->member2);
  g_assert_true (ud_database_exec (office->db, sql, &error));
  g_assert_no_error (error);
  same = ud_illness_store_list_same_serial (office->db, here, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (same->len, ==, 1);
  g_assert_cmpstr (((UdRecord *) g_ptr_array_index (same, 0))->uuid, ==, "018f0000-0000-7000-8000-0000000000b1");
  duplicates = ud_illness_store_duplicate_serials (office->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (duplicates), ==, 1);
  g_assert_true (g_hash_table_contains (duplicates, "大病-110118-2024-02-0001"));
  /* By serial it is ambiguous, and says so; by uuid it is found. */
  found = ud_illness_store_find (office->db, "大病-110118-2024-02-0001", &error);
  g_assert_null (found);
  g_assert_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "018f0000-0000-7000-8000-0000000000b1"));
  g_clear_error (&error);
  found = ud_illness_store_find (office->db, here->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->uuid, ==, here->uuid);
  /* The next number of office 02 follows both. */
  {
    g_autoptr(UdRecord) next = design_case (office->member2, "2024-10-01");

    g_assert_true (ud_illness_store_save (office->db, next, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (ud_record_get (next, "serial"), ==, "大病-110118-2024-02-0002");
  }

  /* The city's flag on this application, in words. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO sync_flag (seq, kind, uuid, event_date, other_district, other_kind, other_date, received_at)"
                         " VALUES (7, 'illness_application', '%s', '2024-09-10', '110105', 'hardship_archive', '2024-03-10',"
                         " '2024-09-12T00:00:00Z')", here->uuid);
  g_assert_true (ud_database_exec (office->db, sql, &error));
  g_assert_no_error (error);
  flags = ud_illness_store_list_city_flags (office->db, here->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flags->len, ==, 1);
  sentence = ud_illness_city_flag_describe (g_ptr_array_index (flags, 0));
  g_assert_cmpstr (sentence, ==,
                   "The same ID number received hardship aid in Chaoyang District (110105) on 2024-03-10,"
                   " within 12 months of this application (2024-09-10). Check with that district before paying.");
  flagged = ud_illness_store_flagged_applications (office->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (flagged), ==, 1);
  g_assert_true (g_hash_table_contains (flagged, here->uuid));
  g_assert_null (ud_illness_district_name ("120101"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

#define ADD(path, func) g_test_add ("/illness-workflow/" path, Office, NULL, office_set_up, func, office_tear_down)
  ADD ("save-computes-suggestion", test_save_computes_suggestion);
  ADD ("quote-as-typed", test_quote_as_typed);
  ADD ("invalid-draft-not-saved", test_invalid_draft_not_saved);
  ADD ("clerk-cannot-approve", test_clerk_cannot_approve);
  ADD ("creator-cannot-approve", test_creator_cannot_approve);
  ADD ("reviewer-cannot-approve", test_reviewer_cannot_approve);
  ADD ("fund-balance", test_fund_balance);
  ADD ("amount-needs-reason-and-range", test_amount_needs_reason_and_range);
  ADD ("used-version-cannot-change", test_used_version_cannot_change);
  ADD ("year-totals", test_year_totals);
  ADD ("trail-and-return", test_trail_and_return);
  ADD ("review-needs-documents", test_review_needs_documents);
  ADD ("not-eligible-cannot-be-approved", test_not_eligible_cannot_be_approved);
  ADD ("office-number-serials", test_office_number_serials);
#undef ADD

  return g_test_run ();
}
