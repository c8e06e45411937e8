/* test-storage.c — the office database: schema, members, outbox, audit
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "ud-audit-private.h"
#include "ud-core.h"
#include "ud-database.h"
#include "ud-member-store.h"
#include "ud-migrations.h"
#include "ud-audit-private.h"

static char *
temp_db_path (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-test-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return g_build_filename (dir, "sub", "office.db", NULL);
}

static UdDatabase *
open_office (char **path_out)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr(GError) error = NULL;
  UdDatabase *db = ud_database_open (path, &error);

  g_assert_no_error (error);
  ud_database_initialize_office (db, "110118", "密云区总工会", &error);
  g_assert_no_error (error);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return db;
}

static gint64
query_int (UdDatabase *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (UdDatabase *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static UdRecord *
sample_member (const char *name,
               const char *id_number)
{
  UdRecord *record = ud_record_new (&ud_kind_member);

  ud_record_set (record, "name", name);
  ud_record_set (record, "id_number", id_number);
  ud_record_set (record, "phone", "138 0013 8000");
  ud_record_set (record, "unit", "北京密云建材有限公司");
  ud_record_set (record, "joined_on", "2015/3/8");
  ud_record_set (record, "employment", "农民工");
  return record;
}

static void
test_open_creates_private_wal_file (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UdDatabase) db = open_office (&path);
  g_autofree char *mode = query_text (db, "PRAGMA journal_mode");
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (ud_database_get_schema_version (db), ==, UD_DATABASE_SCHEMA_VERSION);
  g_assert_cmpstr (ud_database_get_district (db), ==, "110118");
  g_assert_cmpstr (ud_database_get_office_name (db), ==, "密云区总工会");
}

/* An office database from an older UnionDesk is copied, as it was, beside
 * itself before it is updated (the copy is 0600, at the old schema, with
 * the office's data, and the audit trail names it); a new file is not. */
