/* ud-reference-editor.h — a new version of a reference table
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

#define UD_TYPE_REFERENCE_EDITOR (ud_reference_editor_get_type ())
G_DECLARE_FINAL_TYPE (UdReferenceEditor, ud_reference_editor, UD, REFERENCE_EDITOR, AdwWindow)

/* An editor of a new version of @kind, filled from @base_json (one
 * version's object, as stored): its amounts, rows and effective date can
 * be changed; everything else (notes, hardship steps, relations) is
 * copied as it is.  Saving checks the fields, naming the one at fault,
 * and adds the version through the core (ud_reference_add_version());
 * ::saved is emitted and the window closes when it is stored. */
UdReferenceEditor *ud_reference_editor_new      (UdDbWorker        *worker,
                                                 UdReferenceKind    kind,
                                                 const char        *base_json);
/* Saves as the Save button does. */
void               ud_reference_editor_save     (UdReferenceEditor *self);
/* The message shown for the last failed save, or NULL. */
const char        *ud_reference_editor_get_error (UdReferenceEditor *self);

G_END_DECLS
