/* ud-workflow.h — taking the steps of a record's workflow
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-database.h"
#include "ud-kind-workflow.h"
#include "ud-record.h"
#include "ud-trail.h"

G_BEGIN_DECLS

/* The engine of every kind's workflow (the steps are the kind's,
 * ud-kind-workflow.h).  Taking a step is one transaction: the record in
 * its new state with its outbox and audit entries (the step's name as
 * their detail), and its trail entries — the paper opinions it records,
 * then its own.  In this order it refuses:
 *
 *  - an account without the step's permission (UD_PERMISSION_ERROR);
 *  - an opinion that is missing or too long, a signer's name too long, a
 *    date that is not one or lies ahead, a field the step asks for that
 *    is missing or wrong (UD_WORKFLOW_ERROR_INVALID, naming it);
 *  - a record that is not in a state the step follows from
 *    (UD_WORKFLOW_ERROR_WRONG_STATE, saying both);
 *  - the account that the step's separation of duties excludes (the
 *    creator, the reviewer: UD_PERMISSION_ERROR_SEPARATION_OF_DUTIES);
 *  - dates out of order: a date written on a paper (an opinion, the day
 *    paid) is not before those of the steps before it, since the record
 *    last started in its initial state (UD_WORKFLOW_ERROR_INVALID);
 *  - what the domain's own rules for the step refuse (its error). */

#define UD_WORKFLOW_ERROR (ud_workflow_error_quark ())

typedef enum
{
  UD_WORKFLOW_ERROR_INVALID,       /* an opinion, a date or a field: the message names it */
  UD_WORKFLOW_ERROR_NOT_FOUND,
  UD_WORKFLOW_ERROR_WRONG_STATE,   /* the step does not follow from the record's state */
} UdWorkflowError;

GQuark      ud_workflow_error_quark     (void);

/* One step that may follow from a record's state now, for the acting
 * account: whether it may take it, and if not, why (one sentence naming
 * the rule: the permission it lacks, the duty it would break). */
typedef struct
{
  const UdWorkflowStep *step;
  gboolean              allowed;
  char                 *refusal;
} UdStepChoice;

void        ud_step_choice_free         (UdStepChoice      *choice);

/* The steps of @record's workflow that follow from its state, in the
 * workflow's order, each with what the acting account may do.  What the
 * domain's rules would say (documents missing, the fund) is said only
 * when the step is taken. */
GPtrArray  *ud_workflow_list_steps      (UdDatabase        *db,
                                         const UdRecord    *record);

/* Takes the step @step of @kind's record @id with @input (its opinion,
 * paper opinions and fields).  On success *@result (may be NULL) is the
 * record as stored. */
gboolean    ud_workflow_take            (UdDatabase        *db,
                                         const UdKind      *kind,
                                         gint64             id,
                                         const char        *step,
                                         const UdStepInput *input,
                                         UdRecord         **result,
                                         GError           **error);

/* Within a transaction: the trail's first entry for a record just made. */
gboolean    _ud_workflow_record_created (UdDatabase        *db,
                                         const UdRecord    *record,
                                         GError           **error);

/* The state's label ("Draft") and the names of @states joined as a
 * person reads them: “Submitted” or “Reviewed”. */
char       *ud_workflow_describe_states (const UdWorkflow  *workflow,
                                         const UdKind      *kind,
                                         const char * const *states);

/* The last day of the shortest public notice @step allows from @from
 * (its working days, Monday to Friday), for a form to start with. */
void        ud_workflow_notice_shortest_end (const UdWorkflowStep *step,
                                         const GDate       *from,
                                         GDate             *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdStepChoice, ud_step_choice_free)

G_END_DECLS
