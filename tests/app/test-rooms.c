/* test-rooms.c — the Mother-and-Baby Rooms section, pressed through as the
 * clerk does: a room that misses one requirement, named as it is typed;
 * fixed and plaqued; an inspection; the plaque certificate's preview; and
 * the room standards as the administrator changes them in Reference
 * Tables, the room editor judging by the new version from its date
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ud-account.h"
#include "ud-print-preview.h"
#include "ud-print-preview-private.h"
#include "ud-record-section.h"
#include "ud-record-store.h"
#include "ud-reference-editor.h"
#include "ud-reference-view.h"
#include "ud-room-kind.h"
#include "ud-test-app.h"
#include "ud-unit-kind.h"

#define UNIT "北京密云建材有限公司"
#define ROOM "密云建材职工之家母婴关爱室"
/* A second room, plaqued already, on another street. */
#define OTHER_ROOM "果园街道服务站母婴关爱室"
#define ROOM_FORM "compliance_label"
#define INSPECTION_FORM "inspector_row"

static void
prepare (UdDatabase *db,
         gpointer    data)
{
  g_autoptr(UdRecord) unit = ud_record_new (&ud_kind_unit);
  g_autoptr(UdRecord) room = ud_record_new (&ud_kind_room);
  g_autoptr(UdSession) clerk = NULL;
  g_autoptr(GError) error = NULL;

  clerk = ud_account_authenticate (db, "clerk", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, clerk);

  ud_record_set (unit, "name", UNIT);
  ud_record_set (unit, "credit_code", "91110228MA01ABCD0F");
  ud_record_set (unit, "street", "鼓楼街道");
  ud_record_store_save (db, unit, NULL, &error);
  g_assert_no_error (error);

  ud_record_set (room, "name", OTHER_ROOM);
  ud_record_set (room, "unit", UNIT);
  ud_record_set (room, "address", "果园东路9号");
  ud_record_set (room, "street", "果园街道");
  ud_record_set (room, "room_type", "unit");
  ud_record_set (room, "area_m2", "12");
  ud_record_set (room, "table_chair_sets", "2");
  ud_record_set (room, "facilities", "power_socket,fridge,privacy");
  ud_record_set (room, "keeper", "王芳");
  ud_record_set (room, "opened_on", "2025-03-01");
  ud_record_set (room, "level", "plaqued");
  ud_record_set (room, "plaque_number", "MY-2025-007");
  ud_record_set (room, "plaque_date", "2025-12-01");
  ud_record_store_save (db, room, NULL, &error);
  g_assert_no_error (error);
}

typedef struct
{
  UdRecordTable *table;
  guint          n;
} RowsWait;

static gboolean
table_has_rows (gpointer data)
{
  RowsWait *wait = data;

  return !ud_record_table_get_busy (wait->table) && ud_record_table_get_model (wait->table) != NULL &&
         g_list_model_get_n_items (G_LIST_MODEL (ud_record_table_get_model (wait->table))) == wait->n;
}

static gboolean
binder_loaded (gpointer data)
{
  return ud_form_binder_get_loaded (data);
}

static gboolean
can_save (gpointer data)
{
  return ud_form_binder_get_can_save (data);
}

static gboolean
override_at_fault (gpointer data)
{
  return ud_form_binder_get_field_error (data, "override_reason") != NULL;
}

static gboolean
month_at_fault (gpointer data)
{
  return ud_form_binder_get_field_error (data, "month") != NULL;
}

static gboolean
preview_done (gpointer data)
{
  return ud_print_preview_get_rendered (data) || ud_print_preview_get_error (data) != NULL;
}

static gboolean
audited (gpointer data)
{
  return !ud_print_preview_get_busy (data) && ud_print_preview_get_audits (data) == 1;
}

/* The shown editor whose form has the object @id: "compliance_label" in
 * a room's, "inspector_row" in an inspection's. */
static UdRecordEditor *
find_editor (const char *id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (UD_IS_RECORD_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          ud_record_editor_get_object (UD_RECORD_EDITOR (window), id) != NULL)
        return UD_RECORD_EDITOR (window);
    }

  return NULL;
}

static gboolean
editor_shown (gpointer data)
{
  return find_editor (data) != NULL;
}

static gboolean
editor_gone (gpointer data)
{
  return find_editor (data) == NULL;
}

static UdRecordEditor *
wait_editor (const char *id)
{
  UdRecordEditor *editor;

  if (!ud_test_wait_for (editor_shown, (gpointer) id))
    g_error ("No editor with “%s” is shown", id);
  editor = find_editor (id);
  g_assert_true (ud_test_wait_for (binder_loaded, ud_record_editor_get_binder (editor)));
  return editor;
}

static gboolean
row_in_view (gpointer data)
{
  GtkWidget *row = data;
  GtkWidget *scroller = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t point;

  return gtk_widget_get_mapped (row) &&
         gtk_widget_compute_point (row, scroller, &GRAPHENE_POINT_INIT (0, 0), &point) &&
         point.y >= 0 && point.y + gtk_widget_get_height (row) <= gtk_widget_get_height (scroller);
}

/* Brings the row labelled @label into view as the clerk does with Tab:
 * focused, the form scrolls to it (and keeps it there), so that what
 * pops up from it is on the screen. */
static void
scroll_to (UdRecordEditor *editor,
           const char     *label)
{
  GtkWidget *found = ud_test_find_labelled (GTK_WIDGET (editor), label);
  GtkWidget *row = GTK_IS_LIST_BOX_ROW (found) ? found : gtk_widget_get_ancestor (found, GTK_TYPE_LIST_BOX_ROW);

  if (row == NULL)
    row = found;
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (ud_test_wait_for (row_in_view, row));
  ud_test_settle (300);
}

