/* ud-sync-client.c — syncing the office database with the city server
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ud-sync-client.h"
#include "ud-sync-enums.h"
#include "ud-sync-private.h"

#define DEFAULT_MAX_ATTEMPTS   4
#define DEFAULT_FIRST_DELAY_MS 1000
#define MAX_DELAY_MS           60000
#define DEFAULT_PAGE_SIZE      5000
#define MAX_PAGE_SIZE          5000
#define DEFAULT_TIMEOUT_S      60

struct _UdSyncClient
{
  GObject      parent_instance;

  /* Owned */
  UdDatabase  *db;
  char        *server_url;
  char        *token;
  char        *ca_file;

  guint        max_attempts;
  guint        first_delay_ms;
  guint        page_size;
  guint        timeout_s;
  gboolean     use_snapshot;
};

/* What one run works with. */
typedef struct
{
  UdSyncClient   *self;
  SoupSession    *session;
  char           *url;              /* normalised, without a trailing slash */
  UdSyncRunState  state;
  UdSyncSummary  *summary;
  GCancellable   *cancellable;
  gint64          server_protocol;  /* from the health answer */
  gboolean        server_snapshot;  /* … which says whether it has snapshots */
  gint64          push_total;
  gint64          push_done;
} Run;

/* One try of a request and what is done with its answer; retried while
 * it fails with a transient error. */
typedef gboolean (*AttemptFunc) (Run      *run,
                                 gpointer  data,
                                 GError  **error);

G_DEFINE_FINAL_TYPE (UdSyncClient, ud_sync_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SERVER_URL,
  PROP_TOKEN,
  PROP_CA_FILE,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


/* ---- helpers ----------------------------------------------------------- */

static void
emit_progress (Run         *run,
               UdSyncPhase  phase,
               guint        done,
               guint        total)
{
  g_signal_emit (run->self, signals[PROGRESS], 0, phase, done, total);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* A member of an error answer ({"error":code,"message":sentence}), or
 * NULL when the body is not one. */
static char *
error_member (GBytes     *body,
              const char *name)
{
  g_autoptr(UdSyncJson) json = NULL;
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;

  if (data == NULL || length == 0 || (json = _ud_sync_json_parse (data, length, NULL)) == NULL)
    return NULL;

  return g_strdup (_ud_sync_json_get_string (_ud_sync_json_root (json), name));
}

/* Turns a failure to talk to the server into a sentence for the clerk. */
static void
set_transport_error (Run           *run,
                     GError        *cause,
                     GError       **error)
{
  g_debug ("Request to %s failed: %s (%s %d)", run->url, cause->message,
           g_quark_to_string (cause->domain), cause->code);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }

  if (cause->domain == G_TLS_ERROR)
    {
      if (cause->code == G_TLS_ERROR_NOT_TLS)
        g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_CERTIFICATE,
                     _("The server at %s does not answer on a secure (https) connection. Check the server address in Preferences."),
                     run->url);
      else if (cause->code == G_TLS_ERROR_BAD_CERTIFICATE || cause->code == G_TLS_ERROR_CERTIFICATE_REQUIRED)
        g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_CERTIFICATE,
                     _("The certificate of the server at %s is not trusted, so nothing was sent. If the city union uses a certificate authority of its own, choose its certificate file in Preferences; otherwise check the address: the connection may not lead to the city server."),
                     run->url);
      else
        g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_CERTIFICATE,
                     _("A secure connection to the server at %s could not be set up (%s), so nothing was sent."),
                     run->url, cause->message);
    }
  else if (cause->domain == G_RESOLVER_ERROR)
    {
      g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_UNREACHABLE,
                   _("The server name in %s cannot be found. Check the address in Preferences and the network connection; the office keeps working and syncs later."),
                   run->url);
    }
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_UNREACHABLE,
                   _("The city server at %s did not answer in time. Nothing was lost; the sync will try again later."),
                   run->url);
    }
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
           g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
           g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    {
      g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_UNREACHABLE,
                   _("The city server at %s cannot be reached. Check the network connection; the office keeps working and syncs later."),
                   run->url);
    }
  else if (cause->domain == SOUP_SESSION_ERROR && cause->code == SOUP_SESSION_ERROR_PARSING)
    {
      g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_BAD_ANSWER,
                   _("The server at %s answered in a way this program cannot read. Nothing was lost; the sync will try again."),
                   run->url);
    }
  else
    {
      g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_UNREACHABLE,
                   _("The connection to the city server at %s broke off. Nothing was lost; the sync will try again."),
                   run->url);
    }

  g_error_free (cause);
}

