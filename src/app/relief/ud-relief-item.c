/* ud-relief-item.c — one relief application in the list
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-relief-item"

#include "config.h"

#include "ud-relief-item.h"

/* A year's applications are a few hundred at most: the list holds them
 * all, one item each, read on the worker in one go. */

struct _UdReliefItem
{
  GObject   parent_instance;

  /* Owned */
  UdRecord *record;
};

G_DEFINE_FINAL_TYPE (UdReliefItem, ud_relief_item, G_TYPE_OBJECT)

static void
ud_relief_item_finalize (GObject *object)
{
  UdReliefItem *self = (UdReliefItem *)object;

  g_clear_pointer (&self->record, ud_record_unref);

  G_OBJECT_CLASS (ud_relief_item_parent_class)->finalize (object);
}

static void
ud_relief_item_class_init (UdReliefItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ud_relief_item_finalize;
}

static void
ud_relief_item_init (UdReliefItem *self)
{
}

UdReliefItem *
ud_relief_item_new (UdRecord *application)
{
  UdReliefItem *self;

  g_return_val_if_fail (application != NULL, NULL);

  self = g_object_new (UD_TYPE_RELIEF_ITEM, NULL);
  self->record = ud_record_ref (application);

  return self;
}

UdRecord *
ud_relief_item_get_record (UdReliefItem *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_ITEM (self), NULL);

  return self->record;
}
