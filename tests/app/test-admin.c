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
#include "ud-application.h"
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
#include "ud-sign-in-window.h"
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
is_label_containing (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL;
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
  ud_test_save_named_screenshot (GTK_WIDGET (window), "accounts", 15000);

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
  ud_test_save_named_screenshot (GTK_WIDGET (dialog), "account-dialog", 8000);

  fill_dialog (dialog, "chenjing", "陈静", "Chen-Jing-2026", "Chen-Jing-2026");
  ud_account_dialog_save (dialog);
  g_assert_true (ud_test_wait_for (is_null, &dialog));
  g_assert_true (ud_test_wait_for (lists_username, accounts));

  /* The office's only administrator keeps the role: the core says so,
   * under the roles. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (accounts), "accounts.edit", "s", "admin"));
  dialog = UD_ACCOUNT_DIALOG (find_toplevel (UD_TYPE_ACCOUNT_DIALOG));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (dialog), UD_TYPE_ACCOUNT_DIALOG, "admin_check")), FALSE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (dialog), UD_TYPE_ACCOUNT_DIALOG, "clerk_check")), TRUE);
  problem.dialog = dialog;
  problem.before = NULL;
  ud_account_dialog_save (dialog);
  g_assert_true (ud_test_wait_for (problem_changed, &problem));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), UD_TYPE_ACCOUNT_DIALOG, "roles_group")), "error"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);

  /* A reset password must be changed at the next sign-in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (accounts), "accounts.reset-password", "s", "chenjing"));
  dialog = UD_ACCOUNT_DIALOG (find_toplevel (UD_TYPE_ACCOUNT_DIALOG));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), UD_TYPE_ACCOUNT_DIALOG, "password_row")), "Reset-Pass-2026");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), UD_TYPE_ACCOUNT_DIALOG, "repeat_row")), "Reset-Pass-2026");
  ud_account_dialog_save (dialog);
  g_assert_true (ud_test_wait_for (is_null, &dialog));
  g_assert_true (ud_test_wait_for (accounts_idle, accounts));
  g_assert_nonnull (ud_test_find_widget (GTK_WIDGET (accounts), is_label_containing, (gpointer) _("Must change password")));

  /* Disabling asks first, then the account shows as disabled. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (accounts), "accounts.disable", "s", "reviewer"));
  {
    AdwMessageDialog *confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

    g_assert_nonnull (confirm);
    adw_message_dialog_response (confirm, "disable");
    gtk_window_destroy (GTK_WINDOW (confirm));
  }
  ud_test_settle (200);
  g_assert_true (ud_test_wait_for (accounts_idle, accounts));
  g_assert_nonnull (ud_test_find_widget (GTK_WIDGET (accounts), is_label_containing, (gpointer) _("Disabled")));
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (window), "accounts-changed", 15000);

  /* The creation is in the trail, under the administrator. */
  g_assert_true (ud_window_show_section (window, "audit"));
  audit = UD_AUDIT_VIEW (find_type (GTK_WIDGET (window), UD_TYPE_AUDIT_VIEW));
  g_assert_nonnull (audit);
  /* The sections must not make the window wider than a narrow screen. */
  {
    int minimum;

    gtk_widget_measure (GTK_WIDGET (audit), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_test_message ("audit section: at least %d px wide", minimum);
    g_assert_cmpint (minimum, <=, 360);
    gtk_widget_measure (GTK_WIDGET (accounts), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_test_message ("accounts section: at least %d px wide", minimum);
    g_assert_cmpint (minimum, <=, 360);
  }
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

  /* By person: only the clerk's entries. */
  {
    GtkDropDown *person = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (audit), UD_TYPE_AUDIT_VIEW, "actor_dropdown"));
    GListModel *people = gtk_drop_down_get_model (person);
    GListModel *model = ud_audit_view_get_model (audit);
    guint clerk = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (people); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (people), i), "clerk") == 0)
        clerk = i;
    g_assert_cmpuint (clerk, !=, GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (person, clerk);
    g_assert_true (ud_test_wait_for (audit_idle, audit));
    g_assert_cmpint (ud_audit_view_get_total (audit), >, 0);
    g_assert_cmpint (ud_audit_view_get_total (audit), <, total_before);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(UdAuditItem) item = g_list_model_get_item (model, i);

        g_assert_cmpstr (ud_audit_item_get_entry (item)->actor, ==, "clerk");
      }
    gtk_drop_down_set_selected (person, 0);
    g_assert_true (ud_test_wait_for (audit_idle, audit));
    g_assert_cmpint (ud_audit_view_get_total (audit), ==, total_before);
  }

  /* A date that is not one is refused with the field's name. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (audit), UD_TYPE_AUDIT_VIEW, "from_entry")), "2026-13");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (audit), UD_TYPE_AUDIT_VIEW, "from_entry")), "error"));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (audit), UD_TYPE_AUDIT_VIEW, "from_entry")), "");
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (window), "audit", 15000);

  /* A list: the phone number changed is there, but masked. */
  g_assert_nonnull (find_entry (ud_audit_view_get_model (audit), "update", "member", "13911112222"));
  g_assert_nonnull (ud_test_find_widget (ud_audit_view_get_column_view (audit), is_label_containing, (gpointer) "→ 139"));
  g_assert_null (ud_test_find_widget (ud_audit_view_get_column_view (audit), is_label_containing, (gpointer) "13911112222"));

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

  /* Export… writes where the file chooser says. */
  {
    g_autofree char *chosen = g_build_filename (dir, "chosen-audit.csv", NULL);
    g_autoptr(GFile) folder = g_file_new_for_path (dir);
    GtkWindow *chooser;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (audit), "audit.export", NULL));
    ud_test_settle (300);
    chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
    g_assert_nonnull (chooser);
    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "chosen-audit.csv");
    ud_test_settle (300);
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    g_assert_true (ud_test_wait_for (ud_test_file_exists, chosen));
    g_assert_true (ud_test_wait_for (audit_idle, audit));
    ud_test_settle (300);
    g_assert_true (ud_test_wait_for (audit_idle, audit));
  }

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
  ud_test_save_named_screenshot (GTK_WIDGET (history), "history", 8000);
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
  ud_test_save_named_screenshot (GTK_WIDGET (preferences), "preferences-backups", 8000);

  /* The folder chosen in the file chooser becomes the setting. */
  {
    g_autofree char *other = g_build_filename (dir, "other-backups", NULL);
    g_autoptr(GFile) folder = g_file_new_for_path (other);
    g_autofree char *chosen = NULL;
    GtkWindow *chooser;

    g_assert_cmpint (g_mkdir_with_parents (other, 0700), ==, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backup.choose-folder", NULL));
    ud_test_settle (300);
    chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
    g_assert_nonnull (chooser);
    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
    ud_test_settle (300);
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    ud_test_settle (300);
    chosen = g_settings_get_string (settings, "backup-folder");
    g_assert_cmpstr (chosen, ==, other);
  }
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

/* Restore, through the running application: the windows close, the
 * worker goes (finalized, so its connection is closed), the backup comes
 * back, and the sign-in opens again with the outcome. */

typedef struct
{
  UdApplication *application;
  const char    *db_path;
  const char    *backup_path;
  const char    *damaged_path;
  const char    *auto_folder;
  gboolean       passed;
} RestoreRun;

static gboolean
has_one_backup (gpointer data)
{
  g_autoptr(GPtrArray) found = ud_backup_list (data, NULL);

  return found != NULL && found->len == 1;
}

static gboolean
has_sign_in (gpointer data)
{
  return find_toplevel (UD_TYPE_SIGN_IN_WINDOW) != NULL;
}

static gboolean
has_main_window (gpointer data)
{
  return find_toplevel (UD_TYPE_WINDOW) != NULL;
}

static gboolean
has_message (gpointer data)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          g_strcmp0 (adw_message_dialog_get_heading (l->data), data) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
sign_in_as_admin (void)
{
  GtkWidget *sign_in;

  g_assert_true (ud_test_wait_for (has_sign_in, NULL));
  sign_in = GTK_WIDGET (find_toplevel (UD_TYPE_SIGN_IN_WINDOW));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (sign_in, UD_TYPE_SIGN_IN_WINDOW, "username_row")), "admin");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (sign_in, UD_TYPE_SIGN_IN_WINDOW, "password_row")), UD_TEST_PASSWORD);
  g_assert_true (gtk_widget_activate_action (sign_in, "sign-in.sign-in", NULL));
  g_assert_true (ud_test_wait_for (has_main_window, NULL));
}

