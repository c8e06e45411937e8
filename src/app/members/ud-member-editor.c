/* ud-member-editor.c — the form for one member
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-member-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-member-editor.h"
#include "ud-child-list.h"
#include "ud-form-binder.h"
#include "ud-honour-kind.h"
#include "ud-history-window.h"
#include "ud-idcard.h"
#include "ud-kind.h"
#include "ud-member-store.h"
#include "ud-ui-util.h"
#include "ud-validate.h"

/* The form is laid out by hand in ud-member-editor.ui, its rows named
 * after the member kind's fields ("id_number_row", "notes_view"); a
 * UdFormBinder fills them, checks each as it is typed and the whole
 * member on the worker a moment later (an ID number another member
 * holds), names the field at fault under its group, and saves through
 * the worker.  What is the member's own: the sex and birth date read
 * from the ID number as it is typed (the core derives them again on
 * saving), the titles, the member's history, and, once the member is
 * stored, its honours (member_honour records, a UdChildList: each is
 * saved on its own through the worker, whatever becomes of the form).
 */

static const UdRecordEditorInfo honour_editor = {
  .kind = &ud_kind_member_honour,
  .form_resource = "/io/github/uniondesk/UnionDesk/members/ud-honour-form.ui",
  .new_title = N_("New Honour"),
  .edit_title = N_("Edit Honour"),
  .saved_message = N_("Honour saved"),
};

struct _UdMemberEditor
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkButton       *history_button;
  GtkLabel        *derived_label;
  GtkWidget       *page;
  AdwPreferencesGroup *honour_list_group;
  GtkWidget       *honours;

  /* Owned */
  UdDbWorker      *worker;
  UdFormBinder    *binder;
  gint64           id;
};

G_DEFINE_FINAL_TYPE (UdMemberEditor, ud_member_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_CAN_SAVE,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The sex and birth date an ID number says, shown as it is typed.  The
 * member's stored ones are dropped, so that the core derives them from
 * the number saved rather than finding that they disagree. */
static void
update_derived (UdMemberEditor *self)
{
  g_autofree char *id_number = ud_form_binder_get_value (self->binder, "id_number");
  UdRecord *record = ud_form_binder_get_record (self->binder);
  g_autofree char *birth = NULL;
  g_autofree char *text = NULL;
  UdIdCard card;

  if (record != NULL)
    {
      ud_record_set (record, "sex", "");
      ud_record_set (record, "birth_date", "");
    }

  if (id_number == NULL || !ud_idcard_parse (id_number, NULL, &card, NULL))
    {
      gtk_label_set_label (self->derived_label, "—");
      return;
    }

  birth = ud_date_to_iso (&card.birth);
  /* Translators: sex, then birth date, e.g. "Female, 1949-12-31" */
  text = g_strdup_printf (_("%s, %s"),
                          card.sex == UD_SEX_FEMALE ? _("Female") : _("Male"),
                          birth);
  gtk_label_set_label (self->derived_label, text);
}

static void
on_field_changed (UdFormBinder   *binder,
                  const char     *field,
                  UdMemberEditor *self)
{
  if (g_strcmp0 (field, "id_number") == 0)
    update_derived (self);
}

static void
on_loaded (UdMemberEditor *self)
{
  UdRecord *record = ud_form_binder_get_record (self->binder);

  if (!ud_form_binder_get_loaded (self->binder))
    return;

  if (record != NULL && record->id != 0)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Member"));
      adw_window_title_set_title (self->window_title, _("Edit Member"));
      adw_window_title_set_subtitle (self->window_title, ud_record_get (record, "name"));
      /* Its trail, for those who may see it (the core checks again). */
      gtk_widget_set_visible (GTK_WIDGET (self->history_button),
                              record->uuid != NULL &&
                              ud_db_worker_may (self->worker, UD_PERMISSION_VIEW_MEMBERS));
      if (record->uuid != NULL)
        {
          ud_child_list_set_parent (UD_CHILD_LIST (self->honours), self->worker, record->uuid);
          gtk_widget_set_visible (GTK_WIDGET (self->honour_list_group), TRUE);
        }
    }

  update_derived (self);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_widget_grab_focus (ud_form_binder_get_row (self->binder, "name"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
on_can_save (UdMemberEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 ud_form_binder_get_can_save (self->binder));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE]);
}

