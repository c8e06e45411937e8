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

/* Runs under Xvfb (suite "display"), in the application, signed in
 * through the sign-in window as the administrator: creates a clerk's
 * account through the Accounts section (with the mistakes people make
 * first), edits, resets and disables accounts from their menus, finds the
 * creation in the Audit section and exports the trail, opens a member's
 * history from the editor, and backs up and restores from the
 * preferences; every button pressed as a person presses it (found by its
 * label, shown and sensitive); saves screenshots of each. */

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
one_backup_listed (gpointer data)
{
  return !ud_backup_page_get_busy (data) && ud_backup_page_get_backups (data)->len == 1;
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

/* Types into the account dialog's fields, found by their titles. */
static void
fill_dialog (UdAccountDialog *dialog,
             const char      *username,
             const char      *name,
             const char      *password,
             const char      *repeat)
{
  GtkWidget *widget = GTK_WIDGET (dialog);

  ud_test_type (widget, _("User name"), username);
  ud_test_type (widget, _("Name"), name);
  ud_test_type (widget, _("Initial password"), password);
  ud_test_type (widget, _("Password again"), repeat);
}

/* The row of the account shown as @name: its menu, then @item. */
static void
account_action (GtkWidget  *accounts,
                const char *name,
                const char *item)
{
  GtkWidget *row = ud_test_find_labelled (accounts, name);

  g_assert_nonnull (row);
  ud_test_press (row, _("Account actions"));
  g_assert_true (ud_test_wait_labelled (row, item));
  ud_test_press (row, item);
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

typedef struct
{
  const char *dir;
  const char *member_name;
  gboolean    passed;
} AdminRun;

static gboolean
drive_admin (gpointer data)
{
  AdminRun *run = data;
  g_autofree char *backups = g_build_filename (run->dir, "backups", NULL);
  g_autofree char *csv_path = g_build_filename (run->dir, "chosen-audit.csv", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  UdAccountDialog *dialog;
  UdAccountsView *accounts;
  UdAuditView *audit;
  UdBackupPage *page;
  UdHistoryWindow *history;
  UdBackupInfo *info;
  GtkWidget *window;
  GtkWidget *preferences;
  GtkWidget *editor;
  ProblemWait problem = { NULL, NULL };
  const UdAuditEntry *entry;
  GStatBuf buf;
  gsize length;
  gint64 total_before;

  window = ud_test_sign_in_window ("admin", UD_TEST_PASSWORD, NULL);

  /* Accounts: the office's four, each with its roles. */
  ud_test_show_section (window, _("Accounts"));
  accounts = UD_ACCOUNTS_VIEW (find_type (window, UD_TYPE_ACCOUNTS_VIEW));
  g_assert_nonnull (accounts);
  g_assert_true (ud_test_wait_for (accounts_idle, accounts));
  {
    g_auto(GStrv) names = ud_accounts_view_dup_usernames (accounts);

    g_assert_cmpuint (g_strv_length (names), ==, 4);
    g_assert_true (g_strv_contains ((const char * const *) names, "clerk"));
  }
  ud_test_settle (300);
  ud_test_save_named_screenshot (window, "accounts", 15000);

  /* A new clerk, with the mistakes first. */
  ud_test_press (window, _("_New Account…"));
  dialog = UD_ACCOUNT_DIALOG (ud_test_wait_toplevel (UD_TYPE_ACCOUNT_DIALOG));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  fill_dialog (dialog, "chenjing", "陈静", "Chen-Jing-2026", "Chen-Jing-2025");
  problem.dialog = dialog;
  ud_test_press (GTK_WIDGET (dialog), _("C_reate"));
  g_assert_true (ud_test_wait_for (problem_changed, &problem));
  g_assert_true (g_str_has_prefix (ud_account_dialog_get_problem (dialog), _("Password again")));

  /* The core's own rule, in the core's words. */
  fill_dialog (dialog, "chenjing", "陈静", "short", "short");
  g_assert_false (ud_account_check_password ("chenjing", "short", &error));
  g_assert_cmpstr (ud_account_dialog_get_problem (dialog), ==, error->message);
  g_clear_error (&error);

  /* Taken already: only the core knows, on the worker. */
  fill_dialog (dialog, "clerk", "陈静", "Chen-Jing-2026", "Chen-Jing-2026");
  g_assert_null (ud_account_dialog_get_problem (dialog));
  ud_test_press (GTK_WIDGET (dialog), _("C_reate"));
  g_assert_true (ud_test_wait_for (problem_changed, &problem));
  expected = g_strdup_printf (_("User name: “%s” is taken already; choose another."), "clerk");
  g_assert_cmpstr (ud_account_dialog_get_problem (dialog), ==, expected);
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (dialog), expected));
  g_assert_true (gtk_widget_has_css_class (ud_test_find_labelled (GTK_WIDGET (dialog), _("User name")), "error"));
  ud_test_settle (200);
  ud_test_save_named_screenshot (GTK_WIDGET (dialog), "account-dialog", 8000);

  fill_dialog (dialog, "chenjing", "陈静", "Chen-Jing-2026", "Chen-Jing-2026");
  ud_test_press (GTK_WIDGET (dialog), _("C_reate"));
  g_assert_true (ud_test_wait_for (is_null, &dialog));
  g_assert_true (ud_test_wait_for (lists_username, accounts));

  /* The office's only administrator keeps the role: the core says so,
   * under the roles. */
  account_action (GTK_WIDGET (accounts), "赵管理", _("_Edit Name and Roles…"));
  dialog = UD_ACCOUNT_DIALOG (ud_test_wait_toplevel (UD_TYPE_ACCOUNT_DIALOG));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  ud_test_set_check (GTK_WIDGET (dialog), ud_role_get_label (UD_ROLE_ADMIN), FALSE);
  ud_test_set_check (GTK_WIDGET (dialog), ud_role_get_label (UD_ROLE_CLERK), TRUE);
  problem.dialog = dialog;
  problem.before = NULL;
  ud_test_press (GTK_WIDGET (dialog), _("_Save"));
  g_assert_true (ud_test_wait_for (problem_changed, &problem));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (dialog), ud_account_dialog_get_problem (dialog)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), UD_TYPE_ACCOUNT_DIALOG, "roles_group")), "error"));
  ud_test_press (GTK_WIDGET (dialog), _("_Cancel"));
  g_assert_true (ud_test_wait_for (is_null, &dialog));

  /* A reset password must be changed at the next sign-in. */
  account_action (GTK_WIDGET (accounts), "陈静", _("_Reset Password…"));
  dialog = UD_ACCOUNT_DIALOG (ud_test_wait_toplevel (UD_TYPE_ACCOUNT_DIALOG));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  ud_test_type (GTK_WIDGET (dialog), _("New password"), "Reset-Pass-2026");
  ud_test_type (GTK_WIDGET (dialog), _("Password again"), "Reset-Pass-2026");
  ud_test_press (GTK_WIDGET (dialog), _("_Reset Password"));
  g_assert_true (ud_test_wait_for (is_null, &dialog));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (accounts), _("Must change password")));

  /* Disabling asks first, then the account shows as disabled. */
  account_action (GTK_WIDGET (accounts), "李审核", _("_Disable Account…"));
  ud_test_press (GTK_WIDGET (ud_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG)), _("_Disable"));
  ud_test_wait_closed (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (accounts), _("Disabled")));
  ud_test_settle (300);
  ud_test_save_named_screenshot (window, "accounts-changed", 15000);

  /* The creation is in the trail, under the administrator. */
  ud_test_show_section (window, _("Audit Trail"));
  audit = UD_AUDIT_VIEW (find_type (window, UD_TYPE_AUDIT_VIEW));
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
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  entry = find_entry (ud_audit_view_get_model (audit), "create", "account", "chenjing");
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->actor, ==, "admin");
  total_before = ud_audit_view_get_total (audit);
  g_assert_cmpint (total_before, >=, g_list_model_get_n_items (ud_audit_view_get_model (audit)));

  /* Filtered by the text of the record. */
  ud_test_type (GTK_WIDGET (audit), _("Record, field or value"), "chenjing");
  ud_test_settle (400);
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  g_assert_cmpint (ud_audit_view_get_total (audit), <, total_before);
  g_assert_nonnull (find_entry (ud_audit_view_get_model (audit), "create", "account", "chenjing"));
  ud_test_type (GTK_WIDGET (audit), _("Record, field or value"), "");
  ud_test_settle (400);
  g_assert_true (ud_test_wait_for (audit_idle, audit));

  /* By person: only the clerk's entries. */
  {
    GtkDropDown *person = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (audit), UD_TYPE_AUDIT_VIEW, "actor_dropdown"));
    GListModel *model = ud_audit_view_get_model (audit);
    g_autofree char *everyone = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (person)), 0));

    ud_test_choose (GTK_WIDGET (audit), _("Person"), "clerk");
    g_assert_true (ud_test_wait_for (audit_idle, audit));
    g_assert_cmpint (ud_audit_view_get_total (audit), >, 0);
    g_assert_cmpint (ud_audit_view_get_total (audit), <, total_before);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(UdAuditItem) item = g_list_model_get_item (model, i);

        g_assert_cmpstr (ud_audit_item_get_entry (item)->actor, ==, "clerk");
      }
    ud_test_choose (GTK_WIDGET (audit), _("Person"), everyone);
    g_assert_true (ud_test_wait_for (audit_idle, audit));
    g_assert_cmpint (ud_audit_view_get_total (audit), ==, total_before);
  }

  /* A date that is not one is refused with the field's name. */
  g_assert_true (gtk_widget_has_css_class (ud_test_type (GTK_WIDGET (audit), _("From date"), "2026-13"), "error"));
  ud_test_type (GTK_WIDGET (audit), _("From date"), "");
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  ud_test_settle (300);
  ud_test_save_named_screenshot (window, "audit", 15000);

  /* A list: the phone number changed is there, but masked. */
  g_assert_nonnull (find_entry (ud_audit_view_get_model (audit), "update", "member", "13911112222"));
  g_assert_nonnull (ud_test_find_widget (ud_audit_view_get_column_view (audit), is_label_containing, (gpointer) "→ 139"));
  g_assert_null (ud_test_find_widget (ud_audit_view_get_column_view (audit), is_label_containing, (gpointer) "13911112222"));

  /* Export CSV… writes where the file chooser says: UTF-8 with a BOM,
   * and itself in the trail. */
  ud_test_choose_file (GTK_WIDGET (audit), _("_Export CSV…"), csv_path, _("_Export"));
  g_assert_true (ud_test_wait_for (ud_test_file_exists, csv_path));
  ud_test_settle (300);
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  g_assert_true (g_file_get_contents (csv_path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3);
  g_assert_cmpmem (contents, 3, "\xEF\xBB\xBF", 3);
  g_assert_nonnull (strstr (contents, "chenjing"));
  g_assert_cmpint (ud_audit_view_get_total (audit), >, total_before);

  /* A member's history, from the editor opened on the roll. */
  ud_test_show_section (window, _("Members"));
  g_assert_true (ud_test_wait_labelled (window, run->member_name));
  ud_test_press (window, run->member_name);
  editor = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_MEMBER_EDITOR));
  g_assert_true (ud_test_wait_for (editor_loaded, editor));
  ud_test_press (editor, _("History"));
  history = UD_HISTORY_WINDOW (ud_test_wait_toplevel (UD_TYPE_HISTORY_WINDOW));
  g_assert_true (ud_test_wait_for (history_loaded, history));
  /* Created, then the phone changed. */
  g_assert_cmpuint (ud_history_window_get_n_entries (history), >=, 2);
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (history), "history", 8000);
  gtk_window_close (GTK_WINDOW (history));
  ud_test_wait_closed (UD_TYPE_HISTORY_WINDOW);
  ud_test_press (editor, _("_Cancel"));
  ud_test_wait_closed (UD_TYPE_MEMBER_EDITOR);

  /* Backups, in a folder of the test's, from the preferences. */
  g_settings_set_string (settings, "backup-folder", backups);
  ud_test_main_menu (window, _("_Preferences"));
  preferences = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_PREFERENCES_WINDOW));
  gtk_window_set_default_size (GTK_WINDOW (preferences), 640, 720);
  ud_test_press (preferences, _("Backups"));
  page = UD_BACKUP_PAGE (find_type (preferences, UD_TYPE_BACKUP_PAGE));
  g_assert_nonnull (page);
  g_assert_true (ud_test_wait_for (backup_idle, page));
  g_assert_cmpuint (ud_backup_page_get_backups (page)->len, ==, 0);

  ud_test_press (preferences, _("_Back Up Now"));
  g_assert_true (ud_test_wait_for (one_backup_listed, page));
  info = g_ptr_array_index (ud_backup_page_get_backups (page), 0);
  g_assert_true (g_str_has_prefix (info->path, backups));
  g_assert_cmpint (g_stat (info->path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_assert_cmpint (info->size, >, 0);

  ud_test_press (preferences, _("C_heck"));
  g_assert_true (ud_test_wait_labelled (preferences, _("The database is sound: no damage was found.")));
  g_assert_cmpstr (ud_backup_page_get_check_result (page), ==, _("The database is sound: no damage was found."));
  ud_test_settle (300);
  ud_test_save_named_screenshot (preferences, "preferences-backups", 8000);

  /* The folder chosen in the file chooser becomes the setting. */
  {
    g_autofree char *other = g_build_filename (run->dir, "other-backups", NULL);
    g_autofree char *chosen = NULL;

    g_assert_cmpint (g_mkdir_with_parents (other, 0700), ==, 0);
    ud_test_choose_file (preferences, _("_Choose…"), other, _("_Select"));
    ud_test_settle (300);
    chosen = g_settings_get_string (settings, "backup-folder");
    g_assert_cmpstr (chosen, ==, other);
  }
  gtk_window_close (GTK_WINDOW (preferences));
  ud_test_wait_closed (UD_TYPE_PREFERENCES_WINDOW);

  /* The backup is in the trail too: the section reads it again when it
   * is shown. */
  ud_test_show_section (window, _("Audit Trail"));
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  g_assert_nonnull (find_entry (ud_audit_view_get_model (audit), "backup", NULL, NULL));

  g_settings_reset (settings, "backup-folder");
  ud_test_remove_tree (backups);
  g_remove (csv_path);
  run->passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static void
test_admin (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(UdDbWorker) worker = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(UdSession) admin = NULL;
  g_autoptr(GError) error = NULL;
  gint64 member_id = 0;
  AdminRun run = { dir, NULL, FALSE };

  worker = ud_test_new_office (dir, NULL, add_member, &member_id);
  g_clear_object (&worker);
  db = ud_database_open (db_path, &error);
  g_assert_no_error (error);
  admin = ud_account_authenticate (db, "admin", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, admin);
  member = ud_member_store_get (db, member_id, &error);
  g_assert_no_error (error);
  run.member_name = ud_record_get (member, "name");

  ud_test_run_application (db_path, drive_admin, &run);
  g_assert_true (run.passed);
  ud_test_remove_tree (dir);
}

/* Who may not administer sees neither section nor the backup page. */

static gboolean
drive_clerk (gpointer data)
{
  gboolean *passed = data;
  GtkWidget *window = ud_test_sign_in_window ("clerk", UD_TEST_PASSWORD, NULL);
  GtkWidget *preferences;

  g_assert_true (ud_test_can_press (window, _("Members")));
  g_assert_false (ud_test_can_press (window, _("Accounts")));
  g_assert_false (ud_test_can_press (window, _("Audit Trail")));
  ud_test_main_menu (window, _("_Preferences"));
  preferences = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_PREFERENCES_WINDOW));
  g_assert_true (ud_test_wait_labelled (preferences, _("Sync")));
  g_assert_null (find_type (preferences, UD_TYPE_BACKUP_PAGE));
  g_assert_false (ud_test_can_press (preferences, _("Backups")));

  *passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static void
test_clerk_sees_no_admin (void)
{
  gboolean passed = FALSE;

  ud_test_run_office (NULL, NULL, drive_clerk, &passed);
  g_assert_true (passed);
}

/* Restore, through the running application: the windows close, the
 * worker goes (finalized, so its connection is closed), the backup comes
 * back, and the sign-in opens again with the outcome. */

typedef struct
{
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

/* Preferences → Backups → Restore…: @path chosen, the restore confirmed. */
static void
restore_from_file (GtkWidget  *window,
                   const char *path)
{
  GtkWidget *preferences;

  ud_test_main_menu (window, _("_Preferences"));
  preferences = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_PREFERENCES_WINDOW));
  ud_test_press (preferences, _("Backups"));
  g_assert_true (ud_test_wait_labelled (preferences, _("Restore from a file")));
  /* As a person would, once the list of backups has come in. */
  g_assert_true (ud_test_wait_for (backup_idle, find_type (preferences, UD_TYPE_BACKUP_PAGE)));
  ud_test_settle (200);
  ud_test_choose_file (ud_test_find_labelled (preferences, _("Restore from a file")), _("_Restore…"),
                       path, _("_Open"));
  ud_test_press (GTK_WIDGET (ud_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG)), _("_Restore"));
}

