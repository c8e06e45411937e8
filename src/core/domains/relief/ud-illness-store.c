/* ud-illness-store.c — serious-illness relief applications: records, workflow, trail
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-illness-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "ud-illness-store.h"
#include "ud-database-private.h"
#include "ud-fund.h"
#include "ud-member-store.h"
#include "ud-record-store-private.h"
#include "ud-trail.h"
#include "ud-money.h"
#include "ud-permission.h"
#include "ud-reference-store.h"
#include "ud-reference-store-private.h"
#include "ud-uuid.h"
#include "ud-validate.h"

#define KIND (&ud_kind_illness_application)

/* 大病-110118-2024-01-0001: the kind of relief, the district, the fund
 * year, the office number (meta office_number: offices of one district
 * number apart) and a number counted per office and year.  Serials made
 * before office numbers (大病-110118-2024-0001) stay as they are.  Printed
 * on the form, so it is the same in every language. */
#define SERIAL_PREFIX "大病"

#define OPINION_MAX_CHARS 500
#define SIGNER_MAX_CHARS  40
#define RECEIPT_MAX_CHARS 40

/* The lowest grade whose diagnosis counts (DOMAIN §3: 二级以上). */
#define LOWEST_DIAGNOSIS_GRADE "grade2"

typedef struct
{
  const char *step;
  const char *label;   /* N_() */
} StepInfo;

static const StepInfo step_infos[] = {
  { "create",  N_("Created") },
  { "submit",  N_("Submitted with the grassroots union's opinion") },
  { "street",  N_("Opinion of the street or township union") },
  { "review",  N_("Reviewed by the district relief centre") },
  { "return",  N_("Returned") },
  { "approve", N_("Approved") },
  { "reject",  N_("Rejected") },
  { "notice",  N_("Public notice") },
  { "pay",     N_("Paid") },
};


/* The statuses that count as a decision for the member's later
 * applications (the 12-month rule) and for the fund. */
static const char * const granted_statuses[] = { "approved", "paid", NULL };

G_DEFINE_QUARK (ud-illness-error-quark, ud_illness_error)

/* ---- reading ------------------------------------------------------------ */

/* The applications that hold @serial, the live one first (two offices
 * under one office number may both have made it). */
static GPtrArray *
read_by_serial (UdDatabase  *db,
                const char  *serial,
                GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (db, "SELECT id FROM illness_application WHERE serial = ?1 ORDER BY deleted, id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, serial, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the application"));
      return NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      UdRecord *record = _ud_record_store_read (db, KIND, g_array_index (ids, gint64, i), error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

/* Live applications by serial number, of one fund year, status or member
 * when given. */
static GPtrArray *
select_list (UdDatabase  *db,
             guint        year,
             const char  *status,
             const char  *member_uuid,
             GError     **error)
{
  g_autofree char *year_text = g_strdup_printf ("%u", year);
  UdRecordFilter filters[3];
  UdRecordQuery query = { KIND };
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

  return ud_record_store_load (db, KIND, (const gint64 *) (gpointer) ids->data, ids->len, error);
}

/* ---- small helpers ---------------------------------------------------- */

static const char *
get (const UdRecord *record,
     const char     *field)
{
  return ud_record_get (record, field);
}

static UdFen
get_number (const UdRecord *record,
            const char     *field)
{
  return g_ascii_strtoll (ud_record_get (record, field), NULL, 10);
}

static void
set_number (UdRecord   *record,
            const char *field,
            gint64      value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  ud_record_set (record, field, text);
}

static const char *
field_label (const char *name)
{
  return _(ud_kind_find_field (KIND, name)->label);
}

static gboolean
in_list (const char         *value,
         const char * const *list)
{
  return g_strv_contains (list, value);
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
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

/* The name to print under an opinion the acting person gives. */
static const char *
acting_name (UdDatabase *db)
{
  UdSession *session = ud_database_get_session (db);

  if (session != NULL)
    return ud_session_get_display_name (session);

  return ud_database_get_actor (db);
}

static void
add_issue (GPtrArray  *issues,
           const char *field,
           const char *code,
           char       *message)
{
  g_ptr_array_add (issues, ud_issue_new (field != NULL ? ud_kind_find_field (KIND, field) : NULL,
                                         code, FALSE, "%s", message));
  g_free (message);
}

static gboolean
first_error (GPtrArray  *issues,
             guint       from,
             GError    **error)
{
  for (guint i = from; i < issues->len; i++)
    {
      UdIssue *issue = g_ptr_array_index (issues, i);

      if (!issue->warning)
        {
          g_set_error_literal (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID, issue->message);
          return TRUE;
        }
    }

  return FALSE;
}

/* ---- the typed fields ------------------------------------------------- */

static UdReliefCase *
case_from_record (const UdRecord       *record,
                  const UdIllnessFacts *facts)
{
  UdReliefCase *c = ud_relief_case_new ();

  ud_date_parse (get (record, "application_date"), &c->date, NULL);
  ud_relation_from_string (get (record, "relation"), &c->relation);
  c->disease = g_strdup (get (record, "disease"));
  c->member_active = facts != NULL ? facts->member_active : TRUE;
  c->total = get_number (record, "total");
  c->insurance = get_number (record, "insurance");
  c->government_aid = get_number (record, "government_aid");
  c->mutual_aid = get_number (record, "mutual_aid");
  c->other = get_number (record, "other");
  c->household_size = (guint) get_number (record, "household_size");
  c->income_12m = get_number (record, "household_income");
  c->archived = g_str_equal (get (record, "archived"), "yes");
  if (facts != NULL && facts->prior_reliefs != NULL)
    g_array_append_vals (c->prior_reliefs, facts->prior_reliefs->data, facts->prior_reliefs->len);

  return c;
}

/* The engine's input errors name a JSON path; the only one validation
 * leaves possible is a date before every version of the rules. */
static void
set_quote_error (GError     **error,
                 GPtrArray   *issues,
                 const GError *quote_error)
{
  const char *message = quote_error->message;
  g_autofree char *text = NULL;

  if (g_str_has_prefix (message, "date: "))
    text = g_strdup_printf (_("%s: %s"), field_label ("application_date"), message + strlen ("date: "));
  else
    text = g_strdup (message);

  if (issues != NULL)
    add_issue (issues, "application_date", "no_rules", g_strdup (text));
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
  g_return_val_if_fail (application != NULL && application->kind == KIND, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (issues == NULL)
    issues = local_issues = ud_issue_list_new ();
  first = issues->len;

  copy = ud_record_copy (application);
  if (!ud_record_check (copy, issues))
    {
      first_error (issues, first, error);
      return FALSE;
    }

  c = case_from_record (copy, facts);
  if (!ud_relief_quote (rules, c, out, &local_error))
    {
      set_quote_error (error, issues, local_error);
      return FALSE;
    }

  return TRUE;
}

/* ---- JSON --------------------------------------------------------------- */

static gboolean
json_error (GError     **error,
            const char  *member,
            const char  *message)
{
  /* TRANSLATORS: a JSON member such as "total", then what is wrong */
  g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID, _("%s: %s"), member, message);
  return FALSE;
}

static gboolean
json_member_text (const UdField  *field,
                  JsonNode       *node,
                  char          **text,
                  GError        **error)
{
  const char *name = field->name;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      *text = g_strdup ("");
      return TRUE;
    }

  if (g_str_equal (name, "documents"))
    {
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return json_error (error, name, _("must be a list of document codes in brackets [ ]"));
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            return json_error (error, name, _("must be a list of document codes in brackets [ ]"));
          g_ptr_array_add (codes, (gpointer) json_node_get_string (item));
        }
      g_ptr_array_add (codes, NULL);
      *text = g_strjoinv (",", (char **) codes->pdata);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_error (error, name, _("must be a single value"));

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      *text = g_strdup (json_node_get_string (node));
      break;

    case G_TYPE_INT64:
      *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      break;

    case G_TYPE_BOOLEAN:
      if (!g_str_equal (name, "archived"))
        return json_error (error, name, _("must be text, not true or false"));
      *text = g_strdup (json_node_get_boolean (node) ? "yes" : "no");
      return TRUE;

    case G_TYPE_DOUBLE:
    default:
      /* A float is no way to carry money. */
      return json_error (error, name, _("give amounts as text, such as \"156300.00\", or as whole numbers"));
    }

  /* Records hold money in fen. */
  if (field->type == UD_FIELD_MONEY && **text != '\0')
    {
      g_autoptr(GError) money_error = NULL;
      UdFen fen;

      if (!ud_money_parse (*text, &fen, &money_error))
        {
          g_clear_pointer (text, g_free);
          return json_error (error, name, money_error->message);
        }
      g_free (*text);
      *text = g_strdup_printf ("%" G_GINT64_FORMAT, fen);
    }

  return TRUE;
}

