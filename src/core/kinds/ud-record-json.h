/* ud-record-json.h — a record's typed fields as a JSON object, in and out
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ud-record.h"

G_BEGIN_DECLS

/* What a person writes in a JSON file for the command line (an archive,
 * its household) and what `show --json` prints, for any kind: each member
 * names a field; money is yuan as text ("48000.00") or a whole number,
 * never a float; a yes/no choice may be true or false; a set of choices
 * is a list of their codes; null is empty.
 *
 * Sets the members of @object on @record.  Refused, naming the member, as
 * @domain, @code: a member that is no field of the kind, one the kind
 * derives (filled in by UnionDesk), a reference (given otherwise), a
 * value of the wrong shape.  Members named in @skip (NULL-terminated, or
 * NULL) are the caller's and left alone.  The values are checked when
 * the record is validated. */
gboolean    ud_record_set_from_json (UdRecord           *record,
                                     JsonObject         *object,
                                     const char * const *skip,
                                     GQuark              domain,
                                     gint                code,
                                     GError            **error);

/* {"id":…, "uuid":…, and every field} as described above. */
JsonNode   *ud_record_to_json_node  (const UdRecord     *record);

G_END_DECLS
