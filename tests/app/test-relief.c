/* test-relief.c — a serious-illness relief application from draft to paid, in the app
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-relief"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "ud-account.h"
#include "ud-account-dialog.h"
#include "ud-application.h"
#include "ud-fund.h"
#include "ud-history-window.h"
#include "ud-illness-store.h"
#include "ud-member-editor.h"
#include "ud-member-store.h"
#include "ud-reference-store.h"
#include "ud-relief-editor.h"
#include "ud-relief-view.h"
#include "ud-sign-in-window.h"
#include "ud-step-dialog.h"
#include "ud-test-app.h"
#include "ud-validate.h"
#include "ud-window.h"

/* Runs under Xvfb (suite "display"), in the application as the office
 * runs it, pressing what the staff press.  The administrator signs in,
 * creates the clerk's, the reviewer's and the approver's accounts in the
 * Accounts section and sets the year's budget (smaller than the
 * suggestion to come).  Through Switch User… in the main menu, each signs
 * in through the sign-in window: the clerk enters the
 * member and the application and submits it; the reviewer reviews; the
 * approver first meets the fund's refusal, then approves a smaller amount
 * with its reason; the clerk records the public notice (one day is
 * refused, five working days pass) and the payment, and reads the
 * history.  Every button is found by its label in the window shown,
 * checked to be shown and sensitive, and activated.  Screenshots of the
 * editor, the refusal and the section are saved for a person to look at. */

typedef struct
{
  const char *db_path;
  gboolean    passed;
} Run;


static guint
this_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return (guint)g_date_time_get_year (now);
}

/* Accounts → New Account…: one role, the office's first password. */
static void
create_account (GtkWidget  *window,
                const char *username,
                const char *name,
                UdRole      role)
{
  GtkWidget *dialog;

  ud_test_press (window, _("_New Account…"));
  dialog = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_ACCOUNT_DIALOG));
  ud_test_type (dialog, _("User name"), username);
  ud_test_type (dialog, _("Name"), name);
  for (guint other = UD_ROLE_ADMIN; other <= UD_ROLE_APPROVER; other <<= 1)
    ud_test_set_check (dialog, ud_role_get_label (other), other == role);
  ud_test_type (dialog, _("Initial password"), UD_TEST_PASSWORD);
  ud_test_type (dialog, _("Password again"), UD_TEST_PASSWORD);
  ud_test_press (dialog, _("C_reate"));
  ud_test_wait_closed (UD_TYPE_ACCOUNT_DIALOG);
  /* The list shows the new account. */
  g_assert_true (ud_test_wait_labelled (window, name));
}

static gboolean
view_idle (gpointer data)
{
  return !ud_relief_view_get_busy (data) && ud_relief_view_get_summary_text (data) != NULL;
}

/* The Serious-Illness Relief section, read. */
static UdReliefView *
show_relief (GtkWidget *window)
{
  UdReliefView *view;

  ud_test_show_section (window, _("Serious-Illness Relief"));
  view = UD_RELIEF_VIEW (ud_test_find_by_type (window, UD_TYPE_RELIEF_VIEW));
  g_assert_nonnull (view);
  g_assert_true (ud_test_wait_for (ud_test_widget_mapped, view));
  g_assert_true (ud_test_wait_for (view_idle, view));

  return view;
}

static gboolean
editor_loaded (gpointer data)
{
  return ud_relief_editor_get_loaded (data);
}

/* Opens the one application in the list (its row, as Enter or a double
 * click would), as the account signed in now. */
static GtkWidget *
open_application (GtkWidget *window)
{
  UdReliefView *view = show_relief (window);
  GtkWidget *editor;

  g_assert_cmpuint (g_list_model_get_n_items (ud_relief_view_get_model (view)), ==, 1);
  ud_test_press (GTK_WIDGET (view), "朱明敏");
  editor = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_RELIEF_EDITOR));
  g_assert_true (ud_test_wait_for (editor_loaded, editor));

  return editor;
}

