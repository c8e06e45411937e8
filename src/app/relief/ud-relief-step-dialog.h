/* ud-relief-step-dialog.h — one step of a relief application's workflow
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-record.h"
#include "ud-relief.h"

G_BEGIN_DECLS

#define UD_TYPE_RELIEF_STEP_DIALOG (ud_relief_step_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UdReliefStepDialog, ud_relief_step_dialog, UD, RELIEF_STEP_DIALOG, AdwWindow)

/* @step: "submit", "review", "return", "approve", "reject" or "pay".
 * The step runs on @worker with the core's checks; a refusal (separation
 * of duties, the fund's balance, missing documents …) is shown in the
 * dialog in the core's words and the dialog stays open.  "done" is
 * emitted, and the dialog closed, once the step is recorded. */
UdReliefStepDialog *ud_relief_step_dialog_new         (UdDbWorker         *worker,
                                                       UdReliefRules      *rules,
                                                       UdRecord           *application,
                                                       const char         *step);
/* The first problem of what is typed, or NULL. */
const char         *ud_relief_step_dialog_get_problem (UdReliefStepDialog *self);
/* The core's refusal of the last try, or NULL. */
const char         *ud_relief_step_dialog_get_refusal (UdReliefStepDialog *self);
gboolean            ud_relief_step_dialog_get_busy    (UdReliefStepDialog *self);
void                ud_relief_step_dialog_apply       (UdReliefStepDialog *self);

G_END_DECLS
