/* ud-step-dialog.c — one step of a record's workflow, for any kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-step-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ud-step-dialog.h"
#include "ud-kind.h"
#include "ud-money.h"
#include "ud-ui-util.h"
#include "ud-validate.h"

/* The rows are made from the step's description when the dialog is
 * made; the dialog keeps, for each opinion and each field, the rows that
 * hold it.  It only points at what is plainly wrong as it is typed (a
 * date that is none, a required value missing); the rest is the core's
 * to say, in the core's words. */

typedef struct
{
  AdwEntryRow *opinion;
  AdwEntryRow *signer;     /* NULL: the acting person signs */
  AdwEntryRow *signed_on;  /* NULL: today */
  const char  *label;      /* translated: whose opinion */
  gboolean     required;
} OpinionRows;

typedef struct
{
  const UdStepField *wanted;
  const UdField     *field;
  GtkWidget         *row;   /* AdwEntryRow, or AdwComboRow for a choice */
} FieldRow;

typedef struct
{
  UdStepDialogCheck check;
  gpointer          data;
  GDestroyNotify    destroy;
} Check;

struct _UdStepDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkButton            *apply_button;
  GtkLabel             *refusal_label;
  GtkWidget            *refusal_group;
  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *main_group;
  GtkBox               *extras_box;
  GtkLabel             *problems_label;

  /* Owned */
  UdDbWorker           *worker;
  UdRecord             *record;
  GCancellable         *cancellable;
  OpinionRows          *papers;     /* one per step->papers */
  OpinionRows           opinion;
  FieldRow             *fields;     /* one per step->fields */
  GArray               *checks;     /* Check */
  char                 *problem;
  char                 *refusal;
  char                 *transition;   /* “From “Reviewed” to “Approved”.” */

  const UdWorkflowStep *step;
  gboolean              busy;
  gboolean              notice_to_typed;
  gboolean              filling;
};

