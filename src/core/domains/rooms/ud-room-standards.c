/* ud-room-standards.c — the standards of the mother-and-baby rooms (DOMAIN §5)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-rooms"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ud-room-standards.h"
#include "ud-rooms-resources.h"
#include "ud-json-read.h"
#include "ud-validate.h"

/* Far above any room: keeps the sums below from overflowing. */
#define MAX_AREA   ((gint64) 100000 * 100)
#define MAX_COUNT  ((gint64) 10000)

G_DEFINE_QUARK (ud-room-error-quark, ud_room_error)

static const char * const type_names[] = {
  [UD_ROOM_TYPE_UNIT]     = "unit",
  [UD_ROOM_TYPE_BUILDING] = "building",
  [UD_ROOM_TYPE_PUBLIC]   = "public",
  [UD_ROOM_TYPE_CORNER]   = "corner",
};

/* The same words as the room kind's choices. */
static const char * const type_labels[] = {
  [UD_ROOM_TYPE_UNIT]     = N_("Inside a unit"),
  [UD_ROOM_TYPE_BUILDING] = N_("Office building or union service station"),
  [UD_ROOM_TYPE_PUBLIC]   = N_("Public place"),
  [UD_ROOM_TYPE_CORNER]   = N_("Mother-and-baby corner"),
};

static const char * const facility_names[] = {
  [UD_ROOM_POWER_SOCKET]     = "power_socket",
  [UD_ROOM_FRIDGE]           = "fridge",
  [UD_ROOM_PRIVACY]          = "privacy",
  [UD_ROOM_CHANGING_TABLE]   = "changing_table",
  [UD_ROOM_KEEPER]           = "keeper",
  [UD_ROOM_WASH_BASIN]       = "wash_basin",
  [UD_ROOM_WATER_DISPENSER]  = "water_dispenser",
  [UD_ROOM_MICROWAVE]        = "microwave",
  [UD_ROOM_STERILISER]       = "steriliser",
  [UD_ROOM_STORAGE_CABINET]  = "storage_cabinet",
  [UD_ROOM_AIR_CONDITIONING] = "air_conditioning",
};

/* What a type may require, in the order of the failure codes. */
typedef enum
{
  REQ_TABLE_CHAIR_SETS,
  REQ_TABLE,
  REQ_SEATS,
  REQ_POWER_SOCKET,
  REQ_FRIDGE,
  REQ_PRIVACY,
  REQ_CHANGING_TABLE,
  REQ_KEEPER,
  N_REQUIREMENTS,
} Requirement;

static const char * const requirement_names[] = {
  [REQ_TABLE_CHAIR_SETS] = "table_chair_sets",
  [REQ_TABLE]            = "table",
  [REQ_SEATS]            = "seats",
  [REQ_POWER_SOCKET]     = "power_socket",
  [REQ_FRIDGE]           = "fridge",
  [REQ_PRIVACY]          = "privacy",
  [REQ_CHANGING_TABLE]   = "changing_table",
  [REQ_KEEPER]           = "keeper",
  NULL
};

/* The room kind's words where it has them. */
static const char * const requirement_labels[] = {
  [REQ_TABLE_CHAIR_SETS] = N_("Sets of table and chair"),
  [REQ_TABLE]            = N_("A table"),
  [REQ_SEATS]            = N_("Seats"),
  [REQ_POWER_SOCKET]     = N_("Power socket"),
  [REQ_FRIDGE]           = N_("Fridge for breast milk"),
  [REQ_PRIVACY]          = N_("Privacy (a door that locks or a curtain)"),
  [REQ_CHANGING_TABLE]   = N_("Baby changing table"),
  [REQ_KEEPER]           = N_("A keeper who looks after the room"),
};

static const char * const facility_labels[] = {
  [UD_ROOM_POWER_SOCKET]     = N_("Power socket"),
  [UD_ROOM_FRIDGE]           = N_("Fridge for breast milk"),
  [UD_ROOM_PRIVACY]          = N_("Privacy (a door that locks or a curtain)"),
  [UD_ROOM_CHANGING_TABLE]   = N_("Baby changing table"),
  [UD_ROOM_KEEPER]           = N_("Keeper"),
  [UD_ROOM_WASH_BASIN]       = N_("Wash basin"),
  [UD_ROOM_WATER_DISPENSER]  = N_("Water dispenser"),
  [UD_ROOM_MICROWAVE]        = N_("Microwave"),
  [UD_ROOM_STERILISER]       = N_("Steriliser"),
  [UD_ROOM_STORAGE_CABINET]  = N_("Storage cabinet"),
  [UD_ROOM_AIR_CONDITIONING] = N_("Air conditioning"),
};