typedef struct
{
  GtkWidget  *root;
  const char *field;
  const char *value;
} LabelWait;

/* Whether a label under @widget that is shown names both @field and
 * @value (a message whose end is the date parser's words). */
static gboolean
label_with_both (GtkWidget  *widget,
                 const char *field,
                 const char *value)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), field) != NULL &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), value) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (label_with_both (child, field, value))
      return TRUE;
  return FALSE;
}

static gboolean
labelled_both (gpointer data)
{
  LabelWait *wait = data;

  return label_with_both (wait->root, wait->field, wait->value);
}

/* The list of a room's lines in @group ("inspections_group"). */
static UdRecordTable *
child_table (UdRecordEditor *editor,
             const char     *group)
{
  return UD_RECORD_TABLE (ud_test_find_by_type (GTK_WIDGET (ud_record_editor_get_object (editor, group)),
                                                UD_TYPE_RECORD_TABLE));
}

/* The message dialog shown whose heading is @heading. */
static gboolean
dialog_with_heading (gpointer data)
{
  const char **found = data;
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_mapped (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), found[0]) == 0)
      {
        found[1] = l->data;
        return TRUE;
      }
  return FALSE;
}

static const char *
verdict (UdRecordEditor *editor)
{
  return gtk_label_get_text (GTK_LABEL (ud_record_editor_get_object (editor, "compliance_label")));
}

