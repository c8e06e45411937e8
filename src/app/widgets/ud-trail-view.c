/* ud-trail-view.c — the workflow trail of a record, for any kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-trail-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-trail-view.h"
#include "ud-trail.h"
#include "ud-ui-util.h"
#include "ud-workflow.h"

struct _UdTrailView
{
  AdwPreferencesGroup  parent_instance;

  UdDbWorker          *worker;
  const UdKind        *kind;
  char                *uuid;
  GPtrArray           *rows;
  GCancellable        *cancellable;
  gboolean             loaded;
};

G_DEFINE_FINAL_TYPE (UdTrailView, ud_trail_view, ADW_TYPE_PREFERENCES_GROUP)

static void
clear_rows (UdTrailView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

/* What one step says under its name: who recorded it and when, the
 * opinion, and who signed it on paper on which date (or the date it
 * carries, a payment's day). */
static char *
describe (const UdTrailStep *step)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *when = ud_format_local_time (step->at, "%Y-%m-%d %H:%M");
  g_autofree char *typed_on = ud_format_local_time (step->at, "%Y-%m-%d");

  /* Translators: who recorded a step, and when */
  g_string_append_printf (subtitle, _("%s, %s"),
                          step->actor_name != NULL && *step->actor_name != '\0' ? step->actor_name : step->actor,
                          when != NULL ? when : "");
  if (step->opinion != NULL && *step->opinion != '\0')
    g_string_append_printf (subtitle, "\n“%s”", step->opinion);
  if (step->signer != NULL && *step->signer != '\0')
    {
      g_string_append_c (subtitle, '\n');
      /* Translators: who signed the opinion on paper, and the date */
      g_string_append_printf (subtitle, _("Signed by %s on %s"), step->signer,
                              step->signed_on != NULL && *step->signed_on != '\0' ? step->signed_on : "—");
    }
  else if (step->signed_on != NULL && *step->signed_on != '\0' && g_strcmp0 (step->signed_on, typed_on) != 0)
    {
      g_string_append_c (subtitle, '\n');
      /* Translators: the date written on the paper, other than the day it was typed */
      g_string_append_printf (subtitle, _("Dated %s on paper"), step->signed_on);
    }

  return g_string_free (g_steal_pointer (&subtitle), FALSE);
}

static void
fill (UdTrailView *self,
      GPtrArray   *steps)
{
  clear_rows (self);

  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      const UdTrailStep *step = g_ptr_array_index (steps, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = describe (step);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     ud_workflow_trail_label (self->kind->workflow, step->step));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

typedef struct
{
  const UdKind *kind;
  char         *uuid;
} ReadData;

static void
read_data_free (gpointer data)
{
  ReadData *read = data;

  g_free (read->uuid);
  g_free (read);
}

static gpointer
read_job (UdDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  ReadData *read = data;

  return ud_trail_list (db, read->kind, read->uuid, error);
}

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  UdTrailView *self;

  steps = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_TRAIL_VIEW (user_data);
  self->loaded = TRUE;
  if (steps == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      clear_rows (self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  fill (self, steps);
}

static void
read_again (UdTrailView *self)
{
  ReadData *read;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loaded = FALSE;

  if (self->uuid == NULL || self->worker == NULL)
    {
      clear_rows (self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      self->loaded = TRUE;
      return;
    }

  read = g_new0 (ReadData, 1);
  read->kind = self->kind;
  read->uuid = g_strdup (self->uuid);
  ud_db_worker_run_async (self->worker,
                          read_job, read, read_data_free,
                          (GDestroyNotify) g_ptr_array_unref,
                          self->cancellable,
                          read_done, self);
}

static void
on_records_changed (UdDbWorker  *worker,
                    const char  *kind,
                    UdTrailView *self)
{
  if (self->kind != NULL && self->uuid != NULL && ud_db_worker_kind_changed (self->kind->name, kind))
    read_again (self);
}

void
ud_trail_view_set_worker (UdTrailView *self,
                          UdDbWorker  *worker)
{
  g_return_if_fail (UD_IS_TRAIL_VIEW (self));
  g_return_if_fail (worker == NULL || UD_IS_DB_WORKER (worker));

  if (self->worker == worker)
    return;
  if (self->worker != NULL)
    g_signal_handlers_disconnect_by_func (self->worker, on_records_changed, self);
  g_set_object (&self->worker, worker);
  if (worker != NULL)
    g_signal_connect_object (worker, "records-changed", G_CALLBACK (on_records_changed), self, 0);
}

void
ud_trail_view_set_record (UdTrailView  *self,
                          const UdKind *kind,
                          const char   *uuid)
{
  g_return_if_fail (UD_IS_TRAIL_VIEW (self));
  g_return_if_fail (uuid == NULL || (kind != NULL && kind->workflow != NULL));

  self->kind = kind;
  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  read_again (self);
}

gboolean
ud_trail_view_get_loaded (UdTrailView *self)
{
  g_return_val_if_fail (UD_IS_TRAIL_VIEW (self), FALSE);

  return self->loaded;
}

guint
ud_trail_view_get_n_steps (UdTrailView *self)
{
  g_return_val_if_fail (UD_IS_TRAIL_VIEW (self), 0);

  return self->rows->len;
}

/* GObject ---------------------------------------------------------------- */

static void
ud_trail_view_dispose (GObject *object)
{
  UdTrailView *self = (UdTrailView *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->worker != NULL)
    g_signal_handlers_disconnect_by_func (self->worker, on_records_changed, self);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_trail_view_parent_class)->dispose (object);
}

static void
ud_trail_view_finalize (GObject *object)
{
  UdTrailView *self = (UdTrailView *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->uuid);

  G_OBJECT_CLASS (ud_trail_view_parent_class)->finalize (object);
}

static void
ud_trail_view_class_init (UdTrailViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ud_trail_view_dispose;
  object_class->finalize = ud_trail_view_finalize;
}

static void
ud_trail_view_init (UdTrailView *self)
{
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Trail"));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

UdTrailView *
ud_trail_view_new (void)
{
  return g_object_new (UD_TYPE_TRAIL_VIEW, NULL);
}
