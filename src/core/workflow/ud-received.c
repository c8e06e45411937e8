/* ud-received.c — a record that arrives from elsewhere, checked like a typed one
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-received"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ud-received.h"
#include "ud-trail.h"

struct _UdReceivedBatch
{
  UdReceivedStore  store;
  GPtrArray       *records;    /* UdRecord, as they arrived */
  GHashTable      *latest;     /* "kind/uuid" → the last UdRecord of it that arrived */
  GHashTable      *trails;     /* "kind/uuid" of a record → GPtrArray of its steps that arrived */
  GHashTable      *refusals;   /* UdRecord * → why it was refused */
  GHashTable      *issues;     /* UdRecord * → its problems (GPtrArray of UdIssue) */
};

static char *
record_key (const char *kind,
            const char *uuid)
{
  const UdKind *known = ud_kind_lookup (kind);

  /* A step of an office not updated yet may name a kind by its former
   * name. */
  return g_strconcat (known != NULL ? known->name : kind, "/", uuid, NULL);
}

UdReceivedBatch *
ud_received_batch_new (const UdReceivedStore *store)
{
  UdReceivedBatch *batch = g_new0 (UdReceivedBatch, 1);

  g_return_val_if_fail (store != NULL, NULL);

  batch->store = *store;
  batch->records = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  batch->latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch->trails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  batch->refusals = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  batch->issues = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_ptr_array_unref);

  return batch;
}

void
ud_received_batch_free (UdReceivedBatch *batch)
{
  if (batch == NULL)
    return;

  g_hash_table_unref (batch->issues);
  g_hash_table_unref (batch->refusals);
  g_hash_table_unref (batch->trails);
  g_hash_table_unref (batch->latest);
  g_ptr_array_unref (batch->records);
  g_free (batch);
}

void
ud_received_batch_add (UdReceivedBatch *batch,
                       UdRecord        *record)
{
  g_return_if_fail (batch != NULL);
  g_return_if_fail (record != NULL && record->uuid != NULL);

  g_ptr_array_add (batch->records, ud_record_ref (record));
  g_hash_table_replace (batch->latest, record_key (record->kind->name, record->uuid), record);
}

const char *
ud_received_batch_refusal (UdReceivedBatch *batch,
                           const UdRecord  *record)
{
  g_return_val_if_fail (batch != NULL, NULL);

  return g_hash_table_lookup (batch->refusals, record);
}

GPtrArray *
ud_received_batch_issues (UdReceivedBatch *batch,
                          const UdRecord  *record)
{
  g_return_val_if_fail (batch != NULL, NULL);

  return g_hash_table_lookup (batch->issues, record);
}

/* "Member 王芳: Sex: …": the record by its kind and title, then the first
 * error of @issues. */
static void
refuse (UdReceivedBatch *batch,
        UdRecord        *record,
        GPtrArray       *issues)
{
  UdIssue *problem = ud_issue_list_first_error (issues, 0);
  g_autofree char *title = ud_record_get_title (record);

  g_hash_table_replace (batch->refusals, record,
                        /* TRANSLATORS: a kind of record, what it is called, then why it was refused */
                        g_strdup_printf (_("%s %s: %s"), _(record->kind->label), *title != '\0' ? title : record->uuid,
                                         problem != NULL ? problem->message : ""));
  g_hash_table_replace (batch->issues, record, g_ptr_array_ref (issues));
}

/* ---- the fields ---------------------------------------------------------- */

/* What ud_record_check() leaves to the workflow — the state, who decided,
 * the amount — is what a forged record forges: checked here in its stored
 * form, like every other field. */
static void
check_workflow_fields (UdRecord  *record,
                       GPtrArray *issues)
{
  const UdKind *kind = record->kind;

  for (guint i = 0; i < kind->n_fields; i++)
    if ((kind->fields[i].flags & UD_FIELD_DERIVED) && (kind->fields[i].flags & UD_FIELD_LOCAL) == 0)
      ud_record_check_field (record, i, issues);
}

/* A tombstone needs no contents: what it carries is checked. */
static void
check_tombstone (UdRecord  *record,
                 GPtrArray *issues)
{
  for (guint i = 0; i < record->kind->n_fields; i++)
    {
      const UdField *field = &record->kind->fields[i];
      g_autofree char *value = NULL;

      if ((field->flags & UD_FIELD_LOCAL) || *record->values[i] == '\0')
        continue;

      value = ud_field_check_stored (field, record->values[i], issues);
      if (value != NULL)
        ud_record_set_nth (record, i, value);
    }
}

