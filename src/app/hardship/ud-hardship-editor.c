/* ud-hardship-editor.c — one hardship archive (困难职工档案)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-hardship-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-hardship-editor.h"
#include "ud-child-dialog.h"
#include "ud-hardship-kind.h"
#include "ud-hardship-print.h"
#include "ud-hardship-store.h"
#include "ud-history-window.h"
#include "ud-member-chooser.h"
#include "ud-member-kind.h"
#include "ud-money.h"
#include "ud-print-preview.h"
#include "ud-record-store.h"
#include "ud-step-bar.h"
#include "ud-trail-view.h"
#include "ud-ui-util.h"
#include "ud-uuid.h"
#include "ud-validate.h"
#include "ud-workflow.h"

/* The form (ud-hardship-form.ui) is bound to the archive's kind by a
 * UdFormBinder: each field checked as it is typed, the whole record a
 * moment later on the worker.  What is particular is here:
 *
 *  - the member is chosen from the roll first;
 *  - the household is a child table kept in memory and saved with the
 *    archive in one transaction (ud_hardship_archive_save()), so the
 *    editor saves in a job of its own rather than through the binder;
 *  - the category: the rules in force are read once on the worker, then
 *    ud_hardship_archive_quote() — the rule the store applies when it
 *    saves, integer arithmetic touching no database — runs on the main
 *    thread at every change and shows the category with its reasons;
 *  - the workflow: the shared step bar and trail (UdStepBar, UdTrailView)
 *    from the kind's steps; a step waits while the draft has changes. */

#define ARCHIVE (&ud_kind_hardship_archive)
#define PERSON  (&ud_kind_hardship_household_member)
#define VISIT   (&ud_kind_hardship_visit)

struct _UdHardshipEditor
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkWidget       *save_button;
  GtkWidget       *print_button;
  GtkWidget       *history_button;
  UdMemberChooser *member_chooser;
  AdwBin          *form_bin;

  /* From the form's file */
  GtkBuilder      *builder;
  GtkWidget       *form;
  AdwActionRow    *member_row;
  GtkListBox      *household_list;
  GtkWidget       *add_person_button;
  GtkLabel        *computed_label;
  GtkLabel        *per_capita_label;
  GtkLabel        *reasons_label;
  GtkLabel        *category_note;
  GtkWidget       *category_reason_row;
  GtkWidget       *workflow_group;
  GtkWidget       *visits_group;
  GtkWidget       *add_visit_button;
  GtkLabel        *next_visit_label;
  GtkListBox      *visits_list;
  AdwActionRow    *status_row;
  GtkLabel        *status_label;
  UdStepBar       *step_bar;
  UdTrailView     *trail_view;

  /* Owned */
  UdDbWorker      *worker;
  UdFormBinder    *binder;
  UdHardshipRules *rules;
  UdRecord        *record;        /* as read or written */
  GPtrArray       *household;     /* UdRecord, as shown */
  GPtrArray       *visits;        /* UdRecord, oldest first */
  GCancellable    *cancellable;
  char            *category;
  char            *reasons;
  /* The archive_uuid a person of a new archive carries until the
   * archive is saved, which gives them the archive's own. */
  char            *pending_uuid;

  gint64           id;
  gboolean         busy;
  gboolean         editable;
};

G_DEFINE_FINAL_TYPE (UdHardshipEditor, ud_hardship_editor, ADW_TYPE_WINDOW)

static void load (UdHardshipEditor *self, gint64 id, gint64 member_id);

static void
update_actions (UdHardshipEditor *self)
{
  gboolean stored = self->record != NULL && self->record->id != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 self->editable && !self->busy && self->record != NULL &&
                                 ud_form_binder_get_loaded (self->binder));
  gtk_widget_set_visible (self->save_button, self->record == NULL || self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.print",
                                 stored && !self->busy && ud_db_worker_may (self->worker, UD_PERMISSION_PRINT_FORMS));
  gtk_widget_set_visible (self->print_button, stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.history", stored);
  gtk_widget_set_visible (self->history_button, stored);
  gtk_widget_set_sensitive (self->add_person_button, self->editable && !self->busy);
  gtk_widget_set_sensitive (self->add_visit_button, !self->busy && ud_db_worker_may (self->worker, VISIT->edit_permission));
}

/* The category as typed ------------------------------------------------- */

static void
set_category (UdHardshipEditor *self,
              const char       *category,
              const char       *per_capita,
              const char       *reasons)
{
  g_free (self->category);
  self->category = g_strdup (category);
  g_free (self->reasons);
  self->reasons = g_strdup (reasons);
  gtk_label_set_label (self->computed_label, category);
  gtk_label_set_label (self->per_capita_label, per_capita);
  gtk_label_set_label (self->reasons_label, reasons);
}

