/* ud-idcard.c — resident ID numbers (GB 11643-1999)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-idcard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ud-idcard.h"
#include "ud-validate.h"

static const guint idcard_weights[17] = {
  7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
};

/* Only the province is checked: old numbers keep address codes that have
 * since been retired (110228, the old Miyun county), so a full table
 * would turn away real people. 71/81/82 are Taiwan, Hong Kong and Macao,
 * 83 the residence permits for Taiwan compatriots, 91 the permanent
 * residence cards of foreigners. */
static const guint8 province_codes[] = {
  11, 12, 13, 14, 15,
  21, 22, 23,
  31, 32, 33, 34, 35, 36, 37,
  41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54,
  61, 62, 63, 64, 65,
  71, 81, 82, 83, 91,
};

static guint
digits_value (const char *p,
              guint       n)
{
  guint v = 0;
  guint i;

  for (i = 0; i < n; i++)
    v = v * 10 + (guint) (p[i] - '0');

  return v;
}

/**
 * ud_idcard_check_char:
 * @first17: at least the first 17 characters of an 18-character number
 *
 * Returns: the check character ('0'–'9' or 'X') for @first17, or '\0' if
 *   one of its first 17 characters is not a digit
 */
char
ud_idcard_check_char (const char *first17)
{
  guint sum = 0;
  guint i;

  g_return_val_if_fail (first17 != NULL, '\0');

  for (i = 0; i < 17; i++)
    {
      if (!g_ascii_isdigit (first17[i]))
        return '\0';
      sum += (guint) (first17[i] - '0') * idcard_weights[i];
    }

  return "10X98765432"[sum % 11];
}

/**
 * ud_idcard_province_known:
 * @number: an ID number, or at least its first two digits
 *
 * Returns: %TRUE if the first two digits are a province code
 */
gboolean
ud_idcard_province_known (const char *number)
{
  guint code;
  gsize i;

  g_return_val_if_fail (number != NULL, FALSE);

  if (!g_ascii_isdigit (number[0]) || !g_ascii_isdigit (number[1]))
    return FALSE;

  code = digits_value (number, 2);
  for (i = 0; i < G_N_ELEMENTS (province_codes); i++)
    if (province_codes[i] == code)
      return TRUE;

  return FALSE;
}

/**
 * ud_idcard_parse:
 * @input: (nullable): the number as typed; %NULL counts as empty
 * @today: (nullable): the date a birth date may not be after; %NULL for
 *   today in local time
 * @out: (out caller-allocates) (optional): the normalised number with the
 *   derived sex and birth date
 * @error: return location for a #UD_VALIDATE_ERROR
 *
 * Checks a resident ID number: spaces are ignored and a lower-case x is
 * accepted. An old 15-digit number is upgraded to 18 characters ("19" is
 * inserted before the year and the check character computed) and
 * @out->upgraded is set, so the caller can warn.
 *
 * Returns: %TRUE if the number is acceptable
 */
