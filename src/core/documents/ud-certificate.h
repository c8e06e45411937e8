/* ud-certificate.h — certificates on landscape A4: one a page, with serial and QR code
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-document.h"

G_BEGIN_DECLS

/* What one certificate says.  The words are the issuer's (Chinese
 * documents, not translated); NULL members are left out.
 *
 *   ┌──────────────────────────────────────────────┐
 *   │                  TITLE                       │
 *   │                RECIPIENT                     │
 *   │   BODY (wrapped, shrunk to fit its box)      │
 *   │          DETAILS (one line, · between)       │
 *   │ [QR]                            ISSUER  (seal)│
 *   │ 编号：SERIAL                      DATE        │
 *   └──────────────────────────────────────────────┘
 */
typedef struct
{
  const char         *title;       /* 母婴关爱室达标证书, 荣誉证书 (required) */
  const char         *recipient;   /* the room's or the person's name, large */
  const char         *body;        /* the words of the certificate */
  const char * const *details;     /* short lines ("所在单位：…"), NULL-terminated, or NULL */
  const char         *issuer;      /* the issuing union (required) */
  const char         *date;        /* YYYY-MM-DD, printed 二〇二四年九月一日 (required) */
  const char         *serial;      /* printed 编号：…, and the QR code's payload (required) */
  const char         *qr_payload;  /* NULL: the serial */
} UdCertificate;

/* A landscape A4 document for certificates: no page numbers, no header.
 * Add any number of certificates to it; written with
 * ud_document_write_pdf () or printed, its fonts are embedded once for
 * all of them. */
UdDocument *ud_certificate_document_new (const char          *title);

/* Lays @certificate out on a page of its own (the document's first, or
 * a new one).  FALSE with UD_DOCUMENT_ERROR_EMPTY when a required member
 * is missing, or UD_DOCUMENT_ERROR_QR when the payload cannot be
 * encoded; nothing is added then. */
gboolean    ud_certificate_add          (UdDocument          *document,
                                         const UdCertificate *certificate,
                                         GError             **error);

/* How many certificates @document holds. */
guint       ud_certificate_count        (UdDocument          *document);

/* A date as certificates write it: "2024-09-01" → "二〇二四年九月一日";
 * NULL when @iso is not a date. */
char       *ud_certificate_format_date  (const char          *iso);

G_END_DECLS