static void
close_editor (GtkWidget *editor)
{
  ud_test_press (editor, _("_Close"));
  ud_test_wait_closed (UD_TYPE_RELIEF_EDITOR);
}

typedef struct
{
  GtkWidget  *editor;
  const char *field;
  const char *value;
} RecordWait;

static gboolean
record_has (gpointer data)
{
  RecordWait *wait = data;
  UdRecord *record = ud_relief_editor_get_record (UD_RELIEF_EDITOR (wait->editor));

  return ud_relief_editor_get_loaded (UD_RELIEF_EDITOR (wait->editor)) && record != NULL &&
         g_strcmp0 (ud_record_get (record, wait->field), wait->value) == 0;
}

static void
wait_record (GtkWidget  *editor,
             const char *field,
             const char *value)
{
  RecordWait wait = { editor, field, value };

  if (!ud_test_wait_for (record_has, &wait))
    g_error ("The application's %s did not become “%s”", field, value);
}

static gboolean
dialog_settled (gpointer data)
{
  return !ud_step_dialog_get_busy (data) && ud_step_dialog_get_refusal (data) != NULL;
}

/* The button of the step labelled @step (the workflow's label, as the
 * step dialog's own button says it): “Approve…”. */
static char *
step_button (const char *step)
{
  return g_strdup_printf (_("%s…"), _(step));
}

/* A field's title in the step dialog: “Paid on (YYYY-MM-DD)”. */
static char *
date_title (const char *label)
{
  return g_strdup_printf (_("%s (YYYY-MM-DD)"), _(label));
}

/* Presses the button of @step in the editor, types @opinion into the
 * step's opinion (@opinion_title) and presses the dialog's @step; the
 * application reaches @status. */
static void
run_step (GtkWidget  *editor,
          const char *step,
          const char *opinion_title,
          const char *opinion,
          const char *status)
{
  g_autofree char *button = step_button (step);
  GtkWidget *dialog;

  ud_test_press (editor, button);
  dialog = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_STEP_DIALOG));
  ud_test_type (dialog, opinion_title, opinion);
  g_assert_null (ud_step_dialog_get_problem (UD_STEP_DIALOG (dialog)));
  ud_test_press (dialog, _(step));
  ud_test_wait_closed (UD_TYPE_STEP_DIALOG);
  wait_record (editor, "status", status);
}

/* "D01 恶性肿瘤" as the disease chooser lists it. */
static char *
disease_label (const char *db_path,
               const char *code)
{
  g_autoptr(UdDatabase) db = ud_database_open (db_path, NULL);
  g_autoptr(UdReliefRules) rules = NULL;
  g_autoptr(GPtrArray) diseases = NULL;
  GDate today;

  g_assert_nonnull (db);
  rules = ud_reference_load_rules (db, NULL);
  g_assert_nonnull (rules);
  ud_date_today (&today);
  diseases = ud_relief_rules_diseases (rules, &today);
  for (guint i = 0; diseases != NULL && i < diseases->len; i++)
    {
      UdReliefDisease *disease = g_ptr_array_index (diseases, i);

      if (g_str_equal (disease->code, code))
        return g_strdup_printf (_("%s %s"), disease->code, disease->name);
    }
  g_error ("No disease %s in the catalogue", code);
}

static const char *
field_text (GtkWidget  *root,
            const char *label)
{
  GtkWidget *row = ud_test_find_labelled (root, label);

  g_assert_true (GTK_IS_EDITABLE (row));
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
has_suggestion (gpointer data)
{
  g_autofree char *expected = g_strdup_printf (_("%s yuan"), "12,000.00");

  return g_strcmp0 (ud_relief_editor_get_suggestion (data), expected) == 0;
}

static gboolean
is_shown_scrolled_window (GtkWidget *widget,
                          gpointer   data)
{
  return GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget);
}

