/* ud-relief-step-dialog.c — one step of a relief application's workflow
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-relief-step-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ud-relief-step-dialog.h"
#include "ud-illness-store.h"
#include "ud-kind.h"
#include "ud-money.h"
#include "ud-ui-util.h"
#include "ud-validate.h"

/* The dialog only gathers what the step needs and points at what is
 * missing as it is typed; whether the step may happen is the core's to
 * say (ud-illness-store.h), in its own words, shown in the dialog. */

typedef enum
{
  ROW_OPINION          = 1 << 0,
  ROW_SIGNER           = 1 << 1,
  ROW_STREET           = 1 << 2,
  ROW_AMOUNT           = 1 << 3,
  ROW_PAYMENT          = 1 << 4,
  ROW_NOTICE           = 1 << 5,
} StepRows;

typedef struct
{
  const char *step;
  const char *title;          /* N_() */
  const char *apply_label;    /* N_() */
  const char *opinion_title;  /* N_() */
  StepRows    rows;
  gboolean    destructive;
} StepInfo;

static const StepInfo step_infos[] = {
  { "submit",  N_("Submit Application"), N_("_Submit"),
    N_("Opinion of the grassroots union"), ROW_OPINION | ROW_SIGNER, FALSE },
  { "review",  N_("Review Application"), N_("_Reviewed"),
    N_("Review opinion of the district relief centre"), ROW_OPINION | ROW_STREET, FALSE },
  { "return",  N_("Return Application"), N_("Re_turn"),
    N_("Why it goes back"), ROW_OPINION, FALSE },
  { "approve", N_("Approve Application"), N_("_Approve"),
    N_("Approval opinion of the district union"), ROW_OPINION | ROW_AMOUNT, FALSE },
  { "reject",  N_("Reject Application"), N_("Re_ject"),
    N_("Why no relief is granted"), ROW_OPINION, TRUE },
  { "notice",  N_("Public Notice"), N_("_Record Notice"),
    NULL, ROW_NOTICE, FALSE },
  { "pay",     N_("Record Payment"), N_("_Record Payment"),
    NULL, ROW_PAYMENT, FALSE },
};

struct _UdReliefStepDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkButton            *apply_button;
  GtkLabel             *refusal_label;
  AdwPreferencesGroup  *street_group;
  AdwEntryRow          *street_opinion_row;
  AdwEntryRow          *street_signer_row;
  AdwEntryRow          *street_signed_on_row;
  AdwEntryRow          *opinion_row;
  AdwEntryRow          *signer_row;
  AdwEntryRow          *signed_on_row;
  AdwEntryRow          *amount_row;
  AdwEntryRow          *amount_reason_row;
  AdwEntryRow          *paid_on_row;
  AdwEntryRow          *notice_from_row;
  AdwEntryRow          *notice_to_row;
  AdwComboRow          *method_row;
  AdwEntryRow          *receipt_row;
  GtkLabel             *problems_label;

  /* Owned */
  UdDbWorker           *worker;
  UdRecord             *application;
  GCancellable         *cancellable;
  char                 *problem;
  char                 *refusal;

  const StepInfo       *info;
  UdFen                 min_amount;
  UdFen                 max_amount;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (UdReliefStepDialog, ud_relief_step_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (text_of (row)));
}

static UdFen
suggested (UdReliefStepDialog *self)
{
  return g_ascii_strtoll (ud_record_get (self->application, "suggested_amount"), NULL, 10);
}

/* Appends the problem of @row (NULL: none, else taken) and marks the row. */
static void
mark (GString     *problems,
      AdwEntryRow *row,
      char        *problem)
{
  g_autofree char *owned = problem;

  ud_form_note_problem (problems, GTK_WIDGET (row), owned);
}

