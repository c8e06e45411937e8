/* ud-sync-private.h — the store's side of a sync run, for the client
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-record-store-private.h"
#include "ud-sync-json.h"
#include "ud-sync-run.h"

G_BEGIN_DECLS

/* How far ahead of this computer's clock a pulled version stamp may be
 * for the local clock to follow it.  An office whose clock is a few hours
 * wrong is followed, so that edits made here afterwards still win over
 * its versions; a stamp from years ahead is not (the record is stored all
 * the same), or every later local stamp would live in that future. */
#define UD_SYNC_MAX_DRIFT_MS (G_GINT64_CONSTANT (24) * 60 * 60 * 1000)

/* The sync state of one run, as read from and written to sync_state. */
typedef struct
{
  char   *client_uuid;
  char   *server_url;
  gint64  cursor;
  char   *pending_batch;   /* a pushed batch whose answer is not applied yet */
  char   *pending_body;    /* exactly the bytes that were sent */
  GPtrArray *sent;         /* what the pending batch holds, when known without reading it back */
  gint64  audit_limit;     /* the newest audit entry when the run began: the last one it sends */
  gint64  audit_alone_from; /* where the last batch of audit entries alone began; -1 */
} UdSyncRunState;

void      _ud_sync_run_state_clear       (UdSyncRunState  *state);

/* Reads the state, creating this office's client id on the first run.
 * Another server than last time starts pulling from the beginning, and a
 * batch meant for the old server is dropped (its changes stay in the
 * outbox). */
gboolean  _ud_sync_store_begin_run       (UdDatabase      *db,
                                          const char      *server_url,
                                          UdSyncRunState  *state,
                                          GError         **error);
/* Local changes that a push would send now. */
gint64    _ud_sync_store_count_pushable  (UdDatabase      *db);
/* Whether any record is stored here yet: a new office's first sync may
 * start from the server's snapshot. */
gboolean  _ud_sync_store_holds_records   (UdDatabase      *db);
/* Takes up to @max changes from the outbox, oldest records first, with
 * the office's audit entries the server's copy lacks, and stores them as
 * the pending batch before anything is sent.  *n_changes counts the
 * changes; nothing is stored (state->pending_body stays NULL) when there
 * is nothing to send. */
gboolean  _ud_sync_store_next_batch      (UdDatabase      *db,
                                          UdSyncRunState  *state,
                                          guint            max,
                                          guint           *n_changes,
                                          GError         **error);
/* Forgets the pending batch without applying an answer; its changes are
 * still in the outbox and go out in a new batch. */
gboolean  _ud_sync_store_drop_pending    (UdDatabase      *db,
                                          UdSyncRunState  *state,
                                          GError         **error);
/* Within the transaction that applies a push's answer: the newest entry
 * of this office's audit trail that the server's copy holds ("audit"),
 * from where the next push goes on. */
gboolean  _ud_sync_store_note_audit      (UdDatabase      *db,
                                          UdSyncJson      *answer,
                                          GError         **error);
/* In one transaction: the server's answer to the pending batch. */
gboolean  _ud_sync_store_apply_answer    (UdDatabase      *db,
                                          UdSyncRunState  *state,
                                          UdSyncJson      *answer,
                                          UdSyncSummary   *summary,
                                          GError         **error);
/* In one transaction, with the outbox off: one pull page and its cursor. */
gboolean  _ud_sync_store_apply_page      (UdDatabase      *db,
                                          UdSyncRunState  *state,
                                          UdSyncJson      *page,
                                          gboolean        *more,
                                          UdSyncSummary   *summary,
                                          GError         **error);
/* The pages of a first sync's snapshot (an SQLite file at @path), each
 * checked and applied as a pulled page, all in one transaction; the
 * cursor ends at the snapshot's sequence number.  On a failure nothing of
 * it stays. */
gboolean  _ud_sync_store_apply_snapshot  (UdDatabase      *db,
                                          UdSyncRunState  *state,
                                          const char      *path,
                                          UdSyncSummary   *summary,
                                          GError         **error);
/* A new office's first pull by pages: the search index is built once,
 * when the last page is in, rather than rewritten page by page.  Each in
 * a transaction of its own; search_rebuild in meta makes an interrupted
 * program build the index when the database is next opened. */