static const char * const failure_codes[] = {
  "area_below_minimum",
  [REQ_TABLE_CHAIR_SETS + 1] = "too_few_table_chair_sets",
  [REQ_TABLE + 1]            = "no_table",
  [REQ_SEATS + 1]            = "too_few_seats",
  [REQ_POWER_SOCKET + 1]     = "no_power_socket",
  [REQ_FRIDGE + 1]           = "no_fridge",
  [REQ_PRIVACY + 1]          = "no_privacy",
  [REQ_CHANGING_TABLE + 1]   = "no_changing_table",
  [REQ_KEEPER + 1]           = "no_keeper",
  NULL
};

const char *
ud_room_type_to_string (UdRoomType type)
{
  g_return_val_if_fail ((guint) type < UD_ROOM_N_TYPES, NULL);

  return type_names[type];
}

gboolean
ud_room_type_from_string (const char *text,
                          UdRoomType *type)
{
  for (guint i = 0; text != NULL && i < UD_ROOM_N_TYPES; i++)
    if (g_str_equal (text, type_names[i]))
      {
        *type = (UdRoomType) i;
        return TRUE;
      }

  return FALSE;
}

const char *
ud_room_facility_to_string (UdRoomFacility facility)
{
  g_return_val_if_fail ((guint) facility < UD_ROOM_N_FACILITIES, NULL);

  return facility_names[facility];
}

const char * const *
ud_room_failure_codes (void)
{
  return failure_codes;
}

const char *
ud_room_facility_get_label (UdRoomFacility facility)
{
  g_return_val_if_fail ((guint) facility < UD_ROOM_N_FACILITIES, NULL);

  return _(facility_labels[facility]);
}

const char *
ud_room_type_get_label (UdRoomType type)
{
  g_return_val_if_fail ((guint) type < UD_ROOM_N_TYPES, NULL);

  return _(type_labels[type]);
}

const char * const *
ud_room_requirement_names (void)
{
  return requirement_names;
}

const char *
ud_room_requirement_get_label (const char *name)
{
  for (guint r = 0; name != NULL && r < N_REQUIREMENTS; r++)
    if (g_str_equal (name, requirement_names[r]))
      return _(requirement_labels[r]);

  g_return_val_if_reached (NULL);
}

/* ---- the standards' versions ------------------------------------------- */

typedef struct
{
  gint64   min_area;                      /* hundredths of m² */
  gboolean required[N_REQUIREMENTS];
} TypeRule;

typedef struct
{
  GDate     effective;
  char     *version;
  guint     min_table_chair_sets;
  guint     min_seats;
  TypeRule  types[UD_ROOM_N_TYPES];
} Version;

/* ud_json_read_sort_versions() reads the date at the start. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (Version, effective) == 0);

struct _UdRoomStandards
{
  gatomicrefcount  ref_count;
  GArray          *versions;   /* Version, by effective date */
};

static void
version_clear (Version *version)
{
  g_free (version->version);
}

static const char *version_members[] = {
  "version", "effective", "note", "min_table_chair_sets", "min_seats", "types", "encouraged", NULL
};
static const char *type_rule_members[] = { "min_area_m2", "required", NULL };

static gboolean
data_error (GError     **error,
            const char  *path,
            const char  *message)
{
  ud_json_read_set_error (UD_ROOM_ERROR, error, UD_ROOM_ERROR_DATA, path, message);
  return FALSE;
}

