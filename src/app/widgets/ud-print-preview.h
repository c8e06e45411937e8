/* ud-print-preview.h — the print preview of a document: a relief application's approval form, or any other
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

/* Any document of the documents engine, the same window: @build makes it
 * on the worker from @key (a record's uuid, a date …), gives in *@records
 * (a new array of UdRecord, may be left NULL) the records whose personal
 * data it carries and in *@name what the print job is called and the
 * window's subtitle (a serial number; may be left NULL); Save as PDF
 * suggests the document's title, its spaces as "-", with ".pdf".  @audit records a print or a
 * saved file at @destination; NULL: under each of @records with
 * ud_database_audit_print(), the document's title and destination. */
typedef struct
{
  const char  *title;   /* N_(): the heading; NULL: "Approval Form" */
  UdDocument *(*build) (UdDatabase   *db,
                        const char   *key,
                        GPtrArray   **records,
                        char        **name,
                        GError      **error);
  gboolean    (*audit) (UdDatabase   *db,
                        GPtrArray    *records,
                        UdDocument   *document,
                        const char   *destination,
                        GError      **error);
} UdPrintSource;

/* @source is static: the window keeps it. */
UdPrintPreview *ud_print_preview_new_for_source (UdDbWorker          *worker,
                                                 const UdPrintSource *source,
                                                 const char          *key);

G_END_DECLS
