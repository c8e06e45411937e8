/* ud-cli-relief.c — `uniondesk-cli relief`: quote, applications, fund, reference tables
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
#include "ud-account.h"
#include "ud-fund.h"
#include "ud-illness-store.h"
#include "ud-json.h"
#include "ud-member-store.h"
#include "ud-money.h"
#include "ud-reference-store.h"
#include "ud-relief.h"

/* Without --as, the operating-system user acts with every permission
 * (DESIGN §10); the separation of duties still holds for that user name,
 * so an application created from the command line is approved with
 * --as APPROVER, signing that account in with its password on standard
 * input. */
#define RELIEF_USAGE \
  "relief quote CASE.json\n" \
  "  relief apply APPLICATION.json --member ID_NUMBER [--as USER] [--json]\n" \
  "  relief update SERIAL APPLICATION.json [--as USER] [--json]\n" \
  "  relief submit SERIAL --opinion TEXT [--signer NAME] [--signed-on DATE] [--as USER]\n" \
  "  relief review SERIAL --opinion TEXT [--street-opinion TEXT [--street-signer NAME] [--street-signed-on DATE]] [--as USER]\n" \
  "  relief return SERIAL --reason TEXT [--as USER]\n" \
  "  relief approve SERIAL --opinion TEXT [--amount AMOUNT --reason TEXT] [--as USER]\n" \
  "  relief reject SERIAL --opinion TEXT [--as USER]\n" \
  "  relief notice SERIAL --from DATE --to DATE [--as USER]\n" \
  "  relief pay SERIAL --date DATE --method jingka|bank|cash --receipt NUMBER [--as USER]\n" \
  "  relief list [--year YEAR] [--status STATUS] [--json]\n" \
  "  relief show SERIAL [--json]\n" \
  "  relief fund --year YEAR [--budget AMOUNT] [--as USER] [--json]\n" \
  "  relief reference list [--kind KIND] [--json]\n" \
  "  relief reference show KIND VERSION\n" \
  "  relief reference add KIND VERSION.json [--as USER]\n" \
  "  relief reference update KIND VERSION VERSION.json [--as USER]"

/* Every option of the relief commands; each command accepts the ones it
 * names. */
typedef struct
{
  char     *as;
  char     *member;
  char     *opinion;
  char     *signer;
  char     *signed_on;
  char     *street_opinion;
  char     *street_signer;
  char     *street_signed_on;
  char     *reason;
  char     *amount;
  char     *from;
  char     *to;
  char     *date;
  char     *method;
  char     *receipt;
  char     *status;
  char     *budget;
  char     *kind;
  int       year;
  gboolean  json;
} Options;

typedef struct
{
  const char   *name;
  GOptionArg    arg;
  gsize         offset;
  const char   *description;   /* N_() */
  const char   *arg_description;
} OptionInfo;

