/* ud-document.c — paged documents: layout into recorded pages, draw, PDF
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#include "ud-document-private.h"
#include "ud-money.h"

/* The words printed on the paper.  A document is a Chinese official form
 * whatever the language of the interface, so these are not translated.
 */
#define TEXT_PAGE_NUMBER  "第 %u 页 共 %u 页"
#define TEXT_SERIAL       "编号：%s"
#define TEXT_SIGNATURE    "签字："
#define TEXT_DATE         "日期："
#define TEXT_DATE_BLANK   "　　年　　月　　日"
#define TEXT_DATE_FORMAT  "%d 年 %d 月 %d 日"
#define TEXT_SEAL         "（盖章）"
#define TEXT_AMOUNT       "人民币（大写）%s　　￥%s"

#define DEFAULT_MARGIN    15.0   /* mm */
#define QR_SIZE           20.0   /* mm */
#define LINE_THIN         0.5    /* pt */
#define LINE_FRAME        1.0    /* pt */

struct _UdDocument
{
  GObject    parent_instance;

  /* Owned */
  char      *title;
  GPtrArray *pages;            /* of GArray<UdOp> */
  char      *header_title;
  char      *header_subtitle;
  char      *header_note;
  char      *header_serial;
  GBytes    *header_qr;
  guint      header_qr_modules;
  gboolean   has_header;
  gboolean   header_repeat;
  gboolean   page_numbers;

  /* Geometry, in points */
  double     page_width;
  double     page_height;
  double     margin_top;
  double     margin_right;
  double     margin_bottom;
  double     margin_left;
  double     header_height;    /* the header band, measured once */
  double     y;                /* flow cursor on the current page */
  double     page_top;         /* where the flow starts on the current page */
};

G_DEFINE_FINAL_TYPE (UdDocument, ud_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (ud-document-error-quark, ud_document_error)

static void
op_clear (gpointer data)
{
  UdOp *op = data;

  g_clear_object (&op->layout);
  g_clear_pointer (&op->modules, g_bytes_unref);
  g_clear_pointer (&op->chart, _ud_chart_plan_unref);
}

static GArray *
current_page (UdDocument *self)
{
  g_assert (self->pages->len > 0);

  return g_ptr_array_index (self->pages, self->pages->len - 1);
}

static void
push_op (UdDocument *self,
         UdOp       *op)
{
  _ud_document_ensure_page (self);
  g_array_append_val (current_page (self), *op);
}

static void
set_color (cairo_t *cr,
           guint32  rgb)
{
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xFF) / 255.0,
                        ((rgb >> 8) & 0xFF) / 255.0,
                        (rgb & 0xFF) / 255.0);
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

static GBytes *
encode_qr (const char  *payload,
           guint       *n_modules,
           GError     **error)
{
  QRcode *code;
  guint8 *modules;
  gsize n;

  code = QRcode_encodeString8bit (payload, 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      g_set_error (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_QR,
                   _("The record identifier is too long to print as a QR code (%u characters)."),
                   (guint) strlen (payload));
      return NULL;
    }

  n = (gsize) code->width * (gsize) code->width;
  modules = g_malloc (n);
  for (gsize i = 0; i < n; i++)
    modules[i] = code->data[i] & 1;
  *n_modules = (guint) code->width;
  QRcode_free (code);

  return g_bytes_new_take (modules, n);
}

static void
emit_qr (UdDocument *self,
         double      x,
         double      y,
         double      size,
         GBytes     *modules,
         guint       n_modules)
{
  UdOp op = { 0 };

  op.kind = UD_OP_QR;
  op.x = x;
  op.y = y;
  op.w = size;
  op.h = size;
  op.fill = 0x000000;
  op.modules = g_bytes_ref (modules);
  op.n_modules = n_modules;
  push_op (self, &op);
}

/* Lays out the header band at the top of the current page, or only measures
 * it when @emit is FALSE.  Returns its height.
 */
