/* ud-application-backup.c — the automatic backup and restoring a backup
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-application-private.h"
#include "ud-backup.h"
#include "ud-backup-page.h"
#include "ud-ui-util.h"
#include "ud-window.h"

/* Automatic backup ------------------------------------------------------- */

/* A failure must reach a person: a toast in the main window, now or when
 * it opens after the sign-in. */
static void
show_backup_failure (UdApplication *self,
                     const char    *message);

static void
on_window_added (GtkApplication *application,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  UdApplication *self = UD_APPLICATION (application);
  AdwToast *toast;

  if (!UD_IS_WINDOW (window) || self->backup_failure == NULL)
    return;

  toast = adw_toast_new (self->backup_failure);
  adw_toast_set_timeout (toast, 0);
  ud_window_add_toast (UD_WINDOW (window), toast);
  g_clear_pointer (&self->backup_failure, g_free);
  g_clear_signal_handler (&self->window_added_id, self);
}

static void
show_backup_failure (UdApplication *self,
                     const char    *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  g_autofree char *text = g_strdup_printf (_("The automatic backup failed: %s"), escaped);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  g_message ("The automatic backup failed: %s", message);

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (UD_IS_WINDOW (l->data))
        {
          AdwToast *toast = adw_toast_new (text);

          adw_toast_set_timeout (toast, 0);
          ud_window_add_toast (UD_WINDOW (l->data), toast);
          return;
        }
    }

  g_free (self->backup_failure);
  self->backup_failure = g_steal_pointer (&text);
  if (self->window_added_id == 0)
    self->window_added_id = g_signal_connect (self, "window-added", G_CALLBACK (on_window_added), NULL);
}

static void
auto_backup_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  UdDbWorker *worker = task_data;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *folder = ud_backup_page_dup_folder (settings);
  g_autoptr(UdDatabase) db = NULL;
  GError *error = NULL;
  char *made = NULL;

  /* A connection of its own: the windows' work goes on meanwhile. */
  db = ud_db_worker_open_connection (worker, &error);
  if (db == NULL || !ud_backup_auto (db, folder, NULL, &made, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, made != NULL ? made : g_strdup (""), g_free);
}

static void
auto_backup_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  UdApplication *self = UD_APPLICATION (object);

  made = g_task_propagate_pointer (G_TASK (result), &error);
  if (made == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_backup_failure (self, error->message);
      return;
    }

  if (made[0] != '\0')
    g_debug ("Automatic backup written to %s", made);
}

/* When the newest backup is a day old: after the database opened, on a
 * thread, without holding up the sign-in. */
void
_ud_application_start_auto_backup (UdApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->worker == NULL || !ud_db_worker_is_initialized (self->worker))
    return;

  task = g_task_new (self, self->cancellable, auto_backup_done, NULL);
  g_task_set_source_tag (task, _ud_application_start_auto_backup);
  g_task_set_task_data (task, g_object_ref (self->worker), g_object_unref);
  g_task_run_in_thread (task, auto_backup_thread);
}

/* Restoring a backup ----------------------------------------------------- */

/* A restore replaces the database file under the running app.  So every
 * window closes (nothing may go on working with the old data), the
 * worker is dropped, and the restore waits until the worker's connection
 * is really closed — a job puts a weak reference on it — before the core
 * replaces the file on a thread.  Then the database opens anew and the
 * sign-in comes back: the accounts are those of the backup. */

typedef struct
{
  UdApplication *application;
  char          *backup_path;
  UdSession     *session;
  GtkWindow     *progress;
  char          *message;     /* the core's refusal, or NULL */
  char          *safety;
  guint          timeout_id;
  gboolean       started;
  gboolean       gave_up;
  gboolean       worker_finalized;
} Restore;

static void
restore_free (Restore *restore)
{
  g_clear_handle_id (&restore->timeout_id, g_source_remove);
  g_clear_object (&restore->application);
  g_clear_pointer (&restore->session, ud_session_unref);
  g_free (restore->backup_path);
  g_free (restore->message);
  g_free (restore->safety);
  g_free (restore);
}

