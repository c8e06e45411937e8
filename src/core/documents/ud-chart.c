/* ud-chart.c — bar, stacked-bar and line charts drawn with cairo and pango
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ud-chart.h"
#include "ud-document-private.h"
#include "ud-money.h"

/*
 * Why our own code and not a charting library: docs/charts.md.
 *
 * A chart is laid out for one size into a UdChartPlan — a list of drawing
 * operations with their Pango layouts already measured — and the plan is
 * replayed into a cairo context.  The plan is what a UdDocument keeps on its
 * page, and what the PDF writer reads the text of to subset the fonts.
 *
 * Every length here is in points.
 */

#define PAD               4.0    /* around the chart */
#define GAP               3.0    /* between a label and what it labels */
#define TITLE_SIZE        10.5   /* 五号 */
#define LEGEND_SIZE       8.0
#define AXIS_TITLE_SIZE   8.0
#define TICK_SIZE         7.5
#define CATEGORY_MIN_SIZE 6.0
#define VALUE_SIZE        7.0
#define VALUE_MIN_SIZE    5.5
#define UPRIGHT_MIN_SIZE  4.5
#define SEGMENT_SIZE      6.5
#define SWATCH            9.0
#define LEGEND_LINE       18.0
#define LEGEND_SPACING    10.0
#define HATCH_SPACING     3.5
#define HATCH_WIDTH       0.6
#define OUTLINE_WIDTH     0.5
#define GRID_WIDTH        0.4
#define AXIS_WIDTH        0.8
#define LINE_WIDTH        1.5
#define MARKER_SIZE       5.0
#define MAX_BAR_WIDTH     40.0
#define MIN_PLOT          12.0   /* a plot area smaller than this is not drawn */
#define TICK_PITCH        30.0   /* at most one value tick per this much height */

#define TEXT_COLOR        0x000000
#define HINT_COLOR        0x6E6E6E
#define GRID_COLOR        0xC8C8C8
#define WHITE             0xFFFFFF
#define HATCH_DARK        0x2B2B2B

typedef enum
{
  HATCH_NONE,
  HATCH_RISING,      /* //// */
  HATCH_HORIZONTAL,  /* ≡ */
  HATCH_CROSS,       /* xxxx */
  HATCH_FALLING,     /* \\\\ */
  HATCH_DOTS,
  HATCH_VERTICAL,    /* |||| */
  HATCH_GRID,        /* ++++ */
} Hatch;

typedef enum
{
  MARKER_CIRCLE,
  MARKER_SQUARE,
  MARKER_TRIANGLE,
  MARKER_DIAMOND,
} Marker;

/* How each series survives black-and-white printing: the fills step
 * through the grey levels (Rec. 601 luma .33, .75, .50, .36, .85, .34,
 * .80, .33), every series after the first adds a hatch of its own, and a
 * line has its own dash pattern and marker.
 */
typedef struct
{
  guint32 fill;
  Hatch   hatch;
  Marker  marker;
  double  dash[4];
  int     n_dash;
} SeriesStyle;

static const SeriesStyle series_styles[UD_CHART_MAX_SERIES] = {
  { 0x2E5A92, HATCH_NONE,       MARKER_CIRCLE,   { 0 },                0 },
  { 0xF2B36F, HATCH_RISING,     MARKER_SQUARE,   { 5.0, 2.5 },         2 },
  { 0x5F9A4A, HATCH_HORIZONTAL, MARKER_TRIANGLE, { 1.2, 2.0 },         2 },
  { 0xA23B48, HATCH_CROSS,      MARKER_DIAMOND,  { 5.0, 2.0, 1.2, 2.0 }, 4 },
  { 0xCFDBEF, HATCH_FALLING,    MARKER_CIRCLE,   { 8.0, 3.0 },         2 },
  { 0x5E4A8C, HATCH_DOTS,       MARKER_SQUARE,   { 2.5, 2.5 },         2 },
  { 0xE9D460, HATCH_VERTICAL,   MARKER_TRIANGLE, { 8.0, 2.0, 2.0, 2.0 }, 4 },
  { 0x555555, HATCH_GRID,       MARKER_DIAMOND,  { 3.5, 1.5 },         2 },
};

typedef enum
{
  PRIM_RECT,    /* (x, y, w, h), fill, hatch, outline */
  PRIM_LINE,    /* from (x, y) to (x + w, y + h) */
  PRIM_PATH,    /* a series' line through points */
  PRIM_MARKER,  /* centred on (x, y), w wide */
  PRIM_TEXT,    /* the layout's top-left corner at (x, y), turned by angle */
} PrimKind;

typedef struct
{
  PrimKind     kind;
  double       x;
  double       y;
  double       w;
  double       h;
  guint32      fill;         /* 0xRRGGBB or UD_NO_FILL */
  guint32      color;        /* stroke or text */
  double       line_width;   /* 0: not stroked */
  guint        style;        /* RECT, PATH, MARKER: index into series_styles */
  gboolean     hatched;      /* RECT: with its series' hatch */
  double       angle;        /* TEXT, radians */
  /* Owned */
  double      *points;       /* PATH: x0, y0, x1, y1, … */
  guint        n_points;
  PangoLayout *layout;       /* TEXT */
} Prim;

/* Where a value was drawn. */
typedef struct
{
  guint  series;
  guint  category;
  double x;
  double y;
  double w;
  double h;
} Item;

struct _UdChartPlan
{
  gatomicrefcount ref;
  gboolean        shared;    /* laid out with the engine's context: free under its lock */
  guint           serial;    /* of the context when laid out */
  double          width;
  double          height;
  /* Owned */
  PangoContext   *context;
  GArray         *prims;     /* of Prim */
  GArray         *items;     /* of Item */
  GPtrArray      *layouts;   /* borrowed from prims, for the PDF writer */
};

struct _UdChart
{
  GObject            parent_instance;

  UdChartKind        kind;
  UdChartFormatFunc  format;
  gpointer           format_data;
  GDestroyNotify     format_destroy;

  /* Owned */
  char              *title;
  char              *category_title;
  char              *value_title;
  GPtrArray         *categories;     /* of char * */
  GPtrArray         *series_names;   /* of char * */
  GArray            *values;         /* of gint64, series by series */
  UdChartPlan       *plan;           /* the last layout, kept for the next draw */
};

G_DEFINE_FINAL_TYPE (UdChart, ud_chart, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the layout of one plan works with. */
typedef struct
{
  UdChart      *chart;
  PangoContext *context;
  UdChartPlan  *plan;
  double        width;
  double        height;
  guint         n_categories;
  guint         n_series;
  /* Plot area */
  double        px0;
  double        py0;
  double        px1;
  double        py1;
  double        slot;          /* width of one category */
  /* Value axis */
  gint64        axis_lo;
  gint64        axis_hi;
  gint64        step;
  GPtrArray    *ticks;         /* of PangoLayout, measured before the plot's height is known */
} Layout;

/* A value label waiting for its place: the layout is measured first, then
 * every label of a kind gets one size (and, when crowded, turns upright).
 */
typedef struct
{
  PangoLayout *layout;
  double       x;            /* centre of what it labels */
  double       y;            /* the edge it sits on */
  gboolean     below;        /* under that edge rather than over it */
} Label;

static void
set_color (cairo_t *cr,
           guint32  rgb)
{
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xFF) / 255.0,
                        ((rgb >> 8) & 0xFF) / 255.0,
                        (rgb & 0xFF) / 255.0);
}

static double
luma (guint32 rgb)
{
  return (0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF)) / 255.0;
}

static void
prim_clear (gpointer data)
{
  Prim *prim = data;

  g_clear_object (&prim->layout);
  g_clear_pointer (&prim->points, g_free);
}