/* ---- the workflow -------------------------------------------------------- */

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const UdRecord *x = *(const UdRecord * const *) a;
  const UdRecord *y = *(const UdRecord * const *) b;
  int order = g_strcmp0 (x->hlc, y->hlc);

  return order != 0 ? order : g_strcmp0 (x->uuid, y->uuid);
}

/* The steps, each once, in the order of their version stamps: a step
 * taken in one office after it pulled the step before carries a later
 * stamp, whatever the offices' clocks say. */
static void
sort_trail (GPtrArray *steps)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_sort (steps, compare_steps);
  for (guint i = 0; i < steps->len;)
    {
      UdRecord *step = g_ptr_array_index (steps, i);

      if (step->uuid == NULL || !g_hash_table_add (seen, step->uuid))
        g_ptr_array_remove_index (steps, i);
      else
        i++;
    }
}

static void
add_state_issue (UdRecord   *record,
                 GPtrArray  *issues,
                 const char *code,
                 char       *message)
{
  const UdField *field = ud_kind_find_field (record->kind, record->kind->workflow->state_field);

  g_ptr_array_add (issues, ud_issue_new (field, code, FALSE, "%s", message));
  g_free (message);
}

/* The accounts the record names must be those of its trail. */
static void
check_actor_field (UdRecord   *record,
                   GPtrArray  *issues,
                   const char *field_name,
                   GHashTable *actors)
{
  const char *expected = g_hash_table_lookup (actors, field_name);
  const char *value = ud_record_get (record, field_name);

  if (expected == NULL)
    expected = "";
  if (g_str_equal (value, expected))
    return;

  g_ptr_array_add (issues,
                   ud_issue_new (ud_kind_find_field (record->kind, field_name), "not_in_trail", FALSE,
                                 *expected != '\0'
                                 /* TRANSLATORS: a field label, an account's user name, then another's */
                                 ? _("%s: “%s” does not match the trail, which names “%s”.")
                                 /* TRANSLATORS: a field label, then an account's user name */
                                 : _("%s: “%s” does not match the trail, which names no one."),
                                 ud_kind_get_field_label (record->kind, field_name), value, expected));
}

