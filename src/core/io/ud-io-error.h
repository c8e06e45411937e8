/* ud-io-error.h — errors of the table import/export area
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UD_IO_ERROR (ud_io_error_quark ())

/**
 * UdIoError:
 * @UD_IO_ERROR_ENCODING: the text is neither UTF-8 (with or without BOM),
 *   UTF-16 with BOM nor GB18030
 * @UD_IO_ERROR_FORMAT: the file is not a CSV or .xlsx file, or is damaged
 *   (including an unclosed quoted field in a CSV file)
 * @UD_IO_ERROR_EMPTY: the file holds no rows, or the workbook no worksheet
 * @UD_IO_ERROR_TOO_LARGE: the file is larger than UnionDesk (or Excel) accepts
 * @UD_IO_ERROR_WRITE: a file could not be written
 * @UD_IO_ERROR_READ: a file could not be opened or read
 * @UD_IO_ERROR_PASSWORD: the workbook is protected by a password
 *
 * Every message is a translated sentence that a clerk can act on.
 */
typedef enum
{
  UD_IO_ERROR_ENCODING,
  UD_IO_ERROR_FORMAT,
  UD_IO_ERROR_EMPTY,
  UD_IO_ERROR_TOO_LARGE,
  UD_IO_ERROR_WRITE,
  UD_IO_ERROR_READ,
  UD_IO_ERROR_PASSWORD,
} UdIoError;

GQuark ud_io_error_quark (void);

/* The most rows a roster may have, header included: far more than any
 * grassroots union's roster (the district's whole roll goes in several
 * files), and few enough that what is kept of them stays within the
 * import's memory budget.  Beyond it a file is refused with
 * UD_IO_ERROR_TOO_LARGE, as soon as the reader gets there. */
#define UD_IO_MAX_ROWS 200000

G_END_DECLS
