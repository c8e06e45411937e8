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

/* The longest tone-less syllable ("zhuang"), in bytes. */
#define UD_PINYIN_SYLLABLE_MAX 6

const char *ud_pinyin_syllable (gunichar    c);
char       *ud_pinyin_full     (const char *utf8);
char       *ud_pinyin_initials (const char *utf8);
void        ud_pinyin_for_name (const char *name,
                                char      **full,
                                char      **initials);
GPtrArray  *ud_pinyin_name_syllables (const char  *name,
                                      char       **initials);

gboolean    ud_pinyin_syllable_range (const char *prefix,
                                      gsize       len,
                                      guint      *first,
                                      guint      *n);
const char *ud_pinyin_syllable_at    (guint       index);
guint       ud_pinyin_syllable_index (const char *syllable);

G_END_DECLS
