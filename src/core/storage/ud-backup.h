/* ud-backup.h — backups with SQLite's online backup API
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-database.h"

G_BEGIN_DECLS

/* Copies the live database to @path (0600) with sqlite3_backup_*, never a
 * file copy, then checks the copy.  Needs UD_PERMISSION_BACKUP_RESTORE. */
gboolean  ud_backup_create   (UdDatabase   *db,
                              const char   *path,
                              GCancellable *cancellable,
                              GError      **error);

/* Checks @backup_path (integrity, schema not newer than this build), keeps
 * a backup of the current state next to @db_path, then replaces the
 * database at @db_path with the backup's content.  The database must not
 * be open elsewhere in this process.  @session is who asks (NULL for the
 * CLI's operating-system user): it needs UD_PERMISSION_BACKUP_RESTORE.
 * The accounts come back as they were in the backup, like everything
 * else. */
gboolean  ud_backup_restore  (const char   *backup_path,
                              const char   *db_path,
                              UdSession    *session,
                              char        **safety_copy_path,
                              GCancellable *cancellable,
                              GError      **error);

/* integrity_check + foreign_key_check + schema version of a file. */
gboolean  ud_backup_check_file (const char *path,
                              GPtrArray   **problems,
                              GError      **error);

/* Automatic backups: uniondesk-YYYYMMDD-HHMMSS.db (local time) in a
 * folder of their own. */

/* $XDG_DATA_HOME/uniondesk/backups */
char     *ud_backup_default_folder (void);

/* On start: when the newest automatic backup in @folder is a day old or
 * more (or there is none), writes a new one, then prunes.  @now NULL is
 * the present (tests pass a fake clock).  The folder is created 0700, the
 * files are 0600.  @made returns the new file's path, or NULL when no
 * backup was due.  A system job: needs no permission, and is recorded in
 * the audit log. */
gboolean  ud_backup_auto     (UdDatabase   *db,
                              const char   *folder,
                              GDateTime    *now,
                              char        **made,
                              GError      **error);

/* "Backup now": the same, whatever the age of the newest.  Needs
 * UD_PERMISSION_BACKUP_RESTORE. */
gboolean  ud_backup_now      (UdDatabase   *db,
                              const char   *folder,
                              GDateTime    *now,
                              char        **made,
                              GError      **error);

/* Keeps the 14 newest automatic backups plus the newest of each of the
 * twelve calendar months up to @now's, and deletes the others (and
 * unfinished copies over a day old).  Other files in @folder are never
 * touched. */
gboolean  ud_backup_prune    (const char   *folder,
                              GDateTime    *now,
                              GError      **error);

typedef struct
{
  char      *path;
  GDateTime *time;   /* when it was made, local time */
  goffset    size;   /* bytes */
} UdBackupInfo;

void      ud_backup_info_free (UdBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdBackupInfo, ud_backup_info_free)

/* The automatic backups in @folder, newest first (an empty array when
 * the folder does not exist). */
GPtrArray *ud_backup_list    (const char   *folder,
                              GError      **error);

G_END_DECLS
