/* ud-cli-print.c — `uniondesk-cli print DOCUMENT ID -o OUT.pdf`
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
#include "ud-illness-print.h"
#include "ud-illness-store.h"

#define PRINT_USAGE "print illness-form SERIAL -o OUT.pdf [--as USER]"

/* illness-form: the 重大疾病救助审批表 of one application, by serial
 * number or uuid.  The print is recorded in the audit trail. */
static int
print_illness_form (UdDatabase *db,
                    const char *id,
                    const char *output)
{
  g_autoptr(UdRecord) application = NULL;
  g_autoptr(GError) error = NULL;

  application = ud_illness_store_find (db, id, &error);
  if (application == NULL || !ud_illness_print_write_pdf (db, application, output, &error))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  /* TRANSLATORS: a serial number, then a file */
  printf (_("The approval form of %s is in %s\n"), ud_record_get (application, "serial"), output);
  return UD_CLI_OK;
}

int
ud_cli_print (UdCliContext  *ctx,
              int            argc,
              char         **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autofree char *output = NULL;
  g_autofree char *as = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to this file"), N_("OUT.pdf") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };

  g_return_val_if_fail (ctx != NULL, UD_CLI_USAGE);

  context = g_option_context_new (_("DOCUMENT ID"));
  g_option_context_set_summary (context, _("Documents: illness-form (the approval form of a relief application, by serial number)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 3 || output == NULL)
    return ud_cli_usage (PRINT_USAGE);

  if (strcmp (argv[1], "illness-form") != 0)
    {
      ud_cli_fail (_("Unknown document “%s”: the documents are illness-form."), argv[1]);
      return ud_cli_usage (PRINT_USAGE);
    }

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;
  if (as != NULL && !ud_cli_sign_in_as (db, as))
    return UD_CLI_FAILED;

  return print_illness_form (db, argv[2], output);
}
