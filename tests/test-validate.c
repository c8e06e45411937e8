/* test-validate.c — card, phone, credit code and date validation
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-validate"

#include "config.h"

#include <glib.h>

#include "ud-validate.h"

static void
assert_card (const char *input,
             const char *normalized,
             gboolean    luhn)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gboolean luhn_ok = !luhn;

  g_assert_true (ud_validate_card_number (input, &out, &luhn_ok, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, normalized);
  g_assert_cmpint (luhn_ok, ==, luhn);
}

static void
assert_card_error (const char *input,
                   int         code,
                   const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_false (ud_validate_card_number (input, &out, NULL, &error));
  g_assert_error (error, UD_VALIDATE_ERROR, code);
  g_assert_null (out);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_card (void)
{
  assert_card ("6222021001123456789", "6222021001123456789", TRUE);
  assert_card ("6222 0210 0112 3456 789", "6222021001123456789", TRUE);
  assert_card ("6222-0210-0112-3456-789", "6222021001123456789", TRUE);
  assert_card ("6217000000000006", "6217000000000006", TRUE);
  assert_card ("621483000000001239", "621483000000001239", TRUE);

  /* some real cards fail Luhn: accepted, flagged for a warning */
  assert_card ("6222021001123456780", "6222021001123456780", FALSE);

  assert_card_error ("4222021001123456789", UD_VALIDATE_ERROR_FORMAT,
                     "must start with 62, like every UnionPay card");
  assert_card_error ("622202100112345", UD_VALIDATE_ERROR_LENGTH,
                     "must be 16 to 19 digits long, not 15");
  assert_card_error ("62220210011234567890", UD_VALIDATE_ERROR_LENGTH,
                     "must be 16 to 19 digits long, not 20");
  assert_card_error ("6222O21001123456789", UD_VALIDATE_ERROR_FORMAT,
                     "may contain only digits, spaces and dashes");
  assert_card_error ("  ", UD_VALIDATE_ERROR_REQUIRED, "must be filled in");
  assert_card_error (NULL, UD_VALIDATE_ERROR_REQUIRED, NULL);
}

static void
test_luhn (void)
{
  g_assert_true (ud_luhn_ok ("79927398713"));
  g_assert_false (ud_luhn_ok ("79927398710"));
  g_assert_true (ud_luhn_ok ("6222021001123456789"));
  g_assert_false (ud_luhn_ok (""));
  g_assert_false (ud_luhn_ok ("0"));
  g_assert_false (ud_luhn_ok ("7992739871a"));

  g_assert_cmpint (ud_luhn_check_digit ("7992739871"), ==, '3');
  g_assert_cmpint (ud_luhn_check_digit ("622202100112345678"), ==, '9');
  g_assert_cmpint (ud_luhn_check_digit ("621700000000000"), ==, '6');
  g_assert_cmpint (ud_luhn_check_digit (""), ==, '\0');
}

static void
assert_phone (const char *input,
              const char *normalized)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (ud_validate_phone (input, &out, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, normalized);
}

