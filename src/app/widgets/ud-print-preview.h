/* ud-print-preview.h — the print preview of a form: the relief approval form, or any document
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-document.h"

G_BEGIN_DECLS

#define UD_TYPE_PRINT_PREVIEW (ud_print_preview_get_type ())
G_DECLARE_FINAL_TYPE (UdPrintPreview, ud_print_preview, UD, PRINT_PREVIEW, AdwWindow)

/* The preview of the 重大疾病救助审批表 of one serious-illness relief
 * application.
 *
 * @application_uuid is the application's record uuid (UdRecord.uuid),
 * not its serial number: the uuid never changes, while the serial of a
 * draft is given anew when its application date moves to another fund
 * year.  (ud_illness_store_find() accepts both, so a serial works too,
 * but pass the uuid.)
 *
 * The window builds the form on @worker (reading the database as the
 * signed-in account), renders it with Poppler and offers Print… (the
 * system print dialog, drawing the same document) and Save as PDF….
 * Both are recorded in the audit trail.  The caller sets transient-for
 * and presents the window; an application that cannot be read shows its
 * reason in the window. */
UdPrintPreview *ud_print_preview_new            (UdDbWorker     *worker,
                                                 const char     *application_uuid);

/* Any other document: what a UdPrintFormFunc makes on the worker.  Every
 * print and every saved PDF is recorded in the audit trail under each of
 * @records (the records whose personal data it carries). */
typedef struct
{
  UdDocument *document;
  GPtrArray  *records;      /* UdRecord */
  char       *title;        /* the window's title, in the reader's language */
  char       *subtitle;     /* the window's subtitle and the print job's name */
  char       *file_name;    /* what Save as PDF offers */
} UdPrintForm;

void            ud_print_form_free              (UdPrintForm    *form);

/* Runs on the worker: the document, or NULL with @error (shown instead of
 * the pages). */
typedef UdPrintForm *(*UdPrintFormFunc)         (UdDatabase     *db,
                                                 gpointer        data,
                                                 GError        **error);

/* The preview of what @build makes of @data (freed with @data_free). */
UdPrintPreview *ud_print_preview_new_for_form   (UdDbWorker     *worker,
                                                 UdPrintFormFunc build,
                                                 gpointer        data,
                                                 GDestroyNotify  data_free);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdPrintForm, ud_print_form_free)

G_END_DECLS
