/* ud-illness-kind.c — what a serious-illness relief application is
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-illness-kind"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-illness-kind.h"
#include "ud-illness-documents.h"
#include "ud-illness-workflow.h"
#include "ud-money.h"
#include "ud-validate.h"

#define ALIASES(...) UD_STRV (__VA_ARGS__)

/* Serious-illness relief applications.  Relations and statuses are the
 * codes the relief rules and the workflow use; the csv spellings are what
 * the printed form and the office's paper registers say. */
static const UdChoice relation_choices[] = {
  { "self",   N_("The member"), "本人", ALIASES ("member", "职工本人", "会员本人") },
  { "spouse", N_("Spouse"),     "配偶", ALIASES ("husband", "wife", "丈夫", "妻子") },
  { "child",  N_("Child"),      "子女", ALIASES ("son", "daughter", "儿子", "女儿") },
  { "parent", N_("Parent"),     "父母", ALIASES ("father", "mother", "父亲", "母亲") },
};

/* Ordered from the highest grade down: the store compares positions
 * (a diagnosis must come from grade 2 or above, DOMAIN §3). */
static const UdChoice hospital_grade_choices[] = {
  { "grade3a",  N_("Grade 3A"),  "三级甲等", ALIASES ("3a", "三甲") },
  { "grade3b",  N_("Grade 3B"),  "三级乙等", ALIASES ("3b", "三乙") },
  { "grade3",   N_("Grade 3"),   "三级",     ALIASES ("3", "三级医院") },
  { "grade2a",  N_("Grade 2A"),  "二级甲等", ALIASES ("2a", "二甲") },
  { "grade2b",  N_("Grade 2B"),  "二级乙等", ALIASES ("2b", "二乙") },
  { "grade2",   N_("Grade 2"),   "二级",     ALIASES ("2", "二级医院") },
  { "grade1",   N_("Grade 1"),   "一级",     ALIASES ("1", "一级医院", "一级甲等", "一级乙等") },
  { "ungraded", N_("Ungraded"),  "未定级",   ALIASES ("none", "无等级") },
};

static const UdChoice yes_no_choices[] = {
  { "yes", N_("Yes"), "是", ALIASES ("true", "y", "1") },
  { "no",  N_("No"),  "否", ALIASES ("false", "n", "0") },
};

static const UdChoice application_status_choices[] = {
  { "draft",     N_("Draft"),     "草稿",   NULL },
  { "submitted", N_("Submitted"), "已提交", NULL },
  { "reviewed",  N_("Reviewed"),  "已审核", NULL },
  { "approved",  N_("Approved"),  "已批准", NULL },
  { "rejected",  N_("Rejected"),  "未批准", NULL },
  { "paid",      N_("Paid"),      "已发放", NULL },
};

static const UdChoice payment_method_choices[] = {
  { "jingka", N_("Jingka card transfer"), "京卡转账",         ALIASES ("京卡", "互助服务卡") },
  { "bank",   N_("Bank transfer"),        "银行转账",         ALIASES ("bank transfer", "银行") },
  { "cash",   N_("Cash, signed for"),     "现金（本人签收）", ALIASES ("现金") },
};

/* The eligibility rules an application may fail (UdReliefQuote.failed). */
static const UdChoice failed_rule_choices[] = {
  { "member_inactive",           N_("Not an active member"),               "非在册会员",         NULL },
  { "relation_not_allowed",      N_("Relation not covered"),               "亲属关系不在救助范围", NULL },
  { "disease_not_listed",        N_("Disease not in the catalogue"),       "病种不在目录内",     NULL },
  { "self_paid_below_threshold", N_("Self-paid cost below the threshold"), "自付费用未达起付线", NULL },
  { "relief_within_12_months",   N_("Relief within the last 12 months"),   "12个月内已获救助",   NULL },
};

#define APP_TYPED    (UD_FIELD_SYNCED | UD_FIELD_CSV)
#define APP_DERIVED  (UD_FIELD_SYNCED | UD_FIELD_DERIVED)

/* The member who applies, by uuid. */
static const UdReference member_reference = {
  .kind = "member",
  .style = UD_REFERENCE_UUID,
};

