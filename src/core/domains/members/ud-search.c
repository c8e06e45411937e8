/* ud-search.c — finding members as the clerk types
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-search.h"
#include "ud-search-private.h"
#include "ud-permission.h"
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

void
ud_member_query_clear (UdMemberQuery *query)
{
  g_return_if_fail (query != NULL);

  g_clear_pointer (&query->text, g_free);
  g_clear_pointer (&query->status, g_free);
  g_clear_pointer (&query->employment, g_free);
  g_clear_pointer (&query->model_worker, g_free);
  g_clear_pointer (&query->sort_field, g_free);
  query->unit_id = 0;
  query->descending = FALSE;
  query->limit = 0;
}

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

/* The ids of the members whose own text matches one token. */
static void
add_search_token (QueryBuilder *qb,
                  const char   *token)
{
  glong n_chars = g_utf8_strlen (token, -1);

  if (n_chars >= 3)
    {
      /* detail=none keeps the index small and quick to fill; LIKE on a
       * trigram table still answers from the index, then checks the text. */
      g_string_append (qb->sql, "SELECT rowid FROM member_fts WHERE doc LIKE ");
      bind_text (qb, like_pattern (token));
    }
  else if (all_digits (token))
    {
      g_string_append (qb->sql, "SELECT id FROM member WHERE deleted = 0 AND (id_number LIKE ");
      bind_text (qb, like_pattern (token));
      g_string_append (qb->sql, " OR phone LIKE ");
      bind_text (qb, like_pattern (token));
      g_string_append (qb->sql, " OR card_number LIKE ");
      bind_text (qb, like_pattern (token));
      g_string_append (qb->sql, ")");
    }
  else
    {
      /* One token of the unicode61 tokenizer, quoted as an FTS5 string. */
      g_string_append (qb->sql, "SELECT rowid FROM member_grams WHERE member_grams MATCH ");
      bind_text (qb, fts_string (token));
    }
}

void
_ud_search_word_sql (const char *word,
                     GString    *sql,
                     GPtrArray  *values)
{
  QueryBuilder qb = { sql, values };

  /* The member's own text, or the name of the unit. */
  g_string_append (sql, "t.id IN (");
  add_search_token (&qb, word);
  g_string_append (sql, ") OR t.unit_id IN (SELECT id FROM unit WHERE deleted = 0 AND name LIKE ");
  bind_text (&qb, like_pattern (word));
  g_string_append_c (sql, ')');
}

/* The ORDER BY expression for a sortable field, or NULL. */
static char *
sort_expression (const UdKind *kind,
                 const char   *field_name)
{
  const UdField *field;

  if (field_name == NULL || strcmp (field_name, "name") == 0)
    return g_strdup ("m.name_pinyin");

  field = ud_kind_find_field (kind, field_name);
  if (field == NULL || (field->flags & UD_FIELD_SORTABLE) == 0)
    return NULL;

  /* Units by name, each unit's members by name: the order the indexes
   * unit_by_name_all and member_by_unit give without a sort. */
  if (field->type == UD_FIELD_REFERENCE)
    return g_strdup ("u.name, u.id, m.name_pinyin");

  return g_strconcat ("m.", field->name, NULL);
}

/* The whole roll in one sort order, kept compactly in memory as row ids;
 * the order itself comes from SQL (ORDER BY on an index).  A search or a
 * filter then walks it and keeps the rows whose ids the indexes found.
 * Sorting the 200,000 hits of a common surname in SQL takes a quarter of
 * a second on a million members; walking the ordered roll takes a few
 * milliseconds.  The codes the filters look at are loaded, by row id,
 * only once a filter is used. */
typedef struct
{
  char    *sort;
  gint64   stamp;
  guint    n;
  gint64   max_id;
  gint64  *ids;
} MemberOrder;

typedef struct
{
  gint64   stamp;
  gint64   max_id;
  gint64  *unit_ids;     /* by row id */
  guint8  *status;
  guint8  *employment;
  guint8  *model_worker;
} MemberCodes;

#define MEMBER_ORDER_KEY "ud-member-order"
#define MEMBER_CODES_KEY "ud-member-codes"

