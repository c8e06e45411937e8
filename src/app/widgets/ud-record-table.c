/* ud-record-table.c — a searchable, sortable table of records of any kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-record-table"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-record-table.h"
#include "ud-export.h"
#include "ud-ui-util.h"

/* The table only describes a query (UdRecordQuery: search text, filters,
 * sort column) and hands the row ids SQL returns to a lazy UdRecordModel.
 * Columns are described by the kind's fields, the way nautilus describes
 * its list columns, and every cell is one GtkInscription showing
 * ud_field_display() of its field.  The first page of ids comes alone,
 * so that the screen fills at once; the rest follows from its keyset
 * cursor in the same job.
 */

#define FIRST_PAGE UD_RECORD_MODEL_PAGE_SIZE

typedef struct
{
  UdRecordTable       *table;   /* unowned: the table owns the column */
  GtkColumnViewColumn *column;  /* unowned, likewise */
  const UdField       *field;
  guint                index;
} Column;

/* A drop-down of the filter bar: a choice field's values (after "all"
 * and, for a field that may be empty, "any"), or the records a
 * reference field may name (their row ids in @ids, by position). */
typedef struct
{
  const UdField *field;
  GtkDropDown   *drop_down;     /* unowned: in the filter bar */
  GArray        *ids;           /* a reference's: position → row id */
  gboolean       any;           /* a choice's second item is "any value" */
} ChoiceFilter;

struct _UdRecordTable
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *search_bar;
  GtkWidget          *filter_bar;
  GtkSearchEntry     *search_entry;
  GtkSpinner         *busy_spinner;
  GtkLabel           *count_label;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *no_results_page;
  GtkSpinner         *spinner;
  GtkColumnView      *column_view;

  /* Owned */
  UdDbWorker         *worker;
  UdRecordModel      *model;
  GtkSingleSelection *selection;
  GSettings          *settings;
  GCancellable       *cancellable;        /* the table's lifetime */
  GCancellable       *query_cancellable;  /* the query in flight */
  GPtrArray          *columns;            /* Column */
  GArray             *choice_filters;     /* ChoiceFilter */
  GHashTable         *fixed_filters;      /* field name → value */
  gboolean            hide_filters;       /* show-filters FALSE */
  GArray             *fixed_conditions;   /* UdRecordFilter, owning its strings: a period, a value not empty */
  GHashTable         *section_filters;    /* field name → value: the section's own controls */
  gint64              elsewhere;
  char               *text;
  char               *sort_field;
  char               *count_text;
  gboolean            descending;
  gboolean            masked;
  gboolean            busy;
  gboolean            loaded_once;
  gboolean            resorting;
  guint               search_limit;
  UdRecordCountFunc   count_func;
  UdRecordCountFunc   more_count_func;
  UdRecordDisplayFunc display_func;
  gpointer            display_data;

  /* Borrowed */
  const UdKind       *kind;
  Column             *probe_column;
};

G_DEFINE_FINAL_TYPE (UdRecordTable, ud_record_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND_NAME,
  PROP_SEARCH_HINT,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_EMPTY_ICON_NAME,
  PROP_EMPTY_CHILD,
  PROP_NO_RESULTS_TITLE,
  PROP_NO_RESULTS_DESCRIPTION,
  PROP_NO_RESULTS_CHILD,
  PROP_SHOW_FILTERS,
  PROP_BUSY,
  PROP_COUNT_TEXT,
  PROP_SELECTED_ID,
  PROP_SORT_FIELD,
  PROP_SORT_DESCENDING,
  N_PROPS
};

enum {
  ACTIVATE_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void run_query (UdRecordTable *self);
static void load_references (UdRecordTable *self);

/* Queries ---------------------------------------------------------------- */

/* A query as the worker runs it: the strings and filters are its own. */
typedef struct
{
  UdRecordQuery   query;
  GPtrArray      *strings;
  GArray         *filters;   /* UdRecordFilter: the fixed ones, the section's, the user's */
  guint           n_fixed;
  guint           n_section;
  guint           search_limit;
  gboolean        first_only;
} QueryData;

typedef struct
{
  GArray   *ids;
  gint64    shown;
  gint64    total;
  gboolean  filtered;
  gboolean  more;      /* a search found more than the table's limit */
  gint64    elsewhere; /* none found: how many the section's filters hide */
} QueryResult;

static void
query_data_free (gpointer data)
{
  QueryData *query = data;

  g_ptr_array_unref (query->strings);
  g_array_unref (query->filters);
  g_free (query);
}

static void
query_result_free (gpointer data)
{
  QueryResult *result = data;

  g_clear_pointer (&result->ids, g_array_unref);
  g_free (result);
}

static const char *
keep (QueryData  *query,
      const char *text)
{
  char *copy = g_strdup (text);

  g_ptr_array_add (query->strings, copy);

  return copy;
}

static void
add_filter (QueryData        *query,
            const char       *field,
            UdRecordFilterOp  op,
            const char       *value)
{
  UdRecordFilter filter = { keep (query, field), op, keep (query, value) };

  g_array_append_val (query->filters, filter);
}

static void
condition_clear (gpointer data)
{
  UdRecordFilter *filter = data;

  g_free ((char *) filter->field);
  g_free ((char *) filter->value);
}

static QueryData *
build_query (UdRecordTable *self)
{
  QueryData *query = g_new0 (QueryData, 1);
  GHashTableIter iter;
  gpointer field;
  gpointer value;

  query->strings = g_ptr_array_new_with_free_func (g_free);
  query->filters = g_array_new (FALSE, FALSE, sizeof (UdRecordFilter));
  query->query.kind = self->kind;
  query->query.text = self->text != NULL ? keep (query, self->text) : NULL;
  query->query.sort_field = self->sort_field != NULL ? keep (query, self->sort_field) : NULL;
  query->query.descending = self->descending;

  g_hash_table_iter_init (&iter, self->fixed_filters);
  while (g_hash_table_iter_next (&iter, &field, &value))
    add_filter (query, field, UD_RECORD_FILTER_EQUALS, value);
  for (guint i = 0; i < self->fixed_conditions->len; i++)
    {
      const UdRecordFilter *fixed = &g_array_index (self->fixed_conditions, UdRecordFilter, i);
      UdRecordFilter filter = { keep (query, fixed->field), fixed->op, fixed->value != NULL ? keep (query, fixed->value) : NULL };

      g_array_append_val (query->filters, filter);
    }
  query->n_fixed = query->filters->len;
  g_hash_table_iter_init (&iter, self->section_filters);
  while (g_hash_table_iter_next (&iter, &field, &value))
    add_filter (query, field, UD_RECORD_FILTER_EQUALS, value);
  query->n_section = query->filters->len - query->n_fixed;
  query->search_limit = self->text != NULL ? self->search_limit : 0;

  for (guint i = 0; i < self->choice_filters->len; i++)
    {
      ChoiceFilter *filter = &g_array_index (self->choice_filters, ChoiceFilter, i);
      guint selected = gtk_drop_down_get_selected (filter->drop_down);
      guint first = filter->any ? 2 : 1;

      /* The first item is "all". */
      if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
        continue;

      if (filter->ids != NULL)
        {
          g_autofree char *id = NULL;

          if (selected >= filter->ids->len)
            continue;
          id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (filter->ids, gint64, selected));
          add_filter (query, filter->field->name, UD_RECORD_FILTER_EQUALS, id);
        }
      else if (filter->any && selected == 1)
        add_filter (query, filter->field->name, UD_RECORD_FILTER_NOT_EMPTY, NULL);
      else if (selected >= first && selected - first < filter->field->n_choices)
        add_filter (query, filter->field->name, UD_RECORD_FILTER_EQUALS,
                    filter->field->choices[selected - first].value);
    }

