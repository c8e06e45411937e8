/* ud-rooms.c — the Mother-and-Baby Rooms section (母婴关爱室)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-rooms"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-rooms.h"
#include "ud-child-list.h"
#include "ud-print-preview.h"
#include "ud-room-photos.h"
#include "ud-record-store.h"
#include "ud-reference-store.h"
#include "ud-room-kind.h"
#include "ud-room-print.h"
#include "ud-room-standards.h"
#include "ud-room-store.h"
#include "ud-ui-util.h"
#include "ud-validate.h"

/* What the section says of its own: its words, its form
 * (ud-room-form.ui), the facilities as checks, the standards' verdict as
 * the room is typed (the core's rule, no database: the office's versions
 * of the standards are read on the worker when the section is made and
 * each time a room is opened), the room's inspections and the plaque
 * certificate's print preview. */

static const char * const verdict_fields[] = {
  "room_type", "area_m2", "table_chair_sets", "tables", "seats", "facilities", "keeper",
  "opened_on", "plaque_date",
};

static char *
count_text (guint64  shown,
            guint64  total,
            gboolean filtered)
{
  g_autofree char *total_text = ud_format_count (total);
  g_autofree char *shown_text = ud_format_count (shown);

  if (filtered)
    /* Translators: "3 of 120 rooms" */
    return g_strdup_printf (ngettext ("%s of %s room", "%s of %s rooms", (gulong) total),
                            shown_text, total_text);

  /* Translators: "120 rooms" */
  return g_strdup_printf (ngettext ("%s room", "%s rooms", (gulong) total), total_text);
}

/* ---- the standards' verdict as typed ------------------------------------------ */

static void
show_verdict (UdRecordEditor *editor)
{
  UdFormBinder *binder = ud_record_editor_get_binder (editor);
  GtkLabel *label = GTK_LABEL (ud_record_editor_get_object (editor, "compliance_label"));
  GtkLabel *reasons = GTK_LABEL (ud_record_editor_get_object (editor, "compliance_reasons"));
  g_autoptr(UdRecord) room = ud_record_new (&ud_kind_room);
  g_auto(UdRoomVerdict) verdict = { 0, };
  g_autoptr(GString) failed = g_string_new (NULL);
  g_autoptr(GString) why = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (verdict_fields); i++)
    {
      g_autofree char *value = ud_form_binder_get_value (binder, verdict_fields[i]);

      ud_record_set (room, verdict_fields[i], value);
    }
  /* A room not opened yet is judged by today's standards. */
  if (*ud_record_get (room, "opened_on") == '\0')
    {
      g_autofree char *today = NULL;
      GDate date;

      ud_date_today (&date);
      today = ud_date_to_iso (&date);
      ud_record_set (room, "opened_on", today);
    }

  if (!ud_room_judge (room, &verdict))
    {
      gtk_label_set_text (label, _("Give the room’s type and area to see whether it is up to standard."));
      gtk_label_set_text (reasons, "");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      return;
    }

  for (guint i = 0; i < verdict.failed->len; i++)
    {
      if (i > 0)
        /* TRANSLATORS: between the items of a list */
        g_string_append (failed, _(", "));
      g_string_append (failed, ud_field_choice_label (ud_kind_find_field (&ud_kind_room, "failed_requirements"),
                                                      g_ptr_array_index (verdict.failed, i)));
    }
  for (guint i = 0; i < verdict.reasons->len; i++)
    g_string_append_printf (why, "%s%s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (verdict.reasons, i));

  if (verdict.compliant)
    /* TRANSLATORS: the version of the standards */
    text = g_strdup_printf (_("Up to standard (standards %s)"), verdict.standards_version);
  else
    /* TRANSLATORS: the version of the standards, then the requirements a room does not meet */
    text = g_strdup_printf (_("Not up to standard (standards %s): %s"), verdict.standards_version, failed->str);
  gtk_label_set_text (label, text);
  gtk_label_set_text (reasons, why->str);
  gtk_widget_add_css_class (GTK_WIDGET (label), verdict.compliant ? "success" : "error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), verdict.compliant ? "error" : "success");
}

/* The office's room standards (its reference tables) become the ones
 * rooms are judged by, here and in the record store's derived fields. */
static gpointer
standards_job (UdDatabase    *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  UdRoomStandards *standards = ud_reference_load_room_standards (db, error);

  if (standards != NULL)
    ud_room_standards_set_current (standards);
  return standards;
}

static void
on_standards_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(UdRecordEditor) editor = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRoomStandards) standards = ud_db_worker_run_finish (result, &error);

  g_weak_ref_clear (ref);
  g_free (ref);
  if (standards == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The room standards cannot be read: %s", error->message);
  if (standards != NULL && editor != NULL)
    show_verdict (editor);
}

