/* ud-report.c — the overview's and the statistics report's figures
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <time.h>

#include "ud-report.h"
#include "ud-report-private.h"
#include "ud-money.h"
#include "ud-permission.h"
#include "ud-validate.h"

/* The table of providers: filled by ud_core_init () before any thread
 * reads it, like the registry of kinds. */
static GPtrArray *providers;

void
ud_report_add_provider (const UdReportProvider *provider)
{
  g_return_if_fail (provider != NULL && provider->name != NULL);

  if (providers == NULL)
    providers = g_ptr_array_new ();
  for (guint i = 0; i < providers->len; i++)
    if (g_strcmp0 (((const UdReportProvider *) g_ptr_array_index (providers, i))->name, provider->name) == 0)
      return;
  g_ptr_array_add (providers, (gpointer) provider);
}

gboolean
ud_report_scope_check (const UdReportScope  *scope,
                       GError              **error)
{
  if (scope->year < 2000 || scope->year > 2999)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("Period: give a year between 2000 and 2999."));
      return FALSE;
    }
  if (scope->quarter > 4)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("Quarter: give a quarter from 1 to 4."));
      return FALSE;
    }
  if (scope->month > 12)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("Month: give a month from 1 to 12."));
      return FALSE;
    }
  if (scope->quarter != 0 && scope->month != 0)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("Period: give either a quarter or a month, not both."));
      return FALSE;
    }
  if (scope->street != NULL && ud_text_is_blank (scope->street))
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("Street: give the street's name, or leave it out for the whole district."));
      return FALSE;
    }

  return TRUE;
}

static void
period_bounds (const UdReportScope *scope,
               guint                year,
               char               **from,
               char               **to)
{
  guint first = 1, last = 12;

  if (scope->quarter != 0)
    {
      first = (scope->quarter - 1) * 3 + 1;
      last = first + 2;
    }
  else if (scope->month != 0)
    first = last = scope->month;

  *from = g_strdup_printf ("%04u-%02u-01", year, first);
  *to = g_strdup_printf ("%04u-%02u-%02u", year, last,
                         g_date_get_days_in_month ((GDateMonth) last, (GDateYear) year));
}

static char *
period_text (const UdReportScope *scope)
{
  if (scope->quarter != 0)
    /* TRANSLATORS: a report's period, "2024年第2季度" */
    return g_strdup_printf (_("Quarter %u of %u"), scope->quarter, scope->year);
  if (scope->month != 0)
    /* TRANSLATORS: a report's period, "2024年3月" */
    return g_strdup_printf (_("%2$u-%1$02u"), scope->month, scope->year);

  /* TRANSLATORS: a report's period, "2024年度" */
  return g_strdup_printf (_("Year %u"), scope->year);
}

static void
link_clear (UdReportLink *link)
{
  g_free (link->kind);
  for (guint i = 0; i < link->n_filters; i++)
    {
      g_free ((char *) link->filters[i].field);
      g_free ((char *) link->filters[i].value);
    }
}

void
ud_report_link_free (UdReportLink *link)
{
  if (link == NULL)
    return;
  link_clear (link);
  g_free (link);
}

UdReportLink *
ud_report_link_new (const char *kind,
                    guint       n_filters,
                    ...)
{
  UdReportLink *link = g_new0 (UdReportLink, 1);
  va_list args;

  g_return_val_if_fail (n_filters <= UD_REPORT_MAX_FILTERS, link);

  link->kind = g_strdup (kind);
  va_start (args, n_filters);
  for (guint i = 0; i < n_filters; i++)
    {
      link->filters[i].field = g_strdup (va_arg (args, const char *));
      link->filters[i].op = va_arg (args, UdRecordFilterOp);
      link->filters[i].value = g_strdup (va_arg (args, const char *));
    }
  va_end (args);
  link->n_filters = n_filters;

  return link;
}

static char *
replace_period (const char *value,
                const char *from,
                const char *to)
{
  if (value == NULL)
    return NULL;
  if (strcmp (value, "{from}") == 0)
    return g_strdup (from);
  if (strcmp (value, "{to}") == 0)
    return g_strdup (to);
  return g_strdup (value);
}

