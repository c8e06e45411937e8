/* ud-cli-report.c — uniondesk-cli report: the statistics report, PDF or JSON
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ud-cli.h"
#include "ud-report.h"

#define REPORT_USAGE \
  "report --period YEAR [--quarter N|--month N] [--street STREET] (-o OUT.pdf | --json) [--as USER]"

int
ud_cli_report (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdReport) report = NULL;
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *as = NULL;
  g_autofree char *street = NULL;
  int period = 0, quarter = 0, month = 0;
  gboolean json = FALSE;
  UdReportScope scope = { 0 };
  const GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_INT, &period, N_("The year of the report"), N_("YEAR") },
    { "quarter", 0, 0, G_OPTION_ARG_INT, &quarter, N_("Only this quarter of the year (1–4)"), N_("N") },
    { "month", 0, 0, G_OPTION_ARG_INT, &month, N_("Only this month of the year (1–12)"), N_("N") },
    { "street", 0, 0, G_OPTION_ARG_STRING, &street, N_("Only this street or township (default the whole district)"), N_("STREET") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the report as PDF to this file"), N_("OUT.pdf") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the figures as JSON"), NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("The statistics report of a year, a quarter or a month, for the district or one street: "
                                            "its tables with totals, charts and summary as an A4 PDF, or its figures as JSON."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1 || period == 0 || (output == NULL && !json))
    return ud_cli_usage (REPORT_USAGE);

  scope.year = period > 0 ? (guint) period : 0;
  scope.quarter = quarter >= 0 ? (guint) quarter : 99;
  scope.month = month >= 0 ? (guint) month : 99;
  scope.street = street;
  if (!ud_report_scope_check (&scope, &error))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_USAGE;
    }

  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;

  report = ud_report_compute (db, &scope, FALSE, NULL, &error);
  if (report == NULL)
    return ud_cli_fail_with (error);

  if (output != NULL)
    {
      document = ud_report_document (report);
      if (!ud_document_write_pdf (document, output, &error))
        return ud_cli_fail_with (error);
      if (!json)
        /* TRANSLATORS: a document's title, then a file */
        printf (_("%s is in %s (%u pages)\n"), ud_document_get_title (document), output,
                ud_document_get_n_pages (document));
    }

  if (json)
    {
      g_autoptr(JsonNode) root = ud_report_to_json (report);

      ud_cli_print_json (root);
    }

  return UD_CLI_OK;
}
