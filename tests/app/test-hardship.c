/* test-hardship.c — the Hardship Archives section, pressed through as the office does
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ud-account.h"
#include "ud-aid-batch-window.h"
#include "ud-hardship-editor.h"
#include "ud-hardship-kind.h"
#include "ud-hardship-rules.h"
#include "ud-child-dialog.h"
#include "ud-member-store.h"
#include "ud-money.h"
#include "ud-print-preview-private.h"
#include "ud-record-section.h"
#include "ud-record-store.h"
#include "ud-test-app.h"
#include "ud-step-dialog.h"
#include "ud-trail-view.h"
#include "ud-unit-kind.h"
#include "ud-hardship-store.h"
#include "ud-history-window.h"
#include "ud-import-dialog.h"
#include "ud-validate.h"
#include "ud-workflow.h"

#define MEMBER "朱明敏"
#define MEMBER_ID "11010519491231002X"
#define SPOUSE "王建国"
#define SPOUSE_ID "110228198001010016"
#define UNIT "北京密云建材有限公司"

/* The low-income line in force today, as the office's tables say. */
static UdFen line;

static char *
days_ago (guint days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -(gint) days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* A unit and the member whose household is archived. */
static void
prepare (UdDatabase *db,
         gpointer    data)
{
  g_autoptr(UdRecord) unit = ud_record_new (&ud_kind_unit);
  g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
  g_autoptr(UdHardshipRules) rules = NULL;
  g_autoptr(UdSession) clerk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = days_ago (0);
  GDate date;

  clerk = ud_account_authenticate (db, "clerk", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, clerk);

  ud_record_set (unit, "name", UNIT);
  ud_record_set (unit, "credit_code", "91110228MA01ABCD0F");
  ud_record_set (unit, "street", "果园街道");
  ud_record_store_save (db, unit, NULL, &error);
  g_assert_no_error (error);

  ud_record_set (member, "name", MEMBER);
  ud_record_set (member, "id_number", MEMBER_ID);
  ud_record_set (member, "unit", UNIT);
  ud_member_store_save (db, member, NULL, &error);
  g_assert_no_error (error);

  rules = ud_hardship_rules_load (db, &error);
  g_assert_no_error (error);
  g_assert_true (ud_date_parse (today, &date, NULL));
  line = ud_hardship_rules_line (rules, &date);
  g_assert_cmpint (line, >, 0);
}

static gboolean
editor_loaded (gpointer data)
{
  return ud_hardship_editor_get_loaded (data);
}

static gboolean
archive_saved (gpointer data)
{
  UdHardshipEditor *editor = data;
  UdRecord *record = ud_hardship_editor_get_record (editor);

  return ud_hardship_editor_get_loaded (editor) && record != NULL && record->id != 0;
}

static gboolean
reason_at_fault (gpointer data)
{
  return ud_form_binder_get_field_error (ud_hardship_editor_get_binder (data), "category_reason") != NULL;
}

static gboolean
preview_rendered (gpointer data)
{
  return ud_print_preview_get_rendered (data) || ud_print_preview_get_error (data) != NULL;
}

typedef struct
{
  UdRecordTable *table;
  guint          n;
} CountWait;

static gboolean
table_has_rows (gpointer data)
{
  CountWait *wait = data;
  UdRecordModel *model = ud_record_table_get_model (wait->table);

  return model != NULL && !ud_record_table_get_busy (wait->table) &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) == wait->n;
}

/* Scrolls the form to the row labelled @label, as the user does before
 * opening its list (a popover is placed on the screen, by the row). */
static void
scroll_to (GtkWidget  *root,
           const char *label)
{
  GtkWidget *row = ud_test_find_labelled (root, label);
  GtkWidget *scroller = row != NULL ? gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW) : NULL;
  GtkAdjustment *adjustment;
  double x;
  double y;

  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_true (gtk_widget_translate_coordinates (row, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                                   0, 0, &x, &y));
  gtk_adjustment_set_value (adjustment, MAX (0, y - 120));
  ud_test_settle (200);
}

static void
choose (GtkWidget  *root,
        const char *label,
        const char *item)
{
  scroll_to (root, label);
  ud_test_choose (root, label, item);
}

/* Yuan as typed for @fen. */
static char *
yuan (UdFen fen)
{
  return ud_money_format_plain (fen);
}

static gboolean
two_people (gpointer data)
{
  return ((GPtrArray *) data)->len == 2;
}

