/* ud-household-dialog.c — one person of a hardship archive's household
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-household-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-household-dialog.h"
#include "ud-hardship-kind.h"

/* The household is saved with its archive in one transaction
 * (ud_hardship_archive_save()), so this dialog only checks the person as
 * typed — each field, then the whole record on the worker — and hands
 * it back. */

struct _UdHouseholdDialog
{
  AdwWindow     parent_instance;

  GtkBuilder   *builder;
  UdFormBinder *binder;
};

G_DEFINE_FINAL_TYPE (UdHouseholdDialog, ud_household_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_done (UdHouseholdDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.done",
                                 ud_form_binder_get_can_save (self->binder));
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UdHouseholdDialog *self = UD_HOUSEHOLD_DIALOG (widget);
  g_autoptr(UdRecord) person = NULL;

  if (!ud_form_binder_get_can_save (self->binder) ||
      (person = ud_form_binder_build_record (self->binder)) == NULL)
    return;

  /* The birth date (and so the age) follows from the ID number. */
  ud_record_check (person, NULL);
  g_signal_emit (self, signals[DONE], 0, person);
  gtk_window_close (GTK_WINDOW (self));
}

static void
ud_household_dialog_dispose (GObject *object)
{
  UdHouseholdDialog *self = UD_HOUSEHOLD_DIALOG (object);

  g_clear_object (&self->binder);
  g_clear_object (&self->builder);

  G_OBJECT_CLASS (ud_household_dialog_parent_class)->dispose (object);
}

static void
ud_household_dialog_class_init (UdHouseholdDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ud_household_dialog_dispose;

  gtk_widget_class_install_action (widget_class, "person.done", NULL, done_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /**
   * UdHouseholdDialog::done:
   * @person: the person as typed (UdRecord)
   */
  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
ud_household_dialog_init (UdHouseholdDialog *self)
{
}

UdHouseholdDialog *
ud_household_dialog_new (UdDbWorker *worker,
                         UdRecord   *person)
{
  UdHouseholdDialog *self;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *cancel;
  GtkWidget *done;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (person != NULL && person->kind == &ud_kind_hardship_household_member, NULL);

  self = g_object_new (UD_TYPE_HOUSEHOLD_DIALOG,
                       "modal", TRUE,
                       "default-width", 520,
                       "default-height", 620,
                       "title", _("Household Member"),
                       NULL);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  done = gtk_button_new_with_mnemonic (_("_Done"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "person.done");
  gtk_widget_add_css_class (done, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), done);

  self->builder = gtk_builder_new_from_resource ("/io/github/uniondesk/UnionDesk/hardship/ud-household-form.ui");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (GTK_WIDGET (gtk_builder_get_object (self->builder, "form")), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (gtk_builder_get_object (self->builder, "form")));
  adw_window_set_content (ADW_WINDOW (self), box);

  self->binder = ud_form_binder_new (worker, &ud_kind_hardship_household_member, GTK_WIDGET (self));
  g_signal_connect_object (self->binder, "notify::can-save", G_CALLBACK (update_done), self, G_CONNECT_SWAPPED);
  ud_form_binder_set_record (self->binder, person);
  update_done (self);

  return self;
}

UdFormBinder *
ud_household_dialog_get_binder (UdHouseholdDialog *self)
{
  g_return_val_if_fail (UD_IS_HOUSEHOLD_DIALOG (self), NULL);

  return self->binder;
}
