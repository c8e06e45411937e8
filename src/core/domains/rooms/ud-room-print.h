/* ud-room-print.h — the plaque certificates and the rooms register
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-database.h"
#include "ud-document.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* The plaque certificate (母婴关爱室达标证书, DOMAIN §5) of each room of
 * @rooms, one a page in one landscape document: the room, its unit, its
 * level, plaque number and date, the issuing union (the office) and room
 * for its seal, the plaque number as serial and a QR code naming the
 * room.  A room without a plaque (level 已建, or no number or date) is
 * refused naming it, and so is an empty list. */
UdDocument *ud_room_certificates_build (UdDatabase  *db,
                                        GPtrArray   *rooms,
                                        GError     **error);

/* `uniondesk-cli bench`: @n plaque certificates of generated rooms laid
 * out and written to @path as one PDF; the milliseconds it took, or -1
 * with @error. */
double      ud_room_certificates_bench (guint        n,
                                        const char  *path,
                                        gsize       *pdf_bytes,
                                        GError     **error);

/* The rooms register as of @today: the rooms by street, then level, with
 * their compliance (the requirements not met named) and their next
 * inspection (overdue ones marked), and a count by street and level. */
UdDocument *ud_room_register_build     (UdDatabase  *db,
                                        const char  *today,
                                        GPtrArray  **listed,
                                        GError     **error);

/* Writes @document to @path (0600) and records the print in the audit
 * trail under each of @records; needs UD_PERMISSION_PRINT_FORMS.  Nothing
 * is left at @path on failure. */
gboolean    ud_room_print_write_pdf    (UdDatabase  *db,
                                        UdDocument  *document,
                                        GPtrArray   *records,
                                        const char  *path,
                                        GError     **error);

/* Records that @destination (a printer, a file) carried each of @records,
 * in one transaction; needs UD_PERMISSION_PRINT_FORMS. */
gboolean    ud_room_print_audit        (UdDatabase  *db,
                                        GPtrArray   *records,
                                        const char  *destination,
                                        GError     **error);

G_END_DECLS
