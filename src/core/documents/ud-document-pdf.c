/* ud-document-pdf.c — PDF output, with the fonts subset before cairo embeds them
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-subset.h>

#include "ud-document-private.h"

/*
 * Why not just pango_cairo_show_layout() into a PDF surface: cairo 1.16
 * subsets the glyphs of a CFF font but, for the heavily subroutinized Noto
 * CJK fonts, its charstring parser often gives up (it skips subroutines it
 * has seen before and so loses count of the stem hints) and then embeds
 * every subroutine of the font: about 1 MB for one form.
 *
 * So the PDF writer first collects the glyphs each font face draws, has
 * HarfBuzz cut a small font of just those glyphs — no subroutines, no
 * hints — and draws the laid-out glyphs, renumbered, with that font.
 * Cairo then embeds a few kilobytes per face, still as a CID CFF subset
 * with the text extractable.  A face HarfBuzz cannot subset is drawn as
 * Pango would draw it.
 */

typedef struct
{
  hb_set_t          *glyphs;
  hb_map_t          *mapping;  /* glyph id in the font → in the subset */
  cairo_font_face_t *face;     /* NULL: draw with the original font */
} FontSubset;

typedef struct
{
  GHashTable *subsets;          /* hb_face_t * → FontSubset * */
} PdfFonts;

typedef struct
{
  FT_Face    face;
  hb_blob_t *blob;
} FaceData;

static FT_Library ft_library;
static GMutex ft_lock;
static const cairo_user_data_key_t face_data_key;

static void
font_subset_free (gpointer data)
{
  FontSubset *subset = data;

  hb_set_destroy (subset->glyphs);
  hb_map_destroy (subset->mapping);
  g_clear_pointer (&subset->face, cairo_font_face_destroy);
  g_free (subset);
}

/* Cairo drops its last reference to the face whenever it likes. */
static void
face_data_free (void *data)
{
  FaceData *face_data = data;

  g_mutex_lock (&ft_lock);
  FT_Done_Face (face_data->face);
  g_mutex_unlock (&ft_lock);
  hb_blob_destroy (face_data->blob);
  g_free (face_data);
}

static hb_face_t *
font_hb_face (PangoFont *font)
{
  hb_font_t *hb_font;

  if (font == NULL)
    return NULL;

  hb_font = pango_font_get_hb_font (font);

  return hb_font != NULL ? hb_font_get_face (hb_font) : NULL;
}

static void
collect_layout (PdfFonts    *fonts,
                PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      hb_face_t *face;
      FontSubset *subset;

      if (run == NULL)
        continue;

      face = font_hb_face (run->item->analysis.font);
      if (face == NULL)
        continue;

      subset = g_hash_table_lookup (fonts->subsets, face);
      if (subset == NULL)
        {
          subset = g_new0 (FontSubset, 1);
          subset->glyphs = hb_set_create ();
          g_hash_table_insert (fonts->subsets, face, subset);
        }

      for (int i = 0; i < run->glyphs->num_glyphs; i++)
        {
          PangoGlyph glyph = run->glyphs->glyphs[i].glyph;

          if (glyph != PANGO_GLYPH_EMPTY && (glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0)
            hb_set_add (subset->glyphs, glyph);
        }
    }
  while (pango_layout_iter_next_run (iter));

  pango_layout_iter_free (iter);
}

static void
collect_document (PdfFonts   *fonts,
                  UdDocument *document)
{
  for (guint page = 0; page < ud_document_get_n_pages (document); page++)
    for (guint i = 0; i < _ud_document_get_n_ops (document, page); i++)
      {
        const UdOp *op = _ud_document_get_op (document, page, i);

        if (op->kind == UD_OP_TEXT)
          {
            collect_layout (fonts, op->layout);
          }
        else if (op->kind == UD_OP_CHART)
          {
            for (guint j = 0; j < _ud_chart_plan_get_n_layouts (op->chart); j++)
              collect_layout (fonts, _ud_chart_plan_get_layout (op->chart, j));
          }
        else if (op->kind == UD_OP_PAGE_NUMBER)
          {
            g_autoptr(PangoLayout) layout = NULL;
            double y_offset;

            layout = _ud_document_page_number_layout (document, op, page, &y_offset);
            if (layout != NULL)
              collect_layout (fonts, layout);
          }
      }
}