static gboolean
drive (gpointer data)
{
  gboolean *passed = data;
  GtkWidget *window = ud_test_sign_in_window ("clerk", UD_TEST_PASSWORD, NULL);
  UdRecordTable *table;
  UdRecordEditor *editor;
  UdRecordEditor *inspection;
  UdPrintPreview *preview;
  GtkWidget *due;
  g_autofree char *text = NULL;
  g_autofree char *street_filter = NULL;
  g_autofree char *saved = NULL;
  gsize length;
  RowsWait rows;

  ud_test_show_section (window, _("Mother-and-Baby Rooms"));
  /* The section shown (the window keeps the others). */
  table = ud_record_section_get_table (UD_RECORD_SECTION (gtk_widget_get_ancestor (ud_test_find_labelled (window, _("Print _Register…")),
                                                                                  UD_TYPE_RECORD_SECTION)));

  /* A room in a unit without a fridge: the requirement is named as it is
   * typed. */
  ud_test_press (window, _("_New Room"));
  editor = wait_editor (ROOM_FORM);
  ud_test_type (GTK_WIDGET (editor), _("Room name"), ROOM);
  ud_test_type (GTK_WIDGET (editor), _("Host unit"), UNIT);
  ud_test_type (GTK_WIDGET (editor), _("Address"), "鼓楼东大街1号");
  ud_test_type (GTK_WIDGET (editor), _("Street or township"), "鼓楼街道");
  ud_test_choose (GTK_WIDGET (editor), _("Type"), _("Inside a unit"));
  ud_test_type (GTK_WIDGET (editor), _("Area in m²"), "8");
  ud_test_type (GTK_WIDGET (editor), _("Opened on (YYYY-MM-DD)"), "2024-03-01");
  ud_test_type (GTK_WIDGET (editor), _("Sets of table and chair"), "2");
  ud_test_set_check (GTK_WIDGET (editor), _("Power socket"), TRUE);
  ud_test_set_check (GTK_WIDGET (editor), _("Privacy (a door that locks or a curtain)"), TRUE);
  ud_test_set_check (GTK_WIDGET (editor), _("Microwave"), TRUE);
  g_assert_nonnull (strstr (verdict (editor), _("No fridge for breast milk")));
  g_assert_null (strstr (verdict (editor), _("Area below the minimum")));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), verdict (editor)));
  scroll_to (editor, _("Wash basin"));
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "room-editor-missing", 10000);

  /* A plaque on it needs the reason; fixed, it needs none. */
  scroll_to (editor, _("Level"));
  ud_test_choose (GTK_WIDGET (editor), _("Level"), _("Up to standard, plaqued"));
  ud_test_type (GTK_WIDGET (editor), _("Plaque number"), "MY-2024-001");
  ud_test_type (GTK_WIDGET (editor), _("Plaqued on (YYYY-MM-DD)"), "2024-09-01");
  g_assert_true (ud_test_wait_for (override_at_fault, ud_record_editor_get_binder (editor)));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor),
                                        ud_form_binder_get_field_error (ud_record_editor_get_binder (editor), "override_reason")));
  g_assert_false (ud_test_can_press (GTK_WIDGET (editor), _("_Save")));
  ud_test_set_check (GTK_WIDGET (editor), _("Fridge for breast milk"), TRUE);
  g_assert_nonnull (strstr (verdict (editor), "2019-01"));
  g_assert_null (strstr (verdict (editor), _("No fridge for breast milk")));
  g_assert_true (ud_test_wait_for (can_save, ud_record_editor_get_binder (editor)));
  ud_test_press (GTK_WIDGET (editor), _("_Save"));
  g_assert_true (ud_test_wait_for (editor_gone, (gpointer) ROOM_FORM));
  rows.table = table;
  rows.n = 2;
  if (!ud_test_wait_for (table_has_rows, &rows))
    g_error ("The section lists %u rooms: %s", ud_record_table_get_model (table) == NULL ? 0 :
             g_list_model_get_n_items (G_LIST_MODEL (ud_record_table_get_model (table))),
             ud_record_table_get_count_text (table));
  ud_test_save_named_screenshot (window, "rooms-section", 10000);

  /* An inspection, in the room's editor. */
  ud_test_select (window, ROOM);
  ud_test_press (window, _("_Open"));
  editor = wait_editor (ROOM_FORM);
  scroll_to (editor, _("_Record Inspection…"));
  ud_test_press (GTK_WIDGET (editor), _("_Record Inspection…"));
  inspection = wait_editor (INSPECTION_FORM);
  ud_test_type (GTK_WIDGET (inspection), _("Inspected on (YYYY-MM-DD)"), "2024-09-10");
  ud_test_type (GTK_WIDGET (inspection), _("Inspector"), "李明");
  ud_test_choose (GTK_WIDGET (inspection), _("Result"), _("Passed"));
  if (!ud_test_wait_for (can_save, ud_record_editor_get_binder (inspection)))
    {
      g_autofree char *shown = ud_test_describe (GTK_WIDGET (inspection));

      g_error ("The inspection cannot be saved:\n%s", shown);
    }
  ud_test_press (GTK_WIDGET (inspection), _("_Save"));
  g_assert_true (ud_test_wait_for (editor_gone, (gpointer) INSPECTION_FORM));
  rows.table = child_table (editor, "inspections_group");
  rows.n = 1;
  g_assert_true (ud_test_wait_for (table_has_rows, &rows));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), "2025-09-10"));

  /* The inspector's name put right: Edit… on the inspection's row. */
  ud_test_select (GTK_WIDGET (editor), "2025-09-10");
  ud_test_press (GTK_WIDGET (ud_record_editor_get_object (editor, "inspections_group")), _("_Edit…"));
  inspection = wait_editor (INSPECTION_FORM);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ud_test_find_labelled (GTK_WIDGET (inspection), _("Inspector")))), ==, "李明");
  ud_test_type (GTK_WIDGET (inspection), _("Inspector"), "李明华");
  g_assert_true (ud_test_wait_for (can_save, ud_record_editor_get_binder (inspection)));
  ud_test_press (GTK_WIDGET (inspection), _("_Save"));
  g_assert_true (ud_test_wait_for (editor_gone, (gpointer) INSPECTION_FORM));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), "李明华"));
  g_assert_true (ud_test_wait_for (table_has_rows, &rows));

  /* Consumables delivered, and the visits of a month. */
  scroll_to (editor, _("Record _Delivery…"));
  ud_test_press (GTK_WIDGET (editor), _("Record _Delivery…"));
  inspection = wait_editor ("storage_bags_row");
  ud_test_type (GTK_WIDGET (inspection), _("Delivered on (YYYY-MM-DD)"), "2024-10-01");
  ud_test_type (GTK_WIDGET (inspection), _("Breast-milk storage bags"), "100");
  ud_test_type (GTK_WIDGET (inspection), _("Nursing pads"), "50");
  g_assert_true (ud_test_wait_for (can_save, ud_record_editor_get_binder (inspection)));
  ud_test_press (GTK_WIDGET (inspection), _("_Save"));
  g_assert_true (ud_test_wait_for (editor_gone, (gpointer) "storage_bags_row"));
  rows.table = child_table (editor, "deliveries_group");
  g_assert_true (ud_test_wait_for (table_has_rows, &rows));

  /* A delivery recorded twice by mistake: Remove asks, then it goes. */
  scroll_to (editor, _("Record _Delivery…"));
  ud_test_press (GTK_WIDGET (editor), _("Record _Delivery…"));
  inspection = wait_editor ("storage_bags_row");
  ud_test_type (GTK_WIDGET (inspection), _("Delivered on (YYYY-MM-DD)"), "2024-10-02");
  ud_test_type (GTK_WIDGET (inspection), _("Breast-milk storage bags"), "100");
  g_assert_true (ud_test_wait_for (can_save, ud_record_editor_get_binder (inspection)));
  ud_test_press (GTK_WIDGET (inspection), _("_Save"));
  g_assert_true (ud_test_wait_for (editor_gone, (gpointer) "storage_bags_row"));
  rows.n = 2;
  g_assert_true (ud_test_wait_for (table_has_rows, &rows));
  ud_test_select (GTK_WIDGET (editor), "2024-10-02");
  ud_test_press (GTK_WIDGET (ud_record_editor_get_object (editor, "deliveries_group")), _("_Remove"));
  {
    g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), "2024-10-02");
    const char *found[2] = { heading, NULL };

    if (!ud_test_wait_for (dialog_with_heading, found))
      g_error ("No dialog “%s” is shown", heading);
    ud_test_settle (200);
    ud_test_save_named_screenshot (GTK_WIDGET (found[1]), "room-remove-delivery", 10000);
    ud_test_press (GTK_WIDGET (found[1]), _("_Remove"));
  }
  rows.n = 1;
  g_assert_true (ud_test_wait_for (table_has_rows, &rows));
  g_assert_null (ud_test_find_labelled (GTK_WIDGET (editor), "2024-10-02"));

  scroll_to (editor, _("Record _Use…"));
  ud_test_press (GTK_WIDGET (editor), _("Record _Use…"));
  inspection = wait_editor ("visits_row");
  ud_test_type (GTK_WIDGET (inspection), _("Visits"), "37");
  ud_test_type (GTK_WIDGET (inspection), _("Month (YYYY-MM)"), "2024-13");
  g_assert_true (ud_test_wait_for (month_at_fault, ud_record_editor_get_binder (inspection)));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (inspection), ud_form_binder_get_field_error (ud_record_editor_get_binder (inspection), "month")));
  ud_test_type (GTK_WIDGET (inspection), _("Month (YYYY-MM)"), "2024-10");
  g_assert_true (ud_test_wait_for (can_save, ud_record_editor_get_binder (inspection)));
  ud_test_press (GTK_WIDGET (inspection), _("_Save"));
  g_assert_true (ud_test_wait_for (editor_gone, (gpointer) "visits_row"));
  rows.table = child_table (editor, "use_group");
  g_assert_true (ud_test_wait_for (table_has_rows, &rows));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), "2024-10"));

  scroll_to (editor, _("Level"));
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "room-editor", 10000);

  /* The plaque certificate, previewed. */
  ud_test_press (GTK_WIDGET (editor), _("_Print Certificate…"));
  preview = UD_PRINT_PREVIEW (g_object_ref (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW)));
  g_assert_true (ud_test_wait_for (preview_done, preview));
  g_assert_null (ud_print_preview_get_error (preview));
  g_assert_cmpuint (ud_print_preview_get_n_pages (preview), ==, 1);
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (preview), "room-certificate-preview", 10000);
  /* Saved as a PDF of one page, and recorded in the audit trail. */
  saved = g_test_build_filename (G_TEST_BUILT, "room-certificate.pdf", NULL);
  g_unlink (saved);
  ud_test_choose_file (GTK_WIDGET (preview), _("_Save as PDF…"), saved, _("_Save"));
  g_assert_true (ud_test_wait_for (audited, preview));
  g_assert_true (ud_test_wait_for (ud_test_file_exists, saved));
  g_assert_true (g_file_get_contents (saved, &text, &length, NULL));
  g_assert_cmpint (memcmp (text, "%PDF", 4), ==, 0);
  /* One page: the PDF's page tree says so (its text has NULs). */
  {
    const char *pages = NULL;

    for (gsize i = 0; i + 12 <= length && pages == NULL; i++)
      if (memcmp (text + i, "/Type /Pages", 12) == 0)
        pages = text + i;
    g_assert_nonnull (pages);
    g_assert_nonnull (g_strstr_len (pages, 80, "/Count 1\n"));
  }
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&saved, g_free);
  gtk_window_close (GTK_WINDOW (preview));
  ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);
  g_object_unref (preview);

  ud_test_press (GTK_WIDGET (editor), _("_Cancel"));
  g_assert_true (ud_test_wait_for (editor_gone, (gpointer) ROOM_FORM));

  /* The inspections due: inspected on 2024-09-10, the room is due on
   * 2025-09-10 and overdue a year and a day after; the other room,
   * plaqued on 2025-12-01, is not due then. */
  ud_test_press (window, _("Inspections _Due…"));
  due = GTK_WIDGET (ud_test_wait_toplevel (ADW_TYPE_WINDOW));
  ud_test_type (due, _("As of (YYYY-MM-DD)"), "2025-09-09");
  ud_test_type (due, _("Also due within (days)"), "0");
  ud_test_press (due, _("_Show the Rooms Due"));
  text = g_strdup_printf (_("No room is due for inspection as of %s."), "2025-09-09");
  g_assert_true (ud_test_wait_labelled (due, text));
  g_clear_pointer (&text, g_free);

  ud_test_type (due, _("As of (YYYY-MM-DD)"), "2025-09-31");
  ud_test_press (due, _("_Show the Rooms Due"));
  g_assert_true (ud_test_wait_for (labelled_both, &(LabelWait) { due, _("As of (YYYY-MM-DD)"), "“2025-09-31”" }));

  ud_test_type (due, _("As of (YYYY-MM-DD)"), "2025-09-11");
  ud_test_press (due, _("_Show the Rooms Due"));
  g_assert_true (ud_test_wait_labelled (due, ROOM));
  text = g_strdup_printf (_("Overdue, due on %s"), "2025-09-10");
  g_assert_true (ud_test_wait_labelled (due, text));
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf (ngettext ("%u room to inspect as of %s:", "%u rooms to inspect as of %s:", 1), 1, "2025-09-11");
  g_assert_true (ud_test_wait_labelled (due, text));
  g_clear_pointer (&text, g_free);
  g_assert_null (ud_test_find_labelled (due, OTHER_ROOM));
  ud_test_settle (300);
  ud_test_save_named_screenshot (due, "rooms-due", 10000);

  /* A year on from the other's plaque, both are due, the longest overdue
   * first. */
  ud_test_type (due, _("As of (YYYY-MM-DD)"), "2026-12-02");
  ud_test_press (due, _("_Show the Rooms Due"));
  g_assert_true (ud_test_wait_labelled (due, OTHER_ROOM));
  text = g_strdup_printf (_("Overdue, due on %s"), "2026-12-01");
  g_assert_true (ud_test_wait_labelled (due, text));
  g_clear_pointer (&text, g_free);
  gtk_window_close (GTK_WINDOW (due));
  ud_test_wait_closed (ADW_TYPE_WINDOW);

  /* The certificates of the rooms shown, in one document. */
  ud_test_press (window, _("Print _Certificates…"));
  preview = UD_PRINT_PREVIEW (g_object_ref (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW)));
  g_assert_true (ud_test_wait_for (preview_done, preview));
  g_assert_null (ud_print_preview_get_error (preview));
  g_assert_cmpuint (ud_print_preview_get_n_pages (preview), ==, 2);
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (preview), "room-certificates-preview", 10000);
  /* Saved as one PDF (kept beside the screenshots for a person to look
   * at), and recorded in the audit trail. */
  saved = g_test_build_filename (G_TEST_BUILT, "room-certificates.pdf", NULL);
  g_unlink (saved);
  ud_test_choose_file (GTK_WIDGET (preview), _("_Save as PDF…"), saved, _("_Save"));
  g_assert_true (ud_test_wait_for (audited, preview));
  g_assert_true (ud_test_wait_for (ud_test_file_exists, saved));
  g_assert_true (g_file_get_contents (saved, &text, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpint (memcmp (text, "%PDF", 4), ==, 0);
  g_clear_pointer (&text, g_free);
  gtk_window_close (GTK_WINDOW (preview));
  ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);
  g_object_unref (preview);

  /* The rooms of one street, chosen from the streets the rooms are on:
   * the certificates of those shown. */
  street_filter = g_strdup_printf (_("Filter by %s"), _("Street or township"));
  ud_test_choose (window, street_filter, "果园街道");
  rows.table = table;
  rows.n = 1;
  g_assert_true (ud_test_wait_for (table_has_rows, &rows));
  g_assert_true (ud_test_wait_labelled (window, OTHER_ROOM));
  g_assert_null (ud_test_find_labelled (window, ROOM));
  ud_test_save_named_screenshot (window, "rooms-street", 10000);
  ud_test_press (window, _("Print _Certificates…"));
  preview = UD_PRINT_PREVIEW (g_object_ref (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW)));
  g_assert_true (ud_test_wait_for (preview_done, preview));
  g_assert_null (ud_print_preview_get_error (preview));
  g_assert_cmpuint (ud_print_preview_get_n_pages (preview), ==, 1);
  gtk_window_close (GTK_WINDOW (preview));
  ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);
  g_object_unref (preview);
  text = g_strdup_printf (_("%s: All"), _("Street or township"));
  ud_test_choose (window, street_filter, text);
  g_clear_pointer (&text, g_free);
  rows.n = 2;
  g_assert_true (ud_test_wait_for (table_has_rows, &rows));

  /* The rooms register. */
  ud_test_press (window, _("Print _Register…"));
  preview = UD_PRINT_PREVIEW (g_object_ref (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW)));
  g_assert_true (ud_test_wait_for (preview_done, preview));
  g_assert_null (ud_print_preview_get_error (preview));
  g_assert_cmpuint (ud_print_preview_get_n_pages (preview), >=, 1);
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (preview), "rooms-register-preview", 10000);
  gtk_window_close (GTK_WINDOW (preview));
  ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);
  g_object_unref (preview);

  *passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