/* The form back at its top (the workflow), for the screenshot. */
static void
scroll_to_top (GtkWidget *editor)
{
  GtkWidget *scrolled = ud_test_find_widget (editor, is_shown_scrolled_window, NULL);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scrolled);
  /* The focus (the last document ticked) would pull it down again. */
  gtk_window_set_focus (GTK_WINDOW (editor), NULL);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static gboolean
stored (gpointer data)
{
  UdRecord *record = ud_relief_editor_get_record (data);

  return ud_relief_editor_get_loaded (data) && record != NULL && record->id > 0;
}

/* The clerk enters the member in the Members section. */
static void
enter_member (GtkWidget *window)
{
  GtkWidget *editor;

  ud_test_show_section (window, _("Members"));
  ud_test_press (window, _("_New Member"));
  editor = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_MEMBER_EDITOR));
  ud_test_type (editor, _("Name"), "朱明敏");
  ud_test_type (editor, _("ID number"), "11010519491231002X");
  ud_test_type (editor, _("Mobile phone"), "13800138000");
  ud_test_type (editor, _("Work unit"), "北京密云建材有限公司");
  ud_test_type (editor, _("Service card number"), "6217001049123100268");
  ud_test_press (editor, _("_Save"));
  ud_test_wait_closed (UD_TYPE_MEMBER_EDITOR);
  g_assert_true (ud_test_wait_labelled (window, "朱明敏"));
}

/* The clerk: New Application, the member chosen by pinyin initials, the
 * form typed (a wrong amount is named at its field), saved as a draft. */
static GtkWidget *
enter_application (GtkWidget  *window,
                   const char *db_path)
{
  g_autofree char *disease = disease_label (db_path, "D01");
  g_autofree char *year_text = g_strdup_printf ("-%u-", this_year ());
  g_autofree char *submit = step_button (N_("Submit"));
  const UdIllnessDocument *documents;
  GtkWidget *editor;
  UdRecord *record;
  guint n_documents;

  show_relief (window);
  ud_test_press (window, _("_New Application"));
  editor = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_RELIEF_EDITOR));
  g_assert_cmpstr (ud_relief_editor_get_page (UD_RELIEF_EDITOR (editor)), ==, "choose");
  ud_test_type (editor, _("Search members"), "zmm");
  g_assert_true (ud_test_wait_labelled (editor, "朱明敏"));
  ud_test_settle (200);
  ud_test_save_named_screenshot (editor, "relief-choose", 5000);
  ud_test_press (editor, "朱明敏");
  g_assert_true (ud_test_wait_for (editor_loaded, editor));
  g_assert_cmpstr (ud_relief_editor_get_page (UD_RELIEF_EDITOR (editor)), ==, "form");
  g_assert_cmpstr (ud_record_get (ud_relief_editor_get_record (UD_RELIEF_EDITOR (editor)), "member_name"), ==, "朱明敏");

  ud_test_choose (editor, _("Disease"), disease);
  ud_test_type (editor, _("Hospital"), "北京大学肿瘤医院");
  ud_test_choose (editor, _("Hospital grade"), _("Grade 3A"));
  ud_test_type (editor, _("Household size"), "3");
  ud_test_type (editor, _("Household income, last 12 months (yuan)"), "40000");
  ud_test_type (editor, _("Total medical cost (yuan)"), "15万");
  g_assert_nonnull (ud_relief_editor_get_field_error (UD_RELIEF_EDITOR (editor), "total"));
  g_assert_false (ud_test_can_press (editor, _("_Save Draft")));
  ud_test_type (editor, _("Total medical cost (yuan)"), "156300");
  ud_test_type (editor, _("Basic medical insurance (yuan)"), "100000");
  g_assert_null (ud_relief_editor_get_field_error (UD_RELIEF_EDITOR (editor), "total"));
  /* Self-paid 56,300 → 5,000; income below the line → two tiers up. */
  if (!ud_test_wait_for (has_suggestion, editor))
    g_error ("The suggestion is “%s” (%s)", ud_relief_editor_get_suggestion (UD_RELIEF_EDITOR (editor)),
             ud_relief_editor_get_reasons (UD_RELIEF_EDITOR (editor)));
  ud_test_type (editor, _("Basic medical insurance (yuan)"), "200000");
  g_assert_nonnull (ud_relief_editor_get_field_error (UD_RELIEF_EDITOR (editor), "total"));
  ud_test_type (editor, _("Basic medical insurance (yuan)"), "100000");
  g_assert_null (ud_relief_editor_get_field_error (UD_RELIEF_EDITOR (editor), "total"));
  ud_test_type (editor, _("Diagnosis date"), field_text (editor, _("Application date")));
  documents = ud_illness_documents (&n_documents);
  for (guint i = 0; i < n_documents; i++)
    {
      /* The member is the patient: no proof of kinship is asked. */
      if (documents[i].family_only)
        g_assert_false (ud_test_can_press (editor, _(documents[i].label)));
      else
        ud_test_set_check (editor, _(documents[i].label), TRUE);
    }
  /* Nothing stored yet: no step to take. */
  g_assert_false (ud_test_can_press (editor, submit));

  ud_test_press (editor, _("_Save Draft"));
  g_assert_true (ud_test_wait_for (stored, editor));
  record = ud_relief_editor_get_record (UD_RELIEF_EDITOR (editor));
  g_assert_cmpstr (ud_record_get (record, "status"), ==, "draft");
  g_assert_nonnull (strstr (ud_record_get (record, "serial"), year_text));
  g_assert_cmpstr (ud_record_get (record, "suggested_amount"), ==, "1200000");
  scroll_to_top (editor);
  ud_test_settle (300);
  ud_test_save_named_screenshot (editor, "relief-editor", 20000);

  return editor;
}

