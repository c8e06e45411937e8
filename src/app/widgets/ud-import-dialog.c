/* ud-import-dialog.c — importing a roster of any kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-import-dialog.h"
#include "ud-kind.h"
#include "ud-ui-util.h"

/* Reading the file, importing it and writing the rejected rows all run on
 * threads of their own, with a connection of their own (WAL lets the
 * member list keep reading meanwhile).  What the threads share with the
 * dialog lives in a reference-counted ImportJob, so the dialog may be
 * closed at any time: the threads only ever touch the job, and the
 * callbacks find the dialog through a weak reference.
 *
 * Importing is two runs of the core's import.  The first is a dry run:
 * what the file would add, reject and change in records already here,
 * field by field, which the "changes" page lists for the person to keep
 * the values here where they are right.  The second imports with those
 * choices and expects exactly what was shown (ud_import_expect ()): when
 * the records here changed in between (a sync), it writes nothing and the
 * changes are checked and shown again.
 */

#define PREVIEW_ROWS 20

typedef struct
{
  gatomicrefcount  ref_count;
  GWeakRef         dialog;
  UdImport        *import;
  UdImportReport  *shown;          /* the dry run the "changes" page shows */
  UdImportReport  *report;         /* the import's */
  gint             done;           /* atomic */
  gint             total;          /* atomic */
  gint             update_queued;  /* atomic */
} ImportJob;

struct _UdImportDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  AdwStatusPage   *choose_page;
  GtkLabel        *progress_title;
  GtkLabel        *changes_summary;
  GtkListView     *changes_view;
  GtkWidget       *changes_frame;
  GtkStack        *stack;
  GtkButton       *close_button;
  GtkButton       *import_button;
  GtkButton       *choose_again_button;
  GtkLabel        *choose_error;
  GtkSpinner      *reading_spinner;
  GtkLabel        *file_label;
  GtkLabel        *format_label;
  GtkLabel        *missing_label;
  GtkLabel        *preview_hint;
  GtkColumnView   *preview_view;
  GtkProgressBar  *progress_bar;
  GtkLabel        *imported_label;
  GtkLabel        *updated_label;
  GtkLabel        *unchanged_label;
  GtkLabel        *rejected_label;
  AdwActionRow    *rejected_row;
  GtkBox          *problems_box;
  GtkButton       *save_rejected_button;
  GtkColumnView   *problems_view;

  /* Owned */
  const UdKind    *kind;
  UdDbWorker      *worker;
  GArray          *entries;          /* ChangeEntry, the "changes" list */
  GArray          *kept;             /* gboolean per change shown: keep the value here */
  GPtrArray       *change_rows;      /* the list's rows (AdwActionRow), each bound or not */
  gboolean         syncing_checks;
  gboolean         must_review;      /* show the changes even when there are none */
  GSettings       *settings;
  ImportJob       *job;
  GFile           *file;
  GCancellable    *cancellable;      /* the dialog's lifetime */
  GCancellable    *run_cancellable;  /* the import in flight */
};

G_DEFINE_FINAL_TYPE (UdImportDialog, ud_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

enum {
  IMPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static ImportJob *
import_job_new (UdImportDialog *dialog,
                UdImport       *import)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  g_atomic_ref_count_init (&job->ref_count);
  g_weak_ref_init (&job->dialog, dialog);
  job->import = import;

  return job;
}

static ImportJob *
import_job_ref (ImportJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
import_job_unref (ImportJob *job)
{
  if (g_atomic_ref_count_dec (&job->ref_count))
    {
      g_weak_ref_clear (&job->dialog);
      g_clear_pointer (&job->report, ud_import_report_free);
      g_clear_pointer (&job->shown, ud_import_report_free);
      g_clear_pointer (&job->import, ud_import_free);
      g_free (job);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_unref)

/* A line of the "changes" list: a record already here (its title and
 * row, and a check keeping all its values) or one of its fields
 * (old → new, and a check keeping the value here). */
typedef struct
{
  guint change;   /* the record's first change, or the field's change */
  guint n;        /* a record: how many of its fields change; a field: 0 */
  guint record;   /* a field: the entry of its record */
} ChangeEntry;

static void
set_page (UdImportDialog *self,
          const char     *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
on_page_changed (UdImportDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean preview = g_strcmp0 (page, "preview") == 0;
  gboolean changes = g_strcmp0 (page, "changes") == 0;
  gboolean result = g_strcmp0 (page, "result") == 0;
  gboolean importing = g_strcmp0 (page, "importing") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->import_button), preview || changes);
  gtk_widget_set_visible (GTK_WIDGET (self->choose_again_button), preview);
  gtk_widget_set_sensitive (GTK_WIDGET (self->close_button), !importing);
  gtk_button_set_label (self->close_button, result ? _("_Close") : _("_Cancel"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.save-rejected",
                                 result && self->job != NULL && self->job->report != NULL &&
                                 self->job->report->rejected > 0);

  if (g_strcmp0 (page, "reading") == 0)
    gtk_spinner_start (self->reading_spinner);
  else
    gtk_spinner_stop (self->reading_spinner);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/* Tables ----------------------------------------------------------------- */

typedef const char *(*CellTextFunc) (UdImportDialog *self,
                                     guint           row,
                                     guint           column);

typedef struct
{
  UdImportDialog *self;   /* unowned: the dialog owns the column */
  CellTextFunc    text;
  guint           column;
  guint           width;   /* characters */
} TableColumn;

static void
table_cell_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  TableColumn              *info)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), MIN (info->width, 4));
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), info->width);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, cell);
}

