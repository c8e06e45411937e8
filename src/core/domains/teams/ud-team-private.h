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

/* UdKindHooks.deleted of a household: refused while it has aid
 * payments, which stay with it. */
gboolean    _ud_household_deleted        (UdDatabase     *db,
                                          const UdRecord *before,
                                          const UdRecord *household,
                                          GError        **error);

/* UdKindHooks.deleted of a team: refused while its households have aid
 * payments; otherwise its members, households, activities and projects
 * are deleted with it, and brought back with it (those whose trail ends
 * with their deletion together with the team). */
gboolean    _ud_team_deleted             (UdDatabase     *db,
                                          const UdRecord *before,
                                          const UdRecord *team,
                                          GError        **error);

G_END_DECLS