static UdChartPlan *
plan_new (PangoContext *context,
          gboolean      shared,
          double        width,
          double        height)
{
  UdChartPlan *plan = g_new0 (UdChartPlan, 1);

  g_atomic_ref_count_init (&plan->ref);
  plan->context = g_object_ref (context);
  plan->shared = shared;
  plan->serial = pango_context_get_serial (context);
  plan->width = width;
  plan->height = height;
  plan->prims = g_array_new (FALSE, TRUE, sizeof (Prim));
  g_array_set_clear_func (plan->prims, prim_clear);
  plan->items = g_array_new (FALSE, TRUE, sizeof (Item));
  plan->layouts = g_ptr_array_new ();

  return plan;
}

/* Drops the prims after the first @n_prims. */
static void
plan_truncate (UdChartPlan *plan,
               guint        n_prims)
{
  g_array_set_size (plan->prims, n_prims);
  g_ptr_array_set_size (plan->layouts, 0);
  for (guint i = 0; i < n_prims; i++)
    {
      const Prim *prim = &g_array_index (plan->prims, Prim, i);

      if (prim->kind == PRIM_TEXT)
        g_ptr_array_add (plan->layouts, prim->layout);
    }
  g_array_set_size (plan->items, 0);
}

static UdChartPlan *
plan_ref (UdChartPlan *plan)
{
  g_atomic_ref_count_inc (&plan->ref);

  return plan;
}

void
_ud_chart_plan_unref (UdChartPlan *plan)
{
  gboolean shared;

  if (!g_atomic_ref_count_dec (&plan->ref))
    return;

  /* The layouts hold fonts of the engine's shared font map. */
  shared = plan->shared;
  if (shared)
    _ud_document_lock ();
  g_ptr_array_unref (plan->layouts);
  g_array_unref (plan->prims);
  g_array_unref (plan->items);
  g_object_unref (plan->context);
  if (shared)
    _ud_document_unlock ();
  g_free (plan);
}

guint
_ud_chart_plan_get_n_layouts (UdChartPlan *plan)
{
  return plan->layouts->len;
}

PangoLayout *
_ud_chart_plan_get_layout (UdChartPlan *plan,
                           guint        index)
{
  return g_ptr_array_index (plan->layouts, index);
}

/* Text */

static PangoLayout *
new_text (Layout     *l,
          const char *text,
          double      size,
          gboolean    bold)
{
  PangoLayout *layout = pango_layout_new (l->context);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family_static (desc, UD_SANS_FAMILY);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
set_text_size (PangoLayout *layout,
               double       size)
{
  PangoFontDescription *desc;

  desc = pango_font_description_copy (pango_layout_get_font_description (layout));
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
}

static void
text_extents (PangoLayout *layout,
              double      *width,
              double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) (logical.x + logical.width) / PANGO_SCALE;
  if (height != NULL)
    *height = (double) (logical.y + logical.height) / PANGO_SCALE;
}

/* The height of a line of Chinese text at @size. */
static double
line_height (Layout *l,
             double  size)
{
  g_autoptr(PangoLayout) probe = new_text (l, "月", size, FALSE);
  double height;

  text_extents (probe, NULL, &height);

  return height;
}

/* Prims */

static Prim *
push_prim (Layout   *l,
           PrimKind  kind)
{
  Prim prim = { 0 };

  prim.kind = kind;
  prim.fill = UD_NO_FILL;
  g_array_append_val (l->plan->prims, prim);

  return &g_array_index (l->plan->prims, Prim, l->plan->prims->len - 1);
}

/* Takes @layout. */
static void
add_text (Layout      *l,
          PangoLayout *layout,
          double       x,
          double       y,
          double       angle,
          guint32      color)
{
  Prim *prim = push_prim (l, PRIM_TEXT);

  prim->x = x;
  prim->y = y;
  prim->angle = angle;
  prim->color = color;
  prim->layout = layout;
  g_ptr_array_add (l->plan->layouts, layout);
}

static void
add_rect (Layout   *l,
          double    x,
          double    y,
          double    w,
          double    h,
          guint32   fill,
          guint     style,
          gboolean  hatched,
          double    line_width)
{
  Prim *prim = push_prim (l, PRIM_RECT);

  prim->x = x;
  prim->y = y;
  prim->w = w;
  prim->h = h;
  prim->fill = fill;
  prim->style = style;
  prim->hatched = hatched;
  prim->line_width = line_width;
  prim->color = TEXT_COLOR;
}

static void
add_series_rect (Layout *l,
                 guint   series,
                 double  x,
                 double  y,
                 double  w,
                 double  h)
{
  add_rect (l, x, y, w, h, series_styles[series].fill, series, TRUE, OUTLINE_WIDTH);
}

static void
add_line (Layout  *l,
          double   x1,
          double   y1,
          double   x2,
          double   y2,
          double   line_width,
          guint32  color)
{
  Prim *prim = push_prim (l, PRIM_LINE);

  prim->x = x1;
  prim->y = y1;
  prim->w = x2 - x1;
  prim->h = y2 - y1;
  prim->line_width = line_width;
  prim->color = color;
}

static void
add_marker (Layout *l,
            guint   series,
            double  x,
            double  y)
{
  Prim *prim = push_prim (l, PRIM_MARKER);

  prim->x = x;
  prim->y = y;
  prim->w = MARKER_SIZE;
  prim->fill = series_styles[series].fill;
  prim->style = series;
  prim->line_width = 0.8;
  prim->color = WHITE;
}

static void
add_item (Layout *l,
          guint   series,
          guint   category,
          double  x,
          double  y,
          double  w,
          double  h)
{
  Item item = { series, category, x, y, w, h };

  g_array_append_val (l->plan->items, item);
}

/* Values and the value axis */

static gint64
value_at (Layout *l,
          guint   series,
          guint   category)
{
  return g_array_index (l->chart->values, gint64, series * l->n_categories + category);
}

static double
value_y (Layout *l,
         gint64  value)
{
  return l->py1 - (double) (value - l->axis_lo) / (double) (l->axis_hi - l->axis_lo) * (l->py1 - l->py0);
}

/* The extremes the axis must show: bars and lines their values, stacks
 * the sums of their positive and of their negative parts.  Zero always.
 */
static void
data_range (Layout *l,
            gint64 *lo,
            gint64 *hi)
{
  *lo = 0;
  *hi = 0;

  for (guint c = 0; c < l->n_categories; c++)
    {
      gint64 up = 0;
      gint64 down = 0;

      for (guint s = 0; s < l->n_series; s++)
        {
          gint64 v = value_at (l, s, c);

          if (l->chart->kind == UD_CHART_STACKED)
            {
              if (v >= 0)
                up += v;
              else
                down += v;
            }
          else
            {
              up = MAX (up, v);
              down = MIN (down, v);
            }
        }
      *hi = MAX (*hi, up);
      *lo = MIN (*lo, down);
    }
}

/* The smallest of 1, 2, 5, 10, 20, 50… that is at least @at_least. */
static gint64
nice_step (gint64 at_least)
{
  static const gint64 mantissas[] = { 1, 2, 5 };
  gint64 power = 1;

  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
        if (mantissas[i] * power >= at_least)
          return mantissas[i] * power;
      if (power > G_MAXINT64 / 100)
        return mantissas[G_N_ELEMENTS (mantissas) - 1] * power;
      power *= 10;
    }
}

static gint64
floor_to (gint64 value,
          gint64 step)
{
  gint64 q = value / step;

  if (value % step != 0 && value < 0)
    q--;

  return q * step;
}

static gint64
ceil_to (gint64 value,
         gint64 step)
{
  gint64 q = value / step;

  if (value % step != 0 && value > 0)
    q++;

  return q * step;
}

/* Ticks whose labels all differ: 0.01万元 steps of one fen would all read
 * "0", so the step grows until the format tells them apart.
 */