static void
table_cell_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 TableColumn              *info)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  guint row = (guint)g_ascii_strtoull (gtk_string_object_get_string (item), NULL, 10);
  const char *text = info->text (info->self, row, info->column);

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  gtk_widget_set_tooltip_text (cell, text);
}

static void
table_clear (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }
  gtk_column_view_set_model (view, NULL);
}

static GtkColumnViewColumn *
table_add_column (UdImportDialog *self,
                  GtkColumnView  *view,
                  const char     *title,
                  CellTextFunc    text,
                  guint           column,
                  guint           width)
{
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  TableColumn *info = g_new0 (TableColumn, 1);

  info->self = self;
  info->text = text;
  info->column = column;
  info->width = MAX (width, 2);

  g_signal_connect (factory, "setup", G_CALLBACK (table_cell_setup), info);
  g_signal_connect_data (factory, "bind", G_CALLBACK (table_cell_bind), info,
                         (GClosureNotify)(void (*) (void))g_free, 0);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (view, view_column);

  return view_column;
}

static void
table_set_rows (GtkColumnView *view,
                guint          n_rows)
{
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  GtkSelectionModel *selection;

  for (guint i = 0; i < n_rows; i++)
    {
      char number[16];

      g_snprintf (number, sizeof number, "%u", i);
      gtk_string_list_append (rows, number);
    }

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows))));
  gtk_column_view_set_model (view, selection);
  g_object_unref (selection);
}

static const char *
preview_cell_text (UdImportDialog *self,
                   guint           row,
                   guint           column)
{
  if (self->job == NULL || self->job->import == NULL)
    return NULL;

  return ud_import_get_cell (self->job->import, row, column);
}

static const UdImportError *
problem_at (UdImportDialog *self,
            guint           row)
{
  if (self->job == NULL || self->job->report == NULL || row >= self->job->report->errors->len)
    return NULL;

  return g_ptr_array_index (self->job->report->errors, row);
}

static const char *
problem_row_text (UdImportDialog *self,
                  guint           row,
                  guint           column)
{
  const UdImportError *problem = problem_at (self, row);
  static char number[16];

  if (problem == NULL)
    return NULL;

  g_snprintf (number, sizeof number, "%u", problem->row);
  return number;
}

static const char *
problem_column_text (UdImportDialog *self,
                     guint           row,
                     guint           column)
{
  const UdImportError *problem = problem_at (self, row);

  return problem != NULL ? problem->column : NULL;
}

static const char *
problem_outcome_text (UdImportDialog *self,
                      guint           row,
                      guint           column)
{
  const UdImportError *problem = problem_at (self, row);

  if (problem == NULL)
    return NULL;

  return problem->warning ? _("Imported, please check") : _("Rejected");
}

static const char *
problem_message_text (UdImportDialog *self,
                      guint           row,
                      guint           column)
{
  const UdImportError *problem = problem_at (self, row);

  return problem != NULL ? problem->message : NULL;
}

static guint
preview_width (const UdField *field)
{
  if (field == NULL)
    return 8;

  /* Names and units are Chinese: two columns a character. */
  if (field->type == UD_FIELD_TEXT || field->type == UD_FIELD_REFERENCE)
    return MIN (field->width_chars * 2, 24);

  return field->width_chars + 2;
}