static void
check_trail (UdRecord  *record,
             GPtrArray *steps,
             GPtrArray *issues)
{
  const UdWorkflow *workflow = record->kind->workflow;
  const UdField *state_field = ud_kind_find_field (record->kind, workflow->state_field);
  const char *state = ud_record_get (record, workflow->state_field);
  g_autoptr(GHashTable) actors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) round = g_ptr_array_new ();
  const char *reached = NULL;
  guint first = issues->len;

  sort_trail (steps);

  /* A record in its first state with no trail at all (made before
   * trails were kept) has taken no step. */
  if (steps->len == 0 && g_str_equal (state, workflow->initial_state))
    return;

  for (guint i = 0; i < steps->len && ud_issue_list_first_error (issues, first) == NULL; i++)
    {
      UdRecord *entry = g_ptr_array_index (steps, i);
      const char *name = ud_record_get (entry, "step");
      const char *actor = ud_record_get (entry, "actor");
      const UdWorkflowStep *step;

      if (workflow->created_step != NULL && g_str_equal (name, workflow->created_step))
        {
          if (reached != NULL)
            add_state_issue (record, issues, "trail_order",
                             /* TRANSLATORS: a field label, then a trail entry such as “Created” */
                             g_strdup_printf (_("%s: the trail holds “%s” twice."),
                                              _(state_field->label), _(workflow->created_label)));
          reached = workflow->initial_state;
          if (workflow->creator_field != NULL)
            g_hash_table_insert (actors, (gpointer) workflow->creator_field, (gpointer) actor);
          continue;
        }

      if (reached == NULL)
        {
          add_state_issue (record, issues, "trail_order",
                           /* TRANSLATORS: a field label, then a trail entry such as “Approved” */
                           g_strdup_printf (_("%s: the trail holds “%s” before the record was created."),
                                            _(state_field->label), ud_workflow_trail_label (workflow, name)));
          break;
        }

      step = ud_workflow_find_step (workflow, name);
      if (step == NULL)
        {
          /* An opinion copied from paper is recorded with its step. */
          if (ud_workflow_find_paper (workflow, name) != NULL)
            continue;
          add_state_issue (record, issues, "unknown_step",
                           /* TRANSLATORS: a field label, then the name of a step */
                           g_strdup_printf (_("%s: the trail holds a step “%s” this kind of record does not have."),
                                            _(state_field->label), name));
          break;
        }

      if (!g_strv_contains (step->from, reached))
        {
          add_state_issue (record, issues, "trail_order",
                           /* TRANSLATORS: a field label, a trail entry such as “Approved”, then a state such as “Draft” */
                           g_strdup_printf (_("%s: the trail’s step “%s” cannot be taken from “%s”."),
                                            _(state_field->label), _(step->trail_label),
                                            ud_field_choice_label (state_field, reached)));
          break;
        }

      /* Separation of duties, as far as the trail shows it. */
      for (guint d = 0; d < step->n_duties; d++)
        {
          const char *holder = g_hash_table_lookup (actors, step->duties[d].field);

          if (holder != NULL && g_str_equal (holder, actor))
            {
              g_autoptr(GString) refusal = g_string_new (_(step->duties[d].refusal));

              /* The refusal names the person where its text says %s. */
              g_string_replace (refusal, "%s", actor, 1);
              g_ptr_array_add (issues,
                               ud_issue_new (ud_kind_find_field (record->kind, step->duties[d].field),
                                             "separation_of_duties", FALSE, "%s", refusal->str));
            }
        }

      if (step->actor_field != NULL)
        g_hash_table_insert (actors, (gpointer) step->actor_field, (gpointer) actor);
      g_ptr_array_add (round, (gpointer) step);

      if (step->to != NULL)
        reached = step->to;
      /* Sent back to its first state: a new round, in which the earlier
       * round's reviewers no longer count. */
      if (step->to != NULL && g_str_equal (step->to, workflow->initial_state))
        {
          for (guint s = 0; s < workflow->n_steps; s++)
            if (workflow->steps[s].actor_field != NULL)
              g_hash_table_remove (actors, workflow->steps[s].actor_field);
          g_ptr_array_set_size (round, 0);
        }
    }

  if (ud_issue_list_first_error (issues, first) != NULL)
    return;

  if (reached == NULL)
    {
      add_state_issue (record, issues, "no_trail",
                       /* TRANSLATORS: a field label, then a state such as “Paid” */
                       g_strdup_printf (_("%s: “%s” is reached only through the workflow’s steps, and the record came without them."),
                                        _(state_field->label), ud_field_choice_label (state_field, state)));
      return;
    }

  if (!g_str_equal (reached, state))
    {
      add_state_issue (record, issues, "not_in_trail",
                       /* TRANSLATORS: a field label, then two states such as “Reviewed” and “Paid” */
                       g_strdup_printf (_("%s: the trail leads to “%s”, not to “%s”."),
                                        _(state_field->label), ud_field_choice_label (state_field, reached),
                                        ud_field_choice_label (state_field, state)));
      return;
    }

  if (workflow->creator_field != NULL)
    check_actor_field (record, issues, workflow->creator_field, actors);
  for (guint s = 0; s < workflow->n_steps; s++)
    if (workflow->steps[s].actor_field != NULL)
      check_actor_field (record, issues, workflow->steps[s].actor_field, actors);

  /* What the steps of this round asked for is there. */
  for (guint r = 0; r < round->len; r++)
    {
      const UdWorkflowStep *step = g_ptr_array_index (round, r);

      for (guint f = 0; f < step->n_fields; f++)
        if (step->fields[f].required && *ud_record_get (record, step->fields[f].field) == '\0')
          g_ptr_array_add (issues,
                           ud_issue_new (ud_kind_find_field (record->kind, step->fields[f].field), "required", FALSE,
                                         /* TRANSLATORS: a field label, then a trail entry such as “Paid” */
                                         _("%s: must be filled in once the step “%s” is taken."),
                                         ud_kind_get_field_label (record->kind, step->fields[f].field),
                                         _(step->trail_label)));
    }
}

/* The record's own fields, and a record with a workflow with its trail:
 * the steps stored and those in @arrived. */
