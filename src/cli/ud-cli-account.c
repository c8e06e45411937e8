/* ud-cli-account.c — staff accounts and the audit trail
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
#include <termios.h>
#include <unistd.h>

#include "ud-cli.h"
#include "ud-account.h"
#include "ud-audit.h"
#include "ud-permission.h"

#define ACCOUNT_USAGE \
  "account add USER --name NAME --roles ROLE[,ROLE…] | account list [--json] |" \
  " account set USER [--name NAME] [--roles ROLE[,ROLE…]] | account disable USER |" \
  " account enable USER | account reset-password USER"

#define AUDIT_USAGE \
  "audit [export FILE.csv] [--actor USER] [--action ACTION] [--since DATE] [--until DATE]" \
  " [--kind KIND] [--record UUID] [--text TEXT] [--limit N] [--json]"

/* Passwords */

static char *
read_line (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int c;

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);

  if (c == EOF && line->len == 0)
    return NULL;
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static char *
prompt_without_echo (const char *prompt)
{
  struct termios saved, quiet;
  char *line;

  fputs (prompt, stderr);
  fflush (stderr);
  if (tcgetattr (STDIN_FILENO, &saved) != 0)
    return read_line ();

  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  line = read_line ();
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  fputc ('\n', stderr);

  return line;
}

char *
ud_cli_read_password (const char *prompt)
{
  char *password;
  char *again;

  /* Scripts and tests give the password as one line on standard input;
   * a person types it twice, unseen. */
  if (!isatty (STDIN_FILENO))
    {
      password = read_line ();
      if (password == NULL || *password == '\0')
        {
          ud_secret_free (password);
          ud_cli_fail (_("No password was given on standard input."));
          return NULL;
        }
      return password;
    }

  password = prompt_without_echo (prompt);
  if (password == NULL)
    return NULL;
  again = prompt_without_echo (_("Type it again: "));
  if (again == NULL || strcmp (password, again) != 0)
    {
      ud_secret_free (password);
      ud_secret_free (again);
      ud_cli_fail (_("The two passwords differ; nothing was changed."));
      return NULL;
    }
  ud_secret_free (again);

  return password;
}

gboolean
ud_cli_sign_in_as (UdDatabase *db,
                   const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSession) session = NULL;
  g_autofree char *prompt = NULL;
  char *password;

  /* Signing in: typed once, unseen, or one line of standard input. */
  if (!isatty (STDIN_FILENO))
    password = read_line ();
  else
    {
      /* TRANSLATORS: %s is a user name */
      prompt = g_strdup_printf (_("Password for “%s”: "), username);
      password = prompt_without_echo (prompt);
    }
  if (password == NULL || *password == '\0')
    {
      ud_secret_free (password);
      ud_cli_fail (_("No password was given on standard input."));
      return FALSE;
    }

  session = ud_account_authenticate (db, username, password, &error);
  ud_secret_free (password);
  if (session == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return FALSE;
    }

  ud_database_set_session (db, session);
  return TRUE;
}

/* account */

static int
fail_with (GError *error)
{
  ud_cli_fail ("%s", error->message);
  return UD_CLI_FAILED;
}