gboolean
ud_illness_application_set_from_json (UdRecord    *application,
                                      const char  *json,
                                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (application != NULL && application->kind == KIND, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   _("The application is not valid JSON: %s."), local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                           _("The application must be one group of fields in braces { }."));
      return FALSE;
    }
  object = json_node_get_object (root);

  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const UdField *field = ud_kind_find_field (KIND, name);
      g_autofree char *text = NULL;

      if (field == NULL || g_str_equal (name, "member_uuid"))
        return json_error (error, name, _("is not a field of an application"));
      if (field->flags & UD_FIELD_DERIVED)
        return json_error (error, name, _("is filled in by UnionDesk; leave it out"));
      if (!json_member_text (field, json_object_get_member (object, name), &text, error))
        return FALSE;

      ud_record_set (application, name, text);
    }

  return TRUE;
}

JsonNode *
ud_illness_application_to_json (const UdRecord *application)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (application != NULL && application->kind == KIND, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, application->id);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, application->uuid);

  for (guint i = 0; i < KIND->n_fields; i++)
    {
      const UdField *field = &KIND->fields[i];
      const char *value = application->values[i];

      json_builder_set_member_name (builder, field->name);

      if (g_str_equal (field->name, "documents") || g_str_equal (field->name, "failed_rules") ||
          g_str_equal (field->name, "reasons"))
        {
          g_auto(GStrv) items = g_strsplit (value, g_str_equal (field->name, "reasons") ? "\n" : ",", -1);

          json_builder_begin_array (builder);
          for (guint j = 0; items[j] != NULL; j++)
            if (*items[j] != '\0')
              json_builder_add_string_value (builder, items[j]);
          json_builder_end_array (builder);
        }
      else if (*value == '\0')
        json_builder_add_null_value (builder);
      else if (field->type == UD_FIELD_MONEY)
        {
          g_autofree char *yuan = ud_money_format_plain (g_ascii_strtoll (value, NULL, 10));

          json_builder_add_string_value (builder, yuan);
        }
      else if (field->type == UD_FIELD_INT)
        json_builder_add_int_value (builder, g_ascii_strtoll (value, NULL, 10));
      else if (g_str_equal (field->name, "archived"))
        json_builder_add_boolean_value (builder, g_str_equal (value, "yes"));
      else
        json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ---- records ------------------------------------------------------------ */

UdRecord *
ud_illness_application_new (const UdRecord *member)
{
  UdRecord *application;
  g_autofree char *today = today_iso ();

  g_return_val_if_fail (member != NULL && member->kind == &ud_kind_member, NULL);

  application = ud_record_new (KIND);
  ud_record_set (application, "member_uuid", member->uuid);
  ud_record_set (application, "member_name", ud_record_get (member, "name"));
  ud_record_set (application, "id_number", ud_record_get (member, "id_number"));
  ud_record_set (application, "application_date", today);
  ud_record_set (application, "relation", "self");
  ud_record_set (application, "archived", "no");
  ud_record_set (application, "status", "draft");

  return application;
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
read_facts (UdDatabase  *db,
            const char  *member_uuid,
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

  applications = select_list (db, 0, NULL, member_uuid, error);
  if (applications == NULL)
    return NULL;

  for (guint i = 0; i < applications->len; i++)
    {
      UdRecord *other = g_ptr_array_index (applications, i);
      GDate decided;

      if (g_strcmp0 (other->uuid, own_uuid) == 0 || !in_list (get (other, "status"), granted_statuses))
        continue;
      if (ud_date_parse (get (other, "decided_on"), &decided, NULL))
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
  g_return_val_if_fail (application != NULL && application->kind == KIND, NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  return read_facts (db, get (application, "member_uuid"), application->uuid, error);
}

static char *
next_serial (UdDatabase  *db,
             const char  *district,
             guint        year,
             GError     **error)
{
  g_autofree char *office = ud_database_get_office_number (db);
  g_autofree char *prefix = g_strdup_printf ("%s-%s-%u-%s-", SERIAL_PREFIX, district, year, office);
  glong prefix_chars = g_utf8_strlen (prefix, -1);
  sqlite3_stmt *stmt;
  gint64 last = 0;
  int rc;

  /* Numbers are never reused, not even a deleted draft's. */
  stmt = ud_database_prepare (db,
                              "SELECT max (CAST (substr (serial, ?2 + 1) AS INTEGER)) FROM illness_application"
                              " WHERE substr (serial, 1, ?2) = ?1",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, prefix_chars);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    last = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      ud_database_set_error (db, error, _("number the application"));
      return NULL;
    }

  return g_strdup_printf ("%s%04" G_GINT64_FORMAT, prefix, last + 1);
}

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

/* @paper: entered from a paper form, whose signer is not the person
 * typing it (left blank unless given). */
static gboolean
read_opinion (UdDatabase              *db,
              const UdIllnessOpinion  *in,
              gboolean                 paper,
              const char              *what,
              Opinion                 *out,
              GError                 **error)
{
  g_autofree char *today = today_iso ();
  GDate date;

  g_assert (in != NULL);

  out->opinion = g_strstrip (g_strdup (in->opinion != NULL ? in->opinion : ""));
  if (*out->opinion == '\0')
    {
      /* TRANSLATORS: whose opinion, e.g. “Opinion of the grassroots union” */
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID, _("%s: must not be empty."), what);
      return FALSE;
    }
  if (g_utf8_strlen (out->opinion, -1) > OPINION_MAX_CHARS)
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   _("%s: at most %u characters."), what, OPINION_MAX_CHARS);
      return FALSE;
    }

  if (in->signer != NULL && *in->signer != '\0')
    out->signer = g_strstrip (g_strdup (in->signer));
  else
    out->signer = g_strdup (paper ? "" : acting_name (db));
  if (g_utf8_strlen (out->signer, -1) > SIGNER_MAX_CHARS)
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   _("Signed by: at most %u characters."), SIGNER_MAX_CHARS);
      return FALSE;
    }

  if (in->signed_on == NULL || *in->signed_on == '\0')
    out->signed_on = g_strdup (today);
  else if (!ud_date_parse (in->signed_on, &date, NULL))
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   _("Signed on: give a date as YYYY-MM-DD, such as 2024-09-01."));
      return FALSE;
    }
  else
    out->signed_on = ud_date_to_iso (&date);

  if (strcmp (out->signed_on, today) > 0)
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   _("Signed on: %s is in the future."), out->signed_on);
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_step (UdDatabase      *db,
          const UdRecord  *record,
          const char      *step,
          const Opinion   *opinion,
          GError         **error)
{
  return _ud_trail_add (db, record, step,
                        opinion != NULL ? opinion->opinion : "",
                        opinion != NULL ? opinion->signer : "",
                        opinion != NULL ? opinion->signed_on : NULL,
                        error);
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

/* Within a transaction: the suggestion of the rules for @record (already
 * valid) and the versions of the tables in force, marked as used when
 * this is a decision. */
static gboolean
compute_suggestion (UdDatabase     *db,
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
      (facts = read_facts (db, get (record, "member_uuid"), record->uuid, error)) == NULL ||
      !quote_in_chinese (rules, record, facts, quote, issues, error) ||
      (versions = _ud_reference_versions_in_force (db, get (record, "application_date"), decision, error)) == NULL)
    return FALSE;

  failed = join_array (quote->failed, ",");
  reasons = join_array (quote->reasons, "\n");
  set_number (record, "self_paid", quote->self_paid);
  set_number (record, "low_income_line", quote->low_income_line);
  set_number (record, "tier", quote->tier);
  set_number (record, "suggested_amount", quote->amount);
  ud_record_set (record, "failed_rules", failed);
  ud_record_set (record, "reasons", reasons);
  ud_record_set (record, "rules_version", quote->rules_version);
  ud_record_set (record, "diseases_version", versions[UD_REFERENCE_DISEASES]);
  ud_record_set (record, "low_income_version", versions[UD_REFERENCE_LOW_INCOME_LINE]);

  if (rules_out != NULL)
    *rules_out = g_steal_pointer (&rules);

  return TRUE;
}

