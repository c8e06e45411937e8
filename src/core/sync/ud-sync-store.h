/* ud-sync-store.h — what the office database knows about syncing
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-database.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* For the header bar and the Sync page. */
typedef struct
{
  char   *server_url;       /* the server last synced with, or "" */
  char   *client_uuid;      /* this office's id towards the server, or NULL before the first sync */
  gint64  cursor;           /* the server seq pulled up to */
  char   *last_success_at;  /* UTC ISO 8601 of the last complete sync, or NULL */
  char   *last_attempt_at;  /* UTC ISO 8601 of the last attempt, or NULL */
  char   *last_error;       /* why the last attempt failed, or NULL when it succeeded */
  gint64  pending;          /* local changes waiting to be pushed (kinds this version does not sync yet included) */
  gint64  open_conflicts;   /* conflicts waiting for a person */
  gint64  flags;            /* duplicate-aid flags from the city */
} UdSyncStatus;

UdSyncStatus *ud_sync_status_load         (UdDatabase     *db,
                                           GError        **error);
void          ud_sync_status_free         (UdSyncStatus   *status);

/* Each connection has its own clock.  After a sync ran on another
 * connection to the same database (the app syncs on one of its own), this
 * lets @db's clock follow the stamps that sync pulled, so that edits made
 * through @db sort after them. */
gboolean      ud_sync_follow_clock        (UdDatabase     *db,
                                           GError        **error);

typedef enum
{
  UD_SYNC_CONFLICT_EDITED,    /* the record was changed in two places at once */
  UD_SYNC_CONFLICT_REJECTED,  /* a pulled version could not be stored here */
} UdSyncConflictReason;

typedef enum
{
  UD_SYNC_KEEP_WINNER,  /* the version the record holds now */
  UD_SYNC_KEEP_LOSER,   /* the version set aside */
} UdSyncChoice;

/* Two versions of one record.  The winner is what the record holds now
 * (the later version stamp won, as on the server); the loser was set
 * aside.  Nothing is lost until a person chooses. */
typedef struct
{
  gint64                id;
  UdSyncConflictReason  reason;
  const UdKind         *kind;
  char                 *uuid;          /* the local record */
  UdRecord             *winner;        /* with hlc and deleted; NULL when the record has no version here */
  UdRecord             *loser;
  gboolean              winner_here;   /* the version was made in this office */
  gboolean              loser_here;
  char                 *detected_at;   /* UTC ISO 8601 */
  char                 *resolved_at;   /* NULL while open */
  char                 *resolved_by;
  gboolean              kept_loser;    /* when resolved: which version was kept */
  gboolean              merged;        /* when resolved: combined field by field */
} UdSyncConflict;

void          ud_sync_conflict_free        (UdSyncConflict *conflict);

/* Open conflicts first, oldest first; resolved ones too when asked. */
GPtrArray    *ud_sync_conflicts_list       (UdDatabase     *db,
                                            gboolean        include_resolved,
                                            GError        **error);
gint64        ud_sync_conflicts_count_open (UdDatabase     *db);
/* A person keeps one version: it becomes a new local change (a new
 * version stamp, the outbox, the audit log), pushed at the next sync, and
 * the conflict is closed.  Keeping the winner when the record already
 * holds it only closes the conflict.  Needs the kind's edit permission. */
gboolean      ud_sync_conflict_resolve     (UdDatabase     *db,
                                            gint64          id,
                                            UdSyncChoice    choice,
                                            GError        **error);
/* The synced fields the two versions differ in (UdField), in the kind's
 * order: what a person chooses between, field by field. */
GPtrArray    *ud_sync_conflict_differences (const UdSyncConflict *conflict);
/* Or a person takes each differing field from either version: the fields
 * named in @from_loser (NULL-terminated) from the one set aside, the
 * others from the one the record holds.  The combination is checked like
 * any record and saved the same way, as a new version that syncs. */
gboolean      ud_sync_conflict_merge       (UdDatabase     *db,
                                            gint64          id,
                                            const char * const *from_loser,
                                            GError        **error);

/* A version refused by the checks every record that arrives goes through
 * (ud-received.h), and why. */
typedef struct
{
  gboolean      by_server;   /* one of this office's changes, refused by the city server;
                              * else a pulled version this office refused */
  const UdKind *kind;        /* NULL for a kind this version does not know */
  char         *kind_name;
  char         *uuid;
  char         *hlc;
  char         *title;       /* what the record is: its kind's title fields as they
                              * read (masked), "" when unknown; never its uuid */
  char         *reason;      /* the sentence: the record, the field and the rule */
  char         *refused_at;  /* UTC ISO 8601 */
} UdSyncRefusal;

void          ud_sync_refusal_free         (UdSyncRefusal  *refusal);
/* The refusals noted at or after @since (UTC ISO 8601; NULL: all),
 * newest first, at most @limit. */
GPtrArray    *ud_sync_refusals_list        (UdDatabase     *db,
                                            const char     *since,
                                            guint           limit,
                                            GError        **error);

/* The recent syncs, newest first. */
typedef struct
{
  char   *started_at;
  char   *finished_at;
  char   *server_url;
  guint   pushed;
  guint   pulled;
  guint   conflicts;
  guint   refused;      /* records refused: pulled ones that broke a rule here,
                         * and this office's changes the city server refused */
  char   *error;        /* NULL when the sync succeeded */
} UdSyncLogEntry;

void          ud_sync_log_entry_free       (UdSyncLogEntry *entry);
GPtrArray    *ud_sync_log_list             (UdDatabase     *db,
                                            guint           limit,
                                            GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdSyncStatus, ud_sync_status_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdSyncConflict, ud_sync_conflict_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdSyncLogEntry, ud_sync_log_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdSyncRefusal, ud_sync_refusal_free)

G_END_DECLS
