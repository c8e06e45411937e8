/* fuzz-hardship-json.c — libFuzzer target: a hardship case as JSON
 * (hardship quote) and the category rules table (hardship-rules.json)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "ud-hardship-rules.h"
#include "ud-relief.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The shipped low-income line and category rules, and a case that the
 * shipped rules judge (the example of DESIGN §10): what a rules table
 * read from the input is tried on. */
static UdReliefRules *lines;
static UdHardshipRules *shipped;
static UdHardshipCase example;

static void
quote_once (UdHardshipRules      *rules,
            const UdHardshipCase *c)
{
  g_auto(UdHardshipQuote) quote = { 0, };

  if (ud_hardship_quote (rules, c, &quote, NULL))
    g_free (ud_hardship_quote_to_json (&quote));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(UdHardshipRules) read = NULL;
  UdHardshipCase c;

  if (shipped == NULL)
    {
      lines = ud_relief_rules_new_default (NULL);
      shipped = ud_hardship_rules_new (lines, NULL, NULL);
      g_assert_true (ud_hardship_case_from_json ("{\"date\": \"2024-09-01\", \"employment\": \"migrant\", \"employed_months\": 30,"
                                            " \"household\": {\"size\": 3, \"income_12m\": \"48000.00\"},"
                                            " \"rigid_expenses\": {\"medical\": \"6000.00\", \"education\": \"3000.00\","
                                            " \"disability_care\": \"0\", \"work\": \"0\"}, \"losses\": \"0\","
                                            " \"exclusions\": {\"two_homes\": false, \"employs_others\": false,"
                                            " \"private_school\": false}}",
                                            &example, NULL));
    }

  /* The same text as the category rules: the example quoted under them. */
  read = ud_hardship_rules_new (lines, text, NULL);
  if (read != NULL)
    quote_once (read, &example);

  /* A case as hardship quote reads it, quoted under the shipped rules
   * and under those just read. */
  if (ud_hardship_case_from_json (text, &c, NULL))
    {
      quote_once (shipped, &c);
      if (read != NULL)
        quote_once (read, &c);
    }

  return 0;
}
