/* ud-backup-page.c — the Backups page of the preferences
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-backup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-backup-page.h"
#include "ud-backup.h"
#include "ud-ui-util.h"

/* Everything here touches files (a network drive can be slow) or reads
 * the whole database, so it runs on threads: a backup on a connection of
 * its own (ud_db_worker_open_connection, acting as the signed-in
 * account, so the core checks the permission and records the backup);
 * listing the folder and the integrity check on plain threads.  A
 * restore replaces the database under the running app, so the page only
 * asks for it ("restore-requested"): the application closes every window
 * first. */

struct _UdBackupPage
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  AdwActionRow         *folder_row;
  AdwActionRow         *now_row;
  GtkSpinner           *now_spinner;
  AdwPreferencesGroup  *list_group;
  AdwActionRow         *empty_row;
  AdwActionRow         *check_row;
  GtkSpinner           *check_spinner;

  /* Owned */
  UdDbWorker           *worker;
  GSettings            *settings;
  GCancellable         *cancellable;
  GPtrArray            *backups;      /* UdBackupInfo */
  GPtrArray            *rows;         /* borrowed from list_group */

  guint                 busy;         /* things under way */
};

G_DEFINE_FINAL_TYPE (UdBackupPage, ud_backup_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  RESTORE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_backups (UdBackupPage *self);

char *
ud_backup_page_dup_folder (GSettings *settings)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  folder = g_settings_get_string (settings, "backup-folder");
  if (folder[0] == '\0')
    return ud_backup_default_folder ();

  return g_steal_pointer (&folder);
}

static void
show_folder (UdBackupPage *self)
{
  g_autofree char *folder = ud_backup_page_dup_folder (self->settings);

  adw_action_row_set_subtitle (self->folder_row, folder);
}

/* Restoring ------------------------------------------------------------- */

static void
on_restore_response (AdwMessageDialog *dialog,
                     const char       *response,
                     UdBackupPage     *self)
{
  if (g_strcmp0 (response, "restore") != 0)
    return;

  g_signal_emit (self, signals[RESTORE_REQUESTED], 0, g_object_get_data (G_OBJECT (dialog), "path"));
}

static void
confirm_restore (UdBackupPage *self,
                 const char   *path,
                 GDateTime    *time)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Restore This Backup?"), NULL);
  if (time != NULL)
    {
      when = g_date_time_format (time, "%Y-%m-%d %H:%M");
      body = g_strdup_printf (_("All the office's data — members, applications, accounts and passwords — goes back to how it was on %s. What was entered since then is replaced.\n\nThe data as it is now is kept in a copy first. UnionDesk closes its windows while it restores; then everyone signs in again."),
                              when);
    }
  else
    {
      g_autofree char *name = g_filename_display_basename (path);

      body = g_strdup_printf (_("All the office's data — members, applications, accounts and passwords — is replaced by the content of “%s”.\n\nThe data as it is now is kept in a copy first. A damaged backup, or one from a newer UnionDesk, is refused. UnionDesk closes its windows while it restores; then everyone signs in again."),
                              name);
    }
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restore_clicked (GtkButton    *button,
                    UdBackupPage *self)
{
  UdBackupInfo *info = g_object_get_data (G_OBJECT (button), "backup");

  confirm_restore (self, info->path, info->time);
}

/* The list --------------------------------------------------------------- */

static void
fill_list (UdBackupPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->list_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), self->backups->len == 0);
  if (self->backups->len == 0)
    adw_action_row_set_subtitle (self->now_row, _("None yet"));
  else
    {
      UdBackupInfo *newest = g_ptr_array_index (self->backups, 0);
      g_autofree char *when = g_date_time_format (newest->time, "%Y-%m-%d %H:%M");

      adw_action_row_set_subtitle (self->now_row, when);
    }

  for (guint i = 0; i < self->backups->len; i++)
    {
      UdBackupInfo *info = g_ptr_array_index (self->backups, i);
      g_autofree char *when = g_date_time_format (info->time, "%Y-%m-%d %H:%M:%S");
      g_autofree char *size = g_format_size ((guint64) info->size);
      g_autofree char *name = g_filename_display_basename (info->path);
      /* Translators: a backup's size, then its file name */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), size, name);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "backup", info);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_restore_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->list_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *backups = ud_backup_list (task_data, &error);

  if (backups == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, backups, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdBackupPage *self = UD_BACKUP_PAGE (object);
  GPtrArray *backups;

  backups = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy--;
  if (backups == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      backups = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_backup_info_free);
    }

  g_clear_pointer (&self->backups, g_ptr_array_unref);
  self->backups = backups;
  fill_list (self);
}

