/* ud-cli-rooms.c — `uniondesk-cli room`: the mother-and-baby rooms
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ud-cli.h"
#include "ud-record-store.h"
#include "ud-reference-store.h"
#include "ud-room-kind.h"
#include "ud-room-photo-files.h"
#include "ud-room-standards.h"
#include "ud-room-store.h"
#include "ud-validate.h"

#define ROOM_USAGE \
  "room check CASE.json [--standards FILE]\n" \
  "  room standards list [--json]\n" \
  "  room standards show VERSION\n" \
  "  room standards add VERSION.json [--as USER]\n" \
  "  room add --name NAME --unit UNIT --address A --street S --type T --area M2 --opened DATE [FIELDS…] [--as USER]\n" \
  "  room edit ROOM [FIELDS…] [--as USER]\n" \
  "  room list [--street S] [--level L] [--compliant yes|no] [--search TEXT] [--json]\n" \
  "  room show ROOM [--json]\n" \
  "  room photo add ROOM FILE… [--caption TEXT] [--as USER]\n" \
  "  room photo remove ROOM NAME [--as USER]\n" \
  "  room inspect ROOM --date DATE --inspector NAME --result passed|rectify|failed [--findings CODES] [--notes TEXT] [--as USER]\n" \
  "  room deliver ROOM --date DATE [--bags N] [--detergent N] [--pads N] [--as USER]\n" \
  "  room use ROOM --month YYYY-MM --visits N [--as USER]\n" \
  "  room due [--date DATE] [--within DAYS] [--json]\n" \
  "  room import FILE [--dry-run] [--keep-existing] [--json]\n" \
  "  room export FILE [--as USER]"

/* ---- the standards ----------------------------------------------------- */

/* The room standards of the office named by --db when it is set up (its
 * reference tables), else the shipped ones.  A database that does not
 * exist is not created: a check touches nothing. */
static UdRoomStandards *
office_standards (UdCliContext  *ctx,
                  GError       **error)
{
  g_autoptr(UdDatabase) db = NULL;

  if (!g_file_test (ctx->db_path, G_FILE_TEST_EXISTS))
    return ud_room_standards_new (NULL, error);

  db = ud_database_open_readonly (ctx->db_path, error);
  if (db == NULL)
    return NULL;
  if (!ud_database_is_initialized (db))
    return ud_room_standards_new (NULL, error);

  return ud_reference_load_room_standards (db, error);
}

/* Rooms written by this command are judged by the office's standards. */
static gboolean
use_office_standards (UdCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRoomStandards) standards = office_standards (ctx, &error);

  if (standards == NULL)
    {
      ud_cli_fail (_("The room standards cannot be read: %s"), error->message);
      return FALSE;
    }

  ud_room_standards_set_current (standards);
  return TRUE;
}

/* ---- check ----------------------------------------------------------- */

