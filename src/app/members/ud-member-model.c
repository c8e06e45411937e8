/* ud-member-model.c — the member list as a lazy GListModel
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-member-model"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-member-model.h"
#include "ud-member-store.h"

/* A million members cannot be a million GObjects.  The model keeps only
 * the row ids the query returned (8 bytes a row) and makes a
 * UdMemberItem when the view asks for a row.  The records are read a page
 * at a time on the database worker; when a page arrives its items are
 * filled and notify, so the bound cells update.  Pages are kept in a small
 * least-recently-used cache.  Pages wanted most recently are read first,
 * and only one read is in flight, so that dragging the scroll bar across
 * the roll does not queue work for rows that have long scrolled away.
 *
 * Every item alive (held by the view or the cache) is known by its id, so
 * a row keeps its item across queries and a changed member is updated
 * wherever it is shown.  A new result is announced with as small an
 * "items-changed" as the ids allow: GTK 4.8 looks for a removed focus or
 * scroll anchor among *all* the added items, one get_item() each, which
 * for a million rows would read the whole roll.
 */

#define MAX_PAGES 64

typedef struct
{
  guint          index;
  guint          n;
  guint64        stamp;
  gboolean       loaded;
  gboolean       queued;
  UdRecord     **records;
  UdMemberItem **items;
} Page;

struct _UdMemberModel
{
  GObject       parent_instance;

  /* Owned */
  UdDbWorker   *worker;
  GArray       *ids;
  GHashTable   *pages;      /* page index → Page */
  GHashTable   *previous;   /* row id → UdRecord read for the previous ids */
  GHashTable   *live;       /* row id → UdMemberItem alive anywhere (weak) */
  GQueue        pending;    /* page indices, most recently wanted first */
  GCancellable *cancellable;

  guint64       clock;
  guint         generation;
  guint         in_flight;
  guint         hole_at;    /* see ud_member_model_set_ids() */
  guint         hole_len;
  gboolean      loading;
};

static void ud_member_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (UdMemberModel, ud_member_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ud_member_model_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

enum {
  LOAD_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  gint64 *ids;
  guint   n;
} LoadData;

typedef struct
{
  UdMemberModel *self;
  guint          index;
  guint          generation;
} LoadRequest;

static void pump (UdMemberModel *self);

static void
page_free (gpointer data)
{
  Page *page = data;
  guint i;

  for (i = 0; i < page->n; i++)
    {
      g_clear_object (&page->items[i]);
      g_clear_pointer (&page->records[i], ud_record_unref);
    }
  g_free (page->items);
  g_free (page->records);
  g_free (page);
}

typedef struct
{
  gint64         id;        /* the key */
  UdMemberItem  *item;      /* weak */
  UdMemberModel *model;
  guint          position;  /* where it was last asked for */
} LiveEntry;

static void
on_item_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  LiveEntry *entry = data;

  g_hash_table_remove (entry->model->live, &entry->id);
}

/* The item shown for @id: the one alive if there is one. */
static UdMemberItem *
live_item (UdMemberModel *self,
           gint64         id,
           guint          position)
{
  LiveEntry *entry = g_hash_table_lookup (self->live, &id);

  if (entry != NULL)
    {
      entry->position = position;
      return g_object_ref (entry->item);
    }

  entry = g_new0 (LiveEntry, 1);
  entry->id = id;
  entry->item = ud_member_item_new (id);
  entry->model = self;
  entry->position = position;
  g_hash_table_insert (self->live, &entry->id, entry);
  g_object_weak_ref (G_OBJECT (entry->item), on_item_finalized, entry);

  return entry->item;
}

static UdMemberItem *
find_live_item (UdMemberModel *self,
                gint64         id)
{
  LiveEntry *entry = g_hash_table_lookup (self->live, &id);

  return entry != NULL ? entry->item : NULL;
}

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->ids);
  g_free (load);
}

