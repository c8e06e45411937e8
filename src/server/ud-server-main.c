/* ud-server-main.c — uniondesk-server: serve, token, migrate, bench
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-server"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include "ud-core.h"
#include "ud-server.h"

#include "ud-server-auth.h"
#include "ud-server-bench.h"
#include "ud-server-config.h"
#include "ud-server-db.h"

#define EXIT_USAGE 2

static char *opt_database;
static char *opt_config;
/* The configuration file's settings, read by parse_options (). */
static UdServerConfig *config;

static const GOptionEntry database_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_STRING, &opt_database,
    N_("PostgreSQL connection string (default: $UNIONDESK_DATABASE, else the configuration file's)"), N_("CONNINFO") },
  { "config", 'c', 0, G_OPTION_ARG_FILENAME, &opt_config,
    N_("Read the settings from FILE instead of the system's configuration file"), N_("FILE") },
  { NULL }
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n",
           _("Usage:\n"
             "  uniondesk-server serve [--config FILE] [--database CONNINFO] [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE] [--workers N] [--stop-timeout SECONDS]\n"
             "  uniondesk-server token add [--database CONNINFO] --district CODE --name NAME\n"
             "  uniondesk-server token list [--database CONNINFO]\n"
             "  uniondesk-server token revoke [--database CONNINFO] ID\n"
             "  uniondesk-server quarantine list [--database CONNINFO] [--district CODE]\n"
             "  uniondesk-server migrate [--database CONNINFO]\n"
             "  uniondesk-server bench [--database CONNINFO] [--clients N] [--batches N] [--changes N] [--records N]\n"
             "  uniondesk-server --version\n"
             "\n"
             "Each command also takes --config FILE. The settings on the command line come first, then the\n"
             "UNIONDESK_DATABASE environment variable for the connection string, then the configuration file."));
  /* TRANSLATORS: %s is a file name, /etc/uniondesk/server.conf */
  fprintf (out, _("The system's configuration file is %s; it is read when it exists.\n"), UD_SERVER_CONFIG_DEFAULT_PATH);
}

static int
fail (const char *message)
{
  fprintf (stderr, "uniondesk-server: %s\n", message);
  return EXIT_FAILURE;
}

static int
usage_error (const char *message)
{
  fprintf (stderr, "uniondesk-server: %s\n", message);
  fprintf (stderr, "%s\n", _("Try “uniondesk-server --help”."));
  return EXIT_USAGE;
}

/* Parses @argv (the subcommand first) with @entries and --database.
 * Returns -1 on success, else the exit status. */
static int
parse_options (const char         *parameter,
               const char         *summary,
               const GOptionEntry *entries,
               int                *argc,
               char             ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, database_entries, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    return usage_error (error->message);

  config = ud_server_config_load (opt_config != NULL ? opt_config : UD_SERVER_CONFIG_DEFAULT_PATH,
                                  opt_config != NULL, &error);
  if (config == NULL)
    return fail (error->message);

  if (opt_database == NULL)
    opt_database = g_strdup (g_getenv ("UNIONDESK_DATABASE"));
  if (opt_database == NULL || *opt_database == '\0')
    {
      g_free (opt_database);
      opt_database = g_strdup (config->database);
    }
  if (opt_database == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("No database given: use --database CONNINFO, set UNIONDESK_DATABASE, or write database= in %s."),
                         config->path != NULL ? config->path : UD_SERVER_CONFIG_DEFAULT_PATH);

      return usage_error (message);
    }

  return -1;
}

static PGconn *
connect_and_migrate (GError **error)
{
  g_autoptr(PGconn) conn = ud_server_db_connect (opt_database, error);

  if (conn == NULL || !ud_server_db_migrate (conn, error))
    return NULL;

  return g_steal_pointer (&conn);
}

