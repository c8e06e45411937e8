/* ud-document-text.c — text that fits its box: wrap, shrink, then ellipsize
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ud-document-private.h"

#define DEFAULT_SIZE     10.5   /* 五号 */
#define DEFAULT_MIN_SIZE 7.0
#define SMALLEST_SIZE    2.0    /* below this, text is not worth drawing */

static GRecMutex text_lock;
static PangoFontMap *font_map;
static PangoContext *text_context;

void
_ud_document_lock (void)
{
  g_rec_mutex_lock (&text_lock);
}

void
_ud_document_unlock (void)
{
  g_rec_mutex_unlock (&text_lock);
}

/* One private font map and context for the whole process: layouts made in
 * any thread measure alike, and nothing depends on a screen.  Hinting is off
 * so that the layout is the same on paper, in the PDF and in the preview.
 */
PangoContext *
_ud_document_text_context (void)
{
  cairo_font_options_t *options;

  if (text_context != NULL)
    return text_context;

  font_map = pango_cairo_font_map_new ();
  pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (font_map), 72.0);
  text_context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (text_context, 72.0);

  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (text_context, options);
  cairo_font_options_destroy (options);

  /* Simplified-Chinese glyph forms for the unified Han characters. */
  pango_context_set_language (text_context, pango_language_from_string ("zh-cn"));
  pango_context_set_round_glyph_positions (text_context, FALSE);

  return text_context;
}

static double
style_size (const UdTextStyle *style)
{
  return style->size > 0 ? style->size : DEFAULT_SIZE;
}

static double
style_min_size (const UdTextStyle *style)
{
  double min_size = style->min_size > 0 ? style->min_size : DEFAULT_MIN_SIZE;

  return MIN (min_size, style_size (style));
}

static void
set_font (PangoLayout       *layout,
          const UdTextStyle *style,
          double             size)
{
  PangoFontDescription *desc;

  desc = pango_font_description_new ();
  pango_font_description_set_family_static (desc,
                                            style->font == UD_FONT_SERIF ? UD_SERIF_FAMILY : UD_SANS_FAMILY);
  pango_font_description_set_weight (desc, style->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
}

static PangoLayout *
new_layout (const char        *text,
            const UdTextStyle *style,
            double             width)
{
  PangoLayout *layout;
  PangoAlignment alignment = PANGO_ALIGN_LEFT;

  layout = pango_layout_new (_ud_document_text_context ());
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) floor (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  if (style->align == UD_ALIGN_CENTER)
    alignment = PANGO_ALIGN_CENTER;
  else if (style->align == UD_ALIGN_END)
    alignment = PANGO_ALIGN_RIGHT;
  pango_layout_set_alignment (layout, alignment);

  return layout;
}

static gboolean
layout_fits (PangoLayout *layout,
             double       width,
             double       height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);

  return logical.x >= 0
         && logical.y >= 0
         && logical.x + logical.width <= width * PANGO_SCALE
         && logical.y + logical.height <= height * PANGO_SCALE;
}

double
_ud_document_natural_height (const char        *text,
                             const UdTextStyle *style,
                             double             width)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  g_assert (style != NULL);

  if (text == NULL || text[0] == '\0' || width <= 0)
    return 0;

  layout = new_layout (text, style, width);
  set_font (layout, style, style_size (style));
  pango_layout_get_extents (layout, NULL, &logical);

  return (double) (logical.y + logical.height) / PANGO_SCALE;
}

/* Returns a layout that fits @width × @height (points) or NULL when there
 * is nothing to draw.  @y_offset is where to draw it below the box's top
 * for the style's vertical alignment.
 */
PangoLayout *
_ud_document_fit_layout (const char        *text,
                         const UdTextStyle *style,
                         double             width,
                         double             height,
                         double            *y_offset,
                         UdTextFit         *fit)
{
  g_autoptr(PangoLayout) layout = NULL;
  double size = style_size (style);
  double min_size = style_min_size (style);
  double used = size;
  PangoRectangle logical;

  g_assert (style != NULL);
  g_assert (y_offset != NULL);
  g_assert (fit != NULL);

  memset (fit, 0, sizeof *fit);
  fit->size = size;
  *y_offset = 0;

  if (text == NULL || text[0] == '\0' || width <= 0 || height <= 0)
    return NULL;

  layout = new_layout (text, style, width);
  set_font (layout, style, size);

  if (!layout_fits (layout, width, height))
    {
      set_font (layout, style, min_size);

      if (layout_fits (layout, width, height))
        {
          /* The largest quarter point that fits, by bisection. */
          int lo = (int) ceil (min_size * 4);
          int hi = (int) floor (size * 4);

          while (hi - lo > 1)
            {
              int mid = (lo + hi) / 2;

              set_font (layout, style, mid / 4.0);
              if (layout_fits (layout, width, height))
                lo = mid;
              else
                hi = mid;
            }

          used = MAX (lo / 4.0, min_size);
          set_font (layout, style, used);
        }
      else
        {
          /* Last resort: cut the text with an ellipsis, and if not even
           * one line fits the box at the smallest size, go smaller still.
           */
          used = min_size;
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_height (layout, (int) floor (height * PANGO_SCALE));

          for (guint i = 0; i < 8 && !layout_fits (layout, width, height); i++)
            {
              pango_layout_get_extents (layout, NULL, &logical);
              used = used * MIN (0.95, height * PANGO_SCALE / (double) MAX (logical.height, 1));
              if (used < SMALLEST_SIZE)
                return NULL;
              set_font (layout, style, used);
            }

          if (!layout_fits (layout, width, height))
            return NULL;
        }
    }

  pango_layout_get_extents (layout, NULL, &logical);

  fit->size = used;
  fit->shrunk = used < size;
  fit->width = (double) logical.width / PANGO_SCALE / UD_PT_PER_MM;
  fit->height = (double) logical.height / PANGO_SCALE / UD_PT_PER_MM;
  fit->n_lines = (guint) pango_layout_get_line_count (layout);
  fit->missing_glyphs = (guint) pango_layout_get_unknown_glyphs_count (layout);
  fit->ellipsized = pango_layout_is_ellipsized (layout);

  if (style->valign == UD_ALIGN_CENTER)
    *y_offset = (height - (double) logical.height / PANGO_SCALE) / 2;
  else if (style->valign == UD_ALIGN_END)
    *y_offset = height - (double) logical.height / PANGO_SCALE;

  return g_steal_pointer (&layout);
}
