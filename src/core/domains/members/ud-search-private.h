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
#include "ud-search.h"

G_BEGIN_DECLS

/* Within a transaction: (re)indexes one member for search. */
gboolean _ud_search_index_member  (UdDatabase  *db,
                                   gint64       member_id,
                                   const char  *name,
                                   const char  *pinyin,
                                   const char  *initials,
                                   const char  *id_number,
                                   const char  *card_number,
                                   const char  *phone,
                                   gboolean     replace,
                                   GError     **error);
gboolean _ud_search_remove_member (UdDatabase  *db,
                                   gint64       member_id,
                                   GError     **error);

/* An SQL condition on the member row id t.id for one word of a search
 * (the member's own text through the indexes, or its unit's name): the
 * member kind's search hook, for the generic lists. */
void     _ud_search_word_sql      (const char  *word,
                                   GString     *sql,
                                   GPtrArray   *values);

/* Row ids of the members of @kind that match @query, in order: the whole
 * roll kept in memory in one sort order and walked with the hits of the
 * indexes (ud_member_store_query()). */
GArray  *_ud_search_members       (UdDatabase          *db,
                                   const UdKind        *kind,
                                   const UdMemberQuery *query,
                                   GCancellable        *cancellable,
                                   GError             **error);

G_END_DECLS
