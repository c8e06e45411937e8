/* ud-hardship-print.c — the archive form, the receipt list and the public notice list
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-hardship-print"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ud-hardship-print.h"
#include "ud-aid-kind.h"
#include "ud-aid-store.h"
#include "ud-audit.h"
#include "ud-grid.h"
#include "ud-hardship-kind.h"
#include "ud-hardship-rules.h"
#include "ud-hardship-store.h"
#include "ud-idcard.h"
#include "ud-member-kind.h"
#include "ud-money.h"
#include "ud-permission.h"
#include "ud-record-store.h"
#include "ud-trail.h"

/* The printed papers are Chinese, whatever the language on screen: their
 * labels are the fields' own headers (UdField.csv_header) and the choices'
 * own words (UdChoice.csv), and the words below. */
#define ARCHIVE_TITLE    "困难职工建档审批表"
#define RECEIPT_TITLE    "帮扶资金发放签收表"
#define NOTICE_TITLE     "困难职工建档公示名单"
#define QR_PREFIX        "uniondesk:hardship"
#define OPINION_HEIGHT   44.0
#define OPINION_TALL     60.0

#define ARCHIVE (&ud_kind_hardship_archive)
#define HOUSEHOLD (&ud_kind_hardship_household_member)
#define PAYMENT (&ud_kind_aid_payment)

static const UdPageSetup portrait = { UD_ORIENTATION_PORTRAIT, 12, 15, 14, 15 };

static const char *
keep (GPtrArray *strings,
      char      *text)
{
  g_ptr_array_add (strings, text);
  return text;
}

/* The field's header as the paper says it. */
static const char *
head (const UdKind *kind,
      const char   *field)
{
  return ud_kind_find_field (kind, field)->csv_header;
}

/* A value as the paper says it: the choices' Chinese words, money in
 * yuan; NULL (a blank cell) when empty. */
static const char *
paper (GPtrArray      *strings,
       const UdRecord *record,
       const char     *name)
{
  const UdField *field = ud_kind_find_field (record->kind, name);
  const char *value = ud_record_get (record, name);

  if (*value == '\0')
    return NULL;
  if (field->type == UD_FIELD_MONEY)
    return keep (strings, ud_money_format (g_ascii_strtoll (value, NULL, 10)));
  if (field->type == UD_FIELD_CHOICE)
    {
      g_auto(GStrv) codes = g_strsplit (value, ",", -1);
      g_autoptr(GString) words = g_string_new (NULL);

      for (guint i = 0; codes[i] != NULL; i++)
        {
          const UdChoice *choice = ud_field_find_choice (field, codes[i]);

          if (words->len > 0)
            g_string_append (words, "、");
          g_string_append (words, choice != NULL && choice->csv != NULL ? choice->csv : codes[i]);
        }
      return keep (strings, g_string_free (g_steal_pointer (&words), FALSE));
    }

  return value;
}

static void
pair (UdGrid         *grid,
      GPtrArray      *strings,
      const UdRecord *record,
      const char     *field,
      guint           colspan)
{
  ud_grid_add_label (grid, 1, head (record->kind, field));
  ud_grid_add_value (grid, colspan, paper (strings, record, field));
}

static void
section (UdGrid     *grid,
         guint       columns,
         const char *title)
{
  UdCellStyle style = { columns, 0, TRUE, { UD_FONT_SANS, 10.5, 0, TRUE, UD_ALIGN_START, UD_ALIGN_CENTER, 0 } };

  ud_grid_add_row (grid, 7, 0);
  ud_grid_add_cell (grid, title, &style);
}

static gboolean
require_print (UdDatabase  *db,
               GError     **error)
{
  return ud_database_require (db, UD_PERMISSION_PRINT_FORMS, error);
}

/* ---- the archive form -------------------------------------------------- */

