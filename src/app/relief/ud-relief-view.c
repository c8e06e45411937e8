/* ud-relief-view.c — the Serious-Illness Relief section
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-relief-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ud-relief-view.h"
#include "ud-fund.h"
#include "ud-illness-store.h"
#include "ud-kind.h"
#include "ud-member-kind.h"
#include "ud-money.h"
#include "ud-print-preview.h"
#include "ud-record-table.h"
#include "ud-reference-store.h"
#include "ud-relief-editor.h"
#include "ud-ui-util.h"
#include "ud-validate.h"

/* The applications are a UdRecordTable of the application kind: its
 * columns, the state filter, search (name, patient, serial number) and
 * sorting come from the kind.  The section adds the fund year (a filter
 * of its own, "All Years" included, with the applications other years
 * hold when the year chosen has none), the fund's summary, the disease
 * names of the catalogue and the marks column (the city's duplicate-aid
 * flag, a serial number held twice), read on the worker with the
 * summary. */

#define FIRST_YEAR 2020

struct _UdReliefView
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *fund_title;
  GtkLabel       *summary_label;
  GtkLabel       *detail_label;
  GtkButton      *budget_button;
  GtkWidget      *toolbar;
  GtkDropDown    *year_filter;
  GtkButton      *new_button;
  GtkButton      *print_button;
  UdRecordTable  *table;
  GtkButton      *all_years_button;

  /* Owned */
  UdDbWorker     *worker;
  GCancellable   *cancellable;           /* the view's lifetime */
  GCancellable   *summary_cancellable;   /* the summary being read */
  GHashTable     *diseases;     /* code → name */
  GHashTable     *duplicates;   /* row ids of applications whose serial another holds */
  GHashTable     *flagged;      /* row ids of applications the city flagged */
  char           *summary_text;
  guint           this_year;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (UdReliefView, ud_relief_view, GTK_TYPE_WIDGET)

/* The year filter lists "All Years", then this year and the ones before. */
#define ALL_YEARS 0

/* The fund year chosen, or 0 for all years. */
static guint
selected_year (UdReliefView *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_filter);

  if (selected == GTK_INVALID_LIST_POSITION)
    return self->this_year;
  if (selected == ALL_YEARS)
    return 0;

  return self->this_year - (selected - 1);
}

/* The year whose fund the view shows: the one chosen, this one for all. */
static guint
fund_year (UdReliefView *self)
{
  guint year = selected_year (self);

  return year != 0 ? year : self->this_year;
}

static void
update_actions (UdReliefView *self)
{
  gboolean may_print = ud_db_worker_may (self->worker, UD_PERMISSION_PRINT_FORMS);

  gtk_widget_set_visible (GTK_WIDGET (self->new_button),
                          ud_db_worker_may (self->worker, UD_PERMISSION_CREATE_APPLICATION));
  gtk_widget_set_visible (GTK_WIDGET (self->budget_button),
                          ud_db_worker_may (self->worker, UD_PERMISSION_ADMINISTER));
  gtk_widget_set_visible (GTK_WIDGET (self->print_button), may_print);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "relief.new",
                                 ud_db_worker_may (self->worker, UD_PERMISSION_CREATE_APPLICATION));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "relief.set-budget",
                                 ud_db_worker_may (self->worker, UD_PERMISSION_ADMINISTER));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "relief.print",
                                 may_print && ud_record_table_get_selected_id (self->table) != 0);
}

/* Cells ------------------------------------------------------------------ */

/* A disease is its code and its name in the catalogue. */
static char *
display_cell (const UdField  *field,
              const UdRecord *record,
              gboolean        masked,
              gpointer        data)
{
  UdReliefView *self = data;
  const char *code;
  const char *disease;

  if (!g_str_equal (field->name, "disease"))
    return NULL;

  code = ud_record_get (record, "disease");
  disease = code != NULL && *code != '\0' ? g_hash_table_lookup (self->diseases, code) : NULL;
  if (disease == NULL)
    return NULL;

  /* Translators: a disease code and its name, e.g. "D01 恶性肿瘤—重度" */
  return g_strdup_printf (_("%s %s"), code, disease);
}