static double
layout_header (UdDocument *self,
               gboolean    emit)
{
  double x = self->margin_left;
  double y = self->margin_top;
  double width = self->page_width - self->margin_left - self->margin_right;
  double qr = self->header_qr != NULL ? UD_MM (QR_SIZE) : 0;
  double side = qr > 0 ? qr + UD_MM (3) : 0;
  double text_y = y;
  double band;
  UdTextFit fit;

  if (self->header_title != NULL)
    {
      UdTextStyle style = { UD_FONT_SERIF, 22, 14, TRUE, UD_ALIGN_CENTER, UD_ALIGN_START, 0 };
      double box_y = text_y + (self->header_subtitle != NULL ? 0 : UD_MM (3));

      if (emit)
        _ud_document_emit_text (self, x + side, box_y, width - 2 * side, UD_MM (13),
                                self->header_title, &style, &fit);
      else
        ud_document_fit_text (self, (width - 2 * side) / UD_PT_PER_MM, 13,
                              self->header_title, &style, &fit);
      text_y = box_y + UD_MM (fit.height);
    }

  if (self->header_subtitle != NULL)
    {
      UdTextStyle style = { UD_FONT_SERIF, 12, 9, FALSE, UD_ALIGN_CENTER, UD_ALIGN_START, 0 };

      text_y += UD_MM (1);
      if (emit)
        _ud_document_emit_text (self, x + side, text_y, width - 2 * side, UD_MM (7),
                                self->header_subtitle, &style, &fit);
      else
        ud_document_fit_text (self, (width - 2 * side) / UD_PT_PER_MM, 7,
                              self->header_subtitle, &style, &fit);
      text_y += UD_MM (fit.height);
    }

  band = MAX (text_y - y, qr);

  if (emit && self->header_qr != NULL)
    emit_qr (self, x + width - qr, y, qr, self->header_qr, self->header_qr_modules);

  if (self->header_note != NULL || self->header_serial != NULL)
    {
      UdTextStyle style = { UD_FONT_SANS, 10, 7, FALSE, UD_ALIGN_START, UD_ALIGN_END, 0 };
      double line_y = y + band + UD_MM (1.5);
      double line_h = UD_MM (5.5);

      if (emit && self->header_note != NULL)
        _ud_document_emit_text (self, x, line_y, width * 0.55, line_h,
                                self->header_note, &style, &fit);

      if (emit && self->header_serial != NULL)
        {
          g_autofree char *serial = g_strdup_printf (TEXT_SERIAL, self->header_serial);

          style.align = UD_ALIGN_END;
          _ud_document_emit_text (self, x + width * 0.55, line_y, width * 0.45, line_h,
                                  serial, &style, &fit);
        }

      band += UD_MM (1.5) + line_h;
    }

  return band + UD_MM (2);
}

static void
start_page (UdDocument *self)
{
  GArray *ops;

  ops = g_array_new (FALSE, TRUE, sizeof (UdOp));
  g_array_set_clear_func (ops, op_clear);
  g_ptr_array_add (self->pages, ops);

  self->y = self->margin_top;
  if (self->has_header && (self->header_repeat || self->pages->len == 1))
    self->y += layout_header (self, TRUE);
  self->page_top = self->y;

  /* In the bottom margin, if there is one to speak of. */
  if (self->page_numbers && self->margin_bottom >= UD_MM (6))
    {
      UdOp op = { 0 };

      op.kind = UD_OP_PAGE_NUMBER;
      op.x = self->margin_left;
      op.y = self->page_height - self->margin_bottom + UD_MM (2);
      op.w = self->page_width - self->margin_left - self->margin_right;
      op.h = self->margin_bottom - UD_MM (4);
      op.fill = UD_NO_FILL;
      g_array_append_val (ops, op);
    }
}

void
_ud_document_ensure_page (UdDocument *self)
{
  if (self->pages->len == 0)
    start_page (self);
}

void
_ud_document_break_page (UdDocument *self)
{
  start_page (self);
}

gboolean
_ud_document_page_is_fresh (UdDocument *self)
{
  _ud_document_ensure_page (self);

  return self->y <= self->page_top;
}

double
_ud_document_get_x (UdDocument *self)
{
  return self->margin_left;
}

double
_ud_document_get_width (UdDocument *self)
{
  return self->page_width - self->margin_left - self->margin_right;
}

double
_ud_document_get_y (UdDocument *self)
{
  _ud_document_ensure_page (self);

  return self->y;
}

void
_ud_document_set_y (UdDocument *self,
                    double      y)
{
  self->y = y;
}

double
_ud_document_get_bottom (UdDocument *self)
{
  return self->page_height - self->margin_bottom;
}

/* The flow height of a page that has just begun, after page 1. */
double
_ud_document_get_fresh_height (UdDocument *self)
{
  double top = self->margin_top;

  if (self->has_header && self->header_repeat)
    top += self->header_height;

  return _ud_document_get_bottom (self) - top;
}

void
_ud_document_emit_text (UdDocument        *self,
                        double             x,
                        double             y,
                        double             width,
                        double             height,
                        const char        *text,
                        const UdTextStyle *style,
                        UdTextFit         *fit)
{
  UdOp op = { 0 };
  double y_offset;

  op.layout = _ud_document_fit_layout (text, style, width, height, &y_offset, fit);
  if (op.layout == NULL)
    return;

  op.kind = UD_OP_TEXT;
  op.x = x;
  op.y = y + y_offset;
  op.w = width;
  op.h = height;
  op.fill = UD_NO_FILL;
  op.color = style->color;
  push_op (self, &op);
}

void
_ud_document_emit_rect (UdDocument *self,
                        double      x,
                        double      y,
                        double      width,
                        double      height,
                        double      line_width,
                        guint32     fill)
{
  UdOp op = { 0 };

  op.kind = UD_OP_RECT;
  op.x = x;
  op.y = y;
  op.w = width;
  op.h = height;
  op.line_width = line_width;
  op.fill = fill;
  push_op (self, &op);
}