#define OPTION(field, arg, description, arg_description) \
  { #field, arg, G_STRUCT_OFFSET (Options, field), description, arg_description }

static const OptionInfo option_infos[] = {
  { "as", G_OPTION_ARG_STRING, G_STRUCT_OFFSET (Options, as),
    N_("Act as this staff account (its password on standard input)"), N_("USER") },
  OPTION (member, G_OPTION_ARG_STRING, N_("The member's ID number"), N_("ID_NUMBER")),
  OPTION (opinion, G_OPTION_ARG_STRING, N_("The opinion, as written on the form"), N_("TEXT")),
  OPTION (signer, G_OPTION_ARG_STRING, N_("Who signed the opinion on paper"), N_("NAME")),
  { "signed-on", G_OPTION_ARG_STRING, G_STRUCT_OFFSET (Options, signed_on),
    N_("The date of the signature (default today)"), N_("DATE") },
  { "street-opinion", G_OPTION_ARG_STRING, G_STRUCT_OFFSET (Options, street_opinion),
    N_("The street or township union's opinion, from paper"), N_("TEXT") },
  { "street-signer", G_OPTION_ARG_STRING, G_STRUCT_OFFSET (Options, street_signer),
    N_("Who signed the street or township union's opinion"), N_("NAME") },
  { "street-signed-on", G_OPTION_ARG_STRING, G_STRUCT_OFFSET (Options, street_signed_on),
    N_("The date of that signature"), N_("DATE") },
  OPTION (reason, G_OPTION_ARG_STRING, N_("Why (returning, or approving another amount)"), N_("TEXT")),
  OPTION (amount, G_OPTION_ARG_STRING, N_("Approve this amount instead of the suggestion"), N_("AMOUNT")),
  OPTION (from, G_OPTION_ARG_STRING, N_("First day of the public notice"), N_("DATE")),
  OPTION (to, G_OPTION_ARG_STRING, N_("Last day of the public notice"), N_("DATE")),
  OPTION (date, G_OPTION_ARG_STRING, N_("The day it was paid"), N_("DATE")),
  OPTION (method, G_OPTION_ARG_STRING, N_("How it was paid: jingka, bank or cash"), N_("METHOD")),
  OPTION (receipt, G_OPTION_ARG_STRING, N_("Transfer or signed receipt number"), N_("NUMBER")),
  OPTION (status, G_OPTION_ARG_STRING, N_("Only applications with this status"), N_("STATUS")),
  OPTION (budget, G_OPTION_ARG_STRING, N_("Set the year's budget (administrator)"), N_("AMOUNT")),
  OPTION (kind, G_OPTION_ARG_STRING, N_("diseases, low_income_line or relief_rules"), N_("KIND")),
  OPTION (year, G_OPTION_ARG_INT, N_("Fund year"), N_("YEAR")),
  OPTION (json, G_OPTION_ARG_NONE, N_("Print one JSON object"), NULL),
};

#undef OPTION

static void
options_clear (Options *o)
{
  g_free (o->as);
  g_free (o->member);
  g_free (o->opinion);
  g_free (o->signer);
  g_free (o->signed_on);
  g_free (o->street_opinion);
  g_free (o->street_signer);
  g_free (o->street_signed_on);
  g_free (o->reason);
  g_free (o->amount);
  g_free (o->from);
  g_free (o->to);
  g_free (o->date);
  g_free (o->method);
  g_free (o->receipt);
  g_free (o->status);
  g_free (o->budget);
  g_free (o->kind);
  memset (o, 0, sizeof *o);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* Parses @argv (argv[0] the command) with the options @names; the
 * positional arguments are left in @argv.  FALSE on a usage error. */
static gboolean
parse_options (Options            *o,
               const char         *parameters,
               const char * const *names,
               int                *argc,
               char             ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autofree GOptionEntry *entries = g_new0 (GOptionEntry, G_N_ELEMENTS (option_infos) + 1);
  guint n = 0;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (option_infos); j++)
      if (g_str_equal (names[i], option_infos[j].name))
        {
          entries[n].long_name = option_infos[j].name;
          entries[n].arg = option_infos[j].arg;
          entries[n].arg_data = G_STRUCT_MEMBER_P (o, option_infos[j].offset);
          entries[n].description = option_infos[j].description;
          entries[n].arg_description = option_infos[j].arg_description;
          n++;
        }

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return ud_cli_parse (context, argc, argv);
}

/* --as reads the password from standard input, which cannot then also
 * carry the file. */
static gboolean
check_stdin_free (const Options *o,
                  const char    *path)
{
  if (o->as == NULL || strcmp (path, "-") != 0)
    return TRUE;

  ud_cli_fail (_("With --as, standard input carries the password: give the file by its name."));
  return FALSE;
}

/* The office's database, signed in as --as when given. */
static UdDatabase *
open_office (UdCliContext  *ctx,
             const Options *o)
{
  return ud_cli_open_office (ctx, o->as);
}

static gboolean
parse_amount (const char  *option,
              const char  *text,
              UdFen       *fen)
{
  g_autoptr(GError) error = NULL;

  if (ud_money_parse (text, fen, &error) && *fen >= 0)
    return TRUE;

  /* TRANSLATORS: an option such as --amount, then what is wrong */
  ud_cli_fail (_("%s: %s."), option, error != NULL ? error->message : _("cannot be negative"));
  return FALSE;
}

/* ---- quote ---------------------------------------------------------- */

/* The rules of the office named by --db when it is set up, else the
 * shipped ones.  A database that does not exist is not created: a quote
 * touches nothing. */
static UdReliefRules *
quote_rules (UdCliContext  *ctx,
             GError       **error)
{
  g_autoptr(UdDatabase) db = NULL;

  if (!g_file_test (ctx->db_path, G_FILE_TEST_EXISTS))
    return ud_relief_rules_new_default (error);

  db = ud_database_open_readonly (ctx->db_path, error);
  if (db == NULL)
    return NULL;
  if (!ud_database_is_initialized (db))
    return ud_relief_rules_new_default (error);

  return ud_reference_load_rules (db, error);
}

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
                                  "“-” reads the case from standard input. The answer is one JSON object.\n"
                                  "The rules are those of the office named by --db when it is set up, else the shipped ones."));
  if (!ud_cli_parse (context, &argc, &argv))
    return UD_CLI_USAGE;

  if (argc != 2)
    return ud_cli_usage ("relief quote CASE.json");

  path = argv[1];
  shown = strcmp (path, "-") == 0 ? _("standard input") : path;
  text = ud_cli_read_input (path, &error);
  if (text == NULL)
    {
      ud_cli_fail (_("Cannot read the case: %s."), error->message);
      return UD_CLI_FAILED;
    }

  rules = quote_rules (ctx, &error);
  if (rules == NULL)
    {
      ud_cli_fail (_("The relief rules cannot be read: %s"), error->message);
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

/* ---- applications ---------------------------------------------------- */

static void
print_saved (const UdRecord *application,
             gboolean        json)
{
  g_autofree char *suggested = NULL;

  if (json)
    {
      g_autoptr(JsonNode) node = ud_illness_application_to_json (application);

      ud_cli_print_json (node);
      return;
    }

  if (g_ascii_strtoll (ud_record_get (application, "tier"), NULL, 10) == 0)
    {
      g_autofree char *failed = ud_field_display (ud_kind_find_field (application->kind, "failed_rules"),
                                                  ud_record_get (application, "failed_rules"), FALSE);

      /* TRANSLATORS: a serial number, then the eligibility rules it fails */
      printf (_("Application %s saved: not eligible (%s)\n"),
              ud_record_get (application, "serial"), failed);
      return;
    }

  suggested = ud_money_format (g_ascii_strtoll (ud_record_get (application, "suggested_amount"), NULL, 10));
  /* TRANSLATORS: a serial number, an amount, then a tier number */
  printf (_("Application %s saved: %s suggested (tier %s)\n"),
          ud_record_get (application, "serial"), suggested, ud_record_get (application, "tier"));
}

static gboolean
save_application (UdDatabase *db,
                  UdRecord   *application)
{
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autoptr(GError) error = NULL;

  if (ud_illness_store_save (db, application, issues, &error))
    return TRUE;

  ud_cli_fail ("%s", error->message);
  return FALSE;
}

static int
relief_apply (UdCliContext  *ctx,
              int            argc,
              char         **argv)
{
  static const char * const names[] = { "member", "as", "json", NULL };
  g_auto(Options) o = { NULL, };
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(UdRecord) application = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!parse_options (&o, _("APPLICATION.json"), names, &argc, &argv) || argc != 2 || o.member == NULL)
    return ud_cli_usage ("relief apply APPLICATION.json --member ID_NUMBER [--as USER] [--json]");
  if (!check_stdin_free (&o, argv[1]))
    return UD_CLI_USAGE;

  if ((text = ud_cli_read_input (argv[1], &error)) == NULL)
    {
      ud_cli_fail (_("Cannot read the application: %s."), error->message);
      return UD_CLI_FAILED;
    }

  if ((db = open_office (ctx, &o)) == NULL)
    return UD_CLI_FAILED;

  member = ud_member_store_find_by_id_number (db, o.member, &error);
  if (member == NULL || member->deleted)
    {
      if (error != NULL)
        return ud_cli_fail_with (error);
      ud_cli_fail (_("No member on the roll has the ID number %s."), o.member);
      return UD_CLI_FAILED;
    }

  application = ud_illness_application_new (member);
  if (!ud_illness_application_set_from_json (application, text, &error))
    return ud_cli_fail_with (error);
  if (!save_application (db, application))
    return UD_CLI_FAILED;

  print_saved (application, o.json);
  return UD_CLI_OK;
}

