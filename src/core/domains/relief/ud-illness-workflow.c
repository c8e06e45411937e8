/* ud-illness-workflow.c — the steps of a relief application (DESIGN §4)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-illness-workflow"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-illness-workflow.h"
#include "ud-fund.h"
#include "ud-illness-documents.h"
#include "ud-illness-error.h"
#include "ud-illness-suggestion.h"
#include "ud-money.h"
#include "ud-reference-store.h"
#include "ud-record.h"
#include "ud-validate.h"

/* The lowest grade whose diagnosis counts (DOMAIN §3: 二级以上). */
#define LOWEST_DIAGNOSIS_GRADE "grade2"

/* draft → submitted: the grassroots union's opinion from paper, and what
 * the review will need to know about the diagnosis. */
static gboolean
submit_apply (UdDatabase            *db,
              const UdWorkflowStep  *step,
              UdRecord              *record,
              const char            *opinion,
              GError               **error)
{
  static const char * const needed[] = { "hospital", "hospital_grade", "diagnosis_date", NULL };

  for (guint i = 0; needed[i] != NULL; i++)
    if (*ud_record_get (record, needed[i]) == '\0')
      {
        g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                     /* TRANSLATORS: a field label */
                     _("%s: must be filled in before the application is submitted."), ud_kind_get_field_label (record->kind, needed[i]));
        return FALSE;
      }

  ud_record_set (record, "status_note", "");
  return TRUE;
}

static gboolean
grade_counts_for_diagnosis (const UdField *field,
                            const char    *grade)
{
  for (guint i = 0; i < field->n_choices; i++)
    {
      if (g_str_equal (field->choices[i].value, grade))
        return TRUE;
      if (g_str_equal (field->choices[i].value, LOWEST_DIAGNOSIS_GRADE))
        break;
    }

  return FALSE;
}

/* submitted → reviewed: every document received, and a diagnosis from a
 * hospital of grade 2 or above. */
static gboolean
review_apply (UdDatabase            *db,
              const UdWorkflowStep  *step,
              UdRecord              *record,
              const char            *opinion,
              GError               **error)
{
  const UdField *grade = ud_kind_find_field (record->kind, "hospital_grade");
  g_autoptr(GPtrArray) missing = ud_illness_missing_documents (record);

  if (missing->len > 0)
    {
      g_autoptr(GString) labels = g_string_new (NULL);

      for (guint i = 0; i < missing->len; i++)
        {
          const UdIllnessDocument *document = ud_illness_find_document (g_ptr_array_index (missing, i));

          if (i > 0)
            g_string_append (labels, _(", "));
          g_string_append (labels, _(document->label));
        }
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_DOCUMENTS,
                   /* TRANSLATORS: a serial number, then the documents missing */
                   _("Application %s cannot be reviewed before every document has been received; missing: %s."),
                   ud_record_get (record, "serial"), labels->str);
      return FALSE;
    }

  if (!grade_counts_for_diagnosis (grade, ud_record_get (record, "hospital_grade")))
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_DOCUMENTS,
                   /* TRANSLATORS: a hospital grade such as “Grade 1” */
                   _("Hospital grade: the diagnosis must come from a hospital of grade 2 or above, not %s."),
                   ud_field_choice_label (grade, ud_record_get (record, "hospital_grade")));
      return FALSE;
    }

  return TRUE;
}

/* submitted or reviewed → draft, saying why: reviewed again from the
 * start. */
static gboolean
return_apply (UdDatabase            *db,
              const UdWorkflowStep  *step,
              UdRecord              *record,
              const char            *opinion,
              GError               **error)
{
  ud_record_set (record, "status_note", opinion);
  ud_record_set (record, "reviewed_by", "");
  return TRUE;
}

static char *
join_array (GPtrArray  *strings,
            const char *separator)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new ();

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (strings, i));
  g_ptr_array_add (copy, NULL);

  return g_strjoinv (separator, (char **) copy->pdata);
}

