/* ud-db-worker.h — the one thread that talks to the office database
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-account.h"
#include "ud-database.h"
#include "ud-permission.h"
#include "ud-record.h"

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
/* Whether the office has any account (one set up before accounts
 * existed needs its administrator first). */
gboolean     ud_db_worker_has_accounts    (UdDbWorker          *self);
const char  *ud_db_worker_get_district    (UdDbWorker          *self);
const char  *ud_db_worker_get_office_name (UdDbWorker          *self);
const char * const *ud_db_worker_get_warnings (UdDbWorker   *self);

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

/* Jobs for ud_db_worker_run_async() on the office number: reading it, and
 * writing @data (a number ud_database_check_office_number() normalized).
 * Both answer the number stored; free it with g_free(). */
gpointer     ud_db_worker_office_number_job     (UdDatabase   *db,
                                                 gpointer      data,
                                                 GCancellable *cancellable,
                                                 GError      **error);
gpointer     ud_db_worker_set_office_number_job (UdDatabase   *db,
                                                 gpointer      data,
                                                 GCancellable *cancellable,
                                                 GError      **error);

/* The first run: the office and its administrator, who is then signed
 * in. */
void         ud_db_worker_initialize_office_async  (UdDbWorker          *self,
                                                    const char          *district,
                                                    const char          *office_name,
                                                    const char          *admin_username,
                                                    const char          *admin_display_name,
                                                    const char          *admin_password,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean     ud_db_worker_initialize_office_finish (UdDbWorker          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Who is signed in (main thread).  The app requires sign-in: until
 * someone signs in, every job that needs a permission is refused by the
 * core.  Every job, and every connection from
 * ud_db_worker_open_connection(), acts as the signed-in account.
 * "notify::session" tells when it changes. */
UdSession   *ud_db_worker_get_session     (UdDbWorker          *self);
/* Whether the signed-in account may do @permission, for showing or hiding
 * buttons; the core checks again. */
gboolean     ud_db_worker_may             (UdDbWorker          *self,
                                           UdPermission         permission);

/* Checks the password on the worker thread (it takes about 70 ms) and
 * signs in; wrong passwords, locks and disabled accounts come back as
 * UD_ACCOUNT_ERROR with a message for the person at the keyboard. */
void         ud_db_worker_sign_in_async   (UdDbWorker          *self,
                                           const char          *username,
                                           const char          *password,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean     ud_db_worker_sign_in_finish  (UdDbWorker          *self,
                                           GAsyncResult        *result,
                                           GError             **error);
/* Records the sign-out; afterwards nobody is signed in. */
void         ud_db_worker_sign_out_async  (UdDbWorker          *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean     ud_db_worker_sign_out_finish (UdDbWorker          *self,
                                           GAsyncResult        *result,
                                           GError             **error);
/* The signed-in user changes their own password. */
void         ud_db_worker_change_password_async  (UdDbWorker          *self,
                                                  const char          *old_password,
                                                  const char          *new_password,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean     ud_db_worker_change_password_finish (UdDbWorker          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* "records-changed" (kind, or NULL for any): records were written by
 * something other than the widget that shows them (a sync pull, a
 * resolved conflict); lists and forms showing that kind read it again.
 * Main thread. */
void         ud_db_worker_notify_records_changed (UdDbWorker   *self,
                                                  const char   *kind);
/* Whether a "records-changed" of @changed concerns @kind. */
gboolean     ud_db_worker_kind_changed           (const char   *kind,
                                                  const char   *changed);

/* A connection of its own for long work (import, export), with the same
 * actor; call it on the thread that does the work. */
UdDatabase  *ud_db_worker_open_connection (UdDbWorker          *self,
                                           GError             **error);

/* Saves @record with @save (a store's save: ud_member_store_save(),
 * ud_illness_store_save() ...) as a worker job. */
typedef gboolean (*UdRecordSaveFunc) (UdDatabase *db,
                                      UdRecord   *record,
                                      GPtrArray  *issues,
                                      GError    **error);
void        ud_db_worker_save_record_async  (UdDbWorker          *self,
                                             UdRecordSaveFunc     save,
                                             UdRecord            *record,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* The record as written.  NULL with @error unset when the core refused
 * the fields: @issues then says why, field by field (a form shows them
 * at the fields).  NULL with @error set for any other failure. */
UdRecord   *ud_db_worker_save_record_finish (GAsyncResult        *result,
                                             GPtrArray          **issues,
                                             GError             **error);

G_END_DECLS
