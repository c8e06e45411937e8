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
#include "ud-hardship-kind.h"
#include "ud-hardship-rules.h"
#include "ud-hardship-store.h"
#include "ud-json.h"
#include "ud-member-kind.h"
#include "ud-record-json.h"
#include "ud-record-store.h"
#include "ud-workflow.h"

#define HARDSHIP_USAGE \
  "hardship quote CASE.json\n" \
  "  hardship apply ARCHIVE.json --member ID_NUMBER [--as USER] [--json]\n" \
  "  hardship step SERIAL STEP [--opinion TEXT [--signer NAME] [--signed-on DATE]] [--FIELD VALUE…] [--as USER]\n" \
  "  hardship visit SERIAL --date DATE --visitor NAME --notes TEXT [--as USER]\n" \
  "  hardship list [--status STATUS] [--category CATEGORY] [--street STREET] [--search TEXT] [--overdue] [--json]\n" \
  "  hardship show SERIAL|ID_NUMBER [--json]"

#define ARCHIVE (&ud_kind_hardship_archive)

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

/* ---- archives -------------------------------------------------------- */

/* The archive's fields from @text, and its household from the member
 * "household": a list of people. */
static gboolean
read_archive (const char  *text,
              UdRecord    *archive,
              GPtrArray   *household,
              GError     **error)
{
  static const char * const own[] = { "household", NULL };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *people;

  root = ud_json_parse (text, -1, UD_JSON_MAX_DEPTH, _("The archive"), &local_error);
  if (root == NULL)
    {
      g_set_error_literal (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID, local_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID,
                           _("The archive must be one group of fields in braces { }."));
      return FALSE;
    }
  object = json_node_get_object (root);
  if (!ud_record_set_from_json (archive, object, own, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID, error))
    return FALSE;

  people = json_object_get_member (object, "household");
  if (people == NULL || JSON_NODE_HOLDS_NULL (people))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (people))
    {
      g_set_error_literal (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID,
                           _("household: must be a list of people in brackets [ ]"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (people)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (people), i);
      g_autoptr(UdRecord) person = ud_record_new (&ud_kind_hardship_household_member);
      g_autoptr(GError) person_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !ud_record_set_from_json (person, json_node_get_object (node), UD_STRV ("archive_uuid", "position"),
                                    UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID, &person_error))
        {
          g_set_error (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID,
                       /* TRANSLATORS: the line of the household, then what is wrong */
                       _("household[%u]: %s"), i,
                       person_error != NULL ? person_error->message : _("must be a group of fields in braces { }"));
          return FALSE;
        }
      g_ptr_array_add (household, g_steal_pointer (&person));
    }

  return TRUE;
}

static void
print_category (const UdRecord *archive)
{
  const UdField *category = ud_kind_find_field (ARCHIVE, "category");
  const UdField *computed = ud_kind_find_field (ARCHIVE, "computed_category");
  g_autofree char *per_capita = ud_field_display (ud_kind_find_field (ARCHIVE, "per_capita"),
                                                  ud_record_get (archive, "per_capita"), FALSE);

  /* TRANSLATORS: a serial number, the member's name, the category chosen, the one computed,
   * then the per-capita monthly income */
  printf (_("Archive %s (%s) saved: %s; computed %s, per-capita monthly net income %s\n"),
          ud_record_get (archive, "serial"), ud_record_get (archive, "member_name"),
          *ud_record_get (archive, "category") != '\0'
          ? ud_field_choice_label (category, ud_record_get (archive, "category")) : _("no category"),
          ud_field_choice_label (computed, ud_record_get (archive, "computed_category")), per_capita);
}

static int
hardship_apply (UdCliContext  *ctx,
                int            argc,
                char         **argv)
{
  g_autofree char *member_id = NULL, *as = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "member", 0, 0, G_OPTION_ARG_STRING, &member_id, N_("The member's ID number"), N_("ID_NUMBER") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("ARCHIVE.json"));
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(UdRecord) archive = NULL;
  g_autoptr(GPtrArray) household = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2 || member_id == NULL)
    return ud_cli_usage ("hardship apply ARCHIVE.json --member ID_NUMBER [--as USER] [--json]");
  if (as != NULL && strcmp (argv[1], "-") == 0)
    {
      ud_cli_fail (_("With --as, standard input carries the password: give the file by its name."));
      return UD_CLI_USAGE;
    }

  if ((text = ud_cli_read_input (argv[1], &error)) == NULL)
    {
      ud_cli_fail (_("Cannot read the archive: %s."), error->message);
      return UD_CLI_FAILED;
    }
  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;

  member = ud_record_store_find (db, &ud_kind_member, "id_number", member_id, &error);
  if (member == NULL || member->deleted)
    {
      if (error != NULL)
        return ud_cli_fail_with (error);
      ud_cli_fail (_("No member on the roll has the ID number %s."), member_id);
      return UD_CLI_FAILED;
    }

  archive = ud_hardship_archive_new (member);
  if (!read_archive (text, archive, household, &error) ||
      !ud_hardship_archive_save (db, archive, household, NULL, &error))
    return ud_cli_fail_with (error);

  if (json)
    {
      g_autoptr(JsonNode) node = ud_record_to_json_node (archive);

      ud_cli_print_json (node);
    }
  else
    print_category (archive);
  return UD_CLI_OK;
}

