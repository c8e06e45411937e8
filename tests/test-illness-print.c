/* test-illness-print.c — the approval form of a stored application, read back from the PDF
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-illness-print"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "ud-core.h"
#include "ud-account.h"
#include "ud-fund.h"
#include "ud-illness-print.h"
#include "ud-illness-store.h"
#include "ud-member-store.h"
#include "ud-permission.h"
#include "ud-test-pdf.h"

#define A4_W 595.28
#define A4_H 841.89
#define MAX_PDF_SIZE (300 * 1024)

typedef struct
{
  UdDatabase *db;
  char       *dir;
  GHashTable *sessions;
  UdRecord   *member;
  UdRecord   *application;
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
      session = ud_account_authenticate (office->db, username,
                                         g_str_equal (username, "admin") ? "office-admin-1" : "password-of-staff",
                                         &error);
      g_assert_no_error (error);
      g_hash_table_insert (office->sessions, g_strdup (username), session);
    }
  ud_database_set_session (office->db, session);
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

/* An office with one member whose application went all the way: the
 * DESIGN §10 example, approved at the suggested 8,000.00 and paid. */
static void
office_set_up (Office        *office,
               gconstpointer  data)
{
  const struct { const char *name; const char *display; UdRole roles; } staff[] = {
    { "li",   "李明",   UD_ROLE_CLERK },
    { "zhou", "周芳",   UD_ROLE_REVIEWER },
    { "wang", "王建华", UD_ROLE_APPROVER },
  };
  UdIllnessOpinion union_opinion = { "情况属实，同意申请。", "李建国", "2024-09-02" };
  UdIllnessOpinion street = { "经核实，同意上报。", "赵敏", "2024-09-03" };
  UdIllnessOpinion review = { "材料齐全，符合救助条件。", NULL, "2024-09-05" };
  UdIllnessOpinion approval = { "同意按建议金额救助。", NULL, "2024-09-10" };
  UdIllnessPayment payment = { NULL, "jingka", "JK20240920001" };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  UdRecord *app;

  office->dir = g_dir_make_tmp ("ud-illness-print-XXXXXX", NULL);
  office->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) ud_session_unref);
  path = g_build_filename (office->dir, "office.db", NULL);
  office->db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_account_initialize_office (office->db, "110118", "密云区总工会", "admin", "王主任", "office-admin-1", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      ud_account_create (office->db, staff[i].name, staff[i].display, staff[i].roles, "password-of-staff", &error);
      g_assert_no_error (error);
    }
  ud_database_set_sign_in_required (office->db, TRUE);

  office->member = ud_record_new (&ud_kind_member);
  ud_record_set (office->member, "name", "朱明敏");
  ud_record_set (office->member, "id_number", "11010519491231002X");
  ud_record_set (office->member, "phone", "13800138000");
  ud_record_set (office->member, "card_number", "6217001049123100268");
  ud_record_set (office->member, "unit", "北京密云建材有限公司");
  ud_record_set (office->member, "model_worker", "区级劳动模范");
  as (office, "li");
  ud_member_store_save (office->db, office->member, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ud_database_exec (office->db, "UPDATE unit SET street = '鼓楼街道'", &error));

  app = office->application = ud_illness_application_new (office->member);
  ud_record_set (app, "application_date", "2024-09-01");
  ud_record_set (app, "disease", "D01");
  ud_record_set (app, "hospital", "首都医科大学附属北京朝阳医院");
  ud_record_set (app, "hospital_grade", "grade3a");
  ud_record_set (app, "diagnosis_date", "2024-06-12");
  ud_record_set (app, "treatment_from", "2024-06-13");
  ud_record_set (app, "treatment_to", "2024-08-20");
  ud_record_set (app, "total", "15630000");
  ud_record_set (app, "insurance", "8000000");
  ud_record_set (app, "mutual_aid", "1000000");
  ud_record_set (app, "household_size", "3");
  ud_record_set (app, "household_income", "6000000");
  ud_record_set (app, "documents", "id_copy,card_number,bank_card,diagnosis,discharge,invoices,approval_form");
  g_assert_true (ud_illness_store_save (office->db, app, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ud_illness_store_submit (office->db, app->id, &union_opinion, &error));
  g_assert_no_error (error);

  as (office, "zhou");
  g_assert_true (ud_illness_store_review (office->db, app->id, &street, &review, &error));
  g_assert_no_error (error);

  as (office, "admin");
  g_assert_true (ud_fund_set_budget (office->db, 2024, 30000000, &error));
  g_assert_no_error (error);

  as (office, "wang");
  g_assert_true (ud_illness_store_approve (office->db, app->id, -1, NULL, &approval, &error));
  g_assert_no_error (error);

  today = g_date_time_format (now, "%Y-%m-%d");
  payment.paid_on = today;
  as (office, "li");
  g_assert_true (ud_illness_store_record_notice (office->db, app->id, "2024-09-12", "2024-09-18", &error));
  g_assert_no_error (error);
  g_assert_true (ud_illness_store_record_payment (office->db, app->id, &payment, &error));
  g_assert_no_error (error);

  office->application = ud_illness_store_get (office->db, app->id, &error);
  g_assert_no_error (error);
  ud_record_unref (app);
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
  g_clear_pointer (&office->member, ud_record_unref);
  g_clear_pointer (&office->application, ud_record_unref);
  remove_dir (office->dir);
  g_free (office->dir);
}

