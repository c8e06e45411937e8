/* ud-aid-dialogs.c — the small dialogs of the Aid section
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-aid-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-aid-dialogs.h"
#include "ud-aid-kind.h"
#include "ud-aid-store.h"
#include "ud-hardship-kind.h"
#include "ud-member-chooser.h"
#include "ud-member-kind.h"
#include "ud-member-store.h"
#include "ud-money.h"
#include "ud-record-store.h"
#include "ud-ui-util.h"

/* Each dialog is a modal window with Cancel and one button that does its
 * work: what was typed is read on the main thread, the core is called on
 * the worker, and a refusal — the core's sentence, naming the field or
 * the earlier payment — is shown in the dialog, which stays open.  Nothing
 * is written until the core accepts all of it. */

typedef struct _Dialog Dialog;
typedef void (*DialogAccept) (Dialog *dialog);

struct _Dialog
{
  GtkWindow    *window;
  UdDbWorker   *worker;
  GtkWidget    *accept;
  GtkWidget    *content;     /* the preferences page's box */
  GtkLabel     *problem;
  UdRecord     *record;      /* the programme or the batch */
  guint         year;
  GArray       *lines;
  GPtrArray    *changed;     /* kinds to announce */
  DialogAccept  on_accept;
  /* The rows */
  AdwEntryRow  *year_row;
  AdwComboRow  *class_row;
  AdwEntryRow  *amount_row;
  AdwEntryRow  *date_row;
  AdwComboRow  *method_row;
  AdwEntryRow  *receipt_row;
  UdMemberChooser *members;
  gboolean      busy;
};

static void
dialog_free (Dialog *dialog)
{
  g_clear_object (&dialog->worker);
  g_clear_pointer (&dialog->record, ud_record_unref);
  g_clear_pointer (&dialog->lines, g_array_unref);
  g_clear_pointer (&dialog->changed, g_ptr_array_unref);
  g_free (dialog);
}

static void
dialog_set_busy (Dialog   *dialog,
                 gboolean  busy)
{
  dialog->busy = busy;
  gtk_widget_set_sensitive (dialog->accept, !busy);
}

static void
on_accept_clicked (Dialog *dialog)
{
  if (!dialog->busy)
    dialog->on_accept (dialog);
}

/* A modal window titled @title whose button says @accept_label. */
static Dialog *
dialog_new (UdDbWorker   *worker,
            GtkWindow    *parent,
            const char   *title,
            const char   *accept_label,
            DialogAccept  on_accept)
{
  Dialog *dialog = g_new0 (Dialog, 1);

  dialog->window = ud_dialog_window_new (parent, title, accept_label, &dialog->accept, &dialog->problem,
                                         &dialog->content);
  dialog->worker = g_object_ref (worker);
  dialog->on_accept = on_accept;
  dialog->changed = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (dialog->window), "ud-aid-dialog", dialog, (GDestroyNotify) dialog_free);
  gtk_window_set_default_size (dialog->window, 520, -1);
  g_signal_connect_swapped (dialog->accept, "clicked", G_CALLBACK (on_accept_clicked), dialog);

  return dialog;
}

static GtkWidget *
dialog_add_group (Dialog     *dialog,
                  const char *title,
                  const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (dialog->content), group);
  return group;
}

static void
dialog_finish (Dialog *dialog)
{
  gtk_window_present (dialog->window);
}

static AdwEntryRow *
add_entry (GtkWidget  *group,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
add_combo (GtkWidget     *group,
           const UdField *field,
           const char    *value)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  ud_combo_row_set_choices (ADW_COMBO_ROW (row), field, NULL);
  if (value != NULL)
    ud_combo_row_set_choice (ADW_COMBO_ROW (row), field, value);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_COMBO_ROW (row);
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* A money field typed: -1 when left empty, -2 (and the problem shown)
 * when it is no amount. */
static UdFen
read_amount (Dialog      *dialog,
             AdwEntryRow *row,
             gboolean     required)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *text = g_strstrip (g_strdup (entry_text (row)));
  UdFen fen = 0;

  if (*text == '\0' && !required)
    return -1;
  if (!ud_money_parse (entry_text (row), &fen, &error))
    /* TRANSLATORS: a field's title, then what is wrong with it */
    problem = g_strdup_printf (_("%s: %s"), title, error->message);
  else if (fen <= 0)
    /* TRANSLATORS: a field's title */
    problem = g_strdup_printf (_("%s: must be more than 0."), title);

  ud_widget_set_error (GTK_WIDGET (row), problem != NULL);
  if (problem != NULL)
    {
      ud_label_show_problem (dialog->problem, problem);
      return -2;
    }
  return fen;
}

