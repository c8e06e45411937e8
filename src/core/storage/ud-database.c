/* ud-database.c — the office's SQLite database
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ud-database.h"
#include "ud-audit-private.h"
#include "ud-database-private.h"
#include "ud-hlc.h"
#include "ud-migrations.h"
#include "ud-permission.h"
#include "ud-session.h"
#include "ud-record.h"
#include "ud-schema-private.h"
#include "ud-kind.h"
#include "ud-uuid.h"
#include "ud-validate.h"

struct _UdDatabase
{
  GObject      parent_instance;

  /* Owned */
  sqlite3     *db;
  char        *path;
  GHashTable  *statements;   /* SQL text's address → sqlite3_stmt */
  GHashTable  *built;        /* SQL text built at run time → sqlite3_stmt */
  GData       *caches;
  char        *district;
  char        *office_name;
  char        *actor;
  UdHlcClock  *clock;
  UdSession   *session;
  guint64      transaction;  /* counts BEGINs: what a per-transaction cache compares */
  GPtrArray   *warnings;     /* of char *: what opening found */
  int          lock_fd;      /* PATH.lock, flock()ed shared; -1 */

  guint        outbox_capture : 1;
  guint        remote_audit : 1;
  guint        readonly : 1;
  guint        sign_in_required : 1;
};

G_DEFINE_FINAL_TYPE (UdDatabase, ud_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (ud-database-error-quark, ud_database_error)

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
ud_database_finalize (GObject *object)
{
  UdDatabase *self = (UdDatabase *)object;

  g_datalist_clear (&self->caches);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->built, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* Only the last user of the database, as the lock file says (not
       * SQLite's POSIX locks, which any close() in a process drops), may
       * checkpoint and delete -wal and -shm when it closes. */
      if (self->readonly || self->lock_fd < 0 || flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
        {
          int one = 1;

          sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
          sqlite3_file_control (self->db, "main", SQLITE_FCNTL_PERSIST_WAL, &one);
        }
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_clear_pointer (&self->clock, ud_hlc_clock_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->district, g_free);
  g_clear_pointer (&self->office_name, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->session, ud_session_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (ud_database_parent_class)->finalize (object);
}

static void
ud_database_class_init (UdDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ud_database_finalize;
}

static void
ud_database_init (UdDatabase *self)
{
  /* Keyed by the SQL text's address: statements are static strings, and
   * hashing a long INSERT on every call shows in an import's profile. */
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  self->built = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->outbox_capture = TRUE;
  self->remote_audit = TRUE;
  self->actor = g_strdup (g_get_user_name ());
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->lock_fd = -1;
}

int
_ud_database_lock_file (const char  *path,
                        gboolean     exclusive,
                        GError     **error)
{
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  int fd;

  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_OPEN,
                   _("Could not open the lock file “%s”: %s."), lock_path, g_strerror (saved_errno));
      return -1;
    }

  if (flock (fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      close (fd);
      if (saved_errno != EWOULDBLOCK)
        g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_OPEN,
                     _("Could not lock “%s”: %s."), lock_path, g_strerror (saved_errno));
      else if (exclusive)
        g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_BUSY,
                     _("The database “%s” is open in UnionDesk or another uniondesk-cli: close it there first."), path);
      else
        g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_BUSY,
                     _("The database “%s” is being restored from a backup; try again when that has finished."), path);
      return -1;
    }

  return fd;
}

static const char *
describe_sqlite_code (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_FULL:
      return _("the disk is full");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return _("the database is in use by another program; try again in a moment");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return _("the database file is damaged; restore it from a backup");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_AUTH:
      return _("the database file cannot be opened for writing; check its permissions");
    case SQLITE_IOERR:
      return _("the disk could not be read or written");
    case SQLITE_CONSTRAINT:
      return _("the change conflicts with data already stored");
    case SQLITE_INTERRUPT:
      return _("the work was cancelled");
    default:
      return _("the database reported an internal error");
    }
}

static int
error_code_for (int sqlite_code)
{
  switch (sqlite_code & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return UD_DATABASE_ERROR_CORRUPT;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return UD_DATABASE_ERROR_OPEN;
    case SQLITE_INTERRUPT:
      return UD_DATABASE_ERROR_CANCELLED;
    default:
      return UD_DATABASE_ERROR_SQL;
    }
}

