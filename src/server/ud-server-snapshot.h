/* ud-server-snapshot.h — a district's records as one compressed SQLite file
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

#include "ud-server-db.h"

G_BEGIN_DECLS

#define UD_SERVER_SNAPSHOT_FORMAT "uniondesk-snapshot"

/* The gzip-compressed SQLite snapshot of what @district's token may pull,
 * up to the sequence number put in @seq, with the SHA-256 of its bytes;
 * the one built last for the district while it is recent. */
GBytes *ud_server_snapshot_get (PGconn      *conn,
                                const char  *district,
                                gint64      *seq,
                                char       **sha256,
                                char       **timing,
                                GError     **error);

gboolean ud_server_snapshot_ahead_start (UdServerDbPool  *pool,
                                         GError         **error);
void     ud_server_snapshot_ahead_stop  (void);
void     ud_server_snapshot_pushed      (const char      *district);

G_END_DECLS
