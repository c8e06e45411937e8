/* ud-aid-batch-window.c — a batch of aid: made by rule or by hand, paid line by line
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-aid-batch-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-aid-batch-window.h"
#include "ud-aid-dialogs.h"
#include "ud-aid-kind.h"
#include "ud-aid-store.h"
#include "ud-hardship-print.h"
#include "ud-money.h"
#include "ud-permission.h"
#include "ud-print-preview.h"
#include "ud-record-store.h"
#include "ud-ui-util.h"

/* A new batch is a programme, a year and a rule: Pick Recipients asks
 * the core (ud_aid_pick()) whom the rule picks, each with the amount of
 * their class in the year or set aside with the reason, and shows the
 * total; Create Batch commits exactly those (ud_aid_batch_create()).
 * Changing the programme, the year or the rule forgets the pick.  A batch
 * by hand starts empty.  Once stored, the window shows the batch's totals
 * and lines; people join by hand (Add Person…), lines are recorded as
 * paid one or all at a time, and the receipt list opens in the print
 * preview.  Everything is read and written on the worker. */

struct _UdAidBatchWindow
{
  AdwWindow         parent_instance;

  AdwWindowTitle   *title;
  GtkStack         *stack;
  AdwToastOverlay  *toasts;
  /* New */
  AdwComboRow      *programme_row;
  AdwEntryRow      *year_row;
  AdwEntryRow      *title_row;
  AdwComboRow      *rule_row;
  AdwComboRow      *category_row;
  GtkWidget        *pick_button;
  GtkWidget        *create_button;
  GtkLabel         *picked_label;
  GtkLabel         *problem_label;
  GtkListBox       *candidate_list;
  /* Stored */
  GtkLabel         *heading_label;
  GtkLabel         *detail_label;
  GtkLabel         *totals_label;
  GtkWidget        *add_button;
  GtkWidget        *pay_button;
  GtkWidget        *pay_all_button;
  GtkWidget        *print_button;
  UdRecordTable    *payments;

  UdDbWorker       *worker;
  GCancellable     *cancellable;
  GPtrArray        *programmes;      /* UdRecord */
  GPtrArray        *picked;          /* UdRecord payments not stored, or NULL */
  char             *picked_text;
  UdRecord         *batch;
  GArray           *pending;         /* line numbers not paid */
  UdFen             pending_total;
  gint64            id;
  guint             busy;
};

G_DEFINE_FINAL_TYPE (UdAidBatchWindow, ud_aid_batch_window, ADW_TYPE_WINDOW)

static const UdField *
batch_field (const char *name)
{
  return ud_kind_find_field (&ud_kind_aid_batch, name);
}

static void
set_busy (UdAidBatchWindow *self,
          gboolean          busy)
{
  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
}

static void
show_problem (UdAidBatchWindow *self,
              const char       *problem)
{
  ud_label_show_problem (self->problem_label, problem);
}

/* ---- a new batch ------------------------------------------------------------ */

static const UdRecord *
chosen_programme (UdAidBatchWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->programme_row);

  if (self->programmes == NULL || selected >= self->programmes->len)
    return NULL;
  return g_ptr_array_index (self->programmes, selected);
}

static const char *
chosen_rule (UdAidBatchWindow *self)
{
  return ud_combo_row_get_choice (self->rule_row, batch_field ("rule"));
}

static void
update_new_page (UdAidBatchWindow *self)
{
  const char *rule = chosen_rule (self);
  gboolean by_hand = g_strcmp0 (rule, "hand") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->category_row), g_strcmp0 (rule, "category") == 0);
  gtk_widget_set_visible (self->pick_button, !by_hand);
  /* The total is seen before anything is committed. */
  gtk_widget_set_sensitive (self->create_button,
                            self->busy == 0 && chosen_programme (self) != NULL &&
                            (by_hand || (self->picked != NULL && self->picked->len > 0)));
  gtk_widget_set_sensitive (self->pick_button, self->busy == 0 && chosen_programme (self) != NULL);
}

static void
forget_pick (UdAidBatchWindow *self)
{
  GtkWidget *child;

  g_clear_pointer (&self->picked, g_ptr_array_unref);
  g_clear_pointer (&self->picked_text, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->candidate_list))) != NULL)
    gtk_list_box_remove (self->candidate_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->candidate_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->picked_label), FALSE);
  show_problem (self, NULL);
  update_new_page (self);
}

