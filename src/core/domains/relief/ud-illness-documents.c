/* ud-illness-documents.c — the documents an application needs (DOMAIN §3)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-illness-documents.h"

/* The checklist of documents (DOMAIN §3): the choices of the
 * application's "documents" field, which holds those received. */
const UdChoice _ud_illness_document_choices[] = {
  { "id_copy",       N_("Copy of the ID card"),                               "身份证复印件" },
  { "card_number",   N_("Service card number"),                               "互助服务卡号" },
  { "bank_card",     N_("Bank card"),                                         "银行卡" },
  { "diagnosis",     N_("Diagnosis from a hospital of grade 2 or above"),     "二级以上医院诊断证明" },
  { "discharge",     N_("Discharge summary or pathology report"),             "出院小结或病理报告" },
  { "invoices",      N_("Invoices and insurance settlement sheets"),          "医疗费用票据及医保结算单" },
  { "approval_form", N_("Signed approval form"),                              "签字的审批表" },
  { "relationship",  N_("Proof of the patient's relationship to the member"), "患者与会员关系证明" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (_ud_illness_document_choices) == _UD_ILLNESS_N_DOCUMENTS);

/* Needed only when the patient is not the member. */
static const char * const family_only[] = { "relationship", NULL };

static UdIllnessDocument documents[_UD_ILLNESS_N_DOCUMENTS];

const UdIllnessDocument *
ud_illness_documents (guint *n_documents)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
        {
          documents[i].code = _ud_illness_document_choices[i].value;
          documents[i].label = _ud_illness_document_choices[i].label;
          documents[i].family_only = g_strv_contains (family_only, documents[i].code);
        }
      g_once_init_leave (&done, 1);
    }

  if (n_documents != NULL)
    *n_documents = G_N_ELEMENTS (documents);

  return documents;
}

const UdIllnessDocument *
ud_illness_find_document (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  ud_illness_documents (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    if (g_str_equal (text, documents[i].code) ||
        g_ascii_strcasecmp (text, documents[i].label) == 0 ||
        g_str_equal (text, _(documents[i].label)))
      return &documents[i];

  return NULL;
}

GPtrArray *
ud_illness_missing_documents (const UdRecord *application)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_auto(GStrv) received = NULL;
  gboolean family;

  g_return_val_if_fail (application != NULL, NULL);

  ud_illness_documents (NULL);
  received = g_strsplit (ud_record_get (application, "documents"), ",", -1);
  family = !g_str_equal (ud_record_get (application, "relation"), "self");

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    if ((!documents[i].family_only || family) && !g_strv_contains ((const char * const *) received, documents[i].code))
      g_ptr_array_add (missing, (gpointer) documents[i].code);

  return g_steal_pointer (&missing);
}