static int
relief_update (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  static const char * const names[] = { "as", "json", NULL };
  g_auto(Options) o = { NULL, };
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) application = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!parse_options (&o, _("SERIAL APPLICATION.json"), names, &argc, &argv) || argc != 3)
    return ud_cli_usage ("relief update SERIAL APPLICATION.json [--as USER] [--json]");
  if (!check_stdin_free (&o, argv[2]))
    return UD_CLI_USAGE;

  if ((text = ud_cli_read_input (argv[2], &error)) == NULL)
    {
      ud_cli_fail (_("Cannot read the application: %s."), error->message);
      return UD_CLI_FAILED;
    }

  if ((db = open_office (ctx, &o)) == NULL)
    return UD_CLI_FAILED;

  /* The fields given replace the stored ones. */
  if ((application = ud_illness_store_find (db, argv[1], &error)) == NULL ||
      !ud_illness_application_set_from_json (application, text, &error))
    return ud_cli_fail_with (error);
  if (!save_application (db, application))
    return UD_CLI_FAILED;

  print_saved (application, o.json);
  return UD_CLI_OK;
}

/* One workflow step on one application. */
typedef gboolean (*StepFunc) (UdDatabase  *db,
                              gint64       id,
                              Options     *o,
                              GError     **error);

static gboolean
step_submit (UdDatabase  *db,
             gint64       id,
             Options     *o,
             GError     **error)
{
  UdIllnessOpinion opinion = { o->opinion, o->signer, o->signed_on };

  return ud_illness_store_submit (db, id, &opinion, error);
}