static UdGrid *
member_block (GPtrArray      *strings,
              const UdRecord *archive,
              const UdRecord *member)
{
  static const double weights[] = { 1.1, 1.6, 1.1, 1.6, 1.1, 1.6 };
  UdGrid *grid = ud_grid_new (G_N_ELEMENTS (weights), weights);

  ud_grid_add_row (grid, 7, 0);
  pair (grid, strings, archive, "member_name", 1);
  if (member != NULL)
    {
      pair (grid, strings, member, "sex", 1);
      pair (grid, strings, member, "birth_date", 1);
    }
  else
    {
      ud_grid_add_label (grid, 1, head (&ud_kind_member, "sex"));
      ud_grid_add_value (grid, 1, NULL);
      ud_grid_add_label (grid, 1, head (&ud_kind_member, "birth_date"));
      ud_grid_add_value (grid, 1, NULL);
    }
  ud_grid_add_row (grid, 7, 0);
  pair (grid, strings, archive, "id_number", 3);
  pair (grid, strings, archive, "employment", 1);
  ud_grid_add_row (grid, 7, 0);
  pair (grid, strings, archive, "unit_name", 3);
  pair (grid, strings, archive, "street", 1);
  ud_grid_add_row (grid, 7, 0);
  ud_grid_add_label (grid, 1, head (&ud_kind_member, "phone"));
  ud_grid_add_value (grid, 1, member != NULL ? paper (strings, member, "phone") : NULL);
  pair (grid, strings, archive, "household_size", 1);
  pair (grid, strings, archive, "housing", 1);
  if (g_str_equal (ud_record_get (archive, "employment"), "migrant"))
    {
      ud_grid_add_row (grid, 7, 0);
      pair (grid, strings, archive, "employed_months", 1);
      pair (grid, strings, archive, "single_parent", 3);
    }
  else
    {
      ud_grid_add_row (grid, 7, 0);
      pair (grid, strings, archive, "single_parent", 5);
    }

  return grid;
}

static UdGrid *
household_table (GPtrArray *strings,
                 GPtrArray *people)
{
  static const char * const columns[] = { "name", "relation", "id_number", "birth_date", "health", "work", "income_12m" };
  static const double weights[] = { 1.1, 1.0, 2.2, 1.3, 1.0, 2.4, 1.2 };
  UdGrid *grid = ud_grid_new (G_N_ELEMENTS (weights), weights);

  section (grid, G_N_ELEMENTS (columns), "家庭成员情况");
  ud_grid_add_row (grid, 7, 0);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    ud_grid_add_label (grid, 1, head (HOUSEHOLD, columns[c]));
  /* A long household continues on the next page under its head. */
  ud_grid_set_header_rows (grid, 2);

  for (guint i = 0; i < people->len; i++)
    {
      UdRecord *person = g_ptr_array_index (people, i);

      ud_grid_add_row (grid, 7, 0);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        ud_grid_add_value (grid, 1, paper (strings, person, columns[c]));
    }
  if (people->len == 0)
    {
      ud_grid_add_row (grid, 7, 0);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        ud_grid_add_value (grid, 1, NULL);
    }

  return grid;
}

static UdGrid *
economy_block (GPtrArray      *strings,
               const UdRecord *archive,
               const char     *next_visit)
{
  static const double weights[] = { 1.15, 1.25, 1.15, 1.25, 1.15, 1.25, 1.15, 1.25 };
  static const char * const flags[] = { "two_homes", "employs_others", "private_school" };
  static const char * const amounts[] = {
    "income_wages", "income_business", "income_property", "income_transfer",
    "income_other", "income_12m", "medical", "education",
    "disability_care", "work_costs", "losses", "per_capita",
    "low_income_line", "computed_category", "category", "archived_on",
  };
  UdGrid *grid = ud_grid_new (G_N_ELEMENTS (weights), weights);
  g_autoptr(GString) exclusions = g_string_new (NULL);
  const char *notice = NULL;

  section (grid, G_N_ELEMENTS (weights), "家庭收入及刚性支出（申请前12个月）");
  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      if (i % 4 == 0)
        ud_grid_add_row (grid, 7, 7.5);
      pair (grid, strings, archive, amounts[i], 1);
    }
  ud_grid_add_row (grid, 7, 14);
  pair (grid, strings, archive, "category_reason", 7);

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    if (g_str_equal (ud_record_get (archive, flags[i]), "yes"))
      {
        if (exclusions->len > 0)
          g_string_append (exclusions, "、");
        g_string_append (exclusions, head (ARCHIVE, flags[i]));
      }
  if (*ud_record_get (archive, "exclusion_override") != '\0')
    g_string_append_printf (exclusions, "（特批理由：%s）", ud_record_get (archive, "exclusion_override"));
  ud_grid_add_row (grid, 7, 7.5);
  ud_grid_add_label (grid, 1, "排除情形");
  ud_grid_add_value (grid, 3, exclusions->len > 0 ? keep (strings, g_strdup (exclusions->str)) : "无");
  pair (grid, strings, archive, "cause_main", 1);
  pair (grid, strings, archive, "causes_other", 1);

  if (*ud_record_get (archive, "notice_from") != '\0')
    notice = keep (strings, g_strdup_printf ("%s 至 %s", ud_record_get (archive, "notice_from"),
                                             ud_record_get (archive, "notice_to")));
  ud_grid_add_row (grid, 7, 7.5);
  pair (grid, strings, archive, "home_visit_on", 1);
  ud_grid_add_label (grid, 1, "公示期");
  ud_grid_add_value (grid, 3, notice);
  ud_grid_add_label (grid, 1, "核查授权");
  ud_grid_add_value (grid, 1, g_str_equal (ud_record_get (archive, "consent_signed"), "yes")
                              ? keep (strings, g_strdup_printf ("已签 %s", ud_record_get (archive, "consent_date")))
                              : "未签署");
  ud_grid_add_row (grid, 7, 14);
  pair (grid, strings, archive, "evidence", 7);
  ud_grid_add_row (grid, 7, 7.5);
  pair (grid, strings, archive, "contact_person", 1);
  pair (grid, strings, archive, "contact_phone", 1);
  ud_grid_add_label (grid, 1, "下次走访");
  ud_grid_add_value (grid, 3, next_visit != NULL && *next_visit != '\0' ? next_visit : NULL);

  return grid;
}

