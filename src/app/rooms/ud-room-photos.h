/* ud-room-photos.h — a room's photos in its editor: thumbnails, adding, a larger view
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-record-editor.h"

G_BEGIN_DECLS

/* The room's editor has read @room: its Photos group (ud-room-form.ui:
 * photos_group, photos_add_button, photos_flow, the hidden photos_row the
 * binder reads) shows the photos of a stored room as thumbnails, decoded
 * on a worker thread; "Add Photos…" copies the chosen pictures beside
 * the database off the main thread and adds them to the room's field,
 * saved with the room.  Called on every load; sets itself up once. */
void ud_room_photos_loaded (UdRecordEditor *editor,
                            UdDbWorker     *worker,
                            UdRecord       *room);

G_END_DECLS
