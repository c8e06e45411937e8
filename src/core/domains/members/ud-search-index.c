/* ud-search-index.c — the member search index: terms and their postings
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-search"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "ud-search-private.h"
#include "ud-pinyin.h"
#include "ud-text.h"

/* An index built for the searches the office makes (DESIGN §5), not a
 * general full-text index.  Every member is filed under a few dozen
 * terms, each a 63-bit integer:
 *
 *  - the one- and two-character grams of the folded name, of its pinyin
 *    initials and (syllable by syllable) of its full pinyin, each marked
 *    with whether it starts and whether it ends the name: a one- or
 *    two-character query is answered, and ranked (exact, prefix,
 *    substring), by looking up its own grams;
 *  - the digits of the ID, phone and card numbers by position: four
 *    digits at every even position ("slot") of each number, a position
 *    past the end written as a pad.  A fragment of three digits or more
 *    that starts at position p lies in the slots p (or p - 1), p + 4, …
 *    with at most one digit of each slot unknown, so a few lookups find
 *    exactly the members that have it there, and nothing needs checking
 *    against the stored numbers.
 *
 * The postings of a term — the ids of its members — are kept in rows of
 * up to ROW_MAX ids and ROW_MAX_BYTES bytes in increasing order, keyed by
 * (term, first id), the gaps Rice-coded: about 1.5 bytes a posting.  A single save rewrites
 * the one row of each term that changed; an import, a pulled page or a
 * rebuild collects its postings in memory and writes each term once
 * (the "bulk" below).
 */

#define ROW_MAX       1024
/* A row of an index B-tree longer than about 1,000 bytes (on 4 KiB pages)
 * spills into an overflow page of its own, mostly empty: at 1,000,000
 * members that was half the index. */
#define ROW_MAX_BYTES 960
/* Up to this many members a rebuild collects all their postings at once
 * (about 45 a member, 4 bytes each); more, a class of terms at a time. */
#define REBUILD_AT_ONCE_MAX 200000
#define BULK_MAX_OPS  (6u * 1024 * 1024)
#define OP_REMOVE     0x80000000u
#define OP_ID_MASK    0x7fffffffu

#define TERM_FIELD_SHIFT 44
#define TERM_PLACE_SHIFT 42

/* ---- terms ---------------------------------------------------------------- */

gint64
_ud_search_gram_term (UdSearchField field,
                      guint         place,
                      guint32       first,
                      guint32       second)
{
  /* Characters fit in 21 bits, syllable numbers in 9. */
  guint64 payload = field == UD_SEARCH_FIELD_PINYIN
                    ? ((guint64) first << 9) | second
                    : ((guint64) first << 21) | second;

  return (gint64) (((guint64) field << TERM_FIELD_SHIFT) |
                   ((guint64) (place & 3) << TERM_PLACE_SHIFT) |
                   payload);
}

int
_ud_search_digit_code (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c == 'x' || c == 'X')
    return 10;
  return -1;
}

void
_ud_search_digit_terms (UdSearchNumber  number,
                        guint           slot,
                        const int      *codes,
                        gint64         *lo,
                        gint64         *hi)
{
  guint64 base = ((guint64) UD_SEARCH_FIELD_DIGITS << TERM_FIELD_SHIFT) |
                 ((guint64) number << 24) | ((guint64) (slot & 0xff) << 16);
  gboolean open = codes[UD_SEARCH_DIGIT_SLOT - 1] == UD_SEARCH_DIGIT_ANY;

  for (guint i = 0; i < UD_SEARCH_DIGIT_SLOT; i++)
    base |= (guint64) (codes[i] < 0 ? 0 : codes[i]) << (4 * (UD_SEARCH_DIGIT_SLOT - 1 - i));

  /* The last code is the lowest nibble: leaving it open is a range. */
  *lo = (gint64) base;
  *hi = (gint64) (open ? base | 0xf : base);
}

static void
add_grams (GArray            *terms,
           UdSearchField      field,
           const guint32     *units,
           guint              n)
{
  for (guint i = 0; i < n; i++)
    for (guint len = 1; len <= 2 && i + len <= n; len++)
      {
        guint place = (i == 0 ? UD_SEARCH_AT_START : 0) |
                      (i + len == n ? UD_SEARCH_AT_END : 0);
        gint64 term;

        /* 0 is a break (a space in the folded name): no gram spans it. */
        if (units[i] == 0 || (len == 2 && units[i + 1] == 0))
          continue;
        term = _ud_search_gram_term (field, place, units[i], len == 2 ? units[i + 1] : 0);
        g_array_append_val (terms, term);
      }
}

static void
add_text_grams (GArray        *terms,
                UdSearchField  field,
                const char    *folded)
{
  g_autofree gunichar *chars = NULL;
  glong n = 0;

  chars = g_utf8_to_ucs4_fast (folded, -1, &n);
  for (glong i = 0; i < n; i++)
    if (chars[i] == ' ')
      chars[i] = 0;
  add_grams (terms, field, chars, (guint) n);
}

static void
add_digit_slots (GArray         *terms,
                 UdSearchNumber  number,
                 const char     *value)
{
  int codes[64];
  guint n = 0;

  if (value == NULL)
    return;

  /* Separators typed in a number are not part of it. */
  for (const char *p = value; *p != '\0' && n < G_N_ELEMENTS (codes); p++)
    {
      int code = _ud_search_digit_code (*p);

      if (code >= 0)
        codes[n++] = code;
    }
  if (n == 0)
    return;

  /* Every even position up to the one whose slot holds the last digit
   * and one pad: together they cover every digit. */
  for (guint slot = 0; slot == 0 || slot + 3 <= n; slot += 2)
    {
      int gram[UD_SEARCH_DIGIT_SLOT];
      gint64 lo, hi;

      for (guint i = 0; i < UD_SEARCH_DIGIT_SLOT; i++)
        gram[i] = slot + i < n ? codes[slot + i] : UD_SEARCH_DIGIT_PAD;
      _ud_search_digit_terms (number, slot, gram, &lo, &hi);
      g_array_append_val (terms, lo);
    }
}

