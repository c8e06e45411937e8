/* ud-cli-members.c — init, import, export and search
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
#include "ud-account.h"
#include "ud-export.h"
#include "ud-import.h"
#include "ud-member-store.h"
#include "ud-record-store.h"

int
ud_cli_init (UdCliContext  *ctx,
             int            argc,
             char         **argv)
{
  g_autofree char *district = NULL;
  g_autofree char *office = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *admin_name = NULL;
  g_autofree char *office_number = NULL;
  g_autofree char *number = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "district", 0, 0, G_OPTION_ARG_STRING, &district, N_("6-digit district code, e.g. 110118"), N_("CODE") },
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("Name of the office"), N_("NAME") },
    { "office-number", 0, 0, G_OPTION_ARG_STRING, &office_number, N_("The office's number in its district, 01–99 (default 01): offices of one district need different numbers"), N_("NN") },
    { "admin", 0, 0, G_OPTION_ARG_STRING, &admin, N_("Also create the administrator account USER (password on standard input or typed twice)"), N_("USER") },
    { "admin-name", 0, 0, G_OPTION_ARG_STRING, &admin_name, N_("The administrator's name (default: USER)"), N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1 || district == NULL || office == NULL ||
      (admin_name != NULL && admin == NULL))
    return ud_cli_usage ("init --district CODE --office NAME [--office-number NN] [--admin USER [--admin-name NAME]]");

  /* Said before anything is written. */
  if (office_number != NULL && !ud_database_check_office_number (office_number, &number, &error))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  db = ud_cli_open_db (ctx, FALSE);
  if (db == NULL)
    return UD_CLI_FAILED;

  /* Before the office is set up, so that its first serial already has
   * it; a set-up that then fails leaves only this setting, which the
   * next set-up writes again. */
  if (number != NULL && !ud_database_set_office_number (db, number, &error))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  if (admin != NULL)
    {
      char *password;

      /* Said before the password is asked for. */
      if (!ud_account_check_username (admin, &error))
        {
          ud_cli_fail ("%s", error->message);
          return UD_CLI_FAILED;
        }
      password = ud_cli_read_password (_("Password for the administrator: "));
      if (password == NULL)
        return UD_CLI_FAILED;
      ok = ud_account_initialize_office (db, district, office, admin,
                                         admin_name != NULL ? admin_name : admin,
                                         password, &error);
      ud_secret_free (password);
    }
  else
    ok = ud_database_initialize_office (db, district, office, &error);

  if (!ok)
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  printf (_("Office “%s” (district %s) is set up in %s\n"), office, district, ctx->db_path);
  {
    g_autofree char *stored = ud_database_get_office_number (db);

    printf (_("Office number %s\n"), stored);
  }
  if (admin != NULL)
    printf (_("Administrator account “%s” created\n"), admin);
  return UD_CLI_OK;
}

int
ud_cli_office (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  g_autofree char *number = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, N_("Set the office number, 01–99: offices of one district need different numbers"), N_("NN") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the office as one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Shows the office, or sets its number, which goes into every new serial number (大病-DISTRICT-YEAR-NN-0001)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1)
    return ud_cli_usage ("office [--number NN] [--json]");

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;

  if (number != NULL && !ud_database_set_office_number (db, number, &error))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  stored = ud_database_get_office_number (db);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "district");
      json_builder_add_string_value (builder, ud_database_get_district (db));
      json_builder_set_member_name (builder, "office_name");
      json_builder_add_string_value (builder, ud_database_get_office_name (db));
      json_builder_set_member_name (builder, "office_number");
      json_builder_add_string_value (builder, stored);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      ud_cli_print_json (root);
    }
  else
    /* TRANSLATORS: office name, district code, office number */
    printf (_("Office “%s” (district %s), office number %s\n"),
            ud_database_get_office_name (db), ud_database_get_district (db), stored);

  return UD_CLI_OK;
}

/* The kind a roster command names, "members" or "units": a registered
 * kind kept in rosters, by its name with or without the plural s. */
static const UdKind *
roster_kind (const char *word)
{
  g_autofree char *singular = g_str_has_suffix (word, "s") ? g_strndup (word, strlen (word) - 1) : g_strdup (word);
  const UdKind *kind = ud_kind_lookup (singular);

  return kind != NULL && (kind->flags & UD_KIND_ROSTER) ? kind : NULL;
}