void
ud_database_set_error (UdDatabase  *self,
                       GError     **error,
                       const char  *what)
{
  int code;

  g_return_if_fail (UD_IS_DATABASE (self));

  code = sqlite3_extended_errcode (self->db);
  /* The SQLite message is for developers; the user gets a sentence. */
  g_debug ("%s: SQLite error %d: %s", what, code, sqlite3_errmsg (self->db));
  g_set_error (error, UD_DATABASE_ERROR, error_code_for (code),
               /* TRANSLATORS: what was being done, then why it failed */
               _("Could not %s: %s."), what, describe_sqlite_code (code));
}

char *
ud_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "uniondesk", "uniondesk.db", NULL);
}

/* Lists build their SQL from the filters in use: few different texts,
 * each prepared once.  Past this many, the ones not running are
 * dropped. */
#define MAX_BUILT_STATEMENTS 256

static gboolean
statement_idle (gpointer key,
                gpointer value,
                gpointer user_data)
{
  return !sqlite3_stmt_busy (value);
}

/* @sql's statement from @cache, reset, or prepared and kept there (under
 * a copy of @sql when @built). */
static sqlite3_stmt *
prepare_cached (UdDatabase  *self,
                GHashTable  *cache,
                const char  *sql,
                gboolean     built,
                GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (cache, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      g_debug ("Preparing “%s”", sql);
      ud_database_set_error (self, error, _("read the database"));
      return NULL;
    }

  if (built && g_hash_table_size (cache) >= MAX_BUILT_STATEMENTS)
    g_hash_table_foreach_remove (cache, statement_idle, NULL);
  g_hash_table_insert (cache, built ? g_strdup (sql) : (gpointer) sql, stmt);
  return stmt;
}

sqlite3_stmt *
ud_database_prepare (UdDatabase  *self,
                     const char  *sql,
                     GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  return prepare_cached (self, self->statements, sql, FALSE, error);
}

sqlite3_stmt *
ud_database_prepare_built (UdDatabase  *self,
                           const char  *sql,
                           GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  return prepare_cached (self, self->built, sql, TRUE, error);
}

/* Binds @key as text, or @id when @key is NULL, to ?1 of @sql. */
static sqlite3_stmt *
prepare_with_key (UdDatabase  *self,
                  const char  *sql,
                  const char  *key,
                  gint64       id,
                  GError     **error)
{
  sqlite3_stmt *stmt = ud_database_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  if (key != NULL)
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  return stmt;
}

gpointer
_ud_database_select_row (UdDatabase    *self,
                         const char    *sql,
                         const char    *key,
                         gint64         id,
                         UdRowReader    read_row,
                         const char    *what,
                         GError       **error)
{
  sqlite3_stmt *stmt;
  gpointer row = NULL;
  int rc;

  g_assert (read_row != NULL && what != NULL);

  stmt = prepare_with_key (self, sql, key, id, error);
  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row = read_row (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ud_database_set_error (self, error, what);

  return row;
}

GPtrArray *
_ud_database_select_rows (UdDatabase      *self,
                          const char      *sql,
                          const char      *key,
                          UdRowReader      read_row,
                          GDestroyNotify   free_row,
                          const char      *what,
                          GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  sqlite3_stmt *stmt;
  int rc;

  g_assert (key != NULL && read_row != NULL && what != NULL);

  stmt = prepare_with_key (self, sql, key, 0, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (self, error, what);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

gboolean
ud_database_exec (UdDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      ud_database_set_error (self, error, _("update the database"));
      return FALSE;
    }

  return TRUE;
}

gboolean
ud_database_begin (UdDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);

  self->transaction++;
  return ud_database_exec (self, "BEGIN IMMEDIATE", error);
}

guint64
ud_database_get_transaction (UdDatabase *self)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), 0);

  /* 0 outside a transaction: nothing may be cached then. */
  return sqlite3_get_autocommit (self->db) ? 0 : self->transaction;
}

