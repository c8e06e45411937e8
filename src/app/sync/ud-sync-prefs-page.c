/* ud-sync-prefs-page.c — the Sync page of the preferences
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-sync-prefs-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-sync-client.h"
#include "ud-sync-prefs-page.h"
#include "ud-sync-token.h"
#include "ud-secret.h"
#include "ud-ui-util.h"

struct _UdSyncPrefsPage
{
  AdwPreferencesPage  parent_instance;

  AdwEntryRow        *server_row;
  AdwEntryRow        *token_row;
  AdwActionRow       *token_state_row;
  AdwActionRow       *ca_row;
  GtkWidget          *ca_clear;
  GtkSpinButton      *interval_spin;

  UdDbWorker         *worker;
  GSettings          *settings;
  GCancellable       *cancellable;
};

G_DEFINE_FINAL_TYPE (UdSyncPrefsPage, ud_sync_prefs_page, ADW_TYPE_PREFERENCES_PAGE)

static char *
current_url (UdSyncPrefsPage *self)
{
  return g_settings_get_string (self->settings, "sync-server-url");
}

/* ---- where the token is --------------------------------------------------- */

typedef enum
{
  TOKEN_NONE,
  TOKEN_KEYRING,
  TOKEN_FILE,
} TokenPlace;

typedef struct
{
  char       *url;
  char       *token;      /* to save, or NULL to look */
  TokenPlace  place;
  char       *notice;
} TokenJob;

static void
token_job_free (TokenJob *job)
{
  g_free (job->url);
  ud_secret_free (job->token);
  g_free (job->notice);
  g_free (job);
}

static void
token_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  TokenJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *path = ud_sync_token_fallback_path ();
  g_autofree char *in_file = NULL;

  if (job->token != NULL && !ud_sync_token_save (job->url, job->token, &job->notice, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  found = ud_sync_token_load (job->url, &error);
  if (found == NULL)
    {
      job->place = TOKEN_NONE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The file holds it when its first line is this token. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    in_file = ud_sync_token_read_file (path, NULL);
  job->place = in_file != NULL && g_str_equal (in_file, found) ? TOKEN_FILE : TOKEN_KEYRING;
  g_clear_pointer (&found, ud_secret_free);
  g_clear_pointer (&in_file, ud_secret_free);

  g_task_return_boolean (task, TRUE);
}

static void
show_token_place (UdSyncPrefsPage *self,
                  TokenPlace       place)
{
  g_autofree char *path = ud_sync_token_fallback_path ();
  g_autofree char *text = NULL;

  switch (place)
    {
    case TOKEN_KEYRING:
      text = g_strdup (_("Kept in the desktop keyring"));
      break;
    case TOKEN_FILE:
      /* TRANSLATORS: %s is a file name */
      text = g_strdup_printf (_("No keyring runs on this computer: kept in the file %s, which only this account can read"), path);
      break;
    case TOKEN_NONE:
    default:
      text = g_strdup (_("No token yet: enter the token the city union issued for this office"));
      break;
    }
  adw_action_row_set_subtitle (self->token_state_row, text);
}

static void
token_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdSyncPrefsPage *self;
  TokenJob *job = g_task_get_task_data (G_TASK (result));
  gboolean saving = job->token != NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_SYNC_PREFS_PAGE (user_data);
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), TRUE);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Sync token: %s"), error->message);

      ud_widget_show_message (GTK_WIDGET (self), text);
      return;
    }

  show_token_place (self, job->place);
  if (saving)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
      ud_widget_show_message (GTK_WIDGET (self), job->notice != NULL ? job->notice : _("Sync token saved in the desktop keyring"));
    }
}

static void
run_token_job (UdSyncPrefsPage *self,
               const char      *token)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, token_done, self);
  TokenJob *job = g_new0 (TokenJob, 1);

  job->url = current_url (self);
  job->token = g_strdup (token);
  g_task_set_task_data (task, job, (GDestroyNotify) token_job_free);
  g_task_run_in_thread (task, token_thread);
}

static void
on_token_apply (UdSyncPrefsPage *self)
{
  g_autofree char *url = current_url (self);
  g_autofree char *token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row))));

  if (*url == '\0')
    {
      ud_widget_show_message (GTK_WIDGET (self), _("Sync token: enter the server address first; the token belongs to that server."));
      return;
    }
  if (*token == '\0')
    {
      ud_widget_show_message (GTK_WIDGET (self), _("Sync token: must not be empty."));
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), FALSE);
  run_token_job (self, token);
  g_clear_pointer (&token, ud_secret_free);
}

/* ---- the server ----------------------------------------------------------- */