static gboolean
read_type_rule (JsonObject  *types,
                const char  *prefix,
                UdRoomType   type,
                TypeRule    *rule,
                GError     **error)
{
  const int code = UD_ROOM_ERROR_DATA;
  g_autofree char *path = ud_json_path (prefix, type_names[type]);
  g_autofree char *area_path = ud_json_path (path, "min_area_m2");
  g_autofree char *required_path = ud_json_path (path, "required");
  JsonObject *object;
  JsonArray *required = NULL;
  const char *area = NULL;

  if (!ud_json_read_object (UD_ROOM_ERROR, types, prefix, type_names[type], code, &object, error) ||
      !ud_json_read_check_members (UD_ROOM_ERROR, object, path, type_rule_members, code, error) ||
      !ud_json_read_string (UD_ROOM_ERROR, object, path, "min_area_m2", TRUE, code, &area, error) ||
      !ud_json_read_array (UD_ROOM_ERROR, object, path, "required", TRUE, code, &required, error))
    return FALSE;

  if (!ud_decimal_parse (area, &rule->min_area, NULL) || rule->min_area <= 0 || rule->min_area > MAX_AREA)
    return data_error (error, area_path, _("must be an area in m² above 0, such as 6 or 9.5"));

  for (guint i = 0; i < json_array_get_length (required); i++)
    {
      JsonNode *node = json_array_get_element (required, i);
      const char *name = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                         ? json_node_get_string (node) : NULL;
      guint r;

      for (r = 0; name != NULL && r < N_REQUIREMENTS; r++)
        if (g_str_equal (name, requirement_names[r]))
          break;
      if (name == NULL || r == N_REQUIREMENTS)
        return data_error (error, required_path,
                           _("the requirements are table_chair_sets, table, seats, power_socket, fridge, privacy, changing_table and keeper"));
      rule->required[r] = TRUE;
    }

  return TRUE;
}

static gboolean
read_versions (const char  *json,
               GArray      *versions,
               GError     **error)
{
  const int code = UD_ROOM_ERROR_DATA;
  g_autoptr(JsonNode) root = ud_json_read_parse (UD_ROOM_ERROR, json, _("the room standards"), code, error);
  JsonArray *array;

  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (root) || json_array_get_length (json_node_get_array (root)) == 0)
    {
      g_set_error_literal (error, UD_ROOM_ERROR, code,
                           _("The room standards must be a list of versions in brackets [ ]."));
      return FALSE;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *prefix = ud_json_index_path ("", i);
      g_autofree char *types_path = NULL;
      g_autofree char *encouraged_path = NULL;
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object, *types;
      JsonArray *encouraged = NULL;
      const char *name = NULL;
      Version version = { 0, };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return data_error (error, prefix, _("must be a group of fields in braces { }"));
      object = json_node_get_object (node);
      g_date_clear (&version.effective, 1);
      types_path = ud_json_path (prefix, "types");
      encouraged_path = ud_json_path (prefix, "encouraged");
      if (!ud_json_read_check_members (UD_ROOM_ERROR, object, prefix, version_members, code, error) ||
          !ud_json_read_string (UD_ROOM_ERROR, object, prefix, "version", TRUE, code, &name, error) ||
          !ud_json_read_date (UD_ROOM_ERROR, object, prefix, "effective", TRUE, code, &version.effective, error) ||
          !ud_json_read_uint (UD_ROOM_ERROR, object, prefix, "min_table_chair_sets", TRUE, code, &version.min_table_chair_sets, error) ||
          !ud_json_read_uint (UD_ROOM_ERROR, object, prefix, "min_seats", TRUE, code, &version.min_seats, error) ||
          !ud_json_read_object (UD_ROOM_ERROR, object, prefix, "types", code, &types, error) ||
          !ud_json_read_check_members (UD_ROOM_ERROR, types, types_path, (const char **) type_names, code, error) ||
          !ud_json_read_array (UD_ROOM_ERROR, object, prefix, "encouraged", FALSE, code, &encouraged, error))
        return FALSE;

      if (version.min_table_chair_sets < 1 || version.min_table_chair_sets > 100 ||
          version.min_seats < 1 || version.min_seats > 100)
        return data_error (error, prefix, _("min_table_chair_sets and min_seats must lie between 1 and 100"));

      for (guint t = 0; t < UD_ROOM_N_TYPES; t++)
        if (!read_type_rule (types, types_path, (UdRoomType) t, &version.types[t], error))
          return FALSE;

      for (guint e = 0; encouraged != NULL && e < json_array_get_length (encouraged); e++)
        {
          JsonNode *item = json_array_get_element (encouraged, e);
          const char *facility = JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING
                                 ? json_node_get_string (item) : NULL;
          gboolean known = FALSE;

          for (guint f = UD_ROOM_WASH_BASIN; facility != NULL && f < UD_ROOM_N_FACILITIES; f++)
            known = known || g_str_equal (facility, facility_names[f]);
          if (!known)
            return data_error (error, encouraged_path,
                               _("the encouraged facilities are wash_basin, water_dispenser, microwave, steriliser, storage_cabinet and air_conditioning"));
        }

      version.version = g_strdup (name);
      g_array_append_val (versions, version);
    }

  /* Version begins with its effective date. */
  return ud_json_read_sort_versions (versions, UD_ROOM_ERROR, code, _("the room standards"), error);
}

