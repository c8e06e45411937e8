/* ud-member-view.c — the Members section
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-member-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-member-view.h"
#include "ud-export.h"
#include "ud-kind.h"
#include "ud-member-store.h"
#include "ud-ui-util.h"

/* Search, filters and sorting are all done in SQL on the database worker:
 * the view only builds a UdMemberQuery and hands the row ids it gets back
 * to the lazy UdMemberModel.  Columns come from the member kind's field
 * table (every UD_FIELD_LIST field).  Header clicks only record which
 * column was chosen; the order itself is SQL's.
 */

typedef struct
{
  UdMemberView        *view;    /* unowned: the view owns the column */
  GtkColumnViewColumn *column;  /* unowned, likewise */
  const UdField       *field;
  guint                index;
} ColumnInfo;

struct _UdMemberView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_filter;
  GtkDropDown        *unit_filter;
  GtkDropDown        *employment_filter;
  GtkDropDown        *title_filter;
  GtkSpinner         *busy_spinner;
  GtkLabel           *count_label;
  GtkStack           *stack;
  AdwStatusPage        *empty_page;
  GtkWidget            *empty_actions;
  GtkSpinner         *spinner;
  GtkColumnView      *column_view;

  /* Owned */
  UdDbWorker         *worker;
  UdMemberModel      *model;
  GtkSingleSelection *selection;
  GSettings          *settings;
  GCancellable       *cancellable;        /* the view's lifetime */
  GCancellable       *query_cancellable;  /* the query in flight */
  GCancellable       *warm_cancellable;   /* warming the search, until a query comes */
  GArray             *unit_ids;           /* unit filter position → unit id */
  GPtrArray          *columns;            /* ColumnInfo */
  UdMemberQuery       query;
  char               *count_text;
  gint64              total;
  gboolean            masked;
  gboolean            busy;
  gboolean            loaded_once;
  gboolean            updating_filters;

  gboolean            resorting;

  /* Borrowed */
  ColumnInfo         *probe_column;
};