static int
room_check (UdCliContext  *ctx,
            int            argc,
            char         **argv)
{
  g_autofree char *standards_path = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRoomStandards) standards = NULL;
  g_auto(UdRoomVerdict) verdict = { 0, };
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  UdRoomCase c;
  const char *shown;
  const GOptionEntry entries[] = {
    { "standards", 0, 0, G_OPTION_ARG_FILENAME, &standards_path, N_("Judge by the standards in this file instead of the office’s"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("CASE.json"));
  g_option_context_set_summary (context,
                                _("Check one mother-and-baby room against the standards in force on its date: the office database’s reference tables, or the shipped standards when there is no database.\n"
                                  "“-” reads the case from standard input. The answer is one JSON object; nothing is stored."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv))
    return UD_CLI_USAGE;
  if (argc != 2)
    return ud_cli_usage ("room check CASE.json [--standards FILE]");

  if (standards_path != NULL)
    {
      g_autofree char *standards_text = ud_cli_read_input (standards_path, &error);

      if (standards_text != NULL)
        standards = ud_room_standards_new (standards_text, &error);
    }
  else
    standards = office_standards (ctx, &error);
  if (standards == NULL)
    {
      ud_cli_fail (_("The room standards cannot be read: %s"), error->message);
      return UD_CLI_FAILED;
    }

  shown = strcmp (argv[1], "-") == 0 ? _("standard input") : argv[1];
  text = ud_cli_read_input (argv[1], &error);
  if (text == NULL)
    {
      ud_cli_fail (_("Cannot read the case: %s."), error->message);
      return UD_CLI_FAILED;
    }

  if (!ud_room_case_from_json (text, &c, &error) || !ud_room_check (standards, &c, FALSE, &verdict, &error))
    {
      /* TRANSLATORS: the case file, then which field is wrong and why */
      ud_cli_fail (_("Cannot check “%s”: %s."), shown, error->message);
      return UD_CLI_FAILED;
    }

  json = ud_room_verdict_to_json (&verdict);
  printf ("%s\n", json);
  return UD_CLI_OK;
}

/* ---- add, edit ---------------------------------------------------------- */

typedef struct
{
  char *name, *unit, *address, *street, *type, *area, *sets, *tables, *seats, *facilities;
  char *hours, *keeper, *phone, *opened, *level, *plaque_number, *plaque_date, *override, *notes;
  char *as;
} RoomOptions;

static void
room_options_clear (RoomOptions *o)
{
  char **all[] = {
    &o->name, &o->unit, &o->address, &o->street, &o->type, &o->area, &o->sets, &o->tables, &o->seats,
    &o->facilities, &o->hours, &o->keeper, &o->phone, &o->opened, &o->level, &o->plaque_number,
    &o->plaque_date, &o->override, &o->notes, &o->as,
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    g_clear_pointer (all[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RoomOptions, room_options_clear)

static GOptionContext *
room_options_context (RoomOptions *o,
                      const char  *parameter)
{
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &o->name, N_("The room's name"), N_("NAME") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &o->unit, N_("The unit that hosts it, by name (from the units register)"), N_("UNIT") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &o->address, N_("Its address"), N_("ADDRESS") },
    { "street", 0, 0, G_OPTION_ARG_STRING, &o->street, N_("The street or township"), N_("STREET") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &o->type, N_("Its type: unit, building, public or corner (单位内部, 楼宇/工会服务站, 公共场所, 母婴关爱角)"), N_("TYPE") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &o->area, N_("Its area in m²"), N_("M2") },
    { "sets", 0, 0, G_OPTION_ARG_STRING, &o->sets, N_("Sets of table and chair"), N_("N") },
    { "tables", 0, 0, G_OPTION_ARG_STRING, &o->tables, N_("Tables"), N_("N") },
    { "seats", 0, 0, G_OPTION_ARG_STRING, &o->seats, N_("Seats"), N_("N") },
    { "facilities", 0, 0, G_OPTION_ARG_STRING, &o->facilities, N_("Its facilities, separated by commas: power_socket, fridge, privacy, changing_table, wash_basin, water_dispenser, microwave, steriliser, storage_cabinet, air_conditioning"), N_("LIST") },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &o->hours, N_("Its opening hours"), N_("TEXT") },
    { "keeper", 0, 0, G_OPTION_ARG_STRING, &o->keeper, N_("The keeper who looks after it"), N_("NAME") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &o->phone, N_("The keeper's mobile phone"), N_("PHONE") },
    { "opened", 0, 0, G_OPTION_ARG_STRING, &o->opened, N_("The day it opened"), N_("DATE") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &o->level, N_("Its level: built, plaqued, district_demo or city_demo (已建, 达标挂牌, 区级示范, 市级示范)"), N_("LEVEL") },
    { "plaque-number", 0, 0, G_OPTION_ARG_STRING, &o->plaque_number, N_("Its plaque number"), N_("NUMBER") },
    { "plaque-date", 0, 0, G_OPTION_ARG_STRING, &o->plaque_date, N_("The day it was plaqued"), N_("DATE") },
    { "override-reason", 0, 0, G_OPTION_ARG_STRING, &o->override, N_("Why it is plaqued though not up to standard"), N_("TEXT") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &o->notes, N_("Notes"), N_("TEXT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &o->as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Sets the fields given (an edit leaves the others). */
static void
room_options_apply (const RoomOptions *o,
                    UdRecord          *room)
{
  const struct { const char *field; const char *value; } values[] = {
    { "name", o->name }, { "unit", o->unit }, { "address", o->address }, { "street", o->street },
    { "room_type", o->type }, { "area_m2", o->area }, { "table_chair_sets", o->sets },
    { "tables", o->tables }, { "seats", o->seats }, { "facilities", o->facilities },
    { "hours", o->hours }, { "keeper", o->keeper }, { "keeper_phone", o->phone },
    { "opened_on", o->opened }, { "level", o->level }, { "plaque_number", o->plaque_number },
    { "plaque_date", o->plaque_date }, { "override_reason", o->override }, { "notes", o->notes },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i].value != NULL)
      ud_record_set (room, values[i].field, values[i].value);
}

/* "up to standard", or the requirements not met. */
static char *
compliance_text (const UdRecord *room)
{
  g_autofree char *failed = NULL;

  if (g_str_equal (ud_record_get (room, "compliant"), "yes"))
    return g_strdup (_("up to standard"));

  failed = ud_field_display (ud_kind_find_field (&ud_kind_room, "failed_requirements"),
                             ud_record_get (room, "failed_requirements"), FALSE);
  /* TRANSLATORS: the requirements a room does not meet */
  return g_strdup_printf (_("not up to standard: %s"), failed);
}

static int
room_add_or_edit (UdCliContext  *ctx,
                  int            argc,
                  char         **argv,
                  gboolean       add)
{
  g_auto(RoomOptions) o = { NULL, };
  g_autoptr(GOptionContext) context = room_options_context (&o, add ? NULL : "ROOM");
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) room = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *compliance = NULL;

  if (!ud_cli_parse (context, &argc, &argv) || argc != (add ? 1 : 2))
    return ud_cli_usage (ROOM_USAGE);
  if ((db = ud_cli_open_office (ctx, o.as)) == NULL)
    return UD_CLI_FAILED;

  if (add)
    room = ud_record_new (&ud_kind_room);
  else if ((room = ud_room_store_find (db, argv[1], &error)) == NULL)
    return ud_cli_fail_with (error);

  room_options_apply (&o, room);
  if (!ud_record_store_save (db, room, NULL, &error))
    return ud_cli_fail_with (error);

  compliance = compliance_text (room);
  if (add)
    /* TRANSLATORS: a room's name, then whether it is up to standard */
    printf (_("Room “%s” added, %s\n"), ud_record_get (room, "name"), compliance);
  else
    /* TRANSLATORS: a room's name, then whether it is up to standard */
    printf (_("Room “%s” saved, %s\n"), ud_record_get (room, "name"), compliance);
  return UD_CLI_OK;
}

/* ---- list, show ------------------------------------------------------------ */

static void
add_record_json (JsonBuilder    *builder,
                 const UdRecord *record)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, record->uuid);
  for (guint i = 0; i < record->kind->n_fields; i++)
    {
      const UdField *field = &record->kind->fields[i];

      if (field->flags & UD_FIELD_PARENT)
        continue;
      json_builder_set_member_name (builder, field->name);
      /* Codes as stored, so that scripts can compare them; identifiers
       * masked. */
      if (field->sensitivity == UD_SENSITIVITY_IDENTIFIER)
        {
          g_autofree char *masked = ud_field_display (field, record->values[i], TRUE);

          json_builder_add_string_value (builder, masked);
        }
      else
        json_builder_add_string_value (builder, record->values[i]);
    }
  json_builder_end_object (builder);
}

static gboolean
choice_option (const char  *option,
               const char  *field,
               const char  *value,
               const char **code)
{
  const UdChoice *choice;

  if (value == NULL)
    return TRUE;
  choice = ud_field_find_choice (ud_kind_find_field (&ud_kind_room, field), value);
  if (choice == NULL)
    {
      /* TRANSLATORS: an option, then the value given */
      ud_cli_fail (_("%s: “%s” is not one of its values."), option, value);
      return FALSE;
    }
  *code = choice->value;
  return TRUE;
}

static int
room_list (UdCliContext  *ctx,
           int            argc,
           char         **argv)
{
  g_autofree char *street = NULL, *level = NULL, *compliant = NULL, *search = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "street", 0, 0, G_OPTION_ARG_STRING, &street, N_("Only the rooms of this street or township"), N_("STREET") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("Only the rooms of this level"), N_("LEVEL") },
    { "compliant", 0, 0, G_OPTION_ARG_STRING, &compliant, N_("Only the rooms up to standard (yes) or not (no)"), N_("yes|no") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only the rooms whose name, address, street, keeper or plaque number holds TEXT"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GError) error = NULL;
  UdRecordFilter filters[3];
  UdRecordQuery query = { &ud_kind_room, NULL, filters, 0, "name", FALSE };
  const char *level_code = NULL, *compliant_code = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1)
    return ud_cli_usage (ROOM_USAGE);
  if (!choice_option ("--level", "level", level, &level_code) ||
      !choice_option ("--compliant", "compliant", compliant, &compliant_code))
    return UD_CLI_USAGE;
  if ((db = ud_cli_open_db (ctx, TRUE)) == NULL)
    return UD_CLI_FAILED;

  if (street != NULL)
    filters[query.n_filters++] = (UdRecordFilter) { "street", UD_RECORD_FILTER_EQUALS, street };
  if (level_code != NULL)
    filters[query.n_filters++] = (UdRecordFilter) { "level", UD_RECORD_FILTER_EQUALS, level_code };
  if (compliant_code != NULL)
    filters[query.n_filters++] = (UdRecordFilter) { "compliant", UD_RECORD_FILTER_EQUALS, compliant_code };
  query.text = search;
  if ((rooms = ud_record_store_list (db, &query, &error)) == NULL)
    return ud_cli_fail_with (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, rooms->len);
      json_builder_set_member_name (builder, "rooms");
      json_builder_begin_array (builder);
      for (guint i = 0; i < rooms->len; i++)
        add_record_json (builder, g_ptr_array_index (rooms, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  for (guint i = 0; i < rooms->len; i++)
    {
      UdRecord *room = g_ptr_array_index (rooms, i);
      g_autofree char *level_text = ud_field_display (ud_kind_find_field (&ud_kind_room, "level"),
                                                      ud_record_get (room, "level"), FALSE);
      g_autofree char *compliance = compliance_text (room);

      printf ("%s  %s  %s  %s  %s\n", ud_record_get (room, "name"), ud_record_get (room, "unit"),
              ud_record_get (room, "street"), level_text, compliance);
    }
  printf (ngettext ("%u room\n", "%u rooms\n", rooms->len), rooms->len);
  return UD_CLI_OK;
}

static void
print_lines (UdDatabase *db,
             const char *heading,
             GPtrArray  *lines)
{
  printf ("%s (%u)\n", heading, lines->len);
  for (guint i = 0; i < lines->len; i++)
    {
      UdRecord *line = g_ptr_array_index (lines, i);
      g_autoptr(GString) text = g_string_new ("  ");

      for (guint f = 0; f < line->kind->n_fields; f++)
        {
          const UdField *field = &line->kind->fields[f];
          g_autofree char *shown = NULL;

          if ((field->flags & (UD_FIELD_PARENT | UD_FIELD_DERIVED)) && !g_str_equal (field->name, "next_due"))
            continue;
          if (*line->values[f] == '\0')
            continue;
          shown = ud_field_display (field, line->values[f], TRUE);
          /* TRANSLATORS: a field's label, then its value */
          g_string_append_printf (text, _("%s: %s"), _(field->label), shown);
          g_string_append (text, "  ");
        }
      printf ("%s\n", g_strchomp (text->str));
    }
}

/* The photos' files, one a line, with their captions; a file not on
 * this computer said so. */
static void
print_photos (UdDatabase *db,
              UdRecord   *room,
              GPtrArray  *photos)
{
  guint n = photos != NULL ? photos->len : 0;

  /* TRANSLATORS: a heading, then the number of photos */
  printf ("%s (%u)\n", _("Photos"), n);
  for (guint i = 0; i < n; i++)
    {
      UdRoomPhoto *photo = g_ptr_array_index (photos, i);
      g_autofree char *path = ud_room_photo_path (ud_database_get_path (db), room->uuid, photo->file);
      g_autoptr(GString) line = g_string_new ("  ");

      g_string_append (line, path);
      if (*photo->caption != '\0')
        g_string_append_printf (line, "  %s", photo->caption);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_string_append_printf (line, "  (%s)", _("not on this computer"));
      printf ("%s\n", line->str);
    }
}

static int
room_show (UdCliContext  *ctx,
           int            argc,
           char         **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  const UdKind *line_kinds[] = { &ud_kind_room_inspection, &ud_kind_room_delivery, &ud_kind_room_use };
  const char *line_names[] = { "inspections", "deliveries", "use" };
  g_autoptr(GOptionContext) context = g_option_context_new ("ROOM");
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) room = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(UdRoomVerdict) verdict = { 0, };
  GPtrArray *lines[G_N_ELEMENTS (line_kinds)] = { NULL, };
  g_autoptr(GPtrArray) photos = NULL;
  int status = UD_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2)
    return ud_cli_usage (ROOM_USAGE);
  if ((db = ud_cli_open_db (ctx, TRUE)) == NULL)
    return UD_CLI_FAILED;
  if ((room = ud_room_store_find (db, argv[1], &error)) == NULL)
    return ud_cli_fail_with (error);
  for (guint k = 0; k < G_N_ELEMENTS (line_kinds); k++)
    if ((lines[k] = ud_room_store_lines (db, line_kinds[k], room, TRUE, &error)) == NULL)
      {
        status = ud_cli_fail_with (error);
        goto out;
      }
  ud_room_judge (room, &verdict);
  /* The photos' files, where this computer keeps them. */
  photos = ud_room_photos_parse (ud_record_get (room, "photos"), NULL);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      JsonArray *paths = json_array_new ();

      add_record_json (builder, room);
      root = json_builder_get_root (builder);
      for (guint i = 0; photos != NULL && i < photos->len; i++)
        {
          UdRoomPhoto *photo = g_ptr_array_index (photos, i);
          g_autofree char *path = ud_room_photo_path (ud_database_get_path (db), room->uuid, photo->file);

          json_array_add_string_element (paths, path);
        }
      json_object_set_array_member (json_node_get_object (root), "photo_paths", paths);
      for (guint k = 0; k < G_N_ELEMENTS (line_kinds); k++)
        {
          g_autoptr(JsonBuilder) array_builder = json_builder_new ();
          g_autoptr(JsonNode) array = NULL;

          json_builder_begin_array (array_builder);
          for (guint i = 0; i < lines[k]->len; i++)
            add_record_json (array_builder, g_ptr_array_index (lines[k], i));
          json_builder_end_array (array_builder);
          array = json_builder_get_root (array_builder);
          json_object_set_member (json_node_get_object (root), line_names[k], g_steal_pointer (&array));
        }
      if (verdict.reasons != NULL)
        {
          JsonArray *reasons = json_array_new ();

          for (guint i = 0; i < verdict.reasons->len; i++)
            json_array_add_string_element (reasons, g_ptr_array_index (verdict.reasons, i));
          json_object_set_array_member (json_node_get_object (root), "reasons", reasons);
        }
      ud_cli_print_json (root);
      goto out;
    }

  /* The photos are listed by their files below, not as the field's text. */
  ud_record_set (room, "photos", "");
  ud_cli_print_record (db, room, TRUE);
  /* TRANSLATORS: the unit hosting a room */
  printf (_("%s: %s\n"), _(ud_kind_find_field (&ud_kind_room, "unit")->label), ud_record_get (room, "unit"));
  for (guint i = 0; verdict.reasons != NULL && i < verdict.reasons->len; i++)
    printf ("  %s\n", (char *) g_ptr_array_index (verdict.reasons, i));
  print_photos (db, room, photos);
  print_lines (db, _("Inspections"), lines[0]);
  print_lines (db, _("Consumables delivered"), lines[1]);
  print_lines (db, _("Use per month"), lines[2]);

