/* ud-relief-domain.c — the relief domain: serious-illness relief
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-relief-domain.h"
#include "ud-audit.h"
#include "ud-illness-kind.h"

/* What else the audit trail names: the budget of a fund year (named by
 * its year, ud-fund.c) and a version of a reference table
 * (ud-reference-store.c). */
static const UdField fund_budget_fields[] = {
  { .name = "amount", .type = UD_FIELD_MONEY, .label = N_("Budget") },
};

static const UdKind fund_budget_subject = {
  .name = "fund_budget",
  .label = N_("Relief fund budget"),
  .fields = fund_budget_fields,
  .n_fields = G_N_ELEMENTS (fund_budget_fields),
};

static const UdField reference_version_fields[] = {
  { .name = "data", .type = UD_FIELD_TEXT, .label = N_("Contents") },
};

static const UdKind reference_version_subject = {
  .name = "reference_version",
  .label = N_("Reference table"),
  .fields = reference_version_fields,
  .n_fields = G_N_ELEMENTS (reference_version_fields),
};

void
ud_relief_register (void)
{
  ud_kind_register (&ud_kind_illness_application);

  ud_audit_describe (&fund_budget_subject);
  ud_audit_describe (&reference_version_subject);
}
