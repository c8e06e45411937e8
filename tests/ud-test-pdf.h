/* ud-test-pdf.h — reading produced PDFs back with poppler, for the document tests
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <poppler.h>
#include <qrencode.h>
#include <string.h>

/* poppler 22.12 has no g_autoptr for its types. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerFontInfo, poppler_font_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerFontsIter, poppler_fonts_iter_free)

#define TEST_PT_PER_MM (72.0 / 25.4)

static G_GNUC_UNUSED PopplerDocument *
test_pdf_open (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;

  document = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

/* The text of a page with every space and line break removed, so that a
 * search does not depend on how poppler joins words.
 */
static G_GNUC_UNUSED char *
test_pdf_page_text (PopplerDocument *document,
                    int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, index);
  g_autofree char *text = NULL;
  GString *compact;

  g_assert_nonnull (page);
  text = poppler_page_get_text (page);
  compact = g_string_new (NULL);
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (compact, c);
    }

  return g_string_free (compact, FALSE);
}

/* @text is on the page on one line: not wrapped. */
static G_GNUC_UNUSED void
test_pdf_assert_one_line (PopplerDocument *document,
                          int              index,
                          const char      *text)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, index);
  g_autofree char *raw = NULL;
  GString *lines;

  g_assert_nonnull (page);
  raw = poppler_page_get_text (page);
  /* Spaces go, line breaks stay. */
  lines = g_string_new (NULL);
  for (const char *p = raw; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || (!g_unichar_isspace (c) && c != 0x3000))
        g_string_append_unichar (lines, c);
    }
  if (strstr (lines->str, text) == NULL)
    g_error ("“%s” is not on one line of the page:\n%s", text, lines->str);
  g_string_free (lines, TRUE);
}

static G_GNUC_UNUSED char *
test_compact (const char *text)
{
  GString *compact = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (compact, c);
    }

  return g_string_free (compact, FALSE);
}

/* @expected, spaces aside, is in the compacted @page_text. */
static G_GNUC_UNUSED void
test_assert_contains (const char *page_text,
                      const char *expected)
{
  g_autofree char *compact = test_compact (expected);

  if (strstr (page_text, compact) == NULL)
    g_error ("“%s” is not on the page:\n%s", compact, page_text);
}

static G_GNUC_UNUSED void
test_pdf_assert_page_size (PopplerDocument *document,
                           double           width,
                           double           height)
{
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, width, 0.5);
      g_assert_cmpfloat_with_epsilon (h, height, 0.5);
    }
}

/* Every font is a Noto CJK font, embedded as a subset; no Type 3 fonts
 * (which is how cairo falls back when it cannot embed a real font).
 */
static G_GNUC_UNUSED void
test_pdf_assert_fonts_embedded (PopplerDocument *document)
{
  g_autoptr(PopplerFontInfo) info = poppler_font_info_new (document);
  g_autoptr(PopplerFontsIter) iter = NULL;
  guint n_fonts = 0;

  g_assert_true (poppler_font_info_scan (info, poppler_document_get_n_pages (document), &iter));
  g_assert_nonnull (iter);

  do
    {
      const char *name = poppler_fonts_iter_get_name (iter);

      g_test_message ("font %s, type %d, embedded %d, subset %d", name,
                      poppler_fonts_iter_get_font_type (iter),
                      poppler_fonts_iter_is_embedded (iter),
                      poppler_fonts_iter_is_subset (iter));
      g_assert_nonnull (name);
      g_assert_true (strstr (name, "NotoSansCJK") != NULL || strstr (name, "NotoSerifCJK") != NULL);
      g_assert_true (poppler_fonts_iter_is_embedded (iter));
      g_assert_true (poppler_fonts_iter_is_subset (iter));
      g_assert_cmpint (poppler_fonts_iter_get_font_type (iter), !=, POPPLER_FONT_TYPE_TYPE3);
      n_fonts++;
    }
  while (poppler_fonts_iter_next (iter));

  g_assert_cmpuint (n_fonts, >, 0);
}

