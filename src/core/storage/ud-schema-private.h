/* ud-schema-private.h — the schema a database must have (private)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* An in-memory database that the migrations took to schema @version:
 * what a database of that version must hold, not a list kept by hand.
 * Built once per version and kept; do not close it. */
sqlite3  *_ud_schema_reference  (guint       version,
                                 GError    **error);

/* Compares the tables, columns, indexes, triggers and views of @db with
 * the reference of @version and adds a sentence for each difference to
 * @problems ("the table “member” is missing").  FALSE only when the
 * comparison itself cannot be made. */
gboolean  _ud_schema_compare    (sqlite3    *db,
                                 guint       version,
                                 GPtrArray  *problems,
                                 GError    **error);

/* Within a transaction: makes the triggers of @db those of the reference
 * of @version again — triggers dropped or changed are made again as the
 * migrations made them, triggers they did not make are removed — and
 * adds a sentence for each to @done. */
gboolean  _ud_schema_repair_triggers (sqlite3   *db,
                                      guint      version,
                                      GPtrArray *done,
                                      GError   **error);

G_END_DECLS
