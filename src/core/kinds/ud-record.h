/* ud-record.h — one record of any kind, values in their stored text form
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ud-kind.h"

G_BEGIN_DECLS

struct _UdRecord
{
  const UdKind *kind;
  gint64        id;          /* local row id, 0 when not stored yet */
  char         *uuid;        /* UUIDv7, NULL when not stored yet */
  char         *district;
  char         *hlc;
  gboolean      deleted;
  char         *updated_at;  /* UTC ISO 8601 */
  char         *updated_by;
  char        **values;      /* kind->n_fields strings, never NULL ("" when empty) */
  /*< private >*/
  gatomicrefcount ref_count;
};

UdRecord   *ud_record_new        (const UdKind *kind);
UdRecord   *ud_record_copy       (const UdRecord *record);
UdRecord   *ud_record_ref        (UdRecord     *record);
void        ud_record_unref      (UdRecord     *record);
const char *ud_record_get        (const UdRecord *record,
                                  const char   *field);
void        ud_record_set        (UdRecord     *record,
                                  const char   *field,
                                  const char   *value);
const char *ud_record_get_nth    (const UdRecord *record,
                                  guint         index);
void        ud_record_set_nth    (UdRecord     *record,
                                  guint         index,
                                  const char   *value);
gboolean    ud_record_equal_values (const UdRecord *a,
                                    const UdRecord *b);

/* {"name": "…", …} with every synced field, in the kind's order. */
JsonNode   *ud_record_to_json    (const UdRecord *record);
/* The same object as compact JSON text, written directly: the audit log
 * stores one per new record, and an import makes a hundred thousand. */
char       *ud_record_to_json_text (const UdRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdRecord, ud_record_unref)

G_END_DECLS