G_DEFINE_FINAL_TYPE (UdStepDialog, ud_step_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static const char *
row_title (GtkWidget *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static char *
today_iso (void)
{
  GDate today;

  ud_date_today (&today);
  return ud_date_to_iso (&today);
}

static char *
required_problem (GtkWidget *row)
{
  /* Translators: a field title */
  return g_strdup_printf (_("%s: must not be empty"), row_title (row));
}

/* A date as typed: none is @required's problem, else it must be one, and
 * not ahead unless @future. */
static char *
date_problem (AdwEntryRow *row,
              gboolean     required,
              gboolean     future)
{
  g_autofree char *text = stripped (row);
  g_autofree char *today = NULL;
  g_autofree char *iso = NULL;
  GDate date;

  if (*text == '\0')
    return required ? required_problem (GTK_WIDGET (row)) : NULL;
  if (!ud_date_parse (text, &date, NULL))
    /* Translators: a field title */
    return g_strdup_printf (_("%s: must be a date such as 2024-09-01"), row_title (GTK_WIDGET (row)));

  today = today_iso ();
  iso = ud_date_to_iso (&date);
  if (!future && strcmp (iso, today) > 0)
    /* Translators: a field label, then a date */
    return g_strdup_printf (_("%s: %s is in the future."), row_title (GTK_WIDGET (row)), iso);

  return NULL;
}

static void
mark (GString   *problems,
      GtkWidget *row,
      char      *problem)
{
  g_autofree char *owned = problem;

  if (row != NULL)
    ud_form_note_problem (problems, row, owned);
  else if (owned != NULL)
    g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n" : "", owned);
}

static void
check_opinion (GString     *problems,
               OpinionRows *rows)
{
  g_autofree char *opinion = stripped (rows->opinion);
  g_autofree char *signer = rows->signer != NULL ? stripped (rows->signer) : g_strdup ("");
  g_autofree char *signed_on = rows->signed_on != NULL ? stripped (rows->signed_on) : g_strdup ("");

  /* A signature without the opinion it signs is a slip. */
  mark (problems, GTK_WIDGET (rows->opinion),
        *opinion == '\0' && (rows->required || *signer != '\0' || *signed_on != '\0')
        ? required_problem (GTK_WIDGET (rows->opinion)) : NULL);
  if (rows->signed_on != NULL)
    mark (problems, GTK_WIDGET (rows->signed_on), date_problem (rows->signed_on, FALSE, FALSE));
}

static char *
field_problem (FieldRow *row)
{
  const UdField *field = row->field;
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *text = NULL;
  g_autofree char *value = NULL;

  if (ADW_IS_COMBO_ROW (row->row))
    {
      if (row->wanted->required && *ud_combo_row_get_choice (ADW_COMBO_ROW (row->row), field) == '\0')
        /* Translators: a field title */
        return g_strdup_printf (_("%s: choose one"), row_title (row->row));
      return NULL;
    }

  if (field->type == UD_FIELD_DATE)
    return date_problem (ADW_ENTRY_ROW (row->row), row->wanted->required, row->wanted->future_allowed);

  text = stripped (ADW_ENTRY_ROW (row->row));
  if (*text == '\0')
    return row->wanted->required ? required_problem (row->row) : NULL;
  if (field->max_length > 0 && (guint) g_utf8_strlen (text, -1) > field->max_length)
    /* Translators: a field title, then a number of characters */
    return g_strdup_printf (_("%s: at most %u characters."), row_title (row->row), field->max_length);
  if (field->type == UD_FIELD_TEXT)
    return NULL;

  issues = ud_issue_list_new ();
  value = ud_field_normalize (field, text, issues);
  if (ud_issue_list_first_error (issues, 0) != NULL)
    return g_strdup (ud_issue_list_first_error (issues, 0)->message);

  return NULL;
}

static FieldRow *
find_field (UdStepDialog *self,
            const char   *name)
{
  for (guint i = 0; i < self->step->n_fields; i++)
    if (g_str_equal (self->fields[i].wanted->field, name))
      return &self->fields[i];

  return NULL;
}

/* A public notice: from its first day, where the shortest one ends. */
static void
describe_notice (UdStepDialog *self)
{
  g_autofree char *from_text = NULL;
  g_autofree char *description = NULL;
  GDate from;
  GDate end;

  if (self->step->notice_working_days == 0)
    return;

  from_text = stripped (ADW_ENTRY_ROW (self->fields[0].row));
  if (ud_date_parse (from_text, &from, NULL))
    {
      g_autofree char *end_text = NULL;

      ud_workflow_notice_shortest_end (self->step, &from, &end);
      end_text = ud_date_to_iso (&end);
      description = g_strdup_printf (ngettext ("A public notice runs at least %u working day (Monday to Friday; public holidays are not counted out): from %s, it may end on %s at the earliest.",
                                               "A public notice runs at least %u working days (Monday to Friday; public holidays are not counted out): from %s, it may end on %s at the earliest.",
                                               self->step->notice_working_days),
                                     self->step->notice_working_days, from_text, end_text);
      /* The last day follows the first until it is typed. */
      if (!self->notice_to_typed)
        {
          self->filling = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (self->fields[1].row), end_text);
          self->filling = FALSE;
        }
    }
  else
    description = g_strdup_printf (ngettext ("A public notice runs at least %u working day (Monday to Friday; public holidays are not counted out).",
                                             "A public notice runs at least %u working days (Monday to Friday; public holidays are not counted out).",
                                             self->step->notice_working_days),
                                   self->step->notice_working_days);

  {
    g_autofree char *both = g_strconcat (self->transition, "\n", description, NULL);

    adw_preferences_group_set_description (self->main_group, both);
  }
}

static void
validate (UdStepDialog *self)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint i = 0; i < self->step->n_papers; i++)
    check_opinion (problems, &self->papers[i]);
  if (self->opinion.opinion != NULL)
    check_opinion (problems, &self->opinion);
  for (guint i = 0; i < self->step->n_fields; i++)
    mark (problems, self->fields[i].row, field_problem (&self->fields[i]));
  for (guint i = 0; i < self->checks->len; i++)
    {
      Check *check = &g_array_index (self->checks, Check, i);

      mark (problems, NULL, check->check (self, check->data));
    }

  g_clear_pointer (&self->problem, g_free);
  if (problems->len > 0)
    {
      const char *newline = strchr (problems->str, '\n');

      self->problem = newline != NULL ? g_strndup (problems->str, (gsize)(newline - problems->str))
                                      : g_strdup (problems->str);
    }

  ud_label_show_problem (self->problems_label, problems->len > 0 ? problems->str : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "step.apply", self->problem == NULL && !self->busy);
}

