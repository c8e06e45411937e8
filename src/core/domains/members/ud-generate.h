/* ud-generate.h — realistic, fictitious rosters for benchmarks and tests
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-database.h"

G_BEGIN_DECLS

/* @n data rows of a member roster with the Chinese header of DOMAIN §1:
 * valid ID numbers (Beijing address codes), names drawn by surname
 * frequency, phones, service cards passing Luhn, a few hundred units.
 * Row 0 is the header.  The same @seed gives the same rows. */
GPtrArray *ud_generate_roster  (guint        n,
                                guint32      seed);

/* Writes @n generated members through the store's own write path (index,
 * outbox, audit) in one transaction. */
gboolean   ud_generate_members (UdDatabase  *db,
                                guint        n,
                                guint32      seed,
                                GError     **error);

G_END_DECLS