static char *
date_problem (AdwEntryRow *row,
              gboolean     required)
{
  g_autofree char *text = stripped (row);
  GDate date;

  if (*text == '\0')
    /* Translators: a field title */
    return required ? g_strdup_printf (_("%s: must not be empty"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))) : NULL;
  if (!ud_date_parse (text, &date, NULL))
    /* Translators: a field title */
    return g_strdup_printf (_("%s: must be a date such as 2024-09-01"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

  return NULL;
}

static char *
required_problem (AdwEntryRow *row)
{
  g_autofree char *text = stripped (row);

  if (*text != '\0')
    return NULL;

  return g_strdup_printf (_("%s: must not be empty"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static void
validate (UdReliefStepDialog *self)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  StepRows rows = self->info->rows;

  if (rows & ROW_OPINION)
    mark (problems, self->opinion_row, required_problem (self->opinion_row));
  if (rows & ROW_SIGNER)
    mark (problems, self->signed_on_row, date_problem (self->signed_on_row, FALSE));
  if (rows & ROW_STREET)
    {
      g_autofree char *street = stripped (self->street_opinion_row);
      g_autofree char *signer = stripped (self->street_signer_row);
      g_autofree char *signed_on = stripped (self->street_signed_on_row);

      /* A signature without the opinion it signs is a slip. */
      mark (problems, self->street_opinion_row,
            *street == '\0' && (*signer != '\0' || *signed_on != '\0') ? required_problem (self->street_opinion_row) : NULL);
      mark (problems, self->street_signed_on_row, date_problem (self->street_signed_on_row, FALSE));
    }
  if (rows & ROW_AMOUNT)
    {
      g_autofree char *text = stripped (self->amount_row);
      g_autofree char *reason = stripped (self->amount_reason_row);
      char *amount_problem = NULL;
      char *reason_problem = NULL;
      UdFen fen = 0;

      if (*text == '\0')
        amount_problem = required_problem (self->amount_row);
      else if (!ud_money_parse (text, &fen, NULL))
        amount_problem = g_strdup_printf (_("%s: must be an amount such as 12,000.00"),
                                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->amount_row)));
      else if (fen < self->min_amount || fen > self->max_amount)
        {
          g_autofree char *min = ud_money_format (self->min_amount);
          g_autofree char *max = ud_money_format (self->max_amount);

          /* Translators: a field title, then the smallest and largest amounts */
          amount_problem = g_strdup_printf (_("%s: must lie between %s and %s yuan"),
                                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->amount_row)), min, max);
        }
      else if (fen != suggested (self) && *reason == '\0')
        {
          /* Translators: a field title */
          reason_problem = g_strdup_printf (_("%s: needed when the amount differs from the suggestion"),
                                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->amount_reason_row)));
        }

      mark (problems, self->amount_row, amount_problem);
      mark (problems, self->amount_reason_row, reason_problem);
    }
  if (rows & ROW_NOTICE)
    {
      mark (problems, self->notice_from_row, date_problem (self->notice_from_row, TRUE));
      mark (problems, self->notice_to_row, date_problem (self->notice_to_row, TRUE));
    }
  if (rows & ROW_PAYMENT)
    {
      mark (problems, self->paid_on_row, date_problem (self->paid_on_row, TRUE));
      mark (problems, self->receipt_row, required_problem (self->receipt_row));
    }

  g_clear_pointer (&self->problem, g_free);
  if (problems->len > 0)
    {
      const char *newline = strchr (problems->str, '\n');

      self->problem = newline != NULL ? g_strndup (problems->str, (gsize)(newline - problems->str)) : g_strdup (problems->str);
    }

  ud_label_show_problem (self->problems_label, problems->len > 0 ? problems->str : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "step.apply", self->problem == NULL && !self->busy);
}

static void
on_changed (UdReliefStepDialog *self)
{
  validate (self);
}

/* The step, on the worker ------------------------------------------------- */

typedef struct
{
  char   *step;
  gint64  id;
  char   *opinion;
  char   *signer;
  char   *signed_on;
  char   *street_opinion;
  char   *street_signer;
  char   *street_signed_on;
  UdFen   amount;
  char   *amount_reason;
  char   *paid_on;
  char   *method;
  char   *receipt;
  char   *notice_from;
  char   *notice_to;
} StepData;

static void
step_data_free (gpointer data)
{
  StepData *step = data;

  g_free (step->step);
  g_free (step->opinion);
  g_free (step->signer);
  g_free (step->signed_on);
  g_free (step->street_opinion);
  g_free (step->street_signer);
  g_free (step->street_signed_on);
  g_free (step->amount_reason);
  g_free (step->paid_on);
  g_free (step->method);
  g_free (step->receipt);
  g_free (step->notice_from);
  g_free (step->notice_to);
  g_free (step);
}