/* The year typed, or 0 with the problem shown. */
static guint
typed_year (UdAidBatchWindow *self)
{
  guint64 year = 0;

  if (!g_ascii_string_to_unsigned (gtk_editable_get_text (GTK_EDITABLE (self->year_row)), 10, 2000, 2100, &year, NULL))
    {
      g_autofree char *problem = NULL;

      /* TRANSLATORS: a field's title */
      problem = g_strdup_printf (_("%s: give a year such as 2024"), _("Year"));
      ud_widget_set_error (GTK_WIDGET (self->year_row), TRUE);
      show_problem (self, problem);
      return 0;
    }

  ud_widget_set_error (GTK_WIDGET (self->year_row), FALSE);
  return (guint) year;
}

typedef struct
{
  UdRecord *programme;
  guint     year;
  char     *rule;
  char     *category;
  char     *title;
  GPtrArray *payments;       /* create: what was picked */
} NewJob;

static void
new_job_free (NewJob *job)
{
  g_clear_pointer (&job->programme, ud_record_unref);
  g_clear_pointer (&job->payments, g_ptr_array_unref);
  g_free (job->rule);
  g_free (job->category);
  g_free (job->title);
  g_free (job);
}

static NewJob *
new_job (UdAidBatchWindow *self)
{
  const UdRecord *programme = chosen_programme (self);
  NewJob *job;
  guint year;

  show_problem (self, NULL);
  if (programme == NULL || (year = typed_year (self)) == 0)
    return NULL;

  job = g_new0 (NewJob, 1);
  job->programme = ud_record_ref ((UdRecord *) programme);
  job->year = year;
  job->rule = g_strdup (chosen_rule (self));
  if (g_str_equal (job->rule, "category"))
    job->category = g_strdup (ud_combo_row_get_choice (self->category_row, batch_field ("rule_category")));
  job->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  return job;
}

static gpointer
pick_job (UdDatabase    *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  NewJob *job = data;

  return ud_aid_pick (db, job->programme, job->year, job->rule, job->category, error);
}

static GtkWidget *
candidate_row (const UdAidCandidate *candidate)
{
  const UdRecord *payment = candidate->payment;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *masked = ud_field_display (ud_kind_find_field (&ud_kind_aid_payment, "id_number"),
                                              ud_record_get (payment, "id_number"), TRUE);
  g_autofree char *class = ud_field_display (ud_kind_find_field (&ud_kind_aid_payment, "recipient_class"),
                                             ud_record_get (payment, "recipient_class"), TRUE);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ud_record_get (payment, "name"));
  if (candidate->set_aside != NULL)
    {
      /* TRANSLATORS: why a person picked by the rule is not paid */
      subtitle = g_strdup_printf (_("Set aside: %s"), candidate->set_aside);
      gtk_widget_add_css_class (row, "dim-label");
    }
  else
    {
      g_autofree char *amount = ud_money_format (ud_record_get_int (payment, "amount"));
      GtkWidget *label = gtk_label_new (amount);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      /* TRANSLATORS: a masked ID number, then a class of recipient */
      subtitle = g_strdup_printf (_("%s · %s"), masked, class);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  return row;
}

static void
on_picked (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(UdAidBatchWindow) self = user_data;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *people = NULL;
  g_autofree char *amount = NULL;
  guint set_aside = 0;
  UdFen total = 0;

  candidates = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  forget_pick (self);
  if (candidates == NULL)
    {
      show_problem (self, error->message);
      return;
    }

  self->picked = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  for (guint i = 0; i < candidates->len; i++)
    {
      UdAidCandidate *candidate = g_ptr_array_index (candidates, i);

      gtk_list_box_append (self->candidate_list, candidate_row (candidate));
      if (candidate->set_aside != NULL)
        {
          set_aside++;
          continue;
        }
      total += ud_record_get_int (candidate->payment, "amount");
      g_ptr_array_add (self->picked, ud_record_ref (candidate->payment));
    }

  people = ud_format_count (self->picked->len);
  amount = ud_money_format (total);
  if (set_aside > 0)
    /* TRANSLATORS: how many people are picked, the total, then how many are set aside */
    self->picked_text = g_strdup_printf (ngettext ("%s person picked, %s yuan in all; %u set aside",
                                                   "%s people picked, %s yuan in all; %u set aside",
                                                   self->picked->len),
                                         people, amount, set_aside);
  else
    /* TRANSLATORS: how many people are picked, then the total */
    self->picked_text = g_strdup_printf (ngettext ("%s person picked, %s yuan in all",
                                                   "%s people picked, %s yuan in all",
                                                   self->picked->len),
                                         people, amount);
  gtk_label_set_label (self->picked_label, self->picked_text);
  gtk_widget_set_visible (GTK_WIDGET (self->picked_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->candidate_list), candidates->len > 0);
  if (self->picked->len == 0)
    show_problem (self, _("The rule picks nobody to pay: no batch is made."));
  update_new_page (self);
}

