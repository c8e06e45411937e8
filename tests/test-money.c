/* test-money.c — amounts in fen: parsing, display and Chinese capitals
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-money"

#include "config.h"

#include <glib.h>

#include "ud-money.h"
#include "ud-validate.h"

static void
assert_parse (const char *text,
              UdFen       expected)
{
  g_autoptr(GError) error = NULL;
  UdFen fen = -1;

  g_assert_true (ud_money_parse (text, &fen, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fen, ==, expected);
}

static void
assert_parse_error (const char *text,
                    int         code,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  UdFen fen = 4242;

  g_assert_false (ud_money_parse (text, &fen, &error));
  g_assert_error (error, UD_VALIDATE_ERROR, code);
  g_assert_cmpint (fen, ==, 4242);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_parse (void)
{
  assert_parse ("12,000.00", 1200000);
  assert_parse ("12000", 1200000);
  assert_parse ("12000.5", 1200050);
  assert_parse ("12000.", 1200000);
  assert_parse ("￥12,000.00", 1200000);
  assert_parse ("¥1,234,567.89", 123456789);
  assert_parse (" 0.05 ", 5);
  assert_parse (".5", 50);
  assert_parse ("0", 0);
  assert_parse ("-5.00", -500);
  assert_parse ("-￥5", -500);
  assert_parse ("￥-5", -500);
  assert_parse ("+7.10", 710);
  assert_parse ("12000元", 1200000);
  assert_parse ("１２，０００．５０", 1200050);
  assert_parse ("007.01", 701);
}

static void
test_parse_exact (void)
{
  /* values a binary float gets wrong */
  assert_parse ("0.29", 29);
  assert_parse ("1.15", 115);
  assert_parse ("4.35", 435);
  assert_parse ("9007199254740993.01", G_GINT64_CONSTANT (900719925474099301));
  assert_parse ("92233720368547758.07", G_MAXINT64);
  assert_parse ("-92233720368547758.07", -G_MAXINT64);
}

