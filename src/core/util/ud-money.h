/* ud-money.h — amounts in fen: parsing, display and Chinese capitals
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-types.h"

G_BEGIN_DECLS

gboolean  ud_money_parse         (const char  *text,
                                  UdFen       *fen,
                                  GError     **error);
char     *ud_money_format        (UdFen        fen);
char     *ud_money_format_plain  (UdFen        fen);
char     *ud_money_format_wan    (UdFen        fen);

/* Not money, but shown like it: "1,234,567". */
char     *ud_format_thousands    (gint64       n);
char     *ud_money_capitals      (UdFen        fen);

G_END_DECLS