gboolean
ud_database_commit (UdDatabase  *self,
                    GError     **error)
{
  if (!ud_database_exec (self, "COMMIT", error))
    {
      ud_database_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/* What the kinds' indexes collected for the writes rolled back. */
static void
forget_bulk (UdDatabase *self)
{
  guint n_kinds;
  const UdKind * const *kinds = ud_kind_list (&n_kinds);

  for (guint i = 0; i < n_kinds; i++)
    if (kinds[i]->hooks != NULL && kinds[i]->hooks->bulk != NULL)
      kinds[i]->hooks->bulk (self, UD_KIND_BULK_FORGET, NULL);
}

void
ud_database_rollback (UdDatabase *self)
{
  g_return_if_fail (UD_IS_DATABASE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  forget_bulk (self);
}

int
ud_database_get_schema_version (UdDatabase *self)
{
  sqlite3_stmt *stmt;
  int version = -1;

  g_return_val_if_fail (UD_IS_DATABASE (self), -1);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

/* What the kinds keep besides their tables, put right once the schema is
 * up to date: an index that a migration created empty, or that a program
 * stopped in the middle of a batch left to be built. */
static gboolean
open_kinds (UdDatabase  *self,
            GError     **error)
{
  guint n_kinds;
  const UdKind * const *kinds = ud_kind_list (&n_kinds);

  for (guint i = 0; i < n_kinds; i++)
    if (kinds[i]->hooks != NULL && kinds[i]->hooks->opened != NULL &&
        !kinds[i]->hooks->opened (self, error))
      return FALSE;

  return TRUE;
}

gboolean
ud_database_defer_index (UdDatabase  *self,
                         const char  *name,
                         const char  *sql,
                         GError     **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (name != NULL && sql != NULL, FALSE);

  key = g_strconcat ("index_pending:", name, NULL);
  return ud_database_set_meta (self, key, sql, error);
}

gboolean
ud_database_build_pending_indexes (UdDatabase  *self,
                                   GError     **error)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  gint64 start = g_get_monotonic_time ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);

  /* Most often none: no transaction for nothing. */
  stmt = ud_database_prepare (self, "SELECT value FROM meta WHERE key BETWEEN 'index_pending:' AND 'index_pending;'", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (statements, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (self, error, _("build the indexes"));
      return FALSE;
    }
  if (statements->len == 0)
    return TRUE;

  if (!ud_database_begin (self, error))
    return FALSE;
  /* The statements come from the schema (a batch kept them as it
   * dropped the indexes), never from what a person typed. */
  for (guint i = 0; i < statements->len; i++)
    if (!ud_database_exec (self, g_ptr_array_index (statements, i), error))
      goto failed;
  if (!ud_database_exec (self, "DELETE FROM meta WHERE key BETWEEN 'index_pending:' AND 'index_pending;'", error) ||
      !ud_database_commit (self, error))
    goto failed;
  g_debug ("%u sort indexes built after an import in %.0f ms", statements->len,
           (g_get_monotonic_time () - start) / 1000.0);
  return TRUE;

failed:
  ud_database_rollback (self);
  return FALSE;
}

static gboolean
migrate (UdDatabase  *self,
         GError     **error)
{
  int version = ud_database_get_schema_version (self);
  g_autofree char *kept = NULL;

  if (version < 0)
    {
      ud_database_set_error (self, error, _("open the database"));
      return FALSE;
    }

  if ((guint) version > _ud_n_migrations)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NEWER_SCHEMA,
                   _("The database “%s” was written by a newer version of UnionDesk (schema %d; this version knows up to %u). Update UnionDesk to open it."),
                   self->path, version, _ud_n_migrations);
      return FALSE;
    }

  /* An office's data, written by an older UnionDesk (the package was
   * upgraded): a copy of it as it was comes first. */
  if (version > 0 && (guint) version < _ud_n_migrations)
    {
      /* The migrations expect the indexes the schema says: those an
       * import left to build are built first. */
      if (!ud_database_build_pending_indexes (self, error))
        return FALSE;

      kept = _ud_backup_before_upgrade (self->db, self->path, error);
      if (kept == NULL)
        {
          g_prefix_error (error, _("The database was not updated to this version of UnionDesk, because a copy of it could not be kept first: "));
          return FALSE;
        }
      g_message (_("Kept a copy of “%s” (schema %d) as “%s” before updating it to schema %u."),
                 self->path, version, kept, _ud_n_migrations);
    }

  for (guint step = (guint) version; step < _ud_n_migrations; step++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", step + 1);

      if (!ud_database_begin (self, error))
        return FALSE;
      if (!ud_database_exec (self, _ud_migrations[step], error) ||
          !ud_database_exec (self, set_version, error))
        {
          ud_database_rollback (self);
          g_prefix_error (error, _("Updating the database to schema %u failed. "), step + 1);
          return FALSE;
        }
      if (!ud_database_commit (self, error))
        return FALSE;
      g_debug ("Migrated %s to schema %u", self->path, step + 1);
    }

  if (kept != NULL)
    {
      g_autofree char *detail = g_strdup_printf ("before the update from schema %d to %u: %s",
                                                 version, _ud_n_migrations, kept);

      if (!ud_database_audit (self, "backup", NULL, NULL, NULL, NULL, NULL, detail, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_identity (UdDatabase  *self,
               GError     **error)
{
  g_autofree char *node = NULL;
  g_autofree char *last = NULL;
  sqlite3_stmt *stmt;

  _ud_database_reload_office (self);

  node = ud_database_get_meta (self, "node");
  if (node == NULL)
    {
      char uuid[37];

      /* A short random node id keeps the HLCs of two offices apart. */
      ud_uuid_v7_generate (uuid);
      node = g_strndup (uuid + 24, 12);
      if (!self->readonly && !ud_database_set_meta (self, "node", node, error))
        return FALSE;
    }

  /* The clock resumes after the newest stamp it gave or merged: each
   * outbox entry moves "hlc_last" up to the clock's position in the
   * transaction that writes it, and the sync client does after a pull
   * (the outbox names records, not their stamps). */
  stmt = ud_database_prepare (self, "SELECT value FROM meta WHERE key = 'hlc_last'", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    last = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  g_clear_pointer (&self->clock, ud_hlc_clock_free);
  self->clock = ud_hlc_clock_new (node, last);

  return TRUE;
}

/* SQLite counts every allocation it makes for sqlite3_status(), under a
 * mutex: in an import of 100,000 members that was a tenth of SQLite's
 * time.  Nothing here reads those counts.  Only before SQLite starts
 * (the first open): later the call is refused and changes nothing. */
static void
configure_sqlite (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&done, 1);
    }
}

static UdDatabase *
open_internal (const char  *path,
               gboolean     readonly,
               GError     **error)
{
  g_autoptr(UdDatabase) self = NULL;
  int flags;
  int rc;

  self = g_object_new (UD_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->readonly = readonly;

  if (readonly)
    {
      flags = SQLITE_OPEN_READONLY;
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_OPEN,
                       _("The database “%s” does not exist."), path);
          return NULL;
        }
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);

      flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_OPEN,
                       _("Could not create the folder “%s”: %s."), dir, g_strerror (saved_errno));
          return NULL;
        }
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          /* Personal data: readable by the office account only. */
          int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);

          if (fd >= 0)
            close (fd);
        }
    }

  configure_sqlite ();
  rc = sqlite3_open_v2 (path, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_OPEN,
                   _("Could not open the database “%s”: %s."), path, describe_sqlite_code (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 10000);
  _ud_audit_register_sql (self->db);

  /* This is money: every commit reaches the disk before we say so. */
  if (!ud_database_exec (self,
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA synchronous = FULL;"
                         "PRAGMA temp_store = MEMORY;"
                         "PRAGMA cache_size = -65536;",
                         error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  if (!readonly)
    {
      g_autofree char *restoring = g_strconcat (path, ".restoring", NULL);

      /* Held until the connection closes; the lock also says that no
       * restore runs, since a restore holds it alone. */
      self->lock_fd = _ud_database_lock_file (path, FALSE, error);
      if (self->lock_fd < 0)
        return NULL;

      /* The copy of a restore that was killed before it was renamed over
       * the database (ud_backup_restore): all the office's data, in a
       * file nobody will use. */
      if (g_unlink (restoring) == 0)
        g_message ("Removed %s, left behind by a restore that did not finish", restoring);

      if (!ud_database_exec (self, "PRAGMA journal_mode = WAL", error))
        return NULL;
      if (!migrate (self, error))
        return NULL;
    }
  else
    {
      int version = ud_database_get_schema_version (self);

      if (version < 0)
        {
          ud_database_set_error (self, error, _("open the database"));
          return NULL;
        }
      if (version == 0)
        {
          g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT,
                       _("“%s” is not a UnionDesk database."), path);
          return NULL;
        }
      if ((guint) version > _ud_n_migrations)
        {
          g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NEWER_SCHEMA,
                       _("The database “%s” was written by a newer version of UnionDesk (schema %d; this version knows up to %u). Update UnionDesk to open it."),
                       path, version, _ud_n_migrations);
          return NULL;
        }
    }

  if (!load_identity (self, error))
    return NULL;
  /* After the identity: what a kind puts right may write records, which
   * take the office's district and the clock's stamps. */
  if (!readonly && !open_kinds (self, error))
    return NULL;

  /* Protective triggers that someone dropped are made again, and the
   * audit entries written since the last start are verified. */
  if (!readonly && !_ud_audit_check_on_open (self, self->warnings, error))
    return NULL;

  return g_steal_pointer (&self);
}