static void
on_saved (UdFormBinder   *binder,
          gint64          id,
          UdMemberEditor *self)
{
  self->id = id;
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ud_member_editor_save (UD_MEMBER_EDITOR (widget));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  UdMemberEditor *self = UD_MEMBER_EDITOR (widget);
  UdRecord *record = ud_form_binder_get_record (self->binder);
  UdHistoryWindow *history;

  if (record == NULL || record->uuid == NULL)
    return;

  history = ud_history_window_new (self->worker, record->kind->name, record->uuid,
                                   ud_record_get (record, "name"));
  gtk_window_set_transient_for (GTK_WINDOW (history), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (history));
}

/* GObject ---------------------------------------------------------------- */

static void
ud_member_editor_dispose (GObject *object)
{
  UdMemberEditor *self = (UdMemberEditor *)object;

  g_clear_object (&self->binder);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_MEMBER_EDITOR);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_member_editor_parent_class)->dispose (object);
}

static void
ud_member_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  UdMemberEditor *self = UD_MEMBER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, ud_member_editor_get_loaded (self));
      break;

    case PROP_CAN_SAVE:
      g_value_set_boolean (value, ud_member_editor_get_can_save (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_member_editor_class_init (UdMemberEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_member_editor_dispose;
  object_class->get_property = ud_member_editor_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_SAVE] =
    g_param_spec_boolean ("can-save", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UdMemberEditor::saved:
   * @id: the member's row id
   *
   * The member was written to the database.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/members/ud-member-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, history_button);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, derived_label);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, page);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, honour_list_group);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.history", NULL, history_action);
}

static void
ud_member_editor_init (UdMemberEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_title (GTK_WINDOW (self), _("New Member"));
  adw_window_title_set_title (self->window_title, _("New Member"));
  gtk_label_set_label (self->derived_label, "—");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);

  self->honours = ud_child_list_new (&honour_editor, "member_uuid", _("_Add Honour…"));
  g_object_set (ud_child_list_get_table (UD_CHILD_LIST (self->honours)),
                "search-hint", _("Search the member’s honours"),
                "empty-title", _("No Honours Yet"),
                "empty-description", _("Add each honour the member received with Add Honour…"),
                NULL);
  adw_preferences_group_add (self->honour_list_group, self->honours);
}

UdMemberEditor *
ud_member_editor_new (UdDbWorker *worker,
                      gint64      id)
{
  UdMemberEditor *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (id >= 0, NULL);

  self = g_object_new (UD_TYPE_MEMBER_EDITOR, NULL);
  self->worker = g_object_ref (worker);
  self->id = id;

  self->binder = ud_form_binder_new (worker, &ud_kind_member, self->page);
  g_signal_connect_object (self->binder, "notify::loaded", G_CALLBACK (on_loaded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->binder, "notify::can-save", G_CALLBACK (on_can_save), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->binder, "changed", G_CALLBACK (on_field_changed), self, 0);
  g_signal_connect_object (self->binder, "saved", G_CALLBACK (on_saved), self, 0);

  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->spinner);
  ud_form_binder_load (self->binder, id);

  return self;
}

gint64
ud_member_editor_get_id (UdMemberEditor *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_EDITOR (self), 0);

  return self->id;
}

gboolean
ud_member_editor_get_loaded (UdMemberEditor *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_EDITOR (self), FALSE);

  return self->binder != NULL && ud_form_binder_get_loaded (self->binder);
}

gboolean
ud_member_editor_get_can_save (UdMemberEditor *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_EDITOR (self), FALSE);

  return self->binder != NULL && ud_form_binder_get_can_save (self->binder);
}

GtkWidget *
ud_member_editor_get_row (UdMemberEditor *self,
                          const char     *field_name)
{
  g_return_val_if_fail (UD_IS_MEMBER_EDITOR (self), NULL);
  g_return_val_if_fail (field_name != NULL, NULL);

  return ud_form_binder_get_row (self->binder, field_name);
}

const char *
ud_member_editor_get_field_error (UdMemberEditor *self,
                                  const char     *field_name)
{
  g_return_val_if_fail (UD_IS_MEMBER_EDITOR (self), NULL);
  g_return_val_if_fail (field_name != NULL, NULL);

  return ud_form_binder_get_field_error (self->binder, field_name);
}

void
ud_member_editor_save (UdMemberEditor *self)
{
  g_return_if_fail (UD_IS_MEMBER_EDITOR (self));

  ud_form_binder_save (self->binder);
}
