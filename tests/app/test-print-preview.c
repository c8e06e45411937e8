/* test-print-preview.c — the approval form's print preview, as the office uses it
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-print-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <poppler.h>

#include "ud-account.h"
#include "ud-fund.h"
#include "ud-illness-print.h"
#include "ud-illness-store.h"
#include "ud-member-store.h"
#include "ud-print-preview-private.h"
#include "ud-reference-editor.h"
#include "ud-reference-view.h"
#include "ud-relief-view.h"
#include "ud-test-app.h"
#include "ud-ui-util.h"
#include "ud-window.h"

/* Runs under Xvfb (suite "display"): an office whose application went
 * through review and approval (made with the core, as in
 * tests/test-illness-print.c); the clerk selects it in the relief list
 * and presses Print…, zooms with the preview's buttons, saves the PDF
 * through Save as PDF… and its file chooser and prints to a file through
 * GtkPrintOperation.  Both PDFs are
 * read back with Poppler, the audit trail is checked, and a screenshot
 * is saved for a person to look at. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define MEMBER_NAME "朱明敏"

/* What the office holds: filled in by prepare(). */
typedef struct
{
  char  *uuid;
  char  *serial;
  guint  n_pages;
} Office;

static void
office_clear (Office *office)
{
  g_clear_pointer (&office->uuid, g_free);
  g_clear_pointer (&office->serial, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Office, office_clear)

static void
act_as (UdDatabase *db,
        const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSession) session = NULL;

  ud_database_set_session (db, NULL);
  session = ud_account_authenticate (db, username, UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, session);
}

/* The office of tests/test-illness-print.c: one member, one application
 * submitted by the clerk, reviewed and approved at 8,000.00 yuan; the
 * core says how many pages its form has. */
