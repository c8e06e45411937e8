/* ud-print-preview.h — the print preview of a relief application's approval form
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

/* Another document, such as a batch of certificates: @build makes it on
 * the worker from @key (a record's uuid, a list of them …), with the
 * records it prints (UdRecord, for @audit), the window's subtitle and the
 * file name Save as PDF… offers; @title, translated, heads the window;
 * @audit records each print and save in
 * the audit trail (a save whose record fails is removed). */
typedef UdDocument *(*UdPrintBuildFunc) (UdDatabase  *db,
                                         const char  *key,
                                         GPtrArray  **records,
                                         char       **subtitle,
                                         char       **file_name,
                                         GError     **error);
typedef gboolean    (*UdPrintAuditFunc) (UdDatabase  *db,
                                         GPtrArray   *records,
                                         const char  *destination,
                                         GError     **error);

UdPrintPreview *ud_print_preview_new_for        (UdDbWorker       *worker,
                                                 const char       *title,
                                                 UdPrintBuildFunc  build,
                                                 UdPrintAuditFunc  audit,
                                                 const char       *key);

G_END_DECLS
