/* ud-io-error.c — errors of the table import/export area
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-io-error"

#include "config.h"

#include "ud-io-error.h"

G_DEFINE_QUARK (ud-io-error-quark, ud_io_error)
