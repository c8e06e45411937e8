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
#include "ud-reference-store.h"
#include "ud-relief-editor.h"
#include "ud-relief-item.h"
#include "ud-ui-util.h"
#include "ud-validate.h"

/* A district approves a few dozen applications a year, so the section
 * reads the year's applications whole, on the worker, with the fund's
 * summary and the disease names of the catalogue, and filters the search
 * text there too; the main thread only shows what comes back. */

#define FIRST_YEAR 2020

struct _UdReliefView
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *fund_title;
  GtkLabel       *summary_label;
  GtkLabel       *detail_label;
  GtkButton      *budget_button;
  GtkSearchEntry *search_entry;
  GtkDropDown    *year_filter;
  GtkDropDown    *status_filter;
  GtkButton      *new_button;
  GtkButton      *print_button;
  GtkSpinner     *busy_spinner;
  GtkLabel       *count_label;
  GtkStack       *stack;
  GtkColumnView  *column_view;
  AdwStatusPage  *empty_page;
  GtkButton      *all_years_button;

  /* Owned */
  UdDbWorker     *worker;
  GListStore     *store;
  GtkSingleSelection *selection;
  GCancellable   *cancellable;
  GHashTable     *diseases;     /* code → name */
  GHashTable     *duplicates;   /* serials two applications hold */
  GHashTable     *flagged;      /* uuids the city flagged */
  char           *summary_text;
  guint           this_year;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (UdReliefView, ud_relief_view, GTK_TYPE_WIDGET)

/* The list's columns: a field of the application kind each. */
typedef struct
{
  const char *field;
  guint       width;
  gboolean    numeric;
} ColumnInfo;

static const ColumnInfo columns[] = {
  { "serial",           24, FALSE },
  { "member_name",       8, FALSE },
  { "disease",          18, FALSE },
  { "status",            6, FALSE },
  { "suggested_amount", 10, TRUE },
  { "approved_amount",  10, TRUE },
  { "application_date", 10, FALSE },
  { "decided_on",       10, FALSE },
  { "paid_on",          10, FALSE },
};

static const char * const statuses[] = {
  "draft", "submitted", "reviewed", "approved", "rejected", "paid",
};

static const UdField *
field (const char *name)
{
  return ud_kind_find_field (&ud_kind_illness_application, name);
}

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

static const char *
selected_status (UdReliefView *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_filter);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > G_N_ELEMENTS (statuses))
    return NULL;

  return statuses[selected - 1];
}

static UdRecord *
selected_record (UdReliefView *self)
{
  UdReliefItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? ud_relief_item_get_record (item) : NULL;
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
                                 may_print && selected_record (self) != NULL);
}

/* Cells ------------------------------------------------------------------ */

static char *
cell_text (UdReliefView   *self,
           const UdRecord *record,
           const char     *name)
{
  const char *value = ud_record_get (record, name);

  if (value == NULL || *value == '\0')
    return g_strdup ("");

  if (g_str_equal (name, "disease"))
    {
      const char *disease = g_hash_table_lookup (self->diseases, value);

      /* Translators: a disease code and its name, e.g. "D01 恶性肿瘤—重度" */
      return disease != NULL ? g_strdup_printf (_("%s %s"), value, disease) : g_strdup (value);
    }

  return ud_field_display (field (name), value, TRUE);
}

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            const ColumnInfo         *info)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), MIN (info->width, 6));
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), info->width);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (info->numeric)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_list_item_set_child (list_item, cell);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           const ColumnInfo         *info)
{
  UdReliefItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  GtkWidget *view = gtk_widget_get_ancestor (cell, UD_TYPE_RELIEF_VIEW);
  g_autofree char *text = NULL;

  if (view == NULL)
    return;

  text = cell_text (UD_RELIEF_VIEW (view), ud_relief_item_get_record (item), info->field);
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
}

/* Reading ---------------------------------------------------------------- */

typedef struct
{
  guint  year;        /* 0: all years */
  guint  fund_year;
  char  *status;
  char  *text;
} ListQuery;

typedef struct
{
  GPtrArray     *applications;
  GHashTable    *diseases;
  GHashTable    *duplicates;
  GHashTable    *flagged;
  UdFundSummary  summary;
  guint          other_years;   /* matching applications of other years, when none of this one */
} ListAnswer;

static void
list_query_free (gpointer data)
{
  ListQuery *query = data;

  g_free (query->status);
  g_free (query->text);
  g_free (query);
}

static void
list_answer_free (gpointer data)
{
  ListAnswer *answer = data;

  g_clear_pointer (&answer->applications, g_ptr_array_unref);
  g_clear_pointer (&answer->diseases, g_hash_table_unref);
  g_clear_pointer (&answer->duplicates, g_hash_table_unref);
  g_clear_pointer (&answer->flagged, g_hash_table_unref);
  g_free (answer);
}

