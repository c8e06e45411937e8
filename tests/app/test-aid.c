/* test-aid.c — a 送温暖 batch made, committed and paid by pressing buttons
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ud-account.h"
#include "ud-aid-batch-window.h"
#include "ud-aid-kind.h"
#include "ud-aid-view.h"
#include "ud-hardship-kind.h"
#include "ud-hardship-store.h"
#include "ud-member-chooser.h"
#include "ud-member-kind.h"
#include "ud-money.h"
#include "ud-print-preview.h"
#include "ud-print-preview-private.h"
#include "ud-record-store.h"
#include "ud-test-app.h"
#include "ud-ui-util.h"
#include "ud-workflow.h"

/* Three households archived through the core (archiving by buttons is
 * the archives section's test), and a member who is not archived. */
static const char *households[][2] = {
  { "朱明敏", "11010519491231002X" },
  { "王建华", "110228198001010016" },
  { "李秀英", "110228197512030022" },
};
#define AMOUNT_EACH 150000     /* 两节送温暖, an archived household: 1,500.00 */

static void
as (UdDatabase *db,
    const char *username)
{
  g_autoptr(UdSession) session = NULL;
  g_autoptr(GError) error = NULL;

  ud_database_set_session (db, NULL);
  session = ud_account_authenticate (db, username, UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, session);
}

static void
take (UdDatabase        *db,
      const char        *username,
      gint64             id,
      const char        *step,
      const UdStepInput *input)
{
  g_autoptr(GError) error = NULL;

  as (db, username);
  g_assert_true (ud_workflow_take (db, &ud_kind_hardship_archive, id, step, input, NULL, &error));
  g_assert_no_error (error);
}

static void
prepare (UdDatabase *db,
         gpointer    data)
{
  UdStepInput first = { { "情况属实。", "李建国", "2024-09-05" }, NULL, UD_STRV ("2024-09-04") };
  UdStepInput street = { { "同意。", "赵敏", "2024-09-06" } };
  UdStepInput review = { { "符合条件。" } };
  UdStepInput notice = { { NULL }, NULL, UD_STRV ("2024-09-09", "2024-09-13") };
  UdStepInput approve = { { "同意建档。" }, NULL, UD_STRV ("") };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (households); i++)
    {
      g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
      g_autoptr(UdRecord) archive = NULL;

      as (db, "clerk");
      ud_record_set (member, "name", households[i][0]);
      ud_record_set (member, "id_number", households[i][1]);
      ud_record_set (member, "unit", "北京密云建材有限公司");
      g_assert_true (ud_record_store_save (db, member, NULL, &error));
      g_assert_no_error (error);

      archive = ud_hardship_archive_new (member);
      ud_record_set (archive, "application_date", "2024-09-01");
      ud_record_set (archive, "household_size", "2");
      ud_record_set (archive, "income_wages", "3000000");
      ud_record_set (archive, "cause_main", "laid_off");
      ud_record_set (archive, "consent_signed", "yes");
      ud_record_set (archive, "consent_date", "2024-09-02");
      g_assert_true (ud_hardship_archive_save (db, archive, NULL, NULL, &error));
      g_assert_no_error (error);

      take (db, "clerk", archive->id, "submit", &first);
      take (db, "clerk", archive->id, "street", &street);
      take (db, "reviewer", archive->id, "review", &review);
      take (db, "clerk", archive->id, "notice", &notice);
      take (db, "approver", archive->id, "approve", &approve);
    }
}

/* The member chooser's search came back with one member. */
static gboolean
one_found (gpointer data)
{
  return ud_member_chooser_get_ready (data) && ud_member_chooser_get_n_results (data) == 1;
}

static gboolean
batch_idle (gpointer data)
{
  return !ud_aid_batch_window_get_busy (data);
}

static gboolean
batch_stored (gpointer data)
{
  return ud_aid_batch_window_get_batch (data) != NULL && !ud_aid_batch_window_get_busy (data);
}

typedef struct
{
  UdAidBatchWindow *window;
  gint64            paid;
} PaidWait;

static gboolean
batch_paid (gpointer data)
{
  PaidWait *wait = data;
  UdRecord *batch = ud_aid_batch_window_get_batch (wait->window);

  return batch != NULL && !ud_aid_batch_window_get_busy (wait->window) &&
         ud_record_get_int (batch, "paid_count") == wait->paid;
}

