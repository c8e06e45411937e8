/* ud-chart.h — bar, stacked-bar and line charts drawn with cairo and pango
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>
#include <pango/pango.h>

#include "ud-document.h"

G_BEGIN_DECLS

/*
 * A UdChart is data in, drawing out: category names (the months, the
 * streets…), one or more series of integer values per category (fen or
 * counts), a title, axis titles and a way to format the values.  It knows
 * no SQL and no widget.
 *
 * ud_chart_draw() lays the chart out for a width × height in points —
 * text through Pango in Noto Sans CJK SC, sizes in points — and draws it
 * into any cairo context with the origin at the chart's top-left corner: a
 * PDF page, a widget's snapshot, an image surface.  Inside a UdDocument use
 * ud_document_add_chart(), so that the PDF embeds the chart's text like the
 * rest of the page.
 *
 * Every series has a colour, a grey level of its own and, from the second
 * series on, a hatch (lines have a dash pattern and a marker shape), and
 * the values are written on the chart, so that it reads in black and white.
 *
 * A chart may be built and drawn in a worker thread; calls on one chart
 * must not run concurrently.
 */

#define UD_TYPE_CHART (ud_chart_get_type ())
G_DECLARE_FINAL_TYPE (UdChart, ud_chart, UD, CHART, GObject)

typedef enum
{
  UD_CHART_BARS,      /* a bar per series in each category, side by side */
  UD_CHART_STACKED,   /* the series stacked in one bar per category, with its total */
  UD_CHART_LINE,      /* a line per series through the categories, labelled at its ends */
} UdChartKind;

/* What a formatted value is for. */
typedef enum
{
  UD_CHART_TEXT_VALUE,   /* a value written on the chart: "2.40" */
  UD_CHART_TEXT_TICK,    /* a value axis tick, no needless decimals: "2.5" */
  UD_CHART_TEXT_SPOKEN,  /* with its unit, for the accessible description: "2.40万元" */
} UdChartText;

typedef char *(*UdChartFormatFunc) (gint64      value,
                                    UdChartText text,
                                    gpointer    user_data);

#define UD_CHART_MAX_SERIES 8
/* Values beyond this (in either direction) are refused: ten trillion yuan in fen. */
#define UD_CHART_MAX_VALUE  G_GINT64_CONSTANT (1000000000000000)

UdChart     *ud_chart_new               (UdChartKind         kind,
                                         const char         *title);
UdChartKind  ud_chart_get_kind          (UdChart            *self);
const char  *ud_chart_get_title         (UdChart            *self);
void         ud_chart_set_title         (UdChart            *self,
                                         const char         *title);
/* Either may be NULL: no title on that axis. */
void         ud_chart_set_axis_titles   (UdChart            *self,
                                         const char         *category_title,
                                         const char         *value_title);
/* NULL-terminated; replaces the categories and drops every series. */
void         ud_chart_set_categories    (UdChart            *self,
                                         const char * const *names);
guint        ud_chart_get_n_categories  (UdChart            *self);
const char  *ud_chart_get_category      (UdChart            *self,
                                         guint               category);
/* One value per category; returns the series' index. */
guint        ud_chart_add_series        (UdChart            *self,
                                         const char         *name,
                                         const gint64       *values,
                                         gsize               n_values);
guint        ud_chart_get_n_series      (UdChart            *self);
const char  *ud_chart_get_series_name   (UdChart            *self,
                                         guint               series);
gint64       ud_chart_get_value         (UdChart            *self,
                                         guint               series,
                                         guint               category);
/* ud_chart_format_count() with no unit unless set. */
void         ud_chart_set_format        (UdChart            *self,
                                         UdChartFormatFunc   func,
                                         gpointer            user_data,
                                         GDestroyNotify      destroy);
char        *ud_chart_format_value      (UdChart            *self,
                                         gint64              value,
                                         UdChartText         text);
/* The chart in words, for screen readers: "各月救助金额：1月 2.40万元，…" */
char        *ud_chart_describe          (UdChart            *self);

/* Drawing, in points, with the origin at the chart's top-left corner. */
void         ud_chart_draw              (UdChart            *self,
                                         cairo_t            *cr,
                                         double              width,
                                         double              height);
/* The same with the caller's Pango context (a widget's, in the main
 * thread), which spares the lock the document engine's own context needs.
 */
void         ud_chart_draw_with_context (UdChart            *self,
                                         cairo_t            *cr,
                                         PangoContext       *context,
                                         double              width,
                                         double              height);
/* The bar, segment or point drawn for a value, for tooltips and tests;
 * @context as for drawing (NULL: the engine's). */
gboolean     ud_chart_get_item_bounds   (UdChart            *self,
                                         PangoContext       *context,
                                         double              width,
                                         double              height,
                                         guint               series,
                                         guint               category,
                                         double             *x,
                                         double             *y,
                                         double             *item_width,
                                         double             *item_height);
gboolean     ud_chart_find_item         (UdChart            *self,
                                         PangoContext       *context,
                                         double              width,
                                         double              height,
                                         double              x,
                                         double              y,
                                         guint              *series,
                                         guint              *category);

/* Formats for ud_chart_set_format(). */
char        *ud_chart_format_count      (gint64              value,
                                         UdChartText         text,
                                         gpointer            unit);
char        *ud_chart_format_yuan       (gint64              fen,
                                         UdChartText         text,
                                         gpointer            user_data);
char        *ud_chart_format_wan_yuan   (gint64              fen,
                                         UdChartText         text,
                                         gpointer            user_data);

/* A chart across the content width, @height mm tall, in the flow of a
 * document (on the next page if it does not fit); or in a box.  The
 * document keeps the chart as it is now: later changes do not reach it.
 */
void         ud_document_add_chart      (UdDocument         *document,
                                         UdChart            *chart,
                                         double              height);
void         ud_document_place_chart    (UdDocument         *document,
                                         const UdRect       *box,
                                         UdChart            *chart);

G_END_DECLS