/* The opinions of the round in progress (since the last return), by
 * step. */
static void
fill_opinions (GPtrArray  *trail,
               UdOpinion  *opinions,
               const char * const *steps,
               guint       n)
{
  for (guint i = 0; i < trail->len; i++)
    {
      UdTrailStep *entry = g_ptr_array_index (trail, i);

      if (g_str_equal (entry->step, "return"))
        for (guint s = 0; s < n; s++)
          opinions[s].opinion = opinions[s].signer = opinions[s].date = NULL;
      for (guint s = 0; s < n; s++)
        if (g_str_equal (entry->step, steps[s]))
          {
            opinions[s].opinion = entry->opinion;
            opinions[s].signer = entry->signer;
            opinions[s].date = entry->signed_on;
          }
    }
}

UdDocument *
ud_hardship_archive_form_build (UdDatabase      *db,
                                const UdRecord  *archive,
                                GError         **error)
{
  static const char * const steps[] = { "submit", "street", "review", "approve" };
  static const char * const headings[] = {
    "基层工会初审意见", "街道（乡镇）工会审核意见", "区总工会帮扶中心审核意见", "区总工会审批意见",
  };
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(UdGrid) block = NULL;
  g_autoptr(UdGrid) household = NULL;
  g_autoptr(UdGrid) economy = NULL;
  g_autofree char *next_visit = NULL;
  g_autofree char *metadata = NULL;
  g_autofree char *note = NULL;
  g_autofree char *payload = NULL;
  UdOpinion opinions[G_N_ELEMENTS (steps)] = { { 0 } };
  UdDocumentHeader header = { 0 };
  UdRect content;
  gboolean compact;

  g_return_val_if_fail (archive != NULL && archive->kind == ARCHIVE, NULL);

  if (!require_print (db, error) ||
      (people = ud_hardship_store_household (db, archive, error)) == NULL ||
      (trail = ud_trail_list (db, ARCHIVE, archive->uuid, error)) == NULL ||
      (next_visit = ud_hardship_next_visit_due (db, archive, error)) == NULL)
    return NULL;
  member = ud_record_store_get_by_uuid (db, &ud_kind_member, ud_record_get (archive, "member_uuid"), NULL);

  metadata = g_strdup_printf ("%s %s", ARCHIVE_TITLE, ud_record_get (archive, "serial"));
  document = ud_document_new (metadata, &portrait);
  note = g_strdup_printf ("申请日期：%s　　金额单位：元", ud_record_get (archive, "application_date"));
  payload = g_strdup_printf ("%s:%s:%s", QR_PREFIX, archive->uuid, ud_record_get (archive, "serial"));
  header.title = ARCHIVE_TITLE;
  header.note = note;
  header.serial = ud_record_get (archive, "serial");
  header.qr_payload = payload;
  header.repeat = TRUE;
  if (!ud_document_set_header (document, &header, error))
    return NULL;

  block = member_block (strings, archive, member);
  household = household_table (strings, people);
  economy = economy_block (strings, archive, next_visit);
  ud_document_add_grid (document, block);
  ud_document_add_grid (document, household);
  ud_document_add_grid (document, economy);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    opinions[i].heading = headings[i];
  fill_opinions (trail, opinions, steps, G_N_ELEMENTS (steps));

  /* Two by two under the tables when they fit there, else on a page of
   * their own. */
  ud_document_get_content_rect (document, &content);
  compact = ud_document_get_remaining (document) >= 2 * OPINION_HEIGHT + 2;
  for (guint i = 0; compact && i < G_N_ELEMENTS (opinions); i++)
    compact = ud_document_opinion_fits (document, content.width / 2, OPINION_HEIGHT, &opinions[i]);
  if (compact)
    {
      ud_document_add_space (document, 2);
      ud_document_add_opinions (document, opinions, G_N_ELEMENTS (opinions), 2, OPINION_HEIGHT);
    }
  else
    {
      ud_document_new_page (document);
      ud_document_add_opinions (document, opinions, G_N_ELEMENTS (opinions), 1, OPINION_TALL);
    }

  return g_steal_pointer (&document);
}

