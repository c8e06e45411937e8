/* ud-relief-rules.c — the versioned reference tables the relief rules read
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
#include <gio/gio.h>

#include "ud-relief.h"
#include "ud-relief-private.h"
#include "ud-relief-resources.h"
#include "ud-validate.h"
#include "ud-money.h"

#define REFERENCE_PREFIX "/io/github/uniondesk/UnionDesk/reference/"

#define LOW_INCOME_FILE "low-income-line.json"
#define DISEASES_FILE   "diseases.json"
#define RULES_FILE      "relief-rules.json"

static const char *relation_names[] = {
  [UD_RELATION_SELF] = "self",
  [UD_RELATION_SPOUSE] = "spouse",
  [UD_RELATION_CHILD] = "child",
  [UD_RELATION_PARENT] = "parent",
};

static const char *line_members[] = {
  "effective", "monthly", "note", NULL
};
static const char *catalogue_members[] = {
  "version", "effective", "note", "diseases", NULL
};
static const char *disease_members[] = {
  "code", "name", NULL
};
static const char *rule_set_members[] = {
  "version", "effective", "note", "threshold", "tiers", "relations",
  "hardship", "window_days", "min_amount", "max_amount", NULL
};
static const char *tier_members[] = {
  "from", "amount", NULL
};
static const char *hardship_members[] = {
  "steps", "income_below_line_times", "archived", NULL
};

G_DEFINE_QUARK (ud-relief-error-quark, ud_relief_error)

static void
catalogue_free (gpointer data)
{
  UdDiseaseCatalogue *catalogue = data;

  g_free (catalogue->version);
  g_clear_pointer (&catalogue->diseases, g_ptr_array_unref);
  g_free (catalogue);
}

static void
rule_set_free (gpointer data)
{
  UdReliefRuleSet *set = data;

  g_free (set->version);
  g_clear_pointer (&set->tiers, g_array_unref);
  g_clear_pointer (&set->hardship, g_array_unref);
  g_free (set);
}

static void
set_data_error (GError     **error,
                const char  *path,
                const char  *message)
{
  ud_json_read_set_error (UD_RELIEF_ERROR, error, UD_RELIEF_ERROR_DATA, path, message);
}

/* The root of a table file: a non-empty list of versions. */
static JsonArray *
parse_versions (const char  *json,
                const char  *file,
                JsonNode   **root,
                GError     **error)
{
  *root = ud_json_read_parse (UD_RELIEF_ERROR, json, file, UD_RELIEF_ERROR_DATA, error);
  if (*root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (*root)
      || json_array_get_length (json_node_get_array (*root)) == 0)
    {
      set_data_error (error, file, _("must be a list of versions in brackets [ ] with at least one version"));
      return NULL;
    }

  return json_node_get_array (*root);
}

static JsonObject *
version_object (JsonArray   *versions,
                guint        index,
                const char  *path,
                GError     **error)
{
  JsonNode *node = json_array_get_element (versions, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_data_error (error, path, _("must be a group of fields in braces { }"));
      return NULL;
    }

  return json_node_get_object (node);
}

/* Sorts the versions by effective date; two versions taking effect on the
 * same day would make the table ambiguous. */
static gboolean
sort_versions (GPtrArray   *versions,
               const char  *file,
               GError     **error)
{
  return ud_json_read_sort_version_pointers (versions, UD_RELIEF_ERROR, UD_RELIEF_ERROR_DATA, file, error);
}

static gboolean
parse_low_income_lines (const char  *json,
                        GPtrArray   *lines,
                        GError     **error)
{
  const int code = UD_RELIEF_ERROR_DATA;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *versions;
  guint n;

  versions = parse_versions (json, LOW_INCOME_FILE, &root, error);
  if (versions == NULL)
    return FALSE;

  n = json_array_get_length (versions);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = ud_json_index_path (LOW_INCOME_FILE, i);
      g_autofree UdLowIncomeLine *line = g_new0 (UdLowIncomeLine, 1);
      JsonObject *object;
      const char *note;

      if ((object = version_object (versions, i, path, error)) == NULL
          || !ud_json_read_check_members (UD_RELIEF_ERROR, object, path, line_members, code, error)
          || !ud_json_read_date (UD_RELIEF_ERROR, object, path, "effective", TRUE, code, &line->effective, error)
          || !ud_json_read_money (UD_RELIEF_ERROR, object, path, "monthly", TRUE, code, &line->monthly, error)
          || !ud_json_read_string (UD_RELIEF_ERROR, object, path, "note", FALSE, code, &note, error))
        return FALSE;

      if (line->monthly <= 0)
        {
          g_autofree char *field = ud_json_path (path, "monthly");

          set_data_error (error, field, _("must be more than 0"));
          return FALSE;
        }

      g_ptr_array_add (lines, g_steal_pointer (&line));
    }

  return sort_versions (lines, LOW_INCOME_FILE, error);
}