/* Reads the office's standards; @editor, if any, shows its verdict again. */
static void
read_standards (UdDbWorker     *worker,
                UdRecordEditor *editor)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, editor);
  ud_db_worker_run_async (worker, standards_job, NULL, NULL, (GDestroyNotify) ud_room_standards_unref,
                          NULL, on_standards_read, ref);
}

static void
on_field_changed (UdRecordEditor *editor,
                  const char     *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (verdict_fields); i++)
    if (g_str_equal (field, verdict_fields[i]))
      {
        show_verdict (editor);
        return;
      }
}

/* ---- the facilities as checks ---------------------------------------------- */

/* The checks write the facilities' codes into the hidden row the binder
 * reads; the row, filled from the record, sets the checks. */
static void
on_check_toggled (UdRecordEditor *editor)
{
  const UdField *field = ud_kind_find_field (&ud_kind_room, "facilities");
  GtkEditable *row = GTK_EDITABLE (ud_record_editor_get_object (editor, "facilities_row"));
  g_autoptr(GString) codes = g_string_new (NULL);

  if (g_object_get_data (G_OBJECT (editor), "ud-syncing") != NULL)
    return;

  for (guint i = 0; i < field->n_choices; i++)
    {
      g_autofree char *id = g_strconcat ("facility_", field->choices[i].value, NULL);
      GtkCheckButton *check = GTK_CHECK_BUTTON (ud_record_editor_get_object (editor, id));

      if (gtk_check_button_get_active (check))
        g_string_append_printf (codes, "%s%s", codes->len > 0 ? "," : "", field->choices[i].value);
    }

  g_object_set_data (G_OBJECT (editor), "ud-syncing", GINT_TO_POINTER (TRUE));
  gtk_editable_set_text (row, codes->str);
  g_object_set_data (G_OBJECT (editor), "ud-syncing", NULL);
}

static void
on_facilities_row_changed (UdRecordEditor *editor)
{
  const UdField *field = ud_kind_find_field (&ud_kind_room, "facilities");
  GtkEditable *row = GTK_EDITABLE (ud_record_editor_get_object (editor, "facilities_row"));
  g_auto(GStrv) codes = g_strsplit (gtk_editable_get_text (row), ",", -1);

  if (g_object_get_data (G_OBJECT (editor), "ud-syncing") != NULL)
    return;

  g_object_set_data (G_OBJECT (editor), "ud-syncing", GINT_TO_POINTER (TRUE));
  for (guint i = 0; i < field->n_choices; i++)
    {
      g_autofree char *id = g_strconcat ("facility_", field->choices[i].value, NULL);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (ud_record_editor_get_object (editor, id)),
                                   g_strv_contains ((const char * const *) codes, field->choices[i].value));
    }
  g_object_set_data (G_OBJECT (editor), "ud-syncing", NULL);
}

/* ---- the plaque certificate ------------------------------------------------ */