out:
  for (guint k = 0; k < G_N_ELEMENTS (line_kinds); k++)
    g_clear_pointer (&lines[k], g_ptr_array_unref);
  return status;
}

/* ---- inspections, deliveries, use ------------------------------------------------ */

/* Saves @line for the room named by @key. */
static int
save_line (UdCliContext *ctx,
           const char   *as,
           const char   *key,
           UdRecord     *line)
{
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) room = NULL;
  g_autoptr(GError) error = NULL;

  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;
  if ((room = ud_room_store_find (db, key, &error)) == NULL)
    return ud_cli_fail_with (error);
  ud_record_set (line, "room_uuid", room->uuid);
  if (!ud_record_store_save (db, line, NULL, &error))
    return ud_cli_fail_with (error);

  return UD_CLI_OK;
}

static int
room_inspect (UdCliContext  *ctx,
              int            argc,
              char         **argv)
{
  g_autofree char *date = NULL, *inspector = NULL, *result = NULL, *findings = NULL, *notes = NULL, *as = NULL;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day of the inspection"), N_("DATE") },
    { "inspector", 0, 0, G_OPTION_ARG_STRING, &inspector, N_("Who inspected"), N_("NAME") },
    { "result", 0, 0, G_OPTION_ARG_STRING, &result, N_("The result: passed, rectify or failed (合格, 限期整改, 不合格)"), N_("RESULT") },
    { "findings", 0, 0, G_OPTION_ARG_STRING, &findings, N_("The requirements found not met, separated by commas (area_below_minimum, no_fridge …)"), N_("CODES") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("What was found"), N_("TEXT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("ROOM");
  g_autoptr(UdRecord) inspection = ud_record_new (&ud_kind_room_inspection);
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2)
    return ud_cli_usage (ROOM_USAGE);

  ud_record_set (inspection, "inspected_on", date);
  ud_record_set (inspection, "inspector", inspector);
  ud_record_set (inspection, "result", result);
  ud_record_set (inspection, "findings", findings);
  ud_record_set (inspection, "notes", notes);
  if ((status = save_line (ctx, as, argv[1], inspection)) != UD_CLI_OK)
    return status;

  /* TRANSLATORS: the inspection's date, then the next one's */
  printf (_("Inspection of %s recorded; the next is due on %s\n"),
          ud_record_get (inspection, "inspected_on"), ud_record_get (inspection, "next_due"));
  return UD_CLI_OK;
}

static int
room_deliver (UdCliContext  *ctx,
              int            argc,
              char         **argv)
{
  g_autofree char *date = NULL, *bags = NULL, *detergent = NULL, *pads = NULL, *as = NULL;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day of the delivery"), N_("DATE") },
    { "bags", 0, 0, G_OPTION_ARG_STRING, &bags, N_("Breast-milk storage bags"), N_("N") },
    { "detergent", 0, 0, G_OPTION_ARG_STRING, &detergent, N_("Bottles of detergent"), N_("N") },
    { "pads", 0, 0, G_OPTION_ARG_STRING, &pads, N_("Nursing pads"), N_("N") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("ROOM");
  g_autoptr(UdRecord) delivery = ud_record_new (&ud_kind_room_delivery);
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2)
    return ud_cli_usage (ROOM_USAGE);

  ud_record_set (delivery, "delivered_on", date);
  ud_record_set (delivery, "storage_bags", bags);
  ud_record_set (delivery, "detergent", detergent);
  ud_record_set (delivery, "nursing_pads", pads);
  if ((status = save_line (ctx, as, argv[1], delivery)) != UD_CLI_OK)
    return status;

  /* TRANSLATORS: a date */
  printf (_("Delivery of %s recorded\n"), ud_record_get (delivery, "delivered_on"));
  return UD_CLI_OK;
}

static int
room_use (UdCliContext  *ctx,
          int            argc,
          char         **argv)
{
  g_autofree char *month = NULL, *visits = NULL, *as = NULL;
  const GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("The month"), N_("YYYY-MM") },
    { "visits", 0, 0, G_OPTION_ARG_STRING, &visits, N_("How many times the room was used in it"), N_("N") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("ROOM");
  g_autoptr(UdRecord) use = ud_record_new (&ud_kind_room_use);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) room = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 2)
    return ud_cli_usage (ROOM_USAGE);

  /* A month already recorded is corrected, not counted twice. */
  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;
  if ((room = ud_room_store_find (db, argv[1], &error)) == NULL ||
      (lines = ud_room_store_lines (db, &ud_kind_room_use, room, FALSE, &error)) == NULL)
    return ud_cli_fail_with (error);
  for (guint i = 0; month != NULL && i < lines->len; i++)
    if (g_str_equal (ud_record_get (g_ptr_array_index (lines, i), "month"), month))
      {
        g_clear_pointer (&use, ud_record_unref);
        use = ud_record_ref (g_ptr_array_index (lines, i));
      }
  ud_record_set (use, "room_uuid", room->uuid);
  ud_record_set (use, "month", month);
  ud_record_set (use, "visits", visits);
  if (!ud_record_store_save (db, use, NULL, &error))
    return ud_cli_fail_with (error);

  /* TRANSLATORS: a month, then a number of visits */
  printf (_("Use in %s recorded: %s visits\n"), ud_record_get (use, "month"), ud_record_get (use, "visits"));
  return UD_CLI_OK;
}