int
_ud_search_compare_int64 (gconstpointer a,
                          gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A member's few dozen terms are sorted in place: g_array_sort() of so
 * few, through its comparison callback, cost more than making them. */
#define SORT_INSERTION_MAX 96

void
_ud_search_sort_unique (GArray *values)
{
  guint out = 0;

  if (values->len <= SORT_INSERTION_MAX)
    {
      gint64 *v = (gint64 *) (gpointer) values->data;

      for (guint i = 1; i < values->len; i++)
        {
          gint64 x = v[i];
          guint j = i;

          for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
          v[j] = x;
        }
    }
  else
    g_array_sort (values, _ud_search_compare_int64);
  for (guint i = 0; i < values->len; i++)
    if (out == 0 || g_array_index (values, gint64, i) != g_array_index (values, gint64, out - 1))
      g_array_index (values, gint64, out++) = g_array_index (values, gint64, i);
  g_array_set_size (values, out);
}

/* Which terms member_terms_of() makes: a rebuild makes them a class at a
 * time, in term order. */
typedef enum
{
  TERMS_NAME = 1 << 0,     /* name, initials and pinyin grams */
  TERMS_ID = 1 << 1,
  TERMS_PHONE = 1 << 2,
  TERMS_CARD = 1 << 3,
  TERMS_ALL = 0xf,
} TermClasses;

/* Every term of @classes a member is filed under, sorted. */
static GArray *
member_terms_of (const char  *name,
                 const char  *id_number,
                 const char  *phone,
                 const char  *card_number,
                 TermClasses  classes)
{
  GArray *terms = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 64);

  if ((classes & TERMS_NAME) != 0 && name != NULL && *name != '\0')
    {
      g_autofree char *folded = ud_text_fold (name);
      g_autofree char *initials = NULL;
      g_autoptr(GPtrArray) syllables = ud_pinyin_name_syllables (name, &initials);
      g_autofree guint32 *numbers = g_new (guint32, syllables->len + 1);

      add_text_grams (terms, UD_SEARCH_FIELD_NAME, folded);
      add_text_grams (terms, UD_SEARCH_FIELD_INITIALS, initials);
      for (guint i = 0; i < syllables->len; i++)
        numbers[i] = ud_pinyin_syllable_index (g_ptr_array_index (syllables, i));
      add_grams (terms, UD_SEARCH_FIELD_PINYIN, numbers, syllables->len);
    }

  if ((classes & TERMS_ID) != 0)
    add_digit_slots (terms, UD_SEARCH_NUMBER_ID, id_number);
  if ((classes & TERMS_PHONE) != 0)
    add_digit_slots (terms, UD_SEARCH_NUMBER_PHONE, phone);
  if ((classes & TERMS_CARD) != 0)
    add_digit_slots (terms, UD_SEARCH_NUMBER_CARD, card_number);

  _ud_search_sort_unique (terms);
  return terms;
}

static GArray *
member_terms (const char *name,
              const char *id_number,
              const char *phone,
              const char *card_number)
{
  return member_terms_of (name, id_number, phone, card_number, TERMS_ALL);
}

static GArray *
record_terms (const UdRecord *record)
{
  if (record == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  return member_terms (ud_record_get (record, "name"),
                       ud_record_get (record, "id_number"),
                       ud_record_get (record, "phone"),
                       ud_record_get (record, "card_number"));
}

/* ---- rows: Rice-coded gaps ------------------------------------------------- */

/* A row's blob: the Rice parameter k, the number of ids after the first
 * (a varint), then for each the gap to the previous minus one: its high
 * part in unary (ones ended by a zero), its k low bits.  A gap too big
 * for the unary part (an id far from the previous) is ESCAPE ones and 40
 * plain bits. */
#define RICE_ESCAPE 32

typedef struct
{
  GByteArray *out;
  guint64     acc;
  guint       n_bits;
} BitWriter;

static void
bits_put (BitWriter *w,
          guint64    value,
          guint      n_bits)
{
  while (n_bits > 0)
    {
      guint take = MIN (n_bits, 32u);
      guint64 part = (value >> (n_bits - take)) & ((G_GUINT64_CONSTANT (1) << take) - 1);

      w->acc = (w->acc << take) | part;
      w->n_bits += take;
      n_bits -= take;
      while (w->n_bits >= 8)
        {
          guint8 byte = (guint8) (w->acc >> (w->n_bits - 8));

          g_byte_array_append (w->out, &byte, 1);
          w->n_bits -= 8;
        }
    }
}

static void
bits_flush (BitWriter *w)
{
  if (w->n_bits > 0)
    bits_put (w, 0, 8 - w->n_bits);
}

/* Reads the bits most significant first through a 64-bit window: the
 * top @avail bits of @window are the next ones, the rest are zero.  A
 * search decodes a few hundred thousand gaps: a word at a time, not a bit
 * at a time (issue 13). */
typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
  guint64       window;
  guint         avail;
} BitReader;

static inline void
bits_refill (BitReader *r)
{
  while (r->avail <= 56 && r->pos < r->len)
    {
      r->window |= (guint64) r->data[r->pos++] << (56 - r->avail);
      r->avail += 8;
    }
}

/* @n_bits ≤ 56; FALSE past the end. */
static inline gboolean
bits_get (BitReader *r,
          guint      n_bits,
          guint64   *value)
{
  if (n_bits == 0)
    {
      *value = 0;
      return TRUE;
    }
  bits_refill (r);
  if (r->avail < n_bits)
    return FALSE;
  *value = r->window >> (64 - n_bits);
  r->window <<= n_bits;
  r->avail -= n_bits;
  return TRUE;
}

/* The ones before the next zero, at most RICE_ESCAPE of them (then the
 * zero is not there to read); FALSE past the end. */