/* Sets @error for an HTTP status other than 200. */
static void
set_status_error (Run         *run,
                  guint        status,
                  GBytes      *body,
                  GError     **error)
{
  g_autofree char *message = error_member (body, "message");
  g_autofree char *code = error_member (body, "error");

  g_debug ("%s answered HTTP %u: %s", run->url, status, message != NULL ? message : "");

  if (status == SOUP_STATUS_UNAUTHORIZED)
    g_set_error_literal (error, UD_SYNC_ERROR, UD_SYNC_ERROR_TOKEN_REFUSED,
                         _("The city server refused this office’s sync token: it is mistyped or has been revoked. Ask the city union for a new token and enter it in Preferences."));
  else if (status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_FORBIDDEN,
                 _("The city server refused a change from this office: %s"),
                 message != NULL ? message : _("this office may not make it"));
  else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_METHOD_NOT_ALLOWED ||
           (status == SOUP_STATUS_BAD_REQUEST && g_strcmp0 (code, "unsupported_protocol") == 0))
    {
      if (run->server_protocol > UD_SYNC_PROTOCOL)
        g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_CLIENT_TOO_OLD,
                     _("The city server speaks a newer sync protocol (version %d) than this UnionDesk (version %d). Update UnionDesk to sync again; the office keeps working meanwhile."),
                     (int) run->server_protocol, UD_SYNC_PROTOCOL);
      else
        g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_SERVER_TOO_OLD,
                     _("The server at %s does not offer the sync service this UnionDesk needs (protocol version %d): it is too old, or it is not a UnionDesk server. Check the address, or ask the city union to update the server."),
                     run->url, UD_SYNC_PROTOCOL);
    }
  else if (status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    g_set_error_literal (error, UD_SYNC_ERROR, UD_SYNC_ERROR_SERVER,
                         _("The city server is busy or its database is not available at the moment. Nothing was lost; the sync will try again later."));
  else if (status >= 500 && status < 600)
    g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_SERVER,
                 _("The city server failed to handle the request (error %u). Nothing was lost; the sync will try again later."),
                 status);
  else if (status >= 400 && status < 500)
    g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_REFUSED,
                 _("The city server refused the request (error %u): %s"),
                 status, message != NULL ? message : _("it gave no reason"));
  else
    g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_SERVER,
                 _("The server at %s gave an answer the sync protocol does not use (status %u). Check the server address in Preferences."),
                 run->url, status);
}

/* This program's language as an HTTP language tag ("zh-CN"; "en" for
 * the untranslated messages). */
static char *
accept_language (void)
{
  const char *name = g_get_language_names ()[0];
  GString *tag = g_string_new (NULL);

  if (g_str_equal (name, "C") || g_str_has_prefix (name, "C.") || g_str_equal (name, "POSIX"))
    return g_string_free (g_string_append (tag, "en"), FALSE);

  /* Letters, digits and hyphens only: whatever the environment holds. */
  for (const char *p = name; *p != '\0' && *p != '.' && *p != '@' && tag->len < 16; p++)
    if (*p == '_' || *p == '-')
      g_string_append_c (tag, '-');
    else if (g_ascii_isalnum (*p))
      g_string_append_c (tag, *p);
  if (tag->len == 0)
    g_string_append (tag, "en");

  return g_string_free (tag, FALSE);
}

/* Sends one request; returns the body of a 200 answer, or NULL with
 * @error set.  *status is the HTTP status when there was an answer. */
static GBytes *
send_request (Run          *run,
              const char   *method,
              const char   *path,
              const char   *body,
              gboolean      with_token,
              guint        *status,
              GError      **error)
{
  g_autofree char *uri = g_strconcat (run->url, "/", path, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) response = NULL;
  GError *cause = NULL;
  SoupMessageHeaders *headers;

  *status = 0;

  msg = soup_message_new (method, uri);
  if (msg == NULL)
    {
      g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_INVALID_URL,
                   _("Server address: “%s” is not a web address."), run->url);
      return NULL;
    }

  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  /* The reasons the server gives for refusing a change are shown to the
   * office as they come: in the office's language. */
  {
    g_autofree char *language = accept_language ();

    soup_message_headers_replace (headers, "Accept-Language", language);
  }
  if (with_token)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", run->self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  response = soup_session_send_and_read (run->session, msg, run->cancellable, &cause);
  if (response == NULL)
    {
      set_transport_error (run, cause, error);
      return NULL;
    }

  *status = soup_message_get_status (msg);
  if (*status != SOUP_STATUS_OK)
    {
      set_status_error (run, *status, response, error);
      return NULL;
    }

  return g_steal_pointer (&response);
}

