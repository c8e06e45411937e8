/* ud-server.c — the HTTP side of the sync server: listening, routing, workers
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-server"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "ud-server.h"

#include "ud-server-auth.h"
#include "ud-server-db.h"
#include "ud-server-snapshot.h"
#include "ud-server-json.h"

/* libsoup serves from the main loop; every request that needs the database
 * is paused there and handed to a pool of worker threads, each taking a
 * connection from the pool for the time of the request. The process keeps
 * no state between requests, so several can serve one database. */

#define LISTEN_BACKLOG 512

typedef enum
{
  ROUTE_HEALTH,
  ROUTE_PUSH,
  ROUTE_PULL,
  ROUTE_SNAPSHOT,
} Route;

typedef struct
{
  /* Owned */
  SoupServerMessage *msg;
  char              *authorization;
  char              *language;     /* Accept-Language */
  char              *since;
  char              *limit;
  GBytes            *body;
  Route              route;
  gint64             started;      /* monotonic µs */

  /* Filled in by the worker */
  guint              status;
  GBytes            *response;
  const char        *content_type; /* NULL for application/json */
  gint64             snapshot_seq; /* of a snapshot answered */
  char              *server_timing; /* of a snapshot answered: Server-Timing */
  char              *snapshot_sha256; /* of a snapshot answered */
  char              *district;     /* for the log */
  char              *error_code;   /* for the log */
  char              *error_detail; /* for the log: the refusal, or the fault behind a 5xx */
} UdServerRequest;

/* Bodies sent in chunks have no length up front: they are collected here,
 * and only up to the limit. */
typedef struct
{
  GByteArray *bytes;
  gboolean    too_large;
} BodyGuard;

struct _UdServer
{
  GObject          parent_instance;

  /* Owned */
  SoupServer      *soup;
  UdServerDbPool  *pool;
  GThreadPool     *workers;
  GTlsCertificate *certificate;
  GPtrArray       *listen_sockets;  /* GSocket */

  guint            in_flight;       /* handed to a worker, not answered yet */
  guint            open_requests;   /* started, response not written yet */
  gboolean         stopping;        /* no new connections; answers close theirs */
  gboolean         shut_down;
};

G_DEFINE_FINAL_TYPE (UdServer, ud_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (ud-server-error-quark, ud_server_error)

static void
body_guard_free (BodyGuard *guard)
{
  g_byte_array_unref (guard->bytes);
  g_free (guard);
}

static void
ud_server_request_free (UdServerRequest *req)
{
  g_clear_object (&req->msg);
  g_free (req->authorization);
  g_free (req->language);
  g_free (req->since);
  g_free (req->limit);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_pointer (&req->response, g_bytes_unref);
  g_free (req->district);
  g_free (req->error_code);
  g_free (req->error_detail);
  g_free (req->server_timing);
  g_free (req->snapshot_sha256);
  g_free (req);
}

static void
log_request (SoupServerMessage *msg,
             guint              status,
             const char        *district,
             gint64             started,
             const char        *error_code,
             const char        *error_detail)
{
  const char *method = soup_server_message_get_method (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  g_autofree char *status_text = g_strdup_printf ("%u", status);
  g_autofree char *ms_text = g_strdup_printf ("%.1f", (g_get_monotonic_time () - started) / 1000.0);
  g_autofree char *detail = NULL;

  if (district == NULL)
    district = "-";

  /* One line, and its first only: PostgreSQL's DETAIL and CONTEXT lines
   * may quote the values of a row, and the log keeps no personal data. */
  if (error_detail != NULL)
    detail = g_strndup (error_detail, strcspn (error_detail, "\r\n"));

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "UD_METHOD", method,
                    "UD_PATH", path,
                    "UD_STATUS", status_text,
                    "UD_DISTRICT", district,
                    "UD_MS", ms_text,
                    "UD_ERROR", error_code != NULL ? error_code : "",
                    "MESSAGE", "%s %s %s district=%s %s ms%s%s%s%s",
                    method, path, status_text, district, ms_text,
                    error_code != NULL ? " error=" : "",
                    error_code != NULL ? error_code : "",
                    detail != NULL ? ": " : "",
                    detail != NULL ? detail : "");
}

static void
send_response (SoupServerMessage *msg,
               guint              status,
               GBytes            *body,
               const char        *content_type,
               gboolean           challenge)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  if (challenge)
    soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer realm=\"uniondesk\"");
  soup_message_headers_set_content_type (headers, content_type != NULL ? content_type : "application/json", NULL);
  /* Without a copy: a snapshot is a mapped file of a hundred megabytes. */
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
}

