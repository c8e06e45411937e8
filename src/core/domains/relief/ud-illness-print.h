/* ud-illness-print.h — the approval form of a stored relief application
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-database.h"
#include "ud-document.h"
#include "ud-illness-form.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* The fund the district's illness reliefs are paid from, as printed. */
#define UD_ILLNESS_FUND_NAME "北京市温暖基金区级专项"

/* Fills @data for the stored @application: the member block from the
 * member's record and unit as they are now, the disease's name from the
 * catalogue in force on the application date, the reliefs the member
 * already received in the fund year, and the four opinion blocks from
 * the workflow's trail (the latest of each since the application was
 * last returned).  Needs UD_PERMISSION_VIEW_MEMBERS.  Clear @data with
 * ud_illness_form_data_clear(). */
gboolean    ud_illness_print_fill      (UdDatabase         *db,
                                        const UdRecord     *application,
                                        UdIllnessFormData  *data,
                                        GError            **error);

/* The form laid out, for the print dialog or a PDF.  Whoever prints it
 * records that with ud_illness_print_audit(). */
UdDocument *ud_illness_print_build     (UdDatabase         *db,
                                        const UdRecord     *application,
                                        GError            **error);

/* Records in the audit trail that the form of @application, carrying its
 * member's personal data, was printed to @destination (a file, or the
 * printer's name).  Needs UD_PERMISSION_PRINT_FORMS. */
gboolean    ud_illness_print_audit     (UdDatabase         *db,
                                        const UdRecord     *application,
                                        const char         *destination,
                                        GError            **error);

/* Build, write to @path as PDF and audit, for `uniondesk-cli print`.
 * Needs UD_PERMISSION_PRINT_FORMS. */
gboolean    ud_illness_print_write_pdf (UdDatabase         *db,
                                        const UdRecord     *application,
                                        const char         *path,
                                        GError            **error);

G_END_DECLS
