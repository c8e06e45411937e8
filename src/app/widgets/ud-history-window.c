/* ud-history-window.c — the history of one record, from the audit trail
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-history-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-history-window.h"
#include "ud-audit-item.h"

/* Read on the worker with ud_audit_record_history(), which checks that
 * the signed-in account may see the record.  One row per entry: what
 * changed, then when, who and the action.  Identifiers stay masked for
 * those who may not see them whole. */

struct _UdHistoryWindow
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  GtkListBox     *list;
  AdwStatusPage  *status_page;

  /* Owned */
  UdDbWorker     *worker;
  GCancellable   *cancellable;

  guint           n_entries;
  gboolean        loaded;
  gboolean        masked;
};

G_DEFINE_FINAL_TYPE (UdHistoryWindow, ud_history_window, ADW_TYPE_WINDOW)

typedef struct
{
  char *kind;
  char *uuid;
} HistoryData;

static void
history_data_free (gpointer data)
{
  HistoryData *history = data;

  g_free (history->kind);
  g_free (history->uuid);
  g_free (history);
}

static gpointer
history_job (UdDatabase   *db,
             gpointer      data,
             GCancellable *cancellable,
             GError      **error)
{
  HistoryData *history = data;

  return ud_audit_record_history (db, history->kind, history->uuid, error);
}

static GtkWidget *
entry_row (UdHistoryWindow    *self,
           const UdAuditEntry *entry)
{
  g_autofree char *when = ud_audit_format_time (entry->at);
  g_autofree char *who = ud_audit_format_actor (entry);
  g_autofree char *change = ud_audit_format_change (entry, self->masked);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (entry->field != NULL)
    /* Translators: a field's name, then "old → new" */
    title = g_strdup_printf (_("%s: %s"), ud_audit_format_field (entry), change);
  else if (change[0] != '\0')
    /* Translators: an action ("Create"), then its detail */
    title = g_strdup_printf (_("%s: %s"), ud_audit_action_label (entry->action), change);
  else
    title = g_strdup (ud_audit_action_label (entry->action));
  /* Translators: when, who, and the action, e.g. "2026-12-02 14:05:09 · 李明 (liming) · Update" */
  subtitle = g_strdup_printf (_("%s · %s · %s"), when, who, ud_audit_action_label (entry->action));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);

  return row;
}

static void
history_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  UdHistoryWindow *self;

  entries = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_HISTORY_WINDOW (user_data);
  gtk_spinner_stop (self->spinner);
  self->loaded = TRUE;

  if (entries == NULL)
    {
      adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->status_page, _("The History Cannot Be Read"));
      adw_status_page_set_description (self->status_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->n_entries = entries->len;
  if (entries->len == 0)
    {
      adw_status_page_set_description (self->status_page, _("Nothing has been recorded for this record yet."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->list, entry_row (self, g_ptr_array_index (entries, i)));
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
ud_history_window_dispose (GObject *object)
{
  UdHistoryWindow *self = (UdHistoryWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_HISTORY_WINDOW);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_history_window_parent_class)->dispose (object);
}

static void
ud_history_window_finalize (GObject *object)
{
  UdHistoryWindow *self = (UdHistoryWindow *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ud_history_window_parent_class)->finalize (object);
}

static void
ud_history_window_class_init (UdHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_history_window_dispose;
  object_class->finalize = ud_history_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/widgets/ud-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UdHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, UdHistoryWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, UdHistoryWindow, list);
  gtk_widget_class_bind_template_child (widget_class, UdHistoryWindow, status_page);
}

static void
ud_history_window_init (UdHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

UdHistoryWindow *
ud_history_window_new (UdDbWorker *worker,
                       const char *kind,
                       const char *uuid,
                       const char *title)
{
  UdHistoryWindow *self;
  HistoryData *history;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  self = g_object_new (UD_TYPE_HISTORY_WINDOW, NULL);
  self->worker = g_object_ref (worker);
  self->masked = !ud_db_worker_may (worker, UD_PERMISSION_SEE_FULL_IDS);
  if (title != NULL)
    adw_window_title_set_subtitle (self->window_title, title);

  history = g_new0 (HistoryData, 1);
  history->kind = g_strdup (kind);
  history->uuid = g_strdup (uuid);

  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->spinner);
  ud_db_worker_run_async (worker,
                          history_job, history, history_data_free,
                          (GDestroyNotify) g_ptr_array_unref,
                          self->cancellable,
                          history_done, self);

  return self;
}

gboolean
ud_history_window_get_loaded (UdHistoryWindow *self)
{
  g_return_val_if_fail (UD_IS_HISTORY_WINDOW (self), FALSE);

  return self->loaded;
}

guint
ud_history_window_get_n_entries (UdHistoryWindow *self)
{
  g_return_val_if_fail (UD_IS_HISTORY_WINDOW (self), 0);

  return self->n_entries;
}
