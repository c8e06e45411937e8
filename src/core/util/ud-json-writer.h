/* ud-json-writer.h — JSON text written directly into a GString
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Records, sync batches, server answers and audit details are written as
 * JSON text straight into a string: an import writes a hundred thousand
 * records, and a builder and generator per record shows in its profile.
 * These are the one place where a JSON string is escaped.  @text must be
 * valid UTF-8 (every value reaching here has been checked). */

/* "text", quotes included: ", \ and control characters escaped. */
void  ud_json_append_string  (GString    *out,
                              const char *text);
/* "name": — a member name and its colon, after a comma unless @out ends
 * with { or [. */
void  ud_json_append_member  (GString    *out,
                              const char *name);
/* A string, or null when @text is NULL. */
void  ud_json_append_string_or_null (GString    *out,
                                     const char *text);

G_END_DECLS
