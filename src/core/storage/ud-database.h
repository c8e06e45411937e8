/* ud-database.h — the office's SQLite database
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "ud-hlc.h"
#include "ud-types.h"

G_BEGIN_DECLS

#define UD_TYPE_DATABASE (ud_database_get_type ())
G_DECLARE_FINAL_TYPE (UdDatabase, ud_database, UD, DATABASE, GObject)

#define UD_DATABASE_ERROR (ud_database_error_quark ())

typedef enum
{
  UD_DATABASE_ERROR_OPEN,
  UD_DATABASE_ERROR_NEWER_SCHEMA,
  UD_DATABASE_ERROR_CORRUPT,
  UD_DATABASE_ERROR_SQL,
  UD_DATABASE_ERROR_NOT_INITIALIZED,
  UD_DATABASE_ERROR_INVALID,
  UD_DATABASE_ERROR_NOT_FOUND,
  UD_DATABASE_ERROR_CANCELLED,
  UD_DATABASE_ERROR_BUSY,          /* another program needs it to itself, or has it */
} UdDatabaseError;

/* The newest schema this build knows. */
#define UD_DATABASE_SCHEMA_VERSION 22

GQuark        ud_database_error_quark      (void);

/* $XDG_DATA_HOME/uniondesk/uniondesk.db */
char         *ud_database_default_path     (void);

/* Opens (creating it 0600 in a 0700 folder when missing) and migrates the
 * database to the newest schema.  A database from a newer UnionDesk is
 * refused with UD_DATABASE_ERROR_NEWER_SCHEMA.  One UdDatabase is one
 * connection: use it from one thread at a time.
 *
 * Each connection holds a shared flock() on PATH.lock beside the
 * database for its lifetime.  SQLite's own POSIX locks are dropped by any
 * close() of the database file in the process (GTK's file chooser opens
 * it to sniff its type), after which another program would take itself
 * for the last user and delete -wal and -shm under the app; a flock is
 * not.  A connection that closes while another holds the lock file
 * neither checkpoints nor deletes anything; a restore takes the lock for
 * itself alone (UD_DATABASE_ERROR_BUSY while anyone has the database).
 */
UdDatabase   *ud_database_open             (const char   *path,
                                            GError      **error);
/* What opening found and mended, one sentence each, for the person who
 * started the program: protective triggers that had been dropped and
 * were made again, a break in the audit trail's hash chain since the
 * last start (see ud_audit_verify()).  Empty when all was well. */
GPtrArray    *ud_database_get_warnings     (UdDatabase   *self);
/* Opens an existing database read-only, without migrating.  It stamps
 * nothing. */
UdDatabase   *ud_database_open_readonly    (const char   *path,
                                            GError      **error);
const char   *ud_database_get_path         (UdDatabase   *self);
sqlite3      *ud_database_get_handle       (UdDatabase   *self);
int           ud_database_get_schema_version (UdDatabase *self);

/* Prepared statements are cached per SQL string — @sql must be a string
 * that lives as long as the database, a literal or a static — and come
 * back reset, with their bindings cleared.  Never build SQL by pasting
 * values into it.
 */
sqlite3_stmt *ud_database_prepare          (UdDatabase   *self,
                                            const char   *sql,
                                            GError      **error);
/* The same for SQL built at run time from parts that are ours (a list's
 * filters): cached by its text, which may be freed afterwards. */
sqlite3_stmt *ud_database_prepare_built    (UdDatabase   *self,
                                            const char   *sql,
                                            GError      **error);
gboolean      ud_database_exec             (UdDatabase   *self,
                                            const char   *sql,
                                            GError      **error);
/* Sets @error from the connection's last error, in words for the user,
 * with the SQLite message logged for developers. */
void          ud_database_set_error        (UdDatabase   *self,
                                            GError      **error,
                                            const char   *what);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
gboolean      ud_database_begin            (UdDatabase   *self,
                                            GError      **error);
gboolean      ud_database_commit           (UdDatabase   *self,
                                            GError      **error);
void          ud_database_rollback         (UdDatabase   *self);
/* A number for the transaction in progress, different for each one, or 0
 * outside a transaction: what a cache kept for one transaction (ids of
 * rows it may still roll back) compares. */
guint64       ud_database_get_transaction  (UdDatabase   *self);

/* Office identity, kept in the meta table. */
gboolean      ud_database_is_initialized   (UdDatabase   *self);
gboolean      ud_database_initialize_office (UdDatabase  *self,
                                            const char   *district,
                                            const char   *office_name,
                                            GError      **error);
const char   *ud_database_get_district     (UdDatabase   *self);
const char   *ud_database_get_office_name  (UdDatabase   *self);
/* The office number (two digits, 01–99) that keeps the serial numbers
 * of the offices of one district apart: 大病-110118-2024-<office>-0001.
 * Kept in the meta table as "office_number"; 01 until it is set.
 * check_office_number accepts 1–99 written with one or two digits and
 * gives it back as two; set_office_number is the administrator's once the
 * office is set up (anyone's before), with an entry in the audit log. */
#define UD_DATABASE_DEFAULT_OFFICE_NUMBER "01"
gboolean      ud_database_check_office_number (const char *text,
                                            char        **normalized,
                                            GError      **error);
char         *ud_database_get_office_number (UdDatabase  *self);
gboolean      ud_database_set_office_number (UdDatabase  *self,
                                            const char   *number,
                                            GError      **error);
char         *ud_database_get_meta         (UdDatabase   *self,
                                            const char   *key);