/* No two printed characters overlap on the page. */
static G_GNUC_UNUSED void
test_pdf_assert_no_overlap (PopplerDocument *document,
                            int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, index);
  g_autofree PopplerRectangle *rects = NULL;
  g_autofree char *text = NULL;
  g_autofree gunichar *chars = NULL;
  glong n_chars = 0;
  guint n_rects = 0;
  double width, height;

  poppler_page_get_size (page, &width, &height);
  text = poppler_page_get_text (page);
  chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  g_assert_cmpuint (n_rects, ==, (guint) n_chars);

  for (guint i = 0; i < n_rects; i++)
    {
      const PopplerRectangle *a = &rects[i];

      if (g_unichar_isspace (chars[i]) || chars[i] == 0x3000)
        continue;

      /* On the sheet. */
      g_assert_cmpfloat (a->x1, >=, 0);
      g_assert_cmpfloat (a->y1, >=, 0);
      g_assert_cmpfloat (a->x2, <=, width);
      g_assert_cmpfloat (a->y2, <=, height);

      for (guint j = i + 1; j < n_rects; j++)
        {
          const PopplerRectangle *b = &rects[j];
          double ox, oy, smaller;

          if (g_unichar_isspace (chars[j]) || chars[j] == 0x3000)
            continue;

          ox = MIN (a->x2, b->x2) - MAX (a->x1, b->x1);
          oy = MIN (a->y2, b->y2) - MAX (a->y1, b->y1);
          if (ox <= 0 || oy <= 0)
            continue;

          smaller = MIN ((a->x2 - a->x1) * (a->y2 - a->y1), (b->x2 - b->x1) * (b->y2 - b->y1));
          if (ox * oy > 0.2 * smaller)
            g_error ("page %d: “%s” (U+%04X) and (U+%04X) overlap at %.1f,%.1f",
                     index + 1, text, chars[i], chars[j], a->x1, a->y1);
        }
    }
}

/* The QR code drawn at (x, y) mm with side @size mm is exactly the code of
 * @payload: every module, sampled from the page rendered at 288 dpi.
 */
static G_GNUC_UNUSED void
test_pdf_assert_qr (PopplerDocument *document,
                    int              index,
                    double           x,
                    double           y,
                    double           size,
                    const char      *payload)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, index);
  const double scale = 4.0;
  cairo_surface_t *surface;
  cairo_t *cr;
  QRcode *code;
  double width, height, module;
  const guint8 *pixels;
  int stride;
  guint mismatches = 0;

  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * scale), (int) (height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  code = QRcode_encodeString8bit (payload, 0, QR_ECLEVEL_M);
  g_assert_nonnull (code);

  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  module = size * TEST_PT_PER_MM / code->width;

  for (int r = 0; r < code->width; r++)
    for (int c = 0; c < code->width; c++)
      {
        int px = (int) ((x * TEST_PT_PER_MM + (c + 0.5) * module) * scale);
        int py = (int) ((y * TEST_PT_PER_MM + (r + 0.5) * module) * scale);
        guint32 pixel = *(const guint32 *) (pixels + py * stride + px * 4);
        gboolean dark = (pixel & 0xFF) < 128;

        if (dark != (code->data[r * code->width + c] & 1))
          mismatches++;
      }

  g_assert_cmpuint (mismatches, ==, 0);

  /* A quiet margin: the row of pixels just outside the code is white. */
  for (int c = 0; c < code->width; c++)
    {
      int px = (int) ((x * TEST_PT_PER_MM + (c + 0.5) * module) * scale);
      int py = (int) ((y * TEST_PT_PER_MM + size * TEST_PT_PER_MM + module) * scale);
      guint32 pixel = *(const guint32 *) (pixels + py * stride + px * 4);

      g_assert_cmpuint (pixel & 0xFF, >, 128);
    }

  QRcode_free (code);
  cairo_surface_destroy (surface);
}
