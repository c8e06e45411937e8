/* ud-unit-view.c — the Units section (基层工会)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-unit-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-unit-view.h"
#include "ud-unit-editor.h"
#include "ud-unit-kind.h"
#include "ud-ui-util.h"

/* The register of grassroots unions: a record table of the unit kind and
 * the buttons of what the account may do.  Saving and deleting announce
 * "records-changed", which the table follows. */

struct _UdUnitView
{
  GtkWidget      parent_instance;

  UdRecordTable *table;
  UdDbWorker    *worker;
};

G_DEFINE_FINAL_TYPE (UdUnitView, ud_unit_view, GTK_TYPE_WIDGET)

static char *
count_text (guint64  shown,
            guint64  total,
            gboolean filtered)
{
  g_autofree char *total_text = ud_format_count (total);
  g_autofree char *shown_text = ud_format_count (shown);

  if (filtered)
    /* Translators: "3 of 120 units" */
    return g_strdup_printf (ngettext ("%s of %s unit", "%s of %s units", (gulong) total),
                            shown_text, total_text);

  /* Translators: "120 units" */
  return g_strdup_printf (ngettext ("%s unit", "%s units", (gulong) total), total_text);
}

static void
open_editor (UdUnitView *self,
             gint64      id)
{
  UdUnitEditor *editor = ud_unit_editor_new (self->worker, id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_activate_record (UdUnitView *self,
                    gint64      id)
{
  open_editor (self, id);
}

static void
update_actions (UdUnitView *self)
{
  gboolean selected = ud_record_table_get_selected_id (self->table) != 0;

  /* What the signed-in account may do; the core checks again. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unit.new",
                                 ud_db_worker_may (self->worker, ud_kind_unit.edit_permission));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unit.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unit.delete",
                                 selected && ud_db_worker_may (self->worker, ud_kind_unit.delete_permission));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unit.export",
                                 ud_db_worker_may (self->worker, ud_kind_unit.export_permission));
}

static void
unit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UdUnitView *self = UD_UNIT_VIEW (widget);

  if (g_str_equal (action_name, "unit.new"))
    open_editor (self, 0);
  else if (g_str_equal (action_name, "unit.edit"))
    open_editor (self, ud_record_table_get_selected_id (self->table));
  else if (g_str_equal (action_name, "unit.delete"))
    ud_record_table_delete_selected (self->table);
  else
    ud_record_table_choose_export (self->table, _("Export Units"),
                                   /* Translators: the suggested file name of an export */
                                   _("Units"));
}

static void
ud_unit_view_dispose (GObject *object)
{
  UdUnitView *self = UD_UNIT_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_UNIT_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_unit_view_parent_class)->dispose (object);
}

static void
ud_unit_view_class_init (UdUnitViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ud_unit_view_dispose;

  g_type_ensure (UD_TYPE_RECORD_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/units/ud-unit-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UdUnitView, table);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_record);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);
  gtk_widget_class_install_action (widget_class, "unit.new", NULL, unit_action);
  gtk_widget_class_install_action (widget_class, "unit.edit", NULL, unit_action);
  gtk_widget_class_install_action (widget_class, "unit.delete", NULL, unit_action);
  gtk_widget_class_install_action (widget_class, "unit.export", NULL, unit_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ud_unit_view_init (UdUnitView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ud_record_table_set_count_func (self->table, count_text);
}

GtkWidget *
ud_unit_view_new (UdDbWorker *worker)
{
  UdUnitView *self = g_object_new (UD_TYPE_UNIT_VIEW, NULL);

  self->worker = g_object_ref (worker);
  ud_record_table_set_worker (self->table, worker);
  update_actions (self);

  return GTK_WIDGET (self);
}

UdRecordTable *
ud_unit_view_get_table (UdUnitView *self)
{
  g_return_val_if_fail (UD_IS_UNIT_VIEW (self), NULL);

  return self->table;
}
