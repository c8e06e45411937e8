/* ud-teams.c — the Teams section (劳模扶贫队)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-teams"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-teams.h"
#include "ud-aid-store.h"
#include "ud-hardship-print.h"
#include "ud-money.h"
#include "ud-print-preview.h"
#include "ud-team-kind.h"
#include "ud-team-print.h"
#include "ud-team-store.h"
#include "ud-ui-util.h"

/* All the section says of its own: its words, its form (ud-team-form.ui)
 * and, in the editor of a stored team, the lists of its members,
 * households, activities and projects. */

static char *
count_text (guint64  shown,
            guint64  total,
            gboolean filtered)
{
  g_autofree char *total_text = ud_format_count (total);
  g_autofree char *shown_text = ud_format_count (shown);

  if (filtered)
    /* Translators: "1 of 3 teams" */
    return g_strdup_printf (ngettext ("%s of %s team", "%s of %s teams", (gulong) total),
                            shown_text, total_text);

  /* Translators: "3 teams" */
  return g_strdup_printf (ngettext ("%s team", "%s teams", (gulong) total), total_text);
}

/* A household, an activity or a project of the team is saved with the
 * team's rules (those who took part are its members). */
static gboolean
save_team_record (UdDatabase  *db,
                  UdRecord    *record,
                  GPtrArray   *issues,
                  GError     **error)
{
  return ud_team_save (db, record, error);
}

static const UdRecordEditorInfo household_editor = {
  .kind = &ud_kind_assisted_household,
  .form_resource = "/io/github/uniondesk/UnionDesk/teams/ud-household-form.ui",
  .new_title = N_("New Household"),
  .edit_title = N_("Edit Household"),
  .saved_message = N_("Household saved"),
};

static const UdRecordEditorInfo activity_editor = {
  .kind = &ud_kind_team_activity,
  .form_resource = "/io/github/uniondesk/UnionDesk/teams/ud-activity-form.ui",
  .new_title = N_("New Activity"),
  .edit_title = N_("Edit Activity"),
  .saved_message = N_("Activity saved"),
};

static const UdRecordEditorInfo project_editor = {
  .kind = &ud_kind_team_project,
  .form_resource = "/io/github/uniondesk/UnionDesk/teams/ud-project-form.ui",
  .new_title = N_("New Project"),
  .edit_title = N_("Edit Project"),
  .saved_message = N_("Project saved"),
};

/* Add…: a new record of the team in an editor over the team's; the
 * team's list reads again when it is saved (records-changed). */
static void
on_add_clicked (GtkButton *button,
                gpointer   user_data)
{
  const UdRecordEditorInfo *info = user_data;
  UdDbWorker *worker = g_object_get_data (G_OBJECT (button), "ud-worker");
  const char *team = g_object_get_data (G_OBJECT (button), "ud-team");
  UdRecordEditor *editor = ud_record_editor_new (worker, info, 0);
  UdFormBinder *binder = ud_record_editor_get_binder (editor);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  ud_record_set (ud_form_binder_get_record (binder), "team", team);
  ud_form_binder_set_save_func (binder, save_team_record);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
    }
  gtk_window_present (GTK_WINDOW (editor));
}

/* What Honour Certificates… and Year Report… print: the team (by uuid)
 * and the year. */
typedef struct
{
  char  *team_uuid;
  guint  year;
} PrintRequest;

static void
print_request_free (PrintRequest *request)
{
  g_free (request->team_uuid);
  g_free (request);
}

/* On the worker: the team's honour certificates of the year, one page a
 * member. */
static UdPrintForm *
build_certificates (UdDatabase  *db,
                    gpointer     data,
                    GError     **error)
{
  PrintRequest *request = data;
  g_autoptr(UdRecord) team = ud_team_find (db, request->team_uuid, error);
  g_autoptr(UdPrintForm) form = g_new0 (UdPrintForm, 1);

  if (team == NULL ||
      (form->document = ud_team_honour_certificates_build (db, team, request->year, NULL, NULL, NULL,
                                                           &form->records, error)) == NULL)
    return NULL;
  form->title = g_strdup (_("Honour Certificates"));
  /* Translators: a team's name, then a year */
  form->subtitle = g_strdup_printf (_("%s, %u"), ud_record_get (team, "name"), request->year);
  form->file_name = g_strdup_printf ("荣誉证书-%s-%u.pdf", ud_record_get (team, "name"), request->year);
  return g_steal_pointer (&form);
}