/* ---- saving drafts ------------------------------------------------------ */

gboolean
ud_illness_store_save (UdDatabase  *db,
                       UdRecord    *application,
                       GPtrArray   *issues,
                       GError     **error)
{
  g_autoptr(GPtrArray) local_issues = NULL;
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_auto(UdReliefQuote) quote = { 0, };
  g_autoptr(GError) local_error = NULL;
  GDate date;
  guint year;
  guint first;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (application != NULL && application->kind == KIND, FALSE);

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

  if (!ud_record_check (application, issues))
    {
      first_error (issues, first, error);
      return FALSE;
    }

  if (!ud_database_begin (db, error))
    return FALSE;

  if (application->id != 0)
    {
      existing = _ud_record_store_read (db, KIND, application->id, &local_error);
      if (existing == NULL || existing->deleted)
        goto not_found;
      if (!g_str_equal (get (existing, "status"), "draft"))
        {
          g_set_error (&local_error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_WRONG_STATUS,
                       _("Application %s has been submitted and can no longer be changed; it can be changed again if it is returned."),
                       get (existing, "serial"));
          goto failed;
        }
      record = ud_record_copy (existing);
    }
  else
    {
      record = ud_record_new (KIND);
      ud_record_set (record, "status", "draft");
      ud_record_set (record, "created_by", ud_database_get_actor (db));
    }

  /* What the clerk typed, over the stored state. */
  for (guint i = 0; i < KIND->n_fields; i++)
    if ((KIND->fields[i].flags & UD_FIELD_DERIVED) == 0)
      ud_record_set_nth (record, i, application->values[i]);

  member = _ud_record_store_read_by_uuid (db, &ud_kind_member, get (record, "member_uuid"), &local_error);
  if (local_error != NULL)
    goto failed;
  if (member == NULL || member->deleted)
    {
      add_issue (issues, "member_uuid", "not_found", g_strdup_printf (_("%s: the member no longer exists"), field_label ("member_uuid")));
      first_error (issues, first, &local_error);
      goto failed;
    }
  ud_record_set (record, "member_name", ud_record_get (member, "name"));
  ud_record_set (record, "id_number", ud_record_get (member, "id_number"));

  if (!compute_suggestion (db, record, FALSE, NULL, &quote, issues, &local_error))
    goto failed;

  ud_date_parse (get (record, "application_date"), &date, NULL);
  year = g_date_get_year (&date);
  if (existing == NULL || get_number (existing, "fund_year") != year)
    {
      g_autofree char *serial = next_serial (db, ud_database_get_district (db), year, &local_error);

      if (serial == NULL)
        goto failed;
      ud_record_set (record, "serial", serial);
      set_number (record, "fund_year", year);
    }

  if (!_ud_record_store_write (db, record, existing, NULL, &local_error) ||
      (existing == NULL && !add_step (db, record, "create", NULL, &local_error)) ||
      !ud_database_commit (db, &local_error))
    goto failed;

  /* The caller's record becomes what was stored. */
  application->id = record->id;
  g_free (application->uuid);
  application->uuid = g_strdup (record->uuid);
  g_free (application->district);
  application->district = g_strdup (record->district);
  g_free (application->hlc);
  application->hlc = g_strdup (record->hlc);
  g_free (application->updated_at);
  application->updated_at = g_strdup (record->updated_at);
  g_free (application->updated_by);
  application->updated_by = g_strdup (record->updated_by);
  application->deleted = FALSE;
  for (guint i = 0; i < KIND->n_fields; i++)
    ud_record_set_nth (application, i, record->values[i]);

  return TRUE;

not_found:
  if (local_error == NULL)
    g_set_error (&local_error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_FOUND,
                 _("The application no longer exists."));
failed:
  ud_database_rollback (db);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---- reading ------------------------------------------------------------ */

UdRecord *
ud_illness_store_get (UdDatabase  *db,
                      gint64       id,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  UdRecord *record;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  record = _ud_record_store_read (db, KIND, id, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (record == NULL)
    g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_FOUND,
                 _("The application no longer exists."));

  return record;
}

UdRecord *
ud_illness_store_find (UdDatabase  *db,
                       const char  *serial_or_uuid,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  UdRecord *record = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (serial_or_uuid != NULL, NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  if (ud_uuid_is_valid (serial_or_uuid))
    record = _ud_record_store_read_by_uuid (db, KIND, serial_or_uuid, &local_error);
  else
    {
      g_autoptr(GPtrArray) found = read_by_serial (db, serial_or_uuid, &local_error);

      if (found != NULL && found->len > 0)
        record = ud_record_ref (g_ptr_array_index (found, 0));
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (record == NULL || record->deleted)
    {
      g_clear_pointer (&record, ud_record_unref);
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_FOUND,
                   _("There is no application “%s”: give its serial number, such as 大病-110118-2024-01-0001."),
                   serial_or_uuid);
    }
  else if (!ud_uuid_is_valid (serial_or_uuid))
    {
      g_autoptr(GPtrArray) others = ud_illness_store_list_same_serial (db, record, error);
      g_autoptr(GString) uuids = NULL;

      if (others == NULL)
        g_clear_pointer (&record, ud_record_unref);
      else if (others->len > 0)
        {
          uuids = g_string_new (record->uuid);
          for (guint i = 0; i < others->len; i++)
            g_string_append_printf (uuids, ", %s", ((UdRecord *) g_ptr_array_index (others, i))->uuid);
          g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_FOUND,
                       _("Serial number %s is used by more than one application (two offices of the district have the same office number): give the application’s uuid instead, one of %s."),
                       serial_or_uuid, uuids->str);
          g_clear_pointer (&record, ud_record_unref);
        }
    }

  return record;
}

UdRecord *
ud_illness_store_get_member (UdDatabase      *db,
                             const UdRecord  *application,
                             GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  UdRecord *member;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (application != NULL && application->kind == KIND, NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  member = _ud_record_store_read_by_uuid (db, &ud_kind_member, get (application, "member_uuid"), &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (member == NULL)
    g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_FOUND,
                 _("The member of application %s is not on the roll."), get (application, "serial"));

  return member;
}

GPtrArray *
ud_illness_store_list (UdDatabase            *db,
                       const UdIllnessQuery  *query,
                       GError               **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  return select_list (db,
                      query != NULL ? query->year : 0,
                      query != NULL ? query->status : NULL,
                      query != NULL ? query->member_uuid : NULL,
                      error);
}

GPtrArray *
ud_illness_store_list_same_serial (UdDatabase      *db,
                                   const UdRecord  *application,
                                   GError         **error)
{
  g_autoptr(GPtrArray) records = NULL;
  const char *serial;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (application != NULL && application->kind == KIND, NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  serial = get (application, "serial");
  if (*serial == '\0')
    return g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);

  records = read_by_serial (db, serial, error);
  if (records == NULL)
    return NULL;
  for (guint i = records->len; i-- > 0;)
    {
      const UdRecord *other = g_ptr_array_index (records, i);

      if (other->deleted || g_strcmp0 (other->uuid, application->uuid) == 0)
        g_ptr_array_remove_index (records, i);
    }

  return g_steal_pointer (&records);
}

/* Each row of @sql's first column into a set of strings. */
static GHashTable *
select_set (UdDatabase  *db,
            const char  *sql,
            GError     **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  stmt = ud_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("read the applications"));
      return NULL;
    }

  return g_steal_pointer (&set);
}