static gboolean
history_loaded (gpointer data)
{
  return ud_history_window_get_loaded (data);
}

static gboolean
has_notice (gpointer data)
{
  UdRecord *record = ud_relief_editor_get_record (data);

  return ud_relief_editor_get_loaded (data) && record != NULL &&
         g_strcmp0 (ud_record_get (record, "notice_from"), "") > 0;
}

/* The approver: the fund has 10,000 yuan, the suggestion is 12,000. */
static void
approve (GtkWidget *editor)
{
  g_autofree char *review = step_button (N_("Review"));
  g_autofree char *approve = step_button (N_("Approve"));
  g_autofree char *amount = g_strdup_printf (_("%s (yuan)"), _("Approved amount"));
  UdStepDialog *dialog;
  GtkWidget *window;

  /* The reviewer and the approver see only their own steps. */
  g_assert_false (ud_test_can_press (editor, review));
  ud_test_press (editor, approve);
  window = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_STEP_DIALOG));
  dialog = UD_STEP_DIALOG (window);
  /* The amount starts as the rules' suggestion. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ud_test_find_labelled (window, amount))), ==, "12000.00");
  ud_test_type (window, _("Approval opinion"), "同意救助。");
  ud_test_press (window, _("Approve"));
  g_assert_true (ud_test_wait_for (dialog_settled, dialog));
  g_test_message ("refusal: %s", ud_step_dialog_get_refusal (dialog));
  g_assert_true (ud_test_wait_labelled (window, ud_step_dialog_get_refusal (dialog)));
  ud_test_settle (300);
  ud_test_save_named_screenshot (window, "relief-refused", 5000);

  /* Another amount needs its reason, within the rules' range. */
  ud_test_type (window, amount, "8000");
  g_assert_nonnull (ud_step_dialog_get_problem (dialog));
  g_assert_false (ud_test_can_press (window, _("Approve")));
  ud_test_type (window, amount, "25000");
  ud_test_type (window, _("Reason for another amount"), "本年度基金余额不足");
  g_assert_nonnull (ud_step_dialog_get_problem (dialog));
  ud_test_type (window, amount, "8000");
  g_assert_null (ud_step_dialog_get_problem (dialog));
  ud_test_press (window, _("Approve"));
  ud_test_wait_closed (UD_TYPE_STEP_DIALOG);
  wait_record (editor, "status", "approved");
  g_assert_cmpstr (ud_record_get (ud_relief_editor_get_record (UD_RELIEF_EDITOR (editor)), "approved_amount"), ==, "800000");
  g_assert_cmpstr (ud_record_get (ud_relief_editor_get_record (UD_RELIEF_EDITOR (editor)), "decided_by"), ==, "approver");
}

