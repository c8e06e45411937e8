/* ud-account-dialog.c — creating and editing a staff account
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-account-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-account-dialog.h"
#include "ud-secret.h"
#include "ud-ui-util.h"

/* One form for the three things the administrator does to an account.
 * The form checks what it can with the core's own rules (so the words
 * are the same as the CLI's), then the core checks again on the worker
 * thread, where the password is hashed (about 70 ms).  A refusal stays in
 * the dialog, under the form, with the field it is about marked. */

struct _UdAccountDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkWidget           *form;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *roles_group;
  AdwPreferencesGroup *password_group;
  AdwEntryRow         *username_row;
  AdwEntryRow         *display_name_row;
  AdwActionRow        *admin_row;
  AdwActionRow        *clerk_row;
  AdwActionRow        *reviewer_row;
  AdwActionRow        *approver_row;
  GtkCheckButton      *admin_check;
  GtkCheckButton      *clerk_check;
  GtkCheckButton      *reviewer_check;
  GtkCheckButton      *approver_check;
  AdwEntryRow         *password_row;
  AdwEntryRow         *repeat_row;
  GtkLabel            *problem_label;

  /* Owned */
  UdDbWorker          *worker;
  GCancellable        *cancellable;
  char                *username;     /* the account edited; NULL when creating */
  char                *problem;

  UdAccountDialogMode  mode;
  gboolean             tried;        /* Save was pressed once: check as typed */
  gboolean             saving;
};

G_DEFINE_FINAL_TYPE (UdAccountDialog, ud_account_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  UdAccountDialogMode  mode;
  char                *username;
  char                *display_name;
  UdRole               roles;
  char                *password;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_free (save->username);
  g_free (save->display_name);
  ud_secret_free (save->password);
  g_free (save);
}

static UdRole
get_roles (UdAccountDialog *self)
{
  UdRole roles = 0;

  if (gtk_check_button_get_active (self->admin_check))
    roles |= UD_ROLE_ADMIN;
  if (gtk_check_button_get_active (self->clerk_check))
    roles |= UD_ROLE_CLERK;
  if (gtk_check_button_get_active (self->reviewer_check))
    roles |= UD_ROLE_REVIEWER;
  if (gtk_check_button_get_active (self->approver_check))
    roles |= UD_ROLE_APPROVER;

  return roles;
}

static char *
get_username (UdAccountDialog *self)
{
  if (self->username != NULL)
    return g_strdup (self->username);

  return g_utf8_strdown (g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_row)))), -1);
}

static void
show_problem (UdAccountDialog *self,
              GtkWidget       *at,
              const char      *problem)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->username_row), GTK_WIDGET (self->display_name_row),
    GTK_WIDGET (self->password_row), GTK_WIDGET (self->repeat_row),
    GTK_WIDGET (self->roles_group),
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    ud_widget_set_error (rows[i], rows[i] == at);

  g_free (self->problem);
  self->problem = g_strdup (problem);
  ud_label_show_problem (self->problem_label, problem);
}

/* The first problem of the form, with the row it is about. */
static gboolean
check_form (UdAccountDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *username = get_username (self);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->display_name_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_row));

  if (self->mode == UD_ACCOUNT_DIALOG_CREATE && !ud_account_check_username (username, &error))
    {
      show_problem (self, GTK_WIDGET (self->username_row), error->message);
      return FALSE;
    }

  if (self->mode != UD_ACCOUNT_DIALOG_RESET_PASSWORD)
    {
      if (name[0] == '\0')
        {
          show_problem (self, GTK_WIDGET (self->display_name_row), _("Name: give the person's name."));
          return FALSE;
        }
      if (get_roles (self) == 0)
        {
          show_problem (self, GTK_WIDGET (self->roles_group), _("Roles: tick at least one role."));
          return FALSE;
        }
    }

  if (self->mode != UD_ACCOUNT_DIALOG_EDIT)
    {
      if (!ud_account_check_password (username, password, &error))
        {
          show_problem (self, GTK_WIDGET (self->password_row), error->message);
          return FALSE;
        }
      if (g_strcmp0 (password, repeat) != 0)
        {
          show_problem (self, GTK_WIDGET (self->repeat_row), _("Password again: the two passwords are not the same."));
          return FALSE;
        }
    }

  show_problem (self, NULL, NULL);
  return TRUE;
}

static void
on_changed (UdAccountDialog *self)
{
  if (self->tried && !self->saving)
    check_form (self);
}