static void
on_changed (GtkWidget    *row,
            UdStepDialog *self)
{
  if (self->filling)
    return;

  if (self->step->notice_working_days > 0)
    {
      if (row == self->fields[1].row)
        self->notice_to_typed = TRUE;
      else if (row == self->fields[0].row)
        describe_notice (self);
    }
  validate (self);
}

/* The step, on the worker ------------------------------------------------- */

typedef struct
{
  const UdKind   *kind;
  gint64          id;
  char           *step;
  UdStepOpinion   opinion;
  UdStepOpinion  *papers;
  guint           n_papers;
  char          **values;
} StepData;

static void
opinion_free (UdStepOpinion *opinion)
{
  g_free ((char *) opinion->opinion);
  g_free ((char *) opinion->signer);
  g_free ((char *) opinion->signed_on);
}

static void
step_data_free (gpointer data)
{
  StepData *step = data;

  g_free (step->step);
  opinion_free (&step->opinion);
  for (guint i = 0; i < step->n_papers; i++)
    opinion_free (&step->papers[i]);
  g_free (step->papers);
  g_strfreev (step->values);
  g_free (step);
}

static gpointer
step_job (UdDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  StepData *step = data;
  UdStepInput input = { step->opinion, step->papers, (const char * const *) step->values };
  UdRecord *stored = NULL;

  if (!ud_workflow_take (db, step->kind, step->id, step->step, &input, &stored, error))
    return NULL;

  return stored;
}

static char *
nonempty (char *text)
{
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static void
read_opinion (OpinionRows   *rows,
              UdStepOpinion *out)
{
  out->opinion = rows->opinion != NULL ? nonempty (stripped (rows->opinion)) : NULL;
  out->signer = rows->signer != NULL ? nonempty (stripped (rows->signer)) : NULL;
  out->signed_on = rows->signed_on != NULL ? nonempty (stripped (rows->signed_on)) : NULL;
}

static void
set_busy (UdStepDialog *self,
          gboolean      busy)
{
  self->busy = busy;
  validate (self);
}

static void
show_refusal (UdStepDialog *self,
              const char   *refusal)
{
  g_clear_pointer (&self->refusal, g_free);
  self->refusal = g_strdup (refusal);
  gtk_label_set_label (self->refusal_label, refusal != NULL ? refusal : "");
  gtk_widget_set_visible (self->refusal_group, refusal != NULL);
}

static void
step_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) stored = NULL;
  UdStepDialog *self;

  stored = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_STEP_DIALOG (user_data);
  set_busy (self, FALSE);

  if (stored == NULL)
    {
      show_refusal (self, error->message);
      return;
    }

  /* Keep the dialog alive through the handlers. */
  g_object_ref (self);
  ud_db_worker_notify_records_changed (self->worker, self->record->kind->name);
  g_signal_emit (self, signals[DONE], 0, stored);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

void
ud_step_dialog_apply (UdStepDialog *self)
{
  StepData *step;

  g_return_if_fail (UD_IS_STEP_DIALOG (self));

  validate (self);
  if (self->problem != NULL || self->busy)
    return;

  step = g_new0 (StepData, 1);
  step->kind = self->record->kind;
  step->id = self->record->id;
  step->step = g_strdup (self->step->name);
  read_opinion (&self->opinion, &step->opinion);
  step->n_papers = self->step->n_papers;
  step->papers = g_new0 (UdStepOpinion, MAX (step->n_papers, 1));
  for (guint i = 0; i < step->n_papers; i++)
    read_opinion (&self->papers[i], &step->papers[i]);
  step->values = g_new0 (char *, self->step->n_fields + 1);
  for (guint i = 0; i < self->step->n_fields; i++)
    step->values[i] = ud_step_dialog_get_field_text (self, self->step->fields[i].field);

  show_refusal (self, NULL);
  set_busy (self, TRUE);
  ud_db_worker_run_async (self->worker,
                          step_job, step, step_data_free,
                          (GDestroyNotify) ud_record_unref,
                          self->cancellable,
                          step_done, self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ud_step_dialog_apply (UD_STEP_DIALOG (widget));
}

/* Building the rows ------------------------------------------------------- */

static AdwEntryRow *
add_entry (UdStepDialog        *self,
           AdwPreferencesGroup *group,
           const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, row);
  g_signal_connect_object (row, "changed", G_CALLBACK (on_changed), self, 0);

  return ADW_ENTRY_ROW (row);
}