static gboolean
step_review (UdDatabase  *db,
             gint64       id,
             Options     *o,
             GError     **error)
{
  UdIllnessOpinion street = { o->street_opinion, o->street_signer, o->street_signed_on };
  UdIllnessOpinion opinion = { o->opinion, o->signer, o->signed_on };

  return ud_illness_store_review (db, id, o->street_opinion != NULL ? &street : NULL, &opinion, error);
}

static gboolean
step_return (UdDatabase  *db,
             gint64       id,
             Options     *o,
             GError     **error)
{
  return ud_illness_store_return (db, id, o->reason, error);
}

static gboolean
step_approve (UdDatabase  *db,
              gint64       id,
              Options     *o,
              GError     **error)
{
  UdIllnessOpinion opinion = { o->opinion, o->signer, o->signed_on };
  UdFen amount = -1;

  if (o->amount != NULL)
    {
      g_autoptr(GError) money_error = NULL;

      if (!ud_money_parse (o->amount, &amount, &money_error))
        {
          g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_AMOUNT,
                       "--amount: %s.", money_error->message);
          return FALSE;
        }
      if (amount < 0)
        {
          g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_AMOUNT,
                       "--amount: %s.", _("cannot be negative"));
          return FALSE;
        }
    }

  return ud_illness_store_approve (db, id, amount, o->reason, &opinion, error);
}

static gboolean
step_reject (UdDatabase  *db,
             gint64       id,
             Options     *o,
             GError     **error)
{
  UdIllnessOpinion opinion = { o->opinion, o->signer, o->signed_on };

  return ud_illness_store_reject (db, id, &opinion, error);
}

static gboolean
step_notice (UdDatabase  *db,
             gint64       id,
             Options     *o,
             GError     **error)
{
  return ud_illness_store_record_notice (db, id, o->from, o->to, error);
}

static gboolean
step_pay (UdDatabase  *db,
          gint64       id,
          Options     *o,
          GError     **error)
{
  UdIllnessPayment payment = { o->date, o->method, o->receipt };

  return ud_illness_store_record_payment (db, id, &payment, error);
}

typedef struct
{
  const char         *name;
  const char         *usage;
  const char * const *options;
  const char         *required;  /* the option without which it is a usage error */
  StepFunc            run;
  const char         *done;      /* N_(): "submitted", after the serial number */
} StepCommand;

#define NAMES(...) ((const char * const []) { __VA_ARGS__, NULL })

