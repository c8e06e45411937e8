/* ud-sync-json.h — a small, fast reader for the server's JSON answers
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A first sync reads hundreds of megabytes of pull pages; json-glib's
 * tree of GObject-free but individually allocated nodes costs more to
 * build and free than applying the records does.  This reader puts a
 * whole answer in one arena, keeps every value's place in the text (so
 * that a record's "data" can be stored as the server wrote it), and
 * checks what it reads: UTF-8, no control characters in strings, nesting
 * at most 64 deep, nothing after the value. */

typedef enum
{
  UD_SYNC_JSON_NULL,
  UD_SYNC_JSON_FALSE,
  UD_SYNC_JSON_TRUE,
  UD_SYNC_JSON_INT,
  UD_SYNC_JSON_DOUBLE,
  UD_SYNC_JSON_STRING,
  UD_SYNC_JSON_ARRAY,
  UD_SYNC_JSON_OBJECT,
} UdSyncJsonType;

typedef struct _UdSyncJson      UdSyncJson;
typedef struct _UdSyncJsonValue UdSyncJsonValue;

/* NULL and FALSE when @text is not one JSON value; @error may be NULL. */
UdSyncJson            *_ud_sync_json_parse        (const char             *text,
                                                   gsize                   length,
                                                   GError                **error);
void                   _ud_sync_json_free         (UdSyncJson             *json);
const UdSyncJsonValue *_ud_sync_json_root         (const UdSyncJson       *json);

UdSyncJsonType         _ud_sync_json_type         (const UdSyncJsonValue  *value);
/* The value's text as it stands in the document (valid JSON). */
char                  *_ud_sync_json_text         (const UdSyncJson       *json,
                                                   const UdSyncJsonValue  *value);

/* Arrays. */
guint                  _ud_sync_json_length       (const UdSyncJsonValue  *array);
const UdSyncJsonValue *_ud_sync_json_element      (const UdSyncJsonValue  *array,
                                                   guint                   index);

/* Objects: NULL or FALSE when @object is no object, the member is
 * missing or of another type.  Members are found by a linear search:
 * the protocol's objects are small. */
const UdSyncJsonValue *_ud_sync_json_member       (const UdSyncJsonValue  *object,
                                                   const char             *name);
guint                  _ud_sync_json_n_members    (const UdSyncJsonValue  *object);
const char            *_ud_sync_json_member_name  (const UdSyncJsonValue  *object,
                                                   guint                   index);
const UdSyncJsonValue *_ud_sync_json_member_value (const UdSyncJsonValue  *object,
                                                   guint                   index);
const char            *_ud_sync_json_get_string   (const UdSyncJsonValue  *object,
                                                   const char             *name);
gboolean               _ud_sync_json_get_int      (const UdSyncJsonValue  *object,
                                                   const char             *name,
                                                   gint64                 *value);
gboolean               _ud_sync_json_get_boolean  (const UdSyncJsonValue  *object,
                                                   const char             *name,
                                                   gboolean               *value);
const UdSyncJsonValue *_ud_sync_json_get_object   (const UdSyncJsonValue  *object,
                                                   const char             *name);
const UdSyncJsonValue *_ud_sync_json_get_array    (const UdSyncJsonValue  *object,
                                                   const char             *name);

/* Scalars. */
const char            *_ud_sync_json_string       (const UdSyncJsonValue  *value);
gint64                 _ud_sync_json_int          (const UdSyncJsonValue  *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdSyncJson, _ud_sync_json_free)

G_END_DECLS
