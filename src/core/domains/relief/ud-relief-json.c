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

/* The JSON readers below are strict on purpose: an unknown or misspelt
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

char *
_ud_relief_json_path (const char *prefix,
                      const char *key)
{
  if (prefix == NULL || *prefix == '\0')
    return g_strdup (key);

  return g_strconcat (prefix, ".", key, NULL);
}

char *
_ud_relief_json_index_path (const char *prefix,
                            guint       index)
{
  return g_strdup_printf ("%s[%u]", prefix != NULL ? prefix : "", index);
}

void
_ud_relief_json_set_error (GError     **error,
                           gint         code,
                           const char  *path,
                           const char  *message)
{
  /* Translators: a field name such as "costs.insurance", then what is
   * wrong with it. */
  g_set_error (error, UD_RELIEF_ERROR, code, _("%s: %s"), path, message);
}

JsonNode *
_ud_relief_json_parse (const char  *json,
                       const char  *what,
                       gint         code,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_assert (json != NULL);
  g_assert (what != NULL);

  root = ud_json_parse (json, -1, UD_JSON_MAX_DEPTH, what, &local_error);
  if (root == NULL)
    g_set_error_literal (error, UD_RELIEF_ERROR, code, local_error->message);

  return root;
}

gboolean
_ud_relief_json_check_members (JsonObject   *object,
                               const char   *prefix,
                               const char  **known,
                               gint          code,
                               GError      **error)
{
  g_autoptr(GList) names = NULL;

  g_assert (object != NULL);
  g_assert (known != NULL);

  names = json_object_get_members (object);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!g_strv_contains (known, name))
        {
          g_autofree char *path = _ud_relief_json_path (prefix, name);

          _ud_relief_json_set_error (error, code, path, _("unknown field"));
          return FALSE;
        }
    }

  return TRUE;
}

/* The member's node, or NULL when it is absent or JSON null; sets an error
 * only when it is required and absent. */
static gboolean
lookup_member (JsonObject  *object,
               const char  *prefix,
               const char  *key,
               gboolean     required,
               gint         code,
               JsonNode   **out,
               GError     **error)
{
  JsonNode *node;

  g_assert (object != NULL);
  g_assert (out != NULL);

  node = json_object_get_member (object, key);
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    node = NULL;

  if (node == NULL && required)
    {
      g_autofree char *path = _ud_relief_json_path (prefix, key);

      _ud_relief_json_set_error (error, code, path, _("this field is missing"));
      return FALSE;
    }

  *out = node;
  return TRUE;
}

