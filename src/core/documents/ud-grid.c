/* ud-grid.c — grid tables: spans, shaded labels, page breaks, page subtotals
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-grid"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-grid.h"
#include "ud-document-private.h"

#define PAD_X        UD_MM (1.5)
#define PAD_Y        UD_MM (0.8)
#define LINE_THIN    0.5
#define LINE_FRAME   1.0
#define EPSILON      0.01
#define SHRINK_FIRST 0.85

typedef struct
{
  char       *text;
  guint       row;
  guint       col;
  guint       colspan;
  guint       rowspan;
  gboolean    shaded;
  UdTextStyle style;
} Cell;

typedef struct
{
  double min_height;   /* pt */
  double max_height;   /* pt, 0: no limit but the page */
  guint  first_cell;
  guint  n_cells;
} Row;

struct _UdGrid
{
  guint           n_columns;
  double         *weights;
  guint           n_header_rows;
  GArray         *rows;         /* Row */
  GArray         *cells;        /* Cell, row by row */
  guint          *span_until;   /* per column: first row a row span from above leaves free */
  guint           next_col;

  UdGridPageFunc page_func;
  gpointer        page_data;
  GDestroyNotify  page_destroy;
};

/* Laid-out rows of one table. */
typedef struct
{
  UdGrid *table;
  double  *heights;
  double   height;
} Part;

static const UdTextStyle label_style = { UD_FONT_SANS, 10, 7, FALSE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, 0 };
static const UdTextStyle value_style = { UD_FONT_SANS, 10.5, 7, FALSE, UD_ALIGN_START, UD_ALIGN_CENTER, 0 };

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  g_clear_pointer (&cell->text, g_free);
}

static guint
current_row (UdGrid *table)
{
  g_assert (table->rows->len > 0);

  return table->rows->len - 1;
}

static guint
skip_covered (UdGrid *table,
              guint    col)
{
  guint row = current_row (table);

  while (col < table->n_columns && table->span_until[col] > row)
    col++;

  return col;
}

static void
append_cell (UdGrid           *table,
             const char        *text,
             guint              colspan,
             guint              rowspan,
             gboolean           shaded,
             const UdTextStyle *style)
{
  Row *row = &g_array_index (table->rows, Row, current_row (table));
  Cell cell = { 0 };

  cell.text = text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
  cell.row = current_row (table);
  cell.col = table->next_col;
  cell.colspan = colspan;
  cell.rowspan = rowspan;
  cell.shaded = shaded;
  cell.style = *style;
  g_array_append_val (table->cells, cell);
  row->n_cells++;

  for (guint c = cell.col; c < cell.col + colspan; c++)
    table->span_until[c] = cell.row + rowspan;
  table->next_col = skip_covered (table, cell.col + colspan);
}

/* Blank cells for the columns a row left empty, so that it is framed. */
static void
complete_row (UdGrid *table)
{
  if (table->rows->len == 0)
    return;

  while (table->next_col < table->n_columns)
    append_cell (table, NULL, 1, 1, FALSE, &value_style);
}

static void
column_positions (UdGrid *table,
                  double   x,
                  double   width,
                  double  *col_x)
{
  double total = 0;
  double sum = 0;

  for (guint c = 0; c < table->n_columns; c++)
    total += table->weights[c];

  col_x[0] = x;
  for (guint c = 0; c < table->n_columns; c++)
    {
      sum += table->weights[c];
      col_x[c + 1] = x + width * sum / total;
    }
}

/* The height a cell asks of its row.  Text that fits the row's minimum
 * height when set a little smaller (down to SHRINK_FIRST of its size) asks
 * for no more: a tidy grid of even rows reads better than one row taller
 * for a single long word.
 */
static double
cell_natural_height (const Cell   *cell,
                     const double *col_x,
                     double        min_height)
{
  double width = col_x[cell->col + cell->colspan] - col_x[cell->col] - 2 * PAD_X;
  double natural;

  if (cell->text == NULL)
    return 0;

  natural = _ud_document_natural_height (cell->text, &cell->style, width) + 2 * PAD_Y;
  if (natural > min_height && min_height > 2 * PAD_Y)
    {
      g_autoptr(PangoLayout) layout = NULL;
      UdTextFit fit;
      double y_offset;
      double size = cell->style.size > 0 ? cell->style.size : 10.5;

      layout = _ud_document_fit_layout (cell->text, &cell->style, width, min_height - 2 * PAD_Y,
                                        &y_offset, &fit);
      if (layout != NULL && !fit.ellipsized && fit.size >= size * SHRINK_FIRST)
        return min_height;
    }

  return natural;
}

