/* ud-aid-kind.c — aid programmes, their yearly amounts, batches and payments
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-aid-kind"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-aid-kind.h"
#include "ud-record.h"

#define ALIASES(...) UD_STRV (__VA_ARGS__)

static const UdChoice yes_no_choices[] = {
  { "yes", N_("Yes"), "是", ALIASES ("true", "y", "1") },
  { "no",  N_("No"),  "否", ALIASES ("false", "n", "0") },
};

/* Whom an amount is for (DOMAIN §4), and the teams' assisted households
 * (DOMAIN §6). */
static const UdChoice class_choices[] = {
  { "archived_household",         N_("Archived hardship household"),            "在档困难职工",   NULL },
  { "model_worker",               N_("Model worker"),                           "劳模",           NULL },
  { "high_school",                N_("High-school pupil"),                      "高中生",         NULL },
  { "college",                    N_("College or bachelor student"),            "大学生",         NULL },
  { "compulsory_single_parent",   N_("Pre-school or compulsory pupil, single-parent household"), "单亲家庭学前或义务教育阶段子女", NULL },
  { "postgraduate_single_mother", N_("Postgraduate, single mother's household"), "单亲母亲家庭研究生", NULL },
  { "single_parent",              N_("Single-parent household"),                "单亲困难职工",   NULL },
  { "assisted_household",         N_("Assisted household of a team"),           "帮扶队帮扶户",   NULL },
  { "other",                      N_("Other recipient"),                        "其他",           NULL },
};

static const UdChoice rule_choices[] = {
  { "archived",      N_("Every archived household"),        "全部在档困难职工", NULL },
  { "model_workers", N_("Every model worker"),              "全部劳模",         NULL },
  { "category",      N_("Archived households of a category"), "按困难类别",     NULL },
  { "school",        N_("Children at school of archived households"), "在档家庭在学子女", NULL },
  { "single_parent", N_("Single-parent archived households"), "单亲在档家庭",   NULL },
  { "hand",          N_("Chosen by hand"),                  "逐个选择",         NULL },
};

static const UdChoice category_choices[] = {
  { "deep",     N_("Deep hardship"),     "深度困难", NULL },
  { "relative", N_("Relative hardship"), "相对困难", NULL },
  { "accident", N_("Hardship from an accident"), "意外致困", NULL },
};

static const UdChoice payment_status_choices[] = {
  { "pending", N_("To be paid"), "待发放", NULL },
  { "paid",    N_("Paid"),       "已发放", NULL },
};

/* Where a batch stands, from its lines: derived, kept in each office. */
static const UdChoice batch_state_choices[] = {
  { "empty",   N_("Nobody on it yet"), "尚无发放对象", NULL },
  { "pending", N_("To be paid"),       "待发放",       NULL },
  { "partly",  N_("Being paid"),       "发放中",       NULL },
  { "paid",    N_("Paid in full"),     "已全部发放",   NULL },
};

static const UdChoice method_choices[] = {
  { "jingka", N_("Jingka card transfer"), "京卡转账",         ALIASES ("京卡", "互助服务卡") },
  { "bank",   N_("Bank transfer"),        "银行转账",         ALIASES ("bank transfer", "银行") },
  { "cash",   N_("Cash, signed for"),     "现金（本人签收）", ALIASES ("现金") },
};

/* ---- programmes ---------------------------------------------------------- */

