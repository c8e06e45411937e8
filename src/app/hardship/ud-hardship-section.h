/* ud-hardship-section.h — the Hardship Archives section (困难职工档案)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-record-section.h"

G_BEGIN_DECLS

/* The archives: a UdRecordSection of the archive kind whose records open
 * in the archive's own editor, and Print Notice List… for the public
 * notice under way. */
GtkWidget *ud_hardship_section_new (UdDbWorker *worker);

G_END_DECLS
