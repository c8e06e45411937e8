/* ud-hardship-workflow.c — the steps of a hardship archive (DOMAIN §4)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-hardship-workflow"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-hardship-workflow.h"
#include "ud-hardship-kind.h"
#include "ud-hardship-private.h"
#include "ud-record.h"
#include "ud-validate.h"

static gboolean
refuse (GError     **error,
        gint         code,
        const char  *format,
        ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError     **error,
        gint         code,
        const char  *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, UD_HARDSHIP_ERROR, code, message);
  return FALSE;
}

static const char *
label (const UdRecord *record,
       const char     *field)
{
  return ud_kind_get_field_label (record->kind, field);
}

static char *
date_after_months (const char *iso,
                   guint       months)
{
  GDate date;

  if (!ud_date_parse (iso, &date, NULL))
    return g_strdup ("");
  g_date_add_months (&date, months);
  return ud_date_to_iso (&date);
}

/* draft → first review: the grassroots union's opinion from paper after
 * its home visit, with the household's signed consent to the economy
 * check; the category computed again, and a category chosen. */
static gboolean
submit_apply (UdDatabase            *db,
              const UdWorkflowStep  *step,
              UdRecord              *record,
              const char            *opinion,
              GError               **error)
{
  g_auto(UdHardshipQuote) quote = { 0, };

  if (!g_str_equal (ud_record_get (record, "consent_signed"), "yes"))
    return refuse (error, UD_HARDSHIP_ERROR_INVALID,
                   /* TRANSLATORS: a field label */
                   _("%s: the household must sign the consent to the household-economy check before the first review."),
                   label (record, "consent_signed"));
  if (strcmp (ud_record_get (record, "home_visit_on"), ud_record_get (record, "application_date")) < 0)
    return refuse (error, UD_HARDSHIP_ERROR_INVALID,
                   /* TRANSLATORS: a field label, then the application date */
                   _("%s: the home visit cannot come before the application on %s."),
                   label (record, "home_visit_on"), ud_record_get (record, "application_date"));

  if (!_ud_hardship_compute (db, record, NULL, &quote, error))
    return FALSE;
  if (g_str_equal (ud_record_get (record, "category"), "none") || *ud_record_get (record, "category") == '\0')
    return refuse (error, UD_HARDSHIP_ERROR_NOT_ELIGIBLE,
                   _("Category: the household is not in hardship under the rules; choose a category and write down why, or keep the archive as a draft."));

  ud_record_set (record, "status_note", "");
  return TRUE;
}

/* Sent back to the clerk, saying why: reviewed again from the start. */
static gboolean
return_apply (UdDatabase            *db,
              const UdWorkflowStep  *step,
              UdRecord              *record,
              const char            *opinion,
              GError               **error)
{
  ud_record_set (record, "status_note", opinion);
  ud_record_set (record, "reviewed_by", "");
  ud_record_set (record, "notice_from", "");
  ud_record_set (record, "notice_to", "");
  return TRUE;
}

static gboolean
reject_apply (UdDatabase            *db,
              const UdWorkflowStep  *step,
              UdRecord              *record,
              const char            *opinion,
              GError               **error)
{
  ud_record_set (record, "status_note", opinion);
  return TRUE;
}

/* The public notice has ended: it ran its working days before anyone
 * decides. */
static gboolean
notice_over (const UdRecord  *record,
             const char      *to_field,
             GError         **error)
{
  g_autofree char *today = _ud_hardship_today ();

  if (strcmp (ud_record_get (record, to_field), today) >= 0)
    return refuse (error, UD_HARDSHIP_ERROR_INVALID,
                   /* TRANSLATORS: the last day of a public notice */
                   _("The public notice runs until %s: the decision comes after it."),
                   ud_record_get (record, to_field));
  return TRUE;
}

/* noticed → archived: the rule computed again; not eligible is refused
 * unless only exclusions fail and the approver overrides them with a
 * reason.  The next visit is due 6 months on. */
static gboolean
approve_apply (UdDatabase            *db,
               const UdWorkflowStep  *step,
               UdRecord              *record,
               const char            *opinion,
               GError               **error)
{
  g_auto(UdHardshipQuote) quote = { 0, };
  g_autoptr(GString) exclusions = g_string_new (NULL);
  const UdField *failed_field = ud_kind_find_field (record->kind, "failed_rules");
  const char *override = ud_record_get (record, "exclusion_override");

  if (!notice_over (record, "notice_to", error))
    return FALSE;
  if (!_ud_hardship_compute (db, record, NULL, &quote, error))
    return FALSE;

  for (guint i = 0; i < quote.failed->len; i++)
    {
      const char *code = g_ptr_array_index (quote.failed, i);

      if (g_str_equal (code, "migrant_under_one_year"))
        return refuse (error, UD_HARDSHIP_ERROR_NOT_ELIGIBLE,
                       /* TRANSLATORS: the archive's serial number */
                       _("Archive %s: a migrant worker needs a year of employment; the archive can be rejected, not approved."),
                       ud_record_get (record, "serial"));
      if (g_str_equal (code, "not_in_hardship"))
        {
          if (g_str_equal (ud_record_get (record, "category"), "none"))
            return refuse (error, UD_HARDSHIP_ERROR_NOT_ELIGIBLE,
                           _("Archive %s: the household is not in hardship under the rules and no other category was chosen."),
                           ud_record_get (record, "serial"));
          continue;
        }
      if (exclusions->len > 0)
        g_string_append (exclusions, _(", "));
      g_string_append (exclusions, ud_field_choice_label (failed_field, code));
    }

  if (exclusions->len > 0 && *override == '\0')
    return refuse (error, UD_HARDSHIP_ERROR_NOT_ELIGIBLE,
                   /* TRANSLATORS: the archive's serial number, then the exclusions */
                   _("Archive %s has an exclusion (%s): it is archived only if the approver overrides it and writes down why."),
                   ud_record_get (record, "serial"), exclusions->str);
  if (exclusions->len == 0)
    ud_record_set (record, "exclusion_override", "");

  ud_record_set (record, "status_note", "");
  return TRUE;
}

