/* ud-sync-view.c — the Sync section: open conflicts, refused records, recent syncs
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-sync-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-sync-view.h"
#include "ud-account.h"
#include "ud-section.h"
#include "ud-sync-indicator.h"
#include "ud-ui-util.h"

#define LOG_SHOWN 30
#define REFUSALS_SHOWN 50

struct _UdSyncView
{
  GtkWidget         parent_instance;

  GtkWidget        *scrolled;
  AdwActionRow     *state_row;
  GtkWidget        *state_spinner;
  GtkWidget        *sync_button;
  GtkListBox       *conflict_list;
  GtkListBox       *refusal_list;
  GtkWidget        *compare_group;
  GtkWidget        *compare_box;
  GtkListBox       *log_list;

  UdSyncController *controller;
  GPtrArray        *conflicts;      /* UdSyncConflict, open ones */
  GHashTable       *names;          /* user name → the person's name, of the versions' accounts */
  GHashTable       *from_loser;     /* the fields taken from the version set aside */
  GtkWidget        *compare_error;  /* why the chosen version could not be kept */
  GCancellable     *cancellable;
  gboolean          may_resolve;
};

static void ud_sync_view_section_init (UdSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (UdSyncView, ud_sync_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (UD_TYPE_SECTION, ud_sync_view_section_init))

/* ---- the state ------------------------------------------------------------ */

static void
update_state (UdSyncView *self)
{
  UdSyncController *c = self->controller;
  const char *error = ud_sync_controller_get_error_message (c);
  gboolean busy = ud_sync_controller_get_busy (c);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  gint64 pending = ud_sync_controller_get_pending (c);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row),
                                 !busy && error != NULL ? ud_sync_controller_get_error_title (c)
                                                        : ud_sync_controller_get_status_text (c));
  if (!busy && error != NULL)
    g_string_append_printf (subtitle, "%s\n", error);
  g_string_append_printf (subtitle,
                          ngettext ("%u change waiting to be sent",
                                    "%u changes waiting to be sent", (gulong) pending),
                          (guint) pending);
  adw_action_row_set_subtitle (self->state_row, subtitle->str);
  gtk_widget_set_visible (self->state_spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->state_spinner), busy);
  gtk_widget_set_sensitive (self->sync_button, !busy && ud_sync_controller_get_configured (c));
}

/* ---- comparing two versions ----------------------------------------------- */

/* A person as the office knows them: their name, else the user name. */
static const char *
person_name (UdSyncView *self,
             const char *username)
{
  const char *name = self->names != NULL ? g_hash_table_lookup (self->names, username) : NULL;

  return name != NULL ? name : username;
}

/* What a person recognises the record by: its kind's title fields, as
 * they read on screen (choices as their labels). */
static char *
record_title (const UdRecord *record)
{
  GString *title = g_string_new (NULL);

  for (guint i = 0; record != NULL && record->kind->title_fields != NULL && record->kind->title_fields[i] != NULL; i++)
    {
      int index = ud_kind_field_index (record->kind, record->kind->title_fields[i]);
      g_autofree char *shown = NULL;

      if (index < 0 || *record->values[index] == '\0')
        continue;
      shown = ud_field_display (&record->kind->fields[index], record->values[index], TRUE);
      if (title->len > 0)
        g_string_append_c (title, ' ');
      g_string_append (title, shown);
    }

  return g_string_free (title, FALSE);
}

static GtkWidget *
cell (const char *text,
      gboolean    differs,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "ud-sync-cell");
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (differs)
    gtk_widget_add_css_class (label, "ud-sync-differs");
  return label;
}

static char *
shown_value (UdSyncView     *self,
             const UdField  *field,
             const UdRecord *record,
             guint           index)
{
  if (record == NULL)
    return g_strdup ("—");
  if (*record->values[index] == '\0')
    return g_strdup ("");
  if (field->flags & UD_FIELD_ACCOUNT)
    return g_strdup (person_name (self, record->values[index]));
  return ud_field_display (field, record->values[index], FALSE);
}

static void resolve (UdSyncView *self, gint64 id, UdSyncChoice choice, GHashTable *from_loser);

