/* ud-member-store.c — the member roll: read, save, delete, list
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-member-store"

#include "config.h"

#include "ud-member-store.h"
#include "ud-permission.h"
#include "ud-record-store.h"
#include "ud-search-private.h"

GArray *
ud_member_store_query (UdDatabase           *db,
                       const UdMemberQuery  *query,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return _ud_search_members (db, &ud_kind_member, query, cancellable, error);
}

gboolean
ud_member_store_warm (UdDatabase    *db,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  return _ud_search_warm (db, &ud_kind_member, cancellable, error);
}

GPtrArray *
ud_member_store_load (UdDatabase   *db,
                      const gint64 *ids,
                      guint         n_ids,
                      GError      **error)
{
  return ud_record_store_load (db, &ud_kind_member, ids, n_ids, error);
}

UdRecord *
ud_member_store_get (UdDatabase  *db,
                     gint64       id,
                     GError     **error)
{
  return ud_record_store_get (db, &ud_kind_member, id, error);
}

UdRecord *
ud_member_store_find_by_id_number (UdDatabase  *db,
                                   const char  *id_number,
                                   GError     **error)
{
  return ud_record_store_find (db, &ud_kind_member, "id_number", id_number, error);
}

gint64
ud_member_store_count (UdDatabase *db)
{
  UdRecordQuery all = { &ud_kind_member };

  return MAX (ud_record_store_count (db, &all, NULL, NULL), 0);
}

gboolean
ud_member_validate (UdDatabase *db,
                    UdRecord   *record,
                    GPtrArray  *issues)
{
  g_return_val_if_fail (record != NULL && record->kind == &ud_kind_member, FALSE);

  return ud_record_store_validate (db, record, issues);
}

gboolean
ud_member_store_save (UdDatabase  *db,
                      UdRecord    *record,
                      GPtrArray   *issues,
                      GError     **error)
{
  g_return_val_if_fail (record != NULL && record->kind == &ud_kind_member, FALSE);

  return ud_record_store_save (db, record, issues, error);
}

gboolean
ud_member_store_delete (UdDatabase  *db,
                        gint64       id,
                        GError     **error)
{
  return ud_record_store_delete (db, &ud_kind_member, id, error);
}

gboolean
ud_member_store_undelete (UdDatabase  *db,
                          gint64       id,
                          GError     **error)
{
  return ud_record_store_undelete (db, &ud_kind_member, id, error);
}

gint64
ud_export_members (UdDatabase           *db,
                   const UdMemberQuery  *query,
                   const char           *path,
                   UdExportProgressFunc  progress,
                   gpointer              progress_data,
                   GCancellable         *cancellable,
                   GError              **error)
{
  UdMemberQuery all = { 0 };
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), -1);

  if (!ud_database_require (db, ud_kind_member.export_permission, error))
    return -1;

  ids = ud_member_store_query (db, query != NULL ? query : &all, cancellable, error);
  if (ids == NULL)
    return -1;

  return ud_export_records (db, &ud_kind_member, ids, path, progress, progress_data, cancellable, error);
}
