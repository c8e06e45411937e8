/* ud-room-photos.c — a room's photos in its editor: thumbnails, adding, a larger view
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-rooms"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-room-photos.h"
#include "ud-room-photo-files.h"

/* The thumbnails' size, and the larger view's. */
#define THUMBNAIL_SIZE 128
#define VIEW_SIZE      1600

/* The room's "photos" field is the hidden photos_row the binder reads and
 * fills: the thumbnails are drawn from it, adding and removing write it,
 * Save stores it with the room and Cancel forgets it.  The files copied
 * for photos not saved stay in the room's folder (a later save of the
 * same picture finds them there). */
typedef struct
{
  UdRecordEditor *editor;
  char           *db_path;
  char           *room_uuid;
  GtkEditable    *row;
  GtkFlowBox     *flow;
  GtkLabel       *refused;
  GtkWidget      *add_button;
  GCancellable   *cancellable;
  GHashTable     *thumbnails;   /* file name → GdkTexture */
  GHashTable     *unshown;      /* file name → the reason (PhotoState) */
  GHashTable     *loading;      /* file names being read */
} Photos;

typedef enum
{
  PHOTO_MISSING = 1,    /* not on this computer (another office's, a sync's) */
  PHOTO_UNREADABLE,     /* there, but not a picture GTK can show */
} PhotoState;

static void rebuild (Photos *photos);

static void
photos_free (Photos *photos)
{
  g_cancellable_cancel (photos->cancellable);
  g_clear_object (&photos->cancellable);
  g_free (photos->db_path);
  g_free (photos->room_uuid);
  g_hash_table_unref (photos->thumbnails);
  g_hash_table_unref (photos->unshown);
  g_hash_table_unref (photos->loading);
  g_free (photos);
}

/* The photos the row holds, or NULL when it holds something else (the
 * binder names the problem under the group). */
static GPtrArray *
current_photos (Photos *photos)
{
  return ud_room_photos_parse (gtk_editable_get_text (photos->row), NULL);
}

static void
set_photos (Photos    *photos,
            GPtrArray *list)
{
  g_autofree char *text = ud_room_photos_to_text (list);

  gtk_editable_set_text (photos->row, text);
}

static void
show_refused (Photos     *photos,
              const char *text)
{
  gtk_label_set_text (photos->refused, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (photos->refused), text != NULL && *text != '\0');
}

/* ---- reading pictures on a worker thread ---------------------------------------- */

typedef struct
{
  char *name;
  char *path;
  int   size;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_free (job->name);
  g_free (job->path);
  g_free (job);
}

static GdkPixbuf *
read_scaled (const char  *path,
             int          size,
             GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_scale (path, size, size, TRUE, error);

  if (pixbuf == NULL)
    return NULL;
  /* A photo taken with the phone turned. */
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  ReadJob *job = data;
  GError *error = NULL;
  GdkPixbuf *pixbuf;

  if (!g_file_test (job->path, G_FILE_TEST_IS_REGULAR))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", job->path);
      return;
    }
  if ((pixbuf = read_scaled (job->path, job->size, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
read_picture (const char          *path,
              const char          *name,
              int                  size,
              GCancellable        *cancellable,
              GAsyncReadyCallback  done,
              gpointer             data)
{
  GTask *task = g_task_new (NULL, cancellable, done, data);
  ReadJob *job = g_new0 (ReadJob, 1);

  job->name = g_strdup (name);
  job->path = g_strdup (path);
  job->size = size;
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_thread);
  g_object_unref (task);
}

static void
thumbnail_read (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  GTask *task = G_TASK (result);
  ReadJob *job = g_task_get_task_data (task);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  Photos *photos = data;

  /* The editor is gone. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  g_hash_table_remove (photos->loading, job->name);
  if ((pixbuf = g_task_propagate_pointer (task, &error)) != NULL)
    g_hash_table_insert (photos->thumbnails, g_strdup (job->name), gdk_texture_new_for_pixbuf (pixbuf));
  else
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_message ("The photo %s cannot be shown: %s", job->name, error->message);
      g_hash_table_insert (photos->unshown, g_strdup (job->name),
                           GINT_TO_POINTER (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                                            ? PHOTO_MISSING : PHOTO_UNREADABLE));
    }
  rebuild (photos);
}

/* ---- the larger view ----------------------------------------------------------- */

static void
view_read (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GtkWidget) stack = data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if ((pixbuf = g_task_propagate_pointer (G_TASK (result), &error)) == NULL)
    {
      AdwStatusPage *unshown = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (GTK_STACK (stack), "unshown"));

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          adw_status_page_set_title (unshown, _("This photo cannot be shown"));
          adw_status_page_set_description (unshown, error->message);
        }
      gtk_stack_set_visible_child_name (GTK_STACK (stack), "unshown");
      return;
    }
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (GTK_PICTURE (gtk_stack_get_child_by_name (GTK_STACK (stack), "picture")),
                             GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "picture");
}