static void
on_keep_clicked (GtkButton  *button,
                 UdSyncView *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "conflict-id"));
  UdSyncChoice choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "choice"));

  resolve (self, id, choice, NULL);
}

static void
on_merge_clicked (GtkButton  *button,
                  UdSyncView *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "conflict-id"));

  resolve (self, id, UD_SYNC_KEEP_WINNER, self->from_loser);
}

static void
on_value_toggled (GtkToggleButton *button,
                  UdSyncView      *self)
{
  const UdField *field = g_object_get_data (G_OBJECT (button), "field");

  if (gtk_toggle_button_get_active (button))
    g_hash_table_add (self->from_loser, (gpointer) field->name);
  else
    g_hash_table_remove (self->from_loser, field->name);
}

/* A value of a field the versions differ in, which the person presses to
 * take it; the two of a field are a group, the record's value first. */
static GtkWidget *
choice_cell (const char    *text,
             const UdField *field,
             GtkWidget     *group)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *label = gtk_label_new (*text != '\0' ? text : _("(empty)"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_add_css_class (button, "ud-sync-choice");
  g_object_set_data (G_OBJECT (button), "field", (gpointer) field);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);

  return button;
}

static GtkWidget *
version_heading (UdSyncView           *self,
                 const UdSyncConflict *conflict,
                 UdSyncChoice          choice,
                 gboolean              suggest)
{
  gboolean winner = choice == UD_SYNC_KEEP_WINNER;
  const UdRecord *record = winner ? conflict->winner : conflict->loser;
  gboolean here = winner ? conflict->winner_here : conflict->loser_here;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autoptr(GString) text = g_string_new (here ? _("Made in this office") : _("Made in another office"));
  GtkWidget *label;

  if (record != NULL && record->updated_at != NULL)
    {
      g_autofree char *when = ud_sync_format_time (record->updated_at);

      g_string_append_printf (text, " · %s", when);
    }
  /* Who made it, when it was made here by an account of this office
   * (another office's accounts are not known here, nor is a sync a
   * person). */
  if (here && record != NULL && record->updated_by != NULL &&
      g_strcmp0 (person_name (self, record->updated_by), record->updated_by) != 0)
    {
      g_string_append (text, " · ");
      /* Translators: who made a version, by name */
      g_string_append_printf (text, _("by %s"), person_name (self, record->updated_by));
    }

  label = cell (winner ? _("In the record now") : _("Set aside"), FALSE, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  label = cell (text->str, FALSE, FALSE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);

  if (self->may_resolve)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Keep This Version"));

      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_set_sensitive (button, record != NULL);
      if (!winner && suggest)
        gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data (G_OBJECT (button), "conflict-id", GSIZE_TO_POINTER ((gsize) conflict->id));
      g_object_set_data (G_OBJECT (button), "choice", GINT_TO_POINTER (choice));
      g_signal_connect (button, "clicked", G_CALLBACK (on_keep_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
    }

  return box;
}

static void
show_comparison (UdSyncView           *self,
                 const UdSyncConflict *conflict)
{
  GtkWidget *child;
  GtkWidget *grid;
  const UdKind *kind = conflict->kind;
  g_autoptr(GPtrArray) differences = ud_sync_conflict_differences (conflict);
  gboolean choosing = self->may_resolve && differences->len > 0;
  int row = 1;

  g_hash_table_remove_all (self->from_loser);

  self->compare_error = NULL;
  while ((child = gtk_widget_get_first_child (self->compare_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->compare_box), child);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->compare_group), _(kind->label));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->compare_group),
                                         conflict->reason == UD_SYNC_CONFLICT_EDITED
                                         ? _("The record was changed in two places before either change reached the other. Keep one version, or take each highlighted field from either one: the result becomes a new change that goes to the city server at the next sync.")
                                         : _("A version from another office could not be stored here, most often because another record already has the same ID number or name. Keep one of the versions, or correct the records afterwards."));

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), FALSE);
  gtk_widget_add_css_class (grid, "ud-sync-compare");

  gtk_grid_attach (GTK_GRID (grid), cell (_("Field"), FALSE, TRUE), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), version_heading (self, conflict, UD_SYNC_KEEP_WINNER, !choosing), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), version_heading (self, conflict, UD_SYNC_KEEP_LOSER, !choosing), 2, 0, 1, 1);

  /* Deleted in one version: said first. */
  {
    gboolean wd = conflict->winner != NULL && conflict->winner->deleted;
    gboolean ld = conflict->loser != NULL && conflict->loser->deleted;

    if (wd || ld)
      {
        gtk_grid_attach (GTK_GRID (grid), cell (_("Deleted"), wd != ld, FALSE), 0, row, 1, 1);
        gtk_grid_attach (GTK_GRID (grid), cell (wd ? _("Yes") : _("No"), wd != ld, FALSE), 1, row, 1, 1);
        gtk_grid_attach (GTK_GRID (grid), cell (ld ? _("Yes") : _("No"), wd != ld, FALSE), 2, row, 1, 1);
        row++;
      }
  }

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const UdField *field = &kind->fields[i];
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      gboolean differs;

      if ((field->flags & UD_FIELD_SYNCED) == 0)
        continue;

      a = shown_value (self, field, conflict->winner, i);
      b = shown_value (self, field, conflict->loser, i);
      if (*a == '\0' && *b == '\0')
        continue;
      differs = conflict->winner == NULL || conflict->loser == NULL ||
                g_ptr_array_find (differences, field, NULL);

      gtk_grid_attach (GTK_GRID (grid), cell (_(field->label), differs, FALSE), 0, row, 1, 1);
      if (choosing && g_ptr_array_find (differences, field, NULL))
        {
          GtkWidget *here = choice_cell (a, field, NULL);
          GtkWidget *aside = choice_cell (b, field, here);

          g_signal_connect (aside, "toggled", G_CALLBACK (on_value_toggled), self);
          gtk_grid_attach (GTK_GRID (grid), here, 1, row, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), aside, 2, row, 1, 1);
        }
      else
        {
          gtk_grid_attach (GTK_GRID (grid), cell (a, differs, FALSE), 1, row, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), cell (b, differs, FALSE), 2, row, 1, 1);
        }
      row++;
    }

  gtk_box_append (GTK_BOX (self->compare_box), grid);
  if (choosing)
    {
      GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *hint = gtk_label_new (_("Or press the value to take in each highlighted field, then keep the combination."));
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Keep the _Chosen Values"));

      gtk_label_set_xalign (GTK_LABEL (hint), 0);
      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_widget_set_hexpand (hint, TRUE);
      gtk_widget_add_css_class (hint, "dim-label");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data (G_OBJECT (button), "conflict-id", GSIZE_TO_POINTER ((gsize) conflict->id));
      g_signal_connect (button, "clicked", G_CALLBACK (on_merge_clicked), self);
      gtk_box_append (GTK_BOX (bar), hint);
      gtk_box_append (GTK_BOX (bar), button);
      gtk_box_append (GTK_BOX (self->compare_box), bar);
    }
  self->compare_error = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->compare_error), 0);
  gtk_label_set_wrap (GTK_LABEL (self->compare_error), TRUE);
  gtk_widget_add_css_class (self->compare_error, "error");
  gtk_widget_set_visible (self->compare_error, FALSE);
  gtk_box_append (GTK_BOX (self->compare_box), self->compare_error);
  if (!self->may_resolve)
    {
      GtkWidget *note = gtk_label_new (_("Only an account that may edit members can choose a version."));

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (self->compare_box), note);
    }
  gtk_widget_set_visible (self->compare_group, TRUE);
}

