/* test-rooms.c — the mother-and-baby rooms: the standards and the compliance
 * rule, the room's checks, inspections and the due list, the plaque
 * certificates and the register
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-rooms"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <poppler.h>
#include <qrencode.h>

#include "ud-account.h"
#include "ud-certificate.h"
#include "ud-core.h"
#include "ud-database.h"
#include "ud-json-read.h"
#include "ud-permission.h"
#include "ud-reference-store.h"
#include "ud-unit-kind.h"
#include "ud-record-store.h"
#include "ud-room-kind.h"
#include "ud-room-print.h"
#include "ud-room-standards.h"
#include "ud-room-store.h"
#include "ud-validate.h"

#include "ud-test-pdf.h"

/* ---- the rule --------------------------------------------------------------- */

static char *
check_json (const char *json,
            GError    **error)
{
  g_autoptr(UdRoomStandards) standards = ud_room_standards_new (NULL, error);
  g_auto(UdRoomVerdict) verdict = { 0, };
  UdRoomCase c;

  g_assert_nonnull (standards);
  if (!ud_room_case_from_json (json, &c, error) || !ud_room_check (standards, &c, FALSE, &verdict, error))
    return NULL;

  return ud_room_verdict_to_json (&verdict);
}

/* The failed codes of a verdict, joined by commas. */
static char *
failed_of (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = check_json (json, &error);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *failed;
  g_autoptr(GString) codes = g_string_new (NULL);

  g_assert_no_error (error);
  root = json_from_string (answer, &error);
  g_assert_no_error (error);
  failed = json_object_get_array_member (json_node_get_object (root), "failed");
  for (guint i = 0; i < json_array_get_length (failed); i++)
    g_string_append_printf (codes, "%s%s", i > 0 ? "," : "", json_array_get_string_element (failed, i));
  g_assert_cmpint (json_object_get_boolean_member (json_node_get_object (root), "compliant"), ==, codes->len == 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "standards_version"), ==, "2019-01");

  return g_string_free (g_steal_pointer (&codes), FALSE);
}

#define FULL_UNIT "\"table_chair_sets\": 2, \"power_socket\": true, \"fridge\": true, \"privacy\": true"
#define FULL_PUBLIC "\"tables\": 1, \"seats\": 2, \"power_socket\": true, \"fridge\": true, \"privacy\": true, " \
                    "\"changing_table\": true, \"keeper\": true"

static void
assert_failed (const char *type,
               const char *area,
               const char *facilities,
               const char *expected)
{
  g_autofree char *json = g_strdup_printf ("{\"date\": \"2024-09-01\", \"type\": \"%s\", \"area_m2\": %s, \"facilities\": {%s}}",
                                           type, area, facilities);
  g_autofree char *failed = failed_of (json);

  g_test_message ("%s", json);
  g_assert_cmpstr (failed, ==, expected);
}

/* The case of the issue, and each requirement on its boundary. */
static void
test_rule (void)
{
  assert_failed ("public", "\"9.5\"",
                 "\"table_chair_sets\": 1, \"tables\": 1, \"seats\": 2, \"power_socket\": true, \"fridge\": true, "
                 "\"privacy\": true, \"changing_table\": false, \"keeper\": true",
                 "area_below_minimum,no_changing_table");

  /* Minimum areas: 6 for a unit or building, 10 for a public place, 4
   * for a corner; exactly the minimum is enough, a hundredth less is not. */
  assert_failed ("unit", "\"6\"", FULL_UNIT, "");
  assert_failed ("unit", "\"5.99\"", FULL_UNIT, "area_below_minimum");
  assert_failed ("building", "6", FULL_UNIT, "");
  assert_failed ("building", "5.99", FULL_UNIT, "area_below_minimum");
  assert_failed ("public", "\"10.00\"", FULL_PUBLIC, "");
  assert_failed ("public", "\"9.99\"", FULL_PUBLIC, "area_below_minimum");
  assert_failed ("corner", "\"4\"", FULL_UNIT, "");
  assert_failed ("corner", "\"3.99\"", FULL_UNIT, "area_below_minimum");
  assert_failed ("corner", "0", FULL_UNIT, "area_below_minimum");

  /* A unit, building or corner: at least 2 sets of table and chair. */
  assert_failed ("unit", "8", "\"table_chair_sets\": 1, \"power_socket\": true, \"fridge\": true, \"privacy\": true",
                 "too_few_table_chair_sets");
  assert_failed ("corner", "8", "\"power_socket\": true, \"fridge\": true, \"privacy\": true",
                 "too_few_table_chair_sets");
  assert_failed ("building", "8", "\"table_chair_sets\": 3, \"fridge\": true, \"privacy\": true", "no_power_socket");
  assert_failed ("unit", "8", "\"table_chair_sets\": 2, \"power_socket\": true, \"privacy\": true", "no_fridge");
  assert_failed ("unit", "8", "\"table_chair_sets\": 2, \"power_socket\": true, \"fridge\": true", "no_privacy");
  /* Not held to the public place's changing table, keeper, table or seats. */
  assert_failed ("unit", "8", FULL_UNIT ", \"changing_table\": false, \"keeper\": false, \"seats\": 0", "");

  /* A public place: a table, at least 2 seats, a changing table, a keeper. */
  assert_failed ("public", "12", "\"tables\": 0, \"seats\": 2, \"power_socket\": true, \"fridge\": true, \"privacy\": true, "
                 "\"changing_table\": true, \"keeper\": true", "no_table");
  assert_failed ("public", "12", "\"tables\": 1, \"seats\": 1, \"power_socket\": true, \"fridge\": true, \"privacy\": true, "
                 "\"changing_table\": true, \"keeper\": true", "too_few_seats");
  assert_failed ("public", "12", "\"tables\": 1, \"seats\": 2, \"power_socket\": true, \"fridge\": true, \"privacy\": true, "
                 "\"changing_table\": true", "no_keeper");
  /* Not held to the sets of table and chair. */
  assert_failed ("public", "12", FULL_PUBLIC ", \"table_chair_sets\": 0", "");
  /* Nothing at all: every code, in order. */
  assert_failed ("public", "0", "",
                 "area_below_minimum,no_table,too_few_seats,no_power_socket,no_fridge,no_privacy,no_changing_table,no_keeper");

  /* Encouraged facilities never fail a room, there or not. */
  assert_failed ("unit", "6", FULL_UNIT ", \"wash_basin\": false, \"water_dispenser\": false, \"microwave\": false, "
                 "\"steriliser\": false, \"storage_cabinet\": false, \"air_conditioning\": false", "");
  assert_failed ("unit", "5", "\"wash_basin\": true, \"microwave\": true, \"air_conditioning\": true",
                 "area_below_minimum,too_few_table_chair_sets,no_power_socket,no_fridge,no_privacy");
}