static inline gboolean
bits_unary (BitReader *r,
            guint64   *q)
{
  guint64 inverse;
  guint ones;

  bits_refill (r);
  inverse = ~r->window;
  /* The bits past @avail are zero in the window: ones here, so the count
   * stops at @avail at the latest. */
  ones = inverse == 0 ? 64 : (guint) __builtin_clzll (inverse);
  if (ones >= RICE_ESCAPE)
    {
      r->window <<= RICE_ESCAPE;
      r->avail -= RICE_ESCAPE;
      *q = RICE_ESCAPE;
      return TRUE;
    }
  if (ones >= r->avail)
    return FALSE;
  r->window <<= ones + 1;
  r->avail -= ones + 1;
  *q = ones;
  return TRUE;
}

static void
encode_row (GByteArray   *out,
            const gint64 *ids,
            guint         n)
{
  BitWriter w = { out, 0, 0 };
  guint8 header[11];
  guint header_len = 1;
  guint64 count = n - 1;
  guint k = 0;

  g_byte_array_set_size (out, 0);
  if (n > 1)
    {
      double mean = (double) (ids[n - 1] - ids[0]) / (n - 1);

      /* The best Rice parameter is close to log2 of the mean gap × ln 2. */
      while (k < 40 && (double) (G_GUINT64_CONSTANT (1) << (k + 1)) <= mean * 0.69)
        k++;
    }
  header[0] = (guint8) k;
  do
    {
      header[header_len++] = (guint8) ((count & 0x7f) | (count > 0x7f ? 0x80 : 0));
      count >>= 7;
    }
  while (count > 0);
  g_byte_array_append (out, header, header_len);

  for (guint i = 1; i < n; i++)
    {
      guint64 gap = (guint64) (ids[i] - ids[i - 1] - 1);
      guint64 q = gap >> k;

      if (q >= RICE_ESCAPE)
        {
          bits_put (&w, (G_GUINT64_CONSTANT (1) << RICE_ESCAPE) - 1, RICE_ESCAPE);
          bits_put (&w, gap, 40);
          continue;
        }
      bits_put (&w, ((G_GUINT64_CONSTANT (1) << q) - 1) << 1, (guint) q + 1);
      if (k > 0)
        bits_put (&w, gap & ((G_GUINT64_CONSTANT (1) << k) - 1), k);
    }
  bits_flush (&w);
}

/* Appends the ids of a row to @ids; FALSE for a damaged row. */
static gboolean
decode_row (gint64        first,
            const guint8 *data,
            gsize         len,
            GArray       *ids)
{
  BitReader r = { data, len, 0, 0, 0 };
  guint64 count = 0;
  guint shift = 0;
  gsize pos = 1;
  gint64 id = first;
  gint64 *out;
  guint old_len = ids->len;
  guint k;

  if (len < 2)
    return FALSE;
  k = data[0];
  if (k > 40)
    return FALSE;
  do
    {
      if (pos >= len || shift > 56)
        return FALSE;
      count |= (guint64) (data[pos] & 0x7f) << shift;
      shift += 7;
    }
  while (data[pos++] & 0x80);

  /* Each id after the first takes a bit at least. */
  if (count > (guint64) (len - pos) * 8)
    return FALSE;
  g_array_set_size (ids, old_len + (guint) count + 1);
  out = &g_array_index (ids, gint64, old_len);
  *out++ = id;
  r.pos = pos;
  for (guint64 i = 0; i < count; i++)
    {
      guint64 q, low;

      if (!bits_unary (&r, &q))
        goto damaged;
      if (q == RICE_ESCAPE)
        {
          if (!bits_get (&r, 40, &low))
            goto damaged;
          id += (gint64) low + 1;
        }
      else
        {
          if (!bits_get (&r, k, &low))
            goto damaged;
          id += (gint64) ((q << k) | low) + 1;
        }
      *out++ = id;
    }

  return TRUE;

damaged:
  g_array_set_size (ids, old_len);
  return FALSE;
}

/* ---- writing one term ------------------------------------------------------ */

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

static gboolean
damaged (GError **error)
{
  g_set_error_literal (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_CORRUPT,
                       _("The search index is damaged. Run “uniondesk-cli check” and restore a backup if it reports problems."));
  return FALSE;
}

/* Into an empty index the rows go POSTING_BATCH at a time: one INSERT of
 * many rows costs a fraction of as many statements (a rebuild of 100,000
 * members writes 121,000 rows). */
#define POSTING_BATCH 32

typedef struct
{
  gint64      terms[POSTING_BATCH];
  gint64      firsts[POSTING_BATCH];
  guint       ends[POSTING_BATCH];    /* where each row's blob ends in data */
  guint       n;
  GByteArray *data;
} Pending;

static const char *
posting_batch_sql (void)
{
  static gsize done = 0;
  static char *sql;

  if (g_once_init_enter (&done))
    {
      GString *text = g_string_new ("INSERT INTO search_posting (term, first, ids) VALUES ");

      for (guint i = 0; i < POSTING_BATCH; i++)
        g_string_append_printf (text, "%s(?%u, ?%u, ?%u)", i > 0 ? ", " : "", 3 * i + 1, 3 * i + 2, 3 * i + 3);
      sql = g_string_free (text, FALSE);
      g_once_init_leave (&done, 1);
    }

  return sql;
}

