/* ud-text-private.h — helpers shared by the text area
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A letter or digit typed on a Chinese IME may be full-width (ＡＢＣ１２３);
 * search treats it as its ASCII form. Returns the lower-case ASCII letter or
 * digit, or 0 when c is neither. */
static inline char
_ud_text_fold_alnum (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)
    c -= 0xFEE0;

  if (c >= 'A' && c <= 'Z')
    return (char) (c - 'A' + 'a');
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
    return (char) c;

  return 0;
}

G_END_DECLS
