/* ud-test-app.c — what the display tests share
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ud-core.h"
#include "ud-test-app.h"
#include "ud-account.h"
#include "ud-application.h"
#include "ud-reference-view.h"
#include "ud-sign-in-window.h"
#include "ud-window.h"
#include "ud-ui-util.h"

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Warnings are fatal in the display tests (G_DEBUG=fatal-warnings), but
 * for one of GTK 4.8's own: a widget GTK shows between its parent's
 * allocation and the next frame (seen in the file chooser the backup page
 * opens, when the machine is loaded) is skipped for that one frame with
 * "Trying to snapshot … without a current allocation". Nothing of ours
 * draws a child itself, and the next frame draws it whole, so that one
 * message is printed and let pass; every other warning still stops the
 * test. GTK logs in the structured way, so this is a log writer (the
 * fatal handler of g_test_log_set_fatal_handler () is not asked). */
static GLogWriterOutput
write_log (GLogLevelFlags   log_level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }

  if ((log_level & G_LOG_LEVEL_WARNING) && g_strcmp0 (domain, "Gtk") == 0 &&
      message != NULL && g_str_has_prefix (message, "Trying to snapshot ") &&
      g_str_has_suffix (message, " without a current allocation"))
    return g_log_writer_standard_streams (log_level & ~G_LOG_FLAG_FATAL, fields, n_fields, user_data);

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

void
ud_test_init (int    *argc,
              char ***argv)
{
  ud_app_init_i18n ();
  g_log_set_writer_func (write_log, NULL, NULL);
  g_test_init (argc, argv, NULL);
  ud_core_init ();
  gtk_init ();
  adw_init ();
  ud_app_init_display ();
  ud_test_load_style ();
}

static gboolean
wait_until (UdTestCondition condition,
            gpointer        data,
            guint           seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (20, tick, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (ticker);
  return ok;
}

/* Spins the main loop until @condition holds (or 60 s pass). */
gboolean
ud_test_wait_for (UdTestCondition condition,
                  gpointer        data)
{
  return wait_until (condition, data, 60);
}

/* A moment's wait, for what a press sets off. */
static gboolean
wait_briefly (UdTestCondition condition,
              gpointer        data)
{
  return wait_until (condition, data, 10);
}

/* Lets GTK lay out and draw for a while. */
void
ud_test_settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  guint ticker = g_timeout_add (10, tick, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (ticker);
}

typedef gboolean (*UdTestWidgetMatch) (GtkWidget *widget,
                                 gpointer   data);

GtkWidget *
ud_test_find_widget (GtkWidget   *root,
             UdTestWidgetMatch  match,
             gpointer     data)
{
  GtkWidget *child;

  if (match (root, data))
    return root;

  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ud_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

GtkWidget *
ud_test_find_by_type (GtkWidget *root,
                      GType      type)
{
  return ud_test_find_widget (root, is_of_type, GSIZE_TO_POINTER (type));
}

gboolean
ud_test_is_button_with_label (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* Pressing by label ------------------------------------------------------ */

/* @text without its mnemonic underscores ("Re_view…" → "Review…",
 * "提交(_S)" → "提交(S)"); "__" stands for one underscore. */
static char *
without_mnemonic (const char *text)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            {
              g_string_append_c (plain, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (plain, *p);
    }

  return g_string_free (plain, FALSE);
}

static gboolean
is_model_button (GtkWidget *widget)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton");
}

/* What the user reads on @widget to find it, for the widgets a person
 * acts on (buttons, rows, check buttons, menu items, drop-downs, entries);
 * NULL for others. */
static char *
action_label (GtkWidget *widget)
{
  const char *text = NULL;

  if (GTK_IS_MENU_BUTTON (widget))
    text = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
  else if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

      text = gtk_button_get_label (GTK_BUTTON (widget));
      if (text == NULL && ADW_IS_BUTTON_CONTENT (child))
        text = adw_button_content_get_label (ADW_BUTTON_CONTENT (child));
      else if (text == NULL && GTK_IS_LABEL (child))
        text = gtk_label_get_label (GTK_LABEL (child));
    }
  else if (GTK_IS_CHECK_BUTTON (widget))
    text = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  else if (is_model_button (widget))
    {
      g_autofree char *model_text = NULL;

      g_object_get (widget, "text", &model_text, NULL);
      return model_text != NULL ? without_mnemonic (model_text) : NULL;
    }
  else if (GTK_IS_ENTRY (widget))
    text = gtk_entry_get_placeholder_text (GTK_ENTRY (widget));
  else if (GTK_IS_SEARCH_ENTRY (widget))
    {
      g_autofree char *placeholder = NULL;

      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      return placeholder != NULL ? without_mnemonic (placeholder) : NULL;
    }
  else if (!GTK_IS_DROP_DOWN (widget))
    return NULL;

  /* A button of its own kind (a view switcher's) may hold its label. */
  if ((text == NULL || *text == '\0') && GTK_IS_BUTTON (widget) &&
      g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "label") != NULL)
    {
      g_autofree char *own = NULL;

      g_object_get (widget, "label", &own, NULL);
      if (own != NULL && *own != '\0')
        return without_mnemonic (own);
    }

  /* An icon-only button, a drop-down: the tooltip says what it is. */
  if ((text == NULL || *text == '\0') &&
      (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget)))
    text = gtk_widget_get_tooltip_text (widget);

  return text != NULL ? without_mnemonic (text) : NULL;
}

