/* test-room-photos.c — a room's photos: named by their content, kept beside the
 * database, and only such names taken, typed or come from elsewhere
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ud-backup.h"
#include "ud-core.h"
#include "ud-hlc.h"
#include "ud-received.h"
#include "ud-record-store.h"
#include "ud-room-kind.h"
#include "ud-room-photo-files.h"
#include "ud-unit-kind.h"
#include "ud-uuid.h"

/* A 1×1 PNG, and its SHA-256 as `sha256sum` gives it. */
static const guchar tiny_png[] =
  "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
  "\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\x00\x00\x03\x01\x01"
  "\x00\xc9\xfe\x92\xef\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";
#define TINY_PNG_NAME "b1ff9c8ea3a780bad09b346c423d2d0e46815926879b18e841d928376a946640.png"
/* The first bytes of a JPEG (JFIF) file. */
static const guchar jpeg_start[] = "\xff\xd8\xff\xe0JFIF";
#define JPEG_START_NAME "6f18bea31ace0455d61ac9394b95b48b03747c26ba414b8bc1cac0f216187442.jpg"

#define ROOM_UUID "01890a5d-ac96-774b-bcce-b302099a8060"

static void
test_names (void)
{
  g_assert_true (ud_room_photo_name_is_valid (TINY_PNG_NAME));
  g_assert_true (ud_room_photo_name_is_valid (JPEG_START_NAME));
  g_assert_false (ud_room_photo_name_is_valid (NULL));
  g_assert_false (ud_room_photo_name_is_valid (""));
  g_assert_false (ud_room_photo_name_is_valid ("photo.jpg"));
  /* Upper-case hex, another extension, one digit short or long. */
  g_assert_false (ud_room_photo_name_is_valid ("B1FF9C8EA3A780BAD09B346C423D2D0E46815926879B18E841D928376A946640.png"));
  g_assert_false (ud_room_photo_name_is_valid ("b1ff9c8ea3a780bad09b346c423d2d0e46815926879b18e841d928376a946640.gif"));
  g_assert_false (ud_room_photo_name_is_valid ("b1ff9c8ea3a780bad09b346c423d2d0e46815926879b18e841d928376a94664.png"));
  g_assert_false (ud_room_photo_name_is_valid ("b1ff9c8ea3a780bad09b346c423d2d0e46815926879b18e841d928376a9466400.png"));
  /* A way out of the room's folder. */
  g_assert_false (ud_room_photo_name_is_valid ("../../../../../../../../../../../../../../../../../etc/passwd.png"));
  g_assert_false (ud_room_photo_name_is_valid ("b1ff9c8ea3a780bad09b346c423d2d0e46815926879b18e841d928376a9466/.png"));

  g_assert_null (ud_room_photos_folder ("/office/office.db", "../other"));
  g_assert_null (ud_room_photos_folder ("/office/office.db", "a/b"));
  g_assert_null (ud_room_photos_folder ("/office/office.db", ""));
  g_assert_null (ud_room_photo_path ("/office/office.db", ROOM_UUID, "../office.db"));
  {
    g_autofree char *path = ud_room_photo_path ("/office/office.db", ROOM_UUID, TINY_PNG_NAME);

    g_assert_cmpstr (path, ==, "/office/photos/" ROOM_UUID "/" TINY_PNG_NAME);
  }
}

/* The reason @text is refused, or NULL when it is taken. */
static char *
refusal (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) photos = ud_room_photos_parse (text, &error);

  if (photos != NULL)
    return NULL;
  g_assert_nonnull (error);
  return g_strdup (error->message);
}