static const StepCommand step_commands[] = {
  { "submit", "relief submit SERIAL --opinion TEXT [--signer NAME] [--signed-on DATE] [--as USER]",
    NAMES ("opinion", "signer", "signed-on", "as"), "opinion", step_submit,
    N_("submitted") },
  { "review", "relief review SERIAL --opinion TEXT [--street-opinion TEXT [--street-signer NAME] [--street-signed-on DATE]] [--as USER]",
    NAMES ("opinion", "signer", "signed-on", "street-opinion", "street-signer", "street-signed-on", "as"), "opinion",
    step_review, N_("reviewed") },
  { "return", "relief return SERIAL --reason TEXT [--as USER]",
    NAMES ("reason", "as"), "reason", step_return,
    N_("returned to the clerk") },
  { "approve", "relief approve SERIAL --opinion TEXT [--amount AMOUNT --reason TEXT] [--as USER]",
    NAMES ("opinion", "signer", "signed-on", "amount", "reason", "as"), "opinion", step_approve,
    N_("approved") },
  { "reject", "relief reject SERIAL --opinion TEXT [--as USER]",
    NAMES ("opinion", "signer", "signed-on", "as"), "opinion", step_reject,
    N_("rejected") },
  { "notice", "relief notice SERIAL --from DATE --to DATE [--as USER]",
    NAMES ("from", "to", "as"), "from", step_notice,
    N_("public notice recorded") },
  { "pay", "relief pay SERIAL --date DATE --method jingka|bank|cash --receipt NUMBER [--as USER]",
    NAMES ("date", "method", "receipt", "as"), "date", step_pay,
    N_("payment recorded") },
};

static const char *
option_value (const Options *o,
              const char    *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (option_infos); i++)
    if (g_str_equal (option_infos[i].name, name))
      return *(const char **) G_STRUCT_MEMBER_P ((gpointer) o, option_infos[i].offset);

  g_return_val_if_reached (NULL);
}

static int
relief_step (UdCliContext       *ctx,
             const StepCommand  *command,
             int                 argc,
             char              **argv)
{
  g_auto(Options) o = { NULL, };
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) application = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_options (&o, _("SERIAL"), command->options, &argc, &argv) || argc != 2 ||
      option_value (&o, command->required) == NULL)
    return ud_cli_usage (command->usage);

  if ((db = open_office (ctx, &o)) == NULL)
    return UD_CLI_FAILED;

  if ((application = ud_illness_store_find (db, argv[1], &error)) == NULL ||
      !command->run (db, application->id, &o, &error))
    return ud_cli_fail_with (error);

  /* TRANSLATORS: a serial number, then what happened to it ("approved") */
  printf (_("%s: %s\n"), ud_record_get (application, "serial"), _(command->done));
  return UD_CLI_OK;
}

static char *
money_or_empty (const UdRecord *record,
                const char     *field)
{
  const char *value = ud_record_get (record, field);

  return *value != '\0' ? ud_money_format (g_ascii_strtoll (value, NULL, 10)) : g_strdup ("-");
}

static int
relief_list (UdCliContext  *ctx,
             int            argc,
             char         **argv)
{
  static const char * const names[] = { "year", "status", "as", "json", NULL };
  const UdField *status_field = ud_kind_find_field (&ud_kind_illness_application, "status");
  g_auto(Options) o = { NULL, };
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GPtrArray) applications = NULL;
  g_autoptr(GError) error = NULL;
  UdIllnessQuery query = { 0, };

  if (!parse_options (&o, NULL, names, &argc, &argv) || argc != 1 || o.year < 0)
    return ud_cli_usage ("relief list [--year YEAR] [--status STATUS] [--json]");

  if (o.status != NULL && ud_field_find_choice (status_field, o.status) == NULL)
    {
      ud_cli_fail (_("--status: give one of draft, submitted, reviewed, approved, rejected or paid."));
      return UD_CLI_USAGE;
    }

  if ((db = open_office (ctx, &o)) == NULL)
    return UD_CLI_FAILED;

  query.year = (guint) o.year;
  query.status = o.status != NULL ? ud_field_find_choice (status_field, o.status)->value : NULL;
  applications = ud_illness_store_list (db, &query, &error);
  if (applications == NULL)
    return ud_cli_fail_with (error);

  if (o.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, applications->len);
      json_builder_set_member_name (builder, "applications");
      json_builder_begin_array (builder);
      for (guint i = 0; i < applications->len; i++)
        json_builder_add_value (builder, ud_illness_application_to_json (g_ptr_array_index (applications, i)));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  for (guint i = 0; i < applications->len; i++)
    {
      UdRecord *application = g_ptr_array_index (applications, i);
      g_autofree char *suggested = money_or_empty (application, "suggested_amount");
      g_autofree char *approved = money_or_empty (application, "approved_amount");

      printf ("%s  %s  %s  %s  %s  %s\n",
              ud_record_get (application, "serial"),
              ud_record_get (application, "application_date"),
              ud_record_get (application, "member_name"),
              ud_field_choice_label (status_field, ud_record_get (application, "status")),
              suggested, approved);
    }

  return UD_CLI_OK;
}

