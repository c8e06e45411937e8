/* test-sync-store.c — the sync client's side in the office database
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without a server: pulled pages applied as the server would send them,
 * server addresses, back-off, and the token kept without a keyring.  The
 * client against the real server is tests/sync/test-sync.c.
 */

#define G_LOG_DOMAIN "test-sync-store"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/stat.h>

#include "ud-core.h"
#include "ud-account.h"
#include "ud-audit-private.h"
#include "ud-database.h"
#include "ud-generate.h"
#include "ud-member-store.h"
#include "ud-migrations.h"
#include "ud-permission.h"
#include "ud-sync-client.h"
#include "ud-sync-private.h"
#include "ud-sync-store.h"
#include "ud-sync-token.h"

#define DISTRICT "110118"

typedef struct
{
  char           *dir;
  UdDatabase     *db;
  UdSyncRunState  state;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("test-sync-store-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "office.db", NULL);
  fixture->db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_database_initialize_office (fixture->db, DISTRICT, "Miyun", &error);
  g_assert_no_error (error);
  _ud_sync_store_begin_run (fixture->db, "https://sync.example.org", &fixture->state, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "office.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  _ud_sync_run_state_clear (&fixture->state);
  g_clear_object (&fixture->db);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* A member change as the server sends it. */
static char *
member_change (const char *uuid,
               const char *district,
               const char *hlc,
               gboolean    deleted,
               const char *name,
               const char *id_number,
               const char *unit,
               gint64      seq)
{
  return g_strdup_printf ("{\"kind\":\"member\",\"uuid\":\"%s\",\"district\":\"%s\",\"hlc\":\"%s\","
                          "\"base_hlc\":null,\"deleted\":%s,\"data\":{\"name\":\"%s\",\"sex\":null,"
                          "\"id_number\":\"%s\",\"birth_date\":null,\"phone\":null,\"unit\":\"%s\","
                          "\"joined_on\":\"2015-03-08\",\"card_number\":null,\"employment\":\"in_service\","
                          "\"status\":\"active\",\"model_worker\":null,\"model_worker_body\":null,"
                          "\"model_worker_year\":null,\"honours\":null,\"notes\":null},\"seq\":%" G_GINT64_FORMAT "}",
                          uuid, district, hlc, deleted ? "true" : "false", name, id_number, unit, seq);
}

static gboolean
apply_page (Fixture        *fixture,
            const char     *json,
            gboolean       *more,
            UdSyncSummary  *summary,
            GError        **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(UdSyncJson) page = _ud_sync_json_parse (json, strlen (json), &parse_error);

  g_assert_no_error (parse_error);

  return _ud_sync_store_apply_page (fixture->db, &fixture->state, page, more, summary, error);
}

static UdRecord *
member_by_uuid (UdDatabase *db,
                const char *uuid)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = ud_database_prepare (db, "SELECT id FROM member WHERE uuid = ?1", &error);
  gint64 id = 0;
  UdRecord *record;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    return NULL;

  record = ud_member_store_get (db, id, &error);
  g_assert_no_error (error);
  return record;
}

static gint64
count (UdDatabase *db,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = ud_database_prepare (db, sql, &error);
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/* A page lands in one transaction with its cursor: members with their
 * unit and search entries, no outbox entries, a later stamp on the
 * clock; reference data held for later, flags kept. */
static void
test_apply_page (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *c1 = member_change ("01890a5d-ac96-774b-bcce-b302099a8057", DISTRICT,
                                       "7fff00000000-0000-remote1", FALSE,
                                       "朱明敏", "110118198001010026", "北京密云建材有限公司", 3);
  g_autofree char *page = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(UdSyncStatus) status = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tick = NULL;
  g_autofree char *ahead = NULL;
  UdMemberQuery query = { NULL };
  UdSyncSummary summary = { 0 };
  gboolean more = TRUE;

  page = g_strdup_printf ("{\"protocol\":1,\"changes\":[%s,"
                          "{\"kind\":\"ref_disease\",\"uuid\":\"01890a5d-ac96-774b-bcce-b302099a8058\","
                          "\"district\":\"110000\",\"hlc\":\"018c00000000-0000-city\",\"base_hlc\":null,"
                          "\"deleted\":false,\"data\":{\"code\":\"D01\"},\"seq\":4}],"
                          "\"conflicts\":[],"
                          "\"flags\":[{\"seq\":5,\"kind\":\"illness_application\",\"uuid\":\"01890a5d-ac96-774b-bcce-b302099a8059\","
                          "\"date\":\"2024-09-01\",\"other_district\":\"110105\",\"other_kind\":\"hardship_archive\","
                          "\"other_date\":\"2024-03-01\"}],"
                          "\"next\":5,\"more\":false}", c1);

  /* The stamp is far ahead (the year 10889): applied, but the clock does
   * not follow a computer that far in the future. */
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_no_error (error);
  g_assert_false (more);
  g_assert_cmpuint (summary.pulled, ==, 2);
  g_assert_cmpuint (summary.applied, ==, 1);
  g_assert_cmpuint (summary.skewed, ==, 1);
  g_assert_cmpint (summary.cursor, ==, 5);

  member = member_by_uuid (fixture->db, "01890a5d-ac96-774b-bcce-b302099a8057");
  g_assert_nonnull (member);
  g_assert_cmpstr (ud_record_get (member, "name"), ==, "朱明敏");
  g_assert_cmpstr (ud_record_get (member, "unit"), ==, "北京密云建材有限公司");
  g_assert_cmpstr (member->hlc, ==, "7fff00000000-0000-remote1");
  g_assert_cmpint (ud_database_outbox_count (fixture->db), ==, 0);

  query.text = g_strdup ("zmm");
  found = ud_member_store_query (fixture->db, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  ud_member_query_clear (&query);

  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sync_held WHERE kind = 'ref_disease'"), ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sync_flag WHERE other_district = '110105'"), ==, 1);

  status = ud_sync_status_load (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->cursor, ==, 5);
  g_assert_cmpint (status->flags, ==, 1);
  g_assert_cmpint (status->pending, ==, 0);
  g_assert_cmpstr (status->server_url, ==, "https://sync.example.org");

  /* Another connection to the same database follows the clock too. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "office.db", NULL);
    g_autoptr(UdDatabase) other = ud_database_open (path, &error);
    g_autofree char *other_tick = NULL;
    g_autofree char *ahead2 = ud_hlc_format (g_get_real_time () / 1000 + 120000, 1, "remote3");

    g_assert_no_error (error);
    ud_database_set_meta (fixture->db, "hlc_last", ahead2, &error);
    g_assert_no_error (error);
    ud_sync_follow_clock (other, &error);
    g_assert_no_error (error);
    other_tick = ud_database_next_hlc (other);
    g_assert_cmpint (strcmp (other_tick, ahead2), >, 0);
    ud_database_set_meta (fixture->db, "hlc_last", "000000000000-0000-0", &error);
    g_assert_no_error (error);
  }

  /* A stamp a minute ahead is followed: local changes sort after it. */
  more = TRUE;
  g_free (page);
  g_free (c1);
  ahead = ud_hlc_format (g_get_real_time () / 1000 + 60000, 5, "remote2");
  c1 = member_change ("01890a5d-ac96-774b-bcce-b302099a8060", DISTRICT, ahead, FALSE,
                      "李秀兰", "110102198507220425", "北京朝晖快递服务有限公司", 6);
  page = g_strdup_printf ("{\"protocol\":1,\"changes\":[%s],\"conflicts\":[],\"flags\":[],\"next\":6,\"more\":false}", c1);
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.skewed, ==, 1);
  tick = ud_database_next_hlc (fixture->db);
  g_assert_cmpint (strcmp (tick, ahead), >, 0);
}

/* A snapshot file as uniondesk-server writes it: @pages are pull pages;
 * @extra is more SQL run on it (to spoil it). */
static char *
write_snapshot (Fixture            *fixture,
                const char         *name,
                const char         *district,
                const char         *seq,
                const char * const *pages,
                const char         *extra)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *n_pages = NULL;
  sqlite3 *snap = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_open (path, &snap), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (snap,
                                 "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
                                 "CREATE TABLE page (n INTEGER PRIMARY KEY, json TEXT NOT NULL);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (snap, "INSERT INTO page (n, json) VALUES (?1, ?2)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (n = 0; pages[n] != NULL; n++)
    {
      sqlite3_bind_int (stmt, 1, (int) n + 1);
      sqlite3_bind_text (stmt, 2, pages[n], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  n_pages = g_strdup_printf ("%u", n);
  g_assert_cmpint (sqlite3_prepare_v2 (snap, "INSERT INTO meta (key, value) VALUES ('format', 'uniondesk-snapshot'),"
                                       " ('protocol', '1'), ('district', ?1), ('seq', ?2), ('pages', ?3)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, district, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, seq, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, n_pages, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  if (extra != NULL)
    g_assert_cmpint (sqlite3_exec (snap, extra, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (snap);

  return g_steal_pointer (&path);
}

/* The first sync's snapshot: checked as a file, each page as a pulled
 * one; anything wrong and nothing of it is applied; one audit entry. */
static void
test_apply_snapshot (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *c1 = member_change ("01890a5d-ac96-774b-bcce-b302099a8070", DISTRICT,
                                       "018c00000000-0000-a", FALSE,
                                       "朱明敏", "110118198001010026", "北京密云建材有限公司", 3);
  g_autofree char *c2 = member_change ("01890a5d-ac96-774b-bcce-b302099a8071", DISTRICT,
                                       "018c00000000-0001-a", FALSE,
                                       "李秀兰", "110102198507220425", "北京密云建材有限公司", 7);
  g_autofree char *page1 = g_strdup_printf ("{\"protocol\":1,\"changes\":[%s],\"conflicts\":[],\"flags\":[],"
                                            "\"next\":3,\"more\":true}", c1);
  g_autofree char *page2 = g_strdup_printf ("{\"protocol\":1,\"changes\":[%s],\"conflicts\":[],\"flags\":[],"
                                            "\"next\":7,\"more\":false}", c2);
  const char *pages[] = { page1, page2, NULL };
  const char *bad_json[] = { "{\"protocol\":1,\"changes\":[", NULL };
  const char *one_page[] = { page1, NULL };
  struct
  {
    const char          *name;
    const char          *district;
    const char          *seq;
    const char * const  *pages;
    const char          *extra;
    int                  code;
  } refused[] = {
    { "other-table.db", DISTRICT, "7", pages, "CREATE TABLE extra (x);", UD_SYNC_ERROR_BAD_ANSWER },
    { "other-district.db", "110105", "7", pages, NULL, UD_SYNC_ERROR_WRONG_DISTRICT },
    { "bad-json.db", DISTRICT, "7", bad_json, NULL, UD_SYNC_ERROR_BAD_ANSWER },
    { "missing-page.db", DISTRICT, "7", pages, "DELETE FROM page WHERE n = 2;", UD_SYNC_ERROR_BAD_ANSWER },
    { "short.db", DISTRICT, "7", one_page, NULL, UD_SYNC_ERROR_BAD_ANSWER },
    { "no-seq.db", DISTRICT, "-1", pages, NULL, UD_SYNC_ERROR_BAD_ANSWER },
  };
  g_autofree char *not_sqlite = g_build_filename (fixture->dir, "not-sqlite.db", NULL);
  g_autofree char *good = NULL;
  g_autoptr(GError) error = NULL;
  UdSyncSummary summary = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = write_snapshot (fixture, refused[i].name, refused[i].district, refused[i].seq,
                                              refused[i].pages, refused[i].extra);

      g_assert_false (_ud_sync_store_apply_snapshot (fixture->db, &fixture->state, path, &summary, &error));
      g_assert_error (error, UD_SYNC_ERROR, refused[i].code);
      g_clear_error (&error);
      /* Not even the valid first page of "short.db" (whose last page
       * promises more) stays. */
      g_assert_cmpint (fixture->state.cursor, ==, 0);
      g_assert_cmpint (count (fixture->db, "SELECT cursor FROM sync_state"), ==, 0);
      g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM member"), ==, 0);
      g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sqlite_schema WHERE name = 'member_by_name'"), ==, 1);
    }

  g_assert_true (g_file_set_contents (not_sqlite, "PK\x03\x04 not a database at all", -1, &error));
  g_assert_false (_ud_sync_store_apply_snapshot (fixture->db, &fixture->state, not_sqlite, &summary, &error));
  g_assert_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_BAD_ANSWER);
  g_clear_error (&error);

  good = write_snapshot (fixture, "good.db", DISTRICT, "7", pages, NULL);
  memset (&summary, 0, sizeof summary);
  g_assert_true (_ud_sync_store_apply_snapshot (fixture->db, &fixture->state, good, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fixture->state.cursor, ==, 7);
  g_assert_cmpuint (summary.applied, ==, 2);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM member"), ==, 2);
  /* One entry for the snapshot, none for each record it brought. */
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM audit_log WHERE action = 'sync_snapshot'"), ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM audit_log WHERE action LIKE 'sync_create'"), ==, 0);
  /* Searchable at once; the search postings and the list's sort
   * indexes are built by the fill after the commit. */
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sqlite_schema WHERE name = 'member_by_name'"), ==, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meta WHERE key = 'search_pending_from'"), ==, 1);
  for (guint fill = 0; fill < 2; fill++)
    {
      UdMemberQuery query = { .text = (char *) "lxl" };
      g_autoptr(GArray) found = ud_member_store_query (fixture->db, &query, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_true (ud_record_store_fill_indexes (fixture->db, 0, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sqlite_schema WHERE name = 'member_by_name'"), ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meta WHERE key = 'search_pending_from'"), ==, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM search_posting"), >, 0);
}

/* Every member as a pulled page leaves it (its unit by name), every
 * sync base and the members' aliases: the same text for the same state. */
static char *
office_state (UdDatabase *db)
{
  GString *state = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = ud_database_prepare (db, "SELECT uuid FROM member ORDER BY uuid", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(UdRecord) member = member_by_uuid (db, (const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *json = ud_record_to_json_text (member);

      g_string_append_printf (state, "member %s %s %d %s\n", member->uuid, member->hlc, member->deleted, json);
    }
  sqlite3_reset (stmt);

  stmt = ud_database_prepare (db, "SELECT kind || ' ' || uuid || ' ' || hlc FROM sync_base ORDER BY kind, uuid", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (state, "base %s\n", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  stmt = ud_database_prepare (db, "SELECT uuid || ' ' || local_uuid FROM sync_alias WHERE kind = 'member' ORDER BY uuid", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (state, "alias %s\n", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  g_string_append_printf (state, "units %" G_GINT64_FORMAT "\n", count (db, "SELECT count (*) FROM unit"));

  return g_string_free (state, FALSE);
}

/* A snapshot into an empty office writes new records the short way; what
 * it leaves is what the same pages pulled one by one leave: a record that
 * comes twice, a tombstone of a record never seen, a twin (another uuid,
 * the same ID number) and what comes after the twin, a unit made for
 * its member. */
static void
test_snapshot_like_pages (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *a1 = member_change ("01890a5d-ac96-774b-bcce-b302099a8101", DISTRICT, "018c00000000-0000-a", FALSE,
                                       "朱明敏", "110118198001010026", "北京密云建材有限公司", 1);
  g_autofree char *b1 = member_change ("01890a5d-ac96-774b-bcce-b302099a8102", DISTRICT, "018c00000000-0001-a", FALSE,
                                       "李秀兰", "110102198507220425", "北京密云快递服务有限公司", 2);
  g_autofree char *a2 = member_change ("01890a5d-ac96-774b-bcce-b302099a8101", DISTRICT, "018c00000000-0002-a", FALSE,
                                       "朱明慧", "110118198001010026", "北京密云建材有限公司", 3);
  g_autofree char *c0 = member_change ("01890a5d-ac96-774b-bcce-b302099a8103", DISTRICT, "018c00000000-0003-a", TRUE,
                                       "王建国", "11010119780315031X", "北京密云建材有限公司", 4);
  g_autofree char *e1 = member_change ("01890a5d-ac96-774b-bcce-b302099a8105", DISTRICT, "018c00000000-0004-a", FALSE,
                                       "朱敏", "11010519491231002X", "北京密云物业服务有限公司", 5);
  g_autofree char *d1 = member_change ("01890a5d-ac96-774b-bcce-b302099a8104", DISTRICT, "018c00000000-0005-a", FALSE,
                                       "李秀兰", "110102198507220425", "北京密云建材有限公司", 6);
  g_autofree char *f1 = member_change ("01890a5d-ac96-774b-bcce-b302099a8106", DISTRICT, "018c00000000-0006-a", FALSE,
                                       "王建国", "11010119780315031X", "北京密云建材有限公司", 7);
  g_autofree char *b0 = member_change ("01890a5d-ac96-774b-bcce-b302099a8102", DISTRICT, "018c00000000-0007-a", TRUE,
                                       "李秀兰", "110102198507220425", "北京密云快递服务有限公司", 8);
  g_autofree char *page1 = g_strdup_printf ("{\"protocol\":1,\"changes\":[%s,%s,%s,%s],\"conflicts\":[],\"flags\":[],"
                                            "\"next\":4,\"more\":true}", a1, b1, a2, c0);
  g_autofree char *page2 = g_strdup_printf ("{\"protocol\":1,\"changes\":[%s,%s,%s,%s],\"conflicts\":[],\"flags\":[],"
                                            "\"next\":8,\"more\":false}", e1, d1, f1, b0);
  const char *pages[] = { page1, page2, NULL };
  g_autofree char *path = write_snapshot (fixture, "like-pages.db", DISTRICT, "8", pages, NULL);
  g_autofree char *paged_path = g_build_filename (fixture->dir, "paged.db", NULL);
  g_autoptr(UdDatabase) paged = NULL;
  g_autofree char *from_snapshot = NULL;
  g_autofree char *from_pages = NULL;
  g_autoptr(GError) error = NULL;
  UdSyncRunState paged_state = { 0 };
  UdSyncSummary snapshot_summary = { 0 };
  UdSyncSummary paged_summary = { 0 };
  gboolean more = TRUE;

  g_assert_true (_ud_sync_store_apply_snapshot (fixture->db, &fixture->state, path, &snapshot_summary, &error));
  g_assert_no_error (error);

  paged = ud_database_open (paged_path, &error);
  g_assert_no_error (error);
  g_assert_true (ud_database_initialize_office (paged, DISTRICT, "Miyun", &error));
  g_assert_no_error (error);
  g_assert_true (_ud_sync_store_begin_run (paged, "https://sync.example.org", &paged_state, &error));
  g_assert_no_error (error);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_autoptr(UdSyncJson) page = _ud_sync_json_parse (pages[i], strlen (pages[i]), &error);

      g_assert_no_error (error);
      g_assert_true (_ud_sync_store_apply_page (paged, &paged_state, page, &more, &paged_summary, &error));
      g_assert_no_error (error);
    }
  g_assert_false (more);

  from_snapshot = office_state (fixture->db);
  from_pages = office_state (paged);
  g_test_message ("%s", from_snapshot);
  g_assert_cmpstr (from_snapshot, ==, from_pages);
  /* The twin is merged (an alias), the tombstones are there or not as by
   * pages, and the counts agree. */
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sync_alias WHERE kind = 'member'"), ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM member"), ==, 4);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sync_base"), ==, 6);
  g_assert_cmpuint (snapshot_summary.applied, ==, paged_summary.applied);
  g_assert_cmpuint (snapshot_summary.pulled, ==, paged_summary.pulled);
  g_assert_cmpint (fixture->state.cursor, ==, paged_state.cursor);

  _ud_sync_run_state_clear (&paged_state);
  g_clear_object (&paged);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (paged_path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_unlink (file);
    }
  g_unlink (path);
}

/* A record in a snapshot that the checks of what arrives refuse refuses
 * the whole snapshot, with the reason: nothing of it stays, and the same
 * pages pulled one by one note it as refused and store the rest. */
static void
test_snapshot_refused_record (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *good = member_change ("01890a5d-ac96-774b-bcce-b302099a8201", DISTRICT, "018c00000000-0000-a", FALSE,
                                         "朱明敏", "110118198001010026", "北京密云建材有限公司", 1);
  g_autofree char *bad = member_change ("01890a5d-ac96-774b-bcce-b302099a8202", DISTRICT, "018c00000000-0001-a", FALSE,
                                        "冒名会员", "110102198507220425", "北京密云建材有限公司", 2);
  g_autoptr(GString) hostile = g_string_new (bad);
  g_autofree char *page = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  UdSyncSummary summary = { 0 };
  gboolean more = TRUE;
  const char *pages[] = { NULL, NULL };

  /* A month that is not one. */
  g_assert_cmpuint (g_string_replace (hostile, "2015-03-08", "2019-13-45", 1), ==, 1);
  page = g_strdup_printf ("{\"protocol\":1,\"changes\":[%s,%s],\"conflicts\":[],\"flags\":[],"
                          "\"next\":2,\"more\":false}", good, hostile->str);
  pages[0] = page;
  path = write_snapshot (fixture, "hostile.db", DISTRICT, "2", pages, NULL);

  g_assert_false (_ud_sync_store_apply_snapshot (fixture->db, &fixture->state, path, &summary, &error));
  g_assert_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_BAD_ANSWER);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "冒名会员"));
  g_clear_error (&error);
  g_assert_cmpint (fixture->state.cursor, ==, 0);
  g_assert_cmpuint (summary.applied, ==, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM member"), ==, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sync_base"), ==, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM audit_log WHERE action = 'sync_snapshot'"), ==, 0);

  /* The office then pulls page by page. */
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.applied, ==, 1);
  g_assert_cmpuint (summary.refused, ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM member"), ==, 1);
  g_unlink (path);
}

/* A page that cannot be read or does not belong here changes nothing. */
static void
test_apply_page_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *good = member_change ("01890a5d-ac96-774b-bcce-b302099a8061", DISTRICT,
                                         "018c00000000-0000-a", FALSE,
                                         "王建国", "11010119780315031X", "北京青禾物业服务有限公司", 1);
  g_autofree char *other = member_change ("01890a5d-ac96-774b-bcce-b302099a8062", "110105",
                                          "018c00000000-0001-a", FALSE,
                                          "李秀兰", "110102198507220425", "北京朝晖快递服务有限公司", 2);
  g_autofree char *page = NULL;
  g_autoptr(GError) error = NULL;
  UdSyncSummary summary = { 0 };
  gboolean more = FALSE;

  /* Another district's records: the token is not this office's. */
  page = g_strdup_printf ("{\"changes\":[%s,%s],\"conflicts\":[],\"flags\":[],\"next\":2,\"more\":false}", good, other);
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_WRONG_DISTRICT);
  g_assert_false (ud_sync_error_is_transient (error));
  g_clear_error (&error);

  /* A change without its version stamp. */
  g_free (page);
  page = g_strdup_printf ("{\"changes\":[%s,{\"kind\":\"member\",\"uuid\":\"01890a5d-ac96-774b-bcce-b302099a8063\","
                          "\"district\":\"110118\",\"deleted\":false,\"data\":{}}],"
                          "\"conflicts\":[],\"flags\":[],\"next\":2,\"more\":false}", good);
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_BAD_ANSWER);
  g_assert_true (ud_sync_error_is_transient (error));
  g_clear_error (&error);

  /* A cursor going back. */
  g_free (page);
  fixture->state.cursor = 10;
  page = g_strdup_printf ("{\"changes\":[%s],\"conflicts\":[],\"flags\":[],\"next\":2,\"more\":false}", good);
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_BAD_ANSWER);
  g_clear_error (&error);

  /* More to come, but the cursor stays put. */
  g_free (page);
  fixture->state.cursor = 0;
  page = g_strdup ("{\"changes\":[],\"conflicts\":[],\"flags\":[],\"next\":0,\"more\":true}");
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_error (error, UD_SYNC_ERROR, UD_SYNC_ERROR_BAD_ANSWER);
  g_clear_error (&error);

  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM member"), ==, 0);
  g_assert_cmpint (count (fixture->db, "SELECT cursor FROM sync_state"), ==, 0);
}

/* An application pulled from another office names the member as that
 * office knows it; a member entered in both offices is one record here
 * (sync_alias), and the application names that one. */
static void
test_application_member_alias (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *here = member_change ("01890a5d-ac96-774b-bcce-b302099a8071", DISTRICT,
                                         "018c00000000-0000-a", FALSE,
                                         "王建国", "11010119780315031X", "北京青禾物业服务有限公司", 1);
  g_autofree char *there = member_change ("01890a5d-ac96-774b-bcce-b302099a8072", DISTRICT,
                                          "018c00000000-0001-b", FALSE,
                                          "王建国", "11010119780315031X", "北京青禾物业服务有限公司", 2);
  g_autofree char *page = NULL;
  g_autoptr(GError) error = NULL;
  UdSyncSummary summary = { 0 };
  gboolean more = FALSE;
  sqlite3_stmt *stmt;

  page = g_strdup_printf ("{\"changes\":[%s,%s,"
                          "{\"kind\":\"illness_application\",\"uuid\":\"01890a5d-ac96-774b-bcce-b302099a8073\","
                          "\"district\":\"110118\",\"hlc\":\"018c00000000-0002-b\",\"base_hlc\":null,"
                          "\"deleted\":false,\"data\":{\"serial\":\"大病-110118-2024-02-0001\","
                          "\"member_uuid\":\"01890a5d-ac96-774b-bcce-b302099a8072\","
                          "\"application_date\":\"2024-09-01\",\"relation\":\"self\",\"disease\":\"D01\","
                          "\"total\":8000000,\"household_size\":3,\"household_income\":9000000,"
                          "\"status\":\"draft\"},\"seq\":3}],"
                          "\"conflicts\":[],\"flags\":[],\"next\":3,\"more\":false}", here, there);
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_no_error (error);

  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM member"), ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM illness_application"), ==, 1);
  stmt = ud_database_prepare (fixture->db, "SELECT member_uuid, serial FROM illness_application", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "01890a5d-ac96-774b-bcce-b302099a8071");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "大病-110118-2024-02-0001");
  sqlite3_reset (stmt);
}

