/* ud-member-store-private.h — what the importer shares with the store
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-member-store.h"

G_BEGIN_DECLS

/* Unit names → ids, so that an import resolves each unit once. */
typedef struct _UdUnitCache UdUnitCache;

UdUnitCache *_ud_unit_cache_new        (void);
void         _ud_unit_cache_free       (UdUnitCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdUnitCache, _ud_unit_cache_free)

/* Normalises and checks the fields of @record on their own and together
 * (required fields, sex against the ID number), without the database. */
gboolean     _ud_member_validate_fields (UdRecord   *record,
                                         GPtrArray  *issues);

/* Within a transaction: writes @record (already validated) as a new
 * member, or over @existing (the stored version, same id), with search
 * index, outbox and audit entries. */
gboolean     _ud_member_store_write    (UdDatabase  *db,
                                        UdRecord    *record,
                                        UdRecord    *existing,
                                        UdUnitCache *units,
                                        GError     **error);

G_END_DECLS
