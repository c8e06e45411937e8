/* ud-server-bench.c — measuring the server against the budgets of DESIGN.md §9
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-server"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ud-server-bench.h"

#include "ud-hlc.h"
#include "ud-idcard.h"
#include "ud-server-auth.h"
#include "ud-server-db.h"
#include "ud-server-json.h"
#include "ud-uuid.h"

/* Two districts no office has: the bench writes there and cleans up. */
#define PUSH_DISTRICT "990001"
#define PULL_DISTRICT "990002"

/* The budgets the figures are compared with (DESIGN.md §9). */
#define BUDGET_BATCHES_PER_SECOND 200.0
#define BUDGET_FIRST_SYNC_SECONDS 10.0

#define MAX_ATTEMPTS 5

typedef struct
{
  /* Borrowed */
  const UdServerBenchOptions *options;
  const char                 *conninfo;
  GMainLoop                  *loop;

  /* Owned */
  char                       *base_uri;
  char                       *push_token;
  char                       *pull_token;
  gint64                      pull_token_id;

  /* Results */
  gint                        applied;         /* atomic */
  gint                        failed_requests; /* atomic */
  gint                        retries;         /* atomic */
  gboolean                    replay_identical;
  double                      push_seconds;
  gint64                      records_stored;
  double                      pull_seconds;
  guint                       pages;
  guint                       received;
  gsize                       bytes;
  GError                     *error;
} Bench;

typedef struct
{
  Bench      *bench;
  guint       index;
  GBytes     *first_batch;    /* kept for the replay check */
  GBytes     *first_answer;
} BenchClient;

static const char *cleanup_sql =
  "DELETE FROM records WHERE district IN ('" PUSH_DISTRICT "', '" PULL_DISTRICT "');"
  "DELETE FROM conflicts WHERE district IN ('" PUSH_DISTRICT "', '" PULL_DISTRICT "');"
  "DELETE FROM flags WHERE district IN ('" PUSH_DISTRICT "', '" PULL_DISTRICT "')"
  "                     OR other_district IN ('" PUSH_DISTRICT "', '" PULL_DISTRICT "');"
  "DELETE FROM aid_events WHERE district IN ('" PUSH_DISTRICT "', '" PULL_DISTRICT "');"
  "DELETE FROM batches WHERE token_id IN"
  "  (SELECT id FROM tokens WHERE district IN ('" PUSH_DISTRICT "', '" PULL_DISTRICT "'));"
  "DELETE FROM audit WHERE token_id IN"
  "  (SELECT id FROM tokens WHERE district IN ('" PUSH_DISTRICT "', '" PULL_DISTRICT "'));"
  "DELETE FROM tokens WHERE district IN ('" PUSH_DISTRICT "', '" PULL_DISTRICT "');";

static gboolean
exec_script (PGconn      *conn,
             const char  *sql,
             GError     **error)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      g_set_error (error, UD_SERVER_DB_ERROR, UD_SERVER_DB_ERROR_FAILED,
                   _("The bench could not prepare its data: %s"), PQerrorMessage (conn));
      return FALSE;
    }

  return TRUE;
}

static GBytes *
http_call (SoupSession  *session,
           const char   *method,
           const char   *uri,
           const char   *token,
           GBytes       *body,
           guint        *status,
           GError      **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  GBytes *answer;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);

  answer = soup_session_send_and_read (session, msg, NULL, error);
  *status = soup_message_get_status (msg);

  return answer;
}

static GBytes *
build_batch (BenchClient *client,
             const char  *client_uuid,
             guint        number,
             guint       *counter)
{
  const UdServerBenchOptions *options = client->bench->options;
  g_autofree char *batch_uuid = ud_uuid_v7_new ();
  g_autofree char *node = g_strdup_printf ("bench%u", client->index);
  GString *out = g_string_new ("{\"protocol\":1,\"client\":");
  guint i;

  ud_json_append_string (out, client_uuid);
  g_string_append (out, ",\"batch\":");
  ud_json_append_string (out, batch_uuid);
  g_string_append (out, ",\"changes\":[");

  for (i = 0; i < options->changes; i++)
    {
      g_autofree char *uuid = ud_uuid_v7_new ();
      g_autofree char *hlc = ud_hlc_format (g_get_real_time () / 1000, (*counter)++ & UD_HLC_MAX_COUNTER, node);
      guint serial = (client->index * options->batches + number) * options->changes + i;
      char first17[18];

      /* A member as an office sends it (the server checks each like a
       * typed one): a valid ID number of its own. */
      g_snprintf (first17, sizeof first17, "110105%04u%02u%02u%03u", 1950 + serial % 40, 1 + (serial / 40) % 12,
                  1 + (serial / 480) % 28, (serial / 13440) % 1000);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"kind\":\"member\",\"uuid\":");
      ud_json_append_string (out, uuid);
      g_string_append (out, ",\"district\":\"" PUSH_DISTRICT "\",\"hlc\":");
      ud_json_append_string (out, hlc);
      g_string_append_printf (out,
                              ",\"base_hlc\":null,\"deleted\":false,\"data\":{"
                              "\"name\":\"会员%u\",\"id_number\":\"%s%c\","
                              "\"phone\":\"139%08u\",\"unit\":\"密云区第%u基层工会\","
                              "\"joined_on\":\"2015-03-01\",\"card_number\":\"6217%015u\","
                              "\"employment\":\"in_service\",\"status\":\"active\",\"notes\":\"\"}}",
                              serial, first17, ud_idcard_check_char (first17), serial, serial % 300, serial);
    }
  g_string_append (out, "]}");

  return g_string_free_to_bytes (out);
}

