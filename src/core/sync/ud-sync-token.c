/* ud-sync-token.c — where the office keeps its sync token
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-sync"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "ud-sync-token.h"
#include "ud-json.h"

/* Tokens are 64 hex digits today; anything printable is accepted, within
 * reason, so that a server issuing other tokens does not need a new client. */
#define MAX_TOKEN_LENGTH 512
/* A token and a line or two around it. */
#define TOKEN_FILE_MAX_SIZE 4096

G_DEFINE_QUARK (ud-sync-token-error-quark, ud_sync_token_error)

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    UD_SYNC_TOKEN_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static gboolean
check_token (const char  *token,
             GError     **error)
{
  gsize length = strlen (token);

  if (length == 0)
    {
      g_set_error_literal (error, UD_SYNC_TOKEN_ERROR, UD_SYNC_TOKEN_ERROR_INVALID,
                           _("Sync token: must not be empty."));
      return FALSE;
    }

  if (length > MAX_TOKEN_LENGTH)
    {
      g_set_error (error, UD_SYNC_TOKEN_ERROR, UD_SYNC_TOKEN_ERROR_INVALID,
                   _("Sync token: is longer than %u characters; copy only the token the city union gave you."),
                   (guint) MAX_TOKEN_LENGTH);
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    if (token[i] <= ' ' || token[i] > '~')
      {
        g_set_error_literal (error, UD_SYNC_TOKEN_ERROR, UD_SYNC_TOKEN_ERROR_INVALID,
                             _("Sync token: may hold only letters, digits and punctuation, without spaces; copy only the token the city union gave you."));
        return FALSE;
      }

  return TRUE;
}

/* The first line of @contents without surrounding blanks. */
static char *
first_line (const char *contents)
{
  const char *end = strchr (contents, '\n');
  char *line = end != NULL ? g_strndup (contents, (gsize) (end - contents)) : g_strdup (contents);

  return g_strstrip (line);
}

char *
ud_sync_token_fallback_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "uniondesk", "sync-token", NULL);
}

static gboolean
write_fallback (const char  *token,
                GError     **error)
{
  g_autofree char *path = ud_sync_token_fallback_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = g_strconcat (token, "\n", NULL);
  g_autoptr(GError) local_error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, UD_SYNC_TOKEN_ERROR, UD_SYNC_TOKEN_ERROR_FILE,
                   _("Could not create the folder “%s” for the sync token: %s."),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* Written to a new file that is renamed over the old one, so the token
   * is never readable by others, not even for a moment. */
  if (!g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, UD_SYNC_TOKEN_ERROR, UD_SYNC_TOKEN_ERROR_FILE,
                   _("Could not save the sync token in “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* A keyring that is there but refused (the person cancelled the unlock
 * prompt) is not a missing keyring: the token must not silently go to a
 * file then. */
static gboolean
keyring_missing (const GError *error)
{
  return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

gboolean
ud_sync_token_save (const char  *server_url,
                    const char  *token,
                    char       **notice,
                    GError     **error)
{
  g_autoptr(GError) keyring_error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (server_url != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (notice != NULL)
    *notice = NULL;

  if (!check_token (token, error))
    return FALSE;

  /* TRANSLATORS: the name of the keyring entry; %s is the server address */
  label = g_strdup_printf (_("UnionDesk sync token for %s"), server_url);
  if (secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                                  NULL, &keyring_error, "server", server_url, NULL))
    {
      /* A token left in the file from a time without keyring would be
       * read by nobody, but it is still a secret lying on the disk. */
      path = ud_sync_token_fallback_path ();
      if (g_unlink (path) != 0 && errno != ENOENT)
        g_debug ("Could not remove the old token file %s: %s", path, g_strerror (errno));
      return TRUE;
    }

  if (!keyring_missing (keyring_error))
    {
      g_propagate_error (error, g_steal_pointer (&keyring_error));
      return FALSE;
    }

  g_debug ("No keyring for the sync token: %s", keyring_error->message);
  if (!write_fallback (token, error))
    return FALSE;

  path = ud_sync_token_fallback_path ();
  if (notice != NULL)
    *notice = g_strdup_printf (_("No keyring is running on this computer, so the sync token was saved in the file “%s”, which only this account can read."),
                               path);

  return TRUE;
}

char *
ud_sync_token_read_file (const char  *path,
                         GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A regular file of a token's size, never a pipe that blocks. */
  if (!ud_file_read_regular (path, TOKEN_FILE_MAX_SIZE, &contents, NULL, &local_error))
    {
      g_set_error (error, UD_SYNC_TOKEN_ERROR, UD_SYNC_TOKEN_ERROR_FILE,
                   _("Could not read the sync token: %s."), local_error->message);
      return NULL;
    }

  /* The token lets anyone push records as this office: one that other
   * users of the computer can read is not used, and the office is told
   * how to make it private. */
  if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
    {
      g_set_error (error, UD_SYNC_TOKEN_ERROR, UD_SYNC_TOKEN_ERROR_FILE,
                   _("The sync token file “%s” can be read by other users of this computer (mode %04o), so it was not used. Make it private with “chmod 600 %s”, and ask the city union for a new token if someone else may have read it."),
                   path, (guint) (st.st_mode & 0777), path);
      return NULL;
    }

  token = first_line (contents);
  if (!check_token (token, &local_error))
    {
      g_set_error (error, UD_SYNC_TOKEN_ERROR, UD_SYNC_TOKEN_ERROR_INVALID,
                   "%s: %s", path, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&token);
}

char *
ud_sync_token_load (const char  *server_url,
                    GError     **error)
{
  g_autoptr(GError) keyring_error = NULL;
  g_autofree char *path = NULL;
  char *secret;

  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  secret = secret_password_lookup_sync (token_schema (), NULL, &keyring_error, "server", server_url, NULL);
  if (secret != NULL)
    {
      char *token = g_strdup (secret);

      secret_password_free (secret);
      return token;
    }

  if (keyring_error != NULL && !keyring_missing (keyring_error))
    {
      g_propagate_error (error, g_steal_pointer (&keyring_error));
      return NULL;
    }

  path = ud_sync_token_fallback_path ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  return ud_sync_token_read_file (path, error);
}

gboolean
ud_sync_token_forget (const char  *server_url,
                      GError     **error)
{
  g_autoptr(GError) keyring_error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (server_url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!secret_password_clear_sync (token_schema (), NULL, &keyring_error, "server", server_url, NULL) &&
      keyring_error != NULL)
    {
      if (!keyring_missing (keyring_error))
        {
          g_propagate_error (error, g_steal_pointer (&keyring_error));
          return FALSE;
        }
      g_debug ("No keyring to remove the sync token from: %s", keyring_error->message);
    }

  path = ud_sync_token_fallback_path ();
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, UD_SYNC_TOKEN_ERROR, UD_SYNC_TOKEN_ERROR_FILE,
                   _("Could not remove the sync token file “%s”: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}
