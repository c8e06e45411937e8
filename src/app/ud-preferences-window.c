/* ud-preferences-window.c — preferences
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-preferences-window.h"
#include "ud-sync-prefs-page.h"
#include "ud-backup-page.h"

/* Only settings that work today: the office's name, whether lists show
 * identifiers in full, and (for reference) where the data lives.  The
 * district code is fixed at set-up. */

struct _UdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *office_name_row;
  AdwEntryRow          *office_number_row;
  AdwActionRow         *district_row;
  GtkSwitch            *show_full_switch;
  AdwActionRow         *database_row;

  /* Owned */
  UdDbWorker           *worker;
  GSettings            *settings;
  GCancellable         *cancellable;
  char                 *office_number;   /* as stored */
};

G_DEFINE_FINAL_TYPE (UdPreferencesWindow, ud_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  RESTORE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rename_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdPreferencesWindow *self;

  if (!ud_db_worker_initialize_office_finish (UD_DB_WORKER (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_PREFERENCES_WINDOW (user_data);
  gtk_widget_set_sensitive (GTK_WIDGET (self->office_name_row), TRUE);

  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
      gtk_editable_set_text (GTK_EDITABLE (self->office_name_row),
                             ud_db_worker_get_office_name (self->worker));
      return;
    }

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Office name changed")));
}

static void
on_office_name_apply (UdPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->office_name_row))));

  if (name[0] == '\0')
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Office name: must not be empty.")));
      gtk_editable_set_text (GTK_EDITABLE (self->office_name_row),
                             ud_db_worker_get_office_name (self->worker));
      return;
    }

  /* Setting the office again with the same district renames it, with an
   * entry in the audit log. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->office_name_row), FALSE);
  ud_db_worker_initialize_office_async (self->worker,
                                        ud_db_worker_get_district (self->worker),
                                        name,
                                        NULL, NULL, NULL,
                                        self->cancellable,
                                        rename_done, self);
}

static void
office_number_done (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = ud_db_worker_run_finish (result, &error);
  UdPreferencesWindow *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_PREFERENCES_WINDOW (user_data);
  gtk_widget_set_sensitive (GTK_WIDGET (self->office_number_row),
                            ud_db_worker_may (self->worker, UD_PERMISSION_ADMINISTER));
  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
    }
  else
    {
      /* The first answer is the reading; later ones a change. */
      if (self->office_number != NULL && g_strcmp0 (self->office_number, number) != 0)
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                          adw_toast_new (_("Office number changed: new applications are numbered with it")));
      g_free (self->office_number);
      self->office_number = g_steal_pointer (&number);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->office_number_row),
                         self->office_number != NULL ? self->office_number : "");
}

static void
on_office_number_apply (UdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;

  if (!ud_database_check_office_number (gtk_editable_get_text (GTK_EDITABLE (self->office_number_row)),
                                        &number, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      gtk_editable_set_text (GTK_EDITABLE (self->office_number_row),
                             self->office_number != NULL ? self->office_number : "");
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->office_number_row), FALSE);
  ud_db_worker_run_async (self->worker, ud_db_worker_set_office_number_job, g_steal_pointer (&number), g_free,
                          g_free, self->cancellable, office_number_done, self);
}

static void
on_restore_requested (UdPreferencesWindow *self,
                      const char          *path)
{
  g_signal_emit (self, signals[RESTORE_REQUESTED], 0, path);
}

static void
ud_preferences_window_dispose (GObject *object)
{
  UdPreferencesWindow *self = (UdPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ud_preferences_window_parent_class)->dispose (object);
}

static void
ud_preferences_window_finalize (GObject *object)
{
  UdPreferencesWindow *self = (UdPreferencesWindow *)object;

  g_clear_object (&self->cancellable);
  g_free (self->office_number);

  G_OBJECT_CLASS (ud_preferences_window_parent_class)->finalize (object);
}

static void
ud_preferences_window_class_init (UdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_preferences_window_dispose;
  object_class->finalize = ud_preferences_window_finalize;

  /**
   * UdPreferencesWindow::restore-requested:
   * @path: the backup file
   *
   * The Backups page's "restore-requested", for the application.
   */
  signals[RESTORE_REQUESTED] =
    g_signal_new ("restore-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/ud-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UdPreferencesWindow, office_name_row);
  gtk_widget_class_bind_template_child (widget_class, UdPreferencesWindow, office_number_row);
  gtk_widget_class_bind_template_child (widget_class, UdPreferencesWindow, district_row);
  gtk_widget_class_bind_template_child (widget_class, UdPreferencesWindow, show_full_switch);
  gtk_widget_class_bind_template_child (widget_class, UdPreferencesWindow, database_row);
  gtk_widget_class_bind_template_callback (widget_class, on_office_name_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_office_number_apply);
}

static void
ud_preferences_window_init (UdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "show-full-identifiers",
                   self->show_full_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

UdPreferencesWindow *
ud_preferences_window_new (UdDbWorker *worker)
{
  UdPreferencesWindow *self;
  const char *office_name;
  const char *district;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_PREFERENCES_WINDOW, NULL);
  self->worker = g_object_ref (worker);

  office_name = ud_db_worker_get_office_name (worker);
  district = ud_db_worker_get_district (worker);
  gtk_editable_set_text (GTK_EDITABLE (self->office_name_row), office_name != NULL ? office_name : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->district_row), district != NULL ? district : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->database_row), ud_db_worker_get_path (worker));
  /* The administrator's to change (the core checks again). */
  gtk_widget_set_sensitive (GTK_WIDGET (self->office_number_row), FALSE);
  ud_db_worker_run_async (worker, ud_db_worker_office_number_job, NULL, NULL, g_free,
                          self->cancellable, office_number_done, self);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (ud_sync_prefs_page_new (worker)));

  if (ud_db_worker_may (worker, UD_PERMISSION_BACKUP_RESTORE))
    {
      GtkWidget *backups = ud_backup_page_new (worker);

      g_signal_connect_object (backups, "restore-requested", G_CALLBACK (on_restore_requested),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (backups));
    }

  return self;
}