UdDatabase *
ud_database_open (const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_internal (path, FALSE, error);
}

UdDatabase *
ud_database_open_readonly (const char  *path,
                           GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_internal (path, TRUE, error);
}

GPtrArray *
ud_database_get_warnings (UdDatabase *self)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);

  return self->warnings;
}

const char *
ud_database_get_path (UdDatabase *self)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);

  return self->path;
}

sqlite3 *
ud_database_get_handle (UdDatabase *self)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);

  return self->db;
}

char *
ud_database_get_meta (UdDatabase *self,
                      const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = ud_database_prepare (self, "SELECT value FROM meta WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

gboolean
ud_database_set_meta (UdDatabase  *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  stmt = ud_database_prepare (self,
                              "INSERT INTO meta (key, value) VALUES (?1, ?2)"
                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (self, error, _("save the settings"));
      return FALSE;
    }

  return TRUE;
}

gboolean
ud_database_is_initialized (UdDatabase *self)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);

  return self->district != NULL && self->office_name != NULL;
}

static gboolean
is_district_code (const char *code)
{
  if (code == NULL || strlen (code) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return TRUE;
}

gboolean
_ud_database_write_office (UdDatabase  *self,
                           const char  *district,
                           const char  *office_name,
                           GError     **error)
{
  g_autofree char *name = NULL;

  if (!is_district_code (district))
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("District code: must be the 6-digit administrative code of the district, such as 110118 for Miyun."));
      return FALSE;
    }

  name = office_name != NULL && g_utf8_validate (office_name, -1, NULL) ? ud_text_strip (office_name) : g_strdup ("");
  if (*name == '\0')
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("Office name: must not be empty."));
      return FALSE;
    }

  if (self->district != NULL && g_strcmp0 (self->district, district) != 0)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("District code: this database already belongs to district %s."), self->district);
      return FALSE;
    }

  return ud_database_set_meta (self, "district", district, error) &&
         ud_database_set_meta (self, "office_name", name, error) &&
         ud_database_audit (self, "initialize", NULL, NULL, NULL, NULL, NULL, name, error);
}

