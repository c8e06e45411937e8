/* ud-cli-units.c — the grassroots units: add, list, show
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ud-cli.h"
#include "ud-member-kind.h"
#include "ud-record-store.h"
#include "ud-unit-store.h"
#include "ud-uuid.h"

#define UNIT_USAGE \
  "unit add --name NAME --credit-code CODE [--street S] [--type T] [--contact C] [--phone P]\n" \
  "       unit list [--search TEXT] [--json]\n" \
  "       unit show NAME|CREDIT-CODE|UUID [--members] [--json]"

/* A unit's fields as JSON members, choices as their labels and
 * identifiers masked, with its number of members. */
static void
add_unit_json (JsonBuilder    *builder,
               const UdRecord *unit,
               gint64          members)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, unit->uuid);
  for (guint i = 0; i < unit->kind->n_fields; i++)
    {
      const UdField *field = &unit->kind->fields[i];
      g_autofree char *shown = ud_field_display (field, unit->values[i], TRUE);

      json_builder_set_member_name (builder, field->name);
      json_builder_add_string_value (builder, shown);
    }
  json_builder_set_member_name (builder, "members");
  json_builder_add_int_value (builder, members);
  json_builder_end_object (builder);
}

static gint64
count_members (UdDatabase     *db,
               const UdRecord *unit)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, unit->id);
  UdRecordFilter of_unit = { "unit", UD_RECORD_FILTER_EQUALS, id };
  UdRecordQuery query = { &ud_kind_member, NULL, &of_unit, 1 };

  return ud_record_store_count (db, &query, NULL, NULL);
}

static int
unit_add (UdCliContext  *ctx,
          int            argc,
          char         **argv)
{
  g_autofree char *name = NULL, *credit_code = NULL, *street = NULL;
  g_autofree char *type = NULL, *contact = NULL, *phone = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) unit = ud_record_new (&ud_kind_unit);
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The unit's name"), N_("NAME") },
    { "credit-code", 0, 0, G_OPTION_ARG_STRING, &credit_code, N_("Its unified social credit code (18 characters)"), N_("CODE") },
    { "street", 0, 0, G_OPTION_ARG_STRING, &street, N_("The street or township it belongs to"), N_("STREET") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("Its type: 企业, 事业单位, 机关, 社会组织, 联合基层工会 or 其他"), N_("TYPE") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("Its contact person"), N_("NAME") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("The contact's mobile phone"), N_("PHONE") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1 || name == NULL || credit_code == NULL)
    return ud_cli_usage (UNIT_USAGE);

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;

  ud_record_set (unit, "name", name);
  ud_record_set (unit, "credit_code", credit_code);
  ud_record_set (unit, "street", street);
  ud_record_set (unit, "unit_type", type);
  ud_record_set (unit, "contact", contact);
  ud_record_set (unit, "phone", phone);
  if (!ud_record_store_save (db, unit, NULL, &error))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  /* TRANSLATORS: a unit's name, then its credit code */
  printf (_("Unit “%s” added, credit code %s\n"),
          ud_record_get (unit, "name"), ud_record_get (unit, "credit_code"));
  return UD_CLI_OK;
}

static int
unit_list (UdCliContext  *ctx,
           int            argc,
           char         **argv)
{
  g_autofree char *search = NULL;
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GError) error = NULL;
  UdRecordQuery query = { &ud_kind_unit };
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only the units whose name, credit code, street or contact holds TEXT"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1)
    return ud_cli_usage (UNIT_USAGE);

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;

  query.text = search;
  ids = ud_record_store_query (db, &query, NULL, NULL, &error);
  if (ids != NULL)
    units = ud_record_store_load (db, &ud_kind_unit, (const gint64 *) (gpointer) ids->data, ids->len, &error);
  if (units == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, units->len);
      json_builder_set_member_name (builder, "units");
      json_builder_begin_array (builder);
      for (guint i = 0; i < units->len; i++)
        add_unit_json (builder, g_ptr_array_index (units, i), count_members (db, g_ptr_array_index (units, i)));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  for (guint i = 0; i < units->len; i++)
    {
      UdRecord *unit = g_ptr_array_index (units, i);
      g_autofree char *type = ud_field_display (ud_kind_find_field (&ud_kind_unit, "unit_type"),
                                                ud_record_get (unit, "unit_type"), TRUE);
      gint64 members = count_members (db, unit);

      printf ("%s  %s  %s  %s  ", ud_record_get (unit, "name"), ud_record_get (unit, "credit_code"),
              ud_record_get (unit, "street"), type);
      printf (ngettext ("%lld member\n", "%lld members\n", members), (long long) members);
    }
  printf (ngettext ("%u unit\n", "%u units\n", units->len), units->len);

  return UD_CLI_OK;
}

