/* ud-rooms-domain.c — the mother-and-baby rooms register (母婴关爱室, DOMAIN §5)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-rooms-domain.h"
#include "ud-room-kind.h"

void
ud_rooms_register (void)
{
  /* A room names its host unit; its inspections, deliveries and use
   * name the room. */
  ud_kind_register (&ud_kind_room);
  ud_kind_register (&ud_kind_room_inspection);
  ud_kind_register (&ud_kind_room_delivery);
  ud_kind_register (&ud_kind_room_use);
}
