/* ud-relief-domain.c — the relief domain: serious-illness relief
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-relief-domain.h"
#include "ud-illness-kind.h"

void
ud_relief_register (void)
{
  ud_kind_register (&ud_kind_illness_application);
}