static void
update_category (UdHardshipEditor *self)
{
  g_autoptr(UdRecord) typed = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(UdHardshipQuote) quote = { 0, };
  g_autoptr(GString) reasons = g_string_new (NULL);
  g_autofree char *per_capita = NULL;
  g_autofree char *line = NULL;
  g_autofree char *per_capita_text = NULL;
  g_autofree char *note = NULL;
  const UdField *computed_field = ud_kind_find_field (ARCHIVE, "computed_category");
  const UdField *category_field = ud_kind_find_field (ARCHIVE, "category");
  const char *computed;
  const char *chosen;
  gboolean differs;

  if (self->rules == NULL || self->record == NULL)
    return;

  typed = ud_form_binder_build_record (self->binder);
  if (typed == NULL)
    {
      set_category (self, "—", "—", _("Correct the fields marked to see the category."));
      ud_label_show_problem (self->category_note, NULL);
      return;
    }
  if (!ud_hardship_archive_quote (self->rules, typed, &quote, &error))
    {
      set_category (self, "—", "—", error->message);
      ud_label_show_problem (self->category_note, NULL);
      return;
    }

  computed = ud_hardship_category_to_string (quote.category);
  for (guint i = 0; i < quote.reasons->len; i++)
    {
      if (reasons->len > 0)
        g_string_append_c (reasons, '\n');
      g_string_append (reasons, g_ptr_array_index (quote.reasons, i));
    }
  per_capita = ud_money_format (quote.per_capita);
  line = ud_money_format (quote.line);
  /* TRANSLATORS: the per-capita monthly income, then the low-income line, in yuan */
  per_capita_text = g_strdup_printf (_("%s yuan (line %s yuan)"), per_capita, line);
  set_category (self, ud_field_choice_label (computed_field, computed), per_capita_text, reasons->str);

  /* Another category than the computed one only with a written reason. */
  chosen = ud_record_get (typed, "category");
  differs = *chosen != '\0' && !g_str_equal (chosen, computed);
  gtk_widget_set_visible (self->category_reason_row,
                          differs || *ud_record_get (typed, "category_reason") != '\0');
  if (differs && *ud_record_get (typed, "category_reason") == '\0')
    /* TRANSLATORS: the category chosen, then the one computed */
    note = g_strdup_printf (_("“%s” differs from the computed “%s”: write down the reason."),
                            ud_field_choice_label (category_field, chosen),
                            ud_field_choice_label (computed_field, computed));
  ud_label_show_problem (self->category_note, note);
}

/* A step is taken on the archive as stored: not while it has changes. */
static void
mark_dirty (UdHardshipEditor *self)
{
  ud_step_bar_set_blocked (self->step_bar, _("Save the draft first"));
}

static void
on_binder_changed (UdHardshipEditor *self,
                   const char       *field)
{
  mark_dirty (self);
  update_category (self);
}

/* The household --------------------------------------------------------- */

static guint
age_of (const UdRecord *person)
{
  GDate birth;
  GDate today;
  guint age;

  if (!ud_date_parse (ud_record_get (person, "birth_date"), &birth, NULL))
    return G_MAXUINT;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  if (g_date_compare (&birth, &today) > 0)
    return 0;
  age = g_date_get_year (&today) - g_date_get_year (&birth);
  if (g_date_get_month (&today) < g_date_get_month (&birth) ||
      (g_date_get_month (&today) == g_date_get_month (&birth) && g_date_get_day (&today) < g_date_get_day (&birth)))
    age--;

  return age;
}

static void open_person (UdHardshipEditor *self, guint index);
static void fill_household (UdHardshipEditor *self);

static void
on_person_activated (GtkListBox       *list,
                     GtkListBoxRow    *row,
                     UdHardshipEditor *self)
{
  if (self->editable && !self->busy)
    open_person (self, (guint) gtk_list_box_row_get_index (row));
}

static void
on_remove_person (GtkButton        *button,
                  UdHardshipEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ud-index"));

  if (!self->editable || self->busy || index >= self->household->len)
    return;

  g_ptr_array_remove_index (self->household, index);
  fill_household (self);
  mark_dirty (self);
}