/* The category shown is @category's label, and the reasons name the line. */
static void
assert_category (UdHardshipEditor *editor,
                 const char       *category)
{
  const UdField *field = ud_kind_find_field (&ud_kind_hardship_archive, "computed_category");
  g_autofree char *line_text = ud_money_format (line);

  g_assert_cmpstr (ud_hardship_editor_get_category (editor), ==, ud_field_choice_label (field, category));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), ud_field_choice_label (field, category)));
  g_assert_nonnull (strstr (ud_hardship_editor_get_reasons (editor), line_text));
}

/* A clerk starts an archive: the member from the roll, the household (the
 * member is in it already; the spouse added), the incomes and expenses —
 * the category follows as typed —, the causes, consent and evidence. */
static UdHardshipEditor *
create_archive (GtkWidget *window)
{
  UdHardshipEditor *editor;
  UdChildDialog *dialog;
  g_autofree char *applied = days_ago (40);
  g_autofree char *consent = days_ago (39);
  /* Three people: P = income ÷ 36.  1.5 L is relative hardship; medical
   * costs of 0.75 L × 36 bring P to 0.75 L: deep hardship. */
  g_autofree char *wages = yuan (line * 36 * 3 / 2);
  g_autofree char *medical = yuan (line * 36 * 3 / 4);
  g_autofree char *remove = NULL;
  GPtrArray *household;

  ud_test_press (window, _("_New Archive"));
  editor = UD_HARDSHIP_EDITOR (ud_test_wait_toplevel (UD_TYPE_HARDSHIP_EDITOR));
  g_assert_cmpstr (ud_hardship_editor_get_page (editor), ==, "choose");
  ud_test_type (GTK_WIDGET (editor), _("Search by name, pinyin, ID number or unit"), MEMBER);
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), MEMBER));
  ud_test_press (GTK_WIDGET (editor), MEMBER);
  g_assert_true (ud_test_wait_for (editor_loaded, editor));

  /* The member is the household's first person. */
  household = ud_hardship_editor_get_household (editor);
  g_assert_cmpuint (household->len, ==, 1);
  g_assert_cmpstr (ud_record_get (g_ptr_array_index (household, 0), "relation"), ==, "self");

  ud_test_type (GTK_WIDGET (editor), _("Application date"), applied);
  ud_test_type (GTK_WIDGET (editor), _("Household size"), "3");

  /* The spouse, with the age from the ID number. */
  ud_test_press (GTK_WIDGET (editor), _("_Add Household Member"));
  dialog = UD_CHILD_DIALOG (ud_test_wait_toplevel (UD_TYPE_CHILD_DIALOG));
  ud_test_type (GTK_WIDGET (dialog), _("Name"), SPOUSE);
  ud_test_choose (GTK_WIDGET (dialog), _("Relation to the member"), _("Spouse"));
  ud_test_type (GTK_WIDGET (dialog), _("ID number"), "110228198001010019");
  g_assert_nonnull (ud_form_binder_get_field_error (ud_child_dialog_get_binder (dialog), "id_number"));
  g_assert_false (ud_test_can_press (GTK_WIDGET (dialog), _("_Done")));
  ud_test_type (GTK_WIDGET (dialog), _("ID number"), SPOUSE_ID);
  ud_test_choose (GTK_WIDGET (dialog), _("Health"), _("Chronic illness"));
  ud_test_type (GTK_WIDGET (dialog), _("Income, last 12 months"), "0");
  ud_test_settle (400);
  ud_test_save_named_screenshot (GTK_WIDGET (dialog), "hardship-household", 10000);
  ud_test_press (GTK_WIDGET (dialog), _("_Done"));
  ud_test_wait_closed (UD_TYPE_CHILD_DIALOG);
  g_assert_cmpuint (household->len, ==, 2);
  g_assert_cmpstr (ud_record_get (g_ptr_array_index (household, 1), "birth_date"), ==, "1980-01-01");
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), SPOUSE));

  /* A row added by mistake is removed again. */
  ud_test_press (GTK_WIDGET (editor), _("_Add Household Member"));
  dialog = UD_CHILD_DIALOG (ud_test_wait_toplevel (UD_TYPE_CHILD_DIALOG));
  ud_test_type (GTK_WIDGET (dialog), _("Name"), "王小明");
  ud_test_choose (GTK_WIDGET (dialog), _("Relation to the member"), _("Child"));
  ud_test_press (GTK_WIDGET (dialog), _("_Done"));
  ud_test_wait_closed (UD_TYPE_CHILD_DIALOG);
  g_assert_cmpuint (household->len, ==, 3);
  remove = g_strdup_printf (_("Remove %s"), "王小明");
  ud_test_press (GTK_WIDGET (editor), remove);
  g_assert_true (ud_test_wait_for (two_people, household));

  /* The category as it is typed. */
  ud_test_type (GTK_WIDGET (editor), _("Income from wages"), wages);
  assert_category (editor, "relative");
  ud_test_type (GTK_WIDGET (editor), _("Medical costs paid by the household"), medical);
  assert_category (editor, "deep");

  choose (GTK_WIDGET (editor), _("Main cause"), _("Serious illness"));
  scroll_to (GTK_WIDGET (editor), _("Laid off or unemployed"));
  ud_test_set_check (GTK_WIDGET (editor), _("Laid off or unemployed"), TRUE);
  ud_test_type (GTK_WIDGET (editor), _("Contact person"), SPOUSE);
  ud_test_type (GTK_WIDGET (editor), _("Contact's mobile phone"), "13912345678");
  choose (GTK_WIDGET (editor), _("Consent to the household-economy check signed"), _("Yes"));
  ud_test_type (GTK_WIDGET (editor), _("Consent signed on"), consent);
  scroll_to (GTK_WIDGET (editor), _("ID card copy"));
  ud_test_set_check (GTK_WIDGET (editor), _("ID card copy"), TRUE);
  ud_test_set_check (GTK_WIDGET (editor), _("Medical bills"), TRUE);
  assert_category (editor, "deep");

  /* Another category only with a written reason. */
  choose (GTK_WIDGET (editor), _("Category"), _("Relative hardship"));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), _("Why another category than the computed")));
  ud_test_press (GTK_WIDGET (editor), _("_Save Draft"));
  g_assert_true (ud_test_wait_for (reason_at_fault, editor));
  g_assert_cmpint (ud_hardship_editor_get_record (editor)->id, ==, 0);
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "hardship-category-reason", 10000);
  ud_test_type (GTK_WIDGET (editor), _("Why another category than the computed"),
                "家属慢性病长期服药，按相对困难建档");

  ud_test_press (GTK_WIDGET (editor), _("_Save Draft"));
  g_assert_true (ud_test_wait_for (archive_saved, editor));
  g_assert_cmpstr (ud_record_get (ud_hardship_editor_get_record (editor), "category"), ==, "relative");
  g_assert_cmpstr (ud_record_get (ud_hardship_editor_get_record (editor), "computed_category"), ==, "deep");
  g_assert_cmpstr (ud_record_get (ud_hardship_editor_get_record (editor), "causes_other"), ==, "laid_off");
  g_assert_cmpuint (ud_hardship_editor_get_household (editor)->len, ==, 2);
  ud_test_settle (500);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "hardship-editor", 10000);
  scroll_to (GTK_WIDGET (editor), _("Status"));
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "hardship-editor-top", 10000);
  scroll_to (GTK_WIDGET (editor), _("Household size"));
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "hardship-editor-household", 10000);

  return editor;
}

