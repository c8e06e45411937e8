/* ud-server-config.c — the server's configuration file
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-server"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "ud-server-config.h"

/* A key file with one group:
 *
 *   [server]
 *   database=host=/run/postgresql dbname=uniondesk user=uniondesk
 *   listen=0.0.0.0:8443
 *   tls-cert=/etc/uniondesk/tls/server.crt
 *   tls-key=/etc/uniondesk/tls/server.key
 *   workers=8
 *   stop-timeout=30
 *
 * A key or group the server does not know is an error, not ignored: a
 * mistyped "tls-crt" must not quietly start a server without TLS. */

#define GROUP "server"

G_DEFINE_QUARK (ud-server-config-error-quark, ud_server_config_error)

void
ud_server_config_free (UdServerConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->path);
  g_free (config->database);
  g_free (config->listen);
  g_free (config->tls_cert);
  g_free (config->tls_key);
  g_free (config);
}

/* A text value; an empty one counts as not given. */
static char *
read_text (GKeyFile   *file,
           const char *key)
{
  g_autofree char *value = g_key_file_get_string (file, GROUP, key, NULL);

  if (value == NULL)
    return NULL;
  g_strstrip (value);
  if (*value == '\0')
    return NULL;

  return g_steal_pointer (&value);
}

/* A file name, made absolute against the configuration file's folder. */
static char *
read_path (GKeyFile   *file,
           const char *config_path,
           const char *key)
{
  g_autofree char *value = read_text (file, key);
  g_autofree char *folder = NULL;

  if (value == NULL || g_path_is_absolute (value))
    return g_steal_pointer (&value);

  folder = g_path_get_dirname (config_path);
  return g_build_filename (folder, value, NULL);
}

static gboolean
read_number (GKeyFile    *file,
             const char  *config_path,
             const char  *key,
             guint64      min,
             guint64      max,
             int         *value,
             GError     **error)
{
  g_autofree char *text = read_text (file, key);
  guint64 parsed;

  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, min, max, &parsed, NULL))
    {
      g_set_error (error, UD_SERVER_CONFIG_ERROR, UD_SERVER_CONFIG_ERROR_INVALID,
                   _("%s: “%s” must be a whole number from %d to %d, not “%s”."),
                   config_path, key, (int) min, (int) max, text);
      return FALSE;
    }

  *value = (int) parsed;
  return TRUE;
}

static gboolean
check_known (GKeyFile    *file,
             const char  *config_path,
             GError     **error)
{
  static const char * const known[] = {
    "database", "listen", "tls-cert", "tls-key", "workers", "stop-timeout", NULL
  };
  g_auto(GStrv) groups = g_key_file_get_groups (file, NULL);
  g_auto(GStrv) keys = NULL;
  guint i;

  for (i = 0; groups[i] != NULL; i++)
    {
      if (!g_str_equal (groups[i], GROUP))
        {
          g_set_error (error, UD_SERVER_CONFIG_ERROR, UD_SERVER_CONFIG_ERROR_INVALID,
                       _("%s: the server reads only the group [%s], not [%s]."),
                       config_path, GROUP, groups[i]);
          return FALSE;
        }
    }

  keys = g_key_file_get_keys (file, GROUP, NULL, NULL);
  for (i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (!g_strv_contains (known, keys[i]))
        {
          g_set_error (error, UD_SERVER_CONFIG_ERROR, UD_SERVER_CONFIG_ERROR_INVALID,
                       _("%s: unknown setting “%s” (known: database, listen, tls-cert, tls-key, workers, stop-timeout)."),
                       config_path, keys[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * ud_server_config_load:
 * @path: the configuration file
 * @required: whether a missing file is an error (it was named with
 *   --config) or means "nothing configured" (the default path)
 * @error: return location for a %UD_SERVER_CONFIG_ERROR
 *
 * Returns: (transfer full): the settings, all unset when the file is
 *   missing and not @required; %NULL on error
 */
UdServerConfig *
ud_server_config_load (const char  *path,
                       gboolean     required,
                       GError     **error)
{
  g_autoptr(UdServerConfig) config = g_new0 (UdServerConfig, 1);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  config->stop_timeout = -1;
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (!required && g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&config);

      g_set_error (error, UD_SERVER_CONFIG_ERROR, UD_SERVER_CONFIG_ERROR_READ,
                   _("Cannot read the configuration file: %s"), local_error->message);
      return NULL;
    }

  if (!g_key_file_load_from_data (file, contents, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, UD_SERVER_CONFIG_ERROR, UD_SERVER_CONFIG_ERROR_SYNTAX,
                   _("%s is not a valid configuration file: %s"), path, local_error->message);
      return NULL;
    }

  if (!check_known (file, path, error))
    return NULL;

  config->path = g_strdup (path);
  config->database = read_text (file, "database");
  config->listen = read_text (file, "listen");
  config->tls_cert = read_path (file, path, "tls-cert");
  config->tls_key = read_path (file, path, "tls-key");
  if (!read_number (file, path, "workers", 1, 256, &config->workers, error) ||
      !read_number (file, path, "stop-timeout", 0, 3600, &config->stop_timeout, error))
    return NULL;

  return g_steal_pointer (&config);
}
