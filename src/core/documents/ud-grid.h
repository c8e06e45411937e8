/* ud-grid.h — grid tables for documents: labelled cells, spans, page breaks
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-document.h"

G_BEGIN_DECLS

typedef struct _UdGrid UdGrid;

/* Tables: rows of cells with column spans (and row spans), shaded label
 * cells, borders.  A table longer than the page breaks between rows, repeats
 * its header rows, and may add rows at the foot of every page (subtotals).
 */

typedef struct
{
  guint       colspan;   /* 0 means 1 */
  guint       rowspan;   /* 0 means 1 */
  gboolean    shaded;    /* a light background: a label cell */
  UdTextStyle text;
} UdCellStyle;

/* Called for the part of the table on each page, to add rows at its foot
 * to @footer (same columns, ud_grid_add_row() and ud_grid_add_*()).
 * @first_row and @n_rows count body rows (header rows excluded) from 0.
 */
typedef void (*UdGridPageFunc) (UdGrid   *footer,
                                guint     first_row,
                                guint     n_rows,
                                gboolean  last_page,
                                gpointer  user_data);

UdGrid     *ud_grid_new             (guint              n_columns,
                                     const double      *weights);
void        ud_grid_free            (UdGrid            *grid);
void        ud_grid_set_header_rows (UdGrid            *grid,
                                     guint              n_rows);
void        ud_grid_set_page_func   (UdGrid            *grid,
                                     UdGridPageFunc     func,
                                     gpointer           user_data,
                                     GDestroyNotify     destroy);
/* Starts a row.  It grows with its text from @min_height up to @max_height
 * (0: up to the page); text that still does not fit shrinks in its cell.
 * ud_grid_add_label() adds a shaded, centred cell naming the value next to
 * it; ud_grid_add_value() a plain one.  NULL text is a blank cell.
 */
void        ud_grid_add_row         (UdGrid            *grid,
                                     double             min_height,
                                     double             max_height);
void        ud_grid_add_cell        (UdGrid            *grid,
                                     const char        *text,
                                     const UdCellStyle *style);
void        ud_grid_add_label       (UdGrid            *grid,
                                     guint              colspan,
                                     const char        *text);
void        ud_grid_add_value       (UdGrid            *grid,
                                     guint              colspan,
                                     const char        *text);
guint       ud_grid_get_n_rows      (UdGrid            *grid);

/* Lays @grid out on @document from its current position, across pages
 * as needed. */
void        ud_document_add_grid    (UdDocument        *document,
                                     UdGrid            *grid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdGrid, ud_grid_free)

G_END_DECLS
