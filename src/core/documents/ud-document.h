/* ud-document.h — paged documents drawn with cairo and pango: PDF and print
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ud-types.h"

G_BEGIN_DECLS

/*
 * A UdDocument is built in two passes.
 *
 * Layout: every ud_document_add_*() and ud_document_place_*() call measures
 * its text with Pango right away, breaks pages where needed and records the
 * result as a list of drawing operations on a page.  Text that is placed in
 * a box always fits that box: it wraps, then shrinks down to the style's
 * minimum size, and only then is ellipsized.
 *
 * Draw: ud_document_draw_page() replays one page into any cairo_t — a PDF
 * surface (ud_document_write_pdf()) or the context of a GtkPrintOperation's
 * ::draw-page — in points (1/72 in) with the origin at the top-left corner of
 * the sheet.  Page numbers ("第 1 页 共 2 页") are drawn at this point, when
 * the number of pages is known.
 *
 * Lengths in this API are millimetres, font sizes are points.  A document
 * may be built in a worker thread and drawn in another one; calls on one
 * document must not run concurrently.
 */

#define UD_TYPE_DOCUMENT (ud_document_get_type ())
G_DECLARE_FINAL_TYPE (UdDocument, ud_document, UD, DOCUMENT, GObject)

#define UD_DOCUMENT_ERROR (ud_document_error_quark ())

typedef enum
{
  UD_DOCUMENT_ERROR_EMPTY,    /* nothing to print */
  UD_DOCUMENT_ERROR_QR,       /* the QR payload cannot be encoded */
  UD_DOCUMENT_ERROR_RENDER,   /* cairo could not produce the PDF */
  UD_DOCUMENT_ERROR_WRITE,    /* the PDF file could not be saved */
} UdDocumentError;

#define UD_PT_PER_MM   (72.0 / 25.4)
#define UD_A4_WIDTH    210.0   /* mm */
#define UD_A4_HEIGHT   297.0   /* mm */
#define UD_NO_FILL     ((guint32) 0xFFFFFFFF)   /* a colour meaning "not filled" */

typedef enum
{
  UD_ORIENTATION_PORTRAIT,
  UD_ORIENTATION_LANDSCAPE,
} UdOrientation;

/* An A4 sheet; margins in millimetres. */
typedef struct
{
  UdOrientation orientation;
  double        margin_top;
  double        margin_right;
  double        margin_bottom;
  double        margin_left;
} UdPageSetup;

typedef enum
{
  UD_FONT_SANS,    /* Noto Sans CJK SC: body text */
  UD_FONT_SERIF,   /* Noto Serif CJK SC: titles */
} UdFont;

typedef enum
{
  UD_ALIGN_START,
  UD_ALIGN_CENTER,
  UD_ALIGN_END,
} UdAlign;

/* A zero-filled UdTextStyle is 10.5 pt (五号) sans, black, top-left. */
typedef struct
{
  UdFont   font;
  double   size;       /* pt; 0 means 10.5 */
  double   min_size;   /* pt, smallest size to shrink to; 0 means 7 (or size if smaller) */
  gboolean bold;
  UdAlign  align;      /* horizontal */
  UdAlign  valign;     /* vertical, inside the box */
  guint32  color;      /* 0xRRGGBB */
} UdTextStyle;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} UdRect;                /* mm, from the top-left corner of the sheet */

/* How a text was fitted into its box. */
typedef struct
{
  double   size;           /* pt, the size the text was set in */
  double   width;          /* mm, logical extents of the laid-out text */
  double   height;         /* mm */
  guint    n_lines;
  gboolean shrunk;         /* set smaller than the style's size */
  gboolean ellipsized;     /* part of the text did not fit and was cut with "…" */
  guint    missing_glyphs; /* characters no installed font could show */
} UdTextFit;

/* The block at the top of a form.  NULL members are left out. */
typedef struct
{
  const char *title;       /* centred, serif, bold */
  const char *subtitle;    /* centred under the title */
  const char *note;        /* left, on the line under the title, e.g. 申请日期 */
  const char *serial;      /* right on that line, printed as 编号：… */
  const char *qr_payload;  /* a QR code in the top-right corner, 20 mm */
  gboolean    repeat;      /* on every page, not only on the first */
} UdDocumentHeader;

