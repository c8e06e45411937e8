/* ud-relief-editor.c — one serious-illness relief application
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-relief-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-relief-editor.h"
#include "ud-account.h"
#include "ud-illness-store.h"
#include "ud-kind.h"
#include "ud-member-store.h"
#include "ud-money.h"
#include "ud-print-preview.h"
#include "ud-reference-store.h"
#include "ud-step-bar.h"
#include "ud-trail-view.h"
#include "ud-history-window.h"
#include "ud-ui-util.h"
#include "ud-validate.h"
#include "ud-workflow.h"

/* The rules engine touches no database and its tables are immutable
 * (ud-relief.h), so the editor reads the rules in force and the member's
 * facts (active? reliefs approved before?) once on the worker, then
 * quotes on the main thread at every keystroke with
 * ud_illness_application_quote() — the same call the store makes when it
 * saves — a few microseconds of integer arithmetic.  Each field is checked
 * with the core's ud_field_normalize(), the checks across fields come from
 * the quote, and the problems are shown under the group of the field. */

enum {
  GROUP_ILLNESS,
  GROUP_COSTS,
  GROUP_HOUSEHOLD,
  N_GROUPS
};

typedef struct
{
  const char *field;
  const char *row;
  guint       group;
} FieldRow;

static const FieldRow field_rows[] = {
  { "application_date", "application_date_row", GROUP_ILLNESS },
  { "relation",         "relation_row",         GROUP_ILLNESS },
  { "patient_name",     "patient_name_row",     GROUP_ILLNESS },
  { "disease",          "disease_row",          GROUP_ILLNESS },
  { "hospital",         "hospital_row",         GROUP_ILLNESS },
  { "hospital_grade",   "hospital_grade_row",   GROUP_ILLNESS },
  { "diagnosis_date",   "diagnosis_date_row",   GROUP_ILLNESS },
  { "treatment_from",   "treatment_from_row",   GROUP_ILLNESS },
  { "treatment_to",     "treatment_to_row",     GROUP_ILLNESS },
  { "total",            "total_row",            GROUP_COSTS },
  { "insurance",        "insurance_row",        GROUP_COSTS },
  { "government_aid",   "government_aid_row",   GROUP_COSTS },
  { "mutual_aid",       "mutual_aid_row",       GROUP_COSTS },
  { "other",            "other_row",            GROUP_COSTS },
  { "household_size",   "household_size_row",   GROUP_HOUSEHOLD },
  { "household_income", "household_income_row", GROUP_HOUSEHOLD },
  { "notes",            "notes_row",            GROUP_HOUSEHOLD },
};

typedef struct
{
  const FieldRow *spec;
  const UdField  *field;
  guint           index;
  GtkWidget      *row;
  gboolean        touched;
  char           *error;
} FieldState;

struct _UdReliefEditor
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkButton       *save_button;
  GtkSearchEntry  *member_search;
  GtkListBox      *member_list;
  AdwPreferencesGroup *workflow_group;
  AdwPreferencesGroup *warnings_group;
  GtkBox              *warnings_box;
  AdwActionRow    *status_row;
  UdStepBar       *step_bar;
  GtkButton       *print_button;
  GtkButton       *history_button;
  AdwActionRow    *member_row;
  AdwActionRow    *prior_row;
  AdwActionRow    *self_paid_row;
  GtkLabel        *self_paid_label;
  GtkSwitch       *archived_switch;
  AdwActionRow    *archived_row;
  AdwActionRow    *amount_row;
  GtkLabel        *amount_label;
  AdwActionRow    *tier_row;
  GtkLabel        *tier_label;
  AdwActionRow    *reasons_row;
  AdwActionRow    *rules_row;
  GtkLabel        *rules_label;
  AdwPreferencesGroup *documents_group;
  UdTrailView     *trail_view;
  GtkLabel        *illness_problems;
  GtkLabel        *costs_problems;
  GtkLabel        *household_problems;

  /* Owned */
  UdDbWorker      *worker;
  UdRecord        *record;        /* as read or written */
  UdRecord        *member;
  UdReliefRules   *rules;
  UdIllnessFacts  *facts;
  GPtrArray       *diseases;      /* UdReliefDisease, the chooser's entries */
  GPtrArray       *document_checks;
  GHashTable      *people;        /* user name → name, of the accounts the application names */
  GArray          *found_members;
  GCancellable    *cancellable;
  GCancellable    *search_cancellable;
  FieldState       fields[G_N_ELEMENTS (field_rows)];
  char            *suggestion;
  char            *reasons;
  char            *diseases_version;

  gint64           id;
  gboolean         loaded;
  gboolean         busy;
  gboolean         filling;
  gboolean         dirty;
  gboolean         editable;
};

G_DEFINE_FINAL_TYPE (UdReliefEditor, ud_relief_editor, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load (UdReliefEditor *self, gint64 id, gint64 member_id);

static const UdField *
kind_field (const char *name)
{
  return ud_kind_find_field (&ud_kind_illness_application, name);
}

static FieldState *
find_state (UdReliefEditor *self,
            const char     *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    if (g_str_equal (field_rows[i].field, name))
      return &self->fields[i];

  return NULL;
}

static const char *
status (UdReliefEditor *self)
{
  return self->record != NULL ? ud_record_get (self->record, "status") : "";
}

/* Reading the form -------------------------------------------------------- */

static char *
get_text (UdReliefEditor *self,
          FieldState     *state)
{
  if (ADW_IS_COMBO_ROW (state->row))
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (state->row));

      if (g_str_equal (state->spec->field, "disease"))
        {
          if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->diseases->len)
            return g_strdup ("");
          return g_strdup (((UdReliefDisease *)g_ptr_array_index (self->diseases, selected - 1))->code);
        }

      return g_strdup (ud_combo_row_get_choice (ADW_COMBO_ROW (state->row), state->field));
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (state->row)));
}

