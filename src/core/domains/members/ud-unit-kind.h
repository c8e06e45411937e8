/* ud-unit-kind.h — what a grassroots union is: the unit kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-kind.h"

G_BEGIN_DECLS

/* A grassroots union or work unit (基层工会, DOMAIN §1): name, the GB
 * 32100 unified social credit code, street or township, type and
 * contact.  Members name their unit. */
extern const UdKind ud_kind_unit;

G_END_DECLS
