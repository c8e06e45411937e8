/* ud-audit-view.h — the Audit section
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"

G_BEGIN_DECLS

#define UD_TYPE_AUDIT_VIEW (ud_audit_view_get_type ())
G_DECLARE_FINAL_TYPE (UdAuditView, ud_audit_view, UD, AUDIT_VIEW, GtkWidget)

/* Entries shown at a time; the rest are read a page at a time. */
#define UD_AUDIT_VIEW_PAGE_SIZE 200

GtkWidget  *ud_audit_view_new             (UdDbWorker  *worker);
gboolean    ud_audit_view_get_busy        (UdAuditView *self);
/* The entries on the page shown: a GListModel of UdAuditItem. */
GListModel *ud_audit_view_get_model       (UdAuditView *self);
/* How many entries match the filters. */
gint64      ud_audit_view_get_total       (UdAuditView *self);
GtkWidget  *ud_audit_view_get_column_view (UdAuditView *self);
/* Exports the matching entries to @file on a thread of its own. */
void        ud_audit_view_export          (UdAuditView *self,
                                           GFile       *file);

G_END_DECLS
