/* ud-aid-store.c — aid programmes paid in batches, to anyone a register keeps
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-aid"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-aid-store.h"
#include "ud-aid-kind.h"
#include "ud-hardship-kind.h"
#include "ud-hardship-private.h"
#include "ud-hardship-resources.h"
#include "ud-hardship-store.h"
#include "ud-json-read.h"
#include "ud-member-kind.h"
#include "ud-money.h"
#include "ud-permission.h"
#include "ud-record-store-private.h"
#include "ud-uuid.h"
#include "ud-validate.h"

#define PROGRAMME (&ud_kind_aid_programme)
#define AMOUNT (&ud_kind_aid_amount)
#define BATCH (&ud_kind_aid_batch)
#define PAYMENT (&ud_kind_aid_payment)
#define SERIAL_PREFIX "帮扶"

G_DEFINE_QUARK (ud-aid-error-quark, ud_aid_error)

static gboolean check_fund (UdDatabase      *db,
                            const UdRecord  *batch,
                            GError         **error);

static GPtrArray *
list_where (UdDatabase            *db,
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

static char *
number_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* ---- programmes ---------------------------------------------------------- */

static const char *programme_members[] = { "code", "name", "once_a_year", "max_amount", "year", "amounts", NULL };

/* The namespace of the uuids of the shipped programmes and amount lines
 * (ud_uuid_v5_new()): the same record in every office of a district. */
#define DEFAULTS_NAMESPACE "0c6f1a52-8d3e-4b7a-9f21-5e4d3c2b1a09"

static char *
default_uuid (UdDatabase *db,
              const char *kind_name,
              const char *what)
{
  const char *district = ud_database_get_district (db);
  g_autofree char *name = g_strdup_printf ("%s/%s/%s", kind_name, district != NULL ? district : "", what);

  return ud_uuid_v5_new (DEFAULTS_NAMESPACE, name);
}

/* Writes @record, a shipped default under @uuid, unless the office has
 * it already (changed, deleted or pulled from another office: kept as it
 * is) or holds its natural key in another record (a programme made by
 * hand, or stored before the defaults had fixed uuids): then it is left
 * out, @skipped set.  Only counts what is missing in @missing when not
 * @write. */
static gboolean
seed_one (UdDatabase  *db,
          UdRecord    *record,
          const char  *uuid,
          gboolean     write,
          guint       *missing,
          gboolean    *skipped,
          GError     **error)
{
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autofree char *hlc = _ud_record_store_read_hlc (db, record->kind, uuid);

  *skipped = FALSE;
  if (hlc != NULL)
    return TRUE;

  if (!ud_record_check (record, issues))
    return ud_issue_list_set_error (issues, 0, UD_AID_ERROR, UD_AID_ERROR_INVALID, error), FALSE;
  if (!_ud_record_store_check_keys (db, record, 0, NULL, issues))
    {
      g_debug ("Shipped %s %s left out: %s", record->kind->name, uuid,
               ((UdIssue *) g_ptr_array_index (issues, 0))->message);
      *skipped = TRUE;
      return TRUE;
    }

  (*missing)++;
  if (!write)
    return TRUE;

  g_free (record->uuid);
  record->uuid = g_strdup (uuid);
  return _ud_record_store_write_default (db, record, error);
}

/* The shipped programmes and their amount lines that the office does not
 * hold yet, counted in @missing; and written as shipped defaults (no
 * one's change: nothing for the outbox) when @write, within the caller's
 * transaction. */
