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
#include "ud-history-window.h"
#include "ud-idcard.h"
#include "ud-kind.h"
#include "ud-member-store.h"
#include "ud-ui-util.h"
#include "ud-validate.h"

/* The form is laid out by hand in ud-member-editor.ui; this table ties
 * each row to its field of the member kind.  Every field is checked with
 * the core's own ud_field_normalize() as it is typed, the problems are
 * shown under the group the row is in, and Save stays off while any field
 * has an error.  Saving goes through ud_member_store_save() on the
 * database worker, which validates the whole record once more.
 */

enum {
  GROUP_PERSON,
  GROUP_MEMBERSHIP,
  GROUP_HONOURS,
  GROUP_NOTES,
  N_GROUPS
};

typedef struct
{
  const char *field;
  const char *row;    /* template id; NULL for the notes text view */
  guint       group;
} FieldRow;

static const FieldRow field_rows[] = {
  { "name",              "name_row",              GROUP_PERSON },
  { "id_number",         "id_number_row",         GROUP_PERSON },
  { "phone",             "phone_row",             GROUP_PERSON },
  { "unit",              "unit_row",              GROUP_MEMBERSHIP },
  { "joined_on",         "joined_on_row",         GROUP_MEMBERSHIP },
  { "card_number",       "card_number_row",       GROUP_MEMBERSHIP },
  { "employment",        "employment_row",        GROUP_MEMBERSHIP },
  { "status",            "status_row",            GROUP_MEMBERSHIP },
  { "model_worker",      "model_worker_row",      GROUP_HONOURS },
  { "model_worker_body", "model_worker_body_row", GROUP_HONOURS },
  { "model_worker_year", "model_worker_year_row", GROUP_HONOURS },
  { "notes",             NULL,                    GROUP_NOTES },
};

typedef struct
{
  const FieldRow *spec;
  const UdField  *field;
  guint           index;     /* in ud_kind_member.fields */
  GtkWidget      *row;       /* borrowed from the template */
  gboolean        touched;
  char           *error;
  char           *warning;
} FieldState;

struct _UdMemberEditor
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkButton       *save_button;
  GtkButton       *history_button;
  GtkLabel        *derived_label;
  GtkTextView     *notes_view;
  GtkLabel        *person_problems;
  GtkLabel        *membership_problems;
  GtkLabel        *honours_problems;
  GtkLabel        *notes_problems;

  /* Owned */
  UdDbWorker      *worker;
  UdRecord        *record;
  GCancellable    *cancellable;
  GCancellable    *check_cancellable;
  FieldState       fields[G_N_ELEMENTS (field_rows)];
  char            *duplicate_error;

  gint64           id;
  gboolean         loaded;
  gboolean         saving;
  gboolean         filling;
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

static FieldState *
find_state (UdMemberEditor *self,
            const char     *field_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      if (g_strcmp0 (self->fields[i].spec->field, field_name) == 0)
        return &self->fields[i];
    }

  return NULL;
}

static char *
get_text (UdMemberEditor *self,
          FieldState     *state)
{
  if (state->row == NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
      GtkTextIter start;
      GtkTextIter end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  if (ADW_IS_COMBO_ROW (state->row))
    return g_strdup (ud_combo_row_get_choice (ADW_COMBO_ROW (state->row), state->field));

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (state->row)));
}

static void
set_text (UdMemberEditor *self,
          FieldState     *state,
          const char     *value)
{
  if (value == NULL)
    value = "";

  if (state->row == NULL)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), value, -1);
    }
  else if (ADW_IS_COMBO_ROW (state->row))
    {
      ud_combo_row_set_choice (ADW_COMBO_ROW (state->row), state->field, value);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (state->row), value);
    }
}