static void
set_loading (UdMemberModel *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
evict_oldest_page (UdMemberModel *self)
{
  GHashTableIter iter;
  gpointer key;
  Page *page;
  Page *oldest = NULL;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, (gpointer *)&page))
    {
      if (oldest == NULL || page->stamp < oldest->stamp)
        oldest = page;
    }

  if (oldest == NULL)
    return;

  if (oldest->queued)
    g_queue_remove (&self->pending, GUINT_TO_POINTER (oldest->index));
  g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
}

static Page *
ensure_page (UdMemberModel *self,
             guint          index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  guint start;

  if (page != NULL)
    return page;

  if (g_hash_table_size (self->pages) >= MAX_PAGES)
    evict_oldest_page (self);

  start = index * UD_MEMBER_MODEL_PAGE_SIZE;

  page = g_new0 (Page, 1);
  page->index = index;
  page->n = MIN (UD_MEMBER_MODEL_PAGE_SIZE, self->ids->len - start);
  page->items = g_new0 (UdMemberItem *, page->n);
  page->records = g_new0 (UdRecord *, page->n);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);

  return page;
}

static gpointer
load_page_job (UdDatabase   *db,
               gpointer      data,
               GCancellable *cancellable,
               GError      **error)
{
  LoadData *load = data;

  return ud_member_store_load (db, load->ids, load->n, error);
}

static void
fill_page (Page      *page,
           GArray    *ids,
           GPtrArray *records)
{
  guint start = page->index * UD_MEMBER_MODEL_PAGE_SIZE;
  guint i;
  guint j = 0;

  /* The records come in the order asked, with vanished rows left out. */
  for (i = 0; i < page->n; i++)
    {
      gint64 id = g_array_index (ids, gint64, start + i);
      UdRecord *record = NULL;

      if (records != NULL && j < records->len)
        {
          UdRecord *candidate = g_ptr_array_index (records, j);

          if (candidate->id == id)
            {
              record = candidate;
              j++;
            }
        }

      g_clear_pointer (&page->records[i], ud_record_unref);
      if (record != NULL)
        page->records[i] = ud_record_ref (record);

      if (page->items[i] != NULL)
        ud_member_item_set_record (page->items[i], record);
    }

  page->loaded = TRUE;
  page->queued = FALSE;
}

static void
load_page_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LoadRequest *request = user_data;
  g_autoptr(UdMemberModel) self = request->self;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  Page *page;

  records = ud_db_worker_run_finish (result, &error);

  if (request->generation != self->generation)
    {
      /* Rows of an earlier query (in_flight was reset with them): they
       * may still be on screen, unchanged by the new query. */
      for (guint i = 0; records != NULL && i < records->len; i++)
        {
          UdRecord *record = g_ptr_array_index (records, i);
          UdMemberItem *item = find_live_item (self, record->id);

          if (item != NULL && !ud_member_item_get_loaded (item))
            ud_member_item_set_record (item, record);
        }
      g_free (request);
      return;
    }

  self->in_flight--;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (request->index));
  g_free (request);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[LOAD_FAILED], 0, error);

  if (page != NULL && !page->loaded &&
      (error == NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      /* On a failure the rows stay blank rather than being asked for
       * again and again. */
      fill_page (page, self->ids, records);
    }

  pump (self);
}

static void
pump (UdMemberModel *self)
{
  while (self->in_flight == 0 && self->pending.length > 0)
    {
      guint index = GPOINTER_TO_UINT (g_queue_pop_head (&self->pending));
      Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
      LoadRequest *request;
      LoadData *load;

      if (page == NULL || page->loaded)
        continue;

      load = g_new0 (LoadData, 1);
      load->n = page->n;
      load->ids = g_memdup2 (&g_array_index (self->ids, gint64, index * UD_MEMBER_MODEL_PAGE_SIZE),
                             sizeof (gint64) * page->n);

      request = g_new0 (LoadRequest, 1);
      request->self = g_object_ref (self);
      request->index = index;
      request->generation = self->generation;

      self->in_flight++;
      ud_db_worker_run_async (self->worker,
                              load_page_job, load, load_data_free,
                              (GDestroyNotify)g_ptr_array_unref,
                              self->cancellable,
                              load_page_done, request);
    }

  set_loading (self, self->in_flight > 0 || self->pending.length > 0);
}

