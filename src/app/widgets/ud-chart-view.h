/* ud-chart-view.h — a chart on screen, described for screen readers
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ud-chart.h"

G_BEGIN_DECLS

#define UD_TYPE_CHART_VIEW (ud_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (UdChartView, ud_chart_view, UD, CHART_VIEW, GtkWidget)

/* Draws a UdChart with the code that prints it, scaled from points to the
 * screen's text resolution; its accessible name is the chart's title and
 * its description every value (ud_chart_describe()); a tooltip names the
 * value under the pointer.  It follows the chart's changes, which must
 * then be made in the main thread.
 */
GtkWidget *ud_chart_view_new       (UdChart     *chart);
UdChart   *ud_chart_view_get_chart (UdChartView *self);
void       ud_chart_view_set_chart (UdChartView *self,
                                    UdChart     *chart);

G_END_DECLS
