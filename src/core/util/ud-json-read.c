/* ud-json-read.c — strict readers of JSON that arrives from outside
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-json"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-json-read.h"
#include "ud-json.h"
#include "ud-money.h"
#include "ud-validate.h"

/* Moved here from the relief rules so that every domain reads its cases
 * alike.  The readers are strict on purpose: an unknown or misspelt
 * member ("goverment_aid") is refused rather than silently read as 0,
 * since the answers are amounts of money. */

char *
ud_json_path (const char *prefix,
              const char *key)
{
  if (prefix == NULL || *prefix == '\0')
    return g_strdup (key);

  return g_strconcat (prefix, ".", key, NULL);
}

char *
ud_json_index_path (const char *prefix,
                    guint      index)
{
  return g_strdup_printf ("%s[%u]", prefix != NULL ? prefix : "", index);
}

void
ud_json_read_set_error (GQuark     domain,
                        GError     **error,
                        gint       code,
                        const char *path,
                        const char *message)
{
  /* Translators: a field name such as "costs.insurance", then what is
   * wrong with it. */
  g_set_error (error, domain, code, _("%s: %s"), path, message);
}

static int
compare_effective (gconstpointer a,
                   gconstpointer b)
{
  return g_date_compare (a, b);
}

static int
compare_effective_pointers (gconstpointer a,
                            gconstpointer b)
{
  return g_date_compare (*(const GDate * const *) a, *(const GDate * const *) b);
}

/* After sorting: the first date taken twice, else NULL. */
static gboolean
check_distinct (const GDate *previous,
                const GDate *current,
                GQuark       domain,
                gint         code,
                const char  *path,
                GError     **error)
{
  g_autofree char *date = NULL;
  g_autofree char *message = NULL;

  if (g_date_compare (previous, current) != 0)
    return TRUE;

  date = ud_date_to_iso (current);
  /* TRANSLATORS: a date */
  message = g_strdup_printf (_("two versions take effect on %s"), date);
  ud_json_read_set_error (domain, error, code, path, message);
  return FALSE;
}

gboolean
ud_json_read_sort_versions (GArray      *versions,
                            GQuark       domain,
                            gint         code,
                            const char  *path,
                            GError     **error)
{
  guint size;

  g_return_val_if_fail (versions != NULL, FALSE);

  size = g_array_get_element_size (versions);
  g_return_val_if_fail (size >= sizeof (GDate), FALSE);

  g_array_sort (versions, compare_effective);
  for (guint i = 1; i < versions->len; i++)
    if (!check_distinct ((const GDate *) (versions->data + (i - 1) * size),
                         (const GDate *) (versions->data + i * size), domain, code, path, error))
      return FALSE;

  return TRUE;
}

gboolean
ud_json_read_sort_version_pointers (GPtrArray   *versions,
                                    GQuark       domain,
                                    gint         code,
                                    const char  *path,
                                    GError     **error)
{
  g_return_val_if_fail (versions != NULL, FALSE);

  g_ptr_array_sort (versions, compare_effective_pointers);
  for (guint i = 1; i < versions->len; i++)
    if (!check_distinct (g_ptr_array_index (versions, i - 1), g_ptr_array_index (versions, i),
                         domain, code, path, error))
      return FALSE;

  return TRUE;
}

char *
ud_json_read_resource_text (GResource   *resource,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  return bytes != NULL ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) : NULL;
}

JsonNode *
ud_json_read_parse (GQuark     domain,
                    const char *json,
                    const char *what,
                    gint       code,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_assert (json != NULL);
  g_assert (what != NULL);

  root = ud_json_parse (json, -1, UD_JSON_MAX_DEPTH, what, &local_error);
  if (root == NULL)
    g_set_error_literal (error, domain, code, local_error->message);

  return root;
}

gboolean
ud_json_read_check_members (GQuark     domain,
                            JsonObject *object,
                            const char *prefix,
                            const char **known,
                            gint       code,
                            GError     **error)
{
  g_autoptr(GList) names = NULL;

  g_assert (object != NULL);
  g_assert (known != NULL);

  names = json_object_get_members (object);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!g_strv_contains (known, name))
        {
          g_autofree char *path = ud_json_path (prefix, name);

          ud_json_read_set_error (domain, error, code, path, _("unknown field"));
          return FALSE;
        }
    }

  return TRUE;
}

/* The member's node, or NULL when it is absent or JSON null; sets an error
 * only when it is required and absent. */
static gboolean
lookup_member (GQuark     domain,
               JsonObject *object,
               const char *prefix,
               const char *key,
               gboolean   required,
               gint       code,
               JsonNode   **out,
               GError     **error)
{
  JsonNode *node;

  g_assert (object != NULL);
  g_assert (out != NULL);

  node = json_object_get_member (object, key);
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    node = NULL;

  if (node == NULL && required)
    {
      g_autofree char *path = ud_json_path (prefix, key);

      ud_json_read_set_error (domain, error, code, path, _("this field is missing"));
      return FALSE;
    }

  *out = node;
  return TRUE;
}

