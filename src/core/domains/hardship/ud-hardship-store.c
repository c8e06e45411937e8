/* ud-hardship-store.c — hardship archives, their households and visits
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-hardship-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-hardship-store.h"
#include "ud-hardship-kind.h"
#include "ud-hardship-private.h"
#include "ud-member-kind.h"
#include "ud-permission.h"
#include "ud-record-store-private.h"
#include "ud-unit-kind.h"
#include "ud-validate.h"
#include "ud-workflow.h"

#define ARCHIVE (&ud_kind_hardship_archive)
#define HOUSEHOLD (&ud_kind_hardship_household_member)
#define VISIT (&ud_kind_hardship_visit)
#define SERIAL_PREFIX "困难"

char *
_ud_hardship_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

UdRecord *
ud_hardship_archive_new (const UdRecord *member)
{
  UdRecord *archive;
  g_autofree char *today = _ud_hardship_today ();

  g_return_val_if_fail (member != NULL && member->kind == &ud_kind_member, NULL);

  archive = ud_record_new (ARCHIVE);
  ud_record_set (archive, "member_uuid", member->uuid);
  ud_record_set (archive, "member_name", ud_record_get (member, "name"));
  ud_record_set (archive, "id_number", ud_record_get (member, "id_number"));
  ud_record_set (archive, "application_date", today);
  ud_record_set (archive, "employment", g_str_equal (ud_record_get (member, "employment"), "migrant") ? "migrant" : "urban");
  ud_record_set (archive, "status", "draft");

  return archive;
}

/* ---- the category ----------------------------------------------------- */

