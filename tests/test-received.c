/* test-received.c — records that arrive from elsewhere are checked like typed ones
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ud-core.h"
#include "ud-hlc.h"
#include "ud-illness-kind.h"
#include "ud-received.h"
#include "ud-trail.h"
#include "ud-uuid.h"

static guint tick;

/* A record of @kind as a pull page or a push brings it: no field set. */
static UdRecord *
arriving (const UdKind *kind)
{
  UdRecord *record = ud_record_new (kind);

  record->uuid = ud_uuid_v7_new ();
  record->district = g_strdup ("110118");
  record->hlc = ud_hlc_format (1700000000000 + tick++, 0, "aaaaaaaaaaaa");
  record->updated_at = g_strdup ("");
  record->updated_by = g_strdup ("sync");

  return record;
}

/* What no editor would let through in a field of @field's type, or NULL. */
static const char *
garbage_for (const UdField *field)
{
  switch (field->type)
    {
    case UD_FIELD_CHOICE:      return "flying";
    case UD_FIELD_DATE:        return "2019-13-45";
    case UD_FIELD_INT:         return "many";
    case UD_FIELD_MONEY:       return "lots";
    case UD_FIELD_ID_NUMBER:   return "110105199001080167";
    case UD_FIELD_PHONE:       return "12345";
    case UD_FIELD_CARD:        return "card";
    case UD_FIELD_CREDIT_CODE: return "91110000000000000X";
    case UD_FIELD_REFERENCE:
      return field->reference != NULL && field->reference->style == UD_REFERENCE_UUID ? "not-a-record" : NULL;
    case UD_FIELD_TEXT:
    default:
      return NULL;
    }
}

static gboolean
has_error_on (GPtrArray     *issues,
              const UdField *field)
{
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      UdIssue *issue = g_ptr_array_index (issues, i);

      if (issue->field == field && !issue->warning)
        return TRUE;
    }

  return FALSE;
}

/* Checked alone, with nothing stored (as the city server's fuzz target
 * does): the refusal, if any. */
static char *
check_alone (UdRecord   *record,
             GPtrArray **issues)
{
  const UdReceivedStore nothing = { NULL, };
  g_autoptr(UdReceivedBatch) batch = ud_received_batch_new (&nothing);
  g_autoptr(GError) error = NULL;

  ud_received_batch_add (batch, record);
  g_assert_true (ud_received_batch_check (batch, &error));
  g_assert_no_error (error);
  if (issues != NULL)
    *issues = ud_received_batch_issues (batch, record) != NULL
              ? g_ptr_array_ref (ud_received_batch_issues (batch, record)) : NULL;

  return g_strdup (ud_received_batch_refusal (batch, record));
}

/* Every registered kind (members, units, relief applications, the trail,
 * and whatever register lands later): a value no editor would take in
 * any of its fields — those the workflow fills in too — is refused, and
 * the refusal names that field.  A text longer than the field allows
 * too. */
static void
test_every_kind_every_field (void)
{
  guint n_kinds = 0, n_checked = 0;

  for (const UdKind * const *kinds = ud_kind_list (&n_kinds); *kinds != NULL; kinds++)
    for (guint i = 0; i < (*kinds)->n_fields; i++)
      {
        const UdField *field = &(*kinds)->fields[i];
        const char *bad = garbage_for (field);
        g_autofree char *long_text = NULL;
        g_autoptr(UdRecord) record = NULL;
        g_autoptr(GPtrArray) issues = NULL;
        g_autofree char *refusal = NULL;

        if (field->flags & UD_FIELD_LOCAL)
          continue;
        if (bad == NULL && field->max_length > 0 && field->type == UD_FIELD_TEXT)
          bad = long_text = g_strnfill (field->max_length + 1, 'x');
        if (bad == NULL)
          continue;

        record = arriving (*kinds);
        ud_record_set_nth (record, i, bad);
        refusal = check_alone (record, &issues);
        g_assert_nonnull (refusal);
        if (!has_error_on (issues, field))
          g_error ("%s.%s = “%s” was refused, but not for that field: %s", (*kinds)->name, field->name, bad, refusal);
        n_checked++;
      }

  g_test_message ("%u kinds, %u fields given a value no editor takes: each refused, naming the field", n_kinds, n_checked);
  g_assert_cmpuint (n_kinds, >=, 4);
  g_assert_cmpuint (n_checked, >=, 30);
}