static void
select_disease (UdReliefEditor *self,
                const char     *code)
{
  FieldState *state = find_state (self, "disease");
  guint position = 0;

  for (guint i = 0; i < self->diseases->len; i++)
    if (g_strcmp0 (((UdReliefDisease *)g_ptr_array_index (self->diseases, i))->code, code) == 0)
      position = i + 1;

  adw_combo_row_set_selected (ADW_COMBO_ROW (state->row), position);
}

static void
set_text (UdReliefEditor *self,
          FieldState     *state,
          const char     *value)
{
  if (value == NULL)
    value = "";

  if (g_str_equal (state->spec->field, "disease"))
    {
      select_disease (self, value);
    }
  else if (ADW_IS_COMBO_ROW (state->row))
    {
      ud_combo_row_set_choice (ADW_COMBO_ROW (state->row), state->field, value);
    }
  else if (state->field->type == UD_FIELD_MONEY && *value != '\0')
    {
      g_autofree char *yuan = ud_money_format_plain (g_ascii_strtoll (value, NULL, 10));

      gtk_editable_set_text (GTK_EDITABLE (state->row), yuan);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (state->row), value);
    }
}

static char *
documents_text (UdReliefEditor *self)
{
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < self->document_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->document_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (codes, g_object_get_data (G_OBJECT (check), "ud-code"));
    }

  strv = g_strv_builder_end (codes);
  return g_strjoinv (",", strv);
}

/* The application as the form has it, normalised field by field; each
 * field's problem lands in its state. */
static UdRecord *
record_from_form (UdReliefEditor *self)
{
  UdRecord *record = ud_record_copy (self->record);
  g_autofree char *documents = documents_text (self);

  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      FieldState *state = &self->fields[i];
      g_autoptr(GPtrArray) issues = ud_issue_list_new ();
      g_autofree char *text = get_text (self, state);
      g_autofree char *value = NULL;

      g_clear_pointer (&state->error, g_free);
      value = ud_field_normalize (state->field, text, issues);
      for (guint j = 0; j < issues->len && state->error == NULL; j++)
        {
          UdIssue *issue = g_ptr_array_index (issues, j);

          if (!issue->warning)
            state->error = g_strdup (issue->message);
        }
      if (value != NULL && *value == '\0' && (state->field->flags & UD_FIELD_REQUIRED) && state->error == NULL)
        /* Translators: a field label */
        state->error = g_strdup_printf (_("%s: must not be empty"), _(state->field->label));

      ud_record_set_nth (record, state->index, value != NULL ? value : "");
    }

  ud_record_set (record, "archived", gtk_switch_get_active (self->archived_switch) ? "yes" : "no");
  ud_record_set (record, "documents", documents);
  /* The patient is the member unless the relation says otherwise. */
  if (g_str_equal (ud_record_get (record, "relation"), "self"))
    ud_record_set (record, "patient_name", ud_record_get (record, "member_name"));

  return record;
}

static gboolean
has_errors (UdReliefEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    if (self->fields[i].error != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
compute_can_save (UdReliefEditor *self)
{
  return self->loaded && self->editable && !self->busy && !has_errors (self);
}

static void
update_problems (UdReliefEditor *self)
{
  GtkLabel *labels[N_GROUPS] = { self->illness_problems, self->costs_problems, self->household_problems };
  GString *text[N_GROUPS];

  for (guint group = 0; group < N_GROUPS; group++)
    text[group] = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      FieldState *state = &self->fields[i];

      ud_form_note_problem (text[state->spec->group], state->row,
                            state->touched ? state->error : NULL);
    }

  for (guint group = 0; group < N_GROUPS; group++)
    {
      ud_label_show_problem (labels[group], text[group]->len > 0 ? text[group]->str : NULL);
      g_string_free (text[group], TRUE);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", compute_can_save (self));
}

static void
show_suggestion (UdReliefEditor      *self,
                 const UdReliefQuote *quote)
{
  g_autofree char *self_paid = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *capitals = NULL;
  g_autofree char *tier = NULL;

  g_clear_pointer (&self->suggestion, g_free);
  g_clear_pointer (&self->reasons, g_free);

  if (quote == NULL)
    {
      self->suggestion = g_strdup (_("No suggestion yet"));
      gtk_label_set_label (self->amount_label, "—");
      adw_action_row_set_subtitle (self->amount_row, _("Correct the fields marked in red"));
      gtk_label_set_label (self->tier_label, "—");
      gtk_label_set_label (self->self_paid_label, "—");
      adw_action_row_set_subtitle (self->reasons_row, "");
      gtk_label_set_label (self->rules_label, "—");
      return;
    }

  self_paid = ud_money_format (quote->self_paid);
  /* Translators: an amount in yuan */
  gtk_label_set_label (self->self_paid_label, self_paid);

  if (quote->eligible)
    {
      amount = ud_money_format (quote->amount);
      capitals = ud_money_capitals (quote->amount);
      /* Translators: an amount, e.g. "12,000.00 yuan" */
      self->suggestion = g_strdup_printf (_("%s yuan"), amount);
      tier = g_strdup_printf ("%u", quote->tier);
      adw_action_row_set_subtitle (self->amount_row, capitals);
      gtk_label_set_label (self->tier_label, tier);
      gtk_widget_remove_css_class (GTK_WIDGET (self->amount_label), "error");
    }
  else
    {
      self->suggestion = g_strdup (_("Not eligible"));
      adw_action_row_set_subtitle (self->amount_row, _("The rules do not allow a relief: see the reasons"));
      gtk_label_set_label (self->tier_label, "—");
      gtk_widget_add_css_class (GTK_WIDGET (self->amount_label), "error");
    }
  gtk_label_set_label (self->amount_label, self->suggestion);

  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) lines = NULL;

    for (guint i = 0; quote->reasons != NULL && i < quote->reasons->len; i++)
      g_strv_builder_add (builder, g_ptr_array_index (quote->reasons, i));
    lines = g_strv_builder_end (builder);
    self->reasons = g_strjoinv ("\n", lines);
  }
  adw_action_row_set_subtitle (self->reasons_row, self->reasons);
  gtk_label_set_label (self->rules_label, quote->rules_version != NULL ? quote->rules_version : "—");
}

