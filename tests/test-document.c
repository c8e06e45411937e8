/* test-document.c — the document engine: text boxes, tables, pages, PDF
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-document"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <cairo.h>

#include "ud-document.h"
#include "ud-grid.h"
#include "ud-test-pdf.h"

#define A4_W 595.28
#define A4_H 841.89

static const char *long_chinese =
  "经基层工会走访核实，该职工患病后长期住院治疗，家庭收入主要依靠配偶打零工维持，"
  "子女尚在读书，医疗费用负担沉重，生活十分困难。根据区级专项救助办法的有关规定，"
  "建议按照个人自付医疗费用所在档次给予救助，并在本单位进行公示，公示期间无异议。";

static UdDocument *
new_plain_document (void)
{
  UdPageSetup setup = { UD_ORIENTATION_PORTRAIT, 15, 15, 15, 15 };
  UdDocument *document = ud_document_new ("测试文档", &setup);

  ud_document_set_page_numbers (document, FALSE);

  return document;
}

/* The ink of everything drawn on page 0, in points. */
static void
page_ink (UdDocument *document,
          double     *x,
          double     *y,
          double     *width,
          double     *height)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);

  /* Ink extents come rounded to whole device units: draw ten times larger. */
  cairo_scale (cr, 10, 10);
  ud_document_draw_page (document, 0, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (surface, x, y, width, height);
  cairo_surface_destroy (surface);
  *x /= 10;
  *y /= 10;
  *width /= 10;
  *height /= 10;
}