gboolean
ud_database_check_office_number (const char  *text,
                                 char       **normalized,
                                 GError     **error)
{
  g_autofree char *number = g_strstrip (g_strdup (text != NULL ? text : ""));
  gsize length = strlen (number);
  guint value = 0;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (number[i]))
      length = 0;
  if (length >= 1 && length <= 2)
    value = (guint) g_ascii_strtoull (number, NULL, 10);
  if (value < 1 || value > 99)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("Office number: must be a number from 01 to 99, different for each office of the district."));
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = g_strdup_printf ("%02u", value);
  return TRUE;
}

char *
ud_database_get_office_number (UdDatabase *self)
{
  g_autofree char *stored = NULL;
  char *number = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);

  /* Read each time: another connection (the preferences, the CLI) may
   * have changed it. */
  stored = ud_database_get_meta (self, "office_number");
  if (stored == NULL || !ud_database_check_office_number (stored, &number, NULL))
    return g_strdup (UD_DATABASE_DEFAULT_OFFICE_NUMBER);

  return number;
}

gboolean
ud_database_set_office_number (UdDatabase  *self,
                               const char  *number,
                               GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *old = NULL;
  g_autofree char *stored = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);

  if (!ud_database_check_office_number (number, &normalized, error))
    return FALSE;
  if (ud_database_is_initialized (self) &&
      !ud_database_require (self, UD_PERMISSION_ADMINISTER, error))
    return FALSE;

  if (!ud_database_begin (self, error))
    return FALSE;
  old = ud_database_get_office_number (self);
  stored = ud_database_get_meta (self, "office_number");
  if (g_strcmp0 (stored, normalized) != 0 &&
      (!ud_database_set_meta (self, "office_number", normalized, error) ||
       !ud_database_audit (self, "office_number", NULL, NULL, "office_number", old, normalized, NULL, error)))
    {
      ud_database_rollback (self);
      return FALSE;
    }
  if (!ud_database_commit (self, error))
    {
      ud_database_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
_ud_database_reload_office (UdDatabase *self)
{
  g_clear_pointer (&self->district, g_free);
  g_clear_pointer (&self->office_name, g_free);
  self->district = ud_database_get_meta (self, "district");
  self->office_name = ud_database_get_meta (self, "office_name");
}

gboolean
ud_database_initialize_office (UdDatabase  *self,
                               const char  *district,
                               const char  *office_name,
                               GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);

  /* Setting up is open to whoever runs it first; renaming an office that
   * is set up is the administrator's. */
  if (ud_database_is_initialized (self) &&
      !ud_database_require (self, UD_PERMISSION_ADMINISTER, error))
    return FALSE;

  if (!ud_database_begin (self, error))
    return FALSE;
  if (!_ud_database_write_office (self, district, office_name, error) ||
      !ud_database_commit (self, error))
    {
      ud_database_rollback (self);
      return FALSE;
    }

  _ud_database_reload_office (self);

  return TRUE;
}

