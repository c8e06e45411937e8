/* ud-relief-quote.c — where a serious-illness relief amount is computed
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

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libintl.h>

#include "ud-relief.h"
#include "ud-relief-private.h"
#include "ud-money.h"
#include "ud-validate.h"

/* The reasons written into an application follow the thread's locale,
 * which the illness store sets to Chinese for them (quote_in_chinese):
 * so plain dgettext here, not GLib's g_dgettext, which translates nothing
 * at all in a process whose own locale is C. */
#undef _
#define _(String) dgettext (GETTEXT_PACKAGE, String)
#undef C_
#define C_(Context, String) pgettext_here (Context, String)

/* pgettext() by dgettext, as GLib's g_dpgettext2 but following the
 * thread's locale. */
static const char *pgettext_here (const char *context,
                                  const char *msgid) G_GNUC_FORMAT (2);

static const char *
pgettext_here (const char *context,
               const char *msgid)
{
  g_autofree char *key = g_strconcat (context, "\004", msgid, NULL);
  const char *translation = dgettext (GETTEXT_PACKAGE, key);

  /* Untranslated: dgettext answered the key itself, which dies here. */
  return translation == key ? msgid : translation;
}

/* The rules are those of DOMAIN.md §3; every figure comes from the tables
 * (ud-relief-rules.c).  Money stays in integer fen throughout and incomes
 * are compared with products, never divided. */

static void
input_error (GError     **error,
             const char  *path,
             const char  *message)
{
  ud_json_read_set_error (UD_RELIEF_ERROR, error, UD_RELIEF_ERROR_INPUT, path, message);
}

/* Refuses what cannot happen and computes self-paid S = total − the four
 * reimbursements. */
static gboolean
check_case (const UdReliefCase  *c,
            UdFen               *self_paid,
            GError             **error)
{
  const struct {
    const char *path;
    UdFen       value;
  } parts[] = {
    { "costs.insurance", c->insurance },
    { "costs.government_aid", c->government_aid },
    { "costs.mutual_aid", c->mutual_aid },
    { "costs.other", c->other },
  };
  UdFen reimbursed = 0;
  gboolean overflow = FALSE;

  if (!g_date_valid (&c->date))
    {
      input_error (error, "date", _("the application date is missing"));
      return FALSE;
    }

  if ((guint) c->relation > UD_RELATION_PARENT)
    {
      input_error (error, "relation", _("must be one of self, spouse, child or parent"));
      return FALSE;
    }

  if (c->disease == NULL || *c->disease == '\0')
    {
      input_error (error, "disease", _("the disease code is missing"));
      return FALSE;
    }

  if (c->total < 0)
    {
      input_error (error, "costs.total", _("the amount cannot be negative"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i].value < 0)
        {
          input_error (error, parts[i].path, _("the amount cannot be negative"));
          return FALSE;
        }

      if (parts[i].value > G_MAXINT64 - reimbursed)
        overflow = TRUE;
      else
        reimbursed += parts[i].value;
    }

  if (overflow || reimbursed > c->total)
    {
      g_autofree char *reimbursed_text = ud_money_format (reimbursed);
      g_autofree char *total_text = ud_money_format (c->total);
      g_autofree char *message = NULL;

      if (overflow)
        message = g_strdup_printf (_("insurance, government aid, mutual aid and other together are more than the total cost %s"),
                                   total_text);
      else
        message = g_strdup_printf (_("insurance, government aid, mutual aid and other together (%s) are more than the total cost %s"),
                                   reimbursed_text, total_text);
      input_error (error, "costs", message);
      return FALSE;
    }

  if (c->household_size == 0)
    {
      input_error (error, "household.size", _("a household has at least one person"));
      return FALSE;
    }

  if (c->income_12m < 0)
    {
      input_error (error, "household.income_12m", _("the income cannot be negative"));
      return FALSE;
    }

  for (guint i = 0; c->prior_reliefs != NULL && i < c->prior_reliefs->len; i++)
    {
      if (!g_date_valid (&g_array_index (c->prior_reliefs, GDate, i)))
        {
          g_autofree char *path = ud_json_index_path ("prior_reliefs", i);

          input_error (error, path, _("not a valid date"));
          return FALSE;
        }
    }

  *self_paid = c->total - reimbursed;
  return TRUE;
}

/* I < times × 12 × n × L, in integers.  A product too large for 64 bits is
 * above any income. */
