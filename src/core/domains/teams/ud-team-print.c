/* ud-team-print.c — a poverty-relief team's year as a PDF
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-team-print"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ud-aid-kind.h"
#include "ud-aid-store.h"
#include "ud-certificate.h"
#include "ud-grid.h"
#include "ud-money.h"
#include "ud-record-store.h"
#include "ud-team-kind.h"
#include "ud-team-print.h"
#include "ud-team-store.h"
#include "ud-validate.h"

/* The printed papers are Chinese, whatever the language on screen, like
 * the forms they replace. */
#define REPORT_TITLE "劳模扶贫队年度工作报告"

static const UdPageSetup portrait = { UD_ORIENTATION_PORTRAIT, 12, 15, 14, 15 };

static const char *
keep (GPtrArray *strings,
      char      *text)
{
  g_ptr_array_add (strings, text);
  return text;
}

/* A value as the paper says it: a choice's Chinese word, money in yuan. */
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
      const UdChoice *choice = ud_field_find_choice (field, value);

      return choice != NULL && choice->csv != NULL ? choice->csv : value;
    }
  return value;
}

static void
pair (UdGrid     *grid,
      const char *label,
      const char *value,
      guint       colspan)
{
  ud_grid_add_label (grid, 1, label);
  ud_grid_add_value (grid, colspan, value);
}

static void
heading (UdDocument *document,
         const char *text)
{
  UdTextStyle style = { UD_FONT_SERIF, 13, 0, TRUE, UD_ALIGN_START, UD_ALIGN_START, 0 };

  ud_document_add_space (document, 5);
  ud_document_add_paragraph (document, text, &style);
  ud_document_add_space (document, 2);
}

static gboolean
in_year (const char *date,
         guint       year)
{
  g_autofree char *prefix = g_strdup_printf ("%04u-", year);

  return g_str_has_prefix (date, prefix);
}

