/* ud-hlc.h — hybrid logical clock with a sortable text form
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UD_HLC_ERROR (ud_hlc_error_quark ())

typedef enum
{
  UD_HLC_ERROR_INVALID,
  UD_HLC_ERROR_DRIFT,
} UdHlcError;

/* "0193f7a2c1b3-0000-a1b2c3d4": 12 hex digits of Unix milliseconds, 4 hex
 * digits of counter, node id of 1–16 characters [0-9a-z]. */
#define UD_HLC_MAX_COUNTER     0xffff
#define UD_HLC_MAX_WALL_MS     G_GINT64_CONSTANT (0xffffffffffff)
#define UD_HLC_MAX_NODE_LENGTH 16

typedef struct _UdHlcClock UdHlcClock;

GQuark      ud_hlc_error_quark          (void);

UdHlcClock *ud_hlc_clock_new            (const char  *node,
                                         const char  *last_hlc);
void        ud_hlc_clock_free           (UdHlcClock  *clock);
void        ud_hlc_clock_set_max_drift  (UdHlcClock  *clock,
                                         gint64       max_drift_ms);
char       *ud_hlc_clock_tick           (UdHlcClock  *clock);
char       *ud_hlc_clock_tick_at        (UdHlcClock  *clock,
                                         gint64       now_ms);
gboolean    ud_hlc_clock_observe        (UdHlcClock  *clock,
                                         const char  *remote,
                                         GError     **error);
gboolean    ud_hlc_clock_observe_at     (UdHlcClock  *clock,
                                         const char  *remote,
                                         gint64       now_ms,
                                         GError     **error);
char       *ud_hlc_clock_peek           (UdHlcClock  *clock);

gboolean    ud_hlc_parse                (const char  *text,
                                         gint64      *wall_ms,
                                         guint       *counter,
                                         char       **node);
gboolean    ud_hlc_node_is_valid        (const char  *node);
char       *ud_hlc_format               (gint64       wall_ms,
                                         guint        counter,
                                         const char  *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdHlcClock, ud_hlc_clock_free)

G_END_DECLS
