/* ud-export.c — writing records of any kind to a roster in CSV or Excel
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-export.h"
#include "ud-money.h"
#include "ud-audit-detail.h"
#include "ud-record-store.h"
#include "ud-permission.h"
#include "ud-table.h"
#include "ud-xlsx.h"

#define PAGE 1000

/* The value as offices write it in their rosters: choices in Chinese
 * (农民工, not "migrant"; a set of them joined by 、), whatever the
 * language of the screen; money in yuan, as the import reads it. */
static char *
roster_value (const UdField *field,
              const char    *value,
              gboolean       masked)
{
  if (field->type == UD_FIELD_CHOICE && (field->flags & UD_FIELD_SET))
    {
      g_auto(GStrv) codes = g_strsplit (value, ",", -1);
      g_autoptr(GString) words = g_string_new (NULL);

      for (guint i = 0; codes[i] != NULL; i++)
        {
          const UdChoice *choice = ud_field_find_choice (field, codes[i]);

          if (*codes[i] == '\0')
            continue;
          if (words->len > 0)
            g_string_append (words, "、");
          g_string_append (words, choice != NULL ? choice->csv : codes[i]);
        }
      return g_string_free (g_steal_pointer (&words), FALSE);
    }

  if (field->type == UD_FIELD_MONEY && *value != '\0')
    return ud_money_format_plain (g_ascii_strtoll (value, NULL, 10));

  if (field->type == UD_FIELD_CHOICE)
    {
      const UdChoice *choice = ud_field_find_choice (field, value);

      if (choice != NULL)
        return g_strdup (choice->csv);
    }

  if (masked && field->sensitivity == UD_SENSITIVITY_IDENTIFIER)
    return ud_field_display (field, value, TRUE);

  return g_strdup (value);
}

gint64
ud_export_records (UdDatabase           *db,
                   const UdKind         *kind,
                   GArray               *ids,
                   const char           *path,
                   UdExportProgressFunc  progress,
                   gpointer              progress_data,
                   GCancellable         *cancellable,
                   GError              **error)
{
  g_autoptr(GArray) all = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *detail = NULL;
  g_autofree char *count = NULL;
  g_autofree char *lower = NULL;
  gboolean masked;
  gboolean ok;

  g_return_val_if_fail (UD_IS_DATABASE (db), -1);
  g_return_val_if_fail (kind != NULL && (kind->flags & UD_KIND_ROSTER), -1);
  g_return_val_if_fail (path != NULL, -1);

  if (!ud_database_require (db, kind->export_permission, error))
    return -1;
  /* Whole numbers leave the office only with a person who may take them:
   * a signed-in account with the right, never the operating-system user
   * of the CLI acting without one. */
  masked = ud_database_get_session (db) == NULL || !ud_database_may (db, UD_PERMISSION_EXPORT_FULL_IDS);

  if (ids == NULL)
    {
      UdRecordQuery query = { kind };

      ids = all = ud_record_store_query (db, &query, NULL, cancellable, error);
      if (ids == NULL)
        return -1;
    }

  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].flags & UD_FIELD_CSV)
      g_ptr_array_add (header, g_strdup (kind->fields[i].csv_header));

  for (guint start = 0; start < ids->len; start += PAGE)
    {
      g_autoptr(GPtrArray) records = NULL;
      guint n = MIN (PAGE, ids->len - start);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;

      records = ud_record_store_load (db, kind, &g_array_index (ids, gint64, start), n, error);
      if (records == NULL)
        return -1;

      for (guint r = 0; r < records->len; r++)
        {
          UdRecord *record = g_ptr_array_index (records, r);
          GPtrArray *row = g_ptr_array_new_full (header->len, g_free);

          for (guint i = 0; i < kind->n_fields; i++)
            if (kind->fields[i].flags & UD_FIELD_CSV)
              g_ptr_array_add (row, roster_value (&kind->fields[i], record->values[i], masked));
          g_ptr_array_add (rows, row);
        }

      if (progress != NULL)
        progress (start + n, ids->len, progress_data);
    }

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".xlsx"))
    {
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < header->len; i++)
        g_strv_builder_add (names, g_ptr_array_index (header, i));
      strv = g_strv_builder_end (names);
      ok = ud_xlsx_write (path, (const char * const *) strv, rows, _(kind->label), error);
    }
  else
    {
      g_ptr_array_insert (rows, 0, g_ptr_array_ref (header));
      ok = ud_table_write_csv (path, rows, error);
    }
  if (!ok)
    return -1;

  /* An export carries ID numbers: who took them, and where, is kept. */
  count = g_strdup_printf ("%u", ids->len);
  detail = ud_audit_detail_new ("export", "file", path, "count", count, "masked", masked ? "1" : "0", NULL);
  if (!ud_database_audit (db, "export", kind->name, NULL, NULL, NULL, NULL, detail, error))
    return -1;

  return ids->len;
}