static void
fill_household (UdHardshipEditor *self)
{
  const UdField *relation = ud_kind_find_field (PERSON, "relation");
  const UdField *health = ud_kind_find_field (PERSON, "health");
  const UdField *income = ud_kind_find_field (PERSON, "income_12m");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->household_list))) != NULL)
    gtk_list_box_remove (self->household_list, child);

  for (guint i = 0; i < self->household->len; i++)
    {
      UdRecord *person = g_ptr_array_index (self->household, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove;
      g_autofree char *age = NULL;
      g_autofree char *money = ud_field_display (income, ud_record_get (person, "income_12m"), FALSE);
      g_autofree char *subtitle = NULL;
      g_autofree char *tooltip = NULL;
      guint years = age_of (person);

      if (years == G_MAXUINT)
        age = g_strdup (_("age unknown"));
      else
        /* TRANSLATORS: a person's age */
        age = g_strdup_printf (ngettext ("%u year old", "%u years old", years), years);
      /* TRANSLATORS: relation, age, health, then the yearly income in yuan */
      subtitle = g_strdup_printf (_("%s · %s · %s · income %s yuan"),
                                  ud_field_choice_label (relation, ud_record_get (person, "relation")),
                                  age,
                                  ud_field_choice_label (health, ud_record_get (person, "health")),
                                  money);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ud_record_get (person, "name"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), self->editable);

      remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      /* TRANSLATORS: a person's name */
      tooltip = g_strdup_printf (_("Remove %s"), ud_record_get (person, "name"));
      gtk_widget_set_tooltip_text (remove, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_widget_set_visible (remove, self->editable);
      g_object_set_data (G_OBJECT (remove), "ud-index", GUINT_TO_POINTER (i));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_person), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      if (self->editable)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

      gtk_list_box_append (self->household_list, row);
    }
}

static void
on_person_done (UdChildDialog    *dialog,
                UdRecord         *person,
                UdHardshipEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "ud-index"));

  if (index < self->household->len)
    {
      g_ptr_array_remove_index (self->household, index);
      g_ptr_array_insert (self->household, (gint) index, ud_record_ref (person));
    }
  else
    g_ptr_array_add (self->household, ud_record_ref (person));

  fill_household (self);
  mark_dirty (self);
}

/* @index: the person's line, or the length of the household for a new one. */
static void
open_person (UdHardshipEditor *self,
             guint             index)
{
  g_autoptr(UdRecord) person = NULL;
  UdChildDialog *dialog;

  if (index < self->household->len)
    person = ud_record_copy (g_ptr_array_index (self->household, index));
  else
    {
      person = ud_record_new (PERSON);
      ud_record_set (person, "archive_uuid", self->record->uuid != NULL ? self->record->uuid : self->pending_uuid);
    }

  dialog = ud_child_dialog_new (self->worker, PERSON, "/io/github/uniondesk/UnionDesk/hardship/ud-household-form.ui",
                                _("Household Member"), _("_Done"), person);
  g_object_set_data (G_OBJECT (dialog), "ud-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_person_done), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_person (UdHardshipEditor *self)
{
  if (self->editable && !self->busy && self->record != NULL)
    open_person (self, self->household->len);
}

/* Visits ---------------------------------------------------------------- */

static gboolean
followed_up (UdHardshipEditor *self)
{
  const char *status = self->record != NULL ? ud_record_get (self->record, "status") : "";

  return self->record != NULL && self->record->id != 0 &&
         (g_str_equal (status, "archived") || g_str_equal (status, "left"));
}

static void
fill_visits (UdHardshipEditor *self,
             const char       *next_due)
{
  GtkWidget *child;

  gtk_widget_set_visible (self->visits_group, followed_up (self));
  gtk_label_set_label (self->next_visit_label, next_due != NULL && *next_due != '\0' ? next_due : "—");
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->visits_list))) != NULL)
    gtk_list_box_remove (self->visits_list, child);

  for (guint i = 0; self->visits != NULL && i < self->visits->len; i++)
    {
      UdRecord *visit = g_ptr_array_index (self->visits, i);
      GtkWidget *row = adw_action_row_new ();
      /* TRANSLATORS: the day of a visit, then who made it */
      g_autofree char *title = g_strdup_printf (_("%s, %s"), ud_record_get (visit, "visited_on"),
                                                ud_record_get (visit, "visitor"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ud_record_get (visit, "notes"));
      gtk_list_box_append (self->visits_list, row);
    }
}

typedef struct
{
  UdRecord *archive;
  UdRecord *visit;
} VisitSaving;

static void
visit_saving_free (VisitSaving *saving)
{
  g_clear_pointer (&saving->archive, ud_record_unref);
  g_clear_pointer (&saving->visit, ud_record_unref);
  g_free (saving);
}

/* Answers the sentence of a refusal, or "" when the visit is recorded. */
static gpointer
visit_job (UdDatabase   *db,
           gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  VisitSaving *saving = data;
  g_autoptr(GError) local_error = NULL;

  if (!ud_hardship_visit_add (db, saving->archive, saving->visit, NULL, &local_error))
    return g_strdup (local_error->message);

  return g_strdup ("");
}