static void
show_preview (UdImportDialog *self)
{
  UdImport *import = self->job->import;
  g_autoptr(GPtrArray) missing = NULL;
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *count = NULL;
  g_autofree char *format = NULL;
  g_autofree char *hint = NULL;
  guint n_rows = ud_import_get_n_rows (import);
  guint n_columns = ud_import_get_n_columns (import);

  gtk_label_set_label (self->file_label, basename);

  count = ud_format_count (n_rows);
  /* Translators: the detected format and encoding, e.g. "CSV (GB18030)",
   * then the number of data rows */
  format = g_strdup_printf (ngettext ("%s · %s data row", "%s · %s data rows", n_rows),
                            ud_import_get_format_label (import), count);
  gtk_label_set_label (self->format_label, format);

  missing = ud_import_get_missing_fields (import);
  if (missing != NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; i < missing->len; i++)
        {
          if (i > 0)
            g_string_append (names, _(", "));
          g_string_append (names, g_ptr_array_index (missing, i));
        }
      text = g_strdup_printf (_("The file has no column for %s, which is required. Add the column to the file and choose it again."),
                              names->str);
      gtk_label_set_label (self->missing_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), missing != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", missing == NULL && n_rows > 0);

  table_clear (self->preview_view);
  for (guint c = 0; c < n_columns; c++)
    {
      const UdField *field = ud_import_get_column_field (import, c);
      g_autofree char *title = NULL;

      /* Translators: a column header of the file → what it is imported as */
      title = g_strdup_printf (_("%s → %s"), ud_import_get_header (import, c),
                               field != NULL ? _(field->label) : _("Ignored"));
      table_add_column (self, self->preview_view, title, preview_cell_text, c,
                        preview_width (field));
    }
  table_set_rows (self->preview_view, MIN (n_rows, PREVIEW_ROWS));

  hint = g_strdup_printf (ngettext ("The first row of the file is shown. Columns marked “Ignored” are not imported.",
                                    "The first %u rows of the file are shown. Columns marked “Ignored” are not imported.",
                                    MIN (n_rows, PREVIEW_ROWS)),
                          MIN (n_rows, PREVIEW_ROWS));
  gtk_label_set_label (self->preview_hint, hint);

  set_page (self, "preview");
}

static void
show_result (UdImportDialog *self)
{
  const UdImportReport *report = self->job->report;
  g_autofree char *imported = ud_format_count (report->imported);
  g_autofree char *updated = ud_format_count (report->updated);
  g_autofree char *unchanged = ud_format_count (report->unchanged);
  g_autofree char *rejected = ud_format_count (report->rejected);

  gtk_label_set_label (self->imported_label, imported);
  gtk_label_set_label (self->updated_label, updated);
  gtk_label_set_label (self->unchanged_label, unchanged);
  gtk_label_set_label (self->rejected_label, rejected);
  if (report->rejected > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->rejected_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->rejected_label), "error");

  gtk_widget_set_visible (GTK_WIDGET (self->problems_box), report->errors->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->save_rejected_button), report->rejected > 0);

  table_clear (self->problems_view);
  table_add_column (self, self->problems_view, _("Row"), problem_row_text, 0, 4);
  table_add_column (self, self->problems_view, _("Column"), problem_column_text, 0, 8);
  table_add_column (self, self->problems_view, _("Outcome"), problem_outcome_text, 0, 16);
  gtk_column_view_column_set_expand (table_add_column (self, self->problems_view, _("Problem"),
                                                       problem_message_text, 0, 40),
                                     TRUE);
  table_set_rows (self->problems_view, report->errors->len);

  adw_window_title_set_title (self->window_title, _("Import Finished"));
  set_page (self, "result");
}

/* What the file changes ------------------------------------------------- */

static const UdImportChange *
shown_change (UdImportDialog *self,
              guint           index)
{
  return g_ptr_array_index (self->job->shown->changes, index);
}

static gboolean
change_kept (UdImportDialog *self,
             guint           index)
{
  return g_array_index (self->kept, gboolean, index);
}

/* The check of @row as the choices say: a record's is ticked when all its
 * values here are kept, half when some are. */
static void
sync_row_check (UdImportDialog *self,
                GtkWidget      *row)
{
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "ud-check");
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ud-entry"));
  const ChangeEntry *entry;
  guint n_kept = 0;

  if (position == 0 || self->entries == NULL || position > self->entries->len)
    return;
  entry = &g_array_index (self->entries, ChangeEntry, position - 1);

  self->syncing_checks = TRUE;
  if (entry->n == 0)
    {
      gtk_check_button_set_inconsistent (check, FALSE);
      gtk_check_button_set_active (check, change_kept (self, entry->change));
    }
  else
    {
      for (guint i = 0; i < entry->n; i++)
        n_kept += change_kept (self, entry->change + i) ? 1 : 0;
      gtk_check_button_set_active (check, n_kept == entry->n);
      gtk_check_button_set_inconsistent (check, n_kept > 0 && n_kept < entry->n);
    }
  self->syncing_checks = FALSE;
}

/* Keeps the value here of the field at @position of the list, or every
 * value of the record there, or not (@keep). */
