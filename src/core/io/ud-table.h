/* ud-table.h — one entry point to read a roster from CSV or Excel
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-io-error.h"
#include "ud-text-encoding.h"

G_BEGIN_DECLS

typedef enum
{
  UD_TABLE_FORMAT_CSV,
  UD_TABLE_FORMAT_XLSX,
} UdTableFormat;

/**
 * UdTable:
 * @format: what the file was
 * @encoding: the text encoding of a CSV file (UTF-8 for .xlsx)
 * @rows: (element-type GPtrArray): every non-empty row, each a #GPtrArray
 *   of strings; rows->pdata[0] is the header. Rows may differ in length.
 * @lines: (element-type guint): for each row, where the clerk finds it: the
 *   physical line of a CSV file where the record begins, or the Excel row
 *   number
 * @numeric_cells: (nullable): "ROW:COL" keys (0-based index into @rows and
 *   0-based column) of Excel cells that held numbers with more than 15
 *   digits, whose last digits Excel has likely lost; %NULL when there are
 *   none. Use ud_table_is_inexact_number().
 */
typedef struct
{
  UdTableFormat format;
  UdEncoding    encoding;
  GPtrArray    *rows;
  GArray       *lines;
  GHashTable   *numeric_cells;
} UdTable;

UdTable  *ud_table_read_file          (const char    *path,
                                       GCancellable  *cancellable,
                                       GError       **error);
UdTable  *ud_table_read_bytes         (GBytes        *bytes,
                                       const char    *name_hint,
                                       GError       **error);
void      ud_table_free               (UdTable       *table);
guint     ud_table_get_line           (const UdTable *table,
                                       guint          row);
gboolean  ud_table_is_inexact_number  (const UdTable *table,
                                       guint          row,
                                       guint          col);

gboolean  ud_table_write_csv          (const char    *path,
                                       GPtrArray     *rows,
                                       GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdTable, ud_table_free)

G_END_DECLS
