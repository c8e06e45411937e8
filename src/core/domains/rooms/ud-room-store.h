/* ud-room-store.h — finding rooms, their lines, and the inspections due
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-database.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* The live room with this uuid, plaque number or name; NULL with
 * UD_ROOM_ERROR_NOT_FOUND saying what to give. */
UdRecord   *ud_room_store_find     (UdDatabase     *db,
                                    const char     *key,
                                    GError        **error);
/* The live records of @kind (inspections, deliveries, use) that belong to
 * @room, by their sort field, the latest first when @latest_first. */
GPtrArray  *ud_room_store_lines    (UdDatabase     *db,
                                    const UdKind   *kind,
                                    const UdRecord *room,
                                    gboolean        latest_first,
                                    GError        **error);

typedef struct
{
  UdRecord *room;
  char     *last_inspected;  /* YYYY-MM-DD, "" when never inspected */
  char     *due;             /* 12 months after the last inspection, else after the
                              * plaque (else the opening) */
  gboolean  overdue;         /* due before @today */
} UdRoomDue;

void        ud_room_due_free       (UdRoomDue      *due);

/* Every live room with its next inspection's date (the order of @rooms,
 * or every room by name when @rooms is NULL). */
GPtrArray  *ud_room_store_schedule (UdDatabase     *db,
                                    GPtrArray      *rooms,
                                    const char     *today,
                                    GError        **error);
/* The rooms whose inspection is due by @today + @within_days (0: overdue
 * or due today), the longest overdue first.  UdRoomDue *. */
GPtrArray  *ud_room_store_due      (UdDatabase     *db,
                                    const char     *today,
                                    guint           within_days,
                                    GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdRoomDue, ud_room_due_free)

G_END_DECLS