static void
on_conflict_selected (GtkListBox    *list,
                      GtkListBoxRow *row,
                      UdSyncView    *self)
{
  int index;

  if (row == NULL || self->conflicts == NULL)
    {
      gtk_widget_set_visible (self->compare_group, FALSE);
      return;
    }

  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= self->conflicts->len)
    {
      gtk_widget_set_visible (self->compare_group, FALSE);
      return;
    }

  show_comparison (self, g_ptr_array_index (self->conflicts, index));
}

/* ---- reading -------------------------------------------------------------- */

typedef struct
{
  GPtrArray  *conflicts;
  GPtrArray  *refusals;  /* UdSyncRefusal, newest first */
  GPtrArray  *log;
  GHashTable *names;   /* user name → display name */
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->conflicts, g_ptr_array_unref);
  g_clear_pointer (&loaded->refusals, g_ptr_array_unref);
  g_clear_pointer (&loaded->log, g_ptr_array_unref);
  g_clear_pointer (&loaded->names, g_hash_table_unref);
  g_free (loaded);
}

/* The names of the people a version names: who made it, and the
 * accounts its fields hold (who created, reviewed, decided). */
static void
add_names (UdDatabase     *db,
           GHashTable     *names,
           const UdRecord *record)
{
  const char *usernames[64];
  guint n = 0;

  if (record == NULL)
    return;
  if (record->updated_by != NULL && *record->updated_by != '\0')
    usernames[n++] = record->updated_by;
  for (guint i = 0; i < record->kind->n_fields && n < G_N_ELEMENTS (usernames); i++)
    if ((record->kind->fields[i].flags & UD_FIELD_ACCOUNT) && *record->values[i] != '\0')
      usernames[n++] = record->values[i];

  for (guint i = 0; i < n; i++)
    if (!g_hash_table_contains (names, usernames[i]))
      g_hash_table_insert (names, g_strdup (usernames[i]), ud_account_display_name (db, usernames[i]));
}

