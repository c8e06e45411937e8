/* ud-hardship-workflow.h — the steps of a hardship archive (DOMAIN §4)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-kind-workflow.h"

G_BEGIN_DECLS

extern const UdWorkflow _ud_hardship_workflow;

G_END_DECLS