static GType
ud_member_model_get_item_type (GListModel *model)
{
  return UD_TYPE_MEMBER_ITEM;
}

static guint
ud_member_model_get_n_items (GListModel *model)
{
  UdMemberModel *self = UD_MEMBER_MODEL (model);

  return self->ids->len - self->hole_len;
}

static gpointer
ud_member_model_get_item (GListModel *model,
                          guint       position)
{
  UdMemberModel *self = UD_MEMBER_MODEL (model);
  guint index;
  guint offset;
  Page *page;

  if (position >= self->ids->len - self->hole_len)
    return NULL;
  if (position >= self->hole_at)
    position += self->hole_len;

  index = position / UD_MEMBER_MODEL_PAGE_SIZE;
  offset = position % UD_MEMBER_MODEL_PAGE_SIZE;

  page = ensure_page (self, index);
  page->stamp = ++self->clock;

  if (page->items[offset] == NULL)
    {
      gint64 id = g_array_index (self->ids, gint64, position);
      UdMemberItem *item = live_item (self, id, position);

      if (page->loaded)
        {
          ud_member_item_set_record (item, page->records[offset]);
        }
      else if (!ud_member_item_get_loaded (item))
        {
          /* What was on screen before a new search or sort stays on
           * screen until the fresh page arrives: no blinking. */
          UdRecord *seen = g_hash_table_lookup (self->previous, &id);

          if (seen != NULL)
            ud_member_item_set_record (item, seen);
        }

      page->items[offset] = item;
    }

  if (!page->loaded && !page->queued)
    {
      page->queued = TRUE;
      g_queue_push_head (&self->pending, GUINT_TO_POINTER (index));
      pump (self);
    }
  else if (page->queued)
    {
      /* Wanted again: move it to the front. */
      g_queue_remove (&self->pending, GUINT_TO_POINTER (index));
      g_queue_push_head (&self->pending, GUINT_TO_POINTER (index));
    }

  return g_object_ref (page->items[offset]);
}

static void
ud_member_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ud_member_model_get_item_type;
  iface->get_n_items = ud_member_model_get_n_items;
  iface->get_item = ud_member_model_get_item;
}

static void
ud_member_model_dispose (GObject *object)
{
  UdMemberModel *self = (UdMemberModel *)object;

  GHashTableIter iter;
  LiveEntry *entry;

  g_cancellable_cancel (self->cancellable);
  g_queue_clear (&self->pending);
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->previous);

  /* Items the view still holds outlive the model. */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    g_object_weak_unref (G_OBJECT (entry->item), on_item_finalized, entry);
  g_hash_table_remove_all (self->live);

  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_member_model_parent_class)->dispose (object);
}

static void
ud_member_model_finalize (GObject *object)
{
  UdMemberModel *self = (UdMemberModel *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->previous, g_hash_table_unref);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (ud_member_model_parent_class)->finalize (object);
}

static void
ud_member_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UdMemberModel *self = UD_MEMBER_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len - self->hole_len);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_member_model_class_init (UdMemberModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ud_member_model_dispose;
  object_class->finalize = ud_member_model_finalize;
  object_class->get_property = ud_member_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UdMemberModel::load-failed:
   * @error: what went wrong, in words for the user
   *
   * A page of rows could not be read; they stay blank.
   */
  signals[LOAD_FAILED] =
    g_signal_new ("load-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
ud_member_model_init (UdMemberModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  self->previous = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                          (GDestroyNotify)ud_record_unref);
  self->live = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->pending);
}

UdMemberModel *
ud_member_model_new (UdDbWorker *worker)
{
  UdMemberModel *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_MEMBER_MODEL, NULL);
  self->worker = g_object_ref (worker);

  return self;
}

/* Rows before @prefix_end and from @suffix_start on were not announced
 * as changed, so the view keeps its items for them without asking again:
 * read the ones still blank. */
