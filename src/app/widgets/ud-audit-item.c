/* ud-audit-item.c — one audit entry in a list, and how it reads
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-audit-item"

#include "config.h"


#include "ud-audit-item.h"
#include "ud-ui-util.h"

/* The audit view and a record's history show the same entries the same
 * way, as the core reads them (ud-audit.h): field names and choices
 * through the kind's description, records by their titles, details as
 * sentences, and identifiers masked for those who may not see them whole
 * (lists never show them whole; the trail stores what was typed). */

struct _UdAuditItem
{
  GObject       parent_instance;

  /* Owned */
  UdAuditEntry *entry;
};

G_DEFINE_FINAL_TYPE (UdAuditItem, ud_audit_item, G_TYPE_OBJECT)

static void
ud_audit_item_finalize (GObject *object)
{
  UdAuditItem *self = (UdAuditItem *)object;

  g_clear_pointer (&self->entry, ud_audit_entry_free);

  G_OBJECT_CLASS (ud_audit_item_parent_class)->finalize (object);
}

static void
ud_audit_item_class_init (UdAuditItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ud_audit_item_finalize;
}

static void
ud_audit_item_init (UdAuditItem *self)
{
}

UdAuditItem *
ud_audit_item_new (UdAuditEntry *entry)
{
  UdAuditItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (UD_TYPE_AUDIT_ITEM, NULL);
  self->entry = entry;

  return self;
}

const UdAuditEntry *
ud_audit_item_get_entry (UdAuditItem *self)
{
  g_return_val_if_fail (UD_IS_AUDIT_ITEM (self), NULL);

  return self->entry;
}

char *
ud_audit_format_time (const char *at)
{
  if (at == NULL)
    return g_strdup ("");

  return ud_format_local_time (at, "%Y-%m-%d %H:%M:%S");
}

char *
ud_audit_format_actor (const UdAuditEntry *entry)
{
  return ud_audit_entry_actor (entry);
}

const char *
ud_audit_format_kind (const char *kind)
{
  return ud_audit_kind_label (kind);
}

const char *
ud_audit_format_field (const UdAuditEntry *entry)
{
  return ud_audit_entry_field (entry);
}

char *
ud_audit_format_change (const UdAuditEntry *entry,
                        gboolean            masked)
{
  return ud_audit_entry_change (entry, masked);
}
