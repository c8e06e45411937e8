/* fuzz-relief-json.c — libFuzzer target: a relief case and reference
 * tables as JSON (relief quote, relief apply, relief reference add)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "ud-illness-store.h"
#include "ud-relief.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static UdReliefRules *shipped;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  UdReliefCase *c;

  if (shipped == NULL)
    shipped = ud_relief_rules_new_default (NULL);

  /* A case, quoted under the shipped rules when it reads. */
  c = ud_relief_case_from_json (text, &error);
  if (c != NULL)
    {
      UdReliefQuote quote = { 0 };

      if (ud_relief_quote (shipped, c, &quote, NULL))
        {
          g_free (ud_relief_quote_to_json (&quote));
          ud_relief_quote_clear (&quote);
        }
      ud_relief_case_free (c);
    }
  g_clear_error (&error);

  /* An application as relief apply reads it. */
  {
    g_autoptr(UdRecord) application = ud_record_new (&ud_kind_illness_application);

    ud_illness_application_set_from_json (application, text, NULL);
  }

  /* The same text as each reference table in turn. */
  {
    g_autoptr(GBytes) low = ud_relief_reference_lookup ("low-income-line.json", NULL);
    g_autoptr(GBytes) diseases = ud_relief_reference_lookup ("diseases.json", NULL);
    g_autoptr(GBytes) rules = ud_relief_reference_lookup ("relief-rules.json", NULL);
    const char *tables[3] = { g_bytes_get_data (low, NULL), g_bytes_get_data (diseases, NULL),
                              g_bytes_get_data (rules, NULL) };

    for (guint i = 0; i < 3; i++)
      {
        const char *mine[3] = { tables[0], tables[1], tables[2] };
        UdReliefRules *read;

        mine[i] = text;
        read = ud_relief_rules_new_from_json (mine[0], mine[1], mine[2], NULL);
        if (read != NULL)
          ud_relief_rules_unref (read);
      }
  }

  return 0;
}