static void
on_server_apply (UdSyncPrefsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  g_autofree char *url = NULL;

  if (*typed == '\0')
    {
      g_settings_set_string (self->settings, "sync-server-url", "");
      ud_widget_show_message (GTK_WIDGET (self), _("Sync turned off: no server address"));
      show_token_place (self, TOKEN_NONE);
      return;
    }

  url = ud_sync_normalize_server_url (typed, &error);
  if (url == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Server address: %s"), error->message);
      g_autofree char *old = current_url (self);

      ud_widget_show_message (GTK_WIDGET (self), text);
      gtk_editable_set_text (GTK_EDITABLE (self->server_row), old);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  g_settings_set_string (self->settings, "sync-server-url", url);
  ud_widget_show_message (GTK_WIDGET (self), _("Server address saved"));
  run_token_job (self, NULL);
}

/* ---- the certificate authority -------------------------------------------- */

static void
show_ca (UdSyncPrefsPage *self)
{
  g_autofree char *file = g_settings_get_string (self->settings, "sync-ca-file");

  adw_action_row_set_subtitle (self->ca_row, *file != '\0' ? file : _("The system’s certificate authorities"));
  gtk_widget_set_visible (self->ca_clear, *file != '\0');
}

static void
on_ca_chosen (GtkWidget *owner,
              GFile     *file)
{
  UdSyncPrefsPage *self = UD_SYNC_PREFS_PAGE (owner);
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    g_settings_set_string (self->settings, "sync-ca-file", path);
  show_ca (self);
}

static void
on_ca_choose (UdSyncPrefsPage *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Certificate Authority of the City Server"),
                                         window != NULL ? GTK_WINDOW (window) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.cer");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  ud_file_chooser_run (chooser, GTK_WIDGET (self), on_ca_chosen);
}

static void
on_ca_clear (UdSyncPrefsPage *self)
{
  g_settings_set_string (self->settings, "sync-ca-file", "");
  show_ca (self);
}

/* ---- widget --------------------------------------------------------------- */

static void
ud_sync_prefs_page_dispose (GObject *object)
{
  UdSyncPrefsPage *self = UD_SYNC_PREFS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ud_sync_prefs_page_parent_class)->dispose (object);
}

static void
ud_sync_prefs_page_finalize (GObject *object)
{
  UdSyncPrefsPage *self = UD_SYNC_PREFS_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ud_sync_prefs_page_parent_class)->finalize (object);
}

static void
ud_sync_prefs_page_class_init (UdSyncPrefsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ud_sync_prefs_page_dispose;
  object_class->finalize = ud_sync_prefs_page_finalize;
}

static void
ud_sync_prefs_page_init (UdSyncPrefsPage *self)
{
  AdwPreferencesGroup *group;
  GtkWidget *row;
  GtkWidget *button;
  g_autofree char *url = NULL;

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Sync"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "emblem-synchronizing-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "sync");

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("City Server"));
  adw_preferences_group_set_description (group,
                                         _("Changes made in this office are sent to the city union’s server, and the changes of the district’s other offices are fetched from it. The office keeps working without a connection."));

  self->server_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->server_row), _("Server address"));
  adw_entry_row_set_show_apply_button (self->server_row, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->server_row), 30);
  g_signal_connect_swapped (self->server_row, "apply", G_CALLBACK (on_server_apply), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->server_row));

  self->token_row = ADW_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row), _("Sync token"));
  adw_entry_row_set_show_apply_button (self->token_row, TRUE);
  g_signal_connect_swapped (self->token_row, "apply", G_CALLBACK (on_token_apply), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->token_row));

  self->token_state_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_state_row), _("Where the token is kept"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->token_state_row), FALSE);
  adw_action_row_set_subtitle_lines (self->token_state_row, 3);
  adw_preferences_group_add (group, GTK_WIDGET (self->token_state_row));

  self->ca_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->ca_row), _("Certificate authority"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->ca_row), FALSE);
  self->ca_clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_valign (self->ca_clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->ca_clear, "flat");
  gtk_widget_set_tooltip_text (self->ca_clear, _("Use the system’s certificate authorities"));
  g_signal_connect_swapped (self->ca_clear, "clicked", G_CALLBACK (on_ca_clear), self);
  adw_action_row_add_suffix (self->ca_row, self->ca_clear);
  button = gtk_button_new_with_mnemonic (_("C_hoose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_ca_choose), self);
  adw_action_row_add_suffix (self->ca_row, button);
  adw_preferences_group_add (group, GTK_WIDGET (self->ca_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Schedule"));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Minutes between syncs"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("0 syncs only at start and when asked (Ctrl+R or the state in the header bar)"));
  self->interval_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1440, 5));
  gtk_widget_set_valign (GTK_WIDGET (self->interval_spin), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->interval_spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->interval_spin));
  g_settings_bind (self->settings, "sync-interval-minutes", self->interval_spin, "value", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (group, row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);

  url = current_url (self);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  show_ca (self);
  show_token_place (self, TOKEN_NONE);
  if (*url != '\0')
    run_token_job (self, NULL);
}

GtkWidget *
ud_sync_prefs_page_new (UdDbWorker *worker)
{
  UdSyncPrefsPage *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_SYNC_PREFS_PAGE, NULL);
  self->worker = g_object_ref (worker);

  return GTK_WIDGET (self);
}
