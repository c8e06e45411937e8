/* test-chart.c — charts: bars, stacks and lines into images and PDF pages
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <glib/gstdio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <math.h>

#include "ud-chart.h"
#include "ud-test-pdf.h"

/* An A4 column: 170 mm across, in points. */
#define COLUMN_W (170 * TEST_PT_PER_MM)
#define COLUMN_H (85 * TEST_PT_PER_MM)
#define SCALE    3.0   /* pixels per point in the images: 216 dpi */

static const char * const months[] = {
  "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", NULL
};

/* Relief paid each month, in fen. */
static const gint64 paid[12] = {
  2400000, 1830000, 3105000, 912000, 2200000, 4010000,
  3315000, 1100000, 2745000, 3920000, 1500000, 2813500,
};

static const char * const programmes[] = {
  "两节送温暖", "金秋助学", "三八助单亲", "五一关爱劳模", "大病慰问", NULL
};

/* Each programme, by quarter, in fen. */
static const gint64 by_programme[5][4] = {
  { 12000000, 0, 0, 15500000 },
  { 0, 0, 8600000, 400000 },
  { 2100000, 900000, 0, 0 },
  { 0, 3600000, 0, 1200000 },
  { 1450000, 2210000, 1980000, 2500000 },
};

static const char * const quarters[] = { "第一季度", "第二季度", "第三季度", "第四季度", NULL };

/* The fund's balance at the end of each month, in fen. */
static const gint64 balance[12] = {
  50000000, 47600000, 45770000, 42665000, 41753000, 39553000,
  35543000, 32228000, 31128000, 28383000, 24463000, 22963000,
};

static UdChart *
new_monthly_chart (void)
{
  UdChart *chart = ud_chart_new (UD_CHART_BARS, "各月救助金额");

  ud_chart_set_categories (chart, months);
  ud_chart_set_axis_titles (chart, "月份", "金额（万元）");
  ud_chart_set_format (chart, ud_chart_format_wan_yuan, NULL, NULL);
  g_assert_cmpuint (ud_chart_add_series (chart, "救助金额", paid, 12), ==, 0);

  return chart;
}

static UdChart *
new_programme_chart (void)
{
  UdChart *chart = ud_chart_new (UD_CHART_STACKED, "各项目帮扶资金（按季度）");

  ud_chart_set_categories (chart, quarters);
  ud_chart_set_axis_titles (chart, NULL, "金额（万元）");
  ud_chart_set_format (chart, ud_chart_format_wan_yuan, NULL, NULL);
  for (guint i = 0; programmes[i] != NULL; i++)
    g_assert_cmpuint (ud_chart_add_series (chart, programmes[i], by_programme[i], 4), ==, i);

  return chart;
}

static UdChart *
new_balance_chart (void)
{
  UdChart *chart = ud_chart_new (UD_CHART_LINE, "大病救助资金余额");

  ud_chart_set_categories (chart, months);
  ud_chart_set_axis_titles (chart, "月份", "余额（万元）");
  ud_chart_set_format (chart, ud_chart_format_wan_yuan, NULL, NULL);
  ud_chart_add_series (chart, "资金余额", balance, 12);

  return chart;
}

/* Where to keep the pictures for a person to look at (UD_TEST_CHART_DIR),
 * or NULL. */
static char *
keep_path (const char *name)
{
  const char *dir = g_getenv ("UD_TEST_CHART_DIR");

  if (dir == NULL || dir[0] == '\0')
    return NULL;
  g_mkdir_with_parents (dir, 0755);

  return g_build_filename (dir, name, NULL);
}

static cairo_surface_t *
render_image (UdChart *chart,
              double   width,
              double   height)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * SCALE), (int) ceil (height * SCALE));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, SCALE, SCALE);
  ud_chart_draw (chart, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static double
pixel_grey (cairo_surface_t *surface,
            int              x,
            int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);

  /* Rec. 601 luma, as a black-and-white printer or photocopier sees it. */
  return (0.299 * ((pixel >> 16) & 0xFF) + 0.587 * ((pixel >> 8) & 0xFF) + 0.114 * (pixel & 0xFF)) / 255.0;
}