/* The text of a label or a list cell, for rows that are only text. */
static char *
text_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return without_mnemonic (gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL)
    return g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  return NULL;
}

typedef struct
{
  char      *wanted;
  gboolean   text_only;   /* labels and cells, not actionable widgets */
  gboolean   in_row;      /* only labels in something that activates */
  GtkWidget *shown;
  GtkWidget *hidden;
} Search;

static GtkWidget *activatable (GtkWidget *widget);

static void
search_tree (GtkWidget *widget,
             Search    *search)
{
  g_autofree char *label = search->text_only ? text_label (widget) : action_label (widget);

  if (search->shown != NULL)
    return;

  /* A button whose face shows something else (a zoom level) is known by
   * its tooltip too. */
  if ((label == NULL || !g_str_equal (label, search->wanted)) && !search->text_only &&
      (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) && gtk_widget_get_tooltip_text (widget) != NULL)
    {
      g_free (label);
      label = without_mnemonic (gtk_widget_get_tooltip_text (widget));
    }

  if (label != NULL && g_str_equal (label, search->wanted) &&
      (!search->in_row || activatable (widget) != widget))
    {
      if (gtk_widget_get_mapped (widget))
        {
          search->shown = widget;
          return;
        }
      if (search->hidden == NULL)
        search->hidden = widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    search_tree (child, search);
}

static GtkWidget *
find_labelled (GtkWidget  *root,
               const char *label,
               gboolean    to_press)
{
  Search search = { without_mnemonic (label), FALSE, FALSE, NULL, NULL };
  GtkWidget *found;

  search_tree (root, &search);
  if (search.shown == NULL)
    {
      /* No button or row says it: a label or a cell in a list may. */
      Search text = { search.wanted, TRUE, to_press, NULL, NULL };

      search_tree (root, &text);
      if (text.shown != NULL || search.hidden == NULL)
        {
          search.shown = text.shown;
          search.hidden = text.hidden;
        }
    }
  found = search.shown != NULL ? search.shown : search.hidden;
  g_free (search.wanted);

  return found;
}

GtkWidget *
ud_test_find_labelled (GtkWidget  *root,
                       const char *label)
{
  return find_labelled (root, label, FALSE);
}

/* What a click on @widget activates: itself, or for a label or cell the
 * row or list item it is in. */
static GtkWidget *
activatable (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (gtk_widget_class_get_activate_signal (GTK_WIDGET_GET_CLASS (w)) != 0)
        return w;
    }

  return widget;
}

gboolean
ud_test_can_press (GtkWidget  *root,
                   const char *label)
{
  GtkWidget *found = find_labelled (root, label, TRUE);

  if (found == NULL)
    return FALSE;
  found = activatable (found);
  return gtk_widget_get_mapped (found) && gtk_widget_is_sensitive (found);
}

typedef struct
{
  GdkFrameClock *clock;
  gint64         frame;
} FrameWait;

