/* ud-unit-store.c — the grassroots units: lists of them
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-unit-store"

#include "config.h"

#include "ud-unit-store.h"
#include "ud-record-store.h"

GPtrArray *
ud_unit_store_list (UdDatabase  *db,
                    GError     **error)
{
  UdRecordQuery all = { &ud_kind_unit };
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  ids = ud_record_store_query (db, &all, NULL, NULL, error);
  if (ids == NULL)
    return NULL;

  return ud_record_store_load (db, &ud_kind_unit, (const gint64 *) (gpointer) ids->data, ids->len, error);
}