static void
assert_refused (const char *json,
                const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = check_json (json, &error);

  g_test_message ("%s", json);
  g_assert_null (answer);
  g_assert_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, field));
  /* One sentence, on one line. */
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_bad_input (void)
{
  assert_refused ("{\"date\": \"2024-09-01\", \"type\": \"attic\", \"area_m2\": \"6\", \"facilities\": {}}", "type");
  assert_refused ("{\"date\": \"2024-09-01\", \"type\": \"unit\", \"area_m2\": \"-0.01\", \"facilities\": {}}", "area_m2");
  assert_refused ("{\"date\": \"2024-09-01\", \"type\": \"unit\", \"area_m2\": -6, \"facilities\": {}}", "area_m2");
  assert_refused ("{\"date\": \"2024-09-01\", \"type\": \"unit\", \"area_m2\": \"6.001\", \"facilities\": {}}", "area_m2");
  assert_refused ("{\"date\": \"2024-09-01\", \"type\": \"unit\", \"area_m2\": \"six\", \"facilities\": {}}", "area_m2");
  assert_refused ("{\"date\": \"2024-09-01\", \"type\": \"unit\", \"facilities\": {}}", "area_m2");
  assert_refused ("{\"date\": \"2024-09-01\", \"type\": \"unit\", \"area_m2\": \"6\", \"facilities\": {\"seats\": -1}}",
                  "facilities.seats");
  assert_refused ("{\"date\": \"2024-09-01\", \"type\": \"unit\", \"area_m2\": \"6\", \"facilities\": {\"table_chair_sets\": -2}}",
                  "facilities.table_chair_sets");
  assert_refused ("{\"date\": \"2024-09-01\", \"type\": \"unit\", \"area_m2\": \"6\", \"facilities\": {\"tables\": 1.5}}",
                  "facilities.tables");
  assert_refused ("{\"date\": \"2024-09-01\", \"type\": \"unit\", \"area_m2\": \"6\", \"facilities\": {\"sofa\": true}}",
                  "facilities.sofa");
  assert_refused ("{\"date\": \"2024-09-01\", \"type\": \"unit\", \"area_m2\": \"6\", \"colour\": \"red\", \"facilities\": {}}",
                  "colour");
  assert_refused ("{\"date\": \"2024-02-30\", \"type\": \"unit\", \"area_m2\": \"6\", \"facilities\": {}}", "date");
  /* Before the first standards took effect. */
  assert_refused ("{\"date\": \"2015-12-31\", \"type\": \"unit\", \"area_m2\": \"6\", \"facilities\": {}}", "date");
  assert_refused ("[1, 2]", "");
}

