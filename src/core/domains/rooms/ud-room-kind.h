/* ud-room-kind.h — what a mother-and-baby room, its inspections, deliveries and use are
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-kind.h"
#include "ud-room-standards.h"

G_BEGIN_DECLS

/* A room is re-inspected every 12 months (DOMAIN §5). */
#define UD_ROOM_INSPECTION_MONTHS 12

extern const UdKind ud_kind_room;             /* 母婴关爱室 */
extern const UdKind ud_kind_room_inspection;  /* 检查 */
extern const UdKind ud_kind_room_delivery;    /* 耗材配送 */
extern const UdKind ud_kind_room_use;         /* 月使用人次 */

/* The room's case as its fields say: its type, area, counts and
 * facilities, the keeper there when one is named, on its plaque's date,
 * else the day it opened.  FALSE when a field the rule reads is missing
 * or not valid (the record's own checks name it). */
gboolean  ud_room_case_from_record (const UdRecord *room,
                                    UdRoomCase     *c);
/* The room judged by the program's current standards
 * (ud_room_standards_get_current(); a date before them: the first
 * version).  FALSE when its case cannot be read. */
gboolean  ud_room_judge            (const UdRecord *room,
                                    UdRoomVerdict  *verdict);
/* Whether the level is a plaque or above (达标挂牌, 区级示范, 市级示范). */
gboolean  ud_room_level_has_plaque (const char     *level);

G_END_DECLS
