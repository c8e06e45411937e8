/* ud-members-domain.h — the members domain: the roll and the grassroots units
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the unit and member kinds (ud_core_init() calls it). */
void  ud_members_register  (void);

G_END_DECLS
