/* ud-pinyin.h — pinyin of Chinese text and names, for search as you type
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-text.h"

G_BEGIN_DECLS

const char *ud_pinyin_syllable (gunichar    c);
char       *ud_pinyin_full     (const char *utf8);
char       *ud_pinyin_initials (const char *utf8);
void        ud_pinyin_for_name (const char *name,
                                char      **full,
                                char      **initials);

G_END_DECLS