/* A version that cannot be stored as a record is kept for a person, not
 * dropped; the rest of the page is applied. */
static void
test_rejected (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *good = member_change ("01890a5d-ac96-774b-bcce-b302099a8064", DISTRICT,
                                         "018c00000000-0000-a", FALSE,
                                         "王建国", "11010119780315031X", "北京青禾物业服务有限公司", 1);
  g_autofree char *nameless = member_change ("01890a5d-ac96-774b-bcce-b302099a8065", DISTRICT,
                                             "018c00000000-0001-a", FALSE,
                                             "", "110102198507220425", "北京朝晖快递服务有限公司", 2);
  g_autofree char *page = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  UdSyncConflict *conflict;
  UdSyncSummary summary = { 0 };
  gboolean more = FALSE;

  page = g_strdup_printf ("{\"changes\":[%s,%s],\"conflicts\":[],\"flags\":[],\"next\":2,\"more\":false}", good, nameless);
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.applied, ==, 1);
  g_assert_cmpuint (summary.rejected, ==, 1);
  g_assert_cmpuint (summary.conflicts, ==, 1);
  g_assert_cmpint (ud_member_store_count (fixture->db), ==, 1);

  conflicts = ud_sync_conflicts_list (fixture->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (conflict->reason, ==, UD_SYNC_CONFLICT_REJECTED);
  g_assert_null (conflict->winner);
  g_assert_cmpstr (ud_record_get (conflict->loser, "id_number"), ==, "110102198507220425");

  /* Keeping the version no record holds is refused with a reason... */
  ud_sync_conflict_resolve (fixture->db, conflict->id, UD_SYNC_KEEP_WINNER, &error);
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ud_sync_conflicts_count_open (fixture->db), ==, 1);

  /* ...and so is keeping a version that lacks a required field... */
  ud_sync_conflict_resolve (fixture->db, conflict->id, UD_SYNC_KEEP_LOSER, &error);
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Name"));
  g_clear_error (&error);
  g_assert_cmpint (ud_member_store_count (fixture->db), ==, 1);

  /* ...and the same page pulled again lists nothing twice. */
  fixture->state.cursor = 0;
  summary = (UdSyncSummary) { 0 };
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.applied, ==, 0);
  g_assert_cmpuint (summary.conflicts, ==, 0);
  g_assert_cmpint (ud_sync_conflicts_count_open (fixture->db), ==, 1);
}

