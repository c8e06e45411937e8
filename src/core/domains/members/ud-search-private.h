/* ud-search-private.h — the member search index (private to storage)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-database.h"

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

G_END_DECLS
