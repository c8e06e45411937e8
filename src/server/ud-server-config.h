/* ud-server-config.h — the server's configuration file
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UD_SERVER_CONFIG_ERROR (ud_server_config_error_quark ())

typedef enum
{
  UD_SERVER_CONFIG_ERROR_READ,     /* missing (when asked for by name) or unreadable */
  UD_SERVER_CONFIG_ERROR_SYNTAX,   /* not a key file */
  UD_SERVER_CONFIG_ERROR_INVALID,  /* an unknown group or key, a bad value */
} UdServerConfigError;

/* Where the package puts it: /etc/uniondesk/server.conf. */
#define UD_SERVER_CONFIG_DEFAULT_PATH SYSCONFDIR "/uniondesk/server.conf"

/* The settings of the [server] group; NULL (0 for workers, -1 for
 * stop_timeout) where the file says nothing. */
typedef struct
{
  char *path;       /* the file read, NULL when there was none */
  char *database;   /* libpq connection string */
  char *listen;     /* HOST:PORT */
  char *tls_cert;   /* absolute paths */
  char *tls_key;
  int   workers;
  int   stop_timeout; /* seconds a stop waits for the requests in flight */
} UdServerConfig;

GQuark          ud_server_config_error_quark (void);

UdServerConfig *ud_server_config_load        (const char  *path,
                                              gboolean     required,
                                              GError     **error);
void            ud_server_config_free        (UdServerConfig *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdServerConfig, ud_server_config_free)

G_END_DECLS