/* The annual review in the fourth quarter (October to December), once a
 * year: kept, its category changed (with the opinion as the reason), or
 * to leave. */
static gboolean
annual_review_apply (UdDatabase            *db,
                     const UdWorkflowStep  *step,
                     UdRecord              *record,
                     const char            *opinion,
                     GError               **error)
{
  const char *outcome = ud_record_get (record, "review_outcome");
  const char *category = ud_record_get (record, "review_category");
  GDate date;

  ud_date_parse (ud_record_get (record, "reviewed_on"), &date, NULL);
  if (g_date_get_month (&date) < G_DATE_OCTOBER)
    return refuse (error, UD_HARDSHIP_ERROR_INVALID,
                   /* TRANSLATORS: a field label, then a date */
                   _("%s: the annual review is made in the fourth quarter (October to December), not on %s."),
                   label (record, "reviewed_on"), ud_record_get (record, "reviewed_on"));

  if (g_str_equal (outcome, "changed"))
    {
      if (*category == '\0' || g_str_equal (category, ud_record_get (record, "category")))
        return refuse (error, UD_HARDSHIP_ERROR_INVALID,
                       /* TRANSLATORS: a field label */
                       _("%s: give the new category, other than the present one."),
                       label (record, "review_category"));
      ud_record_set (record, "category", category);
      ud_record_set (record, "category_reason", opinion);
    }
  else
    ud_record_set (record, "review_category", "");

  return TRUE;
}

/* archived → left (脱困退档): the reason, a notice of 5 working days, and
 * 6 months of follow-up visits. */
static gboolean
leave_apply (UdDatabase            *db,
             const UdWorkflowStep  *step,
             UdRecord              *record,
             const char            *opinion,
             GError               **error)
{
  g_autofree char *until = NULL;

  if (!notice_over (record, "leave_notice_to", error))
    return FALSE;
  until = date_after_months (ud_record_get (record, "left_on"), UD_HARDSHIP_VISIT_MONTHS);
  ud_record_set (record, "follow_up_until", until);
  ud_record_set (record, "returned_on", "");
  return TRUE;
}

/* left → archived (返困): hardship has come back. */
static gboolean
come_back_apply (UdDatabase            *db,
                 const UdWorkflowStep  *step,
                 UdRecord              *record,
                 const char            *opinion,
                 GError               **error)
{
  ud_record_set (record, "left_on", "");
  ud_record_set (record, "follow_up_until", "");
  ud_record_set (record, "leave_notice_from", "");
  ud_record_set (record, "leave_notice_to", "");
  return TRUE;
}

/* Whoever created an archive does not review nor approve it; the
 * reviewer and the approver are different people. */
static const UdDutyRule review_duties[] = {
  { "created_by", N_("“%s” created this archive and so may not review it: another reviewer must.") },
};

static const UdDutyRule decision_duties[] = {
  { "created_by",  N_("“%s” created this archive and so may not approve it: another approver must decide.") },
  { "reviewed_by", N_("“%s” reviewed this archive and so may not also approve it: the reviewer and the approver must be different people.") },
};

static const UdStepField submit_fields[] = {
  { "home_visit_on", TRUE, FALSE, NULL },
};

/* A notice may still be running when it is recorded. */
static const UdStepField notice_fields[] = {
  { "notice_from", TRUE, FALSE, NULL },
  { "notice_to",   TRUE, TRUE,  NULL },
};

static const UdStepField approve_fields[] = {
  { "exclusion_override", FALSE, FALSE, NULL },
};

static const UdStepField annual_review_fields[] = {
  { "reviewed_on",     TRUE,  FALSE, NULL },
  { "review_outcome",  TRUE,  FALSE, NULL },
  { "review_category", FALSE, FALSE, NULL },
};

static const UdStepField leave_fields[] = {
  { "leave_notice_from", TRUE, FALSE, NULL },
  { "leave_notice_to",   TRUE, FALSE, NULL },
};

