/* test-admin.c — accounts, the audit trail, a record's history and backups
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-admin"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "ud-account-dialog.h"
#include "ud-accounts-view.h"
#include "ud-audit-item.h"
#include "ud-audit-view.h"
#include "ud-backup.h"
#include "ud-backup-page.h"
#include "ud-generate.h"
#include "ud-history-window.h"
#include "ud-member-editor.h"
#include "ud-member-store.h"
#include "ud-permission.h"
#include "ud-preferences-window.h"
#include "ud-test-app.h"
#include "ud-ui-util.h"
#include "ud-window.h"

/* Runs under Xvfb (suite "display"), signed in as the administrator:
 * creates a clerk's account through the Accounts section (with the
 * mistakes people make first), finds the creation in the Audit section
 * and exports the trail, opens a member's history from the editor, and
 * backs up from the preferences; saves screenshots of each. */

static gboolean
is_type (GtkWidget *widget,
         gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  return ud_test_find_widget (root, is_type, GSIZE_TO_POINTER (type));
}

/* A window of @type among the toplevels, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
        return l->data;
    }

  return NULL;
}

static gboolean
accounts_idle (gpointer data)
{
  return !ud_accounts_view_get_busy (data);
}

static gboolean
audit_idle (gpointer data)
{
  return !ud_audit_view_get_busy (data);
}

static gboolean
backup_idle (gpointer data)
{
  return !ud_backup_page_get_busy (data);
}

static gboolean
history_loaded (gpointer data)
{
  return ud_history_window_get_loaded (data);
}

static gboolean
editor_loaded (gpointer data)
{
  return ud_member_editor_get_loaded (data);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

typedef struct
{
  UdAccountDialog *dialog;
  const char      *before;
} ProblemWait;

static gboolean
problem_changed (gpointer data)
{
  ProblemWait *wait = data;
  const char *problem = ud_account_dialog_get_problem (wait->dialog);

  return gtk_widget_get_sensitive (GTK_WIDGET (wait->dialog)) &&
         problem != NULL && g_strcmp0 (problem, wait->before) != 0;
}

static gboolean
lists_username (gpointer data)
{
  UdAccountsView *view = data;
  g_auto(GStrv) names = NULL;

  if (ud_accounts_view_get_busy (view))
    return FALSE;
  names = ud_accounts_view_dup_usernames (view);

  return g_strv_contains ((const char * const *) names, "chenjing");
}

static void
fill_dialog (UdAccountDialog *dialog,
             const char      *username,
             const char      *name,
             const char      *password,
             const char      *repeat)
{
  GtkWidget *widget = GTK_WIDGET (dialog);

  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (widget, UD_TYPE_ACCOUNT_DIALOG, "username_row")), username);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (widget, UD_TYPE_ACCOUNT_DIALOG, "display_name_row")), name);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (widget, UD_TYPE_ACCOUNT_DIALOG, "password_row")), password);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (widget, UD_TYPE_ACCOUNT_DIALOG, "repeat_row")), repeat);
}

static void
save_shot (GtkWidget  *widget,
           const char *stem,
           goffset     min_size)
{
  g_autofree char *name = g_strdup_printf ("%s%s.png", stem, ud_test_screenshot_suffix ());
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  ud_test_save_screenshot (widget, path, min_size);
}

/* One member, whose phone number was changed once. */
static void
add_member (UdDatabase *db,
            gpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(UdSession) clerk = NULL;
  gint64 *id = data;

  /* The clerk keeps the roll. */
  clerk = ud_account_authenticate (db, "clerk", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, clerk);
  ud_generate_members (db, 1, 20261202, &error);
  g_assert_no_error (error);
  record = ud_member_store_get (db, 1, &error);
  g_assert_no_error (error);
  ud_record_set (record, "phone", "13911112222");
  ud_member_store_save (db, record, NULL, &error);
  g_assert_no_error (error);
  *id = record->id;
}

static const UdAuditEntry *
find_entry (GListModel *model,
            const char *action,
            const char *kind,
            const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(UdAuditItem) item = g_list_model_get_item (model, i);
      const UdAuditEntry *entry = ud_audit_item_get_entry (item);

      if (g_strcmp0 (entry->action, action) == 0 &&
          (kind == NULL || g_strcmp0 (entry->kind, kind) == 0) &&
          (text == NULL ||
           (entry->new_value != NULL && strstr (entry->new_value, text) != NULL) ||
           (entry->detail != NULL && strstr (entry->detail, text) != NULL)))
        return entry;
    }

  return NULL;
}

