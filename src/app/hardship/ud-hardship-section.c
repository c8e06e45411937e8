/* ud-hardship-section.c — the Hardship Archives section (困难职工档案)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-hardship-section"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-hardship-section.h"
#include "ud-hardship-editor.h"
#include "ud-hardship-kind.h"
#include "ud-hardship-print.h"
#include "ud-print-preview.h"
#include "ud-ui-util.h"

/* The list is the record table of the archive kind (its columns, filters
 * by category, state, street, worker type and cause, search, sorting, the
 * archive roll's import and export come from the kind); an archive opens
 * in UdHardshipEditor. */

static char *
count_text (guint64  shown,
            guint64  total,
            gboolean filtered)
{
  g_autofree char *total_text = ud_format_count (total);
  g_autofree char *shown_text = ud_format_count (shown);

  if (filtered)
    /* Translators: "3 of 120 archives" */
    return g_strdup_printf (ngettext ("%s of %s archive", "%s of %s archives", (gulong) total),
                            shown_text, total_text);

  /* Translators: "120 archives" */
  return g_strdup_printf (ngettext ("%s archive", "%s archives", (gulong) total), total_text);
}

static GtkWindow *
open_archive (UdDbWorker *worker,
              gint64      id)
{
  return GTK_WINDOW (ud_hardship_editor_new (worker, id));
}

static const UdRecordSectionInfo archives = {
  .kind = &ud_kind_hardship_archive,
  .new_label = N_("_New Archive"),
  .new_tooltip = N_("Start a Hardship Archive (Ctrl+N)"),
  .delete_tooltip = N_("Delete the Selected Draft Archive"),
  .search_placeholder = N_("Search by serial number, name or ID number"),
  .empty_title = N_("No Hardship Archives Yet"),
  .empty_description = N_("Start an archive for a member household in hardship; it is archived after the reviews, the public notice and the approval."),
  .export_title = N_("Export Hardship Archives"),
  /* Translators: the suggested file name of an export */
  .export_file_name = N_("Hardship archives"),
  .count = count_text,
  .open = open_archive,
};

/* 公示名单: the archives in the latest public notice begun. */
static UdDocument *
notice_list_build (UdDatabase  *db,
                   const char  *key,
                   GPtrArray  **records,
                   char       **name,
                   GError     **error)
{
  return ud_hardship_notice_list_build (db, NULL, NULL, records, error);
}

static const UdPrintSource notice_list = {
  .title = N_("Public Notice List"),
  .build = notice_list_build,
};

static void
on_print_notice (GtkButton  *button,
                 UdDbWorker *worker)
{
  UdPrintPreview *preview = ud_print_preview_new_for_source (worker, &notice_list, "latest");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (preview));
}

GtkWidget *
ud_hardship_section_new (UdDbWorker *worker)
{
  GtkWidget *section = ud_record_section_new (worker, &archives);
  GtkWidget *print = gtk_button_new_with_mnemonic (_("Print _Notice List…"));

  gtk_widget_set_tooltip_text (print, _("The public notice list of the archives under notice, ID numbers masked"));
  gtk_widget_set_visible (print, ud_db_worker_may (worker, UD_PERMISSION_PRINT_FORMS));
  g_signal_connect_object (print, "clicked", G_CALLBACK (on_print_notice), worker, 0);
  gtk_box_append (ud_record_section_get_toolbar (UD_RECORD_SECTION (section)), print);

  return section;
}