static void
print_form (UdHardshipEditor *editor)
{
  UdPrintPreview *preview;

  ud_test_press (GTK_WIDGET (editor), _("_Print…"));
  preview = UD_PRINT_PREVIEW (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW));
  g_assert_true (ud_test_wait_for (preview_rendered, preview));
  g_assert_null (ud_print_preview_get_error (preview));
  g_assert_cmpuint (ud_print_preview_get_n_pages (preview), >=, 1);
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (preview), "hardship-form-preview", 10000);
  gtk_window_close (GTK_WINDOW (preview));
  ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);
}

static gboolean
history_loaded (gpointer data)
{
  return ud_history_window_get_loaded (data);
}

/* The button of the step labelled @step: “Review…”. */
static char *
step_button (const char *step)
{
  return g_strdup_printf (_("%s…"), _(step));
}

/* A date's title in the step dialog: “Home visit on (YYYY-MM-DD)”. */
static char *
date_title (const char *label)
{
  return g_strdup_printf (_("%s (YYYY-MM-DD)"), _(label));
}

typedef struct
{
  UdHardshipEditor *editor;
  const char       *status;
} StatusWait;

static gboolean
has_status (gpointer data)
{
  StatusWait *wait = data;
  UdRecord *record = ud_hardship_editor_get_record (wait->editor);

  return ud_hardship_editor_get_loaded (wait->editor) && record != NULL &&
         g_strcmp0 (ud_record_get (record, "status"), wait->status) == 0;
}

/* Presses the button of @step, gives the opinion (and, from paper, who
 * signed it and when; @fields: more titles and texts, NULL-ended) and
 * presses the dialog's @step: the archive reaches @status. */
