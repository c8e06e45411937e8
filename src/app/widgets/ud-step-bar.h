/* ud-step-bar.h — the buttons of the workflow steps a record may take
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ud-db-worker.h"
#include "ud-record.h"
#include "ud-step-dialog.h"

G_BEGIN_DECLS

/* A row of buttons, one per step of the record's workflow that follows
 * from its state and that the signed-in account has the permission for
 * (ud_workflow_list_steps()), labelled “Approve…” from the step's label;
 * pressing one opens the UdStepDialog of that step (showing at once the
 * separation of duties the account would break, if any).  Each button
 * calls its own handler: no action name with a target.  An editor puts
 * the bar in its template (<object class="UdStepBar">) or packs it, and
 * may append its own buttons (Print…, History…) after the steps'. */

#define UD_TYPE_STEP_BAR (ud_step_bar_get_type ())
G_DECLARE_FINAL_TYPE (UdStepBar, ud_step_bar, UD, STEP_BAR, GtkBox)

/* Whether @step is offered for @record besides its state and permission
 * (relief offers its public notice once). */
typedef gboolean (*UdStepBarFilter) (const UdRecord       *record,
                                     const UdWorkflowStep *step,
                                     gpointer              user_data);

UdStepBar  *ud_step_bar_new          (void);
void        ud_step_bar_set_worker   (UdStepBar       *self,
                                      UdDbWorker      *worker);
/* Shows the steps of @record (stored, of a kind with a workflow; NULL:
 * none).  @choices: ud_workflow_list_steps() of @record as the editor's
 * own load job read it (UdStepChoice, not taken); NULL: the bar reads
 * them on the worker. */
void        ud_step_bar_set_record   (UdStepBar       *self,
                                      UdRecord        *record,
                                      GPtrArray       *choices);
/* While @reason is set (“Save the draft first”) every step button is
 * insensitive with @reason as its tooltip. */
void        ud_step_bar_set_blocked  (UdStepBar       *self,
                                      const char      *reason);
void        ud_step_bar_set_filter   (UdStepBar       *self,
                                      UdStepBarFilter  filter,
                                      gpointer         user_data,
                                      GDestroyNotify   destroy);
/* Whether the buttons show the steps of the record last set. */
gboolean    ud_step_bar_get_ready    (UdStepBar       *self);
/* The number of step buttons shown. */
guint       ud_step_bar_get_n_shown  (UdStepBar       *self);

/* Signals:
 *  "dialog-opened" (UdStepDialog *dialog): before it is shown, for the
 *     editor to add what is particular to its register;
 *  "step-taken" (gpointer record, a UdRecord as stored): the step was
 *     recorded (the worker has announced "records-changed" too). */

G_END_DECLS
