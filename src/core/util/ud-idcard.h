/* ud-idcard.h — resident ID numbers (GB 11643-1999)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-types.h"

G_BEGIN_DECLS

typedef struct
{
  char     number[19];  /* normalised: 18 characters, upper-case X */
  UdSex    sex;         /* from the sequence digit: odd male, even female */
  GDate    birth;       /* always a valid date */
  gboolean upgraded;    /* TRUE when a 15-digit number was upgraded */
} UdIdCard;

gboolean  ud_idcard_parse             (const char     *input,
                                       const GDate    *today,
                                       UdIdCard       *out,
                                       GError        **error);
gboolean  ud_idcard_check_consistent  (const UdIdCard *card,
                                       UdSex           sex,
                                       const GDate    *birth,
                                       GError        **error);
char     *ud_idcard_mask              (const char     *number);
char      ud_idcard_check_char        (const char     *first17);
gboolean  ud_idcard_province_known    (const char     *number);

G_END_DECLS
