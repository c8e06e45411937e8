/* ud-json-read.h — strict readers of JSON that arrives from outside
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ud-types.h"

G_BEGIN_DECLS

/* Readers of the members of a JSON object a person wrote (a relief case,
 * a hardship case, a reference table), each naming the offending member
 * by its path ("costs.insurance") in the error it sets, as @domain and
 * @code — the caller's own error.  A member that is absent or null is
 * an error when @required, else leaves *@out as it is.  Money is read as
 * yuan written as text ("1234.50") or as a whole number, never through a
 * float; a date as text, YYYY-MM-DD. */

/* "prefix.key", or "key" without a prefix; "prefix[index]". */
char       *ud_json_path               (const char   *prefix,
                                        const char   *key);
char       *ud_json_index_path         (const char   *prefix,
                                        guint         index);
/* "path: message". */
void        ud_json_read_set_error     (GQuark        domain,
                                        GError      **error,
                                        gint          code,
                                        const char   *path,
                                        const char   *message);
/* ud_json_parse() with the depth limit, its error as @domain, @code. */
JsonNode   *ud_json_read_parse         (GQuark        domain,
                                        const char   *json,
                                        const char   *what,
                                        gint          code,
                                        GError      **error);
/* The text of a JSON file built into the program (a reference table in
 * @resource at @path), for the readers that also take a file's text. */
char       *ud_json_read_resource_text (GResource    *resource,
                                        const char   *path,
                                        GError      **error);
/* A reference table's versions by effective date: sorts @versions —
 * structs (GArray) or pointers to structs (GPtrArray) that begin with
 * their effective GDate — and refuses two that take effect on the same
 * day, as "@path: two versions take effect on YYYY-MM-DD".  The relief
 * tables, the hardship rules and the room standards all use it. */
gboolean    ud_json_read_sort_versions (GArray       *versions,
                                        GQuark        domain,
                                        gint          code,
                                        const char   *path,
                                        GError      **error);
gboolean    ud_json_read_sort_version_pointers (GPtrArray *versions,
                                                GQuark     domain,
                                                gint       code,
                                                const char *path,
                                                GError   **error);
/* Refuses a member of @object not named in @known (NULL-terminated). */
gboolean    ud_json_read_check_members (GQuark        domain,
                                        JsonObject   *object,
                                        const char   *prefix,
                                        const char  **known,
                                        gint          code,
                                        GError      **error);
gboolean    ud_json_read_object        (GQuark        domain,
                                        JsonObject   *object,
                                        const char   *prefix,
                                        const char   *key,
                                        gint          code,
                                        JsonObject  **out,
                                        GError      **error);
gboolean    ud_json_read_array         (GQuark        domain,
                                        JsonObject   *object,
                                        const char   *prefix,
                                        const char   *key,
                                        gboolean      required,
                                        gint          code,
                                        JsonArray   **out,
                                        GError      **error);
gboolean    ud_json_read_string        (GQuark        domain,
                                        JsonObject   *object,
                                        const char   *prefix,
                                        const char   *key,
                                        gboolean      required,
                                        gint          code,
                                        const char  **out,
                                        GError      **error);
gboolean    ud_json_read_money         (GQuark        domain,
                                        JsonObject   *object,
                                        const char   *prefix,
                                        const char   *key,
                                        gboolean      required,
                                        gint          code,
                                        UdFen        *out,
                                        GError      **error);
gboolean    ud_json_read_date          (GQuark        domain,
                                        JsonObject   *object,
                                        const char   *prefix,
                                        const char   *key,
                                        gboolean      required,
                                        gint          code,
                                        GDate        *out,
                                        GError      **error);
gboolean    ud_json_read_boolean       (GQuark        domain,
                                        JsonObject   *object,
                                        const char   *prefix,
                                        const char   *key,
                                        gboolean      required,
                                        gint          code,
                                        gboolean     *out,
                                        GError      **error);
gboolean    ud_json_read_uint          (GQuark        domain,
                                        JsonObject   *object,
                                        const char   *prefix,
                                        const char   *key,
                                        gboolean      required,
                                        gint          code,
                                        guint        *out,
                                        GError      **error);
gboolean    ud_json_read_node_date     (GQuark        domain,
                                        JsonNode     *node,
                                        const char   *path,
                                        gint          code,
                                        GDate        *out,
                                        GError      **error);
gboolean    ud_json_read_node_money    (GQuark        domain,
                                        JsonNode     *node,
                                        const char   *path,
                                        gint          code,
                                        UdFen        *out,
                                        GError      **error);

G_END_DECLS
