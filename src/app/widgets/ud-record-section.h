/* ud-record-section.h — a register's section, from its description
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-record-editor.h"
#include "ud-record-table.h"

G_BEGIN_DECLS

#define UD_TYPE_RECORD_SECTION (ud_record_section_get_type ())
G_DECLARE_FINAL_TYPE (UdRecordSection, ud_record_section, UD, RECORD_SECTION, GtkWidget)

/* What a simple register's section says of its own; every text is
 * translated when shown (N_()). */
typedef struct
{
  const UdKind      *kind;
  const char        *new_label;           /* "_New Unit" */
  const char        *new_tooltip;         /* "Add a Unit (Ctrl+N)" */
  const char        *delete_tooltip;      /* "Delete the Selected Unit" */
  const char        *search_hint;
  const char        *empty_title;
  const char        *empty_description;
  const char        *export_title;        /* the save dialog's */
  const char        *export_file_name;    /* without extension */
  UdRecordCountFunc  count;               /* NULL: "3 of 120" */
  UdRecordEditorInfo editor;
  /* A register with an editor class of its own (a workflow, rules shown
   * as typed): makes its window for record @id (0: a new one) instead of
   * a UdRecordEditor of @editor; the section presents it. */
  GtkWindow       *(*open) (UdDbWorker *worker,
                            gint64      id);
} UdRecordSectionInfo;

/* A toolbar (New, Open, Export…, Delete, as the account may) over a
 * UdRecordTable of @info's kind; a row opens the UdRecordEditor of
 * @info->editor.  @info is static: the section keeps it. */
GtkWidget     *ud_record_section_new       (UdDbWorker                *worker,
                                            const UdRecordSectionInfo *info);
UdRecordTable *ud_record_section_get_table (UdRecordSection           *self);
/* The toolbar, for a button of the register's own at its end (a list to
 * print). */
GtkBox        *ud_record_section_get_toolbar (UdRecordSection         *self);

G_END_DECLS
