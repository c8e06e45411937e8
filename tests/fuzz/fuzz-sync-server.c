/* fuzz-sync-server.c — libFuzzer target: the body of a push, as the city
 * server reads it before anything touches PostgreSQL
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "ud-core.h"
#include "ud-server-json.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The kinds the server knows, as uniondesk-server registers them. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  ud_core_init ();
  return 0;
}

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
