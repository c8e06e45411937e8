/* ud-relief-json.c — the relief case and quote as JSON (DESIGN.md §10)
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

#define G_LOG_DOMAIN "ud-relief"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-relief.h"
#include "ud-relief-private.h"
#include "ud-json.h"
#include "ud-money.h"
#include "ud-validate.h"

/* The case is read strictly (ud-json-read.h): an unknown or misspelt
 * member ("goverment_aid") is refused rather than silently read as 0, since
 * the answer is an amount of money. */

static const char *case_members[] = {
  "date", "relation", "disease", "member_active", "costs", "household",
  "prior_reliefs", NULL
};
static const char *costs_members[] = {
  "total", "insurance", "government_aid", "mutual_aid", "other", NULL
};
static const char *household_members[] = {
  "size", "income_12m", "archived", NULL
};

static gboolean
read_costs (JsonObject    *root,
            UdReliefCase  *c,
            GError       **error)
{
  const int code = UD_RELIEF_ERROR_INPUT;
  JsonObject *costs;

  if (!ud_json_read_object (UD_RELIEF_ERROR, root, NULL, "costs", code, &costs, error))
    return FALSE;

  /* Only the total is required: a reimbursement that is not written down
   * was not received. */
  return ud_json_read_check_members (UD_RELIEF_ERROR, costs, "costs", costs_members, code, error)
    && ud_json_read_money (UD_RELIEF_ERROR, costs, "costs", "total", TRUE, code, &c->total, error)
    && ud_json_read_money (UD_RELIEF_ERROR, costs, "costs", "insurance", FALSE, code, &c->insurance, error)
    && ud_json_read_money (UD_RELIEF_ERROR, costs, "costs", "government_aid", FALSE, code, &c->government_aid, error)
    && ud_json_read_money (UD_RELIEF_ERROR, costs, "costs", "mutual_aid", FALSE, code, &c->mutual_aid, error)
    && ud_json_read_money (UD_RELIEF_ERROR, costs, "costs", "other", FALSE, code, &c->other, error);
}

static gboolean
read_household (JsonObject    *root,
                UdReliefCase  *c,
                GError       **error)
{
  const int code = UD_RELIEF_ERROR_INPUT;
  JsonObject *household;

  if (!ud_json_read_object (UD_RELIEF_ERROR, root, NULL, "household", code, &household, error))
    return FALSE;

  return ud_json_read_check_members (UD_RELIEF_ERROR, household, "household", household_members, code, error)
    && ud_json_read_uint (UD_RELIEF_ERROR, household, "household", "size", TRUE, code, &c->household_size, error)
    && ud_json_read_money (UD_RELIEF_ERROR, household, "household", "income_12m", TRUE, code, &c->income_12m, error)
    && ud_json_read_boolean (UD_RELIEF_ERROR, household, "household", "archived", FALSE, code, &c->archived, error);
}

static gboolean
read_prior_reliefs (JsonObject    *root,
                    UdReliefCase  *c,
                    GError       **error)
{
  JsonArray *array;
  guint n;

  if (!ud_json_read_array (UD_RELIEF_ERROR, root, NULL, "prior_reliefs", FALSE,
                                  UD_RELIEF_ERROR_INPUT, &array, error))
    return FALSE;

  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = ud_json_index_path ("prior_reliefs", i);
      GDate date;

      g_date_clear (&date, 1);
      if (!ud_json_read_node_date (UD_RELIEF_ERROR, json_array_get_element (array, i), path,
                                         UD_RELIEF_ERROR_INPUT, &date, error))
        return FALSE;

      g_array_append_val (c->prior_reliefs, date);
    }

  return TRUE;
}

/**
 * ud_relief_case_from_json:
 * @json: one case in the shape of DESIGN.md §10
 * @error: return location for a #UD_RELIEF_ERROR_INPUT error
 *
 * Reads a case without judging it: amounts that cannot occur (a negative
 * cost, a household of 0) are refused later by ud_relief_quote(), which
 * also guards the cases the app builds itself.  Absent reimbursements are
 * 0, an absent "archived" is false and absent "prior_reliefs" is none.
 *
 * Returns: (transfer full): the case, or %NULL with @error set
 */
UdReliefCase *
ud_relief_case_from_json (const char  *json,
                          GError     **error)
{
  const int code = UD_RELIEF_ERROR_INPUT;
  g_autoptr(UdReliefCase) c = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  JsonObject *root;
  const char *relation = NULL;
  const char *disease = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root_node = ud_json_read_parse (UD_RELIEF_ERROR, json, _("the case"), code, error);
  if (root_node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, UD_RELIEF_ERROR, code,
                   _("the case must be one group of fields in braces { }"));
      return NULL;
    }
  root = json_node_get_object (root_node);

  c = ud_relief_case_new ();

  if (!ud_json_read_check_members (UD_RELIEF_ERROR, root, NULL, case_members, code, error)
      || !ud_json_read_date (UD_RELIEF_ERROR, root, NULL, "date", TRUE, code, &c->date, error)
      || !ud_json_read_string (UD_RELIEF_ERROR, root, NULL, "relation", TRUE, code, &relation, error))
    return NULL;

  if (!ud_relation_from_string (relation, &c->relation))
    {
      /* Translators: self, spouse, child and parent are the values to
       * type in the JSON file; keep them in English. */
      ud_json_read_set_error (UD_RELIEF_ERROR, error, code, "relation",
                                 _("must be one of self, spouse, child or parent"));
      return NULL;
    }

  if (!ud_json_read_string (UD_RELIEF_ERROR, root, NULL, "disease", TRUE, code, &disease, error)
      || !ud_json_read_boolean (UD_RELIEF_ERROR, root, NULL, "member_active", TRUE, code, &c->member_active, error)
      || !read_costs (root, c, error)
      || !read_household (root, c, error)
      || !read_prior_reliefs (root, c, error))
    return NULL;

  c->disease = g_strdup (disease);

  return g_steal_pointer (&c);
}

/**
 * ud_relief_quote_to_json:
 * @quote: a quote filled by ud_relief_quote()
 *
 * Exactly the answer of `uniondesk-cli relief quote` (DESIGN.md §10): money
 * as decimal strings in yuan, members in a fixed order, on one line.
 *
 * Returns: (transfer full): the JSON text
 */
char *
ud_relief_quote_to_json (const UdReliefQuote *quote)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *self_paid = NULL;
  g_autofree char *amount = NULL;

  g_return_val_if_fail (quote != NULL, NULL);

  self_paid = ud_money_format_plain (quote->self_paid);
  amount = ud_money_format_plain (quote->amount);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "eligible");
  json_builder_add_boolean_value (builder, quote->eligible);
  json_builder_set_member_name (builder, "self_paid");
  json_builder_add_string_value (builder, self_paid);
  json_builder_set_member_name (builder, "tier");
  json_builder_add_int_value (builder, quote->tier);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_string_value (builder, amount);

  json_builder_set_member_name (builder, "failed");
  json_builder_begin_array (builder);
  for (guint i = 0; quote->failed != NULL && i < quote->failed->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (quote->failed, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; quote->reasons != NULL && i < quote->reasons->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (quote->reasons, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "rules_version");
  if (quote->rules_version != NULL)
    json_builder_add_string_value (builder, quote->rules_version);
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}