  query->query.filters = (const UdRecordFilter *)(gpointer)query->filters->data;
  query->query.n_filters = query->filters->len;

  return query;
}

static gpointer
query_job (UdDatabase   *db,
           gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  QueryData *query = data;
  g_autoptr(UdRecordCursor) next = NULL;
  g_autoptr(GArray) ids = NULL;
  QueryResult *result;

  /* The first screenful, then, for the whole list, what follows it:
   * keyset paging, never an offset.  A search with a limit is one query
   * (the kind ranks its best matches at once). */
  query->query.limit = query->search_limit > 0 && !query->first_only ? query->search_limit + 1 : FIRST_PAGE;
  ids = ud_record_store_query (db, &query->query, &next, cancellable, error);
  if (ids == NULL)
    return NULL;

  /* A search with a limit: one record more says that there are more. */
  if (next != NULL && !query->first_only &&
      (query->search_limit == 0 || ids->len <= query->search_limit))
    {
      g_autoptr(GArray) rest = NULL;

      query->query.after = next;
      query->query.limit = query->search_limit > 0 ? query->search_limit + 1 - ids->len : 0;
      rest = ud_record_store_query (db, &query->query, NULL, cancellable, error);
      if (rest == NULL)
        return NULL;
      g_array_append_vals (ids, rest->data, rest->len);
    }

  result = g_new0 (QueryResult, 1);
  if (query->search_limit > 0 && ids->len > query->search_limit)
    {
      g_array_set_size (ids, query->search_limit);
      result->more = !query->first_only;
    }
  result->shown = ids->len;
  result->ids = g_steal_pointer (&ids);
  if (query->first_only)
    return result;

  /* "3 of 120": the count without the user's search and filters (the
   * section's fixed ones, first in the list, stay). */
  result->filtered = query->query.text != NULL || query->query.n_filters > query->n_fixed;
  result->total = result->shown;
  if (result->filtered)
    {
      UdRecordQuery all = { query->query.kind };

      all.filters = query->query.filters;
      all.n_filters = query->n_fixed;
      result->total = ud_record_store_count (db, &all, cancellable, error);
      if (result->total < 0)
        {
          query_result_free (result);
          return NULL;
        }
    }

  /* Nothing found with the section's filters (a year): how many the
   * same search finds without them, so that an empty list does not
   * hide them. */
  if (result->shown == 0 && query->n_section > 0)
    {
      g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (UdRecordFilter));
      UdRecordQuery elsewhere = query->query;

      g_array_append_vals (others, query->query.filters, query->n_fixed);
      g_array_append_vals (others, query->query.filters + query->n_fixed + query->n_section,
                           query->query.n_filters - query->n_fixed - query->n_section);
      elsewhere.filters = (const UdRecordFilter *) (gpointer) others->data;
      elsewhere.n_filters = others->len;
      elsewhere.after = NULL;
      elsewhere.limit = 0;
      result->elsewhere = ud_record_store_count (db, &elsewhere, cancellable, error);
      if (result->elsewhere < 0)
        {
          query_result_free (result);
          return NULL;
        }
    }

  return result;
}

static void
set_busy (UdRecordTable *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* "120 in all", "3 of 120", or for a search that found more than the
 * table shows, "1,000+ of 3,000". */
static char *
default_count (guint64  shown,
               guint64  total,
               gboolean filtered,
               gboolean more)
{
  g_autofree char *total_text = ud_format_count (total);
  g_autofree char *shown_text = ud_format_count (shown);

  if (more)
    /* Translators: a search found more records than the list shows,
     * "1,000+ of 3,000" */
    return g_strdup_printf (_("%s+ of %s"), shown_text, total_text);

  if (!filtered)
    /* Translators: the number of records a list holds, "120 in all" */
    return g_strdup_printf (_("%s in all"), total_text);

  /* Translators: how many records a search found, "3 of 120" */
  return g_strdup_printf (_("%s of %s"), shown_text, total_text);
}

static void
set_count (UdRecordTable *self,
           guint64        shown,
           guint64        total,
           gboolean       filtered,
           gboolean       more)
{
  UdRecordCountFunc func = more ? self->more_count_func : self->count_func;

  g_free (self->count_text);
  self->count_text = func != NULL ? func (shown, total, filtered) : default_count (shown, total, filtered, more);
  gtk_label_set_label (self->count_label, self->count_text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_TEXT]);
}