GHashTable *
ud_illness_store_duplicate_serials (UdDatabase  *db,
                                    GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  return select_set (db,
                     "SELECT serial FROM illness_application WHERE deleted = 0"
                     " GROUP BY serial HAVING count (*) > 1",
                     error);
}

GHashTable *
ud_illness_store_flagged_applications (UdDatabase  *db,
                                       GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  return select_set (db,
                     "SELECT DISTINCT uuid FROM sync_flag WHERE kind = 'illness_application'",
                     error);
}

void
ud_illness_city_flag_free (UdIllnessCityFlag *flag)
{
  if (flag == NULL)
    return;

  g_free (flag->event_date);
  g_free (flag->other_district);
  g_free (flag->other_kind);
  g_free (flag->other_date);
  g_free (flag);
}

static UdIllnessCityFlag *
read_city_flag (sqlite3_stmt *stmt)
{
  UdIllnessCityFlag *flag = g_new0 (UdIllnessCityFlag, 1);

  flag->event_date = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  flag->other_district = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  flag->other_kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  flag->other_date = g_strdup ((const char *) sqlite3_column_text (stmt, 3));

  return flag;
}

GPtrArray *
ud_illness_store_list_city_flags (UdDatabase  *db,
                                  const char  *application_uuid,
                                  GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (application_uuid != NULL, NULL);

  if (!ud_database_require (db, UD_PERMISSION_VIEW_MEMBERS, error))
    return NULL;

  /* The city may flag one pair again (a later payment date): each other
   * record is named once, with its latest dates. */
  return _ud_database_select_rows (db,
                                   "SELECT max (event_date), other_district, other_kind, max (other_date)"
                                   " FROM sync_flag WHERE kind = 'illness_application' AND uuid = ?1"
                                   " GROUP BY other_district, other_kind ORDER BY 4, 2",
                                   application_uuid, (UdRowReader) read_city_flag,
                                   (GDestroyNotify) ud_illness_city_flag_free,
                                   _("read the city's duplicate-aid flags"), error);
}

