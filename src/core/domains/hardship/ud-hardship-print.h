/* ud-hardship-print.h — the archive form, the receipt list and the public notice list
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-database.h"
#include "ud-document.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* The three papers of issue 9, laid out on the documents engine (the
 * printed text is Chinese, like the forms it replaces):
 *
 *  - 困难职工建档审批表 (DOMAIN §7): the member block, the household table
 *    (it continues on a second page, its head repeated, when long), incomes
 *    and rigid expenses with the computed and the chosen category, causes,
 *    exclusions, the home visit and consent, the four opinion blocks from
 *    the trail, the contact person and the next visit;
 *  - 帮扶资金发放签收表: a batch's lines with a signature column, the head
 *    repeated on every page, a subtotal at the foot of each page and the
 *    total in figures and capitals on the last;
 *  - 公示名单: the archives under public notice, ID numbers masked, the
 *    notice's dates and the office's contact line.
 *
 * Building needs UD_PERMISSION_PRINT_FORMS; whoever writes a document out
 * records it in the audit trail (ud_hardship_print_write_pdf() does). */

UdDocument *ud_hardship_archive_form_build (UdDatabase     *db,
                                            const UdRecord *archive,
                                            GError        **error);
/* ID numbers whole when the account may see them, else masked. */
UdDocument *ud_aid_receipt_list_build      (UdDatabase     *db,
                                            const UdRecord *batch,
                                            GError        **error);
/* The archives in public notice from @from (YYYY-MM-DD; NULL: the latest
 * notice begun); @contact: the contact line's person and telephone, or
 * NULL for blanks to fill by hand.  *@archives (may be NULL): those listed. */
UdDocument *ud_hardship_notice_list_build  (UdDatabase     *db,
                                            const char     *from,
                                            const char     *contact,
                                            GPtrArray     **archives,
                                            GError        **error);

/* Writes @document to @path as PDF and records in the audit trail that it
 * carried the personal data of each of @records. */
gboolean    ud_hardship_print_write_pdf    (UdDatabase     *db,
                                            UdDocument     *document,
                                            GPtrArray      *records,
                                            const char     *path,
                                            GError        **error);

G_END_DECLS
