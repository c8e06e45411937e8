/* ud-teams-domain.h — the model-worker poverty-relief teams
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the teams, their members, assisted households, activities
 * and projects (ud_core_init(), before the aid payments that name the
 * households). */
void        ud_teams_register   (void);

G_END_DECLS