static void
add_opinion_rows (UdStepDialog        *self,
                  AdwPreferencesGroup *group,
                  OpinionRows         *rows,
                  const char          *opinion_title,
                  gboolean             paper)
{
  rows->opinion = add_entry (self, group, opinion_title);
  if (paper)
    {
      rows->signer = add_entry (self, group, _("Signed by (on paper)"));
      rows->signed_on = add_entry (self, group, _("Signed on (YYYY-MM-DD)"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (rows->signed_on),
                                   _("The date written on the paper; left empty, today"));
    }
}

static void
add_field_row (UdStepDialog *self,
               FieldRow     *row)
{
  const UdField *field = row->field;
  const char *value = ud_record_get (self->record, field->name);
  g_autofree char *title = NULL;

  if (field->type == UD_FIELD_CHOICE)
    {
      GtkWidget *combo = adw_combo_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _(field->label));
      /* A decision is chosen, never taken from the first of the list. */
      ud_combo_row_set_choices (ADW_COMBO_ROW (combo), field, row->wanted->required ? _("Not chosen") : _("None"));
      if (value != NULL && *value != '\0')
        ud_combo_row_set_choice (ADW_COMBO_ROW (combo), field, value);
      adw_preferences_group_add (self->main_group, combo);
      g_signal_connect_object (combo, "notify::selected", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
      row->row = combo;
      return;
    }

  if (field->type == UD_FIELD_DATE)
    /* Translators: a date field's title */
    title = g_strdup_printf (_("%s (YYYY-MM-DD)"), _(field->label));
  else if (field->type == UD_FIELD_MONEY)
    /* Translators: an amount field's title */
    title = g_strdup_printf (_("%s (yuan)"), _(field->label));
  else
    title = g_strdup (_(field->label));
  row->row = GTK_WIDGET (add_entry (self, self->main_group, title));
  if (field->type == UD_FIELD_MONEY || field->type == UD_FIELD_INT)
    gtk_editable_set_alignment (GTK_EDITABLE (row->row), 0);
  if (row->wanted->hint != NULL)
    gtk_widget_set_tooltip_text (row->row, _(row->wanted->hint));

  /* What the record holds already (a notice recorded before), else a
   * required date starts as today. */
  self->filling = TRUE;
  if (value != NULL && *value != '\0')
    {
      g_autofree char *shown = field->type == UD_FIELD_MONEY
                               ? ud_money_format_plain (g_ascii_strtoll (value, NULL, 10))
                               : g_strdup (value);

      gtk_editable_set_text (GTK_EDITABLE (row->row), shown);
    }
  else if (field->type == UD_FIELD_DATE && row->wanted->required)
    {
      g_autofree char *today = today_iso ();

      gtk_editable_set_text (GTK_EDITABLE (row->row), today);
    }
  self->filling = FALSE;
}

/* GObject ---------------------------------------------------------------- */

static void
ud_step_dialog_dispose (GObject *object)
{
  UdStepDialog *self = (UdStepDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_step_dialog_parent_class)->dispose (object);
}

static void
ud_step_dialog_finalize (GObject *object)
{
  UdStepDialog *self = (UdStepDialog *)object;

  for (guint i = 0; i < self->checks->len; i++)
    {
      Check *check = &g_array_index (self->checks, Check, i);

      if (check->destroy != NULL)
        check->destroy (check->data);
    }
  g_array_unref (self->checks);
  g_clear_pointer (&self->record, ud_record_unref);
  g_clear_object (&self->cancellable);
  g_free (self->papers);
  g_free (self->fields);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->transition, g_free);

  G_OBJECT_CLASS (ud_step_dialog_parent_class)->finalize (object);
}

