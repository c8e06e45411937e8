/* ud-hardship-rules.c — the hardship-household category rule (DOMAIN §4)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-hardship"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-hardship-rules.h"
#include "ud-hardship-resources.h"
#include "ud-json-read.h"
#include "ud-money.h"
#include "ud-reference-store.h"
#include "ud-validate.h"

/* A household's yearly amounts stay far below this (a thousand million
 * yuan), so that the comparisons below never overflow. */
#define MAX_AMOUNT  ((UdFen) 100000000000)
#define MAX_HOUSEHOLD 99

G_DEFINE_QUARK (ud-hardship-error-quark, ud_hardship_error)

static const char * const category_names[] = {
  [UD_HARDSHIP_NONE]     = "none",
  [UD_HARDSHIP_DEEP]     = "deep",
  [UD_HARDSHIP_RELATIVE] = "relative",
  [UD_HARDSHIP_ACCIDENT] = "accident",
};

const char *
ud_hardship_category_to_string (UdHardshipCategory category)
{
  g_return_val_if_fail ((guint) category < G_N_ELEMENTS (category_names), NULL);

  return category_names[category];
}

gboolean
ud_hardship_category_from_string (const char         *text,
                                  UdHardshipCategory *category)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (category_names); i++)
    if (g_str_equal (text, category_names[i]))
      {
        *category = (UdHardshipCategory) i;
        return TRUE;
      }

  return FALSE;
}

/* ---- the rules' versions ---------------------------------------------- */

typedef struct
{
  GDate  effective;
  char  *version;
  guint  relative_multiple;      /* relative hardship below this many lines */
  guint  accident_cost_percent;  /* accident: costs above this share of income */
  guint  migrant_min_months;
} Version;

/* ud_json_read_sort_versions() reads the date at the start. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (Version, effective) == 0);

struct _UdHardshipRules
{
  gatomicrefcount  ref_count;
  UdReliefRules   *lines;
  GArray          *versions;     /* Version, by effective date */
};

static void
version_clear (Version *version)
{
  g_free (version->version);
}

static const char *version_members[] = {
  "version", "effective", "note", "relative_multiple", "accident_cost_percent", "migrant_min_months", NULL
};

static gboolean
read_versions (const char  *json,
               GArray      *versions,
               GError     **error)
{
  const int code = UD_HARDSHIP_ERROR_DATA;
  g_autoptr(JsonNode) root = ud_json_read_parse (UD_HARDSHIP_ERROR, json, _("the hardship rules"), code, error);
  JsonArray *array;

  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (root) || json_array_get_length (json_node_get_array (root)) == 0)
    {
      g_set_error_literal (error, UD_HARDSHIP_ERROR, code,
                           _("The hardship rules must be a list of versions in brackets [ ]."));
      return FALSE;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *prefix = ud_json_index_path ("", i);
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *name = NULL;
      Version version = { 0, };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          ud_json_read_set_error (UD_HARDSHIP_ERROR, error, code, prefix, _("must be a group of fields in braces { }"));
          return FALSE;
        }
      object = json_node_get_object (node);
      g_date_clear (&version.effective, 1);
      if (!ud_json_read_check_members (UD_HARDSHIP_ERROR, object, prefix, version_members, code, error) ||
          !ud_json_read_string (UD_HARDSHIP_ERROR, object, prefix, "version", TRUE, code, &name, error) ||
          !ud_json_read_date (UD_HARDSHIP_ERROR, object, prefix, "effective", TRUE, code, &version.effective, error) ||
          !ud_json_read_uint (UD_HARDSHIP_ERROR, object, prefix, "relative_multiple", TRUE, code, &version.relative_multiple, error) ||
          !ud_json_read_uint (UD_HARDSHIP_ERROR, object, prefix, "accident_cost_percent", TRUE, code, &version.accident_cost_percent, error) ||
          !ud_json_read_uint (UD_HARDSHIP_ERROR, object, prefix, "migrant_min_months", TRUE, code, &version.migrant_min_months, error))
        return FALSE;

      if (version.relative_multiple < 1 || version.relative_multiple > 10 ||
          version.accident_cost_percent < 1 || version.accident_cost_percent > 100 ||
          version.migrant_min_months > 120)
        {
          ud_json_read_set_error (UD_HARDSHIP_ERROR, error, code, prefix,
                                  _("relative_multiple must lie between 1 and 10, accident_cost_percent between 1 and 100, migrant_min_months at most 120"));
          return FALSE;
        }

      version.version = g_strdup (name);
      g_array_append_val (versions, version);
    }

  /* Version begins with its effective date. */
  return ud_json_read_sort_versions (versions, UD_HARDSHIP_ERROR, code, _("the hardship rules"), error);
}