/* Answers at once, from the main thread, for requests refused before they
 * need the database. */
static void
respond_error_now (SoupServerMessage *msg,
                   guint              status,
                   const char        *code,
                   const char        *message,
                   gint64             started)
{
  g_autofree char *text = ud_server_json_error_body (code, message);
  /* The length before the text is handed over: the order in which a
   * call's arguments are evaluated is unspecified (clang's UBSan build
   * took strlen () of the NULL that g_steal_pointer () left). */
  gsize length = strlen (text);
  g_autoptr(GBytes) body = g_bytes_new_take (g_steal_pointer (&text), length);

  send_response (msg, status, body, NULL, FALSE);
  log_request (msg, status, NULL, started, code, NULL);
}

static void
request_fail (UdServerRequest *req,
              guint            status,
              const char      *code,
              const char      *message,
              const char      *detail)
{
  g_autofree char *text = ud_server_json_error_body (code, message);
  gsize length = strlen (text);

  req->status = status;
  g_clear_pointer (&req->response, g_bytes_unref);
  req->response = g_bytes_new_take (g_steal_pointer (&text), length);
  g_free (req->error_code);
  req->error_code = g_strdup (code);
  g_free (req->error_detail);
  req->error_detail = g_strdup (detail != NULL ? detail : message);
}

