/* ud-money.c — amounts in fen: parsing, display and Chinese capitals
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-money"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ud-money.h"
#include "ud-validate.h"

/* Everything here is integer arithmetic on fen. There is no float in this
 * file, and there must never be one. */

static const char * const capital_digits[10] = {
  "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"
};
static const char * const capital_places[4] = { "", "拾", "佰", "仟" };

static const char * const currency_signs[] = { "￥", "¥" };

static guint64
fen_magnitude (UdFen fen)
{
  /* Also right for G_MININT64, whose negation does not fit a gint64. */
  if (fen < 0)
    return (guint64) (-(fen + 1)) + 1;
  return (guint64) fen;
}

static gboolean
skip_currency (const char **p)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (currency_signs); i++)
    {
      gsize len = strlen (currency_signs[i]);

      if (strncmp (*p, currency_signs[i], len) == 0)
        {
          *p += len;
          while (g_ascii_isspace (**p))
            (*p)++;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
skip_sign (const char **p,
           gboolean    *negative)
{
  if (**p == '-' || **p == '+')
    {
      *negative = **p == '-';
      (*p)++;
      while (g_ascii_isspace (**p))
        (*p)++;
      return TRUE;
    }

  return FALSE;
}

static void
set_format_error (GError **error)
{
  g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FORMAT,
                       _("must be an amount such as 12,000.00"));
}

/**
 * ud_money_parse:
 * @text: (nullable): an amount in yuan as typed; %NULL counts as empty
 * @fen: (out) (optional): the amount in fen
 * @error: return location for a #UD_VALIDATE_ERROR
 *
 * Reads "12,000.00", "12000", "12000.5", "￥12,000.00", " 0.05 " or
 * "12000元"; full-width digits are accepted. A minus sign is read (the
 * caller decides whether a negative amount makes sense). More than two
 * decimals, commas that do not separate thousands, letters and amounts
 * that do not fit are errors.
 *
 * Returns: %TRUE if @text is an amount
 */
gboolean
ud_money_parse (const char  *text,
                UdFen       *fen,
                GError     **error)
{
  g_autofree char *folded = NULL;
  const char *p;
  gboolean negative = FALSE;
  gboolean seen_comma = FALSE;
  guint group = 0;
  guint int_digits = 0;
  guint frac_digits = 0;
  guint64 yuan = 0;
  guint64 cents = 0;
  guint64 total;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folded = ud_fold_fullwidth (text != NULL ? text : "");
  p = g_strstrip (folded);

  if (*p == '\0')
    {
      g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_REQUIRED,
                           _("must be filled in"));
      return FALSE;
    }

  /* "-￥5.00" and "￥-5.00" are both seen in spreadsheets. */
  if (skip_sign (&p, &negative))
    skip_currency (&p);
  else if (skip_currency (&p))
    skip_sign (&p, &negative);

  for (; g_ascii_isdigit (*p) || *p == ','; p++)
    {
      if (*p == ',')
        {
          if (group == 0 || (seen_comma ? group != 3 : group > 3))
            goto bad_comma;
          seen_comma = TRUE;
          group = 0;
          continue;
        }

      if (yuan > (G_MAXUINT64 - 9) / 10)
        goto too_large;
      yuan = yuan * 10 + (guint64) (*p - '0');
      group++;
      int_digits++;
    }

  if (seen_comma && group != 3)
    goto bad_comma;

  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++)
        {
          frac_digits++;
          if (frac_digits > 2)
            {
              g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FORMAT,
                                   _("has more than two digits after the decimal point"));
              return FALSE;
            }
          cents = cents * 10 + (guint64) (*p - '0');
        }
      if (frac_digits == 1)
        cents *= 10;
    }

  while (g_ascii_isspace (*p))
    p++;
  if (strncmp (p, "元", strlen ("元")) == 0)
    p += strlen ("元");

  if (*p != '\0' || int_digits + frac_digits == 0)
    {
      set_format_error (error);
      return FALSE;
    }

  if (yuan > ((guint64) G_MAXINT64 - cents) / 100)
    goto too_large;
  total = yuan * 100 + cents;

  if (fen != NULL)
    *fen = negative ? -(gint64) total : (gint64) total;

  return TRUE;

bad_comma:
  g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FORMAT,
                       _("has a comma in the wrong place; write 12,000.00 or 12000.00"));
  return FALSE;

too_large:
  g_set_error_literal (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_RANGE,
                       _("is too large to be an amount of money"));
  return FALSE;
}

static void
append_thousands (GString *out,
                  guint64  n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
}

/**
 * ud_format_thousands:
 * @n: a whole number
 *
 * Returns: (transfer full): @n with thousands separators, as counts are
 *   shown beside amounts: "1,234,567", "-3"
 */
char *
ud_format_thousands (gint64 n)
{
  GString *out = g_string_new (NULL);

  if (n < 0)
    g_string_append_c (out, '-');
  append_thousands (out, fen_magnitude (n));

  return g_string_free (out, FALSE);
}

/* "12,000.00": @whole with thousands separators, then two decimals. */
static char *
format_grouped (gboolean negative,
                guint64  whole,
                guint    hundredths)
{
  GString *out = g_string_new (NULL);

  if (negative)
    g_string_append_c (out, '-');
  append_thousands (out, whole);
  g_string_append_printf (out, ".%02u", hundredths);

  return g_string_free (out, FALSE);
}