/* The answer, a JSON object, or UD_SYNC_ERROR_BAD_ANSWER. */
static UdSyncJson *
parse_answer (Run         *run,
              GBytes      *body,
              GError     **error)
{
  g_autoptr(UdSyncJson) json = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);

  json = _ud_sync_json_parse (data != NULL ? data : "", length, &local_error);
  if (json == NULL || _ud_sync_json_type (_ud_sync_json_root (json)) != UD_SYNC_JSON_OBJECT)
    {
      g_debug ("Unreadable answer from %s: %s", run->url, local_error != NULL ? local_error->message : "not an object");
      g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_BAD_ANSWER,
                   _("The server at %s sent an answer this program cannot read. Nothing from it was stored; the sync will try again."),
                   run->url);
      return NULL;
    }

  return g_steal_pointer (&json);
}

static gboolean
sleep_cancellable (guint          ms,
                   GCancellable  *cancellable,
                   GError       **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  gint64 now;

  while ((now = g_get_monotonic_time ()) < end)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep ((gulong) MIN (end - now, 50 * 1000));
    }

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
with_retries (Run          *run,
              AttemptFunc   func,
              gpointer      data,
              GError      **error)
{
  UdSyncClient *self = run->self;

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      guint delay;

      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;

      if (func (run, data, &local_error))
        return TRUE;

      if (!ud_sync_error_is_transient (local_error) || attempt >= self->max_attempts)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      delay = ud_sync_backoff_delay (attempt, self->first_delay_ms, MAX_DELAY_MS);
      g_debug ("Attempt %u failed (%s); trying again in %u ms", attempt, local_error->message, delay);
      run->summary->retries++;
      emit_progress (run, UD_SYNC_PHASE_WAIT, attempt, delay);
      if (!sleep_cancellable (delay, run->cancellable, error))
        return FALSE;
    }
}

/* ---- the steps of a run ------------------------------------------------ */

static gboolean
attempt_health (Run       *run,
                gpointer   data,
                GError   **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(UdSyncJson) answer = NULL;
  guint status;

  body = send_request (run, SOUP_METHOD_GET, "api/v1/health", NULL, FALSE, &status, error);
  if (body == NULL)
    return FALSE;

  answer = parse_answer (run, body, NULL);
  run->server_protocol = 0;
  if (answer == NULL ||
      !_ud_sync_json_get_int (_ud_sync_json_root (answer), "protocol", &run->server_protocol))
    run->server_protocol = 0;
  run->server_snapshot = FALSE;
  if (answer != NULL &&
      !_ud_sync_json_get_boolean (_ud_sync_json_root (answer), "snapshot", &run->server_snapshot))
    run->server_snapshot = FALSE;
  if (run->server_protocol < UD_SYNC_PROTOCOL)
    {
      g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_SERVER_TOO_OLD,
                   _("The server at %s does not offer the sync service this UnionDesk needs (protocol version %d): it is too old, or it is not a UnionDesk server. Check the address, or ask the city union to update the server."),
                   run->url, UD_SYNC_PROTOCOL);
      return FALSE;
    }

  return TRUE;
}

/* Sends the pending batch — again, after a failure: the server answers a
 * batch it has seen with its stored answer and applies nothing twice. */