/* Closes the message dialog headed @heading with its Close button. */
static void
close_message (const char *heading)
{
  GtkWidget *dialog = GTK_WIDGET (ud_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  ud_test_press (dialog, _("_Close"));
  ud_test_wait_closed (ADW_TYPE_MESSAGE_DIALOG);
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
  GtkWidget *window;

  window = ud_test_sign_in_window ("admin", UD_TEST_PASSWORD, NULL);

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
  restore_from_file (window, run->damaged_path);
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
        ud_test_save_named_screenshot (l->data, "restore-refused", 4000);
  }
  close_message (_("The Backup Was Not Restored"));
  gtk_window_close (ud_test_find_toplevel (UD_TYPE_PREFERENCES_WINDOW));
  ud_test_wait_closed (UD_TYPE_PREFERENCES_WINDOW);

  worker = ud_window_get_worker (UD_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (worker), (gpointer *) &worker);
  ud_test_settle (200);

  restore_from_file (window, run->backup_path);
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
  close_message (_("The Backup Was Restored"));
  ud_test_sign_in_window ("admin", UD_TEST_PASSWORD, NULL);

  run->passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
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
  RestoreRun run = { db_path, NULL, damaged, auto_folder, FALSE };

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
  run.backup_path = made;
  ud_test_run_application (db_path, drive_restore, &run);
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

  window = ud_test_sign_in_window ("admin", UD_TEST_PASSWORD, NULL);
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
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
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
  RestoreRun run = { db_path, NULL, NULL, NULL, FALSE };

  worker = ud_test_new_office (dir, NULL, NULL, NULL);
  g_clear_object (&worker);
  g_assert_true (g_file_set_contents (blocked, "", 0, NULL));

  g_settings_set_string (settings, "backup-folder", blocked);
  ud_test_run_application (db_path, drive_failure, &run);
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

  g_assert_true (ud_test_wait_for (has_message_dialog, NULL));
  g_test_assert_expected_messages ();
  dialog = GTK_WIDGET (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   _("The Office Database Was Changed Outside UnionDesk"));
  g_assert_nonnull (ud_test_find_widget (dialog, is_label_containing, (gpointer) "audit_log_no_delete"));
  ud_test_settle (300);
  ud_test_save_named_screenshot (dialog, "database-tampered", 8000);

  ud_test_press (dialog, _("_Close"));
  g_assert_true (ud_test_wait_for (has_no_message_dialog, NULL));

  /* The sign-in is there, and the trail is protected again. */
  g_assert_true (ud_test_wait_for (has_sign_in, NULL));
  run->passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static void
test_tampered_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(UdDbWorker) worker = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  RestoreRun run = { db_path, NULL, NULL, NULL, FALSE };
  sqlite3 *raw = NULL;

  worker = ud_test_new_office (dir, NULL, NULL, NULL);
  g_clear_object (&worker);
  g_assert_cmpint (sqlite3_open (db_path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER audit_log_no_delete", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  g_test_expect_message ("ud-audit", G_LOG_LEVEL_WARNING, "*audit_log_no_delete*");
  ud_test_run_application (db_path, drive_tampered, &run);
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

typedef struct
{
  UdAuditView *audit;
  gint64       first_id;
} PageWait;

/* Another page: idle, its first entry older than @first_id. */
static gboolean
page_turned (gpointer data)
{
  PageWait *wait = data;
  g_autoptr(UdAuditItem) item = NULL;

  if (ud_audit_view_get_busy (wait->audit) ||
      g_list_model_get_n_items (ud_audit_view_get_model (wait->audit)) == 0)
    return FALSE;
  item = g_list_model_get_item (ud_audit_view_get_model (wait->audit), 0);
  return ud_audit_item_get_entry (item)->id != wait->first_id;
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
  ud_test_show_section (GTK_WIDGET (window), _("Audit Trail"));
  audit = UD_AUDIT_VIEW (find_type (GTK_WIDGET (window), UD_TYPE_AUDIT_VIEW));
  g_assert_true (ud_test_wait_for (audit_idle, audit));
  g_assert_cmpint (ud_audit_view_get_total (audit), >, BIG_TRAIL);
  g_assert_cmpuint (g_list_model_get_n_items (ud_audit_view_get_model (audit)), ==, UD_AUDIT_VIEW_PAGE_SIZE);
  first = g_list_model_get_item (ud_audit_view_get_model (audit), 0);

  ud_test_press (GTK_WIDGET (audit), _("Older entries"));
  {
    PageWait wait = { audit, ud_audit_item_get_entry (first)->id };

    g_assert_true (ud_test_wait_for (page_turned, &wait));
  }
  g_assert_cmpuint (g_list_model_get_n_items (ud_audit_view_get_model (audit)), ==, UD_AUDIT_VIEW_PAGE_SIZE);
  next = g_list_model_get_item (ud_audit_view_get_model (audit), 0);
  g_assert_cmpint (ud_audit_item_get_entry (next)->id, <, ud_audit_item_get_entry (first)->id);

  /* A text found nowhere: the whole trail is read, twice over as it is
   * typed, while a job of the worker's goes through at once. */
  text = GTK_EDITABLE (ud_test_type (GTK_WIDGET (audit), _("Record, field or value"), "nowhere-to-be"));
  g_assert_true (ud_test_wait_for (audit_busy, audit));
  ud_test_settle (100);
  /* Typed on: the running search is interrupted for the new one. */
  started = g_get_monotonic_time ();
  ud_test_type (GTK_WIDGET (audit), _("Record, field or value"), "nowhere-to-be-found");
  /* Enter: the key binding of the entry's text emits its "activate". */
  g_signal_emit_by_name (ud_test_find_by_type (GTK_WIDGET (text), GTK_TYPE_TEXT), "activate");
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