static void
on_pick_clicked (UdAidBatchWindow *self)
{
  NewJob *job = new_job (self);

  if (job == NULL)
    return;
  set_busy (self, TRUE);
  update_new_page (self);
  ud_db_worker_run_async (self->worker, pick_job, job, (GDestroyNotify) new_job_free,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable, on_picked, g_object_ref (self));
}

static void load (UdAidBatchWindow *self);

static gpointer
create_job (UdDatabase    *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  NewJob *job = data;
  g_autoptr(UdRecord) batch = ud_aid_batch_new (job->programme, job->year, job->title, job->rule, job->category);
  g_autoptr(GPtrArray) payments = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);

  /* Copies: a refused batch leaves what was picked as it was. */
  for (guint i = 0; job->payments != NULL && i < job->payments->len; i++)
    g_ptr_array_add (payments, ud_record_copy (g_ptr_array_index (job->payments, i)));
  if (!ud_aid_batch_create (db, batch, payments, error))
    return NULL;
  return g_steal_pointer (&batch);
}

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(UdAidBatchWindow) self = user_data;
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(GError) error = NULL;

  batch = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (batch == NULL)
    {
      show_problem (self, error->message);
      update_new_page (self);
      return;
    }

  ud_db_worker_notify_records_changed (self->worker, ud_kind_aid_batch.name);
  ud_db_worker_notify_records_changed (self->worker, ud_kind_aid_payment.name);
  self->id = batch->id;
  load (self);
}

static void
on_create_clicked (UdAidBatchWindow *self)
{
  NewJob *job = new_job (self);

  if (job == NULL)
    return;
  if (!g_str_equal (job->rule, "hand"))
    {
      /* What was picked and shown, nothing else. */
      if (self->picked == NULL || self->picked->len == 0)
        {
          new_job_free (job);
          return;
        }
      job->payments = g_ptr_array_ref (self->picked);
    }
  set_busy (self, TRUE);
  update_new_page (self);
  ud_db_worker_run_async (self->worker, create_job, job, (GDestroyNotify) new_job_free,
                          (GDestroyNotify) ud_record_unref, self->cancellable, on_created, g_object_ref (self));
}

static gpointer
programmes_job (UdDatabase    *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return ud_aid_programme_list (db, error);
}

static void
on_programmes (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(UdAidBatchWindow) self = user_data;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *programmes;

  programmes = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (programmes == NULL)
    {
      show_problem (self, error->message);
      return;
    }

  self->programmes = programmes;
  for (guint i = 0; i < programmes->len; i++)
    gtk_string_list_append (names, ud_record_get (g_ptr_array_index (programmes, i), "name"));
  adw_combo_row_set_model (self->programme_row, G_LIST_MODEL (names));
  forget_pick (self);
}

/* ---- a stored batch ------------------------------------------------------------ */

typedef struct
{
  UdRecord *batch;
  GArray   *pending;
  UdFen     pending_total;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->batch, ud_record_unref);
  g_clear_pointer (&loaded->pending, g_array_unref);
  g_free (loaded);
}