static void
list_backups (UdBackupPage *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, list_done, NULL);

  self->busy++;
  g_task_set_source_tag (task, list_backups);
  g_task_set_task_data (task, ud_backup_page_dup_folder (self->settings), g_free);
  g_task_run_in_thread (task, list_thread);
}

/* Back up now ------------------------------------------------------------ */

typedef struct
{
  UdDbWorker *worker;
  char       *folder;
} BackupData;

static void
backup_data_free (gpointer data)
{
  BackupData *backup = data;

  g_clear_object (&backup->worker);
  g_free (backup->folder);
  g_free (backup);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupData *backup = task_data;
  g_autoptr(UdDatabase) db = NULL;
  GError *error = NULL;
  char *made = NULL;

  db = ud_db_worker_open_connection (backup->worker, &error);
  if (db == NULL || !ud_backup_now (db, backup->folder, NULL, &made, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, made, g_free);
}

static void
backup_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  UdBackupPage *self = UD_BACKUP_PAGE (object);

  made = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy--;
  gtk_spinner_stop (self->now_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.now", TRUE);

  if (made == NULL)
    {
      adw_action_row_set_subtitle (self->now_row, error->message);
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  ud_widget_show_message (GTK_WIDGET (self), _("Backup made"));
  list_backups (self);
}

void
ud_backup_page_back_up_now (UdBackupPage *self)
{
  g_autoptr(GTask) task = NULL;
  BackupData *backup;

  g_return_if_fail (UD_IS_BACKUP_PAGE (self));

  backup = g_new0 (BackupData, 1);
  backup->worker = g_object_ref (self->worker);
  backup->folder = ud_backup_page_dup_folder (self->settings);

  self->busy++;
  gtk_spinner_start (self->now_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.now", FALSE);

  task = g_task_new (self, self->cancellable, backup_done, NULL);
  g_task_set_source_tag (task, ud_backup_page_back_up_now);
  g_task_set_task_data (task, backup, backup_data_free);
  g_task_run_in_thread (task, backup_thread);
}

/* Check integrity -------------------------------------------------------- */

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(GPtrArray) problems = NULL;
  GError *error = NULL;
  g_autoptr(GString) text = NULL;

  if (ud_backup_check_file (task_data, &problems, &error))
    {
      g_task_return_pointer (task, g_strdup (""), g_free);
      return;
    }

  /* The core's sentence, then the first problems it found. */
  text = g_string_new (error->message);
  for (guint i = 0; problems != NULL && i < problems->len && i < 5; i++)
    g_string_append_printf (text, "\n%s", (const char *) g_ptr_array_index (problems, i));
  g_error_free (error);
  g_task_return_pointer (task, g_string_free (g_steal_pointer (&text), FALSE), g_free);
}

static void
check_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *shown = NULL;
  UdBackupPage *self = UD_BACKUP_PAGE (object);

  problems = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy--;
  gtk_spinner_stop (self->check_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.check", TRUE);

  if (problems == NULL)
    shown = g_strdup (error->message);
  else if (problems[0] == '\0')
    shown = g_strdup (_("The database is sound: no damage was found."));
  else
    shown = g_strdup_printf (_("%s\nRestore the newest backup that passes the check, or ask for help."), problems);

  adw_action_row_set_subtitle (self->check_row, shown);
  ud_widget_set_error (GTK_WIDGET (self->check_row), problems == NULL || problems[0] != '\0');
}

void
ud_backup_page_check (UdBackupPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (UD_IS_BACKUP_PAGE (self));

  self->busy++;
  gtk_spinner_start (self->check_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.check", FALSE);
  adw_action_row_set_subtitle (self->check_row, _("Checking…"));

  task = g_task_new (self, self->cancellable, check_done, NULL);
  g_task_set_source_tag (task, ud_backup_page_check);
  g_task_set_task_data (task, g_strdup (ud_db_worker_get_path (self->worker)), g_free);
  g_task_run_in_thread (task, check_thread);
}

/* Actions --------------------------------------------------------------- */

static void
now_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ud_backup_page_back_up_now (UD_BACKUP_PAGE (widget));
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ud_backup_page_check (UD_BACKUP_PAGE (widget));
}

static void
on_folder_chosen (GtkWidget *owner,
                  GFile     *file)
{
  UdBackupPage *self = UD_BACKUP_PAGE (owner);
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      ud_widget_show_message (owner,
                              _("Backup folder: choose a folder that has a path on this computer, such as a mounted network drive."));
      return;
    }

  g_settings_set_string (self->settings, "backup-folder", path);
}

static void
on_restore_file_chosen (GtkWidget *owner,
                        GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    confirm_restore (UD_BACKUP_PAGE (owner), path, NULL);
}

static void
open_chooser (UdBackupPage         *self,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *accept,
              UdFileChosenFunc      chosen)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *folder = ud_backup_page_dup_folder (self->settings);
  g_autoptr(GFile) current = g_file_new_for_path (folder);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         action, accept, _("_Cancel"));
  if (g_file_query_exists (current, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), current, NULL);
  ud_file_chooser_run (chooser, GTK_WIDGET (self), chosen);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_chooser (UD_BACKUP_PAGE (widget), _("Backup Folder"),
                GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                on_folder_chosen);
}

