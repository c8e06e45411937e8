/* ud-xlsx.h — reading and writing Excel workbooks (.xlsx)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-io-error.h"

G_BEGIN_DECLS

GPtrArray *ud_xlsx_read_first_sheet      (const char          *path,
                                          GError             **error);
GPtrArray *ud_xlsx_read_first_sheet_full (const char          *path,
                                          GHashTable         **inexact_numbers,
                                          GCancellable        *cancellable,
                                          GError             **error);
GPtrArray *ud_xlsx_read_bytes            (GBytes              *bytes,
                                          GHashTable         **inexact_numbers,
                                          GCancellable        *cancellable,
                                          GError             **error);
char      *ud_xlsx_date_from_serial      (double               serial,
                                          gboolean             date1904);

gboolean   ud_xlsx_write                 (const char          *path,
                                          const char * const  *header,
                                          GPtrArray           *rows,
                                          const char          *sheet_name,
                                          GError             **error);

G_END_DECLS