G_DEFINE_FINAL_TYPE (UdMemberView, ud_member_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_COUNT_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_query (UdMemberView *self);
static void warm_search (UdMemberView *self);
static gint64 selected_id (UdMemberView *self);
static void load_units (UdMemberView *self);

/* Queries ---------------------------------------------------------------- */

typedef struct
{
  GArray   *ids;
  gint64    total;
  gboolean  more;    /* a search found more than UD_MEMBER_SEARCH_CAP */
} QueryResult;

static void
query_result_free (gpointer data)
{
  QueryResult *result = data;

  g_clear_pointer (&result->ids, g_array_unref);
  g_free (result);
}

static void
query_free (gpointer data)
{
  UdMemberQuery *query = data;

  ud_member_query_clear (query);
  g_free (query);
}

static UdMemberQuery *
query_copy (const UdMemberQuery *query)
{
  UdMemberQuery *copy = g_new0 (UdMemberQuery, 1);

  copy->text = g_strdup (query->text);
  copy->status = g_strdup (query->status);
  copy->employment = g_strdup (query->employment);
  copy->model_worker = g_strdup (query->model_worker);
  copy->unit_id = query->unit_id;
  copy->sort_field = g_strdup (query->sort_field);
  copy->descending = query->descending;
  copy->limit = query->limit;

  return copy;
}

static gboolean
query_is_filtered (const UdMemberQuery *query)
{
  return query->text != NULL || query->status != NULL || query->employment != NULL ||
         query->model_worker != NULL || query->unit_id != 0;
}

static gpointer
query_job (UdDatabase   *db,
           gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  UdMemberQuery *query = data;
  QueryResult *result;
  GArray *ids;

  ids = ud_member_store_query (db, query, cancellable, error);
  if (ids == NULL)
    return NULL;

  result = g_new0 (QueryResult, 1);
  if (query->text != NULL && ids->len > UD_MEMBER_SEARCH_CAP)
    {
      result->more = TRUE;
      g_array_set_size (ids, UD_MEMBER_SEARCH_CAP);
    }
  result->ids = ids;
  /* The roll's size, for "23 of 1,000,000": a search has a limit too. */
  result->total = query_is_filtered (query) && (query->limit == 0 || query->text != NULL)
                  ? ud_member_store_count (db) : (gint64) ids->len;

  return result;
}

static void
set_busy (UdMemberView *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_count (UdMemberView *self,
              guint         shown,
              gboolean      more)
{
  g_autofree char *total_text = ud_format_count (self->total);

  g_free (self->count_text);
  if (query_is_filtered (&self->query))
    {
      g_autofree char *count = ud_format_count (shown);
      /* Translators: a search found more members than the list shows,
       * "1,000+" */
      g_autofree char *shown_text = more ? g_strdup_printf (_("%s+"), count) : g_strdup (count);

      /* Translators: "23 of 1,000,000 members" */
      self->count_text = g_strdup_printf (ngettext ("%s of %s member", "%s of %s members",
                                                    (gulong)self->total),
                                          shown_text, total_text);
    }
  else
    {
      /* Translators: "1,000,000 members" */
      self->count_text = g_strdup_printf (ngettext ("%s member", "%s members",
                                                    (gulong)self->total),
                                          total_text);
    }

  gtk_label_set_label (self->count_label, self->count_text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_TEXT]);
}

static void
replace_ids (UdMemberView *self,
             GArray       *ids)
{
  gint64 id = selected_id (self);
  guint position;

  /* GtkSingleSelection looks for a selected item that was replaced
   * among all the new items, one get_item() each: a million page loads.
   * So unselect first, and select the same member again by id. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  ud_member_model_set_ids (self->model, ids);

  if (id != 0)
    {
      position = ud_member_model_find (self->model, id);
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
  UdMemberView *self;
  gboolean more;
  guint shown;

  answer = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_MEMBER_VIEW (user_data);
  set_busy (self, FALSE);
  gtk_spinner_stop (self->spinner);

  if (answer == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      if (!self->loaded_once)
        gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (!self->loaded_once)
    warm_search (self);
  self->loaded_once = TRUE;
  self->total = answer->total;
  shown = answer->ids->len;
  more = answer->more;
  replace_ids (self, g_steal_pointer (&answer->ids));
  query_result_free (answer);

  update_count (self, shown, more);

  if (self->total == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
preview_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  QueryResult *answer;
  UdMemberView *self;

  answer = ud_db_worker_run_finish (result, &error);
  if (answer == NULL)
    return;  /* cancelled, or the full query will say what is wrong */

  self = UD_MEMBER_VIEW (user_data);
  if (answer->ids->len > 0)
    {
      replace_ids (self, g_steal_pointer (&answer->ids));
      gtk_spinner_stop (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
  query_result_free (answer);
}

static gpointer
warm_search_job (UdDatabase   *db,
                 gpointer      data,
                 GCancellable *cancellable,
                 GError      **error)
{
  return ud_member_store_warm (db, cancellable, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
warm_search_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Only a quicker first search was at stake: nothing to tell. */
  if (ud_db_worker_run_finish (result, &error) == NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Warming the search: %s", error->message);
}

/* Once the list is on screen, the worker reads what the first search
 * needs, so that the first letter typed does not wait for the disk. */
static void
warm_search (UdMemberView *self)
{
  /* The worker does one job at a time: the first query the clerk types
   * stops the warming rather than waiting behind it. */
  g_clear_object (&self->warm_cancellable);
  self->warm_cancellable = g_cancellable_new ();
  ud_db_worker_run_async (self->worker, warm_search_job, NULL, NULL, NULL,
                          self->warm_cancellable, warm_search_done, NULL);
}

static void
run_query (UdMemberView *self)
{
  if (self->worker == NULL)
    return;

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  self->query_cancellable = g_cancellable_new ();
  if (self->warm_cancellable != NULL)
    g_cancellable_cancel (self->warm_cancellable);

  if (!self->loaded_once)
    {
      UdMemberQuery *first_page = query_copy (&self->query);

      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->spinner);

      /* Listing a million ids takes a moment; the first screenful,
       * read first, is on screen long before. */
      first_page->limit = UD_MEMBER_MODEL_PAGE_SIZE;
      ud_db_worker_run_async (self->worker,
                              query_job, first_page, query_free,
                              query_result_free,
                              self->query_cancellable,
                              preview_done, self);
    }

  set_busy (self, TRUE);
  ud_db_worker_run_async (self->worker,
                          query_job, query_copy (&self->query), query_free,
                          query_result_free,
                          self->query_cancellable,
                          query_done, self);
}

/* Filters ---------------------------------------------------------------- */

static GtkStringList *
choice_list (const UdField *field,
             const char    *all_label,
             const char    *any_label)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint i;

  gtk_string_list_append (list, all_label);
  if (any_label != NULL)
    gtk_string_list_append (list, any_label);

  if (field != NULL)
    {
      for (i = 0; i < field->n_choices; i++)
        gtk_string_list_append (list, _(field->choices[i].label));
    }

  return list;
}

static const char *
selected_choice (GtkDropDown   *drop_down,
                 const UdField *field,
                 guint          n_special)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (field == NULL || selected == GTK_INVALID_LIST_POSITION || selected < n_special)
    return NULL;

  selected -= n_special;
  if (selected >= field->n_choices)
    return NULL;

  return field->choices[selected].value;
}

static void
on_filter_changed (UdMemberView *self)
{
  const UdField *status = ud_kind_find_field (&ud_kind_member, "status");
  const UdField *employment = ud_kind_find_field (&ud_kind_member, "employment");
  const UdField *title = ud_kind_find_field (&ud_kind_member, "model_worker");
  guint unit_position;

  if (self->updating_filters)
    return;

  g_clear_pointer (&self->query.status, g_free);
  g_clear_pointer (&self->query.employment, g_free);
  g_clear_pointer (&self->query.model_worker, g_free);

  self->query.status = g_strdup (selected_choice (self->status_filter, status, 1));
  self->query.employment = g_strdup (selected_choice (self->employment_filter, employment, 1));
  if (gtk_drop_down_get_selected (self->title_filter) == 1)
    self->query.model_worker = g_strdup ("*");
  else
    self->query.model_worker = g_strdup (selected_choice (self->title_filter, title, 2));

  unit_position = gtk_drop_down_get_selected (self->unit_filter);
  if (self->unit_ids != NULL && unit_position < self->unit_ids->len)
    self->query.unit_id = g_array_index (self->unit_ids, gint64, unit_position);
  else
    self->query.unit_id = 0;

  run_query (self);
}

static void
setup_filters (UdMemberView *self)
{
  g_autoptr(GtkStringList) status = NULL;
  g_autoptr(GtkStringList) employment = NULL;
  g_autoptr(GtkStringList) title = NULL;
  g_autoptr(GtkStringList) units = NULL;

  status = choice_list (ud_kind_find_field (&ud_kind_member, "status"),
                        _("All Statuses"), NULL);
  employment = choice_list (ud_kind_find_field (&ud_kind_member, "employment"),
                            _("All Employment Types"), NULL);
  title = choice_list (ud_kind_find_field (&ud_kind_member, "model_worker"),
                       _("With or Without Title"), _("Any Model-Worker Title"));
  units = gtk_string_list_new (NULL);
  gtk_string_list_append (units, _("All Units"));

  self->updating_filters = TRUE;
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (status));
  gtk_drop_down_set_model (self->employment_filter, G_LIST_MODEL (employment));
  gtk_drop_down_set_model (self->title_filter, G_LIST_MODEL (title));
  gtk_drop_down_set_model (self->unit_filter, G_LIST_MODEL (units));
  self->updating_filters = FALSE;

  self->unit_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (self->unit_ids, 1);
}

static gpointer
units_job (UdDatabase   *db,
           gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  return ud_unit_store_list (db, error);
}

static void
units_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GtkStringList) names = NULL;
  UdMemberView *self;
  gint64 selected_id;
  guint selected = 0;
  guint i;

  units = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_MEMBER_VIEW (user_data);
  if (units == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  selected_id = self->query.unit_id;

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("All Units"));
  g_array_set_size (self->unit_ids, 1);

  for (i = 0; i < units->len; i++)
    {
      UdRecord *unit = g_ptr_array_index (units, i);

      gtk_string_list_append (names, ud_record_get (unit, "name"));
      g_array_append_val (self->unit_ids, unit->id);
      if (unit->id == selected_id)
        selected = i + 1;
    }

  self->updating_filters = TRUE;
  gtk_drop_down_set_model (self->unit_filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->unit_filter, selected);
  self->updating_filters = FALSE;

  if (selected == 0 && selected_id != 0)
    {
      /* The unit went away: show everyone again. */
      self->query.unit_id = 0;
      run_query (self);
    }
}

