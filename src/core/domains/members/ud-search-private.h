/* ud-search-private.h — the member search index (private to the members domain)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-database.h"
#include "ud-kind.h"
#include "ud-record.h"
#include "ud-search.h"

G_BEGIN_DECLS

/* ---- writing (ud-search-index.c) ---- */

/* Within a transaction: brings the index of one member from @before (what
 * was indexed: NULL for a new member or one that was deleted) to @after
 * (NULL when the member is deleted).  Only the terms that differ are
 * written. */
gboolean _ud_search_index_member (UdDatabase      *db,
                                  gint64           member_id,
                                  const UdRecord  *before,
                                  const UdRecord  *after,
                                  GError         **error);

/* Bulk writing, for an import, a pulled page or a generated roll: between
 * begin and end the changes of _ud_search_index_member() are collected in
 * memory and written term by term, once, at the end (and on the way when
 * the collection grows large).  Searches within the transaction see them
 * only after the end.  abort forgets what was collected (the caller rolls
 * back). */
void     _ud_search_bulk_begin   (UdDatabase      *db);
gboolean _ud_search_bulk_end     (UdDatabase      *db,
                                  GError         **error);
void     _ud_search_bulk_abort   (UdDatabase      *db);
/* Whether changes are being collected. */
gboolean _ud_search_bulk_active  (UdDatabase      *db);

/* Within a transaction: indexes every live member anew (after the
 * migration that created the index, after a big batch, to repair it),
 * ends a deferral and clears search_rebuild in meta. */
gboolean _ud_search_rebuild      (UdDatabase      *db,
                                  GCancellable    *cancellable,
                                  GError         **error);

/* Within a transaction: from now on _ud_search_index_member() does
 * nothing, and the index is built anew by _ud_search_rebuild() when the
 * writing is done — for a batch as big as the roll, or a district's
 * snapshot.  search_rebuild in meta says so until then, so that an
 * interrupted program builds it when the database is next opened. */
gboolean _ud_search_defer        (UdDatabase      *db,
                                  GError         **error);
gboolean _ud_search_deferred     (UdDatabase      *db);
/* Forgets a deferral (after a rollback that took search_rebuild away). */
void     _ud_search_undefer      (UdDatabase      *db);

/* Within a transaction: the members added from now on (row ids from the
 * member table's last + 1, or from an earlier mark still there) are left
 * out of the postings — search_pending_from in meta says from where —
 * until _ud_search_fill() indexes them; _ud_search_index_member() passes
 * them by.  Searches find them meanwhile (_ud_search_pending_prepare()).
 * _ud_search_later_end() when the batch's writing is done or undone. */
gboolean _ud_search_later        (UdDatabase      *db,
                                  GError         **error);
void     _ud_search_later_end    (UdDatabase      *db);
/* Indexes up to @max_members (0: all) of the members past the mark, in a
 * transaction of its own that moves the mark on (or takes it away when
 * none is left); @left: how many are still past it. */
gboolean _ud_search_fill         (UdDatabase      *db,
                                  guint            max_members,
                                  guint64         *left,
                                  GCancellable    *cancellable,
                                  GError         **error);
/* Live members past the mark: not in the postings yet. */
gint64   _ud_search_pending_count (UdDatabase     *db);
/* Before a search's lookups: the terms of the members past the mark,
 * made in memory from their rows (kept while nothing committed
 * elsewhere — @data_version — and none of them was written here; only
 * for this search when @committed is FALSE, a writing transaction being
 * open), so that _ud_search_lookup() finds them as the postings will. */
gboolean _ud_search_pending_prepare (UdDatabase   *db,
                                     gint64        data_version,
                                     gboolean      committed,
                                     GCancellable *cancellable,
                                     GError      **error);
void     _ud_search_pending_forget (UdDatabase    *db);

/* ---- the terms a query looks up (ud-search-index.c) ---- */