static int
relief_show (UdCliContext  *ctx,
             int            argc,
             char         **argv)
{
  static const char * const names[] = { "as", "json", NULL };
  g_auto(Options) o = { NULL, };
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) application = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *trail;

  if (!parse_options (&o, _("SERIAL"), names, &argc, &argv) || argc != 2)
    return ud_cli_usage ("relief show SERIAL [--json]");

  if ((db = open_office (ctx, &o)) == NULL)
    return UD_CLI_FAILED;

  if ((application = ud_illness_store_find (db, argv[1], &error)) == NULL ||
      (steps = ud_illness_store_list_steps (db, application->uuid, &error)) == NULL)
    return ud_cli_fail_with (error);

  if (!o.json)
    {
      const UdKind *kind = application->kind;

      for (guint i = 0; i < kind->n_fields; i++)
        {
          const UdField *field = &kind->fields[i];
          g_autofree char *shown = NULL;

          /* The member is named by the fields that follow. */
          if (field->type == UD_FIELD_REFERENCE)
            continue;
          if (field->flags & UD_FIELD_ACCOUNT)
            shown = ud_account_display_name (db, application->values[i]);
          else if (g_str_equal (field->name, "disease") && *application->values[i] != '\0')
            {
              g_autofree char *name = ud_illness_store_disease_name (db, application, NULL);

              /* TRANSLATORS: a disease's code in the catalogue, then its name */
              shown = name != NULL && *name != '\0'
                      ? g_strdup_printf (_("%s %s"), application->values[i], name)
                      : g_strdup (application->values[i]);
            }
          else
            shown = ud_field_display (field, application->values[i], FALSE);

          if (*shown != '\0')
            /* TRANSLATORS: a field's label, then its value */
            printf (_("%s: %s\n"), _(field->label), shown);
        }
      for (guint i = 0; i < steps->len; i++)
        {
          UdIllnessStep *step = g_ptr_array_index (steps, i);
          g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (step->at, NULL);
          g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
          g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (step->at);

          g_autoptr(GString) line = g_string_new (NULL);

          g_string_append_printf (line, "%s  %s  %s", when, step->actor_name, ud_illness_step_get_label (step->step));
          if (step->opinion != NULL && *step->opinion != '\0')
            g_string_append_printf (line, "  %s", step->opinion);
          if (step->signer != NULL && *step->signer != '\0')
            /* TRANSLATORS: who signed an opinion on paper, and the date it carries */
            g_string_append_printf (line, _("  (signed by %s on %s)"), step->signer, step->signed_on);
          printf ("%s\n", line->str);
        }
      return UD_CLI_OK;
    }

  root = ud_illness_application_to_json (application);
  trail = json_array_new ();
  for (guint i = 0; i < steps->len; i++)
    {
      UdIllnessStep *step = g_ptr_array_index (steps, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "step", step->step);
      json_object_set_string_member (object, "actor", step->actor);
      json_object_set_string_member (object, "at", step->at);
      json_object_set_string_member (object, "opinion", step->opinion);
      json_object_set_string_member (object, "signer", step->signer);
      json_object_set_string_member (object, "signed_on", step->signed_on);
      json_array_add_object_element (trail, object);
    }
  json_object_set_array_member (json_node_get_object (root), "steps", trail);
  ud_cli_print_json (root);

  return UD_CLI_OK;
}

/* ---- the fund -------------------------------------------------------- */