static gboolean
seed_programmes (UdDatabase  *db,
                 gboolean     write,
                 guint       *missing,
                 GError     **error)
{
  const GQuark domain = UD_AID_ERROR;
  const int code = UD_AID_ERROR_INVALID;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonArray *array;

  *missing = 0;
  text = ud_json_read_resource_text (ud_hardship_reference_get_resource (),
                                     "/io/github/uniondesk/UnionDesk/hardship/aid-programmes.json", error);
  if (text == NULL)
    return FALSE;
  root = ud_json_read_parse (domain, text, "aid-programmes.json", code, error);
  if (root == NULL)
    return FALSE;
  g_return_val_if_fail (JSON_NODE_HOLDS_ARRAY (root), FALSE);

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *prefix = ud_json_index_path ("", i);
      JsonObject *object = json_node_get_object (json_array_get_element (array, i));
      g_autoptr(UdRecord) programme = ud_record_new (PROGRAMME);
      g_autoptr(GList) classes = NULL;
      g_autofree char *programme_uuid = NULL;
      const char *programme_code = NULL, *name = NULL;
      gboolean once = TRUE;
      gboolean skipped = FALSE;
      guint year = 0;
      UdFen max_amount = -1;
      JsonObject *amounts;

      if (!ud_json_read_check_members (domain, object, prefix, programme_members, code, error) ||
          !ud_json_read_string (domain, object, prefix, "code", TRUE, code, &programme_code, error) ||
          !ud_json_read_string (domain, object, prefix, "name", TRUE, code, &name, error) ||
          !ud_json_read_boolean (domain, object, prefix, "once_a_year", TRUE, code, &once, error) ||
          !ud_json_read_money (domain, object, prefix, "max_amount", FALSE, code, &max_amount, error) ||
          !ud_json_read_uint (domain, object, prefix, "year", TRUE, code, &year, error) ||
          !ud_json_read_object (domain, object, prefix, "amounts", code, &amounts, error))
        return FALSE;

      programme_uuid = default_uuid (db, PROGRAMME->name, programme_code);
      ud_record_set (programme, "code", programme_code);
      ud_record_set (programme, "name", name);
      ud_record_set (programme, "once_a_year", once ? "yes" : "no");
      if (max_amount >= 0)
        ud_record_set_int (programme, "max_amount", max_amount);
      if (!seed_one (db, programme, programme_uuid, write, missing, &skipped, error))
        return FALSE;
      /* Its lines name it by its shipped uuid: none for another one. */
      if (skipped)
        continue;

      classes = json_object_get_members (amounts);
      for (GList *l = classes; l != NULL; l = l->next)
        {
          g_autoptr(UdRecord) line = ud_record_new (AMOUNT);
          g_autofree char *path = ud_json_path (prefix, l->data);
          g_autofree char *what = g_strdup_printf ("%s/%u/%s", programme_code, year, (const char *) l->data);
          g_autofree char *line_uuid = default_uuid (db, AMOUNT->name, what);
          UdFen fen = 0;

          if (!ud_json_read_node_money (domain, json_object_get_member (amounts, l->data), path, code, &fen, error))
            return FALSE;
          ud_record_set (line, "programme_uuid", programme_uuid);
          ud_record_set_int (line, "year", year);
          ud_record_set (line, "recipient_class", l->data);
          ud_record_set_int (line, "amount", fen);
          if (!seed_one (db, line, line_uuid, write, missing, &skipped, error))
            return FALSE;
        }
    }

  return TRUE;
}