static char *
nonempty (char *text)
{
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static gpointer
step_job (UdDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  StepData *step = data;
  UdIllnessOpinion opinion = { step->opinion, step->signer, step->signed_on };
  UdIllnessOpinion street = { step->street_opinion, step->street_signer, step->street_signed_on };
  gboolean ok = FALSE;

  if (g_str_equal (step->step, "submit"))
    ok = ud_illness_store_submit (db, step->id, &opinion, error);
  else if (g_str_equal (step->step, "review"))
    ok = ud_illness_store_review (db, step->id, step->street_opinion != NULL ? &street : NULL, &opinion, error);
  else if (g_str_equal (step->step, "return"))
    ok = ud_illness_store_return (db, step->id, step->opinion, error);
  else if (g_str_equal (step->step, "approve"))
    ok = ud_illness_store_approve (db, step->id, step->amount, step->amount_reason, &opinion, error);
  else if (g_str_equal (step->step, "reject"))
    ok = ud_illness_store_reject (db, step->id, &opinion, error);
  else if (g_str_equal (step->step, "notice"))
    ok = ud_illness_store_record_notice (db, step->id, step->notice_from, step->notice_to, error);
  else if (g_str_equal (step->step, "pay"))
    {
      UdIllnessPayment payment = { step->paid_on, step->method, step->receipt };

      ok = ud_illness_store_record_payment (db, step->id, &payment, error);
    }
  else
    g_assert_not_reached ();

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
set_busy (UdReliefStepDialog *self,
          gboolean            busy)
{
  self->busy = busy;
  validate (self);
}

static void
step_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdReliefStepDialog *self;

  if (ud_db_worker_run_finish (result, &error) == NULL &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_RELIEF_STEP_DIALOG (user_data);
  set_busy (self, FALSE);

  if (error != NULL)
    {
      g_clear_pointer (&self->refusal, g_free);
      self->refusal = g_strdup (error->message);
      gtk_label_set_label (self->refusal_label, self->refusal);
      gtk_widget_set_visible (GTK_WIDGET (self->refusal_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[DONE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
ud_relief_step_dialog_apply (UdReliefStepDialog *self)
{
  StepData *step;
  StepRows rows;

  g_return_if_fail (UD_IS_RELIEF_STEP_DIALOG (self));

  validate (self);
  if (self->problem != NULL || self->busy)
    return;

  rows = self->info->rows;
  step = g_new0 (StepData, 1);
  step->step = g_strdup (self->info->step);
  step->id = self->application->id;
  step->amount = -1;
  if (rows & ROW_OPINION)
    step->opinion = stripped (self->opinion_row);
  if (rows & ROW_SIGNER)
    {
      step->signer = nonempty (stripped (self->signer_row));
      step->signed_on = nonempty (stripped (self->signed_on_row));
    }
  if (rows & ROW_STREET)
    {
      step->street_opinion = nonempty (stripped (self->street_opinion_row));
      step->street_signer = nonempty (stripped (self->street_signer_row));
      step->street_signed_on = nonempty (stripped (self->street_signed_on_row));
    }
  if (rows & ROW_AMOUNT)
    {
      UdFen fen = 0;

      ud_money_parse (text_of (self->amount_row), &fen, NULL);
      if (fen != suggested (self))
        {
          step->amount = fen;
          step->amount_reason = stripped (self->amount_reason_row);
        }
    }
  if (rows & ROW_NOTICE)
    {
      step->notice_from = stripped (self->notice_from_row);
      step->notice_to = stripped (self->notice_to_row);
    }
  if (rows & ROW_PAYMENT)
    {
      step->paid_on = stripped (self->paid_on_row);
      step->method = g_strdup (ud_combo_row_get_choice (self->method_row, ud_kind_find_field (&ud_kind_illness_application,
                                                                                               "payment_method")));
      step->receipt = stripped (self->receipt_row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->refusal_label), FALSE);
  set_busy (self, TRUE);
  ud_db_worker_run_async (self->worker,
                          step_job, step, step_data_free,
                          NULL,
                          self->cancellable,
                          step_done, self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ud_relief_step_dialog_apply (UD_RELIEF_STEP_DIALOG (widget));
}

/* GObject ---------------------------------------------------------------- */

static void
ud_relief_step_dialog_dispose (GObject *object)
{
  UdReliefStepDialog *self = (UdReliefStepDialog *)object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_RELIEF_STEP_DIALOG);

  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_relief_step_dialog_parent_class)->dispose (object);
}

static void
ud_relief_step_dialog_finalize (GObject *object)
{
  UdReliefStepDialog *self = (UdReliefStepDialog *)object;

  g_clear_pointer (&self->application, ud_record_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->refusal, g_free);

  G_OBJECT_CLASS (ud_relief_step_dialog_parent_class)->finalize (object);
}

static void
ud_relief_step_dialog_class_init (UdReliefStepDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_relief_step_dialog_dispose;
  object_class->finalize = ud_relief_step_dialog_finalize;

  /**
   * UdReliefStepDialog::done:
   *
   * The step was recorded.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/relief/ud-relief-step-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, refusal_label);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, street_group);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, street_opinion_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, street_signer_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, street_signed_on_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, opinion_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, signer_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, signed_on_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, amount_reason_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, paid_on_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, notice_from_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, notice_to_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, receipt_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefStepDialog, problems_label);

  gtk_widget_class_install_action (widget_class, "step.apply", NULL, apply_action);
}

static void
ud_relief_step_dialog_init (UdReliefStepDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

UdReliefStepDialog *
ud_relief_step_dialog_new (UdDbWorker    *worker,
                           UdReliefRules *rules,
                           UdRecord      *application,
                           const char    *step)
{
  g_autofree char *today = NULL;
  g_autofree char *last = NULL;
  UdReliefStepDialog *self;
  const StepInfo *info = NULL;
  AdwEntryRow *entries[] = {
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };
  StepRows rows;
  GDate date;
  GDate day;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (application != NULL && application->id > 0, NULL);
  g_return_val_if_fail (step != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (step_infos); i++)
    if (g_str_equal (step_infos[i].step, step))
      info = &step_infos[i];
  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (UD_TYPE_RELIEF_STEP_DIALOG, NULL);
  self->worker = g_object_ref (worker);
  self->application = ud_record_ref (application);
  self->info = info;
  rows = info->rows;

  gtk_window_set_title (GTK_WINDOW (self), _(info->title));
  adw_window_title_set_title (self->window_title, _(info->title));
  adw_window_title_set_subtitle (self->window_title, ud_record_get (application, "serial"));
  gtk_button_set_label (self->apply_button, _(info->apply_label));
  if (info->destructive)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->apply_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "destructive-action");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->opinion_row), (rows & ROW_OPINION) != 0);
  if (info->opinion_title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->opinion_row), _(info->opinion_title));
  gtk_widget_set_visible (GTK_WIDGET (self->signer_row), (rows & ROW_SIGNER) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->signed_on_row), (rows & ROW_SIGNER) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->street_group), (rows & ROW_STREET) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), (rows & ROW_AMOUNT) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_reason_row), (rows & ROW_AMOUNT) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->paid_on_row), (rows & ROW_PAYMENT) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_from_row), (rows & ROW_NOTICE) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_to_row), (rows & ROW_NOTICE) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->method_row), (rows & ROW_PAYMENT) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->receipt_row), (rows & ROW_PAYMENT) != 0);

  /* The range of the rules in force on the application date. */
  self->min_amount = 200000;
  self->max_amount = 2000000;
  if (rules != NULL && ud_date_parse (ud_record_get (application, "application_date"), &date, NULL))
    ud_relief_rules_amount_range (rules, &date, &self->min_amount, &self->max_amount);

  if (rows & ROW_AMOUNT)
    {
      g_autofree char *amount = ud_money_format_plain (suggested (self));

      gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
    }

  ud_combo_row_set_choices (self->method_row, ud_kind_find_field (&ud_kind_illness_application, "payment_method"), NULL);

  ud_date_today (&day);
  today = ud_date_to_iso (&day);
  gtk_editable_set_text (GTK_EDITABLE (self->paid_on_row), today);
  /* A notice from today, as short as allowed, to start with. */
  ud_illness_notice_shortest_end (&day, &day);
  last = ud_date_to_iso (&day);
  gtk_editable_set_text (GTK_EDITABLE (self->notice_from_row), today);
  gtk_editable_set_text (GTK_EDITABLE (self->notice_to_row), last);

  entries[0] = self->street_opinion_row;
  entries[1] = self->street_signer_row;
  entries[2] = self->street_signed_on_row;
  entries[3] = self->opinion_row;
  entries[4] = self->signer_row;
  entries[5] = self->signed_on_row;
  entries[6] = self->amount_row;
  entries[7] = self->amount_reason_row;
  entries[8] = self->paid_on_row;
  entries[9] = self->receipt_row;
  entries[10] = self->notice_from_row;
  entries[11] = self->notice_to_row;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect_object (entries[i], "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);

  validate (self);
  /* Nothing typed yet: no red before the first keystroke. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    ud_widget_set_error (GTK_WIDGET (entries[i]), FALSE);
  ud_label_show_problem (self->problems_label, NULL);

  return self;
}

const char *
ud_relief_step_dialog_get_problem (UdReliefStepDialog *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_STEP_DIALOG (self), NULL);

  return self->problem;
}

const char *
ud_relief_step_dialog_get_refusal (UdReliefStepDialog *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_STEP_DIALOG (self), NULL);

  return self->refusal;
}

gboolean
ud_relief_step_dialog_get_busy (UdReliefStepDialog *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_STEP_DIALOG (self), FALSE);

  return self->busy;
}
