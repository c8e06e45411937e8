/* ud-overview.c — the Overview section (概览)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-overview.h"
#include "ud-chart-view.h"
#include "ud-print-preview.h"
#include "ud-record-table.h"
#include "ud-ui-util.h"

struct _UdOverview
{
  AdwBin          parent_instance;

  UdDbWorker     *worker;
  GCancellable   *cancellable;
  UdReport       *report;
  GtkWidget      *content;     /* the figures, rebuilt when read again */
  GtkWidget      *clamp;
  GtkWidget      *spinner;
  GtkWidget      *title;
  guint           reload_id;
  gboolean        reading;
  gboolean        again;       /* records changed while reading */
};

G_DEFINE_FINAL_TYPE (UdOverview, ud_overview, ADW_TYPE_BIN)

/* ---- the list behind a figure ---- */

static void
on_export_clicked (GtkButton     *button,
                   UdRecordTable *table)
{
  const char *title = g_object_get_data (G_OBJECT (button), "ud-title");

  /* The list's title is the file's name; the chooser adds .csv. */
  /* TRANSLATORS: the title of the file chooser exporting a list */
  ud_record_table_choose_export (table, _("Export the List"), title);
}

static void
open_list (UdOverview         *self,
           const char         *title,
           const char         *subtitle,
           const UdReportLink *link,
           gboolean            last_year)
{
  g_autoptr(UdReportLink) resolved = ud_report_link_resolve (self->report, link, last_year);
  const UdKind *kind = ud_kind_lookup (resolved->kind);
  GtkWidget *window, *box, *header, *table;
  AdwWindowTitle *window_title;
  GtkRoot *root;

  if (kind == NULL)
    return;

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  window_title = ADW_WINDOW_TITLE (adw_window_title_new (title, subtitle));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (window_title));
  gtk_box_append (GTK_BOX (box), header);

  table = ud_record_table_new (self->worker, kind);
  gtk_widget_set_vexpand (table, TRUE);
  for (guint i = 0; i < resolved->n_filters; i++)
    ud_record_table_add_fixed_condition (UD_RECORD_TABLE (table), &resolved->filters[i]);
  gtk_box_append (GTK_BOX (box), table);

  /* The list as shown, to a spreadsheet: masked and audited by the core. */
  if (ud_db_worker_may (self->worker, (kind->flags & UD_KIND_ROSTER) ? kind->export_permission : kind->view_permission))
    {
      GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export…"));

      g_object_set_data_full (G_OBJECT (export), "ud-title", g_strdup (title), g_free);
      g_signal_connect (export, "clicked", G_CALLBACK (on_export_clicked), table);
      adw_header_bar_pack_start (ADW_HEADER_BAR (header), export);
    }
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

typedef struct
{
  UdOverview         *self;     /* unowned: the button is the overview's */
  char               *title;
  char               *subtitle;
  const UdReportLink *link;     /* the report's, kept while the button lives */
  gboolean            last_year;
} FigureLink;

static void
figure_link_free (gpointer data)
{
  FigureLink *link = data;

  g_free (link->title);
  g_free (link->subtitle);
  g_free (link);
}

static void
on_figure_clicked (GtkButton  *button,
                   FigureLink *link)
{
  open_list (link->self, link->title, link->subtitle, link->link, link->last_year);
}

/* ---- building the page ---- */

static GtkWidget *
heading_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption-heading");

  return label;
}

