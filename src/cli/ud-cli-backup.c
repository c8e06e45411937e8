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

#define BACKUP_USAGE "backup FILE | backup --auto [--folder DIR]"

/* `backup --auto` is for a daily scheduled job: it writes a backup when
 * the newest in the folder is a day old, and prunes the old ones. */
static int
backup_auto (UdDatabase *db,
             const char *folder)
{
  g_autofree char *default_folder = NULL;
  g_autofree char *made = NULL;
  g_autoptr(GError) error = NULL;

  if (folder == NULL)
    folder = default_folder = ud_backup_default_folder ();

  if (!ud_backup_auto (db, folder, NULL, &made, &error))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  if (made != NULL)
    printf (_("Backup written to %s\n"), made);
  else
    printf (_("No backup was due: the newest in %s is less than a day old.\n"), folder);

  return UD_CLI_OK;
}

int
ud_cli_backup (UdCliContext  *ctx,
               int            argc,
               char         **argv)
{
  gboolean automatic = FALSE;
  g_autofree char *folder = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "auto", 0, 0, G_OPTION_ARG_NONE, &automatic, N_("Back up only when the newest backup is a day old, and prune old ones"), NULL },
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder, N_("Folder of the automatic backups"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new ("FILE");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) ||
      (automatic ? argc != 1 : argc != 2 || folder != NULL))
    return ud_cli_usage (BACKUP_USAGE);

  db = ud_cli_open_db (ctx, FALSE);
  if (db == NULL)
    return UD_CLI_FAILED;

  if (automatic)
    return backup_auto (db, folder);

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

  if (!ud_backup_restore (argv[1], ctx->db_path, NULL, &safety, NULL, &error))
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