static gboolean
ticks_distinct (UdChart *chart,
                gint64   lo,
                gint64   hi,
                gint64   step)
{
  g_autofree char *previous = NULL;

  for (gint64 v = lo; v <= hi; v += step)
    {
      g_autofree char *text = ud_chart_format_value (chart, v, UD_CHART_TEXT_TICK);

      if (previous != NULL && g_strcmp0 (previous, text) == 0)
        return FALSE;
      g_free (previous);
      previous = g_steal_pointer (&text);

      if (v > hi - step)
        break;
    }

  return TRUE;
}

/* The smallest nice step that divides the axis into at most about one
 * interval per TICK_PITCH of its height, and whose ticks read apart.
 */
static void
choose_ticks (Layout *l,
              double  plot_height)
{
  gint64 lo, hi;
  gint64 max_intervals;

  data_range (l, &lo, &hi);
  if (hi == lo)
    hi = lo + 1;

  max_intervals = (gint64) CLAMP (floor (plot_height / TICK_PITCH), 2, 8);
  l->step = nice_step ((hi - lo + max_intervals - 1) / max_intervals);
  while (l->step <= UD_CHART_MAX_VALUE
         && ((ceil_to (hi, l->step) - floor_to (lo, l->step)) / l->step > max_intervals
             || !ticks_distinct (l->chart, floor_to (lo, l->step), ceil_to (hi, l->step), l->step)))
    l->step = nice_step (l->step + 1);

  l->axis_lo = floor_to (lo, l->step);
  l->axis_hi = ceil_to (hi, l->step);
}

/* Title, legend, message */

static double
layout_title (Layout *l,
              double  y)
{
  PangoLayout *layout;
  double height;

  if (l->chart->title == NULL)
    return y;

  layout = new_text (l, l->chart->title, TITLE_SIZE, TRUE);
  pango_layout_set_width (layout, (int) floor ((l->width - 2 * PAD) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  text_extents (layout, NULL, &height);
  add_text (l, layout, PAD, y, 0, TEXT_COLOR);

  return y + height + GAP;
}

static double
legend_key_width (Layout *l)
{
  return l->chart->kind == UD_CHART_LINE ? LEGEND_LINE : SWATCH;
}

static void
add_legend_key (Layout *l,
                guint   series,
                double  x,
                double  y_middle)
{
  if (l->chart->kind == UD_CHART_LINE)
    {
      Prim *prim = push_prim (l, PRIM_PATH);

      prim->points = g_new (double, 4);
      prim->points[0] = x;
      prim->points[1] = y_middle;
      prim->points[2] = x + LEGEND_LINE;
      prim->points[3] = y_middle;
      prim->n_points = 2;
      prim->style = series;
      prim->line_width = LINE_WIDTH;
      prim->color = series_styles[series].fill;
      add_marker (l, series, x + LEGEND_LINE / 2, y_middle);
    }
  else
    {
      add_series_rect (l, series, x, y_middle - SWATCH / 2, SWATCH, SWATCH);
    }
}

/* The series' names in rows, each row centred; returns the y under it. */
static double
layout_legend (Layout *l,
               double  y)
{
  g_autofree PangoLayout **names = g_new0 (PangoLayout *, l->n_series);
  g_autofree double *widths = g_new0 (double, l->n_series);
  double key = legend_key_width (l);
  double line_height = 0;
  double available = l->width - 2 * PAD;
  guint first = 0;

  for (guint s = 0; s < l->n_series; s++)
    {
      double height;

      names[s] = new_text (l, ud_chart_get_series_name (l->chart, s), LEGEND_SIZE, FALSE);
      text_extents (names[s], &widths[s], &height);
      line_height = MAX (line_height, MAX (height, SWATCH));
    }

  while (first < l->n_series)
    {
      guint last = first;
      double row = key + GAP + widths[first];
      double x;

      /* A name longer than the whole row gets a row of its own, cut short. */
      while (last + 1 < l->n_series && row + LEGEND_SPACING + key + GAP + widths[last + 1] <= available)
        {
          last++;
          row += LEGEND_SPACING + key + GAP + widths[last];
        }

      x = PAD + MAX (0, (available - row) / 2);
      for (guint s = first; s <= last; s++)
        {
          double text_height;

          add_legend_key (l, s, x, y + line_height / 2);
          if (widths[s] > available - key - GAP)
            {
              pango_layout_set_width (names[s], (int) floor ((available - key - GAP) * PANGO_SCALE));
              pango_layout_set_ellipsize (names[s], PANGO_ELLIPSIZE_END);
            }
          text_extents (names[s], NULL, &text_height);
          add_text (l, g_steal_pointer (&names[s]), x + key + GAP, y + (line_height - text_height) / 2,
                    0, TEXT_COLOR);
          x += key + GAP + widths[s] + LEGEND_SPACING;
        }

      y += line_height + 2;
      first = last + 1;
    }

  return y;
}

static void
layout_message (Layout     *l,
                double      top,
                const char *message)
{
  PangoLayout *layout = new_text (l, message, TICK_SIZE + 1, FALSE);
  double width, height;

  text_extents (layout, &width, &height);
  add_text (l, layout, (l->width - width) / 2, top + MAX (0, (l->height - top - height) / 2),
            0, HINT_COLOR);
}

/* Axes */

static double
layout_value_ticks (Layout *l,
                    double  x)
{
  double width = 0;

  for (gint64 v = l->axis_lo; v <= l->axis_hi; v += l->step)
    {
      g_autofree char *text = ud_chart_format_value (l->chart, v, UD_CHART_TEXT_TICK);
      PangoLayout *layout = new_text (l, text, TICK_SIZE, FALSE);
      double w;

      text_extents (layout, &w, NULL);
      width = MAX (width, w);
      g_ptr_array_add (l->ticks, layout);
      if (v > l->axis_hi - l->step)
        break;
    }

  return x + width + GAP;
}

static void
place_value_ticks (Layout *l)
{
  gint64 v = l->axis_lo;

  for (guint i = 0; i < l->ticks->len; i++, v += l->step)
    {
      PangoLayout *layout = g_object_ref (g_ptr_array_index (l->ticks, i));
      double width, height;
      double y = value_y (l, v);

      if (v != 0)
        add_line (l, l->px0, y, l->px1, y, GRID_WIDTH, GRID_COLOR);
      text_extents (layout, &width, &height);
      add_text (l, layout, l->px0 - GAP - width, y - height / 2, 0, TEXT_COLOR);
    }
}

static void
layout_categories (Layout *l,
                   double  y)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_object_unref);
  double available = l->slot - 2;
  double widest = 0;
  double size = TICK_SIZE;
  guint stride = 1;

  for (guint c = 0; c < l->n_categories; c++)
    {
      PangoLayout *layout = new_text (l, ud_chart_get_category (l->chart, c), TICK_SIZE, FALSE);
      double width;

      text_extents (layout, &width, NULL);
      widest = MAX (widest, width);
      g_ptr_array_add (names, layout);
    }

  /* Smaller first, then every second (third…) name: 1月 3月 5月. */
  if (widest > available && available > 0)
    {
      size = MAX (CATEGORY_MIN_SIZE, TICK_SIZE * available / widest);
      widest *= size / TICK_SIZE;
      if (widest > available)
        stride = (guint) ceil ((widest + GAP) / l->slot);
    }

  for (guint c = 0; c < l->n_categories; c += stride)
    {
      PangoLayout *layout = g_object_ref (g_ptr_array_index (names, c));
      double width;
      double x = l->px0 + (c + 0.5) * l->slot;

      set_text_size (layout, size);
      text_extents (layout, &width, NULL);
      x = CLAMP (x - width / 2, PAD, l->width - PAD - width);
      add_text (l, layout, x, y, 0, TEXT_COLOR);
    }
}

/* Value labels */

static void
label_set (GArray      *labels,
           PangoLayout *layout,
           double       x,
           double       y,
           gboolean     below)
{
  Label label = { layout, x, y, below };

  g_array_append_val (labels, label);
}

/* One size for all @labels so that each fits @available across, smaller
 * if need be; when even VALUE_MIN_SIZE is too wide they turn upright, as
 * large as their line fits across.  Returns the room they need above (or
 * below) the edge they sit on.
 */
