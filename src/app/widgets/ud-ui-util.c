/* ud-ui-util.c — small helpers shared by the app's widgets
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-ui-util"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "ud-ui-util.h"

static const char *locale_dir;

static gboolean
running_uninstalled (void)
{
  g_autofree char *exe = NULL;

  if (g_strcmp0 (g_getenv ("UD_UNINSTALLED"), "1") == 0)
    return TRUE;

  /* The app or a test program run from the build tree. */
  exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, UD_BUILD_ROOT "/");
}

const char *
ud_app_get_locale_dir (void)
{
  if (locale_dir == NULL)
    locale_dir = running_uninstalled () ? UD_BUILD_LOCALEDIR : LOCALEDIR;

  return locale_dir;
}

void
ud_app_init_i18n (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, ud_app_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

void
ud_app_init_display (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  /* Uninstalled, the app icon is only in the source tree. */
  if (display != NULL && running_uninstalled ())
    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (display),
                                    UD_SOURCE_DATADIR "/icons");
}

char *
ud_format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);
  gsize i;

  for (i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

char *
ud_format_local_time (const char *iso,
                      const char *format)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL)
    return NULL;

  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);

  return g_date_time_format (local, format);
}

static GtkWidget *
find_toast_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_overlay (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
ud_widget_show_toast (GtkWidget *widget,
                      AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  /* A window of its own (an editor, the preferences): its own overlay. */
  if (overlay == NULL && GTK_IS_WINDOW (widget))
    overlay = find_toast_overlay (widget);
  if (overlay == NULL)
    {
      /* A dialog: the toast goes to the window it belongs to. */
      GtkRoot *root = gtk_widget_get_root (widget);
      GtkWindow *parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;

      if (parent != NULL)
        {
          ud_widget_show_toast (GTK_WIDGET (parent), toast);
          return;
        }

      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
ud_widget_show_message (GtkWidget  *widget,
                        const char *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  /* Toast titles are markup; messages may contain '&' or '<'. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 5);
  ud_widget_show_toast (widget, toast);
}

void
ud_widget_set_error (GtkWidget *widget,
                     gboolean   error)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

GtkWindow *
ud_dialog_window_new (GtkWindow   *parent,
                      const char  *title,
                      const char  *accept_label,
                      GtkWidget  **accept,
                      GtkLabel   **problem,
                      GtkWidget  **content)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_window_set_title (window, title);
  gtk_window_set_modal (window, TRUE);
  gtk_window_set_transient_for (window, parent);
  /* Escape cancels, as in the app's other dialogs. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Escape"),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (window), shortcuts);

  *accept = gtk_button_new_with_mnemonic (accept_label);
  gtk_widget_add_css_class (*accept, "suggested-action");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), *accept);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);

  /* A refusal stays in sight however long the form. */
  *problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (*problem, TRUE);
  gtk_label_set_xalign (*problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (*problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (*problem), FALSE);
  gtk_widget_set_margin_top (GTK_WIDGET (*problem), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (*problem), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (*problem), 18);

  *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (*content, 12);
  gtk_widget_set_margin_bottom (*content, 12);
  gtk_widget_set_margin_start (*content, 12);
  gtk_widget_set_margin_end (*content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), *content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*problem));
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);

  return window;
}

void
ud_label_show_problem (GtkLabel   *label,
                       const char *problem)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_label (label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (label), problem != NULL);
}

void
ud_form_note_problem (GString    *problems,
                      GtkWidget  *row,
                      const char *problem)
{
  g_return_if_fail (problems != NULL);
  g_return_if_fail (GTK_IS_WIDGET (row));

  ud_widget_set_error (row, problem != NULL);
  if (problem == NULL)
    return;

  if (problems->len > 0)
    g_string_append_c (problems, '\n');
  g_string_append (problems, problem);
}

/* Choice rows ------------------------------------------------------------- */

/* 1 when the row's list starts with the "none" entry. */
static guint
choice_offset (AdwComboRow   *row,
               const UdField *field)
{
  GListModel *model = adw_combo_row_get_model (row);

  return model != NULL && g_list_model_get_n_items (model) > field->n_choices ? 1 : 0;
}

void
ud_combo_row_set_choices (AdwComboRow   *row,
                          const UdField *field,
                          const char    *none_label)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_return_if_fail (ADW_IS_COMBO_ROW (row));
  g_return_if_fail (field != NULL);

  if (none_label != NULL && field->default_value == NULL)
    gtk_string_list_append (labels, none_label);
  for (guint i = 0; i < field->n_choices; i++)
    gtk_string_list_append (labels, _(field->choices[i].label));
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
}

const char *
ud_combo_row_get_choice (AdwComboRow   *row,
                         const UdField *field)
{
  guint selected;
  guint offset;

  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), "");
  g_return_val_if_fail (field != NULL, "");

  selected = adw_combo_row_get_selected (row);
  offset = choice_offset (row, field);
  if (selected == GTK_INVALID_LIST_POSITION || selected < offset || selected - offset >= field->n_choices)
    return "";

  return field->choices[selected - offset].value;
}

void
ud_combo_row_set_choice (AdwComboRow   *row,
                         const UdField *field,
                         const char    *value)
{
  const UdChoice *choice;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));
  g_return_if_fail (field != NULL);

  choice = value != NULL ? ud_field_find_choice (field, value) : NULL;
  adw_combo_row_set_selected (row, choice != NULL ? (guint)(choice - field->choices) + choice_offset (row, field) : 0);
}

/* Choosing a file ----------------------------------------------------------- */

typedef struct
{
  GWeakRef         owner;
  UdFileChosenFunc chosen;
} ChooserData;

static void
chooser_data_free (gpointer  data,
                   GClosure *closure)
{
  ChooserData *chooser = data;

  g_weak_ref_clear (&chooser->owner);
  g_free (chooser);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     ChooserData     *data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GtkWidget) owner = g_weak_ref_get (&data->owner);
  UdFileChosenFunc chosen = data->chosen;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);   /* frees @data */

  if (file != NULL && owner != NULL)
    chosen (owner, file);
}

static GFile *avoided_folder;

void
ud_file_chooser_avoid_folder (const char *folder)
{
  g_clear_object (&avoided_folder);
  if (folder != NULL)
    avoided_folder = g_file_new_for_path (folder);
}

void
ud_file_chooser_start_elsewhere (GtkFileChooser *chooser)
{
  g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (chooser);
  g_autoptr(GFile) documents = NULL;
  const char *path;

  if (avoided_folder == NULL || (current != NULL && !g_file_equal (current, avoided_folder)))
    return;

  path = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  documents = g_file_new_for_path (path != NULL && g_file_test (path, G_FILE_TEST_IS_DIR) ? path : g_get_home_dir ());
  if (!g_file_equal (documents, avoided_folder))
    gtk_file_chooser_set_current_folder (chooser, documents, NULL);
}

void
ud_file_chooser_run (GtkFileChooserNative *chooser,
                     GtkWidget            *owner,
                     UdFileChosenFunc      chosen)
{
  ChooserData *data;

  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));
  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (chosen != NULL);

  ud_file_chooser_start_elsewhere (GTK_FILE_CHOOSER (chooser));

  data = g_new0 (ChooserData, 1);
  g_weak_ref_init (&data->owner, owner);
  data->chosen = chosen;
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_chooser_response), data, chooser_data_free, 0);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
