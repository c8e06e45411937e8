/* ud-aid-view.h — the Aid section: programmes, batches, totals and the fund
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

#define UD_TYPE_AID_VIEW (ud_aid_view_get_type ())
G_DECLARE_FINAL_TYPE (UdAidView, ud_aid_view, UD, AID_VIEW, GtkWidget)

GtkWidget     *ud_aid_view_new             (UdDbWorker *worker);
/* The list of batches. */
UdRecordTable *ud_aid_view_get_batches     (UdAidView  *self);
/* The programmes. */
UdRecordTable *ud_aid_view_get_programmes  (UdAidView  *self);
/* The amount lines of the programme selected. */
UdRecordTable *ud_aid_view_get_amounts     (UdAidView  *self);
/* "Budget … paid … balance …" of the year shown, once read. */
const char    *ud_aid_view_get_fund_text   (UdAidView  *self);
/* The totals by programme of the year shown, one line each. */
const char    *ud_aid_view_get_totals_text (UdAidView  *self);
/* TRUE while the totals are being read. */
gboolean       ud_aid_view_get_busy        (UdAidView  *self);

G_END_DECLS