static void
keep_entry (UdImportDialog *self,
            guint           position,
            gboolean        keep)
{
  const ChangeEntry *entry;

  if (self->entries == NULL || position >= self->entries->len)
    return;
  entry = &g_array_index (self->entries, ChangeEntry, position);

  if (entry->n == 0)
    g_array_index (self->kept, gboolean, entry->change) = keep;
  else
    for (guint i = 0; i < entry->n; i++)
      g_array_index (self->kept, gboolean, entry->change + i) = keep;

  /* The record's check and its fields' follow. */
  for (guint i = 0; i < self->change_rows->len; i++)
    sync_row_check (self, g_ptr_array_index (self->change_rows, i));
}

static void
on_keep_toggled (GtkCheckButton *check,
                 GParamSpec     *pspec,
                 UdImportDialog *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (check), "ud-row");
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ud-entry"));

  if (!self->syncing_checks && position > 0)
    keep_entry (self, position - 1, gtk_check_button_get_active (check));
}

/* A row of a list view is not in a GtkListBox, which is what activates
 * an AdwActionRow's check: activating the row (the keyboard, a click on
 * it) toggles its check here. */
static void
toggle_entry (UdImportDialog *self,
              guint           position)
{
  for (guint i = 0; i < self->change_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->change_rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "ud-check");

      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ud-entry")) == position + 1)
        {
          /* A record half kept is kept whole. */
          keep_entry (self, position,
                      !gtk_check_button_get_active (check) || gtk_check_button_get_inconsistent (check));
          return;
        }
    }
}

static void
on_change_row_activate (GtkWidget      *row,
                        UdImportDialog *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ud-entry"));

  if (position > 0)
    toggle_entry (self, position - 1);
}

static void
on_changes_activate (GtkListView    *view,
                     guint           position,
                     UdImportDialog *self)
{
  toggle_entry (self, position);
}

static void
change_row_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  UdImportDialog           *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (row, "activate", G_CALLBACK (on_change_row_activate), self, 0);
  g_object_set_data (G_OBJECT (row), "ud-check", check);
  g_object_set_data (G_OBJECT (check), "ud-row", row);
  g_signal_connect_object (check, "notify::active", G_CALLBACK (on_keep_toggled), self, 0);

  gtk_list_item_set_child (list_item, row);
  g_ptr_array_add (self->change_rows, row);
}

static void
change_row_teardown (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     UdImportDialog           *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  if (row != NULL && self->change_rows != NULL)
    g_ptr_array_remove_fast (self->change_rows, row);
}

static char *
shown_value (const UdField *field,
             const char    *value)
{
  if (value == NULL || *value == '\0')
    return g_strdup (_("(empty)"));

  /* The person decides between the two: shown whole, as the editor shows
   * them to those who may import. */
  return ud_field_display (field, value, FALSE);
}

static void
change_row_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 UdImportDialog           *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "ud-check");
  guint position = gtk_list_item_get_position (list_item);
  const ChangeEntry *entry = &g_array_index (self->entries, ChangeEntry, position);
  const UdImportChange *change = shown_change (self, entry->change);
  g_autofree char *subtitle = NULL;

  g_object_set_data (G_OBJECT (row), "ud-entry", GUINT_TO_POINTER (position + 1));
  if (entry->n > 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->title);
      /* Translators: where a record already here is in the file, and how
       * many of its fields the file changes */
      subtitle = g_strdup_printf (ngettext ("Row %u of the file · %u field changes",
                                            "Row %u of the file · %u fields change", entry->n),
                                  change->row, entry->n);
      gtk_check_button_set_label (check, _("Keep all values here"));
      gtk_widget_set_margin_start (row, 0);
      gtk_widget_add_css_class (row, "ud-import-record");
    }
  else
    {
      g_autofree char *old_text = shown_value (change->field, change->old_value);
      g_autofree char *new_text = shown_value (change->field, change->new_value);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(change->field->label));
      /* Translators: the value here → the value in the file */
      subtitle = g_strdup_printf (_("%s → %s"), old_text, new_text);
      gtk_check_button_set_label (check, _("Keep the value here"));
      gtk_widget_set_margin_start (row, 24);
      gtk_widget_remove_css_class (row, "ud-import-record");
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  sync_row_check (self, row);
}

static void
change_row_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   UdImportDialog           *self)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "ud-entry", NULL);
}