static gboolean
matches (const UdRecord *record,
         const char     *text)
{
  g_autofree char *serial = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;

  if (strstr (ud_record_get (record, "member_name"), text) != NULL ||
      strstr (ud_record_get (record, "patient_name"), text) != NULL)
    return TRUE;

  serial = g_ascii_strup (ud_record_get (record, "serial"), -1);
  {
    g_autofree char *upper = g_ascii_strup (text, -1);

    return strstr (serial, upper) != NULL;
  }
}

static gpointer
list_job (UdDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  ListQuery *query = data;
  UdIllnessQuery filter = { query->year, query->status, NULL };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(UdReliefRules) rules = NULL;
  g_autoptr(GPtrArray) diseases = NULL;
  ListAnswer *answer;
  GDate date;

  all = ud_illness_store_list (db, &filter, error);
  if (all == NULL)
    return NULL;

  answer = g_new0 (ListAnswer, 1);
  answer->applications = g_ptr_array_new_with_free_func ((GDestroyNotify)ud_record_unref);
  answer->diseases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < all->len; i++)
    {
      UdRecord *record = g_ptr_array_index (all, i);

      if (matches (record, query->text))
        g_ptr_array_add (answer->applications, ud_record_ref (record));
    }

  /* Nothing in the year chosen: say whether other years hold some, so
   * that an empty list does not hide them. */
  if (answer->applications->len == 0 && query->year != 0)
    {
      UdIllnessQuery any_year = { 0, query->status, NULL };
      g_autoptr(GPtrArray) others = ud_illness_store_list (db, &any_year, error);

      if (others == NULL)
        {
          list_answer_free (answer);
          return NULL;
        }
      for (guint i = 0; i < others->len; i++)
        answer->other_years += matches (g_ptr_array_index (others, i), query->text) ? 1 : 0;
    }

  /* What the list marks: a serial held twice, the city's flag. */
  answer->duplicates = ud_illness_store_duplicate_serials (db, error);
  answer->flagged = answer->duplicates != NULL ? ud_illness_store_flagged_applications (db, error) : NULL;
  if (answer->flagged == NULL ||
      !ud_fund_get_summary (db, query->fund_year, &answer->summary, error))
    {
      list_answer_free (answer);
      return NULL;
    }

  /* Names from the catalogue in force at the end of the year (codes keep
   * their names across versions; a code gone later shows bare). */
  rules = ud_reference_load_rules (db, NULL);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 31, G_DATE_DECEMBER, (GDateYear)query->fund_year);
  if (rules != NULL && (diseases = ud_relief_rules_diseases (rules, &date)) != NULL)
    {
      for (guint i = 0; i < diseases->len; i++)
        {
          UdReliefDisease *disease = g_ptr_array_index (diseases, i);

          g_hash_table_insert (answer->diseases, g_strdup (disease->code), g_strdup (disease->name));
        }
    }

  return answer;
}

static void
set_busy (UdReliefView *self,
          gboolean      busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->busy_spinner, busy);
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

/* The empty list says why: nothing this year, but in others. */
static void
show_empty (UdReliefView *self,
            guint         other_years)
{
  guint year = selected_year (self);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  if (year != 0)
    /* Translators: %u is a year */
    title = g_strdup_printf (_("No Applications in %u"), year);
  else
    title = g_strdup (_("No Applications"));
  if (other_years > 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u application of other years matches. Choose “All Years” to see it.",
                                                "%u applications of other years match. Choose “All Years” to see them.",
                                                other_years),
                                   other_years);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->all_years_button), other_years > 0);
}

static void
list_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *count = NULL;
  UdReliefView *self;
  ListAnswer *answer;

  answer = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_RELIEF_VIEW (user_data);
  set_busy (self, FALSE);

  if (answer == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  g_clear_pointer (&self->diseases, g_hash_table_unref);
  self->diseases = g_hash_table_ref (answer->diseases);
  g_clear_pointer (&self->duplicates, g_hash_table_unref);
  self->duplicates = g_hash_table_ref (answer->duplicates);
  g_clear_pointer (&self->flagged, g_hash_table_unref);
  self->flagged = g_hash_table_ref (answer->flagged);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < answer->applications->len; i++)
    g_ptr_array_add (items, ud_relief_item_new (g_ptr_array_index (answer->applications, i)));
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);

  show_summary (self, &answer->summary);

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u application", "%u applications", items->len),
                           items->len);
  gtk_label_set_label (self->count_label, count);
  show_empty (self, answer->other_years);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
  update_actions (self);

  list_answer_free (answer);
}