static void
request_fail_with_error (UdServerRequest *req,
                         const GError    *error)
{
  if (error->domain == UD_SERVER_JSON_ERROR)
    {
      switch ((UdServerJsonError) error->code)
        {
        case UD_SERVER_JSON_ERROR_MALFORMED:
          request_fail (req, SOUP_STATUS_BAD_REQUEST, "bad_json", error->message, NULL);
          return;
        case UD_SERVER_JSON_ERROR_TOO_DEEP:
          request_fail (req, SOUP_STATUS_BAD_REQUEST, "too_deep", error->message, NULL);
          return;
        case UD_SERVER_JSON_ERROR_TOO_MANY:
          request_fail (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_many_changes", error->message, NULL);
          return;
        case UD_SERVER_JSON_ERROR_PROTOCOL:
          request_fail (req, SOUP_STATUS_BAD_REQUEST, "unsupported_protocol", error->message, NULL);
          return;
        case UD_SERVER_JSON_ERROR_INVALID:
        default:
          request_fail (req, SOUP_STATUS_BAD_REQUEST, "invalid", error->message, NULL);
          return;
        }
    }

  if (error->domain == UD_SERVER_AUTH_ERROR)
    {
      switch ((UdServerAuthError) error->code)
        {
        case UD_SERVER_AUTH_ERROR_UNAUTHORIZED:
          request_fail (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", error->message, NULL);
          return;
        case UD_SERVER_AUTH_ERROR_FORBIDDEN:
          request_fail (req, SOUP_STATUS_FORBIDDEN, "forbidden", error->message, NULL);
          return;
        case UD_SERVER_AUTH_ERROR_INVALID:
        case UD_SERVER_AUTH_ERROR_NOT_FOUND:
        case UD_SERVER_AUTH_ERROR_DATABASE:
        default:
          break;
        }
    }

  if (error->domain == UD_SERVER_DB_ERROR)
    {
      switch ((UdServerDbError) error->code)
        {
        case UD_SERVER_DB_ERROR_FORBIDDEN:
          request_fail (req, SOUP_STATUS_FORBIDDEN, "forbidden", error->message, NULL);
          return;
        case UD_SERVER_DB_ERROR_BATCH_REUSED:
          request_fail (req, SOUP_STATUS_CONFLICT, "batch_reused", error->message, NULL);
          return;
        case UD_SERVER_DB_ERROR_UNAVAILABLE:
        case UD_SERVER_DB_ERROR_SCHEMA:
          request_fail (req, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable",
                        _("The city server's database is not available at the moment. Nothing was changed; try again later."),
                        error->message);
          return;
        case UD_SERVER_DB_ERROR_FAILED:
        default:
          break;
        }
    }

  if (error->domain == UD_SERVER_ERROR && error->code == UD_SERVER_ERROR_BAD_REQUEST)
    {
      request_fail (req, SOUP_STATUS_BAD_REQUEST, "bad_request", error->message, NULL);
      return;
    }

  /* The details stay in the server's log: they may quote the data. */
  request_fail (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal",
                _("The city server failed to handle the request. Nothing was changed; the server's log has the details."),
                error->message);
}

static void
request_ok (UdServerRequest *req,
            GBytes          *response)
{
  req->status = SOUP_STATUS_OK;
  g_clear_pointer (&req->response, g_bytes_unref);
  req->response = response;
}

/* Reads a non-negative decimal query parameter. */
static gboolean
parse_count (const char  *text,
             const char  *name,
             gint64       fallback,
             gint64       min,
             gint64       max,
             gint64      *value,
             GError     **error)
{
  guint64 parsed;

  if (text == NULL || *text == '\0')
    {
      *value = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, (guint64) min, (guint64) max, &parsed, NULL))
    {
      g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      g_set_error (error, UD_SERVER_ERROR, UD_SERVER_ERROR_BAD_REQUEST,
                   _("The query parameter “%s” must be a whole number from %s to %s."),
                   name, low, high);
      return FALSE;
    }

  *value = (gint64) parsed;
  return TRUE;
}

static gboolean
handle_health (UdServerRequest  *req,
               PGconn           *conn,
               GError          **error)
{
  GString *out;

  if (!ud_server_db_ping (conn, error))
    return FALSE;

  out = g_string_new ("{\"status\":\"ok\",\"protocol\":");
  g_string_append_printf (out, "%d,\"server\":\"uniondesk-server\",\"version\":", UD_SERVER_PROTOCOL);
  ud_json_append_string (out, PACKAGE_VERSION);
  g_string_append_printf (out, ",\"schema\":%d,\"max_changes\":%d,\"max_body\":%d,\"snapshot\":true}",
                          UD_SERVER_DB_SCHEMA_VERSION, UD_SERVER_MAX_CHANGES, UD_SERVER_MAX_BODY);
  request_ok (req, g_string_free_to_bytes (out));

  return TRUE;
}

/* A refused push is worth an audit entry: it is either a bug in an office's
 * client or someone trying what their token does not allow. */
static void
audit_refusal (PGconn              *conn,
               const UdServerToken *token,
               const UdServerPush  *push,
               const GError        *refusal)
{
  g_autoptr(GString) detail = g_string_new ("{\"batch\":");

  ud_json_append_string (detail, push->batch);
  g_string_append (detail, ",\"reason\":");
  ud_json_append_string (detail, refusal->message);
  g_string_append_c (detail, '}');

  /* The refusal matters more than its audit entry. */
  ud_server_db_audit (conn, token->id, "push_refused", detail->str, NULL);
}

static gboolean
handle_push (UdServerRequest      *req,
             PGconn               *conn,
             const UdServerToken  *token,
             GError              **error)
{
  g_autoptr(UdServerPush) push = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *answer;
  gsize length = 0;
  const char *body = g_bytes_get_data (req->body, &length);
  guint i;

  push = ud_server_push_parse (body, length, error);
  if (push == NULL)
    return FALSE;

  for (i = 0; i < push->changes->len; i++)
    {
      if (!ud_server_auth_may_write (token, g_ptr_array_index (push->changes, i), i + 1, &local_error))
        {
          audit_refusal (conn, token, push, local_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  /* Each change is checked like a typed record (ud-received.h); one that
   * fails is kept in quarantine with the reason, which the answer gives
   * the office, and the rest of the batch is applied. */
  if (!ud_server_db_check_push (conn, token->district, push, error))
    return FALSE;

  answer = ud_server_db_push (conn, token->id, token->district, push, &local_error);
  if (answer == NULL)
    {
      if (g_error_matches (local_error, UD_SERVER_DB_ERROR, UD_SERVER_DB_ERROR_FORBIDDEN))
        audit_refusal (conn, token, push, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  request_ok (req, answer);
  /* A big district's snapshot is built ahead, a few seconds later. */
  ud_server_snapshot_pushed (token->district);
  return TRUE;
}

static gboolean
handle_pull (UdServerRequest      *req,
             PGconn               *conn,
             const UdServerToken  *token,
             GError              **error)
{
  GBytes *answer;
  gint64 since;
  gint64 limit;

  if (!parse_count (req->since, "since", 0, 0, G_MAXINT64 / 2, &since, error) ||
      !parse_count (req->limit, "limit", UD_SERVER_PULL_DEFAULT_LIMIT, 1, UD_SERVER_PULL_MAX_LIMIT, &limit, error))
    return FALSE;

  answer = ud_server_db_pull (conn, token->district, since, (guint) limit, NULL, NULL, error);
  if (answer == NULL)
    return FALSE;

  request_ok (req, answer);
  return TRUE;
}

/* The first sync of an office: its district up to now in one file. */
static gboolean
handle_snapshot (UdServerRequest      *req,
                 PGconn               *conn,
                 const UdServerToken  *token,
                 GError              **error)
{
  GBytes *answer;

  answer = ud_server_snapshot_get (conn, token->district, &req->snapshot_seq, &req->snapshot_sha256,
                                   &req->server_timing, error);
  if (answer == NULL)
    return FALSE;

  request_ok (req, answer);
  req->content_type = "application/gzip";
  return TRUE;
}

static gboolean
dispatch (UdServerRequest  *req,
          PGconn           *conn,
          GError          **error)
{
  g_autoptr(UdServerToken) token = NULL;

  if (req->route == ROUTE_HEALTH)
    return handle_health (req, conn, error);

  token = ud_server_auth_check (conn, req->authorization, error);
  if (token == NULL)
    return FALSE;

  g_free (req->district);
  req->district = g_strdup (token->district);

  if (req->route == ROUTE_PUSH)
    return handle_push (req, conn, token, error);
  else if (req->route == ROUTE_SNAPSHOT)
    return handle_snapshot (req, conn, token, error);
  else
    return handle_pull (req, conn, token, error);
}

/* The locale of the language an office asks its answers in
 * (Accept-Language: "zh-CN", "zh", "en"…), for this thread's messages —
 * the reasons a refused change is given, which the office shows as they
 * come — or 0 to answer in the server's own language: no header, or no
 * language asked for that this computer has a locale of. */
static locale_t
request_locale (const char *accept)
{
  g_auto(GStrv) ranges = NULL;

  if (accept == NULL)
    return (locale_t) 0;

  ranges = g_strsplit (accept, ",", 8);
  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_autofree char *tag = g_strdup (g_strstrip (ranges[i]));
      g_autofree char *name = NULL;
      char *weight = strchr (tag, ';');
      locale_t base;
      locale_t locale;

      if (weight != NULL)
        *weight = '\0';
      g_strstrip (tag);
      if (*tag == '\0' || strlen (tag) > 16 || strspn (tag, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") != strlen (tag))
        continue;

      if (g_ascii_strcasecmp (tag, "en") == 0 || g_ascii_strncasecmp (tag, "en-", 3) == 0)
        name = g_strdup ("C.UTF-8");
      else if (g_ascii_strcasecmp (tag, "zh") == 0 || g_ascii_strncasecmp (tag, "zh-Hans", 7) == 0)
        name = g_strdup ("zh_CN.UTF-8");
      else if (strlen (tag) == 5 && tag[2] == '-')
        name = g_strdup_printf ("%c%c_%c%c.UTF-8", g_ascii_tolower (tag[0]), g_ascii_tolower (tag[1]),
                                g_ascii_toupper (tag[3]), g_ascii_toupper (tag[4]));
      else
        continue;

      base = duplocale (LC_GLOBAL_LOCALE);
      if (base == (locale_t) 0)
        return (locale_t) 0;
      locale = newlocale (LC_MESSAGES_MASK, name, base);
      if (locale != (locale_t) 0)
        return locale;
      freelocale (base);
    }

  return (locale_t) 0;
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  g_autoptr(GTask) task = data;
  UdServer *self = user_data;
  UdServerRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  locale_t asked = request_locale (req->language);
  locale_t own = asked != (locale_t) 0 ? uselocale (asked) : (locale_t) 0;
  guint attempt;

  for (attempt = 0; attempt < 2; attempt++)
    {
      PGconn *conn = ud_server_db_pool_acquire (self->pool, &error);
      gboolean stale;

      if (conn == NULL)
        break;

      if (dispatch (req, conn, &error))
        {
          ud_server_db_pool_release (self->pool, conn);
          break;
        }

      /* A pooled connection that died while idle (the database restarted)
       * is worth one more try on a fresh one; a push is safe to repeat. */
      stale = PQstatus (conn) != CONNECTION_OK;
      ud_server_db_pool_release (self->pool, conn);
      if (!stale || attempt > 0)
        break;
      g_clear_error (&error);
    }

  if (error != NULL)
    request_fail_with_error (req, error);

  if (asked != (locale_t) 0)
    {
      uselocale (own);
      freelocale (asked);
    }

  g_task_return_boolean (task, TRUE);
}

static void
request_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  UdServer *self = UD_SERVER (source);
  UdServerRequest *req = g_task_get_task_data (G_TASK (result));

  if (req->content_type != NULL)
    {
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, req->snapshot_seq);

      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "X-UnionDesk-Snapshot-Seq", seq);
      if (req->snapshot_sha256 != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                      "X-UnionDesk-Snapshot-SHA256", req->snapshot_sha256);
      if (req->server_timing != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                      "Server-Timing", req->server_timing);
    }
  if (self->stopping)
    soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Connection", "close");
  send_response (req->msg, req->status, req->response, req->content_type,
                 req->status == SOUP_STATUS_UNAUTHORIZED);
  soup_server_message_unpause (req->msg);
  log_request (req->msg, req->status, req->district, req->started, req->error_code, req->error_detail);

  g_assert (self->in_flight > 0);
  self->in_flight--;
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              BodyGuard         *guard)
{
  gsize size = g_bytes_get_size (chunk);

  if (guard->too_large || guard->bytes->len + size > UD_SERVER_MAX_BODY)
    {
      guard->too_large = TRUE;
      g_byte_array_set_size (guard->bytes, 0);
      return;
    }

  g_byte_array_append (guard->bytes, g_bytes_get_data (chunk, NULL), (guint) size);
}

/* Runs once the headers are in, before the body is read: a body announced
 * as too large is refused without reading it. */
static void
early_handler_cb (SoupServer        *soup,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);

  if (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > UD_SERVER_MAX_BODY)
    {
      g_autofree char *message =
        g_strdup_printf (_("The request is larger than the %d MiB the server accepts. Send fewer changes in each batch."),
                         UD_SERVER_MAX_BODY / (1024 * 1024));

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      respond_error_now (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", message, g_get_monotonic_time ());
      return;
    }

  if (encoding == SOUP_ENCODING_CHUNKED || encoding == SOUP_ENCODING_EOF)
    {
      BodyGuard *guard = g_new0 (BodyGuard, 1);

      guard->bytes = g_byte_array_new ();
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      g_object_set_data_full (G_OBJECT (msg), "ud-body-guard", guard, (GDestroyNotify) body_guard_free);
      g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), guard);
    }
}

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  UdServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *wanted;
  gint64 started = g_get_monotonic_time ();
  UdServerRequest *req;
  GTask *task;
  BodyGuard *guard;
  Route route;

  /* A request on a connection opened before the stop is still served,
   * and the connection closed after it. */
  if (self->stopping)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");

  if (g_str_equal (path, "/api/v1/health"))
    {
      route = ROUTE_HEALTH;
      wanted = SOUP_METHOD_GET;
    }
  else if (g_str_equal (path, "/api/v1/push"))
    {
      route = ROUTE_PUSH;
      wanted = SOUP_METHOD_POST;
    }
  else if (g_str_equal (path, "/api/v1/pull"))
    {
      route = ROUTE_PULL;
      wanted = SOUP_METHOD_GET;
    }
  else if (g_str_equal (path, "/api/v1/snapshot"))
    {
      route = ROUTE_SNAPSHOT;
      wanted = SOUP_METHOD_GET;
    }
  else
    {
      respond_error_now (msg, SOUP_STATUS_NOT_FOUND, "not_found",
                         _("There is nothing at this address. The sync API is under /api/v1/."), started);
      return;
    }

  if (!g_str_equal (method, wanted))
    {
      g_autofree char *message = g_strdup_printf (_("This address only answers %s requests."), wanted);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", wanted);
      respond_error_now (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", message, started);
      return;
    }

  /* A proxy's health check learns at once that this process is going,
   * and sends the next requests to another. */
  if (route == ROUTE_HEALTH && self->stopping)
    {
      respond_error_now (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable",
                         _("This server process is stopping; another one will answer."), started);
      return;
    }

  guard = g_object_get_data (G_OBJECT (msg), "ud-body-guard");
  if (guard != NULL && guard->too_large)
    {
      g_autofree char *message =
        g_strdup_printf (_("The request is larger than the %d MiB the server accepts. Send fewer changes in each batch."),
                         UD_SERVER_MAX_BODY / (1024 * 1024));

      respond_error_now (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", message, started);
      return;
    }

  if (route == ROUTE_PUSH)
    {
      const char *content_type =
        soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);

      /* README-server: a push that does not say it is JSON is 415,
       * whether it says something else or nothing. */
      if (content_type == NULL || g_ascii_strcasecmp (content_type, "application/json") != 0)
        {
          respond_error_now (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                             _("A push must be sent as application/json."), started);
          return;
        }
    }

  req = g_new0 (UdServerRequest, 1);
  req->msg = g_object_ref (msg);
  req->route = route;
  req->started = started;
  req->authorization = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                               "Authorization"));
  req->language = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                          "Accept-Language"));
  if (query != NULL)
    {
      req->since = g_strdup (g_hash_table_lookup (query, "since"));
      req->limit = g_strdup (g_hash_table_lookup (query, "limit"));
    }
  if (route == ROUTE_PUSH)
    {
      if (guard != NULL)
        req->body = g_bytes_new (guard->bytes->data, guard->bytes->len);
      else
        req->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
    }

  soup_server_message_pause (msg);

  task = g_task_new (self, NULL, request_done_cb, NULL);
  g_task_set_source_tag (task, handler_cb);
  g_task_set_task_data (task, req, (GDestroyNotify) ud_server_request_free);
  self->in_flight++;
  g_thread_pool_push (self->workers, task, NULL);
}