static const struct
{
  const char *code;
  const char *name;
} beijing_districts[] = {
  { "110101", N_("Dongcheng District") },
  { "110102", N_("Xicheng District") },
  { "110105", N_("Chaoyang District") },
  { "110106", N_("Fengtai District") },
  { "110107", N_("Shijingshan District") },
  { "110108", N_("Haidian District") },
  { "110109", N_("Mentougou District") },
  { "110111", N_("Fangshan District") },
  { "110112", N_("Tongzhou District") },
  { "110113", N_("Shunyi District") },
  { "110114", N_("Changping District") },
  { "110115", N_("Daxing District") },
  { "110116", N_("Huairou District") },
  { "110117", N_("Pinggu District") },
  { "110118", N_("Miyun District") },
  { "110119", N_("Yanqing District") },
};

const char *
ud_illness_district_name (const char *code)
{
  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (beijing_districts); i++)
    if (g_str_equal (code, beijing_districts[i].code))
      return _(beijing_districts[i].name);

  return NULL;
}

char *
ud_illness_city_flag_describe (const UdIllnessCityFlag *flag)
{
  const char *name;
  g_autofree char *where = NULL;
  const char *what;

  g_return_val_if_fail (flag != NULL, NULL);

  name = ud_illness_district_name (flag->other_district);
  if (name != NULL)
    /* TRANSLATORS: a district's name, then its 6-digit code */
    where = g_strdup_printf (_("%s (%s)"), name, flag->other_district);
  else
    /* TRANSLATORS: %s is a 6-digit district code */
    where = g_strdup_printf (_("district %s"), flag->other_district);

  if (g_strcmp0 (flag->other_kind, "illness_application") == 0)
    what = _("serious-illness relief");
  else
    what = _("hardship aid");

  /* TRANSLATORS: "The same ID number received hardship aid in Chaoyang
   * District (110105) on 2024-03-10, within 12 months of this application
   * (2024-05-02)." */
  return g_strdup_printf (_("The same ID number received %s in %s on %s, within 12 months of this application (%s). Check with that district before paying."),
                          what, where, flag->other_date, flag->event_date);
}

const char *
ud_illness_step_get_label (const char *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (step_infos); i++)
    if (g_str_equal (step_infos[i].step, step))
      return _(step_infos[i].label);

  return step;
}

GPtrArray *
ud_illness_store_list_steps (UdDatabase  *db,
                             const char  *application_uuid,
                             GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (application_uuid != NULL, NULL);

  return ud_trail_list (db, KIND, application_uuid, error);
}

/* ---- the workflow ------------------------------------------------------- */

