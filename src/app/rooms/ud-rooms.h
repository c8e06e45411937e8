/* ud-rooms.h — the Mother-and-Baby Rooms section (母婴关爱室)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-record-section.h"

G_BEGIN_DECLS

/* The register of mother-and-baby rooms: a UdRecordSection of the room
 * kind, its form checked against the standards as typed. */
GtkWidget *ud_rooms_section_new (UdDbWorker *worker);

G_END_DECLS