static void
visit_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *refusal = NULL;
  UdHardshipEditor *self;

  refusal = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_HARDSHIP_EDITOR (user_data);
  self->busy = FALSE;
  if (refusal == NULL || *refusal != '\0')
    {
      ud_widget_show_message (GTK_WIDGET (self), refusal != NULL ? refusal : error->message);
      update_actions (self);
      return;
    }

  ud_db_worker_notify_records_changed (self->worker, VISIT->name);
  ud_widget_show_message (GTK_WIDGET (self), _("Visit recorded"));
  load (self, self->id, 0);
}

static void
on_visit_done (UdChildDialog    *dialog,
               UdRecord         *visit,
               UdHardshipEditor *self)
{
  VisitSaving *saving;

  if (!followed_up (self) || self->busy)
    return;

  saving = g_new0 (VisitSaving, 1);
  saving->archive = ud_record_ref (self->record);
  saving->visit = ud_record_copy (visit);
  self->busy = TRUE;
  update_actions (self);
  ud_db_worker_run_async (self->worker, visit_job, saving, (GDestroyNotify) visit_saving_free, g_free,
                          self->cancellable, visit_done, self);
}

static void
on_add_visit (UdHardshipEditor *self)
{
  g_autoptr(UdRecord) visit = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  UdChildDialog *dialog;

  if (!followed_up (self) || self->busy)
    return;

  visit = ud_record_new (VISIT);
  ud_record_set (visit, "archive_uuid", self->record->uuid);
  ud_record_set (visit, "visited_on", today);
  dialog = ud_child_dialog_new (self->worker, VISIT, "/io/github/uniondesk/UnionDesk/hardship/ud-visit-form.ui",
                                _("Visit"), _("_Record Visit"), visit);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_visit_done), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Loading --------------------------------------------------------------- */

typedef struct
{
  gint64           id;
  gint64           member_id;
  UdRecord        *archive;
  GPtrArray       *household;
  GPtrArray       *visits;
  GPtrArray       *choices;     /* UdStepChoice: the steps that follow from its state */
  char            *next_due;
  UdHardshipRules *rules;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->archive, ud_record_unref);
  g_clear_pointer (&loaded->household, g_ptr_array_unref);
  g_clear_pointer (&loaded->visits, g_ptr_array_unref);
  g_clear_pointer (&loaded->choices, g_ptr_array_unref);
  g_clear_pointer (&loaded->rules, ud_hardship_rules_unref);
  g_free (loaded->next_due);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_job (UdDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  const gint64 *ids = data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);

  if ((loaded->rules = ud_hardship_rules_load (db, error)) == NULL)
    return NULL;

  if (ids[0] != 0)
    {
      if ((loaded->archive = ud_record_store_get (db, ARCHIVE, ids[0], error)) == NULL ||
          (loaded->household = ud_hardship_store_household (db, loaded->archive, error)) == NULL ||
          (loaded->visits = ud_hardship_store_visits (db, loaded->archive, error)) == NULL ||
          (loaded->next_due = ud_hardship_next_visit_due (db, loaded->archive, error)) == NULL)
        return NULL;
      loaded->choices = ud_workflow_list_steps (db, loaded->archive);
    }
  else
    {
      g_autoptr(UdRecord) member = ud_record_store_get (db, &ud_kind_member, ids[1], error);
      g_autoptr(UdRecord) self = NULL;

      if (member == NULL)
        return NULL;
      loaded->archive = ud_hardship_archive_new (member);
      /* The member is the household's first person. */
      self = ud_record_new (PERSON);
      ud_record_set (self, "name", ud_record_get (member, "name"));
      ud_record_set (self, "relation", "self");
      ud_record_set (self, "id_number", ud_record_get (member, "id_number"));
      ud_record_set (self, "work", ud_record_get (member, "unit"));
      ud_record_check (self, NULL);
      loaded->household = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
      g_ptr_array_add (loaded->household, g_steal_pointer (&self));
    }

  return g_steal_pointer (&loaded);
}