static gboolean
attempt_push (Run       *run,
              gpointer   data,
              GError   **error)
{
  UdSyncClient *self = run->self;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(UdSyncJson) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  guint pushed_before = run->summary->pushed;
  guint status;

  body = send_request (run, SOUP_METHOD_POST, "api/v1/push", run->state.pending_body, TRUE, &status, &local_error);
  if (body == NULL)
    {
      /* The batch id is taken by other changes (a database restored from
       * a backup sends again what it had sent before): the changes are
       * still in the outbox and go out under a new id. */
      if (status == SOUP_STATUS_CONFLICT)
        {
          g_debug ("Batch %s was refused as reused; sending its changes anew", run->state.pending_batch);
          return _ud_sync_store_drop_pending (self->db, &run->state, error);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  answer = parse_answer (run, body, error);
  if (answer == NULL ||
      !_ud_sync_store_apply_answer (self->db, &run->state, answer, run->summary, error))
    return FALSE;

  run->push_done += run->summary->pushed - pushed_before;
  emit_progress (run, UD_SYNC_PHASE_PUSH, (guint) MIN (run->push_done, G_MAXUINT),
                 (guint) MIN (MAX (run->push_total, run->push_done), G_MAXUINT));

  return TRUE;
}

/* Pulls one page and commits it with its cursor. */
static gboolean
attempt_pull (Run       *run,
              gpointer   data,
              GError   **error)
{
  UdSyncClient *self = run->self;
  gboolean *more = data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(UdSyncJson) page = NULL;
  g_autofree char *path = NULL;
  guint status;

  path = g_strdup_printf ("api/v1/pull?since=%" G_GINT64_FORMAT "&limit=%u", run->state.cursor, self->page_size);
  body = send_request (run, SOUP_METHOD_GET, path, NULL, TRUE, &status, error);
  if (body == NULL)
    return FALSE;

  /* The answer's bytes go as soon as they are read. */
  page = parse_answer (run, body, error);
  g_clear_pointer (&body, g_bytes_unref);
  if (page == NULL ||
      !_ud_sync_store_apply_page (self->db, &run->state, page, more, run->summary, error))
    return FALSE;

  emit_progress (run, UD_SYNC_PHASE_PULL, run->summary->pulled, 0);

  return TRUE;
}

/* Snapshots are read as they arrive, decompressed, into a file of at most
 * this size: a district of a million members is about 500 MB. */
#define SNAPSHOT_MAX_BYTES (G_GINT64_CONSTANT (4) * 1024 * 1024 * 1024)

#define SNAPSHOT_CHUNK (256 * 1024)

static gboolean
snapshot_too_large (gint64   max,
                    GError **error)
{
  g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_BAD_ANSWER,
               _("The city server’s snapshot of the district is larger than %u MB; the changes are pulled one page at a time instead."),
               (guint) (max / (1024 * 1024)));
  return FALSE;
}

/* Decompresses @body into @out as it arrives, refusing more than @max
 * bytes, and checks the compressed bytes against the SHA-256 the server
 * gave (@sha256, hex): a snapshot changed on the way is not applied.
 * A cut stream is a G_IO_ERROR (worth another try); one that is not gzip
 * G_IO_ERROR_INVALID_DATA. */
static gboolean
receive_snapshot (GInputStream   *body,
                  GOutputStream  *out,
                  const char     *sha256,
                  gint64          max,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *in = g_malloc (SNAPSHOT_CHUNK);
  g_autofree guint8 *unzipped = g_malloc (4 * SNAPSHOT_CHUNK);
  gboolean finished = FALSE;
  gint64 total = 0;

  for (;;)
    {
      gssize n = g_input_stream_read (body, in, SNAPSHOT_CHUNK, cancellable, error);
      gboolean at_end = n == 0;
      gsize offset = 0;

      if (n < 0)
        return FALSE;
      g_checksum_update (checksum, in, n);

      /* Everything read is decompressed, and at the end everything
       * zlib still holds. */
      while (!finished && (offset < (gsize) n || at_end))
        {
          GError *local_error = NULL;
          gsize n_read = 0, n_written = 0;
          GConverterResult result;

          result = g_converter_convert (G_CONVERTER (gunzip), in + offset, (gsize) n - offset,
                                        unzipped, 4 * SNAPSHOT_CHUNK,
                                        at_end ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                        &n_read, &n_written, &local_error);
          if (result == G_CONVERTER_ERROR)
            {
              if (!at_end && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
                {
                  g_clear_error (&local_error);
                  break;
                }
              g_propagate_error (error, local_error);
              return FALSE;
            }
          offset += n_read;
          total += (gint64) n_written;
          if (total > max)
            return snapshot_too_large (max, error);
          if (n_written > 0 &&
              !g_output_stream_write_all (out, unzipped, n_written, NULL, cancellable, error))
            return FALSE;
          finished = result == G_CONVERTER_FINISHED;
        }
      /* Bytes after the compressed file are not part of any snapshot. */
      if (finished && offset < (gsize) n)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "data after the snapshot");
          return FALSE;
        }
      if (at_end)
        break;
    }

  if (sha256 == NULL || g_ascii_strcasecmp (g_checksum_get_string (checksum), sha256) != 0)
    {
      _ud_sync_set_bad_answer (error, _("a snapshot whose checksum does not match its contents"));
      return FALSE;
    }

  return TRUE;
}

/* A snapshot received whole, with the right checksum, in a directory of
 * its own. */
typedef struct
{
  char *dir;
  char *path;
} SnapshotFile;

