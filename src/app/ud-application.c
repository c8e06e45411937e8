/* ud-application.c — the UnionDesk application
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-application.h"
#include "ud-backup.h"
#include "ud-backup-page.h"
#include "ud-db-worker.h"
#include "ud-preferences-window.h"
#include "ud-setup-window.h"
#include "ud-sign-in-window.h"
#include "ud-ui-util.h"
#include "ud-window.h"

/* Opens the office database off the main thread, asks for the office's
 * identity on the first run, then shows the main window. */

struct _UdApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  char           *db_path;
  UdDbWorker     *worker;
  GCancellable   *cancellable;
  char           *backup_failure;   /* for the main window, when it opens */
  gulong          window_added_id;
  gboolean        opening;
  gboolean        restoring;
};

G_DEFINE_FINAL_TYPE (UdApplication, ud_application, ADW_TYPE_APPLICATION)

static void
show_main_window (UdApplication *self)
{
  UdWindow *window = ud_window_new (GTK_APPLICATION (self), self->worker);

  gtk_window_present (GTK_WINDOW (window));
}

static void
on_signed_in (UdSignInWindow *sign_in,
              UdApplication  *self)
{
  show_main_window (self);
  gtk_window_destroy (GTK_WINDOW (sign_in));
}

static void
show_sign_in_window (UdApplication *self)
{
  UdSignInWindow *sign_in = ud_sign_in_window_new (GTK_APPLICATION (self), self->worker);

  g_signal_connect_object (sign_in, "signed-in", G_CALLBACK (on_signed_in), self, 0);
  gtk_window_present (GTK_WINDOW (sign_in));
}

static void
on_setup_done (UdSetupWindow *setup,
               UdApplication *self)
{
  /* The main window first, so that the application never runs out of
   * windows in between. */
  show_main_window (self);
  gtk_window_destroy (GTK_WINDOW (setup));
}

static void
on_open_error_response (AdwMessageDialog *dialog,
                        const char       *response,
                        UdApplication    *self)
{
  g_application_quit (G_APPLICATION (self));
}

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
static void
start_auto_backup (UdApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->worker == NULL || !ud_db_worker_is_initialized (self->worker))
    return;

  task = g_task_new (self, self->cancellable, auto_backup_done, NULL);
  g_task_set_source_tag (task, start_auto_backup);
  g_task_set_task_data (task, g_object_ref (self->worker), g_object_unref);
  g_task_run_in_thread (task, auto_backup_thread);
}

static void
open_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(UdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  UdDbWorker *worker;

  worker = ud_db_worker_open_finish (result, &error);
  self->opening = FALSE;

  if (worker == NULL)
    {
      GtkWidget *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_application_release (G_APPLICATION (self));
          return;
        }

      dialog = adw_message_dialog_new (NULL, _("The Office Database Cannot Be Opened"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s", error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_error_response), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      g_application_release (G_APPLICATION (self));
      return;
    }

  g_clear_object (&self->worker);
  self->worker = worker;
  start_auto_backup (self);

  if (ud_db_worker_is_initialized (worker) && ud_db_worker_has_accounts (worker))
    {
      show_sign_in_window (self);
    }
  else
    {
      UdSetupWindow *setup = ud_setup_window_new (GTK_APPLICATION (self), worker);

      g_signal_connect_object (setup, "done", G_CALLBACK (on_setup_done), self, 0);
      gtk_window_present (GTK_WINDOW (setup));
    }

  g_application_release (G_APPLICATION (self));
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
  open_done (object, result, g_object_ref (self));

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

static gboolean
restore_begin (gpointer data)
{
  Restore *restore = data;
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

  return G_SOURCE_REMOVE;
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

static void
ud_application_activate (GApplication *application)
{
  UdApplication *self = UD_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->opening)
    return;

  if (self->db_path == NULL)
    self->db_path = ud_database_default_path ();

  /* Keep running while the database opens: there is no window yet. */
  self->opening = TRUE;
  g_application_hold (application);
  ud_db_worker_open_async (self->db_path, self->cancellable, open_done, g_object_ref (self));
}

static int
ud_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  UdApplication *self = UD_APPLICATION (application);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &path) && path != NULL && path[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      g_free (self->db_path);
      self->db_path = g_file_get_path (file);

      /* Another database is another office: do not hand the request to
       * an instance that has the default one open. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
ud_application_shutdown (GApplication *application)
{
  UdApplication *self = UD_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (ud_application_parent_class)->shutdown (application);

  g_clear_object (&self->worker);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  UdApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing lets the windows save their size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);

  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  UdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The UnionDesk developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "application-name", _("UnionDesk"),
                        "application-icon", APP_ID,
                        "developer-name", _("The UnionDesk developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("The member roll, aid and relief work of a district trade-union office, kept in one place and sent to the city union."),
                        "website", "https://github.com/uniondesk/uniondesk",
                        "issue-url", "https://github.com/uniondesk/uniondesk/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The UnionDesk developers",
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  UdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  UdPreferencesWindow *preferences;

  if (self->worker == NULL)
    return;

  preferences = ud_preferences_window_new (self->worker);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Switching user: the windows of the one who leaves close (so nothing of
 * theirs stays on screen), the sign-out is recorded, and the sign-in
 * window asks who comes next.  The database stays open. */
static void
sign_out_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(UdApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ud_db_worker_sign_out_finish (UD_DB_WORKER (object), result, &error))
    g_warning ("The sign-out could not be recorded: %s", error->message);

  show_sign_in_window (self);
  g_application_release (G_APPLICATION (self));
}

static void
switch_user_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  UdApplication *self = user_data;
  GList *windows;

  if (self->worker == NULL || ud_db_worker_get_session (self->worker) == NULL)
    return;

  /* Nothing is on screen while the sign-out is written. */
  g_application_hold (G_APPLICATION (self));
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);

  ud_db_worker_sign_out_async (self->worker, self->cancellable, sign_out_done, g_object_ref (self));
}

