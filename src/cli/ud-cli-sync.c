/* ud-cli-sync.c — sync with the city server, for scheduled jobs
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
#include "ud-record-store.h"
#include "ud-sync-client.h"
#include "ud-sync-store.h"
#include "ud-sync-token.h"

#define SYNC_USAGE "sync [--server URL] [--token-file FILE] [--ca-file FILE] [--json]"

/* @refusals: what this run refused, and what the server refused of it
 * (UdSyncRefusal), each with its sentence. */
static void
print_summary (const UdSyncSummary *summary,
               GPtrArray           *refusals,
               gboolean             json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pushed");
      json_builder_add_int_value (builder, summary->pushed);
      json_builder_set_member_name (builder, "pulled");
      json_builder_add_int_value (builder, summary->pulled);
      json_builder_set_member_name (builder, "applied");
      json_builder_add_int_value (builder, summary->applied);
      json_builder_set_member_name (builder, "conflicts");
      json_builder_add_int_value (builder, summary->conflicts);
      json_builder_set_member_name (builder, "rejected");
      json_builder_add_int_value (builder, summary->rejected);
      json_builder_set_member_name (builder, "refused");
      json_builder_add_int_value (builder, summary->refused);
      json_builder_set_member_name (builder, "refused_by_server");
      json_builder_add_int_value (builder, summary->refused_by_server);
      json_builder_set_member_name (builder, "refusals");
      json_builder_begin_array (builder);
      for (guint i = 0; i < refusals->len; i++)
        {
          const UdSyncRefusal *refusal = g_ptr_array_index (refusals, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "by");
          json_builder_add_string_value (builder, refusal->by_server ? "server" : "office");
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, refusal->kind_name);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, refusal->uuid);
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, refusal->reason);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "retries");
      json_builder_add_int_value (builder, summary->retries);
      json_builder_set_member_name (builder, "cursor");
      json_builder_add_int_value (builder, summary->cursor);
      json_builder_set_member_name (builder, "duration_ms");
      json_builder_add_int_value (builder, summary->duration_ms);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      ud_cli_print_json (root);
      return;
    }

  /* TRANSLATORS: a sync's outcome; each %u is a number of records */
  printf (_("Sent %u changes; received %u, of which %u changed records here.\n"),
          summary->pushed, summary->pulled, summary->applied);
  if (summary->conflicts > 0)
    printf (ngettext ("%u record was changed in two places at once: both versions are kept until someone chooses one in UnionDesk’s Sync page.\n",
                      "%u records were changed in two places at once: both versions are kept until someone chooses one in UnionDesk’s Sync page.\n",
                      summary->conflicts),
            summary->conflicts);

  for (guint i = 0; i < refusals->len; i++)
    {
      const UdSyncRefusal *refusal = g_ptr_array_index (refusals, i);

      printf (refusal->by_server
              /* TRANSLATORS: the sentence saying which record and why */
              ? _("Refused by the city server, not sent to the other offices: %s\n")
              /* TRANSLATORS: the sentence saying which record and why */
              : _("Received but refused, not stored here: %s\n"),
              refusal->reason);
    }
}

int
ud_cli_sync (UdCliContext  *ctx,
             int            argc,
             char         **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refusals = NULL;
  g_autofree char *started_at = NULL;
  UdSyncSummary summary;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("Address of the city server (default: the one synced with last)"), N_("URL") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file, N_("Read the sync token from this file instead of the keyring"), N_("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, N_("Trust the server certificates signed by this certificate authority (PEM)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the outcome as one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Sends this office’s changes to the city server and fetches the others’."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1)
    return ud_cli_usage (SYNC_USAGE);

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;

  if (server == NULL)
    {
      g_autoptr(UdSyncStatus) status = ud_sync_status_load (db, &error);

      if (status == NULL)
        {
          ud_cli_fail ("%s", error->message);
          return UD_CLI_FAILED;
        }
      if (*status->server_url == '\0')
        {
          ud_cli_fail ("%s", _("This office has not synced yet, so there is no server address to use: give it with --server URL."));
          return UD_CLI_FAILED;
        }
      server = g_strdup (status->server_url);
    }

  url = ud_sync_normalize_server_url (server, &error);
  if (url == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  if (token_file != NULL)
    token = ud_sync_token_read_file (token_file, &error);
  else
    token = ud_sync_token_load (url, &error);
  if (token == NULL)
    {
      if (error != NULL)
        ud_cli_fail ("%s", error->message);
      else
        ud_cli_fail (_("No sync token is stored for %s: enter it in UnionDesk’s Preferences, or give a file holding it with --token-file FILE."),
                     url);
      return UD_CLI_FAILED;
    }

  client = ud_sync_client_new (db, url, token);
  ud_sync_client_set_ca_file (client, ca_file);

  started_at = ud_database_now_iso ();
  if (!ud_sync_client_run (client, &summary, NULL, &error))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  /* A first sync from the snapshot leaves the search postings and the
   * list's sort indexes of what it brought to be built after its commit
   * (searches find the records meanwhile): done before the command ends,
   * and a run stopped here leaves the rest to the next command. */
  if (!ud_record_store_fill_indexes (db, 0, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      g_clear_error (&error);
    }

  /* What this run refused, and what the server refused of it. */
  refusals = ud_sync_refusals_list (db, started_at, G_MAXUINT, &error);
  if (refusals == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  print_summary (&summary, refusals, json);

  return UD_CLI_OK;
}