void
_ud_hardship_case_from_record (const UdRecord *archive,
                               UdHardshipCase *c)
{
  memset (c, 0, sizeof *c);
  g_date_clear (&c->date, 1);
  ud_date_parse (ud_record_get (archive, "application_date"), &c->date, NULL);
  c->migrant = g_str_equal (ud_record_get (archive, "employment"), "migrant");
  c->employed_months = (guint) CLAMP (ud_record_get_int (archive, "employed_months"), 0, G_MAXUINT);
  c->household_size = (guint) CLAMP (ud_record_get_int (archive, "household_size"), 0, G_MAXUINT);
  c->income_12m = ud_record_get_int (archive, "income_12m");
  c->medical = ud_record_get_int (archive, "medical");
  c->education = ud_record_get_int (archive, "education");
  c->disability_care = ud_record_get_int (archive, "disability_care");
  c->work = ud_record_get_int (archive, "work_costs");
  c->losses = ud_record_get_int (archive, "losses");
  c->two_homes = g_str_equal (ud_record_get (archive, "two_homes"), "yes");
  c->employs_others = g_str_equal (ud_record_get (archive, "employs_others"), "yes");
  c->private_school = g_str_equal (ud_record_get (archive, "private_school"), "yes");
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

gboolean
ud_hardship_archive_quote (UdHardshipRules  *rules,
                           const UdRecord   *archive,
                           UdHardshipQuote  *quote,
                           GError          **error)
{
  g_autoptr(UdRecord) copy = NULL;
  g_autoptr(GError) local_error = NULL;
  UdHardshipCase c;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (archive != NULL && archive->kind == ARCHIVE, FALSE);

  copy = ud_record_copy (archive);
  _ud_hardship_derive_income (copy);
  _ud_hardship_case_from_record (copy, &c);
  if (!ud_hardship_quote (rules, &c, quote, &local_error))
    {
      const char *field = g_str_has_prefix (local_error->message, "date") ? "application_date" : "household_size";

      g_set_error (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID,
                   /* TRANSLATORS: a field label, then what the rule says is wrong */
                   _("%s: %s"), ud_kind_get_field_label (ARCHIVE, field), local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
_ud_hardship_compute (UdDatabase       *db,
                      UdRecord         *archive,
                      GPtrArray        *issues,
                      UdHardshipQuote  *quote,
                      GError          **error)
{
  g_autoptr(UdHardshipRules) rules = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *reasons = NULL;
  const char *category;
  const char *computed;
  UdHardshipCase c;

  rules = ud_hardship_rules_load (db, error);
  if (rules == NULL)
    return FALSE;

  _ud_hardship_case_from_record (archive, &c);
  if (!ud_hardship_quote (rules, &c, quote, &local_error))
    {
      /* The case's own words ("date: …") name the JSON; a record's
       * fields have labels. */
      const char *field = g_str_has_prefix (local_error->message, "date") ? "application_date" : "household_size";

      if (issues != NULL)
        g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (ARCHIVE, field), "rules", FALSE,
                                               "%s", local_error->message));
      g_set_error (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID,
                   /* TRANSLATORS: a field label, then what the rule says is wrong */
                   _("%s: %s"), ud_kind_get_field_label (ARCHIVE, field), local_error->message);
      return FALSE;
    }

  computed = ud_hardship_category_to_string (quote->category);
  failed = join_array (quote->failed, ",");
  reasons = join_array (quote->reasons, "\n");
  ud_record_set_int (archive, "per_capita", quote->per_capita);
  ud_record_set_int (archive, "low_income_line", quote->line);
  ud_record_set (archive, "computed_category", computed);
  ud_record_set (archive, "failed_rules", failed);
  ud_record_set (archive, "reasons", reasons);
  ud_record_set (archive, "rules_version", quote->rules_version);

  /* Nothing chosen: the computed category (none stays empty). */
  category = ud_record_get (archive, "category");
  if (*category == '\0' && quote->category != UD_HARDSHIP_NONE)
    ud_record_set (archive, "category", computed);
  category = ud_record_get (archive, "category");

  if (*category != '\0' && !g_str_equal (category, computed) &&
      *ud_record_get (archive, "category_reason") == '\0')
    {
      const UdField *field = ud_kind_find_field (ARCHIVE, "category");
      g_autofree char *message =
        /* TRANSLATORS: a field label, the category chosen, then the one computed */
        g_strdup_printf (_("%s: “%s” differs from the computed “%s”, so write down the reason."),
                         _(field->label), ud_field_choice_label (field, category),
                         ud_field_choice_label (ud_kind_find_field (ARCHIVE, "computed_category"), computed));

      if (issues != NULL)
        g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (ARCHIVE, "category_reason"), "reason_required",
                                               FALSE, "%s", message));
      g_set_error_literal (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID, message);
      return FALSE;
    }
  if (g_str_equal (category, computed))
    ud_record_set (archive, "category_reason", "");

  return TRUE;
}

/* ---- saving ------------------------------------------------------------ */

static void
copy_stored (UdRecord       *to,
             const UdRecord *from)
{
  to->id = from->id;
  g_free (to->uuid);
  to->uuid = g_strdup (from->uuid);
  g_free (to->district);
  to->district = g_strdup (from->district);
  g_free (to->hlc);
  to->hlc = g_strdup (from->hlc);
  g_free (to->updated_at);
  to->updated_at = g_strdup (from->updated_at);
  g_free (to->updated_by);
  to->updated_by = g_strdup (from->updated_by);
  to->deleted = from->deleted;
  for (guint i = 0; i < from->kind->n_fields; i++)
    ud_record_set_nth (to, i, from->values[i]);
}

/* Copies the member's name, ID number, unit and street. */
static gboolean
copy_member (UdDatabase  *db,
             UdRecord    *archive,
             GPtrArray   *issues,
             GError     **error)
{
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(UdRecord) unit = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *unit_name;

  member = _ud_record_store_read_by_uuid (db, &ud_kind_member, ud_record_get (archive, "member_uuid"), &local_error);
  if (member == NULL || member->deleted)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (ARCHIVE, "member_uuid"), "not_found", FALSE,
                                             _("%s: the member no longer exists"),
                                             ud_kind_get_field_label (ARCHIVE, "member_uuid")));
      ud_issue_list_set_error (issues, 0, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID, error);
      return FALSE;
    }

  ud_record_set (archive, "member_name", ud_record_get (member, "name"));
  ud_record_set (archive, "id_number", ud_record_get (member, "id_number"));
  unit_name = ud_record_get (member, "unit");
  ud_record_set (archive, "unit_name", unit_name);
  ud_record_set (archive, "street", "");
  if (*unit_name != '\0')
    {
      unit = ud_record_store_find (db, &ud_kind_unit, "name", unit_name, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (unit != NULL)
        ud_record_set (archive, "street", ud_record_get (unit, "street"));
    }

  return TRUE;
}