static const UdWorkflowStep steps[] = {
  {
    .name = "submit",
    .label = N_("Record First Review"),
    .trail_label = N_("First review and home visit by the grassroots union"),
    .from = UD_STRV ("draft"),
    .to = "submitted",
    .permission = UD_PERMISSION_CREATE_APPLICATION,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Opinion of the grassroots union"),
    .from_paper = TRUE,
    .fields = submit_fields,
    .n_fields = G_N_ELEMENTS (submit_fields),
    .apply = submit_apply,
  },
  {
    .name = "street",
    .label = N_("Record Street Review"),
    .trail_label = N_("Reviewed by the street or township union"),
    .from = UD_STRV ("submitted"),
    .to = "street_reviewed",
    .permission = UD_PERMISSION_CREATE_APPLICATION,
    .other_permission = UD_PERMISSION_REVIEW_APPLICATION,
    .has_other_permission = TRUE,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Opinion of the street or township union"),
    .from_paper = TRUE,
  },
  {
    .name = "review",
    .label = N_("Review"),
    .trail_label = N_("Reviewed by the district hardship-aid centre"),
    .from = UD_STRV ("street_reviewed"),
    .to = "centre_reviewed",
    .permission = UD_PERMISSION_REVIEW_APPLICATION,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Review opinion of the hardship-aid centre"),
    .duties = review_duties,
    .n_duties = G_N_ELEMENTS (review_duties),
    .actor_field = "reviewed_by",
  },
  {
    .name = "notice",
    .label = N_("Record Public Notice"),
    .trail_label = N_("Public notice"),
    .from = UD_STRV ("centre_reviewed"),
    .to = "noticed",
    .permission = UD_PERMISSION_CREATE_APPLICATION,
    .fields = notice_fields,
    .n_fields = G_N_ELEMENTS (notice_fields),
    /* DOMAIN §4: a public notice runs at least 5 working days. */
    .notice_working_days = 5,
  },
  {
    .name = "approve",
    .label = N_("Approve and Archive"),
    .trail_label = N_("Approved and archived"),
    .from = UD_STRV ("noticed"),
    .to = "archived",
    .permission = UD_PERMISSION_APPROVE_APPLICATION,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Approval opinion of the district union"),
    .duties = decision_duties,
    .n_duties = G_N_ELEMENTS (decision_duties),
    .fields = approve_fields,
    .n_fields = G_N_ELEMENTS (approve_fields),
    .actor_field = "decided_by",
    .date_field = "archived_on",
    .apply = approve_apply,
  },
  {
    .name = "return",
    .label = N_("Return"),
    .trail_label = N_("Returned"),
    .from = UD_STRV ("submitted", "street_reviewed", "centre_reviewed", "noticed"),
    .to = "draft",
    .permission = UD_PERMISSION_REVIEW_APPLICATION,
    .other_permission = UD_PERMISSION_APPROVE_APPLICATION,
    .has_other_permission = TRUE,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Why it is returned"),
    .apply = return_apply,
  },
  {
    .name = "reject",
    .label = N_("Do Not Archive"),
    .trail_label = N_("Not archived"),
    .from = UD_STRV ("submitted", "street_reviewed", "centre_reviewed", "noticed"),
    .to = "rejected",
    .permission = UD_PERMISSION_APPROVE_APPLICATION,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Why it is not archived"),
    .duties = decision_duties,
    .n_duties = G_N_ELEMENTS (decision_duties),
    .actor_field = "decided_by",
    .apply = reject_apply,
  },
  {
    .name = "annual_review",
    .label = N_("Record Annual Review"),
    .trail_label = N_("Annual review"),
    .from = UD_STRV ("archived"),
    .permission = UD_PERMISSION_REVIEW_APPLICATION,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Review opinion"),
    .fields = annual_review_fields,
    .n_fields = G_N_ELEMENTS (annual_review_fields),
    .actor_field = "reviewed_by",
    .apply = annual_review_apply,
  },
  {
    .name = "leave",
    .label = N_("Leave the Archive"),
    .trail_label = N_("Left the archive"),
    .from = UD_STRV ("archived"),
    .to = "left",
    .permission = UD_PERMISSION_APPROVE_APPLICATION,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Why the household leaves the archive"),
    .fields = leave_fields,
    .n_fields = G_N_ELEMENTS (leave_fields),
    .notice_working_days = 5,
    .actor_field = "decided_by",
    .date_field = "left_on",
    .apply = leave_apply,
  },
  {
    .name = "come_back",
    .label = N_("Record Return to Hardship"),
    .trail_label = N_("Returned to hardship"),
    .from = UD_STRV ("left"),
    .to = "archived",
    .permission = UD_PERMISSION_APPROVE_APPLICATION,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Why hardship has come back"),
    .actor_field = "decided_by",
    .date_field = "returned_on",
    .apply = come_back_apply,
  },
};

const UdWorkflow _ud_hardship_workflow = {
  .state_field = "status",
  .initial_state = "draft",
  .noun = N_("Archive"),
  .name_field = "serial",
  .created_step = "create",
  .created_label = N_("Created"),
  .creator_field = "created_by",
  .editable_states = UD_STRV ("draft"),
  .deletable_states = UD_STRV ("draft"),
  .steps = steps,
  .n_steps = G_N_ELEMENTS (steps),
};