static int
relief_fund (UdCliContext  *ctx,
             int            argc,
             char         **argv)
{
  static const char * const names[] = { "year", "budget", "as", "json", NULL };
  g_auto(Options) o = { NULL, };
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  UdFundSummary summary;
  UdFen budget = 0;

  if (!parse_options (&o, NULL, names, &argc, &argv) || argc != 1 || o.year <= 0)
    return ud_cli_usage ("relief fund --year YEAR [--budget AMOUNT] [--as USER] [--json]");

  if (o.budget != NULL && !parse_amount ("--budget", o.budget, &budget))
    return UD_CLI_USAGE;

  if ((db = open_office (ctx, &o)) == NULL)
    return UD_CLI_FAILED;

  if (o.budget != NULL && !ud_fund_set_budget (db, (guint) o.year, budget, &error))
    return ud_cli_fail_with (error);

  if (!ud_fund_get_summary (db, (guint) o.year, &summary, &error))
    return ud_cli_fail_with (error);

  text = ud_fund_summary_to_string (&summary);
  if (o.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      const struct { const char *name; UdFen fen; } amounts[] = {
        { "approved_total", summary.approved_total },
        { "paid_total", summary.paid_total },
        { "balance", summary.balance },
      };

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, summary.year);
      json_builder_set_member_name (builder, "budget");
      if (summary.has_budget)
        {
          g_autofree char *yuan = ud_money_format_plain (summary.budget);

          json_builder_add_string_value (builder, yuan);
        }
      else
        json_builder_add_null_value (builder);
      for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
        {
          g_autofree char *yuan = ud_money_format_plain (amounts[i].fen);

          json_builder_set_member_name (builder, amounts[i].name);
          json_builder_add_string_value (builder, yuan);
        }
      json_builder_set_member_name (builder, "approved_count");
      json_builder_add_int_value (builder, summary.approved_count);
      json_builder_set_member_name (builder, "people");
      json_builder_add_int_value (builder, summary.people);
      json_builder_set_member_name (builder, "paid_count");
      json_builder_add_int_value (builder, summary.paid_count);
      json_builder_set_member_name (builder, "pending_count");
      json_builder_add_int_value (builder, summary.pending_count);
      json_builder_set_member_name (builder, "rejected_count");
      json_builder_add_int_value (builder, summary.rejected_count);
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, text);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      ud_cli_print_json (root);
    }
  else
    /* TRANSLATORS: a year, then "24 people, … yuan left" */
    printf (_("%d: %s\n"), o.year, text);

  return UD_CLI_OK;
}

/* ---- reference tables ------------------------------------------------ */

static gboolean
parse_kind (const char      *text,
            UdReferenceKind *kind)
{
  if (ud_reference_kind_from_string (text, kind))
    return TRUE;

  ud_cli_fail (_("“%s” is not a reference table: give diseases, low_income_line, relief_rules or room_standards."), text);
  return FALSE;
}

static void
add_version_json (JsonBuilder              *builder,
                  const UdReferenceVersion *version)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, ud_reference_kind_to_string (version->kind));
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, version->version);
  json_builder_set_member_name (builder, "effective");
  json_builder_add_string_value (builder, version->effective);
  json_builder_set_member_name (builder, "in_use");
  json_builder_add_boolean_value (builder, version->in_use);
  json_builder_set_member_name (builder, "created_by");
  json_builder_add_string_value (builder, version->created_by);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, version->created_at);
  json_builder_end_object (builder);
}

