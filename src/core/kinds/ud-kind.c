/* ud-kind.c — finding fields of a kind, and the registry of kinds
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-kind"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-kind.h"

/* The kinds every layer knows, in registration order (the push order),
 * with their names and former names for lookups.  Filled once at start
 * by ud_core_init(), read-only afterwards. */
static GPtrArray  *registered;
static GHashTable *by_name;

const UdField *
ud_kind_find_field (const UdKind *kind,
                    const char   *name)
{
  int index;

  g_return_val_if_fail (kind != NULL, NULL);

  index = ud_kind_field_index (kind, name);
  return index < 0 ? NULL : &kind->fields[index];
}

const char *
ud_kind_get_field_label (const UdKind *kind,
                         const char   *name)
{
  const UdField *field = ud_kind_find_field (kind, name);

  g_return_val_if_fail (field != NULL, name);

  return _(field->label);
}

int
ud_kind_field_index (const UdKind *kind,
                     const char   *name)
{
  g_return_val_if_fail (kind != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  /* Asked for each value a record check reads: the first letter sorts
   * most fields out before a whole comparison. */
  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].name[0] == name[0] && strcmp (kind->fields[i].name, name) == 0)
      return (int) i;

  return -1;
}

static char *
fold_header (const char *header)
{
  GString *s = g_string_new (NULL);

  /* Headers come with stray spaces, full-width brackets and notes such
   * as "身份证号（18位）"; keep what is before a bracket. */
  for (const char *p = header; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == 0xFF08 || c == '[' || c == 0x3010)
        break;
      if (g_unichar_isspace (c) || c == 0x3000 || c == '*' || c == ':' || c == 0xFF1A)
        continue;
      g_string_append_unichar (s, g_unichar_tolower (c));
    }

  return g_string_free (s, FALSE);
}

const UdField *
ud_kind_match_csv_header (const UdKind *kind,
                          const char   *header)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (header != NULL, NULL);

  folded = fold_header (header);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const UdField *field = &kind->fields[i];

      if ((field->flags & UD_FIELD_CSV) == 0)
        continue;
      if (g_strcmp0 (folded, field->csv_header) == 0 || g_strcmp0 (folded, field->name) == 0)
        return field;
      for (guint j = 0; field->aliases != NULL && field->aliases[j] != NULL; j++)
        if (g_ascii_strcasecmp (folded, field->aliases[j]) == 0)
          return field;
    }

  return NULL;
}


const UdField *
ud_kind_find_reference_to (const UdKind *kind,
                           const UdKind *other)
{
  const UdField *found = NULL;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (other != NULL, NULL);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const UdField *field = &kind->fields[i];

      if (field->type != UD_FIELD_REFERENCE || field->reference == NULL)
        continue;
      if (field->reference->kind != NULL ? g_strcmp0 (field->reference->kind, other->name) != 0
                                         : field->reference->kind_field == NULL)
        continue;
      if (field->flags & UD_FIELD_PARENT)
        return field;
      if (found == NULL)
        found = field;
    }

  return found;
}

void
ud_kind_register (const UdKind *kind)
{
  g_return_if_fail (kind != NULL && kind->name != NULL && kind->table != NULL);

  if (registered == NULL)
    {
      registered = g_ptr_array_new ();
      by_name = g_hash_table_new (g_str_hash, g_str_equal);
    }

  if (g_hash_table_contains (by_name, kind->name))
    {
      g_critical ("The kind “%s” is registered twice", kind->name);
      return;
    }

  /* A reference names a kind registered before it: the push order. */
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const UdReference *reference = kind->fields[i].reference;

      if (reference != NULL && reference->kind != NULL && g_strcmp0 (reference->kind, kind->name) != 0 &&
          !g_hash_table_contains (by_name, reference->kind))
        g_critical ("The kind “%s” refers to “%s”, which is not registered before it",
                    kind->name, reference->kind);
    }

  /* The array stays NULL-terminated for ud_kind_list(). */
  if (registered->len > 0)
    g_ptr_array_remove_index (registered, registered->len - 1);
  g_ptr_array_add (registered, (gpointer) kind);
  g_ptr_array_add (registered, NULL);

  g_hash_table_insert (by_name, (gpointer) kind->name, (gpointer) kind);
  for (guint i = 0; kind->former_names != NULL && kind->former_names[i] != NULL; i++)
    g_hash_table_insert (by_name, (gpointer) kind->former_names[i], (gpointer) kind);
}

const UdKind *
ud_kind_lookup (const char *name)
{
  if (name == NULL || by_name == NULL)
    return NULL;

  return g_hash_table_lookup (by_name, name);
}

const UdKind * const *
ud_kind_list (guint *n_kinds)
{
  static const UdKind * const none[] = { NULL };

  if (registered == NULL)
    {
      if (n_kinds != NULL)
        *n_kinds = 0;
      return none;
    }

  if (n_kinds != NULL)
    *n_kinds = registered->len - 1;
  return (const UdKind * const *) registered->pdata;
}