static UdPrintForm *
certificate_build (UdDatabase  *db,
                   gpointer     data,
                   GError     **error)
{
  g_autoptr(UdPrintForm) form = g_new0 (UdPrintForm, 1);
  UdRecord *room = ud_record_store_get_by_uuid (db, &ud_kind_room, data, error);

  if (room == NULL)
    return NULL;
  form->records = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_ptr_array_add (form->records, room);
  if ((form->document = ud_room_certificates_build (db, form->records, error)) == NULL)
    return NULL;

  form->title = g_strdup (_("Plaque Certificate"));
  form->subtitle = g_strdup (ud_record_get (room, "name"));
  /* The certificate's own name, the same in every language. */
  form->file_name = g_strdup_printf ("母婴关爱室达标证书-%s.pdf", ud_record_get (room, "plaque_number"));
  return g_steal_pointer (&form);
}

static void
on_print_clicked (UdRecordEditor *editor)
{
  UdRecord *room = ud_form_binder_get_record (ud_record_editor_get_binder (editor));
  UdPrintPreview *preview;

  if (room == NULL || room->uuid == NULL)
    return;

  preview = ud_print_preview_new_for_form (g_object_get_data (G_OBJECT (editor), "ud-worker"),
                                           certificate_build, g_strdup (room->uuid), g_free);
  gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (editor));
  gtk_window_present (GTK_WINDOW (preview));
}

/* ---- inspections, deliveries, use ------------------------------------------------ */

static const UdRecordEditorInfo inspection_editor = {
  .kind = &ud_kind_room_inspection,
  .form_resource = "/io/github/uniondesk/UnionDesk/rooms/ud-room-inspection-form.ui",
  .new_title = N_("New Inspection"),
  .edit_title = N_("Edit Inspection"),
  .saved_message = N_("Inspection saved"),
};

static const UdRecordEditorInfo delivery_editor = {
  .kind = &ud_kind_room_delivery,
  .form_resource = "/io/github/uniondesk/UnionDesk/rooms/ud-room-delivery-form.ui",
  .new_title = N_("New Delivery"),
  .edit_title = N_("Edit Delivery"),
  .saved_message = N_("Delivery saved"),
};

static const UdRecordEditorInfo use_editor = {
  .kind = &ud_kind_room_use,
  .form_resource = "/io/github/uniondesk/UnionDesk/rooms/ud-room-use-form.ui",
  .new_title = N_("Use in a Month"),
  .edit_title = N_("Edit Use in a Month"),
  .saved_message = N_("Use saved"),
};

/* The lines of a room, each a UdChildList in its group: what adds one,
 * its editor and the list's words. */
static const UdChildListInfo lines[] = {
  { "inspections_group", &inspection_editor, N_("_Record Inspection…"), N_("Search the room’s inspections"),
    N_("Not Inspected Yet"), N_("Record each inspection here; the next one is due 12 months later.") },
  { "deliveries_group", &delivery_editor, N_("Record _Delivery…"), N_("Search the room’s deliveries"),
    N_("Nothing Delivered Yet"), N_("Record each delivery of consumables here.") },
  { "use_group", &use_editor, N_("Record _Use…"), N_("Search the room’s months"),
    N_("No Use Recorded Yet"), N_("Record the visits of each month here.") },
};

/* ---- the room's editor ---------------------------------------------------------- */

