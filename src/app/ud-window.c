/* ud-window.c — the main window
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-window.h"
#include "ud-accounts-view.h"
#include "ud-audit-view.h"
#include "ud-reference-view.h"
#include "ud-sync-view.h"
#include "ud-relief-view.h"

/* The window is only the frame: a sidebar listing the sections that exist
 * and a stack holding them.  Each section is its own widget. */

struct _UdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sections;
  GtkListBoxRow        *members_row;
  AdwWindowTitle       *sidebar_title;
  AdwWindowTitle       *content_title;
  GtkStack             *section_stack;
  UdMemberView         *member_view;

  /* Owned */
  UdDbWorker           *worker;
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (UdWindow, ud_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORKER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_section (UdWindow   *self,
              const char *name)
{
  GtkStackPage *page;

  gtk_stack_set_visible_child_name (self->section_stack, name);
  page = gtk_stack_get_page (self->section_stack,
                             gtk_stack_get_visible_child (self->section_stack));
  adw_window_title_set_title (self->content_title, gtk_stack_page_get_title (page));
}

static void
on_section_selected (GtkListBox    *list,
                     GtkListBoxRow *row,
                     UdWindow      *self)
{
  if (row == NULL)
    return;

  show_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_section_activated (GtkListBox    *list,
                      GtkListBoxRow *row,
                      UdWindow      *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
show_sections_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  UdWindow *self = UD_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/**
 * ud_window_add_section:
 * @name: the section's id, as in the stack
 * @title: (transfer none): translated title, shown in the sidebar and the header
 * @icon_name: a symbolic icon
 * @page: (transfer floating): the section's widget
 *
 * Adds a section below the existing ones.  Sections are added in
 * constructed(), each guarded by what the signed-in account may do; the
 * window is built anew at every sign-in.
 */
void
ud_window_add_section (UdWindow   *self,
                       const char *name,
                       const char *title,
                       const char *icon_name,
                       GtkWidget  *page)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *label;

  g_return_if_fail (UD_IS_WINDOW (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (title != NULL);
  g_return_if_fail (GTK_IS_WIDGET (page));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_widget_set_name (row, name);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (self->sections, row);

  gtk_stack_add_titled (self->section_stack, page, name, title);
}

/* Shows the section @name, if the signed-in account has it. */
gboolean
ud_window_show_section (UdWindow   *self,
                        const char *name)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (UD_IS_WINDOW (self), FALSE);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sections, i)) != NULL; i++)
    {
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), name) == 0)
        {
          gtk_list_box_select_row (self->sections, row);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
ud_window_close_request (GtkWindow *window)
{
  UdWindow *self = UD_WINDOW (window);
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (ud_window_parent_class)->close_request (window);
}

static void
ud_window_constructed (GObject *object)
{
  UdWindow *self = (UdWindow *)object;
  UdSession *session;

  G_OBJECT_CLASS (ud_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_object_bind_property (self->worker, "office-name",
                          self->sidebar_title, "subtitle",
                          G_BINDING_SYNC_CREATE);

  ud_member_view_set_worker (self->member_view, self->worker);

  session = ud_db_worker_get_session (self->worker);
  if (session != NULL)
    adw_window_title_set_subtitle (self->content_title, ud_session_get_display_name (session));

  /* Sections, each for the accounts that may use it. */
  if (ud_db_worker_may (self->worker, UD_PERMISSION_VIEW_MEMBERS) &&
      (ud_db_worker_may (self->worker, UD_PERMISSION_CREATE_APPLICATION) ||
       ud_db_worker_may (self->worker, UD_PERMISSION_REVIEW_APPLICATION) ||
       ud_db_worker_may (self->worker, UD_PERMISSION_APPROVE_APPLICATION) ||
       ud_db_worker_may (self->worker, UD_PERMISSION_ADMINISTER)))
    ud_window_add_section (self, "relief", _("Serious-Illness Relief"), "emblem-documents-symbolic",
                           ud_relief_view_new (self->worker));
  if (ud_db_worker_may (self->worker, UD_PERMISSION_ADMINISTER))
    ud_window_add_section (self, "accounts", _("Accounts"), "system-users-symbolic",
                           ud_accounts_view_new (self->worker));
  if (ud_db_worker_may (self->worker, UD_PERMISSION_VIEW_AUDIT))
    ud_window_add_section (self, "audit", _("Audit Trail"), "document-open-recent-symbolic",
                           ud_audit_view_new (self->worker));
  /* Everyone who sees applications reads the tables; only the
   * administrator adds versions (the view hides "New Version…"). */
  if (ud_db_worker_may (self->worker, UD_PERMISSION_VIEW_MEMBERS) ||
      ud_db_worker_may (self->worker, UD_PERMISSION_EDIT_REFERENCE_DATA))
    ud_window_add_section (self, "reference", _("Reference Tables"), "x-office-spreadsheet-symbolic",
                           ud_reference_view_new (self->worker));

  ud_sync_view_install (self, GTK_WIDGET (self->content_title));

  gtk_list_box_select_row (self->sections, self->members_row);
  show_section (self, "members");
}

static void
ud_window_dispose (GObject *object)
{
  UdWindow *self = (UdWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (ud_window_parent_class)->dispose (object);
}

static void
ud_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  UdWindow *self = UD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKER:
      g_value_set_object (value, self->worker);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  UdWindow *self = UD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKER:
      self->worker = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_window_class_init (UdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ud_window_constructed;
  object_class->dispose = ud_window_dispose;
  object_class->get_property = ud_window_get_property;
  object_class->set_property = ud_window_set_property;

  window_class->close_request = ud_window_close_request;

  properties[PROP_WORKER] =
    g_param_spec_object ("worker", NULL, NULL,
                         UD_TYPE_DB_WORKER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (UD_TYPE_MEMBER_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/ud-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, UdWindow, sections);
  gtk_widget_class_bind_template_child (widget_class, UdWindow, members_row);
  gtk_widget_class_bind_template_child (widget_class, UdWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, UdWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, UdWindow, section_stack);
  gtk_widget_class_bind_template_child (widget_class, UdWindow, member_view);
  gtk_widget_class_bind_template_callback (widget_class, on_section_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_section_activated);

  gtk_widget_class_install_action (widget_class, "win.show-sections", NULL, show_sections_action);
}

static void
ud_window_init (UdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
}

UdWindow *
ud_window_new (GtkApplication *application,
               UdDbWorker     *worker)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  return g_object_new (UD_TYPE_WINDOW,
                       "application", application,
                       "worker", worker,
                       NULL);
}

UdDbWorker *
ud_window_get_worker (UdWindow *self)
{
  g_return_val_if_fail (UD_IS_WINDOW (self), NULL);

  return self->worker;
}

UdMemberView *
ud_window_get_member_view (UdWindow *self)
{
  g_return_val_if_fail (UD_IS_WINDOW (self), NULL);

  return self->member_view;
}

void
ud_window_add_toast (UdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (UD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