static void
run_step (UdHardshipEditor *editor,
          const char       *step,
          const char       *opinion_title,
          const char       *signed_on,
          const char       *status,
          ...)
{
  g_autofree char *button = step_button (step);
  StatusWait wait = { editor, status };
  GtkWidget *dialog;
  const char *title;
  va_list args;

  ud_test_press (GTK_WIDGET (editor), button);
  dialog = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_STEP_DIALOG));
  if (opinion_title != NULL)
    ud_test_type (dialog, _(opinion_title), "情况属实，同意。");
  if (signed_on != NULL)
    {
      ud_test_type (dialog, _("Signed by (on paper)"), "李建国");
      ud_test_type (dialog, _("Signed on (YYYY-MM-DD)"), signed_on);
    }
  va_start (args, status);
  while ((title = va_arg (args, const char *)) != NULL)
    ud_test_type (dialog, title, va_arg (args, const char *));
  va_end (args);
  ud_test_settle (200);
  ud_test_save_named_screenshot (dialog, "hardship-step", 5000);
  g_assert_null (ud_step_dialog_get_problem (UD_STEP_DIALOG (dialog)));
  ud_test_press (dialog, _(step));
  ud_test_wait_closed (UD_TYPE_STEP_DIALOG);
  g_assert_true (ud_test_wait_for (has_status, &wait));
}

/* Signed in as @username: the archive of the member opened from the list. */
static UdHardshipEditor *
open_as (GtkWidget  **window,
         const char  *username)
{
  UdHardshipEditor *editor;

  *window = ud_test_switch_user (*window, username, UD_TEST_PASSWORD);
  ud_test_show_section (*window, _("Hardship Archives"));
  g_assert_true (ud_test_wait_labelled (*window, MEMBER));
  ud_test_select (*window, MEMBER);
  ud_test_press (*window, _("_Open"));
  editor = UD_HARDSHIP_EDITOR (ud_test_wait_toplevel (UD_TYPE_HARDSHIP_EDITOR));
  g_assert_true (ud_test_wait_for (editor_loaded, editor));

  return editor;
}

static void
close_editor (UdHardshipEditor *editor)
{
  gtk_window_close (GTK_WINDOW (editor));
  ud_test_wait_closed (UD_TYPE_HARDSHIP_EDITOR);
}

/* An archived household, taken there through the core by the three
 * accounts (the buttons are the first test's), archived a year ago: the
 * day set back by hand, as a roll imported then would have it. */
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
      UdRecord          *archive,
      const char        *username,
      const char        *step,
      const UdStepInput *input)
{
  g_autoptr(GError) error = NULL;

  as (db, username);
  ud_workflow_take (db, &ud_kind_hardship_archive, archive->id, step, input, NULL, &error);
  g_assert_no_error (error);
}

/* The member's archive taken through the core up to its public notice,
 * with an exclusion when @two_homes. */
static void
prepare_noticed (UdDatabase *db,
                 gboolean    two_homes)
{
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(UdRecord) archive = NULL;
  g_autoptr(GError) error = NULL;
  UdStepInput first = { { "情况属实。", "李建国", "2024-09-05" }, NULL, UD_STRV ("2024-09-04") };
  UdStepInput street = { { "同意。", "赵敏", "2024-09-06" } };
  UdStepInput review = { { "符合条件。" } };
  UdStepInput notice = { { NULL }, NULL, UD_STRV ("2024-09-09", "2024-09-13") };

  prepare (db, NULL);
  member = ud_record_store_find (db, &ud_kind_member, "id_number", MEMBER_ID, &error);
  g_assert_no_error (error);
  archive = ud_hardship_archive_new (member);
  ud_record_set (archive, "application_date", "2024-09-01");
  ud_record_set (archive, "household_size", "2");
  ud_record_set (archive, "income_wages", "3000000");
  ud_record_set (archive, "cause_main", "laid_off");
  ud_record_set (archive, "consent_signed", "yes");
  ud_record_set (archive, "consent_date", "2024-09-02");
  ud_record_set (archive, "two_homes", two_homes ? "yes" : "no");
  ud_hardship_archive_save (db, archive, NULL, NULL, &error);
  g_assert_no_error (error);

  take (db, archive, "clerk", "submit", &first);
  take (db, archive, "clerk", "street", &street);
  take (db, archive, "reviewer", "review", &review);
  take (db, archive, "clerk", "notice", &notice);
}

static void
prepare_archived (UdDatabase *db,
                  gpointer    data)
{
  g_autoptr(UdRecord) archive = NULL;
  g_autoptr(GError) error = NULL;
  UdStepInput approve = { { "同意建档。" }, NULL, UD_STRV ("") };

  prepare_noticed (db, FALSE);
  archive = ud_hardship_store_find (db, MEMBER_ID, &error);
  g_assert_no_error (error);
  take (db, archive, "approver", "approve", &approve);
  ud_database_exec (db, "UPDATE hardship_archive SET archived_on = '2024-09-20'", &error);
  g_assert_no_error (error);
}