/* ---- due ---------------------------------------------------------------------- */

static int
room_due (UdCliContext  *ctx,
          int            argc,
          char         **argv)
{
  g_autofree char *date = NULL;
  gint within = 30;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day to count from (default today)"), N_("DATE") },
    { "within", 0, 0, G_OPTION_ARG_INT, &within, N_("Also the inspections due within this many days (default 30; 0: only those overdue or due that day)"), N_("DAYS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  GDate day;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1)
    return ud_cli_usage (ROOM_USAGE);
  if (within < 0 || within > 3660)
    {
      ud_cli_fail (_("--within: give a number of days from 0 to 3660."));
      return UD_CLI_USAGE;
    }
  if (date == NULL)
    ud_date_today (&day);
  else if (!ud_date_parse (date, &day, &error))
    {
      /* TRANSLATORS: the date given, then what is wrong with it */
      ud_cli_fail (_("--date: “%s” %s."), date, error->message);
      return UD_CLI_USAGE;
    }
  today = ud_date_to_iso (&day);

  if ((db = ud_cli_open_db (ctx, TRUE)) == NULL)
    return UD_CLI_FAILED;
  if ((due = ud_room_store_due (db, today, (guint) within, &error)) == NULL)
    return ud_cli_fail_with (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, today);
      json_builder_set_member_name (builder, "rooms");
      json_builder_begin_array (builder);
      for (guint i = 0; i < due->len; i++)
        {
          UdRoomDue *item = g_ptr_array_index (due, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, item->room->uuid);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, ud_record_get (item->room, "name"));
          json_builder_set_member_name (builder, "street");
          json_builder_add_string_value (builder, ud_record_get (item->room, "street"));
          json_builder_set_member_name (builder, "last_inspected");
          json_builder_add_string_value (builder, item->last_inspected);
          json_builder_set_member_name (builder, "due");
          json_builder_add_string_value (builder, item->due);
          json_builder_set_member_name (builder, "overdue");
          json_builder_add_boolean_value (builder, item->overdue);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      ud_cli_print_json (root);
      return UD_CLI_OK;
    }

  for (guint i = 0; i < due->len; i++)
    {
      UdRoomDue *item = g_ptr_array_index (due, i);

      printf ("%s  %s  %s  %s\n", item->due, ud_record_get (item->room, "name"), ud_record_get (item->room, "street"),
              item->overdue ? _("overdue") : _("due"));
    }
  /* TRANSLATORS: a number of rooms, then a date */
  printf (ngettext ("%u room to inspect as of %s\n", "%u rooms to inspect as of %s\n", due->len), due->len, today);
  return UD_CLI_OK;
}

/* ---- photos ----------------------------------------------------------------------- */

/* `room photo add ROOM FILE…`: each picture copied beside the database
 * under its content's name and added to the room; the room is saved only
 * when every file is taken. */
static int
room_photo_add (UdCliContext  *ctx,
                int            argc,
                char         **argv)
{
  g_autofree char *caption = NULL, *as = NULL;
  const GOptionEntry entries[] = {
    { "caption", 0, 0, G_OPTION_ARG_STRING, &caption, N_("The caption of the photos added"), N_("TEXT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("ROOM FILE…");
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) room = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc < 3)
    return ud_cli_usage (ROOM_USAGE);
  if (caption != NULL && g_utf8_strlen (caption, -1) > UD_ROOM_PHOTO_MAX_CAPTION)
    {
      /* TRANSLATORS: an option, then the most characters it takes */
      ud_cli_fail (_("%s: a photo’s caption has at most %u characters."), "--caption", UD_ROOM_PHOTO_MAX_CAPTION);
      return UD_CLI_FAILED;
    }
  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;
  if ((room = ud_room_store_find (db, argv[1], &error)) == NULL)
    return ud_cli_fail_with (error);
  if ((photos = ud_room_photos_parse (ud_record_get (room, "photos"), &error)) == NULL)
    {
      /* TRANSLATORS: a field label, then what is wrong with it */
      ud_cli_fail (_("%s: %s."), _(ud_kind_find_field (&ud_kind_room, "photos")->label), error->message);
      return UD_CLI_FAILED;
    }

  for (int i = 2; i < argc; i++)
    {
      g_autofree char *name = ud_room_photo_import (ud_database_get_path (db), room->uuid, argv[i], &error);

      if (name == NULL)
        return ud_cli_fail_with (error);
      if (!ud_room_photos_add (photos, name, &error))
        {
          g_autofree char *display = g_filename_display_basename (argv[i]);

          /* TRANSLATORS: a file's name, then why it was not added */
          ud_cli_fail (_("“%s” was not added: %s"), display, error->message);
          return UD_CLI_FAILED;
        }
      if (caption != NULL)
        for (guint k = 0; k < photos->len; k++)
          {
            UdRoomPhoto *photo = g_ptr_array_index (photos, k);

            if (g_str_equal (photo->file, name))
              {
                g_free (photo->caption);
                photo->caption = g_strdup (caption);
              }
          }
      g_ptr_array_add (added, g_steal_pointer (&name));
    }

  text = ud_room_photos_to_text (photos);
  ud_record_set (room, "photos", text);
  if (!ud_record_store_save (db, room, NULL, &error))
    return ud_cli_fail_with (error);

  for (guint i = 0; i < added->len; i++)
    {
      g_autofree char *path = ud_room_photo_path (ud_database_get_path (db), room->uuid, g_ptr_array_index (added, i));

      /* TRANSLATORS: a room's name, then where its photo is kept */
      printf (_("Photo of “%s” kept as %s\n"), ud_record_get (room, "name"), path);
    }
  return UD_CLI_OK;
}

/* `room photo remove ROOM NAME`: the photo no longer the room's; its file
 * stays in the folder. */
static int
room_photo_remove (UdCliContext  *ctx,
                   int            argc,
                   char         **argv)
{
  g_autofree char *as = NULL;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this staff account (its password on standard input)"), N_("USER") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("ROOM NAME");
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) room = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  gboolean found = FALSE;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 3)
    return ud_cli_usage (ROOM_USAGE);
  /* The name as `room show` prints it, or its file's path. */
  name = g_path_get_basename (argv[2]);
  if (!ud_room_photo_name_is_valid (name))
    {
      /* TRANSLATORS: what was given for a photo's file name */
      ud_cli_fail (_("“%s” is not the name of a photo file (64 hexadecimal digits of its content’s SHA-256, then .jpg or .png)."),
                   argv[2]);
      return UD_CLI_FAILED;
    }
  if ((db = ud_cli_open_office (ctx, as)) == NULL)
    return UD_CLI_FAILED;
  if ((room = ud_room_store_find (db, argv[1], &error)) == NULL)
    return ud_cli_fail_with (error);
  if ((photos = ud_room_photos_parse (ud_record_get (room, "photos"), &error)) == NULL)
    {
      ud_cli_fail (_("%s: %s."), _(ud_kind_find_field (&ud_kind_room, "photos")->label), error->message);
      return UD_CLI_FAILED;
    }
  for (guint i = 0; i < photos->len && !found; i++)
    if (g_str_equal (((UdRoomPhoto *) g_ptr_array_index (photos, i))->file, name))
      {
        g_ptr_array_remove_index (photos, i);
        found = TRUE;
      }
  if (!found)
    {
      /* TRANSLATORS: a room's name, then a photo's file name */
      ud_cli_fail (_("Room “%s” has no photo “%s”."), ud_record_get (room, "name"), name);
      return UD_CLI_FAILED;
    }

  text = ud_room_photos_to_text (photos);
  ud_record_set (room, "photos", text);
  if (!ud_record_store_save (db, room, NULL, &error))
    return ud_cli_fail_with (error);
  /* TRANSLATORS: a photo's file name, then a room's name */
  printf (_("Photo %s removed from “%s”\n"), name, ud_record_get (room, "name"));
  return UD_CLI_OK;
}