gboolean
ud_aid_ensure_programmes (UdDatabase  *db,
                          GError     **error)
{
  guint missing = 0;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (sqlite3_db_readonly (ud_database_get_handle (db), "main") == 1)
    return TRUE;

  /* Each shipped record by its uuid, the same in every office: one that
   * arrived from another office first, or was changed or deleted here,
   * stays as it is; only those missing are written. */
  if (!seed_programmes (db, FALSE, &missing, error))
    return FALSE;
  if (missing == 0)
    return TRUE;

  if (!ud_database_begin (db, error))
    return FALSE;
  if (!seed_programmes (db, TRUE, &missing, error) || !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
ud_aid_programme_list (UdDatabase  *db,
                       GError     **error)
{
  if (!ud_aid_ensure_programmes (db, error))
    return NULL;
  return list_where (db, PROGRAMME, NULL, 0, NULL, FALSE, error);
}

UdRecord *
ud_aid_programme_find (UdDatabase  *db,
                       const char  *key,
                       GError     **error)
{
  g_autoptr(GPtrArray) programmes = ud_aid_programme_list (db, error);

  if (programmes == NULL)
    return NULL;
  for (guint i = 0; i < programmes->len; i++)
    {
      UdRecord *programme = g_ptr_array_index (programmes, i);

      if (g_str_equal (ud_record_get (programme, "code"), key) || g_str_equal (ud_record_get (programme, "name"), key))
        return ud_record_ref (programme);
    }

  g_set_error (error, UD_AID_ERROR, UD_AID_ERROR_NOT_FOUND,
               /* TRANSLATORS: what was given to name a programme */
               _("There is no aid programme “%s”: give its code or its name."), key);
  return NULL;
}

GPtrArray *
ud_aid_programme_amounts (UdDatabase      *db,
                          const UdRecord  *programme,
                          GError         **error)
{
  UdRecordFilter filter = { "programme_uuid", UD_RECORD_FILTER_EQUALS, programme->uuid };

  return list_where (db, AMOUNT, &filter, 1, "year", FALSE, error);
}

gboolean
ud_aid_programme_amount (UdDatabase      *db,
                         const UdRecord  *programme,
                         guint            year,
                         const char      *recipient_class,
                         UdFen           *amount,
                         GError         **error)
{
  g_autoptr(GPtrArray) lines = ud_aid_programme_amounts (db, programme, error);
  const UdRecord *found = NULL;

  if (lines == NULL)
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      const UdRecord *line = g_ptr_array_index (lines, i);

      if (g_str_equal (ud_record_get (line, "recipient_class"), recipient_class) &&
          ud_record_get_int (line, "year") <= year)
        found = line;
    }

  if (found == NULL)
    {
      g_set_error (error, UD_AID_ERROR, UD_AID_ERROR_NO_AMOUNT,
                   /* TRANSLATORS: a programme, a year, then a class of recipient */
                   _("%s has no amount for %u for “%s”: the administrator sets it first."),
                   ud_record_get (programme, "name"), year,
                   ud_field_choice_label (ud_kind_find_field (PAYMENT, "recipient_class"), recipient_class));
      return FALSE;
    }

  *amount = ud_record_get_int (found, "amount");
  return TRUE;
}

gboolean
ud_aid_programme_set_amount (UdDatabase      *db,
                             const UdRecord  *programme,
                             guint            year,
                             const char      *recipient_class,
                             UdFen            amount,
                             GError         **error)
{
  g_autoptr(UdRecord) line = ud_record_new (AMOUNT);
  g_autoptr(UdRecord) existing = NULL;
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (programme != NULL && programme->kind == PROGRAMME, FALSE);

  ud_record_set (line, "programme_uuid", programme->uuid);
  ud_record_set_int (line, "year", year);
  ud_record_set (line, "recipient_class", recipient_class);
  ud_record_set_int (line, "amount", amount);
  if (!ud_record_check (line, issues))
    return ud_issue_list_set_error (issues, 0, UD_AID_ERROR, UD_AID_ERROR_INVALID, error), FALSE;

  existing = ud_record_store_find (db, AMOUNT, "line_key", ud_record_get (line, "line_key"), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing != NULL)
    {
      line->id = existing->id;
      line->deleted = FALSE;
    }

  return ud_record_store_save (db, line, NULL, error);
}

/* ---- payments -------------------------------------------------------------- */

UdRecord *
ud_aid_payment_new (const char *recipient_kind,
                    const char *recipient_uuid,
                    const char *name,
                    const char *id_number,
                    const char *household,
                    const char *recipient_class,
                    UdFen       amount)
{
  UdRecord *payment = ud_record_new (PAYMENT);

  ud_record_set (payment, "recipient_kind", recipient_kind);
  ud_record_set (payment, "recipient_uuid", recipient_uuid);
  ud_record_set (payment, "name", name);
  ud_record_set (payment, "id_number", id_number);
  ud_record_set (payment, "household", household);
  ud_record_set (payment, "recipient_class", recipient_class);
  if (amount >= 0)
    ud_record_set_int (payment, "amount", amount);
  ud_record_set (payment, "status", "pending");

  return payment;
}

void
ud_aid_candidate_free (UdAidCandidate *candidate)
{
  if (candidate == NULL)
    return;

  g_clear_pointer (&candidate->payment, ud_record_unref);
  g_free (candidate->set_aside);
  g_free (candidate);
}

/* "王建国 (110101********031X) is on line 3 of batch 帮扶-… (两节送温暖 2024),
 * paid on 2024-01-20" — the earlier payment, as a refusal names it. */
static char *
describe_payment (UdDatabase     *db,
                  const UdRecord *payment)
{
  g_autoptr(UdRecord) batch = _ud_record_store_read_by_uuid (db, BATCH, ud_record_get (payment, "batch_uuid"), NULL);
  g_autofree char *masked = ud_field_display (ud_kind_find_field (PAYMENT, "id_number"),
                                              ud_record_get (payment, "id_number"), TRUE);
  g_autofree char *amount = ud_money_format (ud_record_get_int (payment, "amount"));
  const char *serial = batch != NULL ? ud_record_get (batch, "serial") : "";

  if (g_str_equal (ud_record_get (payment, "status"), "paid"))
    /* TRANSLATORS: a name, a masked ID number, a line, a batch's number, an amount, then a date */
    return g_strdup_printf (_("%s (%s) is on line %s of batch %s: %s, paid on %s"),
                            ud_record_get (payment, "name"), masked, ud_record_get (payment, "line"), serial,
                            amount, ud_record_get (payment, "paid_on"));

  /* TRANSLATORS: a name, a masked ID number, a line, a batch's number, then an amount */
  return g_strdup_printf (_("%s (%s) is on line %s of batch %s: %s, not paid yet"),
                          ud_record_get (payment, "name"), masked, ud_record_get (payment, "line"), serial, amount);
}

/* Refuses @payment in @batch of @programme when the person is in the
 * batch already, or in the programme-year when it is paid once a year. */
static gboolean
check_once (UdDatabase      *db,
            const UdRecord  *programme,
            const UdRecord  *batch,
            const UdRecord  *payment,
            GError         **error)
{
  g_autofree char *year = number_text (ud_record_get_int (batch, "year"));
  UdRecordFilter in_batch[] = {
    { "batch_uuid", UD_RECORD_FILTER_EQUALS, batch->uuid },
    { "id_number", UD_RECORD_FILTER_EQUALS, ud_record_get (payment, "id_number") },
  };
  UdRecordFilter in_year[] = {
    { "programme_uuid", UD_RECORD_FILTER_EQUALS, programme->uuid },
    { "year", UD_RECORD_FILTER_EQUALS, year },
    { "id_number", UD_RECORD_FILTER_EQUALS, ud_record_get (payment, "id_number") },
  };
  g_autoptr(GPtrArray) found = NULL;

  if (batch->uuid != NULL)
    {
      found = list_where (db, PAYMENT, in_batch, G_N_ELEMENTS (in_batch), NULL, FALSE, error);
      if (found == NULL)
        return FALSE;
      if (found->len > 0)
        {
          g_autofree char *earlier = describe_payment (db, g_ptr_array_index (found, 0));

          g_set_error (error, UD_AID_ERROR, UD_AID_ERROR_TWICE,
                       /* TRANSLATORS: the earlier payment, described */
                       _("%s: a person is paid only once in a batch."), earlier);
          return FALSE;
        }
      g_clear_pointer (&found, g_ptr_array_unref);
    }

  if (!g_str_equal (ud_record_get (programme, "once_a_year"), "yes"))
    return TRUE;

  found = list_where (db, PAYMENT, in_year, G_N_ELEMENTS (in_year), NULL, FALSE, error);
  if (found == NULL)
    return FALSE;
  if (found->len > 0)
    {
      g_autofree char *earlier = describe_payment (db, g_ptr_array_index (found, 0));

      g_set_error (error, UD_AID_ERROR, UD_AID_ERROR_TWICE,
                   /* TRANSLATORS: the earlier payment, a programme, then a year */
                   _("%s: %s is paid once a year, and %s has been given."),
                   earlier, ud_record_get (programme, "name"), year);
      return FALSE;
    }

  return TRUE;
}

/* The programme's amount when none is given; a free amount within the
 * programme's highest. */
static gboolean
fill_amount (UdDatabase      *db,
             const UdRecord  *programme,
             guint            year,
             UdRecord        *payment,
             GError         **error)
{
  UdFen amount;

  if (*ud_record_get (payment, "amount") == '\0')
    {
      if (!ud_aid_programme_amount (db, programme, year, ud_record_get (payment, "recipient_class"), &amount, error))
        return FALSE;
      ud_record_set_int (payment, "amount", amount);
    }

  amount = ud_record_get_int (payment, "amount");
  if (amount <= 0 ||
      (*ud_record_get (programme, "max_amount") != '\0' && amount > ud_record_get_int (programme, "max_amount")))
    {
      g_autofree char *most = ud_money_format (ud_record_get_int (programme, "max_amount"));

      if (amount <= 0)
        g_set_error (error, UD_AID_ERROR, UD_AID_ERROR_INVALID,
                     /* TRANSLATORS: a field label */
                     _("%s: must be more than 0."), ud_kind_get_field_label (PAYMENT, "amount"));
      else
        g_set_error (error, UD_AID_ERROR, UD_AID_ERROR_INVALID,
                     /* TRANSLATORS: a field label, a programme, then its highest amount */
                     _("%s: %s gives at most %s."), ud_kind_get_field_label (PAYMENT, "amount"),
                     ud_record_get (programme, "name"), most);
      return FALSE;
    }

  return TRUE;
}

/* ---- picking by rule ---------------------------------------------------------- */

static void
add_candidate (UdDatabase     *db,
               const UdRecord *programme,
               guint           year,
               GPtrArray      *candidates,
               UdRecord       *payment)
{
  UdAidCandidate *candidate = g_new0 (UdAidCandidate, 1);
  g_autoptr(GError) why = NULL;
  /* Not stored yet: only its year is asked. */
  g_autoptr(UdRecord) batch = ud_record_new (BATCH);

  candidate->payment = payment;
  ud_record_set_int (batch, "year", year);

  if (*ud_record_get (payment, "id_number") == '\0')
    candidate->set_aside = g_strdup_printf (_("%s has no ID number on record."), ud_record_get (payment, "name"));
  else if (!fill_amount (db, programme, year, payment, &why) || !check_once (db, programme, batch, payment, &why))
    candidate->set_aside = g_strdup (why->message);
  else
    {
      /* Twice in the very list picked: the second is set aside. */
      for (guint i = 0; i < candidates->len; i++)
        {
          UdAidCandidate *other = g_ptr_array_index (candidates, i);

          if (other->set_aside == NULL &&
              g_str_equal (ud_record_get (other->payment, "id_number"), ud_record_get (payment, "id_number")))
            {
              candidate->set_aside = g_strdup_printf (_("%s is picked once already."), ud_record_get (payment, "name"));
              break;
            }
        }
    }

  g_ptr_array_add (candidates, candidate);
}

static const char *
school_class (const UdRecord *archive,
              const char     *level)
{
  const char *single = ud_record_get (archive, "single_parent");

  if (g_str_equal (level, "high_school"))
    return "high_school";
  if (g_str_equal (level, "college"))
    return "college";
  if ((g_str_equal (level, "preschool") || g_str_equal (level, "compulsory")) && !g_str_equal (single, "no"))
    return "compulsory_single_parent";
  if (g_str_equal (level, "postgraduate") && g_str_equal (single, "mother"))
    return "postgraduate_single_mother";
  return NULL;
}

GPtrArray *
ud_aid_pick (UdDatabase      *db,
             const UdRecord  *programme,
             guint            year,
             const char      *rule,
             const char      *category,
             GError         **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_aid_candidate_free);
  UdRecordFilter filters[2] = { { "status", UD_RECORD_FILTER_EQUALS, "archived" } };
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (programme != NULL && rule != NULL, NULL);

  if (g_str_equal (rule, "model_workers"))
    {
      UdRecordFilter workers[] = {
        { "status", UD_RECORD_FILTER_EQUALS, "active" },
        { "model_worker", UD_RECORD_FILTER_NOT_EMPTY, NULL },
      };

      records = list_where (db, &ud_kind_member, workers, G_N_ELEMENTS (workers), "name", FALSE, error);
      if (records == NULL)
        return NULL;
      for (guint i = 0; i < records->len; i++)
        {
          UdRecord *member = g_ptr_array_index (records, i);

          add_candidate (db, programme, year, candidates,
                         ud_aid_payment_new (ud_kind_member.name, member->uuid, ud_record_get (member, "name"),
                                             ud_record_get (member, "id_number"), NULL, "model_worker", -1));
        }
      return g_steal_pointer (&candidates);
    }

  if (g_str_equal (rule, "category"))
    {
      if (category == NULL || *category == '\0')
        {
          g_set_error (error, UD_AID_ERROR, UD_AID_ERROR_INVALID,
                       _("Category: give the category of the households to pay."));
          return NULL;
        }
      filters[1] = (UdRecordFilter) { "category", UD_RECORD_FILTER_EQUALS, category };
    }
  else if (!g_str_equal (rule, "archived") && !g_str_equal (rule, "school") && !g_str_equal (rule, "single_parent"))
    {
      g_set_error (error, UD_AID_ERROR, UD_AID_ERROR_INVALID,
                   /* TRANSLATORS: the rule given */
                   _("Recipients chosen: “%s” is no rule; the rules are archived, category, school, single_parent and model_workers."),
                   rule);
      return NULL;
    }

  records = list_where (db, &ud_kind_hardship_archive, filters, g_str_equal (rule, "category") ? 2 : 1,
                        "serial", FALSE, error);
  if (records == NULL)
    return NULL;

  for (guint i = 0; i < records->len; i++)
    {
      UdRecord *archive = g_ptr_array_index (records, i);

      if (g_str_equal (rule, "school"))
        {
          g_autoptr(GPtrArray) people = ud_hardship_store_household (db, archive, error);

          if (people == NULL)
            return NULL;
          for (guint p = 0; p < people->len; p++)
            {
              UdRecord *person = g_ptr_array_index (people, p);
              const char *class = school_class (archive, ud_record_get (person, "school_level"));

              if (class != NULL)
                add_candidate (db, programme, year, candidates,
                               ud_aid_payment_new (ud_kind_hardship_household_member.name, person->uuid,
                                                   ud_record_get (person, "name"), ud_record_get (person, "id_number"),
                                                   ud_record_get (archive, "member_name"), class, -1));
            }
          continue;
        }
      if (g_str_equal (rule, "single_parent") && g_str_equal (ud_record_get (archive, "single_parent"), "no"))
        continue;

      add_candidate (db, programme, year, candidates,
                     ud_aid_payment_new (ud_kind_hardship_archive.name, archive->uuid,
                                         ud_record_get (archive, "member_name"), ud_record_get (archive, "id_number"),
                                         NULL, g_str_equal (rule, "single_parent") ? "single_parent" : "archived_household",
                                         -1));
    }

  return g_steal_pointer (&candidates);
}

