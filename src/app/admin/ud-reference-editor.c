/* ud-reference-editor.c — a new version of a reference table
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-reference-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ud-reference-editor.h"
#include "ud-money.h"
#include "ud-room-standards.h"
#include "ud-ui-util.h"
#include "ud-validate.h"

/* The editor changes only what an office changes from year to year —
 * amounts, the tiers' bounds, the catalogue's rows, the dates — on a copy
 * of the version it started from, and leaves every other member of the
 * JSON object as it was.  The core checks the whole version again when
 * it is added (tiers rising, amounts within the bounds, codes unique, no
 * decision reached back over); its message is shown as it is.  The room
 * standards are a form of their own: the counts, then per type of room
 * its minimum area (a spin button) and the facilities it requires (check
 * buttons), then the facilities encouraged. */

struct _UdReferenceEditor
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *version_group;
  AdwPreferencesGroup  *content_group;
  AdwPreferencesPage   *page;
  GtkButton            *save_button;

  /* Owned */
  UdDbWorker           *worker;
  GCancellable         *cancellable;
  JsonObject           *base;          /* the version copied */
  GHashTable           *fields;        /* field name → GtkEditable (borrowed) */
  GHashTable           *checks;        /* "required-TYPE-NAME", "encouraged-NAME" → GtkCheckButton (borrowed) */
  GtkTextBuffer        *diseases;      /* the catalogue, one "CODE name" a line */
  UdReferenceKind       kind;
  char                 *error_message;
  gboolean              saving;
};

G_DEFINE_FINAL_TYPE (UdReferenceEditor, ud_reference_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Fields ------------------------------------------------------------------- */

static void show_error (UdReferenceEditor *self,
                        const char        *message);

/* A refusal speaks of the values that were saved: once one changes, it
 * no longer stands. */
static void
on_field_changed (UdReferenceEditor *self)
{
  if (self->error_message != NULL)
    show_error (self, NULL);
}

static GtkWidget *
add_entry (UdReferenceEditor   *self,
           AdwPreferencesGroup *group,
           const char          *field,
           const char          *title,
           const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_signal_connect_object (row, "changed", G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->fields, g_strdup (field), row);

  return row;
}

static const char *
field_text (UdReferenceEditor *self,
            const char        *field)
{
  GtkEditable *editable = g_hash_table_lookup (self->fields, field);

  return editable != NULL ? gtk_editable_get_text (editable) : "";
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  return object != NULL && json_object_has_member (object, member) ? json_object_get_string_member (object, member)
                                                                    : NULL;
}

/* The room standards ------------------------------------------------------------ */

static GtkWidget *
add_spin (UdReferenceEditor   *self,
          AdwPreferencesGroup *group,
          const char          *field,
          const char          *title,
          const char          *subtitle,
          double               value,
          double               lower,
          double               upper,
          guint                digits)
{
  GtkWidget *row = adw_action_row_new ();
  GtkAdjustment *adjustment = gtk_adjustment_new (value, lower, upper, digits > 0 ? 0.5 : 1, digits > 0 ? 1 : 5, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, 1, digits);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->fields, g_strdup (field), spin);

  return spin;
}

/* Check buttons two to a line, in a group. */
static GtkWidget *
add_checks_box (AdwPreferencesGroup *group)
{
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (box), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 2);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), TRUE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_add_css_class (box, "card");
  adw_preferences_group_add (group, box);

  return box;
}

static void
add_check (UdReferenceEditor *self,
           GtkWidget         *box,
           const char        *key,
           const char        *label,
           gboolean           active)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);
  gtk_widget_set_margin_start (check, 6);
  gtk_widget_set_margin_end (check, 6);
  gtk_flow_box_append (GTK_FLOW_BOX (box), check);
  g_hash_table_insert (self->checks, g_strdup (key), check);
}

static gboolean
array_has (JsonArray  *array,
           const char *text)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (node), text))
        return TRUE;
    }

  return FALSE;
}

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static double
member_count (JsonObject *object,
              const char *member,
              double      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
         ? (double) json_node_get_int (node) : fallback;
}