static void
replace_ids (UdRecordTable *self,
             GArray        *ids)
{
  gint64 id = ud_record_table_get_selected_id (self);
  guint position;

  /* GtkSingleSelection looks for a selected item that was replaced
   * among all the new items, one get_item() each: unselect first, and
   * select the same record again by id. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  ud_record_model_set_ids (self->model, ids);

  if (id != 0)
    {
      position = ud_record_model_find (self->model, id);
      if (position != G_MAXUINT)
        gtk_single_selection_set_selected (self->selection, position);
    }
}

static void
query_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  QueryResult *answer;
  UdRecordTable *self;

  answer = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_RECORD_TABLE (user_data);
  set_busy (self, FALSE);
  gtk_spinner_stop (self->spinner);

  if (answer == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      if (!self->loaded_once)
        gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  self->loaded_once = TRUE;
  self->elsewhere = answer->elsewhere;
  replace_ids (self, g_steal_pointer (&answer->ids));
  set_count (self, (guint64) answer->shown, (guint64) answer->total, answer->filtered, answer->more);

  if (answer->total == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (answer->shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  query_result_free (answer);
}

static void
first_page_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  QueryResult *answer;
  UdRecordTable *self;

  answer = ud_db_worker_run_finish (result, &error);
  if (answer == NULL)
    return;  /* cancelled, or the whole query will say what is wrong */

  self = UD_RECORD_TABLE (user_data);
  if (answer->ids->len > 0)
    {
      replace_ids (self, g_steal_pointer (&answer->ids));
      gtk_spinner_stop (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
  query_result_free (answer);
}

static void
run_query (UdRecordTable *self)
{
  if (self->worker == NULL || self->kind == NULL)
    return;

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  self->query_cancellable = g_cancellable_new ();

  if (!self->loaded_once)
    {
      QueryData *first = build_query (self);

      first->first_only = TRUE;
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->spinner);
      ud_db_worker_run_async (self->worker, query_job, first, query_data_free,
                              query_result_free, self->query_cancellable,
                              first_page_done, self);
    }

  set_busy (self, TRUE);
  ud_db_worker_run_async (self->worker, query_job, build_query (self), query_data_free,
                          query_result_free, self->query_cancellable,
                          query_done, self);
}

/* Columns ---------------------------------------------------------------- */

static void
update_cell (GtkInscription *cell,
             UdRecordItem   *item)
{
  Column *column = g_object_get_data (G_OBJECT (cell), "ud-column");
  UdRecord *record = ud_record_item_get_record (item);
  g_autofree char *text = NULL;

  if (record != NULL && column->table->display_func != NULL)
    text = column->table->display_func (column->field, record, column->table->masked,
                                        column->table->display_data);
  if (record != NULL && text == NULL)
    text = ud_field_display (column->field, ud_record_get_nth (record, column->index),
                             column->table->masked);

  gtk_inscription_set_text (cell, text);
}

static void
on_item_loaded (UdRecordItem   *item,
                GParamSpec     *pspec,
                GtkInscription *cell)
{
  update_cell (cell, item);
}

static guint
text_columns (const char *text)
{
  guint columns = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    columns += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;

  return columns;
}

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            Column                   *column)
{
  const UdField *field = column->field;
  GtkWidget *cell = gtk_inscription_new (NULL);
  guint width = MAX (field->width_chars, 4);

  /* Names and units are Chinese: a character is two columns wide. */
  if (field->type == UD_FIELD_TEXT || field->type == UD_FIELD_REFERENCE)
    width *= 2;

  /* A choice is as wide as its longest label, in the language shown. */
  for (guint i = 0; i < field->n_choices; i++)
    width = MAX (width, text_columns (_(field->choices[i].label)));

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), MIN (width, 6));
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), width);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);

  switch ((int)field->type)
    {
    case UD_FIELD_MONEY:
    case UD_FIELD_INT:
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
      G_GNUC_FALLTHROUGH;
    case UD_FIELD_ID_NUMBER:
    case UD_FIELD_PHONE:
    case UD_FIELD_CARD:
    case UD_FIELD_CREDIT_CODE:
    case UD_FIELD_DATE:
      /* A code is read whole or not at all: never cut short (the
       * Chinese fonts' digits are wider than the Latin ones). */
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), width + 2);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), width + 2);
      gtk_widget_add_css_class (cell, "numeric");
      break;

    default:
      break;
    }

  g_object_set_data (G_OBJECT (cell), "ud-column", column);
  gtk_list_item_set_child (list_item, cell);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           Column                   *column)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  UdRecordItem *item = gtk_list_item_get_item (list_item);

  update_cell (GTK_INSCRIPTION (cell), item);
  g_signal_connect_object (item, "notify::loaded", G_CALLBACK (on_item_loaded), cell, 0);
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             Column                   *column)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  UdRecordItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_item_loaded, cell);
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), NULL);
}

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  Column *column = user_data;

  /* Called only by on_sort_changed()'s probe: the first sorter asked is
   * the primary sort column. */
  if (column->table->probe_column == NULL)
    column->table->probe_column = column;

  return -1;
}

static void
on_sort_changed (GtkSorter       *sorter,
                 GtkSorterChange  change,
                 UdRecordTable   *self)
{
  GtkOrdering order;
  Column *primary;

  if (self->worker == NULL || self->resorting)
    return;

  /* GTK 4.8 cannot say which column the user picked, but the column
   * view's sorter asks the columns' sorters in order and inverts a
   * descending one: compare two things once and watch who is asked. */
  self->probe_column = NULL;
  order = gtk_sorter_compare (sorter, self, self->search_entry);
  primary = self->probe_column;
  self->probe_column = NULL;

  g_clear_pointer (&self->sort_field, g_free);
  self->descending = FALSE;
  if (primary != NULL && order != GTK_ORDERING_EQUAL)
    {
      self->sort_field = g_strdup (primary->field->name);
      self->descending = (order == GTK_ORDERING_LARGER);

      /* SQL sorts by one column: drop the earlier ones GTK keeps as
       * secondary keys, so that only one header shows an arrow. */
      self->resorting = TRUE;
      gtk_column_view_sort_by_column (self->column_view, primary->column,
                                      self->descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      /* GTK 4.8 leaves the arrow on the header it dropped: setting the
       * sorter again redraws it. */
      for (guint i = 0; i < self->columns->len; i++)
        {
          Column *column = g_ptr_array_index (self->columns, i);
          g_autoptr(GtkSorter) column_sorter = NULL;

          if (column == primary || gtk_column_view_column_get_sorter (column->column) == NULL)
            continue;

          column_sorter = g_object_ref (gtk_column_view_column_get_sorter (column->column));
          gtk_column_view_column_set_sorter (column->column, NULL);
          gtk_column_view_column_set_sorter (column->column, column_sorter);
        }
      self->resorting = FALSE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_FIELD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_DESCENDING]);
  run_query (self);
}

/* The field the list is sorted by, as the user chose it or the kind's
 * order. */
static const char *
sort_field_name (UdRecordTable *self)
{
  if (self->sort_field != NULL)
    return self->sort_field;
  if (self->kind == NULL)
    return NULL;

  return self->kind->sort_field != NULL ? self->kind->sort_field : self->kind->fields[0].name;
}

/* Shows the arrow on @field's header and sorts by it. */
static void
set_sort (UdRecordTable *self,
          const char    *field,
          gboolean       descending)
{
  Column *sorted = NULL;

  for (guint i = 0; field != NULL && i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      if (g_str_equal (column->field->name, field) &&
          gtk_column_view_column_get_sorter (column->column) != NULL)
        sorted = column;
    }

  if (sorted == NULL ||
      (g_strcmp0 (sort_field_name (self), field) == 0 && self->descending == descending))
    return;

  self->resorting = TRUE;
  gtk_column_view_sort_by_column (self->column_view, sorted->column,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->resorting = FALSE;
  g_free (self->sort_field);
  self->sort_field = g_strdup (field);
  self->descending = descending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_FIELD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_DESCENDING]);
  run_query (self);
}