static void
prepare (UdDatabase *db,
         gpointer    data)
{
  Office *office = data;
  UdIllnessOpinion union_opinion = { "情况属实，同意申请。", "李建国", "2024-09-02" };
  UdIllnessOpinion street = { "经核实，同意上报。", "赵敏", "2024-09-03" };
  UdIllnessOpinion review = { "材料齐全，符合救助条件。", NULL, "2024-09-05" };
  UdIllnessOpinion approval = { "同意按建议金额救助。", NULL, "2024-09-10" };
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(UdRecord) app = NULL;
  g_autoptr(UdDocument) document = NULL;

  g_assert_true (ud_fund_set_budget (db, 2024, 30000000, &error));
  g_assert_no_error (error);

  member = ud_record_new (&ud_kind_member);
  ud_record_set (member, "name", MEMBER_NAME);
  ud_record_set (member, "id_number", "11010519491231002X");
  ud_record_set (member, "phone", "13800138000");
  ud_record_set (member, "card_number", "6217001049123100268");
  ud_record_set (member, "unit", "北京密云建材有限公司");
  act_as (db, "clerk");
  ud_member_store_save (db, member, NULL, &error);
  g_assert_no_error (error);

  app = ud_illness_application_new (member);
  ud_record_set (app, "application_date", "2024-09-01");
  ud_record_set (app, "disease", "D01");
  ud_record_set (app, "hospital", "首都医科大学附属北京朝阳医院");
  ud_record_set (app, "hospital_grade", "grade3a");
  ud_record_set (app, "diagnosis_date", "2024-06-12");
  ud_record_set (app, "treatment_from", "2024-06-13");
  ud_record_set (app, "treatment_to", "2024-08-20");
  ud_record_set (app, "total", "15630000");
  ud_record_set (app, "insurance", "8000000");
  ud_record_set (app, "mutual_aid", "1000000");
  ud_record_set (app, "household_size", "3");
  ud_record_set (app, "household_income", "6000000");
  ud_record_set (app, "documents", "id_copy,card_number,bank_card,diagnosis,discharge,invoices,approval_form");
  g_assert_true (ud_illness_store_save (db, app, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ud_illness_store_submit (db, app->id, &union_opinion, &error));
  g_assert_no_error (error);

  act_as (db, "reviewer");
  g_assert_true (ud_illness_store_review (db, app->id, &street, &review, &error));
  g_assert_no_error (error);

  act_as (db, "approver");
  g_assert_true (ud_illness_store_approve (db, app->id, -1, NULL, &approval, &error));
  g_assert_no_error (error);

  office->uuid = g_strdup (app->uuid);
  office->serial = g_strdup (ud_record_get (app, "serial"));

  /* The clerk prints; the core says how many pages the form has. */
  act_as (db, "clerk");
  g_clear_pointer (&app, ud_record_unref);
  app = ud_illness_store_find (db, office->uuid, &error);
  g_assert_no_error (error);
  document = ud_illness_print_build (db, app, &error);
  g_assert_no_error (error);
  office->n_pages = ud_document_get_n_pages (document);
  g_assert_cmpuint (office->n_pages, >=, 1);
}

static gboolean
preview_shown (gpointer data)
{
  return ud_print_preview_get_rendered (data) || ud_print_preview_get_error (data) != NULL;
}

typedef struct
{
  UdPrintPreview *preview;
  double          zoom;
} ZoomWait;

static gboolean
zoom_changed (gpointer data)
{
  ZoomWait *wait = data;

  return ud_print_preview_get_zoom (wait->preview) != wait->zoom && preview_shown (wait->preview);
}

/* Presses the zoom button with @tooltip; the page is drawn again. */
static void
press_zoom (UdPrintPreview *preview,
            const char     *tooltip)
{
  ZoomWait wait = { preview, ud_print_preview_get_zoom (preview) };

  ud_test_press (GTK_WIDGET (preview), tooltip);
  g_assert_true (ud_test_wait_for (zoom_changed, &wait));
}

static gboolean
preview_failed (gpointer data)
{
  return ud_print_preview_get_error (data) != NULL;
}

typedef struct
{
  UdPrintPreview *preview;
  guint           audits;
} AuditWait;

static gboolean
audited (gpointer data)
{
  AuditWait *wait = data;

  return !ud_print_preview_get_busy (wait->preview) && ud_print_preview_get_audits (wait->preview) == wait->audits;
}

static gboolean
not_busy (gpointer data)
{
  return !ud_print_preview_get_busy (data);
}

/* Every page's text, spaces removed. */
static char *
pdf_text (const char *path,
          int        *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(PopplerDocument) pdf = poppler_document_new_from_file (uri, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  *n_pages = poppler_document_get_n_pages (pdf);
  for (int i = 0; i < *n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, i);
      g_autofree char *page_text = poppler_page_get_text (page);
      double width, height;

      /* A4 */
      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, 595.28, 1.0);
      g_assert_cmpfloat_with_epsilon (height, 841.89, 1.0);

      for (const char *p = page_text; *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          g_string_append_unichar (text, g_utf8_get_char (p));
    }

  return g_string_free (text, FALSE);
}

static gint64
count_prints (const char *db_path,
              const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdDatabase) db = ud_database_open (db_path, &error);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db),
                                       "SELECT count (*) FROM audit_log WHERE action = 'print' AND actor = 'clerk'"
                                       " AND kind = 'illness_application' AND uuid = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static void
