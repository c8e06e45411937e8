/* ud-accounts-view.c — the Accounts section (administrator)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-accounts-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-accounts-view.h"
#include "ud-account-dialog.h"
#include "ud-ui-util.h"

/* A short list (an office has a handful of staff), read whole on the
 * worker and shown as rows: name, user name, last sign-in, roles and
 * state, and a menu of what the administrator may do.  Accounts are never
 * deleted; the core refuses what would leave the office without an
 * administrator, and the refusal is shown as it comes. */

struct _UdAccountsView
{
  GtkWidget        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkListBox      *list;
  AdwStatusPage   *error_page;

  /* Owned */
  UdDbWorker      *worker;
  GCancellable    *cancellable;
  GPtrArray       *accounts;     /* UdAccount */

  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (UdAccountsView, ud_accounts_view, GTK_TYPE_WIDGET)

static UdAccount *
find_account (UdAccountsView *self,
              const char     *username)
{
  for (guint i = 0; self->accounts != NULL && i < self->accounts->len; i++)
    {
      UdAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_strcmp0 (account->username, username) == 0)
        return account;
    }

  return NULL;
}

static GtkWidget *
pill (const char *text,
      const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "account-tag");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

static GtkWidget *
account_row (UdAccountsView *self,
             UdAccount      *account)
{
  static const UdRole roles[] = { UD_ROLE_ADMIN, UD_ROLE_CLERK, UD_ROLE_REVIEWER, UD_ROLE_APPROVER };
  g_autofree char *last = ud_format_local_time (account->last_sign_in_at, "%Y-%m-%d %H:%M");
  g_autofree char *subtitle = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  GVariant *target = g_variant_new_string (account->username);
  GtkWidget *row;
  GtkWidget *tags;
  GtkWidget *button;
  gint64 now = g_get_real_time ();

  g_variant_ref_sink (target);

  row = adw_action_row_new ();
  gtk_widget_set_name (row, account->username);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), account->display_name);
  subtitle = last != NULL
             /* Translators: a user name, then when they last signed in */
             ? g_strdup_printf (_("%s · last signed in %s"), account->username, last)
             /* Translators: a user name */
             : g_strdup_printf (_("%s · never signed in"), account->username);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  tags = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (tags, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      if ((account->roles & roles[i]) != 0)
        gtk_box_append (GTK_BOX (tags), pill (ud_role_get_label (roles[i]), NULL));
    }
  if (account->disabled)
    gtk_box_append (GTK_BOX (tags), pill (_("Disabled"), "error"));
  else if (account->locked_until > now)
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (account->locked_until / G_USEC_PER_SEC);
      g_autofree char *hhmm = g_date_time_format (until, "%H:%M");
      /* Translators: locked after wrong passwords, until a time such as 14:30 */
      g_autofree char *text = g_strdup_printf (_("Locked until %s"), hhmm);

      gtk_box_append (GTK_BOX (tags), pill (text, "warning"));
    }
  else if (account->must_change_password)
    gtk_box_append (GTK_BOX (tags), pill (_("Must change password"), NULL));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tags);

  if (account->disabled)
    gtk_widget_add_css_class (row, "dim-label");

  {
    g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit Name and Roles…"), NULL);
    g_autoptr(GMenuItem) reset = g_menu_item_new (_("_Reset Password…"), NULL);
    g_autoptr(GMenuItem) toggle = g_menu_item_new (account->disabled ? _("E_nable Account") : _("_Disable Account…"), NULL);

    g_menu_item_set_action_and_target_value (edit, "accounts.edit", target);
    g_menu_item_set_action_and_target_value (reset, "accounts.reset-password", target);
    g_menu_item_set_action_and_target_value (toggle, account->disabled ? "accounts.enable" : "accounts.disable", target);
    g_menu_append_item (menu, edit);
    g_menu_append_item (menu, reset);
    g_menu_append_item (section, toggle);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  }

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Account actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Account actions"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  g_variant_unref (target);

  return row;
}

static void
fill_list (UdAccountsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < self->accounts->len; i++)
    gtk_list_box_append (self->list, account_row (self, g_ptr_array_index (self->accounts, i)));
}

static gpointer
list_job (UdDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  return ud_account_list (db, error);
}