static const UdField programme_fields[] = {
  { "code", UD_FIELD_TEXT, N_("Code"), "代码", ALIASES ("code"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 32, 12 },
  { "name", UD_FIELD_TEXT, N_("Programme"), "项目名称", ALIASES ("name"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 12 },
  { "once_a_year", UD_FIELD_CHOICE, N_("Once a year per person"), "每人每年一次", ALIASES ("once_a_year"),
    UD_FIELD_SYNCED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, yes_no_choices, G_N_ELEMENTS (yes_no_choices), 0, 4, "yes" },
  { "max_amount", UD_FIELD_MONEY, N_("Highest free amount"), "最高金额", ALIASES ("max_amount"),
    UD_FIELD_SYNCED, UD_SENSITIVITY_NONE, NULL, 0, 0, 10 },
  { "notes", UD_FIELD_TEXT, N_("Notes"), "备注", ALIASES ("notes"),
    UD_FIELD_SYNCED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
};

const UdKind ud_kind_aid_programme = {
  .name = "aid_programme",
  .table = "aid_programme",
  .label = N_("Aid programme"),
  .fields = programme_fields,
  .n_fields = G_N_ELEMENTS (programme_fields),
  .natural_keys = UD_STRV ("code"),
  .title_fields = UD_STRV ("name"),
  .sort_field = "code",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_REFERENCE_DATA,
  .delete_permission = UD_PERMISSION_EDIT_REFERENCE_DATA,
};

/* ---- yearly amounts ------------------------------------------------------ */

static const UdReference programme_reference = {
  .kind = "aid_programme",
  .style = UD_REFERENCE_UUID,
};

static const UdField amount_fields[] = {
  { "programme_uuid", UD_FIELD_REFERENCE, N_("Programme"), "项目", ALIASES ("programme_uuid"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_PARENT | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &programme_reference },
  { "year", UD_FIELD_INT, N_("Year"), "年度", ALIASES ("year"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 4, 6 },
  { "recipient_class", UD_FIELD_CHOICE, N_("Recipient"), "发放对象", ALIASES ("recipient_class"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, class_choices, G_N_ELEMENTS (class_choices), 0, 16 },
  { "amount", UD_FIELD_MONEY, N_("Amount"), "标准", ALIASES ("amount"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 10 },
  /* What identifies the line: the programme, the year, the recipient. */
  { "line_key", UD_FIELD_TEXT, N_("Line"), NULL, NULL,
    UD_FIELD_SYNCED | UD_FIELD_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 80, 20 },
};

static void
amount_derive (UdRecord *record)
{
  g_autofree char *key = g_strdup_printf ("%s/%s/%s", ud_record_get (record, "programme_uuid"),
                                          ud_record_get (record, "year"), ud_record_get (record, "recipient_class"));

  ud_record_set (record, "line_key", key);
}

static void
amount_validate (UdRecord  *record,
                 GPtrArray *issues,
                 gboolean   fields_ok)
{
  gint64 year = ud_record_get_int (record, "year");

  if (fields_ok && (year < 2000 || year > 2100))
    g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (record->kind, "year"), "out_of_range", FALSE,
                                           /* TRANSLATORS: a field label */
                                           _("%s: give a year such as 2024"), ud_kind_get_field_label (record->kind, "year")));
}

static const UdKindHooks amount_hooks = {
  .validate = amount_validate,
  .derive = amount_derive,
};

const UdKind ud_kind_aid_amount = {
  .name = "aid_amount",
  .table = "aid_amount",
  .label = N_("Aid amount of a year"),
  .fields = amount_fields,
  .n_fields = G_N_ELEMENTS (amount_fields),
  .natural_keys = UD_STRV ("line_key"),
  .title_fields = UD_STRV ("year", "recipient_class"),
  .sort_field = "year",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_REFERENCE_DATA,
  .delete_permission = UD_PERMISSION_EDIT_REFERENCE_DATA,
  .hooks = &amount_hooks,
};

/* ---- batches --------------------------------------------------------------- */

static const UdField batch_fields[] = {
  { "serial", UD_FIELD_TEXT, N_("Batch"), "批次编号", ALIASES ("serial"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 16 },
  { "programme_uuid", UD_FIELD_REFERENCE, N_("Programme"), "项目", ALIASES ("programme_uuid"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &programme_reference },
  { "programme_name", UD_FIELD_TEXT, N_("Programme"), "项目名称", ALIASES ("programme_name"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 8 },
  { "year", UD_FIELD_INT, N_("Year"), "年度", ALIASES ("year"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 4, 6 },
  { "rule", UD_FIELD_CHOICE, N_("Recipients chosen"), "发放对象确定方式", ALIASES ("rule"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED,
    UD_SENSITIVITY_NONE, rule_choices, G_N_ELEMENTS (rule_choices), 0, 12, "hand" },
  { "rule_category", UD_FIELD_CHOICE, N_("Category"), "困难类别", ALIASES ("rule_category"),
    UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, category_choices, G_N_ELEMENTS (category_choices), 0, 8 },
  { "recipients", UD_FIELD_INT, N_("Recipients"), "人数", ALIASES ("recipients"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, NULL, 0, 6, 6 },
  { "total", UD_FIELD_MONEY, N_("Total"), "合计金额", ALIASES ("total"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 12 },
  { "paid_count", UD_FIELD_INT, N_("Paid"), "已发人数", ALIASES ("paid_count"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, NULL, 0, 6, 6 },
  { "paid_total", UD_FIELD_MONEY, N_("Paid in all"), "已发金额", ALIASES ("paid_total"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 12 },
  { "state", UD_FIELD_CHOICE, N_("State"), "发放状态", ALIASES ("state"),
    UD_FIELD_DERIVED | UD_FIELD_LOCAL | UD_FIELD_LIST | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, batch_state_choices, G_N_ELEMENTS (batch_state_choices), 0, 10 },
  /* Last in the list: the columns before it are what a batch is. */
  { "title", UD_FIELD_TEXT, N_("Title"), "批次名称", ALIASES ("title"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 60, 12 },
  { "created_by", UD_FIELD_TEXT, N_("Created by"), "经办人", ALIASES ("created_by"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_ACCOUNT,
    UD_SENSITIVITY_NONE, NULL, 0, 32, 8 },
  /* Not a column of the list: where a batch stands (its state) is. */
  { "created_on", UD_FIELD_DATE, N_("Created on"), "创建日期", ALIASES ("created_on"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "notes", UD_FIELD_TEXT, N_("Notes"), "备注", ALIASES ("notes"),
    UD_FIELD_SYNCED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
};

static void
batch_derive (UdRecord *record)
{
  gint64 recipients = ud_record_get_int (record, "recipients");
  gint64 paid = ud_record_get_int (record, "paid_count");

  ud_record_set (record, "state", recipients <= 0 ? "empty"
                                  : paid <= 0 ? "pending"
                                  : paid < recipients ? "partly"
                                  : "paid");
}

static const UdKindHooks batch_hooks = {
  .derive = batch_derive,
};

const UdKind ud_kind_aid_batch = {
  .name = "aid_batch",
  .table = "aid_batch",
  .label = N_("Aid batch"),
  .fields = batch_fields,
  .n_fields = G_N_ELEMENTS (batch_fields),
  .title_fields = UD_STRV ("serial", "title"),
  .sort_field = "serial",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_CREATE_APPLICATION,
  .delete_permission = UD_PERMISSION_CREATE_APPLICATION,
  .hooks = &batch_hooks,
};

/* ---- payments ------------------------------------------------------------------ */

static const UdReference batch_reference = {
  .kind = "aid_batch",
  .style = UD_REFERENCE_UUID,
};

/* The recipient: a record of the kind recipient_kind names. */
static const UdReference recipient_reference = {
  .style = UD_REFERENCE_UUID,
  .kind_field = "recipient_kind",
};

static const UdField payment_fields[] = {
  { "batch_uuid", UD_FIELD_REFERENCE, N_("Batch"), "批次", ALIASES ("batch_uuid"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_PARENT | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &batch_reference },
  { "line", UD_FIELD_INT, N_("Line"), "序号", ALIASES ("line"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 6, 4 },
  { "recipient_kind", UD_FIELD_TEXT, N_("Kind of recipient"), "对象类型", ALIASES ("recipient_kind"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED,
    UD_SENSITIVITY_NONE, NULL, 0, 64, 12 },
  { "recipient_uuid", UD_FIELD_REFERENCE, N_("Recipient"), "发放对象", ALIASES ("recipient_uuid"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &recipient_reference },
  { "name", UD_FIELD_TEXT, N_("Name"), "姓名", ALIASES ("name"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SEARCH,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8 },
  { "id_number", UD_FIELD_ID_NUMBER, N_("ID number"), "身份证号", ALIASES ("id_number"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SEARCH | UD_FIELD_FILTER,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 18, 18 },
  { "household", UD_FIELD_TEXT, N_("Household"), "所属家庭", ALIASES ("household"),
    UD_FIELD_SYNCED,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 60, 10 },
  { "recipient_class", UD_FIELD_CHOICE, N_("Recipient"), "发放对象类别", ALIASES ("recipient_class"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, class_choices, G_N_ELEMENTS (class_choices), 0, 16 },
  { "amount", UD_FIELD_MONEY, N_("Amount"), "金额", ALIASES ("amount"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 10 },
  /* Copied from the batch: a person is paid once a programme-year. */
  { "programme_uuid", UD_FIELD_REFERENCE, N_("Programme"), "项目", ALIASES ("programme_uuid"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &programme_reference },
  { "year", UD_FIELD_INT, N_("Year"), "年度", ALIASES ("year"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 4, 6 },
  { "status", UD_FIELD_CHOICE, N_("Status"), "状态", ALIASES ("status"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_LIST | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, payment_status_choices, G_N_ELEMENTS (payment_status_choices), 0, 8, "pending" },
  { "paid_on", UD_FIELD_DATE, N_("Paid on"), "发放日期", ALIASES ("paid_on"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "method", UD_FIELD_CHOICE, N_("Paid by"), "发放方式", ALIASES ("method"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, method_choices, G_N_ELEMENTS (method_choices), 0, 12 },
  { "receipt", UD_FIELD_TEXT, N_("Transfer or receipt number"), "转账或签收单号", ALIASES ("receipt"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 12 },
  { "paid_by", UD_FIELD_TEXT, N_("Payment recorded by"), "发放人", ALIASES ("paid_by"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_ACCOUNT,
    UD_SENSITIVITY_NONE, NULL, 0, 32, 8 },
};

const UdKind ud_kind_aid_payment = {
  .name = "aid_payment",
  .table = "aid_payment",
  .label = N_("Aid payment"),
  .fields = payment_fields,
  .n_fields = G_N_ELEMENTS (payment_fields),
  .title_fields = UD_STRV ("name"),
  .sort_field = "line",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_CREATE_APPLICATION,
  .delete_permission = UD_PERMISSION_CREATE_APPLICATION,
  /* The city server's duplicate-aid check: the same person paid in two
   * districts within 12 months. */
  .aid = &(const UdAidDescription) {
    .person_field = "id_number",
    .date_fields = UD_STRV ("paid_on"),
    .state_field = "status",
    .granted_states = UD_STRV ("paid"),
  },
};

/* ---- the fund ------------------------------------------------------------------ */

static const UdField fund_fields[] = {
  { "year", UD_FIELD_INT, N_("Year"), "年度", ALIASES ("year"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 4, 6 },
  { "budget", UD_FIELD_MONEY, N_("Budget"), "预算", ALIASES ("budget"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, NULL, 0, 0, 12 },
  { "notes", UD_FIELD_TEXT, N_("Notes"), "备注", ALIASES ("notes"),
    UD_FIELD_SYNCED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
};

static const UdKindHooks fund_hooks = {
  .validate = amount_validate,
};

const UdKind ud_kind_aid_fund = {
  .name = "aid_fund",
  .table = "aid_fund",
  .label = N_("Aid fund of a year"),
  .fields = fund_fields,
  .n_fields = G_N_ELEMENTS (fund_fields),
  .natural_keys = UD_STRV ("year"),
  .title_fields = UD_STRV ("year"),
  .sort_field = "year",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_ADMINISTER,
  .delete_permission = UD_PERMISSION_ADMINISTER,
  .hooks = &fund_hooks,
};
