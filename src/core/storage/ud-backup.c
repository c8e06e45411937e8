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
#include <stdio.h>
#include <unistd.h>

#include "ud-backup.h"
#include "ud-account.h"
#include "ud-audit-detail.h"
#include "ud-database-private.h"
#include "ud-json.h"
#include "ud-migrations.h"
#include "ud-permission.h"

#define AUTO_PREFIX   "uniondesk-"
#define AUTO_SUFFIX   ".db"
#define AUTO_PARTIAL  ".db.partial"
#define KEEP_NEWEST   14
#define KEEP_MONTHS   12

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

  /* SQLite would wait forever on a named pipe and read a device. */
  if (!ud_file_check_regular (path, &local_error))
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_OPEN, "%s.", local_error->message);
      return FALSE;
    }

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

  if (!ud_database_check (db, &found, &local_error))
    {
      /* Damage bad enough that the check itself stops. */
      if (g_error_matches (local_error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT))
        g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT,
                     _("“%s” failed the integrity check: the file is damaged."), path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (problems != NULL)
    *problems = g_ptr_array_ref (found);

  /* The sentence names the first problem; @problems has them all. */
  if (found->len == 1)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT,
                   /* TRANSLATORS: a file, then what is wrong with it */
                   _("“%s” failed the integrity check: %s."),
                   path, (const char *) g_ptr_array_index (found, 0));
      return FALSE;
    }
  if (found->len > 1)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT,
                   /* TRANSLATORS: a file, what is wrong with it, and how
                    * many more problems were found */
                   ngettext ("“%s” failed the integrity check: %s, and %u more problem.",
                             "“%s” failed the integrity check: %s, and %u more problems.",
                             found->len - 1),
                   path, (const char *) g_ptr_array_index (found, 0), found->len - 1);
      return FALSE;
    }

  return TRUE;
}

/* Written beside the target, checked and renamed: a backup is whole and
 * sound, or absent. */
static gboolean
write_checked_copy (sqlite3       *from,
                    const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *tmp = g_strconcat (path, ".partial", NULL);

  if (!copy_database (from, tmp, cancellable, error))
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

  return TRUE;
}

/* The photos kept beside a database (photos/<record>/<file>, each file
 * named by its content: see domains/rooms/ud-room-photo-files.h) go
 * beside its backups, and back beside the database on a restore: every
 * file of @from's "photos" folder not yet in @to's is copied (through a
 * ".partial" file renamed, so that a file there is whole).  Files there
 * already are the same pictures and stay; nothing is deleted; only
 * regular files and folders, never a link.  The number of files copied
 * goes in *@n_copied. */
static gboolean
copy_photos (const char    *from,
             const char    *to,
             guint         *n_copied,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *from_photos = g_build_filename (from, "photos", NULL);
  g_autofree char *to_photos = g_build_filename (to, "photos", NULL);
  g_autoptr(GDir) records = NULL;
  const char *record;

  *n_copied = 0;
  if (!g_file_test (from_photos, G_FILE_TEST_IS_DIR) || g_file_test (from_photos, G_FILE_TEST_IS_SYMLINK))
    return TRUE;
  if ((records = g_dir_open (from_photos, 0, error)) == NULL)
    return FALSE;

  while ((record = g_dir_read_name (records)) != NULL)
    {
      g_autofree char *from_record = g_build_filename (from_photos, record, NULL);
      g_autofree char *to_record = g_build_filename (to_photos, record, NULL);
      g_autoptr(GDir) files = NULL;
      const char *name;

      if (!g_file_test (from_record, G_FILE_TEST_IS_DIR) || g_file_test (from_record, G_FILE_TEST_IS_SYMLINK))
        continue;
      if ((files = g_dir_open (from_record, 0, error)) == NULL)
        return FALSE;
      while ((name = g_dir_read_name (files)) != NULL)
        {
          g_autofree char *from_path = g_build_filename (from_record, name, NULL);
          g_autofree char *to_path = g_build_filename (to_record, name, NULL);
          g_autofree char *partial = NULL;
          g_autoptr(GFile) source = NULL;
          g_autoptr(GFile) target = NULL;

          if (g_str_has_suffix (name, ".partial") || g_file_test (from_path, G_FILE_TEST_IS_SYMLINK) ||
              !g_file_test (from_path, G_FILE_TEST_IS_REGULAR) || g_file_test (to_path, G_FILE_TEST_EXISTS))
            continue;
          if (g_mkdir_with_parents (to_record, 0700) != 0)
            {
              int saved_errno = errno;

              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           _("The photos folder “%s” cannot be made: %s."), to_record, g_strerror (saved_errno));
              return FALSE;
            }
          partial = g_strconcat (to_path, ".partial", NULL);
          source = g_file_new_for_path (from_path);
          target = g_file_new_for_path (partial);
          /* All metadata: the copy stays 0600. */
          if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_ALL_METADATA | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                            cancellable, NULL, NULL, error))
            {
              g_unlink (partial);
              return FALSE;
            }
          if (g_rename (partial, to_path) != 0)
            {
              int saved_errno = errno;

              g_unlink (partial);
              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           _("The photo “%s” could not be copied: %s."), to_path, g_strerror (saved_errno));
              return FALSE;
            }
          (*n_copied)++;
        }
    }

  return TRUE;
}

