/* ud-illness-store-private.h — what the sync client needs of the application store
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-database.h"
#include "ud-illness-kind.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* An application by uuid, deleted ones included; NULL without an error
 * when there is none.  No permission check: the sync client's. */
UdRecord *_ud_illness_store_get_by_uuid      (UdDatabase  *db,
                                              const char  *uuid,
                                              GError     **error);
/* Within a transaction: another office's version of an application,
 * written as it is (no workflow checks, no new serial, no outbox entry),
 * over @existing or new, with sync_* audit entries. */
gboolean  _ud_illness_store_apply_remote     (UdDatabase  *db,
                                              UdRecord    *version,
                                              UdRecord    *existing,
                                              GError     **error);

/* A step of a trail by uuid (ud_kind_illness_step), or NULL. */
UdRecord *_ud_illness_step_get_by_uuid       (UdDatabase  *db,
                                              const char  *uuid,
                                              GError     **error);
/* Within a transaction: another office's step, added to the trail; a
 * step that is here already is left as it is (steps never change). */
gboolean  _ud_illness_step_apply_remote      (UdDatabase  *db,
                                              UdRecord    *version,
                                              UdRecord    *existing,
                                              GError     **error);

G_END_DECLS