static gpointer
load_job (UdDatabase    *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  gint64 id = *(gint64 *) data;
  Loaded *loaded = g_new0 (Loaded, 1);
  g_autoptr(GPtrArray) payments = NULL;

  loaded->pending = g_array_new (FALSE, FALSE, sizeof (guint));
  if ((loaded->batch = ud_record_store_get (db, &ud_kind_aid_batch, id, error)) == NULL ||
      (payments = ud_aid_batch_payments (db, loaded->batch, error)) == NULL)
    {
      loaded_free (loaded);
      return NULL;
    }
  for (guint i = 0; i < payments->len; i++)
    {
      const UdRecord *payment = g_ptr_array_index (payments, i);
      guint line = (guint) ud_record_get_int (payment, "line");

      if (g_str_equal (ud_record_get (payment, "status"), "pending"))
        {
          g_array_append_val (loaded->pending, line);
          loaded->pending_total += ud_record_get_int (payment, "amount");
        }
    }

  return loaded;
}

/* Where the batch stands: its derived state, in the reader's words. */
static char *
batch_state (const UdRecord *batch)
{
  return ud_field_display (batch_field ("state"), ud_record_get (batch, "state"), TRUE);
}

static gboolean
selected_pending (UdAidBatchWindow *self)
{
  UdRecord *payment = ud_record_table_get_selected (self->payments);

  return payment != NULL && g_str_equal (ud_record_get (payment, "status"), "pending");
}

static void
update_batch_page (UdAidBatchWindow *self)
{
  gboolean may_pay = ud_db_worker_may (self->worker, UD_PERMISSION_RECORD_PAYMENT);

  gtk_widget_set_visible (self->add_button, ud_db_worker_may (self->worker, ud_kind_aid_payment.edit_permission));
  gtk_widget_set_visible (self->pay_button, may_pay);
  gtk_widget_set_visible (self->pay_all_button, may_pay);
  gtk_widget_set_visible (self->print_button, ud_db_worker_may (self->worker, UD_PERMISSION_PRINT_FORMS));
  gtk_widget_set_sensitive (self->pay_button, self->busy == 0 && selected_pending (self));
  gtk_widget_set_sensitive (self->pay_all_button, self->busy == 0 && self->pending != NULL && self->pending->len > 0);
  gtk_widget_set_sensitive (self->print_button,
                            self->batch != NULL && ud_record_get_int (self->batch, "recipients") > 0);
}

