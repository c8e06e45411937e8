/* ud-database-private.h — what the storage area shares about the database
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-database.h"

G_BEGIN_DECLS

/* Within a transaction: checks the district code and office name and
 * writes them with their audit entry.  The database's cached identity is
 * refreshed by _ud_database_reload_office() once the caller has
 * committed. */
gboolean  _ud_database_write_office   (UdDatabase  *self,
                                       const char  *district,
                                       const char  *office_name,
                                       GError     **error);
void      _ud_database_reload_office  (UdDatabase  *self);

/* ud_database_audit() on behalf of someone other than the actor: a
 * failed sign-in is recorded under the user name that was tried. */
gboolean  _ud_database_audit_as       (UdDatabase  *self,
                                       const char  *actor,
                                       const char  *action,
                                       const char  *kind,
                                       const char  *uuid,
                                       const char  *field,
                                       const char  *old_value,
                                       const char  *new_value,
                                       const char  *detail,
                                       GError     **error);

/* Off while a snapshot of the district is installed: its one audit entry
 * stands for the records it brings (on by default); the record store
 * writes no audit entries for pulled versions while it is off. */
void      _ud_database_set_remote_audit (UdDatabase    *self,
                                         gboolean       audit);
gboolean  _ud_database_get_remote_audit (UdDatabase    *self);

/* Opens PATH.lock and flock()s it, shared or exclusive, without waiting;
 * the descriptor holds the lock until it is closed.  -1 with
 * UD_DATABASE_ERROR_BUSY when someone else holds it the other way. */
int       _ud_database_lock_file      (const char  *path,
                                       gboolean     exclusive,
                                       GError     **error);
/* Before the database at @db_path is taken to a newer schema: a copy of it
 * as it is, "@db_path.before-upgrade-YYYYMMDD-HHMMSS" (0600, local time),
 * made with the backup API from @db and checked like every backup.
 * Returns the copy's path. */
char     *_ud_backup_before_upgrade   (sqlite3     *db,
                                       const char  *db_path,
                                       GError     **error);

/* Reads the current row of a statement into a new record, account, … */
typedef gpointer (*UdRowReader) (sqlite3_stmt *stmt);

/* The row that @sql finds with @key bound to ?1 as text (or @id, when
 * @key is NULL), read by @read_row; NULL without an error when there is
 * none.  @what names the work in the error ("read a member"). */
gpointer   _ud_database_select_row    (UdDatabase      *self,
                                       const char      *sql,
                                       const char      *key,
                                       gint64           id,
                                       UdRowReader      read_row,
                                       const char      *what,
                                       GError         **error);
/* Every row that @sql finds with @key bound to ?1, read by @read_row, in
 * an array that frees them with @free_row. */
GPtrArray *_ud_database_select_rows   (UdDatabase      *self,
                                       const char      *sql,
                                       const char      *key,
                                       UdRowReader      read_row,
                                       GDestroyNotify   free_row,
                                       const char      *what,
                                       GError         **error);

G_END_DECLS
