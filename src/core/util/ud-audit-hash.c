/* ud-audit-hash.c — the hash that chains an audit entry to the one before
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ud-audit-hash.h"

/* SHA-256 over @tag, @prev, @id and @values, each value with its length
 * so that no two rows read alike and NULL is not "". */
static char *
hash_values (const char         *tag,
             const char         *prev,
             gint64              id,
             const char * const *values,
             guint               n_values)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char head[64];

  g_checksum_update (checksum, (const guchar *) tag, -1);
  g_checksum_update (checksum, (const guchar *) (prev != NULL ? prev : ""), -1);
  g_snprintf (head, sizeof head, "|%" G_GINT64_FORMAT, id);
  g_checksum_update (checksum, (const guchar *) head, -1);
  for (guint i = 0; i < n_values; i++)
    {
      if (values[i] == NULL)
        {
          g_checksum_update (checksum, (const guchar *) "|N", 2);
          continue;
        }
      g_snprintf (head, sizeof head, "|S%" G_GSIZE_FORMAT ":", strlen (values[i]));
      g_checksum_update (checksum, (const guchar *) head, -1);
      g_checksum_update (checksum, (const guchar *) values[i], -1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

char *
ud_audit_entry_hash (const char         *prev,
                     gint64              id,
                     const char * const  fields[UD_AUDIT_HASHED_FIELDS])
{
  return hash_values ("ud-audit-1|", prev, id, fields, UD_AUDIT_HASHED_FIELDS);
}

char *
ud_chain_hash (const char         *table,
               const char         *prev,
               gint64              id,
               const char * const *values,
               guint               n_values)
{
  g_autofree char *tag = NULL;

  g_return_val_if_fail (table != NULL, NULL);

  tag = g_strdup_printf ("ud-chain-1|%s|", table);
  return hash_values (tag, prev, id, values, n_values);
}
