/* test-overview.c — the Overview, pressed through as the office uses it
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ud-account.h"
#include "ud-member-kind.h"
#include "ud-member-store.h"
#include "ud-overview.h"
#include "ud-print-preview-private.h"
#include "ud-record-store.h"
#include "ud-record-table.h"
#include "ud-test-app.h"
#include "ud-unit-kind.h"

/* Three members who joined this year, one transferred out. */
static void
prepare (UdDatabase *db,
         gpointer    data)
{
  const char *members[][3] = {
    { "朱明敏", "11010519491231002X", "active" },
    { "王建华", "110228198001010016", "active" },
    { "李秀英", "110228197512030022", "active" },
    { "赵国强", "440524188001010014", "transferred" },
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *joined = g_strdup_printf ("%04d-01-02", g_date_time_get_year (now));
  g_autoptr(UdSession) clerk = NULL;
  g_autoptr(GError) error = NULL;

  clerk = ud_account_authenticate (db, "clerk", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, clerk);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);

      ud_record_set (member, "name", members[i][0]);
      ud_record_set (member, "id_number", members[i][1]);
      ud_record_set (member, "unit", "北京密云建材有限公司");
      ud_record_set (member, "joined_on", joined);
      ud_record_set (member, "status", members[i][2]);
      ud_member_store_save (db, member, NULL, &error);
      g_assert_no_error (error);
    }
}

static gboolean
report_read (gpointer data)
{
  return ud_overview_get_report (data) != NULL;
}

static gint64
figure (UdOverview *overview,
        const char *table_id,
        guint       row,
        guint       column)
{
  UdReportTable *table = ud_report_find_table ((UdReport *) ud_overview_get_report (overview), table_id);
  UdReportRow *found;

  g_assert_nonnull (table);
  g_assert_cmpuint (row, <, table->rows->len);
  found = g_ptr_array_index (table->rows, row);

  return found->values[column];
}

typedef struct
{
  GtkWidget     *window;
  UdRecordTable *table;
} ListWait;

/* A window other than the main one holding a record table: the list a
 * figure opened. */
static gboolean
list_opened (gpointer data)
{
  ListWait *wait = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *table;

      if (window == wait->window || !gtk_widget_get_mapped (window))
        continue;
      table = ud_test_find_by_type (window, UD_TYPE_RECORD_TABLE);
      if (table != NULL)
        {
          wait->table = UD_RECORD_TABLE (table);
          wait->window = window;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
list_has_three (gpointer data)
{
  UdRecordTable *table = data;

  return !ud_record_table_get_busy (table) &&
         g_list_model_get_n_items (G_LIST_MODEL (ud_record_table_get_model (table))) == 3;
}

typedef struct
{
  const char *title;
  GtkWindow  *found;
} TitleWait;

static gboolean
window_titled (gpointer data)
{
  TitleWait *wait = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), wait->title) == 0 && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          wait->found = window;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
preview_shown (gpointer data)
{
  return ud_print_preview_get_n_pages (data) > 0 && ud_print_preview_get_rendered (data);
}

static gboolean
drive (gpointer data)
{
  gboolean *passed = data;
  GtkWidget *window = ud_test_sign_in_window ("clerk", UD_TEST_PASSWORD, NULL);
  g_autofree char *active = g_strdup_printf (_("%s, %s"), _("Active"), _("End of the period"));
  UdOverview *overview;
  UdPrintPreview *preview;
  ListWait list = { window, NULL };
  TitleWait dialog = { _("Statistics Report"), NULL };

  /* The Overview is the first section, shown as the window opens. */
  overview = UD_OVERVIEW (ud_test_find_by_type (window, UD_TYPE_OVERVIEW));
  g_assert_nonnull (overview);
  g_assert_true (ud_test_wait_for (ud_test_widget_mapped, overview));
  g_assert_true (ud_test_wait_for (report_read, overview));
  /* Members by status: three active, one transferred out. */
  g_assert_cmpint (figure (overview, "members_by_status", 0, 0), ==, 3);
  g_assert_cmpint (figure (overview, "members_by_status", 1, 0), ==, 1);
  g_assert_true (ud_test_wait_labelled (window, _("Work to Do Today")));
  ud_test_settle (300);
  ud_test_save_named_screenshot (window, "overview", 10000);
  /* Further down: the charts. */
  {
    GtkWidget *scroller = ud_test_find_by_type (GTK_WIDGET (overview), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    ud_test_settle (300);
    ud_test_save_named_screenshot (window, "overview-charts", 10000);
    gtk_adjustment_set_value (adjustment, 0);
    ud_test_settle (200);
  }

  /* The figure opens the list behind it: the three active members. */
  ud_test_press (window, active);
  g_assert_true (ud_test_wait_for (list_opened, &list));
  g_assert_true (ud_test_wait_for (list_has_three, list.table));
  ud_test_settle (300);
  ud_test_save_named_screenshot (list.window, "overview-list", 10000);
  gtk_window_close (GTK_WINDOW (list.window));

  /* The statistics report of this year, previewed. */
  ud_test_press (window, _("Statistics _Report…"));
  g_assert_true (ud_test_wait_for (window_titled, &dialog));
  ud_test_press (GTK_WIDGET (dialog.found), _("_Preview"));
  preview = UD_PRINT_PREVIEW (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW));
  g_assert_true (ud_test_wait_for (preview_shown, preview));
  g_assert_cmpstr (ud_print_preview_get_error (preview), ==, NULL);
  g_assert_cmpuint (ud_print_preview_get_n_pages (preview), >=, 2);
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (preview), "report-preview", 10000);
  gtk_window_close (GTK_WINDOW (preview));

  *passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static void
test_overview (void)
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

  g_test_add_func ("/app/overview/figures", test_overview);

  return g_test_run ();
}