static gboolean
insert_row (UdDatabase    *db,
            gint64         term,
            gint64         first,
            const guint8  *data,
            guint          len,
            GError       **error)
{
  sqlite3_stmt *stmt = ud_database_prepare (db, "INSERT INTO search_posting (term, first, ids) VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, term);
  sqlite3_bind_int64 (stmt, 2, first);
  sqlite3_bind_blob (stmt, 3, data, (int) len, SQLITE_STATIC);
  return step_done (db, stmt, error);
}

/* Writes the rows @pending holds and empties it. */
static gboolean
pending_flush (UdDatabase  *db,
               Pending     *pending,
               GError     **error)
{
  sqlite3_stmt *stmt;
  guint start = 0;

  if (pending->n < POSTING_BATCH)
    {
      for (guint i = 0; i < pending->n; i++)
        {
          if (!insert_row (db, pending->terms[i], pending->firsts[i], pending->data->data + start,
                           pending->ends[i] - start, error))
            return FALSE;
          start = pending->ends[i];
        }
    }
  else
    {
      stmt = ud_database_prepare (db, posting_batch_sql (), error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < POSTING_BATCH; i++)
        {
          sqlite3_bind_int64 (stmt, 3 * i + 1, pending->terms[i]);
          sqlite3_bind_int64 (stmt, 3 * i + 2, pending->firsts[i]);
          sqlite3_bind_blob (stmt, 3 * i + 3, pending->data->data + start, (int) (pending->ends[i] - start),
                             SQLITE_STATIC);
          start = pending->ends[i];
        }
      if (!step_done (db, stmt, error))
        return FALSE;
    }

  pending->n = 0;
  g_byte_array_set_size (pending->data, 0);
  return TRUE;
}

/* Applies @ops (ids, OP_REMOVE marking removals; sorted by id, each id
 * once) to the postings of @term: the rows that hold ids from the first
 * to the last of @ops are read, merged and written again.  With
 * @pending, the index is empty: nothing is read, and the rows are added
 * to @pending for pending_flush() to write. */
static gboolean
write_term (UdDatabase    *db,
            gint64         term,
            const guint32 *ops,
            guint          n_ops,
            Pending       *pending,
            GArray        *scratch,
            GByteArray    *blob,
            GError       **error)
{
  gint64 lo = ops[0] & OP_ID_MASK;
  gint64 hi = ops[n_ops - 1] & OP_ID_MASK;
  gint64 first_row = -1, last_row = -1;
  gint64 *merged;
  guint n_read, n_merged;
  sqlite3_stmt *stmt;
  guint i, j;
  int rc;

  g_array_set_size (scratch, 0);
  if (pending != NULL)
    goto merge;   /* an empty index: nothing to read */

  stmt = ud_database_prepare (db,
                              "SELECT first, ids FROM search_posting"
                              " WHERE term = ?1 AND first <= ?3 AND first >="
                              " coalesce ((SELECT max (first) FROM search_posting"
                              "            WHERE term = ?1 AND first <= ?2), ?2)"
                              " ORDER BY first",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, term);
  sqlite3_bind_int64 (stmt, 2, lo);
  sqlite3_bind_int64 (stmt, 3, hi);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 first = sqlite3_column_int64 (stmt, 0);

      if (first_row < 0)
        first_row = first;
      last_row = first;
      if (!decode_row (first, sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1), scratch))
        {
          sqlite3_reset (stmt);
          return damaged (error);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("update the search index"));
      return FALSE;
    }

merge:
  /* The merged list goes behind what was read, in the same scratch
   * array: no allocation for each term. */
  n_read = scratch->len;
  g_array_set_size (scratch, n_read + n_read + n_ops);
  merged = &g_array_index (scratch, gint64, n_read);
  n_merged = 0;
  for (i = 0, j = 0; i < n_read || j < n_ops;)
    {
      gint64 have = i < n_read ? g_array_index (scratch, gint64, i) : G_MAXINT64;
      gint64 op_id = j < n_ops ? (gint64) (ops[j] & OP_ID_MASK) : G_MAXINT64;

      if (have < op_id)
        {
          merged[n_merged++] = have;
          i++;
          continue;
        }
      if ((ops[j] & OP_REMOVE) == 0)
        merged[n_merged++] = op_id;
      if (have == op_id)
        i++;
      j++;
    }

  if (first_row >= 0)
    {
      stmt = ud_database_prepare (db,
                                  "DELETE FROM search_posting WHERE term = ?1 AND first >= ?2 AND first <= ?3",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, term);
      sqlite3_bind_int64 (stmt, 2, first_row);
      sqlite3_bind_int64 (stmt, 3, last_row);
      if (!step_done (db, stmt, error))
        return FALSE;
    }

  for (guint start = 0, n = 0; start < n_merged; start += n)
    {
      const gint64 *ids = &merged[start];

      /* As many ids as fit in a row that stays within its page. */
      n = MIN (n_merged - start, (guint) ROW_MAX);
      encode_row (blob, ids, n);
      while (blob->len > ROW_MAX_BYTES && n > 1)
        {
          n = MAX (1, (guint) ((guint64) n * (ROW_MAX_BYTES - 16) / blob->len));
          encode_row (blob, ids, n);
        }
      if (pending == NULL)
        {
          if (!insert_row (db, term, ids[0], blob->data, blob->len, error))
            return FALSE;
          continue;
        }
      g_byte_array_append (pending->data, blob->data, blob->len);
      pending->terms[pending->n] = term;
      pending->firsts[pending->n] = ids[0];
      pending->ends[pending->n] = pending->data->len;
      if (++pending->n == POSTING_BATCH && !pending_flush (db, pending, error))
        return FALSE;
    }

  return TRUE;
}

/* ---- collecting changes ---------------------------------------------------- */

#define BULK_KEY "ud-search-bulk"

/* A term and its ops, in the order collected: one slot of an
 * open-addressed table (a term is never 0).  Key and list share a slot,
 * so that adding an op touches one line of the table and the list's
 * tail: a GHashTable of boxed 64-bit keys, then keys, slots and lists in
 * three arrays, spent more time chasing pointers than the rest of an
 * import. */
typedef struct
{
  gint64   term;
  guint32 *ops;
  guint32  len;
  guint32  size;
} TermOps;

typedef struct
{
  TermOps    *table;
  gsize       mask;       /* capacity - 1 */
  guint       n_terms;
  GHashTable *members;    /* member ids collected since the last write */
  gsize       n_ops;
  gboolean    fresh;      /* the index is empty: nothing to merge with */
} Bulk;

static void
bulk_clear (Bulk *bulk)
{
  for (gsize i = 0; i <= bulk->mask; i++)
    g_free (bulk->table[i].ops);
  memset (bulk->table, 0, (bulk->mask + 1) * sizeof (TermOps));
  bulk->n_terms = 0;
  g_hash_table_remove_all (bulk->members);
  bulk->n_ops = 0;
}

static void
bulk_free (gpointer data)
{
  Bulk *bulk = data;

  bulk_clear (bulk);
  g_free (bulk->table);
  g_hash_table_unref (bulk->members);
  g_free (bulk);
}