static double
fit_labels (GArray   *labels,
            double    available,
            double   *size,
            gboolean *upright)
{
  double widest = 0;
  double tallest = 0;

  *size = VALUE_SIZE;
  *upright = FALSE;

  for (guint i = 0; i < labels->len; i++)
    {
      double width, height;

      text_extents (g_array_index (labels, Label, i).layout, &width, &height);
      widest = MAX (widest, width);
      tallest = MAX (tallest, height);
    }

  if (widest > available)
    {
      *size = VALUE_SIZE * available / widest;
      if (*size < VALUE_MIN_SIZE)
        {
          *size = CLAMP (VALUE_SIZE * available / MAX (tallest, 1), UPRIGHT_MIN_SIZE, VALUE_SIZE);
          *upright = TRUE;
        }
    }

  if (*upright)
    return widest * *size / VALUE_SIZE + GAP;

  return tallest * *size / VALUE_SIZE + 1.5;
}

static void
place_labels (Layout   *l,
              GArray   *labels,
              double    size,
              gboolean  upright)
{
  for (guint i = 0; i < labels->len; i++)
    {
      Label *label = &g_array_index (labels, Label, i);
      double width, height;

      set_text_size (label->layout, size);
      text_extents (label->layout, &width, &height);

      if (upright)
        {
          /* Reading upwards; its box is height wide and width tall. */
          double x = label->x - height / 2;
          double y = label->below ? label->y + GAP + width : label->y - GAP;

          add_text (l, g_steal_pointer (&label->layout), x, y, -G_PI / 2, TEXT_COLOR);
        }
      else
        {
          double x = CLAMP (label->x - width / 2, PAD, l->width - PAD - width);
          double y = label->below ? label->y + 1 : label->y - 1 - height;

          add_text (l, g_steal_pointer (&label->layout), x, y, 0, TEXT_COLOR);
        }
    }
}

static void
label_clear (gpointer data)
{
  Label *label = data;

  g_clear_object (&label->layout);
}

static GArray *
labels_new (void)
{
  GArray *labels = g_array_new (FALSE, TRUE, sizeof (Label));

  g_array_set_clear_func (labels, label_clear);

  return labels;
}

static PangoLayout *
value_text (Layout *l,
            gint64  value,
            double  size)
{
  g_autofree char *text = ud_chart_format_value (l->chart, value, UD_CHART_TEXT_VALUE);

  return new_text (l, text, size, FALSE);
}

/* The kinds */

static double
bar_group_width (Layout *l,
                 guint   n_bars)
{
  double fraction = n_bars > 1 ? 0.76 : 0.6;

  return MIN (l->slot * fraction, MAX_BAR_WIDTH * n_bars);
}

/* Bars: x of each series' bar in category @c. */
static double
bar_x (Layout *l,
       guint   c,
       guint   s,
       double  bar_width)
{
  double group = bar_width * l->n_series;

  return l->px0 + c * l->slot + (l->slot - group) / 2 + s * bar_width;
}

static void
collect_bar_labels (Layout *l,
                    GArray *labels)
{
  double bar_width = bar_group_width (l, l->n_series) / l->n_series;

  for (guint c = 0; c < l->n_categories; c++)
    for (guint s = 0; s < l->n_series; s++)
      {
        gint64 v = value_at (l, s, c);

        label_set (labels, value_text (l, v, VALUE_SIZE),
                   bar_x (l, c, s, bar_width) + bar_width / 2, 0, v < 0);
      }
}

static void
layout_bars (Layout *l,
             GArray *labels)
{
  double bar_width = bar_group_width (l, l->n_series) / l->n_series;
  double zero = value_y (l, 0);
  guint i = 0;

  for (guint c = 0; c < l->n_categories; c++)
    for (guint s = 0; s < l->n_series; s++, i++)
      {
        gint64 v = value_at (l, s, c);
        double x = bar_x (l, c, s, bar_width);
        double y = value_y (l, v);
        double top = MIN (y, zero);
        double height = fabs (zero - y);

        if (height > 0)
          add_series_rect (l, s, x, top, bar_width, height);
        add_item (l, s, c, x, top, bar_width, height);
        g_array_index (labels, Label, i).y = v < 0 ? zero + height : top;
      }
}

static gint64
stack_total (Layout *l,
             guint   c)
{
  gint64 total = 0;

  for (guint s = 0; s < l->n_series; s++)
    total += value_at (l, s, c);

  return total;
}

static void
collect_stack_labels (Layout *l,
                      GArray *labels)
{
  for (guint c = 0; c < l->n_categories; c++)
    {
      gint64 total = stack_total (l, c);

      label_set (labels, value_text (l, total, VALUE_SIZE), l->px0 + (c + 0.5) * l->slot, 0, total < 0);
    }
}

/* A segment's own value, inside it on a white ground when it fits;
 * returns FALSE (and keeps nothing) when it does not.
 */
static gboolean
label_segment_inside (Layout      *l,
                      PangoLayout *layout,
                      double       x,
                      double       y,
                      double       width,
                      double       height)
{
  double text_width, text_height;

  text_extents (layout, &text_width, &text_height);
  if (text_width + 4 > width || text_height + 2 > height)
    return FALSE;

  add_rect (l, x + (width - text_width) / 2 - 1, y + (height - text_height) / 2,
            text_width + 2, text_height, WHITE, 0, FALSE, 0);
  add_text (l, g_object_ref (layout), x + (width - text_width) / 2, y + (height - text_height) / 2,
            0, TEXT_COLOR);

  return TRUE;
}

/* The values of the segments too thin to hold them, beside the stack on
 * its right, each at its segment's height or as near as the one above
 * leaves room for, with a leader to its segment.  Left out when the
 * categories are too close together for them.
 */
static void
label_segments_beside (Layout *l,
                       GArray *beside,
                       double  bar_right,
                       double  room)
{
  double previous_bottom = -G_MAXDOUBLE;

  for (guint i = 0; i < beside->len; i++)
    {
      double width;

      text_extents (g_array_index (beside, Label, i).layout, &width, NULL);
      if (width + 2 * GAP > room)
        return;
    }

  /* From the top of the stack down: the last segments came last. */
  for (guint i = beside->len; i-- > 0;)
    {
      Label *label = &g_array_index (beside, Label, i);
      double height, y;

      text_extents (label->layout, NULL, &height);
      y = MAX (label->y - height / 2, previous_bottom);
      previous_bottom = y + height;
      add_line (l, bar_right, label->y, bar_right + GAP, y + height / 2, GRID_WIDTH, TEXT_COLOR);
      add_text (l, g_steal_pointer (&label->layout), bar_right + 1.5 * GAP, y, 0, TEXT_COLOR);
    }
}

static void
layout_stacks (Layout *l,
               GArray *labels)
{
  g_autoptr(GArray) beside = labels_new ();
  double bar_width = bar_group_width (l, 1);

  for (guint c = 0; c < l->n_categories; c++)
    {
      double x = l->px0 + c * l->slot + (l->slot - bar_width) / 2;
      gint64 up = 0;
      gint64 down = 0;
      gint64 total = stack_total (l, c);

      g_array_set_size (beside, 0);
      for (guint s = 0; s < l->n_series; s++)
        {
          gint64 v = value_at (l, s, c);
          gint64 from = v >= 0 ? up : down;
          double y1 = value_y (l, from);
          double y2 = value_y (l, from + v);
          double top = MIN (y1, y2);
          double height = fabs (y2 - y1);
          g_autoptr(PangoLayout) text = NULL;

          if (v >= 0)
            up += v;
          else
            down += v;

          add_item (l, s, c, x, top, bar_width, height);
          if (v == 0)
            continue;
          if (height > 0)
            add_series_rect (l, s, x, top, bar_width, height);

          text = value_text (l, v, SEGMENT_SIZE);
          if (!label_segment_inside (l, text, x, top, bar_width, height) && v > 0)
            label_set (beside, g_steal_pointer (&text), x + bar_width, top + height / 2, FALSE);
        }
      label_segments_beside (l, beside, x + bar_width, (l->slot - bar_width) / 2);

      g_array_index (labels, Label, c).y = total < 0 ? value_y (l, down) : value_y (l, up);
    }
}