const char *
ud_database_get_district (UdDatabase *self)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);

  return self->district;
}

const char *
ud_database_get_office_name (UdDatabase *self)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);

  return self->office_name;
}

void
ud_database_set_actor (UdDatabase *self,
                       const char *actor)
{
  g_return_if_fail (UD_IS_DATABASE (self));
  g_return_if_fail (actor != NULL);

  g_free (self->actor);
  self->actor = g_strdup (actor);
}

const char *
ud_database_get_actor (UdDatabase *self)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);

  if (self->session != NULL)
    return ud_session_get_username (self->session);

  return self->actor;
}

void
ud_database_set_session (UdDatabase *self,
                         UdSession  *session)
{
  g_return_if_fail (UD_IS_DATABASE (self));

  if (session == self->session)
    return;

  if (session != NULL)
    ud_session_ref (session);
  g_clear_pointer (&self->session, ud_session_unref);
  self->session = session;
}

UdSession *
ud_database_get_session (UdDatabase *self)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);

  return self->session;
}

void
ud_database_set_sign_in_required (UdDatabase *self,
                                  gboolean    required)
{
  g_return_if_fail (UD_IS_DATABASE (self));

  self->sign_in_required = !!required;
}

gboolean
ud_database_get_sign_in_required (UdDatabase *self)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);

  return self->sign_in_required;
}

char *
ud_database_next_hlc (UdDatabase *self)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);

  return ud_hlc_clock_tick (self->clock);
}

UdHlcClock *
ud_database_get_clock (UdDatabase *self)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);

  return self->clock;
}

char *
ud_database_now_iso (void)
{
  /* Once a record in an import: the civil date of the seconds since the
   * epoch, without a GDateTime and its format parser. */
  gint64 seconds = g_get_real_time () / G_USEC_PER_SEC;
  gint64 days = seconds / 86400;
  gint64 rest = seconds % 86400;
  gint64 era, doe, yoe, doy, mp, year, month, day;

  if (rest < 0)
    {
      rest += 86400;
      days--;
    }
  /* Days to year-month-day in the proleptic Gregorian calendar (Howard
   * Hinnant's civil_from_days). */
  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  doe = days - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = yoe + era * 400 + (month <= 2);

  if (year < 0 || year > 9999)
    return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", (int) year, (int) month, (int) day,
                            (int) (rest / 3600), (int) (rest / 60 % 60), (int) (rest % 60));

  {
    /* Once a record: g_strdup_printf() cost ten times the rest. */
    int parts[] = { (int) (year / 100), (int) (year % 100), (int) month, (int) day,
                    (int) (rest / 3600), (int) (rest / 60 % 60), (int) (rest % 60) };
    static const char after[] = "\0--T::Z";
    char text[21];
    char *p = text;

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      {
        *p++ = (char) ('0' + parts[i] / 10);
        *p++ = (char) ('0' + parts[i] % 10);
        if (after[i] != '\0')
          *p++ = after[i];
      }
    return g_strndup (text, p - text);
  }
}