static Bulk *
bulk_new (void)
{
  Bulk *bulk = g_new0 (Bulk, 1);

  bulk->mask = 4095;
  bulk->table = g_new0 (TermOps, bulk->mask + 1);
  bulk->members = g_hash_table_new (g_direct_hash, g_direct_equal);
  return bulk;
}

static inline gsize
term_hash (gint64 term)
{
  guint64 x = (guint64) term;

  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  return (gsize) x;
}

static gsize
bulk_find (const TermOps *table,
           gsize          mask,
           gint64         term)
{
  gsize i = term_hash (term) & mask;

  while (table[i].term != 0 && table[i].term != term)
    i = (i + 1) & mask;
  return i;
}

static void
bulk_grow (Bulk *bulk)
{
  TermOps *old = bulk->table;
  gsize old_size = bulk->mask + 1;

  bulk->mask = 2 * old_size - 1;
  bulk->table = g_new0 (TermOps, bulk->mask + 1);
  for (gsize i = 0; i < old_size; i++)
    if (old[i].term != 0)
      bulk->table[bulk_find (bulk->table, bulk->mask, old[i].term)] = old[i];
  g_free (old);
}

static void
bulk_add (Bulk    *bulk,
          gint64   term,
          guint32  op)
{
  TermOps *entry = &bulk->table[bulk_find (bulk->table, bulk->mask, term)];

  if (entry->term == 0)
    {
      if (2 * (bulk->n_terms + 1) > bulk->mask + 1)
        {
          bulk_grow (bulk);
          entry = &bulk->table[bulk_find (bulk->table, bulk->mask, term)];
        }
      entry->term = term;
      bulk->n_terms++;
    }

  if (entry->len == entry->size)
    {
      entry->size = MAX (4, 2 * entry->size);
      entry->ops = g_renew (guint32, entry->ops, entry->size);
    }
  entry->ops[entry->len++] = op;
  bulk->n_ops++;
}

/* Appends the ids collected for the terms lo … hi, those from
 * @skip_below on, each term's in the order added. */
static void
bulk_each_in (Bulk    *bulk,
              gint64   lo,
              gint64   hi,
              gint64   skip_below,
              GArray  *ids)
{
  /* A lookup is one term or the sixteen of an open digit: probed one by
   * one; a wider range (none is made now) walks the table. */
  for (gint64 term = lo; hi - lo <= 64 && term <= hi; term++)
    {
      const TermOps *entry = &bulk->table[bulk_find (bulk->table, bulk->mask, term)];

      for (guint i = 0; term != 0 && entry->term == term && i < entry->len; i++)
        if ((gint64) (entry->ops[i] & OP_ID_MASK) >= skip_below)
          {
            gint64 id = entry->ops[i] & OP_ID_MASK;

            g_array_append_val (ids, id);
          }
    }

  for (gsize slot = 0; hi - lo > 64 && slot <= bulk->mask; slot++)
    {
      const TermOps *entry = &bulk->table[slot];

      if (entry->term == 0 || entry->term < lo || entry->term > hi)
        continue;
      for (guint i = 0; i < entry->len; i++)
        if ((gint64) (entry->ops[i] & OP_ID_MASK) >= skip_below)
          {
            gint64 id = entry->ops[i] & OP_ID_MASK;

            g_array_append_val (ids, id);
          }
    }
}

static int
compare_op (gconstpointer a,
            gconstpointer b)
{
  guint32 x = *(const guint32 *) a & OP_ID_MASK;
  guint32 y = *(const guint32 *) b & OP_ID_MASK;

  return x < y ? -1 : x > y;
}

static int
compare_term_ops (const void *a,
                  const void *b)
{
  return _ud_search_compare_int64 (&((const TermOps *) a)->term, &((const TermOps *) b)->term);
}

/* Writes what @bulk collected, term by term in term order, and empties it. */
static gboolean
bulk_write (UdDatabase  *db,
            Bulk        *bulk,
            GError     **error)
{
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GByteArray) blob = g_byte_array_new ();
  g_autoptr(GByteArray) pending_data = NULL;
  Pending pending = { { 0 } };
  TermOps *order;
  guint n = 0;
  gboolean ok = TRUE;

  if (bulk->fresh)
    pending.data = pending_data = g_byte_array_new ();

  /* The used slots, moved to the front of the table and sorted there:
   * the table is emptied anyway. */
  order = bulk->table;
  for (gsize i = 0; i <= bulk->mask; i++)
    if (order[i].term != 0)
      order[n++] = order[i];
  for (gsize i = n; i <= bulk->mask; i++)
    memset (&order[i], 0, sizeof (TermOps));
  qsort (order, n, sizeof (TermOps), compare_term_ops);

  for (guint i = 0; ok && i < n; i++)
    {
      TermOps *list = &order[i];
      gboolean sorted = TRUE;

      /* Members come in id order, except those a batch changes. */
      for (guint j = 1; sorted && j < list->len; j++)
        sorted = (list->ops[j - 1] & OP_ID_MASK) < (list->ops[j] & OP_ID_MASK);
      if (!sorted)
        qsort (list->ops, list->len, sizeof (guint32), compare_op);
      ok = write_term (db, list->term, list->ops, list->len, bulk->fresh ? &pending : NULL, scratch, blob, error);
      g_clear_pointer (&list->ops, g_free);
    }
  if (ok && bulk->fresh)
    ok = pending_flush (db, &pending, error);

  bulk_clear (bulk);
  bulk->fresh = FALSE;
  return ok;
}