/* The image as a black-and-white printer sees it. */
static cairo_surface_t *
to_grey (cairo_surface_t *colour)
{
  int width = cairo_image_surface_get_width (colour);
  int height = cairo_image_surface_get_height (colour);
  cairo_surface_t *grey = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  guint8 *data = cairo_image_surface_get_data (grey);
  int stride = cairo_image_surface_get_stride (grey);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint v = (guint) lround (pixel_grey (colour, x, y) * 255);

        *(guint32 *) (data + y * stride + x * 4) = (v << 16) | (v << 8) | v;
      }
  cairo_surface_mark_dirty (grey);

  return grey;
}

static void
keep_image (cairo_surface_t *surface,
            const char      *name)
{
  g_autofree char *path = keep_path (name);

  if (path != NULL)
    g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
}

/* What a patch of a grey image looks like: its mean grey level, how much
 * it varies (a hatch does, a plain fill does not), and how much it changes
 * one step across, down, and along each diagonal — a hatch's direction.
 */
typedef struct
{
  double mean;
  double spread;
  double change[4];
} Look;

static Look
look_at (cairo_surface_t *grey,
         double           x,
         double           y,
         double           width,
         double           height)
{
  static const int steps[4][2] = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 1, -1 } };
  int x0 = (int) ceil (x * SCALE), x1 = (int) floor ((x + width) * SCALE);
  int y0 = (int) ceil (y * SCALE), y1 = (int) floor ((y + height) * SCALE);
  double sum = 0, sum2 = 0;
  guint n = 0;
  Look look = { 0 };

  g_assert_cmpint (x1 - x0, >=, 6);
  g_assert_cmpint (y1 - y0, >=, 6);

  for (int j = y0 + 1; j < y1 - 1; j++)
    for (int i = x0 + 1; i < x1 - 1; i++)
      {
        double v = pixel_grey (grey, i, j);

        sum += v;
        sum2 += v * v;
        n++;
        for (int d = 0; d < 4; d++)
          look.change[d] += fabs (v - pixel_grey (grey, i + steps[d][0], j + steps[d][1]));
      }

  look.mean = sum / n;
  look.spread = sqrt (MAX (0, sum2 / n - look.mean * look.mean));
  for (int d = 0; d < 4; d++)
    look.change[d] /= n;

  return look;
}

static double
look_distance (const Look *a,
               const Look *b)
{
  double d = fabs (a->mean - b->mean) + fabs (a->spread - b->spread);

  for (int i = 0; i < 4; i++)
    d += fabs (a->change[i] - b->change[i]);

  return d;
}

static GBytes *
chart_document_pdf (UdChart *chart,
                    double   height_mm)
{
  UdPageSetup setup = { UD_ORIENTATION_PORTRAIT, 20, 20, 20, 20 };
  g_autoptr(UdDocument) document = ud_document_new ("统计报表", &setup);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s.pdf", ud_chart_get_title (chart));
  g_autofree char *path = keep_path (name);
  GBytes *pdf;

  ud_document_set_page_numbers (document, FALSE);
  ud_document_add_paragraph (document, "统计报表", NULL);
  ud_document_add_chart (document, chart, height_mm);
  pdf = ud_document_to_pdf (document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);

  if (path != NULL)
    g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));

  return pdf;
}

static gboolean
has_word (PopplerDocument *document,
          const char      *word)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, 0);
  g_autofree char *text = poppler_page_get_text (page);
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);

  return g_strv_contains ((const char * const *) words, word);
}

static void
assert_word (PopplerDocument *document,
             const char      *word)
{
  if (!has_word (document, word))
    g_error ("“%s” is not a word on the page", word);
}

static void
assert_no_word (PopplerDocument *document,
                const char      *word)
{
  if (has_word (document, word))
    g_error ("“%s” should not be on the page", word);
}

/* Formats */