UdHardshipRules *
ud_hardship_rules_new (UdReliefRules  *lines,
                       const char     *rules_json,
                       GError        **error)
{
  g_autoptr(UdHardshipRules) rules = NULL;
  g_autofree char *shipped = NULL;

  g_return_val_if_fail (lines != NULL, NULL);

  if (rules_json == NULL &&
      (rules_json = shipped = ud_json_read_resource_text (ud_hardship_reference_get_resource (),
                                                          "/io/github/uniondesk/UnionDesk/hardship/hardship-rules.json", error)) == NULL)
    return NULL;

  rules = g_new0 (UdHardshipRules, 1);
  g_atomic_ref_count_init (&rules->ref_count);
  rules->lines = ud_relief_rules_ref (lines);
  rules->versions = g_array_new (FALSE, TRUE, sizeof (Version));
  g_array_set_clear_func (rules->versions, (GDestroyNotify) version_clear);

  if (!read_versions (rules_json, rules->versions, error))
    return NULL;

  return g_steal_pointer (&rules);
}

UdHardshipRules *
ud_hardship_rules_new_default (GError **error)
{
  g_autoptr(UdReliefRules) lines = ud_relief_rules_new_default (error);

  return lines != NULL ? ud_hardship_rules_new (lines, NULL, error) : NULL;
}

UdHardshipRules *
ud_hardship_rules_load (UdDatabase  *db,
                        GError     **error)
{
  g_autoptr(UdReliefRules) lines = ud_reference_load_rules (db, error);

  return lines != NULL ? ud_hardship_rules_new (lines, NULL, error) : NULL;
}

UdHardshipRules *
ud_hardship_rules_ref (UdHardshipRules *rules)
{
  g_return_val_if_fail (rules != NULL, NULL);

  g_atomic_ref_count_inc (&rules->ref_count);
  return rules;
}

void
ud_hardship_rules_unref (UdHardshipRules *rules)
{
  g_return_if_fail (rules != NULL);

  if (!g_atomic_ref_count_dec (&rules->ref_count))
    return;

  g_clear_pointer (&rules->lines, ud_relief_rules_unref);
  g_clear_pointer (&rules->versions, g_array_unref);
  g_free (rules);
}

UdFen
ud_hardship_rules_line (UdHardshipRules *rules,
                        const GDate     *date)
{
  g_return_val_if_fail (rules != NULL, 0);

  return ud_relief_rules_low_income_line (rules->lines, date);
}

static const Version *
version_in_force (UdHardshipRules *rules,
                  const GDate     *date)
{
  const Version *found = NULL;

  for (guint i = 0; i < rules->versions->len; i++)
    {
      const Version *version = &g_array_index (rules->versions, Version, i);

      if (g_date_compare (&version->effective, date) > 0)
        break;
      found = version;
    }

  return found;
}

/* ---- the case as JSON -------------------------------------------------- */

static const char *case_members[] = {
  "date", "employment", "employed_months", "household", "rigid_expenses", "losses", "exclusions", NULL
};
static const char *household_members[] = { "size", "income_12m", NULL };
static const char *expense_members[] = { "medical", "education", "disability_care", "work", NULL };
static const char *exclusion_members[] = { "two_homes", "employs_others", "private_school", NULL };