gboolean      ud_database_set_meta         (UdDatabase   *self,
                                            const char   *key,
                                            const char   *value,
                                            GError      **error);

/* Sort indexes a big import dropped and left to be built after its commit
 * (its CREATE INDEX statement kept in meta, "index_pending:NAME"): within
 * the caller's transaction, ud_database_defer_index() keeps one; then
 * ud_database_build_pending_indexes() builds them all in a transaction of
 * its own (the background fill, and the opening of a database a migration
 * is about to change).  Queries are right without them, only slower. */
gboolean      ud_database_defer_index      (UdDatabase   *self,
                                            const char   *name,
                                            const char   *sql,
                                            GError      **error);
gboolean      ud_database_build_pending_indexes (UdDatabase *self,
                                            GError      **error);

/* Who is acting: written to updated_by and the audit log.  While a
 * session is set (ud_database_set_session), the actor is its account's
 * user name whatever set_actor said; without one it is the name given to
 * set_actor, by default the operating-system user (the CLI). */
void          ud_database_set_actor        (UdDatabase   *self,
                                            const char   *actor);
const char   *ud_database_get_actor        (UdDatabase   *self);

/* The signed-in account (see ud-account.h), whose roles decide what
 * ud_database_require() allows; NULL signs out.  The database keeps a
 * reference.  Without a session the operating-system user acts with every
 * permission — the CLI's users are the machine's administrators — unless
 * sign-in is required, as the app requires it: then nothing that needs a
 * permission is allowed until someone signs in. */
void          ud_database_set_session      (UdDatabase   *self,
                                            UdSession    *session);
UdSession    *ud_database_get_session      (UdDatabase   *self);
void          ud_database_set_sign_in_required (UdDatabase *self,
                                            gboolean      required);
gboolean      ud_database_get_sign_in_required (UdDatabase *self);

/* Whether the database's actor may do @permission now, for showing or
 * hiding buttons.  The core checks again with ud_database_require(). */
gboolean      ud_database_may              (UdDatabase   *db,
                                            UdPermission  permission);
/* The check at the top of every operation that needs a permission: with
 * a session, its roles decide (and a password that must be changed
 * blocks everything until it is); without one, sign-in-required
 * databases refuse and others let the operating-system user act (the
 * CLI). */
gboolean      ud_database_require          (UdDatabase   *db,
                                            UdPermission  permission,
                                            GError      **error);

/* A new hybrid-logical-clock timestamp for a local change. */
char         *ud_database_next_hlc         (UdDatabase   *self);
/* UTC ISO 8601 now, as stored in updated_at. */
char         *ud_database_now_iso          (void);
/* The clock behind ud_database_next_hlc().  The sync client merges the
 * stamps it pulls into it, so that later local changes sort after them,
 * and keeps its position in the meta table as "hlc_last", from where the
 * clock resumes when the database is opened. */
UdHlcClock   *ud_database_get_clock        (UdDatabase   *self);
/* Within a transaction: keeps the clock's position as "hlc_last", unless
 * a later one is there already (written by another connection). */
gboolean      ud_database_keep_clock       (UdDatabase   *self,
                                            GError      **error);

/* Within a transaction: record that the record of @kind whose row is @id
 * (in the kind's table) changed, for the sync client (unless capture is
 * off while applying pulled changes).  The entry names the record only
 * (sync_outbox: the kind's code in sync_kind and the row's id): the push
 * sends the record as its row is then, and an answer clears the entry
 * while the row still holds the stamp pushed.  Moves "hlc_last" up to the
 * clock's position. */
gboolean      ud_database_outbox_append    (UdDatabase   *self,
                                            const char   *kind,
                                            gint64        id,
                                            GError      **error);
/* Within a transaction: the same for the rows of @table (@kind's) whose
 * ids are @ids (sorted): one statement for each run of consecutive ids. */
gboolean      ud_database_outbox_append_rows (UdDatabase  *self,
                                            const char   *kind,
                                            const char   *table,
                                            const gint64 *ids,
                                            guint         n_ids,
                                            GError      **error);
void          ud_database_set_outbox_capture (UdDatabase *self,
                                            gboolean      capture);
gint64        ud_database_outbox_count     (UdDatabase   *self);

/* Within a transaction: append to the audit log, which the database
 * refuses to update or delete.  @field, @old_value, @new_value, @detail
 * may be NULL. */
gboolean      ud_database_audit            (UdDatabase   *self,
                                            const char   *action,
                                            const char   *kind,
                                            const char   *uuid,
                                            const char   *field,
                                            const char   *old_value,
                                            const char   *new_value,
                                            const char   *detail,
                                            GError      **error);

/* A number that changes whenever this connection or any other commits a
 * change to the database: what a cache of query results compares. */
gint64        ud_database_get_change_stamp (UdDatabase   *self);
/* One cached object per key, dropped with the connection. */
gpointer      ud_database_get_cache        (UdDatabase   *self,
                                            const char   *key);
void          ud_database_set_cache        (UdDatabase   *self,
                                            const char   *key,
                                            gpointer      data,
                                            GDestroyNotify destroy);

/* PRAGMA integrity_check, foreign_key_check, and the tables, columns,
 * indexes and triggers compared with those the migrations build for the
 * file's schema version; the problems found are returned in @problems
 * (may be NULL), one sentence each. */
gboolean      ud_database_check            (UdDatabase   *self,
                                            GPtrArray   **problems,
                                            GError      **error);

G_END_DECLS