/* ---- the photos ---------------------------------------------------------------- */

/* What the photos test works with: the office's database, the pictures
 * the clerk chooses, and a room whose photo (come from the city) is not
 * on this computer. */
typedef struct
{
  char *db_path;
  char *picture;      /* a PNG the clerk adds */
  char *not_picture;  /* words in a file named .png */
  char *room_uuid;
  gboolean passed;
} PhotosRun;

/* A sky-blue to green 800×600 picture. */
static void
write_picture (const char *path)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 800, 600);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < 600; y++)
    for (int x = 0; x < 800; x++)
      {
        guchar *p = pixels + y * stride + x * 3;

        p[0] = (guchar) (x * 255 / 800);
        p[1] = (guchar) (160 + y * 95 / 600);
        p[2] = (guchar) (255 - y * 200 / 600);
      }
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
}

static void
prepare_photos (UdDatabase *db,
                gpointer    data)
{
  PhotosRun *run = data;
  g_autoptr(UdRecord) room = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;

  prepare (db, NULL);
  run->db_path = g_strdup (ud_database_get_path (db));
  folder = g_path_get_dirname (run->db_path);
  run->picture = g_build_filename (folder, "哺乳区.png", NULL);
  run->not_picture = g_build_filename (folder, "notes.png", NULL);
  write_picture (run->picture);
  g_assert_true (g_file_set_contents (run->not_picture, "只是文字", -1, NULL));

  /* The room's record names a photo taken in another office: its file
   * did not come with it. */
  room = ud_record_store_find (db, &ud_kind_room, "name", OTHER_ROOM, &error);
  g_assert_no_error (error);
  g_assert_nonnull (room);
  ud_record_set (room, "photos",
                 "[{\"file\": \"6f18bea31ace0455d61ac9394b95b48b03747c26ba414b8bc1cac0f216187442.jpg\", \"caption\": \"入口\"}]");
  g_assert_true (ud_record_store_save (db, room, NULL, &error));
  g_assert_no_error (error);
  run->room_uuid = g_strdup (room->uuid);
}