/* The stored suggestion of an application no longer a draft: what was
 * decided stands, whatever the rules say today. */
static void
show_stored_suggestion (UdReliefEditor *self)
{
  UdReliefQuote quote = { 0, };
  g_auto(GStrv) reasons = g_strsplit (ud_record_get (self->record, "reasons"), "\n", -1);

  quote.eligible = g_ascii_strtoll (ud_record_get (self->record, "tier"), NULL, 10) > 0;
  quote.tier = (guint)g_ascii_strtoll (ud_record_get (self->record, "tier"), NULL, 10);
  quote.amount = g_ascii_strtoll (ud_record_get (self->record, "suggested_amount"), NULL, 10);
  quote.self_paid = g_ascii_strtoll (ud_record_get (self->record, "self_paid"), NULL, 10);
  quote.rules_version = (char *)ud_record_get (self->record, "rules_version");
  quote.reasons = g_ptr_array_new ();
  for (guint i = 0; reasons[i] != NULL; i++)
    if (*reasons[i] != '\0')
      g_ptr_array_add (quote.reasons, reasons[i]);

  show_suggestion (self, &quote);
  g_ptr_array_unref (quote.reasons);
}

static void
update_family_documents (UdReliefEditor *self,
                         const char     *relation)
{
  for (guint i = 0; i < self->document_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->document_checks, i);

      if (g_object_get_data (G_OBJECT (check), "ud-family-only") != NULL)
        gtk_widget_set_visible (gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW),
                                !g_str_equal (relation, "self"));
    }
}

/* The core's problems (a quote's, a save's) at their fields; one that
 * names no field goes to the application date, the first. */
static void
note_issues (UdReliefEditor *self,
             GPtrArray      *issues,
             gboolean        touch)
{
  for (guint i = 0; i < issues->len; i++)
    {
      UdIssue *issue = g_ptr_array_index (issues, i);
      FieldState *state = issue->field != NULL ? find_state (self, issue->field->name) : NULL;

      if (issue->warning)
        continue;
      if (state == NULL)
        state = find_state (self, "application_date");
      if (state->error == NULL)
        state->error = g_strdup (issue->message);
      if (touch)
        state->touched = TRUE;
    }
}

/* Checks every field and quotes what the form says. */
static void
requote (UdReliefEditor *self)
{
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_auto(UdReliefQuote) quote = { 0, };
  FieldState *patient = find_state (self, "patient_name");
  gboolean quoted = FALSE;

  record = record_from_form (self);

  gtk_widget_set_sensitive (patient->row,
                            self->editable && !g_str_equal (ud_record_get (record, "relation"), "self"));
  update_family_documents (self, ud_record_get (record, "relation"));

  if (!has_errors (self) && self->rules != NULL)
    {
      quoted = ud_illness_application_quote (self->rules, record, self->facts, &quote, issues, NULL);
      note_issues (self, issues, FALSE);
    }

  if (self->editable)
    show_suggestion (self, quoted ? &quote : NULL);
  update_problems (self);
}

/* Changing the application date may bring another disease catalogue. */
static void
fill_diseases (UdReliefEditor *self,
               const char     *date_text)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) diseases = NULL;
  g_autofree char *code = NULL;
  FieldState *state = find_state (self, "disease");
  gboolean filling = self->filling;
  GDate date;

  if (self->rules == NULL || !ud_date_parse (date_text, &date, NULL))
    return;
  diseases = ud_relief_rules_diseases (self->rules, &date);
  if (diseases == NULL)
    return;
  if (self->diseases != NULL && self->diseases->len == diseases->len)
    {
      gboolean same = TRUE;

      for (guint i = 0; i < diseases->len && same; i++)
        same = g_str_equal (((UdReliefDisease *)g_ptr_array_index (diseases, i))->code,
                            ((UdReliefDisease *)g_ptr_array_index (self->diseases, i))->code) &&
               g_str_equal (((UdReliefDisease *)g_ptr_array_index (diseases, i))->name,
                            ((UdReliefDisease *)g_ptr_array_index (self->diseases, i))->name);
      if (same)
        return;
    }

  code = self->diseases != NULL ? get_text (self, state) : g_strdup (ud_record_get (self->record, "disease"));
  g_clear_pointer (&self->diseases, g_ptr_array_unref);
  self->diseases = g_steal_pointer (&diseases);

  gtk_string_list_append (labels, _("Choose the disease"));
  for (guint i = 0; i < self->diseases->len; i++)
    {
      UdReliefDisease *disease = g_ptr_array_index (self->diseases, i);
      g_autofree char *label = g_strdup_printf (_("%s %s"), disease->code, disease->name);

      gtk_string_list_append (labels, label);
    }

  self->filling = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (state->row), G_LIST_MODEL (labels));
  select_disease (self, code);
  self->filling = filling;
}

static void
on_field_changed (UdReliefEditor *self,
                  FieldState     *state)
{
  if (self->filling)
    return;

  if (state != NULL)
    state->touched = TRUE;
  self->dirty = TRUE;
  if (state != NULL && g_str_equal (state->spec->field, "application_date"))
    fill_diseases (self, gtk_editable_get_text (GTK_EDITABLE (state->row)));
  requote (self);
  ud_step_bar_set_blocked (self->step_bar, _("Save the draft first"));
}

static void
on_entry_changed (GtkEditable    *editable,
                  UdReliefEditor *self)
{
  on_field_changed (self, g_object_get_data (G_OBJECT (editable), "ud-field-state"));
}

