/* ud-server-snapshot.c — a district's records as one compressed SQLite file
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-server"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ud-server-snapshot.h"
#include "ud-server-db.h"

/* The first sync of a big district is a million records: paged JSON over
 * HTTP costs 30–55 s (DESIGN §7).  A snapshot is the same pull pages —
 * everything the district's token may see up to one sequence number, the
 * very JSON a pull answers, read in one REPEATABLE READ transaction so
 * that the pages are one consistent state — stored as rows of an SQLite
 * file and gzip-compressed:
 *
 *   meta (key, value): format "uniondesk-snapshot", protocol, district,
 *                      seq (the last sequence number in it), pages
 *   page (n, json):    n = 1, 2, … in order
 *
 * The office checks the file and applies the pages exactly as it applies
 * pulled ones, then pulls what came after seq. */

static gboolean
sqlite_ok (sqlite3  *db,
           int       rc,
           GError  **error)
{
  if (rc == SQLITE_OK || rc == SQLITE_DONE)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               "snapshot file: %s", db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
put_meta (sqlite3     *db,
          const char  *key,
          const char  *value,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO meta (key, value) VALUES (?1, ?2)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  return sqlite_ok (db, rc, error);
}

/* Writes the pages into @path; the last seq and the number of pages. */
static gboolean
write_pages (PGconn      *conn,
             const char  *district,
             const char  *path,
             const gint  *cancel,
             gint64      *seq_out,
             guint       *pages_out,
             gint64      *read_us,
             GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  gboolean more = TRUE;
  gint64 since = 0;
  guint n = 0;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open (path, &db);
  if (!sqlite_ok (db, rc, error) ||
      !sqlite_ok (db, sqlite3_exec (db,
                                    "PRAGMA journal_mode = OFF;"
                                    "PRAGMA synchronous = OFF;"
                                    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
                                    "CREATE TABLE page (n INTEGER PRIMARY KEY, json TEXT NOT NULL);"
                                    "BEGIN;",
                                    NULL, NULL, NULL), error) ||
      !sqlite_ok (db, sqlite3_prepare_v2 (db, "INSERT INTO page (n, json) VALUES (?1, ?2)", -1, &insert, NULL), error))
    goto out;

  while (more)
    {
      g_autoptr(GBytes) page = NULL;
      gint64 next = since;
      gsize len = 0;
      const char *json;

      gint64 started = g_get_monotonic_time ();

      if (cancel != NULL && g_atomic_int_get (cancel))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "snapshot of district %s: the server stops", district);
          goto out;
        }
      page = ud_server_db_pull (conn, district, since, UD_SERVER_PULL_MAX_LIMIT, &next, &more, error);
      *read_us += g_get_monotonic_time () - started;
      if (page == NULL)
        goto out;
      /* An empty district is one empty page: the office learns seq 0. */
      json = g_bytes_get_data (page, &len);
      sqlite3_bind_int64 (insert, 1, ++n);
      sqlite3_bind_text (insert, 2, json, (int) len, SQLITE_STATIC);
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (!sqlite_ok (db, rc, error))
        goto out;
      since = next;
    }

  {
    g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, since);
    g_autofree char *pages_text = g_strdup_printf ("%u", n);

    if (!put_meta (db, "format", UD_SERVER_SNAPSHOT_FORMAT, error) ||
        !put_meta (db, "protocol", "1", error) ||
        !put_meta (db, "district", district, error) ||
        !put_meta (db, "seq", seq_text, error) ||
        !put_meta (db, "pages", pages_text, error) ||
        !sqlite_ok (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), error))
      goto out;
  }

  *seq_out = since;
  *pages_out = n;
  ok = TRUE;

out:
  sqlite3_finalize (insert);
  sqlite3_close (db);
  return ok;
}

static gboolean
gzip_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) in_file = g_file_new_for_path (from);
  g_autoptr(GFile) out_file = g_file_new_for_path (to);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GZlibCompressor) gzip = NULL;
  g_autoptr(GOutputStream) compressed = NULL;

  in = g_file_read (in_file, NULL, error);
  if (in == NULL)
    return FALSE;
  out = g_file_replace (out_file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
  if (out == NULL)
    return FALSE;

  /* Level 1: JSON shrinks about fivefold already, and a higher level
   * costs seconds of the first sync for little. */
  gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1);
  compressed = g_converter_output_stream_new (G_OUTPUT_STREAM (out), G_CONVERTER (gzip));

  return g_output_stream_splice (compressed, G_INPUT_STREAM (in),
                                 G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                 NULL, error) >= 0;
}

