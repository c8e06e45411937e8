/* ud-illness-suggestion.c — the relief rules applied to an application
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-illness-suggestion"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "ud-illness-suggestion.h"
#include "ud-illness-error.h"
#include "ud-member-kind.h"
#include "ud-permission.h"
#include "ud-record-store.h"
#include "ud-record-store-private.h"
#include "ud-reference-store.h"
#include "ud-reference-store-private.h"
#include "ud-validate.h"

/* The statuses that count as a decision for the member's later
 * applications (the 12-month rule). */
static const char * const granted_statuses[] = { "approved", "paid", NULL };

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

GPtrArray *
_ud_illness_select (UdDatabase    *db,
                    const UdKind  *kind,
                    guint          year,
             const char  *status,
             const char  *member_uuid,
             GError     **error)
{
  g_autofree char *year_text = g_strdup_printf ("%u", year);
  UdRecordFilter filters[3];
  UdRecordQuery query = { kind };
  g_autoptr(GArray) ids = NULL;
  guint n = 0;

  if (year != 0)
    filters[n++] = (UdRecordFilter) { "fund_year", UD_RECORD_FILTER_EQUALS, year_text };
  if (status != NULL)
    filters[n++] = (UdRecordFilter) { "status", UD_RECORD_FILTER_EQUALS, status };
  if (member_uuid != NULL)
    filters[n++] = (UdRecordFilter) { "member_uuid", UD_RECORD_FILTER_EQUALS, member_uuid };
  query.filters = filters;
  query.n_filters = n;
  query.sort_field = "serial";

  ids = ud_record_store_query (db, &query, NULL, NULL, error);
  if (ids == NULL)
    return NULL;

  return ud_record_store_load (db, kind, (const gint64 *) (gpointer) ids->data, ids->len, error);
}

static UdReliefCase *
case_from_record (const UdRecord       *record,
                  const UdIllnessFacts *facts)
{
  UdReliefCase *c = ud_relief_case_new ();

  ud_date_parse (ud_record_get (record, "application_date"), &c->date, NULL);
  ud_relation_from_string (ud_record_get (record, "relation"), &c->relation);
  c->disease = g_strdup (ud_record_get (record, "disease"));
  c->member_active = facts != NULL ? facts->member_active : TRUE;
  c->total = ud_record_get_int (record, "total");
  c->insurance = ud_record_get_int (record, "insurance");
  c->government_aid = ud_record_get_int (record, "government_aid");
  c->mutual_aid = ud_record_get_int (record, "mutual_aid");
  c->other = ud_record_get_int (record, "other");
  c->household_size = (guint) ud_record_get_int (record, "household_size");
  c->income_12m = ud_record_get_int (record, "household_income");
  c->archived = g_str_equal (ud_record_get (record, "archived"), "yes");
  if (facts != NULL && facts->prior_reliefs != NULL)
    g_array_append_vals (c->prior_reliefs, facts->prior_reliefs->data, facts->prior_reliefs->len);

  return c;
}

/* The engine's input errors name a JSON path; the only one validation
 * leaves possible is a date before every version of the rules. */
static void
set_quote_error (const UdKind  *kind,
                 GError       **error,
                 GPtrArray     *issues,
                 const GError  *quote_error)
{
  const char *message = quote_error->message;
  g_autofree char *text = NULL;

  if (g_str_has_prefix (message, "date: "))
    text = g_strdup_printf (_("%s: %s"), ud_kind_get_field_label (kind, "application_date"), message + strlen ("date: "));
  else
    text = g_strdup (message);

  if (issues != NULL)
    g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (kind, "application_date"), "no_rules", FALSE,
                                           "%s", text));
  g_set_error_literal (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID, text);
}