/* Writes @household as the archive's household: each in its position,
 * the stored ones no longer given deleted. */
static gboolean
write_household (UdDatabase      *db,
                 const UdRecord  *archive,
                 GPtrArray       *household,
                 GPtrArray       *issues,
                 GError         **error)
{
  g_autoptr(GPtrArray) stored = ud_hardship_store_household (db, archive, error);

  if (stored == NULL)
    return FALSE;

  for (guint i = 0; i < household->len; i++)
    {
      UdRecord *person = g_ptr_array_index (household, i);
      g_autoptr(UdRecord) existing = NULL;
      guint first = issues->len;

      g_return_val_if_fail (person->kind == HOUSEHOLD, FALSE);
      ud_record_set (person, "archive_uuid", archive->uuid);
      ud_record_set_int (person, "position", i + 1);

      if (!ud_record_store_validate (db, person, issues))
        {
          g_autofree char *name = g_strdup (ud_record_get (person, "name"));
          UdIssue *issue = ud_issue_list_first_error (issues, first);

          g_set_error (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID,
                       /* TRANSLATORS: the line of the household table, the person's name, then the problem */
                       _("Household member %u (%s): %s"), i + 1, name, issue->message);
          return FALSE;
        }

      for (guint j = 0; j < stored->len; j++)
        {
          UdRecord *other = g_ptr_array_index (stored, j);

          if (person->uuid != NULL && g_strcmp0 (other->uuid, person->uuid) == 0)
            {
              existing = ud_record_ref (other);
              g_ptr_array_remove_index (stored, j);
              break;
            }
        }
      if (existing != NULL && ud_record_equal_values (existing, person))
        continue;
      if (!_ud_record_store_write (db, person, existing, NULL, error))
        return FALSE;
    }

  /* Those no longer in the household. */
  for (guint j = 0; j < stored->len; j++)
    {
      UdRecord *gone = g_ptr_array_index (stored, j);
      g_autoptr(UdRecord) tombstone = ud_record_copy (gone);

      tombstone->deleted = TRUE;
      if (!_ud_record_store_write (db, tombstone, gone, NULL, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
ud_hardship_archive_save (UdDatabase  *db,
                          UdRecord    *archive,
                          GPtrArray   *household,
                          GPtrArray   *issues,
                          GError     **error)
{
  g_autoptr(GPtrArray) local_issues = NULL;
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(UdHardshipQuote) quote = { 0, };
  guint first;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (archive != NULL && archive->kind == ARCHIVE, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_CREATE_APPLICATION, error))
    return FALSE;
  if (!ud_database_is_initialized (db))
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_INITIALIZED,
                   _("The office has not been set up yet: give its district code and name first."));
      return FALSE;
    }

  if (issues == NULL)
    issues = local_issues = ud_issue_list_new ();
  first = issues->len;

  if (!ud_record_store_validate (db, archive, issues))
    {
      ud_issue_list_set_error (issues, first, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID, error);
      return FALSE;
    }
  if (household != NULL && (guint) ud_record_get_int (archive, "household_size") < household->len)
    {
      g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (ARCHIVE, "household_size"), "too_small", FALSE,
                                             /* TRANSLATORS: a field label, then how many people are listed */
                                             _("%s: the household table lists %u people"),
                                             ud_kind_get_field_label (ARCHIVE, "household_size"), household->len));
      ud_issue_list_set_error (issues, first, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID, error);
      return FALSE;
    }

  if (!ud_database_begin (db, error))
    return FALSE;

  if (archive->id != 0)
    {
      existing = _ud_record_store_read (db, ARCHIVE, archive->id, &local_error);
      if (existing == NULL || existing->deleted)
        {
          if (local_error == NULL)
            g_set_error_literal (&local_error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_NOT_FOUND,
                                 _("The archive no longer exists."));
          goto failed;
        }
      if (!g_str_equal (ud_record_get (existing, "status"), "draft"))
        {
          g_set_error (&local_error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID,
                       /* TRANSLATORS: a serial number */
                       _("Archive %s is under review or archived and can no longer be changed; it can be changed again if it is returned."),
                       ud_record_get (existing, "serial"));
          goto failed;
        }
      record = ud_record_copy (existing);
    }
  else
    {
      record = ud_record_new (ARCHIVE);
      ud_record_set (record, "status", "draft");
      ud_record_set (record, "created_by", ud_database_get_actor (db));
    }

  /* What the clerk typed, over the stored state. */
  for (guint i = 0; i < ARCHIVE->n_fields; i++)
    if ((ARCHIVE->fields[i].flags & UD_FIELD_DERIVED) == 0)
      ud_record_set_nth (record, i, archive->values[i]);
  /* The validation derived it on the caller's record. */
  ud_record_set_int (record, "income_12m", ud_record_get_int (archive, "income_12m"));

  if (!copy_member (db, record, issues, &local_error) ||
      !_ud_hardship_compute (db, record, issues, &quote, &local_error))
    goto failed;

  if (existing == NULL ||
      strncmp (ud_record_get (existing, "application_date"), ud_record_get (record, "application_date"), 4) != 0)
    {
      g_autofree char *office = ud_database_get_office_number (db);
      g_autofree char *prefix = g_strdup_printf ("%s-%s-%.4s-%s-", SERIAL_PREFIX, ud_database_get_district (db),
                                                 ud_record_get (record, "application_date"), office);
      g_autofree char *serial = _ud_record_store_next_serial (db, ARCHIVE, "serial", prefix, 4, &local_error);

      if (serial == NULL)
        goto failed;
      ud_record_set (record, "serial", serial);
    }

  if (!_ud_record_store_write (db, record, existing, NULL, &local_error) ||
      (existing == NULL && !_ud_workflow_record_created (db, record, &local_error)) ||
      (household != NULL && !write_household (db, record, household, issues, &local_error)) ||
      !ud_database_commit (db, &local_error))
    goto failed;

  copy_stored (archive, record);
  return TRUE;