UdReportLink *
ud_report_link_resolve (const UdReport     *report,
                        const UdReportLink *link,
                        gboolean            last_year)
{
  UdReportLink *resolved;

  g_return_val_if_fail (report != NULL && link != NULL, NULL);

  resolved = g_new0 (UdReportLink, 1);
  resolved->kind = g_strdup (link->kind);
  resolved->n_filters = link->n_filters;
  for (guint i = 0; i < link->n_filters; i++)
    {
      resolved->filters[i].field = g_strdup (link->filters[i].field);
      resolved->filters[i].op = link->filters[i].op;
      resolved->filters[i].value = replace_period (link->filters[i].value,
                                                   last_year ? report->last_from : report->from,
                                                   last_year ? report->last_to : report->to);
    }

  return resolved;
}

static void
row_free (gpointer data)
{
  UdReportRow *row = data;

  g_free (row->label);
  for (guint i = 0; i < UD_REPORT_MAX_COLUMNS; i++)
    ud_report_link_free (row->links[i]);
  g_free (row);
}

static void
table_free (gpointer data)
{
  UdReportTable *table = data;

  g_free (table->id);
  g_free (table->title);
  for (guint i = 0; i < table->n_columns; i++)
    g_free (table->columns[i]);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

static void
chart_free (gpointer data)
{
  UdReportChart *chart = data;

  g_free (chart->id);
  g_free (chart->title);
  g_strfreev (chart->categories);
  g_ptr_array_unref (chart->series_names);
  g_array_unref (chart->values);
  g_free (chart);
}

static void
work_free (gpointer data)
{
  UdReportWork *work = data;

  g_free (work->id);
  g_free (work->text);
  ud_report_link_free (work->link);
  g_free (work);
}

void
ud_report_free (UdReport *report)
{
  if (report == NULL)
    return;

  g_free (report->scope.street);
  g_free (report->from);
  g_free (report->to);
  g_free (report->last_from);
  g_free (report->last_to);
  g_free (report->period);
  g_free (report->office);
  g_free (report->today);
  g_ptr_array_unref (report->tables);
  g_ptr_array_unref (report->charts);
  g_ptr_array_unref (report->work);
  g_ptr_array_unref (report->summary);
  g_free (report);
}

UdReportTable *
ud_report_add_table (UdReport   *report,
                     const char *id,
                     const char *title,
                     gboolean    has_total)
{
  UdReportTable *table = g_new0 (UdReportTable, 1);

  table->id = g_strdup (id);
  table->title = g_strdup (title);
  table->has_total = has_total;
  table->rows = g_ptr_array_new_with_free_func (row_free);
  g_ptr_array_add (report->tables, table);

  return table;
}

void
ud_report_table_add_column (UdReportTable *table,
                            const char    *title,
                            UdReportUnit   unit,
                            gboolean       last_year)
{
  g_return_if_fail (table->n_columns < UD_REPORT_MAX_COLUMNS);

  table->columns[table->n_columns] = g_strdup (title);
  table->units[table->n_columns] = unit;
  table->last_year[table->n_columns] = last_year;
  table->n_columns++;
}

UdReportRow *
ud_report_table_add_row (UdReportTable *table,
                         const char    *label)
{
  UdReportRow *row = g_new0 (UdReportRow, 1);

  row->label = g_strdup (label);
  g_ptr_array_add (table->rows, row);

  return row;
}

UdReportChart *
ud_report_add_chart (UdReport           *report,
                     const char         *id,
                     const char         *title,
                     int                 chart_kind,
                     UdReportUnit        unit,
                     const char * const *categories)
{
  UdReportChart *chart = g_new0 (UdReportChart, 1);

  chart->id = g_strdup (id);
  chart->title = g_strdup (title);
  chart->kind = chart_kind;
  chart->unit = unit;
  chart->categories = g_strdupv ((char **) categories);
  chart->series_names = g_ptr_array_new_with_free_func (g_free);
  chart->values = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_ptr_array_add (report->charts, chart);

  return chart;
}

void
ud_report_chart_add_series (UdReportChart *chart,
                            const char    *name,
                            const gint64  *values)
{
  g_ptr_array_add (chart->series_names, g_strdup (name));
  g_array_append_vals (chart->values, values, g_strv_length (chart->categories));
}

void
ud_report_add_work (UdReport     *report,
                    const char   *id,
                    const char   *text,
                    gint64        count,
                    UdReportLink *link)
{
  UdReportWork *work = g_new0 (UdReportWork, 1);

  work->id = g_strdup (id);
  work->text = g_strdup (text);
  work->count = count;
  work->link = link;
  g_ptr_array_add (report->work, work);
}

void
ud_report_add_sentence (UdReport   *report,
                        const char *sentence)
{
  g_ptr_array_add (report->summary, g_strdup (sentence));
}

UdReportTable *
ud_report_find_table (UdReport   *report,
                      const char *id)
{
  for (guint i = 0; i < report->tables->len; i++)
    {
      UdReportTable *table = g_ptr_array_index (report->tables, i);

      if (g_strcmp0 (table->id, id) == 0)
        return table;
    }

  return NULL;
}

gint64
ud_report_table_total (const UdReportTable *table,
                       guint                column)
{
  gint64 total = 0;

  g_return_val_if_fail (column < table->n_columns, 0);

  for (guint i = 0; i < table->rows->len; i++)
    total += ((UdReportRow *) g_ptr_array_index (table->rows, i))->values[column];

  return total;
}

char *
ud_report_format_value (UdReportUnit unit,
                        gint64       value)
{
  return unit == UD_REPORT_FEN ? ud_money_format (value) : ud_format_thousands (value);
}

/* ---- computing: the providers on two connections ---- */

/* The providers are independent: each reads its registers and adds its
 * own tables, charts, work and sentences.  They are computed on two
 * threads, each taking the next provider not yet taken (the heaviest,
 * the members, come first): this one on the caller's connection, the
 * other on a second, read-only connection to the same file, opened once
 * and kept with the caller's (a cache of its connection).  Each provider
 * fills a part of its own; the parts are put together in the providers'
 * order, so the report reads the same whichever thread computed what.
 * Both connections read what was committed before the computation
 * started, give or take a commit between them: a provider's figures are
 * each read in one statement or one read of a range. */

#define READER_CACHE "ud-report-reader"

typedef struct
{
  UdDatabase   *db;
  UdReport     *report;     /* its header: scope, period, today */
  gboolean      work;
  GCancellable *cancellable;
  UdReport    **parts;      /* one per provider */
  gint         *next;       /* the next provider to take */
  gint         *failed;
  GError       *error;
} ComputeThread;

/* A part: the report's header (shared, not owned) and arrays of its own. */
static UdReport *
part_new (const UdReport *report)
{
  UdReport *part = g_new (UdReport, 1);

  *part = *report;
  part->tables = g_ptr_array_new_with_free_func (table_free);
  part->charts = g_ptr_array_new_with_free_func (chart_free);
  part->work = g_ptr_array_new_with_free_func (work_free);
  part->summary = g_ptr_array_new_with_free_func (g_free);

  return part;
}

static void
part_free (UdReport *part)
{
  if (part == NULL)
    return;
  g_ptr_array_unref (part->tables);
  g_ptr_array_unref (part->charts);
  g_ptr_array_unref (part->work);
  g_ptr_array_unref (part->summary);
  g_free (part);
}

static void
move_all (GPtrArray *to,
          GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_ptr_array_index (from, i));
  /* Now the report's: emptied without freeing them. */
  g_ptr_array_set_free_func (from, NULL);
  g_ptr_array_set_size (from, 0);
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static gpointer
compute_thread (gpointer data)
{
  ComputeThread *t = data;

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (t->next, 1);
      const UdReportProvider *provider;
      UdReport *part;
      gint64 start, middle;
      double cpu, cpu_middle;

      if (i >= providers->len || g_atomic_int_get (t->failed))
        break;
      if (g_cancellable_set_error_if_cancelled (t->cancellable, &t->error))
        {
          g_atomic_int_set (t->failed, TRUE);
          break;
        }

      provider = g_ptr_array_index (providers, i);
      part = t->parts[i] = part_new (t->report);
      start = g_get_monotonic_time ();
      cpu = thread_cpu_ms ();
      if (provider->tables != NULL && !provider->tables (t->db, part, &t->error))
        {
          g_atomic_int_set (t->failed, TRUE);
          break;
        }
      middle = g_get_monotonic_time ();
      cpu_middle = thread_cpu_ms ();
      if (t->work && provider->work != NULL && !provider->work (t->db, part, &t->error))
        {
          g_atomic_int_set (t->failed, TRUE);
          break;
        }
      g_debug ("Figures of %s in %.1f ms (%.1f ms of processor time), its work in %.1f ms (%.1f ms)",
               provider->name, (middle - start) / 1000.0, cpu_middle - cpu,
               (g_get_monotonic_time () - middle) / 1000.0, thread_cpu_ms () - cpu_middle);
    }

  return NULL;
}

