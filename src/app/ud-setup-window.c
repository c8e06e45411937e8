/* ud-setup-window.c — first run: which office this is
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-setup-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-setup-window.h"
#include "ud-account.h"
#include "ud-idcard.h"
#include "ud-ui-util.h"
#include "ud-validate.h"

struct _UdSetupWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwEntryRow          *district_row;
  AdwEntryRow          *office_row;
  AdwEntryRow          *office_number_row;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *office_group;
  AdwEntryRow          *admin_username_row;
  AdwEntryRow          *admin_name_row;
  AdwPasswordEntryRow  *admin_password_row;
  AdwPasswordEntryRow  *admin_repeat_row;
  GtkLabel             *admin_error_label;
  GtkButton            *start_button;

  /* Owned */
  UdDbWorker           *worker;
  GCancellable         *cancellable;
  gboolean              saving;
  char                 *office_number;   /* checked, two digits, while saving */
};

G_DEFINE_FINAL_TYPE (UdSetupWindow, ud_setup_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
office_name_text (UdSetupWindow *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->office_row))));
}

/* The administrator's account: the core's own rules for user names and
 * passwords, said as soon as the field has something in it. */
static gboolean
validate_admin (UdSetupWindow *self)
{
  g_autofree char *username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->admin_username_row))));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->admin_name_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->admin_password_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->admin_repeat_row));
  g_autoptr(GError) username_error = NULL;
  g_autoptr(GError) password_error = NULL;
  const char *problem = NULL;
  gboolean repeat_wrong;

  if (username[0] != '\0')
    ud_account_check_username (username, &username_error);
  if (password[0] != '\0')
    ud_account_check_password (username, password, &password_error);
  repeat_wrong = repeat[0] != '\0' && g_strcmp0 (password, repeat) != 0;

  ud_widget_set_error (GTK_WIDGET (self->admin_username_row), username_error != NULL);
  ud_widget_set_error (GTK_WIDGET (self->admin_password_row), password_error != NULL);
  ud_widget_set_error (GTK_WIDGET (self->admin_repeat_row), repeat_wrong);

  if (username_error != NULL)
    problem = username_error->message;
  else if (password_error != NULL)
    problem = password_error->message;
  else if (repeat_wrong)
    problem = _("Password again: the two passwords are not the same.");

  ud_label_show_problem (self->admin_error_label, problem);

  return problem == NULL && username[0] != '\0' && name[0] != '\0' &&
         password[0] != '\0' && repeat[0] != '\0';
}

static gboolean
validate (UdSetupWindow *self)
{
  const char *district = gtk_editable_get_text (GTK_EDITABLE (self->district_row));
  g_autofree char *office = office_name_text (self);
  g_autofree char *problem = NULL;
  gboolean ok;

  /* Only complain about a code once six characters have been typed. */
  problem = ud_setup_check_district (district, NULL);
  if (problem != NULL && g_utf8_strlen (district, -1) < 6)
    {
      g_clear_pointer (&problem, g_free);
      ok = FALSE;
    }
  else
    {
      ok = problem == NULL;
    }

  ud_widget_set_error (GTK_WIDGET (self->district_row), problem != NULL);
  if (problem != NULL)
    gtk_label_set_label (self->error_label, problem);
  /* The office number: 01–99, checked by the core's own rule. */
  {
    g_autoptr(GError) number_error = NULL;
    const char *number = gtk_editable_get_text (GTK_EDITABLE (self->office_number_row));

    if (!ud_database_check_office_number (number, NULL, &number_error))
      {
        ud_widget_set_error (GTK_WIDGET (self->office_number_row), number[0] != '\0');
        if (problem == NULL && number[0] != '\0')
          ud_label_show_problem (self->error_label, number_error->message);
        ok = FALSE;
      }
    else
      ud_widget_set_error (GTK_WIDGET (self->office_number_row), FALSE);
  }

  ok = validate_admin (self) && ok && office[0] != '\0' && !self->saving;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.start", ok);

  return ok;
}

static void
on_changed (UdSetupWindow *self)
{
  validate (self);
}

static void initialize_done (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

static void
saving_failed (UdSetupWindow *self,
               const GError  *error)
{
  self->saving = FALSE;
  ud_label_show_problem (self->error_label, error->message);
  validate (self);
}

static void
start_initialize (UdSetupWindow *self)
{
  g_autofree char *code = NULL;
  g_autofree char *office = office_name_text (self);
  g_autofree char *username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->admin_username_row))));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->admin_name_row))));
  g_autofree char *problem = ud_setup_check_district (gtk_editable_get_text (GTK_EDITABLE (self->district_row)), &code);

  ud_db_worker_initialize_office_async (self->worker, code, office, username, name,
                                        gtk_editable_get_text (GTK_EDITABLE (self->admin_password_row)),
                                        self->cancellable, initialize_done, self);
}

/* A new office: the number is written first, so that nothing is set up
 * without it; an office set up before accounts existed: after, by its
 * administrator, now signed in. */