static void
snapshot_file_clear (SnapshotFile *file)
{
  if (file->path != NULL)
    g_unlink (file->path);
  if (file->dir != NULL)
    g_rmdir (file->dir);
  g_clear_pointer (&file->path, g_free);
  g_clear_pointer (&file->dir, g_free);
}

/* The first sync of a new office: the district up to now in one
 * compressed SQLite file (into @data, a SnapshotFile), then only the
 * changes after it are pulled. */
static gboolean
attempt_snapshot (Run       *run,
                  gpointer   data,
                  GError   **error)
{
  UdSyncClient *self = run->self;
  SnapshotFile *received = data;
  g_autofree char *uri = g_strconcat (run->url, "/api/v1/snapshot", NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", self->token, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFile) file = NULL;
  GError *cause = NULL;
  gboolean ok;
  guint status;
  gint64 started = g_get_monotonic_time ();

  /* Pages of it applied before a failure moved the cursor: the rest
   * comes by pulling. */
  if (run->state.cursor != 0)
    return TRUE;

  msg = soup_message_new (SOUP_METHOD_GET, uri);
  if (msg == NULL)
    {
      g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_INVALID_URL,
                   _("Server address: “%s” is not a web address."), run->url);
      return FALSE;
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);

  body = soup_session_send (run->session, msg, run->cancellable, &cause);
  if (body == NULL)
    {
      set_transport_error (run, cause, error);
      return FALSE;
    }
  status = soup_message_get_status (msg);
  if (status != SOUP_STATUS_OK)
    {
      g_autoptr(GBytes) answer = g_input_stream_read_bytes (body, 64 * 1024, run->cancellable, NULL);

      set_status_error (run, status, answer, error);
      return FALSE;
    }

  dir = g_dir_make_tmp ("uniondesk-snapshot-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "snapshot.db", NULL);
  file = g_file_new_for_path (path);
  out = g_file_create (file, G_FILE_CREATE_PRIVATE, run->cancellable, error);

  emit_progress (run, UD_SYNC_PHASE_PULL, 0, 0);
  g_debug ("Snapshot: server %s, answer after %.2f s",
           soup_message_headers_get_one (soup_message_get_response_headers (msg), "Server-Timing"),
           (g_get_monotonic_time () - started) / 1e6);
  ok = out != NULL &&
       receive_snapshot (body, G_OUTPUT_STREAM (out),
                         soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                       "X-UnionDesk-Snapshot-SHA256"),
                         SNAPSHOT_MAX_BYTES, run->cancellable, &cause) &&
       g_output_stream_close (G_OUTPUT_STREAM (out), run->cancellable, &cause);
  if (!ok && cause != NULL)
    {
      /* A cut connection is worth another try; a stream that is not gzip
       * is a bad answer. */
      if (cause->domain == G_IO_ERROR && cause->code != G_IO_ERROR_INVALID_DATA && cause->code != G_IO_ERROR_CANCELLED)
        set_transport_error (run, cause, error);
      else if (cause->domain != UD_SYNC_ERROR && !g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&cause);
          _ud_sync_set_bad_answer (error, _("a snapshot that is not a compressed file"));
        }
      else
        g_propagate_error (error, cause);
    }

  g_debug ("Snapshot: received, decompressed and checked after %.2f s", (g_get_monotonic_time () - started) / 1e6);
  if (ok)
    {
      received->dir = g_steal_pointer (&dir);
      received->path = g_steal_pointer (&path);
      return TRUE;
    }

  g_unlink (path);
  g_rmdir (dir);
  return FALSE;
}

/* The snapshot received is applied once, not retried: a file that came
 * whole with its checksum and is refused (a record in it that this
 * office refuses) would be the same file again, which the server keeps. */
static gboolean
apply_snapshot (Run           *run,
                SnapshotFile  *received,
                GError       **error)
{
  gint64 started = g_get_monotonic_time ();
  gboolean ok;

  if (received->path == NULL)
    return TRUE;

  ok = _ud_sync_store_apply_snapshot (run->self->db, &run->state, received->path, run->summary, error);
  g_debug ("Snapshot: applied in %.2f s", (g_get_monotonic_time () - started) / 1e6);
  if (ok)
    emit_progress (run, UD_SYNC_PHASE_PULL, run->summary->pulled, 0);
  snapshot_file_clear (received);

  return ok;
}

