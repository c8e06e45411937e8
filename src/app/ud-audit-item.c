/* ud-audit-item.c — one audit entry in a list, and how it reads
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-audit-item"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ud-audit-item.h"
#include "ud-account.h"
#include "ud-kind.h"
#include "ud-ui-util.h"

/* The audit view and a record's history show the same entries the same
 * way: field names and choices read through the kind's description, and
 * identifiers masked for those who may not see them whole (lists never
 * show them whole; the trail stores what was typed). */

struct _UdAuditItem
{
  GObject       parent_instance;

  /* Owned */
  UdAuditEntry *entry;
};

G_DEFINE_FINAL_TYPE (UdAuditItem, ud_audit_item, G_TYPE_OBJECT)

static const UdField *
find_field (const UdAuditEntry *entry)
{
  const UdKind *kind = ud_kind_lookup (entry->kind);

  if (kind == NULL || entry->field == NULL)
    return NULL;

  return ud_kind_find_field (kind, entry->field);
}

/* Accounts are not a described kind: their few fields are named here. */
static const char *
account_field_label (const char *name)
{
  if (g_strcmp0 (name, "username") == 0)
    return _("User name");
  if (g_strcmp0 (name, "display_name") == 0)
    return _("Name");
  if (g_strcmp0 (name, "roles") == 0)
    return _("Roles");
  if (g_strcmp0 (name, "disabled") == 0)
    return _("Disabled");

  return NULL;
}

static char *
account_value (const char *name,
               const char *value)
{
  UdRole roles;

  if (g_strcmp0 (name, "roles") == 0 && ud_roles_from_string (value, &roles, NULL))
    return ud_roles_to_label (roles);

  return g_strdup (value);
}

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
  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->actor_name != NULL && entry->actor_name[0] != '\0' &&
      g_strcmp0 (entry->actor_name, entry->actor) != 0)
    /* Translators: a person's name, then their user name */
    return g_strdup_printf (_("%s (%s)"), entry->actor_name, entry->actor);

  return g_strdup (entry->actor != NULL ? entry->actor : "");
}

const char *
ud_audit_format_kind (const char *kind)
{
  const UdKind *found;

  if (kind == NULL)
    return "";

  found = ud_kind_lookup (kind);
  if (found != NULL)
    return _(found->label);
  if (g_str_equal (kind, "account"))
    return _("Account");
  if (g_str_equal (kind, "office"))
    return _("Office");
  if (g_str_equal (kind, "audit"))
    return _("Audit trail");
  if (g_str_equal (kind, "reference_version"))
    return _("Reference table");
  if (g_str_equal (kind, "fund_year"))
    return _("Relief fund");

  return kind;
}

const char *
ud_audit_format_field (const UdAuditEntry *entry)
{
  const UdField *field;

  g_return_val_if_fail (entry != NULL, NULL);

  field = find_field (entry);
  if (field != NULL)
    return _(field->label);
  if (g_strcmp0 (entry->kind, "account") == 0 && account_field_label (entry->field) != NULL)
    return account_field_label (entry->field);

  return entry->field != NULL ? entry->field : "";
}

/* A whole record as the core writes it on creation or deletion
 * ({"name":"…","id_number":"…"}): "Name: 李明; ID number: 1101…1234",
 * identifiers masked like any other value. */
static char *
format_object (const UdKind *kind,
               gboolean      account,
               const char   *json,
               gboolean      masked)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) text = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  text = g_string_new (NULL);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (object, name);
      const UdField *field = kind != NULL ? ud_kind_find_field (kind, name) : NULL;
      g_autofree char *value = NULL;

      if (!JSON_NODE_HOLDS_VALUE (node))
        continue;
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        value = g_strdup (json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        value = g_strdup (json_node_get_boolean (node) ? "1" : "0");
      else
        value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (value[0] == '\0')
        continue;

      if (text->len > 0)
        /* Translators: between the fields of a record in the audit trail */
        g_string_append (text, _("; "));
      if (field != NULL)
        {
          g_autofree char *shown = ud_field_display (field, value, masked);

          g_string_append_printf (text, _("%s: %s"), _(field->label), shown);
        }
      else if (account && account_field_label (name) != NULL)
        {
          g_autofree char *shown = account_value (name, value);

          g_string_append_printf (text, _("%s: %s"), account_field_label (name), shown);
        }
      else
        {
          /* Not a field of a described kind: identifiers are never kept
           * there, so the value shows as it is. */
          g_string_append_printf (text, _("%s: %s"), name, value);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_value (const UdField *field,
              const char    *value,
              gboolean       masked)
{
  if (value == NULL || value[0] == '\0')
    return g_strdup ("—");

  if (field == NULL)
    return g_strdup (value);

  return ud_field_display (field, value, masked);
}

char *
ud_audit_format_change (const UdAuditEntry *entry,
                        gboolean            masked)
{
  const UdField *field;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->field == NULL && entry->old_value == NULL && entry->new_value == NULL)
    return g_strdup (entry->detail != NULL ? entry->detail : "");

  /* A whole record, created or deleted. */
  if (entry->field == NULL)
    {
      const char *json = entry->new_value != NULL ? entry->new_value : entry->old_value;
      g_autofree char *summary = json != NULL && json[0] == '{'
                                 ? format_object (ud_kind_lookup (entry->kind),
                                                  g_strcmp0 (entry->kind, "account") == 0,
                                                  json, masked)
                                 : NULL;

      if (summary != NULL)
        return g_steal_pointer (&summary);
    }

  field = find_field (entry);
  if (field == NULL && g_strcmp0 (entry->kind, "account") == 0 && entry->field != NULL)
    {
      old_text = entry->old_value != NULL ? account_value (entry->field, entry->old_value) : g_strdup ("—");
      new_text = entry->new_value != NULL ? account_value (entry->field, entry->new_value) : g_strdup ("—");
    }
  else
    {
      old_text = format_value (field, entry->old_value, masked);
      new_text = format_value (field, entry->new_value, masked);
    }

  return g_strdup_printf ("%s → %s", old_text, new_text);
}