/* A value every check of @field takes, for a record built to pass. */
static const char *
sample_for (const UdField *field)
{
  switch (field->type)
    {
    case UD_FIELD_CHOICE:      return field->choices[0].value;
    case UD_FIELD_DATE:        return "2025-01-02";
    case UD_FIELD_INT:         return "1";
    case UD_FIELD_MONEY:       return "300000";
    case UD_FIELD_ID_NUMBER:   return "11010519491231002X";
    case UD_FIELD_PHONE:       return "13800138000";
    case UD_FIELD_REFERENCE:
      return field->reference != NULL && field->reference->style == UD_REFERENCE_UUID
             ? "01890a5d-ac96-774b-bcce-b302099a8060" : "甲";
    default:                   return "甲";
    }
}

/* Every registered kind with a workflow: a record in any state but the
 * first, come without the steps that lead there, is refused for its
 * state. */
static void
test_every_workflow_state (void)
{
  guint n_states = 0;

  for (const UdKind * const *kinds = ud_kind_list (NULL); *kinds != NULL; kinds++)
    {
      const UdWorkflow *workflow = (*kinds)->workflow;
      const UdField *state;

      if (workflow == NULL)
        continue;
      state = ud_kind_find_field (*kinds, workflow->state_field);

      for (guint c = 0; c < state->n_choices; c++)
        {
          g_autoptr(UdRecord) record = NULL;
          g_autoptr(GPtrArray) issues = NULL;
          g_autofree char *refusal = NULL;

          if (g_str_equal (state->choices[c].value, workflow->initial_state))
            continue;

          record = arriving (*kinds);
          for (guint i = 0; i < (*kinds)->n_fields; i++)
            if ((*kinds)->fields[i].flags & UD_FIELD_REQUIRED)
              ud_record_set_nth (record, i, sample_for (&(*kinds)->fields[i]));
          ud_record_set (record, workflow->state_field, state->choices[c].value);

          refusal = check_alone (record, &issues);
          g_assert_nonnull (refusal);
          if (!has_error_on (issues, state))
            g_error ("%s in “%s” without a trail was refused, but not for its state: %s",
                     (*kinds)->name, state->choices[c].value, refusal);
          n_states++;
        }
    }

  g_assert_cmpuint (n_states, >=, 5);
}

/* ---- the relief application's workflow ------------------------------------ */

static UdRecord *
application (const char *status,
             const char *reviewed_by,
             const char *decided_by,
             const char *amount)
{
  UdRecord *record = arriving (&ud_kind_illness_application);

  ud_record_set (record, "serial", "大病-110118-2025-09-0001");
  ud_record_set (record, "member_uuid", "01890a5d-ac96-774b-bcce-b302099a8060");
  ud_record_set (record, "member_name", "朱明敏");
  ud_record_set (record, "application_date", "2025-09-01");
  ud_record_set (record, "fund_year", "2025");
  ud_record_set (record, "disease", "D01");
  ud_record_set (record, "total", "15630000");
  ud_record_set (record, "household_size", "3");
  ud_record_set (record, "household_income", "6000000");
  ud_record_set (record, "status", status);
  ud_record_set (record, "created_by", "li");
  ud_record_set (record, "reviewed_by", reviewed_by);
  ud_record_set (record, "decided_by", decided_by);
  if (amount != NULL)
    {
      ud_record_set (record, "decided_on", "2025-09-10");
      ud_record_set (record, "approved_amount", amount);
    }

  return record;
}

