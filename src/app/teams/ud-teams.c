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
#include "ud-child-list.h"
#include "ud-hardship-print.h"
#include "ud-member-chooser.h"
#include "ud-member-kind.h"
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

/* A member's part in the team; one joins from the roll (Add Member…). */
static const UdRecordEditorInfo member_editor = {
  .kind = &ud_kind_team_member,
  .form_resource = "/io/github/uniondesk/UnionDesk/teams/ud-team-member-form.ui",
  .new_title = N_("Add a Team Member"),
  .edit_title = N_("Edit Team Member"),
  .saved_message = N_("Team member saved"),
};

static void add_member (UdChildList *list,
                        UdDbWorker  *worker,
                        const char  *team,
                        gpointer     user_data);

/* The team's lists, each a UdChildList in its group. */
static const UdChildListInfo lists[] = {
  { "members_group", &member_editor, N_("Add _Member…"), N_("Search the team’s members"),
    N_("No Members"), N_("Model workers join the team from the member roll: Add Member….") },
  { "households_group", &household_editor, N_("_Add Household…"), N_("Search the households"),
    N_("No Households"), N_("The households the team assists, with their poverty registration numbers.") },
  { "activities_group", &activity_editor, N_("Add Ac_tivity…"), N_("Search the activities"),
    N_("No Activities"), N_("What the team did: skills, health, education, industry, consumption, pairing.") },
  { "projects_group", &project_editor, N_("Add _Project…"), N_("Search the projects"),
    N_("No Projects"), N_("Projects given, such as bee colonies, with their value.") },
};

/* What Honour Certificates… and Year Report… print: the team (by uuid)
 * and the year. */
typedef struct
{
  char   *team_uuid;
  guint   year;
  GStrv   id_numbers;   /* the members chosen; NULL: all */
} PrintRequest;

static void
print_request_free (PrintRequest *request)
{
  g_free (request->team_uuid);
  g_strfreev (request->id_numbers);
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
      (form->document = ud_team_honour_certificates_build (db, team, request->year,
                                                           (const char * const *) request->id_numbers, NULL, NULL,
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

/* ---- Honour Certificates…: the members chosen --------------------------- */

/* The team's members are read on the worker; a dialog lists them, each
 * with a check (all checked at first), and Preview… shows the
 * certificates of those checked in one document. */
typedef struct
{
  GtkWidget  *editor;
  UdDbWorker *worker;
  char       *team_uuid;
  guint       year;
  GPtrArray  *members;   /* UdRecord (team_member) */
  GPtrArray  *checks;    /* GtkCheckButton, as the members */
} ChooseCertificates;

static void
choose_certificates_free (ChooseCertificates *choose)
{
  g_clear_object (&choose->editor);
  g_clear_object (&choose->worker);
  g_free (choose->team_uuid);
  g_clear_pointer (&choose->members, g_ptr_array_unref);
  g_clear_pointer (&choose->checks, g_ptr_array_unref);
  g_free (choose);
}

static gpointer
members_job (UdDatabase    *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(UdRecord) team = ud_team_find (db, data, error);

  if (team == NULL)
    return NULL;
  return ud_team_records (db, team, &ud_kind_team_member, error);
}

static guint
count_checked (ChooseCertificates *choose)
{
  guint checked = 0;

  for (guint i = 0; i < choose->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (choose->checks, i)))
      checked++;
  return checked;
}

static void
on_member_toggled (AdwMessageDialog *dialog)
{
  ChooseCertificates *choose = g_object_get_data (G_OBJECT (dialog), "ud-choose");
  guint checked = count_checked (choose);
  g_autofree char *body = NULL;

  /* Translators: how many honour certificates are printed, then the year */
  body = g_strdup_printf (ngettext ("%u member chosen: each gets a certificate of %u.",
                                    "%u members chosen: each gets a certificate of %u.", checked),
                          checked, choose->year);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_response_enabled (dialog, "preview", checked > 0);
}

static void
on_choose_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  ChooseCertificates *choose = g_object_get_data (G_OBJECT (dialog), "ud-choose");
  g_autoptr(GStrvBuilder) chosen = g_strv_builder_new ();
  PrintRequest *request;
  UdPrintPreview *preview;

  if (g_strcmp0 (response, "preview") != 0)
    return;

  for (guint i = 0; i < choose->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (choose->checks, i)))
      g_strv_builder_add (chosen, ud_record_get (g_ptr_array_index (choose->members, i), "id_number"));
  request = g_new0 (PrintRequest, 1);
  request->team_uuid = g_strdup (choose->team_uuid);
  request->year = choose->year;
  request->id_numbers = g_strv_builder_end (chosen);
  preview = ud_print_preview_new_for_form (choose->worker, build_certificates, request,
                                           (GDestroyNotify) print_request_free);
  gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (choose->editor));
  gtk_window_set_modal (GTK_WINDOW (preview), TRUE);
  gtk_window_present (GTK_WINDOW (preview));
}