static void
office_number_done (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = ud_db_worker_run_finish (result, &error);
  UdSetupWindow *self;

  if (number == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_SETUP_WINDOW (user_data);
  if (error != NULL)
    {
      saving_failed (self, error);
      return;
    }

  if (ud_db_worker_is_initialized (self->worker) && ud_db_worker_has_accounts (self->worker))
    g_signal_emit (self, signals[DONE], 0);
  else
    start_initialize (self);
}

static void
initialize_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdSetupWindow *self;

  if (!ud_db_worker_initialize_office_finish (UD_DB_WORKER (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_SETUP_WINDOW (user_data);
  self->saving = FALSE;

  if (error != NULL)
    {
      ud_label_show_problem (self->error_label, error->message);
      validate (self);
      return;
    }

  if (self->office_number != NULL)
    {
      ud_db_worker_run_async (self->worker, ud_db_worker_set_office_number_job, g_steal_pointer (&self->office_number), g_free,
                              g_free, self->cancellable, office_number_done, self);
      return;
    }

  g_signal_emit (self, signals[DONE], 0);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  UdSetupWindow *self = UD_SETUP_WINDOW (widget);
  g_autofree char *code = NULL;
  g_autofree char *office = office_name_text (self);
  g_autofree char *problem = NULL;

  problem = ud_setup_check_district (gtk_editable_get_text (GTK_EDITABLE (self->district_row)), &code);
  if (problem != NULL || office[0] == '\0' || self->saving || !validate (self))
    return;
  g_clear_pointer (&self->office_number, g_free);
  if (!ud_database_check_office_number (gtk_editable_get_text (GTK_EDITABLE (self->office_number_row)),
                                        &self->office_number, NULL))
    return;

  self->saving = TRUE;
  validate (self);
  if (!ud_db_worker_is_initialized (self->worker))
    ud_db_worker_run_async (self->worker, ud_db_worker_set_office_number_job, g_steal_pointer (&self->office_number), g_free,
                            g_free, self->cancellable, office_number_done, self);
  else
    start_initialize (self);
}

static void
ud_setup_window_dispose (GObject *object)
{
  UdSetupWindow *self = (UdSetupWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_SETUP_WINDOW);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_setup_window_parent_class)->dispose (object);
}

static void
ud_setup_window_finalize (GObject *object)
{
  UdSetupWindow *self = (UdSetupWindow *)object;

  g_clear_object (&self->cancellable);
  g_free (self->office_number);

  G_OBJECT_CLASS (ud_setup_window_parent_class)->finalize (object);
}

static void
ud_setup_window_class_init (UdSetupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_setup_window_dispose;
  object_class->finalize = ud_setup_window_finalize;

  /**
   * UdSetupWindow::done:
   *
   * The office is set up; the main window may open.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/ud-setup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UdSetupWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UdSetupWindow, district_row);
  gtk_widget_class_bind_template_child (widget_class, UdSetupWindow, office_row);
  gtk_widget_class_bind_template_child (widget_class, UdSetupWindow, office_number_row);
  gtk_widget_class_bind_template_child (widget_class, UdSetupWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, UdSetupWindow, start_button);
  gtk_widget_class_bind_template_child (widget_class, UdSetupWindow, office_group);
  gtk_widget_class_bind_template_child (widget_class, UdSetupWindow, admin_username_row);
  gtk_widget_class_bind_template_child (widget_class, UdSetupWindow, admin_name_row);
  gtk_widget_class_bind_template_child (widget_class, UdSetupWindow, admin_password_row);
  gtk_widget_class_bind_template_child (widget_class, UdSetupWindow, admin_repeat_row);
  gtk_widget_class_bind_template_child (widget_class, UdSetupWindow, admin_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "setup.start", NULL, start_action);
}

static void
ud_setup_window_init (UdSetupWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->start_button));
  validate (self);
}

/* An office set up before accounts: the number it may have been given
 * with the command line. */
static void
office_number_read (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = ud_db_worker_run_finish (result, &error);

  if (number != NULL)
    gtk_editable_set_text (GTK_EDITABLE (UD_SETUP_WINDOW (user_data)->office_number_row), number);
}

UdSetupWindow *
ud_setup_window_new (GtkApplication *application,
                     UdDbWorker     *worker)
{
  UdSetupWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_SETUP_WINDOW, "application", application, NULL);
  self->worker = g_object_ref (worker);

  /* An office set up before accounts existed keeps its code and name and
   * only needs its administrator. */
  if (ud_db_worker_is_initialized (worker))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->district_row), ud_db_worker_get_district (worker));
      gtk_editable_set_text (GTK_EDITABLE (self->office_row), ud_db_worker_get_office_name (worker));
      gtk_widget_set_sensitive (GTK_WIDGET (self->district_row), FALSE);
      ud_db_worker_run_async (worker, ud_db_worker_office_number_job, NULL, NULL, g_free,
                              self->cancellable, office_number_read, self);
    }

  return self;
}

char *
ud_setup_check_district (const char  *text,
                         char       **code)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  /* Codes typed with a Chinese input method come as full-width digits. */
  folded = g_strstrip (ud_fold_fullwidth (text));

  if (strlen (folded) != 6 || strspn (folded, "0123456789") != 6)
    return g_strdup (_("District code: must be six digits, for example 110118 for Miyun District."));

  if (!ud_idcard_province_known (folded))
    return g_strdup (_("District code: the first two digits name no province; Beijing’s codes start with 11."));

  if (code != NULL)
    *code = g_steal_pointer (&folded);

  return NULL;
}
