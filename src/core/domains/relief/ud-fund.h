/* ud-fund.h — the district relief fund: a budget per year and what is left of it
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-database.h"

G_BEGIN_DECLS

#define UD_FUND_ERROR (ud_fund_error_quark ())

typedef enum
{
  UD_FUND_ERROR_INVALID,     /* a year or amount that cannot be */
  UD_FUND_ERROR_NO_BUDGET,   /* nothing can be approved in a year without a budget */
  UD_FUND_ERROR_BALANCE,     /* the remaining balance is too small */
} UdFundError;

/* A fund year is the year of the applications' dates. */
typedef struct
{
  guint    year;
  gboolean has_budget;
  UdFen    budget;
  guint    approved_count;   /* applications approved or paid */
  guint    people;           /* the members they went to */
  UdFen    approved_total;
  guint    paid_count;
  UdFen    paid_total;
  UdFen    balance;          /* budget − approved_total */
  guint    pending_count;    /* draft, submitted or reviewed */
  guint    rejected_count;
} UdFundSummary;

GQuark    ud_fund_error_quark       (void);

/* The most a year's budget may be: 1,000,000,000.00 yuan, far above any
 * district's fund, and far enough below the 64-bit limit that no sum of
 * budgets and amounts can overflow. */
#define UD_FUND_MAX_BUDGET ((UdFen) 100000000000)

/* Sets the year's budget, in fen, from 0 to UD_FUND_MAX_BUDGET; never
 * below what is already approved.  Needs UD_PERMISSION_ADMINISTER.
 * Audited. */
gboolean  ud_fund_set_budget        (UdDatabase     *db,
                                     guint           year,
                                     UdFen           amount,
                                     GError        **error);
/* Needs UD_PERMISSION_VIEW_MEMBERS. */
gboolean  ud_fund_get_summary       (UdDatabase     *db,
                                     guint           year,
                                     UdFundSummary  *summary,
                                     GError        **error);
/* "24 people, 285,200.00 yuan approved; 14,800.00 yuan left", translated. */
char     *ud_fund_summary_to_string (const UdFundSummary *summary);

/* Within a transaction: refuses, with a sentence, an approval of @amount
 * in @year that the remaining balance does not cover. */
gboolean  _ud_fund_check_balance    (UdDatabase     *db,
                                     guint           year,
                                     UdFen           amount,
                                     GError        **error);

/* Within a transaction: refuses, with a sentence, an application
 * approved elsewhere for @amount in @year (@uuid: the record, whose
 * version stored here is counted already) that the remaining balance
 * does not cover.  A year without a budget here is not this office's to
 * judge. */
gboolean  _ud_fund_check_received   (UdDatabase     *db,
                                     guint           year,
                                     const char     *uuid,
                                     UdFen           amount,
                                     GError        **error);

G_END_DECLS