static void
on_combo_selected (AdwComboRow    *row,
                   GParamSpec     *pspec,
                   UdReliefEditor *self)
{
  on_field_changed (self, g_object_get_data (G_OBJECT (row), "ud-field-state"));
}

static void
on_other_changed (UdReliefEditor *self)
{
  on_field_changed (self, NULL);
}

/* Showing an application --------------------------------------------------- */

typedef struct
{
  UdRecord       *record;
  UdRecord       *member;
  UdReliefRules  *rules;
  UdIllnessFacts *facts;
  GPtrArray      *choices;    /* UdStepChoice: the steps that follow from its state */
  GPtrArray      *others;     /* the member's other applications */
  GPtrArray      *flags;      /* UdIllnessCityFlag: the city's duplicate-aid flags */
  GPtrArray      *same_serial; /* other applications holding this serial */
  GHashTable     *people;     /* user name → name: who created, reviewed, decided */
} LoadAnswer;

static void
load_answer_free (gpointer data)
{
  LoadAnswer *answer = data;

  g_clear_pointer (&answer->record, ud_record_unref);
  g_clear_pointer (&answer->member, ud_record_unref);
  g_clear_pointer (&answer->rules, ud_relief_rules_unref);
  g_clear_pointer (&answer->facts, ud_illness_facts_free);
  g_clear_pointer (&answer->choices, g_ptr_array_unref);
  g_clear_pointer (&answer->people, g_hash_table_unref);
  g_clear_pointer (&answer->others, g_ptr_array_unref);
  g_clear_pointer (&answer->flags, g_ptr_array_unref);
  g_clear_pointer (&answer->same_serial, g_ptr_array_unref);
  g_free (answer);
}

static void
fill_member (UdReliefEditor *self,
             GPtrArray      *others)
{
  const UdKind *member_kind = &ud_kind_member;
  g_autofree char *id_number = NULL;
  g_autofree char *member_status = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GString) prior = g_string_new (NULL);
  const char *unit = "";

  if (self->member != NULL)
    {
      id_number = ud_field_display (ud_kind_find_field (member_kind, "id_number"),
                                    ud_record_get (self->member, "id_number"), TRUE);
      member_status = ud_field_display (ud_kind_find_field (member_kind, "status"),
                                        ud_record_get (self->member, "status"), FALSE);
      unit = ud_record_get (self->member, "unit");
    }
  else
    {
      id_number = ud_field_display (kind_field ("id_number"), ud_record_get (self->record, "id_number"), TRUE);
      member_status = g_strdup (_("No longer on the roll"));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->member_row), ud_record_get (self->record, "member_name"));
  /* Translators: masked ID number · work unit · membership status */
  subtitle = g_strdup_printf (_("%s · %s · %s"), id_number, unit, member_status);
  adw_action_row_set_subtitle (self->member_row, subtitle);

  for (guint i = 0; others != NULL && i < others->len; i++)
    {
      UdRecord *other = g_ptr_array_index (others, i);
      const char *other_status = ud_record_get (other, "status");
      g_autofree char *amount = NULL;

      if (g_strcmp0 (other->uuid, self->record->uuid) == 0 ||
          (!g_str_equal (other_status, "approved") && !g_str_equal (other_status, "paid")))
        continue;

      amount = ud_money_format (g_ascii_strtoll (ud_record_get (other, "approved_amount"), NULL, 10));
      if (prior->len > 0)
        g_string_append_c (prior, '\n');
      /* Translators: serial number, decision date, amount, state, e.g.
       * "大病-110118-2024-01-0001 · 2024-09-10 · 12,000.00 yuan (Paid)" */
      g_string_append_printf (prior, _("%s · %s · %s yuan (%s)"),
                              ud_record_get (other, "serial"), ud_record_get (other, "decided_on"), amount,
                              ud_field_choice_label (kind_field ("status"), other_status));
    }
  adw_action_row_set_subtitle (self->prior_row, prior->len > 0 ? prior->str : _("None"));
}

/* The person an account field of the application names: their name,
 * else the user name (an account of another office). */
static const char *
person (UdReliefEditor *self,
        const char     *field)
{
  const char *username = ud_record_get (self->record, field);
  const char *name = self->people != NULL ? g_hash_table_lookup (self->people, username) : NULL;

  return name != NULL ? name : username;
}

static void
update_workflow (UdReliefEditor *self)
{
  const char *state = status (self);
  gboolean stored = self->record != NULL && self->record->id > 0;
  g_autoptr(GString) lines = NULL;
  const char *note = ud_record_get (self->record, "status_note");

  gtk_widget_set_visible (GTK_WIDGET (self->workflow_group), stored);
  /* A step takes the application as stored, not as typed. */
  ud_step_bar_set_blocked (self->step_bar, self->dirty ? _("Save the draft first") : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->history_button), stored);
  gtk_widget_set_visible (GTK_WIDGET (self->print_button),
                          stored && ud_db_worker_may (self->worker, UD_PERMISSION_PRINT_FORMS));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row),
                                 ud_field_choice_label (kind_field ("status"), state));
  /* Who decided and who reviewed it, by name; the payment; or why it was
   * returned or rejected. */
  lines = g_string_new (NULL);
  if (g_str_equal (state, "approved") || g_str_equal (state, "paid"))
    {
      g_autofree char *amount = ud_money_format (g_ascii_strtoll (ud_record_get (self->record, "approved_amount"), NULL, 10));
      g_autofree char *capitals = ud_money_capitals (g_ascii_strtoll (ud_record_get (self->record, "approved_amount"), NULL, 10));

      /* Translators: the approved amount in figures and in capitals, then who decided and when */
      g_string_append_printf (lines, _("Approved %s yuan (%s) by %s on %s"), amount, capitals,
                              person (self, "decided_by"), ud_record_get (self->record, "decided_on"));
    }
  /* A return clears the reviewer. */
  if (*ud_record_get (self->record, "reviewed_by") != '\0' &&
      (g_str_equal (state, "reviewed") || g_str_equal (state, "approved") || g_str_equal (state, "paid")))
    {
      if (lines->len > 0)
        g_string_append_c (lines, '\n');
      g_string_append_printf (lines, _("Reviewed by %s"), person (self, "reviewed_by"));
    }
  if (g_str_equal (state, "paid"))
    {
      g_string_append_c (lines, '\n');
      g_string_append_printf (lines, _("Paid on %s, %s, receipt %s"),
                              ud_record_get (self->record, "paid_on"),
                              ud_field_choice_label (kind_field ("payment_method"),
                                                     ud_record_get (self->record, "payment_method")),
                              ud_record_get (self->record, "receipt_number"));
    }
  else if (!g_str_equal (state, "approved") && note != NULL && *note != '\0')
    {
      if (lines->len > 0)
        g_string_append_c (lines, '\n');
      g_string_append (lines, note);
    }
  adw_action_row_set_subtitle (self->status_row, lines->str);
}

