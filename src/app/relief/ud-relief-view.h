/* ud-relief-view.h — the Serious-Illness Relief section
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"

G_BEGIN_DECLS

#define UD_TYPE_RELIEF_VIEW (ud_relief_view_get_type ())
G_DECLARE_FINAL_TYPE (UdReliefView, ud_relief_view, UD, RELIEF_VIEW, GtkWidget)

GtkWidget     *ud_relief_view_new              (UdDbWorker   *worker);
/* The applications shown (UdRecordItem of the application kind). */
GListModel    *ud_relief_view_get_model        (UdReliefView *self);
/* TRUE while the list or the fund is being read. */
gboolean       ud_relief_view_get_busy         (UdReliefView *self);
/* "24 people, 285,200.00 yuan approved; 14,800.00 yuan left" for the year shown. */
const char    *ud_relief_view_get_summary_text (UdReliefView *self);
/* The fund year shown, 0 for all years. */
guint          ud_relief_view_get_year         (UdReliefView *self);
/* Reads the list and the fund again. */
void           ud_relief_view_reload           (UdReliefView *self);
/* Whether the application at @position shows the city's duplicate-aid
 * flag, and whether its serial number is marked as used twice. */
gboolean       ud_relief_view_get_marks        (UdReliefView *self,
                                                guint         position,
                                                gboolean     *duplicate);
/* Opens the member chooser of a new application. */
GtkWindow     *ud_relief_view_new_application  (UdReliefView *self);

G_END_DECLS
