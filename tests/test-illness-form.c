/* test-illness-form.c — the serious-illness relief approval form on paper
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-illness-form"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "ud-core.h"
#include "ud-illness-form.h"
#include "ud-test-pdf.h"

#define A4_W 595.28
#define A4_H 841.89
#define MAX_PDF_SIZE (300 * 1024)

static const char *long_hospital =
  "北京市朝阳区某某街道社区卫生服务中心与首都医科大学附属北京朝阳医院医疗联合体京东院区肿瘤内科与放射治疗科联合病房";

static const char *long_opinion =
  "经街道总工会组织人员入户走访并与社区居委会核实，该职工确诊恶性肿瘤后先后三次住院化疗，"
  "期间自付医疗费用较高，配偶无固定工作，子女在校就读，家庭人均月收入低于本区最低生活保障标准，"
  "生活确有困难，所附诊断证明、出院小结、费用票据及医保结算单等材料齐全、真实有效，"
  "符合区级专项重大疾病救助条件，同意上报区总工会帮扶中心审核，并建议按规则上调两档给予救助。";

static void
fill_realistic (UdIllnessFormData *d)
{
  d->serial = g_strdup ("ILL-2024-000123");
  d->uuid = g_strdup ("0190f3a2-7c1e-7b3d-9a4f-2c8e5d6b1a70");
  d->application_date = g_strdup ("2024-03-05");
  d->fund = g_strdup ("北京市温暖基金区级专项");
  d->year = g_strdup ("2024");
  d->name = g_strdup ("王淑珍");
  d->sex = g_strdup ("女");
  d->birth_date = g_strdup ("1976-09-18");
  d->id_number = g_strdup ("110105197609180029");
  d->unit = g_strdup ("北京市朝阳区第三建筑工程有限公司");
  d->street = g_strdup ("朝阳区和平街街道");
  d->phone = g_strdup ("13911112222");
  /* A 京卡·互助服务卡 number: 19 digits. */
  d->card_number = g_strdup ("6217001049123100268");
  d->model_worker = g_strdup ("无");
  d->archived = FALSE;
  d->patient_name = g_strdup ("王淑珍");
  d->relation = g_strdup ("本人");
  d->disease_code = g_strdup ("D01");
  d->disease_name = g_strdup ("恶性肿瘤—重度");
  d->hospital = g_strdup ("首都医科大学附属北京朝阳医院");
  d->hospital_grade = g_strdup ("三级甲等");
  d->diagnosis_date = g_strdup ("2023-11-20");
  d->treatment_from = g_strdup ("2023-11-21");
  d->treatment_to = g_strdup ("2024-02-28");
  d->total = 18630000;
  d->insurance = 11250000;
  d->government_aid = 0;
  d->mutual_aid = 1250000;
  d->other = 500000;
  d->self_paid = 5630000;
  d->household_size = 3;
  d->household_income = 4680000;
  d->per_capita_monthly = 130000;
  d->low_income_line = 139500;
  d->tier = 4;
  d->suggested = 1200000;
  d->approved = 1200000;
  d->received_this_year = 0;
  d->rules_version = g_strdup ("2024-01");
  d->reasons = g_strdup ("个人自付 56,300.00 ≥ 50,000.00 → 5,000.00\n"
                         "人均月收入低于低保标准 → 上调两档 → 12,000.00");
  d->opinions[0].opinion = g_strdup ("情况属实，同意申请。");
  d->opinions[0].signer = g_strdup ("李建国");
  d->opinions[0].date = g_strdup ("2024-03-06");
  d->opinions[1].opinion = g_strdup ("经核实，同意上报。");
  d->opinions[1].signer = g_strdup ("赵敏");
  d->opinions[1].date = g_strdup ("2024-03-08");
  d->payment_method = g_strdup ("银行转账");
  d->notice_from = g_strdup ("2024-03-20");
  d->notice_to = g_strdup ("2024-03-26");
  d->documents = g_strdup ("id_copy,card_number,diagnosis,discharge,invoices,approval_form");
}

static guint
count_in (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + strlen (needle), needle))
    n++;

  return n;
}

