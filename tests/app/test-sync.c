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
 * conflict in the Sync section, is compared field by field and resolved
 * there; an unreachable server shows in the header bar.  Screenshots of
 * the Sync section and the header bar are saved for a person to look at.
 */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "ud-member-editor.h"
#include "ud-member-item.h"
#include "ud-member-store.h"
#include "ud-member-view.h"
#include "ud-sync-client.h"
#include "ud-sync-controller.h"
#include "ud-sync-token.h"
#include "ud-sync-prefs-page.h"
#include "ud-preferences-window.h"
#include "ud-sync-view.h"
#include "ud-test-app.h"
#include "ud-ui-util.h"
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

/* A member's phone, read on a connection of the test's own. */
static char *
phone_of (UdDbWorker *worker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDatabase) db = ud_database_open (ud_db_worker_get_path (worker), &error);
  sqlite3_stmt *stmt = NULL;
  char *phone = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), "SELECT phone FROM member WHERE deleted = 0",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    phone = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return phone;
}

static gboolean
editor_loaded (gpointer data)
{
  return ud_member_editor_get_loaded (data);
}

/* Changes the member's phone in the editor of @window's office, opened
 * on the member in the roll. */
static void
edit_phone (UdWindow   *window,
            const char *phone)
{
  GtkWidget *editor;

  ud_test_show_section (GTK_WIDGET (window), _("Members"));
  ud_test_press (GTK_WIDGET (window), "朱明敏");
  editor = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_MEMBER_EDITOR));
  g_assert_true (ud_test_wait_for (editor_loaded, editor));
  ud_test_type (editor, _("Mobile phone"), phone);
  ud_test_press (editor, _("_Save"));
  ud_test_wait_closed (UD_TYPE_MEMBER_EDITOR);
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

static UdMemberModel *
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
  UdMemberModel *model = window_members (window);

  return g_list_model_get_n_items (G_LIST_MODEL (model)) == 1 && !ud_member_model_get_loading (model);
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
  UdMemberModel *model = window_members (wait->window);
  g_autoptr(UdMemberItem) item = NULL;
  UdRecord *record;

  if (g_list_model_get_n_items (G_LIST_MODEL (model)) != 1)
    return FALSE;
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  record = ud_member_item_get_record (item);
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

static GtkWidget *
nth_button (GtkWidget  *root,
            const char *label,
            guint       n)
{
  g_autoptr(GPtrArray) found = find_buttons (root, label);

  g_assert_cmpuint (found->len, >, n);
  return g_ptr_array_index (found, n);
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
  const char *kept;
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
   * office whose change reaches the server second. */
  edit_phone (window1, "13933334444");
  edit_phone (window2, "13955556666");
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

  /* Keep the version set aside: a new change, sent at the next sync. */
  phone = phone_of (worker2);
  kept = g_str_equal (phone, "13933334444") ? "13955556666" : "13933334444";
  g_clear_pointer (&phone, g_free);
  gtk_widget_activate (nth_button (GTK_WIDGET (window2), _("_Keep This Version"), 1));
  g_assert_true (ud_test_wait_for (no_open_conflicts, controller2));
  {
    PhoneWait wait = { window2, kept };

    g_assert_true (ud_test_wait_for (list_shows_phone, &wait));
  }
  g_assert_cmpint (ud_sync_controller_get_pending (controller2), ==, 1);
  sync_window (window2, TRUE);
  sync_window (window1, TRUE);
  phone = phone_of (worker1);
  g_assert_cmpstr (phone, ==, kept);
  g_clear_pointer (&phone, g_free);
  phone = phone_of (worker2);
  g_assert_cmpstr (phone, ==, kept);
  g_clear_pointer (&phone, g_free);
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

  return g_test_run ();
}
