/* ud-form-binder.c — ties a hand-made editor's rows to a kind's fields
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-form-binder"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-form-binder.h"
#include "ud-record-store.h"
#include "ud-ui-util.h"

/* The whole record is checked this long after the last key. */
#define CHECK_DELAY_MS 300

typedef struct
{
  const UdField *field;
  guint          index;
  GtkWidget     *row;       /* borrowed from the template */
  GtkLabel      *problems;  /* borrowed: the group's "field-problems" label */
  gboolean       touched;
  char          *error;     /* the field alone, as typed */
  char          *warning;
  char          *checked;   /* the whole record, on the worker */
} Binding;

struct _UdFormBinder
{
  GObject           parent_instance;

  /* Owned */
  UdDbWorker       *worker;
  UdRecord         *record;
  GArray           *bindings;   /* Binding */
  GCancellable     *cancellable;
  GCancellable     *check_cancellable;
  guint             check_id;

  /* Borrowed */
  const UdKind     *kind;
  GtkWidget        *form;       /* weak */
  UdRecordSaveFunc  save;

  gboolean          loaded;
  gboolean          saving;
  gboolean          filling;
  gboolean          edited;
};

G_DEFINE_FINAL_TYPE (UdFormBinder, ud_form_binder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_CAN_SAVE,
  N_PROPS
};

enum {
  CHANGED,
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_problems (UdFormBinder *self);

static Binding *
find_binding (UdFormBinder *self,
              const char   *field)
{
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = &g_array_index (self->bindings, Binding, i);

      if (g_strcmp0 (binding->field->name, field) == 0)
        return binding;
    }

  return NULL;
}

/* Rows ------------------------------------------------------------------- */

/* A set of choices (UD_FIELD_SET) is a box "<field>_checks" with a check
 * per choice, in the field's order, made by the binder. */
static char *
get_checks (Binding *binding)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint i = 0;

  for (GtkWidget *check = gtk_widget_get_first_child (binding->row); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    {
      if (!GTK_IS_CHECK_BUTTON (check) || i >= binding->field->n_choices)
        continue;
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        {
          if (text->len > 0)
            g_string_append_c (text, ',');
          g_string_append (text, binding->field->choices[i].value);
        }
      i++;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_checks (Binding    *binding,
            const char *value)
{
  g_auto(GStrv) chosen = g_strsplit (value, ",", -1);
  guint i = 0;

  for (GtkWidget *check = gtk_widget_get_first_child (binding->row); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    {
      if (!GTK_IS_CHECK_BUTTON (check) || i >= binding->field->n_choices)
        continue;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strv_contains ((const char * const *) chosen,
                                                    binding->field->choices[i].value));
      i++;
    }
}

static char *
get_text (Binding *binding)
{
  if (g_object_get_data (G_OBJECT (binding->row), "ud-checks") != NULL)
    return get_checks (binding);

  if (GTK_IS_TEXT_VIEW (binding->row))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (binding->row));
      GtkTextIter start;
      GtkTextIter end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  if (ADW_IS_COMBO_ROW (binding->row))
    return g_strdup (ud_combo_row_get_choice (ADW_COMBO_ROW (binding->row), binding->field));

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (binding->row)));
}

static void
set_text (Binding    *binding,
          const char *value)
{
  g_autofree char *shown = NULL;

  if (value == NULL)
    value = "";

  if (g_object_get_data (G_OBJECT (binding->row), "ud-checks") != NULL)
    set_checks (binding, value);
  else if (GTK_IS_TEXT_VIEW (binding->row))
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (binding->row)), value, -1);
    }
  else if (ADW_IS_COMBO_ROW (binding->row))
    {
      ud_combo_row_set_choice (ADW_COMBO_ROW (binding->row), binding->field, value);
    }
  else
    {
      /* Money is kept in fen and typed in yuan. */
      if (binding->field->type == UD_FIELD_MONEY && value[0] != '\0')
        shown = ud_field_display (binding->field, value, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (binding->row), shown != NULL ? shown : value);
    }
}

/* The group's line of problems: a label with the style class
 * "field-problems" in the AdwPreferencesGroup the row is in. */
