/* ud-unit-editor.h — the form of one grassroots union, and its members
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-form-binder.h"
#include "ud-record-table.h"

G_BEGIN_DECLS

#define UD_TYPE_UNIT_EDITOR (ud_unit_editor_get_type ())
G_DECLARE_FINAL_TYPE (UdUnitEditor, ud_unit_editor, UD, UNIT_EDITOR, AdwWindow)

/* @id: the unit's row id, 0 for a new one. */
UdUnitEditor  *ud_unit_editor_new         (UdDbWorker   *worker,
                                           gint64        id);
UdFormBinder  *ud_unit_editor_get_binder  (UdUnitEditor *self);
/* The unit's members (hidden for a new unit). */
UdRecordTable *ud_unit_editor_get_members (UdUnitEditor *self);

G_END_DECLS