void
_ud_search_bulk_begin (UdDatabase *db)
{
  Bulk *bulk;
  sqlite3_stmt *stmt;

  g_return_if_fail (UD_IS_DATABASE (db));
  g_return_if_fail (ud_database_get_cache (db, BULK_KEY) == NULL);

  bulk = bulk_new ();
  stmt = ud_database_prepare (db, "SELECT NOT EXISTS (SELECT 1 FROM search_posting)", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    bulk->fresh = sqlite3_column_int (stmt, 0) != 0;
  if (stmt != NULL)
    sqlite3_reset (stmt);
  ud_database_set_cache (db, BULK_KEY, bulk, bulk_free);
}

gboolean
_ud_search_bulk_end (UdDatabase  *db,
                     GError     **error)
{
  Bulk *bulk;
  gboolean ok;
  guint n_terms;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  bulk = ud_database_get_cache (db, BULK_KEY);
  g_return_val_if_fail (bulk != NULL, FALSE);

  n_terms = bulk->n_terms;
  ok = bulk_write (db, bulk, error);
  g_debug ("Search index: %u terms written in %.0f ms", n_terms,
           (g_get_monotonic_time () - start) / 1000.0);
  ud_database_set_cache (db, BULK_KEY, NULL, NULL);
  return ok;
}

gboolean
_ud_search_bulk_active (UdDatabase *db)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  return ud_database_get_cache (db, BULK_KEY) != NULL;
}

void
_ud_search_bulk_abort (UdDatabase *db)
{
  g_return_if_fail (UD_IS_DATABASE (db));

  ud_database_set_cache (db, BULK_KEY, NULL, NULL);
}

/* Indexes @member_id under the terms of @after that @before has not, and
 * takes it out of those of @before that @after has not (both sorted). */
static gboolean
apply_terms (UdDatabase  *db,
             gint64       member_id,
             GArray      *before,
             GArray      *after,
             GError     **error)
{
  Bulk *bulk = ud_database_get_cache (db, BULK_KEY);
  g_autoptr(GArray) scratch = NULL;
  g_autoptr(GByteArray) blob = NULL;
  guint i = 0, j = 0;

  if (member_id <= 0 || member_id > OP_ID_MASK)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, member_id);

      g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                   _("The member number %s is out of the search index’s range."), number);
      return FALSE;
    }

  if (bulk != NULL)
    {
      /* Each member once per write: a second change of the same member
       * (a roster naming it twice) comes after the first is written. */
      if (g_hash_table_contains (bulk->members, GSIZE_TO_POINTER ((gsize) member_id)) ||
          bulk->n_ops > BULK_MAX_OPS)
        {
          if (!bulk_write (db, bulk, error))
            return FALSE;
        }
      g_hash_table_add (bulk->members, GSIZE_TO_POINTER ((gsize) member_id));
    }
  else
    {
      scratch = g_array_new (FALSE, FALSE, sizeof (gint64));
      blob = g_byte_array_new ();
    }

  while (i < before->len || j < after->len)
    {
      gint64 old_term = i < before->len ? g_array_index (before, gint64, i) : G_MAXINT64;
      gint64 new_term = j < after->len ? g_array_index (after, gint64, j) : G_MAXINT64;
      gint64 term;
      guint32 op;

      if (old_term == new_term)
        {
          i++, j++;
          continue;
        }
      if (old_term < new_term)
        {
          term = old_term;
          op = (guint32) member_id | OP_REMOVE;
          i++;
        }
      else
        {
          term = new_term;
          op = (guint32) member_id;
          j++;
        }

      if (bulk != NULL)
        bulk_add (bulk, term, op);
      else if (!write_term (db, term, &op, 1, NULL, scratch, blob, error))
        return FALSE;
    }

  return TRUE;
}

#define DEFER_KEY "ud-search-deferred"

/* ---- members indexed later ------------------------------------------------- */

/* A big import commits its rows without their postings: the members from
 * row id search_pending_from (in meta) on are left to _ud_search_fill(),
 * which indexes them after the commit, a slice at a time, moving the
 * mark on in the same transaction (so that a program stopped midway, or
 * a crash, leaves it where the next fill resumes).  The postings hold
 * exactly the live members below the mark.  Meanwhile a search also
 * looks its terms up among the members past the mark, whose terms it
 * makes in memory (PendingTerms) from their rows as a fill would: the
 * same terms, so the same members found and ranked the same. */
#define LATER_KEY    "ud-search-later"
#define PENDING_KEY  "ud-search-pending"
#define PENDING_META "search_pending_from"
#define FILL_AT_ONCE_MAX 200000

typedef struct
{
  gint64   from;          /* the mark its members were read from */
  gint64   skip_below;    /* the mark now: the fill indexed those below */
  gint64   data_version;  /* of the connection when it was read */
  gboolean transient;     /* read inside a writing transaction: this search only */
  Bulk    *bulk;          /* their terms and ids, as a fill collects them */
} PendingTerms;

static void
pending_terms_free (gpointer data)
{
  PendingTerms *pending = data;

  bulk_free (pending->bulk);
  g_free (pending);
}

/* The first member id the postings lack, G_MAXINT64 when they lack none. */
static gint64
pending_mark (UdDatabase *db)
{
  g_autofree char *value = ud_database_get_meta (db, PENDING_META);
  gint64 mark;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, 1, G_MAXINT64, &mark, NULL))
    return G_MAXINT64;
  return mark;
}

/* The mark as this connection's batch set it, or as the database has it. */
static gint64
later_mark (UdDatabase *db)
{
  gint64 *mark = ud_database_get_cache (db, LATER_KEY);

  return mark != NULL ? *mark : pending_mark (db);
}

gboolean
_ud_search_later (UdDatabase  *db,
                  GError     **error)
{
  gint64 mark = pending_mark (db);
  gint64 *kept;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (mark == G_MAXINT64)
    {
      sqlite3_stmt *stmt = ud_database_prepare (db, "SELECT coalesce (max (id), 0) + 1 FROM member", error);
      g_autofree char *text = NULL;
      int rc;

      if (stmt == NULL)
        return FALSE;
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        mark = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          ud_database_set_error (db, error, _("update the search index"));
          return FALSE;
        }
      text = g_strdup_printf ("%" G_GINT64_FORMAT, mark);
      if (!ud_database_set_meta (db, PENDING_META, text, error))
        return FALSE;
    }

  kept = g_new (gint64, 1);
  *kept = mark;
  ud_database_set_cache (db, LATER_KEY, kept, g_free);
  ud_database_set_cache (db, PENDING_KEY, NULL, NULL);
  return TRUE;
}

