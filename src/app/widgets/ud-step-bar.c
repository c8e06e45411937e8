/* ud-step-bar.c — the buttons of the workflow steps a record may take
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-step-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-step-bar.h"
#include "ud-workflow.h"

/* One button per step of the kind's workflow, made when the kind is
 * first seen, in the workflow's order; a record shows those that follow
 * from its state for the account signed in.  A button knows its step by
 * the data it carries and calls open_step() itself: GTK 4.8 parses no
 * "editor.step::submit" into an action and its target, which once left
 * the relief editor's buttons dead. */

struct _UdStepBar
{
  GtkBox           parent_instance;

  UdDbWorker      *worker;
  UdRecord        *record;
  GPtrArray       *choices;     /* UdStepChoice of the record */
  GPtrArray       *buttons;     /* GtkButton, one per step of the kind's workflow */
  const UdKind    *kind;        /* whose steps the buttons are */
  GCancellable    *cancellable;
  char            *blocked;
  UdStepBarFilter  filter;
  gpointer         filter_data;
  GDestroyNotify   filter_destroy;
  gboolean         ready;
};

G_DEFINE_FINAL_TYPE (UdStepBar, ud_step_bar, GTK_TYPE_BOX)

enum {
  DIALOG_OPENED,
  STEP_TAKEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const UdStepChoice *
find_choice (UdStepBar  *self,
             const char *step)
{
  for (guint i = 0; self->choices != NULL && i < self->choices->len; i++)
    {
      const UdStepChoice *choice = g_ptr_array_index (self->choices, i);

      if (g_str_equal (choice->step->name, step))
        return choice;
    }

  return NULL;
}

/* Whether the account has the step's permission: a choice refused only
 * for the separation of duties is still offered, and its dialog says
 * why it cannot be taken. */
static gboolean
has_permission (UdStepBar            *self,
                const UdWorkflowStep *step)
{
  return ud_db_worker_may (self->worker, step->permission) ||
         (step->has_other_permission && ud_db_worker_may (self->worker, step->other_permission));
}

static void
update (UdStepBar *self)
{
  gboolean first = TRUE;

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      const UdWorkflowStep *step = g_object_get_data (G_OBJECT (button), "ud-step");
      const UdStepChoice *choice = self->ready ? find_choice (self, step->name) : NULL;
      gboolean shown = choice != NULL && has_permission (self, step) &&
                       (self->filter == NULL || self->filter (self->record, step, self->filter_data));

      gtk_widget_set_visible (button, shown);
      gtk_widget_set_sensitive (button, self->blocked == NULL);
      gtk_widget_set_tooltip_text (button, self->blocked);
      /* The first step offered is the one the record usually takes. */
      if (shown && first)
        gtk_widget_add_css_class (button, "suggested-action");
      else
        gtk_widget_remove_css_class (button, "suggested-action");
      first = first && !shown;
    }
}

static void
on_dialog_done (UdStepBar *self,
                gpointer   record)
{
  g_signal_emit (self, signals[STEP_TAKEN], 0, record);
}

static void
open_step (UdStepBar            *self,
           const UdWorkflowStep *step)
{
  const UdStepChoice *choice = find_choice (self, step->name);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  UdStepDialog *dialog;

  g_return_if_fail (self->record != NULL && self->worker != NULL);

  dialog = ud_step_dialog_new (self->worker, self->record, step->name);
  if (choice != NULL && !choice->allowed)
    ud_step_dialog_set_refusal (dialog, choice->refusal);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done), self, G_CONNECT_SWAPPED);
  g_signal_emit (self, signals[DIALOG_OPENED], 0, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_clicked (GtkButton *button,
            UdStepBar *self)
{
  open_step (self, g_object_get_data (G_OBJECT (button), "ud-step"));
}

/* The buttons of @kind's steps, made once. */
static void
make_buttons (UdStepBar    *self,
              const UdKind *kind)
{
  if (self->kind == kind)
    return;

  for (guint i = 0; i < self->buttons->len; i++)
    gtk_box_remove (GTK_BOX (self), g_ptr_array_index (self->buttons, i));
  g_ptr_array_set_size (self->buttons, 0);
  self->kind = kind;

  for (guint i = 0; kind != NULL && kind->workflow != NULL && i < kind->workflow->n_steps; i++)
    {
      const UdWorkflowStep *step = &kind->workflow->steps[i];
      /* Translators: a workflow step's button, which opens its dialog: "Approve…" */
      g_autofree char *label = g_strdup_printf (_("%s…"), _(step->label));
      GtkWidget *button = gtk_button_new_with_label (label);
      GtkWidget *before = i > 0 ? g_ptr_array_index (self->buttons, i - 1) : NULL;

      g_object_set_data (G_OBJECT (button), "ud-step", (gpointer) step);
      gtk_widget_set_visible (button, FALSE);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_clicked), self, 0);
      /* The steps' buttons come first, the editor's own after them. */
      gtk_box_insert_child_after (GTK_BOX (self), button, before);
      g_ptr_array_add (self->buttons, button);
    }
}