static void
show_record (UdHardshipEditor *self)
{
  const UdField *status_field = ud_kind_find_field (ARCHIVE, "status");
  const UdField *id_field = ud_kind_find_field (ARCHIVE, "id_number");
  const char *status = ud_record_get (self->record, "status");
  const char *note = ud_record_get (self->record, "status_note");
  g_autofree char *id_number = ud_field_display (id_field, ud_record_get (self->record, "id_number"), TRUE);
  g_autofree char *member = NULL;
  gboolean stored = self->record->id != 0;

  self->editable = (!stored || g_str_equal (status, "draft")) &&
                   ud_db_worker_may (self->worker, ARCHIVE->edit_permission);

  if (*ud_record_get (self->record, "unit_name") != '\0')
    /* TRANSLATORS: an ID number, then a work unit */
    member = g_strdup_printf (_("%s · %s"), id_number, ud_record_get (self->record, "unit_name"));
  else
    member = g_strdup (id_number);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->member_row), ud_record_get (self->record, "member_name"));
  adw_action_row_set_subtitle (self->member_row, member);

  adw_window_title_set_title (self->window_title, stored ? _("Hardship Archive") : _("New Hardship Archive"));
  adw_window_title_set_subtitle (self->window_title,
                                 stored ? ud_record_get (self->record, "serial") : ud_record_get (self->record, "member_name"));

  gtk_widget_set_visible (self->workflow_group, stored);
  gtk_label_set_label (self->status_label, ud_field_choice_label (status_field, status));
  adw_action_row_set_subtitle (self->status_row, note);

  fill_household (self);
}

/* Under review or archived, the form is read, not typed into: every
 * group but the workflow's. */
static void
set_groups_sensitive (UdHardshipEditor *self)
{
  const char *groups[] = {
    "member_group", "household_group", "incomes_group", "expenses_group", "category_group",
    "housing_group", "causes_group", "contact_group",
  };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      GObject *group = gtk_builder_get_object (self->builder, groups[i]);

      if (group != NULL)
        gtk_widget_set_sensitive (GTK_WIDGET (group), self->editable);
    }
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = NULL;
  UdHardshipEditor *self;

  loaded = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_HARDSHIP_EDITOR (user_data);
  self->busy = FALSE;
  gtk_spinner_stop (self->spinner);

  if (loaded == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, self->record != NULL ? "form" : "choose");
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      update_actions (self);
      return;
    }

  g_clear_pointer (&self->rules, ud_hardship_rules_unref);
  self->rules = g_steal_pointer (&loaded->rules);
  g_clear_pointer (&self->record, ud_record_unref);
  self->record = ud_record_ref (loaded->archive);
  g_clear_pointer (&self->household, g_ptr_array_unref);
  self->household = g_steal_pointer (&loaded->household);
  self->id = self->record->id;
  for (guint i = 0; i < self->household->len && self->record->id == 0; i++)
    ud_record_set (g_ptr_array_index (self->household, i), "archive_uuid", self->pending_uuid);

  g_clear_pointer (&self->visits, g_ptr_array_unref);
  self->visits = g_steal_pointer (&loaded->visits);

  show_record (self);
  fill_visits (self, loaded->next_due);
  set_groups_sensitive (self);
  ud_form_binder_set_record (self->binder, loaded->archive);
  ud_step_bar_set_blocked (self->step_bar, NULL);
  ud_step_bar_set_record (self->step_bar, self->record->id != 0 ? self->record : NULL, loaded->choices);
  ud_trail_view_set_record (self->trail_view, ARCHIVE, self->record->id != 0 ? self->record->uuid : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->trail_view), self->record->id != 0);
  gtk_stack_set_visible_child_name (self->stack, "form");
  update_category (self);
  update_actions (self);
}

static void
load (UdHardshipEditor *self,
      gint64            id,
      gint64            member_id)
{
  gint64 *ids = g_new (gint64, 2);

  ids[0] = id;
  ids[1] = member_id;
  self->busy = TRUE;
  update_actions (self);
  /* Read again, the form stays as it is until the answer. */
  if (self->record == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->spinner);
    }
  ud_db_worker_run_async (self->worker, load_job, ids, g_free, (GDestroyNotify) loaded_free,
                          self->cancellable, load_done, self);
}

/* Choosing the member ---------------------------------------------------- */

static void
on_member_chosen (UdMemberChooser  *chooser,
                  UdRecord         *member,
                  UdHardshipEditor *self)
{
  load (self, 0, member->id);
}

/* Saving ------------------------------------------------------------------ */

typedef struct
{
  UdRecord  *archive;
  GPtrArray *household;
  GPtrArray *issues;     /* the answer: why nothing was written */
  char      *message;
} Saving;

static void
saving_free (Saving *saving)
{
  g_clear_pointer (&saving->archive, ud_record_unref);
  g_clear_pointer (&saving->household, g_ptr_array_unref);
  g_clear_pointer (&saving->issues, g_ptr_array_unref);
  g_free (saving->message);
  g_free (saving);
}

/* Answers a Saving: the archive as written, or the issues and the
 * sentence of the refusal (a household member's names its line). */
