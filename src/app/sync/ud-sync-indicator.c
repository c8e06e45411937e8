/* ud-sync-indicator.c — the sync state in the header bar
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-sync-indicator.h"

struct _UdSyncIndicator
{
  GtkWidget         parent_instance;

  GtkWidget        *button;
  GtkWidget        *spinner;
  GtkWidget        *icon;
  GtkWidget        *label;
  GtkWidget        *pending;

  UdSyncController *controller;
};

G_DEFINE_FINAL_TYPE (UdSyncIndicator, ud_sync_indicator, GTK_TYPE_WIDGET)

static void
update (UdSyncIndicator *self)
{
  UdSyncController *c = self->controller;
  g_autoptr(GString) tooltip = g_string_new (NULL);
  const char *error;
  gboolean busy;
  gint64 pending;
  gint64 conflicts;

  if (c == NULL)
    return;

  busy = ud_sync_controller_get_busy (c);
  error = ud_sync_controller_get_error_message (c);
  pending = ud_sync_controller_get_pending (c);
  conflicts = ud_sync_controller_get_open_conflicts (c);

  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);

  gtk_widget_set_visible (self->icon, !busy && (error != NULL || conflicts > 0 || !ud_sync_controller_get_configured (c)));
  if (error != NULL)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), "dialog-error-symbolic");
      gtk_widget_add_css_class (self->icon, "error");
      gtk_widget_remove_css_class (self->icon, "warning");
    }
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (self->icon),
                                    conflicts > 0 ? "dialog-warning-symbolic" : "network-offline-symbolic");
      gtk_widget_remove_css_class (self->icon, "error");
      if (conflicts > 0)
        gtk_widget_add_css_class (self->icon, "warning");
      else
        gtk_widget_remove_css_class (self->icon, "warning");
    }

  if (!busy && error != NULL)
    gtk_label_set_text (GTK_LABEL (self->label), ud_sync_controller_get_error_title (c));
  else
    gtk_label_set_text (GTK_LABEL (self->label), ud_sync_controller_get_status_text (c));

  gtk_widget_set_visible (self->pending, pending > 0);
  if (pending > 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, pending);

      gtk_label_set_text (GTK_LABEL (self->pending), text);
    }

  /* The tooltip: what went wrong, then the state, then what a click does. */
  if (error != NULL)
    g_string_append_printf (tooltip, "%s\n\n", error);
  if (ud_sync_controller_get_last_success (c) != NULL)
    {
      g_autofree char *when = ud_sync_format_time (ud_sync_controller_get_last_success (c));

      /* TRANSLATORS: %s is a time */
      g_string_append_printf (tooltip, _("Last synced: %s"), when);
      g_string_append_c (tooltip, '\n');
    }
  else if (ud_sync_controller_get_configured (c))
    g_string_append_printf (tooltip, "%s\n", _("Not synced yet"));
  else
    g_string_append_printf (tooltip, "%s\n",
                            _("Sync is not set up: enter the city server’s address and this office’s token in Preferences."));
  g_string_append_printf (tooltip,
                          ngettext ("%u change waiting to be sent",
                                    "%u changes waiting to be sent", (gulong) pending),
                          (guint) pending);
  if (conflicts > 0)
    {
      g_string_append_c (tooltip, '\n');
      g_string_append_printf (tooltip,
                              ngettext ("%u conflict to resolve in the Sync section",
                                        "%u conflicts to resolve in the Sync section", (gulong) conflicts),
                              (guint) conflicts);
    }
  g_string_append_printf (tooltip, "\n\n%s", busy ? _("Syncing…") : _("Click to sync now (Ctrl+R)"));
  gtk_widget_set_tooltip_text (self->button, tooltip->str);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), busy ? NULL : "sync.now");
  gtk_widget_set_sensitive (self->button, !busy);
}

void
ud_sync_indicator_set_controller (UdSyncIndicator  *self,
                                  UdSyncController *controller)
{
  g_return_if_fail (UD_IS_SYNC_INDICATOR (self));
  g_return_if_fail (controller == NULL || UD_IS_SYNC_CONTROLLER (controller));

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_set_object (&self->controller, controller);
  if (controller != NULL)
    g_signal_connect_swapped (controller, "state-changed", G_CALLBACK (update), self);
  update (self);
}

static void
ud_sync_indicator_dispose (GObject *object)
{
  UdSyncIndicator *self = UD_SYNC_INDICATOR (object);

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_clear_object (&self->controller);
  g_clear_pointer (&self->button, gtk_widget_unparent);

  G_OBJECT_CLASS (ud_sync_indicator_parent_class)->dispose (object);
}

static void
ud_sync_indicator_class_init (UdSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_sync_indicator_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "udsyncindicator");
}

static void
ud_sync_indicator_init (UdSyncIndicator *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->spinner = gtk_spinner_new ();
  self->icon = gtk_image_new ();
  self->label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->label), 24);
  self->pending = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->pending, "numeric");
  gtk_widget_add_css_class (self->pending, "ud-sync-pending");
  gtk_widget_add_css_class (self->pending, "caption-heading");
  gtk_widget_add_css_class (self->pending, "accent");

  gtk_box_append (GTK_BOX (box), self->spinner);
  gtk_box_append (GTK_BOX (box), self->icon);
  gtk_box_append (GTK_BOX (box), self->label);
  gtk_box_append (GTK_BOX (box), self->pending);

  self->button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->button), box);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sync with the city server"),
                                  -1);
}

GtkWidget *
ud_sync_indicator_new (void)
{
  return g_object_new (UD_TYPE_SYNC_INDICATOR, NULL);
}
