/* ud-hardship-kind.h — what a hardship archive, a household member and a visit are
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-kind.h"

G_BEGIN_DECLS

/* A member household archived as a hardship household (困难职工档案),
 * DOMAIN §4: its incomes, expenses, exclusions and causes, the category
 * the rule computes and the one chosen, and its workflow. */
extern const UdKind ud_kind_hardship_archive;
/* A person of an archived household (家庭成员), a child row of an archive. */
extern const UdKind ud_kind_hardship_household_member;
/* A follow-up visit (走访) to an archived household, every 6 months. */
extern const UdKind ud_kind_hardship_visit;

/* Months between two visits, and of the follow-up after leaving. */
#define UD_HARDSHIP_VISIT_MONTHS 6

G_END_DECLS
