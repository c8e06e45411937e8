/* test-teams.c — model-worker poverty-relief teams (issue 10): members from
 * the roll, activities by the team's members, totals per year, aid paid to
 * the households in a batch, honour certificates, and a member's honours
 * moved from the old free text into records of their own.
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-teams"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ud-account.h"
#include "ud-aid-store.h"
#include "ud-core.h"
#include "ud-database.h"
#include "ud-honour-kind.h"
#include "ud-member-kind.h"
#include "ud-record-store.h"
#include "ud-team-kind.h"
#include "ud-team-print.h"
#include "ud-team-store.h"

static const char * const worker_ids[] = { "110228196501101011", "110228196602111032", "110228196703121053" };
static const char * const worker_names[] = { "王建国", "李秀英", "张桂兰" };
static const char * const household_ids[] = { "130824195001202015", "130824195102212036", "130824195203222057" };

typedef struct
{
  UdDatabase *db;
  char       *dir;
  char       *path;
  UdRecord   *team;
} Office;

static void
office_set_up (Office        *office,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  office->dir = g_dir_make_tmp ("ud-teams-XXXXXX", NULL);
  office->path = g_build_filename (office->dir, "office.db", NULL);
  office->db = ud_database_open (office->path, &error);
  g_assert_no_error (error);
  ud_account_initialize_office (office->db, "110118", "密云区总工会", "admin", "王主任", "office-admin-1", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (worker_ids); i++)
    {
      g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);

      ud_record_set (member, "name", worker_names[i]);
      ud_record_set (member, "id_number", worker_ids[i]);
      ud_record_set (member, "unit", "密云蜂业合作社");
      ud_record_set (member, "model_worker", i == 0 ? "beijing_model" : "district_model");
      ud_record_store_save (office->db, member, NULL, &error);
      g_assert_no_error (error);
    }

  office->team = ud_record_new (&ud_kind_team);
  ud_record_set (office->team, "name", "密云区劳模扶贫队");
  ud_record_set (office->team, "captain", "王建国");
  ud_record_set (office->team, "responsible_union", "密云区总工会");
  ud_record_set (office->team, "paired_locality", "河北省承德市滦平县");
  ud_record_set (office->team, "founded", "2023-05-01");
  g_assert_true (ud_team_save (office->db, office->team, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (office->team, "status"), ==, "active");
}

static void
office_tear_down (Office        *office,
                  gconstpointer  data)
{
  g_autofree char *lock = g_strconcat (office->path, ".lock", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&office->team, ud_record_unref);
  g_clear_object (&office->db);
  dir = g_dir_open (office->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (office->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (office->dir);
  g_free (office->dir);
  g_free (office->path);
}

static UdRecord *
add_member (Office     *office,
            const char *id_number,
            GError    **error)
{
  UdRecord *member = ud_record_new (&ud_kind_team_member);

  ud_record_set (member, "team", ud_record_get (office->team, "name"));
  ud_record_set (member, "id_number", id_number);
  ud_record_set (member, "expertise", "养蜂");
  if (!ud_team_save (office->db, member, error))
    g_clear_pointer (&member, ud_record_unref);
  return member;
}

static void
add_households (Office *office)
{
  for (guint i = 0; i < G_N_ELEMENTS (household_ids); i++)
    {
      g_autoptr(UdRecord) household = ud_record_new (&ud_kind_assisted_household);
      g_autoptr(GError) error = NULL;
      g_autofree char *number = g_strdup_printf ("1308242016%04u", i + 1);

      ud_record_set (household, "team", ud_record_get (office->team, "name"));
      ud_record_set (household, "head", worker_names[i]);
      ud_record_set (household, "head_id_number", household_ids[i]);
      ud_record_set (household, "village", "两间房村");
      ud_record_set (household, "size", "3");
      ud_record_set (household, "cause", "illness");
      ud_record_set (household, "registration_number", number);
      g_assert_true (ud_team_save (office->db, household, &error));
      g_assert_no_error (error);
    }
}

static UdRecord *
activity_new (Office     *office,
              const char *date,
              const char *participants,
              const char *money)
{
  UdRecord *activity = ud_record_new (&ud_kind_team_activity);

  ud_record_set (activity, "team", ud_record_get (office->team, "name"));
  ud_record_set (activity, "date", date);
  ud_record_set (activity, "type", "industry");
  ud_record_set (activity, "place", "滦平县两间房村");
  ud_record_set (activity, "participants", participants);
  ud_record_set (activity, "households_reached", "3");
  ud_record_set (activity, "money", money);
  ud_record_set (activity, "goods_value", "50050");
  ud_record_set (activity, "summary", "赠送中蜂");
  return activity;
}

/* A team's member comes from the roll with its title, once. */
static void
test_members (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) first = add_member (office, worker_ids[0], &error);
  g_autoptr(UdRecord) twice = NULL;
  g_autoptr(UdRecord) stranger = NULL;
  g_autoptr(GPtrArray) members = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpstr (ud_record_get (first, "name"), ==, "王建国");
  g_assert_cmpstr (ud_record_get (first, "title_level"), ==, "beijing_model");
  g_assert_cmpstr (ud_record_get (first, "role"), ==, "member");
  g_assert_cmpuint (strlen (ud_record_get (first, "member_uuid")), ==, 36);

  twice = add_member (office, worker_ids[0], &error);
  g_assert_null (twice);
  g_assert_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID);
  g_clear_error (&error);

  stranger = add_member (office, household_ids[0], &error);
  g_assert_null (stranger);
  g_assert_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, household_ids[0]));
  g_clear_error (&error);

  members = ud_team_records (office->db, office->team, &ud_kind_team_member, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 1);
}

