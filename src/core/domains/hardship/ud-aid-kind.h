/* ud-aid-kind.h — aid programmes, their yearly amounts, batches and payments
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-kind.h"

G_BEGIN_DECLS

/* A programme of routine aid (两节送温暖, 金秋助学 …, DOMAIN §4): its code,
 * its name, whether a person is paid at most once a year, a free
 * amount's ceiling. */
extern const UdKind ud_kind_aid_programme;
/* One line of a programme's yearly amount table: for a year and a class
 * of recipient (an archived household, a model worker, a high-school
 * pupil …), the amount.  A year without its own line uses the latest
 * year before it. */
extern const UdKind ud_kind_aid_amount;
/* A batch of payments of one programme in one year. */
extern const UdKind ud_kind_aid_batch;
/* One line of a batch: whom (a record of any kind, with the person's name
 * and ID number copied), how much, and how it was paid. */
extern const UdKind ud_kind_aid_payment;

/* The aid fund's budget for a year: what the batches of every programme
 * that year are paid from. */
extern const UdKind ud_kind_aid_fund;

G_END_DECLS
