/* ud-illness-form.c — the serious-illness relief approval form (重大疾病救助审批表)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-illness-form"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "ud-illness-form.h"
#include "ud-money.h"
#include "ud-grid.h"

/* Every word printed on the form.  The form is a Chinese official document
 * filed with the district union whatever language the interface is in, so
 * these are deliberately not marked for translation; keeping them in one
 * table makes them easy to check against the district's paper original.
 */
enum
{
  L_TITLE,
  L_SUBTITLE_YEAR,
  L_APPLICATION_DATE,
  L_CURRENCY_UNIT,
  L_SECTION_MEMBER,
  L_NAME,
  L_SEX,
  L_BIRTH_DATE,
  L_ID_NUMBER,
  L_PHONE,
  L_UNIT,
  L_STREET,
  L_CARD_NUMBER,
  L_MODEL_WORKER,
  L_ARCHIVED,
  L_YES,
  L_NO,
  L_SECTION_ILLNESS,
  L_PATIENT,
  L_RELATION,
  L_DIAGNOSIS_DATE,
  L_DISEASE,
  L_DISEASE_CODE,
  L_HOSPITAL,
  L_HOSPITAL_GRADE,
  L_TREATMENT,
  L_PERIOD_TO,
  L_SECTION_COSTS,
  L_TOTAL,
  L_INSURANCE,
  L_GOVERNMENT_AID,
  L_MUTUAL_AID,
  L_OTHER,
  L_SELF_PAID,
  L_SECTION_HOUSEHOLD,
  L_HOUSEHOLD_SIZE,
  L_PERSONS,
  L_HOUSEHOLD_INCOME,
  L_PER_CAPITA,
  L_LOW_INCOME_LINE,
  L_RECEIVED,
  L_RULES_VERSION,
  L_SECTION_RELIEF,
  L_TIER,
  L_TIER_FORMAT,
  L_TIER_SUFFIX,
  L_SUGGESTED,
  L_APPROVED,
  L_REASONS,
  L_APPROVED_REASON,
  L_PAID_ON,
  L_PAYMENT_METHOD,
  L_NOTICE,
  L_AMOUNT_BLANK,
  L_SECTION_APPLICANT,
  L_DOCUMENTS,
  L_DOCUMENTS_ATTACHED,
  L_DOCUMENTS_MISSING,
  L_DOCUMENTS_NONE,
  L_LIST_SEPARATOR,
  L_CLAUSE_SEPARATOR,
  L_DECLARATION,
  L_DECLARATION_TEXT,
  L_DECLARATION_SIGN,
  L_OPINION_UNION,
  L_OPINION_STREET,
  L_OPINION_CENTRE,
  L_OPINION_DISTRICT,
  L_DATE_YEAR,
  L_DATE_MONTH,
  L_DATE_DAY,
  L_DATE_BLANK,
  N_LABELS
};

