/* ud-illness-print.c — the approval form of a stored relief application
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-illness-print"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ud-illness-print.h"
#include "ud-audit.h"
#include "ud-illness-store.h"
#include "ud-member-store.h"
#include "ud-permission.h"
#include "ud-reference-store.h"
#include "ud-validate.h"

/* What the form prints for a member without a model-worker title. */
#define NO_TITLE "无"

/* The trail's steps behind the four opinion blocks, in the order of
 * UdIllnessFormData.opinions: 基层工会, 街道/乡镇, 帮扶中心审核, 审批. */
static const char * const opinion_steps[][3] = {
  { "submit", NULL },
  { "street", NULL },
  { "review", NULL },
  { "approve", "reject", NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (opinion_steps) == G_N_ELEMENTS (((UdIllnessFormData *) NULL)->opinions));

static UdFen
number (const UdRecord *record,
        const char     *field)
{
  const char *value = ud_record_get (record, field);

  return *value != '\0' ? g_ascii_strtoll (value, NULL, 10) : UD_ILLNESS_FORM_NO_AMOUNT;
}

/* The value as the paper form says it: a choice's Chinese spelling. */
static char *
paper_text (const UdRecord *record,
            const char     *field)
{
  const char *value = ud_record_get (record, field);
  const UdChoice *choice = ud_field_find_choice (ud_kind_find_field (record->kind, field), value);

  return g_strdup (choice != NULL ? choice->csv : value);
}

static char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static char *
unit_street (UdDatabase  *db,
             const char  *unit_name,
             GError     **error)
{
  g_autoptr(GPtrArray) units = ud_unit_store_list (db, error);

  if (units == NULL)
    return NULL;

  for (guint i = 0; i < units->len; i++)
    {
      UdRecord *unit = g_ptr_array_index (units, i);

      if (g_str_equal (ud_record_get (unit, "name"), unit_name))
        return g_strdup (ud_record_get (unit, "street"));
    }

  return g_strdup ("");
}

/* What the member's other reliefs of the fund year came to. */
static gboolean
received_in_year (UdDatabase      *db,
                  const UdRecord  *application,
                  UdFen           *received,
                  GError         **error)
{
  UdIllnessQuery query = { 0, };
  g_autoptr(GPtrArray) others = NULL;

  query.year = (guint) g_ascii_strtoull (ud_record_get (application, "fund_year"), NULL, 10);
  query.member_uuid = ud_record_get (application, "member_uuid");
  others = ud_illness_store_list (db, &query, error);
  if (others == NULL)
    return FALSE;

  *received = 0;
  for (guint i = 0; i < others->len; i++)
    {
      UdRecord *other = g_ptr_array_index (others, i);
      const char *status = ud_record_get (other, "status");

      if (g_strcmp0 (other->uuid, application->uuid) != 0 &&
          (g_str_equal (status, "approved") || g_str_equal (status, "paid")))
        *received += g_ascii_strtoll (ud_record_get (other, "approved_amount"), NULL, 10);
    }

  return TRUE;
}

static gboolean
fill_opinions (UdDatabase         *db,
               const UdRecord     *application,
               UdIllnessFormData  *data,
               GError            **error)
{
  g_autoptr(GPtrArray) steps = ud_illness_store_list_steps (db, application->uuid, error);
  guint start = 0;

  if (steps == NULL)
    return FALSE;

  /* Opinions given before the application was last returned no longer
   * stand: it went through the steps again. */
  for (guint i = 0; i < steps->len; i++)
    if (g_str_equal (((UdIllnessStep *) g_ptr_array_index (steps, i))->step, "return"))
      start = i + 1;

  for (guint i = start; i < steps->len; i++)
    {
      UdIllnessStep *step = g_ptr_array_index (steps, i);

      for (guint block = 0; block < G_N_ELEMENTS (opinion_steps); block++)
        {
          if (!g_strv_contains (opinion_steps[block], step->step))
            continue;

          g_free (data->opinions[block].opinion);
          g_free (data->opinions[block].signer);
          g_free (data->opinions[block].date);
          data->opinions[block].opinion = empty_to_null (step->opinion);
          data->opinions[block].signer = empty_to_null (step->signer);
          data->opinions[block].date = empty_to_null (step->signed_on);
        }
    }

  return TRUE;
}

gboolean
ud_illness_print_fill (UdDatabase         *db,
                       const UdRecord     *application,
                       UdIllnessFormData  *data,
                       GError            **error)
{
  g_autoptr(UdRecord) member = NULL;
  g_autofree char *street = NULL;
  g_autofree char *disease = NULL;
  const char *patient;
  guint64 size;
  UdFen income;
  UdFen received = 0;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (application != NULL && application->kind == &ud_kind_illness_application, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if ((member = ud_illness_store_get_member (db, application, error)) == NULL ||
      (street = unit_street (db, ud_record_get (member, "unit"), error)) == NULL ||
      (disease = ud_illness_store_disease_name (db, application, error)) == NULL ||
      !received_in_year (db, application, &received, error))
    return FALSE;

  memset (data, 0, sizeof *data);

  data->serial = g_strdup (ud_record_get (application, "serial"));
  data->uuid = g_strdup (application->uuid);
  data->application_date = g_strdup (ud_record_get (application, "application_date"));
  data->fund = g_strdup (UD_ILLNESS_FUND_NAME);
  data->year = g_strdup (ud_record_get (application, "fund_year"));

  data->name = g_strdup (ud_record_get (member, "name"));
  data->sex = paper_text (member, "sex");
  data->birth_date = g_strdup (ud_record_get (member, "birth_date"));
  data->id_number = g_strdup (ud_record_get (member, "id_number"));
  data->unit = g_strdup (ud_record_get (member, "unit"));
  data->street = g_steal_pointer (&street);
  data->phone = g_strdup (ud_record_get (member, "phone"));
  data->card_number = g_strdup (ud_record_get (member, "card_number"));
  data->model_worker = *ud_record_get (member, "model_worker") != '\0' ? paper_text (member, "model_worker")
                                                                       : g_strdup (NO_TITLE);
  data->archived = g_str_equal (ud_record_get (application, "archived"), "yes");

  patient = ud_record_get (application, "patient_name");
  data->patient_name = g_strdup (*patient != '\0' ? patient : ud_record_get (member, "name"));
  data->relation = paper_text (application, "relation");

  data->disease_code = g_strdup (ud_record_get (application, "disease"));
  data->disease_name = g_steal_pointer (&disease);
  data->hospital = g_strdup (ud_record_get (application, "hospital"));
  data->hospital_grade = paper_text (application, "hospital_grade");
  data->diagnosis_date = g_strdup (ud_record_get (application, "diagnosis_date"));
  data->treatment_from = g_strdup (ud_record_get (application, "treatment_from"));
  data->treatment_to = g_strdup (ud_record_get (application, "treatment_to"));

  data->total = number (application, "total");
  data->insurance = number (application, "insurance");
  data->government_aid = number (application, "government_aid");
  data->mutual_aid = number (application, "mutual_aid");
  data->other = number (application, "other");
  data->self_paid = number (application, "self_paid");

  size = g_ascii_strtoull (ud_record_get (application, "household_size"), NULL, 10);
  income = number (application, "household_income");
  data->household_size = (guint) size;
  data->household_income = income;
  /* Shown to the fen, rounded down; the rules compare without dividing. */
  data->per_capita_monthly = size > 0 && income >= 0 ? income / 12 / (UdFen) size : UD_ILLNESS_FORM_NO_AMOUNT;
  data->low_income_line = MAX (number (application, "low_income_line"), 0);

  data->tier = (guint) g_ascii_strtoull (ud_record_get (application, "tier"), NULL, 10);
  data->suggested = data->tier > 0 ? MAX (number (application, "suggested_amount"), 0) : 0;
  data->approved = MAX (number (application, "approved_amount"), 0);
  data->approved_reason = g_strdup (ud_record_get (application, "amount_reason"));
  data->received_this_year = received;
  data->rules_version = g_strdup (ud_record_get (application, "rules_version"));
  data->reasons = g_strdup (ud_record_get (application, "reasons"));
  data->documents = g_strdup (ud_record_get (application, "documents"));

  data->paid_on = g_strdup (ud_record_get (application, "paid_on"));
  data->payment_method = paper_text (application, "payment_method");
  data->notice_from = g_strdup (ud_record_get (application, "notice_from"));
  data->notice_to = g_strdup (ud_record_get (application, "notice_to"));

  if (!fill_opinions (db, application, data, error))
    {
      ud_illness_form_data_clear (data);
      return FALSE;
    }

  return TRUE;
}

UdDocument *
ud_illness_print_build (UdDatabase      *db,
                        const UdRecord  *application,
                        GError         **error)
{
  g_auto(UdIllnessFormData) data = { 0, };

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (application != NULL && application->kind == &ud_kind_illness_application, NULL);

  if (!ud_illness_print_fill (db, application, &data, error))
    return NULL;

  return ud_illness_form_build (&data, error);
}

gboolean
ud_illness_print_audit (UdDatabase      *db,
                        const UdRecord  *application,
                        const char      *destination,
                        GError         **error)
{
  g_autofree char *document = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (application != NULL && application->kind == &ud_kind_illness_application, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  /* The form's own title: it is the same in every language. */
  document = g_strdup_printf ("重大疾病救助审批表 %s → %s", ud_record_get (application, "serial"), destination);

  /* Under the application and under its member, so that the member's
   * history shows who printed their data. */
  if (!ud_database_begin (db, error))
    return FALSE;
  if (!ud_database_audit_print (db, application->kind->name, application->uuid, document, error) ||
      !ud_database_audit_print (db, ud_kind_member.name, ud_record_get (application, "member_uuid"), document, error) ||
      !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }

  return TRUE;
}

gboolean
ud_illness_print_write_pdf (UdDatabase      *db,
                            const UdRecord  *application,
                            const char      *path,
                            GError         **error)
{
  g_autoptr(UdDocument) document = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (application != NULL && application->kind == &ud_kind_illness_application, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!ud_database_require (db, UD_PERMISSION_PRINT_FORMS, error) ||
      (document = ud_illness_print_build (db, application, error)) == NULL ||
      !ud_document_write_pdf (document, path, error))
    return FALSE;

  /* A print that is not in the trail does not happen. */
  if (!ud_illness_print_audit (db, application, path, error))
    {
      g_unlink (path);
      return FALSE;
    }

  return TRUE;
}
