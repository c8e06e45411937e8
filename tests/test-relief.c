/* test-relief.c — the serious-illness relief rules (DOMAIN.md §3)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-relief"

#include "config.h"

#include <gio/gio.h>

#include "ud-relief.h"

/* Money in the tests is written in fen, as the engine sees it. */
#define YUAN(y) ((UdFen) (y) * 100)

/* A rules table in the default shape with the parts a test varies. */
#define TEST_RULES_FORMAT \
  "[{\"version\": \"test\", \"effective\": \"%s\", \"threshold\": \"20000.00\"," \
  "  \"tiers\": [{\"from\": \"20000.00\", \"amount\": \"2000.00\"}," \
  "            {\"from\": \"50000.00\", \"amount\": \"5000.00\"}," \
  "            {\"from\": \"80000.00\", \"amount\": \"8000.00\"}," \
  "            {\"from\": \"120000.00\", \"amount\": \"12000.00\"}," \
  "            {\"from\": \"200000.00\", \"amount\": \"16000.00\"}," \
  "            {\"from\": \"300000.00\", \"amount\": \"20000.00\"}]," \
  "  \"relations\": %s, \"hardship\": %s, \"window_days\": 365," \
  "  \"min_amount\": \"2000.00\", \"max_amount\": \"20000.00\"}]"

#define DEFAULT_HARDSHIP \
  "[{\"steps\": 2, \"income_below_line_times\": 1}," \
  " {\"steps\": 1, \"income_below_line_times\": 2, \"archived\": true}]"

#define TEST_DISEASES \
  "[{\"version\": \"test\", \"effective\": \"2022-01-01\"," \
  "  \"diseases\": [{\"code\": \"D01\", \"name\": \"恶性肿瘤—重度\"}]}]"

/* The example of DESIGN.md §10. */
#define DESIGN_EXAMPLE \
  "{\"date\": \"2024-09-01\", \"relation\": \"self\", \"disease\": \"D01\", \"member_active\": true,\n" \
  " \"costs\": {\"total\": \"156300.00\", \"insurance\": \"80000.00\", \"government_aid\": \"0\",\n" \
  "           \"mutual_aid\": \"10000.00\", \"other\": \"0\"},\n" \
  " \"household\": {\"size\": 3, \"income_12m\": \"60000.00\", \"archived\": false},\n" \
  " \"prior_reliefs\": [\"2023-12-01\"]}"

static GDate
make_date (guint year,
           guint month,
           guint day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return date;
}

static UdReliefRules *
default_rules (void)
{
  g_autoptr(GError) error = NULL;
  UdReliefRules *rules = ud_relief_rules_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (rules);
  return rules;
}

static char *
reference_text (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = ud_relief_reference_lookup (name, &error);

  g_assert_no_error (error);
  return g_strdup (g_bytes_get_data (bytes, NULL));
}

/* The shipped low-income line with a test catalogue and test rules. */
static UdReliefRules *
test_rules (const char *effective,
            const char *relations,
            const char *hardship)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = reference_text ("low-income-line.json");
  g_autofree char *rules_json = g_strdup_printf (TEST_RULES_FORMAT, effective, relations, hardship);
  UdReliefRules *rules;

  rules = ud_relief_rules_new_from_json (lines, TEST_DISEASES, rules_json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rules);
  return rules;
}

/* An eligible member on 2024-09-01 with self-paid @self_paid and a
 * household too well off for any hardship step. */
static UdReliefCase *
make_case (UdFen self_paid)
{
  UdReliefCase *c = ud_relief_case_new ();

  c->date = make_date (2024, 9, 1);
  c->relation = UD_RELATION_SELF;
  c->disease = g_strdup ("D01");
  c->member_active = TRUE;
  c->total = self_paid + YUAN (1000);
  c->insurance = YUAN (1000);
  c->household_size = 3;
  c->income_12m = YUAN (500000);
  return c;
}

static void
add_prior (UdReliefCase *c,
           guint         year,
           guint         month,
           guint         day)
{
  GDate date = make_date (year, month, day);

  g_array_append_val (c->prior_reliefs, date);
}