static gboolean
next_frame (gpointer data)
{
  FrameWait *wait = data;

  return gdk_frame_clock_get_frame_counter (wait->clock) > wait->frame;
}

/* Lets the window of @widget lay out and draw one frame more. */
static void
wait_for_frame (GtkWidget *widget)
{
  FrameWait wait = { gtk_widget_get_frame_clock (widget), 0 };

  if (wait.clock == NULL)
    return;
  wait.frame = gdk_frame_clock_get_frame_counter (wait.clock);
  gtk_widget_queue_draw (widget);
  wait_until (next_frame, &wait, 2);
}

typedef struct
{
  GtkWidget  *root;
  const char *label;
} PressWait;

static gboolean
can_press (gpointer data)
{
  PressWait *wait = data;

  return ud_test_can_press (wait->root, wait->label);
}

GtkWidget *
ud_test_press (GtkWidget  *root,
               const char *label)
{
  PressWait wait = { root, label };
  GtkWidget *found;
  GtkWidget *target;

  /* What was pressed before may still be on its way (a button acts a
   * moment after it is activated, as after a click). */
  wait_briefly (can_press, &wait);
  found = find_labelled (root, label, TRUE);

  if (found == NULL)
    g_error ("Nothing labelled “%s” in %s", label, G_OBJECT_TYPE_NAME (root));
  target = activatable (found);
  if (!gtk_widget_get_mapped (target))
    g_error ("“%s” (%s) is not shown", label, G_OBJECT_TYPE_NAME (target));
  if (!gtk_widget_is_sensitive (target))
    g_error ("“%s” (%s) is shown but insensitive", label, G_OBJECT_TYPE_NAME (target));
  /* Drawn once as it is now: a widget just shown may not have its size
   * yet, and a button pressed then draws itself without one. */
  wait_for_frame (target);
  g_test_message ("press “%s” (%s)", label, G_OBJECT_TYPE_NAME (target));
  /* An item of a list view is selected by a click before it is activated
   * (a combo row takes the selected item). */
  if (g_type_is_a (G_OBJECT_TYPE (target), g_type_from_name ("GtkListItemWidget")) &&
      !gtk_widget_activate_action (target, "listitem.select", "(bb)", FALSE, FALSE))
    g_error ("“%s” (%s) cannot be selected", label, G_OBJECT_TYPE_NAME (target));
  if (!gtk_widget_activate (target))
    g_error ("“%s” (%s) cannot be activated", label, G_OBJECT_TYPE_NAME (target));

  return target;
}

void
ud_test_set_check (GtkWidget  *root,
                   const char *label,
                   gboolean    active)
{
  GtkWidget *found = ud_test_find_labelled (root, label);
  GtkWidget *check;

  if (found == NULL)
    g_error ("Nothing labelled “%s” in %s", label, G_OBJECT_TYPE_NAME (root));
  check = GTK_IS_CHECK_BUTTON (found) ? found : ud_test_find_by_type (found, GTK_TYPE_CHECK_BUTTON);
  if (check == NULL)
    g_error ("“%s” has no check button", label);
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)) != active)
    ud_test_press (root, label);
  g_assert_cmpint (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)), ==, active);
}

/* The field labelled @label: an entry, or the spin button a row titled
 * @label holds. */
static GtkWidget *
find_field (GtkWidget  *root,
            const char *label)
{
  GtkWidget *found = ud_test_find_labelled (root, label);

  if (found != NULL && !GTK_IS_EDITABLE (found) && ADW_IS_ACTION_ROW (found))
    {
      GtkWidget *spin = ud_test_find_by_type (found, GTK_TYPE_SPIN_BUTTON);

      if (spin != NULL)
        return spin;
    }

  return found;
}

static gboolean
can_type (gpointer data)
{
  PressWait *wait = data;
  GtkWidget *found = find_field (wait->root, wait->label);

  return found != NULL && GTK_IS_EDITABLE (found) && gtk_widget_get_mapped (found) &&
         gtk_widget_is_sensitive (found) && gtk_editable_get_editable (GTK_EDITABLE (found));
}