static char *
status_labels (const char * const *statuses)
{
  const UdField *field = ud_kind_find_field (KIND, "status");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; statuses[i] != NULL; i++)
    {
      if (i > 0)
        /* TRANSLATORS: between two statuses an application may have */
        g_string_append (text, _(" or "));
      g_string_append_printf (text, "“%s”", ud_field_choice_label (field, statuses[i]));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Opens the step's transaction on the stored application @id, which
 * must have one of @allowed statuses; @record is the copy to change. */
static gboolean
step_begin (UdDatabase          *db,
            gint64               id,
            const char * const  *allowed,
            UdRecord           **existing,
            UdRecord           **record,
            GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!ud_database_begin (db, error))
    return FALSE;

  *existing = _ud_record_store_read (db, KIND, id, &local_error);
  if (*existing == NULL || (*existing)->deleted)
    {
      g_clear_pointer (existing, ud_record_unref);
      if (local_error == NULL)
        g_set_error (&local_error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_FOUND,
                     _("The application no longer exists."));
      goto failed;
    }

  if (!in_list (get (*existing, "status"), allowed))
    {
      const char * const now[] = { get (*existing, "status"), NULL };
      g_autofree char *is = status_labels (now);
      g_autofree char *needed = status_labels (allowed);

      g_set_error (&local_error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_WRONG_STATUS,
                   /* TRANSLATORS: a serial number, its status, then the status(es) the step needs */
                   _("Application %s is %s; this step needs it to be %s."),
                   get (*existing, "serial"), is, needed);
      g_clear_pointer (existing, ud_record_unref);
      goto failed;
    }

  *record = ud_record_copy (*existing);
  return TRUE;

failed:
  ud_database_rollback (db);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Writes the step's changes with its trail entries and commits; rolls
 * back on failure. */
static gboolean
step_finish (UdDatabase     *db,
             UdRecord       *record,
             UdRecord       *existing,
             const char     *step,
             const Opinion  *opinion,
             const char     *extra_step,
             const Opinion  *extra_opinion,
             GError        **error)
{
  if (_ud_record_store_write (db, record, existing, step, error) &&
      (extra_step == NULL || add_step (db, record, extra_step, extra_opinion, error)) &&
      add_step (db, record, step, opinion, error) &&
      ud_database_commit (db, error))
    return TRUE;

  ud_database_rollback (db);
  return FALSE;
}

gboolean
ud_illness_store_submit (UdDatabase              *db,
                         gint64                   id,
                         const UdIllnessOpinion  *union_opinion,
                         GError                 **error)
{
  static const char * const allowed[] = { "draft", NULL };
  static const char * const needed[] = { "hospital", "hospital_grade", "diagnosis_date", NULL };
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_auto(Opinion) opinion = { NULL, };

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (union_opinion != NULL, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_CREATE_APPLICATION, error) ||
      !read_opinion (db, union_opinion, TRUE, _("Opinion of the grassroots union"), &opinion, error) ||
      !step_begin (db, id, allowed, &existing, &record, error))
    return FALSE;

  for (guint i = 0; needed[i] != NULL; i++)
    if (*get (record, needed[i]) == '\0')
      {
        g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                     /* TRANSLATORS: a field label */
                     _("%s: must be filled in before the application is submitted."), field_label (needed[i]));
        ud_database_rollback (db);
        return FALSE;
      }

  ud_record_set (record, "status", "submitted");
  ud_record_set (record, "status_note", "");

  return step_finish (db, record, existing, "submit", &opinion, NULL, NULL, error);
}

static gboolean
grade_counts_for_diagnosis (const char *grade)
{
  const UdField *field = ud_kind_find_field (KIND, "hospital_grade");

  for (guint i = 0; i < field->n_choices; i++)
    {
      if (g_str_equal (field->choices[i].value, grade))
        return TRUE;
      if (g_str_equal (field->choices[i].value, LOWEST_DIAGNOSIS_GRADE))
        break;
    }

  return FALSE;
}

gboolean
ud_illness_store_review (UdDatabase              *db,
                         gint64                   id,
                         const UdIllnessOpinion  *street,
                         const UdIllnessOpinion  *review,
                         GError                 **error)
{
  static const char * const allowed[] = { "submitted", NULL };
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_auto(Opinion) street_opinion = { NULL, };
  g_auto(Opinion) opinion = { NULL, };

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (review != NULL, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_REVIEW_APPLICATION, error) ||
      (street != NULL && !read_opinion (db, street, TRUE, _("Opinion of the street or township union"), &street_opinion, error)) ||
      !read_opinion (db, review, FALSE, _("Review opinion"), &opinion, error) ||
      !step_begin (db, id, allowed, &existing, &record, error))
    return FALSE;

  missing = ud_illness_missing_documents (record);
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
                   get (record, "serial"), labels->str);
      ud_database_rollback (db);
      return FALSE;
    }

  if (!grade_counts_for_diagnosis (get (record, "hospital_grade")))
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_DOCUMENTS,
                   /* TRANSLATORS: a hospital grade such as “Grade 1” */
                   _("Hospital grade: the diagnosis must come from a hospital of grade 2 or above, not %s."),
                   ud_field_choice_label (ud_kind_find_field (KIND, "hospital_grade"), get (record, "hospital_grade")));
      ud_database_rollback (db);
      return FALSE;
    }

  ud_record_set (record, "status", "reviewed");
  ud_record_set (record, "reviewed_by", ud_database_get_actor (db));

  return step_finish (db, record, existing, "review", &opinion,
                      street != NULL ? "street" : NULL, &street_opinion, error);
}

gboolean
ud_illness_store_return (UdDatabase  *db,
                         gint64       id,
                         const char  *reason,
                         GError     **error)
{
  static const char * const allowed[] = { "submitted", "reviewed", NULL };
  const UdIllnessOpinion in = { reason, NULL, NULL };
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_auto(Opinion) opinion = { NULL, };

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  /* Either of the people who decide may send it back. */
  if (!ud_database_may (db, UD_PERMISSION_REVIEW_APPLICATION) &&
      !ud_database_require (db, UD_PERMISSION_APPROVE_APPLICATION, error))
    return FALSE;

  if (!read_opinion (db, &in, FALSE, _("Why it is returned"), &opinion, error) ||
      !step_begin (db, id, allowed, &existing, &record, error))
    return FALSE;

  ud_record_set (record, "status", "draft");
  ud_record_set (record, "status_note", opinion.opinion);
  ud_record_set (record, "reviewed_by", "");

  return step_finish (db, record, existing, "return", &opinion, NULL, NULL, error);
}