UdDocument *
ud_team_year_report_build (UdDatabase      *db,
                           const UdRecord  *team,
                           guint            year,
                           GPtrArray      **households_out,
                           GError         **error)
{
  static const double team_weights[] = { 1.2, 2.0, 1.2, 2.0 };
  static const double total_weights[] = { 2.0, 1.4, 2.0, 1.4 };
  static const double activity_weights[] = { 1.3, 0.8, 1.6, 2.0, 0.9, 1.2, 1.2, 3.0 };
  static const double project_weights[] = { 2.0, 1.3, 1.8, 2.6, 0.9, 1.3 };
  static const double aid_weights[] = { 0.6, 1.2, 1.8, 0.8, 1.4, 1.3, 1.3 };
  UdCellStyle number = { 1, 0, FALSE, { UD_FONT_SANS, 10.5, 0, FALSE, UD_ALIGN_END, UD_ALIGN_CENTER, 0 } };
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) households = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GArray) totals = NULL;
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(UdGrid) grid = NULL;
  g_autofree char *metadata = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *note = NULL;
  UdDocumentHeader header = { 0 };
  UdTeamYear *y;
  guint n_activities = 0, n_projects = 0, n_paid_lines = 0;
  UdFen aid_total = 0;

  g_return_val_if_fail (team != NULL && team->kind == &ud_kind_team, NULL);

  if (!ud_database_require (db, UD_PERMISSION_PRINT_FORMS, error) ||
      (members = ud_team_records (db, team, &ud_kind_team_member, error)) == NULL ||
      (households = ud_team_records (db, team, &ud_kind_assisted_household, error)) == NULL ||
      (activities = ud_team_records (db, team, &ud_kind_team_activity, error)) == NULL ||
      (projects = ud_team_records (db, team, &ud_kind_team_project, error)) == NULL ||
      (batches = ud_aid_batch_list (db, year, error)) == NULL ||
      (totals = ud_team_totals (db, team, year, error)) == NULL)
    return NULL;
  y = &g_array_index (totals, UdTeamYear, 0);

  metadata = g_strdup_printf ("%s %s %u", REPORT_TITLE, ud_record_get (team, "name"), year);
  document = ud_document_new (metadata, &portrait);
  subtitle = g_strdup_printf ("%s　%u年度", ud_record_get (team, "name"), year);
  note = g_strdup_printf ("填报单位：%s　　金额单位：元", ud_database_get_office_name (db));
  header.title = REPORT_TITLE;
  header.subtitle = subtitle;
  header.note = note;
  if (!ud_document_set_header (document, &header, error))
    return NULL;

  /* The team */
  heading (document, "一、队伍基本情况");
  grid = ud_grid_new (G_N_ELEMENTS (team_weights), team_weights);
  ud_grid_add_row (grid, 8, 0);
  pair (grid, "队伍名称", ud_record_get (team, "name"), 1);
  pair (grid, "成立日期", ud_record_get (team, "founded"), 1);
  ud_grid_add_row (grid, 8, 0);
  pair (grid, "队长", ud_record_get (team, "captain"), 1);
  pair (grid, "负责工会", ud_record_get (team, "responsible_union"), 1);
  ud_grid_add_row (grid, 8, 0);
  pair (grid, "结对地区", ud_record_get (team, "paired_locality"), 1);
  pair (grid, "状态", paper (strings, team, "status"), 1);
  ud_grid_add_row (grid, 8, 0);
  pair (grid, "队员人数", keep (strings, g_strdup_printf ("%u 人", members->len)), 1);
  pair (grid, "帮扶户数", keep (strings, g_strdup_printf ("%u 户", households->len)), 1);
  if (members->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < members->len; i++)
        {
          UdRecord *member = g_ptr_array_index (members, i);
          const char *title = paper (strings, member, "title_level");

          g_string_append_printf (names, "%s%s%s%s%s", i > 0 ? "；" : "", ud_record_get (member, "name"),
                                  title != NULL ? "（" : "", title != NULL ? title : "", title != NULL ? "）" : "");
        }
      ud_grid_add_row (grid, 8, 0);
      pair (grid, "队员", keep (strings, g_string_free (g_steal_pointer (&names), FALSE)), 3);
    }
  ud_document_add_grid (document, grid);
  g_clear_pointer (&grid, ud_grid_free);

  /* The year's figures */
  heading (document, "二、年度帮扶合计");
  grid = ud_grid_new (G_N_ELEMENTS (total_weights), total_weights);
  ud_grid_add_row (grid, 8, 0);
  ud_grid_add_label (grid, 1, "开展活动（次）");
  ud_grid_add_cell (grid, keep (strings, g_strdup_printf ("%u", y->activities)), &number);
  ud_grid_add_label (grid, 1, "活动帮扶户次");
  ud_grid_add_cell (grid, keep (strings, g_strdup_printf ("%" G_GINT64_FORMAT, y->households_reached)), &number);
  ud_grid_add_row (grid, 8, 0);
  ud_grid_add_label (grid, 1, "活动资金");
  ud_grid_add_cell (grid, keep (strings, ud_money_format (y->money)), &number);
  ud_grid_add_label (grid, 1, "物资折价");
  ud_grid_add_cell (grid, keep (strings, ud_money_format (y->goods_value)), &number);
  ud_grid_add_row (grid, 8, 0);
  ud_grid_add_label (grid, 1, "帮扶项目（个）");
  ud_grid_add_cell (grid, keep (strings, g_strdup_printf ("%u", y->projects)), &number);
  ud_grid_add_label (grid, 1, "项目折合金额");
  ud_grid_add_cell (grid, keep (strings, ud_money_format (y->project_value)), &number);
  ud_grid_add_row (grid, 8, 0);
  ud_grid_add_label (grid, 1, "发放帮扶金（户）");
  ud_grid_add_cell (grid, keep (strings, g_strdup_printf ("%u", y->households_aided)), &number);
  ud_grid_add_label (grid, 1, "帮扶金已发放");
  {
    g_autofree char *paid = ud_money_format (y->aid_paid);
    g_autofree char *committed = ud_money_format (y->aid_committed);

    ud_grid_add_cell (grid, keep (strings, g_strdup_printf ("%s / %s", paid, committed)), &number);
  }
  ud_grid_add_row (grid, 8, 0);
  ud_grid_add_label (grid, 1, "资金物资合计");
  ud_grid_add_value (grid, 3, keep (strings, ud_document_format_amount (y->money + y->goods_value + y->project_value + y->aid_paid)));
  ud_document_add_grid (document, grid);
  g_clear_pointer (&grid, ud_grid_free);

  /* Activities */
  heading (document, "三、帮扶活动");
  grid = ud_grid_new (G_N_ELEMENTS (activity_weights), activity_weights);
  ud_grid_add_row (grid, 8, 0);
  {
    static const char * const heads[] = { "日期", "类型", "地点", "参加队员", "帮扶户数", "资金", "物资折价", "活动内容" };

    for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
      ud_grid_add_label (grid, 1, heads[c]);
  }
  ud_grid_set_header_rows (grid, 1);
  for (guint i = 0; i < activities->len; i++)
    {
      UdRecord *activity = g_ptr_array_index (activities, i);

      if (!in_year (ud_record_get (activity, "date"), year))
        continue;
      n_activities++;
      ud_grid_add_row (grid, 8, 0);
      ud_grid_add_value (grid, 1, ud_record_get (activity, "date"));
      ud_grid_add_value (grid, 1, paper (strings, activity, "type"));
      ud_grid_add_value (grid, 1, ud_record_get (activity, "place"));
      ud_grid_add_value (grid, 1, ud_record_get (activity, "participants"));
      ud_grid_add_cell (grid, ud_record_get (activity, "households_reached"), &number);
      ud_grid_add_cell (grid, paper (strings, activity, "money"), &number);
      ud_grid_add_cell (grid, paper (strings, activity, "goods_value"), &number);
      ud_grid_add_value (grid, 1, ud_record_get (activity, "summary"));
    }
  if (n_activities == 0)
    {
      UdCellStyle all = { G_N_ELEMENTS (activity_weights), 0, FALSE, { UD_FONT_SANS, 10.5, 0, FALSE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, 0 } };

      ud_grid_add_row (grid, 8, 0);
      ud_grid_add_cell (grid, "本年度无活动记录", &all);
    }
  ud_document_add_grid (document, grid);
  g_clear_pointer (&grid, ud_grid_free);

  /* Projects */
  heading (document, "四、帮扶项目");
  grid = ud_grid_new (G_N_ELEMENTS (project_weights), project_weights);
  ud_grid_add_row (grid, 8, 0);
  {
    static const char * const heads[] = { "项目名称", "实施日期", "捐赠人", "项目内容", "受益户数", "折合金额" };

    for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
      ud_grid_add_label (grid, 1, heads[c]);
  }
  ud_grid_set_header_rows (grid, 1);
  for (guint i = 0; i < projects->len; i++)
    {
      UdRecord *project = g_ptr_array_index (projects, i);

      if (!in_year (ud_record_get (project, "started_on"), year))
        continue;
      n_projects++;
      ud_grid_add_row (grid, 8, 0);
      ud_grid_add_value (grid, 1, ud_record_get (project, "name"));
      ud_grid_add_value (grid, 1, ud_record_get (project, "started_on"));
      ud_grid_add_value (grid, 1, ud_record_get (project, "donor"));
      ud_grid_add_value (grid, 1, ud_record_get (project, "description"));
      ud_grid_add_cell (grid, ud_record_get (project, "households"), &number);
      ud_grid_add_cell (grid, paper (strings, project, "value"), &number);
    }
  if (n_projects == 0)
    {
      UdCellStyle all = { G_N_ELEMENTS (project_weights), 0, FALSE, { UD_FONT_SANS, 10.5, 0, FALSE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, 0 } };

      ud_grid_add_row (grid, 8, 0);
      ud_grid_add_cell (grid, "本年度无帮扶项目", &all);
    }
  ud_document_add_grid (document, grid);
  g_clear_pointer (&grid, ud_grid_free);

  /* Aid paid to the households in the year, batch by batch */
  heading (document, "五、帮扶户及帮扶金发放");
  grid = ud_grid_new (G_N_ELEMENTS (aid_weights), aid_weights);
  ud_grid_add_row (grid, 8, 0);
  {
    static const char * const heads[] = { "序号", "户主", "所在村", "人口", "致贫原因", "帮扶金", "发放日期" };

    for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
      ud_grid_add_label (grid, 1, heads[c]);
  }
  ud_grid_set_header_rows (grid, 1);
  /* What each household was given in the year's batches, read once. */
  {
    g_autoptr(GHashTable) given = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
    g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

    for (guint b = 0; b < batches->len; b++)
      {
        GPtrArray *payments = ud_aid_batch_payments (db, g_ptr_array_index (batches, b), error);

        if (payments == NULL)
          return NULL;
        g_ptr_array_add (lines, payments);
        for (guint p = 0; p < payments->len; p++)
          {
            UdRecord *payment = g_ptr_array_index (payments, p);
            GPtrArray *of_household;

            if (!g_str_equal (ud_record_get (payment, "recipient_kind"), ud_kind_assisted_household.name))
              continue;
            of_household = g_hash_table_lookup (given, ud_record_get (payment, "recipient_uuid"));
            if (of_household == NULL)
              {
                of_household = g_ptr_array_new ();
                g_ptr_array_add (lines, of_household);
                g_hash_table_insert (given, (gpointer) ud_record_get (payment, "recipient_uuid"), of_household);
              }
            g_ptr_array_add (of_household, payment);
          }
      }

  for (guint h = 0; h < households->len; h++)
    {
      UdRecord *household = g_ptr_array_index (households, h);
      GPtrArray *payments = g_hash_table_lookup (given, household->uuid);
      UdFen amount = 0;
      const char *paid_on = NULL;

      for (guint p = 0; payments != NULL && p < payments->len; p++)
        {
          UdRecord *payment = g_ptr_array_index (payments, p);

          amount += ud_record_get_int (payment, "amount");
          if (g_str_equal (ud_record_get (payment, "status"), "paid"))
            paid_on = ud_record_get (payment, "paid_on");
        }
      if (paid_on != NULL)
        n_paid_lines++;
      aid_total += amount;
      ud_grid_add_row (grid, 8, 0);
      ud_grid_add_value (grid, 1, keep (strings, g_strdup_printf ("%u", h + 1)));
      ud_grid_add_value (grid, 1, ud_record_get (household, "head"));
      ud_grid_add_value (grid, 1, ud_record_get (household, "village"));
      ud_grid_add_cell (grid, ud_record_get (household, "size"), &number);
      ud_grid_add_value (grid, 1, paper (strings, household, "cause"));
      ud_grid_add_cell (grid, amount > 0 ? keep (strings, ud_money_format (amount)) : NULL, &number);
      ud_grid_add_value (grid, 1, paid_on);
    }
  }
  ud_grid_add_row (grid, 8, 0);
  ud_grid_add_label (grid, 5, "合计");
  ud_grid_add_cell (grid, keep (strings, ud_money_format (aid_total)), &number);
  ud_grid_add_value (grid, 1, keep (strings, g_strdup_printf ("已发 %u 户", n_paid_lines)));
  ud_document_add_grid (document, grid);
  g_clear_pointer (&grid, ud_grid_free);

  ud_document_add_space (document, 8);
  ud_document_add_paragraph (document, "填报人：__________　审核人：__________　负责工会（盖章）　　　　日期：　　　年　　月　　日", NULL);

  if (households_out != NULL)
    *households_out = g_ptr_array_ref (households);
  return g_steal_pointer (&document);
}