/* The caption typed in the larger view goes into the photos row at once,
 * and is stored with the room when it is saved. */
static void
on_caption_changed (GtkEditable *entry,
                    Photos      *photos)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "ud-photo-index"));
  g_autoptr(GPtrArray) list = current_photos (photos);
  UdRoomPhoto *photo;

  if (list == NULL || index >= list->len)
    return;
  photo = g_ptr_array_index (list, index);
  g_free (photo->caption);
  photo->caption = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  set_photos (photos, list);
}

static void
on_thumbnail_clicked (GtkButton *button,
                      Photos    *photos)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ud-photo-index"));
  g_autoptr(GPtrArray) list = current_photos (photos);
  GtkWidget *window, *box, *header, *stack, *picture, *spinner, *unshown, *fields, *caption;
  g_autofree char *title = NULL;
  g_autofree char *path = NULL;
  UdRoomPhoto *photo;

  if (list == NULL || index >= list->len)
    return;
  photo = g_ptr_array_index (list, index);
  path = ud_room_photo_path (photos->db_path, photos->room_uuid, photo->file);
  if (path == NULL)
    return;

  /* TRANSLATORS: the number of a room's photo */
  title = g_strdup_printf (_("Photo %u"), index + 1);
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (photos->editor));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  stack = gtk_stack_new ();
  picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), *photo->caption != '\0' ? photo->caption : title);
  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  unshown = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (unshown), "image-missing-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (unshown), _("Photo not on this computer"));
  adw_status_page_set_description (ADW_STATUS_PAGE (unshown),
                                   _("The room’s record names this photo, but its file is not in the photos folder beside the database."));
  gtk_stack_add_named (GTK_STACK (stack), spinner, "loading");
  gtk_stack_add_named (GTK_STACK (stack), picture, "picture");
  gtk_stack_add_named (GTK_STACK (stack), unshown, "unshown");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "loading");
  gtk_widget_set_vexpand (stack, TRUE);
  gtk_widget_set_margin_start (stack, 12);
  gtk_widget_set_margin_end (stack, 12);
  gtk_widget_set_margin_top (stack, 12);
  gtk_widget_set_margin_bottom (stack, 12);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), stack);

  /* The caption, edited here; the field takes no more than a caption may
   * hold. */
  fields = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (fields), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (fields, "boxed-list");
  gtk_widget_set_margin_start (fields, 12);
  gtk_widget_set_margin_end (fields, 12);
  gtk_widget_set_margin_bottom (fields, 12);
  caption = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (caption), _("Caption"));
  gtk_editable_set_text (GTK_EDITABLE (caption), photo->caption);
  gtk_text_set_max_length (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (caption))), UD_ROOM_PHOTO_MAX_CAPTION);
  g_object_set_data (G_OBJECT (caption), "ud-photo-index", GUINT_TO_POINTER (index));
  g_signal_connect (caption, "changed", G_CALLBACK (on_caption_changed), photos);
  gtk_list_box_append (GTK_LIST_BOX (fields), caption);
  gtk_box_append (GTK_BOX (box), fields);
  adw_window_set_content (ADW_WINDOW (window), box);

  read_picture (path, photo->file, VIEW_SIZE, NULL, view_read, g_object_ref (stack));
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- removing ------------------------------------------------------------------ */

static void
on_remove_clicked (GtkButton *button,
                   Photos    *photos)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ud-photo-index"));
  g_autoptr(GPtrArray) list = current_photos (photos);

  if (list == NULL || index >= list->len)
    return;
  g_ptr_array_remove_index (list, index);
  show_refused (photos, NULL);
  set_photos (photos, list);
}

/* ---- the thumbnails ------------------------------------------------------------ */

