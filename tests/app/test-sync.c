/* test-sync.c — two app windows on two office databases, one real server
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Started by tests/server/run-server-tests.sh (a throwaway PostgreSQL and
 * one uniondesk-server: UD_SERVER_BIN, UD_SERVER_URL) under the display
 * suite's X server.  Two offices of district 110118, each with its main
 * window and the window's own UdSyncController: an edit made in one shows
 * in the other after a sync; a record changed in both surfaces as a
 * conflict in the Sync section, is compared and resolved there field by
 * field (one value from each version); an unreachable server shows in
 * the header bar.  And the records refused for breaking a rule show in
 * the Sync section after the sync that refused them: one of this office's
 * changes the city server refused, one version from another office this
 * office refused, each by what it is, with the reason.  Screenshots of
 * the Sync section and the header bar are saved for a person to look at.
 */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <libpq-fe.h>

#include "ud-member-editor.h"
#include "ud-record-item.h"
#include "ud-member-store.h"
#include "ud-member-view.h"
#include "ud-hlc.h"
#include "ud-sync-client.h"
#include "ud-sync-controller.h"
#include "ud-sync-token.h"
#include "ud-sync-prefs-page.h"
#include "ud-preferences-window.h"
#include "ud-sync-view.h"
#include "ud-test-app.h"
#include "ud-ui-util.h"
#include "ud-uuid.h"
#include "ud-window.h"

static const char *server_bin;
static const char *server_url;

static char *
add_token (const char *district,
           const char *name)
{
  const char *argv[] = { server_bin, "token", "add", "--district", district, "--name", name, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) words = NULL;
  int status = 0;
  guint n;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  words = g_strsplit_set (out, " \n\t", -1);
  n = g_strv_length (words);
  while (n > 0 && *words[n - 1] == '\0')
    n--;
  g_assert_cmpuint (n, >, 0);

  return g_strdup (words[n - 1]);
}

static void
add_member (UdDatabase *db,
            gpointer    data)
{
  g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSession) admin = ud_session_ref (ud_database_get_session (db));
  g_autoptr(UdSession) clerk = ud_account_authenticate (db, "clerk", UD_TEST_PASSWORD, &error);

  /* The roll is the clerk's. */
  g_assert_no_error (error);
  ud_database_set_session (db, clerk);
  ud_record_set (member, "name", "朱明敏");
  ud_record_set (member, "id_number", "11010519491231002X");
  ud_record_set (member, "phone", "13800138000");
  ud_record_set (member, "unit", "北京密云建材有限公司");
  ud_member_store_save (db, member, NULL, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, admin);
}

/* A field of the member (a column of our own choosing), read on a
 * connection of the test's own. */
static char *
member_value (UdDbWorker *worker,
              const char *column)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDatabase) db = ud_database_open (ud_db_worker_get_path (worker), &error);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM member WHERE deleted = 0", column);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static char *
phone_of (UdDbWorker *worker)
{
  return member_value (worker, "phone");
}

static gboolean
editor_loaded (gpointer data)
{
  return ud_member_editor_get_loaded (data);
}

/* Changes the member's phone (and date of joining, unless NULL) in the
 * editor of @window's office, opened on the member in the roll. */
static void
edit_member (UdWindow   *window,
             const char *phone,
             const char *joined_on)
{
  GtkWidget *editor;

  ud_test_show_section (GTK_WIDGET (window), _("Members"));
  ud_test_press (GTK_WIDGET (window), "朱明敏");
  editor = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_MEMBER_EDITOR));
  g_assert_true (ud_test_wait_for (editor_loaded, editor));
  ud_test_type (editor, _("Mobile phone"), phone);
  if (joined_on != NULL)
    ud_test_type (editor, _("Joined on (YYYY-MM-DD)"), joined_on);
  ud_test_press (editor, _("_Save"));
  ud_test_wait_closed (UD_TYPE_MEMBER_EDITOR);
}

static void
edit_phone (UdWindow   *window,
            const char *phone)
{
  edit_member (window, phone, NULL);
}

static void
count_sync (guint *count)
{
  (*count)++;
}

static gboolean
synced_once_more (gpointer data)
{
  guint *target = data;

  return target[0] >= target[1];
}

