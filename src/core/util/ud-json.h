/* ud-json.h — reading JSON and files that arrive from outside, with limits
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define UD_JSON_ERROR (ud_json_error_quark ())

typedef enum
{
  UD_JSON_ERROR_MALFORMED,   /* not JSON, not UTF-8, a NUL in text, empty */
  UD_JSON_ERROR_TOO_DEEP,    /* nested beyond the depth allowed */
  UD_JSON_ERROR_TOO_LARGE,   /* longer than the size allowed */
  UD_JSON_ERROR_NOT_A_FILE,  /* a folder, a pipe, a device … */
  UD_JSON_ERROR_READ,        /* missing, unreadable */
} UdJsonError;

/* Deep enough for every document UnionDesk reads (a relief case is 3
 * levels, a sync page 5); json-glib's parser recurses without a limit
 * and a file nested 100,000 deep overflows the stack. */
#define UD_JSON_MAX_DEPTH      64
/* A case, a reference table, a hardship file: far below this. */
#define UD_JSON_MAX_FILE_SIZE  (16 * 1024 * 1024)

GQuark     ud_json_error_quark   (void);

/* Scans @text once, before json-glib sees it: valid UTF-8, no escaped NUL
 * (json-glib would silently cut the string there), lists and objects
 * nested at most @max_depth deep.  @what names the text at the start of
 * the messages ("the case", "The request"). */
gboolean   ud_json_check_text    (const char  *text,
                                  gsize        length,
                                  guint        max_depth,
                                  const char  *what,
                                  GError     **error);

/* ud_json_check_text(), then json-glib; the root (never NULL on success:
 * an empty text is an error).  @length -1: NUL-terminated. */
JsonNode  *ud_json_parse         (const char  *text,
                                  gssize       length,
                                  guint        max_depth,
                                  const char  *what,
                                  GError     **error);

/* Reads a file that must be a regular file (never a pipe, a device or a
 * folder, which would block or never end) of at most @max_size bytes.
 * The file is opened without blocking and checked before a byte is read.
 * The contents are NUL-terminated.  The messages name the file and end
 * without a full stop, for a caller's sentence around them. */
gboolean   ud_file_read_regular  (const char  *path,
                                  gsize        max_size,
                                  char       **contents,
                                  gsize       *length,
                                  GError     **error);
/* Whether @path is a regular file (links followed); the error names what
 * it is instead. */
gboolean   ud_file_check_regular (const char  *path,
                                  GError     **error);

G_END_DECLS