/* `hardship step SERIAL STEP`: any step of the archive's workflow, its
 * fields as options named after them (--notice-from DATE). */
static int
hardship_step (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  const UdWorkflowStep *step = NULL;
  g_autofree char *opinion = NULL, *signer = NULL, *signed_on = NULL, *as = NULL;
  g_autofree char **values = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autoptr(GPtrArray) option_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) archive = NULL;
  g_autoptr(UdRecord) result = NULL;
  g_autoptr(GError) error = NULL;
  UdStepInput input = { { NULL, } };
  guint n = 0;

  if (argc >= 3)
    step = ud_workflow_find_step (ARCHIVE->workflow, argv[2]);
  if (step == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < ARCHIVE->workflow->n_steps; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", ARCHIVE->workflow->steps[i].name);
      if (argc >= 3)
        /* TRANSLATORS: the step given, then the steps there are */
        ud_cli_fail (_("There is no step “%s”; the steps are %s."), argv[2], names->str);
      return ud_cli_usage ("hardship step SERIAL STEP [--opinion TEXT [--signer NAME] [--signed-on DATE]] [--FIELD VALUE…] [--as USER]");
    }

  values = g_new0 (char *, step->n_fields + 1);
  entries = g_new0 (GOptionEntry, step->n_fields + 5);
  entries[n++] = (GOptionEntry) { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") };
  if (step->opinion == UD_OPINION_REQUIRED)
    {
      entries[n++] = (GOptionEntry) { "opinion", 0, 0, G_OPTION_ARG_STRING, &opinion, step->opinion_label, N_("TEXT") };
      entries[n++] = (GOptionEntry) { "signer", 0, 0, G_OPTION_ARG_STRING, &signer, N_("Who signed the opinion on paper"), N_("NAME") };
      entries[n++] = (GOptionEntry) { "signed-on", 0, 0, G_OPTION_ARG_STRING, &signed_on, N_("The date of the signature (default today)"), N_("DATE") };
    }
  for (guint i = 0; i < step->n_fields; i++)
    {
      const UdField *field = ud_kind_find_field (ARCHIVE, step->fields[i].field);
      char *name = g_strdelimit (g_strdup (field->name), "_", '-');

      g_ptr_array_add (option_names, name);
      entries[n++] = (GOptionEntry) { name, 0, 0, G_OPTION_ARG_STRING, &values[i], field->label, N_("VALUE") };
    }

  context = g_option_context_new (_("SERIAL STEP"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 3)
    return ud_cli_usage ("hardship step SERIAL STEP [--opinion TEXT [--signer NAME] [--signed-on DATE]] [--FIELD VALUE…] [--as USER]");

  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;
  if ((archive = ud_hardship_store_find (db, argv[1], &error)) == NULL)
    return ud_cli_fail_with (error);

  input.opinion.opinion = opinion;
  input.opinion.signer = signer;
  input.opinion.signed_on = signed_on;
  input.values = (const char * const *) values;
  if (!ud_workflow_take (db, ARCHIVE, archive->id, step->name, &input, &result, &error))
    return ud_cli_fail_with (error);

  /* TRANSLATORS: a serial number, then the step taken ("Public notice") */
  printf (_("%s: %s\n"), ud_record_get (result, "serial"), _(step->trail_label));
  return UD_CLI_OK;
}

static int
hardship_visit (UdCliContext  *ctx,
                int            argc,
                char         **argv)
{
  g_autofree char *date = NULL, *visitor = NULL, *notes = NULL, *as = NULL;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day of the visit"), N_("DATE") },
    { "visitor", 0, 0, G_OPTION_ARG_STRING, &visitor, N_("Who visited"), N_("NAME") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("What was found"), N_("TEXT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("SERIAL"));
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) archive = NULL;
  g_autoptr(UdRecord) visit = ud_record_new (&ud_kind_hardship_visit);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2 || date == NULL)
    return ud_cli_usage ("hardship visit SERIAL --date DATE --visitor NAME --notes TEXT [--as USER]");

  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;
  if ((archive = ud_hardship_store_find (db, argv[1], &error)) == NULL)
    return ud_cli_fail_with (error);

  ud_record_set (visit, "visited_on", date);
  ud_record_set (visit, "visitor", visitor);
  ud_record_set (visit, "notes", notes);
  if (!ud_hardship_visit_add (db, archive, visit, NULL, &error))
    return ud_cli_fail_with (error);

  /* TRANSLATORS: a serial number, the day of the visit, then when the next one is due */
  printf (_("%s: visit on %s recorded; the next is due by %s\n"), ud_record_get (archive, "serial"),
          ud_record_get (visit, "visited_on"), ud_record_get (visit, "next_due"));
  return UD_CLI_OK;
}

static gboolean
choice_option (const char  *option,
               const char  *field_name,
               const char  *text,
               const char **value)
{
  const UdField *field = ud_kind_find_field (ARCHIVE, field_name);
  const UdChoice *choice;
  g_autoptr(GString) codes = NULL;

  if (text == NULL)
    return TRUE;
  if ((choice = ud_field_find_choice (field, text)) != NULL)
    {
      *value = choice->value;
      return TRUE;
    }

  codes = g_string_new (NULL);
  for (guint i = 0; i < field->n_choices; i++)
    g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "", field->choices[i].value);
  /* TRANSLATORS: an option, then the values it takes */
  ud_cli_fail (_("%s: give one of %s."), option, codes->str);
  return FALSE;
}

