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
#include "ud-aid-store.h"
#include "ud-hardship-print.h"
#include "ud-hardship-store.h"
#include "ud-illness-print.h"
#include "ud-illness-store.h"

#define PRINT_USAGE \
  "print illness-form SERIAL -o OUT.pdf [--as USER]\n" \
  "  print archive-form SERIAL -o OUT.pdf [--as USER]\n" \
  "  print receipt-list BATCH -o OUT.pdf [--as USER]\n" \
  "  print notice-list [--from DATE] [--contact TEXT] -o OUT.pdf [--as USER]\n" \
  "  print honour-certificates TEAM --year YEAR [--member ID-NUMBER]… [--words TEXT] [--date DATE] -o OUT.pdf [--as USER]"

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

/* archive-form, receipt-list, notice-list: the papers of the hardship
 * register, written and recorded in the audit trail under each record
 * whose personal data they carry. */
static int
print_hardship (UdDatabase *db,
                const char *what,
                const char *id,
                const char *from,
                const char *contact,
                const char *output)
{
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (what, "archive-form"))
    {
      if ((record = ud_hardship_store_find (db, id, &error)) != NULL)
        document = ud_hardship_archive_form_build (db, record, &error);
    }
  else if (g_str_equal (what, "receipt-list"))
    {
      if ((record = ud_aid_batch_find (db, id, &error)) != NULL &&
          (document = ud_aid_receipt_list_build (db, record, &error)) != NULL)
        {
          g_autoptr(GPtrArray) payments = ud_aid_batch_payments (db, record, &error);

          if (payments == NULL)
            g_clear_object (&document);
          for (guint i = 0; payments != NULL && i < payments->len; i++)
            g_ptr_array_add (records, ud_record_ref (g_ptr_array_index (payments, i)));
        }
    }
  else
    {
      g_autoptr(GPtrArray) listed = NULL;

      document = ud_hardship_notice_list_build (db, from, contact, &listed, &error);
      for (guint i = 0; listed != NULL && i < listed->len; i++)
        g_ptr_array_add (records, ud_record_ref (g_ptr_array_index (listed, i)));
    }
  if (record != NULL)
    g_ptr_array_add (records, ud_record_ref (record));

  if (document == NULL || !ud_hardship_print_write_pdf (db, document, records, output, &error))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  /* TRANSLATORS: a document's title, then a file */
  printf (_("%s is in %s (%u pages)\n"), ud_document_get_title (document), output, ud_document_get_n_pages (document));
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
  g_autofree char *from = NULL;
  g_autofree char *contact = NULL;
  gboolean with_id;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to this file"), N_("OUT.pdf") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("notice-list: the notice begun on this day (default the latest)"), N_("DATE") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("notice-list: the contact person and telephone for objections"), N_("TEXT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };

  g_return_val_if_fail (ctx != NULL, UD_CLI_USAGE);

  /* The teams' certificates have options of their own. */
  if (argc >= 2 && strcmp (argv[1], "honour-certificates") == 0)
    return ud_cli_print_honour_certificates (ctx, argc - 1, argv + 1);

  context = g_option_context_new (_("DOCUMENT ID"));
  g_option_context_set_summary (context, _("Documents: illness-form (the approval form of a relief application, by serial number), "
                                            "archive-form (the approval form of a hardship archive), receipt-list (the receipt list of an aid batch), "
                                            "notice-list (the public notice list of the archives in notice)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc < 2 || output == NULL)
    return ud_cli_usage (PRINT_USAGE);

  if (strcmp (argv[1], "illness-form") != 0 && strcmp (argv[1], "archive-form") != 0 &&
      strcmp (argv[1], "receipt-list") != 0 && strcmp (argv[1], "notice-list") != 0)
    {
      ud_cli_fail (_("Unknown document “%s”: the documents are illness-form, archive-form, receipt-list, notice-list and honour-certificates."), argv[1]);
      return ud_cli_usage (PRINT_USAGE);
    }
  with_id = strcmp (argv[1], "notice-list") != 0;
  if (argc != (with_id ? 3 : 2))
    return ud_cli_usage (PRINT_USAGE);

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;
  if (as != NULL && !ud_cli_sign_in_as (db, as))
    return UD_CLI_FAILED;

  if (strcmp (argv[1], "illness-form") == 0)
    return print_illness_form (db, argv[2], output);
  return print_hardship (db, argv[1], with_id ? argv[2] : NULL, from, contact, output);
}
