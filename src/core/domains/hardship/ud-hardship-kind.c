/* ud-hardship-kind.c — what a hardship archive, a household member and a visit are
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-hardship-kind"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-hardship-kind.h"
#include "ud-hardship-private.h"
#include "ud-hardship-workflow.h"
#include "ud-idcard.h"
#include "ud-record.h"
#include "ud-validate.h"

#define ALIASES(...) UD_STRV (__VA_ARGS__)

#define TYPED    (UD_FIELD_SYNCED | UD_FIELD_CSV)
#define DERIVED  (UD_FIELD_SYNCED | UD_FIELD_DERIVED)

static const UdChoice yes_no_choices[] = {
  { "yes", N_("Yes"), "是", ALIASES ("true", "y", "1", "有") },
  { "no",  N_("No"),  "否", ALIASES ("false", "n", "0", "无") },
};

static const UdChoice employment_choices[] = {
  { "urban",   N_("Urban worker"),   "城镇职工", ALIASES ("urban worker", "城镇", "在职") },
  { "migrant", N_("Migrant worker"), "农民工",   ALIASES ("migrant worker", "进城务工") },
};

static const UdChoice category_choices[] = {
  { "deep",     N_("Deep hardship"),     "深度困难", ALIASES ("深度") },
  { "relative", N_("Relative hardship"), "相对困难", ALIASES ("相对") },
  { "accident", N_("Hardship from an accident"), "意外致困", ALIASES ("意外") },
  { "none",     N_("Not eligible"),      "不符合条件", ALIASES ("不符合") },
};

/* DOMAIN §4: the causes, a main one and up to three others. */
static const UdChoice cause_choices[] = {
  { "no_work_ability",   N_("Unable to work"),                       "无劳动能力",       NULL },
  { "unemployed_able",   N_("Able to work but without a job"),       "有劳动能力未就业", NULL },
  { "laid_off",          N_("Laid off or unemployed"),               "下岗失业",         ALIASES ("失业", "下岗") },
  { "no_social_insurance", N_("Without social insurance"),           "未参加社保",       NULL },
  { "insurance_short",   N_("Social insurance benefits short"),      "社保待遇不到位",   NULL },
  { "serious_illness",   N_("Serious illness"),                      "患重特大疾病",     ALIASES ("大病", "重大疾病") },
  { "natural_disaster",  N_("Natural disaster"),                     "遭受自然灾害",     ALIASES ("自然灾害") },
  { "accident",          N_("Accident"),                             "遭受意外事故",     ALIASES ("意外事故") },
  { "schooling",         N_("Children's schooling"),                 "子女上学",         ALIASES ("上学") },
  { "other",             N_("Other cause"),                          "其他",             NULL },
};

static const UdChoice housing_choices[] = {
  { "owned",         N_("Own home"),            "自有住房", NULL },
  { "rented",        N_("Rented"),              "租房",     ALIASES ("租住") },
  { "public_rental", N_("Public rental"),       "公租房",   ALIASES ("廉租房") },
  { "relatives",     N_("Living with relatives"), "借住亲属", NULL },
  { "other",         N_("Other housing"),       "其他",     NULL },
};

static const UdChoice single_parent_choices[] = {
  { "no",     N_("Not a single parent"), "否",     NULL },
  { "father", N_("Single father"),       "单亲父亲", NULL },
  { "mother", N_("Single mother"),       "单亲母亲", NULL },
};

static const UdChoice evidence_choices[] = {
  { "id_copy",            N_("ID card copy"),                 "身份证复印件",   NULL },
  { "household_register", N_("Household register"),          "户口簿",         NULL },
  { "income_proof",       N_("Proof of income"),              "收入证明",       NULL },
  { "medical_bills",      N_("Medical bills"),                "医疗费用票据",   NULL },
  { "disability_card",    N_("Disability certificate"),       "残疾证",         NULL },
  { "unemployment_proof", N_("Proof of unemployment"),        "失业证明",       NULL },
  { "consent_form",       N_("Signed consent to the household-economy check"), "家庭经济状况核查授权书", NULL },
};