test_preview (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-preview-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *saved_path = g_build_filename (dir, "saved.pdf", NULL);
  g_autofree char *printed_path = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *expected_page = NULL;
  g_auto(Office) office = { NULL, NULL, 0 };
  g_autoptr(UdDbWorker) worker = NULL;
  UdPrintPreview *preview;
  GtkWidget *window;
  GtkWidget *view;
  AuditWait audit_wait;
  const char *uuid;
  const char *serial;
  guint expected_pages;
  double zoom;

  /* The clerk prints. */
  worker = ud_test_new_office (dir, "clerk", prepare, &office);
  uuid = office.uuid;
  serial = office.serial;
  expected_pages = office.n_pages;

  /* The relief section of 2024, the application selected, Print…. */
  window = GTK_WIDGET (ud_window_new (NULL, worker));
  gtk_window_present (GTK_WINDOW (window));
  ud_test_show_section (window, _("Serious-Illness Relief"));
  view = ud_test_find_by_type (window, UD_TYPE_RELIEF_VIEW);
  ud_test_choose (view, _("Fund Year"), "2024");
  g_assert_true (ud_test_wait_labelled (view, MEMBER_NAME));
  ud_test_select (view, MEMBER_NAME);
  ud_test_press (view, _("_Print…"));
  preview = UD_PRINT_PREVIEW (g_object_ref (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW)));
  g_assert_true (ud_test_wait_for (preview_shown, preview));
  /* Fitted to the window's width once it has its size. */
  ud_test_settle (300);
  g_assert_true (ud_test_wait_for (preview_shown, preview));
  g_assert_null (ud_print_preview_get_error (preview));
  g_assert_cmpuint (ud_print_preview_get_n_pages (preview), ==, expected_pages);
  /* The window's own format string, in the test's language. */
  expected_page = g_strdup_printf (_("Page %u of %u"), 1u, expected_pages);
  g_assert_cmpstr (ud_print_preview_get_page_text (preview), ==, expected_page);
  g_test_message ("one page rendered in %.1f ms (mean) at %.0f%%",
                  ud_print_preview_get_render_ms (preview), ud_print_preview_get_zoom (preview) * 100);

  /* Zoom: in, out, back to the window's width. */
  zoom = ud_print_preview_get_zoom (preview);
  press_zoom (preview, _("Zoom In (Ctrl+=)"));
  g_assert_cmpfloat (ud_print_preview_get_zoom (preview), >, zoom);
  press_zoom (preview, _("Actual Size (Ctrl+1)"));
  g_assert_cmpfloat (ud_print_preview_get_zoom (preview), ==, 1.0);
  g_test_message ("one page rendered in %.1f ms (mean over the renders so far)",
                  ud_print_preview_get_render_ms (preview));
  press_zoom (preview, _("Zoom Out (Ctrl+−)"));
  g_assert_cmpfloat (ud_print_preview_get_zoom (preview), <, 1.0);
  press_zoom (preview, _("Fit Width (Ctrl+0)"));
  ud_test_settle (300);

  /* What the office sees. */
  ud_test_save_named_screenshot (GTK_WIDGET (preview), "print-preview", 8000);

  /* Save as PDF: the file, with the member's name and the serial, and
   * one record in the trail. */
  ud_test_choose_file (GTK_WIDGET (preview), _("_Save as PDF…"), saved_path, _("_Save"));
  audit_wait.preview = preview;
  audit_wait.audits = 1;
  g_assert_true (ud_test_wait_for (audited, &audit_wait));
  {
    int n_pages;
    g_autofree char *text = pdf_text (saved_path, &n_pages);

    g_assert_cmpint (n_pages, ==, (int) expected_pages);
    g_assert_nonnull (strstr (text, MEMBER_NAME));
    g_assert_nonnull (strstr (text, serial));
    g_assert_nonnull (strstr (text, "重大疾病救助审批表"));
  }
  /* Kept beside the screenshot, for a person to look at each page. */
  {
    g_autofree char *kept = g_test_build_filename (G_TEST_BUILT, "print-preview-form.pdf", NULL);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (saved_path, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (kept, contents, (gssize) length, NULL));
  }

  /* Print: GtkPrintOperation drawing the document itself (to a file, as
   * the system print dialog's "Print to File" does, without that dialog,
   * which is GTK's own), recorded too. */
  ud_print_preview_print_to_file (preview, printed_path);
  audit_wait.audits = 2;
  g_assert_true (ud_test_wait_for (audited, &audit_wait));
  {
    int n_pages;
    g_autofree char *text = pdf_text (printed_path, &n_pages);

    g_assert_cmpint (n_pages, ==, (int) expected_pages);
    g_assert_nonnull (strstr (text, MEMBER_NAME));
    g_assert_nonnull (strstr (text, serial));
  }
  g_assert_true (ud_test_wait_for (not_busy, preview));

  gtk_window_close (GTK_WINDOW (preview));
  ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);
  ud_test_settle (100);
  g_assert_finalize_object (preview);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Under the application: one for the save, one for the print. */
  g_assert_cmpint (count_prints (db_path, uuid), ==, 2);

  /* An application that does not exist: a sentence, not a crash. */
  preview = ud_print_preview_new (worker, "大病-110118-2024-9999");
  g_object_ref_sink (preview);
  gtk_window_present (GTK_WINDOW (preview));
  g_assert_true (ud_test_wait_for (preview_failed, preview));
  g_assert_nonnull (strstr (ud_print_preview_get_error (preview), "9999"));
  g_assert_cmpuint (ud_print_preview_get_n_pages (preview), ==, 0);
  gtk_window_destroy (GTK_WINDOW (preview));
  ud_test_settle (100);
  g_assert_finalize_object (preview);

  g_clear_object (&worker);
  ud_test_remove_tree (dir);
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
editor_failed (gpointer data)
{
  return ud_reference_editor_get_error (data) != NULL;
}

