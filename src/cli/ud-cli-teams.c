/* ud-cli-teams.c — the model-worker poverty-relief teams
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

#include "ud-aid-store.h"
#include "ud-cli.h"
#include "ud-hardship-print.h"
#include "ud-honour-kind.h"
#include "ud-member-kind.h"
#include "ud-money.h"
#include "ud-record-json.h"
#include "ud-record-store.h"
#include "ud-team-kind.h"
#include "ud-team-print.h"
#include "ud-team-store.h"

#define TEAM_USAGE \
  "team add --name NAME --captain NAME --responsible-union UNION --paired-locality PLACE [--founded DATE] [--status S] [--notes TEXT]\n" \
  "       team list [--json]\n" \
  "       team show TEAM [--year YEAR] [--json]\n" \
  "       team member add TEAM --id-number ID [--expertise TEXT] [--role captain|deputy|member]\n" \
  "       team household add TEAM --head NAME --head-id-number ID --village V --size N --cause C --registration-number NO [--contact PHONE]\n" \
  "       team activity add TEAM --date DATE --type 技能|健康|教育|产业|消费|结对 --place P --summary TEXT [--participants NAMES] [--households-reached N] [--money YUAN] [--goods-value YUAN]\n" \
  "       team project add TEAM --name NAME --started-on DATE --value YUAN [--donor D] [--description TEXT] [--households N]\n" \
  "       team import teams|members|households|activities|projects FILE [--dry-run] [--keep-existing] [--json]\n" \
  "       team export teams|members|households|activities|projects FILE [--as USER]\n" \
  "       team pay TEAM --year YEAR [--amount YUAN] [--programme CODE] [--title TEXT] [--json]\n" \
  "       team report TEAM --year YEAR -o OUT.pdf [--as USER]"

#define PRINT_HONOUR_USAGE \
  "print honour-certificates TEAM --year YEAR [--member ID-NUMBER]… [--words TEXT] [--date DATE] -o OUT.pdf [--as USER]"

#define HONOUR_USAGE \
  "honour add ID-NUMBER --name NAME [--level national|provincial|district|township|unit] [--year YEAR] [--awarding-body BODY]\n" \
  "       honour list ID-NUMBER [--json]"

/* What `team import|export|… WHAT` names. */
static const struct
{
  const char   *word;
  const UdKind *kind;
} whats[] = {
  { "teams",      &ud_kind_team },
  { "members",    &ud_kind_team_member },
  { "households", &ud_kind_assisted_household },
  { "activities", &ud_kind_team_activity },
  { "projects",   &ud_kind_team_project },
};

static const UdKind *
kind_of (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (whats); i++)
    if (g_str_equal (whats[i].word, word))
      return whats[i].kind;
  return NULL;
}

/* Whether the command line types @field: neither derived nor the team
 * (given as the command's argument) nor a reference. */
static gboolean
typed_field (const UdField *field)
{
  return (field->flags & (UD_FIELD_DERIVED | UD_FIELD_LOCAL | UD_FIELD_PARENT)) == 0 &&
         field->type != UD_FIELD_REFERENCE;
}