static void
prepare_excluded (UdDatabase *db,
                  gpointer    data)
{
  prepare_noticed (db, TRUE);
}

static gboolean
dialog_settled (gpointer data)
{
  return !ud_step_dialog_get_busy (data) && ud_step_dialog_get_refusal (data) != NULL;
}

/* An exclusion (two homes) blocks the approval until the approver
 * overrides it with a reason. */
static gboolean
drive_exclusion (gpointer data)
{
  gboolean *passed = data;
  GtkWidget *window = ud_test_sign_in_window ("approver", UD_TEST_PASSWORD, NULL);
  g_autofree char *approve = step_button (N_("Approve and Archive"));
  g_autofree char *warning = NULL;
  UdHardshipEditor *editor;
  StatusWait archived;
  GtkWidget *dialog;

  ud_test_show_section (window, _("Hardship Archives"));
  g_assert_true (ud_test_wait_labelled (window, MEMBER));
  ud_test_select (window, MEMBER);
  ud_test_press (window, _("_Open"));
  editor = UD_HARDSHIP_EDITOR (ud_test_wait_toplevel (UD_TYPE_HARDSHIP_EDITOR));
  g_assert_true (ud_test_wait_for (editor_loaded, editor));
  /* The reasons say it as they are read. */
  g_assert_nonnull (strstr (ud_hardship_editor_get_reasons (editor), _("Exclusion: the household owns two or more homes.")));

  ud_test_press (GTK_WIDGET (editor), approve);
  dialog = GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_STEP_DIALOG));
  /* Said before deciding. */
  warning = g_strdup_printf (_("This household has an exclusion (%s): it is archived only if you write down why in “%s”."),
                             _("Two or more homes"), _("Why archived despite an exclusion"));
  g_assert_true (ud_test_wait_labelled (dialog, warning));
  ud_test_type (dialog, _("Approval opinion of the district union"), "同意建档。");
  ud_test_press (dialog, _("Approve and Archive"));
  g_assert_true (ud_test_wait_for (dialog_settled, dialog));
  g_test_message ("refusal: %s", ud_step_dialog_get_refusal (UD_STEP_DIALOG (dialog)));
  g_assert_nonnull (strstr (ud_step_dialog_get_refusal (UD_STEP_DIALOG (dialog)), _("Two or more homes")));
  g_assert_true (ud_test_wait_labelled (dialog, ud_step_dialog_get_refusal (UD_STEP_DIALOG (dialog))));
  ud_test_settle (300);
  ud_test_save_named_screenshot (dialog, "hardship-exclusion", 5000);

  ud_test_type (dialog, _("Why archived despite an exclusion"), "第二套住房为危房，无法居住或出租，经核实予以特批。");
  ud_test_press (dialog, _("Approve and Archive"));
  ud_test_wait_closed (UD_TYPE_STEP_DIALOG);
  archived.editor = editor;
  archived.status = "archived";
  g_assert_true (ud_test_wait_for (has_status, &archived));
  g_assert_cmpstr (ud_record_get (ud_hardship_editor_get_record (editor), "exclusion_override"), !=, "");

  *passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static gboolean
visit_recorded (gpointer data)
{
  GPtrArray *visits = ud_hardship_editor_get_visits (data);

  return ud_hardship_editor_get_loaded (data) && visits != NULL && visits->len == 1;
}

/* The clerk finds the archive among the visits overdue, records a visit,
 * and the list of those overdue is empty. */