static void
ud_server_dispose (GObject *object)
{
  UdServer *self = (UdServer *) object;

  ud_server_shutdown (self);
  g_clear_object (&self->soup);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->listen_sockets, g_ptr_array_unref);

  G_OBJECT_CLASS (ud_server_parent_class)->dispose (object);
}

static void
ud_server_finalize (GObject *object)
{
  UdServer *self = (UdServer *) object;

  g_clear_pointer (&self->pool, ud_server_db_pool_free);

  G_OBJECT_CLASS (ud_server_parent_class)->finalize (object);
}

static void
ud_server_class_init (UdServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ud_server_dispose;
  object_class->finalize = ud_server_finalize;
}

static void
ud_server_init (UdServer *self)
{
  self->listen_sockets = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    UdServer          *self)
{
  self->open_requests++;
}

/* Written out, or the client went away. */
static void
request_ended_cb (SoupServer        *soup,
                  SoupServerMessage *msg,
                  UdServer          *self)
{
  g_assert (self->open_requests > 0);
  self->open_requests--;
}

/**
 * ud_server_new:
 * @conninfo: the PostgreSQL connection string
 * @n_workers: how many requests may use the database at once
 * @certificate: (nullable): the certificate and key to serve HTTPS with;
 *   %NULL serves plain HTTP, on loopback addresses only
 * @error: return location for an error
 *
 * Returns: (transfer full): a server that does not listen yet, or %NULL
 */