static GtkWidget *
missing_face_new (const char *icon,
                  const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  GtkWidget *label = gtk_label_new (text);

  gtk_image_set_pixel_size (GTK_IMAGE (image), 48);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (image, "dim-label");
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
tile_new (Photos      *photos,
          UdRoomPhoto *photo,
          guint        index)
{
  GtkWidget *tile = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *remove = gtk_button_new_with_label (_("Remove"));
  GdkTexture *texture = g_hash_table_lookup (photos->thumbnails, photo->file);
  PhotoState state = GPOINTER_TO_INT (g_hash_table_lookup (photos->unshown, photo->file));
  /* TRANSLATORS: the number of a room's photo */
  g_autofree char *name = g_strdup_printf (_("Photo %u"), index + 1);
  /* TRANSLATORS: the number of a room's photo */
  g_autofree char *remove_name = g_strdup_printf (_("Remove photo %u"), index + 1);
  g_autofree char *description = NULL;
  GtkWidget *face, *caption;

  if (texture != NULL)
    {
      face = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_picture_set_can_shrink (GTK_PICTURE (face), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (face), GTK_CONTENT_FIT_CONTAIN);
      gtk_picture_set_alternative_text (GTK_PICTURE (face), *photo->caption != '\0' ? photo->caption : name);
    }
  else if (state == PHOTO_MISSING)
    face = missing_face_new ("image-missing-symbolic", _("Photo not on this computer"));
  else if (state == PHOTO_UNREADABLE)
    face = missing_face_new ("image-missing-symbolic", _("This photo cannot be shown"));
  else
    {
      g_autofree char *path = ud_room_photo_path (photos->db_path, photos->room_uuid, photo->file);

      face = gtk_spinner_new ();
      gtk_spinner_set_spinning (GTK_SPINNER (face), TRUE);
      gtk_widget_set_halign (face, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (face, GTK_ALIGN_CENTER);
      if (path != NULL && g_hash_table_add (photos->loading, g_strdup (photo->file)))
        read_picture (path, photo->file, THUMBNAIL_SIZE, photos->cancellable, thumbnail_read, photos);
    }
  gtk_widget_set_size_request (face, THUMBNAIL_SIZE, THUMBNAIL_SIZE);

  /* The thumbnail opens the larger view (which says why a photo not
   * shown here is not); its name is the photo's. */
  gtk_button_set_child (GTK_BUTTON (button), face);
  gtk_widget_add_css_class (button, "flat");
  /* TRANSLATORS: a field's label, then its value */
  description = *photo->caption != '\0' ? g_strdup_printf (_("%s: %s"), name, photo->caption) : g_strdup (name);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  g_object_set_data (G_OBJECT (button), "ud-photo-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (on_thumbnail_clicked), photos);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_halign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  g_object_set_data (G_OBJECT (remove), "ud-photo-index", GUINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), photos);

  /* The caption takes what height the row has to spare: a line of
   * Chinese is taller than an empty one, and the Remove buttons of a row
   * line up at its bottom. */
  caption = gtk_label_new (photo->caption);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (caption), 14);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_set_vexpand (caption, TRUE);
  gtk_widget_set_valign (caption, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (tile), button);
  gtk_box_append (GTK_BOX (tile), caption);
  gtk_box_append (GTK_BOX (tile), remove);
  return tile;
}

static void
rebuild (Photos *photos)
{
  g_autoptr(GPtrArray) list = current_photos (photos);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (photos->flow))) != NULL)
    gtk_flow_box_remove (photos->flow, child);

  gtk_widget_set_visible (GTK_WIDGET (photos->flow), list != NULL && list->len > 0);
  for (guint i = 0; list != NULL && i < list->len; i++)
    gtk_flow_box_append (photos->flow, tile_new (photos, g_ptr_array_index (list, i), i));
  gtk_widget_set_sensitive (photos->add_button, list != NULL && list->len < UD_ROOM_MAX_PHOTOS);
}

/* ---- adding -------------------------------------------------------------------- */

typedef struct
{
  char      *display;   /* the chosen file's name, for a message */
  char      *name;      /* its name beside the database, or NULL */
  char      *refusal;   /* why not, a sentence naming the file */
  GdkPixbuf *thumbnail;
} Added;

static void
added_free (Added *added)
{
  g_free (added->display);
  g_free (added->name);
  g_free (added->refusal);
  g_clear_object (&added->thumbnail);
  g_free (added);
}

typedef struct
{
  char  *db_path;
  char  *room_uuid;
  GStrv  sources;
} AddJob;

static void
add_job_free (AddJob *job)
{
  g_free (job->db_path);
  g_free (job->room_uuid);
  g_strfreev (job->sources);
  g_free (job);
}

/* Copies, hashes and scales each picture, off the main thread. */
static void
add_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  AddJob *job = data;
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) added_free);

  for (guint i = 0; job->sources[i] != NULL && !g_cancellable_is_cancelled (cancellable); i++)
    {
      Added *added = g_new0 (Added, 1);
      g_autoptr(GError) error = NULL;

      added->display = g_filename_display_basename (job->sources[i]);
      added->name = ud_room_photo_import (job->db_path, job->room_uuid, job->sources[i], &error);
      if (added->name == NULL)
        added->refusal = g_strdup (error->message);
      else
        {
          g_autofree char *path = ud_room_photo_path (job->db_path, job->room_uuid, added->name);

          added->thumbnail = read_scaled (path, THUMBNAIL_SIZE, &error);
          /* Its first bytes said PNG or JPEG, but it is not one. */
          if (added->thumbnail == NULL)
            {
              added->refusal = g_strdup_printf (_("“%s” is not a picture that can be shown: %s."),
                                                added->display, error->message);
              g_clear_pointer (&added->name, g_free);
            }
        }
      g_ptr_array_add (results, added);
    }
  g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