/* Quitting leaves the windows: the next test must not find them. */
static void
quit_application (UdApplication *application)
{
  GList *windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free_full (windows, g_object_unref);
  g_application_quit (G_APPLICATION (application));
}

static gboolean
drive_restore (gpointer data)
{
  RestoreRun *run = data;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (run->db_path);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean kept = FALSE;
  UdDbWorker *worker;
  UdWindow *window;

  sign_in_as_admin ();

  /* The automatic backup on start: none was there, so one is made, 0600. */
  g_assert_true (ud_test_wait_for (has_one_backup, (gpointer) run->auto_folder));
  {
    g_autoptr(GPtrArray) found = ud_backup_list (run->auto_folder, NULL);
    GStatBuf buf;

    g_assert_cmpint (g_stat (((UdBackupInfo *) g_ptr_array_index (found, 0))->path, &buf), ==, 0);
    g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  }

  /* A damaged file is refused by the core before any window closes, and
   * nothing changes. */
  ud_application_restore_backup (run->application, run->damaged_path);
  g_assert_true (ud_test_wait_for (has_message, (gpointer) _("The Backup Was Not Restored")));
  g_assert_nonnull (find_toplevel (UD_TYPE_WINDOW));
  {
    g_autoptr(UdDatabase) check = ud_database_open (run->db_path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (ud_account_count (check), ==, 5);
  }
  {
    g_autoptr(GList) windows = gtk_window_list_toplevels ();

    for (GList *l = windows; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        {
          ud_test_save_named_screenshot (l->data, "restore-refused", 4000);
          gtk_window_destroy (l->data);
        }
  }

  window = UD_WINDOW (find_toplevel (UD_TYPE_WINDOW));
  worker = ud_window_get_worker (window);
  g_object_add_weak_pointer (G_OBJECT (worker), (gpointer *) &worker);
  ud_test_settle (200);

  ud_application_restore_backup (run->application, run->backup_path);
  /* The old worker is finalized, then the sign-in is back. */
  g_assert_true (ud_test_wait_for (is_null, &worker));
  g_assert_true (ud_test_wait_for (has_message, (gpointer) _("The Backup Was Restored")));
  g_assert_true (has_sign_in (NULL));
  g_assert_null (find_toplevel (UD_TYPE_WINDOW));
  ud_test_settle (300);
  {
    g_autoptr(GList) windows = gtk_window_list_toplevels ();

    for (GList *l = windows; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        ud_test_save_named_screenshot (l->data, "restored", 4000);
  }

  /* The account made after the backup is gone; the data before was kept. */
  db = ud_database_open (run->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ud_account_count (db), ==, 4);
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    kept |= g_str_has_prefix (name, "office.db.before-restore-");
  g_assert_true (kept);

  /* The app works on the restored data: sign in again. */
  {
    g_autoptr(GList) windows = gtk_window_list_toplevels ();

    for (GList *l = windows; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        gtk_window_destroy (l->data);
  }
  sign_in_as_admin ();

  run->passed = TRUE;
  quit_application (run->application);

  return G_SOURCE_REMOVE;
}

static void
on_activate_drive (GApplication *application,
                   RestoreRun   *run)
{
  g_idle_add (drive_restore, run);
}

static void
test_restore (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *auto_folder = g_build_filename (dir, "auto", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *made = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(UdDbWorker) worker = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdSession) admin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdApplication) application = NULL;
  char *argv[] = { (char *) "uniondesk", (char *) "--db", db_path, NULL };
  RestoreRun run = { NULL, db_path, NULL, damaged, auto_folder, FALSE };

  worker = ud_test_new_office (dir, NULL, NULL, NULL);
  g_clear_object (&worker);

  /* A backup of the office's four accounts, then a fifth. */
  db = ud_database_open (db_path, &error);
  g_assert_no_error (error);
  admin = ud_account_authenticate (db, "admin", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, admin);
  g_assert_true (ud_backup_now (db, backups, NULL, &made, &error));
  g_assert_no_error (error);
  ud_account_create (db, "later", "后来者", UD_ROLE_CLERK, UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ud_account_count (db), ==, 5);
  g_clear_object (&db);
  g_assert_true (g_file_set_contents (damaged, "SQLite format 3 — but not really", -1, NULL));

  g_settings_set_string (settings, "backup-folder", auto_folder);
  application = ud_application_new ();
  run.application = application;
  run.backup_path = made;
  g_signal_connect_after (application, "activate", G_CALLBACK (on_activate_drive), &run);
  g_application_run (G_APPLICATION (application), 3, argv);
  g_assert_true (run.passed);

  g_settings_reset (settings, "backup-folder");
  ud_test_remove_tree (backups);
  ud_test_remove_tree (auto_folder);
  ud_test_remove_tree (dir);
}

/* An automatic backup that fails is not silent: the main window shows it. */

static gboolean
is_toast_overlay_with_text (GtkWidget *widget,
                            gpointer   data)
{
  return is_label_containing (widget, data) && gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY) != NULL;
}

static gboolean
drive_failure (gpointer data)
{
  RestoreRun *run = data;
  GtkWidget *window;
  g_autofree char *start = NULL;

  sign_in_as_admin ();
  window = GTK_WIDGET (find_toplevel (UD_TYPE_WINDOW));
  /* "The automatic backup failed: …", the start of it in any language. */
  start = g_strndup (_("The automatic backup failed: %s"),
                     strcspn (_("The automatic backup failed: %s"), "%"));
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    while (ud_test_find_widget (window, is_toast_overlay_with_text, start) == NULL &&
           g_get_monotonic_time () < deadline)
      ud_test_settle (50);
  }
  g_assert_nonnull (ud_test_find_widget (window, is_toast_overlay_with_text, start));
  ud_test_settle (300);
  ud_test_save_named_screenshot (window, "backup-failed", 15000);

  run->passed = TRUE;
  quit_application (run->application);

  return G_SOURCE_REMOVE;
}

static void
on_activate_failure (GApplication *application,
                     RestoreRun   *run)
{
  g_idle_add (drive_failure, run);
}

static void
test_auto_backup_failure (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  /* A file where the folder should be: the backup cannot be written. */
  g_autofree char *blocked = g_build_filename (dir, "not-a-folder", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(UdDbWorker) worker = NULL;
  g_autoptr(UdApplication) application = NULL;
  char *argv[] = { (char *) "uniondesk", (char *) "--db", db_path, NULL };
  RestoreRun run = { NULL, db_path, NULL, NULL, NULL, FALSE };

  worker = ud_test_new_office (dir, NULL, NULL, NULL);
  g_clear_object (&worker);
  g_assert_true (g_file_set_contents (blocked, "", 0, NULL));

  g_settings_set_string (settings, "backup-folder", blocked);
  application = ud_application_new ();
  run.application = application;
  g_signal_connect_after (application, "activate", G_CALLBACK (on_activate_failure), &run);
  g_application_run (G_APPLICATION (application), 3, argv);
  g_assert_true (run.passed);

  g_settings_reset (settings, "backup-folder");
  ud_test_remove_tree (dir);
}

/* A database changed outside UnionDesk: the protective triggers that
 * were dropped are made again on start, and whoever starts the program
 * is told, beside the sign-in. */

static gboolean
has_message_dialog (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
has_no_message_dialog (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static gboolean
drive_tampered (gpointer data)
{
  RestoreRun *run = data;
  GtkWidget *dialog;
  GtkWidget *close;

  g_assert_true (ud_test_wait_for (has_message_dialog, NULL));
  g_test_assert_expected_messages ();
  dialog = GTK_WIDGET (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   _("The Office Database Was Changed Outside UnionDesk"));
  g_assert_nonnull (ud_test_find_widget (dialog, is_label_containing, (gpointer) "audit_log_no_delete"));
  ud_test_settle (300);
  ud_test_save_named_screenshot (dialog, "database-tampered", 8000);

  close = ud_test_find_widget (dialog, ud_test_is_button_with_label, (gpointer) _("_Close"));
  g_assert_nonnull (close);
  g_assert_true (gtk_widget_is_visible (close) && gtk_widget_is_sensitive (close));
  gtk_widget_activate (close);
  g_assert_true (ud_test_wait_for (has_no_message_dialog, NULL));

  /* The sign-in is there, and the trail is protected again. */
  g_assert_true (ud_test_wait_for (has_sign_in, NULL));
  run->passed = TRUE;
  quit_application (run->application);

  return G_SOURCE_REMOVE;
}

static void
on_activate_tampered (GApplication *application,
                      RestoreRun   *run)
{
  g_idle_add (drive_tampered, run);
}

static void
test_tampered_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(UdDbWorker) worker = NULL;
  g_autoptr(UdApplication) application = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  char *argv[] = { (char *) "uniondesk", (char *) "--db", db_path, NULL };
  RestoreRun run = { NULL, db_path, NULL, NULL, NULL, FALSE };
  sqlite3 *raw = NULL;

  worker = ud_test_new_office (dir, NULL, NULL, NULL);
  g_clear_object (&worker);
  g_assert_cmpint (sqlite3_open (db_path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER audit_log_no_delete", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  g_test_expect_message ("ud-audit", G_LOG_LEVEL_WARNING, "*audit_log_no_delete*");
  application = ud_application_new ();
  run.application = application;
  g_signal_connect_after (application, "activate", G_CALLBACK (on_activate_tampered), &run);
  g_application_run (G_APPLICATION (application), 3, argv);
  g_assert_true (run.passed);

  /* Made again, and recorded. */
  db = ud_database_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ud_database_get_warnings (db)->len, ==, 0);
  g_assert_cmpint (sqlite3_exec (ud_database_get_handle (db), "DELETE FROM audit_log", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_clear_object (&db);

  ud_test_remove_tree (dir);
}

/* A big trail: paged, and a slow text search does not hold up the
 * database worker the other sections use. */

#define BIG_TRAIL 300000

static void
fill_trail (UdDatabase *db,
            gpointer    data)
{
  char *message = NULL;
  int rc;

  /* Each entry chained to the one before, as ud_database_audit () does:
   * the trail is a hash chain, verified when a connection opens. */
  rc = sqlite3_exec (ud_database_get_handle (db),
                     "WITH RECURSIVE n(i, id, hash) AS ("
                     "   SELECT 0, (SELECT coalesce (max (id), 0) FROM audit_log),"
                     "          coalesce ((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '')"
                     "   UNION ALL"
                     "   SELECT i + 1, id + 1,"
                     "          ud_audit_hash (hash, id + 1,"
                     "                         strftime ('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || ((i + 1) * 30) || ' seconds'),"
                     "                         'clerk', 'update', 'member', printf ('%032x', i + 1), 'phone',"
                     "                         '13900000000', '13911112222', NULL)"
                     "   FROM n WHERE i < 300000)"
                     " INSERT INTO audit_log (id, at, actor, action, kind, uuid, field, old_value, new_value, hash)"
                     " SELECT id, strftime ('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (i * 30) || ' seconds'),"
                     "        'clerk', 'update', 'member', printf ('%032x', i), 'phone', '13900000000', '13911112222', hash"
                     " FROM n WHERE i > 0",
                     NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
}

static gpointer
nothing_job (UdDatabase   *db,
             gpointer      data,
             GCancellable *cancellable,
             GError      **error)
{
  return GINT_TO_POINTER (TRUE);
}

static void
nothing_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gint64 *done_at = user_data;

  g_assert_nonnull (ud_db_worker_run_finish (result, NULL));
  *done_at = g_get_monotonic_time ();
}

static gboolean
audit_busy (gpointer data)
{
  return ud_audit_view_get_busy (data);
}

static gboolean
is_nonzero (gpointer data)
{
  return *(gint64 *) data != 0;
}

static void
test_big_trail (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autoptr(UdDbWorker) worker = ud_test_new_office (dir, "admin", fill_trail, NULL);
  g_autoptr(UdAuditItem) first = NULL;
  g_autoptr(UdAuditItem) next = NULL;
  GtkEditable *text;
  UdAuditView *audit;
  UdWindow *window;
  gint64 started;
  gint64 done_at = 0;

  window = ud_window_new (NULL, worker);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ud_window_show_section (window, "audit"));
  audit = UD_AUDIT_VIEW (find_type (GTK_WIDGET (window), UD_TYPE_AUDIT_VIEW));
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  g_assert_cmpint (ud_audit_view_get_total (audit), >, BIG_TRAIL);
  g_assert_cmpuint (g_list_model_get_n_items (ud_audit_view_get_model (audit)), ==, UD_AUDIT_VIEW_PAGE_SIZE);
  first = g_list_model_get_item (ud_audit_view_get_model (audit), 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (audit), "audit.next", NULL));
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  g_assert_cmpuint (g_list_model_get_n_items (ud_audit_view_get_model (audit)), ==, UD_AUDIT_VIEW_PAGE_SIZE);
  next = g_list_model_get_item (ud_audit_view_get_model (audit), 0);
  g_assert_cmpint (ud_audit_item_get_entry (next)->id, <, ud_audit_item_get_entry (first)->id);

  /* A text found nowhere: the whole trail is read, twice over as it is
   * typed, while a job of the worker's goes through at once. */
  text = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (audit), UD_TYPE_AUDIT_VIEW, "text_entry"));
  gtk_editable_set_text (text, "nowhere-to-be");
  g_assert_true (ud_test_wait_for (audit_busy, audit));
  ud_test_settle (100);
  /* Typed on: the running search is interrupted for the new one. */
  started = g_get_monotonic_time ();
  gtk_editable_set_text (text, "nowhere-to-be-found");
  g_signal_emit_by_name (text, "activate");
  g_assert_true (ud_audit_view_get_busy (audit));
  ud_db_worker_run_async (worker, nothing_job, NULL, NULL, NULL, NULL, nothing_done, &done_at);
  g_assert_true (ud_test_wait_for (is_nonzero, &done_at));
  g_test_message ("worker job during the text search: %.0f ms", (done_at - started) / 1000.0);
  g_assert_cmpint (done_at - started, <, 500 * 1000);
  g_assert_true (ud_audit_view_get_busy (audit));
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  g_test_message ("text search over %d entries: %.0f ms", BIG_TRAIL, (g_get_monotonic_time () - started) / 1000.0);
  g_assert_cmpint (ud_audit_view_get_total (audit), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  ud_test_settle (100);
  g_clear_object (&worker);
  ud_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  ud_test_init (&argc, &argv);

  g_test_add_func ("/app/admin/accounts-audit-backup", test_admin);
  g_test_add_func ("/app/admin/clerk", test_clerk_sees_no_admin);
  g_test_add_func ("/app/admin/big-trail", test_big_trail);
  g_test_add_func ("/app/admin/restore", test_restore);
  g_test_add_func ("/app/admin/auto-backup-failure", test_auto_backup_failure);
  g_test_add_func ("/app/admin/tampered-database", test_tampered_database);

  return g_test_run ();
}