static void
test_text_box_fits (void)
{
  struct {
    const char *text;
    double width, height;   /* mm */
    double size;
    gboolean expect_wrap, expect_shrink, expect_ellipsis;
  } cases[] = {
    { "姓名", 30, 8, 10.5, FALSE, FALSE, FALSE },
    { "首都医科大学附属北京朝阳医院", 80, 8, 10.5, FALSE, FALSE, FALSE },
    { "首都医科大学附属北京朝阳医院", 30, 12, 10.5, TRUE, FALSE, FALSE },
    { "首都医科大学附属北京朝阳医院（京西院区）心血管内科重症监护病房", 40, 8, 10.5, TRUE, TRUE, FALSE },
    { "11010519780612002X", 25, 6, 10.5, FALSE, TRUE, FALSE },
    { "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 20, 16, 10.5, TRUE, TRUE, FALSE },
    { "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz", 20, 10, 10.5, TRUE, TRUE, TRUE },
    { NULL /* long_chinese */, 60, 30, 10.5, TRUE, TRUE, FALSE },
    { NULL /* long_chinese */, 30, 10, 10.5, TRUE, TRUE, TRUE },
    { NULL /* long_chinese */, 40, 2, 10.5, FALSE, TRUE, TRUE },
    { "重大疾病救助审批表", 50, 15, 22, FALSE, TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(UdDocument) document = new_plain_document ();
      const char *text = cases[i].text != NULL ? cases[i].text : long_chinese;
      UdRect box = { 40, 50, cases[i].width, cases[i].height };
      UdTextStyle style = { 0 };
      UdTextFit measured, placed;
      double ix, iy, iw, ih;

      style.size = cases[i].size;
      style.align = i % 3;
      style.valign = (i + 1) % 3;

      ud_document_fit_text (document, box.width, box.height, text, &style, &measured);
      ud_document_place_text (document, &box, text, &style, &placed);
      g_test_message ("case %u: %.2f pt, %u lines, %.1f × %.1f mm in %.1f × %.1f, shrunk %d, cut %d",
                      i, placed.size, placed.n_lines, placed.width, placed.height,
                      box.width, box.height, placed.shrunk, placed.ellipsized);

      /* Measuring and placing agree. */
      g_assert_cmpfloat (measured.size, ==, placed.size);
      g_assert_cmpuint (measured.n_lines, ==, placed.n_lines);

      /* The laid-out text is inside the box... */
      g_assert_cmpfloat (placed.width, <=, box.width + 1e-6);
      g_assert_cmpfloat (placed.height, <=, box.height + 1e-6);
      g_assert_cmpuint (placed.missing_glyphs, ==, 0);
      g_assert_cmpint (placed.n_lines > 1, ==, cases[i].expect_wrap);
      g_assert_cmpint (placed.shrunk, ==, cases[i].expect_shrink);
      g_assert_cmpint (placed.ellipsized, ==, cases[i].expect_ellipsis);
      if (!placed.ellipsized)
        g_assert_cmpfloat (placed.size, >=, 7.0);

      /* ...and so is the ink actually drawn (to a tenth of a point). */
      page_ink (document, &ix, &iy, &iw, &ih);
      g_assert_cmpfloat (iw, >, 0);
      g_assert_cmpfloat (ix, >=, box.x * TEST_PT_PER_MM - 0.1);
      g_assert_cmpfloat (iy, >=, box.y * TEST_PT_PER_MM - 0.1);
      g_assert_cmpfloat (ix + iw, <=, (box.x + box.width) * TEST_PT_PER_MM + 0.1);
      g_assert_cmpfloat (iy + ih, <=, (box.y + box.height) * TEST_PT_PER_MM + 0.1);
    }
}

static void
test_text_box_empty (void)
{
  g_autoptr(UdDocument) document = new_plain_document ();
  UdTextStyle style = { 0 };
  UdTextFit fit;
  UdRect box = { 20, 20, 50, 10 };

  ud_document_place_text (document, &box, NULL, &style, &fit);
  g_assert_cmpuint (fit.n_lines, ==, 0);
  ud_document_place_text (document, &box, "", &style, &fit);
  g_assert_cmpuint (fit.n_lines, ==, 0);
  g_assert_cmpuint (ud_document_get_n_pages (document), ==, 1);
}

/* 120 receipt rows: money per row, a subtotal at the foot of every page. */
typedef struct
{
  UdFen amounts[120];
  guint n_calls;
} Receipts;

static void
add_subtotal (UdGrid  *footer,
              guint     first_row,
              guint     n_rows,
              gboolean  last_page,
              gpointer  user_data)
{
  Receipts *receipts = user_data;
  g_autofree char *subtotal = NULL;
  UdFen sum = 0;

  receipts->n_calls++;
  for (guint i = first_row; i < first_row + n_rows; i++)
    sum += receipts->amounts[i];
  subtotal = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", sum / 100, (int) (sum % 100));

  ud_grid_add_row (footer, 8, 0);
  ud_grid_add_label (footer, 2, "本页小计");
  ud_grid_add_value (footer, 2, subtotal);
  if (last_page)
    {
      UdFen total = 0;
      g_autofree char *amount = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (receipts->amounts); i++)
        total += receipts->amounts[i];
      amount = ud_document_format_amount (total);
      ud_grid_add_row (footer, 8, 0);
      ud_grid_add_label (footer, 1, "合计");
      ud_grid_add_value (footer, 3, amount);
    }
}

static GBytes *
build_receipts (Receipts  *receipts,
                guint     *n_pages)
{
  static const double weights[] = { 10, 30, 25, 35 };
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(UdGrid) table = NULL;
  g_autoptr(GError) error = NULL;
  UdDocumentHeader header = { 0 };
  GBytes *pdf;

  document = ud_document_new ("帮扶资金发放签收表", NULL);
  header.title = "帮扶资金发放签收表";
  header.subtitle = "2024年度";
  header.serial = "PAY-2024-0007";
  header.qr_payload = "uniondesk:receipts:0190f3a2-7c1e-7b3d-9a4f-2c8e5d6b1a70:PAY-2024-0007";
  header.repeat = TRUE;
  g_assert_true (ud_document_set_header (document, &header, &error));
  g_assert_no_error (error);

  table = ud_grid_new (G_N_ELEMENTS (weights), weights);
  ud_grid_set_header_rows (table, 1);
  ud_grid_set_page_func (table, add_subtotal, receipts, NULL);
  ud_grid_add_row (table, 8, 0);
  ud_grid_add_label (table, 1, "序号");
  ud_grid_add_label (table, 1, "姓名");
  ud_grid_add_label (table, 1, "金额");
  ud_grid_add_label (table, 1, "领款人签字");

  for (guint i = 0; i < G_N_ELEMENTS (receipts->amounts); i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = g_strdup_printf ("会员%03u", i + 1);
      g_autofree char *amount = NULL;

      receipts->amounts[i] = 100000 + (UdFen) i * 1234;
      amount = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", receipts->amounts[i] / 100,
                                (int) (receipts->amounts[i] % 100));
      ud_grid_add_row (table, 8, 0);
      ud_grid_add_value (table, 1, number);
      ud_grid_add_value (table, 1, name);
      ud_grid_add_value (table, 1, amount);
      ud_grid_add_value (table, 1, NULL);
    }
  g_assert_cmpuint (ud_grid_get_n_rows (table), ==, 121);

  ud_document_add_grid (document, table);
  *n_pages = ud_document_get_n_pages (document);

  pdf = ud_document_to_pdf (document, &error);
  g_assert_no_error (error);

  return pdf;
}