static gboolean
table_has_rows (gpointer data)
{
  UdRecordTable *table = data;
  guint wanted = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (table), "test-rows"));

  return !ud_record_table_get_busy (table) &&
         g_list_model_get_n_items (G_LIST_MODEL (ud_record_table_get_model (table))) == wanted;
}

static void
wait_rows (UdRecordTable *table,
           guint          n)
{
  g_object_set_data (G_OBJECT (table), "test-rows", GUINT_TO_POINTER (n));
  if (!ud_test_wait_for (table_has_rows, table))
    g_error ("The table shows %u rows, not %u",
             g_list_model_get_n_items (G_LIST_MODEL (ud_record_table_get_model (table))), n);
}

static gboolean
preview_rendered (gpointer data)
{
  return ud_print_preview_get_rendered (data) || ud_print_preview_get_error (data) != NULL;
}

static gboolean
preview_audited (gpointer data)
{
  return !ud_print_preview_get_busy (data) && ud_print_preview_get_audits (data) == 1;
}

static gboolean
totals_read (gpointer data)
{
  return !ud_aid_view_get_busy (data) && ud_aid_view_get_fund_text (data) != NULL;
}

/* What the core says when a person is in the batch already. */
static char *
refusal (const UdRecord *batch,
         guint           line,
         const char     *name,
         const char     *id_number,
         const char     *paid_on)
{
  g_autofree char *masked = ud_field_display (ud_kind_find_field (&ud_kind_aid_payment, "id_number"), id_number, TRUE);
  g_autofree char *amount = ud_money_format (AMOUNT_EACH);
  g_autofree char *line_text = g_strdup_printf ("%u", line);
  g_autofree char *earlier = g_strdup_printf (_("%s (%s) is on line %s of batch %s: %s, paid on %s"),
                                              name, masked, line_text, ud_record_get (batch, "serial"),
                                              amount, paid_on);

  return g_strdup_printf (_("%s: a person is paid only once in a batch."), earlier);
}

