/* ud-member-item.h — one row of the member list
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ud-record.h"

G_BEGIN_DECLS

#define UD_TYPE_MEMBER_ITEM (ud_member_item_get_type ())
G_DECLARE_FINAL_TYPE (UdMemberItem, ud_member_item, UD, MEMBER_ITEM, GObject)

UdMemberItem *ud_member_item_new        (gint64        id);
gint64        ud_member_item_get_id     (UdMemberItem *self);
/* NULL until the row's page has been read from the database. */
UdRecord     *ud_member_item_get_record (UdMemberItem *self);
gboolean      ud_member_item_get_loaded (UdMemberItem *self);
/* Sets the record (NULL: the member is gone) and notifies "loaded". */
void          ud_member_item_set_record (UdMemberItem *self,
                                         UdRecord     *record);
/* Notifies "loaded" again so that bound cells redraw. */
void          ud_member_item_refresh    (UdMemberItem *self);

G_END_DECLS