static const char * const labels[N_LABELS] = {
  [L_TITLE] = "重大疾病救助审批表",
  [L_SUBTITLE_YEAR] = "年度",
  [L_APPLICATION_DATE] = "申请日期：",
  [L_CURRENCY_UNIT] = "金额单位：元",
  [L_SECTION_MEMBER] = "会员情况",
  [L_NAME] = "姓名",
  [L_SEX] = "性别",
  [L_BIRTH_DATE] = "出生日期",
  [L_ID_NUMBER] = "身份证号",
  [L_PHONE] = "联系电话",
  [L_UNIT] = "工作单位",
  [L_STREET] = "所属街道",
  [L_CARD_NUMBER] = "会员卡号",
  [L_MODEL_WORKER] = "劳模称号",
  [L_ARCHIVED] = "困难职工在档",
  [L_YES] = "是",
  [L_NO] = "否",
  [L_SECTION_ILLNESS] = "患病情况",
  [L_PATIENT] = "患者姓名",
  [L_RELATION] = "与会员关系",
  [L_DIAGNOSIS_DATE] = "确诊日期",
  [L_DISEASE] = "疾病名称",
  [L_DISEASE_CODE] = "疾病编码",
  [L_HOSPITAL] = "就诊医院",
  [L_HOSPITAL_GRADE] = "医院等级",
  [L_TREATMENT] = "治疗期间",
  [L_PERIOD_TO] = "至",
  [L_SECTION_COSTS] = "医疗费用",
  [L_TOTAL] = "医疗总费用",
  [L_INSURANCE] = "基本医疗保险",
  [L_GOVERNMENT_AID] = "政府医疗救助",
  [L_MUTUAL_AID] = "职工互助保障",
  [L_OTHER] = "商业保险等",
  [L_SELF_PAID] = "个人自付",
  [L_SECTION_HOUSEHOLD] = "家庭经济",
  [L_HOUSEHOLD_SIZE] = "家庭人口",
  [L_PERSONS] = "人",
  [L_HOUSEHOLD_INCOME] = "家庭年收入",
  [L_PER_CAPITA] = "人均月收入",
  [L_LOW_INCOME_LINE] = "低保标准/月",
  [L_RECEIVED] = "本年已获救助",
  [L_RULES_VERSION] = "规则版本",
  [L_SECTION_RELIEF] = "救助金额",
  [L_TIER] = "救助档次",
  [L_TIER_FORMAT] = "第",
  [L_TIER_SUFFIX] = "档",
  [L_SUGGESTED] = "建议金额",
  [L_APPROVED] = "核定金额",
  [L_REASONS] = "计算依据",
  [L_APPROVED_REASON] = "调整理由：",
  [L_PAID_ON] = "发放日期",
  [L_PAYMENT_METHOD] = "发放方式",
  [L_NOTICE] = "公示期",
  /* An amount still to be written in by hand. */
  [L_AMOUNT_BLANK] = "人民币（大写）　　　　　　　　　　　　　　￥",
  [L_SECTION_APPLICANT] = "材料声明",
  [L_DOCUMENTS] = "所附材料",
  [L_DOCUMENTS_ATTACHED] = "已附：",
  [L_DOCUMENTS_MISSING] = "未附：",
  [L_DOCUMENTS_NONE] = "无",
  [L_LIST_SEPARATOR] = "、",
  [L_CLAUSE_SEPARATOR] = "；",
  [L_DECLARATION] = "申请人声明",
  [L_DECLARATION_TEXT] = "本人承诺所填情况及所附材料真实完整，如有虚假，愿承担责任并退还救助金。",
  [L_DECLARATION_SIGN] = "申请人签字：　　　　　　　　　　　　日期：　　　　年　　月　　日",
  [L_OPINION_UNION] = "基层工会意见",
  [L_OPINION_STREET] = "街道（乡镇）总工会意见",
  [L_OPINION_CENTRE] = "区总工会帮扶中心审核意见",
  [L_OPINION_DISTRICT] = "区总工会审批意见",
  [L_DATE_YEAR] = "年",
  [L_DATE_MONTH] = "月",
  [L_DATE_DAY] = "日",
  [L_DATE_BLANK] = "　　　　年　　月　　日",
};

/* The four opinion blocks, in the order of UdIllnessFormData.opinions. */
static const guint headings[] = {
  L_OPINION_UNION, L_OPINION_STREET, L_OPINION_CENTRE, L_OPINION_DISTRICT,
};
G_STATIC_ASSERT (G_N_ELEMENTS (headings) == G_N_ELEMENTS (((UdIllnessFormData *) NULL)->opinions));

#define QR_PREFIX "uniondesk:illness"

/* The documents of the application's checklist (DOMAIN §3), as the paper
 * form names them; the codes are those of ud_illness_documents(). */
static const struct
{
  const char *code;
  const char *name;
  gboolean    family_only;   /* listed only when the patient is not the member */
} documents[] = {
  { "id_copy",       "身份证复印件",             FALSE },
  { "card_number",   "互助服务卡号",             FALSE },
  { "bank_card",     "银行卡",                   FALSE },
  { "diagnosis",     "二级以上医院诊断证明",     FALSE },
  { "discharge",     "出院小结或病理报告",       FALSE },
  { "invoices",      "医疗费用票据及医保结算单", FALSE },
  { "approval_form", "本表（签字）",             FALSE },
  { "relationship",  "与会员关系证明",           TRUE },
};

/* Millimetres. */
#define ROW_HEIGHT         6.6
#define ROW_MAX_HEIGHT     12.0
#define REASONS_MIN_HEIGHT 12.0
#define REASONS_MAX_HEIGHT 24.0
#define OPINION_HEIGHT     44
#define OPINION_TALL       55.0

typedef struct
{
  UdGrid   *table;
  GPtrArray *strings;   /* keeps the formatted values alive */
} Builder;