static gpointer
list_job (UdDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  return ud_workflow_list_steps (db, data);
}

static void
list_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *choices;
  UdStepBar *self;

  choices = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_STEP_BAR (user_data);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  self->choices = choices;
  self->ready = TRUE;
  if (choices == NULL)
    g_warning ("The steps of %s could not be read: %s", self->record->uuid, error->message);
  update (self);
}

void
ud_step_bar_set_record (UdStepBar *self,
                        UdRecord  *record,
                        GPtrArray *choices)
{
  g_return_if_fail (UD_IS_STEP_BAR (self));
  g_return_if_fail (record == NULL || record->kind->workflow != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (record != NULL)
    ud_record_ref (record);
  g_clear_pointer (&self->record, ud_record_unref);
  self->record = record;
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  self->ready = FALSE;

  make_buttons (self, record != NULL ? record->kind : self->kind);

  if (record == NULL || record->id <= 0)
    self->ready = TRUE;
  else if (choices != NULL)
    {
      self->choices = g_ptr_array_ref (choices);
      self->ready = TRUE;
    }
  else
    {
      g_return_if_fail (self->worker != NULL);
      ud_db_worker_run_async (self->worker,
                              list_job, ud_record_ref (record), (GDestroyNotify) ud_record_unref,
                              (GDestroyNotify) g_ptr_array_unref,
                              self->cancellable,
                              list_done, self);
    }

  update (self);
}

void
ud_step_bar_set_worker (UdStepBar  *self,
                        UdDbWorker *worker)
{
  g_return_if_fail (UD_IS_STEP_BAR (self));
  g_return_if_fail (worker == NULL || UD_IS_DB_WORKER (worker));

  g_set_object (&self->worker, worker);
}

void
ud_step_bar_set_blocked (UdStepBar  *self,
                         const char *reason)
{
  g_return_if_fail (UD_IS_STEP_BAR (self));

  if (g_strcmp0 (self->blocked, reason) == 0)
    return;
  g_free (self->blocked);
  self->blocked = g_strdup (reason);
  update (self);
}

void
ud_step_bar_set_filter (UdStepBar       *self,
                        UdStepBarFilter  filter,
                        gpointer         user_data,
                        GDestroyNotify   destroy)
{
  g_return_if_fail (UD_IS_STEP_BAR (self));

  if (self->filter_destroy != NULL)
    self->filter_destroy (self->filter_data);
  self->filter = filter;
  self->filter_data = user_data;
  self->filter_destroy = destroy;
  update (self);
}

gboolean
ud_step_bar_get_ready (UdStepBar *self)
{
  g_return_val_if_fail (UD_IS_STEP_BAR (self), FALSE);

  return self->ready;
}

guint
ud_step_bar_get_n_shown (UdStepBar *self)
{
  guint n = 0;

  g_return_val_if_fail (UD_IS_STEP_BAR (self), 0);

  for (guint i = 0; i < self->buttons->len; i++)
    if (gtk_widget_get_visible (g_ptr_array_index (self->buttons, i)))
      n++;

  return n;
}

/* GObject ---------------------------------------------------------------- */

static void
ud_step_bar_dispose (GObject *object)
{
  UdStepBar *self = (UdStepBar *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->worker);
  if (self->filter_destroy != NULL)
    self->filter_destroy (self->filter_data);
  self->filter = NULL;
  self->filter_destroy = NULL;

  G_OBJECT_CLASS (ud_step_bar_parent_class)->dispose (object);
}

static void
ud_step_bar_finalize (GObject *object)
{
  UdStepBar *self = (UdStepBar *)object;

  g_clear_pointer (&self->record, ud_record_unref);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->blocked);

  G_OBJECT_CLASS (ud_step_bar_parent_class)->finalize (object);
}

static void
ud_step_bar_class_init (UdStepBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ud_step_bar_dispose;
  object_class->finalize = ud_step_bar_finalize;

  /**
   * UdStepBar::dialog-opened:
   * @dialog: the UdStepDialog, not shown yet
   *
   * A step's button was pressed: the editor adds to the dialog what is
   * particular to its register.
   */
  signals[DIALOG_OPENED] =
    g_signal_new ("dialog-opened",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, UD_TYPE_STEP_DIALOG);

  /**
   * UdStepBar::step-taken:
   * @record: (type gpointer): the record as stored, a UdRecord
   *
   * A step was recorded.
   */
  signals[STEP_TAKEN] =
    g_signal_new ("step-taken",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
ud_step_bar_init (UdStepBar *self)
{
  self->buttons = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_END);
}

UdStepBar *
ud_step_bar_new (void)
{
  return g_object_new (UD_TYPE_STEP_BAR, NULL);
}