static GBytes *
make_pdf (const UdIllnessFormData *data,
          guint                   *n_pages)
{
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *pdf;

  document = ud_illness_form_build (data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  *n_pages = ud_document_get_n_pages (document);

  pdf = ud_document_to_pdf (document, &error);
  g_assert_no_error (error);

  return pdf;
}

static void
test_realistic (void)
{
  g_auto(UdIllnessFormData) data = { 0 };
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *uri = NULL;
  GStatBuf st;
  gint64 start;

  fill_realistic (&data);

  start = g_get_monotonic_time ();
  document = ud_illness_form_build (&data, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ud_document_get_n_pages (document), ==, 1);

  dir = g_dir_make_tmp ("ud-illness-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "审批表.pdf", NULL);
  g_assert_true (ud_document_write_pdf (document, path, &error));
  g_assert_no_error (error);
  g_test_message ("first form (fonts loaded): %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("PDF: %" G_GINT64_FORMAT " bytes", (gint64) st.st_size);
  g_assert_cmpint (st.st_size, <=, MAX_PDF_SIZE);

  uri = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);
  poppler = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (poppler), ==, 1);

  text = test_pdf_page_text (poppler, 0);
  test_assert_contains (text, "重大疾病救助审批表");
  test_assert_contains (text, "北京市温暖基金区级专项 2024年度");
  test_assert_contains (text, "编号：ILL-2024-000123");
  test_assert_contains (text, "申请日期：2024年3月5日");
  test_assert_contains (text, "王淑珍");
  test_assert_contains (text, "110105197609180029");
  test_assert_contains (text, "恶性肿瘤—重度");
  test_assert_contains (text, "首都医科大学附属北京朝阳医院");
  test_assert_contains (text, "186,300.00");
  test_assert_contains (text, "56,300.00");
  test_assert_contains (text, "12,000.00");
  test_assert_contains (text, "人民币（大写）壹万贰仟元整");
  test_assert_contains (text, "基层工会意见");
  test_assert_contains (text, "情况属实，同意申请。");
  /* poppler orders words in columns its own way: the signer on its own. */
  test_assert_contains (text, "签字：");
  test_assert_contains (text, "李建国");
  test_assert_contains (text, "街道（乡镇）总工会意见");
  test_assert_contains (text, "区总工会帮扶中心审核意见");
  test_assert_contains (text, "区总工会审批意见");
  test_assert_contains (text, "2024年3月20日 至 2024年3月26日");
  test_assert_contains (text, "第 1 页 共 1 页");
  g_assert_null (strstr (text, "(null)"));

  /* The card number on one line of its cell, the street of the unit, the
   * suggestion in capitals, the approved amount once. */
  test_pdf_assert_one_line (poppler, 0, "会员卡号6217001049123100268");
  test_assert_contains (text, "所属街道朝阳区和平街街道");
  test_assert_contains (text, "建议金额人民币（大写）壹万贰仟元整");
  test_assert_contains (text, "￥12,000.00");
  test_assert_contains (text, "核定金额人民币（大写）壹万贰仟元整");
  test_assert_contains (text, "￥12,000.00");
  g_assert_cmpuint (count_in (text, "核定金额"), ==, 1);
  g_assert_cmpuint (count_in (text, "困难职工在档"), ==, 1);
  /* What was handed in, what is missing, the applicant's declaration and
   * signature line. */
  test_assert_contains (text, "所附材料已附：身份证复印件、互助服务卡号、二级以上医院诊断证明、"
                              "出院小结或病理报告、医疗费用票据及医保结算单、本表（签字）；未附：银行卡");
  g_assert_null (strstr (text, "与会员关系证明"));
  test_assert_contains (text, "申请人声明本人承诺所填情况及所附材料真实完整，"
                              "如有虚假，愿承担责任并退还救助金。申请人签字：日期：年月日");
  /* Opinions on one line beside the seal's circle. */
  test_pdf_assert_one_line (poppler, 0, "情况属实，同意申请。");
  test_pdf_assert_one_line (poppler, 0, "经核实，同意上报。");

  test_pdf_assert_page_size (poppler, A4_W, A4_H);
  test_pdf_assert_fonts_embedded (poppler);
  test_pdf_assert_no_overlap (poppler, 0);
  test_pdf_assert_qr (poppler, 0, 210 - 15 - 20, 12, 20,
                      "uniondesk:illness:0190f3a2-7c1e-7b3d-9a4f-2c8e5d6b1a70:ILL-2024-000123");
  g_assert_cmpstr (poppler_document_get_creator (poppler), ==, "UnionDesk");
  g_assert_cmpstr (poppler_document_get_title (poppler), ==, "重大疾病救助审批表 ILL-2024-000123");

  g_unlink (path);
  g_rmdir (dir);
}

/* A form printed before anything is known is blank, to be filled by hand. */
static void
test_blank (void)
{
  g_auto(UdIllnessFormData) data = { 0 };
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  g_autofree char *text = NULL;
  guint n_pages;

  data.total = data.insurance = data.government_aid = UD_ILLNESS_FORM_NO_AMOUNT;
  data.mutual_aid = data.other = data.self_paid = UD_ILLNESS_FORM_NO_AMOUNT;
  data.household_income = data.per_capita_monthly = UD_ILLNESS_FORM_NO_AMOUNT;
  data.received_this_year = UD_ILLNESS_FORM_NO_AMOUNT;

  pdf = make_pdf (&data, &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  poppler = test_pdf_open (pdf);
  text = test_pdf_page_text (poppler, 0);

  test_assert_contains (text, "重大疾病救助审批表");
  test_assert_contains (text, "姓名");
  test_assert_contains (text, "身份证号");
  test_assert_contains (text, "申请日期：年月日");
  g_assert_null (strstr (text, "(null)"));
  g_assert_null (strstr (text, "0.00"));
  g_assert_null (strstr (text, "编号"));
  /* The amounts to be written in: capitals and figures. */
  test_assert_contains (text, "建议金额人民币（大写）￥");
  test_assert_contains (text, "核定金额人民币（大写）￥");
  /* Nothing received yet: every document of the member's checklist is
   * missing; the declaration is there to be signed. */
  test_assert_contains (text, "已附：无；未附：身份证复印件");
  test_assert_contains (text, "申请人签字：");
  test_pdf_assert_no_overlap (poppler, 0);
}

/* Long texts: nothing is cut, nothing overlaps, at most two pages. */
static void
test_long_texts (void)
{
  g_auto(UdIllnessFormData) data = { 0 };
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  g_autofree char *page1 = NULL;
  g_autofree char *page2 = NULL;
  guint n_pages;

  fill_realistic (&data);
  g_free (data.hospital);
  data.hospital = g_strdup (long_hospital);
  g_assert_cmpint (g_utf8_strlen (long_hospital, -1), >=, 55);

  /* A 60-character hospital alone still fits one page. */
  pdf = make_pdf (&data, &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  poppler = test_pdf_open (pdf);
  page1 = test_pdf_page_text (poppler, 0);
  test_assert_contains (page1, long_hospital);
  test_pdf_assert_no_overlap (poppler, 0);
  g_clear_object (&poppler);
  g_clear_pointer (&pdf, g_bytes_unref);
  g_clear_pointer (&page1, g_free);

  /* Long opinions move the opinion blocks to page 2, header repeated. */
  for (guint i = 0; i < G_N_ELEMENTS (data.opinions); i++)
    {
      g_free (data.opinions[i].opinion);
      data.opinions[i].opinion = g_strdup (long_opinion);
    }
  g_free (data.reasons);
  data.reasons = g_strdup ("个人自付 56,300.00 ≥ 50,000.00 → 5,000.00\n"
                           "人均月收入低于低保标准 → 上调两档 → 12,000.00\n"
                           "家庭为在档困难职工家庭，本年度未获重大疾病救助\n"
                           "疾病属于区级目录 D01 恶性肿瘤—重度，确诊医院为三级甲等医院");

  /* Another amount, with the approver's reason under the rules' own. */
  data.approved = 1000000;
  data.approved_reason = g_strdup ("本年度基金余额不足");

  pdf = make_pdf (&data, &n_pages);
  g_assert_cmpuint (n_pages, ==, 2);
  poppler = test_pdf_open (pdf);
  page1 = test_pdf_page_text (poppler, 0);
  page2 = test_pdf_page_text (poppler, 1);

  test_assert_contains (page1, long_hospital);
  test_assert_contains (page1, "疾病属于区级目录 D01 恶性肿瘤—重度，确诊医院为三级甲等医院调整理由：本年度基金余额不足");
  test_assert_contains (page1, "核定金额人民币（大写）壹万元整");
  test_assert_contains (page1, "￥10,000.00");
  g_assert_null (strstr (page1, "基层工会意见"));
  g_assert_null (strstr (page1, "…"));

  test_assert_contains (page2, "重大疾病救助审批表");
  test_assert_contains (page2, "编号：ILL-2024-000123");
  test_assert_contains (page2, "基层工会意见");
  test_assert_contains (page2, "区总工会审批意见");
  test_assert_contains (page2, long_opinion);
  test_assert_contains (page2, "第 2 页 共 2 页");
  g_assert_null (strstr (page2, "…"));

  test_pdf_assert_no_overlap (poppler, 0);
  test_pdf_assert_no_overlap (poppler, 1);
  test_pdf_assert_page_size (poppler, A4_W, A4_H);
  test_pdf_assert_qr (poppler, 1, 210 - 15 - 20, 12, 20,
                      "uniondesk:illness:0190f3a2-7c1e-7b3d-9a4f-2c8e5d6b1a70:ILL-2024-000123");
  g_assert_cmpuint (g_bytes_get_size (pdf), <=, MAX_PDF_SIZE);
}

static void
test_bench (void)
{
  gsize size = 0;
  double ms = ud_illness_form_bench (10, &size);

  g_test_message ("one form to PDF: %.1f ms (budget 50 ms), %" G_GSIZE_FORMAT " bytes", ms, size);
  g_assert_cmpfloat (ms, >, 0);
  g_assert_cmpuint (size, >, 0);
  g_assert_cmpuint (size, <=, MAX_PDF_SIZE);
}

int
main (int   argc,
      char *argv[])
{
  /* Messages about Chinese text print readably. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

  g_test_add_func ("/illness-form/realistic", test_realistic);
  g_test_add_func ("/illness-form/blank", test_blank);
  g_test_add_func ("/illness-form/long-texts", test_long_texts);
  g_test_add_func ("/illness-form/bench", test_bench);

  return g_test_run ();
}