static void
room_loaded (UdRecordEditor *editor,
             UdDbWorker     *worker,
             UdRecord       *room)
{
  const UdField *field = ud_kind_find_field (&ud_kind_room, "facilities");

  if (g_object_get_data (G_OBJECT (editor), "ud-worker") == NULL)
    {
      g_object_set_data_full (G_OBJECT (editor), "ud-worker", g_object_ref (worker), g_object_unref);
      for (guint i = 0; i < field->n_choices; i++)
        {
          g_autofree char *id = g_strconcat ("facility_", field->choices[i].value, NULL);

          g_signal_connect_object (ud_record_editor_get_object (editor, id), "toggled",
                                   G_CALLBACK (on_check_toggled), editor, G_CONNECT_SWAPPED);
        }
      g_signal_connect_object (ud_record_editor_get_object (editor, "facilities_row"), "changed",
                               G_CALLBACK (on_facilities_row_changed), editor, G_CONNECT_SWAPPED);
      g_signal_connect_object (ud_record_editor_get_binder (editor), "changed",
                               G_CALLBACK (on_field_changed), editor, G_CONNECT_SWAPPED);
      g_signal_connect_object (ud_record_editor_get_object (editor, "print_button"), "clicked",
                               G_CALLBACK (on_print_clicked), editor, G_CONNECT_SWAPPED);
      for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
        ud_child_list_ensure_in_group (editor, &lines[i], "room_uuid", NULL);
    }
  on_facilities_row_changed (editor);
  show_verdict (editor);
  ud_room_photos_loaded (editor, worker, room);
  /* A new version may have been added since: the verdict as it stands. */
  if (worker != NULL)
    read_standards (worker, editor);

  if (room->id == 0 || room->uuid == NULL)
    return;

  /* A room stored: its inspections, deliveries and use, and its
   * certificate once plaqued. */
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      ud_child_list_set_parent (ud_child_list_ensure_in_group (editor, &lines[i], "room_uuid", NULL),
                                worker, room->uuid);
      gtk_widget_set_visible (GTK_WIDGET (ud_record_editor_get_object (editor, lines[i].group)), TRUE);
    }
  gtk_widget_set_visible (GTK_WIDGET (ud_record_editor_get_object (editor, "print_button")),
                          ud_room_level_has_plaque (ud_record_get (room, "level")) &&
                          *ud_record_get (room, "plaque_number") != '\0');
}

static const UdRecordSectionInfo rooms = {
  .kind = &ud_kind_room,
  .new_label = N_("_New Room"),
  .new_tooltip = N_("Add a Mother-and-Baby Room (Ctrl+N)"),
  .delete_tooltip = N_("Delete the Selected Room"),
  .search_hint = N_("Search by name, address, street, keeper or plaque number"),
  .empty_title = N_("No Mother-and-Baby Rooms Yet"),
  .empty_description = N_("Register the rooms of the district’s units, office buildings and public places here; each is checked against the standards as it is typed."),
  .export_title = N_("Export Mother-and-Baby Rooms"),
  /* Translators: the suggested file name of an export */
  .export_file_name = N_("Mother-and-baby rooms"),
  .count = count_text,
  .editor = {
    .kind = &ud_kind_room,
    .form_resource = "/io/github/uniondesk/UnionDesk/rooms/ud-room-form.ui",
    .new_title = N_("New Mother-and-Baby Room"),
    .edit_title = N_("Edit Mother-and-Baby Room"),
    .saved_message = N_("Room saved"),
    .loaded = room_loaded,
  },
};

/* ---- the inspections due ------------------------------------------------------ */

/* The rooms to inspect as of a day the clerk gives (today at first), by
 * the core's rule (ud_room_store_due (), as `room due`), read on the
 * worker. */
typedef struct
{
  char  *today;
  guint  within;
} DueQuery;

static void
due_query_free (DueQuery *query)
{
  g_free (query->today);
  g_free (query);
}

static gpointer
due_job (UdDatabase   *db,
         gpointer      data,
         GCancellable *cancellable,
         GError      **error)
{
  DueQuery *query = data;

  return ud_room_store_due (db, query->today, query->within, error);
}

static void
due_show_error (GtkWidget  *window,
                const char *message)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (window), "ud-error");

  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
