/* ud-illness-documents.c — the documents an application needs (DOMAIN §3)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-illness-documents.h"

/* The checklist of documents (DOMAIN §3). */
static const UdIllnessDocument documents[] = {
  { "id_copy",       N_("Copy of the ID card"),                             FALSE },
  { "card_number",   N_("Service card number"),                             FALSE },
  { "bank_card",     N_("Bank card"),                                       FALSE },
  { "diagnosis",     N_("Diagnosis from a hospital of grade 2 or above"),   FALSE },
  { "discharge",     N_("Discharge summary or pathology report"),           FALSE },
  { "invoices",      N_("Invoices and insurance settlement sheets"),        FALSE },
  { "approval_form", N_("Signed approval form"),                            FALSE },
  { "relationship",  N_("Proof of the patient's relationship to the member"), TRUE },
};

const UdIllnessDocument *
ud_illness_documents (guint *n_documents)
{
  if (n_documents != NULL)
    *n_documents = G_N_ELEMENTS (documents);

  return documents;
}

const UdIllnessDocument *
ud_illness_find_document (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

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

  received = g_strsplit (ud_record_get (application, "documents"), ",", -1);
  family = !g_str_equal (ud_record_get (application, "relation"), "self");

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    if ((!documents[i].family_only || family) && !g_strv_contains ((const char * const *) received, documents[i].code))
      g_ptr_array_add (missing, (gpointer) documents[i].code);

  return g_steal_pointer (&missing);
}
