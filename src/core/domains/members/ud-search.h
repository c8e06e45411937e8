/* ud-search.h — finding members as the clerk types
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the member list shows: filters, search text and sort order.  All of
 * it is done in SQL (ud_member_store_query()). */
typedef struct
{
  char     *text;          /* search text or NULL: name, pinyin, ID, card, phone, unit */
  char     *status;        /* choice value or NULL for any */
  char     *employment;    /* choice value or NULL for any */
  char     *model_worker;  /* choice value, "*" for any title, or NULL for no filter */
  gint64    unit_id;       /* 0 for any unit */
  char     *sort_field;    /* a UD_FIELD_SORTABLE field name, NULL = "name" (by pinyin) */
  gboolean  descending;
  guint     limit;         /* 0 = every match */
} UdMemberQuery;

void        ud_member_query_clear       (UdMemberQuery *query);

G_END_DECLS