static void
on_members_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ChooseCertificates *choose = user_data;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *scroller;

  choose->members = ud_db_worker_run_finish (result, &error);
  if (choose->members == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ud_widget_show_message (choose->editor, error->message);
      choose_certificates_free (choose);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (choose->editor), _("Honour Certificates"), NULL));
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  choose->checks = g_ptr_array_new ();
  for (guint i = 0; i < choose->members->len; i++)
    {
      UdRecord *member = g_ptr_array_index (choose->members, i);
      GtkWidget *check = gtk_check_button_new_with_label (ud_record_get (member, "name"));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_margin_top (check, 6);
      gtk_widget_set_margin_bottom (check, 6);
      gtk_widget_set_margin_start (check, 6);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_member_toggled), dialog);
      g_ptr_array_add (choose->checks, check);
      gtk_list_box_append (GTK_LIST_BOX (list), check);
    }
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  adw_message_dialog_set_extra_child (dialog, scroller);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "preview", _("_Preview…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "preview", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "preview");
  g_object_set_data_full (G_OBJECT (dialog), "ud-choose", choose, (GDestroyNotify) choose_certificates_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_choose_response), NULL);
  on_member_toggled (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_certificates_clicked (GtkButton *button,
                         gpointer   user_data)
{
  ChooseCertificates *choose = g_new0 (ChooseCertificates, 1);
  GtkSpinButton *year = g_object_get_data (G_OBJECT (button), "ud-year");

  choose->editor = g_object_ref (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (button))));
  choose->worker = g_object_ref (g_object_get_data (G_OBJECT (button), "ud-worker"));
  choose->team_uuid = g_strdup (g_object_get_data (G_OBJECT (button), "ud-team-uuid"));
  choose->year = (guint) gtk_spin_button_get_value_as_int (year);
  ud_db_worker_run_async (choose->worker, members_job, g_strdup (choose->team_uuid), g_free,
                          (GDestroyNotify) g_ptr_array_unref, NULL, on_members_read, choose);
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

/* ---- Add Member…: a model worker from the roll ---------------------------- */

typedef struct
{
  UdDbWorker  *worker;
  char        *team;        /* name */
  char        *team_uuid;
  GtkWidget   *title_row;   /* the chosen member's title, from the roll */
  GtkWidget   *expertise_row;
  GtkWidget   *role_row;
} AddMember;

static void
add_member_free (AddMember *add)
{
  g_clear_object (&add->worker);
  g_free (add->team);
  g_free (add->team_uuid);
  g_free (add);
}