static void
setup_columns (UdRecordTable *self)
{
  for (guint i = 0; i < self->kind->n_fields; i++)
    {
      const UdField *field = &self->kind->fields[i];
      g_autoptr(GtkColumnViewColumn) view_column = NULL;
      GtkListItemFactory *factory;
      Column *column;

      if ((field->flags & UD_FIELD_LIST) == 0)
        continue;

      column = g_new0 (Column, 1);
      column->table = self;
      column->field = field;
      column->index = i;
      g_ptr_array_add (self->columns, column);

      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), column);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), column);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), column);

      view_column = gtk_column_view_column_new (_(field->label), factory);
      column->column = view_column;
      gtk_column_view_column_set_resizable (view_column, TRUE);
      /* Spare width goes to the first text column: the name. */
      gtk_column_view_column_set_expand (view_column, self->columns->len == 1);

      if ((field->flags & UD_FIELD_SORTABLE) != 0)
        {
          g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, column, NULL));

          gtk_column_view_column_set_sorter (view_column, sorter);
        }

      gtk_column_view_append_column (self->column_view, view_column);
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sort_changed), self, 0);
}

/* Filters ---------------------------------------------------------------- */

static void
on_filter_changed (UdRecordTable *self)
{
  run_query (self);
}

static void update_filters_shown (UdRecordTable *self);

static char *
all_label (const UdField *field)
{
  /* Translators: the item of a list's filter that shows every record,
   * "Unit type: All" */
  return g_strdup_printf (_("%s: All"), _(field->label));
}

static void
setup_filters (UdRecordTable *self)
{
  for (guint i = 0; i < self->kind->n_fields; i++)
    {
      const UdField *field = &self->kind->fields[i];
      g_autoptr(GtkStringList) items = NULL;
      g_autofree char *all = NULL;
      g_autofree char *tooltip = NULL;
      ChoiceFilter filter = { field };
      GtkWidget *drop_down;

      if ((field->flags & UD_FIELD_FILTER) == 0 ||
          (field->type != UD_FIELD_CHOICE &&
           (field->type != UD_FIELD_REFERENCE || field->reference == NULL)))
        continue;

      items = gtk_string_list_new (NULL);
      all = all_label (field);
      gtk_string_list_append (items, all);
      if (field->type == UD_FIELD_REFERENCE)
        {
          /* The records it may name come from the worker. */
          filter.ids = g_array_new (FALSE, TRUE, sizeof (gint64));
          g_array_set_size (filter.ids, 1);
        }
      /* A field that may be left empty: "any value" shows the records
       * that have one (any model-worker title). */
      filter.any = field->type == UD_FIELD_CHOICE && (field->flags & UD_FIELD_REQUIRED) == 0 &&
                   field->default_value == NULL;
      if (filter.any)
        {
          /* Translators: the item of a list's filter that shows the
           * records with any value of the field, "Model-worker title: Any" */
          g_autofree char *any = g_strdup_printf (_("%s: Any"), _(field->label));

          gtk_string_list_append (items, any);
        }
      for (guint j = 0; j < field->n_choices; j++)
        gtk_string_list_append (items, _(field->choices[j].label));

      drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&items)), NULL);
      if (filter.ids != NULL)
        {
          /* Many units: typing finds one. */
          gtk_drop_down_set_expression (GTK_DROP_DOWN (drop_down),
                                        gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
          gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
        }
      /* Translators: the tooltip of a list's filter, "Filter by Unit type" */
      tooltip = g_strdup_printf (_("Filter by %s"), _(field->label));
      gtk_widget_set_tooltip_text (drop_down, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      /* In the kind's order. */
      gtk_box_append (GTK_BOX (self->filter_bar), drop_down);
      g_signal_connect_object (drop_down, "notify::selected",
                               G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);

      filter.drop_down = GTK_DROP_DOWN (drop_down);
      g_array_append_val (self->choice_filters, filter);
    }
  update_filters_shown (self);

  /* With filters, the count goes after them, on their row. */
  if (self->choice_filters->len > 0)
    {
      g_object_ref (self->busy_spinner);
      g_object_ref (self->count_label);
      gtk_box_remove (GTK_BOX (self->search_bar), GTK_WIDGET (self->busy_spinner));
      gtk_box_remove (GTK_BOX (self->search_bar), GTK_WIDGET (self->count_label));
      gtk_widget_set_hexpand (GTK_WIDGET (self->busy_spinner), TRUE);
      gtk_widget_set_halign (GTK_WIDGET (self->busy_spinner), GTK_ALIGN_END);
      gtk_box_append (GTK_BOX (self->filter_bar), GTK_WIDGET (self->busy_spinner));
      gtk_box_append (GTK_BOX (self->filter_bar), GTK_WIDGET (self->count_label));
      g_object_unref (self->busy_spinner);
      g_object_unref (self->count_label);
      gtk_widget_set_visible (self->filter_bar, TRUE);
    }
}

/* The records a reference filter may name, read on the worker. */
typedef struct
{
  UdRecordTable *table;   /* unowned: the job is cancelled with it */
  const UdKind  *kind;
  guint          index;   /* in choice_filters */
} ReferenceList;

static gpointer
references_job (UdDatabase   *db,
                gpointer      data,
                GCancellable *cancellable,
                GError      **error)
{
  ReferenceList *list = data;
  UdRecordQuery all = { list->kind };

  return ud_record_store_list (db, &all, error);
}

static void
references_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GtkStringList) items = NULL;
  g_autofree char *all = NULL;
  g_autofree ReferenceList *list = user_data;
  UdRecordTable *self;
  ChoiceFilter *filter;
  guint selected;
  gint64 selected_id = 0;
  guint keep = 0;

  records = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = list->table;
  if (records == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  filter = &g_array_index (self->choice_filters, ChoiceFilter, list->index);
  selected = gtk_drop_down_get_selected (filter->drop_down);
  if (selected != GTK_INVALID_LIST_POSITION && selected < filter->ids->len)
    selected_id = g_array_index (filter->ids, gint64, selected);

  items = gtk_string_list_new (NULL);
  all = all_label (filter->field);
  gtk_string_list_append (items, all);
  g_array_set_size (filter->ids, 1);
  for (guint i = 0; i < records->len; i++)
    {
      UdRecord *record = g_ptr_array_index (records, i);
      g_autofree char *title = ud_record_get_title (record);

      gtk_string_list_append (items, title);
      g_array_append_val (filter->ids, record->id);
      if (record->id == selected_id)
        keep = i + 1;
    }

  g_signal_handlers_block_by_func (filter->drop_down, on_filter_changed, self);
  gtk_drop_down_set_model (filter->drop_down, G_LIST_MODEL (items));
  gtk_drop_down_set_selected (filter->drop_down, keep);
  g_signal_handlers_unblock_by_func (filter->drop_down, on_filter_changed, self);

  /* The record chosen went away: every record again. */
  if (keep == 0 && selected_id != 0)
    run_query (self);
}

