/* ud-record-item.h — one row of a list of records
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ud-record.h"

G_BEGIN_DECLS

#define UD_TYPE_RECORD_ITEM (ud_record_item_get_type ())
G_DECLARE_FINAL_TYPE (UdRecordItem, ud_record_item, UD, RECORD_ITEM, GObject)

UdRecordItem *ud_record_item_new        (gint64        id);
gint64        ud_record_item_get_id     (UdRecordItem *self);
/* NULL until the row's page has been read from the database. */
UdRecord     *ud_record_item_get_record (UdRecordItem *self);
gboolean      ud_record_item_get_loaded (UdRecordItem *self);
/* Sets the record (NULL: the record is gone) and notifies "loaded". */
void          ud_record_item_set_record (UdRecordItem *self,
                                         UdRecord     *record);
/* Notifies "loaded" again so that bound cells redraw. */
void          ud_record_item_refresh    (UdRecordItem *self);

G_END_DECLS