gboolean  _ud_sync_store_defer_search    (UdDatabase      *db,
                                          GError         **error);
gboolean  _ud_sync_store_build_search    (UdDatabase      *db,
                                          GError         **error);
/* Writes the outcome to sync_state and the sync log; @failure is NULL
 * when the run succeeded. */
gboolean  _ud_sync_store_end_run         (UdDatabase      *db,
                                          const char      *server_url,
                                          const char      *started_at,
                                          const UdSyncSummary *summary,
                                          const GError    *failure,
                                          GError         **error);

/* The kinds the client stores are the registered kinds (ud_kind_list(),
 * in push order); another kind is held as it comes (sync_held) until a
 * version of UnionDesk that knows it.  The kind named @name now, not
 * under a former name; NULL for a kind this version does not store. */
const UdKind *_ud_sync_find_kind            (const char       *name);

/* One change of the pending batch, as far as its answer needs it. */
typedef struct
{
  char *kind;
  char *uuid;
  char *hlc;
} UdSyncSent;

void        _ud_sync_sent_free              (UdSyncSent       *sent);
void        _ud_sync_sent_add               (GPtrArray        *sent,
                                             const char       *kind,
                                             const char       *uuid,
                                             const char       *hlc);

/* Within a transaction: notes a refused version and why (ud-sync-store.h,
 * UdSyncRefusal), and what it is: the title of @record — the version
 * refused here, or this office's record the server refused — or none
 * when @record is NULL. */
gboolean    _ud_sync_note_refusal           (UdDatabase       *db,
                                             gboolean          by_server,
                                             const char       *kind,
                                             const char       *uuid,
                                             const char       *hlc,
                                             const UdRecord   *record,
                                             const char       *reason,
                                             GError          **error);

/* UD_SYNC_ERROR_BAD_ANSWER, saying what was wrong. */
void        _ud_sync_set_bad_answer         (GError          **error,
                                             const char       *what);
/* The node part of an HLC: who made that version. */
const char *_ud_sync_hlc_node               (const char       *hlc);
/* This office's HLC node. */
char       *_ud_sync_office_node            (UdDatabase       *db);
/* A record of @kind from a version's parts; @data is the record's
 * contents object.  NULL with UD_SYNC_ERROR_BAD_ANSWER when it is not. */
UdRecord   *_ud_sync_record_from_parts      (const UdKind     *kind,
                                             const char       *uuid,
                                             const char       *district,
                                             const char       *hlc,
                                             gboolean          deleted,
                                             const UdSyncJsonValue *data,
                                             GError          **error);
/* Steps @stmt to its end and resets it; @what names the work for the
 * error message. */
gboolean    _ud_sync_step_done              (UdDatabase       *db,
                                             sqlite3_stmt     *stmt,
                                             const char       *what,
                                             GError          **error);
/* A text column of the first row of @sql with one or two text
 * parameters, or NULL. */
char       *_ud_sync_query_text             (UdDatabase       *db,
                                             const char       *sql,
                                             const char       *a,
                                             const char       *b);
/* The server's version of a record as this office last heard of it. */
char       *_ud_sync_base_get               (UdDatabase       *db,
                                             const char       *kind,
                                             const char       *uuid);
/* The stamp of @sk's record @uuid when it has an outbox entry (a local
 * change not yet sent or not yet answered: the entry names the record's
 * row, which holds the change), else NULL. */
char       *_ud_sync_outbox_pending         (UdDatabase       *db,
                                             const UdKind     *sk,
                                             const char       *uuid);
/* Within a transaction: removes the outbox entry of @sk's record @uuid,
 * when @hlc is not NULL only while its row holds @hlc or an earlier stamp
 * (a version the server has now; a later change here stays to be sent).
 * Nothing for a kind not stored here (@sk NULL). */
gboolean    _ud_sync_outbox_clear           (UdDatabase       *db,
                                             const UdKind     *sk,
                                             const char       *uuid,
                                             const char       *hlc,
                                             GError          **error);
/* Within a transaction: the pending batch, or none. */
gboolean    _ud_sync_set_pending            (UdDatabase       *db,
                                             const char       *batch,
                                             const char       *body,
                                             GError          **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UdSyncRunState, _ud_sync_run_state_clear)

G_END_DECLS
