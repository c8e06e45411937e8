/* test-step-widgets.c — the step bar, step dialog and trail on a kind
 * that is not relief: a hardship archive
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-step-widgets"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <string.h>

#include "ud-account.h"
#include "ud-hardship-kind.h"
#include "ud-hardship-store.h"
#include "ud-member-kind.h"
#include "ud-record-store.h"
#include "ud-step-bar.h"
#include "ud-step-dialog.h"
#include "ud-test-app.h"
#include "ud-trail-view.h"
#include "ud-validate.h"
#include "ud-workflow.h"

/* Runs under Xvfb (suite "display"), in English and in Chinese.  A
 * window holds what an editor of a register with a workflow holds — a
 * UdStepBar and a UdTrailView — on a hardship archive, and reads the
 * archive again when a step is taken, as an editor does.  The clerk
 * records the grassroots union's first review (a date on the paper that
 * lies ahead is named and stops the button) and the street's opinion
 * with its signer (dated before the first review, the core refuses it);
 * a clerk who also reviews and made the archive is told before trying
 * that they may not review it, and the core says so again when tried;
 * the reviewer reviews; the clerk records the public notice, which
 * starts as the shortest one.  Every button is
 * pressed by its label.  The trail names the people and the paper's
 * signer. */

typedef struct
{
  UdDbWorker  *worker;
  UdRecord    *archive;
  GtkWidget   *window;
  UdStepBar   *bar;
  UdTrailView *trail;
} Harness;

static char *
today (void)
{
  GDate date;

  ud_date_today (&date);
  return ud_date_to_iso (&date);
}

static void
prepare (UdDatabase *db,
         gpointer    data)
{
  Harness *harness = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
  g_autofree char *day = today ();
  g_autoptr(UdSession) both = NULL;

  /* A clerk who reviews too makes the archive. */
  ud_account_create (db, "both", "钱兼任", UD_ROLE_CLERK | UD_ROLE_REVIEWER, UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  both = ud_account_authenticate (db, "both", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, both);

  ud_record_set (member, "name", "朱明敏");
  ud_record_set (member, "id_number", "11010519491231002X");
  ud_record_set (member, "unit", "北京密云建材有限公司");
  ud_record_store_save (db, member, NULL, &error);
  g_assert_no_error (error);

  harness->archive = ud_hardship_archive_new (member);
  ud_record_set (harness->archive, "application_date", day);
  ud_record_set (harness->archive, "household_size", "2");
  ud_record_set (harness->archive, "income_wages", "3000000");
  ud_record_set (harness->archive, "cause_main", "laid_off");
  ud_record_set (harness->archive, "consent_signed", "yes");
  ud_record_set (harness->archive, "consent_date", day);
  g_assert_true (ud_hardship_archive_save (db, harness->archive, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (harness->archive, "created_by"), ==, "both");
}

static gboolean
shown (gpointer data)
{
  Harness *harness = data;

  return ud_step_bar_get_ready (harness->bar) && ud_trail_view_get_loaded (harness->trail);
}

/* What an editor does after each load: the bar and the trail of the
 * archive as stored. */
static void
show_archive (Harness *harness)
{
  ud_step_bar_set_record (harness->bar, harness->archive, NULL);
  ud_trail_view_set_record (harness->trail, &ud_kind_hardship_archive, harness->archive->uuid);
  g_assert_true (ud_test_wait_for (shown, harness));
}

static void
on_step_taken (Harness  *harness,
               gpointer  record)
{
  g_clear_pointer (&harness->archive, ud_record_unref);
  harness->archive = ud_record_ref (record);
  ud_step_bar_set_record (harness->bar, harness->archive, NULL);
  ud_trail_view_set_record (harness->trail, &ud_kind_hardship_archive, harness->archive->uuid);
}

static void
sign_in (Harness    *harness,
         const char *username)
{
  ud_test_sign_in (harness->worker, username);
  show_archive (harness);
}

static char *
step_button (const char *step)
{
  return g_strdup_printf (_("%s…"), _(step));
}

static GtkWidget *
open_step (Harness    *harness,
           const char *step)
{
  g_autofree char *button = step_button (step);

  ud_test_press (harness->window, button);
  return GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_STEP_DIALOG));
}

static gboolean
dialog_settled (gpointer data)
{
  return !ud_step_dialog_get_busy (data) && ud_step_dialog_get_refusal (data) != NULL;
}

static void
wait_status (Harness    *harness,
             const char *status)
{
  ud_test_wait_closed (UD_TYPE_STEP_DIALOG);
  g_assert_true (ud_test_wait_for (shown, harness));
  g_assert_cmpstr (ud_record_get (harness->archive, "status"), ==, status);
}