static void
test_formats (void)
{
  static const struct {
    gint64 fen;
    UdChartText text;
    const char *wan;
    const char *yuan;
  } cases[] = {
    { 2400000, UD_CHART_TEXT_VALUE, "2.40", "24,000.00" },
    { 2400000, UD_CHART_TEXT_TICK, "2.4", "24,000" },
    { 2400000, UD_CHART_TEXT_SPOKEN, "2.40 ten thousand yuan", "24,000.00 yuan" },
    { 50000000, UD_CHART_TEXT_TICK, "50", "500,000" },
    { 0, UD_CHART_TEXT_TICK, "0", "0" },
    { -1250000, UD_CHART_TEXT_TICK, "-1.25", "-12,500" },
    { 1234, UD_CHART_TEXT_VALUE, "0.00", "12.34" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *wan = ud_chart_format_wan_yuan (cases[i].fen, cases[i].text, NULL);
      g_autofree char *yuan = ud_chart_format_yuan (cases[i].fen, cases[i].text, NULL);

      g_assert_cmpstr (wan, ==, cases[i].wan);
      g_assert_cmpstr (yuan, ==, cases[i].yuan);
    }

  {
    g_autofree char *plain = ud_chart_format_count (1234567, UD_CHART_TEXT_VALUE, NULL);
    g_autofree char *spoken = ud_chart_format_count (24, UD_CHART_TEXT_SPOKEN, (gpointer) "people");
    g_autofree char *negative = ud_chart_format_count (-3, UD_CHART_TEXT_TICK, NULL);

    g_assert_cmpstr (plain, ==, "1,234,567");
    g_assert_cmpstr (spoken, ==, "24 people");
    g_assert_cmpstr (negative, ==, "-3");
  }
}

static void
count_changes (guint *n_changed)
{
  (*n_changed)++;
}

static void
test_describe (void)
{
  static const char * const three[] = { "1月", "2月", "3月", NULL };
  static const gint64 a[] = { 2400000, 0, 123456 };
  static const gint64 b[] = { 100000, 200000, 300000 };
  g_autoptr(UdChart) bars = ud_chart_new (UD_CHART_BARS, "各月救助金额");
  g_autoptr(UdChart) stack = ud_chart_new (UD_CHART_STACKED, NULL);
  g_autoptr(UdChart) empty = ud_chart_new (UD_CHART_LINE, "资金余额");
  g_autoptr(UdChart) people = ud_chart_new (UD_CHART_BARS, "救助人数");
  static const gint64 counts[] = { 24, 3, 0 };
  g_autofree char *text = NULL;
  guint n_changed = 0;

  g_signal_connect_swapped (bars, "changed", G_CALLBACK (count_changes), &n_changed);

  ud_chart_set_categories (bars, three);
  ud_chart_set_format (bars, ud_chart_format_wan_yuan, NULL, NULL);
  ud_chart_add_series (bars, "救助金额", a, 3);
  g_assert_cmpuint (n_changed, ==, 3);
  text = ud_chart_describe (bars);
  g_assert_cmpstr (text, ==, "各月救助金额: 1月 2.40 ten thousand yuan, 2月 0.00 ten thousand yuan, "
                             "3月 0.12 ten thousand yuan");
  g_clear_pointer (&text, g_free);

  ud_chart_add_series (bars, "去年", b, 3);
  text = ud_chart_describe (bars);
  g_assert_cmpstr (text, ==, "各月救助金额: 救助金额: 1月 2.40 ten thousand yuan, 2月 0.00 ten thousand yuan, "
                             "3月 0.12 ten thousand yuan; 去年: 1月 0.10 ten thousand yuan, "
                             "2月 0.20 ten thousand yuan, 3月 0.30 ten thousand yuan");
  g_clear_pointer (&text, g_free);

  ud_chart_set_categories (stack, three);
  ud_chart_set_format (stack, ud_chart_format_yuan, NULL, NULL);
  ud_chart_add_series (stack, "两节送温暖", a, 3);
  ud_chart_add_series (stack, "金秋助学", b, 3);
  text = ud_chart_describe (stack);
  g_assert_cmpstr (text, ==, "1月: 25,000.00 yuan in total (两节送温暖 24,000.00 yuan, 金秋助学 1,000.00 yuan); "
                             "2月: 2,000.00 yuan in total (两节送温暖 0.00 yuan, 金秋助学 2,000.00 yuan); "
                             "3月: 4,234.56 yuan in total (两节送温暖 1,234.56 yuan, 金秋助学 3,000.00 yuan)");
  g_clear_pointer (&text, g_free);

  text = ud_chart_describe (empty);
  g_assert_cmpstr (text, ==, "资金余额: No figures to show");
  g_clear_pointer (&text, g_free);

  ud_chart_set_categories (people, three);
  ud_chart_set_format (people, ud_chart_format_count, (gpointer) "people", NULL);
  ud_chart_add_series (people, "人数", counts, 3);
  text = ud_chart_describe (people);
  g_assert_cmpstr (text, ==, "救助人数: 1月 24 people, 2月 3 people, 3月 0 people");
}

/* Bars: every month and every value on the PDF page, in Chinese, with the
 * document's own subset fonts and no two characters on top of each other. */
static void
test_bars_pdf (void)
{
  g_autoptr(UdChart) chart = new_monthly_chart ();
  g_autoptr(GBytes) pdf = chart_document_pdf (chart, 85);
  g_autoptr(PopplerDocument) document = test_pdf_open (pdf);
  g_autofree char *text = test_pdf_page_text (document, 0);

  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  test_assert_contains (text, "各月救助金额");
  test_assert_contains (text, "月份");
  test_assert_contains (text, "金额（万元）");
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *value = ud_chart_format_value (chart, paid[i], UD_CHART_TEXT_VALUE);

      test_assert_contains (text, months[i]);
      test_assert_contains (text, value);
    }
  /* The value axis: 0 to 5万元 in steps of 1. */
  for (guint i = 0; i <= 5; i++)
    {
      g_autofree char *tick = g_strdup_printf ("%u", i);

      assert_word (document, tick);
    }
  assert_no_word (document, "6");
  assert_no_word (document, "0.5");
  test_pdf_assert_fonts_embedded (document);
  test_pdf_assert_no_overlap (document, 0);
  /* A chart adds a few kilobytes, not a font. */
  g_assert_cmpuint (g_bytes_get_size (pdf), <, 60 * 1024);
}