static void
test_table_breaks_pages (void)
{
  Receipts receipts = { 0 };
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  guint n_pages;
  guint next_row = 0;

  pdf = build_receipts (&receipts, &n_pages);
  poppler = test_pdf_open (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (poppler), ==, (int) n_pages);
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (receipts.n_calls, >=, n_pages);

  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *text = test_pdf_page_text (poppler, p);
      g_autofree char *footer = g_strdup_printf ("第%u页共%u页", p + 1, n_pages);
      g_autofree char *expected_subtotal = NULL;
      UdFen sum = 0;
      guint first = next_row;

      /* The header row and the form's header on every page, the footer. */
      test_assert_contains (text, "序号姓名金额");
      test_assert_contains (text, "领款人签字");
      test_assert_contains (text, "帮扶资金发放签收表");
      test_assert_contains (text, "编号：PAY-2024-0007");
      test_assert_contains (text, footer);

      /* The rows continue in order from the page before, none lost. */
      for (;;)
        {
          g_autofree char *name = g_strdup_printf ("会员%03u", next_row + 1);

          if (next_row >= G_N_ELEMENTS (receipts.amounts) || strstr (text, name) == NULL)
            break;
          sum += receipts.amounts[next_row];
          next_row++;
        }
      g_assert_cmpuint (next_row, >, first);
      g_test_message ("page %u: rows %u–%u", p + 1, first + 1, next_row);

      /* The subtotal is the sum of this page's rows. */
      expected_subtotal = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", sum / 100, (int) (sum % 100));
      test_assert_contains (text, "本页小计");
      test_assert_contains (text, expected_subtotal);
      g_assert_cmpint (strstr (text, "合计") != NULL && strstr (text, "人民币（大写）") != NULL,
                       ==, p == n_pages - 1);

      test_pdf_assert_no_overlap (poppler, p);
    }
  g_assert_cmpuint (next_row, ==, G_N_ELEMENTS (receipts.amounts));

  test_pdf_assert_page_size (poppler, A4_W, A4_H);
  test_pdf_assert_fonts_embedded (poppler);
}

static void
test_qr_code (void)
{
  Receipts receipts = { 0 };
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  guint n_pages;

  pdf = build_receipts (&receipts, &n_pages);
  poppler = test_pdf_open (pdf);

  /* Top right of the content area: 210 − 15 − 20 mm, 15 mm; on every page. */
  for (guint p = 0; p < n_pages; p++)
    test_pdf_assert_qr (poppler, p, 175, 15, 20,
                        "uniondesk:receipts:0190f3a2-7c1e-7b3d-9a4f-2c8e5d6b1a70:PAY-2024-0007");
}

static void
test_qr_placed (void)
{
  g_autoptr(UdDocument) document = new_plain_document ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *too_long = g_strnfill (4000, 'x');
  UdRect box = { 30, 40, 25, 25 };

  g_assert_true (ud_document_place_qr (document, &box, "uniondesk:illness:abc:ILL-1", &error));
  g_assert_no_error (error);
  g_assert_false (ud_document_place_qr (document, &box, too_long, &error));
  g_assert_error (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_QR);

  pdf = ud_document_to_pdf (document, NULL);
  poppler = test_pdf_open (pdf);
  test_pdf_assert_qr (poppler, 0, 30, 40, 25, "uniondesk:illness:abc:ILL-1");
}

