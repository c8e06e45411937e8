/* fuzz-sync-server.c — libFuzzer target: the body of a push, as the city
 * server reads and checks it before anything touches PostgreSQL
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

  /* Then every change is checked like a typed record, as with nothing
   * stored yet (ud-received.h): each refused one says why. */
  if (push != NULL)
    {
      const UdReceivedStore nothing_stored = { NULL, };

      if (!ud_server_push_check (push, &nothing_stored, NULL))
        __builtin_trap ();
      for (guint i = 0; i < push->changes->len; i++)
        {
          const UdServerChange *change = g_ptr_array_index (push->changes, i);

          if (change->refusal != NULL && *change->refusal == '\0')
            __builtin_trap ();
        }
    }
  ud_server_push_free (push);

  return 0;
}
