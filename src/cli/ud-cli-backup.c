/* ud-cli-backup.c — backup, restore and check
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ud-backup.h"
#include "ud-cli.h"

int
ud_cli_backup (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2 || argv[1][0] == '-')
    return ud_cli_usage ("backup FILE");

  db = ud_cli_open_db (ctx, FALSE);
  if (db == NULL)
    return UD_CLI_FAILED;

  if (!ud_backup_create (db, argv[1], NULL, &error))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  printf (_("Backup written to %s\n"), argv[1]);
  return UD_CLI_OK;
}

int
ud_cli_restore (UdCliContext  *ctx,
                int            argc,
                char         **argv)
{
  g_autofree char *safety = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2 || argv[1][0] == '-')
    return ud_cli_usage ("restore FILE");

  if (!ud_backup_restore (argv[1], ctx->db_path, &safety, NULL, &error))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  printf (_("Restored %s from %s; the data from before is kept in %s\n"),
          ctx->db_path, argv[1], safety);
  return UD_CLI_OK;
}

int
ud_cli_check (UdCliContext  *ctx,
              int            argc,
              char         **argv)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = ctx->db_path;

  if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
    return ud_cli_usage ("check [FILE]");
  if (argc == 2)
    path = argv[1];

  if (!ud_backup_check_file (path, &problems, &error))
    {
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        fprintf (stderr, "  %s\n", (const char *) g_ptr_array_index (problems, i));
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  printf (_("%s: integrity check passed\n"), path);
  return UD_CLI_OK;
}