/* Local changes go out oldest kind first, in batches kept until their
 * answer is read. */
static void
test_next_batch (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(UdSyncStatus) status = NULL;
  JsonObject *body;
  JsonArray *changes;
  JsonObject *first;
  guint n_changes;
  gint64 waiting;

  ud_generate_members (fixture->db, 600, 7, &error);
  g_assert_no_error (error);
  waiting = _ud_sync_store_count_pushable (fixture->db);
  g_assert_cmpint (waiting, ==, ud_database_outbox_count (fixture->db));

  _ud_sync_store_next_batch (fixture->db, &fixture->state, UD_SYNC_MAX_BATCH, &n_changes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes, ==, UD_SYNC_MAX_BATCH);
  g_assert_nonnull (fixture->state.pending_batch);

  json_parser_load_from_data (parser, fixture->state.pending_body, -1, &error);
  g_assert_no_error (error);
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (body, "protocol"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (body, "batch"), ==, fixture->state.pending_batch);
  changes = json_object_get_array_member (body, "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, UD_SYNC_MAX_BATCH);
  first = json_array_get_object_element (changes, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "unit");
  g_assert_cmpstr (json_object_get_string_member (first, "district"), ==, DISTRICT);
  g_assert_true (json_object_get_null_member (first, "base_hlc"));
  g_assert_false (json_object_get_boolean_member (first, "deleted"));

  /* The batch survives a restart, as it was sent; the outbox is intact
   * until its answer is read. */
  _ud_sync_run_state_clear (&fixture->state);
  _ud_sync_store_begin_run (fixture->db, "https://sync.example.org", &fixture->state, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->state.pending_body);
  g_assert_cmpint (ud_database_outbox_count (fixture->db), ==, waiting);

  /* Another server: start over, the batch is not for it. */
  _ud_sync_run_state_clear (&fixture->state);
  _ud_sync_store_begin_run (fixture->db, "https://other.example.org", &fixture->state, &error);
  g_assert_no_error (error);
  g_assert_null (fixture->state.pending_body);
  g_assert_cmpint (fixture->state.cursor, ==, 0);
  status = ud_sync_status_load (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status->server_url, ==, "https://other.example.org");
  g_assert_cmpint (status->pending, ==, waiting);
}

/* Choosing a version is editing the record: a reviewer may not. */
static void
test_resolve_permission (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *mine = member_change ("01890a5d-ac96-774b-bcce-b302099a8066", DISTRICT,
                                         "018c00000000-0000-a", FALSE,
                                         "李秀兰", "110102198507220425", "北京朝晖快递服务有限公司", 1);
  g_autofree char *theirs = NULL;
  g_autofree char *page = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(UdSession) reviewer = NULL;
  g_autoptr(UdSession) clerk = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  UdSyncConflict *conflict;
  UdSyncSummary summary = { 0 };
  gboolean more = FALSE;

  ud_account_create (fixture->db, "admin", "Administrator", UD_ROLE_ADMIN, "correct horse 1", &error);
  g_assert_no_error (error);
  ud_account_create (fixture->db, "li", "Li Reviewer", UD_ROLE_REVIEWER, "correct horse 2", &error);
  g_assert_no_error (error);
  ud_account_create (fixture->db, "wang", "Wang Clerk", UD_ROLE_CLERK, "correct horse 3", &error);
  g_assert_no_error (error);

  /* A member pulled, edited here, and meanwhile elsewhere. */
  page = g_strdup_printf ("{\"changes\":[%s],\"conflicts\":[],\"flags\":[],\"next\":1,\"more\":false}", mine);
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_no_error (error);
  member = member_by_uuid (fixture->db, "01890a5d-ac96-774b-bcce-b302099a8066");
  ud_record_set (member, "phone", "13900001234");
  ud_member_store_save (fixture->db, member, NULL, &error);
  g_assert_no_error (error);

  theirs = member_change ("01890a5d-ac96-774b-bcce-b302099a8066", DISTRICT,
                          "018c00000001-0000-b", FALSE,
                          "李秀兰", "110102198507220425", "北京朝晖快递服务有限公司", 2);
  g_free (page);
  page = g_strdup_printf ("{\"changes\":[%s],\"conflicts\":[],\"flags\":[],\"next\":2,\"more\":false}", theirs);
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_no_error (error);
  conflicts = ud_sync_conflicts_list (fixture->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_true (conflict->winner_here);
  g_assert_cmpstr (ud_record_get (conflict->winner, "phone"), ==, "13900001234");

  reviewer = ud_account_authenticate (fixture->db, "li", "correct horse 2", &error);
  g_assert_no_error (error);
  ud_database_set_session (fixture->db, reviewer);
  ud_sync_conflict_resolve (fixture->db, conflict->id, UD_SYNC_KEEP_LOSER, &error);
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (ud_sync_conflicts_count_open (fixture->db), ==, 1);

  clerk = ud_account_authenticate (fixture->db, "wang", "correct horse 3", &error);
  g_assert_no_error (error);
  ud_database_set_session (fixture->db, clerk);
  ud_sync_conflict_resolve (fixture->db, conflict->id, UD_SYNC_KEEP_LOSER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ud_sync_conflicts_count_open (fixture->db), ==, 0);

  /* The other office's version is the record again, as a new change of
   * this office by the clerk. */
  g_clear_pointer (&member, ud_record_unref);
  member = member_by_uuid (fixture->db, "01890a5d-ac96-774b-bcce-b302099a8066");
  g_assert_cmpstr (ud_record_get (member, "phone"), ==, "");
  g_assert_cmpstr (member->updated_by, ==, "wang");
  g_assert_cmpint (strcmp (member->hlc, "018c00000001-0000-b"), >, 0);
  g_assert_cmpint (ud_database_outbox_count (fixture->db), ==, 1);
  ud_database_set_session (fixture->db, NULL);
}

/* Two versions of a member edited in two places: a person takes each
 * differing field from either, and the combination is saved as a new
 * version that syncs. */
static void
test_merge_conflict (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *mine = member_change ("01890a5d-ac96-774b-bcce-b302099a8067", DISTRICT,
                                         "018c00000000-0000-a", FALSE,
                                         "李秀兰", "110102198507220425", "北京朝晖快递服务有限公司", 1);
  g_autofree char *theirs = NULL;
  g_autofree char *page = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autoptr(GError) error = NULL;
  const char * const bad[] = { "no_such_field", NULL };
  const char * const unit_only[] = { "unit", NULL };
  UdSyncConflict *conflict;
  UdSyncSummary summary = { 0 };
  gboolean more = FALSE;

  /* Pulled, the phone edited here; meanwhile the unit elsewhere. */
  page = g_strdup_printf ("{\"changes\":[%s],\"conflicts\":[],\"flags\":[],\"next\":1,\"more\":false}", mine);
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_no_error (error);
  member = member_by_uuid (fixture->db, "01890a5d-ac96-774b-bcce-b302099a8067");
  ud_record_set (member, "phone", "13900001234");
  ud_member_store_save (fixture->db, member, NULL, &error);
  g_assert_no_error (error);

  theirs = member_change ("01890a5d-ac96-774b-bcce-b302099a8067", DISTRICT,
                          "018c00000001-0000-b", FALSE,
                          "李秀兰", "110102198507220425", "密云区金秋家政服务社", 2);
  g_free (page);
  page = g_strdup_printf ("{\"changes\":[%s],\"conflicts\":[],\"flags\":[],\"next\":2,\"more\":false}", theirs);
  apply_page (fixture, page, &more, &summary, &error);
  g_assert_no_error (error);

  conflicts = ud_sync_conflicts_list (fixture->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  differences = ud_sync_conflict_differences (conflict);
  g_assert_cmpuint (differences->len, ==, 2);
  g_assert_cmpstr (((UdField *) g_ptr_array_index (differences, 0))->name, ==, "phone");
  g_assert_cmpstr (((UdField *) g_ptr_array_index (differences, 1))->name, ==, "unit");

  g_assert_false (ud_sync_conflict_merge (fixture->db, conflict->id, bad, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ud_sync_conflicts_count_open (fixture->db), ==, 1);

  /* Our phone, their unit. */
  g_assert_true (ud_sync_conflict_merge (fixture->db, conflict->id, unit_only, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ud_sync_conflicts_count_open (fixture->db), ==, 0);

  g_clear_pointer (&member, ud_record_unref);
  member = member_by_uuid (fixture->db, "01890a5d-ac96-774b-bcce-b302099a8067");
  g_assert_cmpstr (ud_record_get (member, "phone"), ==, "13900001234");
  g_assert_cmpstr (ud_record_get (member, "unit"), ==, "密云区金秋家政服务社");
  /* A new version, later than both, waiting to be pushed. */
  g_assert_cmpint (strcmp (member->hlc, conflict->winner->hlc), >, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sync_outbox WHERE kind = (SELECT code FROM sync_kind WHERE name = 'member')"), ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sync_conflict WHERE resolution = 'merged'"), ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM audit_log WHERE action = 'resolve_conflict'"
                                       " AND detail LIKE '{\"what\":\"conflict\",\"resolution\":\"merged\",\"fields\":\"unit\",%'"), ==, 1);

  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = ud_sync_conflicts_list (fixture->db, TRUE, &error);
  g_assert_true (((UdSyncConflict *) g_ptr_array_index (conflicts, 0))->merged);
}

static char *
text_of (UdDatabase *db,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = ud_database_prepare (db, sql, &error);
  char *text;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return text;
}

/* The changes of the pending batch, "kind uuid hlc base_hlc" each, in
 * the order sent. */
static GPtrArray *
pending_changes (Fixture *fixture)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  JsonArray *changes;

  g_assert_nonnull (fixture->state.pending_body);
  json_parser_load_from_data (parser, fixture->state.pending_body, -1, &error);
  g_assert_no_error (error);
  changes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      const char *base = json_object_get_null_member (change, "base_hlc")
                         ? "null" : json_object_get_string_member (change, "base_hlc");

      g_ptr_array_add (lines, g_strdup_printf ("%s %s %s %s", json_object_get_string_member (change, "kind"),
                                               json_object_get_string_member (change, "uuid"),
                                               json_object_get_string_member (change, "hlc"), base));
    }

  return lines;
}

/* The server's answer to the pending batch: every change taken. */
static void
answer_pending (Fixture       *fixture,
                UdSyncSummary *summary)
{
  g_autofree char *answer = g_strdup_printf ("{\"protocol\":1,\"batch\":\"%s\",\"conflicts\":[],\"refused\":[]}",
                                             fixture->state.pending_batch);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSyncJson) json = _ud_sync_json_parse (answer, strlen (answer), &error);

  g_assert_no_error (error);
  _ud_sync_store_apply_answer (fixture->db, &fixture->state, json, summary, &error);
  g_assert_no_error (error);
  g_assert_null (fixture->state.pending_body);
}

