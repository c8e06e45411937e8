/* ud-reference-view.c — the Reference Tables section
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-reference-view"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ud-reference-view.h"
#include "ud-account.h"
#include "ud-money.h"
#include "ud-permission.h"
#include "ud-reference-editor.h"
#include "ud-room-standards.h"
#include "ud-validate.h"
#include "ud-ui-util.h"

/* The versions are read on the worker; a version's content is its JSON
 * object, shown as rows of title and value.  Both lists are GtkStringLists
 * bound to their list boxes: a new list replaces every row at once. */

#define SEPARATOR "\x1f"

struct _UdReferenceView
{
  GtkBox           parent_instance;

  /* Template widgets */
  GtkDropDown     *kind_dropdown;
  GtkLabel        *kind_description;
  GtkButton       *new_button;
  GtkListBox      *versions_list;
  GtkListBox      *content_list;
  GtkLabel        *content_title;
  GtkLabel        *content_state;
  GtkStack        *content_stack;

  /* Owned */
  UdDbWorker      *worker;
  GCancellable    *cancellable;
  GPtrArray       *versions;        /* UdReferenceVersion, as listed */
  GtkStringList   *version_rows;    /* index into versions */
  GtkStringList   *content_rows;    /* "title\x1fvalue" */
  UdReferenceKind  kind;
  guint            loading;
};

G_DEFINE_FINAL_TYPE (UdReferenceView, ud_reference_view, GTK_TYPE_BOX)

/* Rows ----------------------------------------------------------------------- */

static GtkWidget *
create_content_row (gpointer item,
                    gpointer user_data)
{
  const char *text = gtk_string_object_get_string (item);
  g_auto(GStrv) parts = g_strsplit (text, SEPARATOR, 2);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), parts[0]);
  value = gtk_label_new (parts[1] != NULL ? parts[1] : "");
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  /* Amounts and codes on one line; only long notes wrap. */
  gtk_label_set_wrap (GTK_LABEL (value), g_utf8_strlen (gtk_label_get_label (GTK_LABEL (value)), -1) > 30);
  gtk_label_set_max_width_chars (GTK_LABEL (value), 50);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_widget_add_css_class (value, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static const char *
version_state (const UdReferenceVersion *version)
{
  if (version->kind == UD_REFERENCE_ROOM_STANDARDS)
    return version->in_use ? _("Rooms plaqued under it — frozen") : _("No room plaqued under it yet");
  return version->in_use ? _("Used by a decision — frozen") : _("Not used yet");
}

static GtkWidget *
create_version_row (gpointer item,
                    gpointer user_data)
{
  UdReferenceView *self = user_data;
  guint index = (guint) g_ascii_strtoull (gtk_string_object_get_string (item), NULL, 10);
  const UdReferenceVersion *version = g_ptr_array_index (self->versions, index);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* TRANSLATORS: a version's effective date, then whether it is frozen */
  subtitle = g_strdup_printf (_("From %s · %s"), version->effective, version_state (version));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), version->version);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (version->in_use)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("changes-prevent-symbolic"));

  return row;
}

/* Content -------------------------------------------------------------------- */

static void
add_row (GtkStringList *rows,
         const char    *title,
         const char    *value)
{
  g_autofree char *text = g_strconcat (title, SEPARATOR, value != NULL ? value : "", NULL);

  gtk_string_list_append (rows, text);
}

/* "1450.00" → "1,450.00 yuan" */
static char *
yuan (JsonObject *object,
      const char *member)
{
  const char *text = json_object_has_member (object, member) ? json_object_get_string_member (object, member) : NULL;
  g_autofree char *formatted = NULL;
  UdFen fen;

  if (text == NULL || !ud_money_parse (text, &fen, NULL))
    return g_strdup (text != NULL ? text : "");

  formatted = ud_money_format (fen);
  /* TRANSLATORS: an amount of money, e.g. 1,450.00 yuan */
  return g_strdup_printf (_("%s yuan"), formatted);
}