static void
load_references (UdRecordTable *self)
{
  if (self->worker == NULL)
    return;

  for (guint i = 0; i < self->choice_filters->len; i++)
    {
      ChoiceFilter *filter = &g_array_index (self->choice_filters, ChoiceFilter, i);
      ReferenceList *list;

      /* A drop-down not shown (the section fixed its field, or hid the
       * filters) lists nothing: a member's honours need not read the roll. */
      if (filter->ids == NULL || !gtk_widget_get_visible (GTK_WIDGET (filter->drop_down)))
        continue;

      list = g_new0 (ReferenceList, 1);
      list->table = self;
      list->kind = ud_kind_lookup (filter->field->reference->kind);
      list->index = i;
      if (list->kind == NULL)
        {
          g_free (list);
          continue;
        }
      /* The list is the callback's, which frees it. */
      ud_db_worker_run_async (self->worker, references_job, list, NULL,
                              (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                              references_done, list);
    }
}

/* Whether a change of @changed (NULL: of every kind) touches the records
 * a reference filter lists. */
static gboolean
references_changed (UdRecordTable *self,
                    const char    *changed)
{
  for (guint i = 0; i < self->choice_filters->len; i++)
    {
      ChoiceFilter *filter = &g_array_index (self->choice_filters, ChoiceFilter, i);

      if (filter->ids != NULL && ud_db_worker_kind_changed (filter->field->reference->kind, changed))
        return TRUE;
    }

  return FALSE;
}

/* Signals ---------------------------------------------------------------- */

static void
on_search_changed (GtkSearchEntry *entry,
                   UdRecordTable  *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_clear_pointer (&self->text, g_free);
  if (text[0] != '\0')
    self->text = g_steal_pointer (&text);

  run_query (self);
}

static void
on_stop_search (GtkSearchEntry *entry,
                UdRecordTable  *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_row_activated (GtkColumnView *column_view,
                  guint          position,
                  UdRecordTable *self)
{
  g_signal_emit (self, signals[ACTIVATE_RECORD], 0, ud_record_model_get_id (self->model, position));
}

static void
on_selection_changed (UdRecordTable *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

/* Saved, deleted, imported or pulled elsewhere: new rows, and new
 * contents for those on screen. */
static void
on_records_changed (UdDbWorker    *worker,
                    const char    *kind,
                    UdRecordTable *self)
{
  if (references_changed (self, kind))
    load_references (self);

  if (!ud_db_worker_kind_changed (self->kind->name, kind))
    return;

  run_query (self);
  ud_record_model_invalidate_live (self->model);
}

static void
on_load_failed (UdRecordModel *model,
                const GError  *error,
                UdRecordTable *self)
{
  ud_widget_show_message (GTK_WIDGET (self), error->message);
}

static void
on_show_full_identifiers_changed (GSettings     *settings,
                                  const char    *key,
                                  UdRecordTable *self)
{
  self->masked = !g_settings_get_boolean (settings, key);
  if (self->model != NULL)
    ud_record_model_refresh (self->model);
}

/* Deleting, with undo ---------------------------------------------------- */

typedef struct
{
  GWeakRef  table;
  gint64    id;
  char     *title;
} DeleteData;

static void
delete_data_free (gpointer data)
{
  DeleteData *delete = data;

  g_weak_ref_clear (&delete->table);
  g_free (delete->title);
  g_free (delete);
}

static void
undelete_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ud_db_worker_delete_record_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ud_widget_show_message (GTK_WIDGET (user_data), error->message);
}

static void
on_undo_delete (AdwToast      *toast,
                UdRecordTable *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "ud-record-id"));

  ud_db_worker_delete_record_async (self->worker, self->kind, id, TRUE,
                                    self->cancellable, undelete_done, self);
}

static void
delete_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  DeleteData *delete = user_data;
  g_autoptr(UdRecordTable) self = g_weak_ref_get (&delete->table);
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (!ud_db_worker_delete_record_finish (result, &error) && self != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ud_widget_show_message (GTK_WIDGET (self), error->message);

  if (self == NULL || error != NULL)
    {
      delete_data_free (delete);
      return;
    }

  escaped = g_markup_escape_text (delete->title != NULL ? delete->title : "", -1);
  /* Translators: a record was deleted: "“朝阳区某某公司工会” deleted" */
  toast = adw_toast_new_format (_("“%s” deleted"), escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* Not ADW_TOAST_PRIORITY_HIGH: libadwaita 1.2 aborts when a high one
   * pushes back a toast still sliding in ("Unit saved" a moment before). */
  g_object_set_data (G_OBJECT (toast), "ud-record-id", GSIZE_TO_POINTER ((gsize)delete->id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete), self, 0);
  ud_widget_show_toast (GTK_WIDGET (self), toast);

  delete_data_free (delete);
}

void
ud_record_table_delete_selected (UdRecordTable *self)
{
  UdRecord *record;
  DeleteData *delete;

  g_return_if_fail (UD_IS_RECORD_TABLE (self));

  record = ud_record_table_get_selected (self);
  if (record == NULL || self->worker == NULL)
    return;

  delete = g_new0 (DeleteData, 1);
  g_weak_ref_init (&delete->table, self);
  delete->id = record->id;
  delete->title = ud_record_get_title (record);

  ud_db_worker_delete_record_async (self->worker, self->kind, record->id, FALSE,
                                    NULL, delete_done, delete);
}

/* Exporting -------------------------------------------------------------- */

typedef struct
{
  GWeakRef   table;
  QueryData *query;
  char      *path;
  AdwToast  *toast;     /* main thread only */
  guint      done;      /* atomic */
  guint      total;     /* atomic */
  guint      idle_id;   /* atomic: 0 when no update is queued */
  guint      show_id;   /* main thread: the toast is not shown yet */
  gint64     shown_at;  /* main thread: when the toast was shown, or 0 */
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_weak_ref_clear (&job->table);
  g_clear_object (&job->toast);
  g_clear_pointer (&job->query, query_data_free);
  g_free (job->path);
  g_free (job);
}

static gboolean
export_progress_idle (gpointer data)
{
  ExportJob *job = g_task_get_task_data (G_TASK (data));
  guint done = g_atomic_int_get (&job->done);
  guint total = g_atomic_int_get (&job->total);
  g_autofree char *title = NULL;

  g_atomic_int_set (&job->idle_id, 0);
  if (total > 0)
    {
      /* Translators: an export's progress, "Exporting… 40%" */
      title = g_strdup_printf (_("Exporting… %u%%"), (guint)((guint64)done * 100 / total));
      adw_toast_set_title (job->toast, title);
    }

  return G_SOURCE_REMOVE;
}

static void
export_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  GTask *task = user_data;
  ExportJob *job = g_task_get_task_data (task);

  g_atomic_int_set (&job->done, done);
  g_atomic_int_set (&job->total, total);
  if (g_atomic_int_compare_and_exchange (&job->idle_id, 0, 1))
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT_IDLE, export_progress_idle,
                                g_object_ref (task), g_object_unref);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  UdDbWorker *worker = g_object_get_data (G_OBJECT (task), "ud-worker");
  g_autoptr(UdDatabase) db = NULL;
  GError *error = NULL;
  gint64 n;

  /* A connection of its own: the worker's lists stay quick meanwhile.
   * The list as shown: its filters, search and order, recorded with the
   * export in the audit trail. */
  db = ud_db_worker_open_connection (worker, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  n = ud_export_list (db, &job->query->query, job->path, export_progress, task, cancellable, &error);
  if (n < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

/* Longer than any toast animation of libadwaita 1.2 (500 ms), which
 * frees a toast dismissed while it slides in. */
#define TOAST_SETTLE_MS 700

static gboolean
dismiss_toast_later (gpointer data)
{
  adw_toast_dismiss (ADW_TOAST (data));

  return G_SOURCE_REMOVE;
}

/* A progress toast only for an export that takes a while. */
static gboolean
show_export_toast (gpointer data)
{
  ExportJob *job = g_task_get_task_data (G_TASK (data));
  g_autoptr(UdRecordTable) self = g_weak_ref_get (&job->table);

  job->show_id = 0;
  if (self != NULL)
    {
      ud_widget_show_toast (GTK_WIDGET (self), g_object_ref (job->toast));
      job->shown_at = g_get_monotonic_time ();
    }

  return G_SOURCE_REMOVE;
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(UdRecordTable) self = g_weak_ref_get (&job->table);
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  gssize n;

  n = g_task_propagate_int (G_TASK (result), &error);
  if (job->show_id != 0)
    {
      g_clear_handle_id (&job->show_id, g_source_remove);
    }
  else if (job->shown_at != 0)
    {
      gint64 shown_ms = (g_get_monotonic_time () - job->shown_at) / 1000;

      if (shown_ms < TOAST_SETTLE_MS)
        g_timeout_add_full (G_PRIORITY_DEFAULT, TOAST_SETTLE_MS - shown_ms,
                            dismiss_toast_later, g_object_ref (job->toast), g_object_unref);
      else
        adw_toast_dismiss (job->toast);
    }
  if (self == NULL)
    return;

  if (error != NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self),
                              g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                              ? _("Export cancelled") : error->message);
      return;
    }

  count = ud_format_count ((guint64) n);
  /* Translators: "Exported 120 records" */
  ud_widget_show_toast (GTK_WIDGET (self),
                        adw_toast_new_format (ngettext ("Exported %s record", "Exported %s records",
                                                        (gulong) n),
                                              count));
}

