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

G_END_DECLS