static gboolean
marked (GHashTable *set,
        gint64      id)
{
  return set != NULL && g_hash_table_contains (set, &id);
}

/* The marks column: the city's duplicate-aid flag and a serial number
 * another application also holds, each an icon with its reason. */
static void
marks_setup (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *flag = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *duplicate = gtk_image_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_add_css_class (flag, "warning");
  gtk_widget_set_tooltip_text (flag, _("The city reports aid to the same ID number in another district within 12 months"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (flag), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Duplicate aid in another district"), -1);
  gtk_widget_add_css_class (duplicate, "error");
  gtk_widget_set_tooltip_text (duplicate, _("Another application has the same serial number: check the office numbers in Preferences"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (duplicate), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Serial number used twice"), -1);
  gtk_box_append (GTK_BOX (box), flag);
  gtk_box_append (GTK_BOX (box), duplicate);
  gtk_list_item_set_child (list_item, box);
}

static void
marks_bind (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            UdReliefView             *self)
{
  UdRecordItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  gint64 id = ud_record_item_get_id (item);

  gtk_widget_set_visible (gtk_widget_get_first_child (box), marked (self->flagged, id));
  gtk_widget_set_visible (gtk_widget_get_last_child (box), marked (self->duplicates, id));
}

/* The fund, the catalogue, the marks ------------------------------------- */

typedef struct
{
  GHashTable    *diseases;
  GHashTable    *duplicates;
  GHashTable    *flagged;
  UdFundSummary  summary;
} Summary;

static void
summary_free (gpointer data)
{
  Summary *summary = data;

  g_clear_pointer (&summary->diseases, g_hash_table_unref);
  g_clear_pointer (&summary->duplicates, g_hash_table_unref);
  g_clear_pointer (&summary->flagged, g_hash_table_unref);
  g_free (summary);
}

static gpointer
summary_job (UdDatabase   *db,
             gpointer      data,
             GCancellable *cancellable,
             GError      **error)
{
  guint year = GPOINTER_TO_UINT (data);
  g_autoptr(GHashTable) serials = NULL;
  g_autoptr(GHashTable) uuids = NULL;
  g_autoptr(GPtrArray) applications = NULL;
  g_autoptr(UdReliefRules) rules = NULL;
  g_autoptr(GPtrArray) diseases = NULL;
  Summary *summary;
  GDate date;

  /* A district has a few dozen applications a year: the marks by row
   * id, from what the store says is held twice or flagged. */
  serials = ud_illness_store_duplicate_serials (db, error);
  uuids = serials != NULL ? ud_illness_store_flagged_applications (db, error) : NULL;
  applications = uuids != NULL ? ud_illness_store_list (db, NULL, error) : NULL;
  if (applications == NULL)
    return NULL;

  summary = g_new0 (Summary, 1);
  summary->diseases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  summary->duplicates = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  summary->flagged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < applications->len; i++)
    {
      UdRecord *record = g_ptr_array_index (applications, i);

      if (g_hash_table_contains (serials, ud_record_get (record, "serial")))
        g_hash_table_add (summary->duplicates, g_memdup2 (&record->id, sizeof record->id));
      if (g_hash_table_contains (uuids, record->uuid))
        g_hash_table_add (summary->flagged, g_memdup2 (&record->id, sizeof record->id));
    }

  if (!ud_fund_get_summary (db, year, &summary->summary, error))
    {
      summary_free (summary);
      return NULL;
    }

  /* Names from the catalogue in force at the end of the year (codes keep
   * their names across versions; a code gone later shows bare). */
  rules = ud_reference_load_rules (db, NULL);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 31, G_DATE_DECEMBER, (GDateYear) year);
  if (rules != NULL && (diseases = ud_relief_rules_diseases (rules, &date)) != NULL)
    {
      for (guint i = 0; i < diseases->len; i++)
        {
          UdReliefDisease *disease = g_ptr_array_index (diseases, i);

          g_hash_table_insert (summary->diseases, g_strdup (disease->code), g_strdup (disease->name));
        }
    }

  return summary;
}

static void
show_summary (UdReliefView        *self,
              const UdFundSummary *summary)
{
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *paid = NULL;

  g_clear_pointer (&self->summary_text, g_free);
  self->summary_text = ud_fund_summary_to_string (summary);

  /* Translators: the heading of the fund's summary; %u is a year */
  title = g_strdup_printf (_("District Relief Fund %u"), summary->year);
  gtk_label_set_label (self->fund_title, title);
  gtk_label_set_label (self->summary_label, self->summary_text);

  budget = summary->has_budget ? ud_money_format (summary->budget) : NULL;
  paid = ud_money_format (summary->paid_total);
  if (summary->has_budget)
    /* Translators: the budget, then the counts of paid, pending and rejected applications */
    detail = g_strdup_printf (_("Budget %s yuan · %u paid (%s yuan) · %u in progress · %u rejected"),
                              budget, summary->paid_count, paid, summary->pending_count, summary->rejected_count);
  else
    detail = g_strdup_printf (_("No budget set for this year: nothing can be approved · %u in progress · %u rejected"),
                              summary->pending_count, summary->rejected_count);
  gtk_label_set_label (self->detail_label, detail);
}

static void
summary_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdReliefView *self;
  Summary *summary;

  summary = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_RELIEF_VIEW (user_data);
  self->busy = FALSE;
  if (summary == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  g_clear_pointer (&self->diseases, g_hash_table_unref);
  self->diseases = g_hash_table_ref (summary->diseases);
  g_clear_pointer (&self->duplicates, g_hash_table_unref);
  self->duplicates = g_hash_table_ref (summary->duplicates);
  g_clear_pointer (&self->flagged, g_hash_table_unref);
  self->flagged = g_hash_table_ref (summary->flagged);
  show_summary (self, &summary->summary);
  summary_free (summary);

  /* The disease names and the marks of the rows on screen. */
  ud_record_model_refresh (ud_record_table_get_model (self->table));
  update_actions (self);
}

static void
read_summary (UdReliefView *self)
{
  g_cancellable_cancel (self->summary_cancellable);
  g_clear_object (&self->summary_cancellable);
  self->summary_cancellable = g_cancellable_new ();

  self->busy = TRUE;
  ud_db_worker_run_async (self->worker, summary_job, GUINT_TO_POINTER (fund_year (self)), NULL,
                          summary_free, self->summary_cancellable, summary_done, self);
}

void
ud_relief_view_reload (UdReliefView *self)
{
  g_return_if_fail (UD_IS_RELIEF_VIEW (self));

  if (self->worker == NULL)
    return;

  ud_record_table_reload (self->table);
  read_summary (self);
}

/* The list ---------------------------------------------------------------- */

static char *
count_text (guint64  shown,
            guint64  total,
            gboolean filtered)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u application", "%u applications", (gulong) shown),
                          (guint) shown);
}