/* The core's refusal of a date already taken. */
static gboolean
refused_date (gpointer data)
{
  const char *error = ud_reference_editor_get_error (data);

  return error != NULL && strstr (error, "2024-07-01") != NULL;
}

/* The administrator reads the tables and adds a low-income line: a
 * wrong amount is refused naming the field, a right one is stored as a
 * new version; the shipped catalogue shows its thirty rows. */
static void
test_reference_tables (void)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-reference-XXXXXX", NULL);
  g_auto(Office) office = { NULL, NULL, 0 };
  g_autoptr(UdDbWorker) worker = NULL;
  UdReferenceView *view;
  UdReferenceEditor *editor;
  GtkWidget *window;
  guint n_lines;

  worker = ud_test_new_office (dir, "admin", prepare, &office);

  window = GTK_WIDGET (ud_window_new (NULL, worker));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_window_present (GTK_WINDOW (window));
  ud_test_show_section (window, _("Reference Tables"));
  view = UD_REFERENCE_VIEW (ud_test_find_by_type (window, UD_TYPE_REFERENCE_VIEW));

  /* The catalogue: D01–D30 in one shipped version, used by the approval. */
  g_assert_true (ud_test_wait_reference_versions (GTK_WIDGET (view), UD_TEST_ANY_NUMBER));
  g_assert_cmpuint (g_list_model_get_n_items (ud_reference_view_get_versions (view)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ud_reference_view_get_content (view)), >=, 30);
  ud_test_settle (200);

  /* The low-income lines: three shipped. */
  ud_test_choose (GTK_WIDGET (view), _("Reference table"), ud_reference_kind_get_label (UD_REFERENCE_LOW_INCOME_LINE));
  g_assert_true (ud_test_wait_reference_versions (GTK_WIDGET (view), 3));
  n_lines = 3;

  ud_test_press (GTK_WIDGET (view), _("_New Version…"));
  editor = UD_REFERENCE_EDITOR (ud_test_wait_toplevel (UD_TYPE_REFERENCE_EDITOR));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  ud_test_type (GTK_WIDGET (editor), _("Effective from (YYYY-MM-DD)"), "2030-07-01");
  ud_test_type (GTK_WIDGET (editor), _("Per person per month (yuan)"), "1,5x0");
  ud_test_press (GTK_WIDGET (editor), _("_Save"));
  g_assert_true (ud_test_wait_for (editor_failed, editor));
  /* The message names the field. */
  g_assert_nonnull (strstr (ud_reference_editor_get_error (editor), _("Per person per month (yuan)")));
  ud_test_settle (200);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "reference-editor", 8000);

  /* A date already taken is refused by the core, with its words. */
  ud_test_type (GTK_WIDGET (editor), _("Per person per month (yuan)"), "1500.00");
  ud_test_type (GTK_WIDGET (editor), _("Effective from (YYYY-MM-DD)"), "2024-07-01");
  ud_test_press (GTK_WIDGET (editor), _("_Save"));
  g_assert_true (ud_test_wait_for (refused_date, editor));
  g_assert_nonnull (strstr (ud_reference_editor_get_error (editor), "2024-07-01"));

  ud_test_type (GTK_WIDGET (editor), _("Effective from (YYYY-MM-DD)"), "2030-07-01");
  ud_test_press (GTK_WIDGET (editor), _("_Save"));
  g_assert_true (ud_test_wait_for (window_gone, &editor));
  g_assert_true (ud_test_wait_reference_versions (GTK_WIDGET (view), n_lines + 1));
  {
    g_autoptr(GtkStringObject) first = g_list_model_get_item (ud_reference_view_get_content (view), 0);

    /* The new one is selected: effective 2030-07-01. */
    g_assert_nonnull (strstr (gtk_string_object_get_string (first), "2030-07-01"));
  }

  ud_test_choose (GTK_WIDGET (view), _("Reference table"), ud_reference_kind_get_label (UD_REFERENCE_RELIEF_RULES));
  g_assert_true (ud_test_wait_reference_versions (GTK_WIDGET (view), 1));
  ud_test_settle (300);
  ud_test_save_named_screenshot (window, "reference-tables", 8000);

  gtk_window_destroy (GTK_WINDOW (window));
  ud_test_settle (100);
  g_clear_object (&worker);
  ud_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  ud_test_init (&argc, &argv);

  g_test_add_func ("/print-preview/form", test_preview);
  g_test_add_func ("/reference-tables/new-version", test_reference_tables);

  return g_test_run ();
}
