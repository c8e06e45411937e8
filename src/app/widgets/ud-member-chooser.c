/* ud-member-chooser.c — finding a member on the roll, for any register
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-member-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-member-chooser.h"
#include "ud-member-kind.h"
#include "ud-member-store.h"
#include "ud-ui-util.h"

struct _UdMemberChooser
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *search;
  GtkListBox         *list;
  GtkLabel           *note;
  GtkWidget          *scroller;

  UdDbWorker         *worker;
  GSettings          *settings;
  GCancellable       *cancellable;
  GPtrArray          *members;    /* UdRecord, one a row */
  char               *status;
  char               *model_worker;
  GHashTable         *excluded;   /* uuid */
  UdMemberFilterFunc  filter;
  gpointer            filter_data;
  GDestroyNotify      filter_destroy;
  gboolean            searching;
};

G_DEFINE_FINAL_TYPE (UdMemberChooser, ud_member_chooser, GTK_TYPE_WIDGET)

enum
{
  MEMBER_CHOSEN,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The search, on the worker ------------------------------------------------ */

static void
query_free (UdMemberQuery *query)
{
  ud_member_query_clear (query);
  g_free (query);
}

static gpointer
search_job (UdDatabase    *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GArray) ids = ud_member_store_query (db, data, cancellable, error);

  if (ids == NULL)
    return NULL;
  return ud_member_store_load (db, (const gint64 *) (gpointer) ids->data, ids->len, error);
}

static gboolean
masked (UdMemberChooser *self)
{
  return !g_settings_get_boolean (self->settings, "show-full-identifiers") ||
         !ud_db_worker_may (self->worker, UD_PERMISSION_SEE_FULL_IDS);
}

static GtkWidget *
member_row (UdMemberChooser *self,
            const UdRecord  *member)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *id_number = ud_field_display (ud_kind_find_field (&ud_kind_member, "id_number"),
                                                 ud_record_get (member, "id_number"), masked (self));
  g_autofree char *status = ud_field_display (ud_kind_find_field (&ud_kind_member, "status"),
                                              ud_record_get (member, "status"), FALSE);
  /* Translators: an ID number (masked), a work unit, a membership status */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s"), id_number, ud_record_get (member, "unit"), status);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ud_record_get (member, "name"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static gboolean
offered (UdMemberChooser *self,
         const UdRecord  *member)
{
  if (self->excluded != NULL && g_hash_table_contains (self->excluded, member->uuid))
    return FALSE;
  return self->filter == NULL || self->filter (member, self->filter_data);
}

static void
clear_rows (UdMemberChooser *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->members, 0);
}

static void
search_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(UdMemberChooser) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = ud_db_worker_run_finish (result, &error);
  g_autofree char *selected = NULL;
  GtkListBoxRow *reselect = NULL;
  const char *text;
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->list == NULL)
    return;

  /* The member selected stays selected when the search finds them again. */
  if (ud_member_chooser_get_selected (self) != NULL)
    selected = g_strdup (ud_member_chooser_get_selected (self)->uuid);
  self->searching = FALSE;
  clear_rows (self);
  if (found == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->note), "error");
      ud_label_show_problem (self->note, error->message);
      gtk_widget_set_visible (self->scroller, FALSE);
      return;
    }

  n = MIN (found->len, UD_MEMBER_CHOOSER_LIMIT);
  for (guint i = 0; i < n; i++)
    {
      UdRecord *member = g_ptr_array_index (found, i);

      if (!offered (self, member))
        continue;
      g_ptr_array_add (self->members, ud_record_ref (member));
      gtk_list_box_append (self->list, member_row (self, member));
      if (g_strcmp0 (member->uuid, selected) == 0)
        reselect = gtk_list_box_get_row_at_index (self->list, (int) self->members->len - 1);
    }
  if (reselect != NULL)
    gtk_list_box_select_row (self->list, reselect);

  gtk_widget_remove_css_class (GTK_WIDGET (self->note), "error");
  text = gtk_editable_get_text (GTK_EDITABLE (self->search));
  if (found->len > UD_MEMBER_CHOOSER_LIMIT)
    {
      g_autofree char *count = ud_format_count (UD_MEMBER_CHOOSER_LIMIT);
      g_autofree char *note = NULL;

      /* Translators: how many members are shown */
      note = g_strdup_printf (_("The first %s are shown: type more of the name or number to narrow the search."), count);
      gtk_label_set_text (self->note, note);
      gtk_widget_set_visible (GTK_WIDGET (self->note), TRUE);
    }
  else if (self->members->len == 0)
    {
      gtk_label_set_text (self->note, *text != '\0' ? _("Nobody on the roll matches.")
                                                    : _("Nobody on the roll can be chosen here."));
      gtk_widget_set_visible (GTK_WIDGET (self->note), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->note), FALSE);
  gtk_widget_set_visible (self->scroller, self->members->len > 0);
}