static void
test_parse (void)
{
  g_autoptr(GPtrArray) none = NULL, two = NULL, again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GString) many = g_string_new ("[");

  none = ud_room_photos_parse ("", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  two = ud_room_photos_parse ("[{\"file\": \"" TINY_PNG_NAME "\", \"caption\": \"哺乳区\"},"
                              " {\"file\": \"" JPEG_START_NAME "\"}]", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpstr (((UdRoomPhoto *) two->pdata[0])->file, ==, TINY_PNG_NAME);
  g_assert_cmpstr (((UdRoomPhoto *) two->pdata[0])->caption, ==, "哺乳区");
  g_assert_cmpstr (((UdRoomPhoto *) two->pdata[1])->caption, ==, "");

  /* Written and read again: the same. */
  text = ud_room_photos_to_text (two);
  again = ud_room_photos_parse (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpstr (((UdRoomPhoto *) again->pdata[0])->caption, ==, "哺乳区");
  g_assert_cmpstr (((UdRoomPhoto *) again->pdata[1])->file, ==, JPEG_START_NAME);
  g_clear_pointer (&text, g_free);
  text = ud_room_photos_to_text (none);
  g_assert_cmpstr (text, ==, "");

  /* Hostile or broken lists. */
  reason = refusal ("[{\"file\": \"../../office.db\"}]");
  g_assert_nonnull (strstr (reason, "../../office.db"));
  g_clear_pointer (&reason, g_free);
  reason = refusal ("[{\"file\": \"/etc/passwd\"}]");
  g_assert_nonnull (strstr (reason, "/etc/passwd"));
  g_clear_pointer (&reason, g_free);
  reason = refusal ("[{\"file\": \"" TINY_PNG_NAME "\"}, {\"file\": \"" TINY_PNG_NAME "\"}]");
  g_assert_nonnull (strstr (reason, "twice"));
  g_clear_pointer (&reason, g_free);
  reason = refusal ("[{\"file\": \"" TINY_PNG_NAME "\", \"path\": \"/tmp\"}]");
  g_assert_nonnull (reason);
  g_clear_pointer (&reason, g_free);
  reason = refusal ("[{\"file\": 7}]");
  g_assert_nonnull (reason);
  g_clear_pointer (&reason, g_free);
  reason = refusal ("[{\"file\": \"" TINY_PNG_NAME "\", \"caption\": 7}]");
  g_assert_nonnull (reason);
  g_clear_pointer (&reason, g_free);
  reason = refusal ("\"" TINY_PNG_NAME "\"");
  g_assert_nonnull (reason);
  g_clear_pointer (&reason, g_free);
  reason = refusal ("not json");
  g_assert_nonnull (reason);
  g_clear_pointer (&reason, g_free);
  {
    g_autofree char *caption = g_strnfill (UD_ROOM_PHOTO_MAX_CAPTION + 1, 'x');
    g_autofree char *json = g_strdup_printf ("[{\"file\": \"%s\", \"caption\": \"%s\"}]", TINY_PNG_NAME, caption);

    reason = refusal (json);
    g_assert_nonnull (strstr (reason, "80"));
    g_clear_pointer (&reason, g_free);
  }

  /* One photo too many. */
  for (guint i = 0; i <= UD_ROOM_MAX_PHOTOS; i++)
    {
      g_autofree char *hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) &i, sizeof i);

      g_string_append_printf (many, "%s{\"file\": \"%s.jpg\"}", i > 0 ? ", " : "", hash);
    }
  g_string_append (many, "]");
  reason = refusal (many->str);
  g_assert_nonnull (strstr (reason, "12"));
}