/* ---- batches ------------------------------------------------------------------ */

UdRecord *
ud_aid_batch_new (const UdRecord *programme,
                  guint           year,
                  const char     *title,
                  const char     *rule,
                  const char     *category)
{
  UdRecord *batch = ud_record_new (BATCH);

  ud_record_set (batch, "programme_uuid", programme->uuid);
  ud_record_set (batch, "programme_name", ud_record_get (programme, "name"));
  ud_record_set_int (batch, "year", year);
  ud_record_set (batch, "title", title);
  ud_record_set (batch, "rule", rule != NULL ? rule : "hand");
  ud_record_set (batch, "rule_category", category);

  return batch;
}

/* The batch's lines counted and summed again, and the batch written. */
static gboolean
write_totals (UdDatabase  *db,
              UdRecord    *batch,
              GError     **error)
{
  g_autoptr(UdRecord) existing = _ud_record_store_read (db, BATCH, batch->id, error);
  g_autoptr(GPtrArray) payments = NULL;
  gint64 count = 0, paid_count = 0;
  UdFen total = 0, paid_total = 0;

  if (existing == NULL)
    return FALSE;
  payments = ud_aid_batch_payments (db, batch, error);
  if (payments == NULL)
    return FALSE;
  for (guint i = 0; i < payments->len; i++)
    {
      const UdRecord *payment = g_ptr_array_index (payments, i);

      count++;
      total += ud_record_get_int (payment, "amount");
      if (g_str_equal (ud_record_get (payment, "status"), "paid"))
        {
          paid_count++;
          paid_total += ud_record_get_int (payment, "amount");
        }
    }

  ud_record_set_int (batch, "recipients", count);
  ud_record_set_int (batch, "total", total);
  ud_record_set_int (batch, "paid_count", paid_count);
  ud_record_set_int (batch, "paid_total", paid_total);
  /* Its state follows from the counts (the kind's derive hook). */
  BATCH->hooks->derive (batch);
  if (ud_record_equal_values (existing, batch))
    return TRUE;
  return _ud_record_store_write (db, batch, existing, NULL, error);
}

