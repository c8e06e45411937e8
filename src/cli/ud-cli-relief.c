/* ud-cli-relief.c — `uniondesk-cli relief quote CASE.json`
 *
 * Copyright 2026 The UnionDesk developers
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ud-cli.h"
#include "ud-relief.h"

#define QUOTE_USAGE "relief quote CASE.json"

static char *
read_stdin (GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[8192];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_string_append_len (text, buffer, (gssize) n);

  if (ferror (stdin))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                           _("standard input could not be read"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Applies the rules in force on the case's date and prints the quote as
 * one JSON object; touches no record, so the database is not opened. */
static int
relief_quote (UdCliContext  *ctx,
              int            argc,
              char         **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdReliefRules) rules = NULL;
  g_autoptr(UdReliefCase) c = NULL;
  g_auto(UdReliefQuote) quote = { 0, };
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  const char *path;
  const char *shown;

  context = g_option_context_new (_("CASE.json"));
  g_option_context_set_summary (context,
                                _("Quote a serious-illness relief for one case under the rules in force on its date.\n"
                                  "“-” reads the case from standard input. The answer is one JSON object."));
  if (!ud_cli_parse (context, &argc, &argv))
    return UD_CLI_USAGE;

  if (argc != 2)
    return ud_cli_usage (QUOTE_USAGE);

  path = argv[1];
  if (strcmp (path, "-") == 0)
    {
      shown = _("standard input");
      text = read_stdin (&error);
    }
  else
    {
      shown = path;
      g_file_get_contents (path, &text, NULL, &error);
    }

  if (text == NULL)
    {
      ud_cli_fail (_("Cannot read the case: %s."), error->message);
      return UD_CLI_FAILED;
    }

  rules = ud_relief_rules_new_default (&error);
  if (rules == NULL)
    {
      ud_cli_fail (_("The relief rules shipped with UnionDesk are damaged: %s."), error->message);
      return UD_CLI_FAILED;
    }

  c = ud_relief_case_from_json (text, &error);
  if (c == NULL || !ud_relief_quote (rules, c, &quote, &error))
    {
      /* Translators: the first %s is the case file, the second says which
       * field is wrong and why. */
      ud_cli_fail (_("Cannot quote “%s”: %s."), shown, error->message);
      return UD_CLI_FAILED;
    }

  json = ud_relief_quote_to_json (&quote);
  printf ("%s\n", json);

  return UD_CLI_OK;
}

int
ud_cli_relief (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  g_return_val_if_fail (ctx != NULL, UD_CLI_USAGE);
  g_return_val_if_fail (argc >= 1, UD_CLI_USAGE);

  if (argc >= 2 && strcmp (argv[1], "quote") == 0)
    return relief_quote (ctx, argc - 1, argv + 1);

  if (argc >= 2)
    ud_cli_fail (_("Unknown relief command “%s”."), argv[1]);

  return ud_cli_usage (QUOTE_USAGE);
}