static gint64
read_int_member (GBytes     *json,
                 const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = g_bytes_get_data (json, &length);
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, (gssize) length, NULL))
    return -1;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return -1;

  return json_object_get_int_member_with_default (json_node_get_object (root), name, -1);
}

static gpointer
push_client_thread (gpointer data)
{
  BenchClient *client = data;
  Bench *bench = client->bench;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *uri = g_strconcat (bench->base_uri, "api/v1/push", NULL);
  g_autofree char *client_uuid = ud_uuid_v7_new ();
  guint counter = 0;
  guint b;

  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("timeout", 120, "proxy-resolver", NULL, NULL);

  for (b = 0; b < bench->options->batches; b++)
    {
      g_autoptr(GBytes) body = build_batch (client, client_uuid, b, &counter);
      guint attempt;

      /* A failed push is sent again unchanged: same batch id, so the
       * server answers a batch it already applied without applying it. */
      for (attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) answer = NULL;
          guint status = 0;

          answer = http_call (session, SOUP_METHOD_POST, uri, bench->push_token, body, &status, &error);
          if (answer != NULL && status == SOUP_STATUS_OK)
            {
              g_atomic_int_add (&bench->applied, (gint) read_int_member (answer, "applied"));
              if (b == 0)
                {
                  client->first_batch = g_bytes_ref (body);
                  client->first_answer = g_bytes_ref (answer);
                }
              break;
            }

          g_atomic_int_inc (&bench->retries);
          g_usleep (G_USEC_PER_SEC / 10 * (attempt + 1));
        }
      if (attempt == MAX_ATTEMPTS)
        g_atomic_int_inc (&bench->failed_requests);
    }

  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static gboolean
run_push_phase (Bench   *bench,
                PGconn  *conn,
                GError **error)
{
  const UdServerBenchOptions *options = bench->options;
  g_autofree BenchClient *clients = g_new0 (BenchClient, options->clients);
  g_autofree GThread **threads = g_new0 (GThread *, options->clients);
  g_autoptr(PGresult) result = NULL;
  gint64 started;
  guint i;

  started = g_get_monotonic_time ();
  for (i = 0; i < options->clients; i++)
    {
      clients[i].bench = bench;
      clients[i].index = i;
      threads[i] = g_thread_new ("bench-client", push_client_thread, &clients[i]);
    }
  for (i = 0; i < options->clients; i++)
    g_thread_join (threads[i]);
  bench->push_seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  /* A batch sent again must get the same bytes back and change nothing. */
  bench->replay_identical = clients[0].first_batch != NULL;
  if (clients[0].first_batch != NULL)
    {
      g_autoptr(GMainContext) context = g_main_context_new ();
      g_autoptr(SoupSession) session = NULL;
      g_autofree char *uri = g_strconcat (bench->base_uri, "api/v1/push", NULL);
      g_autoptr(GBytes) answer = NULL;
      guint status = 0;

      g_main_context_push_thread_default (context);
      session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
      answer = http_call (session, SOUP_METHOD_POST, uri, bench->push_token,
                          clients[0].first_batch, &status, NULL);
      bench->replay_identical = answer != NULL && status == SOUP_STATUS_OK &&
                                g_bytes_equal (answer, clients[0].first_answer);
      g_clear_object (&session);
      g_main_context_pop_thread_default (context);
    }

  for (i = 0; i < options->clients; i++)
    {
      g_clear_pointer (&clients[i].first_batch, g_bytes_unref);
      g_clear_pointer (&clients[i].first_answer, g_bytes_unref);
    }

  result = ud_server_db_exec (conn, "SELECT count (*) FROM records WHERE district = '" PUSH_DISTRICT "'",
                              0, NULL, error);
  if (result == NULL)
    return FALSE;
  bench->records_stored = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);

  return TRUE;
}