/* The empty list says why: nothing this year, but in others. */
static void
on_count_changed (UdReliefView *self)
{
  guint year = selected_year (self);
  gint64 others = year != 0 ? ud_record_table_get_elsewhere (self->table) : 0;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  if (year != 0)
    /* Translators: %u is a year */
    title = g_strdup_printf (_("No Applications in %u"), year);
  else
    title = g_strdup (_("No Applications"));
  if (others > 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u application of other years matches. Choose “All Years” to see it.",
                                                "%u applications of other years match. Choose “All Years” to see them.",
                                                (gulong) others),
                                   (guint) others);
  else
    description = g_strdup (_("Try other search words, or another state."));
  g_object_set (self->table, "no-results-title", title, "no-results-description", description, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->all_years_button), others > 0);
  update_actions (self);
}

static void
on_year_changed (UdReliefView *self)
{
  guint year = selected_year (self);
  g_autofree char *value = year != 0 ? g_strdup_printf ("%u", year) : NULL;

  if (self->worker == NULL)
    return;

  ud_record_table_set_filter (self->table, "fund_year", value);
  read_summary (self);
}

static void
on_all_years_clicked (UdReliefView *self)
{
  gtk_drop_down_set_selected (self->year_filter, ALL_YEARS);
}

static void
on_application_changed (UdReliefView *self)
{
  ud_relief_view_reload (self);
}

static GtkWindow *
present_editor (UdReliefView   *self,
                UdReliefEditor *editor)
{
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (editor, "changed", G_CALLBACK (on_application_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));

  return GTK_WINDOW (editor);
}