static void
load_units (UdMemberView *self)
{
  if (self->worker == NULL)
    return;

  ud_db_worker_run_async (self->worker,
                          units_job, NULL, NULL,
                          (GDestroyNotify)g_ptr_array_unref,
                          self->cancellable,
                          units_done, self);
}

/* Columns ---------------------------------------------------------------- */

static void
update_cell (GtkInscription *cell,
             UdMemberItem   *item)
{
  ColumnInfo *info = g_object_get_data (G_OBJECT (cell), "ud-column");
  UdRecord *record = ud_member_item_get_record (item);
  g_autofree char *text = NULL;

  if (record != NULL)
    {
      const char *value = ud_record_get_nth (record, info->index);

      text = ud_field_display (info->field, value, info->view->masked);
    }

  gtk_inscription_set_text (cell, text);
}

static void
on_item_loaded (UdMemberItem   *item,
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
            ColumnInfo               *info)
{
  GtkWidget *cell = gtk_inscription_new (NULL);
  guint width = MAX (info->field->width_chars, 4);

  /* Names and units are Chinese: a character is two columns wide. */
  if (info->field->type == UD_FIELD_TEXT || info->field->type == UD_FIELD_REFERENCE)
    width *= 2;

  /* A choice is as wide as its longest label, in the language shown. */
  for (guint i = 0; i < info->field->n_choices; i++)
    width = MAX (width, text_columns (_(info->field->choices[i].label)));

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), MIN (width, 6));
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), width);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);

  switch ((int)info->field->type)
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
      gtk_widget_add_css_class (cell, "numeric");
      break;

    default:
      break;
    }

  g_object_set_data (G_OBJECT (cell), "ud-column", info);
  gtk_list_item_set_child (list_item, cell);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           ColumnInfo               *info)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  UdMemberItem *item = gtk_list_item_get_item (list_item);

  update_cell (GTK_INSCRIPTION (cell), item);
  g_signal_connect_object (item, "notify::loaded", G_CALLBACK (on_item_loaded), cell, 0);
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             ColumnInfo               *info)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  UdMemberItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_item_loaded, cell);
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), NULL);
}

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ColumnInfo *info = user_data;

  /* Called only by sort_changed()'s probe: the first sorter asked is the
   * primary sort column. */
  if (info->view->probe_column == NULL)
    info->view->probe_column = info;

  return -1;
}

