/* ud-search.c — finding members as the clerk types
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-search"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <time.h>

#include "ud-permission.h"
#include "ud-pinyin.h"
#include "ud-record-store.h"
#include "ud-search.h"
#include "ud-search-private.h"
#include "ud-text.h"

/* Each word of the search text is looked up in the index of
 * ud-search-index.c and in the unit names (a small table, matched with
 * LIKE and joined by unit_id, so that renaming a unit does not touch the
 * index).  A word finds a member through its name, its pinyin initials,
 * its full pinyin (from the start of a syllable, the last one as far as
 * typed), its ID, phone or card number, or its unit; every word must find
 * it.  The members found are ranked — the name, pinyin or number exactly
 * the word, then starting with it, then containing it, then by the unit
 * alone — and within a rank kept in the list's order, as far as the limit
 * the caller sets (the screen and a "1,000+").  One- and two-digit words
 * are the only ones that read the member table: nearly everyone matches
 * them anyway.  Words of three characters or more are checked against
 * the text of the members their bigrams found: the pinyin initials from
 * a table in memory that the warming fills (MemberInitials), the rest
 * from the name.  A search is one read transaction. */

enum
{
  RANK_EXACT,
  RANK_PREFIX,
  RANK_CONTAINS,
  RANK_UNIT,
  N_RANKS,
  RANK_NONE = N_RANKS,
};

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

/* One word of a generic list's search (the member kind's search hook):
 * the member's name, its pinyin or initials, its ID, phone or card
 * number, or its unit's name contain the word.  The member list itself
 * searches through the index (_ud_search_members()). */