static const char *
keep (Builder *b,
      char    *text)
{
  if (text != NULL)
    g_ptr_array_add (b->strings, text);

  return text;
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || text[0] == '\0';
}

static const char *
date_text (Builder    *b,
           const char *iso)
{
  int year, month, day;

  if (is_blank (iso))
    return NULL;

  if (sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) == 3)
    return keep (b, g_strdup_printf ("%d%s%d%s%d%s", year, labels[L_DATE_YEAR], month,
                                     labels[L_DATE_MONTH], day, labels[L_DATE_DAY]));

  return iso;
}

static const char *
money_text (Builder  *b,
            UdFen     amount,
            gboolean  zero_is_blank)
{
  if (amount < 0 || (zero_is_blank && amount == 0))
    return NULL;

  return keep (b, ud_money_format (amount));
}

static const char *
period_text (Builder    *b,
             const char *from,
             const char *to)
{
  const char *from_text = date_text (b, from);
  const char *to_text = date_text (b, to);

  if (from_text == NULL && to_text == NULL)
    return NULL;

  /* An open end stays blank to be written in. */
  return keep (b, g_strdup_printf ("%s %s %s",
                                   from_text != NULL ? from_text : "　　　　",
                                   labels[L_PERIOD_TO],
                                   to_text != NULL ? to_text : "　　　　"));
}

static void
section (Builder *b,
         guint    label,
         guint    n_rows)
{
  UdCellStyle style = { 0 };

  style.rowspan = n_rows;
  style.shaded = TRUE;
  style.text = (UdTextStyle) { UD_FONT_SANS, 10.5, 7, TRUE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, 0 };
  ud_grid_add_cell (b->table, labels[label], &style);
}

static void
pair (Builder    *b,
      guint       label,
      const char *value,
      guint       colspan)
{
  ud_grid_add_label (b->table, 1, labels[label]);
  ud_grid_add_value (b->table, colspan, value);
}

static void
row (Builder *b)
{
  ud_grid_add_row (b->table, ROW_HEIGHT, ROW_MAX_HEIGHT);
}

/* "已附：身份证复印件、银行卡……；未附：……". */
static const char *
documents_text (Builder                 *b,
                const UdIllnessFormData *d)
{
  g_auto(GStrv) received = g_strsplit (d->documents != NULL ? d->documents : "", ",", -1);
  gboolean family = !is_blank (d->relation) && !g_str_equal (d->relation, "本人");
  g_autoptr(GString) attached = g_string_new (NULL);
  g_autoptr(GString) missing = g_string_new (NULL);
  GString *lists[2] = { attached, missing };

  for (gsize i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      gboolean has = g_strv_contains ((const char * const *) received, documents[i].code);
      GString *list = lists[has ? 0 : 1];

      if (documents[i].family_only && !family && !has)
        continue;
      if (list->len > 0)
        g_string_append (list, labels[L_LIST_SEPARATOR]);
      g_string_append (list, documents[i].name);
    }

  return keep (b, g_strdup_printf ("%s%s%s%s%s",
                                   labels[L_DOCUMENTS_ATTACHED],
                                   attached->len > 0 ? attached->str : labels[L_DOCUMENTS_NONE],
                                   missing->len > 0 ? labels[L_CLAUSE_SEPARATOR] : "",
                                   missing->len > 0 ? labels[L_DOCUMENTS_MISSING] : "",
                                   missing->str));
}

static const char *
reasons_text (Builder                 *b,
              const UdIllnessFormData *d)
{
  if (is_blank (d->approved_reason))
    return d->reasons;

  return keep (b, g_strconcat (is_blank (d->reasons) ? "" : d->reasons,
                               is_blank (d->reasons) ? "" : "\n",
                               labels[L_APPROVED_REASON], d->approved_reason, NULL));
}

/* An amount in capitals and figures, or the line to write it in. */
static const char *
amount_text (Builder *b,
             UdFen    amount)
{
  if (amount <= 0)
    return labels[L_AMOUNT_BLANK];

  return keep (b, ud_document_format_amount (amount));
}

