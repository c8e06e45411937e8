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
#include "ud-print-preview.h"
#include "ud-record-store.h"
#include "ud-room-kind.h"
#include "ud-room-print.h"
#include "ud-room-standards.h"
#include "ud-ui-util.h"
#include "ud-validate.h"

/* What the section says of its own: its words, its form
 * (ud-room-form.ui), the facilities as checks, the standards' verdict as
 * the room is typed (the core's rule, no database), the room's
 * inspections and the plaque certificate's print preview. */

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
    /* TRANSLATORS: the requirements a room does not meet */
    text = g_strdup_printf (_("Not up to standard: %s"), failed->str);
  gtk_label_set_text (label, text);
  gtk_label_set_text (reasons, why->str);
  gtk_widget_add_css_class (GTK_WIDGET (label), verdict.compliant ? "success" : "error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), verdict.compliant ? "error" : "success");
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

/* The room a new line belongs to, in its form's hidden row. */
static void
line_loaded (UdRecordEditor *editor,
             UdDbWorker     *worker,
             UdRecord       *line)
{
  const char *room_uuid = g_object_get_data (G_OBJECT (editor), "ud-room-uuid");

  if (line->id == 0 && room_uuid != NULL)
    gtk_editable_set_text (GTK_EDITABLE (ud_record_editor_get_object (editor, "room_uuid_row")), room_uuid);
}

static const UdRecordEditorInfo inspection_editor = {
  .kind = &ud_kind_room_inspection,
  .form_resource = "/io/github/uniondesk/UnionDesk/rooms/ud-room-inspection-form.ui",
  .new_title = N_("New Inspection"),
  .edit_title = N_("Edit Inspection"),
  .saved_message = N_("Inspection saved"),
  .loaded = line_loaded,
};

static const UdRecordEditorInfo delivery_editor = {
  .kind = &ud_kind_room_delivery,
  .form_resource = "/io/github/uniondesk/UnionDesk/rooms/ud-room-delivery-form.ui",
  .new_title = N_("New Delivery"),
  .edit_title = N_("Edit Delivery"),
  .saved_message = N_("Delivery saved"),
  .loaded = line_loaded,
};

static const UdRecordEditorInfo use_editor = {
  .kind = &ud_kind_room_use,
  .form_resource = "/io/github/uniondesk/UnionDesk/rooms/ud-room-use-form.ui",
  .new_title = N_("Use in a Month"),
  .edit_title = N_("Edit Use in a Month"),
  .saved_message = N_("Use saved"),
  .loaded = line_loaded,
};

/* The lines of a room: the button that adds one, its editor, the table
 * that lists them and the group around it. */
static const struct
{
  const char               *button;
  const char               *table;
  const char               *group;
  const UdRecordEditorInfo *editor;
} lines[] = {
  { "inspect_button", "inspections", "inspections_group", &inspection_editor },
  { "deliver_button", "deliveries", "deliveries_group", &delivery_editor },
  { "use_button", "use", "use_group", &use_editor },
};

static void
on_line_clicked (GtkButton      *button,
                 UdRecordEditor *editor)
{
  const UdRecordEditorInfo *info = g_object_get_data (G_OBJECT (button), "ud-line-editor");
  UdRecord *room = ud_form_binder_get_record (ud_record_editor_get_binder (editor));
  UdRecordEditor *line;

  if (room == NULL || room->uuid == NULL)
    return;

  line = ud_record_editor_new (g_object_get_data (G_OBJECT (editor), "ud-worker"), info, 0);
  g_object_set_data_full (G_OBJECT (line), "ud-room-uuid", g_strdup (room->uuid), g_free);
  /* A new record may be filled at once, before the room is known. */
  if (ud_form_binder_get_loaded (ud_record_editor_get_binder (line)))
    line_loaded (line, NULL, ud_form_binder_get_record (ud_record_editor_get_binder (line)));
  gtk_window_set_transient_for (GTK_WINDOW (line), GTK_WINDOW (editor));
  gtk_window_set_modal (GTK_WINDOW (line), TRUE);
  gtk_window_present (GTK_WINDOW (line));
}

/* ---- the room's editor ---------------------------------------------------------- */

static void
room_loaded (UdRecordEditor *editor,
             UdDbWorker     *worker,
             UdRecord       *room)
{
  const UdField *field = ud_kind_find_field (&ud_kind_room, "facilities");
  UdRecordTable *first = UD_RECORD_TABLE (ud_record_editor_get_object (editor, lines[0].table));

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
        {
          GObject *button = ud_record_editor_get_object (editor, lines[i].button);

          g_object_set_data (button, "ud-line-editor", (gpointer) lines[i].editor);
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_line_clicked), editor, 0);
        }
    }
  on_facilities_row_changed (editor);
  show_verdict (editor);

  if (room->id == 0 || ud_record_table_get_model (first) != NULL)
    return;

  /* A room stored: its inspections, deliveries and use, and its
   * certificate once plaqued. */
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      UdRecordTable *table = UD_RECORD_TABLE (ud_record_editor_get_object (editor, lines[i].table));

      ud_record_table_set_fixed_filter (table, "room_uuid", room->uuid);
      ud_record_table_set_worker (table, worker);
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
  .search_placeholder = N_("Search by name, address, street, keeper or plaque number"),
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

GtkWidget *
ud_rooms_section_new (UdDbWorker *worker)
{
  return ud_record_section_new (worker, &rooms);
}