due_listed (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GtkWidget) window = data;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBox *list = g_object_get_data (G_OBJECT (window), "ud-list");
  GtkLabel *summary = g_object_get_data (G_OBJECT (window), "ud-summary");
  const char *today = g_object_get_data (G_OBJECT (window), "ud-today");
  GtkWidget *child;
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (window), "ud-show"), TRUE);
  if ((due = ud_db_worker_run_finish (result, &error)) == NULL)
    {
      due_show_error (window, error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  for (guint i = 0; i < due->len; i++)
    {
      UdRoomDue *item = g_ptr_array_index (due, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *when;
      g_autofree char *subtitle = NULL;
      g_autofree char *when_text = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ud_record_get (item->room, "name"));
      if (*item->last_inspected != '\0')
        /* TRANSLATORS: a room's street, then the day of its last inspection */
        subtitle = g_strdup_printf (_("%s · last inspected on %s"), ud_record_get (item->room, "street"),
                                    item->last_inspected);
      else
        /* TRANSLATORS: a room's street */
        subtitle = g_strdup_printf (_("%s · never inspected"), ud_record_get (item->room, "street"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (item->overdue)
        /* TRANSLATORS: the day the inspection was due */
        when_text = g_strdup_printf (_("Overdue, due on %s"), item->due);
      else
        /* TRANSLATORS: the day the inspection is due */
        when_text = g_strdup_printf (_("Due on %s"), item->due);
      when = gtk_label_new (when_text);
      gtk_widget_add_css_class (when, item->overdue ? "error" : "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), when);
      gtk_list_box_append (list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (list), due->len > 0);

  if (due->len == 0)
    /* TRANSLATORS: a day */
    text = g_strdup_printf (_("No room is due for inspection as of %s."), today);
  else
    /* TRANSLATORS: a number of rooms, then a day */
    text = g_strdup_printf (ngettext ("%u room to inspect as of %s:", "%u rooms to inspect as of %s:", due->len),
                            due->len, today);
  gtk_label_set_text (summary, text);
}

static void
on_due_show (GtkWidget *window)
{
  UdDbWorker *worker = g_object_get_data (G_OBJECT (window), "ud-worker");
  const char *date_text = gtk_editable_get_text (g_object_get_data (G_OBJECT (window), "ud-date"));
  const char *within_text = gtk_editable_get_text (g_object_get_data (G_OBJECT (window), "ud-within"));
  g_autoptr(GError) error = NULL;
  DueQuery *query;
  guint64 within = 0;
  GDate day;

  if (!ud_date_parse (date_text, &day, &error))
    {
      /* TRANSLATORS: the field, the date given, then what is wrong with it */
      g_autofree char *message = g_strdup_printf (_("%s: “%s” %s."), _("As of (YYYY-MM-DD)"), date_text, error->message);

      due_show_error (window, message);
      return;
    }
  if (!g_ascii_string_to_unsigned (within_text, 10, 0, 3660, &within, NULL))
    {
      due_show_error (window, _("Also due within (days): give a number of days from 0 to 3660."));
      return;
    }
  due_show_error (window, NULL);

  query = g_new0 (DueQuery, 1);
  query->today = ud_date_to_iso (&day);
  query->within = (guint) within;
  g_object_set_data_full (G_OBJECT (window), "ud-today", g_strdup (query->today), g_free);
  gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (window), "ud-show"), FALSE);
  ud_db_worker_run_async (worker, due_job, query, (GDestroyNotify) due_query_free,
                          (GDestroyNotify) g_ptr_array_unref, NULL, due_listed, g_object_ref (window));
}

static void
on_due_clicked (GtkWidget       *button,
                UdRecordSection *section)
{
  UdDbWorker *worker = g_object_get_data (G_OBJECT (section), "ud-worker");
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *fields = gtk_list_box_new ();
  GtkWidget *date = adw_entry_row_new ();
  GtkWidget *within = adw_entry_row_new ();
  GtkWidget *show = gtk_button_new_with_mnemonic (_("_Show the Rooms Due"));
  GtkWidget *error = gtk_label_new (NULL);
  GtkWidget *summary = gtk_label_new (NULL);
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *today = NULL;
  GDate day;

  gtk_window_set_title (GTK_WINDOW (window), _("Inspections Due"));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 560);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (button)));

  ud_date_today (&day);
  today = ud_date_to_iso (&day);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date), _("As of (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (date), today);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (within), _("Also due within (days)"));
  gtk_editable_set_text (GTK_EDITABLE (within), "30");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (fields), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (fields, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (fields), date);
  gtk_list_box_append (GTK_LIST_BOX (fields), within);

  gtk_widget_add_css_class (show, "suggested-action");
  gtk_widget_set_halign (show, GTK_ALIGN_END);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_widget_add_css_class (summary, "heading");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_widget_set_visible (list, FALSE);

  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_box_append (GTK_BOX (content), fields);
  gtk_box_append (GTK_BOX (content), show);
  gtk_box_append (GTK_BOX (content), error);
  gtk_box_append (GTK_BOX (content), summary);
  gtk_box_append (GTK_BOX (content), list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);

  g_object_set_data_full (G_OBJECT (window), "ud-worker", g_object_ref (worker), g_object_unref);
  g_object_set_data (G_OBJECT (window), "ud-date", date);
  g_object_set_data (G_OBJECT (window), "ud-within", within);
  g_object_set_data (G_OBJECT (window), "ud-show", show);
  g_object_set_data (G_OBJECT (window), "ud-error", error);
  g_object_set_data (G_OBJECT (window), "ud-summary", summary);
  g_object_set_data (G_OBJECT (window), "ud-list", list);
  g_signal_connect_swapped (show, "clicked", G_CALLBACK (on_due_show), window);
  g_signal_connect_swapped (date, "entry-activated", G_CALLBACK (on_due_show), window);
  g_signal_connect_swapped (within, "entry-activated", G_CALLBACK (on_due_show), window);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (date), FALSE);

  gtk_window_present (GTK_WINDOW (window));
  on_due_show (window);
}

