/* ud-secret.c — passwords and tokens held in memory
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-secret"

#include "config.h"

#include <string.h>

#include "ud-secret.h"

void
ud_secret_free (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}
