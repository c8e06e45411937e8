/* ud-relief-item.h — one relief application in the list
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ud-record.h"

G_BEGIN_DECLS

#define UD_TYPE_RELIEF_ITEM (ud_relief_item_get_type ())
G_DECLARE_FINAL_TYPE (UdReliefItem, ud_relief_item, UD, RELIEF_ITEM, GObject)

/* Holds a reference on @application (an illness_application record). */
UdReliefItem   *ud_relief_item_new        (UdRecord     *application);
UdRecord       *ud_relief_item_get_record (UdReliefItem *self);

G_END_DECLS