/* On the worker: the team's year as a report. */
static UdPrintForm *
build_report (UdDatabase  *db,
              gpointer     data,
              GError     **error)
{
  PrintRequest *request = data;
  g_autoptr(UdRecord) team = ud_team_find (db, request->team_uuid, error);
  g_autoptr(UdPrintForm) form = g_new0 (UdPrintForm, 1);

  if (team == NULL ||
      (form->document = ud_team_year_report_build (db, team, request->year, &form->records, error)) == NULL)
    return NULL;
  form->title = g_strdup (_("Year Report of the Team"));
  form->subtitle = g_strdup_printf (_("%s, %u"), ud_record_get (team, "name"), request->year);
  form->file_name = g_strdup_printf ("劳模扶贫队年度报告-%s-%u.pdf", ud_record_get (team, "name"), request->year);
  return g_steal_pointer (&form);
}

static void
on_print_clicked (GtkButton *button,
                  gpointer   user_data)
{
  UdPrintFormFunc build = (UdPrintFormFunc) user_data;
  UdDbWorker *worker = g_object_get_data (G_OBJECT (button), "ud-worker");
  GtkSpinButton *year = g_object_get_data (G_OBJECT (button), "ud-year");
  PrintRequest *request = g_new0 (PrintRequest, 1);
  UdPrintPreview *preview;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  request->team_uuid = g_strdup (g_object_get_data (G_OBJECT (button), "ud-team-uuid"));
  request->year = (guint) gtk_spin_button_get_value_as_int (year);
  preview = ud_print_preview_new_for_form (worker, build, request, (GDestroyNotify) print_request_free);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (preview), TRUE);
    }
  gtk_window_present (GTK_WINDOW (preview));
}

/* ---- Pay Households…: an aid batch paying each household ---------------- */

typedef struct
{
  char  *team_uuid;
  char  *programme;   /* code */
  guint  year;
  UdFen  amount;
} PayRequest;

static void
pay_request_free (PayRequest *request)
{
  g_free (request->team_uuid);
  g_free (request->programme);
  g_free (request);
}

typedef struct
{
  GtkWidget   *editor;       /* the team's editor */
  UdDbWorker  *worker;
  char        *team_uuid;
  guint        year;
  GPtrArray   *programmes;   /* UdRecord */
  GtkWidget   *amount_row;
  GtkWidget   *programme_row;
} PayDialog;

static void
pay_dialog_free (PayDialog *pay)
{
  g_clear_object (&pay->editor);
  g_clear_object (&pay->worker);
  g_free (pay->team_uuid);
  g_clear_pointer (&pay->programmes, g_ptr_array_unref);
  g_free (pay);
}

/* On the worker: the batch, its serial answered. */
static gpointer
pay_job (UdDatabase    *db,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  PayRequest *request = data;
  g_autoptr(UdRecord) team = ud_team_find (db, request->team_uuid, error);
  g_autoptr(UdRecord) batch = NULL;

  if (team == NULL ||
      (batch = ud_team_pay (db, team, request->programme, request->year, request->amount, NULL, error)) == NULL)
    return NULL;
  return g_strdup (ud_record_get (batch, "serial"));
}

/* On the worker: a batch's receipt list. */
static UdPrintForm *
build_receipts (UdDatabase  *db,
                gpointer     data,
                GError     **error)
{
  g_autoptr(UdRecord) batch = ud_aid_batch_find (db, data, error);
  g_autoptr(UdPrintForm) form = g_new0 (UdPrintForm, 1);

  if (batch == NULL ||
      (form->document = ud_aid_receipt_list_build (db, batch, error)) == NULL ||
      (form->records = ud_aid_batch_payments (db, batch, error)) == NULL)
    return NULL;
  form->title = g_strdup (_("Receipt List"));
  form->subtitle = g_strdup (data);
  form->file_name = g_strdup_printf ("帮扶资金发放签收表-%s.pdf", (const char *) data);
  return g_steal_pointer (&form);
}

