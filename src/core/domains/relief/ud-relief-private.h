/* ud-relief-private.h — what the relief area's files share
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

#include <json-glib/json-glib.h>

#include "ud-json-read.h"

#include "ud-relief.h"

G_BEGIN_DECLS

/* Every versioned row starts with its effective date, so that one lookup
 * (_ud_relief_find_in_force) serves all three tables. */

typedef struct
{
  GDate effective;
  UdFen monthly;
} UdLowIncomeLine;

typedef struct
{
  GDate      effective;
  char      *version;
  GPtrArray *diseases;                  /* UdReliefDisease */
} UdDiseaseCatalogue;

typedef struct
{
  UdFen from;                           /* lower bound of self-paid, inclusive */
  UdFen amount;
} UdReliefTier;

/* One hardship rule: the household moves up @steps tiers if its income is
 * below @income_below_line_times × 12 months × n persons × L (0: no income
 * condition), or if @archived and the household is archived.  The first
 * rule that holds applies. */
typedef struct
{
  guint    steps;
  guint    income_below_line_times;
  gboolean archived;
} UdHardshipRule;

typedef struct
{
  GDate   effective;
  char   *version;
  UdFen   threshold;
  GArray *tiers;                        /* UdReliefTier, ascending */
  guint   relations;                    /* bit (1 << UdRelation) per allowed relation */
  GArray *hardship;                     /* UdHardshipRule, in order of precedence */
  guint   window_days;
  UdFen   min_amount;
  UdFen   max_amount;
} UdReliefRuleSet;

struct _UdReliefRules
{
  gatomicrefcount  ref_count;

  /* Owned, each sorted by effective date, ascending */
  GPtrArray       *lines;               /* UdLowIncomeLine */
  GPtrArray       *catalogues;          /* UdDiseaseCatalogue */
  GPtrArray       *rule_sets;           /* UdReliefRuleSet */
};

gpointer    _ud_relief_find_in_force      (GPtrArray    *versions,
                                           const GDate  *date);

G_END_DECLS
