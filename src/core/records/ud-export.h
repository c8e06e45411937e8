/* ud-export.h — writing records of any kind to a roster in CSV or Excel
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-database.h"
#include "ud-kind.h"
#include "ud-record-store.h"

G_BEGIN_DECLS

typedef void (*UdExportProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* Writes the records of @kind (a UD_KIND_ROSTER) with row ids @ids, in
 * that order (NULL: every live one), with the roster header offices use
 * (the fields' CSV headers; choices as they write them); CSV (UTF-8 with
 * BOM) or .xlsx by the file name's extension.  Written to a temporary
 * file and renamed, so a failure leaves no half file.  Needs the kind's
 * export permission.  ID, phone and card numbers are whole only when a
 * signed-in account holds UD_PERMISSION_EXPORT_FULL_IDS (administrator,
 * approver), masked as in the lists otherwise — for the CLI's
 * operating-system user too, who is no person with that right — and such
 * a file cannot be imported again.  The export is recorded in the
 * audit log, saying which it was.  Returns the number of records
 * written, or -1 on error. */
gint64   ud_export_records   (UdDatabase          *db,
                              const UdKind        *kind,
                              GArray              *ids,
                              const char          *path,
                              UdExportProgressFunc progress,
                              gpointer             progress_data,
                              GCancellable        *cancellable,
                              GError             **error);

/* A list as shown — @query's records of any kind, with its filters,
 * search and order (its cursor and limit ignored: the whole list) — in
 * the same way: a roster kind with its roster columns (needs its export
 * permission), another kind with its list columns in the reader's
 * language (needs its view permission); identifiers masked unless the
 * account may export them whole.  The audit entry names the file, the
 * count, whether it was masked, the list's filters and search; if it
 * cannot be written, the file is removed.  Returns the number of records
 * written, or -1 on error. */
gint64   ud_export_list      (UdDatabase          *db,
                              const UdRecordQuery *query,
                              const char          *path,
                              UdExportProgressFunc progress,
                              gpointer             progress_data,
                              GCancellable        *cancellable,
                              GError             **error);

G_END_DECLS