static UdGrid *
build_table (const UdIllnessFormData *d,
             Builder                 *b)
{
  /* Section | label value | label value | label value, 180 mm wide; the
   * section column holds two characters a line (会员／情况).
   */
  static const double weights[] = { 11, 25, 32, 25, 32, 25, 30 };

  b->table = ud_grid_new (G_N_ELEMENTS (weights), weights);

  /* The card number has 19 digits: a wide cell, so that it stays on one
   * line. */
  row (b);
  section (b, L_SECTION_MEMBER, 4);
  pair (b, L_NAME, d->name, 1);
  pair (b, L_SEX, d->sex, 1);
  pair (b, L_BIRTH_DATE, date_text (b, d->birth_date), 1);
  row (b);
  pair (b, L_ID_NUMBER, d->id_number, 3);
  pair (b, L_PHONE, d->phone, 1);
  row (b);
  pair (b, L_UNIT, d->unit, 3);
  pair (b, L_STREET, d->street, 1);
  row (b);
  pair (b, L_CARD_NUMBER, d->card_number, 3);
  pair (b, L_MODEL_WORKER, d->model_worker, 1);

  row (b);
  section (b, L_SECTION_ILLNESS, 4);
  pair (b, L_PATIENT, d->patient_name, 1);
  pair (b, L_RELATION, d->relation, 1);
  pair (b, L_DIAGNOSIS_DATE, date_text (b, d->diagnosis_date), 1);
  row (b);
  pair (b, L_DISEASE, d->disease_name, 3);
  pair (b, L_DISEASE_CODE, d->disease_code, 1);
  row (b);
  pair (b, L_HOSPITAL, d->hospital, 3);
  pair (b, L_HOSPITAL_GRADE, d->hospital_grade, 1);
  row (b);
  pair (b, L_TREATMENT, period_text (b, d->treatment_from, d->treatment_to), 5);

  row (b);
  section (b, L_SECTION_COSTS, 2);
  pair (b, L_TOTAL, money_text (b, d->total, FALSE), 1);
  pair (b, L_INSURANCE, money_text (b, d->insurance, FALSE), 1);
  pair (b, L_GOVERNMENT_AID, money_text (b, d->government_aid, FALSE), 1);
  row (b);
  pair (b, L_MUTUAL_AID, money_text (b, d->mutual_aid, FALSE), 1);
  pair (b, L_OTHER, money_text (b, d->other, FALSE), 1);
  pair (b, L_SELF_PAID, money_text (b, d->self_paid, FALSE), 1);

  row (b);
  section (b, L_SECTION_HOUSEHOLD, 2);
  pair (b, L_HOUSEHOLD_SIZE,
        d->household_size > 0 ? keep (b, g_strdup_printf ("%u %s", d->household_size, labels[L_PERSONS])) : NULL, 1);
  pair (b, L_HOUSEHOLD_INCOME, money_text (b, d->household_income, FALSE), 1);
  pair (b, L_PER_CAPITA, money_text (b, d->per_capita_monthly, FALSE), 1);
  row (b);
  pair (b, L_LOW_INCOME_LINE, money_text (b, d->low_income_line, TRUE), 1);
  pair (b, L_ARCHIVED, labels[d->archived ? L_YES : L_NO], 1);
  pair (b, L_RECEIVED, money_text (b, d->received_this_year, FALSE), 1);

  /* The suggestion and the approved amount each once, in capitals and
   * figures. */
  row (b);
  section (b, L_SECTION_RELIEF, 5);
  pair (b, L_TIER, d->tier > 0 ? keep (b, g_strdup_printf ("%s %u %s", labels[L_TIER_FORMAT], d->tier,
                                                            labels[L_TIER_SUFFIX])) : NULL, 1);
  pair (b, L_RULES_VERSION, d->rules_version, 3);
  row (b);
  pair (b, L_SUGGESTED, amount_text (b, d->suggested), 5);
  row (b);
  pair (b, L_APPROVED, amount_text (b, d->approved), 5);
  /* The approver's reason for another amount follows the rules' own. */
  ud_grid_add_row (b->table, REASONS_MIN_HEIGHT, REASONS_MAX_HEIGHT);
  pair (b, L_REASONS, reasons_text (b, d), 5);
  row (b);
  pair (b, L_PAID_ON, date_text (b, d->paid_on), 1);
  pair (b, L_PAYMENT_METHOD, d->payment_method, 1);
  pair (b, L_NOTICE, period_text (b, d->notice_from, d->notice_to), 1);

  /* What the applicant hands in and signs (DOMAIN §3, §7). */
  ud_grid_add_row (b->table, ROW_HEIGHT, REASONS_MAX_HEIGHT);
  section (b, L_SECTION_APPLICANT, 2);
  pair (b, L_DOCUMENTS, documents_text (b, d), 5);
  ud_grid_add_row (b->table, ROW_HEIGHT, REASONS_MAX_HEIGHT);
  pair (b, L_DECLARATION, keep (b, g_strconcat (labels[L_DECLARATION_TEXT], "\n",
                                                labels[L_DECLARATION_SIGN], NULL)), 5);

  return b->table;
}