gboolean
ud_hardship_case_from_json (const char      *json,
                            UdHardshipCase  *c,
                            GError         **error)
{
  const GQuark domain = UD_HARDSHIP_ERROR;
  const int code = UD_HARDSHIP_ERROR_INPUT;
  g_autoptr(JsonNode) root_node = NULL;
  JsonObject *root, *household, *expenses, *exclusions;
  const char *employment = NULL;

  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (c != NULL, FALSE);

  memset (c, 0, sizeof *c);
  g_date_clear (&c->date, 1);

  root_node = ud_json_read_parse (domain, json, _("the case"), code, error);
  if (root_node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error_literal (error, domain, code, _("the case must be one group of fields in braces { }"));
      return FALSE;
    }
  root = json_node_get_object (root_node);

  if (!ud_json_read_check_members (domain, root, NULL, case_members, code, error) ||
      !ud_json_read_date (domain, root, NULL, "date", TRUE, code, &c->date, error) ||
      !ud_json_read_string (domain, root, NULL, "employment", TRUE, code, &employment, error))
    return FALSE;

  if (g_str_equal (employment, "migrant"))
    c->migrant = TRUE;
  else if (!g_str_equal (employment, "urban"))
    {
      /* TRANSLATORS: urban and migrant are the values to type in the JSON
       * file; keep them in English. */
      ud_json_read_set_error (domain, error, code, "employment", _("must be urban or migrant"));
      return FALSE;
    }

  return ud_json_read_uint (domain, root, NULL, "employed_months", c->migrant, code, &c->employed_months, error) &&
         ud_json_read_object (domain, root, NULL, "household", code, &household, error) &&
         ud_json_read_check_members (domain, household, "household", household_members, code, error) &&
         ud_json_read_uint (domain, household, "household", "size", TRUE, code, &c->household_size, error) &&
         ud_json_read_money (domain, household, "household", "income_12m", TRUE, code, &c->income_12m, error) &&
         ud_json_read_object (domain, root, NULL, "rigid_expenses", code, &expenses, error) &&
         ud_json_read_check_members (domain, expenses, "rigid_expenses", expense_members, code, error) &&
         ud_json_read_money (domain, expenses, "rigid_expenses", "medical", TRUE, code, &c->medical, error) &&
         ud_json_read_money (domain, expenses, "rigid_expenses", "education", TRUE, code, &c->education, error) &&
         ud_json_read_money (domain, expenses, "rigid_expenses", "disability_care", TRUE, code, &c->disability_care, error) &&
         ud_json_read_money (domain, expenses, "rigid_expenses", "work", TRUE, code, &c->work, error) &&
         ud_json_read_money (domain, root, NULL, "losses", TRUE, code, &c->losses, error) &&
         ud_json_read_object (domain, root, NULL, "exclusions", code, &exclusions, error) &&
         ud_json_read_check_members (domain, exclusions, "exclusions", exclusion_members, code, error) &&
         ud_json_read_boolean (domain, exclusions, "exclusions", "two_homes", TRUE, code, &c->two_homes, error) &&
         ud_json_read_boolean (domain, exclusions, "exclusions", "employs_others", TRUE, code, &c->employs_others, error) &&
         ud_json_read_boolean (domain, exclusions, "exclusions", "private_school", TRUE, code, &c->private_school, error);
}

/* ---- the rule ----------------------------------------------------------- */

static gboolean
check_amount (const char  *path,
              UdFen        amount,
              GError     **error)
{
  if (amount < 0)
    ud_json_read_set_error (UD_HARDSHIP_ERROR, error, UD_HARDSHIP_ERROR_INPUT, path, _("cannot be negative"));
  else if (amount > MAX_AMOUNT)
    ud_json_read_set_error (UD_HARDSHIP_ERROR, error, UD_HARDSHIP_ERROR_INPUT, path, _("the amount is too large"));
  else
    return TRUE;

  return FALSE;
}

static void
add_reason (UdHardshipQuote *quote,
            char            *reason)
{
  g_ptr_array_add (quote->reasons, reason);
}

