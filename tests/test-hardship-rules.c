/* test-hardship-rules.c — the hardship-household category rule (DOMAIN.md §4)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-hardship-rules"

#include "config.h"

#include <gio/gio.h>

#include "ud-hardship-rules.h"

/* Money in the tests is written in fen, as the rule sees it. */
#define YUAN(y) ((UdFen) (y) * 100)

/* The line in force on 2024-09-01 is 1,450.00 (DOMAIN §2). */
#define LINE YUAN (1450)

static UdHardshipRules *
default_rules (void)
{
  g_autoptr(GError) error = NULL;
  UdHardshipRules *rules = ud_hardship_rules_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (rules);
  return rules;
}

/* An urban household of @size on 2024-09-01 with @income and @medical,
 * nothing else. */
static UdHardshipCase
make_case (guint size,
           UdFen income,
           UdFen medical)
{
  UdHardshipCase c = { 0, };

  g_date_clear (&c.date, 1);
  g_date_set_dmy (&c.date, 1, G_DATE_SEPTEMBER, 2024);
  c.household_size = size;
  c.income_12m = income;
  c.medical = medical;
  return c;
}

static void
quote (const UdHardshipCase *c,
       UdHardshipQuote      *out)
{
  g_autoptr(UdHardshipRules) rules = default_rules ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_hardship_quote (rules, c, out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out->reasons->len, >=, 2);
  g_assert_cmpstr (out->rules_version, ==, "2024-01");
}

static gboolean
failed_has (const UdHardshipQuote *q,
            const char            *code)
{
  for (guint i = 0; i < q->failed->len; i++)
    if (g_str_equal (g_ptr_array_index (q->failed, i), code))
      return TRUE;
  return FALSE;
}

/* The example of the issue: (48,000 − 9,000) ÷ 12 ÷ 3 = 1,083.33 < 1,450. */
static void
test_issue_example (void)
{
  const char *json =
    "{\"date\": \"2024-09-01\", \"employment\": \"migrant\", \"employed_months\": 30,"
    " \"household\": {\"size\": 3, \"income_12m\": \"48000.00\"},"
    " \"rigid_expenses\": {\"medical\": \"6000.00\", \"education\": \"3000.00\","
    "                    \"disability_care\": \"0\", \"work\": \"0\"},"
    " \"losses\": \"0\","
    " \"exclusions\": {\"two_homes\": false, \"employs_others\": false, \"private_school\": false}}";
  g_autoptr(UdHardshipRules) rules = default_rules ();
  g_autoptr(GError) error = NULL;
  g_auto(UdHardshipQuote) q = { 0, };
  g_autofree char *answer = NULL;
  UdHardshipCase c;

  g_assert_true (ud_hardship_case_from_json (json, &c, &error));
  g_assert_no_error (error);
  g_assert_true (ud_hardship_quote (rules, &c, &q, &error));
  g_assert_true (q.eligible);
  g_assert_cmpint (q.category, ==, UD_HARDSHIP_DEEP);
  g_assert_cmpint (q.per_capita, ==, 108333);
  g_assert_cmpint (q.line, ==, LINE);

  answer = ud_hardship_quote_to_json (&q);
  g_assert_true (g_str_has_prefix (answer, "{\"eligible\":true,\"category\":\"deep\",\"per_capita\":\"1083.33\",\"line\":\"1450.00\",\"failed\":[],\"reasons\":[\""));
  g_assert_true (g_str_has_suffix (answer, "\"rules_version\":\"2024-01\"}"));
}

/* P = L exactly is relative; a fen less is deep.  A household of one:
 * 12 × 1,450.00 = 17,400.00 a year. */
static void
test_line_boundary (void)
{
  g_auto(UdHardshipQuote) at = { 0, };
  g_auto(UdHardshipQuote) below = { 0, };
  UdHardshipCase c = make_case (1, YUAN (17400), 0);

  quote (&c, &at);
  g_assert_cmpint (at.category, ==, UD_HARDSHIP_RELATIVE);
  g_assert_cmpint (at.per_capita, ==, LINE);
  g_assert_true (at.eligible);

  c.income_12m = YUAN (17400) - 1;
  quote (&c, &below);
  g_assert_cmpint (below.category, ==, UD_HARDSHIP_DEEP);
  /* 17,399.99 ÷ 12 = 1,449.9991…: shown rounded toward zero, compared exactly. */
  g_assert_cmpint (below.per_capita, ==, LINE - 1);
}

