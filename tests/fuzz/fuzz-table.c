/* fuzz-table.c — libFuzzer target: a roster read as CSV or Excel
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built twice (tests/fuzz/meson.build): FUZZ_TABLE_NAME is the file name
 * the reader is given, which chooses the CSV reader (with its encoding
 * detection) or the xlsx reader (ZIP, XML, shared strings, styles).
 */

#include "config.h"

#include <stdint.h>

#include "ud-table.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(UdTable) table = NULL;
  g_autoptr(GError) error = NULL;

  table = ud_table_read_bytes (bytes, FUZZ_TABLE_NAME, &error);
  /* Either a table or a reason, never both, never neither. */
  if ((table == NULL) == (error == NULL))
    __builtin_trap ();
  for (guint i = 0; table != NULL && i < table->rows->len; i++)
    ud_table_get_line (table, i);

  return 0;
}
