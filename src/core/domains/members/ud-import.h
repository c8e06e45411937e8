/* ud-import.h — importing a member roster from CSV or Excel
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ud-database.h"
#include "ud-kind.h"

G_BEGIN_DECLS

typedef struct _UdImport UdImport;

typedef struct
{
  guint  row;          /* 1 = first data row */
  char  *column;       /* the file's header of the column at fault, or NULL */
  char  *code;         /* "invalid_checksum", "duplicate", "required", … */
  char  *message;      /* translated sentence */
  gboolean warning;    /* imported all the same (Luhn, 15-digit ID upgraded) */
} UdImportError;

typedef struct
{
  guint      rows;
  guint      imported;   /* new records */
  guint      updated;    /* existing records changed (same ID number) */
  guint      unchanged;  /* existing records already identical */
  guint      rejected;
  guint      warnings;
  GPtrArray *errors;     /* UdImportError, in row order */
  gboolean   dry_run;
} UdImportReport;

/* Called from the importing thread every few hundred rows. */
typedef void (*UdImportProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* Reads the file (CSV in UTF-8 or GB18030, or .xlsx) and maps its header
 * to the kind's fields.  Fails when the file cannot be read or no column
 * is recognised. */
UdImport       *ud_import_new_from_file   (const UdKind  *kind,
                                           const char    *path,
                                           GCancellable  *cancellable,
                                           GError       **error);
void            ud_import_free            (UdImport      *import);

/* What the preview shows. */
const char     *ud_import_get_format_label (UdImport     *import);  /* "CSV (GB18030)", "Excel (.xlsx)" */
guint           ud_import_get_n_columns   (UdImport      *import);
const char     *ud_import_get_header      (UdImport      *import,
                                           guint          column);
const UdField  *ud_import_get_column_field (UdImport     *import,
                                           guint          column);   /* NULL = ignored */
guint           ud_import_get_n_rows      (UdImport      *import);   /* data rows */
const char     *ud_import_get_cell        (UdImport      *import,
                                           guint          row,       /* 0-based data row */
                                           guint          column);
/* Required fields that no column maps to (their labels), or NULL. */
GPtrArray      *ud_import_get_missing_fields (UdImport   *import);

/* Validates every row and writes the good ones in one transaction (or
 * writes nothing when @dry_run).  A row whose ID number is already in the
 * database updates that member; the same ID number twice in the file
 * rejects the second row as a duplicate.  Cancelling rolls everything
 * back and returns FALSE with G_IO_ERROR_CANCELLED.  Needs
 * UD_PERMISSION_IMPORT_MEMBERS, a dry run too. */
UdImportReport *ud_import_run             (UdImport      *import,
                                           UdDatabase    *db,
                                           gboolean       dry_run,
                                           UdImportProgressFunc progress,
                                           gpointer       progress_data,
                                           GCancellable  *cancellable,
                                           GError       **error);

void            ud_import_report_free     (UdImportReport *report);
/* {"rows":N,"imported":N,"updated":N,"rejected":N,"errors":[…]} (DESIGN §10) */
char           *ud_import_report_to_json  (const UdImportReport *report);
/* The rejected rows as they were in the file plus 行号/错误 columns, as
 * UTF-8 CSV with BOM, so that the office can fix them in Excel. */
gboolean        ud_import_write_rejected_csv (UdImport   *import,
                                           const UdImportReport *report,
                                           const char    *path,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdImport, ud_import_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdImportReport, ud_import_report_free)

G_END_DECLS
