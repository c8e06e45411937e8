/* ud-sign-in-window.c — who is at the keyboard
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-sign-in-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-sign-in-window.h"
#include "ud-secret.h"
#include "ud-ui-util.h"

/* The core checks the password (on the worker: it takes about 70 ms), counts
 * the failures, locks the account and writes the audit log; this window only
 * asks and says what went wrong.  An account whose password the
 * administrator set must choose its own before it can do anything, so the
 * window asks for that too before it lets the main window open. */

struct _UdSignInWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwStatusPage        *status_page;
  GtkStack             *stack;
  AdwEntryRow          *username_row;
  AdwPasswordEntryRow  *password_row;
  AdwPasswordEntryRow  *new_password_row;
  AdwPasswordEntryRow  *repeat_password_row;
  GtkButton            *sign_in_button;
  GtkButton            *change_button;
  GtkLabel             *error_label;

  /* Owned */
  UdDbWorker           *worker;
  GCancellable         *cancellable;
  char                 *old_password;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (UdSignInWindow, ud_sign_in_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problem (UdSignInWindow *self,
              const char     *problem)
{
  ud_label_show_problem (self->error_label, problem);
}

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static void
update_actions (UdSignInWindow *self)
{
  gboolean changing = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "change-password") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in",
                                 !self->busy && !changing &&
                                 text_of (self->username_row)[0] != '\0' &&
                                 text_of (self->password_row)[0] != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.change-password",
                                 !self->busy && changing &&
                                 text_of (self->new_password_row)[0] != '\0' &&
                                 text_of (self->repeat_password_row)[0] != '\0');
}

static void
on_changed (UdSignInWindow *self)
{
  update_actions (self);
}

static void
set_busy (UdSignInWindow *self,
          gboolean        busy)
{
  GtkEditable *rows[] = {
    GTK_EDITABLE (self->username_row), GTK_EDITABLE (self->password_row),
    GTK_EDITABLE (self->new_password_row), GTK_EDITABLE (self->repeat_password_row),
  };

  /* Not insensitive: GTK 4.8 loses the focus-out of an entry that has the
   * focus when it turns insensitive. */
  self->busy = busy;
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_editable (rows[i], !busy);
  update_actions (self);
}

static void
wipe_old_password (UdSignInWindow *self)
{
  g_clear_pointer (&self->old_password, ud_secret_free);
}

static void
finish (UdSignInWindow *self)
{
  wipe_old_password (self);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_signal_emit (self, signals[SIGNED_IN], 0);
}

static void
sign_in_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdSignInWindow *self;
  UdSession *session;

  if (!ud_db_worker_sign_in_finish (UD_DB_WORKER (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_SIGN_IN_WINDOW (user_data);
  set_busy (self, FALSE);

  if (error != NULL)
    {
      show_problem (self, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      wipe_old_password (self);
      return;
    }

  show_problem (self, NULL);
  session = ud_db_worker_get_session (self->worker);
  if (session != NULL && ud_session_get_must_change_password (session))
    {
      adw_window_title_set_title (self->window_title, _("Choose Your Password"));
      gtk_stack_set_visible_child_name (self->stack, "change-password");
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->change_button));
      gtk_widget_grab_focus (GTK_WIDGET (self->new_password_row));
      update_actions (self);
      return;
    }

  finish (self);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  UdSignInWindow *self = UD_SIGN_IN_WINDOW (widget);
  g_autofree char *username = g_strstrip (g_strdup (text_of (self->username_row)));

  if (self->busy || username[0] == '\0')
    return;

  wipe_old_password (self);
  self->old_password = g_strdup (text_of (self->password_row));
  set_busy (self, TRUE);
  ud_db_worker_sign_in_async (self->worker, username, self->old_password,
                              self->cancellable, sign_in_done, self);
}

static void
change_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdSignInWindow *self;

  if (!ud_db_worker_change_password_finish (UD_DB_WORKER (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_SIGN_IN_WINDOW (user_data);
  set_busy (self, FALSE);

  if (error != NULL)
    {
      show_problem (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->new_password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_password_row), "");
  finish (self);
}

static void
change_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  UdSignInWindow *self = UD_SIGN_IN_WINDOW (widget);
  const char *password = text_of (self->new_password_row);

  if (self->busy || self->old_password == NULL)
    return;

  if (g_strcmp0 (password, text_of (self->repeat_password_row)) != 0)
    {
      show_problem (self, _("New password again: the two passwords are not the same."));
      return;
    }
  if (g_strcmp0 (password, self->old_password) == 0)
    {
      show_problem (self, _("New password: must differ from the one the administrator set."));
      return;
    }

  set_busy (self, TRUE);
  ud_db_worker_change_password_async (self->worker, self->old_password, password,
                                      self->cancellable, change_done, self);
}

static void
ud_sign_in_window_dispose (GObject *object)
{
  UdSignInWindow *self = (UdSignInWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_SIGN_IN_WINDOW);
  g_clear_object (&self->worker);
  wipe_old_password (self);

  G_OBJECT_CLASS (ud_sign_in_window_parent_class)->dispose (object);
}

static void
ud_sign_in_window_finalize (GObject *object)
{
  UdSignInWindow *self = (UdSignInWindow *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ud_sign_in_window_parent_class)->finalize (object);
}

static void
ud_sign_in_window_class_init (UdSignInWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_sign_in_window_dispose;
  object_class->finalize = ud_sign_in_window_finalize;

  /**
   * UdSignInWindow::signed-in:
   *
   * Someone signed in; the main window may open.
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/ud-sign-in-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UdSignInWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdSignInWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, UdSignInWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, UdSignInWindow, username_row);
  gtk_widget_class_bind_template_child (widget_class, UdSignInWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, UdSignInWindow, new_password_row);
  gtk_widget_class_bind_template_child (widget_class, UdSignInWindow, repeat_password_row);
  gtk_widget_class_bind_template_child (widget_class, UdSignInWindow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, UdSignInWindow, change_button);
  gtk_widget_class_bind_template_child (widget_class, UdSignInWindow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "sign-in.change-password", NULL, change_password_action);
}

static void
ud_sign_in_window_init (UdSignInWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->sign_in_button));
  update_actions (self);
}

UdSignInWindow *
ud_sign_in_window_new (GtkApplication *application,
                       UdDbWorker     *worker)
{
  UdSignInWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_SIGN_IN_WINDOW, "application", application, NULL);
  self->worker = g_object_ref (worker);

  adw_status_page_set_title (self->status_page, ud_db_worker_get_office_name (worker));
  adw_status_page_set_description (self->status_page,
                                   _("Sign in with the account the office’s administrator gave you."));
  gtk_widget_grab_focus (GTK_WIDGET (self->username_row));

  return self;
}
