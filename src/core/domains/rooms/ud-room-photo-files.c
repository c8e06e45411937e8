/* ud-room-photo-files.c — a room's photos: files beside the database, named by their content
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-rooms"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ud-json.h"
#include "ud-room-photo-files.h"
#include "ud-room-standards.h"

#define HASH_LENGTH 64

void
ud_room_photo_free (UdRoomPhoto *photo)
{
  if (photo == NULL)
    return;
  g_free (photo->file);
  g_free (photo->caption);
  g_free (photo);
}

gboolean
ud_room_photo_name_is_valid (const char *name)
{
  if (name == NULL || strlen (name) != HASH_LENGTH + 4)
    return FALSE;
  for (guint i = 0; i < HASH_LENGTH; i++)
    if (!g_ascii_isdigit (name[i]) && !(name[i] >= 'a' && name[i] <= 'f'))
      return FALSE;
  return g_str_equal (name + HASH_LENGTH, ".jpg") || g_str_equal (name + HASH_LENGTH, ".png");
}

static void
set_invalid (GError    **error,
             const char *message)
{
  g_set_error_literal (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INVALID, message);
}

GPtrArray *
ud_room_photos_parse (const char  *text,
                      GError     **error)
{
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_room_photo_free);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  if (text == NULL || *text == '\0')
    return g_steal_pointer (&photos);

  if ((root = ud_json_parse (text, -1, 4, "photos", NULL)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    {
      set_invalid (error, _("not a list of photos"));
      return NULL;
    }
  array = json_node_get_array (root);
  if (json_array_get_length (array) > UD_ROOM_MAX_PHOTOS)
    {
      g_set_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INVALID,
                   /* TRANSLATORS: the most photos a room has */
                   ngettext ("a room has at most %u photo", "a room has at most %u photos", UD_ROOM_MAX_PHOTOS),
                   UD_ROOM_MAX_PHOTOS);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *file, *caption = "";
      g_autoptr(UdRoomPhoto) photo = NULL;
      GList *members;
      gboolean unknown = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_invalid (error, _("not a list of photos"));
          return NULL;
        }
      object = json_node_get_object (node);
      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "file") && !g_str_equal (l->data, "caption"))
          unknown = TRUE;
      g_list_free (members);
      if (unknown)
        {
          set_invalid (error, _("a photo is described by its file and caption only"));
          return NULL;
        }

      node = json_object_get_member (object, "file");
      file = node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node) : NULL;
      if (file == NULL || !ud_room_photo_name_is_valid (file))
        {
          g_autofree char *shown = file != NULL ? g_strescape (file, NULL) : NULL;

          if (shown != NULL && g_utf8_strlen (shown, -1) > 80)
            {
              char *cut = g_utf8_offset_to_pointer (shown, 80);

              *cut = '\0';
            }
          g_set_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INVALID,
                       /* TRANSLATORS: a file name given for a photo */
                       _("“%s” is not the name of a photo file (64 hexadecimal digits of its content’s SHA-256, then .jpg or .png)"),
                       shown != NULL ? shown : "");
          return NULL;
        }
      for (guint k = 0; k < photos->len; k++)
        if (g_str_equal (((UdRoomPhoto *) g_ptr_array_index (photos, k))->file, file))
          {
            g_set_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INVALID,
                         /* TRANSLATORS: a photo's file name */
                         _("the photo “%s” is listed twice"), file);
            return NULL;
          }

      node = json_object_get_member (object, "caption");
      if (node != NULL)
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            {
              set_invalid (error, _("a photo’s caption is a text"));
              return NULL;
            }
          caption = json_node_get_string (node);
          if (g_utf8_strlen (caption, -1) > UD_ROOM_PHOTO_MAX_CAPTION)
            {
              g_set_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INVALID,
                           /* TRANSLATORS: the longest caption, in characters */
                           _("a photo’s caption has at most %u characters"), UD_ROOM_PHOTO_MAX_CAPTION);
              return NULL;
            }
        }

      photo = g_new0 (UdRoomPhoto, 1);
      photo->file = g_strdup (file);
      photo->caption = g_strdup (caption);
      g_ptr_array_add (photos, g_steal_pointer (&photo));
    }

  return g_steal_pointer (&photos);
}

