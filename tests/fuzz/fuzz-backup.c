/* fuzz-backup.c — libFuzzer target: a file offered as a backup, checked
 * as check and restore check it (integrity, foreign keys, the schema the
 * migrations build, the audit trail's hash chain)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>

#include "ud-backup.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *path;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (path == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("fuzz-backup-XXXXXX", NULL);

      path = g_build_filename (dir, "backup.db", NULL);
    }

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    return 0;
  ok = ud_backup_check_file (path, &problems, &error);
  if (ok == (error != NULL))
    __builtin_trap ();
  g_unlink (path);

  return 0;
}
