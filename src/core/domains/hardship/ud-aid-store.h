/* ud-aid-store.h — aid programmes paid in batches, to anyone a register keeps
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-database.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* The batch and disbursement machinery (DOMAIN §4 and §6).  A programme
 * (ud_kind_aid_programme) has yearly amounts by class of recipient
 * (ud_kind_aid_amount); it is paid in batches (ud_kind_aid_batch) of
 * payments (ud_kind_aid_payment).  A payment names its recipient as a
 * record of any kind — recipient_kind + recipient_uuid: a hardship
 * archive, a household member at school, a member, a team's assisted
 * household — and carries a copy of the person's name and ID number and
 * of the amount, so that the receipt list, the once-a-year rule and the
 * city server's duplicate-aid check read the payment alone.
 *
 * A person (by ID number) is paid at most once in a batch, and at most
 * once in a programme-year when the programme says so; the refusal names
 * the earlier payment.  Every change is one transaction with the batch's
 * totals written again. */

#define UD_AID_ERROR (ud_aid_error_quark ())

typedef enum
{
  UD_AID_ERROR_INVALID,      /* a field: the message names it */
  UD_AID_ERROR_NOT_FOUND,
  UD_AID_ERROR_TWICE,        /* the person is paid already: the message names the payment */
  UD_AID_ERROR_NO_AMOUNT,    /* the programme has no amount for the class in the year */
  UD_AID_ERROR_FUND,         /* beyond the year's budget */
} UdAidError;

GQuark      ud_aid_error_quark         (void);

/* ---- programmes ---- */

/* Stores the shipped programmes (data/reference/aid-programmes.json)
 * with their amounts when the office has none.  Idempotent. */
gboolean    ud_aid_ensure_programmes   (UdDatabase     *db,
                                        GError        **error);
/* The live programmes, by code. */
GPtrArray  *ud_aid_programme_list      (UdDatabase     *db,
                                        GError        **error);
/* The programme with this code (or name). */
UdRecord   *ud_aid_programme_find      (UdDatabase     *db,
                                        const char     *key,
                                        GError        **error);
/* Its amount lines, by year and class. */
GPtrArray  *ud_aid_programme_amounts   (UdDatabase     *db,
                                        const UdRecord *programme,
                                        GError        **error);
/* The amount of @programme for @recipient_class in @year: the line of the
 * latest year up to @year.  FALSE with UD_AID_ERROR_NO_AMOUNT when there
 * is none. */
gboolean    ud_aid_programme_amount    (UdDatabase     *db,
                                        const UdRecord *programme,
                                        guint           year,
                                        const char     *recipient_class,
                                        UdFen          *amount,
                                        GError        **error);
/* Sets the amount of a class for a year (a new line, or over the year's
 * line).  Needs UD_PERMISSION_EDIT_REFERENCE_DATA. */
gboolean    ud_aid_programme_set_amount (UdDatabase    *db,
                                        const UdRecord *programme,
                                        guint           year,
                                        const char     *recipient_class,
                                        UdFen           amount,
                                        GError        **error);

/* ---- payments and batches ---- */

/* A payment to the record @recipient_uuid of the kind @recipient_kind,
 * for the person @name, @id_number of the class @recipient_class;
 * @household: whose household the person is of, or NULL.  @amount -1:
 * the programme's amount, filled in when it joins a batch. */
UdRecord   *ud_aid_payment_new         (const char     *recipient_kind,
                                        const char     *recipient_uuid,
                                        const char     *name,
                                        const char     *id_number,
                                        const char     *household,
                                        const char     *recipient_class,
                                        UdFen           amount);

/* Who a rule picks (aid_batch.rule: archived, category, single_parent,
 * school, model_workers), each a payment not yet stored with its amount,
 * or set aside with the reason (paid already in the programme-year, no
 * amount for the class, no ID number). */
typedef struct
{
  UdRecord *payment;
  char     *set_aside;   /* NULL: picked; else why not, one sentence */
} UdAidCandidate;

void        ud_aid_candidate_free      (UdAidCandidate *candidate);

GPtrArray  *ud_aid_pick                (UdDatabase     *db,
                                        const UdRecord *programme,
                                        guint           year,
                                        const char     *rule,
                                        const char     *category,
                                        GError        **error);

/* A new batch of @programme in @year, not stored. */
UdRecord   *ud_aid_batch_new           (const UdRecord *programme,
                                        guint           year,
                                        const char     *title,
                                        const char     *rule,
                                        const char     *category);
/* Stores @batch (new) with @payments (not stored, amounts filled in by
 * ud_aid_pick() or given, or -1) in one transaction: each checked as
 * ud_aid_batch_add() does; the first refused refuses the whole batch.
 * A batch by rule that picks nobody is refused; one by hand may start
 * empty.  When the year has a budget, lines beyond what it has left
 * uncommitted are refused (UD_AID_ERROR_FUND), saying how much is left;
 * ud_aid_batch_add() too.
 * Needs UD_PERMISSION_CREATE_APPLICATION. */
gboolean    ud_aid_batch_create        (UdDatabase     *db,
                                        UdRecord       *batch,
                                        GPtrArray      *payments,
                                        GError        **error);
/* Adds @payment to the stored @batch as its next line.  Refused with
 * UD_AID_ERROR_TWICE naming the earlier payment when the person is in the
 * batch already or, for a programme paid once a year, in another batch of
 * the programme-year. */
gboolean    ud_aid_batch_add           (UdDatabase     *db,
                                        UdRecord       *batch,
                                        UdRecord       *payment,
                                        GError        **error);
/* Records that the line @line of @batch was paid on @date (not ahead) by
 * @method (jingka, bank, cash); @receipt: the transfer number, or for
 * cash the signed receipt list's number (may be NULL for cash).  A line
 * paid already is refused, naming when.  Needs
 * UD_PERMISSION_RECORD_PAYMENT. */
gboolean    ud_aid_batch_pay           (UdDatabase     *db,
                                        UdRecord       *batch,
                                        guint           line,
                                        const char     *date,
                                        const char     *method,
                                        const char     *receipt,
                                        GError        **error);

UdRecord   *ud_aid_batch_find          (UdDatabase     *db,
                                        const char     *serial,
                                        GError        **error);
/* Its payments, by line. */
GPtrArray  *ud_aid_batch_payments      (UdDatabase     *db,
                                        const UdRecord *batch,
                                        GError        **error);
/* The live batches, of @year when not 0, newest first. */
GPtrArray  *ud_aid_batch_list          (UdDatabase     *db,
                                        guint           year,
                                        GError        **error);

/* ---- the fund ---- */

typedef struct
{
  guint    year;
  gboolean has_budget;
  UdFen    budget;
  UdFen    committed;      /* every line of the year's batches */
  UdFen    paid;           /* the lines paid */
  UdFen    balance;        /* budget − paid */
  UdFen    uncommitted;    /* budget − committed: what new lines may take */
  guint    batches;
  guint    recipients;
} UdAidFundSummary;

/* Sets the aid fund's budget for @year.  Needs UD_PERMISSION_ADMINISTER. */
gboolean    ud_aid_fund_set_budget     (UdDatabase     *db,
                                        guint           year,
                                        UdFen           budget,
                                        GError        **error);
gboolean    ud_aid_fund_get_summary    (UdDatabase     *db,
                                        guint           year,
                                        UdAidFundSummary *summary,
                                        GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdAidCandidate, ud_aid_candidate_free)

G_END_DECLS