/* ---- honour certificates ------------------------------------------------------ */

#define HONOUR_TITLE "荣誉证书"

char *
ud_team_honour_serial (UdDatabase     *db,
                       const UdRecord *team_member,
                       guint           year)
{
  g_autofree char *key = g_strdup_printf ("%s/%u", team_member->uuid, year);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_autofree char *short_digest = g_ascii_strup (digest, 8);

  return g_strdup_printf ("荣誉-%s-%u-%s", ud_database_get_district (db), year, short_digest);
}

UdDocument *
ud_team_honour_certificates_build (UdDatabase         *db,
                                   const UdRecord     *team,
                                   guint               year,
                                   const char * const *id_numbers,
                                   const char         *words,
                                   const char         *date,
                                   GPtrArray         **members_out,
                                   GError            **error)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) printed = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_autoptr(UdDocument) document = NULL;
  g_autofree char *metadata = NULL;
  g_autofree char *today = NULL;
  g_autofree char *team_line = NULL;
  g_autofree char *year_line = NULL;
  g_autofree char *thanks = NULL;
  GDate parsed;

  g_return_val_if_fail (team != NULL && team->kind == &ud_kind_team, NULL);

  if (!ud_database_require (db, UD_PERMISSION_PRINT_FORMS, error) ||
      (members = ud_team_records (db, team, &ud_kind_team_member, error)) == NULL)
    return NULL;

  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      date = today = g_date_time_format (now, "%Y-%m-%d");
    }
  else if (!ud_date_parse (date, &parsed, NULL))
    {
      g_set_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID,
                   /* TRANSLATORS: what was given */
                   _("Date: “%s” is not a date such as 2024-12-31."), date);
      return NULL;
    }

  for (guint i = 0; id_numbers != NULL && id_numbers[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint m = 0; m < members->len && !found; m++)
        found = g_str_equal (ud_record_get (g_ptr_array_index (members, m), "id_number"), id_numbers[i]);
      if (!found)
        {
          g_set_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_NOT_FOUND,
                       /* TRANSLATORS: an ID number, then a team's name */
                       _("No member of %2$s has the ID number %1$s."), id_numbers[i], ud_record_get (team, "name"));
          return NULL;
        }
    }
  for (guint m = 0; m < members->len; m++)
    {
      UdRecord *member = g_ptr_array_index (members, m);

      if (id_numbers == NULL || g_strv_contains (id_numbers, ud_record_get (member, "id_number")))
        g_ptr_array_add (printed, ud_record_ref (member));
    }
  if (printed->len == 0)
    {
      g_set_error (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_EMPTY,
                   /* TRANSLATORS: a team's name */
                   _("%s has no members yet: there is no certificate to print."), ud_record_get (team, "name"));
      return NULL;
    }

  metadata = g_strdup_printf ("%s %s %u", HONOUR_TITLE, ud_record_get (team, "name"), year);
  document = ud_certificate_document_new (metadata);
  team_line = g_strdup_printf ("所属队伍：%s", ud_record_get (team, "name"));
  year_line = g_strdup_printf ("年度：%u", year);
  thanks = words != NULL && *words != '\0'
           ? g_strdup (words)
           : g_strdup_printf ("在%u年度劳模扶贫工作中，您随%s赴%s开展结对帮扶，"
                              "发挥劳模示范作用，为帮扶群众脱贫增收作出了积极贡献。"
                              "特发此证，以资鼓励。",
                              year, ud_record_get (team, "name"), ud_record_get (team, "paired_locality"));

  for (guint i = 0; i < printed->len; i++)
    {
      UdRecord *member = g_ptr_array_index (printed, i);
      const char * const details[] = { team_line, year_line, NULL };
      g_autofree char *serial = ud_team_honour_serial (db, member, year);
      g_autofree char *qr = g_strdup_printf ("UD:HONOUR:%s", serial + strlen ("荣誉-"));
      UdCertificate certificate = {
        .title = HONOUR_TITLE,
        .recipient = ud_record_get (member, "name"),
        .body = thanks,
        .details = details,
        .issuer = ud_record_get (team, "responsible_union"),
        .date = date,
        .serial = serial,
        .qr_payload = qr,
      };

      if (!ud_certificate_add (document, &certificate, error))
        return NULL;
    }

  if (members_out != NULL)
    *members_out = g_ptr_array_ref (printed);
  return g_steal_pointer (&document);
}
