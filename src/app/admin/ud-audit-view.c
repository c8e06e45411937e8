/* ud-audit-view.c — the Audit section
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-audit-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ud-audit-view.h"
#include "ud-audit-item.h"
#include "ud-ui-util.h"

/* The trail of a busy office grows by thousands of entries a day, so the
 * view never holds more than a page: each query asks the core for the
 * count and one page (LIMIT/OFFSET on the indexed time order), and
 * Previous/Next move by a page.  Filters narrow the query in SQL.
 *
 * A text filter scans the whole trail (seconds on a million entries), so
 * queries run on a connection and a thread of the view's own, never
 * holding up the database worker the other sections use, and a query
 * that a newer one replaces is interrupted (sqlite3_interrupt) or, still
 * queued, skipped.  Export writes every matching entry on a connection
 * of its own; the core records the export in the trail. */

/* Shared with the query thread. */
typedef struct
{
  UdDbWorker *worker;         /* to open the connection, on the thread */
  UdDatabase *db;             /* the thread's; opened on first use */
  GMutex      lock;
  sqlite3    *running;        /* under lock: the handle of a running query */
  gint        generation;     /* atomic: the newest query */
} Queries;

typedef enum
{
  COLUMN_WHEN,
  COLUMN_WHO,
  COLUMN_ACTION,
  COLUMN_KIND,
  COLUMN_RECORD,
  COLUMN_FIELD,
  COLUMN_CHANGE,
  N_COLUMNS
} Column;

static const struct
{
  const char *title;
  int         width;    /* fixed width, -1 to expand */
} columns[N_COLUMNS] = {
  { N_("When"),      160 },
  { N_("Who"),       150 },
  { N_("Action"),    140 },
  { N_("Kind"),      120 },
  { N_("Record"),    90 },
  { N_("Field"),     110 },
  { N_("Old → New"), -1 },
};

struct _UdAuditView
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkDropDown    *actor_dropdown;
  GtkDropDown    *action_dropdown;
  GtkSearchEntry *text_entry;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkLabel       *problem_label;
  GtkColumnView  *column_view;
  GtkLabel       *count_label;
  GtkSpinner     *spinner;

  /* Owned */
  UdDbWorker     *worker;
  GCancellable   *cancellable;
  GListStore     *store;
  GtkStringList  *actor_list;
  GPtrArray      *actors;          /* user names, parallel to actor_list after "Everyone" */
  GPtrArray      *actions;         /* codes, parallel to the action list after "All actions" */
  Queries        *queries;
  GThreadPool    *query_pool;   /* one thread */

  char           *asked;          /* the filters of the last query */
  guint           offset;
  gint64          total;
  guint           generation;
  gboolean        busy;
  gboolean        masked;
};

G_DEFINE_FINAL_TYPE (UdAuditView, ud_audit_view, GTK_TYPE_WIDGET)

static char *
entry_text (GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
read_filter (UdAuditView   *self,
             UdAuditFilter *filter)
{
  guint actor = gtk_drop_down_get_selected (self->actor_dropdown);
  guint action = gtk_drop_down_get_selected (self->action_dropdown);

  memset (filter, 0, sizeof *filter);
  if (actor != GTK_INVALID_LIST_POSITION && actor > 0 && actor - 1 < self->actors->len)
    filter->actor = g_strdup (g_ptr_array_index (self->actors, actor - 1));
  if (action != GTK_INVALID_LIST_POSITION && action > 0 && action - 1 < self->actions->len)
    filter->action = g_strdup (g_ptr_array_index (self->actions, action - 1));
  filter->text = entry_text (GTK_EDITABLE (self->text_entry));
  filter->from_date = entry_text (GTK_EDITABLE (self->from_entry));
  filter->to_date = entry_text (GTK_EDITABLE (self->to_entry));
}

static void
update_actions (UdAuditView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.previous", !self->busy && self->offset > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.next",
                                 !self->busy && self->offset + UD_AUDIT_VIEW_PAGE_SIZE < self->total);
}

static void
show_problem (UdAuditView *self,
              const char  *problem)
{
  ud_label_show_problem (self->problem_label, problem);
}

/* Querying -------------------------------------------------------------- */

typedef struct
{
  GPtrArray *entries;
  gint64     total;
} Page;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->entries, g_ptr_array_unref);
  g_free (page);
}