UdServer *
ud_server_new (const char       *conninfo,
               guint             n_workers,
               GTlsCertificate  *certificate,
               GError          **error)
{
  g_autoptr(UdServer) self = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (n_workers > 0, NULL);
  g_return_val_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (UD_TYPE_SERVER, NULL);
  self->pool = ud_server_db_pool_new (conninfo);
  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;

  /* Exclusive threads: they live as long as the server and are not
   * shared with GLib's other pools. */
  self->workers = g_thread_pool_new (worker_func, self, (int) n_workers, TRUE, error);
  if (self->workers == NULL)
    return NULL;
  if (!ud_server_snapshot_ahead_start (self->pool, error))
    return NULL;

  self->soup = soup_server_new ("server-header", "uniondesk-server/" PACKAGE_VERSION " ",
                                "tls-certificate", certificate,
                                NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started_cb), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_ended_cb), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (request_ended_cb), self);
  soup_server_add_early_handler (self->soup, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler_cb, self, NULL);

  return g_steal_pointer (&self);
}

/**
 * ud_server_listen:
 * @self: a server
 * @host_port: where to listen: "127.0.0.1:8080", "[::1]:8080",
 *   "localhost:8080", "0.0.0.0:8443"; port 0 picks a free port
 * @error: return location for a %UD_SERVER_ERROR
 *
 * Listens on every address @host_port resolves to. Without a certificate
 * every one of them must be a loopback address: sync tokens and personal
 * data never cross a network in clear text.
 *
 * Returns: %TRUE if the server listens
 */