static void
quote_ok (UdReliefRules      *rules,
          const UdReliefCase *c,
          UdReliefQuote      *q)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = ud_relief_quote (rules, c, q, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
assert_failed (const UdReliefQuote *q,
               const char * const  *codes)
{
  guint n = g_strv_length ((char **) codes);

  g_assert_false (q->eligible);
  g_assert_cmpuint (q->tier, ==, 0);
  g_assert_cmpint (q->amount, ==, 0);
  g_assert_cmpuint (q->failed->len, ==, n);
  g_assert_cmpuint (q->reasons->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (q->failed, i), ==, codes[i]);
}

static void
assert_quote_error (UdReliefRules      *rules,
                    const UdReliefCase *c,
                    const char         *message)
{
  g_auto(UdReliefQuote) q = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_false (ud_relief_quote (rules, c, &q, &error));
  g_assert_error (error, UD_RELIEF_ERROR, UD_RELIEF_ERROR_INPUT);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_null (q.failed);
  g_assert_null (q.rules_version);
}

static void
test_default_tables (void)
{
  g_autoptr(UdReliefRules) rules = default_rules ();
  g_autoptr(GPtrArray) diseases = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const UdReliefDisease *disease;
  struct {
    guint y, m, d;
    UdFen line;
  } lines[] = {
    { 2022, 6, 30, 0 },
    { 2022, 7, 1, YUAN (1320) },
    { 2023, 6, 30, YUAN (1320) },
    { 2023, 7, 1, YUAN (1395) },
    { 2024, 6, 30, YUAN (1395) },
    { 2024, 7, 1, YUAN (1450) },
    { 2030, 1, 1, YUAN (1450) },
  };
  GDate date;
  UdFen min_amount = 0;
  UdFen max_amount = 0;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      date = make_date (lines[i].y, lines[i].m, lines[i].d);
      g_assert_cmpint (ud_relief_rules_low_income_line (rules, &date), ==, lines[i].line);
    }

  date = make_date (2024, 9, 1);
  diseases = ud_relief_rules_diseases (rules, &date);
  g_assert_cmpuint (diseases->len, ==, 30);
  for (guint i = 0; i < diseases->len; i++)
    {
      g_autofree char *code = g_strdup_printf ("D%02u", i + 1);

      disease = g_ptr_array_index (diseases, i);
      g_assert_cmpstr (disease->code, ==, code);
    }
  disease = g_ptr_array_index (diseases, 0);
  g_assert_cmpstr (disease->name, ==, "恶性肿瘤—重度");
  disease = g_ptr_array_index (diseases, 19);
  g_assert_cmpstr (disease->name, ==, "严重Ⅲ度烧伤");
  disease = g_ptr_array_index (diseases, 27);
  g_assert_cmpstr (disease->name, ==, "严重溃疡性结肠炎");
  disease = g_ptr_array_index (diseases, 28);
  g_assert_cmpstr (disease->name, ==, "系统性红斑狼疮(肾损害)");
  disease = g_ptr_array_index (diseases, 29);
  g_assert_cmpstr (disease->name, ==, "冠状动脉支架植入术");

  g_assert_cmpstr (ud_relief_rules_version (rules, &date), ==, "2024-01");
  g_assert_true (ud_relief_rules_amount_range (rules, &date, &min_amount, &max_amount));
  g_assert_cmpint (min_amount, ==, YUAN (2000));
  g_assert_cmpint (max_amount, ==, YUAN (20000));

  date = make_date (2024, 1, 1);
  g_assert_cmpstr (ud_relief_rules_version (rules, &date), ==, "2024-01");
  date = make_date (2023, 12, 31);
  g_assert_null (ud_relief_rules_version (rules, &date));
  g_assert_false (ud_relief_rules_amount_range (rules, &date, NULL, NULL));
  none = ud_relief_rules_diseases (rules, &date);
  g_assert_cmpuint (none->len, ==, 0);
}