static gboolean
check_record (UdReceivedBatch *batch,
              UdRecord        *record,
              GPtrArray       *arrived,
              GPtrArray       *issues,
              GError         **error)
{
  const UdKind *kind = record->kind;

  if (record->deleted)
    {
      check_tombstone (record, issues);
      return TRUE;
    }

  check_workflow_fields (record, issues);
  ud_record_check (record, issues);
  if (ud_issue_list_has_errors (issues))
    return TRUE;

  if (kind->workflow != NULL)
    {
      g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);

      if (batch->store.stored_trail != NULL &&
          !batch->store.stored_trail (batch->store.user_data, kind, record->uuid, steps, error))
        return FALSE;
      for (guint i = 0; arrived != NULL && i < arrived->len; i++)
        g_ptr_array_add (steps, ud_record_ref (g_ptr_array_index (arrived, i)));
      check_trail (record, steps, issues);
      if (ud_issue_list_has_errors (issues))
        return TRUE;
    }

  if (kind->hooks != NULL && kind->hooks->received != NULL)
    kind->hooks->received (batch->store.db, record, issues);

  return TRUE;
}

/* Steps that arrived for a record that did not arrive with them: they
 * must fit the record as stored. */
static gboolean
check_steps_alone (UdReceivedBatch *batch,
                   GPtrArray       *steps,
                   GError         **error)
{
  UdRecord *first = g_ptr_array_index (steps, 0);
  const UdKind *kind = ud_kind_lookup (ud_record_get (first, "record_kind"));
  g_autoptr(UdRecord) stored = NULL;
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;

  if (kind == NULL || batch->store.stored == NULL)
    return TRUE;
  stored = batch->store.stored (batch->store.user_data, kind, ud_record_get (first, "record_uuid"), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* Not here (yet): the record is checked with them when it comes. */
  if (stored == NULL || stored->deleted)
    return TRUE;

  if (!check_record (batch, stored, steps, issues, error))
    return FALSE;
  if (!ud_issue_list_has_errors (issues))
    return TRUE;

  for (guint i = 0; i < steps->len; i++)
    refuse (batch, g_ptr_array_index (steps, i), issues);
  return TRUE;
}

gboolean
ud_received_batch_check (UdReceivedBatch  *batch,
                         GError          **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (batch != NULL, FALSE);

  /* The trail's steps on their own first: a step that is not one does
   * not count in its record's trail. */
  for (guint i = 0; i < batch->records->len; i++)
    {
      UdRecord *record = g_ptr_array_index (batch->records, i);
      g_autoptr(GPtrArray) issues = ud_issue_list_new ();
      g_autofree char *parent = NULL;
      GPtrArray *steps;

      if (record->kind != &ud_kind_workflow_step)
        continue;
      if (!check_record (batch, record, NULL, issues, error))
        return FALSE;
      if (ud_issue_list_has_errors (issues))
        {
          refuse (batch, record, issues);
          continue;
        }
      if (record->deleted)
        continue;

      parent = record_key (ud_record_get (record, "record_kind"), ud_record_get (record, "record_uuid"));
      steps = g_hash_table_lookup (batch->trails, parent);
      if (steps == NULL)
        {
          steps = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
          g_hash_table_insert (batch->trails, g_steal_pointer (&parent), steps);
        }
      g_ptr_array_add (steps, ud_record_ref (record));
    }

  /* Every other record, with its trail. */
  for (guint i = 0; i < batch->records->len; i++)
    {
      UdRecord *record = g_ptr_array_index (batch->records, i);
      g_autoptr(GPtrArray) issues = ud_issue_list_new ();
      g_autofree char *own = NULL;

      if (record->kind == &ud_kind_workflow_step)
        continue;
      own = record_key (record->kind->name, record->uuid);
      if (!check_record (batch, record, g_hash_table_lookup (batch->trails, own), issues, error))
        return FALSE;
      if (ud_issue_list_has_errors (issues))
        refuse (batch, record, issues);
    }

  /* The steps go with their record. */
  g_hash_table_iter_init (&iter, batch->trails);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *steps = value;
      UdRecord *parent = g_hash_table_lookup (batch->latest, key);

      if (parent == NULL)
        {
          if (!check_steps_alone (batch, steps, error))
            return FALSE;
          continue;
        }
      if (!g_hash_table_contains (batch->refusals, parent))
        continue;

      for (guint i = 0; i < steps->len; i++)
        {
          UdRecord *step = g_ptr_array_index (steps, i);
          g_autofree char *title = ud_record_get_title (parent);

          g_hash_table_replace (batch->refusals, step,
                                /* TRANSLATORS: a kind of record, then what it is called */
                                g_strdup_printf (_("A step of the trail of %s %s, which was refused."),
                                                 _(parent->kind->label), *title != '\0' ? title : parent->uuid));
        }
    }

  return TRUE;
}
