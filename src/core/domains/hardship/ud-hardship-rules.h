/* ud-hardship-rules.h — the hardship-household category rule (困难职工建档)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-relief.h"
#include "ud-types.h"

G_BEGIN_DECLS

/* DOMAIN §4: the per-capita monthly net income P = (household income over
 * 12 months − rigid expenses) ÷ 12 ÷ household size, against the
 * low-income line L in force on the date (DOMAIN §2): deep hardship if
 * P < L, relative if L ≤ P < 2L, accident if P ≥ 2L but the year's
 * hardship costs (rigid expenses + losses) exceed 80 % of the household
 * income, otherwise none.  Every comparison is made in integers (fen),
 * never by dividing.  The multiples and the migrant worker's months are
 * data: data/reference/hardship-rules.json, versioned by effective date. */

#define UD_HARDSHIP_ERROR (ud_hardship_error_quark ())

typedef enum
{
  UD_HARDSHIP_ERROR_INPUT,         /* a case cannot be judged: the message names the field */
  UD_HARDSHIP_ERROR_DATA,          /* a rules table is broken */
  UD_HARDSHIP_ERROR_INVALID,       /* a record's field: the message names it */
  UD_HARDSHIP_ERROR_NOT_FOUND,
  UD_HARDSHIP_ERROR_NOT_ELIGIBLE,  /* approving what the rules do not allow */
} UdHardshipError;

GQuark      ud_hardship_error_quark   (void);

typedef enum
{
  UD_HARDSHIP_NONE,      /* not eligible */
  UD_HARDSHIP_DEEP,      /* 深度困难 */
  UD_HARDSHIP_RELATIVE,  /* 相对困难 */
  UD_HARDSHIP_ACCIDENT,  /* 意外致困 */
} UdHardshipCategory;

/* "none", "deep", "relative", "accident" */
const char *ud_hardship_category_to_string   (UdHardshipCategory  category);
gboolean    ud_hardship_category_from_string (const char         *text,
                                              UdHardshipCategory *category);

typedef struct
{
  GDate     date;              /* the application date: the line in force then */
  gboolean  migrant;           /* 农民工, else an urban worker */
  guint     employed_months;   /* a migrant worker's months of employment */
  guint     household_size;
  UdFen     income_12m;        /* household income over the last 12 months */
  UdFen     medical;           /* rigid expenses over the same 12 months */
  UdFen     education;
  UdFen     disability_care;
  UdFen     work;
  UdFen     losses;            /* from accident, disaster or sudden illness */
  gboolean  two_homes;         /* the exclusions */
  gboolean  employs_others;
  gboolean  private_school;
} UdHardshipCase;

typedef struct
{
  gboolean            eligible;       /* failed is empty */
  UdHardshipCategory  category;
  UdFen               per_capita;     /* P, rounded toward zero to the fen; may be negative */
  UdFen               line;           /* L in force on the date */
  GPtrArray          *failed;         /* char *: not_in_hardship, migrant_under_one_year,
                                       * two_homes, employs_others, private_school */
  GPtrArray          *reasons;        /* char *: translated sentences */
  char               *rules_version;
} UdHardshipQuote;

/* The versions of the category rules and the low-income line. */
typedef struct _UdHardshipRules UdHardshipRules;

/* The shipped tables. */
UdHardshipRules *ud_hardship_rules_new_default  (GError          **error);
/* @lines: the low-income line's versions (the office's reference tables,
 * ud_reference_load_rules()); @rules_json: the category rules, in the
 * shape of data/reference/hardship-rules.json, or NULL for the shipped. */
UdHardshipRules *ud_hardship_rules_new          (UdReliefRules    *lines,
                                                 const char       *rules_json,
                                                 GError          **error);
/* The office's low-income line (its reference tables) with the shipped
 * category rules. */
UdHardshipRules *ud_hardship_rules_load         (UdDatabase       *db,
                                                 GError          **error);
UdHardshipRules *ud_hardship_rules_ref          (UdHardshipRules  *rules);
void             ud_hardship_rules_unref        (UdHardshipRules  *rules);
/* The low-income line in force on @date, 0 when none is. */
UdFen            ud_hardship_rules_line         (UdHardshipRules  *rules,
                                                 const GDate      *date);

/* Reads a case in the shape of `uniondesk-cli hardship quote` (DESIGN
 * §10): every member required except employed_months for an urban
 * worker; an unknown member is refused.  Amounts are judged by
 * ud_hardship_quote(). */
gboolean    ud_hardship_case_from_json (const char            *json,
                                        UdHardshipCase        *c,
                                        GError               **error);

/* Judges @c: FALSE with UD_HARDSHIP_ERROR_INPUT (naming the field) for a
 * negative amount, a household of 0, a date before the rules are in
 * force. */
gboolean    ud_hardship_quote          (UdHardshipRules       *rules,
                                        const UdHardshipCase  *c,
                                        UdHardshipQuote       *out,
                                        GError               **error);
void        ud_hardship_quote_clear    (UdHardshipQuote       *quote);
/* The answer of `uniondesk-cli hardship quote`, one line of JSON. */
char       *ud_hardship_quote_to_json  (const UdHardshipQuote *quote);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdHardshipRules, ud_hardship_rules_unref)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UdHardshipQuote, ud_hardship_quote_clear)

G_END_DECLS