gboolean
ud_database_keep_clock (UdDatabase  *self,
                        GError     **error)
{
  g_autofree char *position = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);

  /* Never back: another connection may have stamped later changes. */
  position = ud_hlc_clock_peek (self->clock);

  stmt = ud_database_prepare (self,
                              "INSERT INTO meta (key, value) VALUES ('hlc_last', ?1)"
                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE excluded.value > value",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, position, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (self, error, _("save the sync state"));
      return FALSE;
    }

  return TRUE;
}

/* Gives @kind its code in sync_kind, the first time it has an entry. */
static gboolean
outbox_register_kind (UdDatabase  *self,
                      const char  *kind,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (self, "INSERT INTO sync_kind (name) VALUES (?1) ON CONFLICT (name) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (self, error, _("record the change for synchronisation"));
      return FALSE;
    }

  return TRUE;
}

gboolean
ud_database_outbox_append (UdDatabase  *self,
                           const char  *kind,
                           gint64       id,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (kind != NULL && id > 0, FALSE);

  if (!self->outbox_capture)
    return TRUE;

  if (!outbox_register_kind (self, kind, error))
    return FALSE;

  /* An entry already there names the same record: it is sent as it is
   * at push time. */
  stmt = ud_database_prepare (self,
                              "INSERT INTO sync_outbox (kind, id)"
                              " VALUES ((SELECT code FROM sync_kind WHERE name = ?1), ?2)"
                              " ON CONFLICT (kind, id) DO NOTHING",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (self, error, _("record the change for synchronisation"));
      return FALSE;
    }

  return ud_database_keep_clock (self, error);
}

gboolean
ud_database_outbox_append_rows (UdDatabase    *self,
                                const char    *kind,
                                const char    *table,
                                const gint64  *ids,
                                guint          n_ids,
                                GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (kind != NULL && table != NULL, FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (!self->outbox_capture || n_ids == 0)
    return TRUE;

  if (!outbox_register_kind (self, kind, error))
    return FALSE;

  /* The table's name comes from its kind's description, never from what
   * is written: only ids of rows that exist.  "WHERE" before "ON
   * CONFLICT" tells the upsert from a join's ON. */
  sql = g_strconcat ("INSERT INTO sync_outbox (kind, id)"
                     " SELECT (SELECT code FROM sync_kind WHERE name = ?1), id FROM ", table,
                     " WHERE id BETWEEN ?2 AND ?3 ORDER BY id"
                     " ON CONFLICT (kind, id) DO NOTHING", NULL);
  stmt = ud_database_prepare_built (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_ids;)
    {
      gint64 first = ids[i];
      gint64 last = first;
      int rc;

      for (i++; i < n_ids && ids[i] == last + 1; i++)
        last++;
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, first);
      sqlite3_bind_int64 (stmt, 3, last);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          ud_database_set_error (self, error, _("record the change for synchronisation"));
          return FALSE;
        }
    }

  return ud_database_keep_clock (self, error);
}

void
ud_database_set_outbox_capture (UdDatabase *self,
                                gboolean    capture)
{
  g_return_if_fail (UD_IS_DATABASE (self));

  self->outbox_capture = !!capture;
}

gint64
ud_database_outbox_count (UdDatabase *self)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (UD_IS_DATABASE (self), 0);

  stmt = ud_database_prepare (self, "SELECT count (*) FROM sync_outbox", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

gboolean
ud_database_audit (UdDatabase  *self,
                   const char  *action,
                   const char  *kind,
                   const char  *uuid,
                   const char  *field,
                   const char  *old_value,
                   const char  *new_value,
                   const char  *detail,
                   GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  return _ud_database_audit_as (self, ud_database_get_actor (self), action, kind, uuid,
                                field, old_value, new_value, detail, error);
}

void
_ud_database_set_remote_audit (UdDatabase *self,
                               gboolean    audit)
{
  g_return_if_fail (UD_IS_DATABASE (self));

  self->remote_audit = !!audit;
}

gboolean
_ud_database_get_remote_audit (UdDatabase *self)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), TRUE);

  return self->remote_audit;
}

