/* ud-sync-controller.c — when and how the app syncs with the city server
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-sync-controller"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-sync-client.h"
#include "ud-sync-controller.h"
#include "ud-sync-token.h"

/* A failed sync is tried again after a minute, doubled each time, at most
 * the interval (or an hour when syncing is manual only: a failure at
 * start is still retried). */
#define RETRY_FIRST_MS  (60 * 1000)
#define RETRY_MANUAL_MS (60 * 60 * 1000)

struct _UdSyncController
{
  GObject        parent_instance;

  UdDbWorker    *worker;
  GSettings     *settings;
  GCancellable  *cancellable;    /* of the sync running; NULL when none runs */
  GCancellable  *life;           /* cancelled at dispose */
  guint          timer;
  guint          failures;
  gboolean       started;
  gboolean       stopped;

  gint64         pending;
  gint64         open_conflicts;
  char          *status_text;
  char          *error_message;
  char          *error_title;
  char          *last_success;
};

G_DEFINE_FINAL_TYPE (UdSyncController, ud_sync_controller, G_TYPE_OBJECT)

enum {
  SIGNAL_SYNCED,
  SIGNAL_STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (UdSyncController *self);

/* ---- texts ---------------------------------------------------------------- */

char *
ud_sync_format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (iso == NULL)
    return NULL;

  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  now = g_date_time_new_now_local ();

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%H:%M");

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

char *
ud_sync_controller_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == UD_SYNC_ERROR)
    {
      switch ((UdSyncError) error->code)
        {
        case UD_SYNC_ERROR_NOT_CONFIGURED:
          return g_strdup (_("Sync is not set up"));
        case UD_SYNC_ERROR_INVALID_URL:
        case UD_SYNC_ERROR_INSECURE:
          return g_strdup (_("Server address not usable"));
        case UD_SYNC_ERROR_UNREACHABLE:
          return g_strdup (_("Server unreachable"));
        case UD_SYNC_ERROR_CERTIFICATE:
          return g_strdup (_("Certificate not trusted"));
        case UD_SYNC_ERROR_TOKEN_REFUSED:
          return g_strdup (_("Token refused"));
        case UD_SYNC_ERROR_FORBIDDEN:
        case UD_SYNC_ERROR_WRONG_DISTRICT:
          return g_strdup (_("Token of another district"));
        case UD_SYNC_ERROR_SERVER_TOO_OLD:
          return g_strdup (_("Server too old"));
        case UD_SYNC_ERROR_CLIENT_TOO_OLD:
          return g_strdup (_("UnionDesk too old for the server"));
        case UD_SYNC_ERROR_SERVER:
        case UD_SYNC_ERROR_BAD_ANSWER:
          return g_strdup (_("Server error"));
        case UD_SYNC_ERROR_REFUSED:
        default:
          return g_strdup (_("Sync refused"));
        }
    }
  if (error->domain == UD_SYNC_TOKEN_ERROR)
    return g_strdup (_("Sync token not readable"));

  return g_strdup (_("Sync failed"));
}

/* ---- state ---------------------------------------------------------------- */

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static char *
server_url (UdSyncController *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "sync-server-url");

  return g_strstrip (g_steal_pointer (&url));
}

static void
update_idle_text (UdSyncController *self)
{
  g_autofree char *url = server_url (self);

  if (*url == '\0')
    set_text (&self->status_text, _("Sync not set up"));
  else if (self->last_success != NULL)
    {
      g_autofree char *when = ud_sync_format_time (self->last_success);

      g_free (self->status_text);
      /* TRANSLATORS: %s is a time, e.g. 14:05 or 2024-09-01 14:05 */
      self->status_text = g_strdup_printf (_("Synced %s"), when);
    }
  else
    set_text (&self->status_text, _("Never synced"));
}

static void
take_status (UdSyncController *self,
             UdSyncStatus     *status)
{
  self->pending = status->pending;
  self->open_conflicts = status->open_conflicts;
  set_text (&self->last_success, status->last_success_at);
  if (self->cancellable == NULL)
    {
      /* What the log says of the last attempt (another run, the CLI). */
      if (g_strcmp0 (self->error_message, status->last_error) != 0)
        {
          set_text (&self->error_message, status->last_error);
          set_text (&self->error_title, status->last_error != NULL ? _("Sync failed") : NULL);
        }
      update_idle_text (self);
    }
}

