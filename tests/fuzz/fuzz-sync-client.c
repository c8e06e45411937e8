/* fuzz-sync-client.c — libFuzzer target: a pull page from the city
 * server, read and applied to an office database
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "ud-core.h"
#include "ud-database.h"
#include "ud-sync-json.h"
#include "ud-sync-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static UdDatabase *office;
static UdSyncRunState state;

static void
open_office (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fuzz-sync-client-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);

  /* The kinds an office stores, as the app registers them: what a page
   * brings is checked like a typed record of its kind. */
  ud_core_init ();
  office = ud_database_open (path, NULL);
  if (office == NULL)
    abort ();
  ud_database_initialize_office (office, "110118", "Miyun", NULL);
  _ud_sync_store_begin_run (office, "https://sync.example.org", &state, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(UdSyncJson) page = NULL;
  UdSyncSummary summary = { 0 };
  gboolean more = FALSE;

  if (office == NULL)
    open_office ();

  page = _ud_sync_json_parse ((const char *) data, size, NULL);
  if (page == NULL)
    return 0;

  /* Every record in it goes through the same checks as a typed one; what
   * fails is refused, never half-applied (the transaction rolls back). */
  _ud_sync_store_apply_page (office, &state, page, &more, &summary, NULL);

  return 0;
}