static const char *
relation_label (const char *code)
{
  if (g_strcmp0 (code, "self") == 0)
    return _("the member");
  if (g_strcmp0 (code, "spouse") == 0)
    return _("spouse");
  if (g_strcmp0 (code, "child") == 0)
    return _("child");
  if (g_strcmp0 (code, "parent") == 0)
    return _("parent");
  return code;
}

static void
fill_rules (GtkStringList *rows,
            JsonObject    *object)
{
  JsonArray *tiers = json_object_has_member (object, "tiers") ? json_object_get_array_member (object, "tiers") : NULL;
  JsonArray *relations = json_object_has_member (object, "relations") ? json_object_get_array_member (object, "relations") : NULL;
  JsonArray *hardship = json_object_has_member (object, "hardship") ? json_object_get_array_member (object, "hardship") : NULL;
  g_autofree char *threshold = yuan (object, "threshold");
  g_autofree char *min = yuan (object, "min_amount");
  g_autofree char *max = yuan (object, "max_amount");
  g_autofree char *days = NULL;
  GString *who = g_string_new (NULL);

  add_row (rows, _("Smallest self-paid cost relieved"), threshold);
  add_row (rows, _("Smallest relief"), min);
  add_row (rows, _("Largest relief"), max);
  if (json_object_has_member (object, "window_days"))
    {
      /* TRANSLATORS: a number of days */
      days = g_strdup_printf (_("%d days"), (int) json_object_get_int_member (object, "window_days"));
      add_row (rows, _("Days between two reliefs"), days);
    }

  for (guint i = 0; relations != NULL && i < json_array_get_length (relations); i++)
    {
      if (who->len > 0)
        g_string_append (who, _(", "));
      g_string_append (who, relation_label (json_array_get_string_element (relations, i)));
    }
  add_row (rows, _("Who may be the patient"), who->str);
  g_string_free (who, TRUE);

  for (guint i = 0; tiers != NULL && i < json_array_get_length (tiers); i++)
    {
      JsonObject *tier = json_array_get_object_element (tiers, i);
      g_autofree char *from = yuan (tier, "from");
      g_autofree char *amount = yuan (tier, "amount");
      /* TRANSLATORS: a tier's number, then the self-paid cost it starts at */
      g_autofree char *title = g_strdup_printf (_("Tier %u: self-paid from %s"), i + 1, from);

      add_row (rows, title, amount);
    }

  for (guint i = 0; hardship != NULL && i < json_array_get_length (hardship); i++)
    {
      JsonObject *step = json_array_get_object_element (hardship, i);
      gint64 steps = json_object_has_member (step, "steps") ? json_object_get_int_member (step, "steps") : 0;
      gint64 times = json_object_has_member (step, "income_below_line_times") ? json_object_get_int_member (step, "income_below_line_times") : 0;
      gboolean archived = json_object_has_member (step, "archived") && json_object_get_boolean_member (step, "archived");
      g_autofree char *title = NULL;
      g_autofree char *value = NULL;

      /* TRANSLATORS: %d is a number of tiers */
      value = g_strdup_printf (ngettext ("up %d tier", "up %d tiers", (gulong) steps), (int) steps);
      /* TRANSLATORS: %d: how many times the low-income line the per-capita income is below */
      title = archived ? g_strdup_printf (_("Hardship: income below %d × the low-income line, or an archived household"), (int) times)
                       : g_strdup_printf (_("Hardship: income below %d × the low-income line"), (int) times);
      add_row (rows, title, value);
    }
}

/* The labels of the names in @array, joined: "Power socket, Fridge …". */
static char *
join_labels (JsonArray  *array,
             gboolean    requirements)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *name = json_array_get_string_element (array, i);
      const char *label = name;

      if (requirements)
        label = ud_room_requirement_get_label (name);
      else
        for (guint f = 0; f < UD_ROOM_N_FACILITIES; f++)
          if (g_strcmp0 (name, ud_room_facility_to_string ((UdRoomFacility) f)) == 0)
            label = ud_room_facility_get_label ((UdRoomFacility) f);
      if (text->len > 0)
        g_string_append (text, _(", "));
      g_string_append (text, label != NULL ? label : name);
    }
  if (text->len == 0)
    /* TRANSLATORS: no facility is required */
    g_string_append (text, _("none"));

  return g_string_free (text, FALSE);
}