static gboolean
has_errors (UdMemberEditor *self)
{
  if (self->duplicate_error != NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      if (self->fields[i].error != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
compute_can_save (UdMemberEditor *self)
{
  return self->loaded && !self->saving && !has_errors (self);
}

static void
update_problems (UdMemberEditor *self)
{
  GtkLabel *labels[N_GROUPS] = {
    self->person_problems, self->membership_problems,
    self->honours_problems, self->notes_problems,
  };
  GString *text[N_GROUPS] = { NULL, };
  gboolean can_save;

  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      FieldState *state = &self->fields[i];
      guint group = state->spec->group;
      const char *error = state->error;
      gboolean show_error;

      if (g_strcmp0 (state->spec->field, "id_number") == 0 && error == NULL)
        error = self->duplicate_error;

      /* An empty required field is only pointed at once it was visited. */
      show_error = error != NULL && state->touched;

      if (state->row != NULL)
        ud_widget_set_error (state->row, show_error);

      if (!show_error && state->warning == NULL)
        continue;

      if (text[group] == NULL)
        text[group] = g_string_new (NULL);
      else
        g_string_append_c (text[group], '\n');
      g_string_append (text[group], show_error ? error : state->warning);
    }

  for (guint group = 0; group < N_GROUPS; group++)
    {
      ud_label_show_problem (labels[group], text[group] != NULL ? text[group]->str : NULL);
      if (text[group] != NULL)
        g_string_free (text[group], TRUE);
    }

  can_save = compute_can_save (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", can_save);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE]);
}

static void
update_derived (UdMemberEditor *self,
                const char     *id_number)
{
  UdIdCard card;
  g_autofree char *birth = NULL;
  g_autofree char *text = NULL;

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

typedef struct
{
  GWeakRef  editor;
  char     *id_number;
  gint64    own_id;
} CheckData;

static void
check_data_free (gpointer data)
{
  CheckData *check = data;

  g_weak_ref_clear (&check->editor);
  g_free (check->id_number);
  g_free (check);
}

static gpointer
find_by_id_number_job (UdDatabase   *db,
                       gpointer      data,
                       GCancellable *cancellable,
                       GError      **error)
{
  CheckData *check = data;
  UdRecord *other;
  g_autoptr(GError) local_error = NULL;

  other = ud_member_store_find_by_id_number (db, check->id_number, &local_error);
  if (other == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* NULL and no error: nobody has it.  Return a record only when it is
   * someone else's. */
  if (other != NULL && other->id == check->own_id)
    g_clear_pointer (&other, ud_record_unref);

  return other != NULL ? (gpointer)other : GINT_TO_POINTER (TRUE);
}

static void
check_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdMemberEditor *self;
  gpointer answer;

  answer = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_MEMBER_EDITOR (user_data);
  g_clear_pointer (&self->duplicate_error, g_free);

  if (answer != NULL && answer != GINT_TO_POINTER (TRUE))
    {
      UdRecord *other = answer;

      /* Translators: the name of the member who already has the number */
      self->duplicate_error = g_strdup_printf (_("ID number: %s already has this number"),
                                               ud_record_get (other, "name"));
      ud_record_unref (other);
    }

  update_problems (self);
}

static void
check_duplicate (UdMemberEditor *self,
                 const char     *id_number)
{
  CheckData *check;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_pointer (&self->duplicate_error, g_free);

  if (id_number == NULL || self->worker == NULL)
    return;

  self->check_cancellable = g_cancellable_new ();

  check = g_new0 (CheckData, 1);
  g_weak_ref_init (&check->editor, self);
  check->id_number = g_strdup (id_number);
  check->own_id = self->id;

  ud_db_worker_run_async (self->worker,
                          find_by_id_number_job, check, check_data_free,
                          NULL,
                          self->check_cancellable,
                          check_done, self);
}

static void
validate_field (UdMemberEditor *self,
                FieldState     *state)
{
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autofree char *text = get_text (self, state);
  g_autofree char *value = NULL;

  g_clear_pointer (&state->error, g_free);
  g_clear_pointer (&state->warning, g_free);

  value = ud_field_normalize (state->field, text, issues);

  for (guint i = 0; i < issues->len; i++)
    {
      UdIssue *issue = g_ptr_array_index (issues, i);

      if (issue->warning && state->warning == NULL)
        state->warning = g_strdup (issue->message);
      else if (!issue->warning && state->error == NULL)
        state->error = g_strdup (issue->message);
    }

  if (value != NULL && value[0] == '\0' &&
      (state->field->flags & UD_FIELD_REQUIRED) != 0 && state->error == NULL)
    {
      /* Translators: a field label */
      state->error = g_strdup_printf (_("%s: must not be empty"), _(state->field->label));
    }

  if (g_strcmp0 (state->spec->field, "id_number") == 0)
    {
      const char *number = (value != NULL && value[0] != '\0') ? value : NULL;

      update_derived (self, number);
      check_duplicate (self, number);
    }
}

static void
on_field_changed (UdMemberEditor *self,
                  FieldState     *state)
{
  if (self->filling)
    return;

  state->touched = TRUE;
  validate_field (self, state);
  update_problems (self);
}

static void
on_entry_changed (GtkEditable    *editable,
                  UdMemberEditor *self)
{
  FieldState *state = g_object_get_data (G_OBJECT (editable), "ud-field-state");

  on_field_changed (self, state);
}

static void
on_combo_selected (AdwComboRow    *row,
                   GParamSpec     *pspec,
                   UdMemberEditor *self)
{
  FieldState *state = g_object_get_data (G_OBJECT (row), "ud-field-state");

  on_field_changed (self, state);
}

static void
on_notes_changed (GtkTextBuffer  *buffer,
                  UdMemberEditor *self)
{
  on_field_changed (self, find_state (self, "notes"));
}

static void
fill_form (UdMemberEditor *self)
{
  const char *name = ud_record_get (self->record, "name");

  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      FieldState *state = &self->fields[i];
      const char *value = ud_record_get_nth (self->record, state->index);

      if (self->id == 0 && (value == NULL || value[0] == '\0') && state->field->default_value != NULL)
        value = state->field->default_value;
      set_text (self, state, value);
    }
  self->filling = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      /* A stored member's values were valid when saved: show any problem
       * (rules change) at once. */
      self->fields[i].touched = self->id != 0;
      validate_field (self, &self->fields[i]);
    }

  if (self->id != 0)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Member"));
      adw_window_title_set_title (self->window_title, _("Edit Member"));
      adw_window_title_set_subtitle (self->window_title, name);
      /* Its trail, for those who may see it (the core checks again). */
      gtk_widget_set_visible (GTK_WIDGET (self->history_button),
                              self->record->uuid != NULL &&
                              ud_db_worker_may (self->worker, UD_PERMISSION_VIEW_MEMBERS));
    }

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_widget_grab_focus (self->fields[0].row);
  update_problems (self);
}

static gpointer
load_job (UdDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  gint64 *id = data;

  return ud_member_store_get (db, *id, error);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdMemberEditor *self;
  UdRecord *record;

  record = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_MEMBER_EDITOR (user_data);
  if (record == NULL)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      if (parent != NULL)
        ud_widget_show_message (GTK_WIDGET (parent), error->message);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  g_clear_pointer (&self->record, ud_record_unref);
  self->record = record;
  fill_form (self);
}

/* Saving ----------------------------------------------------------------- */

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(UdRecord) record = NULL;
  UdMemberEditor *self;

  record = ud_db_worker_save_record_finish (result, &issues, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_MEMBER_EDITOR (user_data);
  self->saving = FALSE;

  if (error != NULL)
    {
      AdwToast *toast = adw_toast_new ("");
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_set_title (toast, escaped);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      update_problems (self);
      return;
    }

  if (record == NULL)
    {
      /* The database found what typing could not (a duplicate, a sex
       * that disagrees with the ID number): show it at the field. */
      for (guint i = 0; i < issues->len; i++)
        {
          UdIssue *issue = g_ptr_array_index (issues, i);
          FieldState *state = issue->field != NULL ? find_state (self, issue->field->name) : NULL;

          if (issue->warning)
            continue;
          if (state == NULL)
            state = find_state (self, "id_number");
          if (state->error == NULL)
            state->error = g_strdup (issue->message);
          state->touched = TRUE;
        }
      update_problems (self);
      return;
    }

  self->id = record->id;
  g_signal_emit (self, signals[SAVED], 0, self->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ud_member_editor_save (UD_MEMBER_EDITOR (widget));
}

/* GObject ---------------------------------------------------------------- */

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  UdMemberEditor *self = UD_MEMBER_EDITOR (widget);
  UdHistoryWindow *history;

  if (self->record == NULL || self->record->uuid == NULL)
    return;

  history = ud_history_window_new (self->worker, self->record->kind->name, self->record->uuid,
                                   ud_record_get (self->record, "name"));
  gtk_window_set_transient_for (GTK_WINDOW (history), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (history));
}

static void
setup_rows (UdMemberEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      FieldState *state = &self->fields[i];
      int index = ud_kind_field_index (&ud_kind_member, field_rows[i].field);

      g_assert (index >= 0);

      state->spec = &field_rows[i];
      state->index = (guint)index;
      state->field = &ud_kind_member.fields[index];

      if (field_rows[i].row == NULL)
        {
          g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                                   G_CALLBACK (on_notes_changed), self, 0);
          continue;
        }

      state->row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                              UD_TYPE_MEMBER_EDITOR,
                                                              field_rows[i].row));
      g_assert (state->row != NULL);
      g_object_set_data (G_OBJECT (state->row), "ud-field-state", state);

      if (ADW_IS_COMBO_ROW (state->row))
        {
          /* A choice without a default may be left empty. */
          ud_combo_row_set_choices (ADW_COMBO_ROW (state->row), state->field, _("None"));
          g_signal_connect_object (state->row, "notify::selected",
                                   G_CALLBACK (on_combo_selected), self, 0);
        }
      else
        {
          g_signal_connect_object (state->row, "changed",
                                   G_CALLBACK (on_entry_changed), self, 0);
        }
    }
}