static void
fill_form (UdReliefEditor *self)
{
  const char *state = status (self);
  g_auto(GStrv) received = g_strsplit (ud_record_get (self->record, "documents"), ",", -1);
  g_autofree char *title = NULL;

  self->editable = g_str_equal (state, "draft") &&
                   ud_db_worker_may (self->worker, UD_PERMISSION_CREATE_APPLICATION);

  g_clear_pointer (&self->diseases, g_ptr_array_unref);
  fill_diseases (self, ud_record_get (self->record, "application_date"));

  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      FieldState *state_ = &self->fields[i];

      set_text (self, state_, ud_record_get_nth (self->record, state_->index));
      state_->touched = self->record->id > 0;
      gtk_widget_set_sensitive (state_->row, self->editable);
    }
  gtk_switch_set_active (self->archived_switch, g_str_equal (ud_record_get (self->record, "archived"), "yes"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->archived_row), self->editable);
  for (guint i = 0; i < self->document_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->document_checks, i);

      gtk_check_button_set_active (check, g_strv_contains ((const char * const *)received,
                                                           g_object_get_data (G_OBJECT (check), "ud-code")));
      gtk_widget_set_sensitive (GTK_WIDGET (check), self->editable);
    }
  self->filling = FALSE;
  self->dirty = FALSE;

  if (self->record->id > 0)
    title = g_strdup (ud_record_get (self->record, "serial"));
  else
    title = g_strdup (_("New Application"));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, ud_record_get (self->record, "member_name"));
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), self->editable);

  requote (self);
  if (!self->editable)
    show_stored_suggestion (self);
  update_workflow (self);
}

static void
add_warning (UdReliefEditor *self,
             const char     *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "relief-warning");
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "warning");
  gtk_widget_set_margin_top (icon, 12);
  gtk_widget_set_margin_start (icon, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (self->warnings_box, box);
}

/* The city's duplicate-aid flags and a serial number another application
 * also holds, above the workflow, in words a clerk acts on. */
static void
fill_warnings (UdReliefEditor *self,
               GPtrArray      *flags,
               GPtrArray      *same_serial)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_box))) != NULL)
    gtk_box_remove (self->warnings_box, child);

  for (guint i = 0; flags != NULL && i < flags->len; i++)
    {
      g_autofree char *sentence = ud_illness_city_flag_describe (g_ptr_array_index (flags, i));

      add_warning (self, sentence);
    }
  for (guint i = 0; same_serial != NULL && i < same_serial->len; i++)
    {
      UdRecord *other = g_ptr_array_index (same_serial, i);
      g_autofree char *text =
        /* TRANSLATORS: the serial number, then the other application's
         * member and date */
        g_strdup_printf (_("The serial number %s is also used by another application (%s, applied on %s), made in another office of the district with the same office number. Check the office numbers in Preferences: each office of the district needs its own."),
                         ud_record_get (other, "serial"), ud_record_get (other, "member_name"),
                         ud_record_get (other, "application_date"));

      add_warning (self, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->warnings_box)) != NULL);
}

static gpointer
load_job (UdDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  gint64 *ids = data;   /* application id, member id */
  LoadAnswer *answer = g_new0 (LoadAnswer, 1);
  UdIllnessQuery query = { 0, NULL, NULL };

  if (ids[0] > 0)
    {
      answer->record = ud_illness_store_get (db, ids[0], error);
      if (answer->record == NULL)
        goto failed;
      answer->member = ud_illness_store_get_member (db, answer->record, NULL);
      answer->choices = ud_workflow_list_steps (db, answer->record);
      answer->flags = ud_illness_store_list_city_flags (db, answer->record->uuid, error);
      if (answer->flags == NULL)
        goto failed;
      answer->same_serial = ud_illness_store_list_same_serial (db, answer->record, error);
      if (answer->same_serial == NULL)
        goto failed;
    }
  else
    {
      answer->member = ud_member_store_get (db, ids[1], error);
      if (answer->member == NULL)
        goto failed;
      answer->record = ud_illness_application_new (answer->member);
    }

  if ((answer->facts = ud_illness_store_get_facts (db, answer->record, error)) == NULL ||
      (answer->rules = ud_reference_load_rules (db, error)) == NULL)
    goto failed;

  query.member_uuid = ud_record_get (answer->record, "member_uuid");
  answer->others = ud_illness_store_list (db, &query, error);
  if (answer->others == NULL)
    goto failed;

  /* The people the application names by user name, by their names. */
  answer->people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < answer->record->kind->n_fields; i++)
    {
      const char *username = answer->record->values[i];

      if ((answer->record->kind->fields[i].flags & UD_FIELD_ACCOUNT) && *username != '\0' &&
          !g_hash_table_contains (answer->people, username))
        g_hash_table_insert (answer->people, g_strdup (username), ud_account_display_name (db, username));
    }

  return answer;

