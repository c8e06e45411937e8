/* test-idcard.c — resident ID numbers (GB 11643-1999)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-idcard"

#include "config.h"

#include <glib.h>

#include "ud-idcard.h"
#include "ud-validate.h"

static GDate *
make_date (guint year,
           guint month,
           guint day)
{
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
assert_valid (const char *input,
              const char *number,
              UdSex       sex,
              guint       year,
              guint       month,
              guint       day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = make_date (2024, 6, 1);
  UdIdCard card;
  gboolean ok;

  ok = ud_idcard_parse (input, today, &card, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpstr (card.number, ==, number);
  g_assert_cmpint (card.sex, ==, sex);
  g_assert_true (g_date_valid (&card.birth));
  g_assert_cmpuint (g_date_get_year (&card.birth), ==, year);
  g_assert_cmpuint (g_date_get_month (&card.birth), ==, month);
  g_assert_cmpuint (g_date_get_day (&card.birth), ==, day);
  g_assert_false (card.upgraded);
}

static void
assert_invalid (const char *input,
                int         code,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = make_date (2024, 6, 1);
  UdIdCard card;

  g_assert_false (ud_idcard_parse (input, today, &card, &error));
  g_assert_error (error, UD_VALIDATE_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_domain_vectors (void)
{
  assert_valid ("11010519491231002X", "11010519491231002X", UD_SEX_FEMALE, 1949, 12, 31);
  assert_valid ("440524188001010014", "440524188001010014", UD_SEX_MALE, 1880, 1, 1);
  assert_valid ("34052419800101001X", "34052419800101001X", UD_SEX_MALE, 1980, 1, 1);
  assert_invalid ("360426199101010072", UD_VALIDATE_ERROR_CHECKSUM,
                  "the check character should be 1, not 2");
}

static void
test_normalisation (void)
{
  /* lower-case x, spaces the way people group the number, full-width digits */
  assert_valid ("11010519491231002x", "11010519491231002X", UD_SEX_FEMALE, 1949, 12, 31);
  assert_valid ("  110105 19491231 002X ", "11010519491231002X", UD_SEX_FEMALE, 1949, 12, 31);
  assert_valid ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X", UD_SEX_FEMALE, 1949, 12, 31);
  /* mixed: ASCII with a full-width digit or an ideographic space, and a
   * number as long as the parser's buffer for plain ASCII, or longer */
  assert_valid ("1101051949123100２X", "11010519491231002X", UD_SEX_FEMALE, 1949, 12, 31);
  assert_valid ("110105\u300019491231002X", "11010519491231002X", UD_SEX_FEMALE, 1949, 12, 31);
  assert_invalid ("1101051949123100211010519491231", UD_VALIDATE_ERROR_LENGTH, NULL);
  assert_invalid ("11010519491231002110105194912310021", UD_VALIDATE_ERROR_LENGTH, NULL);
  assert_invalid ("1101051949123100211010519491231X", UD_VALIDATE_ERROR_FORMAT, NULL);
}

static void
test_upgrade_15 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = make_date (2024, 6, 1);
  UdIdCard card;

  g_assert_true (ud_idcard_parse ("340524800101001", today, &card, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (card.number, ==, "34052419800101001X");
  g_assert_true (card.upgraded);
  g_assert_cmpint (card.sex, ==, UD_SEX_MALE);
  g_assert_cmpuint (g_date_get_year (&card.birth), ==, 1980);

  /* an old number with an impossible date is still refused */
  assert_invalid ("110105910230001", UD_VALIDATE_ERROR_DATE,
                  "birth date 1991-02-30 does not exist");
}

static void
test_february_29 (void)
{
  /* 2000 is a leap year; 2023 and 1900 are not */
  assert_valid ("110105200002290021", "110105200002290021", UD_SEX_FEMALE, 2000, 2, 29);
  assert_invalid ("110105202302290014", UD_VALIDATE_ERROR_DATE,
                  "birth date 2023-02-29 does not exist");
  assert_invalid ("110105190002290017", UD_VALIDATE_ERROR_DATE,
                  "birth date 1900-02-29 does not exist");
  assert_invalid ("110105199102300017", UD_VALIDATE_ERROR_DATE,
                  "birth date 1991-02-30 does not exist");
}

static void
test_future (void)
{
  g_autoptr(GError) error = NULL;
  UdIdCard card;

  assert_invalid ("11010520300101001X", UD_VALIDATE_ERROR_FUTURE,
                  "birth date 2030-01-01 is in the future");
  /* one day after "today" (2024-06-01) is refused, "today" itself is not */
  assert_invalid ("110105202406020027", UD_VALIDATE_ERROR_FUTURE,
                  "birth date 2024-06-02 is in the future");
  assert_valid ("110105202406010021", "110105202406010021", UD_SEX_FEMALE, 2024, 6, 1);

  /* without an explicit date, "today" is the real one */
  g_assert_false (ud_idcard_parse ("110105299901010014", NULL, &card, &error));
  g_assert_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_FUTURE);
  g_clear_error (&error);
  g_assert_true (ud_idcard_parse ("11010519491231002X", NULL, &card, &error));
  g_assert_no_error (error);
}