/* ---- the receipt list --------------------------------------------------- */

typedef struct
{
  GArray   *amounts;    /* UdFen, one per line */
  UdFen     total;
} Subtotals;

static void
subtotals_free (gpointer data)
{
  Subtotals *s = data;

  g_array_unref (s->amounts);
  g_free (s);
}

static void
receipt_page_foot (UdGrid   *footer,
                   guint     first_row,
                   guint     n_rows,
                   gboolean  last_page,
                   gpointer  user_data)
{
  Subtotals *s = user_data;
  UdCellStyle label = { 4, 0, TRUE, { UD_FONT_SANS, 10.5, 0, TRUE, UD_ALIGN_END, UD_ALIGN_CENTER, 0 } };
  UdCellStyle figure = { 2, 0, TRUE, { UD_FONT_SANS, 10.5, 0, TRUE, UD_ALIGN_START, UD_ALIGN_CENTER, 0 } };
  UdCellStyle rest = { 2, 0, TRUE, { 0 } };
  UdFen sum = 0;
  g_autofree char *count = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *sum_text = NULL;

  for (guint i = first_row; i < first_row + n_rows && i < s->amounts->len; i++)
    sum += g_array_index (s->amounts, UdFen, i);
  figures = ud_money_format (sum);
  sum_text = g_strdup_printf ("￥%s", figures);
  count = g_strdup_printf ("本页小计（%u 人）", n_rows);

  ud_grid_add_row (footer, 8, 0);
  ud_grid_add_cell (footer, count, &label);
  ud_grid_add_cell (footer, sum_text, &figure);
  ud_grid_add_cell (footer, NULL, &rest);

  if (last_page)
    {
      UdCellStyle whole = { 8, 0, TRUE, { UD_FONT_SANS, 10.5, 0, TRUE, UD_ALIGN_START, UD_ALIGN_CENTER, 0 } };
      g_autofree char *capitals = ud_document_format_amount (s->total);
      g_autofree char *total = g_strdup_printf ("合计（%u 人）：%s", s->amounts->len, capitals);

      ud_grid_add_row (footer, 9, 0);
      ud_grid_add_cell (footer, total, &whole);
    }
}