static gboolean
drive_visits (gpointer data)
{
  gboolean *passed = data;
  GtkWidget *window = ud_test_sign_in_window ("clerk", UD_TEST_PASSWORD, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_months (now, UD_HARDSHIP_VISIT_MONTHS);
  g_autofree char *due = g_date_time_format (later, "%Y-%m-%d");
  UdHardshipEditor *editor;
  UdChildDialog *dialog;
  GtkWindow *overdue;
  UdPrintPreview *preview;

  ud_test_show_section (window, _("Hardship Archives"));
  ud_test_press (window, _("Overdue _Visits…"));
  overdue = ud_test_wait_toplevel (ADW_TYPE_WINDOW);
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (overdue), MEMBER));
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (overdue), "hardship-overdue", 5000);
  ud_test_press (GTK_WIDGET (overdue), MEMBER);

  editor = UD_HARDSHIP_EDITOR (ud_test_wait_toplevel (UD_TYPE_HARDSHIP_EDITOR));
  g_assert_true (ud_test_wait_for (editor_loaded, editor));
  g_assert_cmpstr (ud_record_get (ud_hardship_editor_get_record (editor), "status"), ==, "archived");
  /* Archived: read, not typed into. */
  g_assert_false (ud_test_can_press (GTK_WIDGET (editor), _("_Save Draft")));
  ud_test_press (GTK_WIDGET (editor), _("Add _Visit…"));
  dialog = UD_CHILD_DIALOG (ud_test_wait_toplevel (UD_TYPE_CHILD_DIALOG));
  ud_test_type (GTK_WIDGET (dialog), _("Visited by"), "王经办");
  g_assert_false (ud_test_can_press (GTK_WIDGET (dialog), _("_Record Visit")));
  ud_test_type (GTK_WIDGET (dialog), _("What was found"), "家属病情稳定，仍无固定收入。");
  ud_test_press (GTK_WIDGET (dialog), _("_Record Visit"));
  ud_test_wait_closed (UD_TYPE_CHILD_DIALOG);
  g_assert_true (ud_test_wait_for (visit_recorded, editor));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), due));
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "hardship-visits", 10000);
  gtk_window_close (GTK_WINDOW (editor));
  ud_test_wait_closed (UD_TYPE_HARDSHIP_EDITOR);
  gtk_window_close (overdue);
  ud_test_settle (200);

  ud_test_press (window, _("Overdue _Visits…"));
  overdue = ud_test_wait_toplevel (ADW_TYPE_WINDOW);
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (overdue), _("No Visits Overdue")));
  gtk_window_close (overdue);
  ud_test_settle (200);

  /* The approver: the household leaves the archive after its notice
   * (脱困退档), is still followed up, and comes back (返困). */
  {
    g_autofree char *from = days_ago (20);
    g_autofree char *to = days_ago (10);
    g_autofree char *from_title = date_title (N_("Leaving notice from"));
    g_autofree char *to_title = date_title (N_("Leaving notice to"));

    editor = open_as (&window, "approver");
    run_step (editor, N_("Leave the Archive"), N_("Why the household leaves the archive"), NULL, "left",
              from_title, from, to_title, to, NULL);
    g_assert_cmpstr (ud_record_get (ud_hardship_editor_get_record (editor), "follow_up_until"), !=, "");
    /* Followed up for six months after leaving. */
    g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), _("Next visit due")));
    run_step (editor, N_("Record Return to Hardship"), N_("Why hardship has come back"), NULL, "archived", NULL);
    close_editor (editor);
  }

  /* No notice under way: the notice list says so. */
  ud_test_press (window, _("Print _Notice List…"));
  preview = UD_PRINT_PREVIEW (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW));
  g_assert_true (ud_test_wait_for (preview_rendered, preview));
  g_assert_nonnull (ud_print_preview_get_error (preview));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (preview), ud_print_preview_get_error (preview)));
  gtk_window_close (GTK_WINDOW (preview));
  ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);

  *passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

/* The clerk records the first review with its home visit and the
 * street's review from paper; the reviewer reviews; the clerk records
 * the public notice (its list printed); the approver archives. */
