/* ud-db-worker.c — the one thread that talks to the office database
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-db-worker"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-db-worker.h"
#include "ud-record-store.h"
#include "ud-secret.h"

/* SQLite connections must not be shared between threads, and the main
 * thread must never wait for SQL.  So the connection lives on one worker
 * thread (a thread pool of one) and everything the windows want from the
 * database is queued there as a job; the answer comes back through a GTask
 * on the main context.  Tasks hold the connection, not the worker, so the
 * worker is always finalized on the main thread.
 */

typedef struct
{
  gatomicrefcount  ref_count;
  UdDatabase      *db;
  gint             closing;  /* atomic */
} Connection;

typedef struct
{
  Connection     *connection;
  UdDbJobFunc     func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
} Job;

struct _UdDbWorker
{
  GObject      parent_instance;

  /* Owned */
  Connection  *connection;
  GThreadPool *pool;
  char        *path;
  char        *district;
  char        *office_name;
  char       **warnings;     /* what opening found: ud_database_get_warnings () */
  gboolean     initialized;
  gboolean     has_accounts;
  gboolean     filling;      /* a fill of the kinds' indexes is queued */

  /* The signed-in account; read by other threads in open_connection(). */
  GMutex       session_lock;
  UdSession   *session;
};

G_DEFINE_FINAL_TYPE (UdDbWorker, ud_db_worker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OFFICE_NAME,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RECORDS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static Connection *
connection_new (UdDatabase *db)
{
  Connection *connection = g_new0 (Connection, 1);

  g_atomic_ref_count_init (&connection->ref_count);
  connection->db = db;

  return connection;
}

static Connection *
connection_ref (Connection *connection)
{
  g_atomic_ref_count_inc (&connection->ref_count);
  return connection;
}

static void
connection_unref (Connection *connection)
{
  if (g_atomic_ref_count_dec (&connection->ref_count))
    {
      g_clear_object (&connection->db);
      g_free (connection);
    }
}

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_clear_pointer (&job->connection, connection_unref);
  g_free (job);
}

static void
ud_db_worker_thread (gpointer data,
                     gpointer user_data)
{
  g_autoptr(GTask) task = data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer result;

  if (g_atomic_int_get (&job->connection->closing))
    {
      g_clear_pointer (&job->connection, connection_unref);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("The database is being closed."));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_pointer (&job->connection, connection_unref);
      return;
    }

  result = job->func (job->connection->db, job->data,
                      g_task_get_cancellable (task), &error);
  /* The job is done with the connection: a worker dropped meanwhile
   * closes the database (and lets go of its lock) now, not once the
   * main context has run this job's callback. */
  g_clear_pointer (&job->connection, connection_unref);

  if (error != NULL)
    {
      if (result != NULL && job->result_free != NULL)
        job->result_free (result);
      g_task_return_error (task, error);
    }
  else
    {
      g_task_return_pointer (task, result, job->result_free);
    }
}

static char *
current_actor (void)
{
  const char *user = g_get_user_name ();

  return g_strdup (user != NULL ? user : "uniondesk");
}

typedef struct
{
  UdDatabase *db;
  char       *district;
  char       *office_name;
  gboolean    initialized;
  gboolean    has_accounts;
} OpenResult;

