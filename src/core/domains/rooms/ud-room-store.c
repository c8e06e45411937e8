/* ud-room-store.c — finding rooms, their lines, and the inspections due
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-rooms"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ud-room-store.h"
#include "ud-room-kind.h"
#include "ud-record-store.h"
#include "ud-uuid.h"
#include "ud-validate.h"

UdRecord *
ud_room_store_find (UdDatabase  *db,
                    const char  *key,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  UdRecord *room = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (ud_uuid_is_valid (key))
    room = ud_record_store_get_by_uuid (db, &ud_kind_room, key, &local_error);
  else
    {
      room = ud_record_store_find (db, &ud_kind_room, "plaque_number", key, &local_error);
      if (room == NULL && local_error == NULL)
        room = ud_record_store_find (db, &ud_kind_room, "name", key, &local_error);
    }
  if (local_error != NULL && !g_error_matches (local_error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (room == NULL || room->deleted)
    {
      g_clear_pointer (&room, ud_record_unref);
      g_set_error (error, UD_ROOM_ERROR, UD_ROOM_ERROR_NOT_FOUND,
                   /* TRANSLATORS: what was given to find a room */
                   _("There is no mother-and-baby room “%s”: give its name or its plaque number."), key);
    }

  return room;
}

GPtrArray *
ud_room_store_lines (UdDatabase     *db,
                     const UdKind   *kind,
                     const UdRecord *room,
                     gboolean        latest_first,
                     GError        **error)
{
  UdRecordFilter filter = { "room_uuid", UD_RECORD_FILTER_EQUALS, room->uuid };
  UdRecordQuery query = { kind, NULL, &filter, 1, kind->sort_field, latest_first };

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  return ud_record_store_list (db, &query, error);
}

void
ud_room_due_free (UdRoomDue *due)
{
  if (due == NULL)
    return;
  g_clear_pointer (&due->room, ud_record_unref);
  g_free (due->last_inspected);
  g_free (due->due);
  g_free (due);
}

static char *
months_after (const char *iso,
              guint       months)
{
  GDate date;

  if (!ud_date_parse (iso, &date, NULL))
    return g_strdup ("");
  g_date_add_months (&date, months);
  return ud_date_to_iso (&date);
}

GPtrArray *
ud_room_store_schedule (UdDatabase  *db,
                        GPtrArray   *rooms,
                        const char  *today,
                        GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) inspections = NULL;
  g_autoptr(GHashTable) latest = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) schedule = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_room_due_free);
  UdRecordQuery every_room = { &ud_kind_room, NULL, NULL, 0, "name", FALSE };
  UdRecordQuery every_inspection = { &ud_kind_room_inspection, NULL, NULL, 0, "inspected_on", FALSE };

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (rooms == NULL)
    {
      if ((all = ud_record_store_list (db, &every_room, error)) == NULL)
        return NULL;
      rooms = all;
    }

  /* Every inspection once, by date: the last one a room had wins. */
  if ((inspections = ud_record_store_list (db, &every_inspection, error)) == NULL)
    return NULL;
  for (guint i = 0; i < inspections->len; i++)
    {
      UdRecord *inspection = g_ptr_array_index (inspections, i);

      g_hash_table_insert (latest, (gpointer) ud_record_get (inspection, "room_uuid"), inspection);
    }

  for (guint i = 0; i < rooms->len; i++)
    {
      UdRecord *room = g_ptr_array_index (rooms, i);
      UdRecord *inspection = g_hash_table_lookup (latest, room->uuid);
      UdRoomDue *due = g_new0 (UdRoomDue, 1);

      due->room = ud_record_ref (room);
      if (inspection != NULL)
        {
          due->last_inspected = g_strdup (ud_record_get (inspection, "inspected_on"));
          due->due = g_strdup (ud_record_get (inspection, "next_due"));
        }
      else
        {
          const char *since = ud_record_get (room, "plaque_date");

          due->last_inspected = g_strdup ("");
          due->due = months_after (*since != '\0' ? since : ud_record_get (room, "opened_on"),
                                   UD_ROOM_INSPECTION_MONTHS);
        }
      due->overdue = *due->due != '\0' && strcmp (due->due, today) < 0;
      g_ptr_array_add (schedule, due);
    }

  return g_steal_pointer (&schedule);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const UdRoomDue *x = *(const UdRoomDue * const *) a;
  const UdRoomDue *y = *(const UdRoomDue * const *) b;
  int order = strcmp (x->due, y->due);

  return order != 0 ? order : g_strcmp0 (ud_record_get (x->room, "name"), ud_record_get (y->room, "name"));
}

GPtrArray *
ud_room_store_due (UdDatabase  *db,
                   const char  *today,
                   guint        within_days,
                   GError     **error)
{
  g_autoptr(GPtrArray) schedule = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *until = NULL;
  GDate date;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  if (!ud_date_parse (today, &date, error))
    return NULL;
  g_date_add_days (&date, within_days);
  until = ud_date_to_iso (&date);

  if ((schedule = ud_room_store_schedule (db, NULL, today, error)) == NULL)
    return NULL;

  due = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_room_due_free);
  for (guint i = 0; i < schedule->len; i++)
    {
      UdRoomDue *item = g_ptr_array_index (schedule, i);

      if (*item->due != '\0' && strcmp (item->due, until) <= 0)
        g_ptr_array_add (due, g_steal_pointer (&schedule->pdata[i]));
    }
  g_ptr_array_sort (due, compare_due);

  return g_steal_pointer (&due);
}