void
ud_record_table_export (UdRecordTable *self,
                        GFile         *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *path = NULL;
  ExportJob *job;

  g_return_if_fail (UD_IS_RECORD_TABLE (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL || self->worker == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), _("Records can only be exported to a file on this computer."));
      return;
    }

  cancellable = g_cancellable_new ();
  job = g_new0 (ExportJob, 1);
  g_weak_ref_init (&job->table, self);
  job->query = build_query (self);
  job->path = g_steal_pointer (&path);
  job->toast = adw_toast_new (_("Exporting…"));
  adw_toast_set_timeout (job->toast, 0);
  adw_toast_set_button_label (job->toast, _("_Cancel"));
  g_signal_connect_object (job->toast, "button-clicked", G_CALLBACK (g_cancellable_cancel),
                           cancellable, G_CONNECT_SWAPPED);

  task = g_task_new (NULL, cancellable, export_done, NULL);
  g_task_set_source_tag (task, ud_record_table_export);
  g_task_set_task_data (task, job, export_job_free);
  job->show_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 500, show_export_toast,
                                     g_object_ref (task), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "ud-worker", g_object_ref (self->worker), g_object_unref);
  g_task_run_in_thread (task, export_thread);
}

static void
on_export_chosen (GtkWidget *owner,
                  GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *lower = g_ascii_strdown (path != NULL ? path : "", -1);
  g_autoptr(GFile) target = NULL;

  /* The name decides the format; without an extension, CSV. */
  if (path != NULL && !g_str_has_suffix (lower, ".csv") && !g_str_has_suffix (lower, ".xlsx"))
    {
      g_autofree char *with_extension = g_strconcat (path, ".csv", NULL);

      target = g_file_new_for_path (with_extension);
    }

  ud_record_table_export (UD_RECORD_TABLE (owner), target != NULL ? target : file);
}

void
ud_record_table_choose_export (UdRecordTable *self,
                               const char    *title,
                               const char    *file_name)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GtkRoot *root;

  g_return_if_fail (UD_IS_RECORD_TABLE (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV (Excel-compatible, UTF-8)"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_set_name (xlsx, _("Excel Workbook (.xlsx)"));
  gtk_file_filter_add_pattern (xlsx, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  name = g_strconcat (file_name, ".csv", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  ud_file_chooser_run (chooser, GTK_WIDGET (self), on_export_chosen);
}

/* GObject ---------------------------------------------------------------- */

static void
ud_record_table_dispose (GObject *object)
{
  UdRecordTable *self = (UdRecordTable *)object;

  /* Tearing the columns down changes the sorter, which would query
   * again: with no worker, nothing is queried any more. */
  g_clear_object (&self->worker);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->query_cancellable);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_RECORD_TABLE);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ud_record_table_parent_class)->dispose (object);
}

static void
ud_record_table_finalize (GObject *object)
{
  UdRecordTable *self = (UdRecordTable *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->query_cancellable);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  for (guint i = 0; self->choice_filters != NULL && i < self->choice_filters->len; i++)
    g_clear_pointer (&g_array_index (self->choice_filters, ChoiceFilter, i).ids, g_array_unref);
  g_clear_pointer (&self->choice_filters, g_array_unref);
  g_clear_pointer (&self->fixed_filters, g_hash_table_unref);
  g_clear_pointer (&self->fixed_conditions, g_array_unref);
  g_clear_pointer (&self->section_filters, g_hash_table_unref);
  g_free (self->text);
  g_free (self->sort_field);
  g_free (self->count_text);

  G_OBJECT_CLASS (ud_record_table_parent_class)->finalize (object);
}

static void
set_kind (UdRecordTable *self,
          const UdKind  *kind)
{
  g_return_if_fail (self->kind == NULL);

  self->kind = kind;
  setup_columns (self);
  setup_filters (self);
}