void
ud_illness_form_data_clear (UdIllnessFormData *data)
{
  g_return_if_fail (data != NULL);

  g_clear_pointer (&data->serial, g_free);
  g_clear_pointer (&data->uuid, g_free);
  g_clear_pointer (&data->application_date, g_free);
  g_clear_pointer (&data->fund, g_free);
  g_clear_pointer (&data->year, g_free);
  g_clear_pointer (&data->name, g_free);
  g_clear_pointer (&data->sex, g_free);
  g_clear_pointer (&data->birth_date, g_free);
  g_clear_pointer (&data->id_number, g_free);
  g_clear_pointer (&data->unit, g_free);
  g_clear_pointer (&data->street, g_free);
  g_clear_pointer (&data->phone, g_free);
  g_clear_pointer (&data->card_number, g_free);
  g_clear_pointer (&data->model_worker, g_free);
  g_clear_pointer (&data->patient_name, g_free);
  g_clear_pointer (&data->relation, g_free);
  g_clear_pointer (&data->disease_code, g_free);
  g_clear_pointer (&data->disease_name, g_free);
  g_clear_pointer (&data->hospital, g_free);
  g_clear_pointer (&data->hospital_grade, g_free);
  g_clear_pointer (&data->diagnosis_date, g_free);
  g_clear_pointer (&data->treatment_from, g_free);
  g_clear_pointer (&data->treatment_to, g_free);
  g_clear_pointer (&data->approved_reason, g_free);
  g_clear_pointer (&data->rules_version, g_free);
  g_clear_pointer (&data->reasons, g_free);
  g_clear_pointer (&data->documents, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (data->opinions); i++)
    {
      g_clear_pointer (&data->opinions[i].opinion, g_free);
      g_clear_pointer (&data->opinions[i].signer, g_free);
      g_clear_pointer (&data->opinions[i].date, g_free);
    }
  g_clear_pointer (&data->paid_on, g_free);
  g_clear_pointer (&data->payment_method, g_free);
  g_clear_pointer (&data->notice_from, g_free);
  g_clear_pointer (&data->notice_to, g_free);
}

/**
 * ud_illness_form_build:
 *
 * Lays out the form: header with title, fund and year, serial number and a
 * QR code of "uniondesk:illness:<uuid>:<serial>", the data table, and the
 * four opinion blocks — two by two under the table when they fit on the
 * first page, else one above the other on a second page.
 *
 * Returns: (transfer full): the document, or NULL with @error set
 */
