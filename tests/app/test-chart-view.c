/* test-chart-view.c — a chart on screen: drawn, and told to screen readers
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-chart-view"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <string.h>

#include "ud-chart-view.h"
#include "ud-test-app.h"

/* Runs under Xvfb (suite "display"), in English and in Chinese: the
 * monthly relief chart in a window, its accessible name and description,
 * which follow the chart's changes, and the bars where the chart says
 * they are, in the chart's colour, on a screenshot kept for a person to
 * look at. */

static const char * const months[] = {
  "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", NULL
};

static const gint64 paid[12] = {
  2400000, 1830000, 3105000, 912000, 2200000, 4010000,
  3315000, 1100000, 2745000, 3920000, 1500000, 2813500,
};

static gboolean
is_chinese (void)
{
  return strcmp (ud_test_screenshot_suffix (), "-zh_CN") == 0;
}

/* The pixel at (x, y) of a PNG, as 0xRRGGBB. */
static guint32
png_pixel (const char *path,
           int         x,
           int         y)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  int width, height;
  g_autofree guint8 *data = NULL;
  const guint8 *p;

  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  data = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, data, (gsize) width * 4);
  p = data + ((gsize) y * width + x) * 4;

  /* Cairo's ARGB32 in memory order on a little-endian machine: B G R A. */
  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static void
test_chart_view (void)
{
  g_autoptr(UdChart) chart = ud_chart_new (UD_CHART_BARS, "各月救助金额");
  g_autofree char *description = NULL;
  g_autofree char *path = NULL;
  GtkWidget *window;
  GtkWidget *view;
  double scale, x, y, w, h;
  guint32 pixel;

  ud_chart_set_categories (chart, months);
  ud_chart_set_axis_titles (chart, "月份", "金额（万元）");
  ud_chart_set_format (chart, ud_chart_format_wan_yuan, NULL, NULL);
  ud_chart_add_series (chart, "救助金额", paid, 12);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 420);
  view = ud_chart_view_new (chart);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ud_test_wait_for (ud_test_widget_mapped, view));

  /* What a screen reader says of it. */
  description = ud_chart_describe (chart);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, "各月救助金额");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  if (is_chinese ())
    g_assert_nonnull (strstr (description, "各月救助金额：1月 2.40万元，2月 1.83万元，"));
  else
    g_assert_nonnull (strstr (description, "各月救助金额: 1月 2.40 ten thousand yuan, 2月 1.83 ten thousand yuan, "));
  g_assert_nonnull (strstr (description, "12月 2.81"));

  /* The bars are where the chart says, in its colour. */
  path = g_test_build_filename (G_TEST_BUILT, is_chinese () ? "chart-view-zh_CN.png" : "chart-view.png", NULL);
  ud_test_save_screenshot (view, path, 4000);
  scale = pango_cairo_context_get_resolution (gtk_widget_get_pango_context (view)) / 72.0;
  g_assert_true (ud_chart_get_item_bounds (chart, gtk_widget_get_pango_context (view),
                                           gtk_widget_get_width (view) / scale,
                                           gtk_widget_get_height (view) / scale,
                                           0, 5, &x, &y, &w, &h));
  g_assert_cmpfloat (h * scale, >, 100);   /* June, the tallest bar */
  pixel = png_pixel (path, (int) ((x + w / 2) * scale), (int) ((y + h / 2) * scale));
  g_assert_cmphex (pixel, ==, 0x2E5A92);
  /* Right of the last bar, the white of the paper. */
  pixel = png_pixel (path, gtk_widget_get_width (view) - 3, (int) ((y + h / 2) * scale));
  g_assert_cmphex (pixel, ==, 0xFFFFFF);

  /* The chart changes, so does what is said of it. */
  ud_chart_set_title (chart, "各月救助金额（修订）");
  g_clear_pointer (&description, g_free);
  description = ud_chart_describe (chart);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, "各月救助金额（修订）");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);

  ud_chart_set_categories (chart, NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       is_chinese () ? "各月救助金额（修订）：暂无数据"
                                                     : "各月救助金额（修订）: No figures to show");
  ud_test_settle (100);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend keeps what the widget tells
   * assistive technologies, where the suite's GTK_A11Y=none keeps nothing. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ud_test_init (&argc, &argv);

  g_test_add_func ("/chart-view/accessible", test_chart_view);

  return g_test_run ();
}