static gboolean
node_holds_type (JsonNode *node,
                 GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
_ud_relief_json_get_object (JsonObject   *object,
                            const char   *prefix,
                            const char   *key,
                            gint          code,
                            JsonObject  **out,
                            GError      **error)
{
  JsonNode *node;

  if (!lookup_member (object, prefix, key, TRUE, code, &node, error))
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *path = _ud_relief_json_path (prefix, key);

      _ud_relief_json_set_error (error, code, path,
                                 _("must be a group of fields in braces { }"));
      return FALSE;
    }

  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
_ud_relief_json_get_array (JsonObject   *object,
                           const char   *prefix,
                           const char   *key,
                           gboolean      required,
                           gint          code,
                           JsonArray   **out,
                           GError      **error)
{
  JsonNode *node;

  if (!lookup_member (object, prefix, key, required, code, &node, error))
    return FALSE;

  if (node == NULL)
    {
      *out = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = _ud_relief_json_path (prefix, key);

      _ud_relief_json_set_error (error, code, path,
                                 _("must be a list in brackets [ ]"));
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
_ud_relief_json_get_string (JsonObject   *object,
                            const char   *prefix,
                            const char   *key,
                            gboolean      required,
                            gint          code,
                            const char  **out,
                            GError      **error)
{
  JsonNode *node;

  if (!lookup_member (object, prefix, key, required, code, &node, error))
    return FALSE;

  if (node == NULL)
    {
      *out = NULL;
      return TRUE;
    }

  if (!node_holds_type (node, G_TYPE_STRING))
    {
      g_autofree char *path = _ud_relief_json_path (prefix, key);

      _ud_relief_json_set_error (error, code, path,
                                 _("must be text in double quotes"));
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
_ud_relief_json_node_to_money (JsonNode    *node,
                               const char  *path,
                               gint         code,
                               UdFen       *out,
                               GError     **error)
{
  g_assert (node != NULL);
  g_assert (out != NULL);

  if (node_holds_type (node, G_TYPE_STRING))
    {
      g_autoptr(GError) local_error = NULL;

      if (!ud_money_parse (json_node_get_string (node), out, &local_error))
        {
          _ud_relief_json_set_error (error, code, path, local_error->message);
          return FALSE;
        }
      return TRUE;
    }

  /* A whole number of yuan written as a JSON integer is unambiguous;
   * fractions written as JSON numbers are not accepted because they would
   * pass through a float. */
  if (node_holds_type (node, G_TYPE_INT64))
    {
      gint64 yuan = json_node_get_int (node);

      if (yuan > G_MAXINT64 / 100 || yuan < G_MININT64 / 100)
        {
          _ud_relief_json_set_error (error, code, path, _("the amount is too large"));
          return FALSE;
        }
      *out = yuan * 100;
      return TRUE;
    }

  _ud_relief_json_set_error (error, code, path,
                             _("must be an amount in yuan written as text, for example \"1234.50\""));
  return FALSE;
}

gboolean
_ud_relief_json_get_money (JsonObject   *object,
                           const char   *prefix,
                           const char   *key,
                           gboolean      required,
                           gint          code,
                           UdFen        *out,
                           GError      **error)
{
  g_autofree char *path = NULL;
  JsonNode *node;

  if (!lookup_member (object, prefix, key, required, code, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  path = _ud_relief_json_path (prefix, key);
  return _ud_relief_json_node_to_money (node, path, code, out, error);
}

gboolean
_ud_relief_json_node_to_date (JsonNode     *node,
                              const char   *path,
                              gint          code,
                              GDate        *out,
                              GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  g_assert (node != NULL);
  g_assert (out != NULL);

  if (!node_holds_type (node, G_TYPE_STRING))
    {
      _ud_relief_json_set_error (error, code, path,
                                 _("must be a date written as text, for example \"2024-09-01\""));
      return FALSE;
    }

  if (!ud_date_parse (json_node_get_string (node), out, &local_error))
    {
      _ud_relief_json_set_error (error, code, path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
_ud_relief_json_get_date (JsonObject   *object,
                          const char   *prefix,
                          const char   *key,
                          gboolean      required,
                          gint          code,
                          GDate        *out,
                          GError      **error)
{
  g_autofree char *path = NULL;
  JsonNode *node;

  if (!lookup_member (object, prefix, key, required, code, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  path = _ud_relief_json_path (prefix, key);
  return _ud_relief_json_node_to_date (node, path, code, out, error);
}

gboolean
_ud_relief_json_get_boolean (JsonObject   *object,
                             const char   *prefix,
                             const char   *key,
                             gboolean      required,
                             gint          code,
                             gboolean     *out,
                             GError      **error)
{
  JsonNode *node;

  if (!lookup_member (object, prefix, key, required, code, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!node_holds_type (node, G_TYPE_BOOLEAN))
    {
      g_autofree char *path = _ud_relief_json_path (prefix, key);

      _ud_relief_json_set_error (error, code, path, _("must be true or false"));
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
_ud_relief_json_get_uint (JsonObject   *object,
                          const char   *prefix,
                          const char   *key,
                          gboolean      required,
                          gint          code,
                          guint        *out,
                          GError      **error)
{
  JsonNode *node;
  gint64 value;

  if (!lookup_member (object, prefix, key, required, code, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!node_holds_type (node, G_TYPE_INT64)
      || (value = json_node_get_int (node)) < 0
      || value > G_MAXUINT)
    {
      g_autofree char *path = _ud_relief_json_path (prefix, key);

      _ud_relief_json_set_error (error, code, path,
                                 _("must be a whole number, 0 or more"));
      return FALSE;
    }

  *out = (guint) value;
  return TRUE;
}

static gboolean
read_costs (JsonObject    *root,
            UdReliefCase  *c,
            GError       **error)
{
  const int code = UD_RELIEF_ERROR_INPUT;
  JsonObject *costs;

  if (!_ud_relief_json_get_object (root, NULL, "costs", code, &costs, error))
    return FALSE;

  /* Only the total is required: a reimbursement that is not written down
   * was not received. */
  return _ud_relief_json_check_members (costs, "costs", costs_members, code, error)
    && _ud_relief_json_get_money (costs, "costs", "total", TRUE, code, &c->total, error)
    && _ud_relief_json_get_money (costs, "costs", "insurance", FALSE, code, &c->insurance, error)
    && _ud_relief_json_get_money (costs, "costs", "government_aid", FALSE, code, &c->government_aid, error)
    && _ud_relief_json_get_money (costs, "costs", "mutual_aid", FALSE, code, &c->mutual_aid, error)
    && _ud_relief_json_get_money (costs, "costs", "other", FALSE, code, &c->other, error);
}

static gboolean
read_household (JsonObject    *root,
                UdReliefCase  *c,
                GError       **error)
{
  const int code = UD_RELIEF_ERROR_INPUT;
  JsonObject *household;

  if (!_ud_relief_json_get_object (root, NULL, "household", code, &household, error))
    return FALSE;

  return _ud_relief_json_check_members (household, "household", household_members, code, error)
    && _ud_relief_json_get_uint (household, "household", "size", TRUE, code, &c->household_size, error)
    && _ud_relief_json_get_money (household, "household", "income_12m", TRUE, code, &c->income_12m, error)
    && _ud_relief_json_get_boolean (household, "household", "archived", FALSE, code, &c->archived, error);
}

static gboolean
read_prior_reliefs (JsonObject    *root,
                    UdReliefCase  *c,
                    GError       **error)
{
  JsonArray *array;
  guint n;

  if (!_ud_relief_json_get_array (root, NULL, "prior_reliefs", FALSE,
                                  UD_RELIEF_ERROR_INPUT, &array, error))
    return FALSE;

  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = _ud_relief_json_index_path ("prior_reliefs", i);
      GDate date;

      g_date_clear (&date, 1);
      if (!_ud_relief_json_node_to_date (json_array_get_element (array, i), path,
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

  root_node = _ud_relief_json_parse (json, _("the case"), code, error);
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

  if (!_ud_relief_json_check_members (root, NULL, case_members, code, error)
      || !_ud_relief_json_get_date (root, NULL, "date", TRUE, code, &c->date, error)
      || !_ud_relief_json_get_string (root, NULL, "relation", TRUE, code, &relation, error))
    return NULL;

  if (!ud_relation_from_string (relation, &c->relation))
    {
      /* Translators: self, spouse, child and parent are the values to
       * type in the JSON file; keep them in English. */
      _ud_relief_json_set_error (error, code, "relation",
                                 _("must be one of self, spouse, child or parent"));
      return NULL;
    }

  if (!_ud_relief_json_get_string (root, NULL, "disease", TRUE, code, &disease, error)
      || !_ud_relief_json_get_boolean (root, NULL, "member_active", TRUE, code, &c->member_active, error)
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