static gpointer
save_job (UdDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  Saving *saving = data;
  Saving *answer = g_new0 (Saving, 1);
  g_autoptr(GError) local_error = NULL;

  answer->issues = ud_issue_list_new ();
  answer->archive = ud_record_copy (saving->archive);
  if (!ud_hardship_archive_save (db, answer->archive, saving->household, answer->issues, &local_error))
    {
      if (answer->issues->len == 0)
        {
          saving_free (answer);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      answer->message = g_strdup (local_error->message);
    }

  return answer;
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Saving *saving;
  UdHardshipEditor *self;

  saving = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_HARDSHIP_EDITOR (user_data);
  self->busy = FALSE;
  update_actions (self);

  if (saving == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }


  if (saving->message != NULL)
    {
      g_autoptr(GPtrArray) mine = ud_issue_list_new ();

      /* The archive's own fields at their rows; a household member's
       * problem is in the sentence, which names the line. */
      for (guint i = 0; i < saving->issues->len; i++)
        {
          UdIssue *issue = g_ptr_array_index (saving->issues, i);

          if (issue->field >= ARCHIVE->fields && issue->field < ARCHIVE->fields + ARCHIVE->n_fields)
            g_ptr_array_add (mine, g_ptr_array_steal_index (saving->issues, i--));
        }
      ud_form_binder_show_issues (self->binder, mine);
      ud_widget_show_message (GTK_WIDGET (self), saving->message);
      saving_free (saving);
      return;
    }

  ud_db_worker_notify_records_changed (self->worker, ARCHIVE->name);
  ud_db_worker_notify_records_changed (self->worker, PERSON->name);
  ud_widget_show_message (GTK_WIDGET (self), _("Archive saved"));
  load (self, saving->archive->id, 0);
  saving_free (saving);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UdHardshipEditor *self = UD_HARDSHIP_EDITOR (widget);
  g_autoptr(UdRecord) archive = NULL;
  Saving *saving;

  if (!self->editable || self->busy || self->record == NULL)
    return;

  if (!ud_form_binder_get_can_save (self->binder) ||
      (archive = ud_form_binder_build_record (self->binder)) == NULL)
    {
      /* Points at every field at fault, visited or not; writes nothing
       * while any is. */
      ud_form_binder_save (self->binder);
      return;
    }

  saving = g_new0 (Saving, 1);
  saving->archive = g_steal_pointer (&archive);
  saving->household = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  for (guint i = 0; i < self->household->len; i++)
    g_ptr_array_add (saving->household, ud_record_copy (g_ptr_array_index (self->household, i)));

  self->busy = TRUE;
  update_actions (self);
  ud_db_worker_run_async (self->worker, save_job, saving, (GDestroyNotify) saving_free,
                          (GDestroyNotify) saving_free, self->cancellable, save_done, self);
}

/* Printing ---------------------------------------------------------------- */

/* 困难职工建档审批表, by the archive's uuid. */
static UdPrintForm *
archive_form_build (UdDatabase  *db,
                    gpointer     data,
                    GError     **error)
{
  g_autoptr(UdRecord) archive = ud_record_store_get_by_uuid (db, ARCHIVE, data, error);
  g_autoptr(UdPrintForm) form = NULL;
  const char *serial;

  if (archive == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The archive no longer exists."));
      return NULL;
    }

  form = g_new0 (UdPrintForm, 1);
  if ((form->document = ud_hardship_archive_form_build (db, archive, error)) == NULL)
    return NULL;
  serial = ud_record_get (archive, "serial");
  form->title = g_strdup (_("Archive Form"));
  form->subtitle = g_strdup (serial);
  /* The form's own name, the same in every language. */
  form->file_name = g_strdup_printf ("困难职工建档审批表-%s.pdf", serial);
  form->records = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_ptr_array_add (form->records, g_steal_pointer (&archive));

  return g_steal_pointer (&form);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  UdHardshipEditor *self = UD_HARDSHIP_EDITOR (widget);
  UdPrintPreview *preview;

  if (self->record == NULL || self->record->id == 0)
    return;

  preview = ud_print_preview_new_for_form (self->worker, archive_form_build, g_strdup (self->record->uuid), g_free);
  gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (preview));
}

/* The approval of a household with an exclusion: said before the
 * approver decides, not only when the core refuses. */