/* reviewed → approved.  The suggestion is computed again under the rules
 * in force on the application date, whose versions the decision then
 * uses; another amount than the suggestion needs its reason, lies within
 * the rules' range and within the fund's balance for the year. */
static gboolean
approve_apply (UdDatabase            *db,
               const UdWorkflowStep  *step,
               UdRecord              *record,
               const char            *opinion,
               GError               **error)
{
  g_autoptr(UdReliefRules) rules = NULL;
  g_auto(UdReliefQuote) quote = { 0, };
  const char *reason = ud_record_get (record, "amount_reason");
  UdFen min_amount = 0, max_amount = 0;
  UdFen amount;
  GDate date;

  if (!_ud_illness_compute_suggestion (db, record, TRUE, &rules, &quote, NULL, error))
    return FALSE;

  if (!quote.eligible)
    {
      g_autofree char *reasons = join_array (quote.reasons, _("; "));

      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_ELIGIBLE,
                   /* TRANSLATORS: a serial number, then the rules it fails */
                   _("Application %s does not meet the rules: %s. It can be rejected, not approved."),
                   ud_record_get (record, "serial"), reasons);
      return FALSE;
    }

  /* Nothing typed: the suggestion. */
  amount = *ud_record_get (record, "approved_amount") == '\0'
           ? quote.amount : g_ascii_strtoll (ud_record_get (record, "approved_amount"), NULL, 10);

  if (amount != quote.amount && *reason == '\0')
    {
      g_autofree char *amount_text = ud_money_format (amount);
      g_autofree char *suggested_text = ud_money_format (quote.amount);

      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_AMOUNT,
                   /* TRANSLATORS: two amounts */
                   _("Approved amount: %s differs from the suggested %s, so write down the reason."),
                   amount_text, suggested_text);
      return FALSE;
    }

  ud_date_parse (ud_record_get (record, "application_date"), &date, NULL);
  ud_relief_rules_amount_range (rules, &date, &min_amount, &max_amount);
  if (amount < min_amount || amount > max_amount)
    {
      g_autofree char *min_text = ud_money_format (min_amount);
      g_autofree char *max_text = ud_money_format (max_amount);

      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_AMOUNT,
                   /* TRANSLATORS: the smallest and the largest relief */
                   _("Approved amount: must lie between %s and %s."), min_text, max_text);
      return FALSE;
    }

  if (!_ud_fund_check_balance (db, (guint) g_ascii_strtoull (ud_record_get (record, "fund_year"), NULL, 10),
                               amount, error))
    return FALSE;

  {
    char text[32];

    g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, amount);
    ud_record_set (record, "approved_amount", text);
  }
  if (amount == quote.amount)
    ud_record_set (record, "amount_reason", "");
  ud_record_set (record, "status_note", "");

  return TRUE;
}

/* submitted or reviewed → rejected, the opinion saying why: a decision,
 * made under the rules in force like an approval. */
static gboolean
reject_apply (UdDatabase            *db,
              const UdWorkflowStep  *step,
              UdRecord              *record,
              const char            *opinion,
              GError               **error)
{
  g_auto(UdReliefQuote) quote = { 0, };

  if (!_ud_illness_compute_suggestion (db, record, TRUE, NULL, &quote, NULL, error))
    return FALSE;

  ud_record_set (record, "status_note", opinion);
  ud_record_set (record, "approved_amount", "");
  ud_record_set (record, "amount_reason", "");
  return TRUE;
}

/* approved → paid, not before the decision. */
static gboolean
pay_apply (UdDatabase            *db,
           const UdWorkflowStep  *step,
           UdRecord              *record,
           const char            *opinion,
           GError               **error)
{
  const char *decided_on = ud_record_get (record, "decided_on");

  if (strcmp (ud_record_get (record, "paid_on"), decided_on) < 0)
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   /* TRANSLATORS: a field label, then the approval date */
                   _("%s: cannot be before the approval on %s."), ud_kind_get_field_label (record->kind, "paid_on"), decided_on);
      return FALSE;
    }

  return TRUE;
}