void
ud_test_select (GtkWidget  *root,
                const char *label)
{
  PressWait wait = { root, label };
  GtkWidget *target;

  if (!wait_briefly (can_press, &wait))
    g_error ("No row showing “%s” can be clicked", label);
  target = activatable (find_labelled (root, label, TRUE));
  if (GTK_IS_LIST_BOX_ROW (target))
    gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (target)), GTK_LIST_BOX_ROW (target));
  else if (!gtk_widget_activate_action (target, "listitem.select", "(bb)", FALSE, FALSE))
    g_error ("“%s” (%s) cannot be selected", label, G_OBJECT_TYPE_NAME (target));
}

GtkWidget *
ud_test_type (GtkWidget  *root,
              const char *label,
              const char *text)
{
  PressWait wait = { root, label };
  GtkWidget *found;

  wait_briefly (can_type, &wait);
  found = find_field (root, label);

  if (found == NULL || !GTK_IS_EDITABLE (found))
    g_error ("No field labelled “%s” in %s", label, G_OBJECT_TYPE_NAME (root));
  if (!gtk_widget_get_mapped (found) || !gtk_widget_is_sensitive (found) ||
      !gtk_editable_get_editable (GTK_EDITABLE (found)))
    g_error ("The field “%s” is hidden, insensitive or read-only", label);
  gtk_editable_set_text (GTK_EDITABLE (found), text);

  return found;
}

static void
describe_tree (GtkWidget *widget,
               GString   *text)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    g_string_append_printf (text, "  %s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    describe_tree (child, text);
}

char *
ud_test_describe (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  describe_tree (root, text);
  return g_string_free (text, FALSE);
}

typedef struct
{
  GtkWidget  *root;
  const char *label;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;
  GtkWidget *found = ud_test_find_labelled (wait->root, wait->label);

  return found != NULL && gtk_widget_get_mapped (found);
}

gboolean
ud_test_wait_labelled (GtkWidget  *root,
                       const char *label)
{
  LabelWait wait = { g_object_ref (root), label };
  gboolean shown = ud_test_wait_for (label_shown, &wait);

  g_object_unref (root);
  return shown;
}

void
ud_test_choose (GtkWidget  *root,
                const char *label,
                const char *item)
{
  GtkWidget *chooser = ud_test_press (root, label);
  GtkWidget *popover;

  /* The list pops up in a popover of the combo row or drop-down. */
  popover = ud_test_find_by_type (chooser, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  if (!ud_test_wait_labelled (popover, item))
    g_error ("“%s” offers no “%s”", label, item);
  ud_test_press (popover, item);
  ud_test_settle (50);

  /* The choice shows as chosen. */
  {
    gpointer selected = ADW_IS_COMBO_ROW (chooser) ? adw_combo_row_get_selected_item (ADW_COMBO_ROW (chooser))
                                                   : gtk_drop_down_get_selected_item (GTK_DROP_DOWN (chooser));

    g_assert_true (GTK_IS_STRING_OBJECT (selected));
    g_assert_cmpstr (gtk_string_object_get_string (selected), ==, item);
  }
}

GtkWindow *
ud_test_find_toplevel (GType type)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = windows; l != NULL && found == NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
        found = l->data;
    }

  return found;
}