/* Within the transaction: @payment as line @line of @batch. */
static gboolean
add_line (UdDatabase      *db,
          const UdRecord  *programme,
          UdRecord        *batch,
          UdRecord        *payment,
          guint            line,
          GError         **error)
{
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  guint year = (guint) ud_record_get_int (batch, "year");

  g_return_val_if_fail (payment->kind == PAYMENT && payment->id == 0, FALSE);

  ud_record_set (payment, "batch_uuid", batch->uuid);
  ud_record_set_int (payment, "line", line);
  ud_record_set (payment, "programme_uuid", programme->uuid);
  ud_record_set_int (payment, "year", year);
  ud_record_set (payment, "status", "pending");

  if (!fill_amount (db, programme, year, payment, error))
    return FALSE;
  if (!ud_record_store_validate (db, payment, issues))
    {
      UdIssue *issue = ud_issue_list_first_error (issues, 0);

      g_set_error (error, UD_AID_ERROR, UD_AID_ERROR_INVALID,
                   /* TRANSLATORS: a line, a name, then what is wrong */
                   _("Line %u (%s): %s"), line, ud_record_get (payment, "name"), issue->message);
      return FALSE;
    }

  return check_once (db, programme, batch, payment, error) &&
         _ud_record_store_write (db, payment, NULL, NULL, error);
}