static void
on_activate_record (UdReliefView *self,
                    gint64        id)
{
  present_editor (self, ud_relief_editor_new (self->worker, id));
}

/* A sync pulled applications or members (whose names the list shows),
 * or a conflict was resolved: the table reads its kind again itself. */
static void
on_records_changed (UdDbWorker   *worker,
                    const char   *kind,
                    UdReliefView *self)
{
  if (ud_db_worker_kind_changed (ud_kind_member.name, kind) &&
      !ud_db_worker_kind_changed (ud_kind_illness_application.name, kind))
    ud_record_table_reload (self->table);
  if (ud_db_worker_kind_changed (ud_kind_illness_application.name, kind) ||
      ud_db_worker_kind_changed (ud_kind_member.name, kind))
    read_summary (self);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ud_relief_view_new_application (UD_RELIEF_VIEW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ud_record_table_focus_search (UD_RELIEF_VIEW (widget)->table);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  UdReliefView *self = UD_RELIEF_VIEW (widget);
  UdRecord *record = ud_record_table_get_selected (self->table);
  UdPrintPreview *preview;

  if (record == NULL)
    return;

  preview = ud_print_preview_new (self->worker, record->uuid);
  gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (preview));
}

/* The budget ------------------------------------------------------------- */

typedef struct
{
  guint  year;
  UdFen  amount;
} BudgetData;

