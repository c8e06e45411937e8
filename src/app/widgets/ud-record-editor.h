/* ud-record-editor.h — the window of a register's form
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-form-binder.h"

G_BEGIN_DECLS

#define UD_TYPE_RECORD_EDITOR (ud_record_editor_get_type ())
G_DECLARE_FINAL_TYPE (UdRecordEditor, ud_record_editor, UD, RECORD_EDITOR, AdwWindow)

typedef struct
{
  const UdKind *kind;
  /* A GtkBuilder file whose object "form" is the hand-made form (an
   * AdwPreferencesPage), its rows named "<field>_row" for the binder. */
  const char   *form_resource;
  const char   *new_title;        /* N_(): "New Unit" */
  const char   *edit_title;       /* N_(): "Edit Unit" */
  const char   *saved_message;    /* N_(): "Unit saved" */
  /* What the register does of its own once the record is read (a unit's
   * list of members), or NULL. */
  void        (*loaded) (UdRecordEditor *editor,
                         UdDbWorker     *worker,
                         UdRecord       *record);
} UdRecordEditorInfo;

/* A window with Cancel and Save, the form of @info and a UdFormBinder on
 * it, reading record @id (0: a new one).  Saved, it closes and says so
 * in the window it belongs to. */
UdRecordEditor *ud_record_editor_new        (UdDbWorker               *worker,
                                             const UdRecordEditorInfo *info,
                                             gint64                    id);
UdFormBinder   *ud_record_editor_get_binder (UdRecordEditor           *self);
/* An object of the form's file, by its id. */
GObject        *ud_record_editor_get_object (UdRecordEditor           *self,
                                             const char               *id);

G_END_DECLS