int
ud_cli_import (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  gboolean dry_run = FALSE;
  gboolean json = FALSE;
  gboolean keep_existing = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdImport) import = NULL;
  g_autoptr(UdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_label = NULL;
  const UdKind *kind;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and report, with every change it would make to records already here, without saving"), NULL },
    { "keep-existing", 0, 0, G_OPTION_ARG_NONE, &keep_existing, N_("Keep the values already here (corrected in the app); fill only what is empty"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new ("members|units|rooms FILE");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 3 || (kind = roster_kind (argv[1])) == NULL)
    return ud_cli_usage ("import members|units|rooms FILE [--dry-run] [--keep-existing] [--json]");

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;

  import = ud_import_new_from_file (kind, argv[2], NULL, &error);
  if (import != NULL)
    {
      ud_import_keep_existing (import, keep_existing);
      report = ud_import_run (import, db, dry_run, NULL, NULL, NULL, &error);
    }
  if (report == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }
  format_label = g_strdup (ud_import_get_format_label (import));
  /* The import is committed; the search index takes in what it added
   * before the command ends (searches find them meanwhile, and a run
   * stopped here leaves the rest to the next command), without the
   * file's table in memory any more. */
  g_clear_pointer (&import, ud_import_free);
  if (!dry_run && !ud_record_store_fill_indexes (db, 0, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      g_clear_error (&error);
    }

  if (json)
    {
      g_autofree char *text = ud_import_report_to_json (report);

      printf ("%s\n", text);
      return UD_CLI_OK;
    }

  printf (dry_run
          ? _("%s: %u rows checked; %u would be imported, %u updated, %u unchanged, %u rejected.\n")
          : _("%s: %u rows; %u imported, %u updated, %u unchanged, %u rejected.\n"),
          format_label, report->rows, report->imported,
          report->updated, report->unchanged, report->rejected);
  for (guint i = 0; i < report->errors->len; i++)
    {
      UdImportError *e = g_ptr_array_index (report->errors, i);

      /* TRANSLATORS: row number, then the problem */
      printf (_("  Row %u: %s\n"), e->row, e->message);
    }
  for (guint i = 0; i < report->changes->len; i++)
    {
      UdImportChange *change = g_ptr_array_index (report->changes, i);
      g_autofree char *old_text = ud_field_display (change->field, change->old_value, TRUE);
      g_autofree char *new_text = ud_field_display (change->field, change->new_value, TRUE);

      printf (change->kept
              /* TRANSLATORS: row number, the record's name, a field label, the value kept, then the file's */
              ? _("  Row %u: %s, %s: “%s” kept, the file has “%s”\n")
              /* TRANSLATORS: row number, the record's name, a field label, the old value, then the new */
              : _("  Row %u: %s, %s: “%s” → “%s”\n"),
              change->row, change->title, _(change->field->label), old_text, new_text);
    }

  return UD_CLI_OK;
}

int
ud_cli_export (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  const UdKind *kind;
  gint64 n;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Export as this staff account (its password on standard input); without it, ID, phone and card numbers are masked"), N_("USER") },
    { NULL }
  };

  context = g_option_context_new ("members|units|rooms FILE");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 3 || (kind = roster_kind (argv[1])) == NULL)
    return ud_cli_usage ("export members|units|rooms FILE [--as USER]   (.csv or .xlsx)");

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;
  /* The roll leaves the office with a person, who is recorded and whose
   * rights decide whether the numbers are whole. */
  if (as != NULL && !ud_cli_sign_in_as (db, as))
    return UD_CLI_FAILED;

  n = kind == &ud_kind_member ? ud_export_members (db, NULL, argv[2], NULL, NULL, NULL, &error)
                             : ud_export_records (db, kind, NULL, argv[2], NULL, NULL, NULL, &error);
  if (n < 0)
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  /* %lld, not G_GINT64_FORMAT: xgettext cannot read a macro inside a
   * translatable string. */
  printf (ngettext ("Exported %lld record (%s) to %s\n",
                    "Exported %lld records (%s) to %s\n", n),
          (long long) n, _(kind->label), argv[2]);
  if (as == NULL)
    fprintf (stderr, "%s\n", _("ID, phone and card numbers are masked. To export them whole, give --as USER of an administrator or an approver."));
  return UD_CLI_OK;
}

int
ud_cli_search (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  static const char * const shown[] = { "name", "sex", "id_number", "phone", "unit", "status" };
  int limit = 20;
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) records = NULL;
  UdMemberQuery query = { 0 };
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N members (default 20)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new ("QUERY");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2 || limit < 0)
    return ud_cli_usage ("search QUERY [--limit N] [--json]");

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;

  query.text = g_strdup (argv[1]);
  ids = ud_member_store_query (db, &query, NULL, &error);
  ud_member_query_clear (&query);
  if (ids != NULL)
    records = ud_member_store_load (db, (const gint64 *) (gpointer) ids->data,
                                    MIN (ids->len, (guint) limit), &error);
  if (records == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "query");
      json_builder_add_string_value (builder, argv[1]);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, ids->len);
      json_builder_set_member_name (builder, "members");
      json_builder_begin_array (builder);
      for (guint i = 0; i < records->len; i++)
        {
          UdRecord *record = g_ptr_array_index (records, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, record->uuid);
          for (guint f = 0; f < G_N_ELEMENTS (shown); f++)
            {
              const UdField *field = ud_kind_find_field (&ud_kind_member, shown[f]);
              const char *value = ud_record_get (record, shown[f]);

              /* Identifiers stay masked outside the editor. */
              json_builder_set_member_name (builder, shown[f]);
              if (field->sensitivity == UD_SENSITIVITY_IDENTIFIER)
                {
                  g_autofree char *masked = ud_field_display (field, value, TRUE);

                  json_builder_add_string_value (builder, masked);
                }
              else
                json_builder_add_string_value (builder, value);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  for (guint i = 0; i < records->len; i++)
    {
      UdRecord *record = g_ptr_array_index (records, i);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint f = 0; f < G_N_ELEMENTS (shown); f++)
        {
          const UdField *field = ud_kind_find_field (&ud_kind_member, shown[f]);
          g_autofree char *text = ud_field_display (field, ud_record_get (record, shown[f]), TRUE);

          if (f > 0)
            g_string_append (line, "  ");
          g_string_append (line, text);
        }
      printf ("%s\n", line->str);
    }
  printf (ngettext ("%u member found\n", "%u members found\n", ids->len), ids->len);

  return UD_CLI_OK;
}
