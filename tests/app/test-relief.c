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
#include "ud-fund.h"
#include "ud-illness-store.h"
#include "ud-member-store.h"
#include "ud-money.h"
#include "ud-relief-editor.h"
#include "ud-relief-item.h"
#include "ud-relief-step-dialog.h"
#include "ud-relief-view.h"
#include "ud-test-app.h"
#include "ud-history-window.h"
#include "ud-ui-util.h"
#include "ud-window.h"

/* Runs under Xvfb (suite "display").  The clerk picks a member from the
 * roll and types the application, watching the suggestion follow; the
 * clerk submits, the reviewer reviews, the approver first meets the
 * fund's refusal (the budget is smaller than the suggestion), then
 * approves a smaller amount with its reason; the clerk records the
 * payment.  Each signed in as their own account.  Screenshots of the
 * editor, the refusal and the section are saved for a person to look at. */

static guint
this_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return (guint)g_date_time_get_year (now);
}

static void
prepare (UdDatabase *db,
         gpointer    data)
{
  g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSession) admin = ud_session_ref (ud_database_get_session (db));
  g_autoptr(UdSession) clerk = NULL;

  ud_record_set (member, "name", "朱明敏");
  ud_record_set (member, "id_number", "11010519491231002X");
  ud_record_set (member, "phone", "13800138000");
  ud_record_set (member, "card_number", "6217001049123100268");
  ud_record_set (member, "unit", "北京密云建材有限公司");
  ud_record_set (member, "status", "active");
  /* The roll is the clerk's; the budget the administrator's. */
  clerk = ud_account_authenticate (db, "clerk", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, clerk);
  ud_member_store_save (db, member, NULL, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, admin);

  /* Less than the suggestion: the first approval is refused. */
  ud_fund_set_budget (db, this_year (), 1000000, &error);
  g_assert_no_error (error);
}

static gboolean
is_relief_view (GtkWidget *widget,
                gpointer   data)
{
  return UD_IS_RELIEF_VIEW (widget);
}