/* Those who took part are the team's members; the totals are per year. */
static void
test_activities_and_totals (Office        *office,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) a = add_member (office, worker_ids[0], &error);
  g_autoptr(UdRecord) b = add_member (office, worker_ids[1], &error);
  g_autoptr(UdRecord) bad = activity_new (office, "2024-05-20", "王建国、周海燕", "1500000");
  g_autoptr(UdRecord) first = activity_new (office, "2024-05-20", "王建国，李秀英 王建国", "1500000");
  g_autoptr(UdRecord) second = activity_new (office, "2024-08-01", "李秀英", "100");
  g_autoptr(UdRecord) earlier = activity_new (office, "2023-10-01", "", "0");
  g_autoptr(UdRecord) project = ud_record_new (&ud_kind_team_project);
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GArray) one = NULL;
  UdTeamYear *y;

  g_assert_no_error (error);
  g_assert_false (ud_team_save (office->db, bad, &error));
  g_assert_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "周海燕"));
  g_clear_error (&error);
  g_assert_cmpint (bad->id, ==, 0);

  g_assert_true (ud_team_save (office->db, first, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (first, "participants"), ==, "王建国、李秀英");
  g_assert_true (ud_team_save (office->db, second, &error));
  g_assert_true (ud_team_save (office->db, earlier, &error));
  g_assert_no_error (error);

  ud_record_set (project, "team", ud_record_get (office->team, "name"));
  ud_record_set (project, "name", "中蜂养殖项目");
  ud_record_set (project, "started_on", "2024-05-20");
  ud_record_set (project, "value", "-1");
  g_assert_false (ud_team_save (office->db, project, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  ud_record_set (project, "value", "6000000");
  g_assert_true (ud_team_save (office->db, project, &error));
  g_assert_no_error (error);

  totals = ud_team_totals (office->db, office->team, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==, 2);
  y = &g_array_index (totals, UdTeamYear, 0);
  g_assert_cmpuint (y->year, ==, 2023);
  g_assert_cmpuint (y->activities, ==, 1);
  g_assert_cmpint (y->money, ==, 0);
  g_assert_cmpint (y->goods_value, ==, 50050);
  y = &g_array_index (totals, UdTeamYear, 1);
  g_assert_cmpuint (y->year, ==, 2024);
  g_assert_cmpuint (y->activities, ==, 2);
  g_assert_cmpint (y->households_reached, ==, 6);
  g_assert_cmpint (y->money, ==, 1500100);
  g_assert_cmpint (y->goods_value, ==, 100100);
  g_assert_cmpuint (y->projects, ==, 1);
  g_assert_cmpint (y->project_value, ==, 6000000);

  one = ud_team_totals (office->db, office->team, 2022, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpuint (g_array_index (one, UdTeamYear, 0).year, ==, 2022);
  g_assert_cmpuint (g_array_index (one, UdTeamYear, 0).activities, ==, 0);
}

/* Each household is paid 500 yuan in one batch; the totals count it. */
static void
test_pay (Office        *office,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(GArray) totals = NULL;

  batch = ud_team_pay (office->db, office->team, "temporary", 2024, 50000, NULL, &error);
  g_assert_null (batch);
  g_assert_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID);
  g_clear_error (&error);

  add_households (office);
  batch = ud_team_pay (office->db, office->team, "no-such-programme", 2024, 50000, NULL, &error);
  g_assert_null (batch);
  g_assert_nonnull (error);
  g_clear_error (&error);

  batch = ud_team_pay (office->db, office->team, "temporary", 2024, 50000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (batch, "title"), ==, "密云区劳模扶贫队");
  g_assert_cmpint (ud_record_get_int (batch, "recipients"), ==, 3);
  g_assert_cmpint (ud_record_get_int (batch, "total"), ==, 150000);
  payments = ud_aid_batch_payments (office->db, batch, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (payments->len, ==, 3);
  for (guint i = 0; i < payments->len; i++)
    {
      UdRecord *payment = g_ptr_array_index (payments, i);

      g_assert_cmpstr (ud_record_get (payment, "recipient_kind"), ==, "assisted_household");
      g_assert_cmpstr (ud_record_get (payment, "recipient_class"), ==, "assisted_household");
      g_assert_cmpint (ud_record_get_int (payment, "amount"), ==, 50000);
    }
  g_assert_true (ud_aid_batch_pay (office->db, batch, 1, "2024-06-01", "cash", NULL, &error));
  g_assert_no_error (error);

  totals = ud_team_totals (office->db, office->team, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (totals, UdTeamYear, 0).households_aided, ==, 3);
  g_assert_cmpint (g_array_index (totals, UdTeamYear, 0).aid_committed, ==, 150000);
  g_assert_cmpint (g_array_index (totals, UdTeamYear, 0).aid_paid, ==, 50000);
}

/* One certificate a member, its serial the same when printed again. */
static void
test_certificates (Office        *office,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) a = add_member (office, worker_ids[0], &error);
  g_autoptr(UdRecord) b = add_member (office, worker_ids[1], &error);
  g_autoptr(UdDocument) all = NULL;
  g_autoptr(UdDocument) one = NULL;
  g_autoptr(GPtrArray) printed = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  all = ud_team_honour_certificates_build (office->db, office->team, 2024, NULL, NULL, "2024-12-20", &printed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ud_document_get_n_pages (all), ==, 2);
  g_assert_cmpuint (printed->len, ==, 2);

  one = ud_team_honour_certificates_build (office->db, office->team, 2024, UD_STRV (worker_ids[1]), "谢谢。", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ud_document_get_n_pages (one), ==, 1);

  serial = ud_team_honour_serial (office->db, a, 2024);
  again = ud_team_honour_serial (office->db, a, 2024);
  g_assert_cmpstr (serial, ==, again);
  g_assert_true (g_str_has_prefix (serial, "荣誉-110118-2024-"));
  g_free (again);
  again = ud_team_honour_serial (office->db, b, 2024);
  g_assert_cmpstr (serial, !=, again);

  g_clear_object (&one);
  one = ud_team_honour_certificates_build (office->db, office->team, 2024, UD_STRV (worker_ids[2]), NULL, NULL, NULL, &error);
  g_assert_null (one);
  g_assert_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_NOT_FOUND);
}

/* What schema 13 set aside of a member's free-text honours becomes
 * records of their own when the database is next opened: synced and
 * audited, the text gone. */
static void
test_honours_moved (Office        *office,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) member = ud_record_store_find (office->db, &ud_kind_member, "id_number", worker_ids[0], &error);
  g_autoptr(GPtrArray) honours = NULL;
  sqlite3_stmt *stmt = NULL;
  UdRecord *h;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (office->db),
                                       "INSERT INTO member_honour_text (member_id, honours) VALUES (?1, ?2)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, member->id);
  sqlite3_bind_text (stmt, 2, "2019年北京市三八红旗手、2021年首都劳动奖章；密云区优秀共产党员", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_clear_object (&office->db);
  office->db = ud_database_open (office->path, &error);
  g_assert_no_error (error);

  honours = ud_member_honours (office->db, member->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (honours->len, ==, 3);
  h = g_ptr_array_index (honours, 0);
  g_assert_cmpstr (ud_record_get (h, "name"), ==, "密云区优秀共产党员");
  g_assert_cmpstr (ud_record_get (h, "year"), ==, "");
  g_assert_cmpstr (ud_record_get (h, "level"), ==, "district");
  h = g_ptr_array_index (honours, 1);
  g_assert_cmpstr (ud_record_get (h, "name"), ==, "北京市三八红旗手");
  g_assert_cmpstr (ud_record_get (h, "year"), ==, "2019");
  g_assert_cmpstr (ud_record_get (h, "level"), ==, "provincial");
  h = g_ptr_array_index (honours, 2);
  g_assert_cmpstr (ud_record_get (h, "name"), ==, "首都劳动奖章");
  g_assert_cmpstr (ud_record_get (h, "year"), ==, "2021");
  g_assert_nonnull (h->uuid);
  g_assert_nonnull (h->hlc);

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (office->db),
                                       "SELECT (SELECT count (*) FROM member_honour_text),"
                                       " (SELECT count (*) FROM sync_outbox WHERE kind = (SELECT code FROM sync_kind WHERE name = 'member_honour'))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 3);
  sqlite3_finalize (stmt);

  /* Opened again: nothing moved twice. */
  g_clear_pointer (&honours, g_ptr_array_unref);
  g_clear_object (&office->db);
  office->db = ud_database_open (office->path, &error);
  g_assert_no_error (error);
  honours = ud_member_honours (office->db, member->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (honours->len, ==, 3);
}

static guint
count_held (Office       *office,
            const UdKind *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = ud_team_records (office->db, office->team, kind, &error);

  g_assert_no_error (error);
  return records->len;
}

/* Deleting a team deletes its members, households, activities and
 * projects with it, in one change, and Undo brings back just those; a
 * team whose households were paid aid is refused, naming them, and so
 * is each of those households. */
static void
test_delete (Office        *office,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(UdRecord) activity = NULL;
  g_autoptr(UdRecord) project = ud_record_new (&ud_kind_team_project);
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(UdRecord) gone = NULL;
  g_autoptr(GPtrArray) households = NULL;
  gint64 first_household;

  member = add_member (office, worker_ids[0], &error);
  g_assert_no_error (error);
  add_households (office);
  activity = activity_new (office, "2024-04-02", worker_names[0], "120000");
  g_assert_true (ud_team_save (office->db, activity, &error));
  g_assert_no_error (error);
  ud_record_set (project, "team", ud_record_get (office->team, "name"));
  ud_record_set (project, "name", "中蜂养殖");
  ud_record_set (project, "started_on", "2024-04-02");
  ud_record_set (project, "value", "300000");
  g_assert_true (ud_team_save (office->db, project, &error));
  g_assert_no_error (error);

  /* One household removed on its own earlier stays removed. */
  households = ud_team_records (office->db, office->team, &ud_kind_assisted_household, &error);
  g_assert_no_error (error);
  first_household = ((UdRecord *) g_ptr_array_index (households, 0))->id;
  g_assert_true (ud_record_store_delete (office->db, &ud_kind_assisted_household, first_household, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_held (office, &ud_kind_assisted_household), ==, 2);

  g_assert_true (ud_record_store_delete (office->db, &ud_kind_team, office->team->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_held (office, &ud_kind_team_member), ==, 0);
  g_assert_cmpuint (count_held (office, &ud_kind_assisted_household), ==, 0);
  g_assert_cmpuint (count_held (office, &ud_kind_team_activity), ==, 0);
  g_assert_cmpuint (count_held (office, &ud_kind_team_project), ==, 0);
  /* Tombstones, each synced. */
  gone = ud_record_store_get (office->db, &ud_kind_team_project, project->id, &error);
  g_assert_no_error (error);
  g_assert_true (gone->deleted);
  g_assert_cmpstr (gone->hlc, >, project->hlc);

  /* Undo: the team and what went with it; not the household removed
   * before. */
  g_assert_true (ud_record_store_undelete (office->db, &ud_kind_team, office->team->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_held (office, &ud_kind_team_member), ==, 1);
  g_assert_cmpuint (count_held (office, &ud_kind_assisted_household), ==, 2);
  g_assert_cmpuint (count_held (office, &ud_kind_team_activity), ==, 1);
  g_assert_cmpuint (count_held (office, &ud_kind_team_project), ==, 1);

  /* Paid households keep the team. */
  batch = ud_team_pay (office->db, office->team, "temporary", 2024, 50000, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (ud_record_store_delete (office->db, &ud_kind_team, office->team->id, &error));
  g_assert_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ud_aid_batch_pay (office->db, batch, 1, "2024-06-01", "cash", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (ud_record_store_delete (office->db, &ud_kind_team, office->team->id, &error));
  g_assert_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "密云区劳模扶贫队"));
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);
  g_assert_cmpuint (count_held (office, &ud_kind_assisted_household), ==, 2);
  g_assert_cmpuint (count_held (office, &ud_kind_team_activity), ==, 1);
  g_clear_pointer (&gone, ud_record_unref);
  gone = ud_record_store_get (office->db, &ud_kind_team, office->team->id, &error);
  g_assert_no_error (error);
  g_assert_false (gone->deleted);

  /* Nor is a household with aid payments removed on its own: the
   * sentence names its head and its payments. */
  g_clear_pointer (&households, g_ptr_array_unref);
  households = ud_team_records (office->db, office->team, &ud_kind_assisted_household, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (households->len, ==, 2);
  for (guint i = 0; i < households->len; i++)
    {
      UdRecord *household = g_ptr_array_index (households, i);

      g_assert_false (ud_record_store_delete (office->db, &ud_kind_assisted_household, household->id, &error));
      g_assert_error (error, UD_TEAM_ERROR, UD_TEAM_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, ud_record_get (household, "head")));
      g_assert_nonnull (strstr (error->message, "1"));
      g_clear_error (&error);
    }
  g_assert_cmpuint (count_held (office, &ud_kind_assisted_household), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ud_core_init ();

  g_test_add ("/teams/members", Office, NULL, office_set_up, test_members, office_tear_down);
  g_test_add ("/teams/activities-and-totals", Office, NULL, office_set_up, test_activities_and_totals, office_tear_down);
  g_test_add ("/teams/pay", Office, NULL, office_set_up, test_pay, office_tear_down);
  g_test_add ("/teams/certificates", Office, NULL, office_set_up, test_certificates, office_tear_down);
  g_test_add ("/teams/delete", Office, NULL, office_set_up, test_delete, office_tear_down);
  g_test_add ("/teams/honours-moved", Office, NULL, office_set_up, test_honours_moved, office_tear_down);

  return g_test_run ();
}