void
ud_relief_view_reload (UdReliefView *self)
{
  ListQuery *query;
  const char *text;

  g_return_if_fail (UD_IS_RELIEF_VIEW (self));

  if (self->worker == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  query = g_new0 (ListQuery, 1);
  query->year = selected_year (self);
  query->fund_year = fund_year (self);
  query->status = g_strdup (selected_status (self));
  query->text = g_strstrip (g_strdup (text != NULL ? text : ""));

  set_busy (self, TRUE);
  ud_db_worker_run_async (self->worker,
                          list_job, query, list_query_free,
                          list_answer_free,
                          self->cancellable,
                          list_done, self);
}

/* Callbacks -------------------------------------------------------------- */

static void
on_filter_changed (UdReliefView *self)
{
  ud_relief_view_reload (self);
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

static void
on_activate (GtkColumnView *view,
             guint          position,
             UdReliefView  *self)
{
  ud_relief_view_open (self, position);
}

static void
on_selection_changed (UdReliefView *self)
{
  update_actions (self);
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
  gtk_widget_grab_focus (GTK_WIDGET (UD_RELIEF_VIEW (widget)->search_entry));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  UdReliefView *self = UD_RELIEF_VIEW (widget);
  UdRecord *record = selected_record (self);
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
            gpointer                  user_data)
{
  UdReliefItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *view = gtk_widget_get_ancestor (box, UD_TYPE_RELIEF_VIEW);
  UdRecord *record = ud_relief_item_get_record (item);
  UdReliefView *self;

  if (view == NULL)
    return;
  self = UD_RELIEF_VIEW (view);

  gtk_widget_set_visible (gtk_widget_get_first_child (box),
                          self->flagged != NULL && g_hash_table_contains (self->flagged, record->uuid));
  gtk_widget_set_visible (gtk_widget_get_last_child (box),
                          self->duplicates != NULL &&
                          g_hash_table_contains (self->duplicates, ud_record_get (record, "serial")));
}

static void
setup_columns (UdReliefView *self)
{
  {
    g_autoptr(GtkColumnViewColumn) column = NULL;
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (marks_setup), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (marks_bind), NULL);
    column = gtk_column_view_column_new (NULL, factory);
    gtk_column_view_column_set_fixed_width (column, 52);
    gtk_column_view_append_column (self->column_view, column);
  }

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = NULL;
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), (gpointer)&columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), (gpointer)&columns[i]);
      column = gtk_column_view_column_new (_(field (columns[i].field)->label), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (g_str_equal (columns[i].field, "disease"))
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
}

static void
setup_filters (UdReliefView *self)
{
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
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
  /* The list opens on this year. */
  gtk_drop_down_set_selected (self->year_filter, ALL_YEARS + 1);

  gtk_string_list_append (states, _("All States"));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    gtk_string_list_append (states, ud_field_choice_label (field ("status"), statuses[i]));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (states));
}

/* A sync pulled applications (or members, whose names the list shows),
 * or a conflict was resolved. */
static void
on_records_changed (UdDbWorker   *worker,
                    const char   *kind,
                    UdReliefView *self)
{
  if (ud_db_worker_kind_changed (ud_kind_illness_application.name, kind) ||
      ud_db_worker_kind_changed (ud_kind_member.name, kind))
    ud_relief_view_reload (self);
}

static void
ud_relief_view_dispose (GObject *object)
{
  UdReliefView *self = (UdReliefView *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_RELIEF_VIEW);
  /* The template's boxes without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_relief_view_parent_class)->dispose (object);
}

static void
ud_relief_view_finalize (GObject *object)
{
  UdReliefView *self = (UdReliefView *)object;

  g_clear_object (&self->cancellable);
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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/relief/ud-relief-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, fund_title);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, detail_label);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, budget_button);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, year_filter);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, status_filter);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, new_button);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, print_button);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, count_label);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, stack);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, column_view);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, UdReliefView, all_years_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
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

  self->diseases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->store = g_list_store_new (UD_TYPE_RELIEF_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  setup_columns (self);
  setup_filters (self);
}

GtkWidget *
ud_relief_view_new (UdDbWorker *worker)
{
  UdReliefView *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_RELIEF_VIEW, NULL);
  self->worker = g_object_ref (worker);
  g_signal_connect_object (worker, "records-changed", G_CALLBACK (on_records_changed), self, 0);
  update_actions (self);
  ud_relief_view_reload (self);

  return GTK_WIDGET (self);
}

GListModel *
ud_relief_view_get_model (UdReliefView *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
ud_relief_view_get_busy (UdReliefView *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_VIEW (self), FALSE);

  return self->busy;
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

static GtkWindow *
present_editor (UdReliefView   *self,
                UdReliefEditor *editor)
{
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (editor, "changed", G_CALLBACK (on_application_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));

  return GTK_WINDOW (editor);
}

GtkWindow *
ud_relief_view_open (UdReliefView *self,
                     guint         position)
{
  g_autoptr(UdReliefItem) item = NULL;

  g_return_val_if_fail (UD_IS_RELIEF_VIEW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  if (item == NULL)
    return NULL;

  gtk_single_selection_set_selected (self->selection, position);
  return present_editor (self, ud_relief_editor_new (self->worker, ud_relief_item_get_record (item)->id));
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
  g_autoptr(UdReliefItem) item = NULL;
  UdRecord *record;

  g_return_val_if_fail (UD_IS_RELIEF_VIEW (self), FALSE);

  item = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  g_return_val_if_fail (item != NULL, FALSE);
  record = ud_relief_item_get_record (item);
  if (duplicate != NULL)
    *duplicate = self->duplicates != NULL && g_hash_table_contains (self->duplicates, ud_record_get (record, "serial"));

  return self->flagged != NULL && g_hash_table_contains (self->flagged, record->uuid);
}