/* What the library embeds is what data/reference/ holds. */
static void
test_reference_embedded (void)
{
  const char *names[] = { "low-income-line.json", "diseases.json", "relief-rules.json" };
  const char *datadir = g_getenv ("UD_SOURCE_DATADIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) missing = NULL;

  if (datadir == NULL)
    {
      g_test_skip ("UD_SOURCE_DATADIR is not set");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (datadir, "reference", names[i], NULL);
      g_autofree char *on_disk = NULL;
      g_autofree char *embedded = reference_text (names[i]);

      g_file_get_contents (path, &on_disk, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (embedded, ==, on_disk);
    }

  missing = ud_relief_reference_lookup ("no-such-table.json", &error);
  g_assert_null (missing);
  g_assert_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND);
}

static void
test_tiers (void)
{
  g_autoptr(UdReliefRules) rules = default_rules ();
  const struct {
    UdFen self_paid;
    guint tier;
    UdFen amount;
  } cases[] = {
    { 1999999, 0, 0 },
    { 2000000, 1, YUAN (2000) },
    { 4999999, 1, YUAN (2000) },
    { 5000000, 2, YUAN (5000) },
    { 7999999, 2, YUAN (5000) },
    { 8000000, 3, YUAN (8000) },
    { 11999999, 3, YUAN (8000) },
    { 12000000, 4, YUAN (12000) },
    { 19999999, 4, YUAN (12000) },
    { 20000000, 5, YUAN (16000) },
    { 29999999, 5, YUAN (16000) },
    { 30000000, 6, YUAN (20000) },
    { YUAN (5000000), 6, YUAN (20000) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(UdReliefCase) c = make_case (cases[i].self_paid);
      g_auto(UdReliefQuote) q = { 0, };

      quote_ok (rules, c, &q);
      g_assert_cmpint (q.self_paid, ==, cases[i].self_paid);
      g_assert_cmpuint (q.tier, ==, cases[i].tier);
      g_assert_cmpint (q.amount, ==, cases[i].amount);
      g_assert_cmpstr (q.rules_version, ==, "2024-01");
      g_assert_cmpint (q.low_income_line, ==, YUAN (1450));
      if (cases[i].tier == 0)
        {
          const char *codes[] = { "self_paid_below_threshold", NULL };

          assert_failed (&q, codes);
        }
      else
        {
          g_assert_true (q.eligible);
          g_assert_cmpuint (q.failed->len, ==, 0);
          g_assert_cmpint (q.amount, >=, YUAN (2000));
          g_assert_cmpint (q.amount, <=, YUAN (20000));
        }
    }
}

/* Reasons name the figures the clerk can check by hand. */
static void
test_reasons (void)
{
  g_autoptr(UdReliefRules) rules = default_rules ();
  g_autoptr(UdReliefCase) c = make_case (YUAN (56300));
  g_auto(UdReliefQuote) q = { 0, };

  /* 12 × 2 persons × 1,450.00 = 34,800.00 */
  c->household_size = 2;
  c->income_12m = YUAN (20000);
  quote_ok (rules, c, &q);
  g_assert_cmpuint (q.reasons->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (q.reasons, 0), ==, "self-paid 56,300.00 ≥ 50,000.00 → 5,000.00");
  g_assert_cmpstr (g_ptr_array_index (q.reasons, 1), ==,
                   "per-capita income below the low-income line (1,450.00) → +2 tiers → 12,000.00");
  ud_relief_quote_clear (&q);

  c->income_12m = YUAN (40000);
  quote_ok (rules, c, &q);
  g_assert_cmpstr (g_ptr_array_index (q.reasons, 1), ==,
                   "per-capita income below 2 × the low-income line (1,450.00) → +1 tier → 8,000.00");
  ud_relief_quote_clear (&q);

  c->archived = TRUE;
  quote_ok (rules, c, &q);
  g_assert_cmpstr (g_ptr_array_index (q.reasons, 1), ==,
                   "per-capita income below 2 × the low-income line (1,450.00) and archived hardship household → +1 tier → 8,000.00");
  ud_relief_quote_clear (&q);

  c->income_12m = YUAN (100000);
  quote_ok (rules, c, &q);
  g_assert_cmpstr (g_ptr_array_index (q.reasons, 1), ==, "archived hardship household → +1 tier → 8,000.00");
  ud_relief_quote_clear (&q);

  c->archived = FALSE;
  quote_ok (rules, c, &q);
  g_assert_cmpuint (q.tier, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (q.reasons, 1), ==,
                   "per-capita income not below 2 × the low-income line (1,450.00) and not an archived hardship household → no extra tier");
}

/* D = 2024-09-01, n = 3, L = 1,450.00: 12nL = 52,200.00 and 24nL =
 * 104,400.00.  Self-paid 66,300.00 is tier 2. */
static void
test_hardship_boundaries (void)
{
  g_autoptr(UdReliefRules) rules = default_rules ();
  const struct {
    UdFen income;
    gboolean archived;
    guint tier;
    UdFen amount;
  } cases[] = {
    { 0, FALSE, 4, YUAN (12000) },
    { 5219999, FALSE, 4, YUAN (12000) },
    { 5220000, FALSE, 3, YUAN (8000) },
    { 10439999, FALSE, 3, YUAN (8000) },
    { 10440000, FALSE, 2, YUAN (5000) },
    { 10440000, TRUE, 3, YUAN (8000) },
    /* the first rule that holds applies: +2, not +3 */
    { 5219999, TRUE, 4, YUAN (12000) },
    { G_MAXINT64, FALSE, 2, YUAN (5000) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(UdReliefCase) c = make_case (YUAN (66300));
      g_auto(UdReliefQuote) q = { 0, };

      c->income_12m = cases[i].income;
      c->archived = cases[i].archived;
      quote_ok (rules, c, &q);
      g_assert_true (q.eligible);
      g_assert_cmpuint (q.tier, ==, cases[i].tier);
      g_assert_cmpint (q.amount, ==, cases[i].amount);
    }
}

/* Products stay exact up to the largest household; a product beyond
 * 64 bits (only possible with absurd table figures) is above any income. */
static void
test_hardship_large_numbers (void)
{
  g_autoptr(UdReliefRules) rules = default_rules ();
  g_autoptr(UdReliefRules) absurd = test_rules ("2022-01-01", "[\"self\"]",
                                                "[{\"steps\": 1, \"income_below_line_times\": 4294967295}]");
  const struct {
    UdFen income;
    guint tier;
  } cases[] = {
    /* 12 × 4,294,967,295 persons × 145,000 fen */
    { G_GINT64_CONSTANT (7473243093299999), 4 },
    { G_GINT64_CONSTANT (7473243093300000), 3 },
    { G_GINT64_CONSTANT (14946486186599999), 3 },
    { G_GINT64_CONSTANT (14946486186600000), 2 },
    { G_MAXINT64, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(UdReliefCase) c = make_case (YUAN (66300));
      g_auto(UdReliefQuote) q = { 0, };

      c->household_size = G_MAXUINT;
      c->income_12m = cases[i].income;
      quote_ok (rules, c, &q);
      g_assert_cmpuint (q.tier, ==, cases[i].tier);
      ud_relief_quote_clear (&q);

      if (i == G_N_ELEMENTS (cases) - 1)
        {
          quote_ok (absurd, c, &q);
          g_assert_cmpuint (q.tier, ==, 3);
        }
    }
}

/* The line in force on the application date decides the hardship step. */
static void
test_line_change_dates (void)
{
  g_autoptr(UdReliefRules) rules = test_rules ("2022-01-01", "[\"self\"]", DEFAULT_HARDSHIP);
  g_autoptr(UdReliefRules) defaults = default_rules ();
  g_autoptr(UdReliefCase) early = make_case (YUAN (66300));
  const struct {
    guint y, m, d;
    UdFen income;
    UdFen line;
    guint tier;
  } cases[] = {
    /* n = 1: 12 × 1,320.00 = 15,840.00; 12 × 1,395.00 = 16,740.00;
     * 12 × 1,450.00 = 17,400.00 */
    { 2023, 6, 30, YUAN (15840), YUAN (1320), 3 },
    { 2023, 7, 1, YUAN (15840), YUAN (1395), 4 },
    { 2024, 6, 30, YUAN (16740), YUAN (1395), 3 },
    { 2024, 7, 1, YUAN (16740), YUAN (1450), 4 },
    { 2023, 6, 30, YUAN (15839), YUAN (1320), 4 },
    { 2024, 6, 30, YUAN (16739), YUAN (1395), 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(UdReliefCase) c = make_case (YUAN (66300));
      g_auto(UdReliefQuote) q = { 0, };

      c->date = make_date (cases[i].y, cases[i].m, cases[i].d);
      c->household_size = 1;
      c->income_12m = cases[i].income;
      quote_ok (rules, c, &q);
      g_assert_cmpint (q.low_income_line, ==, cases[i].line);
      g_assert_cmpuint (q.tier, ==, cases[i].tier);
      g_assert_cmpstr (q.rules_version, ==, "test");
    }

  /* The shipped rules take effect on 2024-01-01. */
  early->date = make_date (2023, 12, 31);
  assert_quote_error (defaults, early, "date: no relief rules are in force on 2023-12-31");
}

static gboolean
counts_as_prior (UdReliefRules *rules,
                 GDate          date,
                 guint          year,
                 guint          month,
                 guint          day)
{
  const char *codes[] = { "relief_within_12_months", NULL };
  g_autoptr(UdReliefCase) c = make_case (YUAN (66300));
  g_auto(UdReliefQuote) q = { 0, };

  c->date = date;
  add_prior (c, year, month, day);
  quote_ok (rules, c, &q);
  if (q.eligible)
    return FALSE;

  assert_failed (&q, codes);
  return TRUE;
}

/* From D − 364 to D counts, D − 365 does not, counted in days. */
static void
test_window (void)
{
  g_autoptr(UdReliefRules) rules = default_rules ();
  GDate d;

  /* 2024-03-01 − 365 days = 2023-03-02, since 2024-02-29 lies between. */
  d = make_date (2024, 3, 1);
  g_assert_true (counts_as_prior (rules, d, 2024, 3, 1));
  g_assert_true (counts_as_prior (rules, d, 2024, 2, 29));
  g_assert_true (counts_as_prior (rules, d, 2023, 3, 3));
  g_assert_false (counts_as_prior (rules, d, 2023, 3, 2));
  g_assert_false (counts_as_prior (rules, d, 2023, 3, 1));
  g_assert_false (counts_as_prior (rules, d, 2024, 3, 2));

  /* 2025-02-28 − 365 days = 2024-02-29. */
  d = make_date (2025, 2, 28);
  g_assert_true (counts_as_prior (rules, d, 2024, 3, 1));
  g_assert_false (counts_as_prior (rules, d, 2024, 2, 29));

  /* 2025-03-01 − 365 days = 2024-03-01: no leap day between. */
  d = make_date (2025, 3, 1);
  g_assert_true (counts_as_prior (rules, d, 2024, 3, 2));
  g_assert_false (counts_as_prior (rules, d, 2024, 3, 1));

  /* 2024-09-01 − 365 days = 2023-09-02. */
  d = make_date (2024, 9, 1);
  g_assert_true (counts_as_prior (rules, d, 2023, 9, 3));
  g_assert_false (counts_as_prior (rules, d, 2023, 9, 2));
}

static void
test_window_reason (void)
{
  g_autoptr(UdReliefRules) rules = default_rules ();
  g_autoptr(UdReliefCase) c = make_case (YUAN (66300));
  g_auto(UdReliefQuote) q = { 0, };

  add_prior (c, 2022, 12, 1);
  add_prior (c, 2024, 2, 10);
  add_prior (c, 2023, 12, 1);
  quote_ok (rules, c, &q);
  g_assert_cmpuint (q.reasons->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (q.reasons, 0), ==,
                   "an illness relief was already approved on 2024-02-10, less than 365 days before 2024-09-01");
}

static void
test_each_failure (void)
{
  g_autoptr(UdReliefRules) rules = default_rules ();
  g_autoptr(UdReliefRules) family = test_rules ("2022-01-01", "[\"self\", \"spouse\", \"child\", \"parent\"]",
                                                DEFAULT_HARDSHIP);
  const char *inactive[] = { "member_inactive", NULL };
  const char *relation[] = { "relation_not_allowed", NULL };
  const char *disease[] = { "disease_not_listed", NULL };
  const char *all[] = {
    "member_inactive", "relation_not_allowed", "disease_not_listed",
    "self_paid_below_threshold", "relief_within_12_months", NULL
  };
  g_autoptr(UdReliefCase) c = NULL;
  g_auto(UdReliefQuote) q = { 0, };

  c = make_case (YUAN (66300));
  c->member_active = FALSE;
  quote_ok (rules, c, &q);
  assert_failed (&q, inactive);
  g_assert_cmpstr (g_ptr_array_index (q.reasons, 0), ==, "the member is not active on 2024-09-01");
  g_assert_cmpint (q.self_paid, ==, YUAN (66300));
  g_assert_cmpstr (q.rules_version, ==, "2024-01");
  ud_relief_quote_clear (&q);
  g_clear_pointer (&c, ud_relief_case_free);

  /* The default rules cover only the member; another table may cover the
   * family. */
  for (UdRelation r = UD_RELATION_SPOUSE; r <= UD_RELATION_PARENT; r++)
    {
      c = make_case (YUAN (66300));
      c->relation = r;
      quote_ok (rules, c, &q);
      assert_failed (&q, relation);
      ud_relief_quote_clear (&q);

      quote_ok (family, c, &q);
      g_assert_true (q.eligible);
      g_assert_cmpuint (q.tier, ==, 2);
      ud_relief_quote_clear (&q);
      g_clear_pointer (&c, ud_relief_case_free);
    }

  c = make_case (YUAN (66300));
  c->relation = UD_RELATION_SPOUSE;
  quote_ok (rules, c, &q);
  g_assert_cmpstr (g_ptr_array_index (q.reasons, 0), ==,
                   "the patient's relation to the member (spouse) is not covered by rules 2024-01");
  ud_relief_quote_clear (&q);
  g_clear_pointer (&c, ud_relief_case_free);

  c = make_case (YUAN (66300));
  g_free (c->disease);
  c->disease = g_strdup ("D31");
  quote_ok (rules, c, &q);
  assert_failed (&q, disease);
  g_assert_cmpstr (g_ptr_array_index (q.reasons, 0), ==,
                   "disease D31 is not in the catalogue in force on 2024-09-01");
  ud_relief_quote_clear (&q);

  /* Codes are matched without regard to case. */
  g_free (c->disease);
  c->disease = g_strdup ("d30");
  quote_ok (rules, c, &q);
  g_assert_true (q.eligible);
  ud_relief_quote_clear (&q);
  g_clear_pointer (&c, ud_relief_case_free);

  c = make_case (YUAN (12000));
  quote_ok (rules, c, &q);
  g_assert_cmpstr (g_ptr_array_index (q.reasons, 0), ==,
                   "self-paid 12,000.00 < 20,000.00, the minimum for relief");
  ud_relief_quote_clear (&q);
  g_clear_pointer (&c, ud_relief_case_free);

  /* Every failed rule is listed, in the order of DOMAIN.md §3. */
  c = make_case (YUAN (12000));
  c->member_active = FALSE;
  c->relation = UD_RELATION_PARENT;
  g_free (c->disease);
  c->disease = g_strdup ("X99");
  c->income_12m = 0;
  c->archived = TRUE;
  add_prior (c, 2024, 8, 31);
  quote_ok (rules, c, &q);
  assert_failed (&q, all);
  g_assert_cmpint (q.self_paid, ==, YUAN (12000));
}

static void
test_top_tier_cap (void)
{
  g_autoptr(UdReliefRules) rules = default_rules ();
  const struct {
    UdFen self_paid;
    UdFen income;
    gboolean archived;
    guint tier;
    const char *reason;
  } cases[] = {
    { YUAN (300000), 0, FALSE, 6,
      "per-capita income below the low-income line (1,450.00) → +2 tiers, capped at the top tier → 20,000.00" },
    { YUAN (250000), 0, FALSE, 6,
      "per-capita income below the low-income line (1,450.00) → +2 tiers, capped at the top tier → 20,000.00" },
    { YUAN (250000), YUAN (500000), TRUE, 6,
      "archived hardship household → +1 tier → 20,000.00" },
    { YUAN (150000), 0, FALSE, 6,
      "per-capita income below the low-income line (1,450.00) → +2 tiers → 20,000.00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(UdReliefCase) c = make_case (cases[i].self_paid);
      g_auto(UdReliefQuote) q = { 0, };

      c->income_12m = cases[i].income;
      c->archived = cases[i].archived;
      quote_ok (rules, c, &q);
      g_assert_cmpuint (q.tier, ==, cases[i].tier);
      g_assert_cmpint (q.amount, ==, YUAN (20000));
      g_assert_cmpstr (g_ptr_array_index (q.reasons, 1), ==, cases[i].reason);
    }
}

static void
test_impossible_input (void)
{
  g_autoptr(UdReliefRules) rules = default_rules ();
  g_autoptr(UdReliefCase) c = NULL;
  g_auto(UdReliefQuote) q = { 0, };

  c = make_case (YUAN (66300));
  c->insurance = -1;
  assert_quote_error (rules, c, "costs.insurance: the amount cannot be negative");
  c->insurance = 0;
  c->other = -100;
  assert_quote_error (rules, c, "costs.other: the amount cannot be negative");
  g_clear_pointer (&c, ud_relief_case_free);

  c = make_case (YUAN (66300));
  c->total = -1;
  assert_quote_error (rules, c, "costs.total: the amount cannot be negative");
  g_clear_pointer (&c, ud_relief_case_free);

  c = make_case (0);
  c->total = YUAN (1000);
  c->government_aid = 1;
  assert_quote_error (rules, c,
                      "costs: insurance, government aid, mutual aid and other together (1,000.01) "
                      "are more than the total cost 1,000.00");
  c->government_aid = G_MAXINT64;
  assert_quote_error (rules, c,
                      "costs: insurance, government aid, mutual aid and other together "
                      "are more than the total cost 1,000.00");
  g_clear_pointer (&c, ud_relief_case_free);

  /* Reimbursed to the fen is possible: nothing self-paid. */
  c = make_case (0);
  quote_ok (rules, c, &q);
  g_assert_cmpint (q.self_paid, ==, 0);
  g_assert_false (q.eligible);
  ud_relief_quote_clear (&q);
  g_clear_pointer (&c, ud_relief_case_free);

  c = make_case (YUAN (66300));
  c->household_size = 0;
  assert_quote_error (rules, c, "household.size: a household has at least one person");
  c->household_size = 1;
  c->income_12m = -1;
  assert_quote_error (rules, c, "household.income_12m: the income cannot be negative");
  g_clear_pointer (&c, ud_relief_case_free);

  c = make_case (YUAN (66300));
  g_date_clear (&c->date, 1);
  assert_quote_error (rules, c, "date: the application date is missing");
  g_clear_pointer (&c, ud_relief_case_free);

  c = make_case (YUAN (66300));
  g_clear_pointer (&c->disease, g_free);
  assert_quote_error (rules, c, "disease: the disease code is missing");
  g_clear_pointer (&c, ud_relief_case_free);

  /* A case the app builds by hand may carry no list of prior reliefs. */
  c = make_case (YUAN (66300));
  g_clear_pointer (&c->prior_reliefs, g_array_unref);
  quote_ok (rules, c, &q);
  g_assert_true (q.eligible);
}

static void
test_json_in (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdReliefCase) c = NULL;
  GDate expected;

  c = ud_relief_case_from_json (DESIGN_EXAMPLE, &error);
  g_assert_no_error (error);
  expected = make_date (2024, 9, 1);
  g_assert_cmpint (g_date_compare (&c->date, &expected), ==, 0);
  g_assert_cmpint (c->relation, ==, UD_RELATION_SELF);
  g_assert_cmpstr (c->disease, ==, "D01");
  g_assert_true (c->member_active);
  g_assert_cmpint (c->total, ==, YUAN (156300));
  g_assert_cmpint (c->insurance, ==, YUAN (80000));
  g_assert_cmpint (c->government_aid, ==, 0);
  g_assert_cmpint (c->mutual_aid, ==, YUAN (10000));
  g_assert_cmpint (c->other, ==, 0);
  g_assert_cmpuint (c->household_size, ==, 3);
  g_assert_cmpint (c->income_12m, ==, YUAN (60000));
  g_assert_false (c->archived);
  g_assert_cmpuint (c->prior_reliefs->len, ==, 1);
  expected = make_date (2023, 12, 1);
  g_assert_cmpint (g_date_compare (&g_array_index (c->prior_reliefs, GDate, 0), &expected), ==, 0);
  g_clear_pointer (&c, ud_relief_case_free);

  /* Optional parts left out; whole yuan as JSON integers. */
  c = ud_relief_case_from_json ("{\"date\": \"2024-09-01\", \"relation\": \"parent\", \"disease\": \"D05\","
                                " \"member_active\": false, \"costs\": {\"total\": 90000, \"insurance\": \"1,000.50\"},"
                                " \"household\": {\"size\": 4, \"income_12m\": \"0\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (c->relation, ==, UD_RELATION_PARENT);
  g_assert_false (c->member_active);
  g_assert_cmpint (c->total, ==, YUAN (90000));
  g_assert_cmpint (c->insurance, ==, 100050);
  g_assert_cmpint (c->mutual_aid, ==, 0);
  g_assert_false (c->archived);
  g_assert_cmpuint (c->prior_reliefs->len, ==, 0);
}

static void
test_json_in_errors (void)
{
  const struct {
    const char *json;
    const char *message_start;
  } cases[] = {
    { "{\"date\": ", "the case is not valid JSON: " },
    { "[1, 2]", "the case must be one group of fields in braces { }" },
    { "", "the case is empty" },
    { "{\"relation\": \"self\"}", "date: this field is missing" },
    { "{\"date\": \"2024-02-30\"}", "date: " },
    { "{\"date\": 20240901}", "date: must be a date written as text" },
    { "{\"date\": \"2024-09-01\", \"relation\": \"cousin\"}", "relation: must be one of self, spouse, child or parent" },
    { "{\"date\": \"2024-09-01\", \"relation\": \"self\", \"disease\": \"D01\", \"member_active\": \"yes\"}",
      "member_active: must be true or false" },
    { "{\"date\": \"2024-09-01\", \"relation\": \"self\", \"disease\": \"D01\", \"member_active\": true,"
      " \"costs\": {\"total\": \"1000\", \"goverment_aid\": \"0\"}}", "costs.goverment_aid: unknown field" },
    { "{\"date\": \"2024-09-01\", \"relation\": \"self\", \"disease\": \"D01\", \"member_active\": true,"
      " \"costs\": {\"insurance\": \"0\"}}", "costs.total: this field is missing" },
    { "{\"date\": \"2024-09-01\", \"relation\": \"self\", \"disease\": \"D01\", \"member_active\": true,"
      " \"costs\": {\"total\": 1000.5}}", "costs.total: must be an amount in yuan written as text" },
    { "{\"date\": \"2024-09-01\", \"relation\": \"self\", \"disease\": \"D01\", \"member_active\": true,"
      " \"costs\": {\"total\": \"12.345\"}}", "costs.total: " },
    { "{\"date\": \"2024-09-01\", \"relation\": \"self\", \"disease\": \"D01\", \"member_active\": true,"
      " \"costs\": {\"total\": \"1000\"}, \"household\": {\"size\": \"3\", \"income_12m\": \"0\"}}",
      "household.size: must be a whole number" },
    { "{\"date\": \"2024-09-01\", \"relation\": \"self\", \"disease\": \"D01\", \"member_active\": true,"
      " \"costs\": {\"total\": \"1000\"}, \"household\": {\"size\": -1, \"income_12m\": \"0\"}}",
      "household.size: must be a whole number" },
    { "{\"date\": \"2024-09-01\", \"relation\": \"self\", \"disease\": \"D01\", \"member_active\": true,"
      " \"costs\": {\"total\": \"1000\"}, \"household\": {\"size\": 3}}",
      "household.income_12m: this field is missing" },
    { "{\"date\": \"2024-09-01\", \"relation\": \"self\", \"disease\": \"D01\", \"member_active\": true,"
      " \"costs\": {\"total\": \"1000\"}, \"household\": {\"size\": 3, \"income_12m\": \"0\"},"
      " \"prior_reliefs\": [\"2023-01-01\", \"soon\"]}", "prior_reliefs[1]: " },
    { "{\"date\": \"2024-09-01\", \"relation\": \"self\", \"disease\": \"D01\", \"member_active\": true,"
      " \"costs\": {\"total\": \"1000\"}, \"household\": {\"size\": 3, \"income_12m\": \"0\"},"
      " \"prior_reliefs\": \"2023-01-01\"}", "prior_reliefs: must be a list" },
    { "{\"date\": \"2024-09-01\", \"relation\": \"self\", \"disease\": \"D01\", \"member_active\": true,"
      " \"costs\": \"1000\"}", "costs: must be a group of fields" },
    { "{\"date\": \"2024-09-01\", \"patient\": \"self\"}", "patient: unknown field" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(UdReliefCase) c = ud_relief_case_from_json (cases[i].json, &error);

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (c);
      g_assert_error (error, UD_RELIEF_ERROR, UD_RELIEF_ERROR_INPUT);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message_start));
    }
}

/* The DESIGN.md §10 example has a relief approved on 2023-12-01, 275 days
 * before 2024-09-01: DOMAIN.md §3 rule 5 makes it not eligible. */
static void
test_json_out (void)
{
  g_autoptr(UdReliefRules) rules = default_rules ();
  g_autoptr(UdReliefCase) c = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(UdReliefQuote) q = { 0, };
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  g_autofree char *empty = NULL;

  c = ud_relief_case_from_json (DESIGN_EXAMPLE, &error);
  g_assert_no_error (error);
  quote_ok (rules, c, &q);
  json = ud_relief_quote_to_json (&q);
  g_assert_cmpstr (json, ==,
                   "{\"eligible\":false,\"self_paid\":\"66300.00\",\"tier\":0,\"amount\":\"0.00\","
                   "\"failed\":[\"relief_within_12_months\"],"
                   "\"reasons\":[\"an illness relief was already approved on 2023-12-01, less than 365 days before 2024-09-01\"],"
                   "\"rules_version\":\"2024-01\"}");
  ud_relief_quote_clear (&q);

  /* Without the prior relief: 60,000.00 is not below 12 × 3 × 1,450.00 =
   * 52,200.00 but is below twice that, so tier 2 moves up one. */
  g_array_set_size (c->prior_reliefs, 0);
  quote_ok (rules, c, &q);
  again = ud_relief_quote_to_json (&q);
  g_assert_cmpstr (again, ==,
                   "{\"eligible\":true,\"self_paid\":\"66300.00\",\"tier\":3,\"amount\":\"8000.00\","
                   "\"failed\":[],"
                   "\"reasons\":[\"self-paid 66,300.00 ≥ 50,000.00 → 5,000.00\","
                   "\"per-capita income below 2 × the low-income line (1,450.00) → +1 tier → 8,000.00\"],"
                   "\"rules_version\":\"2024-01\"}");
  ud_relief_quote_clear (&q);

  empty = ud_relief_quote_to_json (&q);
  g_assert_cmpstr (empty, ==,
                   "{\"eligible\":false,\"self_paid\":\"0.00\",\"tier\":0,\"amount\":\"0.00\","
                   "\"failed\":[],\"reasons\":[],\"rules_version\":null}");
}

/* Thresholds, multiples and windows are data: a table with other figures
 * gives other answers. */
static void
test_figures_are_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = reference_text ("low-income-line.json");
  g_autoptr(UdReliefRules) rules = NULL;
  g_autoptr(UdReliefCase) c = make_case (YUAN (15000));
  g_auto(UdReliefQuote) q = { 0, };

  rules = ud_relief_rules_new_from_json (lines, TEST_DISEASES,
                                         "[{\"version\": \"tight\", \"effective\": \"2024-01-01\","
                                         "  \"threshold\": \"10000.00\","
                                         "  \"tiers\": [{\"from\": \"10000.00\", \"amount\": \"1000.00\"},"
                                         "            {\"from\": \"15000.00\", \"amount\": \"3000.00\"},"
                                         "            {\"from\": \"40000.00\", \"amount\": \"9000.00\"}],"
                                         "  \"relations\": [\"self\", \"spouse\"],"
                                         "  \"hardship\": [{\"steps\": 1, \"income_below_line_times\": 3}],"
                                         "  \"window_days\": 30,"
                                         "  \"min_amount\": \"1000.00\", \"max_amount\": \"9000.00\"},"
                                         " {\"version\": \"later\", \"effective\": \"2025-01-01\","
                                         "  \"threshold\": \"20000.00\","
                                         "  \"tiers\": [{\"from\": \"20000.00\", \"amount\": \"2000.00\"}],"
                                         "  \"relations\": [\"self\"], \"hardship\": [],"
                                         "  \"window_days\": 365,"
                                         "  \"min_amount\": \"2000.00\", \"max_amount\": \"2000.00\"}]",
                                         &error);
  g_assert_no_error (error);

  /* 3 × 12 × 3 × 1,450.00 = 156,600.00 */
  c->income_12m = YUAN (156599);
  add_prior (c, 2024, 8, 1);
  quote_ok (rules, c, &q);
  g_assert_true (q.eligible);
  g_assert_cmpstr (q.rules_version, ==, "tight");
  g_assert_cmpuint (q.tier, ==, 3);
  g_assert_cmpint (q.amount, ==, YUAN (9000));
  g_assert_cmpstr (g_ptr_array_index (q.reasons, 1), ==,
                   "per-capita income below 3 × the low-income line (1,450.00) → +1 tier → 9,000.00");
  ud_relief_quote_clear (&q);

  c->income_12m = YUAN (156600);
  quote_ok (rules, c, &q);
  g_assert_cmpuint (q.tier, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (q.reasons, 1), ==,
                   "per-capita income not below 3 × the low-income line (1,450.00) → no extra tier");
  ud_relief_quote_clear (&q);

  /* A 30-day window: 2024-08-03 is 29 days before 2024-09-01. */
  add_prior (c, 2024, 8, 3);
  quote_ok (rules, c, &q);
  g_assert_false (q.eligible);
  ud_relief_quote_clear (&q);

  /* The later version applies from its own date, with no hardship step. */
  g_array_set_size (c->prior_reliefs, 0);
  c->date = make_date (2025, 1, 1);
  c->total = YUAN (30000);
  c->insurance = 0;
  quote_ok (rules, c, &q);
  g_assert_cmpstr (q.rules_version, ==, "later");
  g_assert_true (q.eligible);
  g_assert_cmpuint (q.tier, ==, 1);
  g_assert_cmpint (q.amount, ==, YUAN (2000));
  g_assert_cmpuint (q.reasons->len, ==, 1);
}

static void
assert_data_error (const char *lines,
                   const char *diseases,
                   const char *rules,
                   const char *message_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdReliefRules) broken = NULL;

  g_test_message ("expecting %s", message_start);
  broken = ud_relief_rules_new_from_json (lines, diseases, rules, &error);
  g_assert_null (broken);
  g_assert_error (error, UD_RELIEF_ERROR, UD_RELIEF_ERROR_DATA);
  g_assert_true (g_str_has_prefix (error->message, message_start));
}

static void
test_broken_tables (void)
{
  g_autofree char *lines = reference_text ("low-income-line.json");
  g_autofree char *diseases = reference_text ("diseases.json");
  g_autofree char *rules = reference_text ("relief-rules.json");
  const struct {
    const char *table;
    const char *message;
  } broken_lines[] = {
    { "{", "low-income-line.json is not valid JSON: " },
    { "[]", "low-income-line.json: must be a list of versions" },
    { "[{\"effective\": \"2024-07-01\", \"monthly\": \"0\"}]",
      "low-income-line.json[0].monthly: must be more than 0" },
    { "[{\"effective\": \"2024-07-01\", \"monthly\": \"1450\"}, {\"effective\": \"2024-07-01\", \"monthly\": \"1500\"}]",
      "low-income-line.json: two versions take effect on 2024-07-01" },
    { "[{\"effective\": \"2024-07-01\", \"monthly\": \"1450\", \"monthy\": \"1\"}]",
      "low-income-line.json[0].monthy: unknown field" },
  }, broken_diseases[] = {
    { "[{\"version\": \"a\", \"effective\": \"2024-01-01\", \"diseases\": []}]",
      "diseases.json[0].diseases: the catalogue lists no disease" },
    { "[{\"version\": \"a\", \"effective\": \"2024-01-01\", \"diseases\": [{\"code\": \"D01\", \"name\": \"x\"},"
      " {\"code\": \"d01\", \"name\": \"y\"}]}]",
      "diseases.json[0].diseases[1]: the code d01 is listed twice" },
    { "[{\"version\": \"a\", \"effective\": \"2024-01-01\", \"diseases\": [{\"code\": \"D01\"}]}]",
      "diseases.json[0].diseases[0].name: this field is missing" },
    { "[{\"version\": \"a\", \"effective\": \"2024-01-01\", \"diseases\": [{\"code\": \"D01\", \"name\": \"x\"}]},"
      " {\"version\": \"a\", \"effective\": \"2025-01-01\", \"diseases\": [{\"code\": \"D01\", \"name\": \"x\"}]}]",
      "diseases.json[1].version: each version needs a name of its own" },
  };
  /* One edit of the shipped rules each. */
  const struct {
    const char *find;
    const char *replace;
    const char *message;
  } broken_rules[] = {
    { "{\"from\": \"80000.00\"", "{\"from\": \"40000.00\"",
      "relief-rules.json[0].tiers[2].from: each tier must start above the one before it" },
    { "{\"from\": \"80000.00\", \"amount\": \"8000.00\"", "{\"from\": \"80000.00\", \"amount\": \"4000.00\"",
      "relief-rules.json[0].tiers[2].amount: a higher tier cannot pay less than the one before it" },
    { "\"amount\": \"20000.00\"", "\"amount\": \"25000.00\"",
      "relief-rules.json[0].tiers[5].amount: must lie between min_amount and max_amount" },
    { "{\"from\": \"20000.00\"", "{\"from\": \"25000.00\"",
      "relief-rules.json[0].tiers[0].from: the first tier must start at or below the threshold" },
    { "[\"self\"]", "[\"self\", \"cousin\"]",
      "relief-rules.json[0].relations[1]: must be one of self, spouse, child or parent" },
    { "[\"self\"]", "[]",
      "relief-rules.json[0].relations: at least one relation must be allowed" },
    { "\"income_below_line_times\": 2, \"archived\": true", "\"archived\": false",
      "relief-rules.json[0].hardship[1]: a hardship step needs an income condition, the archived condition, or both" },
    { "{\"steps\": 2,", "{\"steps\": 0,",
      "relief-rules.json[0].hardship[0].steps: must be from 1 to 6" },
    { "\"window_days\": 365", "\"window_days\": 0",
      "relief-rules.json[0].window_days: must be at least 1 day" },
    { "\"window_days\"", "\"window\"",
      "relief-rules.json[0].window: unknown field" },
    { "\"threshold\": \"20000.00\"", "\"threshold\": 20000.5",
      "relief-rules.json[0].threshold: must be an amount in yuan written as text" },
    { "\"min_amount\": \"2000.00\"", "\"min_amount\": \"30000.00\"",
      "relief-rules.json[0].min_amount: must be more than 0 and not more than max_amount" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken_lines); i++)
    assert_data_error (broken_lines[i].table, diseases, rules, broken_lines[i].message);

  for (guint i = 0; i < G_N_ELEMENTS (broken_diseases); i++)
    assert_data_error (lines, broken_diseases[i].table, rules, broken_diseases[i].message);

  for (guint i = 0; i < G_N_ELEMENTS (broken_rules); i++)
    {
      g_autoptr(GString) edited = g_string_new (rules);

      g_assert_cmpuint (g_string_replace (edited, broken_rules[i].find, broken_rules[i].replace, 1), ==, 1);
      assert_data_error (lines, diseases, edited->str, broken_rules[i].message);
    }
}

static void
test_relation_names (void)
{
  UdRelation relation = UD_RELATION_SELF;

  for (UdRelation r = UD_RELATION_SELF; r <= UD_RELATION_PARENT; r++)
    {
      g_assert_true (ud_relation_from_string (ud_relation_to_string (r), &relation));
      g_assert_cmpint (relation, ==, r);
    }
  g_assert_cmpstr (ud_relation_to_string (UD_RELATION_CHILD), ==, "child");
  g_assert_false (ud_relation_from_string ("Self", &relation));
  g_assert_false (ud_relation_from_string (NULL, &relation));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/relief/default-tables", test_default_tables);
  g_test_add_func ("/relief/reference-embedded", test_reference_embedded);
  g_test_add_func ("/relief/tiers", test_tiers);
  g_test_add_func ("/relief/reasons", test_reasons);
  g_test_add_func ("/relief/hardship-boundaries", test_hardship_boundaries);
  g_test_add_func ("/relief/hardship-large-numbers", test_hardship_large_numbers);
  g_test_add_func ("/relief/line-change-dates", test_line_change_dates);
  g_test_add_func ("/relief/window", test_window);
  g_test_add_func ("/relief/window-reason", test_window_reason);
  g_test_add_func ("/relief/each-failure", test_each_failure);
  g_test_add_func ("/relief/top-tier-cap", test_top_tier_cap);
  g_test_add_func ("/relief/impossible-input", test_impossible_input);
  g_test_add_func ("/relief/json-in", test_json_in);
  g_test_add_func ("/relief/json-in-errors", test_json_in_errors);
  g_test_add_func ("/relief/json-out", test_json_out);
  g_test_add_func ("/relief/figures-are-data", test_figures_are_data);
  g_test_add_func ("/relief/broken-tables", test_broken_tables);
  g_test_add_func ("/relief/relation-names", test_relation_names);

  return g_test_run ();
}