static void
ud_member_editor_dispose (GObject *object)
{
  UdMemberEditor *self = (UdMemberEditor *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->check_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_MEMBER_EDITOR);

  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_member_editor_parent_class)->dispose (object);
}

static void
ud_member_editor_finalize (GObject *object)
{
  UdMemberEditor *self = (UdMemberEditor *)object;

  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      g_free (self->fields[i].error);
      g_free (self->fields[i].warning);
    }
  g_clear_pointer (&self->record, ud_record_unref);
  g_clear_pointer (&self->duplicate_error, g_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->check_cancellable);

  G_OBJECT_CLASS (ud_member_editor_parent_class)->finalize (object);
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
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_CAN_SAVE:
      g_value_set_boolean (value, compute_can_save (self));
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
  object_class->finalize = ud_member_editor_finalize;
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
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, history_button);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, derived_label);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, person_problems);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, membership_problems);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, honours_problems);
  gtk_widget_class_bind_template_child (widget_class, UdMemberEditor, notes_problems);

  /* The rows are found by name through field_rows. */
  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      if (field_rows[i].row != NULL)
        gtk_widget_class_bind_template_child_full (widget_class, field_rows[i].row, FALSE, 0);
    }

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.history", NULL, history_action);
}

static void
ud_member_editor_init (UdMemberEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  setup_rows (self);

  gtk_window_set_title (GTK_WINDOW (self), _("New Member"));
  adw_window_title_set_title (self->window_title, _("New Member"));
  gtk_label_set_label (self->derived_label, "—");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
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

  if (id == 0)
    {
      self->record = ud_record_new (&ud_kind_member);
      fill_form (self);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->spinner);
      ud_db_worker_run_async (worker,
                              load_job, g_memdup2 (&id, sizeof id), g_free,
                              (GDestroyNotify)ud_record_unref,
                              self->cancellable,
                              load_done, self);
    }

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

  return self->loaded;
}