static gpointer
budget_job (UdDatabase   *db,
            gpointer      data,
            GCancellable *cancellable,
            GError      **error)
{
  BudgetData *budget = data;

  if (!ud_fund_set_budget (db, budget->year, budget->amount, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
budget_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdReliefView *self;

  if (ud_db_worker_run_finish (result, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self = UD_RELIEF_VIEW (user_data);
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  self = UD_RELIEF_VIEW (user_data);
  ud_relief_view_reload (self);
}

static void
on_budget_text_changed (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  UdFen fen = 0;
  gboolean ok = ud_money_parse (gtk_editable_get_text (entry), &fen, NULL) && fen > 0;

  adw_message_dialog_set_response_enabled (dialog, "set", ok);
  ud_widget_set_error (GTK_WIDGET (entry), !ok);
}

static void
on_budget_response (AdwMessageDialog *dialog,
                    const char       *response,
                    UdReliefView     *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "ud-entry");
  BudgetData *budget;
  UdFen fen = 0;

  if (!g_str_equal (response, "set") ||
      !ud_money_parse (gtk_editable_get_text (entry), &fen, NULL) || fen <= 0)
    return;

  budget = g_new0 (BudgetData, 1);
  budget->year = fund_year (self);
  budget->amount = fen;
  ud_db_worker_run_async (self->worker,
                          budget_job, budget, g_free,
                          NULL,
                          self->cancellable,
                          budget_done, self);
}

static void
set_budget_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  UdReliefView *self = UD_RELIEF_VIEW (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  /* Translators: %u is a year */
  heading = g_strdup_printf (_("Budget for %u"), fund_year (self));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("The yuan the district fund may approve in the year. It cannot be less than what is already approved."));
  entry = gtk_entry_new ();
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. 300,000.00"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Budget in yuan"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "set", _("_Set Budget"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "set");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "set", FALSE);
  g_object_set_data (G_OBJECT (dialog), "ud-entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_budget_text_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_budget_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject ---------------------------------------------------------------- */

static void
setup_marks (UdReliefView *self)
{
  g_autoptr(GtkColumnViewColumn) column = NULL;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (marks_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (marks_bind), self);
  column = gtk_column_view_column_new (NULL, factory);
  gtk_column_view_column_set_fixed_width (column, 52);
  ud_record_table_prepend_column (self->table, column);
}

static void
setup_years (UdReliefView *self)
{
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  GDate today;

  ud_date_today (&today);
  self->this_year = g_date_get_year (&today);
  gtk_string_list_append (years, _("All Years"));
  for (guint year = self->this_year; year >= FIRST_YEAR; year--)
    {
      g_autofree char *text = g_strdup_printf ("%u", year);

      gtk_string_list_append (years, text);
    }
  gtk_drop_down_set_model (self->year_filter, G_LIST_MODEL (years));
  /* The list opens on this year (the filter is set with the worker). */
  gtk_drop_down_set_selected (self->year_filter, ALL_YEARS + 1);
}

static void
ud_relief_view_dispose (GObject *object)
{
  UdReliefView *self = (UdReliefView *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->summary_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_RELIEF_VIEW);
  /* The template's boxes without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_relief_view_parent_class)->dispose (object);
}

static void
ud_relief_view_finalize (GObject *object)
{
  UdReliefView *self = (UdReliefView *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->summary_cancellable);
  g_clear_pointer (&self->diseases, g_hash_table_unref);
  g_clear_pointer (&self->duplicates, g_hash_table_unref);
  g_clear_pointer (&self->flagged, g_hash_table_unref);
  g_clear_pointer (&self->summary_text, g_free);

  G_OBJECT_CLASS (ud_relief_view_parent_class)->finalize (object);
}

static void
ud_relief_view_class_init (UdReliefViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_relief_view_dispose;
  object_class->finalize = ud_relief_view_finalize;

  g_type_ensure (UD_TYPE_RECORD_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/relief/ud-relief-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, fund_title);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, detail_label);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, budget_button);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, year_filter);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, new_button);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, print_button);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, table);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, all_years_button);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_all_years_clicked);

  gtk_widget_class_install_action (widget_class, "relief.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "relief.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "relief.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "relief.set-budget", NULL, set_budget_action);
}

static void
ud_relief_view_init (UdReliefView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->diseases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ud_record_table_add_bar_widget (self->table, self->toolbar);
  ud_record_table_set_count_func (self->table, count_text);
  ud_record_table_set_display_func (self->table, display_cell, self);
  /* Spare width goes to the disease's name. */
  ud_record_table_set_expand_column (self->table, "disease");
  setup_marks (self);
  setup_years (self);

  g_signal_connect_object (self->table, "activate-record", G_CALLBACK (on_activate_record),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table, "notify::selected-id", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table, "notify::count-text", G_CALLBACK (on_count_changed),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
ud_relief_view_new (UdDbWorker *worker)
{
  UdReliefView *self;
  g_autofree char *year = NULL;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_RELIEF_VIEW, NULL);
  self->worker = g_object_ref (worker);
  g_signal_connect_object (worker, "records-changed", G_CALLBACK (on_records_changed), self, 0);
  year = g_strdup_printf ("%u", self->this_year);
  ud_record_table_set_filter (self->table, "fund_year", year);
  ud_record_table_set_worker (self->table, worker);
  update_actions (self);
  read_summary (self);

  return GTK_WIDGET (self);
}

GListModel *
ud_relief_view_get_model (UdReliefView *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_VIEW (self), NULL);

  return G_LIST_MODEL (ud_record_table_get_model (self->table));
}

gboolean
ud_relief_view_get_busy (UdReliefView *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_VIEW (self), FALSE);

  return self->busy || ud_record_table_get_busy (self->table) ||
         ud_record_table_get_count_text (self->table) == NULL;
}

const char *
ud_relief_view_get_summary_text (UdReliefView *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_VIEW (self), NULL);

  return self->summary_text;
}

guint
ud_relief_view_get_year (UdReliefView *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_VIEW (self), 0);

  return selected_year (self);
}

GtkWindow *
ud_relief_view_new_application (UdReliefView *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_VIEW (self), NULL);

  if (!ud_db_worker_may (self->worker, UD_PERMISSION_CREATE_APPLICATION))
    return NULL;

  return present_editor (self, ud_relief_editor_new (self->worker, 0));
}

gboolean
ud_relief_view_get_marks (UdReliefView *self,
                          guint         position,
                          gboolean     *duplicate)
{
  UdRecordModel *model;
  gint64 id;

  g_return_val_if_fail (UD_IS_RELIEF_VIEW (self), FALSE);

  model = ud_record_table_get_model (self->table);
  g_return_val_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (model)), FALSE);
  id = ud_record_model_get_id (model, position);
  if (duplicate != NULL)
    *duplicate = marked (self->duplicates, id);

  return marked (self->flagged, id);
}