static void
test_page_numbers (void)
{
  g_autoptr(UdDocument) document = ud_document_new ("三页", NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  g_autoptr(GError) error = NULL;

  ud_document_add_paragraph (document, "第一页的内容", NULL);
  ud_document_new_page (document);
  ud_document_add_paragraph (document, "第二页的内容", NULL);
  g_assert_false (ud_document_ensure_space (document, 10));
  g_assert_true (ud_document_ensure_space (document, 1000));
  ud_document_add_paragraph (document, "第三页的内容", NULL);
  g_assert_cmpuint (ud_document_get_n_pages (document), ==, 3);

  pdf = ud_document_to_pdf (document, &error);
  g_assert_no_error (error);
  poppler = test_pdf_open (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (poppler), ==, 3);

  for (int p = 0; p < 3; p++)
    {
      static const char * const content[] = { "第一页的内容", "第二页的内容", "第三页的内容" };
      g_autofree char *text = test_pdf_page_text (poppler, p);
      g_autofree char *footer = g_strdup_printf ("第%d页共3页", p + 1);

      test_assert_contains (text, content[p]);
      test_assert_contains (text, footer);
    }

  g_assert_cmpstr (poppler_document_get_title (poppler), ==, "三页");
  g_assert_cmpstr (poppler_document_get_creator (poppler), ==, "UnionDesk");
}

static void
test_pdf_a4_and_landscape (void)
{
  UdPageSetup landscape = { UD_ORIENTATION_LANDSCAPE, 20, 20, 20, 20 };
  g_autoptr(UdDocument) portrait_doc = ud_document_new ("竖版", NULL);
  g_autoptr(UdDocument) landscape_doc = ud_document_new ("横版", &landscape);
  g_autoptr(GBytes) portrait_pdf = NULL;
  g_autoptr(GBytes) landscape_pdf = NULL;
  g_autoptr(PopplerDocument) portrait = NULL;
  g_autoptr(PopplerDocument) landscape_poppler = NULL;
  UdTextStyle title = { UD_FONT_SERIF, 36, 20, TRUE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, 0 };
  UdRect content;

  g_assert_cmpfloat_with_epsilon (ud_document_get_page_width (landscape_doc), 297, 1e-9);
  g_assert_cmpfloat_with_epsilon (ud_document_get_page_height (landscape_doc), 210, 1e-9);
  ud_document_get_content_rect (landscape_doc, &content);
  g_assert_cmpfloat_with_epsilon (content.width, 257, 1e-9);
  g_assert_cmpfloat_with_epsilon (content.height, 170, 1e-9);

  ud_document_add_paragraph (portrait_doc, "正文 Body text", NULL);
  ud_document_place_text (landscape_doc, &content, "荣誉证书", &title, NULL);

  portrait_pdf = ud_document_to_pdf (portrait_doc, NULL);
  landscape_pdf = ud_document_to_pdf (landscape_doc, NULL);
  portrait = test_pdf_open (portrait_pdf);
  landscape_poppler = test_pdf_open (landscape_pdf);

  test_pdf_assert_page_size (portrait, A4_W, A4_H);
  test_pdf_assert_page_size (landscape_poppler, A4_H, A4_W);
  test_pdf_assert_fonts_embedded (portrait);
  test_pdf_assert_fonts_embedded (landscape_poppler);
}

static guint
count_in (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + strlen (needle), needle))
    n++;

  return n;
}

static void
test_opinions (void)
{
  const UdOpinion opinions[] = {
    { "基层工会意见", "情况属实，同意申请。", "李建国", "2024-03-06" },
    { "区总工会审批意见", NULL, NULL, NULL },
    { "区总工会帮扶中心审核意见", "材料齐全，符合救助条件，同意上报审批。", "李审核", "2024-03-08" },
  };
  g_autoptr(UdDocument) document = ud_document_new ("意见", NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  g_autofree char *text = NULL;

  g_assert_true (ud_document_opinion_fits (document, 90, 46, &opinions[0]));
  g_assert_true (ud_document_opinion_fits (document, 90, 46, &opinions[1]));
  {
    UdOpinion long_one = { "基层工会意见", long_chinese, NULL, NULL };
    g_autofree char *twice = g_strconcat (long_chinese, long_chinese, NULL);
    UdOpinion longer = { "基层工会意见", twice, NULL, NULL };

    g_assert_false (ud_document_opinion_fits (document, 90, 46, &longer));
    g_assert_true (ud_document_opinion_fits (document, 180, 55, &long_one));
  }

  ud_document_add_opinions (document, opinions, G_N_ELEMENTS (opinions), 2, 46);
  pdf = ud_document_to_pdf (document, NULL);
  poppler = test_pdf_open (pdf);
  text = test_pdf_page_text (poppler, 0);

  test_assert_contains (text, "基层工会意见");
  test_assert_contains (text, "情况属实，同意申请。");
  test_assert_contains (text, "签字：李建国");
  test_assert_contains (text, "日期：2024年3月6日");
  test_assert_contains (text, "区总工会审批意见");
  /* The blank block: its signature and date to be written in. */
  g_assert_cmpuint (count_in (text, "签字："), ==, 3);
  g_assert_cmpuint (count_in (text, "日期："), ==, 3);
  test_assert_contains (text, "年月日");
  test_assert_contains (text, "（盖章）");
  /* An opinion takes the block's width, not only what the seal's circle
   * leaves beside it: these stay on one line in a half-page block. */
  test_pdf_assert_one_line (poppler, 0, "情况属实，同意申请。");
  test_pdf_assert_one_line (poppler, 0, "材料齐全，符合救助条件，同意上报审批。");
  test_pdf_assert_no_overlap (poppler, 0);
}

static void
test_amount (void)
{
  g_autofree char *amount = ud_document_format_amount (1200000);

  g_assert_cmpstr (amount, ==, "人民币（大写）壹万贰仟元整　　￥12,000.00");
}

static void
test_draw_scaled (void)
{
  g_autoptr(UdDocument) document = new_plain_document ();
  cairo_surface_t *surface;
  cairo_t *cr;
  UdRect box = { 10, 10, 100, 20 };
  UdTextStyle style = { 0 };
  const guint8 *pixels;
  int stride;
  gboolean dark = FALSE;

  ud_document_place_rect (document, &box, 1, UD_NO_FILL);
  ud_document_place_text (document, &box, "打印预览", &style, NULL);

  /* As a print dialog does: 150 dpi, the origin at the sheet's corner. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1240, 1754);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 150.0 / 72, 150.0 / 72);
  ud_document_draw_page (document, 0, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The box's left edge at x = 10 mm (59 px) is drawn at y = 20 mm (118 px). */
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int x = 57; x <= 61; x++)
    dark |= (*(const guint32 *) (pixels + 118 * stride + x * 4) & 0xFF) < 128;
  g_assert_true (dark);
  cairo_surface_destroy (surface);
}