static void
restore_reopen_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Restore *restore = user_data;
  UdApplication *self = g_object_ref (restore->application);
  GtkWindow *parent;
  GtkWidget *dialog;

  /* The usual way in: the sign-in window, or a message when the
   * database cannot be opened. */
  _ud_application_open_done (object, result, g_object_ref (self));

  if (restore->progress != NULL)
    gtk_window_destroy (restore->progress);

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (restore->message == NULL)
    {
      g_autofree char *body = NULL;

      body = restore->safety != NULL
             ? g_strdup_printf (_("Everyone signs in again, with the accounts and passwords the backup holds. The data as it was before is kept in “%s”."),
                                restore->safety)
             : g_strdup (_("Everyone signs in again, with the accounts and passwords the backup holds."));
      dialog = adw_message_dialog_new (parent, _("The Backup Was Restored"), body);
    }
  else
    {
      dialog = adw_message_dialog_new (parent, _("The Backup Was Not Restored"), restore->message);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));

  self->restoring = FALSE;
  g_application_release (G_APPLICATION (self));
  restore_free (restore);
  g_object_unref (self);
}

static void
restore_reopen (Restore *restore)
{
  UdApplication *self = restore->application;

  /* open_done() releases this one. */
  self->opening = TRUE;
  g_application_hold (G_APPLICATION (self));
  ud_db_worker_open_async (self->db_path, self->cancellable, restore_reopen_done, restore);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Restore *restore = task_data;
  GError *error = NULL;
  char *safety = NULL;

  if (!ud_backup_restore (restore->backup_path, restore->application->db_path, restore->session,
                          &safety, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, safety != NULL ? safety : g_strdup (""), g_free);
}

static void
restore_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Restore *restore = user_data;
  g_autoptr(GError) error = NULL;
  char *safety;

  safety = g_task_propagate_pointer (G_TASK (result), &error);
  if (safety == NULL)
    restore->message = g_strdup (error->message);
  else if (safety[0] == '\0')
    g_free (safety);
  else
    restore->safety = safety;

  restore_reopen (restore);
}

static gboolean
restore_start (gpointer data)
{
  Restore *restore = data;
  g_autoptr(GTask) task = NULL;

  if (restore->gave_up)
    {
      restore_free (restore);
      return G_SOURCE_REMOVE;
    }

  restore->started = TRUE;
  g_clear_handle_id (&restore->timeout_id, g_source_remove);
  g_debug ("The database is closed (worker finalized: %s); restoring %s",
           restore->worker_finalized ? "yes" : "no", restore->backup_path);

  /* No cancellable: a restore, once begun, runs to its end. */
  task = g_task_new (NULL, NULL, restore_done, restore);
  g_task_set_source_tag (task, restore_start);
  g_task_set_task_data (task, restore, NULL);
  g_task_run_in_thread (task, restore_thread);

  return G_SOURCE_REMOVE;
}

/* Called when the worker's connection is finalized, on whichever thread
 * dropped it last. */
static void
on_database_finalized (gpointer  data,
                       GObject  *where_the_object_was)
{
  g_idle_add (restore_start, data);
}

static void
on_worker_finalized (gpointer  data,
                     GObject  *where_the_object_was)
{
  ((Restore *) data)->worker_finalized = TRUE;
}

static gboolean
restore_timeout (gpointer data)
{
  Restore *restore = data;

  restore->timeout_id = 0;
  if (restore->started)
    return G_SOURCE_REMOVE;

  /* Something still holds the database: nothing was touched.  The weak
   * reference frees @restore when the connection closes at last. */
  g_message ("The database is still open after the windows closed; the restore was not started");
  restore->gave_up = TRUE;
  {
    Restore *reopen = g_new0 (Restore, 1);

    reopen->application = g_object_ref (restore->application);
    reopen->progress = g_steal_pointer (&restore->progress);
    reopen->message = g_strdup (_("The database is still in use, so nothing was changed. Quit UnionDesk and restore with “uniondesk-cli restore”."));
    restore_reopen (reopen);
  }

  return G_SOURCE_REMOVE;
}