void
_ud_document_emit_line (UdDocument *self,
                        double      x1,
                        double      y1,
                        double      x2,
                        double      y2,
                        double      line_width,
                        gboolean    dashed)
{
  UdOp op = { 0 };

  op.kind = UD_OP_LINE;
  op.x = x1;
  op.y = y1;
  op.w = x2 - x1;
  op.h = y2 - y1;
  op.line_width = line_width;
  op.dashed = dashed;
  op.fill = UD_NO_FILL;
  push_op (self, &op);
}

void
_ud_document_emit_chart (UdDocument  *self,
                         double       x,
                         double       y,
                         UdChartPlan *plan)
{
  UdOp op = { 0 };

  op.kind = UD_OP_CHART;
  op.x = x;
  op.y = y;
  op.fill = UD_NO_FILL;
  op.chart = plan;
  push_op (self, &op);
}

/* A dashed circle, the place for a round seal, marked （盖章） in the band
 * from @label_y down @label_height. */
static void
emit_seal_area (UdDocument *self,
                double      cx,
                double      cy,
                double      diameter,
                double      label_y,
                double      label_height)
{
  UdTextStyle style = { UD_FONT_SANS, 9, 7, FALSE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, UD_HINT_COLOR };
  UdOp op = { 0 };
  UdTextFit fit;

  op.kind = UD_OP_CIRCLE;
  op.x = cx - diameter / 2;
  op.y = cy - diameter / 2;
  op.w = diameter;
  op.h = diameter;
  op.line_width = 0.6;
  op.dashed = TRUE;
  op.fill = UD_NO_FILL;
  op.color = UD_HINT_COLOR;
  push_op (self, &op);

  _ud_document_emit_text (self, cx - diameter * 0.4, label_y, diameter * 0.8, label_height,
                          TEXT_SEAL, &style, &fit);
}

/* Where the parts of an opinion block go; all in points. */
typedef struct
{
  double seal;          /* diameter, 0 when the block is too small for one */
  double seal_x;        /* centre */
  double seal_y;
  UdRect heading;
  UdRect text;
  UdRect sign;
  UdRect date;
} OpinionGeometry;

static const UdTextStyle opinion_heading_style = { UD_FONT_SANS, 10.5, 8, TRUE, UD_ALIGN_START, UD_ALIGN_CENTER, 0 };
static const UdTextStyle opinion_text_style = { UD_FONT_SANS, 10.5, 7, FALSE, UD_ALIGN_START, UD_ALIGN_START, 0 };
static const UdTextStyle opinion_line_style = { UD_FONT_SANS, 10, 7, FALSE, UD_ALIGN_START, UD_ALIGN_END, 0 };

#define OPINION_READABLE_SIZE 9.0

/* The heading and the opinion take the block's whole width: a short
 * opinion stays on one line.  The signature and the date keep to the left
 * of the seal's circle, which stands in the lower right corner, where the
 * seal goes over the date; a long opinion may run over the circle's upper
 * edge, as handwriting on the paper form does. */
static void
opinion_geometry (double           x,
                  double           y,
                  double           width,
                  double           height,
                  OpinionGeometry *g)
{
  double pad = UD_MM (2);
  double line = UD_MM (6);
  double left;

  g->seal = MIN (UD_MM (UD_SEAL_DIAMETER), height - 2 * pad);
  g->seal = MIN (g->seal, width - UD_MM (40) - 3 * pad);
  if (g->seal < UD_MM (20))
    g->seal = 0;

  left = g->seal > 0 ? width - 3 * pad - g->seal : width - 2 * pad;
  g->seal_x = x + width - pad - g->seal / 2;
  g->seal_y = y + height - pad - g->seal / 2;

  g->heading = (UdRect) { x + pad, y + pad, width - 2 * pad, line };
  g->date = (UdRect) { x + pad, y + height - pad - line, left, line };
  g->sign = (UdRect) { x + pad, g->date.y - line - UD_MM (0.5), left, line };
  g->text = (UdRect) { x + pad, g->heading.y + line + UD_MM (0.5), width - 2 * pad, 0 };
  g->text.height = MAX (g->sign.y - UD_MM (0.5) - g->text.y, 0);
}

