/* ud-export.c — writing records of any kind to a roster in CSV or Excel
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

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

/* The filters of a list as the audit keeps them: "field op value"
 * lines, read back in words by ud_audit_entry_detail (). */
static char *
filters_text (const UdRecordQuery *query)
{
  static const char * const ops[] = { "=", "*", "-", ">=", "<=" };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; query != NULL && i < query->n_filters; i++)
    {
      const UdRecordFilter *filter = &query->filters[i];

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s %s %s", filter->field,
                              (guint) filter->op < G_N_ELEMENTS (ops) ? ops[filter->op] : "?",
                              filter->value != NULL ? filter->value : "");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A list's column as shown: a roster kind's roster columns (the file can
 * be imported again), another kind's list columns. */
static gboolean
exported_field (const UdKind  *kind,
                const UdField *field)
{
  if (kind->flags & UD_KIND_ROSTER)
    return (field->flags & UD_FIELD_CSV) != 0;
  return (field->flags & UD_FIELD_LIST) != 0;
}

static gint64
export_ids (UdDatabase           *db,
            const UdKind         *kind,
            GArray               *ids,
            const UdRecordQuery  *query,
            const char           *path,
            UdExportProgressFunc  progress,
            gpointer              progress_data,
            GCancellable         *cancellable,
            GError              **error);

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
  g_return_val_if_fail (UD_IS_DATABASE (db), -1);
  g_return_val_if_fail (kind != NULL && (kind->flags & UD_KIND_ROSTER), -1);
  g_return_val_if_fail (path != NULL, -1);

  return export_ids (db, kind, ids, NULL, path, progress, progress_data, cancellable, error);
}

gint64
ud_export_list (UdDatabase           *db,
                const UdRecordQuery  *query,
                const char           *path,
                UdExportProgressFunc  progress,
                gpointer              progress_data,
                GCancellable         *cancellable,
                GError              **error)
{
  UdRecordQuery all = *query;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), -1);
  g_return_val_if_fail (query != NULL && query->kind != NULL, -1);
  g_return_val_if_fail (path != NULL, -1);

  /* The whole list, in its order, whatever page is on screen. */
  all.after = NULL;
  all.limit = 0;
  if (!ud_database_require (db, (query->kind->flags & UD_KIND_ROSTER) ? query->kind->export_permission
                                                                      : query->kind->view_permission, error))
    return -1;
  ids = ud_record_store_query (db, &all, NULL, cancellable, error);
  if (ids == NULL)
    return -1;

  return export_ids (db, query->kind, ids, query, path, progress, progress_data, cancellable, error);
}

static gint64
export_ids (UdDatabase           *db,
            const UdKind         *kind,
            GArray               *ids,
            const UdRecordQuery  *query,
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

  g_autofree char *filters = NULL;
  gboolean roster = (kind->flags & UD_KIND_ROSTER) != 0;

  if (!ud_database_require (db, roster ? kind->export_permission : kind->view_permission, error))
    return -1;
  /* Whole numbers leave the office only with a person who may take them:
   * a signed-in account with the right, never the operating-system user
   * of the CLI acting without one. */
  masked = ud_database_get_session (db) == NULL || !ud_database_may (db, UD_PERMISSION_EXPORT_FULL_IDS);

  if (ids == NULL)
    {
      UdRecordQuery every = { kind };

      ids = all = ud_record_store_query (db, &every, NULL, cancellable, error);
      if (ids == NULL)
        return -1;
    }

  for (guint i = 0; i < kind->n_fields; i++)
    if (exported_field (kind, &kind->fields[i]))
      g_ptr_array_add (header, g_strdup (roster ? kind->fields[i].csv_header : _(kind->fields[i].label)));

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
            if (!exported_field (kind, &kind->fields[i]))
              continue;
            else if (roster)
              g_ptr_array_add (row, roster_value (&kind->fields[i], record->values[i], masked));
            else
              g_ptr_array_add (row, ud_field_display (&kind->fields[i], record->values[i], masked));
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

  /* An export carries ID numbers: who took them, where, and which list
   * (its filters and search), is kept — or the file is not handed out. */
  count = g_strdup_printf ("%u", ids->len);
  filters = filters_text (query);
  detail = ud_audit_detail_new ("export", "file", path, "count", count,
                                "filters", filters,
                                "search", query != NULL && query->text != NULL ? query->text : "",
                                "masked", masked ? "1" : "0", NULL);
  if (!ud_database_audit (db, "export", kind->name, NULL, NULL, NULL, NULL, detail, error))
    {
      g_unlink (path);
      return -1;
    }

  return ids->len;
}
