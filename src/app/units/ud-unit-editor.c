/* ud-unit-editor.c — the form of one grassroots union, and its members
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-unit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-unit-editor.h"
#include "ud-unit-kind.h"
#include "ud-ui-util.h"

/* The template lays the rows out; the form binder fills and checks them
 * (the credit code's GB 32100 check digit is its field type's) and saves.
 * What is particular: the list of the unit's members under the form. */

struct _UdUnitEditor
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkWidget      *members_group;
  UdRecordTable  *members;
  UdFormBinder   *binder;
  UdDbWorker     *worker;
};

G_DEFINE_FINAL_TYPE (UdUnitEditor, ud_unit_editor, ADW_TYPE_WINDOW)

static void
update_save (UdUnitEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 ud_form_binder_get_can_save (self->binder));
}

static void
on_loaded (UdUnitEditor *self)
{
  UdRecord *unit = ud_form_binder_get_record (self->binder);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, unit->id);

  if (unit->id == 0)
    return;

  adw_window_title_set_title (self->window_title, _("Edit Unit"));
  adw_window_title_set_subtitle (self->window_title, ud_record_get (unit, "name"));
  ud_record_table_set_fixed_filter (self->members, "unit", id);
  ud_record_table_set_worker (self->members, self->worker);
  gtk_widget_set_visible (self->members_group, TRUE);
}

static void
on_saved (UdUnitEditor *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    ud_widget_show_message (GTK_WIDGET (parent), _("Unit saved"));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ud_form_binder_save (UD_UNIT_EDITOR (widget)->binder);
}

static void
ud_unit_editor_dispose (GObject *object)
{
  UdUnitEditor *self = UD_UNIT_EDITOR (object);

  g_clear_object (&self->binder);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_UNIT_EDITOR);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_unit_editor_parent_class)->dispose (object);
}

static void
ud_unit_editor_class_init (UdUnitEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ud_unit_editor_dispose;

  g_type_ensure (UD_TYPE_RECORD_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/units/ud-unit-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, UdUnitEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdUnitEditor, members_group);
  gtk_widget_class_bind_template_child (widget_class, UdUnitEditor, members);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
}

static void
ud_unit_editor_init (UdUnitEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

UdUnitEditor *
ud_unit_editor_new (UdDbWorker *worker,
                    gint64      id)
{
  UdUnitEditor *self = g_object_new (UD_TYPE_UNIT_EDITOR, NULL);

  self->worker = g_object_ref (worker);
  self->binder = ud_form_binder_new (worker, &ud_kind_unit, GTK_WIDGET (self));
  g_signal_connect_object (self->binder, "notify::can-save", G_CALLBACK (update_save), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->binder, "notify::loaded", G_CALLBACK (on_loaded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->binder, "saved", G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
  update_save (self);
  ud_form_binder_load (self->binder, id);

  return self;
}

UdFormBinder *
ud_unit_editor_get_binder (UdUnitEditor *self)
{
  g_return_val_if_fail (UD_IS_UNIT_EDITOR (self), NULL);

  return self->binder;
}

UdRecordTable *
ud_unit_editor_get_members (UdUnitEditor *self)
{
  g_return_val_if_fail (UD_IS_UNIT_EDITOR (self), NULL);

  return self->members;
}