typedef struct
{
  UdAuditView *view;
  guint        generation;
} QueryTag;

typedef struct
{
  UdAuditFilter  filter;
  gint           generation;
} Query;

static void
query_free (gpointer data)
{
  Query *query = data;

  ud_audit_filter_clear (&query->filter);
  g_free (query);
}

static Page *
read_page (Queries             *queries,
           const UdAuditFilter *filter,
           GError             **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  gint64 total;
  Page *page;

  total = ud_audit_count (queries->db, filter, error);
  if (total < 0)
    return NULL;

  entries = ud_audit_query (queries->db, filter, error);
  if (entries == NULL)
    return NULL;

  page = g_new0 (Page, 1);
  page->entries = g_steal_pointer (&entries);
  page->total = total;

  return page;
}

static void
query_thread (gpointer data,
              gpointer user_data)
{
  g_autoptr(GTask) task = data;
  Queries *queries = user_data;
  Query *query = g_task_get_task_data (task);
  GError *error = NULL;
  Page *page;

  /* Replaced while it waited. */
  if (query->generation != g_atomic_int_get (&queries->generation))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "superseded");
      return;
    }

  if (queries->db == NULL)
    {
      queries->db = ud_db_worker_open_connection (queries->worker, &error);
      if (queries->db == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_mutex_lock (&queries->lock);
  queries->running = ud_database_get_handle (queries->db);
  g_mutex_unlock (&queries->lock);

  page = read_page (queries, &query->filter, &error);

  g_mutex_lock (&queries->lock);
  queries->running = NULL;
  g_mutex_unlock (&queries->lock);

  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, page_free);
}

static void
query_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree QueryTag *tag = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  UdAuditView *self;
  Page *page;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = tag->view;
  if (tag->generation != self->generation)
    {
      /* A newer query is on its way. */
      g_clear_pointer (&page, page_free);
      return;
    }

  self->busy = FALSE;
  gtk_spinner_stop (self->spinner);

  if (page == NULL)
    {
      show_problem (self, error->message);
      g_list_store_remove_all (self->store);
      self->total = 0;
      gtk_label_set_label (self->count_label, "");
      update_actions (self);
      return;
    }

  show_problem (self, NULL);
  self->total = page->total;

  /* One items-changed for the page. */
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < page->entries->len; i++)
    g_ptr_array_add (items, ud_audit_item_new (g_steal_pointer (&page->entries->pdata[i])));
  g_ptr_array_set_free_func (page->entries, NULL);
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  page_free (page);

  if (self->total == 0)
    gtk_label_set_label (self->count_label, _("No entries"));
  else
    {
      g_autofree char *first = ud_format_count (self->offset + 1);
      g_autofree char *last = ud_format_count (self->offset + items->len);
      g_autofree char *total = ud_format_count (self->total);
      g_autofree char *text = NULL;

      /* Translators: "1–200 of 12,345 entries" */
      text = g_strdup_printf (ngettext ("%s–%s of %s entry", "%s–%s of %s entries", (gulong) self->total),
                              first, last, total);
      gtk_label_set_label (self->count_label, text);
    }

  update_actions (self);
}

static void
run_query (UdAuditView *self)
{
  Query *query = g_new0 (Query, 1);
  QueryTag *tag = g_new0 (QueryTag, 1);
  GTask *task;

  read_filter (self, &query->filter);
  query->filter.limit = UD_AUDIT_VIEW_PAGE_SIZE;
  query->filter.offset = self->offset;

  self->generation++;
  self->busy = TRUE;
  gtk_spinner_start (self->spinner);
  update_actions (self);

  /* Whatever runs now answers a question nobody asks any more. */
  query->generation = (gint) self->generation;
  g_atomic_int_set (&self->queries->generation, query->generation);
  g_mutex_lock (&self->queries->lock);
  if (self->queries->running != NULL)
    sqlite3_interrupt (self->queries->running);
  g_mutex_unlock (&self->queries->lock);

  tag->view = self;
  tag->generation = self->generation;
  task = g_task_new (NULL, self->cancellable, query_done, tag);
  g_task_set_source_tag (task, run_query);
  g_task_set_task_data (task, query, query_free);
  g_thread_pool_push (self->query_pool, task, NULL);
}

