/* ud-audit-hash.h — the hash that chains an audit entry to the one before
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fields of an entry that its hash covers, in this order: at, actor,
 * action, kind, uuid, field, old_value, new_value, detail (NULL where the
 * entry has none). */
#define UD_AUDIT_HASHED_FIELDS 9

/* SHA-256 (64 lower-case hex digits) over the previous entry's hash (""
 * before the first), the entry's id and its fields, each value with its
 * length so that no two entries read alike and NULL is not "".  The
 * office's trail (ud-audit.c) and the city server's copy of it use the
 * same. */
char     *ud_audit_entry_hash       (const char         *prev,
                                     gint64              id,
                                     const char * const  fields[UD_AUDIT_HASHED_FIELDS]);

/* The same for a row of a table kept as a hash chain (the workflow
 * trail, UD_KIND_CHAINED): over @table, the previous row's hash, the
 * row's id and its @n_values values (NULL where it has none). */
char     *ud_chain_hash             (const char         *table,
                                     const char         *prev,
                                     gint64              id,
                                     const char * const *values,
                                     guint               n_values);

G_END_DECLS