static void
ud_record_table_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UdRecordTable *self = UD_RECORD_TABLE (object);

  switch (prop_id)
    {
    case PROP_KIND_NAME:
      g_value_set_string (value, self->kind != NULL ? self->kind->name : NULL);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_COUNT_TEXT:
      g_value_set_string (value, self->count_text);
      break;

    case PROP_SELECTED_ID:
      g_value_set_int64 (value, ud_record_table_get_selected_id (self));
      break;

    case PROP_SORT_FIELD:
      g_value_set_string (value, sort_field_name (self));
      break;

    case PROP_SORT_DESCENDING:
      g_value_set_boolean (value, self->descending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_record_table_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  UdRecordTable *self = UD_RECORD_TABLE (object);

  switch (prop_id)
    {
    case PROP_KIND_NAME:
      if (g_value_get_string (value) != NULL)
        {
          const UdKind *kind = ud_kind_lookup (g_value_get_string (value));

          g_return_if_fail (kind != NULL);
          set_kind (self, kind);
        }
      break;

    case PROP_SEARCH_HINT:
      g_object_set (self->search_entry, "placeholder-text", g_value_get_string (value), NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, g_value_get_string (value), -1);
      break;

    case PROP_EMPTY_TITLE:
      adw_status_page_set_title (self->empty_page, g_value_get_string (value));
      break;

    case PROP_EMPTY_DESCRIPTION:
      adw_status_page_set_description (self->empty_page, g_value_get_string (value));
      break;

    case PROP_EMPTY_ICON_NAME:
      adw_status_page_set_icon_name (self->empty_page, g_value_get_string (value));
      break;

    case PROP_EMPTY_CHILD:
      adw_status_page_set_child (self->empty_page, g_value_get_object (value));
      break;

    case PROP_NO_RESULTS_TITLE:
      adw_status_page_set_title (self->no_results_page, g_value_get_string (value));
      break;

    case PROP_NO_RESULTS_DESCRIPTION:
      adw_status_page_set_description (self->no_results_page, g_value_get_string (value));
      break;

    case PROP_NO_RESULTS_CHILD:
      adw_status_page_set_child (self->no_results_page, g_value_get_object (value));
      break;

    case PROP_SHOW_FILTERS:
      ud_record_table_set_show_filters (self, g_value_get_boolean (value));
      break;

    case PROP_SORT_FIELD:
      set_sort (self, g_value_get_string (value), self->descending);
      break;

    case PROP_SORT_DESCENDING:
      set_sort (self, sort_field_name (self), g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_record_table_class_init (UdRecordTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags write_only = G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ud_record_table_dispose;
  object_class->finalize = ud_record_table_finalize;
  object_class->get_property = ud_record_table_get_property;
  object_class->set_property = ud_record_table_set_property;

  properties[PROP_KIND_NAME] =
    g_param_spec_string ("kind-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_HINT] =
    g_param_spec_string ("search-hint", NULL, NULL, NULL, write_only);
  properties[PROP_EMPTY_TITLE] =
    g_param_spec_string ("empty-title", NULL, NULL, NULL, write_only);
  properties[PROP_EMPTY_DESCRIPTION] =
    g_param_spec_string ("empty-description", NULL, NULL, NULL, write_only);
  properties[PROP_EMPTY_ICON_NAME] =
    g_param_spec_string ("empty-icon-name", NULL, NULL, NULL, write_only);
  properties[PROP_EMPTY_CHILD] =
    g_param_spec_object ("empty-child", NULL, NULL, GTK_TYPE_WIDGET, write_only);
  properties[PROP_NO_RESULTS_TITLE] =
    g_param_spec_string ("no-results-title", NULL, NULL, NULL, write_only);
  properties[PROP_NO_RESULTS_DESCRIPTION] =
    g_param_spec_string ("no-results-description", NULL, NULL, NULL, write_only);
  properties[PROP_NO_RESULTS_CHILD] =
    g_param_spec_object ("no-results-child", NULL, NULL, GTK_TYPE_WIDGET, write_only);
  properties[PROP_SHOW_FILTERS] =
    g_param_spec_boolean ("show-filters", NULL, NULL, TRUE, write_only);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, read_only);
  properties[PROP_COUNT_TEXT] =
    g_param_spec_string ("count-text", NULL, NULL, NULL, read_only);
  properties[PROP_SELECTED_ID] =
    g_param_spec_int64 ("selected-id", NULL, NULL, 0, G_MAXINT64, 0, read_only);
  /* What the list is sorted by: a header click, or a section that keeps
   * it (g_settings_bind ()). */
  properties[PROP_SORT_FIELD] =
    g_param_spec_string ("sort-field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_DESCENDING] =
    g_param_spec_boolean ("sort-descending", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UdRecordTable::activate-record:
   * @id: the row id of the record
   *
   * A row was activated (double click, Enter): the section opens it.
   */
  signals[ACTIVATE_RECORD] =
    g_signal_new ("activate-record",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/widgets/ud-record-table.ui");
  gtk_widget_class_bind_template_child (widget_class, UdRecordTable, search_bar);
  gtk_widget_class_bind_template_child (widget_class, UdRecordTable, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, UdRecordTable, search_entry);
  gtk_widget_class_bind_template_child (widget_class, UdRecordTable, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, UdRecordTable, count_label);
  gtk_widget_class_bind_template_child (widget_class, UdRecordTable, stack);
  gtk_widget_class_bind_template_child (widget_class, UdRecordTable, empty_page);
  gtk_widget_class_bind_template_child (widget_class, UdRecordTable, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, UdRecordTable, spinner);
  gtk_widget_class_bind_template_child (widget_class, UdRecordTable, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ud_record_table_init (UdRecordTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->cancellable = g_cancellable_new ();
  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->choice_filters = g_array_new (FALSE, FALSE, sizeof (ChoiceFilter));
  self->fixed_filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->fixed_conditions = g_array_new (FALSE, FALSE, sizeof (UdRecordFilter));
  g_array_set_clear_func (self->fixed_conditions, condition_clear);
  self->section_filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->settings = g_settings_new (APP_ID);
  self->masked = !g_settings_get_boolean (self->settings, "show-full-identifiers");
  g_signal_connect_object (self->settings, "changed::show-full-identifiers",
                           G_CALLBACK (on_show_full_identifiers_changed), self, 0);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
}

GtkWidget *
ud_record_table_new (UdDbWorker   *worker,
                     const UdKind *kind)
{
  UdRecordTable *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (UD_TYPE_RECORD_TABLE, "kind-name", kind->name, NULL);
  ud_record_table_set_worker (self, worker);

  return GTK_WIDGET (self);
}

void
ud_record_table_set_worker (UdRecordTable *self,
                            UdDbWorker    *worker)
{
  g_return_if_fail (UD_IS_RECORD_TABLE (self));
  g_return_if_fail (UD_IS_DB_WORKER (worker));
  g_return_if_fail (self->worker == NULL);
  g_return_if_fail (self->kind != NULL);

  self->worker = g_object_ref (worker);
  g_signal_connect_object (worker, "records-changed", G_CALLBACK (on_records_changed), self, 0);

  self->model = ud_record_model_new (worker, self->kind);
  g_signal_connect_object (self->model, "load-failed", G_CALLBACK (on_load_failed), self, 0);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  load_references (self);
  run_query (self);
}

const UdKind *
ud_record_table_get_kind (UdRecordTable *self)
{
  g_return_val_if_fail (UD_IS_RECORD_TABLE (self), NULL);

  return self->kind;
}

void
ud_record_table_set_count_func (UdRecordTable     *self,
                                UdRecordCountFunc  func)
{
  g_return_if_fail (UD_IS_RECORD_TABLE (self));

  self->count_func = func;
}

/* Sets (@value NULL: removes) the condition on @field in @filters. */
static void
set_filter_in (UdRecordTable *self,
               GHashTable    *filters,
               const char    *field,
               const char    *value)
{
  g_return_if_fail (self->kind != NULL && ud_kind_find_field (self->kind, field) != NULL);

  if (value != NULL)
    g_hash_table_replace (filters, g_strdup (field), g_strdup (value));
  else
    g_hash_table_remove (filters, field);

  run_query (self);
}

/* A drop-down is shown unless the filters are hidden or the section
 * fixed its field: a batch's own lines offer no "Batch: All". */
static void
update_filters_shown (UdRecordTable *self)
{
  gboolean load = FALSE;

  for (guint i = 0; i < self->choice_filters->len; i++)
    {
      const ChoiceFilter *filter = &g_array_index (self->choice_filters, ChoiceFilter, i);

      gboolean shown = !self->hide_filters && !g_hash_table_contains (self->fixed_filters, filter->field->name);

      /* A reference's drop-down shown now for the first time: its records. */
      if (shown && filter->ids != NULL && filter->ids->len <= 1 &&
          !gtk_widget_get_visible (GTK_WIDGET (filter->drop_down)))
        load = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (filter->drop_down), shown);
    }

  if (load)
    load_references (self);
}

void
ud_record_table_set_fixed_filter (UdRecordTable *self,
                                  const char    *field,
                                  const char    *value)
{
  g_return_if_fail (UD_IS_RECORD_TABLE (self));

  set_filter_in (self, self->fixed_filters, field, value);
  update_filters_shown (self);
}

void
ud_record_table_add_fixed_condition (UdRecordTable        *self,
                                     const UdRecordFilter *filter)
{
  UdRecordFilter copy;

  g_return_if_fail (UD_IS_RECORD_TABLE (self));
  g_return_if_fail (self->kind != NULL && ud_kind_find_field (self->kind, filter->field) != NULL);

  copy.field = g_strdup (filter->field);
  copy.op = filter->op;
  copy.value = g_strdup (filter->value);
  g_array_append_val (self->fixed_conditions, copy);

  run_query (self);
}

void
ud_record_table_set_show_filters (UdRecordTable *self,
                                  gboolean       show)
{
  g_return_if_fail (UD_IS_RECORD_TABLE (self));

  self->hide_filters = !show;
  update_filters_shown (self);
}

void
ud_record_table_reload (UdRecordTable *self)
{
  g_return_if_fail (UD_IS_RECORD_TABLE (self));

  run_query (self);
}

UdRecordModel *
ud_record_table_get_model (UdRecordTable *self)
{
  g_return_val_if_fail (UD_IS_RECORD_TABLE (self), NULL);

  return self->model;
}

GtkWidget *
ud_record_table_get_column_view (UdRecordTable *self)
{
  g_return_val_if_fail (UD_IS_RECORD_TABLE (self), NULL);

  return GTK_WIDGET (self->column_view);
}

gint64
ud_record_table_get_selected_id (UdRecordTable *self)
{
  guint position;

  g_return_val_if_fail (UD_IS_RECORD_TABLE (self), 0);

  if (self->selection == NULL)
    return 0;

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    return 0;

  return ud_record_model_get_id (self->model, position);
}

UdRecord *
ud_record_table_get_selected (UdRecordTable *self)
{
  UdRecordItem *item;

  g_return_val_if_fail (UD_IS_RECORD_TABLE (self), NULL);

  if (self->selection == NULL)
    return NULL;

  /* The selection holds the item while it is selected. */
  item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? ud_record_item_get_record (item) : NULL;
}

const char *
ud_record_table_get_count_text (UdRecordTable *self)
{
  g_return_val_if_fail (UD_IS_RECORD_TABLE (self), NULL);

  return self->count_text;
}

gboolean
ud_record_table_get_busy (UdRecordTable *self)
{
  g_return_val_if_fail (UD_IS_RECORD_TABLE (self), FALSE);

  return self->busy;
}

void
ud_record_table_set_search_limit (UdRecordTable     *self,
                                  guint              limit,
                                  UdRecordCountFunc  more_count)
{
  g_return_if_fail (UD_IS_RECORD_TABLE (self));

  self->search_limit = limit;
  self->more_count_func = more_count;
}

void
ud_record_table_set_display_func (UdRecordTable       *self,
                                  UdRecordDisplayFunc  func,
                                  gpointer             data)
{
  g_return_if_fail (UD_IS_RECORD_TABLE (self));

  self->display_func = func;
  self->display_data = data;
  if (self->model != NULL)
    ud_record_model_refresh (self->model);
}

void
ud_record_table_prepend_column (UdRecordTable       *self,
                                GtkColumnViewColumn *column)
{
  GListModel *columns;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (UD_IS_RECORD_TABLE (self));
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  /* GTK 4.8 has no gtk_column_view_insert_column (): the kind's columns
   * come off and go back after it. */
  columns = gtk_column_view_get_columns (self->column_view);
  while (g_list_model_get_n_items (columns) > 0)
    {
      GtkColumnViewColumn *first = g_list_model_get_item (columns, 0);

      g_ptr_array_add (kept, first);
      gtk_column_view_remove_column (self->column_view, first);
    }
  gtk_column_view_append_column (self->column_view, column);
  for (guint i = 0; i < kept->len; i++)
    gtk_column_view_append_column (self->column_view, g_ptr_array_index (kept, i));
}

void
ud_record_table_focus_search (UdRecordTable *self)
{
  g_return_if_fail (UD_IS_RECORD_TABLE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
ud_record_table_add_bar_widget (UdRecordTable *self,
                                GtkWidget     *widget)
{
  g_return_if_fail (UD_IS_RECORD_TABLE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (GTK_BOX (self->search_bar), widget);
}

void
ud_record_table_set_filter (UdRecordTable *self,
                            const char    *field,
                            const char    *value)
{
  g_return_if_fail (UD_IS_RECORD_TABLE (self));

  set_filter_in (self, self->section_filters, field, value);
}

gint64
ud_record_table_get_elsewhere (UdRecordTable *self)
{
  g_return_val_if_fail (UD_IS_RECORD_TABLE (self), 0);

  return self->elsewhere;
}

void
ud_record_table_set_expand_column (UdRecordTable *self,
                                   const char    *field)
{
  g_return_if_fail (UD_IS_RECORD_TABLE (self));

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      gtk_column_view_column_set_expand (column->column, g_str_equal (column->field->name, field));
    }
}
