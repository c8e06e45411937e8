/* ud-form-binder.h — ties a hand-made editor's rows to a kind's fields
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"

G_BEGIN_DECLS

#define UD_TYPE_FORM_BINDER (ud_form_binder_get_type ())
G_DECLARE_FINAL_TYPE (UdFormBinder, ud_form_binder, UD, FORM_BINDER, GObject)

/* An editor is its template and its particular logic; the binder does
 * the rest.  It finds, for each field of the kind, the widget of @form
 * whose template id is "<field>_row" (an AdwEntryRow or another GtkEditable, an
 * AdwComboRow for a choice) or "<field>_view" (a GtkTextView), fills it
 * from the record, checks it as it is typed with the core's own
 * ud_field_normalize(), and, a moment after the typing stops, the whole
 * record with ud_record_store_validate() on the worker (checks across
 * fields, a natural key another record holds).  A field at fault has its
 * row marked and the sentence naming it in the GtkLabel with the style
 * class "field-problems" of the row's AdwPreferencesGroup.  Saving goes
 * through the worker (ud_db_worker_save_record_async()), which announces
 * "records-changed"; a form showing a record that someone else changed
 * reads it again, unless it was edited meanwhile.
 *
 * A set of choices (UD_FIELD_SET) is a GtkBox with the template id
 * "<field>_checks": the binder puts a check in it for each choice. */

UdFormBinder *ud_form_binder_new            (UdDbWorker       *worker,
                                             const UdKind     *kind,
                                             GtkWidget        *form);
/* How records are saved: ud_record_store_save() unless a domain saves
 * its kind itself. */
void          ud_form_binder_set_save_func  (UdFormBinder     *self,
                                             UdRecordSaveFunc  save);
/* Reads record @id (0: a new record, its fields' defaults) on the worker
 * and fills the rows; "loaded" then says so. */
void          ud_form_binder_load           (UdFormBinder     *self,
                                             gint64            id);
gboolean      ud_form_binder_get_loaded     (UdFormBinder     *self);
/* Fills the rows from @record, which is not read from the database: a
 * row of a child table kept in memory until its parent is saved. */
void          ud_form_binder_set_record     (UdFormBinder     *self,
                                             UdRecord         *record);
/* For an editor that saves more than the record in a job of its own (an
 * archive with its household): the record as typed (a new reference),
 * NULL while a field is not valid; and the core's refusal, field by
 * field, shown at the rows as a save through the binder shows it. */
UdRecord     *ud_form_binder_build_record   (UdFormBinder     *self);
void          ud_form_binder_show_issues    (UdFormBinder     *self,
                                             GPtrArray        *issues);
/* The record as read (or as saved last), NULL before. */
UdRecord     *ud_form_binder_get_record     (UdFormBinder     *self);
/* Whether the form has no error and nothing is being saved. */
gboolean      ud_form_binder_get_can_save   (UdFormBinder     *self);
/* The value typed into @field's row, normalised; NULL when it is not
 * valid. */
char         *ud_form_binder_get_value      (UdFormBinder     *self,
                                             const char       *field);
GtkWidget    *ud_form_binder_get_row        (UdFormBinder     *self,
                                             const char       *field);
/* The sentence shown for @field's row, or NULL. */
const char   *ud_form_binder_get_field_error (UdFormBinder    *self,
                                             const char       *field);
/* Validates and saves the record as typed; "saved" with the record
 * written, or the fields at fault marked. */
void          ud_form_binder_save           (UdFormBinder     *self);

G_END_DECLS
