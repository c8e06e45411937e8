/* ud-application.h — the UnionDesk application
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define UD_TYPE_APPLICATION (ud_application_get_type ())
G_DECLARE_FINAL_TYPE (UdApplication, ud_application, UD, APPLICATION, AdwApplication)

UdApplication *ud_application_new (void);

/* Replaces the office database with the backup at @path: every window
 * closes, the database is closed, restored on a thread and opened again,
 * and the sign-in comes back with the outcome.  Needs
 * UD_PERMISSION_BACKUP_RESTORE. */
void           ud_application_restore_backup (UdApplication *self,
                                              const char    *path);

G_END_DECLS
