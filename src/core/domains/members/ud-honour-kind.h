/* ud-honour-kind.h — a member's honours, one record each
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-database.h"
#include "ud-kind.h"

G_BEGIN_DECLS

/* An honour of a member (DOMAIN §6, issue 10): its name, level, year and
 * awarding body.  The member's model-worker title (level, awarding body,
 * year) stays on the member; the other honours, once one free-text field
 * of the member, are these records.  Their migration set the old text aside;
 * the kind's "opened" hook turns each text into one record per honour
 * named in it (split at 、，,；; — a leading year such as "2019年" read
 * as the year, 全国/北京市/区 as the level). */
extern const UdKind ud_kind_member_honour;

/* The live honours of the member @member_uuid, by year. */
GPtrArray  *ud_member_honours   (UdDatabase   *db,
                                 const char   *member_uuid,
                                 GError      **error);

G_END_DECLS