static void
on_filter_changed (UdAuditView *self)
{
  UdAuditFilter filter;
  g_autofree char *asked = NULL;

  /* Enter runs the search at once; the search entry's own delayed signal
   * then asks the same again, which is not asked twice. */
  read_filter (self, &filter);
  asked = g_strjoin ("\x1f", filter.actor ? filter.actor : "", filter.action ? filter.action : "",
                     filter.text ? filter.text : "", filter.from_date ? filter.from_date : "",
                     filter.to_date ? filter.to_date : "", NULL);
  ud_audit_filter_clear (&filter);
  if (g_strcmp0 (asked, self->asked) == 0)
    return;
  g_free (self->asked);
  self->asked = g_steal_pointer (&asked);

  self->offset = 0;
  run_query (self);
}

static gboolean
date_is_complete (const char *text)
{
  int y, m, d;

  if (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;

  return g_date_valid_dmy (d, m, y);
}

static void
on_date_changed (UdAuditView *self,
                 GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (text[0] == '\0' || date_is_complete (text))
    {
      ud_widget_set_error (GTK_WIDGET (editable), FALSE);
      on_filter_changed (self);
    }
  else
    ud_widget_set_error (GTK_WIDGET (editable), TRUE);
}

/* Filter menus ---------------------------------------------------------- */

static gpointer
actors_job (UdDatabase   *db,
            gpointer      data,
            GCancellable *cancellable,
            GError      **error)
{
  return ud_audit_list_actors (db, error);
}

static void
actors_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdAuditView *self;
  GPtrArray *actors;

  actors = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_AUDIT_VIEW (user_data);
  if (actors == NULL)
    {
      show_problem (self, error->message);
      return;
    }

  /* The same person stays chosen; new people join the menu. */
  {
    guint selected = gtk_drop_down_get_selected (self->actor_dropdown);
    g_autofree char *chosen = NULL;
    g_autofree const char **names = NULL;
    guint position = 0;

    if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected - 1 < self->actors->len)
      chosen = g_strdup (g_ptr_array_index (self->actors, selected - 1));

    g_signal_handlers_block_matched (self->actor_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
    g_clear_pointer (&self->actors, g_ptr_array_unref);
    self->actors = actors;
    names = g_new0 (const char *, actors->len + 1);
    for (guint i = 0; i < actors->len; i++)
      names[i] = g_ptr_array_index (actors, i);
    gtk_string_list_splice (self->actor_list, 1,
                            g_list_model_get_n_items (G_LIST_MODEL (self->actor_list)) - 1,
                            names);
    for (guint i = 0; chosen != NULL && i < actors->len; i++)
      if (g_strcmp0 (g_ptr_array_index (actors, i), chosen) == 0)
        position = i + 1;
    gtk_drop_down_set_selected (self->actor_dropdown, position);
    g_signal_handlers_unblock_matched (self->actor_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  }
}

static void
load_actors (UdAuditView *self)
{
  ud_db_worker_run_async (self->worker,
                          actors_job, NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref,
                          self->cancellable,
                          actors_done, self);
}

/* Columns --------------------------------------------------------------- */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           UdAuditView              *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  UdAuditItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  const UdAuditEntry *entry = ud_audit_item_get_entry (item);
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  const char *tooltip = NULL;

  switch (column)
    {
    case COLUMN_WHEN:
      text = ud_audit_format_time (entry->at);
      break;

    case COLUMN_WHO:
      text = ud_audit_format_actor (entry);
      break;

    case COLUMN_ACTION:
      text = g_strdup (ud_audit_action_label (entry->action));
      break;

    case COLUMN_KIND:
      text = g_strdup (ud_audit_format_kind (entry->kind));
      break;

    case COLUMN_RECORD:
      /* What a person knows it by: a member's name, a serial number. */
      text = ud_audit_entry_record (entry);
      break;

    case COLUMN_FIELD:
      text = g_strdup (ud_audit_format_field (entry));
      break;

    case COLUMN_CHANGE:
      text = ud_audit_format_change (entry, self->masked);
      if (entry->field != NULL && entry->detail != NULL)
        tooltip = detail = ud_audit_entry_detail (entry);
      break;

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip != NULL ? tooltip : (text[0] != '\0' ? text : NULL));
}