static gboolean
has_toplevel (gpointer data)
{
  return ud_test_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

GtkWindow *
ud_test_wait_toplevel (GType type)
{
  if (!ud_test_wait_for (has_toplevel, GSIZE_TO_POINTER (type)))
    g_error ("No %s was shown", g_type_name (type));

  return ud_test_find_toplevel (type);
}

static gboolean
no_toplevel (gpointer data)
{
  return ud_test_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

void
ud_test_wait_closed (GType type)
{
  if (!ud_test_wait_for (no_toplevel, GSIZE_TO_POINTER (type)))
    {
      g_autofree char *shown = ud_test_describe (GTK_WIDGET (ud_test_find_toplevel (type)));

      g_error ("The %s did not close; it shows:\n%s", g_type_name (type), shown);
    }
}

/* A mapped toplevel titled @title, or NULL. */
static GtkWidget *
find_window_titled (const char *title)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (g_strcmp0 (gtk_window_get_title (l->data), title) == 0 && gtk_widget_get_mapped (l->data))
      return l->data;
  return NULL;
}

static gboolean
window_titled_shown (gpointer title)
{
  return find_window_titled (title) != NULL;
}

static gboolean
window_titled_gone (gpointer title)
{
  return find_window_titled (title) == NULL;
}

GtkWidget *
ud_test_wait_window_titled (const char *title)
{
  if (!ud_test_wait_for (window_titled_shown, (gpointer) title))
    g_error ("No window “%s” was shown", title);
  return find_window_titled (title);
}

void
ud_test_wait_window_gone (const char *title)
{
  if (!ud_test_wait_for (window_titled_gone, (gpointer) title))
    {
      g_autofree char *shown = ud_test_describe (find_window_titled (title));

      g_error ("The window “%s” did not close; it shows:\n%s", title, shown);
    }
}

/* Reference Tables --------------------------------------------------------- */

typedef struct
{
  UdReferenceView *view;
  guint            n;
} VersionsWait;

static gboolean
versions_listed (gpointer data)
{
  VersionsWait *wait = data;
  GListModel *versions;

  if (ud_reference_view_get_busy (wait->view) || (versions = ud_reference_view_get_versions (wait->view)) == NULL)
    return FALSE;
  return wait->n == UD_TEST_ANY_NUMBER || g_list_model_get_n_items (versions) == wait->n;
}

gboolean
ud_test_wait_reference_versions (GtkWidget *view,
                                 guint      n)
{
  VersionsWait wait = { UD_REFERENCE_VIEW (view), n };

  return ud_test_wait_for (versions_listed, &wait);
}

/* The application ---------------------------------------------------------- */

typedef struct
{
  GSourceFunc driver;
  gpointer    data;
} Start;

static void
on_activate (GApplication *application,
             Start        *start)
{
  g_idle_add (start->driver, start->data);
}

void
ud_test_run_application (const char  *db_path,
                         GSourceFunc  driver,
                         gpointer     data)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *backups = g_build_filename (dir, "automatic-backups", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(UdApplication) application = ud_application_new ();
  char *argv[] = { (char *) "uniondesk", (char *) "--db", (char *) db_path, NULL };
  Start start = { driver, data };
  g_autofree char *folder = g_settings_get_string (settings, "backup-folder");
  gboolean own_folder = folder[0] == '\0';

  /* Unless the test chose the folder itself. */
  if (own_folder)
    g_settings_set_string (settings, "backup-folder", backups);
  g_signal_connect_after (application, "activate", G_CALLBACK (on_activate), &start);
  g_application_run (G_APPLICATION (application), 3, argv);

  if (own_folder)
    {
      g_settings_reset (settings, "backup-folder");
      ud_test_remove_tree (backups);
    }
}

void
ud_test_run_office (UdTestPrepare prepare,
                    gpointer      prepare_data,
                    GSourceFunc   driver,
                    gpointer      data)
{
  g_autofree char *dir = g_dir_make_tmp ("uniondesk-test-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(UdDbWorker) worker = ud_test_new_office (dir, NULL, prepare, prepare_data);

  /* The application opens the database itself. */
  g_clear_object (&worker);
  ud_test_run_application (db_path, driver, data);
  ud_test_remove_tree (dir);
}

void
ud_test_quit_application (void)
{
  GList *windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free_full (windows, g_object_unref);
  g_application_quit (g_application_get_default ());
}

static gboolean
signed_in_or_asked (gpointer data)
{
  return ud_test_find_toplevel (UD_TYPE_SIGN_IN_WINDOW) == NULL ||
         ud_test_can_press (data, _("_Change Password and Continue"));
}

GtkWidget *
ud_test_sign_in_window (const char *username,
                        const char *password,
                        const char *new_password)
{
  g_autoptr(GtkWidget) sign_in = g_object_ref (GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_SIGN_IN_WINDOW)));

  ud_test_type (sign_in, _("User name"), username);
  ud_test_type (sign_in, _("Password"), password);
  ud_test_press (sign_in, _("_Sign In"));
  g_assert_true (ud_test_wait_for (signed_in_or_asked, sign_in));
  if (ud_test_find_toplevel (UD_TYPE_SIGN_IN_WINDOW) != NULL)
    {
      if (new_password == NULL)
        g_error ("%s was asked for a new password", username);
      ud_test_type (sign_in, _("New password"), new_password);
      ud_test_type (sign_in, _("New password again"), new_password);
      ud_test_press (sign_in, _("_Change Password and Continue"));
    }
  ud_test_wait_closed (UD_TYPE_SIGN_IN_WINDOW);

  return GTK_WIDGET (ud_test_wait_toplevel (UD_TYPE_WINDOW));
}

