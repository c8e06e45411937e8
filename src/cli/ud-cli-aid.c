/* ud-cli-aid.c — `uniondesk-cli aid`: programmes and the batches they are paid in
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
#include "ud-aid-kind.h"
#include "ud-aid-store.h"
#include "ud-hardship-kind.h"
#include "ud-hardship-store.h"
#include "ud-member-kind.h"
#include "ud-money.h"
#include "ud-record-json.h"
#include "ud-record-store.h"

#define AID_USAGE \
  "aid programme list [--year YEAR] [--json]\n" \
  "  aid programme add CODE [--name NAME] [--any-times] [--max AMOUNT] [--year YEAR --amount CLASS=AMOUNT…] [--as USER]\n" \
  "  aid batch create --programme CODE --year YEAR --rule archived|category|school|single_parent|model_workers|hand [--category CATEGORY] [--title TEXT] [--commit] [--as USER] [--json]\n" \
  "  aid batch add BATCH --member ID_NUMBER|--archive SERIAL [--class CLASS] [--amount AMOUNT] [--as USER]\n" \
  "  aid batch pay BATCH --line N|--id ID_NUMBER|--all --date DATE --method jingka|bank|cash [--receipt NUMBER] [--as USER]\n" \
  "  aid batch list [--year YEAR] [--json]\n" \
  "  aid batch show BATCH [--json]\n" \
  "  aid fund --year YEAR [--budget AMOUNT] [--as USER] [--json]"

static gboolean
parse_money (const char *option,
             const char *text,
             UdFen      *fen)
{
  g_autoptr(GError) error = NULL;

  if (ud_money_parse (text, fen, &error) && *fen > 0)
    return TRUE;

  /* TRANSLATORS: an option such as --amount, then what is wrong */
  ud_cli_fail (_("%s: %s."), option, error != NULL ? error->message : _("must be more than 0"));
  return FALSE;
}

static const char *
class_label (const char *value)
{
  return ud_field_choice_label (ud_kind_find_field (&ud_kind_aid_payment, "recipient_class"), value);
}

/* ---- programmes -------------------------------------------------------- */

static int
programme_list (UdCliContext  *ctx,
                int            argc,
                char         **argv)
{
  int year = 0;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Only the amounts in force in this year"), N_("YEAR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GPtrArray) programmes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1 || year < 0)
    return ud_cli_usage ("aid programme list [--year YEAR] [--json]");
  if ((db = ud_cli_open_office (ctx, NULL)) == NULL)
    return UD_CLI_FAILED;
  if ((programmes = ud_aid_programme_list (db, &error)) == NULL)
    return ud_cli_fail_with (error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "programmes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < programmes->len; i++)
    {
      UdRecord *programme = g_ptr_array_index (programmes, i);
      g_autoptr(GPtrArray) lines = ud_aid_programme_amounts (db, programme, &error);
      g_autofree char *once = ud_field_display (ud_kind_find_field (programme->kind, "once_a_year"),
                                                ud_record_get (programme, "once_a_year"), FALSE);
      JsonNode *node;
      JsonArray *amounts = json_array_new ();

      if (lines == NULL)
        {
          json_array_unref (amounts);
          return ud_cli_fail_with (error);
        }
      if (!json)
        /* TRANSLATORS: a programme's code, its name, then whether a person is paid once a year */
        printf (_("%s  %s  once a year: %s\n"), ud_record_get (programme, "code"), ud_record_get (programme, "name"), once);
      for (guint l = 0; l < lines->len; l++)
        {
          UdRecord *line = g_ptr_array_index (lines, l);
          const char *class = ud_record_get (line, "recipient_class");
          gboolean later = FALSE;

          /* --year: only the line in force then, the class's latest year
           * up to it. */
          if (year > 0)
            {
              if (ud_record_get_int (line, "year") > year)
                continue;
              for (guint m = 0; m < lines->len && !later; m++)
                {
                  UdRecord *other = g_ptr_array_index (lines, m);

                  later = g_str_equal (ud_record_get (other, "recipient_class"), class) &&
                          ud_record_get_int (other, "year") > ud_record_get_int (line, "year") &&
                          ud_record_get_int (other, "year") <= year;
                }
              if (later)
                continue;
            }
          json_array_add_element (amounts, ud_record_to_json_node (line));
          if (!json)
            {
              g_autofree char *amount = ud_money_format (ud_record_get_int (line, "amount"));

              printf ("  %s  %s  %s\n", ud_record_get (line, "year"), class_label (class), amount);
            }
        }
      node = ud_record_to_json_node (programme);
      json_object_set_array_member (json_node_get_object (node), "amounts", amounts);
      json_builder_add_value (builder, node);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      ud_cli_print_json (root);
    }
  return UD_CLI_OK;
}