static const UdChoice failed_choices[] = {
  { "not_in_hardship",        N_("Not in hardship"),                       "未达困难标准",   NULL },
  { "migrant_under_one_year", N_("Migrant worker employed under a year"),  "农民工就业不满一年", NULL },
  { "two_homes",              N_("Two or more homes"),                     "拥有两套以上住房", NULL },
  { "employs_others",         N_("Owns a business employing others"),      "经营雇工企业",   NULL },
  { "private_school",         N_("Child at a high-fee private school or abroad"), "子女就读高收费私立学校或自费留学", NULL },
};

static const UdChoice status_choices[] = {
  { "draft",           N_("Draft"),                      "草稿",         NULL },
  { "submitted",       N_("First review done"),          "基层工会已初审", NULL },
  { "street_reviewed", N_("Street or township reviewed"), "街道乡镇已审核", NULL },
  { "centre_reviewed", N_("Centre reviewed"),            "帮扶中心已审核", NULL },
  { "noticed",         N_("Publicly noticed"),           "已公示",       NULL },
  { "archived",        N_("Archived"),                   "在档",         NULL },
  { "rejected",        N_("Not archived"),               "不予建档",     NULL },
  { "left",            N_("Left the archive"),           "已脱困退档",   NULL },
};

static const UdChoice review_outcome_choices[] = {
  { "kept",    N_("Kept as it is"),     "维持",     NULL },
  { "changed", N_("Category changed"),  "调整类别", NULL },
  { "leaving", N_("To leave"),          "拟退档",   NULL },
};

static const UdReference member_reference = {
  .kind = "member",
  .style = UD_REFERENCE_UUID,
};