failed:
  load_answer_free (answer);
  return NULL;
}

static void
set_busy (UdReliefEditor *self,
          gboolean        busy)
{
  self->busy = busy;
  if (busy)
    self->loaded = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", compute_can_save (self));
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdReliefEditor *self;
  LoadAnswer *answer;

  answer = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_RELIEF_EDITOR (user_data);
  set_busy (self, FALSE);
  gtk_spinner_stop (self->spinner);

  if (answer == NULL)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      if (parent != NULL)
        ud_widget_show_message (GTK_WIDGET (parent), error->message);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  g_clear_pointer (&self->record, ud_record_unref);
  g_clear_pointer (&self->member, ud_record_unref);
  g_clear_pointer (&self->rules, ud_relief_rules_unref);
  g_clear_pointer (&self->facts, ud_illness_facts_free);
  self->record = g_steal_pointer (&answer->record);
  self->member = g_steal_pointer (&answer->member);
  self->rules = g_steal_pointer (&answer->rules);
  self->facts = g_steal_pointer (&answer->facts);
  g_clear_pointer (&self->people, g_hash_table_unref);
  self->people = g_steal_pointer (&answer->people);
  self->id = self->record->id;

  fill_member (self, answer->others);
  fill_warnings (self, answer->flags, answer->same_serial);
  fill_form (self);
  ud_step_bar_set_record (self->step_bar, self->record->id > 0 ? self->record : NULL, answer->choices);
  ud_trail_view_set_record (self->trail_view, self->record->kind,
                            self->record->id > 0 ? self->record->uuid : NULL);
  load_answer_free (answer);

  self->loaded = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "form");
}

static void
load (UdReliefEditor *self,
      gint64          id,
      gint64          member_id)
{
  gint64 *ids = g_new0 (gint64, 2);

  ids[0] = id;
  ids[1] = member_id;
  set_busy (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->spinner);
  ud_db_worker_run_async (self->worker,
                          load_job, ids, g_free,
                          load_answer_free,
                          self->cancellable,
                          load_done, self);
}

/* Choosing the member ------------------------------------------------------ */

static gpointer
search_job (UdDatabase   *db,
            gpointer      data,
            GCancellable *cancellable,
            GError      **error)
{
  UdMemberQuery query = { data, NULL, NULL, NULL, 0, NULL, FALSE, 30 };
  g_autoptr(GArray) ids = ud_member_store_query (db, &query, cancellable, error);

  if (ids == NULL)
    return NULL;

  return ud_member_store_load (db, (const gint64 *)(gpointer)ids->data, ids->len, error);
}

static void
search_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  UdReliefEditor *self;
  GtkWidget *child;

  members = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_RELIEF_EDITOR (user_data);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->member_list))) != NULL)
    gtk_list_box_remove (self->member_list, child);
  g_array_set_size (self->found_members, 0);

  if (members == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  for (guint i = 0; i < members->len; i++)
    {
      UdRecord *member = g_ptr_array_index (members, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *id_number = ud_field_display (ud_kind_find_field (&ud_kind_member, "id_number"),
                                                     ud_record_get (member, "id_number"), TRUE);
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), id_number, ud_record_get (member, "unit"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ud_record_get (member, "name"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data (G_OBJECT (row), "ud-member-id", GSIZE_TO_POINTER ((gsize)member->id));
      gtk_list_box_append (self->member_list, row);
      g_array_append_val (self->found_members, member->id);
    }
}

static void
on_member_search_changed (UdReliefEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->member_search));

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();

  if (text == NULL || *text == '\0')
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->member_list))) != NULL)
        gtk_list_box_remove (self->member_list, child);
      g_array_set_size (self->found_members, 0);
      return;
    }

  ud_db_worker_run_async (self->worker,
                          search_job, g_strdup (text), g_free,
                          (GDestroyNotify)g_ptr_array_unref,
                          self->search_cancellable,
                          search_done, self);
}

static void
on_member_activated (GtkListBox     *list,
                     GtkListBoxRow  *row,
                     UdReliefEditor *self)
{
  ud_relief_editor_choose_member (self, (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "ud-member-id")));
}

/* Saving -------------------------------------------------------------------- */

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(UdRecord) record = NULL;
  UdReliefEditor *self;

  record = ud_db_worker_save_record_finish (result, &issues, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_RELIEF_EDITOR (user_data);
  self->busy = FALSE;
  self->loaded = TRUE;

  if (error != NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      update_problems (self);
      return;
    }

  if (record == NULL)
    {
      note_issues (self, issues, TRUE);
      update_problems (self);
      return;
    }

  g_signal_emit (self, signals[CHANGED], 0);
  {
    g_autofree char *message = g_strdup_printf (_("Saved as %s"), ud_record_get (record, "serial"));

    ud_widget_show_message (GTK_WIDGET (self->toast_overlay), message);
  }
  load (self, record->id, 0);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ud_relief_editor_save (UD_RELIEF_EDITOR (widget));
}

/* Steps --------------------------------------------------------------------- */

static void
on_step_taken (UdReliefEditor *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
  load (self, self->id, 0);
}

/* The public notice (公示) of an application is recorded once, from the
 * review until the payment. */
static gboolean
offer_step (const UdRecord       *record,
            const UdWorkflowStep *step,
            gpointer              user_data)
{
  return !g_str_equal (step->name, "notice") ||
         (*ud_record_get (record, "notice_from") == '\0' && !g_str_equal (ud_record_get (record, "status"), "paid"));
}

/* The approval: the amount starts as the rules' suggestion, lies within
 * the range of the rules in force on the application date, and another
 * amount needs its reason (the core says the same when it is taken). */
typedef struct
{
  UdFen suggested;
  UdFen min_amount;
  UdFen max_amount;
} AmountCheck;