/* The live member of the roll with this ID number. */
static UdRecord *
find_member (UdDatabase  *db,
             const char  *id_number,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  UdRecord *member = ud_record_store_find (db, &ud_kind_member, "id_number", id_number, &local_error);

  if (local_error != NULL && !g_error_matches (local_error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (member == NULL || member->deleted)
    {
      g_clear_pointer (&member, ud_record_unref);
      g_set_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_NOT_FOUND,
                   /* TRANSLATORS: an ID number */
                   _("No member on the roll has the ID number %s."), id_number);
    }
  return member;
}

/* `team add` and `team member|household|activity|project add TEAM`: an
 * option for each typed field of @kind (--head-id-number for
 * head_id_number), each value read as a person types it (money in yuan,
 * choices by their words) and the record saved by ud_team_save(). */
static int
add_record (UdCliContext  *ctx,
            const UdKind  *kind,
            int            argc,
            char         **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **values = g_new0 (char *, kind->n_fields);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) record = ud_record_new (kind);
  g_autoptr(UdRecord) team = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gboolean child = kind != &ud_kind_team;
  gboolean honour = kind == &ud_kind_member_honour;
  int status = UD_CLI_OK;

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const UdField *field = &kind->fields[i];
      GOptionEntry entry = { NULL, 0, 0, G_OPTION_ARG_STRING, NULL, NULL, N_("VALUE") };
      char *name;

      if (!typed_field (field))
        continue;
      name = g_strdelimit (g_strdup (field->name), "_", '-');
      g_ptr_array_add (names, name);
      entry.long_name = name;
      entry.arg_data = &values[i];
      entry.description = field->label;
      g_array_append_val (entries, entry);
    }
  {
    GOptionEntry entry = { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL };

    g_array_append_val (entries, entry);
  }

  context = g_option_context_new (honour ? "ID-NUMBER" : child ? "TEAM" : NULL);
  g_option_context_add_main_entries (context, (GOptionEntry *) (gpointer) entries->data, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != (child ? 2 : 1))
    {
      status = ud_cli_usage (TEAM_USAGE);
      goto out;
    }

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    {
      status = UD_CLI_FAILED;
      goto out;
    }
  if (honour)
    {
      g_autoptr(UdRecord) member = NULL;

      if ((member = find_member (db, argv[1], &error)) == NULL)
        {
          status = ud_cli_fail_with (error);
          goto out;
        }
      ud_record_set (record, "member_uuid", member->uuid);
    }
  else if (child)
    {
      if ((team = ud_team_find (db, argv[1], &error)) == NULL)
        {
          status = ud_cli_fail_with (error);
          goto out;
        }
      ud_record_set (record, "team", ud_record_get (team, "name"));
    }

  /* Each value as typed, to its stored form: the message names the field. */
  for (guint i = 0; i < kind->n_fields; i++)
    {
      g_autoptr(GPtrArray) issues = ud_issue_list_new ();
      g_autofree char *value = NULL;

      if (values[i] == NULL)
        continue;
      value = ud_field_normalize (&kind->fields[i], values[i], issues);
      if (value == NULL)
        {
          ud_issue_list_set_error (issues, 0, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID, &error);
          status = ud_cli_fail_with (error);
          goto out;
        }
      ud_record_set_nth (record, i, value);
    }

  if (honour ? !ud_record_store_save (db, record, NULL, &error) : !ud_team_save (db, record, &error))
    {
      status = ud_cli_fail_with (error);
      goto out;
    }

  if (json)
    {
      g_autoptr(JsonNode) node = ud_record_to_json_node (record);

      ud_cli_print_json (node);
    }
  else
    {
      g_autofree char *title = ud_record_get_title (record);

      /* TRANSLATORS: what kind of record, then its title */
      printf (_("%s “%s” added\n"), _(kind->label), title);
    }

out:
  for (guint i = 0; i < kind->n_fields; i++)
    g_free (values[i]);
  return status;
}

static int
team_list (UdCliContext  *ctx,
           int            argc,
           char         **argv)
{
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(GError) error = NULL;
  UdRecordQuery query = { &ud_kind_team };
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1)
    return ud_cli_usage (TEAM_USAGE);

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;
  teams = ud_record_store_list (db, &query, &error);
  if (teams == NULL)
    return ud_cli_fail_with (error);

  if (json)
    {
      JsonArray *array = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      for (guint i = 0; i < teams->len; i++)
        json_array_add_element (array, ud_record_to_json_node (g_ptr_array_index (teams, i)));
      json_object_set_int_member (object, "count", teams->len);
      json_object_set_array_member (object, "teams", array);
      json_node_take_object (root, object);
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  for (guint i = 0; i < teams->len; i++)
    {
      UdRecord *team = g_ptr_array_index (teams, i);
      g_autoptr(GPtrArray) members = ud_team_records (db, team, &ud_kind_team_member, &error);
      g_autoptr(GPtrArray) households = members != NULL ? ud_team_records (db, team, &ud_kind_assisted_household, &error) : NULL;
      g_autofree char *status = ud_field_display (ud_kind_find_field (&ud_kind_team, "status"), ud_record_get (team, "status"), TRUE);

      if (households == NULL)
        return ud_cli_fail_with (error);
      printf ("%s  %s  %s  %s  ", ud_record_get (team, "name"), ud_record_get (team, "captain"),
              ud_record_get (team, "paired_locality"), status);
      printf (ngettext ("%u member, ", "%u members, ", members->len), members->len);
      printf (ngettext ("%u household\n", "%u households\n", households->len), households->len);
    }
  printf (ngettext ("%u team\n", "%u teams\n", teams->len), teams->len);
  return UD_CLI_OK;
}