UdDocument *
ud_aid_receipt_list_build (UdDatabase      *db,
                           const UdRecord  *batch,
                           GError         **error)
{
  /* An 18-digit ID number and a date each on one line. */
  static const double weights[] = { 0.6, 1.1, 2.8, 1.6, 1.2, 1.2, 1.5, 1.6 };
  static const char * const heads[] = { "序号", "姓名", "身份证号", "所属家庭/对象", "金额", "发放方式", "本人签名", "签收日期" };
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(UdGrid) grid = NULL;
  g_autofree char *metadata = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *note = NULL;
  UdDocumentHeader header = { 0 };
  UdCellStyle number = { 1, 0, FALSE, { UD_FONT_SANS, 10.5, 0, FALSE, UD_ALIGN_END, UD_ALIGN_CENTER, 0 } };
  Subtotals *s;
  gboolean whole_ids;

  g_return_val_if_fail (batch != NULL && batch->kind == &ud_kind_aid_batch, NULL);

  if (!require_print (db, error) || (payments = ud_aid_batch_payments (db, batch, error)) == NULL)
    return NULL;
  if (payments->len == 0)
    {
      g_set_error (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_EMPTY,
                   /* TRANSLATORS: a batch's number */
                   _("Batch %s has nobody on it yet: there is no receipt list to print."), ud_record_get (batch, "serial"));
      return NULL;
    }
  whole_ids = ud_database_may (db, UD_PERMISSION_SEE_FULL_IDS);

  metadata = g_strdup_printf ("%s %s", RECEIPT_TITLE, ud_record_get (batch, "serial"));
  document = ud_document_new (metadata, &portrait);
  subtitle = g_strdup_printf ("%s　%s年度%s%s", ud_record_get (batch, "programme_name"), ud_record_get (batch, "year"),
                              *ud_record_get (batch, "title") != '\0' ? "　" : "", ud_record_get (batch, "title"));
  note = g_strdup_printf ("发放单位：%s　　金额单位：元", ud_database_get_office_name (db));
  header.title = RECEIPT_TITLE;
  header.subtitle = subtitle;
  header.note = note;
  header.serial = ud_record_get (batch, "serial");
  header.repeat = TRUE;
  if (!ud_document_set_header (document, &header, error))
    return NULL;

  grid = ud_grid_new (G_N_ELEMENTS (weights), weights);
  ud_grid_add_row (grid, 8, 0);
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    ud_grid_add_label (grid, 1, heads[c]);
  ud_grid_set_header_rows (grid, 1);

  s = g_new0 (Subtotals, 1);
  s->amounts = g_array_new (FALSE, FALSE, sizeof (UdFen));
  for (guint i = 0; i < payments->len; i++)
    {
      UdRecord *payment = g_ptr_array_index (payments, i);
      UdFen amount = ud_record_get_int (payment, "amount");
      const char *household = ud_record_get (payment, "household");
      const char *class = paper (strings, payment, "recipient_class");

      g_array_append_val (s->amounts, amount);
      s->total += amount;

      /* A signature needs room: 10 mm a line. */
      ud_grid_add_row (grid, 10, 0);
      ud_grid_add_value (grid, 1, ud_record_get (payment, "line"));
      ud_grid_add_value (grid, 1, ud_record_get (payment, "name"));
      ud_grid_add_value (grid, 1, whole_ids ? ud_record_get (payment, "id_number")
                                            : keep (strings, ud_idcard_mask (ud_record_get (payment, "id_number"))));
      ud_grid_add_value (grid, 1, *household != '\0' ? keep (strings, g_strdup_printf ("%s　%s", household, class)) : class);
      ud_grid_add_cell (grid, keep (strings, ud_money_format (amount)), &number);
      ud_grid_add_value (grid, 1, paper (strings, payment, "method"));
      ud_grid_add_value (grid, 1, NULL);
      ud_grid_add_value (grid, 1, paper (strings, payment, "paid_on"));
    }
  ud_grid_set_page_func (grid, receipt_page_foot, s, subtotals_free);
  ud_document_add_grid (document, grid);

  ud_document_add_space (document, 6);
  ud_document_add_paragraph (document, "经办人：__________　审核人：__________　发放人：__________　日期：　　　年　　月　　日", NULL);

  return g_steal_pointer (&document);
}

/* ---- the public notice list ------------------------------------------------ */