/* P = 2L is no longer relative; without costs it is none. */
static void
test_twice_line_boundary (void)
{
  g_auto(UdHardshipQuote) at = { 0, };
  g_auto(UdHardshipQuote) below = { 0, };
  UdHardshipCase c = make_case (1, YUAN (34800), 0);

  quote (&c, &at);
  g_assert_cmpint (at.category, ==, UD_HARDSHIP_NONE);
  g_assert_false (at.eligible);
  g_assert_cmpuint (at.failed->len, ==, 1);
  g_assert_true (failed_has (&at, "not_in_hardship"));

  c.income_12m = YUAN (34800) - 1;
  quote (&c, &below);
  g_assert_cmpint (below.category, ==, UD_HARDSHIP_RELATIVE);
  g_assert_true (below.eligible);

  /* The same with a household of three: 3 × 12 × 2,900.00 = 104,400.00. */
  {
    g_auto(UdHardshipQuote) three = { 0, };
    UdHardshipCase c3 = make_case (3, YUAN (104400) + YUAN (5000), YUAN (5000));

    quote (&c3, &three);
    g_assert_cmpint (three.category, ==, UD_HARDSHIP_NONE);
    c3.income_12m -= 1;
    ud_hardship_quote_clear (&three);
    quote (&c3, &three);
    g_assert_cmpint (three.category, ==, UD_HARDSHIP_RELATIVE);
  }
}

/* Accident: P ≥ 2L and the year's costs above 80 % of the income.
 * Income 100,000.00, medical 40,000.00: P = 5,000.00 ≥ 2,900.00; costs
 * exactly 80,000.00 (80 %) are not above it, a fen more is. */
static void
test_accident_boundary (void)
{
  g_auto(UdHardshipQuote) at = { 0, };
  g_auto(UdHardshipQuote) above = { 0, };
  UdHardshipCase c = make_case (1, YUAN (100000), YUAN (40000));

  c.losses = YUAN (40000);
  quote (&c, &at);
  g_assert_cmpint (at.category, ==, UD_HARDSHIP_NONE);
  g_assert_true (failed_has (&at, "not_in_hardship"));

  c.losses = YUAN (40000) + 1;
  quote (&c, &above);
  g_assert_cmpint (above.category, ==, UD_HARDSHIP_ACCIDENT);
  g_assert_true (above.eligible);
  g_assert_cmpint (above.per_capita, ==, YUAN (5000));
}

/* Rigid expenses above the income: P is negative, deep hardship; rounded
 * toward zero: −4,000.00 ÷ 12 = −333.33. */
static void
test_negative_income (void)
{
  g_auto(UdHardshipQuote) q = { 0, };
  g_autofree char *json = NULL;
  UdHardshipCase c = make_case (1, YUAN (1000), YUAN (5000));

  quote (&c, &q);
  g_assert_cmpint (q.category, ==, UD_HARDSHIP_DEEP);
  g_assert_cmpint (q.per_capita, ==, -33333);
  json = ud_hardship_quote_to_json (&q);
  g_assert_nonnull (strstr (json, "\"per_capita\":\"-333.33\""));
}

/* A migrant worker needs 12 months: 11 fails, 12 passes; an urban worker
 * is not asked. */
static void
test_migrant_months (void)
{
  g_auto(UdHardshipQuote) short_q = { 0, };
  g_auto(UdHardshipQuote) enough = { 0, };
  g_auto(UdHardshipQuote) urban = { 0, };
  UdHardshipCase c = make_case (2, YUAN (20000), 0);

  c.migrant = TRUE;
  c.employed_months = 11;
  quote (&c, &short_q);
  g_assert_cmpint (short_q.category, ==, UD_HARDSHIP_DEEP);
  g_assert_false (short_q.eligible);
  g_assert_cmpuint (short_q.failed->len, ==, 1);
  g_assert_true (failed_has (&short_q, "migrant_under_one_year"));

  c.employed_months = 12;
  quote (&c, &enough);
  g_assert_true (enough.eligible);

  c.migrant = FALSE;
  c.employed_months = 0;
  quote (&c, &urban);
  g_assert_true (urban.eligible);
}

/* Every exclusion is a failed code, in the documented order. */
static void
test_exclusions (void)
{
  g_auto(UdHardshipQuote) q = { 0, };
  UdHardshipCase c = make_case (1, YUAN (40000), 0);

  c.migrant = TRUE;
  c.employed_months = 3;
  c.two_homes = c.employs_others = c.private_school = TRUE;
  quote (&c, &q);
  g_assert_false (q.eligible);
  g_assert_cmpuint (q.failed->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (q.failed, 0), ==, "not_in_hardship");
  g_assert_cmpstr (g_ptr_array_index (q.failed, 1), ==, "migrant_under_one_year");
  g_assert_cmpstr (g_ptr_array_index (q.failed, 2), ==, "two_homes");
  g_assert_cmpstr (g_ptr_array_index (q.failed, 3), ==, "employs_others");
  g_assert_cmpstr (g_ptr_array_index (q.failed, 4), ==, "private_school");
}

/* The line in force on the date: 1,395.00 on 2024-06-30, 1,450.00 from
 * 2024-07-01; nothing before 2022-07-01. */