static void
fill_room_standards (GtkStringList *rows,
                     JsonObject    *object)
{
  JsonObject *types = json_object_has_member (object, "types") ? json_object_get_object_member (object, "types") : NULL;
  JsonArray *encouraged = json_object_has_member (object, "encouraged") ? json_object_get_array_member (object, "encouraged") : NULL;
  g_autofree char *encouraged_text = NULL;
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT,
              json_object_has_member (object, "min_table_chair_sets") ? json_object_get_int_member (object, "min_table_chair_sets") : 0);
  add_row (rows, _("Sets of table and chair required"), number);
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT,
              json_object_has_member (object, "min_seats") ? json_object_get_int_member (object, "min_seats") : 0);
  add_row (rows, _("Seats required"), number);

  for (guint t = 0; types != NULL && t < UD_ROOM_N_TYPES; t++)
    {
      const char *code = ud_room_type_to_string ((UdRoomType) t);
      JsonObject *rule = json_object_has_member (types, code) ? json_object_get_object_member (types, code) : NULL;
      const char *type = ud_room_type_get_label ((UdRoomType) t);
      g_autofree char *area_title = NULL;
      g_autofree char *area = NULL;
      g_autofree char *required_title = NULL;
      g_autofree char *required = NULL;

      if (rule == NULL)
        continue;
      /* TRANSLATORS: a type of room */
      area_title = g_strdup_printf (_("%s: minimum area"), type);
      /* TRANSLATORS: an area in square metres */
      area = g_strdup_printf (_("%s m²"), json_object_get_string_member (rule, "min_area_m2"));
      add_row (rows, area_title, area);
      /* TRANSLATORS: a type of room */
      required_title = g_strdup_printf (_("%s: required"), type);
      required = join_labels (json_object_has_member (rule, "required") ? json_object_get_array_member (rule, "required") : NULL, TRUE);
      add_row (rows, required_title, required);
    }

  encouraged_text = join_labels (encouraged, FALSE);
  add_row (rows, _("Encouraged facilities"), encouraged_text);
}

static void
show_version (UdReferenceView          *self,
              const UdReferenceVersion *version)
{
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *title = NULL;
  JsonObject *object;

  if (version == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      g_set_object (&self->content_rows, rows);
      gtk_list_box_bind_model (self->content_list, G_LIST_MODEL (rows), create_content_row, self, NULL);
      return;
    }

  /* TRANSLATORS: a reference table's name, then the version's */
  title = g_strdup_printf (_("%s %s"), ud_reference_kind_get_label (version->kind), version->version);
  gtk_label_set_label (self->content_title, title);
  gtk_label_set_label (self->content_state, version_state (version));

  add_row (rows, _("Effective from"), version->effective);
  if (version->created_by != NULL && *version->created_by != '\0')
    add_row (rows, _("Added by"), version->created_by);

  node = json_from_string (version->data, NULL);
  object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (object != NULL)
    switch (version->kind)
      {
      case UD_REFERENCE_LOW_INCOME_LINE:
        {
          g_autofree char *monthly = yuan (object, "monthly");

          add_row (rows, _("Per person per month"), monthly);
        }
        break;

      case UD_REFERENCE_RELIEF_RULES:
        fill_rules (rows, object);
        break;

      case UD_REFERENCE_ROOM_STANDARDS:
        fill_room_standards (rows, object);
        break;

      case UD_REFERENCE_DISEASES:
      default:
        {
          JsonArray *diseases = json_object_has_member (object, "diseases") ? json_object_get_array_member (object, "diseases") : NULL;

          for (guint i = 0; diseases != NULL && i < json_array_get_length (diseases); i++)
            {
              JsonObject *disease = json_array_get_object_element (diseases, i);

              add_row (rows, json_object_get_string_member (disease, "name"), json_object_get_string_member (disease, "code"));
            }
        }
        break;
      }

  if (object != NULL && json_object_has_member (object, "note"))
    add_row (rows, _("Note"), json_object_get_string_member (object, "note"));

  g_set_object (&self->content_rows, rows);
  gtk_list_box_bind_model (self->content_list, G_LIST_MODEL (rows), create_content_row, self, NULL);
  gtk_stack_set_visible_child_name (self->content_stack, "content");
}