static void
build_room_fields (UdReferenceEditor *self)
{
  const char * const *requirements = ud_room_requirement_names ();
  JsonObject *types = member_object (self->base, "types");
  JsonArray *encouraged = member_array (self->base, "encouraged");
  AdwPreferencesGroup *group;
  GtkWidget *box;

  adw_preferences_group_set_description (self->version_group,
                                         _("A room is judged by the standards in force on the day it was plaqued, or else the day it opened; no new version may take effect on or before a day a room was plaqued."));
  adw_preferences_group_set_title (self->content_group, _("Counts"));
  add_spin (self, self->content_group, "min_table_chair_sets", _("Sets of table and chair required"),
            _("Where a type requires sets of table and chair"),
            member_count (self->base, "min_table_chair_sets", 2), 1, 100, 0);
  add_spin (self, self->content_group, "min_seats", _("Seats required"),
            _("Where a type requires seats"),
            member_count (self->base, "min_seats", 2), 1, 100, 0);

  for (guint t = 0; t < UD_ROOM_N_TYPES; t++)
    {
      const char *code = ud_room_type_to_string ((UdRoomType) t);
      JsonObject *rule = member_object (types, code);
      JsonArray *required = member_array (rule, "required");
      const char *area = rule != NULL && json_object_has_member (rule, "min_area_m2")
                         ? json_object_get_string_member (rule, "min_area_m2") : NULL;
      g_autofree char *area_field = g_strconcat ("area-", code, NULL);
      gint64 hundredths = 0;

      if (area == NULL || !ud_decimal_parse (area, &hundredths, NULL))
        hundredths = 0;
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, ud_room_type_get_label ((UdRoomType) t));
      adw_preferences_group_set_description (group, _("Its minimum area, and the facilities it requires (ticked)."));
      add_spin (self, group, area_field, _("Minimum area in m²"), NULL, (double) hundredths / 100, 0, 100000, 2);
      box = add_checks_box (group);
      for (guint r = 0; requirements[r] != NULL; r++)
        {
          g_autofree char *key = g_strconcat ("required-", code, "-", requirements[r], NULL);

          add_check (self, box, key, ud_room_requirement_get_label (requirements[r]), array_has (required, requirements[r]));
        }
      adw_preferences_page_add (self->page, group);
    }

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Encouraged Facilities"));
  adw_preferences_group_set_description (group, _("Encouraged facilities never fail a room."));
  box = add_checks_box (group);
  for (guint f = UD_ROOM_WASH_BASIN; f < UD_ROOM_N_FACILITIES; f++)
    {
      const char *code = ud_room_facility_to_string ((UdRoomFacility) f);
      g_autofree char *key = g_strconcat ("encouraged-", code, NULL);

      add_check (self, box, key, ud_room_facility_get_label ((UdRoomFacility) f), array_has (encouraged, code));
    }
  adw_preferences_page_add (self->page, group);
}

/* The spin button's value as the user left it (typed text counts). */
static double
spin_value (UdReferenceEditor *self,
            const char        *field)
{
  GtkSpinButton *spin = g_hash_table_lookup (self->fields, field);

  gtk_spin_button_update (spin);
  return gtk_spin_button_get_value (spin);
}

static gboolean
check_active (UdReferenceEditor *self,
              const char        *key)
{
  GtkCheckButton *check = g_hash_table_lookup (self->checks, key);

  return check != NULL && gtk_check_button_get_active (check);
}

static gboolean
set_room_standards (UdReferenceEditor  *self,
                    JsonObject         *object,
                    GError            **error)
{
  const char * const *requirements = ud_room_requirement_names ();
  g_autoptr(JsonObject) types = json_object_new ();
  g_autoptr(JsonArray) encouraged = json_array_new ();

  json_object_set_int_member (object, "min_table_chair_sets", (gint64) spin_value (self, "min_table_chair_sets"));
  json_object_set_int_member (object, "min_seats", (gint64) spin_value (self, "min_seats"));

  for (guint t = 0; t < UD_ROOM_N_TYPES; t++)
    {
      const char *code = ud_room_type_to_string ((UdRoomType) t);
      g_autofree char *area_field = g_strconcat ("area-", code, NULL);
      gint64 hundredths = (gint64) (spin_value (self, area_field) * 100 + 0.5);
      g_autofree char *area = NULL;
      JsonObject *rule;
      JsonArray *required;

      if (hundredths <= 0)
        {
          /* TRANSLATORS: a type of room (“Public place”) */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s, minimum area: give an area above 0 m², such as 10."),
                       ud_room_type_get_label ((UdRoomType) t));
          return FALSE;
        }

      area = ud_decimal_format (hundredths);
      rule = json_object_new ();
      required = json_array_new ();
      json_object_set_string_member (rule, "min_area_m2", area);
      for (guint r = 0; requirements[r] != NULL; r++)
        {
          g_autofree char *key = g_strconcat ("required-", code, "-", requirements[r], NULL);

          if (check_active (self, key))
            json_array_add_string_element (required, requirements[r]);
        }
      json_object_set_array_member (rule, "required", required);
      json_object_set_object_member (types, code, rule);
    }

  for (guint f = UD_ROOM_WASH_BASIN; f < UD_ROOM_N_FACILITIES; f++)
    {
      const char *code = ud_room_facility_to_string ((UdRoomFacility) f);
      g_autofree char *key = g_strconcat ("encouraged-", code, NULL);

      if (check_active (self, key))
        json_array_add_string_element (encouraged, code);
    }

  json_object_set_object_member (object, "types", json_object_ref (types));
  json_object_set_array_member (object, "encouraged", json_array_ref (encouraged));
  return TRUE;
}