static void
state_changed (UdSyncController *self)
{
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0);
}

static gpointer
load_status_job (UdDatabase    *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return ud_sync_status_load (db, error);
}

static void
load_status_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(UdSyncController) self = user_data;
  g_autoptr(UdSyncStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = ud_db_worker_run_finish (result, &error);
  if (status == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the sync state: %s", error->message);
      return;
    }

  take_status (self, status);
  state_changed (self);
}

void
ud_sync_controller_refresh (UdSyncController *self)
{
  g_return_if_fail (UD_IS_SYNC_CONTROLLER (self));

  ud_db_worker_run_async (self->worker, load_status_job, NULL, NULL,
                          (GDestroyNotify) ud_sync_status_free, self->life,
                          load_status_done, g_object_ref (self));
}

/* ---- one sync, on a thread ------------------------------------------------ */

typedef struct
{
  UdSyncController *self;    /* a reference */
  UdDbWorker       *worker;
  char             *url;
  char             *ca_file;
  UdSyncSummary     summary;
  UdSyncStatus     *status;
} SyncJob;

static void
sync_job_free (SyncJob *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->worker);
  g_free (job->url);
  g_free (job->ca_file);
  g_clear_pointer (&job->status, ud_sync_status_free);
  g_free (job);
}

typedef struct
{
  UdSyncController *self;
  UdSyncPhase       phase;
  guint             done;
  guint             total;
} Progress;

static gboolean
progress_idle (gpointer data)
{
  Progress *progress = data;
  UdSyncController *self = progress->self;

  if (self->cancellable == NULL)
    return G_SOURCE_REMOVE;

  g_free (self->status_text);
  switch (progress->phase)
    {
    case UD_SYNC_PHASE_CONNECT:
      self->status_text = g_strdup (_("Connecting…"));
      break;
    case UD_SYNC_PHASE_PUSH:
      /* TRANSLATORS: changes sent to the city server, e.g. "Sending 120 of 500" */
      self->status_text = g_strdup_printf (_("Sending %u of %u"), progress->done, progress->total);
      break;
    case UD_SYNC_PHASE_PULL:
      self->status_text = g_strdup_printf (ngettext ("Received %u change", "Received %u changes", progress->done),
                                           progress->done);
      break;
    case UD_SYNC_PHASE_WAIT:
      self->status_text = g_strdup (_("Trying again…"));
      break;
    case UD_SYNC_PHASE_DONE:
    default:
      self->status_text = g_strdup (_("Finishing…"));
      break;
    }
  state_changed (self);

  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->self);
  g_free (progress);
}

