/* ud-illness-error.c — what the relief applications' code refuses
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-illness-error.h"

G_DEFINE_QUARK (ud-illness-error-quark, ud_illness_error)
