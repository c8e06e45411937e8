/* ud-secret.h — passwords and tokens held in memory
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Overwrites a password or token, then frees it; %NULL is fine.
 * explicit_bzero(), which the compiler may not drop before the free the
 * way it may drop a memset(). */
void ud_secret_free (char *secret);

G_END_DECLS
