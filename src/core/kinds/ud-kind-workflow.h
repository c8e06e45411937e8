/* ud-kind-workflow.h — the states and steps of a kind's records
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-types.h"

G_BEGIN_DECLS

/* Applications and archives go through states (DESIGN §4): draft →
 * submitted → reviewed → approved → paid.  A kind's workflow is a table
 * of steps, each saying from which states it may be taken, to which state
 * it leads, who may take it, what it asks for, and which separation of
 * duties it keeps.  The engine that takes the steps and keeps the one
 * trail of every kind is ud-workflow.h; the kind only describes. */

/* An opinion as it stands on the paper form, or as the acting person
 * gives it. */
typedef struct
{
  const char *opinion;     /* the text */
  const char *signer;      /* NULL: blank for an opinion copied from paper,
                            * else the acting account's name */
  const char *signed_on;   /* YYYY-MM-DD, the date written on the paper;
                            * NULL: today */
} UdStepOpinion;

typedef enum
{
  UD_OPINION_NONE,         /* the step records no opinion */
  UD_OPINION_REQUIRED,
} UdOpinionNeed;

/* Another opinion copied from paper that a step records before its own
 * (the street or township union's, entered at the review). */
typedef struct
{
  const char *step;        /* its trail entry: "street" */
  const char *label;       /* N_(): "Opinion of the street or township union" */
  gboolean    required;
} UdPaperOpinion;

/* Separation of duties: the account named in @field (who created, who
 * reviewed) may not take the step. */
typedef struct
{
  const char *field;
  /* N_(), with the acting person's name as %s: "“%s” created this
   * application and so may not approve it: another approver must decide." */
  const char *refusal;
} UdDutyRule;

/* A field a step asks for (the approved amount, the day paid), stored on
 * the record. */
typedef struct
{
  const char *field;
  gboolean    required;
  /* A date that may lie ahead (the last day of a notice still running). */
  gboolean    future_allowed;
  /* N_(): what to write, said when the field is missing or too long:
   * "give the transfer or receipt number"; NULL: the usual sentences. */
  const char *hint;
} UdStepField;

/* What the person taking a step gives. */
typedef struct
{
  UdStepOpinion          opinion;
  const UdStepOpinion   *papers;        /* one per step->papers; an empty opinion: none given */
  const char * const *values;       /* one per step->fields, as typed, or NULL */
} UdStepInput;

typedef struct _UdWorkflowStep UdWorkflowStep;

struct _UdWorkflowStep
{
  const char             *name;          /* "approve": its trail entry and the app's action */
  const char             *label;         /* N_(): the button, "Approve" */
  const char             *trail_label;   /* N_(): the trail, "Approved" */
  const char * const     *from;          /* the states it may be taken in */
  const char             *to;            /* the state it leads to; NULL: the state stays */
  /* Who may take it: an account with any of these permissions. */
  UdPermission            permission;
  UdPermission            other_permission;
  gboolean                has_other_permission;
  UdOpinionNeed           opinion;
  const char             *opinion_label; /* N_(): "Opinion of the grassroots union" */
  /* The opinion is copied from a signed paper: its signer stays blank
   * unless given, and it carries the date written on the paper. */
  gboolean                from_paper;
  const UdPaperOpinion   *papers;
  guint                   n_papers;
  const UdDutyRule       *duties;
  guint                   n_duties;
  const UdStepField      *fields;
  guint                   n_fields;
  /* A public notice: its first and last day are the first two @fields,
   * at least this many working days (Monday to Friday) apart; 0: none.
   * Its trail entry says the period. */
  guint                   notice_working_days;
  /* What its trail entry records when it gives no opinion: a field's
   * value as the text (the receipt number) and another's as the date
   * (the day paid). */
  const char             *trail_text_field;
  const char             *trail_date_field;
  /* Set to the acting account's user name (reviewed_by, decided_by). */
  const char             *actor_field;
  /* Set to the day the step is taken (decided_on). */
  const char             *date_field;
  /* The domain's own rules for the step, within its transaction, on
   * @record — a copy of the stored record already in its new state, with
   * the fields the step asked for — and @opinion, the step's opinion as
   * stored (or NULL): a refusal names the rule (documents missing, not
   * eligible, the fund too small); or it fills in what the step decides
   * (the amount, the reason of a return). */
  gboolean              (*apply)        (UdDatabase          *db,
                                         const UdWorkflowStep *step,
                                         UdRecord            *record,
                                         const char          *opinion,
                                         GError             **error);
};

struct _UdWorkflow
{
  const char             *state_field;     /* "status", a choice field */
  const char             *initial_state;   /* "draft": where a record starts, and comes back when returned */
  /* How a record is named in a sentence: N_("Application") and the field
   * that names one ("serial"): "Application 大病-… is “Draft”". */
  const char             *noun;
  const char             *name_field;
  const char             *created_step;    /* the trail entry of a new record: "create" */
  const char             *created_label;   /* N_(): "Created" */
  const char             *creator_field;   /* the account that created it: "created_by" */
  const char * const     *editable_states; /* its fields may be changed only then */
  const char * const     *deletable_states;
  const UdWorkflowStep   *steps;
  guint                   n_steps;
};

/* The step named @name, or NULL. */
const UdWorkflowStep *ud_workflow_find_step   (const UdWorkflow *workflow,
                                               const char       *name);
/* The opinion copied from paper that a step records under @name (its
 * trail entry: "street"), or NULL. */
const UdPaperOpinion *ud_workflow_find_paper  (const UdWorkflow *workflow,
                                               const char       *name);
/* The translated label of a trail entry: a step's trail label, the paper
 * opinions' labels, "Created"; an unknown name comes back as it is. */
const char           *ud_workflow_trail_label (const UdWorkflow *workflow,
                                               const char       *step);

G_END_DECLS