gboolean
ud_server_listen (UdServer    *self,
                  const char  *host_port,
                  GError     **error)
{
  g_autoptr(GSocketConnectable) address = NULL;
  g_autoptr(GResolver) resolver = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autolist(GInetAddress) addresses = NULL;
  const char *hostname;
  guint16 port;
  const char *colon;
  GList *l;

  g_return_val_if_fail (UD_IS_SERVER (self), FALSE);
  g_return_val_if_fail (host_port != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  colon = strrchr (host_port, ':');
  address = g_network_address_parse (host_port, 0, &local_error);
  if (address == NULL || colon == NULL || colon[1] == '\0' || strchr (colon, ']') != NULL)
    {
      g_set_error (error, UD_SERVER_ERROR, UD_SERVER_ERROR_ADDRESS,
                   _("“%s” is not an address to listen on: give HOST:PORT, for example 127.0.0.1:8080."),
                   host_port);
      return FALSE;
    }

  hostname = g_network_address_get_hostname (G_NETWORK_ADDRESS (address));
  port = g_network_address_get_port (G_NETWORK_ADDRESS (address));
  if (port == 0 && !g_str_has_suffix (host_port, ":0"))
    {
      g_set_error (error, UD_SERVER_ERROR, UD_SERVER_ERROR_ADDRESS,
                   _("“%s” is not an address to listen on: give HOST:PORT, for example 127.0.0.1:8080."),
                   host_port);
      return FALSE;
    }

  resolver = g_resolver_get_default ();
  addresses = g_resolver_lookup_by_name (resolver, hostname, NULL, &local_error);
  if (addresses == NULL)
    {
      g_set_error (error, UD_SERVER_ERROR, UD_SERVER_ERROR_ADDRESS,
                   _("Cannot find the address “%s”: %s"), hostname, local_error->message);
      return FALSE;
    }

  if (self->certificate == NULL)
    {
      for (l = addresses; l != NULL; l = l->next)
        {
          if (!g_inet_address_get_is_loopback (l->data))
            {
              g_autofree char *text = g_inet_address_to_string (l->data);

              g_set_error (error, UD_SERVER_ERROR, UD_SERVER_ERROR_NOT_LOOPBACK,
                           _("Refusing to serve plain HTTP on %s, which is not a loopback address: sync tokens and personal data would cross the network unencrypted. Give --tls-cert and --tls-key, or listen on 127.0.0.1."),
                           text);
              return FALSE;
            }
        }
    }

  for (l = addresses; l != NULL; l = l->next)
    {
      g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (l->data, port);
      g_autoptr(GSocket) socket = NULL;

      /* Our own socket for a longer queue of connections than GLib's
       * default of 10: fifty offices syncing at once is a normal morning. */
      socket = g_socket_new (g_inet_address_get_family (l->data), G_SOCKET_TYPE_STREAM,
                             G_SOCKET_PROTOCOL_TCP, &local_error);
      if (socket != NULL)
        g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);

      if (socket == NULL ||
          !g_socket_bind (socket, socket_address, TRUE, &local_error) ||
          !g_socket_listen (socket, &local_error) ||
          !soup_server_listen_socket (self->soup, socket,
                                      self->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0,
                                      &local_error))
        {
          g_set_error (error, UD_SERVER_ERROR, UD_SERVER_ERROR_LISTEN,
                       _("Cannot listen on %s: %s"), host_port, local_error->message);
          return FALSE;
        }
      g_ptr_array_add (self->listen_sockets, g_steal_pointer (&socket));
    }

  return TRUE;
}