/* Writes the first-sync district straight into the database (its set-up is
 * not what is measured), under the counter lock like any push. */
static gboolean
fill_pull_district (Bench   *bench,
                    PGconn  *conn,
                    GError **error)
{
  g_autofree char *records = g_strdup_printf ("%u", bench->options->records);
  g_autofree char *token_id = g_strdup_printf ("%" G_GINT64_FORMAT, bench->pull_token_id);
  g_autoptr(PGresult) result = NULL;
  const char *params[2] = { records, token_id };

  if (!exec_script (conn, "BEGIN; SELECT last_seq FROM sync_counter FOR UPDATE", error))
    return FALSE;

  result = ud_server_db_exec (conn,
                              "INSERT INTO records (kind, uuid, district, scope, hlc, base_hlc, deleted, data, seq, updated_by)"
                              " SELECT 'member', gen_random_uuid (), '" PULL_DISTRICT "', '" PULL_DISTRICT "',"
                              "        lpad (to_hex ((extract (epoch FROM now ()) * 1000)::bigint), 12, '0')"
                              "          || '-' || lpad (to_hex (g % 65536), 4, '0') || '-bench',"
                              "        NULL, false,"
                              "        jsonb_build_object ('name', '会员' || g, 'sex', 'male',"
                              "                            'id_number', lpad (g::text, 18, '0'),"
                              "                            'phone', '139' || lpad (g::text, 8, '0'),"
                              "                            'unit', '密云区第' || (g % 300) || '基层工会',"
                              "                            'joined_on', '2015-03-01',"
                              "                            'card_number', '6217' || lpad (g::text, 15, '0'),"
                              "                            'employment', 'employed', 'status', 'active', 'notes', ''),"
                              "        c.last_seq + g, $2::bigint"
                              "   FROM generate_series (1, $1::int) AS g, sync_counter c",
                              2, params, error);
  if (result == NULL)
    {
      exec_script (conn, "ROLLBACK", NULL);
      return FALSE;
    }
  g_clear_pointer (&result, PQclear);

  result = ud_server_db_exec (conn, "UPDATE sync_counter SET last_seq = last_seq + $1::int", 1, params, error);
  if (result == NULL)
    {
      exec_script (conn, "ROLLBACK", NULL);
      return FALSE;
    }

  return exec_script (conn, "COMMIT; ANALYZE records", error);
}