static void
test_stacked_pdf (void)
{
  g_autoptr(UdChart) chart = new_programme_chart ();
  g_autoptr(GBytes) pdf = chart_document_pdf (chart, 95);
  g_autoptr(PopplerDocument) document = test_pdf_open (pdf);
  g_autofree char *text = test_pdf_page_text (document, 0);

  test_assert_contains (text, "各项目帮扶资金（按季度）");
  for (guint i = 0; programmes[i] != NULL; i++)
    test_assert_contains (text, programmes[i]);
  for (guint i = 0; quarters[i] != NULL; i++)
    test_assert_contains (text, quarters[i]);
  /* The totals over the stacks, and a segment big enough to be labelled. */
  test_assert_contains (text, "15.55");   /* first quarter */
  test_assert_contains (text, "19.60");   /* fourth quarter */
  test_assert_contains (text, "12.00");   /* 两节送温暖 in the first quarter */
  test_pdf_assert_fonts_embedded (document);
  test_pdf_assert_no_overlap (document, 0);
}

/* The fund's balance: labelled at the start and the end of the year. */
static void
test_line_pdf (void)
{
  g_autoptr(UdChart) chart = new_balance_chart ();
  g_autoptr(GBytes) pdf = chart_document_pdf (chart, 80);
  g_autoptr(PopplerDocument) document = test_pdf_open (pdf);
  g_autofree char *text = test_pdf_page_text (document, 0);

  test_assert_contains (text, "大病救助资金余额");
  test_assert_contains (text, "50.00");
  test_assert_contains (text, "22.96");
  g_assert_null (strstr (text, "39.55"));   /* June: only the ends are labelled */
  test_pdf_assert_fonts_embedded (document);
  test_pdf_assert_no_overlap (document, 0);
}

/* Straight into a PDF surface of its own, without a document. */
static void
test_any_cairo_context (void)
{
  g_autoptr(UdChart) chart = new_programme_chart ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) document = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  {
    g_autofree char *dir = g_dir_make_tmp ("test-chart-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "chart.pdf", NULL);
    char *contents;
    gsize length;

    surface = cairo_pdf_surface_create (path, COLUMN_W, COLUMN_H);
    cr = cairo_create (surface);
    ud_chart_draw (chart, cr, COLUMN_W, COLUMN_H);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_finish (surface);
    g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (surface);

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    pdf = g_bytes_new_take (contents, length);
    g_remove (path);
    g_rmdir (dir);
  }

  document = test_pdf_open (pdf);
  text = test_pdf_page_text (document, 0);
  test_assert_contains (text, "各项目帮扶资金（按季度）");
  test_assert_contains (text, "五一关爱劳模");
  test_assert_contains (text, "第三季度");
}

