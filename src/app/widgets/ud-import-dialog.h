/* ud-import-dialog.h — importing a roster of any kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-import.h"

G_BEGIN_DECLS

#define UD_TYPE_IMPORT_DIALOG (ud_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UdImportDialog, ud_import_dialog, UD, IMPORT_DIALOG, AdwWindow)

/* Imports a roster of @kind (UD_KIND_ROSTER: members, units …): choose
 * the file, preview it, see what it would change in records already here,
 * field by field (old → new), keep the values here per field or per
 * record, import exactly that, see the result.  Emits ::imported and the
 * worker's "records-changed" (@kind) after an import. */
UdImportDialog       *ud_import_dialog_new        (UdDbWorker     *worker,
                                                   const UdKind   *kind);
/* Reads @file on a thread and shows the preview ("preview" page), or
 * the reason it cannot be read ("choose" page with a message). */
void                  ud_import_dialog_load_file  (UdImportDialog *self,
                                                   GFile          *file);
/* From the preview: checks the file against the records here on a thread
 * ("importing"), then shows what it would change ("changes"), or imports
 * it at once when it changes no record already here.  From "changes":
 * imports the file with the values the person kept ("importing", then
 * "result").  FALSE when there is no file to import. */
gboolean              ud_import_dialog_run        (UdImportDialog *self);
/* Stops a running import; nothing is imported. */
void                  ud_import_dialog_cancel     (UdImportDialog *self);
/* Writes the rejected rows to @file (CSV) on a thread. */
void                  ud_import_dialog_save_rejected (UdImportDialog *self,
                                                      GFile          *file);
/* "choose", "reading", "preview", "importing", "changes" or "result". */
const char           *ud_import_dialog_get_page   (UdImportDialog *self);
/* The report of the finished import, or NULL. */
const UdImportReport *ud_import_dialog_get_report (UdImportDialog *self);

G_END_DECLS