static void
on_paid (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GtkWidget) editor = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *serial = ud_db_worker_run_finish (result, &error);
  UdDbWorker *worker = g_object_get_data (G_OBJECT (editor), "ud-pay-worker");
  UdPrintPreview *preview;

  if (serial == NULL)
    {
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (editor), _("The Households Were Not Paid"),
                                                                             error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  ud_db_worker_notify_records_changed (worker, NULL);
  /* Translators: an aid batch's serial number */
  {
    g_autofree char *message = g_strdup_printf (_("Batch %s made: its receipt list is shown"), serial);

    ud_widget_show_message (editor, message);
  }
  preview = ud_print_preview_new_for_form (worker, build_receipts, g_strdup (serial), g_free);
  gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (editor));
  gtk_window_set_modal (GTK_WINDOW (preview), TRUE);
  gtk_window_present (GTK_WINDOW (preview));
}

static gboolean
read_amount (PayDialog *pay,
             UdFen     *amount)
{
  return ud_money_parse (gtk_editable_get_text (GTK_EDITABLE (pay->amount_row)), amount, NULL) && *amount > 0;
}

static void
on_amount_changed (GtkEditable *editable,
                   gpointer     user_data)
{
  AdwMessageDialog *dialog = user_data;
  PayDialog *pay = g_object_get_data (G_OBJECT (dialog), "ud-pay");
  UdFen amount;

  adw_message_dialog_set_response_enabled (dialog, "pay", read_amount (pay, &amount));
}

static void
on_pay_response (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  PayDialog *pay = g_object_get_data (G_OBJECT (dialog), "ud-pay");
  PayRequest *request;
  guint chosen;

  if (g_strcmp0 (response, "pay") != 0)
    return;

  request = g_new0 (PayRequest, 1);
  chosen = adw_combo_row_get_selected (ADW_COMBO_ROW (pay->programme_row));
  request->team_uuid = g_strdup (pay->team_uuid);
  request->programme = g_strdup (ud_record_get (g_ptr_array_index (pay->programmes, chosen), "code"));
  request->year = pay->year;
  if (!read_amount (pay, &request->amount))
    request->amount = -1;
  g_object_set_data (G_OBJECT (pay->editor), "ud-pay-worker", pay->worker);
  ud_db_worker_run_async (pay->worker, pay_job, request, (GDestroyNotify) pay_request_free, g_free,
                          NULL, on_paid, g_object_ref (pay->editor));
}