/* The clerk records the public notice (公示): the dialog starts with the
 * shortest notice; one day is refused with the core's reason, five
 * working days are recorded, and the notice is offered no more. */
static void
record_notice (GtkWidget *editor)
{
  g_autofree char *button = step_button (N_("Record Public Notice"));
  g_autofree char *from_title = date_title (N_("Public notice from"));
  g_autofree char *to_title = date_title (N_("Public notice to"));
  UdStepDialog *dialog;
  GtkWidget *window;
  g_autofree char *fifth_day = NULL;

  ud_test_press (editor, button);
  window = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_STEP_DIALOG));
  dialog = UD_STEP_DIALOG (window);
  fifth_day = g_strdup (field_text (window, to_title));
  g_assert_null (ud_step_dialog_get_problem (dialog));
  ud_test_type (window, to_title, field_text (window, from_title));
  ud_test_press (window, _("Record Public Notice"));
  g_assert_true (ud_test_wait_for (dialog_settled, dialog));
  g_test_message ("short notice: %s", ud_step_dialog_get_refusal (dialog));
  g_assert_nonnull (strstr (ud_step_dialog_get_refusal (dialog), "5"));
  ud_test_type (window, to_title, fifth_day);
  ud_test_settle (200);
  ud_test_save_named_screenshot (window, "relief-notice", 5000);
  ud_test_press (window, _("Record Public Notice"));
  ud_test_wait_closed (UD_TYPE_STEP_DIALOG);
  g_assert_true (ud_test_wait_for (has_notice, editor));
  g_assert_cmpstr (ud_record_get (ud_relief_editor_get_record (UD_RELIEF_EDITOR (editor)), "notice_to"), ==, fifth_day);
  g_assert_false (ud_test_can_press (editor, button));
}

static void
record_payment (GtkWidget *editor)
{
  g_autofree char *button = step_button (N_("Record Payment"));
  GtkWidget *window;

  ud_test_press (editor, button);
  window = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_STEP_DIALOG));
  ud_test_type (window, _("Receipt number"), "JK20260001");
  /* The method is chosen, not taken from the top of the list. */
  g_assert_false (ud_test_can_press (window, _("Record Payment")));
  ud_test_choose (window, _("Payment method"), _("Jingka card transfer"));
  ud_test_press (window, _("Record Payment"));
  ud_test_wait_closed (UD_TYPE_STEP_DIALOG);
  wait_record (editor, "status", "paid");
  ud_test_settle (300);
  ud_test_save_named_screenshot (editor, "relief-paid", 20000);
}

/* Its history, field by field, from the audit trail. */
static void
read_history (GtkWidget *editor)
{
  GtkWindow *history;

  ud_test_press (editor, _("_History…"));
  history = ud_test_wait_toplevel (UD_TYPE_HISTORY_WINDOW);
  g_assert_true (ud_test_wait_for (history_loaded, history));
  g_test_message ("history: %u entries", ud_history_window_get_n_entries (UD_HISTORY_WINDOW (history)));
  g_assert_cmpuint (ud_history_window_get_n_entries (UD_HISTORY_WINDOW (history)), >, 0);
  gtk_window_close (history);
  ud_test_wait_closed (UD_TYPE_HISTORY_WINDOW);
}

/* The city flags the same ID number, paid hardship aid in Chaoyang within
 * 12 months, as sync stores it and announces it: the list marks the
 * application and the editor says where and when. */