/* The version in force on the date; a broken table is refused. */
static void
test_standards_versions (void)
{
  static const char *two =
    "[{\"version\": \"A\", \"effective\": \"2020-01-01\", \"min_table_chair_sets\": 2, \"min_seats\": 2,"
    "  \"types\": {\"unit\": {\"min_area_m2\": \"6\", \"required\": []}, \"building\": {\"min_area_m2\": \"6\", \"required\": []},"
    "             \"public\": {\"min_area_m2\": \"10\", \"required\": []}, \"corner\": {\"min_area_m2\": \"4\", \"required\": []}}},"
    " {\"version\": \"B\", \"effective\": \"2024-07-01\", \"min_table_chair_sets\": 2, \"min_seats\": 3,"
    "  \"types\": {\"unit\": {\"min_area_m2\": \"8.5\", \"required\": [\"fridge\"]}, \"building\": {\"min_area_m2\": \"6\", \"required\": []},"
    "             \"public\": {\"min_area_m2\": \"10\", \"required\": [\"seats\"]}, \"corner\": {\"min_area_m2\": \"4\", \"required\": []}}}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRoomStandards) standards = ud_room_standards_new (two, &error);
  UdRoomCase c = { 0, };

  g_assert_no_error (error);
  c.type = UD_ROOM_TYPE_UNIT;
  c.area = 800;
  g_date_clear (&c.date, 1);

  g_date_set_dmy (&c.date, 30, 6, 2024);
  {
    g_auto(UdRoomVerdict) verdict = { 0, };

    g_assert_true (ud_room_check (standards, &c, FALSE, &verdict, &error));
    g_assert_cmpstr (verdict.standards_version, ==, "A");
    g_assert_true (verdict.compliant);
  }
  g_date_set_dmy (&c.date, 1, 7, 2024);
  {
    g_auto(UdRoomVerdict) verdict = { 0, };

    g_assert_true (ud_room_check (standards, &c, FALSE, &verdict, &error));
    g_assert_cmpstr (verdict.standards_version, ==, "B");
    g_assert_cmpuint (verdict.failed->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (verdict.failed, 0), ==, "area_below_minimum");
    g_assert_cmpstr (g_ptr_array_index (verdict.failed, 1), ==, "no_fridge");
    g_assert_cmpint (verdict.min_area, ==, 850);
  }
  c.type = UD_ROOM_TYPE_PUBLIC;
  c.area = 1000;
  c.seats = 2;
  {
    g_auto(UdRoomVerdict) verdict = { 0, };

    g_assert_true (ud_room_check (standards, &c, FALSE, &verdict, &error));
    g_assert_cmpuint (verdict.failed->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (verdict.failed, 0), ==, "too_few_seats");
  }
  /* Before every version: an error, or the first for a record. */
  g_date_set_dmy (&c.date, 31, 12, 2019);
  {
    g_auto(UdRoomVerdict) verdict = { 0, };

    g_assert_false (ud_room_check (standards, &c, FALSE, &verdict, &error));
    g_assert_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INPUT);
    g_clear_error (&error);
    g_assert_true (ud_room_check (standards, &c, TRUE, &verdict, &error));
    g_assert_cmpstr (verdict.standards_version, ==, "A");
  }

  /* Broken tables. */
  {
    static const char *broken[] = {
      "{}",
      "[]",
      "[{\"version\": \"A\", \"effective\": \"2020-01-01\", \"min_table_chair_sets\": 2, \"min_seats\": 2, \"types\": {}}]",
      "[{\"version\": \"A\", \"effective\": \"2020-01-01\", \"min_table_chair_sets\": 0, \"min_seats\": 2,"
      "  \"types\": {\"unit\": {\"min_area_m2\": \"6\", \"required\": []}, \"building\": {\"min_area_m2\": \"6\", \"required\": []},"
      "             \"public\": {\"min_area_m2\": \"10\", \"required\": []}, \"corner\": {\"min_area_m2\": \"4\", \"required\": []}}}]",
      "[{\"version\": \"A\", \"effective\": \"2020-01-01\", \"min_table_chair_sets\": 2, \"min_seats\": 2,"
      "  \"types\": {\"unit\": {\"min_area_m2\": \"6\", \"required\": [\"sofa\"]}, \"building\": {\"min_area_m2\": \"6\", \"required\": []},"
      "             \"public\": {\"min_area_m2\": \"10\", \"required\": []}, \"corner\": {\"min_area_m2\": \"4\", \"required\": []}}}]",
      "[{\"version\": \"A\", \"effective\": \"2020-01-01\", \"min_table_chair_sets\": 2, \"min_seats\": 2,"
      "  \"types\": {\"unit\": {\"min_area_m2\": \"0\", \"required\": []}, \"building\": {\"min_area_m2\": \"6\", \"required\": []},"
      "             \"public\": {\"min_area_m2\": \"10\", \"required\": []}, \"corner\": {\"min_area_m2\": \"4\", \"required\": []}}}]",
    };

    for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
      {
        g_autoptr(UdRoomStandards) bad = ud_room_standards_new (broken[i], &error);

        g_test_message ("%s", broken[i]);
        g_assert_null (bad);
        g_assert_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_DATA);
        g_clear_error (&error);
      }
  }
  /* Two versions on one day. */
  {
    g_autofree char *doubled = g_strdup (two);
    char *b = strstr (doubled, "2024-07-01");
    g_autoptr(UdRoomStandards) bad = NULL;

    memcpy (b, "2020-01-01", 10);
    bad = ud_room_standards_new (doubled, &error);
    g_assert_null (bad);
    g_assert_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_DATA);
  }
}