/* In black and white every series still looks different: the first is a
 * plain fill, the others carry hatches of their own, and no two look
 * alike.  Sampled in the lower part of each bar, away from the values
 * written inside. */
static void
assert_series_distinct (UdChart    *chart,
                        const char *name,
                        guint       category_of[])
{
  g_autofree char *colour_name = g_strdup_printf ("%s.png", name);
  g_autofree char *grey_name = g_strdup_printf ("%s-grey.png", name);
  cairo_surface_t *colour = render_image (chart, COLUMN_W, COLUMN_H);
  cairo_surface_t *grey = to_grey (colour);
  guint n = ud_chart_get_n_series (chart);
  g_autofree Look *looks = g_new0 (Look, n);

  keep_image (colour, colour_name);
  keep_image (grey, grey_name);

  for (guint s = 0; s < n; s++)
    {
      double x, y, w, h, band;

      g_assert_true (ud_chart_get_item_bounds (chart, NULL, COLUMN_W, COLUMN_H, s, category_of[s],
                                               &x, &y, &w, &h));
      band = MIN (h / 4, 6.0);
      looks[s] = look_at (grey, x + 1, y + h - band - 1, w - 2, band);
      g_test_message ("%s series %u: mean %.3f spread %.3f change %.3f %.3f %.3f %.3f", name, s,
                      looks[s].mean, looks[s].spread, looks[s].change[0], looks[s].change[1],
                      looks[s].change[2], looks[s].change[3]);
    }

  g_assert_cmpfloat (looks[0].spread, <, 0.02);
  for (guint s = 1; s < n; s++)
    g_assert_cmpfloat (looks[s].spread, >, 0.08);

  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        double d = look_distance (&looks[a], &looks[b]);

        if (d < 0.15)
          g_error ("%s: series %u and %u look alike in grey (distance %.3f)", name, a, b, d);
      }

  cairo_surface_destroy (grey);
  cairo_surface_destroy (colour);
}

static void
test_grayscale (void)
{
  g_autoptr(UdChart) stacked = new_programme_chart ();
  g_autoptr(UdChart) grouped = ud_chart_new (UD_CHART_BARS, "各月救助金额（分项目）");
  g_autoptr(UdChart) monthly = new_monthly_chart ();
  g_autoptr(UdChart) balance_chart = new_balance_chart ();
  /* A quarter each series is tall in. */
  guint stacked_at[] = { 0, 2, 0, 1, 3 };
  guint grouped_at[UD_CHART_MAX_SERIES];
  static const char * const groups[] = { "一月", "二月", NULL };

  assert_series_distinct (stacked, "stacked", stacked_at);

  ud_chart_set_categories (grouped, groups);
  ud_chart_set_format (grouped, ud_chart_format_wan_yuan, NULL, NULL);
  for (guint s = 0; s < UD_CHART_MAX_SERIES; s++)
    {
      gint64 values[2] = { 3000000 + 250000 * s, 1000000 };
      g_autofree char *name = g_strdup_printf ("项目%u", s + 1);

      ud_chart_add_series (grouped, name, values, 2);
      grouped_at[s] = 0;
    }
  assert_series_distinct (grouped, "grouped", grouped_at);

  /* The single-series charts, kept for a person to look at. */
  {
    cairo_surface_t *image = render_image (monthly, COLUMN_W, COLUMN_H);
    cairo_surface_t *grey = to_grey (image);

    keep_image (image, "monthly.png");
    keep_image (grey, "monthly-grey.png");
    cairo_surface_destroy (grey);
    cairo_surface_destroy (image);

    image = render_image (balance_chart, COLUMN_W, COLUMN_H);
    keep_image (image, "balance.png");
    cairo_surface_destroy (image);
  }
}