static gboolean
is_drawn_picture (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_PICTURE (widget) && gtk_widget_get_mapped (widget) &&
         gtk_picture_get_paintable (GTK_PICTURE (widget)) != NULL;
}

static gboolean
count_drawn (GtkWidget *widget,
             gpointer   data)
{
  if (is_drawn_picture (widget, NULL))
    (*(guint *) data)++;
  return FALSE;
}

/* Whether the room's editor shows @n thumbnails read from their files. */
static gboolean
thumbnails_drawn (UdRecordEditor *editor,
                  guint           n)
{
  guint drawn = 0;

  ud_test_find_widget (GTK_WIDGET (ud_record_editor_get_object (editor, "photos_flow")), count_drawn, &drawn);
  return drawn == n;
}

static gboolean
one_thumbnail (gpointer data)
{
  return thumbnails_drawn (data, 1);
}

static gboolean
can_press (gpointer data)
{
  LabelWait *wait = data;

  return ud_test_can_press (wait->root, wait->field);
}

static gboolean
cannot_press (gpointer data)
{
  return !can_press (data);
}

/* The larger view shows the picture. */
static gboolean
picture_drawn (gpointer data)
{
  return ud_test_find_widget (data, is_drawn_picture, NULL) != NULL;
}

/* Scrolls the form, as the clerk does with the wheel, until the photos
 * are in view. */