static void
show_batch (UdAidBatchWindow *self)
{
  const UdRecord *batch = self->batch;
  g_autofree char *heading = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *totals = NULL;
  g_autofree char *people = ud_format_count ((guint64) ud_record_get_int (batch, "recipients"));
  g_autofree char *total = ud_money_format (ud_record_get_int (batch, "total"));
  g_autofree char *paid = ud_money_format (ud_record_get_int (batch, "paid_total"));
  g_autofree char *rule = ud_field_display (batch_field ("rule"), ud_record_get (batch, "rule"), TRUE);
  g_autofree char *state = batch_state (batch);
  const char *title = ud_record_get (batch, "title");
  gint64 paid_count = ud_record_get_int (batch, "paid_count");

  /* TRANSLATORS: a programme, then a year */
  heading = g_strdup_printf (_("%s, %s"), ud_record_get (batch, "programme_name"), ud_record_get (batch, "year"));
  if (*title != '\0')
    {
      /* TRANSLATORS: a batch's programme and year, then its title */
      char *with_title = g_strdup_printf (_("%s — %s"), heading, title);

      g_free (heading);
      heading = with_title;
    }
  /* TRANSLATORS: a batch's number, then how its recipients were chosen */
  detail = g_strdup_printf (_("Batch %s · %s"), ud_record_get (batch, "serial"), rule);
  /* TRANSLATORS: people, total, paid count, paid amount, then the state */
  totals = g_strdup_printf (ngettext ("%s person, %s yuan · %u paid, %s yuan · %s",
                                      "%s people, %s yuan · %u paid, %s yuan · %s",
                                      (gulong) ud_record_get_int (batch, "recipients")),
                            people, total, (guint) paid_count, paid, state);

  adw_window_title_set_subtitle (self->title, ud_record_get (batch, "serial"));
  gtk_label_set_label (self->heading_label, heading);
  gtk_label_set_label (self->detail_label, detail);
  gtk_label_set_label (self->totals_label, totals);
  gtk_stack_set_visible_child_name (self->stack, "batch");
  update_batch_page (self);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(UdAidBatchWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded;

  loaded = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (loaded == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  g_clear_pointer (&self->batch, ud_record_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  self->batch = g_steal_pointer (&loaded->batch);
  self->pending = g_steal_pointer (&loaded->pending);
  self->pending_total = loaded->pending_total;
  loaded_free (loaded);

  if (ud_record_table_get_model (self->payments) == NULL ||
      g_strcmp0 (g_object_get_data (G_OBJECT (self->payments), "ud-batch"), self->batch->uuid) != 0)
    {
      g_object_set_data_full (G_OBJECT (self->payments), "ud-batch", g_strdup (self->batch->uuid), g_free);
      /* The batch's lines: its programme goes without saying. */
      ud_record_table_set_fixed_filter (self->payments, "programme_uuid", ud_record_get (self->batch, "programme_uuid"));
      ud_record_table_set_fixed_filter (self->payments, "batch_uuid", self->batch->uuid);
      ud_record_table_set_worker (self->payments, self->worker);
    }
  show_batch (self);
}

static void
load (UdAidBatchWindow *self)
{
  gint64 *id = g_new (gint64, 1);

  *id = self->id;
  set_busy (self, TRUE);
  ud_db_worker_run_async (self->worker, load_job, id, g_free, (GDestroyNotify) loaded_free,
                          self->cancellable, on_loaded, g_object_ref (self));
}

static void
on_records_changed (UdAidBatchWindow *self,
                    const char       *kind)
{
  if (self->id != 0 && (ud_db_worker_kind_changed (ud_kind_aid_batch.name, kind) ||
                        ud_db_worker_kind_changed (ud_kind_aid_payment.name, kind)))
    load (self);
}

static void
on_add_clicked (UdAidBatchWindow *self)
{
  if (self->batch != NULL)
    ud_aid_add_dialog_new (self->worker, GTK_WINDOW (self), self->batch);
}

static void
on_pay_clicked (UdAidBatchWindow *self)
{
  UdRecord *payment = ud_record_table_get_selected (self->payments);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *amount = NULL;
  g_autofree char *what = NULL;
  guint line;

  if (self->batch == NULL || payment == NULL || !g_str_equal (ud_record_get (payment, "status"), "pending"))
    return;
  line = (guint) ud_record_get_int (payment, "line");
  g_array_append_val (lines, line);
  amount = ud_money_format (ud_record_get_int (payment, "amount"));
  /* TRANSLATORS: a line number, a name, then an amount */
  what = g_strdup_printf (_("Line %u: %s, %s yuan"), line, ud_record_get (payment, "name"), amount);
  ud_aid_pay_dialog_new (self->worker, GTK_WINDOW (self), self->batch, lines, what);
}

static void
on_pay_all_clicked (UdAidBatchWindow *self)
{
  g_autofree char *amount = NULL;
  g_autofree char *what = NULL;

  if (self->batch == NULL || self->pending == NULL || self->pending->len == 0)
    return;
  amount = ud_money_format (self->pending_total);
  /* TRANSLATORS: how many lines are not paid yet, then their total */
  what = g_strdup_printf (ngettext ("%u line not paid yet, %s yuan", "%u lines not paid yet, %s yuan",
                                    self->pending->len),
                          self->pending->len, amount);
  ud_aid_pay_dialog_new (self->worker, GTK_WINDOW (self), self->batch, self->pending, what);
}

/* The receipt list, made on the worker for the print preview. */
static UdPrintForm *
receipt_list_form (UdDatabase  *db,
                   gpointer     data,
                   GError     **error)
{
  g_autoptr(UdRecord) batch = ud_record_store_get_by_uuid (db, &ud_kind_aid_batch, data, error);
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(UdPrintForm) form = g_new0 (UdPrintForm, 1);

  if (batch == NULL || (payments = ud_aid_batch_payments (db, batch, error)) == NULL ||
      (form->document = ud_aid_receipt_list_build (db, batch, error)) == NULL)
    return NULL;

  /* Its print is recorded under the batch and each person on it. */
  form->records = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_ptr_array_add (form->records, ud_record_ref (batch));
  for (guint i = 0; i < payments->len; i++)
    g_ptr_array_add (form->records, ud_record_ref (g_ptr_array_index (payments, i)));
  form->title = g_strdup (_("Receipt List"));
  form->subtitle = g_strdup (ud_record_get (batch, "serial"));
  /* The paper's own name, the same in every language. */
  form->file_name = g_strdup_printf ("帮扶资金发放签收表-%s.pdf", ud_record_get (batch, "serial"));

  return g_steal_pointer (&form);
}

static void
on_print_clicked (UdAidBatchWindow *self)
{
  UdPrintPreview *preview;

  if (self->batch == NULL)
    return;
  preview = ud_print_preview_new_for_form (self->worker, receipt_list_form, g_strdup (self->batch->uuid), g_free);
  gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (preview));
}

/* ---- building ------------------------------------------------------------------ */

static GtkWidget *
labelled_button (const char *label,
                 const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static GtkWidget *
build_new_page (UdAidBatchWindow *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *year = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("New Batch"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Choose the programme, the year and whom to pay; "
                                           "pick the recipients and look at the total before the batch is made."));
  self->programme_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->programme_row), _("Programme"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->programme_row));

  year = g_strdup_printf ("%d", g_date_time_get_year (now));
  self->year_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->year_row), _("Year"));
  gtk_editable_set_text (GTK_EDITABLE (self->year_row), year);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->year_row));

  self->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _("Title"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->title_row));

  self->rule_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rule_row), _("Recipients chosen"));
  ud_combo_row_set_choices (self->rule_row, batch_field ("rule"), NULL);
  ud_combo_row_set_choice (self->rule_row, batch_field ("rule"), "archived");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->rule_row));

  self->category_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->category_row), _("Category"));
  ud_combo_row_set_choices (self->category_row, batch_field ("rule_category"), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->category_row));
  gtk_box_append (GTK_BOX (box), group);

  self->pick_button = labelled_button (_("_Pick Recipients"), NULL);
  self->create_button = labelled_button (_("_Create Batch"), NULL);
  gtk_widget_add_css_class (self->create_button, "suggested-action");
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), self->pick_button);
  gtk_box_append (GTK_BOX (buttons), self->create_button);
  gtk_box_append (GTK_BOX (box), buttons);

  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problem_label));

  self->picked_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->picked_label, 0);
  gtk_label_set_wrap (self->picked_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->picked_label), "title-4");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->picked_label));

  self->candidate_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->candidate_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->candidate_list), "boxed-list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->candidate_list));

  g_signal_connect_swapped (self->pick_button, "clicked", G_CALLBACK (on_pick_clicked), self);
  g_signal_connect_swapped (self->create_button, "clicked", G_CALLBACK (on_create_clicked), self);
  g_signal_connect_swapped (self->programme_row, "notify::selected", G_CALLBACK (forget_pick), self);
  g_signal_connect_swapped (self->rule_row, "notify::selected", G_CALLBACK (forget_pick), self);
  g_signal_connect_swapped (self->category_row, "notify::selected", G_CALLBACK (forget_pick), self);
  g_signal_connect_swapped (self->year_row, "changed", G_CALLBACK (forget_pick), self);

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  return scroller;
}

