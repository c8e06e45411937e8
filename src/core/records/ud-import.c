/* ud-import.c — importing a roster of any kind from CSV or Excel
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ud-import.h"
#include "ud-audit-detail.h"
#include "ud-permission.h"
#include "ud-record-store-private.h"
#include "ud-table.h"

#define PROGRESS_EVERY 500

struct _UdImport
{
  const UdKind   *kind;
  char           *path;
  UdTable        *table;
  char           *format_label;
  /* For each column of the file, the field it fills, or NULL. */
  const UdField **column_fields;
  guint           n_columns;
  /* What the person chose to keep of the records already here. */
  gboolean        keep_existing;
  GHashTable     *keep;          /* "row\x1ffield" and "row\x1f" (the whole row) */
  /* What the person was shown (ud_import_expect ()), or NULL. */
  GHashTable     *expected;      /* change_key () of each change shown */
  guint           expected_imported;
  guint           expected_rejected;
};

G_DEFINE_QUARK (ud-import-error-quark, ud_import_error)

static void
import_change_free (UdImportChange *change)
{
  g_free (change->uuid);
  g_free (change->title);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

static void
import_error_free (UdImportError *error)
{
  g_free (error->column);
  g_free (error->code);
  g_free (error->message);
  g_free (error);
}

void
ud_import_report_free (UdImportReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->errors, g_ptr_array_unref);
  g_clear_pointer (&report->changes, g_ptr_array_unref);
  g_free (report);
}

void
ud_import_free (UdImport *import)
{
  if (import == NULL)
    return;

  g_clear_pointer (&import->table, ud_table_free);
  g_clear_pointer (&import->keep, g_hash_table_unref);
  g_clear_pointer (&import->expected, g_hash_table_unref);
  g_free (import->column_fields);
  g_free (import->format_label);
  g_free (import->path);
  g_free (import);
}

static GPtrArray *
table_row (UdImport *import,
           guint     data_row)
{
  return g_ptr_array_index (import->table->rows, data_row + 1);
}

UdImport *
ud_import_new_from_file (const UdKind  *kind,
                         const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(UdImport) import = NULL;
  GPtrArray *header;
  guint mapped = 0;
  gint64 start;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  g_return_val_if_fail (kind->flags & UD_KIND_ROSTER, NULL);

  import = g_new0 (UdImport, 1);
  import->kind = kind;
  import->keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->path = g_strdup (path);
  start = g_get_monotonic_time ();
  import->table = ud_table_read_file (path, cancellable, error);
  if (import->table == NULL)
    return NULL;
  g_debug ("%s read in %.0f ms", path, (g_get_monotonic_time () - start) / 1000.0);

  if (import->table->rows->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file “%s” is empty."), path);
      return NULL;
    }

  if (import->table->format == UD_TABLE_FORMAT_XLSX)
    import->format_label = g_strdup (_("Excel workbook (.xlsx)"));
  else
    /* TRANSLATORS: %s is a character encoding such as GB18030 */
    import->format_label = g_strdup_printf (_("CSV text, %s"),
                                            ud_encoding_get_label (import->table->encoding));

  header = g_ptr_array_index (import->table->rows, 0);
  import->n_columns = header->len;
  import->column_fields = g_new0 (const UdField *, MAX (header->len, 1));

  for (guint c = 0; c < header->len; c++)
    {
      const UdField *field = ud_kind_match_csv_header (kind, g_ptr_array_index (header, c));
      gboolean taken = FALSE;

      /* A second column for the same field is ignored, not merged. */
      for (guint d = 0; field != NULL && d < c; d++)
        taken |= import->column_fields[d] == field;
      if (field != NULL && !taken)
        {
          import->column_fields[c] = field;
          mapped++;
        }
    }

  if (mapped == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("No column of “%s” is recognised. The first row must hold the column names, such as 姓名, 身份证号, 工作单位."),
                   path);
      return NULL;
    }

  return g_steal_pointer (&import);
}

const char *
ud_import_get_format_label (UdImport *import)
{
  g_return_val_if_fail (import != NULL, NULL);

  return import->format_label;
}