gboolean
_ud_database_audit_as (UdDatabase  *self,
                       const char  *actor,
                       const char  *action,
                       const char  *kind,
                       const char  *uuid,
                       const char  *field,
                       const char  *old_value,
                       const char  *new_value,
                       const char  *detail,
                       GError     **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* One statement reads the newest entry and chains the new one to it
   * (ud-audit.c): no other writer can come in between. */
  stmt = ud_database_prepare (self,
                              "INSERT INTO audit_log (id, at, actor, action, kind, uuid, field,"
                              " old_value, new_value, detail, hash)"
                              " SELECT last.id + 1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                              "   ud_audit_hash (last.hash, last.id + 1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                              " FROM (SELECT coalesce (max (id), 0) AS id,"
                              "              coalesce ((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS hash"
                              "       FROM audit_log) AS last",
                              error);
  if (stmt == NULL)
    return FALSE;

  now = ud_database_now_iso ();
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, new_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, detail, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (self, error, _("write the audit log"));
      return FALSE;
    }

  return TRUE;
}

gint64
ud_database_get_change_stamp (UdDatabase *self)
{
  sqlite3_stmt *stmt;
  gint64 data_version = 0;

  g_return_val_if_fail (UD_IS_DATABASE (self), 0);

  /* data_version moves with other connections' commits, total_changes
   * with this one's. */
  stmt = ud_database_prepare (self, "PRAGMA data_version", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    data_version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return (data_version << 32) ^ sqlite3_total_changes64 (self->db);
}

gpointer
ud_database_get_cache (UdDatabase *self,
                       const char *key)
{
  g_return_val_if_fail (UD_IS_DATABASE (self), NULL);

  return g_datalist_get_data (&self->caches, key);
}

void
ud_database_set_cache (UdDatabase     *self,
                       const char     *key,
                       gpointer        data,
                       GDestroyNotify  destroy)
{
  g_return_if_fail (UD_IS_DATABASE (self));

  g_datalist_set_data_full (&self->caches, key, data, destroy);
}

static gboolean
has_audit_hash (UdDatabase *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean has = FALSE;

  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM pragma_table_info ('audit_log') WHERE name = 'hash'",
                          -1, &stmt, NULL) == SQLITE_OK)
    has = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return has;
}

gboolean
ud_database_check (UdDatabase  *self,
                   GPtrArray  **problems,
                   GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean damaged;
  int version;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (self), FALSE);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      ud_database_set_error (self, error, _("check the database"));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (found, g_strdup (line));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (self, error, _("check the database"));
      return FALSE;
    }

  if (sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      ud_database_set_error (self, error, _("check the database"));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found,
                     g_strdup_printf (_("row %lld of table %s refers to a missing row of %s"),
                                      (long long) sqlite3_column_int64 (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);

  /* A file that passes both can still have lost a table or a trigger, or
   * gained one that deletes the audit trail: compared with what the
   * migrations build for its version. */
  damaged = found->len > 0;
  version = ud_database_get_schema_version (self);
  if (version >= 1 && (guint) version <= _ud_n_migrations &&
      !_ud_schema_compare (self->db, (guint) version, found, error))
    return FALSE;

  /* The audit trail's hash chain, in a file that is not damaged and old
   * enough to have it (an older one is hashed when it is migrated). */
  if (!damaged && has_audit_hash (self))
    _ud_audit_chain_problems (self, found);

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return TRUE;
}

/* ---- permissions ---- */

static gboolean
check (UdDatabase   *db,
       UdPermission  permission,
       GError      **error)
{
  UdSession *session = ud_database_get_session (db);

  if (session != NULL)
    return ud_session_require (session, permission, error);

  if (!ud_database_get_sign_in_required (db))
    return TRUE;

  g_set_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_NOT_SIGNED_IN,
               /* TRANSLATORS: %s is what was refused, e.g. "approve applications" */
               _("Nobody is signed in, so you may not %s. Sign in first."),
               ud_permission_get_label (permission));
  return FALSE;
}

gboolean
ud_database_may (UdDatabase   *db,
                 UdPermission  permission)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail ((guint) permission < UD_N_PERMISSIONS, FALSE);

  return check (db, permission, NULL);
}

gboolean
ud_database_require (UdDatabase    *db,
                     UdPermission   permission,
                     GError       **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail ((guint) permission < UD_N_PERMISSIONS, FALSE);

  return check (db, permission, error);
}
