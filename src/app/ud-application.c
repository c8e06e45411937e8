/* ud-application.c — the UnionDesk application
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-application-private.h"
#include "ud-db-worker.h"
#include "ud-preferences-window.h"
#include "ud-setup-window.h"
#include "ud-sign-in-window.h"
#include "ud-ui-util.h"
#include "ud-window.h"

/* Opens the office database off the main thread, asks for the office's
 * identity on the first run, then shows the main window. */

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

/* What opening found — protective triggers made again, a break in the
 * audit trail — is said to whoever starts the program, beside the
 * sign-in: it may be the only sign that someone changed the file. */
static void
show_open_warnings (UdApplication *self)
{
  const char * const *warnings = ud_db_worker_get_warnings (self->worker);
  g_autofree char *list = NULL;
  GtkWidget *dialog;

  if (warnings == NULL || warnings[0] == NULL)
    return;

  list = g_strjoinv ("\n\n", (char **) warnings);
  dialog = adw_message_dialog_new (NULL, _("The Office Database Was Changed Outside UnionDesk"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", list,
                                  _("If nobody in the office did this on purpose, tell the administrator: a backup that passes the integrity check (Preferences → Backups → Check Integrity) can be restored."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Also the way back in after a restore (ud-application-backup.c). */
void
_ud_application_open_done (GObject      *object,
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

      g_message ("The office database cannot be opened: %s", error->message);
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
  {
    g_autofree char *folder = g_path_get_dirname (ud_db_worker_get_path (worker));

    ud_file_chooser_avoid_folder (folder);
  }
  _ud_application_start_auto_backup (self);
  show_open_warnings (self);

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
  ud_db_worker_open_async (self->db_path, self->cancellable, _ud_application_open_done, g_object_ref (self));
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
on_restore_requested (UdPreferencesWindow *preferences,
                      const char          *path,
                      UdApplication       *self)
{
  ud_application_restore_backup (self, path);
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
  g_signal_connect_object (preferences, "restore-requested", G_CALLBACK (on_restore_requested), self, 0);
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
