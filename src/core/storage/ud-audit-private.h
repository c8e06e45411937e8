/* ud-audit-private.h — the audit trail's hash chain (private to storage)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "ud-database.h"

G_BEGIN_DECLS

/* Registers ud_audit_hash (prev, id, at, actor, action, kind, uuid,
 * field, old_value, new_value, detail) on a connection: the SHA-256 (hex)
 * that chains an entry to the one before it; and ud_chain_hash (table,
 * prev, id, value…), the same for a row of a chained kind's table (the
 * workflow trail).  Every connection that may write an entry or run the
 * migrations has them. */
void      _ud_audit_register_sql   (sqlite3     *db);

/* Within ud_database_check(): the whole chain verified, and the rows of
 * every chained kind (UD_KIND_CHAINED), a sentence for each one's first
 * break (or for a trail that cannot be read) added to @problems. */
void      _ud_audit_chain_problems (UdDatabase  *db,
                                    GPtrArray   *problems);

/* On opening a database for writing: makes again the protective
 * triggers that were dropped (and removes any that UnionDesk did not
 * make), recording each in the trail, then verifies the entries added
 * since the last start.  What it found is logged as a warning and added
 * to @warnings. */
gboolean  _ud_audit_check_on_open  (UdDatabase  *db,
                                    GPtrArray   *warnings,
                                    GError     **error);

G_END_DECLS