static void
on_dialog_opened (UdHardshipEditor *self,
                  UdStepDialog     *dialog)
{
  const UdField *failed_field = ud_kind_find_field (ARCHIVE, "failed_rules");
  UdRecord *record = ud_step_dialog_get_record (dialog);
  g_auto(GStrv) failed = NULL;
  g_autoptr(GString) exclusions = g_string_new (NULL);
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (!g_str_equal (ud_step_dialog_get_step (dialog)->name, "approve"))
    return;

  failed = g_strsplit (ud_record_get (record, "failed_rules"), ",", -1);
  for (guint i = 0; failed[i] != NULL; i++)
    {
      if (*failed[i] == '\0' || g_str_equal (failed[i], "not_in_hardship") ||
          g_str_equal (failed[i], "migrant_under_one_year"))
        continue;
      if (exclusions->len > 0)
        g_string_append (exclusions, _(", "));
      g_string_append (exclusions, ud_field_choice_label (failed_field, failed[i]));
    }
  if (exclusions->len == 0)
    return;

  /* TRANSLATORS: the exclusions, such as "Two or more homes", then a field label */
  text = g_strdup_printf (_("This household has an exclusion (%s): it is archived only if you write down why in “%s”."),
                          exclusions->str, ud_kind_get_field_label (ARCHIVE, "exclusion_override"));
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "warning");
  ud_step_dialog_add_extra (dialog, label);
}

static void
on_step_taken (UdHardshipEditor *self)
{
  load (self, self->id, 0);
}

/* Every change to the archive, from the audit trail. */
static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  UdHardshipEditor *self = UD_HARDSHIP_EDITOR (widget);
  UdHistoryWindow *history;

  if (self->record == NULL || self->record->id == 0)
    return;

  history = ud_history_window_new (self->worker, ARCHIVE->name, self->record->uuid,
                                   ud_record_get (self->record, "serial"));
  gtk_window_set_transient_for (GTK_WINDOW (history), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (history));
}

/* The archive was written elsewhere (a step, a sync): read it again,
 * unless the person is typing into it. */
static void
on_records_changed (UdDbWorker       *worker,
                    const char       *kind,
                    UdHardshipEditor *self)
{
  if (!ud_db_worker_kind_changed (ARCHIVE->name, kind) || self->busy || self->id == 0 || self->editable)
    return;

  load (self, self->id, 0);
}

/* GObject ----------------------------------------------------------------- */

static void
ud_hardship_editor_dispose (GObject *object)
{
  UdHardshipEditor *self = UD_HARDSHIP_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_HARDSHIP_EDITOR);
  g_clear_object (&self->binder);
  g_clear_object (&self->builder);
  g_clear_object (&self->worker);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rules, ud_hardship_rules_unref);
  g_clear_pointer (&self->record, ud_record_unref);
  g_clear_pointer (&self->household, g_ptr_array_unref);
  g_clear_pointer (&self->visits, g_ptr_array_unref);

  G_OBJECT_CLASS (ud_hardship_editor_parent_class)->dispose (object);
}

static void
ud_hardship_editor_finalize (GObject *object)
{
  UdHardshipEditor *self = UD_HARDSHIP_EDITOR (object);

  g_free (self->category);
  g_free (self->reasons);
  g_free (self->pending_uuid);

  G_OBJECT_CLASS (ud_hardship_editor_parent_class)->finalize (object);
}

static void
ud_hardship_editor_class_init (UdHardshipEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_hardship_editor_dispose;
  object_class->finalize = ud_hardship_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/hardship/ud-hardship-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, UdHardshipEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdHardshipEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UdHardshipEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, UdHardshipEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, UdHardshipEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, UdHardshipEditor, print_button);
  gtk_widget_class_bind_template_child (widget_class, UdHardshipEditor, history_button);
  gtk_widget_class_bind_template_child (widget_class, UdHardshipEditor, member_chooser);
  gtk_widget_class_bind_template_child (widget_class, UdHardshipEditor, form_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_member_chosen);

  /* The form's file names them. */
  g_type_ensure (UD_TYPE_MEMBER_CHOOSER);
  g_type_ensure (UD_TYPE_STEP_BAR);
  g_type_ensure (UD_TYPE_TRAIL_VIEW);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "editor.history", NULL, history_action);
}