static void
set_money (JsonObject *object,
           const char *name,
           UdFen       fen)
{
  g_autofree char *text = ud_money_format_plain (fen);

  json_object_set_string_member (object, name, text);
}

static void
add_totals_json (JsonObject       *object,
                 const UdTeamYear *y)
{
  json_object_set_int_member (object, "year", y->year);
  json_object_set_int_member (object, "activities", y->activities);
  json_object_set_int_member (object, "households_reached", y->households_reached);
  set_money (object, "money", y->money);
  set_money (object, "goods_value", y->goods_value);
  json_object_set_int_member (object, "projects", y->projects);
  set_money (object, "project_value", y->project_value);
  json_object_set_int_member (object, "households_aided", y->households_aided);
  set_money (object, "aid_committed", y->aid_committed);
  set_money (object, "aid_paid", y->aid_paid);
}

static int
team_show (UdCliContext  *ctx,
           int            argc,
           char         **argv)
{
  gboolean json = FALSE;
  int year = 0;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) team = NULL;
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *lists[G_N_ELEMENTS (whats)] = { NULL };
  int status = UD_CLI_OK;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The totals of this year only"), N_("YEAR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new ("TEAM");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2 || year < 0 || year > 9999)
    return ud_cli_usage (TEAM_USAGE);

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;
  team = ud_team_find (db, argv[1], &error);
  if (team == NULL || (totals = ud_team_totals (db, team, (guint) year, &error)) == NULL)
    return ud_cli_fail_with (error);
  for (guint w = 1; w < G_N_ELEMENTS (whats); w++)
    if ((lists[w] = ud_team_records (db, team, whats[w].kind, &error)) == NULL)
      {
        status = ud_cli_fail_with (error);
        goto out;
      }

  if (json)
    {
      g_autoptr(JsonNode) root = ud_record_to_json_node (team);
      JsonObject *object = json_node_get_object (root);
      JsonArray *years = json_array_new ();

      for (guint w = 1; w < G_N_ELEMENTS (whats); w++)
        {
          JsonArray *array = json_array_new ();

          for (guint i = 0; i < lists[w]->len; i++)
            {
              g_autoptr(JsonNode) node = ud_record_to_json_node (g_ptr_array_index (lists[w], i));

              json_array_add_element (array, g_steal_pointer (&node));
            }
          json_object_set_array_member (object, whats[w].word, array);
        }
      for (guint i = 0; i < totals->len; i++)
        {
          JsonObject *y = json_object_new ();

          add_totals_json (y, &g_array_index (totals, UdTeamYear, i));
          json_array_add_object_element (years, y);
        }
      json_object_set_array_member (object, "totals", years);
      ud_cli_print_json (root);
      goto out;
    }

  ud_cli_print_record (db, team, TRUE);
  for (guint w = 1; w < G_N_ELEMENTS (whats); w++)
    {
      /* TRANSLATORS: what kind of records, then how many */
      printf (_("%s: %u\n"), _(whats[w].kind->label), lists[w]->len);
      for (guint i = 0; i < lists[w]->len; i++)
        {
          g_autofree char *title = ud_record_get_title (g_ptr_array_index (lists[w], i));

          printf ("  %s\n", title);
        }
    }
  for (guint i = 0; i < totals->len; i++)
    {
      UdTeamYear *y = &g_array_index (totals, UdTeamYear, i);
      g_autofree char *money = ud_money_format (y->money);
      g_autofree char *goods = ud_money_format (y->goods_value);
      g_autofree char *projects = ud_money_format (y->project_value);
      g_autofree char *paid = ud_money_format (y->aid_paid);
      g_autofree char *committed = ud_money_format (y->aid_committed);

      /* TRANSLATORS: a year */
      printf (_("Year %u:\n"), y->year);
      printf ("  %s: %u\n", _("Activities"), y->activities);
      printf ("  %s: %lld\n", _("Households reached"), (long long) y->households_reached);
      printf ("  %s: %s\n", _("Money given"), money);
      printf ("  %s: %s\n", _("Value of goods given"), goods);
      printf ("  %s: %u, %s\n", _("Projects"), y->projects, projects);
      printf ("  %s: %u\n", _("Households paid aid"), y->households_aided);
      /* TRANSLATORS: amounts in yuan: paid, then committed */
      printf (_("  Aid paid: %s of %s\n"), paid, committed);
    }