static void
member_order_free (gpointer data)
{
  MemberOrder *order = data;

  g_free (order->sort);
  g_free (order->ids);
  g_free (order);
}

static void
member_codes_free (gpointer data)
{
  MemberCodes *codes = data;

  g_free (codes->unit_ids);
  g_free (codes->status);
  g_free (codes->employment);
  g_free (codes->model_worker);
  g_free (codes);
}

/* 0 for empty, else 1 + the choice's index. */
static guint8
choice_code (const UdField *field,
             const char    *value)
{
  if (value == NULL || *value == '\0')
    return 0;
  for (guint i = 0; i < field->n_choices; i++)
    if (strcmp (field->choices[i].value, value) == 0)
      return (guint8) (i + 1);
  return G_MAXUINT8;
}

static int
cancel_handler (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

static void
set_cancel_handler (UdDatabase   *db,
                    GCancellable *cancellable)
{
  if (cancellable != NULL)
    sqlite3_progress_handler (ud_database_get_handle (db), 10000, cancel_handler, cancellable);
  else
    sqlite3_progress_handler (ud_database_get_handle (db), 0, NULL, NULL);
}

static gboolean
step_failed (UdDatabase   *db,
             int           rc,
             GCancellable *cancellable,
             GError      **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc == SQLITE_INTERRUPT || g_cancellable_is_cancelled (cancellable))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The search was cancelled."));
  else
    ud_database_set_error (db, error, _("search the members"));
  return TRUE;
}

