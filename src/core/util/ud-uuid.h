/* ud-uuid.h — time-ordered record identifiers (RFC 9562 UUIDv7)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UD_UUID_STRING_LENGTH 36

void      ud_uuid_v7_generate      (char        out[37]);
char     *ud_uuid_v7_new           (void);
gboolean  ud_uuid_is_valid         (const char *text);
gint64    ud_uuid_v7_get_time_ms   (const char *text);
char     *ud_uuid_v5_new           (const char *namespace_uuid,
                                    const char *name);

G_END_DECLS