void
_ud_search_word_sql (const char *word,
                     GString    *sql,
                     GPtrArray  *values)
{
  g_autoptr(GString) pattern = g_string_new ("%");
  g_autofree char *folded = g_utf8_strdown (word, -1);
  guint n;

  /* The word itself, LIKE's own characters escaped. */
  for (const char *p = folded; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  g_ptr_array_add (values, g_string_free (g_steal_pointer (&pattern), FALSE));
  n = values->len;

  g_string_append_printf (sql,
                          "t.name LIKE ?%u ESCAPE '\\' OR t.name_pinyin LIKE ?%u ESCAPE '\\'"
                          " OR t.name_initials LIKE ?%u ESCAPE '\\' OR t.id_number LIKE ?%u ESCAPE '\\'"
                          " OR t.phone LIKE ?%u ESCAPE '\\' OR t.card_number LIKE ?%u ESCAPE '\\'"
                          " OR t.unit_id IN (SELECT id FROM unit WHERE deleted = 0 AND name LIKE ?%u ESCAPE '\\')",
                          n, n, n, n, n, n, n);
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
  guint32 *positions;    /* by row id: where in ids, or G_MAXUINT32; made on first use */
} MemberOrder;

typedef struct
{
  gint64   stamp;
  gint64   max_id;
  gint64  *unit_ids;     /* by row id */
  guint8  *status;
  guint8  *employment;
  guint8  *model_worker;
  /* The members of each unit, made on first use: those of unit u are
   * unit_members[unit_start[u] … unit_start[u + 1]). */
  gint64   max_unit_id;
  guint32 *unit_start;
  guint32 *unit_members;
} MemberCodes;

/* The pinyin initials of every member, four bytes a member (4 MB for a
 * million), by row id: what checks a three-letter or longer initials
 * word against each member its bigrams found, without reading names or
 * reading them in pinyin again (that was the slowest search, issue 13).
 * Initials of up to four letters are kept as they are, padded with
 * zeros; longer ones, and members it does not know, are INITIALS_UNKNOWN
 * and read from the name as before.  Unlike the order and the codes it
 * outlives this connection's writes: each write of a member forgets that
 * member (_ud_search_forget_member()), and a search that reads a
 * forgotten member's name outside a transaction keeps its initials again.
 * Another connection's commit (data_version) forgets them all. */
typedef struct
{
  gint64   data_version;
  gint64   max_id;
  guint32 *packed;       /* by row id */
} MemberInitials;

#define INITIALS_UNKNOWN G_MAXUINT32
#define INITIALS_KEPT    4

#define MEMBER_ORDER_KEY "ud-member-order"
#define MEMBER_CODES_KEY "ud-member-codes"
#define MEMBER_INITIALS_KEY "ud-member-initials"

static void
member_order_free (gpointer data)
{
  MemberOrder *order = data;

  g_free (order->sort);
  g_free (order->ids);
  g_free (order->positions);
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
  g_free (codes->unit_start);
  g_free (codes->unit_members);
  g_free (codes);
}

static void
member_initials_free (gpointer data)
{
  MemberInitials *initials = data;

  g_free (initials->packed);
  g_free (initials);
}

/* @text as kept in the table: INITIALS_UNKNOWN when it is too long. */
static guint32
initials_pack (const char *text)
{
  gsize len = strlen (text);
  guint32 packed = 0;

  if (len > INITIALS_KEPT)
    return INITIALS_UNKNOWN;
  memcpy (&packed, text, len);
  return packed;
}

static gint64
data_version (UdDatabase *db)
{
  sqlite3_stmt *stmt = ud_database_prepare (db, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return version;
}

/* The table, if it was made and nothing committed elsewhere since. */
static MemberInitials *
member_initials_peek (UdDatabase *db)
{
  MemberInitials *initials = ud_database_get_cache (db, MEMBER_INITIALS_KEY);

  if (initials != NULL && initials->data_version != data_version (db))
    {
      ud_database_set_cache (db, MEMBER_INITIALS_KEY, NULL, NULL);
      return NULL;
    }
  return initials;
}

void
_ud_search_forget_member (UdDatabase *db,
                          gint64      member_id)
{
  MemberInitials *initials = ud_database_get_cache (db, MEMBER_INITIALS_KEY);

  if (initials != NULL && member_id > 0 && member_id <= initials->max_id)
    initials->packed[member_id] = INITIALS_UNKNOWN;
}

void
_ud_search_forget_all (UdDatabase *db)
{
  ud_database_set_cache (db, MEMBER_INITIALS_KEY, NULL, NULL);
  _ud_search_pending_forget (db);
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

static MemberInitials *
member_initials_new (UdDatabase *db,
                     gint64      max_id)
{
  MemberInitials *initials = g_new0 (MemberInitials, 1);

  initials->data_version = data_version (db);
  initials->max_id = max_id;
  initials->packed = g_new (guint32, max_id + 1);
  memset (initials->packed, 0xff, (max_id + 1) * sizeof (guint32));
  return initials;
}

/* The codes of the live members; with @initials (the warming), their
 * initials in the same pass over the table, which is read again even
 * if the codes were there. */
static MemberCodes *
member_codes_get (UdDatabase      *db,
                  const UdKind    *kind,
                  gint64           stamp,
                  gint64           max_id,
                  MemberInitials  *initials,
                  GCancellable    *cancellable,
                  GError         **error)
{
  MemberCodes *codes = ud_database_get_cache (db, MEMBER_CODES_KEY);
  const UdField *status = ud_kind_find_field (kind, "status");
  const UdField *employment = ud_kind_find_field (kind, "employment");
  const UdField *model_worker = ud_kind_find_field (kind, "model_worker");
  sqlite3_stmt *stmt;
  int rc;

  if (codes != NULL && codes->stamp == stamp && initials == NULL)
    return codes;

  stmt = ud_database_prepare (db,
                              initials != NULL
                              ? "SELECT id, unit_id, status, employment, model_worker, name"
                                " FROM member WHERE deleted = 0"
                              : "SELECT id, unit_id, status, employment, model_worker"
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
      if (initials != NULL)
        {
          g_autofree char *text = NULL;

          ud_pinyin_for_name ((const char *) sqlite3_column_text (stmt, 5), NULL, &text);
          initials->packed[id] = initials_pack (text);
        }
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

/* ---- what one word finds ------------------------------------------------- */

typedef struct
{
  UdDatabase   *db;
  GCancellable *cancellable;
  gint64        max_id;
  gsize         n_words;   /* of a bitmap over member ids */
  GArray       *scratch;
  gboolean      committed; /* what it reads is committed (no writing transaction is open) */
} Search;

/* Bitmaps over member ids: each member the word finds, and those it
 * finds exactly or at the start (NULL until one is); units by id. */
typedef struct
{
  guint64 *any;
  guint64 *prefix;
  guint64 *exact;
  guint8  *units;
  gint64   max_unit_id;
} TokenHits;

#define BIT_SET(bits, i)  ((bits)[(i) / 64] |= G_GUINT64_CONSTANT (1) << ((i) % 64))
#define BIT_TEST(bits, i) (((bits)[(i) / 64] >> ((i) % 64)) & 1)

/* Candidates of a long word are checked against the stored text; past
 * this many the check would cost more than the screen is worth, and the
 * word is a common one: they are kept as found. */
#define VERIFY_MAX 20000

static void
token_hits_clear (TokenHits *hits)
{
  g_free (hits->any);
  g_free (hits->prefix);
  g_free (hits->exact);
  g_free (hits->units);
}

static guint64 *
bits_new (Search *s)
{
  return g_new0 (guint64, s->n_words);
}

static void
bits_set_ids (Search  *s,
              guint64 *bits,
              GArray  *ids)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (id > 0 && id <= s->max_id)
        BIT_SET (bits, id);
    }
}

static guint64 *
ensure_bits (Search   *s,
             guint64 **bits)
{
  if (*bits == NULL)
    *bits = bits_new (s);
  return *bits;
}

static gboolean
cancelled (Search  *s,
           GError **error)
{
  if (g_cancellable_is_cancelled (s->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The search was cancelled."));
      return TRUE;
    }
  return FALSE;
}

/* ORs the members of the terms lo … hi into @bits. */
static gboolean
lookup_bits (Search   *s,
             gint64    lo,
             gint64    hi,
             guint64  *bits,
             GError  **error)
{
  g_array_set_size (s->scratch, 0);
  if (!_ud_search_lookup (s->db, lo, hi, s->scratch, error))
    return FALSE;
  bits_set_ids (s, bits, s->scratch);
  return TRUE;
}

/* A gram in any place, into @hits by where it stands (@whole: the gram
 * is all of the word, so that a gram that is all of the name is an exact
 * match). */
static gboolean
lookup_gram (Search        *s,
             UdSearchField  field,
             guint32        first,
             guint32        second,
             gboolean       whole,
             TokenHits     *hits,
             GError       **error)
{
  for (guint place = 0; place < 4; place++)
    {
      gint64 term = _ud_search_gram_term (field, place, first, second);

      /* Each term's postings decoded once, into every bitmap its place
       * belongs to. */
      g_array_set_size (s->scratch, 0);
      if (!_ud_search_lookup (s->db, term, term, s->scratch, error))
        return FALSE;
      if (s->scratch->len == 0)
        continue;
      bits_set_ids (s, ensure_bits (s, &hits->any), s->scratch);
      if ((place & UD_SEARCH_AT_START) != 0)
        bits_set_ids (s, ensure_bits (s, &hits->prefix), s->scratch);
      if (whole && place == (UD_SEARCH_AT_START | UD_SEARCH_AT_END))
        bits_set_ids (s, ensure_bits (s, &hits->exact), s->scratch);
    }

  return TRUE;
}

/* The members that have the gram anywhere, ANDed into @candidates. */
static gboolean
narrow_by_gram (Search        *s,
                UdSearchField  field,
                guint32        first,
                guint32        second,
                guint64       *candidates,
                GError       **error)
{
  g_autofree guint64 *found = bits_new (s);

  for (guint place = 0; place < 4; place++)
    {
      gint64 term = _ud_search_gram_term (field, place, first, second);

      if (!lookup_bits (s, term, term, found, error))
        return FALSE;
    }
  for (gsize w = 0; w < s->n_words; w++)
    candidates[w] &= found[w];

  return TRUE;
}

static void
bits_fill (Search  *s,
           guint64 *bits)
{
  memset (bits, 0xff, s->n_words * sizeof (guint64));
}


static guint
bits_popcount (const guint64 *bits,
               gsize          n_words)
{
  guint n = 0;

  /* Without -mpopcnt __builtin_popcountll() is a call into libgcc, a
   * tenth of a search's time: the bit-twiddling count, inline, and
   * only for the words that have a bit. */
  for (gsize w = 0; w < n_words; w++)
    if (bits[w] != 0)
      {
        guint64 x = bits[w];

        x = x - ((x >> 1) & G_GUINT64_CONSTANT (0x5555555555555555));
        x = (x & G_GUINT64_CONSTANT (0x3333333333333333)) + ((x >> 2) & G_GUINT64_CONSTANT (0x3333333333333333));
        x = (x + (x >> 4)) & G_GUINT64_CONSTANT (0x0f0f0f0f0f0f0f0f);
        n += (guint) ((x * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
      }
  return n;
}

/* Marks @id in @hits if @text holds @word, by where. */
static void
mark_if_held (Search     *s,
              gint64      id,
              const char *text,
              const char *word,
              gsize       word_len,
              TokenHits  *hits)
{
  const char *at = strstr (text, word);

  if (at == NULL)
    return;
  BIT_SET (ensure_bits (s, &hits->any), id);
  if (at == text)
    BIT_SET (ensure_bits (s, &hits->prefix), id);
  if (at == text && text[word_len] == '\0')
    BIT_SET (ensure_bits (s, &hits->exact), id);
}

/* Checks each candidate against its name (@field NAME), its initials or
 * its full pinyin: whether it holds @word, and where. */
static gboolean
verify_candidates (Search        *s,
                   guint64       *candidates,
                   UdSearchField  field,
                   const char    *word,
                   TokenHits     *hits,
                   GError       **error)
{
  MemberInitials *initials = field == UD_SEARCH_FIELD_INITIALS ? member_initials_peek (s->db) : NULL;
  /* Names read for the table are kept in it, unless a transaction of
   * this connection could still take them back. */
  gboolean keep = initials != NULL && s->committed;
  sqlite3_stmt *stmt = NULL;
  gsize word_len = strlen (word);

  /* With the initials in memory a check costs a few nanoseconds: every
   * candidate is checked. */
  if (initials == NULL && bits_popcount (candidates, s->n_words) > VERIFY_MAX)
    {
      for (gsize w = 0; w < s->n_words; w++)
        ensure_bits (s, &hits->any)[w] |= candidates[w];
      return TRUE;
    }

  for (gsize w = 0; w < s->n_words; w++)
    for (guint64 word_bits = candidates[w]; word_bits != 0; word_bits &= word_bits - 1)
      {
        gint64 id = (gint64) (w * 64 + (guint) __builtin_ctzll (word_bits));
        g_autofree char *text = NULL;
        const char *name;

        if (initials != NULL && id <= initials->max_id && initials->packed[id] != INITIALS_UNKNOWN)
          {
            char kept[INITIALS_KEPT + 1] = { 0 };

            memcpy (kept, &initials->packed[id], INITIALS_KEPT);
            mark_if_held (s, id, kept, word, word_len, hits);
            continue;
          }

        /* The initials and the pinyin are read from the name, as the
         * index read them. */
        if (stmt == NULL &&
            (stmt = ud_database_prepare (s->db, "SELECT name FROM member WHERE id = ?1", error)) == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, id);
        if (sqlite3_step (stmt) != SQLITE_ROW)
          {
            sqlite3_reset (stmt);
            continue;
          }
        name = (const char *) sqlite3_column_text (stmt, 0);
        if (field == UD_SEARCH_FIELD_NAME)
          text = ud_text_fold (name);
        else
          ud_pinyin_for_name (name,
                              field == UD_SEARCH_FIELD_PINYIN ? &text : NULL,
                              field == UD_SEARCH_FIELD_INITIALS ? &text : NULL);
        sqlite3_reset (stmt);
        if (keep && id <= initials->max_id)
          initials->packed[id] = initials_pack (text);
        mark_if_held (s, id, text, word, word_len, hits);
      }

  return TRUE;
}

/* A word in the characters of the names (@field NAME) or in the pinyin
 * initials (INITIALS; @word is then lower-case ASCII). */
static gboolean
search_text_grams (Search        *s,
                   UdSearchField  field,
                   const char    *word,
                   TokenHits     *hits,
                   GError       **error)
{
  g_autofree gunichar *chars = NULL;
  g_autofree guint64 *candidates = NULL;
  gboolean any_bigram = FALSE;
  glong n = 0;

  chars = g_utf8_to_ucs4_fast (word, -1, &n);
  if (n == 0)
    return TRUE;
  if (n == 1)
    return lookup_gram (s, field, chars[0], 0, TRUE, hits, error);
  if (n == 2 && chars[0] != ' ' && chars[1] != ' ')
    return lookup_gram (s, field, chars[0], chars[1], TRUE, hits, error);

  /* Longer: the members that have every bigram, checked against the text. */
  candidates = bits_new (s);
  bits_fill (s, candidates);
  for (glong i = 0; i + 1 < n; i++)
    if (chars[i] != ' ' && chars[i + 1] != ' ')
      {
        any_bigram = TRUE;
        if (!narrow_by_gram (s, field, chars[i], chars[i + 1], candidates, error))
          return FALSE;
      }
  for (glong i = 0; !any_bigram && i < n; i++)
    if (chars[i] != ' ' &&
        !narrow_by_gram (s, field, chars[i], 0, candidates, error))
      return FALSE;

  return verify_candidates (s, candidates, field, word, hits, error);
}

/* ---- full pinyin ---- */

typedef struct
{
  guint syllables[8];   /* the complete syllables before the last piece */
  guint n;
  guint last_first;     /* the syllables the last piece may begin */
  guint last_n;
  guint last_exact;     /* the last piece as a whole syllable, or 0 */
} Reading;

#define MAX_READINGS 16

/* Every way to cut @word into syllables, the last one possibly cut short
 * (the clerk is still typing it): "xian" is xian/xiang, xi + an/ang, or
 * xia + n…. */
static void
split_pinyin (const char *word,
              Reading    *partial,
              GArray     *readings)
{
  gsize len = strlen (word);
  guint first, n;

  if (readings->len >= MAX_READINGS || len == 0)
    return;

  if (ud_pinyin_syllable_range (word, len, &first, &n))
    {
      Reading r = *partial;

      r.last_first = first;
      r.last_n = n;
      r.last_exact = ud_pinyin_syllable_index (word);
      g_array_append_val (readings, r);
    }

  if (partial->n == G_N_ELEMENTS (partial->syllables))
    return;
  for (gsize cut = 1; cut < len && cut <= UD_PINYIN_SYLLABLE_MAX; cut++)
    {
      g_autofree char *head = g_strndup (word, cut);
      guint index = ud_pinyin_syllable_index (head);
      Reading r;

      if (index == 0)
        continue;
      r = *partial;
      r.syllables[r.n++] = index;
      split_pinyin (word + cut, &r, readings);
    }
}

static gboolean
search_pinyin (Search     *s,
               const char *word,
               TokenHits  *hits,
               GError    **error)
{
  g_autoptr(GArray) readings = g_array_new (FALSE, FALSE, sizeof (Reading));
  Reading start = { { 0 } };

  split_pinyin (word, &start, readings);

  for (guint i = 0; i < readings->len; i++)
    {
      const Reading *r = &g_array_index (readings, Reading, i);
      g_autofree guint64 *candidates = NULL;
      g_autofree guint64 *last = NULL;

      if (r->n <= 1)
        {
          /* One or two syllables: their gram says where they stand. */
          for (guint x = r->last_first; x < r->last_first + r->last_n; x++)
            if (!lookup_gram (s, UD_SEARCH_FIELD_PINYIN,
                              r->n == 0 ? x : r->syllables[0], r->n == 0 ? 0 : x,
                              x == r->last_exact, hits, error))
              return FALSE;
          continue;
        }

      /* More: every pair of syllables, checked against the pinyin. */
      candidates = bits_new (s);
      bits_fill (s, candidates);
      for (guint k = 0; k + 1 < r->n; k++)
        if (!narrow_by_gram (s, UD_SEARCH_FIELD_PINYIN, r->syllables[k], r->syllables[k + 1],
                             candidates, error))
          return FALSE;
      last = bits_new (s);
      for (guint x = r->last_first; x < r->last_first + r->last_n; x++)
        for (guint place = 0; place < 4; place++)
          {
            gint64 term = _ud_search_gram_term (UD_SEARCH_FIELD_PINYIN, place, r->syllables[r->n - 1], x);

            if (!lookup_bits (s, term, term, last, error))
              return FALSE;
          }
      for (gsize w = 0; w < s->n_words; w++)
        candidates[w] &= last[w];
      if (!verify_candidates (s, candidates, UD_SEARCH_FIELD_PINYIN, word, hits, error))
        return FALSE;
    }

  return TRUE;
}

/* ---- digits ---- */

static const struct
{
  UdSearchNumber number;
  guint          max_length;
  const char    *column;
} numbers[] = {
  { UD_SEARCH_NUMBER_ID, 18, "id_number" },
  { UD_SEARCH_NUMBER_PHONE, 11, "phone" },
  { UD_SEARCH_NUMBER_CARD, 19, "card_number" },
};


/* Keeps in @have the ids that are also in @other (both sorted). */
static void
ids_intersect (GArray *have,
               GArray *other)
{
  guint out = 0, j = 0;

  for (guint i = 0; i < have->len; i++)
    {
      gint64 id = g_array_index (have, gint64, i);

      while (j < other->len && g_array_index (other, gint64, j) < id)
        j++;
      if (j < other->len && g_array_index (other, gint64, j) == id)
        g_array_index (have, gint64, out++) = id;
    }
  g_array_set_size (have, out);
}

/* Sorts @ids (member ids up to the search's last) and drops twins: many of
 * them through a bitmap read in order, which is linear (the union of a
 * slot's eleven lookups can be every member: all card numbers begin
 * 6222, and a qsort of them took 40 ms, issue 13). */
static void
sort_unique_ids (Search *s,
                 GArray *ids)
{
  g_autofree guint64 *bits = NULL;
  guint out = 0;

  if (ids->len < 4096)
    {
      _ud_search_sort_unique (ids);
      return;
    }

  bits = bits_new (s);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (id > 0 && id <= s->max_id)
        BIT_SET (bits, id);
    }
  for (gsize w = 0; w < s->n_words; w++)
    for (guint64 word = bits[w]; word != 0; word &= word - 1)
      g_array_index (ids, gint64, out++) = (gint64) (w * 64 + (guint) __builtin_ctzll (word));
  g_array_set_size (ids, out);
}

/* The members whose @number has @codes (@len of them) at @position: the
 * slots that cover them, each looked up with its one unknown digit open. */
static gboolean
digits_at (Search          *s,
           UdSearchNumber   number,
           int              position,
           const int       *codes,
           int              len,
           GArray          *found,
           GError         **error)
{
  g_autoptr(GArray) slot_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int first_slot = position & ~1;
  int last_slot = position + len - 4;
  gboolean first = TRUE;

  /* The last slot is the even one of position + len - 4 and - 3: it
   * reaches the last digit and leaves at most one position open. */
  if (last_slot < 0 || (last_slot & 1) != 0)
    last_slot++;
  last_slot = MAX (last_slot, first_slot);

  g_array_set_size (found, 0);
  for (int slot = first_slot;; slot = MIN (slot + 4, last_slot))
    {
      int gram[UD_SEARCH_DIGIT_SLOT];
      gint64 lo, hi;

      for (int i = 0; i < UD_SEARCH_DIGIT_SLOT; i++)
        {
          int at = slot + i - position;

          gram[i] = at >= 0 && at < len ? codes[at] : UD_SEARCH_DIGIT_ANY;
        }

      g_array_set_size (slot_ids, 0);
      if (gram[0] == UD_SEARCH_DIGIT_ANY)
        {
          /* The digit before the word: each of them (never a pad). */
          for (int digit = 0; digit <= 10; digit++)
            {
              gram[0] = digit;
              _ud_search_digit_terms (number, (guint) slot, gram, &lo, &hi);
              if (!_ud_search_lookup (s->db, lo, hi, slot_ids, error))
                return FALSE;
            }
          sort_unique_ids (s, slot_ids);
        }
      else
        {
          _ud_search_digit_terms (number, (guint) slot, gram, &lo, &hi);
          if (!_ud_search_lookup (s->db, lo, hi, slot_ids, error))
            return FALSE;
          if (lo != hi)
            sort_unique_ids (s, slot_ids);
        }

      if (first)
        g_array_append_vals (found, slot_ids->data, slot_ids->len);
      else
        ids_intersect (found, slot_ids);
      first = FALSE;
      if (found->len == 0 || slot >= last_slot)
        break;
    }

  return TRUE;
}

/* An exact match is a whole number; few enough to check one by one. */
static gboolean
mark_whole_numbers (Search      *s,
                    guint        n,
                    GArray      *ids,
                    const char  *word,
                    TokenHits   *hits,
                    GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM member WHERE id = ?1", numbers[n].column);
  sqlite3_stmt *stmt;

  if (ids->len > 32)
    return TRUE;

  if (sqlite3_prepare_v2 (ud_database_get_handle (s->db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      ud_database_set_error (s->db, error, _("search the members"));
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW &&
          g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), word) == 0 &&
          id <= s->max_id)
        BIT_SET (ensure_bits (s, &hits->exact), id);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  return TRUE;
}

static gboolean
search_digits (Search      *s,
               const char  *word,
               TokenHits   *hits,
               GError     **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  int codes[64];
  int len = 0;

  for (const char *p = word; *p != '\0' && len < (int) G_N_ELEMENTS (codes); p++)
    codes[len++] = _ud_search_digit_code (*p);

  for (guint n = 0; n < G_N_ELEMENTS (numbers); n++)
    for (int position = 0; position + len <= (int) numbers[n].max_length; position++)
      {
        if (cancelled (s, error) ||
            !digits_at (s, numbers[n].number, position, codes, len, found, error))
          return FALSE;
        if (found->len == 0)
          continue;
        bits_set_ids (s, ensure_bits (s, &hits->any), found);
        if (position == 0)
          {
            bits_set_ids (s, ensure_bits (s, &hits->prefix), found);
            if (!mark_whole_numbers (s, n, found, word, hits, error))
              return FALSE;
          }
      }

  return TRUE;
}

/* One or two digits: nearly every member has them somewhere. */
static gboolean
scan_short_digits (Search      *s,
                   const char  *word,
                   TokenHits   *hits,
                   GError     **error)
{
  g_autofree char *pattern = g_strconcat ("%", word, "%", NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (s->db,
                              "SELECT id FROM member WHERE deleted = 0 AND"
                              " (id_number LIKE ?1 OR phone LIKE ?1 OR card_number LIKE ?1)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  set_cancel_handler (s->db, s->cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id > 0 && id <= s->max_id)
        BIT_SET (ensure_bits (s, &hits->any), id);
    }
  sqlite3_reset (stmt);
  set_cancel_handler (s->db, NULL);

  return !step_failed (s->db, rc, s->cancellable, error);
}

static gboolean
search_units (Search      *s,
              const char  *word,
              TokenHits   *hits,
              GError     **error)
{
  g_autofree char *pattern = g_strconcat ("%", word, "%", NULL);
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (s->db, "SELECT id FROM unit WHERE deleted = 0 AND name LIKE ?1", error);
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
  if (step_failed (s->db, rc, s->cancellable, error))
    return FALSE;

  if (units->len > 0)
    {
      hits->units = g_malloc0 (hits->max_unit_id / 8 + 1);
      for (guint i = 0; i < units->len; i++)
        {
          gint64 id = g_array_index (units, gint64, i);

          hits->units[id / 8] |= (guint8) (1 << (id % 8));
        }
    }

  return TRUE;
}

static gboolean
is_number_word (const char *word)
{
  if (!g_ascii_isdigit (*word))
    return FALSE;
  for (const char *p = word; *p != '\0'; p++)
    if (_ud_search_digit_code (*p) < 0)
      return FALSE;
  return TRUE;
}

static gboolean
is_latin_word (const char *word)
{
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_islower (*p))
      return FALSE;
  return TRUE;
}

static gboolean
search_word (Search      *s,
             const char  *raw_word,
             TokenHits   *hits,
             GError     **error)
{
  g_autofree char *word = ud_text_fold (raw_word);

  if (*word == '\0')
    return TRUE;

  if (cancelled (s, error))
    return FALSE;

  if (is_number_word (word))
    {
      if (strlen (word) <= 2 ? !scan_short_digits (s, word, hits, error)
                             : !search_digits (s, word, hits, error))
        return FALSE;
    }
  else
    {
      if (!search_text_grams (s, UD_SEARCH_FIELD_NAME, word, hits, error))
        return FALSE;
      if (is_latin_word (word) &&
          (!search_text_grams (s, UD_SEARCH_FIELD_INITIALS, word, hits, error) ||
           !search_pinyin (s, word, hits, error)))
        return FALSE;
    }

  return search_units (s, word, hits, error);
}

/* Splits the search text into words: each must match. */
static GArray *
search_hits (Search      *s,
             const char  *text,
             GError     **error)
{
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (TokenHits));
  g_autoptr(GString) folded = g_string_new (text);
  g_auto(GStrv) words = NULL;

  g_array_set_clear_func (all, (GDestroyNotify) token_hits_clear);

  /* g_strsplit_set() splits on bytes: the ideographic space becomes an
   * ASCII one first.  LIKE wildcards are not search text. */
  g_string_replace (folded, "\u3000", " ", 0);
  words = g_strsplit_set (folded->str, " \t%_\\", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      TokenHits hits = { NULL };

      g_strstrip (words[i]);
      if (*words[i] == '\0' || !g_utf8_validate (words[i], -1, NULL))
        continue;
      if (!search_word (s, words[i], &hits, error))
        {
          token_hits_clear (&hits);
          return NULL;
        }
      g_array_append_val (all, hits);
    }

  return g_steal_pointer (&all);
}


static gboolean
passes_filters (const UdMemberQuery *query,
                const MemberCodes   *codes,
                gint64               id,
                guint8               status,
                guint8               employment,
                guint8               model_worker,
                gboolean             any_title)
{
  return !((query->status != NULL && codes->status[id] != status) ||
           (query->employment != NULL && codes->employment[id] != employment) ||
           (model_worker != 0 && codes->model_worker[id] != model_worker) ||
           (any_title && codes->model_worker[id] == 0) ||
           (query->unit_id > 0 && codes->unit_ids[id] != query->unit_id));
}

static const guint32 *
member_order_positions (MemberOrder *order)
{
  if (order->positions == NULL)
    {
      order->positions = g_new (guint32, order->max_id + 1);
      memset (order->positions, 0xff, (order->max_id + 1) * sizeof (guint32));
      for (guint i = 0; i < order->n; i++)
        order->positions[order->ids[i]] = i;
    }

  return order->positions;
}

static void
unit_members_build (MemberCodes *codes)
{
  guint32 *fill;

  if (codes->unit_start != NULL)
    return;

  for (gint64 id = 1; id <= codes->max_id; id++)
    codes->max_unit_id = MAX (codes->max_unit_id, codes->unit_ids[id]);
  codes->unit_start = g_new0 (guint32, codes->max_unit_id + 2);
  for (gint64 id = 1; id <= codes->max_id; id++)
    if (codes->unit_ids[id] > 0)
      codes->unit_start[codes->unit_ids[id] + 1]++;
  for (gint64 u = 1; u <= codes->max_unit_id + 1; u++)
    codes->unit_start[u] += codes->unit_start[u - 1];
  codes->unit_members = g_new (guint32, MAX (codes->unit_start[codes->max_unit_id + 1], 1));
  fill = g_memdup2 (codes->unit_start, (codes->max_unit_id + 1) * sizeof (guint32));
  for (gint64 id = 1; id <= codes->max_id; id++)
    if (codes->unit_ids[id] > 0)
      codes->unit_members[fill[codes->unit_ids[id]]++] = (guint32) id;
  g_free (fill);
}

/* The members a word finds by the name of their unit. */
static guint64 *
members_of_units (const TokenHits *hits,
                  MemberCodes     *codes,
                  gsize            n_words)
{
  guint64 *bits = g_new0 (guint64, n_words);

  unit_members_build (codes);
  for (gint64 u = 1; u <= MIN (hits->max_unit_id, codes->max_unit_id); u++)
    if ((hits->units[u / 8] & (1 << (u % 8))) != 0)
      for (guint32 i = codes->unit_start[u]; i < codes->unit_start[u + 1]; i++)
        BIT_SET (bits, codes->unit_members[i]);

  return bits;
}

/* The members of every word, in bitmaps by rank: each member found by
 * every word, at the best rank a word gives it. */
static void
rank_bitmaps (GArray      *hits,
              MemberCodes *codes,
              gsize        n_words,
              guint64    **by_rank)
{
  g_autofree guint64 *all = g_new (guint64, n_words);
  g_autofree guint64 *exact = g_new0 (guint64, n_words);
  g_autofree guint64 *prefix = g_new0 (guint64, n_words);
  g_autofree guint64 *own = g_new0 (guint64, n_words);

  memset (all, 0xff, n_words * sizeof (guint64));
  for (guint t = 0; t < hits->len; t++)
    {
      const TokenHits *h = &g_array_index (hits, TokenHits, t);
      g_autofree guint64 *by_unit = h->units != NULL ? members_of_units (h, codes, n_words) : NULL;

      for (gsize w = 0; w < n_words; w++)
        {
          all[w] &= (h->any != NULL ? h->any[w] : 0) | (by_unit != NULL ? by_unit[w] : 0);
          exact[w] |= h->exact != NULL ? h->exact[w] : 0;
          prefix[w] |= h->prefix != NULL ? h->prefix[w] : 0;
          own[w] |= h->any != NULL ? h->any[w] : 0;
        }
    }

  for (guint r = 0; r < N_RANKS; r++)
    by_rank[r] = g_new (guint64, n_words);
  for (gsize w = 0; w < n_words; w++)
    {
      by_rank[RANK_EXACT][w] = all[w] & exact[w];
      by_rank[RANK_PREFIX][w] = all[w] & prefix[w] & ~exact[w];
      by_rank[RANK_CONTAINS][w] = all[w] & own[w] & ~prefix[w] & ~exact[w];
      by_rank[RANK_UNIT][w] = all[w] & ~own[w];
    }
}

static GArray *
search_members (UdDatabase           *db,
                const UdKind         *kind,
                const UdMemberQuery  *query,
                gboolean              committed,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *sort = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GArray) scratch = NULL;
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
      Search s = { db, cancellable, order->max_id, (gsize) order->max_id / 64 + 1, NULL, committed };

      /* Members an import added that the fill has not reached yet are
       * looked up in memory, alongside the postings. */
      if (!_ud_search_pending_prepare (db, data_version (db), committed, cancellable, error))
        return NULL;

      scratch = s.scratch = g_array_new (FALSE, FALSE, sizeof (gint64));
      hits = search_hits (&s, query->text, error);
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
      codes = member_codes_get (db, kind, stamp, order->max_id, NULL, cancellable, error);
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

  if (searched)
    {
      gsize n_words = (gsize) order->max_id / 64 + 1;
      guint64 *by_rank[N_RANKS];
      guint want = query->limit > 0 ? query->limit : G_MAXUINT;

      rank_bitmaps (hits, codes, n_words, by_rank);
      ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 256);

      /* Rank by rank, each in the list's order, as far as the limit: a
       * rank of few members is sorted by place, a big one is found by
       * walking the roll only as far as needed. */
      for (guint r = 0; r < N_RANKS && ids->len < want; r++)
        {
          guint n = bits_popcount (by_rank[r], n_words);

          if (n == 0)
            continue;

          /* Walking the roll finds the rank's next member every
           * order->n / n places and stops at the limit; placing them
           * touches each of the n once, at a random place.  The walk
           * when it is the shorter (by a factor of four, its steps being
           * the cheaper). */
          if ((guint64) (want - ids->len) * order->n >= (guint64) 4 * n * n)
            {
              /* The places in the roll are distinct: a bitmap over them
               * read in order is the sort, without comparing (a rank of
               * 50,000 members took a qsort of 5 ms, issue 13). */
              const guint32 *positions = member_order_positions (order);
              gsize n_place_words = order->n / 64 + 1;
              g_autofree guint64 *placed = g_new0 (guint64, n_place_words);

              for (gsize w = 0; w < n_words; w++)
                for (guint64 bits = by_rank[r][w]; bits != 0; bits &= bits - 1)
                  {
                    gint64 id = (gint64) (w * 64 + (guint) __builtin_ctzll (bits));
                    guint32 position;

                    if (id > order->max_id || positions[id] == G_MAXUINT32 ||
                        (filtered && !passes_filters (query, codes, id, status, employment, model_worker, any_title)))
                      continue;
                    position = query->descending ? order->n - 1 - positions[id] : positions[id];
                    BIT_SET (placed, position);
                  }
              for (gsize w = 0; w < n_place_words && ids->len < want; w++)
                for (guint64 bits = placed[w]; bits != 0 && ids->len < want; bits &= bits - 1)
                  {
                    guint position = (guint) (w * 64 + (guint) __builtin_ctzll (bits));
                    gint64 id = order->ids[query->descending ? order->n - 1 - position : position];

                    g_array_append_val (ids, id);
                  }
            }
          else
            {
              for (guint k = 0; k < order->n && ids->len < want; k++)
                {
                  gint64 id = order->ids[query->descending ? order->n - 1 - k : k];

                  if (BIT_TEST (by_rank[r], id) &&
                      (!filtered || passes_filters (query, codes, id, status, employment, model_worker, any_title)))
                    g_array_append_val (ids, id);
                }
            }
        }

      for (guint r = 0; r < N_RANKS; r++)
        g_free (by_rank[r]);
      return g_steal_pointer (&ids);
    }

  /* No search: the roll in order, filtered. */
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), filtered ? 256 : order->n);
  for (guint k = 0; k < order->n; k++)
    {
      guint i = query->descending ? order->n - 1 - k : k;
      gint64 id = order->ids[i];

      if (filtered && !passes_filters (query, codes, id, status, employment, model_worker, any_title))
        continue;
      g_array_append_val (ids, id);
      if (query->limit > 0 && ids->len >= query->limit)
        break;
    }

  return g_steal_pointer (&ids);
}