static void
take_to_archived (GtkWidget        **window,
                  UdHardshipEditor  *editor)
{
  g_autofree char *visited = days_ago (37);
  g_autofree char *first = days_ago (35);
  g_autofree char *street = days_ago (30);
  g_autofree char *notice_from = days_ago (21);
  g_autofree char *notice_to = days_ago (11);
  g_autofree char *visit_title = date_title (N_("Home visit on"));
  g_autofree char *from_title = date_title (N_("Public notice from"));
  g_autofree char *to_title = date_title (N_("Public notice to"));
  g_autofree char *review = step_button (N_("Review"));
  UdHistoryWindow *history;
  UdPrintPreview *preview;

  run_step (editor, N_("Record First Review"), N_("Opinion of the grassroots union"), first, "submitted",
            visit_title, visited, NULL);
  run_step (editor, N_("Record Street Review"), N_("Opinion of the street or township union"), street,
            "street_reviewed", NULL);
  /* The clerk who made it does not review it. */
  g_assert_false (ud_test_can_press (GTK_WIDGET (editor), review));
  close_editor (editor);

  editor = open_as (window, "reviewer");
  run_step (editor, N_("Review"), N_("Review opinion of the hardship-aid centre"), NULL, "centre_reviewed", NULL);
  close_editor (editor);

  editor = open_as (window, "clerk");
  run_step (editor, N_("Record Public Notice"), NULL, NULL, "noticed",
            from_title, notice_from, to_title, notice_to, NULL);
  close_editor (editor);

  /* The public notice list names the household, its ID number masked. */
  ud_test_press (*window, _("Print _Notice List…"));
  preview = UD_PRINT_PREVIEW (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW));
  g_assert_true (ud_test_wait_for (preview_rendered, preview));
  g_assert_null (ud_print_preview_get_error (preview));
  g_assert_cmpuint (ud_print_preview_get_n_pages (preview), >=, 1);
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (preview), "hardship-notice-preview", 10000);
  gtk_window_close (GTK_WINDOW (preview));
  ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);

  editor = open_as (window, "approver");
  run_step (editor, N_("Approve and Archive"), N_("Approval opinion of the district union"), NULL, "archived", NULL);
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), _("Archived")));
  g_assert_cmpuint (ud_trail_view_get_n_steps (UD_TRAIL_VIEW (ud_test_find_by_type (GTK_WIDGET (editor), UD_TYPE_TRAIL_VIEW))),
                    >=, 6);
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "hardship-archived", 10000);

  /* Its history, from the audit trail. */
  ud_test_press (GTK_WIDGET (editor), _("_History…"));
  history = UD_HISTORY_WINDOW (ud_test_wait_toplevel (UD_TYPE_HISTORY_WINDOW));
  g_assert_true (ud_test_wait_for (history_loaded, history));
  g_assert_cmpuint (ud_history_window_get_n_entries (history), >=, 6);
  gtk_window_close (GTK_WINDOW (history));
  ud_test_wait_closed (UD_TYPE_HISTORY_WINDOW);
  close_editor (editor);
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

static gboolean
batch_all_paid (gpointer data)
{
  UdRecord *batch = ud_aid_batch_window_get_batch (data);

  return batch != NULL && !ud_aid_batch_window_get_busy (data) &&
         ud_record_get_int (batch, "paid_count") == 1 &&
         ud_record_get_int (batch, "paid_total") == ud_record_get_int (batch, "total");
}

/* The clerk pays a 两节送温暖 batch to every archived household — the one
 * just archived — by pressing through the Aid Funds section. */
static void
pay_warmth (GtkWidget **window)
{
  g_autofree char *picked = NULL;
  g_autofree char *total = NULL;
  g_autofree char *expected = NULL;
  UdAidBatchWindow *batch_window;
  UdRecord *batch;
  GtkWidget *dialog;

  *window = ud_test_switch_user (*window, "clerk", UD_TEST_PASSWORD);
  ud_test_show_section (*window, _("Aid Funds"));
  ud_test_press (*window, _("_New Batch…"));
  batch_window = UD_AID_BATCH_WINDOW (ud_test_wait_toplevel (UD_TYPE_AID_BATCH_WINDOW));
  g_assert_true (ud_test_wait_for (batch_idle, batch_window));
  ud_test_choose (GTK_WIDGET (batch_window), _("Programme"), "两节送温暖");
  ud_test_choose (GTK_WIDGET (batch_window), _("Recipients chosen"), _("Every archived household"));
  ud_test_type (GTK_WIDGET (batch_window), _("Title"), "元旦春节送温暖");
  ud_test_press (GTK_WIDGET (batch_window), _("_Pick Recipients"));
  /* The total is seen before the batch is made: one household. */
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (batch_window), MEMBER));
  g_assert_true (ud_test_wait_for (batch_idle, batch_window));
  picked = g_strdup (ud_aid_batch_window_get_picked_text (batch_window));
  ud_test_press (GTK_WIDGET (batch_window), _("_Create Batch"));
  g_assert_true (ud_test_wait_for (batch_stored, batch_window));
  batch = ud_aid_batch_window_get_batch (batch_window);
  g_assert_cmpint (ud_record_get_int (batch, "recipients"), ==, 1);
  g_assert_cmpint (ud_record_get_int (batch, "total"), >, 0);
  total = ud_money_format (ud_record_get_int (batch, "total"));
  expected = g_strdup_printf (ngettext ("%s person picked, %s yuan in all", "%s people picked, %s yuan in all", 1),
                              "1", total);
  g_assert_cmpstr (picked, ==, expected);

  ud_test_press (GTK_WIDGET (batch_window), _("Pay _All Unpaid…"));
  dialog = ud_test_wait_window_titled (_("Record a Payment"));
  ud_test_choose (dialog, _("Paid by"), _("Cash, signed for"));
  ud_test_press (dialog, _("_Record Payment"));
  ud_test_wait_window_gone (_("Record a Payment"));
  g_assert_true (ud_test_wait_for (batch_all_paid, batch_window));
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (batch_window), "hardship-warmth-paid", 10000);
  gtk_window_close (GTK_WINDOW (batch_window));
  ud_test_wait_closed (UD_TYPE_AID_BATCH_WINDOW);
}