static void
test_admin (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "audit.csv", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(UdDbWorker) worker = NULL;
  g_autoptr(GFile) csv = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  gint64 member_id = 0;
  UdAccountDialog *dialog;
  UdAccountsView *accounts;
  UdAuditView *audit;
  UdPreferencesWindow *preferences;
  UdBackupPage *page;
  UdMemberEditor *editor;
  UdHistoryWindow *history;
  UdBackupInfo *info;
  UdWindow *window;
  ProblemWait problem = { NULL, NULL };
  const UdAuditEntry *entry;
  GStatBuf buf;
  gsize length;
  gint64 total_before;

  worker = ud_test_new_office (dir, "admin", add_member, &member_id);
  window = ud_window_new (NULL, worker);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));

  /* Accounts: the office's four, each with its roles. */
  g_assert_true (ud_window_show_section (window, "accounts"));
  accounts = UD_ACCOUNTS_VIEW (find_type (GTK_WIDGET (window), UD_TYPE_ACCOUNTS_VIEW));
  g_assert_nonnull (accounts);
  g_assert_true (ud_test_wait_for (accounts_idle, accounts));
  {
    g_auto(GStrv) names = ud_accounts_view_dup_usernames (accounts);

    g_assert_cmpuint (g_strv_length (names), ==, 4);
    g_assert_true (g_strv_contains ((const char * const *) names, "clerk"));
  }
  ud_test_settle (300);
  save_shot (GTK_WIDGET (window), "accounts", 15000);

  /* A new clerk, with the mistakes first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (accounts), "accounts.new", NULL));
  dialog = UD_ACCOUNT_DIALOG (find_toplevel (UD_TYPE_ACCOUNT_DIALOG));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  fill_dialog (dialog, "chenjing", "陈静", "Chen-Jing-2026", "Chen-Jing-2025");
  ud_account_dialog_save (dialog);
  g_assert_nonnull (ud_account_dialog_get_problem (dialog));
  g_assert_true (g_str_has_prefix (ud_account_dialog_get_problem (dialog), _("Password again")));

  /* The core's own rule, in the core's words. */
  fill_dialog (dialog, "chenjing", "陈静", "short", "short");
  g_assert_false (ud_account_check_password ("chenjing", "short", &error));
  g_assert_cmpstr (ud_account_dialog_get_problem (dialog), ==, error->message);
  g_clear_error (&error);

  /* Taken already: only the core knows, on the worker. */
  fill_dialog (dialog, "clerk", "陈静", "Chen-Jing-2026", "Chen-Jing-2026");
  g_assert_null (ud_account_dialog_get_problem (dialog));
  problem.dialog = dialog;
  ud_account_dialog_save (dialog);
  g_assert_true (ud_test_wait_for (problem_changed, &problem));
  expected = g_strdup_printf (_("User name: “%s” is taken already; choose another."), "clerk");
  g_assert_cmpstr (ud_account_dialog_get_problem (dialog), ==, expected);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), UD_TYPE_ACCOUNT_DIALOG, "username_row")), "error"));
  ud_test_settle (200);
  save_shot (GTK_WIDGET (dialog), "account-dialog", 8000);

  fill_dialog (dialog, "chenjing", "陈静", "Chen-Jing-2026", "Chen-Jing-2026");
  ud_account_dialog_save (dialog);
  g_assert_true (ud_test_wait_for (is_null, &dialog));
  g_assert_true (ud_test_wait_for (lists_username, accounts));

  /* The creation is in the trail, under the administrator. */
  g_assert_true (ud_window_show_section (window, "audit"));
  audit = UD_AUDIT_VIEW (find_type (GTK_WIDGET (window), UD_TYPE_AUDIT_VIEW));
  g_assert_nonnull (audit);
  ud_audit_view_reload (audit);
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  entry = find_entry (ud_audit_view_get_model (audit), "create", "account", "chenjing");
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->actor, ==, "admin");
  total_before = ud_audit_view_get_total (audit);
  g_assert_cmpint (total_before, >=, g_list_model_get_n_items (ud_audit_view_get_model (audit)));

  /* Filtered by the text of the record. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (audit), UD_TYPE_AUDIT_VIEW, "text_entry")), "chenjing");
  ud_test_settle (400);
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  g_assert_cmpint (ud_audit_view_get_total (audit), <, total_before);
  g_assert_nonnull (find_entry (ud_audit_view_get_model (audit), "create", "account", "chenjing"));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (audit), UD_TYPE_AUDIT_VIEW, "text_entry")), "");
  ud_test_settle (400);
  g_assert_true (ud_test_wait_for (audit_idle, audit));

  /* A date that is not one is refused with the field's name. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (audit), UD_TYPE_AUDIT_VIEW, "from_entry")), "2026-13");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (audit), UD_TYPE_AUDIT_VIEW, "from_entry")), "error"));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (audit), UD_TYPE_AUDIT_VIEW, "from_entry")), "");
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  ud_test_settle (300);
  save_shot (GTK_WIDGET (window), "audit", 15000);

  /* Export: UTF-8 with a BOM, and itself in the trail. */
  csv = g_file_new_for_path (csv_path);
  ud_audit_view_export (audit, csv);
  g_assert_true (ud_test_wait_for (ud_test_file_exists, csv_path));
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  ud_test_settle (300);
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  g_assert_true (g_file_get_contents (csv_path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3);
  g_assert_cmpmem (contents, 3, "\xEF\xBB\xBF", 3);
  g_assert_nonnull (strstr (contents, "chenjing"));
  g_assert_cmpint (ud_audit_view_get_total (audit), >, total_before);

  /* A member's history, from the editor. */
  editor = ud_member_editor_new (worker, member_id);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (ud_test_wait_for (editor_loaded, editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), UD_TYPE_MEMBER_EDITOR, "history_button"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.history", NULL));
  history = UD_HISTORY_WINDOW (find_toplevel (UD_TYPE_HISTORY_WINDOW));
  g_assert_nonnull (history);
  g_assert_true (ud_test_wait_for (history_loaded, history));
  /* Created, then the phone changed. */
  g_assert_cmpuint (ud_history_window_get_n_entries (history), >=, 2);
  ud_test_settle (300);
  save_shot (GTK_WIDGET (history), "history", 8000);
  gtk_window_destroy (GTK_WINDOW (history));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Backups, in a folder of the test's. */
  g_settings_set_string (settings, "backup-folder", backups);
  preferences = ud_preferences_window_new (worker);
  gtk_window_set_default_size (GTK_WINDOW (preferences), 640, 720);
  gtk_window_present (GTK_WINDOW (preferences));
  page = UD_BACKUP_PAGE (find_type (GTK_WIDGET (preferences), UD_TYPE_BACKUP_PAGE));
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (page));
  g_assert_true (ud_test_wait_for (backup_idle, page));
  g_assert_cmpuint (ud_backup_page_get_backups (page)->len, ==, 0);

  ud_backup_page_back_up_now (page);
  g_assert_true (ud_backup_page_get_busy (page));
  g_assert_true (ud_test_wait_for (backup_idle, page));
  g_assert_cmpuint (ud_backup_page_get_backups (page)->len, ==, 1);
  info = g_ptr_array_index (ud_backup_page_get_backups (page), 0);
  g_assert_true (g_str_has_prefix (info->path, backups));
  g_assert_cmpint (g_stat (info->path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_assert_cmpint (info->size, >, 0);

  ud_backup_page_check (page);
  g_assert_true (ud_test_wait_for (backup_idle, page));
  g_assert_cmpstr (ud_backup_page_get_check_result (page), ==, _("The database is sound: no damage was found."));
  ud_test_settle (300);
  save_shot (GTK_WIDGET (preferences), "preferences-backups", 8000);
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* The backup is in the trail too. */
  ud_audit_view_reload (audit);
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  g_assert_nonnull (find_entry (ud_audit_view_get_model (audit), "backup", NULL, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  ud_test_settle (100);
  g_settings_reset (settings, "backup-folder");
  g_clear_object (&worker);
  g_remove (csv_path);
  ud_test_remove_tree (backups);
  ud_test_remove_tree (dir);
}

/* Who may not administer sees neither section nor the backup page. */
static void
test_clerk_sees_no_admin (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autoptr(UdDbWorker) worker = ud_test_new_office (dir, "clerk", NULL, NULL);
  UdPreferencesWindow *preferences;
  UdWindow *window;

  window = ud_window_new (NULL, worker);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (ud_window_show_section (window, "accounts"));
  g_assert_false (ud_window_show_section (window, "audit"));
  preferences = ud_preferences_window_new (worker);
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_null (find_type (GTK_WIDGET (preferences), UD_TYPE_BACKUP_PAGE));
  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
  ud_test_settle (100);
  g_clear_object (&worker);
  ud_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  ud_app_init_i18n ();
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  ud_app_init_display ();
  ud_test_load_style ();

  g_test_add_func ("/app/admin/accounts-audit-backup", test_admin);
  g_test_add_func ("/app/admin/clerk", test_clerk_sees_no_admin);

  return g_test_run ();
}