GArray *
_ud_search_members (UdDatabase           *db,
                    const UdKind         *kind,
                    const UdMemberQuery  *query,
                    GCancellable         *cancellable,
                    GError              **error)
{
  sqlite3 *handle;
  GArray *ids;

  g_return_val_if_fail (UD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  /* A search makes dozens of lookups (a number fragment, hundreds), each
   * a read transaction of its own with its locks taken and given back:
   * one read transaction for all of them, when no other is open. */
  handle = ud_database_get_handle (db);
  if (!sqlite3_get_autocommit (handle) ||
      sqlite3_exec (handle, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
    return search_members (db, kind, query, sqlite3_get_autocommit (handle), cancellable, error);

  ids = search_members (db, kind, query, TRUE, cancellable, error);
  /* It only read: should the end fail, the reading is given up rather
   * than the connection left in a transaction. */
  if (!sqlite3_get_autocommit (handle) &&
      sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
  return ids;
}

GArray *
_ud_search_query (UdDatabase           *db,
                  const UdRecordQuery  *query,
                  gboolean             *answered,
                  GCancellable         *cancellable,
                  GError              **error)
{
  UdMemberQuery members = { 0 };

  *answered = TRUE;
  for (guint i = 0; i < query->n_filters; i++)
    {
      const UdRecordFilter *filter = &query->filters[i];
      const char *value = filter->value;
      char **slot = NULL;

      if (g_strcmp0 (filter->field, "status") == 0)
        slot = &members.status;
      else if (g_strcmp0 (filter->field, "employment") == 0)
        slot = &members.employment;
      else if (g_strcmp0 (filter->field, "model_worker") == 0)
        slot = &members.model_worker;

      if (slot != NULL && *slot == NULL && filter->op == UD_RECORD_FILTER_EQUALS && value != NULL)
        *slot = (char *) value;
      else if (slot == &members.model_worker && *slot == NULL && filter->op == UD_RECORD_FILTER_NOT_EMPTY)
        members.model_worker = (char *) "*";
      else if (g_strcmp0 (filter->field, "unit") == 0 && members.unit_id == 0 &&
               filter->op == UD_RECORD_FILTER_EQUALS && value != NULL &&
               g_ascii_string_to_signed (value, 10, 1, G_MAXINT64, &members.unit_id, NULL))
        ;
      else
        {
          /* A filter the roll's index does not keep: SQL's. */
          *answered = FALSE;
          return NULL;
        }
    }

  members.text = (char *) query->text;
  members.sort_field = (char *) query->sort_field;
  members.descending = query->descending;
  members.limit = query->limit;

  return _ud_search_members (db, query->kind, &members, cancellable, error);
}

static gint64
cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

gboolean
_ud_search_warm (UdDatabase    *db,
                 const UdKind  *kind,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree char *sort = sort_expression (kind, NULL);
  MemberOrder *order;
  MemberCodes *codes;
  MemberInitials *initials;
  MemberInitials *fresh = NULL;
  sqlite3_stmt *stmt;
  gint64 stamp;
  gint64 t[5];
  int rc;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (!ud_database_require (db, kind->view_permission, error))
    return FALSE;

  stamp = ud_database_get_change_stamp (db);
  t[0] = cpu_us ();
  order = member_order_get (db, sort, stamp, cancellable, error);
  if (order == NULL)
    return FALSE;
  member_order_positions (order);
  t[1] = cpu_us ();
  /* The initials are read with the codes, in one pass over the table. */
  initials = member_initials_peek (db);
  if (initials == NULL || initials->max_id < order->max_id)
    fresh = member_initials_new (db, order->max_id);
  codes = member_codes_get (db, kind, stamp, order->max_id, fresh, cancellable, error);
  if (codes == NULL)
    {
      if (fresh != NULL)
        member_initials_free (fresh);
      return FALSE;
    }
  if (fresh != NULL)
    ud_database_set_cache (db, MEMBER_INITIALS_KEY, fresh, member_initials_free);
  t[2] = cpu_us ();
  unit_members_build (codes);
  t[3] = cpu_us ();

  /* Every page of the index, once: after this a search reads from
   * memory, whatever it looks up first. */
  stmt = ud_database_prepare (db, "SELECT sum (length (ids)) FROM search_posting", error);
  if (stmt == NULL)
    return FALSE;
  set_cancel_handler (db, cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
  set_cancel_handler (db, NULL);
  if (rc == SQLITE_DONE &&
      !_ud_search_pending_prepare (db, data_version (db), sqlite3_get_autocommit (ud_database_get_handle (db)),
                                   cancellable, error))
    return FALSE;
  t[4] = cpu_us ();
  g_debug ("Search warmed in %.0f ms of processor time: the order %.0f, the codes and initials %.0f, the units %.0f, the index %.0f",
           (t[4] - t[0]) / 1000.0, (t[1] - t[0]) / 1000.0, (t[2] - t[1]) / 1000.0,
           (t[3] - t[2]) / 1000.0, (t[4] - t[3]) / 1000.0);

  return !step_failed (db, rc, cancellable, error);
}
