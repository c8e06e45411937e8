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

/* SQL: the birth date an 18-character ID number @id (an SQL expression,
 * as a string literal) holds, "1958-01-01", or '' — the date a member's
 * validation derives from a valid number. */
#define UD_IDCARD_BIRTH_DATE_SQL(id) \
  "CASE WHEN length (" id ") = 18 THEN substr (" id ", 7, 4) || '-' || substr (" id ", 11, 2)" \
  " || '-' || substr (" id ", 13, 2) ELSE '' END"

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