static GtkWidget *
table_widget (UdOverview          *self,
              const UdReportTable *table)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *grid = gtk_grid_new ();
  guint rows = table->rows->len;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), table->title);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 8);
  gtk_widget_set_margin_bottom (grid, 8);
  for (guint c = 0; c < table->n_columns; c++)
    {
      GtkWidget *heading = heading_label (table->columns[c]);

      gtk_widget_set_hexpand (heading, TRUE);
      gtk_grid_attach (GTK_GRID (grid), heading, (int) c + 1, 0, 1, 1);
    }

  for (guint r = 0; r <= rows; r++)
    {
      const UdReportRow *row = r < rows ? g_ptr_array_index (table->rows, r) : NULL;
      GtkWidget *name;

      if (row == NULL && !table->has_total)
        break;
      /* TRANSLATORS: the total row of a table of figures */
      name = gtk_label_new (row != NULL ? row->label : C_("report table", "Total"));
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      if (row == NULL)
        gtk_widget_add_css_class (name, "heading");
      gtk_grid_attach (GTK_GRID (grid), name, 0, (int) r + 1, 1, 1);

      for (guint c = 0; c < table->n_columns; c++)
        {
          gint64 value = row != NULL ? row->values[c] : ud_report_table_total (table, c);
          g_autofree char *text = ud_report_format_value (table->units[c], value);
          GtkWidget *cell;

          if (row != NULL && row->links[c] != NULL)
            {
              FigureLink *link = g_new0 (FigureLink, 1);
              /* TRANSLATORS: what a figure is, for its tooltip and its list's title: "Active, End of the period" */
              g_autofree char *what = g_strdup_printf (_("%s, %s"), row->label, table->columns[c]);

              cell = gtk_button_new_with_label (text);
              gtk_widget_add_css_class (cell, "flat");
              gtk_widget_set_halign (cell, GTK_ALIGN_END);
              gtk_widget_set_tooltip_text (cell, what);
              link->self = self;
              link->title = g_strdup (what);
              link->subtitle = g_strdup (table->title);
              link->link = row->links[c];
              link->last_year = table->last_year[c];
              g_signal_connect_data (cell, "clicked", G_CALLBACK (on_figure_clicked), link,
                                     (GClosureNotify) (void (*) (void)) figure_link_free, 0);
            }
          else
            {
              cell = gtk_label_new (text);
              gtk_label_set_xalign (GTK_LABEL (cell), 1);
              gtk_widget_set_margin_end (cell, 10);
              if (row == NULL)
                gtk_widget_add_css_class (cell, "heading");
            }
          gtk_widget_add_css_class (cell, "numeric");
          gtk_grid_attach (GTK_GRID (grid), cell, (int) c + 1, (int) r + 1, 1, 1);
        }
    }

  gtk_frame_set_child (GTK_FRAME (frame), grid);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);

  return group;
}

typedef struct
{
  UdOverview         *self;
  char               *text;
  const UdReportLink *link;
} WorkLink;

static void
work_link_free (gpointer data)
{
  WorkLink *link = data;

  g_free (link->text);
  g_free (link);
}

static void
on_work_activated (AdwActionRow *row,
                   WorkLink     *link)
{
  /* TRANSLATORS: the subtitle of the list opened from the work to do today */
  open_list (link->self, link->text, _("Work to do today"), link->link, FALSE);
}

static GtkWidget *
work_widget (UdOverview *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  /* TRANSLATORS: a group of the Overview */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Work to Do Today"));
  for (guint i = 0; i < self->report->work->len; i++)
    {
      const UdReportWork *work = g_ptr_array_index (self->report->work, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), work->text);
      if (work->link != NULL)
        {
          WorkLink *link = g_new0 (WorkLink, 1);

          link->self = self;
          link->text = g_strdup (work->text);
          link->link = work->link;
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_signal_connect_data (row, "activated", G_CALLBACK (on_work_activated), link,
                                 (GClosureNotify) (void (*) (void)) work_link_free, 0);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (self->report->work->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      /* TRANSLATORS: the work to do today when there is none */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing is waiting today."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  return group;
}

static void
show_report (UdOverview *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *charts = gtk_flow_box_new ();
  g_autofree char *title = NULL;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* TRANSLATORS: the Overview's heading: the year, and the year before */
  title = g_strdup_printf (_("Figures of %u, compared with %u"), self->report->scope.year, self->report->scope.year - 1);
  gtk_label_set_text (GTK_LABEL (self->title), title);

  gtk_box_append (GTK_BOX (box), work_widget (self));
  for (guint i = 0; i < self->report->tables->len; i++)
    gtk_box_append (GTK_BOX (box), table_widget (self, g_ptr_array_index (self->report->tables, i)));

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (charts), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (charts), 2);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (charts), TRUE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (charts), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (charts), 12);
  for (guint i = 0; i < self->report->charts->len; i++)
    {
      g_autoptr(UdChart) chart = ud_report_chart_new (g_ptr_array_index (self->report->charts, i));
      GtkWidget *view = ud_chart_view_new (chart);

      gtk_widget_set_size_request (view, 360, 260);
      gtk_flow_box_append (GTK_FLOW_BOX (charts), view);
    }
  gtk_box_append (GTK_BOX (box), charts);

  adw_clamp_set_child (ADW_CLAMP (self->clamp), box);
  self->content = box;
}