static void
photos_added (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GTask *task = G_TASK (result);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) refused = g_string_new (NULL);
  Photos *photos = data;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;
  results = g_task_propagate_pointer (task, NULL);
  gtk_widget_set_sensitive (photos->add_button, TRUE);
  if ((list = current_photos (photos)) == NULL || results == NULL)
    return;

  for (guint i = 0; i < results->len; i++)
    {
      Added *added = g_ptr_array_index (results, i);
      g_autoptr(GError) error = NULL;

      if (added->name != NULL && !ud_room_photos_add (list, added->name, &error))
        /* TRANSLATORS: a file's name, then why it was not added */
        added->refusal = g_strdup_printf (_("“%s” was not added: %s"), added->display, error->message);
      else if (added->name != NULL)
        {
          g_hash_table_remove (photos->unshown, added->name);
          g_hash_table_insert (photos->thumbnails, g_strdup (added->name),
                               gdk_texture_new_for_pixbuf (added->thumbnail));
        }
      if (added->refusal != NULL)
        g_string_append_printf (refused, "%s%s", refused->len > 0 ? "\n" : "", added->refusal);
    }

  show_refused (photos, refused->str);
  set_photos (photos, list);
  rebuild (photos);
}

static void
on_files_chosen (GtkNativeDialog *chooser,
                 int              response,
                 Photos          *photos)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  GTask *task;
  AddJob *job;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (sources, path);
    }
  if (sources->len == 0)
    return;
  g_ptr_array_add (sources, NULL);

  job = g_new0 (AddJob, 1);
  job->db_path = g_strdup (photos->db_path);
  job->room_uuid = g_strdup (photos->room_uuid);
  job->sources = (GStrv) g_ptr_array_steal (sources, NULL);

  show_refused (photos, NULL);
  gtk_widget_set_sensitive (photos->add_button, FALSE);
  task = g_task_new (NULL, photos->cancellable, photos_added, photos);
  g_task_set_task_data (task, job, (GDestroyNotify) add_job_free);
  g_task_run_in_thread (task, add_thread);
  g_object_unref (task);
}

static void
on_add_clicked (Photos *photos)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Add Photos of the Room"), GTK_WINDOW (photos->editor),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Pictures (PNG, JPEG)"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_files_chosen), photos);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the editor ---------------------------------------------------------------- */

void
ud_room_photos_loaded (UdRecordEditor *editor,
                       UdDbWorker     *worker,
                       UdRecord       *room)
{
  Photos *photos = g_object_get_data (G_OBJECT (editor), "ud-room-photos");
  GtkWidget *group = GTK_WIDGET (ud_record_editor_get_object (editor, "photos_group"));

  /* A new room has no folder yet: its photos are added once it is saved. */
  gtk_widget_set_visible (group, room->id != 0 && room->uuid != NULL);
  if (room->id == 0 || room->uuid == NULL)
    return;

  if (photos == NULL)
    {
      photos = g_new0 (Photos, 1);
      photos->editor = editor;
      photos->db_path = g_strdup (ud_db_worker_get_path (worker));
      photos->row = GTK_EDITABLE (ud_record_editor_get_object (editor, "photos_row"));
      photos->flow = GTK_FLOW_BOX (ud_record_editor_get_object (editor, "photos_flow"));
      photos->refused = GTK_LABEL (ud_record_editor_get_object (editor, "photos_refused"));
      photos->add_button = GTK_WIDGET (ud_record_editor_get_object (editor, "photos_add_button"));
      photos->cancellable = g_cancellable_new ();
      photos->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      photos->unshown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      photos->loading = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (editor), "ud-room-photos", photos, (GDestroyNotify) photos_free);

      /* Nothing read for a closed editor is shown. */
      g_signal_connect_swapped (editor, "destroy", G_CALLBACK (g_cancellable_cancel), photos->cancellable);
      g_signal_connect_swapped (photos->row, "changed", G_CALLBACK (rebuild), photos);
      g_signal_connect_swapped (photos->add_button, "clicked", G_CALLBACK (on_add_clicked), photos);
    }
  g_free (photos->room_uuid);
  photos->room_uuid = g_strdup (room->uuid);
  rebuild (photos);
}