/* The unit with this credit code, name or uuid. */
static UdRecord *
find_unit (UdDatabase  *db,
           const char  *key,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  UdRecord *unit = NULL;

  if (ud_uuid_is_valid (key))
    return ud_record_store_get_by_uuid (db, &ud_kind_unit, key, error);

  unit = ud_record_store_find (db, &ud_kind_unit, "credit_code", key, &local_error);
  if (unit == NULL && local_error == NULL)
    unit = ud_record_store_find (db, &ud_kind_unit, "name", key, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (unit == NULL || unit->deleted)
    {
      g_clear_pointer (&unit, ud_record_unref);
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_FOUND,
                   _("There is no unit “%s”: give its name or its credit code."), key);
    }

  return unit;
}

static int
unit_show (UdCliContext  *ctx,
           int            argc,
           char         **argv)
{
  gboolean json = FALSE;
  gboolean list_members = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) unit = NULL;
  g_autoptr(GArray) member_ids = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  UdRecordFilter of_unit = { "unit", UD_RECORD_FILTER_EQUALS, NULL };
  UdRecordQuery query = { &ud_kind_member, NULL, &of_unit, 1 };
  const GOptionEntry entries[] = {
    { "members", 0, 0, G_OPTION_ARG_NONE, &list_members, N_("List its members too"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new ("NAME|CREDIT-CODE|UUID");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2)
    return ud_cli_usage (UNIT_USAGE);

  db = ud_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return UD_CLI_FAILED;

  unit = find_unit (db, argv[1], &error);
  if (unit != NULL)
    {
      id = g_strdup_printf ("%" G_GINT64_FORMAT, unit->id);
      of_unit.value = id;
      member_ids = ud_record_store_query (db, &query, NULL, NULL, &error);
    }
  if (member_ids != NULL && list_members)
    members = ud_record_store_load (db, &ud_kind_member, (const gint64 *) (gpointer) member_ids->data,
                                    member_ids->len, &error);
  if (member_ids == NULL || (list_members && members == NULL))
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      add_unit_json (builder, unit, member_ids->len);
      root = json_builder_get_root (builder);
      if (members != NULL)
        {
          JsonArray *array = json_array_new ();

          for (guint i = 0; i < members->len; i++)
            {
              UdRecord *member = g_ptr_array_index (members, i);
              g_autofree char *masked = ud_field_display (ud_kind_find_field (&ud_kind_member, "id_number"),
                                                          ud_record_get (member, "id_number"), TRUE);
              JsonObject *object = json_object_new ();

              json_object_set_string_member (object, "uuid", member->uuid);
              json_object_set_string_member (object, "name", ud_record_get (member, "name"));
              json_object_set_string_member (object, "id_number", masked);
              json_array_add_object_element (array, object);
            }
          json_object_set_array_member (json_node_get_object (root), "member_list", array);
        }
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  for (guint i = 0; i < unit->kind->n_fields; i++)
    {
      const UdField *field = &unit->kind->fields[i];
      g_autofree char *shown = ud_field_display (field, unit->values[i], TRUE);

      /* TRANSLATORS: a field label, then its value */
      printf (_("%s: %s\n"), _(field->label), shown);
    }
  printf (ngettext ("%u member\n", "%u members\n", member_ids->len), member_ids->len);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      UdRecord *member = g_ptr_array_index (members, i);
      g_autofree char *masked = ud_field_display (ud_kind_find_field (&ud_kind_member, "id_number"),
                                                  ud_record_get (member, "id_number"), TRUE);

      printf ("  %s  %s\n", ud_record_get (member, "name"), masked);
    }

  return UD_CLI_OK;
}

int
ud_cli_unit (UdCliContext  *ctx,
             int            argc,
             char         **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return unit_add (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return unit_list (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "show"))
    return unit_show (ctx, argc - 1, argv + 1);

  return ud_cli_usage (UNIT_USAGE);
}
