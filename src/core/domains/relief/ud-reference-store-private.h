/* ud-reference-store-private.h — what the application store asks of the reference tables
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-reference-store.h"

G_BEGIN_DECLS

/* Within a transaction: the names of the versions of each table in force
 * on @date (YYYY-MM-DD), indexed by UdReferenceKind; "" where none is.
 * With @mark_in_use, those versions are marked as used by a decision.
 * Free with g_strfreev(). */
char  **_ud_reference_versions_in_force (UdDatabase  *db,
                                         const char  *date,
                                         gboolean     mark_in_use,
                                         GError     **error);

G_END_DECLS