/* One opinion block: heading, opinion, 签字/日期 lines and room for a seal. */
typedef struct
{
  const char *heading;   /* e.g. 基层工会意见 */
  const char *opinion;   /* NULL or "": left blank to be written by hand */
  const char *signer;    /* NULL or "": a blank line to sign on */
  const char *date;      /* YYYY-MM-DD; NULL or "": blank 年 月 日 */
} UdOpinion;

/* Seal area reserved in an opinion block; an official round seal is 42 mm. */
#define UD_SEAL_DIAMETER 42.0

GQuark      ud_document_error_quark      (void);

UdDocument *ud_document_new              (const char          *title,
                                          const UdPageSetup   *setup);
const char *ud_document_get_title        (UdDocument          *self);
gboolean    ud_document_set_header       (UdDocument          *self,
                                          const UdDocumentHeader *header,
                                          GError             **error);
/* "第 1 页 共 2 页" in the bottom margin (6 mm or more); on by default. */
void        ud_document_set_page_numbers (UdDocument          *self,
                                          gboolean             show);

/* Geometry of the sheet and the current page, in millimetres. */
double      ud_document_get_page_width   (UdDocument          *self);
double      ud_document_get_page_height  (UdDocument          *self);
void        ud_document_get_content_rect (UdDocument          *self,
                                          UdRect              *rect);
double      ud_document_get_cursor       (UdDocument          *self);
double      ud_document_get_remaining    (UdDocument          *self);

/* Flow: blocks stacked inside the margins, a new page when one does not fit. */
void        ud_document_new_page         (UdDocument          *self);
gboolean    ud_document_ensure_space     (UdDocument          *self,
                                          double               height);
void        ud_document_add_space        (UdDocument          *self,
                                          double               height);
void        ud_document_add_paragraph    (UdDocument          *self,
                                          const char          *text,
                                          const UdTextStyle   *style);
void        ud_document_add_opinions     (UdDocument          *self,
                                          const UdOpinion     *opinions,
                                          guint                n_opinions,
                                          guint                n_columns,
                                          double               height);

/* Fixed placement on the current page; @line_width in points, @fill
 * 0xRRGGBB or UD_NO_FILL.
 */
void        ud_document_fit_text         (UdDocument          *self,
                                          double               width,
                                          double               height,
                                          const char          *text,
                                          const UdTextStyle   *style,
                                          UdTextFit           *fit);
void        ud_document_place_text       (UdDocument          *self,
                                          const UdRect        *box,
                                          const char          *text,
                                          const UdTextStyle   *style,
                                          UdTextFit           *fit);
void        ud_document_place_line       (UdDocument          *self,
                                          double               x1,
                                          double               y1,
                                          double               x2,
                                          double               y2,
                                          double               line_width,
                                          gboolean             dashed);
void        ud_document_place_rect       (UdDocument          *self,
                                          const UdRect        *rect,
                                          double               line_width,
                                          guint32              fill);
void        ud_document_place_seal_area  (UdDocument          *self,
                                          double               center_x,
                                          double               center_y,
                                          double               diameter);
gboolean    ud_document_place_qr         (UdDocument          *self,
                                          const UdRect        *box,
                                          const char          *payload,
                                          GError             **error);
void        ud_document_place_opinion    (UdDocument          *self,
                                          const UdRect        *box,
                                          const UdOpinion     *opinion);
gboolean    ud_document_opinion_fits     (UdDocument          *self,
                                          double               width,
                                          double               height,
                                          const UdOpinion     *opinion);

/* Output. */
guint       ud_document_get_n_pages      (UdDocument          *self);
void        ud_document_draw_page        (UdDocument          *self,
                                          guint                page,
                                          cairo_t             *cr);
GBytes     *ud_document_to_pdf           (UdDocument          *self,
                                          GError             **error);
/* Saved 0600: forms carry whole ID numbers and diagnoses. */
gboolean    ud_document_write_pdf        (UdDocument          *self,
                                          const char          *path,
                                          GError             **error);

/* 人民币（大写）壹万贰仟元整　￥12,000.00 */
char       *ud_document_format_amount    (UdFen                amount);

G_END_DECLS