/* The second connection, acting as the caller's does (its account, its
 * permissions); NULL when there can be none — a database in memory, a
 * transaction open on the caller's, which another connection would not
 * see — or it could not be opened: then one thread computes all. */
static UdDatabase *
reader_for (UdDatabase *db)
{
  const char *path = ud_database_get_path (db);
  UdDatabase *reader;

  if (path == NULL || *path == '\0' || g_str_has_prefix (path, ":memory:") || g_str_has_prefix (path, "file:") ||
      !sqlite3_get_autocommit (ud_database_get_handle (db)))
    return NULL;

  reader = ud_database_get_cache (db, READER_CACHE);
  if (reader == NULL)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 start = g_get_monotonic_time ();

      reader = ud_database_open_readonly (path, &local_error);
      if (reader == NULL)
        {
          g_debug ("No second connection for the figures: %s", local_error->message);
          return NULL;
        }
      g_debug ("Second connection for the figures opened in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
      ud_database_set_cache (db, READER_CACHE, reader, g_object_unref);
    }

  ud_database_set_sign_in_required (reader, ud_database_get_sign_in_required (db));
  ud_database_set_session (reader, ud_database_get_session (db));
  if (ud_database_get_actor (db) != NULL)
    ud_database_set_actor (reader, ud_database_get_actor (db));

  return reader;
}

