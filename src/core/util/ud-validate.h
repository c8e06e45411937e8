/* ud-validate.h — field validation shared by the editors, import and sync
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-types.h"

G_BEGIN_DECLS

#define UD_VALIDATE_ERROR (ud_validate_error_quark ())

/* Messages never name the field: the caller prefixes the field label. */
typedef enum
{
  UD_VALIDATE_ERROR_REQUIRED,
  UD_VALIDATE_ERROR_FORMAT,
  UD_VALIDATE_ERROR_LENGTH,
  UD_VALIDATE_ERROR_CHECKSUM,
  UD_VALIDATE_ERROR_DATE,
  UD_VALIDATE_ERROR_FUTURE,
  UD_VALIDATE_ERROR_PROVINCE,
  UD_VALIDATE_ERROR_MISMATCH,
  UD_VALIDATE_ERROR_RANGE,
} UdValidateError;

GQuark    ud_validate_error_quark         (void);

char     *ud_fold_fullwidth               (const char  *text);

/* Whether @c is blank: white space of any script (U+3000, which Chinese
 * input methods type, U+00A0 …) or a character that shows nothing
 * (U+200B and the other zero-width and format characters). */
gboolean  ud_unichar_is_blank             (gunichar     c);
/* A copy of @text without the blanks at its two ends. */
char     *ud_text_strip                   (const char  *text);
/* The one test of every required text: NULL, "", or only blanks. */
gboolean  ud_text_is_blank                (const char  *text);

gboolean  ud_validate_card_number         (const char  *input,
                                           char       **normalized,
                                           gboolean    *luhn_ok,
                                           GError     **error);
char     *ud_mask_card                    (const char  *number);

gboolean  ud_validate_phone               (const char  *input,
                                           char       **normalized,
                                           GError     **error);
char     *ud_mask_phone                   (const char  *phone);

gboolean  ud_validate_credit_code         (const char  *input,
                                           char       **normalized,
                                           GError     **error);
char      ud_credit_code_check_char       (const char  *first17);

gboolean  ud_date_parse                   (const char  *input,
                                           GDate       *out,
                                           GError     **error);
char     *ud_date_to_iso                  (const GDate *date);
/* Today in the local time zone (cheap: looked up once a minute). */
void      ud_date_today                   (GDate       *date);

/* A decimal number such as an area in m²: "9.5", "10", "12.25", with at
 * most two decimals and an optional unit after it (m², ㎡, m2, 平方米);
 * full-width digits are read.  *@hundredths is the value × 100 (a minus
 * sign is read: the caller decides whether a negative number makes
 * sense).  At most 9,999,999.99. */
gboolean  ud_decimal_parse                (const char  *text,
                                           gint64      *hundredths,
                                           GError     **error);
/* The shortest form of a decimal in hundredths: 950 → "9.5", 1000 → "10". */
char     *ud_decimal_format               (gint64       hundredths);

gboolean  ud_luhn_ok                      (const char  *digits);
char      ud_luhn_check_digit             (const char  *payload);

G_END_DECLS