static GtkLabel *
find_problems_label (GtkWidget *widget)
{
  GtkWidget *group = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *child;
  GQueue queue = G_QUEUE_INIT;

  if (group == NULL)
    return NULL;

  g_queue_push_tail (&queue, group);
  while ((child = g_queue_pop_head (&queue)) != NULL)
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "field-problems"))
        {
          g_queue_clear (&queue);
          return GTK_LABEL (child);
        }
      for (GtkWidget *c = gtk_widget_get_first_child (child); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (&queue, c);
    }

  return NULL;
}

/* Checking --------------------------------------------------------------- */

static gboolean
has_errors (UdFormBinder *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = &g_array_index (self->bindings, Binding, i);

      if (binding->error != NULL || binding->checked != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
string_free (gpointer data)
{
  if (data != NULL)
    g_string_free (data, TRUE);
}

static void
update_problems (UdFormBinder *self)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (NULL, NULL, NULL, string_free);
  GHashTableIter iter;
  gpointer label;
  gpointer text;

  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = &g_array_index (self->bindings, Binding, i);
      const char *error = binding->error != NULL ? binding->error : binding->checked;
      /* An empty required field is only pointed at once it was visited. */
      gboolean show_error = error != NULL && binding->touched;
      const char *shown = show_error ? error : binding->warning;
      GString *lines;

      ud_widget_set_error (binding->row, show_error);
      gtk_widget_set_tooltip_text (binding->row, shown);
      if (binding->problems != NULL && !g_hash_table_contains (texts, binding->problems))
        g_hash_table_insert (texts, binding->problems, NULL);
      if (shown == NULL || binding->problems == NULL)
        continue;

      lines = g_hash_table_lookup (texts, binding->problems);
      if (lines == NULL)
        g_hash_table_insert (texts, binding->problems, lines = g_string_new (NULL));
      else
        g_string_append_c (lines, '\n');
      g_string_append (lines, shown);
    }

  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, &label, &text))
    ud_label_show_problem (label, text != NULL ? ((GString *) text)->str : NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE]);
}

static void
check_field (Binding *binding)
{
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autofree char *text = get_text (binding);
  g_autofree char *value = NULL;

  g_clear_pointer (&binding->error, g_free);
  g_clear_pointer (&binding->warning, g_free);

  value = ud_field_normalize (binding->field, text, issues);
  for (guint i = 0; i < issues->len; i++)
    {
      UdIssue *issue = g_ptr_array_index (issues, i);

      if (issue->warning && binding->warning == NULL)
        binding->warning = g_strdup (issue->message);
      else if (!issue->warning && binding->error == NULL)
        binding->error = g_strdup (issue->message);
    }

  if (value != NULL && value[0] == '\0' && binding->error == NULL &&
      (binding->field->flags & UD_FIELD_REQUIRED) != 0 && binding->field->default_value == NULL)
    /* Translators: a field label */
    binding->error = g_strdup_printf (_("%s: must not be empty"), _(binding->field->label));
}

/* The record as typed: the one read, with each bound field's value;
 * NULL while a field is not valid. */
static UdRecord *
build_record (UdFormBinder *self)
{
  g_autoptr(UdRecord) record = ud_record_copy (self->record);

  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = &g_array_index (self->bindings, Binding, i);
      g_autofree char *text = get_text (binding);
      g_autofree char *value = ud_field_normalize (binding->field, text, NULL);

      if (value == NULL)
        return NULL;
      ud_record_set_nth (record, binding->index, value);
    }

  return g_steal_pointer (&record);
}

static gpointer
validate_job (UdDatabase   *db,
              gpointer      data,
              GCancellable *cancellable,
              GError      **error)
{
  GPtrArray *issues = ud_issue_list_new ();

  ud_record_store_validate (db, data, issues);

  return issues;
}

static void
apply_issues (UdFormBinder *self,
              GPtrArray    *issues)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_clear_pointer (&g_array_index (self->bindings, Binding, i).checked, g_free);

  for (guint i = 0; i < issues->len; i++)
    {
      UdIssue *issue = g_ptr_array_index (issues, i);
      Binding *binding = issue->field != NULL ? find_binding (self, issue->field->name) : NULL;

      if (issue->warning)
        continue;
      /* A problem of a field without a row, or of the whole record: on
       * the first row, so that it is seen. */
      if (binding == NULL && self->bindings->len > 0)
        binding = &g_array_index (self->bindings, Binding, 0);
      if (binding != NULL && binding->checked == NULL)
        {
          binding->checked = g_strdup (issue->message);
          binding->touched = TRUE;
        }
    }

  update_problems (self);
}