/* ---- reading the figures on the worker ---- */

static gpointer
compute_job (UdDatabase    *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  UdReportScope scope = { GPOINTER_TO_UINT (data), 0, 0, NULL };

  return ud_report_compute (db, &scope, TRUE, cancellable, error);
}

static void reload (UdOverview *self);

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(UdOverview) self = user_data;
  g_autoptr(GError) error = NULL;
  UdReport *report = ud_db_worker_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->reading = FALSE;
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  if (report == NULL)
    ud_widget_show_message (GTK_WIDGET (self), error->message);
  else
    {
      g_clear_pointer (&self->report, ud_report_free);
      self->report = report;
      show_report (self);
    }

  if (self->again)
    {
      self->again = FALSE;
      reload (self);
    }
}

static void
reload (UdOverview *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (self->reading)
    {
      self->again = TRUE;
      return;
    }
  self->reading = TRUE;
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  ud_db_worker_run_async (self->worker, compute_job,
                          GUINT_TO_POINTER ((guint) g_date_time_get_year (now)), NULL,
                          (GDestroyNotify) ud_report_free, self->cancellable,
                          on_computed, g_object_ref (self));
}

static gboolean
reload_idle (gpointer data)
{
  UdOverview *self = data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
on_records_changed (UdDbWorker *worker,
                    const char *kind,
                    UdOverview *self)
{
  /* Many changes at once (an import) read the figures once. */
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (300, reload_idle, self);
}

/* ---- the statistics report ---- */

typedef struct
{
  UdReportScope scope;
} ReportRequest;

static void
report_request_free (gpointer data)
{
  ReportRequest *request = data;

  g_free (request->scope.street);
  g_free (request);
}

/* On the worker: the report's document.  It names no one, so printing
 * it is recorded under no record. */
static UdPrintForm *
report_job (UdDatabase  *db,
            gpointer     data,
            GError     **error)
{
  ReportRequest *request = data;
  g_autoptr(UdReport) report = ud_report_compute (db, &request->scope, FALSE, NULL, error);
  UdPrintForm *form;

  if (report == NULL)
    return NULL;

  form = g_new0 (UdPrintForm, 1);
  form->document = ud_report_document (report);
  form->records = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  form->title = g_strdup (_("Statistics Report"));
  form->subtitle = report->scope.street != NULL
    /* TRANSLATORS: the report preview's subtitle: the period, the street */
    ? g_strdup_printf (_("%s, %s"), report->period, report->scope.street)
    : g_strdup (report->period);
  /* TRANSLATORS: the file name the statistics report is saved under: "统计报表-2024.pdf" */
  form->file_name = g_strdup_printf (_("statistics-report-%u.pdf"), report->scope.year);

  return form;
}

typedef struct
{
  UdOverview  *self;
  GtkWidget   *window;
  GtkWidget   *year;
  AdwComboRow *period;
  AdwEntryRow *street;
} ReportDialog;

static void
on_preview_clicked (GtkButton    *button,
                    ReportDialog *dialog)
{
  ReportRequest *request = g_new0 (ReportRequest, 1);
  guint period = adw_combo_row_get_selected (dialog->period);
  g_autofree char *street = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (dialog->street))));
  g_autoptr(GError) error = NULL;
  UdPrintPreview *preview;

  request->scope.year = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (dialog->year));
  /* 0: the year; 1–4: a quarter; 5–16: a month. */
  if (period >= 1 && period <= 4)
    request->scope.quarter = period;
  else if (period >= 5 && period <= 16)
    request->scope.month = period - 4;
  request->scope.street = *street != '\0' ? g_strdup (street) : NULL;
  if (!ud_report_scope_check (&request->scope, &error))
    {
      ud_widget_show_message (dialog->window, error->message);
      report_request_free (request);
      return;
    }

  preview = ud_print_preview_new_for_form (dialog->self->worker, report_job, request, report_request_free);
  gtk_window_set_transient_for (GTK_WINDOW (preview), gtk_window_get_transient_for (GTK_WINDOW (dialog->window)));
  gtk_window_present (GTK_WINDOW (preview));
  gtk_window_destroy (GTK_WINDOW (dialog->window));
}