static SoupSession *
create_session (UdSyncClient  *self,
                const char    *url,
                GError       **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  session = soup_session_new_with_options ("timeout", self->timeout_s,
                                           "idle-timeout", self->timeout_s,
                                           "user-agent", "UnionDesk/" PACKAGE_VERSION " ",
                                           NULL);

  /* A server on this computer is never reached through the office's web
   * proxy. */
  if (uri != NULL && host_is_loopback (g_uri_get_host (uri)))
    soup_session_set_proxy_resolver (session, NULL);

  if (self->ca_file != NULL)
    {
      g_autoptr(GTlsDatabase) database = NULL;
      g_autoptr(GError) local_error = NULL;

      database = g_tls_file_database_new (self->ca_file, &local_error);
      if (database == NULL)
        {
          g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_CERTIFICATE,
                       _("The certificate authority file “%s” cannot be used: %s"),
                       self->ca_file, local_error->message);
          return NULL;
        }
      soup_session_set_tls_database (session, database);
    }

  return g_steal_pointer (&session);
}

static gboolean
run_steps (Run      *run,
           GError  **error)
{
  UdSyncClient *self = run->self;
  guint max_batches;
  gboolean more = TRUE;
  gboolean pulled = TRUE;
  gboolean deferred = FALSE;

  emit_progress (run, UD_SYNC_PHASE_CONNECT, 0, 0);
  if (!with_retries (run, attempt_health, NULL, error))
    return FALSE;

  /* Push first: the server then sees every edit made here since the last
   * sync against the version it was made from, and lists the conflicts
   * for both offices. */
  run->push_total = _ud_sync_store_count_pushable (self->db);
  emit_progress (run, UD_SYNC_PHASE_PUSH, 0, (guint) MIN (run->push_total, G_MAXUINT));

  if (run->state.pending_body != NULL && !with_retries (run, attempt_push, NULL, error))
    return FALSE;

  /* Changes made while the push runs go out too, within reason: the rest
   * waits for the next sync rather than keeping this one going. */
  max_batches = (guint) (run->push_total / UD_SYNC_MAX_BATCH) + 10;
  for (guint b = 0; b < max_batches; b++)
    {
      guint n_changes;

      if (g_cancellable_set_error_if_cancelled (run->cancellable, error) ||
          !_ud_sync_store_next_batch (self->db, &run->state, UD_SYNC_MAX_BATCH, &n_changes, error))
        return FALSE;
      /* No changes and no audit entries to send. */
      if (run->state.pending_body == NULL)
        break;
      if (!with_retries (run, attempt_push, NULL, error))
        return FALSE;
    }

  /* A new office (nothing pulled, nothing of its own): the district in
   * one file, if the server has it.  An office that has just pushed its
   * roll for the first time pulls its own records back by pages. */
  if (run->state.cursor == 0 && self->use_snapshot && run->server_snapshot &&
      !_ud_sync_store_holds_records (self->db))
    {
      g_autoptr(GError) local_error = NULL;
      SnapshotFile received = { NULL, NULL };

      if (!with_retries (run, attempt_snapshot, &received, &local_error) ||
          !apply_snapshot (run, &received, &local_error))
        {
          snapshot_file_clear (&received);
          /* A snapshot this office cannot use or fetch is no reason not
           * to sync: the pages come one by one.  What a person must fix
           * (the token, the district) and a cancellation stop here. */
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
              g_error_matches (local_error, UD_SYNC_ERROR, UD_SYNC_ERROR_WRONG_DISTRICT) ||
              g_error_matches (local_error, UD_SYNC_ERROR, UD_SYNC_ERROR_TOKEN_REFUSED) ||
              g_error_matches (local_error, UD_SYNC_ERROR, UD_SYNC_ERROR_FORBIDDEN))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_message ("%s", local_error->message);
        }
    }

  /* A new office pulling its district page by page (no snapshot): the
   * search index is built once at the end. */
  if (run->state.cursor == 0 && !_ud_sync_store_holds_records (self->db))
    {
      if (!_ud_sync_store_defer_search (self->db, error))
        return FALSE;
      deferred = TRUE;
    }

  emit_progress (run, UD_SYNC_PHASE_PULL, 0, 0);
  while (more && pulled)
    pulled = with_retries (run, attempt_pull, &more, error);

  /* Also after a failure: the pages that came are searchable. */
  if (deferred)
    {
      g_autoptr(GError) index_error = NULL;

      if (!_ud_sync_store_build_search (self->db, pulled ? error : &index_error))
        return FALSE;
    }

  return pulled;
}

/* ---- GObject ----------------------------------------------------------- */

