/* ud-server-auth.c — bearer tokens of the district offices
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-server"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/random.h>

#include "ud-server-auth.h"

#include "ud-server-db.h"

/* 256 random bits, written as 64 hex digits. A token is as strong as a
 * key, so one round of SHA-256 is the right hash: there is nothing to
 * guess, unlike a password. */
#define TOKEN_BYTES      32
#define TOKEN_MAX_LENGTH 256

G_DEFINE_QUARK (ud-server-auth-error-quark, ud_server_auth_error)

void
ud_server_token_free (UdServerToken *token)
{
  if (token == NULL)
    return;

  g_free (token->district);
  g_free (token->name);
  g_free (token->created_at);
  g_free (token->revoked_at);
  g_free (token);
}

/**
 * ud_server_auth_hash:
 * @token: a token as the client sends it
 *
 * Returns: (transfer full): the hash stored in the tokens table
 */
char *
ud_server_auth_hash (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static gboolean
random_bytes (guint8  *buffer,
              gsize    length,
              GError **error)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = errno;

          g_set_error (error, UD_SERVER_AUTH_ERROR, UD_SERVER_AUTH_ERROR_DATABASE,
                       _("The system could not provide random numbers for a token: %s"),
                       g_strerror (saved_errno));
          return FALSE;
        }
      done += (gsize) n;
    }

  return TRUE;
}

static void
propagate_db_error (GError  *db_error,
                    GError **error)
{
  g_set_error_literal (error, UD_SERVER_AUTH_ERROR, UD_SERVER_AUTH_ERROR_DATABASE, db_error->message);
  g_error_free (db_error);
}

/**
 * ud_server_auth_check:
 * @conn: a connection
 * @authorization: (nullable): the request's Authorization header
 * @error: return location for a %UD_SERVER_AUTH_ERROR or %UD_SERVER_DB_ERROR
 *
 * Finds the valid token named by a `Bearer` header.
 *
 * Returns: (transfer full): the token, or %NULL with
 *   %UD_SERVER_AUTH_ERROR_UNAUTHORIZED (or a database error) set
 */
UdServerToken *
ud_server_auth_check (PGconn      *conn,
                      const char  *authorization,
                      GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *hash = NULL;
  UdServerToken *token;
  const char *params[1];
  const char *value;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    {
      g_set_error_literal (error, UD_SERVER_AUTH_ERROR, UD_SERVER_AUTH_ERROR_UNAUTHORIZED,
                           _("This request needs the office's sync token (Authorization: Bearer …)."));
      return NULL;
    }

  value = authorization + 7;
  while (*value == ' ')
    value++;
  if (*value == '\0' || strlen (value) > TOKEN_MAX_LENGTH)
    {
      g_set_error_literal (error, UD_SERVER_AUTH_ERROR, UD_SERVER_AUTH_ERROR_UNAUTHORIZED,
                           _("The sync token is not valid."));
      return NULL;
    }

  hash = ud_server_auth_hash (value);
  params[0] = hash;
  result = ud_server_db_exec (conn,
                              "SELECT id, district, name, created_at FROM tokens"
                              " WHERE token_hash = $1 AND revoked_at IS NULL",
                              1, params, error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, UD_SERVER_AUTH_ERROR, UD_SERVER_AUTH_ERROR_UNAUTHORIZED,
                           _("The sync token is unknown or has been revoked. Ask the city union for a new one."));
      return NULL;
    }

  token = g_new0 (UdServerToken, 1);
  token->id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  token->district = g_strdup (PQgetvalue (result, 0, 1));
  token->name = g_strdup (PQgetvalue (result, 0, 2));
  token->created_at = g_strdup (PQgetvalue (result, 0, 3));

  return token;
}

/**
 * ud_server_auth_may_write:
 * @token: the request's token
 * @change: one change of the batch
 * @index: the change's position in the batch, from 1
 * @error: return location for %UD_SERVER_AUTH_ERROR_FORBIDDEN
 *
 * The district of a change comes from the token, never from the payload:
 * a change naming another district is refused, and only the city's own
 * tokens may write city-wide reference data.
 *
 * Returns: %TRUE if @token may write @change
 */
gboolean
ud_server_auth_may_write (const UdServerToken   *token,
                          const UdServerChange  *change,
                          guint                  index,
                          GError               **error)
{
  g_return_val_if_fail (token != NULL, FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_str_equal (change->district, token->district))
    {
      g_set_error (error, UD_SERVER_AUTH_ERROR, UD_SERVER_AUTH_ERROR_FORBIDDEN,
                   _("Change %u is for district %s, but this token belongs to district %s."),
                   index, change->district, token->district);
      return FALSE;
    }

  if (ud_server_change_is_reference (change) &&
      !g_str_equal (token->district, UD_SERVER_CITY_DISTRICT))
    {
      g_set_error (error, UD_SERVER_AUTH_ERROR, UD_SERVER_AUTH_ERROR_FORBIDDEN,
                   _("Change %u is city-wide reference data (“%s”), which only the city union (district %s) may change."),
                   index, change->kind, UD_SERVER_CITY_DISTRICT);
      return FALSE;
    }

  return TRUE;
}

/**
 * ud_server_auth_add:
 * @conn: a connection
 * @district: the 6-digit district code the token may write
 * @name: who holds it, e.g. "Miyun office, front desk"
 * @id: (out) (optional): the new token's id
 * @error: return location for a %UD_SERVER_AUTH_ERROR
 *
 * Creates a token and stores only its hash: the token itself is returned
 * once and cannot be shown again.
 *
 * Returns: (transfer full): the token, or %NULL
 */