static void
emit_opinion (UdDocument      *self,
              double           x,
              double           y,
              double           width,
              double           height,
              const UdOpinion *opinion)
{
  OpinionGeometry g;
  UdTextFit fit;
  UdTextStyle style;
  double label_w = UD_MM (10);
  g_autofree char *date = NULL;
  int year, month, day;

  opinion_geometry (x, y, width, height, &g);

  _ud_document_emit_rect (self, x, y, width, height, LINE_THIN, UD_NO_FILL);
  _ud_document_emit_text (self, g.heading.x, g.heading.y, g.heading.width, g.heading.height,
                          opinion->heading, &opinion_heading_style, &fit);
  _ud_document_emit_text (self, g.text.x, g.text.y, g.text.width, g.text.height,
                          opinion->opinion, &opinion_text_style, &fit);

  /* 签字：______ with the signer's name on the line, if known. */
  _ud_document_emit_text (self, g.sign.x, g.sign.y, label_w, g.sign.height,
                          TEXT_SIGNATURE, &opinion_line_style, &fit);
  _ud_document_emit_line (self, g.sign.x + label_w, g.sign.y + g.sign.height + UD_MM (0.2),
                          g.sign.x + g.sign.width, g.sign.y + g.sign.height + UD_MM (0.2),
                          LINE_THIN, FALSE);
  style = opinion_line_style;
  style.align = UD_ALIGN_CENTER;
  _ud_document_emit_text (self, g.sign.x + label_w, g.sign.y, g.sign.width - label_w,
                          g.sign.height, opinion->signer, &style, &fit);

  if (opinion->date != NULL
      && sscanf (opinion->date, "%d-%d-%d", &year, &month, &day) == 3)
    date = g_strdup_printf (TEXT_DATE_FORMAT, year, month, day);
  _ud_document_emit_text (self, g.date.x, g.date.y, label_w, g.date.height,
                          TEXT_DATE, &opinion_line_style, &fit);
  style.align = UD_ALIGN_START;
  _ud_document_emit_text (self, g.date.x + label_w, g.date.y, g.date.width - label_w,
                          g.date.height, date != NULL ? date : TEXT_DATE_BLANK, &style, &fit);

  if (g.seal > 0)
    emit_seal_area (self, g.seal_x, g.seal_y, g.seal, g.date.y, g.date.height);
}

static void
draw_qr (cairo_t    *cr,
         const UdOp *op)
{
  const guint8 *modules = g_bytes_get_data (op->modules, NULL);
  double module = op->w / op->n_modules;
  cairo_surface_t *mask = cairo_image_surface_create (CAIRO_FORMAT_A1, (int) op->n_modules, (int) op->n_modules);
  cairo_pattern_t *pattern;
  unsigned char *data;
  int stride;

  /* A one-bit mask of the modules, one pixel each, scaled without
   * smoothing: in a PDF a stencil image of a few hundred bytes rather
   * than a path of a few hundred runs, each written out in figures (a
   * thousand certificates spent most of their time printing those);
   * no seams between modules on the screen either. */
  cairo_surface_flush (mask);
  data = cairo_image_surface_get_data (mask);
  stride = cairo_image_surface_get_stride (mask);
  for (guint row = 0; row < op->n_modules; row++)
    {
      guint32 *words = (guint32 *) (gpointer) (data + (gsize) row * (gsize) stride);

      memset (words, 0, (gsize) stride);
      for (guint col = 0; col < op->n_modules; col++)
        if (modules[row * op->n_modules + col])
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
          words[col / 32] |= 1u << (col % 32);
#else
          words[col / 32] |= 1u << (31 - col % 32);
#endif
    }
  cairo_surface_mark_dirty (mask);

  pattern = cairo_pattern_create_for_surface (mask);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_save (cr);
  set_color (cr, op->fill);
  cairo_translate (cr, op->x, op->y);
  cairo_scale (cr, module, module);
  cairo_mask (cr, pattern);
  cairo_restore (cr);
  cairo_pattern_destroy (pattern);
  cairo_surface_destroy (mask);
}

/* The layout of "第 1 页 共 2 页" for @page; NULL if it cannot be set. */
PangoLayout *
_ud_document_page_number_layout (UdDocument *self,
                                 const UdOp *op,
                                 guint       page,
                                 double     *y_offset)
{
  UdTextStyle style = { UD_FONT_SANS, 9, 6, FALSE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, 0 };
  g_autofree char *text = g_strdup_printf (TEXT_PAGE_NUMBER, page + 1, self->pages->len);
  UdTextFit fit;

  return _ud_document_fit_layout (text, &style, op->w, op->h, y_offset, &fit);
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             gpointer     user_data)
{
  pango_cairo_show_layout (cr, layout);
}