static UdSyncController *
window_controller (UdWindow *window)
{
  GtkWidget *view = ud_test_find_by_type (GTK_WIDGET (window), UD_TYPE_SYNC_VIEW);

  g_assert_nonnull (view);
  return ud_sync_view_get_controller (UD_SYNC_VIEW (view));
}

static UdRecordModel *
window_members (UdWindow *window)
{
  GtkWidget *view = ud_test_find_by_type (GTK_WIDGET (window), UD_TYPE_MEMBER_VIEW);

  g_assert_nonnull (view);
  return ud_member_view_get_model (UD_MEMBER_VIEW (view));
}

/* Syncs @window's office now, pressing Sync Now in the Sync section, and
 * waits for it to end. */
static void
sync_window (UdWindow *window,
             gboolean  expect_success)
{
  UdSyncController *controller = window_controller (window);
  guint counts[2] = { 0, 1 };
  gulong handler;

  g_assert_nonnull (controller);
  handler = g_signal_connect_swapped (controller, "synced", G_CALLBACK (count_sync), &counts[0]);
  /* The first sync may be running already (started with the window). */
  if (ud_sync_controller_get_busy (controller))
    {
      g_assert_true (ud_test_wait_for (synced_once_more, counts));
      counts[0] = 0;
    }
  ud_test_show_section (GTK_WIDGET (window), _("Sync"));
  ud_test_press (GTK_WIDGET (window), _("_Sync Now"));
  g_assert_true (ud_test_wait_for (synced_once_more, counts));
  g_signal_handler_disconnect (controller, handler);

  if (expect_success)
    {
      if (ud_sync_controller_get_error_message (controller) != NULL)
        g_error ("Sync failed: %s", ud_sync_controller_get_error_message (controller));
      g_assert_nonnull (ud_sync_controller_get_last_success (controller));
    }
}

static gboolean
members_shown (gpointer data)
{
  UdWindow *window = data;
  UdRecordModel *model = window_members (window);

  return g_list_model_get_n_items (G_LIST_MODEL (model)) == 1 && !ud_record_model_get_loading (model);
}

typedef struct
{
  UdWindow   *window;
  const char *phone;
} PhoneWait;

/* The member list shows @phone for its one member. */
static gboolean
list_shows_phone (gpointer data)
{
  PhoneWait *wait = data;
  UdRecordModel *model = window_members (wait->window);
  g_autoptr(UdRecordItem) item = NULL;
  UdRecord *record;

  if (g_list_model_get_n_items (G_LIST_MODEL (model)) != 1)
    return FALSE;
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  record = ud_record_item_get_record (item);
  return record != NULL && g_strcmp0 (ud_record_get (record, "phone"), wait->phone) == 0;
}

static gboolean
has_conflict_row (gpointer data)
{
  UdWindow *window = data;
  UdSyncController *controller = window_controller (window);

  return ud_sync_controller_get_open_conflicts (controller) == 1;
}

/* The mapped buttons labelled @label under @root, depth-first: in the
 * order the grid was filled, winner then loser. */
static GPtrArray *
find_buttons (GtkWidget  *root,
              const char *label)
{
  GPtrArray *found = g_ptr_array_new ();
  GtkWidget *widget = root;

  while (widget != NULL)
    {
      GtkWidget *next;

      if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
          ud_test_is_button_with_label (widget, (gpointer) label))
        g_ptr_array_add (found, widget);

      next = gtk_widget_get_first_child (widget);
      if (next == NULL)
        {
          while (widget != root && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          next = widget == root ? NULL : gtk_widget_get_next_sibling (widget);
        }
      widget = next;
    }

  return found;
}

static gboolean
two_keep_buttons (gpointer data)
{
  g_autoptr(GPtrArray) found = find_buttons (data, _("_Keep This Version"));

  return found->len == 2;
}

static gboolean
shows_sync_page (gpointer data)
{
  return UD_IS_SYNC_PREFS_PAGE (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (data)));
}

static gboolean
no_open_conflicts (gpointer data)
{
  return ud_sync_controller_get_open_conflicts (UD_SYNC_CONTROLLER (data)) == 0 &&
         !ud_sync_controller_get_busy (UD_SYNC_CONTROLLER (data));
}

