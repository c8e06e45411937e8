/* ud-sync-run.h — what one sync run did, and how it may fail
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The client (ud-sync-client.h) runs a sync over the network; the store
 * (ud-sync-private.h) applies it to the database.  Both speak of it so. */

/* The sync protocol this client speaks (DESIGN.md §7). */
#define UD_SYNC_PROTOCOL 1

/* Changes in one push; the server takes at most 500. */
#define UD_SYNC_MAX_BATCH 500

#define UD_SYNC_ERROR (ud_sync_error_quark ())

typedef enum
{
  UD_SYNC_ERROR_NOT_CONFIGURED,  /* no server address or no token */
  UD_SYNC_ERROR_INVALID_URL,     /* not an http(s) address */
  UD_SYNC_ERROR_INSECURE,        /* plain HTTP to another computer */
  UD_SYNC_ERROR_UNREACHABLE,     /* no connection, no answer in time, connection cut */
  UD_SYNC_ERROR_CERTIFICATE,     /* the server's certificate is not trusted */
  UD_SYNC_ERROR_TOKEN_REFUSED,   /* 401: unknown or revoked token */
  UD_SYNC_ERROR_FORBIDDEN,       /* 403: a change this office may not make */
  UD_SYNC_ERROR_WRONG_DISTRICT,  /* the token belongs to another district */
  UD_SYNC_ERROR_SERVER_TOO_OLD,  /* no sync API there, or an older protocol */
  UD_SYNC_ERROR_CLIENT_TOO_OLD,  /* the server speaks a newer protocol only */
  UD_SYNC_ERROR_SERVER,          /* 5xx or another status the protocol does not use */
  UD_SYNC_ERROR_BAD_ANSWER,      /* an answer that is not what the protocol says */
  UD_SYNC_ERROR_REFUSED,         /* another 4xx: the server's sentence says why */
} UdSyncError;

GQuark        ud_sync_error_quark             (void);
/* Whether trying again later may succeed (no connection, a 5xx, a cut or
 * garbled answer) rather than needing a person (token, certificate,
 * address, versions). */
gboolean      ud_sync_error_is_transient      (const GError *error);

/* What one ud_sync_client_run() did. */
typedef struct
{
  guint   pushed;      /* local changes the server took */
  guint   pulled;      /* changes received (own pushes coming back included) */
  guint   applied;     /* of those, the ones that changed a record here */
  guint   conflicts;   /* conflicts newly listed for a person to resolve */
  guint   rejected;    /* pulled versions that could not be stored (listed too) */
  guint   refused;     /* pulled versions that failed the checks (ud-received.h), not stored */
  guint   refused_by_server; /* changes of this office the city server refused */
  guint   retries;     /* requests sent again after a transient failure */
  guint   skewed;      /* stamps from a clock too far ahead to follow */
  gint64  cursor;      /* the server seq pulled up to */
  gint64  duration_ms;
} UdSyncSummary;

G_END_DECLS