static gboolean
is_search_entry (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static gboolean
view_idle (gpointer data)
{
  return !ud_relief_view_get_busy (data) && ud_relief_view_get_summary_text (data) != NULL;
}

static gboolean
editor_loaded (gpointer data)
{
  return ud_relief_editor_get_loaded (data);
}

static gboolean
members_found (gpointer data)
{
  return ud_relief_editor_get_found_members (data)->len > 0;
}

typedef struct
{
  UdReliefEditor *editor;
  const char     *status;
} StatusWait;

static gboolean
editor_has_status (gpointer data)
{
  StatusWait *wait = data;
  UdRecord *record = ud_relief_editor_get_record (wait->editor);

  return ud_relief_editor_get_loaded (wait->editor) && record != NULL &&
         g_strcmp0 (ud_record_get (record, "status"), wait->status) == 0;
}

static gboolean
dialog_settled (gpointer data)
{
  return !ud_relief_step_dialog_get_busy (data) && ud_relief_step_dialog_get_refusal (data) != NULL;
}

static gboolean
editor_has_notice (gpointer data)
{
  UdRecord *record = ud_relief_editor_get_record (data);

  return ud_relief_editor_get_loaded (data) && record != NULL &&
         g_strcmp0 (ud_record_get (record, "notice_from"), "") > 0;
}

static gboolean
history_loaded (gpointer data)
{
  return ud_history_window_get_loaded (data);
}

static void
type (GtkWidget  *row,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Opens the application @id as the account signed in now. */
static UdReliefEditor *
open_editor (UdReliefView *view,
             UdWindow     *window)
{
  UdReliefEditor *editor;

  g_assert_true (ud_test_wait_for (view_idle, view));
  g_assert_cmpuint (g_list_model_get_n_items (ud_relief_view_get_model (view)), ==, 1);
  editor = UD_RELIEF_EDITOR (ud_relief_view_open (view, 0));
  g_assert_nonnull (editor);
  g_assert_true (ud_test_wait_for (editor_loaded, editor));

  return editor;
}

/* Runs @step in its dialog with @opinion, waiting for @status. */
static void
run_step (UdReliefEditor *editor,
          const char     *step,
          const char     *opinion,
          const char     *status)
{
  UdReliefStepDialog *dialog = UD_RELIEF_STEP_DIALOG (ud_relief_editor_open_step (editor, step));
  StatusWait wait = { editor, status };

  g_assert_nonnull (dialog);
  if (opinion != NULL)
    type (ud_relief_step_dialog_get_row (dialog, "opinion"), opinion);
  g_assert_null (ud_relief_step_dialog_get_problem (dialog));
  g_object_ref (dialog);
  ud_relief_step_dialog_apply (dialog);
  g_assert_true (ud_test_wait_for (editor_has_status, &wait));
  g_object_unref (dialog);
}

static void
test_relief_workflow (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autoptr(UdDbWorker) worker = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *year_text = NULL;
  UdReliefStepDialog *dialog;
  UdReliefEditor *editor;
  UdReliefView *view;
  UdWindow *window;
  UdRecord *record;
  StatusWait wait;
  guint n_documents;
  const UdIllnessDocument *documents = ud_illness_documents (&n_documents);

  worker = ud_test_new_office (dir, "clerk", prepare, NULL);
  window = ud_window_new (NULL, worker);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ud_window_show_section (window, "relief"));
  view = UD_RELIEF_VIEW (ud_test_find_widget (GTK_WIDGET (window), is_relief_view, NULL));
  g_assert_nonnull (view);
  g_assert_true (ud_test_wait_for (view_idle, view));
  g_assert_cmpuint (g_list_model_get_n_items (ud_relief_view_get_model (view)), ==, 0);

  /* The clerk picks the member from the roll by pinyin initials. */
  editor = UD_RELIEF_EDITOR (ud_relief_view_new_application (view));
  g_assert_nonnull (editor);
  g_assert_cmpstr (ud_relief_editor_get_page (editor), ==, "choose");
  gtk_editable_set_text (GTK_EDITABLE (ud_test_find_widget (GTK_WIDGET (editor), is_search_entry, NULL)), "zmm");
  g_assert_true (ud_test_wait_for (members_found, editor));
  ud_test_settle (200);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "relief-choose", 5000);
  ud_relief_editor_choose_member (editor, g_array_index (ud_relief_editor_get_found_members (editor), gint64, 0));
  g_assert_true (ud_test_wait_for (editor_loaded, editor));
  g_assert_cmpstr (ud_relief_editor_get_page (editor), ==, "form");
  g_assert_cmpstr (ud_record_get (ud_relief_editor_get_record (editor), "member_name"), ==, "朱明敏");

  /* Typing: a wrong amount names its field; the suggestion follows. */
  g_assert_true (ud_relief_editor_select_disease (editor, "D01"));
  type (ud_relief_editor_get_row (editor, "hospital"), "北京大学肿瘤医院");
  adw_combo_row_set_selected (ADW_COMBO_ROW (ud_relief_editor_get_row (editor, "hospital_grade")), 1);
  type (ud_relief_editor_get_row (editor, "household_size"), "3");
  type (ud_relief_editor_get_row (editor, "household_income"), "40000");
  type (ud_relief_editor_get_row (editor, "total"), "15万");
  g_assert_nonnull (ud_relief_editor_get_field_error (editor, "total"));
  g_assert_false (ud_relief_editor_get_can_save (editor));
  type (ud_relief_editor_get_row (editor, "total"), "156300");
  type (ud_relief_editor_get_row (editor, "insurance"), "100000");
  g_assert_null (ud_relief_editor_get_field_error (editor, "total"));
  /* Self-paid 56,300 → 5,000; income below the line → two tiers up. */
  expected = g_strdup_printf (_("%s yuan"), "12,000.00");
  g_assert_cmpstr (ud_relief_editor_get_suggestion (editor), ==, expected);
  g_clear_pointer (&expected, g_free);
  type (ud_relief_editor_get_row (editor, "insurance"), "200000");
  g_assert_nonnull (ud_relief_editor_get_field_error (editor, "total"));
  type (ud_relief_editor_get_row (editor, "insurance"), "100000");
  g_assert_null (ud_relief_editor_get_field_error (editor, "total"));
  type (ud_relief_editor_get_row (editor, "diagnosis_date"),
        ud_record_get (ud_relief_editor_get_record (editor), "application_date"));
  for (guint i = 0; i < n_documents; i++)
    ud_relief_editor_set_document (editor, documents[i].code, TRUE);
  g_assert_true (ud_relief_editor_get_can_save (editor));

  ud_relief_editor_save (editor);
  wait.editor = editor;
  wait.status = "draft";
  g_assert_true (ud_test_wait_for (editor_has_status, &wait));
  record = ud_relief_editor_get_record (editor);
  g_assert_cmpint (record->id, >, 0);
  year_text = g_strdup_printf ("-%u-", this_year ());
  g_assert_nonnull (strstr (ud_record_get (record, "serial"), year_text));
  g_assert_cmpstr (ud_record_get (record, "suggested_amount"), ==, "1200000");
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "relief-editor", 20000);

  /* The clerk submits with the grassroots union's opinion. */
  run_step (editor, "submit", "情况属实，同意上报。", "submitted");
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The reviewer reviews. */
  ud_test_sign_in (worker, "reviewer");
  ud_relief_view_reload (view);
  editor = open_editor (view, window);
  run_step (editor, "review", "材料齐全，符合救助条件。", "reviewed");
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The clerk records the public notice (公示): one day is refused with
   * the core's reason, five working days are recorded. */
  ud_test_sign_in (worker, "clerk");
  ud_relief_view_reload (view);
  editor = open_editor (view, window);
  dialog = UD_RELIEF_STEP_DIALOG (ud_relief_editor_open_step (editor, "notice"));
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  {
    GtkWidget *from = ud_relief_step_dialog_get_row (dialog, "notice_from");
    GtkWidget *to = ud_relief_step_dialog_get_row (dialog, "notice_to");
    g_autofree char *fifth_day = g_strdup (gtk_editable_get_text (GTK_EDITABLE (to)));

    g_assert_null (ud_relief_step_dialog_get_problem (dialog));
    type (to, gtk_editable_get_text (GTK_EDITABLE (from)));
    ud_relief_step_dialog_apply (dialog);
    g_assert_true (ud_test_wait_for (dialog_settled, dialog));
    g_test_message ("short notice: %s", ud_relief_step_dialog_get_refusal (dialog));
    g_assert_nonnull (strstr (ud_relief_step_dialog_get_refusal (dialog), "5"));
    type (to, fifth_day);
    ud_relief_step_dialog_apply (dialog);
    g_assert_true (ud_test_wait_for (editor_has_notice, editor));
  }
  g_object_unref (dialog);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The approver: the fund has 10,000 yuan, the suggestion is 12,000. */
  ud_test_sign_in (worker, "approver");
  ud_relief_view_reload (view);
  editor = open_editor (view, window);
  dialog = UD_RELIEF_STEP_DIALOG (ud_relief_editor_open_step (editor, "approve"));
  type (ud_relief_step_dialog_get_row (dialog, "opinion"), "同意救助。");
  ud_relief_step_dialog_apply (dialog);
  g_assert_true (ud_test_wait_for (dialog_settled, dialog));
  g_test_message ("refusal: %s", ud_relief_step_dialog_get_refusal (dialog));
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (dialog), "relief-refused", 5000);

  /* Another amount needs its reason. */
  type (ud_relief_step_dialog_get_row (dialog, "amount"), "8000");
  g_assert_nonnull (ud_relief_step_dialog_get_problem (dialog));
  type (ud_relief_step_dialog_get_row (dialog, "amount"), "25000");
  type (ud_relief_step_dialog_get_row (dialog, "amount_reason"), "本年度基金余额不足");
  g_assert_nonnull (ud_relief_step_dialog_get_problem (dialog));
  type (ud_relief_step_dialog_get_row (dialog, "amount"), "8000");
  g_assert_null (ud_relief_step_dialog_get_problem (dialog));
  ud_relief_step_dialog_apply (dialog);
  wait.editor = editor;
  wait.status = "approved";
  g_assert_true (ud_test_wait_for (editor_has_status, &wait));
  g_assert_cmpstr (ud_record_get (ud_relief_editor_get_record (editor), "approved_amount"), ==, "800000");
  g_assert_cmpstr (ud_record_get (ud_relief_editor_get_record (editor), "decided_by"), ==, "approver");
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The clerk records the payment. */
  ud_test_sign_in (worker, "clerk");
  ud_relief_view_reload (view);
  editor = open_editor (view, window);
  dialog = UD_RELIEF_STEP_DIALOG (ud_relief_editor_open_step (editor, "pay"));
  type (ud_relief_step_dialog_get_row (dialog, "receipt"), "JK20260001");
  ud_relief_step_dialog_apply (dialog);
  wait.editor = editor;
  wait.status = "paid";
  g_assert_true (ud_test_wait_for (editor_has_status, &wait));
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "relief-paid", 20000);

  /* Its history, field by field, from the audit trail. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.history", NULL));
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    UdHistoryWindow *history = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (UD_IS_HISTORY_WINDOW (l->data))
        history = l->data;
    g_assert_nonnull (history);
    g_assert_true (ud_test_wait_for (history_loaded, history));
    g_test_message ("history: %u entries", ud_history_window_get_n_entries (history));
    g_assert_cmpuint (ud_history_window_get_n_entries (history), >, 0);
    gtk_window_destroy (GTK_WINDOW (history));
  }
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The year's totals. */
  ud_relief_view_reload (view);
  g_assert_true (ud_test_wait_for (view_idle, view));
  {
    UdFundSummary summary = { this_year (), TRUE, 1000000, 1, 1, 800000, 1, 800000, 200000, 0, 0 };

    expected = ud_fund_summary_to_string (&summary);
  }
  g_assert_cmpstr (ud_relief_view_get_summary_text (view), ==, expected);
  g_test_message ("fund: %s", expected);
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (window), "relief-section", 20000);

  /* The city flags the same ID number, paid hardship aid in Chaoyang
   * within 12 months, as sync stores it: the list marks the application
   * and the editor says where and when. */
  {
    g_autoptr(UdDatabase) db = ud_database_open (ud_db_worker_get_path (worker), NULL);
    g_autoptr(UdReliefItem) item = g_list_model_get_item (ud_relief_view_get_model (view), 0);
    UdRecord *flagged = ud_relief_item_get_record (item);
    g_autofree char *sql = g_strdup_printf ("INSERT INTO sync_flag (seq, kind, uuid, event_date, other_district,"
                                            " other_kind, other_date, received_at) VALUES (41, 'illness_application',"
                                            " '%s', '2026-02-10', '110105', 'hardship_archive', '2025-11-03',"
                                            " '2026-02-11T08:00:00Z')", flagged->uuid);
    g_autofree char *warnings = NULL;
    gboolean duplicate = TRUE;

    g_assert_nonnull (db);
    g_assert_true (ud_database_exec (db, sql, NULL));
    ud_relief_view_reload (view);
    g_assert_true (ud_test_wait_for (view_idle, view));
    g_assert_true (ud_relief_view_get_marks (view, 0, &duplicate));
    g_assert_false (duplicate);
    ud_test_settle (300);
    ud_test_save_named_screenshot (GTK_WIDGET (window), "relief-flag-list", 20000);

    editor = open_editor (view, window);
    warnings = ud_relief_editor_get_warnings (editor);
    g_test_message ("warnings: %s", warnings);
    g_assert_nonnull (strstr (warnings, "110105"));
    g_assert_nonnull (strstr (warnings, "2025-11-03"));
    ud_test_settle (300);
    ud_test_save_named_screenshot (GTK_WIDGET (editor), "relief-flag-editor", 20000);
    gtk_window_destroy (GTK_WINDOW (editor));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ud_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  ud_test_init (&argc, &argv);

  g_test_add_func ("/app/relief/workflow", test_relief_workflow);

  return g_test_run ();
}
