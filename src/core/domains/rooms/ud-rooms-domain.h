/* ud-rooms-domain.h — the mother-and-baby rooms register
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the rooms and what belongs to them: after the units they
 * name. */
void ud_rooms_register (void);

G_END_DECLS