static void
assert_kept_before_upgrade (const char *path,
                            guint       from)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".before-upgrade-", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *kept = NULL;
  const char *name;
  guint copies = 0;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  struct stat st;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        copies++;
        g_free (kept);
        kept = g_build_filename (dir, name, NULL);
      }

  if (from == 0)
    {
      g_assert_cmpuint (copies, ==, 0);
      return;
    }
  g_assert_cmpuint (copies, ==, 1);
  g_assert_false (g_str_has_suffix (kept, ".partial"));
  g_assert_cmpint (g_stat (kept, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (sqlite3_open_v2 (kept, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT (SELECT user_version FROM pragma_user_version), name FROM member",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, from);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "朱明敏");
  sqlite3_finalize (stmt);
  sqlite3_close (raw);

  /* The copy's name is in the updated database's audit trail. */
  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT count (*) FROM audit_log WHERE action = 'backup' AND detail LIKE '%' || ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, kept, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
}

static void
test_migrations_from_every_version (void)
{
  guint hash_step = 0;
  guint trail_step = 0;
  guint outbox_step = 0;

  g_assert_cmpuint (_ud_n_migrations, ==, UD_DATABASE_SCHEMA_VERSION);
  /* The step that makes the audit trail a hash chain, found by its text
   * (steps are renumbered when branches merge): from then on an entry
   * carries its hash. */
  while (hash_step < _ud_n_migrations && strstr (_ud_migrations[hash_step], "audit_log ADD COLUMN hash") == NULL)
    hash_step++;
  g_assert_cmpuint (hash_step, <, _ud_n_migrations);
  /* The step that moves the relief trail (illness_step) into the one
   * trail of every kind: before it, the trail is written as it was. */
  while (trail_step < _ud_n_migrations && strstr (_ud_migrations[trail_step], "CREATE TABLE workflow_step") == NULL)
    trail_step++;
  g_assert_cmpuint (trail_step, <, _ud_n_migrations);
  /* The step that makes an outbox entry name its record's row: before
   * it, an entry is the kind, uuid and stamp as text. */
  while (outbox_step < _ud_n_migrations && strstr (_ud_migrations[outbox_step], "CREATE TABLE sync_kind") == NULL)
    outbox_step++;
  g_assert_cmpuint (outbox_step, <, _ud_n_migrations);

  /* Build a database at each earlier version by applying the steps by
   * hand, put a row in it where the schema allows, and let open() take
   * it to the newest version. */
  for (guint from = 0; from < _ud_n_migrations; from++)
    {
      g_autofree char *path = temp_db_path ();
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr(UdDatabase) db = NULL;
      g_autoptr(GError) error = NULL;
      sqlite3 *raw = NULL;

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
      /* The audit trail's hash chain (schema 7) is computed in SQL. */
      _ud_audit_register_sql (raw);
      for (guint step = 0; step < from; step++)
        {
          g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %u", step + 1);

          g_assert_cmpint (sqlite3_exec (raw, _ud_migrations[step], NULL, NULL, NULL), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_exec (raw, set, NULL, NULL, NULL), ==, SQLITE_OK);
        }
      /* From schema 1 on, an office with a member and its audit trail. */
      if (from >= 1)
        g_assert_cmpint (sqlite3_exec (raw,
                                       "INSERT INTO meta (key, value) VALUES ('district', '110118'), ('office_name', '密云区总工会');"
                                       "INSERT INTO unit (id, uuid, district, hlc, updated_at, updated_by, name)"
                                       " VALUES (1, '018f0000-0000-7000-8000-000000000001', '110118', 'h1', '2024-01-01T00:00:00Z', 'li', '密云建材');"
                                       "INSERT INTO member (uuid, district, hlc, updated_at, updated_by, name, id_number, unit_id)"
                                       " VALUES ('018f0000-0000-7000-8000-000000000002', '110118', 'h2', '2024-01-01T00:00:00Z', 'li', '朱明敏', '11010519491231002X', 1);",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      if (from >= 1 && from <= hash_step)
        g_assert_cmpint (sqlite3_exec (raw,
                                       "INSERT INTO audit_log (at, actor, action, kind, uuid)"
                                       " VALUES ('2024-01-01T00:00:00Z', 'li', 'create', 'member', '018f0000-0000-7000-8000-000000000002');",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      else if (from > hash_step)
        g_assert_cmpint (sqlite3_exec (raw,
                                       "INSERT INTO audit_log (id, at, actor, action, kind, uuid, hash)"
                                       " VALUES (1, '2024-01-01T00:00:00Z', 'li', 'create', 'member', '018f0000-0000-7000-8000-000000000002',"
                                       " ud_audit_hash ('', 1, '2024-01-01T00:00:00Z', 'li', 'create', 'member',"
                                       " '018f0000-0000-7000-8000-000000000002', NULL, NULL, NULL, NULL));",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      /* The member's change waits to be sent. */
      if (from >= 1 && from <= outbox_step)
        g_assert_cmpint (sqlite3_exec (raw,
                                       "INSERT INTO sync_outbox (kind, uuid, hlc)"
                                       " VALUES ('member', '018f0000-0000-7000-8000-000000000002', '018f00000002-0000-0a1b2c3d4e5f');",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      else if (from > outbox_step)
        g_assert_cmpint (sqlite3_exec (raw,
                                       "INSERT INTO sync_kind (code, name) VALUES (1, 'member');"
                                       "INSERT INTO sync_outbox (kind, id)"
                                       " SELECT 1, id FROM member WHERE uuid = '018f0000-0000-7000-8000-000000000002';",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      /* From schema 4 on (until the one trail), an illness application with
       * the old serial and a step of its trail, which references it. */
      if (from >= 4 && from <= trail_step)
        g_assert_cmpint (sqlite3_exec (raw,
                                       "INSERT INTO illness_application (uuid, district, hlc, updated_at, updated_by, serial,"
                                       " member_uuid, application_date, fund_year)"
                                       " VALUES ('018f0000-0000-7000-8000-000000000003', '110118', 'h3', '2024-01-01T00:00:00Z', 'li',"
                                       " '大病-110118-2024-0001', '018f0000-0000-7000-8000-000000000002', '2024-03-01', 2024);"
                                       "INSERT INTO illness_step (uuid, district, hlc, application_uuid, step, actor, at)"
                                       " VALUES ('018f0000-0000-7000-8000-000000000004', '110118', 'h4',"
                                       " '018f0000-0000-7000-8000-000000000003', 'create', 'li', '2024-03-01T00:00:00Z');",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (raw);

      db = ud_database_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ud_database_get_schema_version (db), ==, UD_DATABASE_SCHEMA_VERSION);
      assert_kept_before_upgrade (path, from);
      g_assert_cmpint (query_int (db, "SELECT count (*) FROM sqlite_master WHERE name = 'search_posting'"), ==, 1);
      g_assert_cmpint (query_int (db, "SELECT count (*) FROM sqlite_master WHERE name = 'member_grams'"), ==, 0);
      g_assert_cmpint (query_int (db, "SELECT count (*) FROM sqlite_master WHERE name = 'account'"), ==, 1);
      /* Schema 10: the refused versions a sync notes, with their reason. */
      g_assert_cmpint (query_int (db, "SELECT count (*) FROM sqlite_master WHERE name = 'sync_refusal'"), ==, 1);
      if (from >= 1)
        {
          g_autofree char *name = query_text (db, "SELECT name FROM member");

          /* Still waiting, named by its row. */
          g_assert_cmpint (ud_database_outbox_count (db), ==, 1);
          g_assert_cmpint (query_int (db, "SELECT count (*) FROM sync_outbox o JOIN sync_kind k ON k.code = o.kind"
                                          " JOIN member m ON m.id = o.id"
                                          " WHERE k.name = 'member' AND m.uuid = '018f0000-0000-7000-8000-000000000002'"), ==, 1);

          g_assert_cmpstr (name, ==, "朱明敏");
          g_assert_cmpstr (ud_database_get_district (db), ==, "110118");
          /* The search index's step: the index is filled from the members. */
          for (guint q = 0; q < 3; q++)
            {
              UdMemberQuery query = { .text = (char *) (const char *[]) { "zmm", "朱明", "1231002x" }[q] };
              g_autoptr(GArray) found = ud_member_store_query (db, &query, NULL, &error);

              g_assert_no_error (error);
              g_assert_cmpuint (found->len, ==, 1);
            }
          g_assert_null (ud_database_get_meta (db, "search_rebuild"));
          g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE actor = 'li'"), ==, 1);
        }
      /* Issue 9's tables, whatever the version it came from. */
      g_assert_cmpint (query_int (db, "SELECT count (*) FROM sqlite_master WHERE name IN"
                                      " ('hardship_archive', 'hardship_household_member', 'hardship_visit',"
                                      "  'aid_fund', 'aid_programme', 'aid_amount', 'aid_batch', 'aid_payment')"), ==, 8);
      /* Issue 10's rooms, and a room names a unit of the units register. */
      g_assert_cmpint (query_int (db, "SELECT count (*) FROM sqlite_master WHERE name IN"
                                      " ('room', 'room_inspection', 'room_delivery', 'room_use')"), ==, 4);
      g_assert_cmpint (query_int (db, "SELECT count (*) FROM pragma_foreign_key_list ('room') WHERE \"table\" = 'unit'"), ==, 1);
      if (from >= 4 && from <= trail_step)
        {
          g_autofree char *serial = query_text (db, "SELECT serial FROM illness_application");

          /* Old serials stay as they were, the trail keeps its application. */
          g_assert_cmpstr (serial, ==, "大病-110118-2024-0001");
          g_assert_cmpint (query_int (db, "SELECT count (*) FROM workflow_step s JOIN illness_application a"
                                          " ON a.uuid = s.record_uuid AND s.record_kind = 'illness_application'"
                                          " WHERE s.uuid = '018f0000-0000-7000-8000-000000000004'"
                                          " AND s.updated_by = 'li' AND s.deleted = 0"), ==, 1);
        }
      /* Schema 6: a serial may be held by two applications (one pulled
       * from another office), the uuid stays unique. */
      g_assert_true (ud_database_exec (db,
                                       "INSERT INTO illness_application (uuid, district, hlc, updated_at, updated_by, serial,"
                                       " member_uuid, application_date)"
                                       " VALUES ('018f0000-0000-7000-8000-0000000000a1', '110118', 'h5', '2024-01-01T00:00:00Z', 'li',"
                                       " '大病-110118-2024-01-0001', 'm', '2024-03-01'),"
                                       " ('018f0000-0000-7000-8000-0000000000a2', '110118', 'h6', '2024-01-01T00:00:00Z', 'wang',"
                                       " '大病-110118-2024-01-0001', 'm', '2024-03-02');", NULL));
      g_assert_false (ud_database_exec (db,
                                        "INSERT INTO illness_application (uuid, district, hlc, updated_at, updated_by, serial,"
                                        " member_uuid, application_date)"
                                        " VALUES ('018f0000-0000-7000-8000-0000000000a1', '110118', 'h7', '2024-01-01T00:00:00Z', 'li',"
                                        " '大病-110118-2024-01-0002', 'm', '2024-03-01');", NULL));
      g_assert_cmpint (query_int (db, "SELECT count (*) FROM sqlite_master WHERE name = 'illness_by_serial'"), ==, 1);
      g_assert_cmpint (query_int (db, "SELECT count (*) FROM sqlite_master WHERE name = 'illness_by_member'"), ==, 1);
      g_assert_cmpint (query_int (db, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
    }
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr(GError) error = NULL;
  UdDatabase *db = ud_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (ud_database_exec (db, "PRAGMA user_version = 99", NULL));
  g_object_unref (db);

  db = ud_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NEWER_SCHEMA);
}

static void
test_initialize_validates (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDatabase) db = ud_database_open (path, &error);

  g_assert_false (ud_database_initialize_office (db, "1101", "x", &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "District code"));
  g_clear_error (&error);
  g_assert_false (ud_database_initialize_office (db, "110118", "  ", &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  g_assert_false (ud_database_is_initialized (db));
}

static void
test_save_member (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdRecord) record = sample_member ("朱明敏", "11010519491231002x");
  g_autoptr(UdRecord) stored = NULL;
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_member_store_save (db, record, issues, &error));
  g_assert_no_error (error);
  g_assert_cmpint (record->id, >, 0);
  g_assert_nonnull (record->uuid);
  g_assert_cmpint (strlen (record->uuid), ==, 36);
  g_assert_cmpint (record->uuid[14], ==, '7');

  stored = ud_member_store_get (db, record->id, &error);
  g_assert_no_error (error);
  /* Normalised: upper-case X, derived sex and birth date, ISO date,
   * choice codes, unit by name. */
  g_assert_cmpstr (ud_record_get (stored, "id_number"), ==, "11010519491231002X");
  g_assert_cmpstr (ud_record_get (stored, "sex"), ==, "F");
  g_assert_cmpstr (ud_record_get (stored, "birth_date"), ==, "1949-12-31");
  g_assert_cmpstr (ud_record_get (stored, "joined_on"), ==, "2015-03-08");
  g_assert_cmpstr (ud_record_get (stored, "phone"), ==, "13800138000");
  g_assert_cmpstr (ud_record_get (stored, "employment"), ==, "migrant");
  g_assert_cmpstr (ud_record_get (stored, "status"), ==, "active");
  g_assert_cmpstr (ud_record_get (stored, "unit"), ==, "北京密云建材有限公司");
  g_assert_cmpstr (stored->district, ==, "110118");
  g_assert_cmpint (ud_member_store_count (db), ==, 1);

  /* The same transaction wrote the outbox (member and its new unit) and
   * the audit log. */
  g_assert_cmpint (ud_database_outbox_count (db), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'create' AND kind = 'member'"), ==, 1);
}

static void
test_invalid_member_names_field (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdRecord) record = sample_member ("李四", "360426199101010072");
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autoptr(GError) error = NULL;
  UdIssue *issue;

  g_assert_false (ud_member_store_save (db, record, issues, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  g_assert_cmpuint (issues->len, >=, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpstr (issue->field->name, ==, "id_number");
  g_assert_cmpstr (issue->code, ==, "invalid_checksum");
  g_assert_true (g_str_has_prefix (issue->message, "ID number: "));
  /* Nothing half-saved. */
  g_assert_cmpint (ud_member_store_count (db), ==, 0);
  g_assert_cmpint (ud_database_outbox_count (db), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM unit"), ==, 0);
}

static void
test_sex_mismatch_and_required (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdRecord) record = sample_member ("", "440524188001010014");
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  gboolean saw_required = FALSE, saw_sex = FALSE;

  ud_record_set (record, "sex", "女");
  g_assert_false (ud_member_validate (db, record, issues));
  for (guint i = 0; i < issues->len; i++)
    {
      UdIssue *issue = g_ptr_array_index (issues, i);

      saw_required |= g_str_equal (issue->code, "required") && g_str_equal (issue->field->name, "name");
      saw_sex |= g_str_equal (issue->code, "sex_mismatch") && g_str_equal (issue->field->name, "sex");
    }
  g_assert_true (saw_required);
  g_assert_true (saw_sex);
}

static void
test_duplicate_id_refused (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdRecord) a = sample_member ("张三", "440524188001010014");
  g_autoptr(UdRecord) b = sample_member ("张三丰", "440524188001010014");
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_member_store_save (db, a, NULL, &error));
  g_assert_false (ud_member_store_save (db, b, issues, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (((UdIssue *) g_ptr_array_index (issues, issues->len - 1))->code, ==, "duplicate");
  g_assert_cmpint (ud_member_store_count (db), ==, 1);
}

static void
test_update_audits_fields (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdRecord) record = sample_member ("王芳", "34052419800101001X");
  g_autoptr(GError) error = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *first_hlc = NULL;

  ud_database_set_actor (db, "clerk-li");
  g_assert_true (ud_member_store_save (db, record, NULL, &error));
  first_hlc = g_strdup (record->hlc);
  ud_record_set (record, "phone", "13912345678");
  ud_record_set (record, "status", "转出");
  g_assert_true (ud_member_store_save (db, record, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (record->hlc, >, first_hlc);

  old_value = query_text (db, "SELECT old_value FROM audit_log WHERE action = 'update' AND field = 'phone'");
  g_assert_cmpstr (old_value, ==, "13800138000");
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE action = 'update'"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log WHERE actor = 'clerk-li'"), >=, 3);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM member"), ==, 1);
}

static void
test_audit_log_is_append_only (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  sqlite3 *raw = ud_database_get_handle (db);

  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log"), ==, 1);
  g_assert_cmpint (sqlite3_exec (raw, "UPDATE audit_log SET actor = 'someone else'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DELETE FROM audit_log", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit_log"), ==, 1);
}

static void
test_delete_and_undelete (void)
{
  g_autoptr(UdDatabase) db = open_office (NULL);
  g_autoptr(UdRecord) record = sample_member ("单田芳", "440524188001010014");
  g_autoptr(UdRecord) again = sample_member ("单田芳", "440524188001010014");
  g_autoptr(GError) error = NULL;
  UdMemberQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;

  g_assert_true (ud_member_store_save (db, record, NULL, &error));
  g_assert_true (ud_member_store_delete (db, record->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ud_member_store_count (db), ==, 0);
  /* A tombstone stays for sync. */
  g_assert_cmpint (query_int (db, "SELECT deleted FROM member"), ==, 1);
  query.text = g_strdup ("单田");
  ids = ud_member_store_query (db, &query, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  g_assert_true (ud_member_store_undelete (db, record->id, &error));
  g_assert_cmpint (ud_member_store_count (db), ==, 1);
  ids = ud_member_store_query (db, &query, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 1);

  /* Saving a "new" member with a deleted member's number brings the
   * same record back rather than making a second one. */
  g_assert_true (ud_member_store_delete (db, record->id, &error));
  g_assert_true (ud_member_store_save (db, again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, record->id);
  g_assert_cmpstr (again->uuid, ==, record->uuid);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM member"), ==, 1);
  ud_member_query_clear (&query);
}

/* updated_at's text is GDateTime's own, made without it. */
static void
test_now_iso (void)
{
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
      g_autofree char *expected = g_date_time_format (before, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *text = ud_database_now_iso ();
      g_autoptr(GDateTime) after = g_date_time_new_now_utc ();

      /* The second ticked between the two: again. */
      if (g_date_time_to_unix (before) != g_date_time_to_unix (after))
        continue;
      g_assert_cmpstr (text, ==, expected);
      return;
    }
  g_assert_not_reached ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

  g_test_add_func ("/storage/open-private-wal", test_open_creates_private_wal_file);
  g_test_add_func ("/storage/now-iso", test_now_iso);
  g_test_add_func ("/storage/migrations", test_migrations_from_every_version);
  g_test_add_func ("/storage/newer-schema", test_newer_schema_refused);
  g_test_add_func ("/storage/initialize-validates", test_initialize_validates);
  g_test_add_func ("/storage/save-member", test_save_member);
  g_test_add_func ("/storage/invalid-member", test_invalid_member_names_field);
  g_test_add_func ("/storage/sex-mismatch-required", test_sex_mismatch_and_required);
  g_test_add_func ("/storage/duplicate-id", test_duplicate_id_refused);
  g_test_add_func ("/storage/update-audit", test_update_audits_fields);
  g_test_add_func ("/storage/audit-append-only", test_audit_log_is_append_only);
  g_test_add_func ("/storage/delete-undelete", test_delete_and_undelete);

  return g_test_run ();
}
