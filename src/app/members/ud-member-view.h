/* ud-member-view.h — the Members section
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-import-dialog.h"
#include "ud-member-editor.h"
#include "ud-record-model.h"

G_BEGIN_DECLS

#define UD_TYPE_MEMBER_VIEW (ud_member_view_get_type ())
G_DECLARE_FINAL_TYPE (UdMemberView, ud_member_view, UD, MEMBER_VIEW, GtkWidget)

/* The Members section: a UdRecordTable of the member kind (which reads
 * again on the worker's "records-changed") under the section's tool
 * bar. */
GtkWidget      *ud_member_view_new              (UdDbWorker   *worker);
void            ud_member_view_set_worker       (UdMemberView *self,
                                                 UdDbWorker   *worker);
UdRecordModel  *ud_member_view_get_model        (UdMemberView *self);
GtkWidget      *ud_member_view_get_column_view  (UdMemberView *self);
/* "1,000,000 members", "23 of 1,000,000 members" or "1,000+ of …". */
const char     *ud_member_view_get_count_text   (UdMemberView *self);
/* TRUE while a query is running. */
gboolean        ud_member_view_get_busy         (UdMemberView *self);
/* Opens the import dialog (returned, owned by GTK). */
UdImportDialog *ud_member_view_import           (UdMemberView *self);
/* Opens the editor on member @id, or on a new member when @id is 0. */
UdMemberEditor *ud_member_view_edit             (UdMemberView *self,
                                                 gint64        id);

G_END_DECLS