/* The programmes read: the dialog asks for the programme and the amount. */
static void
on_programmes (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PayDialog *pay = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *body = NULL;
  g_autofree char *year = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  guint temporary = 0;

  pay->programmes = ud_db_worker_run_finish (result, &error);
  if (pay->programmes == NULL || pay->programmes->len == 0)
    {
      pay_dialog_free (pay);
      return;
    }
  for (guint i = 0; i < pay->programmes->len; i++)
    {
      UdRecord *programme = g_ptr_array_index (pay->programmes, i);

      gtk_string_list_append (names, ud_record_get (programme, "name"));
      if (g_str_equal (ud_record_get (programme, "code"), "temporary"))
        temporary = i;
    }

  /* Translators: a year */
  body = g_strdup_printf (_("Each household of the team gets one line of a new aid batch of %u. The payments are recorded in the aid batch afterwards."),
                          pay->year);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (pay->editor), _("Pay the Households"), body));
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  pay->programme_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pay->programme_row), _("Aid programme"));
  adw_combo_row_set_model (ADW_COMBO_ROW (pay->programme_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (pay->programme_row), temporary);
  pay->amount_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pay->amount_row), _("Amount per household (yuan)"));
  gtk_list_box_append (GTK_LIST_BOX (list), pay->programme_row);
  gtk_list_box_append (GTK_LIST_BOX (list), pay->amount_row);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "pay", _("_Pay"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "pay", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "pay", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ud-pay", pay, (GDestroyNotify) pay_dialog_free);
  g_signal_connect (pay->amount_row, "changed", G_CALLBACK (on_amount_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_pay_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
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
on_pay_clicked (GtkButton *button,
                gpointer   user_data)
{
  PayDialog *pay = g_new0 (PayDialog, 1);
  GtkSpinButton *year = g_object_get_data (G_OBJECT (button), "ud-year");

  pay->editor = g_object_ref (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (button))));
  pay->worker = g_object_ref (g_object_get_data (G_OBJECT (button), "ud-worker"));
  pay->team_uuid = g_strdup (g_object_get_data (G_OBJECT (button), "ud-team-uuid"));
  pay->year = (guint) gtk_spin_button_get_value_as_int (year);
  ud_db_worker_run_async (pay->worker, programmes_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                          NULL, on_programmes, pay);
}

/* The team's records, once it is stored: each list shows those naming it. */
static void
team_loaded (UdRecordEditor *editor,
             UdDbWorker     *worker,
             UdRecord       *team)
{
  static const char * const lists[] = { "members", "households", "activities", "projects" };
  static const struct
  {
    const char               *button;
    const UdRecordEditorInfo *info;
  } adds[] = {
    { "add_households", &household_editor },
    { "add_activities", &activity_editor },
    { "add_projects",   &project_editor },
  };
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, team->id);

  if (team->id == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      UdRecordTable *table = UD_RECORD_TABLE (ud_record_editor_get_object (editor, lists[i]));
      g_autofree char *group = g_strconcat (lists[i], "_group", NULL);

      if (ud_record_table_get_model (table) != NULL)
        continue;
      ud_record_table_set_fixed_filter (table, "team", id);
      ud_record_table_set_worker (table, worker);
      gtk_widget_set_visible (GTK_WIDGET (ud_record_editor_get_object (editor, group)), TRUE);
    }

  /* Its certificates and its year, printed. */
  {
    static const struct
    {
      const char      *button;
      UdPrintFormFunc  build;
    } prints[] = {
      { "print_certificates", build_certificates },
      { "print_report",       build_report },
      { "pay_households",     NULL },
    };
    GObject *year = ud_record_editor_get_object (editor, "print_year");
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    if (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (year)) < 2001)
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (year), g_date_time_get_year (now));

    for (guint i = 0; i < G_N_ELEMENTS (prints); i++)
      {
        GObject *button = ud_record_editor_get_object (editor, prints[i].button);

        if (g_object_get_data (button, "ud-team-uuid") != NULL)
          continue;
        g_object_set_data (button, "ud-worker", worker);
        g_object_set_data (button, "ud-year", year);
        g_object_set_data_full (button, "ud-team-uuid", g_strdup (team->uuid), g_free);
        if (prints[i].build != NULL)
          g_signal_connect (button, "clicked", G_CALLBACK (on_print_clicked), (gpointer) prints[i].build);
        else
          g_signal_connect (button, "clicked", G_CALLBACK (on_pay_clicked), NULL);
      }
    gtk_widget_set_visible (GTK_WIDGET (ud_record_editor_get_object (editor, "print_group")), TRUE);
  }

  /* Households, activities and projects are added here; a model worker
   * joins from the roll with "uniondesk-cli team member add" or import. */
  for (guint i = 0; i < G_N_ELEMENTS (adds); i++)
    {
      GObject *button = ud_record_editor_get_object (editor, adds[i].button);

      if (g_object_get_data (button, "ud-team") != NULL)
        continue;
      g_object_set_data (button, "ud-worker", worker);
      g_object_set_data_full (button, "ud-team", g_strdup (ud_record_get (team, "name")), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_add_clicked), (gpointer) adds[i].info);
    }
}

static const UdRecordSectionInfo teams = {
  .kind = &ud_kind_team,
  .new_label = N_("_New Team"),
  .new_tooltip = N_("Add a Team (Ctrl+N)"),
  .delete_tooltip = N_("Delete the Selected Team"),
  .search_placeholder = N_("Search by name, captain or paired locality"),
  .empty_title = N_("No Teams Yet"),
  .empty_description = N_("Add the model-worker poverty-relief teams here, then open a team to add its households, activities and projects. Its model workers join from the member roll with “uniondesk-cli team member add” or “team import members”."),
  .export_title = N_("Export Teams"),
  /* Translators: the suggested file name of an export */
  .export_file_name = N_("Poverty-Relief Teams"),
  .count = count_text,
  .editor = {
    .kind = &ud_kind_team,
    .form_resource = "/io/github/uniondesk/UnionDesk/teams/ud-team-form.ui",
    .new_title = N_("New Team"),
    .edit_title = N_("Edit Team"),
    .saved_message = N_("Team saved"),
    .loaded = team_loaded,
  },
};

GtkWidget *
ud_teams_section_new (UdDbWorker *worker)
{
  return ud_record_section_new (worker, &teams);
}