static GtkWidget *
build_batch_page (UdAidBatchWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_margin_top (head, 12);
  gtk_widget_set_margin_start (head, 12);
  gtk_widget_set_margin_end (head, 12);
  self->heading_label = GTK_LABEL (gtk_label_new (NULL));
  self->detail_label = GTK_LABEL (gtk_label_new (NULL));
  self->totals_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->heading_label), "title-2");
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->totals_label), "title-4");
  for (GtkLabel **l = (GtkLabel *[]) { self->heading_label, self->detail_label, self->totals_label, NULL }; *l; l++)
    {
      gtk_label_set_xalign (*l, 0);
      gtk_label_set_wrap (*l, TRUE);
      gtk_box_append (GTK_BOX (head), GTK_WIDGET (*l));
    }
  gtk_box_append (GTK_BOX (box), head);

  gtk_widget_add_css_class (toolbar, "toolbar");
  self->add_button = labelled_button (_("_Add Person…"), _("Add a member found on the roll to the batch"));
  self->pay_button = labelled_button (_("_Record Payment…"), _("Record that the selected line was paid"));
  self->pay_all_button = labelled_button (_("Pay _All Unpaid…"), _("Record that every line not paid yet was paid"));
  self->print_button = labelled_button (_("_Print Receipt List…"), _("The receipt list to be signed, in the print preview"));
  gtk_box_append (GTK_BOX (toolbar), self->add_button);
  gtk_box_append (GTK_BOX (toolbar), self->pay_button);
  gtk_box_append (GTK_BOX (toolbar), self->pay_all_button);
  gtk_box_append (GTK_BOX (toolbar), self->print_button);
  gtk_box_append (GTK_BOX (box), toolbar);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self);
  g_signal_connect_swapped (self->pay_button, "clicked", G_CALLBACK (on_pay_clicked), self);
  g_signal_connect_swapped (self->pay_all_button, "clicked", G_CALLBACK (on_pay_all_clicked), self);
  g_signal_connect_swapped (self->print_button, "clicked", G_CALLBACK (on_print_clicked), self);

  self->payments = UD_RECORD_TABLE (g_object_new (UD_TYPE_RECORD_TABLE,
                                                  "kind-name", ud_kind_aid_payment.name,
                                                  "search-hint", _("Search by name or ID number"),
                                                  "empty-title", _("Nobody on the Batch"),
                                                  "empty-description", _("Add people by hand with Add Person…"),
                                                  "vexpand", TRUE,
                                                  NULL));
  /* The lines' columns share the window's width (each up to its natural
   * width, then ellipsized), as a child list's do, rather than scroll
   * sideways. */
  gtk_scrollable_set_hscroll_policy (GTK_SCROLLABLE (ud_record_table_get_column_view (self->payments)),
                                     GTK_SCROLL_MINIMUM);
  g_signal_connect_object (self->payments, "notify::selected-id", G_CALLBACK (update_batch_page),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->payments));

  return box;
}

