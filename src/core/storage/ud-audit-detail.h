/* ud-audit-detail.h — an audit entry's detail, written free of any language
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The audit trail is read in the reader's language, years after it was
 * written, so a detail is stored as what it says rather than as a
 * sentence: a JSON object whose "what" names the sentence and whose other
 * members, all text, fill it in, such as
 *   {"what":"wrong_password","failures":"2","limit":"5"}.
 * ud_audit_entry_detail_text() (ud-audit.h) reads it as a sentence.  A
 * member whose name ends in "_label" holds an English message of the
 * catalogue (an N_() string), translated when read.  The sentences:
 *
 *   unknown_user, account_disabled, account_locked   a refused sign-in
 *   wrong_password   failures, limit [, locked_until (UTC ISO 8601)]
 *   step             step (the workflow step of the entry's kind)
 *   sync             hlc (the version pulled from the city server)
 *   conflict         resolution (winner, loser, merged) [, fields], hlc
 *   import           file, rows, added, updated, refused
 *   export           file, count, masked ("1" or "0")
 *   audit_export     file, count
 *   backup           file [, photos_copied: how many photo files were
 *                    copied beside it] [, how: automatic, by_hand]
 *   restore          file [, kept: where the replaced data was kept]
 *                    [, photos_copied: how many came back, or why not]
 *   reference_version  table_label, version
 *   with_record      kind_label, title, uuid (deleted or brought back
 *                    together with that record: a team's households)
 *
 * A detail that is not such an object — an office's name, a printed
 * form's title, what an older version wrote — reads as it is. */

/* A detail saying @what, with name/value pairs up to a NULL name; a NULL
 * value leaves its member out. */
char  *ud_audit_detail_new  (const char *what,
                             ...) G_GNUC_NULL_TERMINATED G_GNUC_MALLOC;

G_END_DECLS
