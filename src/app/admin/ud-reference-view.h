/* ud-reference-view.h — the Reference Tables section
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-reference-store.h"

G_BEGIN_DECLS

#define UD_TYPE_REFERENCE_VIEW (ud_reference_view_get_type ())
G_DECLARE_FINAL_TYPE (UdReferenceView, ud_reference_view, UD, REFERENCE_VIEW, GtkBox)

/* The versions of the disease catalogue, the low-income line and the
 * relief rules, each with its effective date and whether a decision used
 * it (then frozen), and the content of the one selected.  An account
 * that may edit reference data gets "New Version…", which copies the
 * latest version into a UdReferenceEditor. */
GtkWidget       *ud_reference_view_new         (UdDbWorker      *worker);
void             ud_reference_view_set_kind    (UdReferenceView *self,
                                                UdReferenceKind  kind);
/* Reads the versions of the table shown again. */
void             ud_reference_view_reload      (UdReferenceView *self);
gboolean         ud_reference_view_get_busy    (UdReferenceView *self);
/* Versions listed, and the rows of the one selected. */
GListModel      *ud_reference_view_get_versions (UdReferenceView *self);
GListModel      *ud_reference_view_get_content  (UdReferenceView *self);
/* Opens the editor on a copy of the latest version; returns it. */
GtkWindow       *ud_reference_view_new_version (UdReferenceView *self);

G_END_DECLS
