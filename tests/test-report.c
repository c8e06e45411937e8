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
#include "ud-audit.h"
#include "ud-core.h"
#include "ud-export.h"
#include "ud-import.h"
#include "ud-member-kind.h"
#include "ud-member-store.h"
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/members", Office, NULL, office_set_up, test_members, office_tear_down);
  g_test_add ("/report/teams", Office, NULL, office_set_up, test_teams, office_tear_down);
  g_test_add ("/report/rooms", Office, NULL, office_set_up, test_rooms, office_tear_down);
  g_test_add ("/report/scope", Office, NULL, office_set_up, test_scope, office_tear_down);
  g_test_add ("/report/document", Office, NULL, office_set_up, test_document, office_tear_down);
  g_test_add ("/report/export-list", Office, NULL, office_set_up, test_export_list, office_tear_down);
  g_test_add ("/report/export-other-kind", Office, NULL, office_set_up, test_export_other_kind, office_tear_down);

  return g_test_run ();
}