static double
point_x (Layout *l,
         guint   c)
{
  return l->px0 + (c + 0.5) * l->slot;
}

/* The first and the last value of each line; when two lines end close
 * together, their labels are moved apart.
 */
static void
layout_line_ends (Layout *l)
{
  g_autoptr(GArray) ends = labels_new ();

  for (guint end = 0; end < (l->n_categories > 1 ? 2u : 1u); end++)
    {
      guint c = end == 0 ? 0 : l->n_categories - 1;
      double previous_bottom = -G_MAXDOUBLE;
      guint *order;

      g_array_set_size (ends, 0);
      for (guint s = 0; s < l->n_series; s++)
        {
          gint64 v = value_at (l, s, c);

          label_set (ends, value_text (l, v, VALUE_SIZE), point_x (l, c), value_y (l, v), FALSE);
        }

      /* Top to bottom by the point they label. */
      order = g_new (guint, ends->len);
      for (guint i = 0; i < ends->len; i++)
        order[i] = i;
      for (guint i = 1; i < ends->len; i++)
        for (guint j = i; j > 0 && g_array_index (ends, Label, order[j]).y < g_array_index (ends, Label, order[j - 1]).y; j--)
          {
            guint t = order[j];

            order[j] = order[j - 1];
            order[j - 1] = t;
          }

      for (guint i = 0; i < ends->len; i++)
        {
          Label *label = &g_array_index (ends, Label, order[i]);
          double width, height, x, y;

          text_extents (label->layout, &width, &height);
          y = label->y - MARKER_SIZE / 2 - 1 - height;
          if (y < previous_bottom)
            y = MAX (label->y + MARKER_SIZE / 2 + 1, previous_bottom);
          previous_bottom = y + height;
          x = end == 0 ? label->x - MARKER_SIZE / 2 : label->x + MARKER_SIZE / 2 - width;
          if (l->n_categories == 1)
            x = label->x - width / 2;
          x = CLAMP (x, PAD, l->width - PAD - width);
          add_text (l, g_steal_pointer (&label->layout), x, y, 0, TEXT_COLOR);
        }

      g_free (order);
    }
}

static void
layout_lines (Layout *l)
{
  for (guint s = 0; s < l->n_series; s++)
    {
      Prim *prim = push_prim (l, PRIM_PATH);

      prim->points = g_new (double, 2 * l->n_categories);
      prim->n_points = l->n_categories;
      prim->style = s;
      prim->line_width = LINE_WIDTH;
      prim->color = series_styles[s].fill;
      for (guint c = 0; c < l->n_categories; c++)
        {
          prim->points[2 * c] = point_x (l, c);
          prim->points[2 * c + 1] = value_y (l, value_at (l, s, c));
        }
    }

  for (guint s = 0; s < l->n_series; s++)
    for (guint c = 0; c < l->n_categories; c++)
      {
        double x = point_x (l, c);
        double y = value_y (l, value_at (l, s, c));

        add_marker (l, s, x, y);
        add_item (l, s, c, x - MARKER_SIZE, y - MARKER_SIZE, 2 * MARKER_SIZE, 2 * MARKER_SIZE);
      }

  layout_line_ends (l);
}

/* The whole chart. */
static UdChartPlan *
plan_build (UdChart      *chart,
            PangoContext *context,
            gboolean      shared,
            double        width,
            double        height)
{
  g_autoptr(GArray) labels = labels_new ();
  g_autoptr(GPtrArray) ticks = g_ptr_array_new_with_free_func (g_object_unref);
  Layout l = { 0 };
  double y;
  double bottom;
  double x;
  double room_above = 0;
  double room_below = 0;
  double label_size = VALUE_SIZE;
  gboolean upright = FALSE;
  double category_height;
  double value_height;
  guint n_heading;

  l.chart = chart;
  l.context = context;
  l.plan = plan_new (context, shared, width, height);
  l.width = width;
  l.height = height;
  l.n_categories = chart->categories->len;
  l.n_series = chart->series_names->len;
  l.ticks = ticks;

  if (width < 2 * PAD + MIN_PLOT || height < 2 * PAD + MIN_PLOT)
    return l.plan;

  y = layout_title (&l, PAD);

  if (l.n_categories == 0 || l.n_series == 0)
    {
      layout_message (&l, y, _("No figures to show"));
      return l.plan;
    }

  if (l.n_series > 1 || chart->kind == UD_CHART_STACKED)
    y = layout_legend (&l, y) + GAP;
  n_heading = l.plan->prims->len;

  /* The bands under the plot: category names, then the axis title. */
  bottom = height - PAD;
  if (chart->category_title != NULL)
    {
      PangoLayout *layout = new_text (&l, chart->category_title, AXIS_TITLE_SIZE, FALSE);
      double title_width, title_height;

      text_extents (layout, &title_width, &title_height);
      bottom -= title_height;
      add_text (&l, layout, MAX (PAD, (width - title_width) / 2), bottom, 0, TEXT_COLOR);
      bottom -= 1;
    }
  category_height = line_height (&l, TICK_SIZE);
  value_height = line_height (&l, VALUE_SIZE);
  bottom -= category_height + GAP;

  /* The value axis, for about the height the plot will have. */
  choose_ticks (&l, bottom - y - value_height);

  /* The bands left of the plot: the axis title, upright, then the ticks. */
  x = PAD;
  if (chart->value_title != NULL)
    {
      PangoLayout *layout = new_text (&l, chart->value_title, AXIS_TITLE_SIZE, FALSE);
      double title_width, title_height;

      text_extents (layout, &title_width, &title_height);
      add_text (&l, layout, x, MIN (bottom, (y + bottom + title_width) / 2), -G_PI / 2, TEXT_COLOR);
      x += title_height + 1;
    }
  l.px0 = layout_value_ticks (&l, x);
  l.px1 = width - PAD;
  l.slot = (l.px1 - l.px0) / l.n_categories;

  /* Room for the values written over (or under) the bars and points. */
  switch (chart->kind)
    {
    case UD_CHART_BARS:
      collect_bar_labels (&l, labels);
      room_above = fit_labels (labels, l.n_series > 1 ? bar_group_width (&l, l.n_series) / l.n_series + 1
                                                      : l.slot - 2,
                               &label_size, &upright);
      break;

    case UD_CHART_STACKED:
      collect_stack_labels (&l, labels);
      room_above = fit_labels (labels, l.slot - 2, &label_size, &upright);
      break;

    case UD_CHART_LINE:
      room_above = value_height + MARKER_SIZE / 2 + 2;
      break;

    default:
      g_assert_not_reached ();
    }
  if (l.axis_lo < 0 && chart->kind != UD_CHART_LINE)
    room_below = room_above;

  l.py0 = y + room_above;
  l.py1 = bottom - room_below;
  if (l.py1 - l.py0 < MIN_PLOT || l.px1 - l.px0 < MIN_PLOT)
    {
      plan_truncate (l.plan, n_heading);
      layout_message (&l, y, _("Too small to show the chart"));
      return l.plan;
    }

  place_value_ticks (&l);
  layout_categories (&l, bottom + GAP);

  switch (chart->kind)
    {
    case UD_CHART_BARS:
      layout_bars (&l, labels);
      break;

    case UD_CHART_STACKED:
      layout_stacks (&l, labels);
      break;

    case UD_CHART_LINE:
      layout_lines (&l);
      break;

    default:
      g_assert_not_reached ();
    }

  /* The axes over the data, the values over everything. */
  add_line (&l, l.px0, l.py0, l.px0, l.py1, AXIS_WIDTH, TEXT_COLOR);
  add_line (&l, l.px0, value_y (&l, 0), l.px1, value_y (&l, 0), AXIS_WIDTH, TEXT_COLOR);
  place_labels (&l, labels, label_size, upright);

  return l.plan;
}