static UdRecord *
step (const UdRecord *record,
      const char     *name,
      const char     *actor)
{
  UdRecord *entry = arriving (&ud_kind_workflow_step);

  ud_record_set (entry, "record_kind", record->kind->name);
  ud_record_set (entry, "record_uuid", record->uuid);
  ud_record_set (entry, "step", name);
  ud_record_set (entry, "actor", actor);
  ud_record_set (entry, "at", "2025-09-10T08:00:00Z");
  ud_record_set (entry, "signed_on", "2025-09-10");

  return entry;
}

typedef struct
{
  UdRecord  *stored;   /* the one record stored, or NULL */
  GPtrArray *trail;    /* its stored steps */
} FakeStore;

static UdRecord *
fake_stored (gpointer       user_data,
             const UdKind  *kind,
             const char    *uuid,
             GError       **error)
{
  FakeStore *store = user_data;

  if (store->stored == NULL || g_strcmp0 (store->stored->uuid, uuid) != 0)
    return NULL;
  return ud_record_ref (store->stored);
}

static gboolean
fake_trail (gpointer       user_data,
            const UdKind  *kind,
            const char    *uuid,
            GPtrArray     *steps,
            GError       **error)
{
  FakeStore *store = user_data;

  for (guint i = 0; store->trail != NULL && i < store->trail->len; i++)
    if (g_str_equal (ud_record_get (g_ptr_array_index (store->trail, i), "record_uuid"), uuid))
      g_ptr_array_add (steps, ud_record_ref (g_ptr_array_index (store->trail, i)));
  return TRUE;
}

/* Checks @records together (in this order), with @store behind them;
 * returns the refusals in the same order ("" for accepted). */