static void
assert_phone_error (const char *input,
                    int         code,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_false (ud_validate_phone (input, &out, &error));
  g_assert_error (error, UD_VALIDATE_ERROR, code);
  g_assert_null (out);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_phone (void)
{
  assert_phone ("13812345678", "13812345678");
  assert_phone ("138 1234 5678", "13812345678");
  assert_phone ("138-1234-5678", "13812345678");
  assert_phone ("+86 138 1234 5678", "13812345678");
  assert_phone ("+8613812345678", "13812345678");
  assert_phone ("0086-138-1234-5678", "13812345678");
  assert_phone ("8613812345678", "13812345678");
  assert_phone ("１３８１２３４５６７８", "13812345678");
  assert_phone ("13812345678", "13812345678");
  assert_phone ("138１2345678", "13812345678");
  assert_phone ("138\u30001234\u30005678", "13812345678");

  assert_phone_error ("23812345678", UD_VALIDATE_ERROR_FORMAT,
                      "must be 11 digits starting with 1");
  assert_phone_error ("1381234567", UD_VALIDATE_ERROR_LENGTH,
                      "must be 11 digits starting with 1, not 10 digits");
  assert_phone_error ("+86 1381234567", UD_VALIDATE_ERROR_LENGTH, NULL);
  assert_phone_error ("138abcd5678", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_phone_error ("(010) 6512 3456", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_phone_error ("", UD_VALIDATE_ERROR_REQUIRED, "must be filled in");
}

static void
assert_credit_code (const char *input,
                    const char *normalized)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (ud_validate_credit_code (input, &out, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, normalized);
}

static void
assert_credit_code_error (const char *input,
                          int         code,
                          const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_false (ud_validate_credit_code (input, &out, &error));
  g_assert_error (error, UD_VALIDATE_ERROR, code);
  g_assert_null (out);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_credit_code (void)
{
  /* codes of registered companies, checked by hand against GB 32100-2015 */
  assert_credit_code ("91350100M000100Y43", "91350100M000100Y43");
  assert_credit_code ("914403001922038216", "914403001922038216");
  assert_credit_code ("91110000710925462X", "91110000710925462X");
  assert_credit_code ("91440300708461136T", "91440300708461136T");
  assert_credit_code ("  91350100m000100y43 ", "91350100M000100Y43");

  g_assert_cmpint (ud_credit_code_check_char ("91350100M000100Y4"), ==, '3');
  g_assert_cmpint (ud_credit_code_check_char ("91110000710925462"), ==, 'X');
  g_assert_cmpint (ud_credit_code_check_char ("91110000710925I62"), ==, '\0');

  assert_credit_code_error ("91350100M000100Y44", UD_VALIDATE_ERROR_CHECKSUM,
                            "the check character should be 3, not 4");
  assert_credit_code_error ("91350100O000100Y43", UD_VALIDATE_ERROR_FORMAT,
                            "contains the letter O, which a credit code never uses");
  assert_credit_code_error ("91350100M0001001Y3", UD_VALIDATE_ERROR_CHECKSUM, NULL);
  assert_credit_code_error ("9135010iM000100Y43", UD_VALIDATE_ERROR_FORMAT,
                            "contains the letter I, which a credit code never uses");
  assert_credit_code_error ("91350100M00010SY43", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_credit_code_error ("91350100Z000100Y43", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_credit_code_error ("91350100V000100Y43", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_credit_code_error ("91350100-000100Y43", UD_VALIDATE_ERROR_FORMAT,
                            "may contain only digits and capital letters");
  assert_credit_code_error ("91350100M000100Y4", UD_VALIDATE_ERROR_LENGTH,
                            "must be 18 characters long, not 17");
  assert_credit_code_error ("", UD_VALIDATE_ERROR_REQUIRED, NULL);
}

static void
assert_date (const char *input,
             const char *iso)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDate date;

  g_assert_true (ud_date_parse (input, &date, &error));
  g_assert_no_error (error);
  text = ud_date_to_iso (&date);
  g_assert_cmpstr (text, ==, iso);
}

static void
assert_date_error (const char *input,
                   int         code,
                   const char *message)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_assert_false (ud_date_parse (input, &date, &error));
  g_assert_error (error, UD_VALIDATE_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_dates (void)
{
  assert_date ("2024-01-05", "2024-01-05");
  assert_date ("2024-1-5", "2024-01-05");
  assert_date ("2024/1/5", "2024-01-05");
  assert_date ("2024/01/05", "2024-01-05");
  assert_date ("2024.1.5", "2024-01-05");
  assert_date ("20240105", "2024-01-05");
  assert_date ("2024年1月5日", "2024-01-05");
  assert_date ("2024年01月05日", "2024-01-05");
  assert_date ("2024 年 1 月 5 日", "2024-01-05");
  assert_date ("2024年1月5", "2024-01-05");
  assert_date ("２０２４年１月５日", "2024-01-05");
  assert_date (" 2024-12-31 ", "2024-12-31");
  assert_date ("2024-02-29", "2024-02-29");

  assert_date_error ("2023-02-29", UD_VALIDATE_ERROR_DATE,
                     "the date 2023-02-29 does not exist");
  assert_date_error ("20230229", UD_VALIDATE_ERROR_DATE, NULL);
  assert_date_error ("2024-13-01", UD_VALIDATE_ERROR_DATE, NULL);
  assert_date_error ("2024-04-31", UD_VALIDATE_ERROR_DATE, NULL);
  assert_date_error ("2024-1/5", UD_VALIDATE_ERROR_FORMAT,
                     "must be a date such as 2024-01-05");
  assert_date_error ("24-1-5", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_date_error ("2024-001-05", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_date_error ("2024-01-05x", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_date_error ("202401051", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_date_error ("2024年1月", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_date_error ("5 January 2024", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_date_error ("", UD_VALIDATE_ERROR_REQUIRED, "must be filled in");
}

static void
test_masks (void)
{
  g_autofree char *card16 = ud_mask_card ("6222021234561234");
  g_autofree char *card19 = ud_mask_card ("6222021001123451234");
  g_autofree char *phone = ud_mask_phone ("13812345678");
  g_autofree char *short_phone = ud_mask_phone ("12345");

  g_assert_cmpstr (card16, ==, "622202******1234");
  g_assert_cmpstr (card19, ==, "622202*********1234");
  g_assert_cmpstr (phone, ==, "138****5678");
  g_assert_cmpstr (short_phone, ==, "*****");
}

static void
test_fold_fullwidth (void)
{
  g_autofree char *folded = ud_fold_fullwidth ("１３８－１２３４\u3000ａＢ 张三");

  g_assert_cmpstr (folded, ==, "138-1234 aB 张三");
}

/* Chinese input methods type U+3000; a reason made only of it, of
 * U+00A0 or of zero-width spaces is as empty as "". */
static void
test_blank (void)
{
  static const char * const blank[] = {
    "", "   ", "\t\n", "\u3000\u3000", "\u00a0", "\u200b\u200b", "\u2060", "\ufeff",
    " \u3000\u00a0\u200b\u200c\u200d\u2002\u2003\u2009\u202f\u205f\u1680\u180e ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blank); i++)
    {
      g_autofree char *stripped = ud_text_strip (blank[i]);

      g_assert_true (ud_text_is_blank (blank[i]));
      g_assert_cmpstr (stripped, ==, "");
    }
  g_assert_true (ud_text_is_blank (NULL));
  g_assert_false (ud_text_is_blank ("\u3000同意\u3000"));

  {
    g_autofree char *stripped = ud_text_strip ("\u3000\u200b 同意 报 销\u00a0\n");

    /* Inside the text everything stays. */
    g_assert_cmpstr (stripped, ==, "同意 报 销");
  }
}

static void
test_date_to_iso (void)
{
  /* Each of year, month and day at its widest and narrowest. */
  static const struct { guint year, month, day; const char *iso; } dates[] = {
    { 1, 1, 1, "0001-01-01" },
    { 999, 9, 9, "0999-09-09" },
    { 2026, 12, 31, "2026-12-31" },
    { 9999, 10, 10, "9999-10-10" },
    { 10000, 2, 29, "10000-02-29" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *text = NULL;
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) dates[i].day, (GDateMonth) dates[i].month, (GDateYear) dates[i].year);
      text = ud_date_to_iso (&date);
      g_assert_cmpstr (text, ==, dates[i].iso);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/validate/card", test_card);
  g_test_add_func ("/validate/luhn", test_luhn);
  g_test_add_func ("/validate/phone", test_phone);
  g_test_add_func ("/validate/credit-code", test_credit_code);
  g_test_add_func ("/validate/dates", test_dates);
  g_test_add_func ("/validate/masks", test_masks);
  g_test_add_func ("/validate/fold-fullwidth", test_fold_fullwidth);
  g_test_add_func ("/validate/blank", test_blank);
  g_test_add_func ("/validate/date-to-iso", test_date_to_iso);

  return g_test_run ();
}