/* An outbox entry names the record, not a version: a record changed here
 * again after its push keeps its entry when the push's answer comes (the
 * row no longer holds the stamp pushed), and the next push sends the new
 * version, from the one the server took. */
static void
test_changed_after_push (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *pushed = NULL;
  g_autofree char *expected = NULL;
  UdSyncSummary summary = { 0 };
  guint n_changes;

  ud_generate_members (fixture->db, 1, 7, &error);
  g_assert_no_error (error);
  uuid = text_of (fixture->db, "SELECT uuid FROM member");
  pushed = text_of (fixture->db, "SELECT hlc FROM member");
  g_assert_cmpint (ud_database_outbox_count (fixture->db), ==, 2);

  /* The unit, then the member, as they are. */
  _ud_sync_store_next_batch (fixture->db, &fixture->state, UD_SYNC_MAX_BATCH, &n_changes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes, ==, 2);
  first = pending_changes (fixture);
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (first, 0), "unit "));
  expected = g_strdup_printf ("member %s %s null", uuid, pushed);
  g_assert_cmpstr (g_ptr_array_index (first, 1), ==, expected);

  /* Edited here while the batch is on its way. */
  member = member_by_uuid (fixture->db, uuid);
  ud_record_set (member, "phone", "13900004321");
  ud_member_store_save (fixture->db, member, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (strcmp (member->hlc, pushed), >, 0);
  g_assert_cmpint (ud_database_outbox_count (fixture->db), ==, 2);

  /* The answer clears the unit's entry, not the member's. */
  answer_pending (fixture, &summary);
  g_assert_cmpuint (summary.pushed, ==, 2);
  g_assert_cmpint (ud_database_outbox_count (fixture->db), ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sync_outbox o JOIN member m ON m.id = o.id"
                                       " WHERE o.kind = (SELECT code FROM sync_kind WHERE name = 'member')"), ==, 1);

  /* The next push sends the edit, from the version the server took. */
  _ud_sync_store_next_batch (fixture->db, &fixture->state, UD_SYNC_MAX_BATCH, &n_changes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes, ==, 1);
  second = pending_changes (fixture);
  g_free (expected);
  expected = g_strdup_printf ("member %s %s %s", uuid, member->hlc, pushed);
  g_assert_cmpstr (g_ptr_array_index (second, 0), ==, expected);
  answer_pending (fixture, &summary);
  g_assert_cmpint (ud_database_outbox_count (fixture->db), ==, 0);
}