static UdRecord *
read_programme (UdDatabase      *db,
                const UdRecord  *batch,
                GError         **error)
{
  UdRecord *programme = _ud_record_store_read_by_uuid (db, PROGRAMME, ud_record_get (batch, "programme_uuid"), error);

  if (programme == NULL && (error == NULL || *error == NULL))
    g_set_error_literal (error, UD_AID_ERROR, UD_AID_ERROR_NOT_FOUND, _("The batch's programme no longer exists."));
  return programme;
}

gboolean
ud_aid_batch_create (UdDatabase  *db,
                     UdRecord    *batch,
                     GPtrArray   *payments,
                     GError     **error)
{
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autoptr(UdRecord) programme = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *today = _ud_hardship_today ();
  g_autofree char *prefix = NULL;
  g_autofree char *office = NULL;
  g_autofree char *serial = NULL;

  g_return_val_if_fail (batch != NULL && batch->kind == BATCH && batch->id == 0, FALSE);

  if (!ud_database_require (db, BATCH->edit_permission, error))
    return FALSE;
  if ((payments == NULL || payments->len == 0) && !g_str_equal (ud_record_get (batch, "rule"), "hand"))
    {
      g_set_error_literal (error, UD_AID_ERROR, UD_AID_ERROR_INVALID,
                           _("The rule picks nobody to pay: no batch is made."));
      return FALSE;
    }

  ud_record_set (batch, "created_by", ud_database_get_actor (db));
  ud_record_set (batch, "created_on", today);
  ud_record_set (batch, "serial", "-");
  if (!ud_record_store_validate (db, batch, issues))
    return ud_issue_list_set_error (issues, 0, UD_AID_ERROR, UD_AID_ERROR_INVALID, error), FALSE;

  /* The programme may be a shipped one this office has not stored yet. */
  if (!ud_aid_ensure_programmes (db, error) || !ud_database_begin (db, error))
    return FALSE;

  programme = read_programme (db, batch, &local_error);
  if (programme == NULL)
    goto failed;
  ud_record_set (batch, "programme_name", ud_record_get (programme, "name"));

  office = ud_database_get_office_number (db);
  prefix = g_strdup_printf ("%s-%s-%s-%s-", SERIAL_PREFIX, ud_database_get_district (db),
                            ud_record_get (batch, "year"), office);
  serial = _ud_record_store_next_serial (db, BATCH, "serial", prefix, 4, &local_error);
  if (serial == NULL)
    goto failed;
  ud_record_set (batch, "serial", serial);
  if (!_ud_record_store_write (db, batch, NULL, NULL, &local_error))
    goto failed;

  for (guint i = 0; payments != NULL && i < payments->len; i++)
    if (!add_line (db, programme, batch, g_ptr_array_index (payments, i), i + 1, &local_error))
      goto failed;

  if (!write_totals (db, batch, &local_error) || !check_fund (db, batch, &local_error) ||
      !ud_database_commit (db, &local_error))
    goto failed;
  return TRUE;

failed:
  ud_database_rollback (db);
  batch->id = 0;
  g_clear_pointer (&batch->uuid, g_free);
  for (guint i = 0; payments != NULL && i < payments->len; i++)
    {
      UdRecord *payment = g_ptr_array_index (payments, i);

      payment->id = 0;
      g_clear_pointer (&payment->uuid, g_free);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
ud_aid_batch_add (UdDatabase  *db,
                  UdRecord    *batch,
                  UdRecord    *payment,
                  GError     **error)
{
  g_autoptr(UdRecord) programme = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 last = 0;

  g_return_val_if_fail (batch != NULL && batch->kind == BATCH && batch->id != 0, FALSE);

  if (!ud_database_require (db, PAYMENT->edit_permission, error))
    return FALSE;
  /* A batch pulled from another office may name a shipped programme
   * this office has not stored yet. */
  if (!ud_aid_ensure_programmes (db, error) || !ud_database_begin (db, error))
    return FALSE;

  if ((programme = read_programme (db, batch, &local_error)) == NULL ||
      (payments = ud_aid_batch_payments (db, batch, &local_error)) == NULL)
    goto failed;
  for (guint i = 0; i < payments->len; i++)
    last = MAX (last, ud_record_get_int (g_ptr_array_index (payments, i), "line"));

  if (!add_line (db, programme, batch, payment, (guint) last + 1, &local_error) ||
      !write_totals (db, batch, &local_error) ||
      !check_fund (db, batch, &local_error) ||
      !ud_database_commit (db, &local_error))
    goto failed;
  return TRUE;

failed:
  ud_database_rollback (db);
  payment->id = 0;
  g_clear_pointer (&payment->uuid, g_free);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
ud_aid_batch_pay (UdDatabase  *db,
                  UdRecord    *batch,
                  guint        line,
                  const char  *date,
                  const char  *method,
                  const char  *receipt,
                  GError     **error)
{
  const UdField *method_field = ud_kind_find_field (PAYMENT, "method");
  const UdField *paid_on_field = ud_kind_find_field (PAYMENT, "paid_on");
  const UdField *receipt_field = ud_kind_find_field (PAYMENT, "receipt");
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(UdRecord) payment = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *paid_on = NULL;
  g_autofree char *today = _ud_hardship_today ();
  g_autofree char *receipt_text = NULL;
  const UdChoice *choice;

  g_return_val_if_fail (batch != NULL && batch->kind == BATCH, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_RECORD_PAYMENT, error))
    return FALSE;

  /* What was typed, before anything is read. */
  paid_on = ud_field_normalize (paid_on_field, date != NULL ? date : "", issues);
  if (paid_on != NULL && *paid_on == '\0')
    ud_issue_list_add_required (issues, paid_on_field);
  else if (paid_on != NULL && strcmp (paid_on, today) > 0)
    g_ptr_array_add (issues, ud_issue_new (paid_on_field, "future", FALSE,
                                           /* TRANSLATORS: a field label */
                                           _("%s: cannot lie ahead"), _(paid_on_field->label)));
  choice = ud_field_find_choice (method_field, method != NULL ? method : "");
  if (choice == NULL)
    g_ptr_array_add (issues, ud_issue_new (method_field, "invalid", FALSE,
                                           /* TRANSLATORS: a field label */
                                           _("%s: give jingka, bank or cash"), _(method_field->label)));
  receipt_text = ud_field_normalize (receipt_field, receipt != NULL ? receipt : "", issues);
  if (receipt_text != NULL && *receipt_text == '\0' && choice != NULL && !g_str_equal (choice->value, "cash"))
    g_ptr_array_add (issues, ud_issue_new (receipt_field, "required", FALSE,
                                           /* TRANSLATORS: a field label */
                                           _("%s: give the transfer number"), _(receipt_field->label)));
  if (ud_issue_list_set_error (issues, 0, UD_AID_ERROR, UD_AID_ERROR_INVALID, error))
    return FALSE;

  if (!ud_aid_ensure_programmes (db, error) || !ud_database_begin (db, error))
    return FALSE;
  payments = ud_aid_batch_payments (db, batch, &local_error);
  if (payments == NULL)
    goto failed;
  for (guint i = 0; i < payments->len; i++)
    if (ud_record_get_int (g_ptr_array_index (payments, i), "line") == line)
      payment = ud_record_ref (g_ptr_array_index (payments, i));
  if (payment == NULL)
    {
      g_set_error (&local_error, UD_AID_ERROR, UD_AID_ERROR_NOT_FOUND,
                   /* TRANSLATORS: a line, then a batch's number */
                   _("Batch %2$s has no line %1$u."), line, ud_record_get (batch, "serial"));
      goto failed;
    }
  if (g_str_equal (ud_record_get (payment, "status"), "paid"))
    {
      g_autofree char *earlier = describe_payment (db, payment);

      g_set_error (&local_error, UD_AID_ERROR, UD_AID_ERROR_TWICE,
                   /* TRANSLATORS: the earlier payment, described */
                   _("%s: it is not paid twice."), earlier);
      goto failed;
    }

  {
    g_autoptr(UdRecord) paid = ud_record_copy (payment);

    ud_record_set (paid, "status", "paid");
    ud_record_set (paid, "paid_on", paid_on);
    ud_record_set (paid, "method", choice->value);
    ud_record_set (paid, "receipt", receipt_text);
    ud_record_set (paid, "paid_by", ud_database_get_actor (db));
    if (!_ud_record_store_write (db, paid, payment, NULL, &local_error))
      goto failed;
  }

  if (!write_totals (db, batch, &local_error) || !ud_database_commit (db, &local_error))
    goto failed;
  return TRUE;

failed:
  ud_database_rollback (db);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

UdRecord *
ud_aid_batch_find (UdDatabase  *db,
                   const char  *serial,
                   GError     **error)
{
  UdRecordFilter filter = { "serial", UD_RECORD_FILTER_EQUALS, serial };
  g_autoptr(GPtrArray) found = list_where (db, BATCH, &filter, 1, NULL, FALSE, error);

  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, UD_AID_ERROR, UD_AID_ERROR_NOT_FOUND,
                   /* TRANSLATORS: a batch's number */
                   _("There is no aid batch “%s”."), serial);
      return NULL;
    }

  return ud_record_ref (g_ptr_array_index (found, 0));
}

GPtrArray *
ud_aid_batch_payments (UdDatabase      *db,
                       const UdRecord  *batch,
                       GError         **error)
{
  UdRecordFilter filter = { "batch_uuid", UD_RECORD_FILTER_EQUALS, batch->uuid };

  return list_where (db, PAYMENT, &filter, 1, "line", FALSE, error);
}

GPtrArray *
ud_aid_batch_list (UdDatabase  *db,
                   guint        year,
                   GError     **error)
{
  g_autofree char *year_text = number_text (year);
  UdRecordFilter filter = { "year", UD_RECORD_FILTER_EQUALS, year_text };

  return list_where (db, BATCH, &filter, year > 0 ? 1 : 0, "serial", TRUE, error);
}

/* ---- the fund ------------------------------------------------------------------ */

gboolean
ud_aid_fund_set_budget (UdDatabase  *db,
                        guint        year,
                        UdFen        budget,
                        GError     **error)
{
  g_autoptr(UdRecord) fund = NULL;
  g_autofree char *year_text = number_text (year);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  fund = ud_record_store_find (db, &ud_kind_aid_fund, "year", year_text, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (fund == NULL)
    {
      fund = ud_record_new (&ud_kind_aid_fund);
      ud_record_set_int (fund, "year", year);
    }
  fund->deleted = FALSE;
  ud_record_set_int (fund, "budget", budget);

  return ud_record_store_save (db, fund, NULL, error);
}

gboolean
ud_aid_fund_get_summary (UdDatabase        *db,
                         guint              year,
                         UdAidFundSummary  *summary,
                         GError           **error)
{
  g_autofree char *year_text = number_text (year);
  g_autoptr(UdRecord) fund = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (summary != NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  summary->year = year;
  fund = ud_record_store_find (db, &ud_kind_aid_fund, "year", year_text, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (fund != NULL && !fund->deleted)
    {
      summary->has_budget = TRUE;
      summary->budget = ud_record_get_int (fund, "budget");
    }

  batches = ud_aid_batch_list (db, year, error);
  if (batches == NULL)
    return FALSE;
  for (guint i = 0; i < batches->len; i++)
    {
      const UdRecord *batch = g_ptr_array_index (batches, i);

      summary->batches++;
      summary->recipients += (guint) ud_record_get_int (batch, "recipients");
      summary->committed += ud_record_get_int (batch, "total");
      summary->paid += ud_record_get_int (batch, "paid_total");
    }
  summary->balance = summary->budget - summary->paid;
  summary->uncommitted = summary->budget - summary->committed;

  return TRUE;
}

/* Within the transaction, after lines were added to @batch's year: its
 * budget, when it has one, holds every line of the year. */
static gboolean
check_fund (UdDatabase      *db,
            const UdRecord  *batch,
            GError         **error)
{
  UdAidFundSummary summary;

  if (!ud_aid_fund_get_summary (db, (guint) ud_record_get_int (batch, "year"), &summary, error))
    return FALSE;
  if (summary.has_budget && summary.uncommitted < 0)
    {
      g_autofree char *budget = ud_money_format (summary.budget);
      g_autofree char *over = ud_money_format (-summary.uncommitted);

      g_set_error (error, UD_AID_ERROR, UD_AID_ERROR_FUND,
                   /* TRANSLATORS: a year, its budget, then by how much it would be exceeded */
                   _("The aid fund of %u has a budget of %s: these lines would exceed it by %s."),
                   summary.year, budget, over);
      return FALSE;
    }

  return TRUE;
}