static gboolean
drive (gpointer data)
{
  gboolean *passed = data;
  GtkWidget *window = ud_test_sign_in_window ("clerk", UD_TEST_PASSWORD, NULL);
  UdRecordTable *table;
  UdHardshipEditor *editor;
  CountWait one;

  ud_test_show_section (window, _("Hardship Archives"));
  table = ud_record_section_get_table (UD_RECORD_SECTION (ud_test_find_by_type (window, UD_TYPE_RECORD_SECTION)));

  editor = create_archive (window);
  print_form (editor);
  take_to_archived (&window, editor);
  pay_warmth (&window);
  ud_test_show_section (window, _("Hardship Archives"));
  table = ud_record_section_get_table (UD_RECORD_SECTION (ud_test_find_by_type (window, UD_TYPE_RECORD_SECTION)));

  /* The list shows the archive, archived, with its category. */
  one.table = table;
  one.n = 1;
  g_assert_true (ud_test_wait_for (table_has_rows, &one));
  g_assert_true (ud_test_wait_labelled (window, MEMBER));
  ud_test_settle (300);
  ud_test_save_named_screenshot (window, "hardship-section", 10000);

  *passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static void
test_archive (void)
{
  gboolean passed = FALSE;

  ud_test_run_office (prepare, NULL, drive, &passed);
  g_assert_true (passed);
}

static void
test_visits (void)
{
  gboolean passed = FALSE;

  ud_test_run_office (prepare_archived, NULL, drive_visits, &passed);
  g_assert_true (passed);
}

static gboolean
import_done (gpointer data)
{
  return g_strcmp0 (ud_import_dialog_get_page (data), "result") == 0;
}

/* The archive roll the office kept in Excel, through the section's
 * Import…: the household archived on the roll's day, as recorded. */
static gboolean
drive_import (gpointer data)
{
  gboolean *passed = data;
  GtkWidget *window = ud_test_sign_in_window ("clerk", UD_TEST_PASSWORD, NULL);
  g_autofree char *dir = g_dir_make_tmp ("ud-hardship-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "roll.csv", NULL);
  const char *csv = "姓名,身份证号,困难类别,家庭人口,家庭年收入,致困原因,建档日期,备注\n"
                    MEMBER "," MEMBER_ID ",相对困难,2,38000,下岗失业,2024/4/2,单亲\n";
  const UdImportReport *report;
  UdImportDialog *dialog;
  UdRecordTable *table;
  CountWait one;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, csv, -1, &error);
  g_assert_no_error (error);

  ud_test_show_section (window, _("Hardship Archives"));
  table = ud_record_section_get_table (UD_RECORD_SECTION (ud_test_find_by_type (window, UD_TYPE_RECORD_SECTION)));
  ud_test_press (window, _("_Import…"));
  dialog = UD_IMPORT_DIALOG (ud_test_wait_toplevel (UD_TYPE_IMPORT_DIALOG));
  ud_test_choose_file (GTK_WIDGET (dialog), _("_Choose File…"), path, _("_Open"));
  /* Nothing here changes: checked, then imported at once. */
  ud_test_press (GTK_WIDGET (dialog), _("_Import"));
  g_assert_true (ud_test_wait_for (import_done, dialog));
  report = ud_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->rejected, ==, 0);
  ud_test_press (GTK_WIDGET (dialog), _("_Close"));
  ud_test_wait_closed (UD_TYPE_IMPORT_DIALOG);

  one.table = table;
  one.n = 1;
  g_assert_true (ud_test_wait_for (table_has_rows, &one));
  g_assert_true (ud_test_wait_labelled (window, "2024-04-02"));
  g_assert_true (ud_test_wait_labelled (window, _("Archived")));
  ud_test_remove_tree (dir);

  *passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static void
test_import (void)
{
  gboolean passed = FALSE;

  ud_test_run_office (prepare, NULL, drive_import, &passed);
  g_assert_true (passed);
}

static void
test_exclusion (void)
{
  gboolean passed = FALSE;

  ud_test_run_office (prepare_excluded, NULL, drive_exclusion, &passed);
  g_assert_true (passed);
}

int
main (int   argc,
      char *argv[])
{
  ud_test_init (&argc, &argv);

  g_test_add_func ("/app/hardship/archive", test_archive);
  g_test_add_func ("/app/hardship/visits", test_visits);
  g_test_add_func ("/app/hardship/exclusion", test_exclusion);
  g_test_add_func ("/app/hardship/import", test_import);

  return g_test_run ();
}