void
ud_member_chooser_refresh (UdMemberChooser *self)
{
  UdMemberQuery *query;

  g_return_if_fail (UD_IS_MEMBER_CHOOSER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->worker == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->searching = TRUE;
  query = g_new0 (UdMemberQuery, 1);
  query->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search))));
  query->status = g_strdup (self->status);
  query->model_worker = g_strdup (self->model_worker);
  /* One more than is shown tells that there are more. */
  query->limit = UD_MEMBER_CHOOSER_LIMIT + 1;
  ud_db_worker_run_async (self->worker, search_job, query, (GDestroyNotify) query_free,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                          search_done, g_object_ref (self));
}

/* The keyboard --------------------------------------------------------------- */

static UdRecord *
row_member (UdMemberChooser *self,
            GtkListBoxRow   *row)
{
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (index < 0 || (guint) index >= self->members->len)
    return NULL;
  return g_ptr_array_index (self->members, index);
}

static void
on_row_activated (GtkListBox      *list,
                  GtkListBoxRow   *row,
                  UdMemberChooser *self)
{
  UdRecord *member = row_member (self, row);

  if (member == NULL)
    return;
  gtk_list_box_select_row (list, row);
  g_signal_emit (self, signals[MEMBER_CHOSEN], 0, member);
}

/* Enter in the search chooses the selected row, else the first. */
static void
on_search_activate (UdMemberChooser *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list, 0);
  if (row != NULL && !self->searching)
    on_row_activated (self->list, row, self);
}

/* Down in the search goes into the list. */
static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               UdMemberChooser       *self)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  row = gtk_list_box_get_selected_row (self->list);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list, 0);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

static void
on_row_selected (UdMemberChooser *self)
{
  if (self->list == NULL)
    return;
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
on_records_changed (UdDbWorker      *worker,
                    const char      *kind,
                    UdMemberChooser *self)
{
  if (kind == NULL || g_str_equal (kind, ud_kind_member.name))
    ud_member_chooser_refresh (self);
}

static void
on_show_full_identifiers_changed (UdMemberChooser *self)
{
  ud_member_chooser_refresh (self);
}

/* The widget ------------------------------------------------------------------ */

static void
ud_member_chooser_dispose (GObject *object)
{
  UdMemberChooser *self = UD_MEMBER_CHOOSER (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  /* The rows going away select nothing. */
  self->list = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->filter_destroy != NULL)
    self->filter_destroy (self->filter_data);
  self->filter = NULL;
  self->filter_destroy = NULL;
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->excluded, g_hash_table_unref);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->model_worker, g_free);
  g_ptr_array_set_size (self->members, 0);

  G_OBJECT_CLASS (ud_member_chooser_parent_class)->dispose (object);
}

static void
ud_member_chooser_finalize (GObject *object)
{
  g_ptr_array_unref (UD_MEMBER_CHOOSER (object)->members);

  G_OBJECT_CLASS (ud_member_chooser_parent_class)->finalize (object);
}

static gboolean
ud_member_chooser_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (UD_MEMBER_CHOOSER (widget)->search));
}

static void
ud_member_chooser_class_init (UdMemberChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ud_member_chooser_dispose;
  object_class->finalize = ud_member_chooser_finalize;
  widget_class->grab_focus = ud_member_chooser_grab_focus;

  signals[MEMBER_CHOSEN] =
    g_signal_new ("member-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  /* Another row selected, or none. */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ud_member_chooser_init (UdMemberChooser *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);
  self->members = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::show-full-identifiers",
                           G_CALLBACK (on_show_full_identifiers_changed), self, G_CONNECT_SWAPPED);

  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_search_entry_set_search_delay (self->search, 150);
  g_object_set (self->search, "placeholder-text", _("Search by name, pinyin, ID number or unit"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the Roll"), -1);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (ud_member_chooser_refresh), self);
  g_signal_connect_swapped (self->search, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search), keys);
  gtk_widget_set_parent (GTK_WIDGET (self->search), GTK_WIDGET (self));

  self->note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->note, TRUE);
  gtk_label_set_xalign (self->note, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->note), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->note), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->note), GTK_WIDGET (self));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (self->list, FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Members Found"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect_swapped (self->list, "row-selected", G_CALLBACK (on_row_selected), self);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->scroller), 240);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_visible (self->scroller, FALSE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  /* Typing anywhere in the chooser goes to the search. */
  gtk_search_entry_set_key_capture_widget (self->search, GTK_WIDGET (self));
}

