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

/* ---- for the sync client ---- */

/* updated_by of what the sync client writes for another office. */
#define _UD_SYNC_ACTOR "sync"
/* The version stamp of a unit created because a pulled member names it
 * before the unit's own record arrives: older than every real version. */
#define _UD_UNIT_PLACEHOLDER_HLC "000000000000-0000-0"

/* By uuid, deleted records included; NULL without an error when there is
 * none. */
UdRecord    *_ud_member_store_get_by_uuid (UdDatabase  *db,
                                          const char  *uuid,
                                          GError     **error);
UdRecord    *_ud_unit_store_get_by_uuid   (UdDatabase  *db,
                                          const char  *uuid,
                                          GError     **error);
/* The live unit with this name, or NULL without an error. */
UdRecord    *_ud_unit_store_find_by_name  (UdDatabase  *db,
                                          const char  *name,
                                          GError     **error);

/* Within a transaction: stores @version — pulled from the city server, or
 * chosen by a person resolving a sync conflict — as it is: its hlc,
 * deleted mark, updated_at and updated_by are kept, nothing is validated
 * or re-stamped.  Over @existing (the local record, same kind; @version
 * then takes its id and uuid) or as a new record.  The search index and
 * the audit log ("sync_create", "sync_update", "sync_delete",
 * "sync_undelete", with the hlc as detail) follow; the outbox does not:
 * the caller decides.  A member's unit is found by name among the live
 * units and created, unsynced, when missing.  A UNIQUE constraint (an ID
 * number or unit name held by another record) fails with SQLite's
 * SQLITE_CONSTRAINT left as the connection's error code. */
gboolean     _ud_member_store_apply_remote (UdDatabase  *db,
                                           UdRecord    *version,
                                           UdRecord    *existing,
                                           UdUnitCache *units,
                                           GError     **error);
gboolean     _ud_unit_store_apply_remote   (UdDatabase  *db,
                                           UdRecord    *version,
                                           UdRecord    *existing,
                                           GError     **error);

G_END_DECLS