static void
test_line_in_force (void)
{
  g_autoptr(UdHardshipRules) rules = default_rules ();
  g_autoptr(GError) error = NULL;
  g_auto(UdHardshipQuote) q = { 0, };
  UdHardshipCase c = make_case (1, YUAN (10000), 0);

  g_date_set_dmy (&c.date, 30, G_DATE_JUNE, 2024);
  g_assert_true (ud_hardship_quote (rules, &c, &q, &error));
  g_assert_cmpint (q.line, ==, YUAN (1395));
  ud_hardship_quote_clear (&q);

  g_date_set_dmy (&c.date, 30, G_DATE_JUNE, 2022);
  g_assert_false (ud_hardship_quote (rules, &c, &q, &error));
  g_assert_error (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "date: "));
}

/* Bad input: one sentence naming the field. */
static void
test_bad_input (void)
{
  static const struct { const char *json; const char *prefix; } cases[] = {
    { "{\"date\": \"2024-09-01\", \"employment\": \"urban\", \"household\": {\"size\": 0, \"income_12m\": \"1\"},"
      " \"rigid_expenses\": {\"medical\": \"0\", \"education\": \"0\", \"disability_care\": \"0\", \"work\": \"0\"},"
      " \"losses\": \"0\", \"exclusions\": {\"two_homes\": false, \"employs_others\": false, \"private_school\": false}}",
      "household.size: " },
    { "{\"date\": \"2024-09-01\", \"employment\": \"urban\", \"household\": {\"size\": 1, \"income_12m\": \"1\"},"
      " \"rigid_expenses\": {\"medical\": \"-1.00\", \"education\": \"0\", \"disability_care\": \"0\", \"work\": \"0\"},"
      " \"losses\": \"0\", \"exclusions\": {\"two_homes\": false, \"employs_others\": false, \"private_school\": false}}",
      "rigid_expenses.medical: " },
    { "{\"date\": \"2024-09-01\", \"employment\": \"urban\", \"household\": {\"size\": 1, \"income_12m\": \"1\"},"
      " \"rigid_expenses\": {\"medical\": \"0\", \"education\": \"0\", \"disability_care\": \"0\"},"
      " \"losses\": \"0\", \"exclusions\": {\"two_homes\": false, \"employs_others\": false, \"private_school\": false}}",
      "rigid_expenses.work: " },
    { "{\"date\": \"2024-09-01\", \"employment\": \"farmer\", \"household\": {\"size\": 1, \"income_12m\": \"1\"},"
      " \"rigid_expenses\": {\"medical\": \"0\", \"education\": \"0\", \"disability_care\": \"0\", \"work\": \"0\"},"
      " \"losses\": \"0\", \"exclusions\": {\"two_homes\": false, \"employs_others\": false, \"private_school\": false}}",
      "employment: " },
    { "{\"date\": \"2024-09-01\", \"employment\": \"migrant\", \"household\": {\"size\": 1, \"income_12m\": \"1\"},"
      " \"rigid_expenses\": {\"medical\": \"0\", \"education\": \"0\", \"disability_care\": \"0\", \"work\": \"0\"},"
      " \"losses\": \"0\", \"exclusions\": {\"two_homes\": false, \"employs_others\": false, \"private_school\": false}}",
      "employed_months: " },
    { "{\"date\": \"2024-09-01\", \"employment\": \"urban\", \"household\": {\"size\": 1, \"income_12m\": 1.5},"
      " \"rigid_expenses\": {\"medical\": \"0\", \"education\": \"0\", \"disability_care\": \"0\", \"work\": \"0\"},"
      " \"losses\": \"0\", \"exclusions\": {\"two_homes\": false, \"employs_others\": false, \"private_school\": false}}",
      "household.income_12m: " },
    { "{\"date\": \"2024-09-01\", \"employment\": \"urban\", \"household\": {\"size\": 1, \"income_12m\": \"1\"},"
      " \"rigid_expenses\": {\"medical\": \"0\", \"education\": \"0\", \"disability_care\": \"0\", \"work\": \"0\"},"
      " \"losses\": \"0\", \"exclusions\": {\"two_homes\": false, \"employs_others\": false, \"private_school\": false},"
      " \"bonus\": 1}",
      "bonus: " },
  };
  g_autoptr(UdHardshipRules) rules = default_rules ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(UdHardshipQuote) q = { 0, };
      UdHardshipCase c;
      gboolean ok;

      ok = ud_hardship_case_from_json (cases[i].json, &c, &error) && ud_hardship_quote (rules, &c, &q, &error);
      g_assert_false (ok);
      g_assert_error (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INPUT);
      g_assert_true (g_str_has_prefix (error->message, cases[i].prefix));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hardship-rules/issue-example", test_issue_example);
  g_test_add_func ("/hardship-rules/line", test_line_boundary);
  g_test_add_func ("/hardship-rules/twice-line", test_twice_line_boundary);
  g_test_add_func ("/hardship-rules/accident", test_accident_boundary);
  g_test_add_func ("/hardship-rules/negative", test_negative_income);
  g_test_add_func ("/hardship-rules/migrant", test_migrant_months);
  g_test_add_func ("/hardship-rules/exclusions", test_exclusions);
  g_test_add_func ("/hardship-rules/line-in-force", test_line_in_force);
  g_test_add_func ("/hardship-rules/bad-input", test_bad_input);

  return g_test_run ();
}