static void
open_result_free (gpointer data)
{
  OpenResult *result = data;

  g_clear_object (&result->db);
  g_free (result->district);
  g_free (result->office_name);
  g_free (result);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *actor = current_actor ();
  g_autoptr(GError) error = NULL;
  OpenResult *result;
  UdDatabase *db;

  db = ud_database_open (path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ud_database_set_actor (db, actor);
  ud_database_set_sign_in_required (db, TRUE);

  result = g_new0 (OpenResult, 1);
  result->db = db;
  result->initialized = ud_database_is_initialized (db);
  result->has_accounts = ud_account_count (db) > 0;
  if (result->initialized)
    {
      result->district = g_strdup (ud_database_get_district (db));
      result->office_name = g_strdup (ud_database_get_office_name (db));
    }

  g_task_return_pointer (task, result, open_result_free);
}

typedef struct
{
  char *district;
  char *office_name;
  char *admin_username;
  char *admin_display_name;
  char *admin_password;
} OfficeData;

static void
office_data_free (gpointer data)
{
  OfficeData *office = data;

  g_free (office->district);
  g_free (office->office_name);
  g_free (office->admin_username);
  g_free (office->admin_display_name);
  ud_secret_free (office->admin_password);
  g_free (office);
}

static OfficeData *
office_data_new (const char *district,
                 const char *office_name,
                 const char *admin_username,
                 const char *admin_display_name,
                 const char *admin_password)
{
  OfficeData *office = g_new0 (OfficeData, 1);

  office->district = g_strdup (district);
  office->office_name = g_strdup (office_name);
  office->admin_username = g_strdup (admin_username);
  office->admin_display_name = g_strdup (admin_display_name);
  office->admin_password = g_strdup (admin_password);

  return office;
}

static void
set_session (UdDbWorker *self,
             UdSession  *session)
{
  g_mutex_lock (&self->session_lock);
  if (self->session == session)
    {
      g_mutex_unlock (&self->session_lock);
      return;
    }
  g_clear_pointer (&self->session, ud_session_unref);
  if (session != NULL)
    self->session = ud_session_ref (session);
  g_mutex_unlock (&self->session_lock);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static gboolean
boolean_task_finish (UdDbWorker    *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (UD_IS_DB_WORKER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gpointer
rename_office_job (UdDatabase   *db,
                   gpointer      data,
                   GCancellable *cancellable,
                   GError      **error)
{
  OfficeData *office = data;

  if (!ud_database_initialize_office (db, office->district, office->office_name, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

/* Checks the password and makes the account the connection's actor;
 * answers its session. */
static UdSession *
sign_in (UdDatabase  *db,
         const char  *username,
         const char  *password,
         GError     **error)
{
  UdSession *session = ud_account_authenticate (db, username, password, error);

  if (session != NULL)
    ud_database_set_session (db, session);

  return session;
}

/* Answers the administrator's session. */
static gpointer
initialize_office_job (UdDatabase   *db,
                       gpointer      data,
                       GCancellable *cancellable,
                       GError      **error)
{
  OfficeData *office = data;

  /* An office set up before accounts existed only needs its
   * administrator. */
  if (ud_database_is_initialized (db) &&
      g_strcmp0 (ud_database_get_district (db), office->district) == 0)
    {
      if (!ud_account_create (db, office->admin_username, office->admin_display_name,
                              UD_ROLE_ADMIN, office->admin_password, error))
        return NULL;
      if (g_strcmp0 (ud_database_get_office_name (db), office->office_name) != 0)
        {
          g_autoptr(UdSession) admin = sign_in (db, office->admin_username,
                                                 office->admin_password, error);

          if (admin == NULL ||
              !ud_database_initialize_office (db, office->district, office->office_name, error))
            return NULL;
        }
    }
  else if (!ud_account_initialize_office (db, office->district, office->office_name,
                                          office->admin_username, office->admin_display_name,
                                          office->admin_password, error))
    {
      return NULL;
    }

  return sign_in (db, office->admin_username, office->admin_password, error);
}

static void
initialize_office_done (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UdDbWorker *self = g_task_get_source_object (task);
  OfficeData *office = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer answer;

  answer = ud_db_worker_run_finish (result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (office->admin_username != NULL)
    {
      self->has_accounts = TRUE;
      set_session (self, answer);
      ud_session_unref (answer);
    }

  self->initialized = TRUE;
  g_free (self->district);
  self->district = g_strdup (office->district);
  g_free (self->office_name);
  self->office_name = g_strdup (office->office_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFICE_NAME]);

  g_task_return_boolean (task, TRUE);
}

static void
ud_db_worker_finalize (GObject *object)
{
  UdDbWorker *self = (UdDbWorker *)object;

  /* Queued jobs see the flag and return at once; the running one ends. */
  g_atomic_int_set (&self->connection->closing, TRUE);
  g_thread_pool_free (self->pool, FALSE, TRUE);

  g_clear_pointer (&self->connection, connection_unref);
  g_clear_pointer (&self->session, ud_session_unref);
  g_mutex_clear (&self->session_lock);
  g_free (self->path);
  g_free (self->district);
  g_free (self->office_name);
  g_strfreev (self->warnings);

  G_OBJECT_CLASS (ud_db_worker_parent_class)->finalize (object);
}

static void
ud_db_worker_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  UdDbWorker *self = UD_DB_WORKER (object);

  switch (prop_id)
    {
    case PROP_OFFICE_NAME:
      g_value_set_string (value, self->office_name);
      break;

    case PROP_SESSION:
      g_value_set_boxed (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_db_worker_class_init (UdDbWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ud_db_worker_finalize;
  object_class->get_property = ud_db_worker_get_property;

  properties[PROP_OFFICE_NAME] =
    g_param_spec_string ("office-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SESSION] =
    g_param_spec_boxed ("session", NULL, NULL,
                        UD_TYPE_SESSION,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UdDbWorker::records-changed:
   * @kind: (nullable): the kind's name ("member", "illness_application"…),
   *   or %NULL when records of any kind may have changed (a sync pull)
   *
   * Records were written by something other than the widget showing
   * them: every list and form on screen that shows @kind reads it again.
   */
  signals[RECORDS_CHANGED] =
    g_signal_new ("records-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ud_db_worker_init (UdDbWorker *self)
{
  /* One thread: jobs run one after the other, in order. */
  self->pool = g_thread_pool_new (ud_db_worker_thread, NULL, 1, FALSE, NULL);
  g_mutex_init (&self->session_lock);
}

/* Records a big import added wait for the kinds' own indexes (the member
 * search finds them meanwhile, ranked the same): they are indexed here, a
 * slice at a time, each slice a job of its own, so that what the person
 * asks for waits a fraction of a second at most. */
#define FILL_SLICE 20000

static void fill_indexes (UdDbWorker *self);

static gpointer
fill_job (UdDatabase    *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  guint64 *left = g_new0 (guint64, 1);

  if (!ud_record_store_fill_indexes (db, FILL_SLICE, left, cancellable, error))
    {
      g_free (left);
      return NULL;
    }
  return left;
}

static void
weak_ref_free (GWeakRef *weak)
{
  g_weak_ref_clear (weak);
  g_free (weak);
}

static void
fill_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(UdDbWorker) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  g_autofree guint64 *left = ud_db_worker_run_finish (result, &error);

  weak_ref_free (weak);
  /* The worker was dropped: its database is closed, or closing. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->filling = FALSE;
  /* Searches stay right without it, only slower: the next change tries
   * again. */
  if (left == NULL)
    g_warning ("%s", error->message);
  else if (*left > 0)
    fill_indexes (self);
}

/* The job does not keep the worker alive: whoever drops the worker
 * expects its database closed, and its lock let go, at once (the
 * application opening it again after a restore, a test after preparing
 * an office). */
static void
fill_indexes (UdDbWorker *self)
{
  GWeakRef *weak;

  if (self->filling)
    return;
  self->filling = TRUE;
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  ud_db_worker_run_async (self, fill_job, NULL, NULL, g_free, NULL, fill_done, weak);
}

static UdDbWorker *
ud_db_worker_new_internal (UdDatabase *db,
                           gboolean    has_accounts,
                           gboolean    initialized,
                           const char *district,
                           const char *office_name)
{
  UdDbWorker *self = g_object_new (UD_TYPE_DB_WORKER, NULL);
  GPtrArray *warnings;

  self->connection = connection_new (db);
  self->path = g_strdup (ud_database_get_path (db));
  self->has_accounts = has_accounts;
  self->initialized = initialized;
  self->district = g_strdup (district);
  self->office_name = g_strdup (office_name);
  /* Written once while opening, read-only since. */
  warnings = ud_database_get_warnings (db);
  self->warnings = g_new0 (char *, warnings->len + 1);
  for (guint i = 0; i < warnings->len; i++)
    self->warnings[i] = g_strdup (g_ptr_array_index (warnings, i));

  /* What an import (or a program stopped midway) left to index. */
  fill_indexes (self);

  return self;
}

/**
 * ud_db_worker_new:
 * @db: (transfer full): an open database
 *
 * Returns: (transfer full): a worker that owns @db
 */
UdDbWorker *
ud_db_worker_new (UdDatabase *db)
{
  g_autofree char *actor = NULL;
  gboolean initialized;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  actor = current_actor ();
  ud_database_set_actor (db, actor);
  ud_database_set_sign_in_required (db, TRUE);
  initialized = ud_database_is_initialized (db);

  return ud_db_worker_new_internal (db, ud_account_count (db) > 0, initialized,
                                    initialized ? ud_database_get_district (db) : NULL,
                                    initialized ? ud_database_get_office_name (db) : NULL);
}

void
ud_db_worker_open_async (const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ud_db_worker_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * ud_db_worker_open_finish:
 *
 * Returns: (transfer full): the worker, or %NULL with @error set
 */
UdDbWorker *
ud_db_worker_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  OpenResult *open;
  UdDbWorker *self;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ud_db_worker_open_async, NULL);

  open = g_task_propagate_pointer (G_TASK (result), error);
  if (open == NULL)
    return NULL;

  self = ud_db_worker_new_internal (g_steal_pointer (&open->db), open->has_accounts,
                                    open->initialized,
                                    open->district, open->office_name);
  open_result_free (open);

  return self;
}

const char *
ud_db_worker_get_path (UdDbWorker *self)
{
  g_return_val_if_fail (UD_IS_DB_WORKER (self), NULL);

  return self->path;
}

gboolean
ud_db_worker_is_initialized (UdDbWorker *self)
{
  g_return_val_if_fail (UD_IS_DB_WORKER (self), FALSE);

  return self->initialized;
}

gboolean
ud_db_worker_has_accounts (UdDbWorker *self)
{
  g_return_val_if_fail (UD_IS_DB_WORKER (self), FALSE);

  return self->has_accounts;
}

const char *
ud_db_worker_get_district (UdDbWorker *self)
{
  g_return_val_if_fail (UD_IS_DB_WORKER (self), NULL);

  return self->district;
}

const char *
ud_db_worker_get_office_name (UdDbWorker *self)
{
  g_return_val_if_fail (UD_IS_DB_WORKER (self), NULL);

  return self->office_name;
}

void
ud_db_worker_run_async (UdDbWorker          *self,
                        UdDbJobFunc          func,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (UD_IS_DB_WORKER (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->connection = connection_ref (self->connection);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  /* No source object: see the comment at the top. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ud_db_worker_run_async);
  g_task_set_task_data (task, job, job_free);

  g_thread_pool_push (self->pool, task, NULL);
}

/**
 * ud_db_worker_run_finish:
 *
 * Needs no worker, so that a callback can tell a cancelled job (whose
 * widget may be gone) before it touches anything.
 *
 * Returns: (transfer full) (nullable): what the job returned; %NULL with
 *   @error set when it failed or was cancelled
 */
gpointer
ud_db_worker_run_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ud_db_worker_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
ud_db_worker_office_number_job (UdDatabase   *db,
                                gpointer      data,
                                GCancellable *cancellable,
                                GError      **error)
{
  return ud_database_get_office_number (db);
}

gpointer
ud_db_worker_set_office_number_job (UdDatabase   *db,
                                    gpointer      data,
                                    GCancellable *cancellable,
                                    GError      **error)
{
  if (!ud_database_set_office_number (db, data, error))
    return NULL;

  return ud_database_get_office_number (db);
}

void
ud_db_worker_initialize_office_async (UdDbWorker          *self,
                                      const char          *district,
                                      const char          *office_name,
                                      const char          *admin_username,
                                      const char          *admin_display_name,
                                      const char          *admin_password,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (UD_IS_DB_WORKER (self));
  g_return_if_fail (district != NULL);
  g_return_if_fail (office_name != NULL);
  g_return_if_fail (admin_username == NULL || admin_password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ud_db_worker_initialize_office_async);
  /* The password stays with the job only. */
  g_task_set_task_data (task,
                        office_data_new (district, office_name, admin_username, NULL, NULL),
                        office_data_free);

  ud_db_worker_run_async (self,
                          admin_username != NULL ? initialize_office_job : rename_office_job,
                          office_data_new (district, office_name, admin_username,
                                           admin_display_name, admin_password),
                          office_data_free,
                          admin_username != NULL ? (GDestroyNotify) ud_session_unref : NULL,
                          cancellable, initialize_office_done, task);
}

gboolean
ud_db_worker_initialize_office_finish (UdDbWorker    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return boolean_task_finish (self, result, error);
}

/**
 * ud_db_worker_open_connection:
 *
 * Returns: (transfer full): a new connection to the worker's database
 */
UdDatabase *
ud_db_worker_open_connection (UdDbWorker  *self,
                              GError     **error)
{
  g_autofree char *actor = NULL;
  UdDatabase *db;

  g_return_val_if_fail (UD_IS_DB_WORKER (self), NULL);

  db = ud_database_open (self->path, error);
  if (db == NULL)
    return NULL;

  actor = current_actor ();
  ud_database_set_actor (db, actor);
  ud_database_set_sign_in_required (db, TRUE);
  g_mutex_lock (&self->session_lock);
  ud_database_set_session (db, self->session);
  g_mutex_unlock (&self->session_lock);

  return db;
}

/**
 * ud_db_worker_get_warnings:
 *
 * Returns: (transfer none): what opening the database found and mended
 *   (see ud_database_get_warnings()), an empty array when all was well
 */
const char * const *
ud_db_worker_get_warnings (UdDbWorker *self)
{
  g_return_val_if_fail (UD_IS_DB_WORKER (self), NULL);

  return (const char * const *) self->warnings;
}

UdSession *
ud_db_worker_get_session (UdDbWorker *self)
{
  g_return_val_if_fail (UD_IS_DB_WORKER (self), NULL);

  return self->session;
}

gboolean
ud_db_worker_may (UdDbWorker   *self,
                  UdPermission  permission)
{
  g_return_val_if_fail (UD_IS_DB_WORKER (self), FALSE);

  return self->session != NULL && ud_session_has_permission (self->session, permission);
}

/**
 * ud_db_worker_notify_records_changed:
 * @kind: (nullable): the kind's name, or %NULL for any kind
 *
 * Emits "records-changed" (main thread).
 */
void
ud_db_worker_notify_records_changed (UdDbWorker *self,
                                     const char *kind)
{
  g_return_if_fail (UD_IS_DB_WORKER (self));

  /* A big import leaves its records to be indexed after it. */
  fill_indexes (self);
  g_signal_emit (self, signals[RECORDS_CHANGED], 0, kind);
}

/**
 * ud_db_worker_kind_changed:
 * @kind: the kind a widget shows
 * @changed: (nullable): the kind of "records-changed"
 *
 * Whether a "records-changed" of @changed concerns a widget showing @kind.
 */
gboolean
ud_db_worker_kind_changed (const char *kind,
                           const char *changed)
{
  return changed == NULL || g_strcmp0 (kind, changed) == 0;
}

typedef struct
{
  char *username;
  char *old_password;
  char *password;
} Credentials;

static void
credentials_free (gpointer data)
{
  Credentials *credentials = data;

  g_free (credentials->username);
  ud_secret_free (credentials->old_password);
  ud_secret_free (credentials->password);
  g_free (credentials);
}

static gpointer
sign_in_job (UdDatabase   *db,
             gpointer      data,
             GCancellable *cancellable,
             GError      **error)
{
  Credentials *credentials = data;

  return sign_in (db, credentials->username, credentials->password, error);
}

static void
session_job_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UdDbWorker *self = g_task_get_source_object (task);
  GError *error = NULL;
  gpointer answer;

  answer = ud_db_worker_run_finish (result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A sign-in answers the session, a sign-out TRUE. */
  if (g_task_get_source_tag (task) == ud_db_worker_sign_in_async)
    {
      set_session (self, answer);
      ud_session_unref (answer);
    }
  else if (g_task_get_source_tag (task) == ud_db_worker_sign_out_async)
    {
      set_session (self, NULL);
    }

  g_task_return_boolean (task, TRUE);
}

void
ud_db_worker_sign_in_async (UdDbWorker          *self,
                            const char          *username,
                            const char          *password,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Credentials *credentials;

  g_return_if_fail (UD_IS_DB_WORKER (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ud_db_worker_sign_in_async);

  credentials = g_new0 (Credentials, 1);
  credentials->username = g_strdup (username);
  credentials->password = g_strdup (password);

  ud_db_worker_run_async (self, sign_in_job, credentials, credentials_free,
                          (GDestroyNotify) ud_session_unref,
                          cancellable, session_job_done, task);
}

gboolean
ud_db_worker_sign_in_finish (UdDbWorker    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return boolean_task_finish (self, result, error);
}

static gpointer
sign_out_job (UdDatabase   *db,
              gpointer      data,
              GCancellable *cancellable,
              GError      **error)
{
  if (!ud_account_sign_out (db, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

void
ud_db_worker_sign_out_async (UdDbWorker          *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (UD_IS_DB_WORKER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ud_db_worker_sign_out_async);

  ud_db_worker_run_async (self, sign_out_job, NULL, NULL, NULL,
                          cancellable, session_job_done, task);
}

gboolean
ud_db_worker_sign_out_finish (UdDbWorker    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return boolean_task_finish (self, result, error);
}

static gpointer
change_password_job (UdDatabase   *db,
                     gpointer      data,
                     GCancellable *cancellable,
                     GError      **error)
{
  Credentials *credentials = data;

  if (!ud_account_change_password (db, credentials->username, credentials->old_password,
                                   credentials->password, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

void
ud_db_worker_change_password_async (UdDbWorker          *self,
                                    const char          *old_password,
                                    const char          *new_password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  Credentials *credentials;

  g_return_if_fail (UD_IS_DB_WORKER (self));
  g_return_if_fail (self->session != NULL);
  g_return_if_fail (old_password != NULL);
  g_return_if_fail (new_password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ud_db_worker_change_password_async);

  credentials = g_new0 (Credentials, 1);
  credentials->username = g_strdup (ud_session_get_username (self->session));
  credentials->old_password = g_strdup (old_password);
  credentials->password = g_strdup (new_password);

  ud_db_worker_run_async (self, change_password_job, credentials, credentials_free, NULL,
                          cancellable, session_job_done, task);
}

gboolean
ud_db_worker_change_password_finish (UdDbWorker    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return boolean_task_finish (self, result, error);
}

/* Saving a record ---------------------------------------------------------- */

typedef struct
{
  UdRecordSaveFunc  save;
  UdRecord         *record;
  GPtrArray        *issues;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_pointer (&save->record, ud_record_unref);
  g_clear_pointer (&save->issues, g_ptr_array_unref);
  g_free (save);
}

static gpointer
save_job (UdDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  SaveData *save = data;
  SaveData *answer = g_new0 (SaveData, 1);

  answer->record = ud_record_ref (save->record);
  answer->issues = ud_issue_list_new ();
  if (!save->save (db, answer->record, answer->issues, error))
    {
      /* Refused for its fields (the store's issues say which): not a
       * failure of the job, the form points at them. */
      for (guint i = 0; i < answer->issues->len; i++)
        if (!((UdIssue *)g_ptr_array_index (answer->issues, i))->warning)
          {
            g_clear_error (error);
            g_clear_pointer (&answer->record, ud_record_unref);
            return answer;
          }
      save_data_free (answer);
      return NULL;
    }

  return answer;
}

typedef struct
{
  UdDbWorker *worker;
  GTask      *task;
} SaveRequest;

/* A record written is news for every list and form showing its kind:
 * said before the caller hears of it. */
static void
save_record_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SaveRequest *request = user_data;
  g_autoptr(GTask) task = request->task;
  g_autoptr(UdDbWorker) self = request->worker;
  GError *error = NULL;
  SaveData *answer;

  g_free (request);
  answer = ud_db_worker_run_finish (result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (answer->record != NULL)
    ud_db_worker_notify_records_changed (self, answer->record->kind->name);
  g_task_return_pointer (task, answer, save_data_free);
}

void
ud_db_worker_save_record_async (UdDbWorker          *self,
                                UdRecordSaveFunc     save,
                                UdRecord            *record,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  SaveRequest *request;
  SaveData *data;

  g_return_if_fail (UD_IS_DB_WORKER (self));
  g_return_if_fail (save != NULL);
  g_return_if_fail (record != NULL);

  data = g_new0 (SaveData, 1);
  data->save = save;
  data->record = ud_record_ref (record);

  request = g_new0 (SaveRequest, 1);
  request->worker = g_object_ref (self);
  /* No source object, like every job's task. */
  request->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (request->task, ud_db_worker_save_record_async);
  ud_db_worker_run_async (self, save_job, data, save_data_free, save_data_free,
                          cancellable, save_record_done, request);
}

UdRecord *
ud_db_worker_save_record_finish (GAsyncResult  *result,
                                 GPtrArray    **issues,
                                 GError       **error)
{
  SaveData *answer;
  UdRecord *record;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ud_db_worker_save_record_async, NULL);

  answer = g_task_propagate_pointer (G_TASK (result), error);

  if (issues != NULL)
    *issues = answer != NULL ? g_steal_pointer (&answer->issues) : NULL;
  if (answer == NULL)
    return NULL;

  record = g_steal_pointer (&answer->record);
  save_data_free (answer);

  return record;
}

/* Deleting a record -------------------------------------------------------- */

typedef struct
{
  const UdKind *kind;
  gint64        id;
  gboolean      undelete;
} DeleteData;

static gpointer
delete_job (UdDatabase   *db,
            gpointer      data,
            GCancellable *cancellable,
            GError      **error)
{
  DeleteData *delete = data;
  gboolean done;

  if (delete->undelete)
    done = ud_record_store_undelete (db, delete->kind, delete->id, error);
  else
    done = ud_record_store_delete (db, delete->kind, delete->id, error);

  return done ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
delete_record_done (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SaveRequest *request = user_data;
  g_autoptr(GTask) task = request->task;
  g_autoptr(UdDbWorker) self = request->worker;
  const UdKind *kind = g_task_get_task_data (task);
  GError *error = NULL;

  g_free (request);
  if (ud_db_worker_run_finish (result, &error) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ud_db_worker_notify_records_changed (self, kind->name);
  g_task_return_boolean (task, TRUE);
}

/**
 * ud_db_worker_delete_record_async:
 * @undelete: bring the record back instead (an undo)
 *
 * Tombstones record @id of @kind (ud_record_store_delete()) on the
 * worker, then emits "records-changed" for @kind.
 */
void
ud_db_worker_delete_record_async (UdDbWorker          *self,
                                  const UdKind        *kind,
                                  gint64               id,
                                  gboolean             undelete,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  SaveRequest *request;
  DeleteData *data;

  g_return_if_fail (UD_IS_DB_WORKER (self));
  g_return_if_fail (kind != NULL);
  g_return_if_fail (id > 0);

  data = g_new0 (DeleteData, 1);
  data->kind = kind;
  data->id = id;
  data->undelete = undelete;

  request = g_new0 (SaveRequest, 1);
  request->worker = g_object_ref (self);
  request->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (request->task, ud_db_worker_delete_record_async);
  g_task_set_task_data (request->task, (gpointer) kind, NULL);
  ud_db_worker_run_async (self, delete_job, data, g_free, NULL,
                          cancellable, delete_record_done, request);
}

gboolean
ud_db_worker_delete_record_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ud_db_worker_delete_record_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
