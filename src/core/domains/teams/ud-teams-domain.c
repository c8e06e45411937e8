/* ud-teams-domain.c — the model-worker poverty-relief teams
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-teams-domain.h"
#include "ud-team-kind.h"

void
ud_teams_register (void)
{
  /* A team first: the others name it. */
  ud_kind_register (&ud_kind_team);
  ud_kind_register (&ud_kind_team_member);
  ud_kind_register (&ud_kind_assisted_household);
  ud_kind_register (&ud_kind_team_activity);
  ud_kind_register (&ud_kind_team_project);
}