#define MONEY_FIELD(name, label, header, ...) \
  { name, UD_FIELD_MONEY, label, header, ALIASES (name, ##__VA_ARGS__), \
    TYPED, UD_SENSITIVITY_PERSONAL, NULL, 0, 0, 12, "0" }

static const UdField archive_fields[] = {
  /* Who and when */
  { "serial", UD_FIELD_TEXT, N_("Serial number"), "档案编号", ALIASES ("serial", "编号"),
    DERIVED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 20 },
  { "member_uuid", UD_FIELD_REFERENCE, N_("Member"), "会员", ALIASES ("member_uuid"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &member_reference },
  { "member_name", UD_FIELD_TEXT, N_("Name"), "姓名", ALIASES ("member_name"),
    DERIVED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_SEARCH,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8 },
  /* Copied from the member; the archive roll names the member by it. */
  { "id_number", UD_FIELD_ID_NUMBER, N_("ID number"), "身份证号", ALIASES ("id_number", "会员身份证号", "职工身份证号"),
    DERIVED | UD_FIELD_CSV | UD_FIELD_SEARCH,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 18, 18 },
  { "unit_name", UD_FIELD_TEXT, N_("Work unit"), "工作单位", ALIASES ("unit_name"),
    DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 100, 16 },
  { "street", UD_FIELD_TEXT, N_("Street or township"), "街道乡镇", ALIASES ("street"),
    DERIVED | UD_FIELD_LIST | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 10 },
  { "application_date", UD_FIELD_DATE, N_("Application date"), "申请日期", ALIASES ("application_date", "date"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_SORTABLE | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "employment", UD_FIELD_CHOICE, N_("Worker type"), "职工类型", ALIASES ("employment"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, employment_choices, G_N_ELEMENTS (employment_choices), 0, 8, "urban" },
  { "employed_months", UD_FIELD_INT, N_("Months employed (migrant workers)"), "务工月数", ALIASES ("employed_months"),
    TYPED,
    UD_SENSITIVITY_NONE, NULL, 0, 3, 4 },

  /* The household over the 12 months before the application */
  { "household_size", UD_FIELD_INT, N_("Household size"), "家庭人口", ALIASES ("household_size", "人口"),
    TYPED | UD_FIELD_REQUIRED,
    UD_SENSITIVITY_NONE, NULL, 0, 2, 4 },
  MONEY_FIELD ("income_wages", N_("Income from wages"), "工资性收入"),
  MONEY_FIELD ("income_business", N_("Income from a business"), "经营性收入"),
  MONEY_FIELD ("income_property", N_("Income from property"), "财产性收入"),
  MONEY_FIELD ("income_transfer", N_("Pensions and benefits"), "转移性收入", "养老金"),
  MONEY_FIELD ("income_other", N_("Other income, or the total when not broken down"), "其他收入", "家庭年收入", "income"),
  { "income_12m", UD_FIELD_MONEY, N_("Household income, last 12 months"), "家庭年收入合计", ALIASES ("income_12m"),
    DERIVED,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 0, 12 },
  MONEY_FIELD ("medical", N_("Medical costs paid by the household"), "医疗自付"),
  MONEY_FIELD ("education", N_("Education costs"), "教育支出"),
  MONEY_FIELD ("disability_care", N_("Disability care"), "残疾护理支出"),
  MONEY_FIELD ("work_costs", N_("Necessary work costs"), "必要就业成本", "work"),
  MONEY_FIELD ("losses", N_("Losses from accident, disaster or sudden illness"), "意外损失"),
  { "housing", UD_FIELD_CHOICE, N_("Housing"), "住房情况", ALIASES ("housing"),
    TYPED,
    UD_SENSITIVITY_NONE, housing_choices, G_N_ELEMENTS (housing_choices), 0, 10 },
  { "single_parent", UD_FIELD_CHOICE, N_("Single parent"), "单亲家庭", ALIASES ("single_parent"),
    TYPED,
    UD_SENSITIVITY_NONE, single_parent_choices, G_N_ELEMENTS (single_parent_choices), 0, 8, "no" },

  /* Exclusions (DOMAIN §4): the approver may override them with a reason */
  { "two_homes", UD_FIELD_CHOICE, N_("Owns two or more homes"), "两套以上住房", ALIASES ("two_homes"),
    TYPED, UD_SENSITIVITY_NONE, yes_no_choices, G_N_ELEMENTS (yes_no_choices), 0, 4, "no" },
  { "employs_others", UD_FIELD_CHOICE, N_("Owns a business employing others"), "经营雇工企业", ALIASES ("employs_others"),
    TYPED, UD_SENSITIVITY_NONE, yes_no_choices, G_N_ELEMENTS (yes_no_choices), 0, 4, "no" },
  { "private_school", UD_FIELD_CHOICE, N_("Child at a high-fee private school or abroad"), "子女高收费私立或自费留学", ALIASES ("private_school"),
    TYPED, UD_SENSITIVITY_NONE, yes_no_choices, G_N_ELEMENTS (yes_no_choices), 0, 4, "no" },

  /* Causes, contact, consent, evidence */
  { "cause_main", UD_FIELD_CHOICE, N_("Main cause"), "主要致困原因", ALIASES ("cause_main", "致困原因"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, cause_choices, G_N_ELEMENTS (cause_choices), 0, 12 },
  { "causes_other", UD_FIELD_CHOICE, N_("Other causes (up to 3)"), "其他致困原因", ALIASES ("causes_other"),
    TYPED | UD_FIELD_SET,
    UD_SENSITIVITY_NONE, cause_choices, G_N_ELEMENTS (cause_choices), 0, 16 },
  { "contact_person", UD_FIELD_TEXT, N_("Contact person"), "联系人", ALIASES ("contact_person"),
    TYPED, UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8 },
  { "contact_phone", UD_FIELD_PHONE, N_("Contact's mobile phone"), "联系电话", ALIASES ("contact_phone"),
    TYPED, UD_SENSITIVITY_IDENTIFIER, NULL, 0, 11, 11 },
  { "consent_signed", UD_FIELD_CHOICE, N_("Consent to the household-economy check signed"), "已签核查授权", ALIASES ("consent_signed"),
    TYPED, UD_SENSITIVITY_NONE, yes_no_choices, G_N_ELEMENTS (yes_no_choices), 0, 4, "no" },
  { "consent_date", UD_FIELD_DATE, N_("Consent signed on"), "授权签署日期", ALIASES ("consent_date"),
    TYPED | UD_FIELD_NOT_FUTURE, UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "evidence", UD_FIELD_CHOICE, N_("Evidence received"), "已收材料", ALIASES ("evidence"),
    TYPED | UD_FIELD_SET | UD_FIELD_MULTILINE,
    UD_SENSITIVITY_NONE, evidence_choices, G_N_ELEMENTS (evidence_choices), 0, 16 },
  { "category", UD_FIELD_CHOICE, N_("Category"), "困难类别", ALIASES ("category", "类别"),
    TYPED | UD_FIELD_LIST | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, category_choices, G_N_ELEMENTS (category_choices) - 1, 0, 8 },
  { "category_reason", UD_FIELD_TEXT, N_("Why another category than the computed"), "类别调整理由", ALIASES ("category_reason"),
    TYPED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
  { "notes", UD_FIELD_TEXT, N_("Notes"), "备注", ALIASES ("notes"),
    TYPED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },

  /* What the rule computes */
  { "per_capita", UD_FIELD_MONEY, N_("Per-capita monthly net income"), "人均月收入", ALIASES ("per_capita"),
    DERIVED, UD_SENSITIVITY_PERSONAL, NULL, 0, 0, 10 },
  { "low_income_line", UD_FIELD_MONEY, N_("Low-income line"), "低保标准", ALIASES ("low_income_line"),
    DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 0, 10 },
  { "computed_category", UD_FIELD_CHOICE, N_("Computed category"), "测算类别", ALIASES ("computed_category"),
    DERIVED, UD_SENSITIVITY_NONE, category_choices, G_N_ELEMENTS (category_choices), 0, 8 },
  { "failed_rules", UD_FIELD_CHOICE, N_("Conditions not met"), "不符合条件", ALIASES ("failed_rules"),
    DERIVED | UD_FIELD_SET, UD_SENSITIVITY_NONE, failed_choices, G_N_ELEMENTS (failed_choices), 0, 16 },
  { "reasons", UD_FIELD_TEXT, N_("Reasons"), "测算依据", ALIASES ("reasons"),
    DERIVED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 0, 24 },
  { "rules_version", UD_FIELD_TEXT, N_("Rules version"), "规则版本", ALIASES ("rules_version"),
    DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 40, 8 },

  /* The workflow (DOMAIN §4) */
  { "status", UD_FIELD_CHOICE, N_("Status"), "状态", ALIASES ("status"),
    DERIVED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, status_choices, G_N_ELEMENTS (status_choices), 0, 8, "draft" },
  { "status_note", UD_FIELD_TEXT, N_("Why returned or not archived"), "退回或不予建档理由", ALIASES ("status_note"),
    DERIVED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
  { "created_by", UD_FIELD_TEXT, N_("Created by"), "经办人", ALIASES ("created_by"),
    DERIVED | UD_FIELD_ACCOUNT, UD_SENSITIVITY_NONE, NULL, 0, 32, 8 },
  { "home_visit_on", UD_FIELD_DATE, N_("Home visit on"), "入户走访日期", ALIASES ("home_visit_on"),
    DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "reviewed_by", UD_FIELD_TEXT, N_("Reviewed by"), "审核人", ALIASES ("reviewed_by"),
    DERIVED | UD_FIELD_ACCOUNT, UD_SENSITIVITY_NONE, NULL, 0, 32, 8 },
  { "notice_from", UD_FIELD_DATE, N_("Public notice from"), "公示开始", ALIASES ("notice_from"),
    DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "notice_to", UD_FIELD_DATE, N_("Public notice to"), "公示结束", ALIASES ("notice_to"),
    DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "exclusion_override", UD_FIELD_TEXT, N_("Why archived despite an exclusion"), "排除情形特批理由", ALIASES ("exclusion_override"),
    DERIVED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
  { "decided_by", UD_FIELD_TEXT, N_("Decided by"), "审批人", ALIASES ("decided_by"),
    DERIVED | UD_FIELD_ACCOUNT, UD_SENSITIVITY_NONE, NULL, 0, 32, 8 },
  { "archived_on", UD_FIELD_DATE, N_("Archived on"), "建档日期", ALIASES ("archived_on", "建档时间"),
    DERIVED | UD_FIELD_CSV | UD_FIELD_LIST | UD_FIELD_SORTABLE, UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "reviewed_on", UD_FIELD_DATE, N_("Last annual review on"), "年度复核日期", ALIASES ("reviewed_on"),
    DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "review_outcome", UD_FIELD_CHOICE, N_("Outcome of the annual review"), "复核结论", ALIASES ("review_outcome"),
    DERIVED, UD_SENSITIVITY_NONE, review_outcome_choices, G_N_ELEMENTS (review_outcome_choices), 0, 8 },
  { "review_category", UD_FIELD_CHOICE, N_("Category after the review"), "复核后类别", ALIASES ("review_category"),
    DERIVED, UD_SENSITIVITY_NONE, category_choices, G_N_ELEMENTS (category_choices) - 1, 0, 8 },
  { "leave_notice_from", UD_FIELD_DATE, N_("Leaving notice from"), "退档公示开始", ALIASES ("leave_notice_from"),
    DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "leave_notice_to", UD_FIELD_DATE, N_("Leaving notice to"), "退档公示结束", ALIASES ("leave_notice_to"),
    DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "left_on", UD_FIELD_DATE, N_("Left the archive on"), "退档日期", ALIASES ("left_on"),
    DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "follow_up_until", UD_FIELD_DATE, N_("Followed up until"), "跟踪回访至", ALIASES ("follow_up_until"),
    DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "returned_on", UD_FIELD_DATE, N_("Returned to hardship on"), "返困日期", ALIASES ("returned_on"),
    DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
};

static void
add_issue (const UdRecord *record,
           GPtrArray      *issues,
           const char     *field,
           const char     *code,
           char           *message)
{
  g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (record->kind, field), code, FALSE, "%s", message));
  g_free (message);
}

/* Across fields: a migrant worker's months, the other causes (at most
 * three, not the main one), the consent's date. */
static void
archive_validate (UdRecord  *record,
                  GPtrArray *issues,
                  gboolean   fields_ok)
{
  const char *main_cause = ud_record_get (record, "cause_main");
  g_auto(GStrv) others = g_strsplit (ud_record_get (record, "causes_other"), ",", -1);
  guint n_others = 0;

  if (!fields_ok)
    return;

  if (g_str_equal (ud_record_get (record, "employment"), "migrant") &&
      *ud_record_get (record, "employed_months") == '\0')
    add_issue (record, issues, "employed_months", "required",
               /* TRANSLATORS: a field label */
               g_strdup_printf (_("%s: give a migrant worker's months of employment"),
                                ud_kind_get_field_label (record->kind, "employed_months")));

  if (ud_record_get_int (record, "household_size") < 1)
    add_issue (record, issues, "household_size", "too_small",
               g_strdup_printf (_("%s: a household has at least one person"),
                                ud_kind_get_field_label (record->kind, "household_size")));

  for (guint i = 0; others[i] != NULL; i++)
    if (*others[i] != '\0')
      {
        n_others++;
        if (g_str_equal (others[i], main_cause))
          add_issue (record, issues, "causes_other", "main_repeated",
                     g_strdup_printf (_("%s: the main cause is not also one of the others"),
                                      ud_kind_get_field_label (record->kind, "causes_other")));
      }
  if (n_others > 3)
    add_issue (record, issues, "causes_other", "too_many",
               g_strdup_printf (_("%s: at most three besides the main one"),
                                ud_kind_get_field_label (record->kind, "causes_other")));

  if (g_str_equal (ud_record_get (record, "consent_signed"), "yes") &&
      *ud_record_get (record, "consent_date") == '\0')
    add_issue (record, issues, "consent_date", "required",
               g_strdup_printf (_("%s: give the date the consent was signed"),
                                ud_kind_get_field_label (record->kind, "consent_date")));
}

/* The income over 12 months is the sum of its sources. */
void
_ud_hardship_derive_income (UdRecord *record)
{
  static const char * const sources[] = {
    "income_wages", "income_business", "income_property", "income_transfer", "income_other", NULL
  };
  UdFen total = 0;

  for (guint i = 0; sources[i] != NULL; i++)
    total += ud_record_get_int (record, sources[i]);
  ud_record_set_int (record, "income_12m", total);
}

static const UdKindHooks archive_hooks = {
  .validate = archive_validate,
  .derive = _ud_hardship_derive_income,
  .import_row = _ud_hardship_import_row,
  .imported = _ud_hardship_imported,
};

const UdKind ud_kind_hardship_archive = {
  .name = "hardship_archive",
  .table = "hardship_archive",
  .label = N_("Hardship archive"),
  .fields = archive_fields,
  .n_fields = G_N_ELEMENTS (archive_fields),
  /* The archive roll offices keep in Excel. */
  .flags = UD_KIND_ROSTER,
  .import_permission = UD_PERMISSION_CREATE_APPLICATION,
  .export_permission = UD_PERMISSION_EXPORT_MEMBERS,
  .title_fields = UD_STRV ("serial", "member_name"),
  .sort_field = "serial",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_CREATE_APPLICATION,
  .delete_permission = UD_PERMISSION_CREATE_APPLICATION,
  /* The city server's duplicate-aid check: the same person archived in
   * two districts within 12 months. */
  .aid = &(const UdAidDescription) {
    .person_field = "id_number",
    .date_fields = UD_STRV ("archived_on"),
    .state_field = "status",
    .granted_states = UD_STRV ("archived"),
  },
  .workflow = &_ud_hardship_workflow,
  .hooks = &archive_hooks,
  .import_filled = UD_STRV ("application_date"),
};

/* ---- household members ------------------------------------------------ */

static const UdChoice relation_choices[] = {
  { "self",    N_("The member"), "本人", ALIASES ("member", "职工本人") },
  { "spouse",  N_("Spouse"),     "配偶", ALIASES ("husband", "wife", "丈夫", "妻子") },
  { "child",   N_("Child"),      "子女", ALIASES ("son", "daughter", "儿子", "女儿") },
  { "parent",  N_("Parent"),     "父母", ALIASES ("father", "mother", "父亲", "母亲") },
  { "other",   N_("Other relative"), "其他亲属", ALIASES ("其他") },
};

static const UdChoice health_choices[] = {
  { "healthy",  N_("Healthy"),          "健康",     NULL },
  { "chronic",  N_("Chronic illness"),  "慢性病",   NULL },
  { "serious",  N_("Serious illness"),  "重大疾病", ALIASES ("大病") },
  { "disabled", N_("Disabled"),         "残疾",     NULL },
};

/* For 金秋助学 (DOMAIN §4): who is at school, and at which level. */
static const UdChoice school_choices[] = {
  { "none",         N_("Not at school"),            "未在学",   ALIASES ("无") },
  { "preschool",    N_("Pre-school"),               "学前",     ALIASES ("幼儿园") },
  { "compulsory",   N_("Primary or middle school"), "义务教育", ALIASES ("小学", "初中") },
  { "high_school",  N_("High school"),              "高中",     ALIASES ("中专", "职高") },
  { "college",      N_("College or bachelor"),      "大学",     ALIASES ("大专", "本科") },
  { "postgraduate", N_("Postgraduate"),             "研究生",   ALIASES ("硕士", "博士") },
};

static const UdReference archive_reference = {
  .kind = "hardship_archive",
  .style = UD_REFERENCE_UUID,
};

static const UdField household_fields[] = {
  { "archive_uuid", UD_FIELD_REFERENCE, N_("Archive"), "档案", ALIASES ("archive_uuid"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_PARENT,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &archive_reference },
  { "position", UD_FIELD_INT, N_("Line"), "序号", ALIASES ("position"),
    UD_FIELD_SYNCED | UD_FIELD_SORTABLE, UD_SENSITIVITY_NONE, NULL, 0, 3, 4 },
  { "name", UD_FIELD_TEXT, N_("Name"), "姓名", ALIASES ("name"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST, UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8 },
  { "relation", UD_FIELD_CHOICE, N_("Relation to the member"), "与会员关系", ALIASES ("relation"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, relation_choices, G_N_ELEMENTS (relation_choices), 0, 8 },
  { "id_number", UD_FIELD_ID_NUMBER, N_("ID number"), "身份证号", ALIASES ("id_number"),
    UD_FIELD_SYNCED | UD_FIELD_LIST, UD_SENSITIVITY_IDENTIFIER, NULL, 0, 18, 18 },
  { "birth_date", UD_FIELD_DATE, N_("Birth date"), "出生日期", ALIASES ("birth_date"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED, UD_SENSITIVITY_PERSONAL, NULL, 0, 10, 10 },
  { "health", UD_FIELD_CHOICE, N_("Health"), "健康状况", ALIASES ("health"),
    UD_FIELD_SYNCED, UD_SENSITIVITY_PERSONAL, health_choices, G_N_ELEMENTS (health_choices), 0, 8, "healthy" },
  { "work", UD_FIELD_TEXT, N_("Work or school"), "工作或就学单位", ALIASES ("work"),
    UD_FIELD_SYNCED, UD_SENSITIVITY_NONE, NULL, 0, 60, 12 },
  { "school_level", UD_FIELD_CHOICE, N_("School level"), "就学阶段", ALIASES ("school_level"),
    UD_FIELD_SYNCED, UD_SENSITIVITY_NONE, school_choices, G_N_ELEMENTS (school_choices), 0, 8, "none" },
  { "income_12m", UD_FIELD_MONEY, N_("Income, last 12 months"), "年收入", ALIASES ("income_12m", "income"),
    UD_FIELD_SYNCED, UD_SENSITIVITY_PERSONAL, NULL, 0, 0, 12, "0" },
};

/* The birth date follows from the ID number. */
static void
household_derive (UdRecord *record)
{
  const char *id_number = ud_record_get (record, "id_number");
  UdIdCard card;

  if (*id_number != '\0' && ud_idcard_parse (id_number, NULL, &card, NULL))
    {
      g_autofree char *iso = ud_date_to_iso (&card.birth);

      ud_record_set (record, "birth_date", iso);
    }
  else
    ud_record_set (record, "birth_date", "");
}

static const UdKindHooks household_hooks = {
  .derive = household_derive,
};

const UdKind ud_kind_hardship_household_member = {
  .name = "hardship_household_member",
  .table = "hardship_household_member",
  .label = N_("Household member of a hardship archive"),
  .fields = household_fields,
  .n_fields = G_N_ELEMENTS (household_fields),
  .title_fields = UD_STRV ("name"),
  .sort_field = "position",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_CREATE_APPLICATION,
  .delete_permission = UD_PERMISSION_CREATE_APPLICATION,
  .hooks = &household_hooks,
};

/* ---- visits ----------------------------------------------------------- */

static const UdField visit_fields[] = {
  { "archive_uuid", UD_FIELD_REFERENCE, N_("Archive"), "档案", ALIASES ("archive_uuid"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_PARENT,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &archive_reference },
  { "visited_on", UD_FIELD_DATE, N_("Visited on"), "走访日期", ALIASES ("visited_on", "date"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "visitor", UD_FIELD_TEXT, N_("Visited by"), "走访人", ALIASES ("visitor"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 40, 8 },
  { "notes", UD_FIELD_TEXT, N_("What was found"), "走访情况", ALIASES ("notes"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_MULTILINE, UD_SENSITIVITY_PERSONAL, NULL, 0, 1000, 24 },
  { "next_due", UD_FIELD_DATE, N_("Next visit due"), "下次走访", ALIASES ("next_due"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
};

/* The next visit is due 6 months after this one. */
static void
visit_derive (UdRecord *record)
{
  GDate date;

  if (ud_date_parse (ud_record_get (record, "visited_on"), &date, NULL))
    {
      g_autofree char *iso = NULL;

      g_date_add_months (&date, UD_HARDSHIP_VISIT_MONTHS);
      iso = ud_date_to_iso (&date);
      ud_record_set (record, "next_due", iso);
    }
}

static const UdKindHooks visit_hooks = {
  .derive = visit_derive,
};

const UdKind ud_kind_hardship_visit = {
  .name = "hardship_visit",
  .table = "hardship_visit",
  .label = N_("Visit to a hardship household"),
  .fields = visit_fields,
  .n_fields = G_N_ELEMENTS (visit_fields),
  .title_fields = UD_STRV ("visited_on", "visitor"),
  .sort_field = "visited_on",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_CREATE_APPLICATION,
  .delete_permission = UD_PERMISSION_CREATE_APPLICATION,
  .hooks = &visit_hooks,
};