static void
see_city_flag (GtkWidget  *window,
               const char *db_path)
{
  UdDbWorker *worker = ud_window_get_worker (UD_WINDOW (window));
  UdReliefView *view = show_relief (window);
  g_autoptr(UdDatabase) db = ud_database_open (db_path, NULL);
  g_autoptr(GPtrArray) applications = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *warnings = NULL;
  GtkWidget *editor;
  gboolean duplicate = TRUE;

  g_assert_nonnull (db);
  applications = ud_illness_store_list (db, NULL, NULL);
  g_assert_nonnull (applications);
  g_assert_cmpuint (applications->len, ==, 1);
  sql = g_strdup_printf ("INSERT INTO sync_flag (seq, kind, uuid, event_date, other_district,"
                         " other_kind, other_date, received_at) VALUES (41, 'illness_application',"
                         " '%s', '2026-02-10', '110105', 'hardship_archive', '2025-11-03',"
                         " '2026-02-11T08:00:00Z')",
                         ((UdRecord *) g_ptr_array_index (applications, 0))->uuid);
  g_assert_true (ud_database_exec (db, sql, NULL));
  ud_db_worker_notify_records_changed (worker, NULL);
  g_assert_true (ud_test_wait_for (view_idle, view));
  g_assert_true (ud_relief_view_get_marks (view, 0, &duplicate));
  g_assert_false (duplicate);
  ud_test_settle (300);
  ud_test_save_named_screenshot (window, "relief-flag-list", 20000);

  editor = open_application (window);
  warnings = ud_relief_editor_get_warnings (UD_RELIEF_EDITOR (editor));
  g_test_message ("warnings: %s", warnings);
  g_assert_nonnull (strstr (warnings, "110105"));
  g_assert_nonnull (strstr (warnings, "2025-11-03"));
  ud_test_settle (300);
  ud_test_save_named_screenshot (editor, "relief-flag-editor", 20000);
  close_editor (editor);
}

static gboolean
budget_shown (gpointer data)
{
  const char *summary = ud_relief_view_get_summary_text (data);

  return view_idle (data) && summary != NULL && strstr (summary, "10,000.00") != NULL;
}