static void
test_parse_errors (void)
{
  assert_parse_error ("", UD_VALIDATE_ERROR_REQUIRED, "must be filled in");
  assert_parse_error ("   ", UD_VALIDATE_ERROR_REQUIRED, NULL);
  assert_parse_error (NULL, UD_VALIDATE_ERROR_REQUIRED, NULL);
  assert_parse_error ("12.345", UD_VALIDATE_ERROR_FORMAT,
                      "has more than two digits after the decimal point");
  assert_parse_error ("0.001", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error ("12a", UD_VALIDATE_ERROR_FORMAT,
                      "must be an amount such as 12,000.00");
  assert_parse_error ("abc", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error ("1e5", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error ("RMB 5", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error ("1 000", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error ("--5", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error ("-", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error (".", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error ("￥", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error ("5.00.00", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error ("1,2000", UD_VALIDATE_ERROR_FORMAT,
                      "has a comma in the wrong place; write 12,000.00 or 12000.00");
  assert_parse_error ("12,00.00", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error ("1234,000", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error (",100", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error ("1,000,", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error ("1,,000", UD_VALIDATE_ERROR_FORMAT, NULL);
  assert_parse_error ("92233720368547758.08", UD_VALIDATE_ERROR_RANGE,
                      "is too large to be an amount of money");
  assert_parse_error ("99999999999999999999999", UD_VALIDATE_ERROR_RANGE, NULL);
  assert_parse_error ("-99999999999999999999999.99", UD_VALIDATE_ERROR_RANGE, NULL);
}

static void
test_format (void)
{
  static const struct {
    UdFen fen;
    const char *grouped;
    const char *plain;
  } cases[] = {
    { 0, "0.00", "0.00" },
    { 5, "0.05", "0.05" },
    { 50, "0.50", "0.50" },
    { -500, "-5.00", "-5.00" },
    { -5, "-0.05", "-0.05" },
    { 99999, "999.99", "999.99" },
    { 100000, "1,000.00", "1000.00" },
    { 1200000, "12,000.00", "12000.00" },
    { 2045050, "20,450.50", "20450.50" },
    { 123456789, "1,234,567.89", "1234567.89" },
    { -123456789, "-1,234,567.89", "-1234567.89" },
    { G_MAXINT64, "92,233,720,368,547,758.07", "92233720368547758.07" },
    { G_MININT64, "-92,233,720,368,547,758.08", "-92233720368547758.08" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *grouped = ud_money_format (cases[i].fen);
      g_autofree char *plain = ud_money_format_plain (cases[i].fen);

      g_assert_cmpstr (grouped, ==, cases[i].grouped);
      g_assert_cmpstr (plain, ==, cases[i].plain);
    }
}

/* 万元 as the statistics report prints them: hundreds of yuan, rounded
 * half away from zero. */
static void
test_format_wan (void)
{
  static const struct {
    UdFen fen;
    const char *wan;
  } cases[] = {
    { 0, "0.00" },
    { 4999, "0.00" },            /* 49.99 yuan */
    { 5000, "0.01" },            /* 50.00 yuan rounds up */
    { 499999, "0.50" },
    { 24000000, "24.00" },
    { 28520000, "28.52" },       /* 本年度发放救助金 28.52 万元 */
    { 28524999, "28.52" },
    { 28525000, "28.53" },
    { -28525000, "-28.53" },
    { -4999, "0.00" },           /* no "-0.00" */
    { 123456789000, "123,456.79" },
    { G_MAXINT64, "9,223,372,036,854.78" },
    { G_MININT64, "-9,223,372,036,854.78" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *wan = ud_money_format_wan (cases[i].fen);

      g_assert_cmpstr (wan, ==, cases[i].wan);
    }
}

static void
test_format_thousands (void)
{
  static const struct {
    gint64 n;
    const char *text;
  } cases[] = {
    { 0, "0" },
    { 999, "999" },
    { 1000, "1,000" },
    { -25070, "-25,070" },
    { 1234567, "1,234,567" },
    { G_MININT64, "-9,223,372,036,854,775,808" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ud_format_thousands (cases[i].n);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
assert_round_trip (UdFen fen)
{
  g_autofree char *grouped = ud_money_format (fen);
  g_autofree char *plain = ud_money_format_plain (fen);
  g_autoptr(GError) error = NULL;
  UdFen back = 0;

  g_assert_true (ud_money_parse (grouped, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back, ==, fen);

  g_assert_true (ud_money_parse (plain, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back, ==, fen);
}

static void
test_round_trip (void)
{
  guint i;

  assert_round_trip (0);
  assert_round_trip (1);
  assert_round_trip (-1);
  assert_round_trip (999);
  assert_round_trip (1000);
  assert_round_trip (G_MAXINT64);
  assert_round_trip (-G_MAXINT64);

  for (i = 0; i < 2000; i++)
    {
      /* amounts of every size, from fen to the 64-bit limit */
      guint64 hi = (guint64) g_test_rand_int ();
      guint64 lo = (guint64) g_test_rand_int ();
      guint shift = (guint) g_test_rand_int_range (0, 63);
      gint64 v = (gint64) (((hi << 32) | lo) >> (shift + 1));

      assert_round_trip (g_test_rand_bit () ? v : -v);
    }
}

static void
test_capitals (void)
{
  static const struct {
    UdFen fen;
    const char *capitals;
  } cases[] = {
    /* from the issue and the lead's list */
    { 0, "零元整" },
    { 1200000, "壹万贰仟元整" },
    { 2045050, "贰万零肆佰伍拾元伍角" },
    { 100000, "壹仟元整" },
    { G_GINT64_CONSTANT (10000000000), "壹亿元整" },
    { 1005, "壹拾元零伍分" },
    { 105000, "壹仟零伍拾元整" },
    { 100100000, "壹佰万零壹仟元整" },
    /* 10,000.01 and 10,000.10 (the list had 1000010 → 壹万元零壹分, which is
     * 10,000.01; 1000010 fen is 10,000.10) */
    { 1000001, "壹万元零壹分" },
    { 1000010, "壹万元壹角" },
    /* the examples of 《正确填写票据和结算凭证的基本规定》 */
    { 140950, "壹仟肆佰零玖元伍角" },
    { 600714, "陆仟零柒元壹角肆分" },
    { 1640902, "壹万陆仟肆佰零玖元零贰分" },
    { 32504, "叁佰贰拾伍元零肆分" },
    { 168032, "壹仟陆佰捌拾元叁角贰分" },
    { 10700053, "壹拾万零柒仟元伍角叁分" },
    /* under one yuan: no 元 */
    { 1, "壹分" },
    { 5, "伍分" },
    { 50, "伍角" },
    { 53, "伍角叁分" },
    { 105, "壹元零伍分" },
    { 100, "壹元整" },
    /* 拾 always with its digit */
    { 1000, "壹拾元整" },
    { 1100, "壹拾壹元整" },
    { 11000, "壹佰壹拾元整" },
    { 10000000, "壹拾万元整" },
    /* zeros around 万 and 亿 */
    { 100000100, "壹佰万零壹元整" },
    { G_GINT64_CONSTANT (10000100000), "壹亿零壹仟元整" },
    { G_GINT64_CONSTANT (10000000100), "壹亿零壹元整" },
    { G_GINT64_CONSTANT (10100000000), "壹亿零壹佰万元整" },
    { G_GINT64_CONSTANT (11000000000), "壹亿壹仟万元整" },
    { G_GINT64_CONSTANT (110000000000), "壹拾壹亿元整" },
    { G_GINT64_CONSTANT (100000000000000), "壹万亿元整" },
    { G_GINT64_CONSTANT (100010000000000), "壹万零壹亿元整" },
    { G_GINT64_CONSTANT (1000000000000000000), "壹亿亿元整" },
    { G_MAXINT64, "玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分" },
    /* negative */
    { -500, "负伍元整" },
    { -2045050, "负贰万零肆佰伍拾元伍角" },
    { -5, "负伍分" },
    { G_MININT64, "负玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零捌分" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *capitals = ud_money_capitals (cases[i].fen);

      g_assert_cmpstr (capitals, ==, cases[i].capitals);
    }
}

static void
test_capitals_of_parsed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *capitals = NULL;
  UdFen fen = 0;

  /* the amount on the approval form, as typed */
  g_assert_true (ud_money_parse ("20,450.50", &fen, &error));
  g_assert_no_error (error);
  capitals = ud_money_capitals (fen);
  g_assert_cmpstr (capitals, ==, "贰万零肆佰伍拾元伍角");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/money/parse", test_parse);
  g_test_add_func ("/money/parse-exact", test_parse_exact);
  g_test_add_func ("/money/parse-errors", test_parse_errors);
  g_test_add_func ("/money/format", test_format);
  g_test_add_func ("/money/format-wan", test_format_wan);
  g_test_add_func ("/money/format-thousands", test_format_thousands);
  g_test_add_func ("/money/round-trip", test_round_trip);
  g_test_add_func ("/money/capitals", test_capitals);
  g_test_add_func ("/money/capitals-of-parsed", test_capitals_of_parsed);

  return g_test_run ();
}