static char *
check_amount (UdStepDialog *dialog,
              gpointer      user_data)
{
  AmountCheck *check = user_data;
  GtkWidget *amount_row = ud_step_dialog_get_field_row (dialog, "approved_amount");
  GtkWidget *reason_row = ud_step_dialog_get_field_row (dialog, "amount_reason");
  g_autofree char *amount = ud_step_dialog_get_field_text (dialog, "approved_amount");
  g_autofree char *reason = ud_step_dialog_get_field_text (dialog, "amount_reason");
  UdFen fen = 0;

  /* Nothing or no amount typed: the dialog says so itself. */
  if (*amount == '\0' || !ud_money_parse (amount, &fen, NULL))
    return NULL;

  if (fen < check->min_amount || fen > check->max_amount)
    {
      g_autofree char *min = ud_money_format (check->min_amount);
      g_autofree char *max = ud_money_format (check->max_amount);

      ud_widget_set_error (amount_row, TRUE);
      /* Translators: a field title, then the smallest and largest amounts */
      return g_strdup_printf (_("%s: must lie between %s and %s yuan"),
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (amount_row)), min, max);
    }
  if (fen != check->suggested && *reason == '\0')
    {
      ud_widget_set_error (reason_row, TRUE);
      /* Translators: a field title */
      return g_strdup_printf (_("%s: needed when the amount differs from the suggestion"),
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (reason_row)));
    }

  return NULL;
}

static void
on_dialog_opened (UdReliefEditor *self,
                  UdStepDialog   *dialog)
{
  AmountCheck *check;
  g_autofree char *suggested = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *text = NULL;
  GtkWidget *label;
  GDate date;

  if (!g_str_equal (ud_step_dialog_get_step (dialog)->name, "approve"))
    return;

  check = g_new0 (AmountCheck, 1);
  check->suggested = g_ascii_strtoll (ud_record_get (self->record, "suggested_amount"), NULL, 10);
  check->min_amount = 200000;
  check->max_amount = 2000000;
  if (self->rules != NULL && ud_date_parse (ud_record_get (self->record, "application_date"), &date, NULL))
    ud_relief_rules_amount_range (self->rules, &date, &check->min_amount, &check->max_amount);

  plain = ud_money_format_plain (check->suggested);
  ud_step_dialog_set_field_text (dialog, "approved_amount", plain);

  suggested = ud_money_format (check->suggested);
  /* Translators: the suggested amount */
  text = g_strdup_printf (_("The rules in force suggest %s yuan; another amount needs its reason."), suggested);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "dim-label");
  ud_step_dialog_add_extra (dialog, label);
  ud_step_dialog_add_check (dialog, check_amount, check, g_free);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  UdReliefEditor *self = UD_RELIEF_EDITOR (widget);
  UdPrintPreview *preview;

  if (self->record == NULL || self->record->uuid == NULL)
    return;

  preview = ud_print_preview_new (self->worker, self->record->uuid);
  gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (preview));
}

/* Every change to the application, field by field, from the audit trail;
 * the workflow's steps are in the editor itself. */
static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  UdReliefEditor *self = UD_RELIEF_EDITOR (widget);
  UdHistoryWindow *history;

  if (self->record == NULL || self->record->uuid == NULL || self->record->id <= 0)
    return;

  history = ud_history_window_new (self->worker, self->record->kind->name, self->record->uuid,
                                   ud_record_get (self->record, "serial"));
  gtk_window_set_transient_for (GTK_WINDOW (history), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (history));
}

/* GObject -------------------------------------------------------------------- */

static void
setup_rows (UdReliefEditor *self)
{
  const UdIllnessDocument *documents;
  guint n_documents;

  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      FieldState *state = &self->fields[i];
      int index = ud_kind_field_index (&ud_kind_illness_application, field_rows[i].field);

      g_assert (index >= 0);
      state->spec = &field_rows[i];
      state->index = (guint)index;
      state->field = &ud_kind_illness_application.fields[index];
      state->row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), UD_TYPE_RELIEF_EDITOR,
                                                              field_rows[i].row));
      g_assert (state->row != NULL);
      g_object_set_data (G_OBJECT (state->row), "ud-field-state", state);

      if (ADW_IS_COMBO_ROW (state->row))
        {
          if (!g_str_equal (field_rows[i].field, "disease"))
            ud_combo_row_set_choices (ADW_COMBO_ROW (state->row), state->field, _("Not known yet"));
          g_signal_connect_object (state->row, "notify::selected", G_CALLBACK (on_combo_selected), self, 0);
        }
      else
        {
          g_signal_connect_object (state->row, "changed", G_CALLBACK (on_entry_changed), self, 0);
        }
    }

  g_signal_connect_object (self->archived_switch, "notify::active", G_CALLBACK (on_other_changed), self, G_CONNECT_SWAPPED);

  documents = ud_illness_documents (&n_documents);
  for (guint i = 0; i < n_documents; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(documents[i].label));
      if (documents[i].family_only)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("When the patient is not the member"));
          g_object_set_data (G_OBJECT (check), "ud-family-only", GINT_TO_POINTER (TRUE));
        }
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (check), "ud-code", (gpointer)documents[i].code);
      g_signal_connect_object (check, "notify::active", G_CALLBACK (on_other_changed), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->documents_group, row);
      g_ptr_array_add (self->document_checks, check);
    }
}

static void
ud_relief_editor_dispose (GObject *object)
{
  UdReliefEditor *self = (UdReliefEditor *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_RELIEF_EDITOR);

  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_relief_editor_parent_class)->dispose (object);
}

static void
ud_relief_editor_finalize (GObject *object)
{
  UdReliefEditor *self = (UdReliefEditor *)object;

  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    g_free (self->fields[i].error);
  g_clear_pointer (&self->record, ud_record_unref);
  g_clear_pointer (&self->member, ud_record_unref);
  g_clear_pointer (&self->rules, ud_relief_rules_unref);
  g_clear_pointer (&self->facts, ud_illness_facts_free);
  g_clear_pointer (&self->diseases, g_ptr_array_unref);
  g_clear_pointer (&self->document_checks, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_hash_table_unref);
  g_clear_pointer (&self->found_members, g_array_unref);
  g_clear_pointer (&self->suggestion, g_free);
  g_clear_pointer (&self->reasons, g_free);
  g_clear_pointer (&self->diseases_version, g_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);

  G_OBJECT_CLASS (ud_relief_editor_parent_class)->finalize (object);
}

