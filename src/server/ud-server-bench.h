/* ud-server-bench.h — measuring the server against the budgets of DESIGN.md §9
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-server.h"

G_BEGIN_DECLS

typedef struct
{
  guint clients;   /* offices pushing at once */
  guint batches;   /* batches each office pushes */
  guint changes;   /* changes in each batch */
  guint records;   /* records in the first sync */
  guint page;      /* the pull page size of the first sync */
  guint workers;   /* server worker threads */
} UdServerBenchOptions;

#define UD_SERVER_BENCH_OPTIONS_INIT { 50, 20, 10, 100000, 1000, UD_SERVER_DEFAULT_WORKERS }

char *ud_server_bench_run (const char                 *conninfo,
                           const UdServerBenchOptions *options,
                           GError                    **error);

G_END_DECLS
