/* ud-workflow.c — taking the steps of a record's workflow
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-workflow"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-workflow.h"
#include "ud-account.h"
#include "ud-audit-detail.h"
#include "ud-permission.h"
#include "ud-record-store-private.h"
#include "ud-validate.h"

#define OPINION_MAX_CHARS 500
#define SIGNER_MAX_CHARS  40

G_DEFINE_QUARK (ud-workflow-error-quark, ud_workflow_error)

/* An opinion as it will be stored: trimmed, with its signer and date. */
typedef struct
{
  char *opinion;
  char *signer;
  char *signed_on;
} Opinion;

static void
opinion_clear (Opinion *opinion)
{
  g_clear_pointer (&opinion->opinion, g_free);
  g_clear_pointer (&opinion->signer, g_free);
  g_clear_pointer (&opinion->signed_on, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Opinion, opinion_clear)

static char *
today_iso (void)
{
  GDate today;

  ud_date_today (&today);
  return ud_date_to_iso (&today);
}

/* The name to print under an opinion the acting person gives. */
static const char *
acting_name (UdDatabase *db)
{
  UdSession *session = ud_database_get_session (db);

  if (session != NULL)
    return ud_session_get_display_name (session);

  return ud_database_get_actor (db);
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (UD_WORKFLOW_ERROR, UD_WORKFLOW_ERROR_INVALID, format, args);
  va_end (args);

  return FALSE;
}

/* @paper: copied from a paper form, whose signer is not the person
 * typing it (left blank unless given). */
static gboolean
read_opinion (UdDatabase       *db,
              const UdStepOpinion  *in,
              gboolean          paper,
              const char       *what,
              Opinion          *out,
              GError          **error)
{
  g_autofree char *today = today_iso ();
  GDate date;

  out->opinion = ud_text_strip (in != NULL ? in->opinion : NULL);
  if (*out->opinion == '\0')
    /* TRANSLATORS: whose opinion, e.g. “Opinion of the grassroots union” */
    return invalid (error, _("%s: must not be empty."), what);
  if (g_utf8_strlen (out->opinion, -1) > OPINION_MAX_CHARS)
    return invalid (error, _("%s: at most %u characters."), what, OPINION_MAX_CHARS);

  if (!ud_text_is_blank (in->signer))
    out->signer = ud_text_strip (in->signer);
  else
    out->signer = g_strdup (paper ? "" : acting_name (db));
  if (g_utf8_strlen (out->signer, -1) > SIGNER_MAX_CHARS)
    return invalid (error, _("Signed by: at most %u characters."), SIGNER_MAX_CHARS);

  if (in->signed_on == NULL || *in->signed_on == '\0')
    out->signed_on = g_strdup (today);
  else if (!ud_date_parse (in->signed_on, &date, NULL))
    return invalid (error, _("Signed on: give a date as YYYY-MM-DD, such as 2024-09-01."));
  else
    out->signed_on = ud_date_to_iso (&date);

  if (strcmp (out->signed_on, today) > 0)
    return invalid (error, _("Signed on: %s is in the future."), out->signed_on);

  return TRUE;
}

/* Monday to Friday from @from_iso to @to_iso, both included, counted up
 * to @enough. */
static guint
working_days (const char *from_iso,
              const char *to_iso,
              guint       enough)
{
  GDate day;
  GDate last;
  guint n = 0;

  if (!ud_date_parse (from_iso, &day, NULL) || !ud_date_parse (to_iso, &last, NULL))
    return 0;

  for (; g_date_compare (&day, &last) <= 0 && n < enough; g_date_add_days (&day, 1))
    if (g_date_get_weekday (&day) < G_DATE_SATURDAY)
      n++;

  return n;
}

void
ud_workflow_notice_shortest_end (const UdWorkflowStep *step,
                                 const GDate          *from,
                                 GDate                *end)
{
  guint n = 0;

  g_return_if_fail (step != NULL && step->notice_working_days > 0);
  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (end != NULL);

  *end = *from;
  for (;;)
    {
      if (g_date_get_weekday (end) < G_DATE_SATURDAY && ++n == step->notice_working_days)
        return;
      g_date_add_days (end, 1);
    }
}

/* The fields @step asks for, from what was typed, in their stored form
 * (NULL-terminated, one per step field). */
static char **
read_fields (const UdKind          *kind,
             const UdWorkflowStep  *step,
             const UdStepInput     *input,
             GError               **error)
{
  g_auto(GStrv) values = g_new0 (char *, step->n_fields + 1);
  g_autofree char *today = today_iso ();

  for (guint i = 0; i < step->n_fields; i++)
    {
      const UdStepField *wanted = &step->fields[i];
      const UdField *field = ud_kind_find_field (kind, wanted->field);
      const char *label = _(field->label);
      g_autofree char *typed = ud_text_strip (input != NULL && input->values != NULL ? input->values[i] : NULL);

      g_assert (field != NULL);

      if (*typed == '\0' && !wanted->required)
        {
          values[i] = g_strdup ("");
          continue;
        }

      switch (field->type)
        {
        case UD_FIELD_DATE:
          {
            GDate date;

            if (!ud_date_parse (typed, &date, NULL))
              {
                /* TRANSLATORS: a field label */
                invalid (error, _("%s: give a date as YYYY-MM-DD, such as 2024-09-01."), label);
                return NULL;
              }
            values[i] = ud_date_to_iso (&date);
            if (!wanted->future_allowed && strcmp (values[i], today) > 0)
              {
                /* TRANSLATORS: a field label, then a date */
                invalid (error, _("%s: %s is in the future."), label, values[i]);
                return NULL;
              }
          }
          break;

        case UD_FIELD_TEXT:
          if (*typed == '\0' || (field->max_length > 0 && (guint) g_utf8_strlen (typed, -1) > field->max_length))
            {
              if (wanted->hint != NULL)
                /* TRANSLATORS: a field label, what to write in it, then a number of characters */
                invalid (error, _("%s: %s, at most %u characters."), label, _(wanted->hint), field->max_length);
              else if (*typed == '\0')
                invalid (error, _("%s: must not be empty."), label);
              else
                invalid (error, _("%s: at most %u characters."), label, field->max_length);
              return NULL;
            }
          values[i] = g_steal_pointer (&typed);
          break;

        default:
          {
            g_autoptr(GPtrArray) issues = ud_issue_list_new ();
            g_autofree char *value = ud_field_normalize (field, typed, issues);

            if (value != NULL && *value == '\0')
              ud_issue_list_add_required (issues, field);
            if (ud_issue_list_first_error (issues, 0) != NULL)
              {
                invalid (error, "%s", ud_issue_list_first_error (issues, 0)->message);
                return NULL;
              }
            values[i] = g_steal_pointer (&value);
          }
          break;
        }
    }

  /* A public notice: from its first day to its last, long enough. */
  if (step->notice_working_days > 0)
    {
      const char *to_label = _(ud_kind_find_field (kind, step->fields[1].field)->label);
      guint days;

      g_assert (step->n_fields >= 2);

      if (strcmp (values[1], values[0]) < 0)
        {
          invalid (error, _("%s: cannot be before the notice starts."), to_label);
          return NULL;
        }
      days = working_days (values[0], values[1], step->notice_working_days);
      if (days < step->notice_working_days)
        {
          invalid (error,
                   /* TRANSLATORS: a field label, the working days needed, the two dates, then the working days they hold */
                   _("%s: a public notice lasts at least %u working days; %s – %s has %u (Monday to Friday; public holidays are not counted out, check them yourself)."),
                   to_label, step->notice_working_days, values[0], values[1], days);
          return NULL;
        }
    }

  return g_steal_pointer (&values);
}

char *
ud_workflow_describe_states (const UdWorkflow   *workflow,
                             const UdKind       *kind,
                             const char * const *states)
{
  const UdField *field;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (workflow != NULL && kind != NULL && states != NULL, NULL);

  field = ud_kind_find_field (kind, workflow->state_field);
  for (guint i = 0; states[i] != NULL; i++)
    {
      if (i > 0)
        /* TRANSLATORS: between two states a record may be in */
        g_string_append (text, _(" or "));
      g_string_append_printf (text, "“%s”", ud_field_choice_label (field, states[i]));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
same_account (const char *a,
              const char *b)
{
  /* User names are unique without regard to case (COLLATE NOCASE). */
  return a != NULL && b != NULL && *a != '\0' && g_ascii_strcasecmp (a, b) == 0;
}

/* Whether the acting account may take @step: its permission (either of
 * two, for some steps). */
static gboolean
require_step_permission (UdDatabase            *db,
                         const UdWorkflowStep  *step,
                         GError               **error)
{
  if (step->has_other_permission && ud_database_may (db, step->permission))
    return TRUE;

  return ud_database_require (db, step->has_other_permission ? step->other_permission : step->permission,
                              error);
}

/* The separation of duties: the acting account is none of those the step
 * excludes. */
static gboolean
check_duties (UdDatabase            *db,
              const UdWorkflowStep  *step,
              const UdRecord        *record,
              GError               **error)
{
  const char *actor = ud_database_get_actor (db);

  for (guint i = 0; i < step->n_duties; i++)
    if (same_account (ud_record_get (record, step->duties[i].field), actor))
      {
        g_autoptr(GString) refusal = g_string_new (_(step->duties[i].refusal));

        /* The refusal names the person where its text says %s. */
        g_string_replace (refusal, "%s", acting_name (db), 1);
        g_set_error_literal (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_SEPARATION_OF_DUTIES,
                             refusal->str);
        return FALSE;
      }

  return TRUE;
}

void
ud_step_choice_free (UdStepChoice *choice)
{
  if (choice == NULL)
    return;

  g_free (choice->refusal);
  g_free (choice);
}

GPtrArray *
ud_workflow_list_steps (UdDatabase     *db,
                        const UdRecord *record)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_step_choice_free);
  const UdWorkflow *workflow;
  const char *state;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (record != NULL && record->kind->workflow != NULL, NULL);

  workflow = record->kind->workflow;
  state = ud_record_get (record, workflow->state_field);
  if (record->deleted)
    return g_steal_pointer (&choices);

  for (guint i = 0; i < workflow->n_steps; i++)
    {
      const UdWorkflowStep *step = &workflow->steps[i];
      UdStepChoice *choice;
      g_autoptr(GError) why = NULL;

      if (!g_strv_contains (step->from, state))
        continue;

      choice = g_new0 (UdStepChoice, 1);
      choice->step = step;
      choice->allowed = require_step_permission (db, step, &why) && check_duties (db, step, record, &why);
      if (!choice->allowed)
        choice->refusal = g_strdup (why->message);
      g_ptr_array_add (choices, choice);
    }

  return g_steal_pointer (&choices);
}

/* The local day of a UTC time stamp as stored (YYYY-MM-DD), or "". */
static char *
local_day (const char *at)
{
  g_autoptr(GDateTime) utc = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* The latest date written on the papers of the steps since @record last
 * started in its initial state ("" when none), and what carries it.  A
 * step dated the day it was typed carries no date of its own: it was
 * given none, or the paper's is that day. */
static gboolean
last_date (UdDatabase      *db,
           const UdRecord  *record,
           char           **date,
           char           **what,
           GError         **error)
{
  const UdWorkflow *workflow = record->kind->workflow;
  g_autoptr(GPtrArray) trail = NULL;

  *date = g_strdup ("");
  *what = g_strdup ("");

  trail = ud_trail_list (db, record->kind, record->uuid, error);
  if (trail == NULL)
    return FALSE;

  for (guint i = 0; i < trail->len; i++)
    {
      UdTrailStep *entry = g_ptr_array_index (trail, i);
      const UdWorkflowStep *step = ud_workflow_find_step (workflow, entry->step);
      g_autofree char *typed_on = NULL;

      /* Returned: its papers are dated afresh. */
      if (step != NULL && g_strcmp0 (step->to, workflow->initial_state) == 0)
        {
          g_free (*date);
          *date = g_strdup ("");
          continue;
        }
      if (entry->signed_on == NULL || strcmp (entry->signed_on, *date) <= 0)
        continue;
      typed_on = local_day (entry->at);
      if (g_str_equal (typed_on, entry->signed_on))
        continue;

      g_free (*date);
      *date = g_strdup (entry->signed_on);
      g_free (*what);
      *what = g_strdup (ud_workflow_trail_label (workflow, entry->step));
    }

  return TRUE;
}

/* Each date the step records is on or after the one before it. */
static gboolean
check_date_order (const char  *label,
                  const char  *date,
                  char       **last,
                  char       **last_what,
                  GError     **error)
{
  if (date == NULL || *date == '\0')
    return TRUE;

  if (**last != '\0' && strcmp (date, *last) < 0)
    return invalid (error,
                    /* TRANSLATORS: whose date, the date given, what comes before it (a step of the
                     * trail, or the application date), then its date */
                    _("%s: the date %s is before “%s” (%s), which it follows."),
                    label, date, *last_what, *last);

  g_free (*last);
  *last = g_strdup (date);
  g_free (*last_what);
  *last_what = g_strdup (label);
  return TRUE;
}

gboolean
_ud_workflow_record_created (UdDatabase      *db,
                             const UdRecord  *record,
                             GError         **error)
{
  g_return_val_if_fail (record != NULL && record->kind->workflow != NULL, FALSE);

  return _ud_trail_add (db, record, record->kind->workflow->created_step, "", "", NULL, error);
}

gboolean
ud_workflow_take (UdDatabase         *db,
                  const UdKind       *kind,
                  gint64              id,
                  const char         *step_name,
                  const UdStepInput  *input,
                  UdRecord          **result,
                  GError            **error)
{
  const UdWorkflow *workflow;
  const UdWorkflowStep *step;
  g_autofree Opinion *papers = NULL;
  g_auto(Opinion) opinion = { NULL, };
  g_auto(GStrv) values = NULL;
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *today = today_iso ();
  g_autofree char *last = NULL;
  g_autofree char *last_what = NULL;
  g_autofree char *period = NULL;
  g_autofree char *detail = NULL;
  const char *trail_text = "";
  const char *trail_date = NULL;
  const char *state;
  gboolean ok = FALSE;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind != NULL && kind->workflow != NULL, FALSE);
  g_return_val_if_fail (step_name != NULL, FALSE);

  workflow = kind->workflow;
  step = ud_workflow_find_step (workflow, step_name);
  g_return_val_if_fail (step != NULL, FALSE);

  if (!require_step_permission (db, step, error))
    return FALSE;

  /* What was typed, before anything is read: the papers first, as they
   * come on the form, then the step's own opinion and fields. */
  papers = g_new0 (Opinion, MAX (step->n_papers, 1));
  for (guint i = 0; i < step->n_papers; i++)
    {
      const UdStepOpinion *paper = input != NULL && input->papers != NULL ? &input->papers[i] : NULL;
      gboolean given = paper != NULL && paper->opinion != NULL && *paper->opinion != '\0';

      if ((given || step->papers[i].required) &&
          !read_opinion (db, paper, TRUE, _(step->papers[i].label), &papers[i], error))
        goto done;
    }
  if (step->opinion == UD_OPINION_REQUIRED &&
      !read_opinion (db, input != NULL ? &input->opinion : NULL, step->from_paper,
                     _(step->opinion_label), &opinion, error))
    goto done;
  values = read_fields (kind, step, input, error);
  if (values == NULL)
    goto done;

  if (!ud_database_begin (db, error))
    goto done;

  existing = _ud_record_store_read (db, kind, id, &local_error);
  if (existing == NULL || existing->deleted)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, UD_WORKFLOW_ERROR, UD_WORKFLOW_ERROR_NOT_FOUND,
                             _("The record no longer exists; it may have been deleted in the meantime."));
      goto failed;
    }

  state = ud_record_get (existing, workflow->state_field);
  if (!g_strv_contains (step->from, state))
    {
      const char * const now[] = { state, NULL };
      g_autofree char *is = ud_workflow_describe_states (workflow, kind, now);
      g_autofree char *needed = ud_workflow_describe_states (workflow, kind, step->from);

      g_set_error (&local_error, UD_WORKFLOW_ERROR, UD_WORKFLOW_ERROR_WRONG_STATE,
                   /* TRANSLATORS: a record ("Application") and what names it, its state, then the
                    * state(s) the step needs */
                   _("%s %s is %s; this step needs it to be %s."),
                   _(workflow->noun), ud_record_get (existing, workflow->name_field), is, needed);
      goto failed;
    }

  if (!check_duties (db, step, existing, &local_error))
    goto failed;

  record = ud_record_copy (existing);
  if (step->to != NULL)
    ud_record_set (record, workflow->state_field, step->to);
  if (step->actor_field != NULL)
    ud_record_set (record, step->actor_field, ud_database_get_actor (db));
  if (step->date_field != NULL)
    ud_record_set (record, step->date_field, today);
  for (guint i = 0; i < step->n_fields; i++)
    ud_record_set (record, step->fields[i].field, values[i]);

  if (step->notice_working_days > 0)
    trail_text = period = g_strdup_printf ("%s – %s", values[0], values[1]);
  if (step->trail_text_field != NULL)
    trail_text = ud_record_get (record, step->trail_text_field);
  if (step->trail_date_field != NULL)
    trail_date = ud_record_get (record, step->trail_date_field);

  /* The papers, the opinion and the step are dated in the order they
   * follow one another. */
  if (!last_date (db, existing, &last, &last_what, &local_error))
    goto failed;
  for (guint i = 0; i < step->n_papers; i++)
    if (!check_date_order (_(step->papers[i].label), papers[i].signed_on, &last, &last_what, &local_error))
      goto failed;
  if (!check_date_order (step->opinion_label != NULL ? _(step->opinion_label) : _(step->trail_label),
                         opinion.signed_on, &last, &last_what, &local_error))
    goto failed;
  if (trail_date != NULL &&
      !check_date_order (_(ud_kind_find_field (kind, step->trail_date_field)->label),
                         trail_date, &last, &last_what, &local_error))
    goto failed;

  if (step->apply != NULL && !step->apply (db, step, record, opinion.opinion, &local_error))
    goto failed;

  detail = ud_audit_detail_new ("step", "step", step->name, NULL);
  if (!_ud_record_store_write (db, record, existing, detail, &local_error))
    goto failed;
  for (guint i = 0; i < step->n_papers; i++)
    if (papers[i].opinion != NULL &&
        !_ud_trail_add (db, record, step->papers[i].step, papers[i].opinion, papers[i].signer,
                        papers[i].signed_on, &local_error))
      goto failed;
  if (!_ud_trail_add (db, record, step->name,
                      opinion.opinion != NULL ? opinion.opinion : trail_text,
                      opinion.signer != NULL ? opinion.signer : "",
                      opinion.signed_on != NULL ? opinion.signed_on : trail_date,
                      &local_error) ||
      !ud_database_commit (db, &local_error))
    goto failed;

  if (result != NULL)
    *result = g_steal_pointer (&record);
  ok = TRUE;
  goto done;

failed:
  ud_database_rollback (db);
  g_propagate_error (error, g_steal_pointer (&local_error));
done:
  for (guint i = 0; i < step->n_papers; i++)
    opinion_clear (&papers[i]);
  return ok;
}