static gboolean
income_below (UdFen income,
              guint times,
              guint household_size,
              UdFen line)
{
  guint64 limit = 12;

  g_assert (income >= 0);
  g_assert (line > 0);

  if (!g_uint64_checked_mul (&limit, limit, times)
      || !g_uint64_checked_mul (&limit, limit, household_size)
      || !g_uint64_checked_mul (&limit, limit, (guint64) line))
    return TRUE;

  return (guint64) income < limit;
}

/* The most recent relief approved from D − (window − 1) to D: with the
 * default 365-day window, one approved exactly 365 days before D no longer
 * counts.  Day counts, not calendar months, so leap years need no rule. */
static const GDate *
latest_relief_within (GArray      *prior_reliefs,
                      const GDate *date,
                      guint        window_days)
{
  const GDate *latest = NULL;

  for (guint i = 0; prior_reliefs != NULL && i < prior_reliefs->len; i++)
    {
      const GDate *prior = &g_array_index (prior_reliefs, GDate, i);
      gint days = g_date_days_between (prior, date);

      if (days >= 0 && (guint) days < window_days
          && (latest == NULL || g_date_compare (prior, latest) > 0))
        latest = prior;
    }

  return latest;
}

static const UdReliefDisease *
find_disease (const UdDiseaseCatalogue *catalogue,
              const char               *code)
{
  for (guint i = 0; i < catalogue->diseases->len; i++)
    {
      const UdReliefDisease *disease = g_ptr_array_index (catalogue->diseases, i);

      if (g_ascii_strcasecmp (disease->code, code) == 0)
        return disease;
    }

  return NULL;
}

static const char *relation_labels[] = {
  [UD_RELATION_SELF] = NC_("relation", "self"),
  [UD_RELATION_SPOUSE] = NC_("relation", "spouse"),
  [UD_RELATION_CHILD] = NC_("relation", "child"),
  [UD_RELATION_PARENT] = NC_("relation", "parent"),
};

static void
add_failure (GPtrArray  *failed,
             GPtrArray  *reasons,
             const char *code,
             char       *reason)
{
  g_ptr_array_add (failed, g_strdup (code));
  g_ptr_array_add (reasons, reason);
}

/* Fills @failed and @reasons with every eligibility rule the case breaks. */
static void
check_eligibility (const UdReliefRuleSet    *set,
                   const UdDiseaseCatalogue *catalogue,
                   const UdReliefCase       *c,
                   UdFen                     self_paid,
                   GPtrArray                *failed,
                   GPtrArray                *reasons)
{
  g_autofree char *date = ud_date_to_iso (&c->date);
  const GDate *recent;

  if (!c->member_active)
    add_failure (failed, reasons, "member_inactive",
                 g_strdup_printf (_("the member is not active on %s"), date));

  if ((set->relations & (1u << c->relation)) == 0)
    add_failure (failed, reasons, "relation_not_allowed",
                 /* Translators: the first %s is a relation (self, spouse,
                  * child, parent), the second a rules version. */
                 g_strdup_printf (_("the patient's relation to the member (%s) is not covered by rules %s"),
                                  C_("relation", relation_labels[c->relation]), set->version));

  if (find_disease (catalogue, c->disease) == NULL)
    add_failure (failed, reasons, "disease_not_listed",
                 g_strdup_printf (_("disease %s is not in the catalogue in force on %s"),
                                  c->disease, date));

  if (self_paid < set->threshold)
    {
      g_autofree char *self_paid_text = ud_money_format (self_paid);
      g_autofree char *threshold_text = ud_money_format (set->threshold);

      add_failure (failed, reasons, "self_paid_below_threshold",
                   g_strdup_printf (_("self-paid %s < %s, the minimum for relief"),
                                    self_paid_text, threshold_text));
    }

  recent = latest_relief_within (c->prior_reliefs, &c->date, set->window_days);
  if (recent != NULL)
    {
      g_autofree char *recent_text = ud_date_to_iso (recent);

      add_failure (failed, reasons, "relief_within_12_months",
                   g_strdup_printf (_("an illness relief was already approved on %s, less than %u days before %s"),
                                    recent_text, set->window_days, date));
    }
}

/* "the low-income line (1,450.00)" or "2 × the low-income line (1,450.00)" */
static char *
line_phrase (guint times,
             UdFen line)
{
  g_autofree char *line_text = ud_money_format (line);

  if (times == 1)
    return g_strdup_printf (_("the low-income line (%s)"), line_text);

  /* Translators: a multiple of the low-income line, e.g. "2 × the
   * low-income line (1,450.00)". */
  return g_strdup_printf (_("%u × the low-income line (%s)"), times, line_text);
}