static void
validate_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;

  issues = ud_db_worker_run_finish (result, &error);
  if (issues == NULL)
    {
      /* Only a quicker answer was at stake: saving checks again. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Checking the record: %s", error->message);
      return;
    }

  apply_issues (UD_FORM_BINDER (user_data), issues);
}

static gboolean
check_record (gpointer data)
{
  UdFormBinder *self = data;
  UdRecord *record;

  self->check_id = 0;
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);

  record = build_record (self);
  if (record == NULL)
    return G_SOURCE_REMOVE;

  self->check_cancellable = g_cancellable_new ();
  ud_db_worker_run_async (self->worker, validate_job, record, (GDestroyNotify) ud_record_unref,
                          (GDestroyNotify) g_ptr_array_unref, self->check_cancellable,
                          validate_done, self);

  return G_SOURCE_REMOVE;
}

static void
on_row_changed (GObject      *row,
                GParamSpec   *pspec,
                UdFormBinder *self)
{
  Binding *binding = g_object_get_data (row, "ud-binding");

  if (self->filling || !self->loaded)
    return;

  self->edited = TRUE;
  binding->touched = TRUE;
  check_field (binding);
  for (guint i = 0; i < self->bindings->len; i++)
    g_clear_pointer (&g_array_index (self->bindings, Binding, i).checked, g_free);
  update_problems (self);

  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (CHECK_DELAY_MS, check_record, self);

  g_signal_emit (self, signals[CHANGED], 0, binding->field->name);
}

static void
on_editable_changed (GtkEditable  *editable,
                     UdFormBinder *self)
{
  on_row_changed (G_OBJECT (editable), NULL, self);
}

static void
on_check_toggled (GtkCheckButton *check,
                  GtkWidget      *box)
{
  on_row_changed (G_OBJECT (box), NULL, g_object_get_data (G_OBJECT (box), "ud-binder"));
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   GtkTextView   *view)
{
  on_row_changed (G_OBJECT (view), NULL, g_object_get_data (G_OBJECT (view), "ud-binder"));
}

/* The widget under @root (itself included) whose template id is @id. */
static GtkWidget *
find_by_id (GtkWidget  *root,
            const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
bind_rows (UdFormBinder *self)
{
  for (guint i = 0; i < self->kind->n_fields; i++)
    {
      const UdField *field = &self->kind->fields[i];
      g_autofree char *row_name = g_strconcat (field->name, "_row", NULL);
      g_autofree char *view_name = g_strconcat (field->name, "_view", NULL);
      g_autofree char *checks_name = g_strconcat (field->name, "_checks", NULL);
      GtkWidget *row;
      Binding binding = { field, i };

      row = find_by_id (self->form, row_name);
      if (row == NULL)
        row = find_by_id (self->form, view_name);
      if (row == NULL && field->type == UD_FIELD_CHOICE && (field->flags & UD_FIELD_SET) != 0)
        {
          row = find_by_id (self->form, checks_name);
          if (row != NULL && !GTK_IS_BOX (row))
            row = NULL;
          for (guint c = 0; row != NULL && c < field->n_choices; c++)
            {
              GtkWidget *check = gtk_check_button_new_with_label (_(field->choices[c].label));

              g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled), row, 0);
              gtk_box_append (GTK_BOX (row), check);
            }
          if (row != NULL)
            g_object_set_data (G_OBJECT (row), "ud-checks", GINT_TO_POINTER (TRUE));
        }
      if (row == NULL)
        continue;

      binding.row = row;
      binding.problems = find_problems_label (binding.row);
      g_array_append_val (self->bindings, binding);
    }

  /* Now that the array no longer moves. */
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = &g_array_index (self->bindings, Binding, i);
      GObject *row = G_OBJECT (binding->row);

      g_object_set_data (row, "ud-binding", binding);
      if (g_object_get_data (row, "ud-checks") != NULL)
        {
          g_object_set_data (row, "ud-binder", self);
        }
      else if (GTK_IS_TEXT_VIEW (row))
        {
          g_object_set_data (row, "ud-binder", self);
          g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row)), "changed",
                                   G_CALLBACK (on_buffer_changed), row, 0);
        }
      else if (ADW_IS_COMBO_ROW (row))
        {
          /* A choice without a default may be left empty. */
          ud_combo_row_set_choices (ADW_COMBO_ROW (row), binding->field, _("None"));
          g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_row_changed), self, 0);
        }
      else
        {
          g_signal_connect_object (row, "changed", G_CALLBACK (on_editable_changed), self, 0);
        }
    }
}

