/* ud-print-preview-private.h — what the display tests look at
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-print-preview.h"

G_BEGIN_DECLS

/* Pages shown (0 until the form is built). */
guint       ud_print_preview_get_n_pages    (UdPrintPreview *self);
/* Every page rendered at the current zoom. */
gboolean    ud_print_preview_get_rendered   (UdPrintPreview *self);
/* The message shown instead of the form, or NULL. */
const char *ud_print_preview_get_error      (UdPrintPreview *self);
double      ud_print_preview_get_zoom       (UdPrintPreview *self);
/* Mean milliseconds to render one page, over the renders so far. */
double      ud_print_preview_get_render_ms  (UdPrintPreview *self);
/* Prints and saves recorded in the audit trail by this window. */
guint       ud_print_preview_get_audits     (UdPrintPreview *self);
/* Printing or saving in progress. */
gboolean    ud_print_preview_get_busy       (UdPrintPreview *self);
/* "Page 1 of 2" */
const char *ud_print_preview_get_page_text  (UdPrintPreview *self);
/* What "Save as PDF…" does after the file chooser: write, then record. */
void        ud_print_preview_save_to_file   (UdPrintPreview *self,
                                             GFile          *file);

/* What Print… does once the dialog is answered, printing to the PDF
 * @path through GtkPrintOperation (ACTION_EXPORT), without a dialog. */
void        ud_print_preview_print_to_file  (UdPrintPreview *self,
                                             const char     *path);

G_END_DECLS