static void
add_received_issue (UdRecord   *record,
                    GPtrArray  *issues,
                    const char *field,
                    const char *code,
                    const char *message)
{
  g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (record->kind, field), code, FALSE, "%s", message));
}

void
_ud_illness_received (UdDatabase *db,
                      UdRecord   *record,
                      GPtrArray  *issues)
{
  const char *status = ud_record_get (record, "status");
  const char *decided_on = ud_record_get (record, "decided_on");
  g_autoptr(UdReliefRules) rules = NULL;
  g_autoptr(GError) error = NULL;
  UdFen min_amount = 0, max_amount = 0;
  UdFen amount;
  GDate date;

  if (!g_str_equal (status, "approved") && !g_str_equal (status, "paid"))
    {
      if (*ud_record_get (record, "approved_amount") != '\0')
        {
          g_autofree char *message = g_strdup_printf (_("%s: is set only once an application is approved."),
                                                      ud_kind_get_field_label (record->kind, "approved_amount"));

          add_received_issue (record, issues, "approved_amount", "not_approved", message);
        }
      return;
    }

  if (*decided_on == '\0')
    {
      ud_issue_list_add_required (issues, ud_kind_find_field (record->kind, "decided_on"));
      return;
    }
  if (g_str_equal (status, "paid") && strcmp (ud_record_get (record, "paid_on"), decided_on) < 0)
    {
      g_autofree char *message = g_strdup_printf (_("%s: cannot be before the approval on %s."),
                                                  ud_kind_get_field_label (record->kind, "paid_on"), decided_on);

      add_received_issue (record, issues, "paid_on", "before_approval", message);
    }

  /* The rules in force on the application date bound the amount. */
  rules = db != NULL ? ud_reference_load_rules (db, &error) : ud_relief_rules_new_default (&error);
  if (rules == NULL)
    {
      add_received_issue (record, issues, "approved_amount", "no_rules", error->message);
      return;
    }
  amount = ud_record_get_int (record, "approved_amount");
  if (!ud_date_parse (ud_record_get (record, "application_date"), &date, NULL) ||
      !ud_relief_rules_amount_range (rules, &date, &min_amount, &max_amount) ||
      amount < min_amount || amount > max_amount)
    {
      g_autofree char *min_text = ud_money_format (min_amount);
      g_autofree char *max_text = ud_money_format (max_amount);
      g_autofree char *message = g_strdup_printf (_("Approved amount: must lie between %s and %s."), min_text, max_text);

      add_received_issue (record, issues, "approved_amount", "out_of_range", message);
      return;
    }

  if (db != NULL &&
      !_ud_fund_check_received (db, (guint) ud_record_get_int (record, "fund_year"), record->uuid, amount, &error))
    add_received_issue (record, issues, "approved_amount", "fund_balance", error->message);
}

/* Whoever created an application may not decide on it; the reviewer and
 * the approver are different accounts. */
static const UdDutyRule decision_duties[] = {
  { "created_by",  N_("“%s” created this application and so may not approve it: another approver must decide.") },
  { "reviewed_by", N_("“%s” reviewed this application and so may not also approve it: the reviewer and the approver must be different people.") },
};

static const UdPaperOpinion street_opinion[] = {
  { "street", N_("Opinion of the street or township union"), FALSE },
};

static const UdStepField approve_fields[] = {
  { "approved_amount", FALSE, FALSE, NULL },
  { "amount_reason",   FALSE, FALSE, NULL },
};

/* A notice may still be running: only its start must have come. */
static const UdStepField notice_fields[] = {
  { "notice_from", TRUE, FALSE, NULL },
  { "notice_to",   TRUE, TRUE,  NULL },
};

static const UdStepField pay_fields[] = {
  { "paid_on",        TRUE, FALSE, NULL },
  { "payment_method", TRUE, FALSE, NULL },
  { "receipt_number", TRUE, FALSE, N_("give the transfer or receipt number") },
};

