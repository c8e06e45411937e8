/* ud-member-editor.h — the form for one member
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"

G_BEGIN_DECLS

#define UD_TYPE_MEMBER_EDITOR (ud_member_editor_get_type ())
G_DECLARE_FINAL_TYPE (UdMemberEditor, ud_member_editor, UD, MEMBER_EDITOR, AdwWindow)

/* @id 0: a new member.  The member is read on the worker; "loaded"
 * turns TRUE when the form can be used. */
UdMemberEditor *ud_member_editor_new             (UdDbWorker     *worker,
                                                  gint64          id);
gint64          ud_member_editor_get_id          (UdMemberEditor *self);
gboolean        ud_member_editor_get_loaded      (UdMemberEditor *self);
/* Whether the form has no error (the Save button's sensitivity). */
gboolean        ud_member_editor_get_can_save    (UdMemberEditor *self);
/* The row editing @field_name (an AdwEntryRow or AdwComboRow). */
GtkWidget      *ud_member_editor_get_row         (UdMemberEditor *self,
                                                  const char     *field_name);
/* The message shown for @field_name, or NULL when it is fine. */
const char     *ud_member_editor_get_field_error (UdMemberEditor *self,
                                                  const char     *field_name);
/* Saves on the worker; "saved" is emitted with the row id on success. */
void            ud_member_editor_save            (UdMemberEditor *self);

G_END_DECLS
