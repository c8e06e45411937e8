/* ud-illness-kind.h — what a serious-illness relief application is
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-kind.h"
#include "ud-illness-documents.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* 大病救助: a serious-illness relief application (DESIGN §3, DOMAIN §3).
 * The fields a clerk types come first; the suggestion the rules compute
 * and the workflow's state are UD_FIELD_DERIVED: only the application
 * store (ud-illness-store.h) writes them. */
extern const UdKind ud_kind_illness_application;

G_END_DECLS