static void
show_photos (UdRecordEditor *editor)
{
  GtkWidget *flow = GTK_WIDGET (ud_record_editor_get_object (editor, "photos_flow"));
  GtkWidget *scroller = gtk_widget_get_ancestor (flow, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (flow, scroller, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y -
                                        (gtk_widget_get_height (scroller) - gtk_widget_get_height (flow)) / 2.0);
  ud_test_settle (300);
}

static UdRecordEditor *
open_room (GtkWidget  *window,
           const char *name)
{
  ud_test_select (window, name);
  ud_test_press (window, _("_Open"));
  return wait_editor (ROOM_FORM);
}

static gboolean
drive_photos (gpointer data)
{
  PhotosRun *run = data;
  GtkWidget *window = ud_test_sign_in_window ("clerk", UD_TEST_PASSWORD, NULL);
  UdRecordEditor *editor;
  GtkWindow *view;
  g_autofree char *contents = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *photo_2 = g_strdup_printf (_("Photo %u"), 2);
  g_autofree char *remove_2 = g_strdup_printf (_("Remove photo %u"), 2);
  g_autofree char *photo_1 = NULL;
  gsize length;

  ud_test_show_section (window, _("Mother-and-Baby Rooms"));
  g_assert_true (ud_test_wait_labelled (window, OTHER_ROOM));

  /* The photo the record names but this computer does not have: a
   * tile says so. */
  editor = open_room (window, OTHER_ROOM);
  scroll_to (editor, _("_Add Photos…"));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), _("Photo not on this computer")));

  /* Something that is not a picture is refused, naming the file. */
  ud_test_choose_file (GTK_WIDGET (editor), _("_Add Photos…"), run->not_picture, _("_Add"));
  g_assert_true (ud_test_wait_for (labelled_both, &(LabelWait) { GTK_WIDGET (editor), "notes.png", "PNG" }));
  show_photos (editor);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "room-editor-photo-refused", 10000);
  g_assert_false (ud_test_can_press (GTK_WIDGET (editor), photo_2));

  /* A picture: copied beside the database, under its content's name,
   * shown as a thumbnail. */
  ud_test_choose_file (GTK_WIDGET (editor), _("_Add Photos…"), run->picture, _("_Add"));
  g_assert_true (ud_test_wait_for (can_press, &(LabelWait) { GTK_WIDGET (editor), photo_2, NULL }));
  g_assert_true (ud_test_wait_for (one_thumbnail, editor));
  g_assert_null (ud_test_find_labelled (GTK_WIDGET (editor), "notes.png"));
  g_assert_true (g_file_get_contents (run->picture, &contents, &length, NULL));
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  folder = g_path_get_dirname (run->db_path);
  stored = g_strdup_printf ("%s/photos/%s/%s.png", folder, run->room_uuid, hash);
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));
  show_photos (editor);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "room-editor-photos", 10000);

  /* Pressed, the photo opens larger. */
  ud_test_press (GTK_WIDGET (editor), photo_2);
  view = GTK_WINDOW (ud_test_wait_window_titled (photo_2));
  g_assert_true (ud_test_wait_for (picture_drawn, GTK_WIDGET (view)));
  ud_test_settle (300);
  /* A smooth picture: a small PNG. */
  /* Its caption is typed there, and shown under the thumbnail. */
  ud_test_type (GTK_WIDGET (view), _("Caption"), "哺乳区 ");
  ud_test_save_named_screenshot (GTK_WIDGET (view), "room-photo-view", 5000);
  gtk_window_close (view);
  ud_test_wait_window_gone (photo_2);
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), "哺乳区"));

  ud_test_press (GTK_WIDGET (editor), _("_Save"));
  g_assert_true (ud_test_wait_for (editor_gone, (gpointer) ROOM_FORM));

  /* Opened again, the thumbnail is read from the folder, with the
   * caption saved (without the space typed after it); removed and
   * cancelled, it stays. */
  editor = open_room (window, OTHER_ROOM);
  scroll_to (editor, _("_Add Photos…"));
  g_assert_true (ud_test_wait_for (one_thumbnail, editor));
  g_assert_nonnull (ud_test_find_labelled (GTK_WIDGET (editor), "哺乳区"));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), _("Photo not on this computer")));
  ud_test_press (GTK_WIDGET (editor), remove_2);
  g_assert_true (ud_test_wait_for (cannot_press, &(LabelWait) { GTK_WIDGET (editor), photo_2, NULL }));
  ud_test_press (GTK_WIDGET (editor), _("_Cancel"));
  g_assert_true (ud_test_wait_for (editor_gone, (gpointer) ROOM_FORM));

  editor = open_room (window, OTHER_ROOM);
  scroll_to (editor, _("_Add Photos…"));
  g_assert_true (ud_test_wait_for (one_thumbnail, editor));

  /* Removed and saved, it is gone; the other photo stays. */
  ud_test_press (GTK_WIDGET (editor), remove_2);
  g_assert_true (ud_test_wait_for (cannot_press, &(LabelWait) { GTK_WIDGET (editor), photo_2, NULL }));
  g_assert_true (ud_test_wait_for (can_save, ud_record_editor_get_binder (editor)));
  ud_test_press (GTK_WIDGET (editor), _("_Save"));
  g_assert_true (ud_test_wait_for (editor_gone, (gpointer) ROOM_FORM));

  editor = open_room (window, OTHER_ROOM);
  scroll_to (editor, _("_Add Photos…"));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), _("Photo not on this computer")));
  ud_test_settle (500);
  g_assert_false (ud_test_can_press (GTK_WIDGET (editor), photo_2));
  g_assert_true (thumbnails_drawn (editor, 0));

  /* The missing one, pressed, says why it is not shown. */
  photo_1 = g_strdup_printf (_("Photo %u"), 1);
  ud_test_press (GTK_WIDGET (editor), photo_1);
  view = GTK_WINDOW (ud_test_wait_window_titled (photo_1));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (view), _("Photo not on this computer")));
  gtk_window_close (view);
  ud_test_wait_window_gone (photo_1);
  ud_test_press (GTK_WIDGET (editor), _("_Cancel"));
  g_assert_true (ud_test_wait_for (editor_gone, (gpointer) ROOM_FORM));

  run->passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static void