/* The window's sidebar: the navigation list that is a direct child of
 * the sidebar's scrolled window beside the sections (a section may have a
 * navigation list of its own, such as the reference tables). */
static void
find_sidebars (GtkWidget *widget,
               GPtrArray *found)
{
  if (GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar"))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_sidebars (child, found);
}

void
ud_test_show_section (GtkWidget  *window,
                      const char *title)
{
  g_autoptr(GPtrArray) sidebars = g_ptr_array_new ();

  /* The main window's list of sections is the one not inside a section. */
  find_sidebars (window, sidebars);
  for (guint i = 0; i < sidebars->len; i++)
    {
      GtkWidget *sidebar = g_ptr_array_index (sidebars, i);

      if (gtk_widget_get_ancestor (sidebar, GTK_TYPE_STACK) == NULL)
        {
          ud_test_press (sidebar, title);
          return;
        }
    }
  g_error ("The window has no list of sections");
}

void
ud_test_main_menu (GtkWidget  *window,
                   const char *item)
{
  ud_test_press (window, _("Main Menu"));
  if (!ud_test_wait_labelled (window, item))
    g_error ("The main menu has no “%s”", item);
  ud_test_press (window, item);
}

GtkWidget *
ud_test_switch_user (GtkWidget  *window,
                     const char *username,
                     const char *password)
{
  ud_test_main_menu (window, _("_Switch User…"));
  ud_test_wait_closed (UD_TYPE_WINDOW);

  return ud_test_sign_in_window (username, password, NULL);
}

void
ud_test_choose_file (GtkWidget  *root,
                     const char *button,
                     const char *path,
                     const char *accept)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *chooser;

  ud_test_press (root, button);
  /* Without a portal, the native chooser is GTK's own dialog. */
  chooser = GTK_WIDGET (ud_test_wait_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  ud_test_settle (200);
  switch (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)))
    {
    case GTK_FILE_CHOOSER_ACTION_SAVE:
      {
        g_autoptr(GFile) folder = g_file_get_parent (file);
        g_autofree char *name = g_file_get_basename (file);

        g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
        gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
      }
      break;

    case GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER:
      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), file, NULL));
      break;

    case GTK_FILE_CHOOSER_ACTION_OPEN:
    default:
      {
        g_autoptr(GFile) folder = g_file_get_parent (file);

        /* The folder first, drawn, then the file in it. */
        g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
        ud_test_settle (300);
        g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
      }
      break;
    }
  ud_test_settle (300);
  ud_test_press (chooser, accept);
  ud_test_wait_closed (GTK_TYPE_FILE_CHOOSER_DIALOG);
}

gboolean
ud_test_file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

gboolean
ud_test_is_true (gpointer data)
{
  return *(gboolean *)data;
}

void
ud_test_set_true (gpointer data)
{
  *(gboolean *)data = TRUE;
}

gboolean
ud_test_widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

typedef struct
{
  GtkWidget  *widget;
  GdkTexture *texture;
} Shot;

