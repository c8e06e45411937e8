/* ud-hardship-editor.h — one hardship archive (困难职工档案)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-form-binder.h"

G_BEGIN_DECLS

#define UD_TYPE_HARDSHIP_EDITOR (ud_hardship_editor_get_type ())
G_DECLARE_FINAL_TYPE (UdHardshipEditor, ud_hardship_editor, UD, HARDSHIP_EDITOR, AdwWindow)

/* @id 0: a new archive, for a member chosen first from the roll. */
UdHardshipEditor *ud_hardship_editor_new            (UdDbWorker       *worker,
                                                     gint64            id);
/* "choose", "loading" or "form". */
const char       *ud_hardship_editor_get_page       (UdHardshipEditor *self);
/* TRUE when the form shows an archive and nothing is running. */
gboolean          ud_hardship_editor_get_loaded     (UdHardshipEditor *self);
UdFormBinder     *ud_hardship_editor_get_binder     (UdHardshipEditor *self);
/* The archive as last read or written (NULL while choosing). */
UdRecord         *ud_hardship_editor_get_record     (UdHardshipEditor *self);
/* The household as shown (UdRecord of the household member kind). */
GPtrArray        *ud_hardship_editor_get_household  (UdHardshipEditor *self);
/* The visits shown (UdRecord of the visit kind), oldest first; NULL
 * before an archive is read. */
GPtrArray        *ud_hardship_editor_get_visits     (UdHardshipEditor *self);
/* The category computed from the form as typed, as shown ("Deep
 * hardship"), and its reasons, one a line. */
const char       *ud_hardship_editor_get_category   (UdHardshipEditor *self);
const char       *ud_hardship_editor_get_reasons    (UdHardshipEditor *self);

G_END_DECLS
