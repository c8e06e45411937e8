/* ud-trail-view.h — the workflow trail of a record, for any kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-kind.h"

G_BEGIN_DECLS

/* A preferences group titled “Trail”: one row per step of the record's
 * trail (ud_trail_list(), read on the worker), oldest first — what was
 * done, by whom (the account's name), when it was typed, the opinion,
 * and who signed it on paper on which date.  It reads again on the
 * worker's "records-changed" for the kind, and hides itself while the
 * trail is empty. */

#define UD_TYPE_TRAIL_VIEW (ud_trail_view_get_type ())
G_DECLARE_FINAL_TYPE (UdTrailView, ud_trail_view, UD, TRAIL_VIEW, AdwPreferencesGroup)

UdTrailView *ud_trail_view_new         (void);
void         ud_trail_view_set_worker  (UdTrailView  *self,
                                        UdDbWorker   *worker);
/* Reads the trail of @kind's record @uuid (NULL: shows none). */
void         ud_trail_view_set_record  (UdTrailView  *self,
                                        const UdKind *kind,
                                        const char   *uuid);
gboolean     ud_trail_view_get_loaded  (UdTrailView  *self);
guint        ud_trail_view_get_n_steps (UdTrailView  *self);

G_END_DECLS