static void
test_errors (void)
{
  g_autoptr(UdDocument) empty = ud_document_new ("空", NULL);
  g_autoptr(UdDocument) document = ud_document_new ("文档", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_null (ud_document_to_pdf (empty, &error));
  g_assert_error (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_EMPTY);
  g_clear_error (&error);

  ud_document_add_paragraph (document, "内容", NULL);
  dir = g_dir_make_tmp ("ud-document-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "文档.pdf", NULL);
  bad_path = g_build_filename (dir, "no-such-folder", "文档.pdf", NULL);

  g_assert_false (ud_document_write_pdf (document, bad_path, &error));
  g_assert_error (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  g_assert_true (ud_document_write_pdf (document, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpint (memcmp (contents, "%PDF", 4), ==, 0);

  g_unlink (path);
  g_rmdir (dir);
}

static gpointer
build_in_thread (gpointer data)
{
  UdDocument *document = ud_document_new ("线程", NULL);

  ud_document_add_paragraph (document, long_chinese, NULL);

  return document;
}

/* Built in a worker thread while the main thread lays out another, then
 * written in the main thread: the way the app renders off the main loop.
 */
static void
test_threads (void)
{
  g_autoptr(UdDocument) here = NULL;
  g_autoptr(UdDocument) there = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  g_autofree char *text = NULL;
  GThread *thread;

  thread = g_thread_new ("ud-document-test", build_in_thread, NULL);
  here = new_plain_document ();
  for (guint i = 0; i < 20; i++)
    ud_document_add_paragraph (here, long_chinese, NULL);
  there = g_thread_join (thread);

  pdf = ud_document_to_pdf (there, NULL);
  poppler = test_pdf_open (pdf);
  text = test_pdf_page_text (poppler, 0);
  test_assert_contains (text, long_chinese);
  g_assert_cmpuint (ud_document_get_n_pages (here), >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* Messages about Chinese text print readably. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/document/text-box/fits", test_text_box_fits);
  g_test_add_func ("/document/text-box/empty", test_text_box_empty);
  g_test_add_func ("/document/table/breaks-pages", test_table_breaks_pages);
  g_test_add_func ("/document/qr/header", test_qr_code);
  g_test_add_func ("/document/qr/placed", test_qr_placed);
  g_test_add_func ("/document/page-numbers", test_page_numbers);
  g_test_add_func ("/document/pdf/a4-and-landscape", test_pdf_a4_and_landscape);
  g_test_add_func ("/document/opinions", test_opinions);
  g_test_add_func ("/document/amount", test_amount);
  g_test_add_func ("/document/draw-scaled", test_draw_scaled);
  g_test_add_func ("/document/errors", test_errors);
  g_test_add_func ("/document/threads", test_threads);

  return g_test_run ();
}