static gboolean
write_backup (UdDatabase    *db,
              const char    *path,
              const char    *how,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *detail = NULL;

  g_autofree char *db_folder = g_path_get_dirname (ud_database_get_path (db));
  g_autofree char *backup_folder = g_path_get_dirname (path);
  g_autofree char *copied = NULL;
  guint n_copied = 0;

  if (!write_checked_copy (ud_database_get_handle (db), path, cancellable, error))
    return FALSE;
  /* The photos beside the database, beside the backup. */
  if (!copy_photos (db_folder, backup_folder, &n_copied, cancellable, error))
    {
      g_prefix_error (error, _("The database was backed up as “%s”, but not its photos: "), path);
      return FALSE;
    }

  copied = n_copied > 0 ? g_strdup_printf ("%u", n_copied) : NULL;
  detail = ud_audit_detail_new ("backup", "file", path, "photos_copied", copied, "how", how, NULL);
  return ud_database_audit (db, "backup", NULL, NULL, NULL, NULL, NULL, detail, error);
}

gboolean
ud_backup_create (UdDatabase    *db,
                  const char    *path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A backup holds every ID number of the office, wherever it is put. */
  if (!ud_database_require (db, UD_PERMISSION_BACKUP_RESTORE, error))
    return FALSE;

  return write_backup (db, path, NULL, cancellable, error);
}

/* Keeps the database at @db_path as @safety before a restore replaces
 * it: through the backup API when it can be read, else — it is damaged,
 * which is why it is being restored — as a plain copy of its files, the
 * most that can be saved of it. */