static void
on_version_selected (GtkListBox      *list,
                     GtkListBoxRow   *row,
                     UdReferenceView *self)
{
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  /* The list empties itself while the view is disposed. */
  if (self->content_stack == NULL)
    return;

  show_version (self, index >= 0 && (guint) index < self->versions->len ? g_ptr_array_index (self->versions, index) : NULL);
}

/* Loading -------------------------------------------------------------------- */

static gpointer
list_job (UdDatabase    *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  GPtrArray *versions = ud_reference_list (db, GPOINTER_TO_INT (data), error);

  /* The view only shows who added a version: by the person's name. */
  for (guint i = 0; versions != NULL && i < versions->len; i++)
    {
      UdReferenceVersion *version = g_ptr_array_index (versions, i);

      if (version->created_by != NULL && *version->created_by != '\0')
        {
          char *name = ud_account_display_name (db, version->created_by);

          g_free (version->created_by);
          version->created_by = name;
        }
    }

  return versions;
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(UdReferenceView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = ud_db_worker_run_finish (result, &error);
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  GtkListBoxRow *last;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading--;
  if (versions == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  /* An answer for a table no longer shown. */
  if (versions->len > 0 && ((UdReferenceVersion *) g_ptr_array_index (versions, 0))->kind != self->kind)
    return;

  g_clear_pointer (&self->versions, g_ptr_array_unref);
  self->versions = g_steal_pointer (&versions);
  for (guint i = 0; i < self->versions->len; i++)
    {
      char number[16];

      g_snprintf (number, sizeof number, "%u", i);
      gtk_string_list_append (rows, number);
    }
  g_set_object (&self->version_rows, rows);
  gtk_list_box_bind_model (self->versions_list, G_LIST_MODEL (rows), create_version_row, self, NULL);

  /* The latest version: the one in force now, or about to be. */
  last = gtk_list_box_get_row_at_index (self->versions_list, (int) self->versions->len - 1);
  gtk_list_box_select_row (self->versions_list, last);
  if (last == NULL)
    show_version (self, NULL);
}

/* How the table's versions are used: the relief tables by decisions, the
 * room standards by the rooms plaqued. */
static void
show_description (UdReferenceView *self)
{
  if (self->kind == UD_REFERENCE_ROOM_STANDARDS)
    gtk_label_set_label (self->kind_description,
                         _("A room is judged by the version in force on the day it was plaqued; a version that judged a plaqued room is frozen, and a change is a new version with a later effective date."));
  else
    gtk_label_set_label (self->kind_description,
                         _("Each decision records the versions it used; a used version is frozen, and a change is a new version with a later effective date."));
}

static void
on_kind_selected (UdReferenceView *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (selected < UD_N_REFERENCE_KINDS)
    ud_reference_view_set_kind (self, (UdReferenceKind) selected);
}

static void
on_editor_saved (UdReferenceEditor *editor,
                 const char        *version,
                 UdReferenceView   *self)
{
  g_autofree char *message = NULL;

  /* TRANSLATORS: a reference table's name, then the new version's */
  message = g_strdup_printf (_("%s %s added"), ud_reference_kind_get_label (self->kind), version);
  ud_widget_show_message (GTK_WIDGET (self), message);
  ud_reference_view_reload (self);
}

static void
new_version_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ud_reference_view_new_version (UD_REFERENCE_VIEW (widget));
}

/* GObject ------------------------------------------------------------------ */

static void
ud_reference_view_dispose (GObject *object)
{
  UdReferenceView *self = UD_REFERENCE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_REFERENCE_VIEW);
  g_clear_object (&self->worker);
  g_clear_object (&self->version_rows);
  g_clear_object (&self->content_rows);

  G_OBJECT_CLASS (ud_reference_view_parent_class)->dispose (object);
}

static void
ud_reference_view_finalize (GObject *object)
{
  UdReferenceView *self = UD_REFERENCE_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->versions, g_ptr_array_unref);

  G_OBJECT_CLASS (ud_reference_view_parent_class)->finalize (object);
}

