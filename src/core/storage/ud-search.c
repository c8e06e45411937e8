/* ud-search.c — finding members as the clerk types
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-member-store.h"
#include "ud-search-private.h"
#include "ud-pinyin.h"

/* Two indexes answer every query from an index (DESIGN §5):
 *
 *  - member_fts, an FTS5 trigram table over name, full pinyin, pinyin
 *    initials, ID number, card number and phone, answers queries of three
 *    characters or more;
 *  - member_grams, an FTS5 table whose tokens are the one- and
 *    two-character substrings of the name and of the pinyin initials,
 *    answers the short queries that trigrams cannot and that most Chinese
 *    names need (王芳, 李, zm).
 *
 * Unit names are matched in the small unit table and joined by unit_id,
 * so renaming a unit does not touch a million index rows.  One- and
 * two-digit queries (a fragment of an ID or phone number) are the only
 * ones that scan: nearly every member matches them anyway.
 */

static gboolean
step_done (UdDatabase   *db,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("update the search index"));
      return FALSE;
    }

  return TRUE;
}

static void
append_grams (GString    *doc,
              const char *text)
{
  g_auto(GStrv) grams = NULL;

  if (text == NULL || *text == '\0')
    return;

  grams = ud_text_short_grams (text);
  for (guint i = 0; grams[i] != NULL; i++)
    {
      if (doc->len > 0)
        g_string_append_c (doc, ' ');
      g_string_append (doc, grams[i]);
    }
}