static void
test_add (void)
{
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_room_photo_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (ud_room_photos_add (photos, TINY_PNG_NAME, &error));
  g_assert_no_error (error);
  /* The same picture again: still one. */
  g_assert_true (ud_room_photos_add (photos, TINY_PNG_NAME, &error));
  g_assert_cmpuint (photos->len, ==, 1);

  for (guint i = 1; i < UD_ROOM_MAX_PHOTOS; i++)
    {
      g_autofree char *hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) &i, sizeof i);
      g_autofree char *name = g_strconcat (hash, ".png", NULL);

      g_assert_true (ud_room_photos_add (photos, name, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (photos->len, ==, UD_ROOM_MAX_PHOTOS);
  g_assert_false (ud_room_photos_add (photos, JPEG_START_NAME, &error));
  g_assert_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INPUT);
  g_assert_cmpuint (photos->len, ==, UD_ROOM_MAX_PHOTOS);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* A picture copied in is named by its content, once however often it is
 * added; what is not a PNG or JPEG, or larger than 20 MB, is refused
 * naming the file. */
static void
test_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ud-room-photos-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *png = g_build_filename (dir, "哺乳区.png", NULL);
  g_autofree char *jpeg = g_build_filename (dir, "door.jpeg", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.png", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.jpg", NULL);
  g_autofree char *folder = g_build_filename (dir, "photos", ROOM_UUID, NULL);
  g_autofree char *name = NULL, *again = NULL, *jpeg_name = NULL, *stored = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (png, (const char *) tiny_png, sizeof tiny_png - 1, NULL));
  g_assert_true (g_file_set_contents (jpeg, (const char *) jpeg_start, sizeof jpeg_start - 1, NULL));
  g_assert_true (g_file_set_contents (text, "just words", -1, NULL));

  name = ud_room_photo_import (db_path, ROOM_UUID, png, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, TINY_PNG_NAME);
  stored = g_build_filename (folder, TINY_PNG_NAME, NULL);
  g_assert_true (g_file_get_contents (stored, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, tiny_png, sizeof tiny_png - 1);

  again = ud_room_photo_import (db_path, ROOM_UUID, png, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, TINY_PNG_NAME);
  g_assert_cmpuint (count_files (folder), ==, 1);

  jpeg_name = ud_room_photo_import (db_path, ROOM_UUID, jpeg, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jpeg_name, ==, JPEG_START_NAME);
  g_assert_cmpuint (count_files (folder), ==, 2);

  g_assert_null (ud_room_photo_import (db_path, ROOM_UUID, text, &error));
  g_assert_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "notes.png"));
  g_assert_nonnull (strstr (error->message, "PNG or JPEG"));
  g_clear_error (&error);

  {
    FILE *file = g_fopen (huge, "wb");

    g_assert_nonnull (file);
    g_assert_cmpint (fwrite (jpeg_start, 1, sizeof jpeg_start - 1, file), ==, sizeof jpeg_start - 1);
    g_assert_cmpint (fseek (file, UD_ROOM_PHOTO_MAX_BYTES + 1, SEEK_SET), ==, 0);
    g_assert_cmpint (fputc (0, file), ==, 0);
    fclose (file);
  }
  g_assert_null (ud_room_photo_import (db_path, ROOM_UUID, huge, &error));
  g_assert_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "huge.jpg"));
  g_assert_nonnull (strstr (error->message, "20 MB"));
  g_clear_error (&error);

  /* A room that has no uuid yet, or a hostile one, has no folder. */
  g_assert_null (ud_room_photo_import (db_path, "../..", png, &error));
  g_assert_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (folder), ==, 2);

  remove_tree (dir);
}

static UdRecord *
new_room (void)
{
  UdRecord *room = ud_record_new (&ud_kind_room);

  ud_record_set (room, "name", "鼓楼母婴关爱室");
  ud_record_set (room, "unit", "密云建材公司");
  ud_record_set (room, "address", "密云区鼓楼东大街1号");
  ud_record_set (room, "street", "鼓楼街道");
  ud_record_set (room, "room_type", "unit");
  ud_record_set (room, "area_m2", "8");
  ud_record_set (room, "table_chair_sets", "2");
  ud_record_set (room, "facilities", "power_socket,fridge,privacy");
  ud_record_set (room, "opened_on", "2024-03-01");
  return room;
}

static UdIssue *
issue_on (GPtrArray  *issues,
          const char *field)
{
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      UdIssue *issue = g_ptr_array_index (issues, i);

      if (issue->field != NULL && g_str_equal (issue->field->name, field) && !issue->warning)
        return issue;
    }
  return NULL;
}

/* Saved with the room and read back; a hostile list is not saved, with
 * the field named. */