static void
on_sort_changed (GtkSorter       *sorter,
                 GtkSorterChange  change,
                 UdMemberView    *self)
{
  GtkOrdering order;
  ColumnInfo *primary;

  if (self->worker == NULL || self->resorting)
    return;

  /* GTK 4.8 cannot say which column the user picked, but the column
   * view's sorter asks the columns' sorters in order and inverts a
   * descending one: compare two things once and watch who is asked. */
  self->probe_column = NULL;
  order = gtk_sorter_compare (sorter, self, self->search_entry);
  primary = self->probe_column;
  self->probe_column = NULL;

  g_clear_pointer (&self->query.sort_field, g_free);
  if (primary != NULL && order != GTK_ORDERING_EQUAL)
    {
      self->query.sort_field = g_strdup (primary->field->name);
      self->query.descending = (order == GTK_ORDERING_LARGER);

      /* SQL sorts by one column: drop the earlier ones GTK keeps as
       * secondary keys, so that only one header shows an arrow. */
      self->resorting = TRUE;
      gtk_column_view_sort_by_column (self->column_view, primary->column,
                                      self->query.descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      /* GTK 4.8 leaves the arrow on the header it dropped: setting the
       * sorter again redraws it. */
      for (guint i = 0; i < self->columns->len; i++)
        {
          ColumnInfo *info = g_ptr_array_index (self->columns, i);
          g_autoptr(GtkSorter) column_sorter = NULL;

          if (info == primary || gtk_column_view_column_get_sorter (info->column) == NULL)
            continue;

          column_sorter = g_object_ref (gtk_column_view_column_get_sorter (info->column));
          gtk_column_view_column_set_sorter (info->column, NULL);
          gtk_column_view_column_set_sorter (info->column, column_sorter);
        }
      self->resorting = FALSE;
    }
  else
    {
      self->query.descending = FALSE;
    }

  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "member-list-sort-column",
                         self->query.sort_field != NULL ? self->query.sort_field : "name");
  g_settings_set_boolean (self->settings, "member-list-sort-descending", self->query.descending);
  g_settings_apply (self->settings);

  run_query (self);
}