static const UdField illness_application_fields[] = {
  /* Who and when */
  { "serial", UD_FIELD_TEXT, N_("Serial number"), "编号", ALIASES ("serial"),
    APP_DERIVED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 20 },
  { "member_uuid", UD_FIELD_REFERENCE, N_("Member"), "会员", ALIASES ("member_uuid"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &member_reference },
  { "member_name", UD_FIELD_TEXT, N_("Name"), "姓名", ALIASES ("member_name"),
    APP_DERIVED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_SEARCH,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8 },
  { "id_number", UD_FIELD_ID_NUMBER, N_("ID number"), "身份证号", ALIASES ("id_number"),
    APP_DERIVED,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 18, 18 },
  { "fund_year", UD_FIELD_INT, N_("Fund year"), "年度", ALIASES ("fund_year"),
    APP_DERIVED | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 4, 6 },
  { "application_date", UD_FIELD_DATE, N_("Application date"), "申请日期", ALIASES ("application_date", "date"),
    APP_TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },

  /* The illness */
  { "patient_name", UD_FIELD_TEXT, N_("Patient"), "患者姓名", ALIASES ("patient_name", "患者"),
    APP_TYPED | UD_FIELD_SEARCH,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8 },
  { "relation", UD_FIELD_CHOICE, N_("Patient's relation to the member"), "与会员关系", ALIASES ("relation", "关系"),
    APP_TYPED | UD_FIELD_REQUIRED,
    UD_SENSITIVITY_NONE, relation_choices, G_N_ELEMENTS (relation_choices), 0, 8, "self" },
  { "disease", UD_FIELD_TEXT, N_("Disease"), "疾病编码", ALIASES ("disease", "疾病"),
    APP_TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 10, 6 },
  { "hospital", UD_FIELD_TEXT, N_("Hospital"), "就诊医院", ALIASES ("hospital", "医院"),
    APP_TYPED,
    UD_SENSITIVITY_NONE, NULL, 0, 100, 20 },
  { "hospital_grade", UD_FIELD_CHOICE, N_("Hospital grade"), "医院等级", ALIASES ("hospital_grade"),
    APP_TYPED,
    UD_SENSITIVITY_NONE, hospital_grade_choices, G_N_ELEMENTS (hospital_grade_choices), 0, 8 },
  { "diagnosis_date", UD_FIELD_DATE, N_("Diagnosis date"), "确诊日期", ALIASES ("diagnosis_date"),
    APP_TYPED | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "treatment_from", UD_FIELD_DATE, N_("Treatment from"), "治疗开始日期", ALIASES ("treatment_from"),
    APP_TYPED,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "treatment_to", UD_FIELD_DATE, N_("Treatment to"), "治疗结束日期", ALIASES ("treatment_to"),
    APP_TYPED,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },

  /* Costs over the 12 months before the application date */
  { "total", UD_FIELD_MONEY, N_("Total medical cost"), "医疗总费用", ALIASES ("total"),
    APP_TYPED | UD_FIELD_REQUIRED,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 12 },
  { "insurance", UD_FIELD_MONEY, N_("Basic medical insurance"), "基本医疗保险", ALIASES ("insurance", "医保统筹"),
    APP_TYPED,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 12, "0" },
  { "government_aid", UD_FIELD_MONEY, N_("Government medical aid"), "政府医疗救助", ALIASES ("government_aid"),
    APP_TYPED,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 12, "0" },
  { "mutual_aid", UD_FIELD_MONEY, N_("Union mutual aid"), "职工互助保障", ALIASES ("mutual_aid", "互助保障"),
    APP_TYPED,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 12, "0" },
  { "other", UD_FIELD_MONEY, N_("Commercial or other insurance"), "商业保险等", ALIASES ("other", "商业保险"),
    APP_TYPED,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 12, "0" },

  /* The household */
  { "household_size", UD_FIELD_INT, N_("Household size"), "家庭人口", ALIASES ("household_size"),
    APP_TYPED | UD_FIELD_REQUIRED,
    UD_SENSITIVITY_NONE, NULL, 0, 2, 4 },
  { "household_income", UD_FIELD_MONEY, N_("Household income, last 12 months"), "家庭年收入", ALIASES ("household_income", "income_12m"),
    APP_TYPED | UD_FIELD_REQUIRED,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 0, 12 },
  { "archived", UD_FIELD_CHOICE, N_("Archived hardship household"), "困难职工在档", ALIASES ("archived", "在档"),
    APP_TYPED,
    UD_SENSITIVITY_NONE, yes_no_choices, G_N_ELEMENTS (yes_no_choices), 0, 4, "no" },
  { "documents", UD_FIELD_CHOICE, N_("Documents received"), "已收材料", ALIASES ("documents"),
    APP_TYPED | UD_FIELD_MULTILINE | UD_FIELD_SET,
    UD_SENSITIVITY_NONE, _ud_illness_document_choices, _UD_ILLNESS_N_DOCUMENTS, 0, 16 },
  { "notes", UD_FIELD_TEXT, N_("Notes"), "备注", ALIASES ("notes"),
    APP_TYPED | UD_FIELD_MULTILINE,
    UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },

  /* What the rules suggest */
  { "self_paid", UD_FIELD_MONEY, N_("Self-paid cost"), "个人自付", ALIASES ("self_paid"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 12 },
  { "low_income_line", UD_FIELD_MONEY, N_("Low-income line"), "低保标准", ALIASES ("low_income_line"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 10 },
  { "tier", UD_FIELD_INT, N_("Tier"), "救助档次", ALIASES ("tier"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 2, 4 },
  { "suggested_amount", UD_FIELD_MONEY, N_("Suggested amount"), "建议金额", ALIASES ("suggested_amount"),
    APP_DERIVED | UD_FIELD_LIST | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 10 },
  { "failed_rules", UD_FIELD_CHOICE, N_("Eligibility rules not met"), "不符合条件", ALIASES ("failed_rules"),
    APP_DERIVED | UD_FIELD_SET,
    UD_SENSITIVITY_NONE, failed_rule_choices, G_N_ELEMENTS (failed_rule_choices), 0, 16 },
  { "reasons", UD_FIELD_TEXT, N_("Reasons"), "计算依据", ALIASES ("reasons"),
    APP_DERIVED | UD_FIELD_MULTILINE,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 24 },
  { "rules_version", UD_FIELD_TEXT, N_("Rules version"), "规则版本", ALIASES ("rules_version"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 8 },
  { "diseases_version", UD_FIELD_TEXT, N_("Disease catalogue version"), "疾病目录版本", ALIASES ("diseases_version"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 8 },
  { "low_income_version", UD_FIELD_TEXT, N_("Low-income line version"), "低保标准版本", ALIASES ("low_income_version"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 8 },

  /* The workflow (DESIGN §4) */
  { "status", UD_FIELD_CHOICE, N_("Status"), "状态", ALIASES ("status"),
    APP_DERIVED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, application_status_choices, G_N_ELEMENTS (application_status_choices), 0, 8, "draft" },
  { "status_note", UD_FIELD_TEXT, N_("Why returned or rejected"), "退回或不予救助理由", ALIASES ("status_note"),
    APP_DERIVED | UD_FIELD_MULTILINE,
    UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
  { "created_by", UD_FIELD_TEXT, N_("Created by"), "经办人", ALIASES ("created_by"),
    APP_DERIVED | UD_FIELD_ACCOUNT,
    UD_SENSITIVITY_NONE, NULL, 0, 32, 8 },
  { "reviewed_by", UD_FIELD_TEXT, N_("Reviewed by"), "审核人", ALIASES ("reviewed_by"),
    APP_DERIVED | UD_FIELD_ACCOUNT,
    UD_SENSITIVITY_NONE, NULL, 0, 32, 8 },
  { "decided_by", UD_FIELD_TEXT, N_("Decided by"), "审批人", ALIASES ("decided_by"),
    APP_DERIVED | UD_FIELD_ACCOUNT,
    UD_SENSITIVITY_NONE, NULL, 0, 32, 8 },
  { "decided_on", UD_FIELD_DATE, N_("Decided on"), "审批日期", ALIASES ("decided_on"),
    APP_DERIVED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "approved_amount", UD_FIELD_MONEY, N_("Approved amount"), "核定金额", ALIASES ("approved_amount"),
    APP_DERIVED | UD_FIELD_LIST | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 10 },
  { "amount_reason", UD_FIELD_TEXT, N_("Reason for another amount"), "调整理由", ALIASES ("amount_reason"),
    APP_DERIVED | UD_FIELD_MULTILINE,
    UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
  { "notice_from", UD_FIELD_DATE, N_("Public notice from"), "公示开始日期", ALIASES ("notice_from"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "notice_to", UD_FIELD_DATE, N_("Public notice to"), "公示结束日期", ALIASES ("notice_to"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "paid_on", UD_FIELD_DATE, N_("Paid on"), "发放日期", ALIASES ("paid_on"),
    APP_DERIVED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "payment_method", UD_FIELD_CHOICE, N_("Payment method"), "发放方式", ALIASES ("payment_method"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, payment_method_choices, G_N_ELEMENTS (payment_method_choices), 0, 10 },
  { "receipt_number", UD_FIELD_TEXT, N_("Receipt number"), "凭证号", ALIASES ("receipt_number"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 12 },
};

#undef APP_TYPED
#undef APP_DERIVED

static void
add_issue (UdRecord   *record,
           GPtrArray  *issues,
           const char *field,
           const char *code,
           char       *message)
{
  g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (record->kind, field), code, FALSE, "%s", message));
  g_free (message);
}

/* The checks across the fields of an application, once each field is
 * valid on its own. */
static void
application_validate (UdRecord  *record,
                      GPtrArray *issues,
                      gboolean   fields_ok)
{
  static const char * const parts[] = { "insurance", "government_aid", "mutual_aid", "other" };
  g_autofree char *disease = g_ascii_strup (ud_record_get (record, "disease"), -1);
  UdFen total = ud_record_get_int (record, "total");
  UdFen reimbursed = 0;
  GDate application_date;

  ud_record_set (record, "disease", disease);

  if (!fields_ok)
    return;

  if (ud_record_get_int (record, "household_size") < 1)
    add_issue (record, issues, "household_size", "out_of_range",
               g_strdup_printf (_("%s: a household has at least one person"), ud_kind_get_field_label (record->kind, "household_size")));

  /* Each part is at least 0; a sum past 64 bits is above any total. */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      UdFen part = ud_record_get_int (record, parts[i]);

      reimbursed = part > G_MAXINT64 - reimbursed ? G_MAXINT64 : reimbursed + part;
    }
  if (reimbursed > total)
    {
      g_autofree char *reimbursed_text = ud_money_format (reimbursed);
      g_autofree char *total_text = ud_money_format (total);

      add_issue (record, issues, "total", "reimbursed_above_total",
                 /* TRANSLATORS: a field label, then two amounts */
                 g_strdup_printf (_("%s: %s is less than insurance, government aid, mutual aid and other together (%s)"),
                                  ud_kind_get_field_label (record->kind, "total"), total_text, reimbursed_text));
    }

  if (ud_date_parse (ud_record_get (record, "application_date"), &application_date, NULL) &&
      *ud_record_get (record, "diagnosis_date") != '\0' &&
      g_strcmp0 (ud_record_get (record, "diagnosis_date"), ud_record_get (record, "application_date")) > 0)
    add_issue (record, issues, "diagnosis_date", "after_application",
               g_strdup_printf (_("%s: cannot be after the application date"), ud_kind_get_field_label (record->kind, "diagnosis_date")));

  if (*ud_record_get (record, "treatment_from") != '\0' && *ud_record_get (record, "treatment_to") != '\0' &&
      g_strcmp0 (ud_record_get (record, "treatment_from"), ud_record_get (record, "treatment_to")) > 0)
    add_issue (record, issues, "treatment_to", "before_start",
               g_strdup_printf (_("%s: cannot be before the treatment started"), ud_kind_get_field_label (record->kind, "treatment_to")));
}

static const UdKindHooks application_hooks = {
  .validate = application_validate,
  .received = _ud_illness_received,
};

const UdKind ud_kind_illness_application = {
  .name = "illness_application",
  .table = "illness_application",
  .label = N_("Serious-illness relief application"),
  .fields = illness_application_fields,
  .n_fields = G_N_ELEMENTS (illness_application_fields),
  .title_fields = UD_STRV ("serial", "member_name"),
  .sort_field = "serial",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_CREATE_APPLICATION,
  .delete_permission = UD_PERMISSION_CREATE_APPLICATION,
  .aid = &(const UdAidDescription) {
    .person_field = "id_number",
    /* Paid, else approved, else applied for. */
    .date_fields = UD_STRV ("paid_on", "decided_on", "application_date"),
    .state_field = "status",
    .granted_states = UD_STRV ("approved", "paid"),
  },
  .workflow = &_ud_illness_workflow,
  .hooks = &application_hooks,
};