static gboolean
read_version_name (JsonObject   *object,
                   const char   *path,
                   GPtrArray    *seen,
                   char        **out,
                   GError      **error)
{
  const char *version;

  if (!ud_json_read_string (UD_RELIEF_ERROR, object, path, "version", TRUE,
                                   UD_RELIEF_ERROR_DATA, &version, error))
    return FALSE;

  if (*version == '\0' || g_ptr_array_find_with_equal_func (seen, version, g_str_equal, NULL))
    {
      g_autofree char *field = ud_json_path (path, "version");

      set_data_error (error, field, _("each version needs a name of its own"));
      return FALSE;
    }

  g_ptr_array_add (seen, (gpointer) version);
  *out = g_strdup (version);
  return TRUE;
}

static gboolean
parse_diseases (JsonArray    *array,
                const char   *path,
                GPtrArray    *diseases,
                GError      **error)
{
  const int code = UD_RELIEF_ERROR_DATA;
  guint n = json_array_get_length (array);

  if (n == 0)
    {
      set_data_error (error, path, _("the catalogue lists no disease"));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_path = ud_json_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      UdReliefDisease disease = { NULL, NULL };
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_data_error (error, item_path, _("must be a group of fields in braces { }"));
          return FALSE;
        }
      object = json_node_get_object (node);

      if (!ud_json_read_check_members (UD_RELIEF_ERROR, object, item_path, disease_members, code, error)
          || !ud_json_read_string (UD_RELIEF_ERROR, object, item_path, "code", TRUE, code,
                                          (const char **) &disease.code, error)
          || !ud_json_read_string (UD_RELIEF_ERROR, object, item_path, "name", TRUE, code,
                                          (const char **) &disease.name, error))
        return FALSE;

      if (*disease.code == '\0' || *disease.name == '\0')
        {
          set_data_error (error, item_path, _("a disease needs a code and a name"));
          return FALSE;
        }

      /* Codes are looked up without regard to case, so they must differ
       * in more than case. */
      for (guint j = 0; j < diseases->len; j++)
        {
          const UdReliefDisease *other = g_ptr_array_index (diseases, j);

          if (g_ascii_strcasecmp (other->code, disease.code) == 0)
            {
              g_autofree char *message = g_strdup_printf (_("the code %s is listed twice"), disease.code);

              set_data_error (error, item_path, message);
              return FALSE;
            }
        }

      g_ptr_array_add (diseases, ud_relief_disease_copy (&disease));
    }

  return TRUE;
}

static gboolean
parse_catalogues (const char  *json,
                  GPtrArray   *catalogues,
                  GError     **error)
{
  const int code = UD_RELIEF_ERROR_DATA;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  JsonArray *versions;
  guint n;

  versions = parse_versions (json, DISEASES_FILE, &root, error);
  if (versions == NULL)
    return FALSE;

  n = json_array_get_length (versions);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = ud_json_index_path (DISEASES_FILE, i);
      g_autofree char *diseases_path = ud_json_path (path, "diseases");
      UdDiseaseCatalogue *catalogue;
      JsonObject *object;
      JsonArray *diseases;
      const char *note;

      catalogue = g_new0 (UdDiseaseCatalogue, 1);
      catalogue->diseases = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_relief_disease_free);
      g_ptr_array_add (catalogues, catalogue);

      if ((object = version_object (versions, i, path, error)) == NULL
          || !ud_json_read_check_members (UD_RELIEF_ERROR, object, path, catalogue_members, code, error)
          || !read_version_name (object, path, seen, &catalogue->version, error)
          || !ud_json_read_date (UD_RELIEF_ERROR, object, path, "effective", TRUE, code, &catalogue->effective, error)
          || !ud_json_read_string (UD_RELIEF_ERROR, object, path, "note", FALSE, code, &note, error)
          || !ud_json_read_array (UD_RELIEF_ERROR, object, path, "diseases", TRUE, code, &diseases, error)
          || !parse_diseases (diseases, diseases_path, catalogue->diseases, error))
        return FALSE;
    }

  return sort_versions (catalogues, DISEASES_FILE, error);
}

