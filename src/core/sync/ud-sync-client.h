/* ud-sync-client.h — syncing the office database with the city server
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-database.h"
#include "ud-sync-run.h"

G_BEGIN_DECLS

typedef enum
{
  UD_SYNC_PHASE_CONNECT,  /* asking the server who it is */
  UD_SYNC_PHASE_PUSH,     /* done/total: changes sent of those waiting */
  UD_SYNC_PHASE_PULL,     /* done: changes received; total 0, unknown */
  UD_SYNC_PHASE_WAIT,     /* done: attempt that failed; total: milliseconds until the next */
  UD_SYNC_PHASE_DONE,
} UdSyncPhase;

#define UD_TYPE_SYNC_CLIENT (ud_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (UdSyncClient, ud_sync_client, UD, SYNC_CLIENT, GObject)


/* Milliseconds to wait before retry number @attempt (1, 2, …): @base_ms
 * doubled for each earlier retry, at most @max_ms.  The app's timer uses
 * it after failed syncs, e.g. (failures, 60000, interval). */
guint         ud_sync_backoff_delay           (guint         attempt,
                                               guint         base_ms,
                                               guint         max_ms);

/* Checks a server address as typed in the preferences: http or https
 * with a host, plain http only to this computer (127.0.0.1, ::1,
 * localhost).  Returns the address without a trailing slash and without
 * query or fragment. */
char         *ud_sync_normalize_server_url    (const char   *url,
                                               GError      **error);

/* A client for @db.  Run it in the thread that uses @db (the app gives it
 * a connection of its own, as import does), never on the main loop. */
UdSyncClient *ud_sync_client_new              (UdDatabase   *db,
                                               const char   *server_url,
                                               const char   *token);
UdDatabase   *ud_sync_client_get_database     (UdSyncClient *self);
const char   *ud_sync_client_get_server_url   (UdSyncClient *self);
void          ud_sync_client_set_server_url   (UdSyncClient *self,
                                               const char   *server_url);
void          ud_sync_client_set_token        (UdSyncClient *self,
                                               const char   *token);
/* A PEM file of the private certificate authority that signed the
 * server's certificate, instead of the system's; NULL for the system's. */
const char   *ud_sync_client_get_ca_file      (UdSyncClient *self);
void          ud_sync_client_set_ca_file      (UdSyncClient *self,
                                               const char   *ca_file);
/* How often a request is tried before the run fails (default 4), and
 * the wait before the first retry, doubled for each further one (default
 * 1000 ms). */
void          ud_sync_client_set_retry_policy (UdSyncClient *self,
                                               guint         max_attempts,
                                               guint         first_delay_ms);
/* Changes asked for in one pull page (default and most: 5000). */
void          ud_sync_client_set_page_size    (UdSyncClient *self,
                                               guint         page_size);
void          ud_sync_client_set_use_snapshot (UdSyncClient *self,
                                               gboolean      use_snapshot);
/* Seconds a request may go without progress (default 60). */
void          ud_sync_client_set_timeout      (UdSyncClient *self,
                                               guint         seconds);

/* One sync: pushes the outbox in batches of at most UD_SYNC_MAX_BATCH,
 * then pulls page by page, each page committed with its cursor.  Failed
 * requests are retried with back-off; a batch whose answer was lost is
 * sent again as it was, so that nothing is applied twice.  Emits
 * "progress" in the calling thread.  Blocks: run it in a thread.  The
 * outcome is also written to the sync log and the sync state. */
gboolean      ud_sync_client_run              (UdSyncClient  *self,
                                               UdSyncSummary *summary,
                                               GCancellable  *cancellable,
                                               GError       **error);

G_END_DECLS