static gboolean
keep_current (const char    *db_path,
              const char    *safety,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *suffixes[] = { "", "-wal" };
  sqlite3 *current = NULL;
  gboolean copied = FALSE;

  if (sqlite3_open_v2 (db_path, &current, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    copied = copy_database (current, safety, cancellable, &local_error);
  sqlite3_close (current);
  if (copied)
    return TRUE;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_debug ("Keeping %s as plain files: %s", db_path, local_error != NULL ? local_error->message : "cannot open");

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from_path = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *to_path = g_strconcat (safety, suffixes[i], NULL);
      g_autoptr(GFile) from = g_file_new_for_path (from_path);
      g_autoptr(GFile) to = g_file_new_for_path (to_path);

      if (i > 0 && !g_file_test (from_path, G_FILE_TEST_EXISTS))
        continue;
      /* All metadata: the copy stays 0600 like the database. */
      if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE | G_FILE_COPY_ALL_METADATA,
                        cancellable, NULL, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* The part of a restore that replaces the files, under the lock. */
static gboolean
restore_locked (const char    *backup_path,
                const char    *db_path,
                GCancellable  *cancellable,
                char         **safety_out,
                GError       **error)
{
  g_autoptr(UdDatabase) backup = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *restoring = NULL;
  const char *stale[] = { "-wal", "-shm" };

  /* Whatever is there now is kept before it is replaced. */
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      now = g_date_time_new_now_local ();
      stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      safety = g_strdup_printf ("%s.before-restore-%s", db_path, stamp);
      if (!keep_current (db_path, safety, cancellable, error))
        {
          g_prefix_error (error, _("The current data could not be saved before restoring, so nothing was changed. "));
          return FALSE;
        }
    }

  /* The backup is copied beside the database and renamed over it, so that
   * a damaged database is replaced whole, whatever state it is in. */
  backup = ud_database_open_readonly (backup_path, error);
  if (backup == NULL)
    return FALSE;
  restoring = g_strconcat (db_path, ".restoring", NULL);
  if (!copy_database (ud_database_get_handle (backup), restoring, cancellable, error))
    return FALSE;
  g_clear_object (&backup);

  /* The old write-ahead log belongs to the old file: replayed onto the
   * restored one it would corrupt it. */
  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    {
      g_autofree char *path = g_strconcat (db_path, stale[i], NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_unlink (restoring);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("The backup could not be restored: “%s” cannot be removed (%s). Close every UnionDesk window and try again."),
                       path, g_strerror (saved_errno));
          return FALSE;
        }
    }
  if (g_rename (restoring, db_path) != 0)
    {
      int saved_errno = errno;

      g_unlink (restoring);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The backup could not be restored: %s."), g_strerror (saved_errno));
      return FALSE;
    }

  *safety_out = g_steal_pointer (&safety);
  return TRUE;
}

gboolean
ud_backup_restore (const char    *backup_path,
                   const char    *db_path,
                   UdSession     *session,
                   char         **safety_copy_path,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(UdDatabase) restored = NULL;
  g_autoptr(GError) photos_error = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *backup_folder = NULL;
  g_autofree char *db_folder = NULL;
  g_autofree char *photos = NULL;
  guint n_copied = 0;
  gboolean ok;
  int lock_fd;

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (db_path != NULL, FALSE);

  if (session != NULL && !ud_session_require (session, UD_PERMISSION_BACKUP_RESTORE, error))
    return FALSE;

  /* Damaged, or from a newer UnionDesk: refused, and nothing touched. */
  if (!ud_backup_check_file (backup_path, NULL, error))
    return FALSE;

  /* The database to itself: nobody may have it open while its files are
   * replaced (ud-database.h). */
  lock_fd = _ud_database_lock_file (db_path, TRUE, error);
  if (lock_fd < 0)
    return FALSE;
  ok = restore_locked (backup_path, db_path, cancellable, &safety, error);
  /* Released before the restored database is opened below, which takes
   * the lock shared like every connection. */
  close (lock_fd);
  if (!ok)
    return FALSE;

  /* The photos beside the backup come back beside the database (those
   * there stay): a photo whose file could not be copied shows as not on
   * this computer; the log and the trail's detail say why. */
  backup_folder = g_path_get_dirname (backup_path);
  db_folder = g_path_get_dirname (db_path);
  if (!copy_photos (backup_folder, db_folder, &n_copied, cancellable, &photos_error))
    {
      g_warning ("The photos beside %s were not copied back: %s", backup_path, photos_error->message);
      photos = g_strdup (photos_error->message);
    }
  else if (n_copied > 0)
    photos = g_strdup_printf ("%u", n_copied);

  /* Opening migrates a backup from an older UnionDesk. */
  restored = ud_database_open (db_path, error);
  if (restored == NULL)
    return FALSE;
  if (session != NULL)
    ud_database_set_session (restored, session);
  detail = ud_audit_detail_new ("restore", "file", backup_path, "kept", safety, "photos_copied", photos, NULL);
  if (!ud_database_audit (restored, "restore", NULL, NULL, NULL, NULL, NULL, detail, error))
    return FALSE;

  if (safety_copy_path != NULL)
    *safety_copy_path = g_steal_pointer (&safety);

  return TRUE;
}

char *
_ud_backup_before_upgrade (sqlite3     *db,
                           const char  *db_path,
                           GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *path = g_strdup_printf ("%s.before-upgrade-%s", db_path, stamp);

  if (!write_checked_copy (db, path, NULL, error))
    return NULL;

  return g_steal_pointer (&path);
}

/* Automatic backups */

void
ud_backup_info_free (UdBackupInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->path);
  g_clear_pointer (&info->time, g_date_time_unref);
  g_free (info);
}

char *
ud_backup_default_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "uniondesk", "backups", NULL);
}

/* The local time in a name uniondesk-YYYYMMDD-HHMMSS followed by
 * @suffix, or NULL for any other file. */
static GDateTime *
time_of_name (const char *name,
              const char *suffix)
{
  int year, month, day, hour, minute, second;
  char tail[16];

  if (!g_str_has_prefix (name, AUTO_PREFIX) ||
      strlen (name) != strlen (AUTO_PREFIX "YYYYMMDD-HHMMSS") + strlen (suffix) ||
      !g_str_has_suffix (name, suffix))
    return NULL;

  if (sscanf (name + strlen (AUTO_PREFIX), "%4d%2d%2d-%2d%2d%2d%15s",
              &year, &month, &day, &hour, &minute, &second, tail) != 7 ||
      strcmp (tail, suffix) != 0)
    return NULL;

  return g_date_time_new_local (year, month, day, hour, minute, second);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const UdBackupInfo *x = *(UdBackupInfo * const *) a;
  const UdBackupInfo *y = *(UdBackupInfo * const *) b;

  return g_date_time_compare (y->time, x->time);
}

