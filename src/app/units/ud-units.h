/* ud-units.h — the Units section (基层工会)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-record-section.h"

G_BEGIN_DECLS

/* The register of grassroots unions: a UdRecordSection of the unit kind. */
GtkWidget *ud_units_section_new (UdDbWorker *worker);

G_END_DECLS
