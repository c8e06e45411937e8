/* ud-child-dialog.h — one record belonging to a hardship archive: a household member, a visit
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-form-binder.h"

G_BEGIN_DECLS

#define UD_TYPE_CHILD_DIALOG (ud_child_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UdChildDialog, ud_child_dialog, UD, CHILD_DIALOG, AdwWindow)

/* The form of @record (of @kind: a household member kept in memory until
 * the archive is saved, a visit the editor records), read from the
 * GtkBuilder file @form_resource (object "form") and bound by a
 * UdFormBinder.  @done_label (translated) is the button that emits
 * "done" with the record as typed (a new record, its derived fields
 * filled) and closes; nothing is written here. */
UdChildDialog *ud_child_dialog_new        (UdDbWorker    *worker,
                                           const UdKind  *kind,
                                           const char    *form_resource,
                                           const char    *title,
                                           const char    *done_label,
                                           UdRecord      *record);
UdFormBinder  *ud_child_dialog_get_binder (UdChildDialog *self);

G_END_DECLS
