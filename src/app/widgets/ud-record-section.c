/* ud-record-section.c — a register's section, from its description
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-record-section"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-import-dialog.h"
#include "ud-record-section.h"

/* A simple register's whole section: what it says of itself is a
 * UdRecordSectionInfo; the list is a UdRecordTable, a record opens in a
 * UdRecordEditor.  Saving and deleting announce "records-changed", which
 * the table follows. */

struct _UdRecordSection
{
  GtkWidget                  parent_instance;

  /* Template widgets */
  AdwButtonContent          *new_content;
  GtkWidget                 *new_button;
  GtkWidget                 *delete_button;
  GtkWidget                 *box;
  GtkWidget                 *toolbar;
  UdRecordTable             *table;     /* in the box */

  /* Owned */
  UdDbWorker                *worker;

  const UdRecordSectionInfo *info;
};

G_DEFINE_FINAL_TYPE (UdRecordSection, ud_record_section, GTK_TYPE_WIDGET)

static void
open_editor (UdRecordSection *self,
             gint64           id)
{
  GtkWindow *editor;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->info->open != NULL)
    editor = self->info->open (self->worker, id);
  else
    editor = GTK_WINDOW (ud_record_editor_new (self->worker, &self->info->editor, id));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

/* A roster kind's file through the shared import dialog; the table reads
 * again on the records-changed the dialog sends. */
static void
open_import (UdRecordSection *self)
{
  UdImportDialog *dialog = ud_import_dialog_new (self->worker, self->info->kind);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_activate_record (UdRecordSection *self,
                    gint64           id)
{
  open_editor (self, id);
}

static void
update_actions (UdRecordSection *self)
{
  const UdKind *kind = self->info != NULL ? self->info->kind : NULL;
  gboolean selected = ud_record_table_get_selected_id (self->table) != 0;

  if (kind == NULL)
    return;

  /* What the signed-in account may do; the core checks again. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.new",
                                 ud_db_worker_may (self->worker, kind->edit_permission));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.open", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.delete",
                                 selected && ud_db_worker_may (self->worker, kind->delete_permission));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.import",
                                 (kind->flags & UD_KIND_ROSTER) != 0 &&
                                 ud_db_worker_may (self->worker, kind->import_permission));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.export",
                                 (kind->flags & UD_KIND_ROSTER) != 0 &&
                                 ud_db_worker_may (self->worker, kind->export_permission));
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UdRecordSection *self = UD_RECORD_SECTION (widget);

  if (g_str_equal (action_name, "record.new"))
    open_editor (self, 0);
  else if (g_str_equal (action_name, "record.open"))
    open_editor (self, ud_record_table_get_selected_id (self->table));
  else if (g_str_equal (action_name, "record.delete"))
    ud_record_table_delete_selected (self->table);
  else if (g_str_equal (action_name, "record.import"))
    open_import (self);
  else
    ud_record_table_choose_export (self->table, _(self->info->export_title),
                                   _(self->info->export_file_name));
}

static void
ud_record_section_dispose (GObject *object)
{
  UdRecordSection *self = UD_RECORD_SECTION (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_RECORD_SECTION);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_record_section_parent_class)->dispose (object);
}

static void
ud_record_section_class_init (UdRecordSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ud_record_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/widgets/ud-record-section.ui");
  gtk_widget_class_bind_template_child (widget_class, UdRecordSection, new_content);
  gtk_widget_class_bind_template_child (widget_class, UdRecordSection, new_button);
  gtk_widget_class_bind_template_child (widget_class, UdRecordSection, delete_button);
  gtk_widget_class_bind_template_child (widget_class, UdRecordSection, box);
  gtk_widget_class_bind_template_child (widget_class, UdRecordSection, toolbar);
  gtk_widget_class_install_action (widget_class, "record.new", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "record.open", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "record.delete", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "record.import", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "record.export", NULL, record_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ud_record_section_init (UdRecordSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ud_record_section_new (UdDbWorker                *worker,
                       const UdRecordSectionInfo *info)
{
  UdRecordSection *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (info != NULL && info->kind != NULL, NULL);

  self = g_object_new (UD_TYPE_RECORD_SECTION, NULL);
  self->info = info;
  self->worker = g_object_ref (worker);
  /* A table's kind is given when it is made. */
  self->table = g_object_new (UD_TYPE_RECORD_TABLE, "kind-name", info->kind->name, "vexpand", TRUE, NULL);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->table));
  g_signal_connect_object (self->table, "activate-record", G_CALLBACK (on_activate_record),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table, "notify::selected-id", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);

  adw_button_content_set_label (self->new_content, _(info->new_label));
  gtk_widget_set_tooltip_text (self->new_button, _(info->new_tooltip));
  gtk_widget_set_tooltip_text (self->delete_button, _(info->delete_tooltip));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->delete_tooltip), -1);
  g_object_set (self->table,
                "search-hint", _(info->search_hint),
                "empty-title", _(info->empty_title),
                "empty-description", _(info->empty_description),
                NULL);
  ud_record_table_set_count_func (self->table, info->count);
  ud_record_table_set_worker (self->table, worker);
  update_actions (self);

  return GTK_WIDGET (self);
}

UdRecordTable *
ud_record_section_get_table (UdRecordSection *self)
{
  g_return_val_if_fail (UD_IS_RECORD_SECTION (self), NULL);

  return self->table;
}

GtkBox *
ud_record_section_get_toolbar (UdRecordSection *self)
{
  g_return_val_if_fail (UD_IS_RECORD_SECTION (self), NULL);

  return GTK_BOX (self->toolbar);
}