char *
ud_room_standards_shipped_text (GError **error)
{
  return ud_json_read_resource_text (ud_rooms_reference_get_resource (),
                                     "/io/github/uniondesk/UnionDesk/rooms/room-standards.json", error);
}

UdRoomStandards *
ud_room_standards_new (const char  *json,
                       GError     **error)
{
  g_autoptr(UdRoomStandards) standards = NULL;
  g_autofree char *shipped = NULL;

  if (json == NULL && (json = shipped = ud_room_standards_shipped_text (error)) == NULL)
    return NULL;

  standards = g_new0 (UdRoomStandards, 1);
  g_atomic_ref_count_init (&standards->ref_count);
  standards->versions = g_array_new (FALSE, TRUE, sizeof (Version));
  g_array_set_clear_func (standards->versions, (GDestroyNotify) version_clear);

  if (!read_versions (json, standards->versions, error))
    return NULL;

  return g_steal_pointer (&standards);
}

UdRoomStandards *
ud_room_standards_get_default (void)
{
  static UdRoomStandards *shipped;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GError) error = NULL;
      UdRoomStandards *standards = ud_room_standards_new (NULL, &error);

      /* The shipped table is part of the program and tested. */
      if (standards == NULL)
        g_error ("The shipped room standards cannot be read: %s", error->message);
      shipped = standards;
      g_once_init_leave (&done, 1);
    }

  return shipped;
}

static GMutex current_lock;
static UdRoomStandards *current;

UdRoomStandards *
ud_room_standards_get_current (void)
{
  UdRoomStandards *standards;

  g_mutex_lock (&current_lock);
  standards = ud_room_standards_ref (current != NULL ? current : ud_room_standards_get_default ());
  g_mutex_unlock (&current_lock);

  return standards;
}

void
ud_room_standards_set_current (UdRoomStandards *standards)
{
  UdRoomStandards *old;

  g_return_if_fail (standards != NULL);

  ud_room_standards_ref (standards);
  g_mutex_lock (&current_lock);
  old = current;
  current = standards;
  g_mutex_unlock (&current_lock);
  if (old != NULL)
    ud_room_standards_unref (old);
}

UdRoomStandards *
ud_room_standards_ref (UdRoomStandards *standards)
{
  g_return_val_if_fail (standards != NULL, NULL);

  g_atomic_ref_count_inc (&standards->ref_count);
  return standards;
}

void
ud_room_standards_unref (UdRoomStandards *standards)
{
  g_return_if_fail (standards != NULL);

  if (!g_atomic_ref_count_dec (&standards->ref_count))
    return;

  g_clear_pointer (&standards->versions, g_array_unref);
  g_free (standards);
}

static const Version *
version_in_force (UdRoomStandards *standards,
                  const GDate     *date,
                  gboolean         earliest)
{
  const Version *found = NULL;

  for (guint i = 0; i < standards->versions->len; i++)
    {
      const Version *version = &g_array_index (standards->versions, Version, i);

      if (g_date_compare (&version->effective, date) > 0)
        break;
      found = version;
    }
  if (found == NULL && earliest && standards->versions->len > 0)
    found = &g_array_index (standards->versions, Version, 0);

  return found;
}

/* ---- the case as JSON -------------------------------------------------- */

static const char *case_members[] = { "date", "type", "area_m2", "facilities", NULL };
static const char *count_members[] = { "table_chair_sets", "tables", "seats" };

static gboolean
input_error (GError     **error,
             const char  *path,
             const char  *message)
{
  ud_json_read_set_error (UD_ROOM_ERROR, error, UD_ROOM_ERROR_INPUT, path, message);
  return FALSE;
}

static gboolean
read_area (JsonObject  *root,
           gint64      *area,
           GError     **error)
{
  JsonNode *node = json_object_get_member (root, "area_m2");
  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return input_error (error, "area_m2", _("give the area in m²"));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (node));
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", json_node_get_double (node)));
    }
  else
    return input_error (error, "area_m2", _("must be an area in m² such as \"9.5\""));

  if (!ud_decimal_parse (text, area, NULL))
    return input_error (error, "area_m2", _("must be an area in m² with at most two decimals, such as \"9.5\""));
  if (*area < 0)
    return input_error (error, "area_m2", _("cannot be negative"));
  if (*area > MAX_AREA)
    return input_error (error, "area_m2", _("the area is too large"));

  return TRUE;
}