out:
  for (guint w = 0; w < G_N_ELEMENTS (whats); w++)
    g_clear_pointer (&lists[w], g_ptr_array_unref);
  return status;
}

/* `team import|export WHAT FILE …`: the shared import and export of a
 * roster kind (ud_cli_import(), ud_cli_export()). */
static int
roster (UdCliContext  *ctx,
        const char    *command,
        int            argc,
        char         **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const UdKind *kind;

  if (argc < 2 || (kind = kind_of (argv[1])) == NULL)
    return ud_cli_usage (TEAM_USAGE);

  g_ptr_array_add (args, (gpointer) command);
  g_ptr_array_add (args, (gpointer) kind->name);
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  return g_str_equal (command, "import") ? ud_cli_import (ctx, (int) args->len - 1, (char **) args->pdata)
                                         : ud_cli_export (ctx, (int) args->len - 1, (char **) args->pdata);
}

static int
team_pay (UdCliContext  *ctx,
          int            argc,
          char         **argv)
{
  g_autofree char *amount_text = NULL, *programme = NULL, *title = NULL, *as = NULL;
  int year = 0;
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) team = NULL;
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(GError) error = NULL;
  UdFen amount = -1;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The programme year"), N_("YEAR") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text, N_("Each household's amount in yuan (default: the programme's for an assisted household)"), N_("YUAN") },
    { "programme", 0, 0, G_OPTION_ARG_STRING, &programme, N_("The aid programme's code or name (default temporary)"), N_("CODE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The batch's title (default the team's name)"), N_("TEXT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new ("TEAM");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2 || year < 2000 || year > 9999)
    return ud_cli_usage (TEAM_USAGE);
  if (amount_text != NULL && (!ud_money_parse (amount_text, &amount, NULL) || amount <= 0))
    {
      /* TRANSLATORS: what was given */
      ud_cli_fail (_("Amount: “%s” is not an amount of money more than 0."), amount_text);
      return UD_CLI_FAILED;
    }

  db = ud_cli_open_office (ctx, as);
  if (db == NULL)
    return UD_CLI_FAILED;
  team = ud_team_find (db, argv[1], &error);
  if (team == NULL ||
      (batch = ud_team_pay (db, team, programme != NULL ? programme : "temporary", (guint) year, amount, title, &error)) == NULL)
    return ud_cli_fail_with (error);

  if (json)
    {
      g_autoptr(JsonNode) node = ud_record_to_json_node (batch);

      ud_cli_print_json (node);
      return UD_CLI_OK;
    }
  {
    g_autofree char *total = ud_money_format (ud_record_get_int (batch, "total"));
    gint64 n = ud_record_get_int (batch, "recipients");

    /* TRANSLATORS: a batch's serial number, the number of households, then the total in yuan */
    printf (ngettext ("Batch %s: %lld household, %s yuan in all; print its receipt list with “print receipt-list %s”.\n",
                      "Batch %s: %lld households, %s yuan in all; print its receipt list with “print receipt-list %s”.\n", n),
            ud_record_get (batch, "serial"), (long long) n, total, ud_record_get (batch, "serial"));
  }
  return UD_CLI_OK;
}

static int
team_report (UdCliContext  *ctx,
             int            argc,
             char         **argv)
{
  g_autofree char *output = NULL, *as = NULL;
  int year = 0;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) team = NULL;
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(GPtrArray) households = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year reported"), N_("YEAR") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to this file"), N_("OUT.pdf") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };

  context = g_option_context_new ("TEAM");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2 || year < 2000 || year > 9999 || output == NULL)
    return ud_cli_usage (TEAM_USAGE);

  db = ud_cli_open_office (ctx, as);
  if (db == NULL)
    return UD_CLI_FAILED;
  team = ud_team_find (db, argv[1], &error);
  if (team == NULL ||
      (document = ud_team_year_report_build (db, team, (guint) year, &households, &error)) == NULL ||
      !ud_hardship_print_write_pdf (db, document, households, output, &error))
    return ud_cli_fail_with (error);

  /* TRANSLATORS: a file name */
  printf (ngettext ("Wrote %s (%u page)\n", "Wrote %s (%u pages)\n", ud_document_get_n_pages (document)),
          output, ud_document_get_n_pages (document));
  return UD_CLI_OK;
}