static gpointer
load_job (UdDatabase    *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Loaded *loaded = g_new0 (Loaded, 1);

  loaded->conflicts = ud_sync_conflicts_list (db, FALSE, error);
  if (loaded->conflicts == NULL)
    {
      loaded_free (loaded);
      return NULL;
    }
  loaded->refusals = ud_sync_refusals_list (db, NULL, REFUSALS_SHOWN, error);
  if (loaded->refusals == NULL)
    {
      loaded_free (loaded);
      return NULL;
    }
  loaded->log = ud_sync_log_list (db, LOG_SHOWN, error);
  if (loaded->log == NULL)
    {
      loaded_free (loaded);
      return NULL;
    }
  loaded->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < loaded->conflicts->len; i++)
    {
      UdSyncConflict *conflict = g_ptr_array_index (loaded->conflicts, i);

      add_names (db, loaded->names, conflict->winner);
      add_names (db, loaded->names, conflict->loser);
    }

  return loaded;
}

/* gtk_list_box_remove_all() is GTK 4.12. */
static void
list_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
empty_list_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static void
fill_conflicts (UdSyncView *self)
{
  list_clear (self->conflict_list);
  gtk_widget_set_visible (self->compare_group, FALSE);

  if (self->conflicts->len == 0)
    {
      gtk_list_box_set_selection_mode (self->conflict_list, GTK_SELECTION_NONE);
      gtk_list_box_append (self->conflict_list, empty_list_row (_("No conflicts: every record has one version.")));
      return;
    }

  gtk_list_box_set_selection_mode (self->conflict_list, GTK_SELECTION_SINGLE);
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      UdSyncConflict *conflict = g_ptr_array_index (self->conflicts, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *when = ud_sync_format_time (conflict->detected_at);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *record = record_title (conflict->winner != NULL ? conflict->winner : conflict->loser);

      /* TRANSLATORS: kind of record, then the record, e.g. "Member: 朱明敏" */
      title = *record != '\0' ? g_strdup_printf (_("%s: %s"), _(conflict->kind->label), record)
                              : g_strdup (_(conflict->kind->label));
      subtitle = g_strdup_printf ("%s · %s", when,
                                  conflict->reason == UD_SYNC_CONFLICT_EDITED
                                  ? _("changed in two places")
                                  : _("could not be stored here"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->conflict_list, row);
    }
}

/* What arrived and broke a rule, and what the city server refused of
 * this office's changes: each by what the record is, when, where it was
 * refused and why. */
static void
fill_refusals (UdSyncView *self,
               GPtrArray  *refusals)
{
  list_clear (self->refusal_list);

  if (refusals->len == 0)
    {
      gtk_list_box_append (self->refusal_list, empty_list_row (_("No refused records.")));
      return;
    }

  for (guint i = 0; i < refusals->len; i++)
    {
      UdSyncRefusal *refusal = g_ptr_array_index (refusals, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *when = ud_sync_format_time (refusal->refused_at);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      const char *kind = refusal->kind != NULL ? _(refusal->kind->label) : _("A record of a kind this version does not know");

      /* TRANSLATORS: kind of record, then the record, e.g. "Member: 朱明敏" */
      title = refusal->title != NULL && *refusal->title != '\0' ? g_strdup_printf (_("%s: %s"), kind, refusal->title)
                                                                 : g_strdup (kind);
      /* TRANSLATORS: when, where the record was refused, then why */
      subtitle = g_strdup_printf (_("%s · %s\nReason: %s"), when,
                                  refusal->by_server
                                  ? _("sent by this office, refused by the city server")
                                  : _("received from another office, refused here"),
                                  refusal->reason);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("action-unavailable-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_tooltip_text (row, refusal->reason);
      gtk_list_box_append (self->refusal_list, row);
    }
}

static void
fill_log (UdSyncView *self,
          GPtrArray  *log)
{
  list_clear (self->log_list);

  if (log->len == 0)
    {
      gtk_list_box_append (self->log_list, empty_list_row (_("This office has not synced yet.")));
      return;
    }

  for (guint i = 0; i < log->len; i++)
    {
      UdSyncLogEntry *entry = g_ptr_array_index (log, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *result;
      g_autofree char *when = ud_sync_format_time (entry->started_at);
      g_autofree char *sent = g_strdup_printf (ngettext ("%u sent", "%u sent", entry->pushed), entry->pushed);
      g_autofree char *received = g_strdup_printf (ngettext ("%u received", "%u received", entry->pulled), entry->pulled);
      g_autofree char *conflicts = g_strdup_printf (ngettext ("%u conflict", "%u conflicts", entry->conflicts), entry->conflicts);
      g_autofree char *counts = NULL;
      g_autofree char *subtitle = NULL;

      /* A sync that refused records says how many; the Refused Records
       * list above names them. */
      if (entry->refused > 0)
        {
          g_autofree char *refused = g_strdup_printf (ngettext ("%u refused", "%u refused", entry->refused), entry->refused);

          counts = g_strdup_printf ("%s · %s · %s · %s", sent, received, conflicts, refused);
        }
      else
        counts = g_strdup_printf ("%s · %s · %s", sent, received, conflicts);
      subtitle = g_strdup (counts);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

      if (entry->error == NULL)
        {
          result = gtk_label_new (_("Succeeded"));
          gtk_widget_add_css_class (result, "success");
        }
      else
        {
          result = gtk_label_new (_("Failed"));
          gtk_widget_add_css_class (result, "error");
          gtk_widget_set_tooltip_text (row, entry->error);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-error-symbolic"));
          /* The reason in full, below the counts. */
          g_free (subtitle);
          subtitle = g_strdup_printf ("%s\n%s", counts, entry->error);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      gtk_widget_set_valign (result, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), result);
      gtk_list_box_append (self->log_list, row);
    }
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Loaded *loaded = ud_db_worker_run_finish (result, &error);
  UdSyncView *self;

  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the sync log: %s", error->message);
      return;
    }

  self = UD_SYNC_VIEW (user_data);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  self->conflicts = g_steal_pointer (&loaded->conflicts);
  g_clear_pointer (&self->names, g_hash_table_unref);
  self->names = g_steal_pointer (&loaded->names);
  fill_conflicts (self);
  fill_refusals (self, loaded->refusals);
  fill_log (self, loaded->log);
  loaded_free (loaded);
}

void
ud_sync_view_reload (UdSyncView *self)
{
  g_return_if_fail (UD_IS_SYNC_VIEW (self));

  ud_db_worker_run_async (ud_sync_controller_get_worker (self->controller), load_job, NULL, NULL,
                          (GDestroyNotify) loaded_free, self->cancellable, load_done, self);
}

/* ---- resolving ------------------------------------------------------------ */

typedef struct
{
  gint64       id;
  UdSyncChoice choice;
  GStrv        from_loser;  /* combined field by field: the fields of the version set aside */
  const char  *kind;        /* the record's */
} Resolve;

static void
resolve_free (Resolve *r)
{
  g_strfreev (r->from_loser);
  g_free (r);
}

static gpointer
resolve_job (UdDatabase    *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Resolve *r = data;
  Resolve *answer;

  if (r->from_loser != NULL
      ? !ud_sync_conflict_merge (db, r->id, (const char * const *) r->from_loser, error)
      : !ud_sync_conflict_resolve (db, r->id, r->choice, error))
    return NULL;

  answer = g_new0 (Resolve, 1);
  answer->id = r->id;
  answer->kind = r->kind;
  answer->from_loser = g_strdupv (r->from_loser);
  return answer;
}

static void
resolve_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Resolve *r = NULL;
  UdSyncView *self;

  r = ud_db_worker_run_finish (result, &error);
  if (r == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_SYNC_VIEW (user_data);
  gtk_widget_set_sensitive (self->compare_box, TRUE);
  if (error != NULL)
    {
      /* The versions stay as they were, and the reason (naming the field
       * at fault) beside them. */
      if (self->compare_error != NULL)
        {
          gtk_label_set_label (GTK_LABEL (self->compare_error), error->message);
          gtk_widget_set_visible (self->compare_error, TRUE);
        }
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  else
    {
      ud_widget_show_message (GTK_WIDGET (self),
                              r->from_loser != NULL
                              ? _("Chosen values kept; they go to the city server at the next sync")
                              : _("Version kept; it goes to the city server at the next sync"));
      /* The kept version is in the record now: the lists show it. */
      ud_db_worker_notify_records_changed (ud_sync_controller_get_worker (self->controller), r->kind);
    }

  resolve_free (r);
  ud_sync_view_reload (self);
  ud_sync_controller_refresh (self->controller);
}

/* Keeps one version (@from_loser NULL), or the record's version with the
 * fields in @from_loser taken from the one set aside. */
static void
resolve (UdSyncView   *self,
         gint64        id,
         UdSyncChoice  choice,
         GHashTable   *from_loser)
{
  Resolve *r = g_new0 (Resolve, 1);

  r->id = id;
  r->choice = choice;
  if (from_loser != NULL)
    {
      g_autofree gpointer *fields = g_hash_table_get_keys_as_array (from_loser, NULL);

      r->from_loser = g_strdupv ((char **) fields);
    }
  for (guint i = 0; self->conflicts != NULL && i < self->conflicts->len; i++)
    {
      UdSyncConflict *conflict = g_ptr_array_index (self->conflicts, i);

      if (conflict->id == id)
        r->kind = conflict->kind->name;
    }
  gtk_widget_set_sensitive (self->compare_box, FALSE);
  if (self->compare_error != NULL)
    gtk_widget_set_visible (self->compare_error, FALSE);
  ud_db_worker_run_async (ud_sync_controller_get_worker (self->controller), resolve_job, r,
                          (GDestroyNotify) resolve_free, (GDestroyNotify) resolve_free,
                          self->cancellable, resolve_done, self);
}

/* ---- the section ---------------------------------------------------------- */

static gboolean
start_idle (gpointer data)
{
  ud_sync_controller_start (UD_SYNC_CONTROLLER (data));
  return G_SOURCE_REMOVE;
}

/* The window gets sync.now with Ctrl+R and F5 and the state in its header
 * bar; the first sync starts once the window is up. */
static void
ud_sync_view_attach (UdSection    *section,
                     GtkWindow    *window,
                     AdwHeaderBar *header_bar)
{
  UdSyncView *self = UD_SYNC_VIEW (section);
  GtkWidget *indicator;

  ud_sync_controller_attach (self->controller, GTK_WIDGET (window));

  indicator = ud_sync_indicator_new ();
  ud_sync_indicator_set_controller (UD_SYNC_INDICATOR (indicator), self->controller);
  adw_header_bar_pack_end (header_bar, indicator);

  g_idle_add_full (G_PRIORITY_LOW, start_idle, g_object_ref (self->controller), g_object_unref);
}

static void
ud_sync_view_section_init (UdSectionInterface *iface)
{
  iface->attach = ud_sync_view_attach;
}

/* ---- widget --------------------------------------------------------------- */

static void
on_synced (UdSyncController *controller,
           guint             applied,
           UdSyncView       *self)
{
  ud_sync_view_reload (self);
}

static void
ud_sync_view_dispose (GObject *object)
{
  UdSyncView *self = UD_SYNC_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->controller != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->controller, self);
      /* The window is going: no sync keeps running for it. */
      ud_sync_controller_stop (self->controller);
    }
  g_clear_object (&self->controller);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (ud_sync_view_parent_class)->dispose (object);
}

static void
ud_sync_view_finalize (GObject *object)
{
  UdSyncView *self = UD_SYNC_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->from_loser, g_hash_table_unref);

  G_OBJECT_CLASS (ud_sync_view_parent_class)->finalize (object);
}

static void
ud_sync_view_class_init (UdSyncViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_sync_view_dispose;
  object_class->finalize = ud_sync_view_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ensure_css (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (done)
    return;
  done = TRUE;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
                                   ".ud-sync-compare label.ud-sync-cell { padding: 4px 6px; }"
                                   ".ud-sync-compare button.ud-sync-choice:checked {"
                                   "  background-color: alpha(@accent_bg_color, 0.22);"
                                   "  box-shadow: inset 0 0 0 2px @accent_color; }"
                                   ".ud-sync-compare label.ud-sync-differs {"
                                   "  background-color: alpha(@warning_color, 0.18); border-radius: 4px; }",
                                   -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static GtkWidget *
boxed_list (GtkListBox **out)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  *out = GTK_LIST_BOX (list);
  return list;
}

static void
ud_sync_view_init (UdSyncView *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *group;
  GtkWidget *state_list;

  ensure_css ();
  self->cancellable = g_cancellable_new ();
  self->from_loser = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* The state and Sync Now */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("City Server"));
  self->state_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->state_row), FALSE);
  self->state_spinner = gtk_spinner_new ();
  adw_action_row_add_prefix (self->state_row, self->state_spinner);
  self->sync_button = gtk_button_new_with_mnemonic (_("_Sync Now"));
  gtk_widget_set_valign (self->sync_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sync_button), "sync.now");
  adw_action_row_add_suffix (self->state_row, self->sync_button);
  state_list = boxed_list (&(GtkListBox *) { NULL });
  gtk_list_box_append (GTK_LIST_BOX (state_list), GTK_WIDGET (self->state_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), state_list);
  gtk_box_append (GTK_BOX (box), group);

  /* The open conflicts */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Conflicts"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Records changed here and in another office at the same time. Select one to compare the versions."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), boxed_list (&self->conflict_list));
  g_signal_connect (self->conflict_list, "row-selected", G_CALLBACK (on_conflict_selected), self);
  gtk_box_append (GTK_BOX (box), group);

  /* The comparison of the selected one */
  self->compare_group = adw_preferences_group_new ();
  self->compare_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (self->compare_box, "card");
  gtk_widget_set_margin_top (self->compare_box, 0);
  {
    GtkWidget *inner = self->compare_box;

    gtk_widget_set_margin_start (inner, 0);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->compare_group), self->compare_box);
  gtk_widget_set_visible (self->compare_group, FALSE);
  gtk_box_append (GTK_BOX (box), self->compare_group);

  /* The records refused, here or by the city server */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Refused Records"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Records that break a rule of their kind or of its workflow. What the city server refused was not passed on to the other offices: the record stays here as it is, to be put right. What this office refused was not stored."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), boxed_list (&self->refusal_list));
  gtk_box_append (GTK_BOX (box), group);

  /* Recent syncs */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Recent Syncs"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), boxed_list (&self->log_list));
  gtk_box_append (GTK_BOX (box), group);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 960);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

GtkWidget *
ud_sync_view_new (UdDbWorker *worker)
{
  UdSyncView *self;
  UdSyncController *controller;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_SYNC_VIEW, NULL);
  self->controller = controller = ud_sync_controller_new (worker);
  self->may_resolve = ud_db_worker_may (worker, UD_PERMISSION_EDIT_MEMBERS);
  g_signal_connect_swapped (controller, "state-changed", G_CALLBACK (update_state), self);
  g_signal_connect (controller, "synced", G_CALLBACK (on_synced), self);
  update_state (self);
  ud_sync_view_reload (self);

  return GTK_WIDGET (self);
}

UdSyncController *
ud_sync_view_get_controller (UdSyncView *self)
{
  g_return_val_if_fail (UD_IS_SYNC_VIEW (self), NULL);

  return self->controller;
}