static void
test_form_data_from_records (Office        *office,
                             gconstpointer  data)
{
  g_auto(UdIllnessFormData) form = { 0, };
  g_autoptr(GError) error = NULL;

  as (office, "zhou");
  g_assert_true (ud_illness_print_fill (office->db, office->application, &form, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (form.serial, ==, "大病-110118-2024-01-0001");
  g_assert_cmpstr (form.uuid, ==, office->application->uuid);
  g_assert_cmpstr (form.year, ==, "2024");
  g_assert_cmpstr (form.fund, ==, UD_ILLNESS_FUND_NAME);
  g_assert_cmpstr (form.name, ==, "朱明敏");
  g_assert_cmpstr (form.sex, ==, "女");
  g_assert_cmpstr (form.birth_date, ==, "1949-12-31");
  g_assert_cmpstr (form.street, ==, "鼓楼街道");
  g_assert_cmpstr (form.model_worker, ==, "区级劳动模范");
  g_assert_false (form.archived);
  g_assert_cmpstr (form.patient_name, ==, "朱明敏");
  g_assert_cmpstr (form.relation, ==, "本人");
  g_assert_cmpstr (form.disease_name, ==, "恶性肿瘤—重度");
  g_assert_cmpstr (form.hospital_grade, ==, "三级甲等");
  g_assert_cmpint (form.self_paid, ==, 6630000);
  g_assert_cmpint (form.government_aid, ==, 0);
  g_assert_cmpint (form.per_capita_monthly, ==, 166666);
  g_assert_cmpint (form.low_income_line, ==, 145000);
  g_assert_cmpuint (form.tier, ==, 3);
  g_assert_cmpint (form.suggested, ==, 800000);
  g_assert_cmpint (form.approved, ==, 800000);
  g_assert_cmpint (form.received_this_year, ==, 0);
  g_assert_cmpstr (form.payment_method, ==, "京卡转账");
  g_assert_cmpstr (form.notice_to, ==, "2024-09-18");

  /* The four opinion blocks come from the trail. */
  g_assert_cmpstr (form.opinions[0].opinion, ==, "情况属实，同意申请。");
  g_assert_cmpstr (form.opinions[0].signer, ==, "李建国");
  g_assert_cmpstr (form.opinions[0].date, ==, "2024-09-02");
  g_assert_cmpstr (form.opinions[1].signer, ==, "赵敏");
  g_assert_cmpstr (form.opinions[2].opinion, ==, "材料齐全，符合救助条件。");
  g_assert_cmpstr (form.opinions[2].signer, ==, "周芳");
  g_assert_cmpstr (form.opinions[3].opinion, ==, "同意按建议金额救助。");
  g_assert_cmpstr (form.opinions[3].signer, ==, "王建华");
  g_assert_cmpstr (form.opinions[3].date, ==, "2024-09-10");
}

static void
test_pdf_read_back (Office        *office,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  g_autofree char *path = g_build_filename (office->dir, "审批表.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  g_autofree char *qr = NULL;
  GStatBuf st;

  as (office, "li");
  g_assert_true (ud_illness_print_write_pdf (office->db, office->application, path, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("PDF: %" G_GINT64_FORMAT " bytes", (gint64) st.st_size);
  g_assert_cmpint (st.st_size, <=, MAX_PDF_SIZE);
  /* Whole ID numbers and diagnoses: readable by the office account only. */
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  uri = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);
  poppler = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (poppler), ==, 1);

  text = test_pdf_page_text (poppler, 0);
  test_assert_contains (text, "重大疾病救助审批表");
  test_assert_contains (text, "北京市温暖基金区级专项 2024年度");
  test_assert_contains (text, "编号：大病-110118-2024-01-0001");
  test_assert_contains (text, "申请日期：2024年9月1日");
  test_assert_contains (text, "朱明敏");
  test_assert_contains (text, "11010519491231002X");
  test_assert_contains (text, "北京密云建材有限公司");
  /* The street of the member's unit, in its cell. */
  test_assert_contains (text, "所属街道鼓楼街道");
  test_assert_contains (text, "恶性肿瘤—重度");
  test_assert_contains (text, "D01");
  test_assert_contains (text, "首都医科大学附属北京朝阳医院");
  test_assert_contains (text, "156,300.00");
  test_assert_contains (text, "66,300.00");
  test_assert_contains (text, "8,000.00");
  /* The suggestion and the approved amount, each in capitals, once. */
  test_assert_contains (text, "建议金额人民币（大写）捌仟元整");
  test_assert_contains (text, "￥8,000.00");
  test_assert_contains (text, "核定金额人民币（大写）捌仟元整");
  test_assert_contains (text, "￥8,000.00");
  /* The documents the office received, and the applicant's declaration. */
  test_assert_contains (text, "所附材料已附：身份证复印件");
  test_assert_contains (text, "申请人签字：");
  test_assert_contains (text, "情况属实，同意申请。");
  test_assert_contains (text, "同意按建议金额救助。");
  test_assert_contains (text, "王建华");
  test_assert_contains (text, "2024年9月12日 至 2024年9月18日");
  test_assert_contains (text, "京卡转账");
  g_assert_null (strstr (text, "(null)"));

  test_pdf_assert_page_size (poppler, A4_W, A4_H);
  test_pdf_assert_fonts_embedded (poppler);
  test_pdf_assert_no_overlap (poppler, 0);
  qr = g_strdup_printf ("uniondesk:illness:%s:大病-110118-2024-01-0001", office->application->uuid);
  test_pdf_assert_qr (poppler, 0, 210 - 15 - 20, 12, 20, qr);

  /* The print is in the trail, under the application and its member. */
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM audit_log WHERE action = 'print' AND actor = 'li'"
                                          " AND kind IN ('illness_application', 'member')"), ==, 2);
}

static void
test_print_needs_permission (Office        *office,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (office->dir, "admin.pdf", NULL);

  /* The administrator runs the office; forms are the case workers'. */
  as (office, "admin");
  g_assert_false (ud_illness_print_write_pdf (office->db, office->application, path, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (office->db, "SELECT count (*) FROM audit_log WHERE action = 'print'"), ==, 0);
}

/* A draft prints with blanks to be filled in by hand. */
static void
test_draft_prints_blanks (Office        *office,
                          gconstpointer  data)
{
  g_autoptr(UdRecord) draft = ud_illness_application_new (office->member);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  g_autofree char *text = NULL;

  ud_record_set (draft, "application_date", "2024-10-08");
  ud_record_set (draft, "relation", "spouse");
  ud_record_set (draft, "patient_name", "张强");
  ud_record_set (draft, "disease", "D99");
  ud_record_set (draft, "total", "3000000");
  ud_record_set (draft, "household_size", "2");
  ud_record_set (draft, "household_income", "4000000");
  as (office, "li");
  g_assert_true (ud_illness_store_save (office->db, draft, NULL, &error));
  g_assert_no_error (error);

  document = ud_illness_print_build (office->db, draft, &error);
  g_assert_no_error (error);
  pdf = ud_document_to_pdf (document, &error);
  g_assert_no_error (error);
  poppler = test_pdf_open (pdf);
  text = test_pdf_page_text (poppler, 0);

  test_assert_contains (text, "编号：大病-110118-2024-01-0002");
  test_assert_contains (text, "张强");
  test_assert_contains (text, "配偶");
  /* The first relief of the year is on the other form. */
  test_assert_contains (text, "本年已获救助8,000.00");
  /* No amount decided: the lines to write it in; the proof of kinship a
   * spouse's application needs is among the documents not received. */
  test_assert_contains (text, "核定金额人民币（大写）￥");
  g_assert_null (strstr (text, "人民币（大写）捌"));
  test_assert_contains (text, "与会员关系证明");
  g_assert_null (strstr (text, "同意按建议金额救助"));
  g_assert_null (strstr (text, "(null)"));
  test_pdf_assert_no_overlap (poppler, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

#define ADD(path, func) g_test_add ("/illness-print/" path, Office, NULL, office_set_up, func, office_tear_down)
  ADD ("form-data-from-records", test_form_data_from_records);
  ADD ("pdf-read-back", test_pdf_read_back);
  ADD ("print-needs-permission", test_print_needs_permission);
  ADD ("draft-prints-blanks", test_draft_prints_blanks);
#undef ADD

  return g_test_run ();
}