gboolean
ud_idcard_parse (const char   *input,
                 const GDate  *today,
                 UdIdCard     *out,
                 GError      **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *owned = NULL;
  const char *text;
  char here[32];
  char number[19];
  GDate now;
  GDate birth;
  gboolean upgraded = FALSE;
  guint year;
  guint month;
  guint day;
  gsize len;
  gsize i;
  char check;

  g_return_val_if_fail (today == NULL || g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Spaces dropped, upper case: for a short ASCII number (most of them)
   * on the stack, as folding would leave it unchanged. */
  len = 0;
  for (i = 0; input != NULL && input[i] != '\0'; i++)
    {
      if ((guchar) input[i] >= 0x80 || len == sizeof here - 1)
        break;
      if (!g_ascii_isspace (input[i]))
        here[len++] = g_ascii_toupper (input[i]);
    }
  if (input == NULL || input[i] == '\0')
    {
      here[len] = '\0';
      text = here;
    }
  else
    {
      GString *compact = g_string_new (NULL);

      folded = ud_fold_fullwidth (input);
      for (i = 0; folded[i] != '\0'; i++)
        if (!g_ascii_isspace (folded[i]))
          g_string_append_c (compact, g_ascii_toupper (folded[i]));
      text = owned = g_string_free (compact, FALSE);
    }
  len = strlen (text);

  if (len == 0)
    {
      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_REQUIRED,
                           _("must be filled in"));
      return FALSE;
    }

  for (i = 0; i < len; i++)
    {
      if (g_ascii_isdigit (text[i]) || (text[i] == 'X' && i == len - 1 && len == 18))
        continue;

      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FORMAT,
                           _("may contain only digits and, as the last character, an X"));
      return FALSE;
    }

  if (len != 18 && len != 15)
    {
      g_set_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_LENGTH,
                   _("must be 18 characters long (or 15 digits for an old number), not %u"),
                   (guint) len);
      return FALSE;
    }

  if (!ud_idcard_province_known (text))
    {
      g_set_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_PROVINCE,
                   /* Translators: %.2s is the first two digits of the ID number */
                   _("starts with %.2s, which is not the code of a province"),
                   text);
      return FALSE;
    }

  if (len == 15)
    {
      /* Old numbers: 6-digit address, YYMMDD of a 20th-century birth, 3-digit
       * sequence, no check character. */
      memcpy (number, text, 6);
      memcpy (number + 6, "19", 2);
      memcpy (number + 8, text + 6, 9);
      number[17] = ud_idcard_check_char (number);
      upgraded = TRUE;
    }
  else
    {
      memcpy (number, text, 18);
    }
  number[18] = '\0';

  year = digits_value (number + 6, 4);
  month = digits_value (number + 10, 2);
  day = digits_value (number + 12, 2);

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_DATE,
                   _("birth date %04u-%02u-%02u does not exist"),
                   year, month, day);
      return FALSE;
    }

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  if (today == NULL)
    {
      ud_date_today (&now);
      today = &now;
    }

  if (g_date_compare (&birth, today) > 0)
    {
      g_set_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FUTURE,
                   _("birth date %04u-%02u-%02u is in the future"),
                   year, month, day);
      return FALSE;
    }

  check = ud_idcard_check_char (number);
  if (number[17] != check)
    {
      g_set_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_CHECKSUM,
                   /* Translators: the last character of an ID number, computed from the
                    * others; the first %c is the right one, the second the one typed */
                   _("the check character should be %c, not %c"),
                   check, number[17]);
      return FALSE;
    }

  if (out != NULL)
    {
      memcpy (out->number, number, sizeof out->number);
      out->sex = (number[16] - '0') % 2 == 1 ? UD_SEX_MALE : UD_SEX_FEMALE;
      out->birth = birth;
      out->upgraded = upgraded;
    }

  return TRUE;
}

/**
 * ud_idcard_check_consistent:
 * @card: a parsed ID number
 * @sex: the sex entered separately, or %UD_SEX_UNKNOWN not to check it
 * @birth: (nullable): the birth date entered separately, or %NULL not to
 *   check it
 * @error: return location for a #UD_VALIDATE_ERROR
 *
 * Sex and birth date are derived from the ID number; a value typed
 * elsewhere (a CSV column, an older record) that disagrees is an error,
 * reported against the typed field.
 *
 * Returns: %TRUE if the typed values agree with the ID number
 */
gboolean
ud_idcard_check_consistent (const UdIdCard  *card,
                            UdSex            sex,
                            const GDate     *birth,
                            GError         **error)
{
  g_return_val_if_fail (card != NULL, FALSE);
  g_return_val_if_fail (birth == NULL || g_date_valid (birth), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sex != UD_SEX_UNKNOWN && sex != card->sex)
    {
      if (card->sex == UD_SEX_MALE)
        g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_MISMATCH,
                             _("does not match the ID number, which belongs to a man"));
      else
        g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_MISMATCH,
                             _("does not match the ID number, which belongs to a woman"));
      return FALSE;
    }

  if (birth != NULL && g_date_compare (birth, &card->birth) != 0)
    {
      g_set_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_MISMATCH,
                   _("does not match the birth date %04u-%02u-%02u in the ID number"),
                   (guint) g_date_get_year (&card->birth),
                   (guint) g_date_get_month (&card->birth),
                   (guint) g_date_get_day (&card->birth));
      return FALSE;
    }

  return TRUE;
}

/**
 * ud_idcard_mask:
 * @number: an ID number
 *
 * Returns: (transfer full): the first 6 and last 4 characters with stars
 *   between, e.g. "110118********1234"
 */
char *
ud_idcard_mask (const char *number)
{
  gsize len;
  char *out;

  g_return_val_if_fail (number != NULL, NULL);

  len = strlen (number);
  out = g_strdup (number);

  if (len <= 10)
    memset (out, '*', len);
  else
    memset (out + 6, '*', len - 10);

  return out;
}
