/* ud-validate.c — field validation shared by the editors, import and sync
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-validate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ud-validate.h"

/* GB 32100-2015: 31 characters, I O Z S V left out so they are not
 * mistaken for 1 0 2 5 U. A character's value is its index. */
static const char credit_code_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const guint credit_code_weights[17] = {
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};

G_DEFINE_QUARK (ud-validate-error-quark, ud_validate_error)

static gboolean
all_digits (const char *text)
{
  const char *p;

  g_assert (text != NULL);

  for (p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

/* Full-width folding, then every ASCII space and dash removed: the way
 * clerks type card and phone numbers in groups ("6222 0212 …"). */
static char *
strip_separators (const char *input)
{
  g_autofree char *folded = NULL;
  GString *out;
  const char *p;

  /* Most numbers come as plain ASCII without a separator: nothing to
   * fold or drop. */
  for (p = input != NULL ? input : ""; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || g_ascii_isspace (*p) || *p == '-')
      break;
  if (*p == '\0')
    return g_strdup (input != NULL ? input : "");

  folded = ud_fold_fullwidth (input != NULL ? input : "");
  out = g_string_sized_new (strlen (folded));

  for (p = folded; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == '-')
        continue;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Keeps the first @head and last @tail characters of an ASCII string and
 * replaces the rest with '*'. Too short to keep anything: all stars. */
static char *
mask_middle (const char *text,
             gsize       head,
             gsize       tail)
{
  gsize len;
  char *out;

  g_assert (text != NULL);

  len = strlen (text);
  out = g_strdup (text);

  if (len <= head + tail)
    {
      memset (out, '*', len);
      return out;
    }

  memset (out + head, '*', len - head - tail);
  return out;
}

static int
credit_code_value (char c)
{
  const char *hit;

  if (c == '\0')
    return -1;

  hit = strchr (credit_code_alphabet, g_ascii_toupper (c));
  if (hit == NULL)
    return -1;

  return (int) (hit - credit_code_alphabet);
}

/* Reads 1 to @max_digits ASCII digits at *p; advances *p. */
static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             guint       *value)
{
  guint n = 0;
  guint v = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      v = v * 10 + (guint) (**p - '0');
      (*p)++;
      n++;
    }

  if (n < min_digits || g_ascii_isdigit (**p))
    return FALSE;

  *value = v;
  return TRUE;
}

static gboolean
skip_literal (const char **p,
              const char  *literal)
{
  gsize len = strlen (literal);

  if (strncmp (*p, literal, len) != 0)
    return FALSE;

  *p += len;
  return TRUE;
}

static void
skip_spaces (const char **p)
{
  while (g_ascii_isspace (**p))
    (*p)++;
}

/**
 * ud_fold_fullwidth:
 * @text: UTF-8 text
 *
 * Maps the full-width forms a Chinese input method produces (U+FF01–U+FF5E,
 * e.g. "１３８", "－", "．") to their ASCII counterparts and the ideographic
 * space U+3000 to an ASCII space. Invalid UTF-8 is repaired first.
 *
 * Returns: (transfer full): the folded text
 */
gboolean
ud_unichar_is_blank (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACE_SEPARATOR:   /* U+0020, U+00A0, U+3000, U+2000–U+200A … */
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_FORMAT:            /* U+200B–U+200F, U+2060, U+FEFF, U+180E … */
      return TRUE;
    case G_UNICODE_CONTROL:
      return g_unichar_isspace (c);
    default:
      /* Fillers that show nothing though Unicode calls them letters. */
      return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0;
    }
}

