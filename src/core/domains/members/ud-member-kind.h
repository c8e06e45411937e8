/* ud-member-kind.h — what a member of the roll is: the member kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-kind.h"

G_BEGIN_DECLS

/* A member of the union (DOMAIN §1): name, sex and birth date (from the
 * ID number), the GB 11643 ID number that identifies the person, phone,
 * work unit, joined date, service card, employment, status, model-worker
 * title and notes; the member's honours are records of their own
 * (ud-honour-kind.h). */
extern const UdKind ud_kind_member;

/* The model-worker titles (the member's "model_worker" field), which a
 * team's member carries as its title level. */
#define UD_MEMBER_N_MODEL_WORKER_CHOICES 10
extern const UdChoice ud_member_model_worker_choices[UD_MEMBER_N_MODEL_WORKER_CHOICES];

G_END_DECLS
