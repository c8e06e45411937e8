/* ud-child-dialog.c — one record belonging to a hardship archive: a household member, a visit
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-child-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-child-dialog.h"

/* A household is saved with its archive in one transaction
 * (ud_hardship_archive_save()) and a visit by the editor
 * (ud_hardship_visit_add()), so this dialog only checks the record as
 * typed — each field, then the whole record on the worker — and hands
 * it back. */

struct _UdChildDialog
{
  AdwWindow     parent_instance;

  GtkBuilder   *builder;
  UdFormBinder *binder;
};

G_DEFINE_FINAL_TYPE (UdChildDialog, ud_child_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_done (UdChildDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "child.done",
                                 ud_form_binder_get_can_save (self->binder));
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UdChildDialog *self = UD_CHILD_DIALOG (widget);
  g_autoptr(UdRecord) record = NULL;

  if (!ud_form_binder_get_can_save (self->binder) ||
      (record = ud_form_binder_build_record (self->binder)) == NULL)
    return;

  /* The derived fields: a person's birth date (and so the age) from the
   * ID number, a visit's next one. */
  ud_record_check (record, NULL);
  g_signal_emit (self, signals[DONE], 0, record);
  gtk_window_close (GTK_WINDOW (self));
}

static void
ud_child_dialog_dispose (GObject *object)
{
  UdChildDialog *self = UD_CHILD_DIALOG (object);

  g_clear_object (&self->binder);
  g_clear_object (&self->builder);

  G_OBJECT_CLASS (ud_child_dialog_parent_class)->dispose (object);
}

static void
ud_child_dialog_class_init (UdChildDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ud_child_dialog_dispose;

  gtk_widget_class_install_action (widget_class, "child.done", NULL, done_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /**
   * UdChildDialog::done:
   * @record: the record as typed (UdRecord)
   */
  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
ud_child_dialog_init (UdChildDialog *self)
{
}

UdChildDialog *
ud_child_dialog_new (UdDbWorker   *worker,
                     const UdKind *kind,
                     const char   *form_resource,
                     const char   *title,
                     const char   *done_label,
                     UdRecord     *record)
{
  UdChildDialog *self;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *cancel;
  GtkWidget *done;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (record != NULL && record->kind == kind, NULL);

  self = g_object_new (UD_TYPE_CHILD_DIALOG,
                       "modal", TRUE,
                       "default-width", 520,
                       "default-height", 620,
                       "title", title,
                       NULL);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  done = gtk_button_new_with_mnemonic (done_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "child.done");
  gtk_widget_add_css_class (done, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), done);

  self->builder = gtk_builder_new_from_resource (form_resource);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (GTK_WIDGET (gtk_builder_get_object (self->builder, "form")), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (gtk_builder_get_object (self->builder, "form")));
  adw_window_set_content (ADW_WINDOW (self), box);

  self->binder = ud_form_binder_new (worker, kind, GTK_WIDGET (self));
  g_signal_connect_object (self->binder, "notify::can-save", G_CALLBACK (update_done), self, G_CONNECT_SWAPPED);
  ud_form_binder_set_record (self->binder, record);
  update_done (self);

  return self;
}

UdFormBinder *
ud_child_dialog_get_binder (UdChildDialog *self)
{
  g_return_val_if_fail (UD_IS_CHILD_DIALOG (self), NULL);

  return self->binder;
}