/* Replay */

static void
draw_hatch (cairo_t      *cr,
            const Prim   *prim)
{
  Hatch hatch = series_styles[prim->style].hatch;
  double x = prim->x;
  double y = prim->y;
  double w = prim->w;
  double h = prim->h;

  if (hatch == HATCH_NONE)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_new_path (cr);
  set_color (cr, luma (prim->fill) < 0.5 ? WHITE : HATCH_DARK);
  cairo_set_line_width (cr, HATCH_WIDTH);
  cairo_set_dash (cr, NULL, 0, 0);

  if (hatch == HATCH_RISING || hatch == HATCH_CROSS)
    for (double t = -h; t < w; t += HATCH_SPACING)
      {
        cairo_move_to (cr, x + t, y + h);
        cairo_line_to (cr, x + t + h, y);
      }
  if (hatch == HATCH_FALLING || hatch == HATCH_CROSS)
    for (double t = -h; t < w; t += HATCH_SPACING)
      {
        cairo_move_to (cr, x + t, y);
        cairo_line_to (cr, x + t + h, y + h);
      }
  if (hatch == HATCH_HORIZONTAL || hatch == HATCH_GRID)
    for (double t = HATCH_SPACING / 2; t < h; t += HATCH_SPACING)
      {
        cairo_move_to (cr, x, y + t);
        cairo_line_to (cr, x + w, y + t);
      }
  if (hatch == HATCH_VERTICAL || hatch == HATCH_GRID)
    for (double t = HATCH_SPACING / 2; t < w; t += HATCH_SPACING)
      {
        cairo_move_to (cr, x + t, y);
        cairo_line_to (cr, x + t, y + h);
      }
  cairo_stroke (cr);

  if (hatch == HATCH_DOTS)
    {
      guint row = 0;

      for (double t = HATCH_SPACING / 2; t < h; t += HATCH_SPACING, row++)
        for (double u = (row % 2 == 0 ? 1 : 2) * HATCH_SPACING / 2; u < w; u += HATCH_SPACING)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, x + u, y + t, 0.75, 0, 2 * G_PI);
          }
      cairo_fill (cr);
    }

  cairo_restore (cr);
}

static void
draw_marker (cairo_t    *cr,
             const Prim *prim)
{
  double r = prim->w / 2;
  double x = prim->x;
  double y = prim->y;

  switch (series_styles[prim->style].marker)
    {
    case MARKER_CIRCLE:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;

    case MARKER_SQUARE:
      cairo_rectangle (cr, x - r * 0.85, y - r * 0.85, 1.7 * r, 1.7 * r);
      break;

    case MARKER_TRIANGLE:
      cairo_move_to (cr, x, y - 1.15 * r);
      cairo_line_to (cr, x + 1.1 * r, y + 0.8 * r);
      cairo_line_to (cr, x - 1.1 * r, y + 0.8 * r);
      cairo_close_path (cr);
      break;

    case MARKER_DIAMOND:
      cairo_move_to (cr, x, y - 1.2 * r);
      cairo_line_to (cr, x + 1.2 * r, y);
      cairo_line_to (cr, x, y + 1.2 * r);
      cairo_line_to (cr, x - 1.2 * r, y);
      cairo_close_path (cr);
      break;

    default:
      g_assert_not_reached ();
    }

  set_color (cr, prim->fill);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, prim->line_width);
  cairo_set_dash (cr, NULL, 0, 0);
  set_color (cr, prim->color);
  cairo_stroke (cr);
}

