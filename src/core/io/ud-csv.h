/* ud-csv.h — reading and writing CSV as Excel writes and reads it
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-io-error.h"

G_BEGIN_DECLS

typedef struct _UdCsvReader UdCsvReader;

UdCsvReader *ud_csv_reader_new              (const char         *utf8,
                                             gsize               len);
gboolean     ud_csv_reader_next             (UdCsvReader        *reader,
                                             GPtrArray         **fields,
                                             GError            **error);
guint        ud_csv_reader_get_record_line  (UdCsvReader        *reader);
char         ud_csv_reader_get_separator    (UdCsvReader        *reader);
void         ud_csv_reader_free             (UdCsvReader        *reader);

void         ud_csv_append_row              (GString            *out,
                                             const char * const *fields,
                                             gsize               n_fields);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdCsvReader, ud_csv_reader_free)

G_END_DECLS
