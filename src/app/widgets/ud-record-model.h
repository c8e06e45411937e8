/* ud-record-model.h — a list of records of any kind as a lazy GListModel
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-db-worker.h"
#include "ud-record-item.h"

G_BEGIN_DECLS

#define UD_TYPE_RECORD_MODEL (ud_record_model_get_type ())
G_DECLARE_FINAL_TYPE (UdRecordModel, ud_record_model, UD, RECORD_MODEL, GObject)

/* Rows read from the database in one page load. */
#define UD_RECORD_MODEL_PAGE_SIZE 200

/* The rows are records of @kind (which outlives the model), read with
 * ud_record_store_load() a page at a time; the list of ids is the
 * caller's query (see UdRecordTable). */
UdRecordModel *ud_record_model_new        (UdDbWorker    *worker,
                                           const UdKind  *kind);
const UdKind  *ud_record_model_get_kind   (UdRecordModel *self);
/* Replaces the rows by @ids (row ids in display order; the model takes
 * the array) with one "items-changed". */
void           ud_record_model_set_ids    (UdRecordModel *self,
                                           GArray        *ids);
gint64         ud_record_model_get_id     (UdRecordModel *self,
                                           guint          position);
/* The position of @id, or GTK_INVALID_LIST_POSITION (G_MAXUINT). */
guint          ud_record_model_find       (UdRecordModel *self,
                                           gint64         id);
/* Reads @id again now; every row showing it is updated. */
void           ud_record_model_invalidate (UdRecordModel *self,
                                           gint64         id);
/* Makes the cells of every row in memory redraw (after a display
 * setting changed). */
void           ud_record_model_refresh    (UdRecordModel *self);
/* Reads every record on screen again (after a sync). */
void           ud_record_model_invalidate_live (UdRecordModel *self);
/* TRUE while pages are queued or being read. */
gboolean       ud_record_model_get_loading (UdRecordModel *self);

G_END_DECLS
