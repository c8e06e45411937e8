/* ud-record-editor.c — the window of a register's form
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-record-editor.h"
#include "ud-record-table.h"
#include "ud-ui-util.h"

/* The frame every simple register's editor shares: the header bar with
 * Cancel and Save (Ctrl+S), a toast overlay, and the register's own
 * hand-made form, read from its GtkBuilder file; the form binder does the
 * rest.  A register with more to do than fill fields (a workflow, a
 * print) keeps an editor class of its own and uses the binder alone. */

struct _UdRecordEditor
{
  AdwWindow                 parent_instance;

  /* Template widgets */
  AdwWindowTitle           *window_title;
  AdwToastOverlay          *toast_overlay;

  /* Owned */
  GtkBuilder               *builder;
  UdFormBinder             *binder;
  UdDbWorker               *worker;

  const UdRecordEditorInfo *info;
};

G_DEFINE_FINAL_TYPE (UdRecordEditor, ud_record_editor, ADW_TYPE_WINDOW)

static void
update_save (UdRecordEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 ud_form_binder_get_can_save (self->binder));
}

static void
on_loaded (UdRecordEditor *self)
{
  UdRecord *record = ud_form_binder_get_record (self->binder);
  g_autofree char *title = NULL;

  if (record->id != 0)
    {
      title = ud_record_get_title (record);
      adw_window_title_set_title (self->window_title, _(self->info->edit_title));
      adw_window_title_set_subtitle (self->window_title, title);
    }

  if (self->info->loaded != NULL)
    self->info->loaded (self, self->worker, record);
}

static void
on_saved (UdRecordEditor *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    ud_widget_show_message (GTK_WIDGET (parent), _(self->info->saved_message));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ud_form_binder_save (UD_RECORD_EDITOR (widget)->binder);
}

static void
ud_record_editor_dispose (GObject *object)
{
  UdRecordEditor *self = UD_RECORD_EDITOR (object);

  g_clear_object (&self->binder);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_RECORD_EDITOR);
  g_clear_object (&self->builder);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_record_editor_parent_class)->dispose (object);
}

static void
ud_record_editor_class_init (UdRecordEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ud_record_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/widgets/ud-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, UdRecordEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdRecordEditor, toast_overlay);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
}

static void
ud_record_editor_init (UdRecordEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

UdRecordEditor *
ud_record_editor_new (UdDbWorker               *worker,
                      const UdRecordEditorInfo *info,
                      gint64                    id)
{
  UdRecordEditor *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (info != NULL && info->kind != NULL, NULL);

  self = g_object_new (UD_TYPE_RECORD_EDITOR, "title", _(info->new_title), NULL);
  self->info = info;
  self->worker = g_object_ref (worker);
  adw_window_title_set_title (self->window_title, _(info->new_title));

  /* The form's types (a record table in it) are the app's own. */
  g_type_ensure (UD_TYPE_RECORD_TABLE);
  self->builder = gtk_builder_new_from_resource (info->form_resource);
  adw_toast_overlay_set_child (self->toast_overlay,
                               GTK_WIDGET (gtk_builder_get_object (self->builder, "form")));

  self->binder = ud_form_binder_new (worker, info->kind, GTK_WIDGET (self));
  g_signal_connect_object (self->binder, "notify::can-save", G_CALLBACK (update_save), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->binder, "notify::loaded", G_CALLBACK (on_loaded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->binder, "saved", G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
  update_save (self);
  ud_form_binder_load (self->binder, id);

  return self;
}

UdFormBinder *
ud_record_editor_get_binder (UdRecordEditor *self)
{
  g_return_val_if_fail (UD_IS_RECORD_EDITOR (self), NULL);

  return self->binder;
}

GObject *
ud_record_editor_get_object (UdRecordEditor *self,
                             const char     *id)
{
  g_return_val_if_fail (UD_IS_RECORD_EDITOR (self), NULL);

  return gtk_builder_get_object (self->builder, id);
}
