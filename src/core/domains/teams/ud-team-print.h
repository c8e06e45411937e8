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

/* 荣誉证书 for the members of @team (DOMAIN §6, issue 10), one a page on
 * landscape A4 (ud-certificate.h): the member's name, the words of thanks
 * (@words, or the team's own: its name, paired locality and @year), the
 * team and year, the issuing union (the team's responsible union), the
 * date (@date, YYYY-MM-DD; NULL: today) and a serial with its QR code.
 * @id_numbers: the members to print (NULL: every member of the team).
 * The serial is the same whenever a member's certificate of a year is
 * printed again: 荣誉-<district>-<year>-<8 hex digits of the team
 * member's uuid and year>.  Needs UD_PERMISSION_PRINT_FORMS; *@members
 * (may be NULL): the team members printed, for the audit trail. */
UdDocument *ud_team_honour_certificates_build (UdDatabase         *db,
                                               const UdRecord     *team,
                                               guint               year,
                                               const char * const *id_numbers,
                                               const char         *words,
                                               const char         *date,
                                               GPtrArray         **members,
                                               GError            **error);
/* The serial of @team_member's honour certificate of @year. */
char       *ud_team_honour_serial             (UdDatabase         *db,
                                               const UdRecord     *team_member,
                                               guint               year);

G_END_DECLS
