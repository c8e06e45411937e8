/* ud-hardship-private.h — what the hardship files share
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-database.h"
#include "ud-hardship-rules.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* Fills the fields the rule computes on @archive (per-capita income, the
 * line, the computed category, the conditions not met, the reasons, the
 * rules version) under the rules in force on its application date, and
 * sets its category to the computed one when none is chosen.  A chosen
 * category other than the computed one without its reason is an issue
 * in @issues (may be NULL) and an error. */
gboolean    _ud_hardship_compute  (UdDatabase      *db,
                                   UdRecord        *archive,
                                   GPtrArray       *issues,
                                   UdHardshipQuote *quote,
                                   GError         **error);

/* The case of @archive, as the rule reads it. */
void        _ud_hardship_case_from_record (const UdRecord *archive,
                                           UdHardshipCase *c);

/* The kind's import hooks (UdKindHooks): a row of the archive roll. */
gboolean    _ud_hardship_import_row (UdDatabase    *db,
                                     UdRecord      *record,
                                     UdRecord     **existing,
                                     GPtrArray     *issues,
                                     GError       **error);
gboolean    _ud_hardship_imported   (UdDatabase     *db,
                                     const UdRecord *record,
                                     gboolean        created,
                                     GError        **error);
/* The household income over 12 months, the sum of its sources. */
void        _ud_hardship_derive_income   (UdRecord      *record);

/* "YYYY-MM-DD" of today in local time. */
char       *_ud_hardship_today    (void);

G_END_DECLS