static void
ud_sync_client_finalize (GObject *object)
{
  UdSyncClient *self = (UdSyncClient *) object;

  g_clear_object (&self->db);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->ca_file, g_free);

  G_OBJECT_CLASS (ud_sync_client_parent_class)->finalize (object);
}

static void
ud_sync_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  UdSyncClient *self = UD_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_sync_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  UdSyncClient *self = UD_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->db = g_value_dup_object (value);
      break;
    case PROP_SERVER_URL:
      ud_sync_client_set_server_url (self, g_value_get_string (value));
      break;
    case PROP_TOKEN:
      ud_sync_client_set_token (self, g_value_get_string (value));
      break;
    case PROP_CA_FILE:
      ud_sync_client_set_ca_file (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_sync_client_class_init (UdSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ud_sync_client_finalize;
  object_class->get_property = ud_sync_client_get_property;
  object_class->set_property = ud_sync_client_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         UD_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Write-only: the token is a secret and never read back. */
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL,
                         NULL,
                         G_PARAM_WRITABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UdSyncClient::progress:
   * @self: the client
   * @phase: a #UdSyncPhase
   * @done: what is done in this phase (see #UdSyncPhase)
   * @total: the whole of it, or 0 when unknown
   *
   * Emitted in the thread that runs ud_sync_client_run(): hand it over to
   * the main loop before touching widgets.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  UD_TYPE_SYNC_PHASE, G_TYPE_UINT, G_TYPE_UINT);
}

static void
ud_sync_client_init (UdSyncClient *self)
{
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->first_delay_ms = DEFAULT_FIRST_DELAY_MS;
  self->page_size = DEFAULT_PAGE_SIZE;
  self->use_snapshot = TRUE;
  self->timeout_s = DEFAULT_TIMEOUT_S;
}

/* ---- public API -------------------------------------------------------- */

guint
ud_sync_backoff_delay (guint attempt,
                       guint base_ms,
                       guint max_ms)
{
  guint64 delay = base_ms;

  if (attempt == 0)
    return 0;

  for (guint i = 1; i < attempt && delay < max_ms; i++)
    delay *= 2;

  return (guint) MIN (delay, (guint64) max_ms);
}

char *
ud_sync_normalize_server_url (const char  *url,
                              GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (url != NULL ? url : ""));
  if (*text == '\0')
    {
      g_set_error_literal (error, UD_SYNC_ERROR, UD_SYNC_ERROR_NOT_CONFIGURED,
                           _("Server address: no address is set; enter the address the city union gave you in Preferences."));
      return NULL;
    }

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_INVALID_URL,
                   _("Server address: “%s” is not a web address; write it like https://sync.example.org."),
                   text);
      return NULL;
    }

  /* Tokens and members' data never cross a network in clear text. */
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (host))
    {
      g_set_error_literal (error, UD_SYNC_ERROR, UD_SYNC_ERROR_INSECURE,
                           _("Server address: plain http:// is allowed only for a server on this computer; write https:// so that the token and the members’ data travel encrypted."));
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';

  return g_uri_join (G_URI_FLAGS_NONE, g_ascii_strcasecmp (scheme, "https") == 0 ? "https" : "http",
                     NULL, host, g_uri_get_port (uri), path, NULL, NULL);
}

/**
 * ud_sync_client_new:
 * @db: the office database
 * @server_url: (nullable): the server's address
 * @token: (nullable): this office's sync token
 *
 * Returns: (transfer full): a new sync client
 */
UdSyncClient *
ud_sync_client_new (UdDatabase *db,
                    const char *server_url,
                    const char *token)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  return g_object_new (UD_TYPE_SYNC_CLIENT,
                       "database", db,
                       "server-url", server_url,
                       "token", token,
                       NULL);
}

UdDatabase *
ud_sync_client_get_database (UdSyncClient *self)
{
  g_return_val_if_fail (UD_IS_SYNC_CLIENT (self), NULL);

  return self->db;
}

const char *
ud_sync_client_get_server_url (UdSyncClient *self)
{
  g_return_val_if_fail (UD_IS_SYNC_CLIENT (self), NULL);

  return self->server_url;
}

