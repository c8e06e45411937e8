/* ud-text-encoding.h — decoding of CSV text as offices save it
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-io-error.h"

G_BEGIN_DECLS

/**
 * UdEncoding:
 * @UD_ENCODING_UTF8: UTF-8 without a byte order mark
 * @UD_ENCODING_UTF8_BOM: UTF-8 with a byte order mark (Excel's "CSV UTF-8")
 * @UD_ENCODING_GB18030: GB18030, which includes GBK and GB2312 (Excel's
 *   "CSV" on a Chinese Windows)
 * @UD_ENCODING_UTF16LE: UTF-16 little endian with a byte order mark (Excel's
 *   "Unicode text", tab-separated)
 * @UD_ENCODING_UTF16BE: UTF-16 big endian with a byte order mark
 */
typedef enum
{
  UD_ENCODING_UTF8,
  UD_ENCODING_UTF8_BOM,
  UD_ENCODING_GB18030,
  UD_ENCODING_UTF16LE,
  UD_ENCODING_UTF16BE,
} UdEncoding;

const char *ud_encoding_get_label (UdEncoding   enc);
char       *ud_text_decode        (const char  *data,
                                   gsize        len,
                                   UdEncoding  *detected,
                                   GError     **error);

G_END_DECLS