static void
ud_step_dialog_class_init (UdStepDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_step_dialog_dispose;
  object_class->finalize = ud_step_dialog_finalize;

  /**
   * UdStepDialog::done:
   * @record: (type gpointer): the record as stored, a UdRecord
   *
   * The step was recorded.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_install_action (widget_class, "step.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ud_step_dialog_init (UdStepDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->cancellable = g_cancellable_new ();
  self->checks = g_array_new (FALSE, TRUE, sizeof (Check));

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 600);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 294);

  self->window_title = ADW_WINDOW_TITLE (adw_window_title_new ("", NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->window_title));
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->apply_button = GTK_BUTTON (gtk_button_new ());
  gtk_button_set_use_underline (self->apply_button, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->apply_button), "step.apply");
  gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->apply_button));
  gtk_box_append (GTK_BOX (box), header);

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->page));

  self->refusal_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->refusal_label, 0);
  gtk_label_set_wrap (self->refusal_label, TRUE);
  gtk_label_set_selectable (self->refusal_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->refusal_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->refusal_label), "step-refusal");
  self->refusal_group = adw_preferences_group_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->refusal_group), GTK_WIDGET (self->refusal_label));
  gtk_widget_set_visible (self->refusal_group, FALSE);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (self->refusal_group));

  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
finish_group (UdStepDialog *self)
{
  self->extras_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_visible (GTK_WIDGET (self->extras_box), FALSE);
  adw_preferences_group_add (self->main_group, GTK_WIDGET (self->extras_box));

  self->problems_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->problems_label, 0);
  gtk_label_set_wrap (self->problems_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems_label), "field-problems");
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), FALSE);
  adw_preferences_group_add (self->main_group, GTK_WIDGET (self->problems_label));
}

UdStepDialog *
ud_step_dialog_new (UdDbWorker *worker,
                    UdRecord   *record,
                    const char *step_name)
{
  const UdWorkflow *workflow;
  const UdWorkflowStep *step;
  UdStepDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (record != NULL && record->id > 0, NULL);
  g_return_val_if_fail (record->kind->workflow != NULL, NULL);
  g_return_val_if_fail (step_name != NULL, NULL);

  workflow = record->kind->workflow;
  step = ud_workflow_find_step (workflow, step_name);
  g_return_val_if_fail (step != NULL, NULL);

  self = g_object_new (UD_TYPE_STEP_DIALOG, NULL);
  self->worker = g_object_ref (worker);
  self->record = ud_record_ref (record);
  self->step = step;

  gtk_window_set_title (GTK_WINDOW (self), _(step->label));
  adw_window_title_set_title (self->window_title, _(step->label));
  /* Translators: what a record is ("Application") and what names it */
  subtitle = g_strdup_printf (_("%s %s"), _(workflow->noun), ud_record_get (record, workflow->name_field));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_button_set_label (self->apply_button, _(step->label));

  /* The opinions from paper the step records first, as the form has them. */
  self->papers = g_new0 (OpinionRows, MAX (step->n_papers, 1));
  for (guint i = 0; i < step->n_papers; i++)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(step->papers[i].label));
      if (!step->papers[i].required)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _("From the paper form, when it carries one"));
      self->papers[i].label = _(step->papers[i].label);
      self->papers[i].required = step->papers[i].required;
      add_opinion_rows (self, ADW_PREFERENCES_GROUP (group), &self->papers[i], _("Opinion"), TRUE);
      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
    }

  self->main_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  if (step->n_papers > 0)
    adw_preferences_group_set_title (self->main_group, _(step->label));
  /* Where the record is, and where the step takes it. */
  {
    const char * const now[] = { ud_record_get (record, workflow->state_field), NULL };
    const char * const next[] = { step->to, NULL };
    g_autofree char *is = ud_workflow_describe_states (workflow, record->kind, now);

    if (step->to != NULL)
      {
        g_autofree char *becomes = ud_workflow_describe_states (workflow, record->kind, next);

        /* Translators: two states of a record, quoted: From “Reviewed” to “Approved”. */
        self->transition = g_strdup_printf (_("From %s to %s."), is, becomes);
      }
    else
      /* Translators: a state of a record, quoted: The state stays “Approved”. */
      self->transition = g_strdup_printf (_("The state stays %s."), is);
    adw_preferences_group_set_description (self->main_group, self->transition);
  }
  adw_preferences_page_add (self->page, self->main_group);

  if (step->opinion == UD_OPINION_REQUIRED)
    {
      self->opinion.label = _(step->opinion_label);
      self->opinion.required = TRUE;
      add_opinion_rows (self, self->main_group, &self->opinion, _(step->opinion_label), step->from_paper);
    }

  self->fields = g_new0 (FieldRow, MAX (step->n_fields, 1));
  for (guint i = 0; i < step->n_fields; i++)
    {
      self->fields[i].wanted = &step->fields[i];
      self->fields[i].field = ud_kind_find_field (record->kind, step->fields[i].field);
      g_assert (self->fields[i].field != NULL);
      add_field_row (self, &self->fields[i]);
    }

  finish_group (self);

  if (step->notice_working_days > 0)
    {
      /* A notice recorded before keeps its last day. */
      self->notice_to_typed = *ud_record_get (record, step->fields[1].field) != '\0';
      describe_notice (self);
    }

  validate (self);
  /* Nothing typed yet: no red before the first keystroke. */
  for (guint i = 0; i < step->n_papers; i++)
    {
      ud_widget_set_error (GTK_WIDGET (self->papers[i].opinion), FALSE);
      ud_widget_set_error (GTK_WIDGET (self->papers[i].signed_on), FALSE);
    }
  if (self->opinion.opinion != NULL)
    ud_widget_set_error (GTK_WIDGET (self->opinion.opinion), FALSE);
  for (guint i = 0; i < step->n_fields; i++)
    ud_widget_set_error (self->fields[i].row, FALSE);
  ud_label_show_problem (self->problems_label, NULL);

  return self;
}

