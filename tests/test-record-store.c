/* test-record-store.c — the one store of every kind of record
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-core.h"
#include "ud-database.h"
#include "ud-member-kind.h"
#include "ud-record-store.h"
#include "ud-record-store-private.h"
#include "ud-unit-kind.h"

typedef struct
{
  UdDatabase *db;
} Fixture;

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

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-record-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(GError) error = NULL;

  fixture->db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_database_initialize_office (fixture->db, "110118", "密云区总工会", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
}

static UdRecord *
unit_new (const char *name,
          const char *credit_code,
          const char *street,
          const char *unit_type)
{
  UdRecord *unit = ud_record_new (&ud_kind_unit);

  ud_record_set (unit, "name", name);
  ud_record_set (unit, "credit_code", credit_code);
  ud_record_set (unit, "street", street);
  ud_record_set (unit, "unit_type", unit_type);
  return unit;
}

static gint64
save_unit (Fixture    *fixture,
           const char *name,
           const char *credit_code,
           const char *street,
           const char *unit_type)
{
  g_autoptr(UdRecord) unit = unit_new (name, credit_code, street, unit_type);
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_record_store_save (fixture->db, unit, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (unit->id, >, 0);
  return unit->id;
}

/* Saved with the common columns, an outbox entry and the whole record in
 * the audit log; read back by id, uuid and natural key. */