static void
open_report_dialog (GtkButton  *button,
                    UdOverview *self)
{
  ReportDialog *dialog = g_new0 (ReportDialog, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  GtkWidget *box, *header, *page, *group, *year_row, *preview;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  static const char * const months[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };

  dialog->self = self;
  dialog->window = adw_window_new ();
  g_object_set_data_full (G_OBJECT (dialog->window), "ud-dialog", dialog, g_free);
  /* TRANSLATORS: the title of the window choosing the report's period */
  gtk_window_set_title (GTK_WINDOW (dialog->window), _("Statistics Report"));
  gtk_window_set_modal (GTK_WINDOW (dialog->window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog->window), 460, -1);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog->window), GTK_WINDOW (root));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  page = adw_preferences_page_new ();
  group = adw_preferences_group_new ();

  year_row = adw_action_row_new ();
  /* TRANSLATORS: the report's year */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (year_row), _("Year"));
  dialog->year = gtk_spin_button_new_with_range (2000, 2999, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (dialog->year), g_date_time_get_year (now));
  gtk_widget_set_valign (dialog->year, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (year_row), dialog->year);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (year_row), dialog->year);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), year_row);

  /* TRANSLATORS: the report's period: the whole year */
  gtk_string_list_append (periods, _("Whole year"));
  for (guint q = 1; q <= 4; q++)
    {
      /* TRANSLATORS: the report's period: "第1季度" */
      g_autofree char *quarter = g_strdup_printf (_("Quarter %u"), q);

      gtk_string_list_append (periods, quarter);
    }
  for (guint m = 0; m < G_N_ELEMENTS (months); m++)
    gtk_string_list_append (periods, _(months[m]));
  dialog->period = ADW_COMBO_ROW (adw_combo_row_new ());
  /* TRANSLATORS: the row choosing the report's period */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->period), _("Period"));
  adw_combo_row_set_model (dialog->period, G_LIST_MODEL (periods));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (dialog->period));

  dialog->street = ADW_ENTRY_ROW (adw_entry_row_new ());
  /* TRANSLATORS: the row naming the report's street; empty: the whole district */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->street), _("Street (empty: the whole district)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (dialog->street));

  /* TRANSLATORS: the button that shows the statistics report */
  preview = gtk_button_new_with_mnemonic (_("_Preview"));
  gtk_widget_add_css_class (preview, "suggested-action");
  gtk_widget_set_halign (preview, GTK_ALIGN_END);
  gtk_widget_set_margin_top (preview, 12);
  g_signal_connect (preview, "clicked", G_CALLBACK (on_preview_clicked), dialog);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), preview);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (dialog->window), box);
  gtk_window_present (GTK_WINDOW (dialog->window));
}

/* ---- GObject ---- */

static void
ud_overview_dispose (GObject *object)
{
  UdOverview *self = UD_OVERVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  /* The buttons point into the report: they go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->report, ud_report_free);
  g_clear_object (&self->worker);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ud_overview_parent_class)->dispose (object);
}

static void
ud_overview_class_init (UdOverviewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ud_overview_dispose;
}

static void
ud_overview_init (UdOverview *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *report;

  self->cancellable = g_cancellable_new ();

  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_widget_add_css_class (self->title, "title-4");
  gtk_box_append (GTK_BOX (bar), self->title);
  self->spinner = gtk_spinner_new ();
  gtk_box_append (GTK_BOX (bar), self->spinner);
  /* TRANSLATORS: the Overview's button opening the statistics report */
  report = gtk_button_new_with_mnemonic (_("Statistics _Report…"));
  g_signal_connect (report, "clicked", G_CALLBACK (open_report_dialog), self);
  gtk_box_append (GTK_BOX (bar), report);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (self->clamp), 1100);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);

  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
ud_overview_new (UdDbWorker *worker)
{
  UdOverview *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_OVERVIEW, NULL);
  self->worker = g_object_ref (worker);
  g_signal_connect_object (worker, "records-changed", G_CALLBACK (on_records_changed), self, 0);
  reload (self);

  return GTK_WIDGET (self);
}

const UdReport *
ud_overview_get_report (UdOverview *self)
{
  g_return_val_if_fail (UD_IS_OVERVIEW (self), NULL);

  return self->report;
}
