/* ud-text.h — Han characters and the the folded form that search compares
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean   ud_text_is_han      (gunichar    c);
char      *ud_text_fold        (const char *text);

G_END_DECLS
