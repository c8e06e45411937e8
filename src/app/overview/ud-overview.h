/* ud-overview.h — the Overview section (概览)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-report.h"

G_BEGIN_DECLS

#define UD_TYPE_OVERVIEW (ud_overview_get_type ())
G_DECLARE_FINAL_TYPE (UdOverview, ud_overview, UD, OVERVIEW, AdwBin)

/* This year's figures and last year's, each a link to the list behind
 * it, the charts and the work to do today, computed on the worker and
 * again when records change; the statistics report's preview. */
GtkWidget      *ud_overview_new        (UdDbWorker *worker);

/* For tests: the figures shown, or NULL before the first are read. */
const UdReport *ud_overview_get_report (UdOverview *self);

G_END_DECLS
