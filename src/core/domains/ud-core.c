/* ud-core.c — starting the core: every domain registers its kinds
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-core.h"
#include "ud-hardship-domain.h"
#include "ud-members-domain.h"
#include "ud-relief-domain.h"
#include "ud-teams-domain.h"
#include "ud-trail.h"

void
ud_core_init (void)
{
  static gsize done;

  if (!g_once_init_enter (&done))
    return;

  /* A domain comes after the domains its kinds refer to: this is also
   * the order in which changes are pushed to the city server.  A new
   * register adds its line here. */
  ud_members_register ();
  ud_relief_register ();
  /* Teams pay their households through the aid batches: before them. */
  ud_teams_register ();
  ud_hardship_register ();

  /* The trail names records of every kind with a workflow: after them. */
  ud_kind_register (&ud_kind_workflow_step);

  g_once_init_leave (&done, 1);
}