guint
ud_import_get_n_columns (UdImport *import)
{
  g_return_val_if_fail (import != NULL, 0);

  return import->n_columns;
}

const char *
ud_import_get_header (UdImport *import,
                      guint     column)
{
  GPtrArray *header;

  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (column < import->n_columns, NULL);

  header = g_ptr_array_index (import->table->rows, 0);
  return g_ptr_array_index (header, column);
}

const UdField *
ud_import_get_column_field (UdImport *import,
                            guint     column)
{
  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (column < import->n_columns, NULL);

  return import->column_fields[column];
}

guint
ud_import_get_n_rows (UdImport *import)
{
  g_return_val_if_fail (import != NULL, 0);

  return import->table->rows->len - 1;
}

const char *
ud_import_get_cell (UdImport *import,
                    guint     row,
                    guint     column)
{
  GPtrArray *cells;

  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (row < ud_import_get_n_rows (import), NULL);

  cells = table_row (import, row);
  return column < cells->len ? g_ptr_array_index (cells, column) : "";
}

GPtrArray *
ud_import_get_missing_fields (UdImport *import)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  g_return_val_if_fail (import != NULL, NULL);

  for (guint i = 0; i < import->kind->n_fields; i++)
    {
      const UdField *field = &import->kind->fields[i];
      gboolean found = FALSE;

      /* What the kind fills itself: a derived field, one with a default,
       * a record named by uuid (a roster names people by ID number, and
       * the kind's import hook finds them). */
      if ((field->flags & UD_FIELD_REQUIRED) == 0 || (field->flags & UD_FIELD_DERIVED) ||
          field->default_value != NULL ||
          (import->kind->import_filled != NULL && g_strv_contains (import->kind->import_filled, field->name)) ||
          (field->type == UD_FIELD_REFERENCE && field->reference->style == UD_REFERENCE_UUID))
        continue;
      for (guint c = 0; c < import->n_columns; c++)
        found |= import->column_fields[c] == field;
      if (!found)
        g_ptr_array_add (missing, (gpointer) _(field->label));
    }

  return missing->len > 0 ? g_steal_pointer (&missing) : NULL;
}

static int
column_of_field (UdImport      *import,
                 const UdField *field)
{
  for (guint c = 0; field != NULL && c < import->n_columns; c++)
    if (import->column_fields[c] == field)
      return (int) c;
  return -1;
}

static void
report_issue (UdImport       *import,
              UdImportReport *report,
              guint           row,
              const UdField  *field,
              const char     *code,
              const char     *message,
              gboolean        warning)
{
  UdImportError *e = g_new0 (UdImportError, 1);
  int column = column_of_field (import, field);

  e->row = row;
  e->warning = warning;
  e->column = column >= 0 ? g_strdup (ud_import_get_header (import, column)) : NULL;
  e->code = g_strdup (code);
  e->message = g_strdup (message);
  g_ptr_array_add (report->errors, e);
}

/* Excel keeps a long number typed into a number cell as a float: its
 * last digits are gone, and no check character can bring them back. */
static gboolean
was_excel_number (UdImport *import,
                  guint     data_row,
                  guint     column)
{
  g_autofree char *key = NULL;

  if (import->table->numeric_cells == NULL)
    return FALSE;

  key = g_strdup_printf ("%u:%u", data_row + 1, column);
  return g_hash_table_contains (import->table->numeric_cells, key);
}

static void
report_error (UdImport       *import,
              UdImportReport *report,
              guint           row,
              const UdField  *field,
              const char     *code,
              const char     *message)
{
  report_issue (import, report, row, field, code, message, FALSE);
}