void
_ud_search_later_end (UdDatabase *db)
{
  g_return_if_fail (UD_IS_DATABASE (db));

  ud_database_set_cache (db, LATER_KEY, NULL, NULL);
  /* The members the batch added are past the mark: read them again. */
  ud_database_set_cache (db, PENDING_KEY, NULL, NULL);
}

gint64
_ud_search_pending_count (UdDatabase *db)
{
  gint64 mark;
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (UD_IS_DATABASE (db), 0);

  mark = pending_mark (db);
  if (mark == G_MAXINT64)
    return 0;
  stmt = ud_database_prepare (db, "SELECT count (*) FROM member WHERE id >= ?1 AND deleted = 0", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, mark);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* The live members from @from on, @max of them at most (-1: all), their
 * terms into @bulk; the last id read in @last, how many in @n. */
static gboolean
collect_members_from (UdDatabase    *db,
                      gint64         from,
                      gint64         max,
                      Bulk          *bulk,
                      gint64        *last,
                      gint64        *n,
                      GCancellable  *cancellable,
                      GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (db,
                              "SELECT id, name, id_number, phone, card_number FROM member"
                              " WHERE id >= ?1 AND deleted = 0 ORDER BY id LIMIT ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, max);
  *n = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GArray) terms = NULL;
      gint64 id = sqlite3_column_int64 (stmt, 0);

      *last = id;
      (*n)++;
      if (id <= 0 || id > OP_ID_MASK)
        continue;
      terms = member_terms_of ((const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 3),
                               (const char *) sqlite3_column_text (stmt, 4),
                               TERMS_ALL);
      for (guint i = 0; i < terms->len; i++)
        bulk_add (bulk, g_array_index (terms, gint64, i), (guint32) id);
      if ((*n & 1023) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  sqlite3_reset (stmt);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("update the search index"));
      return FALSE;
    }
  return TRUE;
}

/* One slice of the fill, within its transaction: the members from @mark
 * on, @max at most; the new mark in @next (G_MAXINT64: none left). */
static gboolean
fill_slice (UdDatabase    *db,
            gint64         mark,
            gint64         max,
            gint64        *next,
            GCancellable  *cancellable,
            GError       **error)
{
  Bulk *bulk;
  gint64 last = mark, n = 0;

  _ud_search_bulk_begin (db);
  bulk = ud_database_get_cache (db, BULK_KEY);
  if (!collect_members_from (db, mark, max, bulk, &last, &n, cancellable, error))
    {
      _ud_search_bulk_abort (db);
      return FALSE;
    }
  if (!_ud_search_bulk_end (db, error))
    return FALSE;

  *next = n < max ? G_MAXINT64 : last + 1;
  return TRUE;
}

gboolean
_ud_search_fill (UdDatabase    *db,
                 guint          max_members,
                 guint64       *left,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gint64 start = g_get_monotonic_time ();
  gint64 mark, next, first;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  if (left != NULL)
    *left = 0;
  if (pending_mark (db) == G_MAXINT64)
    return TRUE;

  if (!ud_database_begin (db, error))
    return FALSE;
  /* Read again in the transaction: another connection may have moved it. */
  first = next = mark = pending_mark (db);
  while (next != G_MAXINT64)
    {
      gint64 slice = max_members > 0 ? MIN ((gint64) max_members, FILL_AT_ONCE_MAX) : FILL_AT_ONCE_MAX;

      if (!fill_slice (db, mark, slice, &next, cancellable, error))
        goto failed;
      if (max_members > 0)
        break;
      mark = next;
    }

  if (next == G_MAXINT64)
    {
      if (!ud_database_exec (db, "DELETE FROM meta WHERE key = '" PENDING_META "'", error))
        goto failed;
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, next);

      if (!ud_database_set_meta (db, PENDING_META, text, error))
        goto failed;
    }
  if (!ud_database_commit (db, error))
    goto failed;
  if (next == G_MAXINT64)
    ud_database_set_cache (db, PENDING_KEY, NULL, NULL);

  if (left != NULL)
    *left = (guint64) _ud_search_pending_count (db);
  g_debug ("Search index filled from member %" G_GINT64_FORMAT " in %.0f ms",
           first, (g_get_monotonic_time () - start) / 1000.0);
  return TRUE;

failed:
  _ud_search_bulk_abort (db);
  ud_database_rollback (db);
  return FALSE;
}

gboolean
_ud_search_pending_prepare (UdDatabase    *db,
                            gint64         data_version,
                            gboolean       committed,
                            GCancellable  *cancellable,
                            GError       **error)
{
  PendingTerms *pending;
  gint64 mark;
  gint64 last = 0, n = 0;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  pending = ud_database_get_cache (db, PENDING_KEY);
  mark = pending_mark (db);
  if (mark == G_MAXINT64)
    {
      ud_database_set_cache (db, PENDING_KEY, NULL, NULL);
      return TRUE;
    }
  /* Still right: nothing committed elsewhere, none of them written here
   * (_ud_search_index_member() forgets it), and the fill only moved on. */
  if (pending != NULL && !pending->transient &&
      pending->data_version == data_version && pending->from <= mark)
    {
      pending->skip_below = mark;
      return TRUE;
    }

  pending = g_new0 (PendingTerms, 1);
  pending->from = pending->skip_below = mark;
  pending->data_version = data_version;
  pending->transient = !committed;
  pending->bulk = bulk_new ();
  if (!collect_members_from (db, mark, -1, pending->bulk, &last, &n, cancellable, error))
    {
      pending_terms_free (pending);
      return FALSE;
    }
  ud_database_set_cache (db, PENDING_KEY, pending, pending_terms_free);
  return TRUE;
}

void
_ud_search_pending_forget (UdDatabase *db)
{
  g_return_if_fail (UD_IS_DATABASE (db));

  ud_database_set_cache (db, PENDING_KEY, NULL, NULL);
}