static gpointer
add_member_job (UdDatabase    *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  /* The team's rules: the member found on the roll by the ID number,
   * in a team once. */
  if (!ud_team_save (db, data, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/* The answers of the dialog's two jobs: the team's members (a NULL-ended
 * GPtrArray of uuids, left out of the chooser), or TRUE when the member
 * was added (the team's list reads again, the dialog closes).  A refusal
 * is the core's sentence in the dialog, which stays open; without the
 * team's members everyone is offered, and the core refuses one twice. */
static void
on_job_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWindow) dialog = user_data;
  g_autoptr(GError) error = NULL;
  AddMember *add = g_object_get_data (G_OBJECT (dialog), "ud-add-member");
  gpointer answer = ud_db_worker_run_finish (result, &error);

  if (answer == NULL)
    ud_member_chooser_dialog_show_problem (dialog, error->message);
  else if (answer == GINT_TO_POINTER (TRUE))
    {
      ud_db_worker_notify_records_changed (add->worker, ud_kind_team_member.name);
      gtk_window_destroy (dialog);
    }
  else
    {
      g_autoptr(GPtrArray) uuids = answer;

      ud_member_chooser_set_excluded (ud_member_chooser_dialog_get_chooser (dialog),
                                      (const char * const *) uuids->pdata);
    }
}

static void
add_member_accept (GtkWindow *dialog,
                   UdRecord  *member,
                   gpointer   user_data)
{
  AddMember *add = user_data;
  UdRecord *record = ud_record_new (&ud_kind_team_member);

  ud_record_set (record, "team", add->team);
  ud_record_set (record, "id_number", ud_record_get (member, "id_number"));
  ud_record_set (record, "expertise", gtk_editable_get_text (GTK_EDITABLE (add->expertise_row)));
  ud_record_set (record, "role", ud_combo_row_get_choice (ADW_COMBO_ROW (add->role_row),
                                                          ud_kind_find_field (&ud_kind_team_member, "role")));
  ud_db_worker_run_async (add->worker, add_member_job, record, (GDestroyNotify) ud_record_unref, NULL,
                          NULL, on_job_done, g_object_ref (dialog));
}

/* The title shown is the chosen member's, as the roll has it. */
static void
on_member_selected (UdMemberChooser *chooser,
                    AddMember       *add)
{
  UdRecord *member = ud_member_chooser_get_selected (chooser);
  g_autofree char *title = NULL;

  if (member != NULL)
    title = ud_field_display (ud_kind_find_field (&ud_kind_member, "model_worker"),
                              ud_record_get (member, "model_worker"), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (add->title_row), title != NULL ? title : _("Choose a model worker above"));
}

/* On the worker: the uuids of the team's members, left out of the chooser. */
static gpointer
team_members_job (UdDatabase    *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(UdRecord) team = ud_team_find (db, data, error);
  g_autoptr(GPtrArray) members = NULL;
  GPtrArray *uuids;

  if (team == NULL || (members = ud_team_records (db, team, &ud_kind_team_member, error)) == NULL)
    return NULL;
  uuids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (uuids, g_strdup (ud_record_get (g_ptr_array_index (members, i), "member_uuid")));
  g_ptr_array_add (uuids, NULL);
  return uuids;
}

/* Add Member… of the team's members: @user_data is the team's uuid. */
static void
add_member (UdChildList *list,
            UdDbWorker  *worker,
            const char  *team,
            gpointer     user_data)
{
  AddMember *add = g_new0 (AddMember, 1);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (list));
  g_autofree char *description = NULL;
  UdMemberChooser *chooser;
  GtkWindow *dialog;
  GtkWidget *group = adw_preferences_group_new ();

  add->worker = g_object_ref (worker);
  add->team = g_strdup (team);
  add->team_uuid = g_strdup (user_data);
  /* Translators: a team's name */
  description = g_strdup_printf (_("Find the model worker on the roll and choose them to join %s."), add->team);
  dialog = ud_member_chooser_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, add->worker,
                                         _("Add a Team Member"), _("_Add Member"), description,
                                         add_member_accept, add, (GDestroyNotify) add_member_free);
  g_object_set_data (G_OBJECT (dialog), "ud-add-member", add);
  chooser = ud_member_chooser_dialog_get_chooser (dialog);
  ud_member_chooser_set_offered (chooser, NULL, "*");

  add->title_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->title_row), _(ud_kind_find_field (&ud_kind_team_member, "title_level")->label));
  add->expertise_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->expertise_row), _(ud_kind_find_field (&ud_kind_team_member, "expertise")->label));
  add->role_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->role_row), _(ud_kind_find_field (&ud_kind_team_member, "role")->label));
  ud_combo_row_set_choices (ADW_COMBO_ROW (add->role_row), ud_kind_find_field (&ud_kind_team_member, "role"), NULL);
  ud_combo_row_set_choice (ADW_COMBO_ROW (add->role_row), ud_kind_find_field (&ud_kind_team_member, "role"), "member");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add->title_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add->expertise_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add->role_row);
  ud_member_chooser_dialog_add (dialog, group);
  g_signal_connect (chooser, "selection-changed", G_CALLBACK (on_member_selected), add);
  on_member_selected (chooser, add);

  ud_db_worker_run_async (add->worker, team_members_job, g_strdup (add->team_uuid), g_free,
                          (GDestroyNotify) g_ptr_array_unref, NULL, on_job_done, g_object_ref (dialog));
  gtk_window_present (dialog);
}

/* The team's records, once it is stored: each list shows those naming it. */
static void
team_loaded (UdRecordEditor *editor,
             UdDbWorker     *worker,
             UdRecord       *team)
{
  if (team->id == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      gboolean created;
      UdChildList *list = ud_child_list_ensure_in_group (editor, &lists[i], "team", &created);

      if (created)
        {
          /* A household, an activity or a project is saved with the
           * team's rules; a member comes from the roll. */
          ud_child_list_set_save_func (list, save_team_record);
          if (lists[i].editor == &member_editor)
            ud_child_list_set_add_func (list, add_member, g_strdup (team->uuid), g_free);
        }
      ud_child_list_set_parent_keyed (list, worker, team->id, ud_record_get (team, "name"));
      gtk_widget_set_visible (GTK_WIDGET (ud_record_editor_get_object (editor, lists[i].group)), TRUE);
    }

  /* Its certificates and its year, printed. */
  {
    static const struct
    {
      const char      *button;
      UdPrintFormFunc  build;
    } prints[] = {
      { "print_certificates", NULL },
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
        else if (g_str_equal (prints[i].button, "print_certificates"))
          g_signal_connect (button, "clicked", G_CALLBACK (on_certificates_clicked), NULL);
        else
          g_signal_connect (button, "clicked", G_CALLBACK (on_pay_clicked), NULL);
      }
    gtk_widget_set_visible (GTK_WIDGET (ud_record_editor_get_object (editor, "print_group")), TRUE);
  }
}

static const UdRecordSectionInfo teams = {
  .kind = &ud_kind_team,
  .new_label = N_("_New Team"),
  .new_tooltip = N_("Add a Team (Ctrl+N)"),
  .delete_tooltip = N_("Delete the Selected Team"),
  .search_hint = N_("Search by name, captain or paired locality"),
  .empty_title = N_("No Teams Yet"),
  .empty_description = N_("Add the model-worker poverty-relief teams here, then open a team to add its model workers from the member roll, its households, activities and projects."),
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