/* ---- the certificates of the rooms shown, the register ---------------------------- */

static gboolean
room_has_plaque (const UdRecord *room)
{
  return ud_room_level_has_plaque (ud_record_get (room, "level")) &&
         *ud_record_get (room, "plaque_number") != '\0' && *ud_record_get (room, "plaque_date") != '\0';
}

/* @data: the row ids of the rooms shown (GArray of gint64). */
static UdPrintForm *
certificates_build (UdDatabase  *db,
                    gpointer     data,
                    GError     **error)
{
  GArray *ids = data;
  g_autoptr(UdPrintForm) form = g_new0 (UdPrintForm, 1);
  g_autoptr(GPtrArray) shown = ud_record_store_load (db, &ud_kind_room, (const gint64 *) (gpointer) ids->data,
                                                      ids->len, error);

  if (shown == NULL)
    return NULL;
  form->records = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  for (guint i = 0; i < shown->len; i++)
    {
      UdRecord *room = g_ptr_array_index (shown, i);

      if (!room->deleted && room_has_plaque (room))
        g_ptr_array_add (form->records, ud_record_ref (room));
    }
  if (form->records->len == 0)
    {
      g_set_error_literal (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INPUT,
                           _("None of the rooms shown has a plaque: certificates are printed for rooms plaqued (达标挂牌 or a demonstration room) with a plaque number and date."));
      return NULL;
    }
  if ((form->document = ud_room_certificates_build (db, form->records, error)) == NULL)
    return NULL;

  form->title = g_strdup (_("Plaque Certificates"));
  form->subtitle = g_strdup_printf (ngettext ("%u room", "%u rooms", form->records->len), form->records->len);
  /* The certificates' own name, the same in every language. */
  form->file_name = g_strdup ("母婴关爱室达标证书.pdf");
  return g_steal_pointer (&form);
}

static void
on_certificates_clicked (GtkWidget       *button,
                         UdRecordSection *section)
{
  UdRecordModel *model = ud_record_table_get_model (ud_record_section_get_table (section));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  UdPrintPreview *preview;

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      gint64 id = ud_record_model_get_id (model, i);

      g_array_append_val (ids, id);
    }

  preview = ud_print_preview_new_for_form (g_object_get_data (G_OBJECT (section), "ud-worker"),
                                           certificates_build, ids, (GDestroyNotify) g_array_unref);
  gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (gtk_widget_get_root (button)));
  gtk_window_present (GTK_WINDOW (preview));
}

