/* ud-core.h — starting the core: every domain registers its kinds
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the kinds of every domain (ud-kind.h) so that sync, audit,
 * import and export, the server and the app find them.  Each program
 * calls it once at start, before it starts threads; later calls do
 * nothing. */
void  ud_core_init  (void);

G_END_DECLS