static int
programme_add (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  g_autofree char *name = NULL, *max = NULL, *as = NULL;
  g_auto(GStrv) amounts = NULL;
  gboolean any_times = FALSE;
  int year = 0;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The programme's name (a new programme)"), N_("NAME") },
    { "any-times", 0, 0, G_OPTION_ARG_NONE, &any_times, N_("A person may be paid more than once a year"), NULL },
    { "max", 0, 0, G_OPTION_ARG_STRING, &max, N_("The highest free amount"), N_("AMOUNT") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year the amounts are for"), N_("YEAR") },
    { "amount", 0, 0, G_OPTION_ARG_STRING_ARRAY, &amounts, N_("The amount for a class of recipient"), N_("CLASS=AMOUNT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("CODE"));
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) programme = NULL;
  g_autoptr(GError) error = NULL;
  const UdField *class_field = ud_kind_find_field (&ud_kind_aid_amount, "recipient_class");

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2 || (amounts != NULL && year <= 0))
    return ud_cli_usage ("aid programme add CODE [--name NAME] [--any-times] [--max AMOUNT] [--year YEAR --amount CLASS=AMOUNT…] [--as USER]");

  /* Every amount read before anything is stored. */
  for (guint i = 0; amounts != NULL && amounts[i] != NULL; i++)
    {
      const char *equals = strchr (amounts[i], '=');
      g_autofree char *class = equals != NULL ? g_strndup (amounts[i], equals - amounts[i]) : NULL;
      UdFen fen;

      if (class == NULL || ud_field_find_choice (class_field, class) == NULL)
        {
          /* TRANSLATORS: what was given */
          ud_cli_fail (_("--amount: “%s” is not CLASS=AMOUNT with a class such as archived_household, model_worker, high_school or college."),
                       amounts[i]);
          return UD_CLI_USAGE;
        }
      if (!parse_money ("--amount", equals + 1, &fen))
        return UD_CLI_USAGE;
    }

  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;

  programme = ud_aid_programme_find (db, argv[1], NULL);
  if (programme == NULL)
    {
      UdFen fen = 0;

      if (name == NULL)
        {
          ud_cli_fail (_("There is no programme “%s” yet: give --name to add it."), argv[1]);
          return UD_CLI_FAILED;
        }
      programme = ud_record_new (&ud_kind_aid_programme);
      ud_record_set (programme, "code", argv[1]);
      ud_record_set (programme, "name", name);
      ud_record_set (programme, "once_a_year", any_times ? "no" : "yes");
      if (max != NULL)
        {
          if (!parse_money ("--max", max, &fen))
            return UD_CLI_USAGE;
          ud_record_set_int (programme, "max_amount", fen);
        }
      if (!ud_record_store_save (db, programme, NULL, &error))
        return ud_cli_fail_with (error);
      /* TRANSLATORS: a programme's name, then its code */
      printf (_("Programme %s (%s) added\n"), ud_record_get (programme, "name"), ud_record_get (programme, "code"));
    }

  for (guint i = 0; amounts != NULL && amounts[i] != NULL; i++)
    {
      const char *equals = strchr (amounts[i], '=');
      g_autofree char *class = g_strndup (amounts[i], equals - amounts[i]);
      g_autofree char *shown = NULL;
      UdFen fen = 0;

      parse_money ("--amount", equals + 1, &fen);
      if (!ud_aid_programme_set_amount (db, programme, (guint) year, ud_field_find_choice (class_field, class)->value,
                                        fen, &error))
        return ud_cli_fail_with (error);
      shown = ud_money_format (fen);
      /* TRANSLATORS: a programme, a year, a class of recipient, then an amount */
      printf (_("%s %d: %s %s\n"), ud_record_get (programme, "name"), year, class_label (ud_field_find_choice (class_field, class)->value), shown);
    }

  return UD_CLI_OK;
}

/* ---- batches ------------------------------------------------------------- */

static void
print_payment_line (const UdRecord *payment)
{
  g_autofree char *masked = ud_field_display (ud_kind_find_field (payment->kind, "id_number"),
                                              ud_record_get (payment, "id_number"), TRUE);
  g_autofree char *amount = ud_money_format (ud_record_get_int (payment, "amount"));
  g_autofree char *status = ud_field_display (ud_kind_find_field (payment->kind, "status"),
                                              ud_record_get (payment, "status"), FALSE);

  printf ("%4s  %s  %s  %s  %s  %s", ud_record_get (payment, "line"), ud_record_get (payment, "name"), masked,
          class_label (ud_record_get (payment, "recipient_class")), amount, status);
  if (*ud_record_get (payment, "paid_on") != '\0')
    {
      g_autofree char *method = ud_field_display (ud_kind_find_field (payment->kind, "method"),
                                                  ud_record_get (payment, "method"), FALSE);

      printf ("  %s  %s  %s", ud_record_get (payment, "paid_on"), method, ud_record_get (payment, "receipt"));
    }
  printf ("\n");
}

static void
print_batch_total (const UdRecord *batch)
{
  g_autofree char *total = ud_money_format (ud_record_get_int (batch, "total"));
  g_autofree char *paid = ud_money_format (ud_record_get_int (batch, "paid_total"));
  gint64 recipients = ud_record_get_int (batch, "recipients");

  /* TRANSLATORS: a batch's number, its programme and year, the number of people, the
   * total, how many are paid, then the amount paid */
  printf (ngettext ("%s  %s %s: %lld recipient, %s in all; %s paid, %s\n",
                    "%s  %s %s: %lld recipients, %s in all; %s paid, %s\n", (gulong) recipients),
          ud_record_get (batch, "serial"), ud_record_get (batch, "programme_name"), ud_record_get (batch, "year"),
          (long long) recipients, total, ud_record_get (batch, "paid_count"), paid);
}

static int
batch_create (UdCliContext  *ctx,
              int            argc,
              char         **argv)
{
  g_autofree char *code = NULL, *rule = NULL, *category = NULL, *title = NULL, *as = NULL;
  gboolean commit = FALSE, json = FALSE;
  int year = 0;
  const GOptionEntry entries[] = {
    { "programme", 0, 0, G_OPTION_ARG_STRING, &code, N_("The programme's code or name"), N_("CODE") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year paid for"), N_("YEAR") },
    { "rule", 0, 0, G_OPTION_ARG_STRING, &rule, N_("Who is paid: archived, category, school, single_parent, model_workers or hand"), N_("RULE") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("With --rule category: deep, relative or accident"), N_("CATEGORY") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The batch's title"), N_("TEXT") },
    { "commit", 0, 0, G_OPTION_ARG_NONE, &commit, N_("Store the batch (without it, only show who and how much)"), NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) programme = NULL;
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) picked = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const UdChoice *category_choice = NULL;
  UdFen total = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1 || code == NULL || rule == NULL || year < 2000 || year > 2100)
    return ud_cli_usage ("aid batch create --programme CODE --year YEAR --rule archived|category|school|single_parent|model_workers|hand [--category CATEGORY] [--title TEXT] [--commit] [--as USER] [--json]");
  if (category != NULL &&
      (category_choice = ud_field_find_choice (ud_kind_find_field (&ud_kind_aid_batch, "rule_category"), category)) == NULL)
    {
      ud_cli_fail (_("--category: give deep, relative or accident."));
      return UD_CLI_USAGE;
    }

  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;
  if ((programme = ud_aid_programme_find (db, code, &error)) == NULL)
    return ud_cli_fail_with (error);

  if (g_str_equal (rule, "hand"))
    candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_aid_candidate_free);
  else if ((candidates = ud_aid_pick (db, programme, (guint) year, rule,
                                      category_choice != NULL ? category_choice->value : NULL, &error)) == NULL)
    return ud_cli_fail_with (error);

  for (guint i = 0; i < candidates->len; i++)
    {
      UdAidCandidate *candidate = g_ptr_array_index (candidates, i);

      if (candidate->set_aside != NULL)
        continue;
      g_ptr_array_add (picked, candidate->payment);
      total += ud_record_get_int (candidate->payment, "amount");
    }

  batch = ud_aid_batch_new (programme, (guint) year, title, rule, category_choice != NULL ? category_choice->value : NULL);
  if (commit && !ud_aid_batch_create (db, batch, picked, &error))
    return ud_cli_fail_with (error);

  if (json)
    {
      g_autoptr(JsonNode) root = commit ? ud_record_to_json_node (batch) : json_node_init_object (json_node_alloc (), json_object_new ());
      JsonObject *object = json_node_get_object (root);
      JsonArray *lines = json_array_new ();
      JsonArray *aside = json_array_new ();
      g_autofree char *total_text = ud_money_format_plain (total);

      for (guint i = 0; i < candidates->len; i++)
        {
          UdAidCandidate *candidate = g_ptr_array_index (candidates, i);
          JsonNode *node = ud_record_to_json_node (candidate->payment);

          if (candidate->set_aside != NULL)
            {
              json_object_set_string_member (json_node_get_object (node), "set_aside", candidate->set_aside);
              json_array_add_element (aside, node);
            }
          else
            json_array_add_element (lines, node);
        }
      json_object_set_boolean_member (object, "committed", commit);
      json_object_set_int_member (object, "count", picked->len);
      json_object_set_string_member (object, "sum", total_text);
      json_object_set_array_member (object, "payments", lines);
      json_object_set_array_member (object, "set_aside", aside);
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      UdAidCandidate *candidate = g_ptr_array_index (candidates, i);

      if (candidate->set_aside != NULL)
        /* TRANSLATORS: why a person is not in the batch */
        printf (_("  set aside: %s\n"), candidate->set_aside);
      else
        print_payment_line (candidate->payment);
    }
  if (commit)
    print_batch_total (batch);
  else
    {
      g_autofree char *total_text = ud_money_format (total);

      /* TRANSLATORS: how many people, then the total */
      printf (ngettext ("%u recipient, %s in all. Nothing is stored: add --commit to create the batch.\n",
                        "%u recipients, %s in all. Nothing is stored: add --commit to create the batch.\n", picked->len),
              picked->len, total_text);
    }
  return UD_CLI_OK;
}

static int
batch_add (UdCliContext  *ctx,
           int            argc,
           char         **argv)
{
  g_autofree char *member_id = NULL, *archive_key = NULL, *class = NULL, *amount_text = NULL, *as = NULL;
  const GOptionEntry entries[] = {
    { "member", 0, 0, G_OPTION_ARG_STRING, &member_id, N_("A member of the roll, by ID number"), N_("ID_NUMBER") },
    { "archive", 0, 0, G_OPTION_ARG_STRING, &archive_key, N_("A hardship archive, by serial number"), N_("SERIAL") },
    { "class", 0, 0, G_OPTION_ARG_STRING, &class, N_("The class of recipient (default: archived_household for an archive, other for a member)"), N_("CLASS") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text, N_("The amount (default: the programme's for the class)"), N_("AMOUNT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("BATCH"));
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(UdRecord) payment = NULL;
  g_autoptr(GError) error = NULL;
  const UdChoice *class_choice = NULL;
  UdFen amount = -1;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2 || (member_id == NULL) == (archive_key == NULL))
    return ud_cli_usage ("aid batch add BATCH --member ID_NUMBER|--archive SERIAL [--class CLASS] [--amount AMOUNT] [--as USER]");
  if (class != NULL &&
      (class_choice = ud_field_find_choice (ud_kind_find_field (&ud_kind_aid_payment, "recipient_class"), class)) == NULL)
    {
      ud_cli_fail (_("--class: give a class such as archived_household, model_worker, high_school or other."));
      return UD_CLI_USAGE;
    }
  if (amount_text != NULL && !parse_money ("--amount", amount_text, &amount))
    return UD_CLI_USAGE;

  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;
  if ((batch = ud_aid_batch_find (db, argv[1], &error)) == NULL)
    return ud_cli_fail_with (error);

  if (archive_key != NULL)
    {
      g_autoptr(UdRecord) archive = ud_hardship_store_find (db, archive_key, &error);

      if (archive == NULL)
        return ud_cli_fail_with (error);
      payment = ud_aid_payment_new (ud_kind_hardship_archive.name, archive->uuid, ud_record_get (archive, "member_name"),
                                    ud_record_get (archive, "id_number"), NULL,
                                    class_choice != NULL ? class_choice->value : "archived_household", amount);
    }
  else
    {
      g_autoptr(UdRecord) member = ud_record_store_find (db, &ud_kind_member, "id_number", member_id, &error);

      if (member == NULL || member->deleted)
        {
          if (error != NULL)
            return ud_cli_fail_with (error);
          ud_cli_fail (_("No member on the roll has the ID number %s."), member_id);
          return UD_CLI_FAILED;
        }
      payment = ud_aid_payment_new (ud_kind_member.name, member->uuid, ud_record_get (member, "name"),
                                    ud_record_get (member, "id_number"), NULL,
                                    class_choice != NULL ? class_choice->value : "other", amount);
    }

  if (!ud_aid_batch_add (db, batch, payment, &error))
    return ud_cli_fail_with (error);

  print_payment_line (payment);
  print_batch_total (batch);
  return UD_CLI_OK;
}

static int
batch_pay (UdCliContext  *ctx,
           int            argc,
           char         **argv)
{
  g_autofree char *id_number = NULL, *date = NULL, *method = NULL, *receipt = NULL, *as = NULL;
  gboolean all = FALSE;
  int line = 0;
  const GOptionEntry entries[] = {
    { "line", 0, 0, G_OPTION_ARG_INT, &line, N_("The line paid"), N_("N") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id_number, N_("The line of the person with this ID number"), N_("ID_NUMBER") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every line not paid yet"), NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day it was paid"), N_("DATE") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, N_("How it was paid: jingka, bank or cash"), N_("METHOD") },
    { "receipt", 0, 0, G_OPTION_ARG_STRING, &receipt, N_("Transfer or signed receipt number"), N_("NUMBER") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("BATCH"));
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(GError) error = NULL;
  guint n_paid = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2 || date == NULL || method == NULL ||
      (line > 0) + (id_number != NULL) + all != 1 || line < 0)
    return ud_cli_usage ("aid batch pay BATCH --line N|--id ID_NUMBER|--all --date DATE --method jingka|bank|cash [--receipt NUMBER] [--as USER]");

  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;
  if ((batch = ud_aid_batch_find (db, argv[1], &error)) == NULL ||
      (payments = ud_aid_batch_payments (db, batch, &error)) == NULL)
    return ud_cli_fail_with (error);

  if (id_number != NULL)
    {
      for (guint i = 0; i < payments->len && line == 0; i++)
        if (g_ascii_strcasecmp (ud_record_get (g_ptr_array_index (payments, i), "id_number"), id_number) == 0)
          line = (int) ud_record_get_int (g_ptr_array_index (payments, i), "line");
      if (line == 0)
        {
          /* TRANSLATORS: an ID number, then a batch's number */
          ud_cli_fail (_("Nobody with the ID number %s is in batch %s."), id_number, ud_record_get (batch, "serial"));
          return UD_CLI_FAILED;
        }
    }

  for (guint i = 0; i < payments->len; i++)
    {
      UdRecord *payment = g_ptr_array_index (payments, i);

      if (all ? g_str_equal (ud_record_get (payment, "status"), "paid")
              : ud_record_get_int (payment, "line") != line)
        continue;
      if (!ud_aid_batch_pay (db, batch, (guint) ud_record_get_int (payment, "line"), date, method, receipt, &error))
        return ud_cli_fail_with (error);
      n_paid++;
    }
  if (n_paid == 0 && !all)
    {
      ud_cli_fail (_("Batch %2$s has no line %1$d."), line, ud_record_get (batch, "serial"));
      return UD_CLI_FAILED;
    }

  g_clear_pointer (&batch, ud_record_unref);
  if ((batch = ud_aid_batch_find (db, argv[1], &error)) == NULL)
    return ud_cli_fail_with (error);
  print_batch_total (batch);
  return UD_CLI_OK;
}

static int
batch_list (UdCliContext  *ctx,
            int            argc,
            char         **argv)
{
  int year = 0;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Only the batches of this year"), N_("YEAR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1 || year < 0)
    return ud_cli_usage ("aid batch list [--year YEAR] [--json]");
  if ((db = ud_cli_open_office (ctx, NULL)) == NULL)
    return UD_CLI_FAILED;
  if ((batches = ud_aid_batch_list (db, (guint) year, &error)) == NULL)
    return ud_cli_fail_with (error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "batches");
  json_builder_begin_array (builder);
  for (guint i = 0; i < batches->len; i++)
    {
      UdRecord *batch = g_ptr_array_index (batches, i);
      g_autofree char *key = g_strdup_printf ("%s %s", ud_record_get (batch, "programme_name"), ud_record_get (batch, "year"));
      UdFen *sums = g_hash_table_lookup (totals, key);

      /* Totals by programme and year: count, total, paid. */
      if (sums == NULL)
        {
          sums = g_new0 (UdFen, 3);
          g_ptr_array_add (keys, key);
          g_hash_table_insert (totals, g_steal_pointer (&key), sums);
        }
      sums[0] += ud_record_get_int (batch, "recipients");
      sums[1] += ud_record_get_int (batch, "total");
      sums[2] += ud_record_get_int (batch, "paid_total");

      json_builder_add_value (builder, ud_record_to_json_node (batch));
      if (!json)
        print_batch_total (batch);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "totals");
  json_builder_begin_array (builder);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      UdFen *sums = g_hash_table_lookup (totals, key);
      g_autofree char *total = ud_money_format_plain (sums[1]);
      g_autofree char *paid = ud_money_format_plain (sums[2]);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "programme_year");
      json_builder_add_string_value (builder, key);
      json_builder_set_member_name (builder, "recipients");
      json_builder_add_int_value (builder, sums[0]);
      json_builder_set_member_name (builder, "total");
      json_builder_add_string_value (builder, total);
      json_builder_set_member_name (builder, "paid_total");
      json_builder_add_string_value (builder, paid);
      json_builder_end_object (builder);
      if (!json)
        {
          g_autofree char *total_shown = ud_money_format (sums[1]);
          g_autofree char *paid_shown = ud_money_format (sums[2]);

          /* TRANSLATORS: a programme and year, the people, the total, then the amount paid */
          printf (_("Total %s: %lld recipients, %s, of which %s paid\n"), key, (long long) sums[0], total_shown, paid_shown);
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      ud_cli_print_json (root);
    }
  return UD_CLI_OK;
}