static guint
cell_rowspan (UdGrid    *table,
              const Cell *cell)
{
  guint limit = table->rows->len;

  /* A span never runs out of the header rows into the body. */
  if (cell->row < table->n_header_rows)
    limit = MIN (limit, table->n_header_rows);

  return MIN (cell->rowspan, limit - cell->row);
}

/* Row heights: each grows with its text from its minimum to its maximum,
 * and never beyond @cap so that any row fits a page.
 */
static double *
measure_rows (UdGrid      *table,
              const double *col_x,
              double        cap)
{
  double *heights = g_new0 (double, MAX (table->rows->len, 1));

  for (guint r = 0; r < table->rows->len; r++)
    {
      const Row *row = &g_array_index (table->rows, Row, r);
      double h = row->min_height;

      for (guint i = row->first_cell; i < row->first_cell + row->n_cells; i++)
        {
          const Cell *cell = &g_array_index (table->cells, Cell, i);

          if (cell_rowspan (table, cell) == 1)
            h = MAX (h, cell_natural_height (cell, col_x, row->min_height));
        }

      if (row->max_height > 0)
        h = MIN (h, MAX (row->max_height, row->min_height));
      heights[r] = MIN (h, cap);
    }

  /* A cell spanning rows that needs more room makes its last row taller. */
  for (guint i = 0; i < table->cells->len; i++)
    {
      const Cell *cell = &g_array_index (table->cells, Cell, i);
      guint span = cell_rowspan (table, cell);
      guint last = cell->row + span - 1;
      double total = 0;
      double need;

      if (span <= 1)
        continue;

      for (guint r = cell->row; r <= last; r++)
        total += heights[r];
      need = MIN (cell_natural_height (cell, col_x, total), cap);
      if (need > total)
        heights[last] = MIN (heights[last] + need - total, cap);
    }

  return heights;
}

static double
sum_heights (const double *heights,
             guint         from,
             guint         to)
{
  double sum = 0;

  for (guint r = from; r < to; r++)
    sum += heights[r];

  return sum;
}

static void
part_clear (Part *part)
{
  g_clear_pointer (&part->table, ud_grid_free);
  g_clear_pointer (&part->heights, g_free);
  part->height = 0;
}

static void
make_footer (UdGrid      *table,
             guint         first_row,
             guint         n_rows,
             gboolean      last_page,
             const double *col_x,
             double        cap,
             Part         *footer)
{
  footer->table = ud_grid_new (table->n_columns, table->weights);
  table->page_func (footer->table, first_row, n_rows, last_page, table->page_data);
  complete_row (footer->table);
  footer->heights = measure_rows (footer->table, col_x, cap);
  footer->height = sum_heights (footer->heights, 0, footer->table->rows->len);
}

/* Draws rows @from to @to of @table from @y; returns the y below them. */
static double
emit_rows (UdGrid      *table,
           const double *heights,
           guint         from,
           guint         to,
           const double *col_x,
           double        y,
           UdDocument   *document)
{
  double *row_y = g_new (double, to - from + 1);
  double bottom;

  row_y[0] = y;
  for (guint r = from; r < to; r++)
    row_y[r - from + 1] = row_y[r - from] + heights[r];
  bottom = row_y[to - from];

  for (guint r = from; r < to; r++)
    {
      const Row *row = &g_array_index (table->rows, Row, r);

      for (guint i = row->first_cell; i < row->first_cell + row->n_cells; i++)
        {
          const Cell *cell = &g_array_index (table->cells, Cell, i);
          guint end = MIN (cell->row + cell_rowspan (table, cell), to);
          double x = col_x[cell->col];
          double w = col_x[cell->col + cell->colspan] - x;
          double cy = row_y[r - from];
          double h = row_y[end - from] - cy;
          UdTextFit fit;

          if (cell->shaded)
            _ud_document_emit_rect (document, x, cy, w, h, 0, UD_LABEL_FILL);
          _ud_document_emit_text (document, x + PAD_X, cy + PAD_Y, w - 2 * PAD_X, h - 2 * PAD_Y,
                                  cell->text, &cell->style, &fit);
          _ud_document_emit_rect (document, x, cy, w, h, LINE_THIN, UD_NO_FILL);
        }
    }

  g_free (row_y);

  return bottom;
}

