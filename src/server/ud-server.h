/* ud-server.h — the HTTP side of the sync server: listening, routing, workers
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define UD_SERVER_ERROR (ud_server_error_quark ())

typedef enum
{
  UD_SERVER_ERROR_ADDRESS,       /* --listen is not HOST:PORT or does not resolve */
  UD_SERVER_ERROR_NOT_LOOPBACK,  /* plain HTTP asked for on a public address */
  UD_SERVER_ERROR_LISTEN,        /* the port is taken, permission denied … */
  UD_SERVER_ERROR_BAD_REQUEST,   /* a bad query parameter */
} UdServerError;

#define UD_SERVER_DEFAULT_WORKERS 8
/* How long a graceful stop waits for the requests in flight. */
#define UD_SERVER_DEFAULT_STOP_TIMEOUT 30

#define UD_TYPE_SERVER (ud_server_get_type ())

G_DECLARE_FINAL_TYPE (UdServer, ud_server, UD, SERVER, GObject)

GQuark     ud_server_error_quark  (void);

UdServer  *ud_server_new          (const char       *conninfo,
                                   guint             n_workers,
                                   GTlsCertificate  *certificate,
                                   GError          **error);
gboolean   ud_server_listen       (UdServer         *self,
                                   const char       *host_port,
                                   GError          **error);
GSList    *ud_server_get_uris     (UdServer         *self);
gboolean   ud_server_stop         (UdServer         *self,
                                   guint             timeout_seconds);
void       ud_server_shutdown     (UdServer         *self);

G_END_DECLS