typedef enum
{
  UD_SEARCH_FIELD_NAME = 1,      /* characters of the folded name */
  UD_SEARCH_FIELD_INITIALS = 2,  /* letters of the pinyin initials */
  UD_SEARCH_FIELD_PINYIN = 3,    /* syllables of the full pinyin */
  UD_SEARCH_FIELD_DIGITS = 4,    /* slots of the ID, phone and card numbers */
} UdSearchField;

/* Where a gram of a name, its initials or its pinyin sits. */
typedef enum
{
  UD_SEARCH_AT_START = 1 << 0,
  UD_SEARCH_AT_END = 1 << 1,
} UdSearchPlace;

/* The numbers whose digits are indexed, and their longest length. */
typedef enum
{
  UD_SEARCH_NUMBER_ID = 1,
  UD_SEARCH_NUMBER_PHONE = 2,
  UD_SEARCH_NUMBER_CARD = 3,
} UdSearchNumber;

#define UD_SEARCH_DIGIT_SLOT  4   /* digits in one slot */
#define UD_SEARCH_DIGIT_PAD  11   /* the code of a position past the end */
#define UD_SEARCH_DIGIT_ANY  (-1) /* a position a lookup leaves open */

gint64   _ud_search_gram_term     (UdSearchField    field,
                                   guint            place,
                                   guint32          first,
                                   guint32          second);
/* @codes: UD_SEARCH_DIGIT_SLOT digit codes (0–9, 10 for x, the pad), the
 * last may be UD_SEARCH_DIGIT_ANY; the term range to look up. */
void     _ud_search_digit_terms   (UdSearchNumber   number,
                                   guint            slot,
                                   const int       *codes,
                                   gint64          *lo,
                                   gint64          *hi);
int      _ud_search_digit_code    (char             c);

/* For arrays of gint64: the order, and sorting without repeats. */
int      _ud_search_compare_int64 (gconstpointer   a,
                                   gconstpointer   b);
void     _ud_search_sort_unique   (GArray         *values);

/* Adds the ids of every member indexed under a term in [lo, hi] to @ids
 * (each term's ids in order, the terms one after the other), then those
 * of the members past the mark (_ud_search_pending_prepare()), which are
 * above every id of the postings: for a single term, still in order. */
gboolean _ud_search_lookup        (UdDatabase      *db,
                                   gint64           lo,
                                   gint64           hi,
                                   GArray          *ids,
                                   GError         **error);

/* ---- reading (ud-search.c) ---- */

/* Row ids of the members of @kind that match @query, ranked and in
 * order: ud_member_store_query(). */
GArray  *_ud_search_members       (UdDatabase          *db,
                                   const UdKind        *kind,
                                   const UdMemberQuery *query,
                                   GCancellable        *cancellable,
                                   GError             **error);
/* The member kind's query hook (UdKindHooks.query): a list query of
 * ud_record_store_query() answered by _ud_search_members() — its search
 * text, the filters on status, employment, title (a value, or any title)
 * and unit, its sort field and limit. */
GArray  *_ud_search_query         (UdDatabase                  *db,
                                   const struct _UdRecordQuery *query,
                                   gboolean                    *answered,
                                   GCancellable                *cancellable,
                                   GError                     **error);
/* Reads what the first search needs: ud_member_store_warm(). */
gboolean _ud_search_warm          (UdDatabase          *db,
                                   const UdKind        *kind,
                                   GCancellable        *cancellable,
                                   GError             **error);

/* What the search keeps in memory of a member is no longer sure: called
 * for each member written through this connection (before the
 * transaction ends, which may roll it back), and for all of them when
 * the index is deferred or built anew. */
void     _ud_search_forget_member (UdDatabase          *db,
                                   gint64               member_id);
void     _ud_search_forget_all    (UdDatabase          *db);

/* An SQL condition on the member row id t.id for one word of a generic
 * list's search: the member kind's search hook. */
void     _ud_search_word_sql      (const char          *word,
                                   GString             *sql,
                                   GPtrArray           *values);

G_END_DECLS