failed:
  ud_database_rollback (db);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---- reading ------------------------------------------------------------ */

static GPtrArray *
query_records (UdDatabase            *db,
               const UdKind          *kind,
               const UdRecordFilter  *filters,
               guint                  n_filters,
               const char            *sort_field,
               gboolean               descending,
               GError               **error)
{
  UdRecordQuery query = { kind, NULL, filters, n_filters, sort_field, descending };

  return ud_record_store_list (db, &query, error);
}

UdRecord *
ud_hardship_store_find (UdDatabase  *db,
                        const char  *key,
                        GError     **error)
{
  UdRecordFilter filter = { "serial", UD_RECORD_FILTER_EQUALS, key };
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  found = query_records (db, ARCHIVE, &filter, 1, NULL, FALSE, error);
  if (found != NULL && found->len == 0)
    {
      /* The member's ID number: the latest archive. */
      g_autoptr(UdRecord) member = ud_record_store_find (db, &ud_kind_member, "id_number", key, NULL);

      if (member != NULL && !member->deleted)
        {
          UdRecordFilter of_member = { "member_uuid", UD_RECORD_FILTER_EQUALS, member->uuid };

          g_ptr_array_unref (found);
          found = query_records (db, ARCHIVE, &of_member, 1, "application_date", TRUE, error);
        }
    }
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_NOT_FOUND,
                   /* TRANSLATORS: what was given to find an archive */
                   _("There is no hardship archive “%s”: give its serial number or the member's ID number."), key);
      return NULL;
    }

  return ud_record_ref (g_ptr_array_index (found, 0));
}