static void
first_review (Harness *harness)
{
  g_autofree char *review = step_button (N_("Review"));
  g_autofree char *visit = g_strdup_printf (_("%s (YYYY-MM-DD)"), _("Home visit on"));
  g_autofree char *day = today ();
  g_autofree char *tomorrow = NULL;
  g_autofree char *yesterday = NULL;
  GtkWidget *dialog;
  GDate date;

  /* A clerk: the first review only; no review of the centre. */
  g_assert_false (ud_test_can_press (harness->window, review));
  g_assert_cmpuint (ud_step_bar_get_n_shown (harness->bar), ==, 1);
  dialog = open_step (harness, N_("Record First Review"));

  /* The home visit starts as today. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ud_test_find_labelled (dialog, visit))), ==, day);
  ud_test_type (dialog, _("Opinion of the grassroots union"), "情况属实，同意建档。");
  ud_test_type (dialog, _("Signed by (on paper)"), "李建国");
  ud_date_today (&date);
  g_date_add_days (&date, 1);
  tomorrow = ud_date_to_iso (&date);
  ud_test_type (dialog, _("Signed on (YYYY-MM-DD)"), tomorrow);
  g_test_message ("problem: %s", ud_step_dialog_get_problem (UD_STEP_DIALOG (dialog)));
  g_assert_nonnull (ud_step_dialog_get_problem (UD_STEP_DIALOG (dialog)));
  g_assert_nonnull (strstr (ud_step_dialog_get_problem (UD_STEP_DIALOG (dialog)), tomorrow));
  g_assert_false (ud_test_can_press (dialog, _("Record First Review")));
  ud_test_settle (200);
  ud_test_save_named_screenshot (dialog, "step-dialog-problem", 5000);
  /* Signed the day before it is typed. */
  ud_date_today (&date);
  g_date_subtract_days (&date, 1);
  yesterday = ud_date_to_iso (&date);
  ud_test_type (dialog, _("Signed on (YYYY-MM-DD)"), yesterday);
  g_assert_null (ud_step_dialog_get_problem (UD_STEP_DIALOG (dialog)));
  ud_test_press (dialog, _("Record First Review"));
  wait_status (harness, "submitted");
  g_assert_cmpuint (ud_trail_view_get_n_steps (harness->trail), ==, 2);
}

/* The street's opinion, signed on paper: dated before the first review's
 * paper, the core refuses it in the dialog, which stays open. */
static void
street_review (Harness *harness)
{
  GtkWidget *dialog = open_step (harness, N_("Record Street Review"));
  g_autofree char *earlier = NULL;
  GDate date;

  ud_date_today (&date);
  g_date_subtract_days (&date, 2);
  earlier = ud_date_to_iso (&date);
  ud_test_type (dialog, _("Opinion of the street or township union"), "同意。");
  ud_test_type (dialog, _("Signed by (on paper)"), "赵敏");
  ud_test_type (dialog, _("Signed on (YYYY-MM-DD)"), earlier);
  g_assert_null (ud_step_dialog_get_problem (UD_STEP_DIALOG (dialog)));
  ud_test_press (dialog, _("Record Street Review"));
  g_assert_true (ud_test_wait_for (dialog_settled, dialog));
  g_test_message ("out of order: %s", ud_step_dialog_get_refusal (UD_STEP_DIALOG (dialog)));
  g_assert_nonnull (strstr (ud_step_dialog_get_refusal (UD_STEP_DIALOG (dialog)), earlier));
  g_assert_true (ud_test_wait_labelled (dialog, ud_step_dialog_get_refusal (UD_STEP_DIALOG (dialog))));
  ud_test_type (dialog, _("Signed on (YYYY-MM-DD)"), "");
  ud_test_press (dialog, _("Record Street Review"));
  wait_status (harness, "street_reviewed");
}

/* A clerk who reviews too made the archive: the dialog says at once that
 * they may not review it, and the core refuses when it is tried all the
 * same. */
static void
refused_review (Harness *harness)
{
  GtkWidget *dialog = open_step (harness, N_("Review"));
  g_autofree char *before = NULL;

  g_assert_nonnull (ud_step_dialog_get_refusal (UD_STEP_DIALOG (dialog)));
  before = g_strdup (ud_step_dialog_get_refusal (UD_STEP_DIALOG (dialog)));
  g_test_message ("refusal: %s", before);
  g_assert_nonnull (strstr (before, "钱兼任"));
  g_assert_true (ud_test_wait_labelled (dialog, before));
  ud_test_type (dialog, _("Review opinion of the hardship-aid centre"), "符合条件。");
  ud_test_press (dialog, _("Review"));
  g_assert_true (ud_test_wait_for (dialog_settled, dialog));
  g_assert_cmpstr (ud_step_dialog_get_refusal (UD_STEP_DIALOG (dialog)), ==, before);
  ud_test_settle (200);
  ud_test_save_named_screenshot (dialog, "step-dialog-duty", 5000);
  ud_test_press (dialog, _("_Cancel"));
  ud_test_wait_closed (UD_TYPE_STEP_DIALOG);
  g_assert_cmpstr (ud_record_get (harness->archive, "status"), ==, "street_reviewed");
}