static int
hardship_list (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  g_autofree char *status = NULL, *category = NULL, *street = NULL, *search = NULL, *as = NULL;
  gboolean json = FALSE, overdue = FALSE;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("Only the archives in this state"), N_("STATUS") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("Only the archives of this category"), N_("CATEGORY") },
    { "street", 0, 0, G_OPTION_ARG_STRING, &street, N_("Only the archives of this street or township"), N_("STREET") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only the archives whose serial, name or ID number holds TEXT"), N_("TEXT") },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("The households whose visit is overdue, the longest first"), NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GPtrArray) archives = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  UdRecordFilter filters[3];
  UdRecordQuery query = { ARCHIVE };
  const char *status_code = NULL, *category_code = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1)
    return ud_cli_usage ("hardship list [--status STATUS] [--category CATEGORY] [--street STREET] [--search TEXT] [--overdue] [--json]");
  if (!choice_option ("--status", "status", status, &status_code) ||
      !choice_option ("--category", "category", category, &category_code))
    return UD_CLI_USAGE;

  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;

  if (overdue)
    {
      g_autofree char *today = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      today = g_date_time_format (now, "%Y-%m-%d");
      due = ud_hardship_store_overdue (db, today, &error);
      if (due == NULL)
        return ud_cli_fail_with (error);
      archives = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
      for (guint i = 0; i < due->len; i++)
        g_ptr_array_add (archives, ud_record_ref (((UdHardshipDue *) g_ptr_array_index (due, i))->archive));
    }
  else
    {
      g_autoptr(GArray) ids = NULL;

      if (status_code != NULL)
        filters[query.n_filters++] = (UdRecordFilter) { "status", UD_RECORD_FILTER_EQUALS, status_code };
      if (category_code != NULL)
        filters[query.n_filters++] = (UdRecordFilter) { "category", UD_RECORD_FILTER_EQUALS, category_code };
      if (street != NULL)
        filters[query.n_filters++] = (UdRecordFilter) { "street", UD_RECORD_FILTER_EQUALS, street };
      query.filters = filters;
      query.text = search;
      ids = ud_record_store_query (db, &query, NULL, NULL, &error);
      if (ids != NULL)
        archives = ud_record_store_load (db, ARCHIVE, (const gint64 *) (gpointer) ids->data, ids->len, &error);
      if (archives == NULL)
        return ud_cli_fail_with (error);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, archives->len);
      json_builder_set_member_name (builder, "archives");
      json_builder_begin_array (builder);
      for (guint i = 0; i < archives->len; i++)
        {
          JsonNode *node = ud_record_to_json_node (g_ptr_array_index (archives, i));

          if (due != NULL)
            json_object_set_string_member (json_node_get_object (node), "visit_due",
                                           ((UdHardshipDue *) g_ptr_array_index (due, i))->due);
          json_builder_add_value (builder, node);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  for (guint i = 0; i < archives->len; i++)
    {
      UdRecord *archive = g_ptr_array_index (archives, i);
      g_autofree char *masked = ud_field_display (ud_kind_find_field (ARCHIVE, "id_number"),
                                                  ud_record_get (archive, "id_number"), TRUE);
      g_autofree char *category_label = ud_field_display (ud_kind_find_field (ARCHIVE, "category"),
                                                          ud_record_get (archive, "category"), FALSE);

      printf ("%s  %s  %s  %s  %s  %s", ud_record_get (archive, "serial"), ud_record_get (archive, "member_name"),
              masked, ud_record_get (archive, "street"), category_label,
              ud_field_choice_label (ud_kind_find_field (ARCHIVE, "status"), ud_record_get (archive, "status")));
      if (due != NULL)
        /* TRANSLATORS: the day a visit was due */
        printf (_("  visit due %s"), ((UdHardshipDue *) g_ptr_array_index (due, i))->due);
      printf ("\n");
    }
  printf (ngettext ("%u archive\n", "%u archives\n", archives->len), archives->len);
  return UD_CLI_OK;
}

