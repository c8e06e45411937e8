/* ud-server-snapshot.h — a district's records as one compressed SQLite file
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

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

G_END_DECLS