static UdRecord *
record_from_row (UdImport       *import,
                 UdImportReport *report,
                 guint           data_row,
                 UdRecord       *base,
                 gboolean       *bad)
{
  UdRecord *record = base != NULL ? ud_record_copy (base) : ud_record_new (import->kind);
  GPtrArray *cells = table_row (import, data_row);

  *bad = FALSE;
  for (guint c = 0; c < import->n_columns; c++)
    {
      const UdField *field = import->column_fields[c];
      const char *cell = c < cells->len ? g_ptr_array_index (cells, c) : "";

      if (field == NULL)
        continue;

      if ((field->type == UD_FIELD_ID_NUMBER || field->type == UD_FIELD_CARD) &&
          was_excel_number (import, data_row, c))
        {
          g_autofree char *message =
            g_strdup_printf (_("%s: Excel stored this number as a figure and its last digits are lost; format the column as text and type it again"),
                             _(field->label));

          report_error (import, report, data_row + 1, field, "excel_number", message);
          *bad = TRUE;
        }

      /* A record holds money in fen; a roster, in yuan. */
      if (field->type == UD_FIELD_MONEY)
        {
          g_autoptr(GPtrArray) issues = ud_issue_list_new ();
          g_autofree char *fen = ud_field_normalize (field, cell, issues);

          if (fen == NULL)
            {
              UdIssue *issue = ud_issue_list_first_error (issues, 0);

              report_error (import, report, data_row + 1, field, issue->code, issue->message);
              *bad = TRUE;
              continue;
            }
          ud_record_set (record, field->name, fen);
          continue;
        }
      ud_record_set (record, field->name, cell);
    }

  return record;
}

static gboolean
row_is_blank (GPtrArray *cells)
{
  for (guint c = 0; c < cells->len; c++)
    {
      const char *cell = g_ptr_array_index (cells, c);

      for (const char *p = cell; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }

  return TRUE;
}

void
ud_import_keep_existing (UdImport *import,
                         gboolean  keep)
{
  g_return_if_fail (import != NULL);

  import->keep_existing = !!keep;
}

void
ud_import_keep_field (UdImport   *import,
                      guint       row,
                      const char *field)
{
  g_return_if_fail (import != NULL);
  g_return_if_fail (field == NULL || ud_kind_find_field (import->kind, field) != NULL);

  g_hash_table_add (import->keep, g_strdup_printf ("%u\x1f%s", row, field != NULL ? field : ""));
}

void
ud_import_forget_kept (UdImport *import)
{
  g_return_if_fail (import != NULL);

  import->keep_existing = FALSE;
  g_hash_table_remove_all (import->keep);
}

/* A change as the person saw it: which row, which field, from what to
 * what (whether it is kept is the person's choice, made afterwards). */
static char *
change_key (const UdImportChange *change)
{
  return g_strdup_printf ("%u\x1f%s\x1f%s\x1f%s\x1f%s", change->row, change->uuid, change->field->name,
                          change->old_value, change->new_value);
}

void
ud_import_expect (UdImport             *import,
                  const UdImportReport *shown)
{
  g_return_if_fail (import != NULL);

  g_clear_pointer (&import->expected, g_hash_table_unref);
  if (shown == NULL)
    return;

  import->expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; shown->changes != NULL && i < shown->changes->len; i++)
    g_hash_table_add (import->expected, change_key (g_ptr_array_index (shown->changes, i)));
  import->expected_imported = shown->imported;
  import->expected_rejected = shown->rejected;
}

/* Whether the run about to be committed does what the person was shown. */
static gboolean
as_expected (UdImport             *import,
             const UdImportReport *report,
             GError              **error)
{
  gboolean same;

  if (import->expected == NULL)
    return TRUE;

  same = report->imported == import->expected_imported &&
         report->rejected == import->expected_rejected &&
         report->changes->len == g_hash_table_size (import->expected);
  for (guint i = 0; same && i < report->changes->len; i++)
    {
      g_autofree char *key = change_key (g_ptr_array_index (report->changes, i));

      same = g_hash_table_contains (import->expected, key);
    }

  if (!same)
    g_set_error (error, UD_IMPORT_ERROR, UD_IMPORT_ERROR_CHANGED,
                 _("The records here changed since the file was checked (a sync, or another window): nothing was imported. Check the changes again."));
  return same;
}

static gboolean
keeps (UdImport   *import,
       guint       row,
       const char *field)
{
  g_autofree char *key = g_strdup_printf ("%u\x1f%s", row, field);

  return g_hash_table_contains (import->keep, key);
}

