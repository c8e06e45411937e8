/* ud-pinyin-table.h — the generated pinyin table (package-private)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest tone-less syllable ("zhuang") plus its NUL. */
#define UD_PINYIN_SYLLABLE_WIDTH 7

/* One stretch of a CJK block: index[c - first] is the syllable of c,
 * 0 meaning no reading. Blocks are sorted and do not overlap. */
typedef struct
{
  gunichar       first;
  gunichar       last;
  const guint16 *index;
} UdPinyinBlock;

extern const char          _ud_pinyin_syllables[][UD_PINYIN_SYLLABLE_WIDTH];
extern const guint         _ud_pinyin_n_syllables;
extern const UdPinyinBlock _ud_pinyin_blocks[];
extern const guint         _ud_pinyin_n_blocks;

G_END_DECLS