static void
setup_columns (UdMemberView *self)
{
  g_autofree char *sort_name = g_settings_get_string (self->settings, "member-list-sort-column");
  gboolean descending = g_settings_get_boolean (self->settings, "member-list-sort-descending");
  GtkColumnViewColumn *sort_column = NULL;
  guint i;

  self->columns = g_ptr_array_new_with_free_func (g_free);

  for (i = 0; i < ud_kind_member.n_fields; i++)
    {
      const UdField *field = &ud_kind_member.fields[i];
      g_autoptr(GtkColumnViewColumn) column = NULL;
      GtkListItemFactory *factory;
      ColumnInfo *info;

      if ((field->flags & UD_FIELD_LIST) == 0)
        continue;

      info = g_new0 (ColumnInfo, 1);
      info->view = self;
      info->field = field;
      info->index = i;
      g_ptr_array_add (self->columns, info);

      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), info);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), info);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), info);

      column = gtk_column_view_column_new (_(field->label), factory);
      info->column = column;
      gtk_column_view_column_set_resizable (column, TRUE);
      /* Spare width goes to the unit, whose names are the longest. */
      gtk_column_view_column_set_expand (column, field->type == UD_FIELD_REFERENCE);

      if ((field->flags & UD_FIELD_SORTABLE) != 0)
        {
          g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, info, NULL));

          gtk_column_view_column_set_sorter (column, sorter);
          if (g_strcmp0 (field->name, sort_name) == 0)
            sort_column = column;
        }

      gtk_column_view_append_column (self->column_view, column);
    }

  if (sort_column != NULL)
    {
      gtk_column_view_sort_by_column (self->column_view, sort_column,
                                      descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      self->query.sort_field = g_strdup (sort_name);
      self->query.descending = descending;
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sort_changed), self, 0);
}

/* Selection and actions -------------------------------------------------- */

static gint64
selected_id (UdMemberView *self)
{
  guint position;

  if (self->selection == NULL)
    return 0;

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    return 0;

  return ud_member_model_get_id (self->model, position);
}

static void
update_actions (UdMemberView *self)
{
  gboolean has_selection = selected_id (self) != 0;
  UdDbWorker *worker = self->worker;

  /* What the signed-in account may do; the core checks again. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "member.edit", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "member.delete",
                                 has_selection && worker != NULL &&
                                 ud_db_worker_may (worker, UD_PERMISSION_DELETE_MEMBERS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "member.new",
                                 worker != NULL && ud_db_worker_may (worker, UD_PERMISSION_EDIT_MEMBERS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "member.import",
                                 worker != NULL && ud_db_worker_may (worker, UD_PERMISSION_IMPORT_MEMBERS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "member.export",
                                 worker != NULL && ud_db_worker_may (worker, UD_PERMISSION_EXPORT_MEMBERS));
}

static void
on_selection_changed (GtkSelectionModel *selection,
                      guint              position,
                      guint              n_items,
                      UdMemberView      *self)
{
  update_actions (self);
}

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  UdMemberView *self)
{
  update_actions (self);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   UdMemberView   *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_clear_pointer (&self->query.text, g_free);
  self->query.limit = 0;
  if (text[0] != '\0')
    {
      self->query.text = g_steal_pointer (&text);
      /* Ranked, and counted only as far as "1,000+". */
      self->query.limit = UD_MEMBER_SEARCH_CAP + 1;
    }

  run_query (self);
}

