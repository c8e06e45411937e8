/* ud-document-private.h — what the document shares with its text fitting and its tables
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "ud-document.h"

G_BEGIN_DECLS

/* Inside the engine every length is in points; the public API converts. */
#define UD_MM(mm) ((mm) * UD_PT_PER_MM)

#define UD_LABEL_FILL 0xEDEDED
#define UD_HINT_COLOR 0x9A9A9A

/* Fontconfig family names, not user-visible text. */
#define UD_SANS_FAMILY  "Noto Sans CJK SC"
#define UD_SERIF_FAMILY "Noto Serif CJK SC"

/* A chart laid out for one size (ud-chart.c): immutable, shared by refcount. */
typedef struct _UdChartPlan UdChartPlan;

typedef enum
{
  UD_OP_TEXT,
  UD_OP_RECT,
  UD_OP_LINE,
  UD_OP_CIRCLE,
  UD_OP_QR,
  UD_OP_PAGE_NUMBER,
  UD_OP_CHART,
} UdOpKind;

typedef struct
{
  UdOpKind     kind;
  double       x;            /* pt; LINE: from (x, y) to (x + w, y + h) */
  double       y;
  double       w;
  double       h;
  double       line_width;   /* pt; 0: not stroked */
  gboolean     dashed;
  guint32      fill;         /* 0xRRGGBB or UD_NO_FILL */
  guint32      color;        /* stroke or text colour */
  /* Owned */
  PangoLayout *layout;       /* TEXT */
  GBytes      *modules;      /* QR: n_modules × n_modules bytes, 1 is dark */
  guint        n_modules;
  UdChartPlan *chart;        /* CHART, drawn with its top-left corner at (x, y) */
} UdOp;

/* Pango is not thread-safe; the engine's font map and contexts are used
 * under this lock only, so documents may be built in worker threads.
 */
void         _ud_document_lock            (void);
void         _ud_document_unlock          (void);

/* Text (ud-document-text.c); call with the lock held. */
PangoContext *_ud_document_text_context   (void);
PangoLayout *_ud_document_fit_layout      (const char        *text,
                                           const UdTextStyle *style,
                                           double             width,
                                           double             height,
                                           double            *y_offset,
                                           UdTextFit         *fit);
double       _ud_document_natural_height  (const char        *text,
                                           const UdTextStyle *style,
                                           double             width);

/* Page building (ud-document.c); call with the lock held, lengths in pt. */
void         _ud_document_ensure_page     (UdDocument        *self);
void         _ud_document_break_page      (UdDocument        *self);
gboolean     _ud_document_page_is_fresh   (UdDocument        *self);
double       _ud_document_get_x           (UdDocument        *self);
double       _ud_document_get_width       (UdDocument        *self);
double       _ud_document_get_y           (UdDocument        *self);
void         _ud_document_set_y           (UdDocument        *self,
                                           double             y);
double       _ud_document_get_bottom      (UdDocument        *self);
double       _ud_document_get_fresh_height (UdDocument       *self);
void         _ud_document_emit_text       (UdDocument        *self,
                                           double             x,
                                           double             y,
                                           double             width,
                                           double             height,
                                           const char        *text,
                                           const UdTextStyle *style,
                                           UdTextFit         *fit);
void         _ud_document_emit_rect       (UdDocument        *self,
                                           double             x,
                                           double             y,
                                           double             width,
                                           double             height,
                                           double             line_width,
                                           guint32            fill);
void         _ud_document_emit_line       (UdDocument        *self,
                                           double             x1,
                                           double             y1,
                                           double             x2,
                                           double             y2,
                                           double             line_width,
                                           gboolean           dashed);

/* Replaying pages (ud-document.c); call with the lock held. */
typedef void (*UdShowTextFunc) (cairo_t     *cr,
                                PangoLayout *layout,
                                gpointer     user_data);

guint        _ud_document_get_n_ops       (UdDocument        *self,
                                           guint              page);
const UdOp  *_ud_document_get_op          (UdDocument        *self,
                                           guint              page,
                                           guint              index);
PangoLayout *_ud_document_page_number_layout (UdDocument     *self,
                                           const UdOp        *op,
                                           guint              page,
                                           double            *y_offset);
void         _ud_document_draw_page_with  (UdDocument        *self,
                                           guint              page,
                                           cairo_t           *cr,
                                           UdShowTextFunc     show_text,
                                           gpointer           user_data);

/* Charts: emitting one, which takes the reference to @plan (ud-document.c),
 * and what the page replay and the PDF writer need of it (ud-chart.c); call
 * with the lock held.
 */
void         _ud_document_emit_chart      (UdDocument        *self,
                                           double             x,
                                           double             y,
                                           UdChartPlan       *plan);
void         _ud_chart_plan_unref         (UdChartPlan       *plan);
void         _ud_chart_plan_draw          (UdChartPlan       *plan,
                                           cairo_t           *cr,
                                           UdShowTextFunc     show_text,
                                           gpointer           user_data);
guint        _ud_chart_plan_get_n_layouts (UdChartPlan       *plan);
PangoLayout *_ud_chart_plan_get_layout    (UdChartPlan       *plan,
                                           guint              index);
G_END_DECLS