static void
build_fields (UdReferenceEditor *self)
{
  AdwPreferencesGroup *content = self->content_group;

  if (self->kind != UD_REFERENCE_LOW_INCOME_LINE)
    add_entry (self, self->version_group, "version", _("Version name"), NULL);
  add_entry (self, self->version_group, "effective", _("Effective from (YYYY-MM-DD)"), NULL);

  switch (self->kind)
    {
    case UD_REFERENCE_ROOM_STANDARDS:
      build_room_fields (self);
      break;

    case UD_REFERENCE_LOW_INCOME_LINE:
      adw_preferences_group_set_title (content, _("Low-Income Line"));
      add_entry (self, content, "monthly", _("Per person per month (yuan)"), member_string (self->base, "monthly"));
      break;

    case UD_REFERENCE_RELIEF_RULES:
      {
        JsonArray *tiers = json_object_has_member (self->base, "tiers") ? json_object_get_array_member (self->base, "tiers") : NULL;
        g_autofree char *days = NULL;

        adw_preferences_group_set_title (content, _("Amounts"));
        adw_preferences_group_set_description (content, _("In yuan. The hardship steps and who may be the patient are copied as they are."));
        add_entry (self, content, "threshold", _("Smallest self-paid cost relieved"), member_string (self->base, "threshold"));
        add_entry (self, content, "min_amount", _("Smallest relief"), member_string (self->base, "min_amount"));
        add_entry (self, content, "max_amount", _("Largest relief"), member_string (self->base, "max_amount"));
        if (json_object_has_member (self->base, "window_days"))
          days = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (self->base, "window_days"));
        add_entry (self, content, "window_days", _("Days between two reliefs"), days);

        for (guint i = 0; tiers != NULL && i < json_array_get_length (tiers); i++)
          {
            JsonObject *tier = json_array_get_object_element (tiers, i);
            g_autofree char *from_field = g_strdup_printf ("tier-%u-from", i + 1);
            g_autofree char *amount_field = g_strdup_printf ("tier-%u-amount", i + 1);
            /* TRANSLATORS: %u is a tier's number */
            g_autofree char *from_title = g_strdup_printf (_("Tier %u: self-paid cost from"), i + 1);
            /* TRANSLATORS: %u is a tier's number */
            g_autofree char *amount_title = g_strdup_printf (_("Tier %u: relief"), i + 1);

            add_entry (self, content, from_field, from_title, member_string (tier, "from"));
            add_entry (self, content, amount_field, amount_title, member_string (tier, "amount"));
          }
      }
      break;

    case UD_REFERENCE_DISEASES:
    default:
      {
        JsonArray *rows = json_object_has_member (self->base, "diseases") ? json_object_get_array_member (self->base, "diseases") : NULL;
        GString *text = g_string_new (NULL);
        GtkWidget *view = gtk_text_view_new ();
        GtkWidget *frame = gtk_frame_new (NULL);

        adw_preferences_group_set_title (content, _("Diseases"));
        adw_preferences_group_set_description (content, _("One disease a line: its code, a space, its name. The order is the order shown."));
        for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
          {
            JsonObject *row = json_array_get_object_element (rows, i);

            g_string_append_printf (text, "%s %s\n", member_string (row, "code"), member_string (row, "name"));
          }

        self->diseases = g_object_ref (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
        gtk_text_buffer_set_text (self->diseases, text->str, -1);
        g_string_free (text, TRUE);
        gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
        gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
        gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
        gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
        gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Diseases"), -1);
        gtk_frame_set_child (GTK_FRAME (frame), view);
        adw_preferences_group_add (content, frame);
      }
      break;
    }
}

/* Checking and building the version ------------------------------------------ */