static int
hardship_show (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  g_autofree char *as = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("SERIAL|ID_NUMBER"));
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) archive = NULL;
  g_autoptr(GPtrArray) household = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2)
    return ud_cli_usage ("hardship show SERIAL|ID_NUMBER [--json]");

  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;
  if ((archive = ud_hardship_store_find (db, argv[1], &error)) == NULL ||
      (household = ud_hardship_store_household (db, archive, &error)) == NULL ||
      (visits = ud_hardship_store_visits (db, archive, &error)) == NULL ||
      (due = ud_hardship_next_visit_due (db, archive, &error)) == NULL)
    return ud_cli_fail_with (error);
  steps = ud_workflow_list_steps (db, archive);

  if (json)
    {
      g_autoptr(JsonNode) root = ud_record_to_json_node (archive);
      JsonObject *object = json_node_get_object (root);
      JsonArray *people = json_array_new ();
      JsonArray *visit_array = json_array_new ();
      JsonArray *trail = ud_cli_trail_json (db, archive);
      JsonArray *next = json_array_new ();

      if (trail == NULL)
        {
          json_array_unref (people);
          json_array_unref (visit_array);
          json_array_unref (next);
          return UD_CLI_FAILED;
        }
      for (guint i = 0; i < household->len; i++)
        json_array_add_element (people, ud_record_to_json_node (g_ptr_array_index (household, i)));
      for (guint i = 0; i < visits->len; i++)
        json_array_add_element (visit_array, ud_record_to_json_node (g_ptr_array_index (visits, i)));
      for (guint i = 0; i < steps->len; i++)
        json_array_add_string_element (next, ((UdStepChoice *) g_ptr_array_index (steps, i))->step->name);
      json_object_set_array_member (object, "household", people);
      json_object_set_array_member (object, "visits", visit_array);
      json_object_set_array_member (object, "steps", trail);
      json_object_set_array_member (object, "next_steps", next);
      json_object_set_string_member (object, "visit_due", due);
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  ud_cli_print_record (db, archive, FALSE);
  if (*due != '\0')
    /* TRANSLATORS: a date */
    printf (_("Next visit due: %s\n"), due);
  if (household->len > 0)
    printf ("%s\n", _("Household:"));
  for (guint i = 0; i < household->len; i++)
    {
      UdRecord *person = g_ptr_array_index (household, i);
      const UdKind *kind = person->kind;
      g_autofree char *relation = ud_field_display (ud_kind_find_field (kind, "relation"), ud_record_get (person, "relation"), FALSE);
      g_autofree char *health = ud_field_display (ud_kind_find_field (kind, "health"), ud_record_get (person, "health"), FALSE);
      g_autofree char *income = ud_field_display (ud_kind_find_field (kind, "income_12m"), ud_record_get (person, "income_12m"), FALSE);

      printf ("  %s  %s  %s  %s  %s  %s\n", ud_record_get (person, "name"), relation, ud_record_get (person, "id_number"),
              health, ud_record_get (person, "work"), income);
    }
  if (visits->len > 0)
    printf ("%s\n", _("Visits:"));
  for (guint i = 0; i < visits->len; i++)
    {
      UdRecord *visit = g_ptr_array_index (visits, i);

      printf ("  %s  %s  %s\n", ud_record_get (visit, "visited_on"), ud_record_get (visit, "visitor"),
              ud_record_get (visit, "notes"));
    }
  printf ("%s\n", _("Trail:"));
  if (!ud_cli_print_trail (db, archive))
    return UD_CLI_FAILED;
  for (guint i = 0; i < steps->len; i++)
    {
      UdStepChoice *choice = g_ptr_array_index (steps, i);

      if (choice->allowed)
        /* TRANSLATORS: a step's name for the command line, then its label */
        printf (_("Next: hardship step %s %s  (%s)\n"), ud_record_get (archive, "serial"), choice->step->name,
                _(choice->step->label));
    }

  return UD_CLI_OK;
}

int
ud_cli_hardship (UdCliContext  *ctx,
                 int            argc,
                 char         **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "quote"))
    return hardship_quote (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "apply"))
    return hardship_apply (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "step"))
    return hardship_step (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "visit"))
    return hardship_visit (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return hardship_list (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "show"))
    return hardship_show (ctx, argc - 1, argv + 1);

  return ud_cli_usage (HARDSHIP_USAGE);
}
