/* test-report.c — the overview's figures by SQL over the registers, the
 * lists behind them, the report document, and the export of a list as
 * shown (masked, audited)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ud-account.h"
#include "ud-aid-store.h"
#include "ud-audit.h"
#include "ud-core.h"
#include "ud-export.h"
#include "ud-import.h"
#include "ud-member-kind.h"
#include "ud-member-store.h"
#include "ud-permission.h"
#include "ud-record-store.h"
#include "ud-report.h"
#include "ud-table.h"

typedef struct
{
  char       *dir;
  UdDatabase *db;
} Office;

#define PASSWORD "password-of-staff"

/* Six members: four active (two joined in 2024, one in 2023, one in
 * 2022), one transferred out, one retired, of two employments. */
static void
office_set_up (Office        *office,
               gconstpointer  data)
{
  const char *members[][5] = {
    { "朱明敏", "11010519491231002X", "2024-03-01", "active", "in_service" },
    { "王建华", "110228198001010016", "2024-11-20", "active", "migrant" },
    { "李秀英", "110228197512030022", "2023-05-06", "active", "in_service" },
    { "赵国强", "440524188001010014", "2022-01-10", "active", "in_service" },
    { "钱小红", "34052419800101001X", "2023-07-01", "transferred", "in_service" },
    { "孙立平", "11010119780315031X", "2024-02-02", "retired", "retired" },
  };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  ud_core_init ();
  office->dir = g_dir_make_tmp ("ud-report-XXXXXX", NULL);
  path = g_build_filename (office->dir, "office.db", NULL);
  office->db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_database_initialize_office (office->db, "110118", "密云区总工会", &error);
  g_assert_no_error (error);
  ud_account_create (office->db, "admin", "管理员", UD_ROLE_ADMIN, PASSWORD, &error);
  g_assert_no_error (error);
  ud_account_create (office->db, "li", "李明", UD_ROLE_CLERK, PASSWORD, &error);
  g_assert_no_error (error);
  ud_account_create (office->db, "wang", "王芳", UD_ROLE_APPROVER, PASSWORD, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);

      ud_record_set (member, "name", members[i][0]);
      ud_record_set (member, "id_number", members[i][1]);
      ud_record_set (member, "unit", i % 2 == 0 ? "北京密云建材有限公司" : "密云区溪翁庄镇政府");
      ud_record_set (member, "joined_on", members[i][2]);
      ud_record_set (member, "status", members[i][3]);
      ud_record_set (member, "employment", members[i][4]);
      ud_member_store_save (office->db, member, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
office_tear_down (Office        *office,
                  gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", office->dir);

  g_clear_object (&office->db);
  g_assert_cmpint (system (command), ==, 0);
  g_free (office->dir);
}

static void
sign_in (Office     *office,
         const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSession) session = ud_account_authenticate (office->db, username, PASSWORD, &error);

  g_assert_no_error (error);
  ud_database_set_session (office->db, session);
}

/* The records a figure's link lists. */
static gint64
link_count (UdDatabase     *db,
            const UdReport *report,
            const UdReportLink *link,
            gboolean        last_year)
{
  g_autoptr(UdReportLink) resolved = ud_report_link_resolve (report, link, last_year);
  UdRecordQuery query = { ud_kind_lookup (resolved->kind), NULL, resolved->filters, resolved->n_filters };
  g_autoptr(GError) error = NULL;
  gint64 n;

  g_assert_nonnull (query.kind);
  n = ud_record_store_count (db, &query, NULL, &error);
  g_assert_no_error (error);

  return n;
}

static void
test_members (Office        *office,
              gconstpointer  data)
{
  UdReportScope scope = { 2024, 0, 0, NULL };
  g_autoptr(UdReport) report = NULL;
  g_autoptr(GError) error = NULL;
  UdReportTable *status, *employment, *joined;

  report = ud_report_compute (office->db, &scope, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->from, ==, "2024-01-01");
  g_assert_cmpstr (report->last_to, ==, "2023-12-31");

  /* By status at the end of 2024 and of 2023. */
  status = ud_report_find_table (report, "members_by_status");
  g_assert_nonnull (status);
  g_assert_cmpint (((UdReportRow *) g_ptr_array_index (status->rows, 0))->values[0], ==, 4);
  g_assert_cmpint (((UdReportRow *) g_ptr_array_index (status->rows, 0))->values[1], ==, 2);
  g_assert_cmpint (ud_report_table_total (status, 0), ==, 6);
  g_assert_cmpint (ud_report_table_total (status, 1), ==, 3);

  employment = ud_report_find_table (report, "members_by_employment");
  g_assert_cmpint (((UdReportRow *) g_ptr_array_index (employment->rows, 0))->values[0], ==, 3);
  g_assert_cmpint (((UdReportRow *) g_ptr_array_index (employment->rows, 1))->values[0], ==, 1);

  joined = ud_report_find_table (report, "members_joined");
  g_assert_cmpint (ud_report_table_total (joined, 0), ==, 3);
  g_assert_cmpint (ud_report_table_total (joined, 1), ==, 2);

  /* Every figure with a list: the list counts the same. */
  for (guint t = 0; t < report->tables->len; t++)
    {
      UdReportTable *table = g_ptr_array_index (report->tables, t);

      for (guint r = 0; r < table->rows->len; r++)
        {
          UdReportRow *row = g_ptr_array_index (table->rows, r);

          for (guint c = 0; c < table->n_columns; c++)
            if (row->links[c] != NULL && table->units[c] == UD_REPORT_COUNT &&
                g_str_has_prefix (table->id, "members"))
              g_assert_cmpint (link_count (office->db, report, row->links[c], table->last_year[c]), ==, row->values[c]);
        }
    }

  /* A quarter: new members of its three months only. */
  scope.quarter = 1;
  g_clear_pointer (&report, ud_report_free);
  report = ud_report_compute (office->db, &scope, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->to, ==, "2024-03-31");
  g_assert_cmpint (ud_report_table_total (ud_report_find_table (report, "members_joined"), 0), ==, 2);

  /* One street: the members of its units. */
  scope.quarter = 0;
  scope.street = (char *) "不存在的街道";
  g_clear_pointer (&report, ud_report_free);
  report = ud_report_compute (office->db, &scope, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ud_report_table_total (ud_report_find_table (report, "members_by_status"), 0), ==, 0);
  g_assert_null (((UdReportRow *) g_ptr_array_index (ud_report_find_table (report, "members_by_status")->rows, 0))->links[0]);
}

static void
test_scope (Office        *office,
            gconstpointer  data)
{
  UdReportScope scopes[] = {
    { 1999, 0, 0, NULL }, { 2024, 5, 0, NULL }, { 2024, 0, 13, NULL }, { 2024, 1, 2, NULL }, { 2024, 0, 0, (char *) "  " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (ud_report_compute (office->db, &scopes[i], FALSE, NULL, &error));
      g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
    }
}

static void
test_document (Office        *office,
               gconstpointer  data)
{
  UdReportScope scope = { 2024, 0, 0, NULL };
  g_autoptr(UdReport) report = NULL;
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;

  report = ud_report_compute (office->db, &scope, FALSE, NULL, &error);
  g_assert_no_error (error);
  document = ud_report_document (report);
  g_assert_cmpuint (ud_document_get_n_pages (document), >=, 2);
  pdf = ud_document_to_pdf (document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (pdf), >, 1000);
  g_assert_cmpuint (report->summary->len, >=, 4);
  g_assert_cmpuint (report->charts->len, >=, 2);

  json = ud_report_to_json (report);
  text = json_to_string (json, FALSE);
  g_assert_nonnull (strstr (text, "\"members_by_status\""));
  g_assert_nonnull (strstr (text, "\"totals\":[6,3]"));
}

/* The list as shown (its filters and search) exported: identifiers
 * masked for a clerk, whole for the approver; each export audited with
 * the list's filters, read back in words. */
static void
test_export_list (Office        *office,
                  gconstpointer  data)
{
  UdRecordFilter filters[] = {
    { "status", UD_RECORD_FILTER_EQUALS, "active" },
    { "joined_on", UD_RECORD_FILTER_FROM, "2024-01-01" },
  };
  UdRecordQuery query = { &ud_kind_member, NULL, filters, G_N_ELEMENTS (filters) };
  g_autofree char *path = g_build_filename (office->dir, "list.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *words = NULL;
  UdAuditFilter audit = { 0 };
  gint64 n;

  sign_in (office, "li");
  n = ud_export_list (office->db, &query, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 2);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (contents, "11010519491231002X"));
  g_assert_nonnull (strstr (contents, "110105********002X"));
  g_assert_null (strstr (contents, "赵国强"));
  g_clear_pointer (&contents, g_free);

  audit.action = (char *) "export";
  sign_in (office, "admin");
  entries = ud_audit_query (office->db, &audit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  words = ud_audit_entry_detail (g_ptr_array_index (entries, 0));
  g_assert_nonnull (strstr (words, "2 records, identifiers masked."));
  g_assert_nonnull (strstr (words, "Status: Active"));
  g_assert_nonnull (strstr (words, "from 2024-01-01"));
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_clear_pointer (&words, g_free);

  /* The approver may take whole numbers. */
  sign_in (office, "wang");
  query.text = "朱";
  n = ud_export_list (office->db, &query, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 1);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "11010519491231002X"));
  sign_in (office, "admin");
  entries = ud_audit_query (office->db, &audit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  words = ud_audit_entry_detail (g_ptr_array_index (entries, 0));
  g_assert_nonnull (strstr (words, "whole identifiers"));
  g_assert_nonnull (strstr (words, "search “朱”"));
}

/* A list of a kind no roster names (applications, payments) is exported
 * with its list's columns, in words, masked alike. */
static void
test_export_other_kind (Office        *office,
                        gconstpointer  data)
{
  const UdKind *kind = ud_kind_lookup ("aid_programme");
  UdRecordQuery query = { kind };
  g_autofree char *path = g_build_filename (office->dir, "programmes.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  gint64 n;

  g_assert_nonnull (kind);
  sign_in (office, "li");
  n = ud_export_list (office->db, &query, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, >=, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The teams' activities of the period: counted, summed, and the list
 * behind each figure lists them. */
static void
test_teams (Office        *office,
            gconstpointer  data)
{
  const char *activities[][4] = {
    { "2024-04-01", "3", "150000", "20000" },
    { "2024-09-10", "2", "100000", "0" },
    { "2023-06-01", "5", "250000", "10000" },
  };
  g_autoptr(UdRecord) team = ud_record_new (ud_kind_lookup ("team"));
  UdReportScope scope = { 2024, 0, 0, NULL };
  g_autoptr(UdReport) report = NULL;
  g_autoptr(GError) error = NULL;
  UdReportTable *counts, *amounts;

  sign_in (office, "li");
  ud_record_set (team, "name", "密云劳模扶贫队");
  ud_record_set (team, "captain", "张队长");
  ud_record_set (team, "responsible_union", "密云区总工会");
  ud_record_set (team, "paired_locality", "河北滦平");
  ud_record_store_save (office->db, team, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (activities); i++)
    {
      g_autoptr(UdRecord) activity = ud_record_new (ud_kind_lookup ("team_activity"));

      ud_record_set (activity, "team", "密云劳模扶贫队");
      ud_record_set (activity, "date", activities[i][0]);
      ud_record_set (activity, "type", "industry");
      ud_record_set (activity, "place", "滦平县");
      ud_record_set (activity, "households_reached", activities[i][1]);
      ud_record_set (activity, "money", activities[i][2]);
      ud_record_set (activity, "goods_value", activities[i][3]);
      ud_record_set (activity, "summary", "蜂群捐赠");
      ud_record_store_save (office->db, activity, NULL, &error);
      g_assert_no_error (error);
    }

  report = ud_report_compute (office->db, &scope, FALSE, NULL, &error);
  g_assert_no_error (error);
  counts = ud_report_find_table (report, "teams_counts");
  amounts = ud_report_find_table (report, "teams_amounts");
  g_assert_nonnull (counts);
  g_assert_nonnull (amounts);
  /* Activities, households reached; money, goods: this year and last. */
  g_assert_cmpint (((UdReportRow *) g_ptr_array_index (counts->rows, 0))->values[0], ==, 2);
  g_assert_cmpint (((UdReportRow *) g_ptr_array_index (counts->rows, 0))->values[1], ==, 1);
  g_assert_cmpint (((UdReportRow *) g_ptr_array_index (counts->rows, 1))->values[0], ==, 5);
  g_assert_cmpint (((UdReportRow *) g_ptr_array_index (amounts->rows, 0))->values[0], ==, 250000);
  g_assert_cmpint (((UdReportRow *) g_ptr_array_index (amounts->rows, 1))->values[0], ==, 20000);
  g_assert_cmpint (((UdReportRow *) g_ptr_array_index (amounts->rows, 0))->values[1], ==, 250000);
  g_assert_cmpint (link_count (office->db, report, ((UdReportRow *) g_ptr_array_index (counts->rows, 0))->links[0], FALSE), ==, 2);
  g_assert_cmpint (link_count (office->db, report, ((UdReportRow *) g_ptr_array_index (counts->rows, 0))->links[1], TRUE), ==, 1);

  /* Teams have no street: left out of one street's report. */
  scope.street = (char *) "果园街道";
  g_clear_pointer (&report, ud_report_free);
  report = ud_report_compute (office->db, &scope, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (ud_report_find_table (report, "teams_counts"));
}

/* Rooms imported from a register as offices keep it: by level at the
 * period's end, each figure's list counting the same. */
static void
test_rooms (Office        *office,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (office->dir, "rooms.csv", NULL);
  const char *csv =
    "名称,所在单位,地址,街道乡镇,类型,面积,桌椅套数,设施,建成日期,级别,挂牌编号,挂牌日期\n"
    "檀营母婴关爱角,北京密云建材有限公司,檀营乡政府一层,檀营乡,母婴关爱角,4,2,电源插座、母乳冰箱、私密设施,2024-05-01,已建,,\n"
    "溪翁庄母婴关爱室,北京密云建材有限公司,溪翁庄镇,溪翁庄镇,单位内部,5,2,电源插座、母乳冰箱、私密设施,2023-05-01,达标挂牌,MY-2024-009,2024-06-01\n"
    "鼓楼母婴关爱室,北京密云建材有限公司,鼓楼东大街2号,鼓楼街道,单位内部,8,2,电源插座、母乳冰箱、私密设施,2024-03-01,达标挂牌,MY-2024-001,2024-09-01\n";
  g_autoptr(UdImport) import = NULL;
  g_autoptr(UdImportReport) imported = NULL;
  UdReportScope scope = { 2024, 0, 0, NULL };
  g_autoptr(UdReport) report = NULL;
  g_autoptr(GError) error = NULL;
  UdReportTable *table;

  g_file_set_contents (path, csv, -1, &error);
  g_assert_no_error (error);
  import = ud_import_new_from_file (ud_kind_lookup ("room"), path, NULL, &error);
  g_assert_no_error (error);
  imported = ud_import_run (import, office->db, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* What the rooms' own rules let in (a plaque needs the standard met). */
  g_assert_cmpuint (imported->imported, >=, 2);

  report = ud_report_compute (office->db, &scope, TRUE, NULL, &error);
  g_assert_no_error (error);
  table = ud_report_find_table (report, "rooms_by_level");
  g_assert_nonnull (table);
  g_assert_cmpint (ud_report_table_total (table, 0), ==, imported->imported);
  g_assert_cmpint (ud_report_table_total (table, 2), <=, 1);
  for (guint r = 0; r < table->rows->len; r++)
    {
      UdReportRow *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        g_assert_cmpint (link_count (office->db, report, row->links[c], table->last_year[c]), ==, row->values[c]);
    }
}

/* Aid paid: people are distinct ID numbers per programme and period,
 * read with the amounts in one pass (a hash set) — the same as the
 * count (DISTINCT id_number) the figures were counted with before, on
 * payments that pay one person twice in a period, in both periods, in
 * other programmes, not yet paid or deleted; and the chart's months. */
static gint64
sql_value (UdDatabase *db,
           const char *sql,
           const char *programme,
           const char *from,
           const char *to)
{
  sqlite3_stmt *stmt;
  g_autoptr(GError) error = NULL;
  gint64 value;

  stmt = ud_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, programme, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static void
test_aid (Office        *office,
          gconstpointer  data)
{
  static const struct
  {
    int         programme;   /* its row id */
    const char *id_number;
    gint64      amount;
    const char *status;
    const char *paid_on;
    int         deleted;
  } payments[] = {
    { 1, "11010519491231002X", 100000, "paid", "2024-01-15", 0 },
    { 1, "11010519491231002X", 50000,  "paid", "2024-06-15", 0 },   /* the same person again */
    { 1, "110228198001010016", 70000,  "paid", "2024-06-30", 0 },
    { 1, "110228198001010016", 70000,  "paid", "2023-06-30", 0 },   /* the year before too */
    { 1, "110228197512030022", 90000,  "paid", "2023-12-31", 0 },
    { 1, "110228197512030022", 90000,  "paid", "2025-01-01", 0 },   /* after the period */
    { 2, "11010519491231002X", 30000,  "paid", "2024-12-31", 0 },   /* another programme */
    { 2, "440524188001010014", 20000,  "pending", "", 0 },          /* not yet paid */
    { 2, "34052419800101001X", 40000,  "paid", "2024-03-01", 1 },   /* deleted */
    { 2, "34052419800101001X", 40000,  "paid", "2024-03-01", 0 },
    { 2, "",                   10000,  "paid", "2024-03-02", 0 },   /* no ID number written */
  };
  UdReportScope scope = { 2024, 0, 0, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_aid_ensure_programmes (office->db, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (payments); i++)
    {
      sqlite3_stmt *stmt =
        ud_database_prepare (office->db,
                             "INSERT INTO aid_payment (uuid, district, hlc, updated_at, updated_by, deleted, batch_uuid, line,"
                             " recipient_kind, recipient_uuid, name, id_number, recipient_class, amount, programme_uuid,"
                             " year, status, paid_on, method)"
                             " SELECT 'test-' || ?1, '110118', '0', '2024-01-01T00:00:00Z', 'test', ?2, 'test', ?1,"
                             " 'member', '', '某人', ?3, 'member', ?4, p.uuid, 2024, ?5, ?6, 'cash'"
                             " FROM aid_programme p WHERE p.id = ?7",
                             &error);

      g_assert_no_error (error);
      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_int (stmt, 2, payments[i].deleted);
      sqlite3_bind_text (stmt, 3, payments[i].id_number, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, payments[i].amount);
      sqlite3_bind_text (stmt, 5, payments[i].status, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, payments[i].paid_on, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 7, payments[i].programme);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      g_assert_cmpint (sqlite3_changes (ud_database_get_handle (office->db)), ==, 1);
    }

  for (guint q = 0; q <= 4; q++)
    {
      g_autoptr(UdReport) report = NULL;
      g_autoptr(GPtrArray) programmes = g_ptr_array_new_with_free_func (g_free);
      UdReportTable *table;
      UdReportChart *chart = NULL;
      gint64 people = 0;
      sqlite3_stmt *stmt;

      scope.quarter = q;
      report = ud_report_compute (office->db, &scope, FALSE, NULL, &error);
      g_assert_no_error (error);
      table = ud_report_find_table (report, "aid_by_programme");
      g_assert_nonnull (table);
      stmt = ud_database_prepare (office->db, "SELECT uuid FROM aid_programme WHERE deleted = 0 ORDER BY code, id", &error);
      g_assert_no_error (error);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (programmes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      g_assert_cmpuint (table->rows->len, ==, programmes->len);

      for (guint p = 0; p < programmes->len; p++)
        {
          const char *programme = g_ptr_array_index (programmes, p);
          UdReportRow *row = g_ptr_array_index (table->rows, p);
          const char *people_sql =
            "SELECT count (DISTINCT id_number) FROM aid_payment WHERE deleted = 0 AND status = 'paid'"
            " AND programme_uuid = ?1 AND paid_on >= ?2 AND paid_on <= ?3";
          const char *amount_sql =
            "SELECT ifnull (sum (amount), 0) FROM aid_payment WHERE deleted = 0 AND status = 'paid'"
            " AND programme_uuid = ?1 AND paid_on >= ?2 AND paid_on <= ?3";

          g_assert_cmpint (row->values[0], ==, sql_value (office->db, people_sql, programme, report->from, report->to));
          g_assert_cmpint (row->values[1], ==, sql_value (office->db, amount_sql, programme, report->from, report->to));
          g_assert_cmpint (row->values[2], ==, sql_value (office->db, people_sql, programme, report->last_from, report->last_to));
          g_assert_cmpint (row->values[3], ==, sql_value (office->db, amount_sql, programme, report->last_from, report->last_to));
          people += row->values[0];
        }
      /* The year: the first programme paid two people (one of them
       * twice), the second three (one without a number written). */
      if (q == 0)
        {
          g_assert_cmpint (people, ==, 5);
          g_assert_cmpint (ud_report_table_total (table, 1), ==, 300000);
          g_assert_cmpint (ud_report_table_total (table, 2), ==, 2);
          g_assert_cmpint (ud_report_table_total (table, 3), ==, 160000);
        }

      /* The chart: the year's months whatever the period. */
      for (guint c = 0; c < report->charts->len; c++)
        if (g_str_equal (((UdReportChart *) g_ptr_array_index (report->charts, c))->id, "aid_by_month"))
          chart = g_ptr_array_index (report->charts, c);
      g_assert_nonnull (chart);
      g_assert_cmpuint (chart->series_names->len, ==, 2);
      for (guint m = 0; m < 12; m++)
        {
          g_autofree char *from = g_strdup_printf ("2024-%02u-01", m + 1);
          g_autofree char *to = g_strdup_printf ("2024-%02u-31", m + 1);
          gint64 month = 0;

          for (guint sr = 0; sr < chart->series_names->len; sr++)
            month += g_array_index (chart->values, gint64, sr * 12 + m);
          g_assert_cmpint (month, ==,
                           sql_value (office->db,
                                      "SELECT ifnull (sum (amount), 0) FROM aid_payment WHERE deleted = 0 AND status = 'paid'"
                                      " AND ?1 IS NOT NULL AND paid_on >= ?2 AND paid_on <= ?3",
                                      "", from, to));
        }
    }
}

/* Changes waiting to be sent: counted up to a thousand, "more than
 * 1,000" beyond (the sync page has the number). */
static gint64
pending_sync (Office   *office,
              gboolean *at_least)
{
  UdReportScope scope = { 2024, 0, 0, NULL };
  g_autoptr(UdReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = ud_report_compute (office->db, &scope, TRUE, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->work->len; i++)
    {
      UdReportWork *work = g_ptr_array_index (report->work, i);

      if (g_str_equal (work->id, "pending_sync"))
        {
          *at_least = work->at_least;
          if (work->at_least)
            g_assert_cmpstr (work->text, ==, "More than 1,000 changes wait to be sent to the city server");
          return work->count;
        }
    }
  *at_least = FALSE;

  return 0;
}

static void
test_pending_sync (Office        *office,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean at_least;
  gint64 outbox = ud_database_outbox_count (office->db);

  /* The six members made are waiting. */
  g_assert_cmpint (outbox, >, 0);
  g_assert_cmpint (pending_sync (office, &at_least), ==, outbox);
  g_assert_false (at_least);

  g_assert_true (ud_database_exec (office->db,
                                   "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
                                   " INSERT INTO sync_outbox (kind, id)"
                                   " SELECT (SELECT code FROM sync_kind WHERE name = 'member'), 1000000 + i FROM n",
                                   &error));
  g_assert_no_error (error);
  g_assert_cmpint (ud_database_outbox_count (office->db), >, 1000);
  g_assert_cmpint (pending_sync (office, &at_least), ==, 1001);
  g_assert_true (at_least);
}

/* The figures are the same computed on two threads (each with its own
 * connection) as on one (a transaction is open: a second connection
 * would not see it, so one thread computes all). */
static void
test_two_threads (Office        *office,
                  gconstpointer  data)
{
  UdReportScope scope = { 2024, 0, 0, NULL };
  g_autoptr(UdReport) two = NULL;
  g_autoptr(UdReport) one = NULL;
  g_autoptr(JsonNode) two_json = NULL;
  g_autoptr(JsonNode) one_json = NULL;
  g_autofree char *two_text = NULL;
  g_autofree char *one_text = NULL;
  g_autoptr(GError) error = NULL;

  sign_in (office, "wang");
  two = ud_report_compute (office->db, &scope, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ud_database_begin (office->db, &error));
  one = ud_report_compute (office->db, &scope, TRUE, NULL, &error);
  g_assert_no_error (error);
  ud_database_rollback (office->db);

  two_json = ud_report_to_json (two);
  one_json = ud_report_to_json (one);
  two_text = json_to_string (two_json, FALSE);
  one_text = json_to_string (one_json, FALSE);
  g_assert_cmpstr (two_text, ==, one_text);
  g_assert_cmpuint (two->tables->len, >, 5);
  g_assert_cmpstr (((UdReportTable *) g_ptr_array_index (two->tables, 0))->id, ==, "members_by_status");

  /* The second connection acts as the first: signed out where sign-in
   * is required, the figures are refused. */
  ud_database_set_session (office->db, NULL);
  ud_database_set_sign_in_required (office->db, TRUE);
  g_clear_pointer (&two, ud_report_free);
  two = ud_report_compute (office->db, &scope, TRUE, NULL, &error);
  g_assert_null (two);
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_NOT_SIGNED_IN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/members", Office, NULL, office_set_up, test_members, office_tear_down);
  g_test_add ("/report/teams", Office, NULL, office_set_up, test_teams, office_tear_down);
  g_test_add ("/report/rooms", Office, NULL, office_set_up, test_rooms, office_tear_down);
  g_test_add ("/report/scope", Office, NULL, office_set_up, test_scope, office_tear_down);
  g_test_add ("/report/aid", Office, NULL, office_set_up, test_aid, office_tear_down);
  g_test_add ("/report/pending-sync", Office, NULL, office_set_up, test_pending_sync, office_tear_down);
  g_test_add ("/report/two-threads", Office, NULL, office_set_up, test_two_threads, office_tear_down);
  g_test_add ("/report/document", Office, NULL, office_set_up, test_document, office_tear_down);
  g_test_add ("/report/export-list", Office, NULL, office_set_up, test_export_list, office_tear_down);
  g_test_add ("/report/export-other-kind", Office, NULL, office_set_up, test_export_other_kind, office_tear_down);

  return g_test_run ();
}