static void
test_save_and_read (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(UdRecord) unit = unit_new ("北京密云建材有限公司", "91110228MA01ABCD0X", "鼓楼街道", "企业");
  g_autoptr(UdRecord) by_id = NULL;
  g_autoptr(UdRecord) by_uuid = NULL;
  g_autoptr(UdRecord) by_key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();

  /* The credit code's check character is wrong: the field is named. */
  g_assert_false (ud_record_store_save (fixture->db, unit, issues, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_cmpstr (((UdIssue *) g_ptr_array_index (issues, 0))->field->name, ==, "credit_code");
  g_assert_true (g_str_has_prefix (error->message, "Unified social credit code: "));
  g_assert_cmpint (query_int (fixture->db, "SELECT count (*) FROM unit"), ==, 0);
  g_clear_error (&error);

  ud_record_set (unit, "credit_code", "91110000600037341L");
  g_assert_true (ud_record_store_save (fixture->db, unit, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (unit->uuid);
  g_assert_nonnull (unit->hlc);
  g_assert_cmpstr (unit->district, ==, "110118");
  /* Choices are stored as their codes. */
  g_assert_cmpstr (ud_record_get (unit, "unit_type"), ==, "enterprise");

  by_id = ud_record_store_get (fixture->db, &ud_kind_unit, unit->id, &error);
  g_assert_no_error (error);
  g_assert_true (ud_record_equal_values (by_id, unit));
  g_assert_cmpstr (by_id->hlc, ==, unit->hlc);
  by_uuid = ud_record_store_get_by_uuid (fixture->db, &ud_kind_unit, unit->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_uuid->id, ==, unit->id);
  by_key = ud_record_store_find (fixture->db, &ud_kind_unit, "credit_code", "91110000600037341L", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_key->id, ==, unit->id);

  g_assert_cmpint (query_int (fixture->db, "SELECT count (*) FROM sync_outbox WHERE kind = (SELECT code FROM sync_kind WHERE name = 'unit')"), ==, 1);
  g_assert_cmpint (query_int (fixture->db, "SELECT count (*) FROM audit_log WHERE kind = 'unit' AND action = 'create'"
                                           " AND new_value LIKE '%91110000600037341L%'"), ==, 1);

  ud_record_store_get (fixture->db, &ud_kind_unit, 9999, &error);
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_FOUND);
}

/* A change writes one audit entry per field changed, old → new; a
 * natural key held by another live record is refused. */
static void
test_update_and_keys (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 first = save_unit (fixture, "密云区供电公司", "91110000600037341L", "", "");
  g_autoptr(UdRecord) unit = NULL;
  g_autoptr(UdRecord) other = unit_new ("另一家", "91110000600037341L", "", "");
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autoptr(GError) error = NULL;

  unit = ud_record_store_get (fixture->db, &ud_kind_unit, first, &error);
  g_assert_no_error (error);
  ud_record_set (unit, "street", "果园街道");
  ud_record_set (unit, "contact", "王建华");
  g_assert_true (ud_record_store_save (fixture->db, unit, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->db, "SELECT count (*) FROM audit_log WHERE kind = 'unit' AND action = 'update'"), ==, 2);
  g_assert_cmpint (query_int (fixture->db, "SELECT count (*) FROM audit_log WHERE kind = 'unit' AND action = 'update'"
                                           " AND field = 'street' AND old_value = '' AND new_value = '果园街道'"), ==, 1);

  g_assert_false (ud_record_store_save (fixture->db, other, issues, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (((UdIssue *) g_ptr_array_index (issues, 0))->code, ==, "duplicate");
  g_assert_cmpstr (((UdIssue *) g_ptr_array_index (issues, 0))->field->name, ==, "credit_code");
  g_assert_cmpint (query_int (fixture->db, "SELECT count (*) FROM unit"), ==, 1);
}

/* A tombstone stays a record, synced as a deletion; it comes back only
 * while no live record has taken its key, and a new record with its key
 * brings it back rather than making a second one. */
static void
test_delete_and_undelete (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 id = save_unit (fixture, "鼓楼街道总工会", "", "鼓楼街道", "joint");
  gint64 other = save_unit (fixture, "果园街道总工会", "", "", "");
  g_autoptr(UdRecord) deleted = NULL;
  g_autoptr(UdRecord) renamed = NULL;
  g_autoptr(UdRecord) again = unit_new ("鼓楼街道总工会", "", "", "");
  g_autoptr(GError) error = NULL;
  UdRecordQuery all = { &ud_kind_unit };

  g_assert_true (ud_record_store_delete (fixture->db, &ud_kind_unit, id, &error));
  g_assert_no_error (error);
  deleted = ud_record_store_get (fixture->db, &ud_kind_unit, id, &error);
  g_assert_no_error (error);
  g_assert_true (deleted->deleted);
  g_assert_cmpint (ud_record_store_count (fixture->db, &all, NULL, &error), ==, 1);
  g_assert_cmpint (query_int (fixture->db, "SELECT count (*) FROM audit_log WHERE action = 'delete' AND kind = 'unit'"), ==, 1);

  /* Saved again as new: the deleted one comes back, with its history. */
  g_assert_true (ud_record_store_save (fixture->db, again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, id);
  g_assert_cmpstr (again->uuid, ==, deleted->uuid);
  g_assert_cmpint (query_int (fixture->db, "SELECT count (*) FROM audit_log WHERE action = 'undelete' AND kind = 'unit'"), ==, 1);

  /* Another unit takes its name meanwhile: it stays deleted. */
  g_assert_true (ud_record_store_delete (fixture->db, &ud_kind_unit, id, &error));
  renamed = ud_record_store_get (fixture->db, &ud_kind_unit, other, &error);
  ud_record_set (renamed, "name", "鼓楼街道总工会");
  g_assert_true (ud_record_store_save (fixture->db, renamed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (ud_record_store_undelete (fixture->db, &ud_kind_unit, id, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ud_record_store_count (fixture->db, &all, NULL, &error), ==, 1);
}

/* Lists sort, filter and search in SQL and page by key: each page starts
 * after the last row of the one before, never at an offset. */
static void
test_query_pages (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const streets[] = { "鼓楼街道", "果园街道", "檀营乡" };
  g_autoptr(GArray) all_ids = NULL;
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(UdRecordCursor) cursor = NULL;
  g_autoptr(GError) error = NULL;
  UdRecordQuery query = { &ud_kind_unit };
  UdRecordFilter joint = { "unit_type", UD_RECORD_FILTER_EQUALS, "joint" };
  UdRecordFilter no_street = { "street", UD_RECORD_FILTER_EMPTY, NULL };
  g_autoptr(GPtrArray) loaded = NULL;
  guint n_pages = 0;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("基层工会%02u", 24 - i);

      save_unit (fixture, name, "", i % 5 == 4 ? "" : streets[i % 3], i % 2 == 0 ? "joint" : "enterprise");
    }

  query.sort_field = "name";
  all_ids = ud_record_store_query (fixture->db, &query, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all_ids->len, ==, 25);
  loaded = ud_record_store_load (fixture->db, &ud_kind_unit, (gint64 *) (gpointer) all_ids->data, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (g_ptr_array_index (loaded, 0), "name"), ==, "基层工会00");
  g_assert_cmpstr (ud_record_get (g_ptr_array_index (loaded, 2), "name"), ==, "基层工会02");

  /* Pages of 7, descending, walk the same rows backwards. */
  query.descending = TRUE;
  query.limit = 7;
  do
    {
      UdRecordCursor *next = NULL;
      g_autoptr(GArray) page = NULL;

      query.after = cursor;
      page = ud_record_store_query (fixture->db, &query, &next, NULL, &error);
      g_assert_no_error (error);
      g_array_append_vals (pages, page->data, page->len);
      g_clear_pointer (&cursor, ud_record_cursor_free);
      cursor = next;
      n_pages++;
    }
  while (cursor != NULL);
  g_assert_cmpuint (n_pages, ==, 4);
  g_assert_cmpuint (pages->len, ==, 25);
  for (guint i = 0; i < 25; i++)
    g_assert_cmpint (g_array_index (pages, gint64, i), ==, g_array_index (all_ids, gint64, 24 - i));

  /* Filters and a search, and their count. */
  memset (&query, 0, sizeof query);
  query.kind = &ud_kind_unit;
  query.filters = &joint;
  query.n_filters = 1;
  g_assert_cmpint (ud_record_store_count (fixture->db, &query, NULL, &error), ==, 13);
  query.text = "果园";
  g_assert_cmpint (ud_record_store_count (fixture->db, &query, NULL, &error), ==, 3);
  query.filters = &no_street;
  query.text = NULL;
  g_assert_cmpint (ud_record_store_count (fixture->db, &query, NULL, &error), ==, 5);
  g_assert_no_error (error);

  query.sort_field = "contact";
  g_assert_null (ud_record_store_query (fixture->db, &query, NULL, NULL, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
}

/* A member names its unit by name: a new name is a new unit, written in
 * the same transaction; lists filter and sort by the unit's name. */
static void
test_reference_by_key (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const ids[] = { "11010519491231002X", "440524188001010014", "34052419800101001X" };
  static const char * const units[] = { "乙单位", "甲单位", "乙单位" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  UdRecordFilter in_unit = { "unit", UD_RECORD_FILTER_EQUALS, "乙单位" };
  UdRecordQuery query = { &ud_kind_member, NULL, &in_unit, 1, "unit" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);

      ud_record_set (member, "name", i == 0 ? "朱明敏" : i == 1 ? "李华" : "王芳");
      ud_record_set (member, "id_number", ids[i]);
      ud_record_set (member, "unit", units[i]);
      g_assert_true (ud_record_store_save (fixture->db, member, NULL, &error));
      g_assert_no_error (error);
      /* Derived and local fields are filled in. */
      g_assert_cmpstr (ud_record_get (member, "birth_date"), !=, "");
      g_assert_cmpstr (ud_record_get (member, "name_pinyin"), !=, "");
    }

  g_assert_cmpint (query_int (fixture->db, "SELECT count (*) FROM unit"), ==, 2);
  g_assert_cmpint (query_int (fixture->db, "SELECT count (*) FROM sync_outbox WHERE kind = (SELECT code FROM sync_kind WHERE name = 'unit')"), ==, 2);

  found = ud_record_store_query (fixture->db, &query, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);

  /* The member search hook: pinyin initials. */
  query.filters = NULL;
  query.n_filters = 0;
  query.text = "zmm";
  g_assert_cmpint (ud_record_store_count (fixture->db, &query, NULL, &error), ==, 1);
  query.text = "甲单";
  g_assert_cmpint (ud_record_store_count (fixture->db, &query, NULL, &error), ==, 1);
  g_assert_no_error (error);
}

/* A version from another office is checked like a typed record: one that
 * fails is refused whole, with the problem named. */
static void
test_remote_version_checked (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(UdRecord) version = ud_record_new (&ud_kind_member);
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autoptr(GError) error = NULL;

  version->uuid = g_strdup ("01890a5d-ac96-774b-bcce-b302099a8071");
  version->district = g_strdup ("110118");
  version->hlc = g_strdup ("018c00000000-0000-a");
  version->updated_at = g_strdup ("2024-01-01T00:00:00Z");
  version->updated_by = g_strdup ("sync");
  ud_record_set (version, "name", "王建国");
  ud_record_set (version, "id_number", "110105199001080167");
  ud_record_set (version, "unit", "北京青禾物业服务有限公司");
  ud_record_set (version, "status", "flying");

  g_assert_true (ud_database_begin (fixture->db, &error));
  g_assert_false (_ud_record_store_apply_remote (fixture->db, version, NULL, issues, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  g_assert_cmpuint (issues->len, ==, 2);
  g_assert_cmpstr (((UdIssue *) g_ptr_array_index (issues, 0))->field->name, ==, "id_number");
  g_assert_cmpstr (((UdIssue *) g_ptr_array_index (issues, 1))->field->name, ==, "status");
  ud_database_rollback (fixture->db);
  g_assert_cmpint (query_int (fixture->db, "SELECT count (*) FROM member"), ==, 0);
  g_assert_cmpint (query_int (fixture->db, "SELECT count (*) FROM unit"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/record-store/save-and-read", test_save_and_read);
  ADD ("/record-store/update-and-keys", test_update_and_keys);
  ADD ("/record-store/delete-and-undelete", test_delete_and_undelete);
  ADD ("/record-store/query-pages", test_query_pages);
  ADD ("/record-store/reference-by-key", test_reference_by_key);
  ADD ("/record-store/remote-version-checked", test_remote_version_checked);
#undef ADD

  return g_test_run ();
}