static void
ud_aid_batch_window_dispose (GObject *object)
{
  UdAidBatchWindow *self = UD_AID_BATCH_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->programmes, g_ptr_array_unref);
  g_clear_pointer (&self->picked, g_ptr_array_unref);
  g_clear_pointer (&self->batch, ud_record_unref);
  g_clear_pointer (&self->pending, g_array_unref);

  G_OBJECT_CLASS (ud_aid_batch_window_parent_class)->dispose (object);
}

static void
ud_aid_batch_window_finalize (GObject *object)
{
  UdAidBatchWindow *self = UD_AID_BATCH_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_free (self->picked_text);

  G_OBJECT_CLASS (ud_aid_batch_window_parent_class)->finalize (object);
}

static void
ud_aid_batch_window_class_init (UdAidBatchWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ud_aid_batch_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = ud_aid_batch_window_finalize;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ud_aid_batch_window_init (UdAidBatchWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_size (GTK_WINDOW (self), 1200, 720);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Aid Batch"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (content), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, build_new_page (self), "new");
  gtk_stack_add_named (self->stack, build_batch_page (self), "batch");
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), content);
}

UdAidBatchWindow *
ud_aid_batch_window_new (UdDbWorker *worker,
                         gint64      id)
{
  UdAidBatchWindow *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_AID_BATCH_WINDOW, NULL);
  self->worker = g_object_ref (worker);
  self->id = id;
  g_signal_connect_object (worker, "records-changed", G_CALLBACK (on_records_changed), self, G_CONNECT_SWAPPED);

  if (id != 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "batch");
      load (self);
      return self;
    }

  gtk_stack_set_visible_child_name (self->stack, "new");
  set_busy (self, TRUE);
  ud_db_worker_run_async (worker, programmes_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                          self->cancellable, on_programmes, g_object_ref (self));
  update_new_page (self);
  return self;
}

UdRecord *
ud_aid_batch_window_get_batch (UdAidBatchWindow *self)
{
  g_return_val_if_fail (UD_IS_AID_BATCH_WINDOW (self), NULL);

  return self->batch;
}

const char *
ud_aid_batch_window_get_picked_text (UdAidBatchWindow *self)
{
  g_return_val_if_fail (UD_IS_AID_BATCH_WINDOW (self), NULL);

  return self->picked_text;
}

UdRecordTable *
ud_aid_batch_window_get_payments (UdAidBatchWindow *self)
{
  g_return_val_if_fail (UD_IS_AID_BATCH_WINDOW (self), NULL);

  return self->payments;
}

gboolean
ud_aid_batch_window_get_busy (UdAidBatchWindow *self)
{
  g_return_val_if_fail (UD_IS_AID_BATCH_WINDOW (self), FALSE);

  return self->busy > 0 || (self->batch != NULL && ud_record_table_get_busy (self->payments));
}