static void
test_two_offices (void)
{
  g_autofree char *dir1 = g_dir_make_tmp ("uniondesk-sync-1-XXXXXX", NULL);
  g_autofree char *dir2 = g_dir_make_tmp ("uniondesk-sync-2-XXXXXX", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDbWorker) worker1 = NULL;
  g_autoptr(UdDbWorker) worker2 = NULL;
  g_autofree char *token = add_token ("110118", "Miyun app test");
  g_autofree char *url = ud_sync_normalize_server_url (server_url, &error);
  g_autofree char *notice = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *here_phone = NULL;
  g_autofree char *here_joined = NULL;
  g_autofree char *value = NULL;
  const char *aside_phone;
  UdWindow *window1;
  UdWindow *window2;
  UdSyncController *controller2;

  g_assert_no_error (error);
  g_settings_set_string (settings, "sync-server-url", url);
  g_settings_set_uint (settings, "sync-interval-minutes", 0);
  /* No keyring runs here: the token goes to the 0600 file, as the
   * preferences would say. */
  g_assert_true (ud_sync_token_save (url, token, &notice, &error));
  g_assert_no_error (error);

  worker1 = ud_test_new_office (dir1, "clerk", add_member, NULL);
  worker2 = ud_test_new_office (dir2, "clerk", NULL, NULL);

  /* Each window syncs once it is up. */
  window1 = ud_window_new (NULL, worker1);
  gtk_window_set_default_size (GTK_WINDOW (window1), 1200, 760);
  gtk_window_present (GTK_WINDOW (window1));
  sync_window (window1, TRUE);

  window2 = ud_window_new (NULL, worker2);
  gtk_window_set_default_size (GTK_WINDOW (window2), 1200, 760);
  gtk_window_present (GTK_WINDOW (window2));
  sync_window (window2, TRUE);
  g_assert_true (ud_test_wait_for (members_shown, window2));
  phone = phone_of (worker2);
  g_assert_cmpstr (phone, ==, "13800138000");
  g_clear_pointer (&phone, g_free);

  /* Edit on one, sync, the other shows it after a sync. */
  edit_phone (window1, "13911112222");
  sync_window (window1, TRUE);
  sync_window (window2, TRUE);
  phone = phone_of (worker2);
  g_assert_cmpstr (phone, ==, "13911112222");
  g_clear_pointer (&phone, g_free);
  {
    PhoneWait wait = { window2, "13911112222" };

    /* The list on screen follows without anyone touching it. */
    g_assert_true (ud_test_wait_for (list_shows_phone, &wait));
  }

  /* Both change the same record before syncing: a conflict in the
   * office whose change reaches the server second.  The versions differ
   * in the phone and the date of joining. */
  edit_member (window1, "13933334444", "2011-03-01");
  edit_member (window2, "13955556666", "2012-04-01");
  sync_window (window1, TRUE);
  sync_window (window2, TRUE);
  controller2 = window_controller (window2);
  g_assert_true (ud_test_wait_for (has_conflict_row, window2));

  ud_test_show_section (GTK_WIDGET (window2), _("Sync"));
  {
    /* Translators' "Member: 朱明敏", as the list of conflicts titles it. */
    g_autofree char *title = g_strdup_printf (_("%s: %s"), _("Member"), "朱明敏");

    g_assert_true (ud_test_wait_labelled (GTK_WIDGET (window2), title));
    ud_test_select (GTK_WIDGET (window2), title);
  }
  g_assert_true (ud_test_wait_for (two_keep_buttons, window2));
  ud_test_settle (400);
  ud_test_save_named_screenshot (GTK_WIDGET (window2), "sync-conflict", 8000);

  /* Field by field: the phone from the version set aside, the date of
   * joining from the one the record holds, each pressed by its value.
   * The combination is a new change, sent at the next sync. */
  here_phone = phone_of (worker2);
  here_joined = member_value (worker2, "joined_on");
  aside_phone = g_str_equal (here_phone, "13933334444") ? "13955556666" : "13933334444";
  g_assert_true (g_str_equal (here_joined, "2011-03-01") || g_str_equal (here_joined, "2012-04-01"));
  ud_test_press (GTK_WIDGET (window2), aside_phone);
  ud_test_press (GTK_WIDGET (window2), here_joined);
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (window2), "sync-conflict-chosen", 8000);
  ud_test_press (GTK_WIDGET (window2), _("Keep the _Chosen Values"));
  g_assert_true (ud_test_wait_for (no_open_conflicts, controller2));
  {
    PhoneWait wait = { window2, aside_phone };

    g_assert_true (ud_test_wait_for (list_shows_phone, &wait));
  }
  g_assert_cmpint (ud_sync_controller_get_pending (controller2), ==, 1);
  sync_window (window2, TRUE);
  sync_window (window1, TRUE);
  phone = phone_of (worker1);
  g_assert_cmpstr (phone, ==, aside_phone);
  g_clear_pointer (&phone, g_free);
  phone = phone_of (worker2);
  g_assert_cmpstr (phone, ==, aside_phone);
  g_clear_pointer (&phone, g_free);
  value = member_value (worker1, "joined_on");
  g_assert_cmpstr (value, ==, here_joined);
  g_clear_pointer (&value, g_free);
  value = member_value (worker2, "joined_on");
  g_assert_cmpstr (value, ==, here_joined);
  g_clear_pointer (&value, g_free);
  ud_test_settle (400);
  ud_test_save_named_screenshot (GTK_WIDGET (window2), "sync-section", 8000);

  /* A server that cannot be reached: the header bar says so. */
  edit_phone (window2, "13977778888");
  g_settings_set_string (settings, "sync-server-url", "http://127.0.0.1:9");
  g_assert_true (ud_sync_token_save ("http://127.0.0.1:9", token, NULL, &error));
  sync_window (window2, FALSE);
  g_assert_nonnull (ud_sync_controller_get_error_message (controller2));
  g_assert_cmpint (ud_sync_controller_get_pending (controller2), ==, 1);
  ud_test_show_section (GTK_WIDGET (window2), _("Members"));
  ud_test_settle (400);
  ud_test_save_named_screenshot (GTK_WIDGET (window2), "sync-header-error", 8000);

  /* The preferences say where the token is: no keyring runs here. */
  {
    UdPreferencesWindow *prefs = ud_preferences_window_new (worker2);
    GtkWidget *page;

    gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window2));
    gtk_window_set_default_size (GTK_WINDOW (prefs), 640, 640);
    gtk_window_present (GTK_WINDOW (prefs));
    ud_test_press (GTK_WIDGET (prefs), _("Sync"));
    g_assert_true (ud_test_wait_for (shows_sync_page, prefs));
    page = GTK_WIDGET (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs)));
    g_assert_true (UD_IS_SYNC_PREFS_PAGE (page));
    ud_test_settle (800);
    ud_test_settle (400);
    ud_test_save_named_screenshot (GTK_WIDGET (prefs), "sync-preferences", 8000);
    gtk_window_destroy (GTK_WINDOW (prefs));
  }

  gtk_window_destroy (GTK_WINDOW (window1));
  gtk_window_destroy (GTK_WINDOW (window2));
  ud_test_settle (200);
  ud_test_remove_tree (dir1);
  ud_test_remove_tree (dir2);
}