char *
ud_text_strip (const char *text)
{
  const char *start;
  const char *end;

  if (text == NULL)
    return g_strdup ("");

  start = text;
  while (*start != '\0' && ud_unichar_is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!ud_unichar_is_blank (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

gboolean
ud_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!ud_unichar_is_blank (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

char *
ud_fold_fullwidth (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  /* Full-width forms (U+FF01–FF5E) and the ideographic space (U+3000)
   * are the only characters changed: text without their lead bytes is
   * copied as it is. */
  if (strstr (text, "\xef\xbc") == NULL && strstr (text, "\xef\xbd") == NULL &&
      strstr (text, "\xe3\x80\x80") == NULL && g_utf8_validate (text, -1, NULL))
    return g_strdup (text);

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)
        g_string_append_c (out, (char) (c - 0xFEE0));
      else if (c == 0x3000)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * ud_luhn_ok:
 * @digits: ASCII digits, check digit last
 *
 * Returns: %TRUE if @digits is at least two digits and passes the Luhn
 *   (mod 10) check; %FALSE for anything else
 */
gboolean
ud_luhn_ok (const char *digits)
{
  gsize len;
  guint sum = 0;
  gsize i;

  g_return_val_if_fail (digits != NULL, FALSE);

  len = strlen (digits);
  if (len < 2 || !all_digits (digits))
    return FALSE;

  for (i = 0; i < len; i++)
    {
      guint d = (guint) (digits[len - 1 - i] - '0');

      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }

  return sum % 10 == 0;
}

/**
 * ud_luhn_check_digit:
 * @payload: ASCII digits without the check digit
 *
 * Returns: the Luhn check digit to append to @payload, or '\0' if @payload
 *   is empty or not all digits
 */
char
ud_luhn_check_digit (const char *payload)
{
  gsize len;
  guint sum = 0;
  gsize i;

  g_return_val_if_fail (payload != NULL, '\0');

  len = strlen (payload);
  if (len == 0 || !all_digits (payload))
    return '\0';

  /* The rightmost payload digit is doubled once the check digit follows. */
  for (i = 0; i < len; i++)
    {
      guint d = (guint) (payload[len - 1 - i] - '0');

      if (i % 2 == 0)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }

  return (char) ('0' + (10 - sum % 10) % 10);
}

/**
 * ud_validate_card_number:
 * @input: (nullable): the card number as typed; %NULL counts as empty
 * @normalized: (out) (optional): the digits only
 * @luhn_ok: (out) (optional): whether the Luhn check passes
 * @error: return location for a #UD_VALIDATE_ERROR
 *
 * Checks a mutual-aid service card number (京卡·互助服务卡): 16 to 19 digits
 * starting with 62, spaces and dashes ignored. A failed Luhn check is not
 * an error because some real cards fail it; the caller shows a warning.
 *
 * Returns: %TRUE if the number is acceptable
 */
gboolean
ud_validate_card_number (const char  *input,
                         char       **normalized,
                         gboolean    *luhn_ok,
                         GError     **error)
{
  g_autofree char *digits = NULL;
  gsize len;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (normalized != NULL)
    *normalized = NULL;

  digits = strip_separators (input);
  len = strlen (digits);

  if (len == 0)
    {
      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_REQUIRED,
                           _("must be filled in"));
      return FALSE;
    }

  if (!all_digits (digits))
    {
      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FORMAT,
                           _("may contain only digits, spaces and dashes"));
      return FALSE;
    }

  if (len < 16 || len > 19)
    {
      g_set_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_LENGTH,
                   _("must be 16 to 19 digits long, not %u"), (guint) len);
      return FALSE;
    }

  if (!g_str_has_prefix (digits, "62"))
    {
      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FORMAT,
                           _("must start with 62, like every UnionPay card"));
      return FALSE;
    }

  if (luhn_ok != NULL)
    *luhn_ok = ud_luhn_ok (digits);
  if (normalized != NULL)
    *normalized = g_steal_pointer (&digits);

  return TRUE;
}

/**
 * ud_mask_card:
 * @number: a card number
 *
 * Returns: (transfer full): the first 6 and last 4 digits with stars
 *   between, e.g. "622202******1234"
 */
char *
ud_mask_card (const char *number)
{
  g_return_val_if_fail (number != NULL, NULL);

  return mask_middle (number, 6, 4);
}

/**
 * ud_validate_phone:
 * @input: (nullable): the mobile number as typed; %NULL counts as empty
 * @normalized: (out) (optional): the 11 digits
 * @error: return location for a #UD_VALIDATE_ERROR
 *
 * Checks a mainland mobile number: 11 digits starting with 1. Spaces,
 * dashes and a +86, 0086 or 86 country prefix are removed.
 *
 * Returns: %TRUE if the number is acceptable
 */
gboolean
ud_validate_phone (const char  *input,
                   char       **normalized,
                   GError     **error)
{
  g_autofree char *digits = NULL;
  const char *p;
  gsize len;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (normalized != NULL)
    *normalized = NULL;

  digits = strip_separators (input);

  if (digits[0] == '\0')
    {
      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_REQUIRED,
                           _("must be filled in"));
      return FALSE;
    }

  p = digits;
  if (g_str_has_prefix (p, "+86"))
    p += 3;
  else if (g_str_has_prefix (p, "0086"))
    p += 4;
  else if (strlen (p) == 13 && g_str_has_prefix (p, "861"))
    p += 2;

  /* Landlines with brackets around the area code end up here too. */
  if (!all_digits (p))
    {
      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FORMAT,
                           _("must be 11 digits starting with 1"));
      return FALSE;
    }

  len = strlen (p);
  if (len != 11)
    {
      g_set_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_LENGTH,
                   _("must be 11 digits starting with 1, not %u digits"),
                   (guint) len);
      return FALSE;
    }

  if (p[0] != '1')
    {
      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FORMAT,
                           _("must be 11 digits starting with 1"));
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = g_strdup (p);

  return TRUE;
}