static void
test_record (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ud-room-photos-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(UdRecord) unit = ud_record_new (&ud_kind_unit);
  g_autoptr(UdRecord) room = new_room ();
  g_autoptr(UdRecord) hostile = new_room ();
  g_autoptr(UdRecord) read = NULL;
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  const char *list = "[{\"file\": \"" TINY_PNG_NAME "\", \"caption\": \"哺乳区\"}]";
  UdIssue *issue;

  g_assert_no_error (error);
  db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_database_initialize_office (db, "110118", "密云区总工会", &error);
  g_assert_no_error (error);
  ud_record_set (unit, "name", "密云建材公司");
  ud_record_set (unit, "credit_code", "91110228MA01ABCD1J");
  g_assert_true (ud_record_store_save (db, unit, NULL, &error));
  g_assert_no_error (error);

  ud_record_set (room, "photos", list);
  g_assert_true (ud_record_store_save (db, room, NULL, &error));
  g_assert_no_error (error);
  read = ud_record_store_get_by_uuid (db, &ud_kind_room, room->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ud_record_get (read, "photos"), ==, list);

  ud_record_set (hostile, "name", "别处母婴关爱室");
  ud_record_set (hostile, "photos", "[{\"file\": \"../../office.db\"}]");
  ud_record_store_validate (db, hostile, issues);
  issue = issue_on (issues, "photos");
  g_assert_nonnull (issue);
  g_assert_nonnull (strstr (issue->message, "Photos"));
  g_assert_false (ud_record_store_save (db, hostile, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (hostile->id, ==, 0);

  g_clear_object (&db);
  g_unlink (path);
  g_rmdir (dir);
}

/* A room from the city with a hostile photo name is refused, the refusal
 * naming the field; one with proper names is taken. */
static void
test_received (void)
{
  const UdReceivedStore nothing = { NULL, };
  const char *hostile_lists[] = {
    "[{\"file\": \"../../../office.db\"}]",
    "[{\"file\": \"/etc/passwd\"}]",
    "[{\"file\": \"" TINY_PNG_NAME "/../../x.png\"}]",
    "[{\"file\": \"..\"}]",
    "{\"file\": \"" TINY_PNG_NAME "\"}",
  };

  for (guint i = 0; i <= G_N_ELEMENTS (hostile_lists); i++)
    {
      g_autoptr(UdReceivedBatch) batch = ud_received_batch_new (&nothing);
      g_autoptr(UdRecord) room = new_room ();
      g_autoptr(GError) error = NULL;
      gboolean hostile = i < G_N_ELEMENTS (hostile_lists);
      const char *reason;

      room->uuid = ud_uuid_v7_new ();
      room->district = g_strdup ("110118");
      room->hlc = ud_hlc_format (1700000000000 + i, 0, "aaaaaaaaaaaa");
      room->updated_at = g_strdup ("");
      room->updated_by = g_strdup ("sync");
      ud_record_set (room, "photos", hostile ? hostile_lists[i] : "[{\"file\": \"" TINY_PNG_NAME "\"}]");

      ud_received_batch_add (batch, room);
      g_assert_true (ud_received_batch_check (batch, &error));
      g_assert_no_error (error);
      reason = ud_received_batch_refusal (batch, room);
      if (!hostile)
        {
          g_assert_null (issue_on (ud_received_batch_issues (batch, room), "photos"));
          continue;
        }
      g_assert_nonnull (reason);
      g_assert_nonnull (strstr (reason, "Photos"));
      g_assert_nonnull (issue_on (ud_received_batch_issues (batch, room), "photos"));
    }
}

/* A backup carries the photos: their files go beside the backup file
 * (only those not there yet), and come back beside the database when it
 * is restored. */
static void
test_backup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ud-room-photos-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *backup = g_build_filename (backups, "office-backup.db", NULL);
  g_autofree char *png = g_build_filename (dir, "room.png", NULL);
  g_autofree char *name = NULL, *kept = NULL, *backed_up = NULL, *safety = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(UdDatabase) db = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (backups, 0700), ==, 0);
  db = ud_database_open (db_path, &error);
  g_assert_no_error (error);
  ud_database_initialize_office (db, "110118", "密云区总工会", &error);
  g_assert_no_error (error);

  /* No photos yet: no photos folder beside the backup. */
  g_assert_true (ud_backup_create (db, backup, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *none = g_build_filename (backups, "photos", NULL);

    g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  }

  g_assert_true (g_file_set_contents (png, (const char *) tiny_png, sizeof tiny_png - 1, NULL));
  name = ud_room_photo_import (db_path, ROOM_UUID, png, &error);
  g_assert_no_error (error);
  kept = ud_room_photo_path (db_path, ROOM_UUID, name);
  backed_up = g_build_filename (backups, "photos", ROOM_UUID, name, NULL);

  g_assert_true (ud_backup_create (db, backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (backed_up, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, tiny_png, sizeof tiny_png - 1);
  /* Again: the file there already stays as it is. */
  g_assert_true (ud_backup_create (db, backup, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  /* The computer's photos lost; the restore brings them back. */
  g_assert_cmpint (g_unlink (kept), ==, 0);
  g_assert_true (ud_backup_restore (backup, db_path, NULL, &safety, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (kept, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, tiny_png, sizeof tiny_png - 1);

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ud_core_init ();

  g_test_add_func ("/room-photos/names", test_names);
  g_test_add_func ("/room-photos/parse", test_parse);
  g_test_add_func ("/room-photos/add", test_add);
  g_test_add_func ("/room-photos/import", test_import);
  g_test_add_func ("/room-photos/record", test_record);
  g_test_add_func ("/room-photos/received", test_received);
  g_test_add_func ("/room-photos/backup", test_backup);

  return g_test_run ();
}