UdDocument *
ud_hardship_notice_list_build (UdDatabase   *db,
                               const char   *from,
                               const char   *contact,
                               GPtrArray   **listed,
                               GError      **error)
{
  static const double weights[] = { 0.6, 1.1, 2.3, 2.6, 1.4, 1.1, 1.6 };
  static const char * const columns[] = { "member_name", "id_number", "unit_name", "street", "category", "cause_main" };
  UdRecordFilter noticed = { "status", UD_RECORD_FILTER_EQUALS, "noticed" };
  UdRecordQuery query = { ARCHIVE, NULL, &noticed, 1, "serial" };
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) archives = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(UdGrid) grid = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *note = NULL;
  g_autofree char *text = NULL;
  UdDocumentHeader header = { 0 };
  UdTextStyle body = { UD_FONT_SANS, 12, 0, FALSE, UD_ALIGN_START, UD_ALIGN_START, 0 };

  if (!require_print (db, error) || (all = ud_record_store_list (db, &query, error)) == NULL)
    return NULL;

  /* The latest notice begun, unless one is named. */
  start = g_strdup (from);
  if (start == NULL)
    for (guint i = 0; i < all->len; i++)
      {
        const char *begun = ud_record_get (g_ptr_array_index (all, i), "notice_from");

        if (start == NULL || strcmp (begun, start) > 0)
          {
            g_free (start);
            start = g_strdup (begun);
          }
      }
  for (guint i = 0; start != NULL && i < all->len; i++)
    {
      UdRecord *archive = g_ptr_array_index (all, i);

      if (!g_str_equal (ud_record_get (archive, "notice_from"), start))
        continue;
      g_ptr_array_add (archives, ud_record_ref (archive));
      if (end == NULL || strcmp (ud_record_get (archive, "notice_to"), end) > 0)
        {
          g_free (end);
          end = g_strdup (ud_record_get (archive, "notice_to"));
        }
    }
  if (archives->len == 0)
    {
      if (from != NULL)
        g_set_error (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_EMPTY,
                     /* TRANSLATORS: a date */
                     _("No archive is in a public notice begun on %s."), from);
      else
        g_set_error_literal (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_EMPTY,
                             _("No archive is in public notice."));
      return NULL;
    }

  document = ud_document_new (NOTICE_TITLE, &portrait);
  note = g_strdup_printf ("公示期：%s 至 %s", start, end);
  header.title = NOTICE_TITLE;
  header.subtitle = ud_database_get_office_name (db);
  header.note = note;
  header.repeat = TRUE;
  if (!ud_document_set_header (document, &header, error))
    return NULL;

  text = g_strdup_printf ("经基层工会初审、街道（乡镇）工会审核和区总工会帮扶中心审核，以下 %u 户职工家庭拟建立困难职工档案，现予公示。",
                          archives->len);
  ud_document_add_paragraph (document, text, &body);
  ud_document_add_space (document, 3);

  grid = ud_grid_new (G_N_ELEMENTS (weights), weights);
  ud_grid_add_row (grid, 8, 0);
  ud_grid_add_label (grid, 1, "序号");
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    ud_grid_add_label (grid, 1, head (ARCHIVE, columns[c]));
  ud_grid_set_header_rows (grid, 1);
  for (guint i = 0; i < archives->len; i++)
    {
      UdRecord *archive = g_ptr_array_index (archives, i);

      ud_grid_add_row (grid, 8, 0);
      ud_grid_add_value (grid, 1, keep (strings, g_strdup_printf ("%u", i + 1)));
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        /* A public list never shows a whole ID number. */
        ud_grid_add_value (grid, 1, g_str_equal (columns[c], "id_number")
                                    ? keep (strings, ud_idcard_mask (ud_record_get (archive, "id_number")))
                                    : paper (strings, archive, columns[c]));
    }
  ud_document_add_grid (document, grid);

  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("公示期间，如对公示名单有异议，请以书面或电话形式向%s反映。联系人及电话：%s",
                          ud_database_get_office_name (db),
                          contact != NULL && *contact != '\0' ? contact : "______________________");
  ud_document_add_space (document, 5);
  ud_document_add_paragraph (document, text, &body);
  ud_document_add_space (document, 8);
  body.align = UD_ALIGN_END;
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%s\n%s", ud_database_get_office_name (db), start);
  ud_document_add_paragraph (document, text, &body);

  if (listed != NULL)
    *listed = g_steal_pointer (&archives);
  return g_steal_pointer (&document);
}

gboolean
ud_hardship_print_write_pdf (UdDatabase  *db,
                             UdDocument  *document,
                             GPtrArray   *records,
                             const char  *path,
                             GError     **error)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (UD_IS_DOCUMENT (document), FALSE);

  if (!require_print (db, error) || !ud_document_write_pdf (document, path, error))
    return FALSE;

  /* A print that is not in the trail does not happen. */
  what = g_strdup_printf ("%s → %s", ud_document_get_title (document), path);
  if (!ud_database_begin (db, error))
    goto failed;
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const UdRecord *record = g_ptr_array_index (records, i);

      if (!ud_database_audit_print (db, record->kind->name, record->uuid, what, error))
        {
          ud_database_rollback (db);
          goto failed;
        }
    }
  if (!ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      goto failed;
    }
  return TRUE;

failed:
  g_unlink (path);
  return FALSE;
}
