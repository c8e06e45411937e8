/* ud-relief.h — the serious-illness relief rules engine (大病救助)
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

#pragma once

#include <glib.h>

#include "ud-types.h"

G_BEGIN_DECLS

#define UD_RELIEF_ERROR (ud_relief_error_quark ())

typedef enum
{
  /* The case cannot be quoted: a negative cost, reimbursements above the
   * total, a household of 0, no rules in force on the date, bad JSON. */
  UD_RELIEF_ERROR_INPUT,
  /* A reference table (low-income line, disease catalogue, rules) is broken. */
  UD_RELIEF_ERROR_DATA,
} UdReliefError;

/* Who the patient is, seen from the member. */
typedef enum
{
  UD_RELATION_SELF,
  UD_RELATION_SPOUSE,
  UD_RELATION_CHILD,
  UD_RELATION_PARENT,
} UdRelation;

/* All versions of the three reference tables: low-income line, disease
 * catalogue and relief rules.  Immutable once built, so one instance may be
 * shared between threads. */
typedef struct _UdReliefRules UdReliefRules;

typedef struct
{
  char *code;   /* "D01" */
  char *name;   /* "恶性肿瘤—重度" */
} UdReliefDisease;

typedef struct
{
  GDate       date;             /* application date D */
  UdRelation  relation;
  char       *disease;          /* catalogue code */
  gboolean    member_active;    /* on D */

  /* Costs over the 12 months before D */
  UdFen       total;
  UdFen       insurance;        /* 医保统筹/大额 */
  UdFen       government_aid;   /* 政府医疗救助 */
  UdFen       mutual_aid;       /* 互助保障/二次报销 */
  UdFen       other;            /* commercial or other insurance */

  guint       household_size;
  UdFen       income_12m;       /* household income over the last 12 months */
  gboolean    archived;         /* archived hardship household (在档) on D */

  GArray     *prior_reliefs;    /* GDate: illness reliefs already approved
                                 * for this member; may be NULL */
} UdReliefCase;

typedef struct
{
  gboolean   eligible;
  UdFen      self_paid;
  guint      tier;              /* 1…number of tiers; 0 when not eligible */
  UdFen      amount;            /* 0 when not eligible */
  GPtrArray *failed;            /* char *: member_inactive, relation_not_allowed,
                                 * disease_not_listed, self_paid_below_threshold,
                                 * relief_within_12_months */
  GPtrArray *reasons;           /* char *: translated sentences */
  char      *rules_version;     /* the rules in force on the date */
  UdFen      low_income_line;   /* the monthly line in force on the date */
} UdReliefQuote;

GQuark            ud_relief_error_quark             (void);

const char       *ud_relation_to_string             (UdRelation      relation);
gboolean          ud_relation_from_string           (const char     *text,
                                                     UdRelation     *relation);

GBytes           *ud_relief_reference_lookup        (const char     *name,
                                                     GError        **error);

UdReliefRules    *ud_relief_rules_new_default       (GError        **error);
UdReliefRules    *ud_relief_rules_new_from_json     (const char     *low_income_json,
                                                     const char     *diseases_json,
                                                     const char     *rules_json,
                                                     GError        **error);
UdReliefRules    *ud_relief_rules_ref               (UdReliefRules  *rules);
void              ud_relief_rules_unref             (UdReliefRules  *rules);
UdFen             ud_relief_rules_low_income_line   (UdReliefRules  *rules,
                                                     const GDate    *date);
GPtrArray        *ud_relief_rules_diseases          (UdReliefRules  *rules,
                                                     const GDate    *date);
const char       *ud_relief_rules_version           (UdReliefRules  *rules,
                                                     const GDate    *date);
gboolean          ud_relief_rules_amount_range      (UdReliefRules  *rules,
                                                     const GDate    *date,
                                                     UdFen          *min_amount,
                                                     UdFen          *max_amount);

UdReliefDisease  *ud_relief_disease_copy            (const UdReliefDisease *disease);
void              ud_relief_disease_free            (UdReliefDisease *disease);

UdReliefCase     *ud_relief_case_new                (void);
void              ud_relief_case_free               (UdReliefCase   *c);
UdReliefCase     *ud_relief_case_from_json          (const char     *json,
                                                     GError        **error);

gboolean          ud_relief_quote                   (UdReliefRules       *rules,
                                                     const UdReliefCase  *c,
                                                     UdReliefQuote       *out,
                                                     GError             **error);
void              ud_relief_quote_clear             (UdReliefQuote       *quote);
char             *ud_relief_quote_to_json           (const UdReliefQuote *quote);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdReliefRules, ud_relief_rules_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdReliefDisease, ud_relief_disease_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdReliefCase, ud_relief_case_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UdReliefQuote, ud_relief_quote_clear)

G_END_DECLS