static MemberOrder *
member_order_get (UdDatabase    *db,
                  const char    *sort,
                  gint64         stamp,
                  GCancellable  *cancellable,
                  GError       **error)
{
  MemberOrder *order = ud_database_get_cache (db, MEMBER_ORDER_KEY);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint capacity = 4096;
  int rc;

  if (order != NULL && order->stamp == stamp && strcmp (order->sort, sort) == 0)
    return order;

  /* The units first (CROSS JOIN keeps that order of the loops), so that
   * SQLite walks indexes instead of sorting a million rows. */
  if (g_str_has_prefix (sort, "u."))
    g_string_append (sql, "SELECT m.id FROM unit u CROSS JOIN member m ON m.unit_id = u.id");
  else
    g_string_append (sql, "SELECT m.id FROM member m");
  g_string_append_printf (sql, " WHERE m.deleted = 0 ORDER BY %s, m.id", sort);

  if (sqlite3_prepare_v2 (ud_database_get_handle (db), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      ud_database_set_error (db, error, _("search the members"));
      return NULL;
    }

  order = g_new0 (MemberOrder, 1);
  order->sort = g_strdup (sort);
  order->stamp = stamp;
  order->ids = g_new (gint64, capacity);

  set_cancel_handler (db, cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (order->n == capacity)
        {
          capacity *= 2;
          order->ids = g_renew (gint64, order->ids, capacity);
        }
      order->ids[order->n] = sqlite3_column_int64 (stmt, 0);
      order->max_id = MAX (order->max_id, order->ids[order->n]);
      order->n++;
    }
  sqlite3_finalize (stmt);
  set_cancel_handler (db, NULL);

  if (step_failed (db, rc, cancellable, error))
    {
      member_order_free (order);
      return NULL;
    }

  ud_database_set_cache (db, MEMBER_ORDER_KEY, order, member_order_free);
  return order;
}

static MemberCodes *
member_codes_get (UdDatabase    *db,
                  const UdKind  *kind,
                  gint64         stamp,
                  gint64         max_id,
                  GCancellable  *cancellable,
                  GError       **error)
{
  MemberCodes *codes = ud_database_get_cache (db, MEMBER_CODES_KEY);
  const UdField *status = ud_kind_find_field (kind, "status");
  const UdField *employment = ud_kind_find_field (kind, "employment");
  const UdField *model_worker = ud_kind_find_field (kind, "model_worker");
  sqlite3_stmt *stmt;
  int rc;

  if (codes != NULL && codes->stamp == stamp)
    return codes;

  stmt = ud_database_prepare (db,
                              "SELECT id, unit_id, status, employment, model_worker"
                              " FROM member WHERE deleted = 0",
                              error);
  if (stmt == NULL)
    return NULL;

  codes = g_new0 (MemberCodes, 1);
  codes->stamp = stamp;
  codes->max_id = max_id;
  codes->unit_ids = g_new0 (gint64, max_id + 1);
  codes->status = g_new0 (guint8, max_id + 1);
  codes->employment = g_new0 (guint8, max_id + 1);
  codes->model_worker = g_new0 (guint8, max_id + 1);

  set_cancel_handler (db, cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id < 1 || id > max_id)
        continue;
      codes->unit_ids[id] = sqlite3_column_int64 (stmt, 1);
      codes->status[id] = choice_code (status, (const char *) sqlite3_column_text (stmt, 2));
      codes->employment[id] = choice_code (employment, (const char *) sqlite3_column_text (stmt, 3));
      codes->model_worker[id] = choice_code (model_worker, (const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  set_cancel_handler (db, NULL);

  if (step_failed (db, rc, cancellable, error))
    {
      member_codes_free (codes);
      return NULL;
    }

  ud_database_set_cache (db, MEMBER_CODES_KEY, codes, member_codes_free);
  return codes;
}

/* What one word of the search text matches: members by their own text
 * (a bitmap over row ids) or by their unit's name (a bitmap over unit
 * ids, few rows in a small table). */
typedef struct
{
  guint8 *members;
  guint8 *units;      /* NULL when no unit name matches */
  gint64  max_unit_id;
} TokenHits;

static void
token_hits_clear (TokenHits *hits)
{
  g_free (hits->members);
  g_free (hits->units);
}

#define BIT_SET(bits, i)  ((bits)[(i) / 8] |= (guint8) (1 << ((i) % 8)))
#define BIT_TEST(bits, i) (((bits)[(i) / 8] & (1 << ((i) % 8))) != 0)

static gboolean
run_token_query (UdDatabase    *db,
                 const char    *sql,
                 GPtrArray     *texts,
                 guint8        *bits,
                 gint64         max_id,
                 GCancellable  *cancellable,
                 GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (ud_database_get_handle (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_debug ("Query: %s", sql);
      ud_database_set_error (db, error, _("search the members"));
      return FALSE;
    }
  for (guint i = 0; i < texts->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (texts, i), -1, SQLITE_STATIC);

  set_cancel_handler (db, cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id > 0 && id <= max_id)
        BIT_SET (bits, id);
    }
  sqlite3_finalize (stmt);
  set_cancel_handler (db, NULL);

  return !step_failed (db, rc, cancellable, error);
}

static gboolean
search_token (UdDatabase    *db,
              const char    *raw_token,
              gint64         max_id,
              TokenHits     *hits,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *token = g_utf8_casefold (raw_token, -1);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  QueryBuilder qb = { sql, texts };
  g_autofree char *pattern = like_pattern (token);
  sqlite3_stmt *stmt;
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  add_search_token (&qb, token);
  hits->members = g_malloc0 (max_id / 8 + 1);
  if (!run_token_query (db, sql->str, texts, hits->members, max_id, cancellable, error))
    return FALSE;

  stmt = ud_database_prepare (db, "SELECT id FROM unit WHERE deleted = 0 AND name LIKE ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (units, id);
      hits->max_unit_id = MAX (hits->max_unit_id, id);
    }
  sqlite3_reset (stmt);
  if (step_failed (db, rc, cancellable, error))
    return FALSE;

  if (units->len > 0)
    {
      hits->units = g_malloc0 (hits->max_unit_id / 8 + 1);
      for (guint i = 0; i < units->len; i++)
        BIT_SET (hits->units, g_array_index (units, gint64, i));
    }

  return TRUE;
}

/* Splits the search text into words: each must match. */
static GArray *
search_hits (UdDatabase    *db,
             const char    *text,
             gint64         max_id,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (TokenHits));
  g_autoptr(GString) folded = g_string_new (text);
  g_auto(GStrv) tokens = NULL;

  g_array_set_clear_func (all, (GDestroyNotify) token_hits_clear);

  /* g_strsplit_set() splits on bytes: the ideographic space becomes an
   * ASCII one first.  LIKE wildcards are not search text. */
  g_string_replace (folded, "\u3000", " ", 0);
  tokens = g_strsplit_set (folded->str, " \t%_\\", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      TokenHits hits = { NULL };

      g_strstrip (tokens[i]);
      if (*tokens[i] == '\0' || !g_utf8_validate (tokens[i], -1, NULL))
        continue;
      if (!search_token (db, tokens[i], max_id, &hits, cancellable, error))
        {
          token_hits_clear (&hits);
          return NULL;
        }
      g_array_append_val (all, hits);
    }

  return g_steal_pointer (&all);
}

static gboolean
token_matches (const TokenHits   *hits,
               gint64             id,
               const MemberCodes *codes)
{
  gint64 unit_id;

  if (BIT_TEST (hits->members, id))
    return TRUE;
  if (hits->units == NULL)
    return FALSE;
  unit_id = codes->unit_ids[id];
  return unit_id <= hits->max_unit_id && BIT_TEST (hits->units, unit_id);
}

GArray *
_ud_search_members (UdDatabase           *db,
                    const UdKind         *kind,
                    const UdMemberQuery  *query,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *sort = NULL;
  g_autoptr(GArray) hits = NULL;
  MemberOrder *order;
  MemberCodes *codes = NULL;
  gboolean searched = FALSE;
  gboolean filtered;
  gboolean need_codes;
  guint8 status = 0, employment = 0, model_worker = 0;
  gboolean any_title;
  gint64 stamp;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!ud_database_require (db, kind->view_permission, error))
    return NULL;

  sort = sort_expression (kind, query->sort_field);
  if (sort == NULL)
    {
      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("The list cannot be sorted by “%s”."), query->sort_field);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  stamp = ud_database_get_change_stamp (db);
  order = member_order_get (db, sort, stamp, cancellable, error);
  if (order == NULL)
    return NULL;

  if (query->text != NULL)
    {
      hits = search_hits (db, query->text, order->max_id, cancellable, error);
      if (hits == NULL)
        return NULL;
      searched = hits->len > 0;
    }

  any_title = g_strcmp0 (query->model_worker, "*") == 0;
  filtered = query->status != NULL || query->employment != NULL ||
             query->model_worker != NULL || query->unit_id > 0;
  need_codes = filtered;
  for (guint t = 0; searched && t < hits->len; t++)
    need_codes |= g_array_index (hits, TokenHits, t).units != NULL;

  if (need_codes)
    {
      codes = member_codes_get (db, kind, stamp, order->max_id, cancellable, error);
      if (codes == NULL)
        return NULL;
    }
  if (filtered)
    {
      if (query->status != NULL)
        status = choice_code (ud_kind_find_field (kind, "status"), query->status);
      if (query->employment != NULL)
        employment = choice_code (ud_kind_find_field (kind, "employment"), query->employment);
      if (query->model_worker != NULL && !any_title)
        model_worker = choice_code (ud_kind_find_field (kind, "model_worker"), query->model_worker);
    }

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), searched || filtered ? 256 : order->n);

  for (guint k = 0; k < order->n; k++)
    {
      guint i = query->descending ? order->n - 1 - k : k;
      gint64 id = order->ids[i];

      if (searched)
        {
          gboolean all_match = TRUE;

          for (guint t = 0; all_match && t < hits->len; t++)
            all_match = token_matches (&g_array_index (hits, TokenHits, t), id, codes);
          if (!all_match)
            continue;
        }
      if (filtered &&
          ((query->status != NULL && codes->status[id] != status) ||
           (query->employment != NULL && codes->employment[id] != employment) ||
           (model_worker != 0 && codes->model_worker[id] != model_worker) ||
           (any_title && codes->model_worker[id] == 0) ||
           (query->unit_id > 0 && codes->unit_ids[id] != query->unit_id)))
        continue;

      g_array_append_val (ids, id);
      if (query->limit > 0 && ids->len >= query->limit)
        break;
    }

  return g_steal_pointer (&ids);
}