static GStrv
check_batch (UdRecord  **records,
             guint       n,
             FakeStore  *fake)
{
  const UdReceivedStore store = { NULL, fake_stored, fake_trail, fake };
  g_autoptr(UdReceivedBatch) batch = ud_received_batch_new (&store);
  g_autoptr(GError) error = NULL;
  GStrv refusals = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    ud_received_batch_add (batch, records[i]);
  g_assert_true (ud_received_batch_check (batch, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    refusals[i] = g_strdup (ud_received_batch_refusal (batch, records[i]) != NULL
                            ? ud_received_batch_refusal (batch, records[i]) : "");

  return refusals;
}

/* The proper trail of an approved application is accepted whatever the
 * order the records arrive in; the same trail taken by one clerk, a trail
 * out of order, a record that names another reviewer than its trail, an
 * amount beyond the rules are each refused, the steps with it. */
static void
test_relief_trail (void)
{
  FakeStore nothing = { NULL, NULL };

  /* Proper, steps first or last. */
  {
    g_autoptr(UdRecord) app = application ("approved", "zhou", "wang", "500000");
    g_autoptr(UdRecord) s1 = step (app, "create", "li");
    g_autoptr(UdRecord) s2 = step (app, "submit", "li");
    g_autoptr(UdRecord) s3 = step (app, "street", "zhou");
    g_autoptr(UdRecord) s4 = step (app, "review", "zhou");
    g_autoptr(UdRecord) s5 = step (app, "approve", "wang");
    UdRecord *last[] = { s1, s2, s3, s4, s5, app };
    UdRecord *first[] = { app, s5, s4, s3, s2, s1 };
    g_auto(GStrv) a = check_batch (last, G_N_ELEMENTS (last), &nothing);
    g_auto(GStrv) b = check_batch (first, G_N_ELEMENTS (first), &nothing);

    for (guint i = 0; i < G_N_ELEMENTS (last); i++)
      {
        g_assert_cmpstr (a[i], ==, "");
        g_assert_cmpstr (b[i], ==, "");
      }
  }

  /* One clerk takes every step. */
  {
    g_autoptr(UdRecord) app = application ("approved", "li", "li", "500000");
    g_autoptr(UdRecord) s1 = step (app, "create", "li");
    g_autoptr(UdRecord) s2 = step (app, "submit", "li");
    g_autoptr(UdRecord) s3 = step (app, "review", "li");
    g_autoptr(UdRecord) s4 = step (app, "approve", "li");
    UdRecord *records[] = { app, s1, s2, s3, s4 };
    g_auto(GStrv) refusals = check_batch (records, G_N_ELEMENTS (records), &nothing);

    g_assert_nonnull (strstr (refusals[0], "may not approve"));
    for (guint i = 1; i < G_N_ELEMENTS (records); i++)
      g_assert_nonnull (strstr (refusals[i], "which was refused"));
  }

  /* Approved before it was reviewed. */
  {
    g_autoptr(UdRecord) app = application ("approved", "", "wang", "500000");
    g_autoptr(UdRecord) s1 = step (app, "create", "li");
    g_autoptr(UdRecord) s2 = step (app, "submit", "li");
    g_autoptr(UdRecord) s3 = step (app, "approve", "wang");
    UdRecord *records[] = { app, s1, s2, s3 };
    g_auto(GStrv) refusals = check_batch (records, G_N_ELEMENTS (records), &nothing);

    g_assert_nonnull (strstr (refusals[0], "cannot be taken from"));
  }

  /* The record names another reviewer than the trail. */
  {
    g_autoptr(UdRecord) app = application ("reviewed", "wang", "", NULL);
    g_autoptr(UdRecord) s1 = step (app, "create", "li");
    g_autoptr(UdRecord) s2 = step (app, "submit", "li");
    g_autoptr(UdRecord) s3 = step (app, "review", "zhou");
    UdRecord *records[] = { app, s1, s2, s3 };
    g_auto(GStrv) refusals = check_batch (records, G_N_ELEMENTS (records), &nothing);

    g_assert_nonnull (strstr (refusals[0], "does not match the trail"));
  }

  /* 9,000,000.00 approved. */
  {
    g_autoptr(UdRecord) app = application ("approved", "zhou", "wang", "900000000");
    g_autoptr(UdRecord) s1 = step (app, "create", "li");
    g_autoptr(UdRecord) s2 = step (app, "submit", "li");
    g_autoptr(UdRecord) s3 = step (app, "review", "zhou");
    g_autoptr(UdRecord) s4 = step (app, "approve", "wang");
    UdRecord *records[] = { app, s1, s2, s3, s4 };
    g_auto(GStrv) refusals = check_batch (records, G_N_ELEMENTS (records), &nothing);

    g_assert_nonnull (strstr (refusals[0], "Approved amount"));
  }

  /* An approval step alone, for a record stored as submitted: with it,
   * the stored record's trail no longer leads to its state, so the step
   * is refused. */
  {
    g_autoptr(UdRecord) app = application ("submitted", "", "", NULL);
    g_autoptr(UdRecord) s1 = step (app, "create", "li");
    g_autoptr(UdRecord) s2 = step (app, "submit", "li");
    g_autoptr(UdRecord) forged = step (app, "approve", "wang");
    g_autoptr(GPtrArray) trail = g_ptr_array_new ();
    FakeStore stored = { app, trail };
    UdRecord *records[] = { forged };
    g_auto(GStrv) refusals = NULL;

    g_ptr_array_add (trail, s1);
    g_ptr_array_add (trail, s2);
    refusals = check_batch (records, 1, &stored);
    g_assert_cmpstr (refusals[0], !=, "");
  }

  /* A step of a kind that has no such step. */
  {
    g_autoptr(UdRecord) app = application ("draft", "", "", NULL);
    g_autoptr(UdRecord) odd = step (app, "teleport", "li");
    g_autoptr(GPtrArray) issues = NULL;
    g_autofree char *refusal = check_alone (odd, &issues);

    g_assert_nonnull (refusal);
    g_assert_true (has_error_on (issues, ud_kind_find_field (&ud_kind_workflow_step, "step")));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ud_core_init ();

  g_test_add_func ("/received/every-kind-every-field", test_every_kind_every_field);
  g_test_add_func ("/received/every-workflow-state", test_every_workflow_state);
  g_test_add_func ("/received/relief-trail", test_relief_trail);

  return g_test_run ();
}