gboolean
ud_member_editor_get_can_save (UdMemberEditor *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_EDITOR (self), FALSE);

  return compute_can_save (self);
}

GtkWidget *
ud_member_editor_get_row (UdMemberEditor *self,
                          const char     *field_name)
{
  FieldState *state;

  g_return_val_if_fail (UD_IS_MEMBER_EDITOR (self), NULL);
  g_return_val_if_fail (field_name != NULL, NULL);

  state = find_state (self, field_name);
  if (state == NULL)
    return NULL;

  return state->row != NULL ? state->row : GTK_WIDGET (self->notes_view);
}

const char *
ud_member_editor_get_field_error (UdMemberEditor *self,
                                  const char     *field_name)
{
  FieldState *state;

  g_return_val_if_fail (UD_IS_MEMBER_EDITOR (self), NULL);
  g_return_val_if_fail (field_name != NULL, NULL);

  state = find_state (self, field_name);
  if (state == NULL)
    return NULL;

  if (state->error == NULL && g_strcmp0 (field_name, "id_number") == 0)
    return self->duplicate_error;

  return state->error;
}

void
ud_member_editor_save (UdMemberEditor *self)
{
  g_autoptr(UdRecord) record = NULL;

  g_return_if_fail (UD_IS_MEMBER_EDITOR (self));

  if (!compute_can_save (self))
    {
      /* Point at every field at fault, visited or not. */
      for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
        self->fields[i].touched = TRUE;
      update_problems (self);
      return;
    }

  record = ud_record_copy (self->record);
  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      g_autofree char *text = get_text (self, &self->fields[i]);

      ud_record_set_nth (record, self->fields[i].index, text);
    }
  /* Sex and birth date come from the ID number. */
  ud_record_set (record, "sex", "");
  ud_record_set (record, "birth_date", "");

  self->saving = TRUE;
  update_problems (self);

  ud_db_worker_save_record_async (self->worker, ud_member_store_save, record,
                                  self->cancellable, save_done, self);
}
