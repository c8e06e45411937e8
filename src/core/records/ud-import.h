/* ud-import.h — importing a roster of any kind from CSV or Excel
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

#define UD_IMPORT_ERROR (ud_import_error_quark ())

typedef enum
{
  /* The records here changed since the import was shown (ud_import_expect ()). */
  UD_IMPORT_ERROR_CHANGED,
} UdImportErrorCode;

GQuark          ud_import_error_quark     (void);

typedef struct _UdImport UdImport;

typedef struct
{
  guint  row;          /* 1 = first data row */
  char  *column;       /* the file's header of the column at fault, or NULL */
  char  *code;         /* "invalid_checksum", "duplicate", "required", … */
  char  *message;      /* translated sentence */
  gboolean warning;    /* imported all the same (Luhn, 15-digit ID upgraded) */
} UdImportError;

/* What an import would change, or changed, in a record that is already
 * here (the same ID number, the same unit): one field, old → new. */
typedef struct
{
  guint          row;         /* 1 = first data row */
  char          *uuid;        /* the record's */
  char          *title;       /* what a person knows it by: the member's name */
  const UdField *field;
  char          *old_value;   /* stored form: choice codes, ISO dates */
  char          *new_value;
  gboolean       kept;        /* the app's value was kept (ud_import_keep_*) */
} UdImportChange;

typedef struct
{
  guint      rows;
  guint      imported;   /* new records */
  guint      updated;    /* existing records changed (same ID number) */
  guint      unchanged;  /* existing records already identical */
  guint      rejected;
  guint      warnings;
  GPtrArray *errors;     /* UdImportError, in row order */
  GPtrArray *changes;    /* UdImportChange, in row and field order */
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

/* A record already here and changed in the app since its roster was
 * last imported would be overwritten by a re-import.  A dry run reports
 * every field it would change, old → new (report->changes); before the
 * real run the person chooses what to keep: */

/* Every value the app holds stays; the file only fills empty fields and
 * adds new records. */
void            ud_import_keep_existing   (UdImport      *import,
                                           gboolean       keep);
/* The app's value of @field stays for the record of data row @row (1 =
 * first data row), or every field of it when @field is NULL. */
void            ud_import_keep_field      (UdImport      *import,
                                           guint          row,
                                           const char    *field);
/* Forgets every choice of ud_import_keep_existing () and
 * ud_import_keep_field (): the person changed their mind. */
void            ud_import_forget_kept     (UdImport      *import);
/* What the person was shown (a dry run's report): the run then imports
 * exactly that or nothing — the same new records, the same rows
 * rejected, the same fields changing from the same old to the same new
 * values — and fails with UD_IMPORT_ERROR_CHANGED, nothing written, when
 * the records here changed meanwhile (a sync, another window).  NULL
 * expects nothing. */
void            ud_import_expect          (UdImport      *import,
                                           const UdImportReport *shown);

/* Validates every row and writes the good ones in one transaction (or
 * writes nothing when @dry_run).  A row whose natural key (a member's ID
 * number; a unit's credit code, else its name) is already in the
 * database updates that record, field by field, the changes reported;
 * the same key twice in the file rejects the second row as a duplicate.
 * Columns the file does not have keep what is stored.  Cancelling rolls
 * everything back and returns FALSE with G_IO_ERROR_CANCELLED.  Needs
 * the kind's import permission, a dry run too. */
UdImportReport *ud_import_run             (UdImport      *import,
                                           UdDatabase    *db,
                                           gboolean       dry_run,
                                           UdImportProgressFunc progress,
                                           gpointer       progress_data,
                                           GCancellable  *cancellable,
                                           GError       **error);

void            ud_import_report_free     (UdImportReport *report);
/* {"rows":N,"imported":N,"updated":N,"rejected":N,"errors":[…],
 * "changes":[{"row":R,"uuid":…,"title":…,"field":…,"label":…,"old":…,"new":…,"kept":…}]}
 * (DESIGN §10, with the changes); values as a person reads them, the
 * identifiers masked. */
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
