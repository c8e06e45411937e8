/* ud-illness-form.h — the serious-illness relief approval form (重大疾病救助审批表)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-document.h"
#include "ud-types.h"

G_BEGIN_DECLS

/* Amounts below 0 are not known yet and print as blank cells, as do NULL or
 * empty strings, a tier or household size of 0 and a suggested or approved
 * amount of 0: the office fills them in by hand.  Dates are YYYY-MM-DD.
 */
#define UD_ILLNESS_FORM_NO_AMOUNT ((UdFen) -1)

typedef struct
{
  char    *serial;
  char    *uuid;
  char    *application_date;
  char    *fund;
  char    *year;

  /* Member block */
  char    *name;
  char    *sex;
  char    *birth_date;
  char    *id_number;
  char    *unit;
  char    *street;
  char    *phone;
  char    *card_number;
  char    *model_worker;
  gboolean archived;

  char    *patient_name;
  char    *relation;               /* 本人/配偶/子女/父母 */

  char    *disease_code;
  char    *disease_name;
  char    *hospital;
  char    *hospital_grade;
  char    *diagnosis_date;
  char    *treatment_from;
  char    *treatment_to;

  UdFen    total;
  UdFen    insurance;
  UdFen    government_aid;
  UdFen    mutual_aid;
  UdFen    other;
  UdFen    self_paid;

  guint    household_size;
  UdFen    household_income;
  UdFen    per_capita_monthly;
  UdFen    low_income_line;

  guint    tier;
  UdFen    suggested;
  UdFen    approved;
  char    *approved_reason;
  UdFen    received_this_year;
  char    *rules_version;
  char    *reasons;                /* the computed reasons, one line each */
  char    *documents;              /* codes of the documents received, comma-separated */

  /* 基层工会, 街道/乡镇总工会, 区总工会帮扶中心审核, 区总工会审批 */
  struct
  {
    char *opinion;
    char *signer;
    char *date;
  } opinions[4];

  char    *paid_on;
  char    *payment_method;
  char    *notice_from;
  char    *notice_to;
} UdIllnessFormData;

/* Frees the strings of @data (not @data itself). */
void        ud_illness_form_data_clear (UdIllnessFormData       *data);

/* One A4 page when it fits, else two with the opinions on the second. */
UdDocument *ud_illness_form_build      (const UdIllnessFormData *data,
                                        GError                 **error);

/* Milliseconds to lay out one sample form and make its PDF, averaged over
 * @iterations after one warm-up form (which loads the fonts); for
 * `uniondesk-cli bench`.  @pdf_size receives the size of one PDF.
 */
double      ud_illness_form_bench      (guint                    iterations,
                                        gsize                   *pdf_size);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UdIllnessFormData, ud_illness_form_data_clear)

G_END_DECLS