static void
show_changes (UdImportDialog *self)
{
  const UdImportReport *shown = self->job->shown;
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_autoptr(GtkSelectionModel) selection = NULL;
  g_autofree char *added = ud_format_count (shown->imported);
  g_autofree char *updated = ud_format_count (shown->updated);
  g_autofree char *unchanged = ud_format_count (shown->unchanged);
  g_autofree char *rejected = ud_format_count (shown->rejected);
  g_autofree char *summary = NULL;
  guint n_records = 0;

  g_array_set_size (self->entries, 0);
  g_array_set_size (self->kept, shown->changes->len);
  for (guint i = 0; i < shown->changes->len; i++)
    {
      const UdImportChange *change = shown_change (self, i);
      ChangeEntry record = { i, 0, 0 };
      guint record_entry = self->entries->len;

      /* The changes of one record follow each other, in field order. */
      g_array_index (self->kept, gboolean, i) = FALSE;
      if (i > 0 && shown_change (self, i - 1)->row == change->row)
        continue;
      while (i + record.n < shown->changes->len && shown_change (self, i + record.n)->row == change->row)
        record.n++;
      g_array_append_val (self->entries, record);
      for (guint f = 0; f < record.n; f++)
        {
          ChangeEntry field = { i + f, 0, record_entry };

          g_array_append_val (self->entries, field);
        }
      n_records++;
    }

  for (guint i = 0; i < self->entries->len; i++)
    gtk_string_list_append (items, "");
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&items))));
  gtk_list_view_set_model (self->changes_view, selection);

  /* Translators: what the file would do: records added, records already
   * here that change, records already here that stay as they are, rows
   * refused */
  summary = g_strdup_printf (ngettext ("%s to add · %s already here to update · %s up to date · %s row rejected",
                                       "%s to add · %s already here to update · %s up to date · %s rows rejected",
                                       shown->rejected),
                             added, updated, unchanged, rejected);
  gtk_label_set_label (self->changes_summary, summary);
  gtk_widget_set_visible (self->changes_frame, n_records > 0);

  set_page (self, "changes");
}

/* Tells the import what the person kept and what they saw. */
static void
apply_choices (UdImportDialog *self)
{
  ImportJob *job = self->job;

  ud_import_forget_kept (job->import);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const ChangeEntry *entry = &g_array_index (self->entries, ChangeEntry, i);
      const UdImportChange *change = shown_change (self, entry->change);
      guint n_kept = 0;

      if (entry->n == 0)
        continue;
      for (guint f = 0; f < entry->n; f++)
        n_kept += change_kept (self, entry->change + f) ? 1 : 0;
      if (n_kept == entry->n)
        ud_import_keep_field (job->import, change->row, NULL);
      else
        for (guint f = 0; f < entry->n; f++)
          if (change_kept (self, entry->change + f))
            ud_import_keep_field (job->import, change->row, shown_change (self, entry->change + f)->field->name);
    }
  ud_import_expect (job->import, job->shown);
}

/* Reading ---------------------------------------------------------------- */

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  UdImport *import;

  import = ud_import_new_from_file (g_object_get_data (G_OBJECT (task), "ud-kind"), path, cancellable, &error);
  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, (GDestroyNotify)ud_import_free);
}

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdImportDialog *self;
  UdImport *import;

  import = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_IMPORT_DIALOG (user_data);
  if (import == NULL)
    {
      gtk_label_set_label (self->choose_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->choose_error), TRUE);
      set_page (self, "choose");
      return;
    }

  g_clear_pointer (&self->job, import_job_unref);
  self->job = import_job_new (self, import);
  show_preview (self);
}

/* Importing -------------------------------------------------------------- */

static gboolean
progress_idle (gpointer data)
{
  ImportJob *job = data;
  g_autoptr(UdImportDialog) self = g_weak_ref_get (&job->dialog);
  guint done;
  guint total;

  g_atomic_int_set (&job->update_queued, 0);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  done = (guint)g_atomic_int_get (&job->done);
  total = (guint)g_atomic_int_get (&job->total);

  if (total > 0)
    {
      g_autofree char *done_text = ud_format_count (done);
      g_autofree char *total_text = ud_format_count (total);
      g_autofree char *text = NULL;

      /* Translators: "12,000 of 100,000 rows" */
      text = g_strdup_printf (ngettext ("%s of %s row", "%s of %s rows", total), done_text, total_text);
      gtk_progress_bar_set_fraction (self->progress_bar, (double)done / total);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }

  return G_SOURCE_REMOVE;
}

static void
import_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  ImportJob *job = user_data;

  g_atomic_int_set (&job->done, (gint)done);
  g_atomic_int_set (&job->total, (gint)total);

  /* One update queued at a time; it holds the job. */
  if (g_atomic_int_compare_and_exchange (&job->update_queued, 0, 1))
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT_IDLE, progress_idle,
                                import_job_ref (job), (GDestroyNotify)import_job_unref);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ImportJob *job = task_data;
  UdDbWorker *worker = g_object_get_data (G_OBJECT (task), "ud-worker");
  gboolean dry_run = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "ud-dry-run"));
  g_autoptr(UdDatabase) db = NULL;
  GError *error = NULL;
  UdImportReport *report;

  db = ud_db_worker_open_connection (worker, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  report = ud_import_run (job->import, db, dry_run, import_progress, job, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify)ud_import_report_free);
}