gboolean
_ud_search_index_member (UdDatabase      *db,
                         gint64           member_id,
                         const UdRecord  *before,
                         const UdRecord  *after,
                         GError         **error)
{
  g_autoptr(GArray) old_terms = NULL;
  g_autoptr(GArray) new_terms = NULL;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  _ud_search_forget_member (db, member_id);

  /* The whole index is built again when the writing is done. */
  if (ud_database_get_cache (db, DEFER_KEY) != NULL)
    return TRUE;
  /* A member the fill has not reached yet: it reads the row as it is
   * then; a search finds it meanwhile through the pending terms. */
  if (member_id >= later_mark (db))
    {
      ud_database_set_cache (db, PENDING_KEY, NULL, NULL);
      return TRUE;
    }

  old_terms = record_terms (before);
  new_terms = record_terms (after);

  return apply_terms (db, member_id, old_terms, new_terms, error);
}

gboolean
_ud_search_defer (UdDatabase  *db,
                  GError     **error)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  /* Should the program stop before the index is built, the next open
   * builds it (the member kind's opened hook). */
  if (!ud_database_set_meta (db, "search_rebuild", "1", error))
    return FALSE;
  _ud_search_forget_all (db);
  ud_database_set_cache (db, DEFER_KEY, GINT_TO_POINTER (TRUE), NULL);
  return TRUE;
}

gboolean
_ud_search_deferred (UdDatabase *db)
{
  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  return ud_database_get_cache (db, DEFER_KEY) != NULL;
}

void
_ud_search_undefer (UdDatabase *db)
{
  g_return_if_fail (UD_IS_DATABASE (db));

  ud_database_set_cache (db, DEFER_KEY, NULL, NULL);
}

/* How many live members the roll holds (0 on an error: the rebuild then
 * reads it in passes). */
static gint64
live_members (UdDatabase *db)
{
  sqlite3_stmt *stmt = ud_database_prepare (db, "SELECT count (*) FROM member WHERE deleted = 0", NULL);
  gint64 n = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return n;
}

gboolean
_ud_search_rebuild (UdDatabase    *db,
                    GCancellable  *cancellable,
                    GError       **error)
{
  /* One class of terms at a time, in term order (names, initials and
   * pinyin < ID < phone < card numbers): each pass collects its postings
   * in memory and appends them behind the previous pass's, so that the
   * rows go in in key order, into full pages, and a million members need
   * a fifth of their postings in memory at once. */
  static const TermClasses by_class[] = { TERMS_NAME, TERMS_ID, TERMS_PHONE, TERMS_CARD };
  static const TermClasses at_once[] = { TERMS_ALL };
  const TermClasses *passes = by_class;
  guint n_passes = G_N_ELEMENTS (by_class);
  gint64 start = g_get_monotonic_time ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (ud_database_get_cache (db, BULK_KEY) == NULL, FALSE);

  /* A roll whose postings fit in a few tens of megabytes is read once. */
  if (live_members (db) <= REBUILD_AT_ONCE_MAX)
    {
      passes = at_once;
      n_passes = 1;
    }

  _ud_search_undefer (db);
  _ud_search_forget_all (db);
  if (!ud_database_exec (db, "DELETE FROM search_posting", error))
    return FALSE;

  for (guint p = 0; p < n_passes; p++)
    {
      Bulk *bulk;
      int rc;

      stmt = ud_database_prepare (db,
                                  "SELECT id, name, id_number, phone, card_number FROM member"
                                  " WHERE deleted = 0 ORDER BY id",
                                  error);
      if (stmt == NULL)
        return FALSE;

      _ud_search_bulk_begin (db);
      bulk = ud_database_get_cache (db, BULK_KEY);
      bulk->fresh = TRUE;   /* every row of this pass is new */
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(GArray) terms = NULL;
          gint64 id = sqlite3_column_int64 (stmt, 0);

          if (id <= 0 || id > OP_ID_MASK)
            continue;
          terms = member_terms_of ((const char *) sqlite3_column_text (stmt, 1),
                                   (const char *) sqlite3_column_text (stmt, 2),
                                   (const char *) sqlite3_column_text (stmt, 3),
                                   (const char *) sqlite3_column_text (stmt, 4),
                                   passes[p]);
          for (guint i = 0; i < terms->len; i++)
            bulk_add (bulk, g_array_index (terms, gint64, i), (guint32) id);
        }
      sqlite3_reset (stmt);

      if (rc != SQLITE_DONE || g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          if (error != NULL && *error == NULL)
            ud_database_set_error (db, error, _("update the search index"));
          _ud_search_bulk_abort (db);
          return FALSE;
        }
      if (!_ud_search_bulk_end (db, error))
        return FALSE;
    }

  g_debug ("Search index built in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  /* Every member is in the postings now, those an import left too. */
  ud_database_set_cache (db, PENDING_KEY, NULL, NULL);
  return ud_database_exec (db, "DELETE FROM meta WHERE key IN ('search_rebuild', '" PENDING_META "')", error);
}

/* ---- reading --------------------------------------------------------------- */

gboolean
_ud_search_lookup (UdDatabase  *db,
                   gint64       lo,
                   gint64       hi,
                   GArray      *ids,
                   GError     **error)
{
  PendingTerms *pending;
  sqlite3_stmt *stmt;
  int rc;

  stmt = ud_database_prepare (db,
                              "SELECT first, ids FROM search_posting WHERE term >= ?1 AND term <= ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lo);
  sqlite3_bind_int64 (stmt, 2, hi);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!decode_row (sqlite3_column_int64 (stmt, 0), sqlite3_column_blob (stmt, 1),
                     sqlite3_column_bytes (stmt, 1), ids))
      {
        sqlite3_reset (stmt);
        return damaged (error);
      }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ud_database_set_error (db, error, _("search the members"));
      return FALSE;
    }

  /* The members past the mark, from memory: their ids are above every
   * id of the postings, so that a term's ids stay in order. */
  pending = ud_database_get_cache (db, PENDING_KEY);
  if (pending != NULL)
    bulk_each_in (pending->bulk, lo, hi, pending->skip_below, ids);

  return TRUE;
}