static gboolean
drive (gpointer data)
{
  gboolean *passed = data;
  GtkWidget *window = ud_test_sign_in_window ("clerk", UD_TEST_PASSWORD, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *people = ud_format_count (G_N_ELEMENTS (households));
  g_autofree char *total = ud_money_format (AMOUNT_EACH * G_N_ELEMENTS (households));
  g_autofree char *picked = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *transfer_problem = NULL;
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-aid-XXXXXX", NULL);
  g_autofree char *saved = g_build_filename (dir, "receipts.pdf", NULL);
  UdAidBatchWindow *batch_window;
  UdPrintPreview *preview;
  g_autoptr(UdRecord) batch = NULL;
  UdAidView *view;
  GtkWidget *dialog;
  PaidWait paid;

  ud_test_show_section (window, _("Aid Funds"));
  view = UD_AID_VIEW (ud_test_find_by_type (window, UD_TYPE_AID_VIEW));
  wait_rows (ud_aid_view_get_batches (view), 0);

  /* A new batch of 两节送温暖 for every archived household: the total is
   * seen before anything is committed. */
  ud_test_press (window, _("_New Batch…"));
  batch_window = UD_AID_BATCH_WINDOW (ud_test_wait_toplevel (UD_TYPE_AID_BATCH_WINDOW));
  g_assert_true (ud_test_wait_for (batch_idle, batch_window));
  ud_test_choose (GTK_WIDGET (batch_window), _("Programme"), "两节送温暖");
  ud_test_choose (GTK_WIDGET (batch_window), _("Recipients chosen"), _("Every archived household"));
  ud_test_type (GTK_WIDGET (batch_window), _("Title"), "元旦春节送温暖");
  g_assert_false (ud_test_can_press (GTK_WIDGET (batch_window), _("_Create Batch")));
  ud_test_press (GTK_WIDGET (batch_window), _("_Pick Recipients"));
  picked = g_strdup_printf (ngettext ("%s person picked, %s yuan in all", "%s people picked, %s yuan in all",
                                      G_N_ELEMENTS (households)),
                            people, total);
  if (!ud_test_wait_labelled (GTK_WIDGET (batch_window), picked))
    g_error ("The batch window does not show “%s”", picked);
  for (guint i = 0; i < G_N_ELEMENTS (households); i++)
    g_assert_nonnull (ud_test_find_labelled (GTK_WIDGET (batch_window), households[i][0]));
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (batch_window), "aid-batch-picked", 10000);

  ud_test_press (GTK_WIDGET (batch_window), _("_Create Batch"));
  g_assert_true (ud_test_wait_for (batch_stored, batch_window));
  batch = ud_record_ref (ud_aid_batch_window_get_batch (batch_window));
  g_assert_cmpint (ud_record_get_int (batch, "recipients"), ==, G_N_ELEMENTS (households));
  g_assert_cmpint (ud_record_get_int (batch, "total"), ==, AMOUNT_EACH * G_N_ELEMENTS (households));
  wait_rows (ud_aid_batch_window_get_payments (batch_window), G_N_ELEMENTS (households));
  wait_rows (ud_aid_view_get_batches (view), 1);

  /* The first line by 京卡: the transfer number is asked for, then paid. */
  ud_test_select (GTK_WIDGET (batch_window), households[0][0]);
  ud_test_press (GTK_WIDGET (batch_window), _("_Record Payment…"));
  dialog = ud_test_wait_window_titled (_("Record a Payment"));
  ud_test_type (dialog, _("Paid on"), today);
  ud_test_choose (dialog, _("Paid by"), _("Jingka card transfer"));
  ud_test_press (dialog, _("_Record Payment"));
  transfer_problem = g_strdup_printf (_("%s: give the transfer number"), _("Transfer or receipt number"));
  if (!ud_test_wait_labelled (dialog, transfer_problem))
    g_error ("The payment dialog does not say “%s”", transfer_problem);
  ud_test_type (dialog, _("Transfer or receipt number"), "JK20261201001");
  ud_test_press (dialog, _("_Record Payment"));
  ud_test_wait_window_gone (_("Record a Payment"));
  paid.window = batch_window;
  paid.paid = 1;
  g_assert_true (ud_test_wait_for (batch_paid, &paid));

  /* The others at once, in cash signed for on the list. */
  ud_test_press (GTK_WIDGET (batch_window), _("Pay _All Unpaid…"));
  dialog = ud_test_wait_window_titled (_("Record a Payment"));
  ud_test_choose (dialog, _("Paid by"), _("Cash, signed for"));
  ud_test_press (dialog, _("_Record Payment"));
  ud_test_wait_window_gone (_("Record a Payment"));
  paid.paid = G_N_ELEMENTS (households);
  g_assert_true (ud_test_wait_for (batch_paid, &paid));
  g_clear_pointer (&batch, ud_record_unref);
  batch = ud_record_ref (ud_aid_batch_window_get_batch (batch_window));
  g_assert_cmpint (ud_record_get_int (batch, "paid_total"), ==, AMOUNT_EACH * G_N_ELEMENTS (households));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (batch_window), households[1][0]));
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (batch_window), "aid-batch-paid", 10000);

  /* The same person again, by hand: refused, the core's sentence naming
   * the earlier payment shown in the dialog, nothing added. */
  ud_test_press (GTK_WIDGET (batch_window), _("_Add Person…"));
  dialog = ud_test_wait_window_titled (_("Add a Person"));
  ud_test_type (dialog, _("Search by name, pinyin, ID number or unit"), households[0][0]);
  if (!ud_test_wait_for (one_found, ud_test_find_by_type (dialog, UD_TYPE_MEMBER_CHOOSER)))
    g_error ("The chooser did not find %s alone", households[0][0]);
  ud_test_select (dialog, households[0][0]);
  ud_test_press (dialog, _("_Add to Batch"));
  refused = refusal (batch, 1, households[0][0], households[0][1], today);
  if (!ud_test_wait_labelled (dialog, refused))
    g_error ("The dialog does not show “%s”", refused);
  ud_test_settle (300);
  ud_test_save_named_screenshot (dialog, "aid-add-refused", 10000);
  ud_test_press (dialog, _("_Cancel"));
  ud_test_wait_window_gone (_("Add a Person"));
  g_assert_cmpint (ud_record_get_int (ud_aid_batch_window_get_batch (batch_window), "recipients"), ==,
                   G_N_ELEMENTS (households));

  /* The receipt list in the print preview. */
  ud_test_press (GTK_WIDGET (batch_window), _("_Print Receipt List…"));
  preview = UD_PRINT_PREVIEW (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW));
  g_assert_true (ud_test_wait_for (preview_rendered, preview));
  g_assert_null (ud_print_preview_get_error (preview));
  g_assert_cmpuint (ud_print_preview_get_n_pages (preview), ==, 1);
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (preview), "aid-receipt-list", 10000);
  /* Saved as PDF, and recorded in the audit trail under the batch and
   * each person on it. */
  ud_test_choose_file (GTK_WIDGET (preview), _("_Save as PDF…"), saved, _("_Save"));
  g_assert_true (ud_test_wait_for (preview_audited, preview));
  g_assert_true (ud_test_file_exists (saved));
  gtk_window_close (GTK_WINDOW (preview));
  ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);
  gtk_window_close (GTK_WINDOW (batch_window));
  ud_test_wait_closed (UD_TYPE_AID_BATCH_WINDOW);

  /* A second batch of the programme-year, by hand: the same person is
   * refused again, the programme paying once a year. */
  ud_test_press (window, _("_New Batch…"));
  batch_window = UD_AID_BATCH_WINDOW (ud_test_wait_toplevel (UD_TYPE_AID_BATCH_WINDOW));
  g_assert_true (ud_test_wait_for (batch_idle, batch_window));
  ud_test_choose (GTK_WIDGET (batch_window), _("Programme"), "两节送温暖");
  ud_test_choose (GTK_WIDGET (batch_window), _("Recipients chosen"), _("Chosen by hand"));
  ud_test_press (GTK_WIDGET (batch_window), _("_Create Batch"));
  g_assert_true (ud_test_wait_for (batch_stored, batch_window));
  ud_test_press (GTK_WIDGET (batch_window), _("_Add Person…"));
  dialog = ud_test_wait_window_titled (_("Add a Person"));
  ud_test_type (dialog, _("Search by name, pinyin, ID number or unit"), households[1][0]);
  if (!ud_test_wait_for (one_found, ud_test_find_by_type (dialog, UD_TYPE_MEMBER_CHOOSER)))
    g_error ("The chooser did not find %s alone", households[1][0]);
  ud_test_select (dialog, households[1][0]);
  ud_test_press (dialog, _("_Add to Batch"));
  {
    g_autofree char *masked = ud_field_display (ud_kind_find_field (&ud_kind_aid_payment, "id_number"),
                                                households[1][1], TRUE);
    g_autofree char *amount = ud_money_format (AMOUNT_EACH);
    g_autofree char *earlier = g_strdup_printf (_("%s (%s) is on line %s of batch %s: %s, paid on %s"),
                                                households[1][0], masked, "2", ud_record_get (batch, "serial"),
                                                amount, today);
    g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (now));

    g_free (refused);
    refused = g_strdup_printf (_("%s: %s is paid once a year, and %s has been given."), earlier, "两节送温暖", year);
    if (!ud_test_wait_labelled (dialog, refused))
      g_error ("The dialog does not show “%s”", refused);
  }
  ud_test_press (dialog, _("_Cancel"));
  ud_test_wait_window_gone (_("Add a Person"));
  g_assert_cmpint (ud_record_get_int (ud_aid_batch_window_get_batch (batch_window), "recipients"), ==, 0);
  gtk_window_close (GTK_WINDOW (batch_window));
  ud_test_wait_closed (UD_TYPE_AID_BATCH_WINDOW);
  wait_rows (ud_aid_view_get_batches (view), 2);
  g_assert_true (ud_test_wait_labelled (window, _("Paid in full")));
  g_assert_true (ud_test_wait_labelled (window, _("Nobody on it yet")));
  ud_test_settle (300);
  ud_test_save_named_screenshot (window, "aid-batches", 10000);

  /* The clerk reads the amounts; only the administrator sets them. */
  ud_test_press (window, _("Programmes"));
  g_assert_true (ud_test_wait_for (ud_test_widget_mapped, ud_aid_view_get_programmes (view)));
  wait_rows (ud_aid_view_get_programmes (view), 6);
  ud_test_select (window, "两节送温暖");
  wait_rows (ud_aid_view_get_amounts (view), 2);
  g_assert_false (ud_test_can_press (window, _("_Set Amount…")));

  /* The totals of the year, and the fund. */
  ud_test_press (window, _("Totals and Fund"));
  g_assert_true (ud_test_wait_for (totals_read, view));
  {
    g_autofree char *line = g_strdup_printf ("两节送温暖\t2\t%s\t%s\t%s\t%s\n", people, total, people, total);

    g_assert_nonnull (strstr (ud_aid_view_get_totals_text (view), line));
    g_assert_true (ud_test_wait_labelled (window, ud_aid_view_get_fund_text (view)));
  }
  ud_test_settle (300);
  ud_test_save_named_screenshot (window, "aid-totals", 10000);

  ud_test_remove_tree (dir);
  *passed = TRUE;
  ud_test_quit_application ();
  return G_SOURCE_REMOVE;
}