static void
take_shot (GdkFrameClock *clock,
           Shot          *shot)
{
  GtkWidget *widget = shot->widget;
  GdkPaintable *paintable;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (shot->texture != NULL || width <= 0 || height <= 0)
    return;

  /* Right after a frame was drawn, the window's rendering is fresh. */
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.98, 0.98, 0.98, 1.0 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  g_object_unref (paintable);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  /* Only the background: the window has not been rendered yet. */
  if (gsk_render_node_get_node_type (node) == GSK_COLOR_NODE)
    {
      gsk_render_node_unref (node);
      gtk_widget_queue_draw (widget);
      return;
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  shot->texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
}

static gboolean
shot_taken (gpointer data)
{
  return ((Shot *)data)->texture != NULL;
}

void
ud_test_save_screenshot (GtkWidget  *widget,
                 const char *path,
                 goffset     min_size)
{
  GdkFrameClock *clock;
  Shot shot = { widget, NULL };
  GStatBuf buf;
  gulong handler;

  g_assert_true (ud_test_wait_for (ud_test_widget_mapped, widget));
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (take_shot), &shot);
  gtk_widget_queue_draw (widget);
  g_assert_true (ud_test_wait_for (shot_taken, &shot));
  g_signal_handler_disconnect (clock, handler);

  g_assert_true (gdk_texture_save_to_png (shot.texture, path));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  /* A blank window compresses to a few hundred bytes. */
  g_assert_cmpint (buf.st_size, >, min_size);
  g_test_message ("screenshot: %s (%dx%d)", path,
                  gdk_texture_get_width (shot.texture), gdk_texture_get_height (shot.texture));
  g_object_unref (shot.texture);
}

const char *
ud_test_screenshot_suffix (void)
{
  const char *messages = setlocale (LC_MESSAGES, NULL);

  return (messages != NULL && g_str_has_prefix (messages, "zh_CN")) ? "-zh_CN" : "";
}

void
ud_test_save_named_screenshot (GtkWidget  *widget,
                               const char *stem,
                               goffset     min_size)
{
  g_autofree char *name = g_strdup_printf ("%s%s.png", stem, ud_test_screenshot_suffix ());
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  ud_test_save_screenshot (widget, path, min_size);
}

void
ud_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

void
ud_test_load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* AdwApplication loads it in the app; the test has no application. */
  gtk_css_provider_load_from_resource (provider, "/io/github/uniondesk/UnionDesk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}


UdDbWorker *
ud_test_new_office (const char    *dir,
                    const char    *username,
                    UdTestPrepare  prepare,
                    gpointer       data)
{
  static const struct { const char *username; const char *name; UdRole roles; } accounts[] = {
    { "clerk", "王经办", UD_ROLE_CLERK },
    { "reviewer", "李审核", UD_ROLE_REVIEWER },
    { "approver", "张审批", UD_ROLE_APPROVER },
  };
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSession) admin = NULL;
  UdDbWorker *worker;
  UdDatabase *db;

  db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_account_initialize_office (db, "110118", "北京市密云区总工会",
                                "admin", "赵管理", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  admin = ud_account_authenticate (db, "admin", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, admin);
  for (gsize i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      ud_account_create (db, accounts[i].username, accounts[i].name, accounts[i].roles,
                         UD_TEST_PASSWORD, &error);
      g_assert_no_error (error);
    }
  if (prepare != NULL)
    prepare (db, data);
  ud_database_set_session (db, NULL);

  worker = ud_db_worker_new (db);
  if (username != NULL)
    ud_test_sign_in (worker, username);

  return worker;
}

typedef struct
{
  gboolean  done;
  GError   *error;
} SignInWait;

static void
sign_in_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SignInWait *wait = user_data;

  if (g_task_get_source_tag (G_TASK (result)) == ud_db_worker_sign_out_async)
    ud_db_worker_sign_out_finish (UD_DB_WORKER (object), result, &wait->error);
  else
    ud_db_worker_sign_in_finish (UD_DB_WORKER (object), result, &wait->error);
  wait->done = TRUE;
}

void
ud_test_sign_in (UdDbWorker *worker,
                 const char *username)
{
  SignInWait wait = { FALSE, NULL };

  if (username != NULL)
    ud_db_worker_sign_in_async (worker, username, UD_TEST_PASSWORD, NULL, sign_in_done, &wait);
  else
    ud_db_worker_sign_out_async (worker, NULL, sign_in_done, &wait);
  g_assert_true (ud_test_wait_for (ud_test_is_true, &wait.done));
  g_assert_no_error (wait.error);
  if (username != NULL)
    g_assert_cmpstr (ud_session_get_username (ud_db_worker_get_session (worker)), ==, username);
  else
    g_assert_null (ud_db_worker_get_session (worker));
}