static const UdWorkflowStep steps[] = {
  {
    .name = "submit",
    .label = N_("Submit"),
    .trail_label = N_("Submitted with the grassroots union's opinion"),
    .from = UD_STRV ("draft"),
    .to = "submitted",
    .permission = UD_PERMISSION_CREATE_APPLICATION,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Opinion of the grassroots union"),
    .from_paper = TRUE,
    .apply = submit_apply,
  },
  {
    .name = "review",
    .label = N_("Review"),
    .trail_label = N_("Reviewed by the district relief centre"),
    .from = UD_STRV ("submitted"),
    .to = "reviewed",
    .permission = UD_PERMISSION_REVIEW_APPLICATION,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Review opinion"),
    .papers = street_opinion,
    .n_papers = G_N_ELEMENTS (street_opinion),
    .actor_field = "reviewed_by",
    .apply = review_apply,
  },
  {
    .name = "return",
    .label = N_("Return"),
    .trail_label = N_("Returned"),
    .from = UD_STRV ("submitted", "reviewed"),
    .to = "draft",
    /* Either of the people who decide may send it back. */
    .permission = UD_PERMISSION_REVIEW_APPLICATION,
    .other_permission = UD_PERMISSION_APPROVE_APPLICATION,
    .has_other_permission = TRUE,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Why it is returned"),
    .apply = return_apply,
  },
  {
    .name = "approve",
    .label = N_("Approve"),
    .trail_label = N_("Approved"),
    .from = UD_STRV ("reviewed"),
    .to = "approved",
    .permission = UD_PERMISSION_APPROVE_APPLICATION,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Approval opinion"),
    .duties = decision_duties,
    .n_duties = G_N_ELEMENTS (decision_duties),
    .fields = approve_fields,
    .n_fields = G_N_ELEMENTS (approve_fields),
    .actor_field = "decided_by",
    .date_field = "decided_on",
    .apply = approve_apply,
  },
  {
    .name = "reject",
    .label = N_("Reject"),
    .trail_label = N_("Rejected"),
    .from = UD_STRV ("submitted", "reviewed"),
    .to = "rejected",
    .permission = UD_PERMISSION_APPROVE_APPLICATION,
    .opinion = UD_OPINION_REQUIRED,
    .opinion_label = N_("Why it is rejected"),
    .duties = decision_duties,
    .n_duties = G_N_ELEMENTS (decision_duties),
    .actor_field = "decided_by",
    .date_field = "decided_on",
    .apply = reject_apply,
  },
  {
    .name = "notice",
    .label = N_("Record Public Notice"),
    .trail_label = N_("Public notice"),
    .from = UD_STRV ("reviewed", "approved", "paid"),
    .permission = UD_PERMISSION_CREATE_APPLICATION,
    .fields = notice_fields,
    .n_fields = G_N_ELEMENTS (notice_fields),
    /* DESIGN §4: a public notice runs at least 5 working days. */
    .notice_working_days = 5,
  },
  {
    .name = "pay",
    .label = N_("Record Payment"),
    .trail_label = N_("Paid"),
    .from = UD_STRV ("approved"),
    .to = "paid",
    .permission = UD_PERMISSION_RECORD_PAYMENT,
    .fields = pay_fields,
    .n_fields = G_N_ELEMENTS (pay_fields),
    .trail_text_field = "receipt_number",
    .trail_date_field = "paid_on",
    .apply = pay_apply,
  },
};

const UdWorkflow _ud_illness_workflow = {
  .state_field = "status",
  .initial_state = "draft",
  .noun = N_("Application"),
  .name_field = "serial",
  .created_step = "create",
  .created_label = N_("Created"),
  .creator_field = "created_by",
  .editable_states = UD_STRV ("draft"),
  .deletable_states = UD_STRV ("draft"),
  .steps = steps,
  .n_steps = G_N_ELEMENTS (steps),
};
