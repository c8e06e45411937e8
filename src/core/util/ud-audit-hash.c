/* ud-audit-hash.c — the hash that chains an audit entry to the one before
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ud-audit-hash.h"

char *
ud_audit_entry_hash (const char         *prev,
                     gint64              id,
                     const char * const  fields[UD_AUDIT_HASHED_FIELDS])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char head[64];

  g_checksum_update (checksum, (const guchar *) "ud-audit-1|", -1);
  g_checksum_update (checksum, (const guchar *) (prev != NULL ? prev : ""), -1);
  g_snprintf (head, sizeof head, "|%" G_GINT64_FORMAT, id);
  g_checksum_update (checksum, (const guchar *) head, -1);
  for (guint i = 0; i < UD_AUDIT_HASHED_FIELDS; i++)
    {
      if (fields[i] == NULL)
        {
          g_checksum_update (checksum, (const guchar *) "|N", 2);
          continue;
        }
      g_snprintf (head, sizeof head, "|S%" G_GSIZE_FORMAT ":", strlen (fields[i]));
      g_checksum_update (checksum, (const guchar *) head, -1);
      g_checksum_update (checksum, (const guchar *) fields[i], -1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}
