/* ud-child-list.c — the records of a kind that belong to one record
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-child-list"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-child-list.h"

struct _UdChildList
{
  GtkWidget                 parent_instance;

  const UdRecordEditorInfo *editor;
  char                     *parent_field;
  char                     *parent_value;
  UdRecordSaveFunc          save;
  UdDbWorker               *worker;

  UdRecordTable            *table;
  GtkWidget                *add_button;
  GtkWidget                *edit_button;
  GtkWidget                *remove_button;
};

G_DEFINE_FINAL_TYPE (UdChildList, ud_child_list, GTK_TYPE_WIDGET)

static void
update_buttons (UdChildList *self)
{
  const UdKind *kind = self->editor->kind;
  gboolean stored = self->worker != NULL && self->parent_value != NULL;
  gboolean selected = stored && ud_record_table_get_selected_id (self->table) != 0;

  gtk_widget_set_sensitive (self->add_button, stored && ud_db_worker_may (self->worker, kind->edit_permission));
  gtk_widget_set_sensitive (self->edit_button, selected && ud_db_worker_may (self->worker, kind->edit_permission));
  gtk_widget_set_sensitive (self->remove_button, selected && ud_db_worker_may (self->worker, kind->delete_permission));
}

/* The editor of a child, over the window the list is in. */
static void
open_editor (UdChildList *self,
             gint64       id)
{
  UdRecordEditor *editor;
  UdFormBinder *binder;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->worker == NULL || self->parent_value == NULL)
    return;

  editor = ud_record_editor_new (self->worker, self->editor, id);
  binder = ud_record_editor_get_binder (editor);
  /* A new record is filled at once: it belongs to the parent. */
  if (id == 0)
    ud_record_set (ud_form_binder_get_record (binder), self->parent_field, self->parent_value);
  if (self->save != NULL)
    ud_form_binder_set_save_func (binder, self->save);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
    }
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_add_clicked (UdChildList *self)
{
  open_editor (self, 0);
}

static void
on_edit_clicked (UdChildList *self)
{
  gint64 id = ud_record_table_get_selected_id (self->table);

  if (id != 0)
    open_editor (self, id);
}

static void
on_activate_record (UdChildList *self,
                    gint64       id)
{
  if (gtk_widget_get_sensitive (self->edit_button))
    open_editor (self, id);
}

static void
on_remove_clicked (UdChildList *self)
{
  if (ud_record_table_get_selected_id (self->table) != 0)
    ud_record_table_delete_selected (self->table);
}

/* GObject ---------------------------------------------------------------- */

static void
ud_child_list_dispose (GObject *object)
{
  UdChildList *self = UD_CHILD_LIST (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_child_list_parent_class)->dispose (object);
}

static void
ud_child_list_finalize (GObject *object)
{
  UdChildList *self = UD_CHILD_LIST (object);

  g_free (self->parent_field);
  g_free (self->parent_value);

  G_OBJECT_CLASS (ud_child_list_parent_class)->finalize (object);
}

static void
ud_child_list_class_init (UdChildListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_child_list_dispose;
  object_class->finalize = ud_child_list_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
ud_child_list_init (UdChildList *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
}

GtkWidget *
ud_child_list_new (const UdRecordEditorInfo *editor,
                   const char               *parent_field,
                   const char               *add_label)
{
  UdChildList *self;
  GtkWidget *buttons;

  g_return_val_if_fail (editor != NULL && editor->kind != NULL, NULL);
  g_return_val_if_fail (ud_kind_find_field (editor->kind, parent_field) != NULL, NULL);
  g_return_val_if_fail (add_label != NULL, NULL);

  self = g_object_new (UD_TYPE_CHILD_LIST, NULL);
  self->editor = editor;
  self->parent_field = g_strdup (parent_field);

  self->table = g_object_new (UD_TYPE_RECORD_TABLE, "kind-name", editor->kind->name, NULL);
  ud_record_table_set_show_filters (self->table, FALSE);
  /* Inside a form's page: the columns share the page's width (each up
   * to its natural width, then ellipsized) rather than scroll sideways. */
  gtk_scrollable_set_hscroll_policy (GTK_SCROLLABLE (ud_record_table_get_column_view (self->table)),
                                     GTK_SCROLL_MINIMUM);
  gtk_widget_set_size_request (GTK_WIDGET (self->table), -1, 180);
  gtk_widget_set_parent (GTK_WIDGET (self->table), GTK_WIDGET (self));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  self->add_button = gtk_button_new_with_mnemonic (add_label);
  self->edit_button = gtk_button_new_with_mnemonic (_("_Edit…"));
  self->remove_button = gtk_button_new_with_mnemonic (_("_Remove"));
  gtk_widget_add_css_class (self->remove_button, "destructive-action");
  gtk_box_append (GTK_BOX (buttons), self->remove_button);
  gtk_box_append (GTK_BOX (buttons), self->edit_button);
  gtk_box_append (GTK_BOX (buttons), self->add_button);
  gtk_widget_set_parent (buttons, GTK_WIDGET (self));

  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->edit_button, "clicked", G_CALLBACK (on_edit_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->remove_button, "clicked", G_CALLBACK (on_remove_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table, "activate-record", G_CALLBACK (on_activate_record), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table, "notify::selected-id", G_CALLBACK (update_buttons), self, G_CONNECT_SWAPPED);
  update_buttons (self);

  return GTK_WIDGET (self);
}

void
ud_child_list_set_parent (UdChildList *self,
                          UdDbWorker  *worker,
                          const char  *value)
{
  gboolean first;

  g_return_if_fail (UD_IS_CHILD_LIST (self));
  g_return_if_fail (UD_IS_DB_WORKER (worker));
  g_return_if_fail (value != NULL);

  first = self->worker == NULL;
  if (!first && g_strcmp0 (self->parent_value, value) == 0)
    return;

  g_set_object (&self->worker, worker);
  g_free (self->parent_value);
  self->parent_value = g_strdup (value);
  ud_record_table_set_fixed_filter (self->table, self->parent_field, value);
  if (first)
    ud_record_table_set_worker (self->table, worker);
  else
    ud_record_table_reload (self->table);
  update_buttons (self);
}

void
ud_child_list_set_save_func (UdChildList      *self,
                             UdRecordSaveFunc  save)
{
  g_return_if_fail (UD_IS_CHILD_LIST (self));

  self->save = save;
}

UdRecordTable *
ud_child_list_get_table (UdChildList *self)
{
  g_return_val_if_fail (UD_IS_CHILD_LIST (self), NULL);

  return self->table;
}