static void
set_budget (GtkWidget *window)
{
  UdReliefView *view = show_relief (window);
  GtkWidget *dialog;

  ud_test_press (window, _("Set _Budget…"));
  dialog = GTK_WIDGET (ud_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  ud_test_type (dialog, _("e.g. 300,000.00"), "10000");
  ud_test_press (dialog, _("_Set Budget"));
  ud_test_wait_closed (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (ud_test_wait_for (budget_shown, view));
}

static gboolean
drive (gpointer data)
{
  Run *run = data;
  g_autofree char *expected = NULL;
  g_autofree char *review = step_button (N_("Review"));
  g_autofree char *approve_label = step_button (N_("Approve"));
  GtkWidget *window;
  GtkWidget *editor;

  /* The administrator: the three accounts, the budget. */
  window = ud_test_sign_in_window ("admin", UD_TEST_PASSWORD, NULL);
  ud_test_show_section (window, _("Accounts"));
  g_assert_true (ud_test_wait_labelled (window, _("_New Account…")));
  create_account (window, "clerk", "王经办", UD_ROLE_CLERK);
  create_account (window, "reviewer", "李审核", UD_ROLE_REVIEWER);
  create_account (window, "approver", "张审批", UD_ROLE_APPROVER);
  set_budget (window);

  /* The clerk: the member, the application, submitted. */
  window = ud_test_switch_user (window, "clerk", UD_TEST_PASSWORD);
  enter_member (window);
  editor = enter_application (window, run->db_path);
  run_step (editor, N_("Submit"), _("Opinion of the grassroots union"), "情况属实，同意上报。", "submitted");
  /* The clerk may not review: the button is not offered. */
  g_assert_false (ud_test_can_press (editor, review));
  close_editor (editor);

  /* The reviewer. */
  window = ud_test_switch_user (window, "reviewer", UD_TEST_PASSWORD);
  editor = open_application (window);
  g_assert_false (ud_test_can_press (editor, approve_label));
  run_step (editor, N_("Review"), _("Review opinion"), "材料齐全，符合救助条件。", "reviewed");
  close_editor (editor);

  /* The approver sees who reviewed it, by name (and the trail names
   * everyone so): the reviewer's name, never the login. */
  window = ud_test_switch_user (window, "approver", UD_TEST_PASSWORD);
  editor = open_application (window);
  {
    g_autofree char *reviewed = g_strdup_printf (_("Reviewed by %s"), "李审核");

    g_assert_true (ud_test_wait_labelled (editor, reviewed));
  }
  approve (editor);
  {
    g_autofree char *shown = ud_test_describe (editor);

    g_assert_nonnull (strstr (shown, "张审批"));
    g_assert_nonnull (strstr (shown, "李审核"));
    g_assert_nonnull (strstr (shown, "王经办"));
  }
  close_editor (editor);

  /* The clerk again: the public notice, the payment, the history. */
  window = ud_test_switch_user (window, "clerk", UD_TEST_PASSWORD);
  editor = open_application (window);
  record_notice (editor);
  record_payment (editor);
  read_history (editor);
  close_editor (editor);

  /* The year's totals. */
  {
    UdReliefView *view = show_relief (window);
    UdFundSummary summary = { this_year (), TRUE, 1000000, 1, 1, 800000, 1, 800000, 200000, 0, 0 };

    expected = ud_fund_summary_to_string (&summary);
    g_assert_cmpstr (ud_relief_view_get_summary_text (view), ==, expected);
    g_test_message ("fund: %s", expected);
    ud_test_settle (300);
    ud_test_save_named_screenshot (window, "relief-section", 20000);
  }

  see_city_flag (window, run->db_path);

  run->passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static void
test_relief_workflow (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { db_path, FALSE };

  /* An office set up with its administrator alone. */
  db = ud_database_open (db_path, &error);
  g_assert_no_error (error);
  ud_account_initialize_office (db, "110118", "北京市密云区总工会", "admin", "赵管理",
                                UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  ud_test_run_application (db_path, drive, &run);
  g_assert_true (run.passed);
  ud_test_remove_tree (dir);
}

/* An application of 2024, submitted by the clerk, in an office with the
 * four accounts. */
static void
prepare_older (UdDatabase *db,
               gpointer    data)
{
  UdIllnessOpinion opinion = { "情况属实，同意申请。", "李建国", "2024-09-02" };
  g_autoptr(UdSession) clerk = NULL;
  g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
  g_autoptr(UdRecord) application = NULL;
  g_autoptr(GError) error = NULL;

  clerk = ud_account_authenticate (db, "clerk", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, clerk);
  ud_record_set (member, "name", "朱明敏");
  ud_record_set (member, "id_number", "11010519491231002X");
  ud_record_set (member, "unit", "北京密云建材有限公司");
  g_assert_true (ud_member_store_save (db, member, NULL, &error));
  g_assert_no_error (error);

  application = ud_illness_application_new (member);
  ud_record_set (application, "application_date", "2024-09-01");
  ud_record_set (application, "disease", "D01");
  ud_record_set (application, "hospital", "首都医科大学附属北京朝阳医院");
  ud_record_set (application, "hospital_grade", "grade3a");
  ud_record_set (application, "diagnosis_date", "2024-06-12");
  ud_record_set (application, "total", "15630000");
  ud_record_set (application, "insurance", "8000000");
  ud_record_set (application, "household_size", "3");
  ud_record_set (application, "household_income", "6000000");
  ud_record_set (application, "documents", "id_copy,card_number,bank_card,diagnosis,discharge,invoices,approval_form");
  g_assert_true (ud_illness_store_save (db, application, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ud_illness_store_submit (db, application->id, &opinion, &error));
  g_assert_no_error (error);
}

typedef struct
{
  UdReliefView *view;
  guint         year;
  guint         n_items;
} ListWait;

static gboolean
listed (gpointer data)
{
  ListWait *wait = data;

  return view_idle (wait->view) && ud_relief_view_get_year (wait->view) == wait->year &&
         g_list_model_get_n_items (ud_relief_view_get_model (wait->view)) == wait->n_items;
}

/* The view shows @year (0: all) and lists @n_items applications. */
static void
wait_listed (UdReliefView *view,
             guint         year,
             guint         n_items)
{
  ListWait wait = { view, year, n_items };

  if (!ud_test_wait_for (listed, &wait))
    g_error ("The list shows year %u with %u applications, not year %u with %u",
             ud_relief_view_get_year (view), g_list_model_get_n_items (ud_relief_view_get_model (view)),
             year, n_items);
}

/* The list opens on this year, empty, and says that another year holds
 * an application; "Show All Years" lists it. */
static GtkWidget *
open_older_application (GtkWidget *window)
{
  UdReliefView *view = show_relief (window);
  g_autofree char *empty = g_strdup_printf (_("No Applications in %u"), this_year ());
  GtkWidget *editor;

  g_assert_cmpuint (g_list_model_get_n_items (ud_relief_view_get_model (view)), ==, 0);
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (view), empty));
  ud_test_settle (200);
  ud_test_save_named_screenshot (window, "relief-other-years", 20000);
  ud_test_press (GTK_WIDGET (view), _("Show _All Years"));
  wait_listed (view, 0, 1);

  ud_test_press (GTK_WIDGET (view), "朱明敏");
  editor = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_RELIEF_EDITOR));
  g_assert_true (ud_test_wait_for (editor_loaded, editor));

  return editor;
}

static gboolean
drive_return_and_reject (gpointer data)
{
  Run *run = data;
  GtkWidget *window;
  GtkWidget *editor;

  /* The reviewer sends it back to the clerk. */
  window = ud_test_sign_in_window ("reviewer", UD_TEST_PASSWORD, NULL);
  editor = open_older_application (window);
  run_step (editor, N_("Return"), _("Why it is returned"), "缺少出院小结原件。", "draft");
  close_editor (editor);

  /* The clerk submits it again, choosing the year in the Fund Year list. */
  window = ud_test_switch_user (window, "clerk", UD_TEST_PASSWORD);
  {
    UdReliefView *view = show_relief (window);

    ud_test_choose (GTK_WIDGET (view), _("Fund Year"), "2024");
    wait_listed (view, 2024, 1);
    ud_test_choose (GTK_WIDGET (view), _("Fund Year"), _("All Years"));
    wait_listed (view, 0, 1);
    ud_test_press (GTK_WIDGET (view), "朱明敏");
    editor = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_RELIEF_EDITOR));
    g_assert_true (ud_test_wait_for (editor_loaded, editor));
  }
  run_step (editor, N_("Submit"), _("Opinion of the grassroots union"), "已补齐材料，同意上报。", "submitted");
  close_editor (editor);

  /* The approver rejects it. */
  window = ud_test_switch_user (window, "approver", UD_TEST_PASSWORD);
  editor = open_older_application (window);
  run_step (editor, N_("Reject"), _("Why it is rejected"), "家庭人均收入高于救助标准。", "rejected");
  close_editor (editor);

  run->passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

/* Return and Reject, pressed in the app, on an application of an earlier
 * year that the list finds through "All Years". */
static void
test_relief_return_and_reject (void)
{
  Run run = { NULL, FALSE };

  ud_test_run_office (prepare_older, NULL, drive_return_and_reject, &run);
  g_assert_true (run.passed);
}

int
main (int   argc,
      char *argv[])
{
  ud_test_init (&argc, &argv);

  g_test_add_func ("/app/relief/workflow", test_relief_workflow);
  g_test_add_func ("/app/relief/return-and-reject", test_relief_return_and_reject);

  return g_test_run ();
}
