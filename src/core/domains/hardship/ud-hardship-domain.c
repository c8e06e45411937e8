/* ud-hardship-domain.c — the hardship domain: archives and aid paid in batches
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "ud-hardship-domain.h"
#include "ud-aid-kind.h"
#include "ud-hardship-kind.h"

void
ud_hardship_register (void)
{
  /* An archive names a member; its household and visits name it. */
  ud_kind_register (&ud_kind_hardship_archive);
  ud_kind_register (&ud_kind_hardship_household_member);
  ud_kind_register (&ud_kind_hardship_visit);

  /* Aid: a programme and its yearly amounts, then its batches, whose
   * payments name their recipients — records of the kinds above (or of
   * a register before this one). */
  ud_kind_register (&ud_kind_aid_fund);
  ud_kind_register (&ud_kind_aid_programme);
  ud_kind_register (&ud_kind_aid_amount);
  ud_kind_register (&ud_kind_aid_batch);
  ud_kind_register (&ud_kind_aid_payment);
}
