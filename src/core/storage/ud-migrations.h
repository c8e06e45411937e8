/* ud-migrations.h — schema versions of the office database (private)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* _ud_migrations[n] takes a database from user_version n to n + 1. */
extern const char * const _ud_migrations[];
extern const guint _ud_n_migrations;

G_END_DECLS
