/* ud-record-json.c — a record's typed fields as a JSON object, in and out
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-record"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-record-json.h"
#include "ud-money.h"

static gboolean
member_error (GError     **error,
              GQuark       domain,
              gint         code,
              const char  *member,
              const char  *message)
{
  /* TRANSLATORS: a JSON member such as "household_size", then what is wrong */
  g_set_error (error, domain, code, _("%s: %s"), member, message);
  return FALSE;
}

static gboolean
is_yes_no (const UdField *field)
{
  return field->type == UD_FIELD_CHOICE && field->n_choices == 2 &&
         g_str_equal (field->choices[0].value, "yes") && g_str_equal (field->choices[1].value, "no");
}

/* The stored text of @node for @field. */
static gboolean
node_to_text (const UdField  *field,
              JsonNode       *node,
              GQuark          domain,
              gint            code,
              char          **text,
              GError        **error)
{
  if (JSON_NODE_HOLDS_NULL (node))
    {
      *text = g_strdup ("");
      return TRUE;
    }

  if (field->flags & UD_FIELD_SET)
    {
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return member_error (error, domain, code, field->name, _("must be a list of codes in brackets [ ]"));
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            return member_error (error, domain, code, field->name, _("must be a list of codes in brackets [ ]"));
          g_ptr_array_add (codes, (gpointer) json_node_get_string (item));
        }
      g_ptr_array_add (codes, NULL);
      *text = g_strjoinv (",", (char **) codes->pdata);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    return member_error (error, domain, code, field->name, _("must be a single value"));

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      *text = g_strdup (json_node_get_string (node));
      break;

    case G_TYPE_INT64:
      if (field->type == UD_FIELD_MONEY)
        {
          gint64 yuan = json_node_get_int (node);

          if (yuan > G_MAXINT64 / 100 || yuan < G_MININT64 / 100)
            return member_error (error, domain, code, field->name, _("the amount is too large"));
          *text = g_strdup_printf ("%" G_GINT64_FORMAT, yuan * 100);
          return TRUE;
        }
      *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;

    case G_TYPE_BOOLEAN:
      if (!is_yes_no (field))
        return member_error (error, domain, code, field->name, _("must be text, not true or false"));
      *text = g_strdup (json_node_get_boolean (node) ? "yes" : "no");
      return TRUE;

    case G_TYPE_DOUBLE:
    default:
      /* A float is no way to carry money. */
      return member_error (error, domain, code, field->name,
                           _("give amounts as text, such as \"48000.00\", or as whole numbers"));
    }

  /* Records hold money in fen. */
  if (field->type == UD_FIELD_MONEY && **text != '\0')
    {
      g_autoptr(GError) money_error = NULL;
      UdFen fen;

      if (!ud_money_parse (*text, &fen, &money_error))
        {
          g_clear_pointer (text, g_free);
          return member_error (error, domain, code, field->name, money_error->message);
        }
      g_free (*text);
      *text = g_strdup_printf ("%" G_GINT64_FORMAT, fen);
    }

  return TRUE;
}

gboolean
ud_record_set_from_json (UdRecord           *record,
                         JsonObject         *object,
                         const char * const *skip,
                         GQuark              domain,
                         gint                code,
                         GError            **error)
{
  g_autoptr(GList) names = NULL;

  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const UdField *field;
      g_autofree char *text = NULL;

      if (skip != NULL && g_strv_contains (skip, name))
        continue;

      field = ud_kind_find_field (record->kind, name);
      if (field == NULL || (field->flags & UD_FIELD_LOCAL))
        {
          g_autofree char *message =
            /* TRANSLATORS: a kind of record, such as "Hardship archive" */
            g_strdup_printf (_("is not a field of a record of the kind “%s”"), _(record->kind->label));

          return member_error (error, domain, code, name, message);
        }
      if (field->flags & UD_FIELD_DERIVED)
        return member_error (error, domain, code, name, _("is filled in by UnionDesk; leave it out"));
      if (field->type == UD_FIELD_REFERENCE)
        return member_error (error, domain, code, name, _("is given otherwise; leave it out"));
      if (!node_to_text (field, json_object_get_member (object, name), domain, code, &text, error))
        return FALSE;

      ud_record_set (record, name, text);
    }

  return TRUE;
}

JsonNode *
ud_record_to_json_node (const UdRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (record != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, record->id);
  json_builder_set_member_name (builder, "uuid");
  if (record->uuid != NULL)
    json_builder_add_string_value (builder, record->uuid);
  else
    json_builder_add_null_value (builder);

  for (guint i = 0; i < record->kind->n_fields; i++)
    {
      const UdField *field = &record->kind->fields[i];
      const char *value = record->values[i];

      if (field->flags & UD_FIELD_LOCAL)
        continue;
      json_builder_set_member_name (builder, field->name);

      if (field->flags & UD_FIELD_SET)
        {
          g_auto(GStrv) items = g_strsplit (value, ",", -1);

          json_builder_begin_array (builder);
          for (guint j = 0; items[j] != NULL; j++)
            if (*items[j] != '\0')
              json_builder_add_string_value (builder, items[j]);
          json_builder_end_array (builder);
        }
      else if (*value == '\0')
        json_builder_add_null_value (builder);
      else if (field->type == UD_FIELD_MONEY)
        {
          g_autofree char *yuan = ud_money_format_plain (g_ascii_strtoll (value, NULL, 10));

          json_builder_add_string_value (builder, yuan);
        }
      else if (field->type == UD_FIELD_INT && !(field->flags & UD_FIELD_TEXT_COLUMN))
        json_builder_add_int_value (builder, g_ascii_strtoll (value, NULL, 10));
      else
        json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