void
ud_sync_client_set_server_url (UdSyncClient *self,
                               const char   *server_url)
{
  g_return_if_fail (UD_IS_SYNC_CLIENT (self));

  if (g_strcmp0 (self->server_url, server_url) == 0)
    return;

  g_free (self->server_url);
  self->server_url = g_strdup (server_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
}

void
ud_sync_client_set_token (UdSyncClient *self,
                          const char   *token)
{
  g_return_if_fail (UD_IS_SYNC_CLIENT (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;

  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

const char *
ud_sync_client_get_ca_file (UdSyncClient *self)
{
  g_return_val_if_fail (UD_IS_SYNC_CLIENT (self), NULL);

  return self->ca_file;
}

void
ud_sync_client_set_ca_file (UdSyncClient *self,
                            const char   *ca_file)
{
  g_return_if_fail (UD_IS_SYNC_CLIENT (self));

  if (ca_file != NULL && *ca_file == '\0')
    ca_file = NULL;
  if (g_strcmp0 (self->ca_file, ca_file) == 0)
    return;

  g_free (self->ca_file);
  self->ca_file = g_strdup (ca_file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CA_FILE]);
}

void
ud_sync_client_set_retry_policy (UdSyncClient *self,
                                 guint         max_attempts,
                                 guint         first_delay_ms)
{
  g_return_if_fail (UD_IS_SYNC_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  self->first_delay_ms = first_delay_ms;
}

void
ud_sync_client_set_page_size (UdSyncClient *self,
                              guint         page_size)
{
  g_return_if_fail (UD_IS_SYNC_CLIENT (self));
  g_return_if_fail (page_size >= 1 && page_size <= MAX_PAGE_SIZE);

  self->page_size = page_size;
}

void
ud_sync_client_set_timeout (UdSyncClient *self,
                            guint         seconds)
{
  g_return_if_fail (UD_IS_SYNC_CLIENT (self));
  g_return_if_fail (seconds >= 1);

  self->timeout_s = seconds;
}

/**
 * ud_sync_client_run:
 * @self: a sync client
 * @summary: (out caller-allocates) (optional): what the run did
 * @cancellable: (nullable): stops the run between two requests or
 *   during one; what was committed stays committed
 * @error: return location for a %UD_SYNC_ERROR, a %UD_DATABASE_ERROR or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE when everything waiting was pushed and everything new
 *   was pulled
 */
gboolean
ud_sync_client_run (UdSyncClient   *self,
                    UdSyncSummary  *summary,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GError) failure = NULL;
  g_autoptr(GError) log_error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *started_at = NULL;
  UdSyncSummary local_summary;
  gint64 started = g_get_monotonic_time ();
  Run run = { NULL };
  gboolean ok;

  g_return_val_if_fail (UD_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (summary == NULL)
    summary = &local_summary;
  memset (summary, 0, sizeof *summary);

  url = ud_sync_normalize_server_url (self->server_url, error);
  if (url == NULL)
    return FALSE;

  if (self->token == NULL || *self->token == '\0')
    {
      g_set_error_literal (error, UD_SYNC_ERROR, UD_SYNC_ERROR_NOT_CONFIGURED,
                           _("Sync token: none is set; enter the token the city union gave this office in Preferences."));
      return FALSE;
    }

  if (!ud_database_is_initialized (self->db))
    {
      g_set_error_literal (error, UD_SYNC_ERROR, UD_SYNC_ERROR_NOT_CONFIGURED,
                           _("The office has not been set up yet: give its district code and name before syncing."));
      return FALSE;
    }

  session = create_session (self, url, error);
  if (session == NULL)
    return FALSE;

  started_at = ud_database_now_iso ();
  run.self = self;
  run.session = session;
  run.url = url;
  run.summary = summary;
  run.cancellable = cancellable;

  ok = _ud_sync_store_begin_run (self->db, url, &run.state, &failure) &&
       run_steps (&run, &failure);

  summary->cursor = run.state.cursor;
  summary->duration_ms = (g_get_monotonic_time () - started) / 1000;
  _ud_sync_run_state_clear (&run.state);

  if (!_ud_sync_store_end_run (self->db, url, started_at, summary, failure, &log_error))
    g_debug ("Could not write the sync log: %s", log_error->message);

  emit_progress (&run, UD_SYNC_PHASE_DONE, summary->pushed, summary->pulled);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }

  return TRUE;
}

/**
 * ud_sync_client_set_use_snapshot:
 * @self: a client
 * @use_snapshot: whether a first sync may start from the server's snapshot
 *
 * On by default: an office that has never pulled fetches its district as
 * one compressed file (when the server offers it) and then pulls what
 * came after.  Off, every change comes in pull pages.
 */
void
ud_sync_client_set_use_snapshot (UdSyncClient *self,
                                 gboolean      use_snapshot)
{
  g_return_if_fail (UD_IS_SYNC_CLIENT (self));

  self->use_snapshot = !!use_snapshot;
}
