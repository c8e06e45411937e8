/* ud-team-kind.h — what a model-worker poverty-relief team and its records are
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-kind.h"

G_BEGIN_DECLS

/* A model-worker poverty-relief team (劳模扶贫队, DOMAIN §6): name, founded,
 * captain, responsible union, paired locality, status. */
extern const UdKind ud_kind_team;
/* A model worker of the roll in a team: title level (copied from the
 * member), field of expertise, role. */
extern const UdKind ud_kind_team_member;
/* A household the team assists: head, village, size, poverty cause,
 * poverty registration number (建档立卡), contact.  Paid through the aid
 * batches (ud-aid-store.h) as recipient class "assisted_household". */
extern const UdKind ud_kind_assisted_household;
/* What the team did: date, type, place, members who took part,
 * households reached, money and goods value, summary. */
extern const UdKind ud_kind_team_activity;
/* A project given (bee colonies), with its value. */
extern const UdKind ud_kind_team_project;

G_END_DECLS