static char *
hardship_reason (const UdHardshipRule *rule,
                 gboolean              by_income,
                 gboolean              by_archive,
                 UdFen                 line,
                 guint                 base_tier,
                 guint                 tier,
                 UdFen                 amount)
{
  g_autofree char *condition = NULL;
  g_autofree char *steps = NULL;
  g_autofree char *amount_text = ud_money_format (amount);

  if (by_income)
    {
      g_autofree char *phrase = line_phrase (rule->income_below_line_times, line);

      condition = g_strdup_printf (_("per-capita income below %s"), phrase);
    }

  if (by_archive)
    {
      const char *archived = _("archived hardship household");

      if (condition != NULL)
        {
          /* Translators: two conditions that both hold. */
          char *both = g_strdup_printf (C_("conditions", "%s and %s"), condition, archived);

          g_free (condition);
          condition = both;
        }
      else
        condition = g_strdup (archived);
    }

  steps = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "+%u tier", "+%u tiers", rule->steps),
                           rule->steps);

  if (tier < base_tier + rule->steps)
    /* Translators: condition → "+2 tiers", capped → amount */
    return g_strdup_printf (_("%s → %s, capped at the top tier → %s"), condition, steps, amount_text);

  /* Translators: condition → "+2 tiers" → amount */
  return g_strdup_printf (_("%s → %s → %s"), condition, steps, amount_text);
}

/* Why no hardship rule applied, from the loosest of the rules' conditions. */
static char *
no_hardship_reason (const UdReliefRuleSet *set,
                    UdFen                  line)
{
  guint most_times = 0;
  gboolean any_archive = FALSE;
  g_autofree char *phrase = NULL;

  for (guint i = 0; i < set->hardship->len; i++)
    {
      const UdHardshipRule *rule = &g_array_index (set->hardship, UdHardshipRule, i);

      most_times = MAX (most_times, rule->income_below_line_times);
      any_archive = any_archive || rule->archived;
    }

  if (most_times == 0)
    return g_strdup (_("not an archived hardship household → no extra tier"));

  phrase = line_phrase (most_times, line);
  if (any_archive)
    return g_strdup_printf (_("per-capita income not below %s and not an archived hardship household → no extra tier"),
                            phrase);

  return g_strdup_printf (_("per-capita income not below %s → no extra tier"), phrase);
}

/* "self-paid 56,300.00 ≥ 50,000.00 → 5,000.00" */
static char *
base_reason (const UdReliefTier *base,
             UdFen               self_paid)
{
  g_autofree char *self_paid_text = ud_money_format (self_paid);
  g_autofree char *from_text = ud_money_format (base->from);
  g_autofree char *amount_text = ud_money_format (base->amount);

  return g_strdup_printf (_("self-paid %s ≥ %s → %s"), self_paid_text, from_text, amount_text);
}

/* Base tier by S (lower bounds inclusive), then the first hardship rule
 * that holds moves it up, never above the top tier. */
static void
compute_amount (const UdReliefRuleSet *set,
                const UdReliefCase    *c,
                UdFen                  self_paid,
                UdFen                  line,
                UdReliefQuote         *out,
                GPtrArray             *reasons)
{
  const UdReliefTier *base = NULL;
  const UdHardshipRule *applied = NULL;
  gboolean by_income = FALSE;
  gboolean by_archive = FALSE;
  guint base_tier = 0;
  guint tier;
  guint n_tiers = set->tiers->len;

  for (guint i = 0; i < n_tiers; i++)
    {
      const UdReliefTier *t = &g_array_index (set->tiers, UdReliefTier, i);

      if (self_paid >= t->from)
        {
          base = t;
          base_tier = i + 1;
        }
    }

  /* The tables guarantee that the first tier starts at or below the
   * threshold, which an eligible self-paid amount has reached. */
  g_assert (base != NULL);

  g_ptr_array_add (reasons, base_reason (base, self_paid));

  for (guint i = 0; i < set->hardship->len && applied == NULL; i++)
    {
      const UdHardshipRule *rule = &g_array_index (set->hardship, UdHardshipRule, i);

      by_income = rule->income_below_line_times > 0
                  && income_below (c->income_12m, rule->income_below_line_times,
                                   c->household_size, line);
      by_archive = rule->archived && c->archived;
      if (by_income || by_archive)
        applied = rule;
    }

  tier = base_tier;
  if (applied != NULL)
    {
      tier = MIN (base_tier + applied->steps, n_tiers);
      g_ptr_array_add (reasons,
                       hardship_reason (applied, by_income, by_archive, line, base_tier, tier,
                                        g_array_index (set->tiers, UdReliefTier, tier - 1).amount));
    }
  else if (set->hardship->len > 0)
    {
      g_ptr_array_add (reasons, no_hardship_reason (set, line));
    }

  out->tier = tier;
  out->amount = g_array_index (set->tiers, UdReliefTier, tier - 1).amount;

  /* Guaranteed by the tables' checks: every tier pays within the range. */
  g_assert (out->amount >= set->min_amount && out->amount <= set->max_amount);
}