static gboolean
compute_providers (UdDatabase   *db,
                   UdReport     *report,
                   gboolean      work,
                   GCancellable *cancellable,
                   GError      **error)
{
  guint n = providers != NULL ? providers->len : 0;
  g_autofree UdReport **parts = g_new0 (UdReport *, n + 1);
  gint next = 0, failed = FALSE;
  ComputeThread here = { db, report, work, cancellable, parts, &next, &failed, NULL };
  ComputeThread there = { NULL, report, work, cancellable, parts, &next, &failed, NULL };
  GThread *thread = NULL;
  gboolean ok;

  if (n == 0)
    return TRUE;

  there.db = n > 1 ? reader_for (db) : NULL;
  if (there.db != NULL)
    thread = g_thread_new ("ud-report", compute_thread, &there);
  compute_thread (&here);
  if (thread != NULL)
    g_thread_join (thread);

  ok = here.error == NULL && there.error == NULL;
  if (!ok)
    g_propagate_error (error, here.error != NULL ? g_steal_pointer (&here.error) : g_steal_pointer (&there.error));
  g_clear_error (&here.error);
  g_clear_error (&there.error);
  if (there.db != NULL)
    /* No reference to the caller's session is kept between reports. */
    ud_database_set_session (there.db, NULL);

  for (guint i = 0; i < n; i++)
    {
      if (ok && parts[i] != NULL)
        {
          move_all (report->tables, parts[i]->tables);
          move_all (report->charts, parts[i]->charts);
          move_all (report->work, parts[i]->work);
          move_all (report->summary, parts[i]->summary);
        }
      part_free (parts[i]);
    }

  return ok;
}