gboolean
_ud_search_remove_member (UdDatabase  *db,
                          gint64       member_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = ud_database_prepare (db, "DELETE FROM member_fts WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (!step_done (db, stmt, error))
    return FALSE;

  stmt = ud_database_prepare (db, "DELETE FROM member_grams WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);

  return step_done (db, stmt, error);
}

gboolean
_ud_search_index_member (UdDatabase  *db,
                         gint64       member_id,
                         const char  *name,
                         const char  *pinyin,
                         const char  *initials,
                         const char  *id_number,
                         const char  *card_number,
                         const char  *phone,
                         gboolean     replace,
                         GError     **error)
{
  g_autoptr(GString) doc = g_string_sized_new (96);
  sqlite3_stmt *stmt;

  if (replace && !_ud_search_remove_member (db, member_id, error))
    return FALSE;

  g_string_append_printf (doc, "%s %s %s %s %s %s",
                          name, pinyin, initials, id_number,
                          card_number != NULL ? card_number : "",
                          phone != NULL ? phone : "");

  stmt = ud_database_prepare (db, "INSERT INTO member_fts (rowid, doc) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, doc->str, (int) doc->len, SQLITE_STATIC);
  if (!step_done (db, stmt, error))
    return FALSE;

  g_string_truncate (doc, 0);
  append_grams (doc, name);
  append_grams (doc, initials);

  stmt = ud_database_prepare (db, "INSERT INTO member_grams (rowid, grams) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, doc->str, (int) doc->len, SQLITE_STATIC);

  return step_done (db, stmt, error);
}

static gboolean
all_digits (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Search tokens never hold LIKE wildcards (they are removed when the
 * query is split), so no ESCAPE clause is needed — FTS5 would not use
 * its index for a LIKE with one. */
static char *
like_pattern (const char *token)
{
  return g_strconcat ("%", token, "%", NULL);
}

typedef struct
{
  GString   *sql;
  GPtrArray *texts;     /* bound in order as ?1, ?2 … */
} QueryBuilder;

static void
bind_text (QueryBuilder *qb,
           char         *owned_text)
{
  g_ptr_array_add (qb->texts, owned_text);
  g_string_append_printf (qb->sql, "?%u", qb->texts->len);
}

static char *
fts_string (const char *token)
{
  g_autoptr(GString) s = g_string_new (token);

  g_string_replace (s, "\"", "\"\"", 0);
  g_string_prepend_c (s, '"');
  g_string_append_c (s, '"');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The ids of the members one token finds, as a compound SELECT. */
static void
add_search_token (QueryBuilder *qb,
                  const char   *raw_token)
{
  g_autofree char *token = g_utf8_casefold (raw_token, -1);
  glong n_chars = g_utf8_strlen (token, -1);

  /* Parenthesised: compound operators have no precedence in SQL, and the
   * tokens' sets are intersected. */
  g_string_append (qb->sql, "SELECT * FROM (");
  if (n_chars >= 3)
    {
      /* detail=none keeps the index small and quick to fill; LIKE on a
       * trigram table still answers from the index, then checks the text. */
      g_string_append (qb->sql, "SELECT rowid FROM member_fts WHERE doc LIKE ");
      bind_text (qb, like_pattern (token));
    }
  else if (all_digits (token))
    {
      g_string_append (qb->sql, "SELECT id FROM member WHERE id_number LIKE ");
      bind_text (qb, like_pattern (token));
      g_string_append (qb->sql, " OR phone LIKE ");
      bind_text (qb, like_pattern (token));
      g_string_append (qb->sql, " OR card_number LIKE ");
      bind_text (qb, like_pattern (token));
    }
  else
    {
      /* One token of the unicode61 tokenizer, quoted as an FTS5 string. */
      g_string_append (qb->sql, "SELECT rowid FROM member_grams WHERE member_grams MATCH ");
      bind_text (qb, fts_string (token));
    }
  g_string_append (qb->sql, " UNION SELECT id FROM member WHERE deleted = 0 AND unit_id IN"
                            " (SELECT id FROM unit WHERE deleted = 0 AND name LIKE ");
  bind_text (qb, like_pattern (token));
  g_string_append (qb->sql, "))");
}

/* The ORDER BY expression for a sortable field, or NULL. */
static char *
sort_expression (const char *field_name)
{
  const UdField *field;

  if (field_name == NULL || strcmp (field_name, "name") == 0)
    return g_strdup ("m.name_pinyin");

  field = ud_kind_find_field (&ud_kind_member, field_name);
  if (field == NULL || (field->flags & UD_FIELD_SORTABLE) == 0)
    return NULL;

  if (field->type == UD_FIELD_UNIT_REF)
    return g_strdup ("u.name");

  return g_strconcat ("m.", field->name, NULL);
}

static int
cancel_handler (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

GArray *
ud_member_store_query (UdDatabase           *db,
                       const UdMemberQuery  *query,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  QueryBuilder qb = { sql, texts };
  g_auto(GStrv) tokens = NULL;
  g_autofree char *sort = NULL;
  guint n_tokens = 0;
  sqlite3_stmt *stmt;
  sqlite3 *handle;
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  sort = sort_expression (query->sort_field);
  if (sort == NULL)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("The list cannot be sorted by “%s”."), query->sort_field);
      return NULL;
    }

  if (query->text != NULL)
    {
      g_autoptr(GString) text = g_string_new (query->text);

      /* g_strsplit_set() splits on bytes: the ideographic space becomes
       * an ASCII one first. */
      g_string_replace (text, "\u3000", " ", 0);
      tokens = g_strsplit_set (text->str, " \t%_\\", -1);
    }

  /* With search text, the matching ids are found first from the indexes
   * and drive the query; the filters and the sort apply to those only. */
  for (guint i = 0; tokens != NULL && tokens[i] != NULL; i++)
    {
      g_strstrip (tokens[i]);
      if (*tokens[i] == '\0' || !g_utf8_validate (tokens[i], -1, NULL))
        continue;
      g_string_append (sql, n_tokens == 0 ? "WITH hits (id) AS MATERIALIZED (" : " INTERSECT ");
      add_search_token (&qb, tokens[i]);
      n_tokens++;
    }
  if (n_tokens > 0)
    g_string_append (sql, ") SELECT m.id FROM hits CROSS JOIN member m ON m.id = hits.id");
  else
    g_string_append (sql, "SELECT m.id FROM member m");
  if (g_str_has_prefix (sort, "u."))
    g_string_append (sql, " JOIN unit u ON u.id = m.unit_id");
  g_string_append (sql, " WHERE m.deleted = 0");

  if (query->status != NULL)
    {
      g_string_append (sql, " AND m.status = ");
      bind_text (&qb, g_strdup (query->status));
    }
  if (query->employment != NULL)
    {
      g_string_append (sql, " AND m.employment = ");
      bind_text (&qb, g_strdup (query->employment));
    }
  if (g_strcmp0 (query->model_worker, "*") == 0)
    g_string_append (sql, " AND m.model_worker <> ''");
  else if (query->model_worker != NULL)
    {
      g_string_append (sql, " AND m.model_worker = ");
      bind_text (&qb, g_strdup (query->model_worker));
    }
  if (query->unit_id > 0)
    {
      g_string_append (sql, " AND m.unit_id = ");
      bind_text (&qb, g_strdup_printf ("%" G_GINT64_FORMAT, query->unit_id));
    }

  g_string_append_printf (sql, " ORDER BY %s%s, m.id%s", sort,
                          query->descending ? " DESC" : "",
                          query->descending ? " DESC" : "");
  if (query->limit > 0)
    g_string_append_printf (sql, " LIMIT %u", query->limit);

  /* Queries vary with the filters: prepare this one on its own. */
  handle = ud_database_get_handle (db);
  if (sqlite3_prepare_v2 (handle, sql->str, (int) sql->len, &stmt, NULL) != SQLITE_OK)
    {
      g_debug ("Query: %s", sql->str);
      ud_database_set_error (db, error, _("search the members"));
      return NULL;
    }
  for (guint i = 0; i < texts->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (texts, i), -1, SQLITE_STATIC);

  if (cancellable != NULL)
    sqlite3_progress_handler (handle, 10000, cancel_handler, cancellable);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  if (cancellable != NULL)
    sqlite3_progress_handler (handle, 0, NULL, NULL);

  if (rc == SQLITE_INTERRUPT || g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The search was cancelled."));
      return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("search the members"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}