static void
list_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdAccountsView *self;
  GPtrArray *accounts;

  accounts = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_ACCOUNTS_VIEW (user_data);
  self->busy = FALSE;
  gtk_spinner_stop (self->spinner);

  if (accounts == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  self->accounts = accounts;
  fill_list (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
on_dialog_done (UdAccountDialog *dialog,
                UdAccountsView  *self)
{
  ud_accounts_view_reload (self);
}

static void
open_dialog (UdAccountsView      *self,
             UdAccountDialogMode  mode,
             const UdAccount     *account)
{
  UdAccountDialog *dialog = ud_account_dialog_new (self->worker, mode, account);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_dialog (UD_ACCOUNTS_VIEW (widget), UD_ACCOUNT_DIALOG_CREATE, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UdAccountsView *self = UD_ACCOUNTS_VIEW (widget);
  UdAccount *account = find_account (self, g_variant_get_string (parameter, NULL));

  if (account != NULL)
    open_dialog (self, UD_ACCOUNT_DIALOG_EDIT, account);
}

static void
reset_password_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  UdAccountsView *self = UD_ACCOUNTS_VIEW (widget);
  UdAccount *account = find_account (self, g_variant_get_string (parameter, NULL));

  if (account != NULL)
    open_dialog (self, UD_ACCOUNT_DIALOG_RESET_PASSWORD, account);
}

typedef struct
{
  char     *username;
  gboolean  disable;
} ToggleData;

static void
toggle_data_free (gpointer data)
{
  ToggleData *toggle = data;

  g_free (toggle->username);
  g_free (toggle);
}

static gpointer
toggle_job (UdDatabase   *db,
            gpointer      data,
            GCancellable *cancellable,
            GError      **error)
{
  ToggleData *toggle = data;
  gboolean ok;

  ok = toggle->disable
       ? ud_account_disable (db, toggle->username, error)
       : ud_account_enable (db, toggle->username, error);

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
toggle_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  UdAccountsView *self;

  if (ud_db_worker_run_finish (result, &error) == NULL &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = UD_ACCOUNTS_VIEW (user_data);
  if (error != NULL)
    ud_widget_show_message (GTK_WIDGET (self), error->message);
  ud_accounts_view_reload (self);
}

static void
set_disabled (UdAccountsView *self,
              const char     *username,
              gboolean        disable)
{
  ToggleData *toggle = g_new0 (ToggleData, 1);

  toggle->username = g_strdup (username);
  toggle->disable = disable;
  ud_db_worker_run_async (self->worker,
                          toggle_job, toggle, toggle_data_free, NULL,
                          self->cancellable,
                          toggle_done, self);
}

static void
on_disable_response (AdwMessageDialog *dialog,
                     const char       *response,
                     UdAccountsView   *self)
{
  if (g_strcmp0 (response, "disable") == 0)
    set_disabled (self, g_object_get_data (G_OBJECT (dialog), "username"), TRUE);
}

static void
disable_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  UdAccountsView *self = UD_ACCOUNTS_VIEW (widget);
  UdAccount *account = find_account (self, g_variant_get_string (parameter, NULL));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (account == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Disable the Account of %s?"), account->display_name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("They can no longer sign in. What they did stays in the audit trail under their name, and the account can be enabled again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "disable", _("_Disable"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "disable", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "username", g_strdup (account->username), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_disable_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
enable_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_disabled (UD_ACCOUNTS_VIEW (widget), g_variant_get_string (parameter, NULL), FALSE);
}

/* Accounts change from the CLI or another workstation: read them again
 * when the section is shown. */
static void
ud_accounts_view_map (GtkWidget *widget)
{
  UdAccountsView *self = (UdAccountsView *)widget;

  GTK_WIDGET_CLASS (ud_accounts_view_parent_class)->map (widget);

  if (self->worker != NULL && !self->busy)
    ud_accounts_view_reload (self);
}

static void
ud_accounts_view_dispose (GObject *object)
{
  UdAccountsView *self = (UdAccountsView *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_ACCOUNTS_VIEW);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_accounts_view_parent_class)->dispose (object);
}

static void
ud_accounts_view_finalize (GObject *object)
{
  UdAccountsView *self = (UdAccountsView *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);

  G_OBJECT_CLASS (ud_accounts_view_parent_class)->finalize (object);
}

static void
ud_accounts_view_class_init (UdAccountsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_accounts_view_dispose;
  object_class->finalize = ud_accounts_view_finalize;

  widget_class->map = ud_accounts_view_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/admin/ud-accounts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UdAccountsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UdAccountsView, stack);
  gtk_widget_class_bind_template_child (widget_class, UdAccountsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, UdAccountsView, list);
  gtk_widget_class_bind_template_child (widget_class, UdAccountsView, error_page);

  gtk_widget_class_install_action (widget_class, "accounts.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "accounts.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "accounts.reset-password", "s", reset_password_action);
  gtk_widget_class_install_action (widget_class, "accounts.disable", "s", disable_action);
  gtk_widget_class_install_action (widget_class, "accounts.enable", "s", enable_action);
}

static void
ud_accounts_view_init (UdAccountsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

GtkWidget *
ud_accounts_view_new (UdDbWorker *worker)
{
  UdAccountsView *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_ACCOUNTS_VIEW, NULL);
  self->worker = g_object_ref (worker);
  ud_accounts_view_reload (self);

  return GTK_WIDGET (self);
}

void
ud_accounts_view_reload (UdAccountsView *self)
{
  g_return_if_fail (UD_IS_ACCOUNTS_VIEW (self));

  self->busy = TRUE;
  if (self->accounts == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->spinner);
    }
  ud_db_worker_run_async (self->worker,
                          list_job, NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref,
                          self->cancellable,
                          list_done, self);
}

gboolean
ud_accounts_view_get_busy (UdAccountsView *self)
{
  g_return_val_if_fail (UD_IS_ACCOUNTS_VIEW (self), FALSE);

  return self->busy;
}

GStrv
ud_accounts_view_dup_usernames (UdAccountsView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (UD_IS_ACCOUNTS_VIEW (self), NULL);

  for (guint i = 0; self->accounts != NULL && i < self->accounts->len; i++)
    g_strv_builder_add (builder, ((UdAccount *) g_ptr_array_index (self->accounts, i))->username);

  return g_strv_builder_end (builder);
}