UdReport *
ud_report_compute (UdDatabase          *db,
                   const UdReportScope *scope,
                   gboolean             work,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autoptr(UdReport) report = NULL;
  GDate today;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  if (!ud_report_scope_check (scope, error) ||
      !ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  report = g_new0 (UdReport, 1);
  report->scope.year = scope->year;
  report->scope.quarter = scope->quarter;
  report->scope.month = scope->month;
  report->scope.street = scope->street != NULL ? g_strstrip (g_strdup (scope->street)) : NULL;
  period_bounds (scope, scope->year, &report->from, &report->to);
  period_bounds (scope, scope->year - 1, &report->last_from, &report->last_to);
  report->period = period_text (scope);
  report->office = g_strdup (ud_database_get_office_name (db));
  ud_date_today (&today);
  report->today = ud_date_to_iso (&today);
  report->tables = g_ptr_array_new_with_free_func (table_free);
  report->charts = g_ptr_array_new_with_free_func (chart_free);
  report->work = g_ptr_array_new_with_free_func (work_free);
  report->summary = g_ptr_array_new_with_free_func (g_free);

  if (!compute_providers (db, report, work, cancellable, error))
    return NULL;

  return g_steal_pointer (&report);
}

/* ---- JSON ---- */

static void
add_link_json (JsonBuilder        *builder,
               const UdReport     *report,
               const UdReportLink *link,
               gboolean            last_year)
{
  static const char * const ops[] = { "equals", "not_empty", "empty", "from", "until" };
  g_autoptr(UdReportLink) resolved = ud_report_link_resolve (report, link, last_year);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, resolved->kind);
  json_builder_set_member_name (builder, "filters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < resolved->n_filters; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, resolved->filters[i].field);
      json_builder_set_member_name (builder, "op");
      json_builder_add_string_value (builder, (guint) resolved->filters[i].op < G_N_ELEMENTS (ops)
                                              ? ops[resolved->filters[i].op] : "");
      if (resolved->filters[i].value != NULL)
        {
          json_builder_set_member_name (builder, "value");
          json_builder_add_string_value (builder, resolved->filters[i].value);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

JsonNode *
ud_report_to_json (const UdReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, report->scope.year);
  if (report->scope.quarter != 0)
    {
      json_builder_set_member_name (builder, "quarter");
      json_builder_add_int_value (builder, report->scope.quarter);
    }
  if (report->scope.month != 0)
    {
      json_builder_set_member_name (builder, "month");
      json_builder_add_int_value (builder, report->scope.month);
    }
  json_builder_set_member_name (builder, "street");
  if (report->scope.street != NULL)
    json_builder_add_string_value (builder, report->scope.street);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, report->from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, report->to);
  json_builder_set_member_name (builder, "last_from");
  json_builder_add_string_value (builder, report->last_from);
  json_builder_set_member_name (builder, "last_to");
  json_builder_add_string_value (builder, report->last_to);
  json_builder_set_member_name (builder, "period");
  json_builder_add_string_value (builder, report->period);
  json_builder_set_member_name (builder, "office");
  json_builder_add_string_value (builder, report->office != NULL ? report->office : "");

  json_builder_set_member_name (builder, "tables");
  json_builder_begin_object (builder);
  for (guint t = 0; t < report->tables->len; t++)
    {
      const UdReportTable *table = g_ptr_array_index (report->tables, t);

      json_builder_set_member_name (builder, table->id);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, table->title);
      json_builder_set_member_name (builder, "columns");
      json_builder_begin_array (builder);
      for (guint c = 0; c < table->n_columns; c++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, table->columns[c]);
          json_builder_set_member_name (builder, "unit");
          json_builder_add_string_value (builder, table->units[c] == UD_REPORT_FEN ? "fen" : "count");
          json_builder_set_member_name (builder, "last_year");
          json_builder_add_boolean_value (builder, table->last_year[c]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "rows");
      json_builder_begin_array (builder);
      for (guint r = 0; r < table->rows->len; r++)
        {
          const UdReportRow *row = g_ptr_array_index (table->rows, r);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, row->label);
          json_builder_set_member_name (builder, "values");
          json_builder_begin_array (builder);
          for (guint c = 0; c < table->n_columns; c++)
            json_builder_add_int_value (builder, row->values[c]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "lists");
          json_builder_begin_array (builder);
          for (guint c = 0; c < table->n_columns; c++)
            if (row->links[c] != NULL)
              add_link_json (builder, report, row->links[c], table->last_year[c]);
            else
              json_builder_add_null_value (builder);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      if (table->has_total)
        {
          json_builder_set_member_name (builder, "totals");
          json_builder_begin_array (builder);
          for (guint c = 0; c < table->n_columns; c++)
            json_builder_add_int_value (builder, ud_report_table_total (table, c));
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "charts");
  json_builder_begin_object (builder);
  for (guint i = 0; i < report->charts->len; i++)
    {
      const UdReportChart *chart = g_ptr_array_index (report->charts, i);
      guint n = g_strv_length (chart->categories);

      json_builder_set_member_name (builder, chart->id);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, chart->title);
      json_builder_set_member_name (builder, "categories");
      json_builder_begin_array (builder);
      for (guint c = 0; c < n; c++)
        json_builder_add_string_value (builder, chart->categories[c]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "series");
      json_builder_begin_array (builder);
      for (guint s = 0; s < chart->series_names->len; s++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, g_ptr_array_index (chart->series_names, s));
          json_builder_set_member_name (builder, "values");
          json_builder_begin_array (builder);
          for (guint c = 0; c < n; c++)
            json_builder_add_int_value (builder, g_array_index (chart->values, gint64, s * n + c));
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "work");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->work->len; i++)
    {
      const UdReportWork *work = g_ptr_array_index (report->work, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, work->id);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, work->count);
      if (work->at_least)
        {
          json_builder_set_member_name (builder, "at_least");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, work->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "summary");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->summary->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->summary, i));
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