gboolean
ud_illness_application_quote (UdReliefRules         *rules,
                              const UdRecord        *application,
                              const UdIllnessFacts  *facts,
                              UdReliefQuote         *out,
                              GPtrArray             *issues,
                              GError               **error)
{
  g_autoptr(UdRecord) copy = NULL;
  g_autoptr(GPtrArray) local_issues = NULL;
  g_autoptr(UdReliefCase) c = NULL;
  g_autoptr(GError) local_error = NULL;
  guint first;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (application != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (issues == NULL)
    issues = local_issues = ud_issue_list_new ();
  first = issues->len;

  copy = ud_record_copy (application);
  if (!ud_record_check (copy, issues))
    {
      ud_issue_list_set_error (issues, first, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID, error);
      return FALSE;
    }

  c = case_from_record (copy, facts);
  if (!ud_relief_quote (rules, c, out, &local_error))
    {
      set_quote_error (application->kind, error, issues, local_error);
      return FALSE;
    }

  return TRUE;
}

void
ud_illness_facts_free (UdIllnessFacts *facts)
{
  if (facts == NULL)
    return;

  g_clear_pointer (&facts->prior_reliefs, g_array_unref);
  g_free (facts);
}

static UdIllnessFacts *
read_facts (UdDatabase    *db,
            const UdKind  *kind,
            const char    *member_uuid,
            const char  *own_uuid,
            GError     **error)
{
  g_autoptr(UdIllnessFacts) facts = g_new0 (UdIllnessFacts, 1);
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(GPtrArray) applications = NULL;
  g_autoptr(GError) local_error = NULL;

  facts->prior_reliefs = g_array_new (FALSE, TRUE, sizeof (GDate));

  member = _ud_record_store_read_by_uuid (db, &ud_kind_member, member_uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  facts->member_active = member != NULL && !member->deleted && g_str_equal (ud_record_get (member, "status"), "active");

  applications = _ud_illness_select (db, kind, 0, NULL, member_uuid, error);
  if (applications == NULL)
    return NULL;

  for (guint i = 0; i < applications->len; i++)
    {
      UdRecord *other = g_ptr_array_index (applications, i);
      GDate decided;

      if (g_strcmp0 (other->uuid, own_uuid) == 0 || !g_strv_contains (granted_statuses, ud_record_get (other, "status")))
        continue;
      if (ud_date_parse (ud_record_get (other, "decided_on"), &decided, NULL))
        g_array_append_val (facts->prior_reliefs, decided);
    }

  return g_steal_pointer (&facts);
}

UdIllnessFacts *
ud_illness_store_get_facts (UdDatabase      *db,
                            const UdRecord  *application,
                            GError         **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (application != NULL, NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  return read_facts (db, application->kind, ud_record_get (application, "member_uuid"), application->uuid, error);
}

/* The reasons are part of the record: sent to the city, printed on the
 * approval form that is signed and stamped.  So they are written in
 * Chinese whatever language this thread's screen is in (glibc's gettext
 * follows the thread's locale); where no Chinese locale is installed they
 * stay in the screen's language. */
static gboolean
quote_in_chinese (UdReliefRules   *rules,
                  UdRecord        *record,
                  UdIllnessFacts  *facts,
                  UdReliefQuote   *quote,
                  GPtrArray       *issues,
                  GError         **error)
{
  locale_t base = duplocale (LC_GLOBAL_LOCALE);
  locale_t chinese = base != (locale_t) 0 ? newlocale (LC_MESSAGES_MASK, "zh_CN.UTF-8", base) : (locale_t) 0;
  locale_t previous = (locale_t) 0;
  gboolean ok;

  if (chinese == (locale_t) 0 && base != (locale_t) 0)
    freelocale (base);
  if (chinese != (locale_t) 0)
    previous = uselocale (chinese);

  ok = ud_illness_application_quote (rules, record, facts, quote, issues, error);

  if (chinese != (locale_t) 0)
    {
      uselocale (previous);
      freelocale (chinese);
    }

  return ok;
}

gboolean
_ud_illness_compute_suggestion (UdDatabase     *db,
                                UdRecord       *record,
                                gboolean        decision,
                                UdReliefRules **rules_out,
                                UdReliefQuote  *quote,
                                GPtrArray      *issues,
                                GError        **error)
{
  g_autoptr(UdReliefRules) rules = NULL;
  g_autoptr(UdIllnessFacts) facts = NULL;
  g_auto(GStrv) versions = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *reasons = NULL;

  if ((rules = ud_reference_load_rules (db, error)) == NULL ||
      (facts = read_facts (db, record->kind, ud_record_get (record, "member_uuid"), record->uuid, error)) == NULL ||
      !quote_in_chinese (rules, record, facts, quote, issues, error) ||
      (versions = _ud_reference_versions_in_force (db, ud_record_get (record, "application_date"), decision, error)) == NULL)
    return FALSE;

  failed = join_array (quote->failed, ",");
  reasons = join_array (quote->reasons, "\n");
  ud_record_set_int (record, "self_paid", quote->self_paid);
  ud_record_set_int (record, "low_income_line", quote->low_income_line);
  ud_record_set_int (record, "tier", quote->tier);
  ud_record_set_int (record, "suggested_amount", quote->amount);
  ud_record_set (record, "failed_rules", failed);
  ud_record_set (record, "reasons", reasons);
  ud_record_set (record, "rules_version", quote->rules_version);
  ud_record_set (record, "diseases_version", versions[UD_REFERENCE_DISEASES]);
  ud_record_set (record, "low_income_version", versions[UD_REFERENCE_LOW_INCOME_LINE]);

  if (rules_out != NULL)
    *rules_out = g_steal_pointer (&rules);

  return TRUE;
}

