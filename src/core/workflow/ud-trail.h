/* ud-trail.h — the one workflow trail of every kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-database.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* Each step a record goes through (created, submitted, reviewed …) is a
 * record of ud_kind_workflow_step in the table workflow_step: written
 * once, never changed nor deleted, synced so that every office of the
 * district sees the trail.  Its parent is the record it is the step of,
 * of any kind with a workflow. */
extern const UdKind ud_kind_workflow_step;

/* One step of a trail, as a trail shows it. */
typedef struct
{
  char *uuid;
  char *step;        /* the step's name: create, submit, street, review, return … */
  char *actor;       /* the account (or operating-system user) that recorded it */
  char *actor_name;  /* that account's display name, else the same as actor */
  char *at;          /* UTC ISO 8601, when it was recorded */
  char *opinion;
  char *signer;      /* who signed it on paper */
  char *signed_on;   /* YYYY-MM-DD, the date the opinion carries */
} UdTrailStep;

void       ud_trail_step_free  (UdTrailStep    *step);

/* The trail of @kind's record @uuid, oldest first.  Needs the view
 * permission of @kind. */
GPtrArray *ud_trail_list       (UdDatabase     *db,
                                const UdKind   *kind,
                                const char     *uuid,
                                GError        **error);

/* Within a transaction: appends the step @step of @record to its trail,
 * with its opinion (NULL: none; a signed_on NULL is today), the actor and
 * the time, its outbox entry and audit entry. */
gboolean   _ud_trail_add       (UdDatabase     *db,
                                const UdRecord *record,
                                const char     *step,
                                const char     *opinion,
                                const char     *signer,
                                const char     *signed_on,
                                GError        **error);

/* Appends to @steps the stored steps of @kind's record @uuid, as records
 * of ud_kind_workflow_step, without a permission check (the sync client
 * checks what arrives with them). */
gboolean   _ud_trail_read      (UdDatabase     *db,
                                const UdKind   *kind,
                                const char     *uuid,
                                GPtrArray      *steps,
                                GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdTrailStep, ud_trail_step_free)

G_END_DECLS
