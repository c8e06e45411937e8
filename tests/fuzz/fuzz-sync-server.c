/* fuzz-sync-server.c — libFuzzer target: the body of a push, as the city
 * server reads it before anything touches PostgreSQL
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "ud-server-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  UdServerPush *push;

  if (size > UD_SERVER_MAX_BODY)
    return 0;

  push = ud_server_push_parse ((const char *) data, size, &error);
  /* A push or a reason, never both, never neither. */
  if ((push == NULL) == (error == NULL))
    __builtin_trap ();
  ud_server_push_free (push);

  return 0;
}
