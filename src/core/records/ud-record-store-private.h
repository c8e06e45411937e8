/* ud-record-store-private.h — what the domains, import, workflow and sync share with the store
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-record-store.h"

G_BEGIN_DECLS

/* updated_by of what the sync client writes for another office. */
#define _UD_SYNC_ACTOR "sync"
/* The version stamp of a record created because a pulled one names it by
 * key before its own version arrives (a member's unit): older than every
 * real version, so that the real one replaces it whenever it comes. */
#define _UD_OLDEST_HLC "000000000000-0000-0"
/* updated_by of a shipped default no one has changed yet. */
#define _UD_DEFAULT_ACTOR "default"

/* By row id or uuid, deleted records included, without a permission
 * check (the caller has made it); NULL without an error when there is
 * none. */
UdRecord  *_ud_record_store_read          (UdDatabase      *db,
                                           const UdKind    *kind,
                                           gint64           id,
                                           GError         **error);
UdRecord  *_ud_record_store_read_by_uuid  (UdDatabase      *db,
                                           const UdKind    *kind,
                                           const char      *uuid,
                                           GError         **error);
/* The version stamp of @kind's record @uuid, or NULL. */
char      *_ud_record_store_read_hlc      (UdDatabase      *db,
                                           const UdKind    *kind,
                                           const char      *uuid);

/* The stored record that holds one of @record's natural keys, live ones
 * first, another than @record itself; NULL without an error when there
 * is none: the same person or unit entered elsewhere. */
UdRecord  *_ud_record_store_find_twin     (UdDatabase      *db,
                                           const UdRecord  *record,
                                           GError         **error);
/* Appends an error to @issues for each natural key of @record that a live
 * record other than row @own_id holds.  FALSE when there is one. */
gboolean   _ud_record_store_check_keys    (UdDatabase      *db,
                                           const UdRecord  *record,
                                           gint64           own_id,
                                           const char      *skip_field,
                                           GPtrArray       *issues);

/* Within a transaction: writes @record, already checked, as a new record
 * (@existing NULL) or over @existing (the stored version, whose id and
 * uuid it takes), with a new version stamp, its references by key
 * resolved (a new unit made when the kind allows it), the kind's search
 * index, the outbox entry and the audit entries, each with @detail (a
 * workflow step, or NULL).  record->deleted is written as it is. */
gboolean   _ud_record_store_write         (UdDatabase      *db,
                                           UdRecord        *record,
                                           const UdRecord  *existing,
                                           const char      *detail,
                                           GError         **error);

/* _ud_record_store_write() without the audit entries: a batch writes one
 * entry for all its records (_ud_record_batch_end()). */
gboolean   _ud_record_store_write_batched (UdDatabase      *db,
                                           UdRecord        *record,
                                           const UdRecord  *existing,
                                           GError         **error);

/* Within a transaction: writes @record, already checked, as a new
 * shipped default that every office makes alike (the caller gives it
 * the same uuid everywhere, ud_uuid_v5_new()): no one's change, stamped
 * _UD_OLDEST_HLC, with no outbox entry and no audit entry, so an
 * office that never changes it pushes nothing and any real version that
 * arrives replaces it.  A change made here later is a normal version. */
gboolean   _ud_record_store_write_default (UdDatabase      *db,
                                           UdRecord        *record,
                                           GError         **error);

/* Within a transaction: stores @version — pulled from the city server,
 * or chosen by a person resolving a sync conflict — as it is: its hlc,
 * deleted mark, updated_at and updated_by are kept.  It is first checked
 * like a typed record (ud_record_store_validate(); a tombstone only field
 * by field): problems go to @issues and fail with
 * UD_DATABASE_ERROR_INVALID, nothing written.  Over @existing (the local
 * record; @version takes its id and uuid) or as a new record; a record
 * named by key that is not here yet is made as a stand-in
 * (_UD_OLDEST_HLC, no outbox entry).  The search index and the audit
 * log (sync_create, sync_update, sync_delete, sync_undelete, with the hlc
 * as detail) follow; the outbox does not: the caller decides.  An
 * append-only record that is here already stays as it is. */
gboolean   _ud_record_store_apply_remote  (UdDatabase      *db,
                                           UdRecord        *version,
                                           UdRecord        *existing,
                                           GPtrArray       *issues,
                                           GError         **error);
