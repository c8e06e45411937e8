/* ud-hardship-domain.h — the hardship domain: archives and aid paid in batches
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

G_BEGIN_DECLS

/* Registers the hardship archives, their household members and visits,
 * and the aid programmes, batches and payments (ud_core_init()). */
void        ud_hardship_register   (void);

G_END_DECLS