static int
account_add (UdDatabase  *db,
             const char  *username,
             const char  *name,
             const char  *roles_text)
{
  g_autoptr(GError) error = NULL;
  char *password;
  UdRole roles = 0;
  gboolean ok;

  if (!ud_roles_from_string (roles_text, &roles, &error) ||
      !ud_account_check_username (username, &error))
    return fail_with (error);

  password = ud_cli_read_password (_("Password for the new account: "));
  if (password == NULL)
    return UD_CLI_FAILED;
  ok = ud_account_create (db, username, name, roles, password, &error);
  ud_secret_free (password);
  if (!ok)
    return fail_with (error);

  printf (_("Account “%s” added\n"), username);
  return UD_CLI_OK;
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
format_local (gint64 us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static int
account_list (UdDatabase *db,
              gboolean    json)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();

  accounts = ud_account_list (db, &error);
  if (accounts == NULL)
    return fail_with (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "accounts");
      json_builder_begin_array (builder);
      for (guint i = 0; i < accounts->len; i++)
        {
          UdAccount *account = g_ptr_array_index (accounts, i);
          g_autofree char *roles = ud_roles_to_string (account->roles);

          json_builder_begin_object (builder);
          add_string_or_null (builder, "username", account->username);
          add_string_or_null (builder, "display_name", account->display_name);
          add_string_or_null (builder, "roles", roles);
          json_builder_set_member_name (builder, "disabled");
          json_builder_add_boolean_value (builder, account->disabled);
          json_builder_set_member_name (builder, "locked");
          json_builder_add_boolean_value (builder, account->locked_until > now);
          json_builder_set_member_name (builder, "must_change_password");
          json_builder_add_boolean_value (builder, account->must_change_password);
          add_string_or_null (builder, "created_at", account->created_at);
          add_string_or_null (builder, "created_by", account->created_by);
          add_string_or_null (builder, "last_sign_in_at", account->last_sign_in_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      UdAccount *account = g_ptr_array_index (accounts, i);
      g_autofree char *roles = ud_roles_to_label (account->roles);
      g_autofree char *state = NULL;

      if (account->disabled)
        state = g_strdup (_("disabled"));
      else if (account->locked_until > now)
        {
          g_autofree char *until = format_local (account->locked_until);

          state = g_strdup_printf (_("locked until %s"), until);
        }
      else
        state = g_strdup (_("enabled"));

      printf ("%-16s  %-12s  %-24s  %s\n", account->username, account->display_name, roles, state);
    }
  printf (ngettext ("%u account\n", "%u accounts\n", accounts->len), accounts->len);

  return UD_CLI_OK;
}

static int
account_reset_password (UdDatabase *db,
                        const char *username)
{
  g_autoptr(GError) error = NULL;
  char *password;
  gboolean ok;

  password = ud_cli_read_password (_("New password: "));
  if (password == NULL)
    return UD_CLI_FAILED;
  ok = ud_account_reset_password (db, username, password, &error);
  ud_secret_free (password);
  if (!ok)
    return fail_with (error);

  printf (_("The password of “%s” is reset; they choose their own at the next sign-in.\n"), username);
  return UD_CLI_OK;
}

int
ud_cli_account (UdCliContext  *ctx,
                int            argc,
                char         **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *roles_text = NULL;
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const char *action;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The person's name"), N_("NAME") },
    { "roles", 0, 0, G_OPTION_ARG_STRING, &roles_text, N_("Roles: administrator, clerk, reviewer, approver, separated by commas"), N_("ROLES") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new ("ACTION [USER]");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc < 2)
    return ud_cli_usage (ACCOUNT_USAGE);

  action = argv[1];
  if (strcmp (action, "list") == 0 ? argc != 2 : argc != 3)
    return ud_cli_usage (ACCOUNT_USAGE);
  if (strcmp (action, "add") == 0 && (name == NULL || roles_text == NULL))
    return ud_cli_usage ("account add USER --name NAME --roles ROLE[,ROLE…]");

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;

  if (strcmp (action, "add") == 0)
    return account_add (db, argv[2], name, roles_text);
  if (strcmp (action, "list") == 0)
    return account_list (db, json);
  if (strcmp (action, "reset-password") == 0)
    return account_reset_password (db, argv[2]);

  if (strcmp (action, "set") == 0)
    {
      UdRole roles = 0;

      if (name == NULL && roles_text == NULL)
        return ud_cli_usage ("account set USER [--name NAME] [--roles ROLE[,ROLE…]]");
      if ((roles_text != NULL && !ud_roles_from_string (roles_text, &roles, &error)) ||
          !ud_account_update (db, argv[2], name, roles, &error))
        return fail_with (error);
      printf (_("Account “%s” saved\n"), argv[2]);
      return UD_CLI_OK;
    }

  if (strcmp (action, "disable") == 0 || strcmp (action, "enable") == 0)
    {
      gboolean disable = strcmp (action, "disable") == 0;

      if (!(disable ? ud_account_disable (db, argv[2], &error) : ud_account_enable (db, argv[2], &error)))
        return fail_with (error);
      printf (disable ? _("Account “%s” disabled\n") : _("Account “%s” enabled\n"), argv[2]);
      return UD_CLI_OK;
    }

  ud_cli_fail (_("Unknown account action “%s”."), action);
  return ud_cli_usage (ACCOUNT_USAGE);
}

/* audit */

static void
print_entries_json (GPtrArray *entries,
                    gint64     total)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      UdAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *detail_text = ud_audit_entry_detail (entry);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, entry->id);
      add_string_or_null (builder, "at", entry->at);
      add_string_or_null (builder, "actor", entry->actor);
      add_string_or_null (builder, "actor_name", entry->actor_name);
      add_string_or_null (builder, "action", entry->action);
      add_string_or_null (builder, "kind", entry->kind);
      add_string_or_null (builder, "uuid", entry->uuid);
      add_string_or_null (builder, "field", entry->field);
      add_string_or_null (builder, "old_value", entry->old_value);
      add_string_or_null (builder, "new_value", entry->new_value);
      add_string_or_null (builder, "detail", entry->detail);
      /* What a person reads: the record by its title, the detail as a
       * sentence in the reader's language. */
      add_string_or_null (builder, "record_title", entry->record_title);
      add_string_or_null (builder, "detail_text", detail_text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  ud_cli_print_json (root);
}

static void
print_entries_text (GPtrArray *entries,
                    gint64     total,
                    gboolean   masked)
{
  for (guint i = 0; i < entries->len; i++)
    {
      UdAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (entry->at, NULL);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup (entry->at);
      g_autofree char *actor = ud_audit_entry_actor (entry);
      g_autofree char *record = ud_audit_entry_record (entry);
      g_autofree char *change = ud_audit_entry_change (entry, masked);
      const char *kind = ud_audit_kind_label (entry->kind);

      g_string_append_printf (line, "%s  %s  %s", when, actor, ud_audit_action_label (entry->action));
      if (*kind != '\0')
        g_string_append_printf (line, "  %s", kind);
      if (*record != '\0')
        g_string_append_printf (line, " %s", record);
      if (entry->field != NULL)
        /* TRANSLATORS: a field's label, then its change “old → new” */
        g_string_append_printf (line, _("  %s: %s"), ud_audit_entry_field (entry), change);
      else if (*change != '\0')
        g_string_append_printf (line, "  %s", change);
      /* The detail, unless the change was it. */
      if (entry->field != NULL || entry->old_value != NULL || entry->new_value != NULL)
        {
          g_autofree char *detail = ud_audit_entry_detail (entry);

          if (*detail != '\0')
            g_string_append_printf (line, "  %s", detail);
        }
      printf ("%s\n", line->str);
    }

  if ((gint64) entries->len < total)
    printf (_("%u of %lld entries shown; use --limit to see more\n"), entries->len, (long long) total);
  else
    printf (ngettext ("%lld entry\n", "%lld entries\n", total), (long long) total);
}

int
ud_cli_audit (UdCliContext  *ctx,
              int            argc,
              char         **argv)
{
  UdAuditFilter filter = { 0 };
  int limit = 100;
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total;
  int status = UD_CLI_OK;
  const GOptionEntry entries_options[] = {
    { "actor", 0, 0, G_OPTION_ARG_STRING, &filter.actor, N_("Only what this user did"), N_("USER") },
    { "action", 0, 0, G_OPTION_ARG_STRING, &filter.action, N_("Only this action (create, update, export, sign_in_failed, …)"), N_("ACTION") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &filter.from_date, N_("From this day on (YYYY-MM-DD)"), N_("DATE") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &filter.to_date, N_("Up to and including this day (YYYY-MM-DD)"), N_("DATE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &filter.kind, N_("Only this kind of record (member, unit, account, …)"), N_("KIND") },
    { "record", 0, 0, G_OPTION_ARG_STRING, &filter.uuid, N_("Only this record"), N_("UUID") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &filter.text, N_("Only entries containing this text"), N_("TEXT") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N entries, newest first (default 100, 0 for all)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new ("[export FILE.csv]");
  g_option_context_add_main_entries (context, entries_options, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || limit < 0 ||
      !(argc == 1 || (argc == 3 && strcmp (argv[1], "export") == 0)))
    {
      ud_audit_filter_clear (&filter);
      return ud_cli_usage (AUDIT_USAGE);
    }

  db = ud_cli_open_db (ctx, FALSE);
  if (db == NULL)
    {
      ud_audit_filter_clear (&filter);
      return UD_CLI_FAILED;
    }

  if (argc == 3)
    {
      gint64 n = ud_audit_export_csv (db, &filter, argv[2], &error);

      if (n < 0)
        status = fail_with (error);
      else
        printf (ngettext ("Exported %lld audit entry to %s\n",
                          "Exported %lld audit entries to %s\n", n),
                (long long) n, argv[2]);
      ud_audit_filter_clear (&filter);
      return status;
    }

  total = ud_audit_count (db, &filter, &error);
  filter.limit = (guint) limit;
  if (total >= 0)
    entries = ud_audit_query (db, &filter, &error);
  if (entries == NULL)
    status = fail_with (error);
  else if (json)
    print_entries_json (entries, total);
  else
    print_entries_text (entries, total, !ud_database_may (db, UD_PERMISSION_SEE_FULL_IDS));

  ud_audit_filter_clear (&filter);
  return status;
}
