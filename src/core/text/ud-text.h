/* ud-text.h — Han characters and the short-query grams of the search index
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean   ud_text_is_han      (gunichar    c);
char     **ud_text_short_grams (const char *text);

G_END_DECLS
