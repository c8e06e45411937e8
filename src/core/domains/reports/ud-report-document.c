/* ud-report-document.c — the statistics report (统计报表) as an A4 document
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-report.h"
#include "ud-chart.h"
#include "ud-grid.h"
#include "ud-money.h"

UdChart *
ud_report_chart_new (const UdReportChart *source)
{
  UdChart *chart = ud_chart_new ((UdChartKind) source->kind, source->title);
  guint n = g_strv_length (source->categories);

  ud_chart_set_categories (chart, (const char * const *) source->categories);
  for (guint s = 0; s < source->series_names->len; s++)
    ud_chart_add_series (chart, g_ptr_array_index (source->series_names, s),
                         &g_array_index (source->values, gint64, s * n), n);
  if (source->unit == UD_REPORT_FEN)
    ud_chart_set_format (chart, ud_chart_format_wan_yuan, NULL, NULL);

  return chart;
}

static void
add_heading (UdDocument *document,
             const char *text)
{
  UdTextStyle style = { .size = 12, .bold = TRUE };

  /* A heading stays with the start of what it heads. */
  ud_document_ensure_space (document, 30);
  ud_document_add_space (document, 4);
  ud_document_add_paragraph (document, text, &style);
  ud_document_add_space (document, 1.5);
}

static void
add_table (UdDocument          *document,
           const UdReportTable *table)
{
  g_autoptr(UdGrid) grid = NULL;
  double weights[UD_REPORT_MAX_COLUMNS + 1];
  UdCellStyle number = { .text = { .size = 10, .align = UD_ALIGN_END, .valign = UD_ALIGN_CENTER } };
  UdCellStyle name = { .text = { .size = 10, .valign = UD_ALIGN_CENTER } };
  UdCellStyle total_number = number;
  UdCellStyle total_name = name;

  total_number.text.bold = TRUE;
  total_name.text.bold = TRUE;
  total_name.shaded = TRUE;
  weights[0] = 2.2;
  for (guint c = 0; c < table->n_columns; c++)
    weights[c + 1] = 1;

  add_heading (document, table->title);
  grid = ud_grid_new (table->n_columns + 1, weights);
  ud_grid_set_header_rows (grid, 1);
  ud_grid_add_row (grid, 8, 0);
  /* TRANSLATORS: the first column's heading of a report's table */
  ud_grid_add_label (grid, 1, _("Item"));
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autofree char *heading = table->units[c] == UD_REPORT_FEN
        /* TRANSLATORS: a money column's heading, "金额（元）" */
        ? g_strdup_printf (_("%s (yuan)"), table->columns[c]) : g_strdup (table->columns[c]);

      ud_grid_add_label (grid, 1, heading);
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      const UdReportRow *row = g_ptr_array_index (table->rows, r);

      ud_grid_add_row (grid, 7, 0);
      ud_grid_add_cell (grid, row->label, &name);
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_autofree char *value = ud_report_format_value (table->units[c], row->values[c]);

          ud_grid_add_cell (grid, value, &number);
        }
    }
  if (table->has_total)
    {
      ud_grid_add_row (grid, 7, 0);
      /* TRANSLATORS: the total row of a report's table */
      ud_grid_add_cell (grid, C_("report table", "Total"), &total_name);
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_autofree char *value = ud_report_format_value (table->units[c], ud_report_table_total (table, c));

          ud_grid_add_cell (grid, value, &total_number);
        }
    }
  ud_document_add_grid (document, grid);

  /* Money in capitals too: the period's totals, or each amount of a
   * table without a total. */
  for (guint c = 0; c < table->n_columns; c++)
    {
      UdTextStyle style = { .size = 9.5 };

      if (table->units[c] != UD_REPORT_FEN || table->last_year[c])
        continue;
      if (table->has_total)
        {
          g_autofree char *amount = ud_document_format_amount (ud_report_table_total (table, c));
          /* TRANSLATORS: a column's total in figures and capitals: "金额合计：人民币（大写）…" */
          g_autofree char *line = g_strdup_printf (_("%s, total: %s"), table->columns[c], amount);

          ud_document_add_space (document, 1);
          ud_document_add_paragraph (document, line, &style);
        }
      else
        for (guint r = 0; r < table->rows->len; r++)
          {
            const UdReportRow *row = g_ptr_array_index (table->rows, r);
            g_autofree char *amount = ud_document_format_amount (row->values[c]);
            /* TRANSLATORS: a row's amount in figures and capitals: "批准金额：人民币（大写）…" */
            g_autofree char *line = g_strdup_printf (_("%s: %s"), row->label, amount);

            ud_document_add_space (document, 1);
            ud_document_add_paragraph (document, line, &style);
          }
    }
}

UdDocument *
ud_report_document (const UdReport *report)
{
  UdPageSetup setup = { UD_ORIENTATION_PORTRAIT, 18, 18, 18, 18 };
  g_autoptr(UdDocument) document = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *note = NULL;
  g_autofree char *signed_line = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  UdDocumentHeader header = { 0 };
  UdTextStyle body = { .size = 10.5 };
  UdTextStyle end = { .size = 10.5, .align = UD_ALIGN_END };

  g_return_val_if_fail (report != NULL, NULL);

  /* TRANSLATORS: the title of the statistics report */
  document = ud_document_new (_("Statistics Report"), &setup);
  subtitle = report->scope.street != NULL
    /* TRANSLATORS: the report's subtitle: the office, the street, the period */
    ? g_strdup_printf (_("%s · %s · %s"), report->office, report->scope.street, report->period)
    /* TRANSLATORS: the report's subtitle: the office (the whole district), the period */
    : g_strdup_printf (_("%s · whole district · %s"), report->office, report->period);
  /* TRANSLATORS: the report's period, from and to: "统计期间：2024-01-01 至 2024-12-31" */
  note = g_strdup_printf (_("Period: %s to %s; compared with %s to %s"),
                          report->from, report->to, report->last_from, report->last_to);
  header.title = _("Statistics Report");
  header.subtitle = subtitle;
  header.note = note;
  ud_document_set_header (document, &header, NULL);

  /* The summary first: what the reader is asked for. */
  for (guint i = 0; i < report->summary->len; i++)
    {
      const char *sentence = g_ptr_array_index (report->summary, i);

      /* Chinese sentences follow each other; others with a space. */
      if (summary->len > 0 && summary->str[summary->len - 1] == '.')
        g_string_append_c (summary, ' ');
      g_string_append (summary, sentence);
    }
  /* TRANSLATORS: the heading of the report's summary */
  add_heading (document, _("Summary"));
  ud_document_add_paragraph (document, summary->str, &body);

  for (guint i = 0; i < report->tables->len; i++)
    add_table (document, g_ptr_array_index (report->tables, i));

  for (guint i = 0; i < report->charts->len; i++)
    {
      g_autoptr(UdChart) chart = ud_report_chart_new (g_ptr_array_index (report->charts, i));

      ud_document_add_space (document, 5);
      ud_document_add_chart (document, chart, 72);
    }

  ud_document_add_space (document, 10);
  ud_document_add_paragraph (document, report->office, &end);
  /* TRANSLATORS: the day the report was made, at its end: "制表日期：2024-12-31" */
  signed_line = g_strdup_printf (_("Made on %s"), report->today);
  ud_document_add_paragraph (document, signed_line, &end);

  return g_steal_pointer (&document);
}