void
ud_hardship_quote_clear (UdHardshipQuote *quote)
{
  g_clear_pointer (&quote->failed, g_ptr_array_unref);
  g_clear_pointer (&quote->reasons, g_ptr_array_unref);
  g_clear_pointer (&quote->rules_version, g_free);
  memset (quote, 0, sizeof *quote);
}

gboolean
ud_hardship_quote (UdHardshipRules       *rules,
                   const UdHardshipCase  *c,
                   UdHardshipQuote       *out,
                   GError               **error)
{
  const struct { const char *path; UdFen amount; } amounts[] = {
    { "household.income_12m", c->income_12m },
    { "rigid_expenses.medical", c->medical },
    { "rigid_expenses.education", c->education },
    { "rigid_expenses.disability_care", c->disability_care },
    { "rigid_expenses.work", c->work },
    { "losses", c->losses },
  };
  const Version *version;
  g_autofree char *date_text = NULL;
  g_autofree char *income_text = NULL, *rigid_text = NULL, *p_text = NULL, *line_text = NULL;
  g_autofree char *twice_text = NULL, *costs_text = NULL;
  g_autofree char *medical_text = NULL, *education_text = NULL, *care_text = NULL, *work_text = NULL;
  UdFen line, rigid, net, costs;
  gint64 months_per_household;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (c != NULL && out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (!g_date_valid (&c->date))
    {
      ud_json_read_set_error (UD_HARDSHIP_ERROR, error, UD_HARDSHIP_ERROR_INPUT, "date", _("give the application date"));
      return FALSE;
    }
  date_text = ud_date_to_iso (&c->date);

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    if (!check_amount (amounts[i].path, amounts[i].amount, error))
      return FALSE;
  if (c->household_size < 1)
    {
      ud_json_read_set_error (UD_HARDSHIP_ERROR, error, UD_HARDSHIP_ERROR_INPUT, "household.size",
                              _("a household has at least one person"));
      return FALSE;
    }
  if (c->household_size > MAX_HOUSEHOLD)
    {
      ud_json_read_set_error (UD_HARDSHIP_ERROR, error, UD_HARDSHIP_ERROR_INPUT, "household.size",
                              _("a household has at most 99 people"));
      return FALSE;
    }

  version = version_in_force (rules, &c->date);
  line = ud_hardship_rules_line (rules, &c->date);
  if (version == NULL || line <= 0)
    {
      g_autofree char *message =
        /* TRANSLATORS: a date */
        g_strdup_printf (_("no hardship rules or low-income line are in force on %s"), date_text);

      ud_json_read_set_error (UD_HARDSHIP_ERROR, error, UD_HARDSHIP_ERROR_INPUT, "date", message);
      return FALSE;
    }

  out->failed = g_ptr_array_new_with_free_func (g_free);
  out->reasons = g_ptr_array_new_with_free_func (g_free);
  out->rules_version = g_strdup (version->version);
  out->line = line;

  rigid = c->medical + c->education + c->disability_care + c->work;
  net = c->income_12m - rigid;
  months_per_household = 12 * (gint64) c->household_size;
  /* C's division rounds toward zero, for a negative P too. */
  out->per_capita = net / months_per_household;

  income_text = ud_money_format (c->income_12m);
  rigid_text = ud_money_format (rigid);
  medical_text = ud_money_format (c->medical);
  education_text = ud_money_format (c->education);
  care_text = ud_money_format (c->disability_care);
  work_text = ud_money_format (c->work);
  p_text = ud_money_format (out->per_capita);
  line_text = ud_money_format (line);
  add_reason (out,
              /* TRANSLATORS: the household income, the rigid expenses and their four parts,
               * then the household size and the per-capita monthly net income */
              g_strdup_printf (_("Per-capita monthly net income: household income %s less rigid expenses %s (medical %s, education %s, disability care %s, work %s), ÷ 12 ÷ %u = %s."),
                               income_text, rigid_text, medical_text, education_text, care_text, work_text,
                               c->household_size, p_text));

  /* P < L  ⇔  net < 12·n·L, and so on: exact, never divided. */
  costs = rigid + c->losses;
  costs_text = ud_money_format (costs);
  twice_text = ud_money_format (line * version->relative_multiple);
  if (net < months_per_household * line)
    {
      out->category = UD_HARDSHIP_DEEP;
      add_reason (out,
                  /* TRANSLATORS: the per-capita income, the low-income line, then the date */
                  g_strdup_printf (_("%s is below the low-income line of %s in force on %s: deep hardship."),
                                   p_text, line_text, date_text));
    }
  else if (net < months_per_household * line * version->relative_multiple)
    {
      out->category = UD_HARDSHIP_RELATIVE;
      add_reason (out,
                  /* TRANSLATORS: the per-capita income, the low-income line in force, its date,
                   * then the line's multiple */
                  g_strdup_printf (_("%s is at least the low-income line of %s in force on %s but below %s: relative hardship."),
                                   p_text, line_text, date_text, twice_text));
    }
  else if (costs * 100 > c->income_12m * (gint64) version->accident_cost_percent)
    {
      out->category = UD_HARDSHIP_ACCIDENT;
      add_reason (out,
                  /* TRANSLATORS: the per-capita income, the line's multiple, the year's hardship costs,
                   * a percentage, then the household income */
                  g_strdup_printf (_("%s is at least %s, but the year's hardship costs of %s (rigid expenses and losses) exceed %u %% of the household income of %s: hardship from an accident, disaster or sudden illness."),
                                   p_text, twice_text, costs_text, version->accident_cost_percent, income_text));
    }
  else
    {
      out->category = UD_HARDSHIP_NONE;
      g_ptr_array_add (out->failed, g_strdup ("not_in_hardship"));
      add_reason (out,
                  /* TRANSLATORS: the per-capita income, the line's multiple, the year's hardship costs,
                   * a percentage, then the household income */
                  g_strdup_printf (_("%s is at least %s and the year's hardship costs of %s do not exceed %u %% of the household income of %s: not a hardship household."),
                                   p_text, twice_text, costs_text, version->accident_cost_percent, income_text));
    }

  if (c->migrant && c->employed_months < version->migrant_min_months)
    {
      g_ptr_array_add (out->failed, g_strdup ("migrant_under_one_year"));
      add_reason (out,
                  /* TRANSLATORS: the months required, then the months given */
                  g_strdup_printf (_("A migrant worker needs %u months of employment; %u given."),
                                   version->migrant_min_months, c->employed_months));
    }
  if (c->two_homes)
    {
      g_ptr_array_add (out->failed, g_strdup ("two_homes"));
      add_reason (out, g_strdup (_("Exclusion: the household owns two or more homes.")));
    }
  if (c->employs_others)
    {
      g_ptr_array_add (out->failed, g_strdup ("employs_others"));
      add_reason (out, g_strdup (_("Exclusion: the household owns a business that employs others.")));
    }
  if (c->private_school)
    {
      g_ptr_array_add (out->failed, g_strdup ("private_school"));
      add_reason (out, g_strdup (_("Exclusion: a child is at a high-fee private school or studies abroad at the family's own cost.")));
    }

  out->eligible = out->failed->len == 0;
  return TRUE;
}

char *
ud_hardship_quote_to_json (const UdHardshipQuote *quote)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *per_capita = ud_money_format_plain (quote->per_capita);
  g_autofree char *line = ud_money_format_plain (quote->line);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "eligible");
  json_builder_add_boolean_value (builder, quote->eligible);
  json_builder_set_member_name (builder, "category");
  json_builder_add_string_value (builder, ud_hardship_category_to_string (quote->category));
  json_builder_set_member_name (builder, "per_capita");
  json_builder_add_string_value (builder, per_capita);
  json_builder_set_member_name (builder, "line");
  json_builder_add_string_value (builder, line);
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
  json_builder_add_string_value (builder, quote->rules_version);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