/* Loading ---------------------------------------------------------------- */

static void
fill (UdFormBinder *self,
      UdRecord     *record)
{
  gboolean stored = record->id != 0;

  g_clear_pointer (&self->record, ud_record_unref);
  self->record = ud_record_ref (record);

  self->filling = TRUE;
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = &g_array_index (self->bindings, Binding, i);
      const char *value = ud_record_get_nth (record, binding->index);

      if (!stored && value[0] == '\0' && binding->field->default_value != NULL)
        value = binding->field->default_value;
      set_text (binding, value);
    }
  self->filling = FALSE;

  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = &g_array_index (self->bindings, Binding, i);

      /* A stored record's values were valid when saved: show any problem
       * (rules change) at once. */
      binding->touched = stored;
      g_clear_pointer (&binding->checked, g_free);
      check_field (binding);
    }

  self->edited = FALSE;
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  update_problems (self);
}

static gpointer
load_job (UdDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  UdRecord *wanted = data;

  return ud_record_store_get (db, wanted->kind, wanted->id, error);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) record = NULL;
  UdFormBinder *self;

  record = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_FORM_BINDER (user_data);
  if (record == NULL)
    {
      if (self->form != NULL)
        ud_widget_show_message (self->form, error->message);
      return;
    }

  fill (self, record);
}

void
ud_form_binder_set_record (UdFormBinder *self,
                           UdRecord     *record)
{
  g_return_if_fail (UD_IS_FORM_BINDER (self));
  g_return_if_fail (record != NULL && record->kind == self->kind);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  fill (self, record);
}

UdRecord *
ud_form_binder_build_record (UdFormBinder *self)
{
  g_return_val_if_fail (UD_IS_FORM_BINDER (self), NULL);

  if (self->record == NULL)
    return NULL;

  return build_record (self);
}

void
ud_form_binder_show_issues (UdFormBinder *self,
                            GPtrArray    *issues)
{
  g_return_if_fail (UD_IS_FORM_BINDER (self));
  g_return_if_fail (issues != NULL);

  apply_issues (self, issues);
}

void
ud_form_binder_load (UdFormBinder *self,
                     gint64        id)
{
  g_autoptr(UdRecord) record = NULL;

  g_return_if_fail (UD_IS_FORM_BINDER (self));

  record = ud_record_new (self->kind);
  if (id == 0)
    {
      fill (self, record);
      return;
    }

  record->id = id;
  ud_db_worker_run_async (self->worker, load_job, g_steal_pointer (&record),
                          (GDestroyNotify) ud_record_unref, (GDestroyNotify) ud_record_unref,
                          self->cancellable, load_done, self);
}

/* Someone else wrote records of the kind: show this one as it is now,
 * unless the person has typed into the form meanwhile. */
static void
on_records_changed (UdDbWorker   *worker,
                    const char   *kind,
                    UdFormBinder *self)
{
  if (!ud_db_worker_kind_changed (self->kind->name, kind) ||
      self->saving || self->edited || self->record == NULL || self->record->id == 0)
    return;

  ud_form_binder_load (self, self->record->id);
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
  UdFormBinder *self;

  record = ud_db_worker_save_record_finish (result, &issues, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_FORM_BINDER (user_data);
  self->saving = FALSE;

  if (error != NULL)
    {
      if (self->form != NULL)
        ud_widget_show_message (self->form, error->message);
      update_problems (self);
      return;
    }

  if (record == NULL)
    {
      /* The database found what typing could not: show it at the field. */
      apply_issues (self, issues);
      return;
    }

  g_clear_pointer (&self->record, ud_record_unref);
  self->record = ud_record_ref (record);
  self->edited = FALSE;
  update_problems (self);
  g_signal_emit (self, signals[SAVED], 0, record->id);
}

void
ud_form_binder_save (UdFormBinder *self)
{
  g_autoptr(UdRecord) record = NULL;

  g_return_if_fail (UD_IS_FORM_BINDER (self));

  if (!ud_form_binder_get_can_save (self))
    {
      /* Point at every field at fault, visited or not. */
      for (guint i = 0; i < self->bindings->len; i++)
        g_array_index (self->bindings, Binding, i).touched = TRUE;
      update_problems (self);
      return;
    }

  record = build_record (self);
  g_return_if_fail (record != NULL);

  g_clear_handle_id (&self->check_id, g_source_remove);
  self->saving = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE]);
  ud_db_worker_save_record_async (self->worker, self->save, record,
                                  self->cancellable, save_done, self);
}