static void
ud_hardship_editor_init (UdHardshipEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->household = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  self->pending_uuid = ud_uuid_v7_new ();

  self->builder = gtk_builder_new_from_resource ("/io/github/uniondesk/UnionDesk/hardship/ud-hardship-form.ui");
#define OBJECT(name) (gtk_builder_get_object (self->builder, name))
  self->form = GTK_WIDGET (OBJECT ("form"));
  self->member_row = ADW_ACTION_ROW (OBJECT ("member_row"));
  self->household_list = GTK_LIST_BOX (OBJECT ("household_list"));
  self->add_person_button = GTK_WIDGET (OBJECT ("add_person_button"));
  self->computed_label = GTK_LABEL (OBJECT ("computed_label"));
  self->per_capita_label = GTK_LABEL (OBJECT ("per_capita_label"));
  self->reasons_label = GTK_LABEL (OBJECT ("reasons_label"));
  self->category_note = GTK_LABEL (OBJECT ("category_note"));
  self->category_reason_row = GTK_WIDGET (OBJECT ("category_reason_row"));
  self->workflow_group = GTK_WIDGET (OBJECT ("workflow_group"));
  self->status_row = ADW_ACTION_ROW (OBJECT ("state_row"));
  self->status_label = GTK_LABEL (OBJECT ("status_label"));
  self->visits_group = GTK_WIDGET (OBJECT ("visits_group"));
  self->add_visit_button = GTK_WIDGET (OBJECT ("add_visit_button"));
  self->next_visit_label = GTK_LABEL (OBJECT ("next_visit_label"));
  self->visits_list = GTK_LIST_BOX (OBJECT ("visits_list"));
  self->step_bar = UD_STEP_BAR (OBJECT ("step_bar"));
  self->trail_view = UD_TRAIL_VIEW (OBJECT ("trail_view"));
#undef OBJECT
  adw_bin_set_child (self->form_bin, self->form);
  /* Names and notes are shown as typed, not read as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->member_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->status_row), FALSE);

  g_signal_connect_object (self->household_list, "row-activated", G_CALLBACK (on_person_activated), self, 0);
  g_signal_connect_object (self->add_person_button, "clicked", G_CALLBACK (on_add_person), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_visit_button, "clicked", G_CALLBACK (on_add_visit), self, G_CONNECT_SWAPPED);
}

UdHardshipEditor *
ud_hardship_editor_new (UdDbWorker *worker,
                        gint64      id)
{
  UdHardshipEditor *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_HARDSHIP_EDITOR, NULL);
  self->worker = g_object_ref (worker);
  self->binder = ud_form_binder_new (worker, ARCHIVE, self->form);
  g_signal_connect_object (self->binder, "changed", G_CALLBACK (on_binder_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->binder, "notify::loaded", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (worker, "records-changed", G_CALLBACK (on_records_changed), self, 0);
  ud_step_bar_set_worker (self->step_bar, worker);
  ud_trail_view_set_worker (self->trail_view, worker);
  g_signal_connect_object (self->step_bar, "step-taken", G_CALLBACK (on_step_taken), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->step_bar, "dialog-opened", G_CALLBACK (on_dialog_opened), self, G_CONNECT_SWAPPED);

  if (id != 0)
    load (self, id, 0);
  else
    {
      adw_window_title_set_title (self->window_title, _("New Hardship Archive"));
      gtk_stack_set_visible_child_name (self->stack, "choose");
      ud_member_chooser_set_worker (self->member_chooser, worker);
      ud_member_chooser_focus_search (self->member_chooser);
      update_actions (self);
    }

  return self;
}

const char *
ud_hardship_editor_get_page (UdHardshipEditor *self)
{
  g_return_val_if_fail (UD_IS_HARDSHIP_EDITOR (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
ud_hardship_editor_get_loaded (UdHardshipEditor *self)
{
  g_return_val_if_fail (UD_IS_HARDSHIP_EDITOR (self), FALSE);

  return self->record != NULL && !self->busy && ud_form_binder_get_loaded (self->binder) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0 &&
         (self->record->id == 0 ||
          (ud_step_bar_get_ready (self->step_bar) && ud_trail_view_get_loaded (self->trail_view)));
}

UdFormBinder *
ud_hardship_editor_get_binder (UdHardshipEditor *self)
{
  g_return_val_if_fail (UD_IS_HARDSHIP_EDITOR (self), NULL);

  return self->binder;
}

UdRecord *
ud_hardship_editor_get_record (UdHardshipEditor *self)
{
  g_return_val_if_fail (UD_IS_HARDSHIP_EDITOR (self), NULL);

  return self->record;
}

GPtrArray *
ud_hardship_editor_get_household (UdHardshipEditor *self)
{
  g_return_val_if_fail (UD_IS_HARDSHIP_EDITOR (self), NULL);

  return self->household;
}

const char *
ud_hardship_editor_get_category (UdHardshipEditor *self)
{
  g_return_val_if_fail (UD_IS_HARDSHIP_EDITOR (self), NULL);

  return self->category;
}

const char *
ud_hardship_editor_get_reasons (UdHardshipEditor *self)
{
  g_return_val_if_fail (UD_IS_HARDSHIP_EDITOR (self), NULL);

  return self->reasons;
}

GPtrArray *
ud_hardship_editor_get_visits (UdHardshipEditor *self)
{
  g_return_val_if_fail (UD_IS_HARDSHIP_EDITOR (self), NULL);

  return self->visits;
}
