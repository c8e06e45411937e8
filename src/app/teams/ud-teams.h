/* ud-teams.h — the Teams section (劳模扶贫队)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-record-section.h"

G_BEGIN_DECLS

/* The register of model-worker poverty-relief teams: a UdRecordSection of
 * the team kind. */
GtkWidget *ud_teams_section_new (UdDbWorker *worker);

G_END_DECLS