GtkWidget *
ud_member_chooser_new (UdDbWorker *worker)
{
  UdMemberChooser *self = g_object_new (UD_TYPE_MEMBER_CHOOSER, NULL);

  if (worker != NULL)
    ud_member_chooser_set_worker (self, worker);
  return GTK_WIDGET (self);
}

void
ud_member_chooser_set_worker (UdMemberChooser *self,
                              UdDbWorker      *worker)
{
  g_return_if_fail (UD_IS_MEMBER_CHOOSER (self));
  g_return_if_fail (UD_IS_DB_WORKER (worker));

  if (self->worker == worker)
    return;
  if (self->worker != NULL)
    g_signal_handlers_disconnect_by_data (self->worker, self);
  g_set_object (&self->worker, worker);
  g_signal_connect_object (worker, "records-changed", G_CALLBACK (on_records_changed), self, 0);
  ud_member_chooser_refresh (self);
}

void
ud_member_chooser_set_offered (UdMemberChooser *self,
                               const char      *status,
                               const char      *model_worker)
{
  g_return_if_fail (UD_IS_MEMBER_CHOOSER (self));

  g_free (self->status);
  g_free (self->model_worker);
  self->status = g_strdup (status);
  self->model_worker = g_strdup (model_worker);
  ud_member_chooser_refresh (self);
}

void
ud_member_chooser_set_excluded (UdMemberChooser    *self,
                                const char * const *uuids)
{
  g_return_if_fail (UD_IS_MEMBER_CHOOSER (self));

  g_clear_pointer (&self->excluded, g_hash_table_unref);
  if (uuids != NULL)
    {
      self->excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; uuids[i] != NULL; i++)
        g_hash_table_add (self->excluded, g_strdup (uuids[i]));
    }
  ud_member_chooser_refresh (self);
}

void
ud_member_chooser_set_filter_func (UdMemberChooser    *self,
                                   UdMemberFilterFunc  func,
                                   gpointer            user_data,
                                   GDestroyNotify      destroy)
{
  g_return_if_fail (UD_IS_MEMBER_CHOOSER (self));

  if (self->filter_destroy != NULL)
    self->filter_destroy (self->filter_data);
  self->filter = func;
  self->filter_data = user_data;
  self->filter_destroy = destroy;
  ud_member_chooser_refresh (self);
}

UdRecord *
ud_member_chooser_get_selected (UdMemberChooser *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_CHOOSER (self), NULL);

  if (self->list == NULL)
    return NULL;
  return row_member (self, gtk_list_box_get_selected_row (self->list));
}

guint
ud_member_chooser_get_n_results (UdMemberChooser *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_CHOOSER (self), 0);

  return self->members->len;
}

gboolean
ud_member_chooser_get_ready (UdMemberChooser *self)
{
  g_return_val_if_fail (UD_IS_MEMBER_CHOOSER (self), FALSE);

  return !self->searching;
}

void
ud_member_chooser_focus_search (UdMemberChooser *self)
{
  g_return_if_fail (UD_IS_MEMBER_CHOOSER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search));
}

/* The dialog ------------------------------------------------------------------- */

typedef struct
{
  GtkWindow             *window;
  UdMemberChooser       *chooser;
  GtkWidget             *accept;
  GtkWidget             *content;
  GtkLabel              *problem;
  UdMemberChooserAccept  on_accept;
  gpointer               user_data;
  GDestroyNotify         destroy;
  gboolean               busy;
  gboolean               has_extra;
  gboolean               closed;
} Dialog;

static void
dialog_free (Dialog *dialog)
{
  if (dialog->destroy != NULL)
    dialog->destroy (dialog->user_data);
  g_free (dialog);
}