/* The job's answer: close and announce, or show the refusal. */
static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  Dialog *dialog = g_object_get_data (G_OBJECT (window), "ud-aid-dialog");
  g_autoptr(GError) error = NULL;

  if (ud_db_worker_run_finish (result, &error) == NULL)
    {
      if (dialog == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      dialog_set_busy (dialog, FALSE);
      ud_label_show_problem (dialog->problem, error->message);
      return;
    }

  if (dialog == NULL)
    return;
  for (guint i = 0; i < dialog->changed->len; i++)
    ud_db_worker_notify_records_changed (dialog->worker, g_ptr_array_index (dialog->changed, i));
  gtk_window_destroy (window);
}

static void
dialog_run (Dialog         *dialog,
            UdDbJobFunc     job,
            gpointer        data,
            GDestroyNotify  data_free)
{
  ud_label_show_problem (dialog->problem, NULL);
  dialog_set_busy (dialog, TRUE);
  ud_db_worker_run_async (dialog->worker, job, data, data_free, NULL, NULL, on_done,
                          g_object_ref (dialog->window));
}

/* ---- a programme's amount ------------------------------------------------ */

typedef struct
{
  UdRecord *programme;
  guint     year;
  char     *recipient_class;
  UdFen     amount;
} AmountJob;

static void
amount_job_free (AmountJob *job)
{
  ud_record_unref (job->programme);
  g_free (job->recipient_class);
  g_free (job);
}

static gpointer
amount_job (UdDatabase    *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  AmountJob *job = data;

  if (!ud_aid_programme_set_amount (db, job->programme, job->year, job->recipient_class, job->amount, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/* The year typed, or 0 with the problem shown. */
static guint
read_year (Dialog *dialog)
{
  const char *text = entry_text (dialog->year_row);
  guint64 year = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 2000, 2100, &year, NULL))
    {
      g_autofree char *problem = NULL;

      /* TRANSLATORS: a field's title */
      problem = g_strdup_printf (_("%s: give a year such as 2024"), _("Year"));
      ud_widget_set_error (GTK_WIDGET (dialog->year_row), TRUE);
      ud_label_show_problem (dialog->problem, problem);
      return 0;
    }

  ud_widget_set_error (GTK_WIDGET (dialog->year_row), FALSE);
  return (guint) year;
}

static void
amount_accept (Dialog *dialog)
{
  const UdField *class_field = ud_kind_find_field (&ud_kind_aid_amount, "recipient_class");
  AmountJob *job;
  guint year;
  UdFen amount;

  if ((year = read_year (dialog)) == 0 || (amount = read_amount (dialog, dialog->amount_row, TRUE)) < 0)
    return;

  job = g_new0 (AmountJob, 1);
  job->programme = ud_record_ref (dialog->record);
  job->year = year;
  job->recipient_class = g_strdup (ud_combo_row_get_choice (dialog->class_row, class_field));
  job->amount = amount;
  g_ptr_array_add (dialog->changed, (gpointer) ud_kind_aid_amount.name);
  dialog_run (dialog, amount_job, job, (GDestroyNotify) amount_job_free);
}

static guint
this_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return (guint) g_date_time_get_year (now);
}

GtkWindow *
ud_aid_amount_dialog_new (UdDbWorker     *worker,
                          GtkWindow      *parent,
                          const UdRecord *programme)
{
  Dialog *dialog = dialog_new (worker, parent, _("Set an Amount"), _("_Set Amount"), amount_accept);
  g_autofree char *year = g_strdup_printf ("%u", this_year ());
  g_autofree char *description = NULL;
  GtkWidget *group;

  /* TRANSLATORS: a programme's name */
  description = g_strdup_printf (_("%s: the amount a recipient of a class is given from a year on. "
                                   "A year without its own amount keeps the latest one before it."),
                                 ud_record_get (programme, "name"));
  dialog->record = ud_record_ref ((UdRecord *) programme);
  group = dialog_add_group (dialog, ud_record_get (programme, "name"), description);
  dialog->year_row = add_entry (group, _("Year"), year);
  dialog->class_row = add_combo (group, ud_kind_find_field (&ud_kind_aid_amount, "recipient_class"), NULL);
  dialog->amount_row = add_entry (group, _("Amount in yuan"), NULL);
  dialog_finish (dialog);

  return dialog->window;
}

/* ---- the fund's budget ------------------------------------------------------ */

