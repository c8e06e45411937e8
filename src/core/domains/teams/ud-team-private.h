/* ud-team-private.h — what the team kinds and the team store share
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-database.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* UdKindHooks.import_row of a team member: the member found on the roll
 * by the ID number, the team's member already here updated. */
gboolean    _ud_team_member_import_row   (UdDatabase   *db,
                                          UdRecord     *record,
                                          UdRecord    **existing,
                                          GPtrArray    *issues,
                                          GError      **error);
/* UdKindHooks.import_row of an activity: those who took part are the
 * team's members. */
gboolean    _ud_team_activity_import_row (UdDatabase   *db,
                                          UdRecord     *record,
                                          UdRecord    **existing,
                                          GPtrArray    *issues,
                                          GError      **error);

G_END_DECLS