char *
ud_server_auth_add (PGconn      *conn,
                    const char  *district,
                    const char  *name,
                    gint64      *id,
                    GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GString) detail = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *clean_name = NULL;
  GError *db_error = NULL;
  guint8 bytes[TOKEN_BYTES];
  const char *params[3];
  gint64 new_id;
  gsize i;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (district != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ud_server_is_district_code (district))
    {
      g_set_error (error, UD_SERVER_AUTH_ERROR, UD_SERVER_AUTH_ERROR_INVALID,
                   _("The district code “%s” is not valid: it must be 6 digits, such as 110118."),
                   district);
      return NULL;
    }

  clean_name = g_strstrip (g_strdup (name));
  if (*clean_name == '\0' || !g_utf8_validate (clean_name, -1, NULL) || strlen (clean_name) > 200)
    {
      g_set_error_literal (error, UD_SERVER_AUTH_ERROR, UD_SERVER_AUTH_ERROR_INVALID,
                           _("The token name must be filled in (at most 200 bytes), e.g. the office that will use it."));
      return NULL;
    }

  if (!random_bytes (bytes, sizeof bytes, error))
    return NULL;

  token = g_malloc (2 * TOKEN_BYTES + 1);
  for (i = 0; i < TOKEN_BYTES; i++)
    g_snprintf (token + 2 * i, 3, "%02x", bytes[i]);
  memset (bytes, 0, sizeof bytes);

  hash = ud_server_auth_hash (token);
  params[0] = hash;
  params[1] = district;
  params[2] = clean_name;
  result = ud_server_db_exec (conn,
                              "INSERT INTO tokens (token_hash, district, name) VALUES ($1, $2, $3) RETURNING id",
                              3, params, &db_error);
  if (result == NULL)
    {
      propagate_db_error (db_error, error);
      return NULL;
    }
  new_id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);

  detail = g_string_new ("{\"district\":");
  ud_json_append_string (detail, district);
  g_string_append (detail, ",\"name\":");
  ud_json_append_string (detail, clean_name);
  g_string_append_c (detail, '}');
  if (!ud_server_db_audit (conn, new_id, "token_add", detail->str, &db_error))
    {
      propagate_db_error (db_error, error);
      return NULL;
    }

  if (id != NULL)
    *id = new_id;

  return g_steal_pointer (&token);
}

/**
 * ud_server_auth_list:
 * @conn: a connection
 * @error: return location for a %UD_SERVER_AUTH_ERROR
 *
 * Returns: (transfer full) (element-type UdServerToken): every token ever
 *   made, revoked ones included, oldest first; %NULL on error
 */
GPtrArray *
ud_server_auth_list (PGconn  *conn,
                     GError **error)
{
  g_autoptr(PGresult) result = NULL;
  GError *db_error = NULL;
  GPtrArray *tokens;
  int row;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = ud_server_db_exec (conn,
                              "SELECT id, district, name,"
                              "       to_char (created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                              "       to_char (revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                              "  FROM tokens ORDER BY id",
                              0, NULL, &db_error);
  if (result == NULL)
    {
      propagate_db_error (db_error, error);
      return NULL;
    }

  tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_server_token_free);
  for (row = 0; row < PQntuples (result); row++)
    {
      UdServerToken *token = g_new0 (UdServerToken, 1);

      token->id = g_ascii_strtoll (PQgetvalue (result, row, 0), NULL, 10);
      token->district = g_strdup (PQgetvalue (result, row, 1));
      token->name = g_strdup (PQgetvalue (result, row, 2));
      token->created_at = g_strdup (PQgetvalue (result, row, 3));
      if (!PQgetisnull (result, row, 4))
        token->revoked_at = g_strdup (PQgetvalue (result, row, 4));
      g_ptr_array_add (tokens, token);
    }

  return tokens;
}

/**
 * ud_server_auth_revoke:
 * @conn: a connection
 * @id: a token id from ud_server_auth_list()
 * @error: return location for a %UD_SERVER_AUTH_ERROR
 *
 * Revokes a token at once, for every server process: the next request
 * that uses it is refused with 401. Revoking twice is not an error.
 *
 * Returns: %TRUE if the token exists and is now revoked
 */
gboolean
ud_server_auth_revoke (PGconn  *conn,
                       gint64   id,
                       GError **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *id_text = NULL;
  GError *db_error = NULL;
  const char *params[1];

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  params[0] = id_text;
  result = ud_server_db_exec (conn,
                              "UPDATE tokens SET revoked_at = coalesce (revoked_at, now ()) WHERE id = $1",
                              1, params, &db_error);
  if (result == NULL)
    {
      propagate_db_error (db_error, error);
      return FALSE;
    }

  if (g_ascii_strtoll (PQcmdTuples (result), NULL, 10) == 0)
    {
      g_set_error (error, UD_SERVER_AUTH_ERROR, UD_SERVER_AUTH_ERROR_NOT_FOUND,
                   _("There is no token with id %s. See “uniondesk-server token list”."),
                   id_text);
      return FALSE;
    }

  if (!ud_server_db_audit (conn, id, "token_revoke", NULL, &db_error))
    {
      propagate_db_error (db_error, error);
      return FALSE;
    }

  return TRUE;
}