/* The same for a version that has just passed ud_record_check() as it
 * is (ud-received.h's check of every record that arrives, which runs it):
 * of a live version only what needs this office's records — its keys —
 * is checked again. */
gboolean   _ud_record_store_apply_checked (UdDatabase      *db,
                                           UdRecord        *version,
                                           UdRecord        *existing,
                                           GError         **error);
/* A live version that has just passed ud_record_check() written as a
 * new row, with no look-up of this office's records first: for the
 * snapshot of a first sync into an office that holds nothing, whose
 * caller has looked for its twins.  A duplicate uuid or unique key
 * fails with SQLite's constraint error and writes nothing; a record
 * named by key is made as a stand-in as in
 * _ud_record_store_apply_remote(), the search index follows, nothing is
 * audited. */
gboolean   _ud_record_store_insert_checked (UdDatabase     *db,
                                            UdRecord       *version,
                                            GError        **error);

/* The next serial number of @kind with @prefix ("困难-110118-2024-01-"):
 * @prefix followed by one more than the highest number any record of the
 * kind, deleted ones included, holds in @field after it, in @digits
 * digits ("…-0001").  Numbers are never reused.  Within the caller's
 * transaction. */
char      *_ud_record_store_next_serial   (UdDatabase      *db,
                                           const UdKind    *kind,
                                           const char      *field,
                                           const char      *prefix,
                                           guint            digits,
                                           GError         **error);

/* ---- many records at once (ud-record-batch.c) ---- */

/* Within a transaction: tells the kind's own index (its bulk hook) of a
 * step of a bulk write; @kind NULL: every registered kind. */
gboolean   _ud_record_store_bulk          (UdDatabase      *db,
                                           const UdKind    *kind,
                                           UdKindBulk       step,
                                           GError         **error);

/* Within a transaction: drops the sort indexes of @kind's table (not
 * those of its UNIQUE constraints; @kind NULL: of every kind), their
 * CREATE statements put in @indexes (and their names in @names, when not
 * NULL, for ud_database_defer_index()); and creates them again, sorted in
 * one pass each, after a batch of rows. */
gboolean   _ud_record_store_drop_indexes  (UdDatabase      *db,
                                           const UdKind    *kind,
                                           GPtrArray       *indexes,
                                           GPtrArray       *names,
                                           GError         **error);
gboolean   _ud_record_store_create_indexes (UdDatabase     *db,
                                            GPtrArray      *indexes,
                                            GError        **error);

/* Whether @kind's table holds any row, deleted ones included. */
gboolean   _ud_record_store_has_rows      (UdDatabase      *db,
                                           const UdKind    *kind);

/* Many records of one kind written in one transaction (an import, a
 * generated roll): each with its outbox entry; the kind's own index
 * written once at the end (or built anew, with the table's sort indexes,
 * when the batch is as big as the table it joins); and one audit entry
 * that lists the records the batch created and changed by row id ranges
 * ({"created":[[first,last],…],"changed":[…]}), which a record's history
 * finds.  The caller begins and commits (or rolls back) the transaction;
 * a batch freed without _ud_record_batch_end() writes nothing more.
 * With @index_later, a batch of REBUILD_INDEXES_MIN records or more
 * leaves the records it adds out of the kind's own index (when the kind
 * has UdKindHooks.fill: UD_KIND_BULK_LATER), for
 * ud_record_store_fill_indexes() to index after the commit. */
typedef struct _UdRecordBatch UdRecordBatch;

UdRecordBatch *_ud_record_batch_begin     (UdDatabase      *db,
                                           const UdKind    *kind,
                                           guint            expected,
                                           gboolean         index_later,
                                           GError         **error);
gboolean       _ud_record_batch_write     (UdRecordBatch   *batch,
                                           UdRecord        *record,
                                           const UdRecord  *existing,
                                           GError         **error);
gboolean       _ud_record_batch_end       (UdRecordBatch   *batch,
                                           const char      *action,
                                           const char      *detail,
                                           GError         **error);
void           _ud_record_batch_free      (UdRecordBatch   *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdRecordBatch, _ud_record_batch_free)

G_END_DECLS