static void
test_province (void)
{
  assert_invalid ("991234199001010012", UD_VALIDATE_ERROR_PROVINCE,
                  "starts with 99, which is not the code of a province");
  assert_invalid ("101234199001010017", UD_VALIDATE_ERROR_PROVINCE, NULL);
  assert_invalid ("160000199001010020", UD_VALIDATE_ERROR_PROVINCE, NULL);

  /* Hong Kong residents and foreigners' permanent residence cards */
  assert_valid ("810000199001010027", "810000199001010027", UD_SEX_FEMALE, 1990, 1, 1);
  assert_valid ("910000199001010020", "910000199001010020", UD_SEX_FEMALE, 1990, 1, 1);

  /* a retired address code (the old Miyun county) is still accepted */
  g_assert_true (ud_idcard_province_known ("110228"));
  g_assert_false (ud_idcard_province_known ("00"));
  g_assert_false (ud_idcard_province_known ("1"));
}

static void
test_length_and_letters (void)
{
  assert_invalid ("", UD_VALIDATE_ERROR_REQUIRED, "must be filled in");
  assert_invalid ("   ", UD_VALIDATE_ERROR_REQUIRED, NULL);
  assert_invalid (NULL, UD_VALIDATE_ERROR_REQUIRED, NULL);
  assert_invalid ("11010519491231002", UD_VALIDATE_ERROR_LENGTH,
                  "must be 18 characters long (or 15 digits for an old number), not 17");
  assert_invalid ("110105194912310021X", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_invalid ("1101051949123100211", UD_VALIDATE_ERROR_LENGTH, NULL);
  assert_invalid ("11010519491231A02X", UD_VALIDATE_ERROR_FORMAT,
                  "may contain only digits and, as the last character, an X");
  /* X is only allowed as the check character of an 18-character number */
  assert_invalid ("1101051949123100X2", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_invalid ("34052480010100X", UD_VALIDATE_ERROR_FORMAT, NULL);
}

static void
test_sex (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = make_date (2024, 6, 1);
  g_autoptr(GDate) birth = make_date (1990, 1, 1);
  g_autoptr(GDate) wrong_birth = make_date (1990, 1, 2);
  UdIdCard card;

  /* the 17th character: 3 is odd (male) */
  g_assert_true (ud_idcard_parse ("110118199001011234", today, &card, &error));
  g_assert_no_error (error);
  g_assert_cmpint (card.sex, ==, UD_SEX_MALE);

  g_assert_true (ud_idcard_check_consistent (&card, UD_SEX_MALE, birth, &error));
  g_assert_no_error (error);
  g_assert_true (ud_idcard_check_consistent (&card, UD_SEX_UNKNOWN, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (ud_idcard_check_consistent (&card, UD_SEX_FEMALE, NULL, &error));
  g_assert_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_MISMATCH);
  g_assert_cmpstr (error->message, ==, "does not match the ID number, which belongs to a man");
  g_clear_error (&error);

  g_assert_false (ud_idcard_check_consistent (&card, UD_SEX_MALE, wrong_birth, &error));
  g_assert_error (error, UD_VALIDATE_ERROR, UD_VALIDATE_ERROR_MISMATCH);
  g_assert_cmpstr (error->message, ==, "does not match the birth date 1990-01-01 in the ID number");
  g_clear_error (&error);

  g_assert_true (ud_idcard_parse ("11010519491231002X", today, &card, &error));
  g_assert_cmpint (card.sex, ==, UD_SEX_FEMALE);
  g_assert_false (ud_idcard_check_consistent (&card, UD_SEX_MALE, NULL, &error));
  g_assert_cmpstr (error->message, ==, "does not match the ID number, which belongs to a woman");
}

static void
test_check_char (void)
{
  g_assert_cmpint (ud_idcard_check_char ("11010519491231002"), ==, 'X');
  g_assert_cmpint (ud_idcard_check_char ("440524188001010014"), ==, '4');
  g_assert_cmpint (ud_idcard_check_char ("3604261991010100"), ==, '\0');
  g_assert_cmpint (ud_idcard_check_char ("36042619910101A07"), ==, '\0');
}

static void
test_mask (void)
{
  g_autofree char *masked = ud_idcard_mask ("110118199001011234");
  g_autofree char *old = ud_idcard_mask ("340524800101001");
  g_autofree char *tiny = ud_idcard_mask ("12345");

  g_assert_cmpstr (masked, ==, "110118********1234");
  g_assert_cmpstr (old, ==, "340524*****1001");
  g_assert_cmpstr (tiny, ==, "*****");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/idcard/domain-vectors", test_domain_vectors);
  g_test_add_func ("/idcard/normalisation", test_normalisation);
  g_test_add_func ("/idcard/upgrade-15", test_upgrade_15);
  g_test_add_func ("/idcard/february-29", test_february_29);
  g_test_add_func ("/idcard/future", test_future);
  g_test_add_func ("/idcard/province", test_province);
  g_test_add_func ("/idcard/length-and-letters", test_length_and_letters);
  g_test_add_func ("/idcard/sex", test_sex);
  g_test_add_func ("/idcard/check-char", test_check_char);
  g_test_add_func ("/idcard/mask", test_mask);

  return g_test_run ();
}
