/* ud-member-view.c — the Members section
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-member-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-member-view.h"
#include "ud-member-store.h"
#include "ud-record-table.h"
#include "ud-ui-util.h"

/* The member list is a UdRecordTable of the member kind: its columns,
 * filters (status, work unit, employment, title) and sortable headers
 * come from the kind's fields, and its queries go to
 * ud_record_store_query (), which the member kind answers from its roll
 * in memory and its search index (name, pinyin, ID, card, phone, unit),
 * ranked.  What is the section's own: its words, the count of members,
 * the order kept in the settings, the editor, the roster import and the
 * warming of the search index once the list is shown.
 */

struct _UdMemberView
{
  GtkWidget       parent_instance;

  /* Template widgets */
  UdRecordTable  *table;
  GtkWidget      *toolbar;
  GtkWidget      *empty_actions;

  /* Owned */
  UdDbWorker     *worker;
  GSettings      *settings;
  GCancellable   *warm_cancellable;   /* warming the search, until a query comes */
  gboolean        warmed;
};

G_DEFINE_FINAL_TYPE (UdMemberView, ud_member_view, GTK_TYPE_WIDGET)

/* The count ------------------------------------------------------------- */

/* "1,000,000 members", "23 of 1,000,000 members"; @more: a search that
 * found more than the list shows ("1,000+ of …"). */
static char *
members_counted (gboolean more,
                 guint64  shown,
                 guint64  total,
                 gboolean filtered)
{
  g_autofree char *count = ud_format_count (shown);
  /* Translators: a search found more members than the list shows,
   * "1,000+" */
  g_autofree char *shown_text = more ? g_strdup_printf (_("%s+"), count) : g_strdup (count);
  g_autofree char *total_text = ud_format_count (total);

  if (!filtered)
    /* Translators: "1,000,000 members" */
    return g_strdup_printf (ngettext ("%s member", "%s members", (gulong) total), total_text);

  /* Translators: "23 of 1,000,000 members" */
  return g_strdup_printf (ngettext ("%s of %s member", "%s of %s members", (gulong) total),
                          shown_text, total_text);
}

static char *
count_text (guint64  shown,
            guint64  total,
            gboolean filtered)
{
  return members_counted (FALSE, shown, total, filtered);
}

static char *
more_count_text (guint64  shown,
                 guint64  total,
                 gboolean filtered)
{
  return members_counted (TRUE, shown, total, TRUE);
}

/* Warming the search ----------------------------------------------------- */