static gpointer
budget_job (UdDatabase    *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  AmountJob *job = data;

  if (!ud_aid_fund_set_budget (db, job->year, job->amount, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
budget_free (AmountJob *job)
{
  g_free (job);
}

static void
budget_accept (Dialog *dialog)
{
  AmountJob *job;
  UdFen amount;

  if ((amount = read_amount (dialog, dialog->amount_row, TRUE)) < 0)
    return;

  job = g_new0 (AmountJob, 1);
  job->year = dialog->year;
  job->amount = amount;
  g_ptr_array_add (dialog->changed, (gpointer) ud_kind_aid_fund.name);
  dialog_run (dialog, budget_job, job, (GDestroyNotify) budget_free);
}

GtkWindow *
ud_aid_budget_dialog_new (UdDbWorker *worker,
                          GtkWindow  *parent,
                          guint       year)
{
  Dialog *dialog = dialog_new (worker, parent, _("Set the Budget"), _("_Set Budget"), budget_accept);
  g_autofree char *title = NULL;
  GtkWidget *group;

  /* TRANSLATORS: a year */
  title = g_strdup_printf (_("The aid fund of %u"), year);
  dialog->year = year;
  group = dialog_add_group (dialog, title,
                            _("New lines of the year's batches may not take more than the budget leaves."));
  dialog->amount_row = add_entry (group, _("Budget in yuan"), NULL);
  dialog_finish (dialog);

  return dialog->window;
}

/* ---- a person by hand --------------------------------------------------------- */

typedef struct
{
  UdRecord *batch;
  gint64    member_id;
  char     *recipient_class;
  UdFen     amount;
} AddJob;

static void
add_job_free (AddJob *job)
{
  ud_record_unref (job->batch);
  g_free (job->recipient_class);
  g_free (job);
}

static gpointer
add_job (UdDatabase    *db,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  AddJob *job = data;
  g_autoptr(UdRecord) member = ud_member_store_get (db, job->member_id, error);
  g_autoptr(UdRecord) payment = NULL;
  g_autoptr(GPtrArray) archives = NULL;
  UdRecordFilter filters[] = {
    { "member_uuid", UD_RECORD_FILTER_EQUALS, NULL },
    { "status", UD_RECORD_FILTER_EQUALS, "archived" },
  };
  UdRecordQuery query = { &ud_kind_hardship_archive, NULL, filters, G_N_ELEMENTS (filters) };

  if (member == NULL)
    return NULL;

  /* A member whose household is archived is paid as that household, as
   * the rules pick it. */
  filters[0].value = member->uuid;
  archives = ud_record_store_list (db, &query, error);
  if (archives == NULL)
    return NULL;
  if (archives->len > 0)
    {
      const UdRecord *archive = g_ptr_array_index (archives, 0);

      payment = ud_aid_payment_new (ud_kind_hardship_archive.name, archive->uuid, ud_record_get (member, "name"),
                                    ud_record_get (member, "id_number"), NULL, job->recipient_class, job->amount);
    }
  else
    payment = ud_aid_payment_new (ud_kind_member.name, member->uuid, ud_record_get (member, "name"),
                                  ud_record_get (member, "id_number"), NULL, job->recipient_class, job->amount);

  if (!ud_aid_batch_add (db, job->batch, payment, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
add_accept (Dialog *dialog)
{
  const UdField *class_field = ud_kind_find_field (&ud_kind_aid_payment, "recipient_class");
  UdRecord *member = ud_member_chooser_get_selected (dialog->members);
  AddJob *job;
  UdFen amount;

  if (member == NULL)
    {
      ud_label_show_problem (dialog->problem, _("Member: find the person on the roll and select them."));
      return;
    }
  if ((amount = read_amount (dialog, dialog->amount_row, FALSE)) == -2)
    return;

  job = g_new0 (AddJob, 1);
  /* The core writes the batch's totals into the record it is given: a
   * copy of its own, not one the main thread reads. */
  job->batch = ud_record_copy (dialog->record);
  job->member_id = member->id;
  job->recipient_class = g_strdup (ud_combo_row_get_choice (dialog->class_row, class_field));
  job->amount = amount;
  g_ptr_array_add (dialog->changed, (gpointer) ud_kind_aid_payment.name);
  g_ptr_array_add (dialog->changed, (gpointer) ud_kind_aid_batch.name);
  dialog_run (dialog, add_job, job, (GDestroyNotify) add_job_free);
}

static void
on_member_chosen (Dialog *dialog)
{
  gtk_widget_grab_focus (GTK_WIDGET (dialog->class_row));
}

GtkWindow *
ud_aid_add_dialog_new (UdDbWorker     *worker,
                       GtkWindow      *parent,
                       const UdRecord *batch)
{
  Dialog *dialog = dialog_new (worker, parent, _("Add a Person"), _("_Add to Batch"), add_accept);
  g_autofree char *title = NULL;
  GtkWidget *group;

  /* TRANSLATORS: a batch's number, then its programme */
  title = g_strdup_printf (_("Batch %s, %s"), ud_record_get (batch, "serial"), ud_record_get (batch, "programme_name"));
  dialog->record = ud_record_ref ((UdRecord *) batch);
  gtk_window_set_default_size (dialog->window, 760, 620);

  group = dialog_add_group (dialog, title, _("Find the member on the roll, select them, and add them to the batch."));
  dialog->members = UD_MEMBER_CHOOSER (ud_member_chooser_new (worker));
  /* Enter on a member goes on to the class and the amount. */
  g_signal_connect_swapped (dialog->members, "member-chosen", G_CALLBACK (on_member_chosen), dialog);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (dialog->members));

  group = dialog_add_group (dialog, NULL, _("Leave the amount empty for the programme's amount for the class in the batch's year."));
  dialog->class_row = add_combo (group, ud_kind_find_field (&ud_kind_aid_payment, "recipient_class"), NULL);
  dialog->amount_row = add_entry (group, _("Amount in yuan"), NULL);
  dialog_finish (dialog);

  return dialog->window;
}

/* ---- payments ------------------------------------------------------------------- */

typedef struct
{
  UdRecord *batch;
  GArray   *lines;
  char     *date;
  char     *method;
  char     *receipt;
} PayJob;

static void
pay_job_free (PayJob *job)
{
  ud_record_unref (job->batch);
  g_array_unref (job->lines);
  g_free (job->date);
  g_free (job->method);
  g_free (job->receipt);
  g_free (job);
}

static gpointer
pay_job (UdDatabase    *db,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  PayJob *job = data;

  /* What was typed is checked before the first line is written, so a
   * mistake there writes nothing; each line is its own payment. */
  for (guint i = 0; i < job->lines->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      guint line = g_array_index (job->lines, guint, i);

      if (!ud_aid_batch_pay (db, job->batch, line, job->date, job->method, job->receipt, &local_error))
        {
          if (i == 0)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, local_error->domain, local_error->code,
                         /* TRANSLATORS: how many lines were recorded as paid, then why the next was not */
                         ngettext ("%u line was recorded as paid; the next was not: %s",
                                   "%u lines were recorded as paid; the next was not: %s", i),
                         i, local_error->message);
          return NULL;
        }
    }

  return GINT_TO_POINTER (TRUE);
}

static void
pay_accept (Dialog *dialog)
{
  const UdField *method_field = ud_kind_find_field (&ud_kind_aid_payment, "method");
  PayJob *job = g_new0 (PayJob, 1);

  /* The core writes the batch's totals into the record it is given: a
   * copy of its own, not one the main thread reads. */
  job->batch = ud_record_copy (dialog->record);
  job->lines = g_array_ref (dialog->lines);
  job->date = g_strdup (entry_text (dialog->date_row));
  job->method = g_strdup (ud_combo_row_get_choice (dialog->method_row, method_field));
  job->receipt = g_strdup (entry_text (dialog->receipt_row));
  g_ptr_array_add (dialog->changed, (gpointer) ud_kind_aid_payment.name);
  g_ptr_array_add (dialog->changed, (gpointer) ud_kind_aid_batch.name);
  dialog_run (dialog, pay_job, job, (GDestroyNotify) pay_job_free);
}

GtkWindow *
ud_aid_pay_dialog_new (UdDbWorker     *worker,
                       GtkWindow      *parent,
                       const UdRecord *batch,
                       GArray         *lines,
                       const char     *what)
{
  Dialog *dialog = dialog_new (worker, parent, _("Record a Payment"), _("_Record Payment"), pay_accept);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GtkWidget *group;

  dialog->record = ud_record_ref ((UdRecord *) batch);
  dialog->lines = g_array_ref (lines);
  group = dialog_add_group (dialog, what,
                            _("A transfer by Jingka card or bank needs its transfer number; "
                              "cash is signed for on the receipt list."));
  dialog->date_row = add_entry (group, _("Paid on"), today);
  dialog->method_row = add_combo (group, ud_kind_find_field (&ud_kind_aid_payment, "method"), "jingka");
  dialog->receipt_row = add_entry (group, _("Transfer or receipt number"), NULL);
  dialog_finish (dialog);

  return dialog->window;
}