static void
add_columns (UdAuditView *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = NULL;
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
      g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell), self, 0);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      if (columns[i].width > 0)
        {
          gtk_column_view_column_set_fixed_width (column, columns[i].width);
          gtk_column_view_column_set_resizable (column, TRUE);
        }
      else
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* Paging and export ----------------------------------------------------- */

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  UdAuditView *self = UD_AUDIT_VIEW (widget);

  self->offset = self->offset > UD_AUDIT_VIEW_PAGE_SIZE ? self->offset - UD_AUDIT_VIEW_PAGE_SIZE : 0;
  run_query (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UdAuditView *self = UD_AUDIT_VIEW (widget);

  if (self->offset + UD_AUDIT_VIEW_PAGE_SIZE < self->total)
    {
      self->offset += UD_AUDIT_VIEW_PAGE_SIZE;
      run_query (self);
    }
}

typedef struct
{
  UdDbWorker    *worker;
  UdAuditFilter  filter;
  char          *path;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export = data;

  g_clear_object (&export->worker);
  ud_audit_filter_clear (&export->filter);
  g_free (export->path);
  g_free (export);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *export = task_data;
  g_autoptr(UdDatabase) db = NULL;
  GError *error = NULL;
  gint64 n;

  db = ud_db_worker_open_connection (export->worker, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  n = ud_audit_export_csv (db, &export->filter, export->path, &error);
  if (n < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdAuditView *self = UD_AUDIT_VIEW (object);
  g_autofree char *count = NULL;
  g_autofree char *message = NULL;
  gssize n;

  n = g_task_propagate_int (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export", TRUE);
  if (n < 0)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  count = ud_format_count (n);
  message = g_strdup_printf (ngettext ("%s audit entry exported", "%s audit entries exported", (gulong) n), count);
  ud_widget_show_message (GTK_WIDGET (self), message);
  /* The export is in the trail now. */
  run_query (self);
}

static void
on_export_chosen (GtkWidget *owner,
                  GFile     *file)
{
  ud_audit_view_export (UD_AUDIT_VIEW (owner), file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export the Audit Trail"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  /* Translators: the file name offered for an export of the audit trail; keep the date */
  name = g_date_time_format (now, _("audit-%Y%m%d.csv"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  ud_file_chooser_run (chooser, widget, on_export_chosen);
}

/* GObject --------------------------------------------------------------- */

/* The trail grows while the section is hidden: read it again when it
 * is shown. */
static void
ud_audit_view_map (GtkWidget *widget)
{
  UdAuditView *self = (UdAuditView *)widget;

  GTK_WIDGET_CLASS (ud_audit_view_parent_class)->map (widget);

  if (self->worker != NULL && !self->busy)
    {
      load_actors (self);
      run_query (self);
    }
}

static void
ud_audit_view_dispose (GObject *object)
{
  UdAuditView *self = (UdAuditView *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->query_pool != NULL)
    {
      /* Queued queries return at once; a running one is interrupted. */
      g_atomic_int_set (&self->queries->generation, -1);
      g_mutex_lock (&self->queries->lock);
      if (self->queries->running != NULL)
        sqlite3_interrupt (self->queries->running);
      g_mutex_unlock (&self->queries->lock);
      g_thread_pool_free (g_steal_pointer (&self->query_pool), FALSE, TRUE);
    }
  /* The thread is gone: its connection closes now, not whenever the
   * widget is finalized (a restore waits for every connection). */
  g_clear_object (&self->queries->db);
  g_clear_object (&self->queries->worker);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_AUDIT_VIEW);
  /* GTK 4.8 unparents only the template's named children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->worker);
  g_clear_object (&self->store);
  g_clear_object (&self->actor_list);

  G_OBJECT_CLASS (ud_audit_view_parent_class)->dispose (object);
}

static void
ud_audit_view_finalize (GObject *object)
{
  UdAuditView *self = (UdAuditView *)object;

  g_clear_object (&self->cancellable);
  g_free (self->asked);
  g_mutex_clear (&self->queries->lock);
  g_clear_pointer (&self->queries, g_free);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_ptr_array_unref);

  G_OBJECT_CLASS (ud_audit_view_parent_class)->finalize (object);
}

static void
ud_audit_view_class_init (UdAuditViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_audit_view_dispose;
  object_class->finalize = ud_audit_view_finalize;

  widget_class->map = ud_audit_view_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/admin/ud-audit-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UdAuditView, actor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UdAuditView, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UdAuditView, text_entry);
  gtk_widget_class_bind_template_child (widget_class, UdAuditView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, UdAuditView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, UdAuditView, problem_label);
  gtk_widget_class_bind_template_child (widget_class, UdAuditView, column_view);
  gtk_widget_class_bind_template_child (widget_class, UdAuditView, count_label);
  gtk_widget_class_bind_template_child (widget_class, UdAuditView, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);

  gtk_widget_class_install_action (widget_class, "audit.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "audit.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "audit.export", NULL, export_action);
}

static void
ud_audit_view_init (UdAuditView *self)
{
  g_autoptr(GtkStringList) action_list = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  const char * const *codes = ud_audit_actions ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->queries = g_new0 (Queries, 1);
  g_mutex_init (&self->queries->lock);
  self->query_pool = g_thread_pool_new (query_thread, self->queries, 1, FALSE, NULL);
  self->store = g_list_store_new (UD_TYPE_AUDIT_ITEM);
  self->actors = g_ptr_array_new_with_free_func (g_free);
  self->actions = g_ptr_array_new_with_free_func (g_free);

  /* The signals of the drop-downs would query before there is a worker. */
  g_signal_handlers_block_matched (self->actor_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_signal_handlers_block_matched (self->action_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  self->actor_list = gtk_string_list_new (NULL);
  gtk_string_list_append (self->actor_list, _("Everyone"));
  gtk_drop_down_set_model (self->actor_dropdown, G_LIST_MODEL (self->actor_list));

  action_list = gtk_string_list_new (NULL);
  gtk_string_list_append (action_list, _("All actions"));
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_ptr_array_add (self->actions, g_strdup (codes[i]));
      gtk_string_list_append (action_list, ud_audit_action_label (codes[i]));
    }
  gtk_drop_down_set_model (self->action_dropdown, G_LIST_MODEL (action_list));

  g_signal_handlers_unblock_matched (self->actor_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_signal_handlers_unblock_matched (self->action_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  add_columns (self);
}

GtkWidget *
ud_audit_view_new (UdDbWorker *worker)
{
  UdAuditView *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_AUDIT_VIEW, NULL);
  self->worker = g_object_ref (worker);
  self->queries->worker = g_object_ref (worker);
  self->asked = g_strdup ("\x1f\x1f\x1f\x1f");
  /* A list: identifiers masked, as in the member list, unless the office
   * chose to show them whole there too. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    self->masked = !ud_db_worker_may (worker, UD_PERMISSION_SEE_FULL_IDS) ||
                   !g_settings_get_boolean (settings, "show-full-identifiers");
  }

  load_actors (self);
  run_query (self);

  return GTK_WIDGET (self);
}

gboolean
ud_audit_view_get_busy (UdAuditView *self)
{
  g_return_val_if_fail (UD_IS_AUDIT_VIEW (self), FALSE);

  return self->busy;
}

GListModel *
ud_audit_view_get_model (UdAuditView *self)
{
  g_return_val_if_fail (UD_IS_AUDIT_VIEW (self), NULL);

  return G_LIST_MODEL (self->store);
}

gint64
ud_audit_view_get_total (UdAuditView *self)
{
  g_return_val_if_fail (UD_IS_AUDIT_VIEW (self), 0);

  return self->total;
}

GtkWidget *
ud_audit_view_get_column_view (UdAuditView *self)
{
  g_return_val_if_fail (UD_IS_AUDIT_VIEW (self), NULL);

  return GTK_WIDGET (self->column_view);
}

void
ud_audit_view_export (UdAuditView *self,
                      GFile       *file)
{
  g_autoptr(GTask) task = NULL;
  ExportData *export;

  g_return_if_fail (UD_IS_AUDIT_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  export = g_new0 (ExportData, 1);
  export->worker = g_object_ref (self->worker);
  read_filter (self, &export->filter);
  export->path = g_file_get_path (file);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export", FALSE);
  task = g_task_new (self, self->cancellable, export_done, NULL);
  g_task_set_source_tag (task, ud_audit_view_export);
  g_task_set_task_data (task, export, export_data_free);
  g_task_run_in_thread (task, export_thread);
}
