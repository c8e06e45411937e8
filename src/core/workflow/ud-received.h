/* ud-received.h — a record that arrives from elsewhere, checked like a typed one
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-database.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* A record pushed to the city server or pulled by an office was made by
 * another program, which may not be UnionDesk.  Before it is stored, the
 * city server and every receiving office check it with the same kind
 * description and rules the editor uses, and with the workflow's
 * invariants, which a typed record keeps by being taken through the
 * steps:
 *
 * - every field in its stored form (choices, dates, numbers, money,
 *   lengths), those the workflow fills in too, the required ones, and the
 *   kind's checks across fields (ud_record_check());
 * - a record with a workflow is in its state only through its steps: its
 *   trail — the steps stored and those arriving with it, in the order of
 *   their version stamps, which follow cause and effect across offices —
 *   starts with the record's creation and leads step by step, each from a
 *   state it may be taken in, to the record's state; the accounts the
 *   record names (who created, reviewed, decided) are those of the trail;
 *   the fields a step asks for are filled in;
 * - separation of duties, as far as a receiver can know: accounts belong
 *   to one office and their roles are not synced, so what is checked is
 *   that the steps' actors differ where a duty rule says so;
 * - the domain's own rules (UdKindHooks.received): an amount within the
 *   rules and, in an office, within its fund.
 *
 * A tombstone is checked field by field for the values it carries. */

/* Where the records that arrive are stored: the receiving office's
 * database, or the city server's. */
typedef struct
{
  /* The receiving office's database, or NULL on the city server. */
  UdDatabase *db;
  /* The stored version of @kind's record @uuid; NULL without an error
   * when there is none. */
  UdRecord *(*stored)       (gpointer       user_data,
                             const UdKind  *kind,
                             const char    *uuid,
                             GError       **error);
  /* Appends to @steps (records of ud_kind_workflow_step) the stored steps
   * of the trail of @kind's record @uuid. */
  gboolean  (*stored_trail) (gpointer       user_data,
                             const UdKind  *kind,
                             const char    *uuid,
                             GPtrArray     *steps,
                             GError       **error);
  gpointer    user_data;
} UdReceivedStore;

/* The records that arrive together — a push's batch, a pulled page — are
 * checked together, with what is stored, whatever their order: a record
 * with a workflow with its trail's steps stored and arriving; a step
 * arriving without its record with the record as stored; a step whose
 * record is refused, or that its stored record's trail does not admit,
 * is refused with it.  The outcome does not depend on the order of
 * arrival, so that the city server and every office decide alike. */
typedef struct _UdReceivedBatch UdReceivedBatch;

UdReceivedBatch *ud_received_batch_new     (const UdReceivedStore *store);
void             ud_received_batch_free    (UdReceivedBatch       *batch);
/* Adds a record that arrives (a reference is kept).  It is checked
 * (and normalised in place) by ud_received_batch_check(). */
void             ud_received_batch_add     (UdReceivedBatch       *batch,
                                            UdRecord              *record);
/* Checks every record added.  FALSE only when what is stored could not
 * be read (@error set). */
gboolean         ud_received_batch_check   (UdReceivedBatch       *batch,
                                            GError               **error);
/* Why @record, added to @batch, was refused — one sentence naming the
 * record, the field and the rule — or NULL when it was accepted. */
const char      *ud_received_batch_refusal (UdReceivedBatch       *batch,
                                            const UdRecord        *record);

/* The problems found in @record (UdIssue, each naming its field), or
 * NULL when it was accepted or refused only with its record. */
GPtrArray       *ud_received_batch_issues  (UdReceivedBatch       *batch,
                                            const UdRecord        *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdReceivedBatch, ud_received_batch_free)

G_END_DECLS