static void start_run (UdImportDialog *self,
                       gboolean        dry_run);

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(UdImportDialog) self = g_weak_ref_get (&job->dialog);
  g_autoptr(GError) error = NULL;
  UdImportReport *report;

  report = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL)
    {
      g_clear_pointer (&report, ud_import_report_free);
      return;
    }

  g_clear_object (&self->run_cancellable);

  if (report == NULL)
    {
      const char *message = error->message;

      /* Not what the person saw: nothing was written; they see it anew. */
      if (g_error_matches (error, UD_IMPORT_ERROR, UD_IMPORT_ERROR_CHANGED))
        {
          ud_widget_show_message (GTK_WIDGET (self->toast_overlay), message);
          self->must_review = TRUE;
          start_run (self, TRUE);
          return;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = _("Import cancelled: nothing was imported.");

      ud_widget_show_message (GTK_WIDGET (self->toast_overlay), message);
      show_preview (self);
      return;
    }

  if (report->dry_run)
    {
      g_clear_pointer (&job->shown, ud_import_report_free);
      job->shown = report;
      /* Nothing here would change: nothing to choose. */
      if (report->changes->len == 0 && !self->must_review)
        {
          g_array_set_size (self->entries, 0);
          start_run (self, FALSE);
          return;
        }
      self->must_review = FALSE;
      show_changes (self);
      return;
    }

  g_clear_pointer (&job->report, ud_import_report_free);
  job->report = report;
  show_result (self);

  g_signal_emit (self, signals[IMPORTED], 0);
  ud_db_worker_notify_records_changed (self->worker, self->kind->name);
}

/* Rejected rows ---------------------------------------------------------- */

static void
write_rejected_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ImportJob *job = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "ud-path");
  GError *error = NULL;

  if (!ud_import_write_rejected_csv (job->import, job->report, path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_rejected_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(UdImportDialog) self = g_weak_ref_get (&job->dialog);
  g_autoptr(GError) error = NULL;
  const char *path = g_object_get_data (G_OBJECT (result), "ud-path");
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self != NULL)
        ud_widget_show_message (GTK_WIDGET (self->toast_overlay), error->message);
      return;
    }

  if (self == NULL)
    return;

  message = g_strdup_printf (_("Rejected rows saved to “%s”"), name);
  ud_widget_show_message (GTK_WIDGET (self->toast_overlay), message);
}

static void
on_save_rejected_response (GtkNativeDialog *chooser,
                           int              response,
                           UdImportDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file != NULL)
    ud_import_dialog_save_rejected (self, file);
}

/* Actions ---------------------------------------------------------------- */

static void
on_choose_response (GtkNativeDialog *chooser,
                    int              response,
                    UdImportDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file != NULL)
    ud_import_dialog_load_file (self, file);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char * const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UdImportDialog *self = UD_IMPORT_DIALOG (widget);
  static const char * const rosters[] = { "*.csv", "*.CSV", "*.xlsx", "*.XLSX", NULL };
  static const char * const csv[] = { "*.csv", "*.CSV", NULL };
  static const char * const xlsx[] = { "*.xlsx", "*.XLSX", NULL };
  g_autofree char *folder = g_settings_get_string (self->settings, "last-import-folder");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a Roster"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  add_filter (GTK_FILE_CHOOSER (chooser), _("Rosters (CSV, Excel)"), rosters);
  add_filter (GTK_FILE_CHOOSER (chooser), _("CSV files"), csv);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Excel workbooks (.xlsx)"), xlsx);

  if (folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, NULL);
    }

  /* Not in the live database's folder (ud-ui-util.h). */
  ud_file_chooser_start_elsewhere (GTK_FILE_CHOOSER (chooser));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_choose_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ud_import_dialog_run (UD_IMPORT_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ud_import_dialog_cancel (UD_IMPORT_DIALOG (widget));
}

static void
save_rejected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  UdImportDialog *self = UD_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *basename = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  char *dot;

  if (self->job == NULL || self->job->report == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Save Rejected Rows"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  basename = g_file_get_basename (self->file);
  stem = g_strdup (basename);
  dot = strrchr (stem, '.');
  if (dot != NULL)
    *dot = '\0';
  /* Translators: the file name for the rejected rows of "%s.csv" */
  name = g_strdup_printf (_("%s (rejected rows).csv"), stem);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, NULL);
    }

  ud_file_chooser_start_elsewhere (GTK_FILE_CHOOSER (chooser));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_rejected_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject ---------------------------------------------------------------- */

static gboolean
ud_import_dialog_close_request (GtkWindow *window)
{
  UdImportDialog *self = UD_IMPORT_DIALOG (window);

  /* Closing while importing stops the import: nothing is written. */
  g_cancellable_cancel (self->run_cancellable);

  return GTK_WINDOW_CLASS (ud_import_dialog_parent_class)->close_request (window);
}