GPtrArray *
ud_hardship_store_household (UdDatabase      *db,
                             const UdRecord  *archive,
                             GError         **error)
{
  UdRecordFilter filter = { "archive_uuid", UD_RECORD_FILTER_EQUALS, archive->uuid };

  return query_records (db, HOUSEHOLD, &filter, 1, "position", FALSE, error);
}

GPtrArray *
ud_hardship_store_visits (UdDatabase      *db,
                          const UdRecord  *archive,
                          GError         **error)
{
  UdRecordFilter filter = { "archive_uuid", UD_RECORD_FILTER_EQUALS, archive->uuid };

  return query_records (db, VISIT, &filter, 1, "visited_on", FALSE, error);
}

/* ---- visits -------------------------------------------------------------- */

/* Whether @archive is followed up on @date: archived, or left less than
 * 6 months before. */
static gboolean
followed_up (const UdRecord *archive,
             const char     *date)
{
  const char *status = ud_record_get (archive, "status");

  if (g_str_equal (status, "archived"))
    return TRUE;
  return g_str_equal (status, "left") && strcmp (date, ud_record_get (archive, "follow_up_until")) <= 0;
}

gboolean
ud_hardship_visit_add (UdDatabase      *db,
                       const UdRecord  *archive,
                       UdRecord        *visit,
                       GPtrArray       *issues,
                       GError         **error)
{
  g_autoptr(GPtrArray) local_issues = NULL;
  g_autoptr(UdRecord) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *since;

  g_return_val_if_fail (archive != NULL && archive->kind == ARCHIVE, FALSE);
  g_return_val_if_fail (visit != NULL && visit->kind == VISIT && visit->id == 0, FALSE);

  if (!ud_database_require (db, VISIT->edit_permission, error))
    return FALSE;
  if (issues == NULL)
    issues = local_issues = ud_issue_list_new ();

  ud_record_set (visit, "archive_uuid", archive->uuid);
  if (!ud_record_store_validate (db, visit, issues))
    {
      ud_issue_list_set_error (issues, 0, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID, error);
      return FALSE;
    }

  if (!ud_database_begin (db, error))
    return FALSE;

  /* The archive as it is now, in the same transaction. */
  stored = _ud_record_store_read (db, ARCHIVE, archive->id, &local_error);
  if (stored == NULL || stored->deleted)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_NOT_FOUND,
                             _("The archive no longer exists."));
      goto failed;
    }
  since = ud_record_get (stored, "archived_on");
  if (!followed_up (stored, ud_record_get (visit, "visited_on")) ||
      strcmp (ud_record_get (visit, "visited_on"), since) < 0)
    {
      g_set_error (&local_error, UD_HARDSHIP_ERROR, UD_HARDSHIP_ERROR_INVALID,
                   /* TRANSLATORS: a field label, then the archive's serial number */
                   _("%s: archive %s was not archived nor followed up on that day."),
                   ud_kind_get_field_label (VISIT, "visited_on"), ud_record_get (stored, "serial"));
      goto failed;
    }

  if (!_ud_record_store_write (db, visit, NULL, NULL, &local_error) ||
      !ud_database_commit (db, &local_error))
    goto failed;
  return TRUE;

failed:
  ud_database_rollback (db);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

char *
ud_hardship_next_visit_due (UdDatabase      *db,
                            const UdRecord  *archive,
                            GError         **error)
{
  g_autoptr(GPtrArray) visits = NULL;
  g_autofree char *today = _ud_hardship_today ();
  const char *start;
  const char *last = NULL;
  GDate date;

  if (!followed_up (archive, today))
    return g_strdup ("");

  visits = ud_hardship_store_visits (db, archive, error);
  if (visits == NULL)
    return NULL;

  /* Counted from its latest start: archived, or come back. */
  start = *ud_record_get (archive, "returned_on") != '\0' ? ud_record_get (archive, "returned_on")
                                                          : ud_record_get (archive, "archived_on");
  for (guint i = 0; i < visits->len; i++)
    {
      UdRecord *visit = g_ptr_array_index (visits, i);

      if (strcmp (ud_record_get (visit, "visited_on"), start) >= 0)
        last = ud_record_get (visit, "next_due");
    }
  if (last != NULL)
    return g_strdup (last);

  if (!ud_date_parse (start, &date, NULL))
    return g_strdup ("");
  g_date_add_months (&date, UD_HARDSHIP_VISIT_MONTHS);
  return ud_date_to_iso (&date);
}

