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
#include "ud-ui-util.h"

struct _UdChildList
{
  GtkWidget                 parent_instance;

  const UdRecordEditorInfo *editor;
  char                     *parent_field;
  char                     *parent_value;
  UdRecordSaveFunc          save;
  UdChildAddFunc            add;
  gpointer                  add_data;
  GDestroyNotify            add_destroy;
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
  if (self->add != NULL && self->worker != NULL && self->parent_value != NULL)
    self->add (self, self->worker, self->parent_value, self->add_data);
  else
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

/* A removal undone (the toast's Undo): what the core says if it cannot. */
static void
on_restored (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ud_db_worker_delete_record_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ud_widget_show_message (self, error->message);
}

static void
on_undo_remove (AdwToast    *toast,
                UdChildList *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "ud-record-id"));

  if (self->worker != NULL)
    ud_db_worker_delete_record_async (self->worker, self->editor->kind, id, TRUE, NULL,
                                      on_restored, g_object_ref (self));
}

/* The core's answer: removed (a toast that undoes it), or refused (its
 * sentence, in a dialog over the editor: a household with payments). */
static void
on_removed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  UdChildList *self = UD_CHILD_LIST (widget);
  g_autoptr(GError) error = NULL;
  const char *title = g_object_get_data (G_OBJECT (self), "ud-removing-title");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (self), "ud-removing-id"));
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!ud_db_worker_delete_record_finish (result, &error))
    {
      AdwMessageDialog *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           _("Not Removed"), error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (title != NULL ? title : "", -1);
      /* Translators: a record was deleted: "“朝阳区某某公司工会” deleted" */
      AdwToast *toast = adw_toast_new_format (_("“%s” deleted"), escaped);

      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data (G_OBJECT (toast), "ud-record-id", GSIZE_TO_POINTER ((gsize) id));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_remove), self, 0);
      ud_widget_show_toast (widget, toast);
    }
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    UdChildList      *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "ud-record-id"));
  UdRecord *record = ud_record_table_get_selected (self->table);

  /* What was asked about, still the one chosen. */
  if (!g_str_equal (response, "remove") || id == 0 || record == NULL || record->id != id || self->worker == NULL)
    return;

  g_object_set_data_full (G_OBJECT (self), "ud-removing-title", ud_record_get_title (record), g_free);
  g_object_set_data (G_OBJECT (self), "ud-removing-id", GSIZE_TO_POINTER ((gsize) id));
  ud_db_worker_delete_record_async (self->worker, self->editor->kind, id, FALSE, NULL,
                                    on_removed, g_object_ref (self));
}

/* Remove asks first, naming the record. */
static void
on_remove_clicked (UdChildList *self)
{
  UdRecord *record = ud_record_table_get_selected (self->table);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (record == NULL)
    return;

  title = ud_record_get_title (record);
  /* Translators: a record of a list in an editor: "Remove “赵春生 两间房村”?" */
  heading = g_strdup_printf (_("Remove “%s”?"), title != NULL ? title : "");
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                                       _("It leaves the list at once. The removal is recorded in the audit trail and can be undone from the message that follows.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "ud-record-id", GSIZE_TO_POINTER ((gsize) record->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
  if (self->add_destroy != NULL)
    self->add_destroy (self->add_data);

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

static void
set_parent (UdChildList *self,
            UdDbWorker  *worker,
            const char  *filter,
            const char  *value)
{
  gboolean first;

  first = self->worker == NULL;
  if (!first && g_strcmp0 (self->parent_value, value) == 0)
    return;

  g_set_object (&self->worker, worker);
  g_free (self->parent_value);
  self->parent_value = g_strdup (value);
  ud_record_table_set_fixed_filter (self->table, self->parent_field, filter);
  if (first)
    ud_record_table_set_worker (self->table, worker);
  else
    ud_record_table_reload (self->table);
  update_buttons (self);
}

void
ud_child_list_set_parent (UdChildList *self,
                          UdDbWorker  *worker,
                          const char  *value)
{
  g_return_if_fail (UD_IS_CHILD_LIST (self));
  g_return_if_fail (UD_IS_DB_WORKER (worker));
  g_return_if_fail (value != NULL);

  set_parent (self, worker, value, value);
}

void
ud_child_list_set_parent_keyed (UdChildList *self,
                                UdDbWorker  *worker,
                                gint64       row_id,
                                const char  *value)
{
  g_autofree char *filter = NULL;

  g_return_if_fail (UD_IS_CHILD_LIST (self));
  g_return_if_fail (UD_IS_DB_WORKER (worker));
  g_return_if_fail (row_id > 0 && value != NULL);

  filter = g_strdup_printf ("%" G_GINT64_FORMAT, row_id);
  set_parent (self, worker, filter, value);
}

void
ud_child_list_set_add_func (UdChildList    *self,
                            UdChildAddFunc  add,
                            gpointer        user_data,
                            GDestroyNotify  destroy)
{
  g_return_if_fail (UD_IS_CHILD_LIST (self));

  if (self->add_destroy != NULL)
    self->add_destroy (self->add_data);
  self->add = add;
  self->add_data = user_data;
  self->add_destroy = destroy;
}

void
ud_child_list_set_texts (UdChildList *self,
                         const char  *search_hint,
                         const char  *empty_title,
                         const char  *empty_description)
{
  g_return_if_fail (UD_IS_CHILD_LIST (self));

  g_object_set (self->table,
                "search-hint", search_hint,
                "empty-title", empty_title,
                "empty-description", empty_description,
                NULL);
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

/**
 * ud_child_list_ensure_in_group:
 * @editor: the parent's editor
 * @info: the list: its group in @editor, its records' editor and words
 * @parent_field: the children's field naming the parent
 * @created: (out) (optional): set when the list was made by this call
 *
 * The child list shown in @info's group of @editor, made and added to
 * the group the first time: an editor is kept and shown again for the
 * next record, and its lists with it.
 *
 * Returns: (transfer none): the list
 */
UdChildList *
ud_child_list_ensure_in_group (UdRecordEditor        *editor,
                               const UdChildListInfo *info,
                               const char            *parent_field,
                               gboolean              *created)
{
  GObject *group = ud_record_editor_get_object (editor, info->group);
  UdChildList *list;

  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  list = g_object_get_data (group, "ud-child-list");
  if (created != NULL)
    *created = list == NULL;
  if (list != NULL)
    return list;

  list = UD_CHILD_LIST (ud_child_list_new (info->editor, parent_field, _(info->add_label)));
  ud_child_list_set_texts (list, _(info->search_hint), _(info->empty_title), _(info->empty_description));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (list));
  g_object_set_data (group, "ud-child-list", list);

  return list;
}
