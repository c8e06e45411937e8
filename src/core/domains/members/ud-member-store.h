/* ud-member-store.h — the member roll: read, save, delete, list
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-database.h"
#include "ud-export.h"
#include "ud-member-kind.h"
#include "ud-record.h"
#include "ud-search.h"
#include "ud-unit-store.h"

G_BEGIN_DECLS

/* Members are records of ud_kind_member kept by the generic record store
 * (ud-record-store.h), which these functions are named shorthands of;
 * what is particular to members — sex and birth date from the ID number,
 * the pinyin of the name, the search index — are the kind's hooks
 * (ud-member-kind.c). */

/* Row ids of the members that match, in order: with search text, ranked
 * first (the name, pinyin or number exactly the text, then starting with
 * it, then containing it, then by the unit alone), in the list's order
 * within a rank; at most @limit of them.  Cancellable (checked by a
 * progress handler while SQLite works).  Needs UD_PERMISSION_VIEW_MEMBERS. */
GArray     *ud_member_store_query       (UdDatabase          *db,
                                         const UdMemberQuery *query,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* How many search results a list shows; one more tells that there are
 * more ("1,000+"). */
#define UD_MEMBER_SEARCH_CAP 1000

/* Reads what the first search needs (the roll in list order, the members'
 * units, the search index's pages) so that it does not wait for the disk:
 * for a worker thread when a member list opens.  Needs
 * UD_PERMISSION_VIEW_MEMBERS. */
gboolean    ud_member_store_warm        (UdDatabase          *db,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* Members by row id, in the order given (missing ids are skipped); the
 * "unit" value is the unit's name. */
GPtrArray  *ud_member_store_load        (UdDatabase   *db,
                                         const gint64 *ids,
                                         guint         n_ids,
                                         GError      **error);
UdRecord   *ud_member_store_get         (UdDatabase   *db,
                                         gint64        id,
                                         GError      **error);
/* The member with this ID number, deleted or not; NULL without an error
 * when there is none. */
UdRecord   *ud_member_store_find_by_id_number (UdDatabase *db,
                                         const char   *id_number,
                                         GError      **error);
/* Live members; 0 when they cannot be counted. */
gint64      ud_member_store_count       (UdDatabase   *db);

/* ud_record_store_validate(): every field normalised in place (upper-case
 * X, ISO dates, choice codes, derived sex and birth date), problems in
 * @issues, and no other member with the ID number.  FALSE on an error. */
gboolean    ud_member_validate          (UdDatabase   *db,
                                         UdRecord     *record,
                                         GPtrArray    *issues);

/* ud_record_store_save(): inserts when record->id is 0 (bringing back a
 * deleted member with the same ID number), else updates; a unit not
 * known yet is added.  Needs UD_PERMISSION_EDIT_MEMBERS. */
gboolean    ud_member_store_save        (UdDatabase   *db,
                                         UdRecord     *record,
                                         GPtrArray    *issues,
                                         GError      **error);
/* Tombstones (deleted = 1, synced as a deletion); undelete restores.
 * Both need UD_PERMISSION_DELETE_MEMBERS. */
gboolean    ud_member_store_delete      (UdDatabase   *db,
                                         gint64        id,
                                         GError      **error);
gboolean    ud_member_store_undelete    (UdDatabase   *db,
                                         gint64        id,
                                         GError      **error);

/* ud_export_records() of the members @query matches (NULL: all), in its
 * order.  Needs UD_PERMISSION_EXPORT_MEMBERS. */
gint64      ud_export_members           (UdDatabase          *db,
                                         const UdMemberQuery *query,
                                         const char          *path,
                                         UdExportProgressFunc progress,
                                         gpointer             progress_data,
                                         GCancellable        *cancellable,
                                         GError             **error);

G_END_DECLS
