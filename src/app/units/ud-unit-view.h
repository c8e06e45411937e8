/* ud-unit-view.h — the Units section (基层工会)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-record-table.h"

G_BEGIN_DECLS

#define UD_TYPE_UNIT_VIEW (ud_unit_view_get_type ())
G_DECLARE_FINAL_TYPE (UdUnitView, ud_unit_view, UD, UNIT_VIEW, GtkWidget)

GtkWidget     *ud_unit_view_new       (UdDbWorker *worker);
UdRecordTable *ud_unit_view_get_table (UdUnitView *self);

G_END_DECLS