/* Lines: each has its own dash and marker; two lines stay apart in grey. */
static void
test_two_lines (void)
{
  g_autoptr(UdChart) chart = ud_chart_new (UD_CHART_LINE, "资金余额：本年与上年");
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) document = NULL;
  g_autofree char *text = NULL;
  gint64 last_year[12];

  for (guint i = 0; i < 12; i++)
    last_year[i] = balance[i] - 1500000 * (gint64) i + 900000;

  ud_chart_set_categories (chart, months);
  ud_chart_set_format (chart, ud_chart_format_wan_yuan, NULL, NULL);
  ud_chart_add_series (chart, "本年", balance, 12);
  ud_chart_add_series (chart, "上年", last_year, 12);

  pdf = chart_document_pdf (chart, 80);
  document = test_pdf_open (pdf);
  text = test_pdf_page_text (document, 0);
  test_assert_contains (text, "本年");
  test_assert_contains (text, "上年");
  test_assert_contains (text, "50.00");
  test_assert_contains (text, "50.90");   /* the two start close together: both labelled */
  test_pdf_assert_no_overlap (document, 0);

  {
    cairo_surface_t *image = render_image (chart, COLUMN_W, COLUMN_H);

    keep_image (image, "two-lines.png");
    cairo_surface_destroy (image);
  }
}

/* Half a column with two series by month: names shrink or skip, values
 * turn upright, nothing overlaps. */
static void
test_crowded (void)
{
  g_autoptr(UdChart) chart = ud_chart_new (UD_CHART_BARS, "救助人次（本年与上年）");
  UdPageSetup setup = { UD_ORIENTATION_PORTRAIT, 20, 20, 20, 20 };
  g_autoptr(UdDocument) doc = ud_document_new ("统计报表", &setup);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) document = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  UdRect box = { 20, 30, 80, 60 };
  gint64 this_year[12], last_year[12];

  for (guint i = 0; i < 12; i++)
    {
      this_year[i] = 10000 + 1370 * i;
      last_year[i] = 9000 + 990 * i;
    }
  ud_chart_set_categories (chart, months);
  ud_chart_set_format (chart, ud_chart_format_count, NULL, NULL);
  ud_chart_add_series (chart, "本年", this_year, 12);
  ud_chart_add_series (chart, "上年", last_year, 12);

  ud_document_set_page_numbers (doc, FALSE);
  ud_document_place_chart (doc, &box, chart);
  pdf = ud_document_to_pdf (doc, NULL);
  g_assert_nonnull (pdf);
  path = keep_path ("crowded.pdf");
  if (path != NULL)
    g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL);

  document = test_pdf_open (pdf);
  text = test_pdf_page_text (document, 0);
  test_assert_contains (text, "25,070");   /* 12月 this year */
  test_assert_contains (text, "9,000");
  test_assert_contains (text, "1月");
  test_pdf_assert_no_overlap (document, 0);
}

static void
test_find_item (void)
{
  g_autoptr(UdChart) chart = new_programme_chart ();
  double x, y, w, h;
  guint series = G_MAXUINT, category = G_MAXUINT;

  g_assert_true (ud_chart_get_item_bounds (chart, NULL, COLUMN_W, COLUMN_H, 4, 3, &x, &y, &w, &h));
  g_assert_cmpfloat (w, >, 10);
  g_assert_cmpfloat (h, >, 5);
  g_assert_true (ud_chart_find_item (chart, NULL, COLUMN_W, COLUMN_H, x + w / 2, y + h / 2, &series, &category));
  g_assert_cmpuint (series, ==, 4);
  g_assert_cmpuint (category, ==, 3);

  /* Above the stacks there is nothing. */
  g_assert_false (ud_chart_find_item (chart, NULL, COLUMN_W, COLUMN_H, x + w / 2, 2, &series, &category));
  g_assert_false (ud_chart_get_item_bounds (chart, NULL, COLUMN_W, COLUMN_H, 5, 0, NULL, NULL, NULL, NULL));
}

