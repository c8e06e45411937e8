/* ud-record-table.h — a searchable, sortable table of records of any kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-record-model.h"
#include "ud-record-store.h"

G_BEGIN_DECLS

#define UD_TYPE_RECORD_TABLE (ud_record_table_get_type ())
G_DECLARE_FINAL_TYPE (UdRecordTable, ud_record_table, UD, RECORD_TABLE, GtkWidget)

/* A section's list: a search entry, a drop-down for each choice field of
 * the kind marked UD_FIELD_FILTER (a reference lists the records it may
 * name; a choice that may be empty has "any value" too), a count, and a GtkColumnView with a
 * column for each UD_FIELD_LIST field (header clicks sort the
 * UD_FIELD_SORTABLE ones).  Search, filters and sorting are SQL's
 * (ud_record_store_query(), keyset paging: the first page is shown
 * before the rest is listed); the rows are a lazy UdRecordModel.  The
 * table reads again on the worker's "records-changed" for its kind.
 *
 * In a template: <object class="UdRecordTable"> with "kind-name" and the
 * texts of its empty page; the section calls ud_record_table_set_worker().
 */

/* The text of the count: @shown of @total records (@filtered: a search or
 * a filter is on).  Returns a new string. */
typedef char *(*UdRecordCountFunc) (guint64  shown,
                                    guint64  total,
                                    gboolean filtered);

/* The text of a cell of @field in @record's row, or NULL for
 * ud_field_display ()'s (@masked: ID, phone and card numbers masked). */
typedef char *(*UdRecordDisplayFunc) (const UdField  *field,
                                      const UdRecord *record,
                                      gboolean        masked,
                                      gpointer        data);

GtkWidget     *ud_record_table_new              (UdDbWorker          *worker,
                                                 const UdKind        *kind);
void           ud_record_table_set_worker       (UdRecordTable       *self,
                                                 UdDbWorker          *worker);
const UdKind  *ud_record_table_get_kind         (UdRecordTable       *self);
void           ud_record_table_set_count_func   (UdRecordTable       *self,
                                                 UdRecordCountFunc    func);
/* A condition the section sets on every query (a unit's members); the
 * table keeps a copy.  @value NULL removes the filter on @field. */
void           ud_record_table_set_fixed_filter (UdRecordTable       *self,
                                                 const char          *field,
                                                 const char          *value);
/* A condition of the section's own control (a year chosen): like the
 * user's filters, it counts as filtering ("3 of 120"); @value NULL
 * removes it. */
void           ud_record_table_set_filter       (UdRecordTable       *self,
                                                 const char          *field,
                                                 const char          *value);
/* When nothing was found: how many records the same search and filters
 * find without the section's filters (other years), for the section's
 * "no-results-title", "no-results-description" and "no-results-child"
 * (read it on "notify::count-text"). */
gint64         ud_record_table_get_elsewhere    (UdRecordTable       *self);
/* Whether the drop-downs of the kind's choice fields are shown (a short
 * list inside a form may do without); also "show-filters". */
/* A condition every listed record meets besides the fixed filters: a
 * period (UD_RECORD_FILTER_FROM / _UNTIL), a field not empty. */
void           ud_record_table_add_fixed_condition (UdRecordTable     *self,
                                                 const UdRecordFilter *filter);
void           ud_record_table_set_show_filters (UdRecordTable       *self,
                                                 gboolean             show);
/* A search shows at most @limit records, the best first (0: every
 * match, the default); one that finds more says so with @more_count
 * (@shown is then @limit; NULL: "1,000+ of 3,000").  For a kind whose
 * searches rank (UdKindHooks.query), so that a common word stays quick. */
void           ud_record_table_set_search_limit (UdRecordTable       *self,
                                                 guint                limit,
                                                 UdRecordCountFunc    more_count);
/* Cells shown otherwise than ud_field_display () (@data is the caller's
 * and outlives the table). */
void           ud_record_table_set_display_func (UdRecordTable       *self,
                                                 UdRecordDisplayFunc  func,
                                                 gpointer             data);
/* The column of @field takes the spare width (by default the first). */
void           ud_record_table_set_expand_column (UdRecordTable      *self,
                                                  const char         *field);
/* A column of the section's own before the kind's (marks, icons). */
void           ud_record_table_prepend_column   (UdRecordTable       *self,
                                                 GtkColumnViewColumn *column);
/* A section's own button after the search entry, on its row (the
 * section's tool bar, saving a row). */
void           ud_record_table_add_bar_widget   (UdRecordTable       *self,
                                                 GtkWidget           *widget);
/* Puts the focus in the search entry, its text selected (Ctrl+F). */
void           ud_record_table_focus_search     (UdRecordTable       *self);
/* The sort is also the properties "sort-field" (never NULL once the kind
 * is known: the kind's order when none is chosen) and "sort-descending",
 * which a section may bind to its settings. */

/* Reads the list again. */
void           ud_record_table_reload           (UdRecordTable       *self);

UdRecordModel *ud_record_table_get_model        (UdRecordTable       *self);
GtkWidget     *ud_record_table_get_column_view  (UdRecordTable       *self);
/* The selected record's row id, or 0; the record once its row is read. */
gint64         ud_record_table_get_selected_id  (UdRecordTable       *self);
UdRecord      *ud_record_table_get_selected     (UdRecordTable       *self);
const char    *ud_record_table_get_count_text   (UdRecordTable       *self);
/* TRUE while a query runs. */
gboolean       ud_record_table_get_busy         (UdRecordTable       *self);

/* Deletes the selected record on the worker, with a toast that undoes it. */
void           ud_record_table_delete_selected  (UdRecordTable       *self);
/* Exports the records the table shows (its search, filters and order) to
 * @file, CSV or, for a name ending in ".xlsx", Excel, on a thread of its
 * own with a progress toast that can cancel it. */
void           ud_record_table_export           (UdRecordTable       *self,
                                                 GFile               *file);
/* A save dialog for an export (CSV or Excel), then ud_record_table_export();
 * @title and @file_name (without extension) are the section's words. */
void           ud_record_table_choose_export    (UdRecordTable       *self,
                                                 const char          *title,
                                                 const char          *file_name);

G_END_DECLS