static void
grid_layout (UdGrid     *table,
             UdDocument *document)
{
  g_autofree double *col_x = NULL;
  g_autofree double *heights = NULL;
  g_autofree gboolean *breakable = NULL;
  guint n_rows;
  guint n_header;
  double x;
  double width;
  double fresh;
  double header_h;
  double bottom;
  guint r;

  complete_row (table);
  n_rows = table->rows->len;
  if (n_rows == 0)
    return;

  _ud_document_ensure_page (document);
  x = _ud_document_get_x (document);
  width = _ud_document_get_width (document);
  bottom = _ud_document_get_bottom (document);
  fresh = _ud_document_get_fresh_height (document);
  n_header = MIN (table->n_header_rows, n_rows);

  col_x = g_new (double, table->n_columns + 1);
  column_positions (table, x, width, col_x);

  heights = measure_rows (table, col_x, fresh / 2);
  header_h = sum_heights (heights, 0, n_header);
  for (r = n_header; r < n_rows; r++)
    heights[r] = MIN (heights[r], fresh - header_h);

  /* A page may break before row r unless a cell spans across it. */
  breakable = g_new (gboolean, n_rows + 1);
  for (r = 0; r <= n_rows; r++)
    breakable[r] = TRUE;
  for (guint i = 0; i < table->cells->len; i++)
    {
      const Cell *cell = &g_array_index (table->cells, Cell, i);

      for (r = cell->row + 1; r < cell->row + cell_rowspan (table, cell); r++)
        breakable[r] = FALSE;
    }

  r = n_header;
  for (;;)
    {
      double y = _ud_document_get_y (document);
      gboolean fresh_page = _ud_document_page_is_fresh (document);
      Part footer = { 0 };
      guint end = r;

      while (end < n_rows)
        {
          Part candidate = { 0 };
          guint next = end + 1;

          while (next < n_rows && !breakable[next])
            next++;

          if (table->page_func != NULL)
            make_footer (table, r - n_header, next - r, next == n_rows, col_x, fresh / 2, &candidate);

          if (y + header_h + sum_heights (heights, r, next) + candidate.height <= bottom + EPSILON)
            {
              part_clear (&footer);
              footer = candidate;
              end = next;
            }
          else
            {
              part_clear (&candidate);
              break;
            }
        }

      if (end == r && (r < n_rows || y + header_h > bottom + EPSILON))
        {
          double available;
          double group_h;

          if (!fresh_page)
            {
              part_clear (&footer);
              _ud_document_break_page (document);
              continue;
            }

          /* Not even one group of rows fits an empty page: squeeze it. */
          if (r < n_rows)
            {
              end = r + 1;
              while (end < n_rows && !breakable[end])
                end++;
            }
          if (table->page_func != NULL && r < n_rows)
            {
              part_clear (&footer);
              make_footer (table, r - n_header, end - r, end == n_rows, col_x, fresh / 4, &footer);
            }
          available = bottom - y - header_h - footer.height;
          group_h = sum_heights (heights, r, end);
          if (group_h > available && available > 0)
            for (guint k = r; k < end; k++)
              heights[k] *= available / group_h;
        }

      {
        double top = y;

        y = emit_rows (table, heights, 0, n_header, col_x, y, document);
        y = emit_rows (table, heights, r, end, col_x, y, document);
        if (footer.table != NULL)
          y = emit_rows (footer.table, footer.heights, 0, footer.table->rows->len, col_x, y, document);
        _ud_document_emit_rect (document, x, top, width, y - top, LINE_FRAME, UD_NO_FILL);
        _ud_document_set_y (document, y);
      }

      part_clear (&footer);
      r = end;
      if (r >= n_rows)
        break;
      _ud_document_break_page (document);
    }
}

