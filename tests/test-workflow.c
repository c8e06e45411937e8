/* test-workflow.c — the workflow engine: who may take which step, and dates in order
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ud-core.h"
#include "ud-account.h"
#include "ud-illness-store.h"
#include "ud-member-store.h"
#include "ud-permission.h"
#include "ud-report.h"
#include "ud-validate.h"
#include "ud-workflow.h"

typedef struct
{
  UdDatabase *db;
  char       *dir;
  GHashTable *sessions;   /* user name → UdSession */
  gint64      application;
} Office;

static const struct
{
  const char *name;
  const char *display_name;
  UdRole      roles;
} staff[] = {
  { "li",   "李明",   UD_ROLE_CLERK },
  { "zhou", "周芳",   UD_ROLE_REVIEWER },
  { "wang", "王建华", UD_ROLE_APPROVER },
  /* One person keeps the roll and also approves. */
  { "sun",  "孙丽",   UD_ROLE_CLERK | UD_ROLE_APPROVER },
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
      session = ud_account_authenticate (office->db, username, "password-of-staff", &error);
      g_assert_no_error (error);
      g_hash_table_insert (office->sessions, g_strdup (username), session);
    }
  ud_database_set_session (office->db, session);
}

/* A member and an application of hers, created by sun (who also
 * approves): the application's row id. */
static gint64
new_application (Office     *office,
                 const char *name,
                 const char *id_number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
  g_autoptr(UdRecord) application = NULL;

  ud_record_set (member, "name", name);
  ud_record_set (member, "id_number", id_number);
  ud_record_set (member, "unit", "北京密云建材有限公司");
  as (office, "sun");
  g_assert_true (ud_member_store_save (office->db, member, NULL, &error));
  g_assert_no_error (error);

  application = ud_illness_application_new (member);
  ud_record_set (application, "application_date", "2024-09-01");
  ud_record_set (application, "disease", "D01");
  ud_record_set (application, "hospital", "北京大学第一医院");
  ud_record_set (application, "hospital_grade", "grade3a");
  ud_record_set (application, "diagnosis_date", "2024-06-12");
  ud_record_set (application, "total", "15630000");
  ud_record_set (application, "insurance", "8000000");
  ud_record_set (application, "household_size", "3");
  ud_record_set (application, "household_income", "6000000");
  ud_record_set (application, "documents", "id_copy,card_number,bank_card,diagnosis,discharge,invoices,approval_form");
  g_assert_true (ud_illness_store_save (office->db, application, NULL, &error));
  g_assert_no_error (error);

  return application->id;
}

static void
office_set_up (Office        *office,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  office->dir = g_dir_make_tmp ("ud-workflow-XXXXXX", NULL);
  office->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) ud_session_unref);
  path = g_build_filename (office->dir, "office.db", NULL);
  office->db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_account_initialize_office (office->db, "110118", "密云区总工会", "admin", "王主任", "office-admin-1", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      ud_account_create (office->db, staff[i].name, staff[i].display_name, staff[i].roles, "password-of-staff", &error);
      g_assert_no_error (error);
    }
  ud_database_set_sign_in_required (office->db, TRUE);

  /* Created by sun, who also approves. */
  office->application = new_application (office, "朱明敏", "11010519491231002X");
}

