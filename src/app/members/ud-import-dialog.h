/* ud-import-dialog.h — importing a member roster
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

UdImportDialog       *ud_import_dialog_new        (UdDbWorker     *worker);
/* Reads @file on a thread and shows the preview ("preview" page), or
 * the reason it cannot be read ("choose" page with a message). */
void                  ud_import_dialog_load_file  (UdImportDialog *self,
                                                   GFile          *file);
/* Imports the previewed file on a thread ("importing", then "result");
 * FALSE when there is no file to import. */
gboolean              ud_import_dialog_run        (UdImportDialog *self);
/* Stops a running import; nothing is imported. */
void                  ud_import_dialog_cancel     (UdImportDialog *self);
/* Writes the rejected rows to @file (CSV) on a thread. */
void                  ud_import_dialog_save_rejected (UdImportDialog *self,
                                                      GFile          *file);
/* "choose", "reading", "preview", "importing" or "result". */
const char           *ud_import_dialog_get_page   (UdImportDialog *self);
/* The report of the finished import, or NULL. */
const UdImportReport *ud_import_dialog_get_report (UdImportDialog *self);

G_END_DECLS
