/* ud-backup.c — backups with SQLite's online backup API
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "ud-backup.h"
#include "ud-migrations.h"

static gboolean
copy_database (sqlite3      *from,
               const char   *to_path,
               GCancellable *cancellable,
               GError      **error)
{
  sqlite3 *to = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  g_unlink (to_path);
  fd = g_open (to_path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create “%s”: %s."), to_path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  if (sqlite3_open_v2 (to_path, &to, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_OPEN,
                   _("Could not write the backup “%s”."), to_path);
      sqlite3_close (to);
      return FALSE;
    }

  backup = sqlite3_backup_init (to, "main", from, "main");
  if (backup == NULL)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_SQL,
                   _("Could not start the backup: %s."), sqlite3_errmsg (to));
      sqlite3_close (to);
      return FALSE;
    }

  /* Copy in steps so that the office keeps working meanwhile. */
  do
    {
      rc = sqlite3_backup_step (backup, 1024);
      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (20000);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  if (rc == SQLITE_DONE)
    rc = sqlite3_exec (to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (to);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (to_path);
      return FALSE;
    }
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_SQL,
                   _("The backup “%s” could not be completed; the disk may be full."), to_path);
      g_unlink (to_path);
      return FALSE;
    }

  return TRUE;
}

gboolean
ud_backup_check_file (const char  *path,
                      GPtrArray  **problems,
                      GError     **error)
{
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  db = ud_database_open_readonly (path, &local_error);
  if (db == NULL)
    {
      if (g_error_matches (local_error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NEWER_SCHEMA))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT,
                     _("“%s” is not a readable UnionDesk database: %s"), path, local_error->message);
      return FALSE;
    }

  if (!ud_database_check (db, &found, error))
    return FALSE;

  if (problems != NULL)
    *problems = g_ptr_array_ref (found);

  if (found->len > 0)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT,
                   ngettext ("“%s” failed the integrity check (%u problem).",
                             "“%s” failed the integrity check (%u problems).",
                             found->len),
                   path, found->len);
      return FALSE;
    }

  return TRUE;
}

gboolean
ud_backup_create (UdDatabase    *db,
                  const char    *path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Written beside the target and renamed: a backup is whole or absent. */
  tmp = g_strconcat (path, ".partial", NULL);
  if (!copy_database (ud_database_get_handle (db), tmp, cancellable, error))
    return FALSE;

  if (!ud_backup_check_file (tmp, NULL, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the backup “%s”: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }

  detail = g_strdup (path);
  return ud_database_audit (db, "backup", NULL, NULL, NULL, NULL, NULL, detail, error);
}

gboolean
ud_backup_restore (const char    *backup_path,
                   const char    *db_path,
                   char         **safety_copy_path,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(UdDatabase) backup = NULL;
  g_autoptr(UdDatabase) current = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *detail = NULL;
  sqlite3_backup *copy;
  int rc;

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (db_path != NULL, FALSE);

  if (!ud_backup_check_file (backup_path, NULL, error))
    return FALSE;

  current = ud_database_open (db_path, error);
  if (current == NULL)
    return FALSE;

  /* Whatever is there now is kept before it is replaced. */
  now = g_date_time_new_now_local ();
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  safety = g_strdup_printf ("%s.before-restore-%s", db_path, stamp);
  if (!copy_database (ud_database_get_handle (current), safety, cancellable, error))
    {
      g_prefix_error (error, _("The current data could not be saved before restoring, so nothing was changed. "));
      return FALSE;
    }

  backup = ud_database_open_readonly (backup_path, error);
  if (backup == NULL)
    return FALSE;

  copy = sqlite3_backup_init (ud_database_get_handle (current), "main",
                              ud_database_get_handle (backup), "main");
  if (copy == NULL)
    {
      ud_database_set_error (current, error, _("restore the backup"));
      return FALSE;
    }
  rc = sqlite3_backup_step (copy, -1);
  sqlite3_backup_finish (copy);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_SQL,
                   _("The backup could not be restored; the data before the attempt is in “%s”."), safety);
      return FALSE;
    }

  detail = g_strdup_printf ("%s (previous data kept in %s)", backup_path, safety);
  g_clear_object (&current);
  current = ud_database_open (db_path, error);
  if (current == NULL ||
      !ud_database_audit (current, "restore", NULL, NULL, NULL, NULL, NULL, detail, error))
    return FALSE;

  if (safety_copy_path != NULL)
    *safety_copy_path = g_steal_pointer (&safety);

  return TRUE;
}