static gpointer
warm_search_job (UdDatabase   *db,
                 gpointer      data,
                 GCancellable *cancellable,
                 GError      **error)
{
  return ud_member_store_warm (db, cancellable, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
warm_search_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Only a quicker first search was at stake: nothing to tell. */
  if (ud_db_worker_run_finish (result, &error) == NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Warming the search: %s", error->message);
}

/* Once the list is on screen, the worker reads what the first search
 * needs, so that the first letter typed does not wait for the disk.  The
 * worker does one job at a time: the first query the clerk types stops
 * the warming rather than waiting behind it. */
static void
on_busy_changed (UdMemberView *self)
{
  if (ud_record_table_get_busy (self->table))
    {
      if (self->warm_cancellable != NULL)
        g_cancellable_cancel (self->warm_cancellable);
      return;
    }

  if (self->warmed || self->worker == NULL || ud_record_table_get_count_text (self->table) == NULL)
    return;

  self->warmed = TRUE;
  self->warm_cancellable = g_cancellable_new ();
  ud_db_worker_run_async (self->worker, warm_search_job, NULL, NULL, NULL,
                          self->warm_cancellable, warm_search_done, NULL);
}

/* Actions ---------------------------------------------------------------- */

static void
update_actions (UdMemberView *self)
{
  gboolean has_selection = ud_record_table_get_selected_id (self->table) != 0;
  UdDbWorker *worker = self->worker;

  /* What the signed-in account may do; the core checks again. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "member.edit", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "member.delete",
                                 has_selection && worker != NULL &&
                                 ud_db_worker_may (worker, UD_PERMISSION_DELETE_MEMBERS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "member.new",
                                 worker != NULL && ud_db_worker_may (worker, UD_PERMISSION_EDIT_MEMBERS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "member.import",
                                 worker != NULL && ud_db_worker_may (worker, UD_PERMISSION_IMPORT_MEMBERS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "member.export",
                                 worker != NULL && ud_db_worker_may (worker, UD_PERMISSION_EXPORT_MEMBERS));
}

static void
on_activate_record (UdRecordTable *table,
                    gint64         id,
                    UdMemberView  *self)
{
  ud_member_view_edit (self, id);
}

static void
on_member_saved (UdMemberEditor *editor,
                 gint64          id,
                 UdMemberView   *self)
{
  /* The worker's "records-changed" reads the list and the member again. */
  ud_widget_show_message (GTK_WIDGET (self), _("Member saved"));
}

static void
on_imported (UdImportDialog *dialog,
             UdMemberView   *self)
{
  /* Members, and units a roster named that were new: every list of any
   * kind reads again (this one too, and its filter of units). */
  ud_db_worker_notify_records_changed (self->worker, NULL);
}

static void
member_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UdMemberView *self = UD_MEMBER_VIEW (widget);
  gint64 id = ud_record_table_get_selected_id (self->table);

  if (self->worker == NULL)
    return;

  if (g_str_equal (action_name, "member.search"))
    ud_record_table_focus_search (self->table);
  else if (g_str_equal (action_name, "member.new"))
    ud_member_view_edit (self, 0);
  else if (g_str_equal (action_name, "member.edit") && id != 0)
    ud_member_view_edit (self, id);
  else if (g_str_equal (action_name, "member.delete"))
    ud_record_table_delete_selected (self->table);
  else if (g_str_equal (action_name, "member.import"))
    ud_member_view_import (self);
  else if (g_str_equal (action_name, "member.export"))
    /* Translators: the suggested file name of an export, without extension */
    ud_record_table_choose_export (self->table, _("Export Members"), _("Member roster"));
}

/* GObject ---------------------------------------------------------------- */

static void
ud_member_view_dispose (GObject *object)
{
  UdMemberView *self = (UdMemberView *)object;
  GtkWidget *child;

  if (self->warm_cancellable != NULL)
    g_cancellable_cancel (self->warm_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_MEMBER_VIEW);
  /* The shortcuts are not a bound template child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->warm_cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_member_view_parent_class)->dispose (object);
}

static void
ud_member_view_class_init (UdMemberViewClass *klass)
{
  static const char * const actions[] = {
    "member.search", "member.new", "member.edit", "member.delete", "member.import", "member.export",
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_member_view_dispose;

  g_type_ensure (UD_TYPE_RECORD_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/members/ud-member-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, table);
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, empty_actions);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, member_action);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ud_member_view_init (UdMemberView *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  ud_record_table_add_bar_widget (self->table, self->toolbar);
  g_object_set (self->table, "empty-child", self->empty_actions, NULL);
  ud_record_table_set_count_func (self->table, count_text);
  ud_record_table_set_search_limit (self->table, UD_MEMBER_SEARCH_CAP, more_count_text);
  /* Spare width goes to the unit, whose names are the longest. */
  ud_record_table_set_expand_column (self->table, "unit");

  /* The order the clerk chose last time. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "member-list-sort-column", self->table, "sort-field", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "member-list-sort-descending", self->table, "sort-descending", G_SETTINGS_BIND_DEFAULT);

  /* Delete in the list deletes the member selected. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete|KP_Delete"),
                                                          gtk_named_action_new ("member.delete")));
  gtk_widget_add_controller (ud_record_table_get_column_view (self->table), shortcuts);

  g_signal_connect_object (self->table, "activate-record", G_CALLBACK (on_activate_record), self, 0);
  g_signal_connect_object (self->table, "notify::selected-id", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table, "notify::busy", G_CALLBACK (on_busy_changed),
                           self, G_CONNECT_SWAPPED);

  update_actions (self);
}

void
ud_member_view_set_worker (UdMemberView *self,
                           UdDbWorker   *worker)
{
  g_return_if_fail (UD_IS_MEMBER_VIEW (self));
  g_return_if_fail (UD_IS_DB_WORKER (worker));
  g_return_if_fail (self->worker == NULL);

  self->worker = g_object_ref (worker);

  /* An empty roll that this account may not fill (an administrator
   * alone, say) says who can, instead of offering buttons that do
   * nothing for it. */
  if (!ud_db_worker_may (worker, UD_PERMISSION_IMPORT_MEMBERS) &&
      !ud_db_worker_may (worker, UD_PERMISSION_EDIT_MEMBERS))
    {
      gtk_widget_set_visible (self->empty_actions, FALSE);
      g_object_set (self->table, "empty-description",
                    _("A clerk (经办人) keeps the member roll. The administrator gives accounts their roles in Accounts."),
                    NULL);
    }

  ud_record_table_set_worker (self->table, worker);
  update_actions (self);
}

GtkWidget *
ud_member_view_new (UdDbWorker *worker)
{
  UdMemberView *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_MEMBER_VIEW, NULL);
  ud_member_view_set_worker (self, worker);

  return GTK_WIDGET (self);
}

UdRecordModel *
ud_member_view_get_model (UdMemberView *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_VIEW (self), NULL);

  return ud_record_table_get_model (self->table);
}

GtkWidget *
ud_member_view_get_column_view (UdMemberView *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_VIEW (self), NULL);

  return ud_record_table_get_column_view (self->table);
}

const char *
ud_member_view_get_count_text (UdMemberView *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_VIEW (self), NULL);

  return ud_record_table_get_count_text (self->table);
}

gboolean
ud_member_view_get_busy (UdMemberView *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_VIEW (self), FALSE);

  return ud_record_table_get_busy (self->table);
}

UdImportDialog *
ud_member_view_import (UdMemberView *self)
{
  UdImportDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (UD_IS_MEMBER_VIEW (self), NULL);
  g_return_val_if_fail (self->worker != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ud_import_dialog_new (self->worker, &ud_kind_member);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

UdMemberEditor *
ud_member_view_edit (UdMemberView *self,
                     gint64        id)
{
  UdMemberEditor *editor;
  GtkRoot *root;

  g_return_val_if_fail (UD_IS_MEMBER_VIEW (self), NULL);
  g_return_val_if_fail (self->worker != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = ud_member_editor_new (self->worker, id);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_member_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}
