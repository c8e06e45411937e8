/* ud-relief-editor.h — one serious-illness relief application
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-record.h"

G_BEGIN_DECLS

#define UD_TYPE_RELIEF_EDITOR (ud_relief_editor_get_type ())
G_DECLARE_FINAL_TYPE (UdReliefEditor, ud_relief_editor, UD, RELIEF_EDITOR, AdwWindow)

/* @id 0: a new application, for a member chosen first from the roll.
 * "changed" is emitted whenever the application was written (saved or
 * moved a step), so that lists read it again. */
UdReliefEditor *ud_relief_editor_new              (UdDbWorker     *worker,
                                                   gint64          id);
/* "choose", "loading" or "form". */
const char     *ud_relief_editor_get_page         (UdReliefEditor *self);
/* TRUE when the form shows a read application and nothing is running. */
gboolean        ud_relief_editor_get_loaded       (UdReliefEditor *self);
/* Starts a new application for the member with row id @member_id. */
void            ud_relief_editor_choose_member    (UdReliefEditor *self,
                                                   gint64          member_id);
/* The application as last read or written (NULL while choosing). */
UdRecord       *ud_relief_editor_get_record       (UdReliefEditor *self);
GtkWidget      *ud_relief_editor_get_row          (UdReliefEditor *self,
                                                   const char     *field_name);
const char     *ud_relief_editor_get_field_error  (UdReliefEditor *self,
                                                   const char     *field_name);
/* The suggestion as shown: "12,000.00 yuan" or "Not eligible"; its
 * capitals and reasons. */
const char     *ud_relief_editor_get_suggestion   (UdReliefEditor *self);
const char     *ud_relief_editor_get_reasons      (UdReliefEditor *self);
gboolean        ud_relief_editor_get_can_save     (UdReliefEditor *self);
void            ud_relief_editor_save             (UdReliefEditor *self);
/* The warnings shown above the form (the city's duplicate-aid flags, a
 * serial number used twice), one a line; "" when there are none. */
char           *ud_relief_editor_get_warnings     (UdReliefEditor *self);

G_END_DECLS