static GBytes *
snapshot_build (PGconn      *conn,
                const char  *district,
                const gint  *cancel,
                gint64      *seq,
                char       **timing,
                GError     **error)
{
  gint64 started = g_get_monotonic_time ();
  gint64 read_us = 0, written_at = 0;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *gz_path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(PGresult) begin = NULL;
  g_autoptr(PGresult) end = NULL;
  GBytes *bytes = NULL;
  guint pages = 0;
  gboolean written;

  dir = g_dir_make_tmp ("uniondesk-snapshot-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  db_path = g_build_filename (dir, "snapshot.db", NULL);
  gz_path = g_build_filename (dir, "snapshot.db.gz", NULL);

  /* One snapshot of the database for every page. */
  begin = ud_server_db_exec (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, error);
  if (begin == NULL)
    goto out;
  written = write_pages (conn, district, db_path, cancel, seq, &pages, &read_us, error);
  end = ud_server_db_exec (conn, written ? "COMMIT" : "ROLLBACK", 0, NULL, written ? error : NULL);
  written_at = g_get_monotonic_time ();
  if (!written || end == NULL || !gzip_file (db_path, gz_path, error))
    goto out;

  mapped = g_mapped_file_new (gz_path, FALSE, error);
  if (mapped == NULL)
    goto out;
  bytes = g_mapped_file_get_bytes (mapped);
  *timing = g_strdup_printf ("read;dur=%.0f, write;dur=%.0f, compress;dur=%.0f",
                             read_us / 1000.0, (written_at - started - read_us) / 1000.0,
                             (g_get_monotonic_time () - written_at) / 1000.0);
  g_debug ("Snapshot of district %s: %u pages up to seq %" G_GINT64_FORMAT ", %zu bytes",
           district, pages, *seq, g_bytes_get_size (bytes));

out:
  /* The mapping outlives the files' names. */
  g_unlink (db_path);
  g_unlink (gz_path);
  g_rmdir (dir);
  return bytes;
}

/* ---- the built snapshots, kept ------------------------------------------ */

/* A snapshot is built from the whole district (a million records: about
 * ten seconds of PostgreSQL, SQLite and zlib).  Every new office of the
 * district, and an office trying again after a cut connection, gets the
 * one built last instead while it is at most one pull page behind: what
 * came after it is pulled by the office as after any snapshot.  There is
 * no age limit: a district that does not change keeps a valid file, and
 * one that changes gets a new file built ahead (below).  A few districts
 * are kept, the least recently asked for dropped first; each is one
 * compressed file, mapped, its name already removed. */
#define CACHE_MAX_DISTRICTS 4

typedef struct
{
  char   *district;
  gint64  seq;
  GBytes *bytes;
  char   *sha256;
  gint64  used;    /* monotonic µs */
} Cached;

static GMutex cache_lock;
static GPtrArray *cache;   /* Cached */

static void
cached_free (gpointer data)
{
  Cached *cached = data;

  g_free (cached->district);
  g_bytes_unref (cached->bytes);
  g_free (cached->sha256);
  g_free (cached);
}

static Cached *
cache_find (const char *district)
{
  for (guint i = 0; cache != NULL && i < cache->len; i++)
    {
      Cached *cached = g_ptr_array_index (cache, i);

      if (g_str_equal (cached->district, district))
        return cached;
    }
  return NULL;
}

/* A copy of what is kept for @district. */
static gboolean
cache_get (const char  *district,
           gboolean     touch,
           gint64      *seq,
           GBytes     **bytes,
           char       **sha256)
{
  Cached *cached;
  gboolean found = FALSE;

  g_mutex_lock (&cache_lock);
  cached = cache_find (district);
  if (cached != NULL)
    {
      if (touch)
        cached->used = g_get_monotonic_time ();
      *seq = cached->seq;
      *bytes = g_bytes_ref (cached->bytes);
      *sha256 = g_strdup (cached->sha256);
      found = TRUE;
    }
  g_mutex_unlock (&cache_lock);

  return found;
}

static void
cache_put (const char *district,
           gint64      seq,
           GBytes     *bytes,
           const char *sha256)
{
  Cached *cached;

  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_ptr_array_new_with_free_func (cached_free);
  cached = cache_find (district);
  if (cached != NULL)
    g_ptr_array_remove (cache, cached);
  while (cache->len >= CACHE_MAX_DISTRICTS)
    {
      guint oldest = 0;

      for (guint i = 1; i < cache->len; i++)
        if (((Cached *) g_ptr_array_index (cache, i))->used < ((Cached *) g_ptr_array_index (cache, oldest))->used)
          oldest = i;
      g_ptr_array_remove_index_fast (cache, oldest);
    }
  cached = g_new0 (Cached, 1);
  cached->district = g_strdup (district);
  cached->seq = seq;
  cached->bytes = g_bytes_ref (bytes);
  cached->sha256 = g_strdup (sha256);
  cached->used = g_get_monotonic_time ();
  g_ptr_array_add (cache, cached);
  g_mutex_unlock (&cache_lock);
}

/* Whether at most one pull page of changes came after @seq. */
static gboolean
recent_enough (PGconn      *conn,
               const char  *district,
               gint64       seq,
               GError     **error)
{
  g_autoptr(GBytes) page = NULL;
  gint64 next = seq;
  gboolean more = TRUE;

  page = ud_server_db_pull (conn, district, seq, UD_SERVER_PULL_MAX_LIMIT, &next, &more, error);
  return page != NULL && !more;
}

/* The kept file of @district if it is recent enough; FALSE with @error
 * unset when there is none or it is too old. */
static gboolean
kept_recent (PGconn      *conn,
             const char  *district,
             gboolean     touch,
             gint64      *seq,
             GBytes     **bytes,
             char       **sha256,
             GError     **error)
{
  g_autoptr(GBytes) kept = NULL;
  g_autofree char *sum = NULL;
  gint64 kept_seq = 0;

  if (!cache_get (district, touch, &kept_seq, &kept, &sum) ||
      !recent_enough (conn, district, kept_seq, error))
    return FALSE;

  *seq = kept_seq;
  *bytes = g_steal_pointer (&kept);
  *sha256 = g_steal_pointer (&sum);
  return TRUE;
}

/* ---- built ahead ----------------------------------------------------------
 *
 * Built on request, the snapshot of a million records costs a new office
 * ten seconds before its first byte.  So after a push commits, a district
 * of at least AHEAD_MIN_RECORDS records whose kept file is missing or more
 * than one pull page behind gets a new one built on the builder thread,
 * never in the push's answer: once no push came for AHEAD_QUIET_US, or
 * AHEAD_MAX_WAIT_US after the first push that asked while pushes keep
 * coming (the pushes of fifty offices ask for one build, and a district
 * being loaded is rebuilt at most every 5 minutes, not after every
 * batch: a 1 M build costs about 10 s of one core).  The one builder
 * thread waits for one district at a time: another district's look may
 * wait behind it.  One build at a time per district: a snapshot request that
 * comes while one runs — built ahead or for another request — waits for
 * it and answers its file.  Builds ahead run one at a time on one thread.
 *
 * UD_SERVER_SNAPSHOT_AHEAD_RECORDS (environment, read when the server
 * starts) lowers the threshold for the tests. */
#define AHEAD_MIN_RECORDS 50000
#define AHEAD_QUIET_US    (3 * G_USEC_PER_SEC)
#define AHEAD_MAX_WAIT_US (300 * G_USEC_PER_SEC)

typedef struct
{
  gboolean building;
  gboolean scheduled;
  gint64   asked;      /* monotonic µs: the first push since the last look */
  gint64   pushed;     /* the last push */
} Ahead;

static GMutex ahead_lock;
static GCond ahead_cond;
static GHashTable *ahead;           /* district → Ahead; only while building or scheduled */
static GThreadPool *ahead_builder;
static UdServerDbPool *ahead_pool;
static gint ahead_stopping;
static gint64 ahead_min_records = AHEAD_MIN_RECORDS;

/* With ahead_lock held. */
static Ahead *
ahead_get (const char *district,
           gboolean    create)
{
  Ahead *entry;

  if (ahead == NULL)
    ahead = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  entry = g_hash_table_lookup (ahead, district);
  if (entry == NULL && create)
    {
      entry = g_new0 (Ahead, 1);
      g_hash_table_insert (ahead, g_strdup (district), entry);
    }
  return entry;
}

/* With ahead_lock held: ends a build, wakes those waiting for it. */
static void
ahead_done (const char *district,
            Ahead      *entry)
{
  entry->building = FALSE;
  if (!entry->scheduled)
    g_hash_table_remove (ahead, district);
  g_cond_broadcast (&ahead_cond);
}

/* Whether @district holds at least ahead_min_records records of its own. */
static gboolean
big_enough (PGconn      *conn,
            const char  *district,
            GError     **error)
{
  g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, ahead_min_records);
  const char *params[] = { district, limit };
  g_autoptr(PGresult) result = NULL;

  result = ud_server_db_exec (conn,
                              "SELECT count (*) FROM (SELECT 1 FROM records WHERE scope = $1 LIMIT $2::bigint) AS r",
                              2, params, error);
  return result != NULL && g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10) >= ahead_min_records;
}

