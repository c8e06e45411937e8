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
#include "ud-aid-view.h"
#include "ud-audit-view.h"
#include "ud-hardship-section.h"
#include "ud-member-view.h"
#include "ud-overview.h"
#include "ud-reference-view.h"
#include "ud-relief-view.h"
#include "ud-rooms.h"
#include "ud-section.h"
#include "ud-sync-view.h"
#include "ud-teams.h"
#include "ud-units.h"

/* The window is only the frame: a sidebar listing the sections that exist
 * and a stack holding them.  Each section is its own widget, made from the
 * table below; a section that needs more of the window (actions, a widget
 * in the header bar) implements UdSection.  Sections do not call each
 * other: what one writes, the others hear as the worker's
 * "records-changed". */

typedef struct
{
  const char  *name;
  const char  *title;       /* N_() */
  const char  *icon_name;
  /* Whether the signed-in account sees the section (NULL: everyone); the
   * core checks every action again. */
  gboolean   (*available) (UdDbWorker *worker);
  GtkWidget *(*create)    (UdDbWorker *worker);
} Section;

static gboolean
may_view_members (UdDbWorker *worker)
{
  return ud_db_worker_may (worker, UD_PERMISSION_VIEW_MEMBERS);
}

static gboolean
may_see_applications (UdDbWorker *worker)
{
  return ud_db_worker_may (worker, UD_PERMISSION_VIEW_MEMBERS) &&
         (ud_db_worker_may (worker, UD_PERMISSION_CREATE_APPLICATION) ||
          ud_db_worker_may (worker, UD_PERMISSION_REVIEW_APPLICATION) ||
          ud_db_worker_may (worker, UD_PERMISSION_APPROVE_APPLICATION) ||
          ud_db_worker_may (worker, UD_PERMISSION_ADMINISTER));
}

static gboolean
may_administer (UdDbWorker *worker)
{
  return ud_db_worker_may (worker, UD_PERMISSION_ADMINISTER);
}

static gboolean
may_view_audit (UdDbWorker *worker)
{
  return ud_db_worker_may (worker, UD_PERMISSION_VIEW_AUDIT);
}

/* Everyone who sees applications reads the tables; only the administrator
 * adds versions (the view hides "New Version…"). */
static gboolean
may_read_reference (UdDbWorker *worker)
{
  return ud_db_worker_may (worker, UD_PERMISSION_VIEW_MEMBERS) ||
         ud_db_worker_may (worker, UD_PERMISSION_EDIT_REFERENCE_DATA);
}

/* In the sidebar's order; the first is shown when the window opens. */
static const Section sections[] = {
  { "overview", N_("Overview"), "view-grid-symbolic", may_view_members, ud_overview_new },
  { "members", N_("Members"), "system-users-symbolic", NULL, ud_member_view_new },
  { "units", N_("Units"), "x-office-address-book-symbolic", may_view_members, ud_units_section_new },
  { "rooms", N_("Mother-and-Baby Rooms"), "user-home-symbolic", may_view_members, ud_rooms_section_new },
  { "teams", N_("Poverty-Relief Teams"), "emblem-favorite-symbolic", may_view_members, ud_teams_section_new },
  { "relief", N_("Serious-Illness Relief"), "emblem-documents-symbolic", may_see_applications, ud_relief_view_new },
  { "hardship", N_("Hardship Archives"), "x-office-document-symbolic", may_see_applications, ud_hardship_section_new },
  { "aid", N_("Aid Funds"), "auth-smartcard-symbolic", may_view_members, ud_aid_view_new },
  { "accounts", N_("Accounts"), "system-users-symbolic", may_administer, ud_accounts_view_new },
  { "audit", N_("Audit Trail"), "document-open-recent-symbolic", may_view_audit, ud_audit_view_new },
  { "reference", N_("Reference Tables"), "x-office-spreadsheet-symbolic", may_read_reference, ud_reference_view_new },
  { "sync", N_("Sync"), "emblem-synchronizing-symbolic", may_view_members, ud_sync_view_new },
};

struct _UdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *section_list;
  AdwWindowTitle       *sidebar_title;
  AdwHeaderBar         *content_header;
  AdwWindowTitle       *content_title;
  GtkStack             *section_stack;

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

/* Activated without a click (the keyboard, a screen reader): the row is
 * selected too. */
static void
on_section_activated (GtkListBox    *list,
                      GtkListBoxRow *row,
                      UdWindow      *self)
{
  gtk_list_box_select_row (list, row);
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

static void
add_section (UdWindow      *self,
             const Section *section)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *page;

  page = section->create (self->worker);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (section->icon_name));
  label = gtk_label_new (_(section->title));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* A long title ("Mother-and-Baby Rooms") wraps rather than losing its
   * end in a narrow sidebar. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_widget_set_name (row, section->name);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (self->section_list, row);

  gtk_stack_add_titled (self->section_stack, page, section->name, _(section->title));
  if (UD_IS_SECTION (page))
    ud_section_attach (UD_SECTION (page), GTK_WINDOW (self), self->content_header);
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

  session = ud_db_worker_get_session (self->worker);
  if (session != NULL)
    adw_window_title_set_subtitle (self->content_title, ud_session_get_display_name (session));

  for (gsize i = 0; i < G_N_ELEMENTS (sections); i++)
    if (sections[i].available == NULL || sections[i].available (self->worker))
      add_section (self, &sections[i]);

  gtk_list_box_select_row (self->section_list, gtk_list_box_get_row_at_index (self->section_list, 0));
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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/ud-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, UdWindow, section_list);
  gtk_widget_class_bind_template_child (widget_class, UdWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, UdWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, UdWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, UdWindow, section_stack);
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

void
ud_window_add_toast (UdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (UD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
