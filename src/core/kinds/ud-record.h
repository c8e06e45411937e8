/* ud-record.h — one record of any kind, values in their stored text form
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

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
  char        **values;      /* kind->n_fields strings, never NULL ("" when empty);
                              * read only: changed by ud_record_set*() alone (every
                              * empty one is a shared string, never to be freed) */
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
/* A number field (money in fen, a count): 0 when empty. */
gint64      ud_record_get_int    (const UdRecord *record,
                                  const char     *field);
void        ud_record_set_int    (UdRecord       *record,
                                  const char     *field,
                                  gint64          value);
const char *ud_record_get_nth    (const UdRecord *record,
                                  guint         index);
void        ud_record_set_nth    (UdRecord     *record,
                                  guint         index,
                                  const char   *value);
/* Whether the fields hold the same values (UD_FIELD_LOCAL ones aside:
 * they follow from the others). */
gboolean    ud_record_equal_values (const UdRecord *a,
                                    const UdRecord *b);

/* Checks and normalises every field of @record in place, the way each
 * typed or pulled record is checked before it is stored: each field that
 * is not UD_FIELD_DERIVED in its stored form (ud_field_check_stored()),
 * defaults for empty fields, required fields, then the kind's checks
 * across fields and its derived fields (UdKindHooks).  Problems go to
 * @issues (may be NULL).  FALSE when there is an error, not only
 * warnings.  What needs the database (no other record holds the same ID
 * number) is ud_record_store_validate()'s. */
gboolean    ud_record_check       (UdRecord       *record,
                                   GPtrArray      *issues);

/* Checks and normalises field @index of @record in place, in its stored
 * form, its default when empty, required-ness: what ud_record_check()
 * does with each field it checks.  Problems go to @issues. */
void        ud_record_check_field (UdRecord       *record,
                                   guint           index,
                                   GPtrArray      *issues);

/* What a person recognises the record by: its kind's title fields joined
 * by a space ("朱明敏"; "大病-110118-2024-01-0001 朱明敏"). */
char       *ud_record_get_title   (const UdRecord *record);

/* {"name":"…",…} with every synced field, in the kind's order, as compact
 * JSON text (numbers as numbers, empty values null), written directly:
 * the audit log stores one per new record, and an import makes a hundred
 * thousand. */
char       *ud_record_to_json_text (const UdRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdRecord, ud_record_unref)

G_END_DECLS
