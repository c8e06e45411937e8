/* ud-illness-kind.h — what a serious-illness relief application is
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-kind.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* 大病救助: a serious-illness relief application (DESIGN §3, DOMAIN §3).
 * The fields a clerk types come first; the suggestion the rules compute
 * and the workflow's state are UD_FIELD_DERIVED: only the application
 * store (ud-illness-store.h) writes them. */
extern const UdKind ud_kind_illness_application;

/* The checklist of documents (DOMAIN §3).  The application's "documents"
 * field holds the codes of those received, comma-separated. */
typedef struct
{
  const char *code;         /* "id_copy" */
  const char *label;        /* N_() */
  gboolean    family_only;  /* needed only when the patient is not the member */
} UdIllnessDocument;

const UdIllnessDocument *ud_illness_documents     (guint          *n_documents);
/* The document with this code or label (English or translated), or NULL. */
const UdIllnessDocument *ud_illness_find_document (const char     *text);
/* Codes of the documents still needed, in checklist order (static
 * strings; the array may be empty). */
GPtrArray   *ud_illness_missing_documents          (const UdRecord *application);

G_END_DECLS
