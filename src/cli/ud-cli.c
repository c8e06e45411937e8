/* ud-cli.c — uniondesk-cli: the office's work without a window
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "ud-cli.h"
#include "ud-core.h"
#include "ud-account.h"
#include "ud-json.h"
#include "ud-record-store.h"
#include "ud-trail.h"

typedef struct
{
  const char       *name;
  const char       *summary;
  UdCliCommandFunc  func;
} UdCliCommand;

static const UdCliCommand commands[] = {
  { "init",    N_("Set up the office: district code, name and office number"), ud_cli_init },
  { "office",  N_("Show the office, or set its office number"),             ud_cli_office },
  { "import",  N_("Import a roster of members or units from CSV or Excel"),   ud_cli_import },
  { "export",  N_("Export the members or the units to CSV or Excel"),        ud_cli_export },
  { "unit",    N_("Add, list and show the grassroots units"),                ud_cli_unit },
  { "search",  N_("Find members by name, pinyin, ID, card, phone or unit"), ud_cli_search },
  { "relief",  N_("Serious-illness relief: quote, applications, fund, reference tables"), ud_cli_relief },
  { "hardship", N_("Hardship households: the category quote, archives and their workflow"), ud_cli_hardship },
  { "aid",     N_("Aid programmes and the batches they are paid in"), ud_cli_aid },
  { "room",    N_("Mother-and-baby rooms: the standards check, rooms, inspections, due list"), ud_cli_room },
  { "team",    N_("Model-worker poverty-relief teams: members, households, activities, projects, aid and the year's report"), ud_cli_team },
  { "honour",  N_("A member's honours: add and list"), ud_cli_honour },
  { "print",   N_("Print a form to PDF"),                                   ud_cli_print },
  { "report",  N_("The statistics report of a period, as PDF or JSON"),     ud_cli_report },
  { "account", N_("Add, list, disable and reset staff accounts"),           ud_cli_account },
  { "audit",   N_("Show or export the audit trail"),                        ud_cli_audit },
  { "backup",  N_("Write a backup of the database"),                        ud_cli_backup },
  { "restore", N_("Replace the database with a backup"),                    ud_cli_restore },
  { "check",   N_("Check the database's integrity"),                        ud_cli_check },
  { "sync",    N_("Send changes to the city server and fetch the others'"), ud_cli_sync },
  { "bench",   N_("Measure the performance budgets on generated data"),     ud_cli_bench },
};

void
ud_cli_fail (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "uniondesk-cli: %s\n", message);
}

int
ud_cli_usage (const char *usage)
{
  /* TRANSLATORS: %s is the command line a command expects */
  fprintf (stderr, _("Usage: uniondesk-cli [--db PATH] %s\n"), usage);
  return UD_CLI_USAGE;
}

gboolean
ud_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      ud_cli_fail ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

UdDatabase *
ud_cli_open_db (UdCliContext *ctx,
                gboolean      require_office)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDatabase) db = NULL;

  db = ud_database_open (ctx->db_path, &error);
  if (db == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return NULL;
    }

  if (require_office && !ud_database_is_initialized (db))
    {
      ud_cli_fail (_("The database “%s” is not set up yet; run “uniondesk-cli init --district CODE --office NAME” first."),
                   ctx->db_path);
      return NULL;
    }

  /* CLI work is recorded as the operating-system user. */
  ud_database_set_actor (db, g_get_user_name ());

  /* An import an earlier run (or the application) left for the search
   * index to catch up with: finished now.  Searches are right without
   * it, only slower: a failure is told, not fatal. */
  if (!ud_record_store_fill_indexes (db, 0, NULL, NULL, &error))
    g_printerr ("%s\n", error->message);
  g_clear_error (&error);

  return g_steal_pointer (&db);
}

UdDatabase *
ud_cli_open_office (UdCliContext *ctx,
                    const char   *as)
{
  g_autoptr(UdDatabase) db = ud_cli_open_db (ctx, TRUE);

  if (db == NULL)
    return NULL;
  if (as != NULL && !ud_cli_sign_in_as (db, as))
    return NULL;

  return g_steal_pointer (&db);
}

int
ud_cli_fail_with (const GError *error)
{
  ud_cli_fail ("%s", error->message);
  return UD_CLI_FAILED;
}

void
ud_cli_print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  printf ("%s\n", text);
}

