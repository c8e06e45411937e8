/* ud-trail.c — the one workflow trail of every kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-trail"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-trail.h"
#include "ud-permission.h"
#include "ud-record-store-private.h"
#include "ud-validate.h"

#define ALIASES(...) UD_STRV (__VA_ARGS__)

/* The record a step belongs to: of the kind its record_kind names. */
static const UdReference record_reference = {
  .style = UD_REFERENCE_UUID,
  .kind_field = "record_kind",
};

static const UdField step_fields[] = {
  { "record_kind", UD_FIELD_TEXT, N_("Kind of record"), "记录类型", ALIASES ("record_kind"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 64, 12 },
  { "record_uuid", UD_FIELD_REFERENCE, N_("Record"), "记录", ALIASES ("record_uuid"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_PARENT,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &record_reference },
  { "step", UD_FIELD_TEXT, N_("Step"), "环节", ALIASES ("step"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 16, 10 },
  { "actor", UD_FIELD_TEXT, N_("Recorded by"), "经办人", ALIASES ("actor"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_ACCOUNT,
    UD_SENSITIVITY_NONE, NULL, 0, 64, 10 },
  { "at", UD_FIELD_TEXT, N_("Recorded at"), "时间", ALIASES ("at"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 20 },
  { "opinion", UD_FIELD_TEXT, N_("Opinion"), "意见", ALIASES ("opinion"),
    UD_FIELD_SYNCED | UD_FIELD_MULTILINE,
    UD_SENSITIVITY_NONE, NULL, 0, 500, 24 },
  { "signer", UD_FIELD_TEXT, N_("Signed by"), "签字人", ALIASES ("signer"),
    UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 8 },
  { "signed_on", UD_FIELD_DATE, N_("Signed on"), "签字日期", ALIASES ("signed_on"),
    UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
};

/* A step names a kind of record with a workflow, and one of its steps:
 * its creation, a step, or an opinion copied from paper with one. */
static void
step_validate (UdRecord  *record,
               GPtrArray *issues,
               gboolean   fields_ok)
{
  const UdKind *kind;
  const UdWorkflow *workflow;
  const char *name = ud_record_get (record, "step");

  if (!fields_ok)
    return;

  kind = ud_kind_lookup (ud_record_get (record, "record_kind"));
  if (kind == NULL || kind->workflow == NULL)
    {
      g_ptr_array_add (issues,
                       ud_issue_new (ud_kind_find_field (record->kind, "record_kind"), "unknown_choice", FALSE,
                                     /* TRANSLATORS: a field label, then the name of a kind of record */
                                     _("%s: “%s” is not a kind of record with a workflow."),
                                     ud_kind_get_field_label (record->kind, "record_kind"),
                                     ud_record_get (record, "record_kind")));
      return;
    }

  workflow = kind->workflow;
  if (g_strcmp0 (name, workflow->created_step) == 0 || ud_workflow_find_step (workflow, name) != NULL ||
      ud_workflow_find_paper (workflow, name) != NULL)
    return;

  g_ptr_array_add (issues,
                   ud_issue_new (ud_kind_find_field (record->kind, "step"), "unknown_choice", FALSE,
                                 /* TRANSLATORS: a field label, a step's name, then a kind of record */
                                 _("%s: “%s” is not a step of a %s."),
                                 ud_kind_get_field_label (record->kind, "step"), name, _(kind->label)));
}

static const UdKindHooks step_hooks = {
  .validate = step_validate,
};

const UdKind ud_kind_workflow_step = {
  .name = "workflow_step",
  .table = "workflow_step",
  .label = N_("Step of a workflow"),
  .fields = step_fields,
  .n_fields = G_N_ELEMENTS (step_fields),
  .flags = UD_KIND_APPEND_ONLY | UD_KIND_CHAINED,
  .title_fields = UD_STRV ("step", "signed_on"),
  .sort_field = "at",
  /* Who may see a record may see its trail; steps are written by the
   * workflow, which checks the step's own permission. */
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_CREATE_APPLICATION,
  .delete_permission = UD_PERMISSION_CREATE_APPLICATION,
  /* The trail of the relief applications before it was every kind's. */
  .former_names = UD_STRV ("illness_step"),
  .hooks = &step_hooks,
};

void
ud_trail_step_free (UdTrailStep *step)
{
  if (step == NULL)
    return;

  g_free (step->uuid);
  g_free (step->step);
  g_free (step->actor);
  g_free (step->actor_name);
  g_free (step->at);
  g_free (step->opinion);
  g_free (step->signer);
  g_free (step->signed_on);
  g_free (step);
}

static UdTrailStep *
read_step (sqlite3_stmt *stmt)
{
  UdTrailStep *step = g_new0 (UdTrailStep, 1);

  step->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  step->step = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  step->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  step->at = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  step->opinion = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  step->signer = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  step->signed_on = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  step->actor_name = g_strdup ((const char *) (sqlite3_column_text (stmt, 7) != NULL && *sqlite3_column_text (stmt, 7) != '\0'
                                               ? sqlite3_column_text (stmt, 7) : sqlite3_column_text (stmt, 2)));

  return step;
}

GPtrArray *
ud_trail_list (UdDatabase    *db,
               const UdKind  *kind,
               const char    *uuid,
               GError       **error)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_trail_step_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  if (!ud_database_require (db, kind->view_permission, error))
    return NULL;

  /* In the order they were recorded here. */
  stmt = ud_database_prepare (db,
                              "SELECT s.uuid, s.step, s.actor, s.at, s.opinion, s.signer, s.signed_on, a.display_name"
                              " FROM workflow_step s LEFT JOIN account a ON a.username = s.actor"
                              " WHERE s.record_kind = ?1 AND s.record_uuid = ?2 ORDER BY s.id",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (steps, read_step (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the record's history"));
      return NULL;
    }

  return g_steal_pointer (&steps);
}

gboolean
_ud_trail_add (UdDatabase      *db,
               const UdRecord  *record,
               const char      *step,
               const char      *opinion,
               const char      *signer,
               const char      *signed_on,
               GError         **error)
{
  g_autoptr(UdRecord) entry = ud_record_new (&ud_kind_workflow_step);
  g_autofree char *now = ud_database_now_iso ();
  g_autofree char *today = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL && record->uuid != NULL, FALSE);
  g_return_val_if_fail (step != NULL, FALSE);

  if (signed_on == NULL)
    {
      GDate date;

      ud_date_today (&date);
      today = ud_date_to_iso (&date);
      signed_on = today;
    }

  ud_record_set (entry, "record_kind", record->kind->name);
  ud_record_set (entry, "record_uuid", record->uuid);
  ud_record_set (entry, "step", step);
  ud_record_set (entry, "actor", ud_database_get_actor (db));
  ud_record_set (entry, "at", now);
  ud_record_set (entry, "opinion", opinion);
  ud_record_set (entry, "signer", signer);
  ud_record_set (entry, "signed_on", signed_on);

  return _ud_record_store_write (db, entry, NULL, NULL, error);
}

gboolean
_ud_trail_read (UdDatabase    *db,
                const UdKind  *kind,
                const char    *uuid,
                GPtrArray     *steps,
                GError       **error)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind != NULL && uuid != NULL && steps != NULL, FALSE);

  stmt = ud_database_prepare (db, "SELECT uuid FROM workflow_step WHERE record_kind = ?1 AND record_uuid = ?2 ORDER BY id",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (uuids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the record's history"));
      return FALSE;
    }

  for (guint i = 0; i < uuids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      UdRecord *step = _ud_record_store_read_by_uuid (db, &ud_kind_workflow_step, g_ptr_array_index (uuids, i),
                                                      &local_error);

      if (step == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          continue;
        }
      g_ptr_array_add (steps, step);
    }

  return TRUE;
}
