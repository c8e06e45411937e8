/* ud-report.h — the overview's and the statistics report's figures
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ud-chart.h"
#include "ud-database.h"
#include "ud-document.h"
#include "ud-record-store.h"

G_BEGIN_DECLS

/*
 * Every figure is counted or summed by SQL over a register's records when
 * it is asked for — never kept in a counter beside them — for a period (a
 * year, a quarter or a month) and the same period a year before, for the
 * district or one street.
 *
 * The figures come from a table of providers, one per register
 * (ud_report_add_provider()): members, hardship archives, aid payments,
 * serious-illness relief, the poverty-relief teams and the
 * mother-and-baby rooms are built in (ud_reports_register(), called by
 * ud_core_init()).  A register to come adds its own provider when it
 * registers its kinds: its tables, its work to do today.
 *
 * A table's rows may name the list behind them: a kind and the filters
 * that list it (ud_record_store_query()), so that a figure opens the
 * records it counts.
 */

typedef struct
{
  guint  year;
  guint  quarter;    /* 1–4, or 0 */
  guint  month;      /* 1–12, or 0; not with a quarter */
  char  *street;     /* NULL: the whole district */
} UdReportScope;

/* What a column or a row counts. */
typedef enum
{
  UD_REPORT_COUNT,    /* records: 户, 件, 人 */
  UD_REPORT_FEN,      /* money, shown in yuan */
} UdReportUnit;

#define UD_REPORT_MAX_COLUMNS 6
#define UD_REPORT_MAX_FILTERS 4

/* The list behind a figure: @kind's live records that match @filters.
 * The values may hold the column's period: "{from}", "{to}" are replaced
 * by the first and last day of the column's period. */
typedef struct
{
  char           *kind;
  guint           n_filters;
  UdRecordFilter  filters[UD_REPORT_MAX_FILTERS];
} UdReportLink;

typedef struct
{
  char         *label;
  gint64        values[UD_REPORT_MAX_COLUMNS];
  /* Per column: the list behind the value, or NULL. */
  UdReportLink *links[UD_REPORT_MAX_COLUMNS];
} UdReportRow;

typedef struct
{
  char         *id;                /* "members_by_status": JSON's name */
  char         *title;             /* translated */
  guint         n_columns;
  char         *columns[UD_REPORT_MAX_COLUMNS];
  UdReportUnit  units[UD_REPORT_MAX_COLUMNS];
  gboolean      last_year[UD_REPORT_MAX_COLUMNS];  /* the column is of the period a year before */
  gboolean      has_total;         /* a total row sums each column */
  GPtrArray    *rows;              /* UdReportRow */
} UdReportTable;

/* Something waiting to be done today. */
typedef struct
{
  char         *id;        /* "relief_waiting" */
  char         *text;      /* translated sentence with the count */
  gint64        count;
  /* The count is where counting stopped: there are at least this many
   * (more than the text's "1,000"). */
  gboolean      at_least;
  UdReportLink *link;
} UdReportWork;

/* A series of a chart: one value per category. */
typedef struct
{
  char     *id;            /* "relief_paid_by_month" */
  char     *title;
  int       kind;          /* a UdChartKind */
  UdReportUnit unit;
  GStrv     categories;
  GPtrArray *series_names; /* char * */
  GArray   *values;        /* gint64, series after series */
} UdReportChart;

typedef struct
{
  UdReportScope  scope;
  char          *from;       /* the period, YYYY-MM-DD */
  char          *to;
  char          *last_from;  /* the same period a year before */
  char          *last_to;
  char          *period;     /* "2024年第二季度", translated */
  char          *office;
  char          *today;
  GPtrArray     *tables;     /* UdReportTable */
  GPtrArray     *charts;     /* UdReportChart */
  GPtrArray     *work;       /* UdReportWork */
  GPtrArray     *summary;    /* char *: sentences, in Chinese */
} UdReport;

/* A register's figures.  Each function adds to @report (tables, charts,
 * sentences of the summary; work to do today); NULL when it has none. */
typedef struct
{
  const char *name;
  gboolean  (*tables) (UdDatabase *db,
                       UdReport   *report,
                       GError    **error);
  gboolean  (*work)   (UdDatabase *db,
                       UdReport   *report,
                       GError    **error);
} UdReportProvider;

void            ud_report_add_provider     (const UdReportProvider *provider);
/* The built-in providers: members, hardship, aid, relief, teams, rooms, sync. */
void            ud_reports_register        (void);

/* Checks a scope: a year between 2000 and 2999, a quarter 1–4 or a month
 * 1–12 (not both); the message names the option at fault. */
gboolean        ud_report_scope_check      (const UdReportScope *scope,
                                            GError             **error);

/* The figures for @scope (the tables and charts); with @work, also the
 * work to do today for the signed-in account.  Needs the view permission
 * of members.  Cancellable between providers. */
UdReport       *ud_report_compute          (UdDatabase          *db,
                                            const UdReportScope *scope,
                                            gboolean             work,
                                            GCancellable        *cancellable,
                                            GError             **error);
void            ud_report_free             (UdReport            *report);

UdReportTable  *ud_report_find_table       (UdReport            *report,
                                            const char          *id);
/* The sum of a column over the rows. */
gint64          ud_report_table_total      (const UdReportTable *table,
                                            guint                column);
/* A value shown: a count with thousands separators, money as yuan. */
char           *ud_report_format_value     (UdReportUnit         unit,
                                            gint64               value);

/* The link with its period marks ({from}, {to}) filled in for @column; free with
 * ud_report_link_free(). */
UdReportLink   *ud_report_link_resolve     (const UdReport      *report,
                                            const UdReportLink  *link,
                                            gboolean             last_year);
void            ud_report_link_free        (UdReportLink        *link);

JsonNode       *ud_report_to_json          (const UdReport      *report);

/* The statistics report as an A4 document (统计报表): the title, the
 * period, the tables with their totals (money in figures and in
 * capitals), the charts, the summary in sentences, the office and the
 * date, page numbers. */
UdDocument     *ud_report_document         (const UdReport      *report);
/* One of the report's charts, for a document or a widget. */
UdChart        *ud_report_chart_new        (const UdReportChart *chart);

/* For providers: building a report. */
UdReportTable  *ud_report_add_table        (UdReport            *report,
                                            const char          *id,
                                            const char          *title,
                                            gboolean             has_total);
void            ud_report_table_add_column (UdReportTable       *table,
                                            const char          *title,
                                            UdReportUnit         unit,
                                            gboolean             last_year);
UdReportRow    *ud_report_table_add_row    (UdReportTable       *table,
                                            const char          *label);
/* A link with @n_filters triples (field, op, value) after @kind. */
UdReportLink   *ud_report_link_new         (const char          *kind,
                                            guint                n_filters,
                                            ...);
UdReportChart  *ud_report_add_chart        (UdReport            *report,
                                            const char          *id,
                                            const char          *title,
                                            int                  chart_kind,
                                            UdReportUnit         unit,
                                            const char * const  *categories);
void            ud_report_chart_add_series (UdReportChart       *chart,
                                            const char          *name,
                                            const gint64        *values);
void            ud_report_add_work         (UdReport            *report,
                                            const char          *id,
                                            const char          *text,
                                            gint64               count,
                                            UdReportLink        *link);
void            ud_report_add_sentence     (UdReport            *report,
                                            const char          *sentence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdReport, ud_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdReportLink, ud_report_link_free)

G_END_DECLS