/* No data, or no room: a message instead of a broken chart. */
static void
test_empty (void)
{
  g_autoptr(UdChart) chart = ud_chart_new (UD_CHART_BARS, "各月救助金额");
  g_autoptr(GBytes) pdf = chart_document_pdf (chart, 40);
  g_autoptr(PopplerDocument) document = test_pdf_open (pdf);
  g_autofree char *text = test_pdf_page_text (document, 0);
  cairo_surface_t *image;

  test_assert_contains (text, "各月救助金额");
  test_assert_contains (text, "Nofigurestoshow");

  /* All zero: an axis from 0, every bar labelled 0.00. */
  ud_chart_set_categories (chart, months);
  ud_chart_set_format (chart, ud_chart_format_wan_yuan, NULL, NULL);
  {
    gint64 zeros[12] = { 0 };

    ud_chart_add_series (chart, "救助金额", zeros, 12);
  }
  image = render_image (chart, COLUMN_W, COLUMN_H);
  cairo_surface_destroy (image);
  g_clear_pointer (&pdf, g_bytes_unref);
  g_clear_object (&document);
  g_clear_pointer (&text, g_free);
  pdf = chart_document_pdf (chart, 60);
  document = test_pdf_open (pdf);
  text = test_pdf_page_text (document, 0);
  test_assert_contains (text, "0.00");
  test_assert_contains (text, "12月");

  /* A sliver: no plot, no crash. */
  image = render_image (chart, 60, 30);
  cairo_surface_destroy (image);

  /* A box with room for the title only: the title and a word why. */
  {
    UdPageSetup setup = { UD_ORIENTATION_PORTRAIT, 20, 20, 20, 20 };
    g_autoptr(UdDocument) doc = ud_document_new ("统计报表", &setup);
    UdRect box = { 20, 20, 50, 14 };

    ud_chart_set_axis_titles (chart, "月份", "金额（万元）");
    ud_document_place_chart (doc, &box, chart);
    g_clear_pointer (&pdf, g_bytes_unref);
    g_clear_object (&document);
    g_clear_pointer (&text, g_free);
    pdf = ud_document_to_pdf (doc, NULL);
    g_assert_nonnull (pdf);
    document = test_pdf_open (pdf);
    text = test_pdf_page_text (document, 0);
    test_assert_contains (text, "各月救助金额");
    test_assert_contains (text, "Too small to show the chart");
    g_assert_null (strstr (text, "12月"));
    g_assert_null (strstr (text, "月份"));
    test_pdf_assert_no_overlap (document, 0);
  }
}

/* Charts are drawn in worker threads (reports) while the window draws its
 * own: the same chart drawn in four threads at once comes out the same. */
typedef struct
{
  cairo_surface_t *image;
} Worker;

static gpointer
draw_in_thread (gpointer data)
{
  Worker *worker = data;
  g_autoptr(UdChart) chart = new_programme_chart ();

  for (guint i = 0; i < 5; i++)
    {
      g_clear_pointer (&worker->image, cairo_surface_destroy);
      worker->image = render_image (chart, COLUMN_W / 2, COLUMN_H / 2);
      ud_chart_set_title (chart, i % 2 == 0 ? "临时标题" : "各项目帮扶资金（按季度）");
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(UdChart) chart = new_programme_chart ();
  cairo_surface_t *reference;
  Worker workers[4] = { { NULL } };
  GThread *threads[4];
  int size;

  /* The last title each thread draws with is the chart's own. */
  reference = render_image (chart, COLUMN_W / 2, COLUMN_H / 2);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("chart", draw_in_thread, &workers[i]);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  size = cairo_image_surface_get_stride (reference) * cairo_image_surface_get_height (reference);
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      g_assert_cmpmem (cairo_image_surface_get_data (workers[i].image), size,
                       cairo_image_surface_get_data (reference), size);
      cairo_surface_destroy (workers[i].image);
    }
  cairo_surface_destroy (reference);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chart/formats", test_formats);
  g_test_add_func ("/chart/describe", test_describe);
  g_test_add_func ("/chart/bars-pdf", test_bars_pdf);
  g_test_add_func ("/chart/stacked-pdf", test_stacked_pdf);
  g_test_add_func ("/chart/line-pdf", test_line_pdf);
  g_test_add_func ("/chart/two-lines", test_two_lines);
  g_test_add_func ("/chart/any-cairo-context", test_any_cairo_context);
  g_test_add_func ("/chart/grayscale", test_grayscale);
  g_test_add_func ("/chart/crowded", test_crowded);
  g_test_add_func ("/chart/find-item", test_find_item);
  g_test_add_func ("/chart/empty", test_empty);
  g_test_add_func ("/chart/threads", test_threads);

  return g_test_run ();
}