/* An office updated with changes still to send (the outbox of kind, uuid
 * and stamp as text): each becomes an entry naming its record's row, and
 * the first push after the update sends the same records with the same
 * versions; the clock goes on after the newest of them. */
static void
test_converted_outbox (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-sync-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *unit_hlc = NULL;
  g_autofree char *member_hlc = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *resumed = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GDir) listing = NULL;
  gint64 now_ms = g_get_real_time () / 1000;
  const char *name;
  Fixture fixture = { NULL };
  guint step = 0;
  guint n_changes;
  sqlite3 *raw = NULL;

  g_assert_no_error (error);
  /* The database as it was before the step that makes the outbox compact. */
  while (step < _ud_n_migrations && strstr (_ud_migrations[step], "CREATE TABLE sync_kind") == NULL)
    step++;
  g_assert_cmpuint (step, <, _ud_n_migrations);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  _ud_audit_register_sql (raw);
  for (guint i = 0; i < step; i++)
    {
      g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %u", i + 1);

      g_assert_cmpint (sqlite3_exec (raw, _ud_migrations[i], NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (raw, set, NULL, NULL, NULL), ==, SQLITE_OK);
    }

  /* A unit and two members changed here, not sent yet (the newest a
   * minute ahead of this computer's clock); a third member sent already;
   * an entry whose record is gone. */
  unit_hlc = ud_hlc_format (now_ms - 2000, 0, "0a1b2c3d4e5f");
  member_hlc = ud_hlc_format (now_ms - 1000, 0, "0a1b2c3d4e5f");
  newest = ud_hlc_format (now_ms + 60000, 3, "0a1b2c3d4e5f");
  sql = g_strdup_printf ("INSERT INTO meta (key, value) VALUES ('district', '" DISTRICT "'), ('office_name', 'Miyun');"
                         "INSERT INTO unit (id, uuid, district, hlc, updated_at, updated_by, name)"
                         " VALUES (1, '018f0000-0000-7000-8000-000000000001', '" DISTRICT "', '%s', '2024-01-01T00:00:00Z', 'li', '密云建材');"
                         "INSERT INTO member (id, uuid, district, hlc, updated_at, updated_by, name, id_number, unit_id) VALUES"
                         " (1, '018f0000-0000-7000-8000-000000000002', '" DISTRICT "', '%s', '2024-01-01T00:00:00Z', 'li',"
                         "  '朱明敏', '11010519491231002X', 1),"
                         " (2, '018f0000-0000-7000-8000-000000000003', '" DISTRICT "', '018c00000000-0000-a', '2024-01-01T00:00:00Z', 'li',"
                         "  '李秀兰', '110102198507220425', 1),"
                         " (3, '018f0000-0000-7000-8000-000000000004', '" DISTRICT "', '%s', '2024-01-01T00:00:00Z', 'li',"
                         "  '王建国', '11010119780315031X', 1);"
                         "INSERT INTO sync_outbox (kind, uuid, hlc) VALUES"
                         " ('unit', '018f0000-0000-7000-8000-000000000001', '%s'),"
                         " ('member', '018f0000-0000-7000-8000-000000000002', '%s'),"
                         " ('member', '018f0000-0000-7000-8000-000000000004', '%s'),"
                         " ('member', '018f0000-0000-7000-8000-000000000009', '%s');",
                         unit_hlc, member_hlc, newest, unit_hlc, member_hlc, newest, member_hlc);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  fixture.dir = g_strdup (dir);
  fixture.db = ud_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ud_database_get_schema_version (fixture.db), ==, UD_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (ud_database_outbox_count (fixture.db), ==, 3);
  g_assert_cmpint (_ud_sync_store_count_pushable (fixture.db), ==, 3);
  /* The clock resumes after the newest change waiting, as it did from
   * the old outbox. */
  resumed = ud_database_next_hlc (fixture.db);
  g_assert_cmpint (strcmp (resumed, newest), >, 0);

  _ud_sync_store_begin_run (fixture.db, "https://sync.example.org", &fixture.state, &error);
  g_assert_no_error (error);
  _ud_sync_store_next_batch (fixture.db, &fixture.state, UD_SYNC_MAX_BATCH, &n_changes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes, ==, 3);
  sent = pending_changes (&fixture);
  g_assert_cmpuint (sent->len, ==, 3);
  {
    g_autofree char *unit = g_strdup_printf ("unit 018f0000-0000-7000-8000-000000000001 %s null", unit_hlc);
    g_autofree char *first = g_strdup_printf ("member 018f0000-0000-7000-8000-000000000002 %s null", member_hlc);
    g_autofree char *second = g_strdup_printf ("member 018f0000-0000-7000-8000-000000000004 %s null", newest);

    g_assert_cmpstr (g_ptr_array_index (sent, 0), ==, unit);
    g_assert_cmpstr (g_ptr_array_index (sent, 1), ==, first);
    g_assert_cmpstr (g_ptr_array_index (sent, 2), ==, second);
  }

  /* Taken by the server: nothing waits. */
  {
    UdSyncSummary summary = { 0 };

    answer_pending (&fixture, &summary);
    g_assert_cmpuint (summary.pushed, ==, 3);
    g_assert_cmpint (ud_database_outbox_count (fixture.db), ==, 0);
  }

  _ud_sync_run_state_clear (&fixture.state);
  g_clear_object (&fixture.db);
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (file), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_free (fixture.dir);
}