static void
centre_review (Harness *harness)
{
  GtkWidget *dialog = open_step (harness, N_("Review"));

  g_assert_null (ud_step_dialog_get_refusal (UD_STEP_DIALOG (dialog)));
  ud_test_type (dialog, _("Review opinion of the hardship-aid centre"), "符合条件。");
  ud_test_press (dialog, _("Review"));
  wait_status (harness, "centre_reviewed");
  g_assert_cmpstr (ud_record_get (harness->archive, "reviewed_by"), ==, "reviewer");
}

/* The notice starts today and ends where the shortest one does. */
static void
notice (Harness *harness)
{
  g_autofree char *from_title = g_strdup_printf (_("%s (YYYY-MM-DD)"), _("Public notice from"));
  g_autofree char *to_title = g_strdup_printf (_("%s (YYYY-MM-DD)"), _("Public notice to"));
  g_autofree char *day = today ();
  g_autofree char *end = NULL;
  GtkWidget *dialog = open_step (harness, N_("Record Public Notice"));
  const UdWorkflowStep *step = ud_workflow_find_step (ud_kind_hardship_archive.workflow, "notice");
  GDate date;

  ud_date_today (&date);
  ud_workflow_notice_shortest_end (step, &date, &date);
  end = ud_date_to_iso (&date);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ud_test_find_labelled (dialog, from_title))), ==, day);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ud_test_find_labelled (dialog, to_title))), ==, end);
  ud_test_settle (200);
  ud_test_save_named_screenshot (dialog, "step-dialog-notice", 5000);
  ud_test_press (dialog, _("Record Public Notice"));
  wait_status (harness, "noticed");
  g_assert_cmpstr (ud_record_get (harness->archive, "notice_to"), ==, end);
}

static void
test_step_widgets (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *trail_text = NULL;
  Harness harness = { NULL, };
  GtkWidget *page;
  GtkWidget *group;

  harness.worker = ud_test_new_office (dir, "clerk", prepare, &harness);

  harness.window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (harness.window), 720, 760);
  page = adw_preferences_page_new ();
  group = adw_preferences_group_new ();
  harness.bar = ud_step_bar_new ();
  ud_step_bar_set_worker (harness.bar, harness.worker);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (harness.bar));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  harness.trail = ud_trail_view_new ();
  ud_trail_view_set_worker (harness.trail, harness.worker);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (harness.trail));
  adw_window_set_content (ADW_WINDOW (harness.window), page);
  g_signal_connect_swapped (harness.bar, "step-taken", G_CALLBACK (on_step_taken), &harness);
  gtk_window_present (GTK_WINDOW (harness.window));
  g_assert_true (ud_test_wait_for (ud_test_widget_mapped, harness.window));
  show_archive (&harness);
  g_assert_cmpuint (ud_trail_view_get_n_steps (harness.trail), ==, 1);

  first_review (&harness);
  street_review (&harness);
  sign_in (&harness, "both");
  refused_review (&harness);
  sign_in (&harness, "reviewer");
  centre_review (&harness);
  sign_in (&harness, "clerk");
  notice (&harness);

  /* The trail: every step, by the people's names, the paper's signers. */
  g_assert_cmpuint (ud_trail_view_get_n_steps (harness.trail), ==, 5);
  trail_text = ud_test_describe (GTK_WIDGET (harness.trail));
  g_test_message ("trail:\n%s", trail_text);
  g_assert_nonnull (strstr (trail_text, ud_workflow_trail_label (ud_kind_hardship_archive.workflow, "street")));
  g_assert_nonnull (strstr (trail_text, ud_workflow_trail_label (ud_kind_hardship_archive.workflow, "notice")));
  g_assert_nonnull (strstr (trail_text, "王经办"));
  g_assert_nonnull (strstr (trail_text, "李审核"));
  g_assert_nonnull (strstr (trail_text, "李建国"));
  g_assert_nonnull (strstr (trail_text, "赵敏"));
  g_assert_null (strstr (trail_text, "reviewer"));
  ud_test_settle (300);
  ud_test_save_named_screenshot (harness.window, "step-trail", 10000);

  gtk_window_destroy (GTK_WINDOW (harness.window));
  g_clear_pointer (&harness.archive, ud_record_unref);
  g_clear_object (&harness.worker);
  ud_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  ud_test_init (&argc, &argv);

  g_test_add_func ("/app/step-widgets/hardship", test_step_widgets);

  return g_test_run ();
}