/* Config-file values where the command line gave none. */
static void
take_default (char       **value,
              const char  *fallback)
{
  if (*value == NULL)
    *value = g_strdup (fallback);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static int
command_serve (int    argc,
               char **argv)
{
  g_autofree char *listen = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  int workers = -1;
  int stop_timeout = -1;
  const GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      N_("Address to listen on, e.g. 127.0.0.1:8080 or 0.0.0.0:8443"), N_("HOST:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
      N_("PEM file with the server's certificate (chain)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
      N_("PEM file with the certificate's private key"), N_("FILE") },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &workers,
      N_("Requests handled at once, each with its own database connection (default 8)"), N_("N") },
    { "stop-timeout", 0, 0, G_OPTION_ARG_INT, &stop_timeout,
      N_("On SIGTERM, how long to go on answering the requests in flight (default 30)"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(UdServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  GSList *uris;
  GSList *l;
  guint sigterm;
  guint sigint;
  int status;

  status = parse_options (NULL, _("Serves the sync API to the district offices."), entries, &argc, &argv);
  if (status >= 0)
    return status;

  take_default (&listen, config->listen);
  take_default (&tls_cert, config->tls_cert);
  take_default (&tls_key, config->tls_key);
  if (workers == -1)
    workers = config->workers > 0 ? config->workers : UD_SERVER_DEFAULT_WORKERS;
  if (stop_timeout == -1)
    stop_timeout = config->stop_timeout >= 0 ? config->stop_timeout : UD_SERVER_DEFAULT_STOP_TIMEOUT;

  if (listen == NULL)
    return usage_error (_("Give the address to listen on with --listen HOST:PORT or listen= in the configuration file."));
  if ((tls_cert == NULL) != (tls_key == NULL))
    return usage_error (_("HTTPS needs both a certificate and its key (--tls-cert and --tls-key, or tls-cert= and tls-key=)."));
  if (workers < 1 || workers > 256)
    return usage_error (_("--workers must be between 1 and 256."));
  if (stop_timeout < 0 || stop_timeout > 3600)
    return usage_error (_("--stop-timeout must be between 0 and 3600 seconds."));
  if (config->path != NULL)
    g_message (_("Settings read from %s."), config->path);

  if (tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error);
      if (certificate == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Cannot use the TLS certificate %s with the key %s: %s"),
                                                      tls_cert, tls_key, error->message);
          return fail (message);
        }
    }

  conn = connect_and_migrate (&error);
  if (conn == NULL)
    return fail (error->message);
  g_clear_pointer (&conn, PQfinish);

  server = ud_server_new (opt_database, (guint) workers, certificate, &error);
  if (server == NULL || !ud_server_listen (server, listen, &error))
    return fail (error->message);

  uris = ud_server_get_uris (server);
  for (l = uris; l != NULL; l = l->next)
    {
      g_autofree char *text = g_uri_to_string (l->data);

      /* Scripts read the address from this line: keep the URL last. */
      printf (_("Listening on %s\n"), text);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigterm = g_unix_signal_add (SIGTERM, quit_cb, loop);
  sigint = g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  /* A second signal now ends the process at once. */
  g_source_remove (sigterm);
  g_source_remove (sigint);

  ud_server_stop (server, (guint) stop_timeout);
  g_message ("%s", _("Stopped."));

  return EXIT_SUCCESS;
}

static int
command_token_add (int    argc,
                   char **argv)
{
  g_autofree char *district = NULL;
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "district", 0, 0, G_OPTION_ARG_STRING, &district,
      N_("6-digit code of the district the token may write, e.g. 110118"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("Who holds the token, e.g. the office's name"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *token = NULL;
  g_autofree char *id_text = NULL;
  gint64 id = 0;
  int status;

  status = parse_options (NULL, _("Creates a sync token for a district office."), entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (district == NULL || name == NULL)
    return usage_error (_("A token needs --district CODE and --name NAME."));

  conn = connect_and_migrate (&error);
  if (conn == NULL)
    return fail (error->message);

  token = ud_server_auth_add (conn, district, name, &id, &error);
  if (token == NULL)
    return fail (error->message);

  /* The token is the last word printed, for scripts. */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  printf (_("Created token %s for district %s (%s).\n"), id_text, district, name);
  printf ("%s\n", _("It is shown only this once; the server keeps only a hash of it. Token:"));
  printf ("%s\n", token);

  return EXIT_SUCCESS;
}

static int
command_token_list (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  guint i;
  int status;

  status = parse_options (NULL, _("Lists the sync tokens, revoked ones included."), NULL, &argc, &argv);
  if (status >= 0)
    return status;

  conn = connect_and_migrate (&error);
  if (conn == NULL)
    return fail (error->message);

  tokens = ud_server_auth_list (conn, &error);
  if (tokens == NULL)
    return fail (error->message);

  if (tokens->len == 0)
    {
      printf ("%s\n", _("There are no tokens yet. Create one with “uniondesk-server token add”."));
      return EXIT_SUCCESS;
    }

  printf ("%-6s %-8s %-20s %-28s %s\n", _("ID"), _("DISTRICT"), _("CREATED"), _("STATUS"), _("NAME"));
  for (i = 0; i < tokens->len; i++)
    {
      const UdServerToken *token = g_ptr_array_index (tokens, i);
      g_autofree char *state = NULL;

      if (token->revoked_at != NULL)
        state = g_strdup_printf (_("revoked %s"), token->revoked_at);
      else
        state = g_strdup (_("valid"));

      printf ("%-6" G_GINT64_FORMAT " %-8s %-20s %-28s %s\n",
              token->id, token->district, token->created_at, state, token->name);
    }

  return EXIT_SUCCESS;
}

/* What offices pushed that broke the rules of its kind or its workflow:
 * kept for the city's administrator, with the reason, never stored. */
static int
command_quarantine_list (int    argc,
                         char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) result = NULL;
  g_autofree char *district = NULL;
  const GOptionEntry entries[] = {
    { "district", 0, 0, G_OPTION_ARG_STRING, &district,
      N_("Only what offices of this district pushed (6-digit code)"), N_("CODE") },
    { NULL }
  };
  const char *params[1];
  int status;

  status = parse_options (NULL, _("Lists the records offices pushed that were refused, with the reason, newest first."),
                          entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 1)
    return usage_error (_("“quarantine list” takes no other arguments."));
  if (district != NULL && !ud_server_is_district_code (district))
    return usage_error (_("--district: give a 6-digit district code, e.g. 110118."));

  conn = connect_and_migrate (&error);
  if (conn == NULL)
    return fail (error->message);

  params[0] = district;
  result = ud_server_db_exec (conn,
                              "SELECT q.id, to_char (q.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                              "       q.district, t.name, q.kind, q.uuid::text, q.reason"
                              "  FROM quarantine q JOIN tokens t ON t.id = q.token_id"
                              " WHERE $1::text IS NULL OR q.district = $1"
                              " ORDER BY q.id DESC",
                              1, params, &error);
  if (result == NULL)
    return fail (error->message);

  if (PQntuples (result) == 0)
    {
      printf ("%s\n", _("Nothing is in quarantine: every record pushed so far passed the checks."));
      return EXIT_SUCCESS;
    }

  printf ("%-6s %-20s %-8s %-20s %s\n", _("ID"), _("RECEIVED"), _("DISTRICT"), _("OFFICE"), _("RECORD"));
  for (int row = 0; row < PQntuples (result); row++)
    {
      printf ("%-6s %-20s %-8s %-20s %s %s\n",
              PQgetvalue (result, row, 0), PQgetvalue (result, row, 1), PQgetvalue (result, row, 2),
              PQgetvalue (result, row, 3), PQgetvalue (result, row, 4), PQgetvalue (result, row, 5));
      printf ("       %s\n", PQgetvalue (result, row, 6));
    }

  return EXIT_SUCCESS;
}

static int
command_token_revoke (int    argc,
                      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  guint64 id;
  int status;

  status = parse_options (_("ID"), _("Revokes a sync token at once."), NULL, &argc, &argv);
  if (status >= 0)
    return status;

  if (argc != 2 || !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return usage_error (_("Give the id of the token to revoke, as shown by “uniondesk-server token list”."));

  conn = connect_and_migrate (&error);
  if (conn == NULL)
    return fail (error->message);

  if (!ud_server_auth_revoke (conn, (gint64) id, &error))
    return fail (error->message);

  printf (_("Token %s is revoked; requests with it are refused from now on.\n"), argv[1]);
  return EXIT_SUCCESS;
}

static int
command_migrate (int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  int status;

  status = parse_options (NULL, _("Creates the database schema or brings it up to date."), NULL, &argc, &argv);
  if (status >= 0)
    return status;

  conn = connect_and_migrate (&error);
  if (conn == NULL)
    return fail (error->message);

  printf (_("The database schema is at version %d.\n"), UD_SERVER_DB_SCHEMA_VERSION);
  return EXIT_SUCCESS;
}

static int
command_bench (int    argc,
               char **argv)
{
  UdServerBenchOptions options = UD_SERVER_BENCH_OPTIONS_INIT;
  int clients = (int) options.clients;
  int batches = (int) options.batches;
  int changes = (int) options.changes;
  int records = (int) options.records;
  int page = (int) options.page;
  int workers = (int) options.workers;
  const GOptionEntry entries[] = {
    { "clients", 0, 0, G_OPTION_ARG_INT, &clients, N_("Offices pushing at once (default 50)"), N_("N") },
    { "batches", 0, 0, G_OPTION_ARG_INT, &batches, N_("Batches each office pushes (default 20)"), N_("N") },
    { "changes", 0, 0, G_OPTION_ARG_INT, &changes, N_("Changes in each batch (default 10)"), N_("N") },
    { "records", 0, 0, G_OPTION_ARG_INT, &records, N_("Records in the first sync (default 100000)"), N_("N") },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, N_("Records per pull page (default 1000)"), N_("N") },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &workers, N_("Server worker threads (default 8)"), N_("N") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  int status;

  status = parse_options (NULL,
                          _("Measures the server on this machine over loopback and prints one JSON object. "
                            "It writes to the test districts 990001 and 990002 and removes them afterwards: "
                            "use a throwaway database."),
                          entries, &argc, &argv);
  if (status >= 0)
    return status;

  if (clients < 1 || batches < 1 || changes < 1 || changes > 500 || records < 1 ||
      page < 1 || page > UD_SERVER_PULL_MAX_LIMIT || workers < 1 || workers > 256)
    return usage_error (_("The bench sizes must be positive, with at most 500 changes a batch and 5000 records a page."));

  options.clients = (guint) clients;
  options.batches = (guint) batches;
  options.changes = (guint) changes;
  options.records = (guint) records;
  options.page = (guint) page;
  options.workers = (guint) workers;

  report = ud_server_bench_run (opt_database, &options, &error);
  if (report == NULL)
    return fail (error->message);

  printf ("%s\n", report);
  return EXIT_SUCCESS;
}

static void
free_config (void)
{
  g_clear_pointer (&config, ud_server_config_free);
  g_clear_pointer (&opt_database, g_free);
  g_clear_pointer (&opt_config, g_free);
}

int
main (int    argc,
      char **argv)
{
  const char *command;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* The server answers each office in the language it asks for
   * (Accept-Language, a locale per request: ud-server.c).  GLib's
   * g_dgettext() decides once whether to translate at all, and says no
   * in a process whose messages' locale is C.UTF-8 (a service's usual
   * one); plain C, which means the same untranslated messages, it
   * accepts. */
  {
    const char *messages = setlocale (LC_MESSAGES, NULL);

    if (messages != NULL && (g_str_has_prefix (messages, "C.") || g_str_equal (messages, "POSIX")))
      setlocale (LC_MESSAGES, "C");
  }
  /* What a record of each kind is: the duplicate-aid check reads it. */
  ud_core_init ();
  /* UD_LOCALEDIR: the build tree's catalogues when run uninstalled; the
   * server package's own copy, else the app's. The messages the offices
   * are sent are in the server's language. */
  if (g_getenv ("UD_LOCALEDIR") != NULL)
    localedir = g_getenv ("UD_LOCALEDIR");
  else if (g_file_test (UD_SERVER_LOCALEDIR, G_FILE_TEST_IS_DIR))
    localedir = UD_SERVER_LOCALEDIR;
  else
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A client that hangs up mid-answer must not kill the server. */
  signal (SIGPIPE, SIG_IGN);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  command = argv[1];
  atexit (free_config);
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") || g_str_equal (command, "help"))
    {
      print_usage (stdout);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (command, "--version") || g_str_equal (command, "version"))
    {
      printf ("uniondesk-server %s (protocol %d)\n", PACKAGE_VERSION, UD_SERVER_PROTOCOL);
      return EXIT_SUCCESS;
    }

  if (g_str_equal (command, "serve"))
    return command_serve (argc - 1, argv + 1);
  if (g_str_equal (command, "migrate"))
    return command_migrate (argc - 1, argv + 1);
  if (g_str_equal (command, "bench"))
    return command_bench (argc - 1, argv + 1);
  if (g_str_equal (command, "token") && argc >= 3)
    {
      if (g_str_equal (argv[2], "add"))
        return command_token_add (argc - 2, argv + 2);
      if (g_str_equal (argv[2], "list"))
        return command_token_list (argc - 2, argv + 2);
      if (g_str_equal (argv[2], "revoke"))
        return command_token_revoke (argc - 2, argv + 2);
    }

  if (g_str_equal (command, "quarantine") && argc >= 3 && g_str_equal (argv[2], "list"))
    return command_quarantine_list (argc - 2, argv + 2);

  print_usage (stderr);
  return EXIT_USAGE;
}
