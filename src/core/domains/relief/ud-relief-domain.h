/* ud-relief-domain.h — the relief domain: serious-illness relief
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the illness application kind (ud_core_init() calls it,
 * after the members domain: an application names a member). */
void  ud_relief_register  (void);

G_END_DECLS
