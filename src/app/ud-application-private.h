/* ud-application-private.h — what the application's files share
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-application.h"
#include "ud-db-worker.h"

G_BEGIN_DECLS

struct _UdApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  char           *db_path;
  UdDbWorker     *worker;
  GCancellable   *cancellable;
  char           *backup_failure;   /* for the main window, when it opens */
  gulong          window_added_id;
  gboolean        opening;
  gboolean        restoring;
};

/* ud-application.c */
void _ud_application_open_done         (GObject       *object,
                                        GAsyncResult  *result,
                                        gpointer       user_data);

/* ud-application-backup.c */
void _ud_application_start_auto_backup (UdApplication *self);

G_END_DECLS