/**
 * ud_grid_new:
 * @n_columns: number of columns
 * @weights: (array length=n_columns): relative column widths; the table
 *   takes the width of the page
 *
 * Returns: (transfer full): an empty table; free with ud_grid_free()
 */
UdGrid *
ud_grid_new (guint         n_columns,
              const double *weights)
{
  UdGrid *table;

  g_return_val_if_fail (n_columns > 0, NULL);
  g_return_val_if_fail (weights != NULL, NULL);

  for (guint c = 0; c < n_columns; c++)
    g_return_val_if_fail (weights[c] > 0, NULL);

  table = g_new0 (UdGrid, 1);
  table->n_columns = n_columns;
  table->weights = g_memdup2 (weights, sizeof (double) * n_columns);
  table->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  table->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (table->cells, cell_clear);
  table->span_until = g_new0 (guint, n_columns);

  return table;
}

void
ud_grid_free (UdGrid *table)
{
  if (table == NULL)
    return;

  if (table->page_destroy != NULL)
    table->page_destroy (table->page_data);
  g_array_unref (table->rows);
  g_array_unref (table->cells);
  g_free (table->span_until);
  g_free (table->weights);
  g_free (table);
}

/* The first @n_rows rows are repeated at the top of every page. */
void
ud_grid_set_header_rows (UdGrid *table,
                          guint    n_rows)
{
  g_return_if_fail (table != NULL);

  table->n_header_rows = n_rows;
}

void
ud_grid_set_page_func (UdGrid         *table,
                        UdGridPageFunc  func,
                        gpointer         user_data,
                        GDestroyNotify   destroy)
{
  g_return_if_fail (table != NULL);

  if (table->page_destroy != NULL)
    table->page_destroy (table->page_data);

  table->page_func = func;
  table->page_data = user_data;
  table->page_destroy = destroy;
}

void
ud_grid_add_row (UdGrid *table,
                  double   min_height,
                  double   max_height)
{
  Row row = { 0 };

  g_return_if_fail (table != NULL);
  g_return_if_fail (min_height >= 0);
  g_return_if_fail (max_height >= 0);

  complete_row (table);

  row.min_height = UD_MM (min_height);
  row.max_height = UD_MM (max_height);
  row.first_cell = table->cells->len;
  g_array_append_val (table->rows, row);

  table->next_col = skip_covered (table, 0);
}

/* A cell in the next free column of the current row. */
void
ud_grid_add_cell (UdGrid           *table,
                   const char        *text,
                   const UdCellStyle *style)
{
  guint colspan;
  guint rowspan;

  g_return_if_fail (table != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (table->rows->len > 0);

  colspan = MAX (style->colspan, 1);
  rowspan = MAX (style->rowspan, 1);
  g_return_if_fail (table->next_col + colspan <= table->n_columns);

  for (guint c = table->next_col; c < table->next_col + colspan; c++)
    g_return_if_fail (table->span_until[c] <= current_row (table));

  append_cell (table, text, colspan, rowspan, style->shaded, &style->text);
}

void
ud_grid_add_label (UdGrid    *table,
                    guint       colspan,
                    const char *text)
{
  UdCellStyle style = { 0 };

  g_return_if_fail (table != NULL);

  style.colspan = colspan;
  style.shaded = TRUE;
  style.text = label_style;
  ud_grid_add_cell (table, text, &style);
}

void
ud_grid_add_value (UdGrid    *table,
                    guint       colspan,
                    const char *text)
{
  UdCellStyle style = { 0 };

  g_return_if_fail (table != NULL);

  style.colspan = colspan;
  style.text = value_style;
  ud_grid_add_cell (table, text, &style);
}

guint
ud_grid_get_n_rows (UdGrid *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->rows->len;
}

void
ud_document_add_grid (UdDocument *document,
                      UdGrid     *grid)
{
  g_return_if_fail (UD_IS_DOCUMENT (document));
  g_return_if_fail (grid != NULL);

  _ud_document_lock ();
  grid_layout (grid, document);
  _ud_document_unlock ();
}
