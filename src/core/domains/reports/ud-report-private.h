/* ud-report-private.h — what the built-in providers share
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-report.h"

G_BEGIN_DECLS

#define UD_REPORT_ROW_VALUES 16

/* A row of an aggregate query: up to two text keys (a GROUP BY), then
 * integers (NULL read as 0). */
typedef struct
{
  char   *key;
  char   *key2;
  gint64  v[UD_REPORT_ROW_VALUES];
} UdReportSqlRow;

/* Runs @sql (a literal) with the text parameters @params (NULL-terminated)
 * bound as ?1, ?2…; @n_keys leading text columns, then @n_values
 * integers.  NULL on an error. */
GPtrArray *_ud_report_sql_rows (UdDatabase         *db,
                                const char         *sql,
                                const char * const *params,
                                guint               n_keys,
                                guint               n_values,
                                GError            **error);

extern const UdReportProvider _ud_report_members_provider;
extern const UdReportProvider _ud_report_hardship_provider;
extern const UdReportProvider _ud_report_aid_provider;
extern const UdReportProvider _ud_report_relief_provider;
extern const UdReportProvider _ud_report_teams_provider;
extern const UdReportProvider _ud_report_rooms_provider;
extern const UdReportProvider _ud_report_sync_provider;

G_END_DECLS
