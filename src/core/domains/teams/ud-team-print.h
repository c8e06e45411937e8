/* ud-team-print.h — a poverty-relief team's year as a PDF
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-database.h"
#include "ud-document.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* 劳模扶贫队年度工作报告 (DOMAIN §6), in Chinese like the office's other
 * papers: the team, its figures for @year (ud_team_totals()), its
 * activities, its projects and the aid paid to each household in the
 * year.  Needs UD_PERMISSION_PRINT_FORMS.  *@households (may be NULL):
 * the households whose names it carries, for the audit trail of whoever
 * writes it out (ud_hardship_print_write_pdf()). */
UdDocument *ud_team_year_report_build (UdDatabase     *db,
                                       const UdRecord *team,
                                       guint           year,
                                       GPtrArray     **households,
                                       GError        **error);

G_END_DECLS