static int
honour_list (UdCliContext  *ctx,
             int            argc,
             char         **argv)
{
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(GPtrArray) honours = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new ("ID-NUMBER");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2)
    return ud_cli_usage (HONOUR_USAGE);

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;
  if ((member = find_member (db, argv[1], &error)) == NULL ||
      (honours = ud_member_honours (db, member->uuid, &error)) == NULL)
    return ud_cli_fail_with (error);

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < honours->len; i++)
        json_array_add_element (array, ud_record_to_json_node (g_ptr_array_index (honours, i)));
      json_object_set_string_member (object, "name", ud_record_get (member, "name"));
      json_object_set_int_member (object, "count", honours->len);
      json_object_set_array_member (object, "honours", array);
      json_node_take_object (root, object);
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  for (guint i = 0; i < honours->len; i++)
    {
      UdRecord *h = g_ptr_array_index (honours, i);
      g_autofree char *level = ud_field_display (ud_kind_find_field (h->kind, "level"), ud_record_get (h, "level"), FALSE);

      printf ("%s  %s  %s  %s\n", ud_record_get (h, "year"), ud_record_get (h, "name"), level, ud_record_get (h, "awarding_body"));
    }
  /* TRANSLATORS: a member's name */
  printf (ngettext ("%s: %u honour\n", "%s: %u honours\n", honours->len), ud_record_get (member, "name"), honours->len);
  return UD_CLI_OK;
}

/* `print honour-certificates TEAM --year Y -o OUT.pdf`: the team's
 * members' honour certificates in one PDF, the print in the audit trail. */
int
ud_cli_print_honour_certificates (UdCliContext  *ctx,
                                  int            argc,
                                  char         **argv)
{
  g_autofree char *output = NULL, *as = NULL, *words = NULL, *date = NULL;
  g_auto(GStrv) id_numbers = NULL;
  int year = 0;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) team = NULL;
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year honoured"), N_("YEAR") },
    { "member", 0, 0, G_OPTION_ARG_STRING_ARRAY, &id_numbers, N_("Only this member of the team, by ID number (may be repeated)"), N_("ID-NUMBER") },
    { "words", 0, 0, G_OPTION_ARG_STRING, &words, N_("The words of thanks (default: the team's own for the year)"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The date printed (default today)"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to this file"), N_("OUT.pdf") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };

  context = g_option_context_new ("TEAM");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2 || year < 2000 || year > 9999 || output == NULL)
    return ud_cli_usage (PRINT_HONOUR_USAGE);

  db = ud_cli_open_office (ctx, as);
  if (db == NULL)
    return UD_CLI_FAILED;
  team = ud_team_find (db, argv[1], &error);
  if (team == NULL ||
      (document = ud_team_honour_certificates_build (db, team, (guint) year, (const char * const *) id_numbers,
                                                     words, date, &members, &error)) == NULL ||
      !ud_hardship_print_write_pdf (db, document, members, output, &error))
    return ud_cli_fail_with (error);

  /* TRANSLATORS: the number of certificates, then a file */
  printf (ngettext ("%u honour certificate is in %s\n", "%u honour certificates are in %s\n", members->len),
          members->len, output);
  return UD_CLI_OK;
}

/* `honour add|list`: a member's honours (ud-honour-kind.h). */
int
ud_cli_honour (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return add_record (ctx, &ud_kind_member_honour, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return honour_list (ctx, argc - 1, argv + 1);
  return ud_cli_usage (HONOUR_USAGE);
}

int
ud_cli_team (UdCliContext  *ctx,
             int            argc,
             char         **argv)
{
  static const struct
  {
    const char   *word;
    const UdKind *kind;
  } children[] = {
    { "member",    &ud_kind_team_member },
    { "household", &ud_kind_assisted_household },
    { "activity",  &ud_kind_team_activity },
    { "project",   &ud_kind_team_project },
  };

  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return add_record (ctx, &ud_kind_team, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return team_list (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "show"))
    return team_show (ctx, argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "import") || g_str_equal (argv[1], "export")))
    return roster (ctx, argv[1], argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "pay"))
    return team_pay (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "report"))
    return team_report (ctx, argc - 1, argv + 1);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    if (argc >= 3 && g_str_equal (argv[1], children[i].word) && g_str_equal (argv[2], "add"))
      return add_record (ctx, children[i].kind, argc - 2, argv + 2);

  return ud_cli_usage (TEAM_USAGE);
}