void
ud_hardship_due_free (UdHardshipDue *due)
{
  if (due == NULL)
    return;

  g_clear_pointer (&due->archive, ud_record_unref);
  g_free (due->due);
  g_free (due);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const UdHardshipDue *x = *(UdHardshipDue * const *) a;
  const UdHardshipDue *y = *(UdHardshipDue * const *) b;

  return strcmp (x->due, y->due);
}

GPtrArray *
ud_hardship_store_overdue (UdDatabase  *db,
                           const char  *today,
                           GError     **error)
{
  static const char * const followed[] = { "archived", "left" };
  g_autoptr(GPtrArray) overdue = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_hardship_due_free);

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  for (guint s = 0; s < G_N_ELEMENTS (followed); s++)
    {
      UdRecordFilter filter = { "status", UD_RECORD_FILTER_EQUALS, followed[s] };
      g_autoptr(GPtrArray) archives = query_records (db, ARCHIVE, &filter, 1, NULL, FALSE, error);

      if (archives == NULL)
        return NULL;
      for (guint i = 0; i < archives->len; i++)
        {
          UdRecord *archive = g_ptr_array_index (archives, i);
          g_autofree char *due = ud_hardship_next_visit_due (db, archive, error);

          if (due == NULL)
            return NULL;
          if (*due != '\0' && strcmp (due, today) < 0)
            {
              UdHardshipDue *item = g_new0 (UdHardshipDue, 1);

              item->archive = ud_record_ref (archive);
              item->due = g_steal_pointer (&due);
              g_ptr_array_add (overdue, item);
            }
        }
    }

  g_ptr_array_sort (overdue, compare_due);
  return g_steal_pointer (&overdue);
}

/* ---- the archive roll ------------------------------------------------------ */

static void
row_issue (GPtrArray  *issues,
           const char *field,
           const char *code,
           char       *message)
{
  g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (ARCHIVE, field), code, FALSE, "%s", message));
  g_free (message);
}

/* A row of the archive roll offices keep (one household a row: the
 * member's ID number, category, household size, income, causes, archived
 * on): the member found by ID number, the household archived on the day
 * the roll says, over the member's archive already archived here when
 * there is one. */