/* Over @existing, the record the row names: what the file changes, kept
 * back where the person chose the app's value, each change reported. */
static void
merge_row (UdImport        *import,
           UdImportReport  *report,
           guint            row,
           const UdRecord  *existing,
           UdRecord        *record)
{
  const UdKind *kind = import->kind;
  g_autofree char *title = ud_record_get_title (existing);
  gboolean whole_row = keeps (import, row, "");

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const UdField *field = &kind->fields[i];
      UdImportChange *change;

      if ((field->flags & UD_FIELD_CSV) == 0 || (field->flags & (UD_FIELD_DERIVED | UD_FIELD_LOCAL)) ||
          g_strcmp0 (existing->values[i], record->values[i]) == 0)
        continue;

      change = g_new0 (UdImportChange, 1);
      change->row = row;
      change->uuid = g_strdup (existing->uuid);
      change->title = g_strdup (title);
      change->field = field;
      change->old_value = g_strdup (existing->values[i]);
      change->new_value = g_strdup (record->values[i]);
      /* What the app holds stays, when the person says so; an empty
       * field is filled all the same under keep_existing. */
      change->kept = whole_row || keeps (import, row, field->name) ||
                     (import->keep_existing && *existing->values[i] != '\0');
      if (change->kept)
        ud_record_set_nth (record, i, existing->values[i]);
      g_ptr_array_add (report->changes, change);
    }
}

static void
report_issues (UdImport        *import,
               UdImportReport  *report,
               guint            row,
               GPtrArray       *issues,
               gboolean         warnings)
{
  for (guint i = 0; i < issues->len; i++)
    {
      UdIssue *issue = g_ptr_array_index (issues, i);

      if (issue->warning != warnings)
        continue;
      report_issue (import, report, row, issue->field, issue->code, issue->message, issue->warning);
      if (warnings)
        report->warnings++;
    }
}

