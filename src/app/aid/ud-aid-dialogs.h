/* ud-aid-dialogs.h — the small dialogs of the Aid section
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* Each is a modal AdwWindow over @parent: it does its work on the worker,
 * announces "records-changed" and closes, or shows the core's refusal and
 * stays open. */

/* The administrator sets a programme's amount for a class in a year. */
GtkWindow *ud_aid_amount_dialog_new  (UdDbWorker     *worker,
                                      GtkWindow      *parent,
                                      const UdRecord *programme);
/* The administrator sets the aid fund's budget of @year. */
GtkWindow *ud_aid_budget_dialog_new  (UdDbWorker     *worker,
                                      GtkWindow      *parent,
                                      guint           year);
/* A member found on the roll joins @batch by hand. */
GtkWindow *ud_aid_add_dialog_new     (UdDbWorker     *worker,
                                      GtkWindow      *parent,
                                      const UdRecord *batch);
/* Records that @lines (line numbers of @batch, not paid yet) were paid. */
GtkWindow *ud_aid_pay_dialog_new     (UdDbWorker     *worker,
                                      GtkWindow      *parent,
                                      const UdRecord *batch,
                                      GArray         *lines,
                                      const char     *what);

G_END_DECLS