/* ---- refused records ------------------------------------------------------ */


static void
add_refused_member (UdDatabase *db,
                    gpointer    data)
{
  g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSession) admin = ud_session_ref (ud_database_get_session (db));
  g_autoptr(UdSession) clerk = ud_account_authenticate (db, "clerk", UD_TEST_PASSWORD, &error);

  g_assert_no_error (error);
  ud_database_set_session (db, clerk);
  ud_record_set (member, "name", "孙丽华");
  ud_record_set (member, "id_number", "440524188001010014");
  ud_record_set (member, "unit", "北京密云建材有限公司");
  ud_member_store_save (db, member, NULL, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, admin);
}

/* Runs @sql on a connection of the test's own to @worker's database:
 * what a program other than UnionDesk does to the file. */
static void
office_exec (UdDbWorker *worker,
             const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDatabase) db = ud_database_open (ud_db_worker_get_path (worker), &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (ud_database_get_handle (db), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static gint64
office_count (UdDbWorker *worker,
              const char *sql)
{
  g_autofree char *count = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDatabase) db = ud_database_open (ud_db_worker_get_path (worker), &error);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/* Puts a version straight into the city server's records, as a server
 * without the checks of what arrives stored what another office of the
 * district pushed (the token given first): what the next pull brings. */
static void
server_plant (const char *kind,
              const char *uuid,
              const char *district,
              const char *data)
{
  PGconn *conn = PQconnectdb (g_getenv ("UNIONDESK_DATABASE"));
  g_autofree char *hlc = ud_hlc_format ((guint64) (g_get_real_time () / 1000), 0, "planted");
  const char *params[5] = { kind, uuid, district, hlc, data };
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, "BEGIN; UPDATE sync_counter SET last_seq = last_seq + 1");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  result = PQexecParams (conn,
                         "INSERT INTO records (kind, uuid, district, scope, hlc, deleted, data, seq, updated_by)"
                         " SELECT $1, $2::uuid, $3, $3, $4, false, $5::jsonb, last_seq,"
                         "        (SELECT min (id) FROM tokens WHERE district = $3)"
                         "   FROM sync_counter",
                         5, NULL, params, NULL, NULL, 0);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  result = PQexec (conn, "COMMIT");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  PQfinish (conn);
}

/* The row of the Sync section titled "Member: @name" shows where the
 * record was refused and the reason, which names the record in the
 * office's language — and nowhere its uuid. */
static void
assert_refusal_row (UdWindow   *window,
                    const char *name,
                    const char *uuid,
                    gboolean    by_server)
{
  g_autofree char *title = g_strdup_printf (_("%s: %s"), _("Member"), name);
  g_autofree char *reason_start = g_strdup_printf ("%s %s", _("Member"), name);
  GtkWidget *row;
  const char *subtitle;
  const char *reason;

  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (window), title));
  row = ud_test_find_labelled (GTK_WIDGET (window), title);
  if (!ADW_IS_ACTION_ROW (row))
    row = gtk_widget_get_ancestor (row, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_test_message ("%s — %s", title, subtitle);
  g_assert_nonnull (strstr (subtitle, by_server ? _("sent by this office, refused by the city server")
                                                : _("received from another office, refused here")));
  /* The reason, from whoever refused it, in the language of the office:
   * the record by its kind and name, then the field and the rule. */
  reason = strstr (subtitle, reason_start);
  g_assert_nonnull (reason);
  g_assert_cmpuint (strlen (reason), >, strlen (reason_start) + 4);
  g_assert_null (strstr (subtitle, uuid));
  g_assert_null (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), uuid));
}