static void
test_decimal (void)
{
  static const struct { const char *text; gint64 hundredths; const char *shortest; } good[] = {
    { "9.5", 950, "9.5" }, { "10", 1000, "10" }, { "10.00", 1000, "10" }, { " 12.25 ㎡", 1225, "12.25" },
    { "６.０５", 605, "6.05" }, { "0.01", 1, "0.01" }, { ".5", 50, "0.5" }, { "8平方米", 800, "8" }, { "-1", -100, "-1" },
  };
  static const char *bad[] = { "", "abc", "1.234", "1,5", "12345678", "1.2.3", "m²" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *shortest = NULL;
      gint64 value = 0;

      g_assert_true (ud_decimal_parse (good[i].text, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, good[i].hundredths);
      shortest = ud_decimal_format (value);
      g_assert_cmpstr (shortest, ==, good[i].shortest);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad[i]);
      g_assert_false (ud_decimal_parse (bad[i], NULL, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == UD_VALIDATE_ERROR);
    }

  /* The field type: stored in its shortest form, never negative. */
  {
    const UdField *area = ud_kind_find_field (&ud_kind_room, "area_m2");
    g_autoptr(GPtrArray) issues = ud_issue_list_new ();
    g_autofree char *stored = ud_field_normalize (area, "9.50", issues);
    g_autofree char *negative = ud_field_normalize (area, "-3", issues);

    g_assert_cmpstr (stored, ==, "9.5");
    g_assert_null (negative);
    g_assert_cmpuint (issues->len, ==, 1);
    g_assert_cmpstr (((UdIssue *) g_ptr_array_index (issues, 0))->code, ==, "negative");
  }
}

static void
test_certificate_date (void)
{
  static const struct { const char *iso; const char *text; } dates[] = {
    { "2024-09-01", "二〇二四年九月一日" },
    { "2024-10-10", "二〇二四年十月十日" },
    { "2025-12-31", "二〇二五年十二月三十一日" },
    { "2020-02-29", "二〇二〇年二月二十九日" },
    { "2019-11-20", "二〇一九年十一月二十日" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *text = ud_certificate_format_date (dates[i].iso);

      g_assert_cmpstr (text, ==, dates[i].text);
    }
  g_assert_null (ud_certificate_format_date ("2019-02-29"));
  g_assert_null (ud_certificate_format_date (NULL));
}

/* ---- an office with rooms -------------------------------------------------------- */

typedef struct
{
  UdDatabase *db;
  char       *dir;
} Office;

static void
office_set_up (Office        *office,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(UdRecord) unit = ud_record_new (&ud_kind_unit);

  office->dir = g_dir_make_tmp ("ud-rooms-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (office->dir, "office.db", NULL);
  office->db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_database_initialize_office (office->db, "110118", "密云区总工会", &error);
  g_assert_no_error (error);

  ud_record_set (unit, "name", "密云建材公司");
  ud_record_set (unit, "credit_code", "91110228MA01ABCD1J");
  g_assert_true (ud_record_store_save (office->db, unit, NULL, &error));
  g_assert_no_error (error);
}

static void
office_tear_down (Office        *office,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (office->dir, "office.db", NULL);

  g_clear_object (&office->db);
  g_unlink (path);
  g_rmdir (office->dir);
  g_free (office->dir);
}

static UdRecord *
new_room (const char *name,
          const char *street,
          const char *type,
          const char *area)
{
  UdRecord *room = ud_record_new (&ud_kind_room);

  ud_record_set (room, "name", name);
  ud_record_set (room, "unit", "密云建材公司");
  ud_record_set (room, "address", "密云区鼓楼东大街1号");
  ud_record_set (room, "street", street);
  ud_record_set (room, "room_type", type);
  ud_record_set (room, "area_m2", area);
  ud_record_set (room, "table_chair_sets", "2");
  ud_record_set (room, "facilities", "power_socket,fridge,privacy");
  ud_record_set (room, "opened_on", "2024-03-01");
  return room;
}

/* The first error's field and code, or NULL. */
static const char *
first_error (Office   *office,
             UdRecord *record)
{
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  static char field_code[128];
  UdIssue *issue;

  ud_record_store_validate (office->db, record, issues);
  issue = ud_issue_list_first_error (issues, 0);
  if (issue == NULL)
    return NULL;
  g_snprintf (field_code, sizeof field_code, "%s:%s", issue->field != NULL ? issue->field->name : "", issue->code);
  return field_code;
}

/* A room missing one requirement is named so; fixed, it is up to
 * standard; a plaque needs its number and date, and on a room not up to
 * standard the reason. */
static void
test_room_checks (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(UdRecord) room = new_room ("鼓楼母婴关爱室", "鼓楼街道", "unit", "8");
  g_autoptr(GError) error = NULL;

  ud_record_set (room, "facilities", "power_socket,privacy");
  g_assert_null (first_error (office, room));
  g_assert_true (ud_record_store_save (office->db, room, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (room, "compliant"), ==, "no");
  g_assert_cmpstr (ud_record_get (room, "failed_requirements"), ==, "no_fridge");
  g_assert_cmpstr (ud_record_get (room, "standards_version"), ==, "2019-01");

  ud_record_set (room, "level", "达标挂牌");
  g_assert_cmpstr (first_error (office, room), ==, "plaque_number:required");
  ud_record_set (room, "plaque_number", "MY-2024-001");
  g_assert_cmpstr (first_error (office, room), ==, "plaque_date:required");
  ud_record_set (room, "plaque_date", "2024-09-01");
  g_assert_cmpstr (first_error (office, room), ==, "override_reason:required");
  ud_record_set (room, "override_reason", "冰箱已采购，九月底到位");
  g_assert_null (first_error (office, room));

  ud_record_set (room, "override_reason", "");
  ud_record_set (room, "facilities", "power_socket,fridge,privacy,microwave");
  g_assert_null (first_error (office, room));
  g_assert_true (ud_record_store_save (office->db, room, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (room, "compliant"), ==, "yes");
  g_assert_cmpstr (ud_record_get (room, "failed_requirements"), ==, "");
  g_assert_cmpstr (ud_record_get (room, "level"), ==, "plaqued");

  /* The keeper of a public place is its keeper field. */
  {
    g_autoptr(UdRecord) station = new_room ("西站母婴关爱室", "果园街道", "public", "12");

    ud_record_set (station, "tables", "1");
    ud_record_set (station, "seats", "2");
    ud_record_set (station, "facilities", "power_socket,fridge,privacy,changing_table");
    g_assert_true (ud_record_store_save (office->db, station, NULL, &error));
    g_assert_cmpstr (ud_record_get (station, "failed_requirements"), ==, "no_keeper");
    ud_record_set (station, "keeper", "张华");
    g_assert_true (ud_record_store_save (office->db, station, NULL, &error));
    g_assert_cmpstr (ud_record_get (station, "compliant"), ==, "yes");
  }

  /* The host unit comes from the units register; names are unique. */
  {
    g_autoptr(UdRecord) other = new_room ("鼓楼母婴关爱室", "鼓楼街道", "unit", "8");
    g_autoptr(UdRecord) stray = new_room ("别处母婴关爱室", "鼓楼街道", "unit", "8");

    g_assert_cmpstr (first_error (office, other), ==, "name:duplicate");
    ud_record_set (stray, "unit", "不存在的公司");
    g_assert_false (ud_record_store_save (office->db, stray, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    ud_record_set (stray, "unit", "密云建材公司");
    ud_record_set (stray, "area_m2", "-2");
    g_assert_cmpstr (first_error (office, stray), ==, "area_m2:negative");
  }
}

/* Next due 12 months after an inspection; the due list by date. */
static void
test_inspections_due (Office        *office,
                      gconstpointer  data)
{
  g_autoptr(UdRecord) room = new_room ("鼓楼母婴关爱室", "鼓楼街道", "unit", "8");
  g_autoptr(UdRecord) never = new_room ("果园母婴关爱室", "果园街道", "corner", "4");
  g_autoptr(UdRecord) inspection = ud_record_new (&ud_kind_room_inspection);
  g_autoptr(UdRecord) leap = ud_record_new (&ud_kind_room_inspection);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_record_store_save (office->db, room, NULL, &error));
  g_assert_true (ud_record_store_save (office->db, never, NULL, &error));
  g_assert_no_error (error);

  ud_record_set (inspection, "room_uuid", room->uuid);
  ud_record_set (inspection, "inspected_on", "2024-09-10");
  ud_record_set (inspection, "inspector", "李明");
  ud_record_set (inspection, "result", "passed");
  ud_record_set (inspection, "findings", "no_fridge");
  g_assert_cmpstr (first_error (office, inspection), ==, "result:contradicts_findings");
  ud_record_set (inspection, "result", "rectify");
  g_assert_true (ud_record_store_save (office->db, inspection, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (inspection, "next_due"), ==, "2025-09-10");

  /* 29 February: due on the last day of February a year later. */
  ud_record_set (leap, "room_uuid", room->uuid);
  ud_record_set (leap, "inspected_on", "2024-02-29");
  ud_record_set (leap, "inspector", "李明");
  ud_record_set (leap, "result", "passed");
  g_assert_true (ud_record_store_save (office->db, leap, NULL, &error));
  g_assert_cmpstr (ud_record_get (leap, "next_due"), ==, "2025-02-28");

  /* The room never inspected is due 12 months after it opened
   * (2025-03-01); the other 12 months after its last inspection. */
  due = ud_room_store_due (office->db, "2025-03-01", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (ud_record_get (((UdRoomDue *) g_ptr_array_index (due, 0))->room, "name"), ==, "果园母婴关爱室");
  g_assert_false (((UdRoomDue *) g_ptr_array_index (due, 0))->overdue);
  g_clear_pointer (&due, g_ptr_array_unref);

  due = ud_room_store_due (office->db, "2025-03-02", 0, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_true (((UdRoomDue *) g_ptr_array_index (due, 0))->overdue);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Within 192 days of 2025-03-02 (to 2025-09-10): both, the longest overdue first. */
  due = ud_room_store_due (office->db, "2025-03-02", 192, &error);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpstr (((UdRoomDue *) g_ptr_array_index (due, 1))->due, ==, "2025-09-10");
  g_assert_cmpstr (((UdRoomDue *) g_ptr_array_index (due, 1))->last_inspected, ==, "2024-09-10");
  g_assert_false (((UdRoomDue *) g_ptr_array_index (due, 1))->overdue);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = ud_room_store_due (office->db, "2025-03-02", 191, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* A year after the inspection: due on the day, overdue the day after. */
  due = ud_room_store_due (office->db, "2025-09-10", 0, &error);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_false (((UdRoomDue *) g_ptr_array_index (due, 1))->overdue);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = ud_room_store_due (office->db, "2025-09-11", 0, &error);
  g_assert_true (((UdRoomDue *) g_ptr_array_index (due, 1))->overdue);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* A deleted inspection no longer counts. */
  g_assert_true (ud_record_store_delete (office->db, &ud_kind_room_inspection, inspection->id, &error));
  g_assert_no_error (error);
  due = ud_room_store_due (office->db, "2025-03-01", 0, &error);
  g_assert_cmpuint (due->len, ==, 2);
}

static void
test_lines (Office        *office,
            gconstpointer  data)
{
  g_autoptr(UdRecord) room = new_room ("鼓楼母婴关爱室", "鼓楼街道", "unit", "8");
  g_autoptr(UdRecord) delivery = ud_record_new (&ud_kind_room_delivery);
  g_autoptr(UdRecord) use = ud_record_new (&ud_kind_room_use);
  g_autoptr(UdRecord) twice = ud_record_new (&ud_kind_room_use);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_record_store_save (office->db, room, NULL, &error));

  ud_record_set (delivery, "room_uuid", room->uuid);
  ud_record_set (delivery, "delivered_on", "2024-10-01");
  g_assert_cmpstr (first_error (office, delivery), ==, "storage_bags:empty");
  ud_record_set (delivery, "nursing_pads", "50");
  g_assert_true (ud_record_store_save (office->db, delivery, NULL, &error));
  g_assert_no_error (error);

  ud_record_set (use, "room_uuid", room->uuid);
  ud_record_set (use, "visits", "37");
  ud_record_set (use, "month", "2024-13");
  g_assert_cmpstr (first_error (office, use), ==, "month:invalid_format");
  ud_record_set (use, "month", "2999-01");
  g_assert_cmpstr (first_error (office, use), ==, "month:future");
  ud_record_set (use, "month", "2024-10");
  g_assert_true (ud_record_store_save (office->db, use, NULL, &error));
  g_assert_no_error (error);

  /* One line a room and month. */
  ud_record_set (twice, "room_uuid", room->uuid);
  ud_record_set (twice, "visits", "38");
  ud_record_set (twice, "month", "2024-10");
  g_assert_cmpstr (first_error (office, twice), ==, "month_key:duplicate");

  lines = ud_room_store_lines (office->db, &ud_kind_room_use, room, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 1);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = ud_room_store_lines (office->db, &ud_kind_room_delivery, room, TRUE, &error);
  g_assert_cmpuint (lines->len, ==, 1);
}

/* Certificates: one a landscape page each, fonts embedded once, the
 * serial and the QR code; a room without a plaque is refused. */
static void
test_certificates (Office        *office,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (office->dir, "certificates.pdf", NULL);

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("第%u母婴关爱室", i + 1);
      g_autofree char *number = g_strdup_printf ("MY-2024-%03u", i + 1);
      UdRecord *room = new_room (name, i % 2 ? "鼓楼街道" : "果园街道", "unit", "8");

      ud_record_set (room, "level", i % 3 == 0 ? "city_demo" : "plaqued");
      ud_record_set (room, "plaque_number", number);
      ud_record_set (room, "plaque_date", "2024-09-01");
      g_assert_true (ud_record_store_save (office->db, room, NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_add (rooms, room);
    }

  document = ud_room_certificates_build (office->db, rooms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ud_document_get_n_pages (document), ==, 12);
  g_assert_cmpuint (ud_certificate_count (document), ==, 12);
  g_assert_true (ud_room_print_write_pdf (office->db, document, rooms, path, &error));
  g_assert_no_error (error);

  bytes = ud_document_to_pdf (document, &error);
  pdf = test_pdf_open (bytes);
  test_pdf_assert_page_size (pdf, UD_A4_HEIGHT * UD_PT_PER_MM, UD_A4_WIDTH * UD_PT_PER_MM);
  test_pdf_assert_fonts_embedded (pdf);
  {
    g_autoptr(PopplerFontInfo) info = poppler_font_info_new (pdf);
    g_autoptr(PopplerFontsIter) iter = NULL;
    guint n_fonts = 0;

    /* Every font once for the twelve pages. */
    g_assert_true (poppler_font_info_scan (info, 12, &iter));
    do
      n_fonts++;
    while (poppler_fonts_iter_next (iter));
    g_assert_cmpuint (n_fonts, <=, 3);
  }
  for (int p = 0; p < 12; p += 11)
    {
      g_autofree char *text = test_pdf_page_text (pdf, p);
      g_autofree char *serial = g_strdup_printf ("编号：MY-2024-%03d", p + 1);
      g_autofree char *payload = g_strdup_printf ("UD:ROOM:110118:MY-2024-%03d", p + 1);

      test_assert_contains (text, "母婴关爱室达标证书");
      test_assert_contains (text, "密云建材公司");
      test_assert_contains (text, "密云区总工会");
      test_assert_contains (text, "二〇二四年九月一日");
      test_assert_contains (text, serial);
      test_assert_contains (text, p == 0 ? "市级示范" : "准予达标挂牌");
      test_pdf_assert_no_overlap (pdf, p);
      test_pdf_assert_qr (pdf, p, 13.5 + 8, UD_A4_WIDTH - 13.5 - 8 - 7 - 26, 26, payload);
    }

  /* A room without a plaque, or none at all. */
  {
    g_autoptr(UdRecord) built = new_room ("未挂牌母婴关爱室", "鼓楼街道", "unit", "8");
    g_autoptr(UdDocument) refused = NULL;
    g_autoptr(GPtrArray) empty = g_ptr_array_new ();

    g_ptr_array_add (rooms, ud_record_ref (built));
    refused = ud_room_certificates_build (office->db, rooms, &error);
    g_assert_null (refused);
    g_assert_error (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_EMPTY);
    g_assert_nonnull (strstr (error->message, "未挂牌母婴关爱室"));
    g_clear_error (&error);
    refused = ud_room_certificates_build (office->db, empty, &error);
    g_assert_null (refused);
    g_assert_error (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_EMPTY);
  }
  g_unlink (path);
}

/* The register: by street, then level, with compliance and overdue
 * inspections, and the count by street and level. */
static void
test_register (Office        *office,
               gconstpointer  data)
{
  g_autoptr(UdRecord) a = new_room ("鼓楼甲母婴关爱室", "鼓楼街道", "unit", "8");
  g_autoptr(UdRecord) b = new_room ("鼓楼乙母婴关爱室", "鼓楼街道", "public", "9.5");
  g_autoptr(UdRecord) c = new_room ("果园母婴关爱室", "果园街道", "corner", "4");
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  ud_record_set (a, "level", "district_demo");
  ud_record_set (a, "plaque_number", "MY-2024-001");
  ud_record_set (a, "plaque_date", "2024-09-01");
  g_assert_true (ud_record_store_save (office->db, a, NULL, &error));
  g_assert_true (ud_record_store_save (office->db, b, NULL, &error));
  g_assert_true (ud_record_store_save (office->db, c, NULL, &error));
  g_assert_no_error (error);

  document = ud_room_register_build (office->db, "2025-03-15", &listed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  /* 果园 sorts after 鼓楼 in code points: 鼓 U+9F13, 果 U+679C. */
  g_assert_cmpstr (ud_record_get (g_ptr_array_index (listed, 0), "name"), ==, "果园母婴关爱室");
  g_assert_cmpstr (ud_record_get (g_ptr_array_index (listed, 1), "name"), ==, "鼓楼甲母婴关爱室");

  bytes = ud_document_to_pdf (document, &error);
  pdf = test_pdf_open (bytes);
  text = test_pdf_page_text (pdf, 0);
  test_assert_contains (text, "母婴关爱室名册");
  test_assert_contains (text, "街道乡镇：鼓楼街道");
  test_assert_contains (text, "面积不足、无桌子");
  /* c opened 2024-03-01 and was never inspected: overdue on 2025-03-15. */
  test_assert_contains (text, "2025-03-01逾期");
  test_assert_contains (text, "合计3个，其中达标2个、未达标1个；检查逾期2个");
  test_pdf_assert_fonts_embedded (pdf);
  test_pdf_assert_no_overlap (pdf, 0);
}

/* ---- the standards as the office's reference table ------------------------------- */

/* The shipped version with the public place's minimum @public_area, as
 * the administrator gives it; @extra replaces members ("k": v, …). */
static char *
standards_version (const char *name,
                   const char *effective,
                   const char *public_area,
                   const char *corner_area,
                   const char *unit_required)
{
  return g_strdup_printf ("{\"version\": \"%s\", \"effective\": \"%s\", \"min_table_chair_sets\": 2, \"min_seats\": 2,"
                          " \"types\": {\"unit\": {\"min_area_m2\": \"6\", \"required\": [%s]},"
                          "  \"building\": {\"min_area_m2\": \"6\", \"required\": [\"table_chair_sets\", \"power_socket\", \"fridge\", \"privacy\"]},"
                          "  \"public\": {\"min_area_m2\": \"%s\", \"required\": [\"table\", \"seats\", \"power_socket\", \"fridge\", \"changing_table\", \"privacy\", \"keeper\"]},"
                          "  \"corner\": {\"min_area_m2\": \"%s\", \"required\": [\"table_chair_sets\", \"power_socket\", \"fridge\", \"privacy\"]}},"
                          " \"encouraged\": [\"wash_basin\"]}",
                          name, effective, unit_required, public_area, corner_area);
}

static guint
n_standards (UdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = ud_reference_list (db, UD_REFERENCE_ROOM_STANDARDS, &error);

  g_assert_no_error (error);
  return versions->len;
}

/* A public place of 10 m² with every facility, judged on @date. */
static char *
judge_public_10 (UdRoomStandards *standards,
                 const char      *date,
                 gboolean        *compliant)
{
  g_autofree char *json = g_strdup_printf ("{\"date\": \"%s\", \"type\": \"public\", \"area_m2\": \"10\","
                                           " \"facilities\": {\"tables\": 1, \"seats\": 2, \"power_socket\": true, \"fridge\": true,"
                                           " \"privacy\": true, \"changing_table\": true, \"keeper\": true}}", date);
  g_auto(UdRoomVerdict) verdict = { 0, };
  g_autoptr(GError) error = NULL;
  UdRoomCase c;

  g_assert_true (ud_room_case_from_json (json, &c, &error));
  g_assert_true (ud_room_check (standards, &c, FALSE, &verdict, &error));
  g_assert_no_error (error);
  *compliant = verdict.compliant;
  if (!verdict.compliant)
    g_assert_cmpstr (g_ptr_array_index (verdict.failed, 0), ==, "area_below_minimum");
  return g_steal_pointer (&verdict.standards_version);
}

static gint64
count_audit (UdDatabase *db,
             const char *version)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db),
                                       "SELECT count (*) FROM audit_log WHERE kind = 'reference_version'"
                                       " AND action = 'create' AND new_value LIKE '%' || ?1 || '%'", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, version, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The shipped standards are the office's first version; the
 * administrator adds one that raises a public place's minimum area; each
 * wrong version is refused naming what is wrong, and nothing is stored;
 * rooms are judged by the version in force on their date. */
static void
test_stored_standards (Office        *office,
                       gconstpointer  data)
{
  static const struct
  {
    const char *name, *effective, *public_area, *corner_area, *unit_required;
    int         code;
    const char *named;
  } refused[] = {
    { "bad", "2026-01-01", "12", "-4", "\"table_chair_sets\"", UD_REFERENCE_ERROR_INVALID, "types.corner.min_area_m2" },
    { "bad", "2026-01-01", "12", "4", "\"bathtub\"", UD_REFERENCE_ERROR_INVALID, "types.unit.required" },
    { "bad", "2026-01-01", "0", "4", "\"table_chair_sets\"", UD_REFERENCE_ERROR_INVALID, "types.public.min_area_m2" },
    /* The shipped version's day. */
    { "bad", "2016-01-01", "12", "4", "\"table_chair_sets\"", UD_REFERENCE_ERROR_EXISTS, "2016-01-01" },
    /* The shipped version's name. */
    { "2019-01", "2026-01-01", "12", "4", "\"table_chair_sets\"", UD_REFERENCE_ERROR_EXISTS, "2019-01" },
    /* Before the plaque of 2024-09-01. */
    { "early", "2024-06-01", "12", "4", "\"table_chair_sets\"", UD_REFERENCE_ERROR_IN_USE, "2024-09-01" },
    { "early", "2024-09-01", "12", "4", "\"table_chair_sets\"", UD_REFERENCE_ERROR_IN_USE, "2024-09-01" },
  };
  g_autoptr(UdRecord) plaqued = new_room ("鼓楼母婴关爱室", "鼓楼街道", "unit", "8");
  g_autoptr(UdRecord) later = new_room ("新区母婴关爱室", "果园街道", "public", "10");
  g_autoptr(UdRoomStandards) standards = NULL;
  g_autoptr(UdReferenceVersion) added = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(UdSession) admin = NULL;
  g_autoptr(UdSession) clerk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *good = standards_version ("2026-01", "2026-01-01", "12", "4",
                                             "\"table_chair_sets\", \"power_socket\", \"fridge\", \"privacy\"");
  g_autofree char *name = NULL;
  gboolean compliant;

  versions = ud_reference_list (office->db, UD_REFERENCE_ROOM_STANDARDS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_cmpstr (((UdReferenceVersion *) versions->pdata[0])->version, ==, "2019-01");
  g_assert_cmpstr (((UdReferenceVersion *) versions->pdata[0])->effective, ==, "2016-01-01");
  g_assert_cmpstr (((UdReferenceVersion *) versions->pdata[0])->created_by, ==, "UnionDesk");
  g_assert_false (((UdReferenceVersion *) versions->pdata[0])->in_use);
  g_clear_pointer (&versions, g_ptr_array_unref);

  /* A room plaqued on 2024-09-01 was judged by the shipped version. */
  ud_record_set (plaqued, "level", "plaqued");
  ud_record_set (plaqued, "plaque_number", "MY-2024-001");
  ud_record_set (plaqued, "plaque_date", "2024-09-01");
  g_assert_true (ud_record_store_save (office->db, plaqued, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *json = standards_version (refused[i].name, refused[i].effective, refused[i].public_area,
                                                 refused[i].corner_area, refused[i].unit_required);
      g_autoptr(UdReferenceVersion) none = ud_reference_add_version (office->db, UD_REFERENCE_ROOM_STANDARDS, json, &error);

      g_test_message ("%s", json);
      g_assert_null (none);
      g_assert_error (error, UD_REFERENCE_ERROR, refused[i].code);
      g_assert_nonnull (strstr (error->message, refused[i].named));
      g_clear_error (&error);
      g_assert_cmpuint (n_standards (office->db), ==, 1);
    }

  /* An unknown member, and a clerk: refused too. */
  {
    g_autoptr(GString) json = g_string_new (good);
    g_autoptr(UdReferenceVersion) none = NULL;

    g_string_insert (json, 1, "\"colour\": \"pink\", ");
    none = ud_reference_add_version (office->db, UD_REFERENCE_ROOM_STANDARDS, json->str, &error);
    g_assert_null (none);
    g_assert_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "colour"));
    g_clear_error (&error);
  }
  g_assert_true (ud_account_create (office->db, "admin", "赵管理", UD_ROLE_ADMIN, "password-of-admin", &error));
  g_assert_no_error (error);
  admin = ud_account_authenticate (office->db, "admin", "password-of-admin", &error);
  g_assert_no_error (error);
  ud_database_set_session (office->db, admin);
  g_assert_true (ud_account_create (office->db, "clerk", "王经办", UD_ROLE_CLERK, "password-of-clerk", &error));
  g_assert_no_error (error);
  clerk = ud_account_authenticate (office->db, "clerk", "password-of-clerk", &error);
  g_assert_no_error (error);
  ud_database_set_session (office->db, clerk);
  g_assert_null (ud_reference_add_version (office->db, UD_REFERENCE_ROOM_STANDARDS, good, &error));
  g_assert_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  ud_database_set_session (office->db, admin);
  g_assert_cmpuint (n_standards (office->db), ==, 1);
  g_assert_cmpint (count_audit (office->db, "2026-01"), ==, 0);

  added = ud_reference_add_version (office->db, UD_REFERENCE_ROOM_STANDARDS, good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added->version, ==, "2026-01");
  g_assert_cmpint (count_audit (office->db, "2026-01"), ==, 1);

  /* The shipped version judged the plaqued room: frozen. */
  versions = ud_reference_list (office->db, UD_REFERENCE_ROOM_STANDARDS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_true (((UdReferenceVersion *) versions->pdata[0])->in_use);
  g_assert_false (((UdReferenceVersion *) versions->pdata[1])->in_use);
  g_assert_null (ud_reference_update_version (office->db, UD_REFERENCE_ROOM_STANDARDS, "2019-01", good, &error));
  g_assert_error (error, UD_REFERENCE_ERROR, UD_REFERENCE_ERROR_IN_USE);
  g_clear_error (&error);

  /* The version in force on the date. */
  standards = ud_reference_load_room_standards (office->db, &error);
  g_assert_no_error (error);
  name = judge_public_10 (standards, "2025-12-31", &compliant);
  g_assert_cmpstr (name, ==, "2019-01");
  g_assert_true (compliant);
  g_clear_pointer (&name, g_free);
  name = judge_public_10 (standards, "2026-01-01", &compliant);
  g_assert_cmpstr (name, ==, "2026-01");
  g_assert_false (compliant);
  g_clear_pointer (&name, g_free);
  /* The shipped standards alone pass it. */
  name = judge_public_10 (ud_room_standards_get_default (), "2026-01-01", &compliant);
  g_assert_cmpstr (name, ==, "2019-01");
  g_assert_true (compliant);

  /* A room stored is judged by the program's current standards. */
  ud_database_set_session (office->db, NULL);
  ud_room_standards_set_current (standards);
  ud_record_set (later, "tables", "1");
  ud_record_set (later, "seats", "2");
  ud_record_set (later, "keeper", "赵敏");
  ud_record_set (later, "facilities", "power_socket,fridge,privacy,changing_table");
  ud_record_set (later, "opened_on", "2026-02-01");
  g_assert_true (ud_record_store_save (office->db, later, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (later, "failed_requirements"), ==, "area_below_minimum");
  g_assert_cmpstr (ud_record_get (later, "standards_version"), ==, "2026-01");
  ud_room_standards_set_current (ud_room_standards_get_default ());
}

/* The sorting the relief tables, the hardship rules and the room
 * standards share. */
typedef struct
{
  GDate  effective;
  int    n;
} Dated;

static void
test_sort_versions (void)
{
  g_autoptr(GArray) versions = g_array_new (FALSE, TRUE, sizeof (Dated));
  g_autoptr(GError) error = NULL;
  static const char * const dates[] = { "2024-07-01", "2016-01-01", "2020-05-31" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      Dated dated = { .n = (int) i };

      g_assert_true (ud_date_parse (dates[i], &dated.effective, NULL));
      g_array_append_val (versions, dated);
    }
  g_assert_true (ud_json_read_sort_versions (versions, UD_ROOM_ERROR, UD_ROOM_ERROR_DATA, "x.json", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (versions, Dated, 0).n, ==, 1);
  g_assert_cmpint (g_array_index (versions, Dated, 1).n, ==, 2);
  g_assert_cmpint (g_array_index (versions, Dated, 2).n, ==, 0);

  g_array_append_val (versions, g_array_index (versions, Dated, 1));
  g_assert_false (ud_json_read_sort_versions (versions, UD_ROOM_ERROR, UD_ROOM_ERROR_DATA, "x.json", &error));
  g_assert_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_DATA);
  g_assert_cmpstr (error->message, ==, "x.json: two versions take effect on 2020-05-31");
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ud_core_init ();

  g_test_add_func ("/rooms/rule", test_rule);
  g_test_add_func ("/rooms/bad-input", test_bad_input);
  g_test_add_func ("/rooms/standards-versions", test_standards_versions);
  g_test_add_func ("/rooms/decimal", test_decimal);
  g_test_add_func ("/rooms/certificate-date", test_certificate_date);
  g_test_add ("/rooms/room-checks", Office, NULL, office_set_up, test_room_checks, office_tear_down);
  g_test_add ("/rooms/inspections-due", Office, NULL, office_set_up, test_inspections_due, office_tear_down);
  g_test_add ("/rooms/lines", Office, NULL, office_set_up, test_lines, office_tear_down);
  g_test_add ("/rooms/certificates", Office, NULL, office_set_up, test_certificates, office_tear_down);
  g_test_add ("/rooms/register", Office, NULL, office_set_up, test_register, office_tear_down);
  g_test_add ("/rooms/stored-standards", Office, NULL, office_set_up, test_stored_standards, office_tear_down);
  g_test_add_func ("/rooms/sort-versions", test_sort_versions);

  return g_test_run ();
}
