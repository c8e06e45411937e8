/* ud-room-print.c — the plaque certificates and the rooms register
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-rooms"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ud-room-print.h"
#include "ud-audit.h"
#include "ud-certificate.h"
#include "ud-grid.h"
#include "ud-room-kind.h"
#include "ud-room-store.h"
#include "ud-validate.h"

/* The words a printed paper uses for a choice: the offices' own. */
static const char *
paper_choice (const char *field,
              const char *value)
{
  const UdField *f = ud_kind_find_field (&ud_kind_room, field);

  for (guint i = 0; i < f->n_choices; i++)
    if (g_str_equal (f->choices[i].value, value))
      return f->choices[i].csv;

  return value;
}

static char *
paper_set (const char *field,
           const char *values)
{
  g_auto(GStrv) parts = g_strsplit (values, ",", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      {
        if (text->len > 0)
          g_string_append (text, "、");
        g_string_append (text, paper_choice (field, parts[i]));
      }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
paper_date (const char *iso)
{
  GDate date;

  if (iso == NULL || *iso == '\0' || !ud_date_parse (iso, &date, NULL))
    return g_strdup ("");
  return g_strdup_printf ("%u年%u月%u日", (guint) g_date_get_year (&date), (guint) g_date_get_month (&date),
                          (guint) g_date_get_day (&date));
}

/* ---- plaque certificates --------------------------------------------------- */

static UdDocument *
build_certificates (const char  *issuer,
                    const char  *district,
                    GPtrArray   *rooms,
                    GError     **error)
{
  g_autoptr(UdDocument) document = NULL;

  if (rooms == NULL || rooms->len == 0)
    {
      g_set_error_literal (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_EMPTY,
                           _("Choose at least one room to print its certificate."));
      return NULL;
    }

  document = ud_certificate_document_new ("母婴关爱室达标证书");
  for (guint i = 0; i < rooms->len; i++)
    {
      const UdRecord *room = g_ptr_array_index (rooms, i);
      const char *level = ud_record_get (room, "level");
      const char *unit = ud_record_get (room, "unit");
      g_autofree char *body = NULL, *unit_line = NULL, *level_line = NULL, *number_line = NULL;
      g_autofree char *payload = NULL;
      const char *details[4];
      UdCertificate certificate = { 0, };

      if (!ud_room_level_has_plaque (level) || *ud_record_get (room, "plaque_number") == '\0' ||
          *ud_record_get (room, "plaque_date") == '\0')
        {
          g_set_error (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_EMPTY,
                       /* TRANSLATORS: a room's name */
                       _("“%s” has no plaque yet: give it the level of a plaque, its plaque number and date first."),
                       ud_record_get (room, "name"));
          return NULL;
        }

      if (g_str_equal (level, "plaqued"))
        body = g_strdup_printf ("%s%s经检查验收，达到母婴关爱室建设标准，准予达标挂牌。\n特发此证。",
                                unit, ud_record_get (room, "name"));
      else
        body = g_strdup_printf ("%s%s经检查验收，达到母婴关爱室建设标准，被评定为%s母婴关爱室。\n特发此证。",
                                unit, ud_record_get (room, "name"), paper_choice ("level", level));
      unit_line = g_strdup_printf ("所在单位：%s", unit);
      level_line = g_strdup_printf ("级别：%s", paper_choice ("level", level));
      number_line = g_strdup_printf ("挂牌编号：%s", ud_record_get (room, "plaque_number"));
      details[0] = unit_line;
      details[1] = level_line;
      details[2] = number_line;
      details[3] = NULL;
      /* What a phone reads from the QR code: the district and the
       * plaque number, which the union's register answers for.  Short,
       * so that the code is small and quick to draw. */
      payload = g_strdup_printf ("UD:ROOM:%s:%s", district, ud_record_get (room, "plaque_number"));

      certificate.title = "母婴关爱室达标证书";
      certificate.recipient = ud_record_get (room, "name");
      certificate.body = body;
      certificate.details = details;
      certificate.issuer = issuer;
      certificate.date = ud_record_get (room, "plaque_date");
      certificate.serial = ud_record_get (room, "plaque_number");
      certificate.qr_payload = payload;
      if (!ud_certificate_add (document, &certificate, error))
        return NULL;
    }

  return g_steal_pointer (&document);
}

UdDocument *
ud_room_certificates_build (UdDatabase  *db,
                            GPtrArray   *rooms,
                            GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  return build_certificates (ud_database_get_office_name (db), ud_database_get_district (db), rooms, error);
}

double
ud_room_certificates_bench (guint        n,
                            const char  *path,
                            gsize       *pdf_bytes,
                            GError     **error)
{
  static const char * const levels[] = { "plaqued", "district_demo", "city_demo" };
  g_autoptr(GPtrArray) rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  gint64 start;

  for (guint i = 0; i < n; i++)
    {
      UdRecord *room = ud_record_new (&ud_kind_room);
      g_autofree char *name = g_strdup_printf ("第%u职工之家母婴关爱室", i + 1);
      g_autofree char *unit = g_strdup_printf ("北京市密云区第%u建材有限公司", i % 97 + 1);
      g_autofree char *number = g_strdup_printf ("MY-2024-%04u", i + 1);
      g_autofree char *date = g_strdup_printf ("2024-%02u-%02u", i % 12 + 1, i % 28 + 1);

      room->uuid = g_strdup_printf ("018f0000-0000-7000-8000-%012x", i + 1);
      ud_record_set (room, "name", name);
      ud_record_set (room, "unit", unit);
      ud_record_set (room, "level", levels[i % G_N_ELEMENTS (levels)]);
      ud_record_set (room, "plaque_number", number);
      ud_record_set (room, "plaque_date", date);
      g_ptr_array_add (rooms, room);
    }

  /* Laid out, drawn and written, as `print room-certificate --all` does. */
  start = g_get_monotonic_time ();
  document = build_certificates ("北京市密云区总工会", "110118", rooms, error);
  if (document == NULL || (pdf = ud_document_to_pdf (document, error)) == NULL ||
      !g_file_set_contents (path, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf), error))
    return -1;
  if (pdf_bytes != NULL)
    *pdf_bytes = g_bytes_get_size (pdf);

  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

/* ---- the register ------------------------------------------------------------ */

static int
compare_rooms (gconstpointer a,
               gconstpointer b)
{
  const UdRoomDue *x = *(const UdRoomDue * const *) a;
  const UdRoomDue *y = *(const UdRoomDue * const *) b;
  const UdField *level = ud_kind_find_field (&ud_kind_room, "level");
  int order = strcmp (ud_record_get (x->room, "street"), ud_record_get (y->room, "street"));

  if (order != 0)
    return order;
  /* The higher level first. */
  order = (int) (ud_field_find_choice (level, ud_record_get (y->room, "level")) - level->choices) -
          (int) (ud_field_find_choice (level, ud_record_get (x->room, "level")) - level->choices);
  return order != 0 ? order : strcmp (ud_record_get (x->room, "name"), ud_record_get (y->room, "name"));
}

static const UdCellStyle head_style = { 1, 1, TRUE, { UD_FONT_SANS, 9, 6, TRUE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, 0 } };
static const UdCellStyle cell_style = { 1, 1, FALSE, { UD_FONT_SANS, 9, 6, FALSE, UD_ALIGN_START, UD_ALIGN_CENTER, 0 } };
static const UdCellStyle centre_style = { 1, 1, FALSE, { UD_FONT_SANS, 9, 6, FALSE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, 0 } };
static const UdCellStyle street_style = { 11, 1, TRUE, { UD_FONT_SANS, 10, 7, TRUE, UD_ALIGN_START, UD_ALIGN_CENTER, 0 } };

UdDocument *
ud_room_register_build (UdDatabase  *db,
                        const char  *today,
                        GPtrArray  **listed,
                        GError     **error)
{
  static const double weights[] = { 0.5, 2.4, 2.0, 1.2, 0.7, 0.9, 1.2, 0.6, 1.8, 1.1, 1.3 };
  static const char * const heads[] = {
    "序号", "名称", "所在单位", "类型", "面积(㎡)", "级别", "挂牌编号", "达标", "未达标项", "上次检查", "下次检查"
  };
  const UdField *level_field = ud_kind_find_field (&ud_kind_room, "level");
  const UdPageSetup setup = { UD_ORIENTATION_LANDSCAPE, 15, 12, 15, 12 };
  const UdTextStyle note_style = { UD_FONT_SANS, 10, 8, FALSE, UD_ALIGN_START, UD_ALIGN_START, 0 };
  const UdTextStyle heading_style = { UD_FONT_SERIF, 13, 10, TRUE, UD_ALIGN_START, UD_ALIGN_START, 0 };
  g_autoptr(GPtrArray) schedule = NULL;
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(UdGrid) grid = NULL;
  g_autoptr(UdGrid) summary = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) streets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *as_of = NULL, *note = NULL;
  UdDocumentHeader header = { 0, };
  const char *street = NULL;
  guint n_compliant = 0, n_overdue = 0, line = 0;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  if (!ud_database_require (db, UD_PERMISSION_PRINT_FORMS, error) ||
      (schedule = ud_room_store_schedule (db, NULL, today, error)) == NULL)
    return NULL;
  if (schedule->len == 0)
    {
      g_set_error_literal (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_EMPTY,
                           _("There are no mother-and-baby rooms to list yet."));
      return NULL;
    }
  g_ptr_array_sort (schedule, compare_rooms);

  document = ud_document_new ("母婴关爱室名册", &setup);
  as_of = paper_date (today);
  header.title = "母婴关爱室名册";
  header.subtitle = ud_database_get_office_name (db);
  note = g_strdup_printf ("截至%s　共%u个", as_of, schedule->len);
  header.note = note;
  if (!ud_document_set_header (document, &header, error))
    return NULL;

  grid = ud_grid_new (G_N_ELEMENTS (weights), weights);
  ud_grid_set_header_rows (grid, 1);
  ud_grid_add_row (grid, 8, 0);
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    ud_grid_add_cell (grid, heads[c], &head_style);

  for (guint i = 0; i < schedule->len; i++)
    {
      UdRoomDue *due = g_ptr_array_index (schedule, i);
      UdRecord *room = due->room;
      const char *room_street = ud_record_get (room, "street");
      gboolean compliant = g_str_equal (ud_record_get (room, "compliant"), "yes");
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", room_street, ud_record_get (room, "level"));
      guint *count = g_hash_table_lookup (counts, key);
      char *text;

      if (count == NULL)
        g_hash_table_insert (counts, g_strdup (key), (count = g_new0 (guint, 1)));
      (*count)++;
      n_compliant += compliant;
      n_overdue += due->overdue;

      if (street == NULL || !g_str_equal (street, room_street))
        {
          street = room_street;
          g_ptr_array_add (streets, g_strdup (street));
          ud_grid_add_row (grid, 7, 0);
          text = g_strdup_printf ("街道乡镇：%s", street);
          g_ptr_array_add (strings, text);
          ud_grid_add_cell (grid, text, &street_style);
        }

      ud_grid_add_row (grid, 7, 0);
      text = g_strdup_printf ("%u", ++line);
      g_ptr_array_add (strings, text);
      ud_grid_add_cell (grid, text, &centre_style);
      ud_grid_add_cell (grid, ud_record_get (room, "name"), &cell_style);
      ud_grid_add_cell (grid, ud_record_get (room, "unit"), &cell_style);
      ud_grid_add_cell (grid, paper_choice ("room_type", ud_record_get (room, "room_type")), &cell_style);
      ud_grid_add_cell (grid, ud_record_get (room, "area_m2"), &centre_style);
      ud_grid_add_cell (grid, paper_choice ("level", ud_record_get (room, "level")), &centre_style);
      ud_grid_add_cell (grid, ud_record_get (room, "plaque_number"), &cell_style);
      ud_grid_add_cell (grid, compliant ? "是" : "否", &centre_style);
      text = paper_set ("failed_requirements", ud_record_get (room, "failed_requirements"));
      g_ptr_array_add (strings, text);
      ud_grid_add_cell (grid, text, &cell_style);
      ud_grid_add_cell (grid, *due->last_inspected != '\0' ? due->last_inspected : "未检查", &centre_style);
      text = due->overdue ? g_strdup_printf ("%s 逾期", due->due) : g_strdup (due->due);
      g_ptr_array_add (strings, text);
      ud_grid_add_cell (grid, text, &centre_style);
    }
  ud_document_add_grid (document, grid);

  /* The count by street and level. */
  ud_document_add_space (document, 6);
  ud_document_ensure_space (document, 30);
  ud_document_add_paragraph (document, "按街道乡镇和级别统计", &heading_style);
  ud_document_add_space (document, 2);
  {
    static const double summary_weights[] = { 2.4, 1, 1, 1, 1, 1 };

    summary = ud_grid_new (G_N_ELEMENTS (summary_weights), summary_weights);
    ud_grid_set_header_rows (summary, 1);
    ud_grid_add_row (summary, 8, 0);
    ud_grid_add_cell (summary, "街道乡镇", &head_style);
    for (guint l = 0; l < level_field->n_choices; l++)
      ud_grid_add_cell (summary, level_field->choices[l].csv, &head_style);
    ud_grid_add_cell (summary, "合计", &head_style);
    for (guint s = 0; s < streets->len; s++)
      {
        guint total = 0;

        ud_grid_add_row (summary, 7, 0);
        ud_grid_add_cell (summary, g_ptr_array_index (streets, s), &cell_style);
        for (guint l = 0; l < level_field->n_choices; l++)
          {
            g_autofree char *key = g_strdup_printf ("%s\x1f%s", (char *) g_ptr_array_index (streets, s),
                                                    level_field->choices[l].value);
            guint *count = g_hash_table_lookup (counts, key);
            char *text = g_strdup_printf ("%u", count != NULL ? *count : 0);

            total += count != NULL ? *count : 0;
            g_ptr_array_add (strings, text);
            ud_grid_add_cell (summary, text, &centre_style);
          }
        {
          char *text = g_strdup_printf ("%u", total);

          g_ptr_array_add (strings, text);
          ud_grid_add_cell (summary, text, &centre_style);
        }
      }
    ud_document_add_grid (document, summary);
  }

  ud_document_add_space (document, 4);
  {
    g_autofree char *totals = g_strdup_printf ("合计%u个，其中达标%u个、未达标%u个；检查逾期%u个（每12个月复查一次）。",
                                               schedule->len, n_compliant, schedule->len - n_compliant, n_overdue);

    ud_document_add_paragraph (document, totals, &note_style);
  }

  if (listed != NULL)
    {
      *listed = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
      for (guint i = 0; i < schedule->len; i++)
        g_ptr_array_add (*listed, ud_record_ref (((UdRoomDue *) g_ptr_array_index (schedule, i))->room));
    }

  return g_steal_pointer (&document);
}

gboolean
ud_room_print_write_pdf (UdDatabase  *db,
                         UdDocument  *document,
                         GPtrArray   *records,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (UD_IS_DOCUMENT (document), FALSE);

  if (!ud_database_require (db, UD_PERMISSION_PRINT_FORMS, error) ||
      !ud_document_write_pdf (document, path, error))
    return FALSE;

  /* A print that is not in the trail does not happen. */
  what = g_strdup_printf ("%s → %s", ud_document_get_title (document), path);
  if (!ud_room_print_audit (db, records, what, error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}

gboolean
ud_room_print_audit (UdDatabase  *db,
                     GPtrArray   *records,
                     const char  *destination,
                     GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (!ud_database_begin (db, error))
    return FALSE;
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const UdRecord *record = g_ptr_array_index (records, i);

      if (!ud_database_audit_print (db, record->kind->name, record->uuid, destination, error))
        {
          ud_database_rollback (db);
          return FALSE;
        }
    }
  if (!ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}