/* GObject ---------------------------------------------------------------- */

static void
ud_form_binder_dispose (GObject *object)
{
  UdFormBinder *self = (UdFormBinder *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_weak_pointer (&self->form);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_form_binder_parent_class)->dispose (object);
}

static void
binding_clear (gpointer data)
{
  Binding *binding = data;

  g_free (binding->error);
  g_free (binding->warning);
  g_free (binding->checked);
}

static void
ud_form_binder_finalize (GObject *object)
{
  UdFormBinder *self = (UdFormBinder *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_pointer (&self->record, ud_record_unref);
  g_clear_pointer (&self->bindings, g_array_unref);

  G_OBJECT_CLASS (ud_form_binder_parent_class)->finalize (object);
}

static void
ud_form_binder_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  UdFormBinder *self = UD_FORM_BINDER (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_CAN_SAVE:
      g_value_set_boolean (value, ud_form_binder_get_can_save (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_form_binder_class_init (UdFormBinderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ud_form_binder_dispose;
  object_class->finalize = ud_form_binder_finalize;
  object_class->get_property = ud_form_binder_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_SAVE] =
    g_param_spec_boolean ("can-save", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UdFormBinder::changed:
   * @field: the name of the field whose row the person changed
   *
   * For what the editor does of its own (a member's sex and birth date
   * shown from the ID number as it is typed).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * UdFormBinder::saved:
   * @id: the row id of the record written
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
ud_form_binder_init (UdFormBinder *self)
{
  self->bindings = g_array_new (FALSE, TRUE, sizeof (Binding));
  g_array_set_clear_func (self->bindings, binding_clear);
  self->cancellable = g_cancellable_new ();
  self->save = ud_record_store_save;
}

UdFormBinder *
ud_form_binder_new (UdDbWorker   *worker,
                    const UdKind *kind,
                    GtkWidget    *form)
{
  UdFormBinder *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (form), NULL);

  self = g_object_new (UD_TYPE_FORM_BINDER, NULL);
  self->worker = g_object_ref (worker);
  self->kind = kind;
  g_set_weak_pointer (&self->form, form);
  bind_rows (self);
  g_signal_connect_object (worker, "records-changed", G_CALLBACK (on_records_changed), self, 0);

  return self;
}

void
ud_form_binder_set_save_func (UdFormBinder     *self,
                              UdRecordSaveFunc  save)
{
  g_return_if_fail (UD_IS_FORM_BINDER (self));
  g_return_if_fail (save != NULL);

  self->save = save;
}

gboolean
ud_form_binder_get_loaded (UdFormBinder *self)
{
  g_return_val_if_fail (UD_IS_FORM_BINDER (self), FALSE);

  return self->loaded;
}

UdRecord *
ud_form_binder_get_record (UdFormBinder *self)
{
  g_return_val_if_fail (UD_IS_FORM_BINDER (self), NULL);

  return self->record;
}

gboolean
ud_form_binder_get_can_save (UdFormBinder *self)
{
  g_return_val_if_fail (UD_IS_FORM_BINDER (self), FALSE);

  return self->loaded && !self->saving && !has_errors (self);
}

char *
ud_form_binder_get_value (UdFormBinder *self,
                          const char   *field)
{
  Binding *binding;
  g_autofree char *text = NULL;

  g_return_val_if_fail (UD_IS_FORM_BINDER (self), NULL);

  binding = find_binding (self, field);
  if (binding == NULL)
    return NULL;

  text = get_text (binding);

  return ud_field_normalize (binding->field, text, NULL);
}

GtkWidget *
ud_form_binder_get_row (UdFormBinder *self,
                        const char   *field)
{
  Binding *binding;

  g_return_val_if_fail (UD_IS_FORM_BINDER (self), NULL);

  binding = find_binding (self, field);

  return binding != NULL ? binding->row : NULL;
}

const char *
ud_form_binder_get_field_error (UdFormBinder *self,
                                const char   *field)
{
  Binding *binding;

  g_return_val_if_fail (UD_IS_FORM_BINDER (self), NULL);

  binding = find_binding (self, field);
  if (binding == NULL || !binding->touched)
    return NULL;

  return binding->error != NULL ? binding->error : binding->checked;
}
