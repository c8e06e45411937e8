/* ud-db-worker.h — the one thread that talks to the office database
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-database.h"

G_BEGIN_DECLS

#define UD_TYPE_DB_WORKER (ud_db_worker_get_type ())
G_DECLARE_FINAL_TYPE (UdDbWorker, ud_db_worker, UD, DB_WORKER, GObject)

/* A job runs on the worker thread with the worker's connection.  It
 * returns its result (freed with the result_free given to
 * ud_db_worker_run_async() when nobody takes it) or sets @error.  A job
 * that has nothing to return returns GINT_TO_POINTER (TRUE). */
typedef gpointer (*UdDbJobFunc) (UdDatabase   *db,
                                 gpointer      data,
                                 GCancellable *cancellable,
                                 GError      **error);

/* Opens (creating and migrating) the database at @path on a thread. */
void         ud_db_worker_open_async      (const char          *path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
UdDbWorker  *ud_db_worker_open_finish     (GAsyncResult        *result,
                                           GError             **error);

/* Takes over @db, which no other thread may use from now on. */
UdDbWorker  *ud_db_worker_new             (UdDatabase          *db);

/* Where the database lives: import and export open their own connection. */
const char  *ud_db_worker_get_path        (UdDbWorker          *self);

/* The office identity, as read when the database was opened. */
gboolean     ud_db_worker_is_initialized  (UdDbWorker          *self);
const char  *ud_db_worker_get_district    (UdDbWorker          *self);
const char  *ud_db_worker_get_office_name (UdDbWorker          *self);

/* Jobs run one at a time, in the order they were queued. */
void         ud_db_worker_run_async       (UdDbWorker          *self,
                                           UdDbJobFunc          func,
                                           gpointer             data,
                                           GDestroyNotify       data_free,
                                           GDestroyNotify       result_free,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gpointer     ud_db_worker_run_finish      (GAsyncResult        *result,
                                           GError             **error);

void         ud_db_worker_initialize_office_async  (UdDbWorker          *self,
                                                    const char          *district,
                                                    const char          *office_name,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean     ud_db_worker_initialize_office_finish (UdDbWorker          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* A connection of its own for long work (import, export), with the same
 * actor; call it on the thread that does the work. */
UdDatabase  *ud_db_worker_open_connection (UdDbWorker          *self,
                                           GError             **error);

G_END_DECLS