static void
ud_reference_view_class_init (UdReferenceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_reference_view_dispose;
  object_class->finalize = ud_reference_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/admin/ud-reference-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UdReferenceView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UdReferenceView, kind_description);
  gtk_widget_class_bind_template_child (widget_class, UdReferenceView, new_button);
  gtk_widget_class_bind_template_child (widget_class, UdReferenceView, versions_list);
  gtk_widget_class_bind_template_child (widget_class, UdReferenceView, content_list);
  gtk_widget_class_bind_template_child (widget_class, UdReferenceView, content_title);
  gtk_widget_class_bind_template_child (widget_class, UdReferenceView, content_state);
  gtk_widget_class_bind_template_child (widget_class, UdReferenceView, content_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_version_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);

  gtk_widget_class_install_action (widget_class, "reference.new-version", NULL, new_version_action);
}

static void
ud_reference_view_init (UdReferenceView *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_reference_version_free);
  self->kind = UD_REFERENCE_DISEASES;

  for (guint i = 0; i < UD_N_REFERENCE_KINDS; i++)
    gtk_string_list_append (kinds, ud_reference_kind_get_label ((UdReferenceKind) i));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
}

/* Public ------------------------------------------------------------------- */

GtkWidget *
ud_reference_view_new (UdDbWorker *worker)
{
  UdReferenceView *self;
  gboolean may_edit;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_REFERENCE_VIEW, NULL);
  self->worker = g_object_ref (worker);

  /* Viewing is for everyone who sees applications; new versions are the
   * administrator's. */
  may_edit = ud_db_worker_may (worker, UD_PERMISSION_EDIT_REFERENCE_DATA);
  gtk_widget_set_visible (GTK_WIDGET (self->new_button), may_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reference.new-version", may_edit);

  ud_reference_view_reload (self);

  return GTK_WIDGET (self);
}

void
ud_reference_view_set_kind (UdReferenceView *self,
                            UdReferenceKind  kind)
{
  g_return_if_fail (UD_IS_REFERENCE_VIEW (self));
  g_return_if_fail (kind < UD_N_REFERENCE_KINDS);

  if (gtk_drop_down_get_selected (self->kind_dropdown) != (guint) kind)
    gtk_drop_down_set_selected (self->kind_dropdown, kind);   /* comes back here */
  if (self->kind == kind && self->version_rows != NULL)
    return;

  self->kind = kind;
  show_description (self);
  ud_reference_view_reload (self);
}

void
ud_reference_view_reload (UdReferenceView *self)
{
  g_return_if_fail (UD_IS_REFERENCE_VIEW (self));

  if (self->worker == NULL)
    return;

  self->loading++;
  ud_db_worker_run_async (self->worker, list_job, GINT_TO_POINTER (self->kind), NULL,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable, on_listed, g_object_ref (self));
}

gboolean
ud_reference_view_get_busy (UdReferenceView *self)
{
  g_return_val_if_fail (UD_IS_REFERENCE_VIEW (self), FALSE);

  return self->loading > 0;
}

GListModel *
ud_reference_view_get_versions (UdReferenceView *self)
{
  g_return_val_if_fail (UD_IS_REFERENCE_VIEW (self), NULL);

  return G_LIST_MODEL (self->version_rows);
}

GListModel *
ud_reference_view_get_content (UdReferenceView *self)
{
  g_return_val_if_fail (UD_IS_REFERENCE_VIEW (self), NULL);

  return G_LIST_MODEL (self->content_rows);
}

GtkWindow *
ud_reference_view_new_version (UdReferenceView *self)
{
  UdReferenceEditor *editor;
  const UdReferenceVersion *latest;
  GtkRoot *root;

  g_return_val_if_fail (UD_IS_REFERENCE_VIEW (self), NULL);

  if (self->versions->len == 0 || !ud_db_worker_may (self->worker, UD_PERMISSION_EDIT_REFERENCE_DATA))
    return NULL;

  latest = g_ptr_array_index (self->versions, self->versions->len - 1);
  editor = ud_reference_editor_new (self->worker, self->kind, latest->data);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));

  return GTK_WINDOW (editor);
}