static void
requeue_unchanged (UdMemberModel *self,
                   guint          prefix_end,
                   guint          suffix_start,
                   gint64         shift)
{
  GHashTableIter iter;
  LiveEntry *entry;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    {
      gint64 position;
      guint offset;
      Page *page;

      if (ud_member_item_get_loaded (entry->item))
        continue;

      if (entry->position < prefix_end)
        position = entry->position;
      else if (entry->position >= suffix_start)
        position = (gint64)entry->position + shift;
      else
        continue;

      if (position < 0 || position >= self->ids->len ||
          g_array_index (self->ids, gint64, position) != entry->id)
        continue;

      entry->position = (guint)position;
      page = ensure_page (self, (guint)position / UD_MEMBER_MODEL_PAGE_SIZE);
      offset = (guint)position % UD_MEMBER_MODEL_PAGE_SIZE;
      if (page->items[offset] == NULL)
        page->items[offset] = g_object_ref (entry->item);
      if (page->loaded)
        ud_member_item_set_record (entry->item, page->records[offset]);
      else if (!page->queued)
        {
          page->queued = TRUE;
          g_queue_push_tail (&self->pending, GUINT_TO_POINTER (page->index));
        }
    }

  pump (self);
}

void
ud_member_model_set_ids (UdMemberModel *self,
                         GArray        *ids)
{
  GHashTableIter iter;
  const gint64 *old_ids;
  const gint64 *new_ids;
  GArray *old;
  Page *page;
  guint old_n;
  guint new_n;
  guint common;
  guint prefix = 0;
  guint suffix = 0;
  guint removed;
  guint added;

  g_return_if_fail (UD_IS_MEMBER_MODEL (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (g_array_get_element_size (ids) == sizeof (gint64));

  /* Keep what was read, keyed by the record's own id (the key points
   * into the record, which the table keeps alive). */
  g_hash_table_remove_all (self->previous);
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&page))
    {
      for (guint i = 0; i < page->n; i++)
        {
          UdRecord *record = page->records[i];

          if (record == NULL && page->items[i] != NULL)
            record = ud_member_item_get_record (page->items[i]);
          if (record != NULL)
            g_hash_table_replace (self->previous, &record->id, ud_record_ref (record));
        }
    }

  /* The read in flight is not cancelled: its rows may stay on screen. */
  self->generation++;
  self->in_flight = 0;
  g_queue_clear (&self->pending);
  g_hash_table_remove_all (self->pages);

  old = self->ids;
  self->ids = ids;
  old_n = old->len;
  new_n = ids->len;
  old_ids = (const gint64 *)(gpointer)old->data;
  new_ids = (const gint64 *)(gpointer)ids->data;

  /* Announce only the part that differs: after a save or a delete most
   * rows stay where they were, and so does the scroll position. */
  common = MIN (old_n, new_n);
  while (prefix < common && old_ids[prefix] == new_ids[prefix])
    prefix++;
  while (suffix < common - prefix && old_ids[old_n - 1 - suffix] == new_ids[new_n - 1 - suffix])
    suffix++;
  removed = old_n - prefix - suffix;
  added = new_n - prefix - suffix;
  g_array_unref (old);

  set_loading (self, FALSE);

  if (removed > 0 && added > UD_MEMBER_MODEL_PAGE_SIZE)
    {
      /* A new order or a new search: remove, then add, so that GTK does
       * not look for the removed anchor among every new row.  In between
       * the new rows are a hole the model hides. */
      self->hole_at = prefix;
      self->hole_len = added;
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, 0);
      self->hole_len = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, 0, added);
    }
  else if (removed > 0 || added > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
    }

  requeue_unchanged (self, prefix, old_n - suffix, (gint64)new_n - (gint64)old_n);

  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

gint64
ud_member_model_get_id (UdMemberModel *self,
                        guint          position)
{
  g_return_val_if_fail (UD_IS_MEMBER_MODEL (self), 0);
  g_return_val_if_fail (position < self->ids->len - self->hole_len, 0);

  if (position >= self->hole_at)
    position += self->hole_len;

  return g_array_index (self->ids, gint64, position);
}