static gpointer
save_job (UdDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  SaveData *save = data;
  gboolean ok = FALSE;

  switch (save->mode)
    {
    case UD_ACCOUNT_DIALOG_CREATE:
      ok = ud_account_create (db, save->username, save->display_name, save->roles, save->password, error);
      break;

    case UD_ACCOUNT_DIALOG_EDIT:
      ok = ud_account_update (db, save->username, save->display_name, save->roles, error);
      break;

    case UD_ACCOUNT_DIALOG_RESET_PASSWORD:
      ok = ud_account_reset_password (db, save->username, save->password, error);
      break;

    default:
      g_assert_not_reached ();
    }

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdAccountDialog *self;
  GtkWidget *at = NULL;

  if (ud_db_worker_run_finish (result, &error) == NULL &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_ACCOUNT_DIALOG (user_data);
  self->saving = FALSE;
  gtk_widget_set_sensitive (self->form, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.save", TRUE);

  if (error != NULL)
    {
      if (g_error_matches (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_EXISTS))
        at = GTK_WIDGET (self->username_row);
      else if (g_error_matches (error, UD_ACCOUNT_ERROR, UD_ACCOUNT_ERROR_LAST_ADMINISTRATOR))
        at = GTK_WIDGET (self->roles_group);
      else if (error->domain == UD_ACCOUNT_ERROR && g_str_has_prefix (error->message, _("Password")))
        at = GTK_WIDGET (self->password_row);
      show_problem (self, at, error->message);
      return;
    }

  g_signal_emit (self, signals[DONE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ud_account_dialog_save (UD_ACCOUNT_DIALOG (widget));
}

static void
ud_account_dialog_dispose (GObject *object)
{
  UdAccountDialog *self = (UdAccountDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_ACCOUNT_DIALOG);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_account_dialog_parent_class)->dispose (object);
}

static void
ud_account_dialog_finalize (GObject *object)
{
  UdAccountDialog *self = (UdAccountDialog *)object;

  g_clear_object (&self->cancellable);
  g_free (self->username);
  g_free (self->problem);

  G_OBJECT_CLASS (ud_account_dialog_parent_class)->finalize (object);
}

static void
ud_account_dialog_class_init (UdAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_account_dialog_dispose;
  object_class->finalize = ud_account_dialog_finalize;

  /**
   * UdAccountDialog::done:
   *
   * The core took the change.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/admin/ud-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, form);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, identity_group);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, roles_group);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, password_group);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, admin_row);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, clerk_row);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, reviewer_row);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, approver_row);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, admin_check);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, clerk_check);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, reviewer_check);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, approver_check);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, UdAccountDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "account.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "account.save", NULL);
}

static void
ud_account_dialog_init (UdAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->admin_row), ud_role_get_label (UD_ROLE_ADMIN));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->clerk_row), ud_role_get_label (UD_ROLE_CLERK));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reviewer_row), ud_role_get_label (UD_ROLE_REVIEWER));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->approver_row), ud_role_get_label (UD_ROLE_APPROVER));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

UdAccountDialog *
ud_account_dialog_new (UdDbWorker          *worker,
                       UdAccountDialogMode  mode,
                       const UdAccount     *account)
{
  UdAccountDialog *self;
  g_autofree char *description = NULL;
  const char *title = NULL;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (mode == UD_ACCOUNT_DIALOG_CREATE || account != NULL, NULL);

  self = g_object_new (UD_TYPE_ACCOUNT_DIALOG, NULL);
  self->worker = g_object_ref (worker);
  self->mode = mode;

  switch (mode)
    {
    case UD_ACCOUNT_DIALOG_CREATE:
      title = _("New Account");
      gtk_button_set_label (self->save_button, _("C_reate"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("Initial password"));
      adw_preferences_group_set_description (self->password_group,
                                             _("At least 8 characters. Give it to the person, who can then choose their own from the main menu."));
      break;

    case UD_ACCOUNT_DIALOG_EDIT:
      title = _("Edit Account");
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_widget_set_visible (GTK_WIDGET (self->password_group), FALSE);
      break;

    case UD_ACCOUNT_DIALOG_RESET_PASSWORD:
      title = _("Reset Password");
      gtk_button_set_label (self->save_button, _("_Reset Password"));
      gtk_widget_set_visible (GTK_WIDGET (self->identity_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->roles_group), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("New password"));
      description = g_strdup_printf (_("%s must choose a password of their own at the next sign-in. A lock after wrong passwords is lifted."),
                                     account->display_name);
      adw_preferences_group_set_description (self->password_group, description);
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);

  if (account != NULL)
    {
      self->username = g_strdup (account->username);
      adw_window_title_set_subtitle (self->window_title, account->username);
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), account->username);
      gtk_editable_set_editable (GTK_EDITABLE (self->username_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->username_row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->display_name_row), account->display_name);
      gtk_check_button_set_active (self->admin_check, (account->roles & UD_ROLE_ADMIN) != 0);
      gtk_check_button_set_active (self->clerk_check, (account->roles & UD_ROLE_CLERK) != 0);
      gtk_check_button_set_active (self->reviewer_check, (account->roles & UD_ROLE_REVIEWER) != 0);
      gtk_check_button_set_active (self->approver_check, (account->roles & UD_ROLE_APPROVER) != 0);
    }
  else
    {
      /* Most accounts are for clerks. */
      gtk_check_button_set_active (self->clerk_check, TRUE);
    }

  return self;
}

void
ud_account_dialog_save (UdAccountDialog *self)
{
  SaveData *save;

  g_return_if_fail (UD_IS_ACCOUNT_DIALOG (self));

  if (self->saving)
    return;

  self->tried = TRUE;
  if (!check_form (self))
    return;

  save = g_new0 (SaveData, 1);
  save->mode = self->mode;
  save->username = get_username (self);
  if (self->mode != UD_ACCOUNT_DIALOG_RESET_PASSWORD)
    {
      save->display_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->display_name_row))));
      save->roles = get_roles (self);
    }
  if (self->mode != UD_ACCOUNT_DIALOG_EDIT)
    save->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));

  self->saving = TRUE;
  gtk_widget_set_sensitive (self->form, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.save", FALSE);

  ud_db_worker_run_async (self->worker,
                          save_job, save, save_data_free, NULL,
                          self->cancellable,
                          save_done, self);
}

const char *
ud_account_dialog_get_problem (UdAccountDialog *self)
{
  g_return_val_if_fail (UD_IS_ACCOUNT_DIALOG (self), NULL);

  return self->problem;
}