static int
batch_show (UdCliContext  *ctx,
            int            argc,
            char         **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("BATCH"));
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2)
    return ud_cli_usage ("aid batch show BATCH [--json]");
  if ((db = ud_cli_open_office (ctx, NULL)) == NULL)
    return UD_CLI_FAILED;
  if ((batch = ud_aid_batch_find (db, argv[1], &error)) == NULL ||
      (payments = ud_aid_batch_payments (db, batch, &error)) == NULL)
    return ud_cli_fail_with (error);

  if (json)
    {
      g_autoptr(JsonNode) root = ud_record_to_json_node (batch);
      JsonArray *lines = json_array_new ();

      for (guint i = 0; i < payments->len; i++)
        json_array_add_element (lines, ud_record_to_json_node (g_ptr_array_index (payments, i)));
      json_object_set_array_member (json_node_get_object (root), "payments", lines);
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  ud_cli_print_record (db, batch, TRUE);
  for (guint i = 0; i < payments->len; i++)
    print_payment_line (g_ptr_array_index (payments, i));
  return UD_CLI_OK;
}

/* ---- the fund ----------------------------------------------------------- */

static int
aid_fund (UdCliContext  *ctx,
          int            argc,
          char         **argv)
{
  g_autofree char *budget_text = NULL, *as = NULL;
  gboolean json = FALSE;
  int year = 0;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The fund's year"), N_("YEAR") },
    { "budget", 0, 0, G_OPTION_ARG_STRING, &budget_text, N_("Set the year's budget (administrator)"), N_("AMOUNT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  UdAidFundSummary s;
  UdFen budget = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1 || year < 2000 || year > 2100)
    return ud_cli_usage ("aid fund --year YEAR [--budget AMOUNT] [--as USER] [--json]");
  if (budget_text != NULL && !parse_money ("--budget", budget_text, &budget))
    return UD_CLI_USAGE;

  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;
  if (budget_text != NULL && !ud_aid_fund_set_budget (db, (guint) year, budget, &error))
    return ud_cli_fail_with (error);
  if (!ud_aid_fund_get_summary (db, (guint) year, &s, &error))
    return ud_cli_fail_with (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      const struct { const char *name; UdFen fen; } amounts[] = {
        { "committed", s.committed }, { "paid", s.paid }, { "balance", s.balance }, { "uncommitted", s.uncommitted },
      };

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, s.year);
      json_builder_set_member_name (builder, "budget");
      if (s.has_budget)
        {
          g_autofree char *yuan = ud_money_format_plain (s.budget);

          json_builder_add_string_value (builder, yuan);
        }
      else
        json_builder_add_null_value (builder);
      for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
        {
          g_autofree char *yuan = ud_money_format_plain (amounts[i].fen);

          json_builder_set_member_name (builder, amounts[i].name);
          if (s.has_budget || i < 2)
            json_builder_add_string_value (builder, yuan);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_set_member_name (builder, "batches");
      json_builder_add_int_value (builder, s.batches);
      json_builder_set_member_name (builder, "recipients");
      json_builder_add_int_value (builder, s.recipients);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  {
    g_autofree char *committed = ud_money_format (s.committed);
    g_autofree char *paid = ud_money_format (s.paid);

    /* TRANSLATORS: a year, the number of batches, of people, the amount in them, then the amount paid */
    printf (_("Aid fund %u: %u batches, %u recipients, %s in them, %s paid\n"), s.year, s.batches, s.recipients,
            committed, paid);
    if (s.has_budget)
      {
        g_autofree char *budget_shown = ud_money_format (s.budget);
        g_autofree char *balance = ud_money_format (s.balance);
        g_autofree char *uncommitted = ud_money_format (s.uncommitted);

        /* TRANSLATORS: the budget, its balance after payments, then what is not yet in any batch */
        printf (_("Budget %s: balance %s; %s not yet in a batch\n"), budget_shown, balance, uncommitted);
      }
    else
      printf ("%s\n", _("No budget is set for the year."));
  }
  return UD_CLI_OK;
}

int
ud_cli_aid (UdCliContext  *ctx,
            int            argc,
            char         **argv)
{
  if (argc >= 3 && g_str_equal (argv[1], "programme") && g_str_equal (argv[2], "list"))
    return programme_list (ctx, argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[1], "programme") && g_str_equal (argv[2], "add"))
    return programme_add (ctx, argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[1], "batch") && g_str_equal (argv[2], "create"))
    return batch_create (ctx, argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[1], "batch") && g_str_equal (argv[2], "add"))
    return batch_add (ctx, argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[1], "batch") && g_str_equal (argv[2], "pay"))
    return batch_pay (ctx, argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[1], "batch") && g_str_equal (argv[2], "list"))
    return batch_list (ctx, argc - 2, argv + 2);
  if (argc >= 3 && g_str_equal (argv[1], "batch") && g_str_equal (argv[2], "show"))
    return batch_show (ctx, argc - 2, argv + 2);
  if (argc >= 2 && g_str_equal (argv[1], "fund"))
    return aid_fund (ctx, argc - 1, argv + 1);

  return ud_cli_usage (AID_USAGE);
}