UdDocument *
ud_illness_form_build (const UdIllnessFormData  *data,
                       GError                  **error)
{
  UdPageSetup setup = { UD_ORIENTATION_PORTRAIT, 12, 15, 12, 15 };
  UdDocumentHeader header = { 0 };
  UdOpinion opinions[G_N_ELEMENTS (headings)];
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(UdGrid) table = NULL;
  g_autofree char *metadata_title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *note = NULL;
  g_autofree char *payload = NULL;
  Builder b = { NULL, strings };
  const char *date;
  const char *application;
  UdRect content;
  double half;
  gboolean compact;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_blank (data->serial))
    metadata_title = g_strdup (labels[L_TITLE]);
  else
    metadata_title = g_strdup_printf ("%s %s", labels[L_TITLE], data->serial);
  document = ud_document_new (metadata_title, &setup);

  if (!is_blank (data->year))
    {
      g_autofree char *year = g_strconcat (data->year, labels[L_SUBTITLE_YEAR], NULL);

      subtitle = g_strjoin (" ", is_blank (data->fund) ? "" : data->fund, year, NULL);
      g_strstrip (subtitle);
    }
  else if (!is_blank (data->fund))
    {
      subtitle = g_strdup (data->fund);
    }

  date = date_text (&b, data->application_date);
  application = keep (&b, g_strconcat (labels[L_APPLICATION_DATE],
                                       date != NULL ? date : labels[L_DATE_BLANK], NULL));
  note = g_strdup_printf ("%s　　%s", application, labels[L_CURRENCY_UNIT]);

  if (!is_blank (data->uuid))
    payload = g_strdup_printf ("%s:%s:%s", QR_PREFIX, data->uuid,
                               is_blank (data->serial) ? "" : data->serial);

  header.title = labels[L_TITLE];
  header.subtitle = subtitle;
  header.note = note;
  header.serial = data->serial;
  header.qr_payload = payload;
  header.repeat = TRUE;
  if (!ud_document_set_header (document, &header, error))
    return NULL;

  table = build_table (data, &b);
  ud_document_add_grid (document, table);

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      opinions[i].heading = labels[headings[i]];
      opinions[i].opinion = data->opinions[i].opinion;
      opinions[i].signer = data->opinions[i].signer;
      opinions[i].date = data->opinions[i].date;
    }

  /* Two by two on the first page if they fit there and every opinion is
   * readable in a half-width block; else a page of their own.
   */
  ud_document_get_content_rect (document, &content);
  half = content.width / 2;
  compact = ud_document_get_remaining (document) >= 2 * OPINION_HEIGHT;
  for (guint i = 0; compact && i < G_N_ELEMENTS (opinions); i++)
    compact = ud_document_opinion_fits (document, half, OPINION_HEIGHT, &opinions[i]);

  if (compact)
    {
      ud_document_add_opinions (document, opinions, G_N_ELEMENTS (opinions), 2, OPINION_HEIGHT);
    }
  else
    {
      ud_document_new_page (document);
      ud_document_add_opinions (document, opinions, G_N_ELEMENTS (opinions), 1, OPINION_TALL);
    }

  return g_steal_pointer (&document);
}

static void
sample_data (UdIllnessFormData *d)
{
  d->serial = g_strdup ("ILL-2024-000123");
  d->uuid = g_strdup ("0190f3a2-7c1e-7b3d-9a4f-2c8e5d6b1a70");
  d->application_date = g_strdup ("2024-03-05");
  d->fund = g_strdup ("北京市温暖基金区级专项");
  d->year = g_strdup ("2024");
  d->name = g_strdup ("张秀英");
  d->sex = g_strdup ("女");
  d->birth_date = g_strdup ("1978-06-12");
  d->id_number = g_strdup ("11010519780612002X");
  d->unit = g_strdup ("北京市朝阳区某某机械制造有限公司");
  d->street = g_strdup ("朝阳区和平街街道");
  d->phone = g_strdup ("13801234567");
  d->card_number = g_strdup ("BJ2010034567");
  d->model_worker = g_strdup ("区级劳动模范");
  d->archived = TRUE;
  d->patient_name = g_strdup ("张秀英");
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
  d->documents = g_strdup ("id_copy,card_number,bank_card,diagnosis,discharge,invoices,approval_form");
  d->paid_on = NULL;
  d->payment_method = g_strdup ("银行转账");
  d->notice_from = g_strdup ("2024-03-20");
  d->notice_to = g_strdup ("2024-03-26");
}

double
ud_illness_form_bench (guint  iterations,
                       gsize *pdf_size)
{
  g_auto(UdIllnessFormData) data = { 0 };
  gint64 start = 0;
  gint64 elapsed;
  gsize size = 0;

  g_return_val_if_fail (iterations > 0, 0);

  sample_data (&data);

  /* The warm-up form loads the fonts; it is not counted. */
  for (guint i = 0; i <= iterations; i++)
    {
      g_autoptr(UdDocument) document = NULL;
      g_autoptr(GBytes) pdf = NULL;
      g_autoptr(GError) error = NULL;

      if (i == 1)
        start = g_get_monotonic_time ();

      document = ud_illness_form_build (&data, &error);
      if (document != NULL)
        pdf = ud_document_to_pdf (document, &error);
      if (pdf == NULL)
        {
          g_critical ("The sample illness relief form failed: %s", error->message);
          return -1;
        }
      size = g_bytes_get_size (pdf);
    }
  elapsed = g_get_monotonic_time () - start;

  if (pdf_size != NULL)
    *pdf_size = size;

  return elapsed / 1000.0 / iterations;
}