static UdPrintForm *
register_build (UdDatabase  *db,
                gpointer     data,
                GError     **error)
{
  g_autoptr(UdPrintForm) form = g_new0 (UdPrintForm, 1);

  if ((form->document = ud_room_register_build (db, data, &form->records, error)) == NULL)
    return NULL;

  form->title = g_strdup (_("Rooms Register"));
  /* TRANSLATORS: the day the register is drawn up on */
  form->subtitle = g_strdup_printf (_("As of %s"), (const char *) data);
  /* The register's own name, the same in every language. */
  form->file_name = g_strdup_printf ("母婴关爱室台账-%s.pdf", (const char *) data);
  return g_steal_pointer (&form);
}

static void
on_register_clicked (GtkWidget       *button,
                     UdRecordSection *section)
{
  UdPrintPreview *preview;
  GDate day;

  ud_date_today (&day);
  preview = ud_print_preview_new_for_form (g_object_get_data (G_OBJECT (section), "ud-worker"),
                                           register_build, ud_date_to_iso (&day), g_free);
  gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (gtk_widget_get_root (button)));
  gtk_window_present (GTK_WINDOW (preview));
}

/* ---- the streets ---------------------------------------------------------------- */

/* A drop-down of the streets the rooms are on, read on the worker (again
 * when rooms change); the one chosen is the table's filter on "street". */
typedef struct
{
  GtkDropDown   *drop_down;
  UdRecordTable *table;
  GCancellable  *cancellable;
  gboolean       filling;
} StreetFilter;

static void
street_filter_free (StreetFilter *filter)
{
  g_cancellable_cancel (filter->cancellable);
  g_clear_object (&filter->cancellable);
  g_free (filter);
}

static int
compare_streets (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static gpointer
streets_job (UdDatabase   *db,
             gpointer      data,
             GCancellable *cancellable,
             GError      **error)
{
  UdRecordQuery all = { &ud_kind_room };
  g_autoptr(GPtrArray) found = ud_record_store_list (db, &all, error);
  g_autoptr(GHashTable) seen = NULL;
  GPtrArray *streets;

  if (found == NULL)
    return NULL;
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  streets = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < found->len; i++)
    {
      const char *street = ud_record_get (g_ptr_array_index (found, i), "street");

      if (*street != '\0' && g_hash_table_add (seen, (gpointer) street))
        g_ptr_array_add (streets, g_strdup (street));
    }
  g_ptr_array_sort (streets, compare_streets);
  return streets;
}

static char *
street_chosen (StreetFilter *filter)
{
  guint selected = gtk_drop_down_get_selected (filter->drop_down);
  GListModel *items = gtk_drop_down_get_model (filter->drop_down);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (items), selected));
}

static void
streets_listed (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GPtrArray) streets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) items = NULL;
  g_autofree char *all = NULL;
  g_autofree char *chosen = NULL;
  StreetFilter *filter;
  guint keep = 0;

  if ((streets = ud_db_worker_run_finish (result, &error)) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The rooms’ streets cannot be read: %s", error->message);
      return;
    }
  filter = data;
  chosen = street_chosen (filter);

  items = gtk_string_list_new (NULL);
  /* The words of the register's own filters, "Street or township: All" */
  all = g_strdup_printf (_("%s: All"), _("Street or township"));
  gtk_string_list_append (items, all);
  for (guint i = 0; i < streets->len; i++)
    {
      gtk_string_list_append (items, g_ptr_array_index (streets, i));
      if (chosen != NULL && g_str_equal (chosen, g_ptr_array_index (streets, i)))
        keep = i + 1;
    }
  filter->filling = TRUE;
  gtk_drop_down_set_model (filter->drop_down, G_LIST_MODEL (items));
  gtk_drop_down_set_selected (filter->drop_down, keep);
  filter->filling = FALSE;
  /* A street no room is on any more: every street again. */
  if (chosen != NULL && keep == 0)
    ud_record_table_set_filter (filter->table, "street", NULL);
}

