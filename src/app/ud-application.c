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
#include "ud-db-worker.h"
#include "ud-preferences-window.h"
#include "ud-setup-window.h"
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
  gboolean        opening;
};

G_DEFINE_FINAL_TYPE (UdApplication, ud_application, ADW_TYPE_APPLICATION)

static void
show_main_window (UdApplication *self)
{
  UdWindow *window = ud_window_new (GTK_APPLICATION (self), self->worker);

  gtk_window_present (GTK_WINDOW (window));
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

  if (ud_db_worker_is_initialized (worker))
    {
      show_main_window (self);
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

static const GActionEntry app_actions[] = {
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