static gpointer
watch_job (UdDatabase   *db,
           gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  g_object_weak_ref (G_OBJECT (db), on_database_finalized, data);

  return GINT_TO_POINTER (TRUE);
}

static void
watch_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Restore *restore = user_data;
  UdApplication *self = restore->application;
  g_autoptr(GError) error = NULL;

  if (ud_db_worker_run_finish (result, &error) == NULL)
    {
      /* The connection was not watched: give up before anything. */
      restore->gave_up = TRUE;
      g_clear_pointer (&restore->message, g_free);
      restore->message = g_strdup (error->message);
      g_clear_object (&self->worker);
      restore_reopen (restore);
      return;
    }

  g_object_weak_ref (G_OBJECT (self->worker), on_worker_finalized, restore);
  /* The windows hold no worker any more; this was the last reference,
   * and its finalization closes the connection once the queued jobs are
   * done. */
  g_clear_object (&self->worker);
  restore->timeout_id = g_timeout_add_seconds (20, restore_timeout, restore);
}

static GtkWindow *
restore_progress_window (UdApplication *self)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_title (GTK_WINDOW (window), _("Restoring"));
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 300);
  gtk_window_set_deletable (GTK_WINDOW (window), FALSE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_spinner_start (GTK_SPINNER (spinner));
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Restoring the Backup…"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), _("The current data is kept first. This can take a few minutes."));
  adw_status_page_set_child (ADW_STATUS_PAGE (status), spinner);
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));

  return GTK_WINDOW (window);
}

static void
restore_begin (Restore *restore)
{
  UdApplication *self = restore->application;
  GList *windows;

  /* The progress window first, so that the application always has one. */
  restore->progress = restore_progress_window (self);
  gtk_window_present (restore->progress);

  /* Every window, the application's and the dialogs above them: each may
   * hold the worker. */
  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (l->data != restore->progress)
        gtk_window_destroy (GTK_WINDOW (l->data));
    }
  g_list_free_full (windows, g_object_unref);

  ud_db_worker_run_async (self->worker, watch_job, restore, NULL, NULL, NULL, watch_done, restore);
}

static void
restore_check_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;

  if (ud_backup_check_file (task_data, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
restore_checked (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Restore *restore = user_data;
  UdApplication *self = restore->application;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      restore_begin (restore);
      return;
    }

  dialog = adw_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                   _("The Backup Was Not Restored"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));

  self->restoring = FALSE;
  g_application_release (G_APPLICATION (self));
  restore_free (restore);
}

/**
 * ud_application_restore_backup:
 * @path: the backup file
 *
 * Closes every window, waits for the database to be closed, restores
 * @path over it with ud_backup_restore() (which keeps the current data
 * and refuses damaged or newer files), opens it again and shows the
 * sign-in with the outcome.
 */
void
ud_application_restore_backup (UdApplication *self,
                               const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  UdSession *session;
  Restore *restore;

  g_return_if_fail (UD_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  if (self->worker == NULL || self->restoring || self->opening)
    return;

  session = ud_db_worker_get_session (self->worker);
  if (session == NULL || !ud_session_require (session, UD_PERMISSION_BACKUP_RESTORE, &error))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

      if (window != NULL && error != NULL)
        ud_widget_show_message (GTK_WIDGET (window), error->message);
      return;
    }

  restore = g_new0 (Restore, 1);
  restore->application = g_object_ref (self);
  restore->backup_path = g_strdup (path);
  restore->session = ud_session_ref (session);

  self->restoring = TRUE;
  g_application_hold (G_APPLICATION (self));

  /* A file the core would refuse is refused before anything closes. */
  task = g_task_new (NULL, NULL, restore_checked, restore);
  g_task_set_source_tag (task, ud_application_restore_backup);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, restore_check_thread);
}