static void
on_stop_search (GtkSearchEntry *entry,
                UdMemberView   *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_row_activated (GtkColumnView *column_view,
                  guint          position,
                  UdMemberView  *self)
{
  ud_member_view_edit (self, ud_member_model_get_id (self->model, position));
}

static void
on_member_saved (UdMemberEditor *editor,
                 gint64          id,
                 UdMemberView   *self)
{
  ud_member_model_invalidate (self->model, id);
  ud_member_view_reload (self);
  ud_widget_show_message (GTK_WIDGET (self), _("Member saved"));
}

static void
on_imported (UdImportDialog *dialog,
             UdMemberView   *self)
{
  ud_member_view_reload (self);
}

/* A sync pulled members, or a conflict was resolved: new members, and
 * new contents for those on screen. */
static void
on_records_changed (UdDbWorker   *worker,
                    const char   *kind,
                    UdMemberView *self)
{
  if (!ud_db_worker_kind_changed (ud_kind_member.name, kind))
    return;

  ud_member_view_reload (self);
  ud_member_model_invalidate_live (self->model);
}

static void
on_load_failed (UdMemberModel *model,
                const GError  *error,
                UdMemberView  *self)
{
  ud_widget_show_message (GTK_WIDGET (self), error->message);
}

static void
on_show_full_identifiers_changed (GSettings    *settings,
                                  const char   *key,
                                  UdMemberView *self)
{
  self->masked = !g_settings_get_boolean (settings, key);
  ud_member_model_refresh (self->model);
}

/* Deleting, with undo ---------------------------------------------------- */

static gpointer
delete_job (UdDatabase   *db,
            gpointer      data,
            GCancellable *cancellable,
            GError      **error)
{
  gint64 *id = data;

  if (!ud_member_store_delete (db, *id, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gpointer
undelete_job (UdDatabase   *db,
              gpointer      data,
              GCancellable *cancellable,
              GError      **error)
{
  gint64 *id = data;

  if (!ud_member_store_undelete (db, *id, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
undelete_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdMemberView *self;

  if (ud_db_worker_run_finish (result, &error) == NULL &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_MEMBER_VIEW (user_data);
  if (error != NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  ud_member_view_reload (self);
}

static void
on_undo_delete (AdwToast     *toast,
                UdMemberView *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "ud-member-id"));

  ud_db_worker_run_async (self->worker,
                          undelete_job, g_memdup2 (&id, sizeof id), g_free, NULL,
                          self->cancellable,
                          undelete_done, self);
}

typedef struct
{
  GWeakRef  view;
  gint64    id;
  char     *name;
} DeleteData;

static void
delete_data_free (gpointer data)
{
  DeleteData *delete = data;

  g_weak_ref_clear (&delete->view);
  g_free (delete->name);
  g_free (delete);
}

static void
delete_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  DeleteData *delete = user_data;
  g_autoptr(UdMemberView) self = g_weak_ref_get (&delete->view);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  ud_db_worker_run_finish (result, &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      delete_data_free (delete);
      return;
    }

  if (error != NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      delete_data_free (delete);
      return;
    }

  if (delete->name != NULL && delete->name[0] != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (delete->name, -1);

      toast = adw_toast_new_format (_("Member “%s” deleted"), escaped);
    }
  else
    {
      toast = adw_toast_new (_("Member deleted"));
    }
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "ud-member-id", GSIZE_TO_POINTER ((gsize)delete->id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete), self, 0);
  ud_widget_show_toast (GTK_WIDGET (self), toast);

  delete_data_free (delete);
  ud_member_view_reload (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UdMemberView *self = UD_MEMBER_VIEW (widget);
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr(UdMemberItem) item = NULL;
  DeleteData *delete;
  UdRecord *record;

  if (position == GTK_INVALID_LIST_POSITION || self->worker == NULL)
    return;

  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  record = ud_member_item_get_record (item);

  delete = g_new0 (DeleteData, 1);
  g_weak_ref_init (&delete->view, self);
  delete->id = ud_member_item_get_id (item);
  delete->name = record != NULL ? g_strdup (ud_record_get (record, "name")) : NULL;

  ud_db_worker_run_async (self->worker,
                          delete_job, g_memdup2 (&delete->id, sizeof delete->id), g_free, NULL,
                          self->cancellable,
                          delete_done, delete);
}

/* Exporting -------------------------------------------------------------- */

typedef struct
{
  GWeakRef       view;
  AdwToast      *toast;     /* owned, main thread only */
  UdMemberQuery *query;
  char          *path;
  guint          done;      /* atomic */
  guint          total;     /* atomic */
  guint          idle_id;   /* atomic: 0 when no update is queued */
  guint          show_id;   /* main thread: the toast is not shown yet */
  gint64         shown_at;  /* main thread: when the toast was shown, or 0 */
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_weak_ref_clear (&job->view);
  g_clear_object (&job->toast);
  g_clear_pointer (&job->query, query_free);
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

  if (job->toast != NULL && total > 0)
    {
      title = g_strdup_printf (_("Exporting members… %u%%"), (guint)((guint64)done * 100 / total));
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

  /* At most one update queued at a time; it holds the task, so the job
   * outlives it. */
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
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  UdDbWorker *worker = g_object_get_data (G_OBJECT (task), "ud-worker");
  gint64 n;

  db = ud_db_worker_open_connection (worker, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  n = ud_export_members (db, job->query, job->path, export_progress, task, cancellable, &error);
  if (n < 0)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n);
}

/* Longer than any toast animation of libadwaita 1.2 (500 ms). */
#define TOAST_SETTLE_MS 700

static gboolean
dismiss_toast_later (gpointer data)
{
  adw_toast_dismiss (ADW_TOAST (data));

  return G_SOURCE_REMOVE;
}

static gboolean
show_export_toast (gpointer data)
{
  ExportJob *job = g_task_get_task_data (G_TASK (data));
  g_autoptr(UdMemberView) self = g_weak_ref_get (&job->view);

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
  g_autoptr(UdMemberView) self = g_weak_ref_get (&job->view);
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  gssize n;

  n = g_task_propagate_int (G_TASK (result), &error);

  if (job->show_id != 0)
    {
      /* Done before the progress toast was worth showing. */
      g_clear_handle_id (&job->show_id, g_source_remove);
    }
  else if (job->shown_at != 0)
    {
      gint64 shown_ms = (g_get_monotonic_time () - job->shown_at) / 1000;

      /* libadwaita 1.2 frees a toast dismissed while it slides in before
       * its animation is over: let it finish first. */
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
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ud_widget_show_message (GTK_WIDGET (self), _("Export cancelled"));
      else
        ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  count = ud_format_count ((guint64)n);
  ud_widget_show_toast (GTK_WIDGET (self),
                        adw_toast_new_format (ngettext ("Exported %s member", "Exported %s members",
                                                        (gulong)n),
                                              count));
}

static void
start_export (UdMemberView *self,
              const char   *path)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ExportJob *job;

  job = g_new0 (ExportJob, 1);
  g_weak_ref_init (&job->view, self);
  job->query = query_copy (&self->query);
  job->path = g_strdup (path);
  job->toast = adw_toast_new (_("Exporting members…"));
  adw_toast_set_timeout (job->toast, 0);
  adw_toast_set_button_label (job->toast, _("_Cancel"));
  g_signal_connect_object (job->toast, "button-clicked", G_CALLBACK (g_cancellable_cancel),
                           cancellable, G_CONNECT_SWAPPED);

  task = g_task_new (NULL, cancellable, export_done, NULL);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, job, export_job_free);

  /* A progress toast only for an export that takes a while. */
  job->show_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 500, show_export_toast,
                                     g_object_ref (task), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "ud-worker", g_object_ref (self->worker), g_object_unref);
  g_task_run_in_thread (task, export_thread);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    UdMemberView    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) target = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;
  GtkFileFilter *filter;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = g_file_get_path (file);
  if (path == NULL)
    goto out;

  /* The name decides the format; without an extension, the filter does. */
  lower = g_ascii_strdown (path, -1);
  if (!g_str_has_suffix (lower, ".csv") && !g_str_has_suffix (lower, ".xlsx"))
    {
      const char *extension = ".csv";
      char *with_extension;

      filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      if (filter != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (filter), "ud-extension"), ".xlsx") == 0)
        extension = ".xlsx";

      with_extension = g_strconcat (path, extension, NULL);
      g_free (path);
      path = with_extension;
    }

  target = g_file_new_for_path (path);
  ud_member_view_export (self, target);

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static GtkFileFilter *
file_filter (const char *name,
             const char *pattern,
             const char *mime_type,
             const char *extension)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime_type);
  g_object_set_data (G_OBJECT (filter), "ud-extension", (gpointer)extension);

  return filter;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UdMemberView *self = UD_MEMBER_VIEW (widget);
  g_autoptr(GtkFileFilter) csv = NULL;
  g_autoptr(GtkFileFilter) xlsx = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->worker == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Export Members"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  csv = file_filter (_("CSV (Excel-compatible, UTF-8)"), "*.csv", "text/csv", ".csv");
  xlsx = file_filter (_("Excel Workbook (.xlsx)"), "*.xlsx",
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), xlsx);

  /* Translators: the suggested file name of an export, without extension */
  name = g_strconcat (_("Member roster"), ".csv", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Other actions ---------------------------------------------------------- */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UdMemberView *self = UD_MEMBER_VIEW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ud_member_view_edit (UD_MEMBER_VIEW (widget), 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UdMemberView *self = UD_MEMBER_VIEW (widget);
  gint64 id = selected_id (self);

  if (id != 0)
    ud_member_view_edit (self, id);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ud_member_view_import (UD_MEMBER_VIEW (widget));
}

/* GObject ---------------------------------------------------------------- */

static void
ud_member_view_dispose (GObject *object)
{
  UdMemberView *self = (UdMemberView *)object;
  GtkWidget *child;

  /* Tearing the columns down changes the sorter, which would query
   * again: with no worker, nothing is queried any more. */
  g_clear_object (&self->worker);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->query_cancellable);
  g_cancellable_cancel (self->warm_cancellable);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_MEMBER_VIEW);
  /* The bars are not bound template children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ud_member_view_parent_class)->dispose (object);
}

static void
ud_member_view_finalize (GObject *object)
{
  UdMemberView *self = (UdMemberView *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->query_cancellable);
  g_clear_object (&self->warm_cancellable);
  g_clear_pointer (&self->unit_ids, g_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->count_text, g_free);
  ud_member_query_clear (&self->query);

  G_OBJECT_CLASS (ud_member_view_parent_class)->finalize (object);
}

static void
ud_member_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  UdMemberView *self = UD_MEMBER_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_COUNT_TEXT:
      g_value_set_string (value, self->count_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_member_view_class_init (UdMemberViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_member_view_dispose;
  object_class->finalize = ud_member_view_finalize;
  object_class->get_property = ud_member_view_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNT_TEXT] =
    g_param_spec_string ("count-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/members/ud-member-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, status_filter);
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, unit_filter);
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, employment_filter);
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, title_filter);
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, count_label);
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, stack);
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, empty_actions);
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, spinner);
  gtk_widget_class_bind_template_child (widget_class, UdMemberView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "member.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "member.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "member.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "member.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "member.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "member.export", NULL, export_action);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ud_member_view_init (UdMemberView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->masked = !g_settings_get_boolean (self->settings, "show-full-identifiers");
  g_signal_connect_object (self->settings, "changed::show-full-identifiers",
                           G_CALLBACK (on_show_full_identifiers_changed), self, 0);

  setup_filters (self);
  setup_columns (self);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  update_actions (self);
}

void
ud_member_view_set_worker (UdMemberView *self,
                           UdDbWorker   *worker)
{
  g_return_if_fail (UD_IS_MEMBER_VIEW (self));
  g_return_if_fail (UD_IS_DB_WORKER (worker));
  g_return_if_fail (self->worker == NULL);

  self->worker = g_object_ref (worker);
  g_signal_connect_object (worker, "records-changed", G_CALLBACK (on_records_changed), self, 0);
  self->model = ud_member_model_new (worker);
  g_signal_connect_object (self->model, "load-failed", G_CALLBACK (on_load_failed), self, 0);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, 0);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_items_changed), self, 0);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* An empty roll that this account may not fill (an administrator
   * alone, say) says who can, instead of offering buttons that do
   * nothing for it. */
  if (!ud_db_worker_may (worker, UD_PERMISSION_IMPORT_MEMBERS) &&
      !ud_db_worker_may (worker, UD_PERMISSION_EDIT_MEMBERS))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->empty_actions), FALSE);
      adw_status_page_set_description (self->empty_page,
                                       _("A clerk (经办人) keeps the member roll. The administrator gives accounts their roles in Accounts."));
    }

  update_actions (self);
  ud_member_view_reload (self);
}