static void
restore_file_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_chooser (UD_BACKUP_PAGE (widget), _("Restore a Backup"),
                GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                on_restore_file_chosen);
}

static void
on_folder_changed (GSettings    *settings,
                   const char   *key,
                   UdBackupPage *self)
{
  show_folder (self);
  list_backups (self);
}

/* GObject --------------------------------------------------------------- */

static void
ud_backup_page_dispose (GObject *object)
{
  UdBackupPage *self = (UdBackupPage *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_BACKUP_PAGE);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ud_backup_page_parent_class)->dispose (object);
}

static void
ud_backup_page_finalize (GObject *object)
{
  UdBackupPage *self = (UdBackupPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ud_backup_page_parent_class)->finalize (object);
}

static void
ud_backup_page_class_init (UdBackupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_backup_page_dispose;
  object_class->finalize = ud_backup_page_finalize;

  /**
   * UdBackupPage::restore-requested:
   * @path: the backup file
   *
   * The administrator confirmed restoring @path.  The page cannot do it
   * itself: every window must close first.
   */
  signals[RESTORE_REQUESTED] =
    g_signal_new ("restore-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/admin/ud-backup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UdBackupPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, UdBackupPage, now_row);
  gtk_widget_class_bind_template_child (widget_class, UdBackupPage, now_spinner);
  gtk_widget_class_bind_template_child (widget_class, UdBackupPage, list_group);
  gtk_widget_class_bind_template_child (widget_class, UdBackupPage, empty_row);
  gtk_widget_class_bind_template_child (widget_class, UdBackupPage, check_row);
  gtk_widget_class_bind_template_child (widget_class, UdBackupPage, check_spinner);

  gtk_widget_class_install_action (widget_class, "backup.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "backup.now", NULL, now_action);
  gtk_widget_class_install_action (widget_class, "backup.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "backup.restore-file", NULL, restore_file_action);
}

static void
ud_backup_page_init (UdBackupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->rows = g_ptr_array_new ();
  self->backups = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_backup_info_free);
}

GtkWidget *
ud_backup_page_new (UdDbWorker *worker)
{
  UdBackupPage *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_BACKUP_PAGE, NULL);
  self->worker = g_object_ref (worker);

  show_folder (self);
  g_signal_connect_object (self->settings, "changed::backup-folder",
                           G_CALLBACK (on_folder_changed), self, 0);
  list_backups (self);

  return GTK_WIDGET (self);
}

gboolean
ud_backup_page_get_busy (UdBackupPage *self)
{
  g_return_val_if_fail (UD_IS_BACKUP_PAGE (self), FALSE);

  return self->busy > 0;
}

GPtrArray *
ud_backup_page_get_backups (UdBackupPage *self)
{
  g_return_val_if_fail (UD_IS_BACKUP_PAGE (self), NULL);

  return self->backups;
}

const char *
ud_backup_page_get_check_result (UdBackupPage *self)
{
  g_return_val_if_fail (UD_IS_BACKUP_PAGE (self), NULL);

  return adw_action_row_get_subtitle (self->check_row);
}