/**
 * ud_mask_phone:
 * @phone: a phone number
 *
 * Returns: (transfer full): the first 3 and last 4 digits with stars
 *   between, e.g. "138****5678"
 */
char *
ud_mask_phone (const char *phone)
{
  g_return_val_if_fail (phone != NULL, NULL);

  return mask_middle (phone, 3, 4);
}

/**
 * ud_credit_code_check_char:
 * @first17: at least the first 17 characters of a unified social credit
 *   code, either case
 *
 * Returns: the check character (GB 32100-2015) for @first17, or '\0' if
 *   one of its first 17 characters is not allowed in a credit code
 */
char
ud_credit_code_check_char (const char *first17)
{
  guint sum = 0;
  guint i;
  guint check;

  g_return_val_if_fail (first17 != NULL, '\0');

  for (i = 0; i < 17; i++)
    {
      int v = credit_code_value (first17[i]);

      if (v < 0)
        return '\0';
      sum += (guint) v * credit_code_weights[i];
    }

  check = (31 - sum % 31) % 31;
  return credit_code_alphabet[check];
}

/**
 * ud_validate_credit_code:
 * @input: (nullable): the code as typed; %NULL counts as empty
 * @normalized: (out) (optional): the code in upper case
 * @error: return location for a #UD_VALIDATE_ERROR
 *
 * Checks a unified social credit code (统一社会信用代码, GB 32100-2015):
 * 18 characters from 0-9 and A-Z without I, O, Z, S and V, the last one a
 * check character. Lower case and surrounding spaces are accepted.
 *
 * Returns: %TRUE if the code is acceptable
 */
gboolean
ud_validate_credit_code (const char  *input,
                         char       **normalized,
                         GError     **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *code = NULL;
  const char *p;
  char check;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (normalized != NULL)
    *normalized = NULL;

  folded = ud_fold_fullwidth (input != NULL ? input : "");
  code = g_ascii_strup (g_strstrip (folded), -1);

  if (code[0] == '\0')
    {
      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_REQUIRED,
                           _("must be filled in"));
      return FALSE;
    }

  for (p = code; *p != '\0'; p++)
    {
      if (credit_code_value (*p) >= 0)
        continue;

      if (strchr ("IOZSV", *p) != NULL)
        g_set_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FORMAT,
                     _("contains the letter %c, which a credit code never uses"),
                     *p);
      else
        g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FORMAT,
                             _("may contain only digits and capital letters"));
      return FALSE;
    }

  if (strlen (code) != 18)
    {
      g_set_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_LENGTH,
                   _("must be 18 characters long, not %u"),
                   (guint) strlen (code));
      return FALSE;
    }

  check = ud_credit_code_check_char (code);
  if (code[17] != check)
    {
      g_set_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_CHECKSUM,
                   /* Translators: the last character of a credit code, computed from
                    * the others; the first %c is the right one, the second the one typed */
                   _("the check character should be %c, not %c"),
                   check, code[17]);
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = g_steal_pointer (&code);

  return TRUE;
}

/**
 * ud_date_parse:
 * @input: (nullable): a date as typed; %NULL counts as empty
 * @out: (out caller-allocates): the date
 * @error: return location for a #UD_VALIDATE_ERROR
 *
 * Accepts the ways dates are written in the office and in Excel sheets:
 * 2024-01-05, 2024-1-5, 2024/1/5, 2024.1.5, 20240105 and 2024年1月5日.
 *
 * Returns: %TRUE if @input is an existing date
 */
gboolean
ud_date_parse (const char  *input,
               GDate       *out,
               GError     **error)
{
  g_autofree char *folded = NULL;
  const char *p;
  guint year = 0;
  guint month = 0;
  guint day = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folded = ud_fold_fullwidth (input != NULL ? input : "");
  p = g_strstrip (folded);

  if (*p == '\0')
    {
      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_REQUIRED,
                           _("must be filled in"));
      return FALSE;
    }

  if (strlen (p) == 8 && all_digits (p))
    {
      year = (guint) ((p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0'));
      month = (guint) ((p[4] - '0') * 10 + (p[5] - '0'));
      day = (guint) ((p[6] - '0') * 10 + (p[7] - '0'));
      ok = TRUE;
    }
  else if (read_number (&p, 4, 4, &year))
    {
      char sep = *p;

      if (sep == '-' || sep == '/' || sep == '.')
        {
          p++;
          ok = read_number (&p, 1, 2, &month) && *p == sep;
          if (ok)
            {
              p++;
              ok = read_number (&p, 1, 2, &day) && *p == '\0';
            }
        }
      else
        {
          skip_spaces (&p);
          ok = skip_literal (&p, "年");
          skip_spaces (&p);
          ok = ok && read_number (&p, 1, 2, &month);
          skip_spaces (&p);
          ok = ok && skip_literal (&p, "月");
          skip_spaces (&p);
          ok = ok && read_number (&p, 1, 2, &day);
          skip_spaces (&p);
          if (ok)
            skip_literal (&p, "日");
          ok = ok && *p == '\0';
        }
    }

  if (!ok)
    {
      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FORMAT,
                           _("must be a date such as 2024-01-05"));
      return FALSE;
    }

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_DATE,
                   _("the date %04u-%02u-%02u does not exist"),
                   year, month, day);
      return FALSE;
    }

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/**
 * ud_date_to_iso:
 * @date: a valid date
 *
 * Returns: (transfer full): the date as "YYYY-MM-DD"
 */
