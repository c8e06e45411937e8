/* ud-record-store.h — records of any kind, stored as their kind describes
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-database.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* The one store of every kind of record (ud-kind.h).  Its SQL is built
 * from the kind's fields, once, and prepared in the database's statement
 * cache.  Each record has the common columns uuid, district, hlc,
 * deleted, updated_at and updated_by; a deletion is a tombstone (deleted
 * = 1) that syncs like any change.  Every write is one transaction with
 * its sync outbox entry and its audit entries: the whole record when it
 * is created, old → new for each field that changed.
 *
 * Reading needs the kind's view permission, saving its edit permission,
 * deleting and restoring its delete permission.  A kind with a workflow
 * changes state only through ud-workflow.h.
 *
 * Errors are UD_DATABASE_ERROR: NOT_FOUND, INVALID (the message names the
 * field), or what SQLite said, in words. */

/* By row id or uuid, deleted records included (record->deleted). */
UdRecord   *ud_record_store_get         (UdDatabase     *db,
                                         const UdKind   *kind,
                                         gint64          id,
                                         GError        **error);
UdRecord   *ud_record_store_get_by_uuid (UdDatabase     *db,
                                         const UdKind   *kind,
                                         const char     *uuid,
                                         GError        **error);
/* The record whose natural key @field holds @value (live ones first), or
 * NULL without an error when there is none. */
UdRecord   *ud_record_store_find        (UdDatabase     *db,
                                         const UdKind   *kind,
                                         const char     *field,
                                         const char     *value,
                                         GError        **error);
/* Records by row id, in the order given; ids that do not exist are
 * skipped.  What a list loads for the rows on screen. */
GPtrArray  *ud_record_store_load        (UdDatabase     *db,
                                         const UdKind   *kind,
                                         const gint64   *ids,
                                         guint           n_ids,
                                         GError        **error);

/* ---- lists ---- */

typedef enum
{
  UD_RECORD_FILTER_EQUALS,     /* the field holds @value (a choice code, a referred record's id or key) */
  UD_RECORD_FILTER_NOT_EMPTY,  /* the field holds something */
  UD_RECORD_FILTER_EMPTY,
  UD_RECORD_FILTER_FROM,       /* the field holds @value or more (a date, a number): a period's start */
  UD_RECORD_FILTER_UNTIL,      /* the field holds something up to @value: a period's end */
} UdRecordFilterOp;

typedef struct
{
  const char       *field;     /* a UD_FIELD_FILTER (or sortable) field */
  UdRecordFilterOp  op;
  const char       *value;
} UdRecordFilter;

/* Where a page of a list ended: the next page starts after it. */
typedef struct _UdRecordCursor UdRecordCursor;

void        ud_record_cursor_free       (UdRecordCursor *cursor);

typedef struct _UdRecordQuery
{
  const UdKind         *kind;
  const char           *text;        /* search text or NULL: every word must match */
  const UdRecordFilter *filters;
  guint                 n_filters;
  const char           *sort_field;  /* a UD_FIELD_SORTABLE field; NULL: the kind's order */
  gboolean              descending;
  const UdRecordCursor *after;       /* NULL: from the first record */
  guint                 limit;       /* records in a page; 0: all of them */
} UdRecordQuery;

/* A big import commits its records before the kinds' own indexes hold
 * them (the member search: UD_KIND_BULK_LATER); this indexes up to
 * @max_records of them (0: all), in a transaction of its own, and tells
 * in @left (may be NULL) how many are still waiting.  Searches find the
 * waiting records meanwhile, ranked as they will be; a program that
 * stops before the end leaves the rest to the next fill.  The command
 * line runs it to the end before it exits (and on opening a database
 * an earlier run left waiting); the application runs it on its database
 * worker, a slice at a time.  Needs no permission: it writes nothing a
 * person could not see already. */
gboolean    ud_record_store_fill_indexes (UdDatabase         *db,
                                         guint               max_records,
                                         guint64            *left,
                                         GCancellable       *cancellable,
                                         GError            **error);

/* Row ids of the live records that match, in order, one page at a time
 * (keyset paging: a page starts after the last sort value and id of the
 * one before, never at an offset).  *@next is the cursor of the next
 * page, or NULL after the last one.  Sorting, filters and search are
 * done in SQL, or by the kind itself where it keeps an order and an
 * index of its own (UdKindHooks.query: the member roll's search, ranked
 * by how well a member matches).  Cancellable while SQLite works. */
GArray     *ud_record_store_query       (UdDatabase          *db,
                                         const UdRecordQuery *query,
                                         UdRecordCursor     **next,
                                         GCancellable        *cancellable,
                                         GError             **error);
/* How many live records match (cursor and limit ignored); -1 on error. */
gint64      ud_record_store_count       (UdDatabase          *db,
                                         const UdRecordQuery *query,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* The records a query matches, loaded, in its order (cursor and limit
 * as the query says): a whole short list at once. */
GPtrArray  *ud_record_store_list        (UdDatabase          *db,
                                         const UdRecordQuery *query,
                                         GError             **error);

/* ---- changes ---- */

/* The one check of a record before it is stored, typed or pulled from
 * the city server: ud_record_check() (each field, the kind's checks
 * across fields, its derived fields), then what needs the database — no
 * other live record holds one of its natural keys.  Normalises @record in
 * place; problems go to @issues (may be NULL); FALSE on an error. */
gboolean    ud_record_store_validate    (UdDatabase     *db,
                                         UdRecord       *record,
                                         GPtrArray      *issues);
/* Validates and saves in one transaction with its outbox and audit
 * entries: a new record when record->id is 0, else over the stored one.
 * A new record whose natural key a deleted record holds brings that one
 * back instead.  On success @record holds what was stored (id, uuid,
 * hlc …).  On invalid input FALSE with UD_DATABASE_ERROR_INVALID naming
 * the first problem, every problem in @issues, nothing written.  Not for
 * UD_KIND_APPEND_ONLY kinds, nor for kinds with a workflow: their domain
 * saves them (ud_illness_store_save()), filling in what its rules and
 * workflow decide, with _ud_record_store_write(). */
gboolean    ud_record_store_save        (UdDatabase     *db,
                                         UdRecord       *record,
                                         GPtrArray      *issues,
                                         GError        **error);
/* Tombstones the record (synced as a deletion) or brings it back.  A
 * record with a workflow only in its deletable states (a draft). */
gboolean    ud_record_store_delete      (UdDatabase     *db,
                                         const UdKind   *kind,
                                         gint64          id,
                                         GError        **error);
gboolean    ud_record_store_undelete    (UdDatabase     *db,
                                         const UdKind   *kind,
                                         gint64          id,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdRecordCursor, ud_record_cursor_free)

G_END_DECLS
