/* ud-member-store.h — members and units: read, save, delete, query
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-database.h"
#include "ud-member-kind.h"
#include "ud-record.h"
#include "ud-unit-kind.h"

G_BEGIN_DECLS

/* What the member list shows: filters, search text and sort order.  All of
 * it is done in SQL. */
typedef struct
{
  char     *text;          /* search text or NULL: name, pinyin, ID, card, phone, unit */
  char     *status;        /* choice value or NULL for any */
  char     *employment;    /* choice value or NULL for any */
  char     *model_worker;  /* choice value, "*" for any title, or NULL for no filter */
  gint64    unit_id;       /* 0 for any unit */
  char     *sort_field;    /* a UD_FIELD_SORTABLE field name, NULL = "name" (by pinyin) */
  gboolean  descending;
  guint     limit;         /* 0 = every match */
} UdMemberQuery;

void        ud_member_query_clear       (UdMemberQuery *query);

/* Row ids of the members that match, in order.  Cancellable (checked by a
 * progress handler while SQLite works).  Needs UD_PERMISSION_VIEW_MEMBERS. */
GArray     *ud_member_store_query       (UdDatabase          *db,
                                         const UdMemberQuery *query,
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
UdRecord   *ud_member_store_find_by_id_number (UdDatabase *db,
                                         const char   *id_number,
                                         GError      **error);
gint64      ud_member_store_count       (UdDatabase   *db);

/* Normalises every field of @record in place (upper-case X, ISO dates,
 * choice codes, derived sex and birth date) and appends problems to
 * @issues.  Returns FALSE when there is an error (not only warnings).
 * Checks uniqueness of the ID number against the database. */
gboolean    ud_member_validate          (UdDatabase   *db,
                                         UdRecord     *record,
                                         GPtrArray    *issues);

/* Validates and saves in one transaction with its outbox and audit
 * entries: inserts when record->id is 0, else updates.  Needs
 * UD_PERMISSION_EDIT_MEMBERS.  On success
 * @record has its id, uuid, hlc and stored values.  On invalid input
 * returns FALSE with UD_DATABASE_ERROR_INVALID and the problems in
 * @issues; nothing is written. */
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

/* Units, for the unit filter and the editor's unit field. */
GPtrArray  *ud_unit_store_list          (UdDatabase   *db,
                                         GError      **error);
/* Within a transaction: the id of the unit with this name, created when
 * missing. */
gint64      ud_unit_store_ensure        (UdDatabase   *db,
                                         const char   *name,
                                         GError      **error);

G_END_DECLS