char *
ud_date_to_iso (const GDate *date)
{
  guint year, month, day;
  char text[11];

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (g_date_valid (date), NULL);

  year = g_date_get_year (date);
  month = g_date_get_month (date);
  day = g_date_get_day (date);
  if (year > 9999)
    return g_strdup_printf ("%u-%02u-%02u", year, month, day);

  /* Twice a member in an import: g_strdup_printf() cost more than the
   * rest of checking the date. */
  text[0] = (char) ('0' + year / 1000);
  text[1] = (char) ('0' + year / 100 % 10);
  text[2] = (char) ('0' + year / 10 % 10);
  text[3] = (char) ('0' + year % 10);
  text[4] = '-';
  text[5] = (char) ('0' + month / 10);
  text[6] = (char) ('0' + month % 10);
  text[7] = '-';
  text[8] = (char) ('0' + day / 10);
  text[9] = (char) ('0' + day % 10);
  text[10] = '\0';
  return g_strndup (text, 10);
}

/**
 * ud_date_today:
 *
 * Today in the local time zone.
 */
void
ud_date_today (GDate *date)
{
  /* Looking up the local time zone costs a few system calls (GLib reads
   * /etc/localtime each time); an import checks a hundred thousand dates,
   * so today is kept for a minute. */
  static GMutex lock;
  static gboolean valid;
  static gint64 computed_at;
  static GDate cached;
  gint64 now_us = g_get_monotonic_time ();

  g_mutex_lock (&lock);
  if (!valid || now_us - computed_at > G_USEC_PER_SEC * 60)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&cached, 1);
      g_date_set_dmy (&cached,
                      (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
      computed_at = now_us;
      valid = TRUE;
    }
  *date = cached;
  g_mutex_unlock (&lock);
}

/**
 * ud_decimal_parse:
 * @text: (nullable): a number as typed
 * @hundredths: (out) (optional): the number × 100
 * @error: return location for a #UD_VALIDATE_ERROR
 *
 * Reads a decimal with at most two decimals, such as an area in square
 * metres: "9.5", "10", " 12.25 ㎡".
 *
 * Returns: %TRUE if @text is such a number
 */
gboolean
ud_decimal_parse (const char  *text,
                  gint64      *hundredths,
                  GError     **error)
{
  static const char * const units[] = { "平方米", "m²", "㎡", "m2", "M2", "M²" };
  g_autofree char *folded = ud_fold_fullwidth (text != NULL ? text : "");
  char *p = g_strstrip (folded);
  gboolean negative = FALSE;
  gint64 whole = 0, fraction = 0;
  guint int_digits = 0, frac_digits = 0;
  gsize len;

  if (*p == '\0')
    {
      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_REQUIRED,
                           _("must be filled in"));
      return FALSE;
    }

  len = strlen (p);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_has_suffix (p, units[i]))
      {
        p[len - strlen (units[i])] = '\0';
        g_strchomp (p);
        break;
      }

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';

  for (; g_ascii_isdigit (*p); p++)
    {
      if (++int_digits > 7)
        {
          g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_RANGE,
                               _("the number is too large"));
          return FALSE;
        }
      whole = whole * 10 + (*p - '0');
    }
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      {
        if (++frac_digits > 2)
          {
            g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FORMAT,
                                 _("has at most two decimals"));
            return FALSE;
          }
        fraction = fraction * 10 + (*p - '0');
      }
  if (*p != '\0' || (int_digits == 0 && frac_digits == 0))
    {
      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FORMAT,
                           _("must be a number such as 9.5"));
      return FALSE;
    }

  if (frac_digits == 1)
    fraction *= 10;
  if (hundredths != NULL)
    *hundredths = (negative ? -1 : 1) * (whole * 100 + fraction);
  return TRUE;
}

char *
ud_decimal_format (gint64 hundredths)
{
  const char *sign = hundredths < 0 ? "-" : "";
  guint64 value = hundredths < 0 ? (guint64) -hundredths : (guint64) hundredths;

  if (value % 100 == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, value / 100);
  if (value % 10 == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT, sign, value / 100, (value % 100) / 10);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02" G_GUINT64_FORMAT, sign, value / 100, value % 100);
}
