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
 *  - member_gram holds every one- and two-character substring of the name
 *    and of the pinyin initials, which the trigram tokenizer cannot answer
 *    and which most Chinese names need (王芳, 李).
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
append_grams (GPtrArray  *grams,
              const char *text)
{
  g_auto(GStrv) found = NULL;

  if (text == NULL || *text == '\0')
    return;

  found = ud_text_short_grams (text);
  for (guint i = 0; found[i] != NULL; i++)
    g_ptr_array_add (grams, g_steal_pointer (&found[i]));
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

  stmt = ud_database_prepare (db, "DELETE FROM member_gram WHERE member_id = ?1", error);
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
  g_autoptr(GPtrArray) grams = g_ptr_array_new_with_free_func (g_free);
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

  append_grams (grams, name);
  append_grams (grams, initials);

  stmt = ud_database_prepare (db,
                              "INSERT OR IGNORE INTO member_gram (gram, member_id) VALUES (?1, ?2)",
                              error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < grams->len; i++)
    {
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (grams, i), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, member_id);
      if (!step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
all_digits (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static char *
like_pattern (const char *token)
{
  GString *s = g_string_new ("%");

  for (const char *p = token; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');

  return g_string_free (s, FALSE);
}

static char *
fts_phrase (const char *token)
{
  GString *s = g_string_new ("\"");

  for (const char *p = token; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');

  return g_string_free (s, FALSE);
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

static void
add_search_token (QueryBuilder *qb,
                  const char   *raw_token)
{
  g_autofree char *token = g_utf8_casefold (raw_token, -1);
  glong n_chars = g_utf8_strlen (token, -1);

  g_string_append (qb->sql, " AND (m.id IN (");
  if (n_chars >= 3)
    {
      g_string_append (qb->sql, "SELECT rowid FROM member_fts WHERE member_fts MATCH ");
      bind_text (qb, fts_phrase (token));
    }
  else if (all_digits (token))
    {
      g_string_append (qb->sql, "SELECT id FROM member WHERE id_number LIKE ");
      bind_text (qb, like_pattern (token));
      g_string_append (qb->sql, " ESCAPE '\\' OR phone LIKE ");
      bind_text (qb, like_pattern (token));
      g_string_append (qb->sql, " ESCAPE '\\' OR card_number LIKE ");
      bind_text (qb, like_pattern (token));
      g_string_append (qb->sql, " ESCAPE '\\'");
    }
  else
    {
      g_string_append (qb->sql, "SELECT member_id FROM member_gram WHERE gram = ");
      bind_text (qb, g_strdup (token));
    }
  g_string_append (qb->sql, ") OR m.unit_id IN (SELECT id FROM unit WHERE deleted = 0 AND name LIKE ");
  bind_text (qb, like_pattern (token));
  g_string_append (qb->sql, " ESCAPE '\\'))");
}

static const char *
sort_expression (const char *field_name)
{
  const UdField *field;

  if (field_name == NULL || strcmp (field_name, "name") == 0)
    return "m.name_pinyin";

  field = ud_kind_find_field (&ud_kind_member, field_name);
  if (field == NULL || (field->flags & UD_FIELD_SORTABLE) == 0)
    return NULL;

  if (field->type == UD_FIELD_UNIT_REF)
    return "u.name";

  return field->name;
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
  const char *sort;
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

  if (query->text != NULL)
    tokens = g_strsplit_set (query->text, " \t\u3000", -1);
  for (guint i = 0; tokens != NULL && tokens[i] != NULL; i++)
    {
      g_strstrip (tokens[i]);
      if (*tokens[i] != '\0' && g_utf8_validate (tokens[i], -1, NULL))
        add_search_token (&qb, tokens[i]);
    }

  g_string_append_printf (sql, " ORDER BY %s%s, m.id%s",
                          g_str_has_prefix (sort, "u.") || strcmp (sort, "m.name_pinyin") == 0
                          ? sort : "", 
                          query->descending ? " DESC" : "",
                          query->descending ? " DESC" : "");
  if (query->limit > 0)
    g_string_append_printf (sql, " LIMIT %u", query->limit);

  if (!(g_str_has_prefix (sort, "u.") || strcmp (sort, "m.name_pinyin") == 0))
    {
      /* Plain member columns are qualified here, after the fixed part. */
      g_autofree char *tail = NULL;
      char *order = strstr (sql->str, " ORDER BY ");

      tail = g_strdup_printf (" ORDER BY m.%s%s, m.id%s", sort,
                              query->descending ? " DESC" : "",
                              query->descending ? " DESC" : "");
      g_string_truncate (sql, order - sql->str);
      g_string_append (sql, tail);
      if (query->limit > 0)
        g_string_append_printf (sql, " LIMIT %u", query->limit);
    }

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
