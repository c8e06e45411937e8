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
 * file copy, then checks the copy. */
gboolean  ud_backup_create   (UdDatabase   *db,
                              const char   *path,
                              GCancellable *cancellable,
                              GError      **error);

/* Checks @backup_path (integrity, schema not newer than this build), keeps
 * a backup of the current state next to @db_path, then replaces the
 * database at @db_path with the backup's content.  The database must not
 * be open elsewhere in this process. */
gboolean  ud_backup_restore  (const char   *backup_path,
                              const char   *db_path,
                              char        **safety_copy_path,
                              GCancellable *cancellable,
                              GError      **error);

/* integrity_check + foreign_key_check + schema version of a file. */
gboolean  ud_backup_check_file (const char *path,
                              GPtrArray   **problems,
                              GError      **error);

G_END_DECLS