static void
ud_relief_editor_class_init (UdReliefEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_relief_editor_dispose;
  object_class->finalize = ud_relief_editor_finalize;

  /**
   * UdReliefEditor::changed:
   *
   * The application was written: saved, or moved a step.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (UD_TYPE_STEP_BAR);
  g_type_ensure (UD_TYPE_TRAIL_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/relief/ud-relief-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, member_search);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, member_list);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, workflow_group);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, step_bar);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, print_button);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, history_button);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, member_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, prior_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, self_paid_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, self_paid_label);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, archived_switch);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, archived_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, amount_label);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, tier_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, tier_label);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, reasons_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, rules_row);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, rules_label);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, documents_group);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, trail_view);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, illness_problems);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, costs_problems);
  gtk_widget_class_bind_template_child (widget_class, UdReliefEditor, household_problems);
  gtk_widget_class_bind_template_callback (widget_class, on_member_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_member_activated);

  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    gtk_widget_class_bind_template_child_full (widget_class, field_rows[i].row, FALSE, 0);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "editor.history", NULL, history_action);
}

static void
ud_relief_editor_init (UdReliefEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->document_checks = g_ptr_array_new ();
  self->found_members = g_array_new (FALSE, FALSE, sizeof (gint64));
  setup_rows (self);
  ud_step_bar_set_filter (self->step_bar, offer_step, NULL, NULL);
  g_signal_connect_object (self->step_bar, "dialog-opened", G_CALLBACK (on_dialog_opened), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->step_bar, "step-taken", G_CALLBACK (on_step_taken), self, G_CONNECT_SWAPPED);

  gtk_window_set_title (GTK_WINDOW (self), _("New Application"));
  adw_window_title_set_title (self->window_title, _("New Application"));
  adw_window_title_set_subtitle (self->window_title, _("Choose the member"));
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

UdReliefEditor *
ud_relief_editor_new (UdDbWorker *worker,
                      gint64      id)
{
  UdReliefEditor *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (id >= 0, NULL);

  self = g_object_new (UD_TYPE_RELIEF_EDITOR, NULL);
  self->worker = g_object_ref (worker);
  self->id = id;
  ud_step_bar_set_worker (self->step_bar, worker);
  ud_trail_view_set_worker (self->trail_view, worker);

  if (id > 0)
    load (self, id, 0);
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "choose");
      gtk_widget_grab_focus (GTK_WIDGET (self->member_search));
    }

  return self;
}

const char *
ud_relief_editor_get_page (UdReliefEditor *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_EDITOR (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
ud_relief_editor_get_loaded (UdReliefEditor *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_EDITOR (self), FALSE);

  return self->loaded && !self->busy &&
         ud_step_bar_get_ready (self->step_bar) && ud_trail_view_get_loaded (self->trail_view);
}

void
ud_relief_editor_choose_member (UdReliefEditor *self,
                                gint64          member_id)
{
  g_return_if_fail (UD_IS_RELIEF_EDITOR (self));
  g_return_if_fail (member_id > 0);

  load (self, 0, member_id);
}

UdRecord *
ud_relief_editor_get_record (UdReliefEditor *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_EDITOR (self), NULL);

  return self->record;
}

GtkWidget *
ud_relief_editor_get_row (UdReliefEditor *self,
                          const char     *field_name)
{
  FieldState *state;

  g_return_val_if_fail (UD_IS_RELIEF_EDITOR (self), NULL);

  if (g_strcmp0 (field_name, "archived") == 0)
    return GTK_WIDGET (self->archived_switch);

  state = find_state (self, field_name);
  return state != NULL ? state->row : NULL;
}

const char *
ud_relief_editor_get_field_error (UdReliefEditor *self,
                                  const char     *field_name)
{
  FieldState *state;

  g_return_val_if_fail (UD_IS_RELIEF_EDITOR (self), NULL);

  state = find_state (self, field_name);
  return state != NULL ? state->error : NULL;
}

const char *
ud_relief_editor_get_suggestion (UdReliefEditor *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_EDITOR (self), NULL);

  return self->suggestion;
}

const char *
ud_relief_editor_get_reasons (UdReliefEditor *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_EDITOR (self), NULL);

  return self->reasons;
}

gboolean
ud_relief_editor_get_can_save (UdReliefEditor *self)
{
  g_return_val_if_fail (UD_IS_RELIEF_EDITOR (self), FALSE);

  return compute_can_save (self);
}

void
ud_relief_editor_save (UdReliefEditor *self)
{
  g_autoptr(UdRecord) record = NULL;

  g_return_if_fail (UD_IS_RELIEF_EDITOR (self));

  if (!compute_can_save (self))
    {
      for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
        self->fields[i].touched = TRUE;
      update_problems (self);
      return;
    }

  record = record_from_form (self);

  self->busy = TRUE;
  update_problems (self);
  ud_db_worker_save_record_async (self->worker, ud_illness_store_save, record,
                                  self->cancellable, save_done, self);
}

char *
ud_relief_editor_get_warnings (UdReliefEditor *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (UD_IS_RELIEF_EDITOR (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->warnings_group)))
    return g_string_free (text, FALSE);
  for (GtkWidget *box = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_box));
       box != NULL; box = gtk_widget_get_next_sibling (box))
    {
      GtkWidget *label = gtk_widget_get_last_child (box);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, gtk_label_get_label (GTK_LABEL (label)));
    }

  return g_string_free (text, FALSE);
}