static gboolean
set_money (JsonObject  *object,
           const char  *member,
           const char  *label,
           const char  *text,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *plain = NULL;
  UdFen fen;

  if (!ud_money_parse (text, &fen, &local_error))
    {
      /* TRANSLATORS: a field's name, then what is wrong with it */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: %s"), label, local_error->message);
      return FALSE;
    }
  if (fen <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: give an amount above 0, such as 1450.00."), label);
      return FALSE;
    }

  plain = ud_money_format_plain (fen);
  json_object_set_string_member (object, member, plain);
  return TRUE;
}

static JsonObject *
build_version (UdReferenceEditor  *self,
               GError            **error)
{
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  const char *effective = g_strstrip (g_strdup (field_text (self, "effective")));
  g_autofree char *effective_owned = (char *) effective;
  GDate date;

  copy = json_node_copy (json_node_init_object (json_node_alloc (), self->base));
  object = json_node_get_object (copy);
  /* The note described the version copied. */
  json_object_remove_member (object, "note");

  if (self->kind != UD_REFERENCE_LOW_INCOME_LINE)
    {
      g_autofree char *version = g_strstrip (g_strdup (field_text (self, "version")));

      if (*version == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Version name: give the new version a name, such as 2025-01."));
          return NULL;
        }
      json_object_set_string_member (object, "version", version);
    }

  if (*effective == '\0' || !ud_date_parse (effective, &date, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Effective from: give the first day the version applies, such as 2025-01-01."));
      return NULL;
    }
  {
    g_autofree char *iso = ud_date_to_iso (&date);

    json_object_set_string_member (object, "effective", iso);
  }

  switch (self->kind)
    {
    case UD_REFERENCE_ROOM_STANDARDS:
      if (!set_room_standards (self, object, error))
        return NULL;
      break;

    case UD_REFERENCE_LOW_INCOME_LINE:
      if (!set_money (object, "monthly", _("Per person per month (yuan)"), field_text (self, "monthly"), error))
        return NULL;
      break;

    case UD_REFERENCE_RELIEF_RULES:
      {
        JsonArray *tiers = json_object_has_member (object, "tiers") ? json_object_get_array_member (object, "tiers") : NULL;
        const char *days_text = field_text (self, "window_days");
        char *end = NULL;
        guint64 days;

        if (!set_money (object, "threshold", _("Smallest self-paid cost relieved"), field_text (self, "threshold"), error) ||
            !set_money (object, "min_amount", _("Smallest relief"), field_text (self, "min_amount"), error) ||
            !set_money (object, "max_amount", _("Largest relief"), field_text (self, "max_amount"), error))
          return NULL;

        days = g_ascii_strtoull (days_text, &end, 10);
        if (*days_text == '\0' || end == NULL || *end != '\0' || days < 1 || days > 3660)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Days between two reliefs: give a whole number of days from 1 to 3660, such as 365."));
            return NULL;
          }
        json_object_set_int_member (object, "window_days", (gint64) days);

        for (guint i = 0; tiers != NULL && i < json_array_get_length (tiers); i++)
          {
            JsonObject *tier = json_array_get_object_element (tiers, i);
            g_autofree char *from_field = g_strdup_printf ("tier-%u-from", i + 1);
            g_autofree char *amount_field = g_strdup_printf ("tier-%u-amount", i + 1);
            g_autofree char *from_title = g_strdup_printf (_("Tier %u: self-paid cost from"), i + 1);
            g_autofree char *amount_title = g_strdup_printf (_("Tier %u: relief"), i + 1);

            if (!set_money (tier, "from", from_title, field_text (self, from_field), error) ||
                !set_money (tier, "amount", amount_title, field_text (self, amount_field), error))
              return NULL;
          }
      }
      break;

    case UD_REFERENCE_DISEASES:
    default:
      {
        JsonArray *rows = json_array_new ();
        GtkTextIter start, end;
        g_autofree char *text = NULL;
        g_auto(GStrv) lines = NULL;

        gtk_text_buffer_get_bounds (self->diseases, &start, &end);
        text = gtk_text_buffer_get_text (self->diseases, &start, &end, FALSE);
        lines = g_strsplit (text, "\n", -1);
        for (guint i = 0; lines[i] != NULL; i++)
          {
            char *line = g_strstrip (lines[i]);
            char *space;
            JsonObject *row;

            if (*line == '\0')
              continue;
            space = strpbrk (line, " \t");
            if (space == NULL || *g_strchug (space + 1) == '\0')
              {
                /* TRANSLATORS: %u is a line number, %s the line */
                g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("Diseases, line %u (“%s”): give the code, a space and the name, such as “D31 重症肌无力”."), i + 1, line);
                json_array_unref (rows);
                return NULL;
              }
            *space = '\0';
            row = json_object_new ();
            json_object_set_string_member (row, "code", line);
            json_object_set_string_member (row, "name", g_strchug (space + 1));
            json_array_add_object_element (rows, row);
          }
        if (json_array_get_length (rows) == 0)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Diseases: the catalogue needs at least one disease."));
            json_array_unref (rows);
            return NULL;
          }
        json_object_set_array_member (object, "diseases", rows);
      }
      break;
    }

  return json_object_ref (object);
}

