/* ud-chart-view.c — a chart on screen, described for screen readers
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-chart-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "ud-chart-view.h"

/* Sizes in points, like the chart's own. */
#define MIN_WIDTH      200.0
#define MIN_HEIGHT     140.0
#define NATURAL_WIDTH  420.0
#define NATURAL_HEIGHT 240.0

struct _UdChartView
{
  GtkWidget     parent_instance;

  /* Owned */
  UdChart      *chart;
  GSignalGroup *chart_signals;
};

G_DEFINE_FINAL_TYPE (UdChartView, ud_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Pixels per point: the text resolution GTK uses (96 dpi unless the
 * desktop's text scaling says otherwise), so that the chart's 7.5 pt
 * reads like 7.5 pt text beside it.
 */
static double
points_scale (UdChartView *self)
{
  double dpi = pango_cairo_context_get_resolution (gtk_widget_get_pango_context (GTK_WIDGET (self)));

  return (dpi > 0 ? dpi : 96.0) / 72.0;
}

static void
update_accessible (UdChartView *self)
{
  g_autofree char *description = NULL;
  const char *title = NULL;

  if (self->chart != NULL)
    {
      title = ud_chart_get_title (self->chart);
      description = ud_chart_describe (self->chart);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
}

static void
on_chart_changed (UdChartView *self)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ud_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  UdChartView *self = UD_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scale = points_scale (self);
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, scale, scale);
  /* The widget's own Pango context: the main thread's, no engine lock. */
  ud_chart_draw_with_context (self->chart, cr, gtk_widget_get_pango_context (widget),
                              width / scale, height / scale);
  cairo_destroy (cr);
}

static void
ud_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  double scale = points_scale (UD_CHART_VIEW (widget));

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) ceil (MIN_WIDTH * scale);
      *natural = (int) ceil (NATURAL_WIDTH * scale);
    }
  else
    {
      *minimum = (int) ceil (MIN_HEIGHT * scale);
      *natural = (int) ceil (NATURAL_HEIGHT * scale);
    }
}

static gboolean
ud_chart_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_tooltip,
                             GtkTooltip *tooltip)
{
  UdChartView *self = UD_CHART_VIEW (widget);
  double scale = points_scale (self);
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;
  guint series, category;

  if (self->chart == NULL || keyboard_tooltip)
    return FALSE;

  if (!ud_chart_find_item (self->chart, gtk_widget_get_pango_context (widget),
                           gtk_widget_get_width (widget) / scale, gtk_widget_get_height (widget) / scale,
                           x / scale, y / scale, &series, &category))
    return FALSE;

  value = ud_chart_format_value (self->chart, ud_chart_get_value (self->chart, series, category),
                                 UD_CHART_TEXT_SPOKEN);
  if (ud_chart_get_n_series (self->chart) > 1)
    /* TRANSLATORS: the tooltip of a bar or point: category, series, value */
    text = g_strdup_printf (_("%s, %s: %s"), ud_chart_get_category (self->chart, category),
                            ud_chart_get_series_name (self->chart, series), value);
  else
    text = g_strdup_printf (C_("chart", "%s: %s"), ud_chart_get_category (self->chart, category), value);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
ud_chart_view_dispose (GObject *object)
{
  UdChartView *self = UD_CHART_VIEW (object);

  g_signal_group_set_target (self->chart_signals, NULL);
  g_clear_object (&self->chart);

  G_OBJECT_CLASS (ud_chart_view_parent_class)->dispose (object);
}

static void
ud_chart_view_finalize (GObject *object)
{
  UdChartView *self = UD_CHART_VIEW (object);

  g_clear_object (&self->chart_signals);

  G_OBJECT_CLASS (ud_chart_view_parent_class)->finalize (object);
}

static void
ud_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  UdChartView *self = UD_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  UdChartView *self = UD_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      ud_chart_view_set_chart (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_chart_view_class_init (UdChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_chart_view_dispose;
  object_class->finalize = ud_chart_view_finalize;
  object_class->get_property = ud_chart_view_get_property;
  object_class->set_property = ud_chart_view_set_property;

  widget_class->snapshot = ud_chart_view_snapshot;
  widget_class->measure = ud_chart_view_measure;
  widget_class->query_tooltip = ud_chart_view_query_tooltip;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL,
                         UD_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  /* A picture to assistive technologies, with its figures as the description. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ud_chart_view_init (UdChartView *self)
{
  self->chart_signals = g_signal_group_new (UD_TYPE_CHART);
  g_signal_group_connect_swapped (self->chart_signals, "changed", G_CALLBACK (on_chart_changed), self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update_accessible (self);
}

GtkWidget *
ud_chart_view_new (UdChart *chart)
{
  g_return_val_if_fail (chart == NULL || UD_IS_CHART (chart), NULL);

  return g_object_new (UD_TYPE_CHART_VIEW, "chart", chart, NULL);
}

UdChart *
ud_chart_view_get_chart (UdChartView *self)
{
  g_return_val_if_fail (UD_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

void
ud_chart_view_set_chart (UdChartView *self,
                         UdChart     *chart)
{
  g_return_if_fail (UD_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || UD_IS_CHART (chart));

  if (!g_set_object (&self->chart, chart))
    return;

  g_signal_group_set_target (self->chart_signals, chart);
  on_chart_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}