static gboolean
is_row_with_subtitle_part (GtkWidget *widget,
                           gpointer   part)
{
  const char *subtitle;

  if (!ADW_IS_ACTION_ROW (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  return subtitle != NULL && strstr (subtitle, part) != NULL;
}

/* Issue 12: a record that breaks a rule is refused by the server and by
 * a receiving office, with the reason shown in the Sync section.  This
 * office's member is rewritten behind UnionDesk's back after an edit
 * (the change waiting to be sent is no member an editor would save): the
 * city server refuses it.  Another office's member, stored by a server
 * without the checks, arrives with a wrong check digit, sex X, joined
 * 2019-13-45, status flying: this office refuses it.  Both show after
 * the sync that Sync Now runs, by name, with the reason. */
static void
test_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-sync-refused-XXXXXX", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDbWorker) worker = NULL;
  /* The other office's token first: the planted record is its. */
  g_autofree char *other_token = add_token ("110118", "Miyun other office (refusals)");
  g_autofree char *token = add_token ("110118", "Miyun app test (refusals)");
  g_autofree char *url = ud_sync_normalize_server_url (server_url, &error);
  g_autofree char *own_uuid = NULL;
  g_autofree char *planted_uuid = ud_uuid_v7_new ();
  g_autofree char *sql = NULL;
  UdWindow *window;

  g_assert_no_error (error);
  g_assert_cmpstr (other_token, !=, token);
  g_settings_set_string (settings, "sync-server-url", url);
  g_settings_set_uint (settings, "sync-interval-minutes", 0);
  g_assert_true (ud_sync_token_save (url, token, NULL, &error));
  g_assert_no_error (error);

  worker = ud_test_new_office (dir, "clerk", add_refused_member, NULL);
  window = ud_window_new (NULL, worker);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_present (GTK_WINDOW (window));
  sync_window (window, TRUE);
  ud_test_show_section (GTK_WIDGET (window), _("Sync"));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (window), _("No refused records.")));

  /* A change waiting to be sent, then the database rewritten by another
   * program before it is. */
  ud_test_show_section (GTK_WIDGET (window), _("Members"));
  ud_test_press (GTK_WIDGET (window), "孙丽华");
  {
    GtkWidget *editor = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_MEMBER_EDITOR));

    g_assert_true (ud_test_wait_for (editor_loaded, editor));
    ud_test_type (editor, _("Mobile phone"), "13911113333");
    ud_test_press (editor, _("_Save"));
    ud_test_wait_closed (UD_TYPE_MEMBER_EDITOR);
  }
  {
    g_autoptr(GError) local_error = NULL;
    g_autoptr(UdDatabase) db = ud_database_open (ud_db_worker_get_path (worker), &local_error);
    sqlite3_stmt *stmt = NULL;

    g_assert_no_error (local_error);
    g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), "SELECT uuid FROM member WHERE name = '孙丽华'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    own_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  /* The edit waits to be sent. */
  sql = g_strdup_printf ("SELECT count (*) FROM sync_outbox o JOIN member m ON m.id = o.id"
                         " WHERE o.kind = (SELECT code FROM sync_kind WHERE name = 'member') AND m.uuid = '%s'", own_uuid);
  g_assert_cmpint (office_count (worker, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE member SET name = '冒名会员二', id_number = '110105199001080167', sex = 'X',"
                         " joined_on = '2019-13-45', status = 'flying' WHERE uuid = '%s'", own_uuid);
  office_exec (worker, sql);

  /* Another office's member, as a server without the checks kept it. */
  server_plant ("member", planted_uuid, "110118",
                "{\"name\":\"冒名会员\",\"id_number\":\"110105199001080167\",\"sex\":\"X\","
                "\"joined_on\":\"2019-13-45\",\"status\":\"flying\",\"unit\":\"北京建材有限公司\"}");

  /* Sync Now: a sync that succeeds, refusing both. */
  sync_window (window, TRUE);
  ud_test_show_section (GTK_WIDGET (window), _("Sync"));
  assert_refusal_row (window, "冒名会员二", own_uuid, TRUE);
  assert_refusal_row (window, "冒名会员", planted_uuid, FALSE);
  g_assert_null (ud_test_find_labelled (GTK_WIDGET (window), _("No refused records.")));
  /* The sync's row in Recent Syncs counts both refusals, beside what it
   * sent and received. */
  {
    g_autofree char *refused = g_strdup_printf (ngettext ("%u refused", "%u refused", 2), 2);
    GtkWidget *row = ud_test_find_widget (GTK_WIDGET (window), is_row_with_subtitle_part, refused);

    g_assert_nonnull (row);
    g_test_message ("Recent sync: %s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  }
  /* Neither went anywhere: the change is not sent again, the other
   * office's member is not stored here. */
  g_assert_cmpint (ud_sync_controller_get_pending (window_controller (window)), ==, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM sync_outbox o JOIN member m ON m.id = o.id"
                         " WHERE o.kind = (SELECT code FROM sync_kind WHERE name = 'member') AND m.uuid = '%s'", own_uuid);
  g_assert_cmpint (office_count (worker, sql), ==, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM member WHERE uuid = '%s'", planted_uuid);
  g_assert_cmpint (office_count (worker, sql), ==, 0);

  ud_test_settle (400);
  ud_test_save_named_screenshot (GTK_WIDGET (window), "sync-refused", 8000);

  gtk_window_destroy (GTK_WINDOW (window));
  ud_test_settle (200);
  ud_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = g_dir_make_tmp ("uniondesk-sync-config-XXXXXX", NULL);

  /* The token file of this test, not the person's. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  ud_test_init (&argc, &argv);

  server_bin = g_getenv ("UD_SERVER_BIN");
  server_url = g_getenv ("UD_SERVER_URL");
  if (server_bin == NULL || server_url == NULL)
    g_error ("Run me through tests/server/run-server-tests.sh");

  g_test_add_func ("/app/sync/two-offices", test_two_offices);
  g_test_add_func ("/app/sync/refused", test_refused);

  return g_test_run ();
}
