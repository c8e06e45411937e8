/* ud-audit-item.h — one audit entry in a list, and how it reads
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ud-audit.h"

G_BEGIN_DECLS

#define UD_TYPE_AUDIT_ITEM (ud_audit_item_get_type ())
G_DECLARE_FINAL_TYPE (UdAuditItem, ud_audit_item, UD, AUDIT_ITEM, GObject)

/* Takes @entry. */
UdAuditItem        *ud_audit_item_new        (UdAuditEntry *entry);
const UdAuditEntry *ud_audit_item_get_entry  (UdAuditItem  *self);

/* "2026-12-02 14:05:09", local time. */
char        *ud_audit_format_time    (const char         *at);
/* "李明 (liming)" or the user name alone. */
char        *ud_audit_format_actor   (const UdAuditEntry *entry);
/* The kind's translated name ("Member"), or the code. */
const char  *ud_audit_format_kind    (const char         *kind);
/* The field's translated label, or the code. */
const char  *ud_audit_format_field   (const UdAuditEntry *entry);
/* "old → new" with choices as their labels; ID, phone and card numbers
 * masked when @masked.  Without a field, the entry's detail. */
char        *ud_audit_format_change  (const UdAuditEntry *entry,
                                      gboolean            masked);

G_END_DECLS