UdImportReport *
ud_import_run (UdImport              *import,
               UdDatabase            *db,
               gboolean               dry_run,
               UdImportProgressFunc   progress,
               gpointer               progress_data,
               GCancellable          *cancellable,
               GError               **error)
{
  g_autoptr(UdImportReport) report = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(UdRecordBatch) batch = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *added = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *refused = NULL;
  const UdKind *kind;
  gint64 start = g_get_monotonic_time ();
  gboolean table_was_empty;
  guint n_keys = 0;
  guint n_rows;

  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);

  kind = import->kind;
  if (!ud_database_require (db, kind->import_permission, error))
    return NULL;

  if (!ud_database_is_initialized (db))
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_NOT_INITIALIZED,
                   _("The office has not been set up yet: give its district code and name first."));
      return NULL;
    }

  missing = ud_import_get_missing_fields (import);
  if (missing != NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < missing->len; i++)
        {
          if (i > 0)
            g_string_append (names, _(", "));
          g_string_append (names, g_ptr_array_index (missing, i));
        }
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file has no column for: %s."), names->str);
      return NULL;
    }

  report = g_new0 (UdImportReport, 1);
  report->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) import_error_free);
  report->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) import_change_free);
  report->dry_run = dry_run;
  n_rows = ud_import_get_n_rows (import);

  /* The values of each natural key seen in earlier rows. */
  while (kind->natural_keys != NULL && kind->natural_keys[n_keys] != NULL)
    n_keys++;
  seen = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  for (guint k = 0; k < n_keys; k++)
    g_ptr_array_add (seen, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));

  /* One transaction: the file is imported whole or not at all. */
  if (!ud_database_begin (db, error))
    return NULL;
  batch = _ud_record_batch_begin (db, kind, n_rows, TRUE, error);
  if (batch == NULL)
    {
      ud_database_rollback (db);
      return NULL;
    }
  table_was_empty = !_ud_record_store_has_rows (db, kind);

  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr(GPtrArray) issues = ud_issue_list_new ();
      g_autoptr(UdRecord) record = NULL;
      g_autoptr(UdRecord) existing = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean bad = FALSE;
      gboolean duplicate = FALSE;
      guint row = r + 1;

      if (r % PROGRESS_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ud_database_rollback (db);
              return NULL;
            }
          if (progress != NULL)
            progress (r, n_rows, progress_data);
        }

      if (row_is_blank (table_row (import, r)))
        continue;

      report->rows++;

      record = record_from_row (import, report, r, NULL, &bad);
      if (!bad && kind->hooks != NULL && kind->hooks->import_row != NULL)
        {
          if (!kind->hooks->import_row (db, record, &existing, issues, &local_error))
            goto failed;
          bad = ud_issue_list_has_errors (issues);
        }
      if (bad || !ud_record_check (record, issues))
        {
          report_issues (import, report, row, issues, FALSE);
          report->rejected++;
          continue;
        }
      report_issues (import, report, row, issues, TRUE);

      for (guint k = 0; k < n_keys; k++)
        {
          const UdField *field = ud_kind_find_field (kind, kind->natural_keys[k]);
          const char *value = ud_record_get (record, field->name);

          if (*value == '\0' || g_hash_table_add (g_ptr_array_index (seen, k), g_strdup (value)))
            continue;

          {
            g_autofree char *message =
              /* TRANSLATORS: a field label, then its value */
              g_strdup_printf (_("%s: %s appears in an earlier row of this file"), _(field->label), value);

            report_error (import, report, row, field, "duplicate", message);
          }
          duplicate = TRUE;
          break;
        }
      if (duplicate)
        {
          report->rejected++;
          continue;
        }

      /* Into an empty table, only this file's own rows could be found,
       * and a key repeated in the file was refused above; the kind's
       * import hook may have named the record already. */
      if (existing == NULL && !table_was_empty)
        existing = _ud_record_store_find_twin (db, record, &local_error);
      if (local_error != NULL)
        goto failed;

      if (existing != NULL)
        {
          /* Columns the file does not have keep what is stored. */
          g_clear_pointer (&record, ud_record_unref);
          record = record_from_row (import, report, r, existing, &bad);
          if (kind->hooks != NULL && kind->hooks->import_row != NULL)
            {
              g_autoptr(UdRecord) same = NULL;

              if (!kind->hooks->import_row (db, record, &same, issues, &local_error))
                goto failed;
              if (ud_issue_list_has_errors (issues))
                {
                  report_issues (import, report, row, issues, FALSE);
                  report->rejected++;
                  continue;
                }
            }
          ud_record_check (record, NULL);
          merge_row (import, report, row, existing, record);
          g_ptr_array_set_size (issues, 0);
          ud_record_check (record, issues);
          /* A key of this record held by another one (a credit code of
           * one unit, the name of another). */
          if (!_ud_record_store_check_keys (db, record, existing->id, NULL, issues))
            {
              report_issues (import, report, row, issues, FALSE);
              report->rejected++;
              continue;
            }
          if (!existing->deleted && ud_record_equal_values (record, existing))
            {
              report->unchanged++;
              continue;
            }
        }

      record->deleted = FALSE;
      if (!_ud_record_batch_write (batch, record, existing, &local_error))
        goto failed;
      if (kind->hooks != NULL && kind->hooks->imported != NULL &&
          !kind->hooks->imported (db, record, existing == NULL, &local_error))
        goto failed;

      if (existing != NULL)
        report->updated++;
      else
        report->imported++;
      continue;

    failed:
      ud_database_rollback (db);
      g_prefix_error (&local_error, _("Row %u: "), row);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (progress != NULL)
    progress (n_rows, n_rows, progress_data);
  g_debug ("%u rows checked and written in %.0f ms", n_rows, (g_get_monotonic_time () - start) / 1000.0);

  if (dry_run)
    {
      ud_database_rollback (db);
      return g_steal_pointer (&report);
    }

  if (!as_expected (import, report, error))
    {
      ud_database_rollback (db);
      return NULL;
    }

  rows = g_strdup_printf ("%u", report->rows);
  added = g_strdup_printf ("%u", report->imported);
  updated = g_strdup_printf ("%u", report->updated);
  refused = g_strdup_printf ("%u", report->rejected);
  detail = ud_audit_detail_new ("import", "file", import->path, "rows", rows, "added", added,
                                "updated", updated, "refused", refused, NULL);
  if (!_ud_record_batch_end (batch, "import", detail, error) ||
      !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      return NULL;
    }

  return g_steal_pointer (&report);
}

