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
#include "ud-hardship-store.h"
#include "ud-print-preview.h"
#include "ud-ui-util.h"

/* The list is the record table of the archive kind (its columns, filters
 * by category, state, street, worker type and cause, search, sorting, the
 * archive roll's import and export come from the kind); an archive opens
 * in UdHardshipEditor.  The toolbar adds the public notice list to print
 * and the visits overdue. */

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
  .search_hint = N_("Search by serial number, name or ID number"),
  .empty_title = N_("No Hardship Archives Yet"),
  .empty_description = N_("Start an archive for a member household in hardship; it is archived after the reviews, the public notice and the approval."),
  .export_title = N_("Export Hardship Archives"),
  /* Translators: the suggested file name of an export */
  .export_file_name = N_("Hardship archives"),
  .count = count_text,
  .open = open_archive,
};

/* 公示名单: the archives in the latest public notice begun; @data is
 * the office's name. */
static UdPrintForm *
notice_list_build (UdDatabase  *db,
                   gpointer     data,
                   GError     **error)
{
  g_autoptr(UdPrintForm) form = g_new0 (UdPrintForm, 1);

  if ((form->document = ud_hardship_notice_list_build (db, NULL, NULL, &form->records, error)) == NULL)
    return NULL;
  form->title = g_strdup (_("Public Notice List"));
  form->subtitle = g_strdup (data);
  /* The list's own name, the same in every language. */
  form->file_name = g_strdup ("困难职工建档公示名单.pdf");

  return g_steal_pointer (&form);
}

static void
on_print_notice (GtkButton  *button,
                 UdDbWorker *worker)
{
  UdPrintPreview *preview = ud_print_preview_new_for_form (worker, notice_list_build,
                                                            g_strdup (ud_db_worker_get_office_name (worker)), g_free);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (preview));
}

/* The visits overdue: a window listing the archives whose next visit
 * was due before today, the longest overdue first; a row opens the
 * archive. */

static gpointer
overdue_job (UdDatabase   *db,
             gpointer      data,
             GCancellable *cancellable,
             GError      **error)
{
  return ud_hardship_store_overdue (db, data, error);
}

static void
on_overdue_activated (GtkListBox    *list,
                      GtkListBoxRow *row,
                      UdDbWorker    *worker)
{
  GtkWindow *editor = open_archive (worker, (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "ud-id")));

  gtk_window_set_transient_for (editor, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (list))));
  gtk_window_present (editor);
}

static void
overdue_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWidget) stack = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  GtkListBox *list = g_object_get_data (G_OBJECT (stack), "ud-list");
  AdwStatusPage *empty = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (GTK_STACK (stack), "empty"));

  overdue = ud_db_worker_run_finish (result, &error);
  if (overdue == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (empty, error->message);
          gtk_stack_set_visible_child_name (GTK_STACK (stack), "empty");
        }
      return;
    }

  for (guint i = 0; i < overdue->len; i++)
    {
      UdHardshipDue *due = g_ptr_array_index (overdue, i);
      GtkWidget *row = adw_action_row_new ();
      /* TRANSLATORS: the day a visit was due */
      g_autofree char *subtitle = g_strdup_printf (_("Visit due on %s"), due->due);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ud_record_get (due->archive, "member_name"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (ud_record_get (due->archive, "serial")));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "ud-id", GSIZE_TO_POINTER ((gsize) due->archive->id));
      gtk_list_box_append (list, row);
    }
  gtk_stack_set_visible_child_name (GTK_STACK (stack), overdue->len > 0 ? "list" : "empty");
}

static void
on_overdue (GtkButton  *button,
            UdDbWorker *worker)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  gtk_window_set_title (GTK_WINDOW (window), _("Overdue Visits"));
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 560);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_overdue_activated), worker, 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Visits Overdue"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Every archived household was visited within six months."));
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_spinner_start (GTK_SPINNER (spinner));

  g_object_set_data (G_OBJECT (stack), "ud-list", list);
  gtk_stack_add_named (GTK_STACK (stack), spinner, "loading");
  gtk_stack_add_named (GTK_STACK (stack), scroller, "list");
  gtk_stack_add_named (GTK_STACK (stack), empty, "empty");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "loading");
  gtk_widget_set_vexpand (stack, TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), stack);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  ud_db_worker_run_async (worker, overdue_job, g_date_time_format (now, "%Y-%m-%d"), g_free,
                          (GDestroyNotify) g_ptr_array_unref, NULL, overdue_done, g_object_ref (stack));
}

GtkWidget *
ud_hardship_section_new (UdDbWorker *worker)
{
  GtkWidget *section = ud_record_section_new (worker, &archives);
  GtkWidget *print = gtk_button_new_with_mnemonic (_("Print _Notice List…"));
  GtkWidget *overdue;

  gtk_widget_set_tooltip_text (print, _("The public notice list of the archives under notice, ID numbers masked"));
  gtk_widget_set_visible (print, ud_db_worker_may (worker, UD_PERMISSION_PRINT_FORMS));
  g_signal_connect_object (print, "clicked", G_CALLBACK (on_print_notice), worker, 0);
  gtk_box_append (ud_record_section_get_toolbar (UD_RECORD_SECTION (section)), print);

  overdue = gtk_button_new_with_mnemonic (_("Overdue _Visits…"));
  gtk_widget_set_tooltip_text (overdue, _("The archived households whose visit is overdue"));
  g_signal_connect_object (overdue, "clicked", G_CALLBACK (on_overdue), worker, 0);
  gtk_box_append (ud_record_section_get_toolbar (UD_RECORD_SECTION (section)), overdue);

  return section;
}