static void
draw_prim (cairo_t        *cr,
           const Prim     *prim,
           UdShowTextFunc  show_text,
           gpointer        user_data)
{
  const SeriesStyle *style = &series_styles[prim->style];

  cairo_new_path (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  switch (prim->kind)
    {
    case PRIM_RECT:
      if (prim->fill != UD_NO_FILL)
        {
          cairo_rectangle (cr, prim->x, prim->y, prim->w, prim->h);
          set_color (cr, prim->fill);
          cairo_fill (cr);
        }
      if (prim->hatched)
        draw_hatch (cr, prim);
      if (prim->line_width > 0)
        {
          cairo_rectangle (cr, prim->x, prim->y, prim->w, prim->h);
          cairo_set_line_width (cr, prim->line_width);
          set_color (cr, prim->color);
          cairo_stroke (cr);
        }
      break;

    case PRIM_LINE:
      cairo_move_to (cr, prim->x, prim->y);
      cairo_rel_line_to (cr, prim->w, prim->h);
      cairo_set_line_width (cr, prim->line_width);
      set_color (cr, prim->color);
      cairo_stroke (cr);
      break;

    case PRIM_PATH:
      for (guint i = 0; i < prim->n_points; i++)
        cairo_line_to (cr, prim->points[2 * i], prim->points[2 * i + 1]);
      cairo_set_line_width (cr, prim->line_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_dash (cr, style->dash, style->n_dash, 0);
      set_color (cr, prim->color);
      cairo_stroke (cr);
      break;

    case PRIM_MARKER:
      draw_marker (cr, prim);
      break;

    case PRIM_TEXT:
      cairo_save (cr);
      cairo_translate (cr, prim->x, prim->y);
      cairo_rotate (cr, prim->angle);
      cairo_move_to (cr, 0, 0);
      set_color (cr, prim->color);
      show_text (cr, prim->layout, user_data);
      cairo_restore (cr);
      break;

    default:
      g_assert_not_reached ();
    }

  cairo_new_path (cr);
}

void
_ud_chart_plan_draw (UdChartPlan    *plan,
                     cairo_t        *cr,
                     UdShowTextFunc  show_text,
                     gpointer        user_data)
{
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  for (guint i = 0; i < plan->prims->len; i++)
    draw_prim (cr, &g_array_index (plan->prims, Prim, i), show_text, user_data);
  cairo_restore (cr);
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             gpointer     user_data)
{
  pango_cairo_show_layout (cr, layout);
}

/* The plan for @width × @height in @context: the last one if it still
 * holds, else a new one.  With the engine's context, call under its lock.
 */
static UdChartPlan *
get_plan (UdChart      *self,
          PangoContext *context,
          gboolean      shared,
          double        width,
          double        height)
{
  UdChartPlan *plan = self->plan;

  if (plan != NULL
      && plan->context == context
      && plan->serial == pango_context_get_serial (context)
      && plan->width == width
      && plan->height == height)
    return plan;

  g_clear_pointer (&self->plan, _ud_chart_plan_unref);
  self->plan = plan_build (self, context, shared, width, height);

  return self->plan;
}

static void
changed (UdChart *self)
{
  g_clear_pointer (&self->plan, _ud_chart_plan_unref);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Formats */

/* "2.50" → "2.5", "3.00" → "3": a tick says no more than it must. */
static char *
trim_decimals (char *text)
{
  char *point = strchr (text, '.');
  char *end;

  if (point == NULL)
    return text;

  end = text + strlen (text);
  while (end > point + 1 && end[-1] == '0')
    end--;
  if (end == point + 1)
    end = point;
  *end = '\0';

  return text;
}

/**
 * ud_chart_format_count:
 * @unit: (nullable): a `const char *` said after the number in the
 *   accessible description, e.g. _("people")
 *
 * Counts: "1,234".
 */
char *
ud_chart_format_count (gint64      value,
                       UdChartText text,
                       gpointer    unit)
{
  g_autofree char *number = ud_format_thousands (value);

  if (text != UD_CHART_TEXT_SPOKEN || unit == NULL)
    return g_steal_pointer (&number);

  /* TRANSLATORS: a count and its unit in a chart's description, "24 people" */
  return g_strdup_printf (C_("chart count", "%s %s"), number, (const char *) unit);
}

/**
 * ud_chart_format_yuan:
 *
 * Amounts in fen shown in yuan: "12,000.00", ticks "12,000".
 */
char *
ud_chart_format_yuan (gint64      fen,
                      UdChartText text,
                      gpointer    user_data)
{
  g_autofree char *yuan = ud_money_format (fen);

  if (text == UD_CHART_TEXT_TICK)
    return trim_decimals (g_steal_pointer (&yuan));
  if (text == UD_CHART_TEXT_SPOKEN)
    return g_strdup_printf (_("%s yuan"), yuan);

  return g_steal_pointer (&yuan);
}

/**
 * ud_chart_format_wan_yuan:
 *
 * Amounts in fen shown in 万元, for the report: "2.40", ticks "2.4".  The
 * axis title says the unit ("金额（万元）").
 */
char *
ud_chart_format_wan_yuan (gint64      fen,
                          UdChartText text,
                          gpointer    user_data)
{
  g_autofree char *wan = ud_money_format_wan (fen);

  if (text == UD_CHART_TEXT_TICK)
    return trim_decimals (g_steal_pointer (&wan));
  if (text == UD_CHART_TEXT_SPOKEN)
    return g_strdup_printf (_("%s ten thousand yuan"), wan);

  return g_steal_pointer (&wan);
}

/* GObject */

static void
ud_chart_finalize (GObject *object)
{
  UdChart *self = (UdChart *) object;

  g_clear_pointer (&self->plan, _ud_chart_plan_unref);
  if (self->format_destroy != NULL)
    self->format_destroy (self->format_data);
  g_free (self->title);
  g_free (self->category_title);
  g_free (self->value_title);
  g_ptr_array_unref (self->categories);
  g_ptr_array_unref (self->series_names);
  g_array_unref (self->values);

  G_OBJECT_CLASS (ud_chart_parent_class)->finalize (object);
}

static void
ud_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  UdChart *self = UD_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  UdChart *self = UD_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;

    case PROP_TITLE:
      ud_chart_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_chart_class_init (UdChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ud_chart_finalize;
  object_class->get_property = ud_chart_get_property;
  object_class->set_property = ud_chart_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      UD_CHART_BARS, UD_CHART_LINE, UD_CHART_BARS,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UdChart::changed:
   *
   * The data, the texts or the format changed: draw again.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ud_chart_init (UdChart *self)
{
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series_names = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->format = ud_chart_format_count;
}

/* Public API */

UdChart *
ud_chart_new (UdChartKind  kind,
              const char  *title)
{
  g_return_val_if_fail (kind <= UD_CHART_LINE, NULL);

  return g_object_new (UD_TYPE_CHART, "kind", kind, "title", title, NULL);
}

UdChartKind
ud_chart_get_kind (UdChart *self)
{
  g_return_val_if_fail (UD_IS_CHART (self), UD_CHART_BARS);

  return self->kind;
}

const char *
ud_chart_get_title (UdChart *self)
{
  g_return_val_if_fail (UD_IS_CHART (self), NULL);

  return self->title;
}

void
ud_chart_set_title (UdChart    *self,
                    const char *title)
{
  g_return_if_fail (UD_IS_CHART (self));

  if (title != NULL && title[0] == '\0')
    title = NULL;
  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  changed (self);
}

void
ud_chart_set_axis_titles (UdChart    *self,
                          const char *category_title,
                          const char *value_title)
{
  g_return_if_fail (UD_IS_CHART (self));

  g_free (self->category_title);
  self->category_title = category_title != NULL && category_title[0] != '\0' ? g_strdup (category_title) : NULL;
  g_free (self->value_title);
  self->value_title = value_title != NULL && value_title[0] != '\0' ? g_strdup (value_title) : NULL;
  changed (self);
}

void
ud_chart_set_categories (UdChart            *self,
                         const char * const *names)
{
  g_return_if_fail (UD_IS_CHART (self));

  g_ptr_array_set_size (self->categories, 0);
  g_ptr_array_set_size (self->series_names, 0);
  g_array_set_size (self->values, 0);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    g_ptr_array_add (self->categories, g_strdup (names[i]));
  changed (self);
}

guint
ud_chart_get_n_categories (UdChart *self)
{
  g_return_val_if_fail (UD_IS_CHART (self), 0);

  return self->categories->len;
}

const char *
ud_chart_get_category (UdChart *self,
                       guint    category)
{
  g_return_val_if_fail (UD_IS_CHART (self), NULL);
  g_return_val_if_fail (category < self->categories->len, NULL);

  return g_ptr_array_index (self->categories, category);
}

/**
 * ud_chart_add_series:
 * @values: one per category, each within ±UD_CHART_MAX_VALUE
 *
 * Returns: the new series' index, or G_MAXUINT if it was refused
 */
guint
ud_chart_add_series (UdChart      *self,
                     const char   *name,
                     const gint64 *values,
                     gsize         n_values)
{
  g_return_val_if_fail (UD_IS_CHART (self), G_MAXUINT);
  g_return_val_if_fail (name != NULL, G_MAXUINT);
  g_return_val_if_fail (n_values == self->categories->len, G_MAXUINT);
  g_return_val_if_fail (values != NULL || n_values == 0, G_MAXUINT);
  g_return_val_if_fail (self->series_names->len < UD_CHART_MAX_SERIES, G_MAXUINT);

  for (gsize i = 0; i < n_values; i++)
    g_return_val_if_fail (values[i] >= -UD_CHART_MAX_VALUE && values[i] <= UD_CHART_MAX_VALUE, G_MAXUINT);

  g_ptr_array_add (self->series_names, g_strdup (name));
  g_array_append_vals (self->values, values, n_values);
  changed (self);

  return self->series_names->len - 1;
}

guint
ud_chart_get_n_series (UdChart *self)
{
  g_return_val_if_fail (UD_IS_CHART (self), 0);

  return self->series_names->len;
}

const char *
ud_chart_get_series_name (UdChart *self,
                          guint    series)
{
  g_return_val_if_fail (UD_IS_CHART (self), NULL);
  g_return_val_if_fail (series < self->series_names->len, NULL);

  return g_ptr_array_index (self->series_names, series);
}

gint64
ud_chart_get_value (UdChart *self,
                    guint    series,
                    guint    category)
{
  g_return_val_if_fail (UD_IS_CHART (self), 0);
  g_return_val_if_fail (series < self->series_names->len, 0);
  g_return_val_if_fail (category < self->categories->len, 0);

  return g_array_index (self->values, gint64, series * self->categories->len + category);
}

void
ud_chart_set_format (UdChart           *self,
                     UdChartFormatFunc  func,
                     gpointer           user_data,
                     GDestroyNotify     destroy)
{
  g_return_if_fail (UD_IS_CHART (self));

  if (self->format_destroy != NULL)
    self->format_destroy (self->format_data);
  self->format = func != NULL ? func : ud_chart_format_count;
  self->format_data = func != NULL ? user_data : NULL;
  self->format_destroy = func != NULL ? destroy : NULL;
  changed (self);
}

char *
ud_chart_format_value (UdChart     *self,
                       gint64       value,
                       UdChartText  text)
{
  char *formatted;

  g_return_val_if_fail (UD_IS_CHART (self), NULL);

  formatted = self->format (value, text, self->format_data);

  return formatted != NULL ? formatted : g_strdup ("");
}

static void
append_list_item (GString    *out,
                  const char *item)
{
  if (out->len > 0)
    /* TRANSLATORS: between the items of a list in a chart's description */
    g_string_append (out, C_("chart", ", "));
  g_string_append (out, item);
}

/* "1月 2.40万元, 2月 …" for one series. */
static char *
describe_series (UdChart *self,
                 guint    series)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < self->categories->len; c++)
    {
      g_autofree char *value = ud_chart_format_value (self, ud_chart_get_value (self, series, c),
                                                      UD_CHART_TEXT_SPOKEN);
      /* TRANSLATORS: a category of a chart and its value, "January 2.4 ten thousand yuan" */
      g_autofree char *item = g_strdup_printf (C_("chart", "%s %s"), ud_chart_get_category (self, c), value);

      append_list_item (out, item);
    }

  return g_string_free (out, FALSE);
}

/* "1月: 3.10万元 in total (两节送温暖 1.00万元, …)" for one stack. */
static char *
describe_stack (UdChart *self,
                guint    category)
{
  g_autoptr(GString) parts = g_string_new (NULL);
  g_autofree char *total = NULL;
  gint64 sum = 0;

  for (guint s = 0; s < self->series_names->len; s++)
    {
      gint64 v = ud_chart_get_value (self, s, category);
      g_autofree char *value = ud_chart_format_value (self, v, UD_CHART_TEXT_SPOKEN);
      g_autofree char *item = g_strdup_printf (C_("chart", "%s %s"), ud_chart_get_series_name (self, s), value);

      sum += v;
      append_list_item (parts, item);
    }

  total = ud_chart_format_value (self, sum, UD_CHART_TEXT_SPOKEN);

  /* TRANSLATORS: one stacked bar of a chart: its category, its total and its parts */
  return g_strdup_printf (_("%s: %s in total (%s)"), ud_chart_get_category (self, category), total, parts->str);
}

/**
 * ud_chart_describe:
 *
 * Returns: (transfer full): every value of the chart in a sentence, for
 *   the accessible description of a widget that shows it
 */
char *
ud_chart_describe (UdChart *self)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_return_val_if_fail (UD_IS_CHART (self), NULL);

  if (self->categories->len == 0 || self->series_names->len == 0)
    {
      g_string_append (body, _("No figures to show"));
    }
  else if (self->kind == UD_CHART_STACKED)
    {
      for (guint c = 0; c < self->categories->len; c++)
        {
          g_autofree char *stack = describe_stack (self, c);

          if (c > 0)
            /* TRANSLATORS: between the parts of a chart's description */
            g_string_append (body, C_("chart", "; "));
          g_string_append (body, stack);
        }
    }
  else if (self->series_names->len == 1)
    {
      g_autofree char *series = describe_series (self, 0);

      g_string_append (body, series);
    }
  else
    {
      for (guint s = 0; s < self->series_names->len; s++)
        {
          g_autofree char *series = describe_series (self, s);

          if (s > 0)
            g_string_append (body, C_("chart", "; "));
          /* TRANSLATORS: a name and what follows it in a chart's description */
          g_string_append_printf (body, C_("chart", "%s: %s"), ud_chart_get_series_name (self, s), series);
        }
    }

  if (self->title == NULL)
    return g_string_free (g_steal_pointer (&body), FALSE);

  return g_strdup_printf (C_("chart", "%s: %s"), self->title, body->str);
}

void
ud_chart_draw (UdChart *self,
               cairo_t *cr,
               double   width,
               double   height)
{
  UdChartPlan *plan;

  g_return_if_fail (UD_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  _ud_document_lock ();
  plan = get_plan (self, _ud_document_text_context (), TRUE, width, height);
  _ud_chart_plan_draw (plan, cr, show_layout, NULL);
  _ud_document_unlock ();
}

void
ud_chart_draw_with_context (UdChart      *self,
                            cairo_t      *cr,
                            PangoContext *context,
                            double        width,
                            double        height)
{
  UdChartPlan *plan;

  g_return_if_fail (UD_IS_CHART (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (context));

  plan = get_plan (self, context, FALSE, width, height);
  _ud_chart_plan_draw (plan, cr, show_layout, NULL);
}

/* The plan for a query, taken with the engine's lock when it is the
 * engine's context; the caller unrefs it.
 */
static UdChartPlan *
query_plan (UdChart      *self,
            PangoContext *context,
            double        width,
            double        height)
{
  UdChartPlan *plan;

  if (context != NULL)
    return plan_ref (get_plan (self, context, FALSE, width, height));

  _ud_document_lock ();
  plan = plan_ref (get_plan (self, _ud_document_text_context (), TRUE, width, height));
  _ud_document_unlock ();

  return plan;
}

gboolean
ud_chart_get_item_bounds (UdChart      *self,
                          PangoContext *context,
                          double        width,
                          double        height,
                          guint         series,
                          guint         category,
                          double       *x,
                          double       *y,
                          double       *item_width,
                          double       *item_height)
{
  UdChartPlan *plan;
  gboolean found = FALSE;

  g_return_val_if_fail (UD_IS_CHART (self), FALSE);
  g_return_val_if_fail (context == NULL || PANGO_IS_CONTEXT (context), FALSE);

  plan = query_plan (self, context, width, height);
  for (guint i = 0; i < plan->items->len && !found; i++)
    {
      const Item *item = &g_array_index (plan->items, Item, i);

      if (item->series != series || item->category != category)
        continue;
      if (x != NULL)
        *x = item->x;
      if (y != NULL)
        *y = item->y;
      if (item_width != NULL)
        *item_width = item->w;
      if (item_height != NULL)
        *item_height = item->h;
      found = TRUE;
    }
  _ud_chart_plan_unref (plan);

  return found;
}

gboolean
ud_chart_find_item (UdChart      *self,
                    PangoContext *context,
                    double        width,
                    double        height,
                    double        x,
                    double        y,
                    guint        *series,
                    guint        *category)
{
  UdChartPlan *plan;
  gboolean found = FALSE;

  g_return_val_if_fail (UD_IS_CHART (self), FALSE);
  g_return_val_if_fail (context == NULL || PANGO_IS_CONTEXT (context), FALSE);

  plan = query_plan (self, context, width, height);
  for (guint i = 0; i < plan->items->len && !found; i++)
    {
      const Item *item = &g_array_index (plan->items, Item, i);

      if (x < item->x || x > item->x + item->w || y < item->y || y > item->y + item->h)
        continue;
      if (series != NULL)
        *series = item->series;
      if (category != NULL)
        *category = item->category;
      found = TRUE;
    }
  _ud_chart_plan_unref (plan);

  return found;
}

/* In documents */

static void
place_chart (UdDocument *document,
             double      x,
             double      y,
             double      width,
             double      height,
             UdChart    *chart)
{
  UdChartPlan *plan;

  plan = get_plan (chart, _ud_document_text_context (), TRUE, width, height);
  _ud_document_emit_chart (document, x, y, plan_ref (plan));
}

void
ud_document_add_chart (UdDocument *document,
                       UdChart    *chart,
                       double      height)
{
  double h;

  g_return_if_fail (UD_IS_DOCUMENT (document));
  g_return_if_fail (UD_IS_CHART (chart));
  g_return_if_fail (height > 0);

  _ud_document_lock ();
  _ud_document_ensure_page (document);
  h = MIN (UD_MM (height), _ud_document_get_fresh_height (document));
  if (!_ud_document_page_is_fresh (document)
      && _ud_document_get_y (document) + h > _ud_document_get_bottom (document))
    _ud_document_break_page (document);
  place_chart (document, _ud_document_get_x (document), _ud_document_get_y (document),
               _ud_document_get_width (document), h, chart);
  _ud_document_set_y (document, _ud_document_get_y (document) + h);
  _ud_document_unlock ();
}

void
ud_document_place_chart (UdDocument   *document,
                         const UdRect *box,
                         UdChart      *chart)
{
  g_return_if_fail (UD_IS_DOCUMENT (document));
  g_return_if_fail (box != NULL);
  g_return_if_fail (UD_IS_CHART (chart));

  _ud_document_lock ();
  _ud_document_ensure_page (document);
  place_chart (document, UD_MM (box->x), UD_MM (box->y), UD_MM (box->width), UD_MM (box->height), chart);
  _ud_document_unlock ();
}