static Dialog *
dialog_of (GtkWindow *window)
{
  return g_object_get_data (G_OBJECT (window), "ud-member-chooser-dialog");
}

static void
dialog_update (Dialog *dialog)
{
  if (dialog->closed)
    return;
  gtk_widget_set_sensitive (dialog->accept,
                            !dialog->busy && ud_member_chooser_get_selected (dialog->chooser) != NULL);
}

static void
dialog_accept (Dialog *dialog)
{
  UdRecord *member = ud_member_chooser_get_selected (dialog->chooser);

  if (dialog->busy || member == NULL)
    return;
  dialog->busy = TRUE;
  dialog_update (dialog);
  ud_label_show_problem (dialog->problem, NULL);
  /* The member outlives a new search while the caller works. */
  {
    g_autoptr(UdRecord) held = ud_record_ref (member);

    dialog->on_accept (dialog->window, held, dialog->user_data);
  }
}

static void
on_dialog_chosen (UdMemberChooser *chooser,
                  UdRecord        *member,
                  Dialog          *dialog)
{
  dialog_update (dialog);
  if (!dialog->has_extra)
    dialog_accept (dialog);
  else
    gtk_widget_child_focus (dialog->content, GTK_DIR_TAB_FORWARD);
}

/* A caller's answer may come after the window was closed. */
static void
on_dialog_destroy (Dialog *dialog)
{
  dialog->closed = TRUE;
}

static void
on_dialog_selected (Dialog *dialog)
{
  dialog_update (dialog);
}

GtkWindow *
ud_member_chooser_dialog_new (GtkWindow             *parent,
                              UdDbWorker            *worker,
                              const char            *title,
                              const char            *accept_label,
                              const char            *description,
                              UdMemberChooserAccept  accept,
                              gpointer               user_data,
                              GDestroyNotify         destroy)
{
  Dialog *dialog;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (accept != NULL, NULL);

  dialog = g_new0 (Dialog, 1);
  dialog->window = ud_dialog_window_new (parent, title, accept_label, &dialog->accept, &dialog->problem,
                                         &dialog->content);
  dialog->on_accept = accept;
  dialog->user_data = user_data;
  dialog->destroy = destroy;
  g_object_set_data_full (G_OBJECT (dialog->window), "ud-member-chooser-dialog", dialog,
                          (GDestroyNotify) dialog_free);
  gtk_window_set_default_size (dialog->window, 640, 600);
  g_signal_connect_swapped (dialog->accept, "clicked", G_CALLBACK (dialog_accept), dialog);
  g_signal_connect_swapped (dialog->window, "destroy", G_CALLBACK (on_dialog_destroy), dialog);

  if (description != NULL)
    {
      GtkWidget *label = gtk_label_new (description);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (dialog->content), label);
    }
  dialog->chooser = UD_MEMBER_CHOOSER (ud_member_chooser_new (worker));
  gtk_box_append (GTK_BOX (dialog->content), GTK_WIDGET (dialog->chooser));
  g_signal_connect (dialog->chooser, "member-chosen", G_CALLBACK (on_dialog_chosen), dialog);
  g_signal_connect_swapped (dialog->chooser, "selection-changed", G_CALLBACK (on_dialog_selected), dialog);
  dialog_update (dialog);
  gtk_window_set_focus (dialog->window, GTK_WIDGET (dialog->chooser->search));

  return dialog->window;
}

UdMemberChooser *
ud_member_chooser_dialog_get_chooser (GtkWindow *window)
{
  Dialog *dialog = dialog_of (window);

  g_return_val_if_fail (dialog != NULL, NULL);
  return dialog->chooser;
}

void
ud_member_chooser_dialog_add (GtkWindow *window,
                              GtkWidget *widget)
{
  Dialog *dialog = dialog_of (window);

  g_return_if_fail (dialog != NULL);
  dialog->has_extra = TRUE;
  gtk_box_append (GTK_BOX (dialog->content), widget);
}

void
ud_member_chooser_dialog_show_problem (GtkWindow  *window,
                                       const char *problem)
{
  Dialog *dialog = dialog_of (window);

  g_return_if_fail (dialog != NULL);
  dialog->busy = FALSE;
  if (dialog->closed)
    return;
  ud_label_show_problem (dialog->problem, problem);
  dialog_update (dialog);
}