static gboolean
parse_tiers (JsonArray        *array,
             const char       *path,
             UdReliefRuleSet  *set,
             GError          **error)
{
  const int code = UD_RELIEF_ERROR_DATA;
  guint n = json_array_get_length (array);

  if (n == 0)
    {
      set_data_error (error, path, _("at least one tier is needed"));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_path = ud_json_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      UdReliefTier tier = { 0, 0 };
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_data_error (error, item_path, _("must be a group of fields in braces { }"));
          return FALSE;
        }
      object = json_node_get_object (node);

      if (!ud_json_read_check_members (UD_RELIEF_ERROR, object, item_path, tier_members, code, error)
          || !ud_json_read_money (UD_RELIEF_ERROR, object, item_path, "from", TRUE, code, &tier.from, error)
          || !ud_json_read_money (UD_RELIEF_ERROR, object, item_path, "amount", TRUE, code, &tier.amount, error))
        return FALSE;

      if (i > 0)
        {
          const UdReliefTier *lower = &g_array_index (set->tiers, UdReliefTier, i - 1);

          if (tier.from <= lower->from)
            {
              g_autofree char *field = ud_json_path (item_path, "from");

              set_data_error (error, field, _("each tier must start above the one before it"));
              return FALSE;
            }
          if (tier.amount < lower->amount)
            {
              g_autofree char *field = ud_json_path (item_path, "amount");

              set_data_error (error, field, _("a higher tier cannot pay less than the one before it"));
              return FALSE;
            }
        }

      g_array_append_val (set->tiers, tier);
    }

  return TRUE;
}

