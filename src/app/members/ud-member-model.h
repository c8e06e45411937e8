/* ud-member-model.h — the member list as a lazy GListModel
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-db-worker.h"
#include "ud-member-item.h"

G_BEGIN_DECLS

#define UD_TYPE_MEMBER_MODEL (ud_member_model_get_type ())
G_DECLARE_FINAL_TYPE (UdMemberModel, ud_member_model, UD, MEMBER_MODEL, GObject)

/* Rows read from the database in one page load. */
#define UD_MEMBER_MODEL_PAGE_SIZE 200

UdMemberModel *ud_member_model_new        (UdDbWorker    *worker);
/* Replaces the rows by @ids (row ids in display order; the model takes
 * the array) with one "items-changed". */
void           ud_member_model_set_ids    (UdMemberModel *self,
                                           GArray        *ids);
gint64         ud_member_model_get_id     (UdMemberModel *self,
                                           guint          position);
/* The position of @id, or GTK_INVALID_LIST_POSITION (G_MAXUINT). */
guint          ud_member_model_find       (UdMemberModel *self,
                                           gint64         id);
/* Reads @id again now; every row showing it is updated. */
void           ud_member_model_invalidate (UdMemberModel *self,
                                           gint64         id);
/* Makes the cells of every row in memory redraw (after a display
 * setting changed). */
void           ud_member_model_refresh    (UdMemberModel *self);
/* Reads every member on screen again (after a sync). */
void           ud_member_model_invalidate_live (UdMemberModel *self);
/* TRUE while pages are queued or being read. */
gboolean       ud_member_model_get_loading (UdMemberModel *self);

G_END_DECLS
