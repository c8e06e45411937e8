/* ud-members-domain.c — the members domain: the roll and the grassroots units
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-members-domain.h"
#include "ud-honour-kind.h"
#include "ud-member-kind.h"
#include "ud-unit-kind.h"

void
ud_members_register (void)
{
  /* Units first: a member names its unit. */
  ud_kind_register (&ud_kind_unit);
  ud_kind_register (&ud_kind_member);
  /* A member's honours name the member. */
  ud_kind_register (&ud_kind_member_honour);
}