/**
 * ud_relief_quote:
 * @rules: the rules
 * @c: the case
 * @out: (out caller-allocates): the quote; overwritten, so it must not
 *   hold a previous quote (clear that with ud_relief_quote_clear())
 * @error: return location for a #UD_RELIEF_ERROR_INPUT error
 *
 * Applies the rules in force on the case's date (DOMAIN.md §3).  A case
 * that is not eligible is a quote too (tier 0, amount 0, every failed
 * rule listed); only impossible input is an error, whose message starts
 * with the field at fault ("costs.insurance: …").
 *
 * Returns: %TRUE when @out holds a quote
 */
gboolean
ud_relief_quote (UdReliefRules       *rules,
                 const UdReliefCase  *c,
                 UdReliefQuote       *out,
                 GError             **error)
{
  const UdReliefRuleSet *set;
  const UdLowIncomeLine *line;
  const UdDiseaseCatalogue *catalogue;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  UdFen self_paid = 0;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (c != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (!check_case (c, &self_paid, error))
    return FALSE;

  set = _ud_relief_find_in_force (rules->rule_sets, &c->date);
  line = _ud_relief_find_in_force (rules->lines, &c->date);
  catalogue = _ud_relief_find_in_force (rules->catalogues, &c->date);
  if (set == NULL || line == NULL || catalogue == NULL)
    {
      g_autofree char *date = ud_date_to_iso (&c->date);
      g_autofree char *message = NULL;

      if (set == NULL)
        message = g_strdup_printf (_("no relief rules are in force on %s"), date);
      else if (line == NULL)
        message = g_strdup_printf (_("no low-income line is in force on %s"), date);
      else
        message = g_strdup_printf (_("no disease catalogue is in force on %s"), date);

      input_error (error, "date", message);
      return FALSE;
    }

  failed = g_ptr_array_new_with_free_func (g_free);
  reasons = g_ptr_array_new_with_free_func (g_free);

  check_eligibility (set, catalogue, c, self_paid, failed, reasons);

  out->eligible = failed->len == 0;
  if (out->eligible)
    compute_amount (set, c, self_paid, line->monthly, out, reasons);

  out->self_paid = self_paid;
  out->failed = g_steal_pointer (&failed);
  out->reasons = g_steal_pointer (&reasons);
  out->rules_version = g_strdup (set->version);
  out->low_income_line = line->monthly;

  return TRUE;
}

void
ud_relief_quote_clear (UdReliefQuote *quote)
{
  g_return_if_fail (quote != NULL);

  g_clear_pointer (&quote->failed, g_ptr_array_unref);
  g_clear_pointer (&quote->reasons, g_ptr_array_unref);
  g_clear_pointer (&quote->rules_version, g_free);
  memset (quote, 0, sizeof *quote);
}

/**
 * ud_relief_case_new:
 *
 * An empty case: no date yet, the member as patient, a household of one,
 * no income, no costs and no prior relief.
 *
 * Returns: (transfer full): the case
 */
UdReliefCase *
ud_relief_case_new (void)
{
  UdReliefCase *c = g_new0 (UdReliefCase, 1);

  g_date_clear (&c->date, 1);
  c->relation = UD_RELATION_SELF;
  c->household_size = 1;
  c->prior_reliefs = g_array_new (FALSE, TRUE, sizeof (GDate));

  return c;
}

void
ud_relief_case_free (UdReliefCase *c)
{
  if (c == NULL)
    return;

  g_free (c->disease);
  g_clear_pointer (&c->prior_reliefs, g_array_unref);
  g_free (c);
}