char *
ud_import_report_to_json (const UdImportReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, report->rows);
  json_builder_set_member_name (builder, "imported");
  json_builder_add_int_value (builder, report->imported);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, report->updated);
  json_builder_set_member_name (builder, "unchanged");
  json_builder_add_int_value (builder, report->unchanged);
  json_builder_set_member_name (builder, "rejected");
  json_builder_add_int_value (builder, report->rejected);
  json_builder_set_member_name (builder, "warnings");
  json_builder_add_int_value (builder, report->warnings);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, report->dry_run);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->errors->len; i++)
    {
      UdImportError *e = g_ptr_array_index (report->errors, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "row");
      json_builder_add_int_value (builder, e->row);
      json_builder_set_member_name (builder, "column");
      if (e->column != NULL)
        json_builder_add_string_value (builder, e->column);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, e->code);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, e->message);
      if (e->warning)
        {
          json_builder_set_member_name (builder, "warning");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; report->changes != NULL && i < report->changes->len; i++)
    {
      UdImportChange *change = g_ptr_array_index (report->changes, i);
      g_autofree char *old_text = ud_field_display (change->field, change->old_value, TRUE);
      g_autofree char *new_text = ud_field_display (change->field, change->new_value, TRUE);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "row");
      json_builder_add_int_value (builder, change->row);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, change->uuid);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, change->title);
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, change->field->name);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, _(change->field->label));
      json_builder_set_member_name (builder, "old");
      json_builder_add_string_value (builder, old_text);
      json_builder_set_member_name (builder, "new");
      json_builder_add_string_value (builder, new_text);
      json_builder_set_member_name (builder, "kept");
      json_builder_add_boolean_value (builder, change->kept);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
ud_import_write_rejected_csv (UdImport             *import,
                              const UdImportReport *report,
                              const char           *path,
                              GError              **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *header;
  GPtrArray *out;
  guint i = 0;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  header = g_ptr_array_index (import->table->rows, 0);
  out = g_ptr_array_new_with_free_func (g_free);
  /* The file's own columns come back unchanged so that it can be fixed
   * and imported again; the two last columns say what was wrong. */
  for (guint c = 0; c < header->len; c++)
    g_ptr_array_add (out, g_strdup (g_ptr_array_index (header, c)));
  g_ptr_array_add (out, g_strdup (_("Row")));
  g_ptr_array_add (out, g_strdup (_("Problem")));
  g_ptr_array_add (rows, out);

  while (i < report->errors->len)
    {
      UdImportError *e = g_ptr_array_index (report->errors, i);
      g_autoptr(GString) problems = g_string_new (NULL);
      gboolean rejected = FALSE;
      GPtrArray *cells;
      guint row = e->row;

      for (; i < report->errors->len; i++)
        {
          UdImportError *f = g_ptr_array_index (report->errors, i);

          if (f->row != row)
            break;
          if (f->warning)
            continue;
          rejected = TRUE;
          if (problems->len > 0)
            g_string_append (problems, _("; "));
          g_string_append (problems, f->message);
        }
      if (!rejected || row == 0 || row > ud_import_get_n_rows (import))
        continue;

      cells = table_row (import, row - 1);
      out = g_ptr_array_new_with_free_func (g_free);
      for (guint c = 0; c < header->len; c++)
        g_ptr_array_add (out, g_strdup (c < cells->len ? (const char *) g_ptr_array_index (cells, c) : ""));
      g_ptr_array_add (out, g_strdup_printf ("%u", row));
      g_ptr_array_add (out, g_string_free (g_steal_pointer (&problems), FALSE));
      g_ptr_array_add (rows, out);
    }

  return ud_table_write_csv (path, rows, error);
}