static void
draw_op (UdDocument     *self,
         const UdOp     *op,
         guint           page,
         cairo_t        *cr,
         UdShowTextFunc  show_text,
         gpointer        user_data)
{
  static const double dash[] = { 2.0, 2.0 };

  cairo_new_path (cr);
  cairo_set_line_width (cr, op->line_width);
  cairo_set_dash (cr, dash, op->dashed ? G_N_ELEMENTS (dash) : 0, 0);

  switch (op->kind)
    {
    case UD_OP_TEXT:
      set_color (cr, op->color);
      cairo_move_to (cr, op->x, op->y);
      show_text (cr, op->layout, user_data);
      break;

    case UD_OP_RECT:
      cairo_rectangle (cr, op->x, op->y, op->w, op->h);
      if (op->fill != UD_NO_FILL)
        {
          set_color (cr, op->fill);
          cairo_fill_preserve (cr);
        }
      if (op->line_width > 0)
        {
          set_color (cr, op->color);
          cairo_stroke (cr);
        }
      break;

    case UD_OP_LINE:
      cairo_move_to (cr, op->x, op->y);
      cairo_rel_line_to (cr, op->w, op->h);
      set_color (cr, op->color);
      cairo_stroke (cr);
      break;

    case UD_OP_CIRCLE:
      cairo_arc (cr, op->x + op->w / 2, op->y + op->h / 2, op->w / 2, 0, 2 * G_PI);
      set_color (cr, op->color);
      cairo_stroke (cr);
      break;

    case UD_OP_QR:
      draw_qr (cr, op);
      break;

    case UD_OP_CHART:
      cairo_save (cr);
      cairo_translate (cr, op->x, op->y);
      _ud_chart_plan_draw (op->chart, cr, show_text, user_data);
      cairo_restore (cr);
      break;

    case UD_OP_PAGE_NUMBER:
      {
        g_autoptr(PangoLayout) layout = NULL;
        double y_offset;

        layout = _ud_document_page_number_layout (self, op, page, &y_offset);
        if (layout != NULL)
          {
            set_color (cr, 0);
            cairo_move_to (cr, op->x, op->y + y_offset);
            show_text (cr, layout, user_data);
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  cairo_new_path (cr);
}

guint
_ud_document_get_n_ops (UdDocument *self,
                        guint       page)
{
  GArray *ops = g_ptr_array_index (self->pages, page);

  return ops->len;
}

const UdOp *
_ud_document_get_op (UdDocument *self,
                     guint       page,
                     guint       index)
{
  GArray *ops = g_ptr_array_index (self->pages, page);

  return &g_array_index (ops, UdOp, index);
}

/* Replays @page into @cr, text through @show_text. */
void
_ud_document_draw_page_with (UdDocument     *self,
                             guint           page,
                             cairo_t        *cr,
                             UdShowTextFunc  show_text,
                             gpointer        user_data)
{
  GArray *ops = g_ptr_array_index (self->pages, page);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  for (guint i = 0; i < ops->len; i++)
    draw_op (self, &g_array_index (ops, UdOp, i), page, cr, show_text, user_data);
  cairo_restore (cr);
}

static void
ud_document_finalize (GObject *object)
{
  UdDocument *self = (UdDocument *)object;

  /* Layouts hold fonts of the shared font map. */
  _ud_document_lock ();
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  _ud_document_unlock ();

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->header_title, g_free);
  g_clear_pointer (&self->header_subtitle, g_free);
  g_clear_pointer (&self->header_note, g_free);
  g_clear_pointer (&self->header_serial, g_free);
  g_clear_pointer (&self->header_qr, g_bytes_unref);

  G_OBJECT_CLASS (ud_document_parent_class)->finalize (object);
}

static void
ud_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  UdDocument *self = UD_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  UdDocument *self = UD_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_document_class_init (UdDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ud_document_finalize;
  object_class->get_property = ud_document_get_property;
  object_class->set_property = ud_document_set_property;

  /* The PDF's title in its metadata. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ud_document_init (UdDocument *self)
{
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->page_numbers = TRUE;
  self->page_width = UD_MM (UD_A4_WIDTH);
  self->page_height = UD_MM (UD_A4_HEIGHT);
  self->margin_top = UD_MM (DEFAULT_MARGIN);
  self->margin_right = UD_MM (DEFAULT_MARGIN);
  self->margin_bottom = UD_MM (DEFAULT_MARGIN);
  self->margin_left = UD_MM (DEFAULT_MARGIN);
}

/**
 * ud_document_new:
 * @title: the document's title, for the PDF metadata
 * @setup: (nullable): sheet and margins; NULL is A4 portrait with 15 mm margins
 *
 * Returns: (transfer full): an empty document
 */
UdDocument *
ud_document_new (const char        *title,
                 const UdPageSetup *setup)
{
  UdDocument *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (UD_TYPE_DOCUMENT, "title", title, NULL);

  if (setup != NULL)
    {
      g_return_val_if_fail (setup->margin_top >= 0 && setup->margin_bottom >= 0, self);
      g_return_val_if_fail (setup->margin_left >= 0 && setup->margin_right >= 0, self);

      if (setup->orientation == UD_ORIENTATION_LANDSCAPE)
        {
          self->page_width = UD_MM (UD_A4_HEIGHT);
          self->page_height = UD_MM (UD_A4_WIDTH);
        }
      self->margin_top = UD_MM (setup->margin_top);
      self->margin_right = UD_MM (setup->margin_right);
      self->margin_bottom = UD_MM (setup->margin_bottom);
      self->margin_left = UD_MM (setup->margin_left);
    }

  return self;
}

const char *
ud_document_get_title (UdDocument *self)
{
  g_return_val_if_fail (UD_IS_DOCUMENT (self), NULL);

  return self->title;
}

/**
 * ud_document_set_header:
 *
 * Sets the block at the top of the form.  Call it before adding content.
 *
 * Returns: FALSE if the QR payload cannot be encoded
 */
gboolean
ud_document_set_header (UdDocument             *self,
                        const UdDocumentHeader *header,
                        GError                **error)
{
  g_autoptr(GBytes) qr = NULL;
  guint n_modules = 0;

  g_return_val_if_fail (UD_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (self->pages->len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (header->qr_payload != NULL && header->qr_payload[0] != '\0')
    {
      qr = encode_qr (header->qr_payload, &n_modules, error);
      if (qr == NULL)
        return FALSE;
    }

  g_free (self->header_title);
  self->header_title = dup_nonempty (header->title);
  g_free (self->header_subtitle);
  self->header_subtitle = dup_nonempty (header->subtitle);
  g_free (self->header_note);
  self->header_note = dup_nonempty (header->note);
  g_free (self->header_serial);
  self->header_serial = dup_nonempty (header->serial);
  g_clear_pointer (&self->header_qr, g_bytes_unref);
  self->header_qr = g_steal_pointer (&qr);
  self->header_qr_modules = n_modules;
  self->header_repeat = header->repeat;
  self->has_header = TRUE;

  _ud_document_lock ();
  self->header_height = layout_header (self, FALSE);
  _ud_document_unlock ();

  return TRUE;
}

/* "第 1 页 共 2 页" centred in the bottom margin; on by default.  Call it
 * before adding content.
 */
void
ud_document_set_page_numbers (UdDocument *self,
                              gboolean    show)
{
  g_return_if_fail (UD_IS_DOCUMENT (self));
  g_return_if_fail (self->pages->len == 0);

  self->page_numbers = !!show;
}

double
ud_document_get_page_width (UdDocument *self)
{
  g_return_val_if_fail (UD_IS_DOCUMENT (self), 0);

  return self->page_width / UD_PT_PER_MM;
}

double
ud_document_get_page_height (UdDocument *self)
{
  g_return_val_if_fail (UD_IS_DOCUMENT (self), 0);

  return self->page_height / UD_PT_PER_MM;
}

/* The area inside the margins, in mm. */
void
ud_document_get_content_rect (UdDocument *self,
                              UdRect     *rect)
{
  g_return_if_fail (UD_IS_DOCUMENT (self));
  g_return_if_fail (rect != NULL);

  rect->x = self->margin_left / UD_PT_PER_MM;
  rect->y = self->margin_top / UD_PT_PER_MM;
  rect->width = _ud_document_get_width (self) / UD_PT_PER_MM;
  rect->height = (_ud_document_get_bottom (self) - self->margin_top) / UD_PT_PER_MM;
}

/* Where the next block goes on the current page, mm from the sheet's top. */
double
ud_document_get_cursor (UdDocument *self)
{
  double y;

  g_return_val_if_fail (UD_IS_DOCUMENT (self), 0);

  _ud_document_lock ();
  y = _ud_document_get_y (self);
  _ud_document_unlock ();

  return y / UD_PT_PER_MM;
}

/* The height left for blocks on the current page, in mm. */
double
ud_document_get_remaining (UdDocument *self)
{
  g_return_val_if_fail (UD_IS_DOCUMENT (self), 0);

  return MAX (_ud_document_get_bottom (self) / UD_PT_PER_MM - ud_document_get_cursor (self), 0);
}

/* Starts a new page (the first one if there is none yet). */
void
ud_document_new_page (UdDocument *self)
{
  g_return_if_fail (UD_IS_DOCUMENT (self));

  _ud_document_lock ();
  if (self->pages->len == 0)
    start_page (self);
  else
    _ud_document_break_page (self);
  _ud_document_unlock ();
}

/* Starts a new page unless @height mm are left on this one (or it is still
 * empty).  Returns TRUE if it did.
 */
gboolean
ud_document_ensure_space (UdDocument *self,
                          double      height)
{
  gboolean broke = FALSE;

  g_return_val_if_fail (UD_IS_DOCUMENT (self), FALSE);

  _ud_document_lock ();
  if (!_ud_document_page_is_fresh (self)
      && self->y + UD_MM (height) > _ud_document_get_bottom (self))
    {
      _ud_document_break_page (self);
      broke = TRUE;
    }
  _ud_document_unlock ();

  return broke;
}

void
ud_document_add_space (UdDocument *self,
                       double      height)
{
  g_return_if_fail (UD_IS_DOCUMENT (self));
  g_return_if_fail (height >= 0);

  _ud_document_lock ();
  _ud_document_ensure_page (self);
  self->y += UD_MM (height);
  if (self->y > _ud_document_get_bottom (self))
    _ud_document_break_page (self);
  _ud_document_unlock ();
}

/* A paragraph across the width of the page.  It is kept on one page: one
 * taller than a whole page shrinks to fit it.
 */
void
ud_document_add_paragraph (UdDocument        *self,
                           const char        *text,
                           const UdTextStyle *style)
{
  static const UdTextStyle default_style = { 0 };
  double width;
  double height;
  UdTextFit fit;

  g_return_if_fail (UD_IS_DOCUMENT (self));

  if (style == NULL)
    style = &default_style;

  _ud_document_lock ();
  _ud_document_ensure_page (self);
  width = _ud_document_get_width (self);
  height = _ud_document_natural_height (text, style, width);
  if (!_ud_document_page_is_fresh (self)
      && self->y + height > _ud_document_get_bottom (self))
    _ud_document_break_page (self);
  height = MIN (height, _ud_document_get_bottom (self) - self->y);
  _ud_document_emit_text (self, self->margin_left, self->y, width, height, text, style, &fit);
  self->y += height;
  _ud_document_unlock ();
}

/**
 * ud_document_add_opinions:
 * @n_columns: blocks side by side in a row
 * @height: of each block, mm
 *
 * Opinion blocks in rows of @n_columns across the page, framed like a table.
 * A row that does not fit goes to the next page.
 */
void
ud_document_add_opinions (UdDocument      *self,
                          const UdOpinion *opinions,
                          guint            n_opinions,
                          guint            n_columns,
                          double           height)
{
  double width;
  double row_height;

  g_return_if_fail (UD_IS_DOCUMENT (self));
  g_return_if_fail (opinions != NULL || n_opinions == 0);
  g_return_if_fail (n_columns > 0);
  g_return_if_fail (height > 0);

  _ud_document_lock ();
  _ud_document_ensure_page (self);
  width = _ud_document_get_width (self) / n_columns;
  row_height = MIN (UD_MM (height), _ud_document_get_fresh_height (self));

  for (guint i = 0; i < n_opinions; i += n_columns)
    {
      guint in_row = MIN (n_columns, n_opinions - i);

      if (!_ud_document_page_is_fresh (self)
          && self->y + row_height > _ud_document_get_bottom (self))
        _ud_document_break_page (self);

      for (guint j = 0; j < in_row; j++)
        emit_opinion (self, self->margin_left + j * width, self->y, width, row_height,
                      &opinions[i + j]);
      _ud_document_emit_rect (self, self->margin_left, self->y, in_row * width, row_height,
                              LINE_FRAME, UD_NO_FILL);
      self->y += row_height;
    }
  _ud_document_unlock ();
}

/* Measures how @text would fit a @width × @height mm box, placing nothing. */
void
ud_document_fit_text (UdDocument        *self,
                      double             width,
                      double             height,
                      const char        *text,
                      const UdTextStyle *style,
                      UdTextFit         *fit)
{
  g_autoptr(PangoLayout) layout = NULL;
  double y_offset;

  g_return_if_fail (UD_IS_DOCUMENT (self));
  g_return_if_fail (style != NULL);
  g_return_if_fail (fit != NULL);

  _ud_document_lock ();
  layout = _ud_document_fit_layout (text, style, UD_MM (width), UD_MM (height), &y_offset, fit);
  g_clear_object (&layout);
  _ud_document_unlock ();
}

/* Text in a box on the current page; it never leaves the box. */
void
ud_document_place_text (UdDocument        *self,
                        const UdRect      *box,
                        const char        *text,
                        const UdTextStyle *style,
                        UdTextFit         *fit)
{
  UdTextFit local_fit;

  g_return_if_fail (UD_IS_DOCUMENT (self));
  g_return_if_fail (box != NULL);
  g_return_if_fail (style != NULL);

  _ud_document_lock ();
  _ud_document_ensure_page (self);
  _ud_document_emit_text (self, UD_MM (box->x), UD_MM (box->y), UD_MM (box->width), UD_MM (box->height),
                          text, style, fit != NULL ? fit : &local_fit);
  _ud_document_unlock ();
}

/* @line_width in points. */
void
ud_document_place_line (UdDocument *self,
                        double      x1,
                        double      y1,
                        double      x2,
                        double      y2,
                        double      line_width,
                        gboolean    dashed)
{
  g_return_if_fail (UD_IS_DOCUMENT (self));
  g_return_if_fail (line_width > 0);

  _ud_document_lock ();
  _ud_document_emit_line (self, UD_MM (x1), UD_MM (y1), UD_MM (x2), UD_MM (y2), line_width, dashed);
  _ud_document_unlock ();
}

/* A rectangle: @line_width in points (0: no border), @fill 0xRRGGBB or
 * 0xFFFFFFFF for none.
 */
void
ud_document_place_rect (UdDocument   *self,
                        const UdRect *rect,
                        double        line_width,
                        guint32       fill)
{
  g_return_if_fail (UD_IS_DOCUMENT (self));
  g_return_if_fail (rect != NULL);
  g_return_if_fail (line_width >= 0);

  _ud_document_lock ();
  _ud_document_emit_rect (self, UD_MM (rect->x), UD_MM (rect->y), UD_MM (rect->width),
                          UD_MM (rect->height), line_width, fill);
  _ud_document_unlock ();
}

/* A dashed circle marked （盖章）: the place for a round seal. */
void
ud_document_place_seal_area (UdDocument *self,
                             double      center_x,
                             double      center_y,
                             double      diameter)
{
  g_return_if_fail (UD_IS_DOCUMENT (self));
  g_return_if_fail (diameter > 0);

  _ud_document_lock ();
  emit_seal_area (self, UD_MM (center_x), UD_MM (center_y), UD_MM (diameter),
                  UD_MM (center_y - 3), UD_MM (6));
  _ud_document_unlock ();
}

/* A QR code of @payload filling the square @box (vector, no quiet zone:
 * leave white space around it).
 */
gboolean
ud_document_place_qr (UdDocument   *self,
                      const UdRect *box,
                      const char   *payload,
                      GError      **error)
{
  g_autoptr(GBytes) modules = NULL;
  guint n_modules;
  double size;

  g_return_val_if_fail (UD_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (box != NULL, FALSE);
  g_return_val_if_fail (payload != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  modules = encode_qr (payload, &n_modules, error);
  if (modules == NULL)
    return FALSE;

  size = MIN (box->width, box->height);
  _ud_document_lock ();
  emit_qr (self, UD_MM (box->x), UD_MM (box->y), UD_MM (size), modules, n_modules);
  _ud_document_unlock ();

  return TRUE;
}

/* One opinion block in @box on the current page, framed. */
void
ud_document_place_opinion (UdDocument      *self,
                           const UdRect    *box,
                           const UdOpinion *opinion)
{
  g_return_if_fail (UD_IS_DOCUMENT (self));
  g_return_if_fail (box != NULL);
  g_return_if_fail (opinion != NULL);

  _ud_document_lock ();
  emit_opinion (self, UD_MM (box->x), UD_MM (box->y), UD_MM (box->width), UD_MM (box->height),
                opinion);
  _ud_document_unlock ();
}

/* Whether the opinion's text fits a block of @width × @height mm at a
 * readable size (9 pt or more) without being cut.
 */
gboolean
ud_document_opinion_fits (UdDocument      *self,
                          double           width,
                          double           height,
                          const UdOpinion *opinion)
{
  OpinionGeometry g;
  UdTextFit fit;

  g_return_val_if_fail (UD_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (opinion != NULL, FALSE);

  if (opinion->opinion == NULL || opinion->opinion[0] == '\0')
    return TRUE;

  opinion_geometry (0, 0, UD_MM (width), UD_MM (height), &g);
  ud_document_fit_text (self, g.text.width / UD_PT_PER_MM, g.text.height / UD_PT_PER_MM,
                        opinion->opinion, &opinion_text_style, &fit);

  return !fit.ellipsized && fit.n_lines > 0 && fit.size >= OPINION_READABLE_SIZE;
}

guint
ud_document_get_n_pages (UdDocument *self)
{
  g_return_val_if_fail (UD_IS_DOCUMENT (self), 0);

  return self->pages->len;
}

/**
 * ud_document_draw_page:
 * @page: from 0
 * @cr: any cairo context, in points with the origin at the sheet's top-left
 *
 * Replays a laid-out page.
 */
void
ud_document_draw_page (UdDocument *self,
                       guint       page,
                       cairo_t    *cr)
{
  g_return_if_fail (UD_IS_DOCUMENT (self));
  g_return_if_fail (page < self->pages->len);
  g_return_if_fail (cr != NULL);

  _ud_document_lock ();
  _ud_document_draw_page_with (self, page, cr, show_layout, NULL);
  _ud_document_unlock ();
}

gboolean
ud_document_write_pdf (UdDocument  *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  gsize size;
  gconstpointer data;

  g_return_val_if_fail (UD_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pdf = ud_document_to_pdf (self, error);
  if (pdf == NULL)
    return FALSE;

  data = g_bytes_get_data (pdf, &size);
  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &local_error))
    {
      display_name = g_filename_display_name (path);
      g_set_error (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_WRITE,
                   _("Could not save the PDF “%s”: %s"),
                   display_name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

char *
ud_document_format_amount (UdFen amount)
{
  g_autofree char *capitals = ud_money_capitals (amount);
  g_autofree char *figures = ud_money_format (amount);

  return g_strdup_printf (TEXT_AMOUNT, capitals, figures);
}