static void
ahead_build (gpointer data,
             gpointer user_data)
{
  g_autofree char *district = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *timing = NULL;
  gint64 seq = 0;
  PGconn *conn;
  Ahead *entry;

  g_mutex_lock (&ahead_lock);
  entry = ahead_get (district, TRUE);
  for (;;)
    {
      gint64 due = MIN (entry->pushed + AHEAD_QUIET_US, entry->asked + AHEAD_MAX_WAIT_US);

      if (g_atomic_int_get (&ahead_stopping) || g_get_monotonic_time () >= due)
        break;
      g_cond_wait_until (&ahead_cond, &ahead_lock, due);
    }
  /* Pushes from now on ask for another look after this one. */
  entry->scheduled = FALSE;
  if (g_atomic_int_get (&ahead_stopping) || entry->building)
    {
      /* A request builds it already: it is as recent as this would be. */
      if (!entry->building)
        g_hash_table_remove (ahead, district);
      g_mutex_unlock (&ahead_lock);
      return;
    }
  entry->building = TRUE;
  g_mutex_unlock (&ahead_lock);

  conn = ud_server_db_pool_acquire (ahead_pool, &error);
  if (conn != NULL && big_enough (conn, district, &error))
    {
      g_autoptr(GBytes) kept = NULL;
      g_autofree char *kept_sum = NULL;
      gint64 kept_seq = 0;

      if (!kept_recent (conn, district, FALSE, &kept_seq, &kept, &kept_sum, &error) && error == NULL)
        {
          gint64 started = g_get_monotonic_time ();

          bytes = snapshot_build (conn, district, &ahead_stopping, &seq, &timing, &error);
          if (bytes != NULL)
            {
              sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
              cache_put (district, seq, bytes, sum);
              g_message ("Snapshot of district %s built ahead up to seq %" G_GINT64_FORMAT ": %zu bytes in %.1f s (%s)",
                         district, seq, g_bytes_get_size (bytes),
                         (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC, timing);
            }
        }
    }
  ud_server_db_pool_release (ahead_pool, conn);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Snapshot of district %s not built ahead: %s", district, error->message);

  g_mutex_lock (&ahead_lock);
  ahead_done (district, entry);
  g_mutex_unlock (&ahead_lock);
}

/**
 * ud_server_snapshot_ahead_start:
 * @pool: the server's connections; it must outlive the builder
 * @error: return location for an error
 *
 * Starts the thread that builds snapshots ahead of the requests, see
 * ud_server_snapshot_pushed().
 *
 * Returns: %FALSE with @error set if no thread could be started
 */
gboolean
ud_server_snapshot_ahead_start (UdServerDbPool  *pool,
                                GError         **error)
{
  const char *min_records = g_getenv ("UD_SERVER_SNAPSHOT_AHEAD_RECORDS");

  g_return_val_if_fail (pool != NULL, FALSE);
  g_return_val_if_fail (ahead_builder == NULL, FALSE);

  ahead_min_records = AHEAD_MIN_RECORDS;
  if (min_records != NULL && *min_records != '\0')
    ahead_min_records = MAX (1, g_ascii_strtoll (min_records, NULL, 10));
  ahead_pool = pool;
  g_atomic_int_set (&ahead_stopping, FALSE);
  ahead_builder = g_thread_pool_new_full (ahead_build, NULL, g_free, 1, TRUE, error);
  return ahead_builder != NULL;
}

/**
 * ud_server_snapshot_ahead_stop:
 *
 * Stops the builder: a build in progress stops at its next page, those
 * waiting for their few seconds are dropped.  Waits for it.
 */
void
ud_server_snapshot_ahead_stop (void)
{
  if (ahead_builder == NULL)
    return;

  g_mutex_lock (&ahead_lock);
  g_atomic_int_set (&ahead_stopping, TRUE);
  g_cond_broadcast (&ahead_cond);
  g_mutex_unlock (&ahead_lock);

  g_thread_pool_free (g_steal_pointer (&ahead_builder), TRUE, TRUE);
  g_mutex_lock (&ahead_lock);
  g_clear_pointer (&ahead, g_hash_table_unref);
  g_mutex_unlock (&ahead_lock);
  ahead_pool = NULL;
}

/**
 * ud_server_snapshot_pushed:
 * @district: the district a push was committed for
 *
 * Asks for a look at @district's snapshot once its pushes pause for a
 * few seconds (at most 5 minutes from now): it is built then if the
 * district is big and its kept file missing or more than one pull page
 * behind.  Returns at once.
 */
void
ud_server_snapshot_pushed (const char *district)
{
  Ahead *entry;

  g_return_if_fail (district != NULL);

  g_mutex_lock (&ahead_lock);
  if (ahead_builder != NULL && !g_atomic_int_get (&ahead_stopping))
    {
      entry = ahead_get (district, TRUE);
      entry->pushed = g_get_monotonic_time ();
      if (!entry->scheduled)
        {
          entry->scheduled = TRUE;
          entry->asked = entry->pushed;
          g_thread_pool_push (ahead_builder, g_strdup (district), NULL);
        }
    }
  g_mutex_unlock (&ahead_lock);
}

/**
 * ud_server_snapshot_get:
 * @conn: a connection
 * @district: the token's district
 * @seq: (out): the last sequence number the snapshot holds
 * @sha256: (out): the SHA-256 of the compressed bytes, in hex
 * @timing: (out): how long its parts took, as a Server-Timing header
 * @error: return location for an error
 *
 * The gzip-compressed SQLite snapshot of what @district's token may pull:
 * the one kept for the district while it is at most one pull page behind
 * (waiting for the build of it in progress, if any), else a new one.
 *
 * Returns: (transfer full): the compressed file, or %NULL with @error set
 */
GBytes *
ud_server_snapshot_get (PGconn      *conn,
                        const char  *district,
                        gint64      *seq,
                        char       **sha256,
                        char       **timing,
                        GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sum = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 waited = 0;
  Ahead *entry;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (district != NULL, NULL);
  g_return_val_if_fail (seq != NULL && sha256 != NULL && timing != NULL, NULL);

  for (;;)
    {
      GError *check_error = NULL;
      gint64 wait_started = g_get_monotonic_time ();

      g_mutex_lock (&ahead_lock);
      while ((entry = ahead_get (district, FALSE)) != NULL && entry->building)
        g_cond_wait (&ahead_cond, &ahead_lock);
      g_mutex_unlock (&ahead_lock);
      waited += g_get_monotonic_time () - wait_started;

      if (kept_recent (conn, district, TRUE, seq, &bytes, &sum, &check_error))
        {
          *sha256 = g_steal_pointer (&sum);
          if (waited >= 1000)
            *timing = g_strdup_printf ("cache;desc=\"kept\";dur=%.0f, wait;desc=\"build in progress\";dur=%.0f",
                                       (g_get_monotonic_time () - started) / 1000.0, waited / 1000.0);
          else
            *timing = g_strdup_printf ("cache;desc=\"kept\";dur=%.0f", (g_get_monotonic_time () - started) / 1000.0);
          return g_steal_pointer (&bytes);
        }
      if (check_error != NULL)
        {
          g_propagate_error (error, check_error);
          return NULL;
        }

      /* Nothing recent enough: build it, unless another began meanwhile. */
      g_mutex_lock (&ahead_lock);
      entry = ahead_get (district, TRUE);
      if (!entry->building)
        {
          entry->building = TRUE;
          g_mutex_unlock (&ahead_lock);
          break;
        }
      g_mutex_unlock (&ahead_lock);
    }

  bytes = snapshot_build (conn, district, NULL, seq, timing, error);
  if (bytes != NULL)
    {
      sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      cache_put (district, *seq, bytes, sum);
      *sha256 = g_steal_pointer (&sum);
    }

  g_mutex_lock (&ahead_lock);
  ahead_done (district, entry);
  g_mutex_unlock (&ahead_lock);

  return g_steal_pointer (&bytes);
}
