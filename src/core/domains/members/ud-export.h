/* ud-export.h — writing the member roll to CSV or Excel
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-database.h"
#include "ud-member-store.h"

G_BEGIN_DECLS

typedef void (*UdExportProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* Writes the members matched by @query (NULL = all) with the roster
 * header of DOMAIN §1; CSV (UTF-8 with BOM) or .xlsx by the file name's
 * extension.  Written to a temporary file and renamed, so a failure
 * leaves no half file.  Needs UD_PERMISSION_EXPORT_MEMBERS.  ID, phone
 * and card numbers are whole only when the actor holds
 * UD_PERMISSION_EXPORT_FULL_IDS (administrator, approver, or the CLI's
 * operating-system user), masked as in the lists otherwise — such a file
 * cannot be imported again.  The export is recorded in the audit log,
 * saying which it was.  Returns the number of members written, or -1 on
 * error. */
gint64   ud_export_members   (UdDatabase          *db,
                              const UdMemberQuery *query,
                              const char          *path,
                              UdExportProgressFunc progress,
                              gpointer             progress_data,
                              GCancellable        *cancellable,
                              GError             **error);

G_END_DECLS