guint
ud_member_model_find (UdMemberModel *self,
                      gint64         id)
{
  const gint64 *ids;
  guint i;

  g_return_val_if_fail (UD_IS_MEMBER_MODEL (self), G_MAXUINT);

  ids = (const gint64 *)(gpointer)self->ids->data;
  for (i = 0; i < self->ids->len; i++)
    {
      if (ids[i] == id)
        return i;
    }

  return G_MAXUINT;
}

typedef struct
{
  UdMemberModel *self;
  gint64        *ids;
  guint          n;
} ReloadRequest;

static void
reload_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ReloadRequest *request = user_data;
  g_autoptr(UdMemberModel) self = request->self;
  g_autofree gint64 *ids = request->ids;
  guint n = request->n;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) read = NULL;
  GHashTableIter iter;
  Page *page;

  g_free (request);

  records = ud_db_worker_run_finish (result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[LOAD_FAILED], 0, error);
      return;
    }

  /* Each id asked, with its record as read, or NULL when it vanished. */
  read = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (read, &ids[i], NULL);
  for (guint i = 0; i < records->len; i++)
    {
      UdRecord *record = g_ptr_array_index (records, i);

      g_hash_table_insert (read, &record->id, record);
    }

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&page))
    {
      guint start = page->index * UD_MEMBER_MODEL_PAGE_SIZE;

      for (guint i = 0; page->loaded && i < page->n; i++)
        {
          gint64 id = g_array_index (self->ids, gint64, start + i);
          gpointer record;

          if (!g_hash_table_lookup_extended (read, &id, NULL, &record))
            continue;
          g_clear_pointer (&page->records[i], ud_record_unref);
          if (record != NULL)
            page->records[i] = ud_record_ref (record);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      UdMemberItem *item = find_live_item (self, ids[i]);

      if (item != NULL)
        ud_member_item_set_record (item, g_hash_table_lookup (read, &ids[i]));
    }
}

/* Reads the members @ids (@n of them, taken) again in one job; every row
 * showing one follows. */
static void
reload (UdMemberModel *self,
        gint64        *ids,
        guint          n)
{
  ReloadRequest *request;
  LoadData *load;

  load = g_new0 (LoadData, 1);
  load->n = n;
  load->ids = g_memdup2 (ids, n * sizeof *ids);

  request = g_new0 (ReloadRequest, 1);
  request->self = g_object_ref (self);
  request->ids = ids;
  request->n = n;

  ud_db_worker_run_async (self->worker,
                          load_page_job, load, load_data_free,
                          (GDestroyNotify)g_ptr_array_unref,
                          NULL,
                          reload_done, request);
}

void
ud_member_model_invalidate (UdMemberModel *self,
                            gint64         id)
{
  g_return_if_fail (UD_IS_MEMBER_MODEL (self));

  g_hash_table_remove (self->previous, &id);

  /* Read the member again now; every row showing it follows. */
  reload (self, g_memdup2 (&id, sizeof id), 1);
}

/* After a sync, or any change made behind the model's back: every member
 * on screen is read again, in one job (the list's own query is the
 * view's to run). */
void
ud_member_model_invalidate_live (UdMemberModel *self)
{
  GArray *ids;
  GHashTableIter iter;
  LiveEntry *entry;
  guint n;

  g_return_if_fail (UD_IS_MEMBER_MODEL (self));

  g_hash_table_remove_all (self->previous);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    g_array_append_val (ids, entry->id);
  n = ids->len;
  if (n == 0)
    {
      g_array_unref (ids);
      return;
    }
  reload (self, (gint64 *) g_array_free (ids, FALSE), n);
}

void
ud_member_model_refresh (UdMemberModel *self)
{
  GHashTableIter iter;
  LiveEntry *entry;

  g_return_if_fail (UD_IS_MEMBER_MODEL (self));

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    ud_member_item_refresh (entry->item);
}

gboolean
ud_member_model_get_loading (UdMemberModel *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_MODEL (self), FALSE);

  return self->loading;
}
