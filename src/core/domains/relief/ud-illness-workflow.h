/* ud-illness-workflow.h — the steps of a relief application (DESIGN §4)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-kind-workflow.h"

G_BEGIN_DECLS

/* draft → submitted → reviewed → approved → paid
 *                             ↘ rejected
 * (submitted or reviewed can be returned to draft, with the reason; the
 * public notice is recorded once reviewed).  The table of steps, with
 * what the relief rules add to each: the fields needed to submit, the
 * documents and the hospital's grade to review, eligibility, the amount
 * and the fund to approve, the day paid after the decision.  The engine
 * that takes them is ud-workflow.h. */
extern const UdWorkflow _ud_illness_workflow;

/* UdKindHooks.received: an application that arrives from elsewhere is
 * granted an amount only once approved, within the rules in force on its
 * date (the office's reference tables; on the city server, with @db
 * NULL, the rules shipped with it), paid not before the decision, and —
 * in an office with a budget for the year — within what the fund has
 * left. */
void _ud_illness_received (UdDatabase *db,
                           UdRecord   *record,
                           GPtrArray  *issues);

G_END_DECLS