static void
office_tear_down (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (office->dir, 0, NULL);
  const char *name;

  ud_database_set_session (office->db, NULL);
  g_clear_object (&office->db);
  g_hash_table_unref (office->sessions);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (office->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (office->dir);
  g_free (office->dir);
}

static UdRecord *
application (Office *office)
{
  g_autoptr(GError) error = NULL;
  UdRecord *record = ud_illness_store_get (office->db, office->application, &error);

  g_assert_no_error (error);
  return record;
}

/* The step named @name among @choices, or NULL. */
static UdStepChoice *
find_choice (GPtrArray  *choices,
             const char *name)
{
  for (guint i = 0; i < choices->len; i++)
    {
      UdStepChoice *choice = g_ptr_array_index (choices, i);

      if (g_str_equal (choice->step->name, name))
        return choice;
    }

  return NULL;
}

static gboolean
take (Office      *office,
      const char  *account,
      const char  *step,
      const char  *opinion,
      const char  *signed_on,
      GError     **error)
{
  UdStepInput input = { { opinion, NULL, signed_on } };

  as (office, account);
  return ud_workflow_take (office->db, &ud_kind_illness_application, office->application, step, &input, NULL, error);
}

/* What each account may do with the application now, and why not. */
static void
test_steps_for_accounts (Office        *office,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  UdStepChoice *choice;

  record = application (office);
  as (office, "li");
  choices = ud_workflow_list_steps (office->db, record);
  g_assert_cmpuint (choices->len, ==, 1);
  choice = find_choice (choices, "submit");
  g_assert_true (choice->allowed);
  g_assert_null (choice->refusal);
  /* What the step asks for. */
  g_assert_cmpint (choice->step->opinion, ==, UD_OPINION_REQUIRED);
  g_assert_true (choice->step->from_paper);
  g_clear_pointer (&choices, g_ptr_array_unref);

  as (office, "zhou");
  choices = ud_workflow_list_steps (office->db, record);
  choice = find_choice (choices, "submit");
  g_assert_false (choice->allowed);
  g_assert_cmpstr (choice->refusal, ==, "“周芳” (Reviewer) may not create applications: that needs the role Clerk.");
  g_clear_pointer (&choices, g_ptr_array_unref);

  g_assert_true (take (office, "li", "submit", "情况属实，同意申请。", "2024-09-02", &error));
  g_assert_no_error (error);
  g_assert_true (take (office, "zhou", "review", "材料齐全。", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&record, ud_record_unref);
  record = application (office);

  /* sun created it: the decisions are refused, naming the rule; the
   * return is open to an approver. */
  as (office, "sun");
  choices = ud_workflow_list_steps (office->db, record);
  g_assert_cmpuint (choices->len, ==, 4);
  choice = find_choice (choices, "approve");
  g_assert_false (choice->allowed);
  /* The refusal names the person as the office knows her. */
  g_assert_cmpstr (choice->refusal, ==, "“孙丽” created this application and so may not approve it: another approver must decide.");
  g_assert_cmpuint (choice->step->n_fields, ==, 2);
  g_assert_false (find_choice (choices, "reject")->allowed);
  g_assert_true (find_choice (choices, "return")->allowed);
  g_assert_true (find_choice (choices, "notice")->allowed);
  g_assert_cmpuint (find_choice (choices, "notice")->step->notice_working_days, ==, 5);
  g_clear_pointer (&choices, g_ptr_array_unref);

  g_assert_false (take (office, "sun", "approve", "同意。", NULL, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_SEPARATION_OF_DUTIES);
  g_clear_error (&error);

  as (office, "wang");
  choices = ud_workflow_list_steps (office->db, record);
  g_assert_true (find_choice (choices, "approve")->allowed);
  g_assert_false (find_choice (choices, "notice")->allowed);

  /* A step that does not follow from the state, in words. */
  g_assert_false (take (office, "li", "submit", "再次提交。", NULL, &error));
  g_assert_error (error, UD_WORKFLOW_ERROR, UD_WORKFLOW_ERROR_WRONG_STATE);
  g_assert_cmpstr (error->message, ==, "Application 大病-110118-2024-01-0001 is “Reviewed”; this step needs it to be “Draft”.");
}

/* Dates written on papers follow one another, and none lies ahead; a
 * returned application is dated afresh. */
static void
test_dates_in_order (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  g_autofree char *tomorrow = NULL;
  GDate date;
  UdStepOpinion street = { "经核实，同意上报。", "赵敏", "2024-09-03" };
  UdStepInput input = { { "材料齐全。", NULL, NULL }, &street };

  ud_date_today (&date);
  g_date_add_days (&date, 1);
  tomorrow = ud_date_to_iso (&date);

  g_assert_false (take (office, "li", "submit", "同意申请。", tomorrow, &error));
  g_assert_error (error, UD_WORKFLOW_ERROR, UD_WORKFLOW_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Signed on: "));
  g_clear_error (&error);

  g_assert_true (take (office, "li", "submit", "同意申请。", "2024-09-05", &error));
  g_assert_no_error (error);

  /* The street's paper is dated before the union's it follows. */
  as (office, "zhou");
  g_assert_false (ud_workflow_take (office->db, &ud_kind_illness_application, office->application,
                                    "review", &input, NULL, &error));
  g_assert_error (error, UD_WORKFLOW_ERROR, UD_WORKFLOW_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Opinion of the street or township union: the date 2024-09-03 is before "
                   "“Submitted with the grassroots union's opinion” (2024-09-05), which it follows.");
  g_clear_error (&error);

  street.signed_on = "2024-09-06";
  g_assert_true (ud_workflow_take (office->db, &ud_kind_illness_application, office->application,
                                   "review", &input, NULL, &error));
  g_assert_no_error (error);

  /* Returned: the union's paper may carry its first date again. */
  g_assert_true (take (office, "zhou", "return", "请补充出院小结。", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (take (office, "li", "submit", "同意申请。", "2024-09-05", &error));
  g_assert_no_error (error);

  as (office, "li");
  trail = ud_trail_list (office->db, &ud_kind_illness_application, application (office)->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trail->len, ==, 6);
  g_assert_cmpstr (((UdTrailStep *) g_ptr_array_index (trail, 2))->step, ==, "street");
  g_assert_cmpstr (((UdTrailStep *) g_ptr_array_index (trail, 2))->signer, ==, "赵敏");
  g_assert_cmpstr (((UdTrailStep *) g_ptr_array_index (trail, 2))->signed_on, ==, "2024-09-06");
  /* A reviewer's own opinion is signed with the account's name. */
  g_assert_cmpstr (((UdTrailStep *) g_ptr_array_index (trail, 3))->signer, ==, "周芳");
  g_assert_cmpstr (((UdTrailStep *) g_ptr_array_index (trail, 5))->signed_on, ==, "2024-09-05");
}

/* The notice's period, in working days; its end may still lie ahead. */
static void
test_notice_period (Office        *office,
                    gconstpointer  data)
{
  const UdWorkflowStep *notice = ud_workflow_find_step (ud_kind_illness_application.workflow, "notice");
  const char *too_short[] = { "2024-09-20", "2024-09-25", NULL };
  g_autoptr(GError) error = NULL;
  UdStepInput input = { { NULL } };
  GDate from, end;

  g_date_set_dmy (&from, 20, G_DATE_SEPTEMBER, 2024);
  ud_workflow_notice_shortest_end (notice, &from, &end);
  g_assert_cmpint (g_date_get_day (&end), ==, 26);

  g_assert_true (take (office, "li", "submit", "同意申请。", "2024-09-02", &error));
  g_assert_true (take (office, "zhou", "review", "材料齐全。", NULL, &error));
  g_assert_no_error (error);

  input.values = too_short;
  as (office, "li");
  g_assert_false (ud_workflow_take (office->db, &ud_kind_illness_application, office->application,
                                    "notice", &input, NULL, &error));
  g_assert_error (error, UD_WORKFLOW_ERROR, UD_WORKFLOW_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Public notice to: a public notice lasts at least 5 working days; 2024-09-20 – 2024-09-25 has 4 "
                   "(Monday to Friday; public holidays are not counted out, check them yourself).");
}

/* The problems ud_database_check() finds, joined by lines. */
static char *
check_problems (Office *office)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_database_check (office->db, &problems, &error));
  g_assert_no_error (error);
  g_ptr_array_add (problems, NULL);
  return g_strjoinv ("\n", (char **) problems->pdata);
}

/* The trail is a hash chain, like the audit trail: a step changed or
 * removed behind UnionDesk's back is found. */
static void
test_trail_is_chained (Office        *office,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (office->dir, "office.db", NULL);
  g_autofree char *whole = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *removed = NULL;
  sqlite3 *raw = NULL;

  g_assert_true (take (office, "li", "submit", "情况属实，同意申请。", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (take (office, "zhou", "review", "材料齐全。", NULL, &error));
  g_assert_no_error (error);
  whole = check_problems (office);
  g_assert_cmpstr (whole, ==, "");
  /* Nothing gets in without its hash. */
  g_assert_cmpint (sqlite3_exec (ud_database_get_handle (office->db),
                                 "INSERT INTO workflow_step (uuid, district, hlc, updated_at, updated_by, record_kind,"
                                 " record_uuid, step, actor, at) VALUES ('x', '110118', 'h', 'now', 'x', 'k', 'u', 's', 'a', 'at')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_TRIGGER);

  /* An opinion rewritten with the protection dropped. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
                                 "DROP TRIGGER workflow_step_no_update;"
                                 "UPDATE workflow_step SET opinion = '不同意。' WHERE step = 'submit';"
                                 "CREATE TRIGGER workflow_step_no_update BEFORE UPDATE ON workflow_step"
                                 " BEGIN SELECT RAISE (ABORT, 'the workflow trail cannot be changed'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  changed = check_problems (office);
  g_assert_nonnull (strstr (changed, "Step of a workflow: row 2 was changed or forged: it does not match its hash"));

  /* A step removed. */
  g_assert_cmpint (sqlite3_exec (raw,
                                 "DROP TRIGGER workflow_step_no_delete;"
                                 "DELETE FROM workflow_step WHERE id = 2;"
                                 "CREATE TRIGGER workflow_step_no_delete BEFORE DELETE ON workflow_step"
                                 " BEGIN SELECT RAISE (ABORT, 'the workflow trail cannot be changed'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  removed = check_problems (office);
  g_assert_nonnull (strstr (removed, "Step of a workflow: rows 2 to 2 are missing: they were deleted"));
}

/* The overview's "waiting for your step": an application counts for an
 * account only when it may take a step that moves it on — not for the
 * approver who created it (separation of duties), nor for one who may
 * only record its notice. */
static gint64
waiting_for (Office       *office,
             const char   *account,
             gboolean     *listed)
{
  UdReportScope scope = { 2024, 0, 0, NULL };
  g_autoptr(UdReport) report = NULL;
  g_autoptr(GError) error = NULL;

  as (office, account);
  report = ud_report_compute (office->db, &scope, TRUE, NULL, &error);
  g_assert_no_error (error);
  *listed = FALSE;
  for (guint i = 0; i < report->work->len; i++)
    {
      UdReportWork *work = g_ptr_array_index (report->work, i);

      if (g_str_equal (work->id, "illness_application_waiting"))
        {
          *listed = work->link != NULL;
          return work->count;
        }
    }

  return 0;
}

static void
test_waiting_keeps_duties (Office        *office,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean listed;

  /* A draft: sun and li, who create applications, may submit it. */
  g_assert_cmpint (waiting_for (office, "sun", &listed), ==, 1);
  g_assert_cmpint (waiting_for (office, "li", &listed), ==, 1);
  g_assert_cmpint (waiting_for (office, "wang", &listed), ==, 0);

  g_assert_true (take (office, "li", "submit", "情况属实，同意申请。", "2024-09-02", &error));
  g_assert_no_error (error);
  /* Submitted: the reviewer reviews; an approver may reject it — but
   * not sun, who created it. */
  g_assert_cmpint (waiting_for (office, "zhou", &listed), ==, 1);
  /* Hers is one state: its list is the figure's. */
  g_assert_true (listed);
  g_assert_cmpint (waiting_for (office, "wang", &listed), ==, 1);
  g_assert_cmpint (waiting_for (office, "sun", &listed), ==, 0);
  g_assert_cmpint (waiting_for (office, "li", &listed), ==, 0);

  g_assert_true (take (office, "zhou", "review", "材料齐全。", NULL, &error));
  g_assert_no_error (error);
  /* Reviewed: wang decides; sun may not (she created it), though her
   * permission to approve would have counted it before. */
  g_assert_cmpint (waiting_for (office, "wang", &listed), ==, 1);
  g_assert_cmpint (waiting_for (office, "sun", &listed), ==, 0);
  g_assert_cmpint (waiting_for (office, "zhou", &listed), ==, 0);

  /* One who reviews and approves reviews a second application: another
   * approver must decide that one, so only the first waits for him. */
  {
    g_autoptr(UdSession) admin = ud_account_authenticate (office->db, "admin", "office-admin-1", &error);

    g_assert_no_error (error);
    ud_database_set_session (office->db, admin);
    ud_account_create (office->db, "qian", "钱伟", UD_ROLE_REVIEWER | UD_ROLE_APPROVER, "password-of-staff", &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (waiting_for (office, "qian", &listed), ==, 1);
  office->application = new_application (office, "王建华", "110228198001010016");
  g_assert_true (take (office, "li", "submit", "情况属实。", "2024-09-03", &error));
  g_assert_no_error (error);
  g_assert_true (take (office, "qian", "review", "材料齐全。", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (waiting_for (office, "wang", &listed), ==, 2);
  g_assert_cmpint (waiting_for (office, "qian", &listed), ==, 1);
  g_assert_cmpint (waiting_for (office, "sun", &listed), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

#define ADD(path, func) g_test_add (path, Office, NULL, office_set_up, func, office_tear_down)
  ADD ("/workflow/steps-for-accounts", test_steps_for_accounts);
  ADD ("/workflow/dates-in-order", test_dates_in_order);
  ADD ("/workflow/notice-period", test_notice_period);
  ADD ("/workflow/trail-is-chained", test_trail_is_chained);
  ADD ("/workflow/waiting-keeps-duties", test_waiting_keeps_duties);
#undef ADD

  return g_test_run ();
}