const UdWorkflowStep *
ud_step_dialog_get_step (UdStepDialog *self)
{
  g_return_val_if_fail (UD_IS_STEP_DIALOG (self), NULL);

  return self->step;
}

UdRecord *
ud_step_dialog_get_record (UdStepDialog *self)
{
  g_return_val_if_fail (UD_IS_STEP_DIALOG (self), NULL);

  return self->record;
}

GtkWidget *
ud_step_dialog_get_field_row (UdStepDialog *self,
                              const char   *field)
{
  FieldRow *row;

  g_return_val_if_fail (UD_IS_STEP_DIALOG (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  row = find_field (self, field);
  return row != NULL ? row->row : NULL;
}

char *
ud_step_dialog_get_field_text (UdStepDialog *self,
                               const char   *field)
{
  FieldRow *row;

  g_return_val_if_fail (UD_IS_STEP_DIALOG (self), NULL);

  row = find_field (self, field);
  g_return_val_if_fail (row != NULL, NULL);

  if (ADW_IS_COMBO_ROW (row->row))
    return g_strdup (ud_combo_row_get_choice (ADW_COMBO_ROW (row->row), row->field));

  return stripped (ADW_ENTRY_ROW (row->row));
}

void
ud_step_dialog_set_field_text (UdStepDialog *self,
                               const char   *field,
                               const char   *text)
{
  FieldRow *row;

  g_return_if_fail (UD_IS_STEP_DIALOG (self));

  row = find_field (self, field);
  g_return_if_fail (row != NULL);

  if (ADW_IS_COMBO_ROW (row->row))
    ud_combo_row_set_choice (ADW_COMBO_ROW (row->row), row->field, text != NULL ? text : "");
  else
    gtk_editable_set_text (GTK_EDITABLE (row->row), text != NULL ? text : "");
}

void
ud_step_dialog_add_extra (UdStepDialog *self,
                          GtkWidget    *widget)
{
  g_return_if_fail (UD_IS_STEP_DIALOG (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (self->extras_box, widget);
  gtk_widget_set_visible (GTK_WIDGET (self->extras_box), TRUE);
}

void
ud_step_dialog_add_check (UdStepDialog      *self,
                          UdStepDialogCheck  check,
                          gpointer           user_data,
                          GDestroyNotify     destroy)
{
  Check entry = { check, user_data, destroy };

  g_return_if_fail (UD_IS_STEP_DIALOG (self));
  g_return_if_fail (check != NULL);

  g_array_append_val (self->checks, entry);
  validate (self);
}

void
ud_step_dialog_revalidate (UdStepDialog *self)
{
  g_return_if_fail (UD_IS_STEP_DIALOG (self));

  validate (self);
}

void
ud_step_dialog_set_refusal (UdStepDialog *self,
                            const char   *refusal)
{
  g_return_if_fail (UD_IS_STEP_DIALOG (self));

  show_refusal (self, refusal);
}

const char *
ud_step_dialog_get_problem (UdStepDialog *self)
{
  g_return_val_if_fail (UD_IS_STEP_DIALOG (self), NULL);

  return self->problem;
}

const char *
ud_step_dialog_get_refusal (UdStepDialog *self)
{
  g_return_val_if_fail (UD_IS_STEP_DIALOG (self), NULL);

  return self->refusal;
}

gboolean
ud_step_dialog_get_busy (UdStepDialog *self)
{
  g_return_val_if_fail (UD_IS_STEP_DIALOG (self), FALSE);

  return self->busy;
}