/* Within the step's transaction: who may decide, and the suggestion
 * again under the rules in force, whose versions the decision uses. */
static gboolean
begin_decision (UdDatabase     *db,
                UdRecord       *record,
                UdReliefRules **rules,
                UdReliefQuote  *quote,
                GError        **error)
{
  return ud_database_require_approval (db, get (record, "created_by"),
                                       *get (record, "reviewed_by") != '\0' ? get (record, "reviewed_by") : NULL,
                                       error) &&
         compute_suggestion (db, record, TRUE, rules, quote, NULL, error);
}

gboolean
ud_illness_store_approve (UdDatabase              *db,
                          gint64                   id,
                          UdFen                    amount,
                          const char              *amount_reason,
                          const UdIllnessOpinion  *approval,
                          GError                 **error)
{
  static const char * const allowed[] = { "reviewed", NULL };
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(UdReliefRules) rules = NULL;
  g_auto(UdReliefQuote) quote = { 0, };
  g_auto(Opinion) opinion = { NULL, };
  g_autofree char *reason = NULL;
  g_autofree char *today = today_iso ();
  UdFen min_amount = 0, max_amount = 0;
  GDate date;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (approval != NULL, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_APPROVE_APPLICATION, error) ||
      !read_opinion (db, approval, FALSE, _("Approval opinion"), &opinion, error) ||
      !step_begin (db, id, allowed, &existing, &record, error))
    return FALSE;

  if (!begin_decision (db, record, &rules, &quote, error))
    goto failed;

  if (!quote.eligible)
    {
      g_autofree char *reasons = join_array (quote.reasons, _("; "));

      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_NOT_ELIGIBLE,
                   /* TRANSLATORS: a serial number, then the rules it fails */
                   _("Application %s does not meet the rules: %s. It can be rejected, not approved."),
                   get (record, "serial"), reasons);
      goto failed;
    }

  if (amount < 0)
    amount = quote.amount;

  reason = g_strstrip (g_strdup (amount_reason != NULL ? amount_reason : ""));
  if (amount != quote.amount && *reason == '\0')
    {
      g_autofree char *amount_text = ud_money_format (amount);
      g_autofree char *suggested_text = ud_money_format (quote.amount);

      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_AMOUNT,
                   /* TRANSLATORS: two amounts */
                   _("Approved amount: %s differs from the suggested %s, so write down the reason."),
                   amount_text, suggested_text);
      goto failed;
    }
  if (g_utf8_strlen (reason, -1) > OPINION_MAX_CHARS)
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   _("%s: at most %u characters."), field_label ("amount_reason"), OPINION_MAX_CHARS);
      goto failed;
    }

  ud_date_parse (get (record, "application_date"), &date, NULL);
  ud_relief_rules_amount_range (rules, &date, &min_amount, &max_amount);
  if (amount < min_amount || amount > max_amount)
    {
      g_autofree char *min_text = ud_money_format (min_amount);
      g_autofree char *max_text = ud_money_format (max_amount);

      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_AMOUNT,
                   /* TRANSLATORS: the smallest and the largest relief */
                   _("Approved amount: must lie between %s and %s."), min_text, max_text);
      goto failed;
    }

  if (!_ud_fund_check_balance (db, (guint) get_number (record, "fund_year"), amount, error))
    goto failed;

  ud_record_set (record, "status", "approved");
  ud_record_set (record, "status_note", "");
  ud_record_set (record, "decided_by", ud_database_get_actor (db));
  ud_record_set (record, "decided_on", today);
  set_number (record, "approved_amount", amount);
  ud_record_set (record, "amount_reason", amount != quote.amount ? reason : "");

  return step_finish (db, record, existing, "approve", &opinion, NULL, NULL, error);

failed:
  ud_database_rollback (db);
  return FALSE;
}

gboolean
ud_illness_store_reject (UdDatabase              *db,
                         gint64                   id,
                         const UdIllnessOpinion  *rejection,
                         GError                 **error)
{
  static const char * const allowed[] = { "submitted", "reviewed", NULL };
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_auto(UdReliefQuote) quote = { 0, };
  g_auto(Opinion) opinion = { NULL, };
  g_autofree char *today = today_iso ();

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rejection != NULL, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_APPROVE_APPLICATION, error) ||
      !read_opinion (db, rejection, FALSE, _("Why it is rejected"), &opinion, error) ||
      !step_begin (db, id, allowed, &existing, &record, error))
    return FALSE;

  if (!begin_decision (db, record, NULL, &quote, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }

  ud_record_set (record, "status", "rejected");
  ud_record_set (record, "status_note", opinion.opinion);
  ud_record_set (record, "decided_by", ud_database_get_actor (db));
  ud_record_set (record, "decided_on", today);
  ud_record_set (record, "approved_amount", "");
  ud_record_set (record, "amount_reason", "");

  return step_finish (db, record, existing, "reject", &opinion, NULL, NULL, error);
}

static gboolean
read_date (const char  *input,
           const char  *label,
           char       **out,
           GError     **error)
{
  g_autofree char *today = today_iso ();
  GDate date;

  if (input == NULL || !ud_date_parse (input, &date, NULL))
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   /* TRANSLATORS: a field label */
                   _("%s: give a date as YYYY-MM-DD, such as 2024-09-01."), label);
      return FALSE;
    }

  *out = ud_date_to_iso (&date);
  if (strcmp (*out, today) > 0)
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   /* TRANSLATORS: a field label, then a date */
                   _("%s: %s is in the future."), label, *out);
      g_clear_pointer (out, g_free);
      return FALSE;
    }

  return TRUE;
}

/* DESIGN §4: the notice of an archived household runs ≥ 5 working days. */
#define NOTICE_MIN_WORKING_DAYS 5