gboolean
_ud_hardship_import_row (UdDatabase  *db,
                         UdRecord    *record,
                         UdRecord   **existing,
                         GPtrArray   *issues,
                         GError     **error)
{
  const UdField *id_field = ud_kind_find_field (ARCHIVE, "id_number");
  const UdField *archived_field = ud_kind_find_field (ARCHIVE, "archived_on");
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) member_issues = ud_issue_list_new ();
  g_auto(UdHardshipQuote) quote = { 0, };
  g_autofree char *id_number = ud_field_normalize (id_field, ud_record_get (record, "id_number"), issues);
  g_autofree char *archived_on = ud_field_normalize (archived_field, ud_record_get (record, "archived_on"), issues);
  g_autofree char *today = _ud_hardship_today ();
  guint first = issues->len;

  if (id_number == NULL || archived_on == NULL)
    return TRUE;
  if (*id_number == '\0')
    {
      ud_issue_list_add_required (issues, id_field);
      return TRUE;
    }
  if (*archived_on == '\0' || strcmp (archived_on, today) > 0)
    {
      row_issue (issues, "archived_on", "required",
                 /* TRANSLATORS: a field label */
                 g_strdup_printf (_("%s: give the day the household was archived, not after today"), _(archived_field->label)));
      return TRUE;
    }

  member = ud_record_store_find (db, &ud_kind_member, "id_number", id_number, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (member == NULL || member->deleted)
    {
      row_issue (issues, "id_number", "no_member",
                 /* TRANSLATORS: a field label, then an ID number */
                 g_strdup_printf (_("%s: no member on the roll has the ID number %s; import the member roster first"),
                                  _(id_field->label), id_number));
      return TRUE;
    }
  ud_record_set (record, "member_uuid", member->uuid);
  ud_record_set (record, "archived_on", archived_on);
  if (*ud_record_get (record, "application_date") == '\0')
    ud_record_set (record, "application_date", archived_on);

  /* The member's archive already here: archived, it is updated; under
   * review, the row waits for it. */
  if (*existing == NULL && record->id == 0)
    {
      UdRecordFilter of_member = { "member_uuid", UD_RECORD_FILTER_EQUALS, member->uuid };
      g_autoptr(GPtrArray) archives = query_records (db, ARCHIVE, &of_member, 1, "application_date", TRUE, error);

      if (archives == NULL)
        return FALSE;
      for (guint i = 0; i < archives->len && *existing == NULL; i++)
        {
          UdRecord *archive = g_ptr_array_index (archives, i);
          const char *status = ud_record_get (archive, "status");

          if (g_str_equal (status, "archived"))
            *existing = ud_record_ref (archive);
          else if (!g_str_equal (status, "left") && !g_str_equal (status, "rejected"))
            {
              row_issue (issues, "id_number", "under_review",
                         /* TRANSLATORS: a serial number */
                         g_strdup_printf (_("The member's archive %s is under review: finish it before importing this row"),
                                          ud_record_get (archive, "serial")));
              return TRUE;
            }
        }
      if (*existing != NULL)
        return TRUE;
    }

  if (record->id == 0)
    {
      g_autofree char *office = ud_database_get_office_number (db);
      g_autofree char *prefix = g_strdup_printf ("%s-%s-%.4s-%s-", SERIAL_PREFIX, ud_database_get_district (db),
                                                 archived_on, office);
      g_autofree char *serial = _ud_record_store_next_serial (db, ARCHIVE, "serial", prefix, 4, error);

      if (serial == NULL)
        return FALSE;
      ud_record_set (record, "serial", serial);
      ud_record_set (record, "status", "archived");
      ud_record_set (record, "created_by", ud_database_get_actor (db));
    }

  /* Over an archive here: the roll's income is the household's whole
   * income, in place of the sources typed in the app. */
  if (record->id != 0)
    {
      static const char * const sources[] = { "income_wages", "income_business", "income_property", "income_transfer" };
      g_autoptr(UdRecord) stored = _ud_record_store_read (db, ARCHIVE, record->id, error);

      if (stored == NULL)
        return FALSE;
      if (ud_record_get_int (stored, "income_other") != ud_record_get_int (record, "income_other"))
        for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
          ud_record_set (record, sources[i], "0");
    }

  if (!copy_member (db, record, member_issues, error))
    return FALSE;
  _ud_hardship_derive_income (record);
  /* The roll's category is the office's decision, made on paper. */
  if (*ud_record_get (record, "category") != '\0' && *ud_record_get (record, "category_reason") == '\0')
    ud_record_set (record, "category_reason", _("Category as recorded in the imported archive roll"));
  if (!_ud_hardship_compute (db, record, issues, &quote, &local_error))
    {
      if (issues->len > first)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (*ud_record_get (record, "category") == '\0')
    row_issue (issues, "category", "required",
               /* TRANSLATORS: a field label */
               g_strdup_printf (_("%s: the household is not in hardship under the rules; give its category as archived"),
                                ud_kind_get_field_label (ARCHIVE, "category")));

  return TRUE;
}

/* A new archive from the roll starts its trail. */
gboolean
_ud_hardship_imported (UdDatabase      *db,
                       const UdRecord  *record,
                       gboolean         created,
                       GError         **error)
{
  return !created || _ud_workflow_record_created (db, record, error);
}
