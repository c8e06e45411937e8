/* ud-member-item.c — one row of the member list
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-member-item"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-member-item.h"

/* A row id and, once its page has been read, the record.  Items are made
 * on demand by UdMemberModel; cells listen to "notify::loaded". */

struct _UdMemberItem
{
  GObject   parent_instance;

  gint64    id;
  gboolean  loaded;

  /* Owned */
  UdRecord *record;
};

G_DEFINE_FINAL_TYPE (UdMemberItem, ud_member_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ud_member_item_finalize (GObject *object)
{
  UdMemberItem *self = (UdMemberItem *)object;

  g_clear_pointer (&self->record, ud_record_unref);

  G_OBJECT_CLASS (ud_member_item_parent_class)->finalize (object);
}

static void
ud_member_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  UdMemberItem *self = UD_MEMBER_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_member_item_class_init (UdMemberItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ud_member_item_finalize;
  object_class->get_property = ud_member_item_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ud_member_item_init (UdMemberItem *self)
{
}

UdMemberItem *
ud_member_item_new (gint64 id)
{
  UdMemberItem *self;

  g_return_val_if_fail (id > 0, NULL);

  self = g_object_new (UD_TYPE_MEMBER_ITEM, NULL);
  self->id = id;

  return self;
}

gint64
ud_member_item_get_id (UdMemberItem *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_ITEM (self), 0);

  return self->id;
}

UdRecord *
ud_member_item_get_record (UdMemberItem *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_ITEM (self), NULL);

  return self->record;
}

gboolean
ud_member_item_get_loaded (UdMemberItem *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_ITEM (self), FALSE);

  return self->loaded;
}

void
ud_member_item_set_record (UdMemberItem *self,
                           UdRecord     *record)
{
  g_return_if_fail (UD_IS_MEMBER_ITEM (self));

  if (record != NULL)
    ud_record_ref (record);
  g_clear_pointer (&self->record, ud_record_unref);
  self->record = record;
  self->loaded = TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

void
ud_member_item_refresh (UdMemberItem *self)
{
  g_return_if_fail (UD_IS_MEMBER_ITEM (self));

  if (self->loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}