static int
room_photo (UdCliContext  *ctx,
            int            argc,
            char         **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return room_photo_add (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "remove"))
    return room_photo_remove (ctx, argc - 1, argv + 1);
  return ud_cli_usage (ROOM_USAGE);
}

/* ---- import, export: the shared roster commands ------------------------------------ */

static int
roster (UdCliContext     *ctx,
        int               argc,
        char            **argv,
        UdCliCommandFunc  command)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, argv[0]);
  g_ptr_array_add (args, (gpointer) "rooms");
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  return command (ctx, (int) args->len - 1, (char **) args->pdata);
}

/* ---- the standards' versions: the reference tables' commands ------------------ */

/* `room standards list|show|add …` is `relief reference list --kind
 * room_standards`, `… show room_standards VERSION`, `… add room_standards
 * FILE`: the room standards are one of the office's reference tables. */
static int
standards (UdCliContext  *ctx,
           int            argc,
           char         **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *kind = ud_reference_kind_to_string (UD_REFERENCE_ROOM_STANDARDS);

  if (argc < 2 || !(g_str_equal (argv[1], "list") || g_str_equal (argv[1], "show") || g_str_equal (argv[1], "add")))
    return ud_cli_usage ("room standards list|show|add …");

  g_ptr_array_add (args, (gpointer) "relief");
  g_ptr_array_add (args, (gpointer) "reference");
  g_ptr_array_add (args, argv[1]);
  if (g_str_equal (argv[1], "list"))
    g_ptr_array_add (args, (gpointer) "--kind");
  g_ptr_array_add (args, (gpointer) kind);
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  return ud_cli_relief (ctx, (int) args->len - 1, (char **) args->pdata);
}

int
ud_cli_room (UdCliContext  *ctx,
             int            argc,
             char         **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "check"))
    return room_check (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "standards"))
    return standards (ctx, argc - 1, argv + 1);
  /* A room written is judged as it is stored: by the office's standards. */
  if (argc >= 2 && (g_str_equal (argv[1], "add") || g_str_equal (argv[1], "edit") || g_str_equal (argv[1], "import")) &&
      !use_office_standards (ctx))
    return UD_CLI_FAILED;
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return room_add_or_edit (ctx, argc - 1, argv + 1, TRUE);
  if (argc >= 2 && g_str_equal (argv[1], "edit"))
    return room_add_or_edit (ctx, argc - 1, argv + 1, FALSE);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return room_list (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "show"))
    return room_show (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "photo"))
    return room_photo (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "inspect"))
    return room_inspect (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "deliver"))
    return room_deliver (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "use"))
    return room_use (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "due"))
    return room_due (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return roster (ctx, argc - 1, argv + 1, ud_cli_import);
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return roster (ctx, argc - 1, argv + 1, ud_cli_export);

  return ud_cli_usage (ROOM_USAGE);
}
