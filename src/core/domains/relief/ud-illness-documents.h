/* ud-illness-documents.h — the documents an application needs (DOMAIN §3)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-record.h"

G_BEGIN_DECLS

/* The checklist of documents (DOMAIN §3).  The application's "documents"
 * field holds the codes of those received, comma-separated. */
typedef struct
{
  const char *code;         /* "id_copy" */
  const char *label;        /* N_() */
  gboolean    family_only;  /* needed only when the patient is not the member */
} UdIllnessDocument;

const UdIllnessDocument *ud_illness_documents     (guint          *n_documents);

/* The same checklist as the choices of the application's "documents"
 * field (UD_FIELD_SET). */
#define _UD_ILLNESS_N_DOCUMENTS 8
extern const UdChoice _ud_illness_document_choices[];
/* The document with this code or label (English or translated), or NULL. */
const UdIllnessDocument *ud_illness_find_document (const char     *text);
/* Codes of the documents still needed, in checklist order (static
 * strings; the array may be empty). */
GPtrArray   *ud_illness_missing_documents          (const UdRecord *application);

G_END_DECLS