static void
test_server_url (void)
{
  struct
  {
    const char *input;
    const char *normalized;
    int         code;
  } cases[] = {
    { "https://sync.example.org/", "https://sync.example.org", -1 },
    { "  HTTPS://sync.example.org:8443/uniondesk//  ", "https://sync.example.org:8443/uniondesk", -1 },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080", -1 },
    { "http://localhost:8080/?x=1#top", "http://localhost:8080", -1 },
    { "http://[::1]:8080", "http://[::1]:8080", -1 },
    { "http://sync.example.org", NULL, UD_SYNC_ERROR_INSECURE },
    { "http://10.1.2.3:8080", NULL, UD_SYNC_ERROR_INSECURE },
    { "ftp://sync.example.org", NULL, UD_SYNC_ERROR_INVALID_URL },
    { "sync.example.org", NULL, UD_SYNC_ERROR_INVALID_URL },
    { "", NULL, UD_SYNC_ERROR_NOT_CONFIGURED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = ud_sync_normalize_server_url (cases[i].input, &error);

      if (cases[i].normalized != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (normalized, ==, cases[i].normalized);
        }
      else
        {
          g_assert_null (normalized);
          g_assert_error (error, UD_SYNC_ERROR, cases[i].code);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

/* The reader of the server's answers: what it accepts and what not. */
static void
test_json_reader (void)
{
  const char *text = " {\"a\": [1, -0, 9223372036854775807, -9223372036854775808, 9223372036854775808, 1.5e3],"
                     "  \"s\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\n\", \"n\": null, \"t\": true,"
                     "  \"o\": {\"x\" : {\"y\": []}}} ";
  const char *bad[] = {
    "", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00x\"",
    "\"a\tb\"", "\"\\x\"", "{\"a\" 1}", "[1 2]", "nul", "{} {}", "\"\xff\"", "\"abc",
  };
  g_autoptr(UdSyncJson) json = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *object_text = NULL;
  const UdSyncJsonValue *root;
  const UdSyncJsonValue *a;
  gint64 i;

  json = _ud_sync_json_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  root = _ud_sync_json_root (json);
  g_assert_cmpint (_ud_sync_json_type (root), ==, UD_SYNC_JSON_OBJECT);
  g_assert_cmpuint (_ud_sync_json_n_members (root), ==, 5);

  a = _ud_sync_json_get_array (root, "a");
  g_assert_cmpuint (_ud_sync_json_length (a), ==, 6);
  g_assert_cmpint (_ud_sync_json_int (_ud_sync_json_element (a, 0)), ==, 1);
  g_assert_cmpint (_ud_sync_json_int (_ud_sync_json_element (a, 1)), ==, 0);
  g_assert_cmpint (_ud_sync_json_int (_ud_sync_json_element (a, 2)), ==, G_MAXINT64);
  g_assert_cmpint (_ud_sync_json_int (_ud_sync_json_element (a, 3)), ==, G_MININT64);
  g_assert_cmpint (_ud_sync_json_type (_ud_sync_json_element (a, 4)), ==, UD_SYNC_JSON_DOUBLE);
  g_assert_cmpint (_ud_sync_json_type (_ud_sync_json_element (a, 5)), ==, UD_SYNC_JSON_DOUBLE);

  g_assert_cmpstr (_ud_sync_json_get_string (root, "s"), ==, "café 😀 \"q\" \n");
  g_assert_cmpint (_ud_sync_json_type (_ud_sync_json_member (root, "n")), ==, UD_SYNC_JSON_NULL);
  g_assert_true (_ud_sync_json_get_boolean (root, "t", &(gboolean) { FALSE }));
  g_assert_false (_ud_sync_json_get_int (root, "s", &i));
  g_assert_null (_ud_sync_json_get_string (root, "missing"));

  /* A value's text is the document's, as written. */
  object_text = _ud_sync_json_text (json, _ud_sync_json_get_object (root, "o"));
  g_assert_cmpstr (object_text, ==, "{\"x\" : {\"y\": []}}");

  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_autoptr(UdSyncJson) refused = _ud_sync_json_parse (bad[k], strlen (bad[k]), &error);

      g_assert_null (refused);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }

  /* 64 levels are read, 65 are not. */
  for (guint d = 0; d < 64; d++)
    g_string_append_c (deep, '[');
  for (guint d = 0; d < 64; d++)
    g_string_append_c (deep, ']');
  g_clear_pointer (&json, _ud_sync_json_free);
  json = _ud_sync_json_parse (deep->str, deep->len, &error);
  g_assert_no_error (error);
  g_string_prepend_c (deep, '[');
  g_string_append_c (deep, ']');
  g_clear_pointer (&json, _ud_sync_json_free);
  json = _ud_sync_json_parse (deep->str, deep->len, &error);
  g_assert_null (json);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_backoff (void)
{
  g_assert_cmpuint (ud_sync_backoff_delay (0, 1000, 60000), ==, 0);
  g_assert_cmpuint (ud_sync_backoff_delay (1, 1000, 60000), ==, 1000);
  g_assert_cmpuint (ud_sync_backoff_delay (2, 1000, 60000), ==, 2000);
  g_assert_cmpuint (ud_sync_backoff_delay (3, 1000, 60000), ==, 4000);
  g_assert_cmpuint (ud_sync_backoff_delay (7, 1000, 60000), ==, 60000);
  g_assert_cmpuint (ud_sync_backoff_delay (400, 60000, 15 * 60000), ==, 15 * 60000);
}

/* Without a keyring the token goes to a file only this account can read,
 * and the person is told. */
static void
test_token_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *path = ud_sync_token_fallback_path ();
  g_autofree char *token = NULL;
  g_autofree char *own = NULL;
  GStatBuf info;

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);

  token = ud_sync_token_load ("https://sync.example.org", &error);
  g_assert_no_error (error);
  g_assert_null (token);

  ud_sync_token_save ("https://sync.example.org", "0f1e2d3c4b5a69788796a5b4c3d2e1f0", &notice, &error);
  g_assert_no_error (error);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, path));
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  token = ud_sync_token_load ("https://sync.example.org", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "0f1e2d3c4b5a69788796a5b4c3d2e1f0");

  ud_sync_token_save ("https://sync.example.org", "two words", NULL, &error);
  g_assert_error (error, UD_SYNC_TOKEN_ERROR, UD_SYNC_TOKEN_ERROR_INVALID);
  g_clear_error (&error);

  ud_sync_token_forget ("https://sync.example.org", &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A token file of one's own, as `uniondesk-cli sync --token-file`
   * reads it: the first line, without blanks. */
  own = g_build_filename (g_get_user_config_dir (), "my-token", NULL);
  g_file_set_contents (own, "  abcdef0123456789 \nsecond line\n", -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&token, g_free);

  /* Readable by the other users of the computer: not used, and the
   * message says how to make it private. */
  g_assert_cmpint (g_chmod (own, 0644), ==, 0);
  token = ud_sync_token_read_file (own, &error);
  g_assert_null (token);
  g_assert_error (error, UD_SYNC_TOKEN_ERROR, UD_SYNC_TOKEN_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "0644"));
  g_assert_nonnull (strstr (error->message, "chmod 600"));
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (own, 0600), ==, 0);
  token = ud_sync_token_read_file (own, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "abcdef0123456789");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

  g_test_add ("/sync-store/apply-page", Fixture, NULL, fixture_set_up, test_apply_page, fixture_tear_down);
  g_test_add ("/sync-store/snapshot-like-pages", Fixture, NULL, fixture_set_up, test_snapshot_like_pages, fixture_tear_down);
  g_test_add ("/sync-store/snapshot-refused-record", Fixture, NULL, fixture_set_up, test_snapshot_refused_record, fixture_tear_down);
  g_test_add ("/sync-store/apply-page-refused", Fixture, NULL, fixture_set_up, test_apply_page_refused, fixture_tear_down);
  g_test_add ("/sync-store/apply-snapshot", Fixture, NULL, fixture_set_up, test_apply_snapshot, fixture_tear_down);
  g_test_add ("/sync-store/application-member-alias", Fixture, NULL, fixture_set_up, test_application_member_alias, fixture_tear_down);
  g_test_add ("/sync-store/rejected", Fixture, NULL, fixture_set_up, test_rejected, fixture_tear_down);
  g_test_add ("/sync-store/next-batch", Fixture, NULL, fixture_set_up, test_next_batch, fixture_tear_down);
  g_test_add ("/sync-store/resolve-permission", Fixture, NULL, fixture_set_up, test_resolve_permission, fixture_tear_down);
  g_test_add ("/sync-store/merge-conflict", Fixture, NULL, fixture_set_up, test_merge_conflict, fixture_tear_down);
  g_test_add ("/sync-store/changed-after-push", Fixture, NULL, fixture_set_up, test_changed_after_push, fixture_tear_down);
  g_test_add_func ("/sync-store/converted-outbox", test_converted_outbox);
  g_test_add_func ("/sync-store/server-url", test_server_url);
  g_test_add_func ("/sync-store/backoff", test_backoff);
  g_test_add_func ("/sync-store/json-reader", test_json_reader);
  g_test_add_func ("/sync-store/token-file", test_token_file);

  return g_test_run ();
}