test_rooms (void)
{
  gboolean passed = FALSE;

  ud_test_run_office (prepare, NULL, drive, &passed);
  g_assert_true (passed);
}

/* A room's photos: a missing file shown as such, a file that is not a
 * picture refused, a picture added, viewed larger, saved, removed. */
static void
test_room_photos (void)
{
  PhotosRun run = { NULL, };

  ud_test_run_office (prepare_photos, &run, drive_photos, &run);
  g_assert_true (run.passed);
  g_free (run.db_path);
  g_free (run.picture);
  g_free (run.not_picture);
  g_free (run.room_uuid);
}

/* ---- the standards as data: a new version by the administrator --------------- */

typedef struct
{
  UdReferenceEditor *editor;
  const char        *part;
} RefusalWait;

/* The editor shows a message that holds @part. */
static gboolean
refused_with (gpointer data)
{
  RefusalWait *wait = data;
  const char *error = ud_reference_editor_get_error (wait->editor);

  return error != NULL && strstr (error, wait->part) != NULL;
}

/* The group of the editor titled @title (a type of room). */
static GtkWidget *
group_of (GtkWidget  *editor,
          const char *title)
{
  GtkWidget *label = ud_test_find_labelled (editor, title);
  GtkWidget *group = label != NULL ? gtk_widget_get_ancestor (label, ADW_TYPE_PREFERENCES_GROUP) : NULL;

  if (group == NULL)
    g_error ("No group titled “%s”", title);
  return group;
}

typedef struct
{
  UdRecordEditor *editor;
  const char     *verdict;
  const char     *reason;
} VerdictWait;

/* The room's verdict reads @verdict, and its reasons hold @reason. */
static gboolean
shows_verdict (gpointer data)
{
  VerdictWait *wait = data;
  GtkLabel *reasons = GTK_LABEL (ud_record_editor_get_object (wait->editor, "compliance_reasons"));

  return g_str_equal (verdict (wait->editor), wait->verdict) &&
         strstr (gtk_label_get_text (reasons), wait->reason) != NULL;
}

/* The administrator adds room standards that raise a public place's
 * minimum area to 12 m² from 2026; a public place of 10 m² opened in
 * 2026 is then named below the minimum as it is typed, one opened in
 * 2025 is judged by the shipped standards. */