static gboolean
run_pull_phase (Bench   *bench,
                GError **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  gint64 since = 0;
  gint64 started;
  gboolean more = TRUE;
  gboolean ok = TRUE;

  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("timeout", 120, "proxy-resolver", NULL, NULL);

  started = g_get_monotonic_time ();
  while (more)
    {
      g_autofree char *uri = g_strdup_printf ("%sapi/v1/pull?since=%" G_GINT64_FORMAT "&limit=%u",
                                              bench->base_uri, since, bench->options->page);
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;
      guint status = 0;
      gsize length = 0;
      const char *data;

      answer = http_call (session, SOUP_METHOD_GET, uri, bench->pull_token, NULL, &status, error);
      if (answer == NULL)
        {
          ok = FALSE;
          break;
        }
      data = g_bytes_get_data (answer, &length);
      if (status != SOUP_STATUS_OK || !json_parser_load_from_data (parser, data, (gssize) length, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_set_error (error, UD_SERVER_DB_ERROR, UD_SERVER_DB_ERROR_FAILED,
                       _("The first sync failed with HTTP status %u."), status);
          ok = FALSE;
          break;
        }

      /* Read every page as a client would before moving the cursor. */
      object = json_node_get_object (json_parser_get_root (parser));
      bench->received += json_array_get_length (json_object_get_array_member (object, "changes"));
      bench->bytes += length;
      bench->pages++;
      since = json_object_get_int_member (object, "next");
      more = json_object_get_boolean_member (object, "more");
    }
  bench->pull_seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  return ok;
}

static gboolean
quit_idle_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gpointer
driver_thread (gpointer data)
{
  Bench *bench = data;
  g_autoptr(PGconn) conn = NULL;

  conn = ud_server_db_connect (bench->conninfo, &bench->error);
  if (conn != NULL)
    {
      if (run_push_phase (bench, conn, &bench->error) &&
          fill_pull_district (bench, conn, &bench->error))
        run_pull_phase (bench, &bench->error);

      exec_script (conn, cleanup_sql, bench->error == NULL ? &bench->error : NULL);
    }

  /* Through the main context: the loop may not be running yet. */
  g_main_context_invoke (NULL, quit_idle_cb, bench->loop);
  return NULL;
}

static char *
report (Bench *bench)
{
  const UdServerBenchOptions *options = bench->options;
  guint batches = options->clients * options->batches;
  gint64 expected = (gint64) batches * options->changes;
  double rate = batches / MAX (bench->push_seconds, 1e-9);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out,
                          "{\"push\":{\"clients\":%u,\"batches\":%u,\"changes_per_batch\":%u,\"workers\":%u,"
                          "\"seconds\":%.3f,\"batches_per_second\":%.1f,"
                          "\"records_expected\":%" G_GINT64_FORMAT ",\"records_stored\":%" G_GINT64_FORMAT ","
                          "\"lost\":%" G_GINT64_FORMAT ",\"doubled\":%" G_GINT64_FORMAT ","
                          "\"failed_batches\":%d,\"retries\":%d,\"replay_identical\":%s,"
                          "\"budget_batches_per_second\":%.0f,\"within_budget\":%s},",
                          options->clients, batches, options->changes, options->workers,
                          bench->push_seconds, rate,
                          expected, bench->records_stored,
                          MAX (expected - bench->records_stored, 0),
                          MAX ((gint64) g_atomic_int_get (&bench->applied) - expected, 0),
                          g_atomic_int_get (&bench->failed_requests), g_atomic_int_get (&bench->retries),
                          bench->replay_identical ? "true" : "false",
                          BUDGET_BATCHES_PER_SECOND, rate >= BUDGET_BATCHES_PER_SECOND ? "true" : "false");
  g_string_append_printf (out,
                          "\"first_sync\":{\"records\":%u,\"received\":%u,\"page\":%u,\"pages\":%u,"
                          "\"bytes\":%" G_GSIZE_FORMAT ",\"seconds\":%.3f,"
                          "\"budget_seconds\":%.0f,\"within_budget\":%s}}",
                          options->records, bench->received, options->page, bench->pages,
                          bench->bytes, bench->pull_seconds,
                          BUDGET_FIRST_SYNC_SECONDS,
                          bench->pull_seconds <= BUDGET_FIRST_SYNC_SECONDS ? "true" : "false");

  return g_string_free (out, FALSE);
}

/**
 * ud_server_bench_run:
 * @conninfo: the database to use: a throwaway one
 * @options: the sizes
 * @error: return location for an error
 *
 * Serves on a free loopback port in this process and measures two things
 * over HTTP: offices pushing at once (batches per second, and nothing lost
 * or doubled), and the first sync of a big district (seconds).
 *
 * Returns: (transfer full): one JSON object of figures, or %NULL
 */
char *
ud_server_bench_run (const char                 *conninfo,
                     const UdServerBenchOptions *options,
                     GError                    **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(UdServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  GSList *uris;
  GThread *driver;
  Bench bench = { 0 };
  char *figures = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  conn = ud_server_db_connect (conninfo, error);
  if (conn == NULL || !ud_server_db_migrate (conn, error) || !exec_script (conn, cleanup_sql, error))
    return NULL;

  bench.options = options;
  bench.conninfo = conninfo;
  bench.push_token = ud_server_auth_add (conn, PUSH_DISTRICT, "bench push", NULL, error);
  if (bench.push_token == NULL)
    return NULL;
  bench.pull_token = ud_server_auth_add (conn, PULL_DISTRICT, "bench pull", &bench.pull_token_id, error);
  if (bench.pull_token == NULL)
    goto out;

  server = ud_server_new (conninfo, options->workers, NULL, error);
  if (server == NULL || !ud_server_listen (server, "127.0.0.1:0", error))
    goto out;
  uris = ud_server_get_uris (server);
  bench.base_uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* The server answers from this thread's main loop; the offices and the
   * measuring run in other threads. */
  loop = g_main_loop_new (NULL, FALSE);
  bench.loop = loop;
  driver = g_thread_new ("bench-driver", driver_thread, &bench);
  g_main_loop_run (loop);
  g_thread_join (driver);
  ud_server_shutdown (server);

  if (bench.error != NULL)
    g_propagate_error (error, g_steal_pointer (&bench.error));
  else
    figures = report (&bench);

out:
  exec_script (conn, cleanup_sql, NULL);
  g_free (bench.base_uri);
  g_free (bench.push_token);
  g_free (bench.pull_token);
  return figures;
}