char *
ud_room_photos_to_text (GPtrArray *photos)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (photos == NULL || photos->len == 0)
    return g_strdup ("");

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < photos->len; i++)
    {
      UdRoomPhoto *photo = g_ptr_array_index (photos, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, photo->file);
      if (photo->caption != NULL && *photo->caption != '\0')
        {
          json_builder_set_member_name (builder, "caption");
          json_builder_add_string_value (builder, photo->caption);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
uuid_is_safe (const char *uuid)
{
  if (uuid == NULL || *uuid == '\0' || strlen (uuid) > 64)
    return FALSE;
  for (const char *p = uuid; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

char *
ud_room_photos_folder (const char *db_path,
                       const char *room_uuid)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  if (!uuid_is_safe (room_uuid))
    return NULL;
  /* Where the office is, whatever the folder it was named from. */
  folder = g_path_get_dirname (db_path);
  if (!g_path_is_absolute (folder))
    {
      char *absolute = g_canonicalize_filename (folder, NULL);

      g_free (folder);
      folder = absolute;
    }
  return g_build_filename (folder, "photos", room_uuid, NULL);
}

char *
ud_room_photo_path (const char *db_path,
                    const char *room_uuid,
                    const char *name)
{
  g_autofree char *folder = ud_room_photos_folder (db_path, room_uuid);

  if (folder == NULL || !ud_room_photo_name_is_valid (name))
    return NULL;
  return g_build_filename (folder, name, NULL);
}

/* ".png", ".jpg" or NULL, by the picture's first bytes. */
static const char *
picture_extension (const guchar *data,
                   gsize         length)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guchar jpeg[] = { 0xff, 0xd8, 0xff };

  if (length >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return ".png";
  if (length >= sizeof jpeg && memcmp (data, jpeg, sizeof jpeg) == 0)
    return ".jpg";
  return NULL;
}

char *
ud_room_photo_import (const char  *db_path,
                      const char  *room_uuid,
                      const char  *source,
                      GError     **error)
{
  g_autofree char *display = g_filename_display_basename (source);
  g_autofree char *folder = ud_room_photos_folder (db_path, room_uuid);
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local = NULL;
  const char *extension;
  GStatBuf info;
  gsize length = 0;

  g_return_val_if_fail (source != NULL, NULL);

  if (folder == NULL)
    {
      set_invalid (error, _("The room is not saved yet: save it before adding photos."));
      return NULL;
    }
  if (g_stat (source, &info) == 0 && S_ISREG (info.st_mode) && info.st_size > UD_ROOM_PHOTO_MAX_BYTES)
    {
      g_set_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INPUT,
                   /* TRANSLATORS: a file's name, then the largest size in MB */
                   _("“%s” is larger than %u MB: a photo is at most %u MB."), display,
                   UD_ROOM_PHOTO_MAX_BYTES / (1024 * 1024), UD_ROOM_PHOTO_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!ud_file_read_regular (source, UD_ROOM_PHOTO_MAX_BYTES, &contents, &length, &local))
    {
      /* The message names the file. */
      g_set_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INPUT, "%s.", local->message);
      return NULL;
    }
  if ((extension = picture_extension ((const guchar *) contents, length)) == NULL)
    {
      g_set_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INPUT,
                   /* TRANSLATORS: a file's name */
                   _("“%s” is not a picture: a photo is a PNG or JPEG file."), display);
      return NULL;
    }

  name = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  name = g_strconcat (g_steal_pointer (&name), extension, NULL);
  path = g_build_filename (folder, name, NULL);

  /* The same picture again: the file is there already. */
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&name);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* TRANSLATORS: a folder, then why it cannot be made */
                   _("The photos folder “%s” cannot be made: %s."), folder, g_strerror (saved_errno));
      return NULL;
    }
  if (!g_file_set_contents_full (path, contents, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* TRANSLATORS: a file's name, then why it cannot be written */
                   _("“%s” cannot be copied beside the database: %s."), display, local->message);
      return NULL;
    }

  return g_steal_pointer (&name);
}

gboolean
ud_room_photos_add (GPtrArray   *photos,
                    const char  *name,
                    GError     **error)
{
  UdRoomPhoto *photo;

  g_return_val_if_fail (ud_room_photo_name_is_valid (name), FALSE);

  for (guint i = 0; i < photos->len; i++)
    if (g_str_equal (((UdRoomPhoto *) g_ptr_array_index (photos, i))->file, name))
      return TRUE;
  if (photos->len >= UD_ROOM_MAX_PHOTOS)
    {
      g_set_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INPUT,
                   /* TRANSLATORS: the most photos a room has */
                   ngettext ("The room has %u photo already, as many as a room may have.",
                             "The room has %u photos already, as many as a room may have.", UD_ROOM_MAX_PHOTOS),
                   UD_ROOM_MAX_PHOTOS);
      return FALSE;
    }

  photo = g_new0 (UdRoomPhoto, 1);
  photo->file = g_strdup (name);
  photo->caption = g_strdup ("");
  g_ptr_array_add (photos, photo);
  return TRUE;
}