static gboolean
read_count (JsonObject  *facilities,
            const char  *name,
            gint64      *count,
            GError     **error)
{
  g_autofree char *path = ud_json_path ("facilities", name);
  JsonNode *node = json_object_get_member (facilities, name);

  *count = 0;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return input_error (error, path, _("must be a whole number"));
  *count = json_node_get_int (node);
  if (*count < 0)
    return input_error (error, path, _("cannot be negative"));
  if (*count > MAX_COUNT)
    return input_error (error, path, _("the number is too large"));

  return TRUE;
}

gboolean
ud_room_case_from_json (const char  *json,
                        UdRoomCase  *c,
                        GError     **error)
{
  const GQuark domain = UD_ROOM_ERROR;
  const int code = UD_ROOM_ERROR_INPUT;
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(GPtrArray) known = g_ptr_array_new ();
  JsonObject *root, *facilities;
  const char *type = NULL;

  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (c != NULL, FALSE);

  memset (c, 0, sizeof *c);
  g_date_clear (&c->date, 1);

  root_node = ud_json_read_parse (domain, json, _("the case"), code, error);
  if (root_node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error_literal (error, domain, code, _("the case must be one group of fields in braces { }"));
      return FALSE;
    }
  root = json_node_get_object (root_node);

  if (!ud_json_read_check_members (domain, root, NULL, case_members, code, error) ||
      !ud_json_read_date (domain, root, NULL, "date", TRUE, code, &c->date, error) ||
      !ud_json_read_string (domain, root, NULL, "type", TRUE, code, &type, error))
    return FALSE;
  if (!ud_room_type_from_string (type, &c->type))
    /* TRANSLATORS: unit, building, public and corner are the values to
     * type in the JSON file; keep them in English. */
    return input_error (error, "type", _("must be unit, building, public or corner"));
  if (!read_area (root, &c->area, error) ||
      !ud_json_read_object (domain, root, NULL, "facilities", code, &facilities, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (count_members); i++)
    g_ptr_array_add (known, (gpointer) count_members[i]);
  for (guint i = 0; i < UD_ROOM_N_FACILITIES; i++)
    g_ptr_array_add (known, (gpointer) facility_names[i]);
  g_ptr_array_add (known, NULL);
  if (!ud_json_read_check_members (domain, facilities, "facilities", (const char **) known->pdata, code, error) ||
      !read_count (facilities, "table_chair_sets", &c->table_chair_sets, error) ||
      !read_count (facilities, "tables", &c->tables, error) ||
      !read_count (facilities, "seats", &c->seats, error))
    return FALSE;

  for (guint i = 0; i < UD_ROOM_N_FACILITIES; i++)
    if (!ud_json_read_boolean (domain, facilities, "facilities", facility_names[i], FALSE, code, &c->has[i], error))
      return FALSE;

  return TRUE;
}

/* ---- the rule ----------------------------------------------------------- */

void
ud_room_verdict_clear (UdRoomVerdict *verdict)
{
  g_clear_pointer (&verdict->failed, g_ptr_array_unref);
  g_clear_pointer (&verdict->reasons, g_ptr_array_unref);
  g_clear_pointer (&verdict->standards_version, g_free);
  memset (verdict, 0, sizeof *verdict);
}

static void
fail (UdRoomVerdict *out,
      Requirement    requirement,
      char          *reason)
{
  g_ptr_array_add (out->failed, g_strdup (failure_codes[requirement + 1]));
  g_ptr_array_add (out->reasons, reason);
}

gboolean
ud_room_check (UdRoomStandards   *standards,
               const UdRoomCase  *c,
               gboolean           earliest,
               UdRoomVerdict     *out,
               GError           **error)
{
  const Version *version;
  const TypeRule *rule;
  g_autofree char *area_text = NULL, *min_text = NULL;
  const char *type_label;

  g_return_val_if_fail (standards != NULL, FALSE);
  g_return_val_if_fail (c != NULL && out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (!g_date_valid (&c->date))
    return input_error (error, "date", _("give the date the room is judged on"));
  if ((guint) c->type >= UD_ROOM_N_TYPES)
    return input_error (error, "type", _("must be unit, building, public or corner"));
  if (c->area < 0)
    return input_error (error, "area_m2", _("cannot be negative"));
  if (c->table_chair_sets < 0 || c->tables < 0 || c->seats < 0)
    return input_error (error, "facilities", _("a count cannot be negative"));

  version = version_in_force (standards, &c->date, earliest);
  if (version == NULL)
    {
      g_autofree char *date_text = ud_date_to_iso (&c->date);
      /* TRANSLATORS: a date */
      g_autofree char *message = g_strdup_printf (_("no room standards are in force on %s"), date_text);

      return input_error (error, "date", message);
    }

  rule = &version->types[c->type];
  type_label = _(type_labels[c->type]);
  out->failed = g_ptr_array_new_with_free_func (g_free);
  out->reasons = g_ptr_array_new_with_free_func (g_free);
  out->standards_version = g_strdup (version->version);
  out->min_area = rule->min_area;

  area_text = ud_decimal_format (c->area);
  min_text = ud_decimal_format (rule->min_area);
  if (c->area < rule->min_area)
    {
      g_ptr_array_add (out->failed, g_strdup (failure_codes[0]));
      g_ptr_array_add (out->reasons,
                       /* TRANSLATORS: the room's area, the minimum area, then the room's type */
                       g_strdup_printf (_("The area of %s m² is below the minimum of %s m² for the type %s."),
                                        area_text, min_text, type_label));
    }

  if (rule->required[REQ_TABLE_CHAIR_SETS] && c->table_chair_sets < version->min_table_chair_sets)
    fail (out, REQ_TABLE_CHAIR_SETS,
          /* TRANSLATORS: the sets there are, then the sets required */
          g_strdup_printf (_("There are %u sets of table and chair; at least %u are required."),
                           (guint) c->table_chair_sets, version->min_table_chair_sets));
  if (rule->required[REQ_TABLE] && c->tables < 1)
    fail (out, REQ_TABLE, g_strdup (_("There is no table.")));
  if (rule->required[REQ_SEATS] && c->seats < version->min_seats)
    fail (out, REQ_SEATS,
          /* TRANSLATORS: the seats there are, then the seats required */
          g_strdup_printf (_("There are %u seats; at least %u are required."),
                           (guint) c->seats, version->min_seats));
  if (rule->required[REQ_POWER_SOCKET] && !c->has[UD_ROOM_POWER_SOCKET])
    fail (out, REQ_POWER_SOCKET, g_strdup (_("There is no power socket.")));
  if (rule->required[REQ_FRIDGE] && !c->has[UD_ROOM_FRIDGE])
    fail (out, REQ_FRIDGE, g_strdup (_("There is no fridge for breast milk.")));
  if (rule->required[REQ_PRIVACY] && !c->has[UD_ROOM_PRIVACY])
    fail (out, REQ_PRIVACY, g_strdup (_("Privacy is not ensured: a door that locks or a curtain is needed.")));
  if (rule->required[REQ_CHANGING_TABLE] && !c->has[UD_ROOM_CHANGING_TABLE])
    fail (out, REQ_CHANGING_TABLE, g_strdup (_("There is no baby changing table.")));
  if (rule->required[REQ_KEEPER] && !c->has[UD_ROOM_KEEPER])
    fail (out, REQ_KEEPER, g_strdup (_("No keeper looks after the room.")));

  out->compliant = out->failed->len == 0;
  if (out->compliant)
    g_ptr_array_add (out->reasons,
                     /* TRANSLATORS: the room's area, the minimum area, the room's type, then the standards' version */
                     g_strdup_printf (_("The area of %s m² meets the minimum of %s m² and every facility required for the type %s is there (standards %s): compliant."),
                                      area_text, min_text, type_label, version->version));

  return TRUE;
}

char *
ud_room_verdict_to_json (const UdRoomVerdict *verdict)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "compliant");
  json_builder_add_boolean_value (builder, verdict->compliant);
  json_builder_set_member_name (builder, "failed");
  json_builder_begin_array (builder);
  for (guint i = 0; verdict->failed != NULL && i < verdict->failed->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (verdict->failed, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; verdict->reasons != NULL && i < verdict->reasons->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (verdict->reasons, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "standards_version");
  json_builder_add_string_value (builder, verdict->standards_version);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
