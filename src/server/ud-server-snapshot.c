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
             gint64      *seq_out,
             guint       *pages_out,
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

      page = ud_server_db_pull (conn, district, since, UD_SERVER_PULL_MAX_LIMIT, &next, &more, error);
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

GBytes *
ud_server_snapshot_build (PGconn      *conn,
                          const char  *district,
                          gint64      *seq,
                          GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *gz_path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(PGresult) begin = NULL;
  g_autoptr(PGresult) end = NULL;
  GBytes *bytes = NULL;
  guint pages = 0;
  gboolean written;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (district != NULL, NULL);

  dir = g_dir_make_tmp ("uniondesk-snapshot-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  db_path = g_build_filename (dir, "snapshot.db", NULL);
  gz_path = g_build_filename (dir, "snapshot.db.gz", NULL);

  /* One snapshot of the database for every page. */
  begin = ud_server_db_exec (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, error);
  if (begin == NULL)
    goto out;
  written = write_pages (conn, district, db_path, seq, &pages, error);
  end = ud_server_db_exec (conn, written ? "COMMIT" : "ROLLBACK", 0, NULL, written ? error : NULL);
  if (!written || end == NULL || !gzip_file (db_path, gz_path, error))
    goto out;

  mapped = g_mapped_file_new (gz_path, FALSE, error);
  if (mapped == NULL)
    goto out;
  bytes = g_mapped_file_get_bytes (mapped);
  g_debug ("Snapshot of district %s: %u pages up to seq %" G_GINT64_FORMAT ", %zu bytes",
           district, pages, *seq, g_bytes_get_size (bytes));

out:
  /* The mapping outlives the files' names. */
  g_unlink (db_path);
  g_unlink (gz_path);
  g_rmdir (dir);
  return bytes;
}