/* The administrator sets next year's amount (a new line; this year's
 * stays) and the fund's budget, which the totals show with the balance. */
static gboolean
drive_admin (gpointer data)
{
  gboolean *passed = data;
  GtkWidget *window = ud_test_sign_in_window ("admin", UD_TEST_PASSWORD, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *next_year = g_strdup_printf ("%d", g_date_time_get_year (now) + 1);
  g_autofree char *budget = NULL;
  g_autofree char *zero = ud_money_format (0);
  g_autofree char *fund = NULL;
  g_autofree char *problem = NULL;
  GtkWidget *dialog;
  UdAidView *view;

  ud_test_show_section (window, _("Aid Funds"));
  view = UD_AID_VIEW (ud_test_find_by_type (window, UD_TYPE_AID_VIEW));
  ud_test_press (window, _("Programmes"));
  g_assert_true (ud_test_wait_for (ud_test_widget_mapped, ud_aid_view_get_programmes (view)));
  wait_rows (ud_aid_view_get_programmes (view), 6);
  ud_test_select (window, "两节送温暖");
  wait_rows (ud_aid_view_get_amounts (view), 2);

  ud_test_press (window, _("_Set Amount…"));
  dialog = ud_test_wait_window_titled (_("Set an Amount"));
  ud_test_type (dialog, _("Year"), next_year);
  ud_test_choose (dialog, _("Recipient"), _("Archived hardship household"));
  ud_test_type (dialog, _("Amount in yuan"), "-5");
  ud_test_press (dialog, _("_Set Amount"));
  problem = g_strdup_printf (_("%s: must be more than 0."), _("Amount in yuan"));
  if (!ud_test_wait_labelled (dialog, problem))
    g_error ("The amount dialog does not say “%s”", problem);
  ud_test_type (dialog, _("Amount in yuan"), "1800.00");
  ud_test_press (dialog, _("_Set Amount"));
  ud_test_wait_window_gone (_("Set an Amount"));
  wait_rows (ud_aid_view_get_amounts (view), 3);
  g_assert_true (ud_test_wait_labelled (window, next_year));
  ud_test_settle (300);
  ud_test_save_named_screenshot (window, "aid-programmes", 10000);

  ud_test_press (window, _("Totals and Fund"));
  g_assert_true (ud_test_wait_labelled (window, _("Set _Budget…")));
  g_assert_true (ud_test_wait_for (totals_read, view));
  ud_test_press (window, _("Set _Budget…"));
  dialog = ud_test_wait_window_titled (_("Set the Budget"));
  ud_test_type (dialog, _("Budget in yuan"), "200000.00");
  ud_test_press (dialog, _("_Set Budget"));
  ud_test_wait_window_gone (_("Set the Budget"));
  budget = ud_money_format (20000000);
  fund = g_strdup_printf (_("The aid fund of %u: budget %s yuan; %s yuan in batches, %s yuan paid; "
                            "balance %s yuan, %s yuan not yet committed."),
                          (guint) g_date_time_get_year (now), budget, zero, zero, budget, budget);
  if (!ud_test_wait_labelled (window, fund))
    g_error ("The totals do not say “%s”", fund);

  *passed = TRUE;
  ud_test_quit_application ();
  return G_SOURCE_REMOVE;
}

static void
test_admin (void)
{
  gboolean passed = FALSE;

  ud_test_run_office (NULL, NULL, drive_admin, &passed);
  g_assert_true (passed);
}

static void
test_batch (void)
{
  gboolean passed = FALSE;

  ud_test_run_office (prepare, NULL, drive, &passed);
  g_assert_true (passed);
}

int
main (int   argc,
      char *argv[])
{
  ud_test_init (&argc, &argv);

  g_test_add_func ("/app/aid/batch", test_batch);
  g_test_add_func ("/app/aid/amounts", test_admin);

  return g_test_run ();
}