char *
ud_cli_read_input (const char  *path,
                   GError     **error)
{
  g_autoptr(GString) text = NULL;
  char buffer[8192];
  size_t n;
  char *contents = NULL;

  /* A regular file of a bounded size: a pipe or a device given as the
   * file would block or never end. */
  if (strcmp (path, "-") != 0)
    return ud_file_read_regular (path, UD_JSON_MAX_FILE_SIZE, &contents, NULL, error) ? contents : NULL;

  text = g_string_new (NULL);
  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    {
      g_string_append_len (text, buffer, (gssize) n);
      if (text->len > UD_JSON_MAX_FILE_SIZE)
        {
          g_set_error (error, UD_JSON_ERROR, UD_JSON_ERROR_TOO_LARGE,
                       _("standard input carries more than %u KB, too much to be read"),
                       (guint) (UD_JSON_MAX_FILE_SIZE / 1024));
          return NULL;
        }
    }
  if (ferror (stdin))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                           _("standard input could not be read"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
ud_cli_print_record (UdDatabase     *db,
                     const UdRecord *record,
                     gboolean        masked)
{
  for (guint i = 0; i < record->kind->n_fields; i++)
    {
      const UdField *field = &record->kind->fields[i];
      g_autofree char *shown = NULL;

      if (field->type == UD_FIELD_REFERENCE || (field->flags & UD_FIELD_LOCAL) || *record->values[i] == '\0')
        continue;
      if (field->flags & UD_FIELD_ACCOUNT)
        shown = ud_account_display_name (db, record->values[i]);
      else
        shown = ud_field_display (field, record->values[i], masked);

      /* TRANSLATORS: a field's label, then its value */
      printf (_("%s: %s\n"), _(field->label), shown);
    }
}

static char *
local_time (const char *at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (at, NULL);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (at);
}

gboolean
ud_cli_print_trail (UdDatabase     *db,
                    const UdRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = ud_trail_list (db, record->kind, record->uuid, &error);

  if (steps == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return FALSE;
    }

  for (guint i = 0; i < steps->len; i++)
    {
      UdTrailStep *step = g_ptr_array_index (steps, i);
      g_autofree char *when = local_time (step->at);
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "%s  %s  %s", when, step->actor_name,
                              ud_workflow_trail_label (record->kind->workflow, step->step));
      if (step->opinion != NULL && *step->opinion != '\0')
        g_string_append_printf (line, "  %s", step->opinion);
      if (step->signer != NULL && *step->signer != '\0')
        /* TRANSLATORS: who signed an opinion on paper, and the date it carries */
        g_string_append_printf (line, _("  (signed by %s on %s)"), step->signer, step->signed_on);
      printf ("%s\n", line->str);
    }

  return TRUE;
}

JsonArray *
ud_cli_trail_json (UdDatabase     *db,
                   const UdRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = ud_trail_list (db, record->kind, record->uuid, &error);
  JsonArray *trail;

  if (steps == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return NULL;
    }

  trail = json_array_new ();
  for (guint i = 0; i < steps->len; i++)
    {
      UdTrailStep *step = g_ptr_array_index (steps, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "step", step->step);
      json_object_set_string_member (object, "actor", step->actor);
      json_object_set_string_member (object, "at", step->at);
      json_object_set_string_member (object, "opinion", step->opinion);
      json_object_set_string_member (object, "signer", step->signer);
      json_object_set_string_member (object, "signed_on", step->signed_on);
      json_array_add_object_element (trail, object);
    }

  return trail;
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: uniondesk-cli [--db PATH] COMMAND [OPTIONS…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("The database is $XDG_DATA_HOME/uniondesk/uniondesk.db unless --db is given."));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *default_path = NULL;
  UdCliContext ctx = { NULL };
  int i = 1;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("UD_LOCALEDIR") != NULL ? g_getenv ("UD_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ud_core_init ();

  default_path = ud_database_default_path ();
  ctx.db_path = default_path;

  while (i < argc && argv[i][0] == '-')
    {
      if (strcmp (argv[i], "--db") == 0 && i + 1 < argc)
        {
          ctx.db_path = argv[i + 1];
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          ctx.db_path = argv[i] + strlen ("--db=");
          i++;
        }
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_help (stdout);
          return UD_CLI_OK;
        }
      else if (strcmp (argv[i], "--version") == 0)
        {
          printf ("uniondesk-cli %s\n", PACKAGE_VERSION);
          return UD_CLI_OK;
        }
      else
        {
          ud_cli_fail (_("Unknown option “%s”."), argv[i]);
          print_help (stderr);
          return UD_CLI_USAGE;
        }
    }

  if (i >= argc)
    {
      print_help (stderr);
      return UD_CLI_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (strcmp (argv[i], commands[c].name) == 0)
      return commands[c].func (&ctx, argc - i, argv + i);

  ud_cli_fail (_("Unknown command “%s”."), argv[i]);
  print_help (stderr);
  return UD_CLI_USAGE;
}
