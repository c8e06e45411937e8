/* ud-room-photo-files.h — a room's photos: files beside the database, named by their content
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At most this many photos a room. */
#define UD_ROOM_MAX_PHOTOS        12
/* A photo file is at most 20 MB. */
#define UD_ROOM_PHOTO_MAX_BYTES   (20 * 1024 * 1024)
/* A caption is at most this many characters. */
#define UD_ROOM_PHOTO_MAX_CAPTION 80

/* One photo of a room: its file name (the sha256 of its bytes in
 * lower-case hex, then ".jpg" or ".png") and a caption ("" for none). */
typedef struct
{
  char *file;
  char *caption;
} UdRoomPhoto;

void         ud_room_photo_free        (UdRoomPhoto *photo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdRoomPhoto, ud_room_photo_free)

/* Whether @name is a photo's file name: 64 lower-case hex digits, then
 * ".jpg" or ".png" — never a folder, a "..", a slash. */
gboolean     ud_room_photo_name_is_valid (const char *name);

/* The photos a room's "photos" field holds: a JSON array of objects
 * {"file": NAME, "caption": TEXT}; "" is none.  A name not of the hash
 * form, a name twice, more than UD_ROOM_MAX_PHOTOS, a caption too long or
 * anything else in the text is an error whose message (translated, no
 * field label, no full stop) says what is wrong.  A GPtrArray of
 * UdRoomPhoto. */
GPtrArray   *ud_room_photos_parse      (const char  *text,
                                        GError     **error);
/* The field's text for @photos ("" for none). */
char        *ud_room_photos_to_text    (GPtrArray   *photos);

/* The folder of a room's photos: <folder of @db_path>/photos/<@room_uuid>.
 * NULL when @room_uuid could name another folder (a slash, a dot, empty). */
char        *ud_room_photos_folder     (const char  *db_path,
                                        const char  *room_uuid);
/* The file of a photo, or NULL (see ud_room_photos_folder ()). */
char        *ud_room_photo_path        (const char  *db_path,
                                        const char  *room_uuid,
                                        const char  *name);

/* Copies the picture at @source into the room's folder under its
 * content's name and returns that name (the same picture twice: one
 * file).  Refused, with a sentence naming the file: a file that is not a
 * PNG or JPEG picture, one larger than UD_ROOM_PHOTO_MAX_BYTES, one that
 * cannot be read or written.  Reads and writes files: never on the main
 * thread of an app. */
char        *ud_room_photo_import      (const char  *db_path,
                                        const char  *room_uuid,
                                        const char  *source,
                                        GError     **error);

/* Adds @name to @photos unless it is there already (TRUE then too); an
 * error when the room has UD_ROOM_MAX_PHOTOS already. */
gboolean     ud_room_photos_add        (GPtrArray   *photos,
                                        const char  *name,
                                        GError     **error);

G_END_DECLS