static cairo_font_face_t *
make_subset_face (hb_face_t  *source,
                  hb_set_t   *glyphs,
                  hb_map_t  **mapping)
{
  static const hb_tag_t dropped[] = {
    HB_TAG ('G', 'S', 'U', 'B'), HB_TAG ('G', 'P', 'O', 'S'), HB_TAG ('G', 'D', 'E', 'F'),
    HB_TAG ('B', 'A', 'S', 'E'), HB_TAG ('V', 'O', 'R', 'G'), HB_TAG ('v', 'h', 'e', 'a'),
    HB_TAG ('v', 'm', 't', 'x'), HB_TAG ('c', 'm', 'a', 'p'),
  };
  hb_subset_input_t *input;
  hb_subset_plan_t *plan;
  hb_face_t *subset;
  hb_blob_t *blob;
  const char *data;
  unsigned int length;
  FT_Face face = NULL;
  FT_Error error;
  cairo_font_face_t *cairo_face;
  FaceData *face_data;

  input = hb_subset_input_create_or_fail ();
  if (input == NULL)
    return NULL;

  hb_set_union (hb_subset_input_glyph_set (input), glyphs);
  hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_NO_HINTING);
  for (guint i = 0; i < G_N_ELEMENTS (dropped); i++)
    hb_set_add (hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG), dropped[i]);

  plan = hb_subset_plan_create_or_fail (source, input);
  hb_subset_input_destroy (input);
  if (plan == NULL)
    return NULL;

  subset = hb_subset_plan_execute_or_fail (plan);
  if (subset == NULL)
    {
      hb_subset_plan_destroy (plan);
      return NULL;
    }
  *mapping = hb_map_copy (hb_subset_plan_old_to_new_glyph_mapping (plan));
  hb_subset_plan_destroy (plan);

  blob = hb_face_reference_blob (subset);
  hb_face_destroy (subset);
  data = hb_blob_get_data (blob, &length);

  g_mutex_lock (&ft_lock);
  error = ft_library == NULL ? FT_Init_FreeType (&ft_library) : 0;
  if (error == 0)
    error = FT_New_Memory_Face (ft_library, (const FT_Byte *) data, length, 0, &face);
  g_mutex_unlock (&ft_lock);

  if (error != 0)
    {
      g_debug ("FreeType cannot load a font subset (error %d); drawing the full font", error);
      hb_blob_destroy (blob);
      return NULL;
    }

  cairo_face = cairo_ft_font_face_create_for_ft_face (face, 0);
  face_data = g_new0 (FaceData, 1);
  face_data->face = face;
  face_data->blob = blob;
  if (cairo_font_face_set_user_data (cairo_face, &face_data_key, face_data, face_data_free) != CAIRO_STATUS_SUCCESS)
    {
      cairo_font_face_destroy (cairo_face);
      face_data_free (face_data);
      return NULL;
    }

  return cairo_face;
}

static void
make_subsets (PdfFonts *fonts)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, fonts->subsets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      FontSubset *subset = value;

      subset->face = make_subset_face (key, subset->glyphs, &subset->mapping);
    }
}