static void
ud_import_dialog_dispose (GObject *object)
{
  UdImportDialog *self = (UdImportDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->run_cancellable);

  if (self->preview_view != NULL)
    table_clear (self->preview_view);
  if (self->changes_view != NULL)
    gtk_list_view_set_model (self->changes_view, NULL);
  if (self->problems_view != NULL)
    table_clear (self->problems_view);

  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_IMPORT_DIALOG);

  g_clear_object (&self->worker);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ud_import_dialog_parent_class)->dispose (object);
}

static void
ud_import_dialog_finalize (GObject *object)
{
  UdImportDialog *self = (UdImportDialog *)object;

  g_clear_pointer (&self->job, import_job_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->kept, g_array_unref);
  g_clear_pointer (&self->change_rows, g_ptr_array_unref);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->run_cancellable);

  G_OBJECT_CLASS (ud_import_dialog_parent_class)->finalize (object);
}

static void
ud_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  UdImportDialog *self = UD_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, ud_import_dialog_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_import_dialog_class_init (UdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ud_import_dialog_dispose;
  object_class->finalize = ud_import_dialog_finalize;
  object_class->get_property = ud_import_dialog_get_property;

  window_class->close_request = ud_import_dialog_close_request;

  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UdImportDialog::imported:
   *
   * The roster was imported (the worker's "records-changed" says so too).
   */
  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/widgets/ud-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, choose_page);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, progress_title);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, changes_summary);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, changes_view);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, changes_frame);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, choose_again_button);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, choose_error);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, reading_spinner);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, format_label);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, missing_label);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, preview_hint);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, imported_label);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, updated_label);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, unchanged_label);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, rejected_label);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, rejected_row);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, problems_box);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, save_rejected_button);
  gtk_widget_class_bind_template_child (widget_class, UdImportDialog, problems_view);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.save-rejected", NULL, save_rejected_action);
}

static void
ud_import_dialog_init (UdImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->entries = g_array_new (FALSE, TRUE, sizeof (ChangeEntry));
  self->kept = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->change_rows = g_ptr_array_new ();

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (change_row_setup), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (change_row_teardown), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (change_row_bind), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (change_row_unbind), self, 0);
  gtk_list_view_set_factory (self->changes_view, factory);
  gtk_list_view_set_single_click_activate (self->changes_view, TRUE);
  g_signal_connect_object (self->changes_view, "activate", G_CALLBACK (on_changes_activate), self, 0);

  on_page_changed (self);
}

/* What the file should hold and how a record already here is found, in
 * the words of @kind: its CSV headers and its natural keys. */
static void
describe_kind (UdImportDialog *self)
{
  const UdKind *kind = self->kind;
  g_autoptr(GString) headers = g_string_new (NULL);
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  guint n_headers = 0;

  for (guint i = 0; i < kind->n_fields && n_headers < 10; i++)
    {
      const UdField *field = &kind->fields[i];

      if ((field->flags & UD_FIELD_CSV) == 0 || (field->flags & UD_FIELD_DERIVED) || field->csv_header == NULL)
        continue;
      if (n_headers++ > 0)
        g_string_append (headers, _(", "));
      g_string_append (headers, field->csv_header);
    }
  for (guint i = 0; kind->natural_keys != NULL && kind->natural_keys[i] != NULL; i++)
    {
      if (i > 0)
        /* Translators: between the fields that identify a record, "ID number or name" */
        g_string_append (keys, _(" or "));
      g_string_append (keys, ud_kind_get_field_label (kind, kind->natural_keys[i]));
    }

  /* Translators: %s is the kind of record, "Member" or "Unit" */
  title = g_strdup_printf (_("Import %s Roster"), _(kind->label));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_status_page_set_title (self->choose_page, title);

  if (keys->len > 0)
    /* Translators: the headers a roster has, then the fields that find a
     * record already here */
    description = g_strdup_printf (_("A CSV file (UTF-8 or GB18030) or an Excel workbook (.xlsx) with a header row such as %s. A record whose %s is already here is updated; you see what would change before anything is written."),
                                   headers->str, keys->str);
  else
    description = g_strdup_printf (_("A CSV file (UTF-8 or GB18030) or an Excel workbook (.xlsx) with a header row such as %s."),
                                   headers->str);
  adw_status_page_set_description (self->choose_page, description);
}

UdImportDialog *
ud_import_dialog_new (UdDbWorker   *worker,
                      const UdKind *kind)
{
  UdImportDialog *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (kind != NULL && (kind->flags & UD_KIND_ROSTER), NULL);

  self = g_object_new (UD_TYPE_IMPORT_DIALOG, NULL);
  self->worker = g_object_ref (worker);
  self->kind = kind;
  describe_kind (self);

  return self;
}