static gboolean
node_holds_type (JsonNode *node,
                 GType    type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
ud_json_read_object (GQuark     domain,
                     JsonObject *object,
                     const char *prefix,
                     const char *key,
                     gint       code,
                     JsonObject **out,
                     GError     **error)
{
  JsonNode *node;

  if (!lookup_member (domain, object, prefix, key, TRUE, code, &node, error))
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *path = ud_json_path (prefix, key);

      ud_json_read_set_error (domain, error, code, path,
                                 _("must be a group of fields in braces { }"));
      return FALSE;
    }

  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
ud_json_read_array (GQuark     domain,
                    JsonObject *object,
                    const char *prefix,
                    const char *key,
                    gboolean   required,
                    gint       code,
                    JsonArray  **out,
                    GError     **error)
{
  JsonNode *node;

  if (!lookup_member (domain, object, prefix, key, required, code, &node, error))
    return FALSE;

  if (node == NULL)
    {
      *out = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = ud_json_path (prefix, key);

      ud_json_read_set_error (domain, error, code, path,
                                 _("must be a list in brackets [ ]"));
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
ud_json_read_string (GQuark     domain,
                     JsonObject *object,
                     const char *prefix,
                     const char *key,
                     gboolean   required,
                     gint       code,
                     const char **out,
                     GError     **error)
{
  JsonNode *node;

  if (!lookup_member (domain, object, prefix, key, required, code, &node, error))
    return FALSE;

  if (node == NULL)
    {
      *out = NULL;
      return TRUE;
    }

  if (!node_holds_type (node, G_TYPE_STRING))
    {
      g_autofree char *path = ud_json_path (prefix, key);

      ud_json_read_set_error (domain, error, code, path,
                                 _("must be text in double quotes"));
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
ud_json_read_node_money (GQuark     domain,
                         JsonNode   *node,
                         const char *path,
                         gint       code,
                         UdFen      *out,
                         GError     **error)
{
  g_assert (node != NULL);
  g_assert (out != NULL);

  if (node_holds_type (node, G_TYPE_STRING))
    {
      g_autoptr(GError) local_error = NULL;

      if (!ud_money_parse (json_node_get_string (node), out, &local_error))
        {
          ud_json_read_set_error (domain, error, code, path, local_error->message);
          return FALSE;
        }
      return TRUE;
    }

  /* A whole number of yuan written as a JSON integer is unambiguous;
   * fractions written as JSON numbers are not accepted because they would
   * pass through a float. */
  if (node_holds_type (node, G_TYPE_INT64))
    {
      gint64 yuan = json_node_get_int (node);

      if (yuan > G_MAXINT64 / 100 || yuan < G_MININT64 / 100)
        {
          ud_json_read_set_error (domain, error, code, path, _("the amount is too large"));
          return FALSE;
        }
      *out = yuan * 100;
      return TRUE;
    }

  ud_json_read_set_error (domain, error, code, path,
                             _("must be an amount in yuan written as text, for example \"1234.50\""));
  return FALSE;
}

gboolean
ud_json_read_money (GQuark     domain,
                    JsonObject *object,
                    const char *prefix,
                    const char *key,
                    gboolean   required,
                    gint       code,
                    UdFen      *out,
                    GError     **error)
{
  g_autofree char *path = NULL;
  JsonNode *node;

  if (!lookup_member (domain, object, prefix, key, required, code, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  path = ud_json_path (prefix, key);
  return ud_json_read_node_money (domain, node, path, code, out, error);
}

gboolean
ud_json_read_node_date (GQuark     domain,
                        JsonNode   *node,
                        const char *path,
                        gint       code,
                        GDate      *out,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_assert (node != NULL);
  g_assert (out != NULL);

  if (!node_holds_type (node, G_TYPE_STRING))
    {
      ud_json_read_set_error (domain, error, code, path,
                                 _("must be a date written as text, for example \"2024-09-01\""));
      return FALSE;
    }

  if (!ud_date_parse (json_node_get_string (node), out, &local_error))
    {
      ud_json_read_set_error (domain, error, code, path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
ud_json_read_date (GQuark     domain,
                   JsonObject *object,
                   const char *prefix,
                   const char *key,
                   gboolean   required,
                   gint       code,
                   GDate      *out,
                   GError     **error)
{
  g_autofree char *path = NULL;
  JsonNode *node;

  if (!lookup_member (domain, object, prefix, key, required, code, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  path = ud_json_path (prefix, key);
  return ud_json_read_node_date (domain, node, path, code, out, error);
}

gboolean
ud_json_read_boolean (GQuark     domain,
                      JsonObject *object,
                      const char *prefix,
                      const char *key,
                      gboolean   required,
                      gint       code,
                      gboolean   *out,
                      GError     **error)
{
  JsonNode *node;

  if (!lookup_member (domain, object, prefix, key, required, code, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!node_holds_type (node, G_TYPE_BOOLEAN))
    {
      g_autofree char *path = ud_json_path (prefix, key);

      ud_json_read_set_error (domain, error, code, path, _("must be true or false"));
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
ud_json_read_uint (GQuark     domain,
                   JsonObject *object,
                   const char *prefix,
                   const char *key,
                   gboolean   required,
                   gint       code,
                   guint      *out,
                   GError     **error)
{
  JsonNode *node;
  gint64 value;

  if (!lookup_member (domain, object, prefix, key, required, code, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!node_holds_type (node, G_TYPE_INT64)
      || (value = json_node_get_int (node)) < 0
      || value > G_MAXUINT)
    {
      g_autofree char *path = ud_json_path (prefix, key);

      ud_json_read_set_error (domain, error, code, path,
                                 _("must be a whole number, 0 or more"));
      return FALSE;
    }

  *out = (guint) value;
  return TRUE;
}