static gboolean
drive_standards (gpointer data)
{
  gboolean *passed = data;
  GtkWidget *window = ud_test_sign_in_window ("admin", UD_TEST_PASSWORD, NULL);
  UdReferenceView *view;
  UdReferenceEditor *standards;
  UdRecordEditor *editor;
  GtkWidget *group;
  RefusalWait refusal;
  g_autofree char *expected = NULL;
  g_autofree char *min_reason = NULL;
  g_autofree char *old_verdict = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  ud_test_show_section (window, _("Reference Tables"));
  view = UD_REFERENCE_VIEW (ud_test_find_by_type (window, UD_TYPE_REFERENCE_VIEW));
  g_assert_true (ud_test_wait_reference_versions (GTK_WIDGET (view), UD_TEST_ANY_NUMBER));
  ud_test_choose (GTK_WIDGET (view), _("Reference table"), ud_reference_kind_get_label (UD_REFERENCE_ROOM_STANDARDS));
  g_assert_true (ud_test_wait_reference_versions (GTK_WIDGET (view), 1));
  expected = g_strdup_printf (_("%s: minimum area"), _("Public place"));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (view), expected));
  g_clear_pointer (&expected, g_free);

  ud_test_press (GTK_WIDGET (view), _("_New Version…"));
  standards = UD_REFERENCE_EDITOR (ud_test_wait_toplevel (UD_TYPE_REFERENCE_EDITOR));
  gtk_window_set_default_size (GTK_WINDOW (standards), 600, 900);
  ud_test_type (GTK_WIDGET (standards), _("Version name"), "2026-01");
  ud_test_type (GTK_WIDGET (standards), _("Effective from (YYYY-MM-DD)"), "2026-01-01");
  group = group_of (GTK_WIDGET (standards), _("Public place"));

  /* No area: refused naming the type and the field. */
  ud_test_type (group, _("Minimum area in m²"), "0");
  ud_test_press (GTK_WIDGET (standards), _("_Save"));
  refusal.editor = standards;
  refusal.part = _("Public place");
  g_assert_true (ud_test_wait_for (refused_with, &refusal));

  /* Before the other room's plaque (2025-12-01): refused by the core. */
  ud_test_type (group, _("Minimum area in m²"), "12");
  ud_test_type (GTK_WIDGET (standards), _("Effective from (YYYY-MM-DD)"), "2025-06-01");
  ud_test_press (GTK_WIDGET (standards), _("_Save"));
  refusal.part = "2025-12-01";
  g_assert_true (ud_test_wait_for (refused_with, &refusal));

  ud_test_type (GTK_WIDGET (standards), _("Effective from (YYYY-MM-DD)"), "2026-01-01");
  /* An encouraged facility more, as the office decided. */
  ud_test_set_check (group_of (GTK_WIDGET (standards), _("Encouraged Facilities")), _("Wash basin"), TRUE);
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (standards), "room-standards-editor", 10000);
  ud_test_press (GTK_WIDGET (standards), _("_Save"));
  ud_test_wait_closed (UD_TYPE_REFERENCE_EDITOR);
  g_assert_true (ud_test_wait_reference_versions (GTK_WIDGET (view), 2));
  expected = g_strdup_printf (_("%s m²"), "12");
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (view), expected));
  g_clear_pointer (&expected, g_free);
  ud_test_settle (300);
  ud_test_save_named_screenshot (window, "room-standards", 10000);

  /* The clerk reads the standards but cannot add a version. */
  window = ud_test_switch_user (window, "clerk", UD_TEST_PASSWORD);
  ud_test_show_section (window, _("Reference Tables"));
  view = UD_REFERENCE_VIEW (ud_test_find_by_type (window, UD_TYPE_REFERENCE_VIEW));
  g_assert_true (ud_test_wait_reference_versions (GTK_WIDGET (view), UD_TEST_ANY_NUMBER));
  ud_test_choose (GTK_WIDGET (view), _("Reference table"), ud_reference_kind_get_label (UD_REFERENCE_ROOM_STANDARDS));
  g_assert_true (ud_test_wait_reference_versions (GTK_WIDGET (view), 2));
  g_assert_false (ud_test_can_press (GTK_WIDGET (view), _("_New Version…")));

  /* A public place of 10 m² with every facility, opened in 2026. */
  ud_test_show_section (window, _("Mother-and-Baby Rooms"));
  ud_test_press (window, _("_New Room"));
  editor = wait_editor (ROOM_FORM);
  ud_test_type (GTK_WIDGET (editor), _("Room name"), "新区公共场所母婴关爱室");
  ud_test_type (GTK_WIDGET (editor), _("Host unit"), UNIT);
  ud_test_type (GTK_WIDGET (editor), _("Address"), "新区大厅一层");
  ud_test_type (GTK_WIDGET (editor), _("Street or township"), "果园街道");
  ud_test_choose (GTK_WIDGET (editor), _("Type"), _("Public place"));
  ud_test_type (GTK_WIDGET (editor), _("Area in m²"), "10");
  ud_test_type (GTK_WIDGET (editor), _("Tables"), "1");
  ud_test_type (GTK_WIDGET (editor), _("Seats"), "2");
  ud_test_type (GTK_WIDGET (editor), _("Keeper"), "赵敏");
  ud_test_set_check (GTK_WIDGET (editor), _("Power socket"), TRUE);
  ud_test_set_check (GTK_WIDGET (editor), _("Fridge for breast milk"), TRUE);
  ud_test_set_check (GTK_WIDGET (editor), _("Privacy (a door that locks or a curtain)"), TRUE);
  ud_test_set_check (GTK_WIDGET (editor), _("Baby changing table"), TRUE);

  /* Opened in 2025: the shipped standards (10 m²) pass it. */
  ud_test_type (GTK_WIDGET (editor), _("Opened on (YYYY-MM-DD)"), "2025-06-01");
  old_verdict = g_strdup_printf (_("Up to standard (standards %s)"), "2019-01");
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), old_verdict));

  /* Opened in 2026: below the new minimum, named. */
  ud_test_type (GTK_WIDGET (editor), _("Opened on (YYYY-MM-DD)"), "2026-02-01");
  expected = g_strdup_printf (_("Not up to standard (standards %s): %s"), "2026-01", _("Area below the minimum"));
  min_reason = g_strdup_printf (_("The area of %s m² is below the minimum of %s m² for the type %s."),
                                "10", "12", _("Public place"));
  if (!ud_test_wait_for (shows_verdict, &(VerdictWait) { editor, expected, min_reason }))
    g_error ("The verdict reads “%s”", verdict (editor));
  /* The verdict stands above the level. */
  scroll_to (editor, _("Level"));
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "room-editor-new-standards", 10000);

  ud_test_press (GTK_WIDGET (editor), _("_Cancel"));
  g_assert_true (ud_test_wait_for (editor_gone, (gpointer) ROOM_FORM));

  *passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static void
test_standards (void)
{
  gboolean passed = FALSE;

  ud_test_run_office (prepare, NULL, drive_standards, &passed);
  g_assert_true (passed);
}

int
main (int   argc,
      char *argv[])
{
  ud_test_init (&argc, &argv);

  g_test_add_func ("/app/rooms/register", test_rooms);
  g_test_add_func ("/app/rooms/photos", test_room_photos);
  g_test_add_func ("/app/rooms/standards", test_standards);

  return g_test_run ();
}
