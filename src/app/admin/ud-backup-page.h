/* ud-backup-page.h — the Backups page of the preferences
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"

G_BEGIN_DECLS

#define UD_TYPE_BACKUP_PAGE (ud_backup_page_get_type ())
G_DECLARE_FINAL_TYPE (UdBackupPage, ud_backup_page, UD, BACKUP_PAGE, AdwPreferencesPage)

GtkWidget  *ud_backup_page_new          (UdDbWorker   *worker);
/* The folder backups go to: the "backup-folder" setting, or the default
 * one when it is empty. */
char       *ud_backup_page_dup_folder   (GSettings    *settings);
/* What Back Up Now and Check do. */
void        ud_backup_page_back_up_now  (UdBackupPage *self);
void        ud_backup_page_check        (UdBackupPage *self);
/* TRUE while a backup, a check or the list is being done. */
gboolean    ud_backup_page_get_busy     (UdBackupPage *self);
/* The backups listed (UdBackupInfo), newest first. */
GPtrArray  *ud_backup_page_get_backups  (UdBackupPage *self);
/* The last result shown in the integrity row. */
const char *ud_backup_page_get_check_result (UdBackupPage *self);

G_END_DECLS