/**
 * ud_server_get_uris:
 * @self: a server
 *
 * Returns: (transfer full) (element-type GUri): where the server listens,
 *   with the actual port when 0 was asked for
 */
GSList *
ud_server_get_uris (UdServer *self)
{
  g_return_val_if_fail (UD_IS_SERVER (self), NULL);

  return soup_server_get_uris (self->soup);
}

static gboolean
wake_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * ud_server_stop:
 * @self: a server
 * @timeout_seconds: how long to wait for the requests in flight
 *
 * The graceful stop (SIGTERM): stops accepting connections at once, so
 * that a proxy sends new ones elsewhere, then keeps serving until every
 * request already received has been handled and its answer written — a
 * batch being applied is committed and answered — or @timeout_seconds
 * have passed. Connections are closed after their current answer. Then
 * it shuts down as ud_server_shutdown() does; the database work of a
 * request still running then is finished even so, only its answer lost
 * (the office sends the batch again and gets the stored answer).
 *
 * Returns: %TRUE if every request was answered
 */
gboolean
ud_server_stop (UdServer *self,
                guint     timeout_seconds)
{
  gboolean expired = FALSE;
  gboolean answered;
  guint timer;
  guint i;

  g_return_val_if_fail (UD_IS_SERVER (self), FALSE);

  if (self->shut_down)
    return self->in_flight == 0;
  self->stopping = TRUE;

  /* Shutting the listening sockets down makes libsoup's accept fail and
   * drop them; connections already open stay. */
  for (i = 0; i < self->listen_sockets->len; i++)
    g_socket_shutdown (g_ptr_array_index (self->listen_sockets, i), TRUE, FALSE, NULL);

  if (self->open_requests > 0)
    g_message (ngettext ("Stopping: finishing %u request in flight.",
                         "Stopping: finishing %u requests in flight.",
                         self->open_requests),
               self->open_requests);

  timer = g_timeout_add_seconds (timeout_seconds, wake_cb, &expired);
  while ((self->in_flight > 0 || self->open_requests > 0) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (timer);

  answered = self->in_flight == 0 && self->open_requests == 0;
  if (!answered)
    g_warning (ngettext ("Stopped after %u s with %u request not answered; its database work is finished, the client will repeat it.",
                         "Stopped after %u s with %u requests not answered; their database work is finished, the clients will repeat them.",
                         MAX (self->in_flight, self->open_requests)),
               timeout_seconds, MAX (self->in_flight, self->open_requests));

  ud_server_shutdown (self);
  return answered;
}

/**
 * ud_server_shutdown:
 * @self: a server
 *
 * Stops listening and waits, running the main context, until the requests
 * already being handled are done with the database.
 */
void
ud_server_shutdown (UdServer *self)
{
  g_return_if_fail (UD_IS_SERVER (self));

  if (self->shut_down)
    return;
  self->shut_down = TRUE;

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);

  while (self->in_flight > 0)
    g_main_context_iteration (NULL, TRUE);

  if (self->workers != NULL)
    g_thread_pool_free (g_steal_pointer (&self->workers), FALSE, TRUE);
  ud_server_snapshot_ahead_stop ();
}