/* Saving -------------------------------------------------------------------- */

typedef struct
{
  UdReferenceKind  kind;
  char            *json;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->json);
  g_free (data);
}

static gpointer
save_job (UdDatabase    *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SaveData *save = data;
  UdReferenceVersion *added = ud_reference_add_version (db, save->kind, save->json, error);

  /* Rooms are judged from now on by the standards with the new version. */
  if (added != NULL && save->kind == UD_REFERENCE_ROOM_STANDARDS)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(UdRoomStandards) standards = ud_reference_load_room_standards (db, &local_error);

      if (standards != NULL)
        ud_room_standards_set_current (standards);
      else
        g_warning ("The room standards cannot be read again: %s", local_error->message);
    }

  return added;
}

static void
show_error (UdReferenceEditor *self,
            const char        *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  ud_label_show_problem (self->error_label, message);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(UdReferenceEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdReferenceVersion) version = ud_db_worker_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (version == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, version->version);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ud_reference_editor_save (UD_REFERENCE_EDITOR (widget));
}

/* GObject ------------------------------------------------------------------ */

static void
ud_reference_editor_dispose (GObject *object)
{
  UdReferenceEditor *self = UD_REFERENCE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_REFERENCE_EDITOR);
  g_clear_object (&self->worker);
  g_clear_object (&self->diseases);
  g_clear_pointer (&self->base, json_object_unref);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->checks, g_hash_table_unref);

  G_OBJECT_CLASS (ud_reference_editor_parent_class)->dispose (object);
}

static void
ud_reference_editor_finalize (GObject *object)
{
  UdReferenceEditor *self = UD_REFERENCE_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_free (self->error_message);

  G_OBJECT_CLASS (ud_reference_editor_parent_class)->finalize (object);
}

static void
ud_reference_editor_class_init (UdReferenceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_reference_editor_dispose;
  object_class->finalize = ud_reference_editor_finalize;

  /* The new version's name. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/admin/ud-reference-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, UdReferenceEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdReferenceEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, UdReferenceEditor, version_group);
  gtk_widget_class_bind_template_child (widget_class, UdReferenceEditor, content_group);
  gtk_widget_class_bind_template_child (widget_class, UdReferenceEditor, page);
  gtk_widget_class_bind_template_child (widget_class, UdReferenceEditor, save_button);

  gtk_widget_class_install_action (widget_class, "reference.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ud_reference_editor_init (UdReferenceEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public ------------------------------------------------------------------- */

UdReferenceEditor *
ud_reference_editor_new (UdDbWorker      *worker,
                         UdReferenceKind  kind,
                         const char      *base_json)
{
  g_autoptr(JsonNode) node = NULL;
  UdReferenceEditor *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (base_json != NULL, NULL);

  self = g_object_new (UD_TYPE_REFERENCE_EDITOR, NULL);
  self->worker = g_object_ref (worker);
  self->kind = kind;

  node = json_from_string (base_json, NULL);
  self->base = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_object_ref (json_node_get_object (node))
                                                              : json_object_new ();

  adw_window_title_set_subtitle (self->window_title, ud_reference_kind_get_label (kind));
  build_fields (self);

  return self;
}

void
ud_reference_editor_save (UdReferenceEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = NULL;
  SaveData *data;

  g_return_if_fail (UD_IS_REFERENCE_EDITOR (self));

  if (self->saving)
    return;

  object = build_version (self, &error);
  if (object == NULL)
    {
      show_error (self, error->message);
      return;
    }

  node = json_node_init_object (json_node_alloc (), object);
  data = g_new0 (SaveData, 1);
  data->kind = self->kind;
  data->json = json_to_string (node, FALSE);

  show_error (self, NULL);
  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  ud_db_worker_run_async (self->worker, save_job, data, (GDestroyNotify) save_data_free,
                          (GDestroyNotify) ud_reference_version_free, self->cancellable,
                          on_saved, g_object_ref (self));
}

const char *
ud_reference_editor_get_error (UdReferenceEditor *self)
{
  g_return_val_if_fail (UD_IS_REFERENCE_EDITOR (self), NULL);

  return self->error_message;
}

