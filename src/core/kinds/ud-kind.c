/* ud-kind.c — the field tables of members and units, and field validation
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-kind"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-kind.h"
#include "ud-idcard.h"
#include "ud-money.h"
#include "ud-validate.h"

#define ALIASES(...) ((const char * const []) { __VA_ARGS__, NULL })

static const UdChoice sex_choices[] = {
  { "M", N_("Male"),   "男", ALIASES ("male", "m", "男性") },
  { "F", N_("Female"), "女", ALIASES ("female", "f", "女性") },
};

static const UdChoice employment_choices[] = {
  { "in_service", N_("In service"),       "在职",   ALIASES ("in service", "在岗", "职工", "在编", "合同制", "事业编制", "行政编制") },
  { "migrant",    N_("Migrant worker"),   "农民工", ALIASES ("migrant worker", "进城务工") },
  { "contract",   N_("Non-establishment"), "编外",  ALIASES ("non-establishment", "劳务派遣", "合同工", "临时工", "灵活就业") },
  { "retired",    N_("Retired"),          "退休",   ALIASES ("retiree", "离退休") },
};

static const UdChoice status_choices[] = {
  { "active",      N_("Active"),          "在会",   ALIASES ("正常", "在册") },
  { "transferred", N_("Transferred out"), "转出",   ALIASES ("transferred out", "已转出", "转会") },
  { "retired",     N_("Retired"),         "退休",   ALIASES ("已退休") },
  { "deceased",    N_("Deceased"),        "去世",   ALIASES ("已故", "死亡", "已去世") },
};

static const UdChoice model_worker_choices[] = {
  { "national_model",       N_("National model worker"),                     "全国劳动模范",     ALIASES ("全国劳模") },
  { "national_advanced",    N_("National advanced worker"),                  "全国先进工作者",   NULL },
  { "national_treatment",   N_("Treated as national model worker"),          "享受全国劳模待遇", NULL },
  { "beijing_model",        N_("Beijing model worker"),                      "北京市劳动模范",   ALIASES ("北京市劳模", "市级劳动模范", "市劳模") },
  { "beijing_advanced",     N_("Beijing advanced worker"),                   "北京市先进工作者", ALIASES ("市级先进工作者") },
  { "provincial",           N_("Provincial or ministerial model worker"),    "省部级劳模",       ALIASES ("省部级劳动模范") },
  { "provincial_treatment", N_("Treated as provincial model worker"),        "享受省部级劳模待遇", NULL },
  { "district_model",       N_("District model worker"),                     "区级劳动模范",     ALIASES ("区劳模", "区级劳模") },
  { "district_advanced",    N_("District advanced worker"),                  "区级先进工作者",   NULL },
  { "other",                N_("Other title"),                               "其他",             NULL },
};

static const UdChoice unit_type_choices[] = {
  { "enterprise",  N_("Enterprise"),             "企业",       ALIASES ("公司") },
  { "institution", N_("Public institution"),     "事业单位",   NULL },
  { "government",  N_("Government agency"),      "机关",       ALIASES ("机关单位") },
  { "social",      N_("Social organisation"),    "社会组织",   NULL },
  { "joint",       N_("Joint grassroots union"), "联合基层工会", ALIASES ("联合工会") },
  { "other",       N_("Other"),                  "其他",       NULL },
};

static const UdField member_fields[] = {
  { "name", UD_FIELD_TEXT, N_("Name"), "姓名", ALIASES ("name", "会员姓名", "职工姓名"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8 },
  { "sex", UD_FIELD_CHOICE, N_("Sex"), "性别", ALIASES ("sex", "gender"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_PERSONAL, sex_choices, G_N_ELEMENTS (sex_choices), 0, 6 },
  { "id_number", UD_FIELD_ID_NUMBER, N_("ID number"), "身份证号", ALIASES ("id_number", "身份证号码", "公民身份号码", "身份证"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 18, 18 },
  { "birth_date", UD_FIELD_DATE, N_("Birth date"), "出生日期", ALIASES ("birth_date"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 10, 10 },
  { "phone", UD_FIELD_PHONE, N_("Mobile phone"), "手机号", ALIASES ("phone", "手机", "手机号码", "联系电话", "电话"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 11, 11 },
  { "unit", UD_FIELD_UNIT_REF, N_("Work unit"), "工作单位", ALIASES ("unit", "单位", "所在单位", "基层工会"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 100, 16 },
  { "joined_on", UD_FIELD_DATE, N_("Joined on"), "入会日期", ALIASES ("joined_on", "入会时间"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "card_number", UD_FIELD_CARD, N_("Service card number"), "会员卡号", ALIASES ("card_number", "互助服务卡号", "京卡号", "卡号"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 19, 19 },
  { "employment", UD_FIELD_CHOICE, N_("Employment type"), "用工性质", ALIASES ("employment", "用工类型", "职工类别"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, employment_choices, G_N_ELEMENTS (employment_choices), 0, 8, "in_service" },
  { "status", UD_FIELD_CHOICE, N_("Status"), "会员状态", ALIASES ("status", "状态"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, status_choices, G_N_ELEMENTS (status_choices), 0, 6, "active" },
  { "model_worker", UD_FIELD_CHOICE, N_("Model-worker title"), "劳模称号", ALIASES ("model_worker", "劳模级别", "劳模"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, model_worker_choices, G_N_ELEMENTS (model_worker_choices), 0, 12 },
  { "model_worker_body", UD_FIELD_TEXT, N_("Title awarded by"), "授予机关", ALIASES ("model_worker_body", "授予单位"),
    UD_FIELD_SYNCED | UD_FIELD_CSV,
    UD_SENSITIVITY_NONE, NULL, 0, 60, 12 },
  { "model_worker_year", UD_FIELD_INT, N_("Title year"), "授予年份", ALIASES ("model_worker_year", "获评年份"),
    UD_FIELD_SYNCED | UD_FIELD_CSV,
    UD_SENSITIVITY_NONE, NULL, 0, 4, 6 },
  { "honours", UD_FIELD_TEXT, N_("Other honours"), "其他荣誉", ALIASES ("honours", "honors", "荣誉"),
    UD_FIELD_SYNCED | UD_FIELD_CSV,
    UD_SENSITIVITY_NONE, NULL, 0, 200, 16 },
  { "notes", UD_FIELD_TEXT, N_("Notes"), "备注", ALIASES ("notes", "说明"),
    UD_FIELD_SYNCED | UD_FIELD_CSV | UD_FIELD_MULTILINE,
    UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
};

static const UdField unit_fields[] = {
  { "name", UD_FIELD_TEXT, N_("Name"), "单位名称", ALIASES ("name", "名称", "工会名称"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 100, 20 },
  { "credit_code", UD_FIELD_CREDIT_CODE, N_("Unified social credit code"), "统一社会信用代码", ALIASES ("credit_code", "信用代码"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV,
    UD_SENSITIVITY_NONE, NULL, 0, 18, 18 },
  { "street", UD_FIELD_TEXT, N_("Street or township"), "街乡", ALIASES ("street", "街道", "乡镇", "所属街乡"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 10 },
  { "unit_type", UD_FIELD_CHOICE, N_("Unit type"), "单位类型", ALIASES ("unit_type", "类型"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV,
    UD_SENSITIVITY_NONE, unit_type_choices, G_N_ELEMENTS (unit_type_choices), 0, 10 },
  { "contact", UD_FIELD_TEXT, N_("Contact person"), "联系人", ALIASES ("contact"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8 },
  { "phone", UD_FIELD_PHONE, N_("Contact phone"), "联系电话", ALIASES ("phone", "电话"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 11, 11 },
};

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

#define APP_TYPED    (UD_FIELD_SYNCED | UD_FIELD_CSV)
#define APP_DERIVED  (UD_FIELD_SYNCED | UD_FIELD_DERIVED)

static const UdField illness_application_fields[] = {
  /* Who and when */
  { "serial", UD_FIELD_TEXT, N_("Serial number"), "编号", ALIASES ("serial"),
    APP_DERIVED | UD_FIELD_LIST | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 20 },
  { "member_uuid", UD_FIELD_TEXT, N_("Member"), "会员", ALIASES ("member_uuid"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36 },
  { "member_name", UD_FIELD_TEXT, N_("Name"), "姓名", ALIASES ("member_name"),
    APP_DERIVED | UD_FIELD_LIST | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8 },
  { "id_number", UD_FIELD_ID_NUMBER, N_("ID number"), "身份证号", ALIASES ("id_number"),
    APP_DERIVED | UD_FIELD_LIST,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 18, 18 },
  { "fund_year", UD_FIELD_INT, N_("Fund year"), "年度", ALIASES ("fund_year"),
    APP_DERIVED | UD_FIELD_LIST | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 4, 6 },
  { "application_date", UD_FIELD_DATE, N_("Application date"), "申请日期", ALIASES ("application_date", "date"),
    APP_TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },

  /* The illness */
  { "patient_name", UD_FIELD_TEXT, N_("Patient"), "患者姓名", ALIASES ("patient_name", "患者"),
    APP_TYPED,
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
  { "documents", UD_FIELD_TEXT, N_("Documents received"), "已收材料", ALIASES ("documents"),
    APP_TYPED,
    UD_SENSITIVITY_NONE, NULL, 0, 200, 16 },
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
  { "failed_rules", UD_FIELD_TEXT, N_("Eligibility rules not met"), "不符合条件", ALIASES ("failed_rules"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 16 },
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
    APP_DERIVED | UD_FIELD_LIST | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, application_status_choices, G_N_ELEMENTS (application_status_choices), 0, 8, "draft" },
  { "status_note", UD_FIELD_TEXT, N_("Why returned or rejected"), "退回或不予救助理由", ALIASES ("status_note"),
    APP_DERIVED | UD_FIELD_MULTILINE,
    UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
  { "created_by", UD_FIELD_TEXT, N_("Created by"), "经办人", ALIASES ("created_by"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 32, 8 },
  { "reviewed_by", UD_FIELD_TEXT, N_("Reviewed by"), "审核人", ALIASES ("reviewed_by"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 32, 8 },
  { "decided_by", UD_FIELD_TEXT, N_("Decided by"), "审批人", ALIASES ("decided_by"),
    APP_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 32, 8 },
  { "decided_on", UD_FIELD_DATE, N_("Decided on"), "审批日期", ALIASES ("decided_on"),
    APP_DERIVED,
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
    APP_DERIVED,
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

/* One step of an application's trail (illness_step): written once, never
 * changed, synced so that every office of the district sees the trail. */
static const UdField illness_step_fields[] = {
  { "application_uuid", UD_FIELD_TEXT, N_("Application"), "申请", ALIASES ("application_uuid"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36 },
  { "step", UD_FIELD_TEXT, N_("Step"), "环节", ALIASES ("step"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 16, 10 },
  { "actor", UD_FIELD_TEXT, N_("Recorded by"), "经办人", ALIASES ("actor"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 64, 10 },
  { "at", UD_FIELD_TEXT, N_("Recorded at"), "时间", ALIASES ("at"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 20 },
  { "opinion", UD_FIELD_TEXT, N_("Opinion"), "意见", ALIASES ("opinion"),
    UD_FIELD_SYNCED | UD_FIELD_MULTILINE,
    UD_SENSITIVITY_NONE, NULL, 0, 500, 24 },
  { "signer", UD_FIELD_TEXT, N_("Signed by"), "签字人", ALIASES ("signer"),
    UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 8 },
  { "signed_on", UD_FIELD_DATE, N_("Signed on"), "签字日期", ALIASES ("signed_on"),
    UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
};

const UdKind ud_kind_member = {
  "member", "member", N_("Member"), member_fields, G_N_ELEMENTS (member_fields),
};

const UdKind ud_kind_unit = {
  "unit", "unit", N_("Unit"), unit_fields, G_N_ELEMENTS (unit_fields),
};

const UdKind ud_kind_illness_application = {
  "illness_application", "illness_application", N_("Serious-illness relief application"),
  illness_application_fields, G_N_ELEMENTS (illness_application_fields),
};

const UdKind ud_kind_illness_step = {
  "illness_step", "illness_step", N_("Step of a relief application"),
  illness_step_fields, G_N_ELEMENTS (illness_step_fields),
};

const UdField *
ud_kind_find_field (const UdKind *kind,
                    const char   *name)
{
  int index;

  g_return_val_if_fail (kind != NULL, NULL);

  index = ud_kind_field_index (kind, name);
  return index < 0 ? NULL : &kind->fields[index];
}

int
ud_kind_field_index (const UdKind *kind,
                     const char   *name)
{
  g_return_val_if_fail (kind != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < kind->n_fields; i++)
    if (strcmp (kind->fields[i].name, name) == 0)
      return (int) i;

  return -1;
}

static char *
fold_header (const char *header)
{
  GString *s = g_string_new (NULL);

  /* Headers come with stray spaces, full-width brackets and notes such
   * as "身份证号（18位）"; keep what is before a bracket. */
  for (const char *p = header; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == 0xFF08 || c == '[' || c == 0x3010)
        break;
      if (g_unichar_isspace (c) || c == 0x3000 || c == '*' || c == ':' || c == 0xFF1A)
        continue;
      g_string_append_unichar (s, g_unichar_tolower (c));
    }

  return g_string_free (s, FALSE);
}

const UdField *
ud_kind_match_csv_header (const UdKind *kind,
                          const char   *header)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (header != NULL, NULL);

  folded = fold_header (header);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const UdField *field = &kind->fields[i];

      if ((field->flags & UD_FIELD_CSV) == 0)
        continue;
      if (g_strcmp0 (folded, field->csv_header) == 0 || g_strcmp0 (folded, field->name) == 0)
        return field;
      for (guint j = 0; field->aliases != NULL && field->aliases[j] != NULL; j++)
        if (g_ascii_strcasecmp (folded, field->aliases[j]) == 0)
          return field;
    }

  return NULL;
}

const UdChoice *
ud_field_find_choice (const UdField *field,
                      const char    *text)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (text == NULL || field->choices == NULL)
    return NULL;

  for (guint i = 0; i < field->n_choices; i++)
    {
      const UdChoice *choice = &field->choices[i];

      if (strcmp (text, choice->value) == 0 ||
          strcmp (text, choice->csv) == 0 ||
          g_ascii_strcasecmp (text, choice->label) == 0 ||
          strcmp (text, _(choice->label)) == 0)
        return choice;
      for (guint j = 0; choice->aliases != NULL && choice->aliases[j] != NULL; j++)
        if (g_ascii_strcasecmp (text, choice->aliases[j]) == 0)
          return choice;
    }

  return NULL;
}

const char *
ud_field_choice_label (const UdField *field,
                       const char    *value)
{
  const UdChoice *choice;

  g_return_val_if_fail (field != NULL, NULL);

  choice = ud_field_find_choice (field, value);
  return choice != NULL ? _(choice->label) : value;
}

UdIssue *
ud_issue_new (const UdField *field,
              const char    *code,
              gboolean       warning,
              const char    *format,
              ...)
{
  UdIssue *issue;
  va_list args;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  issue = g_new0 (UdIssue, 1);
  issue->field = field;
  issue->code = g_strdup (code);
  issue->warning = warning;
  va_start (args, format);
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);

  return issue;
}

void
ud_issue_free (UdIssue *issue)
{
  if (issue == NULL)
    return;

  g_free (issue->code);
  g_free (issue->message);
  g_free (issue);
}

GPtrArray *
ud_issue_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) ud_issue_free);
}

gboolean
ud_issue_list_has_errors (GPtrArray *issues)
{
  if (issues == NULL)
    return FALSE;

  for (guint i = 0; i < issues->len; i++)
    if (!((UdIssue *) g_ptr_array_index (issues, i))->warning)
      return TRUE;

  return FALSE;
}

static const char *
validate_error_code (const GError *error)
{
  if (error->domain != UD_VALIDATE_ERROR)
    return "invalid";

  switch ((UdValidateError) error->code)
    {
    case UD_VALIDATE_ERROR_REQUIRED: return "required";
    case UD_VALIDATE_ERROR_FORMAT:   return "invalid_format";
    case UD_VALIDATE_ERROR_LENGTH:   return "invalid_length";
    case UD_VALIDATE_ERROR_CHECKSUM: return "invalid_checksum";
    case UD_VALIDATE_ERROR_DATE:     return "invalid_date";
    case UD_VALIDATE_ERROR_FUTURE:   return "future_date";
    case UD_VALIDATE_ERROR_PROVINCE: return "invalid_province";
    case UD_VALIDATE_ERROR_MISMATCH: return "mismatch";
    case UD_VALIDATE_ERROR_RANGE:    return "out_of_range";
    default:                         return "invalid";
    }
}

static void
add_error (GPtrArray     *issues,
           const UdField *field,
           const GError  *error)
{
  if (issues == NULL)
    return;

  /* TRANSLATORS: a field label, then what is wrong with it */
  g_ptr_array_add (issues, ud_issue_new (field, validate_error_code (error), FALSE,
                                         _("%s: %s"), _(field->label), error->message));
}

static char *
collapse_spaces (const char *input)
{
  GString *s = g_string_new (NULL);
  gboolean pending_space = FALSE;

  for (const char *p = input; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000)
        {
          pending_space = s->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (s, ' ');
      pending_space = FALSE;
      g_string_append_unichar (s, c);
    }

  return g_string_free (s, FALSE);
}

char *
ud_field_normalize (const UdField *field,
                    const char    *input,
                    GPtrArray     *issues)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  if (input == NULL || !g_utf8_validate (input, -1, NULL))
    input = "";

  if (field->flags & UD_FIELD_MULTILINE)
    text = g_strstrip (g_strdup (input));
  else
    text = collapse_spaces (input);

  if (*text == '\0')
    return g_steal_pointer (&text);

  switch (field->type)
    {
    case UD_FIELD_TEXT:
    case UD_FIELD_UNIT_REF:
      if (field->max_length > 0 && (guint) g_utf8_strlen (text, -1) > field->max_length)
        {
          if (issues != NULL)
            g_ptr_array_add (issues,
                             ud_issue_new (field, "too_long", FALSE,
                                           /* TRANSLATORS: field label, maximum number of characters */
                                           ngettext ("%s: at most %u character",
                                                     "%s: at most %u characters",
                                                     field->max_length),
                                           _(field->label), field->max_length));
          return NULL;
        }
      return g_steal_pointer (&text);

    case UD_FIELD_DATE:
      {
        GDate date;

        if (!ud_date_parse (text, &date, &error))
          {
            add_error (issues, field, error);
            return NULL;
          }
        if (field->flags & UD_FIELD_NOT_FUTURE)
          {
            GDate today;

            ud_date_today (&today);
            if (g_date_compare (&date, &today) > 0)
              {
                g_autofree char *iso = ud_date_to_iso (&date);

                if (issues != NULL)
                  g_ptr_array_add (issues,
                                   ud_issue_new (field, "future_date", FALSE,
                                                 /* TRANSLATORS: field label, then a date */
                                                 _("%s: %s is in the future"),
                                                 _(field->label), iso));
                return NULL;
              }
          }
        return ud_date_to_iso (&date);
      }

    case UD_FIELD_CHOICE:
      {
        const UdChoice *choice = ud_field_find_choice (field, text);
        g_autoptr(GString) allowed = g_string_new (NULL);

        if (choice != NULL)
          return g_strdup (choice->value);

        for (guint i = 0; i < field->n_choices; i++)
          {
            if (i > 0)
              g_string_append (allowed, _(", "));
            g_string_append (allowed, field->choices[i].csv);
          }
        if (issues != NULL)
          g_ptr_array_add (issues,
                           ud_issue_new (field, "unknown_choice", FALSE,
                                         /* TRANSLATORS: field label, the value typed, the list of allowed values */
                                         _("%s: “%s” is not one of %s"),
                                         _(field->label), text, allowed->str));
        return NULL;
      }

    case UD_FIELD_INT:
      {
        guint64 value;

        if (!g_ascii_string_to_unsigned (text, 10, 0, 9999, &value, NULL))
          {
            if (issues != NULL)
              g_ptr_array_add (issues,
                               ud_issue_new (field, "invalid_format", FALSE,
                                             _("%s: must be a whole number"), _(field->label)));
            return NULL;
          }
        return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
      }

    case UD_FIELD_MONEY:
      {
        UdFen fen;

        if (!ud_money_parse (text, &fen, &error))
          {
            add_error (issues, field, error);
            return NULL;
          }
        return g_strdup_printf ("%" G_GINT64_FORMAT, fen);
      }

    case UD_FIELD_ID_NUMBER:
      {
        UdIdCard card;

        if (!ud_idcard_parse (text, NULL, &card, &error))
          {
            add_error (issues, field, error);
            return NULL;
          }
        if (card.upgraded && issues != NULL)
          g_ptr_array_add (issues,
                           ud_issue_new (field, "upgraded", TRUE,
                                         /* TRANSLATORS: field label, the old number, the new number */
                                         _("%s: the old 15-digit number %s was upgraded to %s"),
                                         _(field->label), text, card.number));
        return g_strdup (card.number);
      }

    case UD_FIELD_PHONE:
      {
        char *phone = NULL;

        if (!ud_validate_phone (text, &phone, &error))
          {
            add_error (issues, field, error);
            return NULL;
          }
        return phone;
      }

    case UD_FIELD_CARD:
      {
        char *card = NULL;
        gboolean luhn_ok = TRUE;

        if (!ud_validate_card_number (text, &card, &luhn_ok, &error))
          {
            add_error (issues, field, error);
            return NULL;
          }
        if (!luhn_ok && issues != NULL)
          g_ptr_array_add (issues,
                           ud_issue_new (field, "luhn", TRUE,
                                         _("%s: the number fails the bank check digit; please compare it with the card"),
                                         _(field->label)));
        return card;
      }

    case UD_FIELD_CREDIT_CODE:
      {
        char *code = NULL;

        if (!ud_validate_credit_code (text, &code, &error))
          {
            add_error (issues, field, error);
            return NULL;
          }
        return code;
      }

    default:
      g_assert_not_reached ();
    }
}

char *
ud_field_display (const UdField *field,
                  const char    *value,
                  gboolean       masked)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("");

  switch (field->type)
    {
    case UD_FIELD_CHOICE:
      return g_strdup (ud_field_choice_label (field, value));

    case UD_FIELD_MONEY:
      return ud_money_format (g_ascii_strtoll (value, NULL, 10));

    case UD_FIELD_ID_NUMBER:
      return masked ? ud_idcard_mask (value) : g_strdup (value);

    case UD_FIELD_PHONE:
      return masked ? ud_mask_phone (value) : g_strdup (value);

    case UD_FIELD_CARD:
      return masked ? ud_mask_card (value) : g_strdup (value);

    case UD_FIELD_TEXT:
    case UD_FIELD_DATE:
    case UD_FIELD_INT:
    case UD_FIELD_CREDIT_CODE:
    case UD_FIELD_UNIT_REF:
    default:
      return g_strdup (value);
    }
}