/* Changing one's own password: a small modal window, which stays open
 * with the core's answer when the change is refused. */
typedef struct
{
  UdApplication        *application;
  GtkWindow            *window;
  GtkWidget            *change_button;
  AdwPasswordEntryRow  *old_row;
  AdwPasswordEntryRow  *new_row;
  AdwPasswordEntryRow  *repeat_row;
  GtkLabel             *problem_label;
  GCancellable         *cancellable;
} PasswordDialog;

static void
password_dialog_free (gpointer data)
{
  PasswordDialog *dialog = data;

  g_cancellable_cancel (dialog->cancellable);
  g_clear_object (&dialog->cancellable);
  g_clear_object (&dialog->application);
  g_free (dialog);
}

static void
password_dialog_problem (PasswordDialog *dialog,
                         const char     *problem)
{
  gtk_label_set_label (dialog->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (dialog->problem_label), problem != NULL);
}

static void
password_dialog_changed (PasswordDialog *dialog)
{
  const char *new_password = gtk_editable_get_text (GTK_EDITABLE (dialog->new_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (dialog->repeat_row));
  gboolean differ = repeat[0] != '\0' && g_strcmp0 (new_password, repeat) != 0;

  password_dialog_problem (dialog, differ ? _("New password again: the two passwords are not the same.") : NULL);
  gtk_widget_set_sensitive (dialog->change_button,
                            !differ &&
                            gtk_editable_get_text (GTK_EDITABLE (dialog->old_row))[0] != '\0' &&
                            new_password[0] != '\0' && repeat[0] != '\0');
}

/* Not insensitive: GTK 4.8 loses the focus-out of a focused entry that
 * turns insensitive. */
static void
password_dialog_set_busy (PasswordDialog *dialog,
                          gboolean        busy)
{
  gtk_editable_set_editable (GTK_EDITABLE (dialog->old_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (dialog->new_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (dialog->repeat_row), !busy);
  gtk_widget_set_sensitive (dialog->change_button, !busy);
}

static void
change_password_done (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  PasswordDialog *dialog;
  GtkWindow *parent;

  if (!ud_db_worker_change_password_finish (UD_DB_WORKER (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  dialog = user_data;
  if (error != NULL)
    {
      password_dialog_set_busy (dialog, FALSE);
      password_dialog_problem (dialog, error->message);
      return;
    }

  parent = gtk_window_get_transient_for (dialog->window);
  if (UD_IS_WINDOW (parent))
    ud_window_add_toast (UD_WINDOW (parent), adw_toast_new (_("Your password was changed")));
  gtk_window_destroy (dialog->window);
}

static void
password_dialog_change (PasswordDialog *dialog)
{
  UdDbWorker *worker = dialog->application->worker;

  if (worker == NULL || !gtk_widget_get_sensitive (dialog->change_button))
    return;

  password_dialog_set_busy (dialog, TRUE);
  ud_db_worker_change_password_async (worker,
                                      gtk_editable_get_text (GTK_EDITABLE (dialog->old_row)),
                                      gtk_editable_get_text (GTK_EDITABLE (dialog->new_row)),
                                      dialog->cancellable, change_password_done, dialog);
}

static AdwPasswordEntryRow *
password_row (GtkWidget      *group,
              const char     *title,
              PasswordDialog *dialog)
{
  GtkWidget *row = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (password_dialog_changed), dialog);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return ADW_PASSWORD_ENTRY_ROW (row);
}

static void
change_password_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  UdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  PasswordDialog *dialog;
  GtkWidget *header;
  GtkWidget *cancel_button;
  GtkWidget *box;
  GtkWidget *group;
  GtkWidget *label;

  if (self->worker == NULL || ud_db_worker_get_session (self->worker) == NULL)
    return;

  dialog = g_new0 (PasswordDialog, 1);
  dialog->application = g_object_ref (self);
  dialog->cancellable = g_cancellable_new ();
  dialog->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (dialog->window, _("Change Your Password"));
  gtk_window_set_modal (dialog->window, TRUE);
  gtk_window_set_transient_for (dialog->window, parent);
  gtk_window_set_default_size (dialog->window, 440, -1);
  gtk_window_set_resizable (dialog->window, FALSE);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel_button, "clicked", G_CALLBACK (gtk_window_destroy), dialog->window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel_button);
  dialog->change_button = gtk_button_new_with_mnemonic (_("C_hange"));
  gtk_widget_add_css_class (dialog->change_button, "suggested-action");
  gtk_widget_set_sensitive (dialog->change_button, FALSE);
  g_signal_connect_swapped (dialog->change_button, "clicked", G_CALLBACK (password_dialog_change), dialog);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), dialog->change_button);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A password of at least 8 characters that only you know."));
  dialog->old_row = password_row (group, _("Current password"), dialog);
  dialog->new_row = password_row (group, _("New password"), dialog);
  dialog->repeat_row = password_row (group, _("New password again"), dialog);
  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "field-problems");
  gtk_widget_set_visible (label, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  dialog->problem_label = GTK_LABEL (label);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_margin_start (group, 18);
  gtk_widget_set_margin_end (group, 18);
  gtk_widget_set_margin_top (group, 18);
  gtk_widget_set_margin_bottom (group, 18);
  gtk_box_append (GTK_BOX (box), group);
  adw_window_set_content (ADW_WINDOW (dialog->window), box);
  gtk_window_set_default_widget (dialog->window, dialog->change_button);

  g_object_set_data_full (G_OBJECT (dialog->window), "ud-password-dialog", dialog, password_dialog_free);
  gtk_window_present (dialog->window);
}

static const GActionEntry app_actions[] = {
  { "switch-user", switch_user_action },
  { "change-password", change_password_action },
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static void
ud_application_startup (GApplication *application)
{
  UdApplication *self = UD_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (ud_application_parent_class)->startup (application);

  ud_app_init_display ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
}

static void
ud_application_finalize (GObject *object)
{
  UdApplication *self = (UdApplication *)object;

  g_clear_object (&self->worker);
  g_clear_object (&self->cancellable);
  g_free (self->db_path);
  g_free (self->backup_failure);

  G_OBJECT_CLASS (ud_application_parent_class)->finalize (object);
}

static void
ud_application_class_init (UdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ud_application_finalize;

  application_class->activate = ud_application_activate;
  application_class->startup = ud_application_startup;
  application_class->shutdown = ud_application_shutdown;
  application_class->handle_local_options = ud_application_handle_local_options;
}

static void
ud_application_init (UdApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the office database at PATH instead of the default one"), N_("PATH") },
    { NULL }
  };

  self->cancellable = g_cancellable_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The desktop of a district trade-union office."));
}

UdApplication *
ud_application_new (void)
{
  return g_object_new (UD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/uniondesk/UnionDesk",
                       NULL);
}