static gboolean
parse_relations (JsonArray        *array,
                 const char       *path,
                 UdReliefRuleSet  *set,
                 GError          **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      UdRelation relation;

      if (!JSON_NODE_HOLDS_VALUE (node)
          || json_node_get_value_type (node) != G_TYPE_STRING
          || !ud_relation_from_string (json_node_get_string (node), &relation))
        {
          g_autofree char *item_path = ud_json_index_path (path, i);

          /* Translators: self, spouse, child and parent are the values to
           * type in the file; keep them in English. */
          set_data_error (error, item_path, _("must be one of self, spouse, child or parent"));
          return FALSE;
        }

      set->relations |= 1u << relation;
    }

  if (set->relations == 0)
    {
      set_data_error (error, path, _("at least one relation must be allowed"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_hardship (JsonArray        *array,
                const char       *path,
                UdReliefRuleSet  *set,
                GError          **error)
{
  const int code = UD_RELIEF_ERROR_DATA;
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_path = ud_json_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      UdHardshipRule rule = { 0, 0, FALSE };
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_data_error (error, item_path, _("must be a group of fields in braces { }"));
          return FALSE;
        }
      object = json_node_get_object (node);

      if (!ud_json_read_check_members (UD_RELIEF_ERROR, object, item_path, hardship_members, code, error)
          || !ud_json_read_uint (UD_RELIEF_ERROR, object, item_path, "steps", TRUE, code, &rule.steps, error)
          || !ud_json_read_uint (UD_RELIEF_ERROR, object, item_path, "income_below_line_times", FALSE, code,
                                        &rule.income_below_line_times, error)
          || !ud_json_read_boolean (UD_RELIEF_ERROR, object, item_path, "archived", FALSE, code, &rule.archived, error))
        return FALSE;

      if (rule.steps == 0 || rule.steps > set->tiers->len)
        {
          g_autofree char *field = ud_json_path (item_path, "steps");
          g_autofree char *message = g_strdup_printf (_("must be from 1 to %u"), set->tiers->len);

          set_data_error (error, field, message);
          return FALSE;
        }

      if (rule.income_below_line_times == 0 && !rule.archived)
        {
          set_data_error (error, item_path,
                          _("a hardship step needs an income condition, the archived condition, or both"));
          return FALSE;
        }

      g_array_append_val (set->hardship, rule);
    }

  return TRUE;
}

/* What makes the engine's promises hold for any data an administrator
 * enters: every eligible self-paid amount falls in a tier, and every tier
 * pays within the minimum and maximum. */
static gboolean
check_rule_set (UdReliefRuleSet  *set,
                const char       *path,
                GError          **error)
{
  const UdReliefTier *first = &g_array_index (set->tiers, UdReliefTier, 0);

  if (set->threshold <= 0)
    {
      g_autofree char *field = ud_json_path (path, "threshold");

      set_data_error (error, field, _("must be more than 0"));
      return FALSE;
    }

  if (first->from > set->threshold)
    {
      g_autofree char *field = ud_json_path (path, "tiers[0].from");

      set_data_error (error, field, _("the first tier must start at or below the threshold"));
      return FALSE;
    }

  if (set->min_amount <= 0 || set->min_amount > set->max_amount)
    {
      g_autofree char *field = ud_json_path (path, "min_amount");

      set_data_error (error, field, _("must be more than 0 and not more than max_amount"));
      return FALSE;
    }

  for (guint i = 0; i < set->tiers->len; i++)
    {
      const UdReliefTier *tier = &g_array_index (set->tiers, UdReliefTier, i);

      if (tier->amount < set->min_amount || tier->amount > set->max_amount)
        {
          g_autofree char *item_path = g_strdup_printf ("%s.tiers[%u].amount", path, i);

          set_data_error (error, item_path, _("must lie between min_amount and max_amount"));
          return FALSE;
        }
    }

  if (set->window_days == 0)
    {
      g_autofree char *field = ud_json_path (path, "window_days");

      set_data_error (error, field, _("must be at least 1 day"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_rule_sets (const char  *json,
                 GPtrArray   *rule_sets,
                 GError     **error)
{
  const int code = UD_RELIEF_ERROR_DATA;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  JsonArray *versions;
  guint n;

  versions = parse_versions (json, RULES_FILE, &root, error);
  if (versions == NULL)
    return FALSE;

  n = json_array_get_length (versions);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = ud_json_index_path (RULES_FILE, i);
      g_autofree char *tiers_path = ud_json_path (path, "tiers");
      g_autofree char *relations_path = ud_json_path (path, "relations");
      g_autofree char *hardship_path = ud_json_path (path, "hardship");
      UdReliefRuleSet *set;
      JsonObject *object;
      JsonArray *tiers;
      JsonArray *relations;
      JsonArray *hardship;
      const char *note;

      set = g_new0 (UdReliefRuleSet, 1);
      set->tiers = g_array_new (FALSE, TRUE, sizeof (UdReliefTier));
      set->hardship = g_array_new (FALSE, TRUE, sizeof (UdHardshipRule));
      g_ptr_array_add (rule_sets, set);

      if ((object = version_object (versions, i, path, error)) == NULL
          || !ud_json_read_check_members (UD_RELIEF_ERROR, object, path, rule_set_members, code, error)
          || !read_version_name (object, path, seen, &set->version, error)
          || !ud_json_read_date (UD_RELIEF_ERROR, object, path, "effective", TRUE, code, &set->effective, error)
          || !ud_json_read_string (UD_RELIEF_ERROR, object, path, "note", FALSE, code, &note, error)
          || !ud_json_read_money (UD_RELIEF_ERROR, object, path, "threshold", TRUE, code, &set->threshold, error)
          || !ud_json_read_array (UD_RELIEF_ERROR, object, path, "tiers", TRUE, code, &tiers, error)
          || !parse_tiers (tiers, tiers_path, set, error)
          || !ud_json_read_array (UD_RELIEF_ERROR, object, path, "relations", TRUE, code, &relations, error)
          || !parse_relations (relations, relations_path, set, error)
          || !ud_json_read_array (UD_RELIEF_ERROR, object, path, "hardship", TRUE, code, &hardship, error)
          || !parse_hardship (hardship, hardship_path, set, error)
          || !ud_json_read_uint (UD_RELIEF_ERROR, object, path, "window_days", TRUE, code, &set->window_days, error)
          || !ud_json_read_money (UD_RELIEF_ERROR, object, path, "min_amount", TRUE, code, &set->min_amount, error)
          || !ud_json_read_money (UD_RELIEF_ERROR, object, path, "max_amount", TRUE, code, &set->max_amount, error)
          || !check_rule_set (set, path, error))
        return FALSE;
    }

  return sort_versions (rule_sets, RULES_FILE, error);
}

gpointer
_ud_relief_find_in_force (GPtrArray   *versions,
                          const GDate *date)
{
  gpointer found = NULL;

  g_assert (versions != NULL);
  g_assert (date != NULL && g_date_valid (date));

  for (guint i = 0; i < versions->len; i++)
    {
      const GDate *effective = g_ptr_array_index (versions, i);

      if (g_date_compare (effective, date) > 0)
        break;
      found = g_ptr_array_index (versions, i);
    }

  return found;
}

const char *
ud_relation_to_string (UdRelation relation)
{
  g_return_val_if_fail ((guint) relation < G_N_ELEMENTS (relation_names), NULL);

  return relation_names[relation];
}

gboolean
ud_relation_from_string (const char *text,
                         UdRelation *relation)
{
  g_return_val_if_fail (relation != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (relation_names); i++)
    {
      if (g_str_equal (text, relation_names[i]))
        {
          *relation = (UdRelation) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * ud_relief_reference_lookup:
 * @name: a file of data/reference/, e.g. "relief-rules.json"
 * @error: return location for a #GResourceError
 *
 * The default table as shipped, embedded in the library, so that the
 * storage layer can load the very same text into a new database.
 *
 * Returns: (transfer full): the file's bytes (NUL-terminated), or %NULL
 */
GBytes *
ud_relief_reference_lookup (const char  *name,
                            GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Asking the library's own GResource (rather than the global registry)
   * also keeps the linker from dropping the resource from a static link. */
  path = g_strconcat (REFERENCE_PREFIX, name, NULL);
  return g_resource_lookup_data (ud_relief_reference_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/**
 * ud_relief_rules_new_from_json:
 * @low_income_json: the text of low-income-line.json
 * @diseases_json: the text of diseases.json
 * @rules_json: the text of relief-rules.json
 * @error: return location for a #UD_RELIEF_ERROR_DATA error
 *
 * Builds the rules from the three tables, checking that they make sense
 * together with the engine (sorted versions, tiers in order and within the
 * minimum and maximum amount, known relations).
 *
 * Returns: (transfer full): the rules, or %NULL with @error naming the file
 *   and field at fault
 */
UdReliefRules *
ud_relief_rules_new_from_json (const char  *low_income_json,
                               const char  *diseases_json,
                               const char  *rules_json,
                               GError     **error)
{
  g_autoptr(UdReliefRules) rules = NULL;

  g_return_val_if_fail (low_income_json != NULL, NULL);
  g_return_val_if_fail (diseases_json != NULL, NULL);
  g_return_val_if_fail (rules_json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rules = g_new0 (UdReliefRules, 1);
  g_atomic_ref_count_init (&rules->ref_count);
  rules->lines = g_ptr_array_new_with_free_func (g_free);
  rules->catalogues = g_ptr_array_new_with_free_func (catalogue_free);
  rules->rule_sets = g_ptr_array_new_with_free_func (rule_set_free);

  if (!parse_low_income_lines (low_income_json, rules->lines, error)
      || !parse_catalogues (diseases_json, rules->catalogues, error)
      || !parse_rule_sets (rules_json, rules->rule_sets, error))
    return NULL;

  return g_steal_pointer (&rules);
}

/**
 * ud_relief_rules_new_default:
 * @error: return location for an error
 *
 * The rules as shipped in data/reference/, from the library's resources.
 *
 * Returns: (transfer full): the rules, or %NULL with @error set
 */
UdReliefRules *
ud_relief_rules_new_default (GError **error)
{
  g_autoptr(GBytes) low_income = NULL;
  g_autoptr(GBytes) diseases = NULL;
  g_autoptr(GBytes) rules = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Resource data always ends with a NUL byte, so it reads as a string. */
  if ((low_income = ud_relief_reference_lookup (LOW_INCOME_FILE, error)) == NULL
      || (diseases = ud_relief_reference_lookup (DISEASES_FILE, error)) == NULL
      || (rules = ud_relief_reference_lookup (RULES_FILE, error)) == NULL)
    return NULL;

  return ud_relief_rules_new_from_json (g_bytes_get_data (low_income, NULL),
                                        g_bytes_get_data (diseases, NULL),
                                        g_bytes_get_data (rules, NULL),
                                        error);
}

UdReliefRules *
ud_relief_rules_ref (UdReliefRules *rules)
{
  g_return_val_if_fail (rules != NULL, NULL);

  g_atomic_ref_count_inc (&rules->ref_count);
  return rules;
}

void
ud_relief_rules_unref (UdReliefRules *rules)
{
  g_return_if_fail (rules != NULL);

  if (!g_atomic_ref_count_dec (&rules->ref_count))
    return;

  g_clear_pointer (&rules->lines, g_ptr_array_unref);
  g_clear_pointer (&rules->catalogues, g_ptr_array_unref);
  g_clear_pointer (&rules->rule_sets, g_ptr_array_unref);
  g_free (rules);
}

/**
 * ud_relief_rules_low_income_line:
 * @rules: the rules
 * @date: a valid date
 *
 * Returns: the monthly low-income line per person in force on @date, in
 *   fen, or 0 when the table starts after @date
 */
UdFen
ud_relief_rules_low_income_line (UdReliefRules *rules,
                                 const GDate   *date)
{
  const UdLowIncomeLine *line;

  g_return_val_if_fail (rules != NULL, 0);
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  line = _ud_relief_find_in_force (rules->lines, date);
  return line != NULL ? line->monthly : 0;
}

/**
 * ud_relief_rules_diseases:
 * @rules: the rules
 * @date: a valid date
 *
 * Returns: (transfer full) (element-type UdReliefDisease): the catalogue in
 *   force on @date, in catalogue order; empty when none is in force
 */
GPtrArray *
ud_relief_rules_diseases (UdReliefRules *rules,
                          const GDate   *date)
{
  const UdDiseaseCatalogue *catalogue;
  GPtrArray *diseases;

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  diseases = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_relief_disease_free);
  catalogue = _ud_relief_find_in_force (rules->catalogues, date);
  for (guint i = 0; catalogue != NULL && i < catalogue->diseases->len; i++)
    g_ptr_array_add (diseases, ud_relief_disease_copy (g_ptr_array_index (catalogue->diseases, i)));

  return diseases;
}

/**
 * ud_relief_rules_version:
 * @rules: the rules
 * @date: a valid date
 *
 * Returns: (nullable): the name of the rules version in force on @date
 */
const char *
ud_relief_rules_version (UdReliefRules *rules,
                         const GDate   *date)
{
  const UdReliefRuleSet *set;

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  set = _ud_relief_find_in_force (rules->rule_sets, date);
  return set != NULL ? set->version : NULL;
}

/**
 * ud_relief_rules_amount_range:
 * @rules: the rules
 * @date: a valid date
 * @min_amount: (out) (optional): the smallest relief
 * @max_amount: (out) (optional): the largest relief
 *
 * The range an approver may choose an amount in, under the rules in force
 * on @date.
 *
 * Returns: %FALSE when no rules are in force on @date
 */
gboolean
ud_relief_rules_amount_range (UdReliefRules *rules,
                              const GDate   *date,
                              UdFen         *min_amount,
                              UdFen         *max_amount)
{
  const UdReliefRuleSet *set;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  set = _ud_relief_find_in_force (rules->rule_sets, date);
  if (set == NULL)
    return FALSE;

  if (min_amount != NULL)
    *min_amount = set->min_amount;
  if (max_amount != NULL)
    *max_amount = set->max_amount;

  return TRUE;
}

UdReliefDisease *
ud_relief_disease_copy (const UdReliefDisease *disease)
{
  UdReliefDisease *copy;

  g_return_val_if_fail (disease != NULL, NULL);

  copy = g_new0 (UdReliefDisease, 1);
  copy->code = g_strdup (disease->code);
  copy->name = g_strdup (disease->name);

  return copy;
}

void
ud_relief_disease_free (UdReliefDisease *disease)
{
  if (disease == NULL)
    return;

  g_free (disease->code);
  g_free (disease->name);
  g_free (disease);
}