static int
reference_list (UdCliContext  *ctx,
                int            argc,
                char         **argv)
{
  static const char * const names[] = { "kind", "as", "json", NULL };
  g_auto(Options) o = { NULL, };
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  UdReferenceKind only = UD_REFERENCE_DISEASES;

  if (!parse_options (&o, NULL, names, &argc, &argv) || argc != 1)
    return ud_cli_usage ("relief reference list [--kind KIND] [--json]");
  if (o.kind != NULL && !parse_kind (o.kind, &only))
    return UD_CLI_USAGE;

  if ((db = open_office (ctx, &o)) == NULL)
    return UD_CLI_FAILED;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "versions");
  json_builder_begin_array (builder);
  for (guint k = 0; k < UD_N_REFERENCE_KINDS; k++)
    {
      g_autoptr(GPtrArray) versions = NULL;
      g_autoptr(GError) error = NULL;

      if (o.kind != NULL && k != only)
        continue;

      versions = ud_reference_list (db, k, &error);
      if (versions == NULL)
        return ud_cli_fail_with (error);

      for (guint i = 0; i < versions->len; i++)
        {
          UdReferenceVersion *version = g_ptr_array_index (versions, i);

          if (o.json)
            add_version_json (builder, version);
          else
            /* TRANSLATORS: a table, a version, its effective date, and
             * whether a decision used it */
            printf (_("%s %s from %s%s\n"), ud_reference_kind_get_label (k), version->version,
                    version->effective, version->in_use ? _(" (used by decisions)") : "");
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (o.json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      ud_cli_print_json (root);
    }

  return UD_CLI_OK;
}

static int
reference_show (UdCliContext  *ctx,
                int            argc,
                char         **argv)
{
  static const char * const names[] = { "as", NULL };
  g_auto(Options) o = { NULL, };
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdReferenceVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  UdReferenceKind kind;

  if (!parse_options (&o, _("KIND VERSION"), names, &argc, &argv) || argc != 3)
    return ud_cli_usage ("relief reference show KIND VERSION");
  if (!parse_kind (argv[1], &kind))
    return UD_CLI_USAGE;

  if ((db = open_office (ctx, &o)) == NULL)
    return UD_CLI_FAILED;

  version = ud_reference_get (db, kind, argv[2], &error);
  if (version == NULL)
    return ud_cli_fail_with (error);

  printf ("%s\n", version->data);
  return UD_CLI_OK;
}

static int
reference_change (UdCliContext  *ctx,
                  gboolean       update,
                  int            argc,
                  char         **argv)
{
  static const char * const names[] = { "as", NULL };
  g_auto(Options) o = { NULL, };
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdReferenceVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  UdReferenceKind kind;

  if (!parse_options (&o, update ? _("KIND VERSION VERSION.json") : _("KIND VERSION.json"), names, &argc, &argv) ||
      argc != (update ? 4 : 3))
    return ud_cli_usage (update ? "relief reference update KIND VERSION VERSION.json [--as USER]"
                                : "relief reference add KIND VERSION.json [--as USER]");
  if (!parse_kind (argv[1], &kind) || !check_stdin_free (&o, argv[argc - 1]))
    return UD_CLI_USAGE;

  if ((text = ud_cli_read_input (argv[argc - 1], &error)) == NULL)
    {
      ud_cli_fail (_("Cannot read the version: %s."), error->message);
      return UD_CLI_FAILED;
    }

  if ((db = open_office (ctx, &o)) == NULL)
    return UD_CLI_FAILED;

  if (update)
    version = ud_reference_update_version (db, kind, argv[2], text, &error);
  else
    version = ud_reference_add_version (db, kind, text, &error);
  if (version == NULL)
    return ud_cli_fail_with (error);

  /* TRANSLATORS: a table (“Relief rules”), a version, then a date */
  printf (_("%s: version %s, in force from %s, stored.\n"),
          ud_reference_kind_get_label (kind), version->version, version->effective);
  return UD_CLI_OK;
}

static int
relief_reference (UdCliContext  *ctx,
                  int            argc,
                  char         **argv)
{
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return reference_list (ctx, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "show") == 0)
    return reference_show (ctx, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return reference_change (ctx, FALSE, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "update") == 0)
    return reference_change (ctx, TRUE, argc - 1, argv + 1);

  return ud_cli_usage ("relief reference list|show|add|update …");
}

int
ud_cli_relief (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  static const struct
  {
    const char *name;
    int (*func) (UdCliContext *ctx, int argc, char **argv);
  } commands[] = {
    { "quote", relief_quote },
    { "apply", relief_apply },
    { "update", relief_update },
    { "list", relief_list },
    { "show", relief_show },
    { "fund", relief_fund },
    { "reference", relief_reference },
  };

  g_return_val_if_fail (ctx != NULL, UD_CLI_USAGE);
  g_return_val_if_fail (argc >= 1, UD_CLI_USAGE);

  if (argc >= 2)
    {
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (strcmp (argv[1], commands[i].name) == 0)
          return commands[i].func (ctx, argc - 1, argv + 1);

      for (guint i = 0; i < G_N_ELEMENTS (step_commands); i++)
        if (strcmp (argv[1], step_commands[i].name) == 0)
          return relief_step (ctx, &step_commands[i], argc - 1, argv + 1);

      ud_cli_fail (_("Unknown relief command “%s”."), argv[1]);
    }

  return ud_cli_usage (RELIEF_USAGE);
}
