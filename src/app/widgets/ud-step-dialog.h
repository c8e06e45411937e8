/* ud-step-dialog.h — one step of a record's workflow, for any kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-record.h"
#include "ud-workflow.h"

G_BEGIN_DECLS

/* The dialog is built from the step's description (ud-kind-workflow.h):
 * the opinions copied from paper it records first (each with its signer
 * and the date written on the paper), its own opinion (with signer and
 * date when it is copied from paper), the fields it asks for (a date, a
 * choice, an amount, a text; a public notice's first and last day, the
 * last one starting where the shortest notice ends).  What is typed is
 * checked as it is typed with the core's field checks, the row at fault
 * marked and named.  Whether the step may happen is the core's to say
 * (ud_workflow_take(): dates in order and not ahead, the separation of
 * duties, the domain's rules): its refusal is shown in the dialog, which
 * stays open.  Once the step is recorded the worker announces
 * "records-changed" for the kind, "done" is emitted and the dialog
 * closes.
 *
 * What is particular to a register (relief's approved amount and the
 * rules' suggestion) is added by its editor: a value to start a field
 * with, a widget under the fields, a check of its own. */

#define UD_TYPE_STEP_DIALOG (ud_step_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UdStepDialog, ud_step_dialog, UD, STEP_DIALOG, AdwWindow)

/* A check of the register's own, run after the dialog's own at every
 * keystroke: the problem (translated, naming the field) or NULL.  It may
 * mark a row with ud_widget_set_error(). */
typedef char *(*UdStepDialogCheck) (UdStepDialog *dialog,
                                    gpointer      user_data);

/* The step @step of @record (of a kind with a workflow, stored). */
UdStepDialog         *ud_step_dialog_new            (UdDbWorker        *worker,
                                                     UdRecord          *record,
                                                     const char        *step);
const UdWorkflowStep *ud_step_dialog_get_step       (UdStepDialog      *self);
UdRecord             *ud_step_dialog_get_record     (UdStepDialog      *self);

/* The row of a field the step asks for (an AdwEntryRow, or an
 * AdwComboRow for a choice), or NULL. */
GtkWidget            *ud_step_dialog_get_field_row  (UdStepDialog      *self,
                                                     const char        *field);
/* A field's value as typed (a choice's value), newly allocated; and
 * setting it (money in yuan as typed: "12,000.00"). */
char                 *ud_step_dialog_get_field_text (UdStepDialog      *self,
                                                     const char        *field);
void                  ud_step_dialog_set_field_text (UdStepDialog      *self,
                                                     const char        *field,
                                                     const char        *text);
/* Adds @widget (a row, a label) under the step's fields. */
void                  ud_step_dialog_add_extra      (UdStepDialog      *self,
                                                     GtkWidget         *widget);
void                  ud_step_dialog_add_check      (UdStepDialog      *self,
                                                     UdStepDialogCheck  check,
                                                     gpointer           user_data,
                                                     GDestroyNotify     destroy);
/* Checks again what is typed (after the register changed what its check
 * looks at). */
void                  ud_step_dialog_revalidate     (UdStepDialog      *self);

/* Shows @refusal (a sentence, e.g. a UdStepChoice's: the duty the
 * account would break) at the top before anything is tried; NULL hides
 * it. */
void                  ud_step_dialog_set_refusal    (UdStepDialog      *self,
                                                     const char        *refusal);
/* The first problem of what is typed, or NULL. */
const char           *ud_step_dialog_get_problem    (UdStepDialog      *self);
/* The core's refusal of the last try (or the one set), or NULL. */
const char           *ud_step_dialog_get_refusal    (UdStepDialog      *self);
gboolean              ud_step_dialog_get_busy       (UdStepDialog      *self);
/* What the step's button does: the step, on the worker. */
void                  ud_step_dialog_apply          (UdStepDialog      *self);

G_END_DECLS