static void
on_client_progress (UdSyncClient *client,
                    UdSyncPhase   phase,
                    guint         done,
                    guint         total,
                    SyncJob      *job)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (job->self);
  progress->phase = phase;
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_idle, progress,
                              (GDestroyNotify) progress_free);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SyncJob *job = task_data;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  gboolean ok;

  db = ud_db_worker_open_connection (job->worker, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  token = ud_sync_token_load (job->url, &error);
  if (token == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, UD_SYNC_ERROR, UD_SYNC_ERROR_NOT_CONFIGURED,
                             _("This office has no sync token for this server yet. Enter the token the city union issued in Preferences."));
      job->status = ud_sync_status_load (db, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  client = ud_sync_client_new (db, job->url, token);
  if (job->ca_file != NULL && *job->ca_file != '\0')
    ud_sync_client_set_ca_file (client, job->ca_file);
  g_signal_connect (client, "progress", G_CALLBACK (on_client_progress), job);

  ok = ud_sync_client_run (client, &job->summary, cancellable, &error);
  g_signal_handlers_disconnect_by_func (client, on_client_progress, job);
  job->status = ud_sync_status_load (db, NULL);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static gpointer
follow_clock_job (UdDatabase    *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return ud_sync_follow_clock (db, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
follow_clock_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (ud_db_worker_run_finish (result, &error) == NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot follow the sync's clock: %s", error->message);
}

static void
sync_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  UdSyncController *self = UD_SYNC_CONTROLLER (object);
  SyncJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean cancelled;

  g_task_propagate_boolean (G_TASK (result), &error);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_clear_object (&self->cancellable);

  if (job->status != NULL)
    take_status (self, job->status);

  if (error == NULL || cancelled)
    {
      self->failures = error == NULL ? 0 : self->failures;
      g_clear_pointer (&self->error_message, g_free);
      g_clear_pointer (&self->error_title, g_free);
    }
  else
    {
      self->failures++;
      set_text (&self->error_message, error->message);
      g_free (self->error_title);
      self->error_title = ud_sync_controller_describe_error (error);
    }
  update_idle_text (self);

  /* Edits made through the worker's connection sort after what came in. */
  if (!cancelled && g_cancellable_is_cancelled (self->life) == FALSE)
    ud_db_worker_run_async (self->worker, follow_clock_job, NULL, NULL, NULL, self->life,
                            follow_clock_done, NULL);

  state_changed (self);
  g_signal_emit (self, signals[SIGNAL_SYNCED], 0, job->summary.applied);
  /* What came in may be on screen anywhere. */
  if (job->summary.applied > 0)
    ud_db_worker_notify_records_changed (self->worker, NULL);

  if (!cancelled)
    schedule (self);
}

void
ud_sync_controller_sync_now (UdSyncController *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  SyncJob *job;

  g_return_if_fail (UD_IS_SYNC_CONTROLLER (self));

  if (self->cancellable != NULL || self->stopped)
    return;

  g_clear_handle_id (&self->timer, g_source_remove);

  url = server_url (self);
  if (*url == '\0')
    {
      update_idle_text (self);
      set_text (&self->error_message, NULL);
      state_changed (self);
      return;
    }

  job = g_new0 (SyncJob, 1);
  job->self = g_object_ref (self);
  job->worker = g_object_ref (self->worker);
  job->url = g_steal_pointer (&url);
  job->ca_file = g_settings_get_string (self->settings, "sync-ca-file");

  self->cancellable = g_cancellable_new ();
  set_text (&self->status_text, _("Connecting…"));
  state_changed (self);

  task = g_task_new (self, self->cancellable, sync_done, NULL);
  g_task_set_source_tag (task, ud_sync_controller_sync_now);
  g_task_set_task_data (task, job, (GDestroyNotify) sync_job_free);
  g_task_run_in_thread (task, sync_thread);
}

void
ud_sync_controller_cancel (UdSyncController *self)
{
  g_return_if_fail (UD_IS_SYNC_CONTROLLER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

void
ud_sync_controller_stop (UdSyncController *self)
{
  g_return_if_fail (UD_IS_SYNC_CONTROLLER (self));

  self->started = TRUE;
  self->stopped = TRUE;
  g_clear_handle_id (&self->timer, g_source_remove);
  ud_sync_controller_cancel (self);
}

/* ---- when ----------------------------------------------------------------- */

static gboolean
on_timer (gpointer data)
{
  UdSyncController *self = data;

  self->timer = 0;
  ud_sync_controller_sync_now (self);

  return G_SOURCE_REMOVE;
}

/* The next sync: after the interval, or sooner with back-off after a
 * failure that may pass by itself. */
static void
schedule (UdSyncController *self)
{
  guint minutes = g_settings_get_uint (self->settings, "sync-interval-minutes");
  g_autofree char *url = server_url (self);
  guint delay_ms = 0;

  g_clear_handle_id (&self->timer, g_source_remove);

  if (!self->started || self->stopped || *url == '\0')
    return;

  if (self->failures > 0)
    {
      guint max_ms = minutes > 0 ? minutes * 60 * 1000 : RETRY_MANUAL_MS;

      delay_ms = ud_sync_backoff_delay (self->failures, RETRY_FIRST_MS, max_ms);
    }
  else if (minutes > 0)
    delay_ms = minutes * 60 * 1000;

  if (delay_ms > 0)
    self->timer = g_timeout_add (delay_ms, on_timer, self);
}

static void
on_settings_changed (GSettings        *settings,
                     const char       *key,
                     UdSyncController *self)
{
  if (g_str_equal (key, "sync-server-url"))
    {
      self->failures = 0;
      set_text (&self->error_message, NULL);
      update_idle_text (self);
      state_changed (self);
    }
  if (self->cancellable == NULL)
    schedule (self);
}

void
ud_sync_controller_start (UdSyncController *self)
{
  g_return_if_fail (UD_IS_SYNC_CONTROLLER (self));

  if (self->started)
    return;
  self->started = TRUE;
  ud_sync_controller_sync_now (self);
}

/* ---- actions -------------------------------------------------------------- */

static void
sync_now_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ud_sync_controller_sync_now (UD_SYNC_CONTROLLER (user_data));
}

static void
cancel_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ud_sync_controller_cancel (UD_SYNC_CONTROLLER (user_data));
}

void
ud_sync_controller_attach (UdSyncController *self,
                           GtkWidget        *window)
{
  static const GActionEntry entries[] = {
    { "now", sync_now_activated, NULL, NULL, NULL, { 0 } },
    { "cancel", cancel_activated, NULL, NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkEventController *shortcuts;

  g_return_if_fail (UD_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (GTK_IS_WIDGET (window));

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (window, "sync", G_ACTION_GROUP (group));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>r|F5"),
                                                          gtk_named_action_new ("sync.now")));
  gtk_widget_add_controller (window, shortcuts);
}

/* ---- object --------------------------------------------------------------- */

static void
ud_sync_controller_dispose (GObject *object)
{
  UdSyncController *self = UD_SYNC_CONTROLLER (object);

  g_cancellable_cancel (self->life);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ud_sync_controller_parent_class)->dispose (object);
}

static void
ud_sync_controller_finalize (GObject *object)
{
  UdSyncController *self = UD_SYNC_CONTROLLER (object);

  g_clear_object (&self->worker);
  g_clear_object (&self->life);
  g_clear_object (&self->cancellable);
  g_free (self->status_text);
  g_free (self->error_message);
  g_free (self->error_title);
  g_free (self->last_success);

  G_OBJECT_CLASS (ud_sync_controller_parent_class)->finalize (object);
}

static void
ud_sync_controller_class_init (UdSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ud_sync_controller_dispose;
  object_class->finalize = ud_sync_controller_finalize;

  signals[SIGNAL_SYNCED] =
    g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ud_sync_controller_init (UdSyncController *self)
{
  self->life = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_signal_connect (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
}

UdSyncController *
ud_sync_controller_new (UdDbWorker *worker)
{
  UdSyncController *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_SYNC_CONTROLLER, NULL);
  self->worker = g_object_ref (worker);
  update_idle_text (self);
  ud_sync_controller_refresh (self);

  return self;
}

UdDbWorker *
ud_sync_controller_get_worker (UdSyncController *self)
{
  g_return_val_if_fail (UD_IS_SYNC_CONTROLLER (self), NULL);
  return self->worker;
}

gboolean
ud_sync_controller_get_busy (UdSyncController *self)
{
  g_return_val_if_fail (UD_IS_SYNC_CONTROLLER (self), FALSE);
  return self->cancellable != NULL;
}

gboolean
ud_sync_controller_get_configured (UdSyncController *self)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (UD_IS_SYNC_CONTROLLER (self), FALSE);
  url = server_url (self);
  return *url != '\0';
}

gint64
ud_sync_controller_get_pending (UdSyncController *self)
{
  g_return_val_if_fail (UD_IS_SYNC_CONTROLLER (self), 0);
  return self->pending;
}

gint64
ud_sync_controller_get_open_conflicts (UdSyncController *self)
{
  g_return_val_if_fail (UD_IS_SYNC_CONTROLLER (self), 0);
  return self->open_conflicts;
}

const char *
ud_sync_controller_get_status_text (UdSyncController *self)
{
  g_return_val_if_fail (UD_IS_SYNC_CONTROLLER (self), NULL);
  return self->status_text;
}

const char *
ud_sync_controller_get_error_message (UdSyncController *self)
{
  g_return_val_if_fail (UD_IS_SYNC_CONTROLLER (self), NULL);
  return self->error_message;
}

const char *
ud_sync_controller_get_error_title (UdSyncController *self)
{
  g_return_val_if_fail (UD_IS_SYNC_CONTROLLER (self), NULL);
  return self->error_title;
}

const char *
ud_sync_controller_get_last_success (UdSyncController *self)
{
  g_return_val_if_fail (UD_IS_SYNC_CONTROLLER (self), NULL);
  return self->last_success;
}