/* Draws one run with the subset face, keeping the text for copy and search. */
static gboolean
show_run_subset (cairo_t          *cr,
                 const char       *text,
                 PangoLayoutRun   *run,
                 const FontSubset *subset,
                 double            x,
                 double            y)
{
  static cairo_font_options_t *options;
  cairo_scaled_font_t *scaled;
  cairo_matrix_t matrix;
  cairo_glyph_t *glyphs;
  cairo_text_cluster_t *clusters;
  PangoGlyphItemIter cluster;
  gboolean have_cluster;
  int n_glyphs = 0;
  int n_clusters = 0;
  int total_bytes = 0;
  double cx = x;

  /* Right-to-left runs keep Pango's own drawing. */
  if (run->item->analysis.level % 2 != 0)
    return FALSE;

  if (options == NULL)
    {
      options = cairo_font_options_create ();
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
    }

  scaled = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));
  if (scaled == NULL)
    return FALSE;
  cairo_scaled_font_get_font_matrix (scaled, &matrix);

  glyphs = g_new (cairo_glyph_t, MAX (run->glyphs->num_glyphs, 1));
  clusters = g_new (cairo_text_cluster_t, MAX (run->glyphs->num_glyphs, 1));

  for (have_cluster = pango_glyph_item_iter_init_start (&cluster, run, text);
       have_cluster;
       have_cluster = pango_glyph_item_iter_next_cluster (&cluster))
    {
      int cluster_glyphs = 0;

      for (int i = cluster.start_glyph; i < cluster.end_glyph; i++)
        {
          const PangoGlyphInfo *info = &run->glyphs->glyphs[i];

          if (info->glyph != PANGO_GLYPH_EMPTY && (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0)
            {
              glyphs[n_glyphs].index = hb_map_get (subset->mapping, info->glyph);
              glyphs[n_glyphs].x = cx + (double) info->geometry.x_offset / PANGO_SCALE;
              glyphs[n_glyphs].y = y + (double) info->geometry.y_offset / PANGO_SCALE;
              n_glyphs++;
              cluster_glyphs++;
            }
          cx += (double) info->geometry.width / PANGO_SCALE;
        }

      clusters[n_clusters].num_bytes = cluster.end_index - cluster.start_index;
      clusters[n_clusters].num_glyphs = cluster_glyphs;
      total_bytes += clusters[n_clusters].num_bytes;
      if (clusters[n_clusters].num_bytes > 0 || cluster_glyphs > 0)
        n_clusters++;
    }

  cairo_save (cr);
  cairo_set_font_face (cr, subset->face);
  cairo_set_font_matrix (cr, &matrix);
  cairo_set_font_options (cr, options);
  if (total_bytes == run->item->length)
    cairo_show_text_glyphs (cr, text + run->item->offset, run->item->length,
                            glyphs, n_glyphs, clusters, n_clusters, 0);
  else
    cairo_show_glyphs (cr, glyphs, n_glyphs);
  cairo_restore (cr);

  g_free (glyphs);
  g_free (clusters);

  return TRUE;
}

static void
show_layout_subset (cairo_t     *cr,
                    PangoLayout *layout,
                    gpointer     user_data)
{
  PdfFonts *fonts = user_data;
  const char *text = pango_layout_get_text (layout);
  PangoLayoutIter *iter;
  double x0, y0;

  cairo_get_current_point (cr, &x0, &y0);
  iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;
      FontSubset *subset;
      double x, y;

      if (run == NULL)
        continue;

      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      x = x0 + (double) logical.x / PANGO_SCALE;
      y = y0 + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

      subset = g_hash_table_lookup (fonts->subsets, font_hb_face (run->item->analysis.font));
      if (subset == NULL || subset->face == NULL
          || !show_run_subset (cr, text, run, subset, x, y))
        {
          cairo_move_to (cr, x, y);
          pango_cairo_show_glyph_item (cr, text, run);
        }
    }
  while (pango_layout_iter_next_run (iter));

  pango_layout_iter_free (iter);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/**
 * ud_document_to_pdf:
 *
 * Returns: (transfer full): the whole document as a PDF, its fonts
 *   embedded as subsets, or NULL with @error set
 */
GBytes *
ud_document_to_pdf (UdDocument  *self,
                    GError     **error)
{
  g_autoptr(GByteArray) array = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  PdfFonts fonts;
  guint n_pages;

  g_return_val_if_fail (UD_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_pages = ud_document_get_n_pages (self);
  if (n_pages == 0)
    {
      g_set_error (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_EMPTY,
                   _("The document “%s” has no pages to print."), ud_document_get_title (self));
      return NULL;
    }

  array = g_byte_array_sized_new (64 * 1024);
  fonts.subsets = g_hash_table_new_full (NULL, NULL, NULL, font_subset_free);

  _ud_document_lock ();

  collect_document (&fonts, self);
  make_subsets (&fonts);

  surface = cairo_pdf_surface_create_for_stream (append_to_array, array,
                                                 UD_MM (ud_document_get_page_width (self)),
                                                 UD_MM (ud_document_get_page_height (self)));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, ud_document_get_title (self));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "UnionDesk");

  cr = cairo_create (surface);
  for (guint i = 0; i < n_pages; i++)
    {
      _ud_document_draw_page_with (self, i, cr, show_layout_subset, &fonts);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  g_hash_table_unref (fonts.subsets);
  _ud_document_unlock ();

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_RENDER,
                   _("Could not make a PDF of “%s”: %s"),
                   ud_document_get_title (self), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&array));
}
