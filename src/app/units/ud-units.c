/* ud-units.c — the Units section (基层工会)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-units"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-units.h"
#include "ud-unit-kind.h"
#include "ud-ui-util.h"

/* All the section says of its own: its words, its form (ud-unit-form.ui,
 * where the credit code's GB 32100 check is its field type's), and the
 * list of a unit's members in the editor. */

static char *
count_text (guint64  shown,
            guint64  total,
            gboolean filtered)
{
  g_autofree char *total_text = ud_format_count (total);
  g_autofree char *shown_text = ud_format_count (shown);

  if (filtered)
    /* Translators: "3 of 120 units" */
    return g_strdup_printf (ngettext ("%s of %s unit", "%s of %s units", (gulong) total),
                            shown_text, total_text);

  /* Translators: "120 units" */
  return g_strdup_printf (ngettext ("%s unit", "%s units", (gulong) total), total_text);
}

/* A unit's members, once it is stored. */
static void
unit_loaded (UdRecordEditor *editor,
             UdDbWorker     *worker,
             UdRecord       *unit)
{
  UdRecordTable *members = UD_RECORD_TABLE (ud_record_editor_get_object (editor, "members"));
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, unit->id);

  if (unit->id == 0 || ud_record_table_get_model (members) != NULL)
    return;

  ud_record_table_set_fixed_filter (members, "unit", id);
  ud_record_table_set_worker (members, worker);
  gtk_widget_set_visible (GTK_WIDGET (ud_record_editor_get_object (editor, "members_group")), TRUE);
}

static const UdRecordSectionInfo units = {
  .kind = &ud_kind_unit,
  .new_label = N_("_New Unit"),
  .new_tooltip = N_("Add a Unit (Ctrl+N)"),
  .delete_tooltip = N_("Delete the Selected Unit"),
  .search_hint = N_("Search by name, credit code, street or contact"),
  .empty_title = N_("No Units Yet"),
  .empty_description = N_("Add the district’s grassroots unions here. A unit named in an imported member roster is added by itself."),
  .export_title = N_("Export Units"),
  /* Translators: the suggested file name of an export */
  .export_file_name = N_("Units"),
  .count = count_text,
  .editor = {
    .kind = &ud_kind_unit,
    .form_resource = "/io/github/uniondesk/UnionDesk/units/ud-unit-form.ui",
    .new_title = N_("New Unit"),
    .edit_title = N_("Edit Unit"),
    .saved_message = N_("Unit saved"),
    .loaded = unit_loaded,
  },
};

GtkWidget *
ud_units_section_new (UdDbWorker *worker)
{
  return ud_record_section_new (worker, &units);
}