/* Monday to Friday from @from_iso to @to_iso, both included. */
static guint
working_days (const char *from_iso,
              const char *to_iso)
{
  GDate day;
  GDate last;
  guint n = 0;

  if (!ud_date_parse (from_iso, &day, NULL) || !ud_date_parse (to_iso, &last, NULL))
    return 0;

  for (; g_date_compare (&day, &last) <= 0 && n < NOTICE_MIN_WORKING_DAYS; g_date_add_days (&day, 1))
    if (g_date_get_weekday (&day) < G_DATE_SATURDAY)
      n++;

  return n;
}

/**
 * ud_illness_notice_shortest_end:
 * @from: the first day of a public notice
 * @end: (out): its last day when it lasts the shortest time allowed
 */
void
ud_illness_notice_shortest_end (const GDate *from,
                                GDate       *end)
{
  guint n = 0;

  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (end != NULL);

  *end = *from;
  for (;;)
    {
      if (g_date_get_weekday (end) < G_DATE_SATURDAY && ++n == NOTICE_MIN_WORKING_DAYS)
        return;
      g_date_add_days (end, 1);
    }
}

gboolean
ud_illness_store_record_notice (UdDatabase  *db,
                                gint64       id,
                                const char  *from,
                                const char  *to,
                                GError     **error)
{
  static const char * const allowed[] = { "reviewed", "approved", "paid", NULL };
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_autofree char *from_iso = NULL;
  g_autofree char *to_iso = NULL;
  g_autofree char *period = NULL;
  g_autofree char *today = today_iso ();
  GDate date;
  Opinion opinion = { NULL, NULL, NULL };

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (!ud_database_require (db, UD_PERMISSION_CREATE_APPLICATION, error))
    return FALSE;

  /* A notice may still be running: only its start must have come. */
  if (!read_date (from, field_label ("notice_from"), &from_iso, error))
    return FALSE;
  if (to == NULL || !ud_date_parse (to, &date, NULL))
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   _("%s: give a date as YYYY-MM-DD, such as 2024-09-01."), field_label ("notice_to"));
      return FALSE;
    }
  to_iso = ud_date_to_iso (&date);
  if (strcmp (to_iso, from_iso) < 0)
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   _("%s: cannot be before the notice starts."), field_label ("notice_to"));
      return FALSE;
    }
  if (working_days (from_iso, to_iso) < NOTICE_MIN_WORKING_DAYS)
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   /* TRANSLATORS: a field label, the two dates, then a number of days */
                   _("%s: a public notice lasts at least 5 working days; %s – %s has %u (Monday to Friday; public holidays are not counted out, check them yourself)."),
                   field_label ("notice_to"), from_iso, to_iso, working_days (from_iso, to_iso));
      return FALSE;
    }

  if (!step_begin (db, id, allowed, &existing, &record, error))
    return FALSE;

  ud_record_set (record, "notice_from", from_iso);
  ud_record_set (record, "notice_to", to_iso);

  period = g_strdup_printf ("%s – %s", from_iso, to_iso);
  opinion.opinion = period;
  opinion.signer = (char *) "";
  opinion.signed_on = today;

  return step_finish (db, record, existing, "notice", &opinion, NULL, NULL, error);
}

gboolean
ud_illness_store_record_payment (UdDatabase              *db,
                                 gint64                   id,
                                 const UdIllnessPayment  *payment,
                                 GError                 **error)
{
  static const char * const allowed[] = { "approved", NULL };
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autofree char *paid_on = NULL;
  g_autofree char *method = NULL;
  g_autofree char *receipt = NULL;
  g_autofree char *today = today_iso ();
  Opinion opinion = { NULL, NULL, NULL };

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (payment != NULL, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_RECORD_PAYMENT, error) ||
      !read_date (payment->paid_on, field_label ("paid_on"), &paid_on, error))
    return FALSE;

  method = ud_field_normalize (ud_kind_find_field (KIND, "payment_method"),
                               payment->method != NULL ? payment->method : "", issues);
  if (method == NULL || *method == '\0')
    {
      if (method != NULL)
        add_issue (issues, "payment_method", "required",
                   g_strdup_printf (_("%s: must not be empty"), field_label ("payment_method")));
      first_error (issues, 0, error);
      return FALSE;
    }

  receipt = g_strstrip (g_strdup (payment->receipt_number != NULL ? payment->receipt_number : ""));
  if (*receipt == '\0' || g_utf8_strlen (receipt, -1) > RECEIPT_MAX_CHARS)
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   /* TRANSLATORS: a field label, then a number of characters */
                   _("%s: give the transfer or receipt number, at most %u characters."),
                   field_label ("receipt_number"), RECEIPT_MAX_CHARS);
      return FALSE;
    }

  if (!step_begin (db, id, allowed, &existing, &record, error))
    return FALSE;

  if (strcmp (paid_on, get (record, "decided_on")) < 0)
    {
      g_set_error (error, UD_ILLNESS_ERROR, UD_ILLNESS_ERROR_INVALID,
                   /* TRANSLATORS: a field label, then the approval date */
                   _("%s: cannot be before the approval on %s."), field_label ("paid_on"), get (record, "decided_on"));
      ud_database_rollback (db);
      return FALSE;
    }

  ud_record_set (record, "status", "paid");
  ud_record_set (record, "paid_on", paid_on);
  ud_record_set (record, "payment_method", method);
  ud_record_set (record, "receipt_number", receipt);

  opinion.opinion = receipt;
  opinion.signer = (char *) "";
  opinion.signed_on = paid_on;

  return step_finish (db, record, existing, "pay", &opinion, NULL, NULL, error);
}

gboolean
ud_illness_store_delete (UdDatabase  *db,
                         gint64       id,
                         GError     **error)
{
  static const char * const allowed[] = { "draft", NULL };
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(UdRecord) record = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (!ud_database_require (db, UD_PERMISSION_CREATE_APPLICATION, error) ||
      !step_begin (db, id, allowed, &existing, &record, error))
    return FALSE;

  record->deleted = TRUE;
  if (!_ud_record_store_write (db, record, existing, NULL, error) ||
      !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }

  return TRUE;
}

/* ---- versions from the city server ------------------------------------ */