void
ud_import_dialog_load_file (UdImportDialog *self,
                            GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) parent = NULL;
  char *path;

  g_return_if_fail (UD_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      gtk_label_set_label (self->choose_error, _("Only files on this computer can be imported."));
      gtk_widget_set_visible (GTK_WIDGET (self->choose_error), TRUE);
      set_page (self, "choose");
      return;
    }

  g_set_object (&self->file, file);
  gtk_widget_set_visible (GTK_WIDGET (self->choose_error), FALSE);

  parent = g_file_get_parent (file);
  if (parent != NULL)
    {
      g_autofree char *folder = g_file_get_path (parent);

      if (folder != NULL)
        g_settings_set_string (self->settings, "last-import-folder", folder);
    }

  set_page (self, "reading");

  task = g_task_new (NULL, self->cancellable, read_done, self);
  g_task_set_source_tag (task, ud_import_dialog_load_file);
  g_object_set_data (G_OBJECT (task), "ud-kind", (gpointer) self->kind);
  g_task_set_task_data (task, path, g_free);
  g_task_run_in_thread (task, read_thread);
}

/* A dry run checks the file and says what it would change; the import
 * itself imports what the person kept of that, and nothing else. */
static void
start_run (UdImportDialog *self,
           gboolean        dry_run)
{
  g_autoptr(GTask) task = NULL;

  /* The thread owns the import until it is done: the choices go in now. */
  if (dry_run)
    {
      ud_import_forget_kept (self->job->import);
      ud_import_expect (self->job->import, NULL);
    }
  else
    apply_choices (self);

  table_clear (self->preview_view);
  gtk_list_view_set_model (self->changes_view, NULL);
  g_clear_pointer (&self->job->report, ud_import_report_free);
  gtk_label_set_label (self->progress_title, dry_run ? _("Checking the File…") : _("Importing…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Checking the rows…"));
  set_page (self, "importing");

  self->run_cancellable = g_cancellable_new ();

  task = g_task_new (NULL, self->run_cancellable, run_done, NULL);
  g_task_set_source_tag (task, start_run);
  g_task_set_task_data (task, import_job_ref (self->job), (GDestroyNotify)import_job_unref);
  g_object_set_data_full (G_OBJECT (task), "ud-worker", g_object_ref (self->worker), g_object_unref);
  g_object_set_data (G_OBJECT (task), "ud-dry-run", GINT_TO_POINTER (dry_run));
  g_task_run_in_thread (task, run_thread);
}

gboolean
ud_import_dialog_run (UdImportDialog *self)
{
  g_autoptr(GPtrArray) missing = NULL;

  g_return_val_if_fail (UD_IS_IMPORT_DIALOG (self), FALSE);

  if (self->job == NULL || self->run_cancellable != NULL)
    return FALSE;

  missing = ud_import_get_missing_fields (self->job->import);
  if (missing != NULL || ud_import_get_n_rows (self->job->import) == 0)
    return FALSE;

  /* From the preview, the check comes first; from the changes, the
   * import itself. */
  start_run (self, g_strcmp0 (ud_import_dialog_get_page (self), "changes") != 0);

  return TRUE;
}

void
ud_import_dialog_cancel (UdImportDialog *self)
{
  g_return_if_fail (UD_IS_IMPORT_DIALOG (self));

  g_cancellable_cancel (self->run_cancellable);
}

const char *
ud_import_dialog_get_page (UdImportDialog *self)
{
  g_return_val_if_fail (UD_IS_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const UdImportReport *
ud_import_dialog_get_report (UdImportDialog *self)
{
  g_return_val_if_fail (UD_IS_IMPORT_DIALOG (self), NULL);

  return self->job != NULL ? self->job->report : NULL;
}

/**
 * ud_import_dialog_save_rejected:
 * @file: where to write the rejected rows (CSV)
 *
 * Writes the rows the import rejected, as they were in the file, with
 * their row number and reason, on a thread.
 */
void
ud_import_dialog_save_rejected (UdImportDialog *self,
                                GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  char *path;

  g_return_if_fail (UD_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->job == NULL || self->job->report == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self->toast_overlay),
                              _("The rejected rows can only be saved to a file on this computer."));
      return;
    }

  task = g_task_new (NULL, self->cancellable, write_rejected_done, NULL);
  g_task_set_source_tag (task, ud_import_dialog_save_rejected);
  g_task_set_task_data (task, import_job_ref (self->job), (GDestroyNotify)import_job_unref);
  g_object_set_data_full (G_OBJECT (task), "ud-path", path, g_free);
  g_task_run_in_thread (task, write_rejected_thread);
}