GtkWidget *
ud_member_view_new (UdDbWorker *worker)
{
  UdMemberView *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_MEMBER_VIEW, NULL);
  ud_member_view_set_worker (self, worker);

  return GTK_WIDGET (self);
}

UdMemberModel *
ud_member_view_get_model (UdMemberView *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_VIEW (self), NULL);

  return self->model;
}

GtkWidget *
ud_member_view_get_column_view (UdMemberView *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_VIEW (self), NULL);

  return GTK_WIDGET (self->column_view);
}

const char *
ud_member_view_get_count_text (UdMemberView *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_VIEW (self), NULL);

  return self->count_text;
}

gboolean
ud_member_view_get_busy (UdMemberView *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_VIEW (self), FALSE);

  return self->busy;
}

void
ud_member_view_reload (UdMemberView *self)
{
  g_return_if_fail (UD_IS_MEMBER_VIEW (self));

  load_units (self);
  run_query (self);
}

UdImportDialog *
ud_member_view_import (UdMemberView *self)
{
  UdImportDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (UD_IS_MEMBER_VIEW (self), NULL);
  g_return_val_if_fail (self->worker != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ud_import_dialog_new (self->worker);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

UdMemberEditor *
ud_member_view_edit (UdMemberView *self,
                     gint64        id)
{
  UdMemberEditor *editor;
  GtkRoot *root;

  g_return_val_if_fail (UD_IS_MEMBER_VIEW (self), NULL);
  g_return_val_if_fail (self->worker != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = ud_member_editor_new (self->worker, id);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_member_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}

/**
 * ud_member_view_export:
 * @file: where to write; ".xlsx" writes a workbook, anything else CSV
 *
 * Exports the members the view shows (its search and filters) on a
 * thread, with a progress toast that can cancel it.
 */
void
ud_member_view_export (UdMemberView *self,
                       GFile        *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (UD_IS_MEMBER_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL || self->worker == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), _("Members can only be exported to a file on this computer."));
      return;
    }

  start_export (self, path);
}
