/* ud-unit-store.h — the grassroots units: lists of them
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-database.h"
#include "ud-record.h"
#include "ud-unit-kind.h"

G_BEGIN_DECLS

/* Units are records of ud_kind_unit kept by the generic record store
 * (ud-record-store.h): saving, deleting, lists, import and export are
 * its functions.  Members name their unit; a name not known yet makes a
 * new unit. */

/* Every live unit by name, for the unit filter and the editor's unit
 * field.  Needs UD_PERMISSION_VIEW_MEMBERS. */
GPtrArray  *ud_unit_store_list          (UdDatabase   *db,
                                         GError      **error);

G_END_DECLS
