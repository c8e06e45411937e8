/* ud-aid-batch-window.h — a batch of aid: made by rule or by hand, paid line by line
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-record-table.h"

G_BEGIN_DECLS

#define UD_TYPE_AID_BATCH_WINDOW (ud_aid_batch_window_get_type ())
G_DECLARE_FINAL_TYPE (UdAidBatchWindow, ud_aid_batch_window, UD, AID_BATCH_WINDOW, AdwWindow)

/* The batch with row id @id, or a new one (0). */
UdAidBatchWindow *ud_aid_batch_window_new          (UdDbWorker       *worker,
                                                    gint64            id);
/* The stored batch, or NULL while it is new. */
UdRecord         *ud_aid_batch_window_get_batch    (UdAidBatchWindow *self);
/* "3 people, 4,500.00 yuan" of what the rule picked (NULL before). */
const char       *ud_aid_batch_window_get_picked_text (UdAidBatchWindow *self);
/* The batch's lines, once it is stored. */
UdRecordTable    *ud_aid_batch_window_get_payments (UdAidBatchWindow *self);
/* TRUE while the worker is at it. */
gboolean          ud_aid_batch_window_get_busy     (UdAidBatchWindow *self);

G_END_DECLS