static void
load_streets (StreetFilter *filter,
              UdDbWorker   *worker)
{
  ud_db_worker_run_async (worker, streets_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                          filter->cancellable, streets_listed, filter);
}

static void
on_street_chosen (StreetFilter *filter)
{
  g_autofree char *chosen = NULL;

  if (filter->filling)
    return;
  chosen = street_chosen (filter);
  ud_record_table_set_filter (filter->table, "street", chosen);
}

static void
on_rooms_changed (UdDbWorker *worker,
                  const char *kind,
                  GtkWidget  *section)
{
  if (ud_db_worker_kind_changed (ud_kind_room.name, kind))
    load_streets (g_object_get_data (G_OBJECT (section), "ud-street-filter"), worker);
}

static GtkWidget *
street_filter_new (UdDbWorker    *worker,
                   GtkWidget     *section,
                   UdRecordTable *table)
{
  StreetFilter *filter = g_new0 (StreetFilter, 1);
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_autofree char *all = g_strdup_printf (_("%s: All"), _("Street or township"));
  g_autofree char *tooltip = g_strdup_printf (_("Filter by %s"), _("Street or township"));
  GtkWidget *drop_down;

  gtk_string_list_append (items, all);
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&items)), NULL);
  gtk_drop_down_set_expression (GTK_DROP_DOWN (drop_down),
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  gtk_widget_set_tooltip_text (drop_down, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);

  filter->drop_down = GTK_DROP_DOWN (drop_down);
  filter->table = table;
  filter->cancellable = g_cancellable_new ();
  /* The section owns the filter; the jobs are cancelled with it. */
  g_object_set_data_full (G_OBJECT (section), "ud-street-filter", filter, (GDestroyNotify) street_filter_free);
  g_signal_connect_swapped (drop_down, "notify::selected", G_CALLBACK (on_street_chosen), filter);
  g_signal_connect_object (worker, "records-changed", G_CALLBACK (on_rooms_changed), section, 0);
  load_streets (filter, worker);

  return drop_down;
}

GtkWidget *
ud_rooms_section_new (UdDbWorker *worker)
{
  GtkWidget *section = ud_record_section_new (worker, &rooms);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  static const struct
  {
    const char *label;
    const char *tooltip;
    GCallback   clicked;
  } buttons[] = {
    { N_("Inspections _Due…"), N_("The rooms whose inspection is due or overdue as of a day"), G_CALLBACK (on_due_clicked) },
    { N_("Print _Certificates…"), N_("The plaque certificates of the rooms shown that have a plaque, in one document"), G_CALLBACK (on_certificates_clicked) },
    { N_("Print _Register…"), N_("The rooms register as of today: rooms by street and level, their compliance and inspections"), G_CALLBACK (on_register_clicked) },
  };

  g_object_set_data_full (G_OBJECT (section), "ud-worker", g_object_ref (worker), g_object_unref);
  read_standards (worker, NULL);
  gtk_box_append (GTK_BOX (box), street_filter_new (worker, section, ud_record_section_get_table (UD_RECORD_SECTION (section))));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(buttons[i].label));

      gtk_widget_set_tooltip_text (button, _(buttons[i].tooltip));
      g_signal_connect_object (button, "clicked", buttons[i].clicked, section, 0);
      /* The certificates are those of every room the list shows: once it
       * is listed whole. */
      if (buttons[i].clicked == G_CALLBACK (on_certificates_clicked))
        g_object_bind_property (ud_record_section_get_table (UD_RECORD_SECTION (section)), "busy", button, "sensitive",
                                G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
      gtk_box_append (GTK_BOX (box), button);
    }
  ud_record_table_add_bar_widget (ud_record_section_get_table (UD_RECORD_SECTION (section)), box);

  return section;
}