/**
 * ud_money_format:
 * @fen: an amount in fen
 *
 * Returns: (transfer full): the amount in yuan with thousands separators
 *   and two decimals: "12,000.00", "-5.00", "0.00"
 */
char *
ud_money_format (UdFen fen)
{
  guint64 magnitude = fen_magnitude (fen);

  return format_grouped (fen < 0, magnitude / 100, (guint) (magnitude % 100));
}

/**
 * ud_money_format_wan:
 * @fen: an amount in fen
 *
 * Returns: (transfer full): the amount in 万元 (ten thousand yuan), rounded
 *   half away from zero to two decimals — hundreds of yuan — with thousands
 *   separators: 285,200.00 yuan is "28.52", 4,999.99 yuan "0.50",
 *   49.99 yuan "0.00"
 */
char *
ud_money_format_wan (UdFen fen)
{
  guint64 hundreds = (fen_magnitude (fen) + 5000) / 10000;

  return format_grouped (fen < 0 && hundreds > 0, hundreds / 100, (guint) (hundreds % 100));
}

/**
 * ud_money_format_plain:
 * @fen: an amount in fen
 *
 * Returns: (transfer full): the amount in yuan with two decimals and no
 *   separators, as JSON and CSV carry it: "12000.00", "-5.00"
 */
char *
ud_money_format_plain (UdFen fen)
{
  guint64 magnitude = fen_magnitude (fen);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          fen < 0 ? "-" : "",
                          magnitude / 100,
                          (guint) (magnitude % 100));
}

/* Appends the whole-yuan part in capitals. A run of zero digits between
 * two non-zero digits is written as one 零, also across 万 and 亿
 * (1,001,000 → 壹佰万零壹仟). 万 closes a non-zero group of four digits;
 * 亿 closes everything above it, so 10^16 reads 壹亿亿. */
static void
append_yuan_capitals (GString *out,
                      guint64  yuan)
{
  guint8 digits[20];
  guint64 rest = yuan;
  int n = 0;
  int pos;
  gboolean zero_pending = FALSE;

  g_assert (yuan > 0);

  while (rest > 0)
    {
      digits[n++] = (guint8) (rest % 10);
      rest /= 10;
    }

  for (pos = n - 1; pos >= 0; pos--)
    {
      guint d = digits[pos];

      if (d == 0)
        {
          zero_pending = TRUE;
        }
      else
        {
          if (zero_pending)
            g_string_append (out, capital_digits[0]);
          zero_pending = FALSE;
          g_string_append (out, capital_digits[d]);
          g_string_append (out, capital_places[pos % 4]);
        }

      if (pos > 0 && pos % 4 == 0)
        {
          int group = pos / 4;
          gboolean nonzero = FALSE;
          int i;

          if (group % 2 == 1)
            {
              /* 万: only when its own four digits are not all zero */
              for (i = pos; i < pos + 4 && i < n; i++)
                nonzero = nonzero || digits[i] != 0;
              if (nonzero)
                g_string_append (out, "万");
            }
          else
            {
              /* 亿: whenever anything above it is non-zero */
              for (i = pos; i < n; i++)
                nonzero = nonzero || digits[i] != 0;
              if (nonzero)
                g_string_append (out, "亿");
            }
        }
    }
}

/**
 * ud_money_capitals:
 * @fen: an amount in fen
 *
 * Writes an amount in Chinese financial capitals (大写金额) the way bank
 * forms require (中国人民银行《支付结算办法》附件《正确填写票据和结算凭证的
 * 基本规定》):
 *
 * - 拾 always has its digit: 10.05 → 壹拾元零伍分;
 * - zeros between non-zero digits of the yuan part are one 零:
 *   20,450.50 → 贰万零肆佰伍拾元伍角, 1,050.00 → 壹仟零伍拾元整;
 * - 整 follows 元 when there are no 角 and 分; after 角 it is not written;
 * - when 元 is 0 and 角 is not, no 零 is written before 角 (the rules allow
 *   either; ours is the shorter form: 20,450.50 above);
 * - when 角 is 0 and 分 is not, 零 follows 元: 10,000.01 → 壹万元零壹分;
 * - under one yuan there is no 元: 0.50 → 伍角, 0.05 → 伍分;
 * - zero is 零元整; a negative amount starts with 负.
 *
 * Returns: (transfer full): the amount in capitals
 */
char *
ud_money_capitals (UdFen fen)
{
  guint64 magnitude = fen_magnitude (fen);
  guint64 yuan = magnitude / 100;
  guint jiao = (guint) (magnitude / 10 % 10);
  guint fen_digit = (guint) (magnitude % 10);
  GString *out = g_string_new (NULL);

  if (magnitude == 0)
    {
      g_string_append (out, "零元整");
      return g_string_free (out, FALSE);
    }

  if (fen < 0)
    g_string_append (out, "负");

  if (yuan > 0)
    {
      append_yuan_capitals (out, yuan);
      g_string_append (out, "元");
    }

  if (jiao == 0 && fen_digit == 0)
    {
      g_string_append (out, "整");
      return g_string_free (out, FALSE);
    }

  if (jiao > 0)
    {
      g_string_append (out, capital_digits[jiao]);
      g_string_append (out, "角");
    }
  else if (yuan > 0)
    {
      g_string_append (out, capital_digits[0]);
    }

  if (fen_digit > 0)
    {
      g_string_append (out, capital_digits[fen_digit]);
      g_string_append (out, "分");
    }

  return g_string_free (out, FALSE);
}
