/* ud-cli-hardship.c — `uniondesk-cli hardship`: the category quote, archives and their workflow
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ud-cli.h"
#include "ud-hardship-rules.h"

#define HARDSHIP_USAGE \
  "hardship quote CASE.json"

/* ---- quote ---------------------------------------------------------- */

/* The low-income line of the office named by --db when it is set up,
 * else the shipped one.  A database that does not exist is not created:
 * a quote touches nothing. */
static UdHardshipRules *
quote_rules (UdCliContext  *ctx,
             GError       **error)
{
  g_autoptr(UdDatabase) db = NULL;

  if (!g_file_test (ctx->db_path, G_FILE_TEST_EXISTS))
    return ud_hardship_rules_new_default (error);

  db = ud_database_open_readonly (ctx->db_path, error);
  if (db == NULL)
    return NULL;
  if (!ud_database_is_initialized (db))
    return ud_hardship_rules_new_default (error);

  return ud_hardship_rules_load (db, error);
}

static int
hardship_quote (UdCliContext  *ctx,
                int            argc,
                char         **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdHardshipRules) rules = NULL;
  g_auto(UdHardshipQuote) quote = { 0, };
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  UdHardshipCase c;
  const char *shown;

  context = g_option_context_new (_("CASE.json"));
  g_option_context_set_summary (context,
                                _("Compute the hardship category of one household under the rules in force on its date.\n"
                                  "“-” reads the case from standard input. The answer is one JSON object; nothing is stored.\n"
                                  "The low-income line is that of the office named by --db when it is set up, else the shipped one."));
  if (!ud_cli_parse (context, &argc, &argv))
    return UD_CLI_USAGE;
  if (argc != 2)
    return ud_cli_usage ("hardship quote CASE.json");

  shown = strcmp (argv[1], "-") == 0 ? _("standard input") : argv[1];
  text = ud_cli_read_input (argv[1], &error);
  if (text == NULL)
    {
      ud_cli_fail (_("Cannot read the case: %s."), error->message);
      return UD_CLI_FAILED;
    }

  rules = quote_rules (ctx, &error);
  if (rules == NULL)
    {
      ud_cli_fail (_("The hardship rules cannot be read: %s"), error->message);
      return UD_CLI_FAILED;
    }

  if (!ud_hardship_case_from_json (text, &c, &error) || !ud_hardship_quote (rules, &c, &quote, &error))
    {
      /* TRANSLATORS: the case file, then which field is wrong and why */
      ud_cli_fail (_("Cannot quote “%s”: %s."), shown, error->message);
      return UD_CLI_FAILED;
    }

  json = ud_hardship_quote_to_json (&quote);
  printf ("%s\n", json);
  return UD_CLI_OK;
}

int
ud_cli_hardship (UdCliContext  *ctx,
                 int            argc,
                 char         **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "quote"))
    return hardship_quote (ctx, argc - 1, argv + 1);

  return ud_cli_usage (HARDSHIP_USAGE);
}