static GPtrArray *
list_files (const char  *folder,
            const char  *suffix,
            GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_backup_info_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&found);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The backup folder “%s” cannot be read: %s."), folder, local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      GDateTime *time = time_of_name (name, suffix);
      UdBackupInfo *info;
      GStatBuf st;

      if (time == NULL)
        continue;

      info = g_new0 (UdBackupInfo, 1);
      info->path = g_build_filename (folder, name, NULL);
      info->time = time;
      if (g_stat (info->path, &st) == 0)
        info->size = st.st_size;
      g_ptr_array_add (found, info);
    }

  g_ptr_array_sort (found, newest_first);
  return g_steal_pointer (&found);
}

GPtrArray *
ud_backup_list (const char  *folder,
                GError     **error)
{
  g_return_val_if_fail (folder != NULL, NULL);

  return list_files (folder, AUTO_SUFFIX, error);
}

static gboolean
remove_file (const char  *path,
             GError     **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The old backup “%s” could not be deleted: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static int
month_number (GDateTime *time)
{
  return g_date_time_get_year (time) * 12 + g_date_time_get_month (time) - 1;
}

gboolean
ud_backup_prune (const char  *folder,
                 GDateTime   *now,
                 GError     **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) partial = NULL;
  g_autoptr(GDateTime) present = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GHashTable) months = g_hash_table_new (NULL, NULL);
  int this_month;

  g_return_val_if_fail (folder != NULL, FALSE);

  present = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
  local_now = g_date_time_to_local (present);
  this_month = month_number (local_now);

  backups = list_files (folder, AUTO_SUFFIX, error);
  if (backups == NULL)
    return FALSE;

  /* Newest first, so the first seen of a month is the one it keeps. */
  for (guint i = 0; i < backups->len; i++)
    {
      UdBackupInfo *info = g_ptr_array_index (backups, i);
      int month = month_number (info->time);
      gboolean keep = i < KEEP_NEWEST;

      if (this_month - month < KEEP_MONTHS && this_month >= month &&
          g_hash_table_add (months, GINT_TO_POINTER (month)))
        keep = TRUE;

      if (!keep && !remove_file (info->path, error))
        return FALSE;
    }

  /* A copy cut short by a crash or a full disk is never a backup. */
  partial = list_files (folder, AUTO_PARTIAL, error);
  if (partial == NULL)
    return FALSE;
  for (guint i = 0; i < partial->len; i++)
    {
      UdBackupInfo *info = g_ptr_array_index (partial, i);

      if (g_date_time_difference (local_now, info->time) > G_TIME_SPAN_DAY &&
          !remove_file (info->path, error))
        return FALSE;
    }

  return TRUE;
}

/* Writes uniondesk-YYYYMMDD-HHMMSS.db into @folder — unless @force is
 * FALSE and the newest there is less than a day old — then prunes. */
static gboolean
backup_into_folder (UdDatabase   *db,
                    const char   *folder,
                    GDateTime    *now,
                    gboolean      force,
                    const char   *how,
                    char        **made,
                    GError      **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) present = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  gboolean due = TRUE;

  if (made != NULL)
    *made = NULL;

  present = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
  local_now = g_date_time_to_local (present);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The backup folder “%s” could not be created: %s. Choose another folder in the preferences."),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  backups = list_files (folder, AUTO_SUFFIX, error);
  if (backups == NULL)
    return FALSE;

  if (!force && backups->len > 0)
    {
      UdBackupInfo *newest = g_ptr_array_index (backups, 0);
      GTimeSpan age = g_date_time_difference (local_now, newest->time);

      /* A backup stamped in the future says the clock was wrong: it does
       * not count as recent. */
      due = age >= G_TIME_SPAN_DAY || age < 0;
    }

  if (due)
    {
      name = g_date_time_format (local_now, AUTO_PREFIX "%Y%m%d-%H%M%S" AUTO_SUFFIX);
      path = g_build_filename (folder, name, NULL);
      if (!write_backup (db, path, how, NULL, error))
        return FALSE;
    }

  if (!ud_backup_prune (folder, local_now, error))
    return FALSE;

  if (made != NULL)
    *made = g_steal_pointer (&path);

  return TRUE;
}

gboolean
ud_backup_auto (UdDatabase  *db,
                const char  *folder,
                GDateTime   *now,
                char       **made,
                GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  return backup_into_folder (db, folder, now, FALSE, "automatic", made, error);
}

gboolean
ud_backup_now (UdDatabase  *db,
               const char  *folder,
               GDateTime   *now,
               char       **made,
               GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_BACKUP_RESTORE, error))
    return FALSE;

  return backup_into_folder (db, folder, now, TRUE, "by_hand", made, error);
}
